//! The simulated DLI controller's object model: the REST tree of protocols/dli.md 2.12, the
//! rules a real unit applies to it (read-only fields, admin-only writes, locked outlets, calls,
//! collections), and time. HTTP lives in `dli_http.rs`; this file knows nothing of sockets.
//!
//! Time is lazy: switching that a real unit does later (the `on` half of a cycle, the sequence
//! delay between outlets) is stored as pending events with wall-clock times and applied on
//! the next access. That keeps the state a plain value that can be saved to a file and picked
//! up by another process, which is how the `demo` device persists between invocations.

use super::now_ms;
use crate::path::{kind_name, pointer, Path, Segment};
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

/// Outlet fields the object model defines (protocols/dli.md 2.12), in the order a real
/// unit's `uom get relay/outlets` was captured with (units differ in the order; clients must
/// not rely on it).
const OUTLET_FIELDS: [&str; 7] = [
    "name",
    "cycle_delay",
    "critical",
    "transient_state",
    "physical_state",
    "state",
    "locked",
];

/// The simulated unit's serial number, shaped like a captured LPC9's (`LPC92601002528`).
pub const SERIAL: &str = "LPC9SIM0000001";

/// Minutes a unit refuses logins after too many failed ones (`config/lockout_delay_minutes`,
/// DLI's default).
const LOCKOUT_DELAY_MINUTES: u64 = 5;

/// Collections that accept insert and remove. Outlets and the other arrays mirror hardware.
const COLLECTIONS: [&[&str]; 2] = [&["config", "links"], &["auth", "users"]];

/// Fields that may hold a number or null (null = use the relay-wide default).
const NULLABLE_NUMBERS: [&str; 1] = ["cycle_delay"];

/// How a simulated device answers, before HTTP framing.
#[derive(Debug, Clone, PartialEq)]
pub enum Reply {
    /// 200 with a JSON body.
    Value(Value),
    /// 206: depth-limited tree.
    Partial(Value),
    /// 207: one entry per selected resource, `(uri, value)`.
    Multi(Vec<(String, Value)>),
    /// 207 for a write through a selection: the URIs written, no body.
    MultiDone(Vec<String>),
    /// 201 with the new element's URI (append to a collection).
    Created(String),
    /// 204.
    NoContent,
}

/// A refusal with the HTTP status a unit would use and a one-line reason.
#[derive(Debug, Clone, PartialEq)]
pub struct SimError {
    pub status: u16,
    pub message: String,
}

fn err(status: u16, message: impl Into<String>) -> SimError {
    SimError {
        status,
        message: message.into(),
    }
}

/// Status for a write to a read-only resource [INF: dli.md lists per-resource allowed methods].
const STATUS_READ_ONLY: u16 = 405;
/// Status for a refused call or write (bad arguments, locked outlet) [OBS 409 for bad calls].
const STATUS_REFUSED: u16 = 409;

/// Who is asking: the authenticated user as the device sees it (also served as `cred/`).
#[derive(Debug, Clone)]
pub struct Caller {
    pub name: String,
    pub is_admin: bool,
    pub outlet_access: Vec<bool>,
    pub ip_address: String,
}

/// A change the relay board makes later.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Pending {
    pub at_ms: u64,
    pub outlet: usize,
    pub physical: bool,
}

/// The whole persistent state of one simulated controller.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct DliState {
    pub tree: Value,
    #[serde(default)]
    pub pending: Vec<Pending>,
    /// Per-outlet power and energy meters (`sim dli --energy-rate`); `None`: the unit meters
    /// only as a whole, as a real controller does.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outlet_meters: Option<OutletMeters>,
}

/// Per-outlet meters of `sim dli --energy-rate RATE`: an outlet that is on draws
/// `3600 x RATE` W, so its energy counter grows RATE Wh a second; the unit's total power and
/// current are then the outlets' sum.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct OutletMeters {
    /// Wh per second of an outlet that is on.
    pub rate: f64,
    /// Each outlet's energy, Wh.
    pub energy_wh: Vec<f64>,
    /// Energy is integrated up to this time.
    pub measured_ms: u64,
}

impl OutletMeters {
    /// An outlet's draw while on, W.
    fn watts(&self) -> f64 {
        self.rate * 3600.0
    }
}

impl DliState {
    /// A factory-fresh controller with `outlets` outlets and one admin account. The digest
    /// realm is `DLI <serial>`, as on a captured LPC9, unless `realm` says otherwise.
    pub fn new(outlets: usize, user: &str, password: &str, realm: Option<&str>) -> DliState {
        let outlet_list: Vec<Value> = (0..outlets)
            .map(|i| {
                json!({
                    "name": format!("Outlet {}", i + 1),
                    "cycle_delay": null,
                    "critical": false,
                    "transient_state": false,
                    "physical_state": false,
                    "state": false,
                    "locked": false
                })
            })
            .collect();
        let realm = realm.map_or_else(|| format!("DLI {SERIAL}"), str::to_string);
        let tree = json!({
            "relay": {
                "name": "DLI Controller",
                "online": true,
                "model": "LPC9 (simulated)",
                "version": "1.2.0-sim",
                "cycle_delay": 2,
                "sequence_delay": 1,
                "min_sequence_delay": 0,
                "outlets": outlet_list
            },
            "meter": {
                "values": {
                    "mains_voltage": {"name": "Mains voltage", "value": 120.0, "quantity": "voltage"},
                    "current": {"name": "Total current", "value": 0.0, "quantity": "current"},
                    "power": {"name": "Total power", "value": 0.0, "quantity": "power"},
                    "temperature": {"name": "Internal temperature", "value": 31.5, "quantity": "temperature"}
                }
            },
            "auth": {
                "realm": realm,
                "cookie_timeout": 28800,
                "users": [{
                    "name": user,
                    "password": password,
                    "is_allowed": true,
                    "is_admin": true,
                    "outlet_access": vec![true; outlets]
                }]
            },
            "config": {
                "version": "1.13.0.0 (simulated)",
                "serial": SERIAL,
                "hostname": "dli-sim",
                "hardware_id": "sim",
                "allow_plaintext_logins": false,
                "lockout_delay_minutes": LOCKOUT_DELAY_MINUTES,
                "links": [
                    {"href": "https://www.digital-loggers.com/", "description": "Digital Loggers"}
                ]
            }
        });
        DliState {
            tree,
            pending: Vec::new(),
            outlet_meters: None,
        }
    }

