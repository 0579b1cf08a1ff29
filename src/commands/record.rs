//! `pductl record [TARGET...]`: reads every value the targets meter, all devices at once, and
//! appends one sample per value to the sample store (`energy::store`), one transaction per
//! round. Once by default (for cron: `*/5 * * * * pductl -q record`); with `--every` a round
//! every DURATION until interrupted. A device that fails is warned about and skipped, the
//! others recorded; values no meter can show are left out with a warning.

use crate::cli::{GlobalOpts, RecordArgs};
use crate::device::{self, default_device, profile_path};
use crate::energy::sample::{readings, Reading};
use crate::energy::store::{Round, Store};
use crate::energy::time::{format_duration, now_ms};
use crate::error::{Error, Result};
use crate::output::{warn, Out};
use crate::path::Path;
use crate::power::targets::{self, Names, Outlets, Target};
use crate::profile::ProfileFile;
use serde_json::Value;
use std::collections::HashSet;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// How often a long `--every` run reads the outlets' names again (they rarely change).
const NAMES_EVERY: Duration = Duration::from_secs(3600);
/// How often a long `--every` run prunes samples older than `--keep`.
const PRUNE_EVERY: Duration = Duration::from_secs(3600);

/// The store file: `--store`, else `$XDG_STATE_HOME/pductl/energy.sqlite`.
pub(crate) fn store_path(store: Option<&std::path::Path>) -> std::path::PathBuf {
    store.map_or_else(
        || crate::paths::state_file("energy.sqlite"),
        std::path::Path::to_path_buf,
    )
}

/// The devices a command names, each with the outlets named on it: targets (devices, aliases,
/// groups, `DEVICE:OUTLETS`) expanded against `devices` and the profile. A bare device name
/// means all of its outlets.
pub(crate) fn named_devices(
    g: &GlobalOpts,
    args: &[String],
    mut devices: Vec<String>,
) -> Result<Vec<(String, Vec<Outlets>)>> {
    let file = ProfileFile::load(&profile_path(g)?)?;
    devices.extend(file.names());
    devices.extend(crate::demo::NAMES.iter().map(|d| d.to_string()));
    if let (None, Some(host)) = (&g.device, &g.host) {
        devices.push(host.clone());
    }
    devices.sort();
    devices.dedup();
    let names = Names {
        aliases: file.aliases()?,
        groups: file.groups()?,
        default_device: default_device(g, &file)?,
        devices,
    };
    let args: Vec<String> = args
        .iter()
        .map(|a| match names.devices.contains(a) {
            true => format!("{a}:all"),
            false => a.clone(),
        })
        .collect();
    let (list, _) = targets::expand(&args, &names)?;
    let mut per_device: Vec<(String, Vec<Outlets>)> = Vec::new();
    for Target { device, outlets } in list {
        match per_device.iter_mut().find(|(d, _)| *d == device) {
            Some((_, o)) => o.push(outlets),
            None => per_device.push((device, vec![outlets])),
        }
    }
    Ok(per_device)
}

/// Whether `outlet` (from 0; `None` for the unit) is among `wanted`, given the device's
/// outlet names. Unit-level values go with the whole device only.
pub(crate) fn selected(wanted: &[Outlets], outlet: Option<u32>, names: &[String]) -> bool {
    wanted.iter().any(|o| match (o, outlet) {
        (Outlets::All, _) => true,
        (_, None) => false,
        (Outlets::Numbers(n), Some(i)) => n.contains(&(i as usize + 1)),
        (Outlets::Name(_), Some(i)) => targets::select(o, names, "")
            .map(|list| list.contains(&(i as usize)))
            .unwrap_or(false),
    })
}

/// One device being recorded, and what the run knows of it.
struct Recorder {
    name: String,
    wanted: Vec<Outlets>,
    /// Named on the command line (else: a profile device, recorded if it meters).
    explicit: bool,
    transport: Option<Arc<dyn crate::transport::Transport>>,
    /// Keeps a demo device's simulator running.
    _connected: Option<device::Connected>,
    names: Vec<String>,
    names_read: Option<Instant>,
    /// The failure last warned about, until the device answers again.
    failing: Option<String>,
    /// Keys whose values were left out last round: warned about once until kept again.
    skipping: HashSet<String>,
    /// Keys left out this round.
    skipped_now: HashSet<String>,
    /// Why it could not be connected, and the exit status that says so.
    unconnected: Option<(String, i32)>,
    /// False once a profile device showed it meters nothing: it is not asked again.
    active: bool,
}

/// What one read of a device gave.
struct Read {
    t_ms: i64,
    values: Value,
    names: Option<Vec<String>>,
}

/// Reads a device's meters, and its outlets' names alongside (at once, so that a round takes
/// no longer than the slowest device's read).
async fn read(transport: &dyn crate::transport::Transport, want_names: bool) -> Result<Read> {
    let meters = async {
        let start = now_ms();
        let values = transport.get(&Path::from_keys(&["meter", "values"])).await;
        // The device measured somewhere between asking and answering.
        (start + (now_ms() - start) / 2, values)
    };
    let names = async {
        match want_names {
            true => crate::power::read_outlets(transport)
                .await
                .ok()
                .map(|o| o.into_iter().map(|o| o.name).collect()),
            false => None,
        }
    };
    let ((t_ms, values), names) = tokio::join!(meters, names);
    Ok(Read {
        t_ms,
        values: values?,
        names,
    })
}

