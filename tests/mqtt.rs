//! MQTT end to end through a real mosquitto broker (each test starts its own on a free
//! loopback port, with a generated configuration): the simulated DLI controller (DLI topics)
//! and NETIO device (MQTT-flex) as clients of the broker, pductl as another, and mosquitto's
//! own `mosquitto_pub`/`mosquitto_sub` checking the wire format from outside.

mod common;
use common::mosquitto::{free_port, Broker};
use common::*;
use serde_json::json;
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A simulator with an MQTT face as well as its HTTP one.
fn mqtt_sim(kind: &str, broker: &Broker, root: &str) -> Sim {
    let addr = broker.addr();
    let mut args = vec!["--mqtt", &addr, "--topic-root", root];
    if kind == "dli" {
        args.extend(["--outlets", "4"]);
    }
    Sim::start(kind, &args)
}

fn profile(home: &Home, broker: &Broker, extra: &str) {
    home.write_profile(&format!(
        "[devices.garage]\nprotocol = \"mqtt\"\nhost = \"127.0.0.1\"\nport = {port}\nlayout = \"dli\"\n\
         topic_root = \"pcr12345\"\ntimeout = 3\ncycle_delay = 1\n{extra}\n\
         [devices.flex]\nprotocol = \"mqtt\"\nhost = \"127.0.0.1\"\nport = {port}\nlayout = \"netio-flex\"\n\
         topic_root = \"netio/NETIO-AN40\"\ntimeout = 3\n{extra}\n\
         [devices.nobody]\nprotocol = \"mqtt\"\nhost = \"127.0.0.1\"\nport = {port}\nlayout = \"dli\"\n\
         topic_root = \"nobody\"\ntimeout = 1\n{extra}\n",
        port = broker.port
    ));
}

fn pd(home: &Home, args: &[&str]) -> String {
    let mut c = home.cmd();
    c.env(PASSWORD_VAR, "broker-pass").args(args);
    ok(c)
}

/// pductl at the DLI simulator's REST face, with its factory login.
fn rest(home: &Home, dli: &Sim, args: &[&str]) -> assert_cmd::Command {
    let mut c = home.cmd();
    c.args([
        "--host",
        "127.0.0.1",
        "--port",
        dli.port(),
        "--password-env",
        PASSWORD_VAR,
    ])
    .env(PASSWORD_VAR, "1234")
    .args(args);
    c
}

/// A DLI outlet's physical state over the simulator's REST face.
fn rest_state(home: &Home, dli: &Sim, outlet: usize) -> bool {
    let path = format!("relay/outlets/{outlet}/physical_state");
    json(&ok(rest(home, dli, &["get", &path])))
        .as_bool()
        .unwrap()
}

#[test]
fn dli_topics_get_set_toggle_cycle() {
    let broker = Broker::start("");
    let dli = mqtt_sim("dli", &broker, "pcr12345");
    let home = Home::new();
    profile(&home, &broker, "");
    let outlets = json(&pd(&home, &["-d", "garage", "get", "relay/outlets"]));
    assert_eq!(
        outlets.as_array().unwrap().len(),
        4,
        "the retained state topics"
    );
    assert_eq!(
        pd(&home, &["-d", "garage", "get", "relay/outlets/1/state"]).trim(),
        "false"
    );
    // set waits for the state topic to confirm, and the device really switched.
    pd(
        &home,
        &["-d", "garage", "set", "relay/outlets/1/state", "true"],
    );
    assert!(rest_state(&home, &dli, 1));
    pd(&home, &["-d", "garage", "invoke", "relay/outlets/1/toggle"]);
    assert!(!rest_state(&home, &dli, 1));
    let started = Instant::now();
    pd(&home, &["-d", "garage", "invoke", "relay/outlets/2/cycle"]);
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "off for cycle_delay"
    );
    assert!(rest_state(&home, &dli, 2));
    // The everyday verbs ride on it.
    assert_eq!(pd(&home, &["on", "garage:4"]), "garage:4 (Outlet 4): on\n");
    assert!(rest_state(&home, &dli, 3));
}

