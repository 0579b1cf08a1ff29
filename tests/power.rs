//! The everyday verbs end to end: `on`, `off`, `toggle`, `cycle` and `status` against
//! several simulated devices (DLI and NETIO) named in a profile, with aliases and groups,
//! verification, partial failure, `--dry-run`, and concurrent processes on one device.

mod common;
use common::*;
use serde_json::{json, Value};
use std::time::{Duration, Instant};

/// A profile with a DLI controller `pdu-a` (and `pdu-b` when given) and a NETIO 4All `desk`,
/// aliases and groups.
struct Rig {
    home: Home,
    a: Sim,
    b: Option<Sim>,
    desk: Sim,
}

impl Rig {
    fn new(with_b: bool, extra: &[&str]) -> Rig {
        let a = Sim::dli(&[&["--outlets", "8"][..], extra].concat());
        let b = with_b.then(|| Sim::dli(&[&["--outlets", "4"][..], extra].concat()));
        let desk = Sim::start("netio", &["--model", "netio-4all"]);
        let home = Home::new();
        let mut profile = format!(
            "[devices.pdu-a]\nhost = \"127.0.0.1\"\nport = {}\npassword_env = \"{PASSWORD_VAR}\"\ntimeout = 3\n\n\
             [devices.desk]\nprotocol = \"netio-json\"\nhost = \"127.0.0.1\"\nport = {}\n\n",
            a.port(),
            desk.port()
        );
        if let Some(b) = &b {
            profile.push_str(&format!(
                "[devices.pdu-b]\nhost = \"127.0.0.1\"\nport = {}\npassword_env = \"{PASSWORD_VAR}\"\ntimeout = 3\n\n",
                b.port()
            ));
        }
        profile.push_str(
            "[aliases]\ndut = \"pdu-a:3\"\nlamp = \"desk:Lamp\"\n\n\
             [groups]\nboard = [\"pdu-a:1\", \"desk:1\"]\nnobody = []\nloop = [\"pdu-a:2\", \"loop\"]\n",
        );
        home.write_profile(&profile);
        let rig = Rig { home, a, b, desk };
        // No sequence delay between outlets switched on together: keeps the tests quick.
        for sim in [Some(&rig.a), rig.b.as_ref()].into_iter().flatten() {
            rig.home.ok_at(sim, &["set", "relay/sequence_delay", "0"]);
        }
        rig
    }

    fn cmd(&self, args: &[&str]) -> assert_cmd::Command {
        let mut c = self.home.cmd();
        c.env(PASSWORD_VAR, "1234").args(args);
        c
    }

    /// `pductl ARGS` started in the background, output captured.
    fn spawn(&self, args: &[&str]) -> std::process::Child {
        self.home
            .std_cmd()
            .env(PASSWORD_VAR, "1234")
            .args(args)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap()
    }

    fn ok(&self, args: &[&str]) -> String {
        ok(self.cmd(args))
    }

    fn results(&self, args: &[&str]) -> Vec<Value> {
        let mut all = vec!["-o", "json"];
        all.extend(args);
        json(&self.ok(&all)).as_array().unwrap().clone()
    }

    fn dli_state(&self, sim: &Sim, outlet: usize) -> bool {
        self.home.dli_state(sim, outlet)
    }

    fn desk_state(&self, outlet: usize) -> bool {
        self.home.netio_state(self.desk.port(), outlet)
    }
}

