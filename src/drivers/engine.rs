//! One engine for every driver file: it serves the object model (`relay/outlets`, names,
//! `pending`, `meter/values`, writes of state and name, the device's own cycle) through the
//! `Transport` trait from what a backend reads and sends. A backend speaks one protocol:
//! it reads every outlet's item in one exchange and sends the file's write requests.
//! Whatever the device answers is checked against the file: a missing field or a value
//! outside its map is a malformed answer naming the driver, the field and the value.
//!
//! A write is the file's request and its steps (`then`), sent in order for each outlet,
//! each answered before the next goes out; a step that fails is named (`step 2 of 2`), and
//! pductl's verification reads the outcome as for any write. A request naming `{outlets}`
//! is filled here, for every outlet the read before the write listed: the outlets written
//! get the value written, the others their state as just read (`outlet`), or `other`, so
//! one request writes every outlet selected without undoing what it does not touch.

use super::{fill, DriverFile, Filling, ListRequest, Outlets, Read, Request, Variant};
use crate::error::{Error, Result};
use crate::path::{Path, Segment};
use crate::retry::Repeat;
use crate::transport::{unsupported, Mapped, NativeCycle, Transport, MAX_OUTLETS};
use async_trait::async_trait;
use serde_json::{json, Map, Value};
use std::sync::OnceLock;

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

    /// Every outlet's item as `variant` lists them, in pductl's order, from one exchange
    /// where the protocol allows; never more than `MAX_OUTLETS`. Fields `wants` leaves out
    /// may be missing.
    async fn items(&self, variant: &Variant, wants: Wants) -> Result<Vec<Value>>;

    /// The items of a list of the file's own besides the outlets' (`name.list`), in
    /// pductl's order. Only HTTP files have one (the file check sees to that).
    async fn list(&self, list: &ListRequest) -> Result<Vec<Value>> {
        let _ = list;
        Err(Error::usage(format!(
            "{}: a list of names of its own is for HTTP drivers",
            self.device()
        )))
    }

    /// Sends one of the file's write requests for outlet `n` (from 0), whose `{id}` (already
    /// percent-encoded) is `id` where the file reads one; `repeat` says whether a try that
    /// got no answer may be sent again.
    async fn send(
        &self,
        request: &Request,
        n: usize,
        id: Option<&str>,
        value: Option<&Value>,
        repeat: Repeat,
    ) -> Result<()>;

    /// Tries of requests that change something so far.
    fn write_attempts(&self) -> u32;

    /// Logs out, where the backend logged in and the file says how (`Transport::close`).
    async fn close(&self) {}

    /// Each outlet's id (`{id}` in writes) where the backend has them rather than the
    /// device's items (HTTP's per-outlet reads: the profile's `outlets`).
    fn ids(&self, variant: &Variant) -> Option<Vec<String>> {
        let _ = variant;
        None
    }
}

/// A driver file served over a backend.
pub struct DriverEngine<B> {
    pub(super) backend: B,
    index_base: u64,
    /// The file's variants, in probing order.
    pub(super) variants: Vec<Variant>,
    /// The variant the device answered, once known (a device does not change tables while
    /// pductl runs).
    chosen: OnceLock<usize>,
    /// `driver acme-powerstrip`, for messages.
    name: String,
}

/// The outlets of a read: the variant that lists them, and their object-model tree.
struct Listed {
    variant: usize,
    tree: Value,
    /// Each outlet's own id, where the file reads one (`{id}` in writes).
    ids: Vec<String>,
    /// Each outlet's item as read, for `{json:/pointer}` in a write's pieces.
    items: Vec<Value>,
}

