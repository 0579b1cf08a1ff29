//! powerman's device scripts (`.dev` files, protocols/drivers-2.md section 2), run directly:
//! a profile's `driver = "powerman:wti"` reads `/etc/powerman/wti.dev` (where Debian's
//! `powerman` package installs them), `driver = "powerman:/path/x.dev"` any file, and
//! `powerman:FILE:SPEC` one specification of a file that holds several (`appro-gb2:sr5110`).
//! pductl ships none of powerman's files: it parses the user's (`parse`) and interprets
//! their scripts over the session backend's conversation (`session.rs`: its connections,
//! telnet negotiation and unread-buffer cap).
//!
//! The language: `include "file"` (relative to the including file), `specification "name"
//! { timeout SECONDS  pingperiod SECONDS  plug name { "1" "2" ... }  script OP { ... } }`,
//! statements `send "fmt"` (`%s` is the plug, a ranged script's plugs comma-separated;
//! `%%` a percent sign), `expect "regex"`,
//! `delay SECONDS`, `setplugstate [PLUG|$N] $M [on="re"] [off="re"]`, `setresult $N $M
//! success="re"`, and the blocks `foreachplug`, `foreachnode`, `ifon`, `ifoff`. Strings
//! take C's escapes (`\r`, `\n`, `\033`...); `#` starts a comment. powerman.conf's own items
//! (`device`, `node`, `alias`, `listen`, `tcpwrappers`, `plug_log_level`) are read and left
//! alone. A mistake is exit 2 with `FILE:LINE: what`.
//!
//! How the device is reached is the profile's `host`, in powerman.conf's notation:
//! - `host = "pdu1"` (with `port`, default 23, or `"pdu1:2001"`): TCP with telnet's
//!   negotiation answered, as powerman always does;
//! - `host = "/usr/sbin/vpcd |&"`: a coprocess, the words before `|&` its program and
//!   arguments (no shell), its stdin and stdout the conversation;
//! - `host = "/dev/ttyS0"`: a serial port at 9600,8n1, or at the settings that follow its
//!   path (`"/dev/ttyS0 19200,8n1"`: baud, data bits, parity n/e/o, stop bits).
//!
//! Scripts written for powerman's `snmppower`, `httppower` and `redfishpower` helpers are
//! refused (exit 8): pductl speaks SNMP, HTTP and Redfish itself, through its own drivers.
//!
//! Running: the first exchange connects and runs `login`; every read and write after it uses
//! the same conversation; the `logout` script's sends are written as pductl lets go of the
//! device (its expects are not waited for). A read runs `status_all`, else `status` for
//! each plug (else `status_ranged` once); a switch runs `on_all`/`off_all` where every plug
//! is switched, else `on`/`off` per plug, else `on_ranged`/`off_ranged` once; a cycle runs
//! `cycle` (the device's own cycle, as session drivers' `cycle.native`). A verb whose script
//! is missing is exit 8. Each script has the spec's `timeout` for all its steps together (the
//! profile's timeout, where it gives one, instead): a step that waits past it is exit 4
//! naming the script and the step's file:line. A failed script ends the conversation; a read
//! may be tried again (a new connection and login) as `retries` allows, a write never.
//!
//! Outlets are the plugs of `plug name { ... }` in order, named by them; a profile's `outlets
//! = ["1", "3"]` keeps some of them (a count: the first N). A spec without plugs (kvm's
//! domains, ipmipower's hosts) takes them from the profile's `outlets` (names), else from
//! what `status_all` reports, in order.
//!
//! Credentials: powerman scripts carry their own (wti.dev sends `wti`); pductl sends what
//! the script says, so a profile with a password for a powerman driver is refused (copy the
//! script and edit its login instead). A send that answers a password prompt (the expect
//! before it names "pass" or "word") or an `auth` command is masked in `-v` traces, in
//! messages and in `drivers show`.
//!
//! Regexes are POSIX extended ones, translated to the `regex` crate's syntax: `\r` and `\n`
//! written in the regex become CR and LF (as powerman substitutes them), `.` and `[^x]`
//! match any byte including a newline, `^` is the start of the unread text and `$` never
//! matches (powerman's REG_NOTEOL), a backslash inside brackets is itself, `\<`, `\>` are
//! word boundaries, and a NUL the device sends is read as 0xFF. POSIX takes the longest
//! match where Rust takes the first alternative that matches: alternatives that are plain
//! words are tried longest first (`(On|On Wait)` reads "On Wait" whole), which is where the
//! two differ in practice; a pattern that depends on longest-match elsewhere (nested
//! alternatives with operators) may match a shorter text than powerman would.
//! Backreferences are refused. A regex is at most 256 bytes, as powerman allows.

use super::session::{Conn, Connect, SerialLine, SessionBackend, MAX_UNREAD_BYTES};
use super::Driver;
use crate::error::{Error, Result};
use crate::output::{escape_line, human_duration};
use crate::path::{Path, Segment};
use crate::retry::{Repeat, Retrier};
use crate::transport::{
    selects_nothing, unsupported, DeviceConfig, Mapped, NativeCycle, OutletsSetting, Transport,
    MAX_OUTLETS,
};
use async_trait::async_trait;
use regex::bytes::{Regex, RegexBuilder};
use serde_json::{json, Value};
use std::fmt::Write as _;
use std::future::Future;
use std::path::{Path as FsPath, PathBuf};
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;
use tokio::time::Instant;

/// How a profile names a powerman script: `powerman:wti`, `powerman:/path/x.dev`.
pub const PREFIX: &str = "powerman:";

/// Where Debian's `powerman` package installs its device scripts.
pub const SCRIPT_DIR: &str = "/etc/powerman";

/// Longest regex powerman compiles (POSIX's portable limit).
const MAX_REGEX_BYTES: usize = 256;

/// Deepest `include` nesting powerman allows.
const MAX_INCLUDE_DEPTH: usize = 10;

/// Largest script file read: far more than any device script.
const MAX_FILE_BYTES: u64 = 1024 * 1024;

/// A serial device's line settings where the host gives none (powerman's default).
const DEFAULT_SERIAL: &str = "9600,8n1";

/// Telnet's port: powerman's TCP devices are telnet devices.
const TELNET_PORT: u16 = 23;

/// Longest piece of the device's words quoted in a message.
const MAX_QUOTED_CHARS: usize = 80;

/// How a secret shows in traces and messages.
const MASK: &str = "********";

/// Most bytes a plug name the device reports may have (where plugs come from status_all).
const MAX_PLUG_NAME_BYTES: usize = 256;

/// The helpers whose scripts pductl refuses: it speaks their protocols itself.
const HELPERS: &[(&str, &str)] = &[
    ("snmppower", "SNMP"),
    ("httppower", "HTTP"),
    ("redfishpower", "Redfish"),
];

/// Every script name powerman's lexer knows.
const OPS: &[&str] = &[
    "login",
    "logout",
    "ping",
    "status",
    "status_ranged",
    "status_all",
    "status_soft",
    "status_soft_all",
    "status_temp",
    "status_temp_all",
    "status_beacon",
    "status_beacon_all",
    "beacon_on",
    "beacon_on_ranged",
    "beacon_off",
    "beacon_off_ranged",
    "on",
    "on_ranged",
    "on_all",
    "off",
    "off_ranged",
    "off_all",
    "cycle",
    "cycle_ranged",
    "cycle_all",
    "reset",
    "reset_ranged",
    "reset_all",
];

// ---------------------------------------------------------------------------------------
// The script, as parsed

/// One file's specifications (its includes' too), in order.
#[derive(Debug, Clone)]
pub struct Specs {
    pub specs: Vec<Spec>,
}

/// One `specification "name" { ... }`.
#[derive(Debug, Clone)]
pub struct Spec {
    pub name: String,
    /// The file it is in, for messages.
    pub file: String,
    pub line: usize,
    /// Seconds each script may take.
    pub timeout: Option<f64>,
    pub pingperiod: Option<f64>,
    /// `plug name { ... }`, where given.
    pub plugs: Option<Vec<String>>,
    pub scripts: Vec<Script>,
}

impl Spec {
    pub fn script(&self, op: &str) -> Option<&Script> {
        self.scripts.iter().find(|s| s.op == op)
    }

    pub fn has(&self, op: &str) -> bool {
        self.script(op).is_some()
    }
}

#[derive(Debug, Clone)]
pub struct Script {
    pub op: &'static str,
    pub line: usize,
    pub stmts: Vec<Stmt>,
}

#[derive(Debug, Clone)]
pub struct Stmt {
    pub line: usize,
    pub kind: StmtKind,
}

#[derive(Debug, Clone)]
pub enum StmtKind {
    Send(Vec<u8>),
    Expect(Pattern),
    Delay(f64),
    SetPlugState {
        plug: PlugRef,
        state: usize,
        interps: Vec<(bool, Pattern)>,
    },
    SetResult {
        plug: usize,
        text: usize,
        success: Pattern,
    },
    ForEachPlug(Vec<Stmt>),
    ForEachNode(Vec<Stmt>),
    IfOn(Vec<Stmt>),
    IfOff(Vec<Stmt>),
}

/// Which plug a `setplugstate` sets.
#[derive(Debug, Clone)]
pub enum PlugRef {
    /// Omitted: the plug the script runs for.
    Target,
    Named(String),
    Capture(usize),
}

/// A regex as written in the script, and as pductl runs it.
#[derive(Debug, Clone)]
pub struct Pattern {
    pub text: Vec<u8>,
    pub regex: Regex,
}

// ---------------------------------------------------------------------------------------
// Reading a file

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Str(Vec<u8>),
    Num(String),
    Dollar,
    Begin,
    End,
    Equals,
    Word(String),
    PlugName,
}

impl Tok {
    fn describe(&self) -> String {
        match self {
            Tok::Str(s) => format!("the string \"{}\"", shown(s)),
            Tok::Num(n) => format!("the number {n}"),
            Tok::Dollar => "$".into(),
            Tok::Begin => "{".into(),
            Tok::End => "}".into(),
            Tok::Equals => "=".into(),
            Tok::Word(w) => format!("'{w}'"),
            Tok::PlugName => "'plug name'".into(),
        }
    }
}

#[derive(Debug, Clone)]
struct Token {
    tok: Tok,
    line: usize,
}

