//! pductl reads and switches every NETIO model as units report themselves: each model of
//! `pductl sim netio`, and documents shaped like captured units (a PowerPDU 4PS on firmware
//! 3.0.1, a PowerCable on 2.1.0) served byte for byte by a hand-written server, so a change
//! to the simulator cannot hide a client regression.

mod common;
use common::*;
use serde_json::{json, Value};

fn get(home: &Home, port: &str, path: &str) -> Value {
    let mut c = home.netio_at(port);
    c.args(["get", path]);
    json(&ok(c))
}

#[test]
fn every_simulated_model_is_read_and_switched() {
    // (model, outputs, name of the first, globally metered)
    let models = [
        ("netio-4", 4, "output_1", false),
        ("netio-4all", 4, "output_1", true),
        ("powerpdu-4c", 4, "output_1", true),
        ("powerpdu-4ps", 4, "Power output 1", false),
        ("powercable", 1, "Power output 1", true),
        ("powerpdu-8qs", 8, "Power output 1", true),
        ("powerdin-4pz", 4, "Power output 1", true),
    ];
    for (model, outputs, first, metered) in models {
        let sim = Sim::start("netio", &["--model", model]);
        let home = Home::new();
        let relay = get(&home, sim.port(), "relay");
        let outlets = relay["outlets"].as_array().unwrap();
        assert_eq!(outlets.len(), outputs, "{model}");
        assert_eq!(outlets[0]["name"], json!(first), "{model}");
        let last = outputs - 1;
        let mut c = home.netio_at(sim.port());
        c.args(["set", &format!("relay/outlets/{last}/state"), "true"]);
        ok(c);
        assert_eq!(
            get(
                &home,
                sim.port(),
                &format!("relay/outlets/{last}/physical_state")
            ),
            json!(true),
            "{model}"
        );
        let values = get(&home, sim.port(), "meter/values");
        assert_eq!(
            values.get("voltage").is_some(),
            metered,
            "{model}: {values}"
        );
        // The unit's clock (Agent.Time) is never taken for the time: a 4PS whose clock
        // reads 1970 maps like any other.
        let mapped = format!("{relay}{values}");
        assert!(!mapped.contains("1970"), "{model}: {mapped}");
    }
}

/// A PowerPDU 4PS on firmware 3.0.1 as reported in the field: JSONVer 2.3, serial number
/// without colons beside the MAC, a clock in 1970, outputs `Power output N` with only ID,
/// Name, State, Action and Delay.
fn powerpdu_4ps(first_on: bool) -> String {
    let outputs: Vec<String> = (1..=4)
        .map(|id| {
            let state = u8::from(id == 1 && first_on);
            format!(
                r#"{{"ID":{id},"Name":"Power output {id}","State":{state},"Action":6,"Delay":5000}}"#
            )
        })
        .collect();
    format!(
        r#"{{"Agent":{{"Model":"PowerPDU 4PS","Version":"3.0.1","JSONVer":"2.3","DeviceName":"PowerPDU-4PS","VendorID":0,"OemID":0,"SerialNumber":"24A42C399D27","MAC":"24:A4:2C:39:9D:27","Uptime":1234,"Time":"1970-01-01T00:20:34+00:00","NumOutputs":4}},"Outputs":[{}]}}"#,
        outputs.join(",")
    )
}

/// A PowerCable on firmware 2.1.0: JSONVer 2.0, OemID and VendorID as strings, a MAC and
/// no SerialNumber, no TotalCurrent, whole-number Voltage and Frequency, one metered output
/// `Power output 1` with Delay 2000.
const POWERCABLE: &str = r#"{"Agent":{"Model":"PowerCable 101x","Version":"2.1.0","JSONVer":"2.0","DeviceName":"PowerCable","VendorID":"0","OemID":"0","MAC":"24:A4:2C:39:F8:7E","Uptime":86400,"Time":"2025-03-02T10:00:00+01:00","NumOutputs":1},"GlobalMeasure":{"Voltage":230,"Frequency":50,"OverallPowerFactor":0.95,"TotalLoad":40,"TotalEnergy":1500,"EnergyStart":"2025-01-01T00:00:00+01:00"},"Outputs":[{"ID":1,"Name":"Power output 1","State":1,"Action":6,"Delay":2000,"Current":183,"PowerFactor":0.95,"Load":40,"Energy":1500}]}"#;

fn basic_ok(request: &RawRequest) -> bool {
    // netio:netio
    request.header("authorization") == Some("Basic bmV0aW86bmV0aW8=")
}

fn json_answer(body: &str) -> String {
    http_answer("200 OK", &["Content-Type: application/json"], body)
}

fn unauthorized() -> String {
    http_answer(
        "401 Unauthorized",
        &[r#"WWW-Authenticate: Basic realm="NETIO""#],
        "401 Unauthorized (Invalid username or password)",
    )
}

#[test]
fn a_captured_style_powerpdu_4ps_is_read_and_switched() {
    let unit = RawServer::start(|request| {
        if !basic_ok(request) {
            return unauthorized();
        }
        // A POST switching output 1 on is answered with the document after the change.
        json_answer(&powerpdu_4ps(request.method == "POST"))
    });
    let home = Home::new();
    let port = unit.port.to_string();
    let relay = get(&home, &port, "relay");
    assert_eq!(relay["model"], json!("PowerPDU 4PS"));
    assert_eq!(relay["version"], json!("3.0.1"));
    let names: Vec<&str> = relay["outlets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "Power output 1",
            "Power output 2",
            "Power output 3",
            "Power output 4"
        ]
    );
    assert_eq!(get(&home, &port, "meter/values"), json!({}));
    assert!(!relay.to_string().contains("1970"));
    assert_eq!(
        get(&home, &port, "netio/Agent/SerialNumber"),
        json!("24A42C399D27")
    );

    let mut c = home.netio_at(&port);
    c.args(["set", "relay/outlets/0/state", "true"]);
    ok(c);
    let post = unit
        .requests()
        .into_iter()
        .find(|r| r.method == "POST")
        .expect("one POST");
    assert_eq!(
        serde_json::from_slice::<Value>(&post.body).unwrap(),
        json!({"Outputs": [{"ID": 1, "Action": 1}]})
    );
}

#[test]
fn a_captured_style_powercable_is_read_with_its_odd_types() {
    let unit = RawServer::start(|request| match basic_ok(request) {
        true => json_answer(POWERCABLE),
        false => unauthorized(),
    });
    let home = Home::new();
    let port = unit.port.to_string();
    assert_eq!(
        get(&home, &port, "relay/outlets"),
        json!([{"name": "Power output 1", "state": true, "transient_state": true, "physical_state": true, "cycle_delay": 2.0}])
    );
    let values = get(&home, &port, "meter/values");
    assert_eq!(values["voltage"]["value"], json!(230.0));
    assert_eq!(values["frequency"]["value"], json!(50.0));
    assert!(
        values.get("current").is_none(),
        "no TotalCurrent, no total current"
    );
    assert_eq!(values["outlets.0.current"]["value"], json!(0.183));
    assert_eq!(values["outlets.0.current"]["unit"], json!("A"));
    assert_eq!(get(&home, &port, "netio/Agent/OemID"), json!("0"));
    let mut c = home.netio_at(&port);
    c.args(["get", "relay/outlets/1"]);
    fails(c, 1, "outputs 1-1");
}
