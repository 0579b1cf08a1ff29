//! The HTTP backend of driver files: one request reads every outlet (the file's `list`),
//! each outlet's item is the JSON the file's pointers read, and writes fill the file's
//! request templates. An in-band error (a 200 that says no) is a refusal naming it.
//!
//! A list request may be a POST with a body (`post`, `body`, `content_type`) and carry
//! headers of its own (`headers`), as writes may. Outlets may be the members of an object
//! whatever their names (`members`: Hue's `"1"`, `"3"`; `{id}` is the name), or ids listed
//! by one request and read one request each (`ids` with `each`, `plain` for a text answer:
//! a FRITZ!Box). Logins whose answer carries a token (`{token}`), challenges and computed
//! values (signatures) are `login.rs`'s. Auth scheme "basic-or-digest" sends no password
//! until the device asks, then answers its challenge: Digest where offered, else Basic
//! (Edimax: Basic on older firmware, Digest on newer).

use super::engine::{list_items, Backend, DriverEngine, Wants};
use super::{fill, login, url_encoded, Driver, DriverFile, Filling, ListRequest, Request, Variant};
use crate::error::{Error, Result};
use crate::retry::Repeat;
use crate::transport::http::{HttpClient, HttpResponse};
use crate::transport::{AuthScheme, DeviceConfig, OutletsSetting, Secret, MAX_OUTLETS};
use async_trait::async_trait;
use bytes::Bytes;
use reqwest::StatusCode;
use serde_json::Value;
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, Ordering};

/// A driver file whose transport is HTTP, ready to serve.
pub fn driver_http(device: &DeviceConfig, driver: &Driver) -> Result<DriverEngine<HttpBackend>> {
    Ok(DriverEngine::new(
        HttpBackend::new(device, driver)?,
        driver.file.clone(),
    ))
}

/// The list request's method and path (a checked HTTP file has one).
fn list_target(list: &ListRequest) -> (reqwest::Method, &str) {
    match (&list.get, &list.post) {
        (None, Some(post)) => (reqwest::Method::POST, post),
        (get, _) => (reqwest::Method::GET, get.as_deref().unwrap_or("/")),
    }
}

pub struct HttpBackend {
    file: DriverFile,
    http: HttpClient,
    /// With auth scheme "basic-or-digest": the client that sends Basic, used once the
    /// device answered with a Basic challenge alone.
    basic: Option<HttpClient>,
    use_basic: AtomicBool,
    /// `driver acme-powerstrip`, for messages.
    name: String,
    /// For the "query", "form" and "token" schemes and computed values, which put them in
    /// requests of their own.
    user: String,
    password: Option<Secret>,
    /// `NAME=value` of the session cookie, once there is one.
    cookie: std::sync::Mutex<Option<String>>,
    /// `-v`: a logout that failed is traced.
    trace: bool,
    /// Done once per run, before the first request, for the "form" scheme.
    logged_in: tokio::sync::OnceCell<()>,
    /// The "token" scheme's session.
    session: tokio::sync::Mutex<Session>,
    /// The profile's `outlets` as ids, for a file that reads one outlet per request
    /// (`list.each`): ids as given, or for a count `n + index_base`.
    outlet_ids: Vec<String>,
    /// The outlets' ids as the last list read them (`members`' names, `ids`' items).
    listed_ids: std::sync::Mutex<Option<Vec<String>>>,
}

/// The token of the "token" scheme, and how often pductl logged in for it.
#[derive(Default)]
struct Session {
    token: Option<String>,
    logins: u32,
    /// The device refused the login: the password is not sent again.
    refused: Option<String>,
}

/// Logins per run: the first, and one more where the device says the token expired.
const MAX_LOGINS: u32 = 2;

/// The answer to one request: its JSON (or why it is not JSON).
type Answer = serde_json::Result<Value>;

/// An answer's body, and its JSON (or why it is not JSON).
struct Reply {
    body: Bytes,
    headers: reqwest::header::HeaderMap,
    json: Answer,
    /// The device said the token the request carried no longer holds.
    expired: bool,
    /// The request's path as messages may show it.
    shown: String,
}

/// A request of the file's, before its templates are filled.
struct Call<'a> {
    method: reqwest::Method,
    path: &'a str,
    /// The content type and the body template.
    body: Option<(&'a str, &'a str)>,
    headers: &'a BTreeMap<String, String>,
    n: usize,
    /// The outlet's id, percent-encoded.
    id: Option<&'a str>,
    value: Option<&'a Value>,
}

impl<'a> Call<'a> {
    /// A request of the file's for outlet `n`.
    fn of(
        request: &'a Request,
        n: usize,
        id: Option<&'a str>,
        value: Option<&'a Value>,
        default_type: &'a str,
    ) -> Result<Call<'a>> {
        let (method, path) = request
            .target()
            .ok_or_else(|| Error::usage("a driver file's request names no method".to_string()))?;
        Ok(Call {
            method,
            path,
            body: request
                .body
                .as_deref()
                .map(|b| (request.content_type.as_deref().unwrap_or(default_type), b)),
            headers: &request.headers,
            n,
            id,
            value,
        })
    }

    /// A list's request.
    fn list(list: &'a ListRequest) -> Call<'a> {
        let (method, path) = list_target(list);
        Call {
            method,
            path,
            body: list
                .body
                .as_deref()
                .map(|b| (list.content_type.as_deref().unwrap_or("text/plain"), b)),
            headers: &list.headers,
            n: 0,
            id: None,
            value: None,
        }
    }
}

/// A request filled in: its path, the same as messages may show it (secrets as `***`), its
/// body and headers.
struct Filled {
    path: String,
    shown: String,
    body: Option<(String, Bytes)>,
    headers: Vec<(String, String)>,
}

/// How a body of this content type is filled.
fn filling_of(content_type: &str) -> Filling {
    if content_type.contains("json") {
        Filling::Json
    } else if content_type == "application/x-www-form-urlencoded" {
        Filling::Url
    } else {
        Filling::Text
    }
}

/// A variable's text as it goes into what `filling` fills: percent-encoded in a URL, the
/// inside of a JSON string in JSON.
fn encoded(text: &str, filling: Filling) -> String {
    match filling {
        Filling::Url => url_encoded(text),
        Filling::Json => {
            let quoted = Value::String(text.to_string()).to_string();
            quoted[1..quoted.len() - 1].to_string()
        }
        Filling::Text => text.to_string(),
    }
}

