//! X-text built-in drivers (issue 25, group 1B): `kmtronic-lan`, `epowerswitch`,
//! `synaccess`, `dingtian`, `gude-legacy`, `aviosys-http`, `devantech-eth` each drive a device written here
//! from the facts in protocols/drivers-2.md (not from the driver file), on the tests' own
//! HTTP server. Each test checks at the device what pductl did, and what a user sees: a
//! refused password is exit 3, a malformed answer or one over 1 MiB exit 5.

mod common;
use common::http_device::*;
use common::*;
use serde_json::json;
use std::sync::{Arc, Mutex};

/// What a device sends instead of its status, when a test asks it to.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Normal,
    /// A page without the status (a firmware that changed its page, an error page).
    Malformed,
    /// The status after more than 1 MiB of padding.
    Huge,
}

/// A relay board: its relays (relay 1 first) and how it answers.
struct Board {
    relays: Vec<bool>,
    mode: Mode,
}

type Shared = Arc<Mutex<Board>>;

fn board(relays: &[bool]) -> Shared {
    Arc::new(Mutex::new(Board {
        relays: relays.to_vec(),
        mode: Mode::Normal,
    }))
}

fn relays(b: &Shared) -> Vec<bool> {
    b.lock().unwrap().relays.clone()
}

fn set_mode(b: &Shared, mode: Mode) {
    b.lock().unwrap().mode = mode;
}

/// A status page as the board's mode has it: `page` itself, a page without it, or `page`
/// after 1.5 MiB of white space.
fn status_page(mode: Mode, page: String) -> String {
    let body = match mode {
        Mode::Normal => page,
        Mode::Malformed => "<html><body>Please wait...</body></html>".to_string(),
        Mode::Huge => format!("{}{page}", " ".repeat(3 * 512 * 1024)),
    };
    http_answer("200 OK", &["Content-Type: text/html"], &body)
}

fn bit(on: bool) -> char {
    if on {
        '1'
    } else {
        '0'
    }
}

fn basic(user: &str, password: &str) -> String {
    use base64::Engine;
    let token = base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"));
    format!("Basic {token}")
}

/// A home whose profile names one device `dev` driven by `driver` at `port`, with user
/// `admin` and the password from the test's environment.
fn home_with(driver: &str, port: u16) -> Home {
    driver_home(
        driver,
        port,
        &format!("retries = 0\nuser = \"admin\"\npassword_env = \"{PASSWORD_VAR}\"\n"),
    )
}

fn states(home: &Home, password: &str) -> serde_json::Value {
    json(&ok(pd_with(
        home,
        password,
        &["-d", "dev", "get", "relay/outlets/all;/state"],
    )))
}

/// What every board's test checks besides its own writes: a refused password (exit 3), a
/// malformed status (exit 5) and one over 1 MiB (exit 5), with the board left as it was.
fn refuses_bad_passwords_and_bad_answers(home: &Home, board: &Shared, password: &str) {
    let before = relays(board);
    fails(pd_with(home, "wrong", &["on", "dev:1"]), 3, "");
    set_mode(board, Mode::Malformed);
    fails(pd_with(home, password, &["status", "dev:all"]), 5, "");
    set_mode(board, Mode::Huge);
    fails(pd_with(home, password, &["status", "dev:all"]), 5, "1 MiB");
    set_mode(board, Mode::Normal);
    assert_eq!(
        relays(board),
        before,
        "nothing switched on a refused request"
    );
}

// ---------------------------------------------------------------------------------------
// KMtronic LAN relay board (drivers-2.md B16): GET /relays.cgi has a line `Status: 0 1 0
// ...`; GET /FF0<i>01 on, /FF0<i>00 off; Basic auth.

