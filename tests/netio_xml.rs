//! NETIO over the XML API, end to end: the built `pductl --protocol netio-xml` against
//! `pductl sim netio --xml`, which serves `/netio.xml` over the same state as `/netio.json`;
//! a document pinned in the shape captured from a PowerBOX 4KF (one element per line, CR
//! line ends), served byte for byte by a hand-written server; and the simulator's XML face
//! checked with curl and xmllint, so nothing of pductl's client is involved there.

mod common;
use common::*;
use serde_json::{json, Value};
use std::sync::{Arc, Mutex};

const NAMESPACE: &str = "http://www.netio-products.com/XMLSchema/NETIO.xsd";

/// `pductl sim netio --xml ARGS`.
fn netio(args: &[&str]) -> Sim {
    Sim::start("netio", &[&["--xml"], args].concat())
}

/// `pductl --protocol netio-xml` at a NETIO device on loopback `port`, with the default
/// netio/netio login.
fn xml_at(home: &Home, port: &str) -> assert_cmd::Command {
    let mut c = home.cmd();
    c.args([
        "--protocol",
        "netio-xml",
        "--host",
        "127.0.0.1",
        "--port",
        port,
    ]);
    c
}

/// `pductl --protocol netio-xml ARGS` at `sim`, which must succeed; its stdout as JSON.
fn get(home: &Home, sim: &Sim, args: &[&str]) -> Value {
    let mut c = xml_at(home, sim.port());
    c.args(args);
    json(&ok(c))
}

/// Runs `pductl --protocol netio-xml ARGS` at `sim`, which must succeed; its stdout.
fn run_ok(home: &Home, sim: &Sim, args: &[&str]) -> String {
    let mut c = xml_at(home, sim.port());
    c.args(args);
    ok(c)
}

/// curl `args`; returns (status, content type, body), the body's bytes kept as they are.
fn curl(args: &[&str]) -> (u16, String, String) {
    let out = std::process::Command::new("curl")
        .args([
            "-sS",
            "--max-time",
            "10",
            "-w",
            "\n%{http_code} %{content_type}",
        ])
        .args(args)
        .output()
        .expect("curl is installed (scripts/test.sh installs it)");
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let (body, tail) = text.rsplit_once('\n').unwrap_or(("", "0"));
    let (code, content_type) = tail.split_once(' ').unwrap_or((tail, ""));
    (
        code.trim().parse().unwrap_or(0),
        content_type.to_string(),
        body.to_string(),
    )
}

/// The text of every line `<field>...</field>` of a document, sbc-bench style: CRs made
/// line ends, lines that start with the element.
fn grep_field(doc: &str, field: &str) -> Vec<String> {
    let open = format!("<{field}>");
    let close = format!("</{field}>");
    doc.replace('\r', "\n")
        .lines()
        .filter_map(|l| {
            l.strip_prefix(&open)?
                .strip_suffix(&close)
                .map(str::to_string)
        })
        .collect()
}

