//! `pductl on|off|toggle|cycle TARGET...` and `pductl status [TARGET...]`: targets resolved
//! against the profile, devices connected, the work done by `power`, and the results shown
//! one line per outlet, as JSON or as a table (`status`: a table on a terminal, JSON into a
//! pipe).

use crate::cli::{GlobalOpts, SwitchArgs};
use crate::device::{connect, default_device, profile_path};
use crate::error::{Error, Result};
use crate::output::seconds;
use crate::output::OutputFormat;
use crate::output::{self, escape_line, Out};
use crate::power::targets::Outlets;
use crate::power::{self, Action, OutletResult, Settings};
use crate::profile::ProfileFile;
use serde_json::Value;
use std::io::IsTerminal;

/// Outlets beyond which a progress bar is worth drawing.
const PROGRESS_FROM_OUTLETS: u64 = 5;

/// `on`, `off`, `toggle` and `cycle`.
pub async fn switch(
    g: &GlobalOpts,
    action: Action,
    args: &SwitchArgs,
    off_time: Option<f64>,
    out: &mut Out,
) -> Result<()> {
    let settings = Settings {
        verify: !args.no_verify,
        force: args.force,
        dry_run: g.dry_run,
        off_time: off_time.map(|s| seconds(s, "--off-time")).transpose()?,
        lock_timeout: lock_timeout(args.lock_timeout)?,
    };
    let (connected, grouped) = connect(g, &args.targets).await?;
    let estimate: u64 = connected
        .devices
        .iter()
        .flat_map(|d| &d.targets)
        .map(|t| match t {
            Outlets::Numbers(n) => n.len() as u64,
            _ => PROGRESS_FROM_OUTLETS,
        })
        .sum();
    let bar = progress_bar(g, estimate);
    let report = power::run(action, &connected.devices, &settings, grouped, &|done| {
        bar.inc(done)
    })
    .await;
    bar.finish_and_clear();
    connected.close().await;

    let terminal = std::io::stdout().is_terminal();
    if settings.dry_run {
        // What would be sent is the data of a dry run (-q too): lines, or -o json an array.
        if !report.requests.is_empty() || g.output == Some(OutputFormat::Json) {
            out.line(&output::would_send(&report.requests, g.output, terminal))?;
        }
    } else {
        match g.output.unwrap_or(OutputFormat::Text) {
            // Asked for by name, JSON and tables are data: printed with -q too.
            OutputFormat::Json => {
                let all: Vec<Value> = report.results.iter().map(OutletResult::to_json).collect();
                out.line(&output::json(&Value::Array(all), terminal))?;
            }
            OutputFormat::Table if !report.results.is_empty() => {
                out.line(&results_table(&report.results))?;
            }
            OutputFormat::Table => {}
            // The lines are for a person: -q (cron) leaves only the failures, on stderr.
            OutputFormat::Text if g.quiet => {}
            OutputFormat::Text => {
                for r in report.results.iter().filter(|r| r.error.is_none()) {
                    out.line(&output::for_terminal(
                        format!("{}: {}", r.label(), describe(r)),
                        terminal,
                    ))?;
                }
            }
        }
    }
    for r in &report.results {
        if let Some(e) = &r.error {
            eprintln!("error: {}", escape_line(&format!("{}: {e}", r.label())));
        }
    }
    match report.exit_code() {
        0 => Ok(()),
        code => Err(Error::Reported(code)),
    }
}

fn lock_timeout(value: f64) -> Result<std::time::Duration> {
    if value == 0.0 {
        return Ok(std::time::Duration::ZERO);
    }
    seconds(value, "--lock-timeout")
}

/// What happened to an outlet, in a few words.
fn describe(r: &OutletResult) -> String {
    let word = |on: bool| if on { "on" } else { "off" };
    let state = r.after.map(word);
    match (r.requested, r.switched, r.verified) {
        (Action::Cycle, true, true) => format!("cycled, {}", state.unwrap_or("on")),
        (Action::Cycle, true, false) => "cycled (not verified)".into(),
        (Action::Cycle, false, _) => "cycled".into(),
        (_, false, _) => format!("already {}", state.unwrap_or("so")),
        (_, true, true) => state.unwrap_or("done").to_string(),
        (Action::On, true, false) => "switched on (not verified)".into(),
        (Action::Off, true, false) => "switched off (not verified)".into(),
        (_, true, false) => "toggled (not verified)".into(),
    }
}

