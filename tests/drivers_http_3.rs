//! Issue 25's last HTTP request shapes and the built-ins they unlock: POST list requests
//! (`sonoff-diy`, `edimax`, `servo`, `meross`, `ubus-poe`), a login whose answer carries a
//! token into later requests (`ubus-poe`'s session, `fritzdect`'s SID), login hashes and
//! signatures (`fritzdect`'s PBKDF2 and MD5 challenges, `meross`'s signed requests), outlets
//! that are an object's members with sparse ids (`hue`), and Basic-or-Digest (`edimax`).
//! Each device is written here from the facts in protocols/drivers-2.md (B3, B4, B5, B24,
//! B26, B29, B35), not from the driver files, on the tests' own HTTP server; each test checks
//! at the device what pductl did, and what a user sees.

mod common;
use common::http_device::*;
use common::*;
use serde_json::{json, Value};
use std::sync::{Arc, Mutex};

fn names_and_states(outlets: &Value) -> Vec<(Value, Value)> {
    outlets
        .as_array()
        .unwrap()
        .iter()
        .map(|o| (o["name"].clone(), o["state"].clone()))
        .collect()
}

fn home_with_password(driver: &str, port: u16, extra: &str) -> Home {
    driver_home(
        driver,
        port,
        &format!("password_env = \"{PASSWORD_VAR}\"\n{extra}"),
    )
}

fn outlets(home: &Home, password: &str) -> Value {
    json(&ok(pd_with(
        home,
        password,
        &["-d", "dev", "get", "relay/outlets"],
    )))
}

// ---------------------------------------------------------------------------------------
// Philips Hue v1 (B3): GET /api/<key>/lights -> {"1": {...}, "3": {...}} (gaps), "type"
// "On/Off plug-in unit" for plugs, "state": {"on", "reachable"}; PUT .../lights/<id>/state
// {"on": bool} -> [{"success": ...}]; [{"error": {"type": 1, "description": "unauthorized
// user"}}] for a key the bridge does not know.

const HUE_KEY: &str = "8bQy3oZ2hue-key";

fn hue() -> (RawServer, Arc<Mutex<Value>>) {
    // In the bridge's own order, which is not the ids' numeric one.
    let lights = json!({
        "10": {"name": "Fan", "type": "On/Off plug-in unit", "state": {"on": false, "reachable": true}},
        "1": {"name": "Desk lamp", "type": "On/Off plug-in unit", "state": {"on": false, "reachable": true}},
        "2": {"name": "Hall bulb", "type": "Extended color light", "state": {"on": true, "bri": 254, "reachable": true}},
        "3": {"name": "Heater", "type": "On/Off plug-in unit", "state": {"on": true, "reachable": true}},
    });
    let state = Arc::new(Mutex::new(lights));
    let shared = state.clone();
    let server = RawServer::start(move |r| {
        let (path, _, _) = split_uri(&r.uri);
        let parts: Vec<&str> = path.trim_start_matches('/').split('/').collect();
        let error = |kind: u32, address: &str, description: &str| {
            json_answer(
                "200 OK",
                &json!([{"error": {"type": kind, "address": address, "description": description}}]),
            )
        };
        if parts.len() < 2 || parts[0] != "api" {
            return http_answer("404 Not Found", &[], "");
        }
        if parts[1] != HUE_KEY {
            return error(
                1,
                &format!("/{}", parts[2..].join("/")),
                "unauthorized user",
            );
        }
        let mut lights = shared.lock().unwrap();
        match (r.method.as_str(), &parts[2..]) {
            ("GET", ["lights"]) => json_answer("200 OK", &lights),
            ("PUT", ["lights", id, "state"]) => {
                let body = body_json(r);
                match (lights.get_mut(*id), body["on"].as_bool()) {
                    (Some(light), Some(on)) => {
                        light["state"]["on"] = json!(on);
                        json_answer(
                            "200 OK",
                            &json!([{"success": {format!("/lights/{id}/state/on"): on}}]),
                        )
                    }
                    (None, _) => error(3, &format!("/lights/{id}"), "resource not available"),
                    (_, None) => error(2, "/", "body contains invalid json"),
                }
            }
            ("PUT", ["lights", id]) => match (lights.get_mut(*id), body_json(r)["name"].as_str()) {
                (Some(light), Some(name)) => {
                    light["name"] = json!(name);
                    json_answer(
                        "200 OK",
                        &json!([{"success": {format!("/lights/{id}/name"): name}}]),
                    )
                }
                _ => error(3, &format!("/lights/{id}"), "resource not available"),
            },
            _ => error(4, &path, "method not available"),
        }
    });
    (server, state)
}

