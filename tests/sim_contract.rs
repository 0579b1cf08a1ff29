//! The simulated DLI controller honours DLI's own curl examples (protocols/dli.md 2.14),
//! checked with curl itself, so nothing of pductl's client is involved.
//!
//! Each contract runs against two targets: `pductl sim dli` itself, and `pductl serve --api
//! dli-rest` in front of one (the gateway presents the device behind it as a DLI unit, with
//! the simulator's HTTP framing over the device). The same requests get the same answers,
//! except where the gateway's unit lacks a feature (its `relay/name` is the profile's name
//! for the device; it has no `--challenge` or `--lockout` options): those tests say so.

mod common;
use common::gateway::{serve, Served};
use common::*;
use std::process::Command;

/// Runs curl with `args`; returns (status line code, headers, body).
fn curl(args: &[&str]) -> (u16, String, String) {
    let out = Command::new("curl")
        .args(["-sS", "-D", "-", "-o", "-", "--max-time", "30"])
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

/// The name the gateway's profile gives the simulator behind it.
const GATEWAY_DEVICE: &str = "pdu";

/// Where a contract's requests go.
struct Target {
    /// The simulator (behind the gateway, for a gateway target).
    sim: Sim,
    /// The gateway in front of `sim`, and the home whose profile names `sim`.
    gateway: Option<(Served, String, Home)>,
}

impl Target {
    /// `sim dli ARGS` itself.
    fn sim(args: &[&str]) -> Target {
        Target {
            sim: Sim::dli(args),
            gateway: None,
        }
    }

    /// `serve --api dli-rest` with DLI's factory login, in front of `sim dli ARGS`.
    fn gateway(args: &[&str]) -> Target {
        let sim = Sim::dli(args);
        let home = Home::new();
        home.write_profile(&format!(
            "[devices.{GATEWAY_DEVICE}]\nprotocol = \"dli-rest\"\nhost = \"127.0.0.1\"\n\
             port = {}\npassword_env = \"{PASSWORD_VAR}\"\n",
            sim.port()
        ));
        let (served, addr) = serve(&home, &["--api", "dli-rest", "-d", GATEWAY_DEVICE]);
        Target {
            sim,
            gateway: Some((served, addr, home)),
        }
    }

    /// Both targets.
    fn both(args: &[&str]) -> [Target; 2] {
        [Target::sim(args), Target::gateway(args)]
    }

    fn is_gateway(&self) -> bool {
        self.gateway.is_some()
    }

    fn url(&self, path: &str) -> String {
        match &self.gateway {
            Some((_, addr, _)) => format!("http://{addr}{path}"),
            None => self.sim.url(path),
        }
    }

    /// What `relay/name` reads on a fresh unit.
    fn unit_name(&self) -> &str {
        match self.is_gateway() {
            true => GATEWAY_DEVICE,
            false => "DLI Controller",
        }
    }

    fn label(&self) -> &str {
        match self.is_gateway() {
            true => "the gateway",
            false => "sim dli",
        }
    }
}

#[test]
fn digest_get_with_depth_limit_answers_206() {
    for target in Target::both(&[]) {
        let url = target.url("/restapi/");
        let mut args = AUTH.to_vec();
        args.extend([
            "-H",
            "Range: dli-depth=1",
            "-H",
            "Accept: application/json",
            &url,
        ]);
        let (code, _, body) = curl(&args);
        assert_eq!(code, 206, "{}", target.label());
        let v = json(&body);
        assert_eq!(v["relay"], serde_json::json!({"$ref": "relay/"}));
    }
}

/// The value of `name="..."` in a lower-cased header block.
fn quoted_param<'a>(head: &'a str, name: &str) -> &'a str {
    let start = head.find(&format!("{name}=\"")).expect(name) + name.len() + 2;
    let len = head[start..].find('"').unwrap();
    &head[start..start + len]
}