#[test]
fn mosquitto_tools_see_the_same_wire() {
    let broker = Broker::start("");
    // A command someone left retained on /set reaches the device flagged as retained when it
    // subscribes: stale, and ignored, as the device ignores it.
    broker.publish(&["-r", "-t", "pcr12345/outlets/3/set", "-m", "1"]);
    let dli = mqtt_sim("dli", &broker, "pcr12345");
    let home = Home::new();
    profile(&home, &broker, "");
    pd(&home, &["-d", "garage", "get", "relay/outlets"]); // the device is up
                                                          // mosquitto_pub drives the simulator.
    broker.publish(&["-t", "pcr12345/outlets/0/set", "-m", "on"]);
    assert!(eventually(5.0, || rest_state(&home, &dli, 0)));
    assert!(
        !rest_state(&home, &dli, 3),
        "the retained command was ignored"
    );
    // mosquitto_sub reads pductl's command: payload 1, not retained.
    let mut sub = Command::new("mosquitto_sub")
        .args(["-h", "127.0.0.1", "-p", &broker.port.to_string()])
        .args([
            "-t",
            "pcr12345/outlets/2/set",
            "-C",
            "1",
            "-W",
            "10",
            "-F",
            "%t %p %r",
        ])
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(300));
    pd(
        &home,
        &["-d", "garage", "set", "relay/outlets/2/state", "true"],
    );
    let out = sub.wait_with_output_mut();
    assert_eq!(out.trim(), "pcr12345/outlets/2/set 1 0");
    // Retained state as mosquitto_sub sees it.
    let out = Command::new("mosquitto_sub")
        .args(["-h", "127.0.0.1", "-p", &broker.port.to_string()])
        .args([
            "-t",
            "pcr12345/outlets/2",
            "-C",
            "1",
            "-W",
            "5",
            "-F",
            "%p %r",
        ])
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "1 1");
}

trait WaitOutput {
    fn wait_with_output_mut(&mut self) -> String;
}

impl WaitOutput for Child {
    fn wait_with_output_mut(&mut self) -> String {
        let mut out = String::new();
        if let Some(stdout) = self.stdout.take() {
            let _ = BufReader::new(stdout).read_line(&mut out);
        }
        let _ = self.wait();
        out
    }
}

#[test]
fn netio_flex_get_set_toggle_cycle_and_load() {
    let broker = Broker::start("");
    let netio = mqtt_sim("netio", &broker, "netio/NETIO-AN40");
    let home = Home::new();
    profile(&home, &broker, "");
    assert_eq!(
        json(&pd(
            &home,
            &["-d", "flex", "get", "relay/outlets/all;/state"]
        )),
        json!([false, false, false, false])
    );
    pd(
        &home,
        &["-d", "flex", "set", "relay/outlets/2/state", "true"],
    );
    let mut c = home.netio_at(netio.port());
    c.args(["get", "relay/outlets/2/physical_state"]);
    assert_eq!(json(&ok(c)), json!(true), "the device switched");
    pd(&home, &["-d", "flex", "invoke", "relay/outlets/2/toggle"]);
    assert_eq!(
        pd(&home, &["-d", "flex", "get", "relay/outlets/2/state"]).trim(),
        "false"
    );
    // Short off of an output that is on: off, then on after its delay.
    pd(
        &home,
        &["-d", "flex", "set", "relay/outlets/0/state", "true"],
    );
    pd(&home, &["-d", "flex", "invoke", "relay/outlets/0/cycle"]);
    assert_eq!(
        pd(&home, &["-d", "flex", "get", "relay/outlets/0/state"]).trim(),
        "true"
    );
    assert!(eventually(5.0, || {
        let values = json(&pd(&home, &["-d", "flex", "get", "meter/values"]));
        values["outlets.0.power"]["value"]
            .as_f64()
            .is_some_and(|w| w > 0.0)
    }));
}

