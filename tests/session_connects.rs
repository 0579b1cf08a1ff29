//! The session backend's SSH and serial connects and the command-line device classes of
//! protocols/drivers-2.md group 1C that use them (and two SCPI supplies on raw TCP), end
//! to end: the built binary against a device written here from that note's facts.
//!
//! - SSH: OpenSSH's sshd on loopback (tests/common/sshd.rs); the client configuration the
//!   profile names runs a simulated CLI as the remote command (`RemoteCommand`), a python3
//!   script keeping the device's state in a JSON file the test reads.
//! - Serial: a pseudo-terminal pair (tests/common/pty_device.rs), the device on the master
//!   side, pductl on the slave's path.
//! - SCPI: a line device on a loopback TCP port.
//!
//! Each checks what a user sees (stdout's JSON, stderr's one line, the exit code) and, at
//! the device, what pductl did.

mod common;
#[allow(dead_code)]
#[path = "common/line_device.rs"]
mod line_device;
#[allow(dead_code)]
#[path = "common/pty_device.rs"]
mod pty_device;

use common::sshd::{gone, processes_with, Sshd, Uom};
use common::*;
use line_device::{Dialect, LineDevice, Login, Mode, Reply, Seen};
use pty_device::{take_line, Answer, PtyDevice, PtySeen};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

/// `(name, state)` of each outlet as `status` shows it.
fn status_of(c: assert_cmd::Command) -> Vec<(String, Value)> {
    json(&ok(c))
        .as_array()
        .expect("status is a JSON array")
        .iter()
        .map(|o| {
            (
                o["name"].as_str().unwrap_or_default().to_string(),
                o["state"].clone(),
            )
        })
        .collect()
}

fn states_of(c: assert_cmd::Command) -> Vec<Value> {
    status_of(c).into_iter().map(|(_, s)| s).collect()
}

// ---------------------------------------------------------------------------------------
// SSH

/// A device reached over SSH: sshd, a home whose profile has `dev` (the driver, at sshd,
/// as the test user, with sshd's key), and the device's own directory (its state file
/// and, for the CLIs, the script).
struct SshRig {
    sshd: Sshd,
    home: Home,
    device: tempfile::TempDir,
    /// pductl's TMPDIR: its ssh processes' command lines hold this path (`-F` names a file
    /// in it), which tells them from anyone else's.
    tmp: tempfile::TempDir,
}

impl SshRig {
    /// `driver` at an sshd whose sessions run `remote` (a command line for the remote
    /// account's shell), the device's state `state`, the profile's extra lines `extra`.
    fn start(
        device: tempfile::TempDir,
        driver: &str,
        remote: &str,
        state: Value,
        extra: &str,
        env: &[(&str, String)],
    ) -> SshRig {
        let sshd = Sshd::start(Uom::Missing, env);
        let tmp = tempfile::tempdir().unwrap();
        let rig = SshRig {
            sshd,
            home: Home::new(),
            device,
            tmp,
        };
        rig.write_state(&state);
        let remote = remote.replace("{dir}", &rig.device.path().display().to_string());
        let config = rig.tmp.path().join("ssh_config");
        let text = rig.sshd.client_config_text(&rig.sshd.known_hosts());
        std::fs::write(&config, format!("{text}  RemoteCommand {remote}\n")).unwrap();
        rig.write_profile(driver, &config, &rig.sshd.user_key(), extra);
        rig
    }

    fn write_profile(&self, driver: &str, config: &Path, key: &Path, extra: &str) {
        let timeout = if extra.contains("timeout") {
            ""
        } else {
            "timeout = 5\n"
        };
        self.home.write_profile(&format!(
            "[devices.dev]\ndriver = \"{driver}\"\nhost = \"127.0.0.1\"\nport = {}\n\
             user = \"{}\"\nssh_config = \"{}\"\nidentity_file = \"{}\"\n{timeout}{extra}\n",
            self.sshd.port,
            self.sshd.user,
            config.display(),
            key.display()
        ));
    }

    fn config(&self) -> PathBuf {
        self.tmp.path().join("ssh_config")
    }

    fn write_state(&self, state: &Value) {
        let file = self.device.path().join("state.json");
        std::fs::write(file, state.to_string()).unwrap();
    }

    /// The device's state as its CLI left it.
    fn state(&self) -> Value {
        json(&std::fs::read_to_string(self.device.path().join("state.json")).unwrap())
    }

    /// The device's command lines so far.
    fn log(&self) -> Vec<String> {
        self.state()["log"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| l.as_str().unwrap().to_string())
            .collect()
    }

    fn script(&self, name: &str, body: &str) -> String {
        let file = self.device.path().join(name);
        std::fs::write(&file, format!("{CLI_PRELUDE}{body}")).unwrap();
        file.display().to_string()
    }

    fn std_cmd(&self, args: &[&str]) -> std::process::Command {
        let mut c = self.home.std_cmd();
        c.env("TMPDIR", self.tmp.path())
            .args(["-d", "dev"])
            .args(args);
        c
    }

    fn cmd(&self, args: &[&str]) -> assert_cmd::Command {
        let mut c = assert_cmd::Command::from_std(self.std_cmd(args));
        c.timeout(Duration::from_secs(60));
        c
    }

    /// Runs `args`, which must succeed, and returns how many SSH logins it took.
    fn logins_for(&self, args: &[&str]) -> usize {
        let before = self.sshd.logins();
        ok(self.cmd(args));
        // sshd logs the login as it accepts it; pductl has ended by now.
        self.sshd.logins() - before
    }
}

