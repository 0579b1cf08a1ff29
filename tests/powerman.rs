//! powerman's device scripts run directly (`driver = "powerman:NAME"`), end to end against
//! Debian's installed scripts (/etc/powerman/*.dev): vpc.dev against powerman's own virtual
//! power controller (/usr/sbin/vpcd, as a coprocess, its conversation logged by a wrapper so
//! the test sees what vpcd was told and answered), wti.dev against the simulated WTI NPS of
//! tests/common/telnet_device.rs with powermand and pm reading and switching the same unit
//! as the oracle, baytech.dev against a Baytech RPC-3 written here on
//! tests/common/line_device.rs from protocols/drivers-2.md's facts; and the errors: a
//! missing script, a syntax error, a verb the script has no script for, an expect that
//! times out, a profile password, a script for powerman's snmppower helper.
//!
//! Every test skips (saying why) where /etc/powerman is absent; scripts/test.sh installs
//! Debian's powerman, so CI runs them.

mod common;
#[allow(dead_code)]
#[path = "common/line_device.rs"]
mod line_device;

use common::telnet_device::{Mode as WtiMode, WtiNps};
use common::*;
use line_device::{outlet, Dialect, LineDevice, Login, Mode, Reply, Seen};
use std::path::Path;

const SCRIPTS: &str = "/etc/powerman";

/// Whether Debian's powerman is installed; where not, says so (the test then skips).
fn installed(test: &str) -> bool {
    let there = Path::new(SCRIPTS).join("vpc.dev").is_file();
    if !there {
        eprintln!("{test}: skipped: {SCRIPTS} is absent (apt install powerman)");
    }
    there
}

/// A home whose profile has `dev`, driven by `driver` and reached at `host` (with the
/// extra profile lines `extra`).
fn home_with(driver: &str, host: &str, extra: &str) -> Home {
    let home = Home::new();
    home.write_profile(&format!(
        "[devices.dev]\ndriver = \"{driver}\"\nhost = \"{host}\"\n{extra}\n"
    ));
    home
}

fn pd(home: &Home, args: &[&str]) -> assert_cmd::Command {
    let mut c = home.cmd();
    c.args(args);
    c
}

/// `(name, state)` of each outlet as `status` shows it.
fn status(home: &Home) -> Vec<(String, String)> {
    json(&ok(pd(home, &["-d", "dev", "status"])))
        .as_array()
        .expect("status is a JSON array")
        .iter()
        .map(|o| {
            let text = |k: &str| o[k].as_str().unwrap_or_default().to_string();
            (text("name"), text("state"))
        })
        .collect()
}

// ---------------------------------------------------------------------------------------
// vpc.dev against powerman's vpcd

/// A program that runs vpcd with what it is told and what it answers appended to two
/// files, so the test reads the conversation at vpcd.
struct Vpcd {
    dir: tempfile::TempDir,
}

impl Vpcd {
    fn new() -> Vpcd {
        let dir = tempfile::tempdir().unwrap();
        let script = dir.path().join("vpcd-logged");
        std::fs::write(
            &script,
            format!(
                "#!/bin/sh\ntee -a '{0}/told' | /usr/sbin/vpcd | tee -a '{0}/answered'\n",
                dir.path().display()
            ),
        )
        .unwrap();
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
        Vpcd { dir }
    }

    fn host(&self) -> String {
        format!("{} |&", self.dir.path().join("vpcd-logged").display())
    }

    fn read(&self, name: &str) -> String {
        std::fs::read_to_string(self.dir.path().join(name)).unwrap_or_default()
    }

    /// Lines vpcd was told, once the run has ended (its logout reached it).
    fn told(&self) -> Vec<String> {
        eventually(5.0, || self.read("told").contains("logoff"));
        self.read("told").lines().map(str::to_string).collect()
    }

