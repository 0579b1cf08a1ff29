//! The HTTP face of the simulated NETIO socket: `/netio.json` read with GET and written with
//! POST (protocols/netio.md 1.1-1.9). HTTP Basic with a read-only and a read-write account,
//! where an empty user name means the API needs no authentication; 400, 401 and 403 with
//! plain-text bodies, as the devices send.
//!
//! The framing (accounts, methods, body cap, the status codes and their bodies) and the
//! reading of a POSTed control document into output commands are public: `pductl serve
//! --api netio-json` answers with the same functions, so a gateway refuses what a unit
//! refuses, in the same words.

use super::netio::{NetioModel, NetioState, NrSpelling};
use super::{full, now_ms, plain_text, serve_http, Body, Faults, Store};
use bytes::Bytes;
use http::{header, HeaderValue, Method, StatusCode};
use http_body_util::{BodyExt, Limited};
use hyper::{Request, Response};
use serde_json::Value;
use std::io;
use std::path::PathBuf;
use std::sync::Arc;
use tokio::net::{TcpListener, UdpSocket};

/// The one resource of the JSON API.
pub const NETIO_JSON_PATH: &str = "/netio.json";

/// Largest POST body the simulator reads.
const MAX_REQUEST_BYTES: usize = 256 * 1024;

/// Options of `pductl sim netio`.
#[derive(Clone)]
pub struct NetioSimOptions {
    pub model: NetioModel,
    pub nr_spelling: NrSpelling,
    /// The read-write account; an empty user means no authentication at all.
    pub user: String,
    pub password: String,
    /// The read-only account, if enabled.
    pub read_user: Option<String>,
    pub read_password: String,
    pub faults: Faults,
    pub state_file: Option<PathBuf>,
    pub tls: Option<tokio_rustls::TlsAcceptor>,
    /// The unit's MAC address (`AA:BB:CC:DD:EE:FF`); `None` for the default.
    pub mac: Option<String>,
    /// Also a client of this MQTT broker (MQTT-flex), with this topic root.
    pub mqtt: Option<(std::net::SocketAddr, String)>,
    /// Also serve the XML API (`/netio.xml`) over the same state.
    pub xml: bool,
    /// Energy counters grow this many Wh per second at an output's load, instead of the
    /// load's real watt-hours.
    pub energy_rate: Option<f64>,
    /// Reset the resettable energy counters this often.
    pub reset_energy_after: Option<std::time::Duration>,
}

impl Default for NetioSimOptions {
    fn default() -> Self {
        NetioSimOptions {
            model: NetioModel::Netio4All,
            nr_spelling: NrSpelling::Plain,
            user: "netio".into(),
            password: "netio".into(),
            read_user: None,
            read_password: String::new(),
            faults: Faults::default(),
            state_file: None,
            tls: None,
            mac: None,
            mqtt: None,
            xml: false,
            energy_rate: None,
            reset_energy_after: None,
        }
    }
}

/// What a request's credentials open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    ReadOnly,
    ReadWrite,
}

/// The JSON API's two accounts (netio.md 1.2).
#[derive(Clone)]
pub struct Accounts {
    /// The read-write account; an empty user means no authentication at all.
    pub user: String,
    pub password: String,
    /// The read-only account, if enabled; an empty user lets anyone read.
    pub read_user: Option<String>,
    pub read_password: String,
}

impl Accounts {
    /// Which account the `Authorization` header's credentials open, if any.
    pub fn access(&self, authorization: Option<&str>) -> Option<Access> {
        // "When left empty, the protocol will not require any authentication."
        if self.user.is_empty() {
            return Some(Access::ReadWrite);
        }
        let anyone_reads = matches!(&self.read_user, Some(ro) if ro.is_empty());
        let credentials = authorization
            .and_then(|a| a.strip_prefix("Basic "))
            .and_then(|b| super::basic_credentials(b.trim()));
        let Some((user, password)) = credentials else {
            return anyone_reads.then_some(Access::ReadOnly);
        };
        if user == self.user && same_secret(&password, &self.password) {
            return Some(Access::ReadWrite);
        }
        match &self.read_user {
            _ if anyone_reads => Some(Access::ReadOnly),
            Some(ro) if *ro == user && same_secret(&password, &self.read_password) => {
                Some(Access::ReadOnly)
            }
            _ => None,
        }
    }
}

/// Compares a password without stopping at the first difference, so the time taken does
/// not tell a guesser how much of it was right.
fn same_secret(given: &str, expected: &str) -> bool {
    let (a, b) = (given.as_bytes(), expected.as_bytes());
    let differ = a.iter().enumerate().fold(a.len() ^ b.len(), |acc, (i, x)| {
        acc | usize::from(x ^ b.get(i).copied().unwrap_or(0))
    });
    differ == 0
}

