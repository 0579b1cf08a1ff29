//! `pductl serve --api metrics` under the real Prometheus (Debian's `prometheus` package,
//! run on a loopback port with a generated configuration: tests/common/prometheus.rs): the
//! series it stores, read back through its query API, against what the simulators report
//! in their own APIs; `promtool check metrics` on the text exposition; the format chosen
//! by `Accept`; what is refused (methods other than GET, addresses outside `--allow`); and
//! how long a scrape of many devices, half of them dead, takes.

mod common;
use common::prometheus::*;
use common::*;
use serde_json::Value;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// What Prometheus 2.42 sends in `Accept`.
const PROMETHEUS_ACCEPT: &str = "application/openmetrics-text;version=1.0.0,\
    application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1";

/// Outlet names as devices may report them: quotes, backslashes, a newline, braces.
const DESK_NAME: &str = "desk \"lamp\" \\ 1\nsecond line {x=\"1\"}";
const RACK_NAME: &str = "lab \"A\" \\ 3";

/// Never-reset and resettable counters (Wh) the NETIO unit starts with.
const NR_WH: [f64; 2] = [1234.0, 2000.0];
const RESETTABLE_WH: [f64; 2] = [7.0, 3.0];

/// A NETIO PowerDIN 4PZ `desk` (outputs 1-2 metered, never-reset counters), a DLI
/// controller `rack`, and `dead`: a port that takes connections and never answers, with a
/// 0.5 s timeout.
struct Rig {
    home: Home,
    desk: Sim,
    rack: Sim,
    _dead: std::net::TcpListener,
    _state: tempfile::TempDir,
}

impl Rig {
    fn new() -> Rig {
        let state = tempfile::tempdir().unwrap();
        let state_file = state.path().join("desk.json");
        let desk = Sim::start(
            "netio",
            &[
                "--model",
                "powerdin-4pz",
                "--state-file",
                state_file.to_str().unwrap(),
            ],
        );
        let rack = Sim::dli(&["--outlets", "8"]);
        let dead = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let home = Home::new();
        home.write_profile(&format!(
            "[devices.desk]\nprotocol = \"netio-json\"\nhost = \"127.0.0.1\"\nport = {}\n\n\
             [devices.rack]\nhost = \"127.0.0.1\"\nport = {}\npassword_env = \"{PASSWORD_VAR}\"\n\n\
             [devices.dead]\nprotocol = \"netio-json\"\nhost = \"127.0.0.1\"\nport = {}\ntimeout = 0.5\n",
            desk.port(),
            rack.port(),
            dead.local_addr().unwrap().port()
        ));
        let rig = Rig {
            home,
            desk,
            rack,
            _dead: dead,
            _state: state,
        };
        rig.pductl(&["-d", "desk", "on", "1"]);
        rig.pductl(&["-d", "rack", "on", "2", "5"]);
        let name = serde_json::to_string(RACK_NAME).unwrap();
        rig.pductl(&["-d", "rack", "set", "relay/outlets/2/name", &name]);
        // Counters that have run for a while, and a name only the unit's web interface
        // sets: written into the simulator's state file, which it reads on every request.
        let mut doc: Value = serde_json::from_slice(&std::fs::read(&state_file).unwrap()).unwrap();
        for i in 0..2 {
            doc["outputs"][i]["energy_nr_wh"] = NR_WH[i].into();
            doc["outputs"][i]["energy_wh"] = RESETTABLE_WH[i].into();
        }
        doc["outputs"][0]["name"] = DESK_NAME.into();
        let tmp = state_file.with_extension("new");
        std::fs::write(&tmp, serde_json::to_vec(&doc).unwrap()).unwrap();
        std::fs::rename(&tmp, &state_file).unwrap();
        rig
    }

    fn pductl(&self, args: &[&str]) -> String {
        let mut c = self.home.cmd();
        c.env(PASSWORD_VAR, "1234").args(args);
        ok(c)
    }

    /// The NETIO unit's own document (`GET /netio.json`, Basic netio:netio).
    fn netio_json(&self) -> Value {
        let answer = http_get(
            self.desk.port().parse().unwrap(),
            "/netio.json",
            &[("Authorization", "Basic bmV0aW86bmV0aW8=")],
        )
        .expect("the NETIO simulator answers");
        assert_eq!(answer.status, 200, "{}", answer.text());
        serde_json::from_slice(&answer.body).unwrap()
    }

    /// The DLI controller's own outlet list (`GET /restapi/relay/outlets/`, Digest).
    fn dli_outlets(&self) -> Vec<Value> {
        let out = Command::new("curl")
            .args(["-sS", "--max-time", "10", "--digest", "-u", "admin:1234"])
            .arg(self.rack.url("/restapi/relay/outlets/"))
            .output()
            .expect("curl is installed (scripts/test.sh installs it)");
        json(&String::from_utf8_lossy(&out.stdout))
            .as_array()
            .cloned()
            .unwrap()
    }

