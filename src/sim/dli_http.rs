//! The HTTP face of the simulated DLI controller: the REST-style API's framing as
//! protocols/dli.md 2.1-2.11 describes it. Digest auth as a captured LPC9 challenges
//! (`DIGEST realm="DLI <serial>", nonce="<16 alphanumerics>"`, no qop: RFC 2069 answers), or
//! with `qop="auth,auth-int"` as other firmware does; a lockout after repeated failed logins;
//! Basic only when `config/allow_plaintext_logins` is on; the CSRF header rule, redirects to
//! slash-terminated URIs, `Range: dli-depth=N`, 207 answers with `Link` headers, and the
//! `description` relative URI. Everything outside `/restapi/` is the legacy web interface
//! (`dli_legacy.rs`), over the same state and the same failed-login count; `--model lpc7` is
//! a unit with that interface only.
//!
//! The framing (`RestFraming`) serves two models of a unit: the simulator's `DliState`, at
//! once under its store's lock, and any model implementing `RestModel` asynchronously: `pductl
//! serve --api dli-rest` (`serve/dli_rest.rs`) presents a real device through it, so the
//! gateway and the simulator refuse the same requests the same way.

use super::dli::{Caller, DliState, Reply, SimError};
use super::dli_coap::{self, CoapAnswer, CoapAuth, CoapRequest};
use super::dli_legacy::{DliModel, Legacy, LegacyRequest, Verdict};
use super::{full, now_ms, plain_text, Body, Faults, Store};
use crate::path::{Path, DESCRIPTION_FRAGMENT, REST_PREFIX};
use bytes::Bytes;
use http::{header, HeaderValue, Method, StatusCode};
use http_body_util::{BodyExt, Limited};
use hyper::{Request, Response};
use serde_json::Value;
use std::collections::{HashMap, VecDeque};
use std::io;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::net::TcpListener;

/// Status for a mutating request without the CSRF header [INF: dli.md 2.4 leaves it open].
const STATUS_CSRF: u16 = 403;

/// Largest request body the simulator reads.
const MAX_REQUEST_BYTES: usize = 1024 * 1024;

/// How many digest nonces are remembered.
const NONCES_KEPT: usize = 1024;

/// Failed logins after which a user is locked out ("about 3" on DLI units).
const FAILED_LOGINS_BEFORE_LOCKOUT: u32 = 3;

/// How a locked-out login is answered [INF: DLI documents the lockout, not its answer; the
/// body names the lockout, as units are reported to].
const STATUS_LOCKOUT: u16 = 403;

/// The Digest challenge the simulator sends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum DigestChallenge {
    /// As a captured LPC9: `DIGEST realm="DLI <serial>", nonce="..."`, no qop, algorithm or
    /// opaque; answers are checked in RFC 2069's form, MD5(HA1:nonce:HA2)
    #[default]
    Lpc9,
    /// As other DLI firmware: `Digest realm=..., qop="auth,auth-int", algorithm=MD5, nonce,
    /// opaque`
    Qop,
}

/// Options of `pductl sim dli`.
#[derive(Clone)]
pub struct DliSimOptions {
    pub outlets: usize,
    pub user: String,
    pub password: String,
    /// The digest realm; `None` for the unit's own, `DLI <serial>`.
    pub realm: Option<String>,
    pub challenge: DigestChallenge,
    /// How long a lockout lasts; `None` for `config/lockout_delay_minutes`.
    pub lockout: Option<Duration>,
    /// Also a client of this MQTT broker, with this topic root.
    pub mqtt: Option<(std::net::SocketAddr, String)>,
    pub faults: Faults,
    pub state_file: Option<PathBuf>,
    /// Serve HTTPS with this acceptor instead of plain HTTP.
    pub tls: Option<tokio_rustls::TlsAcceptor>,
    /// Which unit to be: REST and the legacy interface, or an LPC7 with the legacy one only.
    pub model: DliModel,
    /// Who may use the CoAP-over-WebSockets face (`dli_coap.rs`).
    pub coap_auth: CoapAuth,
    /// Meter each outlet, with energy counters growing this many Wh per second at the
    /// outlet's load.
    pub energy_rate: Option<f64>,
}

impl Default for DliSimOptions {
    fn default() -> Self {
        DliSimOptions {
            outlets: 8,
            user: "admin".into(),
            password: "1234".into(),
            realm: None,
            challenge: DigestChallenge::default(),
            lockout: None,
            mqtt: None,
            faults: Faults::default(),
            state_file: None,
            tls: None,
            model: DliModel::default(),
            coap_auth: CoapAuth::default(),
            energy_rate: None,
        }
    }
}

