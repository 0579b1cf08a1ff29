//! `serve --api metrics`: a Prometheus/OpenMetrics endpoint at `/metrics` over the profile's
//! devices (protocols/netio-cloud-metering.md sections 4 and 5.1).
//!
//! Each scrape reads every device of the profile at once, each with one try (its `retries`
//! set to 0: the next scrape is the retry) bounded as a whole by the device's timeout, so a
//! slow or dead device delays the answer by its own timeout at most and never the others.
//! Exported, with labels `device` (the profile name), `outlet` (from 1) and `name` (the
//! outlet's name as the device reports it):
//!
//! | family | from |
//! |---|---|
//! | `pductl_outlet_on` (gauge, 1/0) | `relay/outlets/N/physical_state` (else `state`) |
//! | `pductl_outlet_power_watts` (gauge) | `meter/values/outlets.N.power` |
//! | `pductl_outlet_energy_joules_total` (counter) | `outlets.N.energy_nr` (never reset), else `outlets.N.energy`; Wh x 3600 |
//! | `pductl_outlet_current_amperes` (gauge) | `outlets.N.current` |
//! | `pductl_outlet_voltage_volts` (gauge) | `outlets.N.voltage` |
//! | `pductl_device_up{device}` (gauge, 1/0) | whether the device answered this scrape |
//! | `pductl_device_scrape_duration_seconds{device}` (gauge) | how long reading it took |
//!
//! A value the device does not report (an unmetered outlet, a device without counters) has
//! no series; neither has a value in a unit that cannot be converted to the base unit.
//! Devices that do not answer have only their two `pductl_device_*` series.
//!
//! The exposition is `prometheus-client`'s: OpenMetrics 1.0 (`# UNIT`, `# EOF`) when the
//! scraper asks for it in `Accept` (Prometheus does), else the classic text format 0.0.4
//! (`promtool check metrics`, older scrapers). Label values come from devices and are
//! escaped by the encoder in both formats.
//!
//! A device's resolved settings and its connection are kept between scrapes (no password
//! command per device per scrape, connections reused) until the profile file changes or a
//! read of the device fails.

use super::{Context, Face};
use crate::cli::GlobalOpts;
use crate::device;
use crate::error::{Error, Result};
use crate::http_server::{full, plain_text, Body};
use crate::output::{escape_line, warn};
use crate::power;
use crate::profile::ProfileFile;
use crate::transport::{Transport, DEFAULT_TIMEOUT};
use async_trait::async_trait;
use hyper::header::{HeaderValue, ACCEPT, ALLOW, CONTENT_TYPE};
use hyper::{Method, Request, Response, StatusCode};
use prometheus_client::collector::Collector;
use prometheus_client::encoding::{DescriptorEncoder, EncodeMetric};
use prometheus_client::metrics::counter::ConstCounter;
use prometheus_client::metrics::gauge::ConstGauge;
use prometheus_client::metrics::MetricType;
use prometheus_client::registry::{Registry, Unit};
use serde_json::Value;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

/// OpenMetrics 1.0's content type, exactly (Prometheus 3 refuses a scrape without it).
const OPENMETRICS: &str = "application/openmetrics-text; version=1.0.0; charset=utf-8";
/// The text format 0.0.4's content type.
const TEXT: &str = "text/plain; version=0.0.4; charset=utf-8";

/// Wh to J.
const JOULES_PER_WH: f64 = 3600.0;

/// The endpoint.
pub struct Metrics {
    /// The command line's settings that apply to every device: `--timeout`, `-v`, `-q`,
    /// `--config`, `--no-wait`. Those that name one device (`-d`, `--host`, credentials...)
    /// are the gateway faces' and are not laid over every device of the profile.
    every: GlobalOpts,
    /// The profile file.
    profile: PathBuf,
    devices: Mutex<Devices>,
}

