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
            "-i",
            "watch-set2",
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
    assert!(eventually(10.0, || broker
        .subscriptions("watch-set2", "pcr12345/outlets/2/set")
        == 1));
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

/// `mosquitto_sub -t TOPIC -C 1 -W SECS`: the first message, once one arrives (or "" when
/// none does within `secs`).
fn first_message(broker: &Broker, topic: &str, secs: u32) -> String {
    let out = Command::new("mosquitto_sub")
        .args(["-h", "127.0.0.1", "-p", &broker.port.to_string()])
        .args([
            "-t",
            topic,
            "-C",
            "1",
            "-W",
            &secs.to_string(),
            "-F",
            "%t %p",
        ])
        .output()
        .expect("mosquitto_sub is installed (package mosquitto-clients)");
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

#[test]
fn netio_flex_metering_is_read_the_first_time_and_keys_and_get_agree() {
    let broker = Broker::start("");
    let _netio = mqtt_sim("netio", &broker, "netio/NETIO-AN40");
    let home = Home::new();
    profile(&home, &broker, "");
    // What a user sees first: mosquitto_sub shows the loads coming.
    let seen = first_message(&broker, "netio/NETIO-AN40/output/+/load", 10);
    assert!(seen.starts_with("netio/NETIO-AN40/output/"), "{seen:?}");
    // Every read, the first included, shows the load of each output (loads are not
    // retained: pductl waits for them), as keys lists them.
    let values = json(&pd(&home, &["-d", "flex", "get", "meter/values"]));
    let keys: Vec<&str> = values
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        [
            "outlets.0.power",
            "outlets.1.power",
            "outlets.2.power",
            "outlets.3.power"
        ],
        "{values}"
    );
    assert_eq!(values["outlets.2.power"]["unit"], json!("W"));
    assert_eq!(
        json(&pd(&home, &["-d", "flex", "keys", "meter/values"])),
        json!(keys)
    );
    for key in &keys {
        let value = json(&pd(
            &home,
            &["-d", "flex", "get", &format!("meter/values/{key}/value")],
        ));
        assert!(value.is_number(), "{key}: {value}");
    }
    // status shows the power beside each state.
    let rows = json(&pd(&home, &["-d", "flex", "-o", "json", "status"]));
    let rows = rows.as_array().unwrap();
    assert_eq!(rows.len(), 4);
    for row in rows {
        assert!(row["power"].is_number(), "{row}");
    }
}

#[test]
fn netio_flex_outputs_that_do_not_meter_have_no_load() {
    let broker = Broker::start("");
    // PowerDIN 4PZ: outputs 1 and 2 meter, 3 and 4 do not.
    let addr = broker.addr();
    let _din = Sim::start(
        "netio",
        &[
            "--model",
            "powerdin-4pz",
            "--mqtt",
            &addr,
            "--topic-root",
            "netio/din",
        ],
    );
    let _plain = Sim::start(
        "netio",
        &[
            "--model",
            "netio-4",
            "--mqtt",
            &addr,
            "--topic-root",
            "netio/plain",
        ],
    );
    let home = Home::new();
    home.write_profile(&format!(
        "[devices.din]\nprotocol = \"mqtt\"\nhost = \"127.0.0.1\"\nport = {port}\n\
         layout = \"netio-flex\"\ntopic_root = \"netio/din\"\ntimeout = 10\n\
         [devices.plain]\nprotocol = \"mqtt\"\nhost = \"127.0.0.1\"\nport = {port}\n\
         layout = \"netio-flex\"\ntopic_root = \"netio/plain\"\ntimeout = 1\n",
        port = broker.port
    ));
    // Once the device's timer has gone round, the outputs without a load are known not to
    // meter: no waiting out the 10 s timeout.
    let started = Instant::now();
    let values = json(&pd(&home, &["-d", "din", "get", "meter/values"]));
    assert!(
        started.elapsed() < Duration::from_secs(6),
        "{:?}",
        started.elapsed()
    );
    let keys: Vec<&String> = values.as_object().unwrap().keys().collect();
    assert_eq!(keys, ["outlets.0.power", "outlets.1.power"], "{values}");
    let mut c = home.cmd();
    c.args(["-d", "din", "get", "meter/values/outlets.3.power"]);
    fails(c, 1, "outlets.3.power");
    // A device that meters nothing: no values, and one named is a timeout naming its topic.
    assert_eq!(
        json(&pd(&home, &["-d", "plain", "get", "meter/values"])),
        json!({})
    );
    let mut c = home.cmd();
    c.args(["-d", "plain", "get", "meter/values/outlets.0.power"]);
    fails(c, 4, "nothing arrived on netio/plain/output/1/load");
}