    /// Meters every outlet, its energy growing `rate` Wh a second while it is on
    /// (`sim dli --energy-rate`); `None` leaves the unit metering only as a whole.
    pub fn meter_outlets(&mut self, rate: Option<f64>) {
        self.outlet_meters = rate.map(|rate| OutletMeters {
            rate,
            energy_wh: vec![0.0; self.outlet_count()],
            measured_ms: now_ms(),
        });
    }

    /// Adds each switched-on outlet's energy up to `until`.
    fn integrate(&mut self, until: u64) {
        let on: Vec<bool> = self.tree["relay"]["outlets"]
            .as_array()
            .map(|a| {
                a.iter()
                    .map(|o| o["physical_state"] == json!(true))
                    .collect()
            })
            .unwrap_or_default();
        let Some(m) = self.outlet_meters.as_mut() else {
            return;
        };
        if until <= m.measured_ms {
            return;
        }
        let wh = m.watts() * (until - m.measured_ms) as f64 / 3_600_000.0;
        for (e, _) in m.energy_wh.iter_mut().zip(&on).filter(|(_, on)| **on) {
            *e += wh;
        }
        m.measured_ms = until;
    }

    /// True when the tree has every part the model indexes into, so that a state file
    /// edited by hand cannot make the simulator panic.
    pub fn is_well_formed(&self) -> bool {
        let t = &self.tree;
        let objects = |v: &Value| v.as_array().is_some_and(|a| a.iter().all(Value::is_object));
        let outlets = t["relay"]["outlets"].as_array().map_or(0, Vec::len);
        objects(&t["relay"]["outlets"])
            && outlets > 0
            && t["relay"]["outlets"]
                .as_array()
                .into_iter()
                .flatten()
                .all(|o| OUTLET_FIELDS.iter().all(|f| o.get(*f).is_some()))
            && t["meter"]["values"].is_object()
            && objects(&t["auth"]["users"])
            && t["auth"]["realm"].is_string()
            && objects(&t["config"]["links"])
            && self.pending.iter().all(|p| p.outlet < outlets)
    }

    pub fn realm(&self) -> String {
        self.tree["auth"]["realm"]
            .as_str()
            .unwrap_or("DLI Controller")
            .to_string()
    }

    fn outlet_count(&self) -> usize {
        self.tree["relay"]["outlets"]
            .as_array()
            .map_or(0, |a| a.len())
    }

    /// Looks up an allowed user's account by name: `(password, caller)`.
    pub fn account(&self, name: &str) -> Option<(String, Caller)> {
        let users = self.tree["auth"]["users"].as_array()?;
        let user = users
            .iter()
            .find(|u| u["name"].as_str() == Some(name) && u["is_allowed"] != json!(false))?;
        let outlets = self.outlet_count();
        let access = user["outlet_access"]
            .as_array()
            .map(|a| a.iter().map(|v| v == &json!(true)).collect())
            .unwrap_or_else(|| vec![false; outlets]);
        Some((
            user["password"].as_str().unwrap_or_default().to_string(),
            Caller {
                name: name.to_string(),
                is_admin: user["is_admin"] == json!(true),
                outlet_access: access,
                ip_address: String::new(),
            },
        ))
    }

    /// How long a lockout lasts, from `config/lockout_delay_minutes`.
    pub fn lockout_delay_ms(&self) -> u64 {
        self.tree["config"]["lockout_delay_minutes"]
            .as_u64()
            .unwrap_or(LOCKOUT_DELAY_MINUTES)
            .saturating_mul(60_000)
    }

    pub fn allow_plaintext_logins(&self) -> bool {
        self.tree["config"]["allow_plaintext_logins"] == json!(true)
    }

    /// Every outlet's physical state and the pending relay changes, to put back after a
    /// write (the `stuck-relay` fault).
    pub fn relays(&self) -> (Vec<Value>, Vec<Pending>) {
        let physical = self.tree["relay"]["outlets"]
            .as_array()
            .map(|outlets| {
                outlets
                    .iter()
                    .map(|o| o["physical_state"].clone())
                    .collect()
            })
            .unwrap_or_default();
        (physical, self.pending.clone())
    }

    pub fn set_relays(&mut self, (physical, pending): (Vec<Value>, Vec<Pending>)) {
        if let Some(outlets) = self.tree["relay"]["outlets"].as_array_mut() {
            for (o, p) in outlets.iter_mut().zip(physical) {
                o["physical_state"] = p;
            }
        }
        self.pending = pending;
    }