/// The profile's devices, as of the last time the file changed.
#[derive(Default)]
struct Devices {
    /// The file's text they were read from; `None` before the first scrape.
    text: Option<String>,
    file: Option<Arc<ProfileFile>>,
    slots: Vec<Arc<Slot>>,
}

/// One device between scrapes.
struct Slot {
    name: String,
    /// Its whole read's time (the profile's `timeout`, or `--timeout`).
    timeout: Duration,
    /// Its transport, resolved once and kept while reads succeed.
    transport: Mutex<Option<Arc<dyn Transport>>>,
    /// Whether it answered last time (`None`: not read yet): a change is logged.
    up: Mutex<Option<bool>>,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

impl Metrics {
    pub fn new(context: Arc<Context>) -> Result<Metrics> {
        let g = &context.global;
        let every = GlobalOpts {
            timeout: g.timeout,
            verbose: g.verbose,
            quiet: g.quiet,
            config: g.config.clone(),
            no_wait: g.no_wait,
            ..GlobalOpts::default()
        };
        if let Some(t) = every.timeout {
            crate::output::seconds(t, "--timeout")?;
        }
        let profile = device::profile_path(&every)?;
        // A broken profile stops the server now, with the file and line.
        let file = ProfileFile::load(&profile)?;
        if file.names().is_empty() {
            warn(
                g.quiet,
                &format!(
                    "--api metrics: {} names no device yet; /metrics reports the devices it \
                     names when scraped",
                    profile.display()
                ),
            );
        }
        raise_open_files_limit();
        Ok(Metrics {
            every,
            profile,
            devices: Mutex::new(Devices::default()),
        })
    }

    /// The profile's devices, read again when the file has changed.
    fn devices(&self) -> Result<(Arc<ProfileFile>, Vec<Arc<Slot>>)> {
        let text = match std::fs::read_to_string(&self.profile) {
            Ok(t) => Some(t),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Some(String::new()),
            // Loading it reports why, with the file's name.
            Err(_) => None,
        };
        let mut devices = lock(&self.devices);
        if let Some(file) = devices
            .file
            .as_ref()
            .filter(|_| text.is_some() && devices.text == text)
        {
            return Ok((file.clone(), devices.slots.clone()));
        }
        let file = ProfileFile::load(&self.profile)?;
        let mut slots = Vec::new();
        for name in file.names() {
            let timeout = match self.every.timeout.or(file.entry(&name)?.timeout) {
                Some(t) => crate::output::seconds(t, "timeout")?,
                None => DEFAULT_TIMEOUT,
            };
            // What was said about a device is not said again after an edit of the file.
            let up = devices
                .slots
                .iter()
                .find(|s| s.name == name)
                .and_then(|s| *lock(&s.up));
            slots.push(Arc::new(Slot {
                name,
                timeout,
                transport: Mutex::new(None),
                up: Mutex::new(up),
            }));
        }
        let file = Arc::new(file);
        *devices = Devices {
            text,
            file: Some(file.clone()),
            slots: slots.clone(),
        };
        Ok((file, slots))
    }

    /// Reads every device at once.
    async fn scrape(&self) -> Result<Exposition> {
        let (file, slots) = self.devices()?;
        let reads = slots.iter().map(|slot| self.read_device(&file, slot));
        Ok(Exposition {
            devices: futures_util::future::join_all(reads).await,
        })
    }

    /// One device's read: one try, within its timeout.
    async fn read_device(&self, file: &ProfileFile, slot: &Slot) -> DeviceSample {
        let started = Instant::now();
        let read = match tokio::time::timeout(slot.timeout, self.read_slot(file, slot)).await {
            Ok(read) => read,
            Err(_) => Err(Error::Timeout(format!(
                "no answer within its timeout ({} s)",
                slot.timeout.as_secs_f64()
            ))),
        };
        let seconds = started.elapsed().as_secs_f64();
        if read.is_err() {
            // Resolved and connected afresh next time: a password changed in its source,
            // a connection left half-used by the timeout.
            *lock(&slot.transport) = None;
        }
        self.log_change(slot, &read);
        DeviceSample {
            name: slot.name.clone(),
            seconds,
            outlets: read.ok(),
        }
    }

