//! The DLI REST-style API (protocols/dli.md section 2): each uom verb as one HTTP request on
//! `/restapi/<path>/`, JSON in and out, `X-CSRF` on every request that changes something.

use super::http::{HttpClient, HttpResponse};
use super::{DeviceConfig, Transport};
use crate::error::{Error, Result};
use crate::path::{keys_of, Path, Segment, DESCRIPTION_FRAGMENT};
use crate::retry::Repeat;
use async_trait::async_trait;
use bytes::Bytes;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

const JSON: &str = "application/json";
const JSON_PATCH: &str = "application/json-patch+json";

pub struct DliRest {
    http: HttpClient,
}

impl DliRest {
    pub fn new(device: &DeviceConfig) -> Result<DliRest> {
        Ok(DliRest {
            http: HttpClient::new(device, 80, 443)?,
        })
    }

    /// One request; what repeating it would do follows from the verb (`repeat_of`).
    async fn request(
        &self,
        method: Method,
        uri: &str,
        range: Option<&str>,
        body: Option<(&str, Bytes)>,
    ) -> Result<HttpResponse> {
        let repeat = repeat_of(&method);
        let mut headers: Vec<(&'static str, &str)> = vec![("Accept", JSON)];
        if method != Method::GET {
            headers.push(("X-CSRF", "x"));
        }
        if let Some(r) = range {
            headers.push(("Range", r));
        }
        self.http.send(method, uri, &headers, body, repeat).await
    }

    /// Maps the status codes of protocols/dli.md 2.6 onto errors.
    fn check(&self, response: &HttpResponse, path: &Path, verb: &str) -> Result<()> {
        let status = response.status;
        if status.is_success() {
            return Ok(());
        }
        let device = self.http.authority();
        let detail = response.body_summary();
        let because = if detail.is_empty() {
            String::new()
        } else {
            format!(": {detail}")
        };
        Err(match status {
            StatusCode::UNAUTHORIZED if !self.http.has_password() => Error::Auth(format!(
                "{device} asks for a password (HTTP 401) and none was given: use --password-env, \
                 --password-command or --password-file, or set one in the profile"
            )),
            StatusCode::UNAUTHORIZED => Error::Auth(format!(
                "{device} rejected the user name or password (HTTP 401); check the credentials \
                 (pductl sends a password once per run: DLI units lock an account out after 3 \
                 failed logins)"
            )),
            StatusCode::FORBIDDEN => Error::Permission(format!(
                "{device} denied {verb} {path} for this account (HTTP 403){because}"
            )),
            StatusCode::NOT_FOUND => Error::NotFound(format!("{device} has no {path} (HTTP 404)")),
            StatusCode::METHOD_NOT_ALLOWED => Error::Refused(format!(
                "{device} does not allow {verb} on {path} (HTTP 405){because}"
            )),
            StatusCode::CONFLICT => Error::Refused(format!(
                "{device} refused {verb} {path} (HTTP 409){because}"
            )),
            s if s.is_server_error() => Error::Refused(format!(
                "{device} failed {verb} {path} (HTTP {}){because}",
                s.as_u16()
            )),
            s => Error::BadResponse(format!(
                "{device} answered {verb} {path} with unexpected HTTP {}{because}",
                s.as_u16()
            )),
        })
    }

    fn parse_json(&self, response: &HttpResponse, path: &Path) -> Result<Value> {
        serde_json::from_slice(&response.body).map_err(|e| {
            Error::BadResponse(format!(
                "{} sent something that is not JSON for {path} ({e})",
                self.http.authority()
            ))
        })
    }

    async fn read(&self, path: &Path, range: Option<&str>) -> Result<Value> {
        let response = self
            .request(Method::GET, &path.rest_uri(), range, None)
            .await?;
        self.check(&response, path, "get")?;
        self.parse_json(&response, path)
    }

    /// A write through a filter (`all;name=x`) that matches nothing would succeed having done
    /// nothing; DLI's answer does not say, so one read of the selection comes first.
    async fn check_filter_selects(&self, path: &Path) -> Result<()> {
        let Some(selection) = path.filtered_prefix() else {
            return Ok(());
        };
        let selected = self.read(&selection, None).await?;
        if selected.as_array().is_some_and(Vec::is_empty) {
            return Err(super::selects_nothing(&selection, self.http.authority()));
        }
        Ok(())
    }

    /// The index `-` stands for in `remove`: the last element of the collection.
    async fn last_index(&self, collection: &Path) -> Result<String> {
        let value = self.read(collection, None).await?;
        match keys_of(&value) {
            Some(keys) if !keys.is_empty() && value.is_array() => Ok(keys[keys.len() - 1].clone()),
            Some(_) if value.is_array() => Err(Error::Refused(format!("{collection} is empty"))),
            _ => Err(Error::Refused(format!("{collection} is not an array"))),
        }
    }
}

/// What sending a request twice does on a DLI unit: GET reads; PUT overwrites a value with
/// the same one. POST calls a method or appends, PATCH inserts at an index and DELETE removes
/// the element at an index, after which the next one moves up: each of those adds up.
fn repeat_of(method: &Method) -> Repeat {
    match *method {
        Method::GET => Repeat::Read,
        Method::PUT => Repeat::Write,
        _ => Repeat::Once,
    }
}

fn json_body(value: &Value) -> Option<(&'static str, Bytes)> {
    Some((
        JSON,
        Bytes::from(serde_json::to_vec(value).unwrap_or_default()),
    ))
}

#[async_trait]
impl Transport for DliRest {
    fn protocol(&self) -> &'static str {
        "dli-rest"
    }

