//! `pductl serve --api netio-json`: the device `-d` names (a group: its devices' outlets one
//! after another) presented as a NETIO socket's JSON API, `/netio.json` (protocols/netio.md
//! section 1), so NETIO's own clients, pdudaemon's `netiojson` driver and pductl's
//! `netio-json` protocol drive any device pductl reaches.
//!
//! The framing is the simulator's (`sim::netio_http`: Basic auth, 400/401/403/405/413 with
//! the units' plain-text bodies, the checks of a POSTed control document), so the gateway
//! refuses what a unit refuses, in the same words; every change goes through the power verbs
//! (`unit.rs`). Actions 0/1/6 switch off or on, 4 toggles, 5 does nothing; a short off (2) or
//! short on (3) switches at once and is answered, as a unit answers, while the output still
//! shows the first half; it goes back after `Delay` on its own, unless a newer command for
//! that output comes first (netio.md 1.7). A device that fails is a 500 with a short text,
//! never a stale or made-up state.

use super::unit::{Switch, Unit, UnitOutlet};
use super::{Context, Face};
use crate::error::{Error, Result};
use crate::http_server::Body;
use crate::path::Path;
use crate::power::{Action, Report};
use crate::sim::netio::iso8601;
use crate::sim::netio_http::{
    admit, bad_request, document_response, internal_error, output_commands, parse_control,
    Accounts, OutputCommand, NETIO_JSON_PATH,
};
use crate::sim::now_ms;
use async_trait::async_trait;
use hyper::{Request, Response};
use serde_json::{json, Map, Value};
use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Largest request body read; larger ones are 413 before anything else happens.
const MAX_REQUEST_BYTES: usize = 1024 * 1024;

/// What the gateway calls itself in `Agent.Model`.
const MODEL: &str = "pductl gateway";

/// The JSON API version whose fields the gateway sends (netio.md 1.10: the NETIO 4x set).
const JSON_VER: &str = "2.1";

/// NETIO's factory short on/off delay, for outlets whose device does not say its own.
const DEFAULT_DELAY_MS: u64 = 5000;

/// Longest short on/off the gateway carries out (a day): longer is a 400.
const MAX_DELAY_MS: u64 = 86_400_000;

/// NETIO's user and password when the gateway is given none (netio.md 1.2).
const DEFAULT_ACCOUNT: &str = "netio";

/// Longest text of a device's failure in a 500's body.
const MAX_REASON_CHARS: usize = 300;

/// The short on/offs waiting to go back: output (from 0) -> the scheduling that owns it, and
/// whether it goes back on. A newer command for an output takes its entry away, so the older
/// revert leaves it alone.
#[derive(Default)]
struct Reverts {
    next: AtomicU64,
    pending: Mutex<HashMap<usize, (u64, bool)>>,
}

impl Reverts {
    fn cancel(&self, outputs: &[usize]) {
        let mut pending = self.pending.lock().unwrap_or_else(|e| e.into_inner());
        for o in outputs {
            pending.remove(o);
        }
    }

    fn schedule(&self, outputs: &[usize], back_on: bool) -> u64 {
        let ticket = self.next.fetch_add(1, Ordering::SeqCst);
        let mut pending = self.pending.lock().unwrap_or_else(|e| e.into_inner());
        for &o in outputs {
            pending.insert(o, (ticket, back_on));
        }
        ticket
    }

    /// Every output still waiting to go back, taken out: those to switch on, then off.
    fn claim_all(&self) -> (Vec<usize>, Vec<usize>) {
        let mut pending = self.pending.lock().unwrap_or_else(|e| e.into_inner());
        let (mut on, mut off) = (Vec::new(), Vec::new());
        for (output, (_, back_on)) in pending.drain() {
            match back_on {
                true => on.push(output),
                false => off.push(output),
            }
        }
        on.sort_unstable();
        off.sort_unstable();
        (on, off)
    }

    /// The outputs still owned by `ticket`, taken out.
    fn claim(&self, outputs: &[usize], ticket: u64) -> Vec<usize> {
        let mut pending = self.pending.lock().unwrap_or_else(|e| e.into_inner());
        let due: Vec<usize> = outputs
            .iter()
            .copied()
            .filter(|o| pending.get(o).is_some_and(|(t, _)| *t == ticket))
            .collect();
        for o in &due {
            pending.remove(o);
        }
        due
    }
}

