//! The legacy web interface of the simulated DLI controller (protocols/dli-apis.md section
//! e), served on the REST port over the same state: a REST write shows on `/index.htm` and
//! `/status`, and an `outlet?` command shows in the REST tree.
//!
//! - `GET /` is the login form with a hidden `Challenge` (15 characters on an LPC7, 16 on a
//!   WiFi-generation unit); `POST /login.tgi` with `Username` and
//!   `Password = md5hex(Challenge + user + password + Challenge)` answers a meta refresh and
//!   the `DLILPC` session cookie; a refused login gets the form again.
//! - HTTP Basic credentials are taken instead while `config/allow_plaintext_logins` is on
//!   (always on an LPC7, which labgrid's and UU's clients address with `http://user:pass@`).
//! - `GET /index.htm` lists the outlets in the model's page shape, with the
//!   `<!-- state=.. lock=.. -->` bitmask comment; `GET /status` has labgrid's
//!   `<div id="state">..</div><div id="lock">..</div><div id="perm">..</div>`; a user other
//!   than the admin sees only the outlets they may switch, and the bits of others read 0.
//! - `GET /outlet?N=ON|OFF|CCL` (N from 1, `a` for all) answers a 200 meta refresh, not a
//!   redirect, whatever it did: a locked outlet or one the user may not switch is left alone.
//! - Pages carry no Content-Length and end when the connection closes, as the captured units
//!   send them.
//!
//! What the captures do not show is marked [INF] where it is decided.

use super::dli::{Caller, DliState};
use super::{full, now_ms, plain_text, Body, Faults};
use crate::path::{Path, Segment};
use bytes::Bytes;
use http::{header, HeaderValue, Method, StatusCode, Version};
use http_body_util::{BodyExt, StreamBody};
use hyper::body::Frame;
use hyper::Response;
use serde_json::json;
use std::collections::{HashMap, VecDeque};
use std::net::SocketAddr;
use std::sync::Mutex;

/// Which unit `pductl sim dli` is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum DliModel {
    /// A current unit: the REST API and the legacy web interface on one port, with a
    /// WiFi-generation unit's pages (16-character challenge)
    #[default]
    Rest,
    /// A Web Power Switch 7 (LPC7, firmware 1.8): only the legacy web interface (15-character
    /// challenge, /restapi/ answers 404, Basic logins always taken)
    Lpc7,
}

impl DliModel {
    /// Characters of the login form's challenge and of the session cookie, as captured.
    fn token_chars(self) -> usize {
        match self {
            DliModel::Rest => 16,
            DliModel::Lpc7 => 15,
        }
    }
}

/// Challenges and sessions remembered at most: a client that asks for the login form in a
/// loop cannot grow them for ever.
const REMEMBERED: usize = 1024;

/// Status for Basic credentials while plaintext logins are off [INF: the research note
/// found no capture of the refusal; a capture would correct it here].
const STATUS_PLAINTEXT_OFF: u16 = 403;

/// What the REST face's lockout bookkeeping says of a login attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Ok,
    Failed,
    /// The user is locked out, right password or not.
    LockedOut,
}

/// One request, as the legacy face needs it.
pub struct LegacyRequest<'a> {
    pub method: &'a Method,
    /// Path and query as sent.
    pub uri: &'a str,
    pub cookie: Option<&'a str>,
    pub authorization: Option<&'a str>,
    pub body: &'a [u8],
    pub peer: SocketAddr,
}

struct Session {
    user: String,
    last_used_ms: u64,
}

/// The legacy face of one simulated controller.
pub struct Legacy {
    model: DliModel,
    faults: Faults,
    challenges: Mutex<VecDeque<String>>,
    sessions: Mutex<HashMap<String, Session>>,
}

/// Who is asking, or the answer that says they must log in first.
enum Access {
    Caller(Caller),
    Answer(Response<Body>),
}

impl Legacy {
    pub fn new(model: DliModel, faults: Faults) -> Legacy {
        Legacy {
            model,
            faults,
            challenges: Mutex::new(VecDeque::new()),
            sessions: Mutex::new(HashMap::new()),
        }
    }

