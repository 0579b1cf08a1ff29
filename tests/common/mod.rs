//! Helpers for the end-to-end tests: start `pductl sim ...` as a child process on an
//! ephemeral loopback port, and run the built `pductl` against it with a private config and
//! state directory.
#![allow(dead_code)]

use assert_cmd::Command;
use std::io::{BufRead, BufReader};
use std::process::{Child, Stdio};
use tempfile::TempDir;

pub mod flaky;
pub mod gateway;
pub mod http_device;
pub mod modbus;
pub mod mosquitto;
pub mod prometheus;
pub mod snmp_table;
pub mod snmpd;
pub mod sshd;
pub mod telnet_device;

pub const BIN: &str = env!("CARGO_BIN_EXE_pductl");
pub const PASSWORD_VAR: &str = "PDUCTL_TEST_PASSWORD";

/// The first line a child started with stdout piped prints: the loopback address that
/// `pductl sim` and `pductl serve` announce once they listen.
pub fn announced_address(child: &mut Child) -> String {
    let mut line = String::new();
    BufReader::new(child.stdout.take().expect("stdout is piped"))
        .read_line(&mut line)
        .expect("the process prints its address");
    let addr = line.trim().to_string();
    assert!(addr.starts_with("127.0.0.1:"), "printed {addr:?}");
    addr
}

/// A simulator process; killed when dropped.
pub struct Sim {
    child: Child,
    pub addr: String,
}

impl Sim {
    /// `pductl sim <kind> --listen 127.0.0.1:0 <args>`, waiting for the bound address.
    pub fn start(kind: &str, args: &[&str]) -> Sim {
        let mut child = std::process::Command::new(BIN)
            .args(["sim", kind, "--listen", "127.0.0.1:0"])
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start simulator");
        let addr = announced_address(&mut child);
        Sim { child, addr }
    }

    pub fn dli(args: &[&str]) -> Sim {
        Sim::start("dli", args)
    }

    pub fn port(&self) -> &str {
        self.addr.rsplit(':').next().unwrap()
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }
}

