//! Every uom verb, end to end: the built `pductl` against `pductl sim dli` over loopback.

mod common;
use common::*;
use serde_json::json;

#[test]
fn get_reads_scalars_objects_and_matrix_selections() {
    let sim = Sim::dli(&["--outlets", "4"]);
    let home = Home::new();
    assert_eq!(
        home.ok_at(&sim, &["get", "relay/outlets/0/state"]).trim(),
        "false"
    );

    let outlets = json(&home.ok_at(&sim, &["get", "/relay/outlets/"]));
    assert_eq!(outlets.as_array().unwrap().len(), 4);
    assert_eq!(outlets[2]["name"], json!("Outlet 3"));

    // Matrix: element-major flat array, as a real unit's 207 answer.
    let mut c = home.at(&sim);
    c.args(["get", "relay/outlets/all;/=name,physical_state"]);
    assert_eq!(
        json(&ok(c)),
        json!(["Outlet 1", false, "Outlet 2", false, "Outlet 3", false, "Outlet 4", false])
    );
    assert_eq!(
        json(&home.ok_at(&sim, &["get", "relay/outlets/=0,3/name"])),
        json!(["Outlet 1", "Outlet 4"])
    );
}

#[test]
fn piped_json_is_one_line_and_formats_can_be_chosen() {
    let sim = Sim::dli(&["--outlets", "2"]);
    let home = Home::new();
    assert_eq!(
        home.ok_at(&sim, &["get", "relay/outlets"]).lines().count(),
        1
    );

    assert_eq!(
        home.ok_at(&sim, &["-o", "text", "get", "relay/outlets/all;/name"]),
        "Outlet 1\nOutlet 2\n"
    );

    let table = home.ok_at(&sim, &["-o", "table", "get", "relay/outlets"]);
    assert!(
        table.contains("physical_state") && table.contains("Outlet 2"),
        "{table}"
    );
}

#[test]
fn set_switches_an_outlet_and_renames_the_controller() {
    let sim = Sim::dli(&["--outlets", "4"]);
    let home = Home::new();
    assert_eq!(
        home.ok_at(&sim, &["set", "relay/outlets/2/state", "true"]),
        "",
        "set prints nothing"
    );
    let outlet = json(&home.ok_at(&sim, &["get", "relay/outlets/2"]));
    assert_eq!(outlet["state"], json!(true));
    assert_eq!(outlet["physical_state"], json!(true));

    home.ok_at(&sim, &["set", "relay/name", "\"Rack 4 PDU\""]);
    assert_eq!(
        json(&home.ok_at(&sim, &["get", "relay/name"])),
        json!("Rack 4 PDU")
    );
}

#[test]
fn an_outlet_read_with_get_can_be_written_back_with_a_change() {
    let sim = Sim::dli(&["--outlets", "2"]);
    let home = Home::new();
    let mut outlet = json(&home.ok_at(&sim, &["get", "relay/outlets/1"]));
    outlet["name"] = json!("DUT power");
    outlet["state"] = json!(true);
    home.ok_at(&sim, &["set", "relay/outlets/1", &outlet.to_string()]);
    assert_eq!(
        json(&home.ok_at(&sim, &["get", "relay/outlets/1/=name,physical_state"])),
        json!(["DUT power", true])
    );
    // Changing a read-only field is still refused.
    outlet["physical_state"] = json!(false);
    home.fails_at(
        &sim,
        &["set", "relay/outlets/1", &outlet.to_string()],
        1,
        "read-only",
    );
}

#[test]
fn set_through_a_selector_switches_every_selected_outlet() {
    let sim = Sim::dli(&["--outlets", "6"]);
    let home = Home::new();
    home.ok_at(&sim, &["set", "relay/outlets/=1,4/transient_state", "true"]);
    let mut c = home.at(&sim);
    c.args(["get", "relay/outlets/all;/transient_state"]);
    assert_eq!(
        json(&ok(c)),
        json!([false, true, false, false, true, false])
    );
}

#[test]
fn insert_and_remove_work_on_collections() {
    let sim = Sim::dli(&[]);
    let home = Home::new();
    let link = |href: &str| format!("{{\"href\":\"{href}\",\"description\":\"{href}\"}}");
    home.ok_at(&sim, &["insert", "config/links/-", &link("http://b/")]);
    home.ok_at(&sim, &["insert", "config/links/0", &link("http://a/")]);
    let hrefs = |home: &Home| json(&home.ok_at(&sim, &["get", "config/links/all;/href"]));
    assert_eq!(
        hrefs(&home),
        json!(["http://a/", "https://www.digital-loggers.com/", "http://b/"])
    );
    home.ok_at(&sim, &["remove", "config/links/-"]);
    home.ok_at(&sim, &["remove", "config/links/0"]);
    assert_eq!(hrefs(&home), json!(["https://www.digital-loggers.com/"]));
}

