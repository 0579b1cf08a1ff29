//! The session backend of driver files and its built-in `wti-nps`, end to end: the built
//! binary against a WTI NPS-like unit on a loopback telnet port (tests/common/
//! telnet_device.rs, written from protocols/drivers-2.md's facts), a relay board on raw TCP,
//! and a local command's stdin and stdout (a shell script in the test's directory).

mod common;
use common::telnet_device::{Mode, WtiNps};
use common::*;
use serde_json::Value;

const PASSWORD: &str = "Zebra-pw-77";

/// A home whose profile has `nps`, a `wti-nps` at `port` whose password is `PASSWORD`
/// (given in the environment), with the extra profile lines `extra`.
fn home_at(port: u16, extra: &str) -> Home {
    let home = Home::new();
    let timeout = if extra.contains("timeout") {
        ""
    } else {
        "timeout = 5\n"
    };
    home.write_profile(&format!(
        "[devices.nps]\ndriver = \"wti-nps\"\nhost = \"127.0.0.1\"\nport = {port}\n\
         password_env = \"{PASSWORD_VAR}\"\n{timeout}{extra}\n"
    ));
    home
}

fn pd(home: &Home, args: &[&str]) -> assert_cmd::Command {
    pd_with(home, PASSWORD, args)
}

fn pd_with(home: &Home, password: &str, args: &[&str]) -> assert_cmd::Command {
    let mut c = home.cmd();
    c.env(PASSWORD_VAR, password);
    c.args(args);
    c
}

/// Saves a user driver file in `home`'s drivers directory.
fn save_driver(home: &Home, id: &str, text: &str) {
    let drivers = home.dir.path().join("config/pductl/drivers");
    std::fs::create_dir_all(&drivers).unwrap();
    std::fs::write(drivers.join(format!("{id}.toml")), text).unwrap();
}

/// `(name, state)` of each outlet as `status` shows it.
fn status(home: &Home, device: &str) -> Vec<(String, String)> {
    json(&ok(pd(home, &["-d", device, "status"])))
        .as_array()
        .expect("status is a JSON array")
        .iter()
        .map(|o| {
            let text = |k: &str| o[k].as_str().unwrap_or_default().to_string();
            (text("name"), text("state"))
        })
        .collect()
}

/// A 16-plug unit is read in one login and one `/s`: every plug's state and name, the
/// telnet options it offered refused, and the session logged out at the end.
#[test]
fn sixteen_outlets_are_read_in_one_login_with_their_names() {
    let unit = WtiNps::start(16, PASSWORD, Mode::Normal);
    unit.set_plug(3, true);
    unit.set_plug(16, true);
    unit.name_plug(1, "DUT power");
    unit.name_plug(16, "switch");
    let home = home_at(unit.port, "");
    let outlets = status(&home, "nps");
    assert_eq!(outlets.len(), 16);
    assert_eq!(outlets[0], ("DUT power".to_string(), "off".to_string()));
    assert_eq!(outlets[2].1, "on");
    assert_eq!(outlets[15], ("switch".to_string(), "on".to_string()));
    let ons = outlets.iter().filter(|(_, s)| s == "on").count();
    assert_eq!(ons, 2);
    let done = eventually(5.0, || {
        unit.seen().commands.last().is_some_and(|c| c == "/x")
    });
    let seen = unit.seen();
    assert!(done, "{:?}", seen.commands);
    // (status reads the outlets, then asks for meters: a second /s, in the same login.)
    let (logout, reads) = seen.commands.split_last().unwrap();
    assert_eq!(logout, "/x");
    assert!(reads.iter().all(|c| c == "/s"), "{:?}", seen.commands);
    assert_eq!(seen.logins, 1, "one login for all 16 outlets");
    assert_eq!(seen.password_tries, [PASSWORD]);
    // WILL ECHO -> DONT ECHO, WILL SGA -> DONT SGA, DO TERMINAL-TYPE -> WONT.
    for answer in [(254, 1), (254, 3), (252, 24)] {
        assert!(seen.answers.contains(&answer), "{:?}", seen.answers);
    }
}

