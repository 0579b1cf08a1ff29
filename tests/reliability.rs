//! Flaky networks, end to end: pductl reaches simulated devices (DLI REST, NETIO JSON, a
//! driver file, SNMP through a real snmpd) through the tests' fault-injecting proxies
//! (tests/common/flaky.rs: connection resets and black holes over TCP, datagram loss over
//! UDP, seeded). What must hold: on/off succeed through the faults; no command reports a
//! state the device does not have (the device is read directly, past the proxy); a cycle
//! call reaches the device at most once per command (the proxy counts them); a cycle whose
//! answer was lost is watched, and one that cannot be seen is reported as possibly done; a
//! device that never answers ends the command within its budget.

mod common;
use common::flaky::{FlakyTcp, LossyUdp, TcpFaults};
use common::snmpd::{snmp, Agent};
use common::*;
use serde_json::{json, Value};
use std::time::{Duration, Instant};

/// 20% of new connections reset, 10% black-holed: the path of the issue's measurements.
fn flaky(seed: u64) -> TcpFaults {
    TcpFaults::new(seed).reset(0.2).black_hole(0.1)
}

/// A simulated device behind a proxy, and a home whose profile names it `lab` (through the
/// proxy, `timeout = 1`).
struct Rig {
    home: Home,
    sim: Sim,
    proxy: FlakyTcp,
    /// The simulator is a NETIO unit (else a DLI controller).
    netio: bool,
}

impl Rig {
    /// A DLI controller with 4 outlets.
    fn dli(faults: TcpFaults) -> Rig {
        let sim = Sim::dli(&["--outlets", "4"]);
        let home = Home::new();
        home.ok_at(&sim, &["set", "relay/sequence_delay", "0"]);
        let proxy = FlakyTcp::start(&sim.addr, faults);
        home.write_profile(&format!(
            "[devices.lab]\nhost = \"127.0.0.1\"\nport = {}\npassword_env = \"{PASSWORD_VAR}\"\n\
             timeout = 1\n",
            proxy.port()
        ));
        Rig {
            home,
            sim,
            proxy,
            netio: false,
        }
    }

    /// A NETIO 4All, as itself (`netio-json`) or through `driver`.
    fn netio(faults: TcpFaults, driver: Option<&str>) -> Rig {
        let sim = Sim::start("netio", &["--model", "netio-4all"]);
        let home = Home::new();
        let proxy = FlakyTcp::start(&sim.addr, faults);
        let how = match driver {
            Some(file) => {
                let drivers = home.dir.path().join("config/pductl/drivers");
                std::fs::create_dir_all(&drivers).unwrap();
                std::fs::write(drivers.join("netio-as-driver.toml"), file).unwrap();
                "driver = \"netio-as-driver\"\npassword = \"netio\"\n"
            }
            None => "protocol = \"netio-json\"\n",
        };
        home.write_profile(&format!(
            "[devices.lab]\n{how}host = \"127.0.0.1\"\nport = {}\ntimeout = 1\n",
            proxy.port()
        ));
        Rig {
            home,
            sim,
            proxy,
            netio: true,
        }
    }

    fn cmd(&self, args: &[&str]) -> assert_cmd::Command {
        let mut c = self.home.cmd();
        c.env(PASSWORD_VAR, "1234").args(args);
        c
    }

    /// The relay of outlet `n` (from 1), read from the device itself, past the proxy.
    fn relay(&self, n: usize) -> bool {
        if self.netio {
            self.home.netio_state(self.sim.port(), n)
        } else {
            self.home.dli_state(&self.sim, n)
        }
    }
}

/// Runs `pductl -o json VERB lab:N` and returns (exit code, the outlet's result, stderr).
fn power(rig: &Rig, verb: &str, n: usize, extra: &[&str]) -> (i32, Value, String) {
    let target = format!("lab:{n}");
    let mut args = vec!["-o", "json", verb, &target];
    args.extend_from_slice(extra);
    let (code, stdout, stderr) = run(rig.cmd(&args));
    let result = serde_json::from_str::<Value>(stdout.trim())
        .ok()
        .and_then(|v| v.as_array().and_then(|a| a.first().cloned()))
        .unwrap_or(Value::Null);
    (code, result, stderr)
}

