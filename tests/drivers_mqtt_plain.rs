//! X-mqtt: plain payloads and one retained topic per outlet, as the `zwave-js-mqtt` driver
//! reads Z-Wave JS UI's gateway (protocols/drivers-2.md B34): a gateway written here from
//! those facts, a client of a real mosquitto broker, publishes each Binary Switch value
//! retained on zwave/<node>/37/<endpoint>/currentValue (JSON {"time","value"} or the plain
//! value, as its payload setting says) and switches on .../targetValue/set. The tests
//! check at the gateway what pductl published, and what a user sees.

mod common;
use common::mosquitto::Broker;
use common::*;
use serde_json::{json, Value};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// The gateway's values by path (`5/37/0`), and every set it took (path, payload).
struct Gateway {
    values: Vec<(String, bool)>,
    sets: Vec<(String, String)>,
}

type Shared = Arc<Mutex<Gateway>>;

/// What the gateway publishes for a value: `{"time": ms, "value": v}`, or `v` alone.
fn payload(on: bool, plain: bool) -> String {
    if plain {
        on.to_string()
    } else {
        let time = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap()
            .as_millis();
        json!({"time": time, "value": on}).to_string()
    }
}

fn gateway(broker: &Broker, client: &str, values: &[(&str, bool)], plain: bool) -> Shared {
    let shared = Arc::new(Mutex::new(Gateway {
        values: values.iter().map(|(p, v)| (p.to_string(), *v)).collect(),
        sets: Vec::new(),
    }));
    let mut options = rumqttc::MqttOptions::new(client, "127.0.0.1", broker.port);
    options.set_keep_alive(Duration::from_secs(30));
    let (client, mut connection) = rumqttc::Client::new(options, 16);
    client
        .subscribe("zwave/+/37/+/targetValue/set", rumqttc::QoS::AtLeastOnce)
        .unwrap();
    for (path, on) in values {
        client
            .publish(
                format!("zwave/{path}/currentValue"),
                rumqttc::QoS::AtLeastOnce,
                true,
                payload(*on, plain),
            )
            .unwrap();
    }
    let state = shared.clone();
    let (ready, subscribed) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for event in connection.iter() {
            let Ok(event) = event else { return };
            let p = match event {
                rumqttc::Event::Incoming(rumqttc::Packet::SubAck(_)) => {
                    let _ = ready.send(());
                    continue;
                }
                rumqttc::Event::Incoming(rumqttc::Packet::Publish(p)) => p,
                _ => continue,
            };
            let Some(path) = p
                .topic
                .strip_prefix("zwave/")
                .and_then(|t| t.strip_suffix("/targetValue/set"))
            else {
                continue;
            };
            let text = String::from_utf8_lossy(&p.payload).into_owned();
            let mut g = state.lock().unwrap();
            g.sets.push((path.to_string(), text.clone()));
            // The gateway takes true/false, plain or as {"value": ...}.
            let wanted = match serde_json::from_str::<Value>(&text) {
                Ok(Value::Bool(b)) => Some(b),
                Ok(v) => v.get("value").and_then(Value::as_bool),
                Err(_) => None,
            };
            let Some(on) = wanted else { continue };
            let Some(value) = g.values.iter_mut().find(|(p, _)| p == path) else {
                continue;
            };
            value.1 = on;
            let _ = client.try_publish(
                format!("zwave/{path}/currentValue"),
                rumqttc::QoS::AtLeastOnce,
                true,
                payload(on, plain),
            );
        }
    });
    subscribed
        .recv_timeout(Duration::from_secs(10))
        .expect("the gateway subscribed");
    // Its retained values are at the broker before pductl asks.
    assert!(eventually(5.0, || {
        let out = std::process::Command::new("mosquitto_sub")
            .args(["-h", "127.0.0.1", "-p", &broker.port.to_string()])
            .args(["-t", "zwave/#", "-C", &values.len().to_string(), "-W", "2"])
            .output()
            .expect("mosquitto_sub is installed (package mosquitto-clients)");
        String::from_utf8_lossy(&out.stdout).lines().count() == values.len()
    }));
    shared
}

fn home_for(broker: &Broker, outlets: &str) -> Home {
    let home = Home::new();
    home.write_profile(&format!(
        "[devices.zw]\ndriver = \"zwave-js-mqtt\"\nhost = \"127.0.0.1\"\nport = {}\n\
         topic_root = \"zwave\"\ntimeout = 2\nretries = 0\n{outlets}",
        broker.port
    ));
    home
}

fn pd(home: &Home, args: &[&str]) -> assert_cmd::Command {
    let mut c = home.cmd();
    c.args(args);
    c
}

#[test]
fn zwave_js_switches_binary_switch_values_in_json_and_plain_payloads() {
    for plain in [false, true] {
        let broker = Broker::start("");
        let client = if plain { "zwave-plain" } else { "zwave-json" };
        let gw = gateway(
            &broker,
            client,
            &[("5/37/0", true), ("7/37/1", false)],
            plain,
        );
        let home = home_for(&broker, "outlets = [\"5/37/0\", \"7/37/1\"]\n");
        let outlets = json(&ok(pd(&home, &["-d", "zw", "get", "relay/outlets"])));
        let states: Vec<&Value> = outlets
            .as_array()
            .unwrap()
            .iter()
            .map(|o| &o["state"])
            .collect();
        assert_eq!(states, [&json!(true), &json!(false)], "plain: {plain}");
        assert_eq!(outlets[1]["name"], json!("Outlet 2"));
        assert_eq!(ok(pd(&home, &["on", "zw:2"])), "zw:2 (Outlet 2): on\n");
        assert_eq!(ok(pd(&home, &["off", "zw:1"])), "zw:1 (Outlet 1): off\n");
        let g = gw.lock().unwrap();
        assert_eq!(
            g.values,
            [("5/37/0".to_string(), false), ("7/37/1".to_string(), true)]
        );
        assert_eq!(
            g.sets,
            [
                ("7/37/1".to_string(), "true".to_string()),
                ("5/37/0".to_string(), "false".to_string())
            ]
        );
    }
}

#[test]
fn zwave_js_needs_outlets_and_retained_values_it_can_read() {
    let broker = Broker::start("");
    let _gw = gateway(&broker, "zwave-gw", &[("5/37/0", true)], false);
    // No outlets: the gateway cannot be asked which values there are.
    fails(
        pd(&home_for(&broker, ""), &["status", "zw:all"]),
        2,
        "set outlets",
    );
    // A value nobody published (a node id mistyped): no answer, the topic named.
    let home = home_for(&broker, "outlets = [\"5/37/0\", \"9/37/0\"]\n");
    fails(
        pd(&home, &["status", "zw:all"]),
        4,
        "zwave/9/37/0/currentValue",
    );
    // A retained message that is a JSON object without the value: malformed.
    broker.publish(&[
        "-r",
        "-t",
        "zwave/6/37/0/currentValue",
        "-m",
        "{\"time\":1,\"state\":true}",
    ]);
    let home = home_for(&broker, "outlets = [\"6/37/0\"]\n");
    fails(pd(&home, &["status", "zw:all"]), 5, "without /value");
    // A wildcard in an id would read other values than the outlet's.
    let home = home_for(&broker, "outlets = [\"5/37/+\"]\n");
    fails(pd(&home, &["status", "zw:all"]), 2, "wildcard");
}
