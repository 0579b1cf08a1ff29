//! The simulated NETIO device against NETIO's documented behaviour (protocols/netio.md 1.3-1.9),
//! checked with curl, so nothing of pductl's client is involved. Where the behaviour is the
//! API's rather than the unit's, the same checks run against `pductl serve --api netio-json`
//! in front of a simulated unit (the gateway's Agent is its own, so model details are the
//! simulator's alone), and the gateway must refuse bad requests in the unit's words.

mod common;
use common::gateway::{serve_with_env, Served};
use common::*;
use serde_json::{json, Value};
use std::process::Command;

/// What answers the checks: the simulated unit itself, or a gateway in front of one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Front {
    Sim,
    Gateway,
}

const FRONTS: [Front; 2] = [Front::Sim, Front::Gateway];

/// A simulated NETIO unit started with `args`, reached directly or through a gateway whose
/// clients log in with NETIO's default netio/netio, as the unit's do.
struct Netio {
    addr: String,
    _gateway: Option<(Served, Home)>,
    _sim: Sim,
}

impl Netio {
    fn start(front: Front, args: &[&str]) -> Netio {
        let sim = Sim::start("netio", args);
        let (addr, gateway) = match front {
            Front::Sim => (sim.addr.clone(), None),
            Front::Gateway => {
                let home = Home::new();
                home.write_profile(&format!(
                    "[devices.unit]\nprotocol = \"netio-json\"\nhost = \"127.0.0.1\"\nport = {}\n\
                     user = \"netio\"\npassword_env = \"UNIT_PASSWORD\"\n",
                    sim.port()
                ));
                let (served, addr) = serve_with_env(
                    &home,
                    &["--api", "netio-json", "-d", "unit"],
                    &[("UNIT_PASSWORD", "netio")],
                );
                (addr, Some((served, home)))
            }
        };
        Netio {
            addr,
            _gateway: gateway,
            _sim: sim,
        }
    }

    fn url(&self) -> String {
        format!("http://{}/netio.json", self.addr)
    }
}

/// curl `args`; returns (status, body).
fn curl(args: &[&str]) -> (u16, String) {
    let out = Command::new("curl")
        .args(["-sS", "--max-time", "10", "-w", "\n%{http_code}"])
        .args(args)
        .output()
        .expect("curl is installed (scripts/test.sh installs it)");
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let (body, code) = text.rsplit_once('\n').unwrap_or(("", "0"));
    (code.trim().parse().unwrap_or(0), body.to_string())
}

/// The NETIO 4All capture of netio.md 1.3 (JSONVer 2.0, FW 3.0.6), verbatim.
const CAPTURE_4ALL: &str = r#"{"Agent":{"Model":"NETIO 4All","Version":"3.0.6","JSONVer":"2.0","DeviceName":"myNetio","VendorID":0,"OemID":0,
  "SerialNumber":"","Uptime":628,"Time":"2001-01-02T05:16:13+00:00","NumOutputs":4},
 "GlobalMeasure":{"Voltage":232.6,"Frequency":50.1,"TotalCurrent":0,"OverallPowerFactor":0.00,"TotalLoad":0,
  "TotalEnergy":0,"EnergyStart":"2001-01-02T05:01:42+00:00"},
 "Outputs":[{"ID":1,"Name":"output_1","State":0,"Action":6,"Delay":5000,"Current":0,"PowerFactor":0.00,"Load":0,"Energy":0},
            {"ID":2,"Name":"output_2","State":0,"Action":6,"Delay":5000,"Current":0,"PowerFactor":0.00,"Load":0,"Energy":0},
            {"ID":3,"Name":"output_3","State":0,"Action":6,"Delay":5000,"Current":0,"PowerFactor":0.00,"Load":0,"Energy":0},
            {"ID":4,"Name":"output_4","State":0,"Action":6,"Delay":5000,"Current":0,"PowerFactor":0.00,"Load":0,"Energy":0}]}"#;

/// The JSON type of a value as NETIO's fields use them: integers and decimals apart.
fn kind(v: &Value) -> &'static str {
    match v {
        Value::Number(n) if n.is_f64() => "decimal",
        Value::Number(_) => "integer",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
        Value::Bool(_) => "bool",
        Value::Null => "null",
    }
}

/// Field names, their order and their JSON types, recursively; values left out.
fn shape(v: &Value) -> Value {
    match v {
        Value::Object(m) => Value::Array(m.iter().map(|(k, v)| json!([k, shape(v)])).collect()),
        Value::Array(items) => Value::Array(items.iter().map(shape).collect()),
        other => json!(kind(other)),
    }
}

