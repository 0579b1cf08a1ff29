//! The simulated devices' MQTT faces: a client of the broker given with `--mqtt`, beside the
//! HTTP listener and on the same state, so one simulated device is reachable both ways.
//!
//! - DLI (dli-iso32-external-apis.txt, "MQTT"): every outlet's state retained on
//!   `<root>/outlets/<N>` (`1`/`0`, the relay as it is), commands obeyed on
//!   `<root>/outlets/<N>/set`; a command that arrives retained is ignored, as the device
//!   does (it may be long stale).
//! - NETIO MQTT-flex (netio.md 4.5): actions 0-5 obeyed on `<root>/output/<ID>/action`;
//!   `<root>/output/<ID>/state` published on change and on a one-second timer, retained (a
//!   unit configured with `"retain": true`; the factory configuration retains nothing, and
//!   then a client sees a state only when it changes or the timer fires), and `.../load` on
//!   the timer.
//!
//! Changes made over HTTP are published too: the state is looked at every `TICK`.

use super::dli::{Caller, DliState};
use super::netio::NetioState;
use super::{now_ms, Store};
use crate::path::Path;
use rumqttc::{AsyncClient, Event, MqttOptions, Packet, QoS};
use serde_json::json;
use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

/// How often the state is compared with what was last published.
const TICK: Duration = Duration::from_millis(100);
/// How often MQTT-flex's timer event publishes every output.
const NETIO_TIMER: Duration = Duration::from_secs(1);

fn client(broker: SocketAddr, name: &str) -> (AsyncClient, rumqttc::EventLoop) {
    let id = format!("pductl-sim-{name}-{}", std::process::id());
    let mut options = MqttOptions::new(id, broker.ip().to_string(), broker.port());
    options.set_keep_alive(Duration::from_secs(30));
    AsyncClient::new(options, 256)
}

/// DLI's payloads: `1`/`0`, NUL/SOH, `on`/`off`, `true`/`false`.
fn dli_payload(payload: &[u8]) -> Option<bool> {
    match payload {
        [1] => return Some(true),
        [0] => return Some(false),
        _ => {}
    }
    match String::from_utf8_lossy(payload)
        .trim()
        .to_ascii_lowercase()
        .as_str()
    {
        "1" | "on" | "true" => Some(true),
        "0" | "off" | "false" => Some(false),
        _ => None,
    }
}

/// The simulated DLI controller on the broker, until dropped.
pub async fn serve_dli(broker: SocketAddr, root: String, store: Arc<Store<DliState>>) {
    let (client, mut events) = client(broker, "dli");
    let set_filter = format!("{root}/outlets/+/set");
    let mut published: BTreeMap<usize, bool> = BTreeMap::new();
    let mut tick = tokio::time::interval(TICK);
    loop {
        tokio::select! {
            event = events.poll() => match event {
                Ok(Event::Incoming(Packet::ConnAck(_))) => {
                    let _ = client.subscribe(set_filter.clone(), QoS::AtLeastOnce).await;
                    published.clear(); // a new session: publish everything again
                }
                Ok(Event::Incoming(Packet::Publish(p))) if !p.retain => {
                    let outlet = p
                        .topic
                        .strip_prefix(&format!("{root}/outlets/"))
                        .and_then(|r| r.strip_suffix("/set"))
                        .and_then(|n| n.parse::<usize>().ok());
                    if let (Some(outlet), Some(on)) = (outlet, dli_payload(&p.payload)) {
                        let _ = store.with(|state| {
                            let caller = Caller {
                                name: "mqtt".into(),
                                is_admin: true,
                                outlet_access: vec![true; outlet + 1],
                                ip_address: String::new(),
                            };
                            let path = Path::from_keys(&["relay", "outlets", &outlet.to_string(), "state"]);
                            let done = state.put(&path, &json!(on), &caller).is_ok();
                            ((), done)
                        });
                    }
                }
                Ok(_) => {}
                Err(_) => tokio::time::sleep(Duration::from_millis(200)).await,
            },
            _ = tick.tick() => {
                let states = store.with(|state| {
                    state.settle(now_ms());
                    let physical: Vec<bool> = state.tree["relay"]["outlets"]
                        .as_array()
                        .map(|o| o.iter().map(|o| o["physical_state"] == json!(true)).collect())
                        .unwrap_or_default();
                    (physical, false)
                });
                for (n, on) in states.unwrap_or_default().into_iter().enumerate() {
                    if published.get(&n) != Some(&on) {
                        let topic = format!("{root}/outlets/{n}");
                        let payload = if on { "1" } else { "0" };
                        if client.try_publish(topic, QoS::AtLeastOnce, true, payload).is_ok() {
                            published.insert(n, on);
                        }
                    }
                }
            }
        }
    }
}

/// The simulated NETIO device on the broker in the MQTT-flex layout, until dropped.
pub async fn serve_netio(broker: SocketAddr, root: String, store: Arc<Store<NetioState>>) {
    let (client, mut events) = client(broker, "netio");
    let action_filter = format!("{root}/output/+/action");
    let mut published: BTreeMap<u32, bool> = BTreeMap::new();
    let mut tick = tokio::time::interval(TICK);
    let mut timer = tokio::time::interval(NETIO_TIMER);
    loop {
        let mut publish_all = false;
        tokio::select! {
            event = events.poll() => match event {
                Ok(Event::Incoming(Packet::ConnAck(_))) => {
                    let _ = client.subscribe(action_filter.clone(), QoS::AtLeastOnce).await;
                }
                Ok(Event::Incoming(Packet::Publish(p))) => {
                    let id = p
                        .topic
                        .strip_prefix(&format!("{root}/output/"))
                        .and_then(|r| r.strip_suffix("/action"))
                        .and_then(|n| n.parse::<u32>().ok());
                    let action = String::from_utf8_lossy(&p.payload).trim().parse::<u32>().ok().filter(|a| *a <= 5);
                    if let (Some(id), Some(action)) = (id, action) {
                        let command = json!({"Outputs": [{"ID": id, "Action": action}]});
                        let _ = store.with(|state| {
                            let done = state.command(&command, now_ms()).is_ok();
                            ((), done)
                        });
                    }
                }
                Ok(_) => {}
                Err(_) => tokio::time::sleep(Duration::from_millis(200)).await,
            },
            _ = tick.tick() => {}
            _ = timer.tick() => publish_all = true,
        }
        let Ok(outputs) = store.with(|state| {
            let doc = state.document(now_ms());
            let outputs: Vec<(u32, bool, Option<f64>)> = doc["Outputs"]
                .as_array()
                .map(|o| {
                    o.iter()
                        .map(|o| {
                            (
                                o["ID"].as_u64().unwrap_or(0) as u32,
                                o["State"] == json!(1),
                                o["Load"].as_f64(),
                            )
                        })
                        .collect()
                })
                .unwrap_or_default();
            (outputs, false)
        }) else {
            continue;
        };
        for (id, on, load) in outputs {
            if publish_all || published.get(&id) != Some(&on) {
                let state = format!("{root}/output/{id}/state");
                let payload = if on { "1" } else { "0" };
                if client
                    .try_publish(state, QoS::AtLeastOnce, true, payload)
                    .is_ok()
                {
                    published.insert(id, on);
                }
                if let Some(load) = load.filter(|_| publish_all) {
                    let topic = format!("{root}/output/{id}/load");
                    let _ = client.try_publish(
                        topic,
                        QoS::AtMostOnce,
                        false,
                        format!("{}", load.round()),
                    );
                }
            }
        }
    }
}
