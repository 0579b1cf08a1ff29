//! Issue 25's HTTP engine extensions and the built-ins they unlock: per-outlet reads over the
//! profile's `outlets` ids (`esphome-web`, `home-assistant`), header templates carrying the
//! profile's password as a bearer token (`home-assistant`), and XML answers (`denkovi`,
//! `tinycontrol-lk`). Each device is written here from the facts in protocols/drivers-2.md
//! (B1, B2, B17, B18), not from the driver files, on the tests' own HTTP server; each test
//! checks at the device what pductl did, and what a user sees.

mod common;
use common::http_device::*;
use common::*;
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

fn xml_answer(body: &str) -> String {
    http_answer("200 OK", &["Content-Type: text/xml"], body)
}

fn names_and_states(outlets: &Value) -> Vec<(Value, Value)> {
    outlets
        .as_array()
        .unwrap()
        .iter()
        .map(|o| (o["name"].clone(), o["state"].clone()))
        .collect()
}

// ---------------------------------------------------------------------------------------
// ESPHome web_server (drivers-2.md B1): GET /switch/{id} -> {"id": "switch-{id}", "value":
// bool, "state": "ON|OFF"}; POST /switch/{id}/turn_on|turn_off.

fn esphome(switches: &[(&str, bool)]) -> (RawServer, Arc<Mutex<BTreeMap<String, bool>>>) {
    let state: BTreeMap<String, bool> = switches
        .iter()
        .map(|(id, on)| (id.to_string(), *on))
        .collect();
    let state = Arc::new(Mutex::new(state));
    let shared = state.clone();
    let server = RawServer::start(move |r| {
        let (path, _, _) = split_uri(&r.uri);
        let mut switches = shared.lock().unwrap();
        let parts: Vec<&str> = path.trim_start_matches('/').split('/').collect();
        match (r.method.as_str(), parts.as_slice()) {
            ("GET", ["switch", id]) => match switches.get(*id) {
                Some(on) => json_answer(
                    "200 OK",
                    &json!({"id": format!("switch-{id}"), "value": on,
                            "state": if *on { "ON" } else { "OFF" }}),
                ),
                None => http_answer("404 Not Found", &[], ""),
            },
            ("POST", ["switch", id, verb]) if switches.contains_key(*id) => {
                let on = match *verb {
                    "turn_on" => true,
                    "turn_off" => false,
                    "toggle" => !switches[*id],
                    _ => return http_answer("404 Not Found", &[], ""),
                };
                switches.insert(id.to_string(), on);
                http_answer("200 OK", &[], "")
            }
            _ => http_answer("404 Not Found", &[], ""),
        }
    });
    (server, state)
}

#[test]
fn esphome_reads_each_switch_the_profile_names_and_switches_it() {
    let (server, device) = esphome(&[("bench_psu", false), ("lamp", true), ("fan", false)]);
    let home = driver_home(
        "esphome-web",
        server.port,
        "outlets = [\"bench_psu\", \"lamp\"]\n",
    );
    let outlets = json(&ok(pd_with(
        &home,
        "",
        &["-d", "dev", "get", "relay/outlets"],
    )));
    assert_eq!(
        names_and_states(&outlets),
        [
            (json!("switch-bench_psu"), json!(false)),
            (json!("switch-lamp"), json!(true)),
        ],
        "the profile's two switches, named by the answer's id; the fan is not one"
    );
    // One GET per outlet, in the profile's order.
    let reads: Vec<String> = server.requests().iter().map(|r| r.uri.clone()).collect();
    assert_eq!(reads, ["/switch/bench_psu", "/switch/lamp"]);

    assert_eq!(
        ok(pd_with(&home, "", &["on", "dev:1"])),
        "dev:1 (switch-bench_psu): on\n"
    );
    assert_eq!(
        ok(pd_with(&home, "", &["off", "dev:2"])),
        "dev:2 (switch-lamp): off\n"
    );
    let states = device.lock().unwrap().clone();
    assert_eq!(
        states,
        BTreeMap::from([
            ("bench_psu".to_string(), true),
            ("fan".to_string(), false),
            ("lamp".to_string(), false),
        ])
    );
    let writes: Vec<(String, String)> = server
        .requests()
        .iter()
        .filter(|r| r.method == "POST")
        .map(|r| (r.method.clone(), r.uri.clone()))
        .collect();
    assert_eq!(
        writes,
        [
            ("POST".into(), "/switch/bench_psu/turn_on".into()),
            ("POST".into(), "/switch/lamp/turn_off".into()),
        ]
    );
}