/// A CLI rig: sshd runs `script` (python3) as the session, the device's directory its
/// argument.
fn cli_rig(driver: &str, script: &str, state: Value, extra: &str) -> SshRig {
    let device = tempfile::tempdir().unwrap();
    let rig = SshRig::start(device, driver, "true", state, extra, &[]);
    let file = rig.script("cli.py", script);
    let text = rig.sshd.client_config_text(&rig.sshd.known_hosts());
    let remote = format!("exec python3 {file} {}", rig.device.path().display());
    std::fs::write(rig.config(), format!("{text}  RemoteCommand {remote}\n")).unwrap();
    rig
}

/// What every simulated CLI shares: its state in `state.json` (read and written around
/// each command, so the test sees every change), `say` writing at once, and the device's
/// misbehaving modes: `silent` (never prompts), `stream` (talks forever).
const CLI_PRELUDE: &str = r#"
import json, os, sys
DIR = sys.argv[1]
def load():
    with open(DIR + "/state.json") as f:
        return json.load(f)
def save(s):
    with open(DIR + "/state.tmp", "w") as f:
        json.dump(s, f)
    os.replace(DIR + "/state.tmp", DIR + "/state.json")
def say(text):
    sys.stdout.write(text)
    sys.stdout.flush()
MODE = load().get("mode", "normal")
if MODE == "silent":
    sys.stdin.read()
    sys.exit(0)
if MODE == "stream":
    while True:
        say("Server status update pending ...........................................\r\n")
def commands():
    while True:
        line = sys.stdin.readline()
        if not line:
            return
        s = load()
        s["log"].append(line.strip())
        save(s)
        yield line.strip(), s
"#;

/// An HP iLO's CLI (drivers-2.md C15, powerman's hpilo.dev): the `hpiLO-> ` prompt,
/// `power` answering "server power is currently: On|Off", `power on|off`, `reset system1`.
/// In mode `hangup` it ends the session when asked for the power state.
const ILO: &str = r#"
PROMPT = "</>hpiLO-> "
started = load()
started["argv"] = sys.argv[2:]
save(started)
say("User:admin logged-in to 127.0.0.1\r\niLO Advanced 2.00\r\n\r\n" + PROMPT)
for cmd, s in commands():
    if cmd == "exit":
        break
    if cmd == "power" and MODE == "hangup":
        sys.exit(0)
    if cmd == "power":
        reply = "power: server power is currently: " + ("On" if s["on"] else "Off")
    elif cmd in ("power on", "power off"):
        s["on"] = cmd == "power on"
        reply = "Server powering " + ("on" if s["on"] else "off") + " ......."
    elif cmd == "reset system1":
        s["resets"] += 1
        reply = "Resetting server."
    else:
        reply = "status=2\r\nerror_tag=COMMAND NOT RECOGNIZED"
    save(s)
    say("\r\n" + reply + "\r\n\r\n" + PROMPT)
"#;

fn ilo_state(on: bool) -> Value {
    json!({"on": on, "resets": 0, "log": []})
}

#[test]
fn hp_ilo_over_ssh_reads_switches_and_resets_in_one_login_per_command() {
    let rig = cli_rig("hp-ilo", ILO, ilo_state(false), "");
    let got = status_of(rig.cmd(&["status"]));
    assert_eq!(got, [("Outlet 1".to_string(), json!("off"))]);
    // Reads ask `power`; the logout says `exit`.
    let log = rig.log();
    assert_eq!(log.last().map(String::as_str), Some("exit"), "{log:?}");
    assert!(log[..log.len() - 1].iter().all(|l| l == "power"), "{log:?}");
    // on: read, write, read back: one login.
    assert_eq!(rig.logins_for(&["on", "1"]), 1);
    assert_eq!(rig.state()["on"], json!(true));
    assert!(
        rig.log().contains(&"power on".to_string()),
        "{:?}",
        rig.log()
    );
    assert_eq!(states_of(rig.cmd(&["status"])), [json!("on")]);
    // cycle is the iLO's reset, sent once.
    ok(rig.cmd(&["cycle", "1"]));
    assert_eq!(rig.state()["resets"], json!(1));
    ok(rig.cmd(&["off", "1"]));
    assert_eq!(rig.state()["on"], json!(false));
    let log = rig.log();
    assert_eq!(
        log.iter().filter(|l| *l == "power off").count(),
        1,
        "{log:?}"
    );
}

/// A Sun ILOM's CLI (drivers-2.md C16, powerman's ilom.dev): the `-> ` prompt, `show -d
/// properties /SYS` listing `power_state = On|Off`, `start -script /SYS`, `stop -script
/// -force /SYS`, `reset -script /SYS`.
const ILOM: &str = r#"
say("\r\nOracle(R) Integrated Lights Out Manager\r\n\r\n-> ")
for cmd, s in commands():
    if cmd == "exit":
        break
    if cmd == "show -d properties /SYS":
        reply = ("\r\n /SYS\r\n    Properties:\r\n        type = Host System\r\n"
                 "        product_name = SPARC T4-1\r\n        power_state = "
                 + ("On" if s["on"] else "Off") + "\r\n")
    elif cmd == "start -script /SYS":
        s["on"] = True
        reply = "Starting /SYS\r\n"
    elif cmd == "stop -script -force /SYS":
        s["on"] = False
        reply = "Stopping /SYS immediately\r\n"
    else:
        reply = "Invalid command '" + cmd + "'\r\n"
    save(s)
    say(reply + "\r\n-> ")
