//! The HTTP backend of driver files: one request reads every outlet (the file's `list`),
//! each outlet's item is the JSON the file's pointers read, and writes fill the file's
//! request templates. An in-band error (a 200 that says no) is a refusal naming it.

use super::engine::{list_items, Backend, DriverEngine, Wants};
use super::{fill, url_encoded, Driver, DriverFile, Filling, ListRequest, Request, Variant};
use crate::error::{Error, Result};
use crate::retry::Repeat;
use crate::transport::http::HttpClient;
use crate::transport::{AuthScheme, DeviceConfig, OutletsSetting, Secret};
use async_trait::async_trait;
use bytes::Bytes;
use reqwest::StatusCode;
use serde_json::Value;

/// A driver file whose transport is HTTP, ready to serve.
pub fn driver_http(device: &DeviceConfig, driver: &Driver) -> Result<DriverEngine<HttpBackend>> {
    Ok(DriverEngine::new(
        HttpBackend::new(device, driver)?,
        driver.file.clone(),
    ))
}

/// The list request's path (a checked HTTP file has one).
fn list_get(list: &ListRequest) -> &str {
    list.get.as_deref().unwrap_or("/")
}

pub struct HttpBackend {
    file: DriverFile,
    http: HttpClient,
    /// `driver acme-powerstrip`, for messages.
    name: String,
    /// For the "query" and "form" schemes, which put them in requests of their own.
    user: String,
    password: Option<Secret>,
    /// `NAME=value` of the session cookie, once there is one.
    cookie: std::sync::Mutex<Option<String>>,
    /// Done once per run, before the first request, for the "form" scheme.
    logged_in: tokio::sync::OnceCell<()>,
    /// The profile's `outlets` as ids, for a file that reads one outlet per request
    /// (`list.each`): ids as given, or for a count `n + index_base`.
    outlet_ids: Vec<String>,
}

/// The answer to one request: its JSON (or why it is not JSON).
type Answer = serde_json::Result<Value>;

