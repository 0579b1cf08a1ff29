//! Simulated devices on loopback, for `pductl sim`, the `demo` device and the tests. Each
//! simulator follows its vendor's documented behaviour, errors included. Simulators never
//! import transports: tests and the demo join the two only through sockets.
//!
//! This file holds what every simulator shares: the HTTP server loop, fault injection and the
//! optional state file that lets a device's state outlive the process.

pub mod dli;
pub mod dli_coap;
pub mod dli_http;
pub mod dli_legacy;
pub mod dli_snmp;
pub mod mqtt;
pub mod netio;
pub mod netio_http;
pub mod netio_udp;
pub mod netio_xml;
pub mod pass_persist;
pub mod snmp_pdu;
pub mod upnp;

pub use crate::http_server::{full, plain_text, serve_http, Body};

use bytes::Bytes;
use http_body_util::{BodyExt, StreamBody};
use hyper::body::Frame;
use hyper::Response;
use serde::{de::DeserializeOwned, Serialize};
use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Faults a simulator can be told to inject (`--fault`), to test how clients cope.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Faults {
    /// Wait this long before answering each request.
    pub slow_ms: u64,
    /// Answer successful reads with a body that is not JSON.
    pub garbage_body: bool,
    /// Promise a body with Content-Length, send half of it, then close.
    pub truncated_body: bool,
    /// Answer successful reads with a body far larger than any real answer.
    pub oversized_body: bool,
    /// Close the connection without answering.
    pub drop_connection: bool,
    /// NETIO: answer a write with 200 and the unchanged state, as some units do.
    pub silent_reject: bool,
    /// DLI: accept every switch, but the relays never move (`physical_state` stays).
    pub stuck_relay: bool,
}

/// Size of the `oversized-body` answer: more than any client should accept from a PDU.
pub const OVERSIZED_BODY_BYTES: usize = 24 * 1024 * 1024;

/// The faults every HTTP simulator can inject.
const COMMON_FAULTS: [&str; 5] = [
    "slow=MS",
    "garbage-body",
    "truncated-body",
    "oversized-body",
    "drop-connection",
];

/// Which simulator a fault is asked of: each injects only the faults it models.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FaultsOf {
    Dli,
    Netio,
}

impl FaultsOf {
    /// `sim dli`, `sim netio`: the command that takes them.
    pub fn command(self) -> &'static str {
        match self {
            FaultsOf::Dli => "sim dli",
            FaultsOf::Netio => "sim netio",
        }
    }

    /// The faults this simulator takes, as `--fault` spells them.
    pub fn known(self) -> Vec<&'static str> {
        let own = match self {
            FaultsOf::Dli => "stuck-relay",
            FaultsOf::Netio => "silent-reject",
        };
        COMMON_FAULTS.iter().copied().chain([own]).collect()
    }
}

impl Faults {
    /// Adds one `--fault` of the simulator `of`; a fault it does not model (another
    /// simulator's, or none at all) is refused, naming the ones it takes.
    pub fn add(&mut self, of: FaultsOf, spec: &str) -> Result<(), String> {
        let refused = || {
            let other = [FaultsOf::Dli, FaultsOf::Netio]
                .into_iter()
                .find(|o| *o != of && o.known().contains(&spec));
            let whose = match other {
                Some(o) => format!(" ('{spec}' is a fault of {})", o.command()),
                None => String::new(),
            };
            format!(
                "{} does not take the fault '{spec}'{whose}; it takes: {}",
                of.command(),
                of.known().join(", ")
            )
        };
        match spec.split_once('=') {
            Some(("slow", ms)) => {
                self.slow_ms = ms
                    .parse()
                    .map_err(|_| format!("--fault slow=MS takes milliseconds, not '{ms}'"))?;
            }
            None if spec == "garbage-body" => self.garbage_body = true,
            None if spec == "truncated-body" => self.truncated_body = true,
            None if spec == "oversized-body" => self.oversized_body = true,
            None if spec == "drop-connection" => self.drop_connection = true,
            None if spec == "silent-reject" && of == FaultsOf::Netio => self.silent_reject = true,
            None if spec == "stuck-relay" && of == FaultsOf::Dli => self.stuck_relay = true,
            _ => return Err(refused()),
        }
        Ok(())
    }

    /// What happens before any answer: the connection is dropped (`Err`, so the server
    /// closes it unanswered) or the answer is delayed.
    pub async fn before_answer(&self) -> Result<(), io::Error> {
        if self.drop_connection {
            return Err(io::Error::new(
                io::ErrorKind::ConnectionAborted,
                "dropped by fault injection",
            ));
        }
        if self.slow_ms > 0 {
            tokio::time::sleep(Duration::from_millis(self.slow_ms)).await;
        }
        Ok(())
    }

    /// Rewrites a successful answer's body as the faults say.
    pub fn mangle(&self, response: Response<Body>, original: Bytes) -> Response<Body> {
        let (mut parts, body) = response.into_parts();
        if self.garbage_body {
            let garbage = Bytes::from_static(b"<html><body>\x00\x01 not json \xff</body>");
            parts.headers.remove(http::header::CONTENT_LENGTH);
            return Response::from_parts(parts, full(garbage));
        }
        if self.oversized_body {
            parts.headers.remove(http::header::CONTENT_LENGTH);
            let chunk = Bytes::from(vec![b' '; 64 * 1024]);
            let chunks = OVERSIZED_BODY_BYTES / chunk.len();
            let stream = futures_util::stream::iter(
                (0..chunks).map(move |_| Ok::<_, io::Error>(Frame::data(chunk.clone()))),
            );
            return Response::from_parts(parts, StreamBody::new(stream).boxed());
        }
        if self.truncated_body {
            parts.headers.insert(
                http::header::CONTENT_LENGTH,
                http::HeaderValue::from(original.len() + 100),
            );
            let half = original.slice(..original.len() / 2);
            let first = futures_util::stream::iter([Ok(Frame::data(half))]);
            // Pause so the head and the first half reach the client before the connection dies.
            let cut = futures_util::stream::once(async {
                tokio::time::sleep(Duration::from_millis(50)).await;
                Err(io::Error::new(
                    io::ErrorKind::BrokenPipe,
                    "truncated by fault injection",
                ))
            });
            let stream = futures_util::StreamExt::chain(first, cut);
            return Response::from_parts(parts, StreamBody::new(stream).boxed());
        }
        Response::from_parts(parts, body)
    }
}

