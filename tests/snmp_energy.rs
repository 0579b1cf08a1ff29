//! Energy counters over SNMP (issue 23): net-snmp's `snmpd` serves the simulated DLI
//! controller's ENERGY-OBJECT-MIB through `pass_persist` from the state file that the REST
//! simulator, run with `--energy-rate`, keeps its per-outlet energy in. `pductl get
//! meter/values` over SNMP must show the counters of RFC 7460's `eoEnergyTable` as the REST
//! face shows them, and `pductl record` + `pductl energy` must use them as counters.

mod common;
use common::snmpd::{snmp, Agent};
use common::*;
use serde_json::{json, Value};
use std::time::Duration;

/// 0.5 Wh a second on each outlet that is on: 1800 W, within an outlet's rating.
const RATE: f64 = 0.5;
const OUTLETS: usize = 4;

/// The REST simulator (`web`, with or without per-outlet meters) and snmpd over its state
/// file, with a profile naming the agent `rack` (v2c) and the simulator `web`.
struct Rig {
    home: Home,
    agent: Agent,
    /// Kept running for the life of the rig: snmpd's `pass_persist` shares its state.
    _web: Sim,
    store: std::path::PathBuf,
}

impl Rig {
    fn new(energy_rate: Option<f64>) -> Rig {
        let home = Home::new();
        let state = home.dir.path().join("dli-state.json");
        let outlets = OUTLETS.to_string();
        let rate = energy_rate.map(|r| r.to_string());
        let mut args = vec![
            "--outlets",
            &outlets,
            "--state-file",
            state.to_str().unwrap(),
        ];
        if let Some(rate) = &rate {
            args.extend(["--energy-rate", rate.as_str()]);
        }
        let web = Sim::dli(&args);
        // The file must exist, meters included, before snmpd's pass_persist reads it.
        home.ok_at(&web, &["set", "relay/sequence_delay", "0"]);
        let agent = Agent::dli_mib(&state, OUTLETS);
        home.write_profile(&format!(
            "[devices.rack]\nprotocol = \"snmp\"\nhost = \"127.0.0.1\"\nport = {}\n\
             password_env = \"RO_COMMUNITY\"\nwrite_password_env = \"RW_COMMUNITY\"\ntimeout = 2\n\n\
             [devices.web]\nhost = \"127.0.0.1\"\nport = {}\npassword_env = \"{PASSWORD_VAR}\"\n",
            agent.port,
            web.port()
        ));
        let store = home.dir.path().join("energy.sqlite");
        Rig {
            home,
            agent,
            _web: web,
            store,
        }
    }

    fn cmd(&self, args: &[&str]) -> assert_cmd::Command {
        let mut c = self.home.cmd();
        c.env("RO_COMMUNITY", "public")
            .env("RW_COMMUNITY", "private")
            .env(PASSWORD_VAR, "1234")
            .args(args);
        c
    }

    fn meter_values(&self, device: &str) -> Value {
        json(&ok(self.cmd(&["-d", device, "get", "meter/values"])))
    }

    /// One round of `record` into the store.
    fn record(&self) {
        let mut c = self.cmd(&["-q", "record", "--store"]);
        c.arg(&self.store).arg("rack");
        ok(c);
    }
}

fn keys(values: &Value) -> Vec<String> {
    let mut k: Vec<String> = values.as_object().unwrap().keys().cloned().collect();
    k.sort();
    k
}