/// Bytes of a script, printable, for messages (escaped as C would write them).
fn shown(bytes: &[u8]) -> String {
    let mut out = String::new();
    for &b in bytes {
        match b {
            b'\r' => out.push_str("\\r"),
            b'\n' => out.push_str("\\n"),
            b'\t' => out.push_str("\\t"),
            b'"' => out.push_str("\\\""),
            b'\\' => out.push_str("\\\\"),
            0x20..=0x7e => out.push(b as char),
            _ => {
                let _ = write!(out, "\\{b:03o}");
            }
        }
    }
    out
}

fn lex(file: &str, text: &[u8]) -> Result<Vec<Token>> {
    let bad = |line: usize, why: String| Error::usage(format!("{file}:{line}: {why}"));
    let mut tokens = Vec::new();
    let mut line = 1;
    let mut k = 0;
    while k < text.len() {
        let c = text[k];
        match c {
            b'\n' => {
                line += 1;
                k += 1;
            }
            b' ' | b'\t' | b'\r' => k += 1,
            b'#' => {
                while k < text.len() && text[k] != b'\n' {
                    k += 1;
                }
            }
            b'"' => {
                let start = line;
                k += 1;
                let mut s = Vec::new();
                loop {
                    let Some(&c) = text.get(k) else {
                        return Err(bad(start, "a string is not closed (\")".into()));
                    };
                    k += 1;
                    match c {
                        b'"' => break,
                        b'\n' => {
                            return Err(bad(line, "a string runs past the end of its line".into()))
                        }
                        b'\\' => {
                            let Some(&e) = text.get(k) else {
                                return Err(bad(start, "a string is not closed (\")".into()));
                            };
                            let digits = text[k..].iter().take(3).filter(|b| b.is_ascii_digit());
                            if digits.count() == 3 {
                                // Three digits, read as octal (as strtol does: up to a non-octal one).
                                let mut value: u32 = 0;
                                for &d in &text[k..k + 3] {
                                    if !(b'0'..=b'7').contains(&d) {
                                        break;
                                    }
                                    value = value * 8 + u32::from(d - b'0');
                                }
                                s.push(value as u8);
                                k += 3;
                                continue;
                            }
                            k += 1;
                            s.push(match e {
                                b'a' => 7,
                                b'b' => 8,
                                b'e' => 27,
                                b'f' => 12,
                                b'n' => b'\n',
                                b'r' => b'\r',
                                b't' => b'\t',
                                b'v' => 11,
                                b'\n' => {
                                    line += 1;
                                    b'\n'
                                }
                                other => other,
                            });
                        }
                        other => s.push(other),
                    }
                }
                tokens.push(Token {
                    tok: Tok::Str(s),
                    line: start,
                });
            }
            b'0'..=b'9' | b'.' => {
                let start = k;
                while k < text.len() && text[k].is_ascii_digit() {
                    k += 1;
                }
                if k < text.len() && text[k] == b'.' {
                    k += 1;
                    while k < text.len() && text[k].is_ascii_digit() {
                        k += 1;
                    }
                }
                let number = String::from_utf8_lossy(&text[start..k]).into_owned();
                if number == "." {
                    return Err(bad(line, "unexpected '.'".into()));
                }
                tokens.push(Token {
                    tok: Tok::Num(number),
                    line,
                });
            }
            b'$' | b'{' | b'}' | b'=' => {
                let tok = match c {
                    b'$' => Tok::Dollar,
                    b'{' => Tok::Begin,
                    b'}' => Tok::End,
                    _ => Tok::Equals,
                };
                tokens.push(Token { tok, line });
                k += 1;
            }
            c if c.is_ascii_alphabetic() || c == b'_' => {
                let start = k;
                while k < text.len() && (text[k].is_ascii_alphanumeric() || text[k] == b'_') {
                    k += 1;
                }
                let word = String::from_utf8_lossy(&text[start..k]).into_owned();
                // `plug name` is one token, spaces or tabs between (never a newline).
                let mut after = k;
                while after < text.len() && matches!(text[after], b' ' | b'\t') {
                    after += 1;
                }
                if word == "plug" && after > k && text[after..].starts_with(b"name") {
                    let end = after + 4;
                    let more = text
                        .get(end)
                        .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_');
                    if !more {
                        tokens.push(Token {
                            tok: Tok::PlugName,
                            line,
                        });
                        k = end;
                        continue;
                    }
                }
                tokens.push(Token {
                    tok: Tok::Word(word),
                    line,
                });
            }
            other => {
                return Err(bad(
                    line,
                    format!(
                        "unexpected '{}'",
                        escape_line(&String::from_utf8_lossy(&[other]))
                    ),
                ))
            }
        }
    }
    Ok(tokens)
}

struct Parser<'a> {
    file: &'a str,
    tokens: Vec<Token>,
    at: usize,
    /// The line of the last token, for an error at the end of the file.
    last_line: usize,
}