impl<B: Backend> DriverEngine<B> {
    pub fn new(backend: B, file: DriverFile) -> DriverEngine<B> {
        DriverEngine {
            backend,
            name: format!("driver {}", file.driver.id),
            index_base: file.driver.index_base,
            variants: file.variants(),
            chosen: OnceLock::new(),
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
            // `_` maps what the map does not list.
            let mapped = read
                .map
                .get(&key)
                .or_else(|| read.map.get(super::MAP_FALLBACK));
            value = mapped.cloned().ok_or_else(|| {
                Error::BadResponse(format!(
                    "{} sent {} = {raw} for outlet {n}, which the {} file does not map ({field})",
                    self.backend.device(),
                    at,
                    self.name
                ))
            })?;
        }
        if let (Some(scale), Some(x)) = (read.scale, value.as_f64()) {
            value = json!(scaled(x, scale));
        }
        if let (Some(at), Some(x)) = (read.digits_locator(), value.as_f64()) {
            let digits = item.pointer(&at).and_then(Value::as_i64).ok_or_else(|| {
                Error::BadResponse(format!(
                    "{} sent outlet {n} without a number of decimal digits at {at} ({}: {field})",
                    self.backend.device(),
                    self.name
                ))
            })?;
            // A device's digits are a handful; anything else is not a scale to trust.
            if !(0..=9).contains(&digits) {
                return Err(Error::BadResponse(format!(
                    "{} sent {digits} decimal digits for outlet {n}'s {field} ({})",
                    self.backend.device(),
                    self.name
                )));
            }
            value = json!(x / 10f64.powi(digits as i32));
        }
        Ok(value)
    }

    /// Reads the outlets (the fields `wants` names) and builds their tree. The first read
    /// probes: each variant is tried in order until one lists an outlet.
    async fn read_tree(&self, wants: Wants) -> Result<Listed> {
        if let Some(&k) = self.chosen.get() {
            let v = &self.variants[k];
            let items = self.backend.items(v, wants).await?;
            let names = self.names(v, items.len(), wants).await?;
            return self.listed(k, &items, names.as_deref(), wants);
        }
        let last = self.variants.len().saturating_sub(1);
        for (k, v) in self.variants.iter().enumerate() {
            let items = match self.backend.items(v, wants).await {
                // A table or page the unit does not have is the next variant's turn.
                Ok(items) if items.is_empty() && k < last => continue,
                Err(Error::NotFound(_)) if k < last => continue,
                Ok(items) if items.is_empty() && self.variants.len() > 1 => break,
                answer => answer?,
            };
            let _ = self.chosen.set(k);
            let names = self.names(v, items.len(), wants).await?;
            return self.listed(k, &items, names.as_deref(), wants);
        }
        let names: Vec<&str> = self.variants.iter().map(|v| v.name.as_str()).collect();
        Err(Error::BadResponse(format!(
            "{} lists no outlets in any of the {} file's tables ({})",
            self.backend.device(),
            self.name,
            names.join(", ")
        )))
    }

    /// The items of the variant's own list of names, where it has one and names are
    /// wanted: one per outlet listed (`count`), or the answer is malformed.
    async fn names(&self, v: &Variant, count: usize, wants: Wants) -> Result<Option<Vec<Value>>> {
        let Some(list) = v.outlets.name.as_ref().and_then(|n| n.list.as_ref()) else {
            return Ok(None);
        };
        if !wants.names || count == 0 {
            return Ok(None);
        }
        let names = self.backend.list(list).await?;
        if names.len() != count {
            return Err(Error::BadResponse(format!(
                "{} lists {} outlets and names for {} ({}: name.list)",
                self.backend.device(),
                count,
                names.len(),
                self.name
            )));
        }
        Ok(Some(names))
    }

    fn listed(
        &self,
        k: usize,
        items: &[Value],
        names: Option<&[Value]>,
        wants: Wants,
    ) -> Result<Listed> {
        let v = &self.variants[k];
        let mut ids = Vec::new();
        if let Some(id) = &v.outlets.id {
            for (n, item) in items.iter().enumerate() {
                let value = self.read(item, &id.read, n, "id")?;
                ids.push(
                    value
                        .as_str()
                        .map_or_else(|| value.to_string(), str::to_string),
                );
            }
        } else if let Some(given) = self.backend.ids(v) {
            ids = given;
        }
        Ok(Listed {
            variant: k,
            tree: self.tree_named(v, items, names, wants)?,
            ids,
            items: items.to_vec(),
        })
    }

    /// Sends a request for outlet `n`, its `{id}` filled in where the file reads one.
    async fn send(
        &self,
        listed: &Listed,
        request: &Request,
        n: usize,
        value: Option<&Value>,
        repeat: Repeat,
    ) -> Result<()> {
        let id = listed.ids.get(n).map(|id| super::url_encoded(id));
        self.backend
            .send(request, n, id.as_deref(), value, repeat)
            .await
    }

