//! The unit a gateway face (`dli_rest.rs`, `netio_json.rs`) presents: the device `-d` names,
//! or a group's devices with their outlets one after another, as one list of outlets.
//!
//! Every change goes through the power verbs (the per-device lock, shared with the CLI and
//! other servers, and verification); within this server, reads wait while a change is being
//! made, so a client never sees a multi-outlet write half applied.

use super::Context;
use crate::device::connect;
use crate::error::{Error, Result};
use crate::path::Path;
use crate::power::targets::Outlets;
use crate::power::{self, Action, Device, OutletInfo, Report, Settings};
use crate::transport::Transport;
use serde_json::Value;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::RwLock;

/// How long a request may wait for another one, in this server or another process, on the
/// same device.
const LOCK_TIMEOUT: Duration = Duration::from_secs(120);

/// One device of the unit, connected once for the server's life.
pub struct Member {
    pub name: String,
    pub transport: Arc<dyn Transport>,
    pub timeout: Duration,
    lock_key: String,
}

/// One outlet of the unit: where it is, and what one read said of it.
#[derive(Debug, Clone)]
pub struct UnitOutlet {
    /// Which member (index into `Unit::members`).
    pub member: usize,
    /// The outlet's index on that member, from 0.
    pub index: usize,
    pub info: OutletInfo,
}

/// One switch of `Unit::switch_all`: as `Unit::switch` takes it.
#[derive(Debug, Clone)]
pub struct Switch {
    pub indices: Vec<usize>,
    pub action: Action,
    pub off_time: Option<Duration>,
}

/// One outlet of the unit as its member's `relay/outlets` lists it.
#[derive(Debug, Clone)]
pub struct OutletObject {
    /// Which member (index into `Unit::members`).
    pub member: usize,
    /// The outlet's index on that member, from 0.
    pub index: usize,
    /// The device's object for it, as read (untrusted).
    pub value: Value,
}

/// The device or group a gateway presents.
pub struct Unit {
    /// As `-d` named it.
    pub name: String,
    pub members: Vec<Member>,
    /// Held for reading by reads, for writing by changes (see the module's comment).
    changing: RwLock<()>,
    /// Keeps the demo devices' in-process simulators serving.
    _connected: crate::device::Connected,
}

impl Unit {
    /// Connects the device (or every device of the group) `-d` names; a name the profile
    /// does not know is exit 2, before the server listens.
    pub async fn connect(context: &Context, api: &str) -> Result<Unit> {
        let name = context.presented_device(api)?.to_string();
        let (connected, _) = connect(&context.global, std::slice::from_ref(&name)).await?;
        let members = connected
            .devices
            .iter()
            .map(|d| Member {
                name: d.name.clone(),
                transport: d.transport.clone(),
                timeout: d.timeout,
                lock_key: d.lock_key.clone(),
            })
            .collect();
        Ok(Unit {
            name,
            members,
            changing: RwLock::new(()),
            _connected: connected,
        })
    }

    /// Every outlet of the unit, in order, from one read of each member (in parallel).
    pub async fn outlets(&self) -> Result<Vec<UnitOutlet>> {
        let _reading = self.changing.read().await;
        self.outlets_unlocked().await
    }

    async fn outlets_unlocked(&self) -> Result<Vec<UnitOutlet>> {
        let reads = futures_util::future::join_all(
            self.members
                .iter()
                .map(|m| power::read_outlets(m.transport.as_ref())),
        )
        .await;
        let mut all = Vec::new();
        for (member, read) in reads.into_iter().enumerate() {
            let name = &self.members[member].name;
            let outlets = read.map_err(|e| e.noted(&format!(" (device {name})")))?;
            all.extend(
                outlets
                    .into_iter()
                    .enumerate()
                    .map(|(index, info)| UnitOutlet {
                        member,
                        index,
                        info,
                    }),
            );
        }
        Ok(all)
    }

    /// A member's value at `path` (`meter/values`, `relay/name`...), read as reads are.
    pub async fn get(&self, member: usize, path: &Path) -> Result<Value> {
        let _reading = self.changing.read().await;
        self.members[member].transport.get(path).await
    }