/// A request that passed the framing: authenticated, its body read whole.
pub struct Admitted {
    /// A POST by the read-write account (a GET otherwise).
    pub write: bool,
    pub body: Bytes,
}

/// The framing every NETIO JSON request goes through, in the order units apply it: 405 for
/// a method other than GET and POST, 401 for credentials no account takes, 413 for a body
/// over `max_body` bytes, 403 for a POST by the read-only account. The body is read before
/// anything else happens, so a slow client holds nothing but its own connection.
pub async fn admit(
    req: Request<hyper::body::Incoming>,
    accounts: &Accounts,
    max_body: usize,
) -> Result<Admitted, Response<Body>> {
    let method = req.method().clone();
    if method != Method::GET && method != Method::POST {
        return Err(plain_text(
            StatusCode::METHOD_NOT_ALLOWED,
            "405 Method Not Allowed",
        ));
    }
    let authorization = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok());
    let Some(access) = accounts.access(authorization) else {
        return Err(unauthorized());
    };
    // PyNetio posts without a Content-Type: any or none is accepted (netio.md 1.1).
    let body = match Limited::new(req.into_body(), max_body).collect().await {
        Ok(b) => b.to_bytes(),
        Err(_) => {
            return Err(plain_text(
                StatusCode::PAYLOAD_TOO_LARGE,
                "413 Request Entity Too Large",
            ))
        }
    };
    if method == Method::POST && access != Access::ReadWrite {
        return Err(plain_text(
            StatusCode::FORBIDDEN,
            "403 Forbidden (API is not enabled or Read only)",
        ));
    }
    Ok(Admitted {
        write: method == Method::POST,
        body,
    })
}

/// One output's command from a POSTed netio.json (netio.md 1.5-1.8).
#[derive(Debug, Clone, PartialEq)]
pub struct OutputCommand {
    /// From 1.
    pub id: u32,
    /// 0-6 (netio.md 1.6).
    pub action: u8,
    /// With Action 6: the state to set.
    pub state: Option<bool>,
    /// With Actions 2 and 3: how long, instead of the output's own Delay.
    pub delay_ms: Option<u64>,
}

/// A POST body as JSON; anything else is a syntax error.
pub fn parse_control(body: &[u8]) -> Result<Value, String> {
    serde_json::from_slice(body).map_err(|_| "malformed JSON".to_string())
}

/// The output commands of a control document for a unit with outputs 1..=`outputs`, every
/// one checked; the first bad one is the reason the whole document is refused (so a bad
/// command changes nothing).
pub fn output_commands(control: &Value, outputs: usize) -> Result<Vec<OutputCommand>, String> {
    let items = control
        .get("Outputs")
        .and_then(Value::as_array)
        .ok_or_else(|| "expected {\"Outputs\":[...]}".to_string())?;
    let mut commands = Vec::new();
    for item in items {
        let id = item
            .get("ID")
            .and_then(Value::as_u64)
            .filter(|id| (1..=outputs as u64).contains(id))
            .ok_or_else(|| format!("unknown output ID in {item}"))? as u32;
        let action = item
            .get("Action")
            .and_then(Value::as_u64)
            .filter(|a| *a <= 6)
            .ok_or_else(|| format!("Action must be 0-6 in {item}"))? as u8;
        let state = match (action, item.get("State").and_then(Value::as_u64)) {
            (6, Some(s @ (0 | 1))) => Some(s == 1),
            (6, _) => return Err(format!("Action 6 needs State 0 or 1 in {item}")),
            _ => None,
        };
        let delay_ms = match item.get("Delay") {
            None => None,
            Some(d) => Some(d.as_u64().ok_or_else(|| format!("bad Delay in {item}"))?),
        };
        commands.push(OutputCommand {
            id,
            action,
            state,
            delay_ms,
        });
    }
    Ok(commands)
}

/// 400, as units word a command they cannot carry out.
pub fn bad_request(reason: &str) -> Response<Body> {
    plain_text(
        StatusCode::BAD_REQUEST,
        &format!("400 Bad Request (Control command syntax error): {reason}"),
    )
}

/// 500, as units word a fault of their own.
pub fn internal_error(reason: &str) -> Response<Body> {
    plain_text(
        StatusCode::INTERNAL_SERVER_ERROR,
        &format!("500 Internal server error: {reason}"),
    )
}

/// 200 with a netio.json document; also the body's bytes (for the simulator's faults).
pub fn document_response(doc: &Value) -> (Response<Body>, Bytes) {
    let bytes = Bytes::from(serde_json::to_vec(doc).unwrap_or_default());
    let mut r = Response::new(full(bytes.clone()));
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    (r, bytes)
}

struct NetioSim {
    store: Arc<Store<NetioState>>,
    options: NetioSimOptions,
    accounts: Accounts,
}

