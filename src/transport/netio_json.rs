//! NETIO sockets over the JSON API (protocols/netio.md section 1): `GET /netio.json` is
//! mapped into the object model, and writes become one `POST /netio.json` carrying every
//! selected output. The device's reply is checked: NETIO units sometimes answer 200 and
//! keep the old state, and that is reported, not taken for success.
//!
//! The XML API (`netio_xml.rs`) is the same API in another format: it runs on this client
//! with another `Dialect`, which turns its documents into netio.json's shape and its
//! commands into XML, so both map, verify and retry alike.
//!
//! Object model, outlets 0-based (`Outputs[ID=N+1]` is `/relay/outlets/N`):
//!
//! | path | from |
//! |---|---|
//! | `/relay/name`, `/relay/model`, `/relay/version` | `Agent.DeviceName`, `Agent.Model`, `Agent.Version` |
//! | `/relay/outlets/N/{name,state,transient_state,physical_state,cycle_delay}` | `Name`, `State` (x3), `Delay` ms -> s |
//! | `/meter/values/KEY/{name,value,quantity,unit}` | `GlobalMeasure` and metered outputs, SI units; `energy_start` is `EnergyStart` in seconds since 1970 |
//! | `/netio/...` | the netio.json document, unchanged, read-only |

use super::http::{HttpClient, HttpResponse};
use super::{unsupported, AuthScheme, DeviceConfig, Transport, MAX_OUTLETS};
use crate::error::{Error, Result};
use crate::path::{Path, Segment};
use crate::retry::Repeat;
use async_trait::async_trait;
use bytes::Bytes;
use reqwest::{Method, StatusCode};
use serde_json::{json, Map, Value};

/// What tells NETIO's JSON and XML APIs apart on the wire. The accounts, the status codes,
/// the mapping into the object model and the checks of a reply are the same for both
/// (netio-cloud-metering.md 2.2, 2.5).
pub(crate) struct Dialect {
    /// The protocol's name, for messages ("netio-json").
    pub protocol: &'static str,
    /// The API's one resource ("/netio.json").
    pub resource: &'static str,
    /// How messages name the API ("JSON API").
    pub api: &'static str,
    /// How messages name its format ("JSON").
    pub format: &'static str,
    /// Why only outputs can be written ("the JSON API only switches outputs").
    pub writes: &'static str,
    /// The `Accept` of every request.
    pub accept: &'static str,
    /// The `Content-Type` of a POST.
    pub content_type: &'static str,
    /// A 200 answer's body as a document of netio.json's shape, or what it is instead
    /// ("something that is not JSON (...)"), completing "<device> sent ...".
    pub decode: fn(&[u8]) -> std::result::Result<Value, String>,
    /// The POST body carrying output commands (`{"ID": n, "Action": a[, "Delay": ms]}`).
    pub encode: fn(&[Value]) -> Bytes,
}

impl Dialect {
    /// The document's name: `netio.json`.
    fn document(&self) -> &'static str {
        self.resource.trim_start_matches('/')
    }
}

/// NETIO's JSON API (protocols/netio.md section 1).
pub(crate) const JSON: Dialect = Dialect {
    protocol: "netio-json",
    resource: "/netio.json",
    api: "JSON API",
    format: "JSON",
    writes: "the JSON API only switches outputs",
    accept: "application/json",
    content_type: "application/json",
    decode: |body| {
        serde_json::from_slice(body).map_err(|e| format!("something that is not JSON ({e})"))
    },
    encode: |outputs| Bytes::from(json!({"Outputs": outputs}).to_string()),
};

/// The valid outlets as NETIO numbers them: "outputs 1-4 (outlets 0-3)".
fn output_range(count: usize) -> String {
    format!("outputs 1-{count} (outlets 0-{})", count.saturating_sub(1))
}

/// NETIO action codes (netio.md 1.6).
const ACTION_OFF: u64 = 0;
const ACTION_ON: u64 = 1;
const ACTION_SHORT_OFF: u64 = 2;
const ACTION_SHORT_ON: u64 = 3;
const ACTION_TOGGLE: u64 = 4;

/// Shortest short on/off sent: shorter ones are suspicious (netio.md 1.7, heliomaster).
const MIN_SHORT_SECONDS: f64 = 0.1;