struct DliSim {
    store: Arc<Store<DliState>>,
    faults: Faults,
    /// Login, CSRF, paths and answers of the REST-style API, over `store`.
    framing: RestFraming,
    model: DliModel,
    /// The legacy web interface on the same port.
    legacy: Legacy,
    coap_auth: CoapAuth,
    /// The account `--coap-auth none` acts as.
    user: String,
}

#[derive(Debug, Default)]
struct Failures {
    count: u32,
    locked_until_ms: u64,
}

/// The device state `options` describe (its file, or a fresh unit), for `serve_store`
/// and any other face that must see the same outlets (`sim dli --upnp`).
pub fn store(options: &DliSimOptions) -> Arc<Store<DliState>> {
    let mut initial = DliState::new(
        options.outlets,
        &options.user,
        &options.password,
        options.realm.as_deref(),
    );
    Legacy::prepare(options.model, &mut initial);
    initial.meter_outlets(options.energy_rate);
    Arc::new(Store::new(
        initial,
        options.state_file.clone(),
        DliState::is_well_formed,
    ))
}

/// Serves a simulated DLI controller on `listener` until the returned future is dropped.
pub async fn serve(listener: TcpListener, options: DliSimOptions) {
    let store = store(&options);
    serve_store(listener, options, store).await
}

/// `serve` over a state other faces share.
pub async fn serve_store(
    listener: TcpListener,
    options: DliSimOptions,
    store: Arc<Store<DliState>>,
) {
    let _mqtt = options.mqtt.clone().map(|(broker, root)| {
        super::AbortOnDrop(tokio::spawn(super::mqtt::serve_dli(
            broker,
            root,
            store.clone(),
        )))
    });
    let sim = Arc::new(DliSim {
        store,
        faults: options.faults.clone(),
        framing: RestFraming::new(options.challenge, options.lockout, options.faults.clone()),
        model: options.model,
        legacy: Legacy::new(options.model, options.faults.clone()),
        coap_auth: options.coap_auth,
        user: options.user.clone(),
    });
    crate::http_server::serve_http(listener, options.tls.clone(), move |req, peer| {
        let sim = sim.clone();
        async move { sim.handle(req, peer).await }
    })
    .await;
}

/// DLI's error answers, by numeric status.
fn text(status: u16, message: &str) -> Response<Body> {
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    plain_text(status, message)
}

fn json_response(status: StatusCode, value: &Value) -> (Response<Body>, Bytes) {
    let bytes = Bytes::from(serde_json::to_vec(value).unwrap_or_default());
    let mut r = Response::new(full(bytes.clone()));
    *r.status_mut() = status;
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    (r, bytes)
}

fn header_str(req: &Request<hyper::body::Incoming>, name: header::HeaderName) -> Option<&str> {
    req.headers().get(name).and_then(|v| v.to_str().ok())
}

/// Reads a PUT/POST body by its content type: JSON as is; a form's `value=` as JSON if it
/// parses, else as a plain string [INF: dli.md 2.5 "JSON-parse-else-string?"].
fn parse_body(content_type: &str, body: &[u8]) -> Result<Option<Value>, SimError> {
    if body.is_empty() {
        return Ok(None);
    }
    let bad = |m: String| SimError {
        status: 400,
        message: m,
    };
    let mime = content_type.split(';').next().unwrap_or("").trim();
    match mime {
        "application/x-www-form-urlencoded" => {
            let text = String::from_utf8_lossy(body);
            let value = text
                .split('&')
                .filter_map(|kv| kv.split_once('='))
                .find(|(k, _)| *k == "value")
                .map(|(_, v)| {
                    percent_encoding::percent_decode_str(&v.replace('+', " "))
                        .decode_utf8_lossy()
                        .into_owned()
                })
                .ok_or_else(|| bad("form body needs value=".into()))?;
            Ok(Some(
                serde_json::from_str(&value).unwrap_or(Value::String(value)),
            ))
        }
        "text/plain" => {
            let text = String::from_utf8_lossy(body).trim().to_string();
            Ok(Some(
                serde_json::from_str(&text).unwrap_or(Value::String(text)),
            ))
        }
        _ => serde_json::from_slice(body)
            .map(Some)
            .map_err(|e| bad(format!("body is not valid JSON: {e}"))),
    }
}