fn kmtronic(password: &'static str) -> (RawServer, Shared) {
    let b = board(&[false, true, false, false, false, false, false, true]);
    let shared = b.clone();
    let server = RawServer::start(move |r| {
        if r.header("authorization") != Some(&basic("admin", password)[..]) {
            return basic_challenge();
        }
        let mut b = shared.lock().unwrap();
        let (path, _, _) = split_uri(&r.uri);
        if let Some(cmd) = path.strip_prefix("/FF0") {
            // FF0 <relay> 0 <1|0>
            let (relay, value) = cmd.split_at(1);
            let relay: usize = relay.parse().unwrap_or(99);
            match (b.relays.get_mut(relay.wrapping_sub(1)), value) {
                (Some(r), "01") => *r = true,
                (Some(r), "00") => *r = false,
                _ => return http_answer("404 Not Found", &[], ""),
            }
            return http_answer("200 OK", &[], "");
        }
        if path != "/relays.cgi" {
            return http_answer("404 Not Found", &[], "");
        }
        let states: Vec<String> = b.relays.iter().map(|&on| bit(on).to_string()).collect();
        status_page(
            b.mode,
            format!(
                "<html><head><title>Relays</title></head><body>\r\nStatus: {}\r\n</body></html>",
                states.join(" ")
            ),
        )
    });
    (server, b)
}

#[test]
fn kmtronic_lan_switches_its_relays() {
    let (server, b) = kmtronic("km-pass");
    let home = home_with("kmtronic-lan", server.port);
    assert_eq!(
        states(&home, "km-pass"),
        json!([false, true, false, false, false, false, false, true])
    );
    assert_eq!(
        ok(pd_with(&home, "km-pass", &["on", "dev:3"])),
        "dev:3 (Outlet 3): on\n"
    );
    assert_eq!(
        ok(pd_with(&home, "km-pass", &["off", "dev:8"])),
        "dev:8 (Outlet 8): off\n"
    );
    assert_eq!(
        relays(&b),
        [false, true, true, false, false, false, false, false]
    );
    let uris: Vec<String> = server.requests().iter().map(|r| r.uri.clone()).collect();
    assert!(uris.iter().any(|u| u == "/FF0301"), "{uris:?}");
    assert!(uris.iter().any(|u| u == "/FF0800"), "{uris:?}");
    refuses_bad_passwords_and_bad_answers(&home, &b, "km-pass");
}

// ---------------------------------------------------------------------------------------
// Neol ePowerSwitch 8M+ (drivers-2.md B14): GET /hidden.htm answers `P01=1<br>...`; the
// same page with `?P01=1` switches; Basic auth.

fn epowerswitch(password: &'static str) -> (RawServer, Shared) {
    let b = board(&[true, false, false, true, false, false, false, false]);
    let shared = b.clone();
    let server = RawServer::start(move |r| {
        if r.header("authorization") != Some(&basic("admin", password)[..]) {
            return basic_challenge();
        }
        let mut b = shared.lock().unwrap();
        let (path, params, _) = split_uri(&r.uri);
        if path != "/hidden.htm" {
            return http_answer("404 Not Found", &[], "");
        }
        for (key, value) in &params {
            let outlet: Option<usize> = key
                .strip_prefix('P')
                .filter(|n| n.len() == 2)
                .and_then(|n| n.parse().ok());
            let Some(relay) = outlet.and_then(|o| b.relays.get_mut(o.wrapping_sub(1))) else {
                return http_answer("400 Bad Request", &[], "");
            };
            *relay = value == "1";
        }
        let mut page = String::from("<html><body>\n");
        for (k, &on) in b.relays.iter().enumerate() {
            page.push_str(&format!("P{:02}={}<br>\n", k + 1, bit(on)));
        }
        page.push_str("</body></html>\n");
        status_page(b.mode, page)
    });
    (server, b)
}

#[test]
fn epowerswitch_switches_its_outlets() {
    let (server, b) = epowerswitch("eps-pass");
    let home = home_with("epowerswitch", server.port);
    assert_eq!(
        states(&home, "eps-pass"),
        json!([true, false, false, true, false, false, false, false])
    );
    assert_eq!(
        ok(pd_with(&home, "eps-pass", &["on", "dev:3"])),
        "dev:3 (Outlet 3): on\n"
    );
    assert_eq!(
        ok(pd_with(&home, "eps-pass", &["off", "dev:1"])),
        "dev:1 (Outlet 1): off\n"
    );
    assert_eq!(
        relays(&b),
        [false, false, true, true, false, false, false, false]
    );
    assert!(server
        .requests()
        .iter()
        .any(|r| r.uri == "/hidden.htm?P03=1"));
    fails(
        pd_with(&home, "eps-pass", &["on", "dev:9"]),
        2,
        "outlets 1-8",
    );
    refuses_bad_passwords_and_bad_answers(&home, &b, "eps-pass");
}