#[test]
fn hue_lists_plugs_by_sparse_ids_and_switches_them_by_id() {
    let (server, device) = hue();
    let home = home_with_password("hue", server.port, "");
    assert_eq!(
        names_and_states(&outlets(&home, HUE_KEY)),
        [
            (json!("Desk lamp"), json!(false)),
            (json!("Heater"), json!(true)),
            (json!("Fan"), json!(false)),
        ],
        "plugs 1, 3, 10 in id order; the bulb is no outlet"
    );
    assert_eq!(
        ok(pd_with(&home, HUE_KEY, &["on", "dev:1"])),
        "dev:1 (Desk lamp): on\n"
    );
    assert_eq!(
        ok(pd_with(&home, HUE_KEY, &["off", "dev:2"])),
        "dev:2 (Heater): off\n"
    );
    assert_eq!(
        ok(pd_with(&home, HUE_KEY, &["on", "dev:3"])),
        "dev:3 (Fan): on\n"
    );
    let lights = device.lock().unwrap().clone();
    assert_eq!(lights["1"]["state"]["on"], json!(true));
    assert_eq!(lights["3"]["state"]["on"], json!(false));
    assert_eq!(lights["10"]["state"]["on"], json!(true));
    assert_eq!(
        lights["2"]["state"]["on"],
        json!(true),
        "the bulb untouched"
    );
    let puts: Vec<String> = server
        .requests()
        .iter()
        .filter(|r| r.method == "PUT")
        .map(|r| r.uri.replace(HUE_KEY, "KEY"))
        .collect();
    assert_eq!(
        puts,
        [
            "/api/KEY/lights/1/state",
            "/api/KEY/lights/3/state",
            "/api/KEY/lights/10/state"
        ]
    );
    ok(pd_with(
        &home,
        HUE_KEY,
        &["-d", "dev", "set", "relay/outlets/2/name", "\"Big fan\""],
    ));
    // -v traces each request, the key in its path masked.
    let (code, _, stderr) = run(pd_with(
        &home,
        HUE_KEY,
        &["-v", "-d", "dev", "get", "relay/outlets"],
    ));
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("GET /api/***/lights -> 200"), "{stderr}");
    assert!(!stderr.contains(HUE_KEY), "{stderr}");
    assert_eq!(device.lock().unwrap()["10"]["name"], json!("Big fan"));

    // A bridge that is down: the tries again are traced with the key masked too.
    let down = home_with_password("hue", common::mosquitto::free_port(), "");
    let (code, _, stderr) = run(pd_with(
        &down,
        HUE_KEY,
        &["-v", "--retries", "1", "-d", "dev", "get", "relay/outlets"],
    ));
    assert_eq!(code, 4, "{stderr}");
    assert!(
        stderr.contains("GET /api/***/lights: try 1 failed"),
        "{stderr}"
    );
    assert!(!stderr.contains(HUE_KEY), "{stderr}");
}

#[test]
fn hue_refuses_an_unknown_key_and_a_malformed_list() {
    let (server, _) = hue();
    let home = home_with_password("hue", server.port, "");
    let line = fails(
        pd_with(&home, "not-a-key", &["-d", "dev", "get", "relay/outlets"]),
        3,
        "unauthorized user",
    );
    assert!(!line.contains("not-a-key"), "the key is not shown: {line}");
    // A bridge that answers something other than an object of lights.
    let odd_list = RawServer::start(|_| json_answer("200 OK", &json!([1, 2])));
    let listed = home_with_password("hue", odd_list.port, "");
    fails(
        pd_with(&listed, HUE_KEY, &["-d", "dev", "get", "relay/outlets"]),
        5,
        "without an object",
    );
    // An object whose plugs lack their state.
    let stateless = RawServer::start(|_| {
        json_answer(
            "200 OK",
            &json!({"1": {"name": "x", "type": "On/Off plug-in unit"}}),
        )
    });
    let home = home_with_password("hue", stateless.port, "");
    fails(
        pd_with(&home, HUE_KEY, &["-d", "dev", "get", "relay/outlets"]),
        5,
        "/state/on",
    );
}

// ---------------------------------------------------------------------------------------
// Sonoff DIY (B4): POST /zeroconf/info {"deviceid": "", "data": {}} -> {"seq", "error": 0,
// "data": {"switch": "on"|"off"}} (DIY 1.4: "data" a string of JSON); POST /zeroconf/switch
// {"deviceid": "", "data": {"switch": "on"}}; error 401 in encryption mode.

struct Sonoff {
    on: bool,
    /// DIY API 1.4: `data` is a string holding the JSON.
    data_as_string: bool,
    encrypted: bool,
    seq: u64,
}

fn sonoff(data_as_string: bool) -> (RawServer, Arc<Mutex<Sonoff>>) {
    let state = Arc::new(Mutex::new(Sonoff {
        on: false,
        data_as_string,
        encrypted: false,
        seq: 1,
    }));
    let shared = state.clone();
    let server = RawServer::start(move |r| {
        let mut s = shared.lock().unwrap();
        s.seq += 1;
        let body = body_json(r);
        if r.method != "POST" || body["data"].is_null() || body.get("deviceid").is_none() {
            return json_answer("200 OK", &json!({"seq": s.seq, "error": 400}));
        }
        if s.encrypted {
            return json_answer("200 OK", &json!({"seq": s.seq, "error": 401}));
        }
        match r.uri.as_str() {
            "/zeroconf/info" => {
                let data = json!({"switch": if s.on { "on" } else { "off" }, "startup": "off",
                                  "pulse": "off", "pulseWidth": 500, "ssid": "lab", "otaUnlock": false});
                let data = if s.data_as_string {
                    json!(data.to_string())
                } else {
                    data
                };
                json_answer("200 OK", &json!({"seq": s.seq, "error": 0, "data": data}))
            }
            "/zeroconf/switch" => match body["data"]["switch"].as_str() {
                Some(word @ ("on" | "off")) => {
                    s.on = word == "on";
                    json_answer("200 OK", &json!({"seq": s.seq, "error": 0}))
                }
                _ => json_answer("200 OK", &json!({"seq": s.seq, "error": 422})),
            },
            _ => json_answer("200 OK", &json!({"seq": s.seq, "error": 404})),
        }
    });
    (server, state)
}

