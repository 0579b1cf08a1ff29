//! `pductl serve`: pdudaemon's HTTP API (protocols/peers.md section 1) over the profile's
//! devices, so LAVA, labgrid's `PDUDaemonDriver` and `pduclient --http` can use pductl
//! without a change to their configuration:
//!
//! - `GET /power/control/{on,off,reboot}?hostname=DEVICE&port=N[&delay=S]`, or `?alias=NAME`:
//!   200 `OK - accepted request` once done and verified, 500 `Invalid request: <reason>`;
//! - `GET /power/status?hostname=DEVICE&port=N` (or `?alias=`): 200 `on` or `off` when
//!   every outlet named is so; 500 `Invalid request: mixed: ...` when they differ.
//!
//! Every request goes through the power verbs (targets, per-device lock, verification), so
//! requests for one device are serialized, with the CLI too, and different devices are
//! worked on in parallel. A signal stops the server after the requests in flight; it then
//! exits as any command a signal ends (128 + the signal's number: 143 for SIGTERM).

use crate::cli::{GlobalOpts, ServeArgs};
use crate::commands::power::connect;
use crate::error::{Error, Result};
use crate::http_server::{full, plain_text, serve_http_until, Body};
use crate::output::warn;
use crate::output::{escape_line, Out};
use crate::power::{self, Action, Settings};
use crate::signals::interrupt_listener;
use hyper::{Method, Request, Response, StatusCode};
use std::io;
use std::net::{IpAddr, SocketAddr};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::Notify;

/// pdudaemon's answer to a request carried out.
const ACCEPTED: &str = "OK - accepted request";
/// pdudaemon's answer to a request that failed; pductl adds the reason after a colon.
const INVALID: &str = "Invalid request";
/// pdudaemon's default off time of a reboot.
const DEFAULT_REBOOT_DELAY: Duration = Duration::from_secs(5);
/// Longest `delay` a request may ask for.
const MAX_DELAY_SECONDS: f64 = 3600.0;
/// How long a request may wait for another one on the same device.
const LOCK_TIMEOUT: Duration = Duration::from_secs(120);
/// How long a stopping server waits for the requests in flight.
const DRAIN_TIMEOUT: Duration = Duration::from_secs(600);

struct Server {
    global: GlobalOpts,
    allow: Vec<(IpAddr, u8)>,
    in_flight: AtomicUsize,
    idle: Notify,
}

/// Counts a request in flight for as long as it lives.
struct InFlight<'a>(&'a Server);

impl<'a> InFlight<'a> {
    fn enter(server: &'a Server) -> InFlight<'a> {
        server.in_flight.fetch_add(1, Ordering::SeqCst);
        InFlight(server)
    }
}

impl Drop for InFlight<'_> {
    fn drop(&mut self) {
        if self.0.in_flight.fetch_sub(1, Ordering::SeqCst) == 1 {
            self.0.idle.notify_waiters();
        }
    }
}

pub async fn run(g: &GlobalOpts, args: &ServeArgs, out: &mut Out) -> Result<()> {
    let allow = args
        .allow
        .iter()
        .map(|text| parse_allow(text))
        .collect::<Result<Vec<_>>>()?;
    let listener = tokio::net::TcpListener::bind(args.listen)
        .await
        .map_err(|e| Error::usage(format!("cannot listen on {}: {e}", args.listen)))?;
    let bound = listener
        .local_addr()
        .map_err(|e| Error::usage(format!("cannot listen on {}: {e}", args.listen)))?;
    if !bound.ip().is_loopback() && allow.is_empty() {
        warn(
            g.quiet,
            &format!(
                "serving on {bound}: pdudaemon's API has no authentication, so anyone who can \
                 reach it can switch your outlets; limit it with --allow CIDR"
            ),
        );
    }
    let signal = interrupt_listener()
        .map_err(|e| Error::usage(format!("cannot listen for signals: {e}")))?;
    out.line(&bound.to_string())?;
    let server = Arc::new(Server {
        global: g.clone(),
        allow,
        in_flight: AtomicUsize::new(0),
        idle: Notify::new(),
    });
    let handler = {
        let server = server.clone();
        move |req, peer| {
            let server = server.clone();
            async move { Ok::<_, io::Error>(server.handle(req, peer).await) }
        }
    };
    let stopped_by = std::cell::Cell::new(None);
    serve_http_until(listener, None, handler, async {
        stopped_by.set(Some(signal.await));
    })
    .await;
    // Stopped accepting; let the requests in flight finish.
    let drained = tokio::time::timeout(DRAIN_TIMEOUT, async {
        loop {
            let idle = server.idle.notified();
            if server.in_flight.load(Ordering::SeqCst) == 0 {
                return;
            }
            idle.await;
        }
    })
    .await;
    if drained.is_err() {
        warn(g.quiet, "stopped with requests still in flight");
    }
    // Stopped by a signal, the only way it stops: 128 + its number, as for every command.
    match stopped_by.get() {
        Some(signal) => Err(Error::Interrupted(signal)),
        None => Ok(()),
    }
}

