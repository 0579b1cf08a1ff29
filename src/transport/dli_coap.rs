//! DLI's REST object model over CoAP over WebSockets (protocols/dli-apis.md section a,
//! RFC 8323): one WebSocket to `ws://HOST:PORT/.well-known/coap` (`wss://` over TLS, the
//! certificate checked as for any TLS device) with subprotocol `coap`,
//! one CoAP message per binary WebSocket message, a CSM first, Ping/Pong to tell a live peer
//! from a dead one, Abort honoured. Each uom verb is one request with Uri-Path `restapi`, the
//! path's segments and an empty last segment, as DLI documents; tokens tell answers apart, so
//! every request of a run shares the connection.
//!
//! coap-lite encodes and decodes the messages; it only knows the UDP header, so
//! `encode_frame`/`decode_frame` convert between that and RFC 8323's WebSocket framing
//! (no Len nibble, no Type or Message ID).
//!
//! DLI's CoAP has no matrix URIs: a selection (`all;`, `=0,3`) is read by fetching the list
//! once and selecting here, and a write or call through one is one request per element.

use super::{selects_nothing, AuthScheme, DeviceConfig, Mapped, Secret, Transport};
use crate::error::{Error, Result};
use crate::output::human_duration;
use crate::path::{keys_of, Path, Segment, DESCRIPTION_FRAGMENT};
use crate::retry::{Repeat, Retrier, Try};
use async_trait::async_trait;
use coap_lite::{CoapOption, ContentFormat, MessageClass, Packet, RequestType};
use futures_util::{SinkExt, StreamExt};
use serde_json::{json, Value};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::http::{HeaderValue, StatusCode};
use tokio_tungstenite::tungstenite::protocol::WebSocketConfig;
use tokio_tungstenite::tungstenite::{self, Message};
use tokio_tungstenite::WebSocketStream;

/// Where the WebSocket is opened (DLI's guide, RFC 8323 §8.3).
pub const WELL_KNOWN_COAP: &str = "/.well-known/coap";

/// The first Uri-Path segment of every data request.
const REST_SEGMENT: &str = "restapi";

/// Largest message accepted from the device, and advertised in our CSM: a whole `config/`
/// tree in one message, so the unit need not split it [INF: whether DLI honours it is a GAP].
pub const MAX_MESSAGE_BYTES: usize = 1024 * 1024;

/// A connection idle this long is pinged (7.02) before it carries a request, so a request is
/// never sent into a connection whose peer has gone.
const IDLE_BEFORE_PING: Duration = Duration::from_secs(5);

/// The most a Ping may wait for its Pong before the connection counts as dead.
const PONG_WAIT: Duration = Duration::from_secs(2);

/// Signalling codes (RFC 8323 §5).
const CSM: u8 = 0xE1;
const PING: u8 = 0xE2;
const PONG: u8 = 0xE3;
const RELEASE: u8 = 0xE4;
const ABORT: u8 = 0xE5;

/// CSM option 2: Max-Message-Size.
const OPTION_MAX_MESSAGE_SIZE: u16 = 2;

/// Options that may appear once only in a request or response (RFC 7252 §5.10, RFC 7959):
/// a repeat of one is a malformed message.
const NOT_REPEATABLE: [u16; 14] = [3, 5, 6, 7, 12, 14, 17, 23, 27, 28, 35, 39, 60, 258];

/// Why a frame could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrameError(pub String);

/// One CoAP message as RFC 8323 frames it for WebSockets: `TKL | Code | Token | Options |
/// 0xFF Payload`; the Len nibble must be 0.
pub fn decode_frame(frame: &[u8]) -> std::result::Result<Packet, FrameError> {
    let bad = |m: &str| Err(FrameError(m.to_string()));
    if frame.len() < 2 {
        return bad("a message shorter than its 2-byte header");
    }
    if frame[0] >> 4 != 0 {
        return bad("a length nibble, which CoAP over WebSockets does not have");
    }
    let tkl = usize::from(frame[0] & 0x0F);
    if tkl > 8 {
        return bad("a token longer than 8 bytes");
    }
    if 2 + tkl > frame.len() {
        return bad("a token past the message's end");
    }
    if frame.last() == Some(&0xFF) && payload_marker_at_end(&frame[2 + tkl..]) {
        return bad("a payload marker with no payload");
    }
    let mut udp = Vec::with_capacity(frame.len() + 2);
    udp.extend_from_slice(&[0x40 | frame[0], frame[1], 0, 0]);
    udp.extend_from_slice(&frame[2..]);
    let packet = Packet::from_bytes(&udp).map_err(|e| {
        FrameError(match e {
            coap_lite::error::MessageError::InvalidOptionLength => {
                "an option past the message's end".to_string()
            }
            coap_lite::error::MessageError::InvalidOptionDelta => "a bad option number".to_string(),
            other => other.to_string(),
        })
    })?;
    // Signalling messages (7.xx) number their options on their own.
    if u8::from(packet.header.code) >> 5 != 7 {
        for (number, values) in packet.options() {
            if values.len() > 1 && NOT_REPEATABLE.contains(number) {
                return Err(FrameError(format!(
                    "option {number} repeated, which it may not be"
                )));
            }
        }
    }
    Ok(packet)
}

