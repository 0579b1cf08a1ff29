//! uom over SSH (`protocol = "dli-ssh"`), both ends real: pductl runs the system's ssh
//! against OpenSSH's sshd on loopback (tests/common/sshd.rs), whose `uom` is pductl's own
//! drop-in name pointed at a `sim dli` through a profile (`PDUCTL_DEVICE`, `PDUCTL_CONFIG`).

mod common;
use common::sshd::{gone, processes_with, Sshd, Uom};
use common::*;
use serde_json::{json, Value};
use std::io::{BufRead, BufReader};
use std::process::Stdio;
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// A simulated DLI unit reached over SSH as the profile's device `pdu`.
struct Rig {
    sim: Sim,
    sshd: Sshd,
    home: Home,
    /// The unit side's profile and state.
    _remote: tempfile::TempDir,
    /// pductl's TMPDIR: its ssh processes' command lines all hold this path, which tells
    /// them from anyone else's.
    tmp: tempfile::TempDir,
}

impl Rig {
    fn new() -> Rig {
        let sim = Sim::dli(&["--outlets", "4"]);
        let rig = Rig::with_uom(Uom::Pductl, Some(sim));
        rig.home
            .ok_at(&rig.sim, &["set", "relay/sequence_delay", "0"]);
        rig
    }

    /// sshd serving `uom`; pductl's uom there drives `sim` (or a simulator nobody uses).
    fn with_uom(uom: Uom, sim: Option<Sim>) -> Rig {
        let sim = sim.unwrap_or_else(|| Sim::dli(&[]));
        let remote = tempfile::tempdir().unwrap();
        let remote_profile = remote.path().join("unit.toml");
        std::fs::write(
            &remote_profile,
            format!(
                "[devices.unit]\nhost = \"127.0.0.1\"\nport = {}\npassword_env = \"{PASSWORD_VAR}\"\n",
                sim.port()
            ),
        )
        .unwrap();
        let at = |sub: &str| remote.path().join(sub).display().to_string();
        let sshd = Sshd::start(
            uom,
            &[
                ("PDUCTL_CONFIG", remote_profile.display().to_string()),
                ("PDUCTL_DEVICE", "unit".to_string()),
                (PASSWORD_VAR, "1234".to_string()),
                ("XDG_CONFIG_HOME", at("config")),
                ("XDG_STATE_HOME", at("state")),
                ("XDG_RUNTIME_DIR", at("run")),
                ("RUST_BACKTRACE", "0".to_string()),
            ],
        );
        let home = Home::new();
        home.write_profile(&format!(
            "[devices.pdu]\nprotocol = \"dli-ssh\"\nhost = \"127.0.0.1\"\nport = {}\n\
             user = \"{}\"\nssh_config = \"{}\"\nidentity_file = \"{}\"\ntimeout = 10\n",
            sshd.port,
            sshd.user,
            sshd.client_config().display(),
            sshd.user_key().display()
        ));
        Rig {
            sim,
            sshd,
            home,
            _remote: remote,
            tmp: tempfile::tempdir().unwrap(),
        }
    }

    fn marker(&self) -> String {
        self.tmp.path().display().to_string()
    }

    /// `pductl -d pdu ARGS`.
    fn cmd(&self, args: &[&str]) -> assert_cmd::Command {
        let mut c = self.home.cmd();
        c.env("TMPDIR", self.tmp.path())
            .args(["-d", "pdu"])
            .args(args);
        c
    }

    fn std_cmd(&self, args: &[&str]) -> std::process::Command {
        let mut c = self.home.std_cmd();
        c.env("TMPDIR", self.tmp.path())
            .args(["-d", "pdu"])
            .args(args);
        c
    }

    fn ok(&self, args: &[&str]) -> String {
        ok(self.cmd(args))
    }

    fn get(&self, path: &str) -> Value {
        json(&self.ok(&["get", path]))
    }

    /// The simulator's own answer over REST, bypassing SSH.
    fn sim_get(&self, path: &str) -> Value {
        json(&self.home.ok_at(&self.sim, &["get", path]))
    }

    /// No ssh process of this rig's pductl is left (the shared connection included).
    fn assert_no_ssh_left(&self) {
        let left = gone(&self.marker(), 10.0);
        assert!(left.is_empty(), "ssh processes left behind: {left:?}");
    }
}

/// A TCP port that accepts connections and never says a word (a host that swallows SSH).
struct BlackHole {
    port: u16,
}