/// `192.168.1.0/24`, `10.0.0.5`, `::1`.
fn parse_allow(text: &str) -> Result<(IpAddr, u8)> {
    let bad = || Error::usage(format!("bad --allow '{text}': expected an address or CIDR"));
    let (addr, prefix) = match text.split_once('/') {
        Some((a, p)) => (a, Some(p.parse::<u8>().map_err(|_| bad())?)),
        None => (text, None),
    };
    let addr: IpAddr = addr.parse().map_err(|_| bad())?;
    let max = if addr.is_ipv4() { 32 } else { 128 };
    let prefix = prefix.unwrap_or(max);
    if prefix > max {
        return Err(bad());
    }
    Ok((addr, prefix))
}

fn allowed(peer: IpAddr, rules: &[(IpAddr, u8)]) -> bool {
    // A client on IPv4 reached over an IPv6 socket shows as ::ffff:a.b.c.d.
    let peer = match peer {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(peer, IpAddr::V4),
        v4 => v4,
    };
    rules.is_empty()
        || rules.iter().any(|(net, prefix)| match (net, peer) {
            (IpAddr::V4(n), IpAddr::V4(p)) => {
                let mask = u32::MAX.checked_shl(32 - u32::from(*prefix)).unwrap_or(0);
                u32::from(*n) & mask == u32::from(p) & mask
            }
            (IpAddr::V6(n), IpAddr::V6(p)) => {
                let mask = u128::MAX.checked_shl(128 - u32::from(*prefix)).unwrap_or(0);
                u128::from(*n) & mask == u128::from(p) & mask
            }
            _ => false,
        })
}

/// What a request asks for.
enum Ask {
    Control(Action, Option<f64>),
    Status,
}

/// A plain-text answer, byte for byte as pdudaemon words it (no newline after it).
fn answer(status: StatusCode, text: &str) -> Response<Body> {
    let mut r = plain_text(status, "");
    *r.body_mut() = full(escape_line(text).into_owned());
    r
}

impl Server {
    async fn handle(
        &self,
        req: Request<hyper::body::Incoming>,
        peer: SocketAddr,
    ) -> Response<Body> {
        let _counted = InFlight::enter(self);
        let started = Instant::now();
        let line = format!(
            "{} {}",
            req.method(),
            req.uri().path_and_query().map_or("/", |p| p.as_str())
        );
        let response = self.respond(&req, peer).await;
        if !self.global.quiet {
            eprintln!(
                "{}",
                escape_line(&format!(
                    "pductl serve: {} {line} -> {} ({} ms)",
                    peer.ip(),
                    response.status().as_u16(),
                    started.elapsed().as_millis()
                ))
            );
        }
        response
    }

