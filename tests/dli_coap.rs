//! DLI's REST over CoAP over WebSockets, end to end: the built `pductl --protocol dli-coap`
//! against `pductl sim dli` (whose `/.well-known/coap` shares the REST face's state), the
//! real Python aiocoap client against the simulator, and a hand-made CoAP server for the
//! bad input a device could send.

mod common;
use common::*;
use futures_util::{SinkExt, StreamExt};
use serde_json::{json, Value};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use tokio_tungstenite::tungstenite::Message;

/// `pductl --protocol dli-coap` at `sim` with the default admin login.
fn coap_at(home: &Home, sim: &Sim) -> assert_cmd::Command {
    let mut c = home.at(sim);
    c.args(["--protocol", "dli-coap"]);
    c
}

fn coap_ok(home: &Home, sim: &Sim, args: &[&str]) -> String {
    let mut c = coap_at(home, sim);
    c.args(args);
    ok(c)
}

#[test]
fn every_verb_works_over_coap() {
    let sim = Sim::dli(&["--outlets", "4"]);
    let home = Home::new();
    assert_eq!(
        coap_ok(&home, &sim, &["get", "relay/outlets/0/state"]).trim(),
        "false"
    );
    let outlets = json(&coap_ok(&home, &sim, &["get", "relay/outlets"]));
    assert_eq!(outlets.as_array().unwrap().len(), 4);
    // Selections are read once and picked here: no matrix URI goes over CoAP.
    assert_eq!(
        json(&coap_ok(&home, &sim, &["get", "relay/outlets/=0,3/name"])),
        json!(["Outlet 1", "Outlet 4"])
    );
    assert_eq!(
        json(&coap_ok(
            &home,
            &sim,
            &["get", "relay/outlets/all;/=name,physical_state"]
        )),
        json!(["Outlet 1", false, "Outlet 2", false, "Outlet 3", false, "Outlet 4", false])
    );
    // set, including through a selection (one PUT per outlet).
    coap_ok(&home, &sim, &["set", "relay/name", "\"coap unit\""]);
    coap_ok(
        &home,
        &sim,
        &["set", "relay/outlets/=1,2/transient_state", "true"],
    );
    assert_eq!(
        json(&home.ok_at(&sim, &["get", "relay/outlets/all;/transient_state"])),
        json!([false, true, true, false])
    );
    // insert (POST for '-', PATCH with a JSON patch for an index) and remove.
    let link = |href: &str| format!("{{\"href\":\"{href}\",\"description\":\"{href}\"}}");
    coap_ok(
        &home,
        &sim,
        &["insert", "config/links/-", &link("http://b/")],
    );
    coap_ok(
        &home,
        &sim,
        &["insert", "config/links/0", &link("http://a/")],
    );
    assert_eq!(
        json(&coap_ok(&home, &sim, &["get", "config/links/all;/href"])),
        json!(["http://a/", "https://www.digital-loggers.com/", "http://b/"])
    );
    coap_ok(&home, &sim, &["remove", "config/links/-"]);
    coap_ok(&home, &sim, &["remove", "config/links/0"]);
    assert_eq!(
        json(&home.ok_at(&sim, &["get", "config/links/all;/href"])),
        json!(["https://www.digital-loggers.com/"])
    );
    // invoke, describe, keys, dump.
    coap_ok(&home, &sim, &["set", "relay/outlets/3/state", "true"]);
    coap_ok(&home, &sim, &["invoke", "relay/outlets/3/cycle"]);
    let mut c = coap_at(&home, &sim);
    c.args(["invoke", "relay/set_outlet_transient_states", "nonsense"]);
    fails(c, 1, "CoAP 4.09");
    let described = json(&coap_ok(
        &home,
        &sim,
        &["describe", "relay/outlets/0/state"],
    ));
    assert_eq!(described["type"], json!("boolean"));
    let keys = json(&coap_ok(&home, &sim, &["keys", "relay/outlets/1"]));
    assert!(keys.as_array().unwrap().contains(&json!("physical_state")));
    let dump = coap_ok(&home, &sim, &["dump", "relay/outlets"]);
    assert!(dump.contains("Outlet 2"), "{dump}");
    // Errors map as REST's do.
    let mut c = coap_at(&home, &sim);
    c.args(["get", "relay/nothing"]);
    fails(c, 1, "CoAP 4.04");
    let mut c = coap_at(&home, &sim);
    c.args(["set", "relay/outlets/0/physical_state", "true"]);
    fails(c, 1, "CoAP 4.05");
}

