//! Finding devices on the LAN: NETIO's UDP discover (`netio_udp`), SSDP for WeMo sockets
//! (`ssdp`) and a subnet scan that asks each host what it is (`scan`). Both produce `Found` devices; the same device seen
//! several times, or by both methods, is listed once.
//!
//! What a device answers is untrusted: datagrams are parsed without trusting any length,
//! their number is capped, and so is the number of devices kept.

pub mod netio_udp;
pub mod scan;
pub mod ssdp;

use crate::error::{Error, Result};
use crate::transport::Protocol;
use serde_json::{json, Value};
use std::net::{IpAddr, SocketAddr};
use std::time::{Duration, Instant};
use tokio::net::UdpSocket;

/// Datagrams read in one discover at most: a flood beyond this is not read.
pub const MAX_DATAGRAMS: usize = 10_000;

/// Devices kept at most.
pub const MAX_DEVICES: usize = 1024;

/// One device found.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    pub protocol: Protocol,
    pub name: Option<String>,
    pub model: Option<String>,
    pub mac: Option<String>,
    /// The address the device reports, or the scanned host.
    pub address: IpAddr,
    /// The port it answered on (scanned devices).
    pub port: Option<u16>,
    pub tls: bool,
    pub firmware: Option<String>,
    pub hostname: Option<String>,
    /// How it was found: `netio-udp`, `scan`.
    pub found_by: Vec<&'static str>,
}

impl Found {
    pub fn to_json(&self) -> Value {
        json!({
            "protocol": self.protocol.name(),
            "name": self.name,
            "model": self.model,
            "mac": self.mac,
            "address": self.address.to_string(),
            "port": self.port,
            "firmware": self.firmware,
            "hostname": self.hostname,
            "found_by": self.found_by,
        })
    }

    fn same_device(&self, other: &Found) -> bool {
        if let (Some(a), Some(b)) = (&self.mac, &other.mac) {
            return a.eq_ignore_ascii_case(b);
        }
        self.protocol == other.protocol
            && self.address == other.address
            && (self.port == other.port || self.port.is_none() || other.port.is_none())
    }

    /// Fills what this one lacks from `other`, the same device seen again.
    fn absorb(&mut self, other: Found) {
        self.name = self.name.take().or(other.name);
        self.model = self.model.take().or(other.model);
        self.mac = self.mac.take().or(other.mac);
        self.port = self.port.or(other.port);
        self.tls |= other.tls;
        self.firmware = self.firmware.take().or(other.firmware);
        self.hostname = self.hostname.take().or(other.hostname);
        for how in other.found_by {
            if !self.found_by.contains(&how) {
                self.found_by.push(how);
            }
        }
    }
}

/// Adds a device to the list, or merges it into the entry it duplicates.
pub fn merge(list: &mut Vec<Found>, new: Found) {
    if let Some(existing) = list.iter_mut().find(|f| f.same_device(&new)) {
        existing.absorb(new);
    } else if list.len() < MAX_DEVICES {
        list.push(new);
    }
}

/// What a UDP discover found, and how many datagrams were not replies.
pub struct UdpOutcome {
    pub found: Vec<Found>,
    pub skipped: usize,
    /// Targets the request could not be sent to, with why.
    pub unsent: Vec<String>,
}

/// Binds `listen`, sends NETIO's request from it to every target, and reads replies on the
/// same socket until `wait` has passed: replies broadcast to the listening port and replies
/// sent back to the sender arrive alike.
pub async fn netio_udp(
    listen: SocketAddr,
    targets: &[SocketAddr],
    wait: Duration,
) -> Result<UdpOutcome> {
    let deadline = Instant::now() + wait;
    let socket = bind(listen)?;
    let mut outcome = UdpOutcome {
        found: Vec::new(),
        skipped: 0,
        unsent: Vec::new(),
    };
    for target in targets {
        if let Err(e) = socket.send_to(&netio_udp::REQUEST, target).await {
            outcome.unsent.push(format!("{target}: {e}"));
        }
    }
    let mut buf = vec![0u8; 65_536];
    let mut read = 0;
    while let Ok(received) =
        tokio::time::timeout_at(deadline.into(), socket.recv_from(&mut buf)).await
    {
        let Ok((n, from)) = received else {
            continue; // e.g. an ICMP "port unreachable" reported on the socket
        };
        read += 1;
        if read > MAX_DATAGRAMS {
            outcome.skipped += 1;
            continue;
        }
        match netio_udp::parse(&buf[..n]) {
            // A reply that says nothing of the device (no MAC, name or model) is junk too.
            Some(r) if r.mac.is_some() || r.device_name.is_some() || r.model().is_some() => {
                merge(&mut outcome.found, from_reply(r, from))
            }
            _ => outcome.skipped += 1,
        }
    }
    Ok(outcome)
}