#[test]
fn sonoff_diy_reads_both_api_versions_and_switches_with_a_post() {
    for as_string in [true, false] {
        let (server, device) = sonoff(as_string);
        let home = driver_home("sonoff-diy", server.port, "");
        assert_eq!(
            names_and_states(&outlets(&home, "")),
            [(json!("Outlet 1"), json!(false))],
            "data as a string: {as_string}"
        );
        assert_eq!(
            ok(pd_with(&home, "", &["on", "dev:1"])),
            "dev:1 (Outlet 1): on\n"
        );
        assert!(device.lock().unwrap().on);
        let requests = server.requests();
        let info = &requests[0];
        assert_eq!(
            (info.method.as_str(), info.uri.as_str()),
            ("POST", "/zeroconf/info")
        );
        assert_eq!(info.header("content-type"), Some("application/json"));
        assert_eq!(body_json(info), json!({"deviceid": "", "data": {}}));
        let switch = requests
            .iter()
            .find(|r| r.uri == "/zeroconf/switch")
            .unwrap();
        assert_eq!(
            body_json(switch),
            json!({"deviceid": "", "data": {"switch": "on"}})
        );
    }
}

#[test]
fn sonoff_diy_in_encryption_mode_is_refused_credentials_and_junk_is_malformed() {
    let (server, device) = sonoff(false);
    device.lock().unwrap().encrypted = true;
    let home = driver_home("sonoff-diy", server.port, "");
    fails(pd_with(&home, "", &["on", "dev:1"]), 3, "401");
    assert!(!device.lock().unwrap().on);
    let junk = RawServer::start(|_| json_answer("200 OK", &json!({"seq": 3, "error": 0})));
    let home = driver_home("sonoff-diy", junk.port, "");
    fails(
        pd_with(&home, "", &["-d", "dev", "get", "relay/outlets"]),
        5,
        "data",
    );
}

// ---------------------------------------------------------------------------------------
// OpenWrt ubus PoE (B5): POST /ubus JSON-RPC "call" [sid, "poe", "info", {}] -> result [0,
// {"ports": {"lan1": status}}]; [sid, "poe", "manage", {"port", "enable"}]; the anonymous
// sid 000...0 where the ACL allows; [000...0, "session", "login", {username, password}] ->
// result [0, {"ubus_rpc_session": sid}]; rpcd: Access denied is error -32002, a refused
// login result [6].

const ANONYMOUS: &str = "00000000000000000000000000000000";

struct Rpcd {
    ports: Vec<(String, String)>,
    anonymous_allowed: bool,
    sessions: Vec<String>,
    /// The login answers without the session (a broken rpcd).
    login_without_session: bool,
}

fn rpcd(anonymous_allowed: bool) -> (RawServer, Arc<Mutex<Rpcd>>) {
    let ports = [
        ("lan10", "Searching"),
        ("lan1", "Delivering power"),
        ("lan2", "Disabled"),
        ("lan3", "Disabled"),
    ];
    let state = Arc::new(Mutex::new(Rpcd {
        ports: ports
            .iter()
            .map(|(p, s)| (p.to_string(), s.to_string()))
            .collect(),
        anonymous_allowed,
        sessions: Vec::new(),
        login_without_session: false,
    }));
    let shared = state.clone();
    let server = RawServer::start(move |r| {
        let mut d = shared.lock().unwrap();
        let call = body_json(r);
        let id = call["id"].clone();
        let answer = |v: Value| json_answer("200 OK", &v);
        if r.uri != "/ubus" || call["method"] != "call" {
            return answer(
                json!({"jsonrpc": "2.0", "id": id, "error": {"code": -32600, "message": "Invalid request"}}),
            );
        }
        let params = call["params"].as_array().cloned().unwrap_or_default();
        let (sid, object, method) = (
            params.first().and_then(Value::as_str).unwrap_or(""),
            params.get(1).and_then(Value::as_str).unwrap_or(""),
            params.get(2).and_then(Value::as_str).unwrap_or(""),
        );
        let args = params.get(3).cloned().unwrap_or(Value::Null);
        if (object, method) == ("session", "login") {
            if args["username"] == "root" && args["password"] == "ubus-secret" {
                let sid = format!("{:032x}", 0xc0ffee + d.sessions.len());
                d.sessions.push(sid.clone());
                let session = if d.login_without_session {
                    json!({"timeout": 300})
                } else {
                    json!({"ubus_rpc_session": sid, "timeout": 300})
                };
                return answer(json!({"jsonrpc": "2.0", "id": id, "result": [0, session]}));
            }
            return answer(json!({"jsonrpc": "2.0", "id": id, "result": [6]}));
        }
        let allowed =
            (sid == ANONYMOUS && d.anonymous_allowed) || d.sessions.iter().any(|s| s == sid);
        if !allowed {
            return answer(
                json!({"jsonrpc": "2.0", "id": id, "error": {"code": -32002, "message": "Access denied"}}),
            );
        }
        match (object, method) {
            ("poe", "info") => {
                let ports: serde_json::Map<String, Value> =
                    d.ports.iter().map(|(p, s)| (p.clone(), json!(s))).collect();
                answer(
                    json!({"jsonrpc": "2.0", "id": id, "result": [0, {"firmware": "v1.0", "budget": 65.0, "consumption": 7.1, "ports": ports}]}),
                )
            }
            ("poe", "manage") => {
                let (Some(port), Some(enable)) = (args["port"].as_str(), args["enable"].as_bool())
                else {
                    return answer(json!({"jsonrpc": "2.0", "id": id, "result": [2]}));
                };
                match d.ports.iter_mut().find(|(p, _)| p == port) {
                    Some((_, status)) => {
                        *status = if enable { "Searching" } else { "Disabled" }.to_string();
                        answer(json!({"jsonrpc": "2.0", "id": id, "result": [0]}))
                    }
                    None => answer(json!({"jsonrpc": "2.0", "id": id, "result": [4]})),
                }
            }
            _ => answer(json!({"jsonrpc": "2.0", "id": id, "result": [3]})),
        }
    });
    (server, state)
}

