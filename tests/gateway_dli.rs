//! `pductl serve --api dli-rest`: any device pductl reaches, presented as a Digital Loggers
//! controller. Real clients drive it (labgrid's `digitalloggers_restapi` backend through
//! labgrid's own `NetworkPowerDriver`, curl), and what they did is checked at the device
//! itself: net-snmp's `snmpget` for an APC PDU simulated under a real snmpd, the device's
//! own JSON API for a NETIO socket, the simulator's REST API for a DLI unit. The simulator
//! contract tests (`sim_contract.rs`) also run against a gateway in front of `sim dli`.

mod common;
use common::gateway::{netio_driver_device, serve, Served, SERVE_PASSWORD, SERVE_PASSWORD_VAR};
use common::snmpd::{snmp, Agent};
use common::*;
use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Runs curl with `args`; returns (status code, lower-cased headers, body).
fn curl(args: &[&str]) -> (u16, String, String) {
    let out = Command::new("curl")
        .args(["-sS", "-D", "-", "-o", "-", "--max-time", "60"])
        .args(args)
        .output()
        .expect("curl is installed (scripts/test.sh installs it)");
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    // With --digest curl prints the 401 exchange first; keep the last response.
    let last = text.rfind("HTTP/1.1 ").map(|i| &text[i..]).unwrap_or("");
    let (head, body) = last.split_once("\r\n\r\n").unwrap_or((last, ""));
    let code = head.get(9..12).and_then(|c| c.parse().ok()).unwrap_or(0);
    (code, head.to_ascii_lowercase(), body.to_string())
}

/// A gateway's DLI login, as a client gives it (`--serve-password-env SERVE_PASSWORD_VAR`).
fn login() -> String {
    format!("admin:{SERVE_PASSWORD}")
}

/// curl with Digest login at `addr`, `extra` before the URL.
fn at(addr: &str, path: &str, extra: &[&str]) -> (u16, String, String) {
    let url = format!("http://{addr}{path}");
    let user = login();
    let mut args = vec!["--digest", "-u", &user];
    args.extend(extra);
    args.push(&url);
    curl(&args)
}

fn get(addr: &str, path: &str) -> (u16, Value) {
    let (code, _, body) = at(addr, path, &[]);
    (
        code,
        serde_json::from_str(body.trim()).unwrap_or(Value::Null),
    )
}

fn put(addr: &str, path: &str, value: &str) -> (u16, String) {
    let data = format!("value={value}");
    let (code, _, body) = at(
        addr,
        path,
        &["-X", "PUT", "-H", "X-CSRF: x", "--data", &data],
    );
    (code, body)
}

/// The gateway with its clients' password from the environment, presenting `device`.
fn gateway(home: &Home, device: &str) -> (Served, String) {
    serve(
        home,
        &[
            "--api",
            "dli-rest",
            "-d",
            device,
            "--serve-password-env",
            SERVE_PASSWORD_VAR,
        ],
    )
}

// ----- labgrid -------------------------------------------------------------------------------

/// labgrid's own `NetworkPowerDriver` over its `digitalloggers_restapi` backend, configured
/// as a user configures it (the environment file below); prints each action's result.
const LABGRID: &str = r#"
import json, sys
from labgrid import Environment
target = Environment(sys.argv[1]).get_target("main")
power = target.get_driver("NetworkPowerDriver")
for action in sys.argv[2:]:
    print(json.dumps(getattr(power, action)()), flush=True)
"#;