#[test]
fn snmp_energy_counters_agree_with_rest_and_are_used_as_counters() {
    let rig = Rig::new(Some(RATE));
    // Outlets 2 and 4 (0-based 1 and 3) draw; 1 and 3 stay off.
    ok(rig.cmd(&["-d", "rack", "set", "relay/outlets/1/state", "true"]));
    ok(rig.cmd(&["-d", "rack", "set", "relay/outlets/3/state", "true"]));
    std::thread::sleep(Duration::from_millis(4500));
    // Everything off: the counters stop, so both faces must read exactly the same.
    ok(rig.cmd(&["-d", "web", "set", "relay/outlets/all;/state", "false"]));
    let snmp_values = rig.meter_values("rack");
    let rest_values = rig.meter_values("web");

    let mut expected_keys: Vec<String> = (0..OUTLETS)
        .map(|i| format!("outlets.{i}.energy"))
        .chain(["bus.257.energy".into(), "bus.257.power".into()])
        .collect();
    expected_keys.sort();
    assert_eq!(keys(&snmp_values), expected_keys, "{snmp_values}");
    let mut sum = 0.0;
    for i in 0..OUTLETS {
        let key = format!("outlets.{i}.energy");
        let over_snmp = &snmp_values[&key];
        assert_eq!(over_snmp["value"], rest_values[&key]["value"], "{key}");
        assert_eq!(over_snmp["quantity"], json!("energy"), "{key}");
        assert_eq!(over_snmp["unit"], json!("Wh"), "{key}");
        assert_eq!(over_snmp["name"], json!(format!("Outlet {} energy", i + 1)));
        sum += over_snmp["value"].as_f64().unwrap();
    }
    // About 2.2 Wh in 4.5 s on each outlet that was on, none on the others.
    for (i, on) in [(0, false), (1, true), (2, false), (3, true)] {
        let wh = snmp_values[format!("outlets.{i}.energy")]["value"]
            .as_f64()
            .unwrap();
        if on {
            assert!((1.0..=4.0).contains(&wh), "outlet {i}: {wh} Wh");
        } else {
            assert_eq!(wh, 0.0, "outlet {i}");
        }
    }
    // The bus counts the outlets' exact sum; each outlet shows whole Wh, floored.
    let bus = snmp_values["bus.257.energy"]["value"].as_f64().unwrap();
    assert!(
        bus >= sum && bus < sum + OUTLETS as f64,
        "bus {bus}, outlets {sum}"
    );
    assert_eq!(snmp_values["bus.257.energy"]["unit"], json!("Wh"));

    // net-snmp's own walk sees the counters where RFC 7460 puts them: eoEnergyConsumed,
    // indexed by collection and start time.
    let (walked, out) = snmp(
        &rig.agent,
        &["snmpwalk", "-v2c", "-c", "public"],
        &["1.3.6.1.2.1.229.1.5.1.2"],
    );
    assert!(walked, "{out}");
    let outlet_2 = snmp_values["outlets.1.energy"]["value"].as_f64().unwrap();
    assert!(
        out.contains(&format!(".1.3.6.1.2.1.229.1.5.1.2.2.0 {outlet_2}")),
        "{out}"
    );

    // Two rounds of `record` with outlet 2 drawing between them: a counter window.
    ok(rig.cmd(&["-d", "rack", "set", "relay/outlets/1/state", "true"]));
    rig.record();
    std::thread::sleep(Duration::from_millis(4000));
    rig.record();
    let mut c = rig.cmd(&["-o", "json", "energy", "--window", "1h", "--store"]);
    c.arg(&rig.store);
    let e = json(&ok(c));
    let rows = e["outlets"].as_array().unwrap();
    let row = |outlet: u64| {
        rows.iter()
            .find(|r| r["device"] == "rack" && r["outlet"].as_u64() == Some(outlet))
            .unwrap_or_else(|| panic!("no row for rack:{outlet} in {e}"))
    };
    for outlet in 1..=OUTLETS as u64 {
        assert_eq!(row(outlet)["method"], json!("counter"), "{}", row(outlet));
    }
    // 4 s at 0.5 Wh/s, give or take a whole Wh at each edge and the commands' time.
    let wh = row(2)["wh"].as_f64().unwrap();
    assert!((1.0..=4.0).contains(&wh), "outlet 2: {wh} Wh in {e}");
    assert_eq!(row(1)["wh"].as_f64().unwrap(), 0.0, "{e}");
}

#[test]
fn an_agent_without_energy_objects_shows_power_only() {
    let rig = Rig::new(None);
    ok(rig.cmd(&["-d", "rack", "set", "relay/outlets/0/state", "true"]));
    let values = rig.meter_values("rack");
    assert_eq!(keys(&values), vec!["bus.257.power".to_string()], "{values}");
    assert_eq!(values["bus.257.power"]["quantity"], json!("power"));
}
