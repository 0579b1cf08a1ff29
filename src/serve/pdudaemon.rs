//! pdudaemon's HTTP API (protocols/peers.md section 1) over the profile's devices, so LAVA,
//! labgrid's `PDUDaemonDriver` and `pduclient --http` can use pductl without a change to
//! their configuration:
//!
//! - `GET /power/control/{on,off,reboot}?hostname=DEVICE&port=N[&delay=S]`, or `?alias=NAME`:
//!   200 `OK - accepted request` once done and verified, 500 `Invalid request: <reason>`;
//! - `GET /power/status?hostname=DEVICE&port=N` (or `?alias=`): 200 `on` or `off` when
//!   every outlet named is so; 500 `Invalid request: mixed: ...` when they differ.

use super::{Context, Face};
use crate::device::connect;
use crate::http_server::{full, plain_text, Body};
use crate::output::escape_line;
use crate::power::{self, Action, Settings};
use async_trait::async_trait;
use hyper::{Method, Request, Response, StatusCode};
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

/// pdudaemon's answer to a request carried out.
const ACCEPTED: &str = "OK - accepted request";
/// pdudaemon's answer to a request that failed; pductl adds the reason after a colon.
const INVALID: &str = "Invalid request";
/// pdudaemon's default off time of a reboot.
const DEFAULT_REBOOT_DELAY: Duration = Duration::from_secs(5);
/// Longest `delay` a request may ask for.
const MAX_DELAY_SECONDS: f64 = 3600.0;
/// How long a request may wait for another one on the same device.
const LOCK_TIMEOUT: Duration = Duration::from_secs(120);

/// pdudaemon's API, over the devices of the profile.
pub struct Pdudaemon {
    context: Arc<Context>,
}

impl Pdudaemon {
    pub fn new(context: Arc<Context>) -> Pdudaemon {
        Pdudaemon { context }
    }
}

#[async_trait]
impl Face for Pdudaemon {
    fn serves(&self, path: &str) -> bool {
        path.starts_with("/power/")
    }

    fn paths(&self) -> &'static str {
        "/power/control/{on,off,reboot} and /power/status"
    }

    async fn answer(
        &self,
        req: Request<hyper::body::Incoming>,
        _peer: SocketAddr,
    ) -> Response<Body> {
        self.respond(&req).await
    }
}

/// What a request asks for.
enum Ask {
    Control(Action, Option<f64>),
    Status,
}

/// A plain-text answer, byte for byte as pdudaemon words it (no newline after it).
fn answer(status: StatusCode, text: &str) -> Response<Body> {
    let mut r = plain_text(status, "");
    *r.body_mut() = full(escape_line(text).into_owned());
    r
}

