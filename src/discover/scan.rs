//! The subnet scan: every host of a CIDR block, on each of a few ports, asked what it is.
//! `/restapi/` answering 401 with a Digest challenge (or JSON) is a DLI controller;
//! `/netio.json` answering 401 with a Basic challenge (or NETIO's document) is a NETIO
//! device; `/` answering DLI's legacy login form (a form posting to `/login.tgi` with a
//! hidden `Challenge`) is a DLI unit from before the REST API (`dli-legacy`). Where the
//! vendor's default login works, the device's name and model are read too; that is one
//! login attempt per device, so a DLI unit whose password was changed counts one failed
//! login.

use super::Found;
use crate::error::{Error, Result};
use crate::path::Path;
use crate::transport::http::HttpClient;
use crate::transport::{dli_legacy, AuthScheme, DeviceConfig, Protocol, Secret};
use futures_util::StreamExt;
use reqwest::{Method, StatusCode};
use serde_json::Value;
use std::net::{IpAddr, Ipv4Addr};
use std::time::Duration;

/// Largest block scanned without `--force`: a /16 is 65,534 hosts already.
pub const MAX_PREFIX_WITHOUT_FORCE: u8 = 16;

/// Probes in flight at once.
const CONCURRENCY: usize = 64;

/// A CIDR block, `192.168.1.0/24` (a bare address is a /32).
pub fn parse_cidr(text: &str) -> Result<(Ipv4Addr, u8)> {
    let bad = || {
        Error::usage(format!(
            "bad --scan '{text}': expected IPv4 CIDR like 192.168.1.0/24"
        ))
    };
    let (addr, prefix) = match text.split_once('/') {
        Some((a, p)) => (a, p.parse::<u8>().map_err(|_| bad())?),
        None => (text, 32),
    };
    let addr: Ipv4Addr = addr.trim().parse().map_err(|_| bad())?;
    if prefix > 32 {
        return Err(bad());
    }
    Ok((addr, prefix))
}

/// The hosts of a block: all but the network and broadcast addresses, except in a /31 or
/// /32 where every address is a host.
pub fn hosts(addr: Ipv4Addr, prefix: u8) -> impl Iterator<Item = Ipv4Addr> {
    let mask = if prefix == 0 {
        0
    } else {
        u32::MAX << (32 - prefix)
    };
    let network = u32::from(addr) & mask;
    let last = network | !mask;
    let (first, last) = if prefix >= 31 {
        (network, last)
    } else {
        (network + 1, last - 1)
    };
    (first..=last).map(Ipv4Addr::from)
}

/// Asks every host on every port, `timeout` each; `progress` hears of each probe done.
pub async fn scan(
    hosts: Vec<Ipv4Addr>,
    ports: &[u16],
    timeout: Duration,
    progress: &(dyn Fn() + Sync),
) -> Vec<Found> {
    let probes = hosts
        .into_iter()
        .flat_map(|h| ports.iter().map(move |p| (h, *p)));
    let mut answers = futures_util::stream::iter(probes)
        .map(|(host, port)| async move {
            let found = probe(IpAddr::V4(host), port, timeout).await;
            progress();
            found
        })
        .buffer_unordered(CONCURRENCY);
    let mut found = Vec::new();
    while let Some(answer) = answers.next().await {
        if let Some(device) = answer {
            super::merge(&mut found, device);
        }
    }
    found.sort_by_key(|f| (f.address, f.port));
    found
}

fn device(
    protocol: Protocol,
    host: IpAddr,
    port: u16,
    password: Option<&str>,
    timeout: Duration,
) -> DeviceConfig {
    DeviceConfig {
        // Devices serve HTTPS on 443 with their factory (self-signed) certificate: a scan
        // identifies them; it is not the place to decide whether to trust them.
        tls: port == 443,
        insecure: port == 443,
        user: Some(protocol.default_user().into()),
        password: password.map(Secret::new),
        auth: match protocol {
            Protocol::NetioJson => AuthScheme::Basic,
            _ => AuthScheme::Digest,
        },
        // A scan asks each host once: silence is an answer.
        retries: 0,
        ..DeviceConfig::at(protocol, &host.to_string(), Some(port), timeout)
    }
}