    /// The states vpcd reported in its last `stat *` answer, plug 0 first.
    fn last_stat(&self) -> Vec<String> {
        let answered = self.read("answered");
        let rows: Vec<&str> = answered
            .lines()
            .filter_map(|l| l.find("plug ").map(|at| &l[at..]))
            .collect();
        let last = &rows[rows.len().saturating_sub(16)..];
        last.iter()
            .map(|l| l.rsplit(' ').next().unwrap_or_default().to_lowercase())
            .collect()
    }
}

#[test]
fn vpc_dev_reads_and_switches_vpcd() {
    if !installed("vpc_dev_reads_and_switches_vpcd") {
        return;
    }
    let vpcd = Vpcd::new();
    let home = home_with("powerman:vpc", &vpcd.host(), "");

    // 16 outlets, named as vpc.dev's plugs, all off as vpcd starts.
    let read = status(&home);
    let names: Vec<String> = (0..16).map(|k| k.to_string()).collect();
    assert_eq!(
        read.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>(),
        names
    );
    assert!(read.iter().all(|(_, s)| s == "off"), "{read:?}");
    assert_eq!(vpcd.last_stat(), vec!["off"; 16]);
    // One login, one read (outlets and meters alike), one logout.
    let told = vpcd.told();
    assert_eq!(told, ["login", "stat *", "logoff"], "{told:?}");

    // Outlet 4 is plug "3": `on 3`, and the verifying read (a second stat, in the same
    // session) shows it on at vpcd.
    let vpcd = Vpcd::new();
    let home = home_with("powerman:vpc", &vpcd.host(), "");
    let out = json(&ok(pd(&home, &["-d", "dev", "-o", "json", "on", "4"])));
    assert_eq!(out[0]["after"], "on", "{out}");
    assert_eq!(out[0]["verified"], true, "{out}");
    let told = vpcd.told();
    let sent: Vec<&str> = told
        .iter()
        .map(String::as_str)
        .filter(|l| *l != "stat *")
        .collect();
    assert_eq!(sent, ["login", "on 3", "logoff"], "{told:?}");
    let on = told.iter().position(|l| l == "on 3").unwrap();
    assert!(
        told[..on].contains(&"stat *".to_string()),
        "read before: {told:?}"
    );
    assert!(
        told[on..].contains(&"stat *".to_string()),
        "verified after: {told:?}"
    );
    let mut want = vec!["off".to_string(); 16];
    want[3] = "on".into();
    assert_eq!(vpcd.last_stat(), want);

    // Every outlet at once: on_all's `on *`.
    let vpcd = Vpcd::new();
    let home = home_with("powerman:vpc", &vpcd.host(), "");
    ok(pd(&home, &["-d", "dev", "on", "all"]));
    assert!(vpcd.told().contains(&"on *".to_string()));
    assert_eq!(vpcd.last_stat(), vec!["on"; 16]);

    // Some outlets: the per-plug script, once each.
    let vpcd = Vpcd::new();
    let home = home_with("powerman:vpc", &vpcd.host(), "");
    ok(pd(&home, &["-d", "dev", "on", "1,16"]));
    let told = vpcd.told();
    assert!(told.contains(&"on 0".to_string()) && told.contains(&"on 15".to_string()));
    assert!(!told.contains(&"on *".to_string()), "{told:?}");

    // The device's own cycle: vpc.dev's cycle script, off then on, once.
    let vpcd = Vpcd::new();
    let home = home_with("powerman:vpc", &vpcd.host(), "");
    let out = json(&ok(pd(&home, &["-d", "dev", "-o", "json", "cycle", "3"])));
    assert_eq!(out[0]["after"], "on", "{out}");
    assert_eq!(out[0]["verified"], true, "{out}");
    let told = vpcd.told();
    let off = told.iter().position(|l| l == "off 2").expect("off 2 sent");
    let on = told.iter().position(|l| l == "on 2").expect("on 2 sent");
    assert!(off < on, "{told:?}");
    assert_eq!(told.iter().filter(|l| *l == "off 2").count(), 1, "{told:?}");
    assert_eq!(vpcd.last_stat()[2], "on");

    // The plugs are vpcd's: none is added or taken away.
    fails(
        pd(&home, &["-d", "dev", "remove", "relay/outlets/0"]),
        8,
        "outlets are the device's",
    );
}

