//! A real mosquitto broker for the tests, on a free loopback port with a generated
//! configuration (anonymous unless the test adds a password file).

use super::eventually;
use std::process::{Child, Command, Stdio};

/// A mosquitto broker; killed when dropped.
pub struct Broker {
    child: Option<Child>,
    pub port: u16,
    pub dir: tempfile::TempDir,
    extra: String,
}

pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

impl Broker {
    pub fn start(extra: &str) -> Broker {
        let mut broker = Broker {
            child: None,
            port: free_port(),
            dir: tempfile::tempdir().unwrap(),
            extra: extra.to_string(),
        };
        broker.run();
        broker
    }

    pub fn run(&mut self) {
        let config = self.dir.path().join("mosquitto.conf");
        let anonymous = if self.extra.contains("password_file") {
            "false"
        } else {
            "true"
        };
        std::fs::write(
            &config,
            format!(
                "listener {} 127.0.0.1\nallow_anonymous {anonymous}\npersistence false\nuser root\n{}",
                self.port, self.extra
            ),
        )
        .unwrap();
        let child = Command::new("mosquitto")
            .arg("-c")
            .arg(&config)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("mosquitto is installed (scripts/test.sh installs mosquitto)");
        self.child = Some(child);
        let port = self.port;
        assert!(
            eventually(10.0, || std::net::TcpStream::connect(("127.0.0.1", port))
                .is_ok()),
            "mosquitto listens"
        );
    }

    pub fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    pub fn addr(&self) -> String {
        format!("127.0.0.1:{}", self.port)
    }

    /// `mosquitto_pub` with these arguments.
    pub fn publish(&self, args: &[&str]) {
        let status = Command::new("mosquitto_pub")
            .args(["-h", "127.0.0.1", "-p", &self.port.to_string()])
            .args(args)
            .status()
            .expect("mosquitto_pub is installed (package mosquitto-clients)");
        assert!(status.success());
    }
}

impl Drop for Broker {
    fn drop(&mut self) {
        self.stop();
    }
}
