//! The second round of built-in driver files (issue 25, group 1A's HTTP and MQTT rows):
//! `domoticz`, `openhab`, `tinycontrol-tcpdu`, `mystrom`, `redfish-rackpdu` each drive a
//! device written here from the facts in protocols/drivers-2.md (not from the driver file),
//! on the tests' own HTTP server; `zigbee2mqtt` drives a Zigbee2MQTT-like client of a real
//! mosquitto broker, one-gang and multi-gang plugs. Each test checks at the device what
//! pductl did, and what a user sees: outputs, names, exit codes.

mod common;
use common::http_device::*;
use common::mosquitto::Broker;
use common::*;
use serde_json::{json, Value};
use std::sync::{Arc, Mutex};
use std::time::Duration;

fn authorized(r: &RawRequest, basic: &str) -> bool {
    r.header("authorization") == Some(&format!("Basic {basic}")[..])
}

// ---------------------------------------------------------------------------------------
// Domoticz (drivers-2.md A18): JSON URLs under /json.htm, Basic auth, status "OK"/"ERR".

/// One Domoticz device: idx, name, switch type, status.
struct DomoticzDevice {
    idx: u32,
    name: &'static str,
    switch_type: &'static str,
    status: String,
    /// A device whose switching the hub refuses (as a protected one without its code).
    protected: bool,
}

fn domoticz() -> (RawServer, Arc<Mutex<Vec<DomoticzDevice>>>) {
    let hub = Arc::new(Mutex::new(vec![
        DomoticzDevice {
            idx: 3,
            name: "Desk lamp",
            switch_type: "On/Off",
            status: "Off".into(),
            protected: false,
        },
        DomoticzDevice {
            idx: 5,
            name: "Hall dimmer",
            switch_type: "Dimmer",
            status: "Set Level: 40 %".into(),
            protected: false,
        },
        DomoticzDevice {
            idx: 12,
            name: "Printer",
            switch_type: "On/Off",
            status: "On".into(),
            protected: false,
        },
        DomoticzDevice {
            idx: 14,
            name: "Boiler",
            switch_type: "On/Off",
            status: "Off".into(),
            protected: true,
        },
    ]));
    let shared = hub.clone();
    // admin:domo-pass
    let server = RawServer::start(move |r| {
        if !authorized(r, "YWRtaW46ZG9tby1wYXNz") {
            return basic_challenge();
        }
        let (path, q, _) = split_uri(&r.uri);
        let mut hub = shared.lock().unwrap();
        let err =
            |message: &str| json_answer("200 OK", &json!({"status": "ERR", "message": message}));
        if path != "/json.htm" || param(&q, "type") != Some("command") {
            return err("unknown command");
        }
        match param(&q, "param") {
            Some("getdevices")
                if param(&q, "filter") == Some("light") && param(&q, "used") == Some("true") =>
            {
                let result: Vec<Value> = hub
                    .iter()
                    .map(|d| {
                        json!({"idx": d.idx.to_string(), "Name": d.name, "SwitchType": d.switch_type,
                               "Status": d.status, "Type": "Light/Switch", "Used": 1})
                    })
                    .collect();
                json_answer(
                    "200 OK",
                    &json!({"status": "OK", "title": "getdevices", "result": result}),
                )
            }
            Some("switchlight") => {
                let idx = param(&q, "idx").and_then(|i| i.parse::<u32>().ok());
                let cmd = param(&q, "switchcmd");
                let Some(d) = hub.iter_mut().find(|d| Some(d.idx) == idx) else {
                    return err("Device not found");
                };
                match cmd {
                    _ if d.protected => err("WRONG CODE"),
                    Some(c @ ("On" | "Off")) => {
                        d.status = c.to_string();
                        json_answer("200 OK", &json!({"status": "OK", "title": "SwitchLight"}))
                    }
                    _ => err("bad switchcmd"),
                }
            }
            _ => err("unknown param"),
        }
    });
    (server, hub)
}