/// Runs labgrid's power driver on outlet `index` (from 0) of the DLI unit at `addr` with
/// `user:password`: (succeeded, one JSON value per action, stderr).
fn labgrid(
    python: &str,
    addr: &str,
    user_password: &str,
    index: usize,
    actions: &[&str],
) -> (bool, Vec<Value>, String) {
    let dir = tempfile::tempdir().unwrap();
    let env = dir.path().join("env.yaml");
    std::fs::write(
        &env,
        format!(
            "targets:\n  main:\n    resources:\n      NetworkPowerPort:\n        \
             model: digitalloggers_restapi\n        host: http://{user_password}@{addr}\n        \
             index: {index}\n    drivers:\n      NetworkPowerDriver:\n        delay: 1.0\n"
        ),
    )
    .unwrap();
    let out = Command::new(python)
        .args(["-c", LABGRID])
        .arg(&env)
        .args(actions)
        .env("HOME", dir.path())
        .env("NO_PROXY", "127.0.0.1,localhost")
        .env_remove("HTTP_PROXY")
        .env_remove("http_proxy")
        .output()
        .expect("run python");
    let results = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or(Value::Null))
        .collect();
    (
        out.status.success(),
        results,
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn labgrid_ok(python: &str, addr: &str, index: usize, actions: &[&str]) -> Vec<Value> {
    let (ok, results, stderr) = labgrid(python, addr, &login(), index, actions);
    assert!(ok, "labgrid {actions:?}: {stderr}");
    results
}

// ----- devices behind the gateway --------------------------------------------------------------

/// An APC AP7900 (8 outlets, rPDU table) simulated under a real snmpd.
fn apc_pdu() -> Agent {
    Agent::start(
        tempfile::tempdir().unwrap(),
        &format!("pass_persist .1.3.6.1.4.1.318 {BIN} sim snmp-pdu --model apc-ap7900\n"),
    )
}

/// rPDUOutletStatusOutletState of outlet `n` (from 1), as net-snmp's snmpget reads it:
/// "1" on, "2" off.
fn apc_state(agent: &Agent, n: usize) -> String {
    let oid = format!("1.3.6.1.4.1.318.1.1.12.3.5.1.1.4.{n}");
    let (ok, out) = snmp(agent, &["snmpget", "-v2c", "-c", "public"], &[&oid]);
    assert!(ok, "{out}");
    out.split_whitespace().nth(1).unwrap_or("").to_string()
}

/// Output `n`'s (from 1) State, from the NETIO unit's own JSON API.
fn netio_state(sim: &Sim, n: usize) -> bool {
    let (code, _, body) = curl(&["-u", "netio:netio", &sim.url("/netio.json")]);
    assert_eq!(code, 200, "{body}");
    let outputs = json(&body)["Outputs"].clone();
    let output = outputs
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["ID"] == json!(n))
        .cloned()
        .unwrap();
    output["State"] == json!(1)
}

/// Outlet `n`'s (from 0) field of a DLI simulator, read with curl from its REST API.
fn dli_field(sim: &Sim, n: usize, field: &str) -> Value {
    let url = sim.url(&format!("/restapi/relay/outlets/{n}/{field}/"));
    let (code, _, body) = curl(&["--digest", "-u", "admin:1234", &url]);
    assert_eq!(code, 200, "{body}");
    json(&body)
}

fn dli_device(name: &str, sim: &Sim, extra: &str) -> String {
    format!(
        "[devices.{name}]\nprotocol = \"dli-rest\"\nhost = \"127.0.0.1\"\nport = {}\n\
         password_env = \"{PASSWORD_VAR}\"\n{extra}",
        sim.port()
    )
}

// ----- the tests -----------------------------------------------------------------------------

