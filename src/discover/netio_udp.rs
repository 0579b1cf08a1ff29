//! NETIO's UDP discover (protocols/netio.md section 3): the 3-byte request sent to UDP port
//! 62387, and the reply every NETIO device sends back, `02 XX XX` then type-length-value
//! fields. The parser is tolerant where the official tool is strict: unknown types are
//! skipped by their length, a field ending exactly at the end of the datagram is kept, and a
//! field whose length points past the end is dropped; nothing a device sends can make it
//! panic or allocate more than the datagram holds.

use std::net::Ipv4Addr;

/// The request: "discover", as NETIO's tools send it.
pub const REQUEST: [u8; 3] = [0x01, 0xEC, 0x00];

/// Where devices listen for the request.
pub const DEVICE_PORT: u16 = 62387;

/// Where devices send their replies (by broadcast), so where pductl listens.
pub const REPLY_PORT: u16 = 62386;

/// Field types of a reply (netio.md 3.3).
mod field {
    pub const FIRMWARE: u8 = 0x01;
    pub const MAC: u8 = 0x02;
    pub const IP: u8 = 0x03;
    pub const NETMASK: u8 = 0x04;
    pub const HOSTNAME: u8 = 0x05;
    pub const PRODUCT: u8 = 0x09;
    pub const MANUFACTURER: u8 = 0x0A;
    pub const PLATFORM: u8 = 0x0B;
    pub const VARIANT: u8 = 0x0C;
    pub const GATEWAY: u8 = 0x0E;
    pub const PRETTY_PLATFORM_NAME: u8 = 0x12;
    pub const DEVICE_NAME: u8 = 0x13;
}

/// What one reply says about a device (every field optional: devices differ).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Reply {
    pub firmware: Option<String>,
    /// `AA:BB:CC:DD:EE:FF`, upper case.
    pub mac: Option<String>,
    pub ip: Option<Ipv4Addr>,
    pub netmask: Option<Ipv4Addr>,
    pub hostname: Option<String>,
    pub product: Option<String>,
    pub manufacturer: Option<String>,
    pub platform: Option<String>,
    pub variant: Option<String>,
    pub gateway: Option<Ipv4Addr>,
    pub pretty_platform: Option<String>,
    pub device_name: Option<String>,
}

impl Reply {
    /// The model as people call it: the pretty platform name (`NETIO 4All`) where the
    /// device gives one, else the product (`PowerPDU 4PS`).
    pub fn model(&self) -> Option<&str> {
        self.pretty_platform
            .as_deref()
            .filter(|s| !s.is_empty())
            .or(self.product.as_deref())
    }
}

/// Reads a reply; `None` when the datagram is not one (too short, or not starting with
/// `0x02`).
pub fn parse(datagram: &[u8]) -> Option<Reply> {
    if datagram.len() < 3 || datagram[0] != 0x02 {
        return None;
    }
    let mut reply = Reply::default();
    let mut at = 3;
    // Two bytes of type and length must remain for a field to start.
    while at + 2 <= datagram.len() {
        let kind = datagram[at];
        let len = usize::from(datagram[at + 1]);
        at += 2;
        let Some(data) = datagram.get(at..at + len) else {
            break; // its length points past the end: what is left is not a field
        };
        at += len;
        store(&mut reply, kind, data);
    }
    Some(reply)
}

