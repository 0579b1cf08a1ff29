//! SSDP discovery of WeMo sockets (protocols/dli-apis.md c.2): M-SEARCH for
//! `urn:Belkin:service:basicevent:1` and `urn:Belkin:device:**` to 239.255.255.250:1900 or
//! to each target, answers read for their `LOCATION`, and each location's `setup.xml`
//! fetched (at most `CONCURRENCY` at once, all within the wait) to name the socket.
//!
//! An answer is untrusted: one without `LOCATION`, or whose `LOCATION` is not
//! `http://<the answering host's address>:PORT/...`, is skipped unfetched (a discovery
//! answer must not make pductl fetch arbitrary URLs); so is a `setup.xml` that is not XML,
//! lacks the basicevent service or exceeds 1 MiB. Skipped answers are counted.

use super::{Found, MAX_DATAGRAMS, MAX_DEVICES};
use crate::error::{Error, Result};
use crate::transport::http::HttpClient;
use crate::transport::{wemo, AuthScheme, DeviceConfig, Protocol};
use futures_util::stream::FuturesUnordered;
use futures_util::StreamExt;
use reqwest::Method;
use std::collections::VecDeque;
use std::net::{IpAddr, SocketAddr};
use std::time::{Duration, Instant};
use tokio::net::UdpSocket;

/// The multicast group and port.
pub const MULTICAST: SocketAddr = SocketAddr::new(
    IpAddr::V4(std::net::Ipv4Addr::new(239, 255, 255, 250)),
    1900,
);

/// The search targets sent: pywemo's, and the one Echo-style emulators answer.
pub const TARGETS: [&str; 2] = ["urn:Belkin:service:basicevent:1", "urn:Belkin:device:**"];

/// `setup.xml` fetches in flight at once.
pub const CONCURRENCY: usize = 64;

/// The M-SEARCH request for `st`, as pywemo words it.
pub fn m_search(st: &str) -> String {
    format!(
        "M-SEARCH * HTTP/1.1\r\nST: {st}\r\nMX: 1\r\nMAN: \"ssdp:discover\"\r\n\
         HOST: 239.255.255.250:1900\r\n\r\n"
    )
}

/// What an M-SEARCH answer says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    pub location: String,
    pub usn: Option<String>,
    pub st: Option<String>,
}

/// Why an answer was skipped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Skip {
    NotAnAnswer,
    NoLocation,
    /// The location is not plain HTTP on the answering host.
    Elsewhere,
}

/// Reads an M-SEARCH answer from `from`: the port its `LOCATION` names and the answer.
pub fn parse_answer(datagram: &[u8], from: IpAddr) -> std::result::Result<(u16, Answer), Skip> {
    let text = std::str::from_utf8(datagram).map_err(|_| Skip::NotAnAnswer)?;
    let mut lines = text.split('\n').map(|l| l.trim_end_matches('\r'));
    let first = lines.next().unwrap_or("");
    let mut status = first.split_whitespace();
    if !status.next().is_some_and(|v| v.starts_with("HTTP/1.")) || status.next() != Some("200") {
        return Err(Skip::NotAnAnswer);
    }
    let (mut location, mut usn, mut st) = (None, None, None);
    for line in lines {
        let Some((k, v)) = line.split_once(':') else {
            continue;
        };
        let v = v.trim().to_string();
        match k.trim().to_ascii_uppercase().as_str() {
            "LOCATION" => location = Some(v),
            "USN" => usn = Some(v),
            "ST" => st = Some(v),
            _ => {}
        }
    }
    let location = location.filter(|l| !l.is_empty()).ok_or(Skip::NoLocation)?;
    let url = reqwest::Url::parse(&location).map_err(|_| Skip::Elsewhere)?;
    let same_host = url
        .host_str()
        .map(|h| h.trim_start_matches('[').trim_end_matches(']'))
        .and_then(|h| h.parse::<IpAddr>().ok())
        .is_some_and(|h| h == from);
    if url.scheme() != "http" || !same_host || !url.username().is_empty() {
        return Err(Skip::Elsewhere);
    }
    let port = url.port_or_known_default().ok_or(Skip::Elsewhere)?;
    Ok((port, Answer { location, usn, st }))
}

