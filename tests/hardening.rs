//! A hostile or broken device, odd files and odd input: pductl ends, says what is wrong in
//! one line, and keeps the device's bytes off the user's terminal. Devices here are
//! hand-written servers whose answers are pinned in the test.

mod common;
use common::*;
use std::time::{Duration, Instant};

fn json_answer(body: &str) -> String {
    http_answer("200 OK", &["Content-Type: application/json"], body)
}

fn netio_device(document: &'static str) -> RawServer {
    RawServer::start(move |_| json_answer(document))
}

fn netio_get(home: &Home, unit: &RawServer, path: &str) -> assert_cmd::Command {
    let mut c = unit.pductl(home, "netio");
    c.args(["--protocol", "netio-json", "get", path]);
    c
}

#[test]
fn a_device_count_or_id_never_sizes_memory() {
    let home = Home::new();
    let cases = [
        (
            r#"{"Agent":{"NumOutputs":18446744073709551615},"Outputs":[{"ID":1,"State":0}]}"#,
            "NumOutputs is 18446744073709551615",
        ),
        (
            r#"{"Agent":{"NumOutputs":4},"Outputs":[{"ID":1000000000000,"State":0}]}"#,
            "ID is 1000000000000",
        ),
        (
            r#"{"Agent":{"NumOutputs":100000000},"Outputs":[{"ID":1,"State":0}]}"#,
            "NumOutputs is 100000000",
        ),
    ];
    for (document, needle) in cases {
        let unit = netio_device(document);
        let started = Instant::now();
        let line = fails(netio_get(&home, &unit, "relay/outlets"), 5, needle);
        assert!(line.contains("at most 1024"), "{line}");
        assert!(started.elapsed() < Duration::from_secs(10), "{needle}");
    }
}

/// A DLI-style device that refuses whole reads and answers every one-level read with
/// `stubs`: `$ref` stubs that never end.
fn endless_refs(stubs: &'static str) -> RawServer {
    RawServer::start(move |request| match request.header("range") {
        Some(_) => http_answer(
            "206 Partial Content",
            &["Content-Type: application/json"],
            stubs,
        ),
        None => http_answer(
            "403 Forbidden",
            &["Content-Type: text/plain"],
            "forbidden\n",
        ),
    })
}

