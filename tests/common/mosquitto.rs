//! A real mosquitto broker for the tests, on a free loopback port with a generated
//! configuration (anonymous unless the test adds a password file), logging subscriptions
//! to a file in its directory. It can be taken down and brought back on the same port:
//! killed and held down until clients have tried to reconnect (`outage`), or restarted
//! cleanly, keeping retained messages and persistent sessions when started `persistent`
//! (`restart`).

use super::eventually;
use std::io::Read;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A mosquitto broker; killed when dropped.
pub struct Broker {
    child: Option<Child>,
    pub port: u16,
    pub dir: tempfile::TempDir,
    extra: String,
    /// Retained messages and persistent sessions outlive a `restart`.
    persistent: bool,
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
        Broker::started(extra, false)
    }

    /// A broker that saves what it holds when stopped cleanly and loads it when started:
    /// retained messages, and the sessions of clients that asked for one kept (their
    /// subscriptions, and what comes for them while they are away: `extra` may add
    /// `queue_qos0_messages true` so that QoS 0 messages wait for them too).
    pub fn start_persistent(extra: &str) -> Broker {
        Broker::started(extra, true)
    }

    fn started(extra: &str, persistent: bool) -> Broker {
        let mut broker = Broker {
            child: None,
            port: free_port(),
            dir: tempfile::tempdir().unwrap(),
            extra: extra.to_string(),
            persistent,
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
        let persistence = if self.persistent {
            format!(
                "persistence true\npersistence_location {}/\n",
                self.dir.path().display()
            )
        } else {
            "persistence false\n".to_string()
        };
        std::fs::write(
            &config,
            format!(
                "listener {} 127.0.0.1\nallow_anonymous {anonymous}\n{persistence}user root\n\
                 log_dest file {}\nlog_type subscribe\n{}",
                self.port,
                self.log_file().display(),
                self.extra
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

    /// Kills the broker, as a crash would.
    pub fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    /// Stops the broker cleanly (SIGTERM: a persistent one saves what it holds) and starts
    /// it again on the same port.
    pub fn restart(&mut self) {
        if let Some(mut child) = self.child.take() {
            // SAFETY: kill(2) on our own child's pid, which `wait` below reaps.
            unsafe { libc::kill(child.id() as libc::pid_t, libc::SIGTERM) };
            let _ = child.wait();
        }
        self.run();
    }

    /// Kills the broker and holds its port with a listener that closes every connection
    /// at once (as a broker that is not back yet), until clients whose id begins with
    /// `client` have tried to connect `attempts` times (within 20 s); then starts it again.
    pub fn outage(&mut self, client: &str, attempts: usize) {
        let down = self.down();
        self.up_after(down, client, attempts);
    }

    /// Kills the broker and holds its port, closing every connection (`up_after` ends it).
    pub fn down(&mut self) -> Down {
        self.stop();
        let listener = std::net::TcpListener::bind(("127.0.0.1", self.port))
            .expect("the broker's port is free once it is killed");
        listener.set_nonblocking(true).unwrap();
        Down(listener)
    }

    /// Once clients whose id begins with `client` have tried to connect `attempts` times
    /// (within 20 s), starts the broker again.
    pub fn up_after(&mut self, down: Down, client: &str, attempts: usize) {
        let deadline = Instant::now() + Duration::from_secs(20);
        let mut tried = 0;
        while tried < attempts {
            assert!(
                Instant::now() < deadline,
                "{client}... tried to connect {tried} times in 20 s, not {attempts}"
            );
            match down.0.accept() {
                Ok((mut stream, _)) => {
                    // The client's CONNECT names it.
                    stream.set_nonblocking(false).unwrap();
                    stream
                        .set_read_timeout(Some(Duration::from_secs(2)))
                        .unwrap();
                    let mut connect = [0u8; 256];
                    let n = stream.read(&mut connect).unwrap_or(0);
                    if connect[..n]
                        .windows(client.len())
                        .any(|w| w == client.as_bytes())
                    {
                        tried += 1;
                    }
                }
                Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                    std::thread::sleep(Duration::from_millis(10));
                }
                Err(e) => panic!("accepting on the broker's port: {e}"),
            }
        }
        drop(down);
        self.run();
    }

    pub fn addr(&self) -> String {
        format!("127.0.0.1:{}", self.port)
    }

    fn log_file(&self) -> std::path::PathBuf {
        self.dir.path().join("mosquitto.log")
    }

    /// How many times clients whose id begins with `client` have subscribed to `filter`,
    /// over every run of the broker (its log has a line `<time>: <id> <qos> <filter>` for
    /// each).
    pub fn subscriptions(&self, client: &str, filter: &str) -> usize {
        let log = std::fs::read_to_string(self.log_file()).unwrap_or_default();
        log.lines()
            .filter_map(|l| l.split_once(": ").map(|(_, rest)| rest))
            .filter(|rest| {
                let words: Vec<&str> = rest.split(' ').collect();
                matches!(words.as_slice(), [id, _qos, f] if id.starts_with(client) && *f == filter)
            })
            .count()
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

/// A broker's port held while it is down (`Broker::down`).
pub struct Down(std::net::TcpListener);

impl Drop for Broker {
    fn drop(&mut self) {
        self.stop();
    }
}
