//! SNMP end to end against a real agent: net-snmp's `snmpd` on a free loopback UDP port with
//! a generated configuration (v2c communities; v3 users with SHA-256/AES-128 and
//! SHA-512/AES-256), serving the ENERGY-OBJECT-MIB from the simulated DLI controller's state
//! file through `pass_persist`. The REST simulator shares that file, so changes cross over;
//! net-snmp's own `snmpget`/`snmpset` check the wire from the other side.

mod common;
use common::snmpd::{snmp, Agent};
use common::*;
use serde_json::json;
use std::time::{Duration, Instant};

const EO_STATE: &str = "1.3.6.1.2.1.229.1.2.1";

/// snmpd serving the DLI simulator's MIB from `state` (or, with `pass_script`, from a
/// hand-written pass_persist script).
fn agent(state: &std::path::Path, pass_script: Option<&str>) -> Agent {
    let dir = tempfile::tempdir().unwrap();
    let pass = match pass_script {
        Some(script) => {
            let path = dir.path().join("pass.sh");
            std::fs::write(&path, script).unwrap();
            format!("pass_persist .1.3.6.1.2.1.229 /bin/sh {}\n", path.display())
        }
        None => {
            let serve = format!(
                "{BIN} sim dli --snmp-pass-persist --outlets 8 --state-file {}",
                state.display()
            );
            format!(
                "pass_persist .1.3.6.1.2.1.229 {serve}\npass_persist .1.3.6.1.2.1.47.1.1.1.1.7 {serve}\n"
            )
        }
    };
    Agent::start(dir, &pass)
}

fn v2c(agent: &Agent, tool: &str, args: &[&str]) -> String {
    let community = if tool == "snmpset" {
        "private"
    } else {
        "public"
    };
    let (ok, out) = snmp(agent, &[tool, "-v2c", "-c", community], args);
    assert!(ok, "{tool} {args:?}: {out}");
    out
}

/// A home whose profile names the agent as `rack` (v2c), `rack256` and `rack512` (v3
/// authPriv), and the REST simulator on the same state as `web`.
struct Rig {
    home: Home,
    agent: Agent,
    web: Sim,
}

impl Rig {
    fn new() -> Rig {
        let home = Home::new();
        let state = home.dir.path().join("dli-state.json");
        let web = Sim::dli(&["--outlets", "8", "--state-file", state.to_str().unwrap()]);
        // Both faces start from the same file: make it exist before snmpd asks.
        home.ok_at(&web, &["set", "relay/sequence_delay", "0"]);
        let agent = agent(&state, None);
        home.write_profile(&format!(
            "[devices.rack]\nprotocol = \"snmp\"\nhost = \"127.0.0.1\"\nport = {port}\n\
             password_env = \"RO_COMMUNITY\"\nwrite_password_env = \"RW_COMMUNITY\"\ncycle_delay = 1\ntimeout = 2\n\n\
             [devices.rack256]\nprotocol = \"snmp\"\nhost = \"127.0.0.1\"\nport = {port}\nsnmp_version = \"3\"\n\
             user = \"ops256\"\nauth_protocol = \"sha256\"\npassword_env = \"AUTH256\"\npriv_protocol = \"aes128\"\n\
             priv_password_env = \"PRIV128\"\ntimeout = 2\n\n\
             [devices.rack512]\nprotocol = \"snmp\"\nhost = \"127.0.0.1\"\nport = {port}\nsnmp_version = \"3\"\n\
             user = \"ops512\"\nauth_protocol = \"sha512\"\npassword_env = \"AUTH512\"\npriv_protocol = \"aes256\"\n\
             priv_password_env = \"PRIV256\"\ntimeout = 2\n",
            port = agent.port
        ));
        Rig { home, agent, web }
    }

    fn cmd(&self, args: &[&str]) -> assert_cmd::Command {
        let mut c = self.home.cmd();
        c.env("RO_COMMUNITY", "public")
            .env("RW_COMMUNITY", "private")
            .env("AUTH256", "auth-pass-256")
            .env("PRIV128", "priv-pass-128")
            .env("AUTH512", "auth-pass-512")
            .env("PRIV256", "priv-pass-256")
            .args(args);
        c
    }

    fn ok(&self, args: &[&str]) -> String {
        ok(self.cmd(args))
    }

    /// The outlet's physical state as the REST face reports it.
    fn rest_state(&self, outlet: usize) -> bool {
        let path = format!("relay/outlets/{outlet}/physical_state");
        json(&self.home.ok_at(&self.web, &["get", &path]))
            .as_bool()
            .unwrap()
    }
}