/// Whether the options part ends with a payload marker that starts no payload: walks the
/// options as RFC 7252 §3.1 lays them out.
fn payload_marker_at_end(mut rest: &[u8]) -> bool {
    while let Some(&byte) = rest.first() {
        if byte == 0xFF {
            return rest.len() == 1;
        }
        let extra = |nibble: u8| match nibble {
            13 => 1,
            14 => 2,
            _ => 0,
        };
        let (delta, length) = (byte >> 4, byte & 0x0F);
        let mut at = 1 + extra(delta);
        let len = match length {
            13 => rest.get(at).map(|b| usize::from(*b) + 13),
            14 => rest
                .get(at..at + 2)
                .map(|b| usize::from(u16::from_be_bytes([b[0], b[1]])) + 269),
            _ => Some(usize::from(length)),
        };
        at += extra(length);
        let Some(len) = len else { return false };
        match rest.get(at + len..) {
            Some(r) => rest = r,
            None => return false,
        }
    }
    false
}

/// The WebSocket framing of a coap-lite message.
pub fn encode_frame(packet: &Packet) -> Vec<u8> {
    let udp = packet.to_bytes_unlimited().unwrap_or_default();
    if udp.len() < 4 {
        return Vec::new();
    }
    let mut frame = Vec::with_capacity(udp.len() - 2);
    frame.push(udp[0] & 0x0F);
    frame.push(udp[1]);
    frame.extend_from_slice(&udp[4..]);
    frame
}

/// A signalling message (7.xx) with `token` and `options`.
fn signal(code: u8, token: &[u8], options: &[(u16, Vec<u8>)]) -> Packet {
    let mut p = Packet::new();
    p.header.code = MessageClass::from(code);
    p.set_token(token.to_vec());
    for (number, value) in options {
        p.add_option(CoapOption::from(*number), value.clone());
    }
    p
}

/// A CoAP code as RFC 7252 writes it: 4.04.
fn code_text(code: u8) -> String {
    format!("{}.{:02}", code >> 5, code & 0x1F)
}

/// A CoAP uint option value: big-endian without leading zeros.
fn uint_bytes(v: u32) -> Vec<u8> {
    let b = v.to_be_bytes();
    let skip = b.iter().take_while(|x| **x == 0).count();
    b[skip..].to_vec()
}

/// A request method and what sending it twice does: GET reads, PUT overwrites; POST, PATCH
/// and DELETE add up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Method {
    Get,
    Post,
    Put,
    Delete,
    Patch,
}

impl Method {
    fn request_type(self) -> RequestType {
        match self {
            Method::Get => RequestType::Get,
            Method::Post => RequestType::Post,
            Method::Put => RequestType::Put,
            Method::Delete => RequestType::Delete,
            Method::Patch => RequestType::Patch,
        }
    }
    fn repeat(self) -> Repeat {
        match self {
            Method::Get => Repeat::Read,
            Method::Put => Repeat::Write,
            _ => Repeat::Once,
        }
    }
    fn name(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Delete => "DELETE",
            Method::Patch => "PATCH",
        }
    }
}

/// An answer: its code, and its payload (JSON, or a diagnostic text for an error).
#[derive(Debug, Clone)]
struct Answer {
    code: u8,
    payload: Vec<u8>,
}

/// A connection's byte stream: plain TCP (`ws://`) or TLS over it (`wss://`).
trait Stream: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin + Send {}
impl<T: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin + Send> Stream for T {}

type Socket = WebSocketStream<Box<dyn Stream>>;

/// One open WebSocket.
struct Conn {
    ws: Socket,
    last_used: Instant,
    /// The device sent Release (7.04): no new requests on this connection.
    released: bool,
    /// The device's CSM has arrived (it must be its first message).
    peer_csm: bool,
}

/// What the device has said of our credentials in this run (as `http.rs`): a password is
/// sent until the device rejects it, never after.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Login {
    Untried,
    Accepted,
    Rejected(String),
}

pub struct DliCoap {
    host: String,
    port: u16,
    label: String,
    user: String,
    password: Option<Secret>,
    scheme: AuthScheme,
    /// `wss://`: the TLS settings (verification as for every TLS device).
    tls: Option<std::sync::Arc<rustls::ClientConfig>>,
    trace: bool,
    retrier: Retrier,
    conn: tokio::sync::Mutex<Option<Conn>>,
    login: Mutex<Login>,
    /// The digest challenge of the upgrade, answered again on a new connection.
    challenge: Mutex<Option<digest_auth::WwwAuthenticateHeader>>,
    next_token: AtomicU32,
}

impl DliCoap {
    pub fn new(device: &DeviceConfig) -> Result<DliCoap> {
        let port = device.port.unwrap_or(if device.tls { 443 } else { 80 });
        let host = if device.host.contains(':') && !device.host.starts_with('[') {
            format!("[{}]", device.host)
        } else {
            device.host.clone()
        };
        let authority = format!("{host}:{port}");
        Ok(DliCoap {
            label: device.label(&authority),
            host,
            port,
            user: device.user.clone().unwrap_or_else(|| "admin".into()),
            password: device.password.clone(),
            scheme: device.auth,
            tls: match device.tls {
                true => Some(std::sync::Arc::new(super::mqtt::tls_config(device)?)),
                false => None,
            },
            trace: device.trace,
            retrier: device.retrier(),
            conn: tokio::sync::Mutex::new(None),
            login: Mutex::new(Login::Untried),
            challenge: Mutex::new(None),
            next_token: AtomicU32::new(rand::random()),
        })
    }

