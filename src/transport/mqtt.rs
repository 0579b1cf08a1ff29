//! Outlets over an MQTT broker (rumqttc), in two topic layouts:
//!
//! - `dli` (protocols/dli-iso32-external-apis.txt, "MQTT"): each outlet's state retained on
//!   `<topic_root>/outlets/<N>` (N from 0), `1`/`0`, also NUL/SOH, `on`/`off`,
//!   `true`/`false`; an empty retained payload means the topic was erased. Commands go to
//!   `<that topic>/set`, never retained. The outlets are the state topics that exist.
//! - `netio-flex` (protocols/netio.md section 4): `<topic_root>/output/<ID>/state` (`0`/`1`),
//!   `.../action` (0 off, 1 on, 2 short off, 3 short on, 4 toggle, 5 nothing) and
//!   `.../load` (W), IDs from 1 (paths from 0, as everywhere). MQTT-flex may publish state
//!   only on change or on a timer, without retaining it, and publishes load on a timer,
//!   never retained: a read of meter values waits (within the timeout) for the load of
//!   every outlet whose state is known, until each has come or one has come twice (the
//!   timer went round, and an outlet without a load does not meter). `keys meter/values`
//!   and `get meter/values/KEY` wait alike, so they agree with `get meter/values`.
//!
//! A `set` publishes the command and waits until the state topic confirms it (exit 6 when
//! nothing does within the timeout). `subscribe` is push: every message the broker
//! delivers is a change to look at, and a dropped connection is re-established with
//! backoff and the current value given again. Topic numbers are bounded (`MAX_OUTLETS`):
//! no topic a broker holds sizes an allocation beyond that.
//!
//! What is done again when the broker goes away (`retry` has the rules), within the
//! device's budget, `(1 + retries) x timeout`:
//! - the first connection: a broker that refuses or drops it is asked again, at most
//!   `1 + retries` times, with backoff; one that answers (a refused login) is not;
//! - a connection that drops later is made again by the event loop, with backoff (100 ms
//!   doubling to 1 s), for as long as the transport lives; a read waits for it (what the
//!   broker held before is not trusted while it is away), and `subscribe` says once per
//!   outage that it was lost;
//! - a command whose connection dropped before its state topic confirmed it is published
//!   again once per reconnection, within the budget, when it is absolute: a state (`1`/`0`
//!   on a DLI `.../set`, NETIO's actions 0 and 1), published at QoS 1. One whose broker
//!   is not back within the budget may or may not have reached the device (exit 5);
//! - NETIO's actions 2, 3 and 4 (short off, short on, toggle) add up: they are published
//!   once, at QoS 0, which no one stores to send again. (rumqttc would not send a QoS 1
//!   publish again either: a dropped connection's unacknowledged publishes are dropped
//!   when the broker answers the reconnection without a session, as a clean session's is;
//!   QoS 0 keeps it so whatever the library or the session.) The state topic is watched
//!   through a reconnection (a short off is seen even when it is over before anyone
//!   looks), and a call it does not show is reported as one that may or may not have
//!   happened (exit 6).

use super::{unsupported, DeviceConfig, Pushed, Transport, MAX_OUTLETS};
use crate::error::{Error, Result};
use crate::path::{Path, Segment};
use crate::retry::{Repeat, Retrier};
use async_trait::async_trait;
use rumqttc::{AsyncClient, ConnectReturnCode, ConnectionError, Event, Packet, QoS, StateError};
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, AtomicU32, AtomicU64, Ordering::SeqCst};
use std::sync::{Arc, Mutex as StdMutex, MutexGuard};
use std::time::{Duration, Instant};
use tokio::sync::{Mutex, Notify};

const PROTOCOL: &str = "mqtt";

/// How long the broker's retained messages may take to arrive after a subscription: the
/// list is complete once none has come for this long.
const SETTLE: Duration = Duration::from_millis(150);

/// Off time of a cycle done as off, wait, on (DLI layout) without a `cycle_delay`.
const DEFAULT_CYCLE_DELAY: Duration = Duration::from_secs(5);

/// Most topics kept: a broker cannot fill memory.
const MAX_TOPICS: usize = 4 * MAX_OUTLETS;

/// The topic layouts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Layout {
    #[default]
    Dli,
    NetioFlex,
}

impl Layout {
    pub fn parse(s: &str) -> Option<Layout> {
        match s {
            "dli" => Some(Layout::Dli),
            "netio-flex" => Some(Layout::NetioFlex),
            _ => None,
        }
    }
}

/// The MQTT part of a device's settings.
#[derive(Debug, Clone, Default)]
pub struct MqttSettings {
    pub layout: Layout,
    pub topic_root: String,
    /// Publish commands without waiting for the state topic to confirm them (`--no-wait`).
    pub no_wait: bool,
}

/// How messages name a device on a broker: `desk (broker 10.0.0.2:1883)`, or for a device
/// given ad hoc, whose name is the broker's address (`--host 10.0.0.2` or `10.0.0.2:1883`),
/// `broker 10.0.0.2:1883`: an address is not said twice.
pub(crate) fn label(name: &str, host: &str, port: u16) -> String {
    let broker = match host.contains(':') {
        true => format!("[{host}]:{port}"),
        false => format!("{host}:{port}"),
    };
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    let names_the_broker = [
        host.to_string(),
        bare.to_string(),
        format!("[{bare}]"),
        broker.clone(),
        format!("{bare}:{port}"),
    ]
    .iter()
    .any(|form| form == name);
    match names_the_broker {
        true => format!("broker {broker}"),
        false => format!("{name} (broker {broker})"),
    }
}

/// The state a payload reads as in `layout`, if it is one.
fn state_payload(layout: Layout, payload: &[u8]) -> Option<bool> {
    let text = String::from_utf8_lossy(payload).trim().to_ascii_lowercase();
    match (layout, payload, text.as_str()) {
        (_, _, "1") | (Layout::Dli, [1], _) | (Layout::Dli, _, "on" | "true") => Some(true),
        (_, _, "0") | (Layout::Dli, [0], _) | (Layout::Dli, _, "off" | "false") => Some(false),
        _ => None,
    }
}

