//! X-wire built-in drivers (issue 25, group 1B): `kasa-iot` (TCP 9999, length-prefixed XOR
//! autokey JSON), `wiz` (JSON datagrams) and `anel` (text datagrams answered to another
//! port) each drive a device written here from the facts in protocols/drivers-2.md (B10,
//! B27, B28) and drivers.md, not from the driver files, on loopback sockets. Each test
//! checks at the device what pductl did, and what a user sees: a malformed answer is exit
//! 5, no answer exit 4, a refused account exit 3, a refusal exit 1.

mod common;
use common::http_device::pd_with;
use common::*;
use serde_json::{json, Value};
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, UdpSocket};
use std::sync::{Arc, Mutex};
use std::time::Duration;

// ---------------------------------------------------------------------------------------
// TP-Link Kasa (B27): TCP 9999, a 4-byte big-endian length, then JSON under an XOR autokey
// whose first key is 171, both ways.

fn xor_encrypt(plain: &[u8]) -> Vec<u8> {
    let mut key = 171u8;
    let mut out = Vec::new();
    for b in plain {
        key ^= b;
        out.push(key);
    }
    out
}

fn xor_decrypt(cipher: &[u8]) -> Vec<u8> {
    let mut key = 171u8;
    let mut out = Vec::new();
    for &c in cipher {
        out.push(key ^ c);
        key = c;
    }
    out
}

/// What a Kasa device sends instead of its answer, when a test asks it to.
#[derive(Clone, Copy, PartialEq, Eq)]
enum KasaMode {
    Normal,
    /// A length of 2 GiB, then a few bytes.
    Oversized,
    /// A length of 100, then 10 bytes, then the connection closed.
    Short,
    /// A well-framed answer that is not JSON once decrypted.
    NotJson,
    /// Its children renumbered since they were listed: a switch finds none.
    Renumbered,
}

struct Kasa {
    /// A plug: its alias, relay and whether it meters; a strip: its children.
    plug: Option<(String, bool, bool)>,
    children: Vec<(String, String, bool)>,
    mode: KasaMode,
    /// Every request, decrypted.
    seen: Vec<Value>,
}

type KasaShared = Arc<Mutex<Kasa>>;

const CHILD_PREFIX: &str = "8006E1D3B2A5D3A8CA4E92C3A0E3F63D1D2E6B9F";

/// The device's answer to one request: each module's commands answered in its own object,
/// with err_code 0, or a non-zero err_code and err_msg where it cannot do them.
fn kasa_answer(k: &mut Kasa, request: &Value) -> Value {
    let mut answer = json!({});
    let child = request
        .pointer("/context/child_ids/0")
        .and_then(Value::as_str)
        .map(str::to_string);
    if let Some(system) = request.get("system").and_then(Value::as_object) {
        let mut out = json!({});
        for (command, args) in system {
            out[command] = match command.as_str() {
                "get_sysinfo" => match &k.plug {
                    Some((alias, on, _)) => json!({
                        "sw_ver": "1.5.6", "model": "HS110(EU)", "alias": alias,
                        "relay_state": u8::from(*on), "on_time": 120, "err_code": 0
                    }),
                    None => json!({
                        "sw_ver": "1.0.6", "model": "HS300(US)", "alias": "Bench strip",
                        "child_num": k.children.len(), "err_code": 0,
                        "children": k.children.iter().map(|(id, alias, on)| json!({
                            "id": id, "alias": alias, "state": u8::from(*on), "on_time": 0
                        })).collect::<Vec<_>>(),
                    }),
                },
                "set_relay_state" | "set_dev_alias" => {
                    let done = match (&mut k.plug, &child) {
                        (Some((alias, on, _)), None) => {
                            if command == "set_relay_state" {
                                *on = args["state"] == json!(1);
                            } else {
                                *alias = args["alias"].as_str().unwrap_or("").to_string();
                            }
                            true
                        }
                        (None, Some(_)) if k.mode == KasaMode::Renumbered => false,
                        (None, Some(id)) => match k.children.iter_mut().find(|c| &c.0 == id) {
                            Some(c) => {
                                if command == "set_relay_state" {
                                    c.2 = args["state"] == json!(1);
                                } else {
                                    c.1 = args["alias"].as_str().unwrap_or("").to_string();
                                }
                                true
                            }
                            None => false,
                        },
                        _ => false,
                    };
                    if done {
                        json!({"err_code": 0})
                    } else {
                        json!({"err_code": -14, "err_msg": "entry not exist"})
                    }
                }
                _ => json!({"err_code": -2, "err_msg": "member not support"}),
            };
        }
        answer["system"] = out;
    }
    if request.get("emeter").is_some() {
        answer["emeter"] = match &k.plug {
            Some((_, on, true)) => json!({"get_realtime": {
                "voltage_mv": 230512, "current_ma": if *on { 215 } else { 0 },
                "power_mw": if *on { 48250 } else { 0 }, "total_wh": 1532, "err_code": 0
            }}),
            _ => json!({"err_code": -1, "err_msg": "module not support"}),
        };
    }
    answer
}