/// A metering key in `/meter/values`: where it comes from, and how to turn it into SI units.
struct MeterField {
    /// Field names in the device's document; the first present wins (NR counters have two
    /// spellings, netio.md 1.3).
    sources: &'static [&'static str],
    key: &'static str,
    label: &'static str,
    quantity: &'static str,
    unit: &'static str,
    scale: f64,
}

const fn field(
    sources: &'static [&'static str],
    key: &'static str,
    label: &'static str,
    quantity: &'static str,
    unit: &'static str,
    scale: f64,
) -> MeterField {
    MeterField {
        sources,
        key,
        label,
        quantity,
        unit,
        scale,
    }
}

/// `GlobalMeasure` fields, mapped to `/meter/values/<key>`.
const GLOBAL_FIELDS: [MeterField; 9] = [
    field(&["Voltage"], "voltage", "Voltage", "voltage", "V", 1.0),
    field(
        &["Frequency"],
        "frequency",
        "Frequency",
        "frequency",
        "Hz",
        1.0,
    ),
    field(
        &["TotalCurrent"],
        "current",
        "Total current",
        "current",
        "A",
        0.001,
    ),
    field(
        &["OverallPowerFactor", "TotalPowerFactor"],
        "power_factor",
        "Overall power factor",
        "power_factor",
        "",
        1.0,
    ),
    field(&["TotalLoad"], "power", "Total power", "power", "W", 1.0),
    field(
        &["TotalEnergy"],
        "energy",
        "Total energy",
        "energy",
        "Wh",
        1.0,
    ),
    field(
        &["TotalReverseEnergy"],
        "reverse_energy",
        "Total reverse energy",
        "energy",
        "Wh",
        1.0,
    ),
    field(
        &["TotalEnergyNR", "TotalEnergy_NR"],
        "energy_nr",
        "Total energy (non-resettable)",
        "energy",
        "Wh",
        1.0,
    ),
    field(
        &["TotalReverseEnergyNR", "TotalReverseEnergy_NR"],
        "reverse_energy_nr",
        "Total reverse energy (non-resettable)",
        "energy",
        "Wh",
        1.0,
    ),
];

/// Per-output fields, mapped to `/meter/values/outlets.<N>.<key>`.
const OUTPUT_FIELDS: [MeterField; 8] = [
    field(&["Current"], "current", "current", "current", "A", 0.001),
    field(
        &["PowerFactor"],
        "power_factor",
        "power factor",
        "power_factor",
        "",
        1.0,
    ),
    field(&["Phase"], "phase", "phase", "phase", "°", 1.0),
    field(&["Load"], "power", "power", "power", "W", 1.0),
    field(&["Energy"], "energy", "energy", "energy", "Wh", 1.0),
    field(
        &["ReverseEnergy"],
        "reverse_energy",
        "reverse energy",
        "energy",
        "Wh",
        1.0,
    ),
    field(
        &["EnergyNR", "Energy_NR"],
        "energy_nr",
        "energy (non-resettable)",
        "energy",
        "Wh",
        1.0,
    ),
    field(
        &["ReverseEnergyNR", "ReverseEnergy_NR"],
        "reverse_energy_nr",
        "reverse energy (non-resettable)",
        "energy",
        "Wh",
        1.0,
    ),
];

pub struct NetioJson {
    dialect: &'static Dialect,
    read: HttpClient,
    /// The separate write account, when the profile names one.
    write: Option<(String, HttpClient)>,
}

impl NetioJson {
    pub fn new(device: &DeviceConfig) -> Result<NetioJson> {
        NetioJson::speaking(&JSON, device)
    }

    /// A client of the API in `dialect`'s format.
    pub(crate) fn speaking(dialect: &'static Dialect, device: &DeviceConfig) -> Result<NetioJson> {
        // The JSON and XML APIs speak HTTP Basic only (netio.md 1.2).
        let device = &DeviceConfig {
            auth: AuthScheme::Basic,
            ..device.clone()
        };
        let read = HttpClient::new(device, 80, 443)?;
        let write = match &device.write_user {
            Some(user) => {
                let account = DeviceConfig {
                    user: Some(user.clone()),
                    password: device.write_password.clone(),
                    ..device.clone()
                };
                Some((user.clone(), HttpClient::new(&account, 80, 443)?))
            }
            None => None,
        };
        Ok(NetioJson {
            dialect,
            read,
            write,
        })
    }

