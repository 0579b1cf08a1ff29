//! Drivers as data: the worked example `drivers/examples/acme-powerstrip.toml` copied into
//! the user's drivers directory drives an ACME power strip built here to the issue's
//! description (on the tests' own HTTP server; it shares no code with the driver engine),
//! through the uom verbs and the power verbs; the built-in HTTP drivers drive hand-written
//! devices that answer as those vendors document, and the SNMP ones a real snmpd serving
//! their MIBs' objects; and `pductl drivers list|show|check`.

mod common;
use common::*;
use serde_json::{json, Value};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const EXAMPLE: &str = include_str!("../drivers/examples/acme-powerstrip.toml");

/// One port of the ACME strip; `change` is (when, relay after) while one is under way.
#[derive(Clone)]
struct Port {
    label: String,
    relay: bool,
    changes: Vec<(Instant, bool)>,
}

#[derive(Default)]
struct Strip {
    ports: Vec<Port>,
    busy: bool,
    /// Every PUT body received, for the test to see what was sent.
    puts: Vec<(String, String)>,
    /// Makes port 1 answer a relay value no driver maps.
    garbled: bool,
}

impl Strip {
    fn settle(&mut self) {
        let now = Instant::now();
        for p in &mut self.ports {
            while p.changes.first().is_some_and(|(at, _)| *at <= now) {
                let (_, relay) = p.changes.remove(0);
                p.relay = relay;
            }
        }
    }

    fn port_json(&self, i: usize) -> Value {
        let p = &self.ports[i];
        let relay = if self.garbled && i == 0 {
            json!("maybe")
        } else {
            json!(if p.relay { "on" } else { "off" })
        };
        json!({"port": i + 1, "label": p.label, "relay": relay,
               "watts": if p.relay { 12.5 * (i + 1) as f64 } else { 0.0 },
               "pending": !p.changes.is_empty()})
    }
}

/// The ACME strip on a loopback port: Basic auth (ops / strip-pass), the API of the issue.
fn acme() -> (RawServer, Arc<Mutex<Strip>>) {
    let strip = Arc::new(Mutex::new(Strip {
        ports: (1..=4)
            .map(|i| Port {
                label: format!("Port {i}"),
                relay: false,
                changes: Vec::new(),
            })
            .collect(),
        ..Strip::default()
    }));
    let shared = strip.clone();
    // ops:strip-pass
    let server = RawServer::start(move |r| {
        if !authorized(r, "b3BzOnN0cmlwLXBhc3M=") {
            return http_answer(
                "401 Unauthorized",
                &[
                    "WWW-Authenticate: Basic realm=\"acme\"",
                    "Content-Type: application/json",
                ],
                &json!({"error": "login required"}).to_string(),
            );
        }
        let body = String::from_utf8_lossy(&r.body).trim().to_string();
        let (status, answer) = respond(&mut shared.lock().unwrap(), &r.method, &r.uri, &body);
        http_answer(
            status,
            &["Content-Type: application/json"],
            &answer.to_string(),
        )
    });
    (server, strip)
}

fn respond(s: &mut Strip, method: &str, path: &str, body: &str) -> (&'static str, Value) {
    s.settle();
    let parts: Vec<&str> = path.trim_matches('/').split('/').collect();
    let port = |n: &str| {
        n.parse::<usize>()
            .ok()
            .filter(|n| (1..=s.ports.len()).contains(n))
    };
    match (method, parts.as_slice()) {
        ("GET", ["api", "v1", "ports"]) => {
            let ports: Vec<Value> = (0..s.ports.len()).map(|i| s.port_json(i)).collect();
            ("200 OK", json!({"ports": ports}))
        }
        ("GET", ["api", "v1", "ports", n]) => match port(n) {
            Some(n) => ("200 OK", s.port_json(n - 1)),
            None => ("404 Not Found", json!({"error": "no such port"})),
        },
        ("PUT", ["api", "v1", "ports", n, field]) => {
            let Some(n) = port(n) else {
                return ("404 Not Found", json!({"error": "no such port"}));
            };
            s.puts.push((path.to_string(), body.to_string()));
            if s.busy {
                return ("200 OK", json!({"error": "device busy"}));
            }
            let now = Instant::now();
            let p = &mut s.ports[n - 1];
            match (*field, body) {
                ("relay", "on" | "off") => {
                    p.changes = vec![(now + Duration::from_millis(500), body == "on")];
                }
                ("relay", "cycle") => {
                    p.changes = vec![
                        (now + Duration::from_millis(500), false),
                        (now + Duration::from_millis(2500), true),
                    ];
                }
                ("label", label) if !label.is_empty() => {
                    p.label = label.to_string();
                    return ("200 OK", s.port_json(n - 1));
                }
                _ => {
                    return (
                        "400 Bad Request",
                        json!({"error": format!("bad body '{body}'")}),
                    )
                }
            }
            ("202 Accepted", s.port_json(n - 1))
        }
        _ => ("404 Not Found", json!({"error": "no such resource"})),
    }
}

/// A home whose profile names the strip as `strip`, with the example in the user's drivers.
fn home_with_strip(port: u16) -> Home {
    let home = Home::new();
    let drivers = home.dir.path().join("config/pductl/drivers");
    std::fs::create_dir_all(&drivers).unwrap();
    std::fs::write(drivers.join("acme-powerstrip.toml"), EXAMPLE).unwrap();
    home.write_profile(&format!(
        "[devices.strip]\ndriver = \"acme-powerstrip\"\nhost = \"127.0.0.1\"\nport = {port}\n\
         password_env = \"{PASSWORD_VAR}\"\ntimeout = 5\n"
    ));
    home
}

fn pd(home: &Home, args: &[&str]) -> assert_cmd::Command {
    let mut c = home.cmd();
    c.env(PASSWORD_VAR, "strip-pass").args(args);
    c
}