pub struct NetioJson {
    unit: Arc<Unit>,
    accounts: Accounts,
    started: Instant,
    reverts: Arc<Reverts>,
    /// Per member: found to have no metering, so not asked again.
    unmetered: Vec<AtomicBool>,
    quiet: bool,
}

impl NetioJson {
    pub async fn new(context: Arc<Context>) -> Result<NetioJson> {
        let unit = Unit::connect(&context, "netio-json").await?;
        let account = &context.account;
        if account.password.is_none() {
            crate::output::warn(
                context.global.quiet,
                "--api netio-json: no --serve-password-env or --serve-password-file, so \
                 clients log in with NETIO's default password",
            );
        }
        let accounts = Accounts {
            user: account
                .user
                .clone()
                .unwrap_or_else(|| DEFAULT_ACCOUNT.to_string()),
            password: account
                .password
                .as_ref()
                .map_or(DEFAULT_ACCOUNT, |p| p.expose())
                .to_string(),
            read_user: None,
            read_password: String::new(),
        };
        Ok(NetioJson {
            unmetered: unit
                .members
                .iter()
                .map(|_| AtomicBool::new(false))
                .collect(),
            unit: Arc::new(unit),
            accounts,
            started: Instant::now(),
            reverts: Arc::default(),
            quiet: context.global.quiet,
        })
    }

    /// Carries out a POSTed control document; `Err` is the answer when it cannot be.
    async fn command(&self, body: &[u8]) -> std::result::Result<(), Response<Body>> {
        let control = parse_control(body).map_err(|e| bad_request(&e))?;
        let outlets = match self.unit.outlets().await {
            Ok(outlets) => outlets,
            Err(e) => {
                // A malformed document is a 400 even while the device is down.
                output_commands(&control, crate::transport::MAX_OUTLETS)
                    .map_err(|e| bad_request(&e))?;
                return Err(device_failed(&e));
            }
        };
        let commands = output_commands(&control, outlets.len()).map_err(|e| bad_request(&e))?;
        if let Some(c) = commands
            .iter()
            .find(|c| c.delay_ms.is_some_and(|ms| ms > MAX_DELAY_MS))
        {
            return Err(bad_request(&format!(
                "Delay of output {} is over {MAX_DELAY_MS} ms",
                c.id
            )));
        }
        let plan = Plan::of(&commands, &outlets);
        // A new command for an output cancels its pending revert (netio.md 1.7).
        self.reverts.cancel(&plan.named);
        if !plan.switches.is_empty() {
            let reports = self
                .unit
                .switch_all(&plan.switches)
                .await
                .map_err(|e| device_failed(&e))?;
            if let Some(failure) = first_failure(&reports) {
                return Err(internal_error(&short(&failure)));
            }
        }
        for ((back_on, delay_ms), outputs) in plan.reverts {
            self.revert_later(outputs, back_on, Duration::from_millis(delay_ms));
        }
        Ok(())
    }

    /// Switches `outputs` back (on after a short off, off after a short on) once `delay`
    /// has passed, unless a newer command for one of them came first.
    fn revert_later(&self, outputs: Vec<usize>, back_on: bool, delay: Duration) {
        let ticket = self.reverts.schedule(&outputs, back_on);
        let (unit, reverts, quiet) = (self.unit.clone(), self.reverts.clone(), self.quiet);
        tokio::spawn(async move {
            tokio::time::sleep(delay).await;
            let due = reverts.claim(&outputs, ticket);
            if due.is_empty() {
                return;
            }
            let action = if back_on { Action::On } else { Action::Off };
            let failure = match unit.switch(&due, action, None).await {
                Ok(report) => first_failure(std::slice::from_ref(&report)),
                Err(e) => Some(e.to_string()),
            };
            if let Some(failure) = failure {
                crate::output::warn(
                    quiet,
                    &format!("netio-json: a short on/off did not go back: {failure}"),
                );
            }
        });
    }

