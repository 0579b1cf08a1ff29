//! NETIO over the JSON API, end to end: the built `pductl` against `pductl sim netio` for a
//! metering (NETIO 4All) and a non-metering (NETIO 4) model, over loopback.

mod common;
use common::*;
use serde_json::{json, Value};

/// `pductl --protocol netio-json` at a NETIO simulator, with the default netio/netio login.
fn at(home: &Home, sim: &Sim) -> assert_cmd::Command {
    home.netio_at(sim.port())
}

fn netio(args: &[&str]) -> Sim {
    Sim::start("netio", args)
}

#[test]
fn get_maps_outputs_and_metering_of_a_metering_model() {
    let sim = netio(&["--model", "netio-4all"]);
    let home = Home::new();
    let mut c = at(&home, &sim);
    c.args(["get", "relay"]);
    let relay = json(&ok(c));
    assert_eq!(relay["model"], json!("NETIO 4All"));
    let outlets = relay["outlets"].as_array().unwrap();
    assert_eq!(outlets.len(), 4);
    assert_eq!(
        outlets[0],
        json!({"name": "output_1", "state": false, "transient_state": false, "physical_state": false, "cycle_delay": 5.0})
    );

    let mut c = at(&home, &sim);
    c.args(["set", "relay/outlets/2/state", "true"]);
    ok(c);
    let mut c = at(&home, &sim);
    c.args(["get", "meter/values"]);
    let values = json(&ok(c));
    let voltage = &values["voltage"];
    assert_eq!(
        (voltage["unit"].clone(), voltage["quantity"].clone()),
        (json!("V"), json!("voltage"))
    );
    let v = voltage["value"].as_f64().unwrap();
    assert!((220.0..240.0).contains(&v), "{v}");
    assert_eq!(values["frequency"]["unit"], json!("Hz"));
    // Output 3 is on and draws current, reported in amperes (the device says mA).
    let amps = values["outlets.2.current"]["value"].as_f64().unwrap();
    assert!((0.1..1.0).contains(&amps), "{amps}");
    assert_eq!(values["outlets.2.current"]["unit"], json!("A"));
    assert_eq!(values["outlets.2.power"]["unit"], json!("W"));
    assert_eq!(values["outlets.2.energy"]["unit"], json!("Wh"));
    assert_eq!(values["outlets.0.current"]["value"], json!(0.0));

    // The raw document, unchanged, under /netio/.
    let mut c = at(&home, &sim);
    c.args(["get", "netio/Outputs/2/Current"]);
    let milliamps = json(&ok(c)).as_f64().unwrap();
    assert!((milliamps / 1000.0 - amps).abs() < 0.05);
    let mut c = at(&home, &sim);
    c.args(["get", "netio/Agent/JSONVer"]);
    assert_eq!(json(&ok(c)), json!("2.1"));
}

#[test]
fn a_model_without_metering_has_no_meter_values() {
    let sim = netio(&["--model", "netio-4"]);
    let home = Home::new();
    let mut c = at(&home, &sim);
    c.args(["get", "meter/values"]);
    assert_eq!(json(&ok(c)), json!({}));
    let mut c = at(&home, &sim);
    c.args(["get", "meter/values/voltage"]);
    fails(c, 1, "no /meter/values/voltage");
    let mut c = at(&home, &sim);
    c.args(["keys", "relay/outlets/3"]);
    assert_eq!(
        json(&ok(c)),
        json!([
            "name",
            "state",
            "transient_state",
            "physical_state",
            "cycle_delay"
        ])
    );
    let mut c = at(&home, &sim);
    c.args(["set", "relay/outlets/3/state", "true"]);
    ok(c);
    let mut c = at(&home, &sim);
    c.args(["get", "relay/outlets/3/physical_state"]);
    assert_eq!(json(&ok(c)), json!(true));
}