impl Parser<'_> {
    fn bad(&self, line: usize, why: impl Into<String>) -> Error {
        Error::usage(format!("{}:{line}: {}", self.file, why.into()))
    }

    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.at)
    }

    fn line(&self) -> usize {
        self.peek().map_or(self.last_line, |t| t.line)
    }

    fn next(&mut self, wanted: &str) -> Result<Token> {
        match self.tokens.get(self.at) {
            Some(t) => {
                self.at += 1;
                Ok(t.clone())
            }
            None => Err(self.bad(self.last_line, format!("the file ends where {wanted} goes"))),
        }
    }

    fn unexpected(&self, token: &Token, wanted: &str) -> Error {
        self.bad(
            token.line,
            format!("{} where {wanted} goes", token.tok.describe()),
        )
    }

    fn string(&mut self, wanted: &str) -> Result<(Vec<u8>, usize)> {
        let t = self.next(wanted)?;
        match t.tok {
            Tok::Str(s) => Ok((s, t.line)),
            _ => Err(self.unexpected(&t, wanted)),
        }
    }

    fn number(&mut self, wanted: &str) -> Result<f64> {
        let t = self.next(wanted)?;
        match &t.tok {
            Tok::Num(n) => n
                .parse::<f64>()
                .ok()
                .filter(|x| x.is_finite())
                .ok_or_else(|| self.bad(t.line, format!("{n} is not a number"))),
            _ => Err(self.unexpected(&t, wanted)),
        }
    }

    fn expect_tok(&mut self, tok: Tok, wanted: &str) -> Result<usize> {
        let t = self.next(wanted)?;
        if t.tok == tok {
            Ok(t.line)
        } else {
            Err(self.unexpected(&t, wanted))
        }
    }

    fn is_word(&self, word: &str) -> bool {
        matches!(self.peek(), Some(Token { tok: Tok::Word(w), .. }) if w == word)
    }

    fn is(&self, tok: &Tok) -> bool {
        self.peek().is_some_and(|t| &t.tok == tok)
    }

    /// `$N`.
    fn match_position(&mut self) -> Result<usize> {
        self.expect_tok(Tok::Dollar, "$N (a match position)")?;
        let t = self.next("a match position's number")?;
        match &t.tok {
            Tok::Num(n) if n.bytes().all(|b| b.is_ascii_digit()) && n.len() <= 3 => {
                Ok(n.parse().unwrap_or(0))
            }
            _ => Err(self.unexpected(&t, "a match position's number ($1)")),
        }
    }

    fn file_items(&mut self, specs: &mut Vec<Spec>, depth: usize) -> Result<()> {
        while let Some(t) = self.peek().cloned() {
            let Tok::Word(word) = &t.tok else {
                return Err(self.unexpected(&t, "specification, include or a setting"));
            };
            self.at += 1;
            match word.as_str() {
                "include" => {
                    let (path, line) = self.string("the included file's name in quotes")?;
                    let path = String::from_utf8_lossy(&path).into_owned();
                    let dir = FsPath::new(self.file).parent().unwrap_or(FsPath::new("."));
                    let path = dir.join(path);
                    if depth + 1 >= MAX_INCLUDE_DEPTH {
                        return Err(self.bad(line, "includes are nested too deeply"));
                    }
                    let included = read_file(&path, depth + 1)
                        .map_err(|e| e.noted(&format!(" (included at {}:{line})", self.file)))?;
                    specs.extend(included.specs);
                }
                "specification" => specs.push(self.spec(t.line)?),
                "device" | "node" => {
                    let most = if word == "device" { 4 } else { 3 };
                    let least = most - 1;
                    let mut count = 0;
                    while count < most
                        && matches!(
                            self.peek(),
                            Some(Token {
                                tok: Tok::Str(_),
                                ..
                            })
                        )
                    {
                        self.at += 1;
                        count += 1;
                    }
                    if count < least {
                        return Err(
                            self.bad(t.line, format!("{word} takes {least} or {most} strings"))
                        );
                    }
                }
                "alias" => {
                    self.string("the alias's name")?;
                    self.string("the alias's hosts")?;
                }
                "listen" | "plug_log_level" => {
                    self.string("its value in quotes")?;
                }
                "tcpwrappers" => {
                    if self.is_word("yes") || self.is_word("no") {
                        self.at += 1;
                    }
                }
                other => {
                    return Err(self.bad(
                        t.line,
                        format!("'{other}' where specification, include or a setting goes"),
                    ))
                }
            }
        }
        Ok(())
    }

    fn spec(&mut self, line: usize) -> Result<Spec> {
        let (name, _) = self.string("the specification's name in quotes")?;
        self.expect_tok(Tok::Begin, "{")?;
        let mut spec = Spec {
            name: String::from_utf8_lossy(&name).into_owned(),
            file: self.file.to_string(),
            line,
            timeout: None,
            pingperiod: None,
            plugs: None,
            scripts: Vec::new(),
        };
        let mut items = 0;
        loop {
            let t = self.next("}")?;
            match &t.tok {
                Tok::End if items > 0 => break,
                Tok::End => return Err(self.bad(t.line, "a specification is empty")),
                Tok::Word(w) if w == "timeout" || w == "pingperiod" => {
                    let seconds = self.number("a number of seconds")?;
                    if !(0.0..=1e6).contains(&seconds) {
                        return Err(self.bad(t.line, format!("{w} {seconds} is out of range")));
                    }
                    if w == "timeout" {
                        spec.timeout = Some(seconds);
                    } else {
                        spec.pingperiod = Some(seconds);
                    }
                }
                Tok::PlugName => {
                    if spec.plugs.is_some() {
                        return Err(self.bad(t.line, "duplicate plug list"));
                    }
                    self.expect_tok(Tok::Begin, "{")?;
                    let mut plugs: Vec<String> = Vec::new();
                    while matches!(
                        self.peek(),
                        Some(Token {
                            tok: Tok::Str(_),
                            ..
                        })
                    ) {
                        let (plug, line) = self.string("a plug name")?;
                        let plug = String::from_utf8_lossy(&plug).into_owned();
                        if plugs.contains(&plug) {
                            return Err(self.bad(line, format!("plug \"{plug}\" is named twice")));
                        }
                        if plugs.len() >= MAX_OUTLETS {
                            return Err(self.bad(line, format!("more than {MAX_OUTLETS} plugs")));
                        }
                        plugs.push(plug);
                    }
                    let end = self.next("}")?;
                    if end.tok != Tok::End {
                        return Err(self.unexpected(&end, "a plug name in quotes or }"));
                    }
                    if plugs.is_empty() {
                        return Err(self.bad(t.line, "a plug list names no plugs"));
                    }
                    spec.plugs = Some(plugs);
                }
                Tok::Word(w) if w == "script" => {
                    let op_token = self.next("the script's name (login, status_all, on...)")?;
                    let op = match &op_token.tok {
                        Tok::Word(w) => OPS.iter().copied().find(|op| op == w),
                        _ => None,
                    };
                    let Some(op) = op else {
                        return Err(self.bad(
                            op_token.line,
                            format!(
                                "{} is not a script powerman knows ({})",
                                op_token.tok.describe(),
                                OPS.join(", ")
                            ),
                        ));
                    };
                    if spec.has(op) {
                        return Err(self.bad(op_token.line, format!("duplicate script {op}")));
                    }
                    let stmts = self.block()?;
                    spec.scripts.push(Script {
                        op,
                        line: t.line,
                        stmts,
                    });
                }
                _ => {
                    return Err(self.unexpected(
                        &t,
                        "timeout, pingperiod, plug name, script or the closing }",
                    ))
                }
            }
            items += 1;
        }
        Ok(spec)
    }

    /// `{ stmt+ }`.
    fn block(&mut self) -> Result<Vec<Stmt>> {
        self.expect_tok(Tok::Begin, "{")?;
        let mut stmts = Vec::new();
        loop {
            if self.is(&Tok::End) {
                let line = self.line();
                self.at += 1;
                if stmts.is_empty() {
                    return Err(self.bad(line, "a block has no statements"));
                }
                return Ok(stmts);
            }
            stmts.push(self.stmt()?);
        }
    }

    fn pattern(&mut self, what: &str) -> Result<Pattern> {
        let (text, line) = self.string(&format!("{what}'s regex in quotes"))?;
        let regex = compile(&text).map_err(|why| self.bad(line, why))?;
        Ok(Pattern { text, regex })
    }

    fn stmt(&mut self) -> Result<Stmt> {
        let t = self.next("a statement")?;
        let Tok::Word(word) = &t.tok else {
            return Err(self.unexpected(&t, "a statement (send, expect, delay, setplugstate...)"));
        };
        let kind = match word.as_str() {
            "send" => {
                let (text, line) = self.string("the text to send in quotes")?;
                check_format(&text).map_err(|why| self.bad(line, why))?;
                StmtKind::Send(text)
            }
            "expect" => StmtKind::Expect(self.pattern("expect")?),
            "delay" => {
                let seconds = self.number("a number of seconds")?;
                if !(0.0..=1e6).contains(&seconds) {
                    return Err(self.bad(t.line, format!("delay {seconds} is out of range")));
                }
                StmtKind::Delay(seconds)
            }
            "setplugstate" => {
                let plug = match self.peek().map(|t| &t.tok) {
                    Some(Tok::Str(_)) => {
                        let (name, _) = self.string("a plug name")?;
                        Some(PlugRef::Named(String::from_utf8_lossy(&name).into_owned()))
                    }
                    _ => None,
                };
                let first = self.match_position()?;
                let (plug, state) = match plug {
                    Some(plug) => (plug, first),
                    None if self.is(&Tok::Dollar) => {
                        (PlugRef::Capture(first), self.match_position()?)
                    }
                    None => (PlugRef::Target, first),
                };
                let mut interps = Vec::new();
                while self.is_word("on") || self.is_word("off") {
                    let on = self.is_word("on");
                    self.at += 1;
                    self.expect_tok(Tok::Equals, "=")?;
                    interps.push((on, self.pattern(if on { "on" } else { "off" })?));
                }
                StmtKind::SetPlugState {
                    plug,
                    state,
                    interps,
                }
            }
            "setresult" => {
                let plug = self.match_position()?;
                let text = self.match_position()?;
                if !self.is_word("success") {
                    let line = self.line();
                    return Err(self.bad(line, "setresult needs success = \"regex\""));
                }
                self.at += 1;
                self.expect_tok(Tok::Equals, "=")?;
                StmtKind::SetResult {
                    plug,
                    text,
                    success: self.pattern("success")?,
                }
            }
            "foreachplug" => StmtKind::ForEachPlug(self.block()?),
            "foreachnode" => StmtKind::ForEachNode(self.block()?),
            "ifon" => StmtKind::IfOn(self.block()?),
            "ifoff" => StmtKind::IfOff(self.block()?),
            other => {
                return Err(self.bad(
                    t.line,
                    format!(
                        "'{other}' is not a statement (send, expect, delay, setplugstate, \
                         setresult, foreachplug, foreachnode, ifon, ifoff)"
                    ),
                ))
            }
        };
        Ok(Stmt { line: t.line, kind })
    }
}

/// A send's text: `%s` (at most once) and `%%` are the only conversions.
fn check_format(text: &[u8]) -> std::result::Result<(), String> {
    let mut plugs = 0;
    let mut k = 0;
    while k < text.len() {
        if text[k] == b'%' {
            match text.get(k + 1) {
                Some(b's') => plugs += 1,
                Some(b'%') => {}
                other => {
                    let what = other.map_or("the end".to_string(), |b| {
                        format!("%{}", String::from_utf8_lossy(&[*b]))
                    });
                    return Err(format!(
                        "send \"{}\" has {what}: a send's conversions are %s (the plug) and %%",
                        shown(text)
                    ));
                }
            }
            k += 2;
        } else {
            k += 1;
        }
    }
    if plugs > 1 {
        return Err(format!(
            "send \"{}\" names the plug (%s) more than once",
            shown(text)
        ));
    }
    Ok(())
}

/// Reads a script file and the files it includes.
fn read_file(path: &FsPath, depth: usize) -> Result<Specs> {
    let name = path.display().to_string();
    let cannot = |e: std::io::Error| {
        Error::usage(format!(
            "cannot read powerman script {name}: {}",
            crate::error::io_reason(&e)
        ))
    };
    let meta = std::fs::metadata(path).map_err(cannot)?;
    if meta.len() > MAX_FILE_BYTES {
        return Err(Error::usage(format!(
            "{name} is larger than any powerman script ({} bytes)",
            meta.len()
        )));
    }
    let text = std::fs::read(path).map_err(cannot)?;
    parse_text(&name, &text, depth)
}

/// Parses a script file's text (`file` names it in messages).
pub fn parse_text(file: &str, text: &[u8], depth: usize) -> Result<Specs> {
    let tokens = lex(file, text)?;
    let last_line = tokens.last().map_or(1, |t| t.line);
    let mut parser = Parser {
        file,
        tokens,
        at: 0,
        last_line,
    };
    let mut specs = Vec::new();
    parser.file_items(&mut specs, depth)?;
    for spec in &specs {
        check_spec(spec)?;
    }
    Ok(Specs { specs })
}

