//! The built-in SNMP drivers against simulated vendor PDUs: net-snmp's `snmpd` serves each
//! unit's MIB from `pductl sim snmp-pdu --model M` through `pass_persist` (the simulator
//! shares no code with the driver engine: it is a table of the vendor's columns over one
//! relay per outlet, from the MIBs and public walks in protocols/drivers.md), and net-snmp's
//! own `snmpget` checks from the other side what pductl's writes did.

mod common;
use common::snmpd::{snmp, Agent};
use common::*;
use serde_json::{json, Value};

/// snmpd serving `model` under `subtree`, with `args` for the simulator.
fn unit(model: &str, subtree: &str, args: &str) -> Agent {
    let config = format!("pass_persist .{subtree} {BIN} sim snmp-pdu --model {model} {args}\n");
    Agent::start(tempfile::tempdir().unwrap(), &config)
}

/// A home whose profile names the agent as `pdu`, driven by `driver`.
fn home_for(agent: &Agent, driver: &str, timeout: u32) -> Home {
    let home = Home::new();
    home.write_profile(&format!(
        "[devices.pdu]\ndriver = \"{driver}\"\nhost = \"127.0.0.1\"\nport = {}\n\
         write_password = \"private\"\ntimeout = {timeout}\n",
        agent.port
    ));
    home
}