#[test]
fn domoticz_switches_its_on_off_switches_and_leaves_dimmers_out() {
    let (server, hub) = domoticz();
    let home = driver_home(
        "domoticz",
        server.port,
        &format!("user = \"admin\"\npassword_env = \"{PASSWORD_VAR}\"\n"),
    );
    let outlets = json(&ok(pd_with(
        &home,
        "domo-pass",
        &["-d", "dev", "get", "relay/outlets"],
    )));
    let names: Vec<&Value> = outlets
        .as_array()
        .unwrap()
        .iter()
        .map(|o| &o["name"])
        .collect();
    assert_eq!(
        names,
        [&json!("Desk lamp"), &json!("Printer"), &json!("Boiler")],
        "the dimmer is not an outlet"
    );
    assert_eq!(outlets[1]["physical_state"], json!(true));

    assert_eq!(
        ok(pd_with(&home, "domo-pass", &["on", "dev:1"])),
        "dev:1 (Desk lamp): on\n"
    );
    assert_eq!(
        ok(pd_with(&home, "domo-pass", &["off", "dev:2"])),
        "dev:2 (Printer): off\n"
    );
    let statuses: Vec<String> = hub
        .lock()
        .unwrap()
        .iter()
        .map(|d| d.status.clone())
        .collect();
    assert_eq!(statuses, ["On", "Set Level: 40 %", "Off", "Off"]);
    let asked: Vec<String> = server
        .requests()
        .iter()
        .map(|r| r.uri.clone())
        .filter(|u| u.contains("switchlight"))
        .collect();
    assert_eq!(
        asked,
        [
            "/json.htm?type=command&param=switchlight&idx=3&switchcmd=On",
            "/json.htm?type=command&param=switchlight&idx=12&switchcmd=Off"
        ],
        "switched by idx"
    );

    // The hub's own refusal: status ERR, with its message.
    fails(
        pd_with(&home, "domo-pass", &["on", "dev:3"]),
        1,
        "WRONG CODE",
    );
    assert_eq!(hub.lock().unwrap()[3].status, "Off");
    fails(pd_with(&home, "wrong", &["status", "dev:1"]), 3, "rejected");
}

// ---------------------------------------------------------------------------------------
// openHAB (drivers-2.md A19): items REST, text/plain commands, NULL/UNDEF states.

struct Item {
    name: &'static str,
    kind: &'static str,
    label: Option<&'static str>,
    state: String,
}

fn openhab() -> (RawServer, Arc<Mutex<Vec<Item>>>) {
    let items = Arc::new(Mutex::new(vec![
        Item {
            name: "Kitchen_Plug",
            kind: "Switch",
            label: Some("Kitchen plug"),
            state: "OFF".into(),
        },
        Item {
            name: "Outdoor_Temp",
            kind: "Number",
            label: Some("Outside"),
            state: "12.5".into(),
        },
        Item {
            name: "Garage_Fan",
            kind: "Switch",
            label: None,
            state: "NULL".into(),
        },
        Item {
            name: "Rack_PSU",
            kind: "Switch",
            label: Some("Rack PSU"),
            state: "ON".into(),
        },
    ]));
    let shared = items.clone();
    // ops:hab-pass
    let server = RawServer::start(move |r| {
        if !authorized(r, "b3BzOmhhYi1wYXNz") {
            return basic_challenge();
        }
        let (path, q, _) = split_uri(&r.uri);
        let mut items = shared.lock().unwrap();
        match (r.method.as_str(), path.as_str()) {
            ("GET", "/rest/items") => {
                // The server honours ?type=, except that it lists the Number here too, so
                // the driver's own filter is what keeps it out.
                let _ = param(&q, "type");
                let list: Vec<Value> = items
                    .iter()
                    .map(|i| {
                        let mut item = json!({"link": format!("http://h/rest/items/{}", i.name),
                            "name": i.name, "type": i.kind, "state": i.state, "editable": false,
                            "tags": [], "groupNames": []});
                        if let Some(label) = i.label {
                            item["label"] = json!(label);
                        }
                        item
                    })
                    .collect();
                json_answer("200 OK", &Value::Array(list))
            }
            ("POST", p) if p.starts_with("/rest/items/") => {
                let name = &p["/rest/items/".len()..];
                let Some(item) = items.iter_mut().find(|i| i.name == name) else {
                    return json_answer(
                        "404 Not Found",
                        &json!({"error": {"message": "Item not found", "http-code": 404}}),
                    );
                };
                let body = String::from_utf8_lossy(&r.body).to_string();
                let text = r
                    .header("content-type")
                    .is_some_and(|c| c.starts_with("text/plain"));
                if !text || !["ON", "OFF"].contains(&body.as_str()) {
                    return json_answer(
                        "400 Bad Request",
                        &json!({"error": {"message": "State could not be parsed", "http-code": 400}}),
                    );
                }
                item.state = body;
                http_answer("200 OK", &[], "")
            }
            _ => json_answer("404 Not Found", &json!({"error": {"message": "not found"}})),
        }
    });
    (server, items)
}