/// What a file says that the grammar does not: a send's `%s` or an `ifon` where the script
/// names no plug.
fn check_spec(spec: &Spec) -> Result<()> {
    fn walk(spec: &Spec, op: &str, stmts: &[Stmt], plug: bool) -> Result<()> {
        for stmt in stmts {
            let bad = |why: String| Error::usage(format!("{}:{}: {why}", spec.file, stmt.line));
            match &stmt.kind {
                StmtKind::Send(text) if !plug && text.windows(2).any(|w| w == b"%s") => {
                    // `%%s` is a percent sign and an s.
                    let mut k = 0;
                    while k + 1 < text.len() {
                        if text[k] == b'%' && text[k + 1] == b's' {
                            return Err(bad(format!(
                                "send \"{}\" names the plug (%s), and script {op} runs for \
                                 no plug here (wrap it in foreachplug)",
                                shown(text)
                            )));
                        }
                        k += if text[k] == b'%' { 2 } else { 1 };
                    }
                }
                StmtKind::IfOn(_) | StmtKind::IfOff(_) if !plug => {
                    return Err(bad(format!(
                        "ifon and ifoff test the plug a script runs for, and script {op} \
                         runs for none"
                    )))
                }
                StmtKind::ForEachPlug(inner) | StmtKind::ForEachNode(inner) => {
                    walk(spec, op, inner, true)?
                }
                StmtKind::IfOn(inner) | StmtKind::IfOff(inner) => walk(spec, op, inner, plug)?,
                _ => {}
            }
        }
        Ok(())
    }
    for script in &spec.scripts {
        let plug = !matches!(
            script.op,
            "login"
                | "logout"
                | "ping"
                | "status_all"
                | "status_soft_all"
                | "status_temp_all"
                | "status_beacon_all"
                | "on_all"
                | "off_all"
                | "cycle_all"
                | "reset_all"
        );
        walk(spec, script.op, &script.stmts, plug)?;
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------
// POSIX extended regexes in the `regex` crate's syntax

/// Compiles a script's regex as powerman would run it (see the module doc).
fn compile(pattern: &[u8]) -> std::result::Result<Regex, String> {
    if pattern.len() > MAX_REGEX_BYTES {
        return Err(format!(
            "regex \"{}\" is longer than powerman's {MAX_REGEX_BYTES} bytes",
            shown(pattern)
        ));
    }
    let translated = translate(pattern)
        .map_err(|why| format!("\"{}\" is not a regex ({why})", shown(pattern)))?;
    RegexBuilder::new(&translated)
        .unicode(false)
        .dot_matches_new_line(true)
        .size_limit(1024 * 1024)
        .build()
        .map_err(|e| {
            let first = e.to_string();
            let why = first.lines().last().unwrap_or("invalid").trim().to_string();
            format!("\"{}\" is not a regex ({why})", shown(pattern))
        })
}

/// One byte as a literal of the `regex` crate.
fn literal(out: &mut String, b: u8) {
    if b.is_ascii_alphanumeric() || b == b' ' || b == b'_' {
        out.push(b as char);
    } else {
        let _ = write!(out, "\\x{b:02X}");
    }
}

/// A POSIX extended regex (after powerman's `\r`/`\n` substitution) in `regex` syntax.
fn translate(pattern: &[u8]) -> std::result::Result<String, String> {
    // powerman replaces the two characters `\r` and `\n` before compiling.
    let mut p = Vec::with_capacity(pattern.len());
    let mut k = 0;
    while k < pattern.len() {
        match (pattern[k], pattern.get(k + 1)) {
            (b'\\', Some(b'r')) => {
                p.push(b'\r');
                k += 2;
            }
            (b'\\', Some(b'n')) => {
                p.push(b'\n');
                k += 2;
            }
            (b, _) => {
                p.push(b);
                k += 1;
            }
        }
    }
    let mut at = 0;
    let out = alternation(&p, &mut at, 0)?;
    if at < p.len() {
        return Err("a ) without its (".into());
    }
    Ok(out)
}

/// Alternatives up to a `)` (or the end): each translated; where all are plain words,
/// the longest first (POSIX's longest match).
fn alternation(p: &[u8], at: &mut usize, depth: usize) -> std::result::Result<String, String> {
    if depth > 64 {
        return Err("groups are nested too deeply".into());
    }
    let mut alternatives: Vec<(String, bool, usize)> = Vec::new();
    loop {
        let (text, plain, len) = sequence(p, at, depth)?;
        alternatives.push((text, plain, len));
        if *at < p.len() && p[*at] == b'|' {
            *at += 1;
            continue;
        }
        break;
    }
    if alternatives.len() > 1 && alternatives.iter().all(|(_, plain, _)| *plain) {
        alternatives.sort_by_key(|a| std::cmp::Reverse(a.2));
    }
    Ok(alternatives
        .into_iter()
        .map(|(text, _, _)| text)
        .collect::<Vec<_>>()
        .join("|"))
}

/// One alternative: its translation, whether it is a plain word (literals only), and how
/// many literals.
fn sequence(
    p: &[u8],
    at: &mut usize,
    depth: usize,
) -> std::result::Result<(String, bool, usize), String> {
    let mut out = String::new();
    let mut plain = true;
    let mut literals = 0;
    // Where the last atom begins in `out` (nothing to repeat: None), and whether a
    // repetition follows it already.
    let mut atom: Option<usize> = None;
    let mut repeated = false;
    while *at < p.len() {
        let c = p[*at];
        let start = out.len();
        match c {
            // A `)` outside any group is itself (glibc's ERE).
            b')' if depth > 0 => break,
            b'|' => break,
            b'*' | b'+' | b'?' | b'{' if atom.is_some() => {
                let bound = if c == b'{' {
                    let rest = &p[*at + 1..];
                    let close = rest.iter().position(|&b| b == b'}');
                    close
                        .filter(|&e| {
                            let b = &rest[..e];
                            !b.is_empty()
                                && b[0].is_ascii_digit()
                                && b.iter().all(|&x| x.is_ascii_digit() || x == b',')
                                && b.iter().filter(|&&x| x == b',').count() <= 1
                        })
                        .map(|e| (String::from_utf8_lossy(&rest[..e]).into_owned(), e + 2))
                } else {
                    Some(((c as char).to_string(), 1))
                };
                if let (Some((op, len)), Some(from)) = (bound, atom) {
                    // A repetition of a repetition (`.*?`): POSIX repeats the first's
                    // result, greedily.
                    if repeated {
                        out.insert_str(from, "(?:");
                        out.push(')');
                    }
                    if c == b'{' {
                        let _ = write!(out, "{{{op}}}");
                    } else {
                        out.push_str(&op);
                    }
                    *at += len;
                    plain = false;
                    repeated = true;
                    continue;
                }
                // A `{` that opens no interval is itself.
                literal(&mut out, c);
                literals += 1;
                *at += 1;
            }
            b'(' => {
                *at += 1;
                let inner = alternation(p, at, depth + 1)?;
                if *at >= p.len() || p[*at] != b')' {
                    return Err("a ( without its )".into());
                }
                *at += 1;
                let _ = write!(out, "({inner})");
                plain = false;
            }
            b'^' | b'$' => {
                // `$`: REG_NOTEOL, so the end of the unread text is not a line's end.
                out.push_str(if c == b'^' { "^" } else { "(?:\\b\\B)" });
                plain = false;
                *at += 1;
                atom = None;
                repeated = false;
                continue;
            }
            b'.' => {
                out.push('.');
                plain = false;
                *at += 1;
            }
            b'[' => {
                *at += 1;
                bracket(p, at, &mut out)?;
                plain = false;
            }
            b'\\' => {
                let Some(&e) = p.get(*at + 1) else {
                    return Err("it ends with a backslash".into());
                };
                *at += 2;
                let assertion = match e {
                    b'w' | b'W' | b's' | b'S' => {
                        out.push('\\');
                        out.push(e as char);
                        plain = false;
                        None
                    }
                    b'b' | b'B' => Some(if e == b'b' { "\\b" } else { "\\B" }),
                    b'<' | b'>' => Some("\\b"),
                    b'`' => Some("\\A"),
                    b'\'' => Some("\\z"),
                    b'1'..=b'9' => {
                        return Err(format!(
                            "\\{} is a backreference, which pductl's regexes do not have",
                            e as char
                        ))
                    }
                    other => {
                        literal(&mut out, other);
                        literals += 1;
                        None
                    }
                };
                if let Some(assertion) = assertion {
                    out.push_str(assertion);
                    plain = false;
                    atom = None;
                    repeated = false;
                    continue;
                }
            }
            other => {
                // A repetition with nothing before it is the character itself.
                literal(&mut out, other);
                literals += 1;
                *at += 1;
            }
        }
        atom = Some(start);
        repeated = false;
    }
    Ok((out, plain, literals))
}

/// A bracket expression after its `[`, up to and with its `]`.
fn bracket(p: &[u8], at: &mut usize, out: &mut String) -> std::result::Result<(), String> {
    out.push('[');
    if *at < p.len() && p[*at] == b'^' {
        out.push('^');
        *at += 1;
    }
    let mut first = true;
    // The last single byte, where a `-` after it makes a range.
    loop {
        let Some(&c) = p.get(*at) else {
            return Err("a [ without its ]".into());
        };
        if c == b']' && !first {
            *at += 1;
            out.push(']');
            return Ok(());
        }
        first = false;
        if c == b'[' && matches!(p.get(*at + 1), Some(b':' | b'.' | b'=')) {
            let kind = p[*at + 1];
            let body_start = *at + 2;
            let end = p[body_start..]
                .windows(2)
                .position(|w| w[0] == kind && w[1] == b']')
                .ok_or("a [: without its :]")?;
            let body = &p[body_start..body_start + end];
            *at = body_start + end + 2;
            match kind {
                b':' => {
                    let name = String::from_utf8_lossy(body);
                    const CLASSES: &[&str] = &[
                        "alnum", "alpha", "blank", "cntrl", "digit", "graph", "lower", "print",
                        "punct", "space", "upper", "xdigit",
                    ];
                    if !CLASSES.contains(&name.as_ref()) {
                        return Err(format!("[:{name}:] is not a character class"));
                    }
                    let _ = write!(out, "[:{name}:]");
                }
                _ => match body {
                    [b] => literal(out, *b),
                    _ => return Err("a collating element of more than one character".into()),
                },
            }
            continue;
        }
        *at += 1;
        // A range: `a-z` (a `-` before the `]` is itself).
        if p.get(*at) == Some(&b'-') && p.get(*at + 1).is_some_and(|&b| b != b']') {
            let end = p[*at + 1];
            *at += 2;
            if end < c {
                return Err(format!(
                    "the range {}-{} runs backwards",
                    c as char, end as char
                ));
            }
            literal(out, c);
            out.push('-');
            literal(out, end);
            continue;
        }
        literal(out, c);
    }
}

// ---------------------------------------------------------------------------------------
// Finding a script

/// A powerman script's driver for `spec` (`powerman:NAME`, `powerman:/path/x.dev`, either
/// with `:SPEC`): the file read and checked, the specification chosen.
pub fn load(spec: &str) -> Result<Driver> {
    let id = format!("{PREFIX}{spec}");
    // `FILE:SPEC`, where what follows the last colon is not part of a path.
    let (file, wanted) = match spec.rsplit_once(':') {
        Some((file, name)) if !name.contains('/') && !name.is_empty() && !file.is_empty() => {
            (file, Some(name))
        }
        _ => (spec, None),
    };
    if file.is_empty() {
        return Err(Error::usage(format!(
            "driver \"{id}\" names no script: powerman:NAME reads {SCRIPT_DIR}/NAME.dev, \
             powerman:/path/x.dev a file"
        )));
    }
    let path: PathBuf = if file.contains('/') {
        PathBuf::from(file)
    } else {
        FsPath::new(SCRIPT_DIR).join(format!("{}.dev", file.trim_end_matches(".dev")))
    };
    if !path.exists() {
        let hint = if FsPath::new(SCRIPT_DIR).is_dir() {
            format!("ls {SCRIPT_DIR} lists the scripts there")
        } else {
            format!(
                "{SCRIPT_DIR} is missing: Debian's powerman package installs the scripts \
                 there (apt install powerman)"
            )
        };
        return Err(Error::usage(format!(
            "no powerman script {} for driver \"{id}\" ({hint})",
            path.display()
        )));
    }
    let specs = read_file(&path, 0)?;
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let names: Vec<&str> = specs.specs.iter().map(|s| s.name.as_str()).collect();
    let chosen = match wanted {
        Some(name) => specs.specs.iter().find(|s| s.name == name),
        None if specs.specs.len() == 1 => specs.specs.first(),
        None => specs.specs.iter().find(|s| s.name == stem),
    };
    let Some(chosen) = chosen else {
        let listed = if names.is_empty() {
            "none".to_string()
        } else {
            names.join(", ")
        };
        return Err(Error::usage(match wanted {
            Some(name) => format!(
                "{} has no specification \"{name}\" (it has: {listed})",
                path.display()
            ),
            None if names.is_empty() => format!("{} has no specification", path.display()),
            None => format!(
                "{} has several specifications ({listed}): name one, as \
                 driver = \"{PREFIX}{file}:{}\"",
                path.display(),
                names[0]
            ),
        }));
    };
    let spec = Arc::new(chosen.clone());
    let mut header: super::DriverFile = toml_edit::de::from_str(
        "[driver]\nid = \"powerman\"\ntransport = \"powerman\"\nvendor = \"powerman\"\n",
    )
    .map_err(|e| Error::usage(format!("{id}: {}", e.message())))?;
    header.driver.id = id.clone();
    header.driver.description = format!("powerman specification \"{}\"", spec.name);
    header.driver.tested = "(powerman's own script)".into();
    Ok(Driver {
        text: describe(&spec, &path.display().to_string(), &id),
        source: path.display().to_string(),
        file: header,
        powerman: Some(spec),
    })
}

/// What pductl understood of a spec, as `drivers show` prints it: the spec in the
/// language's own form, its secrets masked.
fn describe(spec: &Spec, path: &str, id: &str) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# {id}: specification \"{}\" of {path}:{}, as pductl runs it.",
        spec.name, spec.line
    );
    let plugs = match &spec.plugs {
        Some(p) => format!("plugs {}", p.join(" ")),
        None => "no plugs: the profile's outlets = [\"name\", ...] names them".into(),
    };
    let timeout = spec
        .timeout
        .map_or("no timeout (the profile's)".into(), |t| {
            format!("{t} s per script")
        });
    let reads = ["status_all", "status", "status_ranged"]
        .into_iter()
        .find(|op| spec.has(op))
        .unwrap_or("none");
    let verb = |base: &str| {
        let found: Vec<String> = [
            format!("{base}_all"),
            base.to_string(),
            format!("{base}_ranged"),
        ]
        .into_iter()
        .filter(|op| spec.has(op))
        .collect();
        if found.is_empty() {
            "none".to_string()
        } else {
            found.join(", ")
        }
    };
    let _ = writeln!(out, "# {plugs}; {timeout}");
    let _ = writeln!(
        out,
        "# read: {reads}; on: {}; off: {}; cycle: {}",
        verb("on"),
        verb("off"),
        verb("cycle")
    );
    let _ = writeln!(
        out,
        "# reach it with host = \"name\" (port, default 23: telnet), \"/dev/ttyS0\" (serial) or \
         \"program args |&\" (a coprocess)"
    );
    let _ = writeln!(out, "specification \"{}\" {{", spec.name);
    if let Some(t) = spec.timeout {
        let _ = writeln!(out, "\ttimeout {t}");
    }
    if let Some(p) = spec.pingperiod {
        let _ = writeln!(out, "\tpingperiod {p}");
    }
    if let Some(plugs) = &spec.plugs {
        let names: Vec<String> = plugs
            .iter()
            .map(|p| format!("\"{}\"", shown(p.as_bytes())))
            .collect();
        let _ = writeln!(out, "\tplug name {{ {} }}", names.join(" "));
    }
    for script in &spec.scripts {
        let _ = writeln!(out, "\tscript {} {{", script.op);
        let secrets = secret_sends(script);
        write_stmts(&mut out, &script.stmts, 2, &secrets);
        let _ = writeln!(out, "\t}}");
    }
    out.push('}');
    out
}