impl Pdudaemon {
    async fn respond(&self, req: &Request<hyper::body::Incoming>) -> Response<Body> {
        if req.method() != Method::GET {
            return answer(
                StatusCode::METHOD_NOT_ALLOWED,
                "Method not allowed: use GET",
            );
        }
        let params = match parse_query(req.uri().query().unwrap_or("")) {
            Ok(p) => p,
            Err(why) => return answer(StatusCode::BAD_REQUEST, &format!("Bad request: {why}")),
        };
        let param = |name: &str| {
            params
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.as_str())
        };
        let delay = match param("delay").map(str::parse::<f64>) {
            None => None,
            Some(Ok(d)) if d.is_finite() && (0.0..=MAX_DELAY_SECONDS).contains(&d) => Some(d),
            Some(_) => {
                return answer(
                    StatusCode::BAD_REQUEST,
                    &format!("Bad request: delay is seconds from 0 to {MAX_DELAY_SECONDS}"),
                )
            }
        };
        let ask = match req.uri().path() {
            "/power/control/on" => Ask::Control(Action::On, delay),
            "/power/control/off" => Ask::Control(Action::Off, delay),
            "/power/control/reboot" => Ask::Control(Action::Cycle, delay),
            "/power/status" | "/power/status/" => Ask::Status,
            _ => return answer(
                StatusCode::NOT_FOUND,
                "Not found: pdudaemon's API is /power/control/{on,off,reboot} and /power/status",
            ),
        };
        let target = match (param("alias"), param("hostname"), param("port")) {
            (Some(alias), _, _) => alias.to_string(),
            (None, Some(host), Some(port)) => format!("{host}:{port}"),
            _ => {
                return answer(
                    StatusCode::BAD_REQUEST,
                    "Bad request: give hostname and port, or alias",
                )
            }
        };
        let result = match ask {
            Ask::Control(action, delay) => self.control(action, delay, &target).await,
            Ask::Status => self.status(&target).await,
        };
        match result {
            Ok(text) => answer(StatusCode::OK, &text),
            Err(reason) => answer(
                StatusCode::INTERNAL_SERVER_ERROR,
                &format!("{INVALID}: {reason}"),
            ),
        }
    }

    /// Carries out on, off or reboot on a target; the reason when it failed.
    async fn control(
        &self,
        action: Action,
        delay: Option<f64>,
        target: &str,
    ) -> Result<String, String> {
        let (connected, grouped) = connect(&self.context.global, &[target.to_string()])
            .await
            .map_err(|e| e.to_string())?;
        let off_time = match action {
            Action::Cycle => Some(delay.map_or(DEFAULT_REBOOT_DELAY, Duration::from_secs_f64)),
            _ => {
                // pdudaemon's (deprecated) delay before switching on or off.
                if let Some(d) = delay {
                    tokio::time::sleep(Duration::from_secs_f64(d)).await;
                }
                None
            }
        };
        let settings = Settings::verified(off_time, LOCK_TIMEOUT);
        // pdudaemon's reboot is off, wait, on: never a device's own cycle, whose off time
        // would not be the one asked for.
        let report = power::run(
            action,
            &connected.devices,
            &settings,
            grouped || action == Action::Cycle,
            &|_| {},
        )
        .await;
        match report
            .results
            .iter()
            .find_map(|r| r.error.as_ref().map(|e| (r, e)))
        {
            None => Ok(ACCEPTED.to_string()),
            Some((r, e)) => Err(format!("{}: {e}", r.label())),
        }
    }

    /// `on` or `off` when every outlet of the target is so; outlets that differ (a group
    /// half on) are neither, and the reason names each: `mixed: pdu-a:1 on, desk:1 off`.
    async fn status(&self, target: &str) -> Result<String, String> {
        let (connected, _) = connect(&self.context.global, &[target.to_string()])
            .await
            .map_err(|e| e.to_string())?;
        let mut states: Vec<(String, bool)> = Vec::new();
        for device in &connected.devices {
            let rows = power::status(device)
                .await
                .map_err(|e| format!("{}: {e}", device.name))?;
            for row in rows {
                match row.state {
                    Some(on) => states.push((format!("{}:{}", row.device, row.outlet), on)),
                    None => return Err(format!("{}:{} reports no state", row.device, row.outlet)),
                }
            }
        }
        let word = |on: bool| if on { "on" } else { "off" };
        match states.first() {
            Some((_, first)) if states.iter().any(|(_, on)| on != first) => Err(format!(
                "mixed: {}",
                states
                    .iter()
                    .map(|(outlet, on)| format!("{outlet} {}", word(*on)))
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
            Some((_, on)) => Ok(word(*on).to_string()),
            None => Err(format!("{target} names no outlet")),
        }
    }
}

/// `a=1&b=x%20y`; a key without `=` or with bad escapes is malformed.
fn parse_query(query: &str) -> Result<Vec<(String, String)>, String> {
    let decode = |s: &str| {
        percent_encoding::percent_decode_str(&s.replace('+', " "))
            .decode_utf8()
            .map(|c| c.into_owned())
            .map_err(|_| format!("'{s}' is not UTF-8 once decoded"))
    };
    query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|pair| match pair.split_once('=') {
            Some((k, v)) => Ok((decode(k)?, decode(v)?)),
            None => Err(format!("'{pair}' is not name=value")),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries() {
        assert_eq!(
            parse_query("hostname=pdu-a&port=DUT+power&delay=5").unwrap(),
            [
                ("hostname".to_string(), "pdu-a".to_string()),
                ("port".to_string(), "DUT power".to_string()),
                ("delay".to_string(), "5".to_string())
            ]
        );
        assert!(parse_query("hostname").is_err());
        assert!(parse_query("a=%FF").is_err());
    }
}