#[test]
fn a_selection_is_switched_in_one_post() {
    let sim = netio(&["--model", "powerpdu-8qs"]);
    let home = Home::new();
    let mut c = at(&home, &sim);
    c.args(["-v", "set", "relay/outlets/=0,2,7/state", "true"]);
    let (code, _, stderr) = run(c);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stderr.matches("POST /netio.json").count(), 1, "{stderr}");
    let mut c = at(&home, &sim);
    c.args(["get", "relay/outlets/all;/state"]);
    assert_eq!(
        json(&ok(c)),
        json!([true, false, true, false, false, false, false, true])
    );

    let mut c = at(&home, &sim);
    c.args(["-v", "set", "relay/outlets/all;/state", "false"]);
    let (code, _, stderr) = run(c);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stderr.matches("POST /netio.json").count(), 1, "{stderr}");
    let mut c = at(&home, &sim);
    c.args(["get", "relay/outlets/all;/state"]);
    assert_eq!(json(&ok(c)), json!(vec![false; 8]));
}

#[test]
fn cycle_pulse_and_toggle() {
    let sim = netio(&["--model", "netio-4"]);
    let home = Home::new();
    let state = |i: usize| {
        let mut c = at(&home, &sim);
        c.args(["get", &format!("relay/outlets/{i}/state")]);
        json(&ok(c))
    };
    let mut c = at(&home, &sim);
    c.args(["set", "relay/outlets/0/state", "true"]);
    ok(c);
    // Short off for half a second: off now, back on after.
    let mut c = at(&home, &sim);
    c.args(["invoke", "relay/outlets/0/cycle", "0.5"]);
    assert_eq!(ok(c), "");
    assert_eq!(state(0), json!(false));
    assert!(
        eventually(3.0, || state(0) == json!(true)),
        "back on after the delay"
    );

    // Short on: on now, off after.
    let mut c = at(&home, &sim);
    c.args(["invoke", "relay/outlets/1/pulse", "0.5"]);
    ok(c);
    assert_eq!(state(1), json!(true));
    assert!(
        eventually(3.0, || state(1) == json!(false)),
        "off again after the delay"
    );

    let mut c = at(&home, &sim);
    c.args(["invoke", "relay/outlets/=2,3/toggle"]);
    ok(c);
    assert_eq!((state(2), state(3)), (json!(true), json!(true)));
    let mut c = at(&home, &sim);
    c.args(["invoke", "relay/outlets/2/toggle"]);
    ok(c);
    assert_eq!(state(2), json!(false));

    let mut c = at(&home, &sim);
    c.args(["invoke", "relay/outlets/0/cycle", "0"]);
    fails(c, 2, "seconds");
}

#[test]
fn writes_the_device_cannot_do_are_unsupported() {
    let sim = netio(&[]);
    let home = Home::new();
    let cases: [&[&str]; 7] = [
        &["set", "relay/outlets/0/name", "\"lamp\""],
        &["set", "relay/name", "\"rack\""],
        &["set", "meter/values/voltage/value", "1"],
        &["set", "netio/Agent/DeviceName", "\"x\""],
        &["insert", "relay/outlets/-", "{}"],
        &["remove", "relay/outlets/0"],
        &["invoke", "relay/outlets/0/reboot"],
    ];
    for args in cases {
        let mut c = at(&home, &sim);
        c.args(args);
        fails(c, 8, "not supported by netio-json");
    }
    let mut c = at(&home, &sim);
    c.args(["describe", "relay/outlets/0/state"]);
    fails(c, 8, "netio-json");
    let mut c = at(&home, &sim);
    c.args(["set", "relay/outlets/0/state", "1"]);
    fails(c, 2, "true or false");
}

#[test]
fn unknown_outlet_names_the_valid_range() {
    let sim = netio(&["--model", "netio-4"]);
    let home = Home::new();
    let mut c = at(&home, &sim);
    c.args(["set", "relay/outlets/4/state", "true"]);
    fails(c, 1, "outputs 1-4 (outlets 0-3)");
    let mut c = at(&home, &sim);
    c.args(["get", "relay/outlets/9/name"]);
    fails(c, 1, "there is no outlet 9");
}

#[test]
fn a_silently_rejected_command_is_not_success() {
    let sim = netio(&["--fault", "silent-reject"]);
    let home = Home::new();
    let mut c = at(&home, &sim);
    c.args(["set", "relay/outlets/1/state", "true"]);
    fails(
        c,
        1,
        "output 2 (outlet 1) is off: the device did not carry out the command",
    );
    // (A short off of an output that is already off reads the same whether or not the
    // device acted, so toggle and pulse are the calls whose refusal shows.)
    for call in ["toggle", "pulse"] {
        let mut c = at(&home, &sim);
        c.args(["invoke", &format!("relay/outlets/1/{call}")]);
        fails(c, 1, "did not carry out");
    }
}