/// What the framing needs of one HTTP request, body read in full (so that nothing of the
/// unit is touched, nor any lock taken, while a slow client is still sending).
pub struct RestRequest {
    method: Method,
    /// Path and query exactly as sent (digest auth signs it).
    uri: String,
    authorization: Option<String>,
    /// The `Cookie` header (the legacy interface's `DLILPC` session).
    cookie: Option<String>,
    content_type: String,
    has_csrf: bool,
    /// `Range: dli-depth=N`.
    depth: Option<usize>,
    body: Bytes,
    peer: SocketAddr,
}

impl RestRequest {
    /// Reads the request; a ready error response (413) when the body is over
    /// `MAX_REQUEST_BYTES`.
    pub async fn read(
        req: Request<hyper::body::Incoming>,
        peer: SocketAddr,
    ) -> Result<RestRequest, Response<Body>> {
        let uri = req
            .uri()
            .path_and_query()
            .map(|p| p.as_str().to_string())
            .unwrap_or_else(|| "/".into());
        let authorization = header_str(&req, header::AUTHORIZATION).map(str::to_string);
        let cookie = header_str(&req, header::COOKIE).map(str::to_string);
        let content_type = header_str(&req, header::CONTENT_TYPE)
            .unwrap_or("application/json")
            .to_string();
        let has_csrf = req.headers().contains_key("x-csrf")
            || header_str(&req, header::HeaderName::from_static("x-requested-with"))
                .is_some_and(|v| v.eq_ignore_ascii_case("XMLHttpRequest"));
        let depth = header_str(&req, header::RANGE)
            .and_then(|r| r.trim().strip_prefix("dli-depth="))
            .and_then(|d| d.trim().parse::<usize>().ok());
        let method = req.method().clone();
        let body = Limited::new(req.into_body(), MAX_REQUEST_BYTES)
            .collect()
            .await
            .map_err(|_| text(413, "request body too large"))?
            .to_bytes();
        Ok(RestRequest {
            method,
            uri,
            authorization,
            cookie,
            content_type,
            has_csrf,
            depth,
            body,
            peer,
        })
    }

    /// The path, without the query.
    fn path_only(&self) -> &str {
        self.uri.split('?').next().unwrap_or("/")
    }
}

/// The part of `path` after `/restapi/` (`""` for `/restapi` itself), or `None` for a path
/// outside the REST-style API.
fn rest_part(path: &str) -> Option<&str> {
    path.strip_prefix(REST_PREFIX)
        .or_else(|| (path == "/restapi").then_some(""))
}

enum Auth {
    Ok(Caller),
    /// No usable credentials: challenge (not a failed login).
    Challenge,
    /// Credentials for this user name that are wrong.
    Failed(String),
    /// This user is locked out, whatever the password.
    LockedOut(String),
}

/// The REST-style API's framing over some model of a unit: login (Digest with the unit's
/// nonces and lockout; Basic where the unit allows it), the CSRF rule, redirects to
/// slash-terminated URIs, paths, bodies and the shape of answers. The simulator serves its
/// `DliState` through it; `pductl serve --api dli-rest` serves a real device through it
/// (`serve/dli_rest.rs`, as a `RestModel`), so both refuse the same requests the same way.
pub struct RestFraming {
    challenge: DigestChallenge,
    lockout: Option<Duration>,
    nonces: Mutex<VecDeque<String>>,
    /// Failed logins per user name, and until when (wall-clock ms) each is locked out.
    failures: Mutex<HashMap<String, Failures>>,
    /// What the simulator does to its answers (nothing, for a gateway).
    faults: Faults,
}

/// Who may log in to a unit, and how: its `auth/` and `config/` settings.
pub trait Accounts {
    /// The digest realm.
    fn realm(&self) -> String;
    /// An allowed user's password, and who they are to the unit.
    fn account(&self, name: &str) -> Option<(String, Caller)>;
    /// Whether Basic credentials are accepted (`config/allow_plaintext_logins`).
    fn allow_plaintext_logins(&self) -> bool;
    /// How long a lockout lasts when no `--lockout` says.
    fn lockout_delay_ms(&self) -> u64;
}

impl Accounts for DliState {
    fn realm(&self) -> String {
        DliState::realm(self)
    }
    fn account(&self, name: &str) -> Option<(String, Caller)> {
        DliState::account(self, name)
    }
    fn allow_plaintext_logins(&self) -> bool {
        DliState::allow_plaintext_logins(self)
    }
    fn lockout_delay_ms(&self) -> u64 {
        DliState::lockout_delay_ms(self)
    }
}