#[test]
fn esphome_needs_the_profiles_outlets_and_a_switch_it_has() {
    let (server, _) = esphome(&[("bench_psu", false)]);
    let home = driver_home("esphome-web", server.port, "");
    fails(
        pd_with(&home, "", &["-d", "dev", "get", "relay/outlets"]),
        2,
        "set outlets",
    );
    assert!(server.requests().is_empty(), "nothing asked of the device");

    let home = driver_home(
        "esphome-web",
        server.port,
        "outlets = [\"bench_psu\", \"nope\"]\n",
    );
    fails(
        pd_with(&home, "", &["-d", "dev", "get", "relay/outlets"]),
        1,
        "/switch/nope",
    );
}

// ---------------------------------------------------------------------------------------
// Home Assistant (drivers-2.md B2): Authorization: Bearer <token>; GET /api/states/{entity};
// POST /api/services/switch/turn_on|turn_off {"entity_id": ...}; a bad token is HTTP 401.

const TOKEN: &str = "eyJ0eXAi.long-lived.Zm9vYmFy";

struct Entity {
    id: &'static str,
    friendly_name: Option<&'static str>,
    state: &'static str,
}

fn home_assistant() -> (RawServer, Arc<Mutex<Vec<Entity>>>) {
    let entities = Arc::new(Mutex::new(vec![
        Entity {
            id: "switch.bench_psu",
            friendly_name: Some("Bench PSU"),
            state: "off",
        },
        Entity {
            id: "switch.lamp",
            friendly_name: None,
            state: "on",
        },
        Entity {
            id: "switch.garage",
            friendly_name: Some("Garage"),
            state: "unavailable",
        },
    ]));
    let shared = entities.clone();
    let server = RawServer::start(move |r| {
        if r.header("authorization") != Some(&format!("Bearer {TOKEN}")[..]) {
            return json_answer("401 Unauthorized", &json!({"message": "401: Unauthorized"}));
        }
        let (path, _, _) = split_uri(&r.uri);
        let mut entities = shared.lock().unwrap();
        if let Some(id) = path.strip_prefix("/api/states/") {
            if r.method != "GET" {
                return http_answer("405 Method Not Allowed", &[], "");
            }
            return match entities.iter().find(|e| e.id == id) {
                Some(e) => {
                    let mut attributes = json!({});
                    if let Some(name) = e.friendly_name {
                        attributes["friendly_name"] = json!(name);
                    }
                    json_answer(
                        "200 OK",
                        &json!({"entity_id": e.id, "state": e.state, "attributes": attributes,
                                "last_changed": "2026-01-01T00:00:00+00:00"}),
                    )
                }
                None => json_answer("404 Not Found", &json!({"message": "Entity not found."})),
            };
        }
        let state = match (r.method.as_str(), path.as_str()) {
            ("POST", "/api/services/switch/turn_on") => "on",
            ("POST", "/api/services/switch/turn_off") => "off",
            _ => return json_answer("404 Not Found", &json!({"message": "Not found"})),
        };
        let Ok(body) = serde_json::from_slice::<Value>(&r.body) else {
            return json_answer("400 Bad Request", &json!({"message": "Invalid JSON"}));
        };
        let id = body["entity_id"].as_str().unwrap_or_default();
        match entities.iter_mut().find(|e| e.id == id) {
            Some(e) => {
                e.state = state;
                json_answer("200 OK", &json!([]))
            }
            None => json_answer("400 Bad Request", &json!({"message": "no such entity"})),
        }
    });
    (server, entities)
}

fn ha_home(port: u16) -> Home {
    driver_home(
        "home-assistant",
        port,
        &format!(
            "password_env = \"{PASSWORD_VAR}\"\n\
             outlets = [\"switch.bench_psu\", \"switch.lamp\", \"switch.garage\"]\n"
        ),
    )
}

