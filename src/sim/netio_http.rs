//! The HTTP face of the simulated NETIO socket: `/netio.json` read with GET and written with
//! POST (protocols/netio.md 1.1-1.9). HTTP Basic with a read-only and a read-write account,
//! where an empty user name means the API needs no authentication; 400, 401 and 403 with
//! plain-text bodies, as the devices send.

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

/// Largest POST body read.
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

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Access {
    ReadOnly,
    ReadWrite,
}

struct NetioSim {
    store: Arc<Store<NetioState>>,
    options: NetioSimOptions,
}

/// Serves a simulated NETIO device on `listener` (and answers UDP discover requests on
/// `discover`) until the returned future is dropped.
pub async fn serve(listener: TcpListener, options: NetioSimOptions, discover: Option<UdpSocket>) {
    let mut initial = NetioState::new(options.model, options.nr_spelling);
    if let Some(mac) = &options.mac {
        initial.mac = mac.clone();
    }
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
    /// Which account the request's credentials open, if any.
    fn access(&self, authorization: Option<&str>) -> Option<Access> {
        let o = &self.options;
        // "When left empty, the protocol will not require any authentication."
        if o.user.is_empty() {
            return Some(Access::ReadWrite);
        }
        let credentials = authorization
            .and_then(|a| a.strip_prefix("Basic "))
            .and_then(|b| super::basic_credentials(b.trim()));
        let (user, password) = match credentials {
            Some(credentials) => credentials,
            None => {
                return match &o.read_user {
                    Some(ro) if ro.is_empty() => Some(Access::ReadOnly),
                    _ => None,
                }
            }
        };
        if user == o.user && password == o.password {
            return Some(Access::ReadWrite);
        }
        match &o.read_user {
            Some(ro) if ro.is_empty() => Some(Access::ReadOnly),
            Some(ro) if *ro == user && password == o.read_password => Some(Access::ReadOnly),
            _ => None,
        }
    }

    async fn handle(
        self: Arc<Self>,
        req: Request<hyper::body::Incoming>,
    ) -> Result<Response<Body>, io::Error> {
        let faults = &self.options.faults;
        faults.before_answer().await?;
        if req.uri().path() != NETIO_JSON_PATH {
            return Ok(plain_text(StatusCode::NOT_FOUND, "404 Not Found"));
        }
        let method = req.method().clone();
        if method != Method::GET && method != Method::POST {
            return Ok(plain_text(
                StatusCode::METHOD_NOT_ALLOWED,
                "405 Method Not Allowed",
            ));
        }
        let authorization = req
            .headers()
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string);
        let Some(access) = self.access(authorization.as_deref()) else {
            return Ok(unauthorized());
        };
        // PyNetio posts without a Content-Type: any or none is accepted (netio.md 1.1).
        let body = match Limited::new(req.into_body(), MAX_REQUEST_BYTES)
            .collect()
            .await
        {
            Ok(b) => b.to_bytes(),
            Err(_) => {
                return Ok(plain_text(
                    StatusCode::PAYLOAD_TOO_LARGE,
                    "413 Request Entity Too Large",
                ))
            }
        };
        if method == Method::POST && access != Access::ReadWrite {
            return Ok(plain_text(
                StatusCode::FORBIDDEN,
                "403 Forbidden (API is not enabled or Read only)",
            ));
        }
        let result = self.store.with(|state| {
            let now = now_ms();
            if method == Method::GET {
                return (Ok(state.document(now)), false);
            }
            let command: Value = match serde_json::from_slice(&body) {
                Ok(v) => v,
                Err(_) => return (Err("malformed JSON".to_string()), false),
            };
            if faults.silent_reject {
                // Answer 200 with the state unchanged, as NETIO's demo units sometimes do.
                return (Ok(state.document(now)), false);
            }
            match state.command(&command, now) {
                Ok(()) => (Ok(state.document(now)), true),
                Err(e) => (Err(e.0), false),
            }
        });
        let doc = match result {
            Ok(Ok(doc)) => doc,
            Ok(Err(reason)) => {
                return Ok(plain_text(
                    StatusCode::BAD_REQUEST,
                    &format!("400 Bad Request (Control command syntax error): {reason}"),
                ))
            }
            Err(e) => {
                return Ok(plain_text(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    &format!("500 Internal server error: {e}"),
                ))
            }
        };
        let bytes = Bytes::from(serde_json::to_vec(&doc).unwrap_or_default());
        let mut r = Response::new(full(bytes.clone()));
        r.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
        Ok(faults.mangle(r, bytes))
    }
}
