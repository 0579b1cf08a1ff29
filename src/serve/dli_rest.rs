//! `pductl serve --api dli-rest`: the device `-d` names (or a group's devices, their outlets
//! one after another) presented as a Digital Loggers controller's REST-style API, so that
//! labgrid's `digitalloggers_restapi` backend, MeshCentral or a curl script written for a DLI
//! unit drive it unchanged.
//!
//! The HTTP side is the simulator's framing (`sim/dli_http.rs`): Digest login in the LPC9
//! form, the lockout, the CSRF rule, redirects to slash-terminated URIs, `Range: dli-depth`,
//! 207 answers with `Link` headers, body parsing and its 1 MiB cap. So the gateway refuses
//! what a unit refuses, the same way, and reads a request whole before it touches the device.
//!
//! Behind it is the device, as DLI's tree: `relay/name` (the device's name in the profile),
//! `relay/outlets/N/{name, state, transient_state, physical_state, locked, critical,
//! cycle_delay}`, the `cycle` and `set_outlet_transient_states` calls, `meter/values` where
//! the device meters, and `cred/`. What a device does not have answers as a DLI unit without
//! the feature would: DLI's documented default (`locked` and `critical` false, `cycle_delay`
//! null, names "Outlet N"), or 404, or 405 for a write it cannot take. Every switch goes
//! through the power verbs (`unit.rs`: the per-device lock, verification), so a PUT answers
//! once the outlet is in the state asked for. A device that fails answers as a unit with a
//! fault would: a 5xx status with a short text, never a stale or invented state.

use super::unit::{OutletObject, Switch, Unit};
use super::{Context, Face};
use crate::error::{Error, Result};
use crate::http_server::Body;
use crate::output::{escape_line, warn};
use crate::path::{kind_name, pointer, Path, Segment};
use crate::power::{Action, Report};
use crate::sim::dli::{
    cycle_done, describe_value, limit_depth, multi_done, transient_pairs, Caller, Reply, SimError,
};
use crate::sim::dli_http::{self, Accounts, DigestChallenge, Operation, RestFraming, RestModel};
use crate::sim::Faults;
use crate::transport::Secret;
use async_trait::async_trait;
use hyper::{Request, Response};
use serde_json::{json, Value};
use std::net::SocketAddr;
use std::sync::Arc;

/// DLI's factory login, used when `--serve-user` / `--serve-password-*` do not say.
const DEFAULT_USER: &str = "admin";
const DEFAULT_PASSWORD: &str = "1234";

/// How long a user is locked out after three failed logins: DLI's default
/// `config/lockout_delay_minutes` (5).
const LOCKOUT_DELAY_MS: u64 = 5 * 60 * 1000;

/// Status for a write the unit cannot take (read-only, or not on this device), as the
/// simulator answers [INF: dli.md lists per-resource allowed methods].
const STATUS_READ_ONLY: u16 = 405;
/// Status for a refused write or call (bad arguments, locked outlet) [OBS 409].
const STATUS_REFUSED: u16 = 409;

/// Longest error text sent to a client: a device's message can be long, and is untrusted.
const MAX_ERROR_TEXT: usize = 400;

/// The device `-d` names, as a DLI controller.
pub struct DliRest {
    framing: RestFraming,
    gateway: Gateway,
}

impl DliRest {
    /// Connects the device (or group) before the server listens: a name the profile does
    /// not know is exit 2.
    pub async fn new(context: Arc<Context>) -> Result<DliRest> {
        let unit = Unit::connect(&context, "dli-rest").await?;
        let user = context
            .account
            .user
            .clone()
            .unwrap_or_else(|| DEFAULT_USER.to_string());
        let password = match &context.account.password {
            Some(p) => p.clone(),
            None => {
                warn(
                    context.global.quiet,
                    &format!(
                        "--api dli-rest: clients log in with DLI's factory password for \
                         {user}; set one with --serve-password-env VAR or --serve-password-file FILE"
                    ),
                );
                Secret::new(DEFAULT_PASSWORD)
            }
        };
        let realm = format!("DLI {}", realm_safe(&unit.name));
        Ok(DliRest {
            framing: RestFraming::new(DigestChallenge::Lpc9, None, Faults::default()),
            gateway: Gateway {
                unit,
                user,
                password,
                realm,
            },
        })
    }
}