/// What an admitted request asks of the unit, its path parsed and its body read.
pub enum Operation {
    /// GET or HEAD; `depth` from `Range: dli-depth=N`.
    Get {
        path: Path,
        depth: Option<usize>,
    },
    /// GET of `<resource>/description`.
    Describe {
        path: Path,
    },
    Put {
        path: Path,
        value: Value,
    },
    /// A call (arguments array, if any) or an append to a collection.
    Post {
        path: Path,
        body: Option<Value>,
    },
    Patch {
        path: Path,
        patch: json_patch::Patch,
    },
    Delete {
        path: Path,
    },
}

impl Operation {
    /// Whether it may change the unit.
    pub fn changes(&self) -> bool {
        !matches!(self, Operation::Get { .. } | Operation::Describe { .. })
    }
}

/// A request that passed login, the CSRF rule and parsing.
pub struct Admitted {
    pub caller: Caller,
    pub operation: Operation,
    /// HEAD: answer without a body.
    pub head: bool,
}

/// A unit the framing serves whose operations take time (a device behind a gateway); the
/// simulator's state answers at once, under its store's lock, instead.
#[async_trait::async_trait]
pub trait RestModel: Accounts + Send + Sync {
    /// Carries out an admitted request for `caller`.
    async fn perform(&self, operation: Operation, caller: &Caller) -> Result<Reply, SimError>;
}

/// Answers one request for `model`: the body is read (under its cap) before the model is
/// touched; then login, CSRF, parsing; then the model; then DLI's shape of the answer.
pub async fn answer<M: RestModel>(
    framing: &RestFraming,
    model: &M,
    req: Request<hyper::body::Incoming>,
    peer: SocketAddr,
) -> Response<Body> {
    let request = match RestRequest::read(req, peer).await {
        Ok(r) => r,
        Err(response) => return response,
    };
    let admitted = match framing.admit(model, &request) {
        Ok(a) => a,
        Err(response) => return response,
    };
    match model.perform(admitted.operation, &admitted.caller).await {
        Ok(reply) => framing.render(reply, admitted.head),
        Err(e) => refusal(&e),
    }
}

/// A model's refusal, as DLI answers: the status and a one-line text.
pub fn refusal(e: &SimError) -> Response<Body> {
    text(e.status, &e.message)
}

impl RestFraming {
    pub fn new(
        challenge: DigestChallenge,
        lockout: Option<Duration>,
        faults: Faults,
    ) -> RestFraming {
        RestFraming {
            challenge,
            lockout,
            nonces: Mutex::new(VecDeque::new()),
            failures: Mutex::new(HashMap::new()),
            faults,
        }
    }

    /// 16 alphanumerics, as a captured LPC9's nonce (`NZAeQHhoCNifFjFa`).
    fn new_nonce(&self) -> String {
        use rand::distributions::{Alphanumeric, DistString};
        let nonce = Alphanumeric.sample_string(&mut rand::thread_rng(), 16);
        let mut nonces = self.nonces.lock().unwrap_or_else(|p| p.into_inner());
        if nonces.len() >= NONCES_KEPT {
            nonces.pop_front();
        }
        nonces.push_back(nonce.clone());
        nonce
    }

    fn known_nonce(&self, nonce: &str) -> bool {
        self.nonces
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .iter()
            .any(|n| n == nonce)
    }

    fn challenge(&self, realm: &str) -> Response<Body> {
        let mut r = text(401, "authentication required");
        let nonce = self.new_nonce();
        let value = match self.challenge {
            DigestChallenge::Lpc9 => format!("DIGEST realm=\"{realm}\", nonce=\"{nonce}\""),
            DigestChallenge::Qop => format!(
                "Digest realm=\"{realm}\", qop=\"auth,auth-int\", algorithm=MD5, nonce=\"{nonce}\", opaque=\"{:016x}\"",
                rand::random::<u64>()
            ),
        };
        if let Ok(v) = HeaderValue::from_str(&value) {
            r.headers_mut().insert(header::WWW_AUTHENTICATE, v);
        }
        r
    }

