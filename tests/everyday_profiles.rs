//! Profiles for every protocol, as a new user writes them: `profile add` takes every key a
//! transport needs as a flag (global, so ad-hoc devices take them too), refuses an entry the
//! transport could not use, says what it wrote, and `profile list` shows ports. Messages
//! name an ad-hoc device's address once, hint at --tls for a TLS device reached over plain
//! HTTP, and say where a device can come from.

mod common;
use common::mosquitto::Broker;
use common::snmpd::Agent;
use common::*;
use serde_json::json;

fn profile_add(home: &Home, name: &str, args: &[&str]) -> assert_cmd::Command {
    let mut c = home.cmd();
    c.args(["profile", "add", name]).args(args);
    c
}

#[test]
fn an_mqtt_entry_needs_its_topic_root_and_then_works() {
    let broker = Broker::start("");
    let port = broker.port.to_string();
    let home = Home::new();
    let line = fails(
        profile_add(
            &home,
            "garage",
            &["--protocol", "mqtt", "--host", "127.0.0.1", "--port", &port],
        ),
        2,
        "topic_root",
    );
    assert!(!home.config_file().exists(), "nothing written: {line}");

    let published = std::process::Command::new("mosquitto_pub")
        .args(["-p", &port, "-t", "garage7/outlets/0", "-r", "-m", "1"])
        .status()
        .expect("mosquitto_pub is installed");
    assert!(published.success());
    let (code, _, stderr) = run(profile_add(
        &home,
        "garage",
        &[
            "--protocol",
            "mqtt",
            "--host",
            "127.0.0.1",
            "--port",
            &port,
            "--layout",
            "dli",
            "--topic-root",
            "garage7",
            "--cycle-delay",
            "2",
        ],
    ));
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("wrote device garage (mqtt, 127.0.0.1:"),
        "{stderr}"
    );
    let file = std::fs::read_to_string(home.config_file()).unwrap();
    for key in [
        "topic_root = \"garage7\"",
        "layout = \"dli\"",
        "cycle_delay = 2",
    ] {
        assert!(file.contains(key), "{key} in {file}");
    }
    let mut c = home.cmd();
    c.args(["-d", "garage", "get", "relay/outlets/0/state"]);
    assert_eq!(json(&ok(c)), json!(true));
}

/// snmpd with the tests' v3 users, serving a simulated DLI controller's MIB.
fn agent(home: &Home) -> (Sim, Agent) {
    let state = home.dir.path().join("dli-state.json");
    let web = Sim::dli(&["--outlets", "4", "--state-file", state.to_str().unwrap()]);
    home.ok_at(&web, &["set", "relay/sequence_delay", "0"]);
    (web, Agent::dli_mib(&state, 4))
}

#[test]
fn an_snmpv3_entry_is_checked_written_and_works() {
    let home = Home::new();
    let (_web, agent) = agent(&home);
    let port = agent.port.to_string();
    let base = ["--protocol", "snmp", "--host", "127.0.0.1", "--port", &port];
    fails(
        profile_add(
            &home,
            "rack",
            &[&base[..], &["--snmp-version", "3"]].concat(),
        ),
        2,
        "needs a user",
    );
    fails(
        profile_add(
            &home,
            "rack",
            &[
                &base[..],
                &[
                    "--snmp-version",
                    "3",
                    "--user",
                    "ops256",
                    "--priv-protocol",
                    "aes128",
                ],
            ]
            .concat(),
        ),
        2,
        "auth_protocol",
    );
    let v3 = [
        "--snmp-version",
        "3",
        "--user",
        "ops256",
        "--auth-protocol",
        "sha256",
        "--password-env",
        "AUTH",
        "--priv-protocol",
        "aes128",
        "--priv-password-env",
        "PRIV",
    ];
    ok(profile_add(&home, "rack", &[&base[..], &v3[..]].concat()));
    let file = std::fs::read_to_string(home.config_file()).unwrap();
    for key in [
        "snmp_version = \"3\"",
        "auth_protocol = \"sha256\"",
        "priv_protocol = \"aes128\"",
        "priv_password_env = \"PRIV\"",
    ] {
        assert!(file.contains(key), "{key} in {file}");
    }
    let read = |args: &[&str]| {
        let mut c = home.cmd();
        c.env("AUTH", "auth-pass-256")
            .env("PRIV", "priv-pass-128")
            .args(args)
            .args(["get", "relay/outlets/0/physical_state"]);
        json(&ok(c))
    };
    assert_eq!(read(&["-d", "rack"]), json!(false));
    // The same flags reach an ad-hoc device.
    let ad_hoc = [&base[..], &v3[..]].concat();
    assert_eq!(read(&ad_hoc), json!(false));
    // A bad value names the ones it takes.
    let mut c = home.cmd();
    c.args(["--snmp-version", "4", "get", "relay/name"]);
    let (code, _, stderr) = run(c);
    assert_eq!(code, 2);
    assert!(stderr.contains("[possible values: 1, 2c, 3]"), "{stderr}");
}

#[test]
fn profile_list_shows_ports_and_add_says_what_it_wrote() {
    let home = Home::new();
    let (code, _, stderr) = run(profile_add(&home, "lab", &["--host", "10.0.0.9:8080"]));
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        stderr.trim(),
        format!(
            "pductl: wrote device lab (dli-rest, 10.0.0.9:8080) to {}",
            home.config_file().display()
        )
    );
    let (code, _, stderr) = run({
        let mut c = profile_add(
            &home,
            "desk",
            &["--host", "10.0.0.10", "--protocol", "netio-json"],
        );
        c.arg("-q");
        c
    });
    assert_eq!(
        (code, stderr.as_str()),
        (0, ""),
        "-q writes nothing on stderr"
    );
    let mut c = home.cmd();
    c.args(["profile", "list"]);
    let list = json(&ok(c));
    assert_eq!(list[2]["port"], json!(8080), "{list}");
    let mut c = home.cmd();
    c.args(["profile", "list", "-o", "text"]);
    let text = ok(c);
    assert!(text.contains("lab: dli-rest 10.0.0.9:8080\n"), "{text}");
    assert!(text.contains("desk: netio-json 10.0.0.10\n"), "{text}");
}

#[test]
fn messages_name_an_address_once_and_hint_at_tls_and_where_devices_come_from() {
    let home = Home::new();
    let mut c = home.cmd();
    c.args([
        "--host",
        "127.0.0.1:1",
        "--retries",
        "0",
        "get",
        "relay/name",
    ]);
    let line = fails(c, 4, "127.0.0.1:1");
    assert!(!line.contains("(127.0.0.1:1)"), "{line}");

    let sim = Sim::dli(&["--tls"]);
    let mut c = home.at(&sim);
    c.args(["--retries", "0", "get", "relay/name"]);
    fails(c, 5, "add --tls");

    let mut c = home.cmd();
    c.args(["get", "relay/name"]);
    fails(c, 2, "PDUCTL_DEVICE");

    // The demo's loopback port is new every run: it is named alone.
    let mut c = home.cmd();
    c.env("WRONG", "not-it")
        .args(["-d", "demo", "--password-env", "WRONG", "get", "relay/name"]);
    let line = fails(c, 3, "demo rejected");
    assert!(!line.contains("127.0.0.1"), "{line}");
}