    async fn read_slot(&self, file: &ProfileFile, slot: &Slot) -> Result<Vec<OutletSample>> {
        let kept = lock(&slot.transport).clone();
        let transport = match kept {
            Some(t) => t,
            None => {
                let mut resolved = device::resolve_in(&self.every, file, &slot.name).await?;
                // One try: the next scrape is the retry.
                resolved.config.retries = 0;
                let t: Arc<dyn Transport> = Arc::from(resolved.connect()?);
                *lock(&slot.transport) = Some(t.clone());
                t
            }
        };
        read(&*transport).await
    }

    /// Says on stderr when a device stops answering, and when it answers again (not on
    /// every scrape).
    fn log_change(&self, slot: &Slot, read: &Result<Vec<OutletSample>>) {
        let before = lock(&slot.up).replace(read.is_ok());
        if self.every.quiet {
            return;
        }
        let line = match (before, read) {
            (None | Some(true), Err(e)) => {
                format!("pductl serve: metrics: {} does not answer: {e}", slot.name)
            }
            (Some(false), Ok(_)) => format!("pductl serve: metrics: {} answers again", slot.name),
            _ => return,
        };
        eprintln!("{}", escape_line(&line));
    }
}

/// Lets the process have as many open files as its hard limit allows: a scrape opens a
/// connection to every device at once, and the usual soft limit (1024) is not many devices.
fn raise_open_files_limit() {
    let mut limit = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: getrlimit and setrlimit with a valid pointer to a local rlimit.
    unsafe {
        if libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) == 0 && limit.rlim_cur < limit.rlim_max
        {
            limit.rlim_cur = limit.rlim_max;
            // Refused (an unlimited hard limit the kernel caps): the soft limit stays.
            let _ = libc::setrlimit(libc::RLIMIT_NOFILE, &limit);
        }
    }
}

/// What one device says: its outlets' states, then its meters.
async fn read(t: &dyn Transport) -> Result<Vec<OutletSample>> {
    let (outlets, meters) = power::read_outlets_and_meters(t).await?;
    let mut samples: Vec<OutletSample> = outlets
        .iter()
        .enumerate()
        .map(|(i, o)| OutletSample {
            outlet: i + 1,
            name: o.name.clone(),
            on: o.physical.or(o.state),
            ..OutletSample::default()
        })
        .collect();
    let values = match meters {
        Ok(v) => v,
        // A device that does not meter.
        Err(Error::NotFound(_) | Error::Unsupported(_)) => Value::Null,
        Err(e) => return Err(e),
    };
    let Value::Object(values) = values else {
        return Ok(samples);
    };
    // Counters: the never-reset one where the device has it.
    let mut energy_nr: Vec<Option<f64>> = vec![None; samples.len()];
    for (key, value) in &values {
        let Some((index, field)) = outlet_key(key) else {
            continue;
        };
        let Some(sample) = samples.get_mut(index) else {
            continue; // not an outlet the device lists
        };
        let Some(kind) = Quantity::of_field(field) else {
            continue;
        };
        let Some(v) = kind.base_value(value) else {
            continue;
        };
        match kind {
            Quantity::Power => sample.watts = Some(v),
            Quantity::Current => sample.amperes = Some(v),
            Quantity::Voltage => sample.volts = Some(v),
            Quantity::Energy => sample.joules = Some(v),
            Quantity::EnergyNr => energy_nr[index] = Some(v),
        }
    }
    for (sample, nr) in samples.iter_mut().zip(energy_nr) {
        sample.joules = nr.or(sample.joules);
    }
    Ok(samples)
}

/// `outlets.N.FIELD` (N from 0): (N, FIELD).
fn outlet_key(key: &str) -> Option<(usize, &str)> {
    let (index, field) = key.strip_prefix("outlets.")?.split_once('.')?;
    if index.is_empty() || !index.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some((index.parse().ok()?, field))
}

