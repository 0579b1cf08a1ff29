//! Bad input of every kind: one `error: ...` line on stderr, nothing on stdout, and the
//! documented exit code. Faults come from real sockets (a closed port, a stalling or
//! misbehaving simulator), never from a mock of our client.

mod common;
use common::*;

#[test]
fn refused_connection_is_unreachable() {
    // Bind and drop a listener to get a port nobody listens on.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let home = Home::new();
    let mut c = home.cmd();
    c.args([
        "--host",
        "127.0.0.1",
        "--port",
        &port.to_string(),
        "get",
        "relay/name",
    ]);
    fails(c, 4, "cannot connect to 127.0.0.1");
}

#[test]
fn unreachable_host_is_unreachable() {
    // 192.0.2.0/24 is TEST-NET-1: never routed. Depending on the network this fails at once
    // (no route) or when the timeout expires; both are exit 4.
    let home = Home::new();
    let mut c = home.cmd();
    c.args(["--host", "192.0.2.1", "--timeout", "1", "get", "relay/name"]);
    fails(c, 4, "192.0.2.1");
}

#[test]
fn unknown_host_name_is_unreachable() {
    let home = Home::new();
    let mut c = home.cmd();
    c.args([
        "--host",
        "no-such-pdu.invalid",
        "--timeout",
        "2",
        "get",
        "relay/name",
    ]);
    fails(c, 4, "no-such-pdu.invalid");
}

#[test]
fn a_stalling_device_times_out() {
    let sim = Sim::dli(&["--fault", "slow=5000"]);
    let home = Home::new();
    home.fails_at(
        &sim,
        &["--timeout", "0.5", "get", "relay/name"],
        4,
        "did not answer within 0.5s",
    );
}

#[test]
fn wrong_password_is_an_authentication_error() {
    let sim = Sim::dli(&[]);
    let home = Home::new();
    let mut c = home.at(&sim);
    c.env(PASSWORD_VAR, "not-the-password");
    c.args(["get", "relay/name"]);
    let line = fails(c, 3, "rejected the user name or password");
    assert!(!line.contains("not-the-password"));
}

#[test]
fn missing_password_is_an_authentication_error() {
    let sim = Sim::dli(&[]);
    let home = Home::new();
    let mut c = home.cmd();
    c.args([
        "--host",
        "127.0.0.1",
        "--port",
        sim.port(),
        "get",
        "relay/name",
    ]);
    fails(c, 3, "asks for a password (HTTP 401) and none was given");
}

#[test]
fn a_write_without_permission_is_denied() {
    let sim = Sim::dli(&["--outlets", "2"]);
    let home = Home::new();
    let mut c = home.at(&sim);
    c.args([
        "insert",
        "auth/users/-",
        r#"{"name":"op","password":"oppw","is_admin":false,"outlet_access":[true,false]}"#,
    ]);
    ok(c);
    let as_op = |args: &[&str]| {
        let mut c = home.cmd();
        c.args([
            "--host",
            "127.0.0.1",
            "--port",
            sim.port(),
            "--user",
            "op",
            "--password-env",
            "OPPW",
        ])
        .args(args)
        .env("OPPW", "oppw");
        c
    };
    // The operator may switch outlet 1 but not rename the controller or touch outlet 2.
    ok(as_op(&["set", "relay/outlets/0/state", "true"]));
    fails(as_op(&["set", "relay/name", "\"mine\""]), 3, "403");
    fails(
        as_op(&["set", "relay/outlets/1/state", "true"]),
        3,
        "no access to outlet 2",
    );
    fails(as_op(&["get", "auth/users"]), 3, "403");
}

#[test]
fn unknown_path_is_a_refusal() {
    let sim = Sim::dli(&[]);
    let home = Home::new();
    home.fails_at(
        &sim,
        &["get", "relay/outlets/99/state"],
        1,
        "has no /relay/outlets/99/state",
    );
    home.fails_at(&sim, &["set", "relay/no_such_field", "1"], 1, "404");
}

#[test]
fn locked_outlet_refuses_to_switch() {
    let sim = Sim::dli(&["--outlets", "2"]);
    let home = Home::new();
    home.ok_at(&sim, &["set", "relay/outlets/1/locked", "true"]);
    home.fails_at(
        &sim,
        &["invoke", "relay/outlets/1/cycle"],
        1,
        "outlet 2 is locked",
    );
}