#[test]
fn the_acme_example_drives_an_acme_strip() {
    let (server, strip) = acme();
    let home = home_with_strip(server.port);
    let outlets = json(&ok(pd(&home, &["-d", "strip", "get", "relay/outlets"])));
    assert_eq!(outlets.as_array().unwrap().len(), 4);
    assert_eq!(outlets[1]["name"], json!("Port 2"), "names are the labels");
    assert_eq!(outlets[1]["physical_state"], json!(false));

    // on: the relay changes 0.5 s after the 202; the pending state is waited out.
    let started = Instant::now();
    assert_eq!(ok(pd(&home, &["on", "strip:2"])), "strip:2 (Port 2): on\n");
    assert!(started.elapsed() >= Duration::from_millis(500));
    assert!(strip.lock().unwrap().ports[1].relay);
    let values = json(&ok(pd(&home, &["-d", "strip", "get", "meter/values"])));
    assert_eq!(values["outlets.1.power"]["value"], json!(25.0));
    assert_eq!(values["outlets.1.power"]["unit"], json!("W"));

    // cycle uses the device's own: one PUT with body "cycle", and it comes back on.
    let started = Instant::now();
    assert_eq!(
        ok(pd(&home, &["cycle", "strip:2"])),
        "strip:2 (Port 2): cycled, on\n"
    );
    assert!(
        started.elapsed() >= Duration::from_millis(2500),
        "waited for it to come back"
    );
    let puts = strip.lock().unwrap().puts.clone();
    assert!(
        puts.contains(&("/api/v1/ports/2/relay".into(), "cycle".into())),
        "{puts:?}"
    );
    assert!(strip.lock().unwrap().ports[1].relay);

    // Renaming writes the label.
    ok(pd(
        &home,
        &[
            "-d",
            "strip",
            "set",
            "relay/outlets/0/name",
            "\"DUT power\"",
        ],
    ));
    assert_eq!(strip.lock().unwrap().ports[0].label, "DUT power");
    assert_eq!(
        ok(pd(&home, &["on", "strip:DUT power"])),
        "strip:1 (DUT power): on\n"
    );

    // A busy device answers 200 and changes nothing: an error naming it, never success.
    strip.lock().unwrap().busy = true;
    fails(pd(&home, &["off", "strip:1"]), 1, "device busy");
    strip.lock().unwrap().busy = false;
    assert!(strip.lock().unwrap().ports[0].relay);

    fails(
        pd(&home, &["-d", "strip", "get", "relay/outlets/9"]),
        1,
        "outlets 0-3",
    );
    // The outlets are the strip's: none is added or taken away.
    fails(
        pd(&home, &["-d", "strip", "insert", "relay/outlets/-", "{}"]),
        8,
        "outlets are the device's",
    );
    fails(
        pd(&home, &["-d", "strip", "remove", "relay/outlets/0"]),
        8,
        "outlets are the device's",
    );
    assert_eq!(strip.lock().unwrap().ports.len(), 4);
    // A value the file does not map is a malformed answer naming driver, field and value.
    strip.lock().unwrap().garbled = true;
    fails(
        pd(&home, &["-d", "strip", "get", "relay/outlets"]),
        5,
        "\"maybe\"",
    );
    // A wrong password.
    let mut c = home.cmd();
    c.env(PASSWORD_VAR, "wrong")
        .args(["-d", "strip", "get", "relay/outlets"]);
    fails(c, 3, "rejected the user name or password");
}

#[test]
fn drivers_list_show_and_check() {
    let home = home_with_strip(1);
    let list = json(&ok(pd(&home, &["-o", "json", "drivers", "list"])));
    let acme = list
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["name"] == json!("acme-powerstrip"))
        .expect("the user's driver is listed")
        .clone();
    assert_eq!(acme["transport"], json!("http"));
    assert!(acme["from"]
        .as_str()
        .unwrap()
        .ends_with("drivers/acme-powerstrip.toml"));
    assert_eq!(
        ok(pd(&home, &["drivers", "show", "acme-powerstrip"])).trim(),
        EXAMPLE.trim()
    );

    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let example = root.join("drivers/examples/acme-powerstrip.toml");
    ok(pd(&home, &["drivers", "check", example.to_str().unwrap()]));
    let broken = home.dir.path().join("broken.toml");
    for (from, to, needle) in [
        (
            "index_base = 1",
            "index_base = 1\nbogus = 2",
            "unknown field `bogus`",
        ),
        (
            "/api/v1/ports/{i}/label",
            "/api/v1/ports/{port}/label",
            "names {port}",
        ),
        (
            "pointer = \"/watts\"",
            "pointer = \"watts\"",
            "not a JSON pointer",
        ),
    ] {
        std::fs::write(&broken, EXAMPLE.replace(from, to)).unwrap();
        let line = fails(
            pd(&home, &["drivers", "check", broken.to_str().unwrap()]),
            2,
            needle,
        );
        let place = format!("{}:", broken.display());
        assert!(line.contains(&place), "{line}");
        let after = &line[line.find(&place).unwrap() + place.len()..];
        assert!(
            after.split(':').take(2).all(|n| n.parse::<u32>().is_ok()),
            "line:col in {line}"
        );
    }
    fails(
        pd(&home, &["drivers", "show", "no-such"]),
        2,
        "no driver 'no-such'",
    );
}

/// A home whose profile names one device reached through a built-in driver, with a
/// password from the environment when `password` (a device with no login has none).
fn home_with_driver(name: &str, driver: &str, port: u16, password: bool) -> Home {
    let home = Home::new();
    let password = if password {
        format!("password_env = \"{PASSWORD_VAR}\"\n")
    } else {
        String::new()
    };
    home.write_profile(&format!(
        "[devices.{name}]\ndriver = \"{driver}\"\nhost = \"127.0.0.1\"\nport = {port}\n\
         {password}timeout = 5\n"
    ));
    home
}

fn physical_states(outlets: &str) -> Value {
    json(outlets)
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["physical_state"].clone())
        .collect()
}

/// Whether a request to a hand-written device carried the expected Basic credentials.
fn authorized(r: &RawRequest, basic: &str) -> bool {
    r.header("authorization") == Some(&format!("Basic {basic}")[..])
}

fn json_answer(body: &Value) -> String {
    http_answer(
        "200 OK",
        &["Content-Type: application/json"],
        &body.to_string(),
    )
}

fn unauthorized() -> String {
    http_answer(
        "401 Unauthorized",
        &["WWW-Authenticate: Basic realm=\"x\""],
        "",
    )
}

