//! The everyday power verbs over any transport: `on`, `off`, `toggle`, `cycle` and `status`
//! for outlets on one or many devices. Each device is locked for the whole operation (across
//! processes too), switched with as few requests as its protocol allows, and verified: the
//! outlet's `physical_state` is polled until it is what was asked for, or the device's
//! timeout passes.
//!
//! On a flaky network (`retry` says what the transports send again): a write of a state
//! that got no answer is settled by reading the outlet's `state` back (as requested:
//! done; not: written again, as it is absolute). A toggle reads first and writes the
//! absolute opposite, so it settles the same way. A device's own cycle call that got no
//! answer is never sent again: the outlet is watched for the cycle's window, and a cycle
//! not seen is reported as one that may or may not have happened (exit 6).
//!
//! "Already on/off" is judged on the persistent `state` where the device has one (a DLI
//! outlet left on by a cycle reads `physical_state` true and `state` false: it would come
//! back off at the unit's restart) together with the relay itself; verification waits for
//! the relay (`physical_state`).

pub mod lock;
pub mod targets;

use crate::error::{Error, Result};
use crate::path::{Path, Segment};
use crate::retry::Delivery;
use crate::transport::{NativeCycle, Transport};
use futures_util::StreamExt;
use serde_json::{json, Value};
use std::time::{Duration, Instant};
use targets::Outlets;

/// Devices worked on at once: enough for a rack of PDUs, few enough not to flood a network.
pub const MAX_PARALLEL_DEVICES: usize = 32;

/// How often `physical_state` is read while verifying.
const POLL: Duration = Duration::from_millis(100);

/// Off time of a cycle done as off, wait, on, when none is given.
pub const DEFAULT_OFF_TIME: Duration = Duration::from_secs(5);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    On,
    Off,
    Toggle,
    Cycle,
}

impl Action {
    pub fn name(self) -> &'static str {
        match self {
            Action::On => "on",
            Action::Off => "off",
            Action::Toggle => "toggle",
            Action::Cycle => "cycle",
        }
    }
}

/// How an operation is carried out.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Poll `physical_state` after switching (`--no-verify` turns it off).
    pub verify: bool,
    /// Switch outlets that are already in the wanted state (`--force`).
    pub force: bool,
    /// Print the requests instead of sending anything that changes state.
    pub dry_run: bool,
    /// Off time of a cycle (`--off-time`); `None` for the device's own or the default.
    pub off_time: Option<Duration>,
    /// How long to wait for another process's lock on a device.
    pub lock_timeout: Duration,
}

impl Settings {
    /// How a server (`serve`) and the fence agent switch: verified, only what needs switching,
    /// for real.
    pub fn verified(off_time: Option<Duration>, lock_timeout: Duration) -> Settings {
        Settings {
            verify: true,
            force: false,
            dry_run: false,
            off_time,
            lock_timeout,
        }
    }
}

/// One device taking part, connected and with its targets.
pub struct Device {
    /// As the user named it (profile name).
    pub name: String,
    pub transport: std::sync::Arc<dyn Transport>,
    /// Time allowed for verification (the device's request timeout).
    pub timeout: Duration,
    /// The lock's name (`lock::key`).
    pub lock_key: String,
    pub targets: Vec<Outlets>,
}

/// What happened to one outlet: the `-o json` result object.
#[derive(Debug)]
pub struct OutletResult {
    pub device: String,
    /// From 1, as printed on the device; `None` when the device failed before its outlets
    /// were known.
    pub outlet: Option<usize>,
    pub name: String,
    pub requested: Action,
    pub before: Option<bool>,
    pub after: Option<bool>,
    pub verified: bool,
    /// A request was sent for it (false: already in the wanted state, or a dry run).
    pub switched: bool,
    /// Tries of the requests that switched it (retries and re-writes count).
    pub attempts: u32,
    /// How an unanswered switch was settled: by reading the outlet back, or by watching
    /// a cycle happen.
    pub settled: Option<Settled>,
    /// A cycle ran as the device's own (one request) rather than off, wait, on.
    pub native_cycle: bool,
    pub elapsed_ms: u64,
    pub error: Option<Error>,
}