#[test]
fn invalid_json_on_the_command_line_is_a_usage_error() {
    let home = Home::new();
    // The command line is checked before any device is looked up or contacted: the device
    // named here does not even exist.
    let mut c = home.cmd();
    c.args(["-d", "nosuch", "set", "relay/name", "{\"unclosed\":"]);
    fails(c, 2, "invalid JSON value");
    let mut c = home.cmd();
    c.args(["-d", "nosuch", "set", "relay/name", "My controller"]);
    fails(c, 2, "needs JSON quotes");
    let mut c = home.cmd();
    c.args(["-d", "nosuch", "get", "relay/outlets/all;oops"]);
    fails(c, 2, "bad path");
    let mut c = home.cmd();
    c.args([
        "-d",
        "nosuch",
        "invoke",
        "relay/set_outlet_transient_states",
        "[[0,true]",
    ]);
    fails(c, 2, "invalid JSON argument");
}

#[test]
fn unknown_device_is_a_usage_error() {
    let home = Home::new();
    let mut c = home.cmd();
    c.args(["-d", "nosuch", "get", "relay/name"]);
    fails(c, 2, "unknown device 'nosuch'");
    let mut c = home.cmd();
    c.args(["get", "relay/name"]);
    fails(c, 2, "no device given");
}

#[test]
fn broken_profile_file_names_file_and_line() {
    let home = Home::new();
    let file = home.write_profile("[devices.lab]\nhost = \"10.0.0.5\"\nport = 80\nuser = admin\n");
    let mut c = home.cmd();
    c.args(["-d", "lab", "get", "relay/name"]);
    let line = fails(c, 2, "config.toml:4");
    assert!(line.contains("invalid TOML"), "{line}");

    std::fs::write(
        &file,
        "[devices.lab]\nhost = \"10.0.0.5\"\n\nport = 99999\n",
    )
    .unwrap();
    let mut c = home.cmd();
    c.args(["-d", "lab", "get", "relay/name"]);
    fails(
        c,
        2,
        "config.toml:4: devices.lab.port must be a port number",
    );
}

#[test]
fn a_misbehaving_device_is_a_bad_response() {
    let cases = [
        ("garbage-body", "relay/name", "not JSON"),
        (
            "truncated-body",
            "relay",
            "closed the connection in the middle of a response",
        ),
        ("oversized-body", "relay", "larger than 8 MiB"),
        ("drop-connection", "relay/name", "hung up"),
    ];
    for (fault, path, message) in cases {
        let sim = Sim::dli(&["--fault", fault]);
        let home = Home::new();
        home.fails_at(&sim, &["get", path], 5, message);
    }
}

#[test]
fn a_self_signed_certificate_is_refused_unless_trusted_or_insecure() {
    let home = Home::new();
    let cert = home.dir.path().join("sim-cert.pem");
    let cert_arg = cert.display().to_string();
    let sim = Sim::dli(&["--tls", "--cert-out", &cert_arg]);
    home.fails_at(
        &sim,
        &["--tls", "get", "relay/name"],
        4,
        "cannot establish a trusted TLS connection",
    );

    assert_eq!(
        json(&home.ok_at(&sim, &["--tls", "--insecure", "get", "relay/name"])),
        serde_json::json!("DLI Controller")
    );

    assert_eq!(
        json(&home.ok_at(
            &sim,
            &["--tls", "--ca-file", &cert_arg, "get", "relay/name"]
        )),
        serde_json::json!("DLI Controller")
    );

    // The same through a profile's ca_file.
    home.write_profile(
        &format!(
            "[devices.secure]\nhost = \"127.0.0.1\"\nport = {}\ntls = true\nca_file = \"{}\"\npassword_env = \"{PASSWORD_VAR}\"\n",
            sim.port(),
            cert_arg
        ),
    );
    let mut c = home.cmd();
    c.args(["-d", "secure", "get", "relay/name"])
        .env(PASSWORD_VAR, "1234");
    assert_eq!(json(&ok(c)), serde_json::json!("DLI Controller"));
}

#[test]
fn a_missing_ca_file_is_a_usage_error() {
    let home = Home::new();
    let mut c = home.cmd();
    c.args([
        "--host",
        "127.0.0.1",
        "--tls",
        "--ca-file",
        "/nonexistent/ca.pem",
        "get",
        "relay/name",
    ]);
    fails(c, 2, "cannot read CA file");
}

#[test]
fn bad_command_line_is_exit_2() {
    let home = Home::new();
    let mut c = home.cmd();
    c.args(["get"]);
    let (code, _, _) = run(c);
    assert_eq!(code, 2);
    let mut c = home.cmd();
    c.args(["frobnicate"]);
    let (code, _, _) = run(c);
    assert_eq!(code, 2);
}