impl Drop for Sim {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A private home for one test: config and state directories nobody else uses.
pub struct Home {
    pub dir: TempDir,
}

impl Home {
    pub fn new() -> Home {
        Home {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    pub fn config_file(&self) -> std::path::PathBuf {
        self.dir
            .path()
            .join("config")
            .join("pductl")
            .join("config.toml")
    }

    /// Writes the profile file (config.toml) of this home.
    pub fn write_profile(&self, text: &str) -> std::path::PathBuf {
        let file = self.config_file();
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(&file, text).unwrap();
        file
    }

    /// `pductl` with this home, no inherited device or config settings, backtraces off.
    pub fn cmd(&self) -> Command {
        let mut c = Command::from_std(self.std_cmd());
        c.timeout(std::time::Duration::from_secs(60));
        c
    }

    /// The same, as a plain process to spawn and wait for.
    pub fn std_cmd(&self) -> std::process::Command {
        let mut c = std::process::Command::new(BIN);
        c.env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .env("HOME", self.dir.path())
            .env("XDG_CONFIG_HOME", self.dir.path().join("config"))
            .env("XDG_STATE_HOME", self.dir.path().join("state"))
            .env("RUST_BACKTRACE", "0");
        c
    }

    /// `pductl --protocol netio-json` at a NETIO device on loopback `port`, with the default
    /// netio/netio login.
    pub fn netio_at(&self, port: &str) -> Command {
        let mut c = self.cmd();
        c.args([
            "--protocol",
            "netio-json",
            "--host",
            "127.0.0.1",
            "--port",
            port,
        ]);
        c
    }

    /// `physical_state` of outlet `outlet` (from 1) of a simulated DLI controller.
    pub fn dli_state(&self, sim: &Sim, outlet: usize) -> bool {
        let path = format!("relay/outlets/{}/physical_state", outlet - 1);
        json(&self.ok_at(sim, &["get", &path])).as_bool().unwrap()
    }

    /// `physical_state` of outlet `outlet` (from 1) of a NETIO device on loopback `port`.
    pub fn netio_state(&self, port: &str, outlet: usize) -> bool {
        let mut c = self.netio_at(port);
        c.args([
            "get",
            &format!("relay/outlets/{}/physical_state", outlet - 1),
        ]);
        json(&ok(c)).as_bool().unwrap()
    }

    /// `pductl` pointed at a simulator as an ad-hoc device with the default admin login.
    pub fn at(&self, sim: &Sim) -> Command {
        let mut c = self.cmd();
        c.args([
            "--host",
            "127.0.0.1",
            "--port",
            sim.port(),
            "--password-env",
            PASSWORD_VAR,
        ])
        .env(PASSWORD_VAR, "1234");
        c
    }
}

impl Home {
    /// Runs `pductl ARGS` at `sim`, which must succeed; returns stdout.
    pub fn ok_at(&self, sim: &Sim, args: &[&str]) -> String {
        let mut c = self.at(sim);
        c.args(args);
        ok(c)
    }

    /// Runs `pductl ARGS` at `sim`, which must fail as `fails` checks.
    pub fn fails_at(&self, sim: &Sim, args: &[&str], code: i32, needle: &str) -> String {
        let mut c = self.at(sim);
        c.args(args);
        fails(c, code, needle)
    }
}

/// Runs and returns (exit code, stdout, stderr).
pub fn run(mut c: Command) -> (i32, String, String) {
    let out = c.output().expect("run pductl");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Runs a command that must succeed; returns stdout.
pub fn ok(c: Command) -> String {
    let (code, stdout, stderr) = run(c);
    assert_eq!(code, 0, "expected success; stderr: {stderr}");
    stdout
}

/// Runs a command that must fail with `code` and exactly one `error: ...` line on stderr
/// that contains `needle`; returns that line.
pub fn fails(c: Command, code: i32, needle: &str) -> String {
    let (got, stdout, stderr) = run(c);
    assert_eq!(got, code, "exit code; stderr: {stderr}");
    assert_eq!(stdout, "", "nothing on stdout when failing");
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 1, "one line on stderr, got: {stderr:?}");
    assert!(lines[0].starts_with("error: "), "stderr: {stderr}");
    assert!(!stderr.contains("panicked"), "stderr: {stderr}");
    assert!(
        lines[0].contains(needle),
        "expected {needle:?} in {stderr:?}"
    );
    lines[0].to_string()
}

pub fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text.trim()).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"))
}

/// Polls `f` until it returns true or `secs` pass.
pub fn eventually(secs: f64, mut f: impl FnMut() -> bool) -> bool {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs_f64(secs);
    while std::time::Instant::now() < deadline {
        if f() {
            return true;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    f()
}

/// One request as a hand-written test server saw it.
#[derive(Debug, Clone)]
pub struct RawRequest {
    pub method: String,
    pub uri: String,
    /// Header names in lower case.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl RawRequest {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// A hand-written HTTP/1.1 server on loopback that answers each request with the raw bytes
/// its handler returns (one request per connection), and keeps every request it saw. Tests
/// pin a device's answers with it, byte for byte, independently of pductl's simulators.
pub struct RawServer {
    pub port: u16,
    seen: std::sync::Arc<std::sync::Mutex<Vec<RawRequest>>>,
}

impl RawServer {
    pub fn start(handler: impl Fn(&RawRequest) -> String + Send + 'static) -> RawServer {
        use std::io::{Read, Write};
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let seen = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let log = seen.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(mut stream) = stream else { continue };
                let mut reader = BufReader::new(stream.try_clone().unwrap());
                let mut line = String::new();
                if reader.read_line(&mut line).is_err() || line.is_empty() {
                    continue;
                }
                let mut parts = line.split_whitespace();
                let method = parts.next().unwrap_or("").to_string();
                let uri = parts.next().unwrap_or("").to_string();
                let mut headers = Vec::new();
                loop {
                    let mut h = String::new();
                    if reader.read_line(&mut h).is_err() || h.trim().is_empty() {
                        break;
                    }
                    if let Some((n, v)) = h.split_once(':') {
                        headers.push((n.trim().to_ascii_lowercase(), v.trim().to_string()));
                    }
                }
                let length = headers
                    .iter()
                    .find(|(n, _)| n == "content-length")
                    .and_then(|(_, v)| v.parse().ok())
                    .unwrap_or(0usize);
                let mut body = vec![0; length];
                let _ = reader.read_exact(&mut body);
                let request = RawRequest {
                    method,
                    uri,
                    headers,
                    body,
                };
                let answer = handler(&request);
                log.lock().unwrap().push(request);
                let _ = stream.write_all(answer.as_bytes());
            }
        });
        RawServer { port, seen }
    }

    pub fn requests(&self) -> Vec<RawRequest> {
        self.seen.lock().unwrap().clone()
    }

    /// `pductl` pointed at this server as an ad-hoc device, password from the environment.
    pub fn pductl(&self, home: &Home, password: &str) -> Command {
        let mut c = home.cmd();
        c.args([
            "--host",
            "127.0.0.1",
            "--port",
            &self.port.to_string(),
            "--password-env",
            PASSWORD_VAR,
        ])
        .env(PASSWORD_VAR, password);
        c
    }
}

/// A complete HTTP/1.1 answer that closes the connection.
pub fn http_answer(status: &str, headers: &[&str], body: &str) -> String {
    let mut text = format!("HTTP/1.1 {status}\r\n");
    for h in headers {
        text.push_str(h);
        text.push_str("\r\n");
    }
    text.push_str(&format!(
        "Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    ));
    text
}

/// The test venv's python (scripts/python-clients.sh, which scripts/test.sh runs), to run
/// the real Python `clients` against a simulator; `None` when it is missing and nothing
/// requires it (the test then says so on stderr and passes). With
/// `PDUCTL_REQUIRE_PYTHON_CLIENTS` set, a missing venv fails the test.
pub fn test_python(clients: &str) -> Option<String> {
    let python = std::env::var("PDUCTL_TEST_PYTHON")
        .unwrap_or_else(|_| format!("{}/target/pyvenv/bin/python", env!("CARGO_MANIFEST_DIR")));
    if std::path::Path::new(&python).exists() {
        return Some(python);
    }
    assert!(
        std::env::var_os("PDUCTL_REQUIRE_PYTHON_CLIENTS").is_none(),
        "PDUCTL_REQUIRE_PYTHON_CLIENTS is set but {python} is missing: run scripts/python-clients.sh"
    );
    eprintln!(
        "SKIPPED: {python} is missing, so {clients} are not run; scripts/python-clients.sh \
         (which scripts/test.sh runs) prepares it"
    );
    None
}