    /// Applies every pending relay change due by `now`.
    pub fn settle(&mut self, now: u64) {
        self.pending.sort_by_key(|p| p.at_ms);
        let (due, later): (Vec<_>, Vec<_>) = self.pending.drain(..).partition(|p| p.at_ms <= now);
        self.pending = later;
        for p in due {
            self.integrate(p.at_ms);
            self.tree["relay"]["outlets"][p.outlet]["physical_state"] = json!(p.physical);
        }
        self.integrate(now);
    }

    /// The tree as `caller` may see it: computed meters and `cred/` added, passwords removed.
    fn view(&self, caller: &Caller) -> Value {
        let mut view = self.tree.clone();
        let on = view["relay"]["outlets"].as_array().map_or(0, |a| {
            a.iter()
                .filter(|o| o["physical_state"] == json!(true))
                .count()
        });
        // A plausible load: 0.42 A per outlet that is on, on 120 V mains.
        let mut current = (on as f64 * 0.42 * 100.0).round() / 100.0;
        if let Some(m) = &self.outlet_meters {
            let outlets = view["relay"]["outlets"]
                .as_array()
                .cloned()
                .unwrap_or_default();
            for (i, o) in outlets.iter().enumerate() {
                let watts = match o["physical_state"] == json!(true) {
                    true => m.watts(),
                    false => 0.0,
                };
                let energy = m.energy_wh.get(i).copied().unwrap_or(0.0).floor();
                let n = i + 1;
                view["meter"]["values"][format!("outlets.{i}.power")] = json!({"name": format!("Outlet {n} power"), "value": watts, "quantity": "power", "unit": "W"});
                view["meter"]["values"][format!("outlets.{i}.energy")] = json!({"name": format!("Outlet {n} energy"), "value": energy, "quantity": "energy", "unit": "Wh"});
            }
            current = (on as f64 * m.watts() / 120.0 * 100.0).round() / 100.0;
        }
        view["meter"]["values"]["current"]["value"] = json!(current);
        view["meter"]["values"]["power"]["value"] = json!((current * 120.0).round());
        if let Some(users) = view["auth"]["users"].as_array_mut() {
            for u in users {
                if let Some(o) = u.as_object_mut() {
                    o.remove("password");
                }
            }
        }
        view["cred"] = json!({
            "ip_address": caller.ip_address,
            "is_admin": caller.is_admin,
            "name": caller.name,
            "agent": "rest api",
            "outlet_access": caller.outlet_access,
        });
        view
    }

    // ----- reads -------------------------------------------------------------------------

    /// GET: one resource (200), a depth-limited one (206) or a matrix selection (207).
    pub fn get(
        &mut self,
        path: &Path,
        caller: &Caller,
        depth: Option<usize>,
    ) -> Result<Reply, SimError> {
        self.settle(now_ms());
        if let Some(call) = self.call_name(path) {
            return Err(err(STATUS_READ_ONLY, format!("{call} is a call: use POST")));
        }
        let view = self.view(caller);
        let targets = expand(path, &view)?;
        // A one-level read of the root only names the top-level objects, which anyone may see.
        let names_only = depth.is_some_and(|d| d <= 1);
        for keys in targets.iter().filter(|k| !(names_only && k.is_empty())) {
            check_read(caller, keys)?;
        }
        if path.is_matrix() {
            let items = targets
                .iter()
                .map(|k| (Path::from_keys(k).rest_uri(), lookup(&view, k).clone()))
                .collect();
            return Ok(Reply::Multi(items));
        }
        let value = lookup(&view, &targets[0]).clone();
        match depth {
            Some(d) => Ok(Reply::Partial(limit_depth(&value, d.max(1)))),
            None => Ok(Reply::Value(value)),
        }
    }

    /// A type description of the resource (served at `<resource>/description`).
    pub fn describe(&mut self, path: &Path, caller: &Caller) -> Result<Reply, SimError> {
        if path.is_matrix() {
            return Err(err(404, "descriptions are per resource, not per selection"));
        }
        if let Some(call) = self.call_name(path) {
            let args = if call == "set_outlet_transient_states" {
                json!([{"type": "array", "of": "[index, boolean]"}])
            } else {
                json!([])
            };
            return Ok(Reply::Value(
                json!({"type": "call", "name": call, "arguments": args}),
            ));
        }
        let view = self.view(caller);
        let keys = expand(path, &view)?.remove(0);
        check_read(caller, &keys)?;
        Ok(Reply::Value(describe_value(&keys, lookup(&view, &keys))))
    }

    // ----- writes ------------------------------------------------------------------------

    /// PUT: overwrite a resource (204) or every selected one (207).
    pub fn put(&mut self, path: &Path, value: &Value, caller: &Caller) -> Result<Reply, SimError> {
        let now = now_ms();
        self.settle(now);
        let targets = expand(path, &self.tree)?;
        let mut switches = Vec::new();
        let mut staged = self.tree.clone();
        for keys in &targets {
            self.put_at(&mut staged, keys, value, caller, &mut switches)?;
        }
        self.tree = staged;
        self.switch(&switches, now);
        if path.is_matrix() {
            Ok(multi_done(&targets))
        } else {
            Ok(Reply::NoContent)
        }
    }

