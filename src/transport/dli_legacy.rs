//! Digital Loggers' legacy web interface (protocols/dli-apis.md section e): the pages every
//! DLI Web Power Switch before the REST API serves (LPC7, EPCR2, DIN relays, WiFi units), and
//! that newer units still serve beside REST. It is what the Python `dlipower` library and
//! labgrid's `digitalloggers_http` backend speak.
//!
//! - Login: `GET /` answers a form with a hidden `Challenge`; `POST /login.tgi` carries
//!   `Username` and `Password = md5hex(Challenge + user + password + Challenge)`; the session
//!   is the `DLILPC` cookie, sent with every later request. A unit that answers `/` with 401
//!   and a Basic challenge gets HTTP Basic instead. A refused login (the form comes back) is
//!   never tried again in the same run.
//! - Read: one `GET /index.htm` gives the controller's name, the outlet count, names and
//!   states (the `<!-- state=.. lock=.. -->` bitmask comment where present, else the table
//!   rows; `/status` where the rows say nothing and the firmware has it).
//! - Write: `GET /outlet?N=ON|OFF|CCL` (N from 1). The answer is a 200 page with a meta
//!   refresh whatever happened, so success is read back from the status page.
//! - A page that is the login form where an outlet page was expected means the session
//!   expired: the client logs in again once and repeats the request, unless the request was
//!   a cycle (`CCL`), which is never sent twice.
//!
//! Object model, outlets 0-based (`relay/outlets/N` is the unit's outlet N+1):
//!
//! | path | from |
//! |---|---|
//! | `/relay/name`, `/relay/version` | the page title (`Outlet Control - NAME`), the footer's `Version X` |
//! | `/relay/outlets/N/name` | the row's name cell |
//! | `/relay/outlets/N/{state,physical_state}` | the `state=` bit, else the row's ON/OFF |
//! | `/relay/outlets/N/locked` | the `lock=` bit, null where the page has none |
//! | `/relay/outlets/N/cycle` | call: `outlet?N+1=CCL` |

use super::http::{HttpClient, HttpResponse};
use super::{unsupported, AuthScheme, DeviceConfig, Secret, Transport, MAX_OUTLETS};
use crate::error::{Error, Result};
use crate::path::{Path, Segment};
use crate::retry::Repeat;
use async_trait::async_trait;
use bytes::Bytes;
use reqwest::header::{SET_COOKIE, WWW_AUTHENTICATE};
use reqwest::{Method, StatusCode};
use serde_json::{json, Map, Value};
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

const PROTOCOL: &str = "dli-legacy";

/// The session cookie the units set at login (dli-apis.md e.2).
const COOKIE: &str = "DLILPC";

/// The page that lists the outlets.
const INDEX: &str = "/index.htm";

/// The page labgrid reads: `<div id="state">HEX</div><div id="lock">HEX</div>`.
const STATUS: &str = "/status";

/// Where the login form is posted.
const LOGIN: &str = "/login.tgi";

/// How long a write is given to show on the status page before it counts as not done
/// [INF: the captured units switch one outlet before answering; a capture of a slower unit
/// would correct this here].
const READ_BACK_WINDOW: Duration = Duration::from_secs(2);

/// Pause between reads of the status page while a write is read back.
const READ_BACK_POLL: Duration = Duration::from_millis(200);

/// Longest `Challenge` taken from a login form: the captured ones have 15 and 16 characters.
const MAX_CHALLENGE_CHARS: usize = 256;

/// What the legacy interface can write, for "not supported" messages.
const WRITES: &str = "the legacy web interface only switches outlets (set relay/outlets/N/state \
                      true|false) and cycles them (invoke relay/outlets/N/cycle)";

/// The valid outlets as the unit numbers them: "outlets 1-8 (0-7 in paths)".
fn outlet_range(count: usize) -> String {
    format!("outlets 1-{count} (0-{} in paths)", count.saturating_sub(1))
}

/// How this run is logged in to the unit.
#[derive(Debug, Clone)]
enum Session {
    /// Not yet.
    None,
    /// Through the login form; the `DLILPC` cookie to send back (as the unit set it, quotes
    /// kept), if the unit set one.
    Form(Option<String>),
    /// The unit asks for HTTP Basic (401 with a Basic challenge at `/`).
    Basic,
    /// The unit asks for no login: `/` is an outlet page.
    Open,
    /// The unit refused the login: this error again, and nothing is sent.
    Refused(String),
}

pub struct DliLegacy {
    /// Requests without credentials: the login form, and every request of a form session.
    anon: HttpClient,
    /// Requests with Basic credentials, for units that ask for them.
    basic: HttpClient,
    user: String,
    password: Option<Secret>,
    timeout: Duration,
    /// The session, and how many times it was made (so that two requests that both find it
    /// expired log in again once, not twice).
    session: tokio::sync::Mutex<(u64, Session)>,
    /// Logins posted: sent as requests not to repeat, they are no switching tries.
    logins: AtomicU32,
}

impl DliLegacy {
    pub fn new(device: &DeviceConfig) -> Result<DliLegacy> {
        let anon = HttpClient::new(
            &DeviceConfig {
                password: None,
                ..device.clone()
            },
            80,
            443,
        )?;
        let basic = HttpClient::new(
            &DeviceConfig {
                auth: AuthScheme::Basic,
                ..device.clone()
            },
            80,
            443,
        )?;
        Ok(DliLegacy {
            anon,
            basic,
            user: device
                .user
                .clone()
                .unwrap_or_else(|| super::Protocol::DliLegacy.default_user().into()),
            password: device.password.clone(),
            timeout: device.timeout,
            session: tokio::sync::Mutex::new((0, Session::None)),
            logins: AtomicU32::new(0),
        })
    }

    fn device(&self) -> &str {
        self.anon.authority()
    }

    fn mapped<'a>(&'a self, range: &'a dyn Fn(usize) -> String) -> super::Mapped<'a> {
        super::Mapped {
            device: self.device(),
            protocol: PROTOCOL,
            range,
            writes: WRITES,
        }
    }

    fn no_password(&self, how: &str) -> Error {
        Error::Auth(format!(
            "{} asks for a password ({how}) and none was given: use --password-env, \
             --password-command or --password-file, or set one in the profile",
            self.device()
        ))
    }

    /// The current session, logging in first when there is none.
    async fn session(&self) -> Result<(u64, Session)> {
        let mut guard = self.session.lock().await;
        if matches!(guard.1, Session::None) {
            let made = match self.login().await {
                Ok(session) => session,
                Err(e @ Error::Auth(_)) => {
                    // Refused: the password is not sent again in this run.
                    guard.1 = Session::Refused(e.to_string());
                    return Err(e);
                }
                Err(e) => return Err(e),
            };
            guard.0 += 1;
            guard.1 = made;
        }
        match &guard.1 {
            Session::Refused(message) => Err(Error::Auth(message.clone())),
            session => Ok((guard.0, session.clone())),
        }
    }