    /// Writes `value` to the outlets `written` (from 0): the request and its steps (`then`)
    /// for each outlet in turn, or, for a request that fills `{outlets}`, once for them all.
    /// Each step is checked before the next goes out; one that fails says which it was.
    async fn write(
        &self,
        listed: &Listed,
        request: &Request,
        written: &[usize],
        value: Option<&Value>,
        repeat: Repeat,
    ) -> Result<()> {
        let steps: Vec<&Request> = std::iter::once(request).chain(&request.then).collect();
        let rounds: Vec<&[usize]> = if request.outlet.is_some() {
            vec![written]
        } else {
            written.chunks(1).collect()
        };
        for outlets in rounds {
            let Some(&n) = outlets.first() else { continue };
            for (k, step) in steps.iter().enumerate() {
                let sent = match self.with_outlets(listed, step, outlets, value)? {
                    // Every outlet is in the request: `{id}` is the first's (UniFi's device
                    // id, every outlet's).
                    Some(expanded) => self.send(listed, &expanded, n, value, repeat).await,
                    None => self.send(listed, step, n, value, repeat).await,
                };
                if steps.len() > 1 {
                    sent.map_err(|e| {
                        e.noted(&format!(
                            " (step {} of {} of the write, {})",
                            k + 1,
                            steps.len(),
                            self.name
                        ))
                    })?;
                } else {
                    sent?;
                }
            }
        }
        Ok(())
    }

    /// The request with `{outlets}` filled in, where it has one: `outlet` for each outlet
    /// of the device (those `written` with `value`, the others with their state as
    /// `listed` read it), or `other` for the others where the file gives one, and for the
    /// positions of a `width` past the last outlet; joined by `join`.
    fn with_outlets(
        &self,
        listed: &Listed,
        request: &Request,
        written: &[usize],
        value: Option<&Value>,
    ) -> Result<Option<Request>> {
        let Some(outlet) = &request.outlet else {
            return Ok(None);
        };
        let states: Vec<Value> = listed.tree["relay"]["outlets"]
            .as_array()
            .map(|outlets| outlets.iter().map(|o| o["state"].clone()).collect())
            .unwrap_or_default();
        let count = states.len();
        let width = request.width.unwrap_or(count);
        if count > width {
            return Err(Error::BadResponse(format!(
                "{} lists {count} outlets, more than the {width} its write addresses ({})",
                self.backend.device(),
                self.name
            )));
        }
        let mut pieces = Vec::with_capacity(width);
        for k in 0..width {
            let mut id: Vec<(&str, String)> = listed
                .ids
                .get(k)
                .map(|id| vec![("id", super::url_encoded(id))])
                .unwrap_or_default();
            let item = listed.items.get(k).unwrap_or(&Value::Null);
            let json_of = json_members(outlet, item);
            let json_of_other = request
                .other
                .as_deref()
                .map(|other| json_members(other, item))
                .unwrap_or_default();
            id.extend(
                json_of
                    .iter()
                    .chain(&json_of_other)
                    .map(|(name, text)| (name.as_str(), text.clone())),
            );
            let piece = match (written.contains(&k), &request.other, states.get(k)) {
                (true, _, _) => fill(outlet, k, self.index_base, value, Filling::Text, &id),
                (false, Some(other), state) => {
                    fill(other, k, self.index_base, state, Filling::Text, &id)
                }
                (false, None, Some(state)) if state.is_boolean() => {
                    fill(outlet, k, self.index_base, Some(state), Filling::Text, &id)
                }
                // Written as it is, an outlet whose state is not known could change.
                (false, None, _) => {
                    return Err(Error::Refused(format!(
                        "{}: outlet {k}'s state is not known, and the {} file's write sets \
                         every outlet's",
                        self.backend.device(),
                        self.name
                    )))
                }
            };
            pieces.push(piece);
        }
        let expansion = pieces
            .join(request.join.as_deref().unwrap_or_default())
            .replace('{', "{{")
            .replace('}', "}}");
        let put = |template: &Option<String>| {
            template.as_deref().map(|t| {
                let mut out = String::new();
                for piece in super::pieces(t) {
                    match piece {
                        super::Piece::Variable("outlets") => out.push_str(&expansion),
                        super::Piece::Variable(v) => out.push_str(&format!("{{{v}}}")),
                        super::Piece::Text(text) => {
                            out.push_str(&text.replace('{', "{{").replace('}', "}}"))
                        }
                        super::Piece::Unclosed(text) => out.push_str(text),
                    }
                }
                out
            })
        };
        let mut expanded = request.clone();
        for (field, template) in [
            (&mut expanded.get, &request.get),
            (&mut expanded.put, &request.put),
            (&mut expanded.post, &request.post),
            (&mut expanded.patch, &request.patch),
            (&mut expanded.body, &request.body),
            (&mut expanded.oid, &request.oid),
            (&mut expanded.integer, &request.integer),
            (&mut expanded.string, &request.string),
            (&mut expanded.publish, &request.publish),
            (&mut expanded.payload, &request.payload),
        ] {
            *field = put(template);
        }
        Ok(Some(expanded))
    }