    /// Writes `value` at `keys` in `tree`, recursing into objects so that every leaf goes
    /// through the same rules. Outlet switching is collected in `switches`.
    fn put_at(
        &self,
        tree: &mut Value,
        keys: &[String],
        value: &Value,
        caller: &Caller,
        switches: &mut Vec<(usize, bool)>,
    ) -> Result<(), SimError> {
        let current = lookup(tree, keys).clone();
        if collection_of(keys).is_some() {
            check_write(caller, keys)?;
            let items = value
                .as_array()
                .ok_or_else(|| err(STATUS_REFUSED, format!("{} takes an array", pointer(keys))))?;
            let mut checked = Vec::new();
            for item in items {
                checked.push(self.check_element(keys, item, None)?);
            }
            *lookup_mut(tree, keys) = Value::Array(checked);
            return Ok(());
        }
        if collection_of(&keys[..keys.len().saturating_sub(1)]).is_some() {
            check_write(caller, keys)?;
            let index = keys.last().and_then(|k| k.parse::<usize>().ok());
            let checked = self.check_element(&keys[..keys.len() - 1], value, index)?;
            *lookup_mut(tree, keys) = checked;
            return Ok(());
        }
        match (&current, value) {
            (Value::Object(cur), Value::Object(new)) => {
                for (k, v) in new {
                    if !cur.contains_key(k) {
                        return Err(err(404, format!("no field {k} in {}", pointer(keys))));
                    }
                    let mut child = keys.to_vec();
                    child.push(k.clone());
                    // Fields written back as they were read are left alone: that lets a
                    // client PUT an object it got with GET and one field changed, without
                    // tripping over read-only fields or undoing what the change implies
                    // (state also sets transient_state).
                    if cur.get(k) == Some(v) {
                        continue;
                    }
                    self.put_at(tree, &child, v, caller, switches)?;
                }
                Ok(())
            }
            (Value::Array(cur), Value::Array(new)) => {
                if cur.len() != new.len() {
                    return Err(err(
                        STATUS_REFUSED,
                        format!(
                            "{} has {} elements; cannot resize it",
                            pointer(keys),
                            cur.len()
                        ),
                    ));
                }
                for (i, v) in new.iter().enumerate() {
                    let mut child = keys.to_vec();
                    child.push(i.to_string());
                    self.put_at(tree, &child, v, caller, switches)?;
                }
                Ok(())
            }
            (Value::Object(_) | Value::Array(_), _) => Err(err(
                STATUS_REFUSED,
                format!(
                    "{} is {}; the value must be one too",
                    pointer(keys),
                    kind_name(&current)
                ),
            )),
            _ => self.put_leaf(tree, keys, &current, value, caller, switches),
        }
    }

    fn put_leaf(
        &self,
        tree: &mut Value,
        keys: &[String],
        current: &Value,
        value: &Value,
        caller: &Caller,
        switches: &mut Vec<(usize, bool)>,
    ) -> Result<(), SimError> {
        check_write(caller, keys)?;
        let field = keys.last().map(String::as_str).unwrap_or_default();
        let nullable = NULLABLE_NUMBERS.contains(&field);
        let type_ok = match current {
            Value::Bool(_) => value.is_boolean(),
            Value::String(_) => value.is_string(),
            Value::Number(_) | Value::Null if nullable => value.is_number() || value.is_null(),
            Value::Number(_) => value.is_number(),
            _ => false,
        };
        if !type_ok {
            return Err(err(
                STATUS_REFUSED,
                format!(
                    "{} takes {}, not {}",
                    pointer(keys),
                    kind_name(current),
                    kind_name(value)
                ),
            ));
        }
        if value.as_f64().is_some_and(|n| n < 0.0) {
            return Err(err(
                STATUS_REFUSED,
                format!("{} cannot be negative", pointer(keys)),
            ));
        }
        if let Some(outlet) = outlet_index(keys) {
            if field == "state" || field == "transient_state" {
                self.check_unlocked(tree, outlet)?;
                let on = value == &json!(true);
                if field == "state" {
                    tree["relay"]["outlets"][outlet]["transient_state"] = json!(on);
                }
                switches.push((outlet, on));
            }
        }
        *lookup_mut(tree, keys) = value.clone();
        Ok(())
    }

    fn check_unlocked(&self, tree: &Value, outlet: usize) -> Result<(), SimError> {
        if tree["relay"]["outlets"][outlet]["locked"] == json!(true) {
            return Err(err(
                STATUS_REFUSED,
                format!("outlet {} is locked", outlet + 1),
            ));
        }
        Ok(())
    }

    /// Moves relays. Outlets turned on together are spaced by `relay/sequence_delay`, as a real
    /// unit does to limit inrush; turning off is immediate.
    fn switch(&mut self, switches: &[(usize, bool)], now: u64) {
        let step = seconds_ms(&self.tree["relay"]["sequence_delay"]);
        let mut ons = 0u64;
        for &(outlet, on) in switches {
            self.pending.retain(|p| p.outlet != outlet);
            let physical = &self.tree["relay"]["outlets"][outlet]["physical_state"];
            if on && physical != &json!(true) {
                let at = now + ons * step;
                ons += 1;
                if at <= now {
                    self.tree["relay"]["outlets"][outlet]["physical_state"] = json!(true);
                } else {
                    self.pending.push(Pending {
                        at_ms: at,
                        outlet,
                        physical: true,
                    });
                }
            } else if !on {
                self.tree["relay"]["outlets"][outlet]["physical_state"] = json!(false);
            }
        }
    }

