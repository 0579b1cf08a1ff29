//! A Belkin WeMo socket over UPnP (protocols/dli-apis.md section c): a real plug, an
//! emulator, or one outlet of a DLI unit with UPnP on. One device is one socket at
//! HOST:PORT (WeMo's usual port is 49153). `setup.xml` is read first, once per run, for the
//! friendly name, model, UDN and the basicevent control URL; then SOAP calls to that URL:
//! `GetBinaryState`/`SetBinaryState` for the switch and `GetFriendlyName`/
//! `ChangeFriendlyName` for the name, each with the exact quoted `SOAPACTION` header.
//!
//! Object model (one outlet, 0):
//!
//! | path | from |
//! |---|---|
//! | `/relay/name`, `/relay/outlets/0/name` | `GetFriendlyName` (setup.xml's `friendlyName` where the call is missing) |
//! | `/relay/outlets/0/{state,transient_state,physical_state}` | `GetBinaryState` (first `\|` field, non-zero = on) |
//! | `/relay/model` | setup.xml `modelName` (+ `modelDescription`) |
//! | `/wemo/{udn,serial,mac,firmware,device_type,manufacturer,control_url}` | setup.xml, read-only |
//!
//! Real units answer `SetBinaryState` of the state they already have with
//! `<BinaryState>Error</BinaryState>` [OBS]: the state is read back, and a socket already in
//! the wanted state is a success.

use super::http::{HttpClient, HttpResponse};
use super::{unsupported, DeviceConfig, Transport};
use crate::error::{Error, Result};
use crate::path::{Path, Segment};
use crate::retry::Repeat;
use async_trait::async_trait;
use bytes::Bytes;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

const PROTOCOL: &str = "wemo";

/// The port WeMo sockets usually serve on (pywemo probes 49153 first).
pub const DEFAULT_PORT: u16 = 49153;

/// Where a socket's description is.
pub const SETUP_PATH: &str = "/setup.xml";

/// The service that switches the socket.
pub const BASICEVENT: &str = "urn:Belkin:service:basicevent:1";

/// Largest `setup.xml` accepted: real ones are a few kilobytes.
pub const MAX_SETUP_BYTES: usize = 1024 * 1024;

/// Largest SOAP answer parsed.
const MAX_SOAP_BYTES: usize = 256 * 1024;

const SOAP_ENV: &str = "http://schemas.xmlsoap.org/soap/envelope/";

/// What `setup.xml` says about a socket.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Setup {
    pub friendly_name: Option<String>,
    pub manufacturer: Option<String>,
    pub model_name: Option<String>,
    pub model_description: Option<String>,
    pub device_type: Option<String>,
    pub udn: Option<String>,
    pub serial: Option<String>,
    pub mac: Option<String>,
    pub firmware: Option<String>,
    /// The basicevent service's control URL as the document gives it.
    pub control_url: String,
}

impl Setup {
    /// The model as people call it: `Socket`, or `Socket (Belkin Plugin Socket 1.0)`.
    pub fn model(&self) -> Option<String> {
        match (&self.model_name, &self.model_description) {
            (Some(n), Some(d)) if !d.is_empty() && d != n => Some(format!("{n} ({d})")),
            (Some(n), _) => Some(n.clone()),
            (None, d) => d.clone(),
        }
    }
}