    fn url(&self) -> String {
        let scheme = if self.tls.is_some() { "wss" } else { "ws" };
        format!("{scheme}://{}:{}{WELL_KNOWN_COAP}", self.host, self.port)
    }

    fn lock_login(&self) -> std::sync::MutexGuard<'_, Login> {
        self.login.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// `coap+ws://host:port/restapi/a/b/`, for messages and `--dry-run`.
    fn uri_of(&self, segments: &[String]) -> String {
        let mut s = format!("coap+ws://{}:{}", self.host, self.port);
        for seg in segments {
            s.push('/');
            s.push_str(seg);
        }
        s
    }

    // ----- the connection --------------------------------------------------------------

    /// Opens the WebSocket, answering one login challenge; sends our CSM.
    async fn connect(&self, allowed: Duration) -> Result<Conn> {
        if let Login::Rejected(why) = &*self.lock_login() {
            return Err(Error::Auth(why.clone()));
        }
        let started = Instant::now();
        let mut answered = false;
        loop {
            let left = allowed.saturating_sub(started.elapsed());
            let authorization = self.authorization();
            let with_credentials = authorization.is_some();
            match tokio::time::timeout(left, self.handshake(authorization)).await {
                Err(_) => {
                    return Err(Error::Timeout(format!(
                        "{} did not open the CoAP WebSocket within {}",
                        self.label,
                        human_duration(allowed)
                    )))
                }
                Ok(Ok(mut ws)) => {
                    if with_credentials {
                        *self.lock_login() = Login::Accepted;
                    }
                    if self.trace {
                        eprintln!("pductl: opened the CoAP WebSocket {}", self.url());
                    }
                    let csm = signal(
                        CSM,
                        &[],
                        &[(
                            OPTION_MAX_MESSAGE_SIZE,
                            uint_bytes(MAX_MESSAGE_BYTES as u32),
                        )],
                    );
                    ws.send(Message::Binary(encode_frame(&csm).into()))
                        .await
                        .map_err(|e| {
                            Error::HungUp(format!(
                                "{} closed the CoAP WebSocket at once ({e})",
                                self.label
                            ))
                        })?;
                    return Ok(Conn {
                        ws,
                        last_used: Instant::now(),
                        released: false,
                        peer_csm: false,
                    });
                }
                Ok(Err(Handshake::Refused(status, challenge, body))) => {
                    let lockout = is_lockout(&body);
                    if status == StatusCode::UNAUTHORIZED && !lockout {
                        let accepted = *self.lock_login() == Login::Accepted;
                        if !answered
                            && self.password.is_some()
                            && (!with_credentials || accepted)
                            && self.take_challenge(challenge)
                        {
                            answered = true;
                            continue;
                        }
                        let e = self.refused_login(with_credentials);
                        if with_credentials {
                            *self.lock_login() = Login::Rejected(e.to_string());
                        }
                        return Err(e);
                    }
                    if lockout {
                        let e = Error::Auth(format!(
                            "{} has locked out '{}' after too many failed logins (HTTP {}); \
                             wait until the lockout ends, then check the password. pductl \
                             sends a password at most once per run",
                            self.label,
                            self.user,
                            status.as_u16()
                        ));
                        *self.lock_login() = Login::Rejected(e.to_string());
                        return Err(e);
                    }
                    return Err(match status {
                        StatusCode::FORBIDDEN => Error::Permission(format!(
                            "{} refused the CoAP WebSocket for this account (HTTP 403)",
                            self.label
                        )),
                        StatusCode::NOT_FOUND => Error::Unsupported(format!(
                            "{} has no CoAP over WebSockets ({WELL_KNOWN_COAP}: HTTP 404); \
                             use protocol dli-rest",
                            self.label
                        )),
                        s => Error::BadResponse(format!(
                            "{} answered the CoAP WebSocket upgrade with HTTP {}",
                            self.label,
                            s.as_u16()
                        )),
                    });
                }
                Ok(Err(Handshake::Failed(e))) => return Err(e),
            }
        }
    }

    fn refused_login(&self, with_credentials: bool) -> Error {
        if self.password.is_none() {
            Error::Auth(format!(
                "{} asks for a password (HTTP 401 on {WELL_KNOWN_COAP}) and none was given: use \
                 --password-env, --password-command or --password-file, or set one in the profile",
                self.label
            ))
        } else if with_credentials {
            Error::Auth(format!(
                "{} rejected the user name or password (HTTP 401 on {WELL_KNOWN_COAP}); check \
                 the credentials (pductl sends a password once per run: DLI units lock an \
                 account out after 3 failed logins)",
                self.label
            ))
        } else {
            Error::Auth(format!(
                "{} asks for a login pductl cannot answer (HTTP 401 on {WELL_KNOWN_COAP} \
                 without a usable challenge)",
                self.label
            ))
        }
    }

    /// Keeps a digest challenge from the upgrade's 401; false when there is none to answer.
    fn take_challenge(&self, challenge: Vec<String>) -> bool {
        if self.scheme != AuthScheme::Digest {
            return false;
        }
        let Some(c) = super::www_authenticate::digest(challenge.iter().map(String::as_str)) else {
            return false;
        };
        *self.challenge.lock().unwrap_or_else(|p| p.into_inner()) = Some(c);
        true
    }

