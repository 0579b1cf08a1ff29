//! One engine for every driver file: it serves the object model (`relay/outlets`, names,
//! `pending`, `meter/values`, writes of state and name, the device's own cycle) through the
//! `Transport` trait from what a backend reads and sends. A backend speaks one protocol:
//! it reads every outlet's item in one exchange and sends the file's write requests.
//! Whatever the device answers is checked against the file: a missing field or a value
//! outside its map is a malformed answer naming the driver, the field and the value.

use super::{fill, DriverFile, Filling, Read, Request};
use crate::error::{Error, Result};
use crate::path::{Path, Segment};
use crate::transport::{unsupported, Mapped, NativeCycle, Transport};
use async_trait::async_trait;
use serde_json::{json, Map, Value};

/// Which of the file's fields a read needs besides the outlets' state: a backend that reads
/// a field per exchange (SNMP: a walk per column) leaves the others out.
#[derive(Debug, Clone, Copy)]
pub struct Wants {
    pub names: bool,
    pub pending: bool,
    pub meters: bool,
}

impl Wants {
    pub const ALL: Wants = Wants {
        names: true,
        pending: true,
        meters: true,
    };

    /// What `get path` needs: `relay/outlets/all;/state` needs the state alone.
    pub fn of(path: &Path) -> Wants {
        match crate::transport::outlet_fields(path) {
            None => Wants::ALL,
            Some(mut fields) => {
                // `all;name=DUT/state` filters on a field: that one is needed too.
                for segment in &path.segments {
                    if let Segment::Select(filters) = segment {
                        fields.extend(filters.iter().map(|(k, _)| k.clone()));
                    }
                }
                let has = |f: &str| fields.iter().any(|x| x == f);
                Wants {
                    names: has("name"),
                    pending: has("physical_state") || has("pending"),
                    meters: false,
                }
            }
        }
    }
}

/// One protocol's side of a driver: reading the outlets and sending requests.
#[async_trait]
pub trait Backend: Send + Sync {
    /// `host:port`, for messages.
    fn device(&self) -> &str;

    /// Every outlet's item, in pductl's order, from one exchange where the protocol
    /// allows; never more than `MAX_OUTLETS`. Fields `wants` leaves out may be missing.
    async fn items(&self, wants: Wants) -> Result<Vec<Value>>;

    /// Sends one of the file's write requests for outlet `n` (from 0).
    async fn send(&self, request: &Request, n: usize, value: Option<&Value>) -> Result<()>;
}

/// A driver file served over a backend.
pub struct DriverEngine<B> {
    pub(super) backend: B,
    file: DriverFile,
    /// `driver acme-powerstrip`, for messages.
    name: String,
}

impl<B: Backend> DriverEngine<B> {
    pub fn new(backend: B, file: DriverFile) -> DriverEngine<B> {
        DriverEngine {
            backend,
            name: format!("driver {}", file.driver.id),
            file,
        }
    }

    /// One field of an outlet's item, mapped and scaled as the file says.
    fn read(&self, item: &Value, read: &Read, n: usize, field: &str) -> Result<Value> {
        let at = read.locator();
        let raw = item.pointer(&at).ok_or_else(|| {
            Error::BadResponse(format!(
                "{} sent outlet {n} without {} ({}: {field})",
                self.backend.device(),
                at,
                self.name
            ))
        })?;
        let mut value = raw.clone();
        if !read.map.is_empty() {
            let key = raw.as_str().map_or_else(|| raw.to_string(), str::to_string);
            value = read.map.get(&key).cloned().ok_or_else(|| {
                Error::BadResponse(format!(
                    "{} sent {} = {raw} for outlet {n}, which the {} file does not map ({field})",
                    self.backend.device(),
                    at,
                    self.name
                ))
            })?;
        }
        if let (Some(scale), Some(x)) = (read.scale, value.as_f64()) {
            value = json!(x * scale);
        }
        Ok(value)
    }

    /// Reads the outlets (the fields `wants` names) and builds their tree.
    async fn read_tree(&self, wants: Wants) -> Result<Value> {
        self.tree(&self.backend.items(wants).await?, wants)
    }