    /// Forgets session `generation` (it expired), unless another request already made a
    /// new one.
    async fn expire(&self, generation: u64) {
        let mut guard = self.session.lock().await;
        if guard.0 == generation && matches!(guard.1, Session::Form(_)) {
            guard.1 = Session::None;
        }
    }

    /// Keeps a `DLILPC` cookie the unit sets on a later page (the LPC7 sends it with every
    /// page).
    async fn keep_cookie(&self, generation: u64, response: &HttpResponse) {
        if let Some(cookie) = session_cookie(response) {
            let mut guard = self.session.lock().await;
            if guard.0 == generation {
                if let Session::Form(current) = &mut guard.1 {
                    *current = Some(cookie);
                }
            }
        }
    }

    /// Logs in as the unit asks: the Challenge form, HTTP Basic, or nothing at all.
    async fn login(&self) -> Result<Session> {
        let front = self
            .anon
            .send(Method::GET, "/", &[], None, Repeat::Read)
            .await?;
        if front.status == StatusCode::UNAUTHORIZED {
            let challenge = header_values(&front, WWW_AUTHENTICATE.as_str()).to_ascii_lowercase();
            if challenge.trim_start().starts_with("basic") {
                if self.password.is_none() {
                    return Err(self.no_password("HTTP Basic"));
                }
                return Ok(Session::Basic);
            }
            return Err(Error::BadResponse(format!(
                "{} answered / with 401 but no Basic challenge ({}): expected the legacy login \
                 form or HTTP Basic; a unit with the REST API is reached with protocol dli-rest",
                self.device(),
                crate::output::escape_line(challenge.trim())
            )));
        }
        self.check(&front, "/")?;
        let text = String::from_utf8_lossy(&front.body);
        if !is_login_page(&text) {
            if parse_page(&text).is_ok() {
                return Ok(Session::Open);
            }
            return Err(Error::BadResponse(format!(
                "{} answered / with neither the legacy login form (a form posting to {LOGIN}) \
                 nor an outlet page: is this a DLI unit's legacy web interface?",
                self.device()
            )));
        }
        let challenge = login_challenge(&text).map_err(|why| {
            Error::BadResponse(format!(
                "{}'s login page {why}: expected a hidden input named Challenge, which the \
                 login answer is computed from",
                self.device()
            ))
        })?;
        let Some(password) = &self.password else {
            return Err(self.no_password("its login form"));
        };
        let answer = form_answer(&challenge, &self.user, password.expose());
        let user =
            percent_encoding::utf8_percent_encode(&self.user, percent_encoding::NON_ALPHANUMERIC);
        let body = Bytes::from(format!("Username={user}&Password={answer}"));
        // Sent once: a login that may have reached the unit unanswered is not tried again.
        let tries_before = self.anon.write_attempts();
        let reply = self
            .anon
            .send(
                Method::POST,
                LOGIN,
                &[],
                Some(("application/x-www-form-urlencoded", body)),
                Repeat::Once,
            )
            .await;
        let tries = self.anon.write_attempts().saturating_sub(tries_before);
        self.logins.fetch_add(tries, Ordering::SeqCst);
        let reply = reply?;
        self.check(&reply, LOGIN)?;
        let text = String::from_utf8_lossy(&reply.body);
        if is_login_page(&text) {
            return Err(self.refused(&text));
        }
        Ok(Session::Form(session_cookie(&reply)))
    }

    /// The error for a login the unit refused (its form came back).
    fn refused(&self, page: &str) -> Error {
        let lower = page.to_ascii_lowercase();
        let locked = ["locked out", "lockout", "lock out", "too many failed"]
            .iter()
            .any(|n| lower.contains(n));
        if locked {
            return Error::Auth(format!(
                "{} has locked out '{}' after too many failed logins (its login form came back \
                 saying so); wait until the lockout ends, then check the password. pductl sends \
                 a password at most once per run, so it adds no failed logins",
                self.device(),
                crate::output::escape_line(&self.user)
            ));
        }
        Error::Auth(format!(
            "{} refused the login of '{}' (its login form came back); check the user name and \
             password (pductl sends a password once per run: DLI units lock an account out \
             after 3 failed logins)",
            self.device(),
            crate::output::escape_line(&self.user)
        ))
    }

    /// Maps a page's HTTP status onto an error; `uri` names what was asked.
    fn check(&self, response: &HttpResponse, uri: &str) -> Result<()> {
        let status = response.status;
        if status.is_success() {
            return Ok(());
        }
        let device = self.device();
        let path = uri.split('?').next().unwrap_or(uri);
        let detail = response.body_summary();
        let because = if detail.is_empty() {
            String::new()
        } else {
            format!(": {}", crate::output::escape_line(&detail))
        };
        Err(match status {
            StatusCode::UNAUTHORIZED if !self.basic.has_password() => self.no_password("HTTP 401"),
            StatusCode::UNAUTHORIZED => Error::Auth(format!(
                "{device} rejected the user name or password (HTTP 401); check the credentials \
                 (pductl sends a password once per run: DLI units lock an account out after 3 \
                 failed logins). A WiFi unit takes Basic logins only with \"Allow legacy \
                 plaintext login methods\" on"
            )),
            StatusCode::FORBIDDEN => Error::Permission(format!(
                "{device} denied {path} for this account (HTTP 403){because}"
            )),
            StatusCode::NOT_FOUND => Error::BadResponse(format!(
                "{device} has no {path} (HTTP 404): expected a DLI unit's legacy web interface"
            )),
            s if s.is_server_error() => Error::Refused(format!(
                "{device} failed {path} (HTTP {}){because}",
                s.as_u16()
            )),
            s => Error::BadResponse(format!(
                "{device} answered {path} with unexpected HTTP {}{because}",
                s.as_u16()
            )),
        })
    }

