//! pductl under rigs that exist: pdudaemon's HTTP API as LAVA and labgrid call it
//! (`pductl serve`), the fence-agent interface as Pacemaker drives it (`fence_pductl`, with
//! its metadata checked by fence-agents' own schema and xmllint), and uom's own name.

mod common;
use common::*;
use serde_json::json;
use std::io::{Read, Write};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// fence-agents' schema for `-o metadata` (Debian package fence-agents).
const METADATA_RNG: &str = "/usr/share/cluster/relaxng/metadata.rng";

/// A DLI controller `pdu-a`, a NETIO 4All `desk`, and a DLI controller `slow` that takes 3 s
/// to answer (its profile allows 1 s).
struct Rig {
    home: Home,
    a: Sim,
    desk: Sim,
    _slow: Sim,
}

impl Rig {
    fn new() -> Rig {
        let a = Sim::dli(&["--outlets", "8"]);
        let desk = Sim::start("netio", &["--model", "netio-4all"]);
        let slow = Sim::dli(&["--fault", "slow=3000"]);
        let home = Home::new();
        home.write_profile(&format!(
            "[devices.pdu-a]\nhost = \"127.0.0.1\"\nport = {}\npassword_env = \"{PASSWORD_VAR}\"\n\n\
             [devices.desk]\nprotocol = \"netio-json\"\nhost = \"127.0.0.1\"\nport = {}\n\n\
             [devices.slow]\nhost = \"127.0.0.1\"\nport = {}\npassword_env = \"{PASSWORD_VAR}\"\ntimeout = 1\n\n\
             [aliases]\nboard1 = \"pdu-a:4\"\n\n\
             [groups]\nboard2 = [\"pdu-a:1\", \"desk:1\"]\n",
            a.port(),
            desk.port(),
            slow.port()
        ));
        let rig = Rig {
            home,
            a,
            desk,
            _slow: slow,
        };
        rig.home
            .ok_at(&rig.a, &["set", "relay/sequence_delay", "0"]);
        rig
    }

    fn dli_state(&self, outlet: usize) -> bool {
        self.home.dli_state(&self.a, outlet)
    }

    fn desk_state(&self, outlet: usize) -> bool {
        self.home.netio_state(self.desk.port(), outlet)
    }
}

/// `pductl serve` on an ephemeral loopback port; stopped (SIGTERM) when dropped.
struct Server {
    child: Child,
    addr: String,
}

impl Server {
    fn start(rig: &Rig) -> Server {
        let mut child = rig
            .home
            .std_cmd()
            .env(PASSWORD_VAR, "1234")
            .args(["serve", "--listen", "127.0.0.1:0"])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let addr = announced_address(&mut child);
        Server { child, addr }
    }

    /// A GET as pduclient and labgrid send it: (status, body).
    fn get(&self, path_and_query: &str) -> (u16, String) {
        let out = Command::new("curl")
            .args(["-sS", "--max-time", "30", "-w", "\n%{http_code}"])
            .arg(format!("http://{}{path_and_query}", self.addr))
            .output()
            .expect("curl is installed (scripts/test.sh installs it)");
        let text = String::from_utf8_lossy(&out.stdout).into_owned();
        let (body, code) = text.rsplit_once('\n').unwrap_or(("", "0"));
        (code.parse().unwrap_or(0), body.to_string())
    }