/// What the broker has delivered.
#[derive(Default)]
struct Held {
    /// The latest payload of every topic (an empty retained payload removes it).
    payloads: BTreeMap<String, Vec<u8>>,
    /// For each topic whose payload reads as a state, the number of the message that last
    /// read off, and on (0: none): a state held for a moment is seen even when it changed
    /// again before anyone looked (a short off).
    states: BTreeMap<String, [u64; 2]>,
    /// How many messages each topic has brought (a load seen twice: the device's timer has
    /// gone round once, and an output that sent none in it does not meter).
    arrivals: BTreeMap<String, u64>,
}

/// What the broker has delivered and how the connection fares, shared with the task that
/// reads from it.
#[derive(Default)]
struct Shared {
    held: StdMutex<Held>,
    /// Rung on every message, subscription answer, connection change.
    changed: Notify,
    /// Messages received so far (to see that something new arrived).
    messages: AtomicU64,
    /// Connections made (the first is 1): a higher number is a reconnection.
    connections: AtomicU64,
    /// The connection on which the broker last confirmed the subscription.
    subscribed: AtomicU64,
    /// From a connection's acknowledgement to its failure.
    up: AtomicBool,
    /// Connections lost after the first was made: one per outage, however many attempts to
    /// connect again fail.
    outages: AtomicU64,
    /// Why the last outage began.
    failure: StdMutex<Option<String>>,
    /// Why the first connection failed.
    first_failure: StdMutex<Option<ConnectionError>>,
}

impl Shared {
    /// Connected, with the subscription confirmed on this connection: what the broker
    /// holds is coming in.
    fn live(&self) -> bool {
        let connection = self.connections.load(SeqCst);
        self.up.load(SeqCst) && connection > 0 && self.subscribed.load(SeqCst) == connection
    }

    fn held(&self) -> MutexGuard<'_, Held> {
        self.held.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn why_lost(&self) -> String {
        self.failure
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
            .unwrap_or_else(|| "the connection dropped".into())
    }
}

/// Reads a connection's events into `shared` for the transport's life, subscribing to
/// `filter` on every connection (a clean session forgets subscriptions) and connecting again
/// with backoff when the connection drops; ends when the first connection fails (the
/// transport decides whether to try again).
async fn event_loop(
    mut events: rumqttc::EventLoop,
    client: AsyncClient,
    shared: Arc<Shared>,
    filter: String,
    layout: Layout,
) {
    let mut failures = 0u32;
    loop {
        match events.poll().await {
            Ok(Event::Incoming(Packet::ConnAck(_))) => {
                failures = 0;
                shared.connections.fetch_add(1, SeqCst);
                shared.up.store(true, SeqCst);
                let _ = client.try_subscribe(filter.clone(), QoS::AtLeastOnce);
                shared.changed.notify_waiters();
            }
            Ok(Event::Incoming(Packet::SubAck(_))) => {
                shared
                    .subscribed
                    .store(shared.connections.load(SeqCst), SeqCst);
                shared.changed.notify_waiters();
            }
            Ok(Event::Incoming(Packet::Publish(p))) => {
                {
                    let mut held = shared.held();
                    let number = shared.messages.fetch_add(1, SeqCst) + 1;
                    if p.payload.is_empty() {
                        held.payloads.remove(&p.topic);
                        held.states.remove(&p.topic);
                        held.arrivals.remove(&p.topic);
                    } else if held.payloads.len() < MAX_TOPICS
                        || held.payloads.contains_key(&p.topic)
                    {
                        *held.arrivals.entry(p.topic.clone()).or_default() += 1;
                        if let Some(on) = state_payload(layout, &p.payload) {
                            if held.states.len() < MAX_TOPICS || held.states.contains_key(&p.topic)
                            {
                                held.states.entry(p.topic.clone()).or_default()[usize::from(on)] =
                                    number;
                            }
                        }
                        held.payloads.insert(p.topic.clone(), p.payload.to_vec());
                    }
                }
                shared.changed.notify_waiters();
            }
            Ok(_) => {}
            Err(e) => {
                if shared.connections.load(SeqCst) == 0 {
                    *shared
                        .first_failure
                        .lock()
                        .unwrap_or_else(|p| p.into_inner()) = Some(e);
                    shared.changed.notify_waiters();
                    return;
                }
                // The first failure of an outage is news; the attempts that follow are not.
                if shared.up.swap(false, SeqCst) {
                    *shared.failure.lock().unwrap_or_else(|p| p.into_inner()) = Some(e.to_string());
                    shared.outages.fetch_add(1, SeqCst);
                    shared.changed.notify_waiters();
                }
                failures += 1;
                tokio::time::sleep(crate::retry::backoff(failures)).await;
            }
        }
    }
}

struct Link {
    client: AsyncClient,
    shared: Arc<Shared>,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for Link {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// The loads a read waits for (outlets from 0), and whether its path names them (a
/// missing one is then an error) or reads them all (what came is shown).
struct Loads {
    outlets: Vec<usize>,
    named: bool,
}

/// One publish of a command for an outlet.
struct Command {
    outlet: usize,
    topic: String,
    payload: &'static str,
    /// What publishing it twice would do: `Write` (a state) is published again after a
    /// reconnection, `Once` (a short off, a toggle) never.
    repeat: Repeat,
}

/// A command's publishes, followed until the state topics show them.
struct Sent<'a> {
    commands: &'a [Command],
    /// Outages counted when they were last published: one more is a connection lost since.
    epoch: u64,
    /// Messages counted before they were published: a state read in a later one answers
    /// them.
    since: u64,
    /// When the command's budget (`(1 + retries) x timeout`) is spent: no reconnection is
    /// waited for, and nothing is published again, after it.
    budget_end: Instant,
    /// Reconnections seen while confirming.
    reconnections: u32,
}

pub struct Mqtt {
    label: String,
    settings: MqttSettings,
    options: rumqttc::MqttOptions,
    timeout: Duration,
    cycle_delay: Duration,
    retrier: Retrier,
    link: Mutex<Option<Link>>,
    /// The reconnections `wait_push` has already reported.
    seen_connections: AtomicU64,
    /// The outages `wait_push` has already reported.
    seen_outages: AtomicU64,
    /// The messages `wait_push` has already reported.
    seen_messages: AtomicU64,
    /// Commands published, those published again after a reconnection included.
    commands: AtomicU32,
}

impl Mqtt {
    pub fn new(device: &DeviceConfig) -> Result<Mqtt> {
        let port = device.port.unwrap_or(if device.tls { 8883 } else { 1883 });
        let label = label(&device.name, &device.host, port);
        let settings = device.mqtt.clone();
        if settings.topic_root.is_empty()
            || settings.topic_root.contains(['+', '#'])
            || settings.topic_root.ends_with('/')
        {
            return Err(Error::usage(format!(
                "device {}: topic_root must name the device's topics, like \"pcr12345\" or \
                 \"netio/NETIO-AN40\" (no wildcards, no trailing /)",
                device.name
            )));
        }
        let options = client_options(device, port)?;
        Ok(Mqtt {
            label,
            settings,
            options,
            timeout: device.timeout,
            cycle_delay: device.cycle_delay.unwrap_or(DEFAULT_CYCLE_DELAY),
            retrier: device.retrier(),
            link: Mutex::new(None),
            seen_connections: AtomicU64::new(1),
            seen_outages: AtomicU64::new(0),
            seen_messages: AtomicU64::new(0),
            commands: AtomicU32::new(0),
        })
    }