pub async fn run(g: &GlobalOpts, args: &RecordArgs, out: &mut Out) -> Result<()> {
    let _ = out; // record prints no data
    let path = store_path(args.store.as_deref());
    let mut store = Store::open_for_recording(&path)?;
    let plan: Vec<(String, Vec<Outlets>, bool)> = if !args.targets.is_empty() {
        named_devices(g, &args.targets, Vec::new())?
            .into_iter()
            .map(|(d, o)| (d, o, true))
            .collect()
    } else if let Some(d) = g.device.clone().or_else(|| g.host.clone()) {
        vec![(d, vec![Outlets::All], true)]
    } else {
        let names = ProfileFile::load(&profile_path(g)?)?.names();
        if names.is_empty() {
            return Err(Error::usage(
                "nothing to record: the profile has no devices (add one with pductl profile \
                 add), and no targets were named (pductl record lab, or -d DEVICE)",
            ));
        }
        names
            .into_iter()
            .map(|d| (d, vec![Outlets::All], false))
            .collect()
    };
    let mut recorders = connect(g, plan).await;
    let keep = args.keep;
    store.prune(now_ms() - keep.as_millis() as i64)?;
    let mut pruned = Instant::now();
    let Some(every) = args.every else {
        // One round (cron's way): the devices are let go of before the summary.
        let summary = round(g, &mut store, &mut recorders, false).await;
        futures_util::future::join_all(
            recorders
                .iter()
                .filter_map(|r| r.transport.as_ref())
                .map(|t| t.close()),
        )
        .await;
        return summary?.finish(g, &recorders, store.path());
    };
    if !g.quiet {
        let names: Vec<&str> = recorders.iter().map(|r| r.name.as_str()).collect();
        eprintln!(
            "recording {} every {} into {} until interrupted",
            crate::output::escape_line(&names.join(", ")),
            format_duration(every),
            store.path().display()
        );
    }
    let mut ticks = tokio::time::interval(every);
    ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
    loop {
        ticks.tick().await;
        if pruned.elapsed() >= PRUNE_EVERY {
            if let Err(e) = store.prune(now_ms() - keep.as_millis() as i64) {
                warn(g.quiet, &e.to_string());
            }
            pruned = Instant::now();
        }
        match round(g, &mut store, &mut recorders, true).await {
            Ok(_) => {}
            // A store that stays busy loses this round, not the run.
            Err(e @ Error::Refused(_)) => warn(g.quiet, &format!("round not recorded: {e}")),
            Err(e) => return Err(e),
        }
        if !recorders.iter().any(|r| r.active) {
            return Err(Error::Unsupported(
                "none of the devices meters anything: nothing to record".into(),
            ));
        }
    }
}

/// Connects every device; one that cannot be (a password command failing, an unknown
/// driver) is warned about and left out of the rounds, as one that does not answer is.
async fn connect(g: &GlobalOpts, plan: Vec<(String, Vec<Outlets>, bool)>) -> Vec<Recorder> {
    // Connecting reaches no device: the reasons are given with the first round's.
    let attempts = futures_util::future::join_all(plan.iter().map(|(name, _, _)| {
        let target = vec![format!("{name}:all")];
        async move { device::connect(g, &target).await }
    }))
    .await;
    plan.into_iter()
        .zip(attempts)
        .map(|((name, wanted, explicit), attempt)| {
            let (transport, connected, failing) = match attempt {
                Ok((connected, _)) => match connected.devices.first() {
                    Some(d) => (Some(d.transport.clone()), Some(connected), None),
                    None => (None, None, Some(("no such device".to_string(), 2))),
                },
                Err(e) => (None, None, Some((e.to_string(), e.exit_code()))),
            };
            Recorder {
                name,
                wanted,
                explicit,
                transport,
                _connected: connected,
                names: Vec::new(),
                names_read: None,
                failing: None,
                unconnected: failing,
                skipping: HashSet::new(),
                skipped_now: HashSet::new(),
                active: true,
            }
        })
        .collect()
}

/// What a round did, for the end of a single run.
#[derive(Default)]
struct Summary {
    samples: usize,
    devices: usize,
    /// Why devices failed (`NAME: not recorded: ...`), and the exit status of each.
    failed: Vec<(String, i32)>,
}

impl Recorder {
    /// Notes a failure: in a loop, warned about when it starts or changes; in one run,
    /// left for `Summary::finish`, which knows whether anything was recorded.
    fn fail(
        &mut self,
        g: &GlobalOpts,
        summary: &mut Summary,
        repeat: bool,
        why: String,
        code: i32,
    ) {
        let message = format!("{}: not recorded: {why}", self.name);
        if !repeat {
            summary.failed.push((message, code));
        } else if self.failing.as_deref() != Some(why.as_str()) {
            warn(g.quiet, &message);
        }
        self.failing = Some(why);
    }
}

