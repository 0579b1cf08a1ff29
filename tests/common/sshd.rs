//! OpenSSH's `sshd` as a real server for the tests: on a free loopback port, as the user
//! running the tests, with a generated host key and user key, a known_hosts file and a client
//! configuration (`ssh -F`) that trust only those, and a `uom` on the sessions' PATH: pductl
//! itself under uom's name (its drop-in mode), or a script a test gives.

use super::{eventually, BIN};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

const SSHD: &str = "/usr/sbin/sshd";

/// What `uom` is on the server.
pub enum Uom<'a> {
    /// pductl, invoked as `uom` (a symlink to the built binary).
    Pductl,
    /// A shell script with this body.
    Script(&'a str),
    /// No uom at all.
    Missing,
}

/// A running sshd; killed when dropped.
pub struct Sshd {
    child: Option<Child>,
    pub port: u16,
    /// Keys, configurations, the log and the sessions' bin directory.
    pub dir: tempfile::TempDir,
    /// The account the tests log in as (the one running them).
    pub user: String,
}

impl Sshd {
    /// sshd whose sessions get `env` (sshd's `SetEnv`; values without whitespace) and a PATH
    /// that finds `uom` first.
    pub fn start(uom: Uom, env: &[(&str, String)]) -> Sshd {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        keygen(&d.join("host_key"));
        keygen(&d.join("user_key"));
        keygen(&d.join("other_key"));
        std::fs::copy(d.join("user_key.pub"), d.join("authorized_keys")).unwrap();
        let bin = d.join("bin");
        std::fs::create_dir(&bin).unwrap();
        match uom {
            Uom::Pductl => std::os::unix::fs::symlink(BIN, bin.join("uom")).unwrap(),
            Uom::Script(body) => {
                use std::os::unix::fs::PermissionsExt;
                let file = bin.join("uom");
                std::fs::write(&file, format!("#!/bin/sh\n{body}\n")).unwrap();
                std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o755)).unwrap();
            }
            Uom::Missing => {}
        }
        let user = String::from_utf8(
            Command::new("id")
                .arg("-un")
                .output()
                .expect("id runs")
                .stdout,
        )
        .unwrap()
        .trim()
        .to_string();
        // Run as root, sshd separates privileges into this directory (the package's service
        // makes it at boot).
        if user == "root" {
            std::fs::create_dir_all("/run/sshd").unwrap();
        }
        let mut set_env = format!("PATH={}:/usr/local/bin:/usr/bin:/bin", bin.display());
        for (key, value) in env {
            assert!(!value.contains(char::is_whitespace), "{key}={value}");
            set_env.push_str(&format!(" {key}={value}"));
        }
        let mut sshd = Sshd {
            child: None,
            port: 0,
            dir,
            user,
        };
        // A free port can be taken by another test between finding it and sshd binding it:
        // then sshd exits, and another port is tried.
        for _ in 0..5 {
            let port = std::net::TcpListener::bind("127.0.0.1:0")
                .unwrap()
                .local_addr()
                .unwrap()
                .port();
            sshd.port = port;
            sshd.write_server_config(&set_env);
            if sshd.launch() {
                sshd.write_client_files();
                return sshd;
            }
        }
        panic!("sshd did not start; log: {}", sshd.log());
    }

    fn write_server_config(&self, set_env: &str) {
        let d = self.dir.path();
        let mut config = format!(
            "ListenAddress 127.0.0.1\n\
             Port {port}\n\
             HostKey {host_key}\n\
             AuthorizedKeysFile {authorized}\n\
             PidFile none\n\
             UsePAM no\n\
             StrictModes no\n\
             PermitRootLogin prohibit-password\n\
             PasswordAuthentication no\n\
             KbdInteractiveAuthentication no\n\
             PubkeyAuthentication yes\n\
             PrintMotd no\n\
             PrintLastLog no\n\
             LogLevel VERBOSE\n\
             SetEnv {set_env}\n",
            port = self.port,
            host_key = d.join("host_key").display(),
            authorized = d.join("authorized_keys").display(),
        );
        // OpenSSH 9.8 and later hold back a source after failed logins; the tests fail
        // logins on purpose. Older ones do not know the option and refuse the whole file.
        let penalties = "PerSourcePenalties no\n";
        std::fs::write(self.config(), format!("{config}{penalties}")).unwrap();
        let checked = Command::new(SSHD)
            .arg("-t")
            .arg("-f")
            .arg(self.config())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .expect("sshd is installed (scripts/test.sh installs openssh-server)");
        if !checked.success() {
            config.push('\n');
            std::fs::write(self.config(), config).unwrap();
        }
    }

    /// Starts sshd and waits until it listens (true), or it exits (false).
    fn launch(&mut self) -> bool {
        let log = self.log_file();
        let _ = std::fs::remove_file(&log);
        // An absolute path: sshd re-executes itself for each connection.
        let child = Command::new(SSHD)
            .args(["-D", "-f"])
            .arg(self.config())
            .arg("-E")
            .arg(&log)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("sshd is installed (scripts/test.sh installs openssh-server)");
        self.child = Some(child);
        let listening = format!("Server listening on 127.0.0.1 port {}", self.port);
        let mut exited = false;
        let up = eventually(10.0, || {
            if let Some(Ok(Some(_))) = self.child.as_mut().map(Child::try_wait) {
                exited = true;
                return true;
            }
            self.log().contains(&listening)
        });
        assert!(up, "sshd neither listens nor exits; log: {}", self.log());
        if exited {
            self.child = None;
        }
        !exited
    }

    fn write_client_files(&self) {
        let d = self.dir.path();
        let host_key = std::fs::read_to_string(d.join("host_key.pub")).unwrap();
        std::fs::write(
            self.known_hosts(),
            format!("[127.0.0.1]:{} {host_key}", self.port),
        )
        .unwrap();
        std::fs::write(
            self.client_config(),
            self.client_config_text(&self.known_hosts()),
        )
        .unwrap();
    }

    /// A client configuration that trusts host keys from `known_hosts` only, uses no agent
    /// and offers only the keys named on the command line.
    pub fn client_config_text(&self, known_hosts: &Path) -> String {
        format!(
            "Host *\n\
             \x20 UserKnownHostsFile {}\n\
             \x20 GlobalKnownHostsFile /dev/null\n\
             \x20 IdentitiesOnly yes\n\
             \x20 IdentityAgent none\n\
             \x20 CheckHostIP no\n",
            known_hosts.display()
        )
    }

    /// Stops sshd: later connections are refused.
    pub fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    fn config(&self) -> PathBuf {
        self.dir.path().join("sshd_config")
    }

    fn log_file(&self) -> PathBuf {
        self.dir.path().join("sshd.log")
    }

    /// sshd's log so far.
    pub fn log(&self) -> String {
        std::fs::read_to_string(self.log_file()).unwrap_or_default()
    }

    /// Logins sshd has accepted so far (one per SSH connection).
    pub fn logins(&self) -> usize {
        self.log().matches("Accepted publickey for").count()
    }

    /// The client configuration (`ssh -F`).
    pub fn client_config(&self) -> PathBuf {
        self.dir.path().join("ssh_config")
    }

    /// The known_hosts file the client configuration names, holding this sshd's key.
    pub fn known_hosts(&self) -> PathBuf {
        self.dir.path().join("known_hosts")
    }

    /// The key sshd lets in.
    pub fn user_key(&self) -> PathBuf {
        self.dir.path().join("user_key")
    }

    /// A key sshd does not let in.
    pub fn other_key(&self) -> PathBuf {
        self.dir.path().join("other_key")
    }

    /// Another key pair's public half, to stand for a host key that has changed.
    pub fn other_public_key(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("other_key.pub")).unwrap()
    }
}

impl Drop for Sshd {
    fn drop(&mut self) {
        self.stop();
    }
}

fn keygen(file: &Path) {
    let status = Command::new("ssh-keygen")
        .args(["-q", "-t", "ed25519", "-N", "", "-C", "pductl-test", "-f"])
        .arg(file)
        .stdin(Stdio::null())
        .status()
        .expect("ssh-keygen is installed (package openssh-client)");
    assert!(status.success());
}

/// Command lines of the processes whose command line contains `marker`.
pub fn processes_with(marker: &str) -> Vec<String> {
    let mut found = Vec::new();
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return found;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        if !name.to_string_lossy().chars().all(|c| c.is_ascii_digit()) {
            continue;
        }
        let Ok(raw) = std::fs::read(entry.path().join("cmdline")) else {
            continue;
        };
        let line = String::from_utf8_lossy(&raw).replace('\0', " ");
        if line.contains(marker) {
            found.push(line);
        }
    }
    found
}

/// Waits (up to `secs`) until no process's command line contains `marker`; those left.
pub fn gone(marker: &str, secs: f64) -> Vec<String> {
    eventually(secs, || processes_with(marker).is_empty());
    processes_with(marker)
}