    /// The subscription that sees every outlet's state.
    fn state_filter(&self) -> String {
        match self.settings.layout {
            Layout::Dli => format!("{}/outlets/+", self.settings.topic_root),
            Layout::NetioFlex => format!("{}/output/+/+", self.settings.topic_root),
        }
    }

    fn state_topic(&self, outlet: usize) -> String {
        match self.settings.layout {
            Layout::Dli => format!("{}/outlets/{outlet}", self.settings.topic_root),
            Layout::NetioFlex => {
                format!("{}/output/{}/state", self.settings.topic_root, outlet + 1)
            }
        }
    }

    /// The time all tries of one request may take, for messages.
    fn budget_text(&self) -> String {
        crate::output::human_duration(self.retrier.budget.total())
    }

    /// The connection, subscribed, for the rest of the invocation: made on first use, and
    /// tried again as `retry` says when the broker refuses or drops it (not when it refuses
    /// the login).
    async fn ensure(&self) -> Result<Arc<Shared>> {
        let mut link = self.link.lock().await;
        if let Some(l) = link.as_ref() {
            return Ok(l.shared.clone());
        }
        let what = format!("connect to {}", self.label);
        let made = self
            .retrier
            .run(Repeat::Read, &what, |t| self.connect(t.allowed))
            .await?;
        let shared = made.shared.clone();
        *link = Some(made);
        Ok(shared)
    }

    /// One try at connecting and subscribing, within `allowed`.
    async fn connect(&self, allowed: Duration) -> Result<Link> {
        let (client, events) = AsyncClient::new(self.options.clone(), 64);
        let shared = Arc::new(Shared::default());
        let task = tokio::spawn(event_loop(
            events,
            client.clone(),
            shared.clone(),
            self.state_filter(),
            self.settings.layout,
        ));
        // Dropped on failure, which ends the task.
        let link = Link {
            client,
            shared: shared.clone(),
            task,
        };
        let deadline = Instant::now() + allowed;
        loop {
            let notified = shared.changed.notified();
            if shared.subscribed.load(SeqCst) > 0 {
                return Ok(link);
            }
            let failure = shared
                .first_failure
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .take();
            if let Some(e) = failure {
                return Err(self.connect_error(e));
            }
            if tokio::time::timeout_at(deadline.into(), notified)
                .await
                .is_err()
            {
                return Err(Error::Timeout(format!(
                    "{} did not accept a connection and subscription within {}",
                    self.label,
                    crate::output::human_duration(allowed)
                )));
            }
        }
    }

    /// The connection, up: after a drop, it is waited for until `deadline`, and what the
    /// broker holds is let in again before anything is read.
    async fn live(&self, shared: &Shared, deadline: Instant) -> Result<()> {
        let mut waited = false;
        loop {
            let notified = shared.changed.notified();
            if shared.live() {
                if waited {
                    self.settle(shared).await;
                }
                return Ok(());
            }
            waited = true;
            if tokio::time::timeout_at(deadline.into(), notified)
                .await
                .is_err()
            {
                return Err(Error::Unreachable(format!(
                    "lost {} ({}) and could not connect again within {}",
                    self.label,
                    shared.why_lost(),
                    self.budget_text()
                )));
            }
        }
    }

    /// The connection for a read: made, and up (waited for within the budget).
    async fn ready(&self) -> Result<Arc<Shared>> {
        let shared = self.ensure().await?;
        self.live(&shared, Instant::now() + self.retrier.budget.total())
            .await?;
        Ok(shared)
    }

    fn connect_error(&self, e: ConnectionError) -> Error {
        connect_error(&self.label, e)
    }

    /// Waits until no message has come for `SETTLE`: the retained ones are in.
    async fn settle(&self, shared: &Shared) {
        let deadline = Instant::now() + self.timeout;
        loop {
            let before = shared.messages.load(SeqCst);
            let quiet = tokio::time::sleep(SETTLE);
            let notified = shared.changed.notified();
            tokio::select! {
                _ = quiet => {
                    if shared.messages.load(SeqCst) == before {
                        return;
                    }
                }
                _ = notified => {}
            }
            if Instant::now() >= deadline {
                return;
            }
        }
    }

    fn snapshot(shared: &Shared) -> BTreeMap<String, Vec<u8>> {
        shared.held().payloads.clone()
    }

    /// Reads a state payload; a payload that is none is a malformed answer naming it.
    fn decode(&self, topic: &str, payload: &[u8]) -> Result<bool> {
        state_payload(self.settings.layout, payload).ok_or_else(|| {
            Error::BadResponse(format!(
                "{} holds {:?} on {topic}, which is not an outlet state",
                self.label,
                crate::output::escape_line(&String::from_utf8_lossy(payload))
            ))
        })
    }
    /// The outlet number of a state topic (0-based), if it is one.
    fn outlet_of(&self, topic: &str) -> Option<usize> {
        let rest = topic
            .strip_prefix(&self.settings.topic_root)?
            .strip_prefix('/')?;
        let n = match self.settings.layout {
            Layout::Dli => rest.strip_prefix("outlets/")?.parse::<usize>().ok()?,
            Layout::NetioFlex => rest
                .strip_prefix("output/")?
                .strip_suffix("/state")?
                .parse::<usize>()
                .ok()?
                .checked_sub(1)?,
        };
        (n < MAX_OUTLETS).then_some(n)
    }