/// Whether a 401's challenges are Basic alone (no Digest to answer).
fn asks_for_basic_only(response: &HttpResponse) -> bool {
    let schemes: Vec<String> = response
        .headers
        .get_all(reqwest::header::WWW_AUTHENTICATE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(crate::transport::www_authenticate::parse)
        .map(|c| c.scheme)
        .collect();
    schemes.iter().any(|s| s == "basic") && !schemes.iter().any(|s| s == "digest")
}

/// `a` before `b` in natural order: runs of digits compare as numbers (`lan2` before
/// `lan10`, `3` before `10`), the rest as text.
fn natural_order(a: &str, b: &str) -> std::cmp::Ordering {
    fn chunks(s: &str) -> Vec<(bool, &str)> {
        let mut out = Vec::new();
        let mut start = 0;
        let bytes = s.as_bytes();
        for i in 1..=bytes.len() {
            if i == bytes.len() || bytes[i].is_ascii_digit() != bytes[start].is_ascii_digit() {
                out.push((bytes[start].is_ascii_digit(), &s[start..i]));
                start = i;
            }
        }
        out
    }
    let (x, y) = (chunks(a), chunks(b));
    for ((dx, cx), (dy, cy)) in x.iter().zip(&y) {
        let order = if *dx && *dy {
            let (tx, ty) = (cx.trim_start_matches('0'), cy.trim_start_matches('0'));
            tx.len().cmp(&ty.len()).then(tx.cmp(ty))
        } else {
            cx.cmp(cy)
        };
        if order.is_ne() {
            return order;
        }
    }
    x.len().cmp(&y.len()).then(a.cmp(b))
}

/// Strings holding a JSON object or array, read as that JSON (Sonoff DIY 1.4's `data`), a
/// few levels deep.
fn decode_json_strings(value: &mut Value, depth: usize) {
    if depth > 8 {
        return;
    }
    match value {
        Value::String(s) => {
            let t = s.trim_start();
            if t.starts_with('{') || t.starts_with('[') {
                if let Ok(mut inner) = serde_json::from_str::<Value>(t) {
                    decode_json_strings(&mut inner, depth + 1);
                    *value = inner;
                }
            }
        }
        Value::Array(items) => items
            .iter_mut()
            .for_each(|v| decode_json_strings(v, depth + 1)),
        Value::Object(members) => members
            .values_mut()
            .for_each(|v| decode_json_strings(v, depth + 1)),
        _ => {}
    }
}

/// An id a list gave: a string or a number, as text.
fn id_text(item: &Value, origin: &str, name: &str) -> Result<String> {
    match item {
        Value::String(s) => Ok(s.clone()),
        Value::Number(x) => Ok(x.to_string()),
        other => Err(Error::BadResponse(format!(
            "{origin} with an id that is not a string or a number ({}) ({name})",
            crate::output::escape_line(&other.to_string())
        ))),
    }
}

/// XML answers larger than this are not parsed (a device's status page is a few KiB).
const MAX_XML_BYTES: usize = 1024 * 1024;

/// Elements nested deeper than this are not read (a device's XML is a few levels deep).
const MAX_XML_DEPTH: usize = 32;

/// An XML answer as the JSON the file's pointers read: the document element (named `root`,
/// or anything for `*`) as an object of its child elements by local name (a repeated name:
/// an array of them in order), an element without child elements as its text, trimmed.
/// Attributes are not read. A DTD is refused (no entities to expand).
pub(super) fn xml_document(body: &[u8], root: &str) -> std::result::Result<Value, String> {
    if body.len() > MAX_XML_BYTES {
        return Err(format!("an XML answer larger than {MAX_XML_BYTES} bytes"));
    }
    let text = std::str::from_utf8(body).map_err(|_| "XML that is not UTF-8".to_string())?;
    let doc = roxmltree::Document::parse(text).map_err(|e| format!("malformed XML ({e})"))?;
    let element = doc.root_element();
    let name = element.tag_name().name();
    if root != "*" && name != root {
        return Err(format!(
            "XML whose document element is <{name}>, not <{root}>"
        ));
    }
    xml_element(element, 0)
}

fn xml_element(node: roxmltree::Node, depth: usize) -> std::result::Result<Value, String> {
    if depth > MAX_XML_DEPTH {
        return Err(format!("XML nested deeper than {MAX_XML_DEPTH} elements"));
    }
    let mut children = node.children().filter(|c| c.is_element()).peekable();
    if children.peek().is_none() {
        let text: String = node.children().filter_map(|c| c.text()).collect();
        return Ok(Value::String(text.trim().to_string()));
    }
    let mut members = serde_json::Map::new();
    for child in children {
        let value = xml_element(child, depth + 1)?;
        let name = child.tag_name().name();
        // An element reads as a string or an object, never an array: an array is a name
        // seen before.
        match members.get_mut(name) {
            None => {
                members.insert(name.to_string(), value);
            }
            Some(Value::Array(seen)) => seen.push(value),
            Some(first) => *first = Value::Array(vec![first.take(), value]),
        }
    }
    Ok(Value::Object(members))
}

impl HttpBackend {
    pub fn new(device: &DeviceConfig, driver: &Driver) -> Result<HttpBackend> {
        let file = driver.file.clone();
        let http_section = file.http.clone();
        let scheme = http_section
            .as_ref()
            .map_or("none", |h| h.auth.scheme.as_str());
        let mut device = device.clone();
        device.auth = if matches!(scheme, "digest" | "basic-or-digest") {
            AuthScheme::Digest
        } else {
            AuthScheme::Basic
        };
        let user = device.user.clone().unwrap_or_default();
        let password = device.password.clone();
        // Only Basic and Digest go in an Authorization header.
        if !matches!(scheme, "basic" | "digest" | "basic-or-digest") {
            device.password = None;
        }
        if device.port.is_none() {
            device.port = http_section.as_ref().and_then(|h| h.port);
        }
        let basic = match scheme {
            "basic-or-digest" => {
                let mut basic = device.clone();
                basic.auth = AuthScheme::Basic;
                Some(HttpClient::new(&basic, 80, 443)?)
            }
            _ => None,
        };
        // A session cookie made up before the login; `cookie` waits for the device's.
        let cookie = http_section
            .as_ref()
            .and_then(|h| h.session_cookie.as_ref())
            .map(|name| {
                let digits: String = (0..32)
                    .map(|_| char::from(b'0' + rand::random::<u8>() % 10))
                    .collect();
                format!("{name}={digits}")
            });
        let base = file.driver.index_base;
        let outlet_ids = match &device.outlets {
            Some(OutletsSetting::Ids(ids)) => ids.clone(),
            Some(OutletsSetting::Count(count)) => {
                (0..*count).map(|n| (n as u64 + base).to_string()).collect()
            }
            None => Vec::new(),
        };
        // A file that lists its ids (`ids`) asks the device; one that does not, the profile.
        let per_outlet = file
            .variants()
            .iter()
            .any(|v| v.outlets.list.each.is_some() && v.outlets.list.ids.is_none());
        if per_outlet && device.outlets.is_none() {
            return Err(Error::usage(format!(
                "device {}: driver {} reads each outlet by its id and cannot ask the device \
                 which it has: set outlets in its profile entry (outlets = [\"bench_psu\", \
                 \"lamp\"], the device's ids in outlet order)",
                device.host, file.driver.id
            )));
        }
        Ok(HttpBackend {
            http: HttpClient::new(&device, 80, 443)?,
            basic,
            use_basic: AtomicBool::new(false),
            outlet_ids,
            listed_ids: std::sync::Mutex::new(None),
            name: format!("driver {}", file.driver.id),
            file,
            user,
            password,
            cookie: std::sync::Mutex::new(cookie),
            logged_in: tokio::sync::OnceCell::new(),
            trace: device.trace,
            session: tokio::sync::Mutex::new(Session::default()),
        })
    }

    /// Every variable of one request as raw text: the account, the token and challenge
    /// where there are, the outlet's id (percent-encoded already), `{nonce}` and
    /// `{timestamp}`, and the file's computed values.
    fn variables(
        &self,
        token: Option<&str>,
        challenge: Option<&str>,
        id: Option<&str>,
    ) -> Result<Vec<(String, String)>> {
        let password = self.password.as_ref().map_or("", |p| p.expose());
        let mut raw: Vec<(&str, String)> = vec![
            ("user", self.user.clone()),
            ("password", password.to_string()),
        ];
        raw.extend(token.map(|t| ("token", t.to_string())));
        raw.extend(challenge.map(|c| ("challenge", c.to_string())));
        raw.extend(login::per_request());
        let computed = match &self.file.http {
            Some(http) => login::computed_values(&http.computed, &raw, password).map_err(|e| {
                Error::BadResponse(format!("{} ({}): {e}", self.device(), self.name))
            })?,
            None => Vec::new(),
        };
        let mut out: Vec<(String, String)> = raw
            .into_iter()
            .map(|(name, text)| (name.to_string(), text))
            .collect();
        out.extend(computed);
        out.extend(id.map(|id| ("id".to_string(), id.to_string())));
        Ok(out)
    }

    /// Fills a request's templates: the path (and as messages may show it: secrets and
    /// what is computed from them as `***`), the body as its content type wants, the
    /// file's headers and the request's own.
    fn fill_call(
        &self,
        call: &Call<'_>,
        token: Option<&str>,
        challenge: Option<&str>,
    ) -> Result<Filled> {
        let vars = self.variables(token, challenge, call.id)?;
        let secret = |name: &str| {
            matches!(name, "password" | "token")
                || self
                    .file
                    .http
                    .as_ref()
                    .is_some_and(|h| h.computed.contains_key(name))
        };
        let named = |filling: Filling, shown: bool| -> Vec<(&str, String)> {
            vars.iter()
                .map(|(name, text)| {
                    let text = match (shown && secret(name), name.as_str()) {
                        (true, _) => "***".to_string(),
                        // The engine encoded the id for a URL already.
                        (false, "id") => text.clone(),
                        (false, _) => encoded(text, filling),
                    };
                    (name.as_str(), text)
                })
                .collect()
        };
        let base = self.file.driver.index_base;
        let path_with = |shown| {
            fill(
                call.path,
                call.n,
                base,
                call.value,
                Filling::Url,
                &named(Filling::Url, shown),
            )
        };
        let body = call.body.map(|(content_type, template)| {
            let filling = filling_of(content_type);
            let text = fill(
                template,
                call.n,
                base,
                call.value,
                filling,
                &named(filling, false),
            );
            (content_type.to_string(), Bytes::from(text))
        });
        let own = self.file.http.iter().flat_map(|h| &h.headers);
        let mut headers = Vec::new();
        for (name, template) in own.chain(call.headers) {
            // A header that carries the token goes with the requests that have one, not
            // with the login that gets it.
            if token.is_none() && template.contains("{token}") {
                continue;
            }
            if template.contains("{password}") && self.password.is_none() {
                return Err(Error::Auth(format!(
                    "{} needs the profile's password (its {name} header carries it: a \
                     token) and none was given ({})",
                    self.device(),
                    self.name
                )));
            }
            let value = fill(
                template,
                call.n,
                base,
                call.value,
                Filling::Text,
                &named(Filling::Text, false),
            );
            // A password with a line break cannot go in a header; say so without it.
            if reqwest::header::HeaderValue::from_str(&value).is_err() {
                return Err(Error::usage(format!(
                    "{}: the profile's user or password has characters an HTTP header \
                     cannot carry ({name})",
                    self.name
                )));
            }
            headers.push((name.clone(), value));
        }
        Ok(Filled {
            path: path_with(false),
            shown: path_with(true),
            body,
            headers,
        })
    }

    /// Logs in once per run where the file says how ("form"): the login request, with the
    /// session cookie; a device that answers from its login page refused it.
    async fn log_in(&self) -> Result<()> {
        let Some(http) = &self.file.http else {
            return Ok(());
        };
        let Some(login) = http.login.as_ref().filter(|_| http.auth.scheme == "form") else {
            return Ok(());
        };
        self.needs_password()?;
        self.logged_in
            .get_or_try_init(|| async {
                let call = Call::of(login, 0, None, None, "application/x-www-form-urlencoded")?;
                let filled = self.fill_call(&call, None, None)?;
                // Logging in twice is logged in: a lost answer may be asked again.
                match self
                    .exchange(&call.method, &filled, Repeat::Write, false)
                    .await
                {
                    Ok(_) => Ok(()),
                    Err(Error::Auth(_)) => Err(self.refused_login()),
                    // A login request the device turns down is a refused login (UniFi's
                    // controller answers a wrong password with 400 api.err.Invalid).
                    Err(Error::Refused(why) | Error::Permission(why)) => {
                        Err(Error::Auth(format!("{}: {why}", self.refused_login())))
                    }
                    Err(e) => Err(e),
                }
            })
            .await
            .map(|_| ())
    }

    fn needs_password(&self) -> Result<()> {
        match self.password {
            Some(_) => Ok(()),
            None => Err(Error::Auth(format!(
                "{} needs a login and no password was given ({})",
                self.device(),
                self.name
            ))),
        }
    }

    fn refused_login(&self) -> Error {
        Error::Auth(format!(
            "{} refused the login of user '{}' ({})",
            self.device(),
            crate::output::escape_line(&self.user),
            self.name
        ))
    }

    /// The "token" scheme's token for the next request: the one held, else the file's
    /// initial one, else a login's. `None` for other schemes.
    async fn token(&self) -> Result<Option<String>> {
        let Some(spec) = self.file.http.as_ref().and_then(|h| h.token.as_ref()) else {
            return Ok(None);
        };
        let mut session = self.session.lock().await;
        if let Some(refused) = &session.refused {
            return Err(Error::Auth(refused.clone()));
        }
        if session.token.is_none() {
            session.token = match &spec.initial {
                Some(initial) => Some(initial.clone()),
                None => Some(self.logged_in_session(&mut session).await?),
            };
        }
        Ok(session.token.clone())
    }

    /// A new token where `stale` was refused as expired: one more login per run.
    async fn renew_token(&self, stale: Option<&str>, shown: &str) -> Result<String> {
        let mut session = self.session.lock().await;
        if let Some(refused) = &session.refused {
            return Err(Error::Auth(refused.clone()));
        }
        if let Some(token) = session.token.as_deref().filter(|t| Some(*t) != stale) {
            return Ok(token.to_string());
        }
        if session.logins >= MAX_LOGINS {
            return Err(Error::Permission(format!(
                "{} refused {shown} again after a fresh login: the account may not do this ({})",
                self.device(),
                self.name
            )));
        }
        let token = self.logged_in_session(&mut session).await?;
        session.token = Some(token.clone());
        Ok(token)
    }

    /// Logs in for a token, counting the login; a refusal is kept, so that the password is
    /// not sent again in this run.
    async fn logged_in_session(&self, session: &mut Session) -> Result<String> {
        session.logins += 1;
        match self.token_login().await {
            Err(Error::Auth(why)) => {
                session.refused = Some(why.clone());
                Err(Error::Auth(why))
            }
            answer => answer,
        }
    }

    /// The "token" scheme's login: the challenge where the file has one, the login request
    /// (sent at most once: a challenge's answer is good once), and the token in its answer.
    async fn token_login(&self) -> Result<String> {
        let http = self
            .file
            .http
            .as_ref()
            .ok_or_else(|| Error::usage(format!("{}: no [http] login", self.name)))?;
        let (Some(login), Some(spec)) = (&http.login, &http.token) else {
            return Err(Error::usage(format!("{}: no [http] login", self.name)));
        };
        self.needs_password()?;
        let challenge = match &http.challenge {
            Some(c) => Some(self.challenge(c).await?),
            None => None,
        };
        let call = Call::of(login, 0, None, None, "application/x-www-form-urlencoded")?;
        let filled = self.fill_call(&call, None, challenge.as_deref())?;
        let reply = match self
            .exchange(&call.method, &filled, Repeat::Once, false)
            .await
        {
            Ok(reply) => reply,
            Err(Error::Auth(_)) => return Err(self.refused_login()),
            Err(e) => return Err(e),
        };
        let at = spec
            .header
            .as_deref()
            .or(spec.text.as_deref())
            .unwrap_or(&spec.pointer);
        let token = match &spec.header {
            Some(name) => Ok(reply
                .headers
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty())),
            None => login::capture(
                &reply.body,
                &spec.pointer,
                spec.xml.as_deref(),
                spec.text.as_deref(),
            ),
        }
        .map_err(|why| {
            Error::BadResponse(format!(
                "{} answered the login with {why} ({})",
                self.device(),
                self.name
            ))
        })?;
        match token {
            None => Err(Error::BadResponse(format!(
                "{} answered the login without a token at {} ({})",
                self.device(),
                crate::output::escape_line(at),
                self.name
            ))),
            Some(token) if spec.refused.contains(&token) => Err(self.refused_login()),
            // A token goes into paths and headers: a short, printable one only.
            Some(token) if token.len() > 4096 || token.chars().any(char::is_control) => {
                Err(Error::BadResponse(format!(
                    "{} answered the login with a token pductl cannot send ({})",
                    self.device(),
                    self.name
                )))
            }
            Some(token) => Ok(token),
        }
    }

    /// The challenge the login answers, from the file's challenge request.
    async fn challenge(&self, c: &login::ChallengeRequest) -> Result<String> {
        let (method, path) = match (&c.get, &c.post) {
            (None, Some(post)) => (reqwest::Method::POST, post.as_str()),
            (get, _) => (reqwest::Method::GET, get.as_deref().unwrap_or("/")),
        };
        let none = BTreeMap::new();
        let call = Call {
            method,
            path,
            body: c
                .body
                .as_deref()
                .map(|b| (c.content_type.as_deref().unwrap_or("text/plain"), b)),
            headers: &none,
            n: 0,
            id: None,
            value: None,
        };
        let filled = self.fill_call(&call, None, None)?;
        let reply = self
            .exchange(&call.method, &filled, Repeat::Read, false)
            .await?;
        let at = c.text.as_deref().unwrap_or(&c.pointer);
        login::capture(&reply.body, &c.pointer, c.xml.as_deref(), c.text.as_deref())
            .map_err(|why| {
                Error::BadResponse(format!(
                    "{} sent {why} for {} ({})",
                    self.device(),
                    filled.shown,
                    self.name
                ))
            })?
            .ok_or_else(|| {
                Error::BadResponse(format!(
                    "{} sent no login challenge at {} for {} ({})",
                    self.device(),
                    crate::output::escape_line(at),
                    filled.shown,
                    self.name
                ))
            })
    }

    /// Sends one of the file's requests (after logging in, where the file has a login),
    /// its templates filled with the session's token; where the device says the token
    /// expired, logs in again and sends it once more (the device did not act on it). HTTP
    /// errors and in-band errors become typed errors.
    async fn request(&self, call: &Call<'_>, repeat: Repeat) -> Result<Reply> {
        self.log_in().await?;
        let mut token = self.token().await?;
        let mut renewed = false;
        loop {
            let filled = self.fill_call(call, token.as_deref(), None)?;
            let reply = self
                .exchange(&call.method, &filled, repeat, token.is_some())
                .await?;
            if !reply.expired {
                return Ok(reply);
            }
            let shown = format!("{} {}", call.method, filled.shown);
            if renewed {
                return Err(Error::Permission(format!(
                    "{} refused {shown} with a fresh login: the account may not do this ({})",
                    self.device(),
                    self.name
                )));
            }
            token = Some(self.renew_token(token.as_deref(), &shown).await?);
            renewed = true;
        }
    }

    /// The client for the next request: the Basic one once a "basic-or-digest" device asked
    /// for Basic.
    fn client(&self) -> &HttpClient {
        match &self.basic {
            Some(basic) if self.use_basic.load(Ordering::Relaxed) => basic,
            _ => &self.http,
        }
    }

    /// One request as it is, without logging in first (the login itself goes this way).
    /// With `expiry`, an answer that says the token expired comes back as such.
    async fn exchange(
        &self,
        method: &reqwest::Method,
        filled: &Filled,
        repeat: Repeat,
        expiry: bool,
    ) -> Result<Reply> {
        let cookie = self.cookie.lock().ok().and_then(|c| c.clone());
        let mut headers: Vec<(&str, &str)> = Vec::new();
        if !filled
            .headers
            .iter()
            .any(|(name, _)| name.eq_ignore_ascii_case("accept"))
        {
            headers.push(("Accept", "application/json"));
        }
        headers.extend(
            filled
                .headers
                .iter()
                .map(|(name, value)| (name.as_str(), value.as_str())),
        );
        if let Some(cookie) = &cookie {
            headers.push(("Cookie", cookie.as_str()));
        }
        let body = || {
            filled
                .body
                .as_ref()
                .map(|(content_type, bytes)| (content_type.as_str(), bytes.clone()))
        };
        // A secret may be in a request's path (Hue's key, a FRITZ!Box's SID): `-v` traces
        // the path as shown, secrets as `***`.
        let shown = Some(filled.shown.as_str());
        let mut client = self.client();
        let response = loop {
            let response = client
                .send_shown(
                    method.clone(),
                    &filled.path,
                    shown,
                    &headers,
                    body(),
                    repeat,
                )
                .await?;
            match &self.basic {
                // "basic-or-digest": a device that asks for Basic alone gets Basic from now
                // on (the Digest client sent no password: it had no challenge to answer).
                Some(basic)
                    if response.status == StatusCode::UNAUTHORIZED
                        && !self.use_basic.load(Ordering::Relaxed)
                        && asks_for_basic_only(&response) =>
                {
                    self.use_basic.store(true, Ordering::Relaxed);
                    client = basic;
                }
                _ => break response,
            }
        };
        self.keep_session_cookie(&response.headers);
        let path = filled.shown.as_str();
        let device = self.device();
        if expiry {
            let expired = self
                .file
                .http
                .as_ref()
                .and_then(|h| h.token.as_ref()?.expired.as_ref());
            if expired
                .is_some_and(|e| login::is_expired(e, response.status.as_u16(), &response.body))
            {
                return Ok(Reply {
                    body: response.body.clone(),
                    headers: response.headers.clone(),
                    json: serde_json::from_slice(&response.body),
                    expired: true,
                    shown: filled.shown.clone(),
                });
            }
        }
        if self
            .file
            .http
            .as_ref()
            .and_then(|h| h.login_page.as_deref())
            .is_some_and(|page| response.path == page)
        {
            return Err(Error::Auth(format!(
                "{device} sent {method} {path} to its login page: not logged in ({})",
                self.name
            )));
        }
        let status = response.status;
        if !status.is_success() {
            let detail = crate::output::escape_line(&response.body_summary()).into_owned();
            let because = if detail.is_empty() {
                String::new()
            } else {
                format!(": {detail}")
            };
            return Err(match status {
                StatusCode::UNAUTHORIZED if self.password.is_none() => Error::Auth(format!(
                    "{device} asks for a password (HTTP 401) and none was given"
                )),
                StatusCode::UNAUTHORIZED => Error::Auth(format!(
                    "{device} rejected the user name or password (HTTP 401)"
                )),
                StatusCode::FORBIDDEN => Error::Permission(format!(
                    "{device} denied {method} {path} (HTTP 403){because}"
                )),
                StatusCode::NOT_FOUND => {
                    Error::NotFound(format!("{device} has no {path} (HTTP 404){because}"))
                }
                s if s.is_client_error() || s.is_server_error() => Error::Refused(format!(
                    "{device} refused {method} {path} (HTTP {}){because}",
                    s.as_u16()
                )),
                s => Error::BadResponse(format!(
                    "{device} answered {method} {path} with HTTP {}",
                    s.as_u16()
                )),
            });
        }
        // A success that says no (`{"error": "device busy"}`).
        let parsed = serde_json::from_slice::<Value>(&response.body);
        if let Ok(doc) = &parsed {
            // (An error with `text` is read from the text below, not by pointer.)
            let by_pointer = self.file.http.iter().flat_map(|h| &h.errors);
            for e in by_pointer.filter(|e| e.text.is_none()) {
                if let Some(reason) = doc.pointer(&e.pointer).filter(|v| {
                    !v.is_null() && !e.ok.contains(v) && login::error_value_matches(e, v)
                }) {
                    let text = |v: &Value| v.as_str().map_or_else(|| v.to_string(), str::to_string);
                    let reason = match e.message.as_deref().and_then(|m| doc.pointer(m)) {
                        Some(message) => {
                            format!("{} ({} = {})", text(message), e.pointer, text(reason))
                        }
                        None => format!("{} ({})", text(reason), e.pointer),
                    };
                    let reason = crate::output::escape_line(&reason);
                    let why = format!("{device} refused {method} {path}: {reason} ({})", self.name);
                    return Err(if e.auth {
                        Error::Auth(why)
                    } else {
                        Error::Refused(why)
                    });
                }
            }
        }
        // A text answer that says no (`User or password error.`): the file's error regexes.
        for e in self.file.http.iter().flat_map(|h| &h.errors) {
            let Some(pattern) = &e.text else { continue };
            if let Some(found) = super::text::error_match(pattern, &response.body) {
                let why = format!(
                    "{device} refused {method} {path}: \"{}\" ({})",
                    crate::output::escape_line(&found),
                    self.name
                );
                return Err(if e.auth {
                    Error::Auth(why)
                } else {
                    Error::Refused(why)
                });
            }
        }
        Ok(Reply {
            body: response.body.clone(),
            headers: response.headers.clone(),
            json: parsed,
            expired: false,
            shown: filled.shown.clone(),
        })
    }

    /// A list's or an outlet's answer as the document the file's pointers read: JSON, or
    /// XML where the list says so; with `json_strings`, strings holding JSON read as it.
    fn document(&self, list: &ListRequest, reply: Reply, shown: &str) -> Result<Value> {
        match &list.xml {
            Some(root) => xml_document(&reply.body, root).map_err(|why| {
                Error::BadResponse(format!(
                    "{} sent {why} for {shown} ({})",
                    self.device(),
                    self.name
                ))
            }),
            None => {
                let mut doc = reply.json.map_err(|e| {
                    Error::BadResponse(format!(
                        "{} sent something that is not JSON for {shown} ({e})",
                        self.device(),
                    ))
                })?;
                if list.json_strings {
                    decode_json_strings(&mut doc, 0);
                }
                Ok(doc)
            }
        }
    }

    /// Every outlet's item, one request each by its id (`list.each`).
    async fn each(&self, list: &ListRequest, each: &Request, ids: &[String]) -> Result<Vec<Value>> {
        let mut items = Vec::with_capacity(ids.len().min(MAX_OUTLETS));
        for (n, id) in ids.iter().enumerate() {
            let id = url_encoded(id);
            let call = Call::of(each, n, Some(&id), None, "text/plain")?;
            let reply = self.request(&call, Repeat::Read).await?;
            if list.plain {
                if reply.body.len() > super::text::MAX_TEXT_BYTES {
                    return Err(Error::BadResponse(format!(
                        "{} sent more than 1 MiB for outlet {n} ({})",
                        self.device(),
                        self.name
                    )));
                }
                let text = String::from_utf8_lossy(&reply.body).trim().to_string();
                items.push(Value::String(text));
                continue;
            }
            let shown = reply.shown.clone();
            items.push(self.document(list, reply, &shown)?);
        }
        Ok(items)
    }

    /// A session cookie the device sets replaces the one pductl made up.
    fn keep_session_cookie(&self, headers: &reqwest::header::HeaderMap) {
        let Some(name) = self
            .file
            .http
            .as_ref()
            .and_then(|h| h.session_cookie.as_ref().or(h.cookie.as_ref()))
        else {
            return;
        };
        for value in headers.get_all(reqwest::header::SET_COOKIE) {
            let Some(pair) = value.to_str().ok().and_then(|v| v.split(';').next()) else {
                continue;
            };
            if pair.split_once('=').is_some_and(|(n, _)| n.trim() == name) {
                if let Ok(mut cookie) = self.cookie.lock() {
                    *cookie = Some(pair.trim().to_string());
                }
            }
        }
    }

    /// The outlets' items in the list's answer, as the file says where to find them.
    #[cfg(test)]
    fn outlet_items(&self, list: &ListRequest, doc: &Value) -> Result<Vec<Value>> {
        Ok(self.listed_items(list, doc)?.0)
    }

    /// The items in a list's answer and, for `members`, their names (the outlets' ids).
    fn listed_items(
        &self,
        list: &ListRequest,
        doc: &Value,
    ) -> Result<(Vec<Value>, Option<Vec<String>>)> {
        let origin = format!("{} answered {}", self.device(), list_target(list).1);
        let Some(at) = &list.members else {
            let items = list_items(list, doc, self.file.driver.index_base, &origin, &self.name)?;
            return Ok((items, None));
        };
        let object = doc.pointer(at).and_then(Value::as_object).ok_or_else(|| {
            Error::BadResponse(format!(
                "{origin} without an object at {at} ({})",
                self.name
            ))
        })?;
        let mut kept: Vec<(&String, &Value)> = object
            .iter()
            .filter(|(_, item)| list.filter.as_ref().is_none_or(|f| f.keeps(item)))
            .collect();
        if kept.len() > MAX_OUTLETS {
            return Err(Error::BadResponse(format!(
                "{origin} with {} outlets, more than any device has ({})",
                kept.len(),
                self.name
            )));
        }
        kept.sort_by(|(a, _), (b, _)| natural_order(a, b));
        let names = kept.iter().map(|(name, _)| name.to_string()).collect();
        let items = kept.into_iter().map(|(_, item)| item.clone()).collect();
        Ok((items, Some(names)))
    }

    /// A list's items as one request answers them, and their ids where the answer names
    /// them (`members`).
    async fn listing(&self, list: &ListRequest) -> Result<(Vec<Value>, Option<Vec<String>>)> {
        let call = Call::list(list);
        let reply = self.request(&call, Repeat::Read).await?;
        let shown = reply.shown.clone();
        // X-text: the answer is read with the list's regex, not as a document.
        if list.text.is_some() {
            let origin = format!("{} answered {shown}", self.device());
            let items = super::text::text_items(list, &reply.body, &origin, &self.name)?;
            return Ok((items, None));
        }
        let doc = self.document(list, reply, &shown)?;
        self.listed_items(list, &doc)
    }

    /// The outlets' ids for a request per outlet: those the last list read, else the
    /// profile's.
    fn current_ids(&self) -> Vec<String> {
        self.listed_ids
            .lock()
            .ok()
            .and_then(|ids| ids.clone())
            .unwrap_or_else(|| self.outlet_ids.clone())
    }

    fn keep_ids(&self, ids: Vec<String>) {
        if let Ok(mut listed) = self.listed_ids.lock() {
            *listed = Some(ids);
        }
    }
}