    /// One request in the session (logging in first if need be). A login page where another
    /// was expected is an expired session: logged in again once and the request repeated,
    /// unless it must not be sent twice (`Repeat::Once`).
    async fn fetch(&self, uri: &str, repeat: Repeat) -> Result<HttpResponse> {
        let mut logged_in_again = false;
        loop {
            let (generation, session) = self.session().await?;
            let response = match &session {
                Session::Basic => self.basic.send(Method::GET, uri, &[], None, repeat).await?,
                Session::Form(Some(cookie)) => {
                    self.anon
                        .send(Method::GET, uri, &[("Cookie", cookie)], None, repeat)
                        .await?
                }
                _ => self.anon.send(Method::GET, uri, &[], None, repeat).await?,
            };
            if !matches!(session, Session::Form(_)) {
                let login_form = response.status.is_success()
                    && is_login_page(&String::from_utf8_lossy(&response.body));
                if login_form {
                    return Err(Error::Auth(format!(
                        "{} answered {} with its login form although {}: it wants the \
                         Challenge login after all",
                        self.device(),
                        uri.split('?').next().unwrap_or(uri),
                        if matches!(session, Session::Basic) {
                            "it asked for HTTP Basic at / and got it"
                        } else {
                            "its / needed no login"
                        }
                    )));
                }
                return Ok(response);
            }
            self.keep_cookie(generation, &response).await;
            let expired = response.status.is_success()
                && is_login_page(&String::from_utf8_lossy(&response.body));
            if !expired {
                return Ok(response);
            }
            self.expire(generation).await;
            if repeat == Repeat::Once {
                return Err(Error::Refused(format!(
                    "{}'s session had expired: it answered {} with its login page, so the \
                     command was not carried out, and it is not sent again (a cycle sent \
                     twice is two cycles); run it again",
                    self.device(),
                    uri
                )));
            }
            if logged_in_again {
                return Err(Error::Auth(format!(
                    "{} answered {} with its login page again right after a login it accepted: \
                     its sessions do not hold (check its session settings, or whether another \
                     client logs in as '{}' at the same time)",
                    self.device(),
                    uri.split('?').next().unwrap_or(uri),
                    crate::output::escape_line(&self.user)
                )));
            }
            logged_in_again = true;
        }
    }

    /// The status page parsed; `/status` fills in states the table does not give.
    async fn page(&self) -> Result<Page> {
        let response = self.fetch(INDEX, Repeat::Read).await?;
        self.check(&response, INDEX)?;
        let text = String::from_utf8_lossy(&response.body);
        let mut page = parse_page(&text)
            .map_err(|why| Error::BadResponse(format!("{}'s {INDEX} {why}", self.device())))?;
        let states_missing = page.state.is_none()
            && page
                .outlets
                .iter()
                .any(|o| o.as_ref().is_some_and(|o| o.on.is_none()));
        if states_missing {
            let status = self.fetch(STATUS, Repeat::Read).await?;
            if status.status.is_success() {
                let text = String::from_utf8_lossy(&status.body);
                let bits = |id: &str| -> Result<Option<Bits>> {
                    status_div(&text, id)
                        .map(|hex| Bits::parse(hex, id))
                        .transpose()
                        .map_err(|why| {
                            Error::BadResponse(format!("{}'s {STATUS} {why}", self.device()))
                        })
                };
                page.state = bits("state")?;
                if page.lock.is_none() {
                    page.lock = bits("lock")?;
                }
            }
        }
        Ok(page)
    }

    async fn tree(&self) -> Result<Value> {
        Ok(self.page().await?.tree())
    }

    /// `outlet?N=ACTION` for the unit's outlet `n` (from 1).
    async fn command(&self, n: usize, action: &str, repeat: Repeat) -> Result<()> {
        let uri = format!("/outlet?{n}={action}");
        let response = self.fetch(&uri, repeat).await?;
        self.check(&response, &uri)
    }

    /// The outlets (0-based) `selection` names, refusing locked ones before anything is sent.
    fn writable(&self, tree: &Value, selection: &Path, what: &str) -> Result<Vec<usize>> {
        let outlets = self.mapped(&outlet_range).outlets(tree, selection)?;
        if outlets.is_empty() {
            return Err(super::selects_nothing(selection, self.device()));
        }
        let locked: Vec<String> = outlets
            .iter()
            .filter(|&&i| tree["relay"]["outlets"][i]["locked"] == json!(true))
            .map(|i| (i + 1).to_string())
            .collect();
        if !locked.is_empty() {
            return Err(Error::Refused(format!(
                "{} has outlet {} locked: it cannot {what} it (unlock it on the unit first)",
                self.device(),
                locked.join(", ")
            )));
        }
        Ok(outlets)
    }

    /// Reads the status page until every outlet in `outlets` shows `on`, for a short while:
    /// the unit's answer to `outlet?` says nothing of what it did.
    async fn read_back(&self, outlets: &[usize], on: bool) -> Result<()> {
        let window = READ_BACK_WINDOW.min(self.timeout);
        let deadline = tokio::time::Instant::now() + window;
        loop {
            let tree = self.tree().await?;
            let wrong: Vec<usize> = outlets
                .iter()
                .copied()
                .filter(|&i| tree["relay"]["outlets"][i]["state"] == json!(!on))
                .collect();
            if wrong.is_empty() {
                return Ok(());
            }
            if tokio::time::Instant::now() >= deadline {
                let locked = wrong
                    .iter()
                    .any(|&i| tree["relay"]["outlets"][i]["locked"] == json!(true));
                let numbers: Vec<String> = wrong.iter().map(|i| (i + 1).to_string()).collect();
                return Err(Error::Refused(format!(
                    "{} answered outlet?{}={} but its status page still shows outlet {} {}{}: \
                     the unit did not carry out the command",
                    self.device(),
                    wrong[0] + 1,
                    if on { "ON" } else { "OFF" },
                    numbers.join(", "),
                    if on { "OFF" } else { "ON" },
                    if locked { " (locked)" } else { "" }
                )));
            }
            tokio::time::sleep(READ_BACK_POLL).await;
        }
    }

    /// An error for a read of something the page does not show: a missing outlet is named
    /// with the valid ones (exit 1), anything else is beyond the legacy interface (exit 8).
    fn unreadable(&self, tree: &Value, path: &Path, error: Error) -> Error {
        let count = tree["relay"]["outlets"].as_array().map_or(0, Vec::len);
        let outlet_index = match path.segments.as_slice() {
            [Segment::Key(r), Segment::Key(o), Segment::Key(n), ..]
                if r == "relay" && o == "outlets" =>
            {
                n.parse::<usize>().ok()
            }
            _ => None,
        };
        match (&error, outlet_index) {
            (Error::NotFound(_), Some(n)) if n >= count => error,
            (Error::NotFound(_), _) => unsupported(
                PROTOCOL,
                &format!("reading {path}"),
                "the legacy web interface shows the controller's name and its outlets' names, \
                 states and locks only",
            ),
            _ => error,
        }
    }
}