#[test]
fn dump_ends_on_stubs_that_never_end() {
    let home = Home::new();
    let unit = endless_refs(r#"{"a": {"$ref": "a/"}, "b": 1}"#);
    let mut c = unit.pductl(&home, "1234");
    c.args(["dump", "/"]);
    let out = ok(c);
    assert!(
        out.contains("<not followed: deeper than 32 levels>"),
        "{out}"
    );
    assert!(out.lines().count() < 100, "output stays small");
    let deepest = out.lines().map(|l| l.matches("/a").count()).max().unwrap();
    assert_eq!(deepest, 33, "32 levels followed, the 33rd marked");

    // Stubs that fan out end too, on the read budget.
    let unit = endless_refs(r#"{"a": {"$ref": "a/"}, "b": {"$ref": "b/"}}"#);
    let mut c = unit.pductl(&home, "1234");
    c.args(["dump", "/"]);
    let out = ok(c);
    assert!(
        out.contains("<not followed: dump stops after 4096 reads>"),
        "{}",
        &out[..out.len().min(500)]
    );
    assert!(unit.requests().len() <= 4096 + 1);
}

/// Window title, bell, clear screen, and a C1 CSI.
const HOSTILE: &str = "\u{1b}]0;pwned\u{7}\u{1b}[2J\u{9b}31m";

fn hostile_device() -> RawServer {
    RawServer::start(|request| {
        if request.uri.contains("outlets") {
            let body = format!(
                "[{}]",
                serde_json::json!({"name": format!("DUT{HOSTILE}"), "state": true})
            );
            return json_answer(&body);
        }
        if request.uri.contains("name") {
            return json_answer(&serde_json::json!(format!("PDU{HOSTILE}")).to_string());
        }
        http_answer(
            "500 Internal Server Error",
            &["Content-Type: text/plain"],
            &format!("boom{HOSTILE}\n"),
        )
    })
}

fn no_raw_controls(text: &str) {
    assert!(
        !text.contains(['\u{1b}', '\u{7}', '\u{9b}']),
        "raw control characters: {text:?}"
    );
}

#[test]
fn device_text_never_reaches_the_terminal_raw() {
    let unit = hostile_device();
    let home = Home::new();
    // Error lines.
    let mut c = unit.pductl(&home, "1234");
    c.args(["get", "relay/version"]);
    let line = fails(c, 1, "boom\\e]0;pwned\\x07\\e[2J");
    no_raw_controls(&line);
    // Tables, even into a pipe.
    let mut c = unit.pductl(&home, "1234");
    c.args(["-o", "table", "get", "relay/outlets"]);
    let table = ok(c);
    assert!(table.contains("DUT\\e]0;pwned"), "{table}");
    no_raw_controls(&table);
    // `-o text` into a pipe keeps the exact bytes, for scripts; JSON escapes by itself.
    let mut c = unit.pductl(&home, "1234");
    c.args(["-o", "text", "get", "relay/name"]);
    assert_eq!(ok(c), format!("PDU{HOSTILE}\n"));
    let mut c = unit.pductl(&home, "1234");
    c.args(["get", "relay/name"]);
    let piped = ok(c);
    assert!(!piped.contains(['\u{1b}', '\u{7}']), "{piped:?}");
    assert_eq!(json(&piped), serde_json::json!(format!("PDU{HOSTILE}")));
    // `-o text` on a terminal: run under a pseudo-terminal (util-linux `script`).
    let command = format!(
        "{PASSWORD_VAR}=1234 {BIN} --host 127.0.0.1 --port {} --password-env {PASSWORD_VAR} -o text get relay/name",
        unit.port
    );
    let out = std::process::Command::new("script")
        .args(["-qec", &command, "/dev/null"])
        .env("HOME", home.dir.path())
        .env("XDG_CONFIG_HOME", home.dir.path().join("config"))
        .output()
        .expect("script (util-linux) runs a command on a pseudo-terminal");
    let screen = String::from_utf8_lossy(&out.stdout);
    assert!(
        screen.contains("PDU\\e]0;pwned\\x07\\e[2J\\u{9b}31m"),
        "{screen:?}"
    );
    no_raw_controls(&screen);
}

fn profile_add(home: &Home, config: &std::path::Path, name: &str) -> assert_cmd::Command {
    let mut c = home.cmd();
    c.arg("--config")
        .arg(config)
        .args(["profile", "add", name, "--host", &format!("{name}.lab")]);
    c
}

fn device_names(config: &std::path::Path) -> Vec<String> {
    let text = std::fs::read_to_string(config).unwrap();
    let doc: toml_edit::DocumentMut = text.parse().unwrap();
    let mut names: Vec<String> = doc["devices"]
        .as_table_like()
        .map(|t| t.iter().map(|(k, _)| k.to_string()).collect())
        .unwrap_or_default();
    names.sort();
    names
}

/// Runs the commands as concurrent processes; each must succeed.
fn all_at_once(commands: Vec<assert_cmd::Command>) {
    let threads: Vec<_> = commands
        .into_iter()
        .map(|c| std::thread::spawn(move || ok(c)))
        .collect();
    for t in threads {
        t.join().expect("every edit succeeds");
    }
}

#[test]
fn concurrent_profile_edits_lose_nothing() {
    let home = Home::new();
    let config = home.write_profile("# my PDUs\n");
    all_at_once(
        (0..20)
            .map(|i| profile_add(&home, &config, &format!("pdu{i:02}")))
            .collect(),
    );
    let want: Vec<String> = (0..20).map(|i| format!("pdu{i:02}")).collect();
    assert_eq!(device_names(&config), want);
    assert!(std::fs::read_to_string(&config)
        .unwrap()
        .starts_with("# my PDUs"));

    // Adds and removes at once: the removed ones go, the added ones stay.
    let mut commands = Vec::new();
    for i in 0..10 {
        let mut c = home.cmd();
        c.arg("--config")
            .arg(&config)
            .args(["profile", "remove", &format!("pdu{i:02}")]);
        commands.push(c);
        commands.push(profile_add(&home, &config, &format!("new{i:02}")));
    }
    all_at_once(commands);
    let mut want: Vec<String> = (10..20).map(|i| format!("pdu{i:02}")).collect();
    want.extend((0..10).map(|i| format!("new{i:02}")));
    want.sort();
    assert_eq!(device_names(&config), want);
}

#[cfg(unix)]
#[test]
fn a_symlinked_profile_stays_a_symlink_and_its_target_gets_the_change() {
    use std::os::unix::fs::PermissionsExt;
    let home = Home::new();
    let dotfiles = home.dir.path().join("dotfiles");
    std::fs::create_dir_all(&dotfiles).unwrap();
    let target = dotfiles.join("pductl.toml");
    std::fs::write(&target, "# managed by my dotfiles\n").unwrap();
    std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o600)).unwrap();
    let config = home.config_file();
    std::fs::create_dir_all(config.parent().unwrap()).unwrap();
    std::os::unix::fs::symlink("../../dotfiles/pductl.toml", &config).unwrap();

    ok(profile_add(&home, &config, "lab"));
    assert!(std::fs::symlink_metadata(&config)
        .unwrap()
        .file_type()
        .is_symlink());
    let text = std::fs::read_to_string(&target).unwrap();
    assert!(text.starts_with("# managed by my dotfiles"), "{text}");
    assert!(text.contains("[devices.lab]"), "{text}");
    let mode = std::fs::metadata(&target).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
}