/// Serves a simulated NETIO device on `listener` (and answers UDP discover requests on
/// `discover`) until the returned future is dropped.
pub async fn serve(listener: TcpListener, options: NetioSimOptions, discover: Option<UdpSocket>) {
    let mut initial = NetioState::new(options.model, options.nr_spelling);
    if let Some(mac) = &options.mac {
        initial.mac = mac.clone();
    }
    initial.energy_rate = options.energy_rate;
    initial.reset_energy_every_ms = options.reset_energy_after.map(|d| d.as_millis() as u64);
    let store = Arc::new(Store::new(
        initial,
        options.state_file.clone(),
        NetioState::is_well_formed,
    ));
    let _responder = discover.map(|socket| {
        super::AbortOnDrop(tokio::spawn(super::netio_udp::serve(socket, store.clone())))
    });
    let _mqtt = options.mqtt.clone().map(|(broker, root)| {
        super::AbortOnDrop(tokio::spawn(super::mqtt::serve_netio(
            broker,
            root,
            store.clone(),
        )))
    });
    let sim = Arc::new(NetioSim {
        store,
        accounts: Accounts {
            user: options.user.clone(),
            password: options.password.clone(),
            read_user: options.read_user.clone(),
            read_password: options.read_password.clone(),
        },
        options: options.clone(),
    });
    serve_http(listener, options.tls.clone(), move |req, peer| {
        let sim = sim.clone();
        let _ = peer;
        async move { sim.handle(req).await }
    })
    .await;
}

fn unauthorized() -> Response<Body> {
    let mut r = plain_text(
        StatusCode::UNAUTHORIZED,
        "401 Unauthorized (Invalid username or password)",
    );
    r.headers_mut().insert(
        header::WWW_AUTHENTICATE,
        HeaderValue::from_static("Basic realm=\"NETIO\""),
    );
    r
}

impl NetioSim {
    async fn handle(
        self: Arc<Self>,
        req: Request<hyper::body::Incoming>,
    ) -> Result<Response<Body>, io::Error> {
        let faults = &self.options.faults;
        faults.before_answer().await?;
        // `--xml`: `/netio.xml` too, over the same state, accounts and faults.
        let xml = super::netio_xml::serves(self.options.xml, req.uri().path());
        if req.uri().path() != NETIO_JSON_PATH && !xml {
            return Ok(plain_text(StatusCode::NOT_FOUND, "404 Not Found"));
        }
        let request = match admit(req, &self.accounts, MAX_REQUEST_BYTES).await {
            Ok(request) => request,
            Err(refused) => return Ok(refused),
        };
        let result = self.store.with(|state| {
            let now = now_ms();
            if !request.write {
                return (Ok(state.document(now)), false);
            }
            let parsed = if xml {
                super::netio_xml::parse_control(&request.body)
            } else {
                parse_control(&request.body)
            };
            let control = match parsed {
                Ok(v) => v,
                Err(e) => return (Err(e), false),
            };
            if faults.silent_reject {
                // Answer 200 with the state unchanged, as NETIO's demo units sometimes do.
                return (Ok(state.document(now)), false);
            }
            if let Err(e) = output_commands(&control, state.outputs.len()) {
                return (Err(e), false);
            }
            match state.command(&control, now) {
                Ok(()) => (Ok(state.document(now)), true),
                Err(e) => (Err(e.0), false),
            }
        });
        let doc = match result {
            Ok(Ok(doc)) => doc,
            Ok(Err(reason)) => return Ok(bad_request(&reason)),
            Err(e) => return Ok(internal_error(&e.to_string())),
        };
        let (r, bytes) = if xml {
            super::netio_xml::document_response(&doc)
        } else {
            document_response(&doc)
        };
        Ok(faults.mangle(r, bytes))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn basic(user: &str, password: &str) -> String {
        use base64::Engine;
        let encoded =
            base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"));
        format!("Basic {encoded}")
    }

    #[test]
    fn accounts_open_what_they_should() {
        let accounts = Accounts {
            user: "netio".into(),
            password: "secret".into(),
            read_user: Some("ro".into()),
            read_password: "look".into(),
        };
        let access = |user: &str, password: &str| accounts.access(Some(&basic(user, password)));
        assert_eq!(access("netio", "secret"), Some(Access::ReadWrite));
        assert_eq!(access("ro", "look"), Some(Access::ReadOnly));
        for (user, password) in [
            ("netio", "secre"),
            ("netio", "secret!"),
            ("netio", ""),
            ("ro", "secret"),
        ] {
            assert_eq!(access(user, password), None, "{user}:{password}");
        }
        assert_eq!(accounts.access(None), None);
        assert_eq!(accounts.access(Some("Basic !!!")), None);
        let open = Accounts {
            user: String::new(),
            ..accounts.clone()
        };
        assert_eq!(open.access(None), Some(Access::ReadWrite));
    }
}