#[async_trait]
impl Transport for DliLegacy {
    fn protocol(&self) -> &'static str {
        PROTOCOL
    }

    async fn get(&self, path: &Path) -> Result<Value> {
        let tree = self.tree().await?;
        self.mapped(&outlet_range)
            .get(&tree, path)
            .map_err(|e| self.unreadable(&tree, path, e))
    }

    /// `relay/outlets/<sel>/state` true or false: `outlet?N=ON|OFF` for each selected outlet,
    /// then read back.
    async fn set(&self, path: &Path, value: &Value) -> Result<()> {
        if !matches!(path.last(), Some(Segment::Key(f)) if f == "state") {
            return Err(unsupported(PROTOCOL, &format!("writing {path}"), WRITES));
        }
        let on = value
            .as_bool()
            .ok_or_else(|| Error::usage(format!("state takes true or false, not {value}")))?;
        let tree = self.tree().await?;
        let outlets = self.writable(&tree, &path.parent(), "switch")?;
        let action = if on { "ON" } else { "OFF" };
        for &i in &outlets {
            self.command(i + 1, action, Repeat::Write).await?;
        }
        self.read_back(&outlets, on).await
    }

    async fn insert(&self, path: &Path, _value: &Value) -> Result<()> {
        Err(unsupported(
            PROTOCOL,
            &format!("insert at {path}"),
            "the legacy web interface has no collections to add to",
        ))
    }

    async fn remove(&self, path: &Path) -> Result<()> {
        Err(unsupported(
            PROTOCOL,
            &format!("remove of {path}"),
            "the legacy web interface has no collections to remove from",
        ))
    }

    /// `relay/outlets/<sel>/cycle`: the unit's own cycle (`outlet?N=CCL`), off for its
    /// configured delay, then on. Sent once per outlet, never again.
    async fn invoke(&self, path: &Path, args: &[Value]) -> Result<Option<Value>> {
        let is_cycle = matches!(path.last(), Some(Segment::Key(c)) if c == "cycle")
            && matches!(path.segments.as_slice(),
                [Segment::Key(r), Segment::Key(o), _, _] if r == "relay" && o == "outlets");
        if !is_cycle {
            return Err(unsupported(
                PROTOCOL,
                &format!("calling {path}"),
                "the legacy web interface has one call: relay/outlets/N/cycle",
            ));
        }
        if !args.is_empty() {
            return Err(Error::usage(
                "cycle takes no arguments on dli-legacy: the unit cycles for its own configured \
                 delay (the power verbs' cycle --off-time switches off, waits and switches on)",
            ));
        }
        let tree = self.tree().await?;
        let outlets = self.writable(&tree, &path.parent(), "cycle")?;
        for &i in &outlets {
            self.command(i + 1, "CCL", Repeat::Once).await?;
        }
        Ok(None)
    }

    async fn describe(&self, path: &Path) -> Result<Value> {
        Err(unsupported(
            PROTOCOL,
            &format!("describe of {path}"),
            "the legacy web interface has no type descriptions",
        ))
    }

    fn native_cycle(&self) -> super::NativeCycle {
        super::NativeCycle::ConfiguredDelay
    }

    fn write_attempts(&self) -> u32 {
        (self.anon.write_attempts() + self.basic.write_attempts())
            .saturating_sub(self.logins.load(Ordering::SeqCst))
    }

    fn explain_set(&self, path: &Path, value: &Value) -> String {
        let action = if value == &json!(true) { "ON" } else { "OFF" };
        format!(
            "{}: {}, then GET {INDEX}",
            self.device(),
            commands_for(&path.parent(), action)
        )
    }

    fn explain_invoke(&self, path: &Path, _args: &[Value]) -> String {
        format!("{}: {}", self.device(), commands_for(&path.parent(), "CCL"))
    }
}

/// The requests a write to `outlets` (`relay/outlets/3`, `relay/outlets/=0,2`) sends, for
/// `--dry-run`: `GET /outlet?4=ON`, in the unit's numbering.
fn commands_for(outlets: &Path, action: &str) -> String {
    let indices: Option<Vec<usize>> = match outlets.segments.as_slice() {
        [Segment::Key(r), Segment::Key(o), Segment::Key(n)] if r == "relay" && o == "outlets" => {
            n.parse().ok().map(|n| vec![n])
        }
        [Segment::Key(r), Segment::Key(o), Segment::Pick(ns)] if r == "relay" && o == "outlets" => {
            ns.iter().map(|n| n.parse().ok()).collect()
        }
        _ => None,
    };
    match indices {
        Some(indices) => indices
            .iter()
            .map(|i: &usize| format!("GET /outlet?{}={action}", i.saturating_add(1)))
            .collect::<Vec<_>>()
            .join(", "),
        None => format!("GET /outlet?N={action} for each outlet N of {outlets}"),
    }
}

/// `md5hex(Challenge + user + password + Challenge)`, lower case: the login form's answer.
fn form_answer(challenge: &str, user: &str, password: &str) -> String {
    digest_auth::Algorithm::new(digest_auth::AlgorithmType::MD5, false)
        .hash_str(&format!("{challenge}{user}{password}{challenge}"))
}

/// Every value of header `name`, joined.
fn header_values(response: &HttpResponse, name: &str) -> String {
    response
        .headers
        .get_all(name)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The `DLILPC=...` pair a response sets, as the unit wrote it (quotes kept); `None` for
/// none, or one that clears the cookie (`DLILPC=""; Max-Age=0`).
fn session_cookie(response: &HttpResponse) -> Option<String> {
    response
        .headers
        .get_all(SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|v| {
            let pair = v.split(';').next()?.trim();
            let (name, value) = pair.split_once('=')?;
            let value = value.trim();
            let empty = value.trim_matches('"').is_empty();
            let clears = v.to_ascii_lowercase().contains("max-age=0");
            (name.trim() == COOKIE && !empty && !clears && value.len() <= 4096)
                .then(|| format!("{COOKIE}={value}"))
        })
}

// ----- the pages ---------------------------------------------------------------------------

/// An outlet bitmask as the units write it: hex, bit i-1 = outlet i (`f6` = outlets 2, 3, 5-8).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Bits(Vec<bool>);

impl Bits {
    /// Parses `hex`; `what` names it in messages. More than `MAX_OUTLETS` significant bits
    /// is a malformed answer, never the size of an allocation.
    fn parse(hex: &str, what: &str) -> std::result::Result<Bits, String> {
        if hex.is_empty() || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(format!(
                "has {what}={} where a hex outlet bitmask was expected",
                crate::output::escape_line(&hex.chars().take(40).collect::<String>())
            ));
        }
        let significant = hex.trim_start_matches('0');
        if significant.len() * 4 > MAX_OUTLETS {
            return Err(format!(
                "has a {what} bitmask of {} hex digits, for more outlets than any unit has \
                 (expected at most {MAX_OUTLETS})",
                significant.len()
            ));
        }
        let mut bits = Vec::with_capacity(significant.len() * 4);
        for digit in significant.bytes().rev() {
            let v = (digit as char).to_digit(16).unwrap_or(0);
            for b in 0..4 {
                bits.push(v & (1 << b) != 0);
            }
        }
        Ok(Bits(bits))
    }

    /// Outlet `index` (0-based): bits beyond the mask read 0, as the units pad them.
    fn get(&self, index: usize) -> bool {
        self.0.get(index).copied().unwrap_or(false)
    }
}

/// One row of the outlet table.
#[derive(Debug, Clone, PartialEq)]
struct Row {
    name: String,
    /// ON or OFF as the row shows it; `None` when it shows neither.
    on: Option<bool>,
}