#[test]
fn by_default_the_device_challenges_as_a_captured_lpc9() {
    for target in Target::both(&[]) {
        let (code, head, _) = curl(&[&target.url("/restapi/relay/name/")]);
        assert_eq!(code, 401);
        let challenge = head
            .lines()
            .find(|l| l.starts_with("www-authenticate:"))
            .expect("a challenge")
            .to_string();
        // `DIGEST realm="DLI <serial>", nonce="<16 alphanumerics>"` and nothing else: no
        // qop, algorithm or opaque, so the answer is RFC 2069's.
        assert!(
            challenge.starts_with("www-authenticate: digest realm=\"dli "),
            "{challenge}"
        );
        let nonce = quoted_param(&challenge, "nonce");
        assert_eq!(nonce.len(), 16, "{challenge}");
        assert!(nonce.chars().all(|c| c.is_ascii_alphanumeric()));
        for absent in ["qop", "algorithm", "opaque"] {
            assert!(!challenge.contains(absent), "{challenge}");
        }
        // The realm is "DLI " and the serial number the unit reports; the gateway's unit
        // has no serial number: its realm names the device it presents.
        let realm = match target.is_gateway() {
            true => format!("dli {GATEWAY_DEVICE}"),
            false => {
                let mut args = AUTH.to_vec();
                let serial_url = target.url("/restapi/config/serial/");
                args.push(&serial_url);
                let serial = json(&curl(&args).2);
                format!("dli {}", serial.as_str().unwrap().to_ascii_lowercase())
            }
        };
        assert_eq!(quoted_param(&challenge, "realm"), realm);
        // curl answers in RFC 2069's form and gets in; a wrong password does not.
        let mut args = AUTH.to_vec();
        let url = target.url("/restapi/relay/name/");
        args.push(&url);
        assert_eq!(curl(&args).0, 200, "{}", target.label());
        assert_eq!(curl(&["--digest", "-u", "admin:wrong", &url]).0, 401);
    }
}