impl BlackHole {
    fn start() -> BlackHole {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        std::thread::spawn(move || {
            let mut held = Vec::new();
            for stream in listener.incoming().flatten() {
                held.push(stream);
            }
        });
        BlackHole { port }
    }
}

/// Waits for `child` to exit within `secs`; kills it and fails the test otherwise.
fn wait_for(child: &mut std::process::Child, secs: u64) -> std::process::ExitStatus {
    let deadline = Instant::now() + Duration::from_secs(secs);
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("pductl did not end within {secs}s");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn every_uom_verb_runs_as_uom_on_the_unit() {
    let rig = Rig::new();
    // get, of a value, a whole tree and a matrix selection
    assert_eq!(
        rig.get("relay/outlets/0/physical_state"),
        rig.sim_get("relay/outlets/0/physical_state")
    );
    assert_eq!(rig.get("relay/outlets"), rig.sim_get("relay/outlets"));
    assert_eq!(
        rig.get("relay/outlets/=0,2/name"),
        json!(["Outlet 1", "Outlet 3"])
    );
    // set
    rig.ok(&["set", "relay/name", "\"Rack 7\""]);
    assert_eq!(rig.sim_get("relay/name"), json!("Rack 7"));
    rig.ok(&["set", "relay/outlets/=1,3/transient_state", "true"]);
    assert_eq!(
        rig.sim_get("relay/outlets/all;/transient_state"),
        json!([false, true, false, true])
    );
    // insert and remove
    let link = |href: &str| format!("{{\"href\":\"{href}\",\"description\":\"{href}\"}}");
    rig.ok(&["insert", "config/links/-", &link("http://b/")]);
    rig.ok(&["insert", "config/links/0", &link("http://a/")]);
    assert_eq!(
        rig.sim_get("config/links/all;/href"),
        json!(["http://a/", "https://www.digital-loggers.com/", "http://b/"])
    );
    rig.ok(&["remove", "config/links/-"]);
    rig.ok(&["remove", "config/links/0"]);
    assert_eq!(
        rig.sim_get("config/links/all;/href"),
        json!(["https://www.digital-loggers.com/"])
    );
    // invoke, each argument one JSON value
    rig.ok(&[
        "invoke",
        "relay/set_outlet_transient_states",
        "[[0,true],[1,false]]",
    ]);
    assert_eq!(
        rig.sim_get("relay/outlets/all;/transient_state"),
        json!([true, false, false, true])
    );
    // describe, keys, dump
    let d = rig.get("relay/outlets/0/physical_state");
    assert!(d.is_boolean(), "{d}");
    let d = json(&rig.ok(&["describe", "relay/outlets/0/physical_state"]));
    assert_eq!(d["type"], json!("boolean"), "{d}");
    assert_eq!(d["access"], json!("read-only"), "{d}");
    assert_eq!(
        json(&rig.ok(&["keys", "relay/outlets"])),
        json!([0, 1, 2, 3])
    );
    let dump = rig.ok(&["dump", "relay/outlets"]);
    assert!(
        dump.contains("/relay/outlets/1/name = \"Outlet 2\""),
        "{dump}"
    );
    // The unit's refusals: exit 1 with its message.
    fails(
        rig.cmd(&["invoke", "relay/set_outlet_transient_states", "nonsense"]),
        1,
        "409",
    );
    let line = fails(rig.cmd(&["get", "relay/outlets/9/name"]), 1, "uom get");
    assert!(line.contains("/relay/outlets/9"), "{line}");
    fails(
        rig.cmd(&["keys", "relay/name"]),
        1,
        "only objects and arrays have keys",
    );
    rig.assert_no_ssh_left();
}

#[test]
fn subscribe_polls_over_one_ssh_connection() {
    let rig = Rig::new();
    let before = rig.sshd.logins();
    let mut child = rig
        .std_cmd(&[
            "subscribe",
            "relay/outlets/1",
            "--interval",
            "0.1",
            "--count",
            "3",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let (lines, seen) = mpsc::channel();
    let stdout = child.stdout.take().unwrap();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            let _ = lines.send(line);
        }
    });
    let first = seen
        .recv_timeout(Duration::from_secs(30))
        .expect("subscribe prints the value first");
    assert_eq!(json(&first)["value"]["state"], json!(false), "{first}");
    // Let a few polls go by over the same connection, then change the outlet.
    let polls = |rig: &Rig| rig.sshd.log().matches("Starting session: command").count();
    let sessions = polls(&rig);
    assert!(
        eventually(20.0, || polls(&rig) >= sessions + 3),
        "subscribe polls"
    );
    rig.home
        .ok_at(&rig.sim, &["set", "relay/outlets/1/state", "true"]);
    let status = wait_for(&mut child, 30);
    let mut stderr = String::new();
    std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut stderr).unwrap();
    assert!(status.success(), "{stderr}");
    let changed: Vec<Value> = seen.try_iter().map(|l| json(&l)).collect();
    assert_eq!(changed.len(), 3, "{changed:?}");
    for field in ["state", "transient_state", "physical_state"] {
        assert!(
            changed.contains(&json!({"path": format!("/relay/outlets/1/{field}"), "value": true})),
            "{field}: {changed:?}"
        );
    }
    assert_eq!(
        rig.sshd.logins() - before,
        1,
        "one login for all the polls; sshd log: {}",
        rig.sshd.log()
    );
    rig.assert_no_ssh_left();
}