fn ubus_calls(server: &RawServer) -> Vec<(String, String)> {
    server
        .requests()
        .iter()
        .map(|r| {
            let params = body_json(r)["params"].clone();
            (
                params[0].as_str().unwrap_or("").to_string(),
                format!(
                    "{} {}",
                    params[1].as_str().unwrap_or(""),
                    params[2].as_str().unwrap_or("")
                ),
            )
        })
        .collect()
}

#[test]
fn ubus_uses_the_anonymous_session_where_the_acl_allows() {
    let (server, device) = rpcd(true);
    let home = driver_home("ubus-poe", server.port, "");
    let read = outlets(&home, "");
    let states: Vec<Value> = read
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["state"].clone())
        .collect();
    assert_eq!(
        states,
        [json!(true), json!(false), json!(false), json!(true)],
        "lan1, lan2, lan3, lan10 in natural order; any status but Disabled is on"
    );
    assert_eq!(
        ok(pd_with(&home, "", &["on", "dev:3"])),
        "dev:3 (Outlet 3): on\n"
    );
    let ports = device.lock().unwrap().ports.clone();
    assert!(
        ports.contains(&("lan3".into(), "Searching".into())),
        "{ports:?}"
    );
    let calls = ubus_calls(&server);
    assert!(
        calls
            .iter()
            .all(|(sid, what)| sid == ANONYMOUS && what != "session login"),
        "{calls:?}"
    );
    let manage = server
        .requests()
        .into_iter()
        .find(|r| body_json(r)["params"][2] == "manage")
        .unwrap();
    assert_eq!(
        body_json(&manage)["params"][3],
        json!({"port": "lan3", "enable": true})
    );
}

#[test]
fn ubus_logs_in_when_the_anonymous_session_is_refused_and_carries_the_session() {
    let (server, device) = rpcd(false);
    let home = home_with_password("ubus-poe", server.port, "");
    assert_eq!(
        ok(pd_with(&home, "ubus-secret", &["off", "dev:1"])),
        "dev:1 (Outlet 1): off\n"
    );
    assert!(device
        .lock()
        .unwrap()
        .ports
        .contains(&("lan1".into(), "Disabled".into())));
    let sid = device.lock().unwrap().sessions[0].clone();
    let calls = ubus_calls(&server);
    assert!(calls[2..].iter().all(|(s, _)| *s == sid), "{calls:?}");
    assert_eq!(
        calls[..3],
        [
            (ANONYMOUS.to_string(), "poe info".to_string()),
            (ANONYMOUS.to_string(), "session login".to_string()),
            (sid.clone(), "poe info".to_string()),
        ]
    );
    assert!(
        calls.contains(&(sid, "poe manage".to_string())),
        "{calls:?}"
    );
    let login = body_json(&server.requests()[1]);
    assert_eq!(
        login["params"][3],
        json!({"username": "root", "password": "ubus-secret"})
    );
}

#[test]
fn ubus_refused_login_is_exit_3_once_and_a_login_without_session_is_malformed() {
    let (server, _) = rpcd(false);
    let home = home_with_password("ubus-poe", server.port, "");
    let line = fails(
        pd_with(&home, "wrong", &["on", "dev:1"]),
        3,
        "refused the login",
    );
    assert!(!line.contains("wrong"), "{line}");
    let logins = ubus_calls(&server)
        .iter()
        .filter(|(_, w)| w == "session login")
        .count();
    assert_eq!(logins, 1, "a refused password is not sent again");
    // Without a password, the anonymous session is all there is.
    let home = driver_home("ubus-poe", server.port, "");
    fails(
        pd_with(&home, "", &["on", "dev:1"]),
        3,
        "no password was given",
    );
    let (server, device) = rpcd(false);
    device.lock().unwrap().login_without_session = true;
    let home = home_with_password("ubus-poe", server.port, "");
    fails(
        pd_with(&home, "ubus-secret", &["-d", "dev", "get", "relay/outlets"]),
        5,
        "without a token at /result/1/ubus_rpc_session",
    );
}

// ---------------------------------------------------------------------------------------
// Edimax SP-1101W/SP-2101W (B24): POST :10000/smartplug.cgi <SMARTPLUG id="edimax"><CMD
// id="get"><Device.System.Power.State/></CMD></SMARTPLUG> -> the same with ON|OFF; CMD
// id="setup" with ON|OFF -> <CMD id="setup">OK</CMD>; admin:1234, Basic on old firmware,
// Digest on new (which answers Basic with 401).