impl OutletResult {
    pub fn to_json(&self) -> Value {
        let state = |s: Option<bool>| s.map(|on| if on { "on" } else { "off" });
        let mut v = json!({
            "device": self.device,
            "outlet": self.outlet,
            "name": self.name,
            "requested": self.requested.name(),
            "before": state(self.before),
            "after": state(self.after),
            "verified": self.verified,
            "attempts": self.attempts,
            "elapsed_ms": self.elapsed_ms,
        });
        if self.requested == Action::Cycle && self.switched {
            v["cycle"] = json!(if self.native_cycle {
                "device"
            } else {
                "off-on"
            });
        }
        if let Some(settled) = self.settled {
            v["settled"] = json!(settled.name());
        }
        if let Some(e) = &self.error {
            v["error"] = json!({"kind": e.kind(), "message": e.to_string()});
        }
        v
    }

    /// `lab:3 (DUT power)`, or `lab` alone when the outlet is unknown.
    pub fn label(&self) -> String {
        match self.outlet {
            Some(n) if self.name.is_empty() => format!("{}:{n}", self.device),
            Some(n) => format!("{}:{n} ({})", self.device, self.name),
            None => self.device.clone(),
        }
    }
}

/// How a switch whose request got no answer was found to have happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Settled {
    /// The outlet's `state` read back as requested.
    Read,
    /// The outlet was seen to go off and come back (or the device had the change pending).
    Watched,
}

impl Settled {
    pub fn name(self) -> &'static str {
        match self {
            Settled::Read => "read",
            Settled::Watched => "watched",
        }
    }
}

/// What one outlet of a device looks like, from one read of `relay/outlets`.
#[derive(Debug, Clone)]
pub struct OutletInfo {
    pub name: String,
    /// The relay as it is now.
    pub physical: Option<bool>,
    /// The persistent state, where the device has one apart from the relay (DLI's `state`,
    /// which a cycle leaves alone).
    pub state: Option<bool>,
    /// Seconds off in the device's own cycle (`cycle_delay`), when it says.
    pub cycle_delay: Option<f64>,
}

/// Reads the outlet list of a device. Only what the list holds sizes anything.
pub async fn read_outlets(t: &dyn Transport) -> Result<Vec<OutletInfo>> {
    let path = Path::from_keys(&["relay", "outlets"]);
    outlet_infos(t, t.get(&path).await?)
}

/// The outlets and what `meter/values` answered, in one read where the device allows.
pub async fn read_outlets_and_meters(
    t: &dyn Transport,
) -> Result<(Vec<OutletInfo>, Result<Value>)> {
    let (outlets, meters) = t.outlets_and_meters().await?;
    Ok((outlet_infos(t, outlets)?, meters))
}

/// `relay/outlets` as read, checked to be a list of a plausible length.
fn outlet_infos(t: &dyn Transport, value: Value) -> Result<Vec<OutletInfo>> {
    let Value::Array(items) = value else {
        return Err(Error::BadResponse(format!(
            "relay/outlets is not a list on this {} device",
            t.protocol()
        )));
    };
    if items.len() > crate::transport::MAX_OUTLETS {
        return Err(Error::BadResponse(format!(
            "the device lists {} outlets, more than any device has",
            items.len()
        )));
    }
    Ok(items
        .iter()
        .map(|o| OutletInfo {
            name: o["name"].as_str().unwrap_or("").to_string(),
            physical: o["physical_state"].as_bool(),
            state: o["state"].as_bool(),
            cycle_delay: o["cycle_delay"].as_f64(),
        })
        .collect())
}