// ---------------------------------------------------------------------------------------
// Synaccess netBooter NP-05B (drivers-2.md B15): GET /cmd.cgi?$A5 answers `$A0,<bits>,...`
// (the rightmost bit is outlet 1); /cmd.cgi?$A3 <i> <1|0> switches and answers `$A0`; Basic.

fn synaccess(password: &'static str) -> (RawServer, Shared) {
    let b = board(&[true, false, false, true, false]);
    let shared = b.clone();
    let server = RawServer::start(move |r| {
        if r.header("authorization") != Some(&basic("admin", password)[..]) {
            return basic_challenge();
        }
        let mut b = shared.lock().unwrap();
        let (path, _, query) = split_uri(&r.uri);
        if path != "/cmd.cgi" {
            return http_answer("404 Not Found", &[], "");
        }
        let words: Vec<&str> = query.split([' ', ',']).collect();
        match words.as_slice() {
            ["$A5"] => {
                // Outlet 5 first, outlet 1 last.
                let bits: String = b.relays.iter().rev().map(|&on| bit(on)).collect();
                status_page(b.mode, format!("$A0,{bits},0.00,24"))
            }
            ["$A3", outlet, value @ ("0" | "1")] => {
                let outlet: usize = outlet.parse().unwrap_or(0);
                match b.relays.get_mut(outlet.wrapping_sub(1)) {
                    Some(relay) => {
                        *relay = *value == "1";
                        http_answer("200 OK", &[], "$A0")
                    }
                    None => http_answer("200 OK", &[], "$AF"),
                }
            }
            _ => http_answer("200 OK", &[], "$AF"),
        }
    });
    (server, b)
}

#[test]
fn synaccess_reads_its_status_from_the_right_and_switches() {
    let (server, b) = synaccess("np-pass");
    let home = home_with("synaccess", server.port);
    assert_eq!(
        states(&home, "np-pass"),
        json!([true, false, false, true, false]),
        "the rightmost digit is outlet 1"
    );
    assert_eq!(
        ok(pd_with(&home, "np-pass", &["on", "dev:2"])),
        "dev:2 (Outlet 2): on\n"
    );
    assert_eq!(
        ok(pd_with(&home, "np-pass", &["off", "dev:4"])),
        "dev:4 (Outlet 4): off\n"
    );
    assert_eq!(relays(&b), [true, true, false, false, false]);
    let switched: Vec<String> = server
        .requests()
        .iter()
        .map(|r| split_uri(&r.uri).2)
        .filter(|q| q.starts_with("$A3"))
        .collect();
    assert_eq!(switched, ["$A3 2 1", "$A3 4 0"]);
    refuses_bad_passwords_and_bad_answers(&home, &b, "np-pass");
}

// ---------------------------------------------------------------------------------------
// Dingtian DT-R004 (drivers-2.md B20): GET /relay_cgi_load.cgi answers `&0&<count>&s0&...&`;
// /relay_cgi.cgi?type=0&relay=<n from 0>&on=1|0&time=0&pwd=<password>& switches and answers
// `&0&0&<relay>&<on>&0&`; code 302 = refused.

