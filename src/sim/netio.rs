//! The simulated NETIO socket's model: outputs with NETIO's actions 0-6 (protocols/netio.md
//! 1.6-1.8), short on/off that revert after a delay, metering that drifts slowly, and the
//! netio.json document in the shape each model sends (1.3, 1.4, 1.10). HTTP lives in
//! `netio_http.rs`.
//!
//! Like the DLI model, time is lazy: reverts are pending events with wall-clock times, and
//! energy counters are integrated up to "now" on each access, so the state is a plain value
//! that can live in a file between processes.

use super::now_ms;
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

/// The models the simulator can be, with their outputs, metering and inputs (netio.md 1.11
/// and 8), each reporting itself as captured units of that model do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, clap::ValueEnum)]
pub enum NetioModel {
    /// NETIO 4: 4 outputs, no metering (FW 3.0.3, JSONVer 2.0)
    #[value(name = "netio-4")]
    Netio4,
    /// NETIO 4All: 4 metered outputs (FW 3.1.0, JSONVer 2.1)
    #[value(name = "netio-4all")]
    Netio4All,
    /// PowerPDU 4C: 4 metered outputs, NETIO 4x platform (JSONVer 2.1); NETIO's public
    /// "netio-4c" demo unit
    #[value(name = "powerpdu-4c", alias = "netio-4c")]
    PowerPdu4c,
    /// PowerPDU 4PS: 4 outputs, no metering, clock never set (FW 3.0.1, JSONVer 2.3)
    #[value(name = "powerpdu-4ps")]
    PowerPdu4ps,
    /// PowerCable 101x: 1 metered output, string OemID/VendorID, no serial number
    /// (FW 2.1.0, JSONVer 2.0)
    #[value(name = "powercable")]
    PowerCable,
    /// PowerPDU 8QS: 8 outputs, output 1 metered, 1 input (JSONVer 2.4)
    #[value(name = "powerpdu-8qs")]
    PowerPdu8qs,
    /// PowerDIN 4PZ: 4 outputs, outputs 1-2 metered, 2 inputs (JSONVer 2.4)
    #[value(name = "powerdin-4pz")]
    PowerDin4pz,
}

/// The two families of NETIO hardware, which word their documents differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Platform {
    /// The Linux "NETIO 4x" family (NETIO 4, 4All, 4C, PowerPDU 4C): outputs `output_N`,
    /// `SerialNumber` is the MAC with colons, no `MAC` field.
    Linux,
    /// The ESP-based family (PowerPDU 4PS/8QS, PowerDIN, PowerCable, ...): outputs
    /// `Power output N`, `SerialNumber` without colons beside `MAC` with them.
    Esp,
}

struct ModelInfo {
    name: &'static str,
    platform: Platform,
    firmware: &'static str,
    json_ver: &'static str,
    outputs: usize,
    metered: &'static [u32],
    inputs: usize,
    /// JSONVer 2.4 fields: Agent.NumInputs, and Phase, ReverseEnergy and the NR counters.
    extended: bool,
    /// Quirks of the captured PowerCable (FW 2.1.0): no SerialNumber, OemID and VendorID as
    /// strings, whole-number Voltage and Frequency, no TotalCurrent.
    powercable_quirks: bool,
    /// The unit's clock was never set: Agent.Time counts from 1970 (captured 4PS).
    clock_unset: bool,
    /// Factory short on/off delay of each output.
    delay_ms: u64,
}