/// `relay/outlets/=i,j/<field>`: the selected outlets' field, in one request.
fn selection(indices: &[usize], field: &str) -> Path {
    Path {
        segments: vec![
            Segment::Key("relay".into()),
            Segment::Key("outlets".into()),
            Segment::Pick(indices.iter().map(usize::to_string).collect()),
            Segment::Key(field.into()),
        ],
    }
}

/// One device during an operation: its lock, its outlets, and each selected outlet's
/// result so far.
struct Run<'a> {
    device: &'a Device,
    outlets: Vec<OutletInfo>,
    results: Vec<(usize, OutletResult)>,
    started: Instant,
    /// Requests a dry run would have sent.
    requests: Vec<String>,
}

impl Run<'_> {
    fn new_result(&self, outlet: Option<usize>, action: Action) -> OutletResult {
        OutletResult {
            device: self.device.name.clone(),
            outlet,
            name: outlet
                .and_then(|n| self.outlets.get(n - 1))
                .map(|o| o.name.clone())
                .unwrap_or_default(),
            requested: action,
            before: None,
            after: None,
            verified: false,
            switched: false,
            attempts: 0,
            settled: None,
            native_cycle: false,
            elapsed_ms: 0,
            error: None,
        }
    }

    /// Indices of the selected outlets that have not failed.
    fn live(&self) -> Vec<usize> {
        self.results
            .iter()
            .filter(|(_, r)| r.error.is_none())
            .map(|(i, _)| *i)
            .collect()
    }

    fn result_mut(&mut self, index: usize) -> Option<&mut OutletResult> {
        self.results
            .iter_mut()
            .find(|(i, _)| *i == index)
            .map(|(_, r)| r)
    }

    fn fail(&mut self, indices: &[usize], error: &Error) {
        for &i in indices {
            if let Some(r) = self.result_mut(i) {
                r.error = Some(copy_error(error));
            }
        }
    }

    fn finish(mut self) -> (Vec<OutletResult>, Vec<String>) {
        let elapsed = self.started.elapsed().as_millis() as u64;
        for (_, r) in &mut self.results {
            r.elapsed_ms = elapsed;
        }
        (
            self.results.into_iter().map(|(_, r)| r).collect(),
            self.requests,
        )
    }
}

/// Errors are not `Clone` (they may grow sources); one failure can hit several outlets.
fn copy_error(e: &Error) -> Error {
    let m = e.to_string();
    match e {
        Error::Refused(_) => Error::Refused(m),
        Error::NotFound(_) => Error::NotFound(m),
        Error::Usage(_) => Error::Usage(m),
        Error::Auth(_) => Error::Auth(m),
        Error::Permission(_) => Error::Permission(m),
        Error::Unreachable(_) => Error::Unreachable(m),
        Error::Timeout(_) => Error::Timeout(m),
        Error::BadResponse(_) => Error::BadResponse(m),
        Error::HungUp(_) => Error::HungUp(m),
        Error::Verify(_) => Error::Verify(m),
        Error::Partial(_) => Error::Partial(m),
        Error::Unsupported(_) => Error::Unsupported(m),
        Error::Interrupted(s) => Error::Interrupted(*s),
        Error::Reported(c) => Error::Reported(*c),
    }
}

/// Everything an operation did: one result per outlet (in the order the targets named
/// them), and the requests a dry run would have sent.
pub struct Report {
    pub results: Vec<OutletResult>,
    pub requests: Vec<String>,
}

impl Report {
    /// The exit status: 0, the failure's own class when every outlet failed, else 7.
    pub fn exit_code(&self) -> i32 {
        let failed: Vec<&Error> = self
            .results
            .iter()
            .filter_map(|r| r.error.as_ref())
            .collect();
        match failed.first() {
            None => 0,
            Some(first) if failed.len() == self.results.len() => first.exit_code(),
            Some(_) => Error::Partial(String::new()).exit_code(),
        }
    }
}