#[async_trait]
impl Backend for HttpBackend {
    fn write_attempts(&self) -> u32 {
        self.http.write_attempts() + self.basic.as_ref().map_or(0, |b| b.write_attempts())
    }

    /// The file's logout, where this run logged in.
    async fn close(&self) {
        let Some(http) = &self.file.http else {
            return;
        };
        let Some(logout) = &http.logout else {
            return;
        };
        let token = match http.auth.scheme.as_str() {
            "form" if self.logged_in.initialized() => None,
            "token" => {
                let session = self.session.lock().await;
                match &session.token {
                    // A token held without a login (ubus's anonymous one) ends nothing.
                    Some(token) if session.logins > 0 => Some(token.clone()),
                    _ => return,
                }
            }
            _ => return,
        };
        let sent = async {
            let call = Call::of(logout, 0, None, None, "application/x-www-form-urlencoded")?;
            let filled = self.fill_call(&call, token.as_deref(), None)?;
            self.exchange(&call.method, &filled, Repeat::Read, false)
                .await
        }
        .await;
        match sent {
            // A logout is often answered with the login page, which the file's errors read
            // as "not logged in": that is what logged out looks like.
            Ok(_) | Err(Error::Auth(_)) => {}
            Err(e) if self.trace => eprintln!(
                "pductl: the logout failed ({}); the device ends the session itself in time",
                crate::output::escape_line(&e.to_string())
            ),
            Err(_) => {}
        }
    }