#[test]
fn subscribe_is_pushed_and_survives_a_broker_restart() {
    let mut broker = Broker::start("");
    let dli = mqtt_sim("dli", &broker, "pcr12345");
    let home = Home::new();
    profile(&home, &broker, "");
    let mut sub = home
        .std_cmd()
        .args(["-d", "garage", "subscribe", "relay/outlets/0/state"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(sub.stdout.take().unwrap()).lines();
    let first = lines.next().unwrap().unwrap();
    assert_eq!(
        json(&first),
        json!({"path": "/relay/outlets/0/state", "value": false})
    );
    // A change made over REST arrives at once, pushed.
    let started = Instant::now();
    ok(rest(&home, &dli, &["set", "relay/outlets/0/state", "true"]));
    let change = lines.next().unwrap().unwrap();
    assert_eq!(
        json(&change),
        json!({"path": "/relay/outlets/0/state", "value": true})
    );
    assert!(started.elapsed() < Duration::from_secs(2));
    // The broker goes away and comes back: pductl says so and gives the value again.
    broker.stop();
    std::thread::sleep(Duration::from_millis(500));
    broker.run();
    let again = lines.next().unwrap().unwrap();
    assert_eq!(
        json(&again),
        json!({"path": "/relay/outlets/0/state", "value": true})
    );
    // And goes on: mosquitto_pub drives the device, the change is pushed.
    broker.publish(&["-t", "pcr12345/outlets/0/set", "-m", "0"]);
    let change = lines.next().unwrap().unwrap();
    assert_eq!(
        json(&change),
        json!({"path": "/relay/outlets/0/state", "value": false})
    );
    let _ = sub.kill();
    let out = sub.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("reconnecting"), "{stderr}");
}

#[test]
fn bad_brokers_credentials_and_payloads() {
    let home = Home::new();
    // Nobody listening.
    let port = free_port();
    home.write_profile(&format!(
        "[devices.gone]\nprotocol = \"mqtt\"\nhost = \"127.0.0.1\"\nport = {port}\ntopic_root = \"x\"\ntimeout = 2\n"
    ));
    let mut c = home.cmd();
    c.args(["-d", "gone", "get", "relay/outlets"]);
    fails(c, 4, "cannot connect to gone");

    // A broker that wants a password.
    let dir = tempfile::tempdir().unwrap();
    let passwords = dir.path().join("passwd");
    let made = Command::new("mosquitto_passwd")
        .args(["-b", "-c"])
        .arg(&passwords)
        .args(["ops", "broker-pass"])
        .status()
        .unwrap();
    assert!(made.success());
    let broker = Broker::start(&format!("password_file {}\n", passwords.display()));
    profile(
        &home,
        &broker,
        &format!("user = \"ops\"\npassword_env = \"{PASSWORD_VAR}\"\n"),
    );
    let as_ops = |password: &str, args: &[&str]| {
        let mut c = home.cmd();
        c.env(PASSWORD_VAR, password).args(args);
        c
    };
    // ops publishes retained payloads as a device would.
    let publish = |topic: &str, payload: &str| {
        broker.publish(&[
            "-u",
            "ops",
            "-P",
            "broker-pass",
            "-r",
            "-t",
            topic,
            "-m",
            payload,
        ]);
    };
    fails(
        as_ops("wrong", &["-d", "garage", "get", "relay/outlets"]),
        3,
        "refused the user name or password",
    );
    // The right password: a retained payload that is no state is a malformed answer.
    publish("pcr12345/outlets/0", "maybe");
    fails(
        as_ops("broker-pass", &["-d", "garage", "get", "relay/outlets"]),
        5,
        "\"maybe\" on pcr12345/outlets/0",
    );
    // A state topic nobody publishes: the read names it; a set nobody confirms is exit 6.
    fails(
        as_ops(
            "broker-pass",
            &["-d", "nobody", "get", "relay/outlets/0/state"],
        ),
        4,
        "nothing arrived on nobody/outlets/0",
    );
    publish("nobody/outlets/0", "0");
    let set = ["set", "relay/outlets/0/state", "true"];
    fails(
        as_ops("broker-pass", &[&["-d", "nobody"][..], &set].concat()),
        6,
        "did not confirm nobody/outlets/0 = on",
    );
    ok(as_ops(
        "broker-pass",
        &[&["-d", "nobody", "--no-wait"][..], &set].concat(),
    ));
}

#[test]
fn tls_to_the_broker_is_verified() {
    let dir = tempfile::tempdir().unwrap();
    let (cert, key) = (dir.path().join("cert.pem"), dir.path().join("key.pem"));
    let made = Command::new("openssl")
        .args([
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "2",
            "-subj",
            "/CN=127.0.0.1",
        ])
        .args(["-addext", "subjectAltName=IP:127.0.0.1"])
        .args(["-addext", "basicConstraints=critical,CA:FALSE"])
        .arg("-keyout")
        .arg(&key)
        .arg("-out")
        .arg(&cert)
        .stderr(Stdio::null())
        .status()
        .expect("openssl makes a test certificate");
    assert!(made.success());
    let tls_port = free_port();
    let broker = Broker::start(&format!(
        "listener {tls_port} 127.0.0.1\ncertfile {}\nkeyfile {}\n",
        cert.display(),
        key.display()
    ));
    let _dli = mqtt_sim("dli", &broker, "pcr12345");
    let home = Home::new();
    let device = |extra: &str| {
        format!(
            "[devices.secure]\nprotocol = \"mqtt\"\nhost = \"127.0.0.1\"\nport = {tls_port}\ntls = true\n\
             topic_root = \"pcr12345\"\ntimeout = 3\n{extra}"
        )
    };
    home.write_profile(&device(""));
    let mut c = home.cmd();
    c.args(["-d", "secure", "get", "relay/outlets/0/state"]);
    fails(c, 4, "cannot establish a trusted TLS connection");
    home.write_profile(&device(&format!("ca_file = \"{}\"\n", cert.display())));
    let mut c = home.cmd();
    c.args(["-d", "secure", "get", "relay/outlets/0/state"]);
    assert_eq!(ok(c).trim(), "false");
}

/// A Tasmota unit on MQTT, to the facts in protocols/drivers.md ("Tasmota"): it listens on
/// `cmnd/<topic>/...`; `State` is answered on `stat/<topic>/RESULT` with every relay's
/// `POWER<i>`; `POWER<i>` with `ON`/`OFF` switches and answers `{"POWER<i>":"ON"}` on RESULT
/// and `ON` on `stat/<topic>/POWER<i>`; anything else answers `{"Command":"Unknown"}`. Its
/// own MQTT client (rumqttc's blocking one), sharing nothing with pductl's driver engine.
fn tasmota_on_mqtt(
    broker: &Broker,
    topic: &str,
    relays: usize,
) -> std::sync::Arc<std::sync::Mutex<Vec<bool>>> {
    let state = std::sync::Arc::new(std::sync::Mutex::new(vec![false; relays]));
    let mut options =
        rumqttc::MqttOptions::new(format!("tasmota-{topic}"), "127.0.0.1", broker.port);
    options.set_keep_alive(Duration::from_secs(30));
    let (client, mut connection) = rumqttc::Client::new(options, 16);
    client
        .subscribe(format!("cmnd/{topic}/#"), rumqttc::QoS::AtLeastOnce)
        .unwrap();
    let shared = state.clone();
    let topic = topic.to_string();
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
            let command = p
                .topic
                .rsplit('/')
                .next()
                .unwrap_or("")
                .to_ascii_uppercase();
            let payload = String::from_utf8_lossy(&p.payload).to_ascii_uppercase();
            let mut relays = shared.lock().unwrap();
            let word = |on: bool| if on { "ON" } else { "OFF" };
            let result = if command == "STATE" {
                let mut doc = json!({"Time": "2026-11-26T01:00:00", "Uptime": "0T00:05:00"});
                for (i, on) in relays.iter().enumerate() {
                    doc[format!("POWER{}", i + 1)] = json!(word(*on));
                }
                doc
            } else if let Some(i) = command
                .strip_prefix("POWER")
                .and_then(|i| i.parse::<usize>().ok())
                .filter(|i| {
                    (1..=relays.len()).contains(i) && ["ON", "OFF"].contains(&payload.as_str())
                })
            {
                relays[i - 1] = payload == "ON";
                let _ = client.try_publish(
                    format!("stat/{topic}/POWER{i}"),
                    rumqttc::QoS::AtLeastOnce,
                    false,
                    payload.clone(),
                );
                json!({ format!("POWER{i}"): payload })
            } else {
                json!({"Command": "Unknown"})
            };
            let _ = client.try_publish(
                format!("stat/{topic}/RESULT"),
                rumqttc::QoS::AtLeastOnce,
                false,
                result.to_string(),
            );
        }
    });
    subscribed
        .recv_timeout(Duration::from_secs(10))
        .expect("the Tasmota unit subscribed");
    state
}