    /// The upgrade's Authorization: Basic at once where asked for, Digest once challenged.
    fn authorization(&self) -> Option<String> {
        let password = self.password.as_ref()?;
        match self.scheme {
            AuthScheme::Basic => Some(super::http::basic_authorization(&self.user, password)),
            AuthScheme::Digest => {
                let mut guard = self.challenge.lock().unwrap_or_else(|p| p.into_inner());
                let challenge = guard.as_mut()?;
                let context = digest_auth::AuthContext::new_with_method(
                    self.user.as_str(),
                    password.expose(),
                    WELL_KNOWN_COAP,
                    Some(&b""[..]),
                    digest_auth::HttpMethod::GET,
                );
                challenge
                    .respond(&context)
                    .ok()
                    .map(|h| h.to_header_string())
            }
        }
    }

    async fn handshake(&self, authorization: Option<String>) -> Result<Socket, Handshake> {
        let mut request = self
            .url()
            .into_client_request()
            .map_err(|e| Handshake::Failed(Error::usage(format!("bad host: {e}"))))?;
        let headers = request.headers_mut();
        headers.insert("Sec-WebSocket-Protocol", HeaderValue::from_static("coap"));
        headers.insert(
            "User-Agent",
            HeaderValue::from_static(concat!("pductl/", env!("CARGO_PKG_VERSION"))),
        );
        if let Some(auth) = authorization {
            if let Ok(mut v) = HeaderValue::from_str(&auth) {
                v.set_sensitive(true);
                headers.insert("Authorization", v);
            }
        }
        let address = format!("{}:{}", self.host.trim_matches(['[', ']']), self.port);
        let stream = TcpStream::connect(&address).await.map_err(|e| {
            Handshake::Failed(Error::Unreachable(format!(
                "cannot connect to {}: {e}",
                self.label
            )))
        })?;
        let _ = stream.set_nodelay(true);
        let stream: Box<dyn Stream> = match &self.tls {
            None => Box::new(stream),
            Some(config) => {
                let name = rustls::pki_types::ServerName::try_from(
                    self.host.trim_matches(['[', ']']).to_string(),
                )
                .map_err(|e| Handshake::Failed(Error::usage(format!("bad host: {e}"))))?;
                let tls = tokio_rustls::TlsConnector::from(config.clone())
                    .connect(name, stream)
                    .await
                    .map_err(|e| {
                        Handshake::Failed(Error::Unreachable(format!(
                            "cannot establish a trusted TLS connection to {}: {e} (use \
                             --ca-file to trust its certificate, or --insecure to skip \
                             verification)",
                            self.label
                        )))
                    })?;
                Box::new(tls)
            }
        };
        let config = WebSocketConfig::default()
            .max_message_size(Some(MAX_MESSAGE_BYTES + 1024))
            .max_frame_size(Some(MAX_MESSAGE_BYTES + 1024));
        match tokio_tungstenite::client_async_with_config(request, stream, Some(config)).await {
            Ok((ws, _)) => Ok(ws),
            Err(tungstenite::Error::Http(response)) => {
                let challenge = response
                    .headers()
                    .get_all("WWW-Authenticate")
                    .iter()
                    .filter_map(|v| v.to_str().ok().map(str::to_string))
                    .collect();
                let body = response.body().clone().unwrap_or_default();
                Err(Handshake::Refused(response.status(), challenge, body))
            }
            Err(tungstenite::Error::Protocol(p)) => Err(Handshake::Failed(Error::BadResponse(
                format!("{} did not open a CoAP WebSocket properly: {p}", self.label),
            ))),
            Err(e) => Err(Handshake::Failed(Error::HungUp(format!(
                "{} broke off the CoAP WebSocket upgrade: {e}",
                self.label
            )))),
        }
    }

    // ----- one exchange ------------------------------------------------------------------

    /// Sends one request under the retry policy and returns its answer.
    async fn request(
        &self,
        method: Method,
        segments: &[String],
        body: Option<(ContentFormat, Vec<u8>)>,
    ) -> Result<Answer> {
        let what = format!("{} {}", method.name(), self.uri_of(segments));
        self.retrier
            .run(method.repeat(), &what, |attempt| {
                self.exchange(method, segments, body.clone(), attempt)
            })
            .await
    }

    async fn exchange(
        &self,
        method: Method,
        segments: &[String],
        body: Option<(ContentFormat, Vec<u8>)>,
        attempt: Try,
    ) -> Result<Answer> {
        let started = Instant::now();
        let mut slot = self.conn.lock().await;
        // A connection the device released, or idle long enough to have died unnoticed,
        // must prove itself before a request goes out on it.
        let stale = match slot.as_mut() {
            Some(c) if c.released => true,
            Some(c) if c.last_used.elapsed() >= IDLE_BEFORE_PING => {
                let wait = PONG_WAIT.min(attempt.allowed);
                self.ping(c, wait).await.is_err()
            }
            _ => false,
        };
        if stale {
            *slot = None;
        }
        if slot.is_none() {
            *slot = Some(self.connect(attempt.allowed).await?);
        }
        let Some(conn) = slot.as_mut() else {
            return Err(Error::HungUp(format!("{}: no connection", self.label)));
        };
        let left = attempt.allowed.saturating_sub(started.elapsed());
        let result = self.send_and_wait(conn, method, segments, body, left).await;
        match &result {
            Ok(answer) => {
                conn.last_used = Instant::now();
                if self.trace {
                    eprintln!(
                        "pductl: {} {} -> {} ({} bytes, {} ms)",
                        method.name(),
                        self.uri_of(segments),
                        code_text(answer.code),
                        answer.payload.len(),
                        started.elapsed().as_millis()
                    );
                }
            }
            // Whatever broke, the connection is not trusted again.
            Err(_) => *slot = None,
        }
        result
    }