"#;

#[test]
fn sun_ilom_over_ssh_reads_power_state_and_starts_and_stops_sys() {
    let rig = cli_rig("sun-ilom", ILOM, ilo_state(true), "");
    assert_eq!(states_of(rig.cmd(&["status"])), [json!("on")]);
    ok(rig.cmd(&["off", "1"]));
    assert_eq!(rig.state()["on"], json!(false));
    assert!(rig.log().contains(&"stop -script -force /SYS".to_string()));
    ok(rig.cmd(&["on", "1"]));
    assert_eq!(rig.state()["on"], json!(true));
    assert!(rig.log().contains(&"start -script /SYS".to_string()));
}

/// An IBM BladeCenter AMM's CLI (drivers-2.md C17, powerman's ibmbladecenter.dev):
/// `system> `, `power -state -T blade[N]` answering On or Off, `power -on|-off -T
/// blade[N]` answering OK. An empty bay says so (the note is silent on the words).
const AMM: &str = r#"
import re
say("\r\nsystem> ")
for cmd, s in commands():
    if cmd == "exit":
        break
    m = re.fullmatch(r"power -(state|on|off) -T blade\[(\d+)\]", cmd)
    bay = int(m.group(2)) if m else 0
    if not m or not 1 <= bay <= len(s["bays"]):
        reply = "Invalid target path"
    elif s["bays"][bay - 1] is None:
        reply = "The target bay is empty."
    elif m.group(1) == "state":
        reply = "On" if s["bays"][bay - 1] else "Off"
    else:
        s["bays"][bay - 1] = m.group(1) == "on"
        reply = "OK"
    save(s)
    say(reply + "\r\nsystem> ")
"#;

#[test]
fn ibm_bladecenter_reads_each_bay_in_one_login_and_switches_a_blade() {
    let bays = json!([true, false, null, false, true, false]);
    let rig = cli_rig(
        "ibm-bladecenter",
        AMM,
        json!({"bays": bays, "log": []}),
        "outlets = 6\n",
    );
    assert_eq!(rig.logins_for(&["status"]), 1);
    assert_eq!(
        states_of(rig.cmd(&["status"])),
        [
            json!("on"),
            json!("off"),
            Value::Null,
            json!("off"),
            json!("on"),
            json!("off")
        ]
    );
    let asked: Vec<String> = rig
        .log()
        .into_iter()
        .filter(|l| l.contains("-state"))
        .collect();
    assert_eq!(
        asked[..6],
        (1..=6)
            .map(|b| format!("power -state -T blade[{b}]"))
            .collect::<Vec<_>>()
    );
    ok(rig.cmd(&["on", "4"]));
    assert_eq!(rig.state()["bays"][3], json!(true));
    assert!(rig.log().contains(&"power -on -T blade[4]".to_string()));
    // The empty bay refuses.
    let line = fails(rig.cmd(&["on", "3"]), 1, "refused");
    assert!(line.contains("bay is empty"), "{line}");
}

#[test]
fn a_file_s_remote_command_runs_at_the_device_with_the_profile_s_user() {
    let rig = cli_rig("lab-ilo", ILO, ilo_state(true), "");
    // A client configuration without a RemoteCommand: the file gives the command.
    let text = rig.sshd.client_config_text(&rig.sshd.known_hosts());
    std::fs::write(rig.config(), text).unwrap();
    let script = rig.device.path().join("cli.py").display().to_string();
    let dir = rig.device.path().display().to_string();
    let file = include_str!("../drivers/hp-ilo.toml")
        .replace("id = \"hp-ilo\"", "id = \"lab-ilo\"")
        .replace(
            "connect = \"ssh\"",
            &format!("connect = \"ssh\"\ncommand = [\"exec\", \"python3\", \"{script}\", \"{dir}\", \"as-{{user}}\"]"),
        );
    let drivers = rig.home.dir.path().join("config/pductl/drivers");
    std::fs::create_dir_all(&drivers).unwrap();
    std::fs::write(drivers.join("lab-ilo.toml"), file).unwrap();
    assert_eq!(states_of(rig.cmd(&["status"])), [json!("on")]);
    assert_eq!(
        rig.state()["argv"],
        json!([format!("as-{}", rig.sshd.user)])
    );
}

#[test]
fn a_refused_key_is_exit_3_with_ssh_s_own_words_and_no_prompt() {
    let rig = cli_rig("hp-ilo", ILO, ilo_state(false), "");
    rig.write_profile("hp-ilo", &rig.config(), &rig.sshd.other_key(), "");
    let line = fails(rig.cmd(&["status"]), 3, "refused the ssh login");
    assert!(line.contains("Permission denied"), "{line}");
    assert!(line.contains("never a password"), "{line}");
    assert_eq!(rig.log(), Vec::<String>::new());
    // No sshd at all: unreachable.
    let mut rig = rig;
    rig.sshd.stop();
    fails(rig.cmd(&["status"]), 4, "cannot reach");
}

#[test]
fn an_unknown_host_key_is_exit_3_and_is_not_added() {
    let rig = cli_rig("hp-ilo", ILO, ilo_state(false), "");
    std::fs::write(rig.sshd.known_hosts(), "").unwrap();
    let line = fails(rig.cmd(&["status"]), 3, "host key");
    assert!(line.contains("never adds"), "{line}");
    assert_eq!(std::fs::read_to_string(rig.sshd.known_hosts()).unwrap(), "");
}