    fn serve(&self, extra: &[&str]) -> Server {
        Server::start(&self.home, extra)
    }
}

/// `pductl serve --api metrics` on an ephemeral loopback port; killed when dropped.
struct Server {
    child: Child,
    addr: String,
}

impl Server {
    fn start(home: &Home, extra: &[&str]) -> Server {
        let mut child = home
            .std_cmd()
            .env(PASSWORD_VAR, "1234")
            .args(["serve", "--api", "metrics", "--listen", "127.0.0.1:0"])
            .args(extra)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let addr = announced_address(&mut child);
        Server { child, addr }
    }

    fn port(&self) -> u16 {
        self.addr.rsplit(':').next().unwrap().parse().unwrap()
    }

    fn scrape(&self, headers: &[(&str, &str)]) -> Answer {
        http_get(self.port(), "/metrics", headers).expect("serve answers")
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The series of `result` whose labels include `labels`.
fn series<'a>(result: &'a [Value], labels: &[(&str, &str)]) -> Vec<&'a Value> {
    result
        .iter()
        .filter(|s| labels.iter().all(|(k, v)| s["metric"][*k] == *v))
        .collect()
}

/// The one series of `result` with `labels`, as a number.
fn value_of(result: &[Value], labels: &[(&str, &str)]) -> f64 {
    let found = series(result, labels);
    assert_eq!(found.len(), 1, "one series with {labels:?} in {result:?}");
    sample_value(found[0])
}

fn close(got: f64, want: f64, absolute: f64, what: &str) {
    assert!(
        (got - want).abs() <= absolute + want.abs() * 0.02,
        "{what}: Prometheus has {got}, the simulator says {want}"
    );
}

#[test]
fn prometheus_scrapes_the_simulators_values() {
    let rig = Rig::new();
    let server = rig.serve(&[]);
    let prometheus = Prometheus::start(&[&server.addr]);

    let up = prometheus.wait_for("pductl_device_up", 3, 60.0);
    assert_eq!(value_of(&up, &[("device", "desk")]), 1.0);
    assert_eq!(value_of(&up, &[("device", "rack")]), 1.0);
    assert_eq!(value_of(&up, &[("device", "dead")]), 0.0);
    assert_eq!(
        series(&up, &[("job", "pductl"), ("instance", &server.addr)]).len(),
        3
    );
    let durations = prometheus.wait_for("pductl_device_scrape_duration_seconds", 3, 10.0);
    let dead = value_of(&durations, &[("device", "dead")]);
    assert!(
        (0.45..1.5).contains(&dead),
        "the dead device took its timeout: {dead}"
    );

    // States and names: every outlet of both devices, labelled as the devices name them.
    let on = prometheus.wait_for("pductl_outlet_on", 12, 10.0);
    let doc = rig.netio_json();
    let outputs = doc["Outputs"].as_array().unwrap();
    for o in outputs {
        let outlet = o["ID"].to_string();
        let labels = [
            ("device", "desk"),
            ("outlet", outlet.as_str()),
            ("name", o["Name"].as_str().unwrap()),
        ];
        assert_eq!(value_of(&on, &labels), o["State"].as_f64().unwrap());
    }
    assert_eq!(outputs[0]["Name"], DESK_NAME);
    for (i, o) in rig.dli_outlets().iter().enumerate() {
        let outlet = (i + 1).to_string();
        let labels = [
            ("device", "rack"),
            ("outlet", outlet.as_str()),
            ("name", o["name"].as_str().unwrap()),
        ];
        let want = if o["physical_state"] == true {
            1.0
        } else {
            0.0
        };
        assert_eq!(value_of(&on, &labels), want, "rack outlet {outlet}");
    }
    assert_eq!(
        value_of(
            &on,
            &[("device", "rack"), ("outlet", "3"), ("name", RACK_NAME)]
        ),
        0.0
    );
    assert!(series(&on, &[("device", "dead")]).is_empty());

    // Meters of the metered outputs (1 and 2), in base units; none for the others.
    let watts = prometheus.wait_for("pductl_outlet_power_watts{device=\"desk\"}", 2, 10.0);
    let amperes = prometheus.wait_for("pductl_outlet_current_amperes{device=\"desk\"}", 2, 10.0);
    let joules = prometheus.wait_for(
        "pductl_outlet_energy_joules_total{device=\"desk\"}",
        2,
        10.0,
    );
    let doc = rig.netio_json();
    for (i, o) in doc["Outputs"].as_array().unwrap()[..2].iter().enumerate() {
        let outlet = o["ID"].to_string();
        let labels = [
            ("outlet", outlet.as_str()),
            ("name", o["Name"].as_str().unwrap()),
        ];
        close(
            value_of(&watts, &labels),
            o["Load"].as_f64().unwrap(),
            1.0,
            "watts",
        );
        close(
            value_of(&amperes, &labels),
            o["Current"].as_f64().unwrap() / 1000.0,
            0.002,
            "amperes",
        );
        // The never-reset counter, Wh x 3600 (a watt-hour may tick over meanwhile).
        let nr = o["EnergyNR"].as_f64().unwrap();
        assert!(nr >= NR_WH[i] && nr < NR_WH[i] + 2.0, "{o}");
        close(value_of(&joules, &labels), nr * 3600.0, 3600.0, "joules");
    }
    assert!(
        value_of(&watts, &[("outlet", "1")]) > 30.0,
        "output 1 is on"
    );
    assert_eq!(value_of(&watts, &[("outlet", "2")]), 0.0, "output 2 is off");

    // Prometheus took the OpenMetrics exposition: the unit and type are its metadata.
    let metadata = prometheus.api("/api/v1/metadata");
    let energy = &metadata["pductl_outlet_energy_joules"][0];
    assert_eq!(energy["type"], "counter", "{metadata}");
    assert_eq!(energy["unit"], "joules", "{metadata}");
    assert_eq!(metadata["pductl_outlet_power_watts"][0]["unit"], "watts");
    let targets = prometheus.api("/api/v1/targets");
    assert_eq!(targets["activeTargets"][0]["health"], "up", "{targets}");
}