    /// The unit's netio.json now.
    async fn document(&self) -> Result<Value> {
        let (outlets, meters) =
            futures_util::future::join(self.unit.outlets(), self.meters()).await;
        let outlets = outlets?;
        let mut outputs = Vec::with_capacity(outlets.len());
        for (i, o) in outlets.iter().enumerate() {
            let id = i + 1;
            let on = o.info.physical.or(o.info.state).ok_or_else(|| {
                Error::BadResponse(format!(
                    "{} does not report the state of outlet {}",
                    self.unit.members[o.member].name,
                    o.index + 1
                ))
            })?;
            let mut output = Map::new();
            output.insert("ID".into(), json!(id));
            let name = match o.info.name.as_str() {
                "" => format!("output_{id}"),
                name => name.to_string(),
            };
            output.insert("Name".into(), json!(name));
            output.insert("State".into(), json!(u8::from(on)));
            // Reads report Action 6, "ignored" (netio.md 1.6).
            output.insert("Action".into(), json!(6));
            output.insert("Delay".into(), json!(delay_ms(o)));
            if let Some(values) = &meters[o.member] {
                for field in &OUTPUT_FIELDS {
                    let key = format!("outlets.{}.{}", o.index, field.key);
                    if let Some(v) = values.get(&key).and_then(|e| field.netio(e)) {
                        output.insert(field.netio_name.into(), v);
                    }
                }
            }
            outputs.push(Value::Object(output));
        }
        let mut doc = Map::new();
        let agent = json!({
            "Model": MODEL,
            "Version": env!("CARGO_PKG_VERSION"),
            "JSONVer": JSON_VER,
            "DeviceName": self.unit.name,
            "VendorID": 0,
            "OemID": 0,
            "SerialNumber": self.unit.name,
            "Uptime": self.started.elapsed().as_secs(),
            "Time": iso8601(now_ms()),
            "NumOutputs": outlets.len(),
        });
        doc.insert("Agent".into(), agent);
        if let Some(global) = global_measure(&meters) {
            doc.insert("GlobalMeasure".into(), global);
        }
        doc.insert("Outputs".into(), Value::Array(outputs));
        Ok(Value::Object(doc))
    }

    /// Each member's `meter/values`, or `None` where it has none (or did not answer this
    /// time: metering is left out then, never made up).
    async fn meters(&self) -> Vec<Option<Map<String, Value>>> {
        let path = Path::from_keys(&["meter", "values"]);
        let reads = (0..self.unit.members.len()).map(|m| {
            let path = &path;
            async move {
                if self.unmetered[m].load(Ordering::Relaxed) {
                    return None;
                }
                match self.unit.get(m, path).await {
                    Ok(Value::Object(values)) if !values.is_empty() => Some(values),
                    Ok(_) | Err(Error::Unsupported(_) | Error::NotFound(_)) => {
                        self.unmetered[m].store(true, Ordering::Relaxed);
                        None
                    }
                    Err(_) => None,
                }
            }
        });
        futures_util::future::join_all(reads).await
    }
}

/// An outlet's `Delay`: its cycle delay in ms, else NETIO's factory default.
fn delay_ms(o: &UnitOutlet) -> u64 {
    match o.info.cycle_delay {
        Some(s) if s.is_finite() && s >= 0.0 => (s * 1000.0).round().min(u64::MAX as f64) as u64,
        _ => DEFAULT_DELAY_MS,
    }
}

/// What a POST does: the switches (as one change), the outputs it names, and the reverts of
/// its short on/offs grouped by (back on, delay).
struct Plan {
    switches: Vec<Switch>,
    named: Vec<usize>,
    reverts: Vec<((bool, u64), Vec<usize>)>,
}

/// Where an output ends after its commands, relative to where it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Effect {
    On,
    Off,
    Toggle,
}