#[test]
fn v2c_get_set_keys_and_cycle_against_snmpd() {
    let rig = Rig::new();
    let outlets = json(&rig.ok(&["-d", "rack", "get", "relay/outlets"]));
    assert_eq!(outlets.as_array().unwrap().len(), 8);
    assert_eq!(outlets[2]["name"], json!("Outlet 3"), "entPhysicalName");
    assert_eq!(outlets[2]["physical_state"], json!(false));

    // A change over SNMP is seen over REST, and one over REST over SNMP.
    rig.ok(&["-d", "rack", "set", "relay/outlets/2/state", "true"]);
    assert!(rig.rest_state(2));
    rig.home
        .ok_at(&rig.web, &["set", "relay/outlets/5/state", "true"]);
    assert_eq!(
        json(&rig.ok(&["-d", "rack", "get", "relay/outlets/all;/physical_state"])),
        json!([false, false, true, false, false, true, false, false])
    );
    // The same objects through net-snmp's own tools.
    assert_eq!(
        v2c(&rig.agent, "snmpget", &[&format!("{EO_STATE}.9.3")]).trim(),
        format!(".{EO_STATE}.9.3 259")
    );
    v2c(
        &rig.agent,
        "snmpset",
        &[&format!("{EO_STATE}.8.4"), "i", "259"],
    );
    assert_eq!(
        json(&rig.ok(&["-d", "rack", "get", "relay/outlets/3/state"])),
        json!(true)
    );

    // keys over a walk, and the raw passthrough both ways.
    assert_eq!(
        json(&rig.ok(&["-d", "rack", "keys", &format!("snmp/{EO_STATE}.9")])),
        json!(["1", "2", "3", "4", "5", "6", "7", "8", "257"])
    );
    assert_eq!(
        json(&rig.ok(&["-d", "rack", "get", &format!("snmp/{EO_STATE}.9.4")])),
        json!(259)
    );
    rig.ok(&["-d", "rack", "set", &format!("snmp/{EO_STATE}.8.4"), "257"]);
    assert!(!rig.rest_state(3));
    let bus = json(&rig.ok(&["-d", "rack", "get", "meter/values"]));
    assert_eq!(bus["bus.257.power"]["unit"], json!("W"));

    // cycle: off, the profile's cycle_delay, on.
    let started = Instant::now();
    rig.ok(&["-d", "rack", "invoke", "relay/outlets/2/cycle"]);
    assert!(started.elapsed() >= Duration::from_secs(1));
    assert!(rig.rest_state(2));
    // The everyday verbs ride on it too.
    assert_eq!(rig.ok(&["on", "rack:8"]), "rack:8 (Outlet 8): on\n");
    assert!(rig.rest_state(7));
}

#[test]
fn v3_authpriv_with_sha2_and_aes_against_snmpd() {
    let rig = Rig::new();
    for (device, outlet) in [("rack256", "1"), ("rack512", "6")] {
        rig.ok(&[
            "-d",
            device,
            "set",
            &format!("relay/outlets/{outlet}/state"),
            "true",
        ]);
        assert!(rig.rest_state(outlet.parse().unwrap()), "{device}");
        assert_eq!(
            json(&rig.ok(&[
                "-d",
                device,
                "get",
                &format!("relay/outlets/{outlet}/physical_state")
            ])),
            json!(true),
            "{device}"
        );
    }
    // keys and cycle over v3 too.
    for device in ["rack256", "rack512"] {
        assert_eq!(
            json(&rig.ok(&["-d", device, "keys", "relay/outlets/0"])),
            json!([
                "name",
                "state",
                "transient_state",
                "physical_state",
                "cycle_delay"
            ])
        );
    }
    rig.home.write_profile(&format!(
        "{}cycle_delay = 1\n",
        std::fs::read_to_string(rig.home.config_file()).unwrap()
    ));
    rig.ok(&["-d", "rack512", "invoke", "relay/outlets/6/cycle"]);
    assert!(rig.rest_state(6), "back on after the cycle");
    // net-snmp's snmpget agrees, over SHA-512/AES-256.
    let (ok, out) = snmp(
        &rig.agent,
        &[
            "snmpget",
            "-v3",
            "-l",
            "authPriv",
            "-u",
            "ops512",
            "-a",
            "SHA-512",
            "-A",
            "auth-pass-512",
            "-x",
            "AES-256",
            "-X",
            "priv-pass-256",
        ],
        &[&format!("{EO_STATE}.9.7")],
    );
    assert!(ok, "{out}");
    assert_eq!(out.trim(), format!(".{EO_STATE}.9.7 259"));
    // Secrets never show, even traced.
    let mut c = rig.cmd(&["-v", "-d", "rack512", "get", "relay/outlets"]);
    c.env("AUTH512", "auth-pass-512");
    let (code, _, stderr) = run(c);
    assert_eq!(code, 0);
    assert!(stderr.contains("pductl: snmp"), "{stderr}");
    for secret in ["auth-pass-512", "priv-pass-256", "private", "public"] {
        assert!(!stderr.contains(secret), "{secret} in {stderr}");
    }
}