    fn token(&self) -> Vec<u8> {
        self.next_token
            .fetch_add(1, Ordering::Relaxed)
            .to_be_bytes()
            .to_vec()
    }

    async fn send_and_wait(
        &self,
        conn: &mut Conn,
        method: Method,
        segments: &[String],
        body: Option<(ContentFormat, Vec<u8>)>,
        allowed: Duration,
    ) -> Result<Answer> {
        let token = self.token();
        let mut p = Packet::new();
        p.header.code = MessageClass::Request(method.request_type());
        p.set_token(token.clone());
        for seg in segments {
            p.add_option(CoapOption::UriPath, seg.as_bytes().to_vec());
        }
        p.add_option(
            CoapOption::Accept,
            uint_bytes(ContentFormat::ApplicationJSON as u32),
        );
        if let Some((format, payload)) = body {
            p.set_content_format(format);
            p.payload = payload;
        }
        let frame = encode_frame(&p);
        conn.ws
            .send(Message::Binary(frame.into()))
            .await
            .map_err(|e| self.broken(&e))?;
        let deadline = tokio::time::Instant::now() + allowed;
        loop {
            let packet = match tokio::time::timeout_at(deadline, self.next_message(conn)).await {
                Ok(r) => r?,
                Err(_) => {
                    return Err(Error::Timeout(format!(
                        "{} did not answer {} {} within {}",
                        self.label,
                        method.name(),
                        self.uri_of(segments),
                        human_duration(allowed)
                    )))
                }
            };
            let code = u8::from(packet.header.code);
            if code >> 5 == 7 || code == 0 {
                continue; // signals are handled in next_message; empty ones are ignored
            }
            if packet.get_token() != token.as_slice() {
                if self.trace {
                    eprintln!(
                        "pductl: {}: ignored an answer to another request",
                        self.label
                    );
                }
                continue;
            }
            if code >> 5 < 2 {
                return Err(Error::BadResponse(format!(
                    "{} answered with a request code {}",
                    self.label,
                    code_text(code)
                )));
            }
            return Ok(Answer {
                code,
                payload: packet.payload,
            });
        }
    }

    /// The next request or response, answering and obeying signals on the way.
    async fn next_message(&self, conn: &mut Conn) -> Result<Packet> {
        loop {
            let message = match conn.ws.next().await {
                None => {
                    return Err(Error::HungUp(format!(
                        "{} closed the CoAP WebSocket in the middle of an answer",
                        self.label
                    )))
                }
                Some(Err(e)) => return Err(self.broken(&e)),
                Some(Ok(m)) => m,
            };
            let frame = match message {
                Message::Binary(b) => b,
                Message::Close(close) => {
                    let why = close
                        .map(|c| format!(" ({} {})", u16::from(c.code), c.reason))
                        .unwrap_or_default();
                    return Err(Error::HungUp(format!(
                        "{} closed the CoAP WebSocket in the middle of an answer{}",
                        self.label,
                        crate::output::escape_line(&why)
                    )));
                }
                Message::Text(_) => {
                    self.abort(conn, "Text frame received").await;
                    return Err(Error::BadResponse(format!(
                        "{} sent a text WebSocket message; CoAP uses binary ones",
                        self.label
                    )));
                }
                _ => continue, // WebSocket pings are answered by tungstenite
            };
            let packet = match decode_frame(&frame) {
                Ok(p) => p,
                Err(FrameError(why)) => {
                    self.abort(conn, "Malformed message").await;
                    return Err(Error::BadResponse(format!(
                        "{} sent a malformed CoAP message: {why}",
                        self.label
                    )));
                }
            };
            let code = u8::from(packet.header.code);
            if !conn.peer_csm && code != CSM {
                self.abort(conn, "CSM expected first").await;
                return Err(Error::BadResponse(format!(
                    "{} did not send its capabilities (CSM, 7.01) first but {}",
                    self.label,
                    code_text(code)
                )));
            }
            match code {
                CSM => conn.peer_csm = true,
                PING => {
                    let pong = signal(PONG, packet.get_token(), &[]);
                    conn.ws
                        .send(Message::Binary(encode_frame(&pong).into()))
                        .await
                        .map_err(|e| self.broken(&e))?;
                }
                RELEASE => conn.released = true,
                ABORT => {
                    let diagnostic = String::from_utf8_lossy(&packet.payload).into_owned();
                    return Err(Error::HungUp(format!(
                        "{} aborted the CoAP connection (7.05){}",
                        self.label,
                        if diagnostic.is_empty() {
                            String::new()
                        } else {
                            format!(": {}", crate::output::escape_line(&diagnostic))
                        }
                    )));
                }
                _ => return Ok(packet),
            }
        }
    }