/// Carries out `action` on every device's targets. `grouped` (a group, or targets on
/// several devices) makes a cycle all off, verify, wait, all on, verify; otherwise a device
/// with its own cycle call uses it. `progress` is told of each outlet done.
pub async fn run(
    action: Action,
    devices: &[Device],
    settings: &Settings,
    grouped: bool,
    progress: &(dyn Fn(u64) + Sync),
) -> Report {
    // Every lock first, one at a time and in the order of their names: two commands whose
    // devices overlap then cannot each hold a lock the other waits for.
    let mut keys: Vec<&str> = devices.iter().map(|d| d.lock_key.as_str()).collect();
    keys.sort_unstable();
    keys.dedup();
    let mut locks = Vec::new();
    let mut lock_failures: Vec<(&str, Error)> = Vec::new();
    if !settings.dry_run {
        for key in keys {
            let label = devices
                .iter()
                .find(|d| d.lock_key == key)
                .map_or(key, |d| &d.name);
            match lock::acquire(key, label, settings.lock_timeout).await {
                Ok(held) => locks.push(held),
                Err(e) => lock_failures.push((key, e)),
            }
        }
    }
    // Futures made up front, not in a stream combinator's closure: that keeps the whole
    // operation `Send`, which a server task needs.
    let preparing: Vec<_> = devices
        .iter()
        .map(|d| {
            let lock_failure = lock_failures
                .iter()
                .find(|(k, _)| *k == d.lock_key)
                .map(|(_, e)| copy_error(e));
            prepare(d, action, lock_failure)
        })
        .collect();
    let mut runs: Vec<Run> = futures_util::stream::iter(preparing)
        .buffered(MAX_PARALLEL_DEVICES)
        .collect()
        .await;
    let phased = action == Action::Cycle
        && (grouped
            || runs.len() > 1
            || runs.iter().any(|r| !native_cycle_fits(r.device, settings)));
    match action {
        Action::Cycle if phased => {
            for_each_run(&mut runs, |run| switch(run, |_| false, settings, false)).await;
            let off_time = settings.off_time.unwrap_or(DEFAULT_OFF_TIME);
            if !settings.dry_run && runs.iter().any(|r| !r.live().is_empty()) {
                tokio::time::sleep(off_time).await;
            }
            // Every outlet still in the game goes back on, whatever it reads now.
            last_step(&mut runs, progress, |run| {
                switch(run, |_| true, settings, true)
            })
            .await;
        }
        Action::Cycle => last_step(&mut runs, progress, |run| native_cycle(run, settings)).await,
        Action::On => {
            last_step(&mut runs, progress, |run| {
                switch(run, |_| true, settings, false)
            })
            .await
        }
        Action::Off => {
            last_step(&mut runs, progress, |run| {
                switch(run, |_| false, settings, false)
            })
            .await
        }
        Action::Toggle => {
            last_step(&mut runs, progress, |run| {
                switch(run, |before| !before, settings, false)
            })
            .await
        }
    }
    drop(locks);
    let mut report = Report {
        results: Vec::new(),
        requests: Vec::new(),
    };
    for run in runs {
        let (results, requests) = run.finish();
        report.results.extend(results);
        report.requests.extend(requests);
    }
    report
}

/// Runs one step on every device at once (bounded).
async fn for_each_run<'a, 'd, F, Fut>(runs: &'a mut [Run<'d>], step: F)
where
    F: Fn(&'a mut Run<'d>) -> Fut,
    Fut: std::future::Future<Output = ()> + 'a,
{
    let steps: Vec<Fut> = runs.iter_mut().map(step).collect();
    futures_util::stream::iter(steps)
        .buffer_unordered(MAX_PARALLEL_DEVICES)
        .collect::<Vec<()>>()
        .await;
}

/// The last step of an operation: `progress` hears of each device's outlets as it is done.
async fn last_step<'a, 'd, F, Fut>(
    runs: &'a mut [Run<'d>],
    progress: &'a (dyn Fn(u64) + Sync),
    step: F,
) where
    F: Fn(&'a mut Run<'d>) -> Fut,
    Fut: std::future::Future<Output = ()> + 'a,
{
    for_each_run(runs, |run| {
        let outlets = run.results.len() as u64;
        let done = step(run);
        async move {
            done.await;
            progress(outlets);
        }
    })
    .await;
}

