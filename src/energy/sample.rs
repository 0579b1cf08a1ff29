//! What `record` keeps of one read of a device's `/meter/values` (`{KEY: {name, value,
//! quantity, unit}}`): one reading per value, its outlet taken from the key
//! (`outlets.{i}.power`, outlets from 0; unit-level keys such as `power`, `energy` or
//! `bus.257.power` have none), its role in energy windows taken from the key's last part
//! (`power`, `energy`, `energy_nr`, `energy_start`), power and energy in W and Wh whatever
//! unit the device used, and values no meter can show (negative, NaN, absurd) left out
//! with the reason.

use serde_json::Value;

/// What a reading is to the energy windows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Active power, W: integrated over time where there is no counter.
    Power,
    /// A cumulative energy counter the user can reset (NETIO `Energy`, a driver's `energy`),
    /// Wh.
    Energy,
    /// A cumulative energy counter that is never reset (NETIO `EnergyNR`/`Energy_NR`), Wh.
    EnergyNr,
    /// When the resettable counters were last reset (NETIO `EnergyStart`), seconds since
    /// 1970.
    EnergyStart,
    /// Any other value (current, voltage, power factor...): recorded, not used for energy.
    Other,
}

impl Kind {
    /// The role of the value `KEY` names: by the key's last part, which the transports
    /// spell alike (netio_json.rs, the drivers' `[[meter]]`, mqtt.rs, snmp.rs).
    pub fn of(key: &str) -> Kind {
        let field = key.rsplit('.').next().unwrap_or(key);
        match field {
            "power" => Kind::Power,
            "energy" => Kind::Energy,
            "energy_nr" => Kind::EnergyNr,
            "energy_start" => Kind::EnergyStart,
            _ => Kind::Other,
        }
    }

    pub fn is_counter(self) -> bool {
        matches!(self, Kind::Energy | Kind::EnergyNr)
    }
}

/// Most power any meter is believed (the issue: above 10^9 W is absurd).
pub const MAX_POWER_W: f64 = 1e9;
/// Most energy a counter is believed to hold: 1 TWh (a 32-bit Wh counter ends at 4.3 GWh).
pub const MAX_COUNTER_WH: f64 = 1e12;
/// The most one outlet can draw, for judging a counter's jump: 16 A at 240 V [INF: the
/// largest single-phase outlet rating of the PDUs pductl drives; no device reports its
/// rating through the object model].
pub const OUTLET_RATING_W: f64 = 16.0 * 240.0;
/// The most a whole unit or bus can draw: three phases of 63 A at 240 V [INF].
pub const UNIT_RATING_W: f64 = 3.0 * 63.0 * 240.0;
/// Counters are read in whole steps of their unit (NETIO: 1 Wh; APC: 0.1 kWh): a jump may
/// exceed what the rating allows by this many steps before it is called absurd.
const COUNTER_SLACK_STEPS: f64 = 2.0;

/// One value read from a device, ready to store.
#[derive(Debug, Clone, PartialEq)]
pub struct Reading {
    /// The key in `/meter/values`, as the device gave it.
    pub key: String,
    /// The outlet it meters, from 0 (`outlets.{i}.…`); `None` for the whole unit or a bus.
    pub outlet: Option<u32>,
    pub kind: Kind,
    pub quantity: String,
    /// The unit of `value`: W and Wh for power and energy, whatever the device said else.
    pub unit: String,
    /// The device's label of the value.
    pub name: String,
    pub value: f64,
    /// For a counter: how far above what the rating allows a jump may go, in Wh (the
    /// device's resolution).
    pub slack_wh: f64,
}

impl Reading {
    /// The most the value may rise in `elapsed_ms` where it is a counter: the rating of an
    /// outlet, or of a unit, over that time, plus the counter's resolution.
    pub fn max_rise_wh(&self, elapsed_ms: i64) -> f64 {
        let rating = match self.outlet {
            Some(_) => OUTLET_RATING_W,
            None => UNIT_RATING_W,
        };
        rating * elapsed_ms.max(0) as f64 / 3.6e6 + self.slack_wh
    }

    /// Whether a counter that read `previous` `elapsed_ms` before may now read this: a
    /// smaller value is a reset (allowed); a larger one must be within what the outlet can
    /// draw in the time. `Err` says why not.
    pub fn check_rise(&self, previous: f64, elapsed_ms: i64) -> Result<(), String> {
        if !self.kind.is_counter() || self.value <= previous {
            return Ok(());
        }
        let rise = self.value - previous;
        let most = self.max_rise_wh(elapsed_ms);
        if rise <= most {
            return Ok(());
        }
        let rating = match self.outlet {
            Some(_) => OUTLET_RATING_W,
            None => UNIT_RATING_W,
        };
        Err(format!(
            "{} rose {} Wh in {:.1} s, more than {} W can use (at most {} Wh)",
            self.key,
            round3(rise),
            elapsed_ms as f64 / 1000.0,
            rating,
            round3(most)
        ))
    }
}

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// Watts in one of a power unit; Wh in one of an energy unit.
fn factor(kind: Kind, unit: &str) -> Option<f64> {
    match kind {
        Kind::Power => match unit {
            "" | "W" => Some(1.0),
            "mW" => Some(0.001),
            "kW" => Some(1e3),
            "MW" => Some(1e6),
            _ => None,
        },
        Kind::Energy | Kind::EnergyNr => match unit {
            "" | "Wh" => Some(1.0),
            "kWh" => Some(1e3),
            "MWh" => Some(1e6),
            "J" | "Ws" => Some(1.0 / 3600.0),
            "kJ" => Some(1e3 / 3600.0),
            _ => None,
        },
        Kind::EnergyStart => match unit {
            "" | "s" => Some(1.0),
            "ms" => Some(0.001),
            _ => None,
        },
        Kind::Other => Some(1.0),
    }
}