    /// The object-model tree of what the broker holds.
    fn tree(&self, topics: &BTreeMap<String, Vec<u8>>) -> Result<Value> {
        let mut states: Vec<(usize, bool)> = Vec::new();
        let mut values = Map::new();
        for (topic, payload) in topics {
            if let Some(n) = self.outlet_of(topic) {
                states.push((n, self.decode(topic, payload)?));
            }
            if self.settings.layout == Layout::NetioFlex {
                let load = topic
                    .strip_prefix(&format!("{}/output/", self.settings.topic_root))
                    .and_then(|r| r.strip_suffix("/load"))
                    .and_then(|id| id.parse::<usize>().ok())
                    .filter(|id| (1..=MAX_OUTLETS).contains(id));
                if let Some(id) = load {
                    let watts = String::from_utf8_lossy(payload)
                        .trim()
                        .parse::<f64>()
                        .map_err(|_| {
                            Error::BadResponse(format!(
                                "{} holds a load that is not a number on {topic}",
                                self.label
                            ))
                        })?;
                    values.insert(
                        format!("outlets.{}.power", id - 1),
                        json!({"name": format!("Output {id} power"), "value": watts, "quantity": "power", "unit": "W"}),
                    );
                }
            }
        }
        let count = states.iter().map(|(n, _)| n + 1).max().unwrap_or(0);
        let mut outlets = vec![Value::Null; count];
        for (n, on) in states {
            outlets[n] = json!({
                "name": format!("Outlet {}", n + 1),
                "state": on,
                "transient_state": on,
                "physical_state": on,
            });
        }
        Ok(json!({"relay": {"outlets": outlets}, "meter": {"values": values}}))
    }

    fn silent(&self, what: &str) -> Error {
        let hint = match self.settings.layout {
            Layout::NetioFlex => {
                "; MQTT-flex publishes state on change or on a timer, and retains it only when \
                 configured with \"retain\": true"
            }
            Layout::Dli => "; is the controller connected to this broker, with this topic root?",
        };
        Error::Timeout(format!(
            "nothing arrived on {what} from {} within {}{hint}",
            self.label,
            crate::output::human_duration(self.timeout)
        ))
    }

    /// The state of one outlet, waiting up to the timeout for its topic.
    async fn outlet_state(&self, shared: &Shared, outlet: usize) -> Result<bool> {
        let topic = self.state_topic(outlet);
        let deadline = Instant::now() + self.timeout;
        loop {
            let notified = shared.changed.notified();
            let payload = Self::snapshot(shared).get(&topic).cloned();
            if let Some(p) = payload {
                return self.decode(&topic, &p);
            }
            if tokio::time::timeout_at(deadline.into(), notified)
                .await
                .is_err()
            {
                return Err(self.silent(&topic));
            }
        }
    }

    /// The whole tree, once the retained messages are in; at least one outlet is needed.
    async fn read_tree(&self, shared: &Shared) -> Result<Value> {
        self.settle(shared).await;
        let deadline = Instant::now() + self.timeout;
        loop {
            let notified = shared.changed.notified();
            let tree = self.tree(&Self::snapshot(shared))?;
            if tree["relay"]["outlets"]
                .as_array()
                .is_some_and(|o| !o.is_empty())
            {
                return Ok(tree);
            }
            if tokio::time::timeout_at(deadline.into(), notified)
                .await
                .is_err()
            {
                return Err(self.silent(&self.state_filter()));
            }
        }
    }

    /// MQTT-flex's load topic of an outlet (0-based).
    fn load_topic(&self, outlet: usize) -> String {
        format!("{}/output/{}/load", self.settings.topic_root, outlet + 1)
    }

    /// The loads a read of `path` shows, with `tree` holding the outlets known so far;
    /// `None` when it shows no meter value. Loads are not retained (MQTT-flex publishes
    /// them on a timer), so a read waits for them.
    fn loads_wanted(&self, path: &Path, tree: &Value) -> Option<Loads> {
        if self.settings.layout != Layout::NetioFlex {
            return None;
        }
        let known: Vec<usize> = tree["relay"]["outlets"]
            .as_array()
            .map(|o| (0..o.len()).filter(|n| !o[*n].is_null()).collect())
            .unwrap_or_default();
        let outlet_of_key = |key: &str| {
            key.strip_prefix("outlets.")
                .and_then(|k| k.strip_suffix(".power"))
                .and_then(|n| n.parse::<usize>().ok())
                .filter(|n| known.contains(n))
        };
        let key = |s: &Segment, name: &str| matches!(s, Segment::Key(k) if k == name);
        let every = Loads {
            outlets: known.clone(),
            named: false,
        };
        let named = |outlets: Vec<usize>| Loads {
            outlets,
            named: true,
        };
        match path.segments.as_slice() {
            [] => Some(every),
            [m, ..] if !key(m, "meter") => None,
            [_, v, ..] if !matches!(v, Segment::Key(_)) => Some(every),
            [_, v, ..] if !key(v, "values") => None,
            [_, _, Segment::Key(k), ..] => Some(named(outlet_of_key(k).into_iter().collect())),
            [_, _, Segment::Pick(keys), ..] => Some(named(
                keys.iter().filter_map(|k| outlet_of_key(k)).collect(),
            )),
            _ => Some(every),
        }
    }

    /// Waits, within the timeout, until the broker has brought each load `wanted`, or a
    /// load twice (the device's timer has gone round: an outlet that had none in it does
    /// not meter). A load named by the path that has not come is a timeout naming its
    /// topic; otherwise what came is shown.
    async fn await_loads(&self, shared: &Shared, wanted: &Loads) -> Result<()> {
        let outlets = wanted.outlets.as_slice();
        if outlets.is_empty() {
            return Ok(());
        }
        let prefix = format!("{}/output/", self.settings.topic_root);
        let deadline = Instant::now() + self.timeout;
        loop {
            let notified = shared.changed.notified();
            let (missing, round) = {
                let held = shared.held();
                let missing = outlets
                    .iter()
                    .filter(|o| !held.payloads.contains_key(&self.load_topic(**o)))
                    .count();
                let round = held.arrivals.iter().any(|(topic, n)| {
                    *n > 1 && topic.starts_with(&prefix) && topic.ends_with("/load")
                });
                (missing, round)
            };
            if missing == 0 || round {
                return Ok(());
            }
            if tokio::time::timeout_at(deadline.into(), notified)
                .await
                .is_err()
            {
                return match outlets {
                    [one] if wanted.named => Err(Error::Timeout(format!(
                        "nothing arrived on {} from {} within {}; MQTT-flex publishes an \
                         output's load on its configured events (a timer, a change), and \
                         none for an output that does not meter",
                        self.load_topic(*one),
                        self.label,
                        crate::output::human_duration(self.timeout)
                    ))),
                    _ => Ok(()),
                };
            }
        }
    }