#[test]
fn no_ssh_client_is_a_clear_exit_2() {
    let rig = cli_rig("hp-ilo", ILO, ilo_state(false), "");
    let empty = tempfile::tempdir().unwrap();
    let mut c = rig.cmd(&["status"]);
    c.env("PATH", empty.path());
    fails(c, 2, "no 'ssh' on PATH");
}

#[test]
fn a_cli_that_never_prompts_is_exit_4_naming_the_step_and_ssh_is_gone() {
    let mut state = ilo_state(false);
    state["mode"] = json!("silent");
    let rig = cli_rig("hp-ilo", ILO, state, "timeout = 1\n");
    let line = fails(rig.cmd(&["status"]), 4, "login step 1");
    assert!(line.contains("hpiLO-> "), "{line}");
    let left = gone(&rig.tmp.path().display().to_string(), 5.0);
    assert!(left.is_empty(), "ssh left behind: {left:?}");
}

#[test]
fn a_cli_that_talks_forever_hits_the_unread_cap_over_ssh() {
    let mut state = ilo_state(false);
    state["mode"] = json!("stream");
    let rig = cli_rig("hp-ilo", ILO, state, "timeout = 20\n");
    let started = Instant::now();
    fails(rig.cmd(&["status"]), 5, "1 MiB");
    assert!(started.elapsed() < Duration::from_secs(15));
}

#[test]
fn a_cli_that_hangs_up_is_exit_5() {
    let mut state = ilo_state(false);
    state["mode"] = json!("hangup");
    let rig = cli_rig("hp-ilo", ILO, state, "");
    fails(rig.cmd(&["status"]), 5, "closed the connection");
}

