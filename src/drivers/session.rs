//! The session backend of driver files: a device's command line, driven as a conversation
//! of steps (send a line, expect an answer, capture outlets from it, wait), after
//! powerman's device scripts (protocols/drivers-2.md section 2), written in TOML. The
//! conversation runs over telnet (every option refused, negotiation kept out of what the
//! steps see: `telnet.rs`), a raw TCP connection, or a local command's stdin and stdout
//! (`ipmitool`, `virsh`, `sh -c ...`). SSH and serial ports are later connects of the same
//! steps.
//!
//! ```toml
//! [driver]
//! id = "wti-nps"
//! transport = "session"
//! index_base = 1
//!
//! [session]
//! connect = "telnet"        # telnet | tcp | command
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
//! discarded (`sh -c '... 2>&1'` shows it to the steps).

use super::engine::{Backend, DriverEngine, Wants};
use super::telnet::{self, Telnet};
use super::{
    check_pointer, check_state_maps, fill, pieces, place, unknown_variables, Driver, Piece,
};
use super::{DriverFile, Filling, Outlets, Read, Request, Variant};
use crate::error::{Error, Result};
use crate::output::{escape_line, human_duration};
use crate::retry::{Repeat, Retrier};
use crate::transport::{DeviceConfig, Secret, DEFAULT_TIMEOUT, MAX_OUTLETS};
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

/// How a password shows in traces and messages.
const MASK: &str = "********";

/// Longest piece of the device's words quoted in a message.
const MAX_QUOTED_CHARS: usize = 80;

/// Most compiled size of one regex of a file (the `regex` crate's own limit is 10 MiB).
const MAX_REGEX_SIZE: usize = 1024 * 1024;