#[test]
fn get_maps_outputs_metering_and_the_document() {
    let sim = netio(&["--model", "netio-4all"]);
    let home = Home::new();
    let relay = get(&home, &sim, &["get", "relay"]);
    assert_eq!(relay["model"], json!("NETIO 4All"));
    assert_eq!(relay["version"], json!("3.1.0"), "versions stay text");
    let outlets = relay["outlets"].as_array().unwrap();
    assert_eq!(outlets.len(), 4);
    assert_eq!(
        outlets[0],
        json!({"name": "output_1", "state": false, "transient_state": false, "physical_state": false, "cycle_delay": 5.0})
    );
    run_ok(&home, &sim, &["set", "relay/outlets/2/state", "true"]);
    let values = get(&home, &sim, &["get", "meter/values"]);
    let v = values["voltage"]["value"].as_f64().unwrap();
    assert!((220.0..240.0).contains(&v), "{v}");
    assert_eq!(values["voltage"]["unit"], json!("V"));
    assert_eq!(values["frequency"]["unit"], json!("Hz"));
    let amps = values["outlets.2.current"]["value"].as_f64().unwrap();
    assert!((0.1..1.0).contains(&amps), "{amps}");
    assert_eq!(values["outlets.2.current"]["unit"], json!("A"));
    assert_eq!(values["outlets.2.power"]["unit"], json!("W"));
    assert_eq!(values["outlets.2.energy"]["unit"], json!("Wh"));
    assert_eq!(values["outlets.0.current"]["value"], json!(0.0));

    // The document, in netio.json's shape, under /netio/: XmlVer where JSON has JSONVer.
    let milliamps = get(&home, &sim, &["get", "netio/Outputs/2/Current"]);
    assert!(milliamps.is_u64(), "integer mA: {milliamps}");
    assert_eq!(
        get(&home, &sim, &["get", "netio/Agent/XmlVer"]),
        json!("2.0")
    );
    let mut c = xml_at(&home, sim.port());
    c.args(["get", "netio/Agent/JSONVer"]);
    fails(c, 1, "no /netio/Agent/JSONVer");

    // A PowerDIN 4PZ (JSONVer 2.4) says XmlVer 2.4; its NR counters map as in JSON.
    let din = netio(&["--model", "powerdin-4pz"]);
    assert_eq!(
        get(&home, &din, &["get", "netio/Agent/XmlVer"]),
        json!("2.4")
    );
    assert_eq!(
        get(
            &home,
            &din,
            &["get", "meter/values/outlets.1.energy_nr/unit"]
        ),
        json!("Wh")
    );
    assert_eq!(get(&home, &din, &["get", "netio/Inputs/0/ID"]), json!(1));
}

#[test]
fn xml_and_json_faces_share_one_state() {
    let sim = netio(&["--model", "powerpdu-8qs"]);
    let home = Home::new();
    // A selection through XML, in one POST.
    let mut c = xml_at(&home, sim.port());
    c.args(["-v", "set", "relay/outlets/=0,2,7/state", "true"]);
    let (code, _, stderr) = run(c);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stderr.matches("POST /netio.xml").count(), 1, "{stderr}");
    let mut c = home.netio_at(sim.port());
    c.args(["get", "relay/outlets/all;/state"]);
    let expected = json!([true, false, true, false, false, false, false, true]);
    assert_eq!(json(&ok(c)), expected, "seen in /netio.json");
    // And the other way round.
    let mut c = home.netio_at(sim.port());
    c.args(["set", "relay/outlets/1/state", "true"]);
    ok(c);
    assert_eq!(
        get(&home, &sim, &["get", "relay/outlets/all;/state"]),
        json!([true, true, true, false, false, false, false, true])
    );
    // The same tree from both faces, metering aside (it drifts between reads).
    let mut c = home.netio_at(sim.port());
    c.args(["get", "relay"]);
    assert_eq!(json(&ok(c)), get(&home, &sim, &["get", "relay"]));
}

#[test]
fn cycle_pulse_and_toggle_through_xml() {
    let sim = netio(&["--model", "netio-4"]);
    let home = Home::new();
    let state = |i: usize| get(&home, &sim, &["get", &format!("relay/outlets/{i}/state")]);
    run_ok(&home, &sim, &["set", "relay/outlets/0/state", "true"]);
    // Short off for half a second: off now, back on after.
    assert_eq!(
        run_ok(&home, &sim, &["invoke", "relay/outlets/0/cycle", "0.5"]),
        ""
    );
    assert_eq!(state(0), json!(false));
    assert!(
        eventually(3.0, || state(0) == json!(true)),
        "back on after the delay"
    );
    run_ok(&home, &sim, &["invoke", "relay/outlets/1/pulse", "0.5"]);
    assert_eq!(state(1), json!(true));
    assert!(
        eventually(3.0, || state(1) == json!(false)),
        "off again after the delay"
    );
    run_ok(&home, &sim, &["invoke", "relay/outlets/=2,3/toggle"]);
    assert_eq!((state(2), state(3)), (json!(true), json!(true)));
    run_ok(&home, &sim, &["invoke", "relay/outlets/2/toggle"]);
    assert_eq!(state(2), json!(false));
    let mut c = xml_at(&home, sim.port());
    c.args(["--dry-run", "invoke", "relay/outlets/0/cycle", "1"]);
    let (code, stdout, stderr) = run(c);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        format!("{stdout}{stderr}").contains("POST /netio.xml"),
        "{stdout}{stderr}"
    );
    assert_eq!(state(0), json!(true), "a dry run sends nothing");
}