/// The meters exported, by their `meter/values` field.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Quantity {
    Power,
    Current,
    Voltage,
    Energy,
    EnergyNr,
}

impl Quantity {
    fn of_field(field: &str) -> Option<Quantity> {
        Some(match field {
            "power" => Quantity::Power,
            "current" => Quantity::Current,
            "voltage" => Quantity::Voltage,
            "energy" => Quantity::Energy,
            "energy_nr" => Quantity::EnergyNr,
            _ => return None,
        })
    }

    /// A `{name, value, quantity, unit}` meter in the base unit (W, A, V, J); `None` when it
    /// has no finite value, or a unit that is not this quantity's. No unit means the object
    /// model's (W, A, V, Wh).
    fn base_value(self, meter: &Value) -> Option<f64> {
        let value = meter.get("value")?.as_f64().filter(|v| v.is_finite())?;
        let unit = meter.get("unit").and_then(Value::as_str).unwrap_or("");
        let factor = match (self, unit) {
            (Quantity::Power, "" | "W") => 1.0,
            (Quantity::Power, "kW") => 1e3,
            (Quantity::Power, "mW") => 1e-3,
            (Quantity::Current, "" | "A") => 1.0,
            (Quantity::Current, "mA") => 1e-3,
            (Quantity::Voltage, "" | "V") => 1.0,
            (Quantity::Voltage, "mV") => 1e-3,
            (Quantity::Voltage, "kV") => 1e3,
            (Quantity::Energy | Quantity::EnergyNr, "" | "Wh") => JOULES_PER_WH,
            (Quantity::Energy | Quantity::EnergyNr, "kWh") => JOULES_PER_WH * 1e3,
            (Quantity::Energy | Quantity::EnergyNr, "MWh") => JOULES_PER_WH * 1e6,
            (Quantity::Energy | Quantity::EnergyNr, "J") => 1.0,
            (Quantity::Energy | Quantity::EnergyNr, "kJ") => 1e3,
            _ => return None,
        };
        let base = value * factor;
        match self {
            // A counter never goes below zero.
            Quantity::Energy | Quantity::EnergyNr if base < 0.0 => None,
            _ => Some(base),
        }
    }
}

/// One scrape's readings.
#[derive(Debug)]
struct Exposition {
    devices: Vec<DeviceSample>,
}

#[derive(Debug)]
struct DeviceSample {
    name: String,
    seconds: f64,
    /// `None`: it did not answer.
    outlets: Option<Vec<OutletSample>>,
}

#[derive(Debug, Default, Clone)]
struct OutletSample {
    /// From 1.
    outlet: usize,
    name: String,
    on: Option<bool>,
    watts: Option<f64>,
    joules: Option<f64>,
    amperes: Option<f64>,
    volts: Option<f64>,
}

/// An outlet family: its name without the unit, help, unit, type and value.
struct OutletFamily {
    name: &'static str,
    help: &'static str,
    unit: Option<Unit>,
    counter: bool,
    value: fn(&OutletSample) -> Option<f64>,
}

fn outlet_families() -> [OutletFamily; 5] {
    [
        OutletFamily {
            name: "pductl_outlet_on",
            help: "Whether the outlet is on (1) or off (0)",
            unit: None,
            counter: false,
            value: |o| o.on.map(|on| f64::from(u8::from(on))),
        },
        OutletFamily {
            name: "pductl_outlet_power",
            help: "Active power the outlet delivers, in watts",
            unit: Some(Unit::Other("watts".into())),
            counter: false,
            value: |o| o.watts,
        },
        OutletFamily {
            name: "pductl_outlet_energy",
            help: "Energy the outlet has delivered, in joules: the device's watt-hour counter \
                   x 3600, its never-reset counter where it has one",
            unit: Some(Unit::Joules),
            counter: true,
            value: |o| o.joules,
        },
        OutletFamily {
            name: "pductl_outlet_current",
            help: "Current the outlet delivers, in amperes",
            unit: Some(Unit::Amperes),
            counter: false,
            value: |o| o.amperes,
        },
        OutletFamily {
            name: "pductl_outlet_voltage",
            help: "Voltage at the outlet, in volts",
            unit: Some(Unit::Volts),
            counter: false,
            value: |o| o.volts,
        },
    ]
}

