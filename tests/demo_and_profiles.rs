//! The built-in demo device and the profile file, end to end.

mod common;
use common::*;
use serde_json::json;

#[test]
fn demo_works_without_setup_and_keeps_state_between_runs() {
    let home = Home::new();
    let mut c = home.cmd();
    c.args(["-d", "demo", "get", "relay/outlets"]);
    let outlets = json(&ok(c));
    assert_eq!(outlets.as_array().unwrap().len(), 8);
    assert_eq!(outlets[0]["physical_state"], json!(false));

    let mut c = home.cmd();
    c.args(["-d", "demo", "set", "relay/outlets/3/state", "true"]);
    ok(c);
    let mut c = home.cmd();
    c.args(["-d", "demo", "get", "relay/outlets/3/physical_state"]);
    assert_eq!(ok(c).trim(), "true");
    assert!(home.dir.path().join("state/pductl/demo-dli.json").exists());

    // Another home has its own, untouched demo device.
    let other = Home::new();
    let mut c = other.cmd();
    c.args(["-d", "demo", "get", "relay/outlets/3/state"]);
    assert_eq!(ok(c).trim(), "false");
}

#[test]
fn demo_cycle_finishes_in_a_later_invocation() {
    let home = Home::new();
    for args in [
        ["set", "relay/outlets/0/cycle_delay", "1"],
        ["set", "relay/outlets/0/state", "true"],
    ] {
        let mut c = home.cmd();
        c.args(["-d", "demo"]).args(args);
        ok(c);
    }
    let mut c = home.cmd();
    c.args(["-d", "demo", "invoke", "relay/outlets/0/cycle"]);
    ok(c);
    let mut c = home.cmd();
    c.args(["-d", "demo", "get", "relay/outlets/0/physical_state"]);
    assert_eq!(ok(c).trim(), "false");
    std::thread::sleep(std::time::Duration::from_millis(1200));
    let mut c = home.cmd();
    c.args(["-d", "demo", "get", "relay/outlets/0/physical_state"]);
    assert_eq!(ok(c).trim(), "true");
}

#[test]
fn demo_starts_fresh_when_its_state_file_is_mangled() {
    let home = Home::new();
    let state = home.dir.path().join("state/pductl/demo-dli.json");
    std::fs::create_dir_all(state.parent().unwrap()).unwrap();
    for junk in [
        "not json",
        r#"{"tree": {"relay": 5}}"#,
        r#"{"tree": {}, "pending": [{"at_ms": 0, "outlet": 99, "physical": true}]}"#,
    ] {
        std::fs::write(&state, junk).unwrap();
        let mut c = home.cmd();
        c.args(["-d", "demo", "get", "relay/outlets/0/state"]);
        let (code, stdout, stderr) = run(c);
        assert_eq!(
            (code, stdout.trim()),
            (0, "false"),
            "with state file {junk:?}"
        );
        // The user is told, and the corrupt file is kept beside the new one.
        let corrupt = state.with_extension("json.corrupt");
        assert!(
            stderr.starts_with("warning: ") && stderr.contains(&*state.to_string_lossy()),
            "{stderr}"
        );
        assert!(stderr.contains(&*corrupt.to_string_lossy()), "{stderr}");
        assert_eq!(std::fs::read_to_string(&corrupt).unwrap(), junk);
    }
}

#[test]
fn demo_reports_a_wrong_password() {
    let home = Home::new();
    let mut c = home.cmd();
    c.args(["-d", "demo", "--password-env", "X", "get", "relay/name"])
        .env("X", "nope");
    fails(c, 3, "rejected the user name or password");
}

#[test]
fn profile_add_list_show_remove() {
    let sim = Sim::dli(&[]);
    let home = Home::new();
    let mut c = home.cmd();
    c.args([
        "profile",
        "add",
        "lab",
        "--host",
        "127.0.0.1",
        "--port",
        sim.port(),
    ])
    .args(["--user", "admin", "--password-env", "LAB_PW"]);
    ok(c);

    let mut c = home.cmd();
    c.args(["-d", "lab", "get", "relay/name"])
        .env("LAB_PW", "1234");
    assert_eq!(json(&ok(c)), json!("DLI Controller"));

    let mut c = home.cmd();
    c.args(["profile", "list"]);
    let list = json(&ok(c));
    let names: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["demo", "demo-netio", "lab"]);

    let mut c = home.cmd();
    c.args(["profile", "show", "lab"]);
    let shown = json(&ok(c));
    assert_eq!(shown["host"], json!("127.0.0.1"));
    assert_eq!(shown["password"], json!("environment variable LAB_PW"));

    // Adding again needs --force; the demo name is taken.
    let mut c = home.cmd();
    c.args(["profile", "add", "lab", "--host", "10.0.0.9"]);
    fails(c, 2, "--force");
    let mut c = home.cmd();
    c.args(["profile", "add", "demo", "--host", "10.0.0.9"]);
    fails(c, 2, "built-in");

    let mut c = home.cmd();
    c.args(["profile", "remove", "lab"]);
    ok(c);
    let mut c = home.cmd();
    c.args(["-d", "lab", "get", "relay/name"]);
    fails(c, 2, "unknown device 'lab'");
}