/// What is at `host:port`, if it is a device pductl speaks to.
async fn probe(host: IpAddr, port: u16, timeout: Duration) -> Option<Found> {
    let anonymous = HttpClient::new(
        &device(Protocol::DliRest, host, port, None, timeout),
        80,
        443,
    )
    .ok()?;
    let restapi = anonymous
        .send(
            Method::GET,
            "/restapi/",
            &[("Accept", "application/json")],
            None,
            crate::retry::Repeat::Read,
        )
        .await;
    if let Ok(r) = &restapi {
        let challenge = header(r, "www-authenticate");
        if (r.status == StatusCode::UNAUTHORIZED && challenge.starts_with("digest"))
            || (r.status.is_success() && serde_json::from_slice::<Value>(&r.body).is_ok())
        {
            return Some(identify_dli(host, port, timeout).await);
        }
    }
    if matches!(restapi, Err(Error::Unreachable(_) | Error::Timeout(_))) {
        return None; // nobody there
    }
    if let Some(found) = netio_answers(&anonymous, host, port, timeout).await {
        return Some(found);
    }
    legacy_answers(&anonymous, host, port, timeout).await
}

/// The DLI unit whose `/` answers the legacy login form on `host:port`, identified as far as
/// the factory login (admin/1234) allows.
async fn legacy_answers(
    anonymous: &HttpClient,
    host: IpAddr,
    port: u16,
    timeout: Duration,
) -> Option<Found> {
    let front = anonymous
        .send(Method::GET, "/", &[], None, crate::retry::Repeat::Read)
        .await
        .ok()?;
    if !front.status.is_success()
        || !dli_legacy::is_login_form(&String::from_utf8_lossy(&front.body))
    {
        return None;
    }
    let mut f = found(Protocol::DliLegacy, host, port);
    let config = device(Protocol::DliLegacy, host, port, Some("1234"), timeout);
    if let Ok(t) = crate::connect::connect(&config, None) {
        if let Ok(relay) = t.get(&Path::from_keys(&["relay"])).await {
            let text = |v: &Value| v.as_str().map(str::to_string);
            f.name = text(&relay["name"]);
            f.firmware = text(&relay["version"]);
        }
    }
    Some(f)
}

/// The NETIO device whose `/netio.json` answers on `host:port` through `anonymous` (a 401
/// with a Basic challenge, or NETIO's document), identified as far as the factory login
/// allows.
async fn netio_answers(
    anonymous: &HttpClient,
    host: IpAddr,
    port: u16,
    timeout: Duration,
) -> Option<Found> {
    let netio = anonymous
        .send(
            Method::GET,
            "/netio.json",
            &[("Accept", "application/json")],
            None,
            crate::retry::Repeat::Read,
        )
        .await
        .ok()?;
    let is_netio = (netio.status == StatusCode::UNAUTHORIZED
        && header(&netio, "www-authenticate").starts_with("basic"))
        || serde_json::from_slice::<Value>(&netio.body).is_ok_and(|v| v["Agent"].is_object());
    if is_netio {
        return Some(identify_netio(host, port, timeout).await);
    }
    None
}