/// Why a value cannot be recorded as a reading of its kind, if it cannot.
fn implausible(kind: Kind, quantity: &str, value: f64) -> Option<String> {
    if !value.is_finite() {
        return Some(format!("{value} is not a number"));
    }
    let never_negative = matches!(
        quantity,
        "power" | "energy" | "current" | "voltage" | "frequency"
    ) || kind != Kind::Other;
    if never_negative && value < 0.0 {
        return Some(format!("{value} is negative"));
    }
    match kind {
        Kind::Power if value > MAX_POWER_W => {
            Some(format!("{value} W is more than any meter reads"))
        }
        Kind::Energy | Kind::EnergyNr if value > MAX_COUNTER_WH => {
            Some(format!("{value} Wh is more than any counter holds"))
        }
        _ => None,
    }
}

/// The outlet of `outlets.{i}.FIELD`, from 0.
fn outlet_of(key: &str) -> Option<u32> {
    let rest = key.strip_prefix("outlets.")?;
    let (index, field) = rest.split_once('.')?;
    if field.is_empty() || index.is_empty() || !index.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    index
        .parse()
        .ok()
        .filter(|i| *i < crate::transport::MAX_OUTLETS as u32)
}

/// The readings in one answer to `get meter/values`, and for each value left out, why.
/// Values that are not numbers (a device's `null` for "not measured") are not readings and
/// are passed over without a word.
pub fn readings(values: &Value) -> (Vec<Reading>, Vec<String>) {
    let mut out = Vec::new();
    let mut skipped = Vec::new();
    let Some(map) = values.as_object() else {
        return (out, skipped);
    };
    for (key, entry) in map {
        // A bare number is a value too (some faces flatten `{value}`).
        let raw = match entry {
            Value::Object(o) => o.get("value").cloned().unwrap_or(Value::Null),
            other => other.clone(),
        };
        let Some(value) = raw.as_f64() else {
            continue;
        };
        let text = |field: &str| entry.get(field).and_then(Value::as_str).unwrap_or("");
        let kind = Kind::of(key);
        let quantity = match text("quantity") {
            "" => match kind {
                Kind::Power => "power",
                Kind::Energy | Kind::EnergyNr => "energy",
                Kind::EnergyStart => "timestamp",
                Kind::Other => "",
            },
            q => q,
        }
        .to_string();
        // A key named like a counter whose quantity says otherwise is not used as one.
        let kind = match (kind, quantity.as_str()) {
            (Kind::Power, "power")
            | (Kind::Energy | Kind::EnergyNr, "energy")
            | (Kind::EnergyStart, "timestamp")
            | (Kind::Other, _) => kind,
            _ => Kind::Other,
        };
        let unit = text("unit");
        let Some(scale) = factor(kind, unit) else {
            skipped.push(format!(
                "{key}: {value} {unit} is in a unit pductl does not convert to {}",
                if kind == Kind::Power { "W" } else { "Wh" }
            ));
            continue;
        };
        let value = value * scale;
        if let Some(why) = implausible(kind, &quantity, value) {
            skipped.push(format!("{key}: {why}"));
            continue;
        }
        let unit = match kind {
            Kind::Power => "W",
            Kind::Energy | Kind::EnergyNr => "Wh",
            Kind::EnergyStart => "s",
            Kind::Other => unit,
        }
        .to_string();
        out.push(Reading {
            key: key.clone(),
            outlet: outlet_of(key),
            kind,
            quantity,
            unit,
            name: text("name").to_string(),
            value,
            slack_wh: COUNTER_SLACK_STEPS * scale.max(1.0),
        });
    }
    (out, skipped)
}