fn edimax(digest: bool) -> (RawServer, Arc<Mutex<bool>>) {
    let state = Arc::new(Mutex::new(false));
    let shared = state.clone();
    let (realm, nonce) = ("SP2101W", "d1e2a3b4c5");
    let server = RawServer::start(move |r| {
        let authorized = if digest {
            digest_md5_ok(r, realm, nonce, "admin", "1234")
        } else {
            basic_ok(r, "admin", "1234")
        };
        if !authorized {
            return if digest {
                digest_md5_challenge(realm, nonce)
            } else {
                http_answer(
                    "401 Unauthorized",
                    &["WWW-Authenticate: Basic realm=\"SP1101W\""],
                    "",
                )
            };
        }
        if r.method != "POST" || r.uri != "/smartplug.cgi" {
            return http_answer("404 Not Found", &[], "");
        }
        let body = body_text(r);
        let mut on = shared.lock().unwrap();
        let doc = |cmd: &str| {
            typed_answer(
                "text/xml",
                &format!("<?xml version=\"1.0\" encoding=\"UTF8\"?><SMARTPLUG id=\"edimax\">{cmd}</SMARTPLUG>"),
            )
        };
        if body.contains("<CMD id=\"get\">") && body.contains("<Device.System.Power.State") {
            let word = if *on { "ON" } else { "OFF" };
            return doc(&format!("<CMD id=\"get\"><Device.System.Power.State>{word}</Device.System.Power.State></CMD>"));
        }
        if body.contains("<CMD id=\"setup\">") {
            for (word, value) in [("ON", true), ("OFF", false)] {
                if body.contains(&format!(
                    "<Device.System.Power.State>{word}</Device.System.Power.State>"
                )) {
                    *on = value;
                    return doc("<CMD id=\"setup\">OK</CMD>");
                }
            }
            return doc("<CMD id=\"setup\">failed</CMD>");
        }
        doc("<CMD id=\"get\">failed</CMD>")
    });
    (server, state)
}

#[test]
fn edimax_answers_basic_or_digest_as_the_plug_asks() {
    for digest in [false, true] {
        let (server, device) = edimax(digest);
        let home = home_with_password("edimax", server.port, "");
        assert_eq!(
            names_and_states(&outlets(&home, "1234")),
            [(json!("Outlet 1"), json!(false))],
            "digest: {digest}"
        );
        assert_eq!(
            ok(pd_with(&home, "1234", &["on", "dev:1"])),
            "dev:1 (Outlet 1): on\n"
        );
        assert!(*device.lock().unwrap());
        let requests = server.requests();
        // The password goes no way the plug did not ask for.
        let basic_sent = requests.iter().any(|r| {
            r.header("authorization")
                .is_some_and(|a| a.starts_with("Basic"))
        });
        assert_eq!(basic_sent, !digest, "digest: {digest}");
        let setup = requests
            .iter()
            .rev()
            .find(|r| body_text(r).contains("setup"))
            .unwrap();
        assert_eq!(setup.header("content-type"), Some("text/xml"));
        assert!(
            body_text(setup).contains("<Device.System.Power.State>ON</Device.System.Power.State>")
        );
        fails(pd_with(&home, "wrong", &["off", "dev:1"]), 3, "rejected");
        assert!(*device.lock().unwrap(), "still on");
    }
    let junk = RawServer::start(|_| typed_answer("text/html", "<html><body>busy"));
    let home = home_with_password("edimax", junk.port, "");
    fails(
        pd_with(&home, "1234", &["-d", "dev", "get", "relay/outlets"]),
        5,
        "XML",
    );
}

// ---------------------------------------------------------------------------------------
// FRITZ!Box AHA (B26): /login_sid.lua?version=2 -> <SessionInfo><SID>0...0</SID>
// <Challenge>2$it1$salt1$it2$salt2 | legacy</Challenge>; with username and response -> SID
// (zeros when refused); /webservices/homeautoswitch.lua?switchcmd=...&sid=: getswitchlist,
// getswitchstate (1, 0, inval), setswitchon/off, getswitchname; a bad SID is HTTP 403.

struct Fritz {
    pbkdf2: bool,
    challenge: String,
    sids: Vec<String>,
    /// How many AHA requests the first session serves before it expires.
    first_session_uses: Option<u32>,
    /// Every session is refused (an account without smart-home rights).
    sessions_refused: bool,
    uses: u32,
    switches: Vec<(String, String, Option<bool>)>,
    /// The login answers without a SID element.
    no_sid: bool,
}

fn fritz_hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The answer a client must give, computed as AVM specifies it.
fn fritz_expected(challenge: &str, password: &str) -> String {
    if let Some(rest) = challenge.strip_prefix("2$") {
        let p: Vec<&str> = rest.split('$').collect();
        let unhex = |s: &str| -> Vec<u8> {
            (0..s.len())
                .step_by(2)
                .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
                .collect()
        };
        let mut h1 = [0u8; 32];
        pbkdf2::pbkdf2_hmac::<sha2::Sha256>(
            password.as_bytes(),
            &unhex(p[1]),
            p[0].parse().unwrap(),
            &mut h1,
        );
        let mut h2 = [0u8; 32];
        pbkdf2::pbkdf2_hmac::<sha2::Sha256>(&h1, &unhex(p[3]), p[2].parse().unwrap(), &mut h2);
        return format!("{}${}", p[3], fritz_hex(&h2));
    }
    use md5::Digest;
    let utf16: Vec<u8> = format!("{challenge}-{password}")
        .encode_utf16()
        .flat_map(|u| u.to_le_bytes())
        .collect();
    format!("{challenge}-{}", fritz_hex(&md5::Md5::digest(utf16)))
}