/// Sim only: the gateway always challenges as an LPC9.
#[test]
fn the_qop_challenge_of_other_firmware_is_an_option() {
    let target = Target::sim(&["--challenge", "qop"]);
    let url = target.url("/restapi/relay/name/");
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

/// The gateway locks out as a unit does, for DLI's default 5 minutes (it has no
/// `--lockout`): its end is watched on the simulator only.
#[test]
fn three_failed_logins_lock_the_user_out_for_the_lockout_delay() {
    for target in [Target::sim(&["--lockout", "2"]), Target::gateway(&[])] {
        let url = target.url("/restapi/relay/name/");
        let mut right = AUTH.to_vec();
        right.push(&url);
        let wrong = ["--digest", "-u", "admin:wrong", &url];
        // Two failures, then the right password: still in, and the count starts again.
        assert_eq!(curl(&wrong).0, 401);
        assert_eq!(curl(&wrong).0, 401);
        assert_eq!(curl(&right).0, 200, "{}", target.label());
        for _ in 0..3 {
            assert_eq!(curl(&wrong).0, 401);
        }
        // Locked out: even the right password is refused, with a body that says why.
        let (code, _, body) = curl(&right);
        assert_eq!(code, 403, "{}", target.label());
        assert!(body.contains("locked out"), "{body}");
        if !target.is_gateway() {
            assert!(
                eventually(10.0, || curl(&right).0 == 200),
                "the lockout ends after its delay"
            );
        }
    }
}

#[test]
fn status_codes_and_bodies_are_byte_exact() {
    for target in Target::both(&["--outlets", "4"]) {
        let get = |path: &str, extra: &[&str]| {
            let url = target.url(path);
            let mut args = AUTH.to_vec();
            args.extend(extra);
            args.extend(["-H", "Accept: application/json", &url]);
            let (code, _, body) = curl(&args);
            (code, body)
        };
        let put = |path: &str| {
            let url = target.url(path);
            let mut args = AUTH.to_vec();
            args.extend(["-X", "PUT", "-H", "X-CSRF: x", "--data", "value=true", &url]);
            curl(&args).0
        };
        // PUT of one resource: 204; PUT through a matrix URI: 207.
        assert_eq!(
            put("/restapi/relay/outlets/1/state/"),
            204,
            "{}",
            target.label()
        );
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
}

#[test]
fn put_with_form_value_and_csrf_header_answers_204() {
    for target in Target::both(&[]) {
        let url = target.url("/restapi/relay/outlets/2/state/");
        let mut args = AUTH.to_vec();
        args.extend(["-X", "PUT", "-H", "X-CSRF: x", "--data", "value=true", &url]);
        assert_eq!(curl(&args).0, 204, "{}", target.label());
        let mut args = AUTH.to_vec();
        args.extend(["-H", "Accept:application/json", &url]);
        assert_eq!(curl(&args).2.trim(), "true");
    }
}

#[test]
fn mutating_requests_without_csrf_header_are_rejected() {
    for target in Target::both(&[]) {
        let url = target.url("/restapi/relay/outlets/2/state/");
        let mut args = AUTH.to_vec();
        args.extend(["-X", "PUT", "--data", "value=true", &url]);
        assert_eq!(curl(&args).0, 403, "{}", target.label());
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
        assert_eq!(curl(&args).0, 204, "{}", target.label());
    }
}

#[test]
fn matrix_put_and_get_answer_207_with_links() {
    for target in Target::both(&[]) {
        for selector in ["all;", "=0,4"] {
            let url = target.url(&format!("/restapi/relay/outlets/{selector}/state/"));
            let mut args = AUTH.to_vec();
            args.extend(["-X", "PUT", "-H", "X-CSRF: x", "--data", "value=true", &url]);
            assert_eq!(curl(&args).0, 207, "{selector} on {}", target.label());
        }
        let url = target.url("/restapi/relay/outlets/=0,4/state/");
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
}

#[test]
fn transient_state_and_physical_state_examples() {
    for target in Target::both(&[]) {
        let mut args = AUTH.to_vec();
        let url = target.url("/restapi/relay/outlets/2/transient_state/");
        args.extend(["-X", "PUT", "-H", "X-CSRF: x", "--data", "value=true", &url]);
        assert_eq!(curl(&args).0, 204, "{}", target.label());
        let mut args = AUTH.to_vec();
        let url = target.url("/restapi/relay/outlets/2/physical_state/");
        args.extend(["-H", "Accept:application/json", &url]);
        let (code, _, body) = curl(&args);
        assert_eq!((code, body.trim()), (200, "true"));
    }
}

#[test]
fn cycle_is_a_post_call() {
    for target in Target::both(&[]) {
        let url = target.url("/restapi/relay/outlets/0/cycle/");
        let mut args = AUTH.to_vec();
        args.extend(["-X", "POST", "-H", "X-CSRF: x", &url]);
        assert_eq!(curl(&args).0, 200, "{}", target.label());
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
}

/// The gateway's `relay/name` is the profile's name for the device: read-only there.
#[test]
fn json_body_renames_the_controller() {
    for target in Target::both(&[]) {
        let url = target.url("/restapi/relay/name/");
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
        let expected = match target.is_gateway() {
            true => (405, format!("\"{GATEWAY_DEVICE}\"")),
            false => (204, "\"My controller\"".to_string()),
        };
        assert_eq!(curl(&args).0, expected.0, "{}", target.label());
        let mut args = AUTH.to_vec();
        args.push(&url);
        assert_eq!(curl(&args).2.trim(), expected.1);
    }
}

#[test]
fn uris_without_trailing_slash_are_redirected() {
    for target in Target::both(&[]) {
        let url = target.url("/restapi/relay/name");
        let mut args = AUTH.to_vec();
        args.push(&url);
        let (code, head, _) = curl(&args);
        assert_eq!(code, 301, "{}", target.label());
        assert!(head.contains("location: /restapi/relay/name/"), "{head}");
        let mut args = AUTH.to_vec();
        args.extend(["-L", &url]);
        assert_eq!(curl(&args).2.trim(), format!("\"{}\"", target.unit_name()));
    }
}

#[test]
fn unknown_resources_are_404() {
    for target in Target::both(&[]) {
        for path in [
            "/restapi/relay/outlets/42/",
            "/restapi/relay/outlets/=1,42/state/",
        ] {
            let url = target.url(path);
            let mut args = AUTH.to_vec();
            args.push(&url);
            assert_eq!(curl(&args).0, 404, "{path} on {}", target.label());
        }
    }
}

/// Every malformed request the simulator refuses, the gateway refuses the same way, before
/// anything reaches the device behind it (checked there: no outlet moved, the name stayed).
#[test]
fn malformed_requests_are_refused_alike() {
    let big_file = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(big_file.path(), "1".repeat(1024 * 1024 + 1)).unwrap();
    let big = format!("@{}", big_file.path().display());
    let outlet = "/restapi/relay/outlets/1/";
    #[rustfmt::skip]
    let cases: Vec<(u16, Vec<&str>, String)> = vec![
        // JSON that is not JSON; a form without value=; a PUT without a body.
        (400, vec!["-X", "PUT", "-H", "Content-Type: application/json", "--data", "{tru"], format!("{outlet}state/")),
        (400, vec!["-X", "PUT", "--data", "state=true"], format!("{outlet}state/")),
        (400, vec!["-X", "PUT"], format!("{outlet}state/")),
        // A value of the wrong type; an object for a leaf; a field the outlet does not have.
        (409, vec!["-X", "PUT", "--data", "value=\"on\""], format!("{outlet}state/")),
        (409, vec!["-X", "PUT", "-H", "Content-Type: application/json", "--data", "{\"a\":1}"], format!("{outlet}state/")),
        (404, vec!["-X", "PUT", "-H", "Content-Type: application/json", "--data", "{\"colour\":\"red\"}"], outlet.to_string()),
        // The relay as it is now cannot be set; an outlet cannot be deleted.
        (405, vec!["-X", "PUT", "--data", "value=true"], format!("{outlet}physical_state/")),
        (405, vec!["-X", "DELETE"], outlet.to_string()),
        // GET of a call; POST to a resource that is no call; bad call arguments.
        (405, vec![], format!("{outlet}cycle/")),
        (405, vec!["-X", "POST", "-H", "Content-Type: application/json", "--data", "[]"], format!("{outlet}state/")),
        (409, vec!["-X", "POST", "-H", "Content-Type: application/json", "--data", "{\"x\":1}"], format!("{outlet}cycle/")),
        (409, vec!["-X", "POST", "-H", "Content-Type: application/json", "--data", "[[0]]"], "/restapi/relay/set_outlet_transient_states/".into()),
        // PATCH takes a JSON patch, and only a good one.
        (415, vec!["-X", "PATCH", "--data", "value=1"], outlet.to_string()),
        (400, vec!["-X", "PATCH", "-H", "Content-Type: application/json-patch+json", "--data", "[{\"op\":\"frob\"}]"], outlet.to_string()),
        (409, vec!["-X", "PATCH", "-H", "Content-Type: application/json-patch+json", "--data", "[{\"op\":\"remove\",\"path\":\"/nothing\"}]"], outlet.to_string()),
        // Methods DLI does not take; cross-origin preflights; a change without a slash.
        (405, vec!["-X", "FROB"], outlet.to_string()),
        (403, vec!["-X", "OPTIONS"], outlet.to_string()),
        (307, vec!["-X", "PUT", "--data", "value=true"], format!("{outlet}state")),
        // A body over 1 MiB.
        (413, vec!["-X", "PUT", "--data-binary", &big], format!("{outlet}state/")),
    ];
    for target in Target::both(&[]) {
        for (expected, extra, path) in &cases {
            let url = target.url(path);
            let mut args = AUTH.to_vec();
            args.extend(["-H", "X-CSRF: x"]);
            args.extend(extra.iter().copied());
            args.push(&url);
            let (code, _, body) = curl(&args);
            let shown: String = extra
                .iter()
                .map(|a| &a[..a.len().min(60)])
                .collect::<Vec<_>>()
                .join(" ");
            assert_eq!(
                code,
                *expected,
                "{shown} {path} on {}: {body}",
                target.label()
            );
        }
        // Nothing of it reached the unit.
        let home = Home::new();
        assert!(!home.dli_state(&target.sim, 2), "{}", target.label());
        let name = home.ok_at(&target.sim, &["get", "relay/outlets/1/name"]);
        assert_eq!(json(&name), serde_json::json!("Outlet 2"));
    }
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