/// The port a NETIO device that answered UDP discover serves its JSON API on. Its reply
/// names no port (netio.md 3.3 has no such field), and a unit's web port is 80 unless its
/// owner changed it, so each of `ports` (`--scan-ports`: 80, then 443) is probed in turn,
/// `/netio.json` on the address the reply gave, until one answers as a NETIO device that
/// is this one: the same MAC where the factory login lets it be read (devices that share an
/// address, as simulators on loopback do, are told apart; one that cannot be read is taken
/// as the device at that address). `None` when no port does.
pub async fn confirm_netio(udp: &Found, ports: &[u16], timeout: Duration) -> Option<u16> {
    for &port in ports {
        let config = device(Protocol::NetioJson, udp.address, port, None, timeout);
        let Ok(anonymous) = HttpClient::new(&config, 80, 443) else {
            continue;
        };
        let Some(answered) = netio_answers(&anonymous, udp.address, port, timeout).await else {
            continue;
        };
        let same = match (&udp.mac, &answered.mac) {
            (Some(a), Some(b)) => a.eq_ignore_ascii_case(b),
            _ => true,
        };
        if same {
            return Some(port);
        }
    }
    None
}

fn header(r: &crate::transport::http::HttpResponse, name: &str) -> String {
    r.headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase()
}

fn found(protocol: Protocol, host: IpAddr, port: u16) -> Found {
    Found {
        protocol,
        name: None,
        model: None,
        mac: None,
        address: host,
        port: Some(port),
        tls: port == 443,
        firmware: None,
        hostname: None,
        found_by: vec!["scan"],
    }
}

/// A DLI controller's name, model and firmware, read with the factory login (admin/1234).
async fn identify_dli(host: IpAddr, port: u16, timeout: Duration) -> Found {
    let mut f = found(Protocol::DliRest, host, port);
    let config = device(Protocol::DliRest, host, port, Some("1234"), timeout);
    if let Ok(t) = crate::connect::connect(&config, None) {
        if let Ok(relay) = t.get(&Path::from_keys(&["relay"])).await {
            let text = |v: &Value| v.as_str().map(str::to_string);
            f.name = text(&relay["name"]);
            f.model = text(&relay["model"]);
            if let Ok(config) = t.get(&Path::from_keys(&["config"])).await {
                f.firmware = text(&config["version"]);
                f.hostname = text(&config["hostname"]);
            }
        }
    }
    f
}

/// A NETIO device's name, model, MAC and firmware, read with NETIO's usual login
/// (netio/netio).
async fn identify_netio(host: IpAddr, port: u16, timeout: Duration) -> Found {
    let mut f = found(Protocol::NetioJson, host, port);
    let config = device(Protocol::NetioJson, host, port, Some("netio"), timeout);
    if let Ok(t) = crate::connect::connect(&config, None) {
        if let Ok(agent) = t.get(&Path::from_keys(&["netio", "Agent"])).await {
            let text = |key: &str| {
                agent[key]
                    .as_str()
                    .filter(|s| !s.is_empty())
                    .map(str::to_string)
            };
            f.name = text("DeviceName");
            f.model = text("Model");
            f.firmware = text("Version");
            f.mac = text("MAC").or_else(|| text("SerialNumber").filter(|s| s.contains(':')));
        }
    }
    f
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_and_their_hosts() {
        assert_eq!(
            parse_cidr("192.168.1.0/24").unwrap(),
            (Ipv4Addr::new(192, 168, 1, 0), 24)
        );
        assert_eq!(parse_cidr("10.0.0.5").unwrap().1, 32);
        for bad in [
            "192.168.1.0/33",
            "192.168.1/24",
            "fe80::/64",
            "lab/24",
            "1.2.3.4/x",
        ] {
            assert!(parse_cidr(bad).is_err(), "{bad}");
        }
        let h: Vec<Ipv4Addr> = hosts(Ipv4Addr::new(127, 0, 0, 9), 30).collect();
        assert_eq!(
            h,
            [Ipv4Addr::new(127, 0, 0, 9), Ipv4Addr::new(127, 0, 0, 10)]
        );
        assert_eq!(hosts(Ipv4Addr::new(127, 0, 0, 1), 32).count(), 1);
        assert_eq!(hosts(Ipv4Addr::new(10, 0, 0, 0), 31).count(), 2);
        assert_eq!(hosts(Ipv4Addr::new(10, 0, 0, 0), 16).count(), 65_534);
    }
}
