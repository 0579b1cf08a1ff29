//! The CoAP-over-WebSockets face of the simulated DLI controller (protocols/dli-apis.md
//! section a, RFC 8323): `/.well-known/coap` on the REST port, subprotocol `coap`, one CoAP
//! message per binary WebSocket message, a CSM first, Pong for Ping, Abort for a malformed
//! message or a text frame (as aiocoap does). Requests carry Uri-Path `restapi`, the path's
//! segments and an empty last one; each segment is one key (no matrix URIs over CoAP, as
//! DLI's guide says). The face only frames: `dli_http.rs` authenticates the upgrade and
//! answers each request against the one device state, so REST and CoAP see the same outlets.

use super::{plain_text, Body};
use crate::path::{Path, Segment};
use coap_lite::{CoapOption, MessageClass, Packet, RequestType};
use futures_util::{SinkExt, StreamExt};
use http::{header, HeaderValue, StatusCode};
use hyper::{Request, Response};
use hyper_util::rt::TokioIo;
use std::sync::Arc;
use tokio_tungstenite::tungstenite::handshake::derive_accept_key;
use tokio_tungstenite::tungstenite::protocol::{Role, WebSocketConfig};
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::WebSocketStream;

/// Where the WebSocket is opened.
pub const WELL_KNOWN_COAP: &str = "/.well-known/coap";

/// Largest message the simulator accepts and advertises (as aiocoap's CSM).
const MAX_MESSAGE_BYTES: usize = 1024 * 1024;

const CSM: u8 = 0xE1;
const PING: u8 = 0xE2;
const PONG: u8 = 0xE3;
const RELEASE: u8 = 0xE4;
const ABORT: u8 = 0xE5;

/// Who may use the face (`--coap-auth`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CoapAuth {
    /// The REST login on the upgrade request [INF: dli-apis.md a.2].
    #[default]
    Login,
    /// Anyone, as the device's admin: for clients that cannot send a login (aiocoap).
    None,
}

impl CoapAuth {
    pub fn parse(s: &str) -> Option<CoapAuth> {
        match s {
            "login" => Some(CoapAuth::Login),
            "none" => Some(CoapAuth::None),
            _ => None,
        }
    }
}

/// A CoAP request as the device's state sees it.
#[derive(Debug, Clone)]
pub struct CoapRequest {
    pub method: RequestType,
    /// The path after `restapi`, one key per Uri-Path segment (`-` is the end marker).
    pub path: Path,
    /// The last segment was `description` with no empty segment after it.
    pub describe: bool,
    /// Uri-Path did not end with the empty segment a data request has.
    pub no_trailing_empty: bool,
    /// Not under `restapi` at all.
    pub outside_rest: bool,
    pub content_format: Option<u16>,
    pub payload: Vec<u8>,
}

/// The answer: a CoAP code (class << 5 | detail), its payload and content format.
#[derive(Debug, Clone)]
pub struct CoapAnswer {
    pub code: u8,
    pub content_format: Option<u16>,
    pub payload: Vec<u8>,
}

impl CoapAnswer {
    pub fn json(code: u8, value: &serde_json::Value) -> CoapAnswer {
        CoapAnswer {
            code,
            content_format: Some(50),
            payload: serde_json::to_vec(value).unwrap_or_default(),
        }
    }
    pub fn empty(code: u8) -> CoapAnswer {
        CoapAnswer {
            code,
            content_format: None,
            payload: Vec::new(),
        }
    }
    /// An error with a diagnostic payload (RFC 7252 §5.5.2).
    pub fn error(http_status: u16, message: &str) -> CoapAnswer {
        CoapAnswer {
            code: code_of_status(http_status),
            content_format: None,
            payload: message.as_bytes().to_vec(),
        }
    }
}

