//! DLI's `uom` command line over SSH (protocols/dli-apis.md section d): each uom verb is
//! `uom <verb> <path> [json...]` run on the unit by the system's `ssh` client, so the user's
//! ssh configuration, agent, keys, known_hosts and jump hosts apply as they do to `ssh`
//! itself.
//!
//! - ssh runs with `BatchMode=yes` and stdin closed: a key or the agent logs in, never a
//!   password, and nothing ever prompts. A host key that is unknown or has changed is a
//!   refusal (exit 3), never a key added by pductl.
//! - Every word of the remote command is quoted for the unit's POSIX shell, so it runs
//!   exactly `uom` with those arguments whatever a path or value holds.
//! - One exchange is one ssh process, killed when its future is dropped (Ctrl-C) or the
//!   device timeout passes, and run under the device's retry policy.
//! - Exchanges share one connection (`ControlMaster`/`ControlPersist`, the socket in a
//!   temporary directory made for this transport): `subscribe`'s polls and the power verbs'
//!   reads cost a session, not a login. The master is told to exit, and the directory
//!   removed, when the transport is dropped; a master left behind by a killed pductl exits
//!   on its own after `CONTROL_PERSIST` idle.
//! - ssh's own failures (exit 255) are told apart by what it says on stderr; any other
//!   non-zero exit is the unit's uom refusing (exit 1, with its message).

use super::http::MAX_RESPONSE_BYTES;
use super::{DeviceConfig, NativeCycle, Protocol, Transport};
use crate::error::{Error, Result};
use crate::output::{escape_line, human_duration};
use crate::path::Path;
use crate::retry::{Repeat, Retrier};
use crate::transport::ssh_stderr::{self, SshFailure, SshSaid};
use async_trait::async_trait;
use serde_json::Value;
use std::ffi::OsString;
use std::path::PathBuf;
use std::process::Stdio;
use std::sync::OnceLock;
use std::time::{Duration, Instant};
use tokio::io::{AsyncRead, AsyncReadExt};

/// What the system's ssh client is given besides the host, port and user.
#[derive(Debug, Clone, Default)]
pub struct SshOptions {
    /// A configuration file (`ssh -F`).
    pub config: Option<PathBuf>,
    /// A private key (`ssh -i`).
    pub identity_file: Option<PathBuf>,
}

/// The ssh client run, found on `PATH`.
const SSH: &str = "ssh";

/// The unit's SSH port.
const DEFAULT_PORT: u16 = 22;

/// Seconds a shared connection stays up with no exchange on it. Long enough for the polls
/// of `subscribe` and the reads of a power verb; short enough that a master left behind by
/// a pductl that was killed (SIGKILL: no clean-up) goes away soon.
const CONTROL_PERSIST: u32 = 30;

/// Most bytes of ssh's stderr kept for messages (the rest is read and dropped).
const MAX_STDERR_BYTES: usize = 64 * 1024;

/// How long the pipes may stay open after ssh has exited. OpenSSH before 8.x leaves a
/// backgrounded master holding stderr; its output is complete once ssh has exited.
const PIPE_GRACE: Duration = Duration::from_millis(200);

/// Longest a unit's message may run in an error line.
const MAX_MESSAGE_CHARS: usize = 400;

/// ssh exits with this on its own failures (ssh(1), EXIT STATUS).
const SSH_FAILED: i32 = 255;

/// A POSIX shell's status for a command it cannot find.
const COMMAND_NOT_FOUND: i32 = 127;

pub struct DliSsh {
    host: String,
    port: u16,
    user: String,
    options: SshOptions,
    /// How messages name the unit: `lab (10.0.0.5:22)`.
    label: String,
    trace: bool,
    retrier: Retrier,
    /// The shared connection's socket directory, made at the first exchange (`None` where
    /// it cannot be: no multiplexing then, one connection per exchange).
    control: OnceLock<Option<Control>>,
}