#[cfg(unix)]
#[test]
fn a_profile_path_that_is_not_a_regular_file_is_refused_before_reading() {
    use std::os::unix::fs::FileTypeExt;
    let home = Home::new();
    let fifo = home.dir.path().join("config.fifo");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    let mut c = profile_add(&home, &fifo, "lab");
    c.timeout(Duration::from_secs(10));
    fails(c, 2, "is a FIFO");

    fails(
        profile_add(&home, std::path::Path::new("/dev/null"), "lab"),
        2,
        "is a device",
    );
    assert!(std::fs::metadata("/dev/null")
        .unwrap()
        .file_type()
        .is_char_device());

    fails(
        profile_add(&home, home.dir.path(), "lab"),
        2,
        "is a directory",
    );

    // Commands that only read still take a profile from a pipe (process substitution).
    let script = format!(
        "{BIN} --config <(printf '[devices.lab]\\nhost = \"10.0.0.5\"\\n') profile show lab"
    );
    let out = std::process::Command::new("bash")
        .args(["-c", &script])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        json(&String::from_utf8_lossy(&out.stdout))["host"],
        serde_json::json!("10.0.0.5")
    );
}

/// Whether a process is still running (a zombie has ended: it only waits to be reaped, and
/// a container's init may never reap it).
fn running(pid: &str) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .ok()
        .and_then(|stat| {
            let state = stat
                .rsplit_once(')')?
                .1
                .split_whitespace()
                .next()?
                .to_string();
            Some(state != "Z" && state != "X")
        })
        .unwrap_or(false)
}

/// A password command that starts a long `sleep` and writes its pid to `pid_file`.
fn stuck_password_command(pid_file: &std::path::Path) -> String {
    format!("sleep 25 & echo $! > {}; wait", pid_file.display())
}