    /// Pings the device and waits for its Pong.
    async fn ping(&self, conn: &mut Conn, wait: Duration) -> Result<()> {
        let token = self.token();
        let ping = signal(PING, &token, &[]);
        conn.ws
            .send(Message::Binary(encode_frame(&ping).into()))
            .await
            .map_err(|e| self.broken(&e))?;
        let deadline = tokio::time::Instant::now() + wait;
        loop {
            match tokio::time::timeout_at(deadline, self.next_message(conn)).await {
                Err(_) => {
                    return Err(Error::Timeout(format!(
                        "{} did not answer a CoAP Ping",
                        self.label
                    )))
                }
                Ok(Err(e)) => return Err(e),
                Ok(Ok(p)) if u8::from(p.header.code) == PONG && p.get_token() == token => {
                    conn.last_used = Instant::now();
                    return Ok(());
                }
                Ok(Ok(_)) => continue,
            }
        }
    }

    /// Tells the device why the connection ends (7.05), as RFC 8323 asks; best effort.
    async fn abort(&self, conn: &mut Conn, why: &str) {
        let mut p = signal(ABORT, &[], &[]);
        p.payload = why.as_bytes().to_vec();
        let _ = conn.ws.send(Message::Binary(encode_frame(&p).into())).await;
        let _ = conn.ws.close(None).await;
    }

    fn broken(&self, e: &tungstenite::Error) -> Error {
        match e {
            tungstenite::Error::Capacity(c) => Error::BadResponse(format!(
                "{} sent a CoAP message too large to accept ({c})",
                self.label
            )),
            tungstenite::Error::Protocol(p) => {
                Error::BadResponse(format!("{} broke the WebSocket protocol ({p})", self.label))
            }
            e => Error::HungUp(format!(
                "{} broke off the CoAP WebSocket in the middle of an answer ({e})",
                self.label
            )),
        }
    }

    // ----- verbs ---------------------------------------------------------------------------

    /// Maps a CoAP response code onto errors as `dli_rest::check` maps HTTP statuses
    /// [INF: DLI's CoAP codes are not documented; see `protocols/dli-apis.md` a.7].
    fn check(&self, answer: &Answer, path: &Path, verb: &str) -> Result<()> {
        let code = answer.code;
        if code >> 5 == 2 {
            return Ok(());
        }
        let device = &self.label;
        let text = String::from_utf8_lossy(&answer.payload);
        let detail = text.trim().lines().next().unwrap_or("").trim();
        let because = if detail.is_empty() || detail.len() > 200 {
            String::new()
        } else {
            format!(": {}", crate::output::escape_line(detail))
        };
        let c = code_text(code);
        Err(match code {
            0x81 => Error::Auth(format!(
                "{device} rejected the login for {verb} {path} (CoAP {c}){because}"
            )),
            0x83 => Error::Permission(format!(
                "{device} denied {verb} {path} for this account (CoAP {c}){because}"
            )),
            0x84 => Error::NotFound(format!("{device} has no {path} (CoAP {c})")),
            0x85 => Error::Refused(format!(
                "{device} does not allow {verb} on {path} (CoAP {c}){because}"
            )),
            0x89 => Error::Refused(format!(
                "{device} refused {verb} {path} (CoAP {c}){because}"
            )),
            _ if code >> 5 == 5 => {
                Error::Refused(format!("{device} failed {verb} {path} (CoAP {c}){because}"))
            }
            _ => Error::BadResponse(format!(
                "{device} answered {verb} {path} with unexpected CoAP {c}{because}"
            )),
        })
    }

    fn parse_json(&self, answer: &Answer, path: &Path) -> Result<Value> {
        serde_json::from_slice(&answer.payload).map_err(|e| {
            Error::BadResponse(format!(
                "{} sent something that is not JSON for {path} ({e})",
                self.label
            ))
        })
    }

    /// A plain path's value (no selectors).
    async fn read(&self, path: &Path) -> Result<Value> {
        let answer = self
            .request(Method::Get, &data_segments(path)?, None)
            .await?;
        self.check(&answer, path, "get")?;
        self.parse_json(&answer, path)
    }

    /// For a path with selectors: the part before the first one, read once, set into a tree
    /// where `Path::expand` can walk the whole path.
    async fn selection_tree(&self, path: &Path) -> Result<Value> {
        let first = path
            .segments
            .iter()
            .position(|s| matches!(s, Segment::Select(_) | Segment::Pick(_)))
            .unwrap_or(path.segments.len());
        let prefix = Path {
            segments: path.segments[..first].to_vec(),
        };
        let mut tree = self.read(&prefix).await?;
        for seg in prefix.segments.iter().rev() {
            let key = match seg {
                Segment::Key(k) => k.clone(),
                _ => {
                    return Err(Error::usage(format!(
                        "{path}: '-' cannot come before a selector over dli-coap"
                    )))
                }
            };
            tree = json!({ key: tree });
        }
        Ok(tree)
    }

