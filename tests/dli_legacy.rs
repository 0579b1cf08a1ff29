//! DLI's legacy web interface in both directions, over real sockets:
//! - the built `pductl` with `protocol = "dli-legacy"` against `pductl sim dli --model lpc7`
//!   (a unit with only that interface) and `pductl sim dli` (REST and the legacy interface
//!   on one port, over one state): reads, writes, cycles, the power verbs, refused logins,
//!   expired sessions;
//! - against hand-written servers that pin what a unit answers, byte for byte: HTTP Basic,
//!   a login page without a Challenge, pages of no known shape, an expired session during a
//!   switch and during a cycle;
//! - the real Python clients (`dlipower` 1.0.176 and labgrid's `digitalloggers_http`) against
//!   `pductl sim dli`, from the test venv scripts/python-clients.sh prepares;
//! - `discover --scan` recognising a legacy unit.

mod common;
use common::*;
use md5::{Digest, Md5};
use serde_json::{json, Value};
use std::io::{Read, Write};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// `pductl --protocol dli-legacy` at `sim` with the admin login.
fn legacy(home: &Home, sim: &Sim, args: &[&str]) -> assert_cmd::Command {
    let mut c = home.at(sim);
    c.args(["--protocol", "dli-legacy"]).args(args);
    c
}

fn legacy_ok(home: &Home, sim: &Sim, args: &[&str]) -> String {
    ok(legacy(home, sim, args))
}

/// `get PATH` over the legacy interface, as JSON.
fn legacy_get(home: &Home, sim: &Sim, path: &str) -> Value {
    json(&legacy_ok(home, sim, &["get", path]))
}

/// `get PATH` over the REST API of the same simulated unit.
fn rest_get(home: &Home, sim: &Sim, path: &str) -> Value {
    json(&home.ok_at(sim, &["get", path]))
}

/// One raw request to `addr`, the whole answer as the server sent it (read to the close).
fn raw(addr: &str, request: &str) -> String {
    let mut stream = std::net::TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    stream.write_all(request.as_bytes()).unwrap();
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).unwrap();
    String::from_utf8_lossy(&answer).into_owned()
}

/// The value of the hidden Challenge input of a login page.
fn challenge_of(page: &str) -> String {
    let at = page
        .find("NAME=\"Challenge\" VALUE=\"")
        .expect("a Challenge")
        + 24;
    page[at..].split('"').next().unwrap().to_string()
}

#[test]
fn an_lpc7_is_read_switched_and_cycled_through_its_pages() {
    let sim = Sim::dli(&["--model", "lpc7", "--outlets", "8"]);
    let home = Home::new();
    let outlets = legacy_get(&home, &sim, "relay/outlets");
    let outlets = outlets.as_array().unwrap();
    assert_eq!(outlets.len(), 8);
    assert_eq!(
        outlets[2],
        json!({"name": "Outlet 3", "state": false, "physical_state": false, "locked": false})
    );
    assert_eq!(
        legacy_get(&home, &sim, "relay/version"),
        json!("1.8.4"),
        "the footer's firmware version"
    );

    // Writes of a selection, read back from the page; one page read answers a matrix.
    assert_eq!(
        legacy_ok(&home, &sim, &["set", "relay/outlets/=0,2/state", "true"]),
        ""
    );
    assert_eq!(
        legacy_get(&home, &sim, "relay/outlets/all;/physical_state"),
        json!([true, false, true, false, false, false, false, false])
    );
    assert_eq!(
        legacy_get(&home, &sim, "relay/outlets/=0,2/=name,state"),
        json!(["Outlet 1", true, "Outlet 3", true])
    );
    legacy_ok(&home, &sim, &["set", "relay/outlets/0/state", "false"]);
    assert_eq!(
        legacy_get(&home, &sim, "relay/outlets/0/state"),
        json!(false)
    );

    // The unit's own cycle: off at once, on again after its cycle delay (2 s).
    legacy_ok(&home, &sim, &["invoke", "relay/outlets/2/cycle"]);
    assert_eq!(
        legacy_get(&home, &sim, "relay/outlets/2/physical_state"),
        json!(false)
    );
    assert!(eventually(6.0, || legacy_get(
        &home,
        &sim,
        "relay/outlets/2/physical_state"
    ) == json!(true)));

    // What the legacy interface does not have.
    fails(
        legacy(&home, &sim, &["set", "relay/outlets/0/name", "\"x\""]),
        8,
        "not supported by dli-legacy",
    );
    fails(
        legacy(&home, &sim, &["get", "config/serial"]),
        8,
        "not supported by dli-legacy",
    );
    fails(
        legacy(&home, &sim, &["invoke", "relay/outlets/0/cycle", "5"]),
        2,
        "takes no arguments",
    );
    fails(
        legacy(&home, &sim, &["get", "relay/outlets/8/state"]),
        1,
        "outlets 1-8",
    );
    // An LPC7 predates the REST API.
    let mut c = home.at(&sim);
    c.args(["get", "relay/name"]);
    fails(c, 1, "404");
}