#[test]
fn openhab_commands_switch_items_and_an_undefined_state_is_unknown() {
    let (server, items) = openhab();
    let home = driver_home(
        "openhab",
        server.port,
        &format!("user = \"ops\"\npassword_env = \"{PASSWORD_VAR}\"\n"),
    );
    let outlets = json(&ok(pd_with(
        &home,
        "hab-pass",
        &["-d", "dev", "get", "relay/outlets"],
    )));
    assert_eq!(
        outlets.as_array().unwrap().len(),
        3,
        "the Number item is left out"
    );
    assert_eq!(outlets[0]["name"], json!("Kitchen plug"), "the label");
    assert_eq!(
        outlets[1]["name"],
        json!("Garage_Fan"),
        "no label: the item's name"
    );
    assert_eq!(
        outlets[1]["state"],
        Value::Null,
        "NULL is unknown, not an error"
    );
    assert_eq!(outlets[2]["physical_state"], json!(true));

    assert_eq!(
        ok(pd_with(&home, "hab-pass", &["on", "dev:1"])),
        "dev:1 (Kitchen plug): on\n"
    );
    assert_eq!(
        ok(pd_with(&home, "hab-pass", &["off", "dev:3"])),
        "dev:3 (Rack PSU): off\n"
    );
    let states: Vec<String> = items
        .lock()
        .unwrap()
        .iter()
        .map(|i| i.state.clone())
        .collect();
    assert_eq!(states, ["ON", "12.5", "NULL", "OFF"]);
    let post = server
        .requests()
        .into_iter()
        .find(|r| r.method == "POST")
        .unwrap();
    assert_eq!(post.uri, "/rest/items/Kitchen_Plug");
    assert_eq!(post.body, b"ON");
    // An outlet whose state is unknown is switched, and then known.
    assert_eq!(
        ok(pd_with(&home, "hab-pass", &["on", "dev:2"])),
        "dev:2 (Garage_Fan): on\n"
    );
    assert_eq!(items.lock().unwrap()[2].state, "ON");
    fails(pd_with(&home, "nope", &["on", "dev:1"]), 3, "rejected");
}

#[test]
fn openhab_unknown_states_show_in_status_without_failing_it() {
    let (server, _items) = openhab();
    let home = driver_home(
        "openhab",
        server.port,
        &format!("user = \"ops\"\npassword_env = \"{PASSWORD_VAR}\"\n"),
    );
    assert_eq!(
        ok(pd_with(
            &home,
            "hab-pass",
            &["-o", "text", "status", "dev:all"]
        )),
        "dev:1 (Kitchen plug): off\ndev:2 (Garage_Fan): unknown\ndev:3 (Rack PSU): on\n"
    );
    let status = json(&ok(pd_with(
        &home,
        "hab-pass",
        &["-o", "json", "status", "dev:all"],
    )));
    let rows = status.as_array().unwrap();
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[1]["name"], json!("Garage_Fan"));
    assert_eq!(rows[1]["state"], Value::Null, "{status}");
}

