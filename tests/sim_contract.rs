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

#[test]
fn without_credentials_the_device_challenges_with_digest() {
    let sim = Sim::dli(&[]);
    let (code, head, _) = curl(&[&sim.url("/restapi/relay/name/")]);
    assert_eq!(code, 401);
    assert!(
        head.contains("www-authenticate: digest realm=\"dli controller\""),
        "{head}"
    );
    assert!(head.contains("qop=\"auth,auth-int\""), "{head}");
    let (code, _, _) = curl(&[
        "--digest",
        "-u",
        "admin:wrong",
        &sim.url("/restapi/relay/name/"),
    ]);
    assert_eq!(code, 401);
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
