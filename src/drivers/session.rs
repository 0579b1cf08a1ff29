//! The session backend of driver files: a device's command line, driven as a conversation
//! of steps (send a line, expect an answer, capture outlets from it, wait), after
//! powerman's device scripts (protocols/drivers-2.md section 2), written in TOML. The
//! conversation runs over telnet (every option refused, negotiation kept out of what the
//! steps see: `telnet.rs`), a raw TCP connection, a local command's stdin and stdout
//! (`ipmitool`, `virsh`, `sh -c ...`), the system's `ssh` client, or a serial port.
//!
//! ```toml
//! [driver]
//! id = "wti-nps"
//! transport = "session"
//! index_base = 1
//!
//! [session]
//! connect = "telnet"        # telnet | tcp | command | ssh | serial
//! port = 23                 # telnet's default; tcp needs one (here or the profile's)
//! # command = ["sh", "-c", "exec ipmitool -H {host} -U {user} shell"]  (connect = "command")
//! timeout = 30              # seconds each expect step may wait (the profile's timeout wins)
//! login = [
//!   { expect = "word: " },
//!   { send = "{password}\r\n" },
//!   { expect = "NPS> ", refused = "word: " },   # the prompt again: the password was wrong
//! ]
//! logout = [{ send = "/x\r\n" }]
//! # one_exchange = true    # a device that closes after every answer (an iBoot): connect and
//! #                        # log in again for each exchange
//!
//! [outlets]
//! list = { steps = [
//!   { send = "/s\r\n" },
//!   # every row of what this expect read (up to and with its match) is an outlet:
//!   { expect = "NPS> ", outlets = '(?m)^\s*(\d+)\s*\|\s*([^|\r\n]*?)\s*\|[^\r\n]*?\|\s*(ON|OFF)\s*\|',
//!     fields = { id = 1, name = 2, state = 3 } },
//! ] }
//! id.read = { pointer = "/id" }               # {id} in the writes
//! name.read = { pointer = "/name" }
//! state.read = { pointer = "/state", map = { ON = true, OFF = false } }
//! state.write = { steps = [{ send = "/{v:on|off} {id},y\r\n" }, { expect = "NPS> " }] }
//! cycle.native = { steps = [{ send = "/boot {id},y\r\n" }, { expect = "NPS> " }] }
//! ```
//!
//! A step is one of:
//! - `send = "TEXT"`: a template (`{n}`, `{i}`, `{id}`, `{value}`, `{v:A|B}` in writes;
//!   `{user}` and `{password}` anywhere), written as it is filled (TOML's `\r`, `\n`,
//!   `\u001b` give control characters). `{password}` is filled in only as the bytes go out:
//!   `-v` traces and messages show `********`, and any echo of it the device sends back is
//!   masked the same way.
//! - `expect = "REGEX"`: waits until what the device sent and no step has read yet matches
//!   (Rust `regex`, unanchored, leftmost-first: list longer alternatives first); what it
//!   read, up to the end of the match, is consumed. With `refused = "REGEX"`, a match of that
//!   first means the device said no: in `login` a refused login (exit 3; the password is
//!   not sent again), elsewhere a refusal (exit 1). With `outlets = "REGEX"` (in
//!   `outlets.list`), every match of that in what the expect read is an outlet, in order, and
//!   `fields` names its members by capture group (`{ state = 3 }`: `/state` is group 3, as
//!   text); the file's reads (`state.read`, `name.read`, `id.read`) read those members.
//! - `delay = SECONDS`: waits (at most 60).
//!
//! A send may hold bytes that are not text: `{byte:EXPR}` is one byte, EXPR integers
//! (`0x6E`), `n`, `i` and `v` (1 writing on, else 0) in writes and `list.each`, with `+ - *
//! / % << >> & | ^` as C reads them and parentheses: `{byte:0x6E + i - 10 * v}`, a frame's
//! XOR `{byte:(7 - v) ^ 1 ^ (1 << n)}`. An expect reads bytes too: `(?-u)\xFD` is the byte
//! 0xFD, `(?s-u).` any byte.
//!
//! Besides `fields`, an expect's `outlets` may hold every outlet's state packed in its
//! group 1 (`packed = "hex"`: hex digits, as `text.rs` splits them; `"bytes"`: raw bytes,
//! the last byte's bit 0 the first outlet): one outlet per bit, each item `{ "state": "1" |
//! "0" }`, or only the bits `bits = [4, 5]` names, in that order. Without `bits`, the
//! profile's `outlets = N` (else the list's `count = N`) keeps the first N.
//!
//! A device that answers one outlet per command is read with `list = { each = { steps =
//! [...] }, count = 14 }`: the steps run once per outlet in one session (`{n}`, `{i}`,
//! `{id}` filled), what one run's `outlets` capture being that outlet's item. The outlets
//! are the profile's `outlets` (a count, or the device's ids in order, each `{id}` here and
//! in writes), else the file's `count` (`{id}` is then `{i}`).
//!
//! A toggle-only device reads before it writes: in a write, an expect's `already = "REGEX"`
//! (a template of `{v:A|B}` only) matched by what the expect read means the outlet is as
//! asked, and the write's remaining steps are not sent (`{ send = "P?" }, { expect =
//! '[01]\r', already = '{v:1|0}\r' }, { send = "PT" }`). Such a write says `repeat =
//! false`: a try that failed after its toggle may have toggled, and is not sent again.
//!
//! `connect = "ssh"` runs the system's `ssh` (`-T`, `BatchMode=yes`: a key or the agent
//! logs in, never a password prompt, and a host key that is unknown or changed is refused;
//! no forwardings), as the profile's user, at its host and port (22), with its
//! `ssh_config` and `identity_file`; `command = ["word", ...]` is the remote command, its
//! words filled (`{host}`, `{user}`) and joined by spaces (none: the account's shell or
//! CLI). ssh's own failure (exit 255) is told by what it said: a refused key or host key
//! is exit 3, an unreachable host exit 4. It is killed when the session drops (Ctrl-C
//! included).
//!
//! `connect = "serial"` opens the serial port the profile's `host` names (`/dev/ttyUSB0`)
//! with `serial = "9600,8n1"` (powerman's notation: baud, data bits, parity n/e/o, stop
//! bits; that is the default), no flow control, what it held from before dropped. A port
//! that is missing is exit 4, a path that is not a terminal device exit 2.
//!
//! One session serves a command: the first exchange connects and runs `login`; every read
//! and write after it uses the same conversation (a 16-outlet status is one login, one
//! list); `logout`'s sends are written as pductl is done with the device (so `logout` is
//! sends only). Before each exchange, what the device sent that no step read is dropped, so
//! an answer to an earlier exchange cannot pass for this one's. A step that fails ends the
//! session (the next exchange logs in again, where `retry` allows one).
//!
//! The device is not trusted: each expect waits at most the step timeout (exit 4 naming the
//! step), holds at most `MAX_UNREAD_BYTES` of unread answer (a device that talks forever
//! without the expected text is exit 5, never memory growth), so no regex runs on more
//! than that; at most `MAX_OUTLETS` outlets are listed. A local command's stderr is
//! discarded (`sh -c '... 2>&1'` shows it to the steps); ssh's is kept (its first 64 KiB)
//! for its messages, escaped.

use super::engine::{Backend, DriverEngine, Wants};
use super::telnet::{self, Telnet};
use super::{
    check_pointer, check_state_maps, fill, pieces, place, unknown_variables, Driver, Piece,
};
use super::{DriverFile, Filling, Outlets, Read, Request, Variant};
use crate::error::{Error, Result};
use crate::output::{escape_line, human_duration};
use crate::retry::{Repeat, Retrier};
use crate::transport::ssh_stderr::{self, SshFailure, SshSaid};
use crate::transport::{DeviceConfig, OutletsSetting, Secret, MAX_OUTLETS};
use async_trait::async_trait;
use futures_util::FutureExt;
use regex::bytes::{Regex, RegexBuilder};
use serde::Deserialize;
use serde_json::{Map, Value};
use std::collections::{BTreeMap, HashMap};
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::time::Instant;

/// Most bytes of the device's answer an expect step holds unread; no regex runs on more.
pub const MAX_UNREAD_BYTES: usize = 1024 * 1024;

/// Bytes asked of the wire per read.
const READ_CHUNK: usize = 16 * 1024;

/// Longest `delay` step, in seconds: a pause in a conversation, not a schedule.
const MAX_DELAY_SECONDS: f64 = 60.0;

/// Telnet's port.
const TELNET_PORT: u16 = 23;

/// SSH's port.
const SSH_PORT: u16 = 22;

/// The ssh client run, found on `PATH`.
const SSH: &str = "ssh";

/// ssh exits with this on its own failures (ssh(1), EXIT STATUS).
const SSH_FAILED: i32 = 255;

/// Most bytes of ssh's stderr kept for messages (the rest is read and dropped).
const MAX_STDERR_BYTES: usize = 64 * 1024;

/// How a password shows in traces and messages.
const MASK: &str = "********";

/// Longest piece of the device's words quoted in a message.
const MAX_QUOTED_CHARS: usize = 80;

/// Most compiled size of one regex of a file (the `regex` crate's own limit is 10 MiB).
const MAX_REGEX_SIZE: usize = 1024 * 1024;

/// A driver file's `[session]`: how the conversation is reached, and how it begins and ends.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SessionSection {
    /// "telnet", "tcp", "command", "ssh" or "serial".
    pub connect: String,
    /// The device's port: telnet's 23 by default; a raw TCP device needs one (or the
    /// profile's, which wins).
    pub port: Option<u16>,
    /// `connect = "command"`: the program and its arguments (no shell), `{host}` and
    /// `{user}` filled from the profile. `connect = "ssh"`: the remote command, its words
    /// joined by spaces (none: the account's own shell or CLI).
    pub command: Option<Vec<String>>,
    /// `connect = "serial"`: the line settings, powerman's notation (`"9600,8n1"`: baud,
    /// data bits, parity n/e/o, stop bits); the port is the profile's `host`.
    pub serial: Option<String>,
    /// Seconds each expect step waits, where the profile gives no timeout.
    pub timeout: Option<f64>,
    #[serde(default)]
    pub login: Vec<Step>,
    /// Sends only: written as pductl is done with the device.
    #[serde(default)]
    pub logout: Vec<Step>,
    /// The device answers one request per connection and then closes it (Dataprobe's
    /// iBoot): each exchange connects and logs in anew, rather than finding out from a
    /// write to a connection the device is closing.
    #[serde(default)]
    pub one_exchange: bool,
}

/// One step of a conversation: exactly one of `send`, `expect`, `delay`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    pub send: Option<String>,
    pub expect: Option<String>,
    /// With `expect`: what the device says when it will not (a login prompt again).
    pub refused: Option<String>,
    /// With `expect`, in `outlets.list`: one match per outlet in what the expect read.
    pub outlets: Option<String>,
    /// With `outlets`: each item member and the capture group it is read from.
    #[serde(default)]
    pub fields: BTreeMap<String, usize>,
    /// With `outlets`: group 1 of its first match holds every outlet's state as bits, bit 0
    /// the first outlet: `"hex"` (hex digits, as `text.rs` splits them) or `"bytes"` (raw
    /// bytes, the last byte's bit 0 first). Each outlet's item is `{ "state": "1" | "0" }`.
    pub packed: Option<String>,
    /// With `packed`: the bits that are outlets, in outlet order (`[4, 5]`); by default
    /// every bit, as many as the list's count keeps.
    pub bits: Option<Vec<u32>>,
    /// With `expect`, in a write: a regex template (`{v:1|0}`); when what the expect read
    /// matches it, the outlet is already as asked and the write's remaining steps are not
    /// sent (a toggle-only device: read, then toggle only if needed).
    pub already: Option<String>,
    pub delay: Option<f64>,
}