/// Whether an `EnergyStart` says when the counters were reset: NETIO units whose clock was
/// never set report 1970 (netio-cloud-metering.md 3.2), which means "unknown". Anything
/// before 2000 is taken as such.
pub fn known_reset_time(seconds: f64) -> bool {
    seconds >= 946_684_800.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn one(values: Value) -> Result<Reading, String> {
        let (mut r, mut skipped) = readings(&values);
        match (r.pop(), skipped.pop()) {
            (Some(r), None) => Ok(r),
            (None, Some(why)) => Err(why),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn keys_give_outlets_and_roles() {
        let values = json!({
            "outlets.0.power": {"name": "Output 1 power", "value": 42.0, "quantity": "power", "unit": "W"},
            "outlets.11.energy_nr": {"name": "x", "value": 7, "quantity": "energy", "unit": "Wh"},
            "outlets.2.current": {"value": 0.2, "quantity": "current", "unit": "A"},
            "energy": {"name": "Total energy", "value": 12, "quantity": "energy", "unit": "Wh"},
            "energy_start": {"value": 1.7e9, "quantity": "timestamp", "unit": "s"},
            "bus.257.power": {"value": 100.0, "quantity": "power", "unit": "W"},
            "power": {"name": "Total power", "value": 50.0, "quantity": "power"},
            "outlets.x.power": {"value": 1.0, "quantity": "power"},
            "temperature": {"value": null, "quantity": "temperature"},
        });
        let (r, skipped) = readings(&values);
        assert!(skipped.is_empty(), "{skipped:?}");
        let get = |k: &str| r.iter().find(|r| r.key == k).unwrap();
        assert_eq!(get("outlets.0.power").outlet, Some(0));
        assert_eq!(get("outlets.0.power").kind, Kind::Power);
        assert_eq!(get("outlets.11.energy_nr").outlet, Some(11));
        assert_eq!(get("outlets.11.energy_nr").kind, Kind::EnergyNr);
        assert_eq!(get("outlets.2.current").kind, Kind::Other);
        assert_eq!(get("energy").outlet, None);
        assert_eq!(get("energy").kind, Kind::Energy);
        assert_eq!(get("energy_start").kind, Kind::EnergyStart);
        assert_eq!(get("bus.257.power").outlet, None);
        assert_eq!(get("power").unit, "W");
        assert_eq!(get("outlets.x.power").outlet, None);
        assert!(
            r.iter().all(|r| r.key != "temperature"),
            "null is no reading"
        );
    }

    #[test]
    fn units_are_converted_to_watts_and_watt_hours() {
        let r =
            one(json!({"outlets.0.energy": {"value": 1.5, "quantity": "energy", "unit": "kWh"}}))
                .unwrap();
        assert_eq!((r.value, r.unit.as_str()), (1500.0, "Wh"));
        assert_eq!(r.slack_wh, 2000.0, "two steps of a kWh counter");
        let r = one(json!({"outlets.0.power": {"value": 1.5, "quantity": "power", "unit": "kW"}}))
            .unwrap();
        assert_eq!(r.value, 1500.0);
        let r = one(json!({"energy": {"value": 7200, "quantity": "energy", "unit": "J"}})).unwrap();
        assert_eq!(r.value, 2.0);
        let e = one(json!({"outlets.0.power": {"value": 1.5, "quantity": "power", "unit": "VA"}}))
            .unwrap_err();
        assert!(e.contains("VA"), "{e}");
        // A key named like a counter that measures something else is not a counter.
        let r = one(json!({"outlets.0.energy": {"value": 3, "quantity": "current", "unit": "A"}}))
            .unwrap();
        assert_eq!(r.kind, Kind::Other);
    }

    #[test]
    fn absurd_values_are_left_out_with_the_reason() {
        for (value, why) in [
            (json!(-1.0), "negative"),
            (json!(2e9), "more than any meter"),
        ] {
            let e =
                one(json!({"outlets.0.power": {"value": value, "quantity": "power", "unit": "W"}}))
                    .unwrap_err();
            assert!(e.contains(why) && e.contains("outlets.0.power"), "{e}");
        }
        let e =
            one(json!({"outlets.0.energy_nr": {"value": 1e13, "quantity": "energy"}})).unwrap_err();
        assert!(e.contains("counter"), "{e}");
        let e = one(json!({"current": {"value": -0.5, "quantity": "current", "unit": "A"}}))
            .unwrap_err();
        assert!(e.contains("negative"), "{e}");
        // A phase angle may be negative.
        assert!(one(json!({"outlets.0.phase": {"value": -12.0, "quantity": "phase"}})).is_ok());
    }

    #[test]
    fn counter_rises_are_bounded_by_the_rating() {
        let r =
            one(json!({"outlets.0.energy": {"value": 1010.0, "quantity": "energy", "unit": "Wh"}}))
                .unwrap();
        // 3840 W for an hour: 3840 Wh; for a second: about 1 Wh plus two steps.
        assert!(r.check_rise(1000.0, 3_600_000).is_ok());
        assert!(
            r.check_rise(1009.0, 100).is_ok(),
            "within the counter's resolution"
        );
        let e = r.check_rise(1000.0, 1000).unwrap_err();
        assert!(e.contains("rose 10 Wh in 1.0 s"), "{e}");
        assert!(r.check_rise(5000.0, 1000).is_ok(), "a fall is a reset");
        let unit = one(json!({"energy": {"value": 1040.0, "quantity": "energy"}})).unwrap();
        assert!(
            unit.check_rise(1000.0, 3_600).is_ok(),
            "a unit draws more than an outlet"
        );
    }

    #[test]
    fn a_1970_energy_start_is_unknown() {
        assert!(!known_reset_time(3600.0));
        assert!(known_reset_time(1_575_407_270.0));
    }
}
