//! A real Prometheus server for the tests (Debian's `prometheus` package, which
//! scripts/test.sh installs without starting its service): the binary on a free loopback
//! port, with a generated configuration that scrapes the given targets every second and a
//! private TSDB directory; killed when dropped. Queries go through its HTTP API
//! (`/api/v1/query`, `/api/v1/metadata`, `/api/v1/targets`), as Grafana's do.

use super::eventually;
use serde_json::Value;
use std::io::{Read, Write};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

pub const PROMETHEUS: &str = "/usr/bin/prometheus";
pub const PROMTOOL: &str = "/usr/bin/promtool";

/// A Prometheus server; killed when dropped.
pub struct Prometheus {
    child: Child,
    pub port: u16,
    pub dir: tempfile::TempDir,
}

impl Prometheus {
    /// Prometheus scraping `/metrics` of each `targets` address (`127.0.0.1:PORT`) every
    /// second, in one job `pductl`, waiting until it is ready.
    pub fn start(targets: &[&str]) -> Prometheus {
        let mut dir = tempfile::tempdir().unwrap();
        let config = dir.path().join("prometheus.yml");
        let list = targets
            .iter()
            .map(|t| format!("'{t}'"))
            .collect::<Vec<_>>()
            .join(", ");
        std::fs::write(
            &config,
            format!(
                "global:\n  scrape_interval: 1s\n  scrape_timeout: 1s\n  evaluation_interval: 1s\n\
                 scrape_configs:\n  - job_name: pductl\n    metrics_path: /metrics\n    \
                 static_configs:\n      - targets: [{list}]\n"
            ),
        )
        .unwrap();
        // A port that another process takes between our probe and Prometheus' bind makes it
        // exit: try another.
        for _ in 0..3 {
            let port = super::mosquitto::free_port();
            let log = std::fs::File::create(dir.path().join("prometheus.log")).unwrap();
            let child = Command::new(PROMETHEUS)
                .arg(format!("--config.file={}", config.display()))
                .arg(format!(
                    "--storage.tsdb.path={}",
                    dir.path().join("data").display()
                ))
                .arg(format!("--web.listen-address=127.0.0.1:{port}"))
                .arg("--log.level=warn")
                .stdout(Stdio::null())
                .stderr(log)
                .spawn()
                .expect(
                    "prometheus is installed (scripts/test.sh installs the prometheus package)",
                );
            let mut server = Prometheus { child, port, dir };
            if eventually(30.0, || {
                server.exited() || http_get(port, "/-/ready", &[]).is_some_and(|r| r.status == 200)
            }) && !server.exited()
            {
                return server;
            }
            dir = std::mem::replace(&mut server.dir, tempfile::tempdir().unwrap());
            drop(server);
        }
        panic!("Prometheus did not start: {}", read_log(&dir));
    }

    fn exited(&mut self) -> bool {
        self.child.try_wait().ok().flatten().is_some()
    }

    /// Its log so far (warnings and errors).
    pub fn log(&self) -> String {
        read_log(&self.dir)
    }

    /// `GET /api/v1/query?query=...`: the result vector (`[{metric, value: [t, "v"]}]`).
    pub fn query(&self, promql: &str) -> Vec<Value> {
        let data = self.api(&format!("/api/v1/query?query={}", encode(promql)));
        assert_eq!(data["resultType"], "vector", "{data}");
        data["result"].as_array().cloned().unwrap_or_default()
    }

    /// The `data` of a successful API answer.
    pub fn api(&self, path_and_query: &str) -> Value {
        let answer = http_get(self.port, path_and_query, &[])
            .unwrap_or_else(|| panic!("Prometheus answers {path_and_query}: {}", self.log()));
        let json: Value = serde_json::from_slice(&answer.body).unwrap_or_else(|e| {
            panic!("not JSON ({e}): {}", String::from_utf8_lossy(&answer.body))
        });
        assert_eq!(json["status"], "success", "{path_and_query}: {json}");
        json["data"].clone()
    }

    /// Polls `promql` until its result has `series` series (within `secs`).
    pub fn wait_for(&self, promql: &str, series: usize, secs: f64) -> Vec<Value> {
        let mut last = Vec::new();
        let found = eventually(secs, || {
            last = self.query(promql);
            last.len() == series
        });
        assert!(
            found,
            "{promql}: {} series, not {series}, after {secs} s: {last:?}\ntargets: {}\nlog: {}",
            last.len(),
            self.api("/api/v1/targets"),
            self.log()
        );
        last
    }
}

impl Drop for Prometheus {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn read_log(dir: &tempfile::TempDir) -> String {
    std::fs::read_to_string(dir.path().join("prometheus.log")).unwrap_or_default()
}

/// A value of a query result's series, as a number.
pub fn sample_value(series: &Value) -> f64 {
    series["value"][1]
        .as_str()
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| panic!("no value in {series}"))
}

/// PromQL in a query string.
pub fn encode(text: &str) -> String {
    percent_encoding::utf8_percent_encode(text, percent_encoding::NON_ALPHANUMERIC).to_string()
}

/// An HTTP answer: status, headers (names in lower case) and body.
#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Answer {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// `method path` to 127.0.0.1:`port` over HTTP/1.0 with `headers`; `None` when the
/// connection fails (10 s at most).
pub fn http_request(
    port: u16,
    method: &str,
    path_and_query: &str,
    headers: &[(&str, &str)],
) -> Option<Answer> {
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).ok()?;
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .ok()?;
    let mut request = format!("{method} {path_and_query} HTTP/1.0\r\nHost: 127.0.0.1:{port}\r\n");
    for (name, value) in headers {
        request.push_str(&format!("{name}: {value}\r\n"));
    }
    request.push_str("\r\n");
    stream.write_all(request.as_bytes()).ok()?;
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).ok()?;
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n")?;
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let mut lines = head.split("\r\n");
    let status = lines.next()?.split_whitespace().nth(1)?.parse().ok()?;
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    Some(Answer {
        status,
        headers,
        body: raw[split + 4..].to_vec(),
    })
}

pub fn http_get(port: u16, path_and_query: &str, headers: &[(&str, &str)]) -> Option<Answer> {
    http_request(port, "GET", path_and_query, headers)
}
