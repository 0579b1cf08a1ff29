//! The wire backend of driver files (transport = "wire"): devices spoken to in datagrams or
//! framed TCP messages rather than HTTP or a line conversation: TP-Link Kasa's
//! length-prefixed XOR-autokey JSON over TCP 9999, WiZ's JSON over UDP 38899, Anel's UDP
//! text protocol (protocols/drivers-2.md section 0, "X-wire"; rows B10, B27, B28).
//!
//! ```toml
//! [driver]
//! id = "kasa-iot"
//! transport = "wire"
//!
//! [wire]
//! protocol = "tcp"               # or "udp"
//! port = 9999                    # the profile's port wins
//! codec = "kasa"                 # kasa (TCP): 4-byte big-endian length, XOR autokey 171,
//!                                # JSON inside; json (UDP): a JSON datagram each way;
//!                                # text (UDP): a text datagram each way
//! answer_port = 77               # UDP: the device answers to this port of pductl's host
//!                                # (Anel), not to the port the request came from
//! errors = [{ pointer = "/system/set_relay_state/err_code", ok = [0],
//!             message = "/system/set_relay_state/err_msg" }]
//!
//! [outlets]
//! list = { payload = '{{"system":{{"get_sysinfo":{{}}}}}}', items = "/system/get_sysinfo/children" }
//! id.read = { pointer = "/id" }
//! state.read = { pointer = "/state", map = { "1" = true, "0" = false } }
//! state.write = { payload = '{{"context":{{"child_ids":["{id}"]}},"system":{{"set_relay_state":{{"state":{v:1|0}}}}}}}' }
//! ```
//!
//! Every request is a `payload` template (`{n}`, `{i}`, `{id}`, `{value}`, `{v:A|B}`,
//! `{user}`, `{password}`; for the JSON codecs a name or id goes in as JSON string content,
//! so it cannot reshape the message), and every request has an answer. A list's answer is
//! read as over HTTP: JSON with `items` (an array) or `keys`, or, with neither, the whole
//! answer is the one outlet's item (a plug); text with the regex reader of `text.rs`
//! (`text`, `fields` or named groups, `packed`, `filter`). In a file with `[[variant]]`s, an
//! answer without the `items` array is the next variant's turn (a Kasa plug has no
//! `children`). `errors` are the in-band errors of any answer, as `[http] errors` are:
//! a pointer (with `ok` values and a `message`) or a text regex (`auth = true`: exit 3).
//!
//! The device is not trusted. A TCP frame announcing more than `MAX_ANSWER_BYTES`, a frame
//! cut short, and bytes that are not the codec's are a malformed answer (exit 5), and
//! nothing is allocated for what a length only announces. A datagram from another address
//! (or, without `answer_port`, another port) is passed over; one from the device that is not
//! JSON (for the JSON codec) is passed over too, and is the error (exit 5) when no usable
//! answer follows it in time. No answer is exit 4.
//!
//! What is sent again (`retry` has the rules): a read, and a write of a state or name, that
//! got no answer is sent again within the device's budget, datagrams sooner than the
//! timeout (`timeout / (1 + retries)` apart, as SNMP's are); a write marked `repeat =
//! false` (a toggle) and the device's own cycle are sent once.

use super::engine::{list_items, Backend, DriverEngine, Wants};
use super::{
    check_pointer, check_state_maps, fill, place, text, unknown_variables, Driver, DriverFile,
    Filling, InBandError, ListRequest, Read, Request, Variant,
};
use crate::error::{Error, Result};
use crate::output::escape_line;
use crate::retry::{Repeat, Retrier};
use crate::transport::{DeviceConfig, Secret, Transport};
use async_trait::async_trait;
use serde::Deserialize;
use serde_json::Value;
use std::net::SocketAddr;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpStream, UdpSocket};
use tokio::time::Instant;

/// Most bytes of one answer read: a frame that announces more is malformed.
pub const MAX_ANSWER_BYTES: usize = 1024 * 1024;

/// The first key of Kasa's XOR autokey cipher.
const KASA_KEY: u8 = 171;

/// Largest UDP datagram.
const MAX_DATAGRAM: usize = 65_535;

/// A driver file's `[wire]`: how the device is reached.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WireSection {
    /// "tcp" or "udp".
    pub protocol: String,
    /// The device's port, when the profile names none.
    pub port: Option<u16>,
    /// How a message is framed and what it holds: "kasa" (TCP), "json" or "text" (UDP).
    pub codec: String,
    /// UDP: the port of pductl's host the device sends its answers to (Anel's "send port",
    /// 77 by default), rather than the port the request came from.
    pub answer_port: Option<u16>,
    /// Answers that carry an error, as `[http] errors`.
    #[serde(default)]
    pub errors: Vec<InBandError>,
}