fn from_reply(reply: netio_udp::Reply, from: SocketAddr) -> Found {
    Found {
        protocol: Protocol::NetioJson,
        model: reply.model().map(str::to_string),
        name: reply.device_name.filter(|n| !n.is_empty()),
        mac: reply.mac,
        address: reply
            .ip
            .filter(|ip| !ip.is_unspecified())
            .map_or(from.ip(), IpAddr::V4),
        port: None,
        tls: false,
        firmware: reply.firmware,
        hostname: reply.hostname,
        found_by: vec!["netio-udp"],
    }
}

/// A UDP socket on `listen` that may send broadcasts, or a message that says what to do.
fn bind(listen: SocketAddr) -> Result<UdpSocket> {
    let socket = std::net::UdpSocket::bind(listen).map_err(|e| {
        let why = match e.kind() {
            std::io::ErrorKind::AddrInUse => "it is in use (another discover running?)".into(),
            std::io::ErrorKind::PermissionDenied => "no permission".into(),
            _ => e.to_string(),
        };
        Error::usage(format!(
            "cannot listen on UDP {listen} for NETIO replies: {why}; choose another address \
             with --listen (replies broadcast to port {} are then missed)",
            netio_udp::REPLY_PORT
        ))
    })?;
    let setup = |e: std::io::Error| Error::usage(format!("cannot set up UDP {listen}: {e}"));
    socket.set_broadcast(true).map_err(setup)?;
    socket.set_nonblocking(true).map_err(setup)?;
    UdpSocket::from_std(socket).map_err(setup)
}

/// Where the request goes by default: the broadcast address of every IPv4 interface that
/// has one, NETIO's port.
pub fn broadcast_targets() -> Vec<SocketAddr> {
    let mut out = Vec::new();
    for iface in if_addrs::get_if_addrs().unwrap_or_default() {
        if let if_addrs::IfAddr::V4(v4) = iface.addr {
            if let Some(broadcast) = v4.broadcast.filter(|_| !v4.ip.is_loopback()) {
                let target = SocketAddr::new(IpAddr::V4(broadcast), netio_udp::DEVICE_PORT);
                if !out.contains(&target) {
                    out.push(target);
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(mac: Option<&str>, address: &str, port: Option<u16>, by: &'static str) -> Found {
        Found {
            protocol: Protocol::NetioJson,
            name: None,
            model: None,
            mac: mac.map(str::to_string),
            address: address.parse().unwrap(),
            port,
            tls: false,
            firmware: None,
            hostname: None,
            found_by: vec![by],
        }
    }

    #[test]
    fn one_device_seen_twice_or_two_ways_is_listed_once() {
        let mut list = Vec::new();
        merge(
            &mut list,
            found(Some("AA:00:00:00:00:01"), "10.0.0.5", None, "netio-udp"),
        );
        merge(
            &mut list,
            found(Some("aa:00:00:00:00:01"), "10.0.0.5", None, "netio-udp"),
        );
        merge(&mut list, found(None, "10.0.0.5", Some(80), "scan"));
        merge(
            &mut list,
            found(Some("AA:00:00:00:00:02"), "10.0.0.6", None, "netio-udp"),
        );
        merge(&mut list, found(None, "10.0.0.7", Some(80), "scan"));
        merge(&mut list, found(None, "10.0.0.7", Some(8080), "scan"));
        assert_eq!(list.len(), 4, "{list:?}");
        assert_eq!(list[0].found_by, ["netio-udp", "scan"]);
        assert_eq!(list[0].port, Some(80));
    }
}
