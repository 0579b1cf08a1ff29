//! What every HTTP-based transport shares: building the client (timeouts, TLS verification,
//! CA file), Digest and Basic authentication, reading bodies under a size cap, redirects,
//! and turning transport failures into typed errors that never carry a password.
//!
//! A password is sent at most until the device rejects it: DLI units lock an account out
//! after about three failed logins (`config/lockout_delay_minutes`), so one invocation never
//! costs more than one failed login, and a lockout is reported as such.

use super::{www_authenticate, AuthScheme, DeviceConfig, Secret};
use crate::error::{Error, Result};
use crate::output::human_duration;
use crate::retry::{Repeat, Retrier, Try};
use bytes::{Bytes, BytesMut};
use reqwest::header::{HeaderMap, HeaderValue, AUTHORIZATION, LOCATION, WWW_AUTHENTICATE};
use reqwest::{Method, StatusCode, Url};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Largest response body accepted from a device. The biggest real answer (a full DLI
/// `config/` tree) is tens of kilobytes.
pub const MAX_RESPONSE_BYTES: usize = 8 * 1024 * 1024;

/// Most response headers accepted. DLI answers carry one `Link` header per selected
/// resource, and a full `config/` tree has been seen with more than 100 (dli.md 2.6), which
/// is where HTTP libraries stop by default.
const MAX_RESPONSE_HEADERS: usize = 4096;

/// Connecting may use at most this much of the request timeout.
const MAX_CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

/// Redirects followed for one request.
const MAX_REDIRECTS: usize = 3;

/// A response whose body has been read in full.
#[derive(Debug, Clone)]
pub struct HttpResponse {
    pub status: StatusCode,
    /// The path that answered, after any redirects (a device that sends a client without a
    /// session to its login page answers from there).
    pub path: String,
    pub headers: HeaderMap,
    pub body: Bytes,
}

impl HttpResponse {
    /// The body as one short line, for error messages (empty when it is not short text).
    pub fn body_summary(&self) -> String {
        let text = String::from_utf8_lossy(&self.body);
        let line = text.trim().lines().next().unwrap_or("").trim();
        if line.is_empty() || line.len() > 200 || line.starts_with('<') {
            String::new()
        } else {
            line.to_string()
        }
    }
}

/// An HTTP client bound to one device.
pub struct HttpClient {
    client: reqwest::Client,
    base: Url,
    /// How messages name the device: `lab (10.0.0.5:80)`, or `10.0.0.5:80` for an ad-hoc one.
    label: String,
    user: Option<String>,
    password: Option<Secret>,
    scheme: AuthScheme,
    trace: bool,
    retrier: Retrier,
    /// The last digest challenge, reused so that later requests skip the 401 round trip.
    challenge: Mutex<Option<digest_auth::WwwAuthenticateHeader>>,
    login: Mutex<Login>,
}

/// What the device has said of our credentials so far in this invocation.
#[derive(Debug, Clone, Default)]
enum Login {
    #[default]
    Untried,
    /// A request with credentials got something other than 401: the password is right, so a
    /// later 401 can only mean an expired nonce.
    Accepted,
    /// The device refused the credentials (or locked the account out); every later request
    /// gets this answer again without anything being sent.
    Rejected(HttpResponse),
}

impl HttpClient {
    pub fn new(
        device: &DeviceConfig,
        default_port: u16,
        default_tls_port: u16,
    ) -> Result<HttpClient> {
        let scheme = if device.tls { "https" } else { "http" };
        let port = device.port.unwrap_or(if device.tls {
            default_tls_port
        } else {
            default_port
        });
        let host = if device.host.contains(':') && !device.host.starts_with('[') {
            format!("[{}]", device.host) // a bare IPv6 address
        } else {
            device.host.clone()
        };
        let base = Url::parse(&format!("{scheme}://{host}:{port}/"))
            .map_err(|e| Error::usage(format!("bad host '{}': {e}", device.host)))?;
        // One crypto provider for the process (ring: no C toolchain beyond cc needed). An
        // error only means it is installed already.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let mut builder = reqwest::Client::builder()
            .http1_max_headers(MAX_RESPONSE_HEADERS)
            .redirect(reqwest::redirect::Policy::none())
            .connect_timeout(device.timeout.min(MAX_CONNECT_TIMEOUT))
            .timeout(device.timeout)
            .user_agent(concat!("pductl/", env!("CARGO_PKG_VERSION")))
            .no_proxy();
        if device.tls {
            if device.insecure {
                builder = builder.danger_accept_invalid_certs(true);
            }
            if let Some(ca) = &device.ca_file {
                let pem = std::fs::read(ca).map_err(|e| {
                    Error::usage(format!("cannot read CA file {}: {e}", ca.display()))
                })?;
                let certs = reqwest::Certificate::from_pem_bundle(&pem).map_err(|e| {
                    Error::usage(format!(
                        "CA file {} holds no usable PEM certificate: {e}",
                        ca.display()
                    ))
                })?;
                for cert in certs {
                    builder = builder.add_root_certificate(cert);
                }
            }
        } else {
            // Plain HTTP never verifies a certificate: skip loading the system's trust store,
            // which would cost more than the whole request on loopback.
            let provider = Arc::new(rustls::crypto::ring::default_provider());
            let unused = rustls::ClientConfig::builder_with_provider(provider)
                .with_safe_default_protocol_versions()
                .map_err(|e| Error::usage(format!("cannot set up TLS: {e}")))?
                .with_root_certificates(rustls::RootCertStore::empty())
                .with_no_client_auth();
            builder = builder.tls_backend_preconfigured(unused);
        }
        let client = builder
            .build()
            .map_err(|e| Error::usage(format!("cannot set up HTTP client: {e}")))?;
        let authority = format!("{}:{port}", base.host_str().unwrap_or("?"));
        let label = device.label(&authority);
        Ok(HttpClient {
            client,
            base,
            label,
            user: device.user.clone(),
            password: device.password.clone(),
            scheme: device.auth,
            trace: device.trace,
            retrier: device.retrier(),
            challenge: Mutex::new(None),
            login: Mutex::new(Login::Untried),
        })
    }

    /// Whether a password was given (a 401 then means a wrong one, not a missing one).
    pub fn has_password(&self) -> bool {
        self.password.is_some()
    }

    /// The device as messages name it.
    pub fn authority(&self) -> &str {
        &self.label
    }

    /// Tries of requests that change something so far.
    pub fn write_attempts(&self) -> u32 {
        self.retrier.writes()
    }

    /// Sends a request, answering a digest challenge and following redirects on the same
    /// host. A request is re-sent after a 401 only to answer a challenge: the first one of
    /// the invocation (nothing was sent with a password yet), or a fresh nonce for a password
    /// the device has already accepted (an expired nonce, `stale=true`). A rejected password
    /// is never sent again, and a lockout answer is an error of its own.
    ///
    /// `repeat` says what sending the request twice would do: a try that failed is sent
    /// again as `retry` allows (a call whose effect adds up only when it surely never left).
    pub async fn send(
        &self,
        method: Method,
        uri: &str,
        headers: &[(&str, &str)],
        body: Option<(&str, Bytes)>,
        repeat: Repeat,
    ) -> Result<HttpResponse> {
        self.send_shown(method, uri, None, headers, body, repeat)
            .await
    }

    /// `send` for a request whose path or query holds a secret (a Hue key, a session id):
    /// `-v` traces `shown`, the path and query with the secrets masked, also for the tries
    /// again and a redirect after it.
    pub async fn send_shown(
        &self,
        mut method: Method,
        uri: &str,
        shown: Option<&str>,
        headers: &[(&str, &str)],
        mut body: Option<(&str, Bytes)>,
        repeat: Repeat,
    ) -> Result<HttpResponse> {
        let mut url = self
            .base
            .join(uri)
            .map_err(|e| Error::usage(format!("bad request path {uri}: {e}")))?;
        // Without `shown`, the query is never traced: it is where most devices take a
        // password.
        let masked = shown.map(str::to_string);
        let mut redirects = 0;
        let mut answered_challenge = false;
        loop {
            let rejected = match &*self.lock_login() {
                Login::Rejected(response) => Some(response.clone()),
                _ => None,
            };
            if let Some(response) = rejected {
                return self.screen(response);
            }
            let traced = match &masked {
                Some(path) if redirects > 0 => format!("{path} (redirected)"),
                Some(path) => path.clone(),
                None => url.path().to_string(),
            };
            let what = format!("{method} {traced}");
            let (response, with_credentials) = self
                .retrier
                .run(repeat, &what, |attempt| {
                    self.send_once(&method, &url, &what, headers, body.clone(), attempt)
                })
                .await?;
            if is_lockout(&response) {
                *self.lock_login() = Login::Rejected(response.clone());
                return self.screen(response);
            }
            match response.status {
                StatusCode::UNAUTHORIZED => {
                    let accepted_before = matches!(*self.lock_login(), Login::Accepted);
                    let fresh = self.take_challenge(&response);
                    let stale = fresh.as_ref().is_some_and(|c| c.stale);
                    if fresh.is_some()
                        && !answered_challenge
                        && (!with_credentials || stale || accepted_before)
                    {
                        answered_challenge = true;
                        continue;
                    }
                    if with_credentials {
                        *self.lock_login() = Login::Rejected(response.clone());
                    }
                    return Ok(response);
                }
                s if s.is_redirection() => {
                    let location = response
                        .headers
                        .get(LOCATION)
                        .and_then(|l| l.to_str().ok())
                        .ok_or_else(|| {
                            Error::BadResponse(format!(
                                "{} answered {s} without a Location",
                                self.authority()
                            ))
                        })?;
                    let next = url.join(location).map_err(|_| {
                        Error::BadResponse(format!(
                            "{} redirected to a bad Location",
                            self.authority()
                        ))
                    })?;
                    if next.host_str() != url.host_str()
                        || next.port_or_known_default() != url.port_or_known_default()
                    {
                        return Err(Error::BadResponse(format!(
                            "{} redirected to another host or port ({}); not following it with credentials",
                            self.authority(),
                            next.host_str().unwrap_or("?")
                        )));
                    }
                    redirects += 1;
                    if redirects > MAX_REDIRECTS {
                        return Err(Error::BadResponse(format!(
                            "{} redirects in a loop",
                            self.authority()
                        )));
                    }
                    url = next;
                    // As browsers do: a form posted and answered 301-303 is followed with a
                    // GET, so what it carried (a login's password) is not sent again.
                    if method == Method::POST
                        && s != StatusCode::TEMPORARY_REDIRECT
                        && s != StatusCode::PERMANENT_REDIRECT
                    {
                        method = Method::GET;
                        body = None;
                    }
                }
                _ => {
                    if with_credentials {
                        *self.lock_login() = Login::Accepted;
                    }
                    return Ok(response);
                }
            }
        }
    }

    fn lock_login(&self) -> std::sync::MutexGuard<'_, Login> {
        self.login.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// A lockout answer becomes its own error; anything else is the caller's to judge.
    fn screen(&self, response: HttpResponse) -> Result<HttpResponse> {
        if !is_lockout(&response) {
            return Ok(response);
        }
        let detail = response.body_summary();
        let user = self.user.as_deref().unwrap_or("");
        Err(Error::Auth(format!(
            "{} has locked out '{user}' after too many failed logins (HTTP {}{}{}); wait until \
             the lockout ends (DLI: config/lockout_delay_minutes, 5 by default), then check the \
             password. pductl sends a password at most once per run, so it adds no failed logins",
            self.authority(),
            response.status.as_u16(),
            if detail.is_empty() { "" } else { ": " },
            detail
        )))
    }

    /// Remembers an answerable digest challenge from a 401 and returns it; `None` when there
    /// is none, or no password to answer it with.
    fn take_challenge(
        &self,
        response: &HttpResponse,
    ) -> Option<digest_auth::WwwAuthenticateHeader> {
        if self.scheme != AuthScheme::Digest || self.password.is_none() {
            return None;
        }
        let values = response
            .headers
            .get_all(WWW_AUTHENTICATE)
            .iter()
            .filter_map(|v| v.to_str().ok());
        let challenge = www_authenticate::digest(values)?;
        *self.challenge.lock().unwrap_or_else(|p| p.into_inner()) = Some(challenge.clone());
        Some(challenge)
    }

    fn authorization(&self, method: &Method, url: &Url, body: Option<&[u8]>) -> Option<String> {
        let user = self.user.as_deref().unwrap_or("");
        let password = self.password.as_ref()?;
        match self.scheme {
            AuthScheme::Basic => Some(basic_authorization(user, password)),
            AuthScheme::Digest => {
                let mut guard = self.challenge.lock().unwrap_or_else(|p| p.into_inner());
                let challenge = guard.as_mut()?;
                let uri = match url.query() {
                    Some(q) => format!("{}?{q}", url.path()),
                    None => url.path().to_string(),
                };
                let context = digest_auth::AuthContext::new_with_method(
                    user,
                    password.expose(),
                    uri,
                    // Only used when the device offers nothing but qop=auth-int.
                    Some(body.unwrap_or_default()),
                    digest_auth::HttpMethod::from(method.as_str()),
                );
                challenge
                    .respond(&context)
                    .ok()
                    .map(|h| h.to_header_string())
            }
        }
    }

    async fn send_once(
        &self,
        method: &Method,
        url: &Url,
        what: &str,
        headers: &[(&str, &str)],
        body: Option<(&str, Bytes)>,
        attempt: Try,
    ) -> Result<(HttpResponse, bool)> {
        let started = Instant::now();
        let mut request = self
            .client
            .request(method.clone(), url.clone())
            .timeout(attempt.allowed);
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let mut with_credentials = false;
        let body_bytes = body.as_ref().map(|(_, b)| b.as_ref());
        if let Some(auth) = self.authorization(method, url, body_bytes) {
            if let Ok(mut v) = HeaderValue::from_str(&auth) {
                v.set_sensitive(true);
                request = request.header(AUTHORIZATION, v);
                with_credentials = true;
            }
        }
        if let Some((content_type, bytes)) = body {
            request = request.header("Content-Type", content_type).body(bytes);
        }
        let response = request
            .send()
            .await
            .map_err(|e| self.classify(e, attempt.allowed))?;
        let status = response.status();
        let headers = response.headers().clone();
        let body = self.read_body(response, attempt.allowed).await?;
        if self.trace {
            eprintln!(
                "pductl: {} -> {} ({} bytes, {} ms)",
                crate::output::escape_line(what),
                status.as_u16(),
                body.len(),
                started.elapsed().as_millis()
            );
        }
        Ok((
            HttpResponse {
                status,
                path: url.path().to_string(),
                headers,
                body,
            },
            with_credentials,
        ))
    }

    async fn read_body(&self, mut response: reqwest::Response, allowed: Duration) -> Result<Bytes> {
        let too_big = || {
            Error::BadResponse(format!(
                "{} sent a response larger than {} MiB; refusing to read it",
                self.authority(),
                MAX_RESPONSE_BYTES / (1024 * 1024)
            ))
        };
        if response
            .content_length()
            .is_some_and(|n| n as usize > MAX_RESPONSE_BYTES)
        {
            return Err(too_big());
        }
        let mut body = BytesMut::new();
        while let Some(chunk) = response
            .chunk()
            .await
            .map_err(|e| self.classify(e, allowed))?
        {
            if body.len() + chunk.len() > MAX_RESPONSE_BYTES {
                return Err(too_big());
            }
            body.extend_from_slice(&chunk);
        }
        Ok(body.freeze())
    }

    /// Sorts a reqwest failure into an exit class with a one-line message, and by what it
    /// tells of the request's fate (`retry::Delivery`): a failure to connect never sent it
    /// (`Unreachable`); a timeout or a connection that broke afterwards may have (`Timeout`,
    /// `HungUp`).
    fn classify(&self, e: reqwest::Error, allowed: Duration) -> Error {
        let who = self.authority();
        let cause = root_cause(&e);
        if e.is_connect() && e.is_timeout() {
            return Error::Unreachable(format!(
                "cannot connect to {who}: no answer within {}",
                human_duration(allowed.min(MAX_CONNECT_TIMEOUT))
            ));
        }
        if e.is_timeout() {
            return Error::Timeout(format!(
                "{who} did not answer within {}",
                human_duration(allowed)
            ));
        }
        if e.is_connect() {
            let lower = cause.to_ascii_lowercase();
            if lower.contains("certificate") || lower.contains("tls") || lower.contains("handshake")
            {
                return Error::Unreachable(format!(
                    "cannot establish a trusted TLS connection to {who}: {cause} \
                     (use --ca-file to trust its certificate, or --insecure to skip verification)"
                ));
            }
            return Error::Unreachable(format!("cannot connect to {who}: {cause}"));
        }
        if e.is_body() || e.is_decode() {
            return Error::HungUp(format!(
                "{who} closed the connection in the middle of a response ({cause})"
            ));
        }
        if e.is_request() {
            // What a TLS server says to a plain HTTP request is not HTTP.
            let hint = if self.base.scheme() == "http" && cause.contains("invalid HTTP version") {
                "; if it speaks HTTPS, add --tls (tls = true in a profile)"
            } else {
                ""
            };
            return Error::HungUp(format!(
                "{who} hung up without a proper HTTP answer ({cause}){hint}"
            ));
        }
        Error::BadResponse(format!("HTTP exchange with {who} failed: {cause}"))
    }
}

/// The `Authorization` value of HTTP Basic for `user` and `password`.
pub fn basic_authorization(user: &str, password: &Secret) -> String {
    use base64::Engine;
    let raw = format!("{user}:{}", password.expose());
    format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(raw)
    )
}

/// Whether a refusal is a lockout after failed logins rather than a wrong password [INF: DLI
/// documents `config/lockout_delay_minutes` but not the answer's wording; units are reported
/// to say so in the body, so any 401/403 whose body speaks of a lockout counts].
pub fn is_lockout(response: &HttpResponse) -> bool {
    if !matches!(
        response.status,
        StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN
    ) {
        return false;
    }
    let head = &response.body[..response.body.len().min(4096)];
    let text = String::from_utf8_lossy(head).to_ascii_lowercase();
    ["locked out", "lockout", "lock out", "too many failed"]
        .iter()
        .any(|needle| text.contains(needle))
}

/// The innermost error's message: "Connection refused (os error 111)" rather than the
/// request URL wrapped three times.
fn root_cause(e: &(dyn std::error::Error + 'static)) -> String {
    let mut current: &(dyn std::error::Error + 'static) = e;
    while let Some(next) = current.source() {
        current = next;
    }
    current.to_string().lines().next().unwrap_or("").to_string()
}