#[test]
fn ctrl_c_ends_the_ssh_conversation() {
    let mut state = ilo_state(false);
    state["mode"] = json!("silent");
    let rig = cli_rig("hp-ilo", ILO, state, "timeout = 60\n");
    let mut child = rig
        .std_cmd(&["status"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let marker = rig.tmp.path().display().to_string();
    assert!(
        eventually(10.0, || !processes_with(&marker).is_empty()),
        "ssh starts"
    );
    // SAFETY: a plain signal to our own child, whose pid is live until we wait for it.
    unsafe {
        libc::kill(child.id() as i32, libc::SIGINT);
    }
    let deadline = Instant::now() + Duration::from_secs(10);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        assert!(Instant::now() < deadline, "pductl did not stop");
        std::thread::sleep(Duration::from_millis(20));
    };
    assert_eq!(status.code(), Some(130));
    let left = gone(&marker, 5.0);
    assert!(left.is_empty(), "ssh left behind: {left:?}");
}

/// BayLibre ACME's command line API (drivers-2.md C10; acme-utils' api/): a shell with
/// `dut-switch-on N`, `dut-switch-off N`, `dut-hard-reset N` writing the probe's
/// `in_active` under sysfs (here a directory the session's PDUCTL_ACME_SYSFS names),
/// "Probe N is not connected" for a slot without a probe.
fn acme_rig(probes: &[Option<bool>]) -> SshRig {
    let device = tempfile::tempdir().unwrap();
    let sysfs = device.path().join("sysfs");
    for (k, probe) in probes.iter().enumerate() {
        let Some(on) = probe else { continue };
        let dir = sysfs.join(format!("bus/i2c/devices/1-004{k}/iio:device{k}"));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("in_active"), if *on { "1\n" } else { "0\n" }).unwrap();
    }
    let rig = SshRig::start(
        device,
        "acme",
        "exec sh",
        json!({"log": []}),
        "",
        &[("PDUCTL_ACME_SYSFS", sysfs.display().to_string())],
    );
    let switch = |value: &str, what: &str| {
        format!(
            "[ -z \"$1\" ] && echo \"Usage: $0 <probe: 1 to 8>\" && exit 1\n\
             echo \"{what} $1\" >> {log}\n\
             probe=$(( $1 - 1 ))\n\
             f=$(ls \"$PDUCTL_ACME_SYSFS\"/bus/i2c/devices/1-004$probe/iio:device*/in_active 2>/dev/null)\n\
             if [ -n \"$f\" ]; then {value}\n\
             elif [ $probe -ge 0 ] && [ $probe -lt 8 ]; then echo \"Probe $1 is not connected\"\n\
             else echo \"Invalid probe number $1\"; exit 1; fi\n",
            log = rig.device.path().join("acme.log").display()
        )
    };
    let bin = rig.sshd.dir.path().join("bin");
    for (name, body) in [
        ("dut-switch-on", switch("echo 1 > \"$f\"", "on")),
        ("dut-switch-off", switch("echo 0 > \"$f\"", "off")),
        (
            "dut-hard-reset",
            switch("echo 0 > \"$f\"; echo 1 > \"$f\"", "reset"),
        ),
    ] {
        use std::os::unix::fs::PermissionsExt;
        let file = bin.join(name);
        std::fs::write(&file, format!("#!/bin/sh\n{body}")).unwrap();
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    rig
}

fn acme_log(rig: &SshRig) -> String {
    std::fs::read_to_string(rig.device.path().join("acme.log")).unwrap_or_default()
}

fn acme_probe(rig: &SshRig, probe: usize) -> String {
    let k = probe - 1;
    std::fs::read_to_string(rig.device.path().join(format!(
        "sysfs/bus/i2c/devices/1-004{k}/iio:device{k}/in_active"
    )))
    .unwrap()
    .trim()
    .to_string()
}

#[test]
fn acme_reads_eight_probes_and_switches_with_dut_switch() {
    let probes = [
        Some(true),
        Some(false),
        None,
        Some(false),
        None,
        None,
        None,
        None,
    ];
    let rig = acme_rig(&probes);
    let got = states_of(rig.cmd(&["status"]));
    let mut want = vec![json!("on"), json!("off"), Value::Null, json!("off")];
    want.extend(std::iter::repeat_n(Value::Null, 4));
    assert_eq!(got, want);
    ok(rig.cmd(&["on", "2"]));
    assert_eq!(acme_probe(&rig, 2), "1");
    ok(rig.cmd(&["cycle", "1"]));
    assert_eq!(acme_log(&rig), "on 2\nreset 1\n");
    // A slot without a probe: the ACME says so, a refusal.
    let line = fails(rig.cmd(&["on", "3"]), 1, "not connected");
    assert!(line.contains("Probe 3"), "{line}");
}

// ---------------------------------------------------------------------------------------
// Serial

/// A home whose profile has `dev`, a `driver` on the serial port `path`.
fn serial_home(driver: &str, path: &str, extra: &str) -> Home {
    let home = Home::new();
    let timeout = if extra.contains("timeout") {
        ""
    } else {
        "timeout = 3\n"
    };
    home.write_profile(&format!(
        "[devices.dev]\ndriver = \"{driver}\"\nhost = \"{path}\"\n{timeout}{extra}\n"
    ));
    home
}

fn pd(home: &Home, args: &[&str]) -> assert_cmd::Command {
    let mut c = home.cmd();
    c.args(["-d", "dev"]).args(args);
    c
}

/// A Numato USB relay module (drivers-2.md C8, pdudaemon's numatousb): it echoes what it
/// is sent; a CR ends a command, answered with LF CR, the answer and LF CR where there is
/// one, then the `>` prompt; `relay on|off|read ID`, ID one hex digit. Mode "silent":
/// it answers nothing; "chatty": it answers a CR with 2 MiB without a prompt.
fn numato(s: &mut PtySeen, pending: &mut Vec<u8>) -> Answer {
    if s.mode == "silent" {
        pending.clear();
        return Answer::Nothing;
    }
    let Some(line) = take_line(pending) else {
        // The echo of what is typed.
        return Answer::Send(pending.last().map(|b| vec![*b]).unwrap_or_default());
    };
    if s.mode == "chatty" {
        return Answer::Send(b"relay status changing ".repeat(100_000));
    }
    s.commands.push(line.clone());
    let words: Vec<&str> = line.split_whitespace().collect();
    let relay = |id: &str| {
        usize::from_str_radix(id, 16)
            .ok()
            .filter(|&k| id.len() == 1 && k < s.outlets.len())
    };
    let answer = match words[..] {
        [] => None,
        ["relay", "read", id] => relay(id).map(|k| if s.outlets[k] { "on" } else { "off" }),
        ["relay", verb @ ("on" | "off"), id] => match relay(id) {
            Some(k) => {
                s.outlets[k] = verb == "on";
                None
            }
            None => Some("Invalid relay"),
        },
        _ => Some("Invalid command"),
    };
    let mut out = b"\n\r".to_vec();
    if let Some(answer) = answer {
        out.extend(answer.as_bytes());
        out.extend(b"\n\r");
    }
    out.push(b'>');
    Answer::Send(out)
}

#[test]
fn numato_reads_every_relay_in_one_session_and_switches_one() {
    let module = PtyDevice::start(16, numato);
    module.set(3, true);
    let home = serial_home("numato", &module.path, "outlets = 4\n");
    let got = states_of(pd(&home, &["status"]));
    assert_eq!(got, [json!("off"), json!("off"), json!("on"), json!("off")]);
    // One session (one CR to bring the prompt), the relays read in order.
    let commands = module.seen().commands.clone();
    let reads: Vec<String> = (0..4).map(|k| format!("relay read {k}")).collect();
    assert_eq!(commands[0], "");
    assert_eq!(commands[1..5], reads);
    assert_eq!(
        commands.iter().filter(|c| c.is_empty()).count(),
        1,
        "{commands:?}"
    );
    assert!(
        commands[1..].iter().all(|c| c.starts_with("relay read ")),
        "{commands:?}"
    );
    ok(pd(&home, &["on", "2"]));
    assert!(module.states()[1]);
    assert!(module.seen().commands.contains(&"relay on 1".to_string()));
    // A 16-relay module's ids are hex digits, given in the profile.
    let ids: Vec<String> = (0..16).map(|k| format!("\"{k:X}\"")).collect();
    let home = serial_home(
        "numato",
        &module.path,
        &format!("outlets = [{}]\n", ids.join(", ")),
    );
    ok(pd(&home, &["off", "12"]));
    module.set(12, true);
    ok(pd(&home, &["off", "12"]));
    assert!(!module.states()[11]);
    assert!(module.seen().commands.contains(&"relay off B".to_string()));
}

#[test]
fn a_serial_device_that_never_answers_is_exit_4_naming_the_step() {
    let module = PtyDevice::start(8, numato);
    module.seen().mode = "silent";
    let home = serial_home("numato", &module.path, "timeout = 1\n");
    let line = fails(pd(&home, &["status"]), 4, "login step 2");
    assert!(line.contains("within 1s"), "{line}");
}

#[test]
fn a_serial_device_that_talks_forever_hits_the_unread_cap() {
    let module = PtyDevice::start(8, numato);
    module.seen().mode = "chatty";
    let home = serial_home("numato", &module.path, "timeout = 20\n");
    let started = Instant::now();
    fails(pd(&home, &["status"]), 5, "1 MiB");
    assert!(started.elapsed() < Duration::from_secs(15));
}

#[test]
fn a_serial_port_that_is_missing_or_not_a_tty_is_a_clear_error() {
    let home = serial_home("numato", "/dev/ttyUSB-pductl-none", "");
    let line = fails(pd(&home, &["status"]), 4, "cannot open serial port");
    assert!(line.contains("/dev/ttyUSB-pductl-none"), "{line}");
    let file = home.dir.path().join("not-a-port");
    std::fs::write(&file, "").unwrap();
    let home = serial_home("numato", &file.display().to_string(), "");
    fails(pd(&home, &["status"]), 2, "is not a serial port");
    // A character device that is not a terminal.
    let home = serial_home("numato", "/dev/null", "");
    fails(pd(&home, &["status"]), 2, "is not a serial port");
}

/// A WTI RPS-10 (drivers-2.md C2, powerman's wti-rps10.dev): a command is the prefix
/// ^X^X^B^X^X^B^X^X, the plug's digit, 1, 0 or ?, and CR, answered "Plug N On|Off" and
/// "Complete"; without the prefix it does nothing.
fn rps10(s: &mut PtySeen, pending: &mut Vec<u8>) -> Answer {
    const PREFIX: &[u8] = b"\x18\x18\x02\x18\x18\x02\x18\x18";
    if pending.last() != Some(&b'\r') {
        return Answer::Nothing;
    }
    let command = std::mem::take(pending);
    let Some(rest) = command.strip_prefix(PREFIX) else {
        return Answer::Nothing;
    };
    let [plug @ b'0'..=b'9', op, b'\r'] = rest[..] else {
        return Answer::Nothing;
    };
    let k = usize::from(plug - b'0');
    s.commands
        .push(String::from_utf8_lossy(&rest[..2]).into_owned());
    match op {
        b'1' | b'0' => s.outlets[k] = op == b'1',
        b'?' => {}
        _ => return Answer::Nothing,
    }
    let state = if s.outlets[k] { "On" } else { "Off" };
    Answer::Send(format!("\r\nPlug {k} {state}\r\nComplete\r\n").into_bytes())
}

#[test]
fn wti_rps10_reads_ten_plugs_and_switches_plug_0() {
    let unit = PtyDevice::start(10, rps10);
    unit.set(8, true);
    let home = serial_home("wti-rps10", &unit.path, "");
    let got = states_of(pd(&home, &["status"]));
    assert_eq!(got.len(), 10);
    let on: Vec<usize> = (0..10).filter(|&k| got[k] == json!("on")).collect();
    assert_eq!(on, [7]);
    let asked: Vec<String> = (0..10).map(|k| format!("{k}?")).collect();
    assert_eq!(unit.seen().commands[..10], asked);
    ok(pd(&home, &["on", "1"]));
    assert!(unit.states()[0]);
    assert!(unit.seen().commands.contains(&"01".to_string()));
}

/// A Rackable Phantom (drivers-2.md C7, powerman's phantom.dev): ^^ ^] enters the shell
/// mode ("ok" CR); `P?` answers 1 or 0 and CR; `PT` toggles ("ok" CR). Mode "mute after
/// toggle": a toggle is done but not answered.
fn phantom(s: &mut PtySeen, pending: &mut Vec<u8>) -> Answer {
    if pending.len() < 2 {
        return Answer::Nothing;
    }
    let command = std::mem::take(pending);
    s.commands
        .push(String::from_utf8_lossy(&command).into_owned());
    match &command[..] {
        b"\x1e\x1d" => Answer::Send(b"ok\r".to_vec()),
        b"P?" => Answer::Send(if s.outlets[0] { b"1\r" } else { b"0\r" }.to_vec()),
        b"PT" => {
            s.outlets[0] = !s.outlets[0];
            if s.mode == "mute after toggle" {
                return Answer::Nothing;
            }
            Answer::Send(b"ok\r".to_vec())
        }
        _ => Answer::Send(b"?\r".to_vec()),
    }
}

fn toggles(unit: &PtyDevice) -> usize {
    unit.seen().commands.iter().filter(|c| *c == "PT").count()
}

#[test]
fn rackable_phantom_toggles_only_when_the_state_differs() {
    let unit = PtyDevice::start(1, phantom);
    let home = serial_home("rackable-phantom", &unit.path, "");
    assert_eq!(states_of(pd(&home, &["status"])), [json!("off")]);
    ok(pd(&home, &["on", "1"]));
    assert!(unit.states()[0]);
    assert_eq!(toggles(&unit), 1);
    // Already on: read, and no toggle.
    ok(pd(&home, &["on", "1"]));
    assert!(unit.states()[0]);
    assert_eq!(toggles(&unit), 1);
    ok(pd(&home, &["off", "1"]));
    assert!(!unit.states()[0]);
    assert_eq!(toggles(&unit), 2);
}

#[test]
fn a_phantom_toggle_that_is_not_answered_is_never_sent_again() {
    let unit = PtyDevice::start(1, phantom);
    unit.seen().mode = "mute after toggle";
    let home = serial_home("rackable-phantom", &unit.path, "timeout = 1\nretries = 3\n");
    // The toggle is not answered: not sent again, whatever the retries; the state read
    // back says whether it took.
    let (code, _, stderr) = run(pd(&home, &["-v", "on", "1"]));
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("not repeated"), "{stderr}");
    assert_eq!(toggles(&unit), 1);
    assert!(unit.states()[0]);
    ok(pd(&home, &["off", "1"]));
    assert_eq!(toggles(&unit), 2);
    assert!(!unit.states()[0]);
}