    /// Checks the Authorization header against the device's users: who is asking, no usable
    /// credentials (a challenge, not a failed login), or wrong ones for a user name.
    fn check_credentials(
        &self,
        accounts: &dyn Accounts,
        method: &Method,
        uri: &str,
        authorization: Option<&str>,
        body: &[u8],
    ) -> Auth {
        let Some(authorization) = authorization else {
            return Auth::Challenge;
        };
        if let Some(encoded) = strip_scheme(authorization, "basic") {
            if !accounts.allow_plaintext_logins() {
                return Auth::Challenge;
            }
            let Some((user, password)) = super::basic_credentials(encoded.trim()) else {
                return Auth::Challenge;
            };
            return match accounts.account(&user) {
                Some((real, caller)) if real == password => Auth::Ok(caller),
                _ => Auth::Failed(user),
            };
        }
        let Some(params) = strip_scheme(authorization, "digest") else {
            return Auth::Challenge;
        };
        let Ok(header) = digest_auth::AuthorizationHeader::parse(params) else {
            return Auth::Challenge;
        };
        // An answer to another realm or to a nonce this unit did not hand out is no login
        // attempt: it just gets a fresh challenge.
        if header.uri != uri || header.realm != accounts.realm() || !self.known_nonce(&header.nonce)
        {
            return Auth::Challenge;
        }
        let Some((password, caller)) = accounts.account(&header.username) else {
            return Auth::Failed(header.username);
        };
        let mut expected = header.clone();
        if self.challenge == DigestChallenge::Lpc9 {
            // The unit offered no qop, so it computes RFC 2069's MD5(HA1:nonce:HA2) whatever
            // qop the client claims to have used.
            expected.qop = None;
        }
        let context = digest_auth::AuthContext::new_with_method(
            header.username.as_str(),
            password.as_str(),
            uri,
            Some(body),
            digest_auth::HttpMethod::from(method.as_str()),
        );
        expected.digest(&context);
        if expected.response == header.response {
            Auth::Ok(caller)
        } else {
            Auth::Failed(header.username)
        }
    }

    /// `check_credentials` plus the lockout: after `FAILED_LOGINS_BEFORE_LOCKOUT` failed
    /// logins a user is refused, right password or not, for the lockout delay; a successful
    /// login clears the count.
    fn authenticate(
        &self,
        accounts: &dyn Accounts,
        method: &Method,
        uri: &str,
        authorization: Option<&str>,
        body: &[u8],
    ) -> Auth {
        let verdict = self.check_credentials(accounts, method, uri, authorization, body);
        let (user, ok) = match &verdict {
            Auth::Ok(caller) => (caller.name.clone(), true),
            Auth::Failed(user) => (user.clone(), false),
            _ => return verdict,
        };
        match self.record_login(accounts, &user, ok) {
            Verdict::LockedOut => Auth::LockedOut(user),
            _ => verdict,
        }
    }

    /// Counts a login attempt by `user` (REST or legacy): a locked-out user stays locked out
    /// whatever the password; a success clears the count; the third failure in a row locks
    /// the user out for the lockout delay.
    fn record_login(&self, accounts: &dyn Accounts, user: &str, ok: bool) -> Verdict {
        let now = now_ms();
        let mut failures = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        if failures.len() >= NONCES_KEPT {
            // Junk user names must not grow this forever; keep the lockouts that still hold.
            failures.retain(|_, f| f.locked_until_ms > now);
        }
        let entry = failures.entry(user.to_string()).or_default();
        if entry.locked_until_ms > now {
            return Verdict::LockedOut;
        }
        if ok {
            failures.remove(user);
            return Verdict::Ok;
        }
        entry.count += 1;
        if entry.count >= FAILED_LOGINS_BEFORE_LOCKOUT {
            let delay = self
                .lockout
                .map_or_else(|| accounts.lockout_delay_ms(), |d| d.as_millis() as u64);
            entry.locked_until_ms = now.saturating_add(delay);
            entry.count = 0;
        }
        Verdict::Failed
    }

    fn locked_out(&self, user: &str) -> Response<Body> {
        let until = self
            .failures
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .get(user)
            .map_or(0, |f| f.locked_until_ms);
        let seconds = until.saturating_sub(now_ms()).div_ceil(1000);
        text(
            STATUS_LOCKOUT,
            &format!(
                "login locked out: too many failed login attempts for {user}; try again in {seconds} s"
            ),
        )
    }

