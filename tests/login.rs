//! Logging in as real DLI units challenge: the captured LPC9 form (upper-case `DIGEST`, no
//! qop: RFC 2069 answers) and the `qop="auth,auth-int"` form of other firmware; at most one
//! failed login per run; a lockout named as one. Each form is tested twice: against
//! `pductl sim dli`, and against a hand-written server whose answers are pinned here, so a
//! change to the simulator cannot hide a client regression.

mod common;
use common::*;
use md5::{Digest, Md5};

/// The challenge captured from a live LPC9 (icholy/digest issue 16), byte for byte.
const LPC9_CHALLENGE: &str =
    r#"WWW-Authenticate: DIGEST realm="DLI LPC92601002528", nonce="NZAeQHhoCNifFjFa""#;

const QOP_CHALLENGE: &str = r#"WWW-Authenticate: Digest realm="DLI Controller", qop="auth,auth-int", algorithm=MD5, nonce="8f3c1d0e9b7a6c5d", opaque="5ccc069c403ebaf9""#;

fn md5_hex(text: &str) -> String {
    format!("{:x}", Md5::digest(text.as_bytes()))
}

/// The parameters of a `Digest ...` Authorization header, names lower-cased.
fn digest_params(header: &str) -> Vec<(String, String)> {
    let (scheme, rest) = header.split_once(' ').expect("scheme and parameters");
    assert!(scheme.eq_ignore_ascii_case("digest"), "{header}");
    let mut params = Vec::new();
    let mut rest = rest.trim();
    while let Some((name, after)) = rest.split_once('=') {
        let (value, tail) = match after.strip_prefix('"') {
            Some(quoted) => {
                let end = quoted.find('"').expect("closing quote");
                (&quoted[..end], &quoted[end + 1..])
            }
            None => after.split_once(',').unwrap_or((after, "")),
        };
        params.push((name.trim().to_ascii_lowercase(), value.to_string()));
        rest = tail.trim_start_matches([',', ' ']);
    }
    params
}

fn param<'a>(params: &'a [(String, String)], name: &str) -> Option<&'a str> {
    params
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}

/// Checks an Authorization header the way a device does, from nothing but RFC 2069/2617:
/// with no qop, MD5(HA1:nonce:HA2); with qop=auth, MD5(HA1:nonce:nc:cnonce:auth:HA2).
fn digest_is_right(request: &RawRequest, realm: &str, nonce: &str, password: &str) -> bool {
    let Some(header) = request.header("authorization") else {
        return false;
    };
    let p = digest_params(header);
    let user = param(&p, "username").unwrap_or("");
    if param(&p, "realm") != Some(realm)
        || param(&p, "nonce") != Some(nonce)
        || param(&p, "uri") != Some(request.uri.as_str())
    {
        return false;
    }
    let ha1 = md5_hex(&format!("{user}:{realm}:{password}"));
    let ha2 = md5_hex(&format!("{}:{}", request.method, request.uri));
    let expected = match param(&p, "qop") {
        None => md5_hex(&format!("{ha1}:{nonce}:{ha2}")),
        Some(qop) => md5_hex(&format!(
            "{ha1}:{nonce}:{}:{}:{qop}:{ha2}",
            param(&p, "nc").unwrap_or(""),
            param(&p, "cnonce").unwrap_or("")
        )),
    };
    param(&p, "response") == Some(expected.as_str())
}

fn challenge_401(challenge: &str) -> String {
    http_answer(
        "401 Unauthorized",
        &[challenge, "Content-Type: text/plain"],
        "authentication required\n",
    )
}

/// A pinned DLI unit: `GET .../state/` answers `true`, `PUT` answers 204, once the Digest
/// answer to `challenge` is right for admin/1234.
fn pinned_unit(challenge: &'static str, realm: &'static str, nonce: &'static str) -> RawServer {
    RawServer::start(move |request| {
        if !digest_is_right(request, realm, nonce, "1234") {
            return challenge_401(challenge);
        }
        match request.method.as_str() {
            "PUT" => http_answer("204 No Content", &[], ""),
            _ => http_answer("200 OK", &["Content-Type: application/json"], "true"),
        }
    })
}

fn authorized(server: &RawServer) -> Vec<RawRequest> {
    server
        .requests()
        .into_iter()
        .filter(|r| r.header("authorization").is_some())
        .collect()
}

