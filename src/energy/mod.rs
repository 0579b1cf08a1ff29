//! Metering over time (issue 23): `record` appends what devices meter to a sample store
//! (`store.rs`, SQLite), and `energy` turns the samples into energy per outlet over windows
//! of time (`window.rs`). `sample.rs` decides what of a `/meter/values` read is kept and how;
//! `time.rs` reads durations and times. No SQL outside `store.rs`, no printing anywhere here.
//!
//! Per outlet, `energy` uses the best the device gives: its never-reset counter (NETIO
//! `EnergyNR`/`Energy_NR`), else its resettable one (NETIO `Energy` with `EnergyStart`,
//! ENERGY-OBJECT-MIB or driver `energy` meters), resets bridged, else its power integrated
//! over time. A device that meters only as a whole (a DLI controller's total power) gives
//! one row for the unit (or one per bus) instead of rows per outlet.

pub mod sample;
pub mod store;
pub mod time;
pub mod window;

use crate::error::Result;
use sample::Kind;
use std::collections::BTreeMap;
use store::{Series, Store};
use window::{Curve, Figure, Method, Point};

/// A window of time: milliseconds since 1970, `since` before `until`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    pub since: i64,
    pub until: i64,
}

impl Window {
    pub fn seconds(&self) -> f64 {
        (self.until - self.since) as f64 / 1000.0
    }
}

/// What a device's energy rows are of: an outlet (from 0), or a part of the unit named by
/// its key's prefix (`""` the whole unit, `bus.257`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Place {
    Outlet(u32),
    Unit(String),
}

/// One outlet's (or unit's) energy in each window asked for.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub device: String,
    pub place: Place,
    /// The outlet's name as last recorded; for a unit, what part of it.
    pub name: String,
    pub method: Method,
    /// One per window, in the order asked.
    pub figures: Vec<Figure>,
}

impl Row {
    /// The outlet from 1, as the power verbs number them; `None` for a unit's row.
    pub fn outlet_number(&self) -> Option<u32> {
        match self.place {
            Place::Outlet(i) => Some(i + 1),
            Place::Unit(_) => None,
        }
    }
}

/// The place a series meters.
fn place(s: &Series) -> Place {
    match s.outlet {
        Some(i) => Place::Outlet(i),
        None => Place::Unit(
            s.key
                .rsplit_once('.')
                .map_or(String::new(), |(scope, _)| scope.to_string()),
        ),
    }
}

/// How a unit's row is named: `whole unit`, `bus 257`.
fn unit_name(scope: &str) -> String {
    match scope {
        "" => "whole unit".into(),
        s => s.replace('.', " "),
    }
}

/// The energy rows of `device` over `windows`: one per outlet it meters (only `outlets`,
/// from 0, when given), or where it meters no outlet, one per part of the unit. Empty when
/// the store has nothing to compute energy from for it.
pub fn rows(
    store: &Store,
    device: &str,
    outlets: Option<&[u32]>,
    windows: &[Window],
) -> Result<Vec<Row>> {
    let all = store.series(device)?;
    let useful = |s: &&Series| matches!(s.kind, Kind::Power | Kind::Energy | Kind::EnergyNr);
    let per_outlet = all.iter().filter(useful).any(|s| s.outlet.is_some());
    let mut places: BTreeMap<Place, Vec<&Series>> = BTreeMap::new();
    for s in all.iter().filter(useful) {
        let p = place(s);
        let wanted = match (&p, outlets) {
            (Place::Outlet(i), Some(list)) => list.contains(i),
            (Place::Outlet(_), None) => true,
            (Place::Unit(_), _) => !per_outlet && outlets.is_none(),
        };
        if wanted {
            places.entry(p).or_default().push(s);
        }
    }
    if places.is_empty() || windows.is_empty() {
        return Ok(Vec::new());
    }
    let from = windows.iter().map(|w| w.since).min().unwrap_or(0);
    let to = windows.iter().map(|w| w.until).max().unwrap_or(0);
    let epochs_series = all
        .iter()
        .find(|s| s.kind == Kind::EnergyStart && s.outlet.is_none());
    let mut epochs: Option<Vec<Point>> = None;
    let names = store.outlet_names(device)?;
    let mut rows = Vec::new();
    for (p, series) in places {
        let of = |kind: Kind| series.iter().find(|s| s.kind == kind).copied();
        let load = |s: Option<&Series>| -> Result<Vec<Point>> {
            s.map_or(Ok(Vec::new()), |s| store.points(s.id, from, to))
        };
        let mut curve = None;
        for kind in [Kind::EnergyNr, Kind::Energy] {
            let points = load(of(kind))?;
            if points.len() >= 2 {
                let power = load(of(Kind::Power))?;
                // Reset times matter only to the resettable counter.
                let resets = match (kind, epochs_series) {
                    (Kind::Energy, Some(e)) => {
                        if epochs.is_none() {
                            epochs = Some(store.points(e.id, from, to)?);
                        }
                        epochs.clone().unwrap_or_default()
                    }
                    _ => Vec::new(),
                };
                curve = Some(Curve::counter(&points, &resets, &power));
                break;
            }
        }
        let curve = match curve {
            Some(c) => c,
            None => {
                let power = load(of(Kind::Power))?;
                if power.len() >= 2 || of(Kind::Power).is_some() {
                    Curve::integrated(&power)
                } else {
                    // A counter read once: nothing to subtract yet.
                    let counter = load(of(Kind::EnergyNr).or(of(Kind::Energy)))?;
                    Curve::counter(&counter, &[], &[])
                }
            }
        };
        let name = match &p {
            Place::Outlet(i) => names.get(i).cloned().unwrap_or_default(),
            Place::Unit(scope) => unit_name(scope),
        };
        rows.push(Row {
            device: device.to_string(),
            name,
            method: curve.method,
            figures: windows
                .iter()
                .map(|w| curve.window(w.since, w.until))
                .collect(),
            place: p,
        });
    }
    Ok(rows)
}