    /// Sets up a fresh state as this model's unit: an LPC7 takes Basic logins and has its
    /// firmware's version.
    pub fn prepare(model: DliModel, state: &mut DliState) {
        if model == DliModel::Lpc7 {
            state.tree["relay"]["model"] = json!("LPC7 (simulated)");
            state.tree["config"]["version"] = json!("1.8.4 (simulated)");
            state.tree["config"]["allow_plaintext_logins"] = json!(true);
        }
    }

    /// Answers a request for anything outside `/restapi/`; also says whether the state
    /// changed. `login` keeps the failed-login count and lockouts the REST face keeps.
    pub fn respond(
        &self,
        state: &mut DliState,
        request: &LegacyRequest,
        login: &dyn Fn(&DliState, &str, bool) -> Verdict,
    ) -> (Response<Body>, bool) {
        let (path, query) = request.uri.split_once('?').unwrap_or((request.uri, ""));
        let get = matches!(*request.method, Method::GET | Method::HEAD);
        let head = *request.method == Method::HEAD;
        match path {
            "/" if get => (self.login_page(state, None), false),
            "/login.tgi" if *request.method == Method::POST => {
                (self.login(state, request, login), false)
            }
            "/index.htm" | "/status" | "/outlet" | "/logout" if get => {
                let caller = match self.access(state, request, login) {
                    Access::Caller(caller) => caller,
                    Access::Answer(answer) => return (answer, false),
                };
                let cookie = self.resent_cookie(request);
                match path {
                    "/index.htm" => {
                        state.settle(now_ms());
                        let page = self.index_page(state, &caller);
                        (self.page_read(page, cookie, head), false)
                    }
                    "/status" => {
                        state.settle(now_ms());
                        let page = status_page(state, &caller);
                        (self.page_read(page, cookie, head), false)
                    }
                    "/outlet" => {
                        let changed = self.command(state, &caller, query);
                        (self.page(200, self.refresh_page(), cookie), changed)
                    }
                    _ => {
                        if let Some(token) = request.cookie.and_then(session_token) {
                            self.lock_sessions().remove(&token);
                        }
                        (self.login_page(state, None), false)
                    }
                }
            }
            "/" | "/login.tgi" | "/index.htm" | "/status" | "/outlet" | "/logout" => (
                plain_text(StatusCode::METHOD_NOT_ALLOWED, "method not allowed"),
                false,
            ),
            _ => (plain_text(StatusCode::NOT_FOUND, "not found"), false),
        }
    }

    fn lock_sessions(&self) -> std::sync::MutexGuard<'_, HashMap<String, Session>> {
        self.sessions.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// A page in the model's framing: no Content-Length, the connection closed after it
    /// (HTTP/1.0 framing, so that every client reads to the end) [INF: the captures do not
    /// give the status line's version]; the LPC7's no-cache headers, or the WiFi units'.
    fn page(&self, status: u16, html: String, set_cookie: Option<String>) -> Response<Body> {
        let bytes = Bytes::from(html);
        let stream = futures_util::stream::once(async move { Ok(Frame::data(bytes)) });
        let mut r = Response::new(StreamBody::new(stream).boxed());
        *r.status_mut() = StatusCode::from_u16(status).unwrap_or(StatusCode::OK);
        *r.version_mut() = Version::HTTP_10;
        let headers = r.headers_mut();
        let mut put = |name: header::HeaderName, value: &str| {
            if let Ok(v) = HeaderValue::from_str(value) {
                headers.append(name, v);
            }
        };
        match self.model {
            DliModel::Lpc7 => {
                put(header::CONTENT_TYPE, "text/html");
                put(
                    header::CACHE_CONTROL,
                    "No-cache, no-store, must-revalidate, max-age=0",
                );
                put(header::EXPIRES, "Mon, 01 Jan 1990 00:00:01 GMT");
                put(header::PRAGMA, "no-cache");
            }
            DliModel::Rest => {
                put(header::CONTENT_TYPE, "text/html; charset=\"utf-8\"");
                put(header::CACHE_CONTROL, "max-age=0, private, must-revalidate");
            }
        }
        put(header::CONNECTION, "close");
        if let Some(cookie) = set_cookie {
            put(header::SET_COOKIE, &cookie);
        }
        r
    }