#[test]
fn logs_in_to_the_captured_lpc9_challenge_with_an_rfc2069_answer() {
    let unit = pinned_unit(LPC9_CHALLENGE, "DLI LPC92601002528", "NZAeQHhoCNifFjFa");
    let home = Home::new();
    let mut c = unit.pductl(&home, "1234");
    c.args(["get", "relay/outlets/0/state"]);
    assert_eq!(ok(c).trim(), "true");
    let mut c = unit.pductl(&home, "1234");
    c.args(["set", "relay/outlets/0/state", "false"]);
    assert_eq!(ok(c), "");

    let sent = authorized(&unit);
    assert_eq!(sent.len(), 2, "one answered request per run");
    for request in &sent {
        let p = digest_params(request.header("authorization").unwrap());
        for absent in ["qop", "nc", "cnonce"] {
            assert_eq!(param(&p, absent), None, "no {absent} in an RFC 2069 answer");
        }
    }
    let put = &sent[1];
    assert_eq!(put.method, "PUT");
    assert_eq!(put.uri, "/restapi/relay/outlets/0/state/");
    assert!(put.header("x-csrf").is_some());
    assert_eq!(put.body, b"false");
}

#[test]
fn answers_qop_auth_when_the_device_offers_auth_and_auth_int() {
    let unit = pinned_unit(QOP_CHALLENGE, "DLI Controller", "8f3c1d0e9b7a6c5d");
    let home = Home::new();
    let mut c = unit.pductl(&home, "1234");
    c.args(["get", "relay/outlets/0/state"]);
    assert_eq!(ok(c).trim(), "true");
    let sent = authorized(&unit);
    assert_eq!(sent.len(), 1);
    let p = digest_params(sent[0].header("authorization").unwrap());
    assert_eq!(param(&p, "qop"), Some("auth"));
    assert_eq!(param(&p, "opaque"), Some("5ccc069c403ebaf9"));
}

#[test]
fn a_rejected_password_is_sent_once_per_run_whatever_the_verb() {
    // A unit that rejects every answer, as one does for a wrong password.
    let unit = RawServer::start(|_| challenge_401(LPC9_CHALLENGE));
    let home = Home::new();
    let runs: [&[&str]; 4] = [
        &["get", "relay/outlets/0/state"],
        &["dump", "/"],
        &["remove", "config/links/-"],
        &[
            "subscribe",
            "relay/outlets/0",
            "--count",
            "2",
            "--interval",
            "0.1",
        ],
    ];
    for (i, args) in runs.iter().enumerate() {
        let mut c = unit.pductl(&home, "wrong");
        c.args(*args);
        fails(c, 3, "rejected the user name or password");
        assert_eq!(
            authorized(&unit).len(),
            i + 1,
            "`pductl {}` sent the password more than once",
            args.join(" ")
        );
    }
}

#[test]
fn a_lockout_is_named_as_one() {
    let unit = RawServer::start(|request| match request.header("authorization") {
        None => challenge_401(LPC9_CHALLENGE),
        Some(_) => http_answer(
            "403 Forbidden",
            &["Content-Type: text/plain"],
            "Login locked out: too many failed login attempts\n",
        ),
    });
    let home = Home::new();
    let mut c = unit.pductl(&home, "1234");
    c.args(["get", "relay/outlets/0/state"]);
    let line = fails(c, 3, "locked out");
    assert!(line.contains("wait"), "{line}");
    assert!(!line.contains("1234"), "{line}");
    assert_eq!(authorized(&unit).len(), 1);
}

#[test]
fn reads_and_writes_against_both_challenge_forms_of_the_simulator() {
    for form in ["lpc9", "qop"] {
        let sim = Sim::dli(&["--outlets", "4", "--challenge", form]);
        let home = Home::new();
        assert_eq!(
            home.ok_at(&sim, &["get", "relay/outlets/2/state"]).trim(),
            "false",
            "{form}"
        );
        home.ok_at(&sim, &["set", "relay/outlets/2/state", "true"]);
        assert_eq!(
            home.ok_at(&sim, &["get", "relay/outlets/=2/physical_state"])
                .trim(),
            "[true]",
            "{form}"
        );
        home.ok_at(&sim, &["invoke", "relay/outlets/2/cycle"]);
        home.fails_at(
            &sim,
            &["--user", "nobody", "get", "relay/name"],
            3,
            "rejected the user name or password",
        );
    }
}

#[test]
fn failed_runs_cost_one_login_each_and_a_lockout_says_to_wait() {
    let sim = Sim::dli(&["--lockout", "2"]);
    let home = Home::new();
    let wrong = |home: &Home| {
        let mut c = home.at(&sim);
        c.env(PASSWORD_VAR, "wrong").args(["dump", "/"]);
        fails(c, 3, "rejected the user name or password");
    };
    // The unit locks out at the third failed login: two failed runs must leave it open.
    wrong(&home);
    wrong(&home);
    home.ok_at(&sim, &["get", "relay/name"]);
    for _ in 0..3 {
        wrong(&home);
    }
    let line = home.fails_at(&sim, &["get", "relay/name"], 3, "locked out");
    assert!(line.contains("wait"), "{line}");
    assert!(
        eventually(10.0, || {
            let mut c = home.at(&sim);
            c.args(["get", "relay/name"]);
            run(c).0 == 0
        }),
        "the right password works once the lockout is over"
    );
}