#[test]
fn rest_and_the_legacy_pages_show_one_state() {
    let sim = Sim::dli(&["--outlets", "4"]);
    let home = Home::new();
    home.ok_at(&sim, &["set", "relay/outlets/1/state", "true"]);
    home.ok_at(
        &sim,
        &["set", "relay/outlets/3/name", "\"DUT <power> & co\""],
    );
    let outlets = legacy_get(&home, &sim, "relay/outlets");
    assert_eq!(outlets[1]["state"], json!(true));
    assert_eq!(outlets[3]["name"], json!("DUT <power> & co"));

    legacy_ok(&home, &sim, &["set", "relay/outlets/2/state", "true"]);
    assert_eq!(rest_get(&home, &sim, "relay/outlets/2/state"), json!(true));
    legacy_ok(&home, &sim, &["invoke", "relay/outlets/1/cycle"]);
    assert_eq!(
        rest_get(&home, &sim, "relay/outlets/1/physical_state"),
        json!(false),
        "the cycle is the unit's own: its relay goes off"
    );

    // A locked outlet is refused before anything is sent, and the page says it is locked.
    home.ok_at(&sim, &["set", "relay/outlets/0/locked", "true"]);
    assert_eq!(
        legacy_get(&home, &sim, "relay/outlets/0/locked"),
        json!(true)
    );
    fails(
        legacy(&home, &sim, &["set", "relay/outlets/0/state", "true"]),
        1,
        "locked",
    );
    assert_eq!(rest_get(&home, &sim, "relay/outlets/0/state"), json!(false));
}

#[test]
fn the_power_verbs_work_over_the_legacy_interface() {
    for model in ["lpc7", "rest"] {
        let sim = Sim::dli(&["--model", model, "--outlets", "4"]);
        let home = Home::new();
        home.write_profile(&format!(
            "[devices.old]\nprotocol = \"dli-legacy\"\nhost = \"127.0.0.1\"\nport = {}\n\
             password_env = \"{PASSWORD_VAR}\"\ntimeout = 5\n",
            sim.port()
        ));
        let run = |args: &[&str]| {
            let mut c = home.cmd();
            c.env(PASSWORD_VAR, "1234").args(args);
            ok(c)
        };
        assert_eq!(
            run(&["on", "old:1-2"]),
            "old:1 (Outlet 1): on\nold:2 (Outlet 2): on\n",
            "{model}"
        );
        assert_eq!(run(&["on", "old:1"]), "old:1 (Outlet 1): already on\n");
        let status = json(&run(&["-o", "json", "status", "old:all"]));
        let states: Vec<&Value> = status
            .as_array()
            .unwrap()
            .iter()
            .map(|r| &r["state"])
            .collect();
        assert_eq!(
            states,
            [&json!("on"), &json!("on"), &json!("off"), &json!("off")]
        );
        // The unit's own cycle, one request, watched until the outlet is back on.
        let started = Instant::now();
        let r = json(&run(&["-o", "json", "cycle", "old:2"]));
        assert_eq!(
            (&r[0]["cycle"], &r[0]["after"], &r[0]["verified"]),
            (&json!("device"), &json!("on"), &json!(true)),
            "{model}: {r}"
        );
        assert_eq!(r[0]["attempts"], json!(1));
        assert!(
            started.elapsed() >= Duration::from_secs(2),
            "waited for the unit's 2 s cycle"
        );
        assert_eq!(run(&["off", "old:1"]), "old:1 (Outlet 1): off\n");
        assert_eq!(run(&["toggle", "old:3"]), "old:3 (Outlet 3): on\n");
        // With an off time of its own, a cycle is off, wait, on.
        let r = json(&run(&["-o", "json", "cycle", "old:3", "--off-time", "0.2"]));
        assert_eq!(r[0]["cycle"], json!("off-on"), "{r}");
        let dry = run(&["--dry-run", "on", "old:4"]);
        assert!(dry.contains("GET /outlet?4=ON"), "{dry}");
    }
}