fn kasa(plug: Option<(&str, bool, bool)>, children: &[(&str, bool)]) -> (u16, KasaShared) {
    let shared = Arc::new(Mutex::new(Kasa {
        plug: plug.map(|(a, on, meter)| (a.to_string(), on, meter)),
        children: children
            .iter()
            .enumerate()
            .map(|(k, (alias, on))| (format!("{CHILD_PREFIX}{k:02}"), alias.to_string(), *on))
            .collect(),
        mode: KasaMode::Normal,
        seen: Vec::new(),
    }));
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let device = shared.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let device = device.clone();
            std::thread::spawn(move || loop {
                let mut length = [0u8; 4];
                if stream.read_exact(&mut length).is_err() {
                    return;
                }
                let mut body = vec![0u8; u32::from_be_bytes(length) as usize];
                if stream.read_exact(&mut body).is_err() {
                    return;
                }
                let Ok(request) = serde_json::from_slice::<Value>(&xor_decrypt(&body)) else {
                    return;
                };
                let mut k = device.lock().unwrap();
                k.seen.push(request.clone());
                let frame = match k.mode {
                    KasaMode::Normal | KasaMode::Renumbered => {
                        let answer = kasa_answer(&mut k, &request).to_string();
                        let mut frame = (answer.len() as u32).to_be_bytes().to_vec();
                        frame.extend(xor_encrypt(answer.as_bytes()));
                        frame
                    }
                    KasaMode::Oversized => vec![0x80, 0, 0, 0, 1, 2, 3, 4],
                    KasaMode::Short => {
                        let mut frame = 100u32.to_be_bytes().to_vec();
                        frame.extend(xor_encrypt(b"{\"system\":"));
                        frame
                    }
                    KasaMode::NotJson => {
                        let text = b"<html>busy</html>";
                        let mut frame = (text.len() as u32).to_be_bytes().to_vec();
                        frame.extend(xor_encrypt(text));
                        frame
                    }
                };
                let normal = matches!(k.mode, KasaMode::Normal | KasaMode::Renumbered);
                drop(k);
                if stream.write_all(&frame).is_err() || !normal {
                    return;
                }
            });
        }
    });
    (port, shared)
}

/// A home whose profile names one device `dev` driven by `driver` at `port`, with `extra`
/// profile lines (its timeout and retries among them).
fn driver_home(driver: &str, port: u16, extra: &str) -> Home {
    let home = Home::new();
    home.write_profile(&format!(
        "[devices.dev]\ndriver = \"{driver}\"\nhost = \"127.0.0.1\"\nport = {port}\n{extra}"
    ));
    home
}

fn kasa_home(port: u16) -> Home {
    driver_home("kasa-iot", port, "retries = 0\ntimeout = 3\n")
}

fn pd(home: &Home, args: &[&str]) -> assert_cmd::Command {
    pd_with(home, "", args)
}