/// `on`, `off` and `cycle` land at the unit as `/on N,y`, `/off N,y` and `/boot N,y` (the
/// unit's own cycle), each command in one login, its checks included.
#[test]
fn on_off_and_cycle_land_at_the_unit_one_login_per_command() {
    let unit = WtiNps::start(8, PASSWORD, Mode::Normal);
    unit.name_plug(3, "DUT power");
    let home = home_at(unit.port, "");
    let out = ok(pd(&home, &["on", "nps:3"]));
    assert!(out.contains("nps:3") && out.contains("on"), "{out}");
    assert!(unit.seen().plugs[2]);
    assert!(eventually(5.0, || unit
        .seen()
        .commands
        .last()
        .is_some_and(|c| c == "/x")));
    assert_eq!(
        unit.seen().logins,
        1,
        "the read, the switch and its check: one login"
    );
    assert!(unit.seen().commands.contains(&"/on 3,y".to_string()));

    ok(pd(&home, &["off", "nps:DUT power"]));
    assert!(!unit.seen().plugs[2]);
    assert!(unit.seen().commands.contains(&"/off 3,y".to_string()));

    ok(pd(&home, &["cycle", "nps:5"]));
    assert!(unit.seen().plugs[4], "a reboot ends with the plug on");
    assert!(eventually(5.0, || unit.seen().logins == 3));
    let seen = unit.seen();
    assert!(
        seen.commands.contains(&"/boot 5,y".to_string()),
        "{:?}",
        seen.commands
    );
    assert!(!seen.commands.iter().any(|c| c.starts_with("/on 5")));
    assert_eq!(seen.password_tries.len(), 3, "one login per command");
}

/// A wrong password gets the password prompt back: exit 3, and the password was given once
/// even though the profile allows retries.
#[test]
fn a_wrong_password_is_exit_3_and_is_sent_once() {
    let unit = WtiNps::start(8, PASSWORD, Mode::Normal);
    let home = home_at(unit.port, "retries = 3\n");
    let wrong = "not-the-Pw-42";
    let err = fails(
        pd_with(&home, wrong, &["-d", "nps", "status"]),
        3,
        "refused the login",
    );
    assert!(!err.contains(wrong), "{err}");
    let seen = unit.seen();
    assert_eq!(seen.password_tries, [wrong], "sent once");
    assert_eq!(seen.logins, 0);
}

/// A unit that never asks for the password: exit 4, naming the step that waited.
#[test]
fn a_unit_that_never_prompts_is_exit_4_naming_the_step() {
    let unit = WtiNps::start(8, PASSWORD, Mode::NeverPrompts);
    let home = home_at(unit.port, "timeout = 1\nretries = 0\n");
    let err = fails(pd(&home, &["-d", "nps", "status"]), 4, "login step 1");
    assert!(err.contains("word: "), "{err}");
    assert!(err.contains("within 1s"), "{err}");
    assert!(unit.seen().password_tries.is_empty());
}

/// A unit that talks forever without the text a step waits for fills the step's buffer
/// cap, and the session ends there: exit 5, long before the step's timeout, and the unit
/// could only write what the cap and the sockets' buffers hold.
#[test]
fn a_unit_that_streams_forever_hits_the_buffer_cap() {
    let unit = WtiNps::start(8, PASSWORD, Mode::StreamsForever);
    let home = home_at(unit.port, "timeout = 60\nretries = 0\n");
    let err = fails(pd(&home, &["-d", "nps", "status"]), 5, "1 MiB");
    assert!(err.contains("login step 1"), "{err}");
    let streamed = unit.seen().streamed;
    assert!(
        streamed < 64 * 1024 * 1024,
        "the unit wrote {streamed} bytes: the client kept reading"
    );
}

/// `-v` traces every step, and the password shows in none of them: the send shows
/// `********`.
#[test]
fn verbose_traces_never_show_the_password() {
    let unit = WtiNps::start(8, PASSWORD, Mode::Normal);
    let home = home_at(unit.port, "");
    let out = pd(&home, &["-v", "on", "nps:2"]).output().unwrap();
    assert!(out.status.success(), "{out:?}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("login step 2: send \"********\\r\\n\""),
        "{stderr}"
    );
    assert!(
        stderr.contains("state.write step 1: send \"/on 2,y\\r\\n\""),
        "{stderr}"
    );
    assert!(!stderr.contains(PASSWORD), "{stderr}");
    assert!(!String::from_utf8_lossy(&out.stdout).contains(PASSWORD));
    assert!(unit.seen().plugs[1]);
}