#[test]
fn a_refused_login_is_exit_3_and_the_password_is_sent_once() {
    let sim = Sim::dli(&["--model", "lpc7"]);
    let home = Home::new();
    let mut c = legacy(&home, &sim, &["-v", "get", "relay/outlets/all;/state"]);
    c.env(PASSWORD_VAR, "not-the-password");
    let (code, stdout, stderr) = run(c);
    assert_eq!(code, 3, "{stderr}");
    assert_eq!(stdout, "");
    assert!(stderr.contains("refused the login"), "{stderr}");
    assert!(!stderr.contains("not-the-password"), "{stderr}");
    assert_eq!(
        stderr.matches("POST /login.tgi").count(),
        1,
        "one login attempt per run: {stderr}"
    );
    // Two failed logins do not lock the account out (the third would): the right password
    // still works.
    let mut c = legacy(&home, &sim, &["get", "relay/outlets/0/state"]);
    c.env(PASSWORD_VAR, "wrong again");
    fails(c, 3, "refused the login");
    assert_eq!(
        legacy_get(&home, &sim, "relay/outlets/0/state"),
        json!(false)
    );

    // Three failed logins in a row lock the account out, right password or not, and the
    // unit's form says so.
    for _ in 0..3 {
        let mut c = legacy(&home, &sim, &["get", "relay/outlets"]);
        c.env(PASSWORD_VAR, "wrong");
        fails(c, 3, "refused the login");
    }
    fails(
        legacy(&home, &sim, &["get", "relay/outlets"]),
        3,
        "has locked out 'admin'",
    );

    // No password at all: said so, nothing posted.
    let mut c = home.cmd();
    c.args([
        "--protocol",
        "dli-legacy",
        "--host",
        "127.0.0.1",
        "--port",
        sim.port(),
        "get",
        "relay/outlets",
    ]);
    fails(c, 3, "none was given");
}

#[test]
fn an_expired_session_is_logged_in_again() {
    let sim = Sim::dli(&["--outlets", "2"]);
    let home = Home::new();
    // Sessions that expire after one idle second.
    home.ok_at(&sim, &["set", "auth/cookie_timeout", "1"]);
    let mut child = home
        .std_cmd()
        .env(PASSWORD_VAR, "1234")
        .args([
            "--protocol",
            "dli-legacy",
            "--host",
            "127.0.0.1",
            "--port",
            sim.port(),
            "--password-env",
            PASSWORD_VAR,
            "-v",
            "subscribe",
            "relay/outlets/0/state",
            "--interval",
            "1.5",
            "--count",
            "1",
        ])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(3500));
    home.ok_at(&sim, &["set", "relay/outlets/0/state", "true"]);
    let deadline = Instant::now() + Duration::from_secs(20);
    while child.try_wait().unwrap().is_none() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(100));
    }
    let _ = child.kill();
    let out = child.wait_with_output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stdout}\n{stderr}");
    assert!(stdout.contains("true"), "{stdout}");
    assert!(
        stderr.matches("POST /login.tgi").count() >= 2,
        "logged in again after the session expired: {stderr}"
    );

    // A unit whose sessions expire at once: one new login per request, then the error.
    home.ok_at(&sim, &["set", "auth/cookie_timeout", "0"]);
    fails(
        legacy(&home, &sim, &["get", "relay/outlets"]),
        3,
        "login page again right after a login it accepted",
    );
}