/// Whether a device's own cycle does what was asked: it has one, and it can take the off
/// time when one is given.
fn native_cycle_fits(device: &Device, settings: &Settings) -> bool {
    match device.transport.native_cycle() {
        NativeCycle::None => false,
        NativeCycle::ConfiguredDelay => settings.off_time.is_none(),
        NativeCycle::GivenSeconds => true,
    }
}

/// Reads a device's outlets and picks the targets' outlets. A failure here (or to lock the
/// device) fails every outlet the device's targets name.
async fn prepare(device: &Device, action: Action, lock_failure: Option<Error>) -> Run<'_> {
    let mut run = Run {
        device,
        outlets: Vec::new(),
        results: Vec::new(),
        started: Instant::now(),
        requests: Vec::new(),
    };
    let ready = match lock_failure {
        Some(e) => Err(e),
        None => read_outlets(device.transport.as_ref()).await,
    };
    let outlets = match ready {
        Ok(outlets) => outlets,
        Err(e) => {
            // The outlets are unknown: report the numbers the targets gave, or the device.
            let mut numbers: Vec<Option<usize>> = Vec::new();
            for target in &device.targets {
                match target {
                    Outlets::Numbers(ns) => numbers.extend(ns.iter().map(|n| Some(*n))),
                    _ => numbers.push(None),
                }
            }
            numbers.dedup();
            for (i, n) in numbers.into_iter().enumerate() {
                let mut r = run.new_result(n, action);
                r.error = Some(copy_error(&e));
                run.results.push((usize::MAX - i, r));
            }
            return run;
        }
    };
    run.outlets = outlets;
    let names: Vec<String> = run.outlets.iter().map(|o| o.name.clone()).collect();
    for target in &device.targets {
        match targets::select(target, &names, &device.name) {
            Ok(indices) => {
                for i in indices {
                    if run.results.iter().any(|(j, _)| *j == i) {
                        continue;
                    }
                    let mut r = run.new_result(Some(i + 1), action);
                    r.before = run.outlets[i].physical;
                    run.results.push((i, r));
                }
            }
            Err(e) => {
                let number = match target {
                    Outlets::Numbers(ns) => ns.iter().copied().find(|&n| n > names.len()),
                    _ => None,
                };
                let mut r = run.new_result(number, action);
                r.error = Some(e);
                run.results.push((usize::MAX - run.results.len(), r));
            }
        }
    }
    run
}