    /// The valid outlets, and the topics they come from.
    fn range(&self, count: usize) -> String {
        format!(
            "outlets 0-{} on {}",
            count.saturating_sub(1),
            self.state_filter()
        )
    }

    /// How messages name the device's outlets, and what a write can reach.
    fn mapped<'a>(&'a self, range: &'a dyn Fn(usize) -> String) -> super::Mapped<'a> {
        super::Mapped {
            device: &self.label,
            protocol: PROTOCOL,
            range,
            writes: "MQTT outlets have a state to set, and calls cycle and toggle",
        }
    }

    async fn selected_outlets(&self, shared: &Shared, outlets: &Path) -> Result<Vec<usize>> {
        let tree = self.read_tree(shared).await?;
        self.mapped(&|count| self.range(count))
            .outlets(&tree, outlets)
    }

    /// Publishes commands, never retained: a command kept by the broker would be carried
    /// out again by the device long after (DLI's documentation forbids it). An absolute one
    /// goes at QoS 1; one that adds up at QoS 0, which neither the library nor the broker
    /// keeps to send again, so it reaches the device at most once.
    async fn publish(&self, commands: &[&Command]) -> Result<()> {
        let client = match self.link.lock().await.as_ref() {
            Some(l) => l.client.clone(),
            None => {
                return Err(Error::Unreachable(format!(
                    "not connected to {}",
                    self.label
                )))
            }
        };
        for c in commands {
            let qos = if c.repeat == Repeat::Once {
                QoS::AtMostOnce
            } else {
                QoS::AtLeastOnce
            };
            client
                .publish(c.topic.clone(), qos, false, c.payload.as_bytes().to_vec())
                .await
                .map_err(|e| {
                    Error::Unreachable(format!("cannot publish to {}: {e}", self.label))
                })?;
            self.commands.fetch_add(1, SeqCst);
        }
        Ok(())
    }

    /// Publishes a command's publishes once the connection is up (waited for within the
    /// budget), to be followed by `confirm_within`.
    async fn send<'a>(&self, shared: &Shared, commands: &'a [Command]) -> Result<Sent<'a>> {
        let budget_end = Instant::now() + self.retrier.budget.total();
        self.live(shared, budget_end).await?;
        // Counted before publishing: a drop that races the publish counts as one after it.
        let epoch = shared.outages.load(SeqCst);
        let since = shared.messages.load(SeqCst);
        self.publish(&commands.iter().collect::<Vec<_>>()).await?;
        Ok(Sent {
            commands,
            epoch,
            since,
            budget_end,
            reconnections: 0,
        })
    }

    /// The outlets of `expected` whose state topic does not show their state yet: holds it
    /// now, or (`seen`) has held it since the command was published.
    fn unconfirmed(
        &self,
        shared: &Shared,
        expected: &[(usize, bool)],
        seen: Option<u64>,
    ) -> Result<Vec<(usize, bool)>> {
        let held = shared.held();
        let mut pending = Vec::new();
        for &(outlet, want) in expected {
            let topic = self.state_topic(outlet);
            let now = held
                .payloads
                .get(&topic)
                .map(|p| self.decode(&topic, p))
                .transpose()?;
            let was = seen.is_some_and(|since| {
                held.states
                    .get(&topic)
                    .is_some_and(|at| at[usize::from(want)] > since)
            });
            if now != Some(want) && !was {
                pending.push((outlet, want));
            }
        }
        Ok(pending)
    }

    /// Waits until every outlet's state topic shows its state in `expected` (`seen`: has
    /// shown it since the command was published), for `allowed`. A connection that drops
    /// meanwhile is waited for within the command's budget; once it is back, absolute
    /// commands still unconfirmed are published again (once per reconnection), and the
    /// state topics get `allowed` again, within the budget.
    async fn confirm_within(
        &self,
        shared: &Shared,
        sent: &mut Sent<'_>,
        expected: &[(usize, bool)],
        seen: bool,
        allowed: Duration,
    ) -> Result<()> {
        if self.settings.no_wait {
            return Ok(());
        }
        let mut deadline = Instant::now() + allowed;
        loop {
            let notified = shared.changed.notified();
            let pending = self.unconfirmed(shared, expected, seen.then_some(sent.since))?;
            let Some(&first) = pending.first() else {
                return Ok(());
            };
            let outages = shared.outages.load(SeqCst);
            let now = Instant::now();
            if outages > sent.epoch && shared.live() && now < sent.budget_end {
                // Lost since the command went out, and back: it may have been lost too.
                sent.epoch = outages;
                sent.reconnections += 1;
                let again: Vec<&Command> = sent
                    .commands
                    .iter()
                    .filter(|c| c.repeat != Repeat::Once)
                    .filter(|c| pending.iter().any(|(o, _)| *o == c.outlet))
                    .collect();
                self.publish(&again).await?;
                deadline = deadline.max((now + allowed).min(sent.budget_end));
                continue;
            }
            // Away: it may come back within the budget.
            let lost = outages > sent.epoch && !shared.live();
            let until = if lost {
                deadline.max(sent.budget_end)
            } else {
                deadline
            };
            if tokio::time::timeout_at(until.into(), notified)
                .await
                .is_err()
            {
                return Err(self.unconfirmed_error(shared, sent, first, lost, allowed));
            }
        }
    }

    /// Why a command was not confirmed: not seen in time (exit 6), or the broker lost and
    /// not back within the budget (a state: exit 5, as any request that may have reached the
    /// device unanswered; a call that adds up: exit 6, as a cycle that may have happened).
    fn unconfirmed_error(
        &self,
        shared: &Shared,
        sent: &Sent<'_>,
        (outlet, want): (usize, bool),
        lost: bool,
        allowed: Duration,
    ) -> Error {
        let topic = self.state_topic(outlet);
        let state = if want { "on" } else { "off" };
        let once = sent
            .commands
            .iter()
            .find(|c| c.outlet == outlet && c.repeat == Repeat::Once);
        let not_again = |c: &Command| {
            format!(
                "{} was published once on {} and is not sent again (doing it twice is not \
                 doing it once): it may or may not have happened; check the outlet before \
                 sending it again",
                c.payload, c.topic
            )
        };
        match (lost, once) {
            (true, Some(c)) => Error::Verify(format!(
                "lost {} ({}) before {topic} showed {state}, and could not connect again \
                 within {}; {}",
                self.label,
                shared.why_lost(),
                self.budget_text(),
                not_again(c)
            )),
            (true, None) => Error::HungUp(format!(
                "lost {} ({}) before it confirmed {topic} = {state}, and could not connect \
                 again within {}: the command may or may not have reached the device",
                self.label,
                shared.why_lost(),
                self.budget_text()
            )),
            (false, Some(c)) if sent.reconnections > 0 => Error::Verify(format!(
                "{} did not confirm {topic} = {state} within {} after the connection dropped; {}",
                self.label,
                crate::output::human_duration(allowed),
                not_again(c)
            )),
            (false, None) if sent.reconnections > 0 => Error::Verify(format!(
                "{} did not confirm {topic} = {state} within {}, though the command was \
                 published again after the connection dropped",
                self.label,
                crate::output::human_duration(allowed)
            )),
            _ => Error::Verify(format!(
                "{} did not confirm {topic} = {state} within {} (--no-wait skips waiting)",
                self.label,
                crate::output::human_duration(allowed)
            )),
        }
    }

    /// Switches outlets by their command topics and waits for the state topics.
    async fn switch(&self, shared: &Shared, outlets: &[usize], on: bool) -> Result<()> {
        let payload = if on { "1" } else { "0" };
        let commands: Vec<Command> = outlets
            .iter()
            .map(|&outlet| Command {
                outlet,
                topic: match self.settings.layout {
                    Layout::Dli => format!("{}/set", self.state_topic(outlet)),
                    Layout::NetioFlex => {
                        format!("{}/output/{}/action", self.settings.topic_root, outlet + 1)
                    }
                },
                payload,
                repeat: Repeat::Write,
            })
            .collect();
        let mut sent = self.send(shared, &commands).await?;
        let expected: Vec<(usize, bool)> = outlets.iter().map(|o| (*o, on)).collect();
        self.confirm_within(shared, &mut sent, &expected, false, self.timeout)
            .await
    }
}