// ---------------------------------------------------------------------------------------
// Checking a file

/// A place in the file, as keys and array indices from its top.
#[derive(Debug, Clone)]
enum Key {
    Name(&'static str),
    Index(usize),
}

/// The byte offset of the value at `path` in `text`, as toml_edit parsed it.
fn offset_of(text: &str, path: &[Key]) -> Option<usize> {
    enum Node<'a> {
        Table(&'a toml_edit::Table),
        Item(&'a toml_edit::Item),
        Value(&'a toml_edit::Value),
    }
    let doc = toml_edit::ImDocument::parse(text).ok()?;
    let mut node = Node::Table(doc.as_table());
    let mut last = None;
    for key in path {
        node = match (node, key) {
            (Node::Table(t), Key::Name(k)) => Node::Item(t.get(k)?),
            (Node::Item(item), Key::Name(k)) => Node::Item(item.as_table_like()?.get(k)?),
            (Node::Value(toml_edit::Value::InlineTable(t)), Key::Name(k)) => Node::Value(t.get(k)?),
            (Node::Item(item), Key::Index(i)) => match item {
                toml_edit::Item::ArrayOfTables(a) => Node::Table(a.get(*i)?),
                toml_edit::Item::Value(toml_edit::Value::Array(a)) => Node::Value(a.get(*i)?),
                _ => return last,
            },
            (Node::Value(toml_edit::Value::Array(a)), Key::Index(i)) => Node::Value(a.get(*i)?),
            _ => return last,
        };
        let span = match &node {
            Node::Table(t) => t.span(),
            Node::Item(item) => item.span(),
            Node::Value(v) => v.span(),
        };
        last = span.map(|s| s.start).or(last);
    }
    last
}

/// Where a conversation's steps are, for checking them and for messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Login,
    Logout,
    List,
    /// `outlets.list.each`: run once per outlet.
    Each,
    Write,
}

/// What checking a session file needs: where it came from, to name places in it.
struct Checker<'a> {
    source: &'a str,
    text: &'a str,
}

impl Checker<'_> {
    fn bad(&self, path: &[Key], why: String) -> Error {
        let at = offset_of(self.text, path).map_or_else(
            || self.source.to_string(),
            |o| place(self.source, self.text, o),
        );
        Error::usage(format!("{at}: {why}"))
    }

    /// One list of steps, `path` being where the list is.
    fn steps(&self, steps: &[Step], part: Part, has_id: bool, path: &[Key]) -> Result<()> {
        for (k, step) in steps.iter().enumerate() {
            let at = |field: &'static str| {
                let mut p = path.to_vec();
                p.push(Key::Index(k));
                if !field.is_empty() {
                    p.push(Key::Name(field));
                }
                p
            };
            let kinds = [
                step.send.is_some(),
                step.expect.is_some(),
                step.delay.is_some(),
            ];
            if kinds.iter().filter(|&&k| k).count() != 1 {
                return Err(self.bad(
                    &at(""),
                    "a step is exactly one of send = \"TEXT\", expect = \"REGEX\", delay = \
                     SECONDS"
                        .into(),
                ));
            }
            if step.expect.is_none()
                && (step.refused.is_some()
                    || step.outlets.is_some()
                    || !step.fields.is_empty()
                    || step.packed.is_some()
                    || step.bits.is_some()
                    || step.already.is_some())
            {
                return Err(self.bad(
                    &at(""),
                    "refused, outlets, fields, packed, bits and already go with an expect step"
                        .into(),
                ));
            }
            if part == Part::Logout && step.send.is_none() {
                return Err(self.bad(
                    &at(""),
                    "logout is sent as pductl leaves the device: its steps are sends only".into(),
                ));
            }
            if let Some(template) = &step.send {
                // Every variable the template names, as `{name}` (an unclosed `{...` too).
                let mut named: Vec<String> = Vec::new();
                for piece in pieces(template) {
                    match piece {
                        Piece::Variable(v) => named.push(format!("{{{v}}}")),
                        Piece::Unclosed(text) => named.push(text.to_string()),
                        Piece::Text(_) => {}
                    }
                }
                let write = part == Part::Write;
                let per_outlet = write || part == Part::Each;
                let allowed = |v: &str| match v {
                    "{user}" | "{password}" => true,
                    "{id}" => per_outlet && has_id,
                    "{n}" | "{i}" => per_outlet,
                    "{value}" => write,
                    other if other.starts_with("{byte:") => true,
                    other => write && !unknown_variables(other).iter().any(|u| u == other),
                };
                if let Some(unknown) = named.iter().find(|v| !allowed(v)) {
                    let known = match part {
                        Part::Write if has_id => {
                            "{n}, {i}, {id}, {value}, {v:A|B}, {byte:EXPR}, {user}, {password}"
                        }
                        Part::Write => {
                            "{n}, {i}, {value}, {v:A|B}, {byte:EXPR}, {user}, {password}"
                        }
                        Part::Each if has_id => "{n}, {i}, {id}, {byte:EXPR}, {user}, {password}",
                        Part::Each => "{n}, {i}, {byte:EXPR}, {user}, {password}",
                        _ => {
                            "{byte:EXPR}, {user}, {password} (outlets are named in writes and \
                             list.each only)"
                        }
                    };
                    return Err(self.bad(
                        &at("send"),
                        format!("send \"{template}\" names {unknown}, not one of {known}"),
                    ));
                }
                for v in &named {
                    let Some(expr) = v.strip_prefix("{byte:").and_then(|e| e.strip_suffix('}'))
                    else {
                        continue;
                    };
                    if let Err(why) = byte_value(expr, per_outlet.then_some((0, 0, 0))) {
                        return Err(self.bad(
                            &at("send"),
                            format!("send \"{template}\": {{byte:{expr}}} {why}"),
                        ));
                    }
                }
            }
            if let Some(seconds) = step.delay {
                if !(seconds > 0.0 && seconds <= MAX_DELAY_SECONDS) {
                    return Err(self.bad(
                        &at("delay"),
                        format!("delay is from 0 to {MAX_DELAY_SECONDS} seconds, not {seconds}"),
                    ));
                }
            }
            for (field, pattern) in [
                ("expect", &step.expect),
                ("refused", &step.refused),
                ("outlets", &step.outlets),
            ] {
                if let Some(pattern) = pattern {
                    compile(pattern).map_err(|why| self.bad(&at(field), why))?;
                }
            }
            if let Some(template) = &step.already {
                if part != Part::Write {
                    return Err(self.bad(
                        &at("already"),
                        "already goes in a write's steps (state.write)".into(),
                    ));
                }
                let named_other = pieces(template).into_iter().find_map(|piece| match piece {
                    Piece::Variable(v) if v.starts_with("v:") && v.contains('|') => None,
                    Piece::Variable(v) => Some(format!("{{{v}}}")),
                    Piece::Unclosed(text) => Some(text.to_string()),
                    Piece::Text(_) => None,
                });
                if let Some(unknown) = named_other {
                    return Err(self.bad(
                        &at("already"),
                        format!(
                            "already \"{template}\" names {unknown}; it may name {{v:A|B}} only"
                        ),
                    ));
                }
                for on in [true, false] {
                    let filled = fill_already(template, on);
                    compile(&filled).map_err(|why| self.bad(&at("already"), why))?;
                }
            }
            if let Some(packing) = &step.packed {
                if step.outlets.is_none() || part != Part::List {
                    return Err(self.bad(
                        &at("packed"),
                        "packed goes with outlets, in outlets.list's steps".into(),
                    ));
                }
                if !matches!(packing.as_str(), "hex" | "bytes") {
                    return Err(self.bad(
                        &at("packed"),
                        format!("packed is \"hex\" or \"bytes\", not \"{packing}\""),
                    ));
                }
                if !step.fields.is_empty() {
                    return Err(self.bad(
                        &at("fields"),
                        "a packed value's outlets have one member, state: no fields".into(),
                    ));
                }
                let groups = step
                    .outlets
                    .as_deref()
                    .and_then(|r| compile(r).ok())
                    .map_or(0, |r| r.captures_len());
                if groups < 2 {
                    return Err(self.bad(
                        &at("outlets"),
                        "a packed value is the outlets regex's group 1: it has no group".into(),
                    ));
                }
            }
            if let Some(bits) = &step.bits {
                if step.packed.is_none() {
                    return Err(self.bad(&at("bits"), "bits go with packed".into()));
                }
                if bits.is_empty() || bits.len() > MAX_OUTLETS || bits.iter().any(|&b| b >= 4096) {
                    return Err(self.bad(
                        &at("bits"),
                        "bits lists the outlets' bit numbers (0 to 4095), at least one".into(),
                    ));
                }
            }
            match (&step.outlets, part) {
                (Some(_), Part::List) if step.packed.is_some() => {}
                (Some(_), Part::List | Part::Each) if !step.fields.is_empty() => {}
                (Some(_), Part::List | Part::Each) => {
                    return Err(self.bad(
                        &at("outlets"),
                        "outlets needs fields: which capture group each member is read from \
                         (fields = { state = 2 })"
                            .into(),
                    ))
                }
                (Some(_), _) => {
                    return Err(self.bad(
                        &at("outlets"),
                        "outlets are captured in outlets.list's steps (or list.each's)".into(),
                    ))
                }
                (None, _) if !step.fields.is_empty() => {
                    return Err(self.bad(&at("fields"), "fields go with outlets".into()))
                }
                (None, _) => {}
            }
            if let Some(rows) = &step.outlets {
                let groups = compile(rows).map(|r| r.captures_len()).unwrap_or(0);
                if let Some((member, group)) = step.fields.iter().find(|(_, &g)| g >= groups) {
                    return Err(self.bad(
                        &at("fields"),
                        format!(
                            "fields reads {member} from group {group}; the outlets regex has \
                             groups 0-{}",
                            groups.saturating_sub(1)
                        ),
                    ));
                }
            }
        }
        Ok(())
    }
}

/// A regex of a driver file, compiled as the session runs it (on bytes, bounded in size).
/// The HTTP text reader (`text.rs`) compiles its regexes the same way.
pub(super) fn compile(pattern: &str) -> std::result::Result<Regex, String> {
    RegexBuilder::new(pattern)
        .size_limit(MAX_REGEX_SIZE)
        .build()
        .map_err(|e| {
            let first = e.to_string();
            let why = first.lines().last().unwrap_or("invalid").trim().to_string();
            format!("\"{pattern}\" is not a regex ({why})")
        })
}

/// An `already` template filled for a write of `on`.
fn fill_already(template: &str, on: bool) -> String {
    fill(template, 0, 0, Some(&Value::Bool(on)), Filling::Text, &[])
}

