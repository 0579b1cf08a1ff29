//! The simulated DLI controller honours DLI's own curl examples (protocols/dli.md 2.14),
//! checked with curl itself, so nothing of pductl's client is involved.

mod common;
use common::*;
use std::process::Command;

/// Runs curl with `args`; returns (status line code, headers, body).
fn curl(args: &[&str]) -> (u16, String, String) {
    let out = Command::new("curl")
        .args(["-sS", "-D", "-", "-o", "-", "--max-time", "10"])
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

const AUTH: [&str; 3] = ["--digest", "-u", "admin:1234"];

#[test]
fn digest_get_with_depth_limit_answers_206() {
    let sim = Sim::dli(&[]);
    let url = sim.url("/restapi/");
    let mut args = AUTH.to_vec();
    args.extend([
        "-H",
        "Range: dli-depth=1",
        "-H",
        "Accept: application/json",
        &url,
    ]);
    let (code, _, body) = curl(&args);
    assert_eq!(code, 206);
    let v = json(&body);
    assert_eq!(v["relay"], serde_json::json!({"$ref": "relay/"}));
}

/// The value of `name="..."` in a lower-cased header block.
fn quoted_param<'a>(head: &'a str, name: &str) -> &'a str {
    let start = head.find(&format!("{name}=\"")).expect(name) + name.len() + 2;
    let len = head[start..].find('"').unwrap();
    &head[start..start + len]
}

#[test]
fn by_default_the_device_challenges_as_a_captured_lpc9() {
    let sim = Sim::dli(&[]);
    let (code, head, _) = curl(&[&sim.url("/restapi/relay/name/")]);
    assert_eq!(code, 401);
    let challenge = head
        .lines()
        .find(|l| l.starts_with("www-authenticate:"))
        .expect("a challenge")
        .to_string();
    // `DIGEST realm="DLI <serial>", nonce="<16 alphanumerics>"` and nothing else: no qop,
    // algorithm or opaque, so the answer is RFC 2069's.
    assert!(
        challenge.starts_with("www-authenticate: digest realm=\"dli lpc9"),
        "{challenge}"
    );
    let nonce = quoted_param(&challenge, "nonce");
    assert_eq!(nonce.len(), 16, "{challenge}");
    assert!(nonce.chars().all(|c| c.is_ascii_alphanumeric()));
    for absent in ["qop", "algorithm", "opaque"] {
        assert!(!challenge.contains(absent), "{challenge}");
    }
    // The realm is "DLI " and the serial number the unit reports.
    let mut args = AUTH.to_vec();
    let serial_url = sim.url("/restapi/config/serial/");
    args.push(&serial_url);
    let serial = json(&curl(&args).2);
    assert_eq!(
        quoted_param(&challenge, "realm"),
        format!("dli {}", serial.as_str().unwrap().to_ascii_lowercase())
    );
    // curl answers in RFC 2069's form and gets in; a wrong password does not.
    let mut args = AUTH.to_vec();
    let url = sim.url("/restapi/relay/name/");
    args.push(&url);
    assert_eq!(curl(&args).0, 200);
    assert_eq!(curl(&["--digest", "-u", "admin:wrong", &url]).0, 401);
}

#[test]
fn the_qop_challenge_of_other_firmware_is_an_option() {
    let sim = Sim::dli(&["--challenge", "qop"]);
    let url = sim.url("/restapi/relay/name/");
    let (code, head, _) = curl(&[&url]);
    assert_eq!(code, 401);
    assert!(
        head.contains("www-authenticate: digest realm=\"dli lpc9"),
        "{head}"
    );
    assert!(head.contains("qop=\"auth,auth-int\""), "{head}");
    let mut args = AUTH.to_vec();
    args.push(&url);
    assert_eq!(curl(&args).0, 200);
    assert_eq!(curl(&["--digest", "-u", "admin:wrong", &url]).0, 401);
}