/// What one ssh process left: its exit status (`None`: killed by a signal), stdout, stderr.
struct Captured {
    status: Option<i32>,
    stdout: Vec<u8>,
    stderr: String,
}

impl DliSsh {
    pub fn new(device: &DeviceConfig) -> Result<DliSsh> {
        if device.host.is_empty() {
            return Err(Error::usage("dli-ssh needs a host"));
        }
        for (key, file) in [
            ("ssh_config", &device.ssh.config),
            ("identity_file", &device.ssh.identity_file),
        ] {
            let Some(file) = file else { continue };
            let why = match std::fs::metadata(file) {
                Ok(m) if m.is_dir() => "it is a directory".to_string(),
                Ok(_) => continue,
                Err(e) => crate::error::io_reason(&e),
            };
            return Err(Error::usage(format!(
                "{key} {} cannot be used: {why}",
                file.display()
            )));
        }
        let port = device.port.unwrap_or(DEFAULT_PORT);
        let address = if device.host.contains(':') {
            format!("[{}]:{port}", device.host)
        } else {
            format!("{}:{port}", device.host)
        };
        Ok(DliSsh {
            host: device.host.clone(),
            port,
            user: device
                .user
                .clone()
                .unwrap_or_else(|| Protocol::DliSsh.default_user().to_string()),
            options: device.ssh.clone(),
            label: device.label(&address),
            trace: device.trace,
            retrier: device.retrier(),
            control: OnceLock::new(),
        })
    }

    /// The shared connection's socket, once its directory exists.
    fn control(&self) -> Option<&Control> {
        if !cfg!(unix) {
            return None;
        }
        self.control
            .get_or_init(|| match Control::create(self.reach(None)) {
                Ok(control) => Some(control),
                Err(e) => {
                    if self.trace {
                        eprintln!(
                            "pductl: no shared ssh connection (cannot make its directory: {}); \
                             one connection per request",
                            crate::error::io_reason(&e)
                        );
                    }
                    None
                }
            })
            .as_ref()
    }

    /// ssh's options to reach the unit (before `--`), with the connect timeout when given.
    fn reach(&self, timeout: Option<Duration>) -> Vec<OsString> {
        let mut args: Vec<OsString> = Vec::new();
        let mut push = |a: &str| args.push(a.into());
        push("-T");
        push("-o");
        push("BatchMode=yes");
        push("-o");
        push("ClearAllForwardings=yes");
        if let Some(timeout) = timeout {
            push("-o");
            push(&format!("ConnectTimeout={}", connect_timeout(timeout)));
        }
        push("-p");
        push(&self.port.to_string());
        push("-l");
        push(&self.user);
        if let Some(config) = &self.options.config {
            args.push("-F".into());
            args.push(config.into());
        }
        if let Some(identity) = &self.options.identity_file {
            args.push("-i".into());
            args.push(identity.into());
        }
        args
    }

    /// The whole ssh command line for one remote command.
    fn command_line(&self, remote: &str, timeout: Duration) -> Vec<OsString> {
        let mut args = self.reach(Some(timeout));
        if let Some(control) = self.control() {
            args.extend(control.options());
        }
        args.push("--".into());
        args.push(self.host.clone().into());
        args.push(remote.into());
        args
    }

    /// `uom <verb> <path> [values]` on the unit, under the device's retry policy; its stdout.
    async fn uom(
        &self,
        verb: &str,
        path: &Path,
        values: &[Value],
        repeat: Repeat,
    ) -> Result<Vec<u8>> {
        let remote = remote_command(verb, path, values);
        let what = format!("ssh {} uom {verb} {path}", self.label);
        self.retrier
            .run(repeat, &what, |attempt| {
                self.exchange(&remote, verb, path, attempt.allowed)
            })
            .await
    }