/// The sum of some rows in each window: Wh added up, coverage the least of theirs.
pub fn total(rows: &[&Row], windows: usize) -> Vec<Figure> {
    (0..windows)
        .map(|w| Figure {
            wh: rows.iter().map(|r| r.figures[w].wh).sum(),
            coverage: rows
                .iter()
                .map(|r| r.figures[w].coverage)
                .fold(None, |m: Option<f64>, c| Some(m.map_or(c, |m| m.min(c))))
                .unwrap_or(0.0),
            samples: rows.iter().map(|r| r.figures[w].samples).sum(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::store::Round;
    use super::*;
    use serde_json::json;

    fn netio_round(t: i64, e: [f64; 2], epoch: f64) -> Round {
        let values = json!({
            "outlets.0.power": {"value": 3600.0, "quantity": "power", "unit": "W"},
            "outlets.0.energy": {"value": e[0], "quantity": "energy", "unit": "Wh"},
            "outlets.1.power": {"value": 1800.0, "quantity": "power", "unit": "W"},
            "outlets.1.energy": {"value": e[1], "quantity": "energy", "unit": "Wh"},
            "power": {"value": 5400.0, "quantity": "power", "unit": "W"},
            "energy_start": {"value": epoch, "quantity": "timestamp", "unit": "s"},
        });
        Round {
            device: "desk".into(),
            t_ms: t,
            readings: sample::readings(&values).0,
            names: vec![(0, "DUT".into()), (1, "lamp".into())],
        }
    }

    #[test]
    fn rows_per_outlet_from_the_counters_with_a_reset_bridged() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open_for_recording(&dir.path().join("e.sqlite")).unwrap();
        let t0 = 1_700_000_000_000i64;
        let start = t0 as f64 / 1000.0;
        // 1 Wh/s and 0.5 Wh/s, read every 10 s; reset at t0 + 25 s.
        // EnergyStart is whole seconds: 24.5 s stands for "in the second after 24.5 s".
        for (k, epoch) in [
            (0, start),
            (1, start),
            (2, start),
            (3, start + 24.5),
            (4, start + 24.5),
        ] {
            let t = t0 + k * 10_000;
            let since = if k >= 3 {
                25.0
            } else {
                10.0 * k as f64 + 100.0
            };
            let e = if k >= 3 {
                [(10 * k) as f64 - 25.0, ((10 * k) as f64 - 25.0) / 2.0]
            } else {
                [since, since / 2.0]
            };
            store.append(&[netio_round(t, e, epoch)]).unwrap();
        }
        let windows = [
            Window {
                since: t0,
                until: t0 + 40_000,
            },
            Window {
                since: t0 + 20_000,
                until: t0 + 60_000,
            },
        ];
        let rows = rows(&store, "desk", None, &windows).unwrap();
        assert_eq!(rows.len(), 2, "outlets, not the unit: {rows:?}");
        assert_eq!(
            (rows[0].outlet_number(), rows[0].name.as_str()),
            (Some(1), "DUT")
        );
        assert_eq!(rows[0].method, Method::Counter);
        assert!(
            (rows[0].figures[0].wh - 40.0).abs() < 1e-6,
            "{:?}",
            rows[0].figures
        );
        assert!(
            (rows[1].figures[0].wh - 20.0).abs() < 1e-6,
            "{:?}",
            rows[1].figures
        );
        assert!((rows[0].figures[1].coverage - 0.5).abs() < 1e-9);
        let only = super::rows(&store, "desk", Some(&[1]), &windows).unwrap();
        assert_eq!(only.len(), 1);
        let sum = total(&rows.iter().collect::<Vec<_>>(), 2);
        assert!((sum[0].wh - 60.0).abs() < 1e-6);
        assert!((sum[1].coverage - 0.5).abs() < 1e-9);
    }

    #[test]
    fn a_unit_that_meters_only_as_a_whole_has_one_integrated_row() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open_for_recording(&dir.path().join("e.sqlite")).unwrap();
        for k in 0..4 {
            let values = json!({"power": {"name": "Total power", "value": 360.0, "quantity": "power"},
                                "current": {"value": 3.0, "quantity": "current"}});
            store
                .append(&[Round {
                    device: "lab".into(),
                    t_ms: k * 10_000,
                    readings: sample::readings(&values).0,
                    names: vec![],
                }])
                .unwrap();
        }
        let rows = rows(
            &store,
            "lab",
            None,
            &[Window {
                since: 0,
                until: 30_000,
            }],
        )
        .unwrap();
        assert_eq!(rows.len(), 1);
        assert_eq!(
            (rows[0].outlet_number(), rows[0].name.as_str()),
            (None, "whole unit")
        );
        assert_eq!(rows[0].method, Method::Integrated);
        assert!((rows[0].figures[0].wh - 3.0).abs() < 1e-9);
        assert_eq!(rows[0].figures[0].samples, 4);
        assert!(
            super::rows(&store, "lab", Some(&[0]), &[Window { since: 0, until: 1 }])
                .unwrap()
                .is_empty()
        );
    }
}