#[test]
fn vpc_dev_reaches_vpcd_on_a_serial_port() {
    if !installed("vpc_dev_reaches_vpcd_on_a_serial_port") {
        return;
    }
    // socat joins a pseudo-terminal to vpcd (logged): the serial port pductl opens.
    let vpcd = Vpcd::new();
    let tty = vpcd.dir.path().join("tty");
    let mut socat = std::process::Command::new("socat")
        .arg(format!("PTY,link={},raw,echo=0", tty.display()))
        .arg(format!(
            "EXEC:{}",
            vpcd.dir.path().join("vpcd-logged").display()
        ))
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("socat (scripts/test.sh installs it)");
    assert!(eventually(5.0, || tty.exists()), "socat made no pty");
    let home = home_with("powerman:vpc", &format!("{} 9600,8n1", tty.display()), "");
    let out = json(&ok(pd(&home, &["-d", "dev", "-o", "json", "on", "6"])));
    assert_eq!(out[0]["after"], "on", "{out}");
    assert!(vpcd.told().contains(&"on 5".to_string()));
    assert_eq!(vpcd.last_stat()[5], "on");
    let _ = socat.kill();
    let _ = socat.wait();
    // Settings that are not a serial line's are the profile's mistake.
    let home = home_with("powerman:vpc", &format!("{} fast", tty.display()), "");
    fails(pd(&home, &["-d", "dev", "status"]), 2, "serial");
}

#[test]
fn ifon_and_ifoff_switch_only_what_the_device_says_needs_it() {
    if !installed("ifon_and_ifoff_switch_only_what_the_device_says_needs_it") {
        return;
    }
    // A script of our own for vpcd, in the manner of a toggle-only unit (phantom.dev): each
    // switch reads the plug first and acts only where it is the other way.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("careful.dev");
    let read = "\t\tsend \"stat %s\\n\"\n\t\texpect \"plug [0-9]+: (ON|OFF)\\n\"\n\
                \t\tsetplugstate $1 on=\"ON\" off=\"OFF\"\n\t\texpect \"vpc> \"\n";
    std::fs::write(
        &file,
        format!(
            "specification \"careful\" {{\n\ttimeout 5\n\tplug name {{ \"0\" \"1\" }}\n\
             \tscript login {{\n\t\tsend \"login\\n\"\n\t\texpect \"vpc> \"\n\t}}\n\
             \tscript logout {{\n\t\tsend \"logoff\\n\"\n\t}}\n\
             \tscript status {{\n{read}\t}}\n\
             \tscript on {{\n{read}\t\tifoff {{\n\t\t\tsend \"on %s\\n\"\n\
             \t\t\texpect \"vpc> \"\n\t\t}}\n\t}}\n\
             \tscript off {{\n{read}\t\tifon {{\n\t\t\tsend \"off %s\\n\"\n\
             \t\t\texpect \"vpc> \"\n\t\t}}\n\t}}\n}}\n"
        ),
    )
    .unwrap();
    let driver = format!("powerman:{}", file.display());
    // Off, and vpcd's plug is off: the script reads it and sends no off.
    let vpcd = Vpcd::new();
    let home = home_with(&driver, &vpcd.host(), "");
    ok(pd(
        &home,
        &["-d", "dev", "set", "relay/outlets/1/state", "false"],
    ));
    let told = vpcd.told();
    assert!(told.contains(&"stat 1".to_string()), "{told:?}");
    assert!(!told.iter().any(|l| l.starts_with("off")), "{told:?}");
    // On: the script reads it off and sends on, once.
    let vpcd = Vpcd::new();
    let home = home_with(&driver, &vpcd.host(), "");
    ok(pd(
        &home,
        &["-d", "dev", "set", "relay/outlets/1/state", "true"],
    ));
    let told = vpcd.told();
    assert_eq!(told.iter().filter(|l| *l == "on 1").count(), 1, "{told:?}");
}

