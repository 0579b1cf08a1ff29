//! WeMo sockets over UPnP: the `wemo` transport and the power verbs against `sim dli --upnp`
//! (each outlet a socket of its own, over the controller's one state), SSDP discovery with
//! `discover --upnp` (and `--save`), answers that must be skipped, and the real Python
//! client pywemo 2.1.2 against the simulator's sockets.

mod common;

use common::{fails, json, ok, run, test_python, Home, BIN, PASSWORD_VAR};
use serde_json::{json, Value};
use std::io::{BufRead, BufReader};
use std::net::UdpSocket;
use std::process::{Child, Stdio};

/// `pductl sim dli --upnp --ssdp 127.0.0.1:0`: its REST address, each outlet's socket port
/// (outlet 0 first) and the SSDP responder's address.
struct UpnpSim {
    child: Child,
    rest: String,
    sockets: Vec<u16>,
    ssdp: Option<String>,
}

impl UpnpSim {
    fn start(outlets: usize, ssdp: bool) -> UpnpSim {
        UpnpSim::start_with(outlets, ssdp, &[])
    }

    /// The same, with `extra` arguments for the simulator.
    fn start_with(outlets: usize, ssdp: bool, extra: &[&str]) -> UpnpSim {
        let count = outlets.to_string();
        let mut args = vec![
            "sim",
            "dli",
            "--listen",
            "127.0.0.1:0",
            "--outlets",
            &count,
            "--upnp",
        ];
        if ssdp {
            args.extend(["--ssdp", "127.0.0.1:0"]);
        }
        args.extend(extra);
        let mut child = std::process::Command::new(BIN)
            .args(&args)
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start simulator");
        let mut reader = BufReader::new(child.stdout.take().unwrap());
        let mut line = String::new();
        reader.read_line(&mut line).unwrap();
        let rest = line.trim().to_string();
        assert!(rest.starts_with("127.0.0.1:"), "printed {rest:?}");
        let mut sockets = Vec::new();
        for i in 0..outlets {
            line.clear();
            reader.read_line(&mut line).unwrap();
            let parts: Vec<&str> = line.split_whitespace().collect();
            assert_eq!(parts[..2], ["UPNP", &i.to_string()[..]], "printed {line:?}");
            sockets.push(parts[2].parse().unwrap());
        }
        let ssdp = ssdp.then(|| {
            line.clear();
            reader.read_line(&mut line).unwrap();
            let addr = line
                .trim()
                .strip_prefix("SSDP ")
                .expect("SSDP line")
                .to_string();
            assert!(addr.starts_with("127.0.0.1:"), "{addr}");
            addr
        });
        UpnpSim {
            child,
            rest,
            sockets,
            ssdp,
        }
    }

    fn socket(&self, outlet: usize) -> String {
        format!("127.0.0.1:{}", self.sockets[outlet])
    }
}

impl Drop for UpnpSim {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `pductl --protocol wemo --host 127.0.0.1:PORT ARGS`.
fn wemo(home: &Home, host: &str, args: &[&str]) -> assert_cmd::Command {
    let mut c = home.cmd();
    c.args(["--protocol", "wemo", "--host", host, "--timeout", "5"])
        .args(args);
    c
}

/// `pductl get PATH` over REST at the simulator.
fn rest_get(home: &Home, sim: &UpnpSim, path: &str) -> Value {
    let mut c = home.cmd();
    c.args([
        "--host",
        &sim.rest,
        "--password-env",
        PASSWORD_VAR,
        "get",
        path,
    ])
    .env(PASSWORD_VAR, "1234");
    json(&ok(c))
}

#[test]
fn state_and_name_over_wemo_show_over_rest() {
    let sim = UpnpSim::start(3, false);
    let home = Home::new();
    let host = sim.socket(1);
    let outlet = json(&ok(wemo(&home, &host, &["get", "relay/outlets/0"])));
    assert_eq!(
        outlet,
        json!({"name": "Outlet 2", "state": false, "transient_state": false, "physical_state": false})
    );
    ok(wemo(
        &home,
        &host,
        &["set", "relay/outlets/0/state", "true"],
    ));
    assert_eq!(
        json(&ok(wemo(&home, &host, &["get", "relay/outlets/0/state"]))),
        json!(true)
    );
    assert_eq!(
        rest_get(&home, &sim, "relay/outlets/1/physical_state"),
        json!(true)
    );
    assert_eq!(
        rest_get(&home, &sim, "relay/outlets/0/physical_state"),
        json!(false)
    );
    // The name is the outlet's, both ways.
    ok(wemo(
        &home,
        &host,
        &["set", "relay/name", "\"Bench <PSU> & co\""],
    ));
    assert_eq!(
        rest_get(&home, &sim, "relay/outlets/1/name"),
        json!("Bench <PSU> & co")
    );
    assert_eq!(
        json(&ok(wemo(&home, &host, &["get", "relay/outlets/0/name"]))),
        json!("Bench <PSU> & co")
    );
    let wemo_info = json(&ok(wemo(&home, &host, &["get", "wemo"])));
    assert!(
        wemo_info["udn"]
            .as_str()
            .unwrap()
            .starts_with("uuid:Socket-1_0-"),
        "{wemo_info}"
    );
    // A switch over REST shows over WeMo.
    let mut c = home.cmd();
    c.args([
        "--host",
        &sim.rest,
        "--password-env",
        PASSWORD_VAR,
        "set",
        "relay/outlets/2/state",
        "true",
    ])
    .env(PASSWORD_VAR, "1234");
    ok(c);
    assert_eq!(
        json(&ok(wemo(
            &home,
            &sim.socket(2),
            &["get", "relay/outlets/0/physical_state"]
        ))),
        json!(true)
    );
}

#[test]
fn setting_the_state_a_socket_has_is_already_done_not_a_failure() {
    let sim = UpnpSim::start(1, false);
    let home = Home::new();
    let host = sim.socket(0);
    // The socket is off: SetBinaryState 0 is answered Error, read back, and succeeds.
    let (code, stdout, stderr) = run(wemo(
        &home,
        &host,
        &["-v", "set", "relay/outlets/0/state", "false"],
    ));
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stdout, "");
    assert!(stderr.contains("already off"), "{stderr}");
}