#[test]
fn a_write_the_page_does_not_show_is_not_taken_for_done() {
    // The unit answers every `outlet?` with the same page; its relays never move.
    let sim = Sim::dli(&["--outlets", "2", "--fault", "stuck-relay"]);
    let home = Home::new();
    fails(
        legacy(&home, &sim, &["set", "relay/outlets/1/state", "true"]),
        1,
        "still shows outlet 2 OFF",
    );
}

#[test]
fn a_user_sees_and_switches_only_the_outlets_they_may() {
    let sim = Sim::dli(&["--outlets", "3"]);
    let home = Home::new();
    home.ok_at(
        &sim,
        &[
            "insert",
            "auth/users/-",
            r#"{"name": "bob", "password": "pw", "outlet_access": [false, true, false]}"#,
        ],
    );
    let mut c = home.cmd();
    c.args([
        "--protocol",
        "dli-legacy",
        "--host",
        "127.0.0.1",
        "--port",
        sim.port(),
        "--user",
        "bob",
        "--password-env",
        PASSWORD_VAR,
        "get",
        "relay/outlets",
    ])
    .env(PASSWORD_VAR, "pw");
    let outlets = json(&ok(c));
    assert_eq!(outlets[0], Value::Null);
    assert_eq!(outlets[1]["name"], json!("Outlet 2"));
    assert_eq!(outlets.as_array().unwrap().len(), 2);
}

#[test]
fn pages_come_as_the_captured_units_send_them() {
    let lpc7 = Sim::dli(&["--model", "lpc7"]);
    let wifi = Sim::dli(&[]);
    for (sim, chars, cookie_cleared) in [(&lpc7, 15, true), (&wifi, 16, false)] {
        let answer = raw(
            &sim.addr,
            "GET / HTTP/1.1\r\nHost: unit\r\nConnection: keep-alive\r\n\r\n",
        );
        let (head, body) = answer.split_once("\r\n\r\n").unwrap();
        let head = head.to_ascii_lowercase();
        assert!(head.starts_with("http/1.0 200"), "{head}");
        // No length: the page ends when the connection closes (read_to_end got it all).
        assert!(!head.contains("content-length"), "{head}");
        assert!(!head.contains("transfer-encoding"), "{head}");
        assert!(body.trim_end().ends_with("</html>"), "{body}");
        assert!(body.contains("ACTION=\"/login.tgi\""), "{body}");
        assert_eq!(challenge_of(body).len(), chars);
        assert_eq!(head.contains("set-cookie: dlilpc=\"\""), cookie_cleared);

        // The form login by hand: md5(Challenge + user + password + Challenge).
        let challenge = challenge_of(body);
        let answer = format!(
            "{:x}",
            Md5::digest(format!("{challenge}admin1234{challenge}").as_bytes())
        );
        let form = format!("Username=admin&Password={answer}");
        let reply = raw(
            &sim.addr,
            &format!(
                "POST /login.tgi HTTP/1.1\r\nHost: unit\r\nContent-Type: \
                 application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n{form}",
                form.len()
            ),
        );
        assert!(reply.starts_with("HTTP/1.0 200"), "{reply}");
        assert!(reply.contains("URL=/index.htm"), "{reply}");
        let cookie = reply
            .lines()
            .find_map(|l| l.strip_prefix("set-cookie: "))
            .expect("a session cookie")
            .split(';')
            .next()
            .unwrap()
            .to_string();
        assert!(cookie.starts_with("DLILPC=\""), "{cookie}");
        assert_eq!(cookie.len(), "DLILPC=\"\"".len() + chars);

        let page = raw(
            &sim.addr,
            &format!("GET /index.htm HTTP/1.1\r\nHost: unit\r\nCookie: {cookie}\r\n\r\n"),
        );
        assert!(page.contains("<!-- state=00 lock=00 -->"), "{page}");
        assert!(page.contains("href=outlet?1=ON") || page.contains("href=\"outlet?1=ON\""));
        // An LPC7 sends its session cookie with every page.
        assert_eq!(
            page.contains(&format!("set-cookie: {cookie}")),
            cookie_cleared
        );
        let command = raw(
            &sim.addr,
            &format!("GET /outlet?1=ON HTTP/1.1\r\nHost: unit\r\nCookie: {cookie}\r\n\r\n"),
        );
        assert!(
            command.starts_with("HTTP/1.0 200"),
            "a meta refresh, not a redirect"
        );
        assert!(command.contains("URL=/index.htm"), "{command}");
        let status = raw(
            &sim.addr,
            &format!("GET /status HTTP/1.1\r\nHost: unit\r\nCookie: {cookie}\r\n\r\n"),
        );
        assert!(status.contains("<div id=\"state\">01</div>"), "{status}");
        // Without a session: the login form again.
        let page = raw(&sim.addr, "GET /index.htm HTTP/1.1\r\nHost: unit\r\n\r\n");
        assert!(page.contains("login.tgi"), "{page}");
    }
}