#[test]
fn the_tasmota_mqtt_driver_switches_relays_through_the_broker() {
    let broker = Broker::start("");
    let relays = tasmota_on_mqtt(&broker, "plug_4F2A", 3);
    let home = Home::new();
    home.write_profile(&format!(
        "[devices.plug]\ndriver = \"tasmota-mqtt\"\nhost = \"127.0.0.1\"\nport = {}\n\
         topic_root = \"plug_4F2A\"\ntimeout = 3\n",
        broker.port
    ));
    let run = |args: &[&str]| {
        let mut c = home.cmd();
        c.args(args);
        c
    };
    // What the unit publishes, seen from outside with mosquitto_sub.
    let mut watch = Command::new("mosquitto_sub")
        .args([
            "-h",
            "127.0.0.1",
            "-p",
            &broker.port.to_string(),
            "-v",
            "-t",
            "stat/plug_4F2A/POWER2",
        ])
        .stdout(Stdio::piped())
        .spawn()
        .expect("mosquitto_sub is installed (package mosquitto-clients)");
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(ok(run(&["on", "plug:2"])), "plug:2 (Outlet 2): on\n");
    assert_eq!(*relays.lock().unwrap(), [false, true, false]);
    let mut line = String::new();
    BufReader::new(watch.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let _ = watch.kill();
    let _ = watch.wait();
    assert_eq!(line.trim(), "stat/plug_4F2A/POWER2 ON");
    let states = json(&ok(run(&[
        "-d",
        "plug",
        "get",
        "relay/outlets/all;/physical_state",
    ])));
    assert_eq!(states, json!([false, true, false]));
    assert_eq!(
        ok(run(&["toggle", "plug:1", "plug:2"])),
        "plug:1 (Outlet 1): on\nplug:2 (Outlet 2): off\n"
    );
    assert_eq!(*relays.lock().unwrap(), [true, false, false]);
    fails(run(&["on", "plug:4"]), 2, "plug has outlets 1-3");

    // Nobody answering on the device's topic: a timeout naming the answer topic.
    let home = Home::new();
    home.write_profile(&format!(
        "[devices.gone]\ndriver = \"tasmota-mqtt\"\nhost = \"127.0.0.1\"\nport = {}\n\
         topic_root = \"nobody\"\ntimeout = 1\n",
        broker.port
    ));
    let mut c = home.cmd();
    c.args(["-d", "gone", "get", "relay/outlets"]);
    fails(c, 4, "sent no outlets on stat/nobody/RESULT");
}