/// Reads a `setup.xml`; the error says what is wrong with it, in a few words.
pub fn parse_setup(body: &[u8]) -> std::result::Result<Setup, String> {
    if body.len() > MAX_SETUP_BYTES {
        return Err(format!(
            "setup.xml is larger than {} KiB",
            MAX_SETUP_BYTES / 1024
        ));
    }
    let text = std::str::from_utf8(body).map_err(|_| "setup.xml is not UTF-8 text".to_string())?;
    let text = text.trim_start_matches('\u{feff}');
    let doc =
        roxmltree::Document::parse(text).map_err(|e| format!("setup.xml is not XML ({e})"))?;
    let device = doc
        .descendants()
        .find(|n| n.is_element() && n.tag_name().name() == "device")
        .ok_or("setup.xml has no <device>")?;
    let child = |parent: roxmltree::Node, name: &str| -> Option<String> {
        parent
            .children()
            .find(|n| n.is_element() && n.tag_name().name() == name)
            .and_then(|n| n.text())
            .map(|t| t.trim().to_string())
    };
    let control_url = device
        .descendants()
        .filter(|n| n.is_element() && n.tag_name().name() == "service")
        .find(|s| child(*s, "serviceType").as_deref() == Some(BASICEVENT))
        .and_then(|s| child(s, "controlURL"))
        .filter(|u| !u.is_empty())
        .ok_or_else(|| format!("setup.xml lists no {BASICEVENT} service with a controlURL"))?;
    Ok(Setup {
        friendly_name: child(device, "friendlyName"),
        manufacturer: child(device, "manufacturer"),
        model_name: child(device, "modelName"),
        model_description: child(device, "modelDescription"),
        device_type: child(device, "deviceType"),
        udn: child(device, "UDN"),
        serial: child(device, "serialNumber"),
        mac: child(device, "macAddress"),
        firmware: child(device, "firmwareVersion"),
        control_url,
    })
}

/// A SOAP call's answer: the response element's arguments, or the fault's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SoapAnswer {
    Args(Vec<(String, String)>),
    Fault(String),
}

/// Reads a SOAP envelope answering `action`.
pub fn parse_soap(body: &[u8], action: &str) -> std::result::Result<SoapAnswer, String> {
    if body.len() > MAX_SOAP_BYTES {
        return Err("the SOAP answer is too large".into());
    }
    let text = std::str::from_utf8(body).map_err(|_| "the SOAP answer is not UTF-8".to_string())?;
    let doc = roxmltree::Document::parse(text.trim_start_matches('\u{feff}'))
        .map_err(|e| format!("the SOAP answer is not XML ({e})"))?;
    if let Some(fault) = doc
        .descendants()
        .find(|n| n.is_element() && n.tag_name().name() == "Fault")
    {
        let pick = |name: &str| {
            fault
                .descendants()
                .find(|n| n.is_element() && n.tag_name().name() == name)
                .and_then(|n| n.text())
                .map(|t| t.trim().to_string())
                .filter(|t| !t.is_empty())
        };
        let why = [
            pick("errorDescription"),
            pick("errorCode").map(|c| format!("UPnP error {c}")),
            pick("faultstring"),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(", ");
        return Ok(SoapAnswer::Fault(if why.is_empty() {
            "a SOAP fault".into()
        } else {
            why
        }));
    }
    let body_el = doc
        .descendants()
        .find(|n| {
            n.is_element()
                && n.tag_name().name() == "Body"
                && n.tag_name().namespace().is_none_or(|ns| ns == SOAP_ENV)
        })
        .ok_or("the answer is not a SOAP envelope (no Body)")?;
    let wanted = format!("{action}Response");
    let response = body_el
        .children()
        .find(|n| n.is_element() && n.tag_name().name() == wanted)
        .ok_or_else(|| format!("the SOAP answer has no {wanted}"))?;
    Ok(SoapAnswer::Args(
        response
            .children()
            .filter(|n| n.is_element())
            .map(|n| {
                (
                    n.tag_name().name().to_string(),
                    n.text().unwrap_or("").trim().to_string(),
                )
            })
            .collect(),
    ))
}

/// A `BinaryState` value: `0` off; `1`, `8` (on, no load) or `1|...` (Insight) on.
/// `None` for anything else (`Error` included).
pub fn binary_state(text: &str) -> Option<bool> {
    let first = text.split('|').next()?.trim();
    first.parse::<u32>().ok().map(|n| n != 0)
}

/// A SOAP request body for `action` of basicevent with `args`.
pub fn soap_request(action: &str, args: &[(&str, &str)]) -> String {
    let mut inner = String::new();
    for (k, v) in args {
        inner.push_str(&format!("<{k}>{}</{k}>", crate::output::xml_escape(v)));
    }
    format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<s:Envelope xmlns:s=\"{SOAP_ENV}\" \
         s:encodingStyle=\"http://schemas.xmlsoap.org/soap/encoding/\"><s:Body>\
         <u:{action} xmlns:u=\"{BASICEVENT}\">{inner}</u:{action}></s:Body></s:Envelope>"
    )
}