/// A Devantech USB-RLY08 (drivers-2.md C18, pdudaemon's devantechusb): 0x64 + N switches
/// relay N on, 0x6E + N off, unanswered; 0x5B (INFERRED) answers a byte, bit 0 relay 1.
/// Mode "hang up": asked for its states, it is gone.
fn usb_rly(s: &mut PtySeen, pending: &mut Vec<u8>) -> Answer {
    let byte = pending.remove(0);
    s.commands.push(format!("{byte:#04x}"));
    match byte {
        0x5B if s.mode == "hang up" => Answer::HangUp,
        0x5B => {
            let bits = (0..8)
                .filter(|&k| s.outlets[k])
                .fold(0u8, |b, k| b | 1 << k);
            Answer::Send(vec![bits])
        }
        0x65..=0x6C => {
            s.outlets[usize::from(byte - 0x65)] = true;
            Answer::Nothing
        }
        0x6F..=0x76 => {
            s.outlets[usize::from(byte - 0x6F)] = false;
            Answer::Nothing
        }
        _ => Answer::Nothing,
    }
}

#[test]
fn devantech_usb_rly_reads_a_state_byte_and_switches_with_single_bytes() {
    let module = PtyDevice::start(8, usb_rly);
    module.set(1, true);
    module.set(8, true);
    let home = serial_home("devantech-usb-rly", &module.path, "");
    let got = states_of(pd(&home, &["status"]));
    let mut want = vec![json!("off"); 8];
    want[0] = json!("on");
    want[7] = json!("on");
    assert_eq!(got, want);
    ok(pd(&home, &["on", "3"]));
    ok(pd(&home, &["off", "8"]));
    assert_eq!(
        module.states(),
        [true, false, true, false, false, false, false, false]
    );
    let commands = module.seen().commands.clone();
    assert!(commands.contains(&"0x67".to_string()), "{commands:?}");
    assert!(commands.contains(&"0x76".to_string()), "{commands:?}");
    // A module with 2 relays, as the profile says.
    let home = serial_home("devantech-usb-rly", &module.path, "outlets = 2\n");
    assert_eq!(
        states_of(pd(&home, &["status"])),
        [json!("on"), json!("off")]
    );
}

