//! A line-oriented device on a loopback TCP port, described by a table of facts: what it
//! says on connect, how it logs in (prompts for a user and a password, or an `auth PW`
//! command), its prompt, and a function answering each command line. Each class of
//! tests/session_drivers.rs is a `Dialect` written from protocols/drivers-2.md's facts.
//! It records what the tests check: connections, logins, password tries, command lines.
//!
//! Telnet devices open with option negotiation (WILL ECHO, WILL SGA); whatever the client
//! answers is taken out of its lines. Raw TCP devices send no telnet bytes.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};

const IAC: u8 = 255;

/// How a device logs a client in.
#[derive(Clone, Copy)]
pub enum Login {
    /// No login: the prompt at once.
    None,
    /// Prompts for a password (after a user name, where `user` is given).
    Prompts {
        user: Option<&'static str>,
        password: &'static str,
        /// Sent after a wrong password, before the user (or password) prompt again.
        wrong: &'static str,
    },
    /// A command line `PREFIX PASSWORD` answered `ok` or `wrong` (the ICE Box's `auth`).
    Command {
        prefix: &'static str,
        ok: &'static str,
        wrong: &'static str,
    },
}

/// What a command line does.
pub enum Reply {
    /// This text, then the prompt.
    Text(String),
    /// This text, then the device closes the connection (a logout, an iBoot's answer).
    Close(String),
}

/// A device class, as the tests know it.
#[derive(Clone, Copy)]
pub struct Dialect {
    pub telnet: bool,
    /// Sent on connect, before any login prompt.
    pub banner: &'static str,
    pub login: Login,
    /// Sent after a good login (before the first prompt).
    pub welcome: &'static str,
    /// Sent after each answer, and after the welcome where `prompt_at_login`.
    pub prompt: &'static str,
    /// False where the welcome ends with a prompt of its own (Baytech's menu).
    pub prompt_at_login: bool,
    /// The answer to one command line (login done), given the device's state.
    pub command: fn(&mut Seen, &str) -> Reply,
    /// Lines end at CR or LF (false: at CR only, so an ESC-framed line may hold an LF).
    pub lf_ends_line: bool,
}

/// How the device behaves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Normal,
    /// Says nothing (beyond telnet's negotiation) and waits.
    NeverPrompts,
}

/// What the device holds and what it saw.
#[derive(Debug, Default)]
pub struct Seen {
    /// Outlet states, outlet 1 first.
    pub outlets: Vec<bool>,
    pub names: Vec<String>,
    /// The password it accepts (for dialects that check it in `command`).
    pub password: String,
    pub connections: usize,
    /// Connections that logged in.
    pub logins: usize,
    /// Every line given at a password prompt (or to the `auth` command).
    pub password_tries: Vec<String>,
    /// Every user name given.
    pub users: Vec<String>,
    /// Every command line after login.
    pub commands: Vec<String>,
}

pub struct LineDevice {
    pub port: u16,
    pub seen: Arc<Mutex<Seen>>,
}

impl LineDevice {
    /// A device of `dialect` with `outlets` outlets, all off, asking for `password`.
    pub fn start(dialect: Dialect, outlets: usize, password: &str, mode: Mode) -> LineDevice {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let seen = Arc::new(Mutex::new(Seen {
            outlets: vec![false; outlets],
            names: vec![String::new(); outlets],
            password: password.to_string(),
            ..Seen::default()
        }));
        let shared = seen.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else { return };
                let seen = shared.clone();
                std::thread::spawn(move || {
                    let _ = serve(stream, &seen, dialect, mode);
                });
            }
        });
        LineDevice { port, seen }
    }

    pub fn seen(&self) -> std::sync::MutexGuard<'_, Seen> {
        self.seen.lock().unwrap()
    }

    pub fn set(&self, outlet: usize, on: bool) {
        self.seen().outlets[outlet - 1] = on;
    }

    pub fn name(&self, outlet: usize, name: &str) {
        self.seen().names[outlet - 1] = name.to_string();
    }
}

/// The client's lines, telnet commands taken out.
struct Lines {
    stream: TcpStream,
    pending: Vec<u8>,
    /// 0 data, 1 after IAC, 2 after a verb, 3 in SB, 4 IAC in SB.
    state: u8,
    lf_ends_line: bool,
}