#[test]
fn power_verbs_through_xml() {
    let sim = netio(&["--model", "netio-4all"]);
    let home = Home::new();
    let verb = |args: &[&str]| {
        let mut c = home.cmd();
        c.args(["--protocol", "netio-xml", "--host", &sim.addr])
            .args(args);
        ok(c)
    };
    let d = sim.addr.as_str();
    assert_eq!(verb(&["on", "2"]), format!("{d}:2 (output_2): on\n"));
    let text = verb(&["-o", "text", "status"]);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 4, "{text}");
    assert_eq!(lines[0], format!("{d}:1 (output_1): off, 0.0 W"));
    let watts = lines[1]
        .strip_prefix(&format!("{d}:2 (output_2): on, "))
        .and_then(|w| w.strip_suffix(" W"))
        .unwrap_or_else(|| panic!("{text}"));
    assert!(watts.parse::<f64>().unwrap() > 0.0, "{text}");
    assert_eq!(verb(&["off", "2"]), format!("{d}:2 (output_2): off\n"));
    assert_eq!(verb(&["toggle", "4"]), format!("{d}:4 (output_4): on\n"));
    let rows = json(&verb(&["-o", "json", "status", "4"]));
    assert_eq!(rows[0]["state"], json!("on"));
    let out = verb(&["cycle", "4", "--off-time", "0.3"]);
    assert!(out.contains("cycled"), "{out}");
    assert_eq!(
        get(&home, &sim, &["get", "relay/outlets/3/state"]),
        json!(true)
    );
}

#[test]
fn accounts_passwords_and_outlets_as_in_json() {
    let sim = netio(&[
        "--read-user",
        "monitor",
        "--read-password",
        "ropw",
        "--user",
        "admin",
        "--password",
        "rwpw",
    ]);
    let home = Home::new();
    let as_monitor = |args: &[&str]| {
        let mut c = xml_at(&home, sim.port());
        c.args(["--user", "monitor", "--password-env", "RO"])
            .args(args)
            .env("RO", "ropw");
        c
    };
    assert_eq!(
        json(&ok(as_monitor(&["get", "relay/outlets/0/state"]))),
        json!(false)
    );
    let line = fails(
        as_monitor(&["set", "relay/outlets/0/state", "true"]),
        3,
        "read-only account cannot switch outputs",
    );
    assert!(line.contains("XML API"), "{line}");
    let mut c = as_monitor(&[
        "--write-user",
        "admin",
        "--write-password-env",
        "RW",
        "set",
        "relay/outlets/0/state",
        "true",
    ]);
    c.env("RW", "rwpw");
    ok(c);
    let mut c = as_monitor(&[
        "--write-user",
        "admin",
        "--write-password-env",
        "RW",
        "invoke",
        "relay/outlets/0/toggle",
    ]);
    c.env("RW", "wrong");
    fails(c, 3, "write account 'admin'");
    let mut c = xml_at(&home, sim.port());
    c.args([
        "--user",
        "admin",
        "--password-env",
        "PW",
        "get",
        "relay/name",
    ])
    .env("PW", "wrong");
    fails(c, 3, "HTTP 401");

    // The same through the profile file.
    home.write_profile(&format!(
        "[devices.sock]\nprotocol = \"netio-xml\"\nhost = \"127.0.0.1\"\nport = {}\n\
         user = \"monitor\"\npassword_env = \"RO\"\nwrite_user = \"admin\"\nwrite_password_env = \"RW\"\n",
        sim.port()
    ));
    let mut c = home.cmd();
    c.args(["-d", "sock", "set", "relay/outlets/0/state", "false"])
        .env("RO", "ropw")
        .env("RW", "rwpw");
    ok(c);

    // Outlets and writes the device lacks.
    let sim = netio(&["--model", "netio-4"]);
    let mut c = xml_at(&home, sim.port());
    c.args(["set", "relay/outlets/4/state", "true"]);
    fails(c, 1, "outputs 1-4 (outlets 0-3)");
    let mut c = xml_at(&home, sim.port());
    c.args(["set", "relay/outlets/0/name", "\"lamp\""]);
    fails(
        c,
        8,
        "not supported by netio-xml: the XML API only switches outputs",
    );
    let mut c = xml_at(&home, sim.port());
    c.args(["invoke", "relay/outlets/0/reboot"]);
    fails(c, 8, "not supported by netio-xml");
}