#[test]
fn power_verbs_work_over_ssh() {
    let rig = Rig::new();
    let quiet = |args: &[&str]| {
        let mut a = vec!["-q"];
        a.extend_from_slice(args);
        rig.ok(&a)
    };
    rig.ok(&["on", "pdu:1,3"]);
    assert!(rig.home.dli_state(&rig.sim, 1) && rig.home.dli_state(&rig.sim, 3));
    assert_eq!(rig.sim_get("relay/outlets/0/state"), json!(true));
    let out = rig.ok(&["on", "pdu:1"]);
    assert!(out.contains("already on"), "{out}");
    rig.ok(&["off", "pdu:3"]);
    assert!(!rig.home.dli_state(&rig.sim, 3));
    let rows = json(&rig.ok(&["status", "pdu:1-3"]));
    let states: Vec<(Value, Value)> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["outlet"].clone(), r["state"].clone()))
        .collect();
    assert_eq!(
        states,
        [
            (json!(1), json!("on")),
            (json!(2), json!("off")),
            (json!(3), json!("off"))
        ]
    );
    // cycle: the unit's own (invoke relay/outlets/0/cycle), with its configured delay.
    rig.home
        .ok_at(&rig.sim, &["set", "relay/outlets/0/cycle_delay", "1"]);
    let out = rig.ok(&["cycle", "pdu:1"]);
    assert!(out.contains("cycled"), "{out}");
    assert!(rig.home.dli_state(&rig.sim, 1));
    let _ = quiet(&["toggle", "pdu:2"]);
    assert!(rig.home.dli_state(&rig.sim, 2));
    rig.assert_no_ssh_left();
}

#[test]
fn shell_metacharacters_reach_uom_exactly() {
    let rig = Rig::new();
    let planted = rig.tmp.path().join("planted");
    let name = format!(
        "a'b; touch {} $(id) `id` \"q\" \\ * ~ & | > < #",
        planted.display()
    );
    let value = serde_json::to_string(&name).unwrap();
    rig.ok(&["set", "relay/name", &value]);
    assert_eq!(rig.sim_get("relay/name"), json!(name));
    assert_eq!(rig.get("relay/name"), json!(name));
    assert!(!planted.exists(), "the unit's shell ran part of a value");
    // A path with a matrix selector (';' and '=').
    rig.ok(&["set", "relay/outlets/2/name", "\"x y\""]);
    assert_eq!(rig.get("relay/outlets/all;name=x%20y/name"), json!(["x y"]));
}