    /// One ssh process for `remote`, ended at `allowed`. A shared connection that let an
    /// exchange hang or break is closed, so that the next try opens a fresh one rather than
    /// waiting on a connection that is gone.
    async fn exchange(
        &self,
        remote: &str,
        verb: &str,
        path: &Path,
        allowed: Duration,
    ) -> Result<Vec<u8>> {
        let result = self.exchange_once(remote, verb, path, allowed).await;
        if let Err(Error::Timeout(_) | Error::HungUp(_)) = &result {
            if let Some(control) = self.control() {
                control.reset(self.trace).await;
            }
        }
        result
    }

    async fn exchange_once(
        &self,
        remote: &str,
        verb: &str,
        path: &Path,
        allowed: Duration,
    ) -> Result<Vec<u8>> {
        let args = self.command_line(remote, allowed);
        if self.trace {
            let shown: Vec<String> = args
                .iter()
                .map(|a| quote(&a.to_string_lossy()).into_owned())
                .collect();
            eprintln!("pductl: {SSH} {}", escape_line(&shown.join(" ")));
        }
        let started = Instant::now();
        let mut command = tokio::process::Command::new(SSH);
        command
            .args(&args)
            // ssh's messages (strerror's among them) in English, as they are matched below.
            .env("LC_ALL", "C")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .kill_on_drop(true);
        let captured = match tokio::time::timeout(allowed, run(command)).await {
            Ok(captured) => captured.map_err(|e| self.spawn_failed(e))?,
            Err(_) => {
                if self.trace {
                    eprintln!(
                        "pductl: ssh: no answer within {}; stopped",
                        human_duration(allowed)
                    );
                }
                return Err(Error::Timeout(format!(
                    "{} did not answer over ssh within {} (uom {verb} {path})",
                    self.label,
                    human_duration(allowed)
                )));
            }
        };
        let captured = captured?;
        if self.trace {
            eprintln!(
                "pductl: ssh -> {} ({} bytes, {} ms)",
                captured
                    .status
                    .map_or("killed by a signal".to_string(), |c| format!("exit {c}")),
                captured.stdout.len(),
                started.elapsed().as_millis()
            );
        }
        self.judge(captured, verb, path)
    }

    fn spawn_failed(&self, e: std::io::Error) -> Error {
        if e.kind() == std::io::ErrorKind::NotFound {
            Error::usage(format!(
                "dli-ssh runs the system's ssh client, and there is no '{SSH}' on PATH: \
                 install OpenSSH's client (Debian/Ubuntu: openssh-client)"
            ))
        } else {
            Error::usage(format!("cannot run {SSH}: {e}"))
        }
    }

    /// What an ssh exit means: the output of a uom that succeeded, or the error.
    fn judge(&self, captured: Captured, verb: &str, path: &Path) -> Result<Vec<u8>> {
        let Captured {
            status,
            stdout,
            stderr,
        } = captured;
        match status {
            Some(0) => {
                // ssh's warnings (a host key added by a configuration that allows it) and
                // the unit's are shown; anything else it said, with -v.
                for line in stderr.lines().map(str::trim).filter(|l| !l.is_empty()) {
                    let warning = line
                        .get(..8)
                        .filter(|w| w.eq_ignore_ascii_case("warning:"))
                        .map(|_| line[8..].trim_start());
                    match warning {
                        Some(text) => eprintln!("warning: {}: {}", self.label, escape_line(text)),
                        None if self.trace => eprintln!("pductl: ssh: {}", escape_line(line)),
                        None => {}
                    }
                }
                Ok(stdout)
            }
            Some(SSH_FAILED) => Err(classify_ssh_failure(&stderr, &self.label, &self.user)),
            Some(COMMAND_NOT_FOUND) => Err(Error::Unsupported(format!(
                "{} has no uom command ({}): uom over SSH needs DLI firmware 1.8 or later",
                self.label,
                unit_message(&stderr, &stdout)
            ))),
            Some(code) => Err(Error::Refused(format!(
                "{}: uom {verb} {path} failed (exit {code}): {}",
                self.label,
                unit_message(&stderr, &stdout)
            ))),
            None => Err(Error::HungUp(format!(
                "ssh to {} was stopped by a signal during uom {verb} {path}",
                self.label
            ))),
        }
    }