#[test]
fn kasa_strip_lists_its_children_by_alias_and_switches_one_by_its_id() {
    let (port, device) = kasa(None, &[("Router", true), ("NAS", false), ("Lamp", false)]);
    let home = kasa_home(port);
    let outlets = json(&ok(pd(&home, &["-d", "dev", "get", "relay/outlets"])));
    let names: Vec<&str> = outlets
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Router", "NAS", "Lamp"]);
    assert_eq!(outlets[0]["state"], json!(true));
    assert_eq!(ok(pd(&home, &["on", "dev:2"])), "dev:2 (NAS): on\n");
    assert_eq!(
        ok(pd(&home, &["off", "dev:Router"])),
        "dev:1 (Router): off\n"
    );
    let k = device.lock().unwrap();
    let states: Vec<bool> = k.children.iter().map(|c| c.2).collect();
    assert_eq!(states, [false, true, false]);
    // The switch named the child in a context beside the command.
    let set = k
        .seen
        .iter()
        .find(|r| r.pointer("/system/set_relay_state").is_some())
        .unwrap();
    assert_eq!(
        set,
        &json!({"context": {"child_ids": [format!("{CHILD_PREFIX}01")]},
                "system": {"set_relay_state": {"state": 1}}})
    );
    drop(k);
    // A rename is set_dev_alias on the child, the name as a JSON string.
    ok(pd(
        &home,
        &[
            "-d",
            "dev",
            "set",
            "relay/outlets/2/name",
            "\"Desk \\\"lamp\\\"\"",
        ],
    ));
    assert_eq!(device.lock().unwrap().children[2].1, "Desk \"lamp\"");
}

#[test]
fn kasa_plug_is_one_outlet_with_its_alias_and_meters() {
    let (port, device) = kasa(Some(("Coffee maker", false, true)), &[]);
    let home = kasa_home(port);
    let outlets = json(&ok(pd(&home, &["-d", "dev", "get", "relay/outlets"])));
    assert_eq!(outlets.as_array().unwrap().len(), 1);
    assert_eq!(outlets[0]["name"], json!("Coffee maker"));
    assert_eq!(
        ok(pd(&home, &["on", "dev:1"])),
        "dev:1 (Coffee maker): on\n"
    );
    assert!(device.lock().unwrap().plug.as_ref().unwrap().1);
    let set = device
        .lock()
        .unwrap()
        .seen
        .iter()
        .find(|r| r.pointer("/system/set_relay_state").is_some())
        .cloned()
        .unwrap();
    assert_eq!(set, json!({"system": {"set_relay_state": {"state": 1}}}));
    let values = json(&ok(pd(&home, &["-d", "dev", "get", "meter/values"])));
    assert_eq!(values["outlets.0.power"]["value"], json!(48.25));
    assert_eq!(values["outlets.0.power"]["unit"], json!("W"));
    assert_eq!(values["outlets.0.voltage"]["value"], json!(230.512));
    assert_eq!(values["outlets.0.energy"]["value"], json!(1532));

    // A plug without a meter answers the emeter module with an error: no meters, no error.
    let (port, _) = kasa(Some(("Fan", true, false)), &[]);
    let home = kasa_home(port);
    let values = json(&ok(pd(&home, &["-d", "dev", "get", "meter/values"])));
    assert_eq!(values, json!({}));
    assert_eq!(ok(pd(&home, &["off", "dev:1"])), "dev:1 (Fan): off\n");
}

#[test]
fn kasa_frames_that_lie_and_answers_that_are_not_json_are_malformed() {
    let (port, device) = kasa(None, &[("A", true)]);
    let home = kasa_home(port);
    let mode = |m| device.lock().unwrap().mode = m;
    mode(KasaMode::Oversized);
    fails(pd(&home, &["status", "dev:all"]), 5, "more than the 1 MiB");
    mode(KasaMode::Short);
    fails(
        pd(&home, &["status", "dev:all"]),
        5,
        "after 14 of the 104 bytes",
    );
    mode(KasaMode::NotJson);
    fails(pd(&home, &["status", "dev:all"]), 5, "not JSON");
    mode(KasaMode::Normal);
    assert_eq!(ok(pd(&home, &["off", "dev:1"])), "dev:1 (A): off\n");
}

#[test]
fn kasa_errors_and_silence_are_reported() {
    // A child the strip no longer has: its err_code and err_msg (exit 1).
    let (port, device) = kasa(None, &[("A", true), ("B", false)]);
    let home = kasa_home(port);
    device.lock().unwrap().mode = KasaMode::Renumbered;
    fails(pd(&home, &["on", "dev:2"]), 1, "entry not exist");

    // Nothing listening: unreachable (exit 4).
    let closed = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = closed.local_addr().unwrap().port();
    drop(closed);
    fails(pd(&kasa_home(port), &["status", "dev:all"]), 4, "");

    // Accepts, never answers: a timeout (exit 4).
    let silent = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = silent.local_addr().unwrap().port();
    let home = driver_home("kasa-iot", port, "retries = 0\ntimeout = 1\n");
    let held = std::thread::spawn(move || {
        let (stream, _) = silent.accept().unwrap();
        std::thread::sleep(Duration::from_secs(3));
        drop(stream);
    });
    fails(pd(&home, &["status", "dev:all"]), 4, "did not answer");
    held.join().unwrap();
}