/// `-o table` of on/off/toggle/cycle: one row per outlet, failures included; `result` is
/// what the default line says (`already on`, `cycled, on`) or `error: ...` (which stderr
/// has too). No row numbers: the outlet column names each row.
fn results_table(results: &[OutletResult]) -> String {
    let state = |s: Option<bool>| s.map_or("", |on| if on { "on" } else { "off" });
    let header = [
        "outlet",
        "requested",
        "before",
        "after",
        "verified",
        "result",
    ];
    let rows = results.iter().map(|r| {
        vec![
            r.label(),
            r.requested.name().to_string(),
            state(r.before).to_string(),
            state(r.after).to_string(),
            if r.verified { "yes" } else { "no" }.to_string(),
            match &r.error {
                Some(e) => format!("error: {e}"),
                None => describe(r),
            },
        ]
    });
    output::grid(&header, rows)
}

/// A bar on stderr, only for a person watching (a terminal, no `-q`) and enough outlets.
fn progress_bar(g: &GlobalOpts, outlets: u64) -> indicatif::ProgressBar {
    if g.quiet || outlets < PROGRESS_FROM_OUTLETS || !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(outlets);
    if let Ok(style) = indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} outlets") {
        bar.set_style(style);
    }
    bar
}

/// `status`: every outlet of `-d DEVICE`, or those the targets name.
pub async fn status(g: &GlobalOpts, args: &[String], out: &mut Out) -> Result<()> {
    let device = default_device(g, &ProfileFile::load(&profile_path(g)?)?)?;
    let args: Vec<String> = match (args.is_empty(), device) {
        (false, _) => args.to_vec(),
        (true, Some(device)) => vec![format!("{device}:all")],
        (true, None) => {
            return Err(Error::usage(
                "status needs targets (lab:1-4, an alias or a group), -d DEVICE, --host HOST, \
                 or default_device in the profile file",
            ))
        }
    };
    let (connected, _) = connect(g, &args).await?;
    let answers = futures_util::future::join_all(connected.devices.iter().map(power::status)).await;
    connected.close().await;
    let mut rows = Vec::new();
    let mut failures = Vec::new();
    for (device, answer) in connected.devices.iter().zip(answers) {
        match answer {
            Ok(r) => rows.extend(r),
            Err(e) => failures.push((device.name.clone(), e)),
        }
    }
    let terminal = std::io::stdout().is_terminal();
    // Nothing read at all: the errors say so, and stdout stays empty (no `[]` to mistake
    // for a device without outlets).
    let format = match rows.is_empty() && !failures.is_empty() {
        true => None,
        false => Some(OutputFormat::listing(g.output, terminal)),
    };
    match format {
        None => {}
        Some(OutputFormat::Json) => {
            let all: Vec<Value> = rows.iter().map(power::StatusRow::to_json).collect();
            out.line(&output::json(&Value::Array(all), terminal))?;
        }
        Some(OutputFormat::Text) => {
            for r in &rows {
                out.line(&output::for_terminal(status_line(r), terminal))?;
            }
        }
        Some(OutputFormat::Table) if !rows.is_empty() => out.line(&status_table(&rows))?,
        Some(OutputFormat::Table) => {}
    }
    for (device, e) in &failures {
        eprintln!("error: {}", escape_line(&format!("{device}: {e}")));
    }
    match failures.first() {
        None => Ok(()),
        Some((_, e)) if rows.is_empty() && failures.len() == connected.devices.len() => {
            Err(Error::Reported(e.exit_code()))
        }
        Some(_) => Err(Error::Reported(Error::Partial(String::new()).exit_code())),
    }
}

/// `lab:3 (DUT power): on`, with `, 19.0 W` where the device meters the outlet.
fn status_line(r: &power::StatusRow) -> String {
    let state = r
        .state
        .map_or("unknown", |on| if on { "on" } else { "off" });
    let label = match r.name.is_empty() {
        true => format!("{}:{}", r.device, r.outlet),
        false => format!("{}:{} ({})", r.device, r.outlet, r.name),
    };
    match r.power {
        Some(watts) => format!("{label}: {state}, {watts:.1} W"),
        None => format!("{label}: {state}"),
    }
}

fn status_table(rows: &[power::StatusRow]) -> String {
    let metered = rows.iter().any(|r| r.power.is_some());
    let mut header = vec!["device", "outlet", "name", "state"];
    if metered {
        header.push("power (W)");
    }
    let rows = rows.iter().map(|r| {
        let mut row = vec![
            r.device.clone(),
            r.outlet.to_string(),
            r.name.clone(),
            r.state
                .map_or("unknown", |on| if on { "on" } else { "off" })
                .to_string(),
        ];
        if metered {
            row.push(r.power.map_or_else(String::new, |p| format!("{p:.1}")));
        }
        row
    });
    output::grid(&header, rows)
}