#[test]
fn the_text_exposition_passes_promtool() {
    let rig = Rig::new();
    let server = rig.serve(&[]);
    let answer = server.scrape(&[]);
    assert_eq!(answer.status, 200);
    assert_eq!(
        answer.header("content-type"),
        Some("text/plain; version=0.0.4; charset=utf-8")
    );
    let text = answer.text();
    for line in [
        "# TYPE pductl_outlet_energy_joules_total counter",
        "# TYPE pductl_outlet_power_watts gauge",
        "pductl_device_up{device=\"dead\"} 0",
        "pductl_device_up{device=\"desk\"} 1",
        "pductl_outlet_on{device=\"rack\",outlet=\"3\",name=\"lab \\\"A\\\" \\\\ 3\"} 0",
        "pductl_outlet_on{device=\"desk\",outlet=\"1\",name=\"desk \\\"lamp\\\" \\\\ 1\\nsecond line {x=\\\"1\\\"}\"} 1",
    ] {
        assert!(text.lines().any(|l| l == line), "no {line:?} in\n{text}");
    }
    assert!(
        !text.contains("# UNIT") && !text.contains("# EOF"),
        "{text}"
    );
    let mut promtool = Command::new(PROMTOOL)
        .args(["check", "metrics"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("promtool is installed (scripts/test.sh installs the prometheus package)");
    use std::io::Write;
    promtool
        .stdin
        .take()
        .unwrap()
        .write_all(&answer.body)
        .unwrap();
    let out = promtool.wait_with_output().unwrap();
    assert!(
        out.status.success() && out.stdout.is_empty() && out.stderr.is_empty(),
        "promtool check metrics: {}{}\n{text}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn accept_chooses_openmetrics_or_text() {
    let rig = Rig::new();
    let server = rig.serve(&[]);
    let openmetrics = "application/openmetrics-text; version=1.0.0; charset=utf-8";
    let text = "text/plain; version=0.0.4; charset=utf-8";
    for (accept, want) in [
        (Some(PROMETHEUS_ACCEPT), openmetrics),
        (Some("application/openmetrics-text"), openmetrics),
        (None, text),
        (Some("text/plain"), text),
        (Some("*/*"), text),
        (Some("application/json"), text),
        (
            Some("text/plain;version=0.0.4;q=0.9,application/openmetrics-text;q=0.5"),
            text,
        ),
    ] {
        let headers: Vec<(&str, &str)> = accept.iter().map(|a| ("Accept", *a)).collect();
        let answer = server.scrape(&headers);
        assert_eq!(answer.status, 200, "{accept:?}");
        assert_eq!(answer.header("content-type"), Some(want), "{accept:?}");
        let body = answer.text();
        if want == openmetrics {
            assert!(body.ends_with("# EOF\n"), "{body}");
            assert!(body.contains("# TYPE pductl_outlet_energy_joules counter\n"));
            assert!(body.contains("# UNIT pductl_outlet_energy_joules joules\n"));
            assert!(body.contains("# UNIT pductl_outlet_power_watts watts\n"));
        } else {
            assert!(
                !body.contains("# EOF") && !body.contains("# UNIT"),
                "{body}"
            );
        }
        assert!(
            body.contains("pductl_device_up{device=\"dead\"} 0\n"),
            "{body}"
        );
    }
}

#[test]
fn only_get_and_only_allowed_addresses() {
    let rig = Rig::new();
    let server = rig.serve(&[]);
    for method in ["POST", "PUT", "DELETE", "HEAD", "PATCH"] {
        let answer = http_request(server.port(), method, "/metrics", &[]).unwrap();
        assert_eq!(answer.status, 405, "{method}");
        assert_eq!(answer.header("allow"), Some("GET"), "{method}");
    }
    assert_eq!(
        http_get(server.port(), "/metrics/extra", &[])
            .unwrap()
            .status,
        404
    );
    assert_eq!(server.scrape(&[]).status, 200, "still serving");

    // Only 127.0.0.2 may scrape: a request from 127.0.0.1 is refused before any device is
    // read, one from 127.0.0.2 is answered.
    let limited = rig.serve(&["--allow", "127.0.0.2/32"]);
    let refused = limited.scrape(&[]);
    assert_eq!(refused.status, 403, "{}", refused.text());
    assert!(!refused.text().contains("pductl_"));
    let from = |source: &str| {
        let out = Command::new("curl")
            .args([
                "-sS",
                "--max-time",
                "10",
                "-o",
                "/dev/null",
                "-w",
                "%{http_code}",
            ])
            .args(["--interface", source])
            .arg(format!("http://{}/metrics", limited.addr))
            .output()
            .expect("curl is installed (scripts/test.sh installs it)");
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    assert_eq!(from("127.0.0.2"), "200");
    assert_eq!(from("127.0.0.1"), "403");
}

#[test]
fn devices_added_to_the_profile_are_read_at_the_next_scrape() {
    let rig = Rig::new();
    let server = rig.serve(&[]);
    let body = server.scrape(&[]).text();
    assert!(!body.contains("device=\"second\""), "{body}");
    let profile = std::fs::read_to_string(rig.home.config_file()).unwrap();
    rig.home.write_profile(&format!(
        "{profile}\n[devices.second]\nhost = \"127.0.0.1\"\nport = {}\npassword_env = \"{PASSWORD_VAR}\"\n",
        rig.rack.port()
    ));
    let body = server.scrape(&[]).text();
    assert!(
        body.contains("pductl_device_up{device=\"second\"} 1\n"),
        "{body}"
    );
    assert!(
        body.contains("pductl_device_up{device=\"rack\"} 1\n"),
        "{body}"
    );
}

/// Many devices, half of them dead (a port that never answers, 1 s timeout) and one slow
/// (its simulator answers after 3 s, 1 s timeout): the answer comes within the longest
/// timeout plus a second, and says which answered. (benches/metrics_scrape.sh does the
/// same with 1000 devices on a release build.)
#[test]
fn dead_devices_do_not_delay_the_scrape() {
    const DEVICES: usize = 100;
    let sims = [
        Sim::start("netio", &["--model", "netio-4all"]),
        Sim::start("netio", &["--model", "powerdin-4pz"]),
    ];
    let slow = Sim::dli(&["--fault", "slow=3000"]);
    let dead = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let dead_port = dead.local_addr().unwrap().port().to_string();
    let mut profile = String::new();
    for i in 0..DEVICES {
        let port = match i % 2 {
            0 => sims[(i / 2) % 2].port(),
            _ => dead_port.as_str(),
        };
        profile.push_str(&format!(
            "[devices.d{i:04}]\nprotocol = \"netio-json\"\nhost = \"127.0.0.1\"\nport = {port}\ntimeout = 1\n\n"
        ));
    }
    profile.push_str(&format!(
        "[devices.slow]\nhost = \"127.0.0.1\"\nport = {}\npassword_env = \"{PASSWORD_VAR}\"\ntimeout = 1\n",
        slow.port()
    ));
    let home = Home::new();
    home.write_profile(&profile);
    let server = Server::start(&home, &[]);
    for round in 0..2 {
        let started = Instant::now();
        let answer = server.scrape(&[("Accept", PROMETHEUS_ACCEPT)]);
        let took = started.elapsed();
        eprintln!("scrape {round}: {took:?}");
        assert_eq!(answer.status, 200);
        assert!(
            took < Duration::from_secs(2),
            "scrape {round} of {DEVICES} devices, half dead, took {took:?}"
        );
        let body = answer.text();
        let up = body.matches("pductl_device_up{").count();
        let answered = body
            .lines()
            .filter(|l| l.starts_with("pductl_device_up{") && l.ends_with(" 1"))
            .count();
        assert_eq!(up, DEVICES + 1, "{body}");
        assert_eq!(answered, DEVICES / 2, "the live half answered: {body}");
        assert!(body.contains("pductl_device_up{device=\"slow\"} 0\n"));
    }
}
