//! `pductl serve` as a gateway for the tests: started with a home's profile on an ephemeral
//! loopback port, its first stdout line read for the address, killed when dropped. Its
//! stderr (one line per request) goes to a file in the home, shown by `log()` when a test
//! needs to say what the server saw.

use super::{Home, Sim, PASSWORD_VAR};
use std::io::{BufRead, BufReader};
use std::ops::{Deref, DerefMut};
use std::process::{Child, Stdio};

/// The environment variable `serve` sets to `SERVE_PASSWORD`, for
/// `--serve-password-env SERVE_PASSWORD_VAR`.
pub const SERVE_PASSWORD_VAR: &str = "PDUCTL_TEST_SERVE_PASSWORD";
/// The password gateway clients log in with when the test names `SERVE_PASSWORD_VAR`.
pub const SERVE_PASSWORD: &str = "gate-secret";

/// A running `pductl serve`; killed when dropped. Derefs to the child process (for its id,
/// or to signal it).
pub struct Served {
    child: Child,
    log: std::path::PathBuf,
}

impl Served {
    /// What the server wrote on stderr so far.
    pub fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }
}

impl Deref for Served {
    type Target = Child;
    fn deref(&self) -> &Child {
        &self.child
    }
}

impl DerefMut for Served {
    fn deref_mut(&mut self) -> &mut Child {
        &mut self.child
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `pductl serve --listen 127.0.0.1:0 ARGS` in `home`, with `PASSWORD_VAR=1234` (the
/// devices' password, for profiles that use `password_env`) and
/// `SERVE_PASSWORD_VAR=SERVE_PASSWORD` set; returns the server and the address it printed.
pub fn serve(home: &Home, args: &[&str]) -> (Served, String) {
    serve_with_env(home, args, &[])
}

/// `serve`, with more environment variables.
pub fn serve_with_env(home: &Home, args: &[&str], env: &[(&str, &str)]) -> (Served, String) {
    let log = home.dir.path().join(format!("serve-{}.log", rand_suffix()));
    let mut command = home.std_cmd();
    command
        .env(PASSWORD_VAR, "1234")
        .env(SERVE_PASSWORD_VAR, SERVE_PASSWORD)
        .args(["serve", "--listen", "127.0.0.1:0"])
        .args(args)
        .stdout(Stdio::piped())
        .stderr(std::fs::File::create(&log).expect("a log file in the home"));
    for (k, v) in env {
        command.env(k, v);
    }
    let mut child = command.spawn().expect("start pductl serve");
    let mut line = String::new();
    let _ = BufReader::new(child.stdout.take().expect("stdout is piped")).read_line(&mut line);
    let addr = line.trim().to_string();
    if !addr.starts_with("127.0.0.1:") {
        let _ = child.wait();
        panic!(
            "pductl serve {args:?} did not start; stderr: {}",
            std::fs::read_to_string(&log).unwrap_or_default()
        );
    }
    (Served { child, log }, addr)
}

/// A name no other server of the same home uses.
fn rand_suffix() -> String {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    format!(
        "{}-{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::SeqCst)
    )
}

/// A driver file for a NETIO unit's JSON API (the driver engine's HTTP backend), with the
/// unit's own cycle (Action 2, one second off).
pub const NETIO_DRIVER: &str = r#"
[driver]
id = "netio-as-driver"
transport = "http"
index_base = 1

[http]
auth = { scheme = "basic", user = "netio" }

[outlets]
list = { get = "/netio.json", items = "/Outputs" }
state.read = { pointer = "/State", map = { "0" = false, "1" = true } }
state.write = { post = "/netio.json", body = '{{"Outputs":[{{"ID":{i},"Action":{v:1|0}}}]}}', content_type = "application/json" }
name.read = { pointer = "/Name" }
cycle.native = { post = "/netio.json", body = '{{"Outputs":[{{"ID":{i},"Action":2,"Delay":1000}}]}}', content_type = "application/json" }
"#;

/// Installs `NETIO_DRIVER` in `home` and returns the profile lines of a device using it.
pub fn netio_driver_device(home: &Home, name: &str, sim: &Sim) -> String {
    let drivers = home.dir.path().join("config/pductl/drivers");
    std::fs::create_dir_all(&drivers).unwrap();
    std::fs::write(drivers.join("netio-as-driver.toml"), NETIO_DRIVER).unwrap();
    format!(
        "[devices.{name}]\ndriver = \"netio-as-driver\"\nhost = \"127.0.0.1\"\nport = {}\n\
         password = \"netio\"\ntimeout = 5\n",
        sim.port()
    )
}