    /// A uom read's answer as JSON.
    fn parse(&self, stdout: &[u8], verb: &str, path: &Path) -> Result<Value> {
        serde_json::from_slice(stdout).map_err(|e| {
            let text = String::from_utf8_lossy(stdout);
            let start: String = text.trim().chars().take(80).collect();
            Error::BadResponse(format!(
                "{} answered uom {verb} {path} with something that is not JSON ({e}){}",
                self.label,
                if start.is_empty() {
                    " (nothing)".to_string()
                } else {
                    format!(": {}", escape_line(&start))
                }
            ))
        })
    }
}

/// Runs ssh to its end: stdout under `MAX_RESPONSE_BYTES` (exit 5 beyond), stderr's first
/// `MAX_STDERR_BYTES`. Outer `Err`: ssh could not be started.
async fn run(mut command: tokio::process::Command) -> std::io::Result<Result<Captured>> {
    let mut child = command.spawn()?;
    let mut stdout = Vec::new();
    let mut stderr = Vec::new();
    let out_pipe = child.stdout.take();
    let err_pipe = child.stderr.take();
    let status = {
        let read_out = drain(out_pipe, &mut stdout, MAX_RESPONSE_BYTES, true);
        let read_err = drain(err_pipe, &mut stderr, MAX_STDERR_BYTES, false);
        tokio::pin!(read_out, read_err);
        let (mut out_done, mut err_done) = (false, false);
        let status = loop {
            tokio::select! {
                status = child.wait() => break status?,
                fits = &mut read_out, if !out_done => {
                    out_done = true;
                    if !fits {
                        return Ok(Err(too_big()));
                    }
                }
                _ = &mut read_err, if !err_done => err_done = true,
            }
        };
        // What ssh wrote before it exited, without waiting on a pipe a backgrounded master
        // may hold.
        let rest = async {
            let out_fits = if out_done {
                true
            } else {
                (&mut read_out).await
            };
            if !err_done {
                (&mut read_err).await;
            }
            out_fits
        };
        if let Ok(false) = tokio::time::timeout(PIPE_GRACE, rest).await {
            return Ok(Err(too_big()));
        }
        status
    };
    Ok(Ok(Captured {
        status: status.code(),
        stdout,
        stderr: String::from_utf8_lossy(&stderr).into_owned(),
    }))
}

fn too_big() -> Error {
    Error::BadResponse(format!(
        "the unit sent more than {} MiB over ssh; refusing to read it",
        MAX_RESPONSE_BYTES / (1024 * 1024)
    ))
}

/// Reads `pipe` to its end into `buf`, keeping at most `cap` bytes; false when there was
/// more. Past `cap` it stops at once with `stop`, else reads and drops the rest (so the
/// writer never blocks).
async fn drain(
    pipe: Option<impl AsyncRead + Unpin>,
    buf: &mut Vec<u8>,
    cap: usize,
    stop: bool,
) -> bool {
    let Some(mut pipe) = pipe else { return true };
    let mut chunk = [0u8; 8192];
    let mut fits = true;
    loop {
        match pipe.read(&mut chunk).await {
            Ok(0) | Err(_) => return fits,
            Ok(n) => {
                let room = cap.saturating_sub(buf.len());
                buf.extend_from_slice(&chunk[..n.min(room)]);
                if n > room {
                    fits = false;
                    if stop {
                        return false;
                    }
                }
            }
        }
    }
}

/// ssh connection sharing, its socket in a private directory.
struct Control {
    /// Holds the socket; removed when dropped.
    dir: tempfile::TempDir,
    /// ssh's options to reach the unit, for `-O exit`.
    reach: Vec<OsString>,
}