/// Brings the live outlets of a device to the state `wanted` gives for each (from its state
/// now), then verifies. Outlets already there are left alone unless `--force` or `always`
/// (the second half of a cycle).
async fn switch(run: &mut Run<'_>, wanted: fn(bool) -> bool, settings: &Settings, always: bool) {
    let t = run.device.transport.as_ref();
    let mut by_value: [Vec<usize>; 2] = [Vec::new(), Vec::new()];
    let mut targets: Vec<(usize, bool)> = Vec::new();
    for index in run.live() {
        let persistent = run.outlets.get(index).and_then(|o| o.state);
        let Some(r) = run.result_mut(index) else {
            continue;
        };
        let current = r.after.or(r.before);
        // An outlet whose relay is unknown (a change pending) can still be switched on or
        // off; what toggling it would mean is not known.
        let want = match current {
            Some(current) => wanted(current),
            None if wanted(true) == wanted(false) => wanted(true),
            None => {
                r.error = Some(Error::BadResponse(format!(
                    "{} does not report the state of outlet {}",
                    r.device,
                    index + 1
                )));
                continue;
            }
        };
        targets.push((index, want));
        // Already there: the relay, and the persistent state where the device keeps one
        // (else the outlet would come back the other way when the unit restarts).
        let already = current == Some(want) && persistent.is_none_or(|s| s == want);
        if already && !settings.force && !always {
            r.after = current;
            r.verified = true;
            continue;
        }
        by_value[usize::from(want)].push(index);
    }
    for (value, indices) in by_value.iter().enumerate() {
        if indices.is_empty() {
            continue;
        }
        let path = selection(indices, "state");
        let want = value == 1;
        let value = Value::Bool(want);
        if settings.dry_run {
            run.requests.push(t.explain_set(&path, &value));
            continue;
        }
        let tries_before = t.write_attempts();
        let (sent, settled) = write_state(t, indices, &path, want).await;
        let attempts = t.write_attempts().saturating_sub(tries_before).max(1);
        for &i in indices {
            if let Some(r) = run.result_mut(i) {
                r.attempts += attempts;
                r.switched = true;
                r.verified = false;
                r.settled = r.settled.or(settled);
            }
        }
        if let Err(e) = sent {
            run.fail(indices, &e);
        }
    }
    if settings.dry_run {
        return;
    }
    let pending: Vec<(usize, bool)> = targets
        .into_iter()
        .filter(|(i, _)| {
            run.results
                .iter()
                .any(|(j, r)| j == i && r.error.is_none() && r.switched && !r.verified)
        })
        .collect();
    if settings.verify {
        verify(run, &pending, Duration::ZERO).await;
    } else {
        for (i, _) in pending {
            if let Some(r) = run.result_mut(i) {
                r.after = None;
            }
        }
    }
}

/// Writes `state` of the outlets (the transport tries again as `retry` allows). A write
/// that may have reached the device without an answer is settled by reading `state` back:
/// as requested, it is done; otherwise it is written again, being absolute.
async fn write_state(
    t: &dyn Transport,
    indices: &[usize],
    path: &Path,
    want: bool,
) -> (Result<()>, Option<Settled>) {
    let value = Value::Bool(want);
    let error = match t.set(path, &value).await {
        Ok(()) => return (Ok(()), None),
        Err(e) if Delivery::of(&e) == Delivery::MaybeSent => e,
        Err(e) => return (Err(e), None),
    };
    match read_states(t, indices, "state").await {
        Ok(states) if states.iter().all(|s| *s == Some(want)) => (Ok(()), Some(Settled::Read)),
        Ok(_) => (t.set(path, &value).await, None),
        // Nothing could be read either: the write's own failure says the most.
        Err(_) => (Err(error), None),
    }
}

/// `field` of each outlet in `indices`, in one read.
async fn read_states(
    t: &dyn Transport,
    indices: &[usize],
    field: &str,
) -> Result<Vec<Option<bool>>> {
    let path = selection(indices, field);
    match t.get(&path).await? {
        Value::Array(states) if states.len() == indices.len() => {
            Ok(states.iter().map(Value::as_bool).collect())
        }
        other => Err(Error::BadResponse(format!(
            "the {} device answered {path} with {}",
            t.protocol(),
            crate::output::escape_line(&other.to_string())
        ))),
    }
}