#[test]
fn a_silently_rejected_command_is_not_success() {
    let sim = netio(&["--fault", "silent-reject"]);
    let home = Home::new();
    let mut c = xml_at(&home, sim.port());
    c.args(["set", "relay/outlets/1/state", "true"]);
    fails(
        c,
        1,
        "output 2 (outlet 1) is off: the device did not carry out the command",
    );
}

#[test]
fn a_unit_without_the_xml_api_says_so() {
    let sim = Sim::start("netio", &[]);
    let home = Home::new();
    let mut c = xml_at(&home, sim.port());
    c.args(["get", "relay/name"]);
    fails(c, 5, "is this a NETIO device with the XML API enabled?");
}

/// A PowerBOX 4KF's netio.xml in the captured shape (netio-cloud-metering.md 2.2): an XML
/// declaration, `set:`-prefixed Root, one element per line, no indentation, CR line ends,
/// Model `4KF`, XmlVer 2.4, two-decimal volts and hertz, integer milliamps. Output 2's
/// state is filled in.
fn document_4kf(output_2_on: bool) -> String {
    let lines = [
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>",
        "<set:Root xmlns:set=\"http://www.netio-products.com/XMLSchema/NETIO.xsd\">",
        "<Agent>",
        "<Model>4KF</Model>",
        "<Version>3.2.0</Version>",
        "<XmlVer>2.4</XmlVer>",
        "<DeviceName>bench</DeviceName>",
        "<VendorID>0</VendorID>",
        "<OemID>0</OemID>",
        "<SerialNumber>24A42C3912AB</SerialNumber>",
        "<Uptime>3606</Uptime>",
        "<Time>2022-11-20T10:01:02+01:00</Time>",
        "<NumOutputs>4</NumOutputs>",
        "</Agent>",
        "<GlobalMeasure>",
        "<Voltage>234.14</Voltage>",
        "<Frequency>50.02</Frequency>",
        "<TotalCurrent>27</TotalCurrent>",
        "<OverallPowerFactor>0.41</OverallPowerFactor>",
        "<TotalLoad>3</TotalLoad>",
        "<TotalEnergy>1234</TotalEnergy>",
        "<EnergyStart>2022-01-01T00:00:00+01:00</EnergyStart>",
        "</GlobalMeasure>",
        "<Outputs>",
        "<Output>",
        "<ID>1</ID>",
        "<Name>sbc</Name>",
        "<State>1</State>",
        "<Action>6</Action>",
        "<Delay>5000</Delay>",
        "<Current>27</Current>",
        "<PowerFactor>0.41</PowerFactor>",
        "<Load>3</Load>",
        "<Energy>1200</Energy>",
        "</Output>",
        "<Output>",
        "<ID>2</ID>",
        "<Name>fan</Name>",
        "STATE2",
        "<Action>6</Action>",
        "<Delay>5000</Delay>",
        "<Current>0</Current>",
        "<PowerFactor>0.00</PowerFactor>",
        "<Load>0</Load>",
        "<Energy>34</Energy>",
        "</Output>",
        "</Outputs>",
        "</set:Root>",
    ];
    let mut doc = lines.join("\r") + "\r";
    doc = doc.replace(
        "STATE2",
        &format!("<State>{}</State>", u8::from(output_2_on)),
    );
    doc
}