    fn mapped(&self) -> Mapped<'_> {
        Mapped {
            device: &self.label,
            protocol: "dli-coap",
            range: &|n| format!("outlets 0-{}", n.saturating_sub(1)),
            writes: "a selection can only name elements of a collection",
        }
    }

    /// Every concrete path a selection picks (at least one).
    async fn expand(&self, path: &Path) -> Result<Vec<Path>> {
        let tree = self.selection_tree(path).await?;
        let targets = self.mapped().targets(&tree, path)?;
        if targets.is_empty() {
            return Err(selects_nothing(path, &self.label));
        }
        Ok(targets.iter().map(|k| Path::from_keys(k)).collect())
    }

    async fn put(&self, path: &Path, value: &Value) -> Result<()> {
        let body = serde_json::to_vec(value).unwrap_or_default();
        let answer = self
            .request(
                Method::Put,
                &data_segments(path)?,
                Some((ContentFormat::ApplicationJSON, body)),
            )
            .await?;
        self.check(&answer, path, "set")
    }

    async fn call(&self, path: &Path, args: &[Value]) -> Result<Option<Value>> {
        let body = serde_json::to_vec(&Value::Array(args.to_vec())).unwrap_or_default();
        let answer = self
            .request(
                Method::Post,
                &data_segments(path)?,
                Some((ContentFormat::ApplicationJSON, body)),
            )
            .await?;
        self.check(&answer, path, "invoke")?;
        if answer.payload.iter().all(u8::is_ascii_whitespace) {
            return Ok(None);
        }
        self.parse_json(&answer, path).map(Some)
    }

    async fn delete(&self, path: &Path) -> Result<()> {
        let answer = self
            .request(Method::Delete, &data_segments(path)?, None)
            .await?;
        self.check(&answer, path, "remove")
    }
}

/// How a failed upgrade went.
enum Handshake {
    /// The server answered the upgrade with another status: its challenges and body.
    Refused(StatusCode, Vec<String>, Vec<u8>),
    Failed(Error),
}

/// Whether a refusal speaks of a lockout (as `http::is_lockout`).
fn is_lockout(body: &[u8]) -> bool {
    let head = &body[..body.len().min(4096)];
    let text = String::from_utf8_lossy(head).to_ascii_lowercase();
    ["locked out", "lockout", "lock out", "too many failed"]
        .iter()
        .any(|needle| text.contains(needle))
}

/// The Uri-Path segments of a data request: `restapi`, the path's segments, and an empty
/// last one (DLI's guide). Matrix selectors never reach the wire.
fn data_segments(path: &Path) -> Result<Vec<String>> {
    let mut out = vec![REST_SEGMENT.to_string()];
    for seg in &path.segments {
        out.push(match seg {
            Segment::Key(k) => k.clone(),
            Segment::Last => "-".into(),
            Segment::Select(_) | Segment::Pick(_) => {
                return Err(Error::Unsupported(format!(
                    "{path}: dli-coap has no matrix URIs (selections are read and written \
                     one element at a time)"
                )))
            }
        });
    }
    out.push(String::new());
    Ok(out)
}