    /// Validates a collection element, filling the defaults a unit would.
    fn check_element(
        &self,
        collection: &[String],
        item: &Value,
        index: Option<usize>,
    ) -> Result<Value, SimError> {
        let Some(obj) = item.as_object() else {
            return Err(err(
                STATUS_REFUSED,
                format!("elements of {} are objects", pointer(collection)),
            ));
        };
        let text = |k: &str, default: &str| -> Result<Value, SimError> {
            match obj.get(k) {
                None => Ok(json!(default)),
                Some(Value::String(s)) => Ok(json!(s)),
                Some(_) => Err(err(STATUS_REFUSED, format!("{k} must be a string"))),
            }
        };
        let flag = |k: &str, default: bool| -> Result<Value, SimError> {
            match obj.get(k) {
                None => Ok(json!(default)),
                Some(Value::Bool(b)) => Ok(json!(b)),
                Some(_) => Err(err(STATUS_REFUSED, format!("{k} must be true or false"))),
            }
        };
        match collection_of(collection) {
            Some("links") => {
                allow_only(obj, &["href", "description"])?;
                Ok(json!({"href": text("href", "")?, "description": text("description", "")?}))
            }
            Some("users") => {
                allow_only(
                    obj,
                    &[
                        "name",
                        "password",
                        "is_allowed",
                        "is_admin",
                        "outlet_access",
                    ],
                )?;
                let name = text("name", "")?;
                if name == json!("") {
                    return Err(err(STATUS_REFUSED, "a user needs a name"));
                }
                let users = self.tree["auth"]["users"]
                    .as_array()
                    .cloned()
                    .unwrap_or_default();
                let taken = users
                    .iter()
                    .enumerate()
                    .any(|(i, u)| u["name"] == name && Some(i) != index);
                if taken {
                    return Err(err(STATUS_REFUSED, format!("user {name} already exists")));
                }
                let outlets = self.outlet_count();
                let access = match obj.get("outlet_access") {
                    None => json!(vec![false; outlets]),
                    Some(Value::Array(a))
                        if a.len() == outlets && a.iter().all(Value::is_boolean) =>
                    {
                        Value::Array(a.clone())
                    }
                    Some(_) => {
                        return Err(err(
                            STATUS_REFUSED,
                            format!("outlet_access must be {outlets} booleans, one per outlet"),
                        ))
                    }
                };
                // A PUT of a user without a password keeps the old one (passwords are never read back).
                let old_password = index
                    .and_then(|i| users.get(i))
                    .and_then(|u| u["password"].as_str())
                    .unwrap_or_default();
                Ok(json!({
                    "name": name,
                    "password": text("password", old_password)?,
                    "is_allowed": flag("is_allowed", true)?,
                    "is_admin": flag("is_admin", false)?,
                    "outlet_access": access
                }))
            }
            _ => Err(err(
                STATUS_READ_ONLY,
                format!("{} is not a collection", pointer(collection)),
            )),
        }
    }

    /// POST: a call (200 with its result, 207 for a selection) or an append (201).
    pub fn post(
        &mut self,
        path: &Path,
        body: Option<&Value>,
        caller: &Caller,
    ) -> Result<Reply, SimError> {
        let now = now_ms();
        self.settle(now);
        if self.call_name(path).is_some() {
            let args = match body {
                None => Vec::new(),
                Some(Value::Array(a)) => a.clone(),
                Some(_) => return Err(err(STATUS_REFUSED, "call arguments must be a JSON array")),
            };
            return self.call(path, &args, caller, now);
        }
        let targets = expand(path, &self.tree)?;
        if path.is_matrix() || collection_of(&targets[0]).is_none() {
            return Err(err(
                STATUS_READ_ONLY,
                format!("{path} is neither a call nor a collection"),
            ));
        }
        let keys = &targets[0];
        check_write(caller, keys)?;
        let item = body.ok_or_else(|| err(STATUS_REFUSED, "append needs a JSON body"))?;
        let checked = self.check_element(keys, item, None)?;
        let list = lookup_mut(&mut self.tree, keys)
            .as_array_mut()
            .expect("collections are arrays");
        list.push(checked);
        let mut new_keys = keys.clone();
        new_keys.push((list.len() - 1).to_string());
        Ok(Reply::Created(Path::from_keys(&new_keys).rest_uri()))
    }