#[test]
fn a_pinned_4kf_document_is_read_and_written() {
    let on = Arc::new(Mutex::new(false));
    let state = on.clone();
    let server = RawServer::start(move |r| {
        if r.uri != "/netio.xml" {
            return http_answer("404 Not Found", &[], "404 Not Found");
        }
        if r.method == "POST" {
            let body = String::from_utf8_lossy(&r.body);
            if body.contains("<ID>2</ID><Action>1</Action>") {
                *state.lock().unwrap() = true;
            }
        }
        let doc = document_4kf(*state.lock().unwrap());
        http_answer("200 OK", &["Content-Type: text/xml"], &doc)
    });
    let home = Home::new();
    let port = server.port.to_string();
    let at = |args: &[&str]| {
        let mut c = xml_at(&home, &port);
        c.args(args);
        c
    };
    let relay = json(&ok(at(&["get", "relay"])));
    assert_eq!(relay["model"], json!("4KF"));
    assert_eq!(relay["version"], json!("3.2.0"));
    assert_eq!(relay["name"], json!("bench"));
    let outlets = relay["outlets"].as_array().unwrap();
    assert_eq!(outlets.len(), 4, "NumOutputs says 4, two are listed");
    assert_eq!(outlets[0]["name"], json!("sbc"));
    assert_eq!(outlets[0]["state"], json!(true));
    assert_eq!(outlets[2], Value::Null);
    let values = json(&ok(at(&["get", "meter/values"])));
    assert_eq!(values["voltage"]["value"], json!(234.14));
    assert_eq!(values["frequency"]["value"], json!(50.02));
    assert_eq!(values["current"]["value"], json!(0.027));
    assert_eq!(values["outlets.0.current"]["value"], json!(0.027));
    assert_eq!(values["outlets.0.power_factor"]["value"], json!(0.41));
    assert_eq!(values["outlets.1.energy"]["value"], json!(34.0));
    assert_eq!(json(&ok(at(&["get", "netio/Agent/XmlVer"]))), json!("2.4"));
    assert_eq!(
        json(&ok(at(&["get", "netio/Agent/SerialNumber"]))),
        json!("24A42C3912AB")
    );

    // A write: only <Outputs>, in NETIO's namespace, as XML, with the credentials.
    ok(at(&["set", "relay/outlets/1/state", "true"]));
    let post = server
        .requests()
        .into_iter()
        .find(|r| r.method == "POST")
        .expect("a POST");
    assert_eq!(
        String::from_utf8_lossy(&post.body),
        format!("<set:Root xmlns:set=\"{NAMESPACE}\"><Outputs><Output><ID>2</ID><Action>1</Action></Output></Outputs></set:Root>")
    );
    assert!(
        post.header("content-type").unwrap().starts_with("text/xml"),
        "{post:?}"
    );
    assert!(post
        .header("authorization")
        .is_some_and(|a| a.starts_with("Basic ")));
    assert_eq!(
        json(&ok(at(&["get", "relay/outlets/1/state"]))),
        json!(true)
    );
}

/// A server that answers every request with `status` and `body`.
fn answering(status: &'static str, body: String) -> RawServer {
    RawServer::start(move |_| http_answer(status, &["Content-Type: text/xml"], &body))
}

#[test]
fn documents_that_are_not_netio_are_bad_responses() {
    let home = Home::new();
    let ok_doc = document_4kf(false);
    let cases: Vec<(String, &str)> = vec![
        (
            "<html><body>login</body></html>".into(),
            "its root is <html> in no namespace",
        ),
        (
            ok_doc.replace(NAMESPACE, "http://example.com/other.xsd"),
            "not <Root xmlns=\"http://www.netio-products.com/XMLSchema/NETIO.xsd\">",
        ),
        (
            ok_doc
                .replace("<Agent>", "<Agents>")
                .replace("</Agent>", "</Agents>"),
            "has no <Agent>",
        ),
        (ok_doc.replace("</Outputs>", ""), "not XML"),
        (ok_doc[..ok_doc.len() / 2].to_string(), "not XML"),
        (
            ok_doc.replace("<NumOutputs>4<", "<NumOutputs>99999999999999999999<"),
            "NumOutputs",
        ),
        (
            ok_doc.replace("<ID>2</ID>", "<ID>2000</ID>"),
            "more outputs than any device has",
        ),
        (
            ok_doc.replace("<ID>2</ID>", "<ID>two</ID>"),
            "XML that is not a NETIO netio.xml (no Outputs with ID and State)",
        ),
        ("{\"Agent\": {}}".into(), "not NETIO's netio.xml"),
    ];
    for (body, needle) in cases {
        let server = answering("200 OK", body.clone());
        let mut c = xml_at(&home, &server.port.to_string());
        c.args(["get", "relay"]);
        let line = fails(c, 5, needle);
        assert!(!line.contains('\r'), "{line:?}");
    }

    // The simulator's faults, on the XML face.
    let sim = netio(&["--fault", "garbage-body"]);
    let mut c = xml_at(&home, sim.port());
    c.args(["get", "relay/name"]);
    fails(c, 5, "not XML");
    let sim = netio(&["--fault", "oversized-body"]);
    let mut c = xml_at(&home, sim.port());
    c.args(["get", "relay/name"]);
    fails(c, 5, "larger than 8 MiB");
}