    /// A page that was read: the faults that mangle reads apply to it.
    fn page_read(&self, html: String, set_cookie: Option<String>, head: bool) -> Response<Body> {
        let bytes = Bytes::from(html.clone());
        let response = self.page(200, html, set_cookie);
        if head {
            let (parts, _) = response.into_parts();
            return Response::from_parts(parts, full(Bytes::new()));
        }
        self.faults.mangle(response, bytes)
    }

    /// A fresh token of the model's length: challenges and session cookies.
    fn token(&self) -> String {
        use rand::distributions::{Alphanumeric, DistString};
        Alphanumeric.sample_string(&mut rand::thread_rng(), self.model.token_chars())
    }

    /// The login form with a fresh challenge; `note` is a line above it (why the last login
    /// failed). An LPC7 clears the session cookie with it.
    fn login_page(&self, state: &DliState, note: Option<&str>) -> Response<Body> {
        let challenge = self.token();
        {
            let mut challenges = self.challenges.lock().unwrap_or_else(|p| p.into_inner());
            if challenges.len() >= REMEMBERED {
                challenges.pop_front();
            }
            challenges.push_back(challenge.clone());
        }
        let title = match self.model {
            DliModel::Lpc7 => "Power Controller ".to_string(),
            DliModel::Rest => "Power Controller Controller\n".to_string(),
        };
        let note = note.map_or(String::new(), |n| format!("<p><b>{}</b></p>\n", escape(n)));
        let html = format!(
            "<html>\n<head>\n<title>{title}</title>\n</head>\n<body>\n\
             <h2>{}</h2>\n{note}\
             <FORM NAME=\"login\" ACTION=\"/login.tgi\" METHOD=post>\n\
             <INPUT TYPE=hidden NAME=\"Challenge\" VALUE=\"{challenge}\">\n\
             <table>\n<tr><td>User name:</td><td><INPUT TYPE=text NAME=\"Username\" SIZE=16>\
             </td></tr>\n<tr><td>Password:</td><td><INPUT TYPE=password NAME=\"Password\" \
             SIZE=16></td></tr>\n</table>\n<INPUT TYPE=submit VALUE=\"Log In\">\n</FORM>\n\
             <p>Warning: Insecure Authentication. The password is sent as an MD5 hash of the \
             challenge, user name and password; use HTTPS or the REST API where you can.</p>\n\
             </body>\n</html>\n",
            escape(
                state.tree["relay"]["name"]
                    .as_str()
                    .unwrap_or("Power Controller")
            ),
        );
        let clear = (self.model == DliModel::Lpc7)
            .then(|| "DLILPC=\"\"; Version=1; Max-Age=0; Path=/".to_string());
        self.page(200, html, clear)
    }

    /// `<META refresh>` to the outlet page, as both generations answer a login or a command.
    fn refresh_page(&self) -> String {
        match self.model {
            DliModel::Lpc7 => {
                "<HTML><HEAD>\n\n<META HTTP-EQUIV=\"refresh\" content=\"0; URL=/index.htm\">\n\
                 </HEAD></HTML>\n"
                    .to_string()
            }
            DliModel::Rest => "<!DOCTYPE html>\n<html>\n<head>\n<title>Redirecting...</title>\n\
                 <META HTTP-EQUIV=\"refresh\" content=\"0; URL=/index.htm\">\n</head>\n<body>\n\
                 <p>Redirecting to <a href=\"/index.htm\">the outlet page</a>...</p>\n</body>\n\
                 </html>\n"
                .to_string(),
        }
    }