impl Lines {
    fn next(&mut self) -> Option<String> {
        let mut byte = [0u8; 1];
        loop {
            if self.stream.read(&mut byte).ok()? == 0 {
                return None;
            }
            let b = byte[0];
            match (self.state, b) {
                (0, IAC) => self.state = 1,
                (0, b'\r' | 0) => {
                    if let Some(line) = self.take() {
                        return Some(line);
                    }
                }
                (0, b'\n') if self.lf_ends_line => {
                    if let Some(line) = self.take() {
                        return Some(line);
                    }
                }
                (0, b'\n') => {}
                (0, _) => self.pending.push(b),
                (1, 251..=254) => self.state = 2,
                (1, 250) => self.state = 3,
                (1, _) => self.state = 0,
                (2, _) => self.state = 0,
                (3, IAC) => self.state = 4,
                (3, _) => {}
                (4, 240) => self.state = 0,
                (4, _) => self.state = 3,
                _ => self.state = 0,
            }
        }
    }

    fn take(&mut self) -> Option<String> {
        if self.pending.is_empty() {
            return None;
        }
        let line = String::from_utf8_lossy(&self.pending).into_owned();
        self.pending.clear();
        Some(line)
    }
}

fn serve(mut stream: TcpStream, seen: &Mutex<Seen>, d: Dialect, mode: Mode) -> std::io::Result<()> {
    seen.lock().unwrap().connections += 1;
    if d.telnet {
        // WILL ECHO, WILL SUPPRESS-GO-AHEAD.
        stream.write_all(&[IAC, 251, 1, IAC, 251, 3])?;
    }
    if mode == Mode::NeverPrompts {
        let mut sink = [0u8; 256];
        while stream.read(&mut sink)? > 0 {}
        return Ok(());
    }
    stream.write_all(d.banner.as_bytes())?;
    let mut lines = Lines {
        stream: stream.try_clone()?,
        pending: Vec::new(),
        state: 0,
        lf_ends_line: d.lf_ends_line,
    };
    match d.login {
        Login::None | Login::Command { .. } => {}
        Login::Prompts {
            user,
            password,
            wrong,
        } => loop {
            if let Some(prompt) = user {
                stream.write_all(prompt.as_bytes())?;
                let Some(name) = lines.next() else {
                    return Ok(());
                };
                seen.lock().unwrap().users.push(name);
            }
            stream.write_all(password.as_bytes())?;
            let Some(line) = lines.next() else {
                return Ok(());
            };
            let good = {
                let mut s = seen.lock().unwrap();
                s.password_tries.push(line.clone());
                line == s.password
            };
            if good {
                break;
            }
            stream.write_all(wrong.as_bytes())?;
        },
    }
    if let Login::Command { prefix, ok, wrong } = d.login {
        loop {
            let Some(line) = lines.next() else {
                return Ok(());
            };
            let tried = line.strip_prefix(prefix).map(str::to_string);
            let good = {
                let mut s = seen.lock().unwrap();
                let shown = line.replace(&s.password, "<password>");
                s.commands.push(shown);
                if let Some(tried) = &tried {
                    s.password_tries.push(tried.clone());
                }
                tried.as_deref() == Some(s.password.as_str())
            };
            stream.write_all(if good { ok } else { wrong }.as_bytes())?;
            if good {
                break;
            }
        }
    }
    seen.lock().unwrap().logins += 1;
    stream.write_all(d.welcome.as_bytes())?;
    if d.prompt_at_login {
        stream.write_all(d.prompt.as_bytes())?;
    }
    while let Some(line) = lines.next() {
        let line = line.trim().to_string();
        let reply = {
            let mut s = seen.lock().unwrap();
            s.commands.push(line.clone());
            (d.command)(&mut s, &line)
        };
        match reply {
            Reply::Text(text) => {
                stream.write_all(text.as_bytes())?;
                stream.write_all(d.prompt.as_bytes())?;
            }
            Reply::Close(text) => {
                stream.write_all(text.as_bytes())?;
                return Ok(());
            }
        }
    }
    Ok(())
}

/// The outlet a command names (`N`, from 1), if the device has it.
pub fn outlet(s: &Seen, word: &str) -> Option<usize> {
    match word.trim().parse::<usize>() {
        Ok(n) if (1..=s.outlets.len()).contains(&n) => Some(n - 1),
        _ => None,
    }
}