#[test]
fn three_failed_logins_lock_the_user_out_for_the_lockout_delay() {
    let sim = Sim::dli(&["--lockout", "2"]);
    let url = sim.url("/restapi/relay/name/");
    let mut right = AUTH.to_vec();
    right.push(&url);
    let wrong = ["--digest", "-u", "admin:wrong", &url];
    // Two failures, then the right password: still in, and the count starts again.
    assert_eq!(curl(&wrong).0, 401);
    assert_eq!(curl(&wrong).0, 401);
    assert_eq!(curl(&right).0, 200);
    for _ in 0..3 {
        assert_eq!(curl(&wrong).0, 401);
    }
    // Locked out: even the right password is refused, with a body that says why.
    let (code, _, body) = curl(&right);
    assert_eq!(code, 403);
    assert!(body.contains("locked out"), "{body}");
    assert!(
        eventually(10.0, || curl(&right).0 == 200),
        "the lockout ends after its delay"
    );
}

#[test]
fn status_codes_and_bodies_are_byte_exact() {
    let sim = Sim::dli(&["--outlets", "4"]);
    let get = |path: &str, extra: &[&str]| {
        let url = sim.url(path);
        let mut args = AUTH.to_vec();
        args.extend(extra);
        args.extend(["-H", "Accept: application/json", &url]);
        let (code, _, body) = curl(&args);
        (code, body)
    };
    let put = |path: &str| {
        let url = sim.url(path);
        let mut args = AUTH.to_vec();
        args.extend(["-X", "PUT", "-H", "X-CSRF: x", "--data", "value=true", &url]);
        curl(&args).0
    };
    // PUT of one resource: 204; PUT through a matrix URI: 207.
    assert_eq!(put("/restapi/relay/outlets/1/state/"), 204);
    assert_eq!(put("/restapi/relay/outlets/=0,3/state/"), 207);
    // A leaf is the bare JSON literal; a one-element matrix GET is a one-element array.
    assert_eq!(
        get("/restapi/relay/outlets/1/state/", &[]),
        (200, "true".to_string())
    );
    assert_eq!(
        get("/restapi/relay/outlets/=0/state/", &[]),
        (207, "[true]".to_string())
    );
    // Depth-limited reads answer 206.
    assert_eq!(get("/restapi/relay/", &["-H", "Range: dli-depth=1"]).0, 206);
    // Outlets carry their seven keys, default names `Outlet N`.
    let outlet = json(&get("/restapi/relay/outlets/3/", &[]).1);
    let mut keys: Vec<&str> = outlet
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        [
            "critical",
            "cycle_delay",
            "locked",
            "name",
            "physical_state",
            "state",
            "transient_state"
        ]
    );
    assert_eq!(outlet["name"], serde_json::json!("Outlet 4"));
}

#[test]
fn put_with_form_value_and_csrf_header_answers_204() {
    let sim = Sim::dli(&[]);
    let url = sim.url("/restapi/relay/outlets/2/state/");
    let mut args = AUTH.to_vec();
    args.extend(["-X", "PUT", "-H", "X-CSRF: x", "--data", "value=true", &url]);
    assert_eq!(curl(&args).0, 204);
    let mut args = AUTH.to_vec();
    args.extend(["-H", "Accept:application/json", &url]);
    assert_eq!(curl(&args).2.trim(), "true");
}

#[test]
fn mutating_requests_without_csrf_header_are_rejected() {
    let sim = Sim::dli(&[]);
    let url = sim.url("/restapi/relay/outlets/2/state/");
    let mut args = AUTH.to_vec();
    args.extend(["-X", "PUT", "--data", "value=true", &url]);
    assert_eq!(curl(&args).0, 403);
    // X-Requested-With: XMLHttpRequest is the other accepted marker.
    let mut args = AUTH.to_vec();
    args.extend([
        "-X",
        "PUT",
        "-H",
        "X-Requested-With: XMLHttpRequest",
        "--data",
        "value=true",
        &url,
    ]);
    assert_eq!(curl(&args).0, 204);
}

#[test]
fn matrix_put_and_get_answer_207_with_links() {
    let sim = Sim::dli(&[]);
    for selector in ["all;", "=0,4"] {
        let url = sim.url(&format!("/restapi/relay/outlets/{selector}/state/"));
        let mut args = AUTH.to_vec();
        args.extend(["-X", "PUT", "-H", "X-CSRF: x", "--data", "value=true", &url]);
        assert_eq!(curl(&args).0, 207, "{selector}");
    }
    let url = sim.url("/restapi/relay/outlets/=0,4/state/");
    let mut args = AUTH.to_vec();
    args.extend(["-H", "Accept: application/json", &url]);
    let (code, head, body) = curl(&args);
    assert_eq!(code, 207);
    assert_eq!(json(&body), serde_json::json!([true, true]));
    assert!(
        head.contains("link: </restapi/relay/outlets/0/state/>; rel=item"),
        "{head}"
    );
    assert!(
        head.contains("link: </restapi/relay/outlets/4/state/>; rel=item"),
        "{head}"
    );
}