    /// `POST /login.tgi`: the form's answer checked against every challenge handed out and
    /// not yet used; the session cookie, or the form again.
    fn login(
        &self,
        state: &mut DliState,
        request: &LegacyRequest,
        login: &dyn Fn(&DliState, &str, bool) -> Verdict,
    ) -> Response<Body> {
        let form = form_fields(request.body);
        let field = |name: &str| {
            form.iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.clone())
                .unwrap_or_default()
        };
        let (user, answer) = (field("Username"), field("Password").to_ascii_lowercase());
        let password = state.account(&user).map(|(password, _)| password);
        let used = password.and_then(|password| {
            let mut challenges = self.challenges.lock().unwrap_or_else(|p| p.into_inner());
            let at = challenges
                .iter()
                .position(|c| md5_answer(c, &user, &password) == answer)?;
            challenges.remove(at)
        });
        match login(state, &user, used.is_some()) {
            Verdict::LockedOut => {
                return self.login_page(
                    state,
                    Some("Too many failed login attempts: login is locked out for a while."),
                )
            }
            Verdict::Failed => return self.login_page(state, Some("Login failed.")),
            Verdict::Ok => {}
        }
        let token = self.token();
        {
            let mut sessions = self.lock_sessions();
            if sessions.len() >= REMEMBERED {
                // The one used longest ago makes room.
                if let Some(oldest) = sessions
                    .iter()
                    .min_by_key(|(_, s)| s.last_used_ms)
                    .map(|(k, _)| k.clone())
                {
                    sessions.remove(&oldest);
                }
            }
            sessions.insert(
                token.clone(),
                Session {
                    user,
                    last_used_ms: now_ms(),
                },
            );
        }
        self.page(
            200,
            self.refresh_page(),
            Some(format!("DLILPC=\"{token}\"; Version=1; Path=/")),
        )
    }

    /// The `Set-Cookie` an LPC7 sends again with every page of a session.
    fn resent_cookie(&self, request: &LegacyRequest) -> Option<String> {
        if self.model != DliModel::Lpc7 {
            return None;
        }
        let token = request.cookie.and_then(session_token)?;
        self.lock_sessions()
            .contains_key(&token)
            .then(|| format!("DLILPC=\"{token}\"; Version=1; Path=/"))
    }

    /// The caller of a page: a live session, or Basic credentials where plaintext logins are
    /// allowed; anyone else gets the login form [INF: what a unit answers a page asked for
    /// without a session is not captured; the form is what dlipower copes with].
    fn access(
        &self,
        state: &DliState,
        request: &LegacyRequest,
        login: &dyn Fn(&DliState, &str, bool) -> Verdict,
    ) -> Access {
        let now = now_ms();
        // An idle session lasts auth/cookie_timeout seconds [INF: the WiFi units show a
        // 30-minute session timer; the REST tree's cookie timeout is the setting at hand].
        let timeout_ms = state.tree["auth"]["cookie_timeout"]
            .as_u64()
            .unwrap_or(28_800)
            .saturating_mul(1000);
        if let Some(token) = request.cookie.and_then(session_token) {
            let mut sessions = self.lock_sessions();
            let user = match sessions.get_mut(&token) {
                Some(s) if now.saturating_sub(s.last_used_ms) < timeout_ms => {
                    s.last_used_ms = now;
                    Some(s.user.clone())
                }
                Some(_) => {
                    sessions.remove(&token);
                    None
                }
                None => None,
            };
            drop(sessions);
            if let Some((_, caller)) = user.and_then(|u| state.account(&u)) {
                return Access::Caller(with_ip(caller, request.peer));
            }
        }
        let basic = request.authorization.and_then(|a| {
            let (scheme, rest) = a.trim_start().split_once(' ')?;
            scheme.eq_ignore_ascii_case("basic").then_some(rest.trim())
        });
        let Some(encoded) = basic else {
            return Access::Answer(self.login_page(state, None));
        };
        if !state.allow_plaintext_logins() {
            return Access::Answer(plain_text(
                StatusCode::from_u16(STATUS_PLAINTEXT_OFF).unwrap_or(StatusCode::FORBIDDEN),
                "plaintext (Basic) logins are disabled: turn on \"Allow legacy plaintext login \
                 methods\" (config/allow_plaintext_logins)",
            ));
        }
        let (user, password) = super::basic_credentials(encoded).unwrap_or_default();
        let (user, password) = (user.as_str(), password.as_str());
        let account = state.account(user);
        let right = account.as_ref().is_some_and(|(p, _)| p == password);
        match (login(state, user, right), account) {
            (Verdict::Ok, Some((_, caller))) => Access::Caller(with_ip(caller, request.peer)),
            (Verdict::LockedOut, _) => Access::Answer(plain_text(
                StatusCode::FORBIDDEN,
                &format!("login locked out: too many failed login attempts for {user}"),
            )),
            _ => {
                let mut r = plain_text(StatusCode::UNAUTHORIZED, "authentication required");
                let challenge = format!("Basic realm=\"{}\"", state.realm().replace('"', ""));
                if let Ok(v) = HeaderValue::from_str(&challenge) {
                    r.headers_mut().insert(header::WWW_AUTHENTICATE, v);
                }
                Access::Answer(r)
            }
        }
    }

    /// `outlet?N=ON|OFF|CCL`: carried out where the caller may and the outlet is not
    /// locked; anything else is left alone, as the answer is the same page either way
    /// [INF]. Says whether the state may have changed.
    fn command(&self, state: &mut DliState, caller: &Caller, query: &str) -> bool {
        let Some((target, action)) = query.split('&').find_map(|kv| kv.split_once('=')) else {
            return false;
        };
        let count = state.tree["relay"]["outlets"]
            .as_array()
            .map_or(0, Vec::len);
        let allowed = |i: usize| {
            (caller.is_admin || caller.outlet_access.get(i).copied().unwrap_or(false))
                && state.tree["relay"]["outlets"][i]["locked"] != json!(true)
        };
        let outlets: Vec<usize> = if target == "a" {
            (0..count).filter(|&i| allowed(i)).collect()
        } else {
            match target.parse::<usize>() {
                Ok(n) if (1..=count).contains(&n) && allowed(n - 1) => vec![n - 1],
                _ => Vec::new(),
            }
        };
        if outlets.is_empty() {
            return false;
        }
        let selection = Segment::Pick(outlets.iter().map(usize::to_string).collect());
        let path = |last: &str| Path {
            segments: vec![
                Segment::Key("relay".into()),
                Segment::Key("outlets".into()),
                selection.clone(),
                Segment::Key(last.into()),
            ],
        };
        let relays = self.faults.stuck_relay.then(|| state.relays());
        // Commands are case sensitive (DLI's http.html).
        let done = match action {
            "ON" | "OFF" => state
                .put(&path("state"), &json!(action == "ON"), caller)
                .is_ok(),
            "CCL" => state.post(&path("cycle"), Some(&json!([])), caller).is_ok(),
            _ => false,
        };
        if let Some(relays) = relays {
            state.set_relays(relays);
        }
        done
    }

    /// `/index.htm` in the model's shape: the outlets the caller may see, the state and lock
    /// bitmasks as a comment after the head.
    fn index_page(&self, state: &DliState, caller: &Caller) -> String {
        let tree = &state.tree;
        let outlets = tree["relay"]["outlets"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        let visible = |i: usize| caller.is_admin || caller.outlet_access.get(i) == Some(&true);
        let bits = bitmasks(state, caller);
        let name = escape(tree["relay"]["name"].as_str().unwrap_or(""));
        let version = escape(tree["config"]["version"].as_str().unwrap_or(""));
        let serial = escape(tree["config"]["serial"].as_str().unwrap_or(""));
        let sequence = tree["relay"]["sequence_delay"].as_f64().unwrap_or(0.0);
        let mut rows = String::new();
        for (i, o) in outlets.iter().enumerate().filter(|(i, _)| visible(*i)) {
            let n = i + 1;
            let on = o["physical_state"] == json!(true);
            let outlet_name = escape(o["name"].as_str().unwrap_or(""));
            let (word, other) = if on { ("ON", "OFF") } else { ("OFF", "ON") };
            rows.push_str(&match self.model {
                DliModel::Lpc7 => {
                    let color = if on { "green" } else { "red" };
                    let shade = if n % 2 == 1 { "#F4F4F4" } else { "#FFFFFF" };
                    let cycle = format!("<a  href=outlet?{n}=CCL>Cycle</a>");
                    let cycle = if on {
                        cycle
                    } else {
                        format!("<!-- {cycle} -->")
                    };
                    format!(
                        "<tr bgcolor=\"{shade}\"><td align=center>{n}</td>\n<td>{outlet_name}</td>\
                         <td>\n<b><font color={color}>{word}</font></b></td><td>\n\
                         <a  href=outlet?{n}={other}>Switch {other}</a>\n</td><td>\n{cycle}\n\
                         </td></tr>\n"
                    )
                }
                DliModel::Rest => {
                    let color = if on { "green" } else { "red" };
                    let cycle = format!("<a  href=\"outlet?{n}=CCL\">Cycle</a>");
                    let cycle = if on {
                        format!("\n\n{cycle}\n\n")
                    } else {
                        format!("<!-- \n\n{cycle}\n\n -->")
                    };
                    format!(
                        "<tr class=\"item\"><td class=\"centered\">{n}</td>\n<td>{outlet_name}</td>\
                         <td>\n\n<b><font color=\"{color}\">{word}</font></b>\n</td><td>\n\n    \
                         <a  href=\"outlet?{n}={other}\">Switch {other}</a>\n\n</td><td>\n\n\
                         {cycle}\n\n</td></tr>\n"
                    )
                }
            });
        }
        let comment = format!("<!-- state={} lock={} -->", bits.state, bits.lock);
        match self.model {
            DliModel::Lpc7 => format!(
                "<HTML><HEAD>\n<TITLE>Outlet Control  - {name}</TITLE>\n\
                 <META HTTP-EQUIV=\"Pragma\" CONTENT=\"no-cache\">\n</HEAD>\n{comment}\n\
                 <BODY>\n<h2>{name}</h2>\n<p>Controller: {name}</p>\n\
                 <table border=0 cellspacing=1 cellpadding=4 width=\"100%\">\n\
                 <tr><th>#</th><th align=left>Name</th><th>State</th><th>Action</th>\
                 <th>&nbsp;</th></tr>\n{rows}</table>\n\
                 <p>Master Control: <a href=outlet?a=OFF>All outlets OFF</a> | \
                 <a href=outlet?a=ON>All outlets ON</a> | <a href=outlet?a=CCL>Cycle all \
                 outlets</a></p>\n<p>Sequence delay: {sequence} sec.</p>\n\
                 <p>Version {version}<br>\nS/N:{serial}</p>\n</BODY></HTML>\n"
            ),
            DliModel::Rest => {
                let uptime = now_ms() / 10 % 100_000_000;
                format!(
                    "<!DOCTYPE html>\n<html>\n<head>\n<title>Outlet Control  - {name}</title>\n\
                     <script>var dli={{serialNumber:\"{serial}\"}};</script>\n</head>\n\
                     {comment}\n<!-- {}.{:02}s up -->\n<body>\n<h1>{name}</h1>\n\
                     <table class=\"outlets\">\n<tr><th>#</th><th>Name</th><th>State</th>\
                     <th>Action</th><th></th></tr>\n{rows}</table>\n\
                     <p class=\"master\">Master control: <a href=\"outlet?a=OFF\">All outlets OFF\
                     </a> | <a href=\"outlet?a=ON\">All outlets ON</a> | \
                     <a href=\"outlet?a=CCL\">Cycle all outlets</a></p>\n\
                     <p>Sequence delay: {sequence} sec.</p>\n\
                     <p class=\"footer\">Version {version} / {version}</p>\n</body>\n</html>\n",
                    uptime / 100,
                    uptime % 100
                )
            }
        }
    }
}