    async fn get(&self, path: &Path) -> Result<Value> {
        self.read(path, None).await
    }

    async fn get_shallow(&self, path: &Path) -> Result<Value> {
        self.read(path, Some("dli-depth=1")).await
    }

    async fn set(&self, path: &Path, value: &Value) -> Result<()> {
        self.check_filter_selects(path).await?;
        let response = self
            .request(Method::PUT, &path.rest_uri(), None, json_body(value))
            .await?;
        self.check(&response, path, "set")
    }

    /// `-` appends with POST to the collection; an index inserts with a JSON-patch `add` on
    /// the collection, which shifts later elements as uom's insert does.
    async fn insert(&self, path: &Path, value: &Value) -> Result<()> {
        let collection = path.parent();
        let response = match path.last() {
            Some(Segment::Last) => {
                self.request(Method::POST, &collection.rest_uri(), None, json_body(value))
                    .await?
            }
            Some(Segment::Key(index)) if index.parse::<usize>().is_ok() => {
                let patch = json!([{"op": "add", "path": format!("/{index}"), "value": value}]);
                let body = Bytes::from(patch.to_string());
                self.request(
                    Method::PATCH,
                    &collection.rest_uri(),
                    None,
                    Some((JSON_PATCH, body)),
                )
                .await?
            }
            _ => {
                return Err(Error::usage(format!(
                    "insert needs a path ending in an index or '-', not {path}"
                )))
            }
        };
        self.check(&response, path, "insert")
    }

    async fn remove(&self, path: &Path) -> Result<()> {
        let target = match path.last() {
            Some(Segment::Last) => {
                let collection = path.parent();
                let last = self.last_index(&collection).await?;
                collection.child(last)
            }
            Some(_) => {
                self.check_filter_selects(path).await?;
                path.clone()
            }
            None => return Err(Error::usage("remove needs a path to an element")),
        };
        let response = self
            .request(Method::DELETE, &target.rest_uri(), None, None)
            .await?;
        self.check(&response, &target, "remove")
    }

    async fn invoke(&self, path: &Path, args: &[Value]) -> Result<Option<Value>> {
        self.check_filter_selects(path).await?;
        let response = self
            .request(
                Method::POST,
                &path.rest_uri(),
                None,
                json_body(&Value::Array(args.to_vec())),
            )
            .await?;
        self.check(&response, path, "invoke")?;
        if response.body.iter().all(u8::is_ascii_whitespace) {
            return Ok(None);
        }
        self.parse_json(&response, path).map(Some)
    }

    fn native_cycle(&self) -> super::NativeCycle {
        super::NativeCycle::ConfiguredDelay
    }

    fn write_attempts(&self) -> u32 {
        self.http.write_attempts()
    }

    fn explain_set(&self, path: &Path, value: &Value) -> String {
        format!("{}: PUT {} {value}", self.http.authority(), path.rest_uri())
    }

    fn explain_invoke(&self, path: &Path, args: &[Value]) -> String {
        format!(
            "{}: POST {} {}",
            self.http.authority(),
            path.rest_uri(),
            Value::Array(args.to_vec())
        )
    }

    async fn describe(&self, path: &Path) -> Result<Value> {
        let uri = format!("{}{DESCRIPTION_FRAGMENT}", path.rest_uri());
        let response = self.request(Method::GET, &uri, None, None).await?;
        self.check(&response, path, "describe")?;
        self.parse_json(&response, path)
    }
}
