//! `pductl discover` end to end, on loopback only: NETIO's UDP discover answered by several
//! simulated NETIO devices and by a hand-written responder that also sends junk, and a
//! subnet scan (of 127.0.0.1) that finds a simulated DLI and a simulated NETIO device; then
//! `--save` and a `get` through the saved profile.

mod common;
use common::*;
use serde_json::{json, Value};
use std::io::{BufRead, BufReader};
use std::net::UdpSocket;
use std::process::{Child, Stdio};

/// `pductl sim netio --discover 127.0.0.1:0 --mac MAC`: the HTTP and the UDP address.
struct NetioUnit {
    child: Child,
    http: String,
    udp: String,
}

impl NetioUnit {
    fn start(mac: &str, model: &str) -> NetioUnit {
        NetioUnit::started(&["--mac", mac, "--model", model])
    }

    /// `pductl sim netio --discover 127.0.0.1:0` and nothing else: the MAC its own.
    fn with_defaults() -> NetioUnit {
        NetioUnit::started(&[])
    }

    fn started(args: &[&str]) -> NetioUnit {
        let mut child = std::process::Command::new(BIN)
            .args([
                "sim",
                "netio",
                "--listen",
                "127.0.0.1:0",
                "--discover",
                "127.0.0.1:0",
            ])
            .args(args)
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let http = lines.next().unwrap().unwrap();
        let udp = lines.next().unwrap().unwrap();
        NetioUnit { child, http, udp }
    }
}

impl Drop for NetioUnit {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A responder that answers each request with junk first, then one real reply twice.
fn junk_responder() -> String {
    let socket = UdpSocket::bind("127.0.0.1:0").unwrap();
    let addr = socket.local_addr().unwrap().to_string();
    std::thread::spawn(move || {
        let mut buf = [0u8; 64];
        while let Ok((_, from)) = socket.recv_from(&mut buf) {
            let mut real = vec![0x02, 0x11, 0x22];
            for (kind, data) in [
                (0x09u8, b"PowerPDU 4PS".as_slice()),
                (0x01, b"3.0.1"),
                (0x02, &[0x24, 0xA4, 0x2C, 0x39, 0x9D, 0x27]),
                (0x03, &[127, 0, 0, 1]),
                (0x7E, b"a type nobody knows"),
                (0x13, b"Rack 7"),
            ] {
                real.push(kind);
                real.push(data.len() as u8);
                real.extend_from_slice(data);
            }
            let junk: [Vec<u8>; 6] = [
                vec![],
                b"hello".to_vec(),
                vec![0x01, 0xEC, 0x00],
                vec![0x02, 0x00],
                vec![0x02, 0, 0, 0x13, 0xFF, b'x'],
                vec![0x5A; 60_000],
            ];
            for datagram in junk.iter().chain([&real, &real]) {
                let _ = socket.send_to(datagram, from);
            }
        }
    });
    addr
}

fn discover(home: &Home, args: &[&str]) -> assert_cmd::Command {
    let mut c = home.cmd();
    c.args(["discover", "--listen", "127.0.0.1:0", "--wait", "0.5"])
        .args(args);
    c
}

fn by_mac<'a>(found: &'a [Value], mac: &str) -> Vec<&'a Value> {
    found.iter().filter(|f| f["mac"] == json!(mac)).collect()
}