/// The broker's answer to a failed connection, as an error of its class.
pub(crate) fn connect_error(label: &str, e: ConnectionError) -> Error {
    match e {
        ConnectionError::ConnectionRefused(
            code @ (ConnectReturnCode::BadUserNamePassword | ConnectReturnCode::NotAuthorized),
        ) => Error::Auth(format!(
            "{} refused the user name or password ({code:?})",
            label
        )),
        ConnectionError::ConnectionRefused(code) => {
            Error::Refused(format!("{} refused the connection ({code:?})", label))
        }
        ConnectionError::Tls(t) => Error::Unreachable(format!(
            "cannot establish a trusted TLS connection to {}: {t} (use ca_file to trust \
             its certificate, or insecure to skip verification)",
            label
        )),
        ConnectionError::Io(io) => Error::Unreachable(format!("cannot connect to {}: {io}", label)),
        // Closed before the broker acknowledged the connection: nothing was asked of it yet.
        ConnectionError::MqttState(StateError::ConnectionAborted) => Error::Unreachable(format!(
            "cannot connect to {label}: it closed the connection"
        )),
        ConnectionError::MqttState(StateError::Io(io)) => {
            Error::Unreachable(format!("cannot connect to {label}: {io}"))
        }
        ConnectionError::NetworkTimeout => Error::Timeout(format!("{} did not answer", label)),
        other => Error::BadResponse(format!("{}: {other}", label)),
    }
}

/// The client's options for a device's broker: a client id of its own for every process
/// (two pductl at once must not take each other's session), a clean session, credentials
/// and TLS as the device says.
pub(crate) fn client_options(device: &DeviceConfig, port: u16) -> Result<rumqttc::MqttOptions> {
    let id = format!(
        "pductl-{}-{:08x}",
        std::process::id(),
        rand::random::<u32>()
    );
    let mut options = rumqttc::MqttOptions::new(id, device.host.clone(), port);
    options.set_keep_alive(Duration::from_secs(30));
    options.set_clean_session(true);
    if let (Some(user), Some(password)) = (&device.user, &device.password) {
        if !user.is_empty() {
            options.set_credentials(user.clone(), password.expose());
        }
    }
    if device.tls {
        options.set_transport(rumqttc::Transport::tls_with_config(
            rumqttc::TlsConfiguration::Rustls(Arc::new(tls_config(device)?)),
        ));
    }
    Ok(options)
}

/// Rustls for a device reached over TLS outside HTTP (a broker, a CoAP WebSocket): the CA
/// file, or the system's roots, or no checking (`insecure`).
pub(crate) fn tls_config(device: &DeviceConfig) -> Result<rustls::ClientConfig> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let builder = rustls::ClientConfig::builder_with_provider(provider.clone())
        .with_safe_default_protocol_versions()
        .map_err(|e| Error::usage(format!("cannot set up TLS: {e}")))?;
    if device.insecure {
        return Ok(builder
            .dangerous()
            .with_custom_certificate_verifier(Arc::new(AcceptAnyCertificate(provider)))
            .with_no_client_auth());
    }
    let mut roots = rustls::RootCertStore::empty();
    match &device.ca_file {
        Some(path) => {
            use rustls::pki_types::pem::PemObject;
            let pem = std::fs::read(path).map_err(|e| {
                Error::usage(format!("cannot read CA file {}: {e}", path.display()))
            })?;
            for cert in rustls::pki_types::CertificateDer::pem_slice_iter(&pem) {
                let cert = cert.map_err(|e| {
                    Error::usage(format!(
                        "CA file {} holds a bad certificate: {e}",
                        path.display()
                    ))
                })?;
                roots
                    .add(cert)
                    .map_err(|e| Error::usage(format!("CA file {}: {e}", path.display())))?;
            }
        }
        None => {
            for cert in rustls_native_certs::load_native_certs().certs {
                let _ = roots.add(cert);
            }
        }
    }
    Ok(builder.with_root_certificates(roots).with_no_client_auth())
}