#[async_trait]
impl Face for DliRest {
    fn serves(&self, path: &str) -> bool {
        path == "/restapi" || path.starts_with(crate::path::REST_PREFIX)
    }

    fn paths(&self) -> &'static str {
        "/restapi/..."
    }

    async fn answer(
        &self,
        req: Request<hyper::body::Incoming>,
        peer: SocketAddr,
    ) -> Response<Body> {
        dli_http::answer(&self.framing, &self.gateway, req, peer).await
    }
}

/// The device behind the face, as the framing's model of a unit.
struct Gateway {
    unit: Unit,
    user: String,
    password: Secret,
    realm: String,
}

/// The realm goes inside a quoted header parameter: only plain characters of the name.
fn realm_safe(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_ascii_alphanumeric() || " -_.:".contains(*c))
        .collect()
}

impl Accounts for Gateway {
    fn realm(&self) -> String {
        self.realm.clone()
    }

    fn account(&self, name: &str) -> Option<(String, Caller)> {
        (name == self.user).then(|| {
            (
                self.password.expose().to_string(),
                Caller {
                    name: name.to_string(),
                    is_admin: true,
                    outlet_access: Vec::new(),
                    ip_address: String::new(),
                },
            )
        })
    }

    /// DLI's default: Digest only.
    fn allow_plaintext_logins(&self) -> bool {
        false
    }

    fn lockout_delay_ms(&self) -> u64 {
        LOCKOUT_DELAY_MS
    }
}

#[async_trait]
impl RestModel for Gateway {
    async fn perform(&self, operation: Operation, caller: &Caller) -> Result<Reply, SimError> {
        match operation {
            Operation::Get { path, depth } => self.get(&path, caller, depth).await,
            Operation::Describe { path } => self.describe(&path, caller).await,
            Operation::Put { path, value } => self.put(&path, &value, caller).await,
            Operation::Post { path, body } => self.post(&path, body, caller).await,
            Operation::Patch { path, patch } => self.patch(&path, &patch, caller).await,
            Operation::Delete { path } => self.delete(&path, caller).await,
        }
    }
}

/// The unit as DLI's tree, as far as a request needs it.
struct View {
    tree: Value,
    /// The outlets as read, in the unit's order (empty when `relay` was not needed).
    outlets: Vec<OutletObject>,
}

/// What a write to one field does.
enum Write {
    /// Switch the unit's outlet (from 0) on or off, through the power verbs.
    Switch(usize),
    /// Write the field on the member's outlet as it is (a name, a cycle delay).
    PassOn(usize, &'static str),
}

impl Gateway {
    /// Reads what `path` needs: the outlets of every member unless only `meter/` is asked
    /// for; the meters of every member when `meter/` or the root is.
    async fn view(&self, path: &Path, caller: &Caller) -> Result<View, SimError> {
        let first = match path.segments.first() {
            None => None,
            Some(Segment::Key(k)) => Some(k.as_str()),
            Some(_) => Some(""),
        };
        if let Some(top) = first.filter(|t| !t.is_empty()) {
            if !["relay", "meter", "cred"].contains(&top) {
                // Nothing else is on this unit: no need to ask the device.
                return Ok(View {
                    tree: json!({}),
                    outlets: Vec::new(),
                });
            }
        }
        let mut tree = json!({});
        let mut outlets = Vec::new();
        if first != Some("meter") {
            outlets = self.unit.outlet_objects().await.map_err(device_error)?;
            let listed: Vec<Value> = outlets
                .iter()
                .enumerate()
                .map(|(i, o)| dli_outlet(i + 1, &o.value))
                .collect();
            tree["relay"] = json!({"name": self.unit.name, "outlets": listed});
            tree["cred"] = json!({
                "ip_address": caller.ip_address,
                "is_admin": caller.is_admin,
                "name": caller.name,
                "agent": "rest api",
                "outlet_access": vec![true; outlets.len()],
            });
        }
        if matches!(first, None | Some("meter") | Some("")) {
            if let Some(values) = self.meters().await? {
                tree["meter"] = json!({ "values": values });
            }
        }
        Ok(View { tree, outlets })
    }

