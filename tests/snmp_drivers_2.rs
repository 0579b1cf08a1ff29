//! The second round of built-in SNMP drivers (protocols/drivers-2.md, group 1A) against test
//! devices under a real `snmpd`: each class is a table of facts from its MIB and the peers
//! that drive it (tests/common/snmp_table.rs serves the table through pass_persist), and
//! net-snmp's own `snmpget` checks from the device's side what pductl's writes did. Every
//! class reads its outlets' names, switches outlet 2 off and on, cycles it (the unit's own
//! cycle where the driver has one, else off, wait, on) and reads its meters; classes with
//! writable names rename it, and classes whose state shows a change under way are caught
//! in the middle of one.

mod common;
use common::snmp_table::{rows, shows, Act, Col, Reads, Shows, TableDevice, Unit};
use common::snmpd::{snmp, Agent};
use common::*;
use pductl::sim::pass_persist::Object;
use serde_json::{json, Value};

use Act::{Nothing, Off, On, Reboot};

/// One device class as the tests see it: the driver, the test device, and outlet 2's
/// objects.
struct Class {
    driver: &'static str,
    /// The subtrees snmpd hands the test device.
    subtrees: &'static [&'static str],
    unit: Unit,
    outlets: usize,
    /// Outlet 2's name as pductl reads it.
    name: &'static str,
    /// The objects pductl SETs to switch outlet 2 off and on.
    off_set: String,
    on_set: String,
    /// Where snmpget reads outlet 2's state, and the values for off and on.
    status: String,
    off: &'static str,
    on: &'static str,
    /// The object the unit's own cycle of outlet 2 SETs; none: pductl cycles off, wait, on.
    cycle: Option<String>,
    /// Meter keys and outlet 2's values.
    meters: Vec<(&'static str, f64)>,
    /// Where outlet 2's name is written, for classes whose names are writable.
    rename: Option<String>,
    /// The value the state object shows while outlet 2 is on its way off.
    pending_off: Option<&'static str>,
}