/// Gude Expert Power Control in "Basic Compatible" mode, to the API facts in
/// protocols/drivers.md ("Gude"): status at /status.json?components=1 with `outputs[]`
/// whose `state` is 0 or 1; switching by GET with cmd=1, p (port from 1) and s (0 or 1).
#[test]
fn the_gude_driver_switches_a_gude_unit() {
    let relays = Arc::new(Mutex::new(vec![false, true, false]));
    let state = relays.clone();
    // admin:admin, the unit's factory account.
    let server = RawServer::start(move |r| {
        if !authorized(r, "YWRtaW46YWRtaW4=") {
            return unauthorized();
        }
        let mut relays = state.lock().unwrap();
        let query: std::collections::HashMap<&str, &str> = r
            .uri
            .split_once('?')
            .map(|(_, q)| q.split('&').filter_map(|kv| kv.split_once('=')).collect())
            .unwrap_or_default();
        if r.method != "GET" || !r.uri.starts_with("/status.json?") {
            return http_answer("404 Not Found", &[], "");
        }
        if query.get("cmd") == Some(&"1") {
            let port: usize = query["p"].parse().unwrap();
            relays[port - 1] = query["s"] == "1";
        }
        let outputs: Vec<Value> = relays
            .iter()
            .enumerate()
            .map(|(i, on)| json!({"name": format!("Power Port {}", i + 1), "state": *on as u8, "type": 1}))
            .collect();
        json_answer(&json!({"outputs": outputs}))
    });
    let home = home_with_driver("gude", "gude-http", server.port, true);
    let gude = |args: &[&str]| {
        let mut c = home.cmd();
        c.env(PASSWORD_VAR, "admin").args(args);
        c
    };
    let states = physical_states(&ok(gude(&["-d", "gude", "get", "relay/outlets"])));
    assert_eq!(states, json!([false, true, false]));
    assert_eq!(
        server.requests().len(),
        1,
        "every outlet in one request, credentials sent up front"
    );
    assert_eq!(
        ok(gude(&["on", "gude:3"])),
        "gude:3 (Power Port 3): on\n",
        "port 3 is outlet 3 to a person"
    );
    assert_eq!(*relays.lock().unwrap(), vec![false, true, true]);
    ok(gude(&["off", "gude:2"]));
    assert_eq!(*relays.lock().unwrap(), vec![false, false, true]);
    let uris = |part: &str| -> Vec<String> {
        server
            .requests()
            .into_iter()
            .map(|r| r.uri)
            .filter(|u| u.contains(part))
            .collect()
    };
    assert_eq!(
        uris("cmd=1"),
        [
            "/status.json?components=0&cmd=1&p=3&s=1",
            "/status.json?components=0&cmd=1&p=2&s=0"
        ]
    );
    // Gude has no cycle of its own: pductl's is off, a wait, then on.
    relays.lock().unwrap()[0] = true;
    let result = json(&ok(gude(&[
        "-o",
        "json",
        "cycle",
        "--off-time",
        "0.2",
        "gude:1",
    ])));
    assert_eq!(result[0]["cycle"], json!("off-on"));
    assert!(relays.lock().unwrap()[0]);
    assert_eq!(
        uris("cmd=1&p=1&"),
        [
            "/status.json?components=0&cmd=1&p=1&s=0",
            "/status.json?components=0&cmd=1&p=1&s=1"
        ]
    );
    fails(
        {
            let mut c = home.cmd();
            c.env(PASSWORD_VAR, "wrong").args(["-d", "gude", "status"]);
            c
        },
        3,
        "rejected the user name or password",
    );
}

/// A Shelly Gen1 device with two relays, to the API facts in protocols/drivers.md
/// ("Shelly"): GET /status lists `relays[]` with `ison`; POST /relay/<id>?turn=on|off.
#[test]
fn the_shelly_driver_switches_a_shelly_gen1() {
    let relays = Arc::new(Mutex::new(vec![false, false]));
    let state = relays.clone();
    // admin:shelly-pass
    let server = RawServer::start(move |r| {
        if !authorized(r, "YWRtaW46c2hlbGx5LXBhc3M=") {
            return unauthorized();
        }
        let mut relays = state.lock().unwrap();
        let relay_json = |on: bool| json!({"ison": on, "has_timer": false, "source": "http"});
        match (r.method.as_str(), r.uri.as_str()) {
            ("GET", "/status") => json_answer(&json!({
                "relays": relays.iter().map(|on| relay_json(*on)).collect::<Vec<_>>(),
                "uptime": 100
            })),
            ("POST", uri) if uri.starts_with("/relay/") => {
                let (id, turn) = uri["/relay/".len()..].split_once("?turn=").unwrap();
                let id: usize = id.parse().unwrap();
                if id >= relays.len() {
                    return http_answer("404 Not Found", &[], "Not Found");
                }
                relays[id] = turn == "on";
                json_answer(&relay_json(relays[id]))
            }
            _ => http_answer("404 Not Found", &[], "Not Found"),
        }
    });
    let home = home_with_driver("plug", "shelly-gen1", server.port, true);
    let shelly = |args: &[&str]| {
        let mut c = home.cmd();
        c.env(PASSWORD_VAR, "shelly-pass").args(args);
        c
    };
    ok(shelly(&["on", "plug:2"]));
    assert_eq!(*relays.lock().unwrap(), vec![false, true]);
    assert!(server
        .requests()
        .iter()
        .any(|r| r.method == "POST" && r.uri == "/relay/1?turn=on"));
    let states = physical_states(&ok(shelly(&["-d", "plug", "get", "relay/outlets"])));
    assert_eq!(states, json!([false, true]));
    ok(shelly(&["toggle", "plug:1"]));
    assert_eq!(*relays.lock().unwrap(), vec![true, true]);
    fails(shelly(&["on", "plug:3"]), 2, "plug has outlets 1-2");
}

/// A Tasmota unit, to the facts in protocols/drivers.md ("Tasmota"): `cmnd=State` lists
/// `POWER1`... (or `POWER` alone on a one-relay unit) among other members; `cmnd=Power<i> ON`
/// answers `{"POWER<i>":"ON"}`; a command it does not know answers `{"Command":"Unknown"}`.
/// With a web password, a request without `user=admin&password=...` in its query is
/// answered 401 `{"WARNING":"Need user=<username>&password=<password>"}`.
struct Tasmota {
    relays: Vec<bool>,
    web_password: Option<&'static str>,
    /// Answer every Power command as unknown.
    refuse: bool,
    /// Leave POWER2 out of State.
    gap: bool,
}