/// What one status page says.
#[derive(Debug, Clone, PartialEq)]
struct Page {
    /// The controller's name, from the title.
    name: Option<String>,
    /// The firmware version, from the footer.
    version: Option<String>,
    /// Outlet N+1 at index N; `None` for a number the table skips (a user sees only the
    /// outlets they may switch). At most `MAX_OUTLETS`.
    outlets: Vec<Option<Row>>,
    state: Option<Bits>,
    lock: Option<Bits>,
}

impl Page {
    /// The object-model tree this page shows.
    fn tree(&self) -> Value {
        let outlets: Vec<Value> = self
            .outlets
            .iter()
            .enumerate()
            .map(|(i, row)| {
                let Some(row) = row else {
                    return Value::Null;
                };
                let on = match &self.state {
                    Some(bits) => Some(bits.get(i)),
                    None => row.on,
                };
                json!({
                    "name": row.name,
                    "state": on,
                    "physical_state": on,
                    "locked": self.lock.as_ref().map(|bits| bits.get(i)),
                })
            })
            .collect();
        let mut relay = Map::new();
        if let Some(name) = &self.name {
            relay.insert("name".into(), json!(name));
        }
        if let Some(version) = &self.version {
            relay.insert("version".into(), json!(version));
        }
        relay.insert("outlets".into(), Value::Array(outlets));
        json!({ "relay": relay })
    }
}

/// Whether a page is the legacy login form as a unit's `/` serves it: a form posting to
/// `login.tgi` with a hidden `Challenge` (what `discover --scan` recognises a unit by).
pub fn is_login_form(html: &str) -> bool {
    html.to_ascii_lowercase().contains("login.tgi") && login_challenge(html).is_ok()
}

/// Whether a page is the login form: it posts to `login.tgi`, or has the Challenge input.
fn is_login_page(html: &str) -> bool {
    let lower = html.to_ascii_lowercase();
    lower.contains("login.tgi") || login_challenge(html).is_ok()
}

/// The login form's hidden `Challenge`, or why there is none.
fn login_challenge(html: &str) -> std::result::Result<String, String> {
    let lower = html.to_ascii_lowercase();
    for (start, end) in tags(&lower, "input") {
        let attrs = attributes(&html[start..end]);
        let named = attrs
            .iter()
            .any(|(k, v)| k.eq_ignore_ascii_case("name") && v.eq_ignore_ascii_case("challenge"));
        if !named {
            continue;
        }
        let value = attrs
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case("value"))
            .map(|(_, v)| v.trim().to_string())
            .unwrap_or_default();
        if value.is_empty() {
            return Err("has an empty Challenge".into());
        }
        if value.chars().count() > MAX_CHALLENGE_CHARS {
            return Err(format!(
                "has a Challenge of {} characters (the units' have 15 or 16)",
                value.chars().count()
            ));
        }
        return Ok(value);
    }
    Err("has no Challenge".into())
}

/// Byte ranges `<name ...>` of every tag called `name` in `lower` (a lower-cased page).
fn tags<'a>(lower: &'a str, name: &'a str) -> impl Iterator<Item = (usize, usize)> + 'a {
    let open = format!("<{name}");
    let mut from = 0;
    std::iter::from_fn(move || loop {
        let at = from + lower.get(from..)?.find(&open)?;
        let after = at + open.len();
        from = after;
        let next = lower.as_bytes().get(after).copied();
        if !matches!(next, Some(b'>' | b' ' | b'\t' | b'\r' | b'\n' | b'/')) {
            continue;
        }
        let end = lower[after..]
            .find('>')
            .map_or(lower.len(), |e| after + e + 1);
        from = end;
        return Some((at, end));
    })
}

/// The attributes of one tag (`<input type=hidden name="Challenge" value="...">`).
fn attributes(tag: &str) -> Vec<(String, String)> {
    let inner = tag
        .trim_start_matches('<')
        .trim_end_matches('>')
        .trim_end_matches('/');
    let mut chars = inner.char_indices().peekable();
    // Skip the tag's name.
    while chars.next_if(|(_, c)| !c.is_whitespace()).is_some() {}
    let mut out = Vec::new();
    loop {
        while chars.next_if(|(_, c)| c.is_whitespace()).is_some() {}
        let Some(&(start, _)) = chars.peek() else {
            break;
        };
        let mut end = start;
        while let Some((i, c)) = chars.next_if(|(_, c)| !c.is_whitespace() && *c != '=') {
            end = i + c.len_utf8();
        }
        let key = inner[start..end].to_string();
        while chars.next_if(|(_, c)| c.is_whitespace()).is_some() {}
        if chars.next_if(|(_, c)| *c == '=').is_none() {
            if key.is_empty() {
                chars.next();
            } else {
                out.push((key, String::new()));
            }
            continue;
        }
        while chars.next_if(|(_, c)| c.is_whitespace()).is_some() {}
        let value = match chars.peek().copied() {
            Some((i, q)) if q == '"' || q == '\'' => {
                chars.next();
                let mut end = inner.len();
                for (j, c) in chars.by_ref() {
                    if c == q {
                        end = j;
                        break;
                    }
                }
                inner.get(i + 1..end).unwrap_or("").to_string()
            }
            Some((i, _)) => {
                let mut end = inner.len();
                while let Some((j, c)) = chars.next_if(|(_, c)| !c.is_whitespace()) {
                    end = j + c.len_utf8();
                }
                inner[i..end].to_string()
            }
            None => String::new(),
        };
        out.push((key, decode_entities(&value)));
    }
    out
}

/// A fragment of HTML as text: comments and tags dropped, entities decoded, white space
/// collapsed.
fn text_of(fragment: &str) -> String {
    let mut out = String::new();
    let mut rest = fragment;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.find("-->").map_or("", |e| &after[e + 3..]);
            out.push(' ');
        } else if rest.starts_with('<') {
            rest = rest.find('>').map_or("", |e| &rest[e + 1..]);
            out.push(' ');
        } else {
            let stop = rest.find('<').unwrap_or(rest.len());
            out.push_str(&rest[..stop]);
            rest = &rest[stop..];
        }
    }
    decode_entities(&out)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// `&amp;`, `&lt;`, `&gt;`, `&quot;`, `&#39;`, `&apos;`, `&nbsp;` and numeric references.
fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let end = rest[1..].find(';').map(|e| e + 1).filter(|&e| e <= 10);
        let decoded = end.and_then(|end| {
            let name = &rest[1..end];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some(' '),
                _ => {
                    let number = name.strip_prefix('#')?;
                    let code = match number.strip_prefix(['x', 'X']) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                        None => number.parse().ok()?,
                    };
                    char::from_u32(code)
                }
            }?;
            Some((c, end + 1))
        });
        match decoded {
            Some((c, used)) => {
                out.push(c);
                rest = &rest[used..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The hex after `key=` in a comment such as `<!-- state=f6 lock=00 -->`.
fn comment_field<'a>(comment: &'a str, key: &str) -> Option<&'a str> {
    let lower = comment.to_ascii_lowercase();
    let needle = format!("{key}=");
    let mut from = 0;
    while let Some(found) = lower[from..].find(&needle) {
        let at = from + found;
        from = at + needle.len();
        // A whole word: `state=`, not `xstate=`.
        let boundary = at == 0 || !lower.as_bytes()[at - 1].is_ascii_alphanumeric();
        if !boundary {
            continue;
        }
        let value = &comment[from..];
        let end = value
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(value.len());
        return Some(&value[..end]);
    }
    None
}

/// The text of `<div id="ID">HEX</div>` on the `/status` page.
fn status_div<'a>(html: &'a str, id: &str) -> Option<&'a str> {
    let lower = html.to_ascii_lowercase();
    for (start, end) in tags(&lower, "div") {
        let attrs = attributes(&html[start..end]);
        if attrs
            .iter()
            .any(|(k, v)| k.eq_ignore_ascii_case("id") && v.eq_ignore_ascii_case(id))
        {
            let rest = &html[end..];
            let stop = rest.find('<').unwrap_or(rest.len());
            return Some(rest[..stop].trim());
        }
    }
    None
}

/// Where the first of `needles` (each starting with `<`) occurs in `hay` at or after
/// `from`; the end of `hay` when none does. One pass, so that a hostile page full of
/// unclosed rows or cells costs time in proportion to its size.
fn first_of(hay: &str, from: usize, needles: &[&str]) -> usize {
    let bytes = hay.as_bytes();
    let mut at = from.min(hay.len());
    while let Some(i) = hay[at..].find('<') {
        let p = at + i;
        if needles.iter().any(|n| bytes[p..].starts_with(n.as_bytes())) {
            return p;
        }
        at = p + 1;
    }
    hay.len()
}

/// The table rows of a page: each from a `<tr` to the next `<tr`, `</tr` or `</table`.
fn rows(lower: &str) -> Vec<(usize, usize)> {
    tags(lower, "tr")
        .map(|(start, _)| {
            (
                start,
                first_of(lower, start + 3, &["<tr", "</tr", "</table"]),
            )
        })
        .collect()
}

/// The cells of one row: each from the end of its `<td ...>` to `</td`, the next `<td` or
/// the row's end.
fn cells<'a>(row: &'a str, lower: &str) -> Vec<&'a str> {
    tags(lower, "td")
        .map(|(_, content)| {
            let end = first_of(lower, content, &["</td", "<td"]);
            &row[content.min(end)..end]
        })
        .collect()
}

/// Parses a status page (`/index.htm`) of any of the firmware generations the research note
/// quotes: rows `<tr ...><td ...>N</td><td>NAME</td><td>...ON|OFF...</td>...` (LPC7 1.8.4,
/// WiFi 1.6.17.0 and 1.12.14.0), with or without the `<!-- state=.. lock=.. -->` comment.
/// Why it is not one is the error: it "has no outlet table ...", "has a state bitmask of ...".
fn parse_page(html: &str) -> std::result::Result<Page, String> {
    let lower = html.to_ascii_lowercase();
    let mut outlets: Vec<Option<Row>> = Vec::new();
    for (start, end) in rows(&lower) {
        let row = &html[start..end];
        let row_lower = &lower[start..end];
        let cells = cells(row, row_lower);
        if cells.len() < 3 {
            continue;
        }
        let number_text = text_of(cells[0]);
        if number_text.is_empty()
            || number_text.len() > 12
            || !number_text.bytes().all(|b| b.is_ascii_digit())
        {
            continue;
        }
        let Ok(number) = number_text.parse::<u64>() else {
            continue;
        };
        let on = cells[2..].iter().find_map(|c| {
            let t = text_of(c);
            match t.to_ascii_uppercase().as_str() {
                "ON" => Some(true),
                "OFF" => Some(false),
                _ => None,
            }
        });
        let link = row_lower.contains(&format!("outlet?{number}="));
        if number == 0 || (on.is_none() && !link) {
            continue;
        }
        if number > MAX_OUTLETS as u64 {
            return Err(format!(
                "lists outlet {number}, more outlets than any unit has (expected at most \
                 {MAX_OUTLETS})"
            ));
        }
        let index = number as usize - 1;
        if outlets.len() <= index {
            outlets.resize(index + 1, None);
        }
        if outlets[index].is_none() {
            outlets[index] = Some(Row {
                name: text_of(cells[1]),
                on,
            });
        }
    }
    let mut state = None;
    let mut lock = None;
    let mut from = 0;
    while let Some(found) = lower[from..].find("<!--") {
        let at = from + found + 4;
        let end = lower[at..].find("-->").map_or(lower.len(), |e| at + e);
        from = end;
        let comment = &html[at..end];
        if let Some(hex) = comment_field(comment, "state") {
            state = Some(Bits::parse(hex, "state")?);
            lock = comment_field(comment, "lock")
                .map(|hex| Bits::parse(hex, "lock"))
                .transpose()?;
            break;
        }
    }
    if outlets.iter().all(Option::is_none) {
        return Err(format!(
            "matches no known page shape: expected an outlet table (rows numbered from 1 with \
             a name and ON or OFF, as index.htm shows them){}",
            if state.is_some() {
                "; it has a state bitmask but no outlets to put it on"
            } else {
                ""
            }
        ));
    }
    let name = title(html, &lower);
    let version = version(html, &lower);
    Ok(Page {
        name,
        version,
        outlets,
        state,
        lock,
    })
}

/// The controller's name from `<title>Outlet Control - NAME</title>`.
fn title(html: &str, lower: &str) -> Option<String> {
    let (_, open_end) = tags(lower, "title").next()?;
    let close = lower[open_end..].find("</title").map(|e| open_end + e)?;
    let text = text_of(&html[open_end..close]);
    let (_, name) = text.split_once(" - ")?;
    let name = name.trim();
    (!name.is_empty() && name.len() <= 256).then(|| name.to_string())
}