impl Class {
    fn new(driver: &'static str, subtrees: &'static [&'static str], unit: Unit) -> Class {
        Class {
            driver,
            subtrees,
            outlets: unit.rows.len(),
            unit,
            name: "",
            off_set: String::new(),
            on_set: String::new(),
            status: String::new(),
            off: "",
            on: "",
            cycle: None,
            meters: Vec::new(),
            rename: None,
            pending_off: None,
        }
    }
}

/// snmpd serving `unit` under `subtrees`.
fn agent(unit: Unit, subtrees: &[&str]) -> Agent {
    let device = TableDevice::start(unit);
    let dir = tempfile::tempdir().unwrap();
    let config = device.pass_persist(dir.path(), subtrees);
    Agent::start(dir, &config)
}

/// A home whose profile names the agent as `pdu`, driven by the built-in `driver`.
fn home_for(agent: &Agent, driver: &str) -> Home {
    let home = Home::new();
    home.write_profile(&format!(
        "[devices.pdu]\ndriver = \"{driver}\"\nhost = \"127.0.0.1\"\nport = {}\n\
         write_password = \"private\"\ntimeout = 3\n",
        agent.port
    ));
    home
}

fn pductl(home: &Home, args: &[&str]) -> assert_cmd::Command {
    let mut c = home.cmd();
    c.args(args);
    c
}

fn run_ok(c: assert_cmd::Command) -> (String, String) {
    let (code, stdout, stderr) = run(c);
    assert_eq!(code, 0, "stderr: {stderr}");
    (stdout, stderr)
}

/// One object's value, as net-snmp's snmpget reads it.
fn value(agent: &Agent, oid: &str) -> String {
    let (ok, out) = snmp(agent, &["snmpget", "-v2c", "-c", "public"], &[oid]);
    assert!(ok, "{out}");
    out.split_whitespace()
        .skip(1)
        .collect::<Vec<_>>()
        .join(" ")
        .trim_matches('"')
        .to_string()
}

/// The OIDs pductl SET, from its `-v` trace.
fn sets(stderr: &str) -> Vec<String> {
    stderr
        .lines()
        .filter_map(|l| l.strip_prefix("pductl: snmp SET "))
        .map(|l| l.split_whitespace().next().unwrap_or("").to_string())
        .collect()
}

/// Names, off, on, cycle, meters, rename and a pending change of outlet 2, each checked
/// at the device with snmpget; the agent and home are left for a class's own checks.
fn check(c: Class) -> (Agent, Home) {
    let d = c.driver;
    let agent = agent(c.unit, c.subtrees);
    let home = home_for(&agent, d);
    let names = json(&ok(pductl(
        &home,
        &["-d", "pdu", "get", "relay/outlets/all;/name"],
    )));
    assert_eq!(names.as_array().map(Vec::len), Some(c.outlets), "{d}");
    assert_eq!(names[1], json!(c.name), "{d}");

    let (stdout, stderr) = run_ok(pductl(&home, &["-v", "off", "pdu:2"]));
    assert_eq!(stdout, format!("pdu:2 ({}): off\n", c.name), "{d}");
    assert_eq!(sets(&stderr), std::slice::from_ref(&c.off_set), "{d}");
    assert_eq!(value(&agent, &c.status), c.off, "{d}: {}", c.status);
    let state = json(&ok(pductl(
        &home,
        &["-d", "pdu", "get", "relay/outlets/all;/state"],
    )));
    assert_eq!(state[0], json!(true), "{d}: the neighbour stays on");
    assert_eq!(state[1], json!(false), "{d}");

    let (stdout, stderr) = run_ok(pductl(&home, &["-v", "on", "pdu:2"]));
    assert_eq!(stdout, format!("pdu:2 ({}): on\n", c.name), "{d}");
    assert_eq!(sets(&stderr), std::slice::from_ref(&c.on_set), "{d}");
    assert_eq!(value(&agent, &c.status), c.on, "{d}: {}", c.status);

    let mut args = vec!["-v", "cycle", "pdu:2", "-o", "json"];
    if c.cycle.is_none() {
        args.extend(["--off-time", "0.3"]);
    }
    let (stdout, stderr) = run_ok(pductl(&home, &args));
    let result = &json(&stdout)[0];
    assert_eq!(result["after"], json!("on"), "{d}: {stdout}");
    match &c.cycle {
        Some(set) => {
            assert_eq!(result["cycle"], json!("device"), "{d}");
            assert_eq!(sets(&stderr), std::slice::from_ref(set), "{d}");
        }
        None => {
            assert_eq!(result["cycle"], json!("off-on"), "{d}");
            assert_eq!(sets(&stderr), [c.off_set.clone(), c.on_set.clone()], "{d}");
        }
    }
    assert!(
        eventually(5.0, || value(&agent, &c.status) == c.on),
        "{d}: back on after the cycle"
    );

    if !c.meters.is_empty() {
        let meters = json(&ok(pductl(&home, &["-d", "pdu", "get", "meter/values"])));
        for (key, want) in &c.meters {
            assert_eq!(meters[key]["value"].as_f64(), Some(*want), "{d}: {key}");
        }
    }

    if let Some(oid) = &c.rename {
        ok(pductl(
            &home,
            &["-d", "pdu", "set", "relay/outlets/1/name", "\"Bench\""],
        ));
        assert_eq!(value(&agent, oid), "Bench", "{d}: {oid}");
        let shown = ok(pductl(&home, &["on", "pdu:Bench"]));
        assert_eq!(shown, "pdu:2 (Bench): already on\n", "{d}");
    }

    if let Some(pending) = c.pending_off {
        // A raw write returns at once: the outlet reads pending, the relay as it was, and
        // pductl's verification waits the change out.
        ok(pductl(
            &home,
            &["-d", "pdu", "set", "relay/outlets/1/state", "false"],
        ));
        assert_eq!(value(&agent, &c.status), pending, "{d}: pending");
        let seen = json(&ok(pductl(&home, &["-d", "pdu", "get", "relay/outlets/1"])));
        assert_eq!(seen["pending"], json!(true), "{d}");
        assert_eq!(seen["physical_state"], Value::Null, "{d}");
        ok(pductl(&home, &["off", "pdu:2"]));
        assert_eq!(value(&agent, &c.status), c.off, "{d}");
    }
    (agent, home)
}

fn at(prefix: &str, rest: &str) -> String {
    format!("{prefix}.{rest}")
}

/// Names "Outlet 1", "Outlet 2"...
fn outlet_names(k: usize) -> String {
    format!("Outlet {}", k + 1)
}

/// A4: Geist's state reads 1 on / 2 off, its action takes 2 on / 4 off; 3 and 4 while a
/// change is under way; outlet power in watts from the monitoring table.
#[test]
fn vertiv_geist() {
    let g = "1.3.6.1.4.1.21239.5.2.3";
    let unit = Unit::new(rows(8, &[], 1, &[]), |k| format!("rack-a-psu{}", k + 1))
        .column(
            &at(g, "5.1.3"),
            Col::Name {
                writable: false,
                longest: 32,
            },
        )
        .column(
            &at(g, "5.1.4"),
            Col::Status(shows(1, 2).pending(4, 3).cycling(5)),
        )
        .column(
            &at(g, "5.1.6"),
            Col::Control {
                writes: vec![(2, On), (4, Off)],
                reads: Reads::Fixed(0),
            },
        )
        .column(&at(g, "6.1.12"), Col::Watts(1.0))
        .delay(1000);
    check(Class {
        name: "rack-a-psu2",
        off_set: at(g, "5.1.6.2"),
        on_set: at(g, "5.1.6.2"),
        status: at(g, "5.1.4.2"),
        off: "2",
        on: "1",
        meters: vec![("outlets.1.power", 60.0)],
        pending_off: Some("3"),
        ..Class::new("vertiv-geist", &["1.3.6.1.4.1.21239"], unit)
    });
}

/// A3: one column of module 1 read and written, 0 off / 1 on; names writable.
#[test]
fn baytech_snmp() {
    let b = "1.3.6.1.4.1.4779.1.3.5";
    let unit = Unit::new(rows(8, &[], 1, &[]), outlet_names)
        .column(
            &at(b, "3.1.3.1"),
            Col::Control {
                writes: vec![(0, Off), (1, On)],
                reads: Reads::State(shows(1, 0)),
            },
        )
        .column(
            &at(b, "3.1.4.1"),
            Col::Name {
                writable: true,
                longest: 16,
            },
        )
        .scalar(&at(b, "2.1.15.1"), Object::Integer(8));
    check(Class {
        name: "Outlet 2",
        off_set: at(b, "3.1.3.1.2"),
        on_set: at(b, "3.1.3.1.2"),
        status: at(b, "3.1.3.1.2"),
        off: "0",
        on: "1",
        rename: Some(at(b, "3.1.4.1.2")),
        ..Class::new("baytech-snmp", &["1.3.6.1.4.1.4779"], unit)
    });
}

/// A9: nLogic rows are unit.outlet; the command column takes 1 off / 2 on / 5 reboot; the
/// status reads pendingOff (3) until the relay moves; current in hundredths of an amp.
#[test]
fn eaton_nlogic() {
    let e = "1.3.6.1.4.1.534.7.1.5";
    // NUT's walk: pduOutletCount.1 = 6, pduOutletName.1.1 = "OUTLET 1".
    let unit = Unit::new(rows(6, &[1], 1, &[]), |k| format!("OUTLET {}", k + 1))
        .column(
            &at(e, "1.1.2"),
            Col::Name {
                writable: true,
                longest: 31,
            },
        )
        .column(&at(e, "1.1.5"), Col::Amps(0.01))
        .column(&at(e, "1.1.13"), Col::Watts(1.0))
        .column(&at(e, "2.1.1"), Col::Status(shows(2, 1).pending(4, 3)))
        .column(
            &at(e, "2.1.10"),
            Col::Control {
                writes: vec![(1, Off), (2, On), (5, Reboot)],
                reads: Reads::State(shows(2, 1)),
            },
        )
        .scalar("1.3.6.1.4.1.534.7.1.1.2.1.13.1", Object::Integer(6))
        .delay(1000);
    check(Class {
        name: "OUTLET 2",
        off_set: at(e, "2.1.10.1.2"),
        on_set: at(e, "2.1.10.1.2"),
        status: at(e, "2.1.1.1.2"),
        off: "1",
        on: "2",
        cycle: Some(at(e, "2.1.10.1.2")),
        meters: vec![("outlets.1.current", 0.26), ("outlets.1.power", 60.0)],
        rename: Some(at(e, "1.1.2.1.2")),
        pending_off: Some("3"),
        ..Class::new("eaton-nlogic", &["1.3.6.1.4.1.534.7"], unit)
    });
}

/// A10: a Revelation unit's rows start at 0 (powerman's plugs 0-19), so pductl's outlet 2
/// is row 1; 0 off / 1 on / 2 cycling, the cycle written as 2; current in mA.
#[test]
fn eaton_managed() {
    let e = "1.3.6.1.4.1.534.6.6.6.1.2";
    let unit = Unit::new(rows(8, &[], 0, &[]), |k| format!("Receptacle {}", k + 1))
        .column(
            &at(e, "2.1.2"),
            Col::Name {
                writable: true,
                longest: 20,
            },
        )
        .column(
            &at(e, "2.1.3"),
            Col::Control {
                writes: vec![(0, Off), (1, On), (2, Reboot)],
                reads: Reads::State(shows(1, 0).cycling(2)),
            },
        )
        .column(&at(e, "2.1.4"), Col::Amps(0.001))
        .column(&at(e, "2.1.7"), Col::Watts(1.0))
        .scalar(&at(e, "1.0"), Object::Integer(8));
    let (agent, home) = check(Class {
        name: "Receptacle 2",
        off_set: at(e, "2.1.3.1"),
        on_set: at(e, "2.1.3.1"),
        status: at(e, "2.1.3.1"),
        off: "0",
        on: "1",
        cycle: Some(at(e, "2.1.3.1")),
        meters: vec![("outlets.1.current", 0.261), ("outlets.1.power", 60.0)],
        rename: Some(at(e, "2.1.2.1")),
        ..Class::new("eaton-managed", &["1.3.6.1.4.1.534.6.6.6"], unit)
    });
    // Outlet 1 is row 0.
    let (_, stderr) = run_ok(pductl(&home, &["-v", "off", "pdu:1"]));
    assert_eq!(sets(&stderr), [at(e, "2.1.3.0")]);
    assert_eq!(value(&agent, &at(e, "2.1.3.0")), "0");
}

/// A12: PX1's outletOperationalState is read and written, 0 off / 1 on / 2 cycle; current
/// in mA, power in W (powerman: "this is really watts").
#[test]
fn raritan_px1() {
    let r = "1.3.6.1.4.1.13742.4.1.2.2.1";
    let unit = Unit::new(rows(12, &[], 1, &[]), |k| format!("db-{:02}", k + 1))
        .column(
            &at(r, "2"),
            Col::Name {
                writable: true,
                longest: 32,
            },
        )
        .column(
            &at(r, "3"),
            Col::Control {
                writes: vec![(0, Off), (1, On), (2, Reboot)],
                reads: Reads::State(shows(1, 0).cycling(2)),
            },
        )
        .column(&at(r, "4"), Col::Amps(0.001))
        .column(&at(r, "7"), Col::Watts(1.0))
        .volts(120.0);
    check(Class {
        name: "db-02",
        off_set: at(r, "3.2"),
        on_set: at(r, "3.2"),
        status: at(r, "3.2"),
        off: "0",
        on: "1",
        cycle: Some(at(r, "3.2")),
        meters: vec![("outlets.1.current", 0.5), ("outlets.1.power", 60.0)],
        rename: Some(at(r, "2.2")),
        ..Class::new("raritan-px1", &["1.3.6.1.4.1.13742.4"], unit)
    });
}

/// A16: the iBootBar's rows start at 0 (Power::Outlet: outlet - 1); status 0 off / 1 on,
/// 4 while an outlet is on its way on; command 1 on / 0 off; its cycle toggles twice, so
/// pductl cycles with off, wait, on.
#[test]
fn iboot_bar() {
    let i = "1.3.6.1.4.1.1418.4.3.1";
    let unit = Unit::new(rows(8, &[], 0, &[]), |k| format!("Bar {}", k + 1))
        .column(
            &at(i, "2"),
            Col::Name {
                writable: false,
                longest: 20,
            },
        )
        .column(
            &at(i, "3"),
            Col::Status(Shows {
                pending_on: Some(4),
                ..shows(1, 0)
            }),
        )
        .column(
            &at(i, "4"),
            Col::Control {
                writes: vec![(0, Off), (1, On)],
                reads: Reads::State(shows(1, 0)),
            },
        )
        .delay(1000);
    let (agent, home) = check(Class {
        name: "Bar 2",
        off_set: at(i, "4.1"),
        on_set: at(i, "4.1"),
        status: at(i, "3.1"),
        off: "0",
        on: "1",
        ..Class::new("iboot-bar", &["1.3.6.1.4.1.1418"], unit)
    });
    // onPending (4) while outlet 2 is on its way on.
    ok(pductl(&home, &["off", "pdu:2"]));
    ok(pductl(
        &home,
        &["-d", "pdu", "set", "relay/outlets/1/state", "true"],
    ));
    assert_eq!(value(&agent, &at(i, "3.1")), "4");
    let seen = json(&ok(pductl(&home, &["-d", "pdu", "get", "relay/outlets/1"])));
    assert_eq!(seen["pending"], json!(true));
    assert_eq!(seen["state"], json!(false));
    assert!(eventually(5.0, || value(&agent, &at(i, "3.1")) == "1"));
}

/// The arc of ATEN's outletNStatus scalar for outlet k (from 0): outlets 1-8 are arcs 2-9,
/// arc 10 is the config table, outlets 9 on are arcs 11 on.
fn aten_arc(k: usize) -> u32 {
    if k < 8 {
        k as u32 + 2
    } else {
        k as u32 + 3
    }
}

/// A1: a 16-outlet PE8216. The status table lists the outlets; each is switched through
/// its own outletNStatus.0 scalar, whose arc skips 10, so outlet 10 is written at arc 12.
#[test]
fn aten_pe() {
    let a = "1.3.6.1.4.1.21317.1.3.2.2.2";
    let n = 16;
    let scalars = (0..n).map(|k| vec![aten_arc(k), 0]).collect();
    let unit = Unit::new(rows(n, &[], 1, &[]), |k| format!("srv{}", k + 1))
        .column(&at(a, "1.5.1.1"), Col::Number)
        .column(&at(a, "1.5.1.2"), Col::Status(shows(2, 1).cycling(3)))
        .column_at(
            &at(a, "2"),
            scalars,
            Col::Control {
                writes: vec![(1, Off), (2, On), (4, Reboot)],
                reads: Reads::State(shows(2, 1).cycling(4)),
            },
        )
        .column(
            &at(a, "2.10.1.2"),
            Col::Name {
                writable: true,
                longest: 16,
            },
        )
        .scalar(&at(a, "1.13.0"), Object::Integer(16));
    let (agent, home) = check(Class {
        name: "srv2",
        off_set: at(a, "2.3.0"),
        on_set: at(a, "2.3.0"),
        status: at(a, "1.5.1.2.2"),
        off: "1",
        on: "2",
        cycle: Some(at(a, "2.3.0")),
        rename: Some(at(a, "2.10.1.2.2")),
        ..Class::new("aten-pe", &["1.3.6.1.4.1.21317"], unit)
    });
    let (stdout, stderr) = run_ok(pductl(&home, &["-v", "off", "pdu:10"]));
    assert_eq!(stdout, "pdu:10 (srv10): off\n");
    assert_eq!(sets(&stderr), [at(a, "2.12.0")]);
    assert_eq!(value(&agent, &at(a, "1.5.1.2.10")), "1");
    assert_eq!(value(&agent, &at(a, "1.5.1.2.9")), "2", "outlet 9 stays on");
}

/// A6: one column read and written, 1 on / 0 off, 2 resets (xCAT); names in column .2.
#[test]
fn ibm_ipdu() {
    let i = "1.3.6.1.4.1.2.6.223.8.2.2.1";
    let unit = Unit::new(rows(12, &[], 1, &[]), |k| format!("node{:02}", k + 1))
        .column(
            &at(i, "2"),
            Col::Name {
                writable: false,
                longest: 32,
            },
        )
        .column(
            &at(i, "11"),
            Col::Control {
                writes: vec![(0, Off), (1, On), (2, Reboot)],
                reads: Reads::State(shows(1, 0)),
            },
        );
    check(Class {
        name: "node02",
        off_set: at(i, "11.2"),
        on_set: at(i, "11.2"),
        status: at(i, "11.2"),
        off: "0",
        on: "1",
        cycle: Some(at(i, "11.2")),
        ..Class::new("ibm-ipdu", &["1.3.6.1.4.1.2.6.223"], unit)
    });
}

/// A5: receptacles at pdu.branch.receptacle (4 to a branch here, so outlet 6 is 1.2.2);
/// PwrState reads 1 off / 2 on / 3 off with an on delay running; Control takes 1 on / 0 off;
/// names are the user labels.
#[test]
fn liebert_mph2() {
    let l = "1.3.6.1.4.1.476.1.42.3.8.50.20.1";
    let branches = (0..8u32).map(|k| vec![1, k / 4 + 1, k % 4 + 1]).collect();
    let unit = Unit::new(branches, |k| format!("RCP-{}", k + 1))
        .column(
            &at(l, "10"),
            Col::Name {
                writable: true,
                longest: 32,
            },
        )
        .column(
            &at(l, "95"),
            Col::Status(Shows {
                pending_on: Some(3),
                ..shows(2, 1)
            }),
        )
        .column(
            &at(l, "100"),
            Col::Control {
                writes: vec![(0, Off), (1, On), (2, Reboot)],
                reads: Reads::State(shows(1, 0).cycling(2)),
            },
        )
        .delay(1000);
    let (agent, home) = check(Class {
        name: "RCP-2",
        off_set: at(l, "100.1.1.2"),
        on_set: at(l, "100.1.1.2"),
        status: at(l, "95.1.1.2"),
        off: "1",
        on: "2",
        rename: Some(at(l, "10.1.1.2")),
        ..Class::new("liebert-mph2", &["1.3.6.1.4.1.476.1.42.3.8"], unit)
    });
    // Outlet 6 is the second branch's second receptacle; on its way on it reads 3.
    let (_, stderr) = run_ok(pductl(&home, &["-v", "off", "pdu:6"]));
    assert_eq!(sets(&stderr), [at(l, "100.1.2.2")]);
    ok(pductl(
        &home,
        &["-d", "pdu", "set", "relay/outlets/5/state", "true"],
    ));
    assert_eq!(value(&agent, &at(l, "95.1.2.2")), "3");
    let seen = json(&ok(pductl(&home, &["-d", "pdu", "get", "relay/outlets/5"])));
    assert_eq!(seen["pending"], json!(true));
    assert!(eventually(5.0, || value(&agent, &at(l, "95.1.2.2")) == "2"));
}

/// HPE's command columns: a delay in seconds (0: now), reading -1 while idle.
fn hpe_unit(base: &str, rows: Vec<Vec<u32>>, amps: f64, watts_col: &str) -> Unit {
    Unit::new(rows, |k| format!("Outlet L1-{}", k + 1))
        .column(
            &at(base, "5.1.1.2"),
            Col::Name {
                writable: true,
                longest: 31,
            },
        )
        .column(&at(base, "5.1.1.5"), Col::Amps(amps))
        .column(&at(base, watts_col), Col::Watts(1.0))
        .column(&at(base, "5.2.1.1"), Col::Status(shows(2, 1).pending(4, 3)))
        .column(&at(base, "5.2.1.2"), Col::Command(Off))
        .column(&at(base, "5.2.1.3"), Col::Command(On))
        .column(&at(base, "5.2.1.4"), Col::Command(Reboot))
        .delay(1000)
}

/// A7: G2 rows are unit.outlet from unit 0; OffCmd/OnCmd/RebootCmd columns take a delay;
/// current in mA, power in W.
#[test]
fn hpe_g2() {
    let h = "1.3.6.1.4.1.232.165.7";
    let unit = hpe_unit(h, rows(24, &[0], 1, &[]), 0.001, "5.1.1.14")
        .scalar(&at(h, "1.2.1.12.0"), Object::Integer(24));
    let (agent, _home) = check(Class {
        name: "Outlet L1-2",
        off_set: at(h, "5.2.1.2.0.2"),
        on_set: at(h, "5.2.1.3.0.2"),
        status: at(h, "5.2.1.1.0.2"),
        off: "1",
        on: "2",
        cycle: Some(at(h, "5.2.1.4.0.2")),
        meters: vec![("outlets.1.current", 0.261), ("outlets.1.power", 60.0)],
        pending_off: Some("3"),
        ..Class::new("hpe-g2", &["1.3.6.1.4.1.232.165.7"], unit)
    });
    assert_eq!(value(&agent, &at(h, "5.2.1.2.0.2")), "-1", "idle command");
}

/// A8: PDU3 rows are unit.outlet from unit 1 (NUT's walk: 24 outlets); the same command
/// columns; names writable; current in hundredths of an amp.
#[test]
fn hpe_pdu3() {
    let h = "1.3.6.1.4.1.232.165.11";
    let unit = hpe_unit(h, rows(24, &[1], 1, &[]), 0.01, "5.1.1.13")
        .scalar(&at(h, "1.2.1.13.1"), Object::Integer(24));
    check(Class {
        name: "Outlet L1-2",
        off_set: at(h, "5.2.1.2.1.2"),
        on_set: at(h, "5.2.1.3.1.2"),
        status: at(h, "5.2.1.1.1.2"),
        off: "1",
        on: "2",
        cycle: Some(at(h, "5.2.1.4.1.2")),
        meters: vec![("outlets.1.current", 0.26), ("outlets.1.power", 60.0)],
        rename: Some(at(h, "5.1.1.2.1.2")),
        pending_off: Some("3"),
        ..Class::new("hpe-pdu3", &["1.3.6.1.4.1.232.165.11"], unit)
    });
}

/// The PowerControl values of Avocent's PM-MIB and ACS6000-MIB: 1 noAction (what a read
/// gives), 2 on, 3 off, 4 cycle.
fn power_control() -> Col {
    Col::Control {
        writes: vec![(1, Nothing), (2, On), (3, Off), (4, Reboot)],
        reads: Reads::Fixed(1),
    }
}

/// A13: PM rows are appliance.pdu.outlet; status 1 off / 2 on, 6 on pending off; current
/// and power in tenths.
#[test]
fn avocent_pm() {
    let p = "1.3.6.1.4.1.10418.17.2.5.5.1";
    let unit = Unit::new(rows(10, &[1, 1], 1, &[]), |k| format!("PM_{}", k + 1))
        .column(
            &at(p, "4"),
            Col::Name {
                writable: true,
                longest: 32,
            },
        )
        .column(&at(p, "5"), Col::Status(shows(2, 1).pending(7, 6)))
        .column(&at(p, "6"), power_control())
        .column(&at(p, "50"), Col::Amps(0.1))
        .column(&at(p, "60"), Col::Watts(0.1))
        .delay(1000);
    check(Class {
        name: "PM_2",
        off_set: at(p, "6.1.1.2"),
        on_set: at(p, "6.1.1.2"),
        status: at(p, "5.1.1.2"),
        off: "1",
        on: "2",
        cycle: Some(at(p, "6.1.1.2")),
        meters: vec![("outlets.1.current", 0.3), ("outlets.1.power", 60.0)],
        rename: Some(at(p, "4.1.1.2")),
        pending_off: Some("6"),
        ..Class::new("avocent-pm", &["1.3.6.1.4.1.10418.17"], unit)
    });
}

/// A14: an ACS 6000 with a PDU on serial port 1 and one on port 3: rows port.pdu.outlet,
/// so pductl's outlet 6 is 3.1.2.
#[test]
fn avocent_acs() {
    let p = "1.3.6.1.4.1.10418.16.2.5.5.1";
    let ports: Vec<Vec<u32>> = (0..8u32)
        .map(|k| vec![if k < 4 { 1 } else { 3 }, 1, k % 4 + 1])
        .collect();
    let unit = Unit::new(ports, |k| {
        format!("{}-{}", if k < 4 { "ttyS1" } else { "ttyS3" }, k % 4 + 1)
    })
    .column(
        &at(p, "4"),
        Col::Name {
            writable: false,
            longest: 32,
        },
    )
    .column(&at(p, "5"), Col::Status(shows(2, 1)))
    .column(&at(p, "6"), power_control());
    let (agent, home) = check(Class {
        name: "ttyS1-2",
        off_set: at(p, "6.1.1.2"),
        on_set: at(p, "6.1.1.2"),
        status: at(p, "5.1.1.2"),
        off: "1",
        on: "2",
        cycle: Some(at(p, "6.1.1.2")),
        ..Class::new("avocent-acs", &["1.3.6.1.4.1.10418.16"], unit)
    });
    let (stdout, stderr) = run_ok(pductl(&home, &["-v", "off", "pdu:6"]));
    assert_eq!(stdout, "pdu:6 (ttyS3-2): off\n");
    assert_eq!(sets(&stderr), [at(p, "6.3.1.2")]);
    assert_eq!(value(&agent, &at(p, "5.3.1.2")), "1");
    assert_eq!(value(&agent, &at(p, "6.3.1.2")), "1", "noAction on read");
}

/// A15: a PM on serial port 2 of an AlterPath ACS: rows port.outlet; cyOutletPower 0 off /
/// 1 on / 2 cycle; names of at most 8 characters, a longer one refused by the unit.
#[test]
fn cyclades_acs() {
    let c = "1.3.6.1.4.1.2925.4.5.4.1";
    let unit = Unit::new(rows(8, &[2], 1, &[]), |k| format!("pm{}", k + 1))
        .column(
            &at(c, "2"),
            Col::Name {
                writable: true,
                longest: 8,
            },
        )
        .column(
            &at(c, "4"),
            Col::Control {
                writes: vec![(0, Off), (1, On), (2, Reboot)],
                reads: Reads::State(shows(1, 0)),
            },
        );
    let (_agent, home) = check(Class {
        name: "pm2",
        off_set: at(c, "4.2.2"),
        on_set: at(c, "4.2.2"),
        status: at(c, "4.2.2"),
        off: "0",
        on: "1",
        cycle: Some(at(c, "4.2.2")),
        rename: Some(at(c, "2.2.2")),
        ..Class::new("cyclades-acs", &["1.3.6.1.4.1.2925.4.5"], unit)
    });
    fails(
        pductl(
            &home,
            &["-d", "pdu", "set", "relay/outlets/0/name", "\"nine-char\""],
        ),
        1,
        "wrongLength",
    );
}

/// A11: Pulizzi's status rows are k.0, its control rows (k+1).0: row 1 of the control
/// column is the whole unit's, and refuses a write here, so a write one row off fails.
#[test]
fn eaton_pulizzi() {
    let p = "1.3.6.1.4.1.20677.2.6";
    let n = 8;
    let unit = Unit::new(rows(n, &[], 1, &[0]), outlet_names)
        .column(&at(p, "3"), Col::Status(shows(1, 2)))
        .column_at(
            &at(p, "2"),
            rows(n, &[], 2, &[0]),
            Col::Control {
                writes: vec![(1, On), (2, Off), (3, Reboot)],
                reads: Reads::Fixed(0),
            },
        )
        .scalar(&at(p, "2.1.0"), Object::Integer(0));
    check(Class {
        name: "Outlet 2",
        off_set: at(p, "2.3.0"),
        on_set: at(p, "2.3.0"),
        status: at(p, "3.2.0"),
        off: "2",
        on: "1",
        cycle: Some(at(p, "2.3.0")),
        ..Class::new("eaton-pulizzi", &["1.3.6.1.4.1.20677.2"], unit)
    });
}

/// A2: one column read and written, 1 off / 2 on; no names: "Outlet N".
#[test]
fn teltronix() {
    let t = "1.3.6.1.4.1.23620.1.2.2.1";
    let unit = Unit::new(rows(8, &[], 1, &[]), outlet_names).column(
        &at(t, "4"),
        Col::Control {
            writes: vec![(1, Off), (2, On)],
            reads: Reads::State(shows(2, 1)),
        },
    );
    check(Class {
        name: "Outlet 2",
        off_set: at(t, "4.2"),
        on_set: at(t, "4.2"),
        status: at(t, "4.2"),
        off: "1",
        on: "2",
        ..Class::new("teltronix", &["1.3.6.1.4.1.23620"], unit)
    });
}

/// A17: a switch's interfaces, ifIndex 1 (loopback), 2-5 (Ethernet ports), 10 (a port
/// channel): the outlets are the Ethernet ports (ifType 6), so pductl's outlet 2 is
/// ifIndex 3; ifAdminStatus 1 up / 2 down; names are ifAlias, or ifDescr where no alias is
/// set. The device serves ifTable and ifXTable ahead of snmpd's own IF-MIB.
#[test]
fn ifmib_port() {
    let indices = [1u32, 2, 3, 4, 5, 10];
    let kinds = vec![24, 6, 6, 6, 6, 161];
    let descr = ["lo", "Gi1/0/1", "Gi1/0/2", "Gi1/0/3", "Gi1/0/4", "Po1"];
    let alias = ["", "node1-bmc", "node2-bmc", "", "uplink", "storage"];
    let unit = Unit::new(indices.iter().map(|&i| vec![i]).collect(), |k| {
        alias[k].to_string()
    })
    .column(
        "1.3.6.1.2.1.2.2.1.2",
        Col::Text(descr.iter().map(|s| s.to_string()).collect()),
    )
    .column("1.3.6.1.2.1.2.2.1.3", Col::Integers(kinds))
    .column(
        "1.3.6.1.2.1.2.2.1.7",
        Col::Control {
            writes: vec![(1, On), (2, Off), (3, Nothing)],
            reads: Reads::State(shows(1, 2)),
        },
    )
    .column("1.3.6.1.2.1.2.2.1.8", Col::Status(shows(1, 2)))
    .column(
        "1.3.6.1.2.1.31.1.1.1.18",
        Col::Name {
            writable: true,
            longest: 64,
        },
    );
    let class = Class {
        name: "node2-bmc",
        off_set: "1.3.6.1.2.1.2.2.1.7.3".into(),
        on_set: "1.3.6.1.2.1.2.2.1.7.3".into(),
        status: "1.3.6.1.2.1.2.2.1.8.3".into(),
        off: "2",
        on: "1",
        rename: Some("1.3.6.1.2.1.31.1.1.1.18.3".into()),
        ..Class::new(
            "ifmib-port",
            &["1.3.6.1.2.1.2.2", "1.3.6.1.2.1.31.1.1"],
            unit,
        )
    };
    let (agent, home) = check(Class {
        outlets: 4,
        ..class
    });
    let names = json(&ok(pductl(
        &home,
        &["-d", "pdu", "get", "relay/outlets/all;/name"],
    )));
    assert_eq!(
        names,
        json!(["node1-bmc", "Bench", "Gi1/0/3", "uplink"]),
        "the alias, else the description; Ethernet ports only"
    );
    let (stdout, stderr) = run_ok(pductl(&home, &["-v", "off", "pdu:uplink"]));
    assert_eq!(stdout, "pdu:4 (uplink): off\n");
    assert_eq!(sets(&stderr), ["1.3.6.1.2.1.2.2.1.7.5"]);
    assert_eq!(value(&agent, "1.3.6.1.2.1.2.2.1.7.5"), "2");
    assert_eq!(
        value(&agent, "1.3.6.1.2.1.2.2.1.7.10"),
        "1",
        "the port channel"
    );
}

/// Every class here is built in: `drivers show` prints the repository's file, and
/// `drivers list` says what each was tested against.
#[test]
fn the_group_1a_snmp_drivers_are_built_in() {
    let home = Home::new();
    let list = json(&ok(pductl(&home, &["drivers", "list"])));
    for id in [
        "aten-pe",
        "teltronix",
        "baytech-snmp",
        "vertiv-geist",
        "liebert-mph2",
        "ibm-ipdu",
        "hpe-g2",
        "hpe-pdu3",
        "eaton-nlogic",
        "eaton-managed",
        "eaton-pulizzi",
        "raritan-px1",
        "avocent-pm",
        "avocent-acs",
        "cyclades-acs",
        "iboot-bar",
        "ifmib-port",
    ] {
        let file =
            std::fs::read_to_string(format!("{}/drivers/{id}.toml", env!("CARGO_MANIFEST_DIR")))
                .unwrap();
        assert_eq!(ok(pductl(&home, &["drivers", "show", id])), file, "{id}");
        let entry = list
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["name"] == json!(id))
            .unwrap_or_else(|| panic!("{id} is listed"));
        assert_eq!(entry["transport"], json!("snmp"), "{id}");
        assert!(
            entry["from"].as_str().unwrap().starts_with("(built in)"),
            "{id}"
        );
        assert!(
            entry["tested"]
                .as_str()
                .unwrap()
                .contains("tests/snmp_drivers_2.rs"),
            "{id}"
        );
    }
}