// ---------------------------------------------------------------------------------------
// WiZ (B28): JSON datagrams to UDP 38899, answered to the sender's port.

#[derive(Clone, Copy, PartialEq, Eq)]
enum WizMode {
    Normal,
    /// Each request's first datagram is lost.
    LoseFirst,
    /// Every setPilot is lost.
    LoseWrites,
    /// Answers bytes that are not JSON.
    Garbage,
    /// Answers from another port of its host only (not the device's answer).
    Foreign,
    /// A foreign datagram, then the answer.
    ForeignThenAnswer,
    /// Never answers.
    Silent,
    /// setPilot answers a JSON-RPC error.
    Refuse,
}

struct Wiz {
    on: bool,
    mode: WizMode,
    /// Datagrams received, by method.
    got: Vec<String>,
}

type WizShared = Arc<Mutex<Wiz>>;

fn wiz(on: bool) -> (u16, WizShared) {
    let shared = Arc::new(Mutex::new(Wiz {
        on,
        mode: WizMode::Normal,
        got: Vec::new(),
    }));
    let socket = UdpSocket::bind("127.0.0.1:0").unwrap();
    let port = socket.local_addr().unwrap().port();
    let other = UdpSocket::bind("127.0.0.1:0").unwrap();
    let device = shared.clone();
    std::thread::spawn(move || {
        let mut buffer = [0u8; 2048];
        let mut lost: Vec<String> = Vec::new();
        loop {
            let Ok((n, from)) = socket.recv_from(&mut buffer) else {
                return;
            };
            let Ok(request) = serde_json::from_slice::<Value>(&buffer[..n]) else {
                continue;
            };
            let method = request["method"].as_str().unwrap_or("").to_string();
            let mut w = device.lock().unwrap();
            w.got.push(method.clone());
            let lose = match w.mode {
                WizMode::LoseFirst => {
                    let first = !lost.contains(&request.to_string());
                    lost.push(request.to_string());
                    first
                }
                WizMode::LoseWrites => method == "setPilot",
                WizMode::Silent => true,
                _ => false,
            };
            if lose {
                continue;
            }
            let answer = match method.as_str() {
                "getPilot" => json!({"method": "getPilot", "env": "pro", "result": {
                    "mac": "a8bb50e4c2f1", "rssi": -58, "state": w.on, "sceneId": 0
                }}),
                "setPilot" if w.mode == WizMode::Refuse => json!({
                    "method": "setPilot", "env": "pro",
                    "error": {"code": -32600, "message": "Invalid Request"}
                }),
                "setPilot" => {
                    if let Some(state) = request.pointer("/params/state").and_then(Value::as_bool) {
                        w.on = state;
                    }
                    json!({"method": "setPilot", "env": "pro", "result": {"success": true}})
                }
                _ => json!({"method": method, "env": "pro",
                            "error": {"code": -32601, "message": "Method not found"}}),
            };
            let answer = answer.to_string();
            match w.mode {
                WizMode::Garbage => {
                    let _ = socket.send_to(b"\x00\xff\x1b[2Jnot json", from);
                }
                WizMode::Foreign => {
                    let _ = other.send_to(answer.as_bytes(), from);
                }
                WizMode::ForeignThenAnswer => {
                    let _ = other.send_to(b"{\"result\":{\"state\":false}}", from);
                    let _ = socket.send_to(answer.as_bytes(), from);
                }
                _ => {
                    let _ = socket.send_to(answer.as_bytes(), from);
                }
            }
        }
    });
    (port, shared)
}

#[test]
fn wiz_plug_switches_and_resends_what_may_be_resent() {
    let (port, device) = wiz(false);
    let home = driver_home("wiz", port, "retries = 0\ntimeout = 2\n");
    let outlets = json(&ok(pd(&home, &["-d", "dev", "get", "relay/outlets"])));
    assert_eq!(outlets.as_array().unwrap().len(), 1);
    assert_eq!(outlets[0]["name"], json!("Outlet 1"));
    assert_eq!(outlets[0]["state"], json!(false));
    assert_eq!(ok(pd(&home, &["on", "dev:1"])), "dev:1 (Outlet 1): on\n");
    assert!(device.lock().unwrap().on);

    // Lost datagrams: a read and an absolute write are sent again.
    device.lock().unwrap().mode = WizMode::LoseFirst;
    device.lock().unwrap().got.clear();
    let home = driver_home("wiz", port, "retries = 3\ntimeout = 2\n");
    assert_eq!(ok(pd(&home, &["off", "dev:1"])), "dev:1 (Outlet 1): off\n");
    let w = device.lock().unwrap();
    assert!(!w.on);
    assert_eq!(
        w.got.iter().filter(|m| *m == "setPilot").count(),
        2,
        "{:?}",
        w.got
    );
}