#[test]
fn home_assistant_switches_entities_with_a_bearer_token() {
    let (server, entities) = home_assistant();
    let home = ha_home(server.port);
    let outlets = json(&ok(pd_with(
        &home,
        TOKEN,
        &["-d", "dev", "get", "relay/outlets"],
    )));
    assert_eq!(
        names_and_states(&outlets),
        [
            (json!("Bench PSU"), json!(false)),
            (json!("switch.lamp"), json!(true)),
            (json!("Garage"), Value::Null),
        ],
        "friendly names, else the entity id; unavailable is an unknown state"
    );
    assert_eq!(server.requests().len(), 3, "one request per outlet");
    assert!(server
        .requests()
        .iter()
        .all(|r| r.header("authorization") == Some(&format!("Bearer {TOKEN}")[..])));

    assert_eq!(
        ok(pd_with(&home, TOKEN, &["on", "dev:1"])),
        "dev:1 (Bench PSU): on\n"
    );
    assert_eq!(
        ok(pd_with(&home, TOKEN, &["off", "dev:2"])),
        "dev:2 (switch.lamp): off\n"
    );
    let states: Vec<&str> = entities.lock().unwrap().iter().map(|e| e.state).collect();
    assert_eq!(states, ["on", "off", "unavailable"]);
    let calls: Vec<(String, Value)> = server
        .requests()
        .iter()
        .filter(|r| r.method == "POST")
        .map(|r| (r.uri.clone(), serde_json::from_slice(&r.body).unwrap()))
        .collect();
    assert_eq!(
        calls,
        [
            (
                "/api/services/switch/turn_on".to_string(),
                json!({"entity_id": "switch.bench_psu"})
            ),
            (
                "/api/services/switch/turn_off".to_string(),
                json!({"entity_id": "switch.lamp"})
            ),
        ]
    );
}

#[test]
fn home_assistant_token_is_never_printed_and_a_wrong_one_is_refused() {
    let (server, entities) = home_assistant();
    let home = ha_home(server.port);
    // Traced at every level: the token is in every request, never in what pductl prints.
    for v in ["-v", "-vv"] {
        let (code, stdout, stderr) = run(pd_with(&home, TOKEN, &[v, "on", "dev:1"]));
        assert_eq!(code, 0, "{stderr}");
        assert!(
            stderr.contains("/api/states/switch.bench_psu"),
            "traced: {stderr}"
        );
        for text in [&stdout, &stderr] {
            assert!(!text.contains(TOKEN), "the token was printed: {text}");
            assert!(
                !text.contains("long-lived"),
                "part of the token was printed: {text}"
            );
        }
    }
    assert_eq!(entities.lock().unwrap()[0].state, "on");

    let before = server.requests().len();
    let e = fails(
        pd_with(&home, "wrong-token", &["off", "dev:1"]),
        3,
        "rejected",
    );
    assert!(!e.contains("wrong-token"), "{e}");
    assert_eq!(entities.lock().unwrap()[0].state, "on", "nothing switched");
    assert_eq!(
        server.requests()[before..]
            .iter()
            .filter(|r| r.method == "POST")
            .count(),
        0
    );

    // Without a token there is nothing to send: an error before any request.
    let home = driver_home(
        "home-assistant",
        server.port,
        "outlets = [\"switch.bench_psu\"]\n",
    );
    let before = server.requests().len();
    fails(
        pd_with(&home, "", &["-d", "dev", "get", "relay/outlets"]),
        3,
        "password",
    );
    assert_eq!(server.requests().len(), before);
}

// ---------------------------------------------------------------------------------------
// Denkovi smartDEN (drivers-2.md B17): GET /current_state.xml?pw=..[&Relay{i}=1|0] ->
// <CurrentState><Relay1><Name>..</Name><State>1</State></Relay1>...

struct Relay {
    name: &'static str,
    on: bool,
}