pub struct Wemo {
    http: HttpClient,
    trace: bool,
    /// `host:port` as dialled, to tell a control URL on this socket from one elsewhere.
    authority: String,
    setup: tokio::sync::OnceCell<(Setup, String)>,
}

impl Wemo {
    pub fn new(device: &DeviceConfig) -> Result<Wemo> {
        if device.tls {
            return Err(Error::usage(
                "WeMo sockets speak plain HTTP only: drop tls for this device",
            ));
        }
        Ok(Wemo {
            http: HttpClient::new(device, DEFAULT_PORT, DEFAULT_PORT)?,
            trace: device.trace,
            authority: format!(
                "{}:{}",
                device.host.trim_start_matches('[').trim_end_matches(']'),
                device.port.unwrap_or(DEFAULT_PORT)
            ),
            setup: tokio::sync::OnceCell::new(),
        })
    }

    fn device(&self) -> &str {
        self.http.authority()
    }

    /// `setup.xml`, read once, and the control path to POST to.
    async fn setup(&self) -> Result<&(Setup, String)> {
        self.setup
            .get_or_try_init(|| async {
                let response = self
                    .http
                    .send(Method::GET, SETUP_PATH, &[], None, Repeat::Read)
                    .await?;
                if !response.status.is_success() {
                    return Err(Error::BadResponse(format!(
                        "{} answered {SETUP_PATH} with HTTP {}: is this a WeMo socket?",
                        self.device(),
                        response.status.as_u16()
                    )));
                }
                let setup = parse_setup(&response.body)
                    .map_err(|why| Error::BadResponse(format!("{}: {why}", self.device())))?;
                let path = self.control_path(&setup.control_url)?;
                Ok((setup, path))
            })
            .await
    }

    /// The control URL as a path on this device; one pointing at another host is refused.
    fn control_path(&self, url: &str) -> Result<String> {
        if url.contains("://") {
            let parsed = reqwest::Url::parse(url).map_err(|_| {
                Error::BadResponse(format!("{} gave a bad controlURL", self.device()))
            })?;
            let authority = format!(
                "{}:{}",
                parsed
                    .host_str()
                    .unwrap_or("")
                    .trim_start_matches('[')
                    .trim_end_matches(']'),
                parsed.port_or_known_default().unwrap_or(0)
            );
            if !authority.eq_ignore_ascii_case(&self.authority) {
                return Err(Error::BadResponse(format!(
                    "{}'s controlURL points at another host ({}): not followed",
                    self.device(),
                    crate::output::escape_line(&authority)
                )));
            }
            return Ok(parsed.path().to_string());
        }
        Ok(if url.starts_with('/') {
            url.to_string()
        } else {
            format!("/{url}")
        })
    }

    /// One basicevent call; the response element's arguments.
    async fn call(
        &self,
        action: &str,
        args: &[(&str, &str)],
        repeat: Repeat,
    ) -> Result<Vec<(String, String)>> {
        let (_, path) = self.setup().await?;
        let soapaction = format!("\"{BASICEVENT}#{action}\"");
        let body = Bytes::from(soap_request(action, args));
        let response = self
            .http
            .send(
                Method::POST,
                path,
                &[("SOAPACTION", &soapaction)],
                Some(("text/xml; charset=\"utf-8\"", body)),
                repeat,
            )
            .await?;
        self.answer(&response, action)
    }

    fn answer(&self, response: &HttpResponse, action: &str) -> Result<Vec<(String, String)>> {
        let device = self.device();
        let parsed = parse_soap(&response.body, action);
        match (response.status, parsed) {
            (_, Ok(SoapAnswer::Fault(why))) => Err(Error::Refused(format!(
                "{device} refused {action}: {}",
                crate::output::escape_line(&why)
            ))),
            (s, Ok(SoapAnswer::Args(args))) if s.is_success() => Ok(args),
            (s, _) if s == StatusCode::UNAUTHORIZED || s == StatusCode::FORBIDDEN => Err(
                Error::Permission(format!("{device} denied {action} (HTTP {})", s.as_u16())),
            ),
            (s, Err(why)) if s.is_success() => Err(Error::BadResponse(format!(
                "{device} answered {action}: {why}"
            ))),
            (s, _) => Err(Error::Refused(format!(
                "{device} failed {action} (HTTP {})",
                s.as_u16()
            ))),
        }
    }