#[cfg(unix)]
#[test]
fn a_stuck_password_command_is_stopped_at_its_limit() {
    let home = Home::new();
    let pid_file = home.dir.path().join("sleep.pid");
    let mut c = home.cmd();
    c.args(["--host", "127.0.0.1", "--password-command"])
        .arg(stuck_password_command(&pid_file))
        .args(["--password-command-timeout", "1", "get", "relay/name"]);
    let started = Instant::now();
    fails(
        c,
        2,
        "password command of device 127.0.0.1 did not finish within 1s",
    );
    assert!(started.elapsed() < Duration::from_secs(10));
    let pid = std::fs::read_to_string(&pid_file).unwrap();
    assert!(
        eventually(5.0, || !running(pid.trim())),
        "the command's own children are stopped too"
    );

    // The same limit from the profile.
    let config = home.write_profile(&format!(
        "[devices.lab]\nhost = \"127.0.0.1\"\npassword_command = \"{}\"\npassword_command_timeout = 1\n",
        stuck_password_command(&pid_file)
    ));
    let mut c = home.cmd();
    c.arg("--config")
        .arg(&config)
        .args(["-d", "lab", "get", "relay/name"]);
    fails(c, 2, "did not finish within 1s");
}

#[cfg(unix)]
#[test]
fn signals_stop_a_password_command_at_once() {
    for (signal, code) in [("INT", 130), ("TERM", 143), ("HUP", 129)] {
        let home = Home::new();
        let pid_file = home.dir.path().join("sleep.pid");
        let child = std::process::Command::new(BIN)
            .args(["--host", "127.0.0.1", "--password-command"])
            .arg(stuck_password_command(&pid_file))
            .args(["get", "relay/name"])
            .env("RUST_BACKTRACE", "0")
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        assert!(eventually(10.0, || std::fs::read_to_string(&pid_file)
            .is_ok_and(|p| !p.trim().is_empty())));
        let started = Instant::now();
        let sent = std::process::Command::new("sh")
            .args(["-c", &format!("kill -{signal} {}", child.id())])
            .status()
            .unwrap();
        assert!(sent.success());
        let out = child.wait_with_output().unwrap();
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "SIG{signal} at once"
        );
        assert_eq!(out.status.code(), Some(code), "SIG{signal}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(stderr.starts_with("error: "), "{stderr}");
        let pid = std::fs::read_to_string(&pid_file).unwrap();
        assert!(
            eventually(5.0, || !running(pid.trim())),
            "SIG{signal}: nothing left running"
        );
    }
}

#[test]
fn hosts_pasted_with_a_port_are_understood() {
    let sim = Sim::dli(&["--outlets", "2"]);
    let home = Home::new();
    let run_with = |host: &str, extra: &[&str]| {
        let mut c = home.cmd();
        c.args(["--host", host, "--password-env", PASSWORD_VAR])
            .args(extra)
            .args(["get", "relay/outlets/0/name"])
            .env(PASSWORD_VAR, "1234");
        c
    };
    for host in [
        format!("127.0.0.1:{}", sim.port()),
        format!("localhost:{}", sim.port()),
    ] {
        assert_eq!(
            json(&ok(run_with(&host, &[]))),
            serde_json::json!("Outlet 1")
        );
    }
    // The same port again is fine; a different one is a contradiction.
    let host = format!("127.0.0.1:{}", sim.port());
    ok(run_with(&host, &["--port", sim.port()]));
    fails(run_with(&host, &["--port", "8080"]), 2, "--port");
    fails(run_with("127.0.0.1:http", &[]), 2, "bad port");
    // IPv6 forms parse (the simulator listens on IPv4 only: unreachable, not a usage error).
    fails(run_with("[::1]:1", &["--timeout", "2"]), 4, "[::1]:1");
}