#[test]
fn the_xml_face_has_the_captured_shape() {
    let sim = netio(&["--model", "netio-4all"]);
    let url = sim.url("/netio.xml");
    let (code, content_type, body) = curl(&["-u", "netio:netio", &url]);
    assert_eq!(code, 200, "{body}");
    assert!(content_type.starts_with("text/xml"), "{content_type}");
    assert!(!body.contains('\n'), "CR line ends: {body:?}");
    assert!(body.ends_with('\r'));
    let lines: Vec<&str> = body.trim_end_matches('\r').split('\r').collect();
    assert_eq!(lines[0], "<?xml version=\"1.0\" encoding=\"utf-8\"?>");
    assert_eq!(lines[1], format!("<set:Root xmlns:set=\"{NAMESPACE}\">"));
    assert_eq!(lines[2], "<Agent>");
    assert_eq!(*lines.last().unwrap(), "</set:Root>");
    for line in &lines {
        assert!(
            line.starts_with('<') && line.ends_with('>') && line.matches("</").count() <= 1,
            "one element per line, no indentation: {line:?}"
        );
    }
    assert_eq!(grep_field(&body, "Model"), ["NETIO 4All"]);
    assert_eq!(grep_field(&body, "XmlVer"), ["2.0"]);
    assert_eq!(grep_field(&body, "NumOutputs"), ["4"]);
    assert!(grep_field(&body, "JSONVer").is_empty());
    // sbc-bench's reading: integer milliamps (bash -eq), decimal volts and power factors.
    let currents = grep_field(&body, "Current");
    assert_eq!(currents.len(), 4, "{body}");
    assert!(
        currents.iter().all(|c| c.parse::<u64>().is_ok()),
        "{currents:?}"
    );
    let volts: f64 = grep_field(&body, "Voltage")[0].parse().unwrap();
    assert!((200.0..260.0).contains(&volts), "{volts}");
    assert!(grep_field(&body, "PowerFactor")
        .iter()
        .all(|p| p.parse::<f64>().is_ok()));
    assert_eq!(grep_field(&body, "Action"), ["6", "6", "6", "6"]);

    // Well-formed XML, Root in NETIO's namespace with its children in none (xmllint).
    let file = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(file.path(), &body).unwrap();
    let xpath = |expr: &str| {
        let out = std::process::Command::new("xmllint")
            .args(["--xpath", expr])
            .arg(file.path())
            .output()
            .expect("xmllint is installed (scripts/test.sh installs libxml2-utils)");
        assert!(
            out.status.success(),
            "{expr}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    };
    assert_eq!(xpath("namespace-uri(/*[local-name()='Root'])"), NAMESPACE);
    assert_eq!(xpath("string(/*/Agent/Model)"), "NETIO 4All");
    assert_eq!(xpath("count(/*/Outputs/Output)"), "4");
    assert_eq!(xpath("string(/*/Outputs/Output[2]/Name)"), "output_2");

    // The same outputs as /netio.json.
    let (_, _, json_body) = curl(&["-u", "netio:netio", &sim.url("/netio.json")]);
    let doc = json(&json_body);
    let names: Vec<String> = doc["Outputs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["Name"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(grep_field(&body, "Name"), names);

    // A model whose JSONVer is 2.4 says XmlVer 2.4, and lists its inputs.
    let din = netio(&["--model", "powerdin-4pz"]);
    let (_, _, body) = curl(&["-u", "netio:netio", &din.url("/netio.xml")]);
    assert_eq!(grep_field(&body, "XmlVer"), ["2.4"]);
    assert_eq!(grep_field(&body, "S0Counter").len(), 2);

    // Without --xml there is no /netio.xml.
    let plain = Sim::start("netio", &[]);
    let (code, _, _) = curl(&["-u", "netio:netio", &plain.url("/netio.xml")]);
    assert_eq!(code, 404);
}

#[test]
fn the_xml_face_applies_partial_roots_all_or_nothing() {
    let sim = netio(&[
        "--model",
        "netio-4",
        "--read-user",
        "monitor",
        "--read-password",
        "ropw",
    ]);
    let url = sim.url("/netio.xml");
    let post = |user: &str, body: &str| {
        curl(&[
            "-u",
            user,
            "-H",
            "Content-Type: text/xml",
            "--data-binary",
            body,
            &url,
        ])
    };
    let partial = |outputs: &str| {
        format!("<set:Root xmlns:set=\"{NAMESPACE}\"><Outputs>{outputs}</Outputs></set:Root>")
    };
    let states = || {
        let (_, _, body) = curl(&["-u", "netio:netio", &url]);
        grep_field(&body, "State")
    };

    // NETIO's sample: switch output 1 on; the answer is the whole updated document.
    let (code, content_type, body) = post(
        "netio:netio",
        &partial("<Output><ID>1</ID><Action>1</Action></Output>"),
    );
    assert_eq!(code, 200, "{body}");
    assert!(content_type.starts_with("text/xml"));
    assert_eq!(grep_field(&body, "State"), ["1", "0", "0", "0"]);
    assert_eq!(grep_field(&body, "Model"), ["NETIO 4"]);

    // Action 6 with State; a toggle; several outputs in one document.
    let (code, _, body) = post(
        "netio:netio",
        &partial("<Output><ID>2</ID><Action>6</Action><State>1</State></Output><Output><ID>1</ID><Action>4</Action></Output>"),
    );
    assert_eq!(code, 200, "{body}");
    assert_eq!(grep_field(&body, "State"), ["0", "1", "0", "0"]);
    // The JSON face sees it.
    let (_, _, json_body) = curl(&["-u", "netio:netio", &sim.url("/netio.json")]);
    assert_eq!(json(&json_body)["Outputs"][1]["State"], json!(1));

    // All or nothing: a good command beside an unknown ID or action changes nothing.
    for bad in [
        "<Output><ID>3</ID><Action>1</Action></Output><Output><ID>9</ID><Action>1</Action></Output>",
        "<Output><ID>3</ID><Action>1</Action></Output><Output><ID>4</ID><Action>7</Action></Output>",
        "<Output><ID>3</ID><Action>on</Action></Output>",
        "<Output><ID>3</ID><Action>6</Action></Output>",
    ] {
        let (code, _, body) = post("netio:netio", &partial(bad));
        assert_eq!(code, 400, "{bad}: {body}");
        assert!(
            body.starts_with("400 Bad Request (Control command syntax error)"),
            "{body}"
        );
        assert_eq!(states(), ["0", "1", "0", "0"], "{bad}");
    }
    for (bad, needle) in [
        (
            "<Outputs><Output><ID>3</ID><Action>1</Action></Output></Outputs>".to_string(),
            "expected <Root",
        ),
        (
            format!("<Root xmlns=\"{NAMESPACE}\"><Outputs>"),
            "malformed XML",
        ),
        (
            "{\"Outputs\":[{\"ID\":3,\"Action\":1}]}".to_string(),
            "expected <Root",
        ),
    ] {
        let (code, _, body) = post("netio:netio", &bad);
        assert_eq!(code, 400, "{bad}: {body}");
        assert!(body.contains(needle), "{bad}: {body}");
    }

    // The accounts of the JSON face: the read-only one reads but may not write.
    let (code, _, _) = curl(&["-u", "monitor:ropw", &url]);
    assert_eq!(code, 200);
    let (code, _, body) = post(
        "monitor:ropw",
        &partial("<Output><ID>3</ID><Action>1</Action></Output>"),
    );
    assert_eq!(code, 403, "{body}");
    let (code, _, _) = post(
        "netio:wrong",
        &partial("<Output><ID>3</ID><Action>1</Action></Output>"),
    );
    assert_eq!(code, 401);
    let (code, _, _) = curl(&[url.as_str()]);
    assert_eq!(code, 401);
    assert_eq!(states(), ["0", "1", "0", "0"]);
}
