//! `pductl energy [TARGET...]`: energy per outlet over windows of time (`--window 1h,4h,24h`,
//! or `--since`/`--until`), from the sample store `record` fills; totals per device and
//! overall. A table on a terminal, JSON into a pipe.

use super::record::{named_devices, store_path};
use crate::cli::{EnergyArgs, GlobalOpts};
use crate::energy::store::Store;
use crate::energy::time::{format_duration, format_rfc3339, now_ms, parse_time};
use crate::energy::window::Figure;
use crate::energy::{self, Row, Window};
use crate::error::{Error, Result};
use crate::output::{self, Out, OutputFormat};
use crate::power::targets::{self, Outlets};
use serde_json::{json, Value};
use std::io::IsTerminal;

/// How to fill the store, for the messages that find it empty.
fn how_to_record(what: &str) -> String {
    format!(
        "record with `pductl record{what}` (once a round; every 5 minutes from cron: \
         */5 * * * * pductl -q record), or keep it running with `pductl record{what} --every 5m`"
    )
}

pub async fn run(g: &GlobalOpts, args: &EnergyArgs, out: &mut Out) -> Result<()> {
    output::check_format(
        "energy",
        g.output,
        &[OutputFormat::Json, OutputFormat::Table],
    )?;
    let path = store_path(args.store.as_deref());
    let now = now_ms();
    let until = match &args.until {
        Some(t) => parse_time(t, now).map_err(|e| Error::usage(format!("--until: {e}")))?,
        None => now,
    };
    let windows: Vec<Window> = match &args.since {
        Some(t) => {
            let since = parse_time(t, now).map_err(|e| Error::usage(format!("--since: {e}")))?;
            if since >= until {
                return Err(Error::usage(format!(
                    "--since {} is not before --until {}",
                    format_rfc3339(since),
                    format_rfc3339(until)
                )));
            }
            vec![Window { since, until }]
        }
        None => args
            .window
            .iter()
            .map(|d| Window {
                since: until - d.as_millis() as i64,
                until,
            })
            .collect(),
    };
    let Some(store) = Store::open_for_reading(&path)? else {
        let what = match args.targets.as_slice() {
            [] => String::new(),
            t => format!(" {}", t.join(" ")),
        };
        return Err(Error::Refused(format!(
            "no samples yet in {} (no store there yet): {}",
            path.display(),
            how_to_record(&what)
        )));
    };
    let in_store = store.devices()?;
    let wanted: Vec<(String, Vec<Outlets>)> = if !args.targets.is_empty() {
        named_devices(g, &args.targets, in_store.clone())?
    } else if let Some(d) = g.device.clone().or_else(|| g.host.clone()) {
        vec![(d, vec![Outlets::All])]
    } else if in_store.is_empty() {
        return Err(Error::Refused(format!(
            "no samples yet in {}: {}",
            path.display(),
            how_to_record("")
        )));
    } else {
        in_store
            .iter()
            .map(|d| (d.clone(), vec![Outlets::All]))
            .collect()
    };
    let mut rows = Vec::new();
    let mut missing = Vec::new();
    for (device, outlets) in &wanted {
        let selection = outlet_selection(&store, device, outlets)?;
        let found = energy::rows(&store, device, selection.as_deref(), &windows)?;
        if found.is_empty() && selection.is_some() && in_store.contains(device) {
            let all = energy::rows(&store, device, None, &windows)?;
            let has: Vec<String> = all
                .iter()
                .map(|r| {
                    r.outlet_number()
                        .map_or_else(|| r.name.clone(), |n| format!("outlet {n}"))
                })
                .collect();
            return Err(Error::Refused(format!(
                "{device} has samples in {}, but not of the outlets named: it has {} (pductl \
                 energy {device})",
                path.display(),
                if has.is_empty() {
                    "none to compute energy from".into()
                } else {
                    has.join(", ")
                }
            )));
        }
        if found.is_empty() {
            missing.push(device.clone());
        }
        rows.extend(found);
    }
    if !missing.is_empty() {
        let list = missing.join(", ");
        return Err(Error::Refused(format!(
            "no samples of {list} in {}: {}",
            path.display(),
            how_to_record(&format!(" {}", missing.join(" ")))
        )));
    }
    let terminal = std::io::stdout().is_terminal();
    match OutputFormat::listing(g.output, terminal) {
        OutputFormat::Json => out.line(&output::json(&to_json(&rows, &windows), terminal)),
        _ => out.line(&table(&rows, &windows, args.since.is_some())),
    }
}

/// The outlets (from 0) a device's targets name, `None` for all of them; names are looked
/// up among the names recorded.
fn outlet_selection(store: &Store, device: &str, outlets: &[Outlets]) -> Result<Option<Vec<u32>>> {
    if outlets.contains(&Outlets::All) {
        return Ok(None);
    }
    let recorded = store.outlet_names(device)?;
    let count = recorded.keys().max().map_or(0, |m| *m as usize + 1);
    let names: Vec<String> = (0..count)
        .map(|i| recorded.get(&(i as u32)).cloned().unwrap_or_default())
        .collect();
    let mut chosen = Vec::new();
    for o in outlets {
        let list: Vec<u32> = match o {
            Outlets::Numbers(n) => n.iter().map(|n| *n as u32 - 1).collect(),
            other => targets::select(other, &names, device)?
                .into_iter()
                .map(|i| i as u32)
                .collect(),
        };
        chosen.extend(
            list.into_iter()
                .filter(|i| !chosen.contains(i))
                .collect::<Vec<_>>(),
        );
    }
    Ok(Some(chosen))
}