fn store(reply: &mut Reply, kind: u8, data: &[u8]) {
    let text = || {
        Some(
            String::from_utf8_lossy(data)
                .trim_end_matches('\0')
                .to_string(),
        )
    };
    let ipv4 = || <[u8; 4]>::try_from(data).ok().map(Ipv4Addr::from);
    match kind {
        field::FIRMWARE => reply.firmware = text(),
        field::MAC if data.len() == 6 => {
            let hex: Vec<String> = data.iter().map(|b| format!("{b:02X}")).collect();
            reply.mac = Some(hex.join(":"));
        }
        field::IP => reply.ip = ipv4(),
        field::NETMASK => reply.netmask = ipv4(),
        field::HOSTNAME => reply.hostname = text(),
        field::PRODUCT => reply.product = text(),
        field::MANUFACTURER => reply.manufacturer = text(),
        field::PLATFORM => reply.platform = text(),
        field::VARIANT => reply.variant = text(),
        field::GATEWAY => reply.gateway = ipv4(),
        field::PRETTY_PLATFORM_NAME => reply.pretty_platform = text(),
        field::DEVICE_NAME => reply.device_name = text(),
        _ => {} // DHCP, setup state, timeout, DNS, and types yet unknown
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// A reply laid out as the field table says, for round trips (each field at most 255
    /// bytes, as one length byte allows).
    fn encode(r: &Reply) -> Vec<u8> {
        let mut out = vec![0x02, 0xAB, 0x6B];
        let mut put = |kind: u8, data: &[u8]| {
            out.push(kind);
            out.push(data.len() as u8);
            out.extend_from_slice(data);
        };
        let text = |s: &Option<String>| s.as_ref().map(|s| s.as_bytes().to_vec());
        for (kind, value) in [
            (field::FIRMWARE, text(&r.firmware)),
            (field::HOSTNAME, text(&r.hostname)),
            (field::PRODUCT, text(&r.product)),
            (field::MANUFACTURER, text(&r.manufacturer)),
            (field::PLATFORM, text(&r.platform)),
            (field::VARIANT, text(&r.variant)),
            (field::PRETTY_PLATFORM_NAME, text(&r.pretty_platform)),
            (field::DEVICE_NAME, text(&r.device_name)),
            (field::IP, r.ip.map(|ip| ip.octets().to_vec())),
            (field::NETMASK, r.netmask.map(|ip| ip.octets().to_vec())),
            (field::GATEWAY, r.gateway.map(|ip| ip.octets().to_vec())),
        ] {
            if let Some(v) = value {
                put(kind, &v);
            }
        }
        if let Some(mac) = &r.mac {
            let bytes: Vec<u8> = mac
                .split(':')
                .map(|h| u8::from_str_radix(h, 16).unwrap())
                .collect();
            put(field::MAC, &bytes);
        }
        out
    }

    #[test]
    fn reads_the_worked_example() {
        // netio.md 3.5, with its one trailing pad byte.
        let hex = "02 AB 6B 09 06 4E 65 74 69 6F 34 12 0A 4E 45 54 49 4F 20 34 41 6C 6C 01 05 33 2E 34 2E 30 \
                   02 06 24 A4 2C 33 27 78 03 04 C0 A8 65 23 04 04 FF FF FF 00 05 0A 6E 65 74 69 6F 2D 34 61 \
                   6C 6C 06 01 01 13 07 6D 79 4E 65 74 69 6F 00";
        let bytes: Vec<u8> = hex
            .split_whitespace()
            .map(|h| u8::from_str_radix(h, 16).unwrap())
            .collect();
        let r = parse(&bytes).unwrap();
        assert_eq!(r.product.as_deref(), Some("Netio4"));
        assert_eq!(r.model(), Some("NETIO 4All"));
        assert_eq!(r.firmware.as_deref(), Some("3.4.0"));
        assert_eq!(r.mac.as_deref(), Some("24:A4:2C:33:27:78"));
        assert_eq!(r.ip, Some(Ipv4Addr::new(192, 168, 101, 35)));
        assert_eq!(r.netmask, Some(Ipv4Addr::new(255, 255, 255, 0)));
        assert_eq!(r.hostname.as_deref(), Some("netio-4all"));
        assert_eq!(r.device_name.as_deref(), Some("myNetio"));
        // The last field is kept without the pad byte too (the official tool loses it).
        let r = parse(&bytes[..bytes.len() - 1]).unwrap();
        assert_eq!(r.device_name.as_deref(), Some("myNetio"));
    }

    #[test]
    fn bad_datagrams_are_skipped_or_cut_short() {
        assert_eq!(parse(&[]), None);
        assert_eq!(parse(&[0x02, 0]), None);
        assert_eq!(parse(&REQUEST), None, "a request is not a reply");
        // A length past the end drops that field and ends the reply.
        let r = parse(&[0x02, 0, 0, 0x13, 0x02, b'o', b'k', 0x05, 0xFF, b'x']).unwrap();
        assert_eq!(r.device_name.as_deref(), Some("ok"));
        assert_eq!(r.hostname, None);
        // Unknown types are skipped by their length.
        let r = parse(&[0x02, 0, 0, 0x7F, 0x01, 0xAA, 0x01, 0x03, b'1', b'.', b'0']).unwrap();
        assert_eq!(r.firmware.as_deref(), Some("1.0"));
        // A MAC or IP of the wrong length is not taken.
        let r = parse(&[0x02, 0, 0, 0x02, 0x02, 1, 2, 0x03, 0x01, 9]).unwrap();
        assert_eq!((r.mac, r.ip), (None, None));
    }

    fn text() -> impl Strategy<Value = Option<String>> {
        proptest::option::of("[ -~]{0,40}")
    }

    fn ipv4() -> impl Strategy<Value = Option<Ipv4Addr>> {
        proptest::option::of(any::<[u8; 4]>().prop_map(Ipv4Addr::from))
    }

    fn reply() -> impl Strategy<Value = Reply> {
        (
            (text(), text(), text(), text(), text(), text()),
            (text(), text(), ipv4(), ipv4(), ipv4()),
            proptest::option::of(any::<[u8; 6]>()),
        )
            .prop_map(
                |(
                    (firmware, hostname, product, manufacturer, platform, variant),
                    (pretty_platform, device_name, ip, netmask, gateway),
                    mac,
                )| Reply {
                    firmware,
                    mac: mac.map(|m| {
                        m.iter()
                            .map(|b| format!("{b:02X}"))
                            .collect::<Vec<_>>()
                            .join(":")
                    }),
                    ip,
                    netmask,
                    hostname,
                    product,
                    manufacturer,
                    platform,
                    variant,
                    gateway,
                    pretty_platform,
                    device_name,
                },
            )
    }

    proptest! {
        #[test]
        fn never_panics_on_any_datagram(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
            let _ = parse(&bytes);
            let mut reply = bytes.clone();
            if !reply.is_empty() {
                reply[0] = 0x02;
            }
            let _ = parse(&reply);
        }

        #[test]
        fn an_encoded_reply_reads_back_the_same(r in reply()) {
            prop_assert_eq!(parse(&encode(&r)), Some(r));
        }
    }
}