fn write_stmts(out: &mut String, stmts: &[Stmt], depth: usize, secrets: &[usize]) {
    let pad = "\t".repeat(depth);
    for stmt in stmts {
        let _ = match &stmt.kind {
            StmtKind::Send(text) if secrets.contains(&stmt.line) => {
                writeln!(out, "{pad}send \"{MASK}\"")
            }
            StmtKind::Send(text) => writeln!(out, "{pad}send \"{}\"", shown(text)),
            StmtKind::Expect(p) => writeln!(out, "{pad}expect \"{}\"", shown(&p.text)),
            StmtKind::Delay(s) => writeln!(out, "{pad}delay {s}"),
            StmtKind::SetPlugState {
                plug,
                state,
                interps,
            } => {
                let plug = match plug {
                    PlugRef::Target => String::new(),
                    PlugRef::Named(n) => format!("\"{}\" ", shown(n.as_bytes())),
                    PlugRef::Capture(k) => format!("${k} "),
                };
                let interps: String = interps
                    .iter()
                    .map(|(on, p)| {
                        format!(" {}=\"{}\"", if *on { "on" } else { "off" }, shown(&p.text))
                    })
                    .collect();
                writeln!(out, "{pad}setplugstate {plug}${state}{interps}")
            }
            StmtKind::SetResult {
                plug,
                text,
                success,
            } => writeln!(
                out,
                "{pad}setresult ${plug} ${text} success=\"{}\"",
                shown(&success.text)
            ),
            StmtKind::ForEachPlug(inner)
            | StmtKind::ForEachNode(inner)
            | StmtKind::IfOn(inner)
            | StmtKind::IfOff(inner) => {
                let word = match &stmt.kind {
                    StmtKind::ForEachPlug(_) => "foreachplug",
                    StmtKind::ForEachNode(_) => "foreachnode",
                    StmtKind::IfOn(_) => "ifon",
                    _ => "ifoff",
                };
                let _ = writeln!(out, "{pad}{word} {{");
                write_stmts(out, inner, depth + 1, secrets);
                writeln!(out, "{pad}}}")
            }
        };
    }
}

/// The lines of a login's sends that carry a secret: the answer to a password prompt (the
/// expect before it names "pass" or "word"), or an `auth` command.
fn secret_sends(script: &Script) -> Vec<usize> {
    let mut lines = Vec::new();
    if script.op != "login" {
        return lines;
    }
    let mut prompt = false;
    for stmt in &script.stmts {
        match &stmt.kind {
            StmtKind::Expect(p) => {
                let text = String::from_utf8_lossy(&p.text).to_ascii_lowercase();
                prompt = text.contains("pass") || text.contains("word");
            }
            StmtKind::Send(text) => {
                let lower = String::from_utf8_lossy(text).to_ascii_lowercase();
                if prompt || lower.starts_with("auth ") {
                    lines.push(stmt.line);
                }
                prompt = false;
            }
            _ => {}
        }
    }
    lines
}

/// The secret words of a login (what `secret_sends` finds, trimmed; an `auth` command's
/// argument), for masking what the device echoes.
fn secret_words(spec: &Spec) -> Vec<Vec<u8>> {
    let Some(login) = spec.script("login") else {
        return Vec::new();
    };
    let lines = secret_sends(login);
    let mut words = Vec::new();
    for stmt in &login.stmts {
        if let StmtKind::Send(text) = &stmt.kind {
            if !lines.contains(&stmt.line) {
                continue;
            }
            let text = String::from_utf8_lossy(text);
            let text = text.trim();
            let word = text
                .strip_prefix("auth ")
                .or(text.strip_prefix("AUTH "))
                .unwrap_or(text)
                .trim();
            if word.len() >= 2 {
                words.push(word.as_bytes().to_vec());
            }
        }
    }
    words
}

// ---------------------------------------------------------------------------------------
// Running a spec

/// A device a powerman script drives, ready to serve; nothing is connected until the
/// first exchange.
pub fn driver_powerman(device: &DeviceConfig, driver: &Driver) -> Result<Box<dyn Transport>> {
    let Some(spec) = driver.powerman.clone() else {
        return Err(Error::usage(format!(
            "driver {} is not a powerman script",
            driver.file.driver.id
        )));
    };
    let name = driver.file.driver.id.clone();
    if device.password.is_some() {
        return Err(Error::usage(format!(
            "device {}: {name}'s scripts carry their own credentials (its login sends what \
             {} says); remove the password from the profile, or copy the script, edit its \
             login and name the copy (driver = \"{PREFIX}/path/copy.dev\")",
            device.name, spec.file
        )));
    }
    if let Some(login) = spec.script("login") {
        for stmt in &login.stmts {
            if let StmtKind::Expect(p) = &stmt.kind {
                let text = String::from_utf8_lossy(&p.text);
                if let Some((helper, speaks)) = HELPERS.iter().find(|(h, _)| text.contains(h)) {
                    return Err(Error::Unsupported(format!(
                        "device {}: {name} drives powerman's {helper} helper, and pductl speaks \
                         {speaks} itself: use one of its drivers instead (pductl drivers list)",
                        device.name
                    )));
                }
            }
        }
    }
    let host = device.host.trim();
    let (connect, label) = if let Some(command) = host.strip_suffix("|&") {
        let argv: Vec<String> = command.split_whitespace().map(str::to_string).collect();
        if argv.is_empty() {
            return Err(Error::usage(format!(
                "device {}: host \"{host}\" names no program before |&",
                device.name
            )));
        }
        if let Some((helper, speaks)) = HELPERS
            .iter()
            .find(|(h, _)| FsPath::new(&argv[0]).file_name().is_some_and(|f| f == *h))
        {
            return Err(Error::Unsupported(format!(
                "device {}: {helper} is powerman's {speaks} helper, and pductl speaks {speaks} \
                 itself: use one of its drivers instead (pductl drivers list)",
                device.name
            )));
        }
        let label = device.label(&format!("command {}", argv[0]));
        (Connect::Command { argv }, label)
    } else if host.contains("|&") {
        return Err(Error::usage(format!(
            "device {}: a coprocess host ends with |& (\"program args |&\"), not \"{host}\"",
            device.name
        )));
    } else if host.starts_with('/') {
        // powerman.conf gives a serial device its line settings as a string of their own:
        // here they follow the path (`"/dev/ttyS0 19200,8n1"`), 9600,8n1 by default.
        let mut words = host.split_whitespace();
        let path = words.next().unwrap_or(host).to_string();
        let settings = words.next().unwrap_or(DEFAULT_SERIAL);
        if let Some(extra) = words.next() {
            return Err(Error::usage(format!(
                "device {}: host \"{host}\" has \"{extra}\" after the serial port and its \
                 settings (\"/dev/ttyS0 9600,8n1\")",
                device.name
            )));
        }
        let line = SerialLine::parse(settings)
            .map_err(|why| Error::usage(format!("device {}: {why}", device.name)))?;
        let label = device.label(&path);
        (Connect::Serial { path, line }, label)
    } else {
        let port = device.port.unwrap_or(TELNET_PORT);
        let address = if host.contains(':') {
            format!("[{host}]:{port}")
        } else {
            format!("{host}:{port}")
        };
        let label = device.label(&address);
        (
            Connect::Telnet {
                host: host.to_string(),
                port,
            },
            label,
        )
    };
    let outlets = outlets(device, &spec, &name)?;
    // The profile's timeout bounds each script; where it gives none (the default), the
    // spec's.
    let script_timeout = match spec.timeout {
        Some(seconds) if !device.timeout_given && seconds > 0.0 => Duration::from_secs_f64(seconds),
        _ => device.timeout,
    };
    let opener = SessionBackend::opener(device, label.clone(), name.clone(), connect);
    Ok(Box::new(PowermanDevice {
        secrets: secret_words(&spec),
        label,
        name,
        spec,
        outlets,
        opener,
        script_timeout,
        trace: device.trace,
        retrier: device.retrier(),
        conn: tokio::sync::Mutex::new(None),
    }))
}