/// Wall-clock milliseconds since the Unix epoch: simulators schedule against the wall clock
/// so that state saved by one process means the same to the next.
/// The user and password of an HTTP Basic `Authorization` value's credentials (the part
/// after `Basic `), or `None` when they are not base64 of UTF-8 `user:password`.
pub fn basic_credentials(encoded: &str) -> Option<(String, String)> {
    use base64::Engine;
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(encoded)
        .ok()?;
    let text = String::from_utf8(decoded).ok()?;
    let (user, password) = text.split_once(':')?;
    Some((user.to_string(), password.to_string()))
}

pub fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as u64)
        .unwrap_or(0)
}

/// A freshly generated self-signed certificate for 127.0.0.1 and localhost, so a simulator
/// can serve HTTPS the way a device with its factory certificate does.
pub struct SelfSignedTls {
    pub acceptor: tokio_rustls::TlsAcceptor,
    /// The certificate in PEM, for clients that are told to trust it (`--ca-file`).
    pub cert_pem: String,
}

impl SelfSignedTls {
    pub fn generate() -> Result<SelfSignedTls, String> {
        use tokio_rustls::rustls;
        let names = vec!["127.0.0.1".to_string(), "localhost".to_string()];
        let certified = rcgen::generate_simple_self_signed(names).map_err(|e| e.to_string())?;
        let key =
            rustls::pki_types::PrivateKeyDer::Pkcs8(certified.signing_key.serialize_der().into());
        let acceptor = crate::http_server::acceptor_for(vec![certified.cert.der().clone()], key)?;
        Ok(SelfSignedTls {
            acceptor,
            cert_pem: certified.cert.pem(),
        })
    }
}

/// Checks a state file before a simulator starts on it. A file that exists but does not hold
/// a well-formed state is moved aside to `<file>.corrupt`, so nothing is lost, and the
/// message returned says so; the simulator then starts from the factory state.
pub fn set_aside_if_corrupt<S: DeserializeOwned>(
    file: &std::path::Path,
    well_formed: fn(&S) -> bool,
) -> Option<String> {
    let bytes = fs::read(file).ok()?;
    let usable = serde_json::from_slice::<S>(&bytes)
        .ok()
        .is_some_and(|s| well_formed(&s));
    if usable {
        return None;
    }
    let mut aside = file.as_os_str().to_os_string();
    aside.push(".corrupt");
    let aside = PathBuf::from(aside);
    Some(match fs::rename(file, &aside) {
        Ok(()) => format!(
            "{} was corrupt: kept it as {} and started from factory state",
            file.display(),
            aside.display()
        ),
        Err(e) => format!(
            "{} is corrupt (and could not be moved aside: {e}); starting from factory state",
            file.display()
        ),
    })
}

/// Stops a task when the server that spawned it stops.
pub(crate) struct AbortOnDrop(pub tokio::task::JoinHandle<()>);

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// A device's state, in memory or backed by a JSON file shared between processes. With a
/// file, every access takes an exclusive lock on `<file>.lock`, reads the file, and writes it
/// back atomically (temp file + rename) when asked to.
pub struct Store<S> {
    memory: Mutex<S>,
    file: Option<PathBuf>,
    /// Whether a state read from the file has the shape the simulator relies on.
    well_formed: fn(&S) -> bool,
}

impl<S: Serialize + DeserializeOwned + Clone> Store<S> {
    pub fn new(initial: S, file: Option<PathBuf>, well_formed: fn(&S) -> bool) -> Store<S> {
        Store {
            memory: Mutex::new(initial),
            file,
            well_formed,
        }
    }

    /// Runs `f` on the state; saves the result when `f` says it changed something.
    pub fn with<T>(&self, f: impl FnOnce(&mut S) -> (T, bool)) -> io::Result<T> {
        let mut memory = self.memory.lock().unwrap_or_else(|p| p.into_inner());
        let Some(file) = &self.file else {
            return Ok(f(&mut memory).0);
        };
        if let Some(dir) = file.parent() {
            fs::create_dir_all(dir)?;
        }
        let lock = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(file.with_extension("lock"))?;
        lock.lock()?;
        // A missing, unreadable or mangled file means a fresh device, as after a factory reset.
        let mut state = fs::read(file)
            .ok()
            .and_then(|bytes| serde_json::from_slice::<S>(&bytes).ok())
            .filter(|s| (self.well_formed)(s))
            .unwrap_or_else(|| memory.clone());
        let (out, changed) = f(&mut state);
        if changed {
            let tmp = file.with_extension("tmp");
            let mut w = File::create(&tmp)?;
            w.write_all(&serde_json::to_vec(&state).map_err(io::Error::other)?)?;
            w.sync_all()?;
            fs::rename(&tmp, file)?;
        }
        *memory = state;
        Ok(out)
    }
}

pub type Shared<S> = Arc<Store<S>>;