    fn device(&self) -> &str {
        self.http.authority()
    }

    /// Every outlet's item, from one request (which has every field but, where the file
    /// has a `name.list`, the names), or one request per outlet (`each`), by the ids the
    /// file's `ids` lists or the profile's.
    async fn items(&self, variant: &Variant, _wants: Wants) -> Result<Vec<Value>> {
        let list = &variant.outlets.list;
        match (&list.ids, &list.each) {
            (Some(ids), Some(each)) => {
                let (listed, _) = self.listing(ids).await?;
                let origin = format!("{} answered {}", self.device(), list_target(ids).1);
                let ids = listed
                    .iter()
                    .map(|item| id_text(item, &origin, &self.name))
                    .collect::<Result<Vec<String>>>()?;
                self.keep_ids(ids.clone());
                self.each(list, each, &ids).await
            }
            (None, Some(each)) => self.each(list, each, &self.outlet_ids).await,
            _ => {
                let (items, ids) = self.listing(list).await?;
                if let Some(ids) = ids {
                    self.keep_ids(ids);
                }
                Ok(items)
            }
        }
    }

    /// The outlets' ids where the backend has them: the profile's, for a file that reads
    /// one outlet per request; a list's `members`' names or `ids`' items.
    fn ids(&self, variant: &Variant) -> Option<Vec<String>> {
        let list = &variant.outlets.list;
        (list.each.is_some() || list.members.is_some()).then(|| self.current_ids())
    }