/// pductl's outlets, as plug names: the spec's plugs (those the profile's `outlets` keeps),
/// or the profile's names where the spec has none; empty: what status_all reports.
fn outlets(device: &DeviceConfig, spec: &Spec, name: &str) -> Result<Vec<String>> {
    match (&spec.plugs, &device.outlets) {
        (Some(plugs), None) => Ok(plugs.clone()),
        (Some(plugs), Some(OutletsSetting::Count(n))) => {
            if *n > plugs.len() {
                return Err(Error::usage(format!(
                    "device {}: outlets = {n}, and {name} has {} plugs",
                    device.name,
                    plugs.len()
                )));
            }
            Ok(plugs[..*n].to_vec())
        }
        (Some(plugs), Some(OutletsSetting::Ids(ids))) => {
            if let Some(unknown) = ids.iter().find(|id| !plugs.contains(id)) {
                return Err(Error::usage(format!(
                    "device {}: outlets names plug \"{}\", which {name} does not have (its \
                     plugs: {})",
                    device.name,
                    escape_line(unknown),
                    plugs.join(", ")
                )));
            }
            Ok(ids.clone())
        }
        (None, Some(OutletsSetting::Ids(ids))) => Ok(ids.clone()),
        (None, Some(OutletsSetting::Count(_))) => Err(Error::usage(format!(
            "device {}: {name} names no plugs, so outlets names them: outlets = [\"node1\", \
             \"node2\"]",
            device.name
        ))),
        (None, None) => {
            let loops = spec
                .script("status_all")
                .is_some_and(|s| has_loop(&s.stmts));
            if spec.has("status_all") && !loops {
                Ok(Vec::new())
            } else {
                Err(Error::usage(format!(
                    "device {}: {name} names no plugs and cannot list them: name them in the \
                     profile (outlets = [\"node1\", \"node2\"])",
                    device.name
                )))
            }
        }
    }
}

fn has_loop(stmts: &[Stmt]) -> bool {
    stmts.iter().any(|s| match &s.kind {
        StmtKind::ForEachPlug(_) | StmtKind::ForEachNode(_) => true,
        StmtKind::IfOn(inner) | StmtKind::IfOff(inner) => has_loop(inner),
        _ => false,
    })
}

pub struct PowermanDevice {
    /// `lab (10.0.0.5:23)`, for messages.
    label: String,
    /// `powerman:wti`, for messages.
    name: String,
    spec: Arc<Spec>,
    /// pductl's outlets as plug names; empty where status_all lists them.
    outlets: Vec<String>,
    /// Opens the conversation (telnet, TCP, a coprocess) as session drivers do.
    opener: SessionBackend,
    /// What each script may take, all its steps together.
    script_timeout: Duration,
    trace: bool,
    retrier: Retrier,
    /// Masked wherever the device's words are shown.
    secrets: Vec<Vec<u8>>,
    /// The run's conversation, once logged in; dropped after a failed script.
    conn: tokio::sync::Mutex<Option<Conn>>,
}

/// What a script left behind: the plug states it set (in the order first set), and the
/// plugs a `setresult` said failed.
#[derive(Debug, Default)]
struct Outcome {
    states: Vec<(String, Option<bool>)>,
    failures: Vec<(String, String)>,
}

impl Outcome {
    fn set(&mut self, plug: &str, state: Option<bool>) {
        match self.states.iter_mut().find(|(p, _)| p == plug) {
            Some(entry) => entry.1 = state,
            None => self.states.push((plug.to_string(), state)),
        }
    }

    fn state(&self, plug: &str) -> Option<Option<bool>> {
        self.states.iter().find(|(p, _)| p == plug).map(|(_, s)| *s)
    }
}

/// One script running on the conversation.
struct Exec<'a> {
    dev: &'a PowermanDevice,
    conn: &'a mut Conn,
    op: &'static str,
    deadline: Instant,
    /// The last expect's groups, `$0` first.
    captures: Vec<Option<Vec<u8>>>,
    outcome: Outcome,
}

type Step<'b> = Pin<Box<dyn Future<Output = Result<()>> + Send + 'b>>;

impl Exec<'_> {
    fn at(&self, stmt: &Stmt) -> String {
        format!("{}:{}", self.dev.spec.file, stmt.line)
    }

    fn capture(&self, k: usize) -> Option<&[u8]> {
        self.captures.get(k).and_then(|c| c.as_deref())
    }

    /// Runs `stmts` for `target` (the plugs `%s` and an omitted setplugstate plug name).
    fn run<'b>(&'b mut self, stmts: &'b [Stmt], target: &'b [String]) -> Step<'b> {
        Box::pin(async move {
            for stmt in stmts {
                self.stmt(stmt, target).await?;
            }
            Ok(())
        })
    }

    async fn stmt(&mut self, stmt: &Stmt, target: &[String]) -> Result<()> {
        let dev = self.dev;
        match &stmt.kind {
            StmtKind::Send(format) => {
                let bytes = fill_format(format, target);
                let shown = if dev.secret_line(self.op, stmt.line) {
                    MASK.to_string()
                } else {
                    dev.masked(&bytes)
                };
                dev.trace(&format!(
                    "{} {}: send \"{}\"",
                    self.op,
                    self.at(stmt),
                    shown
                ));
                self.conn.write(&bytes).await.map_err(|e| {
                    Error::HungUp(format!(
                        "{}: script {} could not send at {}: {} ({})",
                        dev.label,
                        self.op,
                        self.at(stmt),
                        crate::error::io_reason(&e),
                        dev.name
                    ))
                })
            }
            StmtKind::Expect(pattern) => self.expect(stmt, pattern).await,
            StmtKind::Delay(seconds) => {
                dev.trace(&format!("{} {}: delay {seconds} s", self.op, self.at(stmt)));
                let until = Instant::now() + Duration::from_secs_f64(*seconds);
                if until > self.deadline {
                    tokio::time::sleep_until(self.deadline).await;
                    return Err(Error::Timeout(format!(
                        "{}: script {}'s delay at {} runs past its {} ({})",
                        dev.label,
                        self.op,
                        self.at(stmt),
                        human_duration(dev.script_timeout),
                        dev.name
                    )));
                }
                tokio::time::sleep_until(until).await;
                Ok(())
            }
            StmtKind::SetPlugState {
                plug,
                state,
                interps,
            } => {
                let name = match plug {
                    PlugRef::Named(n) => Some(n.clone()),
                    PlugRef::Capture(k) => self
                        .capture(*k)
                        .map(|b| String::from_utf8_lossy(b).into_owned()),
                    PlugRef::Target => target.first().cloned(),
                };
                let (Some(name), Some(text)) = (name, self.capture(*state)) else {
                    return Ok(());
                };
                if !dev.knows(&name) {
                    return Ok(());
                }
                let value = interps
                    .iter()
                    .find(|(_, p)| p.regex.is_match(text))
                    .map(|(on, _)| *on);
                if self.outcome.states.len() >= MAX_OUTLETS && self.outcome.state(&name).is_none() {
                    return Err(Error::BadResponse(format!(
                        "{} reported more than {MAX_OUTLETS} plugs, more than any device has \
                         ({})",
                        dev.label, dev.name
                    )));
                }
                dev.trace(&format!(
                    "{} {}: plug {name} is {}",
                    self.op,
                    self.at(stmt),
                    match value {
                        Some(true) => "on",
                        Some(false) => "off",
                        None => "unknown",
                    }
                ));
                self.outcome.set(&name, value);
                Ok(())
            }
            StmtKind::SetResult {
                plug,
                text,
                success,
            } => {
                let (Some(name), Some(text)) = (self.capture(*plug), self.capture(*text)) else {
                    return Ok(());
                };
                if !success.regex.is_match(text) {
                    let name = String::from_utf8_lossy(name).into_owned();
                    let said = dev.quoted(text);
                    self.outcome.failures.push((name, said));
                }
                Ok(())
            }
            StmtKind::ForEachPlug(inner) | StmtKind::ForEachNode(inner) => {
                // As powerman: a ranged status iterates the plugs it runs for; otherwise
                // foreachplug walks every plug of the spec, foreachnode pductl's outlets.
                let plugs: Vec<String> = match (&stmt.kind, &dev.spec.plugs) {
                    _ if self.op == "status_ranged" => target.to_vec(),
                    (StmtKind::ForEachPlug(_), Some(plugs)) => plugs.clone(),
                    _ => dev.outlets.clone(),
                };
                for plug in plugs {
                    self.run(inner, std::slice::from_ref(&plug)).await?;
                }
                Ok(())
            }
            StmtKind::IfOn(inner) | StmtKind::IfOff(inner) => {
                let want = matches!(stmt.kind, StmtKind::IfOn(_));
                let plug = target.first().cloned().unwrap_or_default();
                match self.outcome.state(&plug).flatten() {
                    Some(state) if state == want => self.run(inner, target).await,
                    Some(_) => Ok(()),
                    None => Err(Error::BadResponse(format!(
                        "{}: script {} tests plug {plug}'s state at {}, and the device's \
                         answer did not say it ({})",
                        dev.label,
                        self.op,
                        self.at(stmt),
                        dev.name
                    ))),
                }
            }
        }
    }

    async fn expect(&mut self, stmt: &Stmt, pattern: &Pattern) -> Result<()> {
        let dev = self.dev;
        let at = format!(
            "script {}'s expect \"{}\" at {}",
            self.op,
            shown(&pattern.text),
            self.at(stmt)
        );
        loop {
            // A NUL reads as 0xFF, as powerman's C strings make it.
            for b in self.conn.unread.iter_mut().filter(|b| **b == 0) {
                *b = 0xFF;
            }
            if let Some(caps) = pattern.regex.captures(&self.conn.unread) {
                let end = caps.get(0).map_or(0, |m| m.end());
                self.captures = caps
                    .iter()
                    .map(|m| m.map(|m| m.as_bytes().to_vec()))
                    .collect();
                let read: Vec<u8> = self.conn.unread.drain(..end).collect();
                dev.trace(&format!(
                    "{} {}: matched {}",
                    self.op,
                    self.at(stmt),
                    dev.quoted(&read[read.len().saturating_sub(MAX_QUOTED_CHARS)..])
                ));
                return Ok(());
            }
            if self.conn.unread.len() >= MAX_UNREAD_BYTES {
                return Err(Error::BadResponse(format!(
                    "{} sent 1 MiB without what {at} waits for; nothing more is read ({})",
                    dev.label, dev.name
                )));
            }
            if self.conn.closed {
                return Err(Error::HungUp(format!(
                    "{} closed the connection while {at} waited{} ({})",
                    dev.label,
                    dev.tail(&self.conn.unread),
                    dev.name
                )));
            }
            match tokio::time::timeout_at(self.deadline, self.conn.read_more()).await {
                Ok(Ok(_)) => {}
                Ok(Err(e)) => {
                    return Err(Error::HungUp(format!(
                        "{}: the connection failed while {at} waited: {} ({})",
                        dev.label,
                        crate::error::io_reason(&e),
                        dev.name
                    )))
                }
                Err(_) => {
                    return Err(Error::Timeout(format!(
                        "{} did not send what {at} waits for within the script's {}{} ({})",
                        dev.label,
                        human_duration(dev.script_timeout),
                        dev.tail(&self.conn.unread),
                        dev.name
                    )))
                }
            }
        }
    }
}