/// How messages are framed and read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Codec {
    /// TCP: a 4-byte big-endian length, then JSON under Kasa's XOR autokey.
    Kasa,
    /// UDP: one JSON document per datagram.
    Json,
    /// UDP: one text per datagram.
    Text,
}

impl Codec {
    fn named(protocol: &str, codec: &str) -> std::result::Result<Codec, String> {
        match (protocol, codec) {
            ("tcp", "kasa") => Ok(Codec::Kasa),
            ("udp", "json") => Ok(Codec::Json),
            ("udp", "text") => Ok(Codec::Text),
            ("tcp", other) => Err(format!(
                "codec \"{other}\" over TCP: a TCP device frames its messages, and the frame \
                 pductl knows is kasa"
            )),
            ("udp", other) => Err(format!(
                "codec \"{other}\" over UDP: a datagram is json or text"
            )),
            (other, _) => Err(format!("protocol \"{other}\" is tcp or udp")),
        }
    }

    fn reads_json(self) -> bool {
        self != Codec::Text
    }
}

/// Kasa's XOR autokey, encrypting: each byte is XORed with the previous encrypted byte (the
/// first with 171).
pub fn kasa_encrypt(plain: &[u8]) -> Vec<u8> {
    let mut key = KASA_KEY;
    plain
        .iter()
        .map(|b| {
            key ^= b;
            key
        })
        .collect()
}

/// Kasa's XOR autokey, decrypting: each byte XORed with the previous byte as received.
pub fn kasa_decrypt(cipher: &[u8]) -> Vec<u8> {
    let mut key = KASA_KEY;
    cipher
        .iter()
        .map(|&c| {
            let plain = key ^ c;
            key = c;
            plain
        })
        .collect()
}

/// A message framed for Kasa's TCP port: its length, then the encrypted bytes.
pub fn kasa_frame(plain: &[u8]) -> Vec<u8> {
    let mut frame = (plain.len() as u32).to_be_bytes().to_vec();
    frame.extend(kasa_encrypt(plain));
    frame
}

/// Why a frame could not be read.
#[derive(Debug, PartialEq, Eq)]
pub enum FrameError {
    /// The stream ended after `got` of the `wanted` bytes (the length's 4 included).
    Short {
        got: usize,
        wanted: usize,
    },
    /// The length announces more than `MAX_ANSWER_BYTES`.
    TooLong(u64),
    Io(String),
}

/// Reads one Kasa frame and decrypts it. The length is checked before anything is allocated
/// for it, and the body is read as it comes, so a lying length costs nothing.
pub async fn read_kasa_frame<R: AsyncRead + Unpin>(
    reader: &mut R,
) -> std::result::Result<Vec<u8>, FrameError> {
    let mut length = [0u8; 4];
    let mut got = 0;
    while got < 4 {
        match reader.read(&mut length[got..]).await {
            Ok(0) => return Err(FrameError::Short { got, wanted: 4 }),
            Ok(n) => got += n,
            Err(e) => return Err(FrameError::Io(e.to_string())),
        }
    }
    let wanted = u32::from_be_bytes(length) as usize;
    if wanted > MAX_ANSWER_BYTES {
        return Err(FrameError::TooLong(wanted as u64));
    }
    let mut body = Vec::new();
    let mut chunk = [0u8; 8192];
    while body.len() < wanted {
        let room = (wanted - body.len()).min(chunk.len());
        match reader.read(&mut chunk[..room]).await {
            Ok(0) => {
                return Err(FrameError::Short {
                    got: 4 + body.len(),
                    wanted: 4 + wanted,
                })
            }
            Ok(n) => body.extend_from_slice(&chunk[..n]),
            Err(e) => return Err(FrameError::Io(e.to_string())),
        }
    }
    Ok(kasa_decrypt(&body))
}

/// A few bytes of what a device sent, as a message may quote them.
fn quoted(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(&bytes[..bytes.len().min(60)]);
    let more = if bytes.len() > 60 { "..." } else { "" };
    format!("\"{}{more}\"", escape_line(&text))
}

// ---------------------------------------------------------------------------------------
// Checking a file