/// A socket found, with what `setup.xml` said of it.
#[derive(Debug, Clone, PartialEq)]
pub struct Socket {
    pub found: Found,
    pub udn: Option<String>,
    pub serial: Option<String>,
    pub mac: Option<String>,
}

/// What an SSDP search found.
pub struct Outcome {
    pub sockets: Vec<Socket>,
    /// Datagrams that were not usable answers, and setup.xml documents that were not usable.
    pub skipped: usize,
    /// Why each skipped one was skipped, for `-v`.
    pub reasons: Vec<String>,
    pub unsent: Vec<String>,
}

/// The client setup.xml is fetched with: anonymous, no retries, `timeout` for the try.
fn client(host: IpAddr, port: u16, timeout: Duration) -> Result<HttpClient> {
    let device = DeviceConfig {
        auth: AuthScheme::Basic,
        retries: 0,
        ..DeviceConfig::at(Protocol::Wemo, &host.to_string(), Some(port), timeout)
    };
    HttpClient::new(&device, wemo::DEFAULT_PORT, wemo::DEFAULT_PORT)
}

async fn fetch(
    host: IpAddr,
    port: u16,
    path: String,
    timeout: Duration,
) -> std::result::Result<wemo::Setup, String> {
    let http = client(host, port, timeout).map_err(|e| e.to_string())?;
    let response = http
        .send(Method::GET, &path, &[], None, crate::retry::Repeat::Read)
        .await
        .map_err(|e| e.to_string())?;
    if !response.status.is_success() {
        return Err(format!("HTTP {}", response.status.as_u16()));
    }
    wemo::parse_setup(&response.body)
}

/// Sends the M-SEARCH requests from `listen` to every target and reads answers until `wait`
/// has passed, fetching each new location's setup.xml meanwhile.
pub async fn search(listen: SocketAddr, targets: &[SocketAddr], wait: Duration) -> Result<Outcome> {
    let deadline = Instant::now() + wait;
    let socket = std::net::UdpSocket::bind(listen)
        .and_then(|s| s.set_nonblocking(true).map(|_| s))
        .and_then(UdpSocket::from_std)
        .map_err(|e| Error::usage(format!("cannot open UDP {listen} for SSDP: {e}")))?;
    let mut outcome = Outcome {
        sockets: Vec::new(),
        skipped: 0,
        reasons: Vec::new(),
        unsent: Vec::new(),
    };
    for target in targets {
        for st in TARGETS {
            if let Err(e) = socket.send_to(m_search(st).as_bytes(), target).await {
                outcome.unsent.push(format!("{target}: {e}"));
                break;
            }
        }
    }
    let mut seen: Vec<(IpAddr, u16, String)> = Vec::new();
    let mut queue: VecDeque<(IpAddr, u16, String)> = VecDeque::new();
    let mut fetching = FuturesUnordered::new();
    let mut buf = vec![0u8; 8192];
    let mut read = 0usize;
    let skip = |outcome: &mut Outcome, why: String| {
        outcome.skipped += 1;
        if outcome.reasons.len() < 100 {
            outcome.reasons.push(why);
        }
    };
    loop {
        while fetching.len() < CONCURRENCY {
            let Some((host, port, path)) = queue.pop_front() else {
                break;
            };
            let left = deadline.saturating_duration_since(Instant::now());
            fetching.push(async move {
                let r = fetch(host, port, path.clone(), left.max(Duration::from_millis(1))).await;
                (host, port, path, r)
            });
        }
        tokio::select! {
            _ = tokio::time::sleep_until(deadline.into()) => break,
            Some((host, port, path, r)) = fetching.next(), if !fetching.is_empty() => match r {
                Ok(setup) => {
                    if outcome.sockets.len() < MAX_DEVICES {
                        outcome.sockets.push(socket_from(host, port, setup));
                    }
                }
                Err(why) => skip(&mut outcome, format!(
                    "http://{}{path}: {why}",
                    SocketAddr::new(host, port)
                )),
            },
            received = socket.recv_from(&mut buf) => {
                let Ok((n, from)) = received else { continue };
                read += 1;
                if read > MAX_DATAGRAMS {
                    outcome.skipped += 1;
                    continue;
                }
                match parse_answer(&buf[..n], from.ip()) {
                    Ok((port, answer)) => {
                        let path = reqwest::Url::parse(&answer.location)
                            .map(|u| u.path().to_string())
                            .unwrap_or_else(|_| "/setup.xml".into());
                        let key = (from.ip(), port, path);
                        if !seen.contains(&key) && seen.len() < MAX_DEVICES {
                            seen.push(key.clone());
                            queue.push_back(key);
                        }
                    }
                    Err(Skip::NotAnAnswer) => skip(&mut outcome, format!("{from}: not an M-SEARCH answer")),
                    Err(Skip::NoLocation) => skip(&mut outcome, format!("{from}: an answer without LOCATION")),
                    Err(Skip::Elsewhere) => skip(&mut outcome, format!(
                        "{from}: LOCATION is not plain HTTP on the answering host (not fetched)"
                    )),
                }
            }
        }
    }
    Ok(outcome)
}