/// A send's text with `%s` the target plug(s) (several: comma-separated, a hostlist) and
/// `%%` a percent sign.
fn fill_format(format: &[u8], target: &[String]) -> Vec<u8> {
    let mut out = Vec::with_capacity(format.len() + 16);
    let mut k = 0;
    while k < format.len() {
        match (format[k], format.get(k + 1)) {
            (b'%', Some(b's')) => {
                out.extend_from_slice(target.join(",").as_bytes());
                k += 2;
            }
            (b'%', Some(b'%')) => {
                out.push(b'%');
                k += 2;
            }
            (b, _) => {
                out.push(b);
                k += 1;
            }
        }
    }
    out
}

impl PowermanDevice {
    fn trace(&self, what: &str) {
        if self.trace {
            eprintln!(
                "pductl: {}",
                escape_line(&format!("{}: {what}", self.label))
            );
        }
    }

    fn secret_line(&self, op: &str, line: usize) -> bool {
        op == "login"
            && self
                .spec
                .script("login")
                .is_some_and(|s| secret_sends(s).contains(&line))
    }

    /// The device's words (or a send) as text, every secret word masked.
    fn masked(&self, bytes: &[u8]) -> String {
        let mut text = shown(bytes);
        for secret in &self.secrets {
            let secret = shown(secret);
            if !secret.is_empty() {
                text = text.replace(&secret, MASK);
            }
        }
        text
    }

    /// The device's words, masked, shortened and quoted for a message.
    fn quoted(&self, bytes: &[u8]) -> String {
        let text = self.masked(bytes);
        let short: String = text.chars().take(MAX_QUOTED_CHARS).collect();
        let more = if short.len() < text.len() { "..." } else { "" };
        format!("\"{short}{more}\"")
    }

    /// `; it sent "..."` for a message about what an expect waited for.
    fn tail(&self, unread: &[u8]) -> String {
        if unread.is_empty() {
            "; it sent nothing more".to_string()
        } else {
            let from = unread.len().saturating_sub(MAX_QUOTED_CHARS);
            format!("; it last sent {}", self.quoted(&unread[from..]))
        }
    }

    /// Whether a plug of this name is one pductl reads (any, where status_all lists them).
    fn knows(&self, plug: &str) -> bool {
        if self.outlets.is_empty() {
            return !plug.is_empty() && plug.len() <= MAX_PLUG_NAME_BYTES;
        }
        self.outlets.iter().any(|p| p == plug)
            || self
                .spec
                .plugs
                .as_ref()
                .is_some_and(|p| p.iter().any(|x| x == plug))
    }

    /// Runs script `op` for `target` on the conversation (connecting and logging in first
    /// where there is none); a failure ends the conversation.
    async fn try_script(&self, op: &'static str, target: &[String]) -> Result<Outcome> {
        let Some(script) = self.spec.script(op) else {
            return Err(unsupported(
                &self.name,
                &format!("script {op}"),
                "the specification has none",
            ));
        };
        let mut guard = self.conn.lock().await;
        if let Some(conn) = guard.as_mut() {
            if !conn.still_open().await {
                self.trace("the device closed the session; logging in again");
                *guard = None;
            }
        }
        if guard.is_none() {
            let mut conn = self.opener.open().await?;
            if let Some(login) = self.spec.script("login") {
                let mut exec = Exec {
                    dev: self,
                    conn: &mut conn,
                    op: "login",
                    deadline: Instant::now() + self.script_timeout,
                    captures: Vec::new(),
                    outcome: Outcome::default(),
                };
                exec.run(&login.stmts, &[]).await?;
            }
            *guard = Some(conn);
        }
        let Some(conn) = guard.as_mut() else {
            return Err(Error::HungUp(format!("{}: no session", self.label)));
        };
        let mut exec = Exec {
            dev: self,
            conn,
            op,
            deadline: Instant::now() + self.script_timeout,
            captures: Vec::new(),
            outcome: Outcome::default(),
        };
        let result = exec.run(&script.stmts, target).await;
        let outcome = std::mem::take(&mut exec.outcome);
        if result.is_err() {
            *guard = None;
        }
        result?;
        if let Some((plug, said)) = outcome.failures.first() {
            return Err(Error::Refused(format!(
                "{} refused script {op} for {plug}: it answered {said} ({})",
                self.label, self.name
            )));
        }
        Ok(outcome)
    }

    async fn script(&self, op: &'static str, target: &[String], repeat: Repeat) -> Result<Outcome> {
        let what = format!("{} script {op}", self.label);
        self.retrier
            .run(repeat, &what, |_| self.try_script(op, target))
            .await
    }

    /// The outlets' plug names and states, read as the spec allows.
    async fn read(&self) -> Result<(Vec<String>, Vec<Option<bool>>)> {
        let (names, outcome) = if self.spec.has("status_all") {
            let outcome = self.script("status_all", &[], Repeat::Read).await?;
            let names = if self.outlets.is_empty() {
                outcome.states.iter().map(|(p, _)| p.clone()).collect()
            } else {
                self.outlets.clone()
            };
            (names, outcome)
        } else if self.spec.has("status") {
            let mut all = Outcome::default();
            for plug in &self.outlets {
                let one = self
                    .script("status", std::slice::from_ref(plug), Repeat::Read)
                    .await?;
                all.set(plug, one.state(plug).flatten());
            }
            (self.outlets.clone(), all)
        } else if self.spec.has("status_ranged") {
            let outcome = self
                .script("status_ranged", &self.outlets, Repeat::Read)
                .await?;
            (self.outlets.clone(), outcome)
        } else {
            return Err(unsupported(
                &self.name,
                "reading outlets",
                "its specification has no status, status_all or status_ranged script",
            ));
        };
        if names.is_empty() {
            return Err(Error::BadResponse(format!(
                "{} reported no plugs in script status_all's answer ({})",
                self.label, self.name
            )));
        }
        let states = names.iter().map(|n| outcome.state(n).flatten()).collect();
        Ok((names, states))
    }

    fn tree(names: &[String], states: &[Option<bool>]) -> Value {
        let outlets: Vec<Value> = names
            .iter()
            .zip(states)
            .map(|(name, state)| {
                json!({
                    "name": name,
                    "state": state,
                    "transient_state": state,
                    "physical_state": state,
                })
            })
            .collect();
        json!({"relay": {"outlets": outlets}, "meter": {"values": {}}})
    }

    fn mapped<'a>(&'a self, range: &'a dyn Fn(usize) -> String) -> Mapped<'a> {
        Mapped {
            device: &self.label,
            protocol: "powerman",
            range,
            writes: "a powerman script switches outlets",
        }
    }

    /// The scripts that do `base` (on, off, cycle), if any.
    fn can(&self, base: &str) -> bool {
        [
            base.to_string(),
            format!("{base}_all"),
            format!("{base}_ranged"),
        ]
        .iter()
        .any(|op| self.spec.has(op))
    }

    /// Runs `base` (on, off, cycle) for the plugs `names` picks out: the `_all` script
    /// where they are every plug, else the per-plug one, else the ranged one.
    async fn switch(&self, base: &str, plugs: &[String], all_names: &[String]) -> Result<()> {
        let every = match &self.spec.plugs {
            Some(spec_plugs) => spec_plugs.iter().all(|p| plugs.contains(p)),
            None => all_names.iter().all(|p| plugs.contains(p)),
        };
        let op = |suffix: &str| {
            OPS.iter()
                .copied()
                .find(|o| *o == format!("{base}{suffix}"))
        };
        if let (true, Some(all)) = (every, op("_all").filter(|o| self.spec.has(o))) {
            self.script(all, &[], Repeat::Once).await?;
            return Ok(());
        }
        if let Some(one) = op("").filter(|o| self.spec.has(o)) {
            for plug in plugs {
                self.script(one, std::slice::from_ref(plug), Repeat::Once)
                    .await?;
            }
            return Ok(());
        }
        if let Some(ranged) = op("_ranged").filter(|o| self.spec.has(o)) {
            self.script(ranged, plugs, Repeat::Once).await?;
            return Ok(());
        }
        Err(unsupported(
            &self.name,
            &format!("{base} of some of its outlets"),
            &format!("its specification has {base}_all only, for every plug at once"),
        ))
    }
}