impl NetioModel {
    fn info(self) -> ModelInfo {
        let base = ModelInfo {
            name: "",
            platform: Platform::Linux,
            firmware: "",
            json_ver: "",
            outputs: 4,
            metered: &[],
            inputs: 0,
            extended: false,
            powercable_quirks: false,
            clock_unset: false,
            delay_ms: DEFAULT_DELAY_MS,
        };
        match self {
            NetioModel::Netio4 => ModelInfo {
                name: "NETIO 4",
                firmware: "3.0.3",
                json_ver: "2.0",
                ..base
            },
            NetioModel::Netio4All => ModelInfo {
                name: "NETIO 4All",
                firmware: "3.1.0",
                json_ver: "2.1",
                metered: &[1, 2, 3, 4],
                ..base
            },
            NetioModel::PowerPdu4c => ModelInfo {
                name: "PowerPDU 4C",
                firmware: "3.4.0",
                json_ver: "2.1",
                metered: &[1, 2, 3, 4],
                ..base
            },
            NetioModel::PowerPdu4ps => ModelInfo {
                name: "PowerPDU 4PS",
                platform: Platform::Esp,
                firmware: "3.0.1",
                json_ver: "2.3",
                clock_unset: true,
                ..base
            },
            NetioModel::PowerCable => ModelInfo {
                name: "PowerCable 101x",
                platform: Platform::Esp,
                firmware: "2.1.0",
                json_ver: "2.0",
                outputs: 1,
                metered: &[1],
                powercable_quirks: true,
                delay_ms: 2000,
                ..base
            },
            NetioModel::PowerPdu8qs => ModelInfo {
                name: "PowerPDU 8QS",
                platform: Platform::Esp,
                firmware: "3.2.4",
                json_ver: "2.4",
                outputs: 8,
                metered: &[1],
                inputs: 1,
                extended: true,
                ..base
            },
            NetioModel::PowerDin4pz => ModelInfo {
                name: "PowerDIN 4PZ",
                platform: Platform::Esp,
                firmware: "3.2.4",
                json_ver: "2.4",
                metered: &[1, 2],
                inputs: 2,
                extended: true,
                ..base
            },
        }
    }

    pub fn name(self) -> &'static str {
        self.info().name
    }

    /// How the model names itself in a UDP discover reply (netio.md 1.11): the PRODUCT
    /// field, and the PRETTY_PLATFORM_NAME that only the NETIO 4x family sends.
    pub fn discover_names(self) -> (&'static str, Option<&'static str>) {
        let info = self.info();
        match info.platform {
            Platform::Linux => ("Netio4", Some(info.name)),
            Platform::Esp => (info.name, None),
        }
    }
}

/// How the non-resettable counters are spelled: `EnergyNR` (newer firmware) or `Energy_NR`
/// (firmware up to 4.x), netio.md 1.3 and the addendum.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, clap::ValueEnum)]
pub enum NrSpelling {
    #[default]
    Plain,
    Underscore,
}

