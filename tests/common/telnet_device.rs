//! A WTI NPS-like network power switch on a loopback telnet port, written from the facts in
//! protocols/drivers-2.md (C1, section 2.2: powerman's wti.dev, fence_wti): it opens with
//! option negotiation (WILL ECHO, WILL SGA, DO TERMINAL-TYPE), asks `Enter Password: `,
//! answers a wrong password with the prompt again, then takes `/s` (the plug table with
//! Plug, Name, Password, Status, Boot Delay and Default columns between `+`-ended rules),
//! `/on N`, `/off N`, `/boot N` (N a plug or `*`, an optional `,y` confirming) and `/x`
//! (logout), each answered with the `NPS> ` prompt. It records what the tests check: logins,
//! password tries, commands, the telnet answers the client sent, bytes streamed.
//!
//! Misbehaving modes: a unit that never asks for the password, and one that streams text
//! forever without ever asking.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};

const IAC: u8 = 255;
const WILL: u8 = 251;
const WONT: u8 = 252;
const DO: u8 = 253;
const DONT: u8 = 254;
const SB: u8 = 250;
const SE: u8 = 240;

/// How the unit behaves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Normal,
    /// Negotiates and shows its banner, then says nothing more.
    NeverPrompts,
    /// Sends lines of text for as long as the client reads them.
    StreamsForever,
}

/// What the unit holds and what it saw.
#[derive(Debug, Default)]
pub struct Seen {
    /// Plug states, plug 1 first.
    pub plugs: Vec<bool>,
    pub names: Vec<String>,
    /// Connections that logged in.
    pub logins: usize,
    /// Every line given at the password prompt.
    pub password_tries: Vec<String>,
    /// Every command line after login (`/s`, `/on 3,y`, `/x`...).
    pub commands: Vec<String>,
    /// The client's option answers: (verb, option).
    pub answers: Vec<(u8, u8)>,
    /// Bytes written in `StreamsForever` mode.
    pub streamed: usize,
}

pub struct WtiNps {
    pub port: u16,
    pub seen: Arc<Mutex<Seen>>,
}

impl WtiNps {
    /// A unit with `plugs` plugs, all off, unnamed, asking for `password`.
    pub fn start(plugs: usize, password: &str, mode: Mode) -> WtiNps {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let seen = Arc::new(Mutex::new(Seen {
            plugs: vec![false; plugs],
            names: vec![String::new(); plugs],
            ..Seen::default()
        }));
        let shared = seen.clone();
        let password = password.to_string();
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else { return };
                let seen = shared.clone();
                let password = password.clone();
                std::thread::spawn(move || {
                    let _ = serve(stream, &seen, &password, mode);
                });
            }
        });
        WtiNps { port, seen }
    }

    pub fn seen(&self) -> std::sync::MutexGuard<'_, Seen> {
        self.seen.lock().unwrap()
    }

    pub fn set_plug(&self, plug: usize, on: bool) {
        self.seen().plugs[plug - 1] = on;
    }

    pub fn name_plug(&self, plug: usize, name: &str) {
        self.seen().names[plug - 1] = name.to_string();
    }
}

/// Reads the client's lines, telnet commands taken out (and recorded).
struct Lines {
    stream: TcpStream,
    pending: Vec<u8>,
    state: u8,
}

impl Lines {
    /// The next line (CR or LF ends it; empty lines skipped), or None at the end.
    fn next(&mut self, seen: &Mutex<Seen>) -> Option<String> {
        let mut byte = [0u8; 1];
        loop {
            if self.stream.read(&mut byte).ok()? == 0 {
                return None;
            }
            let b = byte[0];
            // 0: data, 1: after IAC, 2: after a verb, 3: in SB, 4: IAC in SB.
            match (self.state, b) {
                (0, IAC) => self.state = 1,
                (0, b'\r' | b'\n' | 0) => {
                    if !self.pending.is_empty() {
                        let line = String::from_utf8_lossy(&self.pending).into_owned();
                        self.pending.clear();
                        return Some(line);
                    }
                }
                (0, _) => self.pending.push(b),
                (1, WILL | WONT | DO | DONT) => {
                    self.state = 2;
                    seen.lock().unwrap().answers.push((b, 0));
                }
                (1, SB) => self.state = 3,
                (1, IAC) => {
                    self.pending.push(IAC);
                    self.state = 0;
                }
                (1, _) => self.state = 0,
                (2, option) => {
                    if let Some(last) = seen.lock().unwrap().answers.last_mut() {
                        last.1 = option;
                    }
                    self.state = 0;
                }
                (3, IAC) => self.state = 4,
                (3, _) => {}
                (4, SE) => self.state = 0,
                (4, _) => self.state = 3,
                _ => self.state = 0,
            }
        }
    }
}