// ---------------------------------------------------------------------------------------
// wti.dev against the simulated WTI NPS, with powermand and pm as the oracle

/// powermand driving `spec` at `device` (powerman.conf's address), with nodes `n1`..`nN`
/// for its plugs; pm talks to it.
struct Powermand {
    child: std::process::Child,
    listen: String,
    _dir: tempfile::TempDir,
}

impl Powermand {
    fn start(spec: &str, device: &str, plugs: usize) -> Powermand {
        let dir = tempfile::tempdir().unwrap();
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let listen = format!("127.0.0.1:{port}");
        let conf = dir.path().join("powerman.conf");
        std::fs::write(
            &conf,
            format!(
                "include \"{SCRIPTS}/{spec}.dev\"\nlisten \"{listen}\"\n\
                 device \"d\" \"{spec}\" \"{device}\"\nnode \"n[1-{plugs}]\" \"d\"\n"
            ),
        )
        .unwrap();
        let child = std::process::Command::new("/usr/sbin/powermand")
            .args(["-f", "-c"])
            .arg(&conf)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("start powermand");
        let pm = Powermand {
            child,
            listen,
            _dir: dir,
        };
        assert!(
            eventually(10.0, || pm.pm(&["-l"]).is_some()),
            "powermand did not come up"
        );
        pm
    }

    /// `pm -h LISTEN ARGS`'s output, where it succeeded.
    fn pm(&self, args: &[&str]) -> Option<String> {
        let out = std::process::Command::new("/usr/bin/pm")
            .args(["-h", &self.listen])
            .args(args)
            .output()
            .ok()?;
        out.status
            .success()
            .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
    }

    /// Each node's state as `pm -q -x` reports it, node 1 first.
    fn states(&self, plugs: usize) -> Vec<String> {
        let out = self.pm(&["-q", "-x"]).expect("pm -q");
        (1..=plugs)
            .map(|k| {
                out.lines()
                    .find_map(|l| l.strip_prefix(&format!("n{k}: ")))
                    .unwrap_or("missing")
                    .to_string()
            })
            .collect()
    }
}

impl Drop for Powermand {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn wti_dev_reads_and_switches_a_wti_nps_as_powerman_does() {
    if !installed("wti_dev_reads_and_switches_a_wti_nps_as_powerman_does") {
        return;
    }
    // wti.dev logs in with the password it names, "wti".
    let nps = WtiNps::start(8, "wti", WtiMode::Normal);
    nps.set_plug(2, true);
    nps.set_plug(7, true);
    let home = home_with(
        "powerman:wti",
        "127.0.0.1",
        &format!("port = {}\ntimeout = 5", nps.port),
    );
    let read = status(&home);
    let names: Vec<String> = read.iter().map(|(n, _)| n.clone()).collect();
    assert_eq!(names, ["1", "2", "3", "4", "5", "6", "7", "8"]);
    let states: Vec<String> = read.into_iter().map(|(_, s)| s).collect();
    assert_eq!(
        states,
        ["off", "on", "off", "off", "off", "off", "on", "off"]
    );
    // The logout is written as pductl lets go: the unit may read it a moment later.
    assert!(
        eventually(5.0, || nps
            .seen()
            .commands
            .last()
            .is_some_and(|c| c == "/x")),
        "{:?}",
        nps.seen().commands
    );
    {
        let seen = nps.seen();
        assert_eq!(seen.password_tries, ["wti"]);
        let commands = &seen.commands;
        assert_eq!(
            commands.last().map(String::as_str),
            Some("/x"),
            "logout last"
        );
        assert!(
            commands[..commands.len() - 1].iter().all(|c| c == "/s"),
            "{commands:?}"
        );
        assert_eq!(seen.logins, 1, "one login");
        // Every option the unit offered was refused (WONT ECHO, DONT SGA...).
        assert!(!seen.answers.is_empty());
    }