/// labgrid, configured for a DLI unit, switches an APC PDU it knows nothing about: the
/// gateway turns its requests into SNMP SETs (seen by snmpget) and answers once done.
#[test]
fn labgrid_drives_an_snmp_pdu_through_the_gateway() {
    let Some(python) = test_python("labgrid") else {
        return;
    };
    let agent = apc_pdu();
    let home = Home::new();
    home.write_profile(&format!(
        "[devices.rack]\ndriver = \"apc\"\nhost = \"127.0.0.1\"\nport = {}\n\
         write_password = \"private\"\ntimeout = 3\n",
        agent.port
    ));
    let (_gw, addr) = gateway(&home, "rack");
    // The PDU starts with every outlet on. labgrid's index 2 is the PDU's outlet 3.
    assert_eq!(apc_state(&agent, 3), "1");
    assert_eq!(labgrid_ok(&python, &addr, 2, &["off"]), [Value::Null]);
    assert_eq!(apc_state(&agent, 3), "2");
    assert_eq!(labgrid_ok(&python, &addr, 2, &["get"]), [json!(false)]);
    assert_eq!(labgrid_ok(&python, &addr, 3, &["get"]), [json!(true)]);
    assert_eq!(
        labgrid_ok(&python, &addr, 2, &["on", "get"]),
        [Value::Null, json!(true)]
    );
    assert_eq!(apc_state(&agent, 3), "1");
    assert_eq!(labgrid_ok(&python, &addr, 6, &["off"]), [Value::Null]);
    // labgrid's own cycle is off, its delay, on.
    assert_eq!(labgrid_ok(&python, &addr, 7, &["cycle"]), [Value::Null]);
    assert_eq!(apc_state(&agent, 8), "1");
    // What the PDU says, DLI style: 207 over all outlets, as snmpget reads them.
    let (code, states) = get(&addr, "/restapi/relay/outlets/all;/physical_state/");
    assert_eq!(code, 207);
    let own: Vec<bool> = (1..=8).map(|n| apc_state(&agent, n) == "1").collect();
    assert_eq!(states, json!(own));
    assert_eq!(own.iter().filter(|on| !**on).count(), 1, "{own:?}");
    let (_, name) = get(&addr, "/restapi/relay/outlets/0/name/");
    assert_eq!(name, json!("Outlet 1"));
    let (_, unit) = get(&addr, "/restapi/relay/name/");
    assert_eq!(unit, json!("rack"));
    // An outlet past the PDU's eight is 404, to labgrid too; nothing was sent to the PDU.
    assert_eq!(put(&addr, "/restapi/relay/outlets/8/state/", "true").0, 404);
    let (ok, _, stderr) = labgrid(&python, &addr, &login(), 8, &["on"]);
    assert!(!ok && stderr.contains("404"), "{stderr}");
    // A change without the CSRF header is refused before the PDU hears of it.
    let (code, _, _) = at(
        &addr,
        "/restapi/relay/outlets/0/state/",
        &["-X", "PUT", "--data", "value=false"],
    );
    assert_eq!(code, 403);
    assert_eq!(apc_state(&agent, 1), "1");
    // A wrong password is an HTTP error to labgrid, and switches nothing.
    let (ok, _, stderr) = labgrid(&python, &addr, "admin:nope", 0, &["off"]);
    assert!(!ok && stderr.contains("401"), "{stderr}");
    assert_eq!(apc_state(&agent, 1), "1");
}

/// The same through a device the driver engine reaches over HTTP: a NETIO socket described
/// by a driver file, checked with the socket's own JSON API.
#[test]
fn labgrid_drives_an_http_driver_device_through_the_gateway() {
    let Some(python) = test_python("labgrid") else {
        return;
    };
    let sim = Sim::start("netio", &["--model", "netio-4all"]);
    let home = Home::new();
    home.write_profile(&netio_driver_device(&home, "desk", &sim));
    let (_gw, addr) = gateway(&home, "desk");
    assert_eq!(
        labgrid_ok(&python, &addr, 1, &["on", "get"]),
        [Value::Null, json!(true)]
    );
    assert!(netio_state(&sim, 2));
    assert!(!netio_state(&sim, 1));
    assert_eq!(
        labgrid_ok(&python, &addr, 1, &["off", "get"]),
        [Value::Null, json!(false)]
    );
    assert!(!netio_state(&sim, 2));
    // The unit's own cycle (the driver's), through DLI's call: answered once back on.
    let (code, _, body) = at(
        &addr,
        "/restapi/relay/outlets/3/cycle/",
        &["-X", "POST", "-H", "X-CSRF: x"],
    );
    assert_eq!((code, body.trim()), (200, "null"));
    assert!(netio_state(&sim, 4));
    // Four outputs; the fifth is 404.
    assert_eq!(get(&addr, "/restapi/relay/outlets/4/").0, 404);
    let (_, outlets) = get(&addr, "/restapi/relay/outlets/");
    assert_eq!(outlets.as_array().unwrap().len(), 4);
    // What the device lacks reads as DLI's defaults; a write to it is refused.
    assert_eq!(outlets[0]["locked"], json!(false));
    assert_eq!(outlets[0]["cycle_delay"], Value::Null);
    let (code, body) = put(&addr, "/restapi/relay/outlets/0/locked/", "true");
    assert_eq!(code, 405, "{body}");
}