fn tasmota(relays: usize) -> (RawServer, Arc<Mutex<Tasmota>>) {
    let unit = Arc::new(Mutex::new(Tasmota {
        relays: vec![false; relays],
        web_password: None,
        refuse: false,
        gap: false,
    }));
    let shared = unit.clone();
    let server = RawServer::start(move |r| {
        let mut unit = shared.lock().unwrap();
        let word = |on: bool| if on { "ON" } else { "OFF" };
        let key = |i: usize, count: usize| {
            if count == 1 {
                "POWER".to_string()
            } else {
                format!("POWER{i}")
            }
        };
        let query: Vec<(&str, &str)> = r
            .uri
            .strip_prefix("/cm?")
            .unwrap_or("")
            .split('&')
            .filter_map(|kv| kv.split_once('='))
            .collect();
        let param = |name: &str| query.iter().find(|(k, _)| *k == name).map(|(_, v)| *v);
        if let Some(password) = unit.web_password {
            if param("user") != Some("admin") || param("password") != Some(password) {
                return http_answer(
                    "401 Unauthorized",
                    &["Content-Type: application/json"],
                    r#"{"WARNING":"Need user=<username>&password=<password>"}"#,
                );
            }
        }
        let command = param("cmnd").unwrap_or("").replace("%20", " ");
        let count = unit.relays.len();
        let answer = if command == "State" {
            let mut state = json!({"Time": "2026-11-26T01:00:00", "Uptime": "0T00:10:00",
                                   "Wifi": {"SSId": "lab", "RSSI": 80}});
            for (i, on) in unit.relays.iter().enumerate() {
                if !(unit.gap && i == 1) {
                    state[key(i + 1, count)] = json!(word(*on));
                }
            }
            state
        } else if let Some((i, to)) = command
            .strip_prefix("Power")
            .and_then(|c| c.split_once(' '))
            .filter(|_| !unit.refuse)
            .and_then(|(i, to)| Some((i.parse::<usize>().ok()?, to)))
            .filter(|(i, to)| (1..=count).contains(i) && ["ON", "OFF"].contains(to))
        {
            unit.relays[i - 1] = to == "ON";
            json!({ key(i, count): to })
        } else {
            json!({"Command": "Unknown"})
        };
        json_answer(&answer)
    });
    (server, unit)
}

#[test]
fn the_tasmota_driver_switches_one_relay_and_several() {
    let (four, unit) = tasmota(4);
    let home = home_with_driver("sonoff", "tasmota", four.port, false);
    let run = |args: &[&str]| {
        let mut c = home.cmd();
        c.args(args);
        c
    };
    assert_eq!(ok(run(&["on", "sonoff:3"])), "sonoff:3 (Outlet 3): on\n");
    assert_eq!(unit.lock().unwrap().relays, [false, false, true, false]);
    assert!(four
        .requests()
        .iter()
        .any(|r| r.uri == "/cm?user=admin&password=&cmnd=Power3%20ON"));
    let states = physical_states(&ok(run(&["-d", "sonoff", "get", "relay/outlets"])));
    assert_eq!(states, json!([false, false, true, false]));
    // A refusal inside a 200 answer is an error, never success.
    unit.lock().unwrap().refuse = true;
    fails(run(&["off", "sonoff:3"]), 1, "Unknown");
    assert!(unit.lock().unwrap().relays[2]);
    unit.lock().unwrap().refuse = false;
    // Relays that do not run 1, 2, 3... are not guessed at.
    unit.lock().unwrap().gap = true;
    fails(
        run(&["-d", "sonoff", "get", "relay/outlets"]),
        5,
        "POWER3 without POWER2",
    );

    // A one-relay unit names its relay POWER; pductl's outlet 1 all the same.
    let (one, plug) = tasmota(1);
    let home = home_with_driver("plug", "tasmota", one.port, false);
    let mut c = home.cmd();
    c.args(["on", "plug:1"]);
    assert_eq!(ok(c), "plug:1 (Outlet 1): on\n");
    assert_eq!(plug.lock().unwrap().relays, [true]);
    let mut c = home.cmd();
    c.args(["-d", "plug", "status"]);
    assert!(ok(c).contains("on"));
}