#[test]
fn a_change_over_coap_shows_over_rest_and_back() {
    let sim = Sim::dli(&["--outlets", "2"]);
    let home = Home::new();
    coap_ok(&home, &sim, &["set", "relay/outlets/1/state", "true"]);
    assert_eq!(
        json(&home.ok_at(&sim, &["get", "relay/outlets/1/state"])),
        json!(true)
    );
    home.ok_at(&sim, &["set", "relay/outlets/1/name", "\"DUT\""]);
    assert_eq!(
        json(&coap_ok(&home, &sim, &["get", "relay/outlets/1/name"])),
        json!("DUT")
    );
}

#[test]
fn the_power_verbs_work_over_coap() {
    let sim = Sim::dli(&["--outlets", "4"]);
    let home = Home::new();
    let target = |o: &str| format!("127.0.0.1:{o}");
    coap_ok(&home, &sim, &["on", &target("1,3")]);
    assert!(home.dli_state(&sim, 1) && home.dli_state(&sim, 3));
    assert!(!home.dli_state(&sim, 2));
    coap_ok(&home, &sim, &["off", &target("3")]);
    assert!(!home.dli_state(&sim, 3));
    coap_ok(&home, &sim, &["set", "relay/outlets/0/cycle_delay", "1"]);
    coap_ok(&home, &sim, &["cycle", &target("1")]);
    assert!(home.dli_state(&sim, 1));
    let mut c = coap_at(&home, &sim);
    c.args(["-o", "json", "status", &target("all")]);
    let status = json(&ok(c));
    let states: Vec<Value> = status
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["state"].clone())
        .collect();
    assert_eq!(
        states,
        vec![json!("on"), json!("off"), json!("off"), json!("off")]
    );
}

#[test]
fn subscribe_polls_over_one_connection() {
    let sim = Sim::dli(&["--outlets", "2"]);
    let home = Home::new();
    let mut sub = home.std_cmd();
    sub.args([
        "--protocol",
        "dli-coap",
        "--host",
        "127.0.0.1",
        "--port",
        sim.port(),
        "--password-env",
        PASSWORD_VAR,
        "-v",
        "subscribe",
        "relay/outlets/1/state",
        "--interval",
        "0.1",
        "--count",
        "1",
    ])
    .env(PASSWORD_VAR, "1234")
    .stdout(std::process::Stdio::piped())
    .stderr(std::process::Stdio::piped());
    let child = sub.spawn().unwrap();
    std::thread::sleep(std::time::Duration::from_millis(500));
    home.ok_at(&sim, &["set", "relay/outlets/1/state", "true"]);
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let trace = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        trace.matches("opened the CoAP WebSocket").count(),
        1,
        "{trace}"
    );
    assert!(trace.matches("GET coap+ws://").count() > 2, "{trace}");
    let lines: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(json)
        .collect();
    assert_eq!(lines.last().unwrap()["value"], json!(true), "{lines:?}");
}

#[test]
fn logins_on_the_upgrade() {
    let sim = Sim::dli(&["--outlets", "2"]);
    let home = Home::new();
    let mut c = coap_at(&home, &sim);
    c.env(PASSWORD_VAR, "wrong").args(["get", "relay/name"]);
    fails(c, 3, "rejected the user name or password");
    let mut c = home.cmd();
    c.args([
        "--protocol",
        "dli-coap",
        "--host",
        "127.0.0.1",
        "--port",
        sim.port(),
        "get",
        "relay/name",
    ]);
    fails(c, 3, "asks for a password");

    // --coap-auth none: no login needed on CoAP; REST still asks for one.
    let open = Sim::dli(&["--outlets", "2", "--coap-auth", "none"]);
    let mut c = home.cmd();
    c.args([
        "--protocol",
        "dli-coap",
        "--host",
        "127.0.0.1",
        "--port",
        open.port(),
        "get",
        "relay/outlets/0/state",
    ]);
    assert_eq!(ok(c).trim(), "false");
    let mut c = home.cmd();
    c.args([
        "--host",
        "127.0.0.1",
        "--port",
        open.port(),
        "get",
        "relay/name",
    ]);
    fails(c, 3, "password");
}