fn pductl(home: &Home, args: &[&str]) -> assert_cmd::Command {
    let mut c = home.cmd();
    c.args(args);
    c
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

fn run_ok(c: assert_cmd::Command) -> (String, String) {
    let (code, stdout, stderr) = run(c);
    assert_eq!(code, 0, "stderr: {stderr}");
    (stdout, stderr)
}

/// APC units answer different outlet tables: the driver probes rPDU2, then rPDU, then
/// sPDU, and writes to the table the unit answered (seen in the SETs' OIDs); a metered
/// unit with no switched outlets is a malformed answer naming the tables tried.
#[test]
fn the_apc_driver_probes_which_table_a_unit_answers() {
    for (model, table_set, status, off) in [
        (
            "apc-ap8641",
            "1.3.6.1.4.1.318.1.1.26.9.2.4.1.5.3",
            "1.3.6.1.4.1.318.1.1.26.9.2.3.1.5.3",
            "1",
        ),
        (
            "apc-ap7900",
            "1.3.6.1.4.1.318.1.1.12.3.3.1.1.4.3",
            "1.3.6.1.4.1.318.1.1.12.3.5.1.1.4.3",
            "2",
        ),
        (
            "apc-ap9211",
            "1.3.6.1.4.1.318.1.1.4.4.2.1.3.3",
            "1.3.6.1.4.1.318.1.1.4.4.2.1.3.3",
            "2",
        ),
    ] {
        let agent = unit(model, "1.3.6.1.4.1.318", "");
        let home = home_for(&agent, "apc", 3);
        let (stdout, stderr) = run_ok(pductl(&home, &["-v", "off", "pdu:3"]));
        assert_eq!(stdout, "pdu:3 (Outlet 3): off\n", "{model}");
        assert_eq!(sets(&stderr), [table_set], "{model}");
        assert_eq!(value(&agent, status), off, "{model}: {status}");
        // The unit's own reboot is pductl's cycle.
        let (stdout, stderr) = run_ok(pductl(&home, &["-v", "cycle", "pdu:2", "-o", "json"]));
        assert_eq!(json(&stdout)[0]["cycle"], json!("device"), "{model}");
        assert_eq!(json(&stdout)[0]["after"], json!("on"), "{model}");
        let (column, _) = table_set.rsplit_once('.').unwrap();
        assert_eq!(sets(&stderr), [format!("{column}.2")], "{model}");
    }
    // rPDU2's metering: tenths of an amp and watts of a 24-outlet AP8641.
    let agent = unit("apc-ap8641", "1.3.6.1.4.1.318", "");
    let home = home_for(&agent, "apc", 3);
    let meters = json(&ok(pductl(&home, &["-d", "pdu", "get", "meter/values"])));
    assert_eq!(meters.as_object().unwrap().len(), 24 * 3);
    assert_eq!(meters["outlets.1.power"]["value"], json!(16));
    assert_eq!(meters["outlets.1.current"]["value"], json!(0.1));
    let outlets = json(&ok(pductl(
        &home,
        &["-d", "pdu", "get", "relay/outlets/all;/state"],
    )));
    assert_eq!(outlets.as_array().unwrap().len(), 24);

    let metered = unit("apc-ap7853", "1.3.6.1.4.1.318", "");
    let home = home_for(&metered, "apc", 3);
    fails(
        pductl(&home, &["-d", "pdu", "get", "relay/outlets"]),
        5,
        "lists no outlets in any of the driver apc file's tables (rPDU2, rPDU, sPDU)",
    );
}

/// An Eaton ePDU G3: switching writes the OffCmd/OnCmd columns (a delay of 0), the status
/// column reads pendingOff/pendingOn until the relay moves, and pductl waits that out;
/// with a delay longer than the device's timeout, verification fails naming what it saw.
#[test]
fn the_eaton_driver_writes_command_columns_and_waits_out_pending() {
    const STATUS: &str = "1.3.6.1.4.1.534.6.6.7.6.6.1.2.0";
    let agent = unit(
        "eaton-epdu-g3",
        "1.3.6.1.4.1.534.6.6.7",
        "--switch-delay 700",
    );
    let home = home_for(&agent, "eaton-epdu", 3);
    let (stdout, stderr) = run_ok(pductl(&home, &["-v", "off", "pdu:3"]));
    assert_eq!(stdout, "pdu:3 (Outlet A3): off\n");
    assert_eq!(sets(&stderr), ["1.3.6.1.4.1.534.6.6.7.6.6.1.3.0.3"]);
    assert_eq!(value(&agent, &format!("{STATUS}.3")), "0");

    // A raw write returns at once: the outlet then reads pending, its relay as it was.
    ok(pductl(
        &home,
        &["-d", "pdu", "set", "relay/outlets/2/state", "true"],
    ));
    let pending = json(&ok(pductl(&home, &["-d", "pdu", "get", "relay/outlets/2"])));
    assert_eq!(value(&agent, &format!("{STATUS}.3")), "3", "pendingOn");
    assert_eq!(pending["pending"], json!(true));
    assert_eq!(pending["state"], json!(false));
    assert_eq!(pending["physical_state"], Value::Null);
    assert!(eventually(5.0, || value(&agent, &format!("{STATUS}.3")) == "1"));

    // Rename, meters (mA and W), and the unit's own reboot as the cycle.
    ok(pductl(
        &home,
        &["-d", "pdu", "set", "relay/outlets/0/name", "\"Lab bench\""],
    ));
    assert_eq!(
        value(&agent, "1.3.6.1.4.1.534.6.6.7.6.1.1.3.0.1"),
        "Lab bench"
    );
    let meters = json(&ok(pductl(&home, &["-d", "pdu", "get", "meter/values"])));
    assert_eq!(meters["outlets.1.power"]["value"], json!(30));
    assert_eq!(meters["outlets.1.current"]["value"], json!(0.13));
    assert_eq!(meters["outlets.1.energy"]["unit"], json!("Wh"));
    let (stdout, stderr) = run_ok(pductl(
        &home,
        &["-v", "cycle", "Lab bench", "-d", "pdu", "-o", "json"],
    ));
    assert_eq!(json(&stdout)[0]["cycle"], json!("device"));
    assert_eq!(json(&stdout)[0]["after"], json!("on"));
    assert_eq!(sets(&stderr), ["1.3.6.1.4.1.534.6.6.7.6.6.1.5.0.1"]);

    // A unit slower than the device's timeout: exit 6, with the last state seen.
    let slow = unit(
        "eaton-epdu-g3",
        "1.3.6.1.4.1.534.6.6.7",
        "--switch-delay 4000",
    );
    let home = home_for(&slow, "eaton-epdu", 1);
    fails(
        pductl(&home, &["off", "pdu:1"]),
        6,
        "did not turn off within 1s (physical_state is unknown)",
    );
}

/// A Raritan PX2: state on 7 / off 8, switchingOperation off 0 / on 1 / cycle 2; an outlet
/// without a name is called by its label; meters are scaled by each sensor's decimal
/// digits (the LibreNMS PX2 walk: 311 with 3 digits is 0.311 A).
#[test]
fn the_raritan_driver_reads_labels_and_decimal_digits() {
    let agent = unit("raritan-px2", "1.3.6.1.4.1.13742.6", "");
    let home = home_for(&agent, "raritan-pdu2", 3);
    let outlets = json(&ok(pductl(
        &home,
        &["-d", "pdu", "get", "relay/outlets/all;/name"],
    )));
    assert_eq!(outlets[0], json!("1"), "the label, where the name is empty");
    assert_eq!(outlets[1], json!("Server 2"));
    let (stdout, stderr) = run_ok(pductl(&home, &["-v", "off", "pdu:2"]));
    assert_eq!(stdout, "pdu:2 (Server 2): off\n");
    assert_eq!(sets(&stderr), ["1.3.6.1.4.1.13742.6.4.1.2.1.2.1.2"]);
    assert_eq!(value(&agent, "1.3.6.1.4.1.13742.6.4.1.2.1.3.1.2"), "8");
    let meters = json(&ok(pductl(&home, &["-d", "pdu", "get", "meter/values"])));
    assert_eq!(meters["outlets.0.current"]["value"], json!(0.311));
    assert_eq!(meters["outlets.0.power"]["value"], json!(68.0));
    assert_eq!(meters["outlets.0.voltage"]["value"], json!(219.0));
    assert_eq!(
        meters["outlets.1.power"]["value"],
        json!(0.0),
        "off draws nothing"
    );
    let (stdout, _) = run_ok(pductl(&home, &["cycle", "pdu:1", "-o", "json"]));
    assert_eq!(json(&stdout)[0]["cycle"], json!("device"));
    ok(pductl(
        &home,
        &["-d", "pdu", "set", "relay/outlets/0/name", "\"DUT\""],
    ));
    assert_eq!(
        ok(pductl(&home, &["-d", "pdu", "get", "relay/outlets/0/name"])).trim(),
        "\"DUT\""
    );
}

/// A ServerTech Sentry3 CDU: 24 outlets at tower.infeed.outlet, 8 to an infeed, so outlet
/// 10 is row 1.2.2; a change reads onWait/offWait until the relay moves.
#[test]
fn the_sentry3_driver_addresses_tower_infeed_outlet_rows() {
    const STATUS: &str = "1.3.6.1.4.1.1718.3.2.3.1.5";
    let agent = unit("sentry3", "1.3.6.1.4.1.1718.3", "--switch-delay 600");
    let home = home_for(&agent, "sentry3", 3);
    let (stdout, stderr) = run_ok(pductl(&home, &["-v", "off", "pdu:10"]));
    assert_eq!(stdout, "pdu:10 (Rack2_2): off\n");
    assert_eq!(sets(&stderr), ["1.3.6.1.4.1.1718.3.2.3.1.11.1.2.2"]);
    assert_eq!(value(&agent, &format!("{STATUS}.1.2.2")), "0");
    assert_eq!(
        value(&agent, &format!("{STATUS}.1.2.1")),
        "1",
        "its neighbour"
    );
    ok(pductl(
        &home,
        &["-d", "pdu", "set", "relay/outlets/9/state", "true"],
    ));
    assert_eq!(value(&agent, &format!("{STATUS}.1.2.2")), "3", "onWait");
    let seen = json(&ok(pductl(&home, &["-d", "pdu", "get", "relay/outlets/9"])));
    assert_eq!(seen["pending"], json!(true));
    ok(pductl(&home, &["on", "pdu:10"]));
    assert_eq!(value(&agent, &format!("{STATUS}.1.2.2")), "1");
    let names = json(&ok(pductl(
        &home,
        &["-d", "pdu", "get", "relay/outlets/all;/name"],
    )));
    assert_eq!(names.as_array().unwrap().len(), 24);
    assert_eq!(names[23], json!("Rack3_8"));
    let meters = json(&ok(pductl(
        &home,
        &["-d", "pdu", "get", "meter/values/outlets.23.current"],
    )));
    assert_eq!(meters["value"], json!(0.3), "hundredths of an amp");
}

/// Sentry4, CyberPower and Tripp Lite: each unit's state encoding, control values and row
/// layout, switched through the power verbs and checked with snmpget; names and power.
#[test]
fn the_sentry4_cyberpower_and_tripplite_drivers_switch_and_meter() {
    for (model, subtree, driver, set, status, off, name, watts) in [
        (
            "sentry4",
            "1.3.6.1.4.1.1718.4",
            "sentry4",
            "1.3.6.1.4.1.1718.4.1.8.5.1.2.1.1.2",
            "1.3.6.1.4.1.1718.4.1.8.3.1.1.1.1.2",
            "2",
            "AA2",
            17.0,
        ),
        (
            "cyberpower",
            "1.3.6.1.4.1.3808",
            "cyberpower",
            "1.3.6.1.4.1.3808.1.1.3.3.3.1.1.4.2",
            "1.3.6.1.4.1.3808.1.1.3.3.5.1.1.4.2",
            "2",
            "Outlet2",
            33.0,
        ),
        (
            "tripplite-lx",
            "1.3.6.1.4.1.850",
            "tripplite",
            "1.3.6.1.4.1.850.1.1.3.2.3.3.1.1.6.1.2",
            "1.3.6.1.4.1.850.1.1.3.2.3.3.1.1.4.1.2",
            "1",
            "Load 2",
            26.0,
        ),
    ] {
        let agent = unit(model, subtree, "");
        let home = home_for(&agent, driver, 3);
        let power = json(&ok(pductl(
            &home,
            &["-d", "pdu", "get", "meter/values/outlets.1.power/value"],
        )));
        assert_eq!(power.as_f64(), Some(watts), "{model}");
        let (stdout, stderr) = run_ok(pductl(&home, &["-v", "off", "pdu:2"]));
        assert_eq!(stdout, format!("pdu:2 ({name}): off\n"), "{model}");
        assert_eq!(sets(&stderr), [set], "{model}");
        assert_eq!(value(&agent, status), off, "{model}");
        let (stdout, _) = run_ok(pductl(&home, &["cycle", "pdu:2", "-o", "json"]));
        assert_eq!(json(&stdout)[0]["cycle"], json!("device"), "{model}");
        assert_eq!(
            json(&stdout)[0]["after"],
            json!("on"),
            "{model}: a reboot of an off outlet"
        );
        assert_ne!(value(&agent, status), off, "{model}");
    }
}

/// Every APC table renames, in the config table the PowerNet-MIB has read-write beside each
/// status table: rPDU2OutletSwitchedConfigName (AP8641), rPDUOutletConfigOutletName (AP7900),
/// sPDUOutletName (AP9211). snmpget then reads the new name in both the config and the
/// status column, pductl reads it back, shows it in `status`, and takes it as a target; the
/// neighbour keeps its name. A name longer than the unit takes is its wrongLength, exit 1.
#[test]
fn the_apc_driver_renames_outlets_on_every_table() {
    for (model, config, status) in [
        (
            "apc-ap8641",
            "1.3.6.1.4.1.318.1.1.26.9.2.1.1.3",
            "1.3.6.1.4.1.318.1.1.26.9.2.3.1.3",
        ),
        (
            "apc-ap7900",
            "1.3.6.1.4.1.318.1.1.12.3.4.1.1.2",
            "1.3.6.1.4.1.318.1.1.12.3.5.1.1.2",
        ),
        (
            "apc-ap9211",
            "1.3.6.1.4.1.318.1.1.4.5.2.1.3",
            "1.3.6.1.4.1.318.1.1.4.4.2.1.4",
        ),
    ] {
        let agent = unit(model, "1.3.6.1.4.1.318", "");
        let home = home_for(&agent, "apc", 3);
        let (_, stderr) = run_ok(pductl(
            &home,
            &[
                "-v",
                "-d",
                "pdu",
                "set",
                "relay/outlets/1/name",
                "\"Lab bench\"",
            ],
        ));
        assert_eq!(sets(&stderr), [format!("{config}.2")], "{model}");
        assert_eq!(
            value(&agent, &format!("{config}.2")),
            "Lab bench",
            "{model}"
        );
        assert_eq!(
            value(&agent, &format!("{status}.2")),
            "Lab bench",
            "{model}"
        );
        assert_eq!(value(&agent, &format!("{status}.1")), "Outlet 1", "{model}");
        let names = json(&ok(pductl(
            &home,
            &["-d", "pdu", "get", "relay/outlets/all;/name"],
        )));
        assert_eq!(
            names.as_array().unwrap()[0..3],
            [json!("Outlet 1"), json!("Lab bench"), json!("Outlet 3")],
            "{model}"
        );
        let shown = ok(pductl(&home, &["status", "pdu:2"]));
        assert!(shown.contains("Lab bench"), "{model}: {shown}");
        assert_eq!(
            ok(pductl(&home, &["off", "pdu:Lab bench"])),
            "pdu:2 (Lab bench): off\n",
            "{model}"
        );
        fails(
            pductl(
                &home,
                &[
                    "-d",
                    "pdu",
                    "set",
                    "relay/outlets/0/name",
                    &format!("\"{}\"", "x".repeat(65)),
                ],
            ),
            1,
            &format!("wrongLength (8) for {config}.1"),
        );
        assert_eq!(value(&agent, &format!("{status}.1")), "Outlet 1", "{model}");
    }
}