impl Summary {
    /// One run's end: a line for a person, and the exit status (7 when some devices failed,
    /// the failure's own when all did).
    fn finish(self, g: &GlobalOpts, recorders: &[Recorder], store: &std::path::Path) -> Result<()> {
        if self.devices == 0 && self.failed.is_empty() {
            let none = match recorders.iter().any(|r| r.explicit) {
                true => "the devices named meter nothing",
                false => "no device in the profile meters anything",
            };
            return Err(Error::Unsupported(format!("nothing to record: {none}")));
        }
        // Failures are warnings when other devices were recorded, errors when none were.
        for (message, _) in &self.failed {
            match self.devices {
                0 => eprintln!("error: {}", crate::output::escape_line(message)),
                _ => warn(g.quiet, message),
            }
        }
        if !g.quiet && self.devices > 0 {
            eprintln!(
                "recorded {} value{} of {} device{} into {}",
                self.samples,
                if self.samples == 1 { "" } else { "s" },
                self.devices,
                if self.devices == 1 { "" } else { "s" },
                store.display()
            );
        }
        match (self.failed.first(), self.devices) {
            (None, _) => Ok(()),
            (Some((_, code)), 0) => Err(Error::Reported(*code)),
            (Some(_), _) => Err(Error::Reported(Error::Partial(String::new()).exit_code())),
        }
    }
}

/// One round: every active device read at once, then everything written in one
/// transaction. In a loop (`repeat`), a failure is warned about when it starts and when it
/// ends, not every round.
async fn round(
    g: &GlobalOpts,
    store: &mut Store,
    recorders: &mut [Recorder],
    repeat: bool,
) -> Result<Summary> {
    let reads = futures_util::future::join_all(recorders.iter().map(|r| {
        let want_names = r.names_read.is_none_or(|t| t.elapsed() >= NAMES_EVERY);
        let transport = r.transport.clone();
        async move {
            match (transport, r.active) {
                (Some(t), true) => Some(read(&*t, want_names).await),
                _ => None,
            }
        }
    }))
    .await;
    let mut summary = Summary::default();
    let mut rounds = Vec::new();
    for (r, result) in recorders.iter_mut().zip(reads) {
        let result = match result {
            Some(result) => result,
            None => {
                if let Some((why, code)) = r.unconnected.clone() {
                    r.fail(g, &mut summary, repeat, why, code);
                }
                continue;
            }
        };
        let read = match result {
            Ok(read) => read,
            Err(e) if !r.explicit && matches!(e, Error::Unsupported(_) | Error::NotFound(_)) => {
                r.active = false;
                if g.verbose > 0 {
                    eprintln!("{}: not recorded, it does not meter: {e}", r.name);
                }
                continue;
            }
            Err(e) => {
                r.fail(g, &mut summary, repeat, e.to_string(), e.exit_code());
                continue;
            }
        };
        if let Some(names) = read.names {
            r.names = names;
            r.names_read = Some(Instant::now());
        }
        let (found, skipped) = readings(&read.values);
        let kept: Vec<Reading> = found
            .into_iter()
            .filter(|x| selected(&r.wanted, x.outlet, &r.names))
            .collect();
        if kept.is_empty() && skipped.is_empty() {
            if r.explicit {
                let why = "it meters nothing pductl can record (no numbers in meter/values)";
                r.fail(g, &mut summary, repeat, why.into(), 8);
            } else {
                r.active = false;
            }
            continue;
        }
        if r.failing.take().is_some() && repeat {
            warn(g.quiet, &format!("{}: recording again", r.name));
        }
        for s in &skipped {
            let key = s.split(':').next().unwrap_or("").to_string();
            if !repeat || !r.skipping.contains(&key) {
                warn(g.quiet, &format!("{}: not recorded: {s}", r.name));
            }
            r.skipped_now.insert(key);
        }
        let names = r
            .names
            .iter()
            .enumerate()
            .filter(|(i, _)| selected(&r.wanted, Some(*i as u32), &r.names))
            .map(|(i, n)| (i as u32, n.clone()))
            .collect();
        summary.devices += 1;
        rounds.push(Round {
            device: r.name.clone(),
            t_ms: read.t_ms,
            readings: kept,
            names,
        });
    }
    if rounds.is_empty() {
        return Ok(summary);
    }
    let written = store.append(&rounds)?;
    summary.samples = written.samples;
    for refused in written.refused {
        let Some(r) = recorders.iter_mut().find(|r| r.name == refused.device) else {
            continue;
        };
        if !repeat || !r.skipping.contains(&refused.key) {
            warn(
                g.quiet,
                &format!("{}: not recorded: {}", refused.device, refused.why),
            );
        }
        r.skipped_now.insert(refused.key);
    }
    // Keys still left out are not warned about again; keys kept again may be, later.
    for r in recorders.iter_mut() {
        if rounds.iter().any(|x| x.device == r.name) {
            r.skipping = std::mem::take(&mut r.skipped_now);
        }
    }
    Ok(summary)
}
