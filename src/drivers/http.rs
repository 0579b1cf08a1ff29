//! The HTTP backend of driver files: one request reads every outlet (the file's `list`),
//! each outlet's item is the JSON the file's pointers read, and writes fill the file's
//! request templates. An in-band error (a 200 that says no) is a refusal naming it.

use super::engine::{list_items, Backend, DriverEngine, Wants};
use super::{fill, url_encoded, Driver, DriverFile, Filling, ListRequest, Request, Variant};
use crate::error::{Error, Result};
use crate::retry::Repeat;
use crate::transport::http::HttpClient;
use crate::transport::{AuthScheme, DeviceConfig, Secret};
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
}

/// The answer to one request: its JSON (or why it is not JSON).
type Answer = serde_json::Result<Value>;

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
        Ok(HttpBackend {
            http: HttpClient::new(&device, 80, 443)?,
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
    ) -> Result<Answer> {
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
    ) -> Result<Answer> {
        let cookie = self.cookie.lock().ok().and_then(|c| c.clone());
        let mut headers = vec![("Accept", "application/json")];
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
            for e in self.file.http.iter().flat_map(|h| &h.errors) {
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
        Ok(parsed)
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
        self.list(&variant.outlets.list).await
    }

    /// The items a list request answers, one per outlet.
    async fn list(&self, list: &ListRequest) -> Result<Vec<Value>> {
        let (path, get) = self.paths(list_get(list), 0, None, None);
        let get = get.as_str();
        let parsed = self
            .request(reqwest::Method::GET, &path, get, None, Repeat::Read)
            .await?;
        let doc = parsed.map_err(|e| {
            Error::BadResponse(format!(
                "{} sent something that is not JSON for {get} ({e})",
                self.device(),
            ))
        })?;
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
        let device = loopback_device(Protocol::DliRest, "admin", AuthScheme::Basic);
        driver_http(&device, driver).unwrap()
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
                    let Ok(items) = engine.backend.outlet_items(&variant.outlets.list, &doc) else {
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