// ---------------------------------------------------------------------------------------
// Tinycontrol tcPDU (drivers-2.md A21): out<k> values, save by query.

fn tcpdu() -> (RawServer, Arc<Mutex<Vec<u8>>>) {
    let outs = Arc::new(Mutex::new(vec![0u8, 1, 0, 0, 1, 0]));
    let shared = outs.clone();
    let server = RawServer::start(move |r| {
        let (path, q, _) = split_uri(&r.uri);
        let mut outs = shared.lock().unwrap();
        match path.as_str() {
            "/api/v1/read/status/" if q.iter().any(|(k, _)| k == "outValues") => {
                let mut doc = json!({"temp": 31.2, "voltage": 230.1});
                for (k, v) in outs.iter().enumerate() {
                    doc[format!("out{}", k + 1)] = json!(v);
                }
                json_answer("200 OK", &doc)
            }
            "/api/v1/save/" => {
                for (k, v) in &q {
                    let k = k.strip_prefix("out").and_then(|k| k.parse::<usize>().ok());
                    match (k, v.as_str()) {
                        (Some(k @ 1..=6), "0" | "1") => outs[k - 1] = v.parse().unwrap(),
                        _ => return json_answer("400 Bad Request", &json!({"error": "bad"})),
                    }
                }
                json_answer("200 OK", &json!({"result": "ok"}))
            }
            _ => json_answer("404 Not Found", &json!({})),
        }
    });
    (server, outs)
}

#[test]
fn tinycontrol_tcpdu_switches_its_outputs() {
    let (server, outs) = tcpdu();
    let home = driver_home("tinycontrol-tcpdu", server.port, "");
    let states = json(&ok(pd_with(
        &home,
        "",
        &["-d", "dev", "get", "relay/outlets/all;/state"],
    )));
    assert_eq!(states, json!([false, true, false, false, true, false]));
    assert_eq!(
        ok(pd_with(&home, "", &["on", "dev:3"])),
        "dev:3 (Outlet 3): on\n"
    );
    assert_eq!(
        ok(pd_with(&home, "", &["off", "dev:5"])),
        "dev:5 (Outlet 5): off\n"
    );
    assert_eq!(*outs.lock().unwrap(), [0, 1, 1, 0, 0, 0]);
    assert!(server
        .requests()
        .iter()
        .any(|r| r.uri == "/api/v1/save/?out3=1"));
    fails(pd_with(&home, "", &["on", "dev:7"]), 2, "outlets 1-6");
}

// ---------------------------------------------------------------------------------------
// myStrom WiFi Switch (drivers-2.md A22): /report and /relay?state=.

fn mystrom() -> (RawServer, Arc<Mutex<bool>>) {
    let relay = Arc::new(Mutex::new(false));
    let shared = relay.clone();
    let server = RawServer::start(move |r| {
        let (path, q, _) = split_uri(&r.uri);
        let mut relay = shared.lock().unwrap();
        match (path.as_str(), param(&q, "state")) {
            ("/report", _) => json_answer(
                "200 OK",
                &json!({"power": if *relay { 41.7 } else { 0.0 }, "Ws": 0.0, "relay": *relay,
                        "temperature": 24.1}),
            ),
            ("/relay", Some(s @ ("0" | "1"))) => {
                *relay = s == "1";
                http_answer("200 OK", &[], "")
            }
            _ => http_answer("404 Not Found", &[], ""),
        }
    });
    (server, relay)
}