/// Checks what a file says of its wire: `[wire]` exactly when transport = "wire", a
/// protocol and codec that go together, an answer port only for UDP, its errors.
pub(super) fn check_section(file: &DriverFile, source: &str, text: &str) -> Result<()> {
    let bad = |needle: &str, why: String| {
        let at = text
            .find(needle)
            .map_or_else(|| source.to_string(), |o| place(source, text, o));
        Error::usage(format!("{at}: {why}"))
    };
    let wire_transport = file.driver.transport == "wire";
    let section = match (&file.wire, wire_transport) {
        (Some(w), true) => w,
        (None, false) => return Ok(()),
        (None, true) => {
            return Err(bad(
                "transport",
                "transport = \"wire\" needs a [wire] section (protocol = \"udp\", codec = \
                 \"json\")"
                    .into(),
            ))
        }
        (Some(_), false) => {
            return Err(bad(
                "[wire]",
                "a [wire] section is for transport = \"wire\"".into(),
            ))
        }
    };
    if file.http.is_some() {
        return Err(bad(
            "[http]",
            "an [http] section is for transport = \"http\"".into(),
        ));
    }
    Codec::named(&section.protocol, &section.codec).map_err(|why| bad("codec", why))?;
    if section.port == Some(0) {
        return Err(bad("port", "port 0 is no device's port".into()));
    }
    match section.answer_port {
        Some(0) => {
            return Err(bad(
                "answer_port",
                "answer_port 0 is no port a device sends to".into(),
            ))
        }
        Some(_) if section.protocol != "udp" => {
            return Err(bad(
                "answer_port",
                "answer_port is for UDP: a TCP answer comes on the connection".into(),
            ))
        }
        _ => {}
    }
    for e in &section.errors {
        if let Some(pattern) = &e.text {
            text::check_error(e, pattern, &bad)?;
            continue;
        }
        if e.auth {
            return Err(bad("auth", "auth = true goes with an error's text".into()));
        }
        for p in std::iter::once(&e.pointer).chain(e.message.iter()) {
            check_pointer(p).map_err(|why| bad(p, why))?;
        }
    }
    Ok(())
}

/// Checks one variant of a wire driver file: a list that is a payload read as the codec
/// reads (JSON items, keys or one item; a text regex), reads by pointer, writes that are a
/// payload alone, templates naming only what the wire fills.
pub(super) fn check_variant(
    v: &Variant,
    k: usize,
    file: &DriverFile,
    source: &str,
    text: &str,
) -> Result<()> {
    let _ = k;
    let bad = |needle: &str, why: String| {
        let at = text
            .find(needle)
            .map_or_else(|| source.to_string(), |o| place(source, text, o));
        Error::usage(format!("{at}: {why}"))
    };
    let Some(section) = &file.wire else {
        return Err(bad("[driver]", "a wire driver has a [wire] section".into()));
    };
    let codec = Codec::named(&section.protocol, &section.codec).map_err(|why| bad("codec", why))?;
    let o = &v.outlets;
    let list = &o.list;
    let foreign = list.gives_other_than(&[
        "payload", "items", "keys", "text", "fields", "packed", "reverse", "filter",
    ]);
    let Some(payload) = list.payload.as_deref().filter(|_| !foreign) else {
        return Err(bad(
            "list",
            "a wire list is the payload sent and how its answer lists the outlets: list = { \
             payload = '...', items = \"/pointer\" } (or keys, or text = 'REGEX' for the text \
             codec)"
                .into(),
        ));
    };
    let mut pointers: Vec<&str> = Vec::new();
    match (codec.reads_json(), &list.text) {
        (true, Some(pattern)) => {
            return Err(bad(
                pattern,
                format!(
                    "a text regex reads the text codec's answers; codec \"{}\" answers JSON \
                     (items, keys)",
                    section.codec
                ),
            ))
        }
        (true, None) => {
            if list.items.is_some() && list.keys.is_some() {
                return Err(bad(
                    "list",
                    "a wire list reads its answer with one of items (an array) and keys \
                     (members), or neither (the whole answer is one outlet)"
                        .into(),
                ));
            }
            if list.keys.as_deref() == Some("") {
                return Err(bad("keys", "keys names a member prefix".into()));
            }
            pointers.extend(list.items.as_deref());
            if list.filter.is_some() && list.items.is_none() && list.keys.is_none() {
                return Err(bad(
                    "filter",
                    "a filter keeps some of a list's items; a one-outlet answer has one".into(),
                ));
            }
            if list.packed.is_some() || !list.fields.is_empty() || list.reverse {
                return Err(bad(
                    "list",
                    "packed, fields and reverse go with text (a regex)".into(),
                ));
            }
        }
        (false, None) => {
            return Err(bad(
                "list",
                "the text codec's answers are read with a regex: list = { payload = '...', \
                 text = 'REGEX', fields = { state = 1 } }"
                    .into(),
            ))
        }
        (false, Some(_)) => {
            if list.items.is_some() || list.keys.is_some() {
                return Err(bad(
                    "list",
                    "a text list has no items or keys (those read JSON)".into(),
                ));
            }
            // The same checks as an HTTP text list's, the payload standing for its request.
            let mut as_http = list.clone();
            as_http.get = Some(payload.to_string());
            as_http.payload = None;
            text::check_list(&as_http, true, "list", &bad)?;
        }
    }
    if let Some(filter) = &list.filter {
        if filter.oid.is_some() {
            return Err(bad(
                "filter",
                "a wire list's filter reads its field with pointer".into(),
            ));
        }
        pointers.push(&filter.pointer);
        if filter.prefix.is_some() != filter.values.is_empty() {
            return Err(bad(
                "filter",
                "a filter keeps items by exactly one of values (a list) and prefix".into(),
            ));
        }
    }
    check_state_maps(o, &bad)?;
    let mut reads: Vec<(&str, &Read)> = vec![("state.read", &o.state.read)];
    reads.extend(o.state.pending.iter().map(|r| ("state.pending", r)));
    if let Some(name) = &o.name {
        if name.list.is_some() {
            return Err(bad(
                "name.list",
                "a wire driver reads names from the outlets' list".into(),
            ));
        }
        reads.push(("name.read", &name.read));
        reads.extend(name.fallback.iter().map(|r| ("name.fallback", r)));
    }
    reads.extend(o.id.iter().map(|id| ("id.read", &id.read)));
    reads.extend(v.meter.iter().map(|m| (m.key.as_str(), &m.read)));
    for (what, r) in reads {
        if r.oid.is_some() || r.modbus().is_some() {
            return Err(bad(
                what,
                format!("{what}: a wire driver reads with pointer (no oid, coil, holding, input)"),
            ));
        }
        pointers.push(&r.pointer);
        pointers.extend(r.digits.as_deref());
    }
    for p in pointers {
        check_pointer(p).map_err(|why| bad(p, why))?;
    }
    // The list is sent before any outlet is known: it names only the account.
    check_template(payload, &["{user}", "{password}"], &bad)?;
    for m in &v.meter {
        check_template(&m.key, &["{n}", "{i}"], &bad)?;
        if let Some(name) = &m.name {
            check_template(name, &["{n}", "{i}"], &bad)?;
        }
    }
    let mut writes: Vec<(&str, &Request)> = Vec::new();
    writes.extend(o.state.write.iter().map(|r| ("state.write", r)));
    if let Some(w) = o.name.as_ref().and_then(|n| n.write.as_ref()) {
        writes.push(("name.write", w));
    }
    if let Some(native) = super::native_cycle(o).map_err(|why| bad("native", why))? {
        writes.push(("cycle.native", native));
    }
    let mut known = vec!["{n}", "{i}", "{value}", "{user}", "{password}"];
    if o.id.is_some() {
        known.push("{id}");
    }
    for (what, r) in writes {
        let other = r.gives_other_than(&["payload"]);
        let Some(payload) = r.payload.as_deref().filter(|p| !other && !p.is_empty()) else {
            return Err(bad(
                what,
                format!("{what}: a wire write is a payload alone: {{ payload = '...' }}"),
            ));
        };
        check_template(payload, &known, &bad)?;
    }
    Ok(())
}