impl Control {
    fn create(reach: Vec<OsString>) -> std::io::Result<Control> {
        // A Unix socket's path is short (104 bytes on some systems), and ssh adds a 17-byte
        // suffix while it makes the socket: a long TMPDIR falls back to /tmp.
        let mut base = std::env::temp_dir();
        if base.as_os_str().len() > 60 {
            base = PathBuf::from("/tmp");
        }
        let dir = tempfile::Builder::new()
            .prefix("pductl-ssh-")
            .tempdir_in(base)?;
        Ok(Control { dir, reach })
    }

    fn socket(&self) -> PathBuf {
        self.dir.path().join("c")
    }

    /// ssh's options to share the connection: the first exchange becomes the master and
    /// stays in the background; later ones use it while it lives, and start another when it
    /// has gone.
    fn options(&self) -> Vec<OsString> {
        // ssh expands `%` tokens in a control path.
        let socket = self.socket().to_string_lossy().replace('%', "%%");
        vec![
            "-S".into(),
            socket.into(),
            "-o".into(),
            "ControlMaster=auto".into(),
            "-o".into(),
            format!("ControlPersist={CONTROL_PERSIST}").into(),
        ]
    }
}

impl Control {
    /// ssh's arguments that tell the master to exit.
    fn exit_args(&self) -> Vec<OsString> {
        let mut args = self.reach.clone();
        let socket = self.socket().to_string_lossy().replace('%', "%%");
        for a in ["-S", &socket, "-O", "exit", "--", "pductl-control"] {
            args.push(a.into());
        }
        args
    }

    /// Closes the shared connection (bounded), and forgets its socket: the next exchange
    /// starts another.
    async fn reset(&self, trace: bool) {
        let socket = self.socket();
        if !socket.exists() {
            return;
        }
        if trace {
            eprintln!("pductl: ssh: closing the shared connection; the next try opens another");
        }
        let child = tokio::process::Command::new(SSH)
            .args(self.exit_args())
            .env("LC_ALL", "C")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .kill_on_drop(true)
            .spawn();
        if let Ok(mut child) = child {
            let _ = tokio::time::timeout(Duration::from_secs(2), child.wait()).await;
        }
        let _ = std::fs::remove_file(&socket);
    }
}

impl Drop for Control {
    /// Tells the master to exit (bounded: a master that does not answer is left to its
    /// `ControlPersist`), then removes the directory.
    fn drop(&mut self) {
        if self.socket().exists() {
            let child = std::process::Command::new(SSH)
                .args(self.exit_args())
                .env("LC_ALL", "C")
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn();
            if let Ok(mut child) = child {
                let deadline = Instant::now() + Duration::from_secs(2);
                while matches!(child.try_wait(), Ok(None)) && Instant::now() < deadline {
                    std::thread::sleep(Duration::from_millis(5));
                }
                if matches!(child.try_wait(), Ok(None)) {
                    let _ = child.kill();
                    let _ = child.wait();
                }
            }
        }
    }
}

/// ssh's `ConnectTimeout` (whole seconds, at least 1) for a try of `allowed`.
fn connect_timeout(allowed: Duration) -> u64 {
    allowed.as_secs_f64().ceil().max(1.0) as u64
}

/// `uom <verb> <path> [values...]` for the unit's shell: each word quoted where it needs to
/// be, so the shell hands uom exactly these arguments.
fn remote_command(verb: &str, path: &Path, values: &[Value]) -> String {
    let mut words = vec![
        "uom".to_string(),
        quote(verb).into_owned(),
        quote(&path.to_string()).into_owned(),
    ];
    words.extend(values.iter().map(|v| quote(&v.to_string()).into_owned()));
    words.join(" ")
}

/// `word` for a POSIX shell: as it is when every character is one the shell takes
/// literally, else in single quotes with each `'` written `'\''`.
fn quote(word: &str) -> std::borrow::Cow<'_, str> {
    let literal = |c: char| c.is_ascii_alphanumeric() || "_@%+=:,./-".contains(c);
    if !word.is_empty() && word.chars().all(literal) {
        return word.into();
    }
    format!("'{}'", word.replace('\'', r"'\''")).into()
}