#[async_trait]
impl Transport for DliCoap {
    fn protocol(&self) -> &'static str {
        "dli-coap"
    }

    async fn get(&self, path: &Path) -> Result<Value> {
        if !path.is_matrix() {
            return self.read(path).await;
        }
        let tree = self.selection_tree(path).await?;
        self.mapped().get(&tree, path)
    }

    async fn set(&self, path: &Path, value: &Value) -> Result<()> {
        if !path.is_matrix() {
            return self.put(path, value).await;
        }
        for target in self.expand(path).await? {
            self.put(&target, value).await?;
        }
        Ok(())
    }

    /// `-` appends with POST to the collection; an index inserts with a JSON-patch `add`
    /// (PATCH 0.06, content-format 51) on the collection, as the REST transport does.
    async fn insert(&self, path: &Path, value: &Value) -> Result<()> {
        let collection = path.parent();
        let answer = match path.last() {
            Some(Segment::Last) => {
                let body = serde_json::to_vec(value).unwrap_or_default();
                self.request(
                    Method::Post,
                    &data_segments(&collection)?,
                    Some((ContentFormat::ApplicationJSON, body)),
                )
                .await?
            }
            Some(Segment::Key(index)) if index.parse::<usize>().is_ok() => {
                let patch = json!([{"op": "add", "path": format!("/{index}"), "value": value}]);
                self.request(
                    Method::Patch,
                    &data_segments(&collection)?,
                    Some((
                        ContentFormat::ApplicationJsonPatchJson,
                        patch.to_string().into_bytes(),
                    )),
                )
                .await?
            }
            _ => {
                return Err(Error::usage(format!(
                    "insert needs a path ending in an index or '-', not {path}"
                )))
            }
        };
        self.check(&answer, path, "insert")
    }

    async fn remove(&self, path: &Path) -> Result<()> {
        match path.last() {
            None => Err(Error::usage("remove needs a path to an element")),
            Some(Segment::Last) => {
                let collection = path.parent();
                let value = self.get(&collection).await?;
                let last = match keys_of(&value) {
                    Some(keys) if !keys.is_empty() && value.is_array() => {
                        keys[keys.len() - 1].clone()
                    }
                    Some(_) if value.is_array() => {
                        return Err(Error::Refused(format!("{collection} is empty")))
                    }
                    _ => return Err(Error::Refused(format!("{collection} is not an array"))),
                };
                let target = if collection.is_matrix() {
                    return Err(Error::usage(format!(
                        "remove {path}: '-' after a selector names no one element"
                    )));
                } else {
                    collection.child(last)
                };
                self.delete(&target).await
            }
            Some(_) if path.is_matrix() => {
                let targets = self.expand(path).await?;
                match targets.as_slice() {
                    [one] => self.delete(one).await,
                    _ => Err(Error::Refused(format!(
                        "{path} selects {} elements; remove them one at a time",
                        targets.len()
                    ))),
                }
            }
            Some(_) => self.delete(path).await,
        }
    }

    /// A call through a selection is one call per element; the answer is the list of their
    /// results (or nothing when none returned anything).
    async fn invoke(&self, path: &Path, args: &[Value]) -> Result<Option<Value>> {
        if !path.is_matrix() {
            return self.call(path, args).await;
        }
        let Some(Segment::Key(method)) = path.last() else {
            return Err(Error::usage(format!("{path} names no call")));
        };
        let mut results = Vec::new();
        for target in self.expand(&path.parent()).await? {
            results.push(self.call(&target.child(method.clone()), args).await?);
        }
        if results.iter().all(Option::is_none) {
            return Ok(None);
        }
        Ok(Some(Value::Array(
            results
                .into_iter()
                .map(|r| r.unwrap_or(Value::Null))
                .collect(),
        )))
    }

    /// GET on the resource's segments plus `description`, without an empty last segment
    /// (the REST transport's relative URI, `DESCRIPTION_FRAGMENT`).
    async fn describe(&self, path: &Path) -> Result<Value> {
        let mut segments = data_segments(path)?;
        segments.pop();
        segments.push(DESCRIPTION_FRAGMENT.to_string());
        let answer = self.request(Method::Get, &segments, None).await?;
        self.check(&answer, path, "describe")?;
        self.parse_json(&answer, path)
    }

    fn native_cycle(&self) -> super::NativeCycle {
        super::NativeCycle::ConfiguredDelay
    }

    fn write_attempts(&self) -> u32 {
        self.retrier.writes()
    }

    fn explain_set(&self, path: &Path, value: &Value) -> String {
        let uri = data_segments(path)
            .map(|s| self.uri_of(&s))
            .unwrap_or_else(|_| format!("{path} (one PUT per selected element)"));
        format!("{}: PUT {uri} {value}", self.label)
    }

    fn explain_invoke(&self, path: &Path, args: &[Value]) -> String {
        let uri = data_segments(path)
            .map(|s| self.uri_of(&s))
            .unwrap_or_else(|_| format!("{path} (one POST per selected element)"));
        format!("{}: POST {uri} {}", self.label, Value::Array(args.to_vec()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(s: &str) -> Vec<u8> {
        s.split_whitespace()
            .map(|b| u8::from_str_radix(b, 16).unwrap())
            .collect()
    }

    #[test]
    fn frames_are_rfc_8323s() {
        // RFC 8323 §5.7's Ping, with token 0x42.
        assert_eq!(encode_frame(&signal(PING, &[0x42], &[])), hex("01 E2 42"));
        // aiocoap's CSM.
        let csm = signal(CSM, &[], &[(2, uint_bytes(1_048_576)), (4, vec![])]);
        assert_eq!(encode_frame(&csm), hex("00 E1 23 10 00 00 20"));
        // dli-apis.md a.6: GET .../0/state/ with Accept 50.
        let mut p = Packet::new();
        p.header.code = MessageClass::Request(RequestType::Get);
        p.set_token(vec![1]);
        for s in ["restapi", "relay", "outlets", "0", "state", ""] {
            p.add_option(CoapOption::UriPath, s.as_bytes().to_vec());
        }
        p.add_option(CoapOption::Accept, uint_bytes(50));
        let mut want = vec![0x01, 0x01, 0x01, 0xB7];
        want.extend_from_slice(b"restapi\x05relay\x07outlets\x010\x05state\x00\x61\x32");
        assert_eq!(encode_frame(&p), want);
        let back = decode_frame(&want).unwrap();
        assert_eq!(back.get_token(), &[1]);
        assert_eq!(back.get_option(CoapOption::UriPath).unwrap().len(), 6);
    }

    #[test]
    fn bad_frames_are_named() {
        let why = |f: &str| decode_frame(&hex(f)).unwrap_err().0;
        assert!(why("45").contains("shorter"));
        assert!(why("11 45").contains("length nibble"));
        assert!(why("09 45").contains("longer than 8"));
        assert!(why("04 45 01 02").contains("token past"));
        assert!(why("00 45 B7 72 65").contains("past the message's end"));
        assert!(why("00 45 C1 32 01 33").contains("repeated"));
        assert!(why("00 45 FF").contains("payload marker"));
        assert!(decode_frame(&hex("00 45 C1 32 FF 74 72 75 65")).is_ok());
        // Uri-Path may repeat; 7.xx options number themselves.
        assert!(decode_frame(&hex("00 01 B1 61 01 62")).is_ok());
    }

    proptest::proptest! {
        #[test]
        fn the_decoder_never_panics(bytes in proptest::collection::vec(0u8..=255, 0..64)) {
            let _ = decode_frame(&bytes);
        }

        #[test]
        fn junk_after_a_good_header_never_panics(
            tkl in 0u8..=8,
            code in 0u8..=255,
            rest in proptest::collection::vec(0u8..=255, 0..48),
        ) {
            let mut frame = vec![tkl, code];
            frame.extend(rest);
            if let Ok(p) = decode_frame(&frame) {
                // What decodes encodes again to something that decodes alike.
                let again = decode_frame(&encode_frame(&p)).unwrap();
                proptest::prop_assert_eq!(again.payload, p.payload);
            }
        }
    }
}