    /// Every member's `meter/values` (keys prefixed with the device's name in a group);
    /// `None` when no member meters.
    async fn meters(&self) -> Result<Option<Value>, SimError> {
        let path = Path::from_keys(&["meter", "values"]);
        let members = &self.unit.members;
        let reads =
            futures_util::future::join_all((0..members.len()).map(|m| self.unit.get(m, &path)))
                .await;
        let mut all = serde_json::Map::new();
        let mut any = false;
        for (member, read) in reads.into_iter().enumerate() {
            let values = match read {
                Ok(Value::Object(values)) if !values.is_empty() => values,
                // A device without meters, or with nothing or something else there.
                Err(Error::NotFound(_) | Error::Unsupported(_)) | Ok(_) => continue,
                Err(e) => return Err(device_error(e)),
            };
            any = true;
            for (key, value) in values {
                let key = match members.len() {
                    1 => key,
                    _ => format!("{}_{key}", members[member].name),
                };
                all.insert(key, value);
            }
        }
        Ok(any.then_some(Value::Object(all)))
    }

    /// GET: one resource (200), a depth-limited one (206) or a matrix selection (207).
    async fn get(
        &self,
        path: &Path,
        caller: &Caller,
        depth: Option<usize>,
    ) -> Result<Reply, SimError> {
        if let Some(call) = call_name(path) {
            return Err(err(STATUS_READ_ONLY, format!("{call} is a call: use POST")));
        }
        let view = self.view(path, caller).await?;
        let targets = expand(path, &view.tree)?;
        if path.is_matrix() {
            let items = targets
                .iter()
                .map(|k| (Path::from_keys(k).rest_uri(), lookup(&view.tree, k).clone()))
                .collect();
            return Ok(Reply::Multi(items));
        }
        let value = lookup(&view.tree, &targets[0]).clone();
        Ok(match depth {
            Some(d) => Reply::Partial(limit_depth(&value, d.max(1))),
            None => Reply::Value(value),
        })
    }

    /// A type description, the simulator's, with what this device can change.
    async fn describe(&self, path: &Path, caller: &Caller) -> Result<Reply, SimError> {
        if path.is_matrix() {
            return Err(err(404, "descriptions are per resource, not per selection"));
        }
        if let Some(call) = call_name(path) {
            let args = match call {
                "set_outlet_transient_states" => {
                    json!([{"type": "array", "of": "[index, boolean]"}])
                }
                _ => json!([]),
            };
            return Ok(Reply::Value(
                json!({"type": "call", "name": call, "arguments": args}),
            ));
        }
        let view = self.view(path, caller).await?;
        let keys = expand(path, &view.tree)?.remove(0);
        let value = lookup(&view.tree, &keys);
        let mut description = describe_value(&keys, value);
        if !value.is_object() && !value.is_array() {
            match writable(&keys, &view.outlets) {
                Ok(_) => description["access"] = json!("read-write"),
                Err(_) => {
                    description["access"] = json!("read-only");
                    if let Some(d) = description.as_object_mut() {
                        d.remove("write");
                    }
                }
            }
        }
        Ok(Reply::Value(description))
    }

    /// PUT: overwrite a resource (204) or every selected one (207), once done and verified.
    async fn put(&self, path: &Path, value: &Value, caller: &Caller) -> Result<Reply, SimError> {
        let view = self.view(path, caller).await?;
        let targets = expand(path, &view.tree)?;
        let mut changes = Vec::new();
        for keys in &targets {
            diff(
                keys,
                lookup(&view.tree, keys),
                value,
                &view.outlets,
                &mut changes,
            )?;
        }
        self.apply(changes, &view.outlets).await?;
        Ok(match path.is_matrix() {
            true => multi_done(&targets),
            false => Reply::NoContent,
        })
    }