#[test]
fn a_netio_4all_answers_field_for_field_like_the_capture() {
    for front in FRONTS {
        let unit = Netio::start(front, &["--model", "netio-4all"]);
        let (code, body) = curl(&["-u", "netio:netio", &unit.url()]);
        assert_eq!(code, 200, "{front:?}");
        let got = json(&body);
        let mut capture: Value = serde_json::from_str(CAPTURE_4ALL).unwrap();
        if front == Front::Gateway {
            // When the counters were reset is the unit's to know; a gateway does not say.
            capture["GlobalMeasure"]
                .as_object_mut()
                .unwrap()
                .remove("EnergyStart");
            assert_eq!(got["Agent"]["Model"], json!("pductl gateway"));
        }
        assert_eq!(shape(&got), shape(&capture), "{front:?}: {got}");
        for o in got["Outputs"].as_array().unwrap() {
            assert_eq!(o["Action"], json!(6), "reads report Action 6");
        }
        check_4all_units(&got);
    }
}

fn check_4all_units(got: &Value) {
    // Units as documented: volts with 0.1 resolution, hertz, milliamps as integers.
    let v = got["GlobalMeasure"]["Voltage"].as_f64().unwrap();
    assert!(
        (200.0..260.0).contains(&v) && ((v * 10.0).round() - v * 10.0).abs() < 1e-9,
        "{v}"
    );
    let f = got["GlobalMeasure"]["Frequency"].as_f64().unwrap();
    assert!((49.0..51.0).contains(&f), "{f}");
}

#[test]
fn a_netio_4_has_no_metering_fields() {
    // netio.md 1.4: no GlobalMeasure; outputs carry only ID, Name, State, Action, Delay.
    for front in FRONTS {
        let unit = Netio::start(front, &["--model", "netio-4"]);
        let (code, body) = curl(&["-u", "netio:netio", &unit.url()]);
        assert_eq!(code, 200);
        let got = json(&body);
        assert!(got.get("GlobalMeasure").is_none(), "{front:?}");
        let model = match front {
            Front::Sim => "NETIO 4",
            Front::Gateway => "pductl gateway",
        };
        assert_eq!(got["Agent"]["Model"], json!(model));
        let keys: Vec<&String> = got["Outputs"][0].as_object().unwrap().keys().collect();
        assert_eq!(
            keys,
            ["ID", "Name", "State", "Action", "Delay"],
            "{front:?}"
        );
    }
}

#[test]
fn post_applies_actions_and_answers_with_the_full_document() {
    for front in FRONTS {
        post_applies_actions(front);
    }
}

