//! `-o` means what it says (issue 20): `dump` in text, JSON and a table; `--dry-run -o json`
//! as a JSON array of requests; `drivers list` as a table on a terminal and JSON into a pipe;
//! `get -o table` of nested objects flattened and readable; a `-o` a command does not take
//! refused with exit 2; `drivers show|check` by id or by path (the worked example
//! included); and the hint for `set ... on`.

mod common;
use common::*;
use serde_json::{json, Value};

/// `pductl -d demo ARGS` in `home`.
fn demo(home: &Home, args: &[&str]) -> assert_cmd::Command {
    let mut c = home.cmd();
    c.args(["-d", "demo"]).args(args);
    c
}

/// `pductl ARGS` in `home`.
fn pd(home: &Home, args: &[&str]) -> assert_cmd::Command {
    let mut c = home.cmd();
    c.args(args);
    c
}

/// The worked example in the repository.
fn example_path() -> String {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("drivers/examples/acme-powerstrip.toml")
        .to_str()
        .unwrap()
        .to_string()
}

const EXAMPLE: &str = include_str!("../drivers/examples/acme-powerstrip.toml");

#[test]
fn dump_prints_path_lines_by_default_and_json_with_o_json() {
    let home = Home::new();
    let text = ok(demo(&home, &["dump", "relay/outlets/1"]));
    assert!(
        text.contains("/relay/outlets/1/name = \"Outlet 2\"\n"),
        "{text}"
    );

    let value = json(&ok(demo(&home, &["-o", "json", "dump", "relay"])));
    assert_eq!(value["outlets"].as_array().unwrap().len(), 8);
    assert_eq!(value["outlets"][1]["name"], json!("Outlet 2"));
    // The same value `get` reads.
    assert_eq!(value, json(&ok(demo(&home, &["get", "relay"]))));
}

#[test]
fn dump_o_json_marks_what_could_not_be_read_as_errors() {
    let sim = Sim::dli(&["--outlets", "2"]);
    let home = Home::new();
    home.ok_at(
        &sim,
        &[
            "insert",
            "auth/users/-",
            r#"{"name":"guest","password":"guestpw","is_admin":false,"outlet_access":[true,false]}"#,
        ],
    );
    let mut c = home.cmd();
    c.args([
        "--host",
        "127.0.0.1",
        "--port",
        sim.port(),
        "--user",
        "guest",
        "--password-env",
        "GPW",
        "-o",
        "json",
        "dump",
        "/",
    ])
    .env("GPW", "guestpw");
    let value = json(&ok(c));
    assert_eq!(value["auth"], json!({"error": "permission denied"}));
    assert_eq!(value["relay"]["outlets"][0]["name"], json!("Outlet 1"));
    assert_eq!(value["cred"]["name"], json!("guest"));
}

#[test]
fn dump_o_table_is_a_path_and_value_table() {
    let home = Home::new();
    let table = ok(demo(&home, &["-o", "table", "dump", "relay/outlets/0"]));
    let row = table
        .lines()
        .find(|l| l.contains("/relay/outlets/0/name"))
        .unwrap_or_else(|| panic!("{table}"));
    assert!(row.contains("Outlet 1") && !row.contains('"'), "{row}");
    assert!(table.lines().next().unwrap().starts_with('┌'), "{table}");
}

#[test]
fn dry_run_o_json_prints_the_requests_as_a_json_array_and_changes_nothing() {
    let home = Home::new();
    let out = ok(demo(
        &home,
        &[
            "--dry-run",
            "-o",
            "json",
            "set",
            "relay/outlets/0/state",
            "true",
        ],
    ));
    let requests = json(&out);
    let requests = requests.as_array().expect("a JSON array");
    assert_eq!(requests.len(), 1, "{out}");
    let request = requests[0].as_str().expect("requests are strings");
    assert!(
        request.contains("PUT /restapi/relay/outlets/0/state/"),
        "{request}"
    );
    assert_eq!(
        ok(demo(&home, &["get", "relay/outlets/0/state"])).trim(),
        "false",
        "a dry run changes nothing"
    );

    let out = ok(demo(
        &home,
        &["--dry-run", "-o", "json", "invoke", "relay/outlets/0/cycle"],
    ));
    assert!(json(&out)[0].as_str().unwrap().contains("POST"), "{out}");
    // Without -o, the line it always printed.
    let out = ok(demo(
        &home,
        &["--dry-run", "remove", "relay/outlets/0/cycle_delay"],
    ));
    assert!(out.starts_with("would send: "), "{out}");
}