// ----- a device that misbehaves --------------------------------------------------------

/// What the hand-made server does with each request.
#[derive(Clone, Copy)]
enum Misbehave {
    /// Answers with an option that runs past the message's end.
    OptionPastEnd,
    /// Answers with Content-Format twice.
    RepeatedOption,
    /// Aborts (7.05) instead of answering.
    Abort,
    /// Closes the WebSocket instead of answering.
    Close,
}

/// A CoAP-over-WebSockets server on loopback that sends its CSM and then misbehaves;
/// returns its port and the count of requests it saw.
fn misbehaving(how: Misbehave) -> (u16, Arc<AtomicUsize>) {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.set_nonblocking(true).unwrap();
    let port = listener.local_addr().unwrap().port();
    let seen = Arc::new(AtomicUsize::new(0));
    let count = seen.clone();
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(async move {
            let listener = tokio::net::TcpListener::from_std(listener).unwrap();
            loop {
                let (stream, _) = listener.accept().await.unwrap();
                let count = count.clone();
                tokio::spawn(async move {
                    // The server's Err answers are tungstenite's type, not ours.
                    #[allow(clippy::result_large_err)]
                    let callback = |_: &tokio_tungstenite::tungstenite::handshake::server::Request,
                                    mut response: tokio_tungstenite::tungstenite::handshake::server::Response| {
                        response
                            .headers_mut()
                            .insert("Sec-WebSocket-Protocol", "coap".parse().unwrap());
                        Ok(response)
                    };
                    let Ok(mut ws) = tokio_tungstenite::accept_hdr_async(stream, callback).await
                    else {
                        return;
                    };
                    let _ = ws.send(Message::Binary(vec![0x00, 0xE1].into())).await;
                    while let Some(Ok(m)) = ws.next().await {
                        let Message::Binary(frame) = m else { continue };
                        let tkl = usize::from(frame[0] & 0x0F);
                        let code = frame[1];
                        if code >> 5 == 7 {
                            continue; // its CSM
                        }
                        count.fetch_add(1, Ordering::SeqCst);
                        let token = frame[2..2 + tkl].to_vec();
                        let answer = |code: u8, rest: &[u8]| {
                            let mut f = vec![token.len() as u8, code];
                            f.extend_from_slice(&token);
                            f.extend_from_slice(rest);
                            Message::Binary(f.into())
                        };
                        match how {
                            Misbehave::OptionPastEnd => {
                                let _ = ws.send(answer(0x45, &[0xC5, 0x32])).await;
                            }
                            Misbehave::RepeatedOption => {
                                let m = answer(0x45, &[0xC1, 0x32, 0x01, 0x32, 0xFF, b'1']);
                                let _ = ws.send(m).await;
                            }
                            Misbehave::Abort => {
                                let mut f = vec![0x00, 0xE5];
                                f.extend_from_slice(b"\xFFshutting down");
                                let _ = ws.send(Message::Binary(f.into())).await;
                            }
                            Misbehave::Close => {
                                let _ = ws.close(None).await;
                                return;
                            }
                        }
                    }
                });
            }
        });
    });
    (port, seen)
}

fn at_port(home: &Home, port: u16) -> assert_cmd::Command {
    let mut c = home.cmd();
    c.args([
        "--protocol",
        "dli-coap",
        "--host",
        "127.0.0.1",
        "--port",
        &port.to_string(),
        "--timeout",
        "3",
    ]);
    c
}