/// A template names no variable but `known` (and `{v:A|B}`, which any may name).
fn check_template(
    template: &str,
    known: &[&str],
    bad: &dyn Fn(&str, String) -> Error,
) -> Result<()> {
    if template.is_empty() {
        return Err(bad(
            "payload",
            "an empty payload is no message to a device".into(),
        ));
    }
    let names: Vec<String> = super::pieces(template)
        .into_iter()
        .filter_map(|p| match p {
            super::Piece::Variable(v) => Some(format!("{{{v}}}")),
            super::Piece::Unclosed(text) => Some(text.to_string()),
            super::Piece::Text(_) => None,
        })
        .collect();
    let unknown = unknown_variables(template);
    if let Some(name) = names
        .iter()
        .find(|v| !known.contains(&v.as_str()) && unknown.contains(v))
    {
        return Err(bad(
            template,
            format!(
                "template \"{template}\" names {name}, not one of {}, {{v:A|B}}",
                known.join(", ")
            ),
        ));
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------
// Serving a file

/// A driver file whose transport is `wire`, ready to serve.
pub fn driver_wire(device: &DeviceConfig, driver: &Driver) -> Result<Box<dyn Transport>> {
    Ok(Box::new(DriverEngine::new(
        WireBackend::new(device, driver)?,
        driver.file.clone(),
    )))
}

pub struct WireBackend {
    file: DriverFile,
    section: WireSection,
    codec: Codec,
    host: String,
    port: u16,
    /// `host:port`, or the profile's name with it, for messages.
    label: String,
    user: String,
    password: Option<Secret>,
    retrier: Retrier,
    trace: bool,
    /// `driver kasa-iot`, for messages.
    name: String,
}

/// What an answer holds: its bytes, decoded by the codec, and its JSON where the codec
/// reads JSON.
struct Answer {
    bytes: Vec<u8>,
    json: Option<Value>,
}

impl WireBackend {
    pub fn new(device: &DeviceConfig, driver: &Driver) -> Result<WireBackend> {
        let file = driver.file.clone();
        let Some(section) = file.wire.clone() else {
            return Err(Error::usage(format!(
                "{}: a wire driver has a [wire] section",
                driver.source
            )));
        };
        let codec = Codec::named(&section.protocol, &section.codec)
            .map_err(|why| Error::usage(format!("{}: {why}", driver.source)))?;
        let Some(port) = device.port.or(section.port) else {
            return Err(Error::usage(format!(
                "device {}: driver {} names no port: set port in its profile entry",
                device.name, file.driver.id
            )));
        };
        let address = match device.host.contains(':') {
            true => format!("[{}]:{port}", device.host.trim_matches(['[', ']'])),
            false => format!("{}:{port}", device.host),
        };
        Ok(WireBackend {
            label: device.label(&address),
            host: device.host.trim_matches(['[', ']']).to_string(),
            port,
            codec,
            section,
            user: device.user.clone().unwrap_or_default(),
            password: device.password.clone(),
            retrier: device.retrier(),
            trace: device.trace,
            name: format!("driver {}", file.driver.id),
            file,
        })
    }

    fn trace(&self, what: &str) {
        if self.trace {
            eprintln!(
                "pductl: {}",
                escape_line(&format!("{}: {what}", self.label))
            );
        }
    }

    /// A payload template filled for outlet `n` (the engine's `id` is percent-encoded: it
    /// is decoded here), and the same as traces show it (the password masked). For the
    /// JSON codecs the account and id go in as JSON string content.
    fn filled(
        &self,
        template: &str,
        n: usize,
        id: Option<&str>,
        value: Option<&Value>,
    ) -> Result<(Vec<u8>, String)> {
        let json = self.codec.reads_json();
        let content = |s: &str| -> String {
            if json {
                let quoted = Value::String(s.to_string()).to_string();
                quoted[1..quoted.len() - 1].to_string()
            } else {
                s.to_string()
            }
        };
        let password = match (&self.password, template.contains("{password}")) {
            (Some(p), _) => p.expose().to_string(),
            (None, false) => String::new(),
            (None, true) => {
                return Err(Error::Auth(format!(
                    "{} asks for a password and none was given: set password_env, \
                     password_command, password_file or password in its profile entry ({})",
                    self.label, self.name
                )))
            }
        };
        let id = id.map(|id| {
            percent_encoding::percent_decode_str(id)
                .decode_utf8_lossy()
                .into_owned()
        });
        let filling = if json { Filling::Json } else { Filling::Text };
        let with = |password: &str| {
            let mut named = vec![
                ("user", content(&self.user)),
                ("password", password.to_string()),
            ];
            named.extend(id.as_deref().map(|id| ("id", content(id))));
            fill(
                template,
                n,
                self.file.driver.index_base,
                value,
                filling,
                &named,
            )
        };
        let sent = with(&content(&password));
        let mut shown = with("***");
        if !password.is_empty() {
            shown = shown.replace(&password, "***");
        }
        Ok((sent.into_bytes(), shown))
    }

    /// Sends one message and reads its answer, under the retry policy; the answer is checked
    /// for the file's in-band errors.
    async fn exchange(&self, message: &[u8], shown: &str, repeat: Repeat) -> Result<Answer> {
        self.trace(&format!("send {shown}"));
        let bytes = match self.codec {
            Codec::Kasa => self.tcp_exchange(message, shown, repeat).await?,
            Codec::Json | Codec::Text => self.udp_exchange(message, shown, repeat).await?,
        };
        self.trace(&format!("answer of {} bytes", bytes.len()));
        let json = match self.codec.reads_json() {
            true => Some(serde_json::from_slice::<Value>(&bytes).map_err(|e| {
                Error::BadResponse(format!(
                    "{} answered {shown} with something that is not JSON ({e}): {}",
                    self.label,
                    quoted(&bytes)
                ))
            })?),
            false => None,
        };
        let answer = Answer { bytes, json };
        self.check_errors(&answer, shown)?;
        Ok(answer)
    }

    /// The file's in-band errors: a pointer present (and not an `ok` value), or a regex
    /// that matches.
    fn check_errors(&self, answer: &Answer, shown: &str) -> Result<()> {
        let device = &self.label;
        for e in &self.section.errors {
            if let Some(pattern) = &e.text {
                if let Some(found) = text::error_match(pattern, &answer.bytes) {
                    let why = format!(
                        "{device} refused {shown}: \"{}\" ({})",
                        escape_line(&found),
                        self.name
                    );
                    return Err(if e.auth {
                        Error::Auth(why)
                    } else {
                        Error::Refused(why)
                    });
                }
                continue;
            }
            let Some(doc) = &answer.json else { continue };
            let Some(reason) = doc
                .pointer(&e.pointer)
                .filter(|v| !v.is_null() && !e.ok.contains(v))
            else {
                continue;
            };
            let text = |v: &Value| v.as_str().map_or_else(|| v.to_string(), str::to_string);
            let reason = match e.message.as_deref().and_then(|m| doc.pointer(m)) {
                Some(message) => format!("{} ({} = {})", text(message), e.pointer, text(reason)),
                None => format!("{} ({})", text(reason), e.pointer),
            };
            return Err(Error::Refused(format!(
                "{device} refused {shown}: {} ({})",
                escape_line(&reason),
                self.name
            )));
        }
        Ok(())
    }

    /// One message over a TCP connection of its own, framed as Kasa frames it.
    async fn tcp_exchange(&self, message: &[u8], shown: &str, repeat: Repeat) -> Result<Vec<u8>> {
        let frame = kasa_frame(message);
        let frame = &frame;
        self.retrier
            .run(repeat, shown, |t| async move {
                let deadline = Instant::now() + t.allowed;
                let within = crate::output::human_duration(t.allowed);
                let connect = TcpStream::connect((self.host.as_str(), self.port));
                let mut stream = match tokio::time::timeout_at(deadline, connect).await {
                    Ok(Ok(stream)) => stream,
                    Ok(Err(e)) => return Err(Error::Unreachable(format!("{}: {e}", self.label))),
                    // Nothing went out: a connection not made is safe to try again.
                    Err(_) => {
                        return Err(Error::Unreachable(format!(
                            "{} did not accept a connection within {within}",
                            self.label
                        )))
                    }
                };
                let talk = async {
                    stream.write_all(frame).await.map_err(|e| {
                        Error::HungUp(format!("{}: {e} while sending {shown}", self.label))
                    })?;
                    read_kasa_frame(&mut stream).await.map_err(|e| match e {
                        FrameError::TooLong(n) => Error::BadResponse(format!(
                            "{} announced an answer of {n} bytes to {shown}, more than the {} \
                             MiB pductl reads",
                            self.label,
                            MAX_ANSWER_BYTES / (1024 * 1024)
                        )),
                        FrameError::Short { got: 0, .. } => Error::HungUp(format!(
                            "{} closed the connection without answering {shown}",
                            self.label
                        )),
                        FrameError::Short { got, wanted } => Error::HungUp(format!(
                            "{} closed the connection after {got} of the {wanted} bytes it \
                             announced in answer to {shown}",
                            self.label
                        )),
                        FrameError::Io(e) => {
                            Error::HungUp(format!("{}: {e} while reading the answer", self.label))
                        }
                    })
                };
                match tokio::time::timeout_at(deadline, talk).await {
                    Ok(answer) => answer,
                    Err(_) => Err(Error::Timeout(format!(
                        "{} did not answer {shown} within {within}",
                        self.label
                    ))),
                }
            })
            .await
    }

    /// The device's address, resolved now.
    async fn resolve(&self) -> Result<SocketAddr> {
        let mut found = tokio::net::lookup_host((self.host.as_str(), self.port))
            .await
            .map_err(|e| Error::Unreachable(format!("{}: {e}", self.label)))?;
        found
            .next()
            .ok_or_else(|| Error::Unreachable(format!("{}: no address", self.label)))
    }

    /// One datagram and its answer. Tries share a socket, so an answer to an earlier try
    /// that comes late still counts.
    async fn udp_exchange(&self, message: &[u8], shown: &str, repeat: Repeat) -> Result<Vec<u8>> {
        let device = self.resolve().await?;
        let local: SocketAddr = match device {
            SocketAddr::V4(_) => ([0, 0, 0, 0], self.section.answer_port.unwrap_or(0)).into(),
            SocketAddr::V6(_) => ([0u16; 8], self.section.answer_port.unwrap_or(0)).into(),
        };
        let socket = UdpSocket::bind(local).await.map_err(|e| {
            let why = match self.section.answer_port {
                Some(port) if port < 1024 && e.kind() == std::io::ErrorKind::PermissionDenied => {
                    format!(
                        "{e}; ports below 1024 need root: set the device to send to a port \
                         above 1023 and answer_port to it in a driver file of your own"
                    )
                }
                _ => e.to_string(),
            };
            Error::Unreachable(format!(
                "{}: cannot listen on UDP {local} for its answers ({why})",
                self.label
            ))
        })?;
        // With an answer port the device answers from a port of its own choosing.
        let from_device = |from: SocketAddr| match self.section.answer_port {
            Some(_) => from.ip() == device.ip(),
            None => from == device,
        };
        let unreadable: std::sync::Mutex<Option<String>> = std::sync::Mutex::new(None);
        let budget = self.retrier.budget;
        let interval = budget.timeout / (budget.retries + 1);
        let (socket, unreadable_ref) = (&socket, &unreadable);
        let answer = self
            .retrier
            .run_spaced(repeat, shown, interval, |t| async move {
                socket.send_to(message, device).await.map_err(|e| {
                    Error::Unreachable(format!("{}: {e} sending {shown}", self.label))
                })?;
                let deadline = Instant::now() + t.allowed;
                let mut buffer = vec![0u8; MAX_DATAGRAM];
                loop {
                    let received =
                        tokio::time::timeout_at(deadline, socket.recv_from(&mut buffer)).await;
                    let (length, from) = match received {
                        Err(_) => {
                            return Err(Error::Timeout(format!(
                                "{} did not answer {shown} within {}",
                                self.label,
                                crate::output::human_duration(t.allowed)
                            )))
                        }
                        // An ICMP error for an earlier datagram: the next may fare better.
                        Ok(Err(e)) => {
                            self.trace(&format!("receive failed ({e})"));
                            tokio::time::sleep_until(deadline).await;
                            continue;
                        }
                        Ok(Ok(got)) => got,
                    };
                    let bytes = &buffer[..length];
                    if !from_device(from) {
                        self.trace(&format!("passed over {length} bytes from {from}"));
                        continue;
                    }
                    let readable = match self.codec {
                        Codec::Json => serde_json::from_slice::<Value>(bytes).is_ok(),
                        _ => !bytes.is_empty(),
                    };
                    if readable {
                        return Ok(bytes.to_vec());
                    }
                    self.trace(&format!(
                        "passed over an unreadable datagram {}",
                        quoted(bytes)
                    ));
                    if let Ok(mut kept) = unreadable_ref.lock() {
                        kept.get_or_insert_with(|| quoted(bytes));
                    }
                }
            })
            .await;
        match answer {
            Err(Error::Timeout(why)) => {
                let kept = unreadable.lock().ok().and_then(|k| k.clone());
                Err(match kept {
                    Some(junk) => Error::BadResponse(format!(
                        "{} answered {shown} only with what is not {}: {junk}",
                        self.label,
                        if self.codec == Codec::Json {
                            "JSON"
                        } else {
                            "an answer"
                        }
                    )),
                    None => Error::Timeout(why),
                })
            }
            other => other,
        }
    }

    /// The outlets' items in a list's answer.
    fn items_of(&self, list: &ListRequest, answer: &Answer, shown: &str) -> Result<Vec<Value>> {
        let origin = format!("{} answered {shown}", self.label);
        let Some(doc) = &answer.json else {
            let items = text::text_items(list, &answer.bytes, &origin, &self.name)?;
            // Matches the filter left out (an Anel's I/O pins) are no outlets either.
            if items.is_empty() {
                return Err(Error::BadResponse(format!(
                    "{origin} without an outlet ({})",
                    self.name
                )));
            }
            return Ok(items);
        };
        if let Some(at) = &list.items {
            // Another variant's device: a Kasa plug has no children.
            if doc.pointer(at).is_none() && self.file.variant.len() > 1 {
                return Ok(Vec::new());
            }
        }
        if list.items.is_none() && list.keys.is_none() {
            return Ok(vec![doc.clone()]);
        }
        list_items(list, doc, self.file.driver.index_base, &origin, &self.name)
    }
}

#[async_trait]
impl Backend for WireBackend {
    fn device(&self) -> &str {
        &self.label
    }

    fn write_attempts(&self) -> u32 {
        self.retrier.writes()
    }

    async fn items(&self, variant: &Variant, _wants: Wants) -> Result<Vec<Value>> {
        let list = &variant.outlets.list;
        let template = list.payload.as_deref().unwrap_or_default();
        let (message, shown) = self.filled(template, 0, None, None)?;
        let answer = self.exchange(&message, &shown, Repeat::Read).await?;
        self.items_of(list, &answer, &shown)
    }

    async fn send(
        &self,
        request: &Request,
        n: usize,
        id: Option<&str>,
        value: Option<&Value>,
        repeat: Repeat,
    ) -> Result<()> {
        let template = request.payload.as_deref().unwrap_or_default();
        let (message, shown) = self.filled(template, n, id, value)?;
        self.exchange(&message, &shown, repeat).await.map(|_| ())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn the_autokey_cipher_round_trips_and_matches_its_definition() {
        let plain = br#"{"system":{"get_sysinfo":{}}}"#;
        let cipher = kasa_encrypt(plain);
        assert_eq!(cipher[0], 171 ^ b'{');
        assert_eq!(cipher[1], cipher[0] ^ b'"');
        assert_eq!(kasa_decrypt(&cipher), plain);
        let frame = kasa_frame(plain);
        assert_eq!(&frame[..4], &(plain.len() as u32).to_be_bytes());
    }

    #[tokio::test]
    async fn frames_that_lie_about_their_length_are_refused() {
        let mut long: &[u8] = &[0x7f, 0xff, 0xff, 0xff, 1, 2, 3];
        assert_eq!(
            read_kasa_frame(&mut long).await,
            Err(FrameError::TooLong(0x7fff_ffff))
        );
        let mut short: &[u8] = &[0, 0, 0, 9, 1, 2];
        assert_eq!(
            read_kasa_frame(&mut short).await,
            Err(FrameError::Short { got: 6, wanted: 13 })
        );
        let mut cut: &[u8] = &[0, 0];
        assert_eq!(
            read_kasa_frame(&mut cut).await,
            Err(FrameError::Short { got: 2, wanted: 4 })
        );
        let frame = kasa_frame(b"{}");
        assert_eq!(read_kasa_frame(&mut frame.as_slice()).await.unwrap(), b"{}");
    }

    fn device() -> DeviceConfig {
        let mut device = crate::testing::loopback_device(
            crate::transport::Protocol::DliRest,
            "admin",
            crate::transport::AuthScheme::Basic,
        );
        device.password = Some(Secret::new("pa\"ss"));
        device
    }

    fn built_in_wire_backends() -> Vec<(Driver, WireBackend)> {
        super::super::BUILT_IN
            .iter()
            .map(|(name, text)| super::super::parse(name, text).unwrap())
            .filter(|d| d.file.driver.transport == "wire")
            .map(|d| {
                let backend = WireBackend::new(&device(), &d).unwrap();
                (d, backend)
            })
            .collect()
    }

    #[test]
    fn the_built_in_wire_drivers_fill_accounts_and_ids_as_content() {
        for (d, backend) in built_in_wire_backends() {
            for v in d.file.variants() {
                let Some(write) = &v.outlets.state.write else {
                    continue;
                };
                let template = write.payload.as_deref().unwrap();
                let (sent, _) = backend
                    .filled(template, 0, Some("a%22b"), Some(&Value::Bool(true)))
                    .unwrap_or_else(|e| panic!("{}: {e}", d.source));
                if backend.codec.reads_json() {
                    let doc: Value = serde_json::from_slice(&sent)
                        .unwrap_or_else(|e| panic!("{}: {e}", d.source));
                    assert!(doc.is_object(), "{}", d.source);
                }
            }
        }
    }

    /// Anel-shaped status datagrams: `NET-PwrCtrl:` and fields, relay-like, pin-like, junk.
    fn status_like() -> impl Strategy<Value = String> {
        let field = prop_oneof![
            Just("Nr. 1,1".to_string()),
            "[^:]{0,6},[01]",
            "IO-[0-9],[01],[01]",
            "[^:]{0,10}",
            Just("NoPass".to_string()),
            Just("Err".to_string()),
        ];
        prop::collection::vec(field, 0..30)
            .prop_map(|fields| format!("NET-PwrCtrl:{}:", fields.join(":")))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        #[test]
        fn junk_frames_never_panic_nor_allocate_what_they_announce(
            bytes in prop::collection::vec(any::<u8>(), 0..64)
        ) {
            let runtime = tokio::runtime::Builder::new_current_thread().build().unwrap();
            let got = runtime.block_on(read_kasa_frame(&mut bytes.as_slice()));
            if let Ok(body) = got {
                prop_assert!(body.len() + 4 <= bytes.len());
            }
            prop_assert_eq!(kasa_decrypt(&kasa_encrypt(&bytes)), bytes);
        }

        #[test]
        fn junk_answers_are_read_or_refused_by_every_built_in_wire_driver(
            bytes in prop::collection::vec(any::<u8>(), 0..200),
            json in crate::testing::any_json(),
            status in status_like(),
            children in prop::collection::vec(crate::testing::any_json(), 0..12),
        ) {
            // Kasa-shaped: a strip's children, a plug's sysinfo, with junk where values go.
            let strip = serde_json::json!({"system": {"get_sysinfo": {"children": children}}});
            let plug = serde_json::json!({"system": {"get_sysinfo": {
                "relay_state": children.first(), "alias": children.get(1)
            }}, "emeter": {"get_realtime": {"power_mw": children.get(2)}}});
            let shaped = [strip.to_string(), plug.to_string(), status];
            for (d, backend) in built_in_wire_backends() {
                let junks = [bytes.clone(), json.to_string().into_bytes()]
                    .into_iter()
                    .chain(shaped.iter().map(|s| s.clone().into_bytes()));
                for junk in junks {
                    let doc = serde_json::from_slice::<Value>(&junk).ok();
                    let answer = Answer { bytes: junk, json: doc.filter(|_| backend.codec.reads_json()) };
                    let _ = backend.check_errors(&answer, "x");
                    for v in d.file.variants() {
                        if answer.json.is_none() && backend.codec.reads_json() {
                            continue;
                        }
                        if let Ok(items) = backend.items_of(&v.outlets.list, &answer, "x") {
                            prop_assert!(items.len() <= crate::transport::MAX_OUTLETS);
                            let engine = DriverEngine::new(
                                WireBackend::new(&device(), &d).unwrap(),
                                d.file.clone(),
                            );
                            if let Ok(tree) = engine.tree(&v, &items, Wants::ALL) {
                                let outlets = tree["relay"]["outlets"].as_array().unwrap();
                                prop_assert_eq!(outlets.len(), items.len());
                            }
                        }
                    }
                }
            }
        }
    }
}