    fn device(&self) -> &str {
        self.read.authority()
    }

    /// Maps the status codes of netio.md 1.9; error bodies are plain text, never JSON.
    fn check(&self, response: &HttpResponse, writing: bool) -> Result<()> {
        let status = response.status;
        if status.is_success() {
            return Ok(());
        }
        let device = self.device();
        let Dialect { api, resource, .. } = self.dialect;
        let detail = response.body_summary();
        let because = if detail.is_empty() {
            String::new()
        } else {
            format!(": {detail}")
        };
        let account = match (&self.write, writing) {
            (Some((user, _)), true) => format!("the write account '{user}'"),
            _ => "the account".to_string(),
        };
        Err(match status {
            StatusCode::UNAUTHORIZED => Error::Auth(format!(
                "{device} rejected the user name or password of {account} (HTTP 401)"
            )),
            StatusCode::FORBIDDEN if writing && self.write.is_none() => Error::Permission(format!(
                "read-only account cannot switch outputs on {device} (HTTP 403): set write_user \
                 and a write password for this device, or enable write access for the {api}"
            )),
            StatusCode::FORBIDDEN if writing => Error::Permission(format!(
                "{device} refused to let {account} switch outputs (HTTP 403): is it the {api}'s \
                 read-write account, and is write access enabled?"
            )),
            StatusCode::FORBIDDEN => Error::Permission(format!(
                "{device} denied reading {resource} (HTTP 403): is the {api} enabled?"
            )),
            StatusCode::BAD_REQUEST => Error::Refused(format!(
                "{device} rejected the command as malformed (HTTP 400){because}"
            )),
            s if s.is_server_error() => {
                Error::Refused(format!("{device} failed (HTTP {}){because}", s.as_u16()))
            }
            s => Error::BadResponse(format!(
                "{device} answered {resource} with unexpected HTTP {}{because}: is this a NETIO \
                 device with the {api} enabled?",
                s.as_u16()
            )),
        })
    }

    /// Parses a netio.json answer (or another dialect's, in netio.json's shape), insisting
    /// only on what the mapping needs.
    fn parse_document(&self, response: &HttpResponse) -> Result<Value> {
        let doc = (self.dialect.decode)(&response.body)
            .map_err(|why| Error::BadResponse(format!("{} sent {why}", self.device())))?;
        let outputs_ok = doc["Outputs"].as_array().is_some_and(|outputs| {
            outputs.iter().all(|o| {
                o["ID"].as_u64().is_some_and(|id| id >= 1) && o["State"].as_u64().is_some()
            })
        });
        if !doc.is_object() || !outputs_ok {
            return Err(Error::BadResponse(format!(
                "{} sent {} that is not a NETIO {} (no Outputs with ID and State)",
                self.device(),
                self.dialect.format,
                self.dialect.document()
            )));
        }
        Ok(doc)
    }

    async fn fetch(&self) -> Result<Value> {
        let response = self
            .read
            .send(
                Method::GET,
                self.dialect.resource,
                &[("Accept", self.dialect.accept)],
                None,
                Repeat::Read,
            )
            .await?;
        self.check(&response, false)?;
        self.parse_document(&response)
    }

    /// The device's document mapped into the object model.
    async fn tree(&self) -> Result<Value> {
        map_document(&self.fetch().await?).map_err(|why| {
            Error::BadResponse(format!(
                "{} sent a malformed {}: {why}",
                self.device(),
                self.dialect.document()
            ))
        })
    }

    /// POSTs output commands and returns the device's answer. Actions 0 and 1 (off, on) may
    /// be sent again; a short off or on and a toggle (2, 3, 4) add up, so `repeat` says which.
    async fn command(&self, outputs: Vec<Value>, repeat: Repeat) -> Result<Value> {
        let body = (self.dialect.encode)(&outputs);
        let client = self.write.as_ref().map_or(&self.read, |(_, c)| c);
        let response = client
            .send(
                Method::POST,
                self.dialect.resource,
                &[("Accept", self.dialect.accept)],
                Some((self.dialect.content_type, body)),
                repeat,
            )
            .await?;
        self.check(&response, true)?;
        self.parse_document(&response)
    }