/// `on` and `off` in turn, each of which must succeed and report the relay as the device
/// has it; then the faults must have been met (else the test proved nothing).
fn switches_through_faults(rig: &Rig, commands: usize) {
    for k in 0..commands {
        let verb = if k % 2 == 0 { "on" } else { "off" };
        let (code, result, stderr) = power(rig, verb, 2, &[]);
        assert_eq!(code, 0, "{verb} #{k} failed: {stderr}");
        let want = verb == "on";
        assert_eq!(result["after"], json!(verb), "{result}");
        assert_eq!(rig.relay(2), want, "{verb} #{k} reported {result}");
    }
    let (resets, black_holes, _) = rig.proxy.fates();
    assert!(
        resets > 0 && black_holes > 0,
        "faults met: {:?}",
        rig.proxy.fates()
    );
}

#[test]
fn dli_on_and_off_succeed_through_resets_and_black_holes() {
    switches_through_faults(&Rig::dli(flaky(11)), 10);
}

#[test]
fn netio_on_and_off_succeed_through_resets_and_black_holes() {
    switches_through_faults(&Rig::netio(flaky(2), None), 8);
}

/// A driver file for a NETIO unit's JSON API: the driver engine's HTTP backend, not the
/// native transport, on the same simulator.
const NETIO_DRIVER: &str = r#"
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

#[test]
fn a_driver_device_switches_through_resets_and_black_holes() {
    switches_through_faults(&Rig::netio(flaky(7), Some(NETIO_DRIVER)), 8);
}

/// Cycles through the faults: each command's call reaches the device at most once, a
/// success means it did, and a failure is the "may or may not" of an unseen cycle.
fn cycles_at_most_once(rig: &Rig, call: &str, commands: usize) {
    for k in 0..commands {
        let before = rig.proxy.count(call);
        let (code, result, stderr) = power(rig, "cycle", 1, &[]);
        let sent = rig.proxy.count(call) - before;
        assert!(
            sent <= 1,
            "cycle #{k} reached the device {sent} times: {stderr}"
        );
        match code {
            0 => {
                assert_eq!(
                    sent, 1,
                    "a cycle reported done reached the device: {result}"
                );
                assert_eq!(result["after"], json!("on"), "{result}");
                assert!(rig.relay(1), "back on after cycle #{k}");
            }
            6 => assert!(
                stderr.contains("may or may not have happened"),
                "cycle #{k}: {stderr}"
            ),
            _ => panic!("cycle #{k}: exit {code}: {stderr}"),
        }
    }
}

#[test]
fn a_dli_cycle_reaches_the_unit_at_most_once() {
    let rig = Rig::dli(TcpFaults::none());
    rig.home.ok_at(&rig.sim, &["set", "relay/cycle_delay", "1"]);
    rig.proxy.set_faults(flaky(21));
    cycles_at_most_once(&rig, "POST /restapi/relay/outlets/0/cycle/", 5);
}

#[test]
fn a_netio_short_off_reaches_the_unit_at_most_once() {
    let rig = Rig::netio(flaky(22), None);
    cycles_at_most_once(&rig, "\"Action\":2", 5);
}

