//! The everyday verbs as a new user meets them (issue 20): an ad-hoc device named by
//! `--host` takes bare outlets, as `-d NAME` does (and `fence_pductl -a HOST[:PORT]`, `-u`
//! and `ipport=` reach one); `-q` keeps cron quiet; `-o` means what it says for the power
//! verbs and `status` (a table on a terminal, JSON into a pipe); an outlet name the device
//! does not have lists the ones it has.

mod common;
use common::*;
use serde_json::{json, Value};

/// A simulated DLI controller with `outlets` outlets and no sequence delay, and a home.
fn dli(outlets: &str) -> (Sim, Home) {
    let sim = Sim::dli(&["--outlets", outlets]);
    let home = Home::new();
    home.ok_at(&sim, &["set", "relay/sequence_delay", "0"]);
    (sim, home)
}

/// `pductl --host HOST:PORT --password-env ... ARGS`: the simulator as an ad-hoc device,
/// named by its address as the user pastes it.
fn adhoc(home: &Home, sim: &Sim, args: &[&str]) -> assert_cmd::Command {
    let mut c = home.cmd();
    c.args(["--host", &sim.addr, "--password-env", PASSWORD_VAR])
        .env(PASSWORD_VAR, "1234")
        .args(args);
    c
}

/// Runs a command that must succeed with nothing on stderr; returns stdout.
fn quiet_ok(c: assert_cmd::Command) -> String {
    let (code, stdout, stderr) = run(c);
    assert_eq!((code, stderr.as_str()), (0, ""), "stdout: {stdout}");
    stdout
}

/// The cells of a comfy-table table, row by row (the header first), trimmed; also checks
/// the table's frame.
fn table_cells(text: &str) -> Vec<Vec<String>> {
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines.first().is_some_and(|l| l.starts_with('┌')), "{text}");
    assert!(lines.last().is_some_and(|l| l.starts_with('└')), "{text}");
    assert!(lines[2].starts_with('╞'), "a header, then its rule: {text}");
    lines
        .iter()
        .filter(|l| l.starts_with('│'))
        .map(|l| {
            l.trim_matches('│')
                .split('┆')
                .map(|c| c.trim().to_string())
                .collect()
        })
        .collect()
}

fn cells(row: &[&str]) -> Vec<String> {
    row.iter().map(|c| c.to_string()).collect()
}

#[test]
fn host_alone_names_an_ad_hoc_device_whose_outlets_stand_alone() {
    let (sim, home) = dli("4");
    let host = sim.addr.as_str();

    assert_eq!(
        quiet_ok(adhoc(&home, &sim, &["on", "3"])),
        format!("{host}:3 (Outlet 3): on\n")
    );
    assert!(home.dli_state(&sim, 3));

    // status with no targets: every outlet of the ad-hoc device (JSON: this is a pipe).
    let rows = json(&quiet_ok(adhoc(&home, &sim, &["status"])));
    let states: Vec<(Value, Value, Value)> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["device"].clone(), r["outlet"].clone(), r["state"].clone()))
        .collect();
    assert_eq!(
        states,
        [
            (json!(host), json!(1), json!("off")),
            (json!(host), json!(2), json!("off")),
            (json!(host), json!(3), json!("on")),
            (json!(host), json!(4), json!("off")),
        ]
    );

    // A range, cycled: off, the off time, on.
    quiet_ok(adhoc(&home, &sim, &["on", "1-2"]));
    assert_eq!(
        quiet_ok(adhoc(&home, &sim, &["cycle", "1-2", "--off-time", "0.2"])),
        format!("{host}:1 (Outlet 1): cycled, on\n{host}:2 (Outlet 2): cycled, on\n")
    );
    assert!(home.dli_state(&sim, 1) && home.dli_state(&sim, 2));

    // all, a name, and the device named in full (its name holds the port's colon).
    assert_eq!(
        quiet_ok(adhoc(&home, &sim, &["off", "all"])),
        format!(
            "{host}:1 (Outlet 1): off\n{host}:2 (Outlet 2): off\n\
             {host}:3 (Outlet 3): off\n{host}:4 (Outlet 4): already off\n"
        )
    );
    assert!((1..=4).all(|n| !home.dli_state(&sim, n)));
    assert_eq!(
        quiet_ok(adhoc(&home, &sim, &["on", "outlet 4"])),
        format!("{host}:4 (Outlet 4): on\n")
    );
    assert_eq!(
        quiet_ok(adhoc(&home, &sim, &["toggle", &format!("{host}:1")])),
        format!("{host}:1 (Outlet 1): on\n")
    );
    assert!(home.dli_state(&sim, 4) && home.dli_state(&sim, 1));

    // --host and --port apart: the device is named by the host as given.
    let mut c = home.at(&sim);
    c.args(["off", "1"]);
    assert_eq!(quiet_ok(c), "127.0.0.1:1 (Outlet 1): off\n");
    assert!(!home.dli_state(&sim, 1));

    // With -d, --host keeps its meaning: it points the profile's device elsewhere.
    home.write_profile(&format!(
        "[devices.lab]\nhost = \"192.0.2.1\"\npassword_env = \"{PASSWORD_VAR}\"\n"
    ));
    let mut c = home.cmd();
    c.env(PASSWORD_VAR, "1234")
        .args(["-d", "lab", "--host", host, "on", "2"]);
    assert_eq!(quiet_ok(c), "lab:2 (Outlet 2): on\n");
    assert!(home.dli_state(&sim, 2));
    // --host alone is a device of its own: it does not redirect the profile's devices.
    fails(
        adhoc(&home, &sim, &["on", "lab:2"]),
        2,
        &format!("--host {host} names a device of its own, and the targets also name lab"),
    );
}