// ----- hand-written units ------------------------------------------------------------------

/// A login form with challenge `c`.
fn login_form(challenge: &str) -> String {
    format!(
        "<html><head><title>Power Controller </title></head><body><form name=login \
         action=\"/login.tgi\" method=post><input type=hidden name=\"Challenge\" \
         value=\"{challenge}\"><input name=Username><input type=password name=Password>\
         </form></body></html>"
    )
}

/// An outlet page with `n` outlets, outlet 1 on.
fn outlet_page(n: usize) -> String {
    let mut rows = String::new();
    for i in 1..=n {
        let word = if i == 1 { "ON" } else { "OFF" };
        rows.push_str(&format!(
            "<tr><td>{i}</td><td>Port {i}</td><td><font>{word}</font></td><td>\
             <a href=outlet?{i}=ON>on</a></td><td></td></tr>"
        ));
    }
    format!(
        "<html><head><title>Outlet Control - Bench</title></head><!-- state=01 lock=00 -->\
         <body><table>{rows}</table></body></html>"
    )
}

/// A page answer that ends when the connection closes, as the units send them.
fn closing(status: &str, headers: &[&str], body: &str) -> String {
    let mut text = format!("HTTP/1.0 {status}\r\nContent-Type: text/html\r\n");
    for h in headers {
        text.push_str(h);
        text.push_str("\r\n");
    }
    text.push_str("Connection: close\r\n\r\n");
    text.push_str(body);
    text
}

#[test]
fn a_unit_that_asks_for_basic_gets_basic() {
    let server = RawServer::start(|r| {
        if r.header("authorization") != Some("Basic YWRtaW46MTIzNA==") {
            return closing(
                "401 Unauthorized",
                &["WWW-Authenticate: Basic realm=\"LPC\""],
                "",
            );
        }
        closing("200 OK", &[], &outlet_page(2))
    });
    let home = Home::new();
    let mut c = server.pductl(&home, "1234");
    c.args(["--protocol", "dli-legacy", "get", "relay/outlets/0"]);
    assert_eq!(
        json(&ok(c)),
        json!({"name": "Port 1", "state": true, "physical_state": true, "locked": false})
    );
    let requests = server.requests();
    assert_eq!(requests[0].uri, "/");
    assert!(requests.iter().all(|r| r.uri != "/login.tgi"));

    let mut c = server.pductl(&home, "wrong");
    c.args(["--protocol", "dli-legacy", "get", "relay/outlets"]);
    fails(c, 3, "rejected the user name or password");
}

/// What a hand-written unit answers a request.
type Handler = fn(&RawRequest) -> String;

#[test]
fn a_unit_without_login_and_without_states_in_its_table_is_read_through_status() {
    // `/` is the outlet page itself: no login. Its rows say nothing of the states, and
    // there is no bitmask comment: `/status` has them.
    let page = "<html><head><title>Outlet Control - Open</title></head><body><table>\
        <tr><td>1</td><td>A</td><td><a href=outlet?1=ON>Switch ON</a></td></tr>\
        <tr><td>2</td><td>B</td><td><a href=outlet?2=OFF>Switch OFF</a></td></tr>\
        </table></body></html>";
    let server = RawServer::start(move |r| match r.uri.as_str() {
        "/status" => closing(
            "200 OK",
            &[],
            "<div id=\"state\">02</div><div id=\"lock\">01</div><div id=\"perm\">03</div>",
        ),
        _ => closing("200 OK", &[], page),
    });
    let home = Home::new();
    let mut c = server.pductl(&home, "1234");
    c.args(["--protocol", "dli-legacy", "get", "relay"]);
    assert_eq!(
        json(&ok(c)),
        json!({"name": "Open", "outlets": [
            {"name": "A", "state": false, "physical_state": false, "locked": true},
            {"name": "B", "state": true, "physical_state": true, "locked": false},
        ]})
    );
    assert!(server
        .requests()
        .iter()
        .all(|r| r.header("authorization").is_none()));
}