    /// The object-model tree of the outlets `variant` lists; where it has a list of names,
    /// the same items stand for that list's (for the tests that feed it any JSON).
    #[cfg(test)]
    pub(super) fn tree(&self, variant: &Variant, items: &[Value], wants: Wants) -> Result<Value> {
        let names = variant.outlets.name.as_ref().and_then(|n| n.list.as_ref());
        self.tree_named(variant, items, names.map(|_| items), wants)
    }

    /// The tree, with the names read from `names` (the items of the variant's `name.list`,
    /// one per outlet) where given, else from the outlets' items.
    fn tree_named(
        &self,
        variant: &Variant,
        items: &[Value],
        names: Option<&[Value]>,
        wants: Wants,
    ) -> Result<Value> {
        let o = &variant.outlets;
        let mut outlets = Vec::new();
        let mut values = Map::new();
        for (n, item) in items.iter().enumerate() {
            let mut state = self.read(item, &o.state.read, n, "state")?;
            // A state the device does not know (`_ = "unknown"`): none, rather than an error.
            if state.as_str() == Some(super::UNKNOWN_STATE)
                && o.state.read.map.contains_key(super::MAP_FALLBACK)
            {
                state = Value::Null;
            }
            if !state.is_boolean() && !state.is_null() {
                return Err(Error::BadResponse(format!(
                    "{}: the state of outlet {n} maps to {state}, not true or false",
                    self.name
                )));
            }
            let mut outlet = Map::new();
            if wants.names {
                let name = match &o.name {
                    Some(name) => {
                        let item = names.and_then(|names| names.get(n)).unwrap_or(item);
                        // A name the device gives as null is not set: an unnamed outlet.
                        let unset = |v: Value| if v.is_null() { json!("") } else { v };
                        // With a fallback, a name the item lacks is one not set.
                        let lacks =
                            name.fallback.is_some() && item.pointer(&name.read.locator()).is_none();
                        let read = if lacks {
                            json!("")
                        } else {
                            unset(self.read(item, &name.read, n, "name")?)
                        };
                        match &name.fallback {
                            Some(fallback) if read == json!("") => {
                                unset(self.read(item, fallback, n, "name")?)
                            }
                            _ => read,
                        }
                    }
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
            for m in variant.meter.iter().filter(|_| wants.meters) {
                // A key that names no outlet is the device's own meter (a NETIO's voltage):
                // read once, from the first outlet's item.
                let per_outlet = m.key.contains("{n}") || m.key.contains("{i}");
                if !per_outlet && n > 0 {
                    continue;
                }
                if m.optional && item.pointer(&m.read.locator()).is_none() {
                    continue;
                }
                let value = self.read(item, &m.read, n, &m.key)?;
                let name = match (&m.name, per_outlet) {
                    (Some(name), _) => fill(name, n, self.index_base, None, Filling::Text, &[]),
                    (None, true) => format!("Outlet {} {}", n + 1, m.quantity),
                    (None, false) => m.key.clone(),
                };
                values.insert(
                    fill(&m.key, n, self.index_base, None, Filling::Text, &[]),
                    json!({"name": name, "value": value, "quantity": m.quantity, "unit": m.unit}),
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

/// The outlets' items in a list's answer (`doc`), as the file says where to find them:
/// the array at `items`, or the members named `keys` and a number. `origin` says who
/// answered what, for messages.
pub(super) fn list_items(
    list: &ListRequest,
    doc: &Value,
    index_base: u64,
    origin: &str,
    name: &str,
) -> Result<Vec<Value>> {
    let items = match (&list.items, &list.keys) {
        (Some(at), _) => doc
            .pointer(at)
            .and_then(Value::as_array)
            .cloned()
            .ok_or_else(|| {
                Error::BadResponse(format!("{origin} without an array at {at} ({name})"))
            })?,
        (None, Some(prefix)) => numbered_members(doc, prefix, index_base)
            .map_err(|why| Error::BadResponse(format!("{origin} with {why} ({name})")))?,
        (None, None) => Vec::new(),
    };
    let mut items = items;
    if let Some(filter) = &list.filter {
        items.retain(|item| filter.keeps(item));
    }
    if items.len() > MAX_OUTLETS {
        return Err(Error::BadResponse(format!(
            "{origin} with {} outlets, more than any device has ({name})",
            items.len()
        )));
    }
    if let Some(parent) = list.items.as_deref().and_then(|at| holder(doc, at)) {
        for item in &mut items {
            if let Some(item) = item.as_object_mut() {
                item.entry(HOLDER).or_insert_with(|| parent.clone());
            }
        }
    }
    Ok(items)
}

/// The member of an item (an object) that holds the plain members of the object its array
/// is in: `/../_id` reads a UniFi device's id beside its `outlet_table`.
pub const HOLDER: &str = "..";

/// The plain members (text, numbers, booleans) of the object that holds the array at `at`,
/// a few short ones only: they are copied into every item, and the device is not trusted.
fn holder(doc: &Value, at: &str) -> Option<Value> {
    const MOST: usize = 64;
    const LONGEST: usize = 256;
    let (above, _) = at.rsplit_once('/')?;
    let object = doc.pointer(above)?.as_object()?;
    let plain = object.iter().filter(|(key, value)| {
        key.len() <= LONGEST
            && match value {
                Value::String(text) => text.len() <= LONGEST,
                Value::Number(_) | Value::Bool(_) => true,
                _ => false,
            }
    });
    Some(Value::Object(
        plain
            .take(MOST)
            .map(|(key, value)| (key.clone(), value.clone()))
            .collect(),
    ))
}

/// The members of an answer named `prefix` and a number from `first` (the file's
/// index_base), in number order, or `prefix` alone as the first (Tasmota names one relay
/// `POWER`, several `POWER1`...; Shelly Gen2 `switch:0`...). The numbers must run without a
/// gap, or pductl's outlet n would not be the device's n + first.
pub(super) fn numbered_members(
    doc: &Value,
    prefix: &str,
    first: u64,
) -> std::result::Result<Vec<Value>, String> {
    let object = doc
        .as_object()
        .ok_or_else(|| "something that is not a JSON object".to_string())?;
    let mut found: Vec<(u64, &Value)> = Vec::new();
    for (key, value) in object {
        let Some(rest) = key.strip_prefix(prefix) else {
            continue;
        };
        // Short digit strings only: a number past MAX_OUTLETS could never run without a gap.
        let number = match rest {
            "" => first,
            digits if digits.len() <= 6 && digits.bytes().all(|b| b.is_ascii_digit()) => {
                digits.parse().unwrap_or(u64::MAX)
            }
            _ => continue,
        };
        found.push((number, value));
    }
    found.sort_by_key(|(number, _)| *number);
    for (want, (number, _)) in (first..).zip(&found) {
        if *number != want {
            let name = |n: u64| format!("{prefix}{n}");
            return Err(if *number < want {
                format!("{prefix} and {} both", name(want - 1))
            } else {
                format!("{} without {}", name(*number), name(want))
            });
        }
    }
    if found.is_empty() {
        return Err(format!("no member named {prefix} or {prefix}{first}"));
    }
    Ok(found.into_iter().map(|(_, v)| v.clone()).collect())
}

/// The `{json:/pointer}` variables of a piece, each with the JSON of that member of the
/// outlet's item (`null` where it has none), so a read-modify-write keeps what it does not
/// change (UniFi's outlet names).
fn json_members(piece: &str, item: &Value) -> Vec<(String, String)> {
    super::pieces(piece)
        .into_iter()
        .filter_map(|p| match p {
            super::Piece::Variable(v) => {
                let at = v.strip_prefix("json:")?;
                let member = item.pointer(at).unwrap_or(&Value::Null);
                Some((v.to_string(), member.to_string()))
            }
            _ => None,
        })
        .collect()
}

/// `x * scale`, where a scale of 0.1 or 0.01 divides by 10 or 100 instead, so that 3 tenths
/// of an amp read 0.3, not 0.30000000000000004.
fn scaled(x: f64, scale: f64) -> f64 {
    let divisor = 1.0 / scale;
    if scale > 0.0 && scale < 1.0 && (divisor - divisor.round()).abs() < 1e-9 {
        x / divisor.round()
    } else {
        x * scale
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
        let read = self.read_tree(Wants::of(path)).await?;
        self.mapped(&range).get(&read.tree, path)
    }

    async fn close(&self) {
        self.backend.close().await
    }

    async fn outlets_and_meters(&self) -> Result<(Value, Result<Value>)> {
        let read = self.read_tree(Wants::ALL).await?;
        self.mapped(&range).outlets_and_meters(&read.tree)
    }

    async fn set(&self, path: &Path, value: &Value) -> Result<()> {
        let (request, what): (fn(&Outlets) -> Option<&Request>, _) = match path.last() {
            Some(Segment::Key(f)) if f == "state" || f == "transient_state" => {
                if !value.is_boolean() {
                    return Err(Error::usage(format!(
                        "state takes true or false, not {value}"
                    )));
                }
                (|o| o.state.write.as_ref(), "switching outlets")
            }
            Some(Segment::Key(f)) if f == "name" => {
                if !value.is_string() {
                    return Err(Error::usage(format!(
                        "a name is a string in quotes, not {value}"
                    )));
                }
                (
                    |o| o.name.as_ref().and_then(|n| n.write.as_ref()),
                    "renaming outlets",
                )
            }
            _ => (|_| None, "writing that"),
        };
        let unsupported_here = || {
            unsupported(
                &self.name,
                &format!("writing {path}"),
                &format!("its file says nothing of {what}"),
            )
        };
        if !self.variants.iter().any(|v| request(&v.outlets).is_some()) {
            return Err(unsupported_here());
        }
        // Selecting the outlets needs their state, and the fields a filter names.
        let read = self.read_tree(Wants::of(path)).await?;
        let request = request(&self.variants[read.variant].outlets).ok_or_else(unsupported_here)?;
        let outlets = self.mapped(&range).outlets(&read.tree, &path.parent())?;
        if outlets.is_empty() {
            return Err(crate::transport::selects_nothing(
                &path.parent(),
                self.backend.device(),
            ));
        }
        // A write of a state or name is absolute, unless the file says the device's write
        // adds up (`repeat = false`).
        let repeat = if request.repeat == Some(false) {
            Repeat::Once
        } else {
            Repeat::Write
        };
        self.write(&read, request, &outlets, Some(value), repeat)
            .await
    }

    async fn insert(&self, path: &Path, _value: &Value) -> Result<()> {
        Err(super::outlets_are_fixed(
            &self.name,
            &format!("insert at {path}"),
        ))
    }

    async fn remove(&self, path: &Path) -> Result<()> {
        Err(super::outlets_are_fixed(
            &self.name,
            &format!("remove of {path}"),
        ))
    }

    /// `cycle`: the device's own, where the file has one.
    async fn invoke(&self, path: &Path, args: &[Value]) -> Result<Option<Value>> {
        let no_call = || {
            unsupported(
                &self.name,
                &format!("calling {path}"),
                "its file has no such call (cycle with on/off: pductl cycle)",
            )
        };
        let Some(Segment::Key(call)) = path.last() else {
            return Err(no_call());
        };
        if !self.variants.iter().any(|v| native(v).is_some()) {
            return Err(no_call());
        }
        if call != "cycle" || !args.is_empty() {
            return Err(unsupported(
                &self.name,
                &format!("calling {path}"),
                "its file has one call: cycle, without arguments",
            ));
        }
        // Selecting the outlets needs their state, and the fields a filter names.
        let read = self.read_tree(Wants::of(path)).await?;
        let native = native(&self.variants[read.variant]).ok_or_else(no_call)?;
        let outlets = self.mapped(&range).outlets(&read.tree, &path.parent())?;
        // A cycle sent twice is two cycles.
        self.write(&read, native, &outlets, None, Repeat::Once)
            .await?;
        Ok(None)
    }

    async fn describe(&self, path: &Path) -> Result<Value> {
        Err(unsupported(
            &self.name,
            &format!("describe of {path}"),
            "driver files have no type descriptions",
        ))
    }

    fn write_attempts(&self) -> u32 {
        self.backend.write_attempts()
    }

    /// The device's own cycle where its variant has one; before the first read, where every
    /// variant has one.
    fn native_cycle(&self) -> NativeCycle {
        let has = match self.chosen.get() {
            Some(&k) => native(&self.variants[k]).is_some(),
            None => self.variants.iter().all(|v| native(v).is_some()),
        };
        if has {
            NativeCycle::ConfiguredDelay
        } else {
            NativeCycle::None
        }
    }
}

/// A variant's own cycle request.
fn native(v: &Variant) -> Option<&Request> {
    v.outlets.cycle.as_ref().and_then(|c| c.native.as_ref())
}

#[cfg(test)]
mod tests {
    use super::super::{arithmetic, fill, Filling};
    use super::json_members;
    use serde_json::json;

    /// `{2*n+v:02}` and its kin: sums of numbers, `n`, `i`, `v`, padded with zeros; what is
    /// not one is not a number.
    #[test]
    fn template_arithmetic_fills_numbers_and_refuses_the_rest() {
        let on = Some(&json!(true));
        let off = Some(&json!(false));
        let t = "/30000/{2*n+v:02}";
        assert_eq!(fill(t, 1, 1, on, Filling::Url, &[]), "/30000/03");
        assert_eq!(fill(t, 1, 1, off, Filling::Url, &[]), "/30000/02");
        assert_eq!(fill(t, 15, 1, on, Filling::Url, &[]), "/30000/31");
        assert_eq!(fill("{i:03}", 4, 1, None, Filling::Text, &[]), "005");
        assert_eq!(fill("{i-1}", 0, 1, None, Filling::Text, &[]), "0");
        assert_eq!(fill("{-n+10}", 3, 0, None, Filling::Text, &[]), "7");
        assert_eq!(fill("{v}", 0, 0, on, Filling::Text, &[]), "1");
        // A backend's own `{i}` (Modbus's from the profile) counts where it is a number.
        assert_eq!(
            fill("{2*i}", 0, 1, None, Filling::Text, &[("i", "21".into())]),
            "42"
        );
        for form in [
            "",
            "x",
            "2*x",
            "n*2",
            "2**n",
            "1234567890",
            "n:2",
            "n:0",
            "n:021",
            "n+",
            "+n",
            "n--1",
            "2 * n",
        ] {
            assert_eq!(arithmetic(form, 1, 2, true), None, "{form}");
        }
        // The largest factor times the largest outlet number does not overflow.
        assert!(arithmetic("999999999*n+999999999*i", u64::MAX, u64::MAX, false).is_some());
    }

    /// A piece's `{json:/pointer}` is the JSON of the item's member, or null.
    #[test]
    fn json_members_quote_what_the_item_holds() {
        let item = json!({"name": "Lab \"A\"", "index": 3});
        let got = json_members("{json:/name},{json:/index},{json:/none},{i}", &item);
        assert_eq!(
            got,
            [
                ("json:/name".to_string(), "\"Lab \\\"A\\\"\"".to_string()),
                ("json:/index".to_string(), "3".to_string()),
                ("json:/none".to_string(), "null".to_string()),
            ]
        );
    }
}
