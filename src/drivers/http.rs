//! The engine for driver files over HTTP: one request reads every outlet (the file's `list`),
//! each outlet's fields come from JSON pointers into its item, and writes fill the file's
//! request templates. Whatever the device answers is checked against the file: a missing
//! field or a value outside its map is a malformed answer naming the driver, the field and
//! the value; an in-band error (a 200 that says no) is a refusal naming it.

use super::{fill, Driver, DriverFile, Filling, Read, Request};
use crate::error::{Error, Result};
use crate::path::{Path, Segment};
use crate::transport::http::{HttpClient, HttpResponse};
use crate::transport::{
    unsupported, AuthScheme, DeviceConfig, Mapped, NativeCycle, Transport, MAX_OUTLETS,
};
use async_trait::async_trait;
use bytes::Bytes;
use reqwest::StatusCode;
use serde_json::{json, Map, Value};

pub struct DriverHttp {
    file: DriverFile,
    http: HttpClient,
    /// `driver acme-powerstrip`, for messages.
    name: String,
}

impl DriverHttp {
    pub fn new(device: &DeviceConfig, driver: &Driver) -> Result<DriverHttp> {
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
        if scheme == "none" {
            device.password = None;
        }
        if device.port.is_none() {
            device.port = http_section.as_ref().and_then(|h| h.port);
        }
        Ok(DriverHttp {
            http: HttpClient::new(&device, 80, 443)?,
            name: format!("driver {}", file.driver.id),
            file,
        })
    }

    fn device(&self) -> &str {
        self.http.authority()
    }

