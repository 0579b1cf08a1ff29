//! pductl on flaky networks (issue 18's goal): success rates of `on`/`off` through 20%
//! connection resets + 10% black holes (DLI REST, device timeout 1 s) and through 20% UDP
//! loss each way (SNMP, timeout 2 s, beside net-snmp's `snmpget -t 0.5 -r 3`, the same 2 s),
//! the number of cycle calls that reached a device twice in one command, and the number of
//! commands that reported a state the device did not have. Goal: >= 99% on/off, 0, 0.
//!
//!   usage: benches/flaky_network.sh [COMMANDS]   (default 100)
//!
//! The proxies are the tests' (tests/common/flaky.rs); the devices are pductl's simulators
//! and a real snmpd, as in tests/reliability.rs.

#[path = "../tests/common/mod.rs"]
mod common;

use common::flaky::{FlakyTcp, LossyUdp, TcpFaults};
use common::snmpd::Agent;
use common::*;
use serde_json::Value;
use std::process::Command;
use std::time::Instant;

/// What a run of commands came to.
#[derive(Default)]
struct Tally {
    ok: usize,
    failed: usize,
    wrong: usize,
    duplicates: usize,
    seconds: f64,
}

impl Tally {
    fn line(&self, what: &str) {
        let n = self.ok + self.failed;
        println!(
            "{what:<44} {:>4}/{n:<4} {:>6.1}%  wrong {:>2}  duplicated calls {:>2}  {:>6.1} s",
            self.ok,
            100.0 * self.ok as f64 / n.max(1) as f64,
            self.wrong,
            self.duplicates,
            self.seconds
        );
    }
}

/// `pductl -o json VERB TARGET`: (exit code, the first result, stderr).
fn power(home: &Home, verb: &str, target: &str) -> (i32, Value, String) {
    let mut c = home.cmd();
    c.env(PASSWORD_VAR, "1234")
        .args(["-o", "json", verb, target]);
    let (code, stdout, stderr) = run(c);
    let first = serde_json::from_str::<Value>(stdout.trim())
        .ok()
        .and_then(|v| v.get(0).cloned())
        .unwrap_or(Value::Null);
    (code, first, stderr)
}

/// `n` commands, `on` and `off` in turn, on outlet `outlet` of `lab`; `truth` reads the
/// relay from the device itself, past the proxy.
fn on_off(n: usize, home: &Home, outlet: usize, truth: impl Fn() -> bool) -> Tally {
    let target = format!("lab:{outlet}");
    let mut t = Tally::default();
    let started = Instant::now();
    for k in 0..n {
        let verb = if k % 2 == 0 { "on" } else { "off" };
        let (code, result, _) = power(home, verb, &target);
        if code == 0 {
            t.ok += 1;
        } else {
            t.failed += 1;
        }
        if result["after"]
            .as_str()
            .is_some_and(|a| (a == "on") != truth())
        {
            t.wrong += 1;
        }
    }
    t.seconds = started.elapsed().as_secs_f64();
    t
}

/// A simulated DLI controller behind 20% resets and 10% black holes, named `lab` (through
/// the proxy, timeout 1 s) in a new home.
fn flaky_dli(seed: u64) -> (Sim, Home, FlakyTcp) {
    let sim = Sim::dli(&["--outlets", "4"]);
    let home = Home::new();
    home.ok_at(&sim, &["set", "relay/sequence_delay", "0"]);
    home.ok_at(&sim, &["set", "relay/cycle_delay", "1"]);
    let proxy = FlakyTcp::start(&sim.addr, TcpFaults::new(seed).reset(0.2).black_hole(0.1));
    home.write_profile(&format!(
        "[devices.lab]\nhost = \"127.0.0.1\"\nport = {}\npassword_env = \"{PASSWORD_VAR}\"\ntimeout = 1\n",
        proxy.port()
    ));
    (sim, home, proxy)
}

fn dli_on_off(n: usize) -> Tally {
    let (sim, home, proxy) = flaky_dli(18);
    let t = on_off(n, &home, 2, || home.dli_state(&sim, 2));
    let (resets, holes, fine) = proxy.fates();
    println!("  (DLI path: {resets} resets, {holes} black holes, {fine} fine connections)");
    t
}

fn dli_cycles(n: usize) -> Tally {
    const CALL: &str = "POST /restapi/relay/outlets/0/cycle/";
    let (_sim, home, proxy) = flaky_dli(19);
    let mut t = Tally::default();
    let started = Instant::now();
    for _ in 0..n {
        let before = proxy.count(CALL);
        let (code, _, _) = power(&home, "cycle", "lab:1");
        let sent = proxy.count(CALL) - before;
        t.duplicates += usize::from(sent > 1);
        if code == 0 {
            t.ok += 1;
            // Reported done, yet the call never reached the unit: a wrong report.
            t.wrong += usize::from(sent == 0);
        } else {
            t.failed += 1;
        }
    }
    t.seconds = started.elapsed().as_secs_f64();
    t
}

/// snmpd serving the simulated DLI controller's MIB from `state`, behind a lossy proxy.
fn lossy_agent(home: &Home, web: &Sim) -> (Agent, LossyUdp) {
    let state = home.dir.path().join("dli-state.json");
    home.ok_at(web, &["set", "relay/sequence_delay", "0"]);
    let agent = Agent::dli_mib(&state, 4);
    let proxy = LossyUdp::start(&agent.address(), 20, 0.2, 0.2);
    (agent, proxy)
}

fn snmp_on_off(n: usize) -> (Tally, Tally) {
    let home = Home::new();
    let state = home.dir.path().join("dli-state.json");
    let web = Sim::dli(&["--outlets", "4", "--state-file", state.to_str().unwrap()]);
    let (_agent, proxy) = lossy_agent(&home, &web);
    home.write_profile(&format!(
        "[devices.lab]\nprotocol = \"snmp\"\nhost = \"127.0.0.1\"\nport = {}\n\
         write_password = \"private\"\ntimeout = 2\n",
        proxy.port()
    ));
    let ours = on_off(n, &home, 3, || home.dli_state(&web, 3));
    // net-snmp on the same path with the same 2 s: 0.5 s x 4 tries.
    let mut theirs = Tally::default();
    let started = Instant::now();
    for _ in 0..n {
        let answered = Command::new("snmpget")
            .args([
                "-v2c", "-c", "public", "-t", "0.5", "-r", "3", "-On", "-m", "",
            ])
            .arg(&proxy.addr)
            .arg("1.3.6.1.2.1.229.1.2.1.9.3")
            .output()
            .is_ok_and(|o| o.status.success());
        if answered {
            theirs.ok += 1;
        } else {
            theirs.failed += 1;
        }
    }
    theirs.seconds = started.elapsed().as_secs_f64();
    (ours, theirs)
}

fn main() {
    let n: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(100);
    println!("{n} commands each; device timeout 1 s (TCP) and 2 s (UDP), default retries");
    dli_on_off(n).line("DLI on/off, 20% resets + 10% black holes");
    dli_cycles(n / 4).line("DLI cycle, same path");
    let (ours, theirs) = snmp_on_off(n);
    ours.line("SNMP on/off, 20% loss each way");
    theirs.line("snmpget -t 0.5 -r 3, same path");
}