    /// PATCH with a JSON patch relative to the resource, then written as PUT writes.
    async fn patch(
        &self,
        path: &Path,
        patch: &json_patch::Patch,
        caller: &Caller,
    ) -> Result<Reply, SimError> {
        if path.is_matrix() {
            return Err(err(
                STATUS_REFUSED,
                "JSON patch on a selection is not supported",
            ));
        }
        let view = self.view(path, caller).await?;
        let keys = expand(path, &view.tree)?.remove(0);
        let current = lookup(&view.tree, &keys);
        let mut copy = current.clone();
        json_patch::patch(&mut copy, patch)
            .map_err(|e| err(STATUS_REFUSED, format!("patch failed: {e}")))?;
        let mut changes = Vec::new();
        diff(&keys, current, &copy, &view.outlets, &mut changes)?;
        self.apply(changes, &view.outlets).await?;
        Ok(Reply::NoContent)
    }

    /// POST: the calls; nothing on this unit is a collection to append to.
    async fn post(
        &self,
        path: &Path,
        body: Option<Value>,
        caller: &Caller,
    ) -> Result<Reply, SimError> {
        let Some(call) = call_name(path) else {
            let view = self.view(path, caller).await?;
            expand(path, &view.tree)?;
            return Err(err(
                STATUS_READ_ONLY,
                format!("{path} is neither a call nor a collection"),
            ));
        };
        let args = match body {
            None => Vec::new(),
            Some(Value::Array(a)) => a,
            Some(_) => return Err(err(STATUS_REFUSED, "call arguments must be a JSON array")),
        };
        match call {
            "cycle" => self.cycle(path, &args, caller).await,
            _ => self.set_transient_states(&args, caller).await,
        }
    }

    /// `relay/outlets/N/cycle` (or a selection's): the device's own cycle where it has one,
    /// else pductl's off, wait, on; answered once the outlets are back on.
    async fn cycle(&self, path: &Path, args: &[Value], caller: &Caller) -> Result<Reply, SimError> {
        if !args.is_empty() {
            return Err(err(STATUS_REFUSED, "cycle takes no arguments"));
        }
        let outlets_path = path.parent();
        let view = self.view(&outlets_path, caller).await?;
        let targets = expand(&outlets_path, &view.tree)?;
        let mut indices = Vec::new();
        for keys in &targets {
            let n = outlet_index(keys).ok_or_else(|| err(404, "no such outlet"))?;
            check_unlocked(&view.outlets, n)?;
            if !indices.contains(&n) {
                indices.push(n);
            }
        }
        if !indices.is_empty() {
            let switch = Switch {
                indices,
                action: Action::Cycle,
                off_time: None,
            };
            self.switch(&[switch]).await?;
        }
        Ok(cycle_done(path, &targets))
    }

    /// `relay/set_outlet_transient_states [[index, bool], ...]`.
    async fn set_transient_states(
        &self,
        args: &[Value],
        caller: &Caller,
    ) -> Result<Reply, SimError> {
        let view = self
            .view(&Path::from_keys(&["relay", "outlets"]), caller)
            .await?;
        let mut changes = Vec::new();
        for (n, on) in transient_pairs(args, view.outlets.len())? {
            check_unlocked(&view.outlets, n)?;
            changes.push((Write::Switch(n), json!(on)));
        }
        self.apply(changes, &view.outlets).await?;
        Ok(Reply::Value(Value::Null))
    }

    /// DELETE: nothing on this unit is an element of a collection.
    async fn delete(&self, path: &Path, caller: &Caller) -> Result<Reply, SimError> {
        let view = self.view(path, caller).await?;
        let targets = expand(path, &view.tree)?;
        if path.is_matrix() || targets.len() != 1 {
            return Err(err(STATUS_REFUSED, "delete one element at a time"));
        }
        Err(err(STATUS_READ_ONLY, format!("{path} cannot be deleted")))
    }