    /// Every outlet of the unit as its member lists it under `relay/outlets`, read as reads
    /// are: every field the device gives (a DLI outlet's `locked`, `critical`...), not only
    /// those the power verbs use. In order, from one read of each member (in parallel).
    /// (Added for `dli_rest.rs`.)
    pub async fn outlet_objects(&self) -> Result<Vec<OutletObject>> {
        let _reading = self.changing.read().await;
        let path = Path::from_keys(&["relay", "outlets"]);
        let reads =
            futures_util::future::join_all(self.members.iter().map(|m| m.transport.get(&path)))
                .await;
        let mut all = Vec::new();
        for (member, read) in reads.into_iter().enumerate() {
            let name = &self.members[member].name;
            let noted = |e: Error| e.noted(&format!(" (device {name})"));
            let Value::Array(items) = read.map_err(noted)? else {
                return Err(noted(Error::BadResponse(
                    "relay/outlets is not a list".into(),
                )));
            };
            // The device is not trusted: a list longer than any device's sizes nothing.
            if items.len() > crate::transport::MAX_OUTLETS {
                return Err(noted(Error::BadResponse(format!(
                    "the device lists {} outlets, more than any device has",
                    items.len()
                ))));
            }
            all.extend(
                items
                    .into_iter()
                    .enumerate()
                    .map(|(index, value)| OutletObject {
                        member,
                        index,
                        value,
                    }),
            );
        }
        Ok(all)
    }

    /// Overwrites `path` on one member (an outlet's name, say), exclusive against the reads
    /// of this server. Power changes go through `switch`, not here. (Added for
    /// `dli_rest.rs`.)
    pub async fn set(&self, member: usize, path: &Path, value: &Value) -> Result<()> {
        let _changing = self.changing.write().await;
        self.members[member].transport.set(path, value).await
    }

    /// Switches the unit's outlets `indices` (from 0, in the unit's numbering) through the
    /// power verbs, verified; `off_time` for a cycle (`None`: the device's own cycle where
    /// it has one, else its cycle delay). The report says what happened to each outlet.
    pub async fn switch(
        &self,
        indices: &[usize],
        action: Action,
        off_time: Option<Duration>,
    ) -> Result<Report> {
        let _changing = self.changing.write().await;
        self.switch_unlocked(indices, action, off_time).await
    }

    /// Several switches one after the other as one change (added for `netio_json.rs`: a
    /// NETIO POST may turn some outputs on and others off): reads in this server wait until
    /// the last is done. Stops after the first whose report is not a full success.
    pub async fn switch_all(&self, switches: &[Switch]) -> Result<Vec<Report>> {
        let _changing = self.changing.write().await;
        let mut reports = Vec::new();
        for s in switches {
            let report = self
                .switch_unlocked(&s.indices, s.action, s.off_time)
                .await?;
            let failed = report.exit_code() != 0;
            reports.push(report);
            if failed {
                break;
            }
        }
        Ok(reports)
    }

    async fn switch_unlocked(
        &self,
        indices: &[usize],
        action: Action,
        off_time: Option<Duration>,
    ) -> Result<Report> {
        let outlets = self.outlets_unlocked().await?;
        let mut per_member: Vec<Vec<usize>> = vec![Vec::new(); self.members.len()];
        for &i in indices {
            let o = outlets
                .get(i)
                .ok_or_else(|| Error::NotFound(format!("{} has no outlet {}", self.name, i + 1)))?;
            per_member[o.member].push(o.index + 1);
        }
        let devices: Vec<Device> = self
            .members
            .iter()
            .zip(per_member)
            .filter(|(_, numbers)| !numbers.is_empty())
            .map(|(m, numbers)| Device {
                name: m.name.clone(),
                transport: m.transport.clone(),
                timeout: m.timeout,
                lock_key: m.lock_key.clone(),
                targets: vec![Outlets::Numbers(numbers)],
            })
            .collect();
        let settings = Settings::verified(off_time, LOCK_TIMEOUT);
        let grouped = devices.len() > 1;
        Ok(power::run(action, &devices, &settings, grouped, &|_| {}).await)
    }
}