fn post_applies_actions(front: Front) {
    let unit = Netio::start(front, &["--model", "netio-4"]);
    let url = unit.url();
    // No Content-Type, as PyNetio posts.
    let (code, body) = curl(&[
        "-u",
        "netio:netio",
        "-H",
        "Content-Type:",
        "--data",
        r#"{"Outputs":[{"ID":1,"Action":1},{"ID":2,"Action":4},{"ID":3,"Action":6,"State":1},{"ID":4,"Action":2,"Delay":60000}]}"#,
        &url,
    ]);
    assert_eq!(code, 200, "{front:?}: {body}");
    let doc = json(&body);
    let states: Vec<u64> = doc["Outputs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["State"].as_u64().unwrap())
        .collect();
    assert_eq!(states, [1, 1, 1, 0], "{front:?}: short off shows 0 at once");
    assert!(doc["Agent"].is_object());
    // A Delay sent with the command is not stored as the default.
    assert_eq!(doc["Outputs"][3]["Delay"], json!(5000));
}

#[test]
fn errors_are_plain_text_with_the_documented_codes() {
    let sim = Sim::start("netio", &["--read-user", "ro", "--read-password", "ro"]);
    let url = sim.url("/netio.json");
    let cases: [(&[&str], u16); 6] = [
        (&["-u", "netio:netio", "--data", "{not json"], 400),
        (
            &[
                "-u",
                "netio:netio",
                "--data",
                r#"{"Outputs":[{"ID":9,"Action":1}]}"#,
            ],
            400,
        ),
        (
            &[
                "-u",
                "netio:netio",
                "--data",
                r#"{"Outputs":[{"ID":1,"Action":7}]}"#,
            ],
            400,
        ),
        (&["-u", "netio:wrong"], 401),
        (&[], 401),
        (
            &[
                "-u",
                "ro:ro",
                "--data",
                r#"{"Outputs":[{"ID":1,"Action":1}]}"#,
            ],
            403,
        ),
    ];
    for (args, want) in cases {
        let mut all = args.to_vec();
        all.push(&url);
        let (code, body) = curl(&all);
        assert_eq!(code, want, "{args:?}: {body}");
        assert!(
            serde_json::from_str::<Value>(&body).is_err(),
            "error body is not JSON: {body}"
        );
    }
    // The read-only account reads.
    assert_eq!(curl(&["-u", "ro:ro", &url]).0, 200);
}

/// The same malformed or unauthorized requests, refused by the gateway exactly as by the
/// unit: status and body, byte for byte.
#[test]
fn the_gateway_refuses_what_the_unit_refuses_in_the_same_words() {
    let sim = Netio::start(Front::Sim, &["--model", "netio-4"]);
    let gateway = Netio::start(Front::Gateway, &["--model", "netio-4"]);
    let cases: [&[&str]; 15] = [
        &["-u", "netio:netio", "--data", "{not json"],
        &["-u", "netio:netio", "--data", "[]"],
        &["-u", "netio:netio", "--data", r#"{"Outputs":{"ID":1}}"#],
        &[
            "-u",
            "netio:netio",
            "--data",
            r#"{"Outputs":[{"ID":5,"Action":1}]}"#,
        ],
        &[
            "-u",
            "netio:netio",
            "--data",
            r#"{"Outputs":[{"ID":0,"Action":1}]}"#,
        ],
        &[
            "-u",
            "netio:netio",
            "--data",
            r#"{"Outputs":[{"ID":"1","Action":1}]}"#,
        ],
        &[
            "-u",
            "netio:netio",
            "--data",
            r#"{"Outputs":[{"ID":1,"Action":7}]}"#,
        ],
        &[
            "-u",
            "netio:netio",
            "--data",
            r#"{"Outputs":[{"ID":1,"Action":6}]}"#,
        ],
        &[
            "-u",
            "netio:netio",
            "--data",
            r#"{"Outputs":[{"ID":1,"Action":2,"Delay":-5}]}"#,
        ],
        &[
            "-u",
            "netio:netio",
            "--data",
            r#"{"Outputs":[{"ID":1,"Action":1},{"ID":9,"Action":0}]}"#,
        ],
        &["-u", "netio:wrong"],
        &[],
        &["-u", "netio:netio", "-X", "PUT", "--data", "{}"],
        &["-H", "Authorization: Basic !!!"],
        &[
            "-u",
            "netio:netio",
            "--data",
            r#"{"Outputs":[{"ID":9,"Action":1},{"ID":1,"Action":7}]}"#,
        ],
    ];
    for args in cases {
        let answers: Vec<(u16, String)> = [&sim, &gateway]
            .iter()
            .map(|unit| {
                let mut all = args.to_vec();
                let url = unit.url();
                all.push(&url);
                curl(&all)
            })
            .collect();
        assert_eq!(answers[0], answers[1], "{args:?}");
        assert!(
            (400..500).contains(&answers[0].0),
            "{args:?}: {:?}",
            answers[0]
        );
    }
    // Nothing of the refused documents was applied.
    let (_, body) = curl(&["-u", "netio:netio", &gateway.url()]);
    assert!(json(&body)["Outputs"]
        .as_array()
        .unwrap()
        .iter()
        .all(|o| o["State"] == json!(0)));
}

#[test]
fn short_on_reverts_after_its_delay() {
    for front in FRONTS {
        let unit = Netio::start(front, &["--model", "netio-4"]);
        let url = unit.url();
        let (_, body) = curl(&[
            "-u",
            "netio:netio",
            "--data",
            r#"{"Outputs":[{"ID":2,"Action":3,"Delay":300}]}"#,
            &url,
        ]);
        assert_eq!(json(&body)["Outputs"][1]["State"], json!(1), "{front:?}");
        let off_again = eventually(20.0, || {
            let (_, body) = curl(&["-u", "netio:netio", &url]);
            json(&body)["Outputs"][1]["State"] == json!(0)
        });
        assert!(off_again, "{front:?}");
    }
}

fn document(model: &str) -> Value {
    front_document(Front::Sim, model)
}

fn front_document(front: Front, model: &str) -> Value {
    let unit = Netio::start(front, &["--model", model]);
    let (code, body) = curl(&["-u", "netio:netio", &unit.url()]);
    assert_eq!(code, 200, "{front:?} {model}");
    json(&body)
}

/// What a gateway passes on of a unit's outputs: names, Delay, and which outputs meter.
#[test]
fn the_gateway_passes_on_each_models_outputs() {
    for model in ["powerpdu-4ps", "powercable", "powerpdu-4c", "powerdin-4pz"] {
        let unit = front_document(Front::Sim, model);
        let gateway = front_document(Front::Gateway, model);
        assert_eq!(output_names(&gateway), output_names(&unit), "{model}");
        for (u, g) in unit["Outputs"]
            .as_array()
            .unwrap()
            .iter()
            .zip(gateway["Outputs"].as_array().unwrap())
        {
            assert_eq!(g["Delay"], u["Delay"], "{model}");
            for field in ["Current", "PowerFactor", "Load", "Energy"] {
                assert_eq!(
                    g.get(field).is_some(),
                    u.get(field).is_some(),
                    "{model}: {field} of output {}",
                    u["ID"]
                );
            }
        }
        assert_eq!(
            gateway.get("GlobalMeasure").is_some(),
            unit.get("GlobalMeasure").is_some(),
            "{model}"
        );
    }
}

fn output_names(doc: &Value) -> Vec<String> {
    doc["Outputs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["Name"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_powerpdu_4ps_reports_itself_as_the_captured_unit() {
    let doc = document("powerpdu-4ps");
    let agent = &doc["Agent"];
    assert_eq!(agent["Model"], json!("PowerPDU 4PS"));
    assert_eq!(agent["Version"], json!("3.0.1"));
    assert_eq!(agent["JSONVer"], json!("2.3"));
    // Serial number without colons beside the MAC with them, as the 4PS sends them.
    let serial = agent["SerialNumber"].as_str().unwrap();
    let mac = agent["MAC"].as_str().unwrap();
    assert_eq!(serial.len(), 12, "{serial}");
    assert_eq!(mac.replace(':', ""), serial);
    // Its clock was never set.
    assert!(
        agent["Time"].as_str().unwrap().starts_with("1970-01-01T"),
        "{agent}"
    );
    assert!(doc.get("GlobalMeasure").is_none());
    assert_eq!(
        output_names(&doc),
        [
            "Power output 1",
            "Power output 2",
            "Power output 3",
            "Power output 4"
        ]
    );
    let keys: Vec<&String> = doc["Outputs"][0].as_object().unwrap().keys().collect();
    assert_eq!(keys, ["ID", "Name", "State", "Action", "Delay"]);
}

#[test]
fn a_powercable_reports_itself_as_the_captured_unit() {
    let doc = document("powercable");
    let agent = &doc["Agent"];
    assert_eq!(agent["Version"], json!("2.1.0"));
    assert_eq!(agent["JSONVer"], json!("2.0"));
    assert_eq!(agent["OemID"], json!("0"), "a string on this firmware");
    assert_eq!(agent["VendorID"], json!("0"));
    assert!(agent["MAC"].is_string());
    assert!(agent.get("SerialNumber").is_none());
    let global = &doc["GlobalMeasure"];
    assert!(global.get("TotalCurrent").is_none());
    assert_eq!(kind(&global["Voltage"]), "integer");
    assert_eq!(kind(&global["Frequency"]), "integer");
    assert_eq!(output_names(&doc), ["Power output 1"]);
    let output = &doc["Outputs"][0];
    assert_eq!(output["Delay"], json!(2000));
    for field in ["Current", "PowerFactor", "Load", "Energy"] {
        assert!(output.get(field).is_some(), "metered: {field}");
    }
}

#[test]
fn a_powerpdu_4c_is_metered_and_names_outputs_as_the_netio_4x_family() {
    for model in ["powerpdu-4c", "netio-4c"] {
        let doc = document(model);
        assert_eq!(doc["Agent"]["Model"], json!("PowerPDU 4C"));
        assert!(doc["GlobalMeasure"]["TotalCurrent"].is_u64());
        assert_eq!(
            output_names(&doc),
            ["output_1", "output_2", "output_3", "output_4"]
        );
        for o in doc["Outputs"].as_array().unwrap() {
            for field in ["Current", "PowerFactor", "Load", "Energy"] {
                assert!(o.get(field).is_some(), "{model}: {field}");
            }
        }
    }
}

#[test]
fn esp_models_name_outputs_power_output_n_and_report_serial_and_mac() {
    for (model, outputs) in [("powerpdu-8qs", 8), ("powerdin-4pz", 4)] {
        let doc = document(model);
        let names = output_names(&doc);
        assert_eq!(names.len(), outputs);
        assert_eq!(names[0], "Power output 1", "{model}");
        let agent = &doc["Agent"];
        assert_eq!(
            agent["MAC"].as_str().unwrap().replace(':', ""),
            agent["SerialNumber"].as_str().unwrap(),
            "{model}"
        );
    }
}

#[test]
fn it_takes_only_the_faults_it_models() {
    let home = Home::new();
    // stuck-relay is a DLI controller's fault: refused before anything listens, naming the
    // faults this simulator takes.
    let mut c = home.cmd();
    c.timeout(std::time::Duration::from_secs(10))
        .args(["sim", "netio", "--fault", "stuck-relay"]);
    fails(
        c,
        2,
        "sim netio does not take the fault 'stuck-relay' ('stuck-relay' is a fault of sim dli); \
         it takes: slow=MS, garbage-body, truncated-body, oversized-body, drop-connection, \
         silent-reject",
    );
    // With its own fault it starts and answers.
    let sim = Sim::start("netio", &["--fault", "silent-reject"]);
    let (code, _) = curl(&["-u", "netio:netio", &sim.url("/netio.json")]);
    assert_eq!(code, 200);
}
