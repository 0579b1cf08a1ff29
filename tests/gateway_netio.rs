//! `pductl serve --api netio-json`: any device pductl reaches, presented as a NETIO socket.
//! NETIO's own Python client (`Netio`, in the test venv) and curl drive the gateway; what
//! they did is checked at the device behind it, from the device's side: net-snmp's snmpget
//! for an APC PDU under snmpd, `pductl` straight at a simulated DLI controller.

mod common;
use common::gateway::{
    netio_driver_device, serve, serve_with_env, Served, SERVE_PASSWORD, SERVE_PASSWORD_VAR,
};
use common::snmpd::{snmp, Agent};
use common::*;
use serde_json::{json, Value};
use std::io::Write;
use std::process::Command;

/// curl `args`; returns (status, body).
fn curl(args: &[&str]) -> (u16, String) {
    let out = Command::new("curl")
        .args(["-sS", "--max-time", "60", "-w", "\n%{http_code}"])
        .args(args)
        .output()
        .expect("curl is installed (scripts/test.sh installs it)");
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let (body, code) = text.rsplit_once('\n').unwrap_or(("", "0"));
    (code.trim().parse().unwrap_or(0), body.to_string())
}

/// The gateway's login for curl.
fn login() -> String {
    format!("netio:{SERVE_PASSWORD}")
}

/// `pductl serve --api netio-json -d DEVICE`, clients logging in as netio/SERVE_PASSWORD.
fn gateway(home: &Home, device: &str) -> (Served, String) {
    serve(
        home,
        &[
            "--api",
            "netio-json",
            "-d",
            device,
            "--serve-password-env",
            SERVE_PASSWORD_VAR,
        ],
    )
}

/// A home whose profile names each simulated DLI controller (`a`, `b`, ...), with the
/// default admin login (password from `PASSWORD_VAR`, which `serve` sets to 1234), and
/// `extra` lines.
fn dli_home(sims: &[(&str, &Sim)], extra: &str) -> Home {
    let home = Home::new();
    let mut profile = String::new();
    for (name, sim) in sims {
        profile.push_str(&format!(
            "[devices.{name}]\nhost = \"127.0.0.1\"\nport = {}\npassword_env = \"{PASSWORD_VAR}\"\n\
             timeout = 3\n",
            sim.port()
        ));
    }
    profile.push_str(extra);
    home.write_profile(&profile);
    home
}

/// POSTs a control document to the gateway; (status, body).
fn post(addr: &str, body: &str) -> (u16, String) {
    curl(&[
        "-u",
        &login(),
        "--data",
        body,
        &format!("http://{addr}/netio.json"),
    ])
}

fn get(addr: &str) -> Value {
    let (code, body) = curl(&["-u", &login(), &format!("http://{addr}/netio.json")]);
    assert_eq!(code, 200, "{body}");
    json(&body)
}