    // powerman reads the same unit the same way.
    let pm = Powermand::start("wti", &format!("127.0.0.1:{}", nps.port), 8);
    assert_eq!(pm.states(8), states);

    // pductl switches; pm sees it. One plug: `/on 3`.
    ok(pd(&home, &["-d", "dev", "on", "3"]));
    assert!(nps.seen().plugs[2]);
    assert!(nps.seen().commands.contains(&"/on 3".to_string()));
    assert_eq!(pm.states(8)[2], "on");

    // pm switches; pductl sees it.
    pm.pm(&["-0", "n2"]).expect("pm -0 n2");
    assert!(!nps.seen().plugs[1]);
    assert_eq!(status(&home)[1].1, "off");

    // Every plug: off_all's `/off *`.
    for k in 1..=8 {
        nps.set_plug(k, true);
    }
    ok(pd(&home, &["-d", "dev", "off", "all"]));
    assert!(nps.seen().plugs.iter().all(|on| !on));
    assert!(nps.seen().commands.contains(&"/off *".to_string()));
    assert_eq!(pm.states(8), vec!["off"; 8]);

    // The unit's own reboot: `/boot 5`, sent once.
    let before = nps.seen().commands.len();
    ok(pd(&home, &["-d", "dev", "cycle", "5"]));
    let commands = nps.seen().commands[before..].to_vec();
    assert_eq!(
        commands.iter().filter(|c| *c == "/boot 5").count(),
        1,
        "{commands:?}"
    );
    assert!(nps.seen().plugs[4]);
}

#[test]
fn an_expect_that_waits_too_long_is_exit_4_naming_the_script_and_step() {
    if !installed("an_expect_that_waits_too_long_is_exit_4_naming_the_script_and_step") {
        return;
    }
    let nps = WtiNps::start(8, "wti", WtiMode::NeverPrompts);
    let home = home_with(
        "powerman:wti",
        "127.0.0.1",
        &format!("port = {}\ntimeout = 1\nretries = 0", nps.port),
    );
    let line = fails(pd(&home, &["-d", "dev", "status"]), 4, "script login");
    assert!(line.contains("/etc/powerman/wti.dev:"), "{line}");
    assert!(line.contains("expect"), "{line}");

    // A unit whose password is not the script's: it asks again, so the login's expect
    // for the prompt waits in vain; the password went out once.
    let nps = WtiNps::start(8, "wrong", WtiMode::Normal);
    let home = home_with(
        "powerman:wti",
        "127.0.0.1",
        &format!("port = {}\ntimeout = 1\nretries = 0", nps.port),
    );
    let line = fails(pd(&home, &["-d", "dev", "status"]), 4, "NPS> ");
    assert!(line.contains("script login"), "{line}");
    assert!(!line.contains("\"wti"), "no password in messages: {line}");
    assert_eq!(nps.seen().password_tries, ["wti"]);
}

// ---------------------------------------------------------------------------------------
// baytech.dev against a Baytech RPC-3 (drivers-2.md C3: password, menu, outlet control)

const BAYTECH_MENU: &str = "\r\n\r\nRPC-3 Menu:\r\n\r\n    1)...Outlet Control\r\n    \
                            2)...Manage Users\r\n    6)...Logout\r\n\r\nEnter Selection>";

fn baytech_command(s: &mut Seen, line: &str) -> Reply {
    let (verb, arg) = line.split_once(' ').unwrap_or((line, ""));
    match verb {
        // The menu's outlet control: the unit's status, then its prompt.
        "1" | "status" => {
            let mut text = String::from(
                "\r\n Average Power:    0 Watts\r\n\r\n Circuit Breaker: On \r\n\r\n \
                 Selection   Outlet    Outlet   Power\r\n   Number     Name     Number   \
                 Status\r\n",
            );
            for (k, on) in s.outlets.iter().enumerate() {
                let state = if *on { "On" } else { "Off" };
                text += &format!(
                    "     {}       Outlet {}     {}       {state}\r\n",
                    k + 1,
                    k + 1,
                    k + 1
                );
            }
            Reply::Text(text)
        }
        "on" | "off" => {
            let targets: Vec<usize> = match arg.trim() {
                "0" => (0..s.outlets.len()).collect(),
                n => outlet(s, n).into_iter().collect(),
            };
            if targets.is_empty() {
                return Reply::Text("\r\nInvalid outlet\r\n".into());
            }
            for k in targets {
                s.outlets[k] = verb == "on";
            }
            Reply::Text("\r\n".into())
        }
        "menu" => Reply::Text(BAYTECH_MENU.into()),
        "6" => Reply::Close("\r\nGoodbye\r\n".into()),
        _ => Reply::Text("\r\nInput error\r\n".into()),
    }
}

const BAYTECH: Dialect = Dialect {
    telnet: true,
    banner: "\r\nRPC-3 Telnet Host\r\n\r\n",
    login: Login::Prompts {
        user: None,
        password: "Enter password>",
        wrong: "\r\n\r\n",
    },
    welcome: BAYTECH_MENU,
    prompt: "\r\nRPC-3>",
    prompt_at_login: false,
    command: baytech_command,
    lf_ends_line: true,
};

#[test]
fn baytech_dev_reads_and_switches_an_rpc3() {
    if !installed("baytech_dev_reads_and_switches_an_rpc3") {
        return;
    }
    // baytech.dev's password is "baytech".
    let unit = LineDevice::start(BAYTECH, 8, "baytech", Mode::Normal);
    unit.set(4, true);
    let home = home_with(
        "powerman:baytech",
        "127.0.0.1",
        &format!("port = {}\ntimeout = 5", unit.port),
    );
    let states: Vec<String> = status(&home).into_iter().map(|(_, s)| s).collect();
    assert_eq!(
        states,
        ["off", "off", "off", "on", "off", "off", "off", "off"]
    );
    ok(pd(&home, &["-d", "dev", "on", "2"]));
    assert!(unit.seen().outlets[1]);
    ok(pd(&home, &["-d", "dev", "off", "4"]));
    assert!(!unit.seen().outlets[3]);
    // The logout's sends went out: back to the menu, then Logout (read by the unit a
    // moment after pductl lets go).
    assert!(eventually(5.0, || unit
        .seen()
        .commands
        .contains(&"menu".to_string())));
    let seen = unit.seen();
    assert!(seen.commands.contains(&"on 2".to_string()));
    assert!(seen.commands.contains(&"off 4".to_string()));
    assert!(seen.password_tries.iter().all(|p| p == "baytech"));
}

// ---------------------------------------------------------------------------------------
// icebox.dev against an ICE Box v2 (drivers-2.md C5: `auth PW`, `ps *`, `ph N`, `pl N`)

fn icebox_command(s: &mut Seen, line: &str) -> Reply {
    let (verb, arg) = line.split_once(' ').unwrap_or((line, ""));
    match (verb, arg.trim()) {
        ("ps", "*") => {
            let words: Vec<String> = s
                .outlets
                .iter()
                .enumerate()
                .map(|(k, &on)| format!("N{}:{}", k + 1, u8::from(on)))
                .collect();
            Reply::Text(format!("{}\r\n", words.join(" ")))
        }
        ("ph" | "pl", n) => match outlet(s, n) {
            Some(k) => {
                s.outlets[k] = verb == "ph";
                Reply::Text("OK\r\n".into())
            }
            None => Reply::Text("ERROR\r\n".into()),
        },
        ("q", _) => Reply::Close(String::new()),
        _ => Reply::Text("ERROR\r\n".into()),
    }
}

const ICEBOX_V2: Dialect = Dialect {
    telnet: false,
    banner: "V2.10\r\n",
    login: Login::Command {
        prefix: "auth ",
        ok: "OK\r\n",
        wrong: "ERROR\r\n",
    },
    welcome: "",
    prompt: "",
    prompt_at_login: false,
    command: icebox_command,
    lf_ends_line: true,
};

#[test]
fn icebox_dev_reads_and_switches_an_ice_box_and_masks_its_auth() {
    if !installed("icebox_dev_reads_and_switches_an_ice_box_and_masks_its_auth") {
        return;
    }
    // icebox.dev authenticates with "icebox"; powerman reaches a TCP device with telnet's
    // negotiation ready, and the box sends none.
    let unit = LineDevice::start(ICEBOX_V2, 10, "icebox", Mode::Normal);
    unit.set(10, true);
    let home = home_with(
        "powerman:icebox",
        "127.0.0.1",
        &format!("port = {}\ntimeout = 5", unit.port),
    );
    let read = status(&home);
    assert_eq!(read.len(), 10);
    assert_eq!(read[9], ("10".to_string(), "on".to_string()));
    assert!(read[..9].iter().all(|(_, s)| s == "off"), "{read:?}");
    let (code, _, stderr) = run(pd(&home, &["-v", "-d", "dev", "on", "3"]));
    assert_eq!(code, 0, "{stderr}");
    assert!(unit.seen().outlets[2]);
    assert!(unit.seen().commands.contains(&"ph 3".to_string()));
    assert_eq!(unit.seen().password_tries, ["icebox", "icebox"]);
    // The auth command is masked in the trace.
    assert!(stderr.contains("send \"********\""), "{stderr}");
    assert!(!stderr.contains("auth icebox"), "{stderr}");
}

// ---------------------------------------------------------------------------------------
// Mistakes

#[test]
fn a_missing_script_or_a_broken_one_is_exit_2_with_its_place() {
    if !installed("a_missing_script_or_a_broken_one_is_exit_2_with_its_place") {
        return;
    }
    let home = home_with("powerman:no-such-script", "127.0.0.1", "");
    fails(
        pd(&home, &["-d", "dev", "status"]),
        2,
        "/etc/powerman/no-such-script.dev",
    );
    fails(
        pd(&home, &["drivers", "check", "powerman:no-such-script"]),
        2,
        "/etc/powerman/no-such-script.dev",
    );

    // A script of our own, with a regex that does not close its group on line 5.
    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("broken.dev");
    std::fs::write(
        &broken,
        "specification \"broken\" {\n\ttimeout 5\n\tplug name { \"1\" }\n\
         \tscript status {\n\t\texpect \"(ON|OFF\"\n\t}\n}\n",
    )
    .unwrap();
    let place = format!("{}:5:", broken.display());
    let home = home_with(&format!("powerman:{}", broken.display()), "127.0.0.1", "");
    fails(pd(&home, &["-d", "dev", "status"]), 2, &place);
    fails(
        pd(
            &home,
            &[
                "drivers",
                "check",
                &format!("powerman:{}", broken.display()),
            ],
        ),
        2,
        &place,
    );
    // A statement powerman does not have.
    std::fs::write(
        &broken,
        "specification \"broken\" {\n\tscript status {\n\t\tsend \"x\"\n\t\twait 3\n\t}\n}\n",
    )
    .unwrap();
    fails(
        pd(&home, &["-d", "dev", "status"]),
        2,
        &format!("{}:4:", broken.display()),
    );
}

#[test]
fn drivers_check_and_show_read_installed_scripts() {
    if !installed("drivers_check_and_show_read_installed_scripts") {
        return;
    }
    let home = Home::new();
    let (code, _, stderr) = run(pd(&home, &["drivers", "check", "powerman:wti"]));
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("/etc/powerman/wti.dev"), "{stderr}");
    let shown = ok(pd(&home, &["drivers", "show", "powerman:baytech"]));
    assert!(shown.contains("/etc/powerman/baytech.dev"), "{shown}");
    assert!(shown.contains("script status_all {"), "{shown}");
    assert!(shown.contains("plug name { \"1\""), "{shown}");
    // The password the login sends is not shown.
    assert!(!shown.contains("send \"baytech"), "{shown}");
    assert!(shown.contains("********"), "{shown}");
    // A file of several specifications names the one it uses.
    fails(
        pd(&home, &["drivers", "check", "powerman:appro-gb2"]),
        2,
        "several specifications",
    );
    let (code, _, stderr) = run(pd(
        &home,
        &["drivers", "check", "powerman:appro-gb2:sr5110"],
    ));
    assert_eq!(code, 0, "{stderr}");
}