#[test]
fn on_and_off_by_number_range_name_and_alias_with_verification() {
    let rig = Rig::new(false, &[]);
    assert_eq!(
        rig.ok(&["on", "pdu-a:1-2,5"]),
        "pdu-a:1 (Outlet 1): on\npdu-a:2 (Outlet 2): on\npdu-a:5 (Outlet 5): on\n"
    );
    for n in [1, 2, 5] {
        assert!(rig.dli_state(&rig.a, n));
    }
    assert!(!rig.dli_state(&rig.a, 3));

    // By name (case-insensitive when no exact match) and by alias.
    rig.ok(&["on", "pdu-a:outlet 4", "dut"]);
    assert!(rig.dli_state(&rig.a, 4) && rig.dli_state(&rig.a, 3));

    // Already on: reported, not switched; --force switches anyway.
    let r = rig.results(&["on", "dut"]);
    assert_eq!(r.len(), 1);
    let r = &r[0];
    assert_eq!(
        (&r["device"], &r["outlet"], &r["name"], &r["requested"]),
        (&json!("pdu-a"), &json!(3), &json!("Outlet 3"), &json!("on"))
    );
    assert_eq!(
        (&r["before"], &r["after"], &r["verified"]),
        (&json!("on"), &json!("on"), &json!(true))
    );
    assert_eq!(r["attempts"], json!(0), "nothing sent");
    assert!(r.get("error").is_none());
    assert_eq!(rig.ok(&["on", "dut"]), "pdu-a:3 (Outlet 3): already on\n");
    let r = rig.results(&["on", "dut", "--force"]);
    assert_eq!(r[0]["attempts"], json!(1));

    let r = rig.results(&["off", "pdu-a:all"]);
    assert_eq!(r.len(), 8);
    assert!(r
        .iter()
        .all(|o| o["after"] == json!("off") && o["verified"] == json!(true)));
    assert!((1..=8).all(|n| !rig.dli_state(&rig.a, n)));

    // -d DEVICE takes bare outlets.
    rig.ok(&["-d", "pdu-a", "on", "7"]);
    assert!(rig.dli_state(&rig.a, 7));
}

#[test]
fn a_group_spans_a_dli_and_a_netio_device() {
    let rig = Rig::new(false, &[]);
    rig.ok(&["on", "board"]);
    assert!(rig.dli_state(&rig.a, 1) && rig.desk_state(1));

    // A group cycles all off, waits, all on, and says so per outlet.
    let started = Instant::now();
    let r = rig.results(&["cycle", "board", "--off-time", "1"]);
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "waited the off time"
    );
    assert_eq!(r.len(), 2);
    for o in &r {
        assert_eq!(o["requested"], json!("cycle"));
        assert_eq!(
            (&o["before"], &o["after"]),
            (&json!("on"), &json!("on")),
            "{o}"
        );
        assert_eq!(o["verified"], json!(true));
        assert_eq!(
            o["cycle"],
            json!("off-on"),
            "the result says which cycle ran"
        );
    }
    assert_eq!(r[0]["device"], json!("pdu-a"));
    assert_eq!(r[1]["device"], json!("desk"));

    rig.ok(&["off", "board"]);
    assert!(!rig.dli_state(&rig.a, 1) && !rig.desk_state(1));

    // status: a table across both devices, with power where the NETIO device meters it.
    rig.ok(&["on", "desk:2"]);
    let table = rig.ok(&["-o", "table", "status", "board", "desk:2"]);
    assert!(table.contains("pdu-a") && table.contains("desk"), "{table}");
    assert!(table.contains("power (W)"), "{table}");
    let rows = json(&rig.ok(&["-o", "json", "status", "desk:2"]));
    assert_eq!(rows[0]["state"], json!("on"));
    assert!(rows[0]["power"].as_f64().unwrap() > 0.0, "{rows}");
    let rows = json(&rig.ok(&["-o", "json", "-d", "pdu-a", "status"]));
    assert_eq!(rows.as_array().unwrap().len(), 8);
}

#[test]
fn a_single_device_cycle_uses_its_own_cycle_and_waits_for_it() {
    let rig = Rig::new(false, &[]);
    rig.ok(&["on", "pdu-a:2"]);
    // DLI's cycle call, honouring the outlet's cycle delay (the simulator's default: 2 s).
    let started = Instant::now();
    assert_eq!(
        rig.ok(&["cycle", "pdu-a:2"]),
        "pdu-a:2 (Outlet 2): cycled, on\n"
    );
    assert!(
        started.elapsed() >= Duration::from_secs(2),
        "waited for it to come back"
    );
    assert!(rig.dli_state(&rig.a, 2));
    // NETIO's short off with the off time given.
    rig.ok(&["on", "desk:3"]);
    let r = rig.results(&["cycle", "desk:3", "--off-time", "0.5"]);
    assert_eq!(
        (&r[0]["after"], &r[0]["verified"]),
        (&json!("on"), &json!(true))
    );
    assert_eq!(r[0]["attempts"], json!(1));
    assert_eq!(
        r[0]["cycle"],
        json!("device"),
        "the result says which cycle ran"
    );
}