    /// Sends a request; HTTP errors and in-band errors become typed errors.
    async fn request(
        &self,
        method: reqwest::Method,
        path: &str,
        body: Option<(&str, Bytes)>,
    ) -> Result<HttpResponse> {
        let response = self
            .http
            .send(
                method.clone(),
                path,
                &[("Accept", "application/json")],
                body,
            )
            .await?;
        let detail = response.body_summary();
        let because = if detail.is_empty() {
            String::new()
        } else {
            format!(": {detail}")
        };
        let device = self.device();
        let status = response.status;
        if !status.is_success() {
            return Err(match status {
                StatusCode::UNAUTHORIZED if !self.http.has_password() => Error::Auth(format!(
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
        if let Ok(doc) = serde_json::from_slice::<Value>(&response.body) {
            for e in self.file.http.iter().flat_map(|h| &h.errors) {
                if let Some(reason) = doc.pointer(&e.pointer).filter(|v| !v.is_null()) {
                    let reason = reason
                        .as_str()
                        .map_or_else(|| reason.to_string(), str::to_string);
                    return Err(Error::Refused(format!(
                        "{device} refused {method} {path}: {reason} ({}, {})",
                        self.name, e.pointer
                    )));
                }
            }
        }
        Ok(response)
    }

    /// Every outlet's item, from one request.
    async fn items(&self) -> Result<Vec<Value>> {
        let list = &self.file.outlets.list;
        let response = self.request(reqwest::Method::GET, &list.get, None).await?;
        let doc: Value = serde_json::from_slice(&response.body).map_err(|e| {
            Error::BadResponse(format!(
                "{} sent something that is not JSON for {} ({e})",
                self.device(),
                list.get
            ))
        })?;
        self.outlet_items(&doc)
    }

    /// The outlets' items in the list's answer, as the file says where to find them.
    fn outlet_items(&self, doc: &Value) -> Result<Vec<Value>> {
        let list = &self.file.outlets.list;
        let items = match (&list.items, &list.keys) {
            (Some(at), _) => doc
                .pointer(at)
                .and_then(Value::as_array)
                .cloned()
                .ok_or_else(|| {
                    Error::BadResponse(format!(
                        "{} answered {} without an array at {at} ({})",
                        self.device(),
                        list.get,
                        self.name
                    ))
                })?,
            (None, Some(prefix)) => numbered_members(doc, prefix, self.file.driver.index_base)
                .map_err(|why| {
                    Error::BadResponse(format!(
                        "{} answered {} with {why} ({})",
                        self.device(),
                        list.get,
                        self.name
                    ))
                })?,
            (None, None) => Vec::new(),
        };
        if items.len() > MAX_OUTLETS {
            return Err(Error::BadResponse(format!(
                "{} lists {} outlets, more than any device has",
                self.device(),
                items.len()
            )));
        }
        Ok(items)
    }

    /// One field of an outlet's item, mapped and scaled as the file says.
    fn read(&self, item: &Value, read: &Read, n: usize, field: &str) -> Result<Value> {
        let raw = item.pointer(&read.pointer).ok_or_else(|| {
            Error::BadResponse(format!(
                "{} sent outlet {n} without {} ({}: {field})",
                self.device(),
                read.pointer,
                self.name
            ))
        })?;
        let mut value = raw.clone();
        if !read.map.is_empty() {
            let key = raw.as_str().map_or_else(|| raw.to_string(), str::to_string);
            value = read.map.get(&key).cloned().ok_or_else(|| {
                Error::BadResponse(format!(
                    "{} sent {} = {raw} for outlet {n}, which the {} file does not map ({field})",
                    self.device(),
                    read.pointer,
                    self.name
                ))
            })?;
        }
        if let (Some(scale), Some(x)) = (read.scale, value.as_f64()) {
            value = json!(x * scale);
        }
        Ok(value)
    }

    /// The object-model tree of the list.
    fn tree(&self, items: &[Value]) -> Result<Value> {
        let o = &self.file.outlets;
        let mut outlets = Vec::new();
        let mut values = Map::new();
        for (n, item) in items.iter().enumerate() {
            let state = self.read(item, &o.state.read, n, "state")?;
            if !state.is_boolean() {
                return Err(Error::BadResponse(format!(
                    "{}: the state of outlet {n} maps to {state}, not true or false",
                    self.name
                )));
            }
            let mut outlet = Map::new();
            let name = match &o.name {
                Some(name) => self.read(item, &name.read, n, "name")?,
                None => json!(format!("Outlet {}", n + 1)),
            };
            outlet.insert("name".into(), name);
            outlet.insert("state".into(), state.clone());
            outlet.insert("transient_state".into(), state.clone());
            // While a change is under way the relay read is the old one: what it is about to
            // be is unknown, so verification waits the change out.
            let pending = match &o.state.pending {
                Some(p) => self.read(item, p, n, "pending")? == json!(true),
                None => false,
            };
            outlet.insert(
                "physical_state".into(),
                if pending { Value::Null } else { state },
            );
            if o.state.pending.is_some() {
                outlet.insert("pending".into(), json!(pending));
            }
            outlets.push(Value::Object(outlet));
            for m in &self.file.meter {
                if m.optional && item.pointer(&m.read.pointer).is_none() {
                    continue;
                }
                let value = self.read(item, &m.read, n, &m.key)?;
                values.insert(
                    fill(&m.key, n, self.file.driver.index_base, None, Filling::Text),
                    json!({"name": format!("Outlet {} {}", n + 1, m.quantity), "value": value, "quantity": m.quantity, "unit": m.unit}),
                );
            }
        }
        Ok(json!({"relay": {"outlets": outlets}, "meter": {"values": values}}))
    }

    fn mapped<'a>(&'a self, range: &'a dyn Fn(usize) -> String) -> Mapped<'a> {
        Mapped {
            device: self.device(),
            protocol: "driver",
            range,
            writes: "a driver file writes outlets' state and name",
        }
    }

    /// Sends one of the file's request templates for outlet `n`.
    async fn send(&self, request: &Request, n: usize, value: Option<&Value>) -> Result<()> {
        let (method, path) = request
            .target()
            .ok_or_else(|| Error::usage(format!("{}: a request names no method", self.name)))?;
        let base = self.file.driver.index_base;
        let path = fill(path, n, base, value, Filling::Url);
        let body = request.body.as_deref().map(|b| {
            let content_type = request.content_type.as_deref().unwrap_or("text/plain");
            let filling = if content_type.contains("json") {
                Filling::Json
            } else if content_type == "application/x-www-form-urlencoded" {
                Filling::Url
            } else {
                Filling::Text
            };
            (content_type, Bytes::from(fill(b, n, base, value, filling)))
        });
        self.request(method, &path, body).await.map(|_| ())
    }
}

/// The members of an answer named `prefix` and a number from `first` (the file's
/// index_base), in number order, or `prefix` alone as the first (Tasmota names one relay
/// `POWER`, several `POWER1`...; Shelly Gen2 `switch:0`...). The numbers must run without a
/// gap, or pductl's outlet n would not be the device's n + first.
fn numbered_members(
    doc: &Value,
    prefix: &str,
    first: u64,
) -> std::result::Result<Vec<Value>, String> {
    let object = doc
        .as_object()
        .ok_or_else(|| "something that is not a JSON object".to_string())?;
    let mut found: Vec<(u64, &Value)> = Vec::new();
    for (key, value) in object {
        let Some(rest) = key.strip_prefix(prefix) else {
            continue;
        };
        // Short digit strings only: a number past MAX_OUTLETS could never run without a gap.
        let number = match rest {
            "" => first,
            digits if digits.len() <= 6 && digits.bytes().all(|b| b.is_ascii_digit()) => {
                digits.parse().unwrap_or(u64::MAX)
            }
            _ => continue,
        };
        found.push((number, value));
    }
    found.sort_by_key(|(number, _)| *number);
    for (want, (number, _)) in (first..).zip(&found) {
        if *number != want {
            let name = |n: u64| format!("{prefix}{n}");
            return Err(if *number < want {
                format!("{prefix} and {} both", name(want - 1))
            } else {
                format!("{} without {}", name(*number), name(want))
            });
        }
    }
    if found.is_empty() {
        return Err(format!("no member named {prefix} or {prefix}{first}"));
    }
    Ok(found.into_iter().map(|(_, v)| v.clone()).collect())
}

fn range(count: usize) -> String {
    format!("outlets 0-{}", count.saturating_sub(1))
}

#[async_trait]
impl Transport for DriverHttp {
    fn protocol(&self) -> &'static str {
        "driver"
    }

    async fn get(&self, path: &Path) -> Result<Value> {
        let tree = self.tree(&self.items().await?)?;
        let targets = self.mapped(&range).targets(&tree, path)?;
        let at = |keys: &Vec<String>| {
            tree.pointer(&crate::path::pointer(keys))
                .cloned()
                .unwrap_or(Value::Null)
        };
        if path.is_matrix() {
            return Ok(Value::Array(targets.iter().map(at).collect()));
        }
        Ok(targets.first().map(at).unwrap_or(Value::Null))
    }

    async fn set(&self, path: &Path, value: &Value) -> Result<()> {
        let o = &self.file.outlets;
        let (request, what) = match path.last() {
            Some(Segment::Key(f)) if f == "state" || f == "transient_state" => {
                if !value.is_boolean() {
                    return Err(Error::usage(format!(
                        "state takes true or false, not {value}"
                    )));
                }
                (o.state.write.as_ref(), "switching outlets")
            }
            Some(Segment::Key(f)) if f == "name" => {
                if !value.is_string() {
                    return Err(Error::usage(format!(
                        "a name is a string in quotes, not {value}"
                    )));
                }
                (
                    o.name.as_ref().and_then(|n| n.write.as_ref()),
                    "renaming outlets",
                )
            }
            _ => (None, "writing that"),
        };
        let Some(request) = request else {
            return Err(unsupported(
                &self.name,
                &format!("writing {path}"),
                &format!("its file says nothing of {what}"),
            ));
        };
        let tree = self.tree(&self.items().await?)?;
        let outlets = self.mapped(&range).outlets(&tree, &path.parent())?;
        if outlets.is_empty() {
            return Err(crate::transport::selects_nothing(
                &path.parent(),
                self.device(),
            ));
        }
        for n in outlets {
            self.send(request, n, Some(value)).await?;
        }
        Ok(())
    }

    async fn insert(&self, path: &Path, _value: &Value) -> Result<()> {
        Err(unsupported(
            &self.name,
            &format!("insert at {path}"),
            "outlets are the device's",
        ))
    }

    async fn remove(&self, path: &Path) -> Result<()> {
        Err(unsupported(
            &self.name,
            &format!("remove of {path}"),
            "outlets are the device's",
        ))
    }

    /// `cycle`: the device's own, where the file has one.
    async fn invoke(&self, path: &Path, args: &[Value]) -> Result<Option<Value>> {
        let native = self
            .file
            .outlets
            .cycle
            .as_ref()
            .and_then(|c| c.native.as_ref());
        let (Some(Segment::Key(call)), Some(native)) = (path.last(), native) else {
            return Err(unsupported(
                &self.name,
                &format!("calling {path}"),
                "its file has no such call (cycle with on/off: pductl cycle)",
            ));
        };
        if call != "cycle" || !args.is_empty() {
            return Err(unsupported(
                &self.name,
                &format!("calling {path}"),
                "its file has one call: cycle, without arguments",
            ));
        }
        let tree = self.tree(&self.items().await?)?;
        let outlets = self.mapped(&range).outlets(&tree, &path.parent())?;
        for n in outlets {
            self.send(native, n, None).await?;
        }
        Ok(None)
    }

    async fn describe(&self, path: &Path) -> Result<Value> {
        Err(unsupported(
            &self.name,
            &format!("describe of {path}"),
            "driver files have no type descriptions",
        ))
    }

    fn native_cycle(&self) -> NativeCycle {
        match self
            .file
            .outlets
            .cycle
            .as_ref()
            .and_then(|c| c.native.as_ref())
        {
            Some(_) => NativeCycle::ConfiguredDelay,
            None => NativeCycle::None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{any_json, loopback_device};
    use crate::transport::{AuthScheme, Protocol};
    use proptest::prelude::*;

    fn engine(driver: &Driver) -> DriverHttp {
        let device = loopback_device(Protocol::DliRest, "admin", AuthScheme::Basic);
        DriverHttp::new(&device, driver).unwrap()
    }

    /// Every built-in driver and the worked example.
    fn engines() -> Vec<DriverHttp> {
        let example = super::super::parse(
            "acme-powerstrip.toml",
            include_str!("../../drivers/examples/acme-powerstrip.toml"),
        )
        .unwrap();
        super::super::BUILT_IN
            .iter()
            .map(|(name, text)| super::super::parse(name, text).unwrap())
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
        ];
        let item = prop::collection::vec((field.clone(), any_json()), 0..6).prop_map(|kv| {
            Value::Object(kv.into_iter().map(|(k, v)| (k.to_string(), v)).collect())
        });
        let array = prop::collection::vec(item, 0..10).boxed();
        prop_oneof![
            array.clone().prop_map(|a| json!({"ports": a})),
            array.clone().prop_map(|a| json!({"outputs": a})),
            array.prop_map(|a| json!({"relays": a})),
            prop::collection::vec((field, any_json()), 0..8).prop_map(|kv| Value::Object(
                kv.into_iter().map(|(k, v)| (k.to_string(), v)).collect()
            )),
        ]
    }

    proptest! {
        #[test]
        fn the_engine_never_panics_on_what_a_device_sends(doc in prop_oneof![any_json(), list_like()]) {
            for engine in engines() {
                if let Ok(items) = engine.outlet_items(&doc) {
                    prop_assert!(items.len() <= MAX_OUTLETS);
                    if let Ok(tree) = engine.tree(&items) {
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
