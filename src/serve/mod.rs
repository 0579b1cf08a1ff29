//! `pductl serve`: HTTP faces over the devices pductl reaches, on one port.
//!
//! - `pdudaemon.rs`: pdudaemon's API over the profile's devices (LAVA, labgrid, pduclient);
//! - `metrics.rs`: a Prometheus/OpenMetrics endpoint at `/metrics` over the profile's devices;
//! - `dli_rest.rs`: the device `-d` names, presented as a DLI controller (`/restapi/...`);
//! - `netio_json.rs`: the device `-d` names, presented as a NETIO socket (`/netio.json`).
//!
//! Each face claims its paths; the server checks `--allow` first, then hands the request to
//! the face whose path it is. Every change goes through the power verbs (targets,
//! per-device lock, verification), so requests for one device are serialized, with the CLI
//! too, and different devices are worked on in parallel. A signal stops the server after the
//! requests in flight; it then exits as any command a signal ends (128 + the signal's
//! number: 143 for SIGTERM).

pub mod dli_rest;
pub mod metrics;
pub mod netio_json;
pub mod pdudaemon;
pub mod unit;

use crate::cli::{GlobalOpts, ServeApi, ServeArgs};
use crate::error::{Error, Result};
use crate::http_server::{plain_text, serve_http_until, Body};
use crate::output::{escape_line, warn, Out};
use crate::signals::interrupt_listener;
use crate::transport::Secret;
use async_trait::async_trait;
use hyper::{Request, Response, StatusCode};
use std::io;
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::Notify;

/// How long a stopping server waits for the requests in flight.
const DRAIN_TIMEOUT: Duration = Duration::from_secs(600);

/// What every face is given: how to reach devices, and whom to let in.
pub struct Context {
    /// The command line's device options, with `--tls` taken as the server's own: a device
    /// behind the server is reached as its profile entry says.
    pub global: GlobalOpts,
    /// The device `-d` names (what a gateway face presents).
    pub device: Option<String>,
    /// The account clients of a gateway face log in with.
    pub account: Account,
}

/// The user name and password a gateway face asks its clients for.
pub struct Account {
    /// `None`: the vendor's default user name (admin for DLI, netio for NETIO).
    pub user: Option<String>,
    /// `None`: the vendor's default password (1234 for DLI, netio for NETIO), with a warning.
    pub password: Option<Secret>,
}

impl Context {
    /// The device a gateway face presents: `-d NAME`, else exit 2 naming the API.
    pub fn presented_device(&self, api: &str) -> Result<&str> {
        self.device.as_deref().ok_or_else(|| {
            Error::usage(format!(
                "--api {api} presents one device: name it with -d DEVICE (a group presents its \
                 devices' outlets in order)"
            ))
        })
    }
}

/// One API served on the port.
#[async_trait]
pub trait Face: Send + Sync {
    /// Whether a request for `path` is this face's.
    fn serves(&self, path: &str) -> bool;
    /// The paths it serves, as a 404 names them to a client that asked for another.
    fn paths(&self) -> &'static str;
    /// The answer to a request this face serves (the peer already passed `--allow`).
    async fn answer(&self, req: Request<hyper::body::Incoming>, peer: SocketAddr)
        -> Response<Body>;
    /// Finishes what the face left to do later, once the server has stopped taking requests
    /// and those in flight are done.
    async fn stop(&self) {}
}

struct Server {
    faces: Vec<Box<dyn Face>>,
    allow: Vec<(IpAddr, u8)>,
    quiet: bool,
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

/// The password a gateway's clients must give, from `--serve-password-env` or
/// `--serve-password-file` (never the command line, where `ps` shows it).
fn account(args: &ServeArgs) -> Result<Account> {
    let password = match (&args.serve_password_env, &args.serve_password_file) {
        (Some(var), _) => Some(Secret::new(std::env::var(var).map_err(|_| {
            Error::usage(format!(
                "--serve-password-env {var}: the variable is not set (or not UTF-8)"
            ))
        })?)),
        (None, Some(path)) => Some(Secret::new(read_password_file(path)?)),
        (None, None) => None,
    };
    Ok(Account {
        user: args.serve_user.clone(),
        password,
    })
}

/// A password file's first line.
fn read_password_file(path: &PathBuf) -> Result<String> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        Error::usage(format!(
            "--serve-password-file {}: cannot read it: {e}",
            path.display()
        ))
    })?;
    Ok(text.lines().next().unwrap_or("").to_string())
}