#[test]
fn toggle_flips_each_outlet() {
    let rig = Rig::new(false, &[]);
    rig.ok(&["on", "pdu-a:1"]);
    assert_eq!(
        rig.ok(&["toggle", "pdu-a:1-2"]),
        "pdu-a:1 (Outlet 1): off\npdu-a:2 (Outlet 2): on\n"
    );
    rig.ok(&["toggle", "desk:1"]);
    assert!(rig.desk_state(1));
}

#[test]
fn bad_targets_name_what_is_wrong() {
    let rig = Rig::new(false, &[]);
    fails(rig.cmd(&["on", "pdu-a:9"]), 2, "pdu-a has outlets 1-8");
    fails(
        rig.cmd(&["on", "pdu-c:1"]),
        2,
        "unknown device 'pdu-c' in target 'pdu-c:1'; did you mean: pdu-a",
    );
    fails(rig.cmd(&["on", "dutt"]), 2, "did you mean: dut");
    fails(
        rig.cmd(&["on", "pdu-a:DUT pwr"]),
        2,
        "no outlet named 'DUT pwr'",
    );
    fails(rig.cmd(&["on", "nobody"]), 2, "group 'nobody' is empty");
    fails(rig.cmd(&["on", "loop"]), 2, "loop -> loop");
    fails(rig.cmd(&["on", "pdu-a:0"]), 2, "numbered from 1");
    assert!(!rig.dli_state(&rig.a, 2), "nothing switched");

    // Good and bad together: the good ones are done, each failure on its own line, exit 7.
    let (code, stdout, stderr) = run(rig.cmd(&["on", "pdu-a:2", "pdu-a:12", "desk:9"]));
    assert_eq!(code, 7, "{stderr}");
    assert_eq!(stdout, "pdu-a:2 (Outlet 2): on\n");
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 2, "{stderr}");
    assert!(
        lines[0].starts_with("error: pdu-a:12: pdu-a has outlets 1-8"),
        "{stderr}"
    );
    assert!(
        lines[1].starts_with("error: desk:9: desk has outlets 1-4"),
        "{stderr}"
    );
    assert!(rig.dli_state(&rig.a, 2));
}

#[test]
fn a_device_that_does_not_switch_fails_verification() {
    let rig = Rig::new(false, &["--fault", "stuck-relay"]);
    let started = Instant::now();
    fails(
        rig.cmd(&["on", "pdu-a:1"]),
        6,
        "pdu-a:1 (Outlet 1): did not turn on within 3s (physical_state is off)",
    );
    assert!(started.elapsed() < Duration::from_secs(10));
    // Without verification the command only says it was sent.
    assert_eq!(
        rig.ok(&["on", "pdu-a:2", "--no-verify"]),
        "pdu-a:2 (Outlet 2): switched on (not verified)\n"
    );
}

#[test]
fn dry_run_sends_nothing_that_changes_state() {
    let rig = Rig::new(false, &[]);
    let out = rig.ok(&["--dry-run", "on", "pdu-a:1-2", "desk:1"]);
    assert!(out.contains("would send: pdu-a (127.0.0.1:"), "{out}");
    assert!(
        out.contains("PUT /restapi/relay/outlets/=0,1/state/ true"),
        "{out}"
    );
    assert!(out.contains("POST /netio.json"), "{out}");
    assert!(!rig.dli_state(&rig.a, 1) && !rig.desk_state(1));
    let out = rig.ok(&["--dry-run", "cycle", "pdu-a:3"]);
    assert!(
        out.contains("POST /restapi/relay/outlets/2/cycle/ []"),
        "{out}"
    );
    // The uom verbs too.
    let out = rig.ok(&[
        "--dry-run",
        "-d",
        "pdu-a",
        "set",
        "relay/outlets/0/state",
        "true",
    ]);
    assert!(out.starts_with("would send: "), "{out}");
    assert!(!rig.dli_state(&rig.a, 1));
}