impl Collector for Exposition {
    fn encode(&self, mut encoder: DescriptorEncoder) -> std::fmt::Result {
        for family in outlet_families() {
            let series: Vec<(&str, &OutletSample, f64)> = self
                .devices
                .iter()
                .flat_map(|d| {
                    d.outlets
                        .iter()
                        .flatten()
                        .filter_map(move |o| (family.value)(o).map(|v| (d.name.as_str(), o, v)))
                })
                .collect();
            if series.is_empty() {
                continue;
            }
            let kind = match family.counter {
                true => MetricType::Counter,
                false => MetricType::Gauge,
            };
            let mut metric =
                encoder.encode_descriptor(family.name, family.help, family.unit.as_ref(), kind)?;
            for (device, o, value) in series {
                let outlet = o.outlet.to_string();
                let labels = [
                    ("device", device),
                    ("outlet", outlet.as_str()),
                    ("name", o.name.as_str()),
                ];
                let one = metric.encode_family(&labels)?;
                match family.counter {
                    true => ConstCounter::new(value).encode(one)?,
                    false if family.unit.is_none() => ConstGauge::new(value as i64).encode(one)?,
                    false => ConstGauge::new(value).encode(one)?,
                }
            }
        }
        let mut up = encoder.encode_descriptor(
            "pductl_device_up",
            "Whether the device answered this scrape (1) or not (0)",
            None,
            MetricType::Gauge,
        )?;
        for d in &self.devices {
            let labels = [("device", d.name.as_str())];
            ConstGauge::new(i64::from(d.outlets.is_some())).encode(up.encode_family(&labels)?)?;
        }
        let mut duration = encoder.encode_descriptor(
            "pductl_device_scrape_duration",
            "How long reading the device took in this scrape, in seconds",
            Some(&Unit::Seconds),
            MetricType::Gauge,
        )?;
        for d in &self.devices {
            let labels = [("device", d.name.as_str())];
            ConstGauge::new(d.seconds).encode(duration.encode_family(&labels)?)?;
        }
        Ok(())
    }
}

/// The exposition formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    OpenMetrics,
    Text,
}

impl Format {
    /// What the scraper's `Accept` asks for first, as Prometheus' own exporters negotiate
    /// it (client_golang's expfmt): the media ranges by quality, the first that is
    /// OpenMetrics (version 1.0.0, 0.0.1 or none) or text (0.0.4 or none) wins; anything
    /// else, or no `Accept`, is text.
    fn negotiate(accept: &str) -> Format {
        let mut best: Option<(f32, Format)> = None;
        for range in accept.split(',') {
            let mut parts = range.split(';');
            let media = parts.next().unwrap_or("").trim().to_ascii_lowercase();
            let (mut q, mut version) = (1.0f32, None);
            for param in parts {
                let Some((k, v)) = param.split_once('=') else {
                    continue;
                };
                let v = v.trim().trim_matches('"');
                match k.trim().to_ascii_lowercase().as_str() {
                    "q" => q = v.parse().unwrap_or(0.0),
                    "version" => version = Some(v.to_string()),
                    _ => {}
                }
            }
            let format = match (media.as_str(), version.as_deref()) {
                ("application/openmetrics-text", None | Some("1.0.0" | "0.0.1")) => {
                    Format::OpenMetrics
                }
                ("text/plain", None | Some("0.0.4")) => Format::Text,
                _ => continue,
            };
            if q > 0.0 && best.is_none_or(|(b, _)| q > b) {
                best = Some((q, format));
            }
        }
        best.map_or(Format::Text, |(_, f)| f)
    }