/// The value of `{byte:EXPR}` in a send: integers (`7`, `0x6E`), `n`, `i` and `v` (1
/// writing on, else 0) where outlets are named (`vars`), `+ - * / % << >> & | ^` with C's
/// precedence, parentheses.
/// `checking`: the syntax alone is checked (what `n` and `i` will be is not known yet).
fn byte_expr(
    expr: &str,
    vars: Option<(i64, i64, i64)>,
    checking: bool,
) -> std::result::Result<i64, String> {
    struct Parser<'a> {
        tokens: Vec<&'a str>,
        at: usize,
        vars: Option<(i64, i64, i64)>,
        checking: bool,
    }
    const LEVELS: [&[&str]; 6] = [
        &["|"],
        &["^"],
        &["&"],
        &["<<", ">>"],
        &["+", "-"],
        &["*", "/", "%"],
    ];
    impl<'a> Parser<'a> {
        fn peek(&self) -> Option<&'a str> {
            self.tokens.get(self.at).copied()
        }
        fn binary(&mut self, level: usize) -> std::result::Result<i64, String> {
            if level == LEVELS.len() {
                return self.unary();
            }
            let mut left = self.binary(level + 1)?;
            while let Some(op) = self.peek().filter(|t| LEVELS[level].contains(t)) {
                self.at += 1;
                let right = self.binary(level + 1)?;
                let zero = right == 0 && matches!(op, "/" | "%");
                let shift = matches!(op, "<<" | ">>") && !(0..63).contains(&right);
                if (zero || shift) && self.checking {
                    left = 0;
                    continue;
                }
                let value = match op {
                    "|" => Some(left | right),
                    "^" => Some(left ^ right),
                    "&" => Some(left & right),
                    "<<" if !shift => left.checked_shl(right as u32),
                    ">>" if !shift => left.checked_shr(right as u32),
                    "+" => left.checked_add(right),
                    "-" => left.checked_sub(right),
                    "*" => left.checked_mul(right),
                    "/" => left.checked_div(right),
                    "%" => left.checked_rem(right),
                    _ => None,
                };
                left =
                    value.ok_or_else(|| format!("cannot be worked out ({left} {op} {right})"))?;
            }
            Ok(left)
        }
        fn unary(&mut self) -> std::result::Result<i64, String> {
            let token = self.peek().ok_or("ends too soon")?;
            self.at += 1;
            match token {
                "-" => Ok(-self.unary()?),
                "(" => {
                    let value = self.binary(0)?;
                    if self.peek() != Some(")") {
                        return Err("has a ( without its )".into());
                    }
                    self.at += 1;
                    Ok(value)
                }
                "n" | "i" | "v" => match self.vars {
                    Some((n, i, v)) => Ok(match token {
                        "n" => n,
                        "i" => i,
                        _ => v,
                    }),
                    None => Err(format!(
                        "names {token}, and outlets are named in writes and list.each only"
                    )),
                },
                number => {
                    let parsed = match number.strip_prefix("0x").or(number.strip_prefix("0X")) {
                        Some(hex) => i64::from_str_radix(hex, 16),
                        None => number.parse(),
                    };
                    parsed
                        .map_err(|_| format!("has \"{number}\", not a number, n, i or an operator"))
                }
            }
        }
    }
    let mut tokens = Vec::new();
    let mut rest = expr.trim_start();
    while !rest.is_empty() {
        let len = if rest.starts_with("<<") || rest.starts_with(">>") {
            2
        } else if rest.starts_with(|c: char| c.is_ascii_alphanumeric()) {
            rest.find(|c: char| !c.is_ascii_alphanumeric())
                .unwrap_or(rest.len())
        } else {
            rest.chars().next().map_or(1, char::len_utf8)
        };
        tokens.push(&rest[..len]);
        rest = rest[len..].trim_start();
    }
    let mut parser = Parser {
        tokens,
        at: 0,
        vars,
        checking,
    };
    let value = parser.binary(0)?;
    match parser.peek() {
        None => Ok(value),
        Some(extra) => Err(format!("has \"{extra}\" where an operator or the end goes")),
    }
}

/// `{byte:EXPR}`'s syntax, as a file is checked (`vars`: whether `n` and `i` may be named).
fn byte_value(expr: &str, vars: Option<(i64, i64, i64)>) -> std::result::Result<i64, String> {
    byte_expr(expr, vars, true)
}

/// A serial line's settings (`[session] serial`, powerman's `"9600,8n1"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SerialLine {
    pub baud: u32,
    pub data_bits: u8,
    /// `n`, `e` or `o`.
    pub parity: char,
    pub stop_bits: u8,
}

/// The settings a serial connect uses where the file gives none.
const DEFAULT_SERIAL: &str = "9600,8n1";

impl SerialLine {
    pub fn parse(text: &str) -> std::result::Result<SerialLine, String> {
        let bad = || {
            format!(
                "serial \"{text}\" is not BAUD,DPS (data bits 5-8, parity n/e/o, stop bits 1-2: \
                 \"9600,8n1\")"
            )
        };
        let (baud, frame) = text.trim().split_once(',').ok_or_else(bad)?;
        let baud: u32 = baud.trim().parse().map_err(|_| bad())?;
        let frame: Vec<char> = frame.trim().to_ascii_lowercase().chars().collect();
        let [data, parity, stop] = frame[..] else {
            return Err(bad());
        };
        let data_bits = data
            .to_digit(10)
            .filter(|d| (5..=8).contains(d))
            .ok_or_else(bad)? as u8;
        let stop_bits = stop
            .to_digit(10)
            .filter(|d| (1..=2).contains(d))
            .ok_or_else(bad)? as u8;
        if !matches!(parity, 'n' | 'e' | 'o') || !(50..=4_000_000).contains(&baud) {
            return Err(bad());
        }
        Ok(SerialLine {
            baud,
            data_bits,
            parity,
            stop_bits,
        })
    }
}

/// Checks that `[session]` goes with `transport = "session"` and nothing else does, and
/// the section itself: how it connects, its timeout, login and logout.
pub(super) fn check_section(file: &DriverFile, source: &str, text: &str) -> Result<()> {
    let check = Checker { source, text };
    let session_transport = file.driver.transport == "session";
    let section = match (&file.session, session_transport) {
        (Some(s), true) => s,
        (None, false) => return Ok(()),
        (None, true) => {
            return Err(check.bad(
                &[Key::Name("driver"), Key::Name("transport")],
                "transport = \"session\" needs a [session] section (connect = \"telnet\", \
                 login = [...])"
                    .into(),
            ))
        }
        (Some(_), false) => {
            return Err(check.bad(
                &[Key::Name("session")],
                "a [session] section is for transport = \"session\"".into(),
            ))
        }
    };
    for (name, present) in [
        ("http", file.http.is_some()),
        ("modbus", file.modbus.is_some()),
    ] {
        if present {
            return Err(check.bad(
                &[Key::Name(if name == "http" { "http" } else { "modbus" })],
                format!("an [{name}] section is for transport = \"{name}\""),
            ));
        }
    }
    let at = |key: &'static str| [Key::Name("session"), Key::Name(key)];
    match (section.connect.as_str(), &section.command) {
        ("telnet" | "tcp" | "serial" | "ssh", None) => {}
        ("command" | "ssh", Some(argv)) if !argv.is_empty() && !argv[0].is_empty() => {
            if section.port.is_some() && section.connect == "command" {
                return Err(check.bad(&at("port"), "a command has no port".into()));
            }
            for arg in argv {
                if let Some(unknown) = unknown_variables(arg)
                    .into_iter()
                    .find(|v| !matches!(v.as_str(), "{host}" | "{user}"))
                {
                    let why = if unknown == "{password}" {
                        "a command line is visible to every user of the machine (ps): send \
                         {password} in a step instead"
                            .to_string()
                    } else {
                        "a command names {host} and {user} only".to_string()
                    };
                    return Err(check.bad(
                        &at("command"),
                        format!("command argument \"{arg}\" names {unknown}: {why}"),
                    ));
                }
            }
        }
        ("command" | "ssh", _) => {
            return Err(check.bad(
                &at("connect"),
                "command is [\"program\", \"argument\", ...], its first word not empty".into(),
            ))
        }
        ("telnet" | "tcp" | "serial", Some(_)) => {
            return Err(check.bad(
                &at("command"),
                "command goes with connect = \"command\" or \"ssh\"".into(),
            ))
        }
        (other, _) => {
            return Err(check.bad(
                &at("connect"),
                format!(
                    "connect \"{other}\" is not one sessions have (telnet, tcp, command, ssh, \
                     serial)"
                ),
            ))
        }
    }
    match (&section.serial, section.connect == "serial") {
        (Some(line), true) => {
            SerialLine::parse(line).map_err(|why| check.bad(&at("serial"), why))?;
        }
        (Some(_), false) => {
            return Err(check.bad(
                &at("serial"),
                "serial goes with connect = \"serial\"".into(),
            ))
        }
        (None, _) => {}
    }
    if section.connect == "serial" && section.port.is_some() {
        return Err(check.bad(
            &at("port"),
            "a serial port has no port number: the profile's host names it (/dev/ttyUSB0)".into(),
        ));
    }
    if let Some(seconds) = section.timeout {
        if !(seconds > 0.0 && seconds < 1e6) {
            return Err(check.bad(
                &at("timeout"),
                format!("timeout is a number of seconds above 0, not {seconds}"),
            ));
        }
    }
    check.steps(&section.login, Part::Login, false, &at("login"))?;
    check.steps(&section.logout, Part::Logout, false, &at("logout"))?;
    Ok(())
}

/// The first place in a variant of a non-session file that has steps, for its message.
pub(super) fn steps_outside_session(v: &Variant) -> Option<&'static str> {
    let o = &v.outlets;
    let write_steps = [
        o.state.write.as_ref(),
        o.name.as_ref().and_then(|n| n.write.as_ref()),
        o.cycle.as_ref().and_then(|c| c.native.as_ref()),
    ];
    if o.list.steps.is_some() || write_steps.iter().flatten().any(|r| r.steps.is_some()) {
        Some("steps")
    } else {
        None
    }
}