#[test]
fn several_netio_devices_answer_and_each_is_listed_once() {
    let units = [
        NetioUnit::start("24:A4:2C:00:00:01", "netio-4all"),
        NetioUnit::start("24:A4:2C:00:00:02", "powerpdu-4ps"),
    ];
    let junk = junk_responder();
    let home = Home::new();
    let mut c = discover(
        &home,
        &[
            "-o",
            "json",
            "--target",
            &units[0].udp,
            "--target",
            &units[1].udp,
        ],
    );
    // The same device asked twice answers twice: still one entry.
    c.args(["--target", &units[0].udp, "--target", &junk]);
    let found = json(&ok(c));
    let found = found.as_array().unwrap();
    assert_eq!(found.len(), 3, "{found:?}");

    let first = by_mac(found, "24:A4:2C:00:00:01");
    assert_eq!(first.len(), 1);
    assert_eq!(
        *first[0],
        json!({"protocol": "netio-json", "name": "NETIO 4All (simulated)", "model": "NETIO 4All",
               "mac": "24:A4:2C:00:00:01", "address": "127.0.0.1", "port": null,
               "firmware": "3.1.0", "hostname": "netio-000001", "found_by": ["netio-udp"]})
    );
    // The same MAC, model and firmware as its /netio.json says.
    let mut c = home.netio_at(first_port(&units[1].http));
    c.args(["get", "netio/Agent"]);
    let agent = json(&ok(c));
    let second = by_mac(found, "24:A4:2C:00:00:02")[0];
    assert_eq!(second["name"], agent["DeviceName"]);
    assert_eq!(second["model"], agent["Model"]);
    assert_eq!(second["firmware"], agent["Version"]);
    assert_eq!(second["mac"], agent["MAC"]);

    let from_junk = by_mac(found, "24:A4:2C:39:9D:27")[0];
    assert_eq!(
        (
            &from_junk["name"],
            &from_junk["model"],
            &from_junk["firmware"]
        ),
        (&json!("Rack 7"), &json!("PowerPDU 4PS"), &json!("3.0.1"))
    );

    // -v counts what was skipped.
    let (code, _, stderr) = run(discover(&home, &["-v", "-o", "json", "--target", &junk]));
    assert_eq!(code, 0);
    assert!(stderr.contains("skipped 6 datagrams"), "{stderr}");
}

fn first_port(addr: &str) -> &str {
    addr.rsplit(':').next().unwrap()
}

#[test]
fn nothing_found_is_an_empty_array() {
    let home = Home::new();
    let silent = UdpSocket::bind("127.0.0.1:0").unwrap();
    let target = silent.local_addr().unwrap().to_string();
    assert_eq!(
        ok(discover(&home, &["-o", "json", "--target", &target])).trim(),
        "[]"
    );
}

#[test]
fn a_scan_finds_dli_and_netio_devices_and_save_makes_them_usable() {
    let dli = Sim::dli(&[]);
    let netio = NetioUnit::start("24:A4:2C:00:00:07", "netio-4");
    let home = Home::new();
    let ports = format!("{},{},1", dli.port(), first_port(&netio.http));
    let found = json(&ok(discover(
        &home,
        &[
            "-o",
            "json",
            "--scan",
            "127.0.0.1/32",
            "--scan-ports",
            &ports,
            "--save",
        ],
    )));
    let found = found.as_array().unwrap();
    assert_eq!(found.len(), 2, "{found:?}");
    let d = found
        .iter()
        .find(|f| f["protocol"] == json!("dli-rest"))
        .unwrap();
    assert_eq!(
        (&d["name"], &d["port"], &d["found_by"]),
        (
            &json!("DLI Controller"),
            &json!(dli.port().parse::<u16>().unwrap()),
            &json!(["scan"])
        )
    );
    let n = found
        .iter()
        .find(|f| f["protocol"] == json!("netio-json"))
        .unwrap();
    assert_eq!(
        (&n["model"], &n["mac"]),
        (&json!("NETIO 4"), &json!("24:A4:2C:00:00:07"))
    );

    // Saved as profiles, named after the devices, with no credentials.
    let text = std::fs::read_to_string(home.config_file()).unwrap();
    assert!(text.contains("[devices.dli-controller]"), "{text}");
    assert!(text.contains("[devices.netio-4-simulated]"), "{text}");
    assert!(!text.contains("password"), "{text}");
    let mut c = home.cmd();
    c.args([
        "-d",
        "dli-controller",
        "--password-env",
        PASSWORD_VAR,
        "get",
        "relay/name",
    ])
    .env(PASSWORD_VAR, "1234");
    assert_eq!(json(&ok(c)), json!("DLI Controller"));
    let mut c = home.cmd();
    c.args(["-d", "netio-4-simulated", "get", "relay/model"]);
    assert_eq!(json(&ok(c)), json!("NETIO 4"));

    // Running it again adds nothing.
    let (code, _, stderr) = run(discover(
        &home,
        &["--scan", "127.0.0.1/32", "--scan-ports", &ports, "--save"],
    ));
    assert_eq!(code, 0);
    assert!(stderr.contains("added no new devices"), "{stderr}");
    assert_eq!(std::fs::read_to_string(home.config_file()).unwrap(), text);
}