/// A Shelly Plus 2PM-like Gen2 device, to the facts in protocols/drivers.md ("Shelly"):
/// `Shelly.GetStatus` with `switch:0`, `switch:1` (and members that are not switches);
/// `Switch.Set` as JSON-RPC in a POST to /rpc; SHA-256 Digest as admin. Its names are in its
/// configuration, not its status (the vendor's Component Concept): `Shelly.GetConfig` has a
/// `switch:<id>` member per switch whose `name` is a string or null (unset), and
/// `Switch.SetConfig {"id": <id>, "config": {"name": ...}}` sets it, answering
/// `restart_required`.
#[test]
fn the_shelly_gen2_driver_switches_over_rpc_with_sha256_digest() {
    let switches = Arc::new(Mutex::new(vec![false, false]));
    let state = switches.clone();
    let names: Arc<Mutex<Vec<Value>>> = Arc::new(Mutex::new(vec![json!("Desk lamp"), Value::Null]));
    let config = names.clone();
    // Makes Switch.Set and Switch.SetConfig answer an RPC error (as for a switch id the
    // device does not have).
    let refuse = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let refusing = refuse.clone();
    // Makes Shelly.GetConfig leave switch:1 out.
    let short = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let shortened = short.clone();
    let (realm, nonce) = ("shellyplus2pm-a8032ab12345", "6bd1f9c2");
    let server = RawServer::start(move |r| {
        if !http_device::digest_sha256_ok(r, realm, nonce, "admin", "gen2-pass") {
            return http_answer(
                "401 Unauthorized",
                &[&format!(
                    "WWW-Authenticate: Digest qop=\"auth\", realm=\"{realm}\", nonce=\"{nonce}\", algorithm=SHA-256"
                )],
                "",
            );
        }
        let mut switches = state.lock().unwrap();
        let mut names = config.lock().unwrap();
        let refused = refusing.load(std::sync::atomic::Ordering::SeqCst);
        match (r.method.as_str(), r.uri.as_str()) {
            ("GET", "/rpc/Shelly.GetStatus") => {
                let mut status = json!({"sys": {"uptime": 50}, "wifi": {"rssi": -60},
                                        "input:0": {"id": 0, "state": false}});
                // A 2PM meters both channels; this one as a Plus 1 would on channel 1: no meter.
                for (id, on) in switches.iter().enumerate() {
                    status[format!("switch:{id}")] = if id == 0 {
                        json!({"id": id, "source": "HTTP", "output": on,
                               "apower": if *on { 41.5 } else { 0.0 }, "voltage": 229.8,
                               "current": if *on { 0.2 } else { 0.0 },
                               "aenergy": {"total": 1234.5, "by_minute": [0.0, 0.0, 0.0]}})
                    } else {
                        json!({"id": id, "source": "HTTP", "output": on})
                    };
                }
                json_answer(&status)
            }
            ("GET", "/rpc/Shelly.GetConfig") => {
                let mut config = json!({"sys": {"device": {"name": null, "mac": "A8032AB12345"}},
                                        "input:0": {"id": 0, "name": null, "type": "switch"}});
                for (id, name) in names.iter().enumerate() {
                    if id == 1 && shortened.load(std::sync::atomic::Ordering::SeqCst) {
                        continue;
                    }
                    config[format!("switch:{id}")] = json!({"id": id, "name": name,
                        "in_mode": "follow", "initial_state": "match_input", "auto_on": false,
                        "auto_on_delay": 60.0, "auto_off": false, "auto_off_delay": 60.0});
                }
                json_answer(&config)
            }
            ("POST", "/rpc") => {
                let call: Value = serde_json::from_slice(&r.body).unwrap_or(Value::Null);
                let id = call["params"]["id"].as_u64().unwrap_or(u64::MAX) as usize;
                let not_found = json!({"id": call["id"], "src": realm,
                    "error": {"code": -105, "message": "Argument 'id', value 7 not found!"}});
                let answer = match call["method"].as_str() {
                    Some("Switch.Set") => match call["params"]["on"].as_bool() {
                        Some(on) if id < switches.len() && !refused => {
                            let was = switches[id];
                            switches[id] = on;
                            json!({"id": call["id"], "src": realm, "result": {"was_on": was}})
                        }
                        _ => not_found,
                    },
                    Some("Switch.SetConfig") => match &call["params"]["config"]["name"] {
                        name @ (Value::String(_) | Value::Null) if id < names.len() && !refused => {
                            names[id] = name.clone();
                            json!({"id": call["id"], "src": realm,
                                   "result": {"restart_required": false}})
                        }
                        _ => not_found,
                    },
                    _ => json!({"id": call["id"], "src": realm,
                                "error": {"code": 404, "message": "No handler for method"}}),
                };
                json_answer(&answer)
            }
            _ => http_answer("404 Not Found", &[], ""),
        }
    });
    let home = home_with_driver("plus", "shelly-gen2", server.port, true);
    let run = |password: &str, args: &[&str]| {
        let mut c = home.cmd();
        c.env(PASSWORD_VAR, password).args(args);
        c
    };
    // Switch 1 has no name (null): it is shown by its number alone.
    assert_eq!(ok(run("gen2-pass", &["on", "plus:2"])), "plus:2: on\n");
    assert_eq!(*switches.lock().unwrap(), [false, true]);
    let sent: Vec<Value> = server
        .requests()
        .iter()
        .filter(|r| r.method == "POST" && r.header("authorization").is_some())
        .map(|r| serde_json::from_slice(&r.body).unwrap())
        .collect();
    assert_eq!(
        sent,
        [json!({"id": 1, "method": "Switch.Set", "params": {"id": 1, "on": true}})]
    );
    let outlets = ok(run("gen2-pass", &["-d", "plus", "get", "relay/outlets"]));
    assert_eq!(physical_states(&outlets), json!([false, true]));
    let named: Vec<Value> = json(&outlets)
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["name"].clone())
        .collect();
    assert_eq!(named, [json!("Desk lamp"), json!("")]);
    assert_eq!(
        ok(run("gen2-pass", &["on", "plus:Desk lamp"])),
        "plus:1 (Desk lamp): on\n"
    );
    // States alone do not ask for the configuration.
    let asked = |server: &RawServer| {
        server
            .requests()
            .iter()
            .filter(|r| r.uri == "/rpc/Shelly.GetConfig")
            .count()
    };
    let before = asked(&server);
    ok(run(
        "gen2-pass",
        &["-d", "plus", "get", "relay/outlets/all;/state"],
    ));
    assert_eq!(
        asked(&server),
        before,
        "no Shelly.GetConfig for states alone"
    );

    // Renaming: Switch.SetConfig with the name as a JSON string, whatever it holds.
    let fancy = r#"Fan "big" & {co}"#;
    ok(run(
        "gen2-pass",
        &[
            "-d",
            "plus",
            "set",
            "relay/outlets/1/name",
            &Value::String(fancy.into()).to_string(),
        ],
    ));
    assert_eq!(*names.lock().unwrap(), [json!("Desk lamp"), json!(fancy)]);
    let last: Value = serde_json::from_slice(&server.requests().last().unwrap().body).unwrap();
    assert_eq!(
        last,
        json!({"id": 1, "method": "Switch.SetConfig", "params": {"id": 1, "config": {"name": fancy}}})
    );
    let shown = json(&ok(run("gen2-pass", &["status", "plus:2"])));
    assert_eq!(shown[0]["name"], json!(fancy));
    assert_eq!(shown[0]["state"], json!("on"));
    assert_eq!(
        json(&ok(run(
            "gen2-pass",
            &["-d", "plus", "get", "relay/outlets/1/name"]
        ))),
        json!(fancy)
    );
    ok(run(
        "gen2-pass",
        &["-d", "plus", "set", "relay/outlets/1/name", "\"Fan\""],
    ));
    assert_eq!(
        ok(run("gen2-pass", &["off", "plus:Fan"])),
        "plus:2 (Fan): off\n"
    );
    assert_eq!(*switches.lock().unwrap(), [true, false]);

    ok(run("gen2-pass", &["on", "plus:1"]));
    let values = json(&ok(run(
        "gen2-pass",
        &["-d", "plus", "get", "meter/values"],
    )));
    assert_eq!(values["outlets.0.power"]["value"], json!(41.5));
    assert_eq!(values["outlets.0.energy"]["unit"], json!("Wh"));
    assert_eq!(values["outlets.0.voltage"]["value"], json!(229.8));
    assert!(
        values.get("outlets.1.power").is_none(),
        "a channel without a meter has no meter keys: {values}"
    );
    ok(run("gen2-pass", &["off", "plus:1"]));
    refuse.store(true, std::sync::atomic::Ordering::SeqCst);
    fails(run("gen2-pass", &["on", "plus:1"]), 1, "value 7 not found");
    assert_eq!(*switches.lock().unwrap(), [false, false]);
    fails(
        run(
            "gen2-pass",
            &["-d", "plus", "set", "relay/outlets/0/name", "\"Heater\""],
        ),
        1,
        "value 7 not found",
    );
    assert_eq!(names.lock().unwrap()[0], json!("Desk lamp"));
    refuse.store(false, std::sync::atomic::Ordering::SeqCst);
    // A configuration that lists other switches than the status is a malformed answer.
    short.store(true, std::sync::atomic::Ordering::SeqCst);
    fails(
        run("gen2-pass", &["-d", "plus", "status"]),
        5,
        "lists 2 outlets and names for 1",
    );
    short.store(false, std::sync::atomic::Ordering::SeqCst);
    fails(
        run("wrong", &["-d", "plus", "status"]),
        3,
        "rejected the user name or password",
    );
}