/// Factory default short on/off delay (netio.md 1.7).
const DEFAULT_DELAY_MS: u64 = 5000;
/// A plausible load for each output, in watts, cycled over the outputs.
const BASE_LOADS_W: [f64; 4] = [42.0, 18.5, 65.0, 7.2];
/// Power factor of a switched-on load.
const POWER_FACTOR_ON: f64 = 0.93;

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Output {
    pub id: u32,
    pub name: String,
    pub on: bool,
    pub delay_ms: u64,
    pub energy_wh: f64,
    pub energy_nr_wh: f64,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Input {
    pub id: u32,
    pub name: String,
    pub on: bool,
    pub s0_counter: u64,
}

/// A revert of a short on/off.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Revert {
    pub at_ms: u64,
    pub id: u32,
    pub on: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct NetioState {
    pub model: NetioModel,
    /// The unit's MAC address, `AA:BB:CC:DD:EE:FF`.
    #[serde(default = "default_mac")]
    pub mac: String,
    pub nr_spelling: NrSpelling,
    pub device_name: String,
    pub outputs: Vec<Output>,
    pub inputs: Vec<Input>,
    pub pending: Vec<Revert>,
    pub started_ms: u64,
    /// When the resettable counters (`Energy`) were last reset: `EnergyStart`.
    pub energy_start_ms: u64,
    /// Energy counters are integrated up to this time.
    pub measured_ms: u64,
    /// `sim netio --energy-rate`: a switched-on metered output draws `3600 x rate` W (give or
    /// take 2%), so that its counters grow `rate` Wh a second instead of a real load's few
    /// Wh an hour; `Load` shows the same draw, as a real unit's would.
    #[serde(default)]
    pub energy_rate: Option<f64>,
    /// `sim netio --reset-energy-after`: the resettable counters go back to 0 (and
    /// `EnergyStart` moves) this many ms after the last reset, again and again, as when a user
    /// resets them in the web interface. The never-reset counters go on.
    #[serde(default)]
    pub reset_energy_every_ms: Option<u64>,
}

/// Why a command was refused: NETIO answers 400 "Control command syntax error".
#[derive(Debug, Clone, PartialEq)]
pub struct CommandError(pub String);

impl NetioState {
    pub fn new(model: NetioModel, nr_spelling: NrSpelling) -> NetioState {
        let info = model.info();
        let now = now_ms();
        NetioState {
            model,
            mac: default_mac(),
            nr_spelling,
            device_name: format!("{} (simulated)", info.name),
            outputs: (1..=info.outputs as u32)
                .map(|id| Output {
                    id,
                    name: match info.platform {
                        Platform::Linux => format!("output_{id}"),
                        Platform::Esp => format!("Power output {id}"),
                    },
                    on: false,
                    delay_ms: info.delay_ms,
                    energy_wh: 0.0,
                    energy_nr_wh: 0.0,
                })
                .collect(),
            inputs: (1..=info.inputs as u32)
                .map(|id| Input {
                    id,
                    name: format!("input_{id}"),
                    on: false,
                    s0_counter: 0,
                })
                .collect(),
            pending: Vec::new(),
            started_ms: now,
            energy_start_ms: now,
            measured_ms: now,
            energy_rate: None,
            reset_energy_every_ms: None,
        }
    }

    /// True when a state read from a file matches its model, so that it cannot make the
    /// simulator index out of range.
    pub fn is_well_formed(&self) -> bool {
        let info = self.model.info();
        self.outputs.len() == info.outputs
            && self.inputs.len() == info.inputs
            && self
                .outputs
                .iter()
                .enumerate()
                .all(|(i, o)| o.id == i as u32 + 1)
            && self
                .pending
                .iter()
                .all(|p| p.id >= 1 && p.id as usize <= info.outputs)
    }

    fn metered(&self, id: u32) -> bool {
        self.model.info().metered.contains(&id)
    }

    /// Mains voltage, drifting a little over minutes.
    fn voltage(&self, now: u64) -> f64 {
        round1(230.0 + 1.5 * ((now as f64) / 60_000.0).sin())
    }

    fn frequency(&self, now: u64) -> f64 {
        round2(50.0 + 0.04 * ((now as f64) / 45_000.0).sin())
    }

    /// Load of an output in watts at `now`: its base load (with `energy_rate`, the draw that
    /// uses that many Wh a second), varying by a couple of percent.
    fn load_w(&self, o: &Output, now: u64) -> f64 {
        if !o.on || !self.metered(o.id) {
            return 0.0;
        }
        let base = match self.energy_rate {
            Some(rate) => rate * 3600.0,
            None => BASE_LOADS_W[(o.id as usize - 1) % BASE_LOADS_W.len()],
        };
        base * (1.0 + 0.02 * ((now as f64) / 20_000.0 + o.id as f64).sin())
    }

    /// Applies due reverts and integrates energy, in time order.
    pub fn settle(&mut self, now: u64) {
        self.pending.sort_by_key(|p| p.at_ms);
        while let Some(next) = self.pending.first().filter(|p| p.at_ms <= now).cloned() {
            self.integrate(next.at_ms);
            self.pending.remove(0);
            if let Some(o) = self.outputs.iter_mut().find(|o| o.id == next.id) {
                o.on = next.on;
            }
        }
        self.integrate(now);
    }

    /// Integrates energy up to `until`, resetting the resettable counters on the way when
    /// `reset_energy_every_ms` says so.
    fn integrate(&mut self, until: u64) {
        if let Some(every) = self.reset_energy_every_ms.filter(|ms| *ms > 0) {
            while self.energy_start_ms.saturating_add(every) <= until {
                let at = self.energy_start_ms + every;
                self.integrate_loads(at);
                for o in &mut self.outputs {
                    o.energy_wh = 0.0;
                }
                self.energy_start_ms = at;
            }
        }
        self.integrate_loads(until);
    }

    fn integrate_loads(&mut self, until: u64) {
        if until <= self.measured_ms {
            return;
        }
        let hours = (until - self.measured_ms) as f64 / 3_600_000.0;
        for i in 0..self.outputs.len() {
            let wh = self.load_w(&self.outputs[i], until) * hours;
            self.outputs[i].energy_wh += wh;
            self.outputs[i].energy_nr_wh += wh;
        }
        self.measured_ms = until;
    }

    /// Applies one POSTed netio.json (netio.md 1.5): every output command is checked first,
    /// then all are applied, so a bad command changes nothing.
    pub fn command(&mut self, body: &Value, now: u64) -> Result<(), CommandError> {
        self.settle(now);
        let bad = |m: String| CommandError(m);
        let outputs = body
            .get("Outputs")
            .and_then(Value::as_array)
            .ok_or_else(|| bad("expected {\"Outputs\":[...]}".into()))?;
        let mut plan = Vec::new();
        for item in outputs {
            let id = item
                .get("ID")
                .and_then(Value::as_u64)
                .filter(|id| self.outputs.iter().any(|o| o.id as u64 == *id))
                .ok_or_else(|| bad(format!("unknown output ID in {item}")))?
                as u32;
            let action = item
                .get("Action")
                .and_then(Value::as_u64)
                .filter(|a| *a <= 6)
                .ok_or_else(|| bad(format!("Action must be 0-6 in {item}")))?;
            let state = match (action, item.get("State").and_then(Value::as_u64)) {
                (6, Some(s @ (0 | 1))) => Some(s == 1),
                (6, _) => return Err(bad(format!("Action 6 needs State 0 or 1 in {item}"))),
                _ => None,
            };
            let delay = match item.get("Delay") {
                None => None,
                Some(d) => Some(
                    d.as_u64()
                        .ok_or_else(|| bad(format!("bad Delay in {item}")))?,
                ),
            };
            plan.push((id, action, state, delay));
        }
        for (id, action, state, delay) in plan {
            let o = self
                .outputs
                .iter_mut()
                .find(|o| o.id == id)
                .expect("checked above");
            // A new command for an output cancels its pending revert.
            self.pending.retain(|p| p.id != id);
            // A Delay sent with the command is used once, not stored (netio.md 1.7).
            let delay = delay.unwrap_or(o.delay_ms);
            match action {
                0 => o.on = false,
                1 => o.on = true,
                // Short OFF ends on, Short ON ends off, whatever the output was.
                2 => {
                    o.on = false;
                    self.pending.push(Revert {
                        at_ms: now.saturating_add(delay),
                        id,
                        on: true,
                    });
                }
                3 => {
                    o.on = true;
                    self.pending.push(Revert {
                        at_ms: now.saturating_add(delay),
                        id,
                        on: false,
                    });
                }
                4 => o.on = !o.on,
                5 => {}
                _ => o.on = state.unwrap_or(o.on),
            }
        }
        Ok(())
    }

    /// The netio.json document as this model sends it, field for field.
    pub fn document(&mut self, now: u64) -> Value {
        self.settle(now);
        let info = self.model.info();
        let voltage = self.voltage(now);
        let mut agent = Map::new();
        agent.insert("Model".into(), json!(info.name));
        agent.insert("Version".into(), json!(info.firmware));
        agent.insert("JSONVer".into(), json!(info.json_ver));
        agent.insert("DeviceName".into(), json!(self.device_name));
        let zero = if info.powercable_quirks {
            json!("0")
        } else {
            json!(0)
        };
        agent.insert("VendorID".into(), zero.clone());
        agent.insert("OemID".into(), zero);
        match (info.platform, info.powercable_quirks) {
            (Platform::Linux, _) => {
                agent.insert("SerialNumber".into(), json!(self.mac));
            }
            (Platform::Esp, quirks) => {
                if !quirks {
                    agent.insert("SerialNumber".into(), json!(self.mac.replace(':', "")));
                }
                agent.insert("MAC".into(), json!(self.mac));
            }
        }
        let uptime_ms = now.saturating_sub(self.started_ms);
        agent.insert("Uptime".into(), json!(uptime_ms / 1000));
        let clock = if info.clock_unset { uptime_ms } else { now };
        agent.insert("Time".into(), json!(iso8601(clock)));
        agent.insert("NumOutputs".into(), json!(info.outputs));
        if info.extended {
            agent.insert("NumInputs".into(), json!(info.inputs));
        }
        let (nr, reverse_nr) = match self.nr_spelling {
            NrSpelling::Plain => ("EnergyNR", "ReverseEnergyNR"),
            NrSpelling::Underscore => ("Energy_NR", "ReverseEnergy_NR"),
        };
        let mut outputs = Vec::new();
        let (mut total_load, mut total_current, mut total_energy, mut total_energy_nr) =
            (0.0, 0u64, 0u64, 0u64);
        for o in &self.outputs {
            let mut m = Map::new();
            m.insert("ID".into(), json!(o.id));
            m.insert("Name".into(), json!(o.name));
            m.insert("State".into(), json!(u8::from(o.on)));
            // Reads always report Action 6, "ignored" (netio.md 1.6).
            m.insert("Action".into(), json!(6));
            m.insert("Delay".into(), json!(o.delay_ms));
            if self.metered(o.id) {
                let load = self.load_w(o, now);
                let pf = if o.on { POWER_FACTOR_ON } else { 0.0 };
                let current_ma = if o.on {
                    (load / (voltage * POWER_FACTOR_ON) * 1000.0).round() as u64
                } else {
                    0
                };
                m.insert("Current".into(), json!(current_ma));
                m.insert("PowerFactor".into(), json!(round2(pf)));
                if info.extended {
                    m.insert("Phase".into(), json!(if o.on { 21.6 } else { 0.0 }));
                }
                m.insert("Load".into(), json!(load.round() as u64));
                m.insert("Energy".into(), json!(o.energy_wh.floor() as u64));
                if info.extended {
                    m.insert("ReverseEnergy".into(), json!(0));
                    m.insert(nr.into(), json!(o.energy_nr_wh.floor() as u64));
                    m.insert(reverse_nr.into(), json!(0));
                }
                total_load += load;
                total_current += current_ma;
                total_energy += o.energy_wh.floor() as u64;
                total_energy_nr += o.energy_nr_wh.floor() as u64;
            }
            outputs.push(Value::Object(m));
        }
        let mut doc = Map::new();
        doc.insert("Agent".into(), Value::Object(agent));
        if !info.metered.is_empty() {
            let mut g = Map::new();
            if info.powercable_quirks {
                g.insert("Voltage".into(), json!(voltage.round() as u64));
                g.insert(
                    "Frequency".into(),
                    json!(self.frequency(now).round() as u64),
                );
            } else {
                g.insert("Voltage".into(), json!(voltage));
                g.insert("Frequency".into(), json!(self.frequency(now)));
                g.insert("TotalCurrent".into(), json!(total_current));
            }
            let any_on = total_load > 0.0;
            g.insert(
                "OverallPowerFactor".into(),
                json!(if any_on { POWER_FACTOR_ON } else { 0.0 }),
            );
            g.insert("TotalLoad".into(), json!(total_load.round() as u64));
            g.insert("TotalEnergy".into(), json!(total_energy));
            if info.extended {
                g.insert("TotalReverseEnergy".into(), json!(0));
                g.insert(format!("Total{nr}"), json!(total_energy_nr));
                g.insert(format!("Total{reverse_nr}"), json!(0));
            }
            g.insert("EnergyStart".into(), json!(iso8601(self.energy_start_ms)));
            doc.insert("GlobalMeasure".into(), Value::Object(g));
        }
        doc.insert("Outputs".into(), Value::Array(outputs));
        if !self.inputs.is_empty() {
            let inputs = self
                .inputs
                .iter()
                .map(|i| json!({"ID": i.id, "Name": i.name, "State": u8::from(i.on), "S0Counter": i.s0_counter}))
                .collect();
            doc.insert("Inputs".into(), Value::Array(inputs));
        }
        Value::Object(doc)
    }
}

/// MAC address of the simulated unit unless told another (a locally administered one);
/// NETIO serial numbers are derived from it. `pductl sim netio` gives each unit its own
/// instead (`mac_for_port`), so that two of them are two devices to discover.
pub const DEFAULT_MAC: &str = "02:4E:45:54:49:4F";

/// The MAC address of a simulated unit serving HTTP on `port`: `DEFAULT_MAC`'s first four
/// bytes (locally administered, "NET"), then the port. Units on different ports differ.
pub fn mac_for_port(port: u16) -> String {
    let [high, low] = port.to_be_bytes();
    format!("{}:{high:02X}:{low:02X}", &DEFAULT_MAC[..11])
}

fn default_mac() -> String {
    DEFAULT_MAC.to_string()
}

/// Reads `AA:BB:CC:DD:EE:FF` (either case, `:` or `-`) into the unit's form.
pub fn parse_mac(text: &str) -> Option<String> {
    let bytes: Vec<u8> = text
        .split([':', '-'])
        .map(|h| {
            (h.len() == 2)
                .then(|| u8::from_str_radix(h, 16).ok())
                .flatten()
        })
        .collect::<Option<_>>()?;
    (bytes.len() == 6).then(|| {
        bytes
            .iter()
            .map(|b| format!("{b:02X}"))
            .collect::<Vec<_>>()
            .join(":")
    })
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// `2018-08-15T18:44:28+00:00`, the form NETIO uses for Time and EnergyStart (in UTC).
pub fn iso8601(ms: u64) -> String {
    let secs = ms / 1000;
    let (days, rem) = (secs / 86_400, secs % 86_400);
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}+00:00",
        rem / 3600,
        (rem % 3600) / 60,
        rem % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_port_its_own_mac() {
        assert_eq!(mac_for_port(8080), "02:4E:45:54:1F:90");
        assert_eq!(
            parse_mac(&mac_for_port(1)).as_deref(),
            Some("02:4E:45:54:00:01")
        );
        assert_ne!(mac_for_port(40001), mac_for_port(40002));
    }

    #[test]
    fn iso8601_dates() {
        assert_eq!(iso8601(0), "1970-01-01T00:00:00+00:00");
        assert_eq!(iso8601(1_534_358_668_000), "2018-08-15T18:44:28+00:00");
        assert_eq!(iso8601(951_782_400_000), "2000-02-29T00:00:00+00:00");
    }

    #[test]
    fn short_off_ends_on_and_short_on_ends_off() {
        let mut s = NetioState::new(NetioModel::Netio4, NrSpelling::Plain);
        let now = now_ms();
        s.command(
            &json!({"Outputs": [{"ID": 1, "Action": 2, "Delay": 1000}, {"ID": 2, "Action": 3}]}),
            now,
        )
        .unwrap();
        assert!(!s.outputs[0].on && s.outputs[1].on);
        s.settle(now + 1000);
        assert!(
            s.outputs[0].on && s.outputs[1].on,
            "output 2 keeps its 5 s default"
        );
        s.settle(now + 5000);
        assert!(!s.outputs[1].on);
    }

    #[test]
    fn a_bad_command_changes_nothing() {
        let mut s = NetioState::new(NetioModel::Netio4, NrSpelling::Plain);
        let e = s.command(
            &json!({"Outputs": [{"ID": 1, "Action": 1}, {"ID": 9, "Action": 1}]}),
            now_ms(),
        );
        assert!(e.is_err());
        assert!(!s.outputs[0].on);
        assert!(s
            .command(&json!({"Outputs": [{"ID": 1, "Action": 7}]}), now_ms())
            .is_err());
        assert!(s
            .command(&json!({"Outputs": [{"ID": 1, "Action": 6}]}), now_ms())
            .is_err());
        s.command(
            &json!({"Outputs": [{"ID": 1, "Action": 6, "State": 1}]}),
            now_ms(),
        )
        .unwrap();
        assert!(s.outputs[0].on);
    }

    #[test]
    fn energy_accumulates_while_on() {
        let mut s = NetioState::new(NetioModel::Netio4All, NrSpelling::Plain);
        let now = now_ms();
        s.command(&json!({"Outputs": [{"ID": 3, "Action": 1}]}), now)
            .unwrap();
        let doc = s.document(now + 3_600_000);
        let energy = doc["Outputs"][2]["Energy"].as_u64().unwrap();
        assert!(
            (60..=70).contains(&energy),
            "about 65 Wh in an hour, got {energy}"
        );
        assert_eq!(doc["Outputs"][0]["Energy"], json!(0));
    }

    #[test]
    fn a_fast_energy_rate_shows_in_load_and_counters() {
        let mut s = NetioState::new(NetioModel::PowerDin4pz, NrSpelling::Plain);
        s.energy_rate = Some(0.5);
        let now = s.measured_ms;
        s.command(&json!({"Outputs": [{"ID": 1, "Action": 1}]}), now)
            .unwrap();
        let doc = s.document(now + 10_000);
        let load = doc["Outputs"][0]["Load"].as_u64().unwrap();
        assert!(
            (1764..=1836).contains(&load),
            "1800 W give or take 2%: {load}"
        );
        let energy = doc["Outputs"][0]["Energy"].as_u64().unwrap();
        assert!((4..=5).contains(&energy), "5 Wh in 10 s: {energy}");
        assert_eq!(doc["Outputs"][0]["EnergyNR"], doc["Outputs"][0]["Energy"]);
        assert_eq!(doc["Outputs"][1]["Energy"], json!(0), "off");
    }

    #[test]
    fn resets_zero_the_resettable_counters_and_move_energy_start() {
        let mut s = NetioState::new(NetioModel::PowerDin4pz, NrSpelling::Plain);
        s.energy_rate = Some(1.0);
        s.reset_energy_every_ms = Some(4_000);
        let start = s.energy_start_ms;
        s.command(&json!({"Outputs": [{"ID": 1, "Action": 1}]}), start)
            .unwrap();
        let doc = s.document(start + 10_000);
        let (energy, nr) = (
            doc["Outputs"][0]["Energy"].as_u64().unwrap(),
            doc["Outputs"][0]["EnergyNR"].as_u64().unwrap(),
        );
        assert!(
            (1..=2).contains(&energy),
            "2 s since the reset at 8 s: {energy}"
        );
        assert!((9..=10).contains(&nr), "never reset: {nr}");
        assert_eq!(s.energy_start_ms, start + 8_000);
        assert_eq!(
            doc["GlobalMeasure"]["EnergyStart"],
            json!(iso8601(start + 8_000))
        );
    }
}