    /// Login, the CSRF rule, redirects and parsing of a request under `/restapi/`: what it
    /// asks for, or the answer that refuses it.
    // The refusal is the response itself, built once per request: boxing it buys nothing.
    #[allow(clippy::result_large_err)]
    pub fn admit(
        &self,
        accounts: &dyn Accounts,
        request: &RestRequest,
    ) -> Result<Admitted, Response<Body>> {
        let RestRequest {
            method,
            uri,
            authorization,
            content_type,
            has_csrf,
            depth,
            body,
            peer,
            ..
        } = request;
        let path_only = request.path_only();
        let Some(rest) = rest_part(path_only) else {
            return Err(text(404, "not found"));
        };
        let mut caller =
            match self.authenticate(accounts, method, uri, authorization.as_deref(), body) {
                Auth::Ok(c) => c,
                Auth::Challenge | Auth::Failed(_) => return Err(self.challenge(&accounts.realm())),
                Auth::LockedOut(user) => return Err(self.locked_out(&user)),
            };
        caller.ip_address = peer.ip().to_string();
        let mutating = !matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS);
        if mutating && !has_csrf {
            return Err(text(
                STATUS_CSRF,
                "missing X-CSRF or X-Requested-With: XMLHttpRequest header",
            ));
        }
        if *method == Method::OPTIONS {
            return Err(text(403, "cross-origin requests are denied"));
        }
        // `<resource>/description` asks for a type description; any other URI without the
        // trailing slash is redirected to the slash-terminated one.
        let describe = !path_only.ends_with('/')
            && (rest == DESCRIPTION_FRAGMENT
                || rest.ends_with(&format!("/{DESCRIPTION_FRAGMENT}")));
        if !path_only.ends_with('/') && !describe {
            let status = if matches!(*method, Method::GET | Method::HEAD) {
                301
            } else {
                307
            };
            let mut r = text(status, "resource URIs end with /");
            if let Ok(v) = HeaderValue::from_str(&format!("{path_only}/")) {
                r.headers_mut().insert(header::LOCATION, v);
            }
            return Err(r);
        }
        let path_text = if describe {
            rest.strip_suffix(DESCRIPTION_FRAGMENT).unwrap_or(rest)
        } else {
            rest
        };
        let path = Path::parse(path_text).map_err(|e| text(404, &e.to_string()))?;
        let parsed = if matches!(*method, Method::PUT | Method::POST) {
            parse_body(content_type, body).map_err(|e| refusal(&e))?
        } else {
            None
        };
        let operation = match *method {
            Method::GET | Method::HEAD if describe => Operation::Describe { path },
            Method::GET | Method::HEAD => Operation::Get {
                path,
                depth: *depth,
            },
            Method::PUT => match parsed {
                Some(value) => Operation::Put { path, value },
                None => return Err(text(400, "PUT needs a body")),
            },
            Method::POST => Operation::Post { path, body: parsed },
            Method::PATCH => {
                let mime = content_type.split(';').next().unwrap_or("").trim();
                if mime != "application/json-patch+json" {
                    return Err(text(
                        415,
                        &format!("PATCH takes application/json-patch+json, not {mime}"),
                    ));
                }
                match serde_json::from_slice::<json_patch::Patch>(body) {
                    Ok(patch) => Operation::Patch { path, patch },
                    Err(e) => return Err(text(400, &format!("bad JSON patch: {e}"))),
                }
            }
            Method::DELETE => Operation::Delete { path },
            _ => return Err(text(405, &format!("{method} is not supported"))),
        };
        Ok(Admitted {
            caller,
            operation,
            head: *method == Method::HEAD,
        })
    }
}

impl DliSim {
    async fn handle(
        self: Arc<Self>,
        req: Request<hyper::body::Incoming>,
        peer: SocketAddr,
    ) -> Result<Response<Body>, io::Error> {
        self.faults.before_answer().await?;
        if dli_coap::is_coap(&req) && self.model != DliModel::Lpc7 {
            return Ok(self.coap_upgrade(req, peer));
        }
        let request = match RestRequest::read(req, peer).await {
            Ok(r) => r,
            Err(response) => return Ok(response),
        };
        let result = self.store.with(|state| {
            let (response, changed) = self.respond(state, &request);
            ((response, changed), changed)
        });
        match result {
            Ok((response, _)) => Ok(response),
            Err(e) => Ok(text(500, &format!("state file: {e}"))),
        }
    }

    /// Answers a request against the device state; also says whether the state changed.
    fn respond(&self, state: &mut DliState, request: &RestRequest) -> (Response<Body>, bool) {
        if rest_part(request.path_only()).is_none() {
            let legacy = LegacyRequest {
                method: &request.method,
                uri: &request.uri,
                cookie: request.cookie.as_deref(),
                authorization: request.authorization.as_deref(),
                body: &request.body,
                peer: request.peer,
            };
            return self.legacy.respond(state, &legacy, &|state, user, ok| {
                self.framing.record_login(state, user, ok)
            });
        }
        if self.model == DliModel::Lpc7 {
            // A unit from before the REST API.
            return (text(404, "not found"), false);
        }
        let Admitted {
            caller,
            operation,
            head,
        } = match self.framing.admit(state, request) {
            Ok(admitted) => admitted,
            Err(refused) => return (refused, false),
        };
        let mutating = operation.changes();
        let relays = (mutating && self.faults.stuck_relay).then(|| state.relays());
        let reply = match perform(state, operation, &caller) {
            Ok(r) => r,
            Err(e) => return (refusal(&e), false),
        };
        if let Some(relays) = relays {
            state.set_relays(relays);
        }
        (self.framing.render(reply, head), mutating)
    }