    /// Carries out checked changes: fields written as they are, then the outlets switched
    /// off and on through the power verbs (one change for the reads of this server).
    async fn apply(
        &self,
        changes: Vec<(Write, Value)>,
        outlets: &[OutletObject],
    ) -> Result<(), SimError> {
        // The last word on an outlet counts (state and transient_state in one object).
        let mut wanted: Vec<(usize, bool)> = Vec::new();
        for (write, value) in changes {
            match write {
                Write::Switch(n) => {
                    wanted.retain(|(m, _)| *m != n);
                    wanted.push((n, value == json!(true)));
                }
                Write::PassOn(n, field) => {
                    let o = &outlets[n];
                    let path = Path::from_keys(&["relay", "outlets", &o.index.to_string(), field]);
                    self.unit
                        .set(o.member, &path, &value)
                        .await
                        .map_err(device_error)?;
                }
            }
        }
        let pick = |on: bool| -> Vec<usize> {
            wanted
                .iter()
                .filter(|(_, w)| *w == on)
                .map(|(n, _)| *n)
                .collect()
        };
        let switches: Vec<Switch> = [(pick(false), Action::Off), (pick(true), Action::On)]
            .into_iter()
            .filter(|(indices, _)| !indices.is_empty())
            .map(|(indices, action)| Switch {
                indices,
                action,
                off_time: None,
            })
            .collect();
        if switches.is_empty() {
            return Ok(());
        }
        self.switch(&switches).await
    }