    /// The items a list request answers, one per outlet; for a list read one request per
    /// outlet (`each`: names), by the ids the outlets' list read.
    async fn list(&self, list: &ListRequest) -> Result<Vec<Value>> {
        if let Some(each) = &list.each {
            let ids = self.current_ids();
            return self.each(list, each, &ids).await;
        }
        Ok(self.listing(list).await?.0)
    }

    /// Sends one of the file's request templates for outlet `n`.
    async fn send(
        &self,
        request: &Request,
        n: usize,
        id: Option<&str>,
        value: Option<&Value>,
        repeat: Repeat,
    ) -> Result<()> {
        let call = Call::of(request, n, id, value, "text/plain")?;
        self.request(&call, repeat).await.map(|_| ())
    }
}

#[cfg(test)]
mod tests {
    use super::super::engine::numbered_members;
    use super::super::engine::Wants;
    use super::*;
    use crate::testing::{any_json, loopback_device};
    use crate::transport::{Protocol, MAX_OUTLETS};
    use proptest::prelude::*;
    use serde_json::json;

    fn engine(driver: &Driver) -> DriverEngine<HttpBackend> {
        let mut device = loopback_device(Protocol::DliRest, "admin", AuthScheme::Basic);
        // Per-outlet drivers (`list.each`) take their outlets from the profile.
        device.outlets = Some(crate::transport::OutletsSetting::Ids(vec![
            "bench_psu".into(),
            "switch.lamp".into(),
        ]));
        driver_http(&device, driver).unwrap()
    }