fn fritzbox(pbkdf2: bool) -> (RawServer, Arc<Mutex<Fritz>>) {
    let state = Arc::new(Mutex::new(Fritz {
        pbkdf2,
        challenge: String::new(),
        sids: Vec::new(),
        first_session_uses: None,
        sessions_refused: false,
        uses: 0,
        switches: vec![
            ("08761 0000434".into(), "Kitchen".into(), Some(true)),
            ("11657 0149698".into(), "Printer".into(), Some(false)),
            ("08761 0000999".into(), "Garage".into(), None),
        ],
        no_sid: false,
    }));
    let shared = state.clone();
    let server = RawServer::start(move |r| {
        let (path, params, _) = split_uri(&r.uri);
        let mut f = shared.lock().unwrap();
        let text = |body: &str| typed_answer("text/plain; charset=utf-8", body);
        match path.as_str() {
            "/login_sid.lua" => {
                let info = |sid: &str, challenge: &str, block: u32| {
                    let sid = if sid.is_empty() {
                        String::new()
                    } else {
                        format!("<SID>{sid}</SID>")
                    };
                    typed_answer(
                        "text/xml",
                        &format!("<?xml version=\"1.0\" encoding=\"utf-8\"?><SessionInfo>{sid}<Challenge>{challenge}</Challenge><BlockTime>{block}</BlockTime><Rights></Rights><Users><User last=\"1\">fritz3456</User></Users></SessionInfo>"),
                    )
                };
                let fresh = |f: &mut Fritz| {
                    f.challenge = if f.pbkdf2 {
                        format!(
                            "2$10000${:08x}$2000${:08x}",
                            0x5a1711 + f.sids.len(),
                            0x5a1722 + f.sids.len()
                        )
                    } else {
                        format!("{:08x}", 0xbeef00 + f.sids.len())
                    };
                    f.challenge.clone()
                };
                match param(&params, "response") {
                    None => {
                        let c = fresh(&mut f);
                        info("0000000000000000", &c, 0)
                    }
                    Some(response) => {
                        let right = param(&params, "username") == Some("fritz3456")
                            && !f.challenge.is_empty()
                            && response == fritz_expected(&f.challenge, "fritz-pass");
                        let c = fresh(&mut f);
                        if !right {
                            return info("0000000000000000", &c, 10);
                        }
                        let sid = format!("{:016x}", 0xabc000 + f.sids.len());
                        f.sids.push(sid.clone());
                        f.uses = 0;
                        if f.no_sid {
                            return info("", &c, 0);
                        }
                        info(&sid, &c, 0)
                    }
                }
            }
            "/webservices/homeautoswitch.lua" => {
                let valid = param(&params, "sid")
                    .is_some_and(|s| f.sids.last().map(String::as_str) == Some(s));
                f.uses += 1;
                let expired = f.sids.len() == 1 && f.first_session_uses.is_some_and(|n| f.uses > n);
                if !valid || expired || f.sessions_refused {
                    return http_answer("403 Forbidden", &[], "");
                }
                let ain = param(&params, "ain").unwrap_or("").to_string();
                let switch = f.switches.iter_mut().find(|(a, _, _)| *a == ain);
                match (param(&params, "switchcmd"), switch) {
                    (Some("getswitchlist"), _) => {
                        let ains: Vec<String> =
                            f.switches.iter().map(|(a, _, _)| a.clone()).collect();
                        text(&format!("{}\n", ains.join(",")))
                    }
                    (Some("getswitchstate"), Some((_, _, state))) => text(match state {
                        Some(true) => "1\n",
                        Some(false) => "0\n",
                        None => "inval\n",
                    }),
                    (Some("getswitchname"), Some((_, name, _))) => text(&format!("{name}\n")),
                    (Some(cmd @ ("setswitchon" | "setswitchoff")), Some((_, _, state))) => {
                        *state = Some(cmd == "setswitchon");
                        text(if cmd == "setswitchon" { "1\n" } else { "0\n" })
                    }
                    _ => http_answer("400 Bad Request", &[], ""),
                }
            }
            _ => http_answer("404 Not Found", &[], ""),
        }
    });
    (server, state)
}

fn fritz_home(port: u16) -> Home {
    home_with_password("fritzdect", port, "user = \"fritz3456\"\n")
}

#[test]
fn fritzdect_answers_both_challenges_and_carries_the_sid() {
    for pbkdf2 in [true, false] {
        let (server, device) = fritzbox(pbkdf2);
        let home = fritz_home(server.port);
        assert_eq!(
            names_and_states(&outlets(&home, "fritz-pass")),
            [
                (json!("Kitchen"), json!(true)),
                (json!("Printer"), json!(false)),
                (json!("Garage"), Value::Null),
            ],
            "pbkdf2: {pbkdf2}; inval is an unknown state"
        );
        assert_eq!(
            ok(pd_with(&home, "fritz-pass", &["on", "dev:2"])),
            "dev:2 (Printer): on\n"
        );
        assert_eq!(device.lock().unwrap().switches[1].2, Some(true));
        let sids = device.lock().unwrap().sids.clone();
        let set = server
            .requests()
            .iter()
            .map(|r| split_uri(&r.uri))
            .find(|(_, p, _)| param(p, "switchcmd") == Some("setswitchon"))
            .unwrap();
        assert_eq!(param(&set.1, "ain"), Some("11657 0149698"));
        assert_eq!(param(&set.1, "sid"), sids.last().map(String::as_str));
        // -v shows each request, the session and the login's answer masked.
        let (code, _, stderr) = run(pd_with(
            &home,
            "fritz-pass",
            &["-v", "-d", "dev", "get", "relay/outlets"],
        ));
        assert_eq!(code, 0, "{stderr}");
        assert!(stderr.contains("sid=***"), "{stderr}");
        assert!(stderr.contains("response=***"), "{stderr}");
        let sid = device.lock().unwrap().sids.last().cloned().unwrap();
        assert!(
            !stderr.contains(&sid) && !stderr.contains("fritz-pass"),
            "{stderr}"
        );
    }
}