const PROMPT: &str = "\r\nNPS> ";

fn serve(
    mut stream: TcpStream,
    seen: &Mutex<Seen>,
    password: &str,
    mode: Mode,
) -> std::io::Result<()> {
    // WILL ECHO, WILL SUPPRESS-GO-AHEAD, DO TERMINAL-TYPE.
    stream.write_all(&[IAC, WILL, 1, IAC, WILL, 3, IAC, DO, 24])?;
    stream.write_all(b"\r\n\r\nWTI Network Power Switch\r\n\r\n")?;
    match mode {
        Mode::Normal => {}
        Mode::NeverPrompts => {
            // Keep the connection open, silent, until the client leaves.
            let mut sink = [0u8; 256];
            while stream.read(&mut sink)? > 0 {}
            return Ok(());
        }
        Mode::StreamsForever => {
            let line =
                b"Plug status changing, please stand by ......................................\r\n";
            loop {
                stream.write_all(line)?;
                seen.lock().unwrap().streamed += line.len();
            }
        }
    }
    stream.write_all(b"Enter Password: ")?;
    let mut lines = Lines {
        stream: stream.try_clone()?,
        pending: Vec::new(),
        state: 0,
    };
    loop {
        let Some(line) = lines.next(seen) else {
            return Ok(());
        };
        seen.lock().unwrap().password_tries.push(line.clone());
        if line == password {
            break;
        }
        // A wrong password: the prompt again.
        stream.write_all(b"\r\n\r\nEnter Password: ")?;
    }
    seen.lock().unwrap().logins += 1;
    stream.write_all(b"\r\n\r\nNetwork Power Switch v3.02\r\n")?;
    stream.write_all(PROMPT.as_bytes())?;
    while let Some(line) = lines.next(seen) {
        let line = line.trim().to_string();
        seen.lock().unwrap().commands.push(line.clone());
        let (verb, rest) = line.split_once(' ').unwrap_or((line.as_str(), ""));
        let plug = rest.trim().trim_end_matches(",y").trim();
        let answer = match verb {
            "/s" => table(&seen.lock().unwrap()),
            "/x" => return Ok(()),
            "/on" | "/off" | "/boot" => {
                let mut s = seen.lock().unwrap();
                let count = s.plugs.len();
                let plugs: Vec<usize> = match plug {
                    "*" => (0..count).collect(),
                    p => match p.parse::<usize>() {
                        Ok(n) if (1..=count).contains(&n) => vec![n - 1],
                        _ => Vec::new(),
                    },
                };
                if plugs.is_empty() {
                    "\r\nInvalid plug\r\n".to_string()
                } else {
                    for k in plugs {
                        // A reboot ends with the plug on.
                        s.plugs[k] = verb != "/off";
                    }
                    "\r\nProcessing - please wait ...\r\n".to_string()
                }
            }
            _ => "\r\nInvalid command\r\n".to_string(),
        };
        stream.write_all(answer.as_bytes())?;
        stream.write_all(PROMPT.as_bytes())?;
    }
    Ok(())
}

/// The `/s` table: a header with the Default column, rules ending in `+`, a row per plug.
fn table(s: &Seen) -> String {
    let rule = "-----+------------------+-----------------+--------+------------+---------+\r\n";
    let mut out =
        String::from("\r\n\r\nNetwork Power Switch v3.02\r\nSite ID: (undefined)\r\n\r\n");
    out += "Plug | Name             | Password        | Status | Boot Delay | Default |\r\n";
    out += rule;
    for (k, (&on, name)) in s.plugs.iter().zip(&s.names).enumerate() {
        let state = if on { "ON" } else { "OFF" };
        out += &format!(
            " {:<4}| {:<17}| (undefined)     |  {:<5} |   0.5 Secs |   ON    |\r\n",
            k + 1,
            name,
            state
        );
    }
    out += rule;
    out
}