#[test]
fn bad_credentials_and_objects_say_what_is_wrong() {
    let rig = Rig::new();
    // A wrong community: agents stay silent.
    let mut c = rig.cmd(&[
        "-d",
        "rack",
        "--timeout",
        "1",
        "get",
        "relay/outlets/0/state",
    ]);
    c.env("RO_COMMUNITY", "wrong");
    // Sent every quarter of the timeout until (1 + retries) timeouts have passed.
    let line = fails(c, 4, "did not answer SNMP");
    assert!(line.contains("community"), "{line}");
    let tries: u32 = line
        .split(" tries in ")
        .next()
        .and_then(|head| head.rsplit('(').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    assert!((12..=16).contains(&tries), "{line}");
    // A wrong v3 passphrase, an unknown user: the agent reports.
    let mut c = rig.cmd(&["-d", "rack512", "get", "relay/outlets/0/state"]);
    c.env("AUTH512", "not-the-passphrase");
    fails(c, 3, "SNMPv3 user 'ops512'");
    fails(
        rig.cmd(&[
            "-d",
            "rack512",
            "--user",
            "nobody",
            "get",
            "relay/outlets/0/state",
        ]),
        3,
        "user 'nobody'",
    );
    // A security level below what the user is allowed (authNoPriv for a priv-only user).
    let config = rig.home.config_file();
    let text = std::fs::read_to_string(&config).unwrap();
    std::fs::write(
        &config,
        format!(
            "{text}\n[devices.nopriv]\nprotocol = \"snmp\"\nhost = \"127.0.0.1\"\nport = {}\n\
             snmp_version = \"3\"\nuser = \"ops512\"\nauth_protocol = \"sha512\"\npassword_env = \"AUTH512\"\ntimeout = 2\n",
            rig.agent.port
        ),
    )
    .unwrap();
    fails(
        rig.cmd(&["-d", "nopriv", "get", "relay/outlets/0/state"]),
        3,
        "security level",
    );
    // The read community cannot write.
    let mut c = rig.cmd(&["-d", "rack", "set", "relay/outlets/0/state", "true"]);
    c.env("RW_COMMUNITY", "public");
    fails(c, 3, "noAccess");
    // Objects that are not there, outlets out of range, what SNMP cannot do.
    fails(
        rig.cmd(&["-d", "rack", "get", "snmp/1.3.6.1.2.1.1.99.0"]),
        1,
        "no object 1.3.6.1.2.1.1.99.0",
    );
    fails(
        rig.cmd(&["-d", "rack", "get", "relay/outlets/12/state"]),
        1,
        "outlets 0-7",
    );
    fails(
        rig.cmd(&["-d", "rack", "set", "relay/outlets/0/name", "\"DUT\""]),
        8,
        "not supported by snmp",
    );
    fails(
        rig.cmd(&["-d", "rack", "get", "snmp/sysName"]),
        2,
        "not an OID",
    );
    assert!(!rig.rest_state(0), "nothing switched");
}

#[test]
fn an_agent_answering_the_wrong_type_is_a_malformed_answer() {
    let home = Home::new();
    // A hand-written pass_persist that answers eoPowerOperState with strings.
    let script = "while read cmd; do\n\
                  case \"$cmd\" in\n\
                  PING) echo PONG ;;\n\
                  get|getnext) read oid; echo .1.3.6.1.2.1.229.1.2.1.9.1; echo string; echo on ;;\n\
                  set) read oid; read value; echo not-writable ;;\n\
                  esac\n\
                  done\n";
    let agent = agent(&home.dir.path().join("unused.json"), Some(script));
    home.write_profile(&format!(
        "[devices.odd]\nprotocol = \"snmp\"\nhost = \"127.0.0.1\"\nport = {}\ntimeout = 2\n",
        agent.port
    ));
    let mut c = home.cmd();
    c.args(["-d", "odd", "get", "relay/outlets/0/physical_state"]);
    fails(c, 5, "not an INTEGER");
}