fn states(doc: &Value) -> Vec<u64> {
    doc["Outputs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["State"].as_u64().unwrap())
        .collect()
}

/// NETIO's Python client, run with `script` after a prelude that connects `dev` to the
/// gateway at `addr` with `password`; returns its stdout (it must succeed).
fn netio_client(python: &str, addr: &str, password: &str, script: &str) -> String {
    let prelude = r#"
import json, sys
from Netio import Netio
from Netio.exceptions import AuthError, CommunicationError, UnknownOutputId
dev = Netio(sys.argv[1], auth_rw=("netio", sys.argv[2]), timeout=60)
def outputs():
    return [dict(ID=o.ID, Name=o.Name, State=o.State, Action=int(o.Action), Delay=o.Delay,
                 Load=o.Load, Current=o.Current) for o in dev.get_outputs()]
"#;
    let out = Command::new(python)
        .arg("-c")
        .arg(format!("{prelude}\n{script}"))
        .arg(format!("http://{addr}/netio.json"))
        .arg(password)
        .output()
        .expect("run the test venv's python");
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "Netio client failed: {stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    stdout
}

/// One object's value, as net-snmp's snmpget reads it.
fn snmp_value(agent: &Agent, oid: &str) -> String {
    let (ok, out) = snmp(agent, &["snmpget", "-v2c", "-c", "public"], &[oid]);
    assert!(ok, "{out}");
    out.split_whitespace().nth(1).unwrap_or("").to_string()
}

/// NETIO's client in front of an APC rack PDU (rPDU2, 24 metered outlets) under a real
/// snmpd: what it reads is the PDU's, metering in NETIO's units, and what it switches is
/// switched at the PDU.
#[test]
fn netios_client_drives_an_apc_pdu_through_the_gateway() {
    let Some(python) = test_python("Netio") else {
        return;
    };
    const STATUS: &str = "1.3.6.1.4.1.318.1.1.26.9.2.3.1.5";
    const CURRENT: &str = "1.3.6.1.4.1.318.1.1.26.9.4.3.1.6";
    const POWER: &str = "1.3.6.1.4.1.318.1.1.26.9.4.3.1.7";
    let agent = Agent::start(
        tempfile::tempdir().unwrap(),
        &format!("pass_persist .1.3.6.1.4.1.318 {BIN} sim snmp-pdu --model apc-ap8641\n"),
    );
    let home = Home::new();
    home.write_profile(&format!(
        "[devices.pdu]\ndriver = \"apc\"\nhost = \"127.0.0.1\"\nport = {}\n\
         write_password = \"private\"\ntimeout = 3\n",
        agent.port
    ));
    let (_gw, addr) = gateway(&home, "pdu");

    let read = json(&netio_client(
        &python,
        &addr,
        SERVE_PASSWORD,
        "print(json.dumps(dict(name=dev.DeviceName, count=dev.NumOutputs, serial=dev.SerialNumber, \
         outputs=outputs(), info=dev.get_info())))",
    ));
    assert_eq!(read["name"], json!("pdu"));
    assert_eq!(read["count"], json!(24));
    assert_eq!(read["info"]["Agent"]["Model"], json!("pductl gateway"));
    let second = &read["outputs"][1];
    assert_eq!(second["ID"], json!(2));
    assert_eq!(second["Action"], json!(6));
    // Metering as the PDU reports it (watts; tenths of an amp), in NETIO's W and mA.
    let watts: i64 = snmp_value(&agent, &format!("{POWER}.2")).parse().unwrap();
    let tenths: i64 = snmp_value(&agent, &format!("{CURRENT}.2")).parse().unwrap();
    assert_eq!(second["Load"], json!(watts));
    assert_eq!(second["Current"], json!(tenths * 100));
    for (i, o) in read["outputs"].as_array().unwrap().iter().enumerate() {
        let on = snmp_value(&agent, &format!("{STATUS}.{}", i + 1)) == "2";
        assert_eq!(o["State"], json!(u8::from(on)), "output {}", i + 1);
    }

    // Off, then on again, each seen at the PDU (rPDU2 status: 1 off, 2 on).
    netio_client(
        &python,
        &addr,
        SERVE_PASSWORD,
        "dev.set_outputs({3: dev.ACTION.OFF, 5: dev.ACTION.ON})",
    );
    assert_eq!(snmp_value(&agent, &format!("{STATUS}.3")), "1");
    assert_eq!(snmp_value(&agent, &format!("{STATUS}.5")), "2");
    let after = json(&netio_client(
        &python,
        &addr,
        SERVE_PASSWORD,
        "dev.set_output(3, dev.ACTION.TOGGLE)\nprint(json.dumps(dev.get_output(3).State))",
    ));
    assert_eq!(after, json!(1));
    assert_eq!(snmp_value(&agent, &format!("{STATUS}.3")), "2");
}

/// NETIO's client in front of a simulated DLI controller: switching lands on the DLI's
/// relays; an output the unit does not have is refused by the client for reads and by the
/// gateway (400) for writes, changing nothing; a wrong password is the client's AuthError.
#[test]
fn netios_client_drives_a_dli_controller_through_the_gateway() {
    let Some(python) = test_python("Netio") else {
        return;
    };
    let sim = Sim::dli(&["--outlets", "4"]);
    let home = dli_home(&[("lab", &sim)], "");
    let (_gw, addr) = gateway(&home, "lab");
    let out = netio_client(
        &python,
        &addr,
        SERVE_PASSWORD,
        r#"
dev.set_outputs({1: dev.ACTION.ON, 2: dev.ACTION.ON, 4: dev.ACTION.OFF})
print(json.dumps([o["State"] for o in outputs()]))
try:
    dev.get_output(5)
    print("read 5")
except UnknownOutputId:
    print("no output 5")
try:
    dev.set_output(5, dev.ACTION.ON)
    print("wrote 5")
except CommunicationError as e:
    print("refused:", e)
"#,
    );
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(json(lines[0]), json!([1, 1, 0, 0]));
    assert_eq!(lines[1], "no output 5");
    assert_eq!(lines[2], "refused: Control command syntax error");
    let at_device: Vec<bool> = (1..=4).map(|n| home.dli_state(&sim, n)).collect();
    assert_eq!(at_device, [true, true, false, false]);
}

/// NETIO's client in front of a device the driver engine reaches over HTTP (a NETIO socket
/// described by a driver file): what it switched is checked with the socket's own JSON API.
#[test]
fn netios_client_drives_an_http_driver_device_through_the_gateway() {
    let Some(python) = test_python("Netio") else {
        return;
    };
    let sim = Sim::start("netio", &["--model", "netio-4"]);
    let home = Home::new();
    home.write_profile(&netio_driver_device(&home, "desk", &sim));
    let (_gw, addr) = gateway(&home, "desk");
    let out = netio_client(
        &python,
        &addr,
        SERVE_PASSWORD,
        r#"
dev.set_outputs({1: dev.ACTION.ON, 3: dev.ACTION.ON})
dev.set_output(1, dev.ACTION.TOGGLE)
print(json.dumps([o["State"] for o in outputs()]))
print(json.dumps([o["Name"] for o in outputs()]))
"#,
    );
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(json(lines[0]), json!([0, 0, 1, 0]), "{out}");
    let (code, body) = curl(&["-u", "netio:netio", &sim.url("/netio.json")]);
    assert_eq!(code, 200, "{body}");
    let device = json(&body);
    let at_device: Vec<Value> = device["Outputs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["State"].clone())
        .collect();
    assert_eq!(at_device, [json!(0), json!(0), json!(1), json!(0)]);
    let names: Vec<Value> = device["Outputs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["Name"].clone())
        .collect();
    assert_eq!(
        json(lines[1]),
        Value::Array(names),
        "the device's own names"
    );
}

#[test]
fn a_wrong_password_is_the_clients_auth_error() {
    let Some(python) = test_python("Netio") else {
        return;
    };
    let sim = Sim::dli(&["--outlets", "2"]);
    let home = dli_home(&[("lab", &sim)], "");
    let (_gw, addr) = gateway(&home, "lab");
    let out = Command::new(&python)
        .args([
            "-c",
            "import sys\nfrom Netio import Netio\nfrom Netio.exceptions import AuthError\n\
             try:\n    Netio(sys.argv[1], auth_rw=('netio', 'wrong'))\nexcept AuthError as e:\n    print(e)",
            &format!("http://{addr}/netio.json"),
        ])
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        "Invalid Username or Password"
    );
    // Over curl: 401 with NETIO's text and a Basic challenge.
    let (code, body) = curl(&[
        "-u",
        "netio:wrong",
        "-D",
        "-",
        &format!("http://{addr}/netio.json"),
    ]);
    assert_eq!(code, 401);
    assert!(
        body.to_ascii_lowercase()
            .contains("\r\nwww-authenticate: basic realm=\"netio\"\r\n"),
        "{body}"
    );
    assert!(
        body.ends_with("\r\n\r\n401 Unauthorized (Invalid username or password)\n"),
        "{body}"
    );
}

/// A short off (Action 2) is answered at once with the output off, as a unit answers; the
/// output comes back on by itself after the Delay, at the device.
#[test]
fn a_short_off_comes_back_on_after_its_delay() {
    let sim = Sim::dli(&["--outlets", "2"]);
    let home = dli_home(&[("lab", &sim)], "");
    let (_gw, addr) = gateway(&home, "lab");
    let (code, body) = post(&addr, r#"{"Outputs":[{"ID":1,"Action":1}]}"#);
    assert_eq!((code, states(&json(&body))[0]), (200, 1), "{body}");
    assert!(home.dli_state(&sim, 1));
    let (code, body) = post(&addr, r#"{"Outputs":[{"ID":1,"Action":2,"Delay":800}]}"#);
    assert_eq!(code, 200, "{body}");
    assert_eq!(states(&json(&body)), [0, 0], "off while the short off runs");
    assert!(
        eventually(20.0, || home.dli_state(&sim, 1)),
        "back on at the device"
    );
    // A short on of an output that is off: on at once, off again by itself.
    let (_, body) = post(&addr, r#"{"Outputs":[{"ID":2,"Action":3,"Delay":500}]}"#);
    assert_eq!(states(&json(&body)), [1, 1]);
    assert!(eventually(20.0, || !home.dli_state(&sim, 2)));
}

/// A gateway stopped while a short off runs puts the output back on before it exits: a
/// client asked for it to be off only for a moment.
#[test]
fn a_short_off_pending_when_the_gateway_stops_goes_back_on() {
    let sim = Sim::dli(&["--outlets", "2"]);
    let home = dli_home(&[("lab", &sim)], "");
    let (mut gw, addr) = gateway(&home, "lab");
    let (code, body) = post(&addr, r#"{"Outputs":[{"ID":1,"Action":1}]}"#);
    assert_eq!(code, 200, "{body}");
    let (code, body) = post(&addr, r#"{"Outputs":[{"ID":1,"Action":2,"Delay":600000}]}"#);
    assert_eq!((code, states(&json(&body))[0]), (200, 0), "{body}");
    assert!(!home.dli_state(&sim, 1), "off while the short off runs");
    unsafe { libc::kill(gw.id() as i32, libc::SIGTERM) };
    let status = gw.wait().unwrap();
    assert_eq!(
        status.code(),
        Some(143),
        "stopped as SIGTERM stops every command"
    );
    assert!(
        home.dli_state(&sim, 1),
        "back on at the device once the gateway has exited"
    );
}

/// A group of two devices is one unit: their outlets one after the other.
#[test]
fn a_group_of_two_devices_is_one_unit() {
    let a = Sim::dli(&["--outlets", "2"]);
    let b = Sim::dli(&["--outlets", "3"]);
    let home = dli_home(
        &[("a", &a), ("b", &b)],
        "[groups]\npair = [\"a:all\", \"b:all\"]\n",
    );
    let (_gw, addr) = gateway(&home, "pair");
    let doc = get(&addr);
    assert_eq!(doc["Agent"]["NumOutputs"], json!(5));
    assert_eq!(doc["Agent"]["DeviceName"], json!("pair"));
    let ids: Vec<&Value> = doc["Outputs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| &o["ID"])
        .collect();
    assert_eq!(ids, [1, 2, 3, 4, 5]);
    // Output 3 is b's first outlet, output 2 a's last; one POST switches both.
    let (code, body) = post(
        &addr,
        r#"{"Outputs":[{"ID":3,"Action":1},{"ID":2,"Action":6,"State":1}]}"#,
    );
    assert_eq!(code, 200, "{body}");
    assert_eq!(states(&json(&body)), [0, 1, 1, 0, 0]);
    assert!(home.dli_state(&b, 1));
    assert!(home.dli_state(&a, 2));
    assert!(!home.dli_state(&a, 1));
    assert!(!home.dli_state(&b, 2));
    // Past the unit's five outputs: 400, nothing switched.
    let (code, body) = post(
        &addr,
        r#"{"Outputs":[{"ID":4,"Action":1},{"ID":6,"Action":1}]}"#,
    );
    assert_eq!(code, 400, "{body}");
    assert!(!home.dli_state(&b, 2));
}

/// A device that does not answer: the gateway says so as a unit with a fault does, 500
/// with a short text, never a state; a malformed command is still a 400.
#[test]
fn a_dead_device_behind_is_a_500_with_text() {
    let sim = Sim::dli(&["--outlets", "2"]);
    let home = dli_home(&[("lab", &sim)], "");
    let (_gw, addr) = gateway(&home, "lab");
    assert_eq!(get(&addr)["Agent"]["NumOutputs"], json!(2));
    drop(sim);
    let url = format!("http://{addr}/netio.json");
    for args in [
        vec!["-u", &login() as &str, &url],
        vec![
            "-u",
            &login(),
            "--data",
            r#"{"Outputs":[{"ID":1,"Action":1}]}"#,
            &url,
        ],
    ] {
        let (code, body) = curl(&args);
        assert_eq!(code, 500, "{args:?}: {body}");
        assert!(body.starts_with("500 Internal server error: "), "{body}");
        assert!(body.len() < 400 && body.lines().count() == 1, "{body}");
        assert!(serde_json::from_str::<Value>(&body).is_err(), "{body}");
    }
    let (code, _) = post(&addr, r#"{"Outputs":[{"ID":1,"Action":9}]}"#);
    assert_eq!(code, 400);
}

/// A body over 1 MiB is 413, read no further; a client that never finishes its request holds
/// no lock: others switch meanwhile.
#[test]
fn bodies_are_capped_and_slow_clients_hold_nothing() {
    let sim = Sim::dli(&["--outlets", "2"]);
    let home = dli_home(&[("lab", &sim)], "");
    let (_gw, addr) = gateway(&home, "lab");
    let big = home.dir.path().join("big.json");
    let mut text = String::from(r#"{"Outputs":[{"ID":1,"Action":1}],"pad":""#);
    text.push_str(&" ".repeat(1024 * 1024));
    text.push_str("\"}");
    std::fs::write(&big, text).unwrap();
    let (code, body) = curl(&[
        "-u",
        &login(),
        "--data-binary",
        &format!("@{}", big.display()),
        &format!("http://{addr}/netio.json"),
    ]);
    assert_eq!(code, 413, "{body}");
    assert!(!home.dli_state(&sim, 1), "nothing switched");

    let mut slow = std::net::TcpStream::connect(&addr).unwrap();
    let auth = {
        use base64::Engine;
        base64::engine::general_purpose::STANDARD.encode(login())
    };
    write!(
        slow,
        "POST /netio.json HTTP/1.1\r\nHost: x\r\nAuthorization: Basic {auth}\r\n\
         Content-Length: 1000\r\n\r\n{{\"Outputs\":[{{\"ID\":1,"
    )
    .unwrap();
    slow.flush().unwrap();
    let (code, body) = post(&addr, r#"{"Outputs":[{"ID":1,"Action":1}]}"#);
    assert_eq!(code, 200, "{body}");
    assert!(home.dli_state(&sim, 1));
    drop(slow);
}

/// Clients at once: every toggle goes through the device's lock, one after the other, so
/// none is lost (an even number of them leaves the output as it was).
#[test]
fn toggles_from_clients_at_once_are_all_applied() {
    let sim = Sim::dli(&["--outlets", "2"]);
    let home = dli_home(&[("lab", &sim)], "");
    let (_gw, addr) = gateway(&home, "lab");
    for round in 0..2 {
        let clients: Vec<_> = (0..5 + round)
            .map(|_| {
                let addr = addr.clone();
                std::thread::spawn(move || post(&addr, r#"{"Outputs":[{"ID":1,"Action":4}]}"#))
            })
            .collect();
        for c in clients {
            let (code, body) = c.join().unwrap();
            assert_eq!(code, 200, "{body}");
        }
        // 5 toggles from off: on; 6 more: still on.
        assert!(home.dli_state(&sim, 1), "round {round}");
    }
}

/// pductl's own `netio-json` protocol reaches the gateway like a NETIO unit: status, on,
/// and a cycle (a short off whose answer shows the output off, then back on).
#[test]
fn pductls_netio_json_protocol_drives_the_gateway() {
    let sim = Sim::dli(&["--outlets", "3"]);
    let home = dli_home(&[("lab", &sim)], "");
    let (_gw, addr) = gateway(&home, "lab");
    let port = addr.rsplit(':').next().unwrap();
    let client = Home::new();
    client.write_profile(&format!(
        "[devices.gw]\nprotocol = \"netio-json\"\nhost = \"127.0.0.1\"\nport = {port}\n\
         password_env = \"GW_PASSWORD\"\n"
    ));
    let pductl = |args: &[&str]| {
        let mut c = client.cmd();
        c.env("GW_PASSWORD", SERVE_PASSWORD).args(args);
        c
    };
    ok(pductl(&["on", "gw:2"]));
    assert!(home.dli_state(&sim, 2));
    let status = json(&ok(pductl(&["-d", "gw", "status", "-o", "json"])));
    let on: Vec<&Value> = status
        .as_array()
        .unwrap()
        .iter()
        .map(|r| &r["state"])
        .collect();
    assert_eq!(on, [&json!("off"), &json!("on"), &json!("off")], "{status}");
    let cycled = json(&ok(pductl(&[
        "cycle",
        "gw:2",
        "--off-time",
        "0.5",
        "-o",
        "json",
    ])));
    assert_eq!(cycled[0]["after"], json!("on"), "{cycled}");
    assert!(home.dli_state(&sim, 2));
    // A wrong password is pductl's authentication failure (exit 3).
    let mut wrong = pductl(&["-d", "gw", "status"]);
    wrong.env("GW_PASSWORD", "nope");
    fails(wrong, 3, "rejected the user name or password");
}

/// `--serve-user` names the account; with `serve_with_env`, a password file's account works
/// too.
#[test]
fn the_account_is_the_one_given() {
    let sim = Sim::dli(&["--outlets", "1"]);
    let home = dli_home(&[("lab", &sim)], "");
    let file = home.dir.path().join("gw-password");
    std::fs::write(&file, "from-a-file\n").unwrap();
    let (_gw, addr) = serve_with_env(
        &home,
        &[
            "--api",
            "netio-json",
            "-d",
            "lab",
            "--serve-user",
            "ops",
            "--serve-password-file",
            file.to_str().unwrap(),
        ],
        &[],
    );
    let url = format!("http://{addr}/netio.json");
    assert_eq!(curl(&["-u", "ops:from-a-file", &url]).0, 200);
    assert_eq!(curl(&["-u", "netio:from-a-file", &url]).0, 401);
    assert_eq!(curl(&["-u", "ops:netio", &url]).0, 401);
}