/// `insecure = true`: the broker's certificate is not checked (the handshake's signatures
/// still are).
#[derive(Debug)]
struct AcceptAnyCertificate(Arc<rustls::crypto::CryptoProvider>);

impl rustls::client::danger::ServerCertVerifier for AcceptAnyCertificate {
    fn verify_server_cert(
        &self,
        _end_entity: &rustls::pki_types::CertificateDer<'_>,
        _intermediates: &[rustls::pki_types::CertificateDer<'_>],
        _server_name: &rustls::pki_types::ServerName<'_>,
        _ocsp_response: &[u8],
        _now: rustls::pki_types::UnixTime,
    ) -> std::result::Result<rustls::client::danger::ServerCertVerified, rustls::Error> {
        Ok(rustls::client::danger::ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &rustls::pki_types::CertificateDer<'_>,
        dss: &rustls::DigitallySignedStruct,
    ) -> std::result::Result<rustls::client::danger::HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &rustls::pki_types::CertificateDer<'_>,
        dss: &rustls::DigitallySignedStruct,
    ) -> std::result::Result<rustls::client::danger::HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<rustls::SignatureScheme> {
        self.0.signature_verification_algorithms.supported_schemes()
    }
}

/// `relay/outlets/N/<state field>`: N, for a read of one outlet's state.
fn single_state(path: &Path) -> Option<usize> {
    match path.segments.as_slice() {
        [Segment::Key(r), Segment::Key(o), Segment::Key(n), Segment::Key(f)]
            if r == "relay"
                && o == "outlets"
                && matches!(f.as_str(), "state" | "transient_state" | "physical_state") =>
        {
            n.parse().ok()
        }
        _ => None,
    }
}

#[async_trait]
impl Transport for Mqtt {
    fn protocol(&self) -> &'static str {
        PROTOCOL
    }

    async fn get(&self, path: &Path) -> Result<Value> {
        let shared = self.ready().await?;
        if let Some(n) = single_state(path).filter(|n| *n < MAX_OUTLETS) {
            return self.outlet_state(&shared, n).await.map(Value::Bool);
        }
        let mut tree = self.read_tree(&shared).await?;
        if let Some(wanted) = self.loads_wanted(path, &tree) {
            self.await_loads(&shared, &wanted).await?;
            tree = self.tree(&Self::snapshot(&shared))?;
        }
        self.mapped(&|count| self.range(count)).get(&tree, path)
    }

    async fn set(&self, path: &Path, value: &Value) -> Result<()> {
        match path.last() {
            Some(Segment::Key(f)) if f == "state" || f == "transient_state" => {}
            _ => {
                return Err(unsupported(
                    PROTOCOL,
                    &format!("writing {path}"),
                    "MQTT outlets have a state to set (set relay/outlets/N/state true|false)",
                ))
            }
        }
        let on = value
            .as_bool()
            .ok_or_else(|| Error::usage(format!("state takes true or false, not {value}")))?;
        let shared = self.ready().await?;
        let outlets = self.selected_outlets(&shared, &path.parent()).await?;
        if outlets.is_empty() {
            return Err(super::selects_nothing(&path.parent(), &self.label));
        }
        self.switch(&shared, &outlets, on).await
    }

    async fn insert(&self, path: &Path, _value: &Value) -> Result<()> {
        Err(unsupported(
            PROTOCOL,
            &format!("insert at {path}"),
            "MQTT outlets are topics the device publishes",
        ))
    }

    async fn remove(&self, path: &Path) -> Result<()> {
        Err(unsupported(
            PROTOCOL,
            &format!("remove of {path}"),
            "MQTT outlets are topics the device publishes",
        ))
    }

    /// `cycle` and `toggle`: NETIO's actions 2 and 4 (published once, never again); on the
    /// DLI layout, off / `cycle_delay` / on, and the opposite of the state the broker holds
    /// (absolute states, published again after a reconnection as `set`'s are).
    async fn invoke(&self, path: &Path, args: &[Value]) -> Result<Option<Value>> {
        let call = match path.last() {
            Some(Segment::Key(c)) if c == "cycle" || c == "toggle" => c.clone(),
            _ => {
                return Err(unsupported(
                    PROTOCOL,
                    &format!("calling {path}"),
                    "MQTT outlets have the calls cycle and toggle",
                ))
            }
        };
        if !args.is_empty() {
            return Err(Error::usage(format!("{call} over MQTT takes no arguments")));
        }
        let shared = self.ready().await?;
        let outlets = self.selected_outlets(&shared, &path.parent()).await?;
        if outlets.is_empty() {
            return Err(super::selects_nothing(&path.parent(), &self.label));
        }
        let before: Vec<(usize, bool)> = {
            let topics = Self::snapshot(&shared);
            outlets
                .iter()
                .map(|&o| {
                    let topic = self.state_topic(o);
                    let p = topics.get(&topic).cloned().unwrap_or_default();
                    self.decode(&topic, &p).map(|on| (o, on))
                })
                .collect::<Result<_>>()?
        };
        match (self.settings.layout, call.as_str()) {
            (Layout::Dli, "cycle") => {
                self.switch(&shared, &outlets, false).await?;
                tokio::time::sleep(self.cycle_delay).await;
                self.switch(&shared, &outlets, true).await?;
            }
            (Layout::Dli, _) => {
                for (o, on) in &before {
                    self.switch(&shared, &[*o], !on).await?;
                }
            }
            (Layout::NetioFlex, call) => {
                // Short off and toggle add up: published once, never again.
                let action = if call == "cycle" { "2" } else { "4" };
                let commands: Vec<Command> = outlets
                    .iter()
                    .map(|&outlet| Command {
                        outlet,
                        topic: format!("{}/output/{}/action", self.settings.topic_root, outlet + 1),
                        payload: action,
                        repeat: Repeat::Once,
                    })
                    .collect();
                let mut sent = self.send(&shared, &commands).await?;
                // A short off ends on; a toggle ends opposite to where it began.
                let expected: Vec<(usize, bool)> = before
                    .iter()
                    .map(|(o, on)| (*o, if call == "cycle" { true } else { !on }))
                    .collect();
                if call == "toggle" {
                    self.confirm_within(&shared, &mut sent, &expected, false, self.timeout)
                        .await?;
                } else {
                    // Off first (seen even if it is over when looked at), then back on
                    // after the output's own delay (NETIO's factory 5 s, or cycle_delay).
                    let off: Vec<(usize, bool)> =
                        expected.iter().map(|(o, _)| (*o, false)).collect();
                    self.confirm_within(&shared, &mut sent, &off, true, self.timeout)
                        .await?;
                    let allowed = self.timeout + self.cycle_delay;
                    self.confirm_within(&shared, &mut sent, &expected, false, allowed)
                        .await?;
                }
            }
        }
        Ok(None)
    }