    /// How messages name the device's outlets, and what a write can reach.
    fn mapped<'a>(&'a self, range: &'a dyn Fn(usize) -> String) -> super::Mapped<'a> {
        super::Mapped {
            device: self.device(),
            protocol: self.dialect.protocol,
            range,
            writes: self.dialect.writes,
        }
    }

    /// Checks the device's answer: every output must be in the state the command leads to.
    fn verify(&self, reply: &Value, expected: &[(usize, bool)], what: &str) -> Result<()> {
        for &(index, on) in expected {
            let id = index as u64 + 1;
            let state = reply["Outputs"]
                .as_array()
                .and_then(|outs| outs.iter().find(|o| o["ID"].as_u64() == Some(id)))
                .and_then(|o| o["State"].as_u64());
            if state != Some(u64::from(on)) {
                return Err(Error::Refused(format!(
                    "{} answered OK to {what} but output {id} (outlet {index}) is {}: the device \
                     did not carry out the command",
                    self.device(),
                    match state {
                        Some(1) => "on",
                        Some(_) => "off",
                        None => "missing from its reply",
                    }
                )));
            }
        }
        Ok(())
    }
}

/// `outlets.N.key` names in `/meter/values`, from one metering object.
fn meter_values(
    fields: &[MeterField],
    source: &Value,
    prefix: &str,
    label_prefix: &str,
    out: &mut Map<String, Value>,
) {
    for f in fields {
        let Some(raw) = f
            .sources
            .iter()
            .find_map(|s| source.get(*s))
            .and_then(Value::as_f64)
        else {
            continue;
        };
        let value = if f.scale == 1.0 {
            json!(raw)
        } else {
            json!((raw * f.scale * 1e6).round() / 1e6)
        };
        out.insert(
            format!("{prefix}{}", f.key),
            json!({
                "name": format!("{label_prefix}{}", f.label),
                "value": value,
                "quantity": f.quantity,
                "unit": f.unit,
            }),
        );
    }
}

/// `GlobalMeasure.EnergyStart`, when the resettable counters were last reset (ISO 8601 with
/// an offset, netio-cloud-metering.md 3.1), as `/meter/values/energy_start`: seconds since
/// 1970, so that `record` can tell a reset from a counter that grew. Units whose clock was
/// never set say 1970 (3.2); that is passed on as it is, for the reader to judge.
fn energy_start(global: &Value, out: &mut Map<String, Value>) {
    let Some(seconds) = global["EnergyStart"].as_str().and_then(iso8601_seconds) else {
        return;
    };
    out.insert(
        "energy_start".into(),
        json!({
            "name": "Energy counters reset",
            "value": seconds,
            "quantity": "timestamp",
            "unit": "s",
        }),
    );
}

/// Seconds since 1970 of NETIO's `2019-12-03T21:07:50+00:00` (`Z` too).
fn iso8601_seconds(text: &str) -> Option<i64> {
    let t = text.as_bytes();
    let n = |from: usize, len: usize| -> Option<i64> {
        let part = t.get(from..from + len)?;
        part.iter().all(u8::is_ascii_digit).then_some(())?;
        std::str::from_utf8(part).ok()?.parse().ok()
    };
    let (year, month, day) = (n(0, 4)?, n(5, 2)?, n(8, 2)?);
    let (hour, minute, second) = (n(11, 2)?, n(14, 2)?, n(17, 2)?);
    let separators = [(4, b'-'), (7, b'-'), (10, b'T'), (13, b':'), (16, b':')];
    if separators.iter().any(|(i, c)| t.get(*i) != Some(c))
        || !(1..=12).contains(&month)
        || !(1..=31).contains(&day)
        || hour > 23
        || minute > 59
        || second > 60
    {
        return None;
    }
    let offset = match (t.get(19), t.len()) {
        (Some(b'Z'), 20) => 0,
        (Some(sign @ (b'+' | b'-')), 25) if t[22] == b':' => {
            let s = n(20, 2)? * 3600 + n(23, 2)? * 60;
            if *sign == b'-' {
                -s
            } else {
                s
            }
        }
        _ => return None,
    };
    // Days since 1970-01-01 of the civil date (Howard Hinnant's algorithm).
    let y = if month <= 2 { year - 1 } else { year };
    let (era, yoe) = (y.div_euclid(400), y.rem_euclid(400));
    let doy = (153 * (if month > 2 { month - 3 } else { month + 9 }) + 2) / 5 + day - 1;
    let days = era * 146_097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719_468;
    Some(days * 86_400 + hour * 3600 + minute * 60 + second - offset)
}