impl Plan {
    /// Folds each output's commands, in order, into one effect (a unit applies them one
    /// after the other: on then toggle is off, toggle twice is nothing), and keeps the last
    /// command's revert when it is a short on/off.
    fn of(commands: &[OutputCommand], outlets: &[UnitOutlet]) -> Plan {
        let mut named: Vec<usize> = Vec::new();
        let mut effects: HashMap<usize, Option<Effect>> = HashMap::new();
        let mut reverts: HashMap<usize, (bool, u64)> = HashMap::new();
        for c in commands {
            let index = c.id as usize - 1;
            if !named.contains(&index) {
                named.push(index);
            }
            let effect = effects.entry(index).or_insert(None);
            *effect = match (c.action, c.state, *effect) {
                (0 | 2, _, _) | (6, Some(false), _) => Some(Effect::Off),
                (1 | 3, _, _) | (6, Some(true), _) => Some(Effect::On),
                (4, _, None) => Some(Effect::Toggle),
                (4, _, Some(Effect::Toggle)) => None,
                (4, _, Some(Effect::On)) => Some(Effect::Off),
                (4, _, Some(Effect::Off)) => Some(Effect::On),
                _ => *effect,
            };
            let delay = c.delay_ms.unwrap_or_else(|| delay_ms(&outlets[index]));
            match c.action {
                2 => reverts.insert(index, (true, delay)),
                3 => reverts.insert(index, (false, delay)),
                _ => reverts.remove(&index),
            };
        }
        let mut switches = Vec::new();
        for (effect, action) in [
            (Effect::Off, Action::Off),
            (Effect::On, Action::On),
            (Effect::Toggle, Action::Toggle),
        ] {
            let indices: Vec<usize> = named
                .iter()
                .copied()
                .filter(|i| effects.get(i) == Some(&Some(effect)))
                .collect();
            if !indices.is_empty() {
                switches.push(Switch {
                    indices,
                    action,
                    off_time: None,
                });
            }
        }
        let mut grouped: Vec<((bool, u64), Vec<usize>)> = Vec::new();
        for &i in &named {
            let Some(&revert) = reverts.get(&i) else {
                continue;
            };
            match grouped.iter_mut().find(|(r, _)| *r == revert) {
                Some((_, outputs)) => outputs.push(i),
                None => grouped.push((revert, vec![i])),
            }
        }
        Plan {
            switches,
            named,
            reverts: grouped,
        }
    }
}

/// The first outlet that failed in `reports`, with what happened to it.
fn first_failure(reports: &[Report]) -> Option<String> {
    reports
        .iter()
        .flat_map(|r| &r.results)
        .find_map(|r| r.error.as_ref().map(|e| format!("{}: {e}", r.label())))
}

/// A device's failure as a unit's fault: 500 with a short text.
fn device_failed(e: &Error) -> Response<Body> {
    internal_error(&short(&e.to_string()))
}

/// One line of at most `MAX_REASON_CHARS` characters.
fn short(text: &str) -> String {
    let line = text.lines().next().unwrap_or("");
    match line.char_indices().nth(MAX_REASON_CHARS) {
        Some((end, _)) => format!("{}...", &line[..end]),
        None => line.to_string(),
    }
}

/// The units NETIO writes a quantity in.
#[derive(Debug, Clone, Copy)]
enum NetioUnit {
    /// Integer mA.
    MilliAmps,
    /// Integer W.
    Watts,
    /// Integer Wh.
    WattHours,
    /// 0.00-1.00.
    Ratio,
    /// Degrees, one decimal.
    Degrees,
    /// Volts, one decimal.
    Volts,
    /// Hertz, two decimals.
    Hertz,
}

impl NetioUnit {
    /// The factor from a value in `unit` (as `meter/values` names it; none means SI) to
    /// this one; `None` for a unit it cannot be turned into.
    fn factor(self, unit: Option<&str>) -> Option<f64> {
        Some(match (self, unit.unwrap_or("")) {
            (NetioUnit::MilliAmps, "" | "A") => 1000.0,
            (NetioUnit::MilliAmps, "mA") => 1.0,
            (NetioUnit::Watts, "" | "W") => 1.0,
            (NetioUnit::Watts, "kW") => 1000.0,
            (NetioUnit::WattHours, "" | "Wh") => 1.0,
            (NetioUnit::WattHours, "kWh") => 1000.0,
            (NetioUnit::WattHours, "MWh") => 1e6,
            (NetioUnit::Ratio, "") => 1.0,
            (NetioUnit::Ratio, "%") => 0.01,
            (NetioUnit::Degrees, "" | "°" | "deg") => 1.0,
            (NetioUnit::Volts, "" | "V") => 1.0,
            (NetioUnit::Hertz, "" | "Hz") => 1.0,
            _ => return None,
        })
    }