fn socket_from(host: IpAddr, port: u16, setup: wemo::Setup) -> Socket {
    Socket {
        found: Found {
            protocol: Protocol::Wemo,
            name: setup.friendly_name.clone().filter(|n| !n.is_empty()),
            model: setup.model(),
            // One unit may expose many sockets behind one MAC: sockets are told apart by
            // address and port.
            mac: None,
            address: host,
            port: Some(port),
            tls: false,
            firmware: setup.firmware.clone(),
            hostname: None,
            found_by: vec!["ssdp"],
        },
        udn: setup.udn,
        serial: setup.serial,
        mac: setup.mac,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const LOOPBACK: IpAddr = IpAddr::V4(std::net::Ipv4Addr::LOCALHOST);

    #[test]
    fn ssdp_answers_are_read_and_checked() {
        let ok = b"HTTP/1.1 200 OK\r\nCACHE-CONTROL: max-age=1800\r\nEXT:\r\n\
            LOCATION: http://127.0.0.1:49158/setup.xml\r\nST: urn:Belkin:service:basicevent:1\r\n\
            USN: uuid:Socket-1_0-X::urn:Belkin:service:basicevent:1\r\n\r\n";
        let (port, a) = parse_answer(ok, LOOPBACK).unwrap();
        assert_eq!(port, 49158);
        assert_eq!(
            a.usn.as_deref(),
            Some("uuid:Socket-1_0-X::urn:Belkin:service:basicevent:1")
        );
        let other = b"HTTP/1.1 200 OK\r\nLOCATION: http://10.9.9.9:80/setup.xml\r\n\r\n";
        assert_eq!(parse_answer(other, LOOPBACK), Err(Skip::Elsewhere));
        let named = b"HTTP/1.1 200 OK\r\nLOCATION: http://evil.example/setup.xml\r\n\r\n";
        assert_eq!(parse_answer(named, LOOPBACK), Err(Skip::Elsewhere));
        let file = b"HTTP/1.1 200 OK\r\nLOCATION: file:///etc/passwd\r\n\r\n";
        assert_eq!(parse_answer(file, LOOPBACK), Err(Skip::Elsewhere));
        let none = b"HTTP/1.1 200 OK\r\nST: x\r\n\r\n";
        assert_eq!(parse_answer(none, LOOPBACK), Err(Skip::NoLocation));
        assert_eq!(
            parse_answer(b"\x00\x01junk", LOOPBACK),
            Err(Skip::NotAnAnswer)
        );
        assert!(m_search(TARGETS[0]).contains("MAN: \"ssdp:discover\""));
    }

    proptest! {
        #[test]
        fn ssdp_reader_never_panics_on_junk(bytes in prop::collection::vec(any::<u8>(), 0..1500)) {
            let _ = parse_answer(&bytes, LOOPBACK);
        }

        #[test]
        fn ssdp_reader_never_panics_on_headerish_junk(
            lines in prop::collection::vec("[A-Za-z-]{0,10}:? ?[ -~]{0,40}", 0..12)
        ) {
            let text = format!("HTTP/1.1 200 OK\r\n{}\r\n\r\n", lines.join("\r\n"));
            let _ = parse_answer(text.as_bytes(), LOOPBACK);
        }
    }
}