    /// The outlets' items in an answer: the listed ones, or for a per-outlet read the
    /// whole answer as one outlet's.
    fn items_of(
        engine: &DriverEngine<HttpBackend>,
        list: &ListRequest,
        doc: &Value,
    ) -> Result<Vec<Value>> {
        match &list.each {
            Some(_) => Ok(vec![doc.clone()]),
            None => engine.backend.outlet_items(list, doc),
        }
    }

    /// Every built-in HTTP and MQTT driver (an MQTT answer is read by the same `list_items`
    /// and tree as an HTTP one) and the worked example.
    /// Built once per test binary: parsing every built-in for each of proptest's cases
    /// made these tests the slowest of the suite.
    fn engines() -> &'static [DriverEngine<HttpBackend>] {
        static ENGINES: std::sync::OnceLock<Vec<DriverEngine<HttpBackend>>> =
            std::sync::OnceLock::new();
        ENGINES.get_or_init(|| {
            let example = super::super::parse(
                "acme-powerstrip.toml",
                include_str!("../../drivers/examples/acme-powerstrip.toml"),
            )
            .unwrap();
            super::super::BUILT_IN
                .iter()
                .map(|(name, text)| super::super::parse(name, text).unwrap())
                .filter(|d| ["http", "mqtt"].contains(&d.file.driver.transport.as_str()))
                .chain([example])
                .map(|d| engine(&d))
                .collect()
        })
    }

    /// Answers shaped like the drivers' devices, with junk where the values go.
    fn list_like() -> impl Strategy<Value = Value> {
        let field = prop_oneof![
            Just("state"),
            Just("relay"),
            Just("ison"),
            Just("name"),
            Just("label"),
            Just("watts"),
            Just("pending"),
            Just("POWER"),
            Just("POWER1"),
            Just("POWER2"),
            Just("POWER99999"),
            Just("POWER007"),
            Just("switch:0"),
            Just("switch:1"),
            Just("output"),
            Just("apower"),
            Just("aenergy"),
            Just("Status"),
            Just("Name"),
            Just("SwitchType"),
            Just("idx"),
            Just("type"),
            Just("PowerState"),
            Just("Id"),
            Just("PowerWatts"),
            Just("state_l1"),
            Just("state_l2"),
            Just("out0"),
            Just("out1"),
            Just("out2"),
            Just("value"),
            Just("id"),
            Just("entity_id"),
            Just("attributes"),
        ];
        // Junk, and words the drivers map or filter on, so that filters keep some items.
        let value = prop_oneof![
            any_json(),
            prop_oneof![
                Just("On"),
                Just("Off"),
                Just("ON"),
                Just("OFF"),
                Just("NULL"),
                Just("On/Off"),
                Just("Switch"),
                Just("Dimmer"),
                Just("PoweringOn"),
                Just("on"),
                Just("off"),
                Just("unavailable"),
            ]
            .prop_map(|w| json!(w)),
            (0i64..3).prop_map(|x| json!(x)),
        ];
        let item = prop::collection::vec((field.clone(), value.clone()), 0..6).prop_map(|kv| {
            Value::Object(kv.into_iter().map(|(k, v)| (k.to_string(), v)).collect())
        });
        let array = prop::collection::vec(item, 0..10).boxed();
        prop_oneof![
            array.clone().prop_map(|a| json!({"ports": a})),
            array.clone().prop_map(|a| json!({"outputs": a})),
            array.clone().prop_map(|a| json!({"relays": a})),
            array
                .clone()
                .prop_map(|a| json!({"result": a, "status": "OK"})),
            array.clone().prop_map(|a| json!({"Members": a})),
            array.prop_map(Value::Array),
            prop::collection::vec((field, value), 0..8).prop_map(|kv| Value::Object(
                kv.into_iter().map(|(k, v)| (k.to_string(), v)).collect()
            )),
        ]
    }

    proptest! {
        #[test]
        fn the_engine_never_panics_on_what_a_device_sends(doc in prop_oneof![any_json(), list_like()]) {
            for engine in engines() {
                for variant in &engine.variants {
                    let Ok(items) = items_of(engine, &variant.outlets.list, &doc) else {
                        continue;
                    };
                    prop_assert!(items.len() <= MAX_OUTLETS);
                    if let Some(filter) = &variant.outlets.list.filter {
                        prop_assert!(items.iter().all(|item| filter.keeps(item)));
                    }
                    if let Ok(tree) = engine.tree(variant, &items, super::super::engine::Wants::ALL) {
                        let outlets = tree["relay"]["outlets"].as_array().unwrap();
                        prop_assert_eq!(outlets.len(), items.len());
                        for o in outlets {
                            // Null where a map's `_ = "unknown"` says the device does not know.
                            prop_assert!(o["state"].is_boolean() || o["state"].is_null());
                        }
                    }
                }
            }
        }

        /// X-text: the text built-ins' regexes and splitters over junk, and over pages shaped
        /// like their devices' with junk where the states go.
        #[test]
        fn text_lists_never_panic_on_what_a_device_sends(page in text_like()) {
            for engine in text_engines() {
                for variant in &engine.variants {
                    let list = &variant.outlets.list;
                    if list.text.is_none() {
                        continue;
                    }
                    let Ok(items) = super::super::text::text_items(list, page.as_bytes(), "dev", "x") else {
                        continue;
                    };
                    prop_assert!(!items.is_empty() && items.len() <= MAX_OUTLETS);
                    if let Ok(tree) = engine.tree(variant, &items, Wants::ALL) {
                        let outlets = tree["relay"]["outlets"].as_array().unwrap();
                        prop_assert_eq!(outlets.len(), items.len());
                        for o in outlets {
                            prop_assert!(o["state"].is_boolean());
                        }
                    }
                }
            }
        }
    }

    /// Every built-in HTTP driver whose list reads a text answer (X-text; a wire driver's
    /// text lists are fed junk in wire.rs).
    fn text_engines() -> &'static [DriverEngine<HttpBackend>] {
        static ENGINES: std::sync::OnceLock<Vec<DriverEngine<HttpBackend>>> =
            std::sync::OnceLock::new();
        ENGINES.get_or_init(|| {
            super::super::BUILT_IN
                .iter()
                .map(|(name, text)| super::super::parse(name, text).unwrap())
                .filter(|d| {
                    d.file.driver.transport == "http"
                        && d.file
                            .variants()
                            .iter()
                            .any(|v| v.outlets.list.text.is_some())
                })
                .map(|d| engine(&d))
                .collect()
        })
    }

    /// Text answers: junk, and the text built-ins' status shapes with junk where values go.
    fn text_like() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            Just("Status: ".to_string()),
            Just("P01=".to_string()),
            Just("p61=".to_string()),
            Just("$A0,".to_string()),
            Just("&0&4&".to_string()),
            Just("&302&".to_string()),
            Just("<meta http-equiv=\"powerstate\" content=\"Power Port 1,".to_string()),
            Just("\">".to_string()),
            Just("<br>".to_string()),
            Just("&".to_string()),
            Just(" ".to_string()),
            Just("\r\n".to_string()),
            "[01]{0,12}",
            "[0-9a-fA-F ,&]{0,8}",
            any::<String>(),
        ];
        prop::collection::vec(piece, 0..24).prop_map(|p| p.concat())
    }

    /// Element trees shaped like the XML drivers' devices (Denkovi's `Relay{i}` with `Name`
    /// and `State`, Tinycontrol's `out{i}`), with junk text where the values go.
    fn xml_like() -> impl Strategy<Value = String> {
        let name = prop_oneof![
            Just("Relay1"),
            Just("Relay2"),
            Just("Relay3"),
            Just("Relay"),
            Just("Relay007"),
            Just("Name"),
            Just("State"),
            Just("out0"),
            Just("out1"),
            Just("out5"),
            Just("Device"),
        ];
        let text = prop_oneof![
            Just("0".to_string()),
            Just("1".to_string()),
            Just(String::new()),
            "[a-z0-9 &<>\"']{0,8}".prop_map(|t| t
                .replace('&', "&amp;")
                .replace('<', "&lt;")
                .replace('>', "&gt;")),
        ];
        let leaf = (name.clone(), text).prop_map(|(n, t)| format!("<{n}>{t}</{n}>"));
        let tree = leaf.prop_recursive(3, 24, 6, move |inner| {
            (name.clone(), prop::collection::vec(inner, 0..6))
                .prop_map(|(n, children)| format!("<{n}>{}</{n}>", children.concat()))
        });
        let root = prop_oneof![Just("CurrentState"), Just("response"), Just("Other")];
        (
            root,
            prop::collection::vec(tree, 0..8),
            any::<u16>(),
            any::<bool>(),
        )
            .prop_map(|(root, children, cut, truncated)| {
                let doc = format!(
                    "<?xml version=\"1.0\"?><{root}>{}</{root}>",
                    children.concat()
                );
                if truncated {
                    // Cut anywhere (on a character boundary): malformed, never a panic.
                    let at = usize::from(cut) % (doc.len() + 1);
                    doc.chars().take(at).collect()
                } else {
                    doc
                }
            })
    }

    proptest! {
        #[test]
        fn xml_answers_never_panic_the_engine(doc in prop_oneof![xml_like(), any::<String>()]) {
            for engine in engines() {
                for variant in &engine.variants {
                    let Some(root) = &variant.outlets.list.xml else { continue };
                    let Ok(tree) = xml_document(doc.as_bytes(), root) else { continue };
                    // An element reads as text or an object of its children.
                    prop_assert!(tree.is_object() || tree.is_string());
                    let Ok(items) = items_of(engine, &variant.outlets.list, &tree) else {
                        continue;
                    };
                    prop_assert!(items.len() <= MAX_OUTLETS);
                    if let Ok(tree) = engine.tree(variant, &items, Wants::ALL) {
                        let outlets = tree["relay"]["outlets"].as_array().unwrap();
                        prop_assert_eq!(outlets.len(), items.len());
                        for o in outlets {
                            prop_assert!(o["state"].is_boolean() || o["state"].is_null());
                            prop_assert!(o["name"].is_string());
                        }
                    }
                }
            }
        }
    }

    /// X-xml: an element is an object of its children (a repeated name: an array in
    /// order), a leaf its trimmed text; the document element is the file's; what is not a
    /// small, plain XML document is malformed.
    #[test]
    fn xml_documents_read_as_json() {
        let doc = br#"<?xml version="1.0"?>
            <s:Envelope xmlns:s="urn:x"><s:Body><Relay1><Name> Lamp </Name><State>1</State>
            </Relay1><Item>a</Item><Item>b</Item><Item>c</Item><Empty/></s:Body></s:Envelope>"#;
        assert_eq!(
            xml_document(doc, "Envelope").unwrap(),
            json!({"Body": {"Relay1": {"Name": "Lamp", "State": "1"},
                            "Item": ["a", "b", "c"], "Empty": ""}})
        );
        assert_eq!(
            xml_document(doc, "*").unwrap()["Body"]["Item"][2],
            json!("c")
        );
        let e = xml_document(doc, "CurrentState").unwrap_err();
        assert!(e.contains("<Envelope>, not <CurrentState>"), "{e}");
        let e = xml_document(b"<a><b>1</b>", "*").unwrap_err();
        assert!(e.contains("malformed XML"), "{e}");
        let bomb = br#"<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x "xxxxxxxx">]><a>&x;&x;</a>"#;
        assert!(xml_document(bomb, "*").is_err(), "a DTD is refused");
        let deep = format!("{}{}", "<a>".repeat(40), "</a>".repeat(40));
        let e = xml_document(deep.as_bytes(), "*").unwrap_err();
        assert!(e.contains("nested deeper"), "{e}");
        let big = format!("<a>{}</a>", "x".repeat(MAX_XML_BYTES));
        assert!(xml_document(big.as_bytes(), "*")
            .unwrap_err()
            .contains("larger"));
        assert!(xml_document(b"<a>\xff</a>", "*")
            .unwrap_err()
            .contains("UTF-8"));
    }

    /// X-filter: a hub's list keeps the items its filter picks, and `_` maps what a map does
    /// not list (openHAB's NULL: an unknown state, not an error).
    #[test]
    fn filters_keep_outlets_and_fallbacks_map_the_rest() {
        let built_in = |id: &str| {
            let (name, text) = super::super::BUILT_IN
                .iter()
                .find(|(name, _)| *name == format!("{id}.toml"))
                .unwrap();
            engine(&super::super::parse(name, text).unwrap())
        };
        let openhab = built_in("openhab");
        let v = &openhab.variants[0];
        let doc = json!([
            {"name": "Lamp", "type": "Switch", "state": "ON", "label": "Desk lamp"},
            {"name": "Temp", "type": "Number", "state": "21.5"},
            {"name": "Fan", "type": "Switch", "state": "NULL"},
            {"name": "Pump", "type": "Switch", "state": "OFF", "label": ""},
            {"name": "Odd", "state": "ON"},
        ]);
        let items = openhab.backend.outlet_items(&v.outlets.list, &doc).unwrap();
        assert_eq!(
            items.len(),
            3,
            "the Number item and the one without a type are left out"
        );
        let tree = openhab.tree(v, &items, Wants::ALL).unwrap();
        let outlets = &tree["relay"]["outlets"];
        assert_eq!(outlets[0]["state"], json!(true));
        assert_eq!(outlets[1]["state"], Value::Null, "NULL is unknown");
        assert_eq!(outlets[1]["physical_state"], Value::Null);
        assert_eq!(outlets[2]["state"], json!(false));
        // The label where it is set, else the item's name (a label left out, or empty).
        assert_eq!(outlets[0]["name"], json!("Desk lamp"));
        assert_eq!(outlets[1]["name"], json!("Fan"));
        assert_eq!(outlets[2]["name"], json!("Pump"));

        // Without the fallback, the same answer is malformed, as before X-filter.
        let strict = super::super::parse(
            "strict.toml",
            &include_str!("../../drivers/openhab.toml").replace(", _ = \"unknown\"", ""),
        )
        .unwrap();
        let strict = engine(&strict);
        let e = strict
            .tree(&strict.variants[0], &items, Wants::ALL)
            .unwrap_err();
        assert!(e.to_string().contains("does not map"), "{e}");

        // A prefix keeps what starts with it; numbers compare as their text.
        let domoticz = built_in("domoticz");
        let mut list = domoticz.variants[0].outlets.list.clone();
        let doc = json!({"status": "OK", "result": [
            {"idx": "1", "SwitchType": "On/Off", "Status": "On", "Name": "a"},
            {"idx": "2", "SwitchType": "Dimmer", "Status": "Set Level: 40 %", "Name": "b"},
            {"idx": "3", "SwitchType": "On/Off", "Status": "Off", "Name": "c"},
        ]});
        let items = domoticz.backend.outlet_items(&list, &doc).unwrap();
        assert_eq!(items.len(), 2);
        let tree = domoticz
            .tree(&domoticz.variants[0], &items, Wants::ALL)
            .unwrap();
        assert_eq!(tree["relay"]["outlets"][1]["name"], json!("c"));
        list.filter = Some(super::super::ItemFilter {
            pointer: "/idx".into(),
            oid: None,
            values: vec![],
            prefix: Some("2".into()),
        });
        let items = domoticz.backend.outlet_items(&list, &doc).unwrap();
        assert_eq!(items.len(), 1);
        list.filter = Some(super::super::ItemFilter {
            pointer: "/n".into(),
            oid: None,
            values: vec![json!(3)],
            prefix: None,
        });
        let doc = json!({"result": [{"n": 3}, {"n": "3"}, {"n": 4}, {}]});
        assert_eq!(domoticz.backend.outlet_items(&list, &doc).unwrap().len(), 2);
    }

    /// X-keys: members in natural order whatever order the answer has, filtered; strings
    /// holding JSON read as it where the list says so.
    #[test]
    fn members_run_in_natural_order_and_json_strings_decode() {
        let mut names = vec![
            "lan10", "lan2", "lan1", "10", "3", "1", "b", "a2", "a10", "03",
        ];
        names.sort_by(|a, b| natural_order(a, b));
        assert_eq!(
            names,
            ["1", "03", "3", "10", "a2", "a10", "b", "lan1", "lan2", "lan10"]
        );
        let (name, text) = super::super::BUILT_IN
            .iter()
            .find(|(name, _)| *name == "hue.toml")
            .unwrap();
        let hue = engine(&super::super::parse(name, text).unwrap());
        let list = &hue.variants[0].outlets.list;
        let doc = json!({"12": {"type": "On/Off plug-in unit", "n": 12},
                         "2": {"type": "Dimmable light", "n": 2},
                         "9": {"type": "On/Off plug-in unit", "n": 9}});
        let (items, ids) = hue.backend.listed_items(list, &doc).unwrap();
        assert_eq!(ids.unwrap(), ["9", "12"]);
        assert_eq!(items[0]["n"], json!(9));
        let e = hue.backend.listed_items(list, &json!([1])).unwrap_err();
        assert!(e.to_string().contains("without an object"), "{e}");
        let mut doc = json!({"data": "{\"switch\":\"on\",\"deep\":\"[1,2]\"}", "x": "{not json"});
        decode_json_strings(&mut doc, 0);
        assert_eq!(
            doc,
            json!({"data": {"switch": "on", "deep": [1, 2]}, "x": "{not json"})
        );
    }

    #[test]
    fn numbered_members_run_from_one_without_a_gap() {
        let three = json!({"POWER1": "ON", "POWER3": "OFF", "POWER2": "OFF", "POWERONSTATE": 3});
        assert_eq!(
            numbered_members(&three, "POWER", 1).unwrap(),
            [json!("ON"), json!("OFF"), json!("OFF")]
        );
        let gen2 = json!({"sys": {}, "switch:1": {"output": true}, "switch:0": {"output": false}});
        assert_eq!(
            numbered_members(&gen2, "switch:", 0).unwrap(),
            [json!({"output": false}), json!({"output": true})]
        );
        assert_eq!(
            numbered_members(&json!({"POWER": "ON"}), "POWER", 1).unwrap(),
            [json!("ON")]
        );
        for (doc, why) in [
            (
                json!({"POWER1": "ON", "POWER3": "ON"}),
                "POWER3 without POWER2",
            ),
            (
                json!({"POWER": "ON", "POWER1": "ON"}),
                "POWER and POWER1 both",
            ),
            (
                json!({"POWER99999999999999999999": "ON"}),
                "no member named POWER",
            ),
            (json!({"Uptime": 3}), "no member named POWER or POWER1"),
            (json!([1, 2]), "not a JSON object"),
        ] {
            let err = numbered_members(&doc, "POWER", 1).unwrap_err();
            assert!(err.contains(why), "{doc}: {err}");
        }
    }
}