/// A driver file's `[session]`: how the conversation is reached, and how it begins and ends.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SessionSection {
    /// "telnet", "tcp" or "command".
    pub connect: String,
    /// The device's port: telnet's 23 by default; a raw TCP device needs one (or the
    /// profile's, which wins).
    pub port: Option<u16>,
    /// `connect = "command"`: the program and its arguments (no shell), `{host}` and
    /// `{user}` filled from the profile.
    pub command: Option<Vec<String>>,
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
#[derive(Debug, Clone, Deserialize)]
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
                && (step.refused.is_some() || step.outlets.is_some() || !step.fields.is_empty())
            {
                return Err(self.bad(
                    &at(""),
                    "refused, outlets and fields go with an expect step".into(),
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
                let allowed = |v: &str| match v {
                    "{user}" | "{password}" => true,
                    "{id}" => write && has_id,
                    "{n}" | "{i}" | "{value}" => write,
                    other => write && !unknown_variables(other).iter().any(|u| u == other),
                };
                if let Some(unknown) = named.iter().find(|v| !allowed(v)) {
                    let known = match part {
                        Part::Write if has_id => {
                            "{n}, {i}, {id}, {value}, {v:A|B}, {user}, {password}"
                        }
                        Part::Write => "{n}, {i}, {value}, {v:A|B}, {user}, {password}",
                        _ => "{user}, {password} (outlets are named in writes only)",
                    };
                    return Err(self.bad(
                        &at("send"),
                        format!("send \"{template}\" names {unknown}, not one of {known}"),
                    ));
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
            match (&step.outlets, part) {
                (Some(_), Part::List) if !step.fields.is_empty() => {}
                (Some(_), Part::List) => {
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
                        "outlets are captured in outlets.list's steps".into(),
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
        ("telnet" | "tcp", None) => {}
        ("command", Some(argv)) if !argv.is_empty() && !argv[0].is_empty() => {
            if section.port.is_some() {
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
        ("command", _) => {
            return Err(check.bad(
                &at("connect"),
                "connect = \"command\" needs command = [\"program\", \"argument\", ...]".into(),
            ))
        }
        ("telnet" | "tcp", Some(_)) => {
            return Err(check.bad(
                &at("command"),
                "command goes with connect = \"command\"".into(),
            ))
        }
        (other, _) => {
            return Err(check.bad(
                &at("connect"),
                format!(
                    "connect \"{other}\" is not one sessions have (telnet, tcp, command; ssh and \
                     serial are to come)"
                ),
            ))
        }
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
    let other_list = list.get.is_some()
        || list.items.is_some()
        || list.keys.is_some()
        || list.walk.is_some()
        || list.publish.is_some()
        || list.answer.is_some()
        || list.payload.is_some()
        || list.count.is_some();
    let Some(steps) = list.steps.as_ref().filter(|_| !other_list) else {
        return Err(check.bad(
            &path(&["list"]),
            "a session list is steps alone: list = { steps = [{ send = ... }, { expect = ..., \
             outlets = ..., fields = {...} }] }"
                .into(),
        ));
    };
    check.steps(steps, Part::List, false, &path(&["list", "steps"]))?;
    if !steps.iter().any(|s| s.outlets.is_some()) {
        return Err(check.bad(
            &path(&["list", "steps"]),
            "no step of the list captures outlets (an expect with outlets = \"REGEX\" and fields)"
                .into(),
        ));
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
    if let Some(native) = o.cycle.as_ref().and_then(|c| c.native.as_ref()) {
        if native.repeat == Some(true) {
            return Err(check.bad(
                &path(&["cycle", "native"]),
                "cycle.native is never sent twice; repeat = true does not apply to it".into(),
            ));
        }
        writes.push((&["cycle", "native"], native));
    }
    for (keys, r) in writes {
        let other = r.target().is_some()
            || r.body.is_some()
            || r.content_type.is_some()
            || r.oid.is_some()
            || r.integer.is_some()
            || r.string.is_some()
            || r.publish.is_some()
            || r.payload.is_some()
            || r.coil.is_some()
            || r.holding.is_some()
            || r.value.is_some();
        match &r.steps {
            Some(steps) if !other && !steps.is_empty() => {
                let mut at = path(keys);
                at.push(Key::Name("steps"));
                check.steps(steps, Part::Write, o.id.is_some(), &at)?;
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
enum Connect {
    Telnet { host: String, port: u16 },
    Tcp { host: String, port: u16 },
    Command { argv: Vec<String> },
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
    // The profile's timeout bounds each expect; where it gives none (the default), the
    // file's. The default is told by its value: a profile that writes timeout = 10 gets
    // the file's too.
    let step_timeout = match section.timeout {
        Some(seconds) if device.timeout == DEFAULT_TIMEOUT => Duration::from_secs_f64(seconds),
        _ => device.timeout,
    };
    let mut regexes = HashMap::new();
    let variants = file.variants();
    let mut all_steps: Vec<&Step> = section.login.iter().collect();
    for v in &variants {
        all_steps.extend(v.outlets.list.steps.iter().flatten());
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
    };
    Ok(DriverEngine::new(backend, file.clone()))
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
}

/// The wire under a conversation.
enum Wire {
    Tcp(tokio::net::TcpStream),
    Command {
        /// Killed when dropped (`kill_on_drop`), after `logout` had its chance.
        child: Box<tokio::process::Child>,
        stdin: tokio::process::ChildStdin,
        stdout: tokio::process::ChildStdout,
    },
}

/// One conversation: its wire, telnet's state where it is telnet, and what the device sent
/// that no step has read yet (at most `MAX_UNREAD_BYTES`).
struct Conn {
    wire: Wire,
    telnet: Option<Telnet>,
    unread: Vec<u8>,
    closed: bool,
}

impl Conn {
    /// Writes `bytes` as data (a 0xFF doubled on telnet).
    async fn write(&mut self, bytes: &[u8]) -> std::io::Result<()> {
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
        }
    }

    /// One read from the wire into `chunk`: `None` when nothing is there yet and `wait` is
    /// false.
    async fn read_raw(&mut self, chunk: &mut [u8], wait: bool) -> Option<std::io::Result<usize>> {
        let read = async {
            match &mut self.wire {
                Wire::Tcp(stream) => stream.read(chunk).await,
                Wire::Command { stdout, .. } => stdout.read(chunk).await,
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
    async fn read_more(&mut self) -> std::io::Result<bool> {
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
    async fn still_open(&mut self) -> bool {
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
    fn goodbye(self, bytes: &[u8]) {
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
        let fill_with = |password: String| {
            let mut named = vec![("user", self.user.clone()), ("password", password)];
            if let Some(id) = vars.id {
                named.push(("id", id.to_string()));
            }
            fill(
                template,
                vars.n,
                self.index_base,
                vars.value,
                Filling::Text,
                &named,
            )
        };
        let shown = self.masked(&fill_with(MASK.to_string()));
        Ok((fill_with(password).into_bytes(), shown))
    }

    /// Connects the wire, within the device's timeout.
    async fn open(&self) -> Result<Conn> {
        let (host, port, telnet) = match &self.connect {
            Connect::Telnet { host, port } => (host, *port, true),
            Connect::Tcp { host, port } => (host, *port, false),
            Connect::Command { argv } => return self.spawn(argv),
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
            },
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
                conn.write(&bytes).await.map_err(|e| {
                    Error::HungUp(format!(
                        "{}: {at} could not be sent: {} ({})",
                        self.label,
                        crate::error::io_reason(&e),
                        self.name
                    ))
                })?;
                password_sent |= template.contains("{password}");
            } else if let Some(seconds) = step.delay {
                self.trace(&format!("{op} step {number}: delay {seconds} s"));
                tokio::time::sleep(Duration::from_secs_f64(seconds)).await;
            } else if let Some(pattern) = &step.expect {
                let at = format!("{op} step {number} (expect {pattern:?})");
                let read = match self.expect(conn, step, pattern, &at).await {
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
                if let Some(rows) = &step.outlets {
                    self.capture(&read, &self.regexes[rows], &step.fields, &mut items, &at)?;
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

    /// One try of an exchange: the conversation (connected and logged in first where there
    /// is none, or the device closed it), what it left unread dropped, then `steps`. A
    /// failure ends the conversation.
    async fn try_exchange(&self, op: &str, steps: &[Step], vars: Vars<'_>) -> Result<Vec<Value>> {
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
        let result = self.run(conn, op, steps, vars).await;
        if result.is_err() || self.section.one_exchange {
            *guard = None;
        }
        result
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
        let steps = variant.outlets.list.steps.as_deref().unwrap_or_default();
        let items = self
            .exchange("outlets.list", steps, NO_VARS, Repeat::Read)
            .await?;
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
                "connect = \"ssh\"",
                "ssh and serial are to come",
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
                "outlets are named in writes only",
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
            assert!(WTI.contains(from), "{from}");
            let e = parse("w.toml", &WTI.replacen(from, to, 1))
                .unwrap_err()
                .to_string();
            assert!(e.contains(why), "{to}: {e}");
            assert!(e.starts_with("w.toml:"), "{e}");
        }
        // The place is the step's own, not the first line that looks like it.
        let broken = WTI.replace("{ expect = \"NPS> \" }]", "{ expect = \"NPS> (\" }]");
        let e = parse("w.toml", &broken).unwrap_err().to_string();
        let line = broken.lines().position(|l| l.contains("NPS> (")).unwrap() + 1;
        assert!(e.starts_with(&format!("w.toml:{line}:")), "{e}");
    }
}