/// The server's TLS from `--cert` and `--key` (with `--tls`).
fn tls(g: &GlobalOpts, args: &ServeArgs) -> Result<Option<tokio_rustls::TlsAcceptor>> {
    match (g.tls, &args.cert, &args.key) {
        (false, None, None) => Ok(None),
        (false, _, _) => Err(Error::usage("--cert and --key go with --tls")),
        (true, Some(cert), Some(key)) => crate::http_server::tls_acceptor(cert, key).map(Some),
        (true, _, _) => Err(Error::usage(
            "serve --tls needs the server's certificate and key: --cert FILE --key FILE",
        )),
    }
}

pub async fn run(g: &GlobalOpts, args: &ServeArgs, out: &mut Out) -> Result<()> {
    let allow = args
        .allow
        .iter()
        .map(|text| parse_allow(text))
        .collect::<Result<Vec<_>>>()?;
    let tls = tls(g, args)?;
    let mut global = g.clone();
    global.tls = false;
    let context = Arc::new(Context {
        device: global.device.clone(),
        global,
        account: account(args)?,
    });
    let mut apis = args.api.clone();
    apis.dedup();
    let mut faces: Vec<Box<dyn Face>> = Vec::new();
    for api in &apis {
        faces.push(match api {
            ServeApi::Pdudaemon => Box::new(pdudaemon::Pdudaemon::new(context.clone())),
            ServeApi::Metrics => Box::new(metrics::Metrics::new(context.clone())?),
            ServeApi::DliRest => Box::new(dli_rest::DliRest::new(context.clone()).await?),
            ServeApi::NetioJson => Box::new(netio_json::NetioJson::new(context.clone()).await?),
        });
    }
    let listener = tokio::net::TcpListener::bind(args.listen)
        .await
        .map_err(|e| Error::usage(format!("cannot listen on {}: {e}", args.listen)))?;
    let bound = listener
        .local_addr()
        .map_err(|e| Error::usage(format!("cannot listen on {}: {e}", args.listen)))?;
    let open = apis
        .iter()
        .any(|a| matches!(a, ServeApi::Pdudaemon | ServeApi::Metrics));
    if !bound.ip().is_loopback() && allow.is_empty() {
        let what = match open {
            true => {
                "pdudaemon's API and /metrics have no authentication, so anyone who can \
                     reach them can use them"
            }
            false => "anyone who can reach it can try to log in",
        };
        warn(
            g.quiet,
            &format!("serving on {bound}: {what}; limit it with --allow CIDR"),
        );
    }
    let signal = interrupt_listener()
        .map_err(|e| Error::usage(format!("cannot listen for signals: {e}")))?;
    out.line(&bound.to_string())?;
    let server = Arc::new(Server {
        faces,
        allow,
        quiet: g.quiet,
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
    serve_http_until(listener, tls, handler, async {
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
    for face in &server.faces {
        face.stop().await;
    }
    // Stopped by a signal, the only way it stops: 128 + its number, as for every command.
    match stopped_by.get() {
        Some(signal) => Err(Error::Interrupted(signal)),
        None => Ok(()),
    }
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
        let response = if !allowed(peer.ip(), &self.allow) {
            refusal(
                StatusCode::FORBIDDEN,
                "Forbidden: this address is not in --allow",
            )
        } else {
            let path = req.uri().path().to_string();
            match self.faces.iter().find(|f| f.serves(&path)) {
                Some(face) => face.answer(req, peer).await,
                None => {
                    let served: Vec<&str> = self.faces.iter().map(|f| f.paths()).collect();
                    refusal(
                        StatusCode::NOT_FOUND,
                        &format!("Not found: this server answers {}", served.join(", ")),
                    )
                }
            }
        };
        if !self.quiet {
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
}

/// The server's own refusals, worded as pdudaemon words its answers: one line of plain text
/// without a newline after it.
fn refusal(status: StatusCode, text: &str) -> Response<Body> {
    let mut r = plain_text(status, "");
    *r.body_mut() = crate::http_server::full(escape_line(text).into_owned());
    r
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
}