#[test]
fn a_format_a_command_does_not_take_is_exit_2_naming_those_it_takes() {
    let home = Home::new();
    fails(
        demo(
            &home,
            &[
                "--dry-run",
                "-o",
                "table",
                "set",
                "relay/outlets/0/state",
                "true",
            ],
        ),
        2,
        "set --dry-run takes -o text or -o json, not -o table",
    );
    fails(
        demo(&home, &["-o", "text", "subscribe", "relay", "--count", "1"]),
        2,
        "subscribe takes -o json, not -o text",
    );
    fails(
        pd(&home, &["-o", "json", "drivers", "show", "apc"]),
        2,
        "drivers show takes -o text, not -o json",
    );
    // Refused before any device is touched: an unknown device would be another error.
    fails(
        pd(
            &home,
            &["-d", "nowhere", "-o", "table", "subscribe", "relay"],
        ),
        2,
        "subscribe takes -o json",
    );
}

#[test]
fn drivers_list_into_a_pipe_is_json_and_o_text_is_one_line_per_driver() {
    let home = Home::new();
    let list = json(&ok(pd(&home, &["drivers", "list"])));
    let list = list.as_array().expect("a JSON array into a pipe");
    let apc = list
        .iter()
        .find(|d| d["name"] == json!("apc"))
        .expect("apc listed");
    assert_eq!(apc["transport"], json!("snmp"));
    assert_eq!(apc["from"], json!("(built in) drivers/apc.toml"));

    let text = ok(pd(&home, &["-o", "text", "drivers", "list"]));
    assert_eq!(text.lines().count(), list.len(), "{text}");
    assert!(
        text.lines()
            .any(|l| l == "tripplite\tTripp Lite\tsnmp\t(built in) drivers/tripplite.toml"),
        "{text}"
    );

    let table = ok(pd(&home, &["-o", "table", "drivers", "list"]));
    assert!(
        table.contains("vendor") && table.contains("Tripp Lite"),
        "{table}"
    );
    // `-o json` forced prints what it always printed.
    assert_eq!(
        json(&ok(pd(&home, &["-o", "json", "drivers", "list"]))),
        Value::Array(list.clone())
    );
}

#[test]
fn drivers_list_on_a_terminal_is_a_table() {
    let home = Home::new();
    // util-linux `script` runs the command on a pseudo-terminal.
    let out = std::process::Command::new("script")
        .args(["-qec", &format!("{BIN} drivers list"), "/dev/null"])
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("HOME", home.dir.path())
        .env("XDG_CONFIG_HOME", home.dir.path().join("config"))
        .output()
        .expect("script (util-linux) runs a command on a pseudo-terminal");
    let screen = String::from_utf8_lossy(&out.stdout);
    assert!(
        screen.contains('┌') && screen.contains("transport"),
        "{screen}"
    );
    assert!(!screen.contains("\"name\""), "{screen}");
}

#[test]
fn get_o_table_of_nested_objects_is_flattened_and_numbered_from_1() {
    let home = Home::new();
    let table = ok(demo(&home, &["-o", "table", "get", "relay"]));
    let row = table
        .lines()
        .find(|l| l.contains("outlets/1/name"))
        .unwrap_or_else(|| panic!("nested values flattened: {table}"));
    assert!(row.contains("Outlet 2"), "{row}");
    assert!(!table.contains("{\""), "no whole objects in cells: {table}");
    assert!(
        table.lines().all(|l| l.chars().count() < 120),
        "rows stay narrow: {table}"
    );

    // Rows of an array of objects are numbered from 1.
    let table = ok(demo(&home, &["-o", "table", "get", "relay/outlets"]));
    let numbers: Vec<String> = table
        .lines()
        .filter(|l| l.contains("Outlet "))
        .map(|l| {
            l.split('┆')
                .next()
                .unwrap()
                .trim_matches(['│', ' '])
                .to_string()
        })
        .collect();
    assert_eq!(numbers, ["1", "2", "3", "4", "5", "6", "7", "8"], "{table}");
}