    /// The object-model tree of the list.
    pub(super) fn tree(&self, items: &[Value], wants: Wants) -> Result<Value> {
        let o = &self.file.outlets;
        let mut outlets = Vec::new();
        let mut values = Map::new();
        for (n, item) in items.iter().enumerate() {
            let state = self.read(item, &o.state.read, n, "state")?;
            if !state.is_boolean() {
                return Err(Error::BadResponse(format!(
                    "{}: the state of outlet {n} maps to {state}, not true or false",
                    self.name
                )));
            }
            let mut outlet = Map::new();
            if wants.names {
                let name = match &o.name {
                    Some(name) => self.read(item, &name.read, n, "name")?,
                    None => json!(format!("Outlet {}", n + 1)),
                };
                outlet.insert("name".into(), name);
            }
            outlet.insert("state".into(), state.clone());
            outlet.insert("transient_state".into(), state.clone());
            // While a change is under way the relay read is the old one: what it is about to
            // be is unknown, so verification waits the change out.
            let pending = match &o.state.pending {
                Some(p) if wants.pending => self.read(item, p, n, "pending")? == json!(true),
                _ => false,
            };
            outlet.insert(
                "physical_state".into(),
                if pending { Value::Null } else { state },
            );
            if o.state.pending.is_some() && wants.pending {
                outlet.insert("pending".into(), json!(pending));
            }
            outlets.push(Value::Object(outlet));
            for m in self.file.meter.iter().filter(|_| wants.meters) {
                if m.optional && item.pointer(&m.read.locator()).is_none() {
                    continue;
                }
                let value = self.read(item, &m.read, n, &m.key)?;
                values.insert(
                    fill(&m.key, n, self.file.driver.index_base, None, Filling::Text),
                    json!({"name": format!("Outlet {} {}", n + 1, m.quantity), "value": value, "quantity": m.quantity, "unit": m.unit}),
                );
            }
        }
        Ok(json!({"relay": {"outlets": outlets}, "meter": {"values": values}}))
    }

    fn mapped<'a>(&'a self, range: &'a dyn Fn(usize) -> String) -> Mapped<'a> {
        Mapped {
            device: self.backend.device(),
            protocol: "driver",
            range,
            writes: "a driver file writes outlets' state and name",
        }
    }
}

fn range(count: usize) -> String {
    format!("outlets 0-{}", count.saturating_sub(1))
}

#[async_trait]
impl<B: Backend> Transport for DriverEngine<B> {
    fn protocol(&self) -> &'static str {
        "driver"
    }

    async fn get(&self, path: &Path) -> Result<Value> {
        let tree = self.read_tree(Wants::of(path)).await?;
        self.mapped(&range).get(&tree, path)
    }

    async fn set(&self, path: &Path, value: &Value) -> Result<()> {
        let o = &self.file.outlets;
        let (request, what) = match path.last() {
            Some(Segment::Key(f)) if f == "state" || f == "transient_state" => {
                if !value.is_boolean() {
                    return Err(Error::usage(format!(
                        "state takes true or false, not {value}"
                    )));
                }
                (o.state.write.as_ref(), "switching outlets")
            }
            Some(Segment::Key(f)) if f == "name" => {
                if !value.is_string() {
                    return Err(Error::usage(format!(
                        "a name is a string in quotes, not {value}"
                    )));
                }
                (
                    o.name.as_ref().and_then(|n| n.write.as_ref()),
                    "renaming outlets",
                )
            }
            _ => (None, "writing that"),
        };
        let Some(request) = request else {
            return Err(unsupported(
                &self.name,
                &format!("writing {path}"),
                &format!("its file says nothing of {what}"),
            ));
        };
        // Selecting the outlets needs their state, and the fields a filter names.
        let tree = self.read_tree(Wants::of(path)).await?;
        let outlets = self.mapped(&range).outlets(&tree, &path.parent())?;
        if outlets.is_empty() {
            return Err(crate::transport::selects_nothing(
                &path.parent(),
                self.backend.device(),
            ));
        }
        for n in outlets {
            self.backend.send(request, n, Some(value)).await?;
        }
        Ok(())
    }

    async fn insert(&self, path: &Path, _value: &Value) -> Result<()> {
        Err(unsupported(
            &self.name,
            &format!("insert at {path}"),
            "outlets are the device's",
        ))
    }

    async fn remove(&self, path: &Path) -> Result<()> {
        Err(unsupported(
            &self.name,
            &format!("remove of {path}"),
            "outlets are the device's",
        ))
    }

    /// `cycle`: the device's own, where the file has one.
    async fn invoke(&self, path: &Path, args: &[Value]) -> Result<Option<Value>> {
        let native = self
            .file
            .outlets
            .cycle
            .as_ref()
            .and_then(|c| c.native.as_ref());
        let (Some(Segment::Key(call)), Some(native)) = (path.last(), native) else {
            return Err(unsupported(
                &self.name,
                &format!("calling {path}"),
                "its file has no such call (cycle with on/off: pductl cycle)",
            ));
        };
        if call != "cycle" || !args.is_empty() {
            return Err(unsupported(
                &self.name,
                &format!("calling {path}"),
                "its file has one call: cycle, without arguments",
            ));
        }
        // Selecting the outlets needs their state, and the fields a filter names.
        let tree = self.read_tree(Wants::of(path)).await?;
        let outlets = self.mapped(&range).outlets(&tree, &path.parent())?;
        for n in outlets {
            self.backend.send(native, n, None).await?;
        }
        Ok(None)
    }

    async fn describe(&self, path: &Path) -> Result<Value> {
        Err(unsupported(
            &self.name,
            &format!("describe of {path}"),
            "driver files have no type descriptions",
        ))
    }

    fn native_cycle(&self) -> NativeCycle {
        match self
            .file
            .outlets
            .cycle
            .as_ref()
            .and_then(|c| c.native.as_ref())
        {
            Some(_) => NativeCycle::ConfiguredDelay,
            None => NativeCycle::None,
        }
    }
}