/// `drivers list` shows the built-in with what it was tested against, and `drivers check`
/// names a bad step by file, line and column.
#[test]
fn the_built_in_is_listed_and_a_bad_step_is_named_where_it_is() {
    let home = Home::new();
    let list = ok(pd(&home, &["drivers", "list"]));
    assert!(list.contains("wti-nps"), "{list}");
    let text = ok(pd(&home, &["drivers", "show", "wti-nps"]));
    let broken = text.replace("{ expect = \"word: \" }", "{ expect = \"word: (\" }");
    assert_ne!(broken, text);
    let file = home.dir.path().join("bad-nps.toml");
    std::fs::write(&file, &broken).unwrap();
    let line = broken.lines().position(|l| l.contains("word: (")).unwrap() + 1;
    let path = file.to_str().unwrap();
    let err = fails(pd(&home, &["drivers", "check", path]), 2, "is not a regex");
    assert!(err.contains(&format!("{path}:{line}:")), "{err}");
}

/// A relay board speaking lines on raw TCP: no telnet (a 0xFF byte would be data), one
/// connection for the whole command.
#[test]
fn a_raw_tcp_session_reads_and_switches() {
    use std::io::{BufRead, BufReader, Write};
    use std::sync::{Arc, Mutex};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let relays = Arc::new(Mutex::new(vec![false, true, false, false]));
    let lines: Arc<Mutex<Vec<String>>> = Arc::default();
    let (board, heard) = (relays.clone(), lines.clone());
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let mut stream = stream.unwrap();
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            stream.write_all(b"RELAY-4 ready\r\n> ").unwrap();
            let mut line = String::new();
            while reader.read_line(&mut line).unwrap_or(0) > 0 {
                let said = line.trim_end().to_string();
                line.clear();
                heard.lock().unwrap().push(said.clone());
                let answer = match said.split(' ').collect::<Vec<_>>()[..] {
                    ["state"] => {
                        let states = board.lock().unwrap();
                        let words: Vec<String> = states
                            .iter()
                            .enumerate()
                            .map(|(k, on)| format!("R{}={}", k + 1, u8::from(*on)))
                            .collect();
                        format!("{}\r\n", words.join(" "))
                    }
                    ["set", n, v] => {
                        let n: usize = n.parse().unwrap();
                        board.lock().unwrap()[n - 1] = v == "1";
                        "OK\r\n".to_string()
                    }
                    ["bye"] => break,
                    _ => "ERR\r\n".to_string(),
                };
                stream.write_all(answer.as_bytes()).unwrap();
                stream.write_all(b"> ").unwrap();
            }
        }
    });
    let home = Home::new();
    save_driver(
        &home,
        "relay-tcp",
        r#"[driver]
id = "relay-tcp"
transport = "session"
index_base = 1

[session]
connect = "tcp"
login = [{ expect = "> " }]
logout = [{ send = "bye\n" }]

[outlets]
state.read = { pointer = "/state", map = { 1 = true, 0 = false } }
state.write = { steps = [{ send = "set {i} {v:1|0}\n" }, { expect = "OK\r\n> ", refused = "ERR" }] }

[outlets.list]
steps = [{ send = "state\n" }, { expect = "> ", outlets = 'R(\d+)=([01])', fields = { state = 2 } }]
"#,
    );
    home.write_profile(&format!(
        "[devices.board]\ndriver = \"relay-tcp\"\nhost = \"127.0.0.1\"\nport = {port}\ntimeout = 5\n"
    ));
    let names: Vec<(String, String)> = status(&home, "board");
    let states: Vec<&str> = names.iter().map(|(_, s)| s.as_str()).collect();
    assert_eq!(states, ["off", "on", "off", "off"]);
    assert_eq!(names[0].0, "Outlet 1");
    ok(pd(&home, &["on", "board:4"]));
    assert_eq!(*relays.lock().unwrap(), [false, true, false, true]);
    assert!(eventually(5.0, || lines
        .lock()
        .unwrap()
        .last()
        .is_some_and(|l| l == "bye")));
    let heard = lines.lock().unwrap().clone();
    assert!(heard.contains(&"set 4 1".to_string()), "{heard:?}");
    assert!(
        heard.iter().all(|l| !l.contains('\u{fffd}')),
        "no telnet bytes: {heard:?}"
    );
}