#[test]
fn read_only_and_read_write_accounts() {
    let sim = netio(&[
        "--read-user",
        "monitor",
        "--read-password",
        "ropw",
        "--user",
        "admin",
        "--password",
        "rwpw",
    ]);
    let home = Home::new();
    let as_monitor = |args: &[&str]| {
        let mut c = at(&home, &sim);
        c.args(["--user", "monitor", "--password-env", "RO"])
            .args(args)
            .env("RO", "ropw");
        c
    };
    let body = ok(as_monitor(&["get", "relay/outlets/0/state"]));
    assert_eq!(json(&body), json!(false));
    fails(
        as_monitor(&["set", "relay/outlets/0/state", "true"]),
        3,
        "read-only account cannot switch outputs",
    );
    // With the write account named, reads stay on the monitor account and writes work.
    let mut c = as_monitor(&[
        "--write-user",
        "admin",
        "--write-password-env",
        "RW",
        "set",
        "relay/outlets/0/state",
        "true",
    ]);
    c.env("RW", "rwpw");
    ok(c);
    let mut c = as_monitor(&[
        "--write-user",
        "admin",
        "--write-password-env",
        "RW",
        "invoke",
        "relay/outlets/0/toggle",
    ]);
    c.env("RW", "wrong");
    fails(c, 3, "write account 'admin'");

    // The same through the profile file.
    home.write_profile(
        &format!(
            "[devices.sock]\nprotocol = \"netio-json\"\nhost = \"127.0.0.1\"\nport = {}\n\
             user = \"monitor\"\npassword_env = \"RO\"\nwrite_user = \"admin\"\nwrite_password_env = \"RW\"\n",
            sim.port()
        ),
    );
    let mut c = home.cmd();
    c.args(["-d", "sock", "set", "relay/outlets/0/state", "false"])
        .env("RO", "ropw")
        .env("RW", "rwpw");
    ok(c);
    let mut c = home.cmd();
    c.args(["profile", "show", "sock"]);
    let shown = json(&ok(c));
    assert_eq!(shown["write_user"], json!("admin"));
    assert_eq!(shown["write_password"], json!("environment variable RW"));
}

#[test]
fn wrong_password_and_error_bodies_that_are_not_json() {
    let sim = netio(&[]);
    let home = Home::new();
    let mut c = at(&home, &sim);
    c.args(["--password-env", "PW", "get", "relay/name"])
        .env("PW", "wrong");
    fails(c, 3, "HTTP 401");
}

#[test]
fn an_empty_user_means_no_authentication() {
    let sim = netio(&["--user", ""]);
    let home = Home::new();
    let mut c = at(&home, &sim);
    c.args([
        "--password-env",
        "PW",
        "set",
        "relay/outlets/0/state",
        "true",
    ])
    .env("PW", "anything");
    ok(c);
}

#[test]
fn nr_counters_map_to_one_key_whatever_their_spelling() {
    for spelling in ["plain", "underscore"] {
        let sim = netio(&["--model", "powerdin-4pz", "--nr-spelling", spelling]);
        let home = Home::new();
        let mut c = at(&home, &sim);
        c.args(["get", "meter/values/outlets.1.energy_nr/unit"]);
        assert_eq!(json(&ok(c)), json!("Wh"), "{spelling}");
        let mut c = at(&home, &sim);
        c.args(["get", "meter/values/energy_nr/value"]);
        assert!(json(&ok(c)).is_number(), "{spelling}");
        // Only outputs 1 and 2 of a PowerDIN 4PZ measure.
        let mut c = at(&home, &sim);
        c.args(["keys", "meter/values"]);
        let keys = json(&ok(c));
        assert!(
            !keys
                .as_array()
                .unwrap()
                .iter()
                .any(|k| k.as_str().unwrap().starts_with("outlets.2.")),
            "{keys}"
        );
    }
}