    fn arg<'a>(&self, args: &'a [(String, String)], name: &str, action: &str) -> Result<&'a str> {
        args.iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .ok_or_else(|| {
                Error::BadResponse(format!(
                    "{} answered {action} without {name}",
                    self.device()
                ))
            })
    }

    async fn get_state(&self) -> Result<bool> {
        let args = self.call("GetBinaryState", &[], Repeat::Read).await?;
        let text = self.arg(&args, "BinaryState", "GetBinaryState")?;
        binary_state(text).ok_or_else(|| {
            Error::BadResponse(format!(
                "{} answered GetBinaryState with '{}', not a state",
                self.device(),
                crate::output::escape_line(text)
            ))
        })
    }

    /// The socket's name: `GetFriendlyName`, or setup.xml's where the call is missing.
    async fn get_name(&self) -> Result<String> {
        match self.call("GetFriendlyName", &[], Repeat::Read).await {
            Ok(args) => Ok(self
                .arg(&args, "FriendlyName", "GetFriendlyName")?
                .to_string()),
            Err(Error::Refused(_)) | Err(Error::BadResponse(_)) => {
                let (setup, _) = self.setup().await?;
                Ok(setup.friendly_name.clone().unwrap_or_default())
            }
            Err(e) => Err(e),
        }
    }

    /// Switches the socket; an `Error` answer is settled by reading the state back.
    async fn set_state(&self, on: bool) -> Result<()> {
        let wanted = if on { "1" } else { "0" };
        let args = self
            .call("SetBinaryState", &[("BinaryState", wanted)], Repeat::Write)
            .await?;
        let answered = self.arg(&args, "BinaryState", "SetBinaryState")?;
        if binary_state(answered) == Some(on) {
            return Ok(());
        }
        let now = self.get_state().await?;
        let word = if on { "on" } else { "off" };
        if now == on {
            if self.trace {
                eprintln!(
                    "pductl: wemo: {} answered SetBinaryState with '{}': it is already {word}",
                    self.device(),
                    crate::output::escape_line(answered)
                );
            }
            return Ok(());
        }
        Err(Error::Refused(format!(
            "{} answered SetBinaryState {wanted} with '{}' and is still {}",
            self.device(),
            crate::output::escape_line(answered),
            if now { "on" } else { "off" }
        )))
    }

    /// The object-model tree; the name is asked for only when `with_name`.
    async fn tree(&self, with_name: bool) -> Result<Value> {
        let (setup, path) = self.setup().await?;
        let state = self.get_state().await?;
        let name = match with_name {
            true => Value::String(self.get_name().await?),
            false => json!(setup.friendly_name),
        };
        Ok(json!({
            "relay": {
                "name": name,
                "model": setup.model(),
                "outlets": [{
                    "name": name,
                    "state": state,
                    "transient_state": state,
                    "physical_state": state,
                }],
            },
            "wemo": {
                "udn": setup.udn,
                "serial": setup.serial,
                "mac": setup.mac,
                "firmware": setup.firmware,
                "device_type": setup.device_type,
                "manufacturer": setup.manufacturer,
                "control_url": path,
            }
        }))
    }

    fn mapped<'a>(&'a self, range: &'a dyn Fn(usize) -> String) -> super::Mapped<'a> {
        super::Mapped {
            device: self.device(),
            protocol: PROTOCOL,
            range,
            writes: "a WeMo socket only switches (relay/outlets/0/state) and renames \
                     (relay/name, relay/outlets/0/name)",
        }
    }
}

fn one_outlet(_count: usize) -> String {
    "one outlet (0)".into()
}