#[test]
fn verbose_shows_the_ssh_command_line() {
    let rig = Rig::new();
    let out = rig
        .cmd(&["-v", "get", "relay/outlets/0/name"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    let line = stderr
        .lines()
        .find(|l| l.starts_with("pductl: ssh "))
        .unwrap_or_else(|| panic!("no ssh line: {stderr}"));
    for want in [
        "BatchMode=yes",
        &format!("-p {}", rig.sshd.port),
        &format!("-l {}", rig.sshd.user),
        "uom get /relay/outlets/0/name",
    ] {
        assert!(line.contains(want), "{want} missing: {line}");
    }
    // --dry-run names the remote command and runs nothing.
    let before = rig.sshd.logins();
    let out = rig.ok(&["--dry-run", "set", "relay/name", "\"x\""]);
    assert!(out.contains("uom set /relay/name"), "{out}");
    assert_eq!(rig.sshd.logins(), before);
}

#[test]
fn a_key_the_unit_does_not_know_is_refused() {
    let rig = Rig::new();
    let other = rig.sshd.other_key();
    let line = fails(
        rig.cmd(&[
            "--identity-file",
            other.to_str().unwrap(),
            "get",
            "relay/name",
        ]),
        3,
        "refused the ssh login",
    );
    assert!(line.contains("Permission denied"), "{line}");
    assert!(line.contains("never a password"), "{line}");
    rig.assert_no_ssh_left();
}

#[test]
fn an_unknown_or_changed_host_key_is_refused_and_never_added() {
    let rig = Rig::new();
    let dir = tempfile::tempdir().unwrap();
    // Unknown: an empty known_hosts.
    let empty = dir.path().join("known_hosts");
    std::fs::write(&empty, "").unwrap();
    let config = dir.path().join("ssh_config");
    std::fs::write(&config, rig.sshd.client_config_text(&empty)).unwrap();
    let line = fails(
        rig.cmd(&[
            "--ssh-config",
            config.to_str().unwrap(),
            "get",
            "relay/name",
        ]),
        3,
        "not in known_hosts",
    );
    assert!(line.contains("never adds a host key"), "{line}");
    assert_eq!(std::fs::read_to_string(&empty).unwrap(), "");
    let files: Vec<_> = std::fs::read_dir(dir.path()).unwrap().flatten().collect();
    assert_eq!(
        files.len(),
        2,
        "no known_hosts.old or other file: {files:?}"
    );
    // Changed: another key for the same host and port.
    let changed = dir.path().join("changed_hosts");
    let entry = format!(
        "[127.0.0.1]:{} {}",
        rig.sshd.port,
        rig.sshd.other_public_key()
    );
    std::fs::write(&changed, &entry).unwrap();
    std::fs::write(&config, rig.sshd.client_config_text(&changed)).unwrap();
    let line = fails(
        rig.cmd(&[
            "--ssh-config",
            config.to_str().unwrap(),
            "get",
            "relay/name",
        ]),
        3,
        "host key has changed",
    );
    assert!(line.contains("changed_hosts:1"), "{line}");
    assert_eq!(std::fs::read_to_string(&changed).unwrap(), entry);
    // A configuration that lets ssh add unknown keys is the user's to choose; ssh's word
    // that it did so is shown.
    std::fs::write(
        &config,
        format!(
            "{}  StrictHostKeyChecking accept-new\n",
            rig.sshd.client_config_text(&empty)
        ),
    )
    .unwrap();
    let out = rig
        .cmd(&[
            "--ssh-config",
            config.to_str().unwrap(),
            "get",
            "relay/name",
        ])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("Permanently added"), "{stderr}");
    assert!(!std::fs::read_to_string(&empty).unwrap().is_empty());
    rig.assert_no_ssh_left();
}

#[test]
fn a_stopped_sshd_is_unreachable() {
    let mut rig = Rig::new();
    assert_eq!(rig.get("relay/outlets/0/state"), json!(false));
    rig.sshd.stop();
    let line = fails(rig.cmd(&["get", "relay/name"]), 4, "cannot reach");
    assert!(line.contains("Connection refused"), "{line}");
    // A call that surely never left is tried again, and still fails as unreachable.
    fails(
        rig.cmd(&["invoke", "relay/outlets/0/cycle"]),
        4,
        "Connection refused",
    );
    let line = fails(rig.cmd(&["off", "pdu:1"]), 4, "Connection refused");
    assert!(line.contains("pdu"), "{line}");
    rig.assert_no_ssh_left();
}

#[test]
fn a_host_that_swallows_ssh_ends_at_the_timeout_and_leaves_no_ssh_behind() {
    let rig = Rig::new();
    let hole = BlackHole::start();
    let port = hole.port.to_string();
    let started = Instant::now();
    let line = fails(
        rig.cmd(&[
            "--port",
            &port,
            "--timeout",
            "2",
            "--retries",
            "0",
            "get",
            "relay/name",
        ]),
        4,
        "pdu",
    );
    let took = started.elapsed();
    assert!(
        took >= Duration::from_millis(1900) && took < Duration::from_secs(6),
        "took {took:?}: {line}"
    );
    rig.assert_no_ssh_left();
    // A switch with retries: within its budget (2 tries x 1 s, plus backoff), exit 4.
    let started = Instant::now();
    fails(
        rig.cmd(&[
            "--port",
            &port,
            "--timeout",
            "1",
            "--retries",
            "1",
            "on",
            "pdu:1",
        ]),
        4,
        "pdu",
    );
    assert!(
        started.elapsed() < Duration::from_secs(6),
        "{:?}",
        started.elapsed()
    );
    rig.assert_no_ssh_left();
}

#[test]
fn ctrl_c_stops_ssh_at_once() {
    let rig = Rig::new();
    let hole = BlackHole::start();
    let mut child = rig
        .std_cmd(&[
            "--port",
            &hole.port.to_string(),
            "--timeout",
            "60",
            "get",
            "relay/name",
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let marker = rig.marker();
    assert!(
        eventually(20.0, || !processes_with(&marker).is_empty()),
        "ssh starts"
    );
    // SAFETY: a plain signal to our own child, whose pid is live until we wait for it.
    unsafe {
        libc::kill(child.id() as i32, libc::SIGINT);
    }
    let status = wait_for(&mut child, 10);
    assert_eq!(status.code(), Some(130));
    rig.assert_no_ssh_left();
}

#[test]
fn what_the_unit_prints_is_judged() {
    // Not JSON: exit 5.
    let rig = Rig::with_uom(Uom::Script("echo 'Welcome to the unit'"), None);
    let line = fails(rig.cmd(&["get", "relay/name"]), 5, "not JSON");
    assert!(line.contains("Welcome to the unit"), "{line}");
    // set prints nothing and reads nothing back.
    rig.ok(&["set", "relay/name", "\"x\""]);
    // A uom error: exit 1 with the unit's words, control characters escaped.
    let rig = Rig::with_uom(
        Uom::Script("printf 'uom: no such object \\033[31m%s\\n' \"$2\" >&2; exit 2"),
        None,
    );
    let line = fails(rig.cmd(&["get", "relay/nothing"]), 1, "no such object");
    assert!(line.contains("\\e[31m/relay/nothing"), "{line}");
    // The arguments uom gets, one per line.
    let rig = Rig::with_uom(
        Uom::Script("printf '%s\\n' \"$#\" \"$@\" >&2; exit 1"),
        None,
    );
    let line = fails(
        rig.cmd(&["invoke", "relay/x", "[1,2]", "word", "{\"a\":\"b c\"}"]),
        1,
        "uom invoke",
    );
    assert!(
        line.ends_with(r#"5; invoke; /relay/x; [1,2]; "word"; {"a":"b c"}"#),
        "{line}"
    );
    // What the unit warns of on success is shown, once, with the unit named.
    let rig = Rig::with_uom(
        Uom::Script("echo 'warning: firmware is old' >&2; echo '\"Rack\"'"),
        None,
    );
    let out = rig.cmd(&["get", "relay/name"]).output().unwrap();
    assert!(out.status.success());
    assert_eq!(json(&String::from_utf8_lossy(&out.stdout)), json!("Rack"));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        stderr.trim(),
        format!(
            "warning: pdu (127.0.0.1:{}): firmware is old",
            rig.sshd.port
        ),
        "{stderr}"
    );
    // No uom at all: the unit cannot do this (exit 8).
    let rig = Rig::with_uom(Uom::Missing, None);
    fails(rig.cmd(&["get", "relay/name"]), 8, "has no uom command");
}

#[test]
fn a_unit_that_hangs_is_given_up_at_the_timeout_and_the_next_try_connects_afresh() {
    let rig = Rig::with_uom(Uom::Script("sleep 30"), None);
    let sessions = |rig: &Rig| rig.sshd.log().matches("Starting session: command").count();
    let (logins, started) = (rig.sshd.logins(), sessions(&rig));
    // A read is tried again within its budget, over a new connection: the one that hung
    // is closed.
    let line = fails(
        rig.cmd(&["--timeout", "4", "--retries", "1", "get", "relay/name"]),
        4,
        "did not answer over ssh within ",
    );
    // The second try has what is left of the budget: 4 s, or a little less where the
    // first took longer to give up.
    let waited: f64 = line
        .split("within ")
        .nth(1)
        .and_then(|rest| rest.split('s').next())
        .and_then(|seconds| seconds.parse().ok())
        .unwrap_or_else(|| panic!("no wait in {line}"));
    assert!((3.0..=4.0).contains(&waited), "{line}");
    assert!(line.contains("2 tries"), "{line}");
    assert_eq!(sessions(&rig) - started, 2, "{}", rig.sshd.log());
    assert_eq!(rig.sshd.logins() - logins, 2, "{}", rig.sshd.log());
    rig.assert_no_ssh_left();
    // A call that may have reached the unit is never sent again.
    let started = sessions(&rig);
    fails(
        rig.cmd(&["--timeout", "4", "invoke", "relay/outlets/0/cycle"]),
        4,
        "did not answer",
    );
    assert_eq!(sessions(&rig) - started, 1);
    rig.assert_no_ssh_left();
}