/// The device's own cycle for each live outlet, then a wait for it to come back on. A call
/// that got no answer is not sent again: the outlet is watched instead.
async fn native_cycle(run: &mut Run<'_>, settings: &Settings) {
    let t = run.device.transport.as_ref();
    let args: Vec<Value> = match (t.native_cycle(), settings.off_time) {
        (NativeCycle::GivenSeconds, Some(off)) => vec![json!(off.as_secs_f64())],
        _ => Vec::new(),
    };
    let mut cycled = Vec::new();
    let mut unanswered: Vec<(usize, Error)> = Vec::new();
    for index in run.live() {
        let path = Path {
            segments: vec![
                Segment::Key("relay".into()),
                Segment::Key("outlets".into()),
                Segment::Key(index.to_string()),
                Segment::Key("cycle".into()),
            ],
        };
        if settings.dry_run {
            run.requests.push(t.explain_invoke(&path, &args));
            continue;
        }
        // Never sent twice (the transport knows a call is not repeatable): a cycle sent
        // twice is two cycles.
        let tries_before = t.write_attempts();
        let result = t.invoke(&path, &args).await;
        let attempts = t.write_attempts().saturating_sub(tries_before).max(1);
        let Some(r) = run.result_mut(index) else {
            continue;
        };
        r.attempts += attempts;
        r.switched = true;
        r.native_cycle = true;
        match result {
            Ok(_) => cycled.push((index, true)),
            Err(e) if Delivery::of(&e) == Delivery::MaybeSent => unanswered.push((index, e)),
            Err(e) => r.error = Some(e),
        }
    }
    if settings.dry_run || (cycled.is_empty() && unanswered.is_empty()) {
        return;
    }
    let off = off_time(
        run,
        settings,
        cycled
            .iter()
            .map(|(i, _)| *i)
            .chain(unanswered.iter().map(|(i, _)| *i)),
    )
    .await;
    if !unanswered.is_empty() {
        watch_cycles(run, unanswered, off).await;
    }
    if settings.verify {
        // Coming back on is what shows the cycle finished; it cannot before the off time.
        verify(run, &cycled, off).await;
    }
}

/// How long the device's own cycle keeps the outlets off: `--off-time`, else each outlet's
/// `cycle_delay`, else the unit's (`relay/cycle_delay`, read only when an outlet has none).
async fn off_time(
    run: &Run<'_>,
    settings: &Settings,
    outlets: impl Iterator<Item = usize>,
) -> Duration {
    if let Some(off) = settings.off_time {
        return off;
    }
    let mut longest = 0.0f64;
    let mut unknown = false;
    for i in outlets {
        match run.outlets.get(i).and_then(|o| o.cycle_delay) {
            Some(d) => longest = longest.max(d),
            None => unknown = true,
        }
    }
    if unknown {
        let unit = run
            .device
            .transport
            .get(&Path::from_keys(&["relay", "cycle_delay"]))
            .await
            .ok()
            .and_then(|v| v.as_f64());
        longest = longest.max(unit.unwrap_or(0.0));
    }
    Duration::from_secs_f64(longest.clamp(0.0, 86_400.0))
}

/// Watches outlets whose cycle call got no answer, for the cycle's window (`off` plus the
/// device's timeout): one seen going off (or with the change pending) and coming back on,
/// or an outlet that was off seen on, has cycled. One not seen at all may or may not have
/// cycled: that is exit 6, and the call is not sent again.
async fn watch_cycles(run: &mut Run<'_>, unanswered: Vec<(usize, Error)>, off: Duration) {
    let t = run.device.transport.as_ref();
    let indices: Vec<usize> = unanswered.iter().map(|(i, _)| *i).collect();
    let window = off + run.device.timeout;
    let deadline = Instant::now() + window;
    let before: Vec<Option<bool>> = indices
        .iter()
        .map(|&i| run.outlets.get(i).and_then(|o| o.physical))
        .collect();
    let mut went_off = vec![false; indices.len()];
    let mut back_on = vec![false; indices.len()];
    let mut last_error = None;
    loop {
        match read_states(t, &indices, "physical_state").await {
            Ok(states) => {
                for (k, got) in states.iter().enumerate() {
                    match got {
                        // A change pending on the device is the cycle under way.
                        None => went_off[k] = true,
                        Some(false) if before[k] != Some(false) => went_off[k] = true,
                        Some(true) if went_off[k] || before[k] == Some(false) => back_on[k] = true,
                        Some(_) => {}
                    }
                }
            }
            Err(e) => last_error = Some(e),
        }
        if back_on.iter().all(|b| *b) || Instant::now() >= deadline {
            break;
        }
        tokio::time::sleep(POLL).await;
    }
    let seconds = crate::output::human_duration(window);
    for (k, (index, call_error)) in unanswered.into_iter().enumerate() {
        let Some(r) = run.result_mut(index) else {
            continue;
        };
        if back_on[k] {
            r.after = Some(true);
            r.verified = true;
            r.settled = Some(Settled::Watched);
            continue;
        }
        let seen = match (&last_error, went_off[k]) {
            (_, true) => format!("it went off but did not come back on within {seconds}"),
            (Some(e), false) => format!("it could not be watched ({e})"),
            (None, false) => {
                format!("watching it for {seconds} did not show it go off and come back")
            }
        };
        r.error = Some(Error::Verify(format!(
            "the cycle call got no answer ({call_error}), and {seen}: the cycle may or may \
             not have happened. It was not sent again; check the outlet before cycling it again"
        )));
    }
}