fn denkovi(malformed: Arc<Mutex<bool>>) -> (RawServer, Arc<Mutex<Vec<Relay>>>) {
    let relays = Arc::new(Mutex::new(vec![
        Relay {
            name: "Bench PSU",
            on: false,
        },
        Relay {
            name: "Scope",
            on: true,
        },
        Relay {
            name: "",
            on: false,
        },
    ]));
    let shared = relays.clone();
    let server = RawServer::start(move |r| {
        let (path, q, _) = split_uri(&r.uri);
        if path != "/current_state.xml" {
            return http_answer("404 Not Found", &[], "");
        }
        if param(&q, "pw") != Some("denk-pw") {
            // Not a CurrentState document: the facts' test for a failed request.
            return http_answer(
                "200 OK",
                &["Content-Type: text/html"],
                "<html>Password?</html>",
            );
        }
        let mut relays = shared.lock().unwrap();
        for (k, relay) in relays.iter_mut().enumerate() {
            match param(&q, &format!("Relay{}", k + 1)) {
                Some("1") => relay.on = true,
                Some("0") => relay.on = false,
                _ => {}
            }
        }
        if *malformed.lock().unwrap() {
            return xml_answer("<CurrentState><Relay1><Name>Bench</Name><State>1</State>");
        }
        let mut body = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<CurrentState>");
        body.push_str("<Device><Name>smartDEN IP-16R</Name></Device>");
        for (k, relay) in relays.iter().enumerate() {
            body.push_str(&format!(
                "<Relay{n}><Name>{}</Name><State>{}</State></Relay{n}>",
                relay.name,
                u8::from(relay.on),
                n = k + 1
            ));
        }
        body.push_str("</CurrentState>");
        xml_answer(&body)
    });
    (server, relays)
}

#[test]
fn denkovi_reads_relays_from_xml_and_switches_them() {
    let malformed = Arc::new(Mutex::new(false));
    let (server, relays) = denkovi(malformed.clone());
    let home = driver_home(
        "denkovi",
        server.port,
        &format!("password_env = \"{PASSWORD_VAR}\"\n"),
    );
    let outlets = json(&ok(pd_with(
        &home,
        "denk-pw",
        &["-d", "dev", "get", "relay/outlets"],
    )));
    assert_eq!(
        names_and_states(&outlets),
        [
            (json!("Bench PSU"), json!(false)),
            (json!("Scope"), json!(true)),
            (json!(""), json!(false)),
        ]
    );
    assert_eq!(server.requests().len(), 1, "one request lists every relay");

    assert_eq!(
        ok(pd_with(&home, "denk-pw", &["on", "dev:1"])),
        "dev:1 (Bench PSU): on\n"
    );
    assert_eq!(
        ok(pd_with(&home, "denk-pw", &["off", "dev:2"])),
        "dev:2 (Scope): off\n"
    );
    let states: Vec<bool> = relays.lock().unwrap().iter().map(|r| r.on).collect();
    assert_eq!(states, [true, false, false]);
    let sets: Vec<Vec<(String, String)>> = server
        .requests()
        .iter()
        .map(|r| split_uri(&r.uri).1)
        .filter(|q| q.len() > 1)
        .collect();
    assert_eq!(
        sets,
        [
            vec![
                ("pw".into(), "denk-pw".into()),
                ("Relay1".into(), "1".into())
            ],
            vec![
                ("pw".into(), "denk-pw".into()),
                ("Relay2".into(), "0".into())
            ],
        ]
    );

    // A wrong password gets a page that is not a CurrentState document.
    let e = fails(
        pd_with(&home, "nope", &["-d", "dev", "get", "relay/outlets"]),
        5,
        "<html>",
    );
    assert!(e.contains("pw=***") && !e.contains("nope"), "{e}");
    // XML that ends before its document does.
    *malformed.lock().unwrap() = true;
    fails(
        pd_with(&home, "denk-pw", &["-d", "dev", "get", "relay/outlets"]),
        5,
        "malformed XML",
    );
}

// ---------------------------------------------------------------------------------------
// Tinycontrol 6G10A / LK (drivers-2.md B18): GET /st0.xml holds <out{i}>0|1</out{i}>;
// GET /outs.cgi?out{i}=0|1.