fn with_ip(mut caller: Caller, peer: SocketAddr) -> Caller {
    caller.ip_address = peer.ip().to_string();
    caller
}

/// The state, lock and permission bitmasks as a caller sees them (bits of outlets they may
/// not switch read 0).
struct Masks {
    state: String,
    lock: String,
    perm: String,
}

fn bitmasks(state: &DliState, caller: &Caller) -> Masks {
    let outlets = state.tree["relay"]["outlets"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let perm: Vec<bool> = (0..outlets.len())
        .map(|i| caller.is_admin || caller.outlet_access.get(i) == Some(&true))
        .collect();
    let field = |name: &str| -> Vec<bool> {
        outlets
            .iter()
            .zip(&perm)
            .map(|(o, may)| *may && o[name] == json!(true))
            .collect()
    };
    Masks {
        state: hex_mask(&field("physical_state")),
        lock: hex_mask(&field("locked")),
        perm: hex_mask(&perm),
    }
}

/// Bits as the units write them: hex, outlet 1 the lowest bit, two digits at least.
fn hex_mask(bits: &[bool]) -> String {
    let digits = bits.len().div_ceil(4).max(2);
    (0..digits)
        .rev()
        .map(|d| {
            let v = (0..4).fold(0u32, |v, b| {
                v | (u32::from(bits.get(d * 4 + b) == Some(&true)) << b)
            });
            char::from_digit(v, 16).unwrap_or('0')
        })
        .collect()
}

/// `/status`, as labgrid reads it: `<div id="state">HEX</div><div id="lock">HEX</div>
/// <div id="perm">HEX</div>` [INF beyond labgrid's reading of a Web Power Switch 7].
fn status_page(state: &DliState, caller: &Caller) -> String {
    let m = bitmasks(state, caller);
    format!(
        "<html>\n<head><title>Outlet status</title></head>\n<body>\n\
         <div id=\"state\">{}</div><div id=\"lock\">{}</div><div id=\"perm\">{}</div>\n\
         </body>\n</html>\n",
        m.state, m.lock, m.perm
    )
}

/// HTML text escaping for names the user chose.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// `md5hex(challenge + user + password + challenge)`.
fn md5_answer(challenge: &str, user: &str, password: &str) -> String {
    digest_auth::Algorithm::new(digest_auth::AlgorithmType::MD5, false)
        .hash_str(&format!("{challenge}{user}{password}{challenge}"))
}

/// The fields of an `application/x-www-form-urlencoded` body.
fn form_fields(body: &[u8]) -> Vec<(String, String)> {
    let decode = |s: &str| {
        percent_encoding::percent_decode_str(&s.replace('+', " "))
            .decode_utf8_lossy()
            .into_owned()
    };
    String::from_utf8_lossy(body)
        .split('&')
        .filter_map(|kv| kv.split_once('='))
        .map(|(k, v)| (decode(k), decode(v)))
        .collect()
}

/// The session token in a `Cookie` header: `DLILPC="token"` or `DLILPC=token`.
fn session_token(cookie: &str) -> Option<String> {
    cookie.split(';').find_map(|pair| {
        let (name, value) = pair.trim().split_once('=')?;
        let value = value.trim().trim_matches('"');
        (name.trim() == "DLILPC" && !value.is_empty()).then(|| value.to_string())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bitmasks_are_hex_with_outlet_one_lowest() {
        let bits = |s: &str| s.chars().map(|c| c == '1').collect::<Vec<_>>();
        assert_eq!(hex_mask(&bits("10000001")), "81");
        assert_eq!(hex_mask(&bits("01101111")), "f6");
        assert_eq!(hex_mask(&bits("1")), "01");
        assert_eq!(hex_mask(&bits("0000000000001")), "1000");
    }

    #[test]
    fn session_tokens_with_and_without_quotes() {
        assert_eq!(session_token("DLILPC=\"abc\"").as_deref(), Some("abc"));
        assert_eq!(session_token("x=1; DLILPC=abc").as_deref(), Some("abc"));
        assert_eq!(session_token("DLILPC=\"\""), None);
    }
}