#[test]
fn the_fence_agent_reaches_a_host_that_is_not_in_the_profile() {
    let (sim, home) = dli("4");
    let fence = |args: &[&str]| {
        let mut c = home.cmd();
        c.arg("fence").args(args);
        c
    };
    // -a HOST:PORT
    assert_eq!(
        quiet_ok(fence(&[
            "-o", "on", "-a", &sim.addr, "-n", "2", "-p", "1234"
        ])),
        "Success: Powered ON\n"
    );
    assert!(home.dli_state(&sim, 2));
    // -a HOST -u PORT, and --ipport=PORT
    let (code, out, err) = run(fence(&[
        "-o",
        "status",
        "-a",
        "127.0.0.1",
        "-u",
        sim.port(),
        "-n",
        "2",
        "-p",
        "1234",
    ]));
    assert_eq!((code, out.as_str(), err.as_str()), (0, "Status: ON\n", ""));
    let port = format!("--ipport={}", sim.port());
    let (code, out, _) = run(fence(&[
        "-o",
        "status",
        "-a",
        "127.0.0.1",
        &port,
        "-n",
        "3",
        "-p",
        "1234",
    ]));
    assert_eq!((code, out.as_str()), (2, "Status: OFF\n"));
    // ipaddr= and ipport= on stdin, as Pacemaker passes them.
    let mut c = fence(&[]);
    c.write_stdin(format!(
        "action=off\nipaddr=127.0.0.1\nipport={}\nport=2\npassword=1234\nnodename=node1\n",
        sim.port()
    ));
    let (code, out, err) = run(c);
    assert_eq!((code, out.as_str()), (0, "Success: Powered OFF\n"), "{err}");
    assert!(!home.dli_state(&sim, 2));
    // Two different ports, or no port at all, are the agent's failures: exit 1.
    let (code, out, err) = run(fence(&[
        "-o", "on", "-a", &sim.addr, "-u", "1", "-n", "2", "-p", "1234",
    ]));
    assert_eq!((code, out.as_str()), (1, ""));
    assert_eq!(
        err,
        format!(
            "error: {} names port {} but ipport (-u) says 1; give one\n",
            sim.addr,
            sim.port()
        )
    );
    let (code, _, err) = run(fence(&[
        "-o",
        "on",
        "-a",
        "127.0.0.1",
        "-u",
        "http",
        "-n",
        "1",
    ]));
    assert_eq!(
        (code, err.as_str()),
        (1, "error: ipport takes a TCP port (1-65535), not 'http'\n")
    );
    assert!(!home.dli_state(&sim, 1), "nothing switched");
    // The metadata lists the option.
    let xml = quiet_ok(fence(&["-o", "metadata"]));
    assert!(
        xml.contains("<parameter name=\"ipport\" unique=\"0\" required=\"0\">"),
        "{xml}"
    );
    assert!(
        xml.contains("<getopt mixed=\"-u, --ipport=[port]\" />"),
        "{xml}"
    );
}