#[test]
fn the_power_verbs_work_over_wemo() {
    let sim = UpnpSim::start(2, false);
    let home = Home::new();
    let host = sim.socket(0);
    assert_eq!(
        ok(wemo(&home, &host, &["on", "1"])),
        format!("{host}:1 (Outlet 1): on\n")
    );
    assert_eq!(
        ok(wemo(&home, &host, &["on", "1"])),
        format!("{host}:1 (Outlet 1): already on\n")
    );
    assert_eq!(rest_get(&home, &sim, "relay/outlets/0/state"), json!(true));
    let status = json(&ok(wemo(&home, &host, &["-o", "json", "status", "all"])));
    assert_eq!(status.as_array().unwrap().len(), 1, "{status}");
    ok(wemo(&home, &host, &["off", "1"]));
    assert_eq!(rest_get(&home, &sim, "relay/outlets/0/state"), json!(false));
    ok(wemo(&home, &host, &["cycle", "--off-time", "0.1", "1"]));
    assert_eq!(rest_get(&home, &sim, "relay/outlets/0/state"), json!(true));
    // One socket has one outlet; what it cannot do says so.
    fails(wemo(&home, &host, &["on", "2"]), 2, "there is no outlet 2");
    fails(
        wemo(&home, &host, &["invoke", "relay/outlets/0/cycle"]),
        8,
        "not supported by wemo",
    );
}

#[test]
fn discover_upnp_finds_the_sockets_and_saves_them() {
    let sim = UpnpSim::start(3, true);
    let home = Home::new();
    let ssdp = sim.ssdp.clone().unwrap();
    let mut c = home.cmd();
    c.args([
        "discover",
        "--listen",
        "127.0.0.1:0",
        "--wait",
        "0.7",
        "--upnp",
        "--target",
        &ssdp,
        "-o",
        "json",
    ]);
    let found = json(&ok(c));
    let found = found.as_array().unwrap();
    assert_eq!(found.len(), 3, "{found:?}");
    for (i, port) in sim.sockets.iter().enumerate() {
        let f = found
            .iter()
            .find(|f| f["port"] == json!(port))
            .unwrap_or_else(|| panic!("socket {i} missing: {found:?}"));
        assert_eq!(f["protocol"], json!("wemo"));
        assert_eq!(f["name"], json!(format!("Outlet {}", i + 1)));
        assert_eq!(f["address"], json!("127.0.0.1"));
        assert!(f["udn"].as_str().unwrap().starts_with("uuid:Socket-1_0-"));
        assert!(f["serial"].is_string());
        assert!(f["model"].as_str().unwrap().starts_with("Socket"));
    }
    let mut c = home.cmd();
    c.args([
        "discover",
        "--listen",
        "127.0.0.1:0",
        "--wait",
        "0.7",
        "--upnp",
        "--target",
        &ssdp,
        "--save",
    ]);
    ok(c);
    let profile = std::fs::read_to_string(home.config_file()).unwrap();
    assert_eq!(
        profile.matches("protocol = \"wemo\"").count(),
        3,
        "{profile}"
    );
    // The saved entry works as it is.
    let mut c = home.cmd();
    c.args(["on", "outlet-2:1"]);
    assert_eq!(ok(c), "outlet-2:1 (Outlet 2): on\n");
    assert_eq!(rest_get(&home, &sim, "relay/outlets/1/state"), json!(true));
}