#[test]
fn two_units_started_alike_are_saved_with_their_own_http_ports() {
    // Two simulated units with every default: two MACs, so two devices.
    let units = [NetioUnit::with_defaults(), NetioUnit::with_defaults()];
    let home = Home::new();
    let mut ports: Vec<&str> = units.iter().map(|u| first_port(&u.http)).collect();
    // NETIO's reply names no web port: --save looks for /netio.json on --scan-ports (a
    // real unit's 80 and 443 by default; here the ports the simulators printed first).
    let found = json(&ok(discover(
        &home,
        &[
            "-o",
            "json",
            "--target",
            &units[0].udp,
            "--target",
            &units[1].udp,
            "--scan-ports",
            &ports.join(","),
            "--save",
        ],
    )));
    let found = found.as_array().unwrap();
    assert_eq!(found.len(), 2, "{found:?}");
    assert_ne!(found[0]["mac"], found[1]["mac"]);
    // Listed with the port each one answered on.
    let mut listed: Vec<String> = found.iter().map(|f| f["port"].to_string()).collect();
    listed.sort();
    ports.sort();
    assert_eq!(listed, ports);
    // Each saved entry reaches a unit of its own.
    let text = std::fs::read_to_string(home.config_file()).unwrap();
    let mut reached = Vec::new();
    for name in ["netio-4all-simulated", "netio-4all-simulated-2"] {
        assert!(text.contains(&format!("[devices.{name}]")), "{text}");
        let mut c = home.cmd();
        c.args(["-d", name, "get", "netio/Agent/SerialNumber"]);
        reached.push(json(&ok(c)));
    }
    reached.sort_by_key(|v| v.to_string());
    let mut macs: Vec<Value> = found.iter().map(|f| f["mac"].clone()).collect();
    macs.sort_by_key(|v| v.to_string());
    assert_eq!(reached, macs);
}

#[test]
fn a_unit_whose_web_port_is_not_found_is_not_saved() {
    let unit = NetioUnit::with_defaults();
    let home = Home::new();
    let closed = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
        .to_string();
    let (code, stdout, stderr) = run(discover(
        &home,
        &["--target", &unit.udp, "--scan-ports", &closed, "--save"],
    ));
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("NETIO 4All (simulated)"), "{stdout}");
    assert!(
        stderr.contains(&format!(
            "warning: not saving NETIO 4All (simulated) at 127.0.0.1: it answered NETIO's \
             UDP discover, whose reply names no web port, and /netio.json did not answer on \
             port {closed}"
        )),
        "{stderr}"
    );
    assert!(stderr.contains("added no new devices"), "{stderr}");
    let text = std::fs::read_to_string(home.config_file()).unwrap_or_default();
    assert!(!text.contains("netio-4all"), "{text}");
}

#[test]
fn bad_input_says_what_to_change() {
    let home = Home::new();
    fails(
        discover(&home, &["--scan", "192.168.1/24"]),
        2,
        "bad --scan '192.168.1/24'",
    );
    fails(
        discover(&home, &["--scan", "10.0.0.0/15"]),
        2,
        "add --force",
    );
    fails(discover(&home, &["--target", "127.0.0.1"]), 2, "HOST:PORT");
    let taken = UdpSocket::bind("127.0.0.1:0").unwrap();
    let addr = taken.local_addr().unwrap().to_string();
    let mut c = home.cmd();
    c.args(["discover", "--listen", &addr, "--target", "127.0.0.1:9"]);
    let line = fails(c, 2, &format!("cannot listen on UDP {addr}"));
    assert!(line.contains("--listen"), "{line}");
}

#[test]
fn a_flood_of_replies_is_survived_and_bounded() {
    let socket = UdpSocket::bind("127.0.0.1:0").unwrap();
    let target = socket.local_addr().unwrap().to_string();
    std::thread::spawn(move || {
        let mut buf = [0u8; 64];
        if let Ok((_, from)) = socket.recv_from(&mut buf) {
            for i in 0..5000u32 {
                let b = i.to_be_bytes();
                let reply = [0x02, 0, 0, 0x02, 6, 0x02, 0, b[0], b[1], b[2], b[3]];
                let _ = socket.send_to(&reply, from);
            }
        }
    });
    let home = Home::new();
    let found = json(&ok(discover(&home, &["-o", "json", "--target", &target])));
    let count = found.as_array().unwrap().len();
    assert!(count > 0 && count <= 1024, "{count} devices kept");
}