#[test]
fn tinycontrol_lk_reads_st0_xml_and_switches_outputs() {
    let outs = Arc::new(Mutex::new(vec![true, false, false, true, false, false]));
    let shared = outs.clone();
    let server = RawServer::start(move |r| {
        let (path, q, _) = split_uri(&r.uri);
        let mut outs = shared.lock().unwrap();
        match path.as_str() {
            "/st0.xml" => {
                let mut body = String::from("<response><ver>1.58</ver>");
                for (k, on) in outs.iter().enumerate() {
                    body.push_str(&format!("<out{k}>{}</out{k}>", u8::from(*on)));
                }
                body.push_str("<ia0>234</ia0></response>");
                xml_answer(&body)
            }
            "/outs.cgi" => {
                for (k, v) in &q {
                    let Some(i) = k.strip_prefix("out").and_then(|i| i.parse::<usize>().ok())
                    else {
                        continue;
                    };
                    if let Some(out) = outs.get_mut(i) {
                        *out = v == "1";
                    }
                }
                http_answer("200 OK", &[], "")
            }
            _ => http_answer("404 Not Found", &[], ""),
        }
    });
    let home = driver_home("tinycontrol-lk", server.port, "");
    let outlets = json(&ok(pd_with(
        &home,
        "",
        &["-d", "dev", "get", "relay/outlets/all;/state"],
    )));
    assert_eq!(
        outlets,
        json!([true, false, false, true, false, false]),
        "six outputs, out0 first"
    );
    assert_eq!(
        ok(pd_with(&home, "", &["on", "dev:2"])),
        "dev:2 (Outlet 2): on\n"
    );
    assert_eq!(
        ok(pd_with(&home, "", &["off", "dev:1"])),
        "dev:1 (Outlet 1): off\n"
    );
    assert_eq!(
        *outs.lock().unwrap(),
        [false, true, false, true, false, false]
    );
    let writes: Vec<String> = server
        .requests()
        .iter()
        .map(|r| r.uri.clone())
        .filter(|u| u.starts_with("/outs.cgi"))
        .collect();
    assert_eq!(writes, ["/outs.cgi?out1=1", "/outs.cgi?out0=0"]);
}

// ---------------------------------------------------------------------------------------
// The format: `drivers check` names the place of each mistake in the new keys.

#[test]
fn drivers_check_places_mistakes_in_headers_each_and_xml() {
    let home = Home::new();
    let good = r#"[driver]
id = "hub"
transport = "http"

[http]
headers = { Authorization = "Bearer {password}", X-Client = "pductl" }

[outlets]
list = { each = { get = "/things/{id}" }, xml = "Thing" }
state.read = { pointer = "/On", map = { "1" = true, "0" = false } }
state.write = { post = "/things/{id}/{v:on|off}" }
"#;
    let file = home.dir.path().join("hub.toml");
    std::fs::write(&file, good).unwrap();
    ok(pd_with(
        &home,
        "",
        &["drivers", "check", file.to_str().unwrap()],
    ));
    for (from, to, needle) in [
        (
            "Bearer {password}",
            "Bearer {value}",
            "hub.toml:6:30: header",
        ),
        (
            "X-Client",
            "\"X Client\"",
            "hub.toml:6:51: \"X Client\" is not an HTTP header",
        ),
        (
            "each = { get = \"/things/{id}\" }",
            "each = { put = \"/things/{id}\" }",
            "hub.toml:9:10: each is the request",
        ),
        (
            "each = { get = \"/things/{id}\" }",
            "get = \"/things\", items = \"/x\", each = { get = \"/things/{id}\" }",
            "hub.toml:9:1: an HTTP list",
        ),
        (
            "xml = \"Thing\"",
            "xml = \"<Thing>\"",
            "hub.toml:9:50: xml = \"<Thing>\"",
        ),
        (
            "transport = \"http\"",
            "transport = \"mqtt\"",
            "hub.toml:9:1: each (a request per outlet) and xml are for HTTP drivers",
        ),
    ] {
        let broken = home.dir.path().join("broken-hub.toml");
        let text = good.replacen(from, to, 1);
        assert_ne!(text, good, "{from}");
        std::fs::write(&broken, text.replace("hub.toml", "x")).unwrap();
        let e = fails(
            pd_with(&home, "", &["drivers", "check", broken.to_str().unwrap()]),
            2,
            "",
        );
        assert!(
            e.contains(&needle.replace("hub.toml", "broken-hub.toml")),
            "{from} -> {to}: {e}"
        );
    }
}

// ---------------------------------------------------------------------------------------
// Redfish server BMCs (drivers-2.md B6): GET /redfish/v1/Systems/{id} -> "PowerState";
// POST .../Actions/ComputerSystem.Reset {"ResetType": "On"|"ForceOff"|"PowerCycle"}.