/// The CoAP code for a DLI REST status [INF: dli-apis.md a.7's natural mapping; DLI's own
/// codes are a GAP]. Success codes depend on the request (`dli_http.rs`).
pub fn code_of_status(status: u16) -> u8 {
    let (class, detail) = match status {
        400 => (4, 0),
        401 => (4, 1),
        403 => (4, 3),
        404 => (4, 4),
        405 => (4, 5),
        406 => (4, 6),
        409 => (4, 9),
        413 => (4, 13),
        415 => (4, 15),
        422 => (4, 22),
        501 => (5, 1),
        503 => (5, 3),
        s if (400..500).contains(&s) => (4, 0),
        _ => (5, 0),
    };
    (class << 5) | detail
}

/// How the device answers one request.
pub type Handler = Arc<dyn Fn(CoapRequest) -> CoapAnswer + Send + Sync>;

/// Whether `req` asks for the CoAP face.
pub fn is_coap(req: &Request<hyper::body::Incoming>) -> bool {
    req.uri().path() == WELL_KNOWN_COAP
}

/// Answers an (already authenticated) upgrade request: 101 with subprotocol `coap`, and a
/// task that serves CoAP on the upgraded connection; 400 when it is no WebSocket upgrade
/// for `coap`.
pub fn upgrade(mut req: Request<hyper::body::Incoming>, handler: Handler) -> Response<Body> {
    let headers = req.headers();
    let has = |name: header::HeaderName, token: &str| {
        headers.get_all(name).iter().any(|v| {
            v.to_str()
                .is_ok_and(|v| v.split(',').any(|t| t.trim().eq_ignore_ascii_case(token)))
        })
    };
    if !has(header::UPGRADE, "websocket") || !has(header::CONNECTION, "upgrade") {
        return plain_text(
            StatusCode::BAD_REQUEST,
            "this is CoAP over WebSockets: send a WebSocket upgrade",
        );
    }
    if !has(header::SEC_WEBSOCKET_PROTOCOL, "coap") {
        return plain_text(
            StatusCode::BAD_REQUEST,
            "the WebSocket subprotocol must be coap",
        );
    }
    let Some(key) = headers.get(header::SEC_WEBSOCKET_KEY) else {
        return plain_text(StatusCode::BAD_REQUEST, "no Sec-WebSocket-Key");
    };
    let accept = derive_accept_key(key.as_bytes());
    let upgrading = hyper::upgrade::on(&mut req);
    tokio::spawn(async move {
        let Ok(upgraded) = upgrading.await else {
            return;
        };
        let config = WebSocketConfig::default()
            .max_message_size(Some(MAX_MESSAGE_BYTES))
            .max_frame_size(Some(MAX_MESSAGE_BYTES));
        let ws =
            WebSocketStream::from_raw_socket(TokioIo::new(upgraded), Role::Server, Some(config))
                .await;
        session(ws, handler).await;
    });
    let mut r = Response::new(super::full(bytes::Bytes::new()));
    *r.status_mut() = StatusCode::SWITCHING_PROTOCOLS;
    let h = r.headers_mut();
    h.insert(header::CONNECTION, HeaderValue::from_static("Upgrade"));
    h.insert(header::UPGRADE, HeaderValue::from_static("websocket"));
    h.insert(
        header::SEC_WEBSOCKET_PROTOCOL,
        HeaderValue::from_static("coap"),
    );
    if let Ok(v) = HeaderValue::from_str(&accept) {
        h.insert(header::SEC_WEBSOCKET_ACCEPT, v);
    }
    r
}

/// RFC 8323's WebSocket framing of a coap-lite message (coap-lite writes the UDP header).
fn encode(packet: &Packet) -> Vec<u8> {
    let udp = packet.to_bytes_unlimited().unwrap_or_default();
    if udp.len() < 4 {
        return Vec::new();
    }
    let mut frame = vec![udp[0] & 0x0F, udp[1]];
    frame.extend_from_slice(&udp[4..]);
    frame
}

fn decode(frame: &[u8]) -> Option<Packet> {
    if frame.len() < 2 || frame[0] > 8 || 2 + usize::from(frame[0]) > frame.len() {
        return None;
    }
    let mut udp = vec![0x40 | frame[0], frame[1], 0, 0];
    udp.extend_from_slice(&frame[2..]);
    Packet::from_bytes(&udp).ok()
}