#[test]
fn bad_frames_abort_and_closing_are_named_never_a_panic() {
    let home = Home::new();
    let (port, _) = misbehaving(Misbehave::OptionPastEnd);
    let mut c = at_port(&home, port);
    c.args(["get", "relay/name"]);
    fails(c, 5, "option past the message's end");

    let (port, _) = misbehaving(Misbehave::RepeatedOption);
    let mut c = at_port(&home, port);
    c.args(["get", "relay/name"]);
    fails(c, 5, "option 12 repeated");

    let (port, _) = misbehaving(Misbehave::Abort);
    let mut c = at_port(&home, port);
    c.args(["get", "relay/name"]);
    fails(c, 5, "aborted the CoAP connection (7.05): shutting down");

    let (port, _) = misbehaving(Misbehave::Close);
    let mut c = at_port(&home, port);
    c.args(["get", "relay/name"]);
    fails(c, 5, "closed the CoAP WebSocket in the middle of an answer");
}

#[test]
fn a_call_is_never_sent_again_on_a_new_connection() {
    let home = Home::new();
    let (port, seen) = misbehaving(Misbehave::Close);
    let mut c = at_port(&home, port);
    c.args(["invoke", "relay/outlets/0/cycle"]);
    fails(c, 5, "closed the CoAP WebSocket");
    assert_eq!(seen.load(Ordering::SeqCst), 1);
    // A read is tried again on a new connection.
    let (port, seen) = misbehaving(Misbehave::Close);
    let mut c = at_port(&home, port);
    c.args(["get", "relay/name"]);
    fails(c, 5, "closed the CoAP WebSocket");
    assert!(seen.load(Ordering::SeqCst) > 1);
}

/// `wss://`: the simulator's HTTPS port carries the WebSocket too; its self-signed
/// certificate is refused until trusted.
#[test]
fn wss_verifies_the_certificate_and_then_works() {
    let home = Home::new();
    let cert = home.dir.path().join("sim-cert.pem");
    let cert_arg = cert.display().to_string();
    let sim = Sim::dli(&["--tls", "--cert-out", &cert_arg]);
    let port: u16 = sim.port().parse().unwrap();
    let mut c = at_port(&home, port);
    c.env(PASSWORD_VAR, "1234").args([
        "--password-env",
        PASSWORD_VAR,
        "--tls",
        "get",
        "relay/name",
    ]);
    fails(c, 4, "cannot establish a trusted TLS connection");
    let mut c = at_port(&home, port);
    c.env(PASSWORD_VAR, "1234").args([
        "--password-env",
        PASSWORD_VAR,
        "--tls",
        "--ca-file",
        &cert_arg,
        "get",
        "relay/name",
    ]);
    assert_eq!(json(&ok(c)), json!("DLI Controller"));
}

// ----- the real Python client ----------------------------------------------------------

/// Runs tests/dli_coap_client.py: the JSON it printed ({"code", "payload"}).
fn aiocoap(python: &str, args: &[&str]) -> Value {
    let out = std::process::Command::new(python)
        .arg(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/dli_coap_client.py"
        ))
        .args(args)
        .env("NO_PROXY", "127.0.0.1,localhost")
        .env_remove("HTTP_PROXY")
        .env_remove("http_proxy")
        .output()
        .expect("run python");
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_str(stdout.trim()).unwrap_or(Value::Null)
}

#[test]
fn aiocoap_drives_the_simulator_unchanged() {
    let Some(python) = test_python("aiocoap") else {
        return;
    };
    let sim = Sim::dli(&["--outlets", "2", "--coap-auth", "none"]);
    let home = Home::new();
    let uri = format!("coap+ws://{}/restapi/relay/outlets/0/state/", sim.addr);
    assert_eq!(
        aiocoap(&python, &["get", &uri]),
        json!({"code": "2.05", "payload": false})
    );
    assert_eq!(
        aiocoap(&python, &["put", &uri, "true"])["code"],
        json!("2.04")
    );
    assert_eq!(
        aiocoap(&python, &["get", &uri]),
        json!({"code": "2.05", "payload": true})
    );
    // ...and REST sees it.
    assert_eq!(
        json(&home.ok_at(&sim, &["get", "relay/outlets/0/state"])),
        json!(true)
    );
}