fn dingtian(password: &'static str) -> (RawServer, Shared) {
    let b = board(&[false, true, false, false]);
    let shared = b.clone();
    let server = RawServer::start(move |r| {
        let mut b = shared.lock().unwrap();
        let (path, params, _) = split_uri(&r.uri);
        match path.as_str() {
            "/relay_cgi_load.cgi" => {
                let mut page = format!("&0&{}&", b.relays.len());
                for &on in &b.relays {
                    page.push(bit(on));
                    page.push('&');
                }
                status_page(b.mode, page)
            }
            "/relay_cgi.cgi" => {
                if param(&params, "pwd") != Some(password) {
                    return http_answer("200 OK", &[], "&302&");
                }
                let relay: usize = param(&params, "relay")
                    .and_then(|n| n.parse().ok())
                    .unwrap_or(99);
                let on = param(&params, "on");
                match (param(&params, "type"), b.relays.get_mut(relay), on) {
                    (Some("0"), Some(r), Some(v @ ("0" | "1"))) => {
                        *r = v == "1";
                        http_answer("200 OK", &[], &format!("&0&0&{relay}&{v}&0&"))
                    }
                    _ => http_answer("200 OK", &[], "&301&"),
                }
            }
            _ => http_answer("404 Not Found", &[], ""),
        }
    });
    (server, b)
}

#[test]
fn dingtian_switches_relays_counted_from_zero() {
    let (server, b) = dingtian("dt-pass");
    let home = home_with("dingtian", server.port);
    assert_eq!(states(&home, "dt-pass"), json!([false, true, false, false]));
    assert_eq!(
        ok(pd_with(&home, "dt-pass", &["on", "dev:3"])),
        "dev:3 (Outlet 3): on\n"
    );
    assert_eq!(
        ok(pd_with(&home, "dt-pass", &["off", "dev:2"])),
        "dev:2 (Outlet 2): off\n"
    );
    assert_eq!(relays(&b), [false, false, true, false]);
    assert!(server
        .requests()
        .iter()
        .any(|r| r.uri == "/relay_cgi.cgi?type=0&relay=2&on=1&time=0&pwd=dt-pass&"));
    // The 302 answer is quoted.
    fails(pd_with(&home, "wrong", &["on", "dev:1"]), 3, "&302&");
    refuses_bad_passwords_and_bad_answers(&home, &b, "dt-pass");
}

// ---------------------------------------------------------------------------------------
// Gude EPC 8316 without status.json (drivers-2.md B13): a page with `<meta
// http-equiv="powerstate" content="Power Port <i>,0|1">` per port; /ov.html?cmd=1&p=<i>&s=
// switches; "Device is blocked by another user with IP x" while another client has it.

fn gude(password: &'static str) -> (RawServer, Shared, Arc<Mutex<bool>>) {
    let b = board(&[true, true, false, false, false, false, false, false]);
    let blocked = Arc::new(Mutex::new(false));
    let (shared, is_blocked) = (b.clone(), blocked.clone());
    let server = RawServer::start(move |r| {
        if r.header("authorization") != Some(&basic("admin", password)[..]) {
            return basic_challenge();
        }
        if *is_blocked.lock().unwrap() {
            return http_answer(
                "200 OK",
                &[],
                "<html><body>Device is blocked by another user with IP 10.0.0.9</body></html>",
            );
        }
        let mut b = shared.lock().unwrap();
        let (path, params, _) = split_uri(&r.uri);
        if path != "/ov.html" {
            return http_answer("404 Not Found", &[], "");
        }
        if param(&params, "cmd") == Some("1") {
            let port: usize = param(&params, "p")
                .and_then(|p| p.parse().ok())
                .unwrap_or(0);
            match (b.relays.get_mut(port.wrapping_sub(1)), param(&params, "s")) {
                (Some(relay), Some(s @ ("0" | "1"))) => *relay = s == "1",
                _ => return http_answer("400 Bad Request", &[], ""),
            }
        }
        let mut page = String::from("<html><head>\n");
        for (k, &on) in b.relays.iter().enumerate() {
            page.push_str(&format!(
                "<meta http-equiv=\"powerstate\" content=\"Power Port {},{}\">\n",
                k + 1,
                bit(on)
            ));
        }
        page.push_str("</head><body><table>");
        for (k, &on) in b.relays.iter().enumerate() {
            let word = if on { "ON" } else { "OFF" };
            page.push_str(&format!(
                "<tr><td>Power Port {}</td><td>{word}</td></tr>",
                k + 1
            ));
        }
        page.push_str("</table></body></html>");
        status_page(b.mode, page)
    });
    (server, b, blocked)
}