    fn content_type(self) -> &'static str {
        match self {
            Format::OpenMetrics => OPENMETRICS,
            Format::Text => TEXT,
        }
    }
}

impl Exposition {
    fn render(self, format: Format) -> std::result::Result<String, std::fmt::Error> {
        let mut registry = Registry::default();
        registry.register_collector(Box::new(self));
        let mut body = String::new();
        match format {
            Format::OpenMetrics => prometheus_client::encoding::text::encode(&mut body, &registry)?,
            Format::Text => {
                prometheus_client::encoding::prometheus_text::encode(&mut body, &registry)?
            }
        }
        Ok(body)
    }
}

#[async_trait]
impl Face for Metrics {
    fn serves(&self, path: &str) -> bool {
        path == "/metrics"
    }

    fn paths(&self) -> &'static str {
        "/metrics"
    }

    async fn answer(
        &self,
        req: Request<hyper::body::Incoming>,
        _peer: SocketAddr,
    ) -> Response<Body> {
        if req.method() != Method::GET {
            let mut r = plain_text(
                StatusCode::METHOD_NOT_ALLOWED,
                "Method not allowed: /metrics answers GET",
            );
            r.headers_mut()
                .insert(ALLOW, HeaderValue::from_static("GET"));
            return r;
        }
        let accept = req
            .headers()
            .get_all(ACCEPT)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .collect::<Vec<_>>()
            .join(",");
        let format = Format::negotiate(&accept);
        let exposition = match self.scrape().await {
            Ok(e) => e,
            Err(e) => {
                return plain_text(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    &escape_line(&format!("Cannot read the profile: {e}")),
                )
            }
        };
        match exposition.render(format) {
            Ok(body) => {
                let mut r = Response::new(full(body));
                r.headers_mut().insert(
                    CONTENT_TYPE,
                    HeaderValue::from_static(format.content_type()),
                );
                r
            }
            Err(_) => plain_text(
                StatusCode::INTERNAL_SERVER_ERROR,
                "Cannot encode the metrics",
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// What Prometheus 2.42 sends.
    const PROMETHEUS_ACCEPT: &str = "application/openmetrics-text;version=1.0.0,\
        application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1";

    #[test]
    fn accept_chooses_the_format() {
        assert_eq!(Format::negotiate(PROMETHEUS_ACCEPT), Format::OpenMetrics);
        assert_eq!(Format::negotiate(""), Format::Text);
        assert_eq!(Format::negotiate("*/*"), Format::Text);
        assert_eq!(Format::negotiate("text/plain"), Format::Text);
        assert_eq!(
            Format::negotiate("application/openmetrics-text"),
            Format::OpenMetrics
        );
        assert_eq!(
            Format::negotiate("text/plain;version=0.0.4;q=0.9, application/openmetrics-text;q=0.3"),
            Format::Text
        );
        assert_eq!(
            Format::negotiate("application/openmetrics-text; version=2.0.0, text/plain;q=0.2"),
            Format::Text,
            "a version not written"
        );
        assert_eq!(
            Format::negotiate("application/openmetrics-text;q=0"),
            Format::Text
        );
        assert_eq!(
            Format::negotiate("application/json, Application/OpenMetrics-Text; version=\"1.0.0\""),
            Format::OpenMetrics
        );
    }

    #[test]
    fn meters_in_base_units() {
        let m = |value: Value, unit: Option<&str>| match unit {
            Some(u) => json!({"value": value, "unit": u}),
            None => json!({"value": value}),
        };
        assert_eq!(
            Quantity::Energy.base_value(&m(json!(2), Some("Wh"))),
            Some(7200.0)
        );
        assert_eq!(
            Quantity::EnergyNr.base_value(&m(json!(2), None)),
            Some(7200.0)
        );
        assert_eq!(
            Quantity::Energy.base_value(&m(json!(1.5), Some("kWh"))),
            Some(5_400_000.0)
        );
        assert_eq!(Quantity::Energy.base_value(&m(json!(-1), Some("Wh"))), None);
        assert_eq!(
            Quantity::Current.base_value(&m(json!(250), Some("mA"))),
            Some(0.25)
        );
        assert_eq!(
            Quantity::Power.base_value(&m(json!(42), Some("W"))),
            Some(42.0)
        );
        assert_eq!(Quantity::Power.base_value(&m(json!(42), Some("Wh"))), None);
        assert_eq!(
            Quantity::Voltage.base_value(&m(json!(null), Some("V"))),
            None
        );
        assert_eq!(
            Quantity::Voltage.base_value(&m(json!("230"), Some("V"))),
            None
        );
        assert_eq!(outlet_key("outlets.3.power"), Some((3, "power")));
        assert_eq!(outlet_key("outlets.x.power"), None);
        assert_eq!(outlet_key("outlets.+1.power"), None);
        assert_eq!(outlet_key("bus.257.power"), None);
        assert_eq!(outlet_key("power"), None);
    }

    fn sample() -> Exposition {
        Exposition {
            devices: vec![
                DeviceSample {
                    name: "rack \"A\"".into(),
                    seconds: 0.25,
                    outlets: Some(vec![
                        OutletSample {
                            outlet: 1,
                            name: "dut\\1\nnext\"}".into(),
                            on: Some(true),
                            watts: Some(42.0),
                            joules: Some(7200.0),
                            amperes: Some(0.19),
                            volts: None,
                        },
                        OutletSample {
                            outlet: 2,
                            name: String::new(),
                            on: Some(false),
                            ..OutletSample::default()
                        },
                    ]),
                },
                DeviceSample {
                    name: "dead".into(),
                    seconds: 1.0,
                    outlets: None,
                },
            ],
        }
    }

    #[test]
    fn openmetrics_exposition() {
        let body = sample().render(Format::OpenMetrics).unwrap();
        for line in [
            "# TYPE pductl_outlet_on gauge",
            r#"pductl_outlet_on{device="rack \"A\"",outlet="1",name="dut\\1\nnext\"}"} 1"#,
            r#"pductl_outlet_on{device="rack \"A\"",outlet="2",name=""} 0"#,
            "# TYPE pductl_outlet_power_watts gauge",
            "# UNIT pductl_outlet_power_watts watts",
            "# TYPE pductl_outlet_energy_joules counter",
            "# UNIT pductl_outlet_energy_joules joules",
            r#"pductl_outlet_energy_joules_total{device="rack \"A\"",outlet="1",name="dut\\1\nnext\"}"} 7200.0"#,
            "# UNIT pductl_outlet_current_amperes amperes",
            r#"pductl_device_up{device="rack \"A\""} 1"#,
            r#"pductl_device_up{device="dead"} 0"#,
            "# UNIT pductl_device_scrape_duration_seconds seconds",
            r#"pductl_device_scrape_duration_seconds{device="dead"} 1.0"#,
        ] {
            assert!(body.lines().any(|l| l == line), "no {line:?} in\n{body}");
        }
        assert!(body.ends_with("# EOF\n"), "{body}");
        assert!(!body.contains("voltage"), "no voltage reported: {body}");
    }

    #[test]
    fn text_exposition() {
        let body = sample().render(Format::Text).unwrap();
        for line in [
            "# TYPE pductl_outlet_energy_joules_total counter",
            r#"pductl_outlet_energy_joules_total{device="rack \"A\"",outlet="1",name="dut\\1\nnext\"}"} 7200.0"#,
            "# TYPE pductl_outlet_power_watts gauge",
            r#"pductl_device_up{device="dead"} 0"#,
        ] {
            assert!(body.lines().any(|l| l == line), "no {line:?} in\n{body}");
        }
        assert!(
            !body.contains("# UNIT") && !body.contains("# EOF"),
            "{body}"
        );
    }
}