/// An APC PDU's sPDU outlet table (protocols/drivers.md, "APC Switched Rack PDU"; values from
/// the PowerNet-MIB: sPDUOutletCtl reads 1 on, 2 off and takes the same values written)
/// served by a real snmpd. Its `override -rw` objects keep what is SET, as sPDUOutletCtl,
/// read and written at the same OID, does.
#[test]
fn the_apc_driver_switches_outlets_on_a_real_snmp_agent() {
    const CTL: &str = "1.3.6.1.4.1.318.1.1.4.4.2.1.3";
    const NAME: &str = "1.3.6.1.4.1.318.1.1.4.4.2.1.4";
    let mut objects = Vec::new();
    let outlets = [
        (false, "web-1"),
        (true, "db-1"),
        (false, "switch"),
        (false, ""),
    ];
    for (i, (on, name)) in (1..).zip(outlets) {
        let ctl = if on { "1" } else { "2" };
        objects.push((format!("{CTL}.{i}"), "integer", ctl.to_string(), true));
        objects.push((
            format!("{NAME}.{i}"),
            "octet_str",
            format!("\"{name}\""),
            false,
        ));
    }
    let agent = snmp_agent(&objects);
    let home = Home::new();
    home.write_profile(&format!(
        "[devices.rack]\ndriver = \"apc\"\nhost = \"127.0.0.1\"\nport = {}\n\
         password_env = \"RO_COMMUNITY\"\nwrite_password_env = \"RW_COMMUNITY\"\ntimeout = 2\n",
        agent.port
    ));
    let run = |args: &[&str]| {
        let mut c = home.cmd();
        c.env("RO_COMMUNITY", "public")
            .env("RW_COMMUNITY", "private")
            .args(args);
        c
    };
    let ctl = |i: usize| snmp_value(&agent, &format!("{CTL}.{i}"));
    let outlets = json(&ok(run(&["-d", "rack", "get", "relay/outlets"])));
    let names: Vec<&str> = outlets
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["web-1", "db-1", "switch", ""]);
    assert_eq!(
        physical_states(&outlets.to_string()),
        json!([false, true, false, false])
    );
    assert_eq!(ok(run(&["on", "rack:switch"])), "rack:3 (switch): on\n");
    assert_eq!(ctl(3), "1");
    assert_eq!(ok(run(&["off", "rack:2"])), "rack:2 (db-1): off\n");
    assert_eq!(ctl(2), "2");
    // The states alone are one walk of one column (-v traces each exchange on stderr).
    let (code, out, err) = common::run(run(&[
        "-v",
        "-d",
        "rack",
        "get",
        "relay/outlets/all;/state",
    ]));
    assert_eq!(code, 0, "{err}");
    assert_eq!(json(&out), json!([false, false, true, false]));
    assert!(err.contains(&format!("walk {CTL}")), "{err}");
    assert!(!err.contains(NAME), "the name column is not read: {err}");
    // Nor for a write to an outlet by number.
    let (code, _, err) = common::run(run(&[
        "-v",
        "-d",
        "rack",
        "set",
        "relay/outlets/3/state",
        "false",
    ]));
    assert_eq!(code, 0, "{err}");
    assert!(!err.contains(NAME), "the name column is not read: {err}");
    // A filter on the name reads the names too.
    assert_eq!(
        json(&ok(run(&[
            "-d",
            "rack",
            "get",
            "relay/outlets/all;name=switch/state"
        ]))),
        json!([true])
    );
    fails(run(&["on", "rack:9"]), 2, "rack has outlets 1-4");
    // sPDUOutletCtl's "unknown" (4) is not a state: a malformed answer naming the value.
    let (set, out) = common::snmpd::snmp(
        &agent,
        &["snmpset", "-v2c", "-c", "private"],
        &[&format!("{CTL}.4"), "i", "4"],
    );
    assert!(set, "{out}");
    fails(run(&["-d", "rack", "get", "relay/outlets"]), 5, "= 4");
}

/// snmpd serving `objects` (OID, type, value) as `override` objects, writable with `-rw`.
fn snmp_agent(objects: &[(String, &str, String, bool)]) -> common::snmpd::Agent {
    let config: String = objects
        .iter()
        .map(|(oid, kind, value, writable)| {
            let rw = if *writable { "-rw " } else { "" };
            format!("override {rw}.{oid} {kind} {value}\n")
        })
        .collect();
    common::snmpd::Agent::start(tempfile::tempdir().unwrap(), &config)
}

/// A net-snmp tool's value for one object of the agent.
fn snmp_value(agent: &common::snmpd::Agent, oid: &str) -> String {
    let (ok, out) = common::snmpd::snmp(agent, &["snmpget", "-v2c", "-c", "public"], &[oid]);
    assert!(ok, "{out}");
    out.split_whitespace().last().unwrap_or("").to_string()
}

/// A stacked PoE switch (two units: groups 1 and 2) to POWER-ETHERNET-MIB as
/// protocols/drivers.md has it ("PoE ports"): pethPsePortAdminEnable true(1)/false(2) read and
/// written at <group>.<port>; pethPsePortType as the description. Each write goes to the
/// port's own row, whatever the group.
#[test]
fn the_poe_driver_powers_switch_ports_across_a_stack() {
    const ADMIN: &str = "1.3.6.1.2.1.105.1.1.1.3";
    const KIND: &str = "1.3.6.1.2.1.105.1.1.1.9";
    let ports = [(1, 1, "AP lobby"), (1, 2, "camera"), (2, 1, "phone")];
    let mut objects = Vec::new();
    for (group, port, descr) in ports {
        objects.push((
            format!("{ADMIN}.{group}.{port}"),
            "integer",
            "1".to_string(),
            true,
        ));
        objects.push((
            format!("{KIND}.{group}.{port}"),
            "octet_str",
            format!("\"{descr}\""),
            false,
        ));
    }
    let agent = snmp_agent(&objects);
    let home = Home::new();
    home.write_profile(&format!(
        "[devices.switch]\ndriver = \"poe-mib\"\nhost = \"127.0.0.1\"\nport = {}\n\
         write_password = \"private\"\ntimeout = 2\n",
        agent.port
    ));
    let run = |args: &[&str]| {
        let mut c = home.cmd();
        c.args(args);
        c
    };
    assert_eq!(ok(run(&["off", "switch:phone"])), "switch:3 (phone): off\n");
    assert_eq!(
        snmp_value(&agent, &format!("{ADMIN}.2.1")),
        "2",
        "unit 2, port 1"
    );
    assert_eq!(snmp_value(&agent, &format!("{ADMIN}.1.1")), "1");
    ok(run(&["off", "switch:2"]));
    assert_eq!(snmp_value(&agent, &format!("{ADMIN}.1.2")), "2");
    let outlets = json(&ok(run(&["-d", "switch", "get", "relay/outlets"])));
    assert_eq!(
        physical_states(&outlets.to_string()),
        json!([true, false, false])
    );
    assert_eq!(outlets[0]["name"], json!("AP lobby"));
}