#[test]
fn redfish_system_powers_each_system_the_profile_counts() {
    // (id, name, power state); what the BMC was asked to do, in order.
    type Bmc = (Vec<(&'static str, &'static str, &'static str)>, Vec<String>);
    let bmc: Arc<Mutex<Bmc>> = Arc::new(Mutex::new((
        vec![
            ("1", "Node A", "Off"),
            ("2", "Node B", "On"),
            ("3", "Node C", "Off"),
        ],
        Vec::new(),
    )));
    let shared = bmc.clone();
    // admin:bmc-pw
    let server = RawServer::start(move |r| {
        if r.header("authorization") != Some("Basic YWRtaW46Ym1jLXB3") {
            return http_answer(
                "401 Unauthorized",
                &["WWW-Authenticate: Basic realm=\"Redfish\""],
                "",
            );
        }
        let (path, _, _) = split_uri(&r.uri);
        let mut bmc = shared.lock().unwrap();
        let rest = path.strip_prefix("/redfish/v1/Systems/").unwrap_or("");
        let (id, action) = rest.split_once('/').unwrap_or((rest, ""));
        let Some(k) = bmc.0.iter().position(|s| s.0 == id) else {
            return json_answer(
                "404 Not Found",
                &json!({"error": {"code": "Base.1.8.ResourceMissingAtURI"}}),
            );
        };
        match (r.method.as_str(), action) {
            ("GET", "") => {
                let (id, name, state) = bmc.0[k];
                json_answer(
                    "200 OK",
                    &json!({"@odata.id": path, "Id": id, "Name": name, "PowerState": state}),
                )
            }
            ("POST", "Actions/ComputerSystem.Reset") => {
                let body: Value = serde_json::from_slice(&r.body).unwrap_or_default();
                let reset = body["ResetType"].as_str().unwrap_or_default().to_string();
                let state = match reset.as_str() {
                    "On" | "PowerCycle" | "ForceRestart" => "On",
                    "ForceOff" => "Off",
                    _ => {
                        return json_answer(
                            "400 Bad Request",
                            &json!({"error": {"code": "Base.1.8.ActionParameterValueNotInList"}}),
                        )
                    }
                };
                bmc.0[k].2 = state;
                bmc.1.push(format!("{id} {reset}"));
                http_answer("204 No Content", &[], "")
            }
            _ => http_answer("405 Method Not Allowed", &[], ""),
        }
    });
    let home = driver_home(
        "redfish-system",
        server.port,
        &format!("user = \"admin\"\npassword_env = \"{PASSWORD_VAR}\"\noutlets = 2\n"),
    );
    let outlets = json(&ok(pd_with(
        &home,
        "bmc-pw",
        &["-d", "dev", "get", "relay/outlets"],
    )));
    assert_eq!(
        names_and_states(&outlets),
        [
            (json!("Node A"), json!(false)),
            (json!("Node B"), json!(true))
        ],
        "the two systems the profile counts, Systems/1 and Systems/2"
    );
    let reads: Vec<String> = server.requests().iter().map(|r| r.uri.clone()).collect();
    assert_eq!(reads, ["/redfish/v1/Systems/1", "/redfish/v1/Systems/2"]);

    assert_eq!(
        ok(pd_with(&home, "bmc-pw", &["on", "dev:1"])),
        "dev:1 (Node A): on\n"
    );
    assert_eq!(
        ok(pd_with(&home, "bmc-pw", &["off", "dev:2"])),
        "dev:2 (Node B): off\n"
    );
    assert_eq!(
        ok(pd_with(&home, "bmc-pw", &["cycle", "dev:1"])),
        "dev:1 (Node A): cycled, on\n"
    );
    assert_eq!(
        bmc.lock().unwrap().1,
        ["1 On", "2 ForceOff", "1 PowerCycle"]
    );
    let states: Vec<&str> = bmc.lock().unwrap().0.iter().map(|s| s.2).collect();
    assert_eq!(
        states,
        ["On", "Off", "Off"],
        "system 3 is not the profile's"
    );
    fails(pd_with(&home, "wrong", &["on", "dev:2"]), 3, "rejected");
    assert_eq!(bmc.lock().unwrap().0[1].2, "Off");

    // Ids by name (an iDRAC's System.Embedded.1): one the BMC does not have is not found.
    let home = driver_home(
        "redfish-system",
        server.port,
        &format!("user = \"admin\"\npassword_env = \"{PASSWORD_VAR}\"\noutlets = [\"3\", \"System.Embedded.1\"]\n"),
    );
    fails(
        pd_with(&home, "bmc-pw", &["-d", "dev", "get", "relay/outlets"]),
        1,
        "/redfish/v1/Systems/System.Embedded.1",
    );
}