#[test]
fn a_write_marked_not_repeatable_is_sent_once() {
    let (port, device) = wiz(false);
    // The WiZ file with its write marked as one that adds up (as a toggle would).
    let builtin =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/drivers/wiz.toml")).unwrap();
    let once = builtin
        .replace("id = \"wiz\"", "id = \"wiz-once\"")
        .replace(
            "{v:true|false}}}}}' }",
            "{v:true|false}}}}}', repeat = false }",
        );
    assert!(once.contains("repeat = false"));
    let home = driver_home("wiz-once", port, "retries = 3\ntimeout = 1\n");
    let dir = home.dir.path().join("config/pductl/drivers");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("wiz-once.toml"), once).unwrap();
    device.lock().unwrap().mode = WizMode::LoseWrites;
    // One write, as `set` sends it: a datagram that got no answer is not sent again.
    fails(
        pd(
            &home,
            &["-d", "dev", "set", "relay/outlets/0/state", "true"],
        ),
        4,
        "did not answer",
    );
    let got = device.lock().unwrap().got.clone();
    assert_eq!(
        got.iter().filter(|m| *m == "setPilot").count(),
        1,
        "{got:?}"
    );
    // The same file without repeat = false sends it again within the retries.
    device.lock().unwrap().got.clear();
    let home = driver_home("wiz", port, "retries = 2\ntimeout = 1\n");
    fails(
        pd(
            &home,
            &["-d", "dev", "set", "relay/outlets/0/state", "true"],
        ),
        4,
        "did not answer",
    );
    let got = device.lock().unwrap().got.clone();
    // Every timeout / (1 + retries), within the budget of (1 + retries) x timeout.
    let sent = got.iter().filter(|m| *m == "setPilot").count();
    assert!((2..=9).contains(&sent), "{got:?}");
    assert!(!device.lock().unwrap().on);
}

#[test]
fn wiz_garbage_foreign_and_missing_answers() {
    let (port, device) = wiz(true);
    let home = driver_home("wiz", port, "retries = 0\ntimeout = 1\n");
    let mode = |m| device.lock().unwrap().mode = m;
    mode(WizMode::Garbage);
    let line = fails(pd(&home, &["status", "dev:all"]), 5, "not JSON");
    assert!(!line.contains('\x1b'), "escaped: {line:?}");
    mode(WizMode::Foreign);
    fails(pd(&home, &["status", "dev:all"]), 4, "did not answer");
    mode(WizMode::ForeignThenAnswer);
    let outlets = json(&ok(pd(&home, &["-d", "dev", "get", "relay/outlets"])));
    assert_eq!(
        outlets[0]["state"],
        json!(true),
        "the device's answer, not the other"
    );
    mode(WizMode::Refuse);
    fails(pd(&home, &["off", "dev:1"]), 1, "Invalid Request");
    assert!(device.lock().unwrap().on);
    mode(WizMode::Silent);
    fails(pd(&home, &["status", "dev:all"]), 4, "did not answer");
}

// ---------------------------------------------------------------------------------------
// Anel NET-PwrCtrl (B10): text datagrams to its receive port, answered to the sender's host
// on its send port; "wer da?" asks for the status; Sw_on<i><user><password> and
// Sw_off... switch; a wrong account is answered ":NoPass:Err".

struct Anel {
    relays: Vec<(String, bool)>,
    /// The HUT's I/O pins follow the relays in its status.
    io: bool,
    got: Vec<String>,
}

type AnelShared = Arc<Mutex<Anel>>;