    /// If `path` names a call, its name.
    fn call_name(&self, path: &Path) -> Option<&'static str> {
        let segs = &path.segments;
        let key = |i: usize, want: &str| matches!(segs.get(i), Some(Segment::Key(k)) if k == want);
        if segs.len() == 2 && key(0, "relay") && key(1, "set_outlet_transient_states") {
            return Some("set_outlet_transient_states");
        }
        if segs.len() == 4 && key(0, "relay") && key(1, "outlets") && key(3, "cycle") {
            return Some("cycle");
        }
        None
    }

    fn call(
        &mut self,
        path: &Path,
        args: &[Value],
        caller: &Caller,
        now: u64,
    ) -> Result<Reply, SimError> {
        match self.call_name(path) {
            Some("cycle") => {
                if !args.is_empty() {
                    return Err(err(STATUS_REFUSED, "cycle takes no arguments"));
                }
                let outlets = expand(&path.parent(), &self.tree)?;
                for keys in &outlets {
                    let mut field = keys.clone();
                    field.push("state".into());
                    check_write(caller, &field)?;
                    self.check_unlocked(&self.tree, outlet_index(&field).unwrap_or(0))?;
                }
                for keys in &outlets {
                    let mut field = keys.clone();
                    field.push("state".into());
                    self.cycle(outlet_index(&field).unwrap_or(0), now);
                }
                Ok(cycle_done(path, &outlets))
            }
            Some("set_outlet_transient_states") => {
                let mut switches = Vec::new();
                for (i, on) in transient_pairs(args, self.outlet_count())? {
                    let keys = vec![
                        "relay".into(),
                        "outlets".into(),
                        i.to_string(),
                        "transient_state".into(),
                    ];
                    check_write(caller, &keys)?;
                    self.check_unlocked(&self.tree, i)?;
                    switches.push((i, on));
                }
                for &(i, on) in &switches {
                    self.tree["relay"]["outlets"][i]["transient_state"] = json!(on);
                }
                self.switch(&switches, now);
                Ok(Reply::Value(Value::Null))
            }
            _ => Err(err(STATUS_REFUSED, "invalid function name")),
        }
    }

    /// Power-cycles one outlet: off now, on after the outlet's `cycle_delay` (or the relay's).
    /// `transient_state` reads on at once while `physical_state` lags, as DLI documents.
    /// An outlet that was off ends up on [INF: a cycle is taken to mean "off, wait, on"].
    fn cycle(&mut self, outlet: usize, now: u64) {
        let own = &self.tree["relay"]["outlets"][outlet]["cycle_delay"];
        let delay = if own.is_null() {
            seconds_ms(&self.tree["relay"]["cycle_delay"])
        } else {
            seconds_ms(own)
        };
        self.pending.retain(|p| p.outlet != outlet);
        let o = &mut self.tree["relay"]["outlets"][outlet];
        o["transient_state"] = json!(true);
        o["physical_state"] = json!(false);
        self.pending.push(Pending {
            at_ms: now + delay,
            outlet,
            physical: true,
        });
    }

    /// PATCH with a JSON patch relative to the resource; the patched copy is then written
    /// back through the same rules as PUT.
    pub fn patch(
        &mut self,
        path: &Path,
        patch: &json_patch::Patch,
        caller: &Caller,
    ) -> Result<Reply, SimError> {
        let now = now_ms();
        self.settle(now);
        if path.is_matrix() {
            return Err(err(
                STATUS_REFUSED,
                "JSON patch on a selection is not supported",
            ));
        }
        let keys = expand(path, &self.tree)?.remove(0);
        let mut copy = lookup(&self.tree, &keys).clone();
        json_patch::patch(&mut copy, patch)
            .map_err(|e| err(STATUS_REFUSED, format!("patch failed: {e}")))?;
        let mut switches = Vec::new();
        let mut staged = self.tree.clone();
        self.put_at(&mut staged, &keys, &copy, caller, &mut switches)?;
        self.tree = staged;
        self.switch(&switches, now);
        Ok(Reply::NoContent)
    }

    /// DELETE an element of a collection; later elements shift down.
    pub fn delete(&mut self, path: &Path, caller: &Caller) -> Result<Reply, SimError> {
        self.settle(now_ms());
        let targets = expand(path, &self.tree)?;
        if path.is_matrix() || targets.len() != 1 {
            return Err(err(STATUS_REFUSED, "delete one element at a time"));
        }
        let keys = &targets[0];
        let (parent, last) = keys.split_at(keys.len().saturating_sub(1));
        let index = last.first().and_then(|k| k.parse::<usize>().ok());
        let (Some(_), Some(index)) = (collection_of(parent), index) else {
            return Err(err(STATUS_READ_ONLY, format!("{path} cannot be deleted")));
        };
        check_write(caller, keys)?;
        let list = lookup(&self.tree, parent)
            .as_array()
            .cloned()
            .unwrap_or_default();
        if collection_of(parent) == Some("users") {
            let admins = list.iter().filter(|u| u["is_admin"] == json!(true)).count();
            if list[index]["is_admin"] == json!(true) && admins == 1 {
                return Err(err(STATUS_REFUSED, "cannot delete the last admin user"));
            }
        }
        lookup_mut(&mut self.tree, parent)
            .as_array_mut()
            .expect("collections are arrays")
            .remove(index);
        Ok(Reply::NoContent)
    }
}

fn allow_only(obj: &Map<String, Value>, fields: &[&str]) -> Result<(), SimError> {
    match obj.keys().find(|k| !fields.contains(&k.as_str())) {
        Some(k) => Err(err(STATUS_REFUSED, format!("unknown field {k}"))),
        None => Ok(()),
    }
}

/// The argument of `relay/set_outlet_transient_states`, `[[index, bool], ...]`, checked
/// against a unit of `count` outlets: 409 (as a refused call) for anything else.
pub fn transient_pairs(args: &[Value], count: usize) -> Result<Vec<(usize, bool)>, SimError> {
    let [Value::Array(pairs)] = args else {
        return Err(err(
            STATUS_REFUSED,
            "expected one argument: [[index, bool], ...]",
        ));
    };
    pairs
        .iter()
        .map(|pair| {
            let (i, on) = match pair.as_array().map(Vec::as_slice) {
                Some([Value::Number(i), Value::Bool(on)]) => (i.as_u64(), *on),
                _ => {
                    return Err(err(
                        STATUS_REFUSED,
                        format!("bad pair {pair}: expected [index, bool]"),
                    ))
                }
            };
            match i {
                Some(i) if (i as usize) < count => Ok((i as usize, on)),
                _ => Err(err(STATUS_REFUSED, format!("no outlet {pair}"))),
            }
        })
        .collect()
}

/// The 207 answer naming every resource a matrix request changed.
pub fn multi_done(targets: &[Vec<String>]) -> Reply {
    Reply::MultiDone(
        targets
            .iter()
            .map(|k| Path::from_keys(k).rest_uri())
            .collect(),
    )
}