/// A group of two devices is one unit: the first device's outlets, then the second's.
#[test]
fn a_group_of_two_devices_is_one_unit() {
    let dli = Sim::dli(&["--outlets", "2"]);
    let netio = Sim::start("netio", &["--model", "netio-4all"]);
    let home = Home::new();
    let profile = format!(
        "{}\n{}\n[groups]\nbench = [\"pdu:all\", \"desk:all\"]\n",
        dli_device("pdu", &dli, ""),
        netio_driver_device(&home, "desk", &netio)
    );
    home.write_profile(&profile);
    let (_gw, addr) = gateway(&home, "bench");
    let (code, names) = get(&addr, "/restapi/relay/outlets/all;/name/");
    assert_eq!(code, 207);
    assert_eq!(
        names,
        json!(["Outlet 1", "Outlet 2", "output_1", "output_2", "output_3", "output_4"])
    );
    // One write across both devices: unit outlets 1 (pdu's second) and 4 (desk's third).
    let (code, body) = put(&addr, "/restapi/relay/outlets/=1,4/state/", "true");
    assert_eq!(code, 207, "{body}");
    assert_eq!(dli_field(&dli, 1, "physical_state"), json!(true));
    assert_eq!(dli_field(&dli, 0, "physical_state"), json!(false));
    assert!(netio_state(&netio, 3));
    assert!(!netio_state(&netio, 1));
    let (_, states) = get(&addr, "/restapi/relay/outlets/all;/physical_state/");
    assert_eq!(states, json!([false, true, false, false, true, false]));
    assert_eq!(
        put(&addr, "/restapi/relay/outlets/4/state/", "false").0,
        204
    );
    assert!(!netio_state(&netio, 3));
    assert_eq!(get(&addr, "/restapi/relay/outlets/6/").0, 404);
    assert_eq!(get(&addr, "/restapi/relay/name/").1, json!("bench"));
}

/// A device that fails answers as a unit with a fault: a 5xx status and a line of text,
/// never the state it had before; and a change it cannot verify is not a success.
#[test]
fn a_failing_device_answers_5xx_text_never_a_stale_state() {
    let stuck = Sim::dli(&["--outlets", "2", "--fault", "stuck-relay"]);
    let doomed = Sim::dli(&["--outlets", "2"]);
    let home = Home::new();
    home.write_profile(&format!(
        "{}\n{}",
        dli_device("stuck", &stuck, "timeout = 1\n"),
        dli_device("doomed", &doomed, "timeout = 1\nretries = 1\n")
    ));
    // The relay never moves: the PUT fails once verification gives up, naming the outlet.
    let (_gw, addr) = gateway(&home, "stuck");
    let (code, body) = put(&addr, "/restapi/relay/outlets/1/state/", "true");
    assert!((500..600).contains(&code), "{code} {body}");
    assert!(body.contains("stuck:2"), "{body}");
    assert_eq!(dli_field(&stuck, 1, "physical_state"), json!(false));

    let (_gw2, addr) = gateway(&home, "doomed");
    assert_eq!(
        get(&addr, "/restapi/relay/outlets/0/state/"),
        (200, json!(false))
    );
    drop(doomed);
    for (code, head, body) in [
        at(&addr, "/restapi/relay/outlets/0/state/", &[]),
        at(&addr, "/restapi/relay/outlets/all;/state/", &[]),
        at(
            &addr,
            "/restapi/relay/outlets/0/state/",
            &["-X", "PUT", "-H", "X-CSRF: x", "--data", "value=true"],
        ),
        at(
            &addr,
            "/restapi/relay/outlets/0/cycle/",
            &["-X", "POST", "-H", "X-CSRF: x"],
        ),
    ] {
        assert!((500..600).contains(&code), "{code} {body}");
        assert!(head.contains("content-type: text/plain"), "{head}");
        assert_eq!(body.lines().count(), 1, "{body}");
        assert!(body.contains("doomed"), "{body}");
    }
}