/// The object-model tree of one netio.json document. The outlet count is `NumOutputs` or
/// the highest output ID listed, whichever is larger; either beyond `MAX_OUTLETS` is a
/// malformed answer, never the size of an allocation.
pub fn map_document(doc: &Value) -> Result<Value, String> {
    let agent = &doc["Agent"];
    let outputs: &[Value] = doc["Outputs"].as_array().map_or(&[], Vec::as_slice);
    let bounded = |field: &str, n: u64| {
        if n > MAX_OUTLETS as u64 {
            Err(format!(
                "{field} is {n}, more outputs than any device has (at most {MAX_OUTLETS})"
            ))
        } else {
            Ok(n as usize)
        }
    };
    let mut count = match &agent["NumOutputs"] {
        Value::Number(n) => match n.as_u64() {
            Some(n) => bounded("Agent.NumOutputs", n)?,
            None => return Err(format!("Agent.NumOutputs is {n}, not a count of outputs")),
        },
        _ => 0,
    };
    for o in outputs {
        if let Some(id) = o["ID"].as_u64() {
            count = count.max(bounded("an output's ID", id)?);
        }
    }
    let mut outlets = vec![Value::Null; count];
    let mut values = Map::new();
    meter_values(&GLOBAL_FIELDS, &doc["GlobalMeasure"], "", "", &mut values);
    energy_start(&doc["GlobalMeasure"], &mut values);
    for o in outputs {
        let Some(id) = o["ID"].as_u64().filter(|id| *id >= 1) else {
            continue;
        };
        let on = o["State"].as_u64() == Some(1);
        let index = id as usize - 1;
        let delay = o["Delay"]
            .as_f64()
            .map_or(Value::Null, |ms| json!(ms / 1000.0));
        outlets[index] = json!({
            "name": o["Name"].as_str().map_or_else(|| format!("output_{id}"), str::to_string),
            "state": on,
            "transient_state": on,
            "physical_state": on,
            "cycle_delay": delay,
        });
        meter_values(
            &OUTPUT_FIELDS,
            o,
            &format!("outlets.{index}."),
            &format!("Output {id} "),
            &mut values,
        );
    }
    Ok(json!({
        "relay": {
            "name": agent["DeviceName"],
            "model": agent["Model"],
            "version": agent["Version"],
            "outlets": outlets,
        },
        "meter": {"values": values},
        "netio": doc,
    }))
}

/// The value at `keys` in `tree`.
fn lookup<'a>(tree: &'a Value, keys: &[String]) -> &'a Value {
    tree.pointer(&crate::path::pointer(keys))
        .unwrap_or(&Value::Null)
}

/// Seconds for a short on/off from the optional argument: `None` uses the output's Delay.
fn short_delay_ms(args: &[Value], call: &str) -> Result<Option<u64>> {
    match args {
        [] => Ok(None),
        [v] => match v.as_f64() {
            Some(s) if s.is_finite() && (MIN_SHORT_SECONDS..=86_400.0).contains(&s) => Ok(Some((s * 1000.0).round() as u64)),
            _ => Err(Error::usage(format!(
                "{call} takes one optional number of seconds ({MIN_SHORT_SECONDS} to 86400), not {v}"
            ))),
        },
        _ => Err(Error::usage(format!("{call} takes at most one argument: seconds"))),
    }
}