#[test]
fn mystrom_switches_its_relay() {
    let (server, relay) = mystrom();
    let home = driver_home("mystrom", server.port, "");
    let outlets = json(&ok(pd_with(
        &home,
        "",
        &["-d", "dev", "get", "relay/outlets"],
    )));
    assert_eq!(outlets.as_array().unwrap().len(), 1);
    assert_eq!(outlets[0]["physical_state"], json!(false));
    assert_eq!(
        ok(pd_with(&home, "", &["on", "dev:1"])),
        "dev:1 (Outlet 1): on\n"
    );
    assert!(*relay.lock().unwrap());
    assert_eq!(
        ok(pd_with(&home, "", &["toggle", "dev:1"])),
        "dev:1 (Outlet 1): off\n"
    );
    assert!(!*relay.lock().unwrap());
    let switched: Vec<String> = server
        .requests()
        .iter()
        .map(|r| r.uri.clone())
        .filter(|u| u.starts_with("/relay"))
        .collect();
    assert_eq!(switched, ["/relay?state=1", "/relay?state=0"]);
}

// ---------------------------------------------------------------------------------------
// Redfish PowerDistribution (drivers-2.md A23): an Outlets collection with $expand, and
// Outlet.PowerControl actions, PowerCycle included.

struct RedfishOutlet {
    id: &'static str,
    name: &'static str,
    state: &'static str,
    watts: f64,
}

const OUTLETS: &str = "/redfish/v1/PowerEquipment/RackPDUs/1/Outlets";

/// The PDU's outlets, and the actions posted to it (`A1 PowerCycle`), in order.
type Pdu = Arc<Mutex<(Vec<RedfishOutlet>, Vec<String>)>>;

fn redfish() -> (RawServer, Pdu) {
    let pdu = Arc::new(Mutex::new((
        vec![
            RedfishOutlet {
                id: "A1",
                name: "Switch",
                state: "On",
                watts: 35.5,
            },
            RedfishOutlet {
                id: "A2",
                name: "DUT 1",
                state: "Off",
                watts: 0.0,
            },
            RedfishOutlet {
                id: "A3",
                name: "DUT 2",
                state: "PoweringOn",
                watts: 0.0,
            },
        ],
        Vec::new(),
    )));
    let shared = pdu.clone();
    // root:rf-pass
    let server = RawServer::start(move |r| {
        if !authorized(r, "cm9vdDpyZi1wYXNz") {
            return json_answer(
                "401 Unauthorized",
                &json!({"error": {"code": "Base.1.8.AccessDenied", "message": "no"}}),
            );
        }
        let (path, q, _) = split_uri(&r.uri);
        let mut pdu = shared.lock().unwrap();
        let (outlets, actions) = &mut *pdu;
        let member = |o: &RedfishOutlet| {
            json!({"@odata.id": format!("{OUTLETS}/{}", o.id), "@odata.type": "#Outlet.v1_4_0.Outlet",
                   "Id": o.id, "Name": o.name, "PowerState": o.state,
                   "PowerWatts": {"Reading": o.watts}, "CurrentAmps": {"Reading": o.watts / 230.0},
                   "Actions": {"#Outlet.PowerControl": {"target": format!("{OUTLETS}/{}/Actions/Outlet.PowerControl", o.id)}}})
        };
        if r.method == "GET" && path == OUTLETS {
            // Expanded one level, members whole; else links only, as a service does.
            let expanded = param(&q, "$expand") == Some(".($levels=1)");
            let members: Vec<Value> = outlets
                .iter()
                .map(|o| {
                    if expanded {
                        member(o)
                    } else {
                        json!({"@odata.id": format!("{OUTLETS}/{}", o.id)})
                    }
                })
                .collect();
            return json_answer(
                "200 OK",
                &json!({"@odata.id": OUTLETS, "Name": "Outlets", "Members@odata.count": members.len(), "Members": members}),
            );
        }
        let action = path
            .strip_prefix(&format!("{OUTLETS}/"))
            .and_then(|p| p.strip_suffix("/Actions/Outlet.PowerControl"));
        match (r.method.as_str(), action) {
            ("POST", Some(id)) => {
                let Some(o) = outlets.iter_mut().find(|o| o.id == id) else {
                    return json_answer(
                        "404 Not Found",
                        &json!({"error": {"message": "no outlet"}}),
                    );
                };
                let body: Value = serde_json::from_slice(&r.body).unwrap_or(Value::Null);
                let json_type = r.header("content-type") == Some("application/json");
                match body["PowerState"].as_str() {
                    Some(s @ ("On" | "Off" | "PowerCycle")) if json_type => {
                        actions.push(format!("{id} {s}"));
                        o.state = if s == "Off" { "Off" } else { "On" };
                        http_answer("204 No Content", &[], "")
                    }
                    _ => json_answer(
                        "400 Bad Request",
                        &json!({"error": {"code": "Base.1.8.ActionParameterValueNotInList", "message": "bad PowerState"}}),
                    ),
                }
            }
            _ => json_answer("404 Not Found", &json!({"error": {"message": "not found"}})),
        }
    });
    (server, pdu)
}