#[test]
fn https_with_a_self_signed_certificate_needs_trust() {
    let home = Home::new();
    let cert = home.dir.path().join("netio.pem");
    let cert_arg = cert.display().to_string();
    let sim = netio(&["--tls", "--cert-out", &cert_arg]);
    let mut c = at(&home, &sim);
    c.args(["--tls", "get", "relay/name"]);
    fails(c, 4, "--insecure");
    let mut c = at(&home, &sim);
    c.args(["--tls", "--insecure", "get", "relay/name"]);
    ok(c);
    let mut c = at(&home, &sim);
    c.args(["--tls", "--ca-file", &cert_arg, "get", "relay/name"]);
    ok(c);
}

#[test]
fn garbage_and_stalls_from_a_netio_device() {
    let sim = netio(&["--fault", "garbage-body"]);
    let home = Home::new();
    let mut c = at(&home, &sim);
    c.args(["get", "relay/name"]);
    fails(c, 5, "not JSON");
    let sim = netio(&["--fault", "slow=3000"]);
    let mut c = at(&home, &sim);
    c.args(["--timeout", "0.5", "get", "relay/name"]);
    fails(c, 4, "did not answer within 0.5s");
}

#[test]
fn subscribe_and_dump_work_on_netio() {
    let sim = netio(&["--model", "netio-4"]);
    let home = Home::new();
    let mut c = at(&home, &sim);
    c.args(["dump", "relay/outlets/1"]);
    assert!(ok(c).contains("/relay/outlets/1/name = \"output_2\""));
    let child = std::process::Command::new(BIN)
        .args([
            "--protocol",
            "netio-json",
            "--host",
            "127.0.0.1",
            "--port",
            sim.port(),
        ])
        .args([
            "subscribe",
            "relay/outlets/1/state",
            "--interval",
            "0.1",
            "--count",
            "1",
        ])
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(400));
    let mut c = at(&home, &sim);
    c.args(["set", "relay/outlets/1/state", "true"]);
    ok(c);
    let out = child.wait_with_output().unwrap();
    let lines: Vec<Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(json)
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(
        lines[1],
        json!({"path": "/relay/outlets/1/state", "value": true})
    );
}

#[test]
fn demo_netio_works_without_setup() {
    let home = Home::new();
    let mut c = home.cmd();
    c.args(["-d", "demo-netio", "set", "relay/outlets/3/state", "true"]);
    ok(c);
    let mut c = home.cmd();
    c.args(["-d", "demo-netio", "get", "relay/outlets/all;/state"]);
    assert_eq!(json(&ok(c)), json!([false, false, false, true]));
}

/// The same script of everyday paths, unchanged, against a DLI and a NETIO device.
#[test]
fn the_same_script_works_on_dli_and_netio() {
    let dli = Sim::dli(&["--outlets", "4"]);
    let netio_sim = netio(&["--model", "netio-4all"]);
    let home = Home::new();
    home.write_profile(&format!(
        "[devices.dli]\nhost = \"127.0.0.1\"\nport = {}\npassword_env = \"{PASSWORD_VAR}\"\n\n\
             [devices.netio]\nprotocol = \"netio-json\"\nhost = \"127.0.0.1\"\nport = {}\n",
        dli.port(),
        netio_sim.port()
    ));
    for device in ["dli", "netio"] {
        let step = |args: &[&str]| {
            let mut c = home.cmd();
            c.args(["-d", device]).args(args).env(PASSWORD_VAR, "1234");
            ok(c)
        };
        assert_eq!(
            step(&["get", "relay/outlets/0/state"]).trim(),
            "false",
            "{device}"
        );
        step(&["set", "relay/outlets/0/state", "true"]);
        assert_eq!(
            step(&["get", "relay/outlets/0/physical_state"]).trim(),
            "true",
            "{device}"
        );
        step(&["invoke", "relay/outlets/0/cycle"]);
        assert_eq!(
            step(&["get", "relay/outlets/0/physical_state"]).trim(),
            "false",
            "{device}: off during the cycle"
        );
        assert_eq!(
            json(&step(&["get", "relay/outlets/all;/name"]))
                .as_array()
                .unwrap()
                .len(),
            4,
            "{device}"
        );
        step(&["set", "relay/outlets/0/state", "false"]);
        assert_eq!(
            step(&["get", "relay/outlets/0/state"]).trim(),
            "false",
            "{device}"
        );
    }
}