    fn signal(&self, name: &str) {
        let sent = Command::new("sh")
            .args(["-c", &format!("kill -{name} {}", self.child.id())])
            .status()
            .unwrap();
        assert!(sent.success());
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

const ACCEPTED: (u16, &str) = (200, "OK - accepted request");

#[test]
fn lava_and_labgrid_requests_switch_outlets() {
    let rig = Rig::new();
    let server = Server::start(&rig);
    let ok_answer =
        |(code, body): (u16, String)| (code, body) == (ACCEPTED.0, ACCEPTED.1.to_string());

    // labgrid's PDUDaemonDriver: on, off, and reboot with its delay.
    assert!(ok_answer(
        server.get("/power/control/on?hostname=pdu-a&port=2")
    ));
    assert!(rig.dli_state(2));
    assert_eq!(
        server.get("/power/status?hostname=pdu-a&port=2"),
        (200, "on".into())
    );
    assert!(ok_answer(
        server.get("/power/control/off?hostname=pdu-a&port=2")
    ));
    assert!(!rig.dli_state(2));
    assert_eq!(
        server.get("/power/status?hostname=pdu-a&port=2"),
        (200, "off".into())
    );
    // LAVA's pduclient --http: a reboot with a delay, on a NETIO device, and by alias.
    let started = Instant::now();
    assert!(ok_answer(
        server.get("/power/control/reboot?hostname=desk&port=1&delay=1")
    ));
    assert!(started.elapsed() >= Duration::from_secs(1));
    assert!(rig.desk_state(1), "a reboot ends on");
    assert!(ok_answer(server.get("/power/control/on?alias=board1")));
    assert!(rig.dli_state(4));
    // Outlet names work as ports.
    assert!(ok_answer(
        server.get("/power/control/on?hostname=pdu-a&port=Outlet%205")
    ));
    assert!(rig.dli_state(5));
}

#[test]
fn bad_requests_switch_nothing_and_the_server_keeps_serving() {
    let rig = Rig::new();
    let server = Server::start(&rig);
    for (query, needle) in [
        (
            "/power/control/on?hostname=nope&port=1",
            "unknown device 'nope'",
        ),
        ("/power/control/on?alias=nobody", "unknown target 'nobody'"),
        (
            "/power/control/on?hostname=pdu-a&port=99",
            "pdu-a has outlets 1-8",
        ),
    ] {
        let (code, body) = server.get(query);
        assert_eq!(code, 500, "{query}: {body}");
        assert!(body.starts_with("Invalid request: "), "{body}");
        assert!(body.contains(needle), "{body}");
    }
    assert_eq!(server.get("/power/control/on?hostname=pdu-a").0, 400);
    assert_eq!(
        server
            .get("/power/control/on?hostname=pdu-a&port=1&delay=soon")
            .0,
        400
    );
    assert_eq!(server.get("/power/control/on?hostname&port=1").0, 400);
    assert_eq!(
        server.get("/power/control/explode?hostname=pdu-a&port=1").0,
        404
    );
    let (code, body) = server.get("/index.html");
    assert_eq!(
        (code, body.as_str()),
        (
            404,
            "Not found: this server answers /power/control/{on,off,reboot} and /power/status"
        )
    );
    // A body that never ends does not hold the server.
    let mut stuck = std::net::TcpStream::connect(&server.addr).unwrap();
    stuck
        .write_all(b"POST /power/control/on?hostname=pdu-a&port=1 HTTP/1.1\r\nHost: x\r\nContent-Length: 100000000\r\n\r\npartial")
        .unwrap();
    let mut head = [0u8; 12];
    stuck
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    stuck.read_exact(&mut head).unwrap();
    assert_eq!(&head, b"HTTP/1.1 405");
    assert!((1..=8).all(|n| !rig.dli_state(n)), "nothing switched");
    assert_eq!(
        server.get("/power/status?hostname=pdu-a&port=1"),
        (200, "off".into())
    );
}

#[test]
fn one_device_at_a_time_and_a_slow_device_holds_up_no_other() {
    let rig = Rig::new();
    let server = std::sync::Arc::new(Server::start(&rig));
    let started = Instant::now();
    let spawn = |query: String| {
        let server = server.clone();
        std::thread::spawn(move || {
            let answer = server.get(&query);
            (answer, started.elapsed())
        })
    };
    // Three reboots of pdu-a (1 s each) take turns; desk and the slow device answer
    // meanwhile.
    let reboots: Vec<_> = (1..=3)
        .map(|n| {
            spawn(format!(
                "/power/control/reboot?hostname=pdu-a&port={n}&delay=1"
            ))
        })
        .collect();
    std::thread::sleep(Duration::from_millis(200));
    let desk = spawn("/power/control/on?hostname=desk&port=2".into());
    let slow = spawn("/power/control/on?hostname=slow&port=1".into());
    let (answer, at) = desk.join().unwrap();
    assert_eq!(answer, (200, ACCEPTED.1.into()));
    assert!(at < Duration::from_secs(2), "desk waited for pdu-a: {at:?}");
    let ((code, body), at) = slow.join().unwrap();
    assert_eq!(code, 500, "{body}");
    assert!(body.contains("did not answer within 1s"), "{body}");
    // Its reads are tried again until (1 + retries) x timeout is spent.
    assert!(
        at < Duration::from_millis(5500),
        "answered within its budget: {at:?}"
    );
    let mut last = Duration::ZERO;
    for r in reboots {
        let (answer, at) = r.join().unwrap();
        assert_eq!(answer, (200, ACCEPTED.1.into()));
        last = last.max(at);
    }
    assert!(last >= Duration::from_secs(3), "serialized: {last:?}");
}

#[test]
fn a_signal_stops_the_server_after_the_requests_in_flight() {
    let rig = Rig::new();
    let mut server = Server::start(&rig);
    let addr = server.addr.clone();
    let reboot = std::thread::spawn(move || {
        let out = Command::new("curl")
            .args(["-sS", "--max-time", "30"])
            .arg(format!(
                "http://{addr}/power/control/reboot?hostname=pdu-a&port=6&delay=2"
            ))
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    });
    // Off while the reboot waits: the request is in flight.
    assert!(eventually(5.0, || !rig.dli_state(6)));
    std::thread::sleep(Duration::from_millis(300));
    server.signal("TERM");
    assert_eq!(reboot.join().unwrap(), ACCEPTED.1);
    // Done serving, it exits as any command a signal ends: 128 + 15.
    let status = server.child.wait().unwrap();
    assert_eq!(status.code(), Some(143));
    assert!(rig.dli_state(6));
}

#[test]
fn the_status_of_a_group_whose_outlets_differ_is_an_error_naming_them() {
    let rig = Rig::new();
    let server = Server::start(&rig);
    let status = "/power/status?alias=board2";
    assert_eq!(server.get(status), (200, "off".into()));
    assert_eq!(
        server.get("/power/control/on?hostname=pdu-a&port=1"),
        (ACCEPTED.0, ACCEPTED.1.into())
    );
    // Neither on nor off: pdudaemon's error answer, naming each outlet's state.
    assert_eq!(
        server.get(status),
        (500, "Invalid request: mixed: pdu-a:1 on, desk:1 off".into())
    );
    assert_eq!(
        server.get("/power/control/on?alias=board2"),
        (ACCEPTED.0, ACCEPTED.1.into())
    );
    assert_eq!(server.get(status), (200, "on".into()));
}

/// A directory with `pductl` linked under the names it answers to.
fn linked(home: &Home, name: &str) -> std::path::PathBuf {
    let dir = home.dir.path().join("bin");
    std::fs::create_dir_all(&dir).unwrap();
    let link = dir.join(name);
    if !link.exists() {
        std::os::unix::fs::symlink(BIN, &link).unwrap();
    }
    link
}

/// `fence_pductl` fed `stdin` as Pacemaker feeds it: (exit code, stdout, stderr).
fn fence(rig: &Rig, stdin: &str) -> (i32, String, String) {
    let mut child = Command::new(linked(&rig.home, "fence_pductl"))
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("HOME", rig.home.dir.path())
        .env("XDG_CONFIG_HOME", rig.home.dir.path().join("config"))
        .env(PASSWORD_VAR, "1234")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn pacemaker_drives_the_fence_agent_through_stdin() {
    let rig = Rig::new();
    let (code, out, _) = fence(&rig, "action=on\nport=3\nipaddr=pdu-a\nnodename=node1\n");
    assert_eq!((code, out.as_str()), (0, "Success: Powered ON\n"));
    assert!(rig.dli_state(3));
    assert_eq!(
        fence(&rig, "action=on\nplug=3\nip=pdu-a\n").1,
        "Success: Already ON\n"
    );
    // status: 0 on, 2 off.
    assert_eq!(fence(&rig, "action=status\nplug=3\nip=pdu-a\n").0, 0);
    assert_eq!(fence(&rig, "action=status\nplug=4\nip=pdu-a\n").0, 2);
    // reboot is off, verify, on, verify.
    let (code, out, _) = fence(&rig, "action=reboot\nplug=3\nip=pdu-a\npower_wait=1\n");
    assert_eq!((code, out.as_str()), (0, "Success: Rebooted\n"));
    assert!(rig.dli_state(3));
    let (code, out, _) = fence(&rig, "action=off\nplug=Outlet 3\nip=pdu-a\n");
    assert_eq!((code, out.as_str()), (0, "Success: Powered OFF\n"));
    assert!(!rig.dli_state(3));
    // list and list-status, for stonith_admin.
    let (code, out, _) = fence(&rig, "action=list\nip=pdu-a\n");
    assert_eq!(code, 0);
    assert_eq!(out.lines().next(), Some("1,Outlet 1"));
    assert_eq!(out.lines().count(), 8);
    let (_, out, _) = fence(&rig, "action=list-status\nip=desk\n");
    assert_eq!(out.lines().next(), Some("1,output_1,OFF"));
    assert_eq!(fence(&rig, "action=monitor\nip=pdu-a\n").0, 0);
    // The same on the command line, and as `pductl fence`.
    let mut c = rig.home.cmd();
    c.env(PASSWORD_VAR, "1234")
        .args(["fence", "-o", "on", "-a", "desk", "-n", "2"]);
    assert_eq!(ok(c), "Success: Powered ON\n");
    assert!(rig.desk_state(2));
}

#[test]
fn fence_agent_failures_exit_1_and_switch_nothing() {
    let rig = Rig::new();
    for (stdin, needle) in [
        (
            "action=explode\nplug=1\nip=pdu-a\n",
            "unknown action 'explode'",
        ),
        ("action=off\nip=pdu-a\n", "needs a plug"),
        ("action=on\nplug=1\n", "no device"),
        (
            "action=on\nthis line is broken\nplug=1\nip=pdu-a\n",
            "'this line is broken'",
        ),
        ("action=on\nplug=42\nip=pdu-a\n", "pdu-a has outlets 1-8"),
        ("action=on\nplug=1\nip=slow\n", "did not answer within"),
        ("action=status\nplug=1\nip=slow\n", "did not answer within"),
    ] {
        let (code, out, err) = fence(&rig, stdin);
        assert_eq!(code, 1, "{stdin:?}: {err}");
        assert_eq!(out, "", "{stdin:?}");
        assert!(err.contains(needle), "{stdin:?}: {err}");
    }
    assert!(!rig.dli_state(1), "nothing switched");
}

#[test]
fn fence_metadata_passes_fence_agents_own_schema() {
    let rig = Rig::new();
    let (code, xml, _) = fence(&rig, "action=metadata\n");
    assert_eq!(code, 0);
    let file = rig.home.dir.path().join("metadata.xml");
    std::fs::write(&file, &xml).unwrap();
    let out = Command::new("xmllint")
        .args(["--noout", "--relaxng", METADATA_RNG])
        .arg(&file)
        .output()
        .expect("xmllint is installed (scripts/test.sh installs libxml2-utils and fence-agents)");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for action in [
        "on", "off", "reboot", "status", "list", "monitor", "metadata",
    ] {
        assert!(
            xml.contains(&format!("<action name=\"{action}\" />")),
            "{action}"
        );
    }
}

#[test]
fn named_uom_it_runs_uom_command_lines() {
    let rig = Rig::new();
    let uom = linked(&rig.home, "uom");
    let run_uom = |args: &[&str], device: Option<&str>| {
        let mut c = assert_cmd::Command::new(&uom);
        c.env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .env("HOME", rig.home.dir.path())
            .env("XDG_CONFIG_HOME", rig.home.dir.path().join("config"))
            .env(PASSWORD_VAR, "1234")
            .args(args);
        if let Some(d) = device {
            c.env("PDUCTL_DEVICE", d);
        }
        ok(c)
    };
    // The README's uom examples, on the device PDUCTL_DEVICE names.
    let dev = Some("pdu-a");
    assert_eq!(
        run_uom(&["get", "relay/outlets/2/state"], dev).trim(),
        "false"
    );
    run_uom(&["set", "relay/outlets/2/state", "true"], dev);
    assert!(rig.dli_state(3));
    run_uom(&["set", "relay/name", "\"My controller\""], dev);
    assert_eq!(
        json(&run_uom(&["get", "relay/name"], dev)),
        json!("My controller")
    );
    run_uom(&["invoke", "relay/outlets/0/cycle"], dev);
    assert_eq!(
        json(&run_uom(&["keys", "relay/outlets/0"], dev))
            .as_array()
            .unwrap()
            .len(),
        7
    );
    // Or on the profile's default_device.
    let config = rig.home.config_file();
    let text = std::fs::read_to_string(&config).unwrap();
    std::fs::write(&config, format!("default_device = \"pdu-a\"\n{text}")).unwrap();
    assert_eq!(
        run_uom(&["get", "relay/outlets/2/state"], None).trim(),
        "true"
    );
}