#[async_trait]
impl Transport for NetioJson {
    fn protocol(&self) -> &'static str {
        self.dialect.protocol
    }

    async fn get(&self, path: &Path) -> Result<Value> {
        let tree = self.tree().await?;
        let targets = self.mapped(&output_range).targets(&tree, path)?;
        if path.is_matrix() {
            return Ok(Value::Array(
                targets.iter().map(|k| lookup(&tree, k).clone()).collect(),
            ));
        }
        Ok(targets
            .first()
            .map(|k| lookup(&tree, k).clone())
            .unwrap_or(Value::Null))
    }

    /// `.../state` or `.../transient_state` set to true or false switches outputs; every
    /// selected output goes in one POST.
    async fn set(&self, path: &Path, value: &Value) -> Result<()> {
        let field = match path.last() {
            Some(Segment::Key(f)) if f == "state" || f == "transient_state" => f.clone(),
            _ => {
                return Err(unsupported(
                    self.dialect.protocol,
                    &format!("writing {path}"),
                    &format!(
                        "{} (set relay/outlets/N/state true or false)",
                        self.dialect.writes
                    ),
                ))
            }
        };
        let on = value
            .as_bool()
            .ok_or_else(|| Error::usage(format!("{field} takes true or false, not {value}")))?;
        let tree = self.tree().await?;
        let outlets = self.mapped(&output_range).outlets(&tree, &path.parent())?;
        if outlets.is_empty() {
            return Err(super::selects_nothing(&path.parent(), self.device()));
        }
        let action = if on { ACTION_ON } else { ACTION_OFF };
        let commands = outlets
            .iter()
            .map(|i| json!({"ID": i + 1, "Action": action}))
            .collect();
        let reply = self.command(commands, Repeat::Write).await?;
        let expected: Vec<(usize, bool)> = outlets.iter().map(|&i| (i, on)).collect();
        self.verify(&reply, &expected, &format!("set {path}"))
    }

    async fn insert(&self, path: &Path, _value: &Value) -> Result<()> {
        Err(unsupported(
            self.dialect.protocol,
            &format!("insert at {path}"),
            "NETIO has no collections to add to",
        ))
    }

    async fn remove(&self, path: &Path) -> Result<()> {
        Err(unsupported(
            self.dialect.protocol,
            &format!("remove of {path}"),
            "NETIO has no collections to remove from",
        ))
    }

    /// `cycle [SECONDS]` (Action 2, short off), `pulse [SECONDS]` (Action 3, short on) and
    /// `toggle` (Action 4) on `relay/outlets/N` or a selection of outlets.
    async fn invoke(&self, path: &Path, args: &[Value]) -> Result<Option<Value>> {
        let call = match path.last() {
            Some(Segment::Key(c)) if ["cycle", "pulse", "toggle"].contains(&c.as_str()) => {
                c.clone()
            }
            _ => {
                return Err(unsupported(
                    self.dialect.protocol,
                    &format!("calling {path}"),
                    "NETIO outlets have the calls cycle [SECONDS], pulse [SECONDS] and toggle",
                ))
            }
        };
        let (action, delay) = match call.as_str() {
            "cycle" => (ACTION_SHORT_OFF, short_delay_ms(args, "cycle")?),
            "pulse" => (ACTION_SHORT_ON, short_delay_ms(args, "pulse")?),
            _ if args.is_empty() => (ACTION_TOGGLE, None),
            _ => return Err(Error::usage("toggle takes no arguments")),
        };
        let tree = self.tree().await?;
        let outlets = self.mapped(&output_range).outlets(&tree, &path.parent())?;
        let mut commands = Vec::new();
        let mut expected = Vec::new();
        for &i in &outlets {
            let mut c = json!({"ID": i + 1, "Action": action});
            if let Some(ms) = delay {
                c["Delay"] = json!(ms);
            }
            commands.push(c);
            // While a short off runs the output is off, while a short on runs it is on;
            // a toggle ends opposite to where it started.
            let now_on = tree["relay"]["outlets"][i]["state"] == json!(true);
            expected.push((
                i,
                match action {
                    ACTION_SHORT_OFF => false,
                    ACTION_SHORT_ON => true,
                    _ => !now_on,
                },
            ));
        }
        if commands.is_empty() {
            return Err(super::selects_nothing(&path.parent(), self.device()));
        }
        let reply = self.command(commands, Repeat::Once).await?;
        self.verify(&reply, &expected, &format!("{call} on {}", path.parent()))?;
        Ok(None)
    }

    fn native_cycle(&self) -> super::NativeCycle {
        super::NativeCycle::GivenSeconds
    }

    fn write_attempts(&self) -> u32 {
        self.read.write_attempts() + self.write.as_ref().map_or(0, |(_, c)| c.write_attempts())
    }

    fn explain_set(&self, path: &Path, value: &Value) -> String {
        let action = if value == &json!(true) {
            ACTION_ON
        } else {
            ACTION_OFF
        };
        format!(
            "{}: POST {} with Action {action} for {}",
            self.device(),
            self.dialect.resource,
            path.parent()
        )
    }

    fn explain_invoke(&self, path: &Path, args: &[Value]) -> String {
        format!(
            "{}: POST {} for {path} {}",
            self.device(),
            self.dialect.resource,
            Value::Array(args.to_vec())
        )
    }

    async fn describe(&self, path: &Path) -> Result<Value> {
        Err(unsupported(
            self.dialect.protocol,
            &format!("describe of {path}"),
            "NETIO has no type descriptions",
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::any_json;
    use proptest::prelude::*;

    #[test]
    fn maps_a_captured_netio_4all_document() {
        // netio.md 1.3, JSONVer 2.0 capture (values trimmed to two outputs).
        let doc = json!({"Agent":{"Model":"NETIO 4All","Version":"3.0.6","JSONVer":"2.0","DeviceName":"myNetio","VendorID":0,"OemID":0,"SerialNumber":"","Uptime":628,"Time":"2001-01-02T05:16:13+00:00","NumOutputs":4},
            "GlobalMeasure":{"Voltage":232.6,"Frequency":50.1,"TotalCurrent":1520,"OverallPowerFactor":0.93,"TotalLoad":330,"TotalEnergy":12,"EnergyStart":"2001-01-02T05:01:42+00:00"},
            "Outputs":[{"ID":1,"Name":"output_1","State":1,"Action":6,"Delay":5000,"Current":1520,"PowerFactor":0.93,"Load":330,"Energy":12},
                       {"ID":3,"Name":"output_3","State":0,"Action":6,"Delay":2500,"Energy_NR":7}]});
        let t = map_document(&doc).unwrap();
        assert_eq!(t["relay"]["name"], json!("myNetio"));
        assert_eq!(t["relay"]["outlets"].as_array().unwrap().len(), 4);
        assert_eq!(t["relay"]["outlets"][0]["physical_state"], json!(true));
        assert_eq!(t["relay"]["outlets"][1], Value::Null);
        assert_eq!(t["relay"]["outlets"][2]["cycle_delay"], json!(2.5));
        assert_eq!(t["meter"]["values"]["current"]["value"], json!(1.52));
        assert_eq!(t["meter"]["values"]["current"]["unit"], json!("A"));
        assert_eq!(t["meter"]["values"]["voltage"]["value"], json!(232.6));
        assert_eq!(
            t["meter"]["values"]["outlets.0.power"]["value"],
            json!(330.0)
        );
        assert_eq!(
            t["meter"]["values"]["outlets.2.energy_nr"]["value"],
            json!(7.0)
        );
        assert!(t["meter"]["values"].get("outlets.2.current").is_none());
        // EnergyStart, as seconds since 1970.
        assert_eq!(
            t["meter"]["values"]["energy_start"]["value"],
            json!(978_411_702)
        );
        assert_eq!(t["netio"], doc);
    }

    #[test]
    fn energy_start_times() {
        assert_eq!(iso8601_seconds("1970-01-01T01:00:00+01:00"), Some(0));
        assert_eq!(
            iso8601_seconds("2019-12-03T21:07:50+00:00"),
            Some(1_575_407_270)
        );
        assert_eq!(iso8601_seconds("2019-12-03T22:07:50Z"), Some(1_575_410_870));
        assert_eq!(
            iso8601_seconds("2000-02-29T00:00:00-01:30"),
            Some(951_787_800)
        );
        for bad in [
            "",
            "2019-12-03",
            "2019-12-03T21:07:50",
            "2019-13-03T21:07:50+00:00",
            "2019-12-03T21:07:50+0000",
        ] {
            assert_eq!(iso8601_seconds(bad), None, "{bad}");
        }
    }

    fn device(write_user: Option<&str>) -> NetioJson {
        NetioJson::new(&DeviceConfig {
            name: "desk".into(),
            write_user: write_user.map(str::to_string),
            ..crate::testing::loopback_device(
                super::super::Protocol::NetioJson,
                "monitor",
                AuthScheme::Basic,
            )
        })
        .unwrap()
    }

    fn answer(status: u16, body: &str) -> HttpResponse {
        HttpResponse {
            path: "/netio.json".into(),
            status: StatusCode::from_u16(status).unwrap(),
            headers: Default::default(),
            body: Bytes::from(body.to_string()),
        }
    }

    #[test]
    fn status_codes_say_what_to_fix() {
        let d = device(None);
        let e = d
            .check(
                &answer(400, "400 Bad Request (Control command syntax error)\n"),
                true,
            )
            .unwrap_err();
        assert_eq!(e.exit_code(), 1);
        assert!(
            e.to_string().contains("Control command syntax error"),
            "{e}"
        );
        let e = d
            .check(&answer(401, "401 Unauthorized"), false)
            .unwrap_err();
        assert_eq!(e.exit_code(), 3);
        let e = d.check(&answer(403, "403 Forbidden"), true).unwrap_err();
        assert!(e.to_string().contains("set write_user"), "{e}");
        let e = device(Some("rw"))
            .check(&answer(403, "403 Forbidden"), true)
            .unwrap_err();
        assert!(e.to_string().contains("write account 'rw'"), "{e}");
        let e = d.check(&answer(404, "<html>"), false).unwrap_err();
        assert_eq!(e.exit_code(), 5);
        assert!(d.check(&answer(200, "{}"), false).is_ok());
    }

    /// A document shaped like netio.json whose numbers are anything at all.
    fn netio_like() -> impl Strategy<Value = Value> {
        let number = prop_oneof![
            any::<u64>().prop_map(Value::from),
            any::<i64>().prop_map(Value::from),
            (0u64..2048).prop_map(Value::from),
            any::<f64>().prop_map(|f| json!(f)),
            any_json(),
        ];
        let output = (number.clone(), number.clone(), any_json(), number.clone()).prop_map(
            |(id, state, name, load)| json!({"ID": id, "State": state, "Name": name, "Load": load}),
        );
        (
            number.clone(),
            prop::collection::vec(output, 0..12),
            any_json(),
        )
            .prop_map(|(count, outputs, global)| {
                json!({"Agent": {"NumOutputs": count}, "Outputs": outputs, "GlobalMeasure": global})
            })
    }

    proptest! {
        #[test]
        fn the_mapper_never_panics_and_never_trusts_a_count(doc in prop_oneof![any_json(), netio_like()]) {
            match map_document(&doc) {
                Ok(tree) => {
                    let outlets = tree["relay"]["outlets"].as_array().map_or(0, Vec::len);
                    prop_assert!(outlets <= MAX_OUTLETS);
                }
                Err(why) => prop_assert!(why.contains("NumOutputs") || why.contains("ID"), "{}", why),
            }
        }
    }

    #[test]
    fn huge_counts_and_ids_are_malformed_answers() {
        for doc in [
            json!({"Agent": {"NumOutputs": u64::MAX}, "Outputs": []}),
            json!({"Agent": {"NumOutputs": 100_000_000u64}, "Outputs": []}),
            json!({"Agent": {"NumOutputs": -1}, "Outputs": []}),
            json!({"Agent": {"NumOutputs": 4}, "Outputs": [{"ID": 1_000_000_000_000u64, "State": 1}]}),
        ] {
            assert!(map_document(&doc).is_err(), "{doc}");
        }
        let fine = json!({"Agent": {"NumOutputs": 1024}, "Outputs": [{"ID": 1024, "State": 1}]});
        assert_eq!(
            map_document(&fine).unwrap()["relay"]["outlets"]
                .as_array()
                .unwrap()
                .len(),
            1024
        );
    }

    #[test]
    fn short_delays_are_checked() {
        assert_eq!(short_delay_ms(&[], "cycle").unwrap(), None);
        assert_eq!(short_delay_ms(&[json!(1.5)], "cycle").unwrap(), Some(1500));
        assert!(short_delay_ms(&[json!(0)], "cycle").is_err());
        assert!(short_delay_ms(&[json!("x")], "cycle").is_err());
        assert!(short_delay_ms(&[json!(1), json!(2)], "cycle").is_err());
    }
}