    fn render(self, x: f64) -> Value {
        let round = |places: i32| {
            let p = 10f64.powi(places);
            json!((x * p).round() / p)
        };
        match self {
            // Saturating casts: a device's absurd number stays a number.
            NetioUnit::MilliAmps | NetioUnit::Watts | NetioUnit::WattHours => {
                json!(x.round() as i64)
            }
            NetioUnit::Ratio | NetioUnit::Hertz => round(2),
            NetioUnit::Degrees | NetioUnit::Volts => round(1),
        }
    }

    /// A `meter/values` entry (`{"value": V, "unit": U, ...}`, or a bare number) in this unit.
    fn convert(self, entry: &Value) -> Option<f64> {
        let (value, unit) = match entry {
            Value::Number(n) => (n.as_f64()?, None),
            _ => (entry["value"].as_f64()?, entry["unit"].as_str()),
        };
        let x = value * self.factor(unit)?;
        x.is_finite().then_some(x)
    }
}

/// A `meter/values` key and the NETIO field it becomes.
struct MeterField {
    key: &'static str,
    netio_name: &'static str,
    unit: NetioUnit,
}

impl MeterField {
    fn netio(&self, entry: &Value) -> Option<Value> {
        self.unit.convert(entry).map(|x| self.unit.render(x))
    }
}

const fn field(key: &'static str, netio_name: &'static str, unit: NetioUnit) -> MeterField {
    MeterField {
        key,
        netio_name,
        unit,
    }
}

/// Per-output metering (`outlets.N.<key>`), in the order units send the fields (netio.md
/// 1.3; the reverse of `transport::netio_json`'s mapping).
const OUTPUT_FIELDS: [MeterField; 8] = [
    field("current", "Current", NetioUnit::MilliAmps),
    field("power_factor", "PowerFactor", NetioUnit::Ratio),
    field("phase", "Phase", NetioUnit::Degrees),
    field("power", "Load", NetioUnit::Watts),
    field("energy", "Energy", NetioUnit::WattHours),
    field("reverse_energy", "ReverseEnergy", NetioUnit::WattHours),
    field("energy_nr", "EnergyNR", NetioUnit::WattHours),
    field("reverse_energy_nr", "ReverseEnergyNR", NetioUnit::WattHours),
];

/// `GlobalMeasure` from the members' unit-wide keys: mains from the first member that
/// measures them; totals only where every member reports one, summed (a total missing a
/// member would be a wrong total); the power factor only for a single device.
fn global_measure(meters: &[Option<Map<String, Value>>]) -> Option<Value> {
    let of = |m: &Option<Map<String, Value>>, key: &str, unit: NetioUnit| {
        m.as_ref()
            .and_then(|values| values.get(key))
            .and_then(|e| unit.convert(e))
    };
    let first = |key: &str, unit: NetioUnit| {
        meters
            .iter()
            .find_map(|m| of(m, key, unit))
            .map(|x| unit.render(x))
    };
    let total = |key: &str, unit: NetioUnit| {
        meters
            .iter()
            .map(|m| of(m, key, unit))
            .sum::<Option<f64>>()
            .map(|x| unit.render(x))
    };
    let mut g = Map::new();
    let fields = [
        ("Voltage", first("voltage", NetioUnit::Volts)),
        ("Frequency", first("frequency", NetioUnit::Hertz)),
        ("TotalCurrent", total("current", NetioUnit::MilliAmps)),
        (
            "OverallPowerFactor",
            match meters {
                [only] => {
                    of(only, "power_factor", NetioUnit::Ratio).map(|x| NetioUnit::Ratio.render(x))
                }
                _ => None,
            },
        ),
        ("TotalLoad", total("power", NetioUnit::Watts)),
        ("TotalEnergy", total("energy", NetioUnit::WattHours)),
    ];
    for (name, value) in fields {
        if let Some(v) = value {
            g.insert(name.into(), v);
        }
    }
    (!g.is_empty()).then_some(Value::Object(g))
}

#[async_trait]
impl Face for NetioJson {
    fn serves(&self, path: &str) -> bool {
        path == NETIO_JSON_PATH
    }