/// An SSDP responder that answers each M-SEARCH with junk, an answer without LOCATION, one
/// pointing at another host, one whose setup.xml is not XML, and one good answer twice.
fn junk_responder(good: u16, bad_xml: u16) -> String {
    let socket = UdpSocket::bind("127.0.0.1:0").unwrap();
    let addr = socket.local_addr().unwrap().to_string();
    std::thread::spawn(move || {
        let mut buf = [0u8; 2048];
        while let Ok((_, from)) = socket.recv_from(&mut buf) {
            let answer = |location: &str| {
                format!("HTTP/1.1 200 OK\r\nST: urn:Belkin:device:**\r\n{location}\r\n\r\n")
                    .into_bytes()
            };
            let datagrams: Vec<Vec<u8>> = vec![
                b"\x00\xffjunk".to_vec(),
                b"NOTIFY * HTTP/1.1\r\n\r\n".to_vec(),
                answer("USN: uuid:x"),
                answer("LOCATION: http://192.0.2.1:49153/setup.xml"),
                answer("LOCATION: file:///etc/passwd"),
                answer(&format!("LOCATION: http://127.0.0.1:{bad_xml}/setup.xml")),
                answer(&format!("LOCATION: http://127.0.0.1:{good}/setup.xml")),
                answer(&format!("LOCATION: http://127.0.0.1:{good}/setup.xml")),
            ];
            for d in datagrams {
                let _ = socket.send_to(&d, from);
            }
        }
    });
    addr
}

/// An HTTP server answering every request with `body`.
fn http_answering(body: &'static str) -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            use std::io::{Read, Write};
            let mut buf = [0u8; 4096];
            let _ = stream.read(&mut buf);
            let _ = write!(
                stream,
                "HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
        }
    });
    port
}

#[test]
fn garbage_answers_are_skipped_and_counted() {
    let sim = UpnpSim::start(1, false);
    let bad_xml = http_answering("<root><device>no closing");
    let responder = junk_responder(sim.sockets[0], bad_xml);
    let home = Home::new();
    let mut c = home.cmd();
    c.args([
        "-v",
        "discover",
        "--listen",
        "127.0.0.1:0",
        "--wait",
        "0.7",
        "--upnp",
        "--target",
        &responder,
        "-o",
        "json",
    ]);
    let (code, stdout, stderr) = run(c);
    assert_eq!(code, 0, "{stderr}");
    let found = json(&stdout);
    let found = found.as_array().unwrap();
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0]["port"], json!(sim.sockets[0]));
    assert!(stderr.contains("without LOCATION"), "{stderr}");
    assert!(stderr.contains("not fetched"), "{stderr}");
    assert!(stderr.contains("not XML"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn a_bad_socket_is_a_one_line_error() {
    let home = Home::new();
    let not_xml = http_answering("this is not xml");
    fails(
        wemo(
            &home,
            &format!("127.0.0.1:{not_xml}"),
            &["get", "relay/outlets/0/state"],
        ),
        5,
        "not XML",
    );
    let no_basicevent = http_answering(
        "<root xmlns=\"urn:Belkin:device-1-0\"><device><friendlyName>x</friendlyName>\
         <serviceList/></device></root>",
    );
    fails(
        wemo(
            &home,
            &format!("127.0.0.1:{no_basicevent}"),
            &["get", "relay/outlets/0/state"],
        ),
        5,
        "basicevent",
    );
}

const PYWEMO: &str = r#"
import sys, pywemo
device = pywemo.discovery.device_from_description(sys.argv[1])
assert device is not None, "pywemo did not take the socket"
print(type(device).__name__, device.name)
device.on()
print(device.get_state(force_update=True))
device.off()
print(device.get_state(force_update=True))
device.on()
print(device.get_state(force_update=True))
"#;

#[test]
fn pywemo_drives_the_simulated_sockets() {
    let Some(python) = test_python("pywemo") else {
        return;
    };
    let sim = UpnpSim::start(2, false);
    let home = Home::new();
    let url = format!("http://{}/setup.xml", sim.socket(1));
    let out = std::process::Command::new(&python)
        .args(["-c", PYWEMO, &url])
        .env("HOME", home.dir.path())
        .output()
        .expect("run python");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "pywemo failed: {}{stdout}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(stdout, "Switch Outlet 2\n1\n0\n1\n");
    assert_eq!(
        rest_get(&home, &sim, "relay/outlets/1/physical_state"),
        json!(true)
    );
    assert_eq!(
        rest_get(&home, &sim, "relay/outlets/0/physical_state"),
        json!(false)
    );
}

/// `--upnp-base-port P` puts outlet i's socket on port P+i, where a client configured by hand
/// finds it.
#[test]
fn upnp_base_port_puts_outlet_i_on_base_plus_i() {
    // Two free ports in a row: bound and released, so the simulator can have them.
    let base = (0..50)
        .find_map(|_| {
            let first = std::net::TcpListener::bind("127.0.0.1:0").ok()?;
            let port = first.local_addr().ok()?.port();
            let second = std::net::TcpListener::bind(("127.0.0.1", port.checked_add(1)?)).ok()?;
            drop((first, second));
            Some(port)
        })
        .expect("two free ports in a row");
    let base_arg = base.to_string();
    let sim = UpnpSim::start_with(2, false, &["--upnp-base-port", &base_arg]);
    assert_eq!(sim.sockets, [base, base + 1]);
    let home = Home::new();
    let mut c = wemo(&home, &sim.socket(1), &["get", "relay/outlets/0/state"]);
    c.timeout(std::time::Duration::from_secs(20));
    assert_eq!(json(&ok(c)), json!(false));
}