#[test]
fn redfish_rack_pdu_switches_cycles_and_meters_its_outlets() {
    let (server, pdu) = redfish();
    let home = driver_home(
        "redfish-rackpdu",
        server.port,
        &format!("user = \"root\"\npassword_env = \"{PASSWORD_VAR}\"\n"),
    );
    let outlets = json(&ok(pd_with(
        &home,
        "rf-pass",
        &["-d", "dev", "get", "relay/outlets"],
    )));
    assert_eq!(outlets[1]["name"], json!("DUT 1"));
    assert_eq!(outlets[0]["physical_state"], json!(true));
    // Powering on: the old state, pending, and no physical state yet.
    assert_eq!(outlets[2]["state"], json!(false));
    assert_eq!(outlets[2]["pending"], json!(true));
    assert_eq!(outlets[2]["physical_state"], Value::Null);
    let values = json(&ok(pd_with(
        &home,
        "rf-pass",
        &["-d", "dev", "get", "meter/values"],
    )));
    assert_eq!(values["outlets.0.power"]["value"], json!(35.5));
    assert_eq!(values["outlets.0.power"]["unit"], json!("W"));

    assert_eq!(
        ok(pd_with(&home, "rf-pass", &["on", "dev:2"])),
        "dev:2 (DUT 1): on\n"
    );
    assert_eq!(
        ok(pd_with(&home, "rf-pass", &["cycle", "dev:1"])),
        "dev:1 (Switch): cycled, on\n"
    );
    assert_eq!(
        pdu.lock().unwrap().1,
        ["A2 On", "A1 PowerCycle"],
        "the device's own cycle"
    );
    assert_eq!(pdu.lock().unwrap().0[1].state, "On");
    fails(pd_with(&home, "wrong", &["on", "dev:2"]), 3, "rejected");
}

#[test]
fn redfish_without_expand_is_a_malformed_answer() {
    let (server, _pdu) = redfish();
    let home = Home::new();
    let drivers = home.dir.path().join("config/pductl/drivers");
    std::fs::create_dir_all(&drivers).unwrap();
    let plain = include_str!("../drivers/redfish-rackpdu.toml")
        .replace("id = \"redfish-rackpdu\"", "id = \"redfish-plain\"")
        .replace("?$expand=.($levels=1)", "");
    std::fs::write(drivers.join("redfish-plain.toml"), plain).unwrap();
    home.write_profile(&format!(
        "[devices.dev]\ndriver = \"redfish-plain\"\nhost = \"127.0.0.1\"\nport = {}\n\
         user = \"root\"\npassword_env = \"{PASSWORD_VAR}\"\ntimeout = 3\n",
        server.port
    ));
    // The device under test answers links only without $expand: what the shipped file
    // asks for is what makes it work.
    fails(
        pd_with(&home, "rf-pass", &["status", "dev:1"]),
        5,
        "without /Id",
    );
}