#[test]
fn invoke_cycles_an_outlet_with_physical_state_lagging() {
    let sim = Sim::dli(&["--outlets", "2"]);
    let home = Home::new();
    for (path, value) in [
        ("relay/outlets/0/cycle_delay", "1"),
        ("relay/outlets/0/state", "true"),
    ] {
        home.ok_at(&sim, &["set", path, value]);
    }
    home.ok_at(&sim, &["invoke", "relay/outlets/0/cycle"]);
    assert_eq!(
        json(&home.ok_at(
            &sim,
            &["get", "relay/outlets/0/=transient_state,physical_state"]
        )),
        json!([true, false]),
        "off during the cycle"
    );
    let back_on = eventually(5.0, || {
        home.ok_at(&sim, &["get", "relay/outlets/0/physical_state"])
            .trim()
            == "true"
    });
    assert!(back_on, "the outlet comes back on after cycle_delay");
}

#[test]
fn invoke_passes_each_argument_as_one_json_value() {
    let sim = Sim::dli(&["--outlets", "4"]);
    let home = Home::new();
    let mut c = home.at(&sim);
    c.args([
        "invoke",
        "relay/set_outlet_transient_states",
        "[[0,true],[3,true]]",
    ]);
    ok(c);
    assert_eq!(
        json(&home.ok_at(&sim, &["get", "relay/outlets/all;/transient_state"])),
        json!([true, false, false, true])
    );

    // A bad argument list is the device's refusal (409), exit 1.
    home.fails_at(
        &sim,
        &["invoke", "relay/set_outlet_transient_states", "nonsense"],
        1,
        "409",
    );
}

#[test]
fn describe_keys_and_dump() {
    let sim = Sim::dli(&["--outlets", "2"]);
    let home = Home::new();
    let d = json(&home.ok_at(&sim, &["describe", "relay/outlets/0/physical_state"]));
    assert_eq!(d["type"], json!("boolean"));
    assert_eq!(d["access"], json!("read-only"));

    assert_eq!(
        json(&home.ok_at(&sim, &["keys", "relay/outlets"])),
        json!([0, 1])
    );
    let keys = json(&home.ok_at(&sim, &["keys", "relay/outlets/1"]));
    assert!(
        keys.as_array().unwrap().contains(&json!("physical_state")),
        "{keys}"
    );
    home.fails_at(
        &sim,
        &["keys", "relay/name"],
        1,
        "only objects and arrays have keys",
    );

    let dump = home.ok_at(&sim, &["dump", "relay/outlets"]);
    assert!(
        dump.contains("/relay/outlets/1/name = \"Outlet 2\""),
        "{dump}"
    );
    assert!(
        dump.contains("/relay/outlets/0/cycle_delay = null"),
        "{dump}"
    );
}

#[test]
fn dump_marks_what_a_restricted_user_cannot_read() {
    let sim = Sim::dli(&["--outlets", "2"]);
    let home = Home::new();
    let mut c = home.at(&sim);
    c.args([
        "insert",
        "auth/users/-",
        r#"{"name":"guest","password":"guestpw","is_admin":false,"outlet_access":[true,false]}"#,
    ]);
    ok(c);
    let mut c = home.cmd();
    c.args([
        "--host",
        "127.0.0.1",
        "--port",
        sim.port(),
        "--user",
        "guest",
        "--password-env",
        "GPW",
        "dump",
        "/",
    ])
    .env("GPW", "guestpw");
    let dump = ok(c);
    assert!(
        dump.contains("/auth = <read failed: permission denied>"),
        "{dump}"
    );
    assert!(
        dump.contains("/relay/outlets/0/name = \"Outlet 1\""),
        "{dump}"
    );
    assert!(dump.contains("/cred/name = \"guest\""), "{dump}");
}

#[test]
fn subscribe_prints_the_value_then_each_change() {
    let sim = Sim::dli(&["--outlets", "2"]);
    let home = Home::new();
    let mut sub = std::process::Command::new(BIN);
    sub.args([
        "--host",
        "127.0.0.1",
        "--port",
        sim.port(),
        "--password-env",
        PASSWORD_VAR,
    ])
    .args([
        "subscribe",
        "relay/outlets/1",
        "--interval",
        "0.1",
        "--count",
        "3",
    ])
    .env(PASSWORD_VAR, "1234")
    .env("RUST_BACKTRACE", "0")
    .stdout(std::process::Stdio::piped());
    let child = sub.spawn().unwrap();
    std::thread::sleep(std::time::Duration::from_millis(500));
    home.ok_at(&sim, &["set", "relay/outlets/1/state", "true"]);
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(json)
        .collect();
    assert_eq!(lines[0]["path"], json!("/relay/outlets/1"));
    assert_eq!(lines[0]["value"]["state"], json!(false));
    let changed: Vec<(String, serde_json::Value)> = lines[1..]
        .iter()
        .map(|l| (l["path"].as_str().unwrap().to_string(), l["value"].clone()))
        .collect();
    assert_eq!(changed.len(), 3, "{changed:?}");
    for field in ["state", "transient_state", "physical_state"] {
        assert!(
            changed.contains(&(format!("/relay/outlets/1/{field}"), json!(true))),
            "{field} change missing: {changed:?}"
        );
    }
}