#[test]
fn bad_login_pages_and_bad_outlet_pages_are_exit_5() {
    let cases: [(&str, Handler, &str); 4] = [
        (
            "no challenge",
            |_| {
                closing(
                    "200 OK",
                    &[],
                    "<form action=/login.tgi><input name=Username></form>",
                )
            },
            "has no Challenge",
        ),
        (
            "unknown page",
            |r| match r.uri.as_str() {
                "/" => closing("200 OK", &[], &login_form("abc")),
                "/login.tgi" => closing("200 OK", &["Set-Cookie: DLILPC=\"s1\"; Path=/"], "ok"),
                _ => closing("200 OK", &[], "<html><body>Welcome</body></html>"),
            },
            "no known page shape",
        ),
        (
            "huge bitmask",
            |r| match r.uri.as_str() {
                "/" => closing("200 OK", &[], &login_form("abc")),
                "/login.tgi" => closing("200 OK", &["Set-Cookie: DLILPC=\"s1\"; Path=/"], "ok"),
                _ => closing(
                    "200 OK",
                    &[],
                    &outlet_page(2).replace("state=01", &format!("state=1{}", "0".repeat(250_000))),
                ),
            },
            "at most 1024",
        ),
        (
            "huge outlet number",
            |r| match r.uri.as_str() {
                "/" => closing("200 OK", &[], &login_form("abc")),
                "/login.tgi" => closing("200 OK", &["Set-Cookie: DLILPC=\"s1\"; Path=/"], "ok"),
                _ => closing(
                    "200 OK",
                    &[],
                    "<table><tr><td>1000000</td><td>x</td><td>ON</td></tr></table>",
                ),
            },
            "at most 1024",
        ),
    ];
    for (what, handler, needle) in cases {
        let server = RawServer::start(handler);
        let home = Home::new();
        let mut c = server.pductl(&home, "1234");
        c.args(["--protocol", "dli-legacy", "get", "relay/outlets"]);
        let line = fails(c, 5, needle);
        assert!(!line.contains("1234"), "{what}: {line}");
    }
}

/// A unit whose session expires once: the `nth` request for `/outlet` (counting from 1)
/// gets the login form instead of the meta refresh.
fn expiring_unit(outlet_answers_login: usize) -> (RawServer, Arc<AtomicUsize>) {
    let outlets = Arc::new(AtomicUsize::new(0));
    let seen = outlets.clone();
    let server = RawServer::start(move |r| {
        let cookie = r.header("cookie").unwrap_or("");
        match r.uri.as_str() {
            "/" => closing("200 OK", &[], &login_form("chal")),
            "/login.tgi" => {
                let n = r.body.len();
                closing(
                    "200 OK",
                    &[&format!("Set-Cookie: DLILPC=\"s{n}\"; Version=1; Path=/")],
                    "<META HTTP-EQUIV=\"refresh\" content=\"0; URL=/index.htm\">",
                )
            }
            u if u.starts_with("/outlet?") => {
                let count = seen.fetch_add(1, Ordering::SeqCst) + 1;
                if count == outlet_answers_login || cookie.is_empty() {
                    closing("200 OK", &[], &login_form("chal2"))
                } else {
                    closing("200 OK", &[], "<META HTTP-EQUIV=\"refresh\" content=\"0\">")
                }
            }
            _ if cookie.is_empty() => closing("200 OK", &[], &login_form("chal3")),
            _ => closing("200 OK", &[], &outlet_page(2)),
        }
    });
    (server, outlets)
}