    /// The CoAP face (`dli_coap.rs`): the upgrade is authenticated as a REST GET of
    /// `/.well-known/coap` (no X-CSRF: a browser cannot send one on a WebSocket handshake)
    /// [INF: dli-apis.md a.2], or not at all with `--coap-auth none`.
    fn coap_upgrade(
        self: &Arc<Self>,
        req: Request<hyper::body::Incoming>,
        peer: SocketAddr,
    ) -> Response<Body> {
        let uri = req
            .uri()
            .path_and_query()
            .map(|p| p.as_str().to_string())
            .unwrap_or_default();
        let authorization = header_str(&req, header::AUTHORIZATION).map(str::to_string);
        let verdict = self.store.with(|state| {
            let auth = match self.coap_auth {
                CoapAuth::None => match state.account(&self.user) {
                    Some((_, caller)) => Auth::Ok(caller),
                    None => Auth::Challenge,
                },
                CoapAuth::Login => self.framing.authenticate(
                    state,
                    &Method::GET,
                    &uri,
                    authorization.as_deref(),
                    b"",
                ),
            };
            let refusal = match &auth {
                Auth::Ok(_) => None,
                Auth::Challenge | Auth::Failed(_) => Some(self.framing.challenge(&state.realm())),
                Auth::LockedOut(user) => Some(self.framing.locked_out(user)),
            };
            ((auth, refusal), false)
        });
        let mut caller = match verdict {
            Ok((Auth::Ok(caller), _)) => caller,
            Ok((_, Some(refusal))) => return refusal,
            Ok(_) => return text(401, "authentication required"),
            Err(e) => return text(500, &format!("state file: {e}")),
        };
        caller.ip_address = peer.ip().to_string();
        let sim = self.clone();
        let handler: dli_coap::Handler = Arc::new(move |request| {
            sim.store
                .with(|state| sim.coap_answer(state, &caller, request))
                .unwrap_or_else(|e| CoapAnswer::error(500, &format!("state file: {e}")))
        });
        dli_coap::upgrade(req, handler)
    }

    /// Answers one CoAP request against the device state, as `respond` does an HTTP one;
    /// also says whether the state changed. Codes as dli-apis.md a.7 [INF].
    fn coap_answer(
        &self,
        state: &mut DliState,
        caller: &Caller,
        request: CoapRequest,
    ) -> (CoapAnswer, bool) {
        use coap_lite::RequestType;
        if request.outside_rest {
            return (CoapAnswer::error(404, "not found"), false);
        }
        if request.no_trailing_empty {
            // What a unit answers here is a GAP; REST redirects, CoAP cannot.
            return (
                CoapAnswer::error(404, "data requests end with an empty Uri-Path segment"),
                false,
            );
        }
        let json_body = |payload: &[u8]| -> Result<Option<Value>, SimError> {
            if payload.is_empty() {
                return Ok(None);
            }
            match request.content_format {
                None | Some(50) => {
                    serde_json::from_slice(payload)
                        .map(Some)
                        .map_err(|e| SimError {
                            status: 400,
                            message: format!("body is not valid JSON: {e}"),
                        })
                }
                Some(cf) => Err(SimError {
                    status: 415,
                    message: format!("content-format {cf} is not JSON (50)"),
                }),
            }
        };
        let path = &request.path;
        let mutating = request.method != RequestType::Get;
        let relays = (mutating && self.faults.stuck_relay).then(|| state.relays());
        let result = match request.method {
            RequestType::Get if request.describe => state.describe(path, caller),
            RequestType::Get => state.get(path, caller, None),
            RequestType::Put => match json_body(&request.payload) {
                Ok(Some(v)) => state.put(path, &v, caller),
                Ok(None) => Err(SimError {
                    status: 400,
                    message: "PUT needs a body".into(),
                }),
                Err(e) => Err(e),
            },
            RequestType::Post => {
                json_body(&request.payload).and_then(|body| state.post(path, body.as_ref(), caller))
            }
            RequestType::Delete => state.delete(path, caller),
            RequestType::Patch | RequestType::IPatch => {
                if request.content_format != Some(51) {
                    Err(SimError {
                        status: 415,
                        message: "PATCH takes application/json-patch+json (51)".into(),
                    })
                } else {
                    match serde_json::from_slice::<json_patch::Patch>(&request.payload) {
                        Ok(patch) => state.patch(path, &patch, caller),
                        Err(e) => Err(SimError {
                            status: 400,
                            message: format!("bad JSON patch: {e}"),
                        }),
                    }
                }
            }
            _ => Err(SimError {
                status: 405,
                message: "method not supported".into(),
            }),
        };
        let reply = match result {
            Ok(r) => r,
            Err(e) => return (CoapAnswer::error(e.status, &e.message), false),
        };
        if let Some(relays) = relays {
            state.set_relays(relays);
        }
        const CREATED: u8 = 0x41;
        const DELETED: u8 = 0x42;
        const CHANGED: u8 = 0x44;
        const CONTENT: u8 = 0x45;
        let ok = if mutating { CHANGED } else { CONTENT };
        let answer = match reply {
            Reply::Value(v) | Reply::Partial(v) => CoapAnswer::json(ok, &v),
            Reply::Multi(items) => CoapAnswer::json(
                ok,
                &Value::Array(items.into_iter().map(|(_, v)| v).collect()),
            ),
            Reply::MultiDone(_) => CoapAnswer::empty(CHANGED),
            Reply::Created(_) => CoapAnswer::empty(CREATED),
            Reply::NoContent if request.method == RequestType::Delete => CoapAnswer::empty(DELETED),
            Reply::NoContent => CoapAnswer::empty(CHANGED),
        };
        (answer, mutating)
    }
}