#[test]
fn quiet_switching_prints_nothing_but_failures_and_data_asked_for() {
    let (sim, home) = dli("4");
    let host = sim.addr.as_str();
    // A cron job that works: no output at all, so cron mails nothing.
    assert_eq!(quiet_ok(adhoc(&home, &sim, &["-q", "on", "1-2"])), "");
    assert!(home.dli_state(&sim, 1) && home.dli_state(&sim, 2));
    assert_eq!(quiet_ok(adhoc(&home, &sim, &["-q", "on", "1"])), "");
    assert_eq!(
        quiet_ok(adhoc(
            &home,
            &sim,
            &["-q", "cycle", "2", "--off-time", "0.2"]
        )),
        ""
    );
    assert_eq!(
        quiet_ok(adhoc(&home, &sim, &["-q", "-o", "text", "off", "1"])),
        ""
    );
    assert!(!home.dli_state(&sim, 1) && home.dli_state(&sim, 2));
    // One that fails: the failure alone, on stderr, with its exit code.
    let (code, stdout, stderr) = run(adhoc(&home, &sim, &["-q", "on", "3", "9"]));
    assert_eq!((code, stdout.as_str()), (7, ""));
    assert_eq!(
        stderr,
        format!("error: {host}:9: {host} has outlets 1-4; there is no outlet 9\n")
    );
    assert!(home.dli_state(&sim, 3));
    // JSON asked for is data: printed with -q too.
    let results = json(&quiet_ok(adhoc(
        &home,
        &sim,
        &["-q", "-o", "json", "on", "4"],
    )));
    assert_eq!(results.as_array().unwrap().len(), 1);
    let r = &results[0];
    assert_eq!(
        (&r["device"], &r["outlet"], &r["requested"], &r["before"]),
        (&json!(host), &json!(4), &json!("on"), &json!("off"))
    );
    assert_eq!((&r["after"], &r["verified"]), (&json!("on"), &json!(true)));
    assert!(home.dli_state(&sim, 4));
}

#[test]
fn output_formats_mean_what_they_say_for_switching_and_status() {
    let (sim, home) = dli("4");
    let host = sim.addr.as_str();
    quiet_ok(adhoc(&home, &sim, &["on", "1"]));

    // -o table: one row per outlet, failures included, no row numbers.
    let (code, stdout, stderr) = run(adhoc(&home, &sim, &["-o", "table", "on", "1-2", "9"]));
    assert_eq!(code, 7, "{stderr}");
    assert_eq!(
        table_cells(&stdout),
        [
            cells(&[
                "outlet",
                "requested",
                "before",
                "after",
                "verified",
                "result"
            ]),
            cells(&[
                &format!("{host}:1 (Outlet 1)"),
                "on",
                "on",
                "on",
                "yes",
                "already on"
            ]),
            cells(&[
                &format!("{host}:2 (Outlet 2)"),
                "on",
                "off",
                "on",
                "yes",
                "on"
            ]),
            cells(&[
                &format!("{host}:9"),
                "on",
                "",
                "",
                "no",
                &format!("error: {host} has outlets 1-4; there is no outlet 9"),
            ]),
        ]
    );
    assert_eq!(
        stderr,
        format!("error: {host}:9: {host} has outlets 1-4; there is no outlet 9\n")
    );
    assert!(home.dli_state(&sim, 2));
    // -o text: the default lines.
    assert_eq!(
        quiet_ok(adhoc(&home, &sim, &["-o", "text", "off", "2"])),
        format!("{host}:2 (Outlet 2): off\n")
    );

    // A dry run's data is what it would send: lines, or with -o json an array of them.
    let lines = quiet_ok(adhoc(&home, &sim, &["--dry-run", "on", "3"]));
    assert!(
        lines.starts_with("would send: ") && lines.lines().count() == 1,
        "{lines}"
    );
    let requests = json(&quiet_ok(adhoc(
        &home,
        &sim,
        &["--dry-run", "-o", "json", "on", "3"],
    )));
    assert_eq!(
        requests,
        json!([lines.trim_end().strip_prefix("would send: ").unwrap()])
    );
    assert!(!home.dli_state(&sim, 3));

    // status into a pipe: JSON, exactly as -o json prints it.
    let piped = quiet_ok(adhoc(&home, &sim, &["status"]));
    assert_eq!(
        piped,
        quiet_ok(adhoc(&home, &sim, &["-o", "json", "status"]))
    );
    assert_eq!(
        piped,
        format!(
            "[{{\"device\":\"{host}\",\"outlet\":1,\"name\":\"Outlet 1\",\"state\":\"on\"}},\
             {{\"device\":\"{host}\",\"outlet\":2,\"name\":\"Outlet 2\",\"state\":\"off\"}},\
             {{\"device\":\"{host}\",\"outlet\":3,\"name\":\"Outlet 3\",\"state\":\"off\"}},\
             {{\"device\":\"{host}\",\"outlet\":4,\"name\":\"Outlet 4\",\"state\":\"off\"}}]\n"
        )
    );
    // On a terminal (util-linux `script` gives the command one, sized as a window is): a
    // table.
    let out = std::process::Command::new("script")
        .args([
            "-qec",
            &format!(
                "stty cols 120 rows 40; {BIN} --host {host} --password-env {PASSWORD_VAR} status 1"
            ),
            "/dev/null",
        ])
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("TERM", "xterm")
        .env("HOME", home.dir.path())
        .env("XDG_CONFIG_HOME", home.dir.path().join("config"))
        .env("XDG_STATE_HOME", home.dir.path().join("state"))
        .env(PASSWORD_VAR, "1234")
        .output()
        .expect("script (util-linux) runs a command on a pseudo-terminal");
    let shown = String::from_utf8_lossy(&out.stdout).replace('\r', "");
    assert_eq!(
        table_cells(shown.trim_end()),
        [
            cells(&["device", "outlet", "name", "state"]),
            cells(&[host, "1", "Outlet 1", "on"]),
        ]
    );
    // -o table: a table, numbered by outlet (from 1).
    assert_eq!(
        table_cells(&quiet_ok(adhoc(
            &home,
            &sim,
            &["-o", "table", "status", "1-2"]
        ))),
        [
            cells(&["device", "outlet", "name", "state"]),
            cells(&[host, "1", "Outlet 1", "on"]),
            cells(&[host, "2", "Outlet 2", "off"]),
        ]
    );
    // -o text: one line per outlet; no power where the device does not meter it.
    assert_eq!(
        quiet_ok(adhoc(&home, &sim, &["-o", "text", "status", "1-2"])),
        format!("{host}:1 (Outlet 1): on\n{host}:2 (Outlet 2): off\n")
    );

    // A NETIO 4All meters its outputs: -o text says the power.
    let desk = Sim::start("netio", &["--model", "netio-4all"]);
    let netio = |args: &[&str]| {
        let mut c = home.cmd();
        c.args(["--protocol", "netio-json", "--host", &desk.addr])
            .args(args);
        c
    };
    quiet_ok(netio(&["on", "2"]));
    let text = quiet_ok(netio(&["-o", "text", "status"]));
    let lines: Vec<&str> = text.lines().collect();
    let d = desk.addr.as_str();
    assert_eq!(lines.len(), 4, "{text}");
    assert_eq!(lines[0], format!("{d}:1 (output_1): off, 0.0 W"));
    let watts = lines[1]
        .strip_prefix(&format!("{d}:2 (output_2): on, "))
        .and_then(|w| w.strip_suffix(" W"))
        .unwrap_or_else(|| panic!("{text}"));
    assert!(watts.parse::<f64>().unwrap() > 0.0, "{text}");
    assert_eq!(watts.split('.').nth(1).map(str::len), Some(1), "{text}");
    let table = table_cells(&quiet_ok(netio(&["-o", "table", "status", "1"])));
    assert_eq!(
        table,
        [
            cells(&["device", "outlet", "name", "state", "power (W)"]),
            cells(&[d, "1", "output_1", "off", "0.0"]),
        ]
    );
}