fn range(count: usize) -> String {
    format!("outlets 0-{}", count.saturating_sub(1))
}

#[async_trait]
impl Transport for PowermanDevice {
    fn protocol(&self) -> &'static str {
        "powerman"
    }

    async fn get(&self, path: &Path) -> Result<Value> {
        let (names, states) = self.read().await?;
        self.mapped(&range).get(&Self::tree(&names, &states), path)
    }

    async fn outlets_and_meters(&self) -> Result<(Value, Result<Value>)> {
        let (names, states) = self.read().await?;
        self.mapped(&range)
            .outlets_and_meters(&Self::tree(&names, &states))
    }

    async fn set(&self, path: &Path, value: &Value) -> Result<()> {
        match path.last() {
            Some(Segment::Key(f)) if f == "state" || f == "transient_state" => {}
            Some(Segment::Key(f)) if f == "name" => {
                return Err(unsupported(
                    &self.name,
                    &format!("writing {path}"),
                    "powerman scripts do not rename plugs",
                ))
            }
            _ => {
                return Err(unsupported(
                    &self.name,
                    &format!("writing {path}"),
                    "a powerman script switches outlets",
                ))
            }
        }
        let Some(on) = value.as_bool() else {
            return Err(Error::usage(format!(
                "state takes true or false, not {value}"
            )));
        };
        let base = if on { "on" } else { "off" };
        if !self.can(base) {
            return Err(unsupported(
                &self.name,
                &format!("switching outlets {base}"),
                &format!("its specification has no {base}, {base}_all or {base}_ranged script"),
            ));
        }
        let (names, states) = self.read().await?;
        let tree = Self::tree(&names, &states);
        let indices = self.mapped(&range).outlets(&tree, &path.parent())?;
        if indices.is_empty() {
            return Err(selects_nothing(&path.parent(), &self.label));
        }
        let plugs: Vec<String> = indices.iter().map(|&i| names[i].clone()).collect();
        self.switch(base, &plugs, &names).await
    }

    async fn insert(&self, path: &Path, _value: &Value) -> Result<()> {
        Err(super::outlets_are_fixed(
            &self.name,
            &format!("insert at {path}"),
        ))
    }

    async fn remove(&self, path: &Path) -> Result<()> {
        Err(super::outlets_are_fixed(
            &self.name,
            &format!("remove of {path}"),
        ))
    }

    /// `cycle`: the spec's cycle script.
    async fn invoke(&self, path: &Path, args: &[Value]) -> Result<Option<Value>> {
        let call = match path.last() {
            Some(Segment::Key(call)) => call.as_str(),
            _ => "",
        };
        if call != "cycle" || !self.can("cycle") || !args.is_empty() {
            return Err(unsupported(
                &self.name,
                &format!("calling {path}"),
                if self.can("cycle") {
                    "its one call is cycle, without arguments"
                } else {
                    "its specification has no cycle script (cycle with on/off: pductl cycle)"
                },
            ));
        }
        let (names, states) = self.read().await?;
        let tree = Self::tree(&names, &states);
        let indices = self.mapped(&range).outlets(&tree, &path.parent())?;
        if indices.is_empty() {
            return Err(selects_nothing(&path.parent(), &self.label));
        }
        let plugs: Vec<String> = indices.iter().map(|&i| names[i].clone()).collect();
        self.switch("cycle", &plugs, &names).await?;
        Ok(None)
    }

    async fn describe(&self, path: &Path) -> Result<Value> {
        Err(unsupported(
            &self.name,
            &format!("describe of {path}"),
            "powerman scripts have no type descriptions",
        ))
    }

    fn write_attempts(&self) -> u32 {
        self.retrier.writes()
    }

    fn native_cycle(&self) -> NativeCycle {
        if self.can("cycle") {
            NativeCycle::ConfiguredDelay
        } else {
            NativeCycle::None
        }
    }
}

/// The logout script's sends go out as the run lets go of the device.
impl Drop for PowermanDevice {
    fn drop(&mut self) {
        let Some(conn) = self.conn.get_mut().take() else {
            return;
        };
        let mut bytes = Vec::new();
        if let Some(logout) = self.spec.script("logout") {
            collect_sends(&logout.stmts, &mut bytes);
            self.trace(&format!("logout: send \"{}\"", self.masked(&bytes)));
        }
        conn.goodbye(&bytes);
    }
}

fn collect_sends(stmts: &[Stmt], bytes: &mut Vec<u8>) {
    for stmt in stmts {
        match &stmt.kind {
            StmtKind::Send(format) => bytes.extend(fill_format(format, &[])),
            StmtKind::IfOn(inner)
            | StmtKind::IfOff(inner)
            | StmtKind::ForEachPlug(inner)
            | StmtKind::ForEachNode(inner) => collect_sends(inner, bytes),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn re(p: &str) -> Regex {
        compile(p.as_bytes()).unwrap()
    }

    #[test]
    fn posix_regexes_read_as_powerman_reads_them() {
        // \r and \n written in the regex are CR and LF; . matches a newline.
        assert!(re("a\\r\\nb").is_match(b"a\r\nb"));
        assert!(re("a.b").is_match(b"a\nb"));
        // A backslash in brackets is itself; $ never matches; \$ is a dollar.
        assert!(re("[\\.]").is_match(b"\\"));
        assert!(!re("[\\.]").is_match(b"x"));
        assert!(!re("ok$").is_match(b"ok"));
        assert!(re("\\$").is_match(b"$ "));
        // Plain alternatives: the longest first, as POSIX's longest match.
        let caps = re("(On|On Wait)").captures(b"On Wait").unwrap();
        assert_eq!(&caps[1], b"On Wait");
        // Classes, ranges, intervals, a leading ] in brackets, a literal {.
        assert!(re("[[:space:]]+[0-9]{2}").is_match(b" \t42"));
        assert!(re("[]a]").is_match(b"]"));
        assert!(re("a{").is_match(b"a{"));
        assert!(re("^n").is_match(b"n"));
        assert!(!re("^n").is_match(b"an"));
        assert!(compile(b"(a\\1)").unwrap_err().contains("backreference"));
        assert!(compile(b"(ab").unwrap_err().contains("without its"));
        assert!(re("([0-9]+)).*: (On)").is_match(b"12) x: On"));
        assert!(re("power.*? ").is_match(b"power is "));
        assert!(compile(&[b'a'; 300]).unwrap_err().contains("256"));
        // Bytes past ASCII are bytes.
        assert!(re("\u{ff}").is_match("\u{ff}".as_bytes()));
        assert!(compile(&[0xff, b'x']).unwrap().is_match(&[0xff, b'x']));
    }

    #[test]
    fn strings_take_c_escapes_and_files_name_their_lines() {
        let specs = parse_text(
            "t.dev",
            b"# comment\nspecification \"t\" {\n\ttimeout 5\n\tplug name { \"1\" \"2\" }\n\
              \tscript login {\n\t\tsend \"\\033x\\r\\n\\\"%%\"\n\t\texpect \"> \"\n\t}\n}\n",
            0,
        )
        .unwrap();
        let spec = &specs.specs[0];
        assert_eq!(
            spec.plugs.as_deref(),
            Some(&["1".to_string(), "2".to_string()][..])
        );
        let StmtKind::Send(text) = &spec.scripts[0].stmts[0].kind else {
            panic!()
        };
        assert_eq!(text, b"\x1bx\r\n\"%%");
        assert_eq!(spec.scripts[0].stmts[0].line, 6);
        for (text, line, why) in [
            (
                "specification \"t\" {\n script bogus { send \"x\" } }",
                2,
                "not a script",
            ),
            (
                "specification \"t\" {\n script on {\n send \"x\n\" } }",
                3,
                "past the end",
            ),
            (
                "specification \"t\" {\n script login { send \"%s\" } }",
                2,
                "no plug",
            ),
            (
                "specification \"t\" {\n script on { expect \"(x\" } }",
                2,
                "not a regex",
            ),
            (
                "specification \"t\" {\n script on { send \"%d\" } }",
                2,
                "%d",
            ),
            (
                "specification \"t\" {\n script on { }\n }",
                2,
                "no statements",
            ),
            ("specification \"t\" {\n timeout 5\n", 2, "ends where"),
            (
                "specification \"t\" {\n script on { send \"x\" }\n script on { send \"y\" } }",
                3,
                "duplicate",
            ),
            (
                "specification \"t\" {\n script on { setplugstate \"1\" x } }",
                2,
                "'x'",
            ),
        ] {
            let e = parse_text("t.dev", text.as_bytes(), 0)
                .unwrap_err()
                .to_string();
            assert!(e.starts_with(&format!("t.dev:{line}: ")), "{text}: {e}");
            assert!(e.contains(why), "{text}: {e}");
        }
    }

    #[test]
    fn every_installed_script_parses() {
        let Ok(entries) = std::fs::read_dir(SCRIPT_DIR) else {
            eprintln!("{SCRIPT_DIR} is absent: install Debian's powerman to check its scripts");
            return;
        };
        let mut count = 0;
        for entry in entries.flatten() {
            let path = entry.path();
            if path.extension().is_some_and(|x| x == "dev") {
                read_file(&path, 0).unwrap_or_else(|e| panic!("{e}"));
                count += 1;
            }
        }
        assert!(count > 0);
    }

    #[test]
    fn sends_fill_the_plug_and_a_percent() {
        assert_eq!(fill_format(b"on %s\r\n", &["3".into()]), b"on 3\r\n");
        assert_eq!(fill_format(b"%%01%s", &["a".into(), "b".into()]), b"%01a,b");
    }
}