/// The unit's words on a failure, on one line: its stderr (else its stdout), without the
/// `error: ` its uom may start lines with, shortened and escaped.
fn unit_message(stderr: &str, stdout: &[u8]) -> String {
    let stdout = String::from_utf8_lossy(stdout);
    let text = if stderr.trim().is_empty() {
        stdout.as_ref()
    } else {
        stderr
    };
    let lines: Vec<&str> = text
        .lines()
        .map(|l| l.trim())
        .filter(|l| !l.is_empty())
        .map(|l| l.strip_prefix("error: ").unwrap_or(l))
        .collect();
    if lines.is_empty() {
        return "it said nothing".into();
    }
    let joined = lines.join("; ");
    let mut message: String = joined.chars().take(MAX_MESSAGE_CHARS).collect();
    if message.len() < joined.len() {
        message.push_str("...");
    }
    escape_line(&message).into_owned()
}

/// ssh's own failure (exit 255), sorted by what its stderr says: never reached the unit
/// (`Unreachable`: nothing was sent), host key or login refused (`Auth`), a configuration
/// ssh rejects (`Usage`), or a connection lost when the command may have gone out
/// (`HungUp`).
fn classify_ssh_failure(stderr: &str, label: &str, user: &str) -> Error {
    let SshSaid { failure, words } = ssh_stderr::read(stderr);
    match failure {
        SshFailure::HostKeyChanged { offending } => {
            let offending = if offending.is_empty() {
                String::new()
            } else {
                format!(" ({offending})")
            };
            Error::Auth(format!(
                "{label}: the unit's ssh host key has changed from the one in known_hosts\
                 {offending}: it may be a different machine. pductl never replaces a host key: \
                 if the unit was reset or replaced, check its new key and update known_hosts \
                 (ssh-keygen -R HOST, then log in once with ssh)"
            ))
        }
        SshFailure::HostKeyUnknown => Error::Auth(format!(
            "{label}: the unit's ssh host key is not in known_hosts ({words}). pductl \
             never adds a host key: check the unit's key and add it (log in once with ssh, \
             or ssh-keyscan it into known_hosts after checking its fingerprint)"
        )),
        SshFailure::LoginRefused => Error::Auth(format!(
            "{label}: the unit refused the ssh login as '{user}' ({words}). dli-ssh logs in \
             with a key (identity_file or --identity-file, the agent, or the ssh \
             configuration's; a key with a passphrase must be in the agent), never a password; \
             DLI lets only admin in over SSH"
        )),
        SshFailure::Config => Error::usage(format!(
            "ssh rejected its configuration for {label}: {words}"
        )),
        SshFailure::Broken => Error::HungUp(format!(
            "the ssh connection to {label} broke, and the command may have reached the unit: \
             {words}"
        )),
        // Before authentication: the command cannot have been sent.
        SshFailure::Unreachable => {
            Error::Unreachable(format!("cannot reach {label} over ssh: {words}"))
        }
        SshFailure::Other => Error::HungUp(format!(
            "the ssh connection to {label} failed, and the command may have reached the unit: \
             {words}"
        )),
    }
}