#[test]
fn a_serial_device_that_hangs_up_is_exit_5() {
    let module = PtyDevice::start(8, usb_rly);
    module.seen().mode = "hang up";
    // Not tried again: the port of a device that is gone is gone too (exit 4).
    let home = serial_home("devantech-usb-rly", &module.path, "retries = 0\n");
    fails(pd(&home, &["status"]), 5, "outlets.list step 2");
}

/// A Conrad 197720 card, address 1 (drivers-2.md C19, pdudaemon's conrad197720): 4-byte
/// frames (command, address, data, XOR of the three); a frame whose XOR is wrong is
/// ignored; the answer's command is 255 minus the one asked. 1 init, 2 get, 6 on and 7
/// off of the relays the data's bits name.
fn conrad(s: &mut PtySeen, pending: &mut Vec<u8>) -> Answer {
    if pending.len() < 4 {
        return Answer::Nothing;
    }
    let frame: Vec<u8> = pending.drain(..4).collect();
    let [command, address, data, xor] = frame[..] else {
        return Answer::Nothing;
    };
    s.commands.push(format!("{frame:?}"));
    if command ^ address ^ data != xor || address != 1 {
        return Answer::Nothing;
    }
    for k in 0..8 {
        if data & 1 << k != 0 {
            match command {
                6 => s.outlets[k] = true,
                7 => s.outlets[k] = false,
                _ => {}
            }
        }
    }
    let relays = (0..8)
        .filter(|&k| s.outlets[k])
        .fold(0u8, |b, k| b | 1 << k);
    let reply = [255 - command, 1, relays];
    Answer::Send(vec![
        reply[0],
        reply[1],
        reply[2],
        reply[0] ^ reply[1] ^ reply[2],
    ])
}

#[test]
fn conrad_197720_reads_and_switches_relays_with_checksummed_frames() {
    let card = PtyDevice::start(8, conrad);
    card.set(2, true);
    let home = serial_home("conrad-197720", &card.path, "");
    let got = states_of(pd(&home, &["status"]));
    let on: Vec<usize> = (0..8).filter(|&k| got[k] == json!("on")).collect();
    assert_eq!(on, [1]);
    assert_eq!(card.seen().commands[..2], ["[1, 1, 0, 0]", "[2, 1, 0, 3]"]);
    ok(pd(&home, &["on", "8"]));
    ok(pd(&home, &["off", "2"]));
    assert_eq!(
        card.states(),
        [false, false, false, false, false, false, false, true]
    );
    let commands = card.seen().commands.clone();
    assert!(
        commands.contains(&format!("{:?}", [6u8, 1, 128, 6 ^ 1 ^ 128])),
        "{commands:?}"
    );
    assert!(
        commands.contains(&format!("{:?}", [7u8, 1, 2, 7 ^ 1 ^ 2])),
        "{commands:?}"
    );
}