#[test]
fn an_ad_hoc_broker_is_named_once_in_messages() {
    let broker = Broker::start("");
    let home = Home::new();
    let addr = broker.addr();
    for host in [addr.clone(), "127.0.0.1".to_string()] {
        let mut c = home.cmd();
        c.args(["--protocol", "mqtt", "--host", &host])
            .args(["--port", &broker.port.to_string()])
            .args(["--topic-root", "nobody", "--timeout", "1"])
            .args(["get", "relay/outlets/0/state"]);
        let line = fails(
            c,
            4,
            &format!("nothing arrived on nobody/outlets/0 from broker {addr} "),
        );
        assert_eq!(line.matches(&addr).count(), 1, "{line}");
    }
}

/// A child's stdout, line by line, each waited for at most `secs`.
struct Lines(std::sync::mpsc::Receiver<String>);

impl Lines {
    fn of(child: &mut Child) -> Lines {
        let stdout = child.stdout.take().expect("stdout is piped");
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { return };
                if tx.send(line).is_err() {
                    return;
                }
            }
        });
        Lines(rx)
    }

    fn next(&self, secs: u64) -> String {
        self.0
            .recv_timeout(Duration::from_secs(secs))
            .unwrap_or_else(|e| panic!("no line within {secs} s: {e}"))
    }
}