#[test]
fn drivers_show_takes_a_path_or_an_id() {
    let home = Home::new();
    assert_eq!(
        ok(pd(&home, &["drivers", "show", &example_path()])).trim(),
        EXAMPLE.trim()
    );
    // The README's `drivers show acme-powerstrip`: the example by its id, with a note on
    // how to use it.
    let (code, stdout, stderr) = run(pd(&home, &["drivers", "show", "acme-powerstrip"]));
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stdout.trim(), EXAMPLE.trim());
    assert!(
        stderr.contains("worked example") && stderr.contains("pductl/drivers/acme-powerstrip.toml"),
        "{stderr}"
    );
    // A built-in by id.
    assert!(ok(pd(&home, &["drivers", "show", "apc"])).contains("id = \"apc\""));
    // A missing file is named.
    fails(
        pd(&home, &["drivers", "show", "missing.toml"]),
        2,
        "cannot read driver file missing.toml",
    );
    fails(
        pd(&home, &["drivers", "show", "./no/such/strip"]),
        2,
        "./no/such/strip",
    );
    fails(
        pd(&home, &["drivers", "show", "no-such"]),
        2,
        "no driver 'no-such'",
    );
}

#[test]
fn drivers_check_takes_an_id_or_a_path() {
    let home = Home::new();
    let (code, _, stderr) = run(pd(&home, &["drivers", "check", "acme-powerstrip"]));
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("driver acme-powerstrip is well-formed"),
        "{stderr}"
    );
    let (code, _, stderr) = run(pd(&home, &["drivers", "check", "eaton-epdu"]));
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        stderr.trim(),
        "(built in) drivers/eaton-epdu.toml: driver eaton-epdu is well-formed"
    );
    assert_eq!(
        ok(pd(&home, &["-q", "drivers", "check", &example_path()])),
        ""
    );
    fails(
        pd(&home, &["drivers", "check", "gone.toml"]),
        2,
        "cannot read driver file gone.toml",
    );

    // The user's copy, by id, is the one checked: broken, it is named with line and column.
    let dir = home.dir.path().join("config/pductl/drivers");
    std::fs::create_dir_all(&dir).unwrap();
    let copy = dir.join("acme-powerstrip.toml");
    std::fs::write(
        &copy,
        EXAMPLE.replace("index_base = 1", "index_base = 1\nbogus = 2"),
    )
    .unwrap();
    let line = fails(
        pd(&home, &["drivers", "check", "acme-powerstrip"]),
        2,
        "unknown field `bogus`",
    );
    assert!(line.contains(&format!("{}:", copy.display())), "{line}");
    // Fixed, it is found by id as a device would find it, with no note.
    std::fs::write(&copy, EXAMPLE).unwrap();
    let (code, _, stderr) = run(pd(&home, &["drivers", "check", "acme-powerstrip"]));
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        stderr.trim(),
        format!("{}: driver acme-powerstrip is well-formed", copy.display())
    );
}

#[test]
fn a_device_naming_the_example_before_it_is_copied_is_told_how() {
    let home = Home::new();
    fails(
        pd(
            &home,
            &[
                "--host",
                "127.0.0.1",
                "--driver",
                "acme-powerstrip",
                "get",
                "relay",
            ],
        ),
        2,
        "acme-powerstrip is the worked example, not built in: to use it, save it as",
    );
}

#[test]
fn set_on_suggests_a_boolean() {
    let home = Home::new();
    for (word, meant) in [
        ("on", "true"),
        ("Off", "false"),
        ("YES", "true"),
        ("False", "false"),
    ] {
        let line = fails(
            demo(&home, &["set", "relay/outlets/0/state", word]),
            2,
            &format!("did you mean {meant}?"),
        );
        assert!(!line.contains("quotes"), "{line}");
    }
    // Other bare words still need quotes to be strings.
    fails(
        demo(&home, &["set", "relay/name", "lab"]),
        2,
        "a string needs JSON quotes: '\"lab\"'",
    );
}