/// Two clients cycling two outlets at once: the device sees one cycle, then the other
/// (never both outlets off together), as pductl's per-device lock has it.
#[test]
fn two_concurrent_cycles_do_not_interleave() {
    let sim = Sim::dli(&["--outlets", "2"]);
    let home = Home::new();
    home.write_profile(&dli_device("pdu", &sim, ""));
    let (_gw, addr) = gateway(&home, "pdu");
    assert_eq!(
        put(&addr, "/restapi/relay/outlets/all;/state/", "true").0,
        207
    );
    // Watch the relays at the device itself.
    let mut watch = home.std_cmd();
    watch
        .args([
            "--host",
            "127.0.0.1",
            "--port",
            sim.port(),
            "--password-env",
            PASSWORD_VAR,
        ])
        .env(PASSWORD_VAR, "1234")
        .args([
            "subscribe",
            "relay/outlets/all;/physical_state",
            "--interval",
            "0.05",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    let mut watcher = watch.spawn().unwrap();
    let mut lines = BufReader::new(watcher.stdout.take().unwrap()).lines();
    // subscribe prints the whole selection, then each element that changes.
    let first = json(&lines.next().unwrap().unwrap());
    assert_eq!(first["value"], json!([true, true]), "{first}");
    let seen = std::sync::Arc::new(std::sync::Mutex::new(Vec::<Value>::new()));
    let log = seen.clone();
    // When each line arrived: one poll that sees one outlet come back and the other go off
    // prints two lines at once, the first of which shows both off for no time at all.
    let arrived = std::sync::Arc::new(std::sync::Mutex::new(Vec::<Instant>::new()));
    let arrival_log = arrived.clone();
    let reader = std::thread::spawn(move || {
        let mut relays = first["value"].clone();
        for line in lines.map_while(|l| l.ok()) {
            arrival_log.lock().unwrap().push(Instant::now());
            let change = json(&line);
            let path = change["path"].as_str().unwrap_or("");
            match path
                .rsplit('/')
                .next()
                .and_then(|i| i.parse::<usize>().ok())
            {
                Some(i) => relays[i] = change["value"].clone(),
                None => relays = change["value"].clone(),
            }
            log.lock().unwrap().push(relays.clone());
        }
    });
    let clients: Vec<_> = (0..2)
        .map(|n| {
            let addr = addr.clone();
            std::thread::spawn(move || {
                at(
                    &addr,
                    &format!("/restapi/relay/outlets/{n}/cycle/"),
                    &["-X", "POST", "-H", "X-CSRF: x"],
                )
                .0
            })
        })
        .collect();
    for c in clients {
        assert_eq!(c.join().unwrap(), 200);
    }
    // Both answered once their outlet was back on; the watcher sees that too.
    let all_on = || seen.lock().unwrap().last() == Some(&json!([true, true]));
    let finished = eventually(10.0, all_on);
    let _ = watcher.kill();
    let _ = watcher.wait();
    reader.join().unwrap();
    let seen = seen.lock().unwrap().clone();
    let arrived = arrived.lock().unwrap().clone();
    assert!(finished, "{seen:?}");
    assert!(seen.contains(&json!([false, true])), "{seen:?}");
    assert!(seen.contains(&json!([true, false])), "{seen:?}");
    // Both off for as long as one poll at most (that poll's two lines), never for a cycle's
    // off time (2 s), as two interleaved cycles would be.
    let both_off: Duration = seen
        .iter()
        .zip(arrived.windows(2))
        .filter(|(relays, _)| **relays == json!([false, false]))
        .map(|(_, at)| at[1] - at[0])
        .sum();
    assert!(
        both_off < Duration::from_millis(500),
        "interleaved: both outlets off for {both_off:?}: {seen:?}"
    );
}

/// A client that sends its request slowly holds nothing: others are served meanwhile.
#[test]
fn a_slow_client_holds_nothing() {
    let sim = Sim::dli(&["--outlets", "2"]);
    let home = Home::new();
    home.write_profile(&dli_device("pdu", &sim, ""));
    let (_gw, addr) = gateway(&home, "pdu");
    let mut slow = std::net::TcpStream::connect(&addr).unwrap();
    slow.write_all(
        b"PUT /restapi/relay/outlets/0/state/ HTTP/1.1\r\nHost: x\r\nX-CSRF: x\r\n\
          Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 10\r\n\r\nval",
    )
    .unwrap();
    assert_eq!(put(&addr, "/restapi/relay/outlets/1/state/", "true").0, 204);
    assert_eq!(
        get(&addr, "/restapi/relay/outlets/1/physical_state/"),
        (200, json!(true))
    );
    assert_eq!(dli_field(&sim, 0, "state"), json!(false));
    drop(slow);
}

/// Clients log in with the account `--serve-user` and `--serve-password-env` name, by
/// Digest only; neither DLI's factory login nor Basic gets in, and the password is never
/// in the server's log.
#[test]
fn clients_log_in_with_the_configured_account() {
    let sim = Sim::dli(&["--outlets", "2"]);
    let home = Home::new();
    home.write_profile(&dli_device("pdu", &sim, ""));
    let (gw, addr) = serve(
        &home,
        &[
            "--api",
            "dli-rest",
            "-d",
            "pdu",
            "--serve-user",
            "lab",
            "--serve-password-env",
            SERVE_PASSWORD_VAR,
        ],
    );
    let url = format!("http://{addr}/restapi/relay/name/");
    let right = format!("lab:{SERVE_PASSWORD}");
    assert_eq!(curl(&["--digest", "-u", &right, &url]).0, 200);
    assert_eq!(curl(&["--digest", "-u", "admin:1234", &url]).0, 401);
    assert_eq!(curl(&["--digest", "-u", &login(), &url]).0, 401);
    assert_eq!(curl(&["--basic", "-u", &right, &url]).0, 401);
    let (_, _, body) = curl(&[
        "--digest",
        "-u",
        &right,
        &format!("http://{addr}/restapi/cred/"),
    ]);
    assert_eq!(json(&body)["name"], json!("lab"));
    assert!(!gw.log().contains(SERVE_PASSWORD), "{}", gw.log());
    // Without a password of its own the gateway takes DLI's factory one, and says so.
    let (gw, addr) = serve(&home, &["--api", "dli-rest", "-d", "pdu"]);
    let url = format!("http://{addr}/restapi/relay/name/");
    assert_eq!(curl(&["--digest", "-u", "admin:1234", &url]).0, 200);
    assert!(gw.log().contains("factory password"), "{}", gw.log());
}

/// `meter/values` is the device's own where it meters (a DLI unit here), and 404 on a
/// device that has none.
#[test]
fn meters_are_the_devices_own_where_it_meters() {
    let sim = Sim::dli(&["--outlets", "2"]);
    let home = Home::new();
    home.write_profile(&dli_device("pdu", &sim, ""));
    let (_gw, addr) = gateway(&home, "pdu");
    let (code, meters) = get(&addr, "/restapi/meter/values/");
    assert_eq!(code, 200);
    let url = sim.url("/restapi/meter/values/mains_voltage/value/");
    let own = json(&curl(&["--digest", "-u", "admin:1234", &url]).2);
    assert_eq!(meters["mains_voltage"]["value"], own);
    assert_eq!(get(&addr, "/restapi/meter/values/all;/quantity/").0, 207);

    let netio = Sim::start("netio", &["--model", "netio-4all"]);
    let home = Home::new();
    home.write_profile(&netio_driver_device(&home, "desk", &netio));
    let (_gw, addr) = gateway(&home, "desk");
    assert_eq!(get(&addr, "/restapi/meter/values/").0, 404);
    let (code, root) = get(&addr, "/restapi/");
    assert_eq!(code, 200);
    assert!(root.get("meter").is_none(), "{root}");
}