/// Checks one variant (`k`) of a session file: a list of steps capturing outlets, reads by
/// pointer into the captured members, a state map, writes of steps only.
pub(super) fn check_variant(
    v: &Variant,
    k: usize,
    file: &DriverFile,
    source: &str,
    text: &str,
) -> Result<()> {
    let check = Checker { source, text };
    let mut base: Vec<Key> = Vec::new();
    if file.outlets.is_none() {
        base.extend([Key::Name("variant"), Key::Index(k)]);
    }
    base.push(Key::Name("outlets"));
    let path = |keys: &[&'static str]| {
        let mut p = base.clone();
        p.extend(keys.iter().map(|k| Key::Name(k)));
        p
    };
    let o: &Outlets = &v.outlets;
    let list = &o.list;
    let other_list = list.gives_any(&[
        "get", "items", "keys", "walk", "publish", "answer", "payload", "text", "xml", "filter",
    ]);
    let each_steps = list.each.as_ref().and_then(|r| r.steps.as_ref());
    let (steps, part, at) = match (&list.steps, each_steps) {
        (Some(steps), None) if !other_list && list.each.is_none() => {
            (steps, Part::List, path(&["list", "steps"]))
        }
        (None, Some(steps)) if !other_list => (steps, Part::Each, path(&["list", "each", "steps"])),
        _ => {
            return Err(check.bad(
                &path(&["list"]),
                "a session list is steps (list = { steps = [{ send = ... }, { expect = ..., \
                 outlets = ..., fields = {...} }] }), or steps run once per outlet (list = { \
                 each = { steps = [...] }, count = 8 })"
                    .into(),
            ));
        }
    };
    check.steps(steps, part, part == Part::Each, &at)?;
    if !steps.iter().any(|s| s.outlets.is_some()) {
        return Err(check.bad(
            &at,
            "no step of the list captures outlets (an expect with outlets = \"REGEX\" and fields)"
                .into(),
        ));
    }
    let packed = steps.iter().any(|s| s.packed.is_some());
    if let Some(count) = list.count {
        if part != Part::Each && !packed {
            return Err(check.bad(
                &path(&["list", "count"]),
                "count goes with list.each or a packed value: how many outlets the device has"
                    .into(),
            ));
        }
        if !(1..=MAX_OUTLETS).contains(&count) {
            return Err(check.bad(
                &path(&["list", "count"]),
                format!("count is 1 to {MAX_OUTLETS}, not {count}"),
            ));
        }
    }
    if let Some(each) = &list.each {
        if each.target().is_some() || each.body.is_some() || each.steps.is_none() {
            return Err(check.bad(
                &path(&["list", "each"]),
                "a session's list.each is steps alone: each = { steps = [...] }".into(),
            ));
        }
    }
    if !v.meter.is_empty() {
        return Err(check.bad(
            &[Key::Name("meter")],
            "session drivers read no meters yet".into(),
        ));
    }
    let bad = |needle: &str, why: String| {
        let at = text
            .find(needle)
            .map_or_else(|| source.to_string(), |o| place(source, text, o));
        Error::usage(format!("{at}: {why}"))
    };
    check_state_maps(o, &bad)?;
    if o.state.read.map.is_empty() {
        return Err(check.bad(
            &path(&["state", "read"]),
            "a session reads states as text: state.read needs a map (map = { ON = true, OFF = \
             false })"
                .into(),
        ));
    }
    let mut reads: Vec<(&[&'static str], &Read)> = vec![(&["state", "read"], &o.state.read)];
    reads.extend(
        o.state
            .pending
            .iter()
            .map(|r| (&["state", "pending"][..], r)),
    );
    if let Some(name) = &o.name {
        if name.list.is_some() {
            return Err(check.bad(
                &path(&["name", "list"]),
                "a session reads names from the outlets' list (fields = { name = N })".into(),
            ));
        }
        reads.push((&["name", "read"], &name.read));
        reads.extend(name.fallback.iter().map(|r| (&["name", "fallback"][..], r)));
    }
    reads.extend(o.id.iter().map(|id| (&["id", "read"][..], &id.read)));
    for (keys, read) in reads {
        let other = read.oid.is_some() || read.modbus().is_some() || read.digits.is_some();
        if other || read.pointer.is_empty() {
            return Err(check.bad(
                &path(keys),
                "a session read is a pointer to a member the list's fields capture (pointer = \
                 \"/state\")"
                    .into(),
            ));
        }
        check_pointer(&read.pointer).map_err(|why| check.bad(&path(keys), why))?;
    }
    let mut writes: Vec<(&[&'static str], &Request)> = Vec::new();
    writes.extend(o.state.write.iter().map(|r| (&["state", "write"][..], r)));
    if let Some(w) = o.name.as_ref().and_then(|n| n.write.as_ref()) {
        writes.push((&["name", "write"], w));
    }
    if let Some(native) =
        super::native_cycle(o).map_err(|why| check.bad(&path(&["cycle", "native"]), why))?
    {
        writes.push((&["cycle", "native"], native));
    }
    for (keys, r) in writes {
        let other = r.gives_other_than(&["steps"]);
        match &r.steps {
            Some(steps) if !other && !steps.is_empty() => {
                let mut at = path(keys);
                at.push(Key::Name("steps"));
                let has_id = o.id.is_some() || list.each.is_some();
                check.steps(steps, Part::Write, has_id, &at)?;
            }
            _ => {
                return Err(check.bad(
                    &path(keys),
                    "a session write is steps alone: { steps = [{ send = ... }, { expect = ... \
                     }] }"
                        .into(),
                ))
            }
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------
// Running a session

/// How the conversation is reached.
#[derive(Debug, Clone)]
pub(super) enum Connect {
    Telnet {
        host: String,
        port: u16,
    },
    Tcp {
        host: String,
        port: u16,
    },
    Command {
        argv: Vec<String>,
    },
    /// The system's `ssh`, run with `args` (its options, `--`, the host, a remote command).
    Ssh {
        args: Vec<String>,
    },
    /// A serial port (its path) at `line`'s settings.
    Serial {
        path: String,
        line: SerialLine,
    },
}

/// A driver file whose transport is a session, ready to serve. Nothing is connected until
/// the first exchange.
pub fn driver_session(
    device: &DeviceConfig,
    driver: &Driver,
) -> Result<DriverEngine<SessionBackend>> {
    let file = &driver.file;
    let name = format!("driver {}", file.driver.id);
    let Some(section) = file.session.clone() else {
        return Err(Error::usage(format!("{name} has no [session] section")));
    };
    let user = device.user.clone().unwrap_or_default();
    let address = |port: u16| {
        if device.host.contains(':') {
            format!("[{}]:{port}", device.host)
        } else {
            format!("{}:{port}", device.host)
        }
    };
    let (connect, label) = match section.connect.as_str() {
        "command" => {
            let argv: Vec<String> = section
                .command
                .iter()
                .flatten()
                .map(|arg| {
                    let named = [("host", device.host.clone()), ("user", user.clone())];
                    fill(arg, 0, 0, None, Filling::Text, &named)
                })
                .collect();
            let label = device.label(&format!("command {}", argv[0]));
            (Connect::Command { argv }, label)
        }
        "ssh" => {
            let port = device.port.or(section.port).unwrap_or(SSH_PORT);
            let label = device.label(&address(port));
            let remote: Vec<String> = section
                .command
                .iter()
                .flatten()
                .map(|arg| {
                    let named = [("host", device.host.clone()), ("user", user.clone())];
                    fill(arg, 0, 0, None, Filling::Text, &named)
                })
                .collect();
            (
                Connect::Ssh {
                    args: ssh_args(device, port, &user, &remote),
                },
                label,
            )
        }
        "serial" => {
            let text = section.serial.as_deref().unwrap_or(DEFAULT_SERIAL);
            let line =
                SerialLine::parse(text).map_err(|why| Error::usage(format!("{name}: {why}")))?;
            let label = device.label(&device.host);
            (
                Connect::Serial {
                    path: device.host.clone(),
                    line,
                },
                label,
            )
        }
        kind => {
            let port = device.port.or(section.port);
            let port = match (kind, port) {
                (_, Some(port)) => port,
                ("telnet", None) => TELNET_PORT,
                _ => {
                    return Err(Error::usage(format!(
                        "device {}: {name} speaks raw TCP and says no port: set port in its \
                         profile entry",
                        device.name
                    )))
                }
            };
            let host = device.host.clone();
            let label = device.label(&address(port));
            if kind == "telnet" {
                (Connect::Telnet { host, port }, label)
            } else {
                (Connect::Tcp { host, port }, label)
            }
        }
    };
    // The profile's timeout bounds each expect; where it gives none, the file's.
    let step_timeout = match section.timeout {
        Some(seconds) if !device.timeout_given => Duration::from_secs_f64(seconds),
        _ => device.timeout,
    };
    let mut regexes = HashMap::new();
    let variants = file.variants();
    let mut all_steps: Vec<&Step> = section.login.iter().collect();
    for v in &variants {
        all_steps.extend(v.outlets.list.steps.iter().flatten());
        let each = v.outlets.list.each.as_ref();
        all_steps.extend(each.and_then(|r| r.steps.as_ref()).into_iter().flatten());
        let o = &v.outlets;
        for r in [
            o.state.write.as_ref(),
            o.name.as_ref().and_then(|n| n.write.as_ref()),
            o.cycle.as_ref().and_then(|c| c.native.as_ref()),
        ]
        .into_iter()
        .flatten()
        {
            all_steps.extend(r.steps.iter().flatten());
        }
    }
    for step in all_steps {
        for pattern in [&step.expect, &step.refused, &step.outlets]
            .into_iter()
            .flatten()
        {
            let regex = compile(pattern).map_err(|why| Error::usage(format!("{name}: {why}")))?;
            regexes.insert(pattern.clone(), regex);
        }
        for on in step
            .already
            .iter()
            .flat_map(|t| [fill_already(t, true), fill_already(t, false)])
        {
            let regex = compile(&on).map_err(|why| Error::usage(format!("{name}: {why}")))?;
            regexes.insert(on, regex);
        }
    }
    let backend = SessionBackend {
        label,
        name,
        connect,
        section,
        index_base: file.driver.index_base,
        user,
        password: device.password.clone(),
        connect_timeout: device.timeout,
        step_timeout,
        trace: device.trace,
        retrier: device.retrier(),
        regexes,
        conn: tokio::sync::Mutex::new(None),
        profile_outlets: device.outlets.clone(),
    };
    Ok(DriverEngine::new(backend, file.clone()))
}

/// The system ssh's arguments for a conversation: no prompt ever (`BatchMode`: a key or
/// the agent logs in, and a host key that is unknown or changed is a refusal), no
/// forwardings, the profile's port, user, ssh configuration and key, then the host and
/// the remote command, if any (else the account's shell or CLI).
fn ssh_args(device: &DeviceConfig, port: u16, user: &str, remote: &[String]) -> Vec<String> {
    let connect_timeout = device.timeout.as_secs_f64().ceil().max(1.0) as u64;
    let mut args: Vec<String> = [
        "-T",
        "-o",
        "BatchMode=yes",
        "-o",
        "ClearAllForwardings=yes",
        "-o",
    ]
    .iter()
    .map(|a| a.to_string())
    .collect();
    args.push(format!("ConnectTimeout={connect_timeout}"));
    args.extend(["-p".to_string(), port.to_string()]);
    if !user.is_empty() {
        args.extend(["-l".to_string(), user.to_string()]);
    }
    if let Some(config) = &device.ssh.config {
        args.extend(["-F".to_string(), config.display().to_string()]);
    }
    if let Some(identity) = &device.ssh.identity_file {
        args.extend(["-i".to_string(), identity.display().to_string()]);
    }
    args.extend(["--".to_string(), device.host.clone()]);
    if !remote.is_empty() {
        args.push(remote.join(" "));
    }
    args
}

impl SessionBackend {
    /// A backend that only opens conversations (`open`), for a caller that runs steps of
    /// its own over them: powerman's scripts (`powerman.rs`).
    pub(super) fn opener(
        device: &DeviceConfig,
        label: String,
        name: String,
        connect: Connect,
    ) -> SessionBackend {
        SessionBackend {
            label,
            name,
            connect,
            section: SessionSection::default(),
            index_base: 0,
            user: String::new(),
            password: None,
            connect_timeout: device.timeout,
            step_timeout: device.timeout,
            trace: device.trace,
            retrier: device.retrier(),
            regexes: HashMap::new(),
            conn: tokio::sync::Mutex::new(None),
            profile_outlets: None,
        }
    }
}

pub struct SessionBackend {
    /// `lab (10.0.0.5:23)`, for messages.
    label: String,
    /// `driver wti-nps`, for messages.
    name: String,
    connect: Connect,
    section: SessionSection,
    index_base: u64,
    user: String,
    password: Option<Secret>,
    connect_timeout: Duration,
    /// What each expect step may wait.
    step_timeout: Duration,
    trace: bool,
    retrier: Retrier,
    /// Every regex of the file, compiled once.
    regexes: HashMap<String, Regex>,
    /// The run's conversation, once logged in; dropped after any failed step.
    conn: tokio::sync::Mutex<Option<Conn>>,
    /// The profile's `outlets`: which outlets a `list.each` runs for, or how many of a
    /// packed value's bits are outlets.
    profile_outlets: Option<OutletsSetting>,
}

/// The wire under a conversation.
enum Wire {
    Tcp(tokio::net::TcpStream),
    Command {
        /// Killed when dropped (`kill_on_drop`), after `logout` had its chance.
        child: Box<tokio::process::Child>,
        stdin: tokio::process::ChildStdin,
        stdout: tokio::process::ChildStdout,
        /// ssh's stderr as it is read (at most `MAX_STDERR_BYTES`), to tell its own
        /// failures by; `None` for a local command, whose stderr is discarded.
        stderr: Option<SshStderr>,
    },
    Serial(tokio_serial::SerialStream),
}

/// ssh's stderr, read as it comes by a task of its own.
struct SshStderr {
    text: std::sync::Arc<std::sync::Mutex<Vec<u8>>>,
    /// The task reading it; it ends at the pipe's end.
    reader: Option<tokio::task::JoinHandle<()>>,
}

/// ssh's own failure (exit 255), told by its last words: a host key or login refused
/// (exit 3), the device not reached (exit 4), ssh's configuration (exit 2), or the
/// connection lost (exit 5).
fn ssh_error(stderr: &str, label: &str, user: &str, name: &str) -> Error {
    let SshSaid { failure, words } = ssh_stderr::read(stderr);
    let account = if user.is_empty() {
        "the ssh configuration's user".to_string()
    } else {
        format!("'{}'", escape_line(user))
    };
    match failure {
        SshFailure::HostKeyUnknown | SshFailure::HostKeyChanged { .. } => Error::Auth(format!(
            "{label}: ssh refused the device's host key ({words}): pductl never adds or \
             replaces a host key; check the device's key and put it in known_hosts ({name})"
        )),
        SshFailure::LoginRefused => Error::Auth(format!(
            "{label}: the device refused the ssh login as {account} ({words}); the ssh connect \
             logs in with a key (identity_file, the agent or ssh's configuration), never a \
             password ({name})"
        )),
        SshFailure::Config => Error::usage(format!(
            "ssh rejected its configuration for {label}: {words} ({name})"
        )),
        SshFailure::Unreachable => {
            Error::Unreachable(format!("cannot reach {label} over ssh: {words} ({name})"))
        }
        // A command may have reached the device.
        SshFailure::Broken => Error::HungUp(format!(
            "the ssh connection to {label} broke: {words} ({name})"
        )),
        SshFailure::Other => Error::HungUp(format!(
            "the ssh connection to {label} failed: {words} ({name})"
        )),
    }
}

/// One conversation: its wire, telnet's state where it is telnet, and what the device sent
/// that no step has read yet (at most `MAX_UNREAD_BYTES`).
pub(super) struct Conn {
    wire: Wire,
    telnet: Option<Telnet>,
    pub(super) unread: Vec<u8>,
    pub(super) closed: bool,
}

impl Conn {
    /// Writes `bytes` as data (a 0xFF doubled on telnet).
    pub(super) async fn write(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        let bytes = match self.telnet {
            Some(_) => telnet::escaped(bytes),
            None => bytes.to_vec(),
        };
        self.write_raw(&bytes).await
    }

    async fn write_raw(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        match &mut self.wire {
            Wire::Tcp(stream) => stream.write_all(bytes).await,
            Wire::Command { stdin, .. } => {
                stdin.write_all(bytes).await?;
                stdin.flush().await
            }
            Wire::Serial(port) => {
                port.write_all(bytes).await?;
                port.flush().await
            }
        }
    }

    /// One read from the wire into `chunk`: `None` when nothing is there yet and `wait` is
    /// false.
    async fn read_raw(&mut self, chunk: &mut [u8], wait: bool) -> Option<std::io::Result<usize>> {
        let read = async {
            match &mut self.wire {
                Wire::Tcp(stream) => stream.read(chunk).await,
                Wire::Command { stdout, .. } => stdout.read(chunk).await,
                Wire::Serial(port) => port.read(chunk).await,
            }
        };
        if wait {
            Some(read.await)
        } else {
            read.now_or_never()
        }
    }

    /// Reads what the device sends next, waiting for at least one read, then taking what
    /// else is already there, never holding more than `MAX_UNREAD_BYTES` unread (so a
    /// fast talker is matched against in large pieces, not byte by byte). Telnet
    /// negotiation is answered on the way. False when the device closed the connection.
    pub(super) async fn read_more(&mut self) -> std::io::Result<bool> {
        let mut chunk = vec![0u8; READ_CHUNK];
        let mut wait = true;
        loop {
            let room = MAX_UNREAD_BYTES.saturating_sub(self.unread.len());
            if room == 0 {
                return Ok(true);
            }
            let limit = room.min(READ_CHUNK);
            let got = match self.read_raw(&mut chunk[..limit], wait).await {
                None => return Ok(true),
                Some(got) => got?,
            };
            if got == 0 {
                self.closed = true;
                return Ok(!wait);
            }
            self.take_in(&chunk[..got]).await?;
            wait = false;
        }
    }

    /// Bytes off the wire into `unread`: as they are, or through telnet (whose refusals
    /// are sent back at once).
    async fn take_in(&mut self, raw: &[u8]) -> std::io::Result<()> {
        let Some(telnet) = self.telnet.as_mut() else {
            self.unread.extend_from_slice(raw);
            return Ok(());
        };
        let mut reply = Vec::new();
        telnet.receive(raw, &mut self.unread, &mut reply);
        if !reply.is_empty() {
            self.write_raw(&reply).await?;
        }
        Ok(())
    }

    /// Whether the conversation can go on: the device has not closed it while it sat idle.
    /// What it sent meanwhile is read (and then dropped by the caller).
    pub(super) async fn still_open(&mut self) -> bool {
        if self.closed {
            return false;
        }
        let mut chunk = vec![0u8; READ_CHUNK];
        while self.unread.len() < MAX_UNREAD_BYTES {
            match self.read_raw(&mut chunk, false).await {
                None => return true,
                Some(Ok(0)) | Some(Err(_)) => return false,
                Some(Ok(got)) => {
                    if self.take_in(&chunk[..got]).await.is_err() {
                        return false;
                    }
                }
            }
        }
        true
    }

    /// Writes `bytes` without waiting (the run is ending: no runtime may be left to wait
    /// in), then ends the conversation: the socket's write side shut, or the command's stdin
    /// closed and a moment given for it to exit before it is killed.
    pub(super) fn goodbye(self, bytes: &[u8]) {
        use std::io::Write;
        match self.wire {
            Wire::Tcp(stream) => {
                let Ok(mut stream) = stream.into_std() else {
                    return;
                };
                let bytes = match self.telnet {
                    Some(_) => telnet::escaped(bytes),
                    None => bytes.to_vec(),
                };
                let _ = stream.write_all(&bytes);
                let _ = stream.shutdown(std::net::Shutdown::Write);
            }
            Wire::Command {
                mut child, stdin, ..
            } => {
                // The pipe is non-blocking: a logout longer than its buffer is cut short.
                #[cfg(unix)]
                if let Ok(fd) = stdin.into_owned_fd() {
                    let _ = std::fs::File::from(fd).write_all(bytes);
                }
                #[cfg(not(unix))]
                drop(stdin);
                // A coprocess reading its stdin exits at its end (given up to 2 s); one
                // that does not is killed as `child` drops.
                for _ in 0..200 {
                    if !matches!(child.try_wait(), Ok(None)) {
                        return;
                    }
                    std::thread::sleep(Duration::from_millis(10));
                }
            }
            Wire::Serial(port) => {
                // Best effort, without waiting: the port is closed as it drops.
                #[cfg(unix)]
                {
                    use std::os::fd::AsRawFd;
                    let fd = port.as_raw_fd();
                    // SAFETY: `fd` is the open port's, alive until `port` drops below;
                    // `bytes` is a valid buffer of its length.
                    let _ = unsafe { libc::write(fd, bytes.as_ptr().cast(), bytes.len()) };
                }
                drop(port);
            }
        }
    }
}

/// What a conversation step is filled with: the outlet and value of a write.
#[derive(Clone, Copy)]
struct Vars<'a> {
    n: usize,
    id: Option<&'a str>,
    value: Option<&'a Value>,
}

const NO_VARS: Vars<'static> = Vars {
    n: 0,
    id: None,
    value: None,
};

/// Why a step stopped.
enum Failed {
    /// The error, as it is.
    Error(Error),
    /// The device's answer matched the step's `refused` regex, with what it said.
    Refused(String),
    /// The device closed the conversation.
    Closed,
}

impl SessionBackend {
    /// `text` with the password, wherever it is, shown as `********`.
    fn masked(&self, text: &str) -> String {
        match &self.password {
            Some(p) if !p.expose().is_empty() => text.replace(p.expose(), MASK),
            _ => text.to_string(),
        }
    }

    /// The device's words, masked, shortened and quoted for a message.
    fn quoted(&self, bytes: &[u8]) -> String {
        let text = self.masked(&String::from_utf8_lossy(bytes));
        let text = text.trim();
        let short: String = text.chars().take(MAX_QUOTED_CHARS).collect();
        let more = if short.len() < text.len() { "..." } else { "" };
        format!("{:?}", format!("{short}{more}"))
    }

    fn trace(&self, what: &str) {
        if self.trace {
            eprintln!(
                "pductl: {}",
                escape_line(&format!("{}: {what}", self.label))
            );
        }
    }

    /// A template filled for the wire, and as traces show it (the password masked).
    fn filled(&self, template: &str, vars: Vars<'_>) -> Result<(Vec<u8>, String)> {
        let names_password = template.contains("{password}");
        let password = match (&self.password, names_password) {
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
        let fill_with = |password: String| -> Result<Vec<u8>> {
            let mut named = vec![("user", self.user.clone()), ("password", password)];
            if let Some(id) = vars.id {
                named.push(("id", id.to_string()));
            }
            let filled = |template: &str| {
                fill(
                    template,
                    vars.n,
                    self.index_base,
                    vars.value,
                    Filling::Text,
                    &named,
                )
            };
            if !template.contains("{byte:") {
                return Ok(filled(template).into_bytes());
            }
            let mut out = Vec::new();
            for piece in pieces(template) {
                match piece {
                    Piece::Variable(v) if v.starts_with("byte:") => out.push(self.byte(
                        &v["byte:".len()..],
                        vars.n,
                        vars.value == Some(&Value::Bool(true)),
                    )?),
                    Piece::Variable(v) => out.extend(filled(&format!("{{{v}}}")).into_bytes()),
                    Piece::Text(text) | Piece::Unclosed(text) => out.extend(text.as_bytes()),
                }
            }
            Ok(out)
        };
        let shown_bytes = fill_with(MASK.to_string())?;
        // Bytes that are not text show one character each (their Latin-1 one).
        let shown = match String::from_utf8(shown_bytes) {
            Ok(text) => text,
            Err(e) => e.into_bytes().iter().map(|&b| char::from(b)).collect(),
        };
        Ok((fill_with(password)?, self.masked(&shown)))
    }

    /// `{byte:EXPR}` for outlet `n`: one byte, or the file's mistake.
    fn byte(&self, expr: &str, n: usize, on: bool) -> Result<u8> {
        let i = (n as u64 + self.index_base) as i64;
        let value = byte_expr(expr, Some((n as i64, i, i64::from(on))), false)
            .map_err(|why| Error::usage(format!("{}: {{byte:{expr}}} {why}", self.name)))?;
        u8::try_from(value).map_err(|_| {
            Error::usage(format!(
                "{}: {{byte:{expr}}} is {value} for outlet {n}, not a byte (0-255)",
                self.name
            ))
        })
    }

    /// Connects the wire, within the device's timeout.
    pub(super) async fn open(&self) -> Result<Conn> {
        let (host, port, telnet) = match &self.connect {
            Connect::Telnet { host, port } => (host, *port, true),
            Connect::Tcp { host, port } => (host, *port, false),
            Connect::Command { argv } => return self.spawn(argv),
            Connect::Ssh { args } => return self.spawn_ssh(args),
            Connect::Serial { path, line } => return self.open_serial(path, *line),
        };
        self.trace(if telnet {
            "connecting (telnet)"
        } else {
            "connecting (tcp)"
        });
        let connecting = tokio::net::TcpStream::connect((host.as_str(), port));
        let stream = match tokio::time::timeout(self.connect_timeout, connecting).await {
            Ok(Ok(stream)) => stream,
            Ok(Err(e)) => {
                return Err(Error::Unreachable(format!(
                    "cannot reach {}: {} ({})",
                    self.label,
                    crate::error::io_reason(&e),
                    self.name
                )))
            }
            Err(_) => {
                return Err(Error::Unreachable(format!(
                    "{} did not accept a connection within {} ({})",
                    self.label,
                    human_duration(self.connect_timeout),
                    self.name
                )))
            }
        };
        // Lines are short and each is awaited: sent at once, not held back for more.
        let _ = stream.set_nodelay(true);
        Ok(Conn {
            wire: Wire::Tcp(stream),
            telnet: telnet.then(Telnet::default),
            unread: Vec::new(),
            closed: false,
        })
    }

    /// Starts the local command, its stdin and stdout the conversation.
    fn spawn(&self, argv: &[String]) -> Result<Conn> {
        self.trace(&format!("running {}", argv.join(" ")));
        let mut child = tokio::process::Command::new(&argv[0])
            .args(&argv[1..])
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .map_err(|e| {
                let why = crate::error::io_reason(&e);
                let message = format!(
                    "{}: cannot run {}: {why} ({})",
                    self.label, argv[0], self.name
                );
                if e.kind() == std::io::ErrorKind::NotFound {
                    Error::usage(message)
                } else {
                    Error::Unreachable(message)
                }
            })?;
        let (Some(stdin), Some(stdout)) = (child.stdin.take(), child.stdout.take()) else {
            return Err(Error::Unreachable(format!(
                "{}: {} started without its pipes ({})",
                self.label, argv[0], self.name
            )));
        };
        Ok(Conn {
            wire: Wire::Command {
                child: Box::new(child),
                stdin,
                stdout,
                stderr: None,
            },
            telnet: None,
            unread: Vec::new(),
            closed: false,
        })
    }

    /// Starts the system's ssh, its stdin and stdout the conversation, its stderr kept to
    /// tell its own failures by. Killed when the conversation drops (Ctrl-C included).
    fn spawn_ssh(&self, args: &[String]) -> Result<Conn> {
        self.trace(&format!("running {SSH} {}", args.join(" ")));
        let mut child = tokio::process::Command::new(SSH)
            .args(args)
            // ssh's messages in English, as they are matched below.
            .env("LC_ALL", "C")
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .kill_on_drop(true)
            .spawn()
            .map_err(|e| {
                if e.kind() == std::io::ErrorKind::NotFound {
                    Error::usage(format!(
                        "{}: {} connects with the system's ssh client, and there is no '{SSH}' \
                         on PATH: install OpenSSH's client (Debian/Ubuntu: openssh-client)",
                        self.label, self.name
                    ))
                } else {
                    Error::usage(format!(
                        "{}: cannot run {SSH}: {} ({})",
                        self.label,
                        crate::error::io_reason(&e),
                        self.name
                    ))
                }
            })?;
        let (Some(stdin), Some(stdout), Some(mut err)) =
            (child.stdin.take(), child.stdout.take(), child.stderr.take())
        else {
            return Err(Error::Unreachable(format!(
                "{}: {SSH} started without its pipes ({})",
                self.label, self.name
            )));
        };
        let text = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let kept = text.clone();
        // Read to its end so ssh never blocks on it; only the first bytes are kept.
        let reader = tokio::spawn(async move {
            let mut chunk = [0u8; 4096];
            while let Ok(got) = err.read(&mut chunk).await {
                if got == 0 {
                    break;
                }
                if let Ok(mut kept) = kept.lock() {
                    let room = MAX_STDERR_BYTES.saturating_sub(kept.len());
                    kept.extend_from_slice(&chunk[..got.min(room)]);
                }
            }
        });
        Ok(Conn {
            wire: Wire::Command {
                child: Box::new(child),
                stdin,
                stdout,
                stderr: Some(SshStderr {
                    text,
                    reader: Some(reader),
                }),
            },
            telnet: None,
            unread: Vec::new(),
            closed: false,
        })
    }

    /// Opens the serial port at `path` with `line`'s settings, what it had buffered
    /// dropped. A path that is missing is unreachable (exit 4: a USB adapter unplugged); one
    /// that is not a terminal device is a mistake in the profile (exit 2).
    fn open_serial(&self, path: &str, line: SerialLine) -> Result<Conn> {
        use tokio_serial::SerialPort;
        self.trace(&format!(
            "opening serial port {path} at {},{}{}{}",
            line.baud, line.data_bits, line.parity, line.stop_bits
        ));
        let shown = escape_line(path);
        match std::fs::metadata(path) {
            Err(e) => {
                return Err(Error::Unreachable(format!(
                    "cannot open serial port {shown}: {} ({})",
                    crate::error::io_reason(&e),
                    self.name
                )))
            }
            #[cfg(unix)]
            Ok(m) if !std::os::unix::fs::FileTypeExt::is_char_device(&m.file_type()) => {
                return Err(Error::usage(format!(
                    "{shown} is not a serial port (not a terminal device): the profile's host \
                     names the port of a serial device, as /dev/ttyUSB0 ({})",
                    self.name
                )))
            }
            Ok(_) => {}
        }
        let data_bits = match line.data_bits {
            5 => tokio_serial::DataBits::Five,
            6 => tokio_serial::DataBits::Six,
            7 => tokio_serial::DataBits::Seven,
            _ => tokio_serial::DataBits::Eight,
        };
        let parity = match line.parity {
            'e' => tokio_serial::Parity::Even,
            'o' => tokio_serial::Parity::Odd,
            _ => tokio_serial::Parity::None,
        };
        let stop_bits = match line.stop_bits {
            2 => tokio_serial::StopBits::Two,
            _ => tokio_serial::StopBits::One,
        };
        let builder = tokio_serial::new(path, line.baud)
            .data_bits(data_bits)
            .parity(parity)
            .stop_bits(stop_bits)
            .flow_control(tokio_serial::FlowControl::None);
        let port = tokio_serial::SerialStream::open(&builder).map_err(|e| {
            let why = escape_line(&e.description).into_owned();
            match e.kind {
                // serialport says NoDevice for a port another program holds (EBUSY).
                tokio_serial::ErrorKind::NoDevice => Error::Unreachable(format!(
                    "cannot open serial port {shown}: {why} (another program may hold it) ({})",
                    self.name
                )),
                tokio_serial::ErrorKind::Io(std::io::ErrorKind::PermissionDenied) => {
                    Error::usage(format!(
                        "cannot open serial port {shown}: {why}: the user running pductl needs \
                         access to it (on Debian, the dialout group) ({})",
                        self.name
                    ))
                }
                tokio_serial::ErrorKind::Io(_) => Error::Unreachable(format!(
                    "cannot open serial port {shown}: {why} ({})",
                    self.name
                )),
                _ => Error::usage(format!(
                    "{shown} is not a serial port pductl can use: {why} ({})",
                    self.name
                )),
            }
        })?;
        // What the port held from before this run is no answer to it.
        let _ = port.clear(tokio_serial::ClearBuffer::Input);
        Ok(Conn {
            wire: Wire::Serial(port),
            telnet: None,
            unread: Vec::new(),
            closed: false,
        })
    }

    /// Waits until the unread answer matches `step`'s expect (consumed, and returned) or
    /// its `refused`, within the step timeout and `MAX_UNREAD_BYTES`.
    async fn expect(
        &self,
        conn: &mut Conn,
        step: &Step,
        pattern: &str,
        at: &str,
    ) -> std::result::Result<Vec<u8>, Failed> {
        let wanted = &self.regexes[pattern];
        let refused = step.refused.as_ref().map(|r| &self.regexes[r]);
        let deadline = Instant::now() + self.step_timeout;
        loop {
            let found = wanted.find(&conn.unread).map(|m| (m.start(), m.end()));
            let refusal = refused.and_then(|r| r.find(&conn.unread));
            match (found, refusal) {
                (Some((start, _)), Some(no)) if no.start() < start => {
                    return Err(Failed::Refused(self.quoted(no.as_bytes())))
                }
                (None, Some(no)) => return Err(Failed::Refused(self.quoted(no.as_bytes()))),
                (Some((_, end)), _) => {
                    let read: Vec<u8> = conn.unread.drain(..end).collect();
                    self.trace(&format!("{at}: matched after {} bytes", read.len()));
                    return Ok(read);
                }
                (None, None) => {}
            }
            if conn.unread.len() >= MAX_UNREAD_BYTES {
                return Err(Failed::Error(Error::BadResponse(format!(
                    "{} sent {} without what {at} waits for; nothing more is read ({})",
                    self.label,
                    human_bytes(MAX_UNREAD_BYTES),
                    self.name
                ))));
            }
            if conn.closed {
                return Err(Failed::Closed);
            }
            match tokio::time::timeout_at(deadline, conn.read_more()).await {
                Ok(Ok(_)) => {}
                Ok(Err(e)) => {
                    return Err(Failed::Error(Error::HungUp(format!(
                        "{}: the connection failed while {at} waited: {} ({})",
                        self.label,
                        crate::error::io_reason(&e),
                        self.name
                    ))))
                }
                Err(_) => {
                    let tail = match conn.unread.len() {
                        0 => "; it sent nothing".to_string(),
                        _ => format!(
                            "; it sent {}",
                            self.quoted(&conn.unread[conn.unread.len().saturating_sub(200)..])
                        ),
                    };
                    return Err(Failed::Error(Error::Timeout(format!(
                        "{} did not send what {at} waits for within {}{tail} ({})",
                        self.label,
                        human_duration(self.step_timeout),
                        self.name
                    ))));
                }
            }
        }
    }

    /// Runs `steps` of part `op` (`login`, `outlets.list`, `state.write`...): the outlets
    /// their expects capture, in order.
    async fn run(
        &self,
        conn: &mut Conn,
        op: &str,
        steps: &[Step],
        vars: Vars<'_>,
    ) -> Result<Vec<Value>> {
        let login = op == "login";
        let mut password_sent = false;
        let mut items = Vec::new();
        for (k, step) in steps.iter().enumerate() {
            let number = k + 1;
            if let Some(template) = &step.send {
                let (bytes, shown) = self.filled(template, vars)?;
                let at = format!("{op} step {number}");
                self.trace(&format!("{at}: send {shown:?}"));
                if let Err(e) = conn.write(&bytes).await {
                    if let Some(failure) = self.ssh_failure(conn).await {
                        return Err(failure);
                    }
                    return Err(Error::HungUp(format!(
                        "{}: {at} could not be sent: {} ({})",
                        self.label,
                        crate::error::io_reason(&e),
                        self.name
                    )));
                }
                password_sent |= template.contains("{password}");
            } else if let Some(seconds) = step.delay {
                self.trace(&format!("{op} step {number}: delay {seconds} s"));
                tokio::time::sleep(Duration::from_secs_f64(seconds)).await;
            } else if let Some(pattern) = &step.expect {
                let at = format!("{op} step {number} (expect {pattern:?})");
                let outcome = self.expect(conn, step, pattern, &at).await;
                if let Err(Failed::Closed) = &outcome {
                    if let Some(failure) = self.ssh_failure(conn).await {
                        return Err(failure);
                    }
                }
                let read = match outcome {
                    Ok(read) => read,
                    Err(Failed::Error(e)) => return Err(e),
                    Err(Failed::Refused(said)) if login => {
                        return Err(Error::Auth(format!(
                            "{} refused the login: it answered {said} at {at}; the password \
                             was not sent again ({})",
                            self.label, self.name
                        )))
                    }
                    Err(Failed::Refused(said)) => {
                        return Err(Error::Refused(format!(
                            "{} refused {op}: it answered {said} at {at} ({})",
                            self.label, self.name
                        )))
                    }
                    Err(Failed::Closed) if login && password_sent => {
                        return Err(Error::Auth(format!(
                            "{} closed the connection after the password, at {at}: the login \
                             was refused; the password was not sent again ({})",
                            self.label, self.name
                        )))
                    }
                    Err(Failed::Closed) => {
                        return Err(Error::HungUp(format!(
                            "{} closed the connection while {at} waited ({})",
                            self.label, self.name
                        )))
                    }
                };
                match (&step.outlets, &step.packed) {
                    (Some(rows), Some(packing)) => {
                        let rows = &self.regexes[rows];
                        let bits = step.bits.as_deref();
                        self.capture_packed(&read, rows, packing, bits, &mut items, &at)?;
                    }
                    (Some(rows), None) => {
                        self.capture(&read, &self.regexes[rows], &step.fields, &mut items, &at)?
                    }
                    _ => {}
                }
                if let Some(template) = &step.already {
                    let on = vars.value == Some(&Value::Bool(true));
                    let done = self.regexes.get(&fill_already(template, on));
                    if done.is_some_and(|done| done.is_match(&read)) {
                        self.trace(&format!(
                            "{at}: the outlet is already as asked; the rest of {op} is not sent"
                        ));
                        return Ok(items);
                    }
                }
            }
        }
        Ok(items)
    }

    /// The outlets `rows` finds in `read`, one item each, with the members `fields` names.
    fn capture(
        &self,
        read: &[u8],
        rows: &Regex,
        fields: &BTreeMap<String, usize>,
        items: &mut Vec<Value>,
        at: &str,
    ) -> Result<()> {
        for row in rows.captures_iter(read) {
            if items.len() >= MAX_OUTLETS {
                return Err(Error::BadResponse(format!(
                    "{} listed more than {MAX_OUTLETS} outlets at {at}, more than any device \
                     has ({})",
                    self.label, self.name
                )));
            }
            let mut item = Map::new();
            for (member, &group) in fields {
                let text = row.get(group).map_or_else(String::new, |m| {
                    self.masked(&String::from_utf8_lossy(m.as_bytes()))
                });
                item.insert(member.clone(), Value::String(text));
            }
            items.push(Value::Object(item));
        }
        Ok(())
    }

    /// The outlets a packed value in `read` holds (group 1 of `rows`' first match): one
    /// item `{ "state": "1" | "0" }` per bit, or per bit `bits` names.
    fn capture_packed(
        &self,
        read: &[u8],
        rows: &Regex,
        packing: &str,
        bits: Option<&[u32]>,
        items: &mut Vec<Value>,
        at: &str,
    ) -> Result<()> {
        let malformed = |why: String| {
            Error::BadResponse(format!("{} sent {why} at {at} ({})", self.label, self.name))
        };
        let Some(value) = rows.captures(read).and_then(|c| c.get(1)) else {
            return Ok(());
        };
        let value = value.as_bytes();
        // Four bits a hex digit, eight a byte: no more than any device has outlets.
        let per_unit = if packing == "bytes" { 8 } else { 4 };
        if value.len() > 2 + (MAX_OUTLETS.max(4096) / per_unit) {
            return Err(malformed(format!(
                "a packed value of {} bytes, more than any device has outlets",
                value.len()
            )));
        }
        let hex: String = match packing {
            "bytes" => value.iter().map(|b| format!("{b:02X}")).collect(),
            _ => String::from_utf8_lossy(value).into_owned(),
        };
        let pieces = super::text::split(super::text::Packing::Hex, &hex, false)
            .map_err(|why| malformed(self.masked(&escape_line(&why))))?;
        let chosen: Vec<&String> = match bits {
            None => pieces.iter().collect(),
            Some(bits) => bits
                .iter()
                .map(|&b| {
                    pieces.get(b as usize).ok_or_else(|| {
                        malformed(format!(
                            "{} bits where the file reads bit {b}",
                            pieces.len()
                        ))
                    })
                })
                .collect::<Result<_>>()?,
        };
        for piece in chosen {
            if items.len() >= MAX_OUTLETS {
                return Err(malformed(format!("more than {MAX_OUTLETS} outlets")));
            }
            let mut item = Map::new();
            item.insert("state".into(), Value::String(piece.clone()));
            items.push(Value::Object(item));
        }
        Ok(())
    }

    /// Why an ssh conversation ended, where ssh itself failed (exit 255: a refused key or
    /// host key, an unreachable host), told by what it said; `None` for any other wire,
    /// or a remote side that ended the conversation.
    async fn ssh_failure(&self, conn: &mut Conn) -> Option<Error> {
        let Wire::Command {
            child,
            stderr: Some(stderr),
            ..
        } = &mut conn.wire
        else {
            return None;
        };
        let status = tokio::time::timeout(Duration::from_secs(2), child.wait())
            .await
            .ok()?
            .ok()?;
        // What ssh wrote before it exited (the reader ends at the pipe's end).
        let reader = stderr.reader.take()?;
        let _ = tokio::time::timeout(Duration::from_millis(500), reader).await;
        if status.code() != Some(SSH_FAILED) {
            return None;
        }
        let said = String::from_utf8_lossy(&stderr.text.lock().ok()?).into_owned();
        Some(ssh_error(&said, &self.label, &self.user, &self.name))
    }

    /// One try of an exchange: the conversation (connected and logged in first where there
    /// is none, or the device closed it), what it left unread dropped, then `steps`. A
    /// failure ends the conversation.
    async fn try_exchange(&self, op: &str, steps: &[Step], vars: Vars<'_>) -> Result<Vec<Value>> {
        self.try_runs(op, steps, &[vars], false).await
    }

    /// One try of an exchange of one or more runs of `steps` (`list.each`: one per
    /// outlet, `merge`d: what one run captures is one outlet's item).
    async fn try_runs(
        &self,
        op: &str,
        steps: &[Step],
        runs: &[Vars<'_>],
        merge: bool,
    ) -> Result<Vec<Value>> {
        let mut guard = self.conn.lock().await;
        if let Some(conn) = guard.as_mut() {
            if !conn.still_open().await {
                self.trace("the device closed the session; logging in again");
                *guard = None;
            }
        }
        if guard.is_none() {
            let mut conn = self.open().await?;
            self.run(&mut conn, "login", &self.section.login, NO_VARS)
                .await?;
            *guard = Some(conn);
        }
        let Some(conn) = guard.as_mut() else {
            return Err(Error::HungUp(format!("{}: no session", self.label)));
        };
        conn.unread.clear();
        let mut result = Ok(Vec::new());
        for vars in runs {
            let captured = match self.run(conn, op, steps, *vars).await {
                Ok(captured) => captured,
                Err(e) => {
                    result = Err(e);
                    break;
                }
            };
            let Ok(items) = result.as_mut() else { break };
            if !merge {
                items.extend(captured);
                continue;
            }
            let mut item = Map::new();
            for captured in captured {
                if let Value::Object(members) = captured {
                    item.extend(members);
                }
            }
            if item.is_empty() {
                result = Err(Error::BadResponse(format!(
                    "{} answered nothing {op}'s outlets regex matches for outlet {} ({})",
                    self.label, vars.n, self.name
                )));
                break;
            }
            items.push(Value::Object(item));
        }
        if result.is_err() || self.section.one_exchange {
            *guard = None;
        }
        result
    }

    /// The outlets a `list.each` runs for, as the `{id}` of each: the profile's ids, or
    /// for a count (the profile's, else the file's `list.count`) `n + index_base`.
    fn each_ids(&self, variant: &Variant) -> Result<Vec<String>> {
        let count = match &self.profile_outlets {
            Some(OutletsSetting::Ids(ids)) => return Ok(ids.clone()),
            Some(OutletsSetting::Count(count)) => Some(*count),
            None => variant.outlets.list.count,
        };
        let Some(count) = count else {
            return Err(Error::usage(format!(
                "{}: {} reads one outlet at a time and cannot ask the device how many it has: \
                 set outlets in its profile entry (outlets = 8, or the device's ids in order)",
                self.label, self.name
            )));
        };
        Ok((0..count.min(MAX_OUTLETS))
            .map(|n| (n as u64 + self.index_base).to_string())
            .collect())
    }

    async fn exchange(
        &self,
        op: &str,
        steps: &[Step],
        vars: Vars<'_>,
        repeat: Repeat,
    ) -> Result<Vec<Value>> {
        let what = format!("{} {op}", self.label);
        self.retrier
            .run(repeat, &what, |_| self.try_exchange(op, steps, vars))
            .await
    }
}

fn human_bytes(bytes: usize) -> String {
    if bytes.is_multiple_of(1024 * 1024) {
        format!("{} MiB", bytes / (1024 * 1024))
    } else {
        format!("{bytes} bytes")
    }
}

#[async_trait]
impl Backend for SessionBackend {
    fn device(&self) -> &str {
        &self.label
    }

    async fn items(&self, variant: &Variant, _wants: Wants) -> Result<Vec<Value>> {
        let list = &variant.outlets.list;
        if let Some(each) = &list.each {
            let ids = self.each_ids(variant)?;
            let steps = each.steps.as_deref().unwrap_or_default();
            let runs: Vec<Vars<'_>> = ids
                .iter()
                .enumerate()
                .map(|(n, id)| Vars {
                    n,
                    id: Some(id),
                    value: None,
                })
                .collect();
            let what = format!("{} outlets.list.each", self.label);
            return self
                .retrier
                .run(Repeat::Read, &what, |_| {
                    self.try_runs("outlets.list.each", steps, &runs, true)
                })
                .await;
        }
        let steps = list.steps.as_deref().unwrap_or_default();
        let mut items = self
            .exchange("outlets.list", steps, NO_VARS, Repeat::Read)
            .await?;
        // A packed value has as many bits as its digits hold: the device's outlets are the
        // first so many (the profile's count, else the file's).
        let packed_all_bits = steps.iter().any(|s| s.packed.is_some() && s.bits.is_none());
        let count = match &self.profile_outlets {
            Some(OutletsSetting::Count(count)) => Some(*count),
            Some(OutletsSetting::Ids(ids)) => Some(ids.len()),
            None => list.count,
        };
        if let (true, Some(count)) = (packed_all_bits, count) {
            if items.len() < count {
                return Err(Error::BadResponse(format!(
                    "{} sent the state of {} outlets, and it has {count} ({})",
                    self.label,
                    items.len(),
                    self.name
                )));
            }
            items.truncate(count);
        }
        if items.is_empty() {
            return Err(Error::BadResponse(format!(
                "{} listed no outlets: outlets.list's outlets regex matched nothing in its \
                 answer ({})",
                self.label, self.name
            )));
        }
        Ok(items)
    }

    async fn send(
        &self,
        request: &Request,
        n: usize,
        id: Option<&str>,
        value: Option<&Value>,
        repeat: Repeat,
    ) -> Result<()> {
        // The engine passes a state as a boolean, a name as a string, and a cycle nothing.
        let op = match value {
            Some(Value::Bool(_)) => "state.write",
            Some(_) => "name.write",
            None => "cycle.native",
        };
        let steps = request.steps.as_deref().unwrap_or_default();
        let vars = Vars { n, id, value };
        self.exchange(op, steps, vars, repeat).await.map(|_| ())
    }

    fn write_attempts(&self) -> u32 {
        self.retrier.writes()
    }

    /// The outlets a `list.each` reads, as `{id}` in writes.
    fn ids(&self, variant: &Variant) -> Option<Vec<String>> {
        variant.outlets.list.each.as_ref()?;
        self.each_ids(variant).ok()
    }
}

/// `logout`'s sends go out as the run lets go of the device.
impl Drop for SessionBackend {
    fn drop(&mut self) {
        let Some(conn) = self.conn.get_mut().take() else {
            return;
        };
        let mut bytes = Vec::new();
        for (k, step) in self.section.logout.iter().enumerate() {
            let Some(template) = &step.send else { continue };
            if let Ok((filled, shown)) = self.filled(template, NO_VARS) {
                self.trace(&format!("logout step {}: send {shown:?}", k + 1));
                bytes.extend(filled);
            }
        }
        conn.goodbye(&bytes);
    }
}

#[cfg(test)]
mod tests {
    use super::super::parse;

    const WTI: &str = include_str!("../../drivers/wti-nps.toml");

    #[test]
    fn the_wti_file_checks_and_its_rows_read_the_status_table() {
        let d = parse("wti-nps.toml", WTI).unwrap();
        let v = &d.file.variants()[0];
        let steps = v.outlets.list.steps.as_ref().unwrap();
        let step = steps.iter().find(|s| s.outlets.is_some()).unwrap();
        let rows = super::compile(step.outlets.as_ref().unwrap()).unwrap();
        let table = "Plug | Name             | Password        | Status | Boot Delay | Default |\r\n\
                     -----+------------------+-----------------+--------+------------+---------+\r\n\
                     \x20A1  | DUT power        | (undefined)     |   ON   |   0.5 Secs |   ON    |\r\n\
                     \x202   |                  | (undefined)     |   OFF  |   0.5 Secs |   ON    |\r\n";
        let got: Vec<(String, String, String)> = rows
            .captures_iter(table.as_bytes())
            .map(|c| {
                let g = |k: usize| {
                    String::from_utf8_lossy(
                        &c[step.fields[match k {
                            0 => "id",
                            1 => "name",
                            _ => "state",
                        }]],
                    )
                    .into_owned()
                };
                (g(0), g(1), g(2))
            })
            .collect();
        assert_eq!(
            got,
            [
                ("A1".into(), "DUT power".into(), "ON".into()),
                ("2".into(), "".into(), "OFF".into())
            ]
        );
    }

    #[test]
    fn byte_expressions_follow_c_precedence_and_say_what_is_wrong() {
        let at = |expr: &str, n: i64, v: i64| super::byte_expr(expr, Some((n, n + 1, v)), false);
        // Devantech: on is 0x64 + relay, off 0x6E + relay.
        assert_eq!(at("0x6E + i - 10 * v", 2, 1), Ok(0x64 + 3));
        assert_eq!(at("0x6E + i - 10 * v", 2, 0), Ok(0x6E + 3));
        // Conrad: the frame's XOR.
        assert_eq!(at("(7 - v) ^ 1 ^ (1 << n)", 7, 1), Ok(6 ^ 1 ^ 128));
        assert_eq!(at("1 + 2 << 3", 0, 0), Ok(24));
        assert_eq!(at("7 & 3 | 8", 0, 0), Ok(11));
        assert_eq!(at("-(2) + 0X10 % 3", 0, 0), Ok(-1));
        for (expr, why) in [
            ("1 +", "ends too soon"),
            ("(1", "without its )"),
            ("1 2", "where an operator or the end goes"),
            ("x", "not a number"),
            ("1 / (n - n)", "cannot be worked out"),
            ("1 << 64", "cannot be worked out"),
        ] {
            let e = at(expr, 0, 0).unwrap_err();
            assert!(e.contains(why), "{expr}: {e}");
        }
        // Checking knows no outlet: division by what n may be is not an error then.
        assert_eq!(super::byte_expr("1 / n", Some((0, 0, 0)), true), Ok(0));
        let e = super::byte_expr("n", None, true).unwrap_err();
        assert!(
            e.contains("outlets are named in writes and list.each only"),
            "{e}"
        );
    }

    #[test]
    fn serial_settings_are_read_as_powerman_writes_them() {
        use super::SerialLine;
        assert_eq!(
            SerialLine::parse("19200,7E2"),
            Ok(SerialLine {
                baud: 19200,
                data_bits: 7,
                parity: 'e',
                stop_bits: 2
            })
        );
        for bad in [
            "9600", "9600,8n", "9600,9n1", "9600,8x1", "9600,8n3", "fast,8n1", "0,8n1",
        ] {
            let e = SerialLine::parse(bad).unwrap_err();
            assert!(e.contains("is not BAUD,DPS"), "{bad}: {e}");
        }
    }

    #[test]
    fn mistakes_in_the_new_keys_are_named_with_file_line_and_column() {
        let phantom = include_str!("../../drivers/rackable-phantom.toml");
        let devantech = include_str!("../../drivers/devantech-usb-rly.toml");
        let blades = include_str!("../../drivers/ibm-bladecenter.toml");
        let siglent = include_str!("../../drivers/siglent-spd.toml");
        for text in [phantom, devantech, blades, siglent] {
            parse("d.toml", text).unwrap();
        }
        for (text, from, to, why) in [
            (
                phantom,
                "serial = \"9600,8n1\"",
                "serial = \"9600,9n1\"",
                "is not BAUD,DPS",
            ),
            (
                phantom,
                "connect = \"serial\"",
                "connect = \"tcp\"",
                "serial goes with",
            ),
            (
                phantom,
                "serial = \"9600,8n1\"",
                "port = 1",
                "has no port number",
            ),
            (
                phantom,
                "'[01]\\r', already",
                "'[01]\\r', outlets = 'x', already",
                "outlets are captured",
            ),
            (
                phantom,
                "{ send = \"P?\" },\n  { expect = '[01]\\r', outlets",
                "{ send = \"P?\" },\n  { expect = '[01]\\r', already = '1', outlets",
                "already goes in a write",
            ),
            (
                phantom,
                "already = '{v:1|0}\\r'",
                "already = '{n}'",
                "{v:A|B} only",
            ),
            (
                phantom,
                "already = '{v:1|0}\\r'",
                "already = '{v:1|0}('",
                "is not a regex",
            ),
            (
                devantech,
                "{byte:0x6E + i - 10 * v}",
                "{byte:0x6E + }",
                "ends too soon",
            ),
            (
                devantech,
                "send = \"\\u005B\"",
                "send = \"{byte:n}\"",
                "names n",
            ),
            (
                devantech,
                "packed = \"bytes\"",
                "packed = \"octal\"",
                "\"hex\" or \"bytes\"",
            ),
            (
                devantech,
                "packed = \"bytes\"",
                "packed = \"bytes\", fields = { state = 1 }",
                "no fields",
            ),
            (
                devantech,
                "outlets = '(?s-u)(.)'",
                "outlets = '(?s-u).'",
                "has no group",
            ),
            (devantech, "count = 8", "count = 0", "count is 1 to"),
            (
                phantom,
                "[outlets.list]",
                "[outlets.list]\ncount = 2",
                "count goes with list.each",
            ),
            (
                siglent,
                "packed = \"hex\", bits = [4, 5]",
                "bits = [4, 5], fields = { state = 1 }",
                "bits go with packed",
            ),
            (
                blades,
                "each = { steps",
                "each = { get = \"/x\", steps",
                "steps alone",
            ),
            (
                blades,
                "connect = \"ssh\"",
                "connect = \"ssh\"\ncommand = [\"cli\", \"{password}\"]",
                "visible to every user",
            ),
            (
                blades,
                "blade[{id}]\\r\\n\" },\n  # the",
                "blade[{value}]\\r\\n\" },\n  # the",
                "names {value}",
            ),
        ] {
            let e = super::super::check_error_of("d.toml", text, from, to);
            assert!(e.contains(why), "{to}: {e}");
        }
    }

    #[test]
    fn mistakes_in_steps_are_named_with_file_line_and_column() {
        parse("w.toml", WTI).unwrap();
        for (from, to, why) in [
            (
                "{ send = \"/s\\r\\n\" }",
                "{ send = \"/s\\r\\n\", delay = 1 }",
                "exactly one of send",
            ),
            (
                "{ expect = \"NPS> \", refused = \"word: \" }",
                "{ expect = \"NPS> (\", refused = \"word: \" }",
                "is not a regex",
            ),
            (
                "fields = { id = 1, name = 2, state = 3 }",
                "fields = { id = 1, name = 2, state = 4 }",
                "groups 0-3",
            ),
            (
                "connect = \"telnet\"",
                "connect = \"rlogin\"",
                "not one sessions have (telnet, tcp, command, ssh, serial)",
            ),
            (
                "{ send = \"/x\\r\\n\" }",
                "{ expect = \"bye\" }",
                "sends only",
            ),
            ("/{v:on|off} {id},y", "/{v:on|off} {plug},y", "names {plug}"),
            (
                "{ send = \"/s\\r\\n\" }",
                "{ send = \"/s {i}\\r\\n\" }",
                "outlets are named in writes and list.each only",
            ),
            (
                "map = { ON = true, OFF = false }",
                "map = { ON = true }",
                "no value for false",
            ),
            (
                "{ send = \"/s\\r\\n\" }",
                "{ delay = 100 }",
                "delay is from 0 to 60",
            ),
            ("[session]", "[http]\n[session]", "an [http] section"),
            (
                "transport = \"session\"",
                "transport = \"http\"",
                "a [session] section is for",
            ),
        ] {
            let e = super::super::check_error_of("w.toml", WTI, from, to);
            assert!(e.contains(why), "{to}: {e}");
        }
        // The place is the step's own, not the first line that looks like it.
        let broken = WTI.replace("{ expect = \"NPS> \" }]", "{ expect = \"NPS> (\" }]");
        let e = parse("w.toml", &broken).unwrap_err().to_string();
        let line = broken.lines().position(|l| l.contains("NPS> (")).unwrap() + 1;
        assert!(e.starts_with(&format!("w.toml:{line}:")), "{e}");
    }
}