#[test]
fn fritzdect_logs_in_again_once_when_the_session_expires() {
    let (server, device) = fritzbox(true);
    // The session ends after the list and the first state: pductl logs in again.
    device.lock().unwrap().first_session_uses = Some(2);
    let home = fritz_home(server.port);
    let read = outlets(&home, "fritz-pass");
    assert_eq!(read.as_array().unwrap().len(), 3);
    assert_eq!(device.lock().unwrap().sids.len(), 2, "one login more");
    // A session that never serves anything: one more login, then a clear error.
    let (server, device) = fritzbox(true);
    device.lock().unwrap().sessions_refused = true;
    let home = fritz_home(server.port);
    fails(
        pd_with(&home, "fritz-pass", &["-d", "dev", "get", "relay/outlets"]),
        3,
        "fresh login",
    );
    assert_eq!(device.lock().unwrap().sids.len(), 2);
}

#[test]
fn fritzdect_wrong_password_is_exit_3_once_and_a_login_without_sid_is_malformed() {
    let (server, device) = fritzbox(true);
    let home = fritz_home(server.port);
    fails(
        pd_with(&home, "wrong", &["on", "dev:1"]),
        3,
        "refused the login of user 'fritz3456'",
    );
    let responses = server
        .requests()
        .iter()
        .filter(|r| r.uri.contains("response="))
        .count();
    assert_eq!(responses, 1, "a refused password is not tried again");
    assert_eq!(device.lock().unwrap().switches[0].2, Some(true));
    for r in server.requests() {
        assert!(
            !r.uri.contains("wrong"),
            "the password never goes on the wire: {}",
            r.uri
        );
    }
    let (server, device) = fritzbox(false);
    device.lock().unwrap().no_sid = true;
    let home = fritz_home(server.port);
    fails(
        pd_with(&home, "fritz-pass", &["-d", "dev", "get", "relay/outlets"]),
        5,
        "without a token at /SID",
    );
}

// ---------------------------------------------------------------------------------------
// Meross (B29): POST /config {"header": {"messageId", "method", "namespace",
// "payloadVersion": 1, "timestamp", "sign": md5(messageId + key + timestamp)}, "payload"};
// Appliance.System.All -> payload.all.digest.togglex[] {channel, onoff}; SET
// Appliance.Control.ToggleX {"togglex": {"channel", "onoff"}}.

fn meross(key: &'static str) -> (RawServer, Arc<Mutex<Vec<u8>>>) {
    let state = Arc::new(Mutex::new(vec![1u8, 0, 0]));
    let shared = state.clone();
    let server = RawServer::start(move |r| {
        use md5::Digest;
        let body = body_json(r);
        let header = &body["header"];
        let id = header["messageId"].as_str().unwrap_or("");
        let t = header["timestamp"].as_u64().unwrap_or(0);
        let sign: String = md5::Md5::digest(format!("{id}{key}{t}"))
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        let reply = |method: &str, namespace: &str, payload: Value| {
            json_answer(
                "200 OK",
                &json!({"header": {"messageId": id, "namespace": namespace, "method": method,
                                    "payloadVersion": 1, "from": "/appliance/x/publish", "timestamp": t,
                                    "sign": sign}, "payload": payload}),
            )
        };
        let fresh = t.abs_diff(
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_secs(),
        ) < 60;
        if r.uri != "/config" || header["sign"] != json!(sign) || id.len() != 32 || !fresh {
            return reply(
                "ERROR",
                "Appliance.System.All",
                json!({"error": {"code": 5001, "detail": "sign error"}}),
            );
        }
        let mut channels = shared.lock().unwrap();
        match (header["method"].as_str(), header["namespace"].as_str()) {
            (Some("GET"), Some("Appliance.System.All")) => {
                let togglex: Vec<Value> = channels
                    .iter()
                    .enumerate()
                    .map(|(c, on)| json!({"channel": c, "onoff": on, "lmTime": 1700000000}))
                    .collect();
                reply(
                    "GETACK",
                    "Appliance.System.All",
                    json!({"all": {"system": {"hardware": {"type": "mss425f"}}, "digest": {"togglex": togglex}}}),
                )
            }
            (Some("SET"), Some("Appliance.Control.ToggleX")) => {
                let t = &body["payload"]["togglex"];
                match (t["channel"].as_u64(), t["onoff"].as_u64()) {
                    (Some(c), Some(v @ 0..=1)) if (c as usize) < channels.len() => {
                        channels[c as usize] = v as u8;
                        reply("SETACK", "Appliance.Control.ToggleX", json!({}))
                    }
                    _ => reply(
                        "ERROR",
                        "Appliance.Control.ToggleX",
                        json!({"error": {"code": 5000, "detail": "bad channel"}}),
                    ),
                }
            }
            _ => reply(
                "ERROR",
                "x",
                json!({"error": {"code": 5000, "detail": "unknown namespace"}}),
            ),
        }
    });
    (server, state)
}