#[test]
fn an_outlet_name_the_device_lacks_lists_the_names_it_has() {
    let (sim, home) = dli("24");
    home.write_profile(&format!(
        "[devices.lab]\nhost = \"127.0.0.1\"\nport = {}\npassword_env = \"{PASSWORD_VAR}\"\n",
        sim.port()
    ));
    // A name that would drive a terminal is shown escaped.
    home.ok_at(
        &sim,
        &["set", "relay/outlets/1/name", "\"DUT\\u001b[2J power\""],
    );
    let lab = |args: &[&str]| {
        let mut c = home.cmd();
        c.env(PASSWORD_VAR, "1234").args(args);
        c
    };
    let mut names: Vec<String> = (1..=20).map(|n| format!("\"Outlet {n}\"")).collect();
    names[1] = "\"DUT\\e[2J power\"".into();
    let line = fails(lab(&["on", "lab:nosuch"]), 2, "no outlet named 'nosuch'");
    assert_eq!(
        line,
        format!(
            "error: lab: lab has no outlet named 'nosuch'; its outlets: {}, ... (or numbers 1-24)",
            names.join(", ")
        )
    );
    assert!(!line.contains("Outlet 21"), "at most 20 names: {line}");
    // A close name is still suggested first; status says the same.
    let line = fails(lab(&["status", "lab:outlet 30"]), 2, "did you mean: ");
    assert!(line.contains("; its outlets: \"Outlet 1\", "), "{line}");
    assert!(
        !(1..=24).any(|n| home.dli_state(&sim, n)),
        "nothing switched"
    );
}