#[test]
fn a_switch_in_an_expired_session_is_repeated_after_logging_in_again() {
    let (server, outlet_requests) = expiring_unit(1);
    let home = Home::new();
    let mut c = server.pductl(&home, "1234");
    // Outlet 1 already reads on (the page is fixed): the switch is repeated, then read back.
    c.args([
        "--protocol",
        "dli-legacy",
        "set",
        "relay/outlets/0/state",
        "true",
    ]);
    ok(c);
    assert_eq!(outlet_requests.load(Ordering::SeqCst), 2, "repeated once");
    let requests = server.requests();
    let logins = requests.iter().filter(|r| r.uri == "/login.tgi").count();
    assert_eq!(logins, 2, "logged in again once");
    // The session cookie goes back as the unit set it, quotes kept.
    let outlet = requests
        .iter()
        .rfind(|r| r.uri.starts_with("/outlet?"))
        .unwrap();
    assert!(
        outlet.header("cookie").unwrap().starts_with("DLILPC=\"s"),
        "{:?}",
        outlet.header("cookie")
    );
    assert_eq!(outlet.uri, "/outlet?1=ON");
}

#[test]
fn a_cycle_in_an_expired_session_is_never_sent_twice() {
    let (server, outlet_requests) = expiring_unit(1);
    let home = Home::new();
    let mut c = server.pductl(&home, "1234");
    c.args([
        "--protocol",
        "dli-legacy",
        "invoke",
        "relay/outlets/0/cycle",
    ]);
    fails(c, 1, "not sent again");
    assert_eq!(outlet_requests.load(Ordering::SeqCst), 1);
    let cycle = server
        .requests()
        .into_iter()
        .filter(|r| r.uri == "/outlet?1=CCL")
        .count();
    assert_eq!(cycle, 1);
}

// ----- the real Python clients -------------------------------------------------------------

/// Runs tests/dli_legacy_clients.py with `args`: (success, the JSON it printed, stderr).
fn client(python: &str, args: &[&str]) -> (bool, Value, String) {
    let home = tempfile::tempdir().unwrap();
    let out = std::process::Command::new(python)
        .arg(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/dli_legacy_clients.py"
        ))
        .args(args)
        .env("HOME", home.path())
        .env("NO_PROXY", "127.0.0.1,localhost")
        .env_remove("HTTP_PROXY")
        .env_remove("http_proxy")
        .output()
        .expect("run python");
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let value = serde_json::from_str(stdout.trim()).unwrap_or(Value::Null);
    (out.status.success(), value, stderr)
}

fn client_ok(python: &str, args: &[&str]) -> Value {
    let (success, value, stderr) = client(python, args);
    assert!(success, "{args:?}: {stderr}");
    value
}

#[test]
fn dlipower_drives_the_simulator_unchanged() {
    let Some(python) = test_python("dlipower and labgrid") else {
        return;
    };
    let sim = Sim::dli(&[]);
    let home = Home::new();
    home.ok_at(&sim, &["set", "relay/outlets/1/name", "\"Router\""]);
    home.ok_at(&sim, &["set", "relay/outlets/4/state", "true"]);
    let status = client_ok(&python, &["dlipower", &sim.addr, "1234", "status"]);
    assert_eq!(status["secure_login"], json!(true));
    let outlets = status["outlets"].as_array().unwrap();
    assert_eq!(outlets.len(), 8);
    assert_eq!(outlets[1], json!([2, "Router", "OFF"]));
    assert_eq!(outlets[4], json!([5, "Outlet 5", "ON"]));

    // on() and off() return False on success.
    let on = client_ok(&python, &["dlipower", &sim.addr, "1234", "on", "3"]);
    assert_eq!(on, json!({"failed": false, "status": "ON"}));
    assert_eq!(rest_get(&home, &sim, "relay/outlets/2/state"), json!(true));
    let off = client_ok(&python, &["dlipower", &sim.addr, "1234", "off", "5"]);
    assert_eq!(off, json!({"failed": false, "status": "OFF"}));
    assert_eq!(rest_get(&home, &sim, "relay/outlets/4/state"), json!(false));
    // dlipower's cycle is OFF, a pause, ON.
    let cycle = client_ok(&python, &["dlipower", &sim.addr, "1234", "cycle", "3"]);
    assert_eq!(cycle, json!({"failed": false, "status": "ON"}));
    // What pductl wrote over the legacy interface, dlipower reads.
    legacy_ok(&home, &sim, &["set", "relay/outlets/7/state", "true"]);
    let status = client_ok(&python, &["dlipower", &sim.addr, "1234", "status"]);
    assert_eq!(status["outlets"][7], json!([8, "Outlet 8", "ON"]));

    // A wrong password: the unit answers the form again, and dlipower finds no outlets.
    let status = client_ok(&python, &["dlipower", &sim.addr, "nope", "status"]);
    assert_eq!(status["outlets"], Value::Null);
}

