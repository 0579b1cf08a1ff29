//! net-snmp's `snmpd` as a real agent for the tests, on a free loopback UDP port with a
//! generated configuration: v2c communities `public` (read) and `private` (write), v3 users
//! with SHA-256/AES-128 (`ops256`) and SHA-512/AES-256 (`ops512`), and what the test adds
//! (`pass_persist` scripts, `override` objects).

use super::eventually;
use std::process::{Child, Command, Stdio};

/// A running snmpd; killed when dropped.
pub struct Agent {
    child: Child,
    pub port: u16,
    dir: tempfile::TempDir,
}

impl Agent {
    /// snmpd with `extra` appended to its configuration, files kept in `dir`.
    pub fn start(dir: tempfile::TempDir, extra: &str) -> Agent {
        let port = std::net::UdpSocket::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let config = dir.path().join("snmpd.conf");
        std::fs::write(
            &config,
            format!(
                "rocommunity public 127.0.0.1\n\
                 rwcommunity private 127.0.0.1\n\
                 createUser ops256 SHA-256 \"auth-pass-256\" AES \"priv-pass-128\"\n\
                 createUser ops512 SHA-512 \"auth-pass-512\" AES-256 \"priv-pass-256\"\n\
                 rwuser ops256 priv\n\
                 rwuser ops512 priv\n\
                 {extra}"
            ),
        )
        .unwrap();
        // The endpoint on the command line, no agentAddress in the file: both make snmpd
        // exit.
        let child = Command::new("/usr/sbin/snmpd")
            .args(["-f", "-C", "-c"])
            .arg(&config)
            .arg("-Lf")
            .arg(dir.path().join("snmpd.log"))
            .arg(format!("udp:127.0.0.1:{port}"))
            .env("SNMP_PERSISTENT_DIR", dir.path().join("persist"))
            .env("MIBS", "")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("snmpd is installed (scripts/test.sh installs snmpd and snmp)");
        let agent = Agent { child, port, dir };
        let ready = eventually(10.0, || {
            snmp(
                &agent,
                &["snmpget", "-v2c", "-c", "public", "-t", "0.3", "-r", "0"],
                &["1.3.6.1.2.1.1.5.0"],
            )
            .0
        });
        assert!(ready, "snmpd answers");
        agent
    }

    /// snmpd serving the ENERGY-OBJECT-MIB of a simulated DLI controller with `outlets`
    /// outlets whose state is in `state` (a REST simulator on the same file sees the same
    /// relays).
    pub fn dli_mib(state: &std::path::Path, outlets: usize) -> Agent {
        let serve = format!(
            "{} sim dli --snmp-pass-persist --outlets {outlets} --state-file {}",
            super::BIN,
            state.display()
        );
        Agent::start(
            tempfile::tempdir().unwrap(),
            &format!("pass_persist .1.3.6.1.2.1.229 {serve}\n"),
        )
    }

    pub fn address(&self) -> String {
        format!("127.0.0.1:{}", self.port)
    }
}

impl Drop for Agent {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = &self.dir;
    }
}

/// A net-snmp tool at the agent: (succeeded, stdout).
pub fn snmp(agent: &Agent, tool: &[&str], args: &[&str]) -> (bool, String) {
    let out = Command::new(tool[0])
        .args(&tool[1..])
        .args(["-On", "-Oq", "-m", ""])
        .arg(agent.address())
        .args(args)
        .output()
        .expect("net-snmp's tools are installed (package snmp)");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}