/// A tree with the one outlet and nothing read, for checking a write's path.
fn skeleton() -> Value {
    json!({"relay": {"name": null, "outlets": [{"name": null, "state": null,
        "transient_state": null, "physical_state": null}]}})
}

/// Whether reading `path` needs the name (a path ending in a state field does not).
fn needs_name(path: &Path) -> bool {
    !matches!(path.last(), Some(Segment::Key(k))
        if ["state", "transient_state", "physical_state", "model"].contains(&k.as_str())
            || path.segments.first() == Some(&Segment::Key("wemo".into())))
}

#[async_trait]
impl Transport for Wemo {
    fn protocol(&self) -> &'static str {
        PROTOCOL
    }

    async fn get(&self, path: &Path) -> Result<Value> {
        let tree = self.tree(needs_name(path)).await?;
        self.mapped(&one_outlet).get(&tree, path)
    }

    async fn set(&self, path: &Path, value: &Value) -> Result<()> {
        let field = match path.last() {
            Some(Segment::Key(f)) => f.clone(),
            _ => String::new(),
        };
        let is_name = field == "name";
        if is_name && path.segments.len() == 2 {
            // relay/name: the socket's one name.
            if path != &Path::from_keys(&["relay", "name"]) {
                return Err(Error::NotFound(format!("{} has no {path}", self.device())));
            }
        } else {
            if !["state", "transient_state", "name"].contains(&field.as_str()) {
                return Err(unsupported(
                    PROTOCOL,
                    &format!("writing {path}"),
                    "a WeMo socket only switches (relay/outlets/0/state) and renames \
                     (relay/name)",
                ));
            }
            let outlets = self
                .mapped(&one_outlet)
                .outlets(&skeleton(), &path.parent())?;
            if outlets.is_empty() {
                return Err(super::selects_nothing(&path.parent(), self.device()));
            }
        }
        if is_name {
            let name = value
                .as_str()
                .ok_or_else(|| Error::usage(format!("name takes a string, not {value}")))?;
            let args = self
                .call(
                    "ChangeFriendlyName",
                    &[("FriendlyName", name)],
                    Repeat::Write,
                )
                .await?;
            let _ = args;
            return Ok(());
        }
        let on = value
            .as_bool()
            .ok_or_else(|| Error::usage(format!("{field} takes true or false, not {value}")))?;
        self.set_state(on).await
    }

    async fn insert(&self, path: &Path, _value: &Value) -> Result<()> {
        Err(unsupported(
            PROTOCOL,
            &format!("insert at {path}"),
            "a WeMo socket has no collections",
        ))
    }

    async fn remove(&self, path: &Path) -> Result<()> {
        Err(unsupported(
            PROTOCOL,
            &format!("remove of {path}"),
            "a WeMo socket has no collections",
        ))
    }

    async fn invoke(&self, path: &Path, _args: &[Value]) -> Result<Option<Value>> {
        Err(unsupported(
            PROTOCOL,
            &format!("calling {path}"),
            "a WeMo socket has no calls (the power verbs cycle it as off, wait, on)",
        ))
    }

    async fn describe(&self, path: &Path) -> Result<Value> {
        Err(unsupported(
            PROTOCOL,
            &format!("describe of {path}"),
            "WeMo has no type descriptions",
        ))
    }

    fn write_attempts(&self) -> u32 {
        self.http.write_attempts()
    }

    fn explain_set(&self, path: &Path, value: &Value) -> String {
        let action = match path.last() {
            Some(Segment::Key(k)) if k == "name" => "ChangeFriendlyName",
            _ => "SetBinaryState",
        };
        format!(
            "{}: POST (basicevent control) SOAPACTION {BASICEVENT}#{action} {value}",
            self.device()
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Shaped like the F7C027 capture (dli-apis.md c.3), written for this test.
    const SETUP: &str = "<?xml version=\"1.0\"?><root xmlns=\"urn:Belkin:device-1-0\">\
        <device><deviceType>urn:Belkin:device:controllee:1</deviceType>\
        <friendlyName>Desk lamp</friendlyName><manufacturer>Belkin International Inc.</manufacturer>\
        <modelDescription>Belkin Plugin Socket 1.0</modelDescription><modelName>Socket</modelName>\
        <serialNumber>S1</serialNumber><UDN>uuid:Socket-1_0-S1</UDN><macAddress>0011</macAddress>\
        <serviceList><service><serviceType>urn:Belkin:service:timesync:1</serviceType>\
        <controlURL>/upnp/control/timesync1</controlURL></service>\
        <service><serviceType>urn:Belkin:service:basicevent:1</serviceType>\
        <controlURL>/upnp/control/basicevent1</controlURL></service></serviceList></device></root>";

    #[test]
    fn setup_xml_is_read() {
        let s = parse_setup(SETUP.as_bytes()).unwrap();
        assert_eq!(s.friendly_name.as_deref(), Some("Desk lamp"));
        assert_eq!(s.udn.as_deref(), Some("uuid:Socket-1_0-S1"));
        assert_eq!(s.control_url, "/upnp/control/basicevent1");
        assert_eq!(s.model().unwrap(), "Socket (Belkin Plugin Socket 1.0)");
    }

    #[test]
    fn bad_setup_xml_is_named() {
        assert!(parse_setup(b"not xml").unwrap_err().contains("not XML"));
        let no_basic = SETUP.replace("basicevent:1", "other:1");
        assert!(parse_setup(no_basic.as_bytes())
            .unwrap_err()
            .contains("basicevent"));
        let big = vec![b' '; MAX_SETUP_BYTES + 1];
        assert!(parse_setup(&big).unwrap_err().contains("larger"));
        let dtd = "<!DOCTYPE r [<!ENTITY a \"aaaa\">]><root>&a;</root>";
        assert!(parse_setup(dtd.as_bytes()).is_err());
    }

    #[test]
    fn soap_answers_and_faults() {
        let ok = "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body>\n\
            <u:SetBinaryStateResponse xmlns:u=\"urn:Belkin:service:basicevent:1\">\r\n\
            <BinaryState>Error</BinaryState>\r\n</u:SetBinaryStateResponse>\r\n</s:Body> </s:Envelope>";
        assert_eq!(
            parse_soap(ok.as_bytes(), "SetBinaryState").unwrap(),
            SoapAnswer::Args(vec![("BinaryState".into(), "Error".into())])
        );
        let fault = "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body>\
            <s:Fault><faultcode>s:Client</faultcode><faultstring>UPnPError</faultstring>\
            <detail><UPnPError><errorCode>401</errorCode><errorDescription>Invalid Action\
            </errorDescription></UPnPError></detail></s:Fault></s:Body></s:Envelope>";
        match parse_soap(fault.as_bytes(), "GetBinaryState").unwrap() {
            SoapAnswer::Fault(why) => assert!(why.contains("Invalid Action"), "{why}"),
            other => panic!("{other:?}"),
        }
        assert!(parse_soap(b"<a/>", "GetBinaryState").is_err());
        assert_eq!(binary_state("1|1492338954|0"), Some(true));
        assert_eq!(binary_state("8"), Some(true));
        assert_eq!(binary_state("0"), Some(false));
        assert_eq!(binary_state("Error"), None);
    }

    #[test]
    fn requests_escape_names() {
        let r = soap_request("ChangeFriendlyName", &[("FriendlyName", "a<b&c")]);
        assert!(
            r.contains("<FriendlyName>a&lt;b&amp;c</FriendlyName>"),
            "{r}"
        );
        assert!(roxmltree::Document::parse(&r).is_ok());
    }

    proptest! {
        #[test]
        fn wemo_readers_never_panic_on_junk(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
            let _ = parse_setup(&bytes);
            let _ = parse_soap(&bytes, "GetBinaryState");
        }

        #[test]
        fn wemo_readers_never_panic_on_xmlish_junk(s in "(<[a-zA-Z:]{0,8}( [a-z:]{1,5}=\"[^\"]{0,5}\")?/?>|</[a-zA-Z:]{0,8}>|[^<]{0,8}){0,40}") {
            let _ = parse_setup(s.as_bytes());
            let _ = parse_soap(s.as_bytes(), "SetBinaryState");
        }
    }
}