#[test]
fn labgrids_backend_drives_the_simulator_unchanged() {
    let Some(python) = test_python("dlipower and labgrid") else {
        return;
    };
    let sim = Sim::dli(&["--outlets", "4"]);
    let home = Home::new();
    let host = format!("http://admin:1234@{}", sim.addr);
    // labgrid sends Basic credentials: refused while plaintext logins are off.
    let (success, _, stderr) = client(&python, &["labgrid", &host, "on", "2"]);
    assert!(!success, "Basic refused while plaintext logins are off");
    assert!(stderr.contains("403"), "{stderr}");
    assert_eq!(rest_get(&home, &sim, "relay/outlets/1/state"), json!(false));

    home.ok_at(&sim, &["set", "config/allow_plaintext_logins", "true"]);
    assert_eq!(
        client_ok(&python, &["labgrid", &host, "on", "2"]),
        Value::Null
    );
    assert_eq!(rest_get(&home, &sim, "relay/outlets/1/state"), json!(true));
    assert_eq!(
        client_ok(&python, &["labgrid", &host, "get", "2"]),
        json!(true)
    );
    assert_eq!(
        client_ok(&python, &["labgrid", &host, "get", "1"]),
        json!(false)
    );
    home.ok_at(&sim, &["set", "relay/outlets/3/state", "true"]);
    assert_eq!(
        client_ok(&python, &["labgrid", &host, "get", "4"]),
        json!(true)
    );
    client_ok(&python, &["labgrid", &host, "off", "2"]);
    assert_eq!(rest_get(&home, &sim, "relay/outlets/1/state"), json!(false));
    assert_eq!(
        legacy_get(&home, &sim, "relay/outlets/1/state"),
        json!(false)
    );

    // A wrong password is an HTTP error to labgrid, not a silent success.
    let wrong = format!("http://admin:nope@{}", sim.addr);
    let (success, _, stderr) = client(&python, &["labgrid", &wrong, "on", "1"]);
    assert!(!success && stderr.contains("401"), "{stderr}");
}

#[test]
fn labgrid_drives_an_lpc7_without_any_setting() {
    let Some(python) = test_python("dlipower and labgrid") else {
        return;
    };
    let sim = Sim::dli(&["--model", "lpc7"]);
    let host = format!("http://admin:1234@{}", sim.addr);
    client_ok(&python, &["labgrid", &host, "on", "8"]);
    assert_eq!(
        client_ok(&python, &["labgrid", &host, "get", "8"]),
        json!(true)
    );
    let home = Home::new();
    assert_eq!(
        legacy_get(&home, &sim, "relay/outlets/7/state"),
        json!(true)
    );
}

// ----- discover ----------------------------------------------------------------------------

#[test]
fn a_scan_recognises_a_legacy_unit_and_save_makes_it_usable() {
    let sim = Sim::dli(&["--model", "lpc7", "--outlets", "4"]);
    let home = Home::new();
    let mut c = home.cmd();
    c.args([
        "discover",
        "-o",
        "json",
        "--scan",
        "127.0.0.1/32",
        "--scan-ports",
        sim.port(),
        "--save",
    ]);
    let found = json(&ok(c));
    assert_eq!(found.as_array().unwrap().len(), 1, "{found}");
    assert_eq!(
        (
            &found[0]["protocol"],
            &found[0]["name"],
            &found[0]["firmware"]
        ),
        (
            &json!("dli-legacy"),
            &json!("DLI Controller"),
            &json!("1.8.4")
        )
    );
    let mut c = home.cmd();
    c.args([
        "-d",
        "dli-controller",
        "--password-env",
        PASSWORD_VAR,
        "get",
        "relay/outlets/3/name",
    ])
    .env(PASSWORD_VAR, "1234");
    assert_eq!(json(&ok(c)), json!("Outlet 4"));
}