/// An answer's body, and its JSON (or why it is not JSON).
struct Reply {
    body: Bytes,
    json: Answer,
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
        device.auth = if scheme == "digest" {
            AuthScheme::Digest
        } else {
            AuthScheme::Basic
        };
        let user = device.user.clone().unwrap_or_default();
        let password = device.password.clone();
        // Only Basic and Digest go in an Authorization header.
        if !matches!(scheme, "basic" | "digest") {
            device.password = None;
        }
        if device.port.is_none() {
            device.port = http_section.as_ref().and_then(|h| h.port);
        }
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
        let per_outlet = file
            .variants()
            .iter()
            .any(|v| v.outlets.list.each.is_some());
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
            outlet_ids,
            name: format!("driver {}", file.driver.id),
            file,
            user,
            password,
            cookie: std::sync::Mutex::new(cookie),
            logged_in: tokio::sync::OnceCell::new(),
        })
    }

    /// The variables this backend fills besides pductl's own: `{user}` and `{password}`
    /// (percent-encoded; in what a message may `show`, the password is `***`, so it never
    /// reaches one) and the outlet's `{id}`.
    fn named(&self, id: Option<&str>, shown: bool) -> Vec<(&'static str, String)> {
        let password = match (&self.password, shown) {
            (_, true) => "***".to_string(),
            (Some(p), false) => url_encoded(p.expose()),
            (None, false) => String::new(),
        };
        let mut named = vec![("user", url_encoded(&self.user)), ("password", password)];
        named.extend(id.map(|id| ("id", id.to_string())));
        named
    }

    /// A request's path for outlet `n`, and the same as messages may show it.
    fn paths(
        &self,
        template: &str,
        n: usize,
        id: Option<&str>,
        value: Option<&Value>,
    ) -> (String, String) {
        let base = self.file.driver.index_base;
        let fill_path = |shown| {
            fill(
                template,
                n,
                base,
                value,
                Filling::Url,
                &self.named(id, shown),
            )
        };
        (fill_path(false), fill_path(true))
    }

    /// A request's body for outlet `n`, filled as its content type wants.
    fn body(
        &self,
        template: &str,
        content_type: &str,
        n: usize,
        id: Option<&str>,
        value: Option<&Value>,
    ) -> Bytes {
        let filling = if content_type.contains("json") {
            Filling::Json
        } else if content_type == "application/x-www-form-urlencoded" {
            Filling::Url
        } else {
            Filling::Text
        };
        let base = self.file.driver.index_base;
        Bytes::from(fill(
            template,
            n,
            base,
            value,
            filling,
            &self.named(id, false),
        ))
    }

    /// Logs in once per run where the file says how ("form"): the login request, with the
    /// session cookie; a device that answers from its login page refused it.
    async fn log_in(&self) -> Result<()> {
        let Some(login) = self.file.http.as_ref().and_then(|h| h.login.as_ref()) else {
            return Ok(());
        };
        if self.password.is_none() {
            return Err(Error::Auth(format!(
                "{} needs a login and no password was given ({})",
                self.device(),
                self.name
            )));
        }
        self.logged_in
            .get_or_try_init(|| async {
                let (method, path) = login.target().unwrap_or((reqwest::Method::POST, "/"));
                let (path, shown) = self.paths(path, 0, None, None);
                let body = login.body.as_deref().map(|b| {
                    let content_type = login
                        .content_type
                        .as_deref()
                        .unwrap_or("application/x-www-form-urlencoded");
                    (content_type, self.body(b, content_type, 0, None, None))
                });
                let refused = || {
                    Error::Auth(format!(
                        "{} refused the login of user '{}' ({})",
                        self.device(),
                        self.user,
                        self.name
                    ))
                };
                // Logging in twice is logged in: a lost answer may be asked again.
                match self
                    .exchange(method, &path, &shown, body, Repeat::Write)
                    .await
                {
                    Ok(_) => Ok(()),
                    Err(Error::Auth(_)) => Err(refused()),
                    Err(e) => Err(e),
                }
            })
            .await
            .map(|_| ())
    }

    /// Sends a request (after logging in, where the file has a login); `shown` is the path
    /// as messages may show it. HTTP errors and in-band errors become typed errors. The
    /// answer's body comes back read as JSON (once), or with why it is not JSON.
    async fn request(
        &self,
        method: reqwest::Method,
        path: &str,
        shown: &str,
        body: Option<(&str, Bytes)>,
        repeat: Repeat,
    ) -> Result<Reply> {
        self.log_in().await?;
        self.exchange(method, path, shown, body, repeat).await
    }

    /// One request as it is, without logging in first (the login itself goes this way).
    async fn exchange(
        &self,
        method: reqwest::Method,
        path: &str,
        shown: &str,
        body: Option<(&str, Bytes)>,
        repeat: Repeat,
    ) -> Result<Reply> {
        let cookie = self.cookie.lock().ok().and_then(|c| c.clone());
        let own = self.file_headers()?;
        let mut headers: Vec<(&str, &str)> = Vec::new();
        if !own
            .iter()
            .any(|(name, _)| name.eq_ignore_ascii_case("accept"))
        {
            headers.push(("Accept", "application/json"));
        }
        headers.extend(
            own.iter()
                .map(|(name, value)| (name.as_str(), value.as_str())),
        );
        if let Some(cookie) = &cookie {
            headers.push(("Cookie", cookie.as_str()));
        }
        let response = self
            .http
            .send(method.clone(), path, &headers, body, repeat)
            .await?;
        self.keep_session_cookie(&response.headers);
        let path = shown;
        let device = self.device();
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
            let detail = response.body_summary();
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
                if let Some(reason) = doc
                    .pointer(&e.pointer)
                    .filter(|v| !v.is_null() && !e.ok.contains(v))
                {
                    let text = |v: &Value| v.as_str().map_or_else(|| v.to_string(), str::to_string);
                    let reason = match e.message.as_deref().and_then(|m| doc.pointer(m)) {
                        Some(message) => {
                            format!("{} ({} = {})", text(message), e.pointer, text(reason))
                        }
                        None => format!("{} ({})", text(reason), e.pointer),
                    };
                    return Err(Error::Refused(format!(
                        "{device} refused {method} {path}: {reason} ({})",
                        self.name
                    )));
                }
            }
        }
        // A text answer that says no (`User or password error.`): the file's error regexes.
        for e in self.file.http.iter().flat_map(|h| &h.errors) {
            let Some(pattern) = &e.text else { continue };
            if let Some(found) = super::text::error_match(pattern, &response.body) {
                let why = format!(
                    "{device} refused {method} {path}: \"{found}\" ({})",
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
            json: parsed,
        })
    }

    /// The file's `[http] headers`, filled with the account (the password as it is: a
    /// bearer token). The HTTP client traces no header, so none of these reaches `-v`.
    fn file_headers(&self) -> Result<Vec<(String, String)>> {
        let Some(http) = &self.file.http else {
            return Ok(Vec::new());
        };
        let mut out = Vec::new();
        for (name, template) in &http.headers {
            let password = match &self.password {
                Some(p) => p.expose().to_string(),
                None if template.contains("{password}") => {
                    return Err(Error::Auth(format!(
                        "{} needs the profile's password (its {name} header carries it: a \
                         token) and none was given ({})",
                        self.device(),
                        self.name
                    )))
                }
                None => String::new(),
            };
            let named = [("user", self.user.clone()), ("password", password)];
            let value = fill(template, 0, 0, None, Filling::Text, &named);
            // A password with a line break cannot go in a header; say so without it.
            if reqwest::header::HeaderValue::from_str(&value).is_err() {
                return Err(Error::usage(format!(
                    "{}: the profile's user or password has characters an HTTP header \
                     cannot carry ({name})",
                    self.name
                )));
            }
            out.push((name.clone(), value));
        }
        Ok(out)
    }

    /// A list's or an outlet's answer as the document the file's pointers read: JSON, or
    /// XML where the list says so.
    fn document(&self, list: &ListRequest, reply: Reply, shown: &str) -> Result<Value> {
        match &list.xml {
            Some(root) => xml_document(&reply.body, root).map_err(|why| {
                Error::BadResponse(format!(
                    "{} sent {why} for {shown} ({})",
                    self.device(),
                    self.name
                ))
            }),
            None => reply.json.map_err(|e| {
                Error::BadResponse(format!(
                    "{} sent something that is not JSON for {shown} ({e})",
                    self.device(),
                ))
            }),
        }
    }

    /// Every outlet's item, one request each (`list.each`): the outlets are the profile's.
    async fn each(&self, list: &ListRequest, each: &Request) -> Result<Vec<Value>> {
        let template = each.get.as_deref().unwrap_or("/");
        let mut items = Vec::with_capacity(self.outlet_ids.len());
        for (n, id) in self.outlet_ids.iter().enumerate() {
            let id = url_encoded(id);
            let (path, shown) = self.paths(template, n, Some(&id), None);
            let reply = self
                .request(reqwest::Method::GET, &path, &shown, None, Repeat::Read)
                .await?;
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
            .and_then(|h| h.session_cookie.as_ref())
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
    fn outlet_items(&self, list: &ListRequest, doc: &Value) -> Result<Vec<Value>> {
        let origin = format!("{} answered {}", self.device(), list_get(list));
        list_items(list, doc, self.file.driver.index_base, &origin, &self.name)
    }
}

#[async_trait]
impl Backend for HttpBackend {
    fn write_attempts(&self) -> u32 {
        self.http.write_attempts()
    }

    fn device(&self) -> &str {
        self.http.authority()
    }

    /// Every outlet's item, from one request (which has every field but, where the file
    /// has a `name.list`, the names).
    async fn items(&self, variant: &Variant, _wants: Wants) -> Result<Vec<Value>> {
        let list = &variant.outlets.list;
        match &list.each {
            Some(each) => self.each(list, each).await,
            None => self.list(list).await,
        }
    }

    /// The profile's ids, for a file that reads one outlet per request.
    fn ids(&self, variant: &Variant) -> Option<Vec<String>> {
        variant
            .outlets
            .list
            .each
            .is_some()
            .then(|| self.outlet_ids.clone())
    }

    /// The items a list request answers, one per outlet.
    async fn list(&self, list: &ListRequest) -> Result<Vec<Value>> {
        let (path, get) = self.paths(list_get(list), 0, None, None);
        let get = get.as_str();
        let reply = self
            .request(reqwest::Method::GET, &path, get, None, Repeat::Read)
            .await?;
        // X-text: the answer is read with the list's regex, not as a document.
        if list.text.is_some() {
            let origin = format!("{} answered {get}", self.device());
            return super::text::text_items(list, &reply.body, &origin, &self.name);
        }
        let doc = self.document(list, reply, get)?;
        self.outlet_items(list, &doc)
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
        let (method, path) = request
            .target()
            .ok_or_else(|| Error::usage(format!("{}: a request names no method", self.name)))?;
        let (path, shown) = self.paths(path, n, id, value);
        let body = request.body.as_deref().map(|b| {
            let content_type = request.content_type.as_deref().unwrap_or("text/plain");
            (content_type, self.body(b, content_type, n, id, value))
        });
        self.request(method, &path, &shown, body, repeat)
            .await
            .map(|_| ())
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
    fn engines() -> Vec<DriverEngine<HttpBackend>> {
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
                    let Ok(items) = items_of(&engine, &variant.outlets.list, &doc) else {
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

    /// Every built-in whose list reads a text answer (X-text).
    fn text_engines() -> Vec<DriverEngine<HttpBackend>> {
        super::super::BUILT_IN
            .iter()
            .map(|(name, text)| super::super::parse(name, text).unwrap())
            .filter(|d| {
                d.file
                    .variants()
                    .iter()
                    .any(|v| v.outlets.list.text.is_some())
            })
            .map(|d| engine(&d))
            .collect()
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
                    let Ok(items) = items_of(&engine, &variant.outlets.list, &tree) else {
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