fn anel_status(a: &Anel) -> String {
    let mut s = String::from(
        "NET-PwrCtrl:NET-CONTROL    :127.0.0.1:255.255.255.0:127.0.0.1:0.4.163.10.9.107:",
    );
    for (name, on) in &a.relays {
        s.push_str(&format!("{name},{}:", u8::from(*on)));
    }
    s.push_str("0:80:");
    if a.io {
        for k in 1..=8 {
            s.push_str(&format!("IO-{k},0,{}:", k % 2));
        }
        s.push_str("27.7\u{b0}C:NET-PWRCTRL_06.1:h:");
    } else {
        s.push_str("NET-PWRCTRL_04.6:H:");
    }
    s
}

/// An Anel that answers to `answer_port` of whoever sent, with account admin/anel.
fn anel(answer_port: u16, io: bool) -> (u16, AnelShared) {
    let names = [
        "Nr. 1", "Server", "Nr. 3", "Nr. 4", "Nr. 5", "Nr. 6", "Nr. 7", "Nr. 8",
    ];
    let shared = Arc::new(Mutex::new(Anel {
        relays: names
            .iter()
            .enumerate()
            .map(|(k, n)| (n.to_string(), k == 0))
            .collect(),
        io,
        got: Vec::new(),
    }));
    let socket = UdpSocket::bind("127.0.0.1:0").unwrap();
    let port = socket.local_addr().unwrap().port();
    let device = shared.clone();
    std::thread::spawn(move || {
        let mut buffer = [0u8; 2048];
        loop {
            let Ok((n, from)) = socket.recv_from(&mut buffer) else {
                return;
            };
            let text = String::from_utf8_lossy(&buffer[..n]).into_owned();
            let mut a = device.lock().unwrap();
            a.got.push(text.clone());
            let answer = if text.trim() == "wer da?" {
                Some(anel_status(&a))
            } else if let Some((on, rest)) = text
                .strip_prefix("Sw_on")
                .map(|r| (true, r))
                .or_else(|| text.strip_prefix("Sw_off").map(|r| (false, r)))
            {
                let digit = rest.chars().next().and_then(|c| c.to_digit(10));
                match (digit, &rest[1.min(rest.len())..]) {
                    (Some(i @ 1..=8), "adminanel") => {
                        a.relays[i as usize - 1].1 = on;
                        Some(anel_status(&a))
                    }
                    _ => Some("NET-PwrCtrl:NET-CONTROL    :NoPass:Err".to_string()),
                }
            } else {
                None
            };
            drop(a);
            if let Some(answer) = answer {
                let to = SocketAddr::new(from.ip(), answer_port);
                let mut bytes = answer.into_bytes();
                // The firmware sends its temperature's degree sign in Latin-1.
                if let Some(at) = bytes.windows(2).position(|w| w == "\u{b0}".as_bytes()) {
                    bytes.splice(at..at + 2, [0xb0]);
                }
                let _ = socket.send_to(&bytes, to);
            }
        }
    });
    (port, shared)
}

fn free_udp_port() -> u16 {
    UdpSocket::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A home whose profile names the Anel at `port` through the built-in file with its answer
/// port set to `answer_port` (a driver file of the user's own, as the file says to write
/// for a port above 1023), account admin and the password from the environment.
fn anel_home(port: u16, answer_port: u16) -> Home {
    let builtin =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/drivers/anel.toml")).unwrap();
    let mine = builtin
        .replace("id = \"anel\"", "id = \"anel-lab\"")
        .replace("answer_port = 77", &format!("answer_port = {answer_port}"));
    assert!(mine.contains(&format!("answer_port = {answer_port}")));
    let home = driver_home(
        "anel-lab",
        port,
        &format!("retries = 0\ntimeout = 1\nuser = \"admin\"\npassword_env = \"{PASSWORD_VAR}\"\n"),
    );
    let dir = home.dir.path().join("config/pductl/drivers");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("anel-lab.toml"), mine).unwrap();
    home
}