    /// Switches through the power verbs; any outlet that failed makes the request fail.
    async fn switch(&self, switches: &[Switch]) -> Result<(), SimError> {
        let reports = self.unit.switch_all(switches).await.map_err(device_error)?;
        reports.iter().try_for_each(check_report)
    }
}

/// DLI's outlet object from what a device lists: its own values where it has them, DLI's
/// defaults where it has none; `null` for a state the device does not say (never a guess).
fn dli_outlet(number: usize, raw: &Value) -> Value {
    let flag = |k: &str| raw.get(k).and_then(Value::as_bool);
    let physical = flag("physical_state").or(flag("state"));
    let state = flag("state").or(physical);
    let transient = flag("transient_state").or(state);
    let name = raw
        .get("name")
        .and_then(Value::as_str)
        .map_or_else(|| format!("Outlet {number}"), str::to_string);
    let cycle_delay = raw
        .get("cycle_delay")
        .filter(|d| d.as_f64().is_some_and(|d| d >= 0.0))
        .cloned()
        .unwrap_or(Value::Null);
    json!({
        "name": name,
        "cycle_delay": cycle_delay,
        "critical": flag("critical").unwrap_or(false),
        "transient_state": transient,
        "physical_state": physical,
        "state": state,
        "locked": flag("locked").unwrap_or(false),
    })
}

/// If `path` names a call, its name.
fn call_name(path: &Path) -> Option<&'static str> {
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

/// What a write to the field at `keys` does on this unit, or why it cannot be written.
fn writable(keys: &[String], outlets: &[OutletObject]) -> Result<Write, SimError> {
    let k: Vec<&str> = keys.iter().map(String::as_str).collect();
    match k.as_slice() {
        ["relay", "outlets", n, field] => {
            let n: usize = n
                .parse()
                .map_err(|_| err(404, format!("no such path: {}", pointer(keys))))?;
            let outlet = outlets
                .get(n)
                .ok_or_else(|| err(404, format!("no such path: {}", pointer(keys))))?;
            match *field {
                "state" | "transient_state" => Ok(Write::Switch(n)),
                "physical_state" => Err(err(
                    STATUS_READ_ONLY,
                    format!("{} is read-only", pointer(keys)),
                )),
                f @ ("name" | "cycle_delay" | "locked" | "critical") => {
                    let field = ["name", "cycle_delay", "locked", "critical"]
                        .into_iter()
                        .find(|known| *known == f)
                        .unwrap_or("name");
                    match outlet.value.get(field) {
                        Some(_) => Ok(Write::PassOn(n, field)),
                        None => Err(err(
                            STATUS_READ_ONLY,
                            format!(
                                "{} cannot be changed: the device behind this gateway has no {field}",
                                pointer(keys)
                            ),
                        )),
                    }
                }
                _ => Err(err(
                    STATUS_READ_ONLY,
                    format!("{} is read-only", pointer(keys)),
                )),
            }
        }
        ["relay", "name"] => Err(err(
            STATUS_READ_ONLY,
            "/relay/name is the device's name in pductl's profile: read-only here",
        )),
        _ => Err(err(
            STATUS_READ_ONLY,
            format!("{} is read-only", pointer(keys)),
        )),
    }
}

/// Compares a PUT's value with what is there, as the simulator does: objects field by
/// field (fields written back unchanged are left alone), arrays element by element, leaves
/// checked and collected; nothing is done before every change has been checked.
fn diff(
    keys: &[String],
    current: &Value,
    new: &Value,
    outlets: &[OutletObject],
    changes: &mut Vec<(Write, Value)>,
) -> Result<(), SimError> {
    match (current, new) {
        (Value::Object(cur), Value::Object(new)) => {
            for (k, v) in new {
                let Some(old) = cur.get(k) else {
                    return Err(err(404, format!("no field {k} in {}", pointer(keys))));
                };
                if old == v {
                    continue;
                }
                let mut child = keys.to_vec();
                child.push(k.clone());
                diff(&child, old, v, outlets, changes)?;
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
            for (i, (old, v)) in cur.iter().zip(new).enumerate() {
                let mut child = keys.to_vec();
                child.push(i.to_string());
                diff(&child, old, v, outlets, changes)?;
            }
            Ok(())
        }
        (Value::Object(_) | Value::Array(_), _) => Err(err(
            STATUS_REFUSED,
            format!(
                "{} is {}; the value must be one too",
                pointer(keys),
                kind_name(current)
            ),
        )),
        _ => {
            let write = check_leaf(keys, current, new, outlets)?;
            changes.push((write, new.clone()));
            Ok(())
        }
    }
}

/// The simulator's checks of a leaf write, in its order: writable (405), the type (409),
/// not negative (409), the outlet not locked (409).
fn check_leaf(
    keys: &[String],
    current: &Value,
    value: &Value,
    outlets: &[OutletObject],
) -> Result<Write, SimError> {
    let write = writable(keys, outlets)?;
    let field = keys.last().map(String::as_str).unwrap_or_default();
    let (type_ok, wanted) = match field {
        "state" | "transient_state" | "locked" | "critical" => (value.is_boolean(), "a boolean"),
        "name" => (value.is_string(), "a string"),
        "cycle_delay" => (value.is_number() || value.is_null(), "a number or null"),
        _ => (false, kind_name(current)),
    };
    if !type_ok {
        return Err(err(
            STATUS_REFUSED,
            format!("{} takes {wanted}, not {}", pointer(keys), kind_name(value)),
        ));
    }
    if value.as_f64().is_some_and(|n| n < 0.0) {
        return Err(err(
            STATUS_REFUSED,
            format!("{} cannot be negative", pointer(keys)),
        ));
    }
    if let Write::Switch(n) = write {
        check_unlocked(outlets, n)?;
    }
    Ok(write)
}

/// A DLI unit refuses to switch a locked outlet.
fn check_unlocked(outlets: &[OutletObject], n: usize) -> Result<(), SimError> {
    match outlets.get(n) {
        Some(o) if o.value.get("locked") == Some(&json!(true)) => {
            Err(err(STATUS_REFUSED, format!("outlet {} is locked", n + 1)))
        }
        _ => Ok(()),
    }
}

/// `relay/outlets/N/...` -> N.
fn outlet_index(keys: &[String]) -> Option<usize> {
    match keys {
        [r, o, n, ..] if r == "relay" && o == "outlets" => n.parse().ok(),
        _ => None,
    }
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

fn err(status: u16, message: impl Into<String>) -> SimError {
    SimError {
        status,
        message: message.into(),
    }
}

/// The status a unit with that fault would answer: the device's refusals as DLI's own
/// (409, 405), its failures as a server's (5xx); never 401 or 403, which would tell the
/// client that its own login or headers were wrong.
fn status_of(e: &Error) -> u16 {
    match e {
        Error::Refused(_) => STATUS_REFUSED,
        Error::Unsupported(_) => STATUS_READ_ONLY,
        Error::Timeout(_) => 504,
        Error::Interrupted(_) => 503,
        Error::Unreachable(_)
        | Error::HungUp(_)
        | Error::BadResponse(_)
        | Error::NotFound(_)
        | Error::Auth(_)
        | Error::Permission(_) => 502,
        Error::Verify(_) | Error::Partial(_) | Error::Usage(_) | Error::Reported(_) => 500,
    }
}

/// A device's failure as the client sees it: a status and a short line of text.
fn device_error(e: Error) -> SimError {
    err(status_of(&e), short(&e.to_string()))
}

/// Fails unless every outlet of the report was done: with the failure's own status when
/// all failed, 500 when some were done and others not.
fn check_report(report: &Report) -> Result<(), SimError> {
    let failed: Vec<String> = report
        .results
        .iter()
        .filter_map(|r| r.error.as_ref().map(|e| format!("{}: {e}", r.label())))
        .collect();
    if failed.is_empty() {
        return Ok(());
    }
    let all = failed.len() == report.results.len();
    let first = report.results.iter().find_map(|r| r.error.as_ref());
    let status = match (all, first) {
        (true, Some(e)) => status_of(e),
        _ => 500,
    };
    Err(err(status, short(&failed.join("; "))))
}

/// One line, control characters escaped, at most `MAX_ERROR_TEXT` characters.
fn short(text: &str) -> String {
    let line = escape_line(&text.replace(['\r', '\n'], " ")).into_owned();
    match line.char_indices().nth(MAX_ERROR_TEXT) {
        Some((cut, _)) => format!("{}...", &line[..cut]),
        None => line,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outlet(value: Value) -> OutletObject {
        OutletObject {
            member: 0,
            index: 0,
            value,
        }
    }

    #[test]
    fn what_a_device_lacks_reads_as_dli_defaults_never_as_an_invented_state() {
        let from_snmp = dli_outlet(3, &json!({"state": true}));
        assert_eq!(
            from_snmp,
            json!({"name": "Outlet 3", "cycle_delay": null, "critical": false,
                   "transient_state": true, "physical_state": true, "state": true,
                   "locked": false})
        );
        let silent = dli_outlet(1, &json!({"name": 7, "cycle_delay": -1}));
        assert_eq!(silent["state"], Value::Null);
        assert_eq!(silent["physical_state"], Value::Null);
        assert_eq!(silent["name"], json!("Outlet 1"));
        assert_eq!(silent["cycle_delay"], Value::Null);
    }

    #[test]
    fn writes_are_checked_as_the_simulator_checks_them() {
        let outlets = vec![
            outlet(json!({"name": "a", "state": false})),
            outlet(json!({"name": "b", "state": false, "locked": true})),
        ];
        let keys = |k: &[&str]| k.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let status = |k: &[&str], v: Value| {
            check_leaf(&keys(k), &json!(false), &v, &outlets)
                .map(|_| 0)
                .unwrap_or_else(|e| e.status)
        };
        assert_eq!(status(&["relay", "outlets", "0", "state"], json!(true)), 0);
        assert_eq!(
            status(&["relay", "outlets", "0", "state"], json!("on")),
            409
        );
        assert_eq!(
            status(&["relay", "outlets", "1", "state"], json!(true)),
            409
        );
        assert_eq!(
            status(&["relay", "outlets", "0", "physical_state"], json!(true)),
            405
        );
        assert_eq!(
            status(&["relay", "outlets", "0", "locked"], json!(true)),
            405
        );
        assert_eq!(
            status(&["relay", "outlets", "1", "locked"], json!(false)),
            0
        );
        assert_eq!(status(&["relay", "name"], json!("x")), 405);
        assert_eq!(
            status(&["meter", "values", "power", "value"], json!(1)),
            405
        );
    }

    #[test]
    fn device_failures_are_server_errors_with_one_short_line() {
        let e = device_error(Error::Unreachable(format!("gone\r\n{}", "x".repeat(2000))));
        assert_eq!(e.status, 502);
        assert!(!e.message.contains('\n'));
        assert!(e.message.chars().count() <= MAX_ERROR_TEXT + 3);
        assert_eq!(status_of(&Error::Timeout("t".into())), 504);
        assert_eq!(status_of(&Error::Auth("device login".into())), 502);
        assert_eq!(status_of(&Error::Verify("stuck".into())), 500);
    }

    #[test]
    fn the_realm_keeps_only_plain_characters() {
        assert_eq!(realm_safe("lab \"pdu\"\\1"), "lab pdu1");
    }
}