fn signal(code: u8, token: &[u8]) -> Packet {
    let mut p = Packet::new();
    p.header.code = MessageClass::from(code);
    p.set_token(token.to_vec());
    p
}

type Ws = WebSocketStream<TokioIo<hyper::upgrade::Upgraded>>;

async fn send(ws: &mut Ws, packet: &Packet) -> bool {
    ws.send(Message::Binary(encode(packet).into()))
        .await
        .is_ok()
}

async fn abort(ws: &mut Ws, why: &str) {
    let mut p = signal(ABORT, &[]);
    p.payload = why.as_bytes().to_vec();
    send(ws, &p).await;
    let _ = ws.close(None).await;
}

/// Serves one CoAP connection until the client goes.
async fn session(mut ws: Ws, handler: Handler) {
    let mut csm = signal(CSM, &[]);
    csm.add_option(CoapOption::from(2u16), vec![0x10, 0x00, 0x00]);
    if !send(&mut ws, &csm).await {
        return;
    }
    let mut peer_csm = false;
    while let Some(Ok(message)) = ws.next().await {
        let frame = match message {
            Message::Binary(b) => b,
            Message::Text(_) => return abort(&mut ws, "Text frame received").await,
            Message::Close(_) => return,
            _ => continue,
        };
        let Some(packet) = decode(&frame) else {
            return abort(&mut ws, "Malformed message").await;
        };
        let code = u8::from(packet.header.code);
        if !peer_csm && code != CSM {
            return abort(&mut ws, "CSM expected first").await;
        }
        match code {
            CSM => peer_csm = true,
            PING => {
                if !send(&mut ws, &signal(PONG, packet.get_token())).await {
                    return;
                }
            }
            ABORT => return,
            // The client is done: close as RFC 8323 §5.5 asks (aiocoap waits for it).
            RELEASE => {
                let _ = ws.close(None).await;
                return;
            }
            0 => {}
            c if c >> 5 == 7 => {}
            _ => {
                let MessageClass::Request(method) = packet.header.code else {
                    continue; // a response to nothing we asked
                };
                let answer = handler(request_of(method, &packet));
                let mut reply = Packet::new();
                reply.header.code = MessageClass::from(answer.code);
                reply.set_token(packet.get_token().to_vec());
                if let Some(cf) = answer.content_format {
                    reply.add_option(CoapOption::ContentFormat, uint_bytes(cf));
                }
                reply.payload = answer.payload;
                if !send(&mut ws, &reply).await {
                    return;
                }
            }
        }
    }
}

fn uint_bytes(v: u16) -> Vec<u8> {
    match v {
        0 => vec![],
        1..=255 => vec![v as u8],
        _ => v.to_be_bytes().to_vec(),
    }
}

fn request_of(method: RequestType, packet: &Packet) -> CoapRequest {
    let mut segments: Vec<String> = packet
        .get_option(CoapOption::UriPath)
        .map(|l| {
            l.iter()
                .map(|s| String::from_utf8_lossy(s).into_owned())
                .collect()
        })
        .unwrap_or_default();
    let outside_rest = segments.first().map(String::as_str) != Some("restapi");
    if !outside_rest {
        segments.remove(0);
    }
    let trailing_empty = segments.last().is_some_and(String::is_empty);
    if trailing_empty {
        segments.pop();
    }
    let describe = !trailing_empty && segments.last().map(String::as_str) == Some("description");
    if describe {
        segments.pop();
    }
    let path = Path {
        segments: segments
            .into_iter()
            .filter(|s| !s.is_empty())
            .map(|s| {
                if s == "-" {
                    Segment::Last
                } else {
                    Segment::Key(s)
                }
            })
            .collect(),
    };
    let content_format = packet.get_first_option(CoapOption::ContentFormat).map(|v| {
        v.iter()
            .fold(0u32, |acc, b| (acc << 8) | u32::from(*b))
            .min(u32::from(u16::MAX)) as u16
    });
    CoapRequest {
        method,
        path,
        describe,
        no_trailing_empty: !trailing_empty && !describe,
        outside_rest,
        content_format,
        payload: packet.payload.clone(),
    }
}