/// The firmware version from the footer's `Version 1.8.4 (...)`.
fn version(html: &str, lower: &str) -> Option<String> {
    let mut from = 0;
    while let Some(found) = lower[from..].find("version ") {
        let word_start = from + found;
        let at = word_start + "version ".len();
        from = at;
        // A word of its own: not the end of "conversion ".
        if word_start > 0 && lower.as_bytes()[word_start - 1].is_ascii_alphanumeric() {
            continue;
        }
        let rest = &html[at..];
        let end = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(rest.len());
        let v = &rest[..end];
        if v.starts_with(|c: char| c.is_ascii_digit()) && v.len() <= 32 {
            return Some(v.trim_end_matches('.').to_string());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// A page in the LPC7 (fw 1.8.x) layout the research note describes: title with the
    /// controller's name, the bitmask comment after </head>, one row per outlet with the Cycle
    /// link commented out while the outlet is off. Names and numbers are made up.
    fn lpc7_page(state: &str) -> String {
        let mut rows = String::new();
        for n in 1..=8 {
            let on = u32::from_str_radix(state, 16).unwrap() & (1 << (n - 1)) != 0;
            let (color, word, other) = if on {
                ("green", "ON", "OFF")
            } else {
                ("red", "OFF", "ON")
            };
            let cycle = if on {
                format!("<a  href=outlet?{n}=CCL>Cycle</a>")
            } else {
                format!("<!-- <a  href=outlet?{n}=CCL>Cycle</a> -->")
            };
            rows.push_str(&format!(
                "<tr bgcolor=\"#F0F0F0\"><td align=center>{n}</td>\n<td>Bench &amp; {n}</td><td>\n\
                 <b><font color={color}>{word}</font></b></td><td>\n<a  href=outlet?{n}={other}>\
                 Switch {other}</a>\n</td><td>\n{cycle}\n</td></tr>\n"
            ));
        }
        format!(
            "<HTML><HEAD><TITLE>Outlet Control  - Shelf 2</TITLE></HEAD>\n\
             <!-- state={state} lock=04 -->\n<BODY><table><tr><td>menu</td><td>\n<table>\n\
             <tr><th>#</th><th align=left>Name</th><th>State</th><th>Action</th><th></th></tr>\n\
             {rows}</table>\nMaster Control: <a href=outlet?a=OFF>All OFF</a> \
             <a href=outlet?a=ON>All ON</a><br>Sequence delay: 3 sec.<br>\
             Version 1.8.4 (Jan 01 2016 / 00:00:00) 00000000-00000000<br>S/N:LPC0000000\n\
             </td></tr></table></BODY></HTML>"
        )
    }

    /// The WiFi (fw 1.6.x) layout: `class="item"` rows, quoted attributes, blank lines
    /// inside the cells, uptime comment, no bitmask lock bits set.
    fn wifi_page(with_comment: bool) -> String {
        let mut rows = String::new();
        for (n, on) in [(1, false), (2, true), (3, false), (4, true)] {
            let (color, word, other) = if on {
                ("green", "ON", "OFF")
            } else {
                ("red", "OFF", "ON")
            };
            rows.push_str(&format!(
                "<tr class=\"item\"><td class=\"centered\">{n}</td>\n<td>Port {n}</td><td>\n\n\
                 <b><font color=\"{color}\">{word}</font></b>\n</td><td>\n\n    <a  \
                 href=\"outlet?{n}={other}\">Switch {other}</a>\n\n</td><td>\n\n<!-- \n\n<a  \
                 href=\"outlet?{n}=CCL\">Cycle</a>\n\n -->\n\n</td></tr>\n"
            ));
        }
        let comment = if with_comment {
            "<!-- state=0a lock=00 -->\n"
        } else {
            ""
        };
        format!(
            "<!DOCTYPE html><html><head><title>Outlet Control  - Rack A\n</title>\
             <script>var dli={{serialNumber:\"X\"}};</script></head>\n{comment}\
             <!-- 1234.5s up -->\n<body><table class=\"outlets\"><tr><th>#</th><th>Name</th>\
             <th>State</th><th>Action</th><th></th></tr>\n{rows}</table>\
             <div>Version 1.6.17.0 / 1.6.17.0</div></body></html>"
        )
    }

    #[test]
    fn reads_the_lpc7_page() {
        let page = parse_page(&lpc7_page("f6")).unwrap();
        assert_eq!(page.name.as_deref(), Some("Shelf 2"));
        assert_eq!(page.version.as_deref(), Some("1.8.4"));
        assert_eq!(page.outlets.len(), 8);
        let tree = page.tree();
        let outlets = &tree["relay"]["outlets"];
        assert_eq!(outlets[0]["name"], json!("Bench & 1"));
        assert_eq!(outlets[0]["state"], json!(false));
        assert_eq!(outlets[1]["physical_state"], json!(true));
        assert_eq!(outlets[2]["locked"], json!(true));
        assert_eq!(outlets[3]["locked"], json!(false));
        assert_eq!(outlets[7]["state"], json!(true));
    }

    #[test]
    fn reads_the_wifi_page_with_and_without_the_comment() {
        for with_comment in [true, false] {
            let page = parse_page(&wifi_page(with_comment)).unwrap();
            assert_eq!(page.name.as_deref(), Some("Rack A"));
            assert_eq!(page.version.as_deref(), Some("1.6.17.0"));
            let tree = page.tree();
            let states: Vec<Value> = (0..4)
                .map(|i| tree["relay"]["outlets"][i]["state"].clone())
                .collect();
            assert_eq!(
                states,
                [json!(false), json!(true), json!(false), json!(true)]
            );
            let locked = &tree["relay"]["outlets"][0]["locked"];
            assert_eq!(
                locked,
                &if with_comment {
                    json!(false)
                } else {
                    Value::Null
                }
            );
        }
    }

    #[test]
    fn reads_the_newer_wifi_rows() {
        // fw 1.12.x: rows carry more classes and data attributes.
        let page = "<html><head><title>Outlet Control - Lab</title></head><body><table>\
            <tr class=\"item outlet-state-row\" data-outlet-state-web-ui-row=\"0\" \
            data-outlet-state-row=\"0\"><td class=\"centered\">1</td><td>A</td><td>\
            <b><font color=\"green\">ON</font></b></td><td><a href=\"outlet?1=OFF\">Switch OFF\
            </a></td><td></td></tr></table>Version 1.12.14.0</body></html>";
        let tree = parse_page(page).unwrap().tree();
        assert_eq!(tree["relay"]["outlets"][0]["state"], json!(true));
        assert_eq!(tree["relay"]["version"], json!("1.12.14.0"));
    }

    #[test]
    fn a_user_page_skips_outlets_it_may_not_see() {
        let page = "<table><tr><th>#</th></tr><tr><td>3</td><td>C</td><td>OFF</td></tr>\
                    <tr><td>5</td><td>E</td><td>ON</td></tr></table>";
        let tree = parse_page(page).unwrap().tree();
        let outlets = tree["relay"]["outlets"].as_array().unwrap();
        assert_eq!(outlets.len(), 5);
        assert_eq!(outlets[0], Value::Null);
        assert_eq!(outlets[4]["state"], json!(true));
        assert!(tree["relay"].get("name").is_none());
    }

    #[test]
    fn bitmasks_are_bounded() {
        assert_eq!(Bits::parse("81", "state").unwrap().0.len(), 8);
        assert!(Bits::parse("81", "state").unwrap().get(7));
        assert!(!Bits::parse("81", "state").unwrap().get(600));
        // Leading zeros are padding, not outlets.
        let padded = format!("{}1", "0".repeat(5000));
        assert!(Bits::parse(&padded, "state").unwrap().get(0));
        let huge = format!("1{}", "0".repeat(256));
        let e = Bits::parse(&huge, "state").unwrap_err();
        assert!(e.contains("at most 1024"), "{e}");
        assert!(Bits::parse(&"f".repeat(256), "state").is_ok());
        assert!(Bits::parse("zz", "state").is_err());
        assert!(Bits::parse("", "state").is_err());
        // On a page: exit-5 material, naming what was expected.
        let page = lpc7_page("f6").replace("state=f6", &format!("state=1{}", "0".repeat(250_000)));
        assert!(parse_page(&page).unwrap_err().contains("at most 1024"));
        let page = "<tr><td>1000000</td><td>x</td><td>ON</td></tr>";
        assert!(parse_page(page).unwrap_err().contains("at most 1024"));
    }

    #[test]
    fn hostile_pages_cost_time_in_proportion_to_their_size() {
        // 8 MiB (the transport's body cap) of unclosed rows, cells and tags.
        for unit in [
            "<tr",
            "<tr><td",
            "<td <td ",
            "<tr><td>1</td><td",
            "<!--",
            "<input ",
        ] {
            let page = unit.repeat(8 * 1024 * 1024 / unit.len());
            let started = std::time::Instant::now();
            let _ = parse_page(&page);
            let _ = is_login_page(&page);
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "{unit}: {:?}",
                started.elapsed()
            );
        }
    }

    #[test]
    fn pages_of_no_known_shape_are_refused() {
        for page in [
            "",
            "<html><body>Hello</body></html>",
            "<!-- state=ff lock=00 --><p>no table</p>",
            "{\"relay\": {}}",
        ] {
            let e = parse_page(page).unwrap_err();
            assert!(e.contains("no known page shape"), "{page}: {e}");
        }
    }

    #[test]
    fn login_forms_and_their_challenge() {
        let form = "<html><head><title>Power Controller </title></head><body>\
            <FORM NAME=\"login\" ACTION=\"/login.tgi\" METHOD=post>\
            <INPUT TYPE=hidden NAME=\"Challenge\" VALUE=\"Abc123Xyz098Qwe\">\
            <input type=text name=Username><input type=password name=Password></FORM>";
        assert!(is_login_page(form));
        assert_eq!(login_challenge(form).unwrap(), "Abc123Xyz098Qwe");
        let unquoted = "<form action=/login.tgi><input type=hidden name=Challenge value=k9>";
        assert_eq!(login_challenge(unquoted).unwrap(), "k9");
        let none = "<form action=\"/login.tgi\"><input name=\"Username\"></form>";
        assert!(is_login_page(none));
        assert!(login_challenge(none).unwrap_err().contains("no Challenge"));
        let empty = "<form action=/login.tgi><input name=Challenge value=\"\"></form>";
        assert!(login_challenge(empty).unwrap_err().contains("empty"));
        assert!(!is_login_page(&lpc7_page("00")));
    }

    #[test]
    fn the_form_answer_is_md5_of_challenge_user_password_challenge() {
        // md5("c" + "admin" + "1234" + "c"), as `printf %s cadmin1234c | md5sum` gives it.
        assert_eq!(
            form_answer("c", "admin", "1234"),
            "3fa413b4cd9fb7d756d496cc2dbcaac4"
        );
        assert_eq!(form_answer("c", "admin", "1234").len(), 32);
    }

    #[test]
    fn session_cookies_are_taken_as_the_unit_sets_them() {
        let response = |values: &[&str]| {
            let mut headers = reqwest::header::HeaderMap::new();
            for v in values {
                headers.append(SET_COOKIE, v.parse().unwrap());
            }
            HttpResponse {
                status: StatusCode::OK,
                path: "/login.tgi".into(),
                headers,
                body: Bytes::new(),
            }
        };
        assert_eq!(
            session_cookie(&response(&["DLILPC=\"Ab12\"; Version=1; Path=/"])).as_deref(),
            Some("DLILPC=\"Ab12\"")
        );
        assert_eq!(
            session_cookie(&response(&["DLILPC=\"\"; Version=1; Max-Age=0; Path=/"])),
            None
        );
        assert_eq!(
            session_cookie(&response(&["other=1", "DLILPC=x9; Path=/"])).as_deref(),
            Some("DLILPC=x9")
        );
    }

    #[test]
    fn status_divs_and_entities() {
        let status = "<html><body><div id=\"state\">0f</div><div id=\"lock\">00</div>\
                      <div id=\"perm\">ff</div></body></html>";
        assert_eq!(status_div(status, "state"), Some("0f"));
        assert_eq!(status_div(status, "perm"), Some("ff"));
        assert_eq!(status_div(status, "nope"), None);
        assert_eq!(
            decode_entities("a&amp;b&#65;&#x42;&bogus;&"),
            "a&bAB&bogus;&"
        );
        assert_eq!(text_of("<b> x <!-- y --> z </b>"), "x z");
    }

    /// HTML-ish text: tags the parser looks for, numbers, bitmasks and junk, in any order.
    fn html_like() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            Just("<tr>".to_string()),
            Just("<tr class=\"item\">".to_string()),
            Just("</tr>".to_string()),
            Just("<td>".to_string()),
            Just("<td align=center>".to_string()),
            Just("</td>".to_string()),
            Just("<table>".to_string()),
            Just("</table>".to_string()),
            Just("<font color=red>OFF</font>".to_string()),
            Just("<font color=green>ON</font>".to_string()),
            Just("<!--".to_string()),
            Just("-->".to_string()),
            Just("<title>Outlet Control - ".to_string()),
            Just("</title>".to_string()),
            Just("Version ".to_string()),
            Just("&#".to_string()),
            Just("&amp;".to_string()),
            Just("<input name=Challenge value=".to_string()),
            "[0-9]{1,8}".prop_map(|s| s),
            "state=[0-9a-fA-F]{0,300} lock=[0-9a-z]{0,4}".prop_map(|s| s),
            "outlet\\?[0-9]{1,5}=ON".prop_map(|s| s),
            ".{0,16}".prop_map(|s| s),
        ];
        prop::collection::vec(piece, 0..80).prop_map(|parts| parts.concat())
    }

    proptest! {
        #[test]
        fn the_page_parser_never_panics_and_keeps_outlets_in_bounds(
            html in prop_oneof![html_like(), ".{0,400}"]
        ) {
            if let Ok(page) = parse_page(&html) {
                prop_assert!(page.outlets.len() <= MAX_OUTLETS);
                prop_assert!(page.outlets.iter().any(Option::is_some));
                let tree = page.tree();
                prop_assert!(tree["relay"]["outlets"].as_array().unwrap().len() <= MAX_OUTLETS);
            }
            let _ = is_login_page(&html);
            let _ = login_challenge(&html);
            let _ = status_div(&html, "state");
        }
    }
}