impl RestFraming {
    /// DLI's shape of a model's reply: 200, 206, 207 with `Link` headers, 201, 204.
    pub fn render(&self, reply: Reply, head: bool) -> Response<Body> {
        let (mut response, bytes) = match reply {
            Reply::Value(v) => json_response(StatusCode::OK, &v),
            Reply::Partial(v) => json_response(StatusCode::PARTIAL_CONTENT, &v),
            Reply::Multi(items) => {
                let values: Vec<Value> = items.iter().map(|(_, v)| v.clone()).collect();
                let (mut r, bytes) = json_response(StatusCode::MULTI_STATUS, &Value::Array(values));
                add_links(&mut r, items.iter().map(|(u, _)| u.as_str()));
                (r, bytes)
            }
            Reply::MultiDone(uris) => {
                let mut r = Response::new(full(Bytes::new()));
                *r.status_mut() = StatusCode::MULTI_STATUS;
                add_links(&mut r, uris.iter().map(String::as_str));
                return r;
            }
            Reply::Created(uri) => {
                let mut r = Response::new(full(Bytes::new()));
                *r.status_mut() = StatusCode::CREATED;
                if let Ok(v) = HeaderValue::from_str(&uri) {
                    r.headers_mut().insert(header::LOCATION, v);
                }
                return r;
            }
            Reply::NoContent => {
                let mut r = Response::new(full(Bytes::new()));
                *r.status_mut() = StatusCode::NO_CONTENT;
                return r;
            }
        };
        if head {
            *response.body_mut() = full(Bytes::new());
            return response;
        }
        self.faults.mangle(response, bytes)
    }
}

/// Carries out an admitted request on the simulator's state.
fn perform(state: &mut DliState, operation: Operation, caller: &Caller) -> Result<Reply, SimError> {
    match operation {
        Operation::Get { path, depth } => state.get(&path, caller, depth),
        Operation::Describe { path } => state.describe(&path, caller),
        Operation::Put { path, value } => state.put(&path, &value, caller),
        Operation::Post { path, body } => state.post(&path, body.as_ref(), caller),
        Operation::Patch { path, patch } => state.patch(&path, &patch, caller),
        Operation::Delete { path } => state.delete(&path, caller),
    }
}

/// The credentials after an `Authorization` scheme, matched without regard to case
/// (RFC 7235).
fn strip_scheme<'a>(authorization: &'a str, scheme: &str) -> Option<&'a str> {
    let (name, rest) = authorization.trim_start().split_once(' ')?;
    name.eq_ignore_ascii_case(scheme).then_some(rest)
}

/// One `Link: <uri>; rel=item` header per selected resource (dli.md 2.7).
fn add_links<'a>(r: &mut Response<Body>, uris: impl Iterator<Item = &'a str>) {
    for uri in uris {
        if let Ok(v) = HeaderValue::from_str(&format!("<{uri}>; rel=item")) {
            r.headers_mut().append(header::LINK, v);
        }
    }
}