#[test]
fn meaningless_options_are_usage_errors() {
    let home = Home::new();
    let mut c = home.cmd();
    c.args(["--host", "127.0.0.1", "--port", "0", "get", "relay"]);
    let (code, _, stderr) = run(c);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.starts_with("error: invalid value '0' for '--port"),
        "{stderr}"
    );
    for option in [&["--insecure"][..], &["--ca-file", "/etc/hosts"][..]] {
        let mut c = home.cmd();
        c.args(["--host", "127.0.0.1"])
            .args(option)
            .args(["get", "relay"]);
        fails(c, 2, "--tls");
        let mut c = home.cmd();
        c.args(["profile", "add", "lab", "--host", "10.0.0.5"])
            .args(option);
        fails(c, 2, "--tls");
    }
    let long = "a/".repeat(40_000);
    let mut c = home.cmd();
    c.args(["--host", "127.0.0.1", "get", &long]);
    fails(c, 2, "limited to 4096");
}

#[test]
fn a_write_through_a_filter_that_matches_nothing_fails() {
    let sim = Sim::dli(&["--outlets", "4"]);
    let home = Home::new();
    home.fails_at(
        &sim,
        &["set", "relay/outlets/all;name=\"typo\"/state", "true"],
        1,
        "selects nothing",
    );
    home.fails_at(
        &sim,
        &["invoke", "relay/outlets/all;name=typo/cycle"],
        1,
        "selects nothing",
    );
    assert_eq!(
        json(&home.ok_at(&sim, &["get", "relay/outlets/all;/state"])),
        serde_json::json!([false, false, false, false]),
        "nothing was switched"
    );
    // A filter that matches still writes.
    home.ok_at(
        &sim,
        &["set", "relay/outlets/all;name=Outlet 2/state", "true"],
    );
    assert_eq!(
        json(&home.ok_at(&sim, &["get", "relay/outlets/1/state"])),
        serde_json::json!(true)
    );

    let netio = Sim::start("netio", &[]);
    let mut c = home.netio_at(netio.port());
    c.args(["set", "relay/outlets/all;name=typo/state", "true"]);
    fails(c, 1, "selects nothing");
}

#[test]
fn sim_help_lists_only_what_a_simulator_uses() {
    let home = Home::new();
    for args in [
        &["sim", "--help"][..],
        &["sim", "dli", "--help"],
        &["sim", "netio", "--help"],
    ] {
        let mut c = home.cmd();
        c.args(args);
        let help = ok(c);
        // Option lines are `      --long` or `  -s, --long`; wrapped descriptions are
        // indented further.
        let listed = |option: &str| {
            help.lines().any(|l| {
                l.strip_prefix("      ")
                    .or_else(|| l.get(6..).filter(|_| l.starts_with("  -")))
                    .is_some_and(|rest| rest.starts_with(option))
            })
        };
        for client_only in [
            "--host",
            "--password-env",
            "--insecure",
            "--ca-file",
            "--device",
        ] {
            assert!(
                !listed(client_only),
                "{args:?} lists {client_only}:\n{help}"
            );
        }
        assert!(listed("--user") && listed("--tls"), "{help}");
    }
    let mut c = home.cmd();
    c.args(["get", "--help"]);
    assert!(ok(c).contains("--password-env"));
}

#[test]
fn the_readme_refers_only_to_what_the_repository_carries() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    for outside in ["../shared", "](../", "DESIGN.md"] {
        assert!(
            !readme.contains(outside),
            "README points outside the repository: {outside}"
        );
    }
    // Every file path it names in backquotes exists.
    for quoted in readme.split('`').skip(1).step_by(2) {
        let path = quoted.split_whitespace().next().unwrap_or("");
        let local = [
            "src/",
            "scripts/",
            "benches/",
            "tests/",
            ".ci/",
            "completions/",
            "man/",
        ];
        if local.iter().any(|p| path.starts_with(p)) && !path.contains(['*', '<']) {
            assert!(
                root.join(path).exists(),
                "README names {path}, which does not exist"
            );
        }
    }
    // The simulators' default logins are given where `sim` is shown.
    assert!(readme.contains("admin / 1234") && readme.contains("netio / netio"));
}