fn round(x: f64, places: i32) -> f64 {
    let f = 10f64.powi(places);
    (x * f).round() / f
}

/// A window's length in seconds: a whole number where it is one (`3600`), else to the ms.
fn seconds(w: &Window) -> Value {
    let ms = w.until - w.since;
    match ms % 1000 {
        0 => json!(ms / 1000),
        _ => json!(w.seconds()),
    }
}

fn figure_json(f: &Figure) -> (Value, Value) {
    (json!(round(f.wh, 3)), json!(round(f.coverage, 4)))
}

/// `{windows, outlets, devices, total}`: a row per outlet and window, then the sums.
fn to_json(rows: &[Row], windows: &[Window]) -> Value {
    let mut outlets = Vec::new();
    for r in rows {
        for (w, f) in windows.iter().zip(&r.figures) {
            let (wh, coverage) = figure_json(f);
            outlets.push(json!({
                "device": r.device,
                "outlet": r.outlet_number(),
                "name": r.name,
                "window_s": seconds(w),
                "wh": wh,
                "method": r.method.name(),
                "coverage": coverage,
                "samples": f.samples,
            }));
        }
    }
    let mut devices = Vec::new();
    for (device, members) in by_device(rows) {
        for (w, f) in windows.iter().zip(energy::total(&members, windows.len())) {
            let (wh, coverage) = figure_json(&f);
            devices.push(
                json!({"device": device, "window_s": seconds(w), "wh": wh, "coverage": coverage}),
            );
        }
    }
    let all: Vec<&Row> = rows.iter().collect();
    let total: Vec<Value> = windows
        .iter()
        .zip(energy::total(&all, windows.len()))
        .map(|(w, f)| {
            let (wh, coverage) = figure_json(&f);
            json!({"window_s": seconds(w), "wh": wh, "coverage": coverage})
        })
        .collect();
    let windows: Vec<Value> = windows
        .iter()
        .map(|w| {
            json!({
                "window_s": seconds(w),
                "since": format_rfc3339(w.since),
                "until": format_rfc3339(w.until),
            })
        })
        .collect();
    json!({"windows": windows, "outlets": outlets, "devices": devices, "total": total})
}

/// The rows of each device, devices in the order first met.
fn by_device(rows: &[Row]) -> Vec<(String, Vec<&Row>)> {
    let mut out: Vec<(String, Vec<&Row>)> = Vec::new();
    for r in rows {
        match out.iter_mut().find(|(d, _)| *d == r.device) {
            Some((_, list)) => list.push(r),
            None => out.push((r.device.clone(), vec![r])),
        }
    }
    out
}

/// kWh to the Wh (`12.345 kWh`), three significant digits below 1 kWh (`0.00125 kWh`).
fn kwh(wh: f64) -> String {
    let kwh = wh / 1000.0;
    if kwh == 0.0 || kwh.abs() >= 1.0 {
        return format!("{kwh:.3} kWh");
    }
    let places = (3 - kwh.abs().log10().floor() as i32 - 1).clamp(3, 9) as usize;
    format!("{kwh:.places$} kWh")
}

/// `0.123 kWh`, and `(62%)` when the samples cover only that much of the window.
fn cell(f: &Figure) -> String {
    let kwh = kwh(f.wh);
    match f.coverage < 0.9995 {
        true => format!("{kwh} ({}%)", (f.coverage * 100.0).floor()),
        false => kwh,
    }
}

/// Device, outlet, name, method, then a column per window in kWh; a total row per device
/// with several rows, and one for all devices when there are several.
fn table(rows: &[Row], windows: &[Window], since: bool) -> String {
    let mut header = vec![
        "device".to_string(),
        "outlet".into(),
        "name".into(),
        "method".into(),
    ];
    header.extend(windows.iter().map(|w| match since {
        true => format!("since {}", format_rfc3339(w.since)),
        false => format_duration(std::time::Duration::from_millis((w.until - w.since) as u64)),
    }));
    let mut lines = Vec::new();
    let groups = by_device(rows);
    for (device, members) in &groups {
        for r in members {
            let mut line = vec![
                r.device.clone(),
                r.outlet_number()
                    .map_or_else(String::new, |n| n.to_string()),
                r.name.clone(),
                r.method.name().to_string(),
            ];
            line.extend(r.figures.iter().map(cell));
            lines.push(line);
        }
        if members.len() > 1 {
            let mut line = vec![device.clone(), String::new(), "total".into(), String::new()];
            line.extend(energy::total(members, windows.len()).iter().map(cell));
            lines.push(line);
        }
    }
    if groups.len() > 1 {
        let all: Vec<&Row> = rows.iter().collect();
        let mut line = vec![
            "all devices".to_string(),
            String::new(),
            "total".into(),
            String::new(),
        ];
        line.extend(energy::total(&all, windows.len()).iter().map(cell));
        lines.push(line);
    }
    let partial = rows
        .iter()
        .flat_map(|r| &r.figures)
        .any(|f| f.coverage < 0.9995);
    let mut text = output::grid(&header, lines);
    if partial {
        text.push_str("\n(N%): the samples cover only N% of the window");
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kilowatt_hours_keep_three_significant_digits_when_small() {
        assert_eq!(kwh(0.0), "0.000 kWh");
        assert_eq!(kwh(12_345.4), "12.345 kWh");
        assert_eq!(kwh(1000.0), "1.000 kWh");
        assert_eq!(kwh(123.0), "0.123 kWh");
        assert_eq!(kwh(12.3), "0.0123 kWh");
        assert_eq!(kwh(1.25), "0.00125 kWh");
        assert_eq!(kwh(0.042), "0.0000420 kWh");
    }
}