#[test]
fn what_a_script_cannot_do_is_exit_8_and_what_the_profile_must_not_say_exit_2() {
    if !installed("what_a_script_cannot_do_is_exit_8_and_what_the_profile_must_not_say_exit_2") {
        return;
    }
    // A script of our own for vpcd: it reads and switches on, and has no off.
    let dir = tempfile::tempdir().unwrap();
    let mini = dir.path().join("mini.dev");
    std::fs::write(
        &mini,
        "specification \"mini\" {\n\ttimeout 5\n\tplug name { \"0\" \"1\" }\n\
         \tscript login {\n\t\tsend \"login\\n\"\n\t\texpect \"vpc> \"\n\t}\n\
         \tscript status {\n\t\tsend \"stat %s\\n\"\n\t\texpect \"plug [0-9]+: (ON|OFF)\\n\"\n\
         \t\tsetplugstate $1 on=\"ON\" off=\"OFF\"\n\t\texpect \"vpc> \"\n\t}\n\
         \tscript on {\n\t\tsend \"on %s\\n\"\n\t\texpect \"vpc> \"\n\t}\n}\n",
    )
    .unwrap();
    let driver = format!("powerman:{}", mini.display());
    let home = home_with(&driver, "/usr/sbin/vpcd |&", "");
    assert_eq!(
        status(&home),
        [("0".into(), "off".into()), ("1".into(), "off".into())]
    );
    let out = json(&ok(pd(&home, &["-d", "dev", "-o", "json", "on", "2"])));
    assert_eq!(out[0]["after"], "on", "{out}");
    assert_eq!(out[0]["verified"], true, "{out}");
    fails(
        pd(
            &home,
            &["-d", "dev", "set", "relay/outlets/0/state", "false"],
        ),
        8,
        "no off, off_all or off_ranged script",
    );
    // No cycle script: pductl's own off, wait, on needs off.
    fails(
        pd(
            &home,
            &["-d", "dev", "set", "relay/outlets/0/name", "\"x\""],
        ),
        8,
        "rename",
    );

    // Scripts carry their credentials: a profile password is a mistake.
    let home = home_with("powerman:wti", "127.0.0.1", "password = \"secret\"");
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(home.config_file(), std::fs::Permissions::from_mode(0o600)).unwrap();
    fails(pd(&home, &["-d", "dev", "status"]), 2, "credentials");

    // A spec without plugs needs the profile to name them.
    let home = home_with("powerman:kvm", "/usr/bin/true |&", "");
    fails(pd(&home, &["-d", "dev", "status"]), 2, "outlets");

    // powerman's SNMP helper: pductl speaks SNMP itself.
    let home = home_with("powerman:apc-snmp", "/usr/sbin/snmppower -h pdu |&", "");
    fails(pd(&home, &["-d", "dev", "status"]), 8, "snmppower");
}

#[test]
fn the_login_password_is_masked_in_traces() {
    if !installed("the_login_password_is_masked_in_traces") {
        return;
    }
    // The trace of a login masks what answers the password prompt.
    let nps = WtiNps::start(8, "wti", WtiMode::Normal);
    let home = home_with(
        "powerman:wti",
        "127.0.0.1",
        &format!("port = {}\ntimeout = 5", nps.port),
    );
    let (code, _, stderr) = run(pd(&home, &["-v", "-d", "dev", "status"]));
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("send \"********\""), "{stderr}");
    assert!(!stderr.contains("wti\\r\\n"), "{stderr}");
}