#[test]
fn concurrent_toggles_of_one_outlet_are_all_applied() {
    let rig = Rig::new(false, &[]);
    let threads: Vec<_> = (0..8)
        .map(|_| {
            let c = rig.cmd(&["-o", "json", "toggle", "pdu-a:8"]);
            std::thread::spawn(move || json(&ok(c))[0].clone())
        })
        .collect();
    let results: Vec<Value> = threads.into_iter().map(|t| t.join().unwrap()).collect();
    // Serialized: every toggle saw the state the previous one left.
    let ons = results
        .iter()
        .filter(|r| r["before"] == json!("off"))
        .count();
    assert_eq!(ons, 4, "{results:?}");
    assert!(results.iter().all(|r| r["verified"] == json!(true)));
    assert!(
        !rig.dli_state(&rig.a, 8),
        "eight toggles end where they started"
    );
}

#[test]
fn a_lock_held_too_long_names_its_holder() {
    let rig = Rig::new(false, &[]);
    // A group cycle holds pdu-a's lock through its off time.
    let holder = rig.spawn(&["cycle", "board", "--off-time", "3"]);
    assert!(eventually(5.0, || !rig.desk_state(1) && !rig.dli_state(&rig.a, 1)));
    let line = fails(
        rig.cmd(&["on", "pdu-a:5", "--lock-timeout", "0.5"]),
        4,
        &format!("process {}", holder.id()),
    );
    assert!(line.contains("--lock-timeout"), "{line}");
    assert!(holder.wait_with_output().unwrap().status.success());
}

#[test]
fn a_device_that_goes_away_mid_cycle_is_reported_as_it_was_left() {
    let mut rig = Rig::new(true, &[]);
    rig.home.write_profile(&format!(
        "{}[groups]\npair = [\"pdu-a:1\", \"pdu-b:1\"]\n",
        std::fs::read_to_string(rig.home.config_file())
            .unwrap()
            .split("[aliases]")
            .next()
            .unwrap()
    ));
    rig.ok(&["on", "pair"]);
    let cycling = rig.spawn(&["-o", "json", "cycle", "pair", "--off-time", "3"]);
    let b = rig.b.take().unwrap();
    assert!(eventually(5.0, || !rig.dli_state(&rig.a, 1) && !rig.dli_state(&b, 1)));
    drop(b); // pdu-b goes away while both are off
    let out = cycling.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(7));
    let results = json(&String::from_utf8_lossy(&out.stdout));
    let a = &results[0];
    assert_eq!(
        (&a["device"], &a["after"], &a["verified"]),
        (&json!("pdu-a"), &json!("on"), &json!(true))
    );
    let b = &results[1];
    assert_eq!(b["device"], json!("pdu-b"));
    assert_eq!(b["after"], json!("off"), "left off, and said so: {b}");
    assert_eq!(b["error"]["kind"], json!("unreachable"), "{b}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.starts_with("error: pdu-b:1 (Outlet 1): "),
        "{stderr}"
    );
}

#[test]
fn a_progress_bar_is_drawn_only_for_a_person_watching() {
    let home = Home::new();
    let mut c = home.cmd();
    c.args(["-d", "demo", "set", "relay/sequence_delay", "0"]);
    ok(c);
    // On a terminal (util-linux `script` gives the command one): a bar on stderr.
    let on_terminal = |args: &str| {
        let out = std::process::Command::new("script")
            .args(["-qec", &format!("{BIN} {args} >/dev/null"), "/dev/null"])
            .env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .env("TERM", "xterm")
            .env("HOME", home.dir.path())
            .env("XDG_CONFIG_HOME", home.dir.path().join("config"))
            .env("XDG_STATE_HOME", home.dir.path().join("state"))
            .output()
            .expect("script (util-linux) runs a command on a pseudo-terminal");
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    assert!(on_terminal("off demo:1-8").contains("8/8 outlets"));
    assert!(!on_terminal("-q on demo:1-8").contains("outlets"));
    assert!(
        !on_terminal("on demo:1-2").contains("outlets"),
        "not for a few outlets"
    );
    // Into a pipe: nothing but the results.
    let mut c = home.cmd();
    c.args(["off", "demo:1-8"]);
    let (code, _, stderr) = run(c);
    assert_eq!((code, stderr.as_str()), (0, ""));
}