/// An Aviosys IP Power 9258 (protocols/drivers.md, "Aviosys IP Power"): outlet i at
/// .92.58.2.<i>.0, 1 on and 0 off, SNMP v1, writes with the read community.
#[test]
fn the_aviosys_driver_switches_over_snmp_v1() {
    const OUTLETS: &str = "1.3.6.1.4.1.92.58.2";
    let objects: Vec<_> = (1..=4)
        .map(|i| (format!("{OUTLETS}.{i}.0"), "integer", "0".to_string(), true))
        .collect();
    let agent = snmp_agent(&objects);
    let home = Home::new();
    // One community for reads and writes, as the unit has.
    home.write_profile(&format!(
        "[devices.ipp]\ndriver = \"aviosys-9258\"\nhost = \"127.0.0.1\"\nport = {}\n\
         snmp_version = \"1\"\npassword = \"private\"\ntimeout = 2\n",
        agent.port
    ));
    let mut c = home.cmd();
    c.args(["on", "ipp:2-3"]);
    assert_eq!(ok(c), "ipp:2 (Outlet 2): on\nipp:3 (Outlet 3): on\n");
    let values: Vec<String> = (1..=4)
        .map(|i| snmp_value(&agent, &format!("{OUTLETS}.{i}.0")))
        .collect();
    assert_eq!(values, ["0", "1", "1", "0"]);
}

/// A Tasmota unit with a web password: the credentials go in the query, as the firmware
/// wants, and never into a message or a trace, right or wrong.
#[test]
fn the_tasmota_driver_sends_a_web_password_and_never_shows_it() {
    const SECRET: &str = "s3cret&x=1";
    let (server, unit) = tasmota(2);
    unit.lock().unwrap().web_password = Some("s3cret%26x%3D1");
    let home = home_with_driver("sonoff", "tasmota", server.port, true);
    let run = |password: &str, args: &[&str]| {
        let mut c = home.cmd();
        c.env(PASSWORD_VAR, password).args(args);
        c
    };
    let (code, stdout, stderr) = common::run(run(SECRET, &["-v", "on", "sonoff:2"]));
    assert_eq!(
        (code, stdout.as_str()),
        (0, "sonoff:2 (Outlet 2): on\n"),
        "{stderr}"
    );
    assert!(!stderr.contains("s3cret"), "{stderr}");
    assert_eq!(unit.lock().unwrap().relays, [false, true]);
    let line = fails(run("wrong-s3cret", &["off", "sonoff:2"]), 3, "HTTP 401");
    assert!(!line.contains("s3cret"), "{line}");
    let (_, _, stderr) = common::run(run(
        "wrong-s3cret",
        &["-v", "-d", "sonoff", "get", "relay/outlets"],
    ));
    assert!(!stderr.contains("s3cret"), "{stderr}");
    assert_eq!(unit.lock().unwrap().relays, [false, true]);
}

/// An mFi mPower, to the facts in protocols/drivers.md ("Ubiquiti mFi mPower") and the
/// aiompower library: a login POSTed to /login.cgi with the client's AIROS_SESSIONID cookie
/// makes that cookie a session (answered with a redirect away from the login page, a
/// refused one with the login page itself); a request without a session is redirected to
/// /login.cgi; /mfi/sensors.cgi lists the ports; `PUT /sensors/<port>/` with `output=0|1`
/// switches one.
struct MPower {
    outputs: Vec<bool>,
    sessions: Vec<String>,
}

fn mpower() -> (RawServer, Arc<Mutex<MPower>>) {
    let unit = Arc::new(Mutex::new(MPower {
        outputs: vec![true, false, true],
        sessions: Vec::new(),
    }));
    let shared = unit.clone();
    let server = RawServer::start(move |r| {
        let mut unit = shared.lock().unwrap();
        let session = r
            .header("cookie")
            .and_then(|c| c.strip_prefix("AIROS_SESSIONID="))
            .filter(|id| id.len() == 32 && id.bytes().all(|b| b.is_ascii_digit()))
            .map(str::to_string);
        let login_page =
            || http_answer("200 OK", &["Content-Type: text/html"], "<html>login</html>");
        let to = |place: &str| http_answer("302 Found", &[&format!("Location: {place}")], "");
        let body = String::from_utf8_lossy(&r.body).to_string();
        match (r.method.as_str(), r.uri.as_str()) {
            ("POST", "/login.cgi") => match session {
                Some(id) if body == "username=ubnt&password=p%40ss%20word" => {
                    unit.sessions.push(id);
                    to("/power")
                }
                _ => login_page(),
            },
            ("GET", "/login.cgi") => login_page(),
            _ if !session.is_some_and(|id| unit.sessions.contains(&id)) => to("/login.cgi"),
            ("GET", "/power") => http_answer("200 OK", &["Content-Type: text/html"], "<html/>"),
            ("GET", "/mfi/sensors.cgi") => {
                let sensors: Vec<Value> = unit
                    .outputs
                    .iter()
                    .enumerate()
                    .map(|(i, on)| {
                        json!({"port": i + 1, "output": u8::from(*on), "label": format!("Port {}", i + 1),
                               "power": if *on { 4.5 } else { 0.0 }, "current": 0.02, "voltage": 231.7,
                               "powerfactor": 0.6, "relay": u8::from(*on), "lock": 0})
                    })
                    .collect();
                json_answer(&json!({"sensors": sensors, "status": "success"}))
            }
            ("PUT", path) => {
                let port = path
                    .strip_prefix("/sensors/")
                    .and_then(|p| p.strip_suffix('/'))
                    .and_then(|p| p.parse::<usize>().ok())
                    .filter(|p| (1..=unit.outputs.len()).contains(p));
                match (port, body.as_str()) {
                    (Some(p), "output=1" | "output=0") => {
                        unit.outputs[p - 1] = body == "output=1";
                        json_answer(&json!({"status": "success"}))
                    }
                    _ => http_answer("400 Bad Request", &[], ""),
                }
            }
            _ => http_answer("404 Not Found", &[], ""),
        }
    });
    (server, unit)
}