/// A local command as the device: a shell script whose stdin and stdout are the
/// conversation; `quit` (the logout) reaches it as the run ends.
#[test]
fn a_local_command_session_reads_and_switches() {
    let home = Home::new();
    let dir = home.dir.path().join("relay");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("states"), "on off off\n").unwrap();
    let script = dir.join("relay.sh");
    std::fs::write(
        &script,
        r#"dir=$(dirname "$0")
printf 'relay> '
while IFS= read -r line; do
  echo "$line" >> "$dir/log"
  case "$line" in
    status) i=1; for s in $(cat "$dir/states"); do echo "relay $i: $s"; i=$((i+1)); done ;;
    "on "*|"off "*)
      awk -v n="${line#* }" -v v="${line%% *}" '{ $n = v; print }' "$dir/states" > "$dir/new"
      mv "$dir/new" "$dir/states"
      echo done ;;
    quit) exit 0 ;;
    *) echo "unknown command" ;;
  esac
  printf 'relay> '
done
"#,
    )
    .unwrap();
    save_driver(
        &home,
        "relay-sh",
        &format!(
            r#"[driver]
id = "relay-sh"
transport = "session"
index_base = 1

[session]
connect = "command"
command = ["sh", "{}"]
login = [{{ expect = "relay> " }}]
logout = [{{ send = "quit\n" }}]

[outlets]
state.read = {{ pointer = "/state", map = {{ on = true, off = false }} }}
state.write = {{ steps = [{{ send = "{{v:on|off}} {{i}}\n" }}, {{ expect = "done", refused = "unknown" }}, {{ expect = "relay> " }}] }}

[outlets.list]
steps = [{{ send = "status\n" }}, {{ expect = "relay> ", outlets = 'relay (\d+): (on|off)', fields = {{ state = 2 }} }}]
"#,
            script.display()
        ),
    );
    home.write_profile(
        "[devices.local]\ndriver = \"relay-sh\"\nhost = \"localhost\"\ntimeout = 5\n",
    );
    let states: Vec<String> = status(&home, "local").into_iter().map(|(_, s)| s).collect();
    assert_eq!(states, ["on", "off", "off"]);
    ok(pd(&home, &["on", "local:3"]));
    assert_eq!(
        std::fs::read_to_string(dir.join("states")).unwrap().trim(),
        "on off on"
    );
    let log = std::fs::read_to_string(dir.join("log")).unwrap();
    assert!(log.contains("on 3\n"), "{log}");
    assert!(
        log.trim_end().ends_with("quit"),
        "the logout reached it: {log}"
    );
    let value: Value = json(&ok(pd(
        &home,
        &["-d", "local", "get", "relay/outlets/2/state"],
    )));
    assert_eq!(value, Value::Bool(true));
}

/// The profile's timeout bounds each expect, whatever it says: one that writes the
/// default's value (10 s) is as given as any other, so the file's own (here 1 s) does not
/// apply; a profile without one gets the file's.
#[test]
fn a_profile_timeout_of_ten_seconds_wins_over_the_files_own() {
    let home = Home::new();
    // A unit that takes 2 s to show its prompt, then lists one relay that is on.
    save_driver(
        &home,
        "slow-prompt",
        r#"[driver]
id = "slow-prompt"
transport = "session"

[session]
connect = "command"
command = ["sh", "-c", "sleep 2; printf '> '; while read -r l; do printf 'R1 1\n> '; done"]
timeout = 1
login = [{ expect = "> " }]

[outlets]
state.read = { pointer = "/state", map = { "1" = true, "0" = false } }

[outlets.list]
steps = [{ send = "state\n" }, { expect = "> ", outlets = 'R(\d+) ([01])', fields = { state = 2 } }]
"#,
    );
    home.write_profile(
        "[devices.given]\ndriver = \"slow-prompt\"\nhost = \"localhost\"\ntimeout = 10\n\n\
         [devices.unset]\ndriver = \"slow-prompt\"\nhost = \"localhost\"\n",
    );
    let states: Vec<String> = status(&home, "given").into_iter().map(|(_, s)| s).collect();
    assert_eq!(states, ["on"]);
    fails(pd(&home, &["-d", "unset", "status"]), 4, "login step 1");
}