#[test]
fn subscribe_ends_with_an_error_when_the_object_is_gone() {
    let sim = Sim::dli(&[]);
    let home = Home::new();
    home.ok_at(
        &sim,
        &[
            "insert",
            "config/links/-",
            r#"{"href":"x","description":"y"}"#,
        ],
    );
    let mut sub = std::process::Command::new(BIN);
    sub.args([
        "--host",
        "127.0.0.1",
        "--port",
        sim.port(),
        "--password-env",
        PASSWORD_VAR,
    ])
    .args(["subscribe", "config/links/1", "--interval", "0.1"])
    .env(PASSWORD_VAR, "1234")
    .env("RUST_BACKTRACE", "0")
    .stdout(std::process::Stdio::piped())
    .stderr(std::process::Stdio::piped());
    let child = sub.spawn().unwrap();
    std::thread::sleep(std::time::Duration::from_millis(400));
    home.ok_at(&sim, &["remove", "config/links/1"]);
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.trim().starts_with("error: ") && stderr.contains("gone"),
        "{stderr}"
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 1);
}

#[test]
fn basic_auth_only_when_the_device_allows_plaintext_logins() {
    let sim = Sim::dli(&[]);
    let home = Home::new();
    home.fails_at(&sim, &["--auth", "basic", "get", "relay/name"], 3, "401");
    home.ok_at(&sim, &["set", "config/allow_plaintext_logins", "true"]);
    assert_eq!(
        json(&home.ok_at(&sim, &["--auth", "basic", "get", "relay/name"])),
        json!("DLI Controller")
    );
}

#[test]
fn verbose_traces_requests_without_the_password() {
    let sim = Sim::dli(&[]);
    let home = Home::new();
    let mut c = home.at(&sim);
    c.env(PASSWORD_VAR, "s3cr3t-pw");
    c.args(["-v", "get", "relay/name"]);
    let (code, _, stderr) = run(c);
    assert_eq!(code, 3);
    assert!(
        stderr.contains("GET /restapi/relay/name/ -> 401"),
        "{stderr}"
    );
    assert!(!stderr.contains("s3cr3t"), "{stderr}");
}

/// Sends SIGINT, as Ctrl-C does (through the shell's builtin kill: no procps needed).
#[cfg(unix)]
fn interrupt(pid: u32) -> std::process::ExitStatus {
    std::process::Command::new("sh")
        .args(["-c", &format!("kill -INT {pid}")])
        .status()
        .unwrap()
}

#[cfg(unix)]
#[test]
fn interrupting_subscribe_exits_130_and_a_simulator_stops_cleanly() {
    let sim = Sim::dli(&[]);
    let child = std::process::Command::new(BIN)
        .args([
            "--host",
            "127.0.0.1",
            "--port",
            sim.port(),
            "--password-env",
            PASSWORD_VAR,
        ])
        .args(["subscribe", "relay/name", "--interval", "0.1"])
        .env(PASSWORD_VAR, "1234")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(500));
    let status = interrupt(child.id());
    assert!(status.success());
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(130));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr).trim(),
        "error: interrupted"
    );
    assert_eq!(
        json(&String::from_utf8_lossy(&out.stdout))["value"],
        json!("DLI Controller")
    );

    let mut sim = std::process::Command::new(BIN)
        .args(["sim", "dli"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    let mut reader = std::io::BufReader::new(sim.stdout.take().unwrap());
    std::io::BufRead::read_line(&mut reader, &mut line).unwrap();
    assert!(interrupt(sim.id()).success());
    let out = sim.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}

#[test]
fn large_selections_with_over_a_hundred_link_headers_are_read() {
    // A 207 answer carries one Link header per selected resource (dli.md 2.7); 64 outlets
    // times two fields is 128 of them, past the 100 many HTTP clients accept by default.
    let sim = Sim::dli(&["--outlets", "64"]);
    let home = Home::new();
    let values = json(&home.ok_at(&sim, &["get", "relay/outlets/all;/=name,physical_state"]));
    assert_eq!(values.as_array().unwrap().len(), 128);
    assert_eq!(values[126], json!("Outlet 64"));
}