/// Polls `physical_state` of `expected` outlets until each is as expected, allowing the
/// device's timeout beyond `settle` (a wait that must pass first).
async fn verify(run: &mut Run<'_>, expected: &[(usize, bool)], settle: Duration) {
    if expected.is_empty() {
        return;
    }
    let t = run.device.transport.as_ref();
    let indices: Vec<usize> = expected.iter().map(|(i, _)| *i).collect();
    tokio::time::sleep(settle).await;
    let deadline = Instant::now() + run.device.timeout;
    let last = loop {
        let read = read_states(t, &indices, "physical_state").await;
        let done = read.as_ref().is_ok_and(|states| {
            states
                .iter()
                .zip(expected)
                .all(|(got, (_, want))| *got == Some(*want))
        });
        if done || Instant::now() >= deadline {
            break read;
        }
        tokio::time::sleep(POLL).await;
    };
    let timeout = crate::output::human_duration(settle + run.device.timeout);
    match last {
        Ok(states) => {
            for ((index, want), got) in expected.iter().zip(states) {
                let Some(r) = run.result_mut(*index) else {
                    continue;
                };
                r.after = got;
                r.verified = got == Some(*want);
                if !r.verified {
                    let word = |on: bool| if on { "on" } else { "off" };
                    r.error = Some(Error::Verify(format!(
                        "did not turn {} within {timeout} (physical_state is {})",
                        word(*want),
                        got.map_or("unknown", word)
                    )));
                }
            }
        }
        Err(e) => run.fail(&indices, &e),
    }
}

/// One row of `status`.
#[derive(Debug)]
pub struct StatusRow {
    pub device: String,
    pub outlet: usize,
    pub name: String,
    pub state: Option<bool>,
    /// Watts, where the device meters the outlet.
    pub power: Option<f64>,
}

impl StatusRow {
    pub fn to_json(&self) -> Value {
        let mut v = json!({
            "device": self.device,
            "outlet": self.outlet,
            "name": self.name,
            "state": self.state.map(|on| if on { "on" } else { "off" }),
        });
        if let Some(p) = self.power {
            v["power"] = json!(p);
        }
        v
    }
}

/// Reads the state (and power, where metered) of every outlet the device's targets name.
pub async fn status(device: &Device) -> Result<Vec<StatusRow>> {
    let t = device.transport.as_ref();
    let (outlets, meters) = read_outlets_and_meters(t).await?;
    let names: Vec<String> = outlets.iter().map(|o| o.name.clone()).collect();
    // Metering is a bonus: a device without it (or refusing it) still has a status.
    let meters = meters.unwrap_or(Value::Null);
    let mut rows: Vec<StatusRow> = Vec::new();
    for target in &device.targets {
        for i in targets::select(target, &names, &device.name)? {
            if rows.iter().any(|r| r.outlet == i + 1) {
                continue;
            }
            rows.push(StatusRow {
                device: device.name.clone(),
                outlet: i + 1,
                name: outlets[i].name.clone(),
                state: outlets[i].physical,
                power: meters
                    .get(format!("outlets.{i}.power"))
                    .and_then(|m| m["value"].as_f64()),
            });
        }
    }
    Ok(rows)
}