// ---------------------------------------------------------------------------------------
// SCPI over TCP

/// A home whose profile has `dev`, a `driver` at loopback `port`.
fn tcp_home(driver: &str, port: u16, extra: &str) -> Home {
    let home = Home::new();
    home.write_profile(&format!(
        "[devices.dev]\ndriver = \"{driver}\"\nhost = \"127.0.0.1\"\nport = {port}\n\
         timeout = 3\n{extra}\n"
    ));
    home
}

/// A SCPI instrument's raw socket: no login, no prompt, one command a line, answers to
/// queries only.
fn scpi(command: fn(&mut Seen, &str) -> Reply) -> Dialect {
    Dialect {
        telnet: false,
        banner: "",
        login: Login::None,
        welcome: "",
        prompt: "",
        prompt_at_login: false,
        command,
        lf_ends_line: true,
    }
}

/// A Siglent SPD3303X (drivers-2.md C11, labgrid's siglent): `OUTPut CH1|CH2,ON|OFF`;
/// `SYSTem:STATus?` answers a hex number, bit 4 channel 1's output, bit 5 channel 2's
/// (bits 0-1 the channels' CV/CC modes, set here to tell them apart).
fn siglent(s: &mut Seen, line: &str) -> Reply {
    let upper = line.to_ascii_uppercase();
    if upper == "SYSTEM:STATUS?" || upper == "SYST:STAT?" {
        let mut status = 0b11u32;
        for (k, &on) in s.outlets.iter().enumerate() {
            status |= u32::from(on) << (4 + k);
        }
        return Reply::Text(format!("0x{status:X}\n"));
    }
    let set = upper
        .strip_prefix("OUTPUT ")
        .or(upper.strip_prefix("OUTP "))
        .and_then(|rest| rest.split_once(','));
    if let Some((channel, value)) = set {
        let k = match channel.trim() {
            "CH1" => 0,
            "CH2" => 1,
            _ => return Reply::Text(String::new()),
        };
        match value.trim() {
            "ON" => s.outlets[k] = true,
            "OFF" => s.outlets[k] = false,
            _ => {}
        }
    }
    Reply::Text(String::new())
}

#[test]
fn siglent_spd_reads_the_status_bits_and_switches_a_channel() {
    let psu = LineDevice::start(scpi(siglent), 2, "", Mode::Normal);
    psu.set(2, true);
    let home = tcp_home("siglent-spd", psu.port, "");
    assert_eq!(
        states_of(pd(&home, &["status"])),
        [json!("off"), json!("on")]
    );
    ok(pd(&home, &["on", "1"]));
    ok(pd(&home, &["off", "2"]));
    assert_eq!(psu.seen().outlets, [true, false]);
    let commands = psu.seen().commands.clone();
    assert!(
        commands.contains(&"OUTPut CH1,ON".to_string()),
        "{commands:?}"
    );
    assert!(
        commands.contains(&"OUTPut CH2,OFF".to_string()),
        "{commands:?}"
    );
}

/// A Rigol DP832 (drivers-2.md C12, Rigol's programming guide): `:OUTPut CHn,ON|OFF`,
/// `:OUTPut? CHn` answering ON or OFF, for channels 1-3.
fn rigol(s: &mut Seen, line: &str) -> Reply {
    let upper = line.to_ascii_uppercase();
    let channel = |text: &str| {
        text.trim()
            .strip_prefix("CH")
            .and_then(|n| n.parse::<usize>().ok())
            .filter(|n| (1..=s.outlets.len()).contains(n))
            .map(|n| n - 1)
    };
    if let Some(rest) = upper
        .strip_prefix(":OUTPUT? ")
        .or(upper.strip_prefix(":OUTP? "))
    {
        return match channel(rest) {
            Some(k) => Reply::Text(if s.outlets[k] { "ON\n" } else { "OFF\n" }.into()),
            None => Reply::Text(String::new()),
        };
    }
    let set = upper
        .strip_prefix(":OUTPUT ")
        .or(upper.strip_prefix(":OUTP "))
        .and_then(|rest| rest.split_once(','));
    if let Some((ch, value)) = set {
        if let Some(k) = channel(ch) {
            s.outlets[k] = value.trim() == "ON";
        }
    }
    Reply::Text(String::new())
}

#[test]
fn scpi_psu_reads_each_channel_and_switches_one() {
    let psu = LineDevice::start(scpi(rigol), 3, "", Mode::Normal);
    psu.set(3, true);
    let home = tcp_home("scpi-psu", psu.port, "");
    assert_eq!(
        states_of(pd(&home, &["status"])),
        [json!("off"), json!("off"), json!("on")]
    );
    ok(pd(&home, &["on", "2"]));
    assert_eq!(psu.seen().outlets, [false, true, true]);
    assert!(psu.seen().commands.contains(&":OUTPut CH2,ON".to_string()));
    // A two-channel supply, as the profile says: the third is never asked.
    let home = tcp_home("scpi-psu", psu.port, "outlets = 2\n");
    let before = psu.seen().commands.len();
    assert_eq!(states_of(pd(&home, &["status"])).len(), 2);
    let asked = psu.seen().commands[before..].to_vec();
    assert!(asked.iter().all(|c| !c.contains("CH3")), "{asked:?}");
}