#[test]
fn gude_legacy_switches_its_ports_and_says_when_blocked() {
    let (server, b, blocked) = gude("epc-pass");
    let home = home_with("gude-legacy", server.port);
    assert_eq!(
        states(&home, "epc-pass"),
        json!([true, true, false, false, false, false, false, false])
    );
    assert_eq!(
        ok(pd_with(&home, "epc-pass", &["on", "dev:4"])),
        "dev:4 (Outlet 4): on\n"
    );
    assert_eq!(
        ok(pd_with(&home, "epc-pass", &["off", "dev:2"])),
        "dev:2 (Outlet 2): off\n"
    );
    assert_eq!(
        relays(&b),
        [true, false, false, true, false, false, false, false]
    );
    assert!(server
        .requests()
        .iter()
        .any(|r| r.uri == "/ov.html?cmd=1&p=4&s=1"));
    *blocked.lock().unwrap() = true;
    fails(
        pd_with(&home, "epc-pass", &["on", "dev:1"]),
        1,
        "Device is blocked by another user with IP 10.0.0.9",
    );
    *blocked.lock().unwrap() = false;
    refuses_bad_passwords_and_bad_answers(&home, &b, "epc-pass");
}

// ---------------------------------------------------------------------------------------
// Aviosys IP Power 9858 (drivers-2.md B9): /set.cmd?user=..&pass=..&cmd=getpower answers
// `p61=0, p62=1, ...`; cmd=setpower&p6<i>=1|0 switches; a wrong login is `401` in a 200.

fn aviosys(password: &'static str) -> (RawServer, Shared) {
    let b = board(&[false, false, true, false]);
    let shared = b.clone();
    let server = RawServer::start(move |r| {
        let mut b = shared.lock().unwrap();
        let (path, params, _) = split_uri(&r.uri);
        if path != "/set.cmd" {
            return http_answer("404 Not Found", &[], "");
        }
        if param(&params, "user") != Some("admin") || param(&params, "pass") != Some(password) {
            return http_answer("200 OK", &[], "<html>401 Unauthorized</html>");
        }
        match param(&params, "cmd") {
            Some("getpower") => {}
            Some("setpower") => {
                for (key, value) in &params {
                    let Some(outlet) = key.strip_prefix("p6") else {
                        continue;
                    };
                    let outlet: usize = outlet.parse().unwrap_or(0);
                    match b.relays.get_mut(outlet.wrapping_sub(1)) {
                        Some(relay) => *relay = value == "1",
                        None => return http_answer("200 OK", &[], "error"),
                    }
                }
            }
            _ => return http_answer("200 OK", &[], "error"),
        }
        let answer: Vec<String> = b
            .relays
            .iter()
            .enumerate()
            .map(|(k, &on)| format!("p6{}={}", k + 1, bit(on)))
            .collect();
        status_page(b.mode, format!("<html>{}</html>", answer.join(", ")))
    });
    (server, b)
}

#[test]
fn aviosys_http_switches_and_reads_a_401_page_as_a_refused_login() {
    let (server, b) = aviosys("av-pass");
    let home = home_with("aviosys-http", server.port);
    assert_eq!(states(&home, "av-pass"), json!([false, false, true, false]));
    assert_eq!(
        ok(pd_with(&home, "av-pass", &["on", "dev:1"])),
        "dev:1 (Outlet 1): on\n"
    );
    assert_eq!(
        ok(pd_with(&home, "av-pass", &["off", "dev:3"])),
        "dev:3 (Outlet 3): off\n"
    );
    assert_eq!(relays(&b), [true, false, false, false]);
    assert!(server
        .requests()
        .iter()
        .any(|r| r.uri == "/set.cmd?user=admin&pass=av-pass&cmd=setpower&p61=1"));
    fails(pd_with(&home, "wrong", &["status", "dev:all"]), 3, "401");
    refuses_bad_passwords_and_bad_answers(&home, &b, "av-pass");
}

// ---------------------------------------------------------------------------------------
// Devantech ETH008 (drivers-2.md B19): GET /io.cgi?relay answers text whose second word is
// one digit per relay, relay 1 first; /io.cgi?DOA<i> on, /io.cgi?DOI<i> off; no password.