    async fn describe(&self, path: &Path) -> Result<Value> {
        Err(unsupported(
            PROTOCOL,
            &format!("describe of {path}"),
            "there are no type descriptions over MQTT",
        ))
    }

    fn pushes(&self) -> bool {
        true
    }

    /// Commands published so far, those published again after a reconnection included.
    fn write_attempts(&self) -> u32 {
        self.commands.load(SeqCst)
    }

    /// What happened since the last call, in order: an outage (once, however many attempts
    /// to reconnect fail), a reconnection (once subscribed again and the retained messages
    /// are in), a message.
    async fn wait_push(&self) -> Result<Pushed> {
        let shared = self.ensure().await?;
        loop {
            let notified = shared.changed.notified();
            let outages = shared.outages.load(SeqCst);
            if outages > self.seen_outages.swap(outages, SeqCst) {
                return Ok(Pushed::Lost(format!(
                    "lost {} ({}); reconnecting",
                    self.label,
                    shared.why_lost()
                )));
            }
            let connections = shared.connections.load(SeqCst);
            if connections > self.seen_connections.load(SeqCst) && shared.live() {
                self.seen_connections.store(connections, SeqCst);
                // Back: the retained messages come again; let them in before reading.
                self.settle(&shared).await;
                self.seen_messages
                    .store(shared.messages.load(SeqCst), SeqCst);
                return Ok(Pushed::Reconnected);
            }
            // Messages that came since the last look count even if no one was waiting then.
            let messages = shared.messages.load(SeqCst);
            if self.seen_messages.swap(messages, SeqCst) != messages {
                return Ok(Pushed::Changed);
            }
            notified.await;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mqtt(layout: Layout) -> Mqtt {
        let device = DeviceConfig {
            name: "garage".into(),
            retries: 3,
            mqtt: MqttSettings {
                layout,
                topic_root: "root".into(),
                no_wait: false,
            },
            ..DeviceConfig::at(
                super::super::Protocol::Mqtt,
                "127.0.0.1",
                Some(1883),
                Duration::from_secs(1),
            )
        };
        Mqtt::new(&device).unwrap()
    }

    #[test]
    fn an_ad_hoc_broker_is_named_once() {
        assert_eq!(
            label("garage", "10.0.0.2", 1883),
            "garage (broker 10.0.0.2:1883)"
        );
        for name in ["127.0.0.1", "127.0.0.1:1883"] {
            assert_eq!(label(name, "127.0.0.1", 1883), "broker 127.0.0.1:1883");
        }
        for name in ["::1", "[::1]", "[::1]:8883"] {
            assert_eq!(label(name, "::1", 8883), "broker [::1]:8883");
        }
        assert_eq!(
            label("127.0.0.1:1884", "127.0.0.1", 1883),
            "127.0.0.1:1884 (broker 127.0.0.1:1883)"
        );
    }

    #[test]
    fn meter_reads_wait_for_the_loads_they_show() {
        let n = mqtt(Layout::NetioFlex);
        let tree = json!({"relay": {"outlets": [{"state": true}, null, {"state": false}]}});
        let wanted = |p: &str| {
            n.loads_wanted(&Path::parse(p).unwrap(), &tree)
                .map(|l| (l.outlets, l.named))
        };
        assert_eq!(wanted("meter/values"), Some((vec![0, 2], false)));
        assert_eq!(wanted(""), Some((vec![0, 2], false)));
        assert_eq!(wanted("meter"), Some((vec![0, 2], false)));
        assert_eq!(
            wanted("meter/values/outlets.2.power/value"),
            Some((vec![2], true))
        );
        assert_eq!(wanted("meter/values/outlets.1.power"), Some((vec![], true)));
        assert_eq!(wanted("relay/outlets"), None);
        assert!(mqtt(Layout::Dli)
            .loads_wanted(&Path::parse("meter/values").unwrap(), &tree)
            .is_none());
    }

    #[test]
    fn every_payload_the_dli_documents() {
        let m = mqtt(Layout::Dli);
        for (payload, on) in [
            (b"1".as_slice(), true),
            (b"\x01", true),
            (b"on", true),
            (b"true", true),
            (b"0", false),
            (b"\x00", false),
            (b"off", false),
            (b"false", false),
        ] {
            assert_eq!(m.decode("t", payload).unwrap(), on, "{payload:?}");
        }
        assert_eq!(m.decode("t", b"maybe").unwrap_err().exit_code(), 5);
    }

    #[test]
    fn topics_map_to_outlets_within_bounds() {
        let m = mqtt(Layout::Dli);
        assert_eq!(m.outlet_of("root/outlets/3"), Some(3));
        assert_eq!(m.outlet_of("root/outlets/3/set"), None);
        assert_eq!(m.outlet_of("root/outlets/99999999999"), None);
        assert_eq!(m.outlet_of("other/outlets/1"), None);
        let n = mqtt(Layout::NetioFlex);
        assert_eq!(n.outlet_of("root/output/1/state"), Some(0));
        assert_eq!(n.outlet_of("root/output/0/state"), None);
        let topics: BTreeMap<String, Vec<u8>> = [
            ("root/output/2/state".to_string(), b"1".to_vec()),
            ("root/output/2/load".to_string(), b"42".to_vec()),
        ]
        .into();
        let tree = n.tree(&topics).unwrap();
        assert_eq!(tree["relay"]["outlets"][1]["state"], json!(true));
        assert_eq!(tree["relay"]["outlets"][0], Value::Null);
        assert_eq!(
            tree["meter"]["values"]["outlets.1.power"]["value"],
            json!(42.0)
        );
    }
}