#[test]
fn the_mpower_driver_logs_in_once_and_keeps_its_session() {
    const PASSWORD: &str = "p@ss word";
    let (server, unit) = mpower();
    let home = home_with_driver("mfi", "mpower", server.port, true);
    let run = |password: &str, args: &[&str]| {
        let mut c = home.cmd();
        c.env(PASSWORD_VAR, password).args(args);
        c
    };
    assert_eq!(ok(run(PASSWORD, &["on", "mfi:2"])), "mfi:2 (Port 2): on\n");
    assert_eq!(unit.lock().unwrap().outputs, [true, true, true]);
    let requests = server.requests();
    let logins = requests.iter().filter(|r| r.uri == "/login.cgi").count();
    assert_eq!(
        logins,
        1,
        "one login per run: {:?}",
        requests.iter().map(|r| &r.uri).collect::<Vec<_>>()
    );
    assert_eq!(requests[0].method, "POST", "the login comes first");
    // Only the login carries the password; the redirect after it is followed with a GET.
    for r in &requests[1..] {
        assert!(
            !String::from_utf8_lossy(&r.body).contains("p%40ss"),
            "{} {}",
            r.method,
            r.uri
        );
    }
    assert!(requests
        .iter()
        .any(|r| r.method == "GET" && r.uri == "/power"));
    let cookies: Vec<_> = requests.iter().filter_map(|r| r.header("cookie")).collect();
    assert_eq!(
        cookies.len(),
        requests.len(),
        "every request carries the session"
    );
    assert!(cookies.iter().all(|c| *c == cookies[0]));
    let meters = json(&ok(run(
        PASSWORD,
        &["-d", "mfi", "get", "meter/values/outlets.0.power/value"],
    )));
    assert_eq!(meters, json!(4.5));
    // status shows states and watts from one read of the list.
    let before = server.requests().len();
    let rows = json(&ok(run(PASSWORD, &["-d", "mfi", "-o", "json", "status"])));
    assert_eq!(rows[1]["state"], "on", "{rows}");
    assert_eq!(rows[1]["power"], json!(4.5), "{rows}");
    let lists: Vec<String> = server.requests()[before..]
        .iter()
        .map(|r| r.uri.clone())
        .filter(|uri| uri == "/mfi/sensors.cgi")
        .collect();
    assert_eq!(lists.len(), 1, "{lists:?}");
    assert_eq!(
        ok(run(
            PASSWORD,
            &["-d", "mfi", "get", "relay/outlets/all;/name"]
        ))
        .trim(),
        json!(["Port 1", "Port 2", "Port 3"]).to_string()
    );
    // A refused login is a login error naming the user, never the password.
    let line = fails(
        run("wrong p@ss", &["off", "mfi:1"]),
        3,
        "refused the login of user 'ubnt'",
    );
    assert!(!line.contains("p@ss"), "{line}");
    assert_eq!(unit.lock().unwrap().outputs, [true, true, true]);
}

/// A user's driver for a strip that names its outlets by string ("AA1", "AA2", "AB1": the
/// ServerTech PRO2 way, whose `PATCH /jaws/control/outlets/<id>` with `{"control_action":
/// "on"|"off"}` protocols/drivers.md confirms) and answers every write with a result code in
/// a 200 (0 when it worked, as Raritan's `_ret_`). How it lists its outlets is not in any
/// capture, so this device's list is made up for the test: `GET /jaws/monitor/outlets`
/// answering `{"outlets":[{"id","name","state":"on"|"off"}]}`.
const STRING_IDS_DRIVER: &str = r#"
[driver]
id = "string-ids"
transport = "http"
index_base = 1

[http]
auth = { scheme = "basic", user = "admn" }
errors = [{ pointer = "/code", ok = [0], message = "/message" }]

[outlets]
list = { get = "/jaws/monitor/outlets", items = "/outlets" }
id.read = { pointer = "/id" }
name.read = { pointer = "/name" }
state.read = { pointer = "/state", map = { on = true, off = false } }
state.write = { patch = "/jaws/control/outlets/{id}", body = '{{"control_action": "{v:on|off}"}}', content_type = "application/json" }
"#;

#[test]
fn a_driver_addresses_outlets_by_the_string_ids_the_device_gives() {
    let outlets = Arc::new(Mutex::new(vec![
        ("AA1", "web", false),
        ("AA2", "db", false),
        ("AB1", "locked one", false),
    ]));
    let shared = outlets.clone();
    let server = RawServer::start(move |r| {
        let mut outlets = shared.lock().unwrap();
        match (r.method.as_str(), r.uri.as_str()) {
            ("GET", "/jaws/monitor/outlets") => json_answer(&json!({"outlets": outlets
                .iter()
                .map(|(id, name, on)| json!({"id": id, "name": name, "state": if *on { "on" } else { "off" }}))
                .collect::<Vec<_>>()})),
            ("PATCH", path) => {
                let id = path.strip_prefix("/jaws/control/outlets/").unwrap_or("");
                let body: Value = serde_json::from_slice(&r.body).unwrap_or(Value::Null);
                let Some(outlet) = outlets.iter_mut().find(|o| o.0 == id) else {
                    return http_answer("404 Not Found", &[], "");
                };
                if outlet.0 == "AB1" {
                    return json_answer(&json!({"code": 3, "message": "outlet is locked"}));
                }
                outlet.2 = body["control_action"] == json!("on");
                json_answer(&json!({"code": 0}))
            }
            _ => http_answer("404 Not Found", &[], ""),
        }
    });
    let home = Home::new();
    let drivers = home.dir.path().join("config/pductl/drivers");
    std::fs::create_dir_all(&drivers).unwrap();
    std::fs::write(drivers.join("string-ids.toml"), STRING_IDS_DRIVER).unwrap();
    home.write_profile(&format!(
        "[devices.cdu]\ndriver = \"string-ids\"\nhost = \"127.0.0.1\"\nport = {}\n\
         password_env = \"{PASSWORD_VAR}\"\ntimeout = 2\n",
        server.port
    ));
    let run = |args: &[&str]| {
        let mut c = home.cmd();
        c.env(PASSWORD_VAR, "admn").args(args);
        c
    };
    assert_eq!(ok(run(&["on", "cdu:db"])), "cdu:2 (db): on\n");
    assert!(server
        .requests()
        .iter()
        .any(|r| r.method == "PATCH" && r.uri == "/jaws/control/outlets/AA2"));
    assert!(outlets.lock().unwrap()[1].2);
    // A result code of 0 is success; any other is a refusal, named.
    fails(run(&["on", "cdu:3"]), 1, "outlet is locked (/code = 3)");
    assert!(!outlets.lock().unwrap()[2].2);
}