#[async_trait]
impl Transport for DliSsh {
    fn protocol(&self) -> &'static str {
        "dli-ssh"
    }

    async fn get(&self, path: &Path) -> Result<Value> {
        let out = self.uom("get", path, &[], Repeat::Read).await?;
        self.parse(&out, "get", path)
    }

    async fn set(&self, path: &Path, value: &Value) -> Result<()> {
        self.uom("set", path, std::slice::from_ref(value), Repeat::Write)
            .await
            .map(drop)
    }

    async fn insert(&self, path: &Path, value: &Value) -> Result<()> {
        self.uom("insert", path, std::slice::from_ref(value), Repeat::Once)
            .await
            .map(drop)
    }

    async fn remove(&self, path: &Path) -> Result<()> {
        self.uom("remove", path, &[], Repeat::Once).await.map(drop)
    }

    async fn invoke(&self, path: &Path, args: &[Value]) -> Result<Option<Value>> {
        let out = self.uom("invoke", path, args, Repeat::Once).await?;
        if out.iter().all(u8::is_ascii_whitespace) {
            return Ok(None);
        }
        self.parse(&out, "invoke", path).map(Some)
    }

    async fn describe(&self, path: &Path) -> Result<Value> {
        let out = self.uom("describe", path, &[], Repeat::Read).await?;
        self.parse(&out, "describe", path)
    }

    fn native_cycle(&self) -> NativeCycle {
        NativeCycle::ConfiguredDelay
    }

    fn write_attempts(&self) -> u32 {
        self.retrier.writes()
    }

    fn explain_set(&self, path: &Path, value: &Value) -> String {
        format!(
            "{}: ssh {} {}",
            self.label,
            self.host,
            quote(&remote_command("set", path, std::slice::from_ref(value)))
        )
    }

    fn explain_invoke(&self, path: &Path, args: &[Value]) -> String {
        format!(
            "{}: ssh {} {}",
            self.label,
            self.host,
            quote(&remote_command("invoke", path, args))
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn path(s: &str) -> Path {
        Path::parse(s).unwrap()
    }

    /// The words a POSIX shell makes of `line`.
    fn shell_words(line: &str) -> Vec<String> {
        let out = std::process::Command::new("sh")
            .arg("-c")
            .arg(format!("for w in {line}; do printf '%s\\0' \"$w\"; done"))
            .output()
            .unwrap();
        assert!(out.status.success());
        String::from_utf8(out.stdout)
            .unwrap()
            .split_terminator('\0')
            .map(String::from)
            .collect()
    }

    #[test]
    fn the_unit_shell_runs_exactly_uom_with_the_arguments() {
        let value = json!("a'b; touch /tmp/x $(id) `id` \"q\" \\ * ~ \n & | > <");
        let line = remote_command(
            "set",
            &path("relay/outlets/all;name=x y/name"),
            std::slice::from_ref(&value),
        );
        let words = shell_words(line.strip_prefix("uom ").unwrap());
        assert_eq!(
            words,
            vec![
                "set".to_string(),
                path("relay/outlets/all;name=x y/name").to_string(),
                value.to_string()
            ]
        );
        for word in ["", "'", "''", "-", "a b", "%x", "~root", "$HOME", "!"] {
            assert_eq!(
                shell_words(&quote(word)),
                vec![word.to_string()],
                "{word:?}"
            );
        }
        assert_eq!(
            remote_command("get", &path("relay/outlets/0/state"), &[]),
            "uom get /relay/outlets/0/state"
        );
        assert_eq!(
            remote_command("set", &path("relay/name"), &[json!("My controller")]),
            r#"uom set /relay/name '"My controller"'"#
        );
        assert_eq!(
            remote_command(
                "invoke",
                &path("relay/set_outlet_transient_states"),
                &[json!([[0, true], [3, false]])]
            ),
            "uom invoke /relay/set_outlet_transient_states '[[0,true],[3,false]]'"
        );
    }

    fn device(timeout: Duration) -> DeviceConfig {
        DeviceConfig {
            name: "lab".into(),
            retries: 0,
            ..DeviceConfig::at(Protocol::DliSsh, "10.0.0.5", None, timeout)
        }
    }

    #[test]
    fn the_command_line_never_prompts_and_names_port_user_and_timeout() {
        let t = DliSsh::new(&device(Duration::from_millis(2500))).unwrap();
        let args: Vec<String> = t
            .command_line("uom get /relay/name", Duration::from_millis(2500))
            .iter()
            .map(|a| a.to_string_lossy().into_owned())
            .collect();
        let joined = args.join(" ");
        for want in [
            "-o BatchMode=yes",
            "-o ConnectTimeout=3",
            "-p 22",
            "-l admin",
            "-- 10.0.0.5 uom get /relay/name",
        ] {
            assert!(joined.contains(want), "{want} missing: {joined}");
        }
        assert!(!joined.contains("StrictHostKeyChecking"), "{joined}");
        assert_eq!(args.last().unwrap(), "uom get /relay/name");
        assert_eq!(t.label, "lab (10.0.0.5:22)");
        assert_eq!(t.native_cycle(), NativeCycle::ConfiguredDelay);
        if cfg!(unix) {
            assert!(joined.contains("ControlMaster=auto"), "{joined}");
            let control = t.control().unwrap();
            let dir = control.dir.path().to_path_buf();
            assert!(dir.is_dir());
            drop(t);
            assert!(!dir.exists(), "the socket directory is removed");
        }
    }

    #[test]
    fn missing_files_are_named_before_ssh_runs() {
        let mut d = device(Duration::from_secs(1));
        d.ssh.identity_file = Some("/nonexistent/key".into());
        let e = DliSsh::new(&d).err().unwrap();
        assert_eq!(e.exit_code(), 2);
        assert!(
            e.to_string().contains("identity_file /nonexistent/key"),
            "{e}"
        );
    }

    #[test]
    fn ssh_failures_are_told_apart() {
        let cases = [
            ("ssh: connect to host 10.0.0.5 port 22: Connection refused\n", 4, "cannot reach"),
            ("ssh: connect to host 10.0.0.5 port 22: No route to host\n", 4, "No route"),
            ("ssh: Could not resolve hostname pdu: Name or service not known\n", 4, "resolve"),
            ("Connection timed out during banner exchange\nConnection to 10.0.0.5 port 22 timed out\n", 4, "cannot reach"),
            ("Host key verification failed.\n", 3, "not in known_hosts"),
            (
                "@@@@\n@    WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED!     @\n\
                 Offending ED25519 key in /home/u/.ssh/known_hosts:3\n\
                 Host key for 10.0.0.5 has changed and you have requested strict checking.\n\
                 Host key verification failed.\n",
                3,
                "known_hosts:3",
            ),
            ("admin@10.0.0.5: Permission denied (publickey).\n", 3, "refused the ssh login as 'admin'"),
            ("/x/cfg: line 1: Bad configuration option: nonsense\n", 2, "configuration"),
            ("Connection to 10.0.0.5 closed by remote host.\n", 5, "may have reached"),
            ("client_loop: send disconnect: Broken pipe\n", 5, "broke"),
            ("kex_exchange_identification: read: Connection reset by peer\n", 4, "cannot reach"),
            ("", 5, "ssh said nothing"),
        ];
        for (stderr, code, needle) in cases {
            let e = classify_ssh_failure(stderr, "lab (10.0.0.5:22)", "admin");
            assert_eq!(e.exit_code(), code, "{stderr:?}: {e}");
            assert!(e.to_string().contains(needle), "{needle:?} not in {e}");
            assert!(!e.to_string().contains('\n'), "{e}");
        }
        assert!(matches!(
            classify_ssh_failure(
                "ssh: connect to host h port 22: Connection refused",
                "h",
                "admin"
            ),
            Error::Unreachable(_)
        ));
    }

    #[test]
    fn a_unit_message_is_one_escaped_line() {
        assert_eq!(
            unit_message("error: lab has no /x (HTTP 404)\n\x1b[31mred\n", b""),
            "lab has no /x (HTTP 404); \\e[31mred"
        );
        assert_eq!(unit_message("", b"not found\n"), "not found");
        assert_eq!(unit_message(" \n", b""), "it said nothing");
        assert!(unit_message(&"x".repeat(5000), b"").len() < MAX_MESSAGE_CHARS + 10);
    }

    #[test]
    fn connect_timeout_is_whole_seconds() {
        assert_eq!(connect_timeout(Duration::from_millis(100)), 1);
        assert_eq!(connect_timeout(Duration::from_secs(2)), 2);
        assert_eq!(connect_timeout(Duration::from_millis(2001)), 3);
    }
}