/// The call reaches the unit, its answer is lost: the outlet is watched going off and
/// coming back, so the cycle succeeded, settled by watching, and was sent once.
#[test]
fn a_cycle_whose_answer_is_lost_is_watched_not_repeated() {
    const CALL: &str = "POST /restapi/relay/outlets/0/cycle/";
    let rig = Rig::dli(TcpFaults::none().mute_after(CALL));
    rig.home.ok_at(&rig.sim, &["set", "relay/cycle_delay", "2"]);
    rig.home
        .ok_at(&rig.sim, &["set", "relay/outlets/0/state", "true"]);
    let (code, result, stderr) = power(&rig, "cycle", 1, &[]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(result["settled"], json!("watched"), "{result}");
    assert_eq!(result["after"], json!("on"), "{result}");
    assert_eq!(result["attempts"], json!(1), "{result}");
    assert_eq!(rig.proxy.count(CALL), 1);
}

/// The call never reaches the unit: nothing is seen, and the command says the cycle may or
/// may not have happened and that it was not sent again (exit 6).
#[test]
fn a_cycle_that_cannot_be_seen_may_or_may_not_have_happened() {
    const CALL: &str = "POST /restapi/relay/outlets/0/cycle/";
    let rig = Rig::dli(TcpFaults::none().drop_matching(CALL));
    rig.home.ok_at(&rig.sim, &["set", "relay/cycle_delay", "1"]);
    rig.home
        .ok_at(&rig.sim, &["set", "relay/outlets/0/state", "true"]);
    let mut c = rig.cmd(&["cycle", "lab:1"]);
    c.timeout(Duration::from_secs(30));
    let line = fails(c, 6, "may or may not have happened");
    assert!(line.contains("not sent again"), "{line}");
    assert_eq!(rig.proxy.count(CALL), 0);
    assert!(rig.relay(1), "the outlet was not touched");
}

/// A write whose answers are all lost (each try's connection is muted once it carries the
/// PUT) is settled by reading the outlet back: done, with every try counted.
#[test]
fn an_unanswered_on_is_settled_by_reading_it_back() {
    const WRITE: &str = "PUT /restapi/relay/outlets/";
    let rig = Rig::dli(TcpFaults::none());
    rig.home
        .ok_at(&rig.sim, &["set", "relay/outlets/2/state", "false"]);
    rig.proxy.set_faults(TcpFaults::none().mute_after(WRITE));
    let (code, result, stderr) = power(&rig, "on", 3, &[]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(result["settled"], json!("read"), "{result}");
    assert_eq!(result["after"], json!("on"), "{result}");
    assert_eq!(
        json!(rig.proxy.count(WRITE)),
        result["attempts"],
        "{result}"
    );
    assert!(rig.relay(3));
}

/// The two defects of a DLI unit with its usual unit-wide cycle delay (2 s) and a short
/// timeout (1 s): the cycle waits the delay out; and an outlet a cycle left transiently on
/// (persistent state off) is switched on for real by `on`, not reported as already on.
#[test]
fn a_cycle_waits_the_units_delay_and_on_fixes_a_transient_on() {
    let rig = Rig::dli(TcpFaults::none());
    rig.home
        .ok_at(&rig.sim, &["set", "relay/outlets/1/state", "false"]);
    let (code, result, stderr) = power(&rig, "cycle", 2, &[]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(result["after"], json!("on"), "{result}");
    let persistent = |home: &Home| json(&home.ok_at(&rig.sim, &["get", "relay/outlets/1/state"]));
    assert_eq!(
        persistent(&rig.home),
        json!(false),
        "a cycle leaves state alone"
    );
    let (code, result, stderr) = power(&rig, "on", 2, &[]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(result["before"], json!("on"), "{result}");
    assert_eq!(result["attempts"], json!(1), "written: {result}");
    assert_eq!(persistent(&rig.home), json!(true));
    // Now it is on for good: the next `on` writes nothing.
    let (_, result, _) = power(&rig, "on", 2, &[]);
    assert_eq!(result["attempts"], json!(0), "{result}");
}

/// A device that resets every connection, or never answers: the command ends within
/// (1 + retries) x timeout plus backoff, naming the last error and the tries.
#[test]
fn a_device_that_never_answers_ends_within_the_budget() {
    for (faults, needle) in [
        (TcpFaults::new(1).reset(1.0), "hung up"),
        (
            TcpFaults::new(1).black_hole(1.0),
            // The last try has what is left of the budget: 1 s or a little less.
            "did not answer within ",
        ),
    ] {
        let rig = Rig::dli(faults);
        let started = Instant::now();
        let code = if needle == "hung up" { 5 } else { 4 };
        let line = fails(rig.cmd(&["on", "lab:1"]), code, needle);
        let took = started.elapsed();
        assert!(line.contains("tries in"), "{line}");
        assert!(took < Duration::from_secs(6), "{needle}: took {took:?}");
    }
}

/// `-v` shows every try and whether it is repeated; `--retries 0` tries once.
#[test]
fn verbose_shows_each_try_and_retries_can_be_turned_off() {
    let rig = Rig::dli(TcpFaults::new(1).reset(1.0));
    let (code, _, stderr) = run(rig.cmd(&["-v", "-d", "lab", "get", "relay/name"]));
    assert_eq!(code, 5, "{stderr}");
    assert!(stderr.contains("try 1 failed"), "{stderr}");
    assert!(stderr.contains("again in"), "{stderr}");
    assert!(stderr.contains("not repeated: no retries left"), "{stderr}");
    let before = rig.proxy.connections();
    let (code, _, stderr) = run(rig.cmd(&["--retries", "0", "-d", "lab", "get", "relay/name"]));
    assert_eq!(code, 5, "{stderr}");
    assert_eq!(rig.proxy.connections() - before, 1, "one try: {stderr}");
    // A call is never repeated after it may have left.
    let (_, _, stderr) = run(rig.cmd(&["-v", "-d", "lab", "invoke", "relay/outlets/0/cycle"]));
    assert!(
        stderr.contains("not repeated: it may have reached the device"),
        "{stderr}"
    );
}

/// Ctrl-C while waiting to try again ends the command at once, with 130.
#[test]
fn ctrl_c_during_backoff_exits_130_at_once() {
    let rig = Rig::dli(TcpFaults::new(1).black_hole(1.0));
    let mut child = rig
        .home
        .std_cmd()
        .env(PASSWORD_VAR, "1234")
        .args(["--retries", "20", "--timeout", "10", "on", "lab:1"])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(1500));
    let sent = Instant::now();
    // SAFETY: a plain signal to our own child, whose pid is live until we wait for it.
    unsafe {
        libc::kill(child.id() as i32, libc::SIGINT);
    }
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(130));
    assert!(
        sent.elapsed() < Duration::from_secs(2),
        "{:?}",
        sent.elapsed()
    );
}

/// snmpd serving a simulated DLI controller's ENERGY-OBJECT-MIB, behind a proxy that loses
/// 20% of datagrams each way; the REST face of the same state reads the truth.
#[test]
fn snmp_on_and_off_succeed_through_datagram_loss() {
    let home = Home::new();
    let state = home.dir.path().join("dli-state.json");
    let web = Sim::dli(&["--outlets", "4", "--state-file", state.to_str().unwrap()]);
    home.ok_at(&web, &["set", "relay/sequence_delay", "0"]);
    let agent = Agent::dli_mib(&state, 4);
    let proxy = LossyUdp::start(&agent.address(), 31, 0.2, 0.2);
    home.write_profile(&format!(
        "[devices.lab]\nprotocol = \"snmp\"\nhost = \"127.0.0.1\"\nport = {}\n\
         write_password = \"private\"\ntimeout = 2\n",
        proxy.port()
    ));
    for k in 0..8 {
        let verb = if k % 2 == 0 { "on" } else { "off" };
        let mut c = home.cmd();
        c.args(["-o", "json", verb, "lab:3"]);
        let (code, stdout, stderr) = run(c);
        assert_eq!(code, 0, "{verb} #{k}: {stderr}");
        assert_eq!(json(&stdout)[0]["after"], json!(verb));
        assert_eq!(home.dli_state(&web, 3), verb == "on", "{verb} #{k}");
    }
    let (to_device, from_device) = proxy.forwarded();
    assert!(to_device > 0 && from_device > 0);
    // The same path, net-snmp's snmpget: the proxy is in the way of both.
    let (ok, _) = snmp(
        &agent,
        &["snmpget", "-v2c", "-c", "public"],
        &["1.3.6.1.2.1.1.5.0"],
    );
    assert!(ok);
}

/// BER of an OID, to find one in a datagram.
fn ber_oid(oid: &str) -> Vec<u8> {
    let arcs: Vec<u64> = oid.split('.').map(|a| a.parse().unwrap()).collect();
    let mut body = vec![(arcs[0] * 40 + arcs[1]) as u8];
    for &arc in &arcs[2..] {
        let mut bytes = vec![(arc & 0x7f) as u8];
        let mut rest = arc >> 7;
        while rest > 0 {
            bytes.push(0x80 | (rest & 0x7f) as u8);
            rest >>= 7;
        }
        body.extend(bytes.iter().rev());
    }
    let mut out = vec![0x06, body.len() as u8];
    out.extend(body);
    out
}

/// An APC rPDU2 unit's reboot command (a SET of 3 on its control column) reaches the agent
/// at most once per `pductl cycle`, through 20% datagram loss each way.
#[test]
fn an_snmp_reboot_set_is_never_sent_twice() {
    const CONTROL: &str = "1.3.6.1.4.1.318.1.1.26.9.2.4.1.5.1";
    let agent = Agent::start(
        tempfile::tempdir().unwrap(),
        &format!(
            "pass_persist .1.3.6.1.4.1.318 {BIN} sim snmp-pdu --model apc-ap8641 \
             --reboot-off-time 3000\n"
        ),
    );
    let proxy = LossyUdp::start(&agent.address(), 41, 0.2, 0.2);
    let home = Home::new();
    home.write_profile(&format!(
        "[devices.lab]\ndriver = \"apc\"\nhost = \"127.0.0.1\"\nport = {}\n\
         write_password = \"private\"\ntimeout = 2\n",
        proxy.port()
    ));
    let mut reboot = ber_oid(CONTROL);
    reboot.extend([0x02, 0x01, 0x03]); // INTEGER 3: immediateReboot
    let mut done = 0;
    for k in 0..4 {
        let before = proxy.count(&reboot);
        let mut c = home.cmd();
        c.args(["-o", "json", "cycle", "lab:1"]);
        let (code, _, stderr) = run(c);
        let sent = proxy.count(&reboot) - before;
        assert!(
            sent <= 1,
            "cycle #{k}: the reboot SET reached the agent {sent} times"
        );
        match code {
            0 => {
                assert_eq!(sent, 1, "cycle #{k} reported done: {stderr}");
                done += 1;
            }
            6 => assert!(stderr.contains("may or may not"), "{stderr}"),
            _ => panic!("cycle #{k}: exit {code}: {stderr}"),
        }
    }
    assert!(done > 0, "some cycles got through");
}

/// `pductl serve` (pdudaemon's API) runs the same power verbs: its on/off succeed through
/// the same faults, and answer with the device's real state.
#[test]
fn serve_switches_through_resets_and_black_holes() {
    let rig = Rig::dli(flaky(23));
    let mut child = rig
        .home
        .std_cmd()
        .env(PASSWORD_VAR, "1234")
        .args(["serve", "--listen", "127.0.0.1:0"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let addr = announced_address(&mut child);
    for k in 0..6 {
        let verb = if k % 2 == 0 { "on" } else { "off" };
        let out = std::process::Command::new("curl")
            .args(["-sS", "--max-time", "30"])
            .arg(format!(
                "http://{addr}/power/control/{verb}?hostname=lab&port=2"
            ))
            .output()
            .expect("curl is installed (scripts/test.sh installs it)");
        let body = String::from_utf8_lossy(&out.stdout);
        assert_eq!(body, "OK - accepted request", "{verb} #{k}");
        assert_eq!(rig.relay(2), verb == "on", "{verb} #{k}");
    }
    let _ = child.kill();
    let _ = child.wait();
    let (resets, black_holes, _) = rig.proxy.fates();
    assert!(
        resets + black_holes > 0,
        "faults met: {:?}",
        rig.proxy.fates()
    );
}