/// Waits at most `secs` for a child to end (killing it and failing the test after that);
/// its exit code, stdout and stderr.
fn finish(mut child: Child, secs: u64) -> (i32, String, String) {
    let deadline = Instant::now() + Duration::from_secs(secs);
    while child.try_wait().unwrap().is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            let out = child.wait_with_output().unwrap();
            panic!(
                "pductl still running after {secs} s; stderr: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// pductl's own MQTT client ids begin with this (the simulators' do not).
fn client_of(child: &Child) -> String {
    format!("pductl-{}-", child.id())
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
    let client = client_of(&sub);
    let lines = Lines::of(&mut sub);
    let value = |v: bool| json!({"path": "/relay/outlets/0/state", "value": v});
    assert_eq!(json(&lines.next(10)), value(false));
    // A change made over REST arrives at once, pushed.
    let started = Instant::now();
    ok(rest(&home, &dli, &["set", "relay/outlets/0/state", "true"]));
    assert_eq!(json(&lines.next(10)), value(true));
    assert!(started.elapsed() < Duration::from_secs(2));
    // The broker dies, and stays down while pductl tries to reconnect three times; then
    // it is back (without the retained messages: it keeps nothing).
    broker.outage(&client, 3);
    // pductl gives the value again,
    assert_eq!(json(&lines.next(15)), value(true));
    // and goes on: the device's retained state changes, and the change is pushed.
    broker.publish(&["-r", "-t", "pcr12345/outlets/0", "-m", "0"]);
    assert_eq!(json(&lines.next(10)), value(false));
    let _ = sub.kill();
    let out = sub.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    // One warning for the outage, not one per attempt to reconnect.
    let warnings: Vec<&str> = stderr.lines().collect();
    assert_eq!(warnings.len(), 1, "{stderr}");
    assert!(
        warnings[0].starts_with(&format!(
            "warning: lost garage (broker 127.0.0.1:{}) (",
            broker.port
        )) && warnings[0].ends_with("); reconnecting"),
        "{stderr}"
    );
}

/// A device's MQTT face for the outage tests, as a client of its own (rumqttc) with a
/// session the broker keeps: a broker started `persistent` keeps its subscription across a
/// restart, and what is published for it while it reconnects waits for it. It retains its
/// outlet's state, again on every connection, and hears commands on one topic.
struct Device {
    client: rumqttc::Client,
    state_topic: String,
    on: std::sync::Arc<std::sync::atomic::AtomicBool>,
    /// Each command heard (a copy the broker sends again, flagged dup, aside), in order.
    commands: std::sync::mpsc::Receiver<String>,
    /// A signal for each connection, once it subscribed and retained its state again.
    connected: std::sync::mpsc::Receiver<()>,
}

impl Device {
    /// `obey` says what a command makes of the outlet: on, off, or nothing (`None`).
    fn start(
        broker: &Broker,
        command_topic: &str,
        state_topic: &str,
        on: bool,
        mut obey: impl FnMut(&str) -> Option<bool> + Send + 'static,
    ) -> Device {
        let mut options =
            rumqttc::MqttOptions::new(format!("device-{}", broker.port), "127.0.0.1", broker.port);
        options.set_keep_alive(Duration::from_secs(30));
        options.set_clean_session(false);
        let (client, mut connection) = rumqttc::Client::new(options, 16);
        let on = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(on));
        let (heard, commands) = std::sync::mpsc::channel();
        let (subscribed, connected) = std::sync::mpsc::channel();
        let (c, state, command, now) = (
            client.clone(),
            state_topic.to_string(),
            command_topic.to_string(),
            on.clone(),
        );
        let retain = move |on: bool| {
            let payload = if on { "1" } else { "0" };
            let _ = c.try_publish(&state, rumqttc::QoS::AtLeastOnce, true, payload);
        };
        let c = client.clone();
        std::thread::spawn(move || {
            for event in connection.iter() {
                match event {
                    Ok(rumqttc::Event::Incoming(rumqttc::Packet::ConnAck(_))) => {
                        let _ = c.try_subscribe(&command, rumqttc::QoS::AtLeastOnce);
                        retain(now.load(std::sync::atomic::Ordering::SeqCst));
                    }
                    Ok(rumqttc::Event::Incoming(rumqttc::Packet::SubAck(_))) => {
                        let _ = subscribed.send(());
                    }
                    Ok(rumqttc::Event::Incoming(rumqttc::Packet::Publish(p)))
                        if p.topic == command && !p.dup =>
                    {
                        let payload = String::from_utf8_lossy(&p.payload).into_owned();
                        if let Some(on) = obey(&payload) {
                            now.store(on, std::sync::atomic::Ordering::SeqCst);
                            retain(on);
                        }
                        let _ = heard.send(payload);
                    }
                    Ok(_) => {}
                    Err(_) => std::thread::sleep(Duration::from_millis(50)),
                }
            }
        });
        let device = Device {
            client,
            state_topic: state_topic.to_string(),
            on,
            commands,
            connected,
        };
        device.reconnected();
        device
    }

    /// Waits for the next connection (the first: the device is up).
    fn reconnected(&self) {
        self.connected
            .recv_timeout(Duration::from_secs(10))
            .expect("the device connected and subscribed within 10 s");
    }

    /// Waits for the next command.
    fn command(&self) -> String {
        self.commands
            .recv_timeout(Duration::from_secs(10))
            .expect("the device heard a command within 10 s")
    }

    /// Switches the outlet by itself (a short off's end), and retains the state.
    fn switch(&self, on: bool) {
        self.on.store(on, std::sync::atomic::Ordering::SeqCst);
        let payload = if on { "1" } else { "0" };
        self.client
            .publish(&self.state_topic, rumqttc::QoS::AtLeastOnce, true, payload)
            .unwrap();
    }
}

#[test]
fn a_short_off_is_published_once_across_a_broker_restart() {
    let mut broker = Broker::start_persistent("queue_qos0_messages true\n");
    // A NETIO output that is on; a short off turns it off until the test turns it back on.
    let device = Device::start(
        &broker,
        "netio/NETIO-AN40/output/1/action",
        "netio/NETIO-AN40/output/1/state",
        true,
        |action| (action == "2").then_some(false),
    );
    let home = Home::new();
    profile(&home, &broker, "");
    let cycle = home
        .std_cmd()
        .args(["-d", "flex", "invoke", "relay/outlets/0/cycle"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let client = client_of(&cycle);
    // The short off reaches the device; the broker restarts right after.
    assert_eq!(device.command(), "2");
    broker.restart();
    // pductl is back on the broker, and so is the device (its state retained again):
    // now the output's delay ends, and it comes back on.
    let filter = "netio/NETIO-AN40/output/+/+";
    assert!(
        eventually(10.0, || broker.subscriptions(&client, filter) >= 2),
        "pductl subscribed again after the restart"
    );
    device.reconnected();
    device.switch(true);
    // pductl saw the output go off and come back on: the cycle is done.
    let (code, stdout, stderr) = finish(cycle, 30);
    assert_eq!((code, stdout.as_str(), stderr.as_str()), (0, "", ""));
    // Whatever was published was delivered by now (an action 5, nothing, comes after it):
    // the short off came to the device once.
    broker.publish(&["-t", "netio/NETIO-AN40/output/1/action", "-m", "5"]);
    assert_eq!(
        device.command(),
        "5",
        "nothing but the sentinel after the short off"
    );
}

#[test]
fn a_state_is_published_again_after_a_broker_restart() {
    let mut broker = Broker::start_persistent("");
    // A DLI outlet that misses the first command it hears (as one lost in the broker's
    // restart would be), and obeys the next.
    let mut heard = 0;
    let device = Device::start(
        &broker,
        "pcr12345/outlets/0/set",
        "pcr12345/outlets/0",
        false,
        move |command| {
            heard += 1;
            (heard > 1).then_some(command == "1")
        },
    );
    let home = Home::new();
    profile(&home, &broker, "");
    let on = home
        .std_cmd()
        .args(["-o", "json", "on", "garage:1"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // The command is out; the broker restarts before the device confirms it.
    assert_eq!(device.command(), "1");
    broker.restart();
    // Once back, pductl publishes the state again, and the device confirms that one.
    assert_eq!(device.command(), "1");
    let (code, stdout, stderr) = finish(on, 30);
    assert_eq!((code, stderr.as_str()), (0, ""), "{stdout}");
    let results = json(&stdout);
    let r = &results[0];
    assert_eq!(
        (&r["after"], &r["verified"], &r["attempts"]),
        (&json!("on"), &json!(true), &json!(2)),
        "{r}"
    );
}

#[test]
fn the_first_connection_is_tried_again_within_the_retries() {
    let mut broker = Broker::start("");
    let _dli = mqtt_sim("dli", &broker, "pcr12345");
    let home = Home::new();
    profile(&home, &broker, "");
    assert_eq!(
        pd(&home, &["-d", "garage", "get", "relay/outlets/0/state"]),
        "false\n"
    );
    // A broker that drops the connection twice (restarting), then is back: the read
    // succeeds (the device's state is retained again once it reconnects).
    let down = broker.down();
    let get = home
        .std_cmd()
        .args(["-d", "garage", "get", "relay/outlets/0/state"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    broker.up_after(down, &client_of(&get), 2);
    assert_eq!(finish(get, 30), (0, "false\n".into(), String::new()));
    // Nobody listening: asked 1 + retries times, then given up.
    let port = free_port();
    home.write_profile(&format!(
        "[devices.gone]\nprotocol = \"mqtt\"\nhost = \"127.0.0.1\"\nport = {port}\n\
         topic_root = \"x\"\ntimeout = 2\nretries = 1\n"
    ));
    let mut c = home.cmd();
    c.args(["-v", "-d", "gone", "get", "relay/outlets"]);
    let (code, stdout, stderr) = run(c);
    assert_eq!((code, stdout.as_str()), (4, ""), "{stderr}");
    let tries: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("pductl: connect to gone"))
        .collect();
    assert_eq!(tries.len(), 2, "{stderr}");
    assert!(
        tries[1].ends_with("not repeated: no retries left"),
        "{stderr}"
    );
    assert!(
        stderr
            .lines()
            .last()
            .unwrap()
            .starts_with("error: cannot connect to gone"),
        "{stderr}"
    );
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
            "-i",
            "watch-power2",
            "-v",
            "-t",
            "stat/plug_4F2A/POWER2",
        ])
        .stdout(Stdio::piped())
        .spawn()
        .expect("mosquitto_sub is installed (package mosquitto-clients)");
    assert!(eventually(10.0, || broker
        .subscriptions("watch-power2", "stat/plug_4F2A/POWER2")
        == 1));
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

    // A file whose write adds up (`repeat = false`): published once, at QoS 0, which
    // nothing keeps to send again (mosquitto_sub, subscribed at QoS 1, gets it at 0).
    let drivers = home.dir.path().join("config/pductl/drivers");
    std::fs::create_dir_all(&drivers).unwrap();
    let once = include_str!("../drivers/tasmota-mqtt.toml")
        .replace("id = \"tasmota-mqtt\"", "id = \"tasmota-once\"")
        .replace(
            "payload = \"{v:ON|OFF}\" }",
            "payload = \"{v:ON|OFF}\", repeat = false }",
        );
    assert!(once.contains("repeat = false"));
    std::fs::write(drivers.join("tasmota-once.toml"), once).unwrap();
    home.write_profile(&format!(
        "[devices.plug]\ndriver = \"tasmota-once\"\nhost = \"127.0.0.1\"\nport = {}\n\
         topic_root = \"plug_4F2A\"\ntimeout = 3\n",
        broker.port
    ));
    let watch = Command::new("mosquitto_sub")
        .args(["-h", "127.0.0.1", "-p", &broker.port.to_string()])
        .args([
            "-i",
            "watch-power3",
            "-q",
            "1",
            "-t",
            "cmnd/plug_4F2A/POWER3",
        ])
        .args(["-C", "1", "-W", "10", "-F", "%t %p %q"])
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    assert!(eventually(10.0, || broker
        .subscriptions("watch-power3", "cmnd/plug_4F2A/POWER3")
        == 1));
    let r = json(&ok(run(&["-o", "json", "on", "plug:3"])));
    assert_eq!(
        (&r[0]["after"], &r[0]["attempts"]),
        (&json!("on"), &json!(1))
    );
    let out = watch.wait_with_output().unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        "cmnd/plug_4F2A/POWER3 ON 0"
    );

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