    async fn respond(
        &self,
        req: &Request<hyper::body::Incoming>,
        peer: SocketAddr,
    ) -> Response<Body> {
        if !allowed(peer.ip(), &self.allow) {
            return answer(
                StatusCode::FORBIDDEN,
                "Forbidden: this address is not in --allow",
            );
        }
        if req.method() != Method::GET {
            return answer(
                StatusCode::METHOD_NOT_ALLOWED,
                "Method not allowed: use GET",
            );
        }
        let params = match parse_query(req.uri().query().unwrap_or("")) {
            Ok(p) => p,
            Err(why) => return answer(StatusCode::BAD_REQUEST, &format!("Bad request: {why}")),
        };
        let param = |name: &str| {
            params
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.as_str())
        };
        let delay = match param("delay").map(str::parse::<f64>) {
            None => None,
            Some(Ok(d)) if d.is_finite() && (0.0..=MAX_DELAY_SECONDS).contains(&d) => Some(d),
            Some(_) => {
                return answer(
                    StatusCode::BAD_REQUEST,
                    &format!("Bad request: delay is seconds from 0 to {MAX_DELAY_SECONDS}"),
                )
            }
        };
        let ask = match req.uri().path() {
            "/power/control/on" => Ask::Control(Action::On, delay),
            "/power/control/off" => Ask::Control(Action::Off, delay),
            "/power/control/reboot" => Ask::Control(Action::Cycle, delay),
            "/power/status" | "/power/status/" => Ask::Status,
            _ => return answer(
                StatusCode::NOT_FOUND,
                "Not found: pdudaemon's API is /power/control/{on,off,reboot} and /power/status",
            ),
        };
        let target = match (param("alias"), param("hostname"), param("port")) {
            (Some(alias), _, _) => alias.to_string(),
            (None, Some(host), Some(port)) => format!("{host}:{port}"),
            _ => {
                return answer(
                    StatusCode::BAD_REQUEST,
                    "Bad request: give hostname and port, or alias",
                )
            }
        };
        let result = match ask {
            Ask::Control(action, delay) => self.control(action, delay, &target).await,
            Ask::Status => self.status(&target).await,
        };
        match result {
            Ok(text) => answer(StatusCode::OK, &text),
            Err(reason) => answer(
                StatusCode::INTERNAL_SERVER_ERROR,
                &format!("{INVALID}: {reason}"),
            ),
        }
    }

    /// Carries out on, off or reboot on a target; the reason when it failed.
    async fn control(
        &self,
        action: Action,
        delay: Option<f64>,
        target: &str,
    ) -> Result<String, String> {
        let (connected, grouped) = connect(&self.global, &[target.to_string()])
            .await
            .map_err(|e| e.to_string())?;
        let off_time = match action {
            Action::Cycle => Some(delay.map_or(DEFAULT_REBOOT_DELAY, Duration::from_secs_f64)),
            _ => {
                // pdudaemon's (deprecated) delay before switching on or off.
                if let Some(d) = delay {
                    tokio::time::sleep(Duration::from_secs_f64(d)).await;
                }
                None
            }
        };
        let settings = Settings {
            verify: true,
            force: false,
            dry_run: false,
            off_time,
            lock_timeout: LOCK_TIMEOUT,
        };
        // pdudaemon's reboot is off, wait, on: never a device's own cycle, whose off time
        // would not be the one asked for.
        let report = power::run(
            action,
            &connected.devices,
            &settings,
            grouped || action == Action::Cycle,
            &|_| {},
        )
        .await;
        match report
            .results
            .iter()
            .find_map(|r| r.error.as_ref().map(|e| (r, e)))
        {
            None => Ok(ACCEPTED.to_string()),
            Some((r, e)) => Err(format!("{}: {e}", r.label())),
        }
    }

    /// `on` or `off` when every outlet of the target is so; outlets that differ (a group
    /// half on) are neither, and the reason names each: `mixed: pdu-a:1 on, desk:1 off`.
    async fn status(&self, target: &str) -> Result<String, String> {
        let (connected, _) = connect(&self.global, &[target.to_string()])
            .await
            .map_err(|e| e.to_string())?;
        let mut states: Vec<(String, bool)> = Vec::new();
        for device in &connected.devices {
            let rows = power::status(device)
                .await
                .map_err(|e| format!("{}: {e}", device.name))?;
            for row in rows {
                match row.state {
                    Some(on) => states.push((format!("{}:{}", row.device, row.outlet), on)),
                    None => return Err(format!("{}:{} reports no state", row.device, row.outlet)),
                }
            }
        }
        let word = |on: bool| if on { "on" } else { "off" };
        match states.first() {
            Some((_, first)) if states.iter().any(|(_, on)| on != first) => Err(format!(
                "mixed: {}",
                states
                    .iter()
                    .map(|(outlet, on)| format!("{outlet} {}", word(*on)))
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
            Some((_, on)) => Ok(word(*on).to_string()),
            None => Err(format!("{target} names no outlet")),
        }
    }
}

/// `a=1&b=x%20y`; a key without `=` or with bad escapes is malformed.
fn parse_query(query: &str) -> Result<Vec<(String, String)>, String> {
    let decode = |s: &str| {
        percent_encoding::percent_decode_str(&s.replace('+', " "))
            .decode_utf8()
            .map(|c| c.into_owned())
            .map_err(|_| format!("'{s}' is not UTF-8 once decoded"))
    };
    query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|pair| match pair.split_once('=') {
            Some((k, v)) => Ok((decode(k)?, decode(v)?)),
            None => Err(format!("'{pair}' is not name=value")),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allow_rules() {
        let rules = vec![
            parse_allow("192.168.1.0/24").unwrap(),
            parse_allow("::1").unwrap(),
        ];
        assert!(allowed("192.168.1.77".parse().unwrap(), &rules));
        assert!(allowed("::ffff:192.168.1.5".parse().unwrap(), &rules));
        assert!(allowed("::1".parse().unwrap(), &rules));
        assert!(!allowed("192.168.2.1".parse().unwrap(), &rules));
        assert!(
            allowed("8.8.8.8".parse().unwrap(), &[]),
            "no rules: everyone"
        );
        assert!(allowed(
            "8.8.8.8".parse().unwrap(),
            &[parse_allow("0.0.0.0/0").unwrap()]
        ));
        assert!(parse_allow("10.0.0.0/33").is_err());
        assert!(parse_allow("lab").is_err());
    }

    #[test]
    fn queries() {
        assert_eq!(
            parse_query("hostname=pdu-a&port=DUT+power&delay=5").unwrap(),
            [
                ("hostname".to_string(), "pdu-a".to_string()),
                ("port".to_string(), "DUT power".to_string()),
                ("delay".to_string(), "5".to_string())
            ]
        );
        assert!(parse_query("hostname").is_err());
        assert!(parse_query("a=%FF").is_err());
    }
}