/// The answer to `cycle` called on `outlets`: 207 naming each outlet's call for a matrix
/// path, else no value.
pub fn cycle_done(path: &Path, outlets: &[Vec<String>]) -> Reply {
    match path.is_matrix() {
        true => {
            let calls: Vec<Vec<String>> = outlets
                .iter()
                .map(|k| {
                    let mut k = k.clone();
                    k.push("cycle".into());
                    k
                })
                .collect();
            multi_done(&calls)
        }
        false => Reply::Value(Value::Null),
    }
}

fn seconds_ms(v: &Value) -> u64 {
    (v.as_f64().unwrap_or(0.0).max(0.0) * 1000.0) as u64
}

fn expand(path: &Path, tree: &Value) -> Result<Vec<Vec<String>>, SimError> {
    let targets = path.expand(tree).map_err(|e| err(404, e.to_string()))?;
    if targets.is_empty() && !path.is_matrix() {
        return Err(err(404, format!("no such path: {path}")));
    }
    Ok(targets)
}

fn lookup<'a>(tree: &'a Value, keys: &[String]) -> &'a Value {
    tree.pointer(&pointer(keys)).unwrap_or(&Value::Null)
}

fn lookup_mut<'a>(tree: &'a mut Value, keys: &[String]) -> &'a mut Value {
    tree.pointer_mut(&pointer(keys))
        .expect("paths are expanded against this tree before writing")
}

/// `relay/outlets/N/...` -> N.
fn outlet_index(keys: &[String]) -> Option<usize> {
    match keys {
        [r, o, n, ..] if r == "relay" && o == "outlets" => n.parse().ok(),
        _ => None,
    }
}

/// If `keys` is one of the insertable collections, its last name.
fn collection_of(keys: &[String]) -> Option<&'static str> {
    COLLECTIONS
        .iter()
        .find(|c| c.len() == keys.len() && c.iter().zip(keys).all(|(a, b)| a == b))
        .and_then(|c| c.last().copied())
}

fn is_read_only(keys: &[String]) -> bool {
    let k: Vec<&str> = keys.iter().map(String::as_str).collect();
    matches!(
        k.as_slice(),
        ["relay", "outlets", _, "physical_state"]
            | ["relay", "model" | "version" | "online"]
            | ["config", "version" | "serial" | "hardware_id"]
            | ["cred", ..]
            | ["meter", ..]
    )
}

fn check_read(caller: &Caller, keys: &[String]) -> Result<(), SimError> {
    let k: Vec<&str> = keys.iter().map(String::as_str).collect();
    match k.as_slice() {
        ["auth", "users", _, "password"] => Err(err(403, "passwords cannot be read")),
        [] | ["auth", ..] if !caller.is_admin => {
            Err(err(403, "only the admin user can read auth/"))
        }
        _ => Ok(()),
    }
}

/// Non-admin users "can only toggle outlets" they have access to (protocols/dli.md 2.3).
fn check_write(caller: &Caller, keys: &[String]) -> Result<(), SimError> {
    if is_read_only(keys) {
        return Err(err(
            STATUS_READ_ONLY,
            format!("{} is read-only", pointer(keys)),
        ));
    }
    if caller.is_admin {
        return Ok(());
    }
    let field = keys.last().map(String::as_str);
    match outlet_index(keys) {
        Some(n) if keys.len() == 4 && matches!(field, Some("state" | "transient_state")) => {
            if caller.outlet_access.get(n).copied().unwrap_or(false) {
                Ok(())
            } else {
                Err(err(
                    403,
                    format!("user {} has no access to outlet {}", caller.name, n + 1),
                ))
            }
        }
        _ => Err(err(
            403,
            format!("only the admin user can change {}", pointer(keys)),
        )),
    }
}

/// Replaces containers deeper than `depth` with `{"$ref": "key/"}` stubs [INF shape, dli.md 2.11].
pub fn limit_depth(value: &Value, depth: usize) -> Value {
    let stub = |k: &str, v: &Value| -> Value {
        if depth <= 1 && (v.is_object() || v.is_array()) {
            json!({"$ref": format!("{}/", Path::from_keys(&[k]).to_string().trim_start_matches('/'))})
        } else {
            limit_depth(v, depth - 1)
        }
    };
    match value {
        Value::Object(map) => {
            Value::Object(map.iter().map(|(k, v)| (k.clone(), stub(k, v))).collect())
        }
        Value::Array(items) => Value::Array(
            items
                .iter()
                .enumerate()
                .map(|(i, v)| stub(&i.to_string(), v))
                .collect(),
        ),
        other => other.clone(),
    }
}