    fn paths(&self) -> &'static str {
        "/netio.json"
    }

    /// A short on/off still waiting when the server stops goes back now: a stopped gateway
    /// must not leave an output off that a client asked to be off only for a moment.
    async fn stop(&self) {
        let (on, off) = self.reverts.claim_all();
        for (outputs, action) in [(on, Action::On), (off, Action::Off)] {
            if outputs.is_empty() {
                continue;
            }
            let failure = match self.unit.switch(&outputs, action, None).await {
                Ok(report) => first_failure(std::slice::from_ref(&report)),
                Err(e) => Some(e.to_string()),
            };
            if let Some(failure) = failure {
                crate::output::warn(
                    self.quiet,
                    &format!("netio-json: a short on/off did not go back: {failure}"),
                );
            }
        }
    }

    async fn answer(
        &self,
        req: Request<hyper::body::Incoming>,
        _peer: SocketAddr,
    ) -> Response<Body> {
        let request = match admit(req, &self.accounts, MAX_REQUEST_BYTES).await {
            Ok(request) => request,
            Err(refused) => return refused,
        };
        if request.write {
            if let Err(refused) = self.command(&request.body).await {
                return refused;
            }
        }
        // Read after a write: the answer is the unit as it now is (netio.md 1.5).
        match self.document().await {
            Ok(doc) => document_response(&doc).0,
            Err(e) => device_failed(&e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::power::OutletInfo;

    fn outlets(n: usize) -> Vec<UnitOutlet> {
        (0..n)
            .map(|index| UnitOutlet {
                member: 0,
                index,
                info: OutletInfo {
                    name: String::new(),
                    physical: Some(false),
                    state: None,
                    cycle_delay: Some(2.0),
                },
            })
            .collect()
    }

    fn command(id: u32, action: u8) -> OutputCommand {
        OutputCommand {
            id,
            action,
            state: None,
            delay_ms: None,
        }
    }

    #[test]
    fn commands_fold_per_output_as_a_unit_applies_them() {
        let plan = Plan::of(
            &[
                command(1, 1),
                command(1, 4),
                command(2, 4),
                command(2, 4),
                command(3, 2),
                command(4, 3),
                command(4, 5),
                OutputCommand {
                    state: Some(true),
                    ..command(5, 6)
                },
            ],
            &outlets(5),
        );
        let switches: Vec<(Action, Vec<usize>)> = plan
            .switches
            .iter()
            .map(|s| (s.action, s.indices.clone()))
            .collect();
        assert_eq!(
            switches,
            [(Action::Off, vec![0, 2]), (Action::On, vec![3, 4])]
        );
        assert_eq!(plan.named, [0, 1, 2, 3, 4]);
        // Output 4's short on was followed by a command: no revert; output 3 takes its
        // outlet's 2 s.
        assert_eq!(plan.reverts, [((true, 2000), vec![2])]);
    }

    #[test]
    fn metering_becomes_netio_units_or_is_left_out() {
        let entry = |value: f64, unit: &str| json!({"value": value, "unit": unit});
        assert_eq!(OUTPUT_FIELDS[0].netio(&entry(0.25, "A")), Some(json!(250)));
        assert_eq!(
            OUTPUT_FIELDS[4].netio(&entry(1.2, "kWh")),
            Some(json!(1200))
        );
        assert_eq!(OUTPUT_FIELDS[3].netio(&json!(41.6)), Some(json!(42)));
        assert_eq!(OUTPUT_FIELDS[3].netio(&entry(5.0, "furlongs")), None);
        assert_eq!(OUTPUT_FIELDS[3].netio(&json!({"value": "lots"})), None);
        let one = |k: &str, v: f64| {
            let mut m = Map::new();
            m.insert(k.into(), json!({"value": v, "unit": "W"}));
            Some(m)
        };
        assert_eq!(
            global_measure(&[one("power", 10.0), one("power", 5.0)]),
            Some(json!({"TotalLoad": 15}))
        );
        assert_eq!(global_measure(&[one("power", 10.0), None]), None);
    }

    #[test]
    fn a_long_reason_is_cut_to_one_short_line() {
        assert_eq!(short("a\nb"), "a");
        assert_eq!(
            short(&"é".repeat(400)).chars().count(),
            MAX_REASON_CHARS + 3
        );
    }
}