#[test]
fn profile_edits_keep_comments_and_never_show_a_password() {
    let home = Home::new();
    let file = home.write_profile(
        "# lab power\n[devices.rack]\nhost = \"10.1.1.1\" # front rack\npassword = \"hunter2-secret\"\n",
    );
    let mut c = home.cmd();
    c.args(["profile", "show", "rack"]);
    let shown = ok(c);
    assert!(!shown.contains("hunter2"), "{shown}");
    assert!(shown.contains("hidden"), "{shown}");

    let mut c = home.cmd();
    c.args([
        "profile",
        "add",
        "spare",
        "--host",
        "10.1.1.2",
        "--password-command",
        "pass show spare",
    ]);
    ok(c);
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.starts_with("# lab power\n"), "{text}");
    assert!(text.contains("host = \"10.1.1.1\" # front rack"), "{text}");
    assert!(text.contains("[devices.spare]"), "{text}");
    assert!(
        text.contains("password_command = \"pass show spare\""),
        "{text}"
    );
    // No temporary files are left beside it: only the sidecar lock file that every edit
    // takes (it stays, since removing a lock file races with the next edit's lock).
    let leftovers: Vec<_> = std::fs::read_dir(file.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .filter(|n| n != "config.toml" && n != "config.toml.lock")
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[cfg(unix)]
#[test]
fn inline_passwords_in_a_world_readable_file_are_warned_about() {
    use std::os::unix::fs::PermissionsExt;
    let sim = Sim::dli(&[]);
    let home = Home::new();
    let file = home.write_profile(&format!(
        "[devices.lab]\nhost = \"127.0.0.1\"\nport = {}\npassword = \"1234\"\n",
        sim.port()
    ));
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).unwrap();
    let mut c = home.cmd();
    c.args(["-d", "lab", "get", "relay/name"]);
    let (code, stdout, stderr) = run(c);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(json(&stdout), json!("DLI Controller"));
    assert!(
        stderr.starts_with("warning: ") && stderr.contains("chmod 600"),
        "{stderr}"
    );
    assert!(!stderr.contains("1234"), "{stderr}");

    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600)).unwrap();
    let mut c = home.cmd();
    c.args(["-d", "lab", "get", "relay/name"]);
    let (_, _, stderr) = run(c);
    assert_eq!(stderr, "");
}

#[test]
fn password_sources_command_and_file() {
    let sim = Sim::dli(&[]);
    let home = Home::new();
    let pw_file = home.dir.path().join("pw");
    std::fs::write(&pw_file, "1234\n").unwrap();
    let mut c = home.cmd();
    c.args([
        "--host",
        "127.0.0.1",
        "--port",
        sim.port(),
        "--password-file",
    ])
    .arg(&pw_file)
    .args(["get", "relay/name"]);
    ok(c);
    let mut c = home.cmd();
    c.args([
        "--host",
        "127.0.0.1",
        "--port",
        sim.port(),
        "--password-command",
        "echo 1234",
        "get",
        "relay/name",
    ]);
    ok(c);
    let mut c = home.cmd();
    c.args([
        "--host",
        "127.0.0.1",
        "--port",
        sim.port(),
        "--password-command",
        "exit 3",
        "get",
        "relay/name",
    ]);
    fails(c, 2, "password command");
    let mut c = home.cmd();
    c.args([
        "--host",
        "127.0.0.1",
        "--port",
        sim.port(),
        "--password-env",
        "UNSET_VAR_X",
        "get",
        "relay/name",
    ]);
    fails(c, 2, "UNSET_VAR_X");
}

#[cfg(unix)]
#[test]
fn profile_add_can_store_a_password_from_stdin_in_a_private_file() {
    use std::os::unix::fs::PermissionsExt;
    let sim = Sim::dli(&[]);
    let home = Home::new();
    let mut c = home.cmd();
    c.args([
        "profile",
        "add",
        "lab",
        "--host",
        "127.0.0.1",
        "--port",
        sim.port(),
        "--password-stdin",
    ])
    .write_stdin("1234\n");
    let (code, stdout, stderr) = run(c);
    assert_eq!((code, stdout.as_str()), (0, ""));
    // What was written, and no warning: the file is private.
    assert!(stderr.starts_with("pductl: wrote device lab"), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    let file = home.config_file();
    assert_eq!(
        std::fs::metadata(&file).unwrap().permissions().mode() & 0o777,
        0o600
    );
    let mut c = home.cmd();
    c.args(["-d", "lab", "get", "relay/name"]);
    let (code, _, stderr) = run(c);
    assert_eq!(
        (code, stderr.as_str()),
        (0, ""),
        "no warning for a private file"
    );
    let mut c = home.cmd();
    c.args(["profile", "show", "lab"]);
    assert!(!ok(c).contains("1234"));
}