#[test]
fn transient_state_and_physical_state_examples() {
    let sim = Sim::dli(&[]);
    let mut args = AUTH.to_vec();
    let url = sim.url("/restapi/relay/outlets/2/transient_state/");
    args.extend(["-X", "PUT", "-H", "X-CSRF: x", "--data", "value=true", &url]);
    assert_eq!(curl(&args).0, 204);
    let mut args = AUTH.to_vec();
    let url = sim.url("/restapi/relay/outlets/2/physical_state/");
    args.extend(["-H", "Accept:application/json", &url]);
    let (code, _, body) = curl(&args);
    assert_eq!((code, body.trim()), (200, "true"));
}

#[test]
fn cycle_is_a_post_call() {
    let sim = Sim::dli(&[]);
    let url = sim.url("/restapi/relay/outlets/0/cycle/");
    let mut args = AUTH.to_vec();
    args.extend(["-X", "POST", "-H", "X-CSRF: x", &url]);
    assert_eq!(curl(&args).0, 200);
    // A call with arguments it does not take is refused with 409.
    let mut args = AUTH.to_vec();
    args.extend([
        "-X",
        "POST",
        "-H",
        "X-CSRF: x",
        "-H",
        "Content-Type: application/json",
        "--data",
        "[1]",
        &url,
    ]);
    assert_eq!(curl(&args).0, 409);
}

#[test]
fn json_body_renames_the_controller() {
    let sim = Sim::dli(&[]);
    let url = sim.url("/restapi/relay/name/");
    let mut args = AUTH.to_vec();
    args.extend([
        "-H",
        "X-CSRF: x",
        "-X",
        "PUT",
        "-H",
        "Content-type: application/json",
        "-H",
        "Accept: application/json",
        "--data-binary",
        "\"My controller\"",
        &url,
    ]);
    assert_eq!(curl(&args).0, 204);
    let mut args = AUTH.to_vec();
    args.push(&url);
    assert_eq!(curl(&args).2.trim(), "\"My controller\"");
}

#[test]
fn uris_without_trailing_slash_are_redirected() {
    let sim = Sim::dli(&[]);
    let url = sim.url("/restapi/relay/name");
    let mut args = AUTH.to_vec();
    args.push(&url);
    let (code, head, _) = curl(&args);
    assert_eq!(code, 301);
    assert!(head.contains("location: /restapi/relay/name/"), "{head}");
    let mut args = AUTH.to_vec();
    args.extend(["-L", &url]);
    assert_eq!(curl(&args).2.trim(), "\"DLI Controller\"");
}

#[test]
fn unknown_resources_are_404() {
    let sim = Sim::dli(&[]);
    let url = sim.url("/restapi/relay/outlets/42/");
    let mut args = AUTH.to_vec();
    args.push(&url);
    assert_eq!(curl(&args).0, 404);
}

#[test]
fn it_takes_only_the_faults_it_models() {
    let home = Home::new();
    // silent-reject is a NETIO unit's fault: refused before anything listens, naming the
    // faults this simulator takes.
    let mut c = home.cmd();
    c.timeout(std::time::Duration::from_secs(10))
        .args(["sim", "dli", "--fault", "silent-reject"]);
    fails(
        c,
        2,
        "sim dli does not take the fault 'silent-reject' ('silent-reject' is a fault of sim netio); \
         it takes: slow=MS, garbage-body, truncated-body, oversized-body, drop-connection, \
         stuck-relay",
    );
    let mut c = home.cmd();
    c.timeout(std::time::Duration::from_secs(10))
        .args(["sim", "dli", "--fault", "explode"]);
    fails(
        c,
        2,
        "sim dli does not take the fault 'explode'; it takes: slow=MS",
    );
    // With its own faults it starts and answers.
    let sim = Sim::dli(&["--fault", "stuck-relay", "--fault", "slow=10"]);
    let url = sim.url("/restapi/relay/name/");
    let (code, _, _) = curl(&[AUTH[0], AUTH[1], AUTH[2], &url]);
    assert_eq!(code, 200);
}