// ---------------------------------------------------------------------------------------
// Zigbee2MQTT (drivers-2.md A20): zigbee2mqtt/<name>/get and /set, state on zigbee2mqtt/<name>.

/// A Zigbee2MQTT bridge serving plugs by friendly name: `gangs` 0 is a one-gang plug
/// (`state`), more a multi-gang one (`state_l1`...). It answers a get, and a set, by
/// publishing the device's whole state on zigbee2mqtt/<name> (meters beside the state),
/// as Zigbee2MQTT does. Its own MQTT client, sharing nothing with pductl's engine.
/// Each plug's friendly name and its gangs' relays.
type Plugs = Arc<Mutex<Vec<(String, Vec<bool>)>>>;

fn z2m_bridge(broker: &Broker, plugs: &[(&str, usize)]) -> Plugs {
    let state: Vec<(String, Vec<bool>)> = plugs
        .iter()
        .map(|(name, gangs)| (name.to_string(), vec![false; (*gangs).max(1)]))
        .collect();
    let multi: Vec<bool> = plugs.iter().map(|(_, g)| *g > 0).collect();
    let state = Arc::new(Mutex::new(state));
    let mut options = rumqttc::MqttOptions::new("zigbee2mqtt-bridge", "127.0.0.1", broker.port);
    options.set_keep_alive(Duration::from_secs(30));
    let (client, mut connection) = rumqttc::Client::new(options, 16);
    client
        .subscribe("zigbee2mqtt/+/get", rumqttc::QoS::AtLeastOnce)
        .unwrap();
    client
        .subscribe("zigbee2mqtt/+/set", rumqttc::QoS::AtLeastOnce)
        .unwrap();
    let shared = state.clone();
    let (ready, subscribed) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut acks = 0;
        for event in connection.iter() {
            let Ok(event) = event else { return };
            let p = match event {
                rumqttc::Event::Incoming(rumqttc::Packet::SubAck(_)) => {
                    acks += 1;
                    if acks == 2 {
                        let _ = ready.send(());
                    }
                    continue;
                }
                rumqttc::Event::Incoming(rumqttc::Packet::Publish(p)) => p,
                _ => continue,
            };
            let parts: Vec<&str> = p.topic.split('/').collect();
            let [_, name, verb] = parts.as_slice() else {
                continue;
            };
            let mut plugs = shared.lock().unwrap();
            let Some(k) = plugs.iter().position(|(n, _)| n == name) else {
                continue;
            };
            let Ok(Value::Object(payload)) = serde_json::from_slice::<Value>(&p.payload) else {
                continue;
            };
            let key = |g: usize| {
                if multi[k] {
                    format!("state_l{}", g + 1)
                } else {
                    "state".to_string()
                }
            };
            if *verb == "set" {
                for (field, value) in &payload {
                    let gangs = plugs[k].1.len();
                    if let Some(g) = (0..gangs).find(|g| key(*g) == *field) {
                        match value.as_str() {
                            Some("ON") => plugs[k].1[g] = true,
                            Some("OFF") => plugs[k].1[g] = false,
                            Some("TOGGLE") => plugs[k].1[g] = !plugs[k].1[g],
                            _ => {}
                        }
                    }
                }
            }
            let mut doc = json!({"linkquality": 120, "power": 3.4, "energy": 1.25, "voltage": 231});
            for (g, on) in plugs[k].1.iter().enumerate() {
                doc[key(g)] = json!(if *on { "ON" } else { "OFF" });
            }
            let _ = client.try_publish(
                format!("zigbee2mqtt/{name}"),
                rumqttc::QoS::AtLeastOnce,
                false,
                doc.to_string(),
            );
        }
    });
    subscribed
        .recv_timeout(Duration::from_secs(10))
        .expect("the bridge subscribed");
    state
}