/// A small type description in the spirit of DLI's type description system [INF: the exact
/// format is not public; see protocols/dli.md 2.13].
pub fn describe_value(keys: &[String], value: &Value) -> Value {
    let field = keys.last().map(String::as_str).unwrap_or("");
    let type_name = |v: &Value, f: &str| -> String {
        match v {
            Value::Null if NULLABLE_NUMBERS.contains(&f) => "sum (optional number)".into(),
            Value::Number(_) if NULLABLE_NUMBERS.contains(&f) => "sum (optional number)".into(),
            Value::Null => "constant null".into(),
            Value::Bool(_) => "boolean".into(),
            Value::Number(_) => "number".into(),
            Value::String(_) => "string".into(),
            Value::Array(_) => "array".into(),
            Value::Object(_) => "object".into(),
        }
    };
    let mut d = Map::new();
    d.insert("type".into(), json!(type_name(value, field)));
    match value {
        Value::Object(map) => {
            let mut fields: Map<String, Value> = map
                .iter()
                .map(|(k, v)| (k.clone(), json!(type_name(v, k))))
                .collect();
            if outlet_index(keys).is_some() && keys.len() == 3 {
                fields.insert("cycle".into(), json!("call"));
            }
            if keys == ["relay"] {
                fields.insert("set_outlet_transient_states".into(), json!("call"));
            }
            d.insert("fields".into(), Value::Object(fields));
        }
        Value::Array(items) => {
            d.insert("length".into(), json!(items.len()));
            if collection_of(keys).is_some() {
                d.insert("traits".into(), json!(["insertable", "removable"]));
            }
        }
        _ => {}
    }
    let access = if is_read_only(keys) {
        "read-only"
    } else {
        "read-write"
    };
    d.insert("access".into(), json!(access));
    if access == "read-write" {
        let who = match (outlet_index(keys), field) {
            (Some(_), "state" | "transient_state") => "users with access to the outlet",
            _ => "admin",
        };
        d.insert("write".into(), json!(who));
    }
    if field == "state" {
        d.insert("persistent".into(), json!(true));
    }
    if field == "physical_state" && outlet_index(keys).is_some() {
        d.insert(
            "note".into(),
            json!("the relay as it is now; cannot be set by the user"),
        );
    }
    Value::Object(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn admin() -> Caller {
        Caller {
            name: "admin".into(),
            is_admin: true,
            outlet_access: vec![true; 8],
            ip_address: "127.0.0.1".into(),
        }
    }

    fn p(s: &str) -> Path {
        Path::parse(s).unwrap()
    }

    #[test]
    fn set_state_switches_and_sequences_ons() {
        let mut s = DliState::new(8, "admin", "1234", Some("r"));
        let now = now_ms();
        s.put(&p("relay/outlets/all;/state"), &json!(true), &admin())
            .unwrap();
        // The first outlet is on at once; the rest follow one sequence delay apart.
        assert_eq!(s.tree["relay"]["outlets"][0]["physical_state"], json!(true));
        assert_eq!(
            s.tree["relay"]["outlets"][1]["physical_state"],
            json!(false)
        );
        assert_eq!(
            s.tree["relay"]["outlets"][7]["transient_state"],
            json!(true)
        );
        s.settle(now + 8_000);
        assert_eq!(s.tree["relay"]["outlets"][7]["physical_state"], json!(true));
    }

    #[test]
    fn locked_outlets_refuse_and_nothing_is_half_written() {
        let mut s = DliState::new(4, "admin", "1234", Some("r"));
        s.tree["relay"]["outlets"][2]["locked"] = json!(true);
        let e = s
            .put(&p("relay/outlets/all;/state"), &json!(true), &admin())
            .unwrap_err();
        assert_eq!(e.status, 409);
        assert_eq!(s.tree["relay"]["outlets"][0]["state"], json!(false));
    }

    #[test]
    fn cycle_lags_physical_state() {
        let mut s = DliState::new(2, "admin", "1234", Some("r"));
        s.put(&p("relay/outlets/0/state"), &json!(true), &admin())
            .unwrap();
        s.post(&p("relay/outlets/0/cycle"), Some(&json!([])), &admin())
            .unwrap();
        let o = &s.tree["relay"]["outlets"][0];
        assert_eq!(
            (o["transient_state"].clone(), o["physical_state"].clone()),
            (json!(true), json!(false))
        );
        s.settle(now_ms() + 2_500);
        assert_eq!(s.tree["relay"]["outlets"][0]["physical_state"], json!(true));
    }

    #[test]
    fn mangled_state_is_not_well_formed() {
        let mut s = DliState::new(2, "admin", "1234", Some("r"));
        assert!(s.is_well_formed());
        s.pending.push(Pending {
            at_ms: 0,
            outlet: 9,
            physical: true,
        });
        assert!(!s.is_well_formed());
        let t = DliState {
            tree: json!({"relay": 5}),
            pending: vec![],
            outlet_meters: None,
        };
        assert!(!t.is_well_formed());
    }

    #[test]
    fn an_energy_rate_meters_each_outlet() {
        let mut s = DliState::new(4, "admin", "1234", None);
        s.meter_outlets(Some(0.5));
        let start = s.outlet_meters.as_ref().unwrap().measured_ms;
        s.tree["relay"]["outlets"][1]["physical_state"] = json!(true);
        s.settle(start + 10_000);
        let view = s.view(&s.account("admin").unwrap().1);
        let values = &view["meter"]["values"];
        assert_eq!(values["outlets.1.power"]["value"], json!(1800.0));
        assert_eq!(values["outlets.1.energy"]["value"], json!(5.0));
        assert_eq!(values["outlets.0.energy"]["value"], json!(0.0));
        assert_eq!(values["power"]["value"], json!(1800.0), "the outlets' sum");
        // Round trips through a state file, and one without meters still reads.
        let back: DliState = serde_json::from_value(serde_json::to_value(&s).unwrap()).unwrap();
        assert_eq!(back, s);
        let mut plain = serde_json::to_value(DliState::new(2, "a", "b", None)).unwrap();
        assert!(plain.get("outlet_meters").is_none());
        plain.as_object_mut().unwrap().remove("pending");
        assert!(serde_json::from_value::<DliState>(plain).is_ok());
    }

    #[test]
    fn depth_limit_stubs_containers() {
        let v = json!({"a": {"b": 1}, "c": 2, "d": [1]});
        assert_eq!(
            limit_depth(&v, 1),
            json!({"a": {"$ref": "a/"}, "c": 2, "d": {"$ref": "d/"}})
        );
    }
}