#[test]
fn anel_reads_its_status_and_switches_with_the_account() {
    for io in [false, true] {
        let answer_port = free_udp_port();
        let (port, device) = anel(answer_port, io);
        let home = anel_home(port, answer_port);
        let outlets = json(&ok(pd_with(
            &home,
            "anel",
            &["-d", "dev", "get", "relay/outlets"],
        )));
        let outlets = outlets.as_array().unwrap();
        assert_eq!(
            outlets.len(),
            8,
            "the relays, not the I/O pins: {outlets:?}"
        );
        assert_eq!(outlets[1]["name"], json!("Server"));
        assert_eq!(outlets[0]["state"], json!(true));
        assert_eq!(
            ok(pd_with(&home, "anel", &["on", "dev:Server"])),
            "dev:2 (Server): on\n"
        );
        // -v traces every datagram, the password masked.
        let verbose = pd_with(&home, "anel", &["-v", "off", "dev:1"]);
        let (code, stdout, stderr) = run(verbose);
        assert_eq!(
            (code, stdout.as_str()),
            (0, "dev:1 (Nr. 1): off\n"),
            "{stderr}"
        );
        assert!(stderr.contains("Sw_off1admin***"), "{stderr}");
        assert!(!stderr.contains("adminanel"), "{stderr}");
        let a = device.lock().unwrap();
        assert!(a.relays[1].1 && !a.relays[0].1);
        assert!(a.got.iter().any(|d| d == "Sw_on2adminanel"), "{:?}", a.got);
        assert!(a.got.iter().any(|d| d == "Sw_off1adminanel"), "{:?}", a.got);
    }
}

#[test]
fn anel_refuses_a_wrong_account_and_passes_over_other_hosts() {
    let answer_port = free_udp_port();
    let (port, device) = anel(answer_port, false);
    let home = anel_home(port, answer_port);
    let line = fails(pd_with(&home, "wrong", &["on", "dev:3"]), 3, "NoPass");
    assert!(!line.contains("wrong"), "no password in messages: {line}");
    assert!(!device.lock().unwrap().relays[2].1);

    // Another host's status on the answer port is not the device's.
    let impostor = UdpSocket::bind("127.0.0.2:0").unwrap();
    let flood = std::thread::spawn(move || {
        for _ in 0..40 {
            let _ = impostor.send_to(
                b"NET-PwrCtrl:EVIL:127.0.0.2:x:x:x:Nr. 1,1:Nr. 2,1:0:80:",
                ("127.0.0.1", answer_port),
            );
            std::thread::sleep(Duration::from_millis(25));
        }
    });
    let outlets = json(&ok(pd_with(
        &home,
        "anel",
        &["-d", "dev", "get", "relay/outlets"],
    )));
    assert_eq!(outlets.as_array().unwrap().len(), 8);
    flood.join().unwrap();

    // A device that does not answer (UDP disabled, wrong port): exit 4.
    let silent = UdpSocket::bind("127.0.0.1:0").unwrap();
    let home = anel_home(silent.local_addr().unwrap().port(), answer_port);
    fails(
        pd_with(&home, "anel", &["status", "dev:all"]),
        4,
        "did not answer",
    );
}

#[test]
fn wire_driver_files_are_checked_with_their_places() {
    let home = Home::new();
    let dir = home.dir.path().to_path_buf();
    let file = |name: &str, text: &str| {
        let path = dir.join(name);
        std::fs::write(&path, text).unwrap();
        path.display().to_string()
    };
    let head = "[driver]\nid = \"w\"\ntransport = \"wire\"\n";
    let outlets = "[outlets]\nlist = { payload = \"x\" }\nstate.read = { pointer = \"/on\" }\n";
    for (wire, rest, needle) in [
        ("", outlets, "needs a [wire] section"),
        (
            "[wire]\nprotocol = \"tcp\"\ncodec = \"json\"\n",
            outlets,
            "codec \"json\" over TCP",
        ),
        (
            "[wire]\nprotocol = \"tcp\"\ncodec = \"kasa\"\nanswer_port = 77\n",
            outlets,
            "answer_port is for UDP",
        ),
        (
            "[wire]\nprotocol = \"udp\"\ncodec = \"json\"\n",
            "[outlets]\nlist = { payload = \"{id}\" }\nstate.read = { pointer = \"/on\" }\n",
            "names {id}",
        ),
        (
            "[wire]\nprotocol = \"udp\"\ncodec = \"text\"\n",
            outlets,
            "read with a regex",
        ),
        (
            "[wire]\nprotocol = \"udp\"\ncodec = \"json\"\n",
            "[outlets]\nlist = { get = \"/\" }\nstate.read = { pointer = \"/on\" }\n",
            "a wire list is the payload",
        ),
    ] {
        let path = file("w.toml", &format!("{head}{wire}{rest}"));
        let mut c = home.cmd();
        c.args(["drivers", "check", &path]);
        let line = fails(c, 2, needle);
        assert!(line.contains("w.toml:"), "{line}");
    }
}