#[test]
fn zigbee2mqtt_switches_one_gang_and_multi_gang_plugs() {
    let broker = Broker::start("");
    let plugs = z2m_bridge(&broker, &[("desk_plug", 0), ("wall_3gang", 3)]);
    let home = Home::new();
    home.write_profile(&format!(
        "[devices.desk]\ndriver = \"zigbee2mqtt\"\nhost = \"127.0.0.1\"\nport = {port}\n\
         topic_root = \"desk_plug\"\ntimeout = 3\n\
         [devices.wall]\ndriver = \"zigbee2mqtt\"\nhost = \"127.0.0.1\"\nport = {port}\n\
         topic_root = \"wall_3gang\"\ntimeout = 3\n\
         [devices.gone]\ndriver = \"zigbee2mqtt\"\nhost = \"127.0.0.1\"\nport = {port}\n\
         topic_root = \"unplugged\"\ntimeout = 1\n",
        port = broker.port
    ));
    let run = |args: &[&str]| {
        let mut c = home.cmd();
        c.args(args);
        c
    };
    // One-gang: one outlet, switched with "state".
    let outlets = json(&ok(run(&["-d", "desk", "get", "relay/outlets"])));
    assert_eq!(outlets.as_array().unwrap().len(), 1);
    assert_eq!(outlets[0]["name"], json!("Outlet 1"));
    assert_eq!(ok(run(&["on", "desk:1"])), "desk:1 (Outlet 1): on\n");
    assert_eq!(plugs.lock().unwrap()[0].1, [true]);

    // Multi-gang: three outlets, switched with "state_l<i>".
    let states = json(&ok(run(&[
        "-d",
        "wall",
        "get",
        "relay/outlets/all;/physical_state",
    ])));
    assert_eq!(states, json!([false, false, false]));
    assert_eq!(ok(run(&["on", "wall:2"])), "wall:2 (Outlet 2): on\n");
    assert_eq!(
        ok(run(&["toggle", "wall:2", "wall:3"])),
        "wall:2 (Outlet 2): off\nwall:3 (Outlet 3): on\n"
    );
    assert_eq!(plugs.lock().unwrap()[1].1, [false, false, true]);
    assert_eq!(
        plugs.lock().unwrap()[0].1,
        [true],
        "the other plug is untouched"
    );
    fails(run(&["on", "wall:4"]), 2, "wall has outlets 1-3");

    // A plug the bridge does not know (or that is offline) does not answer.
    fails(run(&["status", "gone:1"]), 4, "zigbee2mqtt/unplugged");
}

#[test]
fn zigbee2mqtt_commands_are_what_the_bridge_documents() {
    let broker = Broker::start("");
    let _plugs = z2m_bridge(&broker, &[("wall_2gang", 2)]);
    let home = Home::new();
    home.write_profile(&format!(
        "[devices.wall]\ndriver = \"zigbee2mqtt\"\nhost = \"127.0.0.1\"\nport = {}\n\
         topic_root = \"wall_2gang\"\ntimeout = 3\n",
        broker.port
    ));
    // What pductl publishes, seen from outside with mosquitto_sub.
    let watch = std::process::Command::new("mosquitto_sub")
        .args(["-h", "127.0.0.1", "-p", &broker.port.to_string()])
        .args([
            "-i",
            "watch-set",
            "-t",
            "zigbee2mqtt/wall_2gang/set",
            "-C",
            "1",
            "-W",
            "10",
        ])
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("mosquitto_sub is installed (package mosquitto-clients)");
    assert!(eventually(10.0, || broker
        .subscriptions("watch-set", "zigbee2mqtt/wall_2gang/set")
        == 1));
    let mut c = home.cmd();
    c.args(["on", "wall:2"]);
    assert_eq!(ok(c), "wall:2 (Outlet 2): on\n");
    let out = watch.wait_with_output().unwrap();
    let sent = json(&String::from_utf8_lossy(&out.stdout));
    assert_eq!(sent, json!({"state_l2": "ON"}));
}