#[test]
fn meross_signs_every_request_and_switches_channels() {
    let (server, device) = meross("cloud-key-42");
    let home = home_with_password("meross", server.port, "");
    let states: Vec<Value> = outlets(&home, "cloud-key-42")
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["state"].clone())
        .collect();
    assert_eq!(states, [json!(true), json!(false), json!(false)]);
    assert_eq!(
        ok(pd_with(&home, "cloud-key-42", &["on", "dev:3"])),
        "dev:3 (Outlet 3): on\n"
    );
    assert_eq!(*device.lock().unwrap(), [1, 0, 1]);
    // A fresh message id for each request.
    let ids: Vec<Value> = server
        .requests()
        .iter()
        .map(|r| body_json(r)["header"]["messageId"].clone())
        .collect();
    assert!(
        ids.len() >= 3 && ids.windows(2).all(|w| w[0] != w[1]),
        "{ids:?}"
    );
    for r in server.requests() {
        assert!(
            !body_text(&r).contains("cloud-key-42"),
            "the key itself is never sent"
        );
    }
    // A device never bound to the cloud has an empty key.
    let (server, device) = meross("");
    let home = driver_home("meross", server.port, "");
    ok(pd_with(&home, "", &["off", "dev:1"]));
    assert_eq!(*device.lock().unwrap(), [0, 0, 0]);
}

#[test]
fn meross_wrong_key_is_exit_3_and_a_missing_digest_is_malformed() {
    let (server, device) = meross("cloud-key-42");
    let home = home_with_password("meross", server.port, "");
    fails(
        pd_with(&home, "other-key", &["on", "dev:2"]),
        3,
        "sign error",
    );
    assert_eq!(*device.lock().unwrap(), [1, 0, 0]);
    let junk =
        RawServer::start(|_| json_answer("200 OK", &json!({"header": {}, "payload": {"all": {}}})));
    let home = driver_home("meross", junk.port, "");
    fails(
        pd_with(&home, "", &["-d", "dev", "get", "relay/outlets"]),
        5,
        "togglex",
    );
}

// ---------------------------------------------------------------------------------------
// ChromeOS servo (B35): servod XML-RPC on port 9999, set("power_state", "on"|"off") and
// get("power_state"); a fault carries a faultString.

fn servod() -> (RawServer, Arc<Mutex<String>>) {
    let state = Arc::new(Mutex::new("off".to_string()));
    let shared = state.clone();
    let server = RawServer::start(move |r| {
        let body = body_text(r);
        let strings: Vec<String> = body
            .split("<string>")
            .skip(1)
            .filter_map(|s| s.split_once("</string>").map(|(v, _)| v.to_string()))
            .collect();
        let method = body
            .split_once("<methodName>")
            .and_then(|(_, rest)| rest.split_once("</methodName>"))
            .map(|(m, _)| m.trim().to_string())
            .unwrap_or_default();
        let value = |v: &str| {
            typed_answer(
                "text/xml",
                &format!("<?xml version='1.0'?>\n<methodResponse>\n<params>\n<param>\n<value>{v}</value>\n</param>\n</params>\n</methodResponse>\n"),
            )
        };
        let fault = |why: &str| {
            typed_answer(
                "text/xml",
                &format!("<?xml version='1.0'?>\n<methodResponse>\n<fault>\n<value><struct>\n<member>\n<name>faultCode</name>\n<value><int>1</int></value>\n</member>\n<member>\n<name>faultString</name>\n<value><string>{why}</string></value>\n</member>\n</struct></value>\n</fault>\n</methodResponse>\n"),
            )
        };
        if r.method != "POST" || !matches!(r.uri.as_str(), "/" | "/RPC2") {
            return http_answer("404 Not Found", &[], "");
        }
        let mut power = shared.lock().unwrap();
        match (method.as_str(), strings.as_slice()) {
            ("get", [control]) if control == "power_state" => {
                value(&format!("<string>{power}</string>"))
            }
            ("set", [control, v]) if control == "power_state" && (v == "on" || v == "off") => {
                *power = v.clone();
                value("<boolean>1</boolean>")
            }
            _ => fault("&lt;class 'servo.servod.ServodError'&gt;:No control named x"),
        }
    });
    (server, state)
}

#[test]
fn servo_switches_power_state_over_xml_rpc() {
    let (server, device) = servod();
    let home = driver_home("servo", server.port, "");
    assert_eq!(
        names_and_states(&outlets(&home, "")),
        [(json!("Outlet 1"), json!(false))]
    );
    assert_eq!(
        ok(pd_with(&home, "", &["on", "dev:1"])),
        "dev:1 (Outlet 1): on\n"
    );
    assert_eq!(*device.lock().unwrap(), "on");
    let set = server
        .requests()
        .into_iter()
        .rev()
        .find(|r| body_text(r).contains("<methodName>set"))
        .unwrap();
    assert_eq!(set.header("content-type"), Some("text/xml"));
    ok(pd_with(&home, "", &["off", "dev:1"]));
    assert_eq!(*device.lock().unwrap(), "off");
}

#[test]
fn servo_faults_are_refusals_and_junk_is_malformed() {
    let faulting = RawServer::start(|_| {
        typed_answer(
            "text/xml",
            "<?xml version='1.0'?><methodResponse><fault><value><struct><member><name>faultCode</name><value><int>1</int></value></member><member><name>faultString</name><value><string>servod lost the DUT</string></value></member></struct></value></fault></methodResponse>",
        )
    });
    let home = driver_home("servo", faulting.port, "");
    fails(
        pd_with(&home, "", &["-d", "dev", "get", "relay/outlets"]),
        1,
        "servod lost the DUT",
    );
    let junk = RawServer::start(|_| typed_answer("text/xml", "<methodResponse><params>"));
    let home = driver_home("servo", junk.port, "");
    fails(
        pd_with(&home, "", &["-d", "dev", "get", "relay/outlets"]),
        5,
        "malformed XML",
    );
}