fn devantech() -> (RawServer, Shared) {
    let b = board(&[false, true, true, false, false, false, false, false]);
    let shared = b.clone();
    let server = RawServer::start(move |r| {
        let mut b = shared.lock().unwrap();
        let (path, _, query) = split_uri(&r.uri);
        if path != "/io.cgi" {
            return http_answer("404 Not Found", &[], "");
        }
        let command = (
            query.get(..3),
            query.get(3..).and_then(|i| i.parse::<usize>().ok()),
        );
        match command {
            (Some(word @ ("DOA" | "DOI")), Some(i)) => match b.relays.get_mut(i.wrapping_sub(1)) {
                Some(relay) => *relay = word == "DOA",
                None => return http_answer("400 Bad Request", &[], ""),
            },
            _ if query == "relay" => {}
            _ => return http_answer("400 Bad Request", &[], ""),
        }
        let digits: String = b.relays.iter().map(|&on| bit(on)).collect();
        status_page(b.mode, format!("Relays {digits}\r\n"))
    });
    (server, b)
}

#[test]
fn devantech_eth_switches_its_relays() {
    let (server, b) = devantech();
    let home = home_with("devantech-eth", server.port);
    assert_eq!(
        states(&home, ""),
        json!([false, true, true, false, false, false, false, false])
    );
    assert_eq!(
        ok(pd_with(&home, "", &["on", "dev:1"])),
        "dev:1 (Outlet 1): on\n"
    );
    assert_eq!(
        ok(pd_with(&home, "", &["off", "dev:3"])),
        "dev:3 (Outlet 3): off\n"
    );
    assert_eq!(
        relays(&b),
        [true, true, false, false, false, false, false, false]
    );
    let switched: Vec<String> = server
        .requests()
        .iter()
        .map(|r| r.uri.clone())
        .filter(|u| u.starts_with("/io.cgi?DO"))
        .collect();
    assert_eq!(switched, ["/io.cgi?DOA1", "/io.cgi?DOI3"]);
    // No password to refuse: only the malformed and oversized answers.
    set_mode(&b, Mode::Malformed);
    fails(pd_with(&home, "", &["status", "dev:all"]), 5, "");
    set_mode(&b, Mode::Huge);
    fails(pd_with(&home, "", &["status", "dev:all"]), 5, "1 MiB");
}

// ---------------------------------------------------------------------------------------
// `drivers check` names a text list's mistakes with file:line:col.

#[test]
fn drivers_check_names_text_mistakes_where_they_are() {
    let home = Home::new();
    let dir = home.config_file().parent().unwrap().join("drivers");
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("board.toml");
    let write = |list: &str| {
        std::fs::write(
            &file,
            format!(
                "[driver]\nid = \"board\"\ntransport = \"http\"\n\n[outlets]\n{list}\n\
                 state.read = {{ map = {{ \"1\" = true, \"0\" = false }} }}\n"
            ),
        )
        .unwrap();
    };
    write("list = { get = \"/s\", text = 'S: (.*)', packed = \"spaces\" }");
    ok(pd_with(
        &home,
        "",
        &["drivers", "check", file.to_str().unwrap()],
    ));
    for (list, why) in [
        (
            "list = { get = \"/s\", text = 'S: (.*)', packed = \"bits\" }",
            "board.toml:6:",
        ),
        (
            "list = { get = \"/s\", text = 'S: (' , packed = \"spaces\" }",
            "not a regex",
        ),
        (
            "list = { get = \"/s\", text = 'S: .*', packed = \"spaces\" }",
            "no group",
        ),
        (
            "list = { get = \"/s\", text = 'S(\\d)', fields = { state = 2 } }",
            "groups 0-1",
        ),
        (
            "list = { get = \"/s\", text = 'S\\d' }",
            "fields = { state = 2 }",
        ),
        (
            "list = { get = \"/s\", text = 'S(\\d)', items = \"/x\" }",
            "no items or keys",
        ),
    ] {
        write(list);
        let out = fails(
            pd_with(&home, "", &["drivers", "check", file.to_str().unwrap()]),
            2,
            why,
        );
        assert!(out.contains("board.toml:6:"), "{list}: {out}");
    }
}
