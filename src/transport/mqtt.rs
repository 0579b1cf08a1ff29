//! Outlets over an MQTT broker (rumqttc), in two topic layouts:
//!
//! - `dli` (protocols/dli-iso32-external-apis.txt, "MQTT"): each outlet's state retained on
//!   `<topic_root>/outlets/<N>` (N from 0), `1`/`0`, also NUL/SOH, `on`/`off`,
//!   `true`/`false`; an empty retained payload means the topic was erased. Commands go to
//!   `<that topic>/set`, never retained. The outlets are the state topics that exist.
//! - `netio-flex` (protocols/netio.md section 4): `<topic_root>/output/<ID>/state` (`0`/`1`),
//!   `.../action` (0 off, 1 on, 2 short off, 3 short on, 4 toggle, 5 nothing) and
//!   `.../load` (W), IDs from 1 (paths from 0, as everywhere). MQTT-flex may publish state
//!   only on change or on a timer, without retaining it.
//!
//! A `set` publishes the command and waits until the state topic confirms it (exit 6 when
//! nothing does within the timeout). `subscribe` is push: every message the broker
//! delivers is a change to look at, and a dropped connection is re-established with
//! backoff and the current value given again. Topic numbers are bounded (`MAX_OUTLETS`):
//! no topic a broker holds sizes an allocation beyond that.

use super::{unsupported, DeviceConfig, Pushed, Transport, MAX_OUTLETS};
use crate::error::{Error, Result};
use crate::path::{Path, Segment};
use async_trait::async_trait;
use rumqttc::{AsyncClient, ConnectReturnCode, ConnectionError, Event, Packet, QoS};
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex as StdMutex};
use std::time::{Duration, Instant};
use tokio::sync::{Mutex, Notify};

const PROTOCOL: &str = "mqtt";

/// How long the broker's retained messages may take to arrive after a subscription: the
/// list is complete once none has come for this long.
const SETTLE: Duration = Duration::from_millis(150);

/// Off time of a cycle done as off, wait, on (DLI layout) without a `cycle_delay`.
const DEFAULT_CYCLE_DELAY: Duration = Duration::from_secs(5);

/// First wait before reconnecting; doubled up to `MAX_BACKOFF`.
const BACKOFF: Duration = Duration::from_millis(200);
const MAX_BACKOFF: Duration = Duration::from_secs(5);

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

/// What the broker has delivered, shared with the task that reads from it.
#[derive(Default)]
struct Shared {
    /// The latest payload of every topic (an empty retained payload removes it).
    topics: StdMutex<BTreeMap<String, Vec<u8>>>,
    /// Rung on every message, subscription answer, connection change.
    changed: Notify,
    /// Messages received so far (to see that something new arrived).
    messages: AtomicU64,
    /// Subscriptions the broker has confirmed, over the connection's life.
    subscribed: AtomicU64,
    /// Connections made (the first is 1): a higher number is a reconnection.
    connections: AtomicU64,
    /// Why the first connection failed, or the last disconnection (for `subscribe`).
    failure: StdMutex<Option<String>>,
    first_failure: StdMutex<Option<ConnectionError>>,
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

pub struct Mqtt {
    label: String,
    settings: MqttSettings,
    options: rumqttc::MqttOptions,
    timeout: Duration,
    cycle_delay: Duration,
    link: Mutex<Option<Link>>,
    /// The reconnections `wait_push` has already reported.
    seen_connections: AtomicU64,
    /// The messages `wait_push` has already reported.
    seen_messages: AtomicU64,
}

impl Mqtt {
    pub fn new(device: &DeviceConfig) -> Result<Mqtt> {
        let port = device.port.unwrap_or(if device.tls { 8883 } else { 1883 });
        let label = if device.name == device.host {
            format!("broker {}:{port}", device.host)
        } else {
            format!("{} (broker {}:{port})", device.name, device.host)
        };
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
            link: Mutex::new(None),
            seen_connections: AtomicU64::new(1),
            seen_messages: AtomicU64::new(0),
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

    /// Connects, subscribes and waits for the broker to confirm; the link stays for the
    /// rest of the invocation.
    async fn ensure(&self) -> Result<Arc<Shared>> {
        let mut link = self.link.lock().await;
        if let Some(l) = link.as_ref() {
            return Ok(l.shared.clone());
        }
        let (client, mut events) = AsyncClient::new(self.options.clone(), 64);
        let shared = Arc::new(Shared::default());
        let filter = self.state_filter();
        let task = {
            let shared = shared.clone();
            let client = client.clone();
            let filter = filter.clone();
            tokio::spawn(async move {
                let mut backoff = BACKOFF;
                loop {
                    match events.poll().await {
                        Ok(Event::Incoming(Packet::ConnAck(_))) => {
                            backoff = BACKOFF;
                            shared.connections.fetch_add(1, Ordering::SeqCst);
                            // A clean session forgets subscriptions: ask again each time.
                            let _ = client.try_subscribe(filter.clone(), QoS::AtLeastOnce);
                            shared.changed.notify_waiters();
                        }
                        Ok(Event::Incoming(Packet::SubAck(_))) => {
                            shared.subscribed.fetch_add(1, Ordering::SeqCst);
                            shared.changed.notify_waiters();
                        }
                        Ok(Event::Incoming(Packet::Publish(p))) => {
                            {
                                let mut topics =
                                    shared.topics.lock().unwrap_or_else(|e| e.into_inner());
                                if p.payload.is_empty() {
                                    topics.remove(&p.topic);
                                } else if topics.len() < 4 * MAX_OUTLETS
                                    || topics.contains_key(&p.topic)
                                {
                                    topics.insert(p.topic.clone(), p.payload.to_vec());
                                }
                            }
                            shared.messages.fetch_add(1, Ordering::SeqCst);
                            shared.changed.notify_waiters();
                        }
                        Ok(_) => {}
                        Err(e) => {
                            if shared.connections.load(Ordering::SeqCst) == 0 {
                                *shared
                                    .first_failure
                                    .lock()
                                    .unwrap_or_else(|p| p.into_inner()) = Some(e);
                                shared.changed.notify_waiters();
                                return;
                            }
                            *shared.failure.lock().unwrap_or_else(|p| p.into_inner()) =
                                Some(e.to_string());
                            shared.changed.notify_waiters();
                            tokio::time::sleep(backoff).await;
                            backoff = (backoff * 2).min(MAX_BACKOFF);
                        }
                    }
                }
            })
        };
        *link = Some(Link {
            client,
            shared: shared.clone(),
            task,
        });
        drop(link);
        // Connected and subscribed, or why not.
        let deadline = Instant::now() + self.timeout;
        loop {
            let notified = shared.changed.notified();
            if shared.subscribed.load(Ordering::SeqCst) > 0 {
                drop(notified);
                return Ok(shared);
            }
            let failure = shared
                .first_failure
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .take();
            if let Some(e) = failure {
                *self.link.lock().await = None;
                return Err(self.connect_error(e));
            }
            if tokio::time::timeout_at(deadline.into(), notified)
                .await
                .is_err()
            {
                *self.link.lock().await = None;
                return Err(Error::Timeout(format!(
                    "{} did not accept a connection and subscription within {}",
                    self.label,
                    super::http::human_duration(self.timeout)
                )));
            }
        }
    }

    fn connect_error(&self, e: ConnectionError) -> Error {
        connect_error(&self.label, e)
    }

    /// Waits until no message has come for `SETTLE`: the retained ones are in.
    async fn settle(&self, shared: &Shared) {
        let deadline = Instant::now() + self.timeout;
        loop {
            let before = shared.messages.load(Ordering::SeqCst);
            let quiet = tokio::time::sleep(SETTLE);
            let notified = shared.changed.notified();
            tokio::select! {
                _ = quiet => {
                    if shared.messages.load(Ordering::SeqCst) == before {
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
        shared
            .topics
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    /// Reads a state payload; a payload that is none is a malformed answer naming it.
    fn decode(&self, topic: &str, payload: &[u8]) -> Result<bool> {
        let text = String::from_utf8_lossy(payload).trim().to_ascii_lowercase();
        match (self.settings.layout, payload, text.as_str()) {
            (_, _, "1") | (Layout::Dli, [1], _) | (Layout::Dli, _, "on" | "true") => Ok(true),
            (_, _, "0") | (Layout::Dli, [0], _) | (Layout::Dli, _, "off" | "false") => Ok(false),
            _ => Err(Error::BadResponse(format!(
                "{} holds {:?} on {topic}, which is not an outlet state",
                self.label,
                crate::output::escape_line(&String::from_utf8_lossy(payload))
            ))),
        }
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
            super::http::human_duration(self.timeout)
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

    async fn publish(&self, topic: String, payload: &str) -> Result<()> {
        let link = self.link.lock().await;
        let Some(l) = link.as_ref() else {
            return Err(Error::Unreachable(format!(
                "not connected to {}",
                self.label
            )));
        };
        // Never retained: a command kept by the broker would be carried out again by the
        // device long after (DLI's documentation forbids it).
        l.client
            .publish(topic, QoS::AtLeastOnce, false, payload.as_bytes().to_vec())
            .await
            .map_err(|e| Error::Unreachable(format!("cannot publish to {}: {e}", self.label)))
    }

    /// Waits until every outlet's state topic says `want`.
    async fn confirm(&self, shared: &Shared, outlets: &[(usize, bool)]) -> Result<()> {
        self.confirm_within(shared, outlets, self.timeout).await
    }

    async fn confirm_within(
        &self,
        shared: &Shared,
        outlets: &[(usize, bool)],
        allowed: Duration,
    ) -> Result<()> {
        if self.settings.no_wait {
            return Ok(());
        }
        let deadline = Instant::now() + allowed;
        loop {
            let notified = shared.changed.notified();
            let topics = Self::snapshot(shared);
            let mut pending = None;
            for (outlet, want) in outlets {
                let topic = self.state_topic(*outlet);
                let now = topics
                    .get(&topic)
                    .map(|p| self.decode(&topic, p))
                    .transpose()?;
                if now != Some(*want) {
                    pending = Some((topic, *want));
                    break;
                }
            }
            let Some((topic, want)) = pending else {
                return Ok(());
            };
            if tokio::time::timeout_at(deadline.into(), notified)
                .await
                .is_err()
            {
                return Err(Error::Verify(format!(
                    "{} did not confirm {topic} = {} within {} (--no-wait skips waiting)",
                    self.label,
                    if want { "on" } else { "off" },
                    super::http::human_duration(allowed)
                )));
            }
        }
    }

    /// Switches outlets by their command topics and waits for the state topics.
    async fn switch(&self, shared: &Shared, outlets: &[usize], on: bool) -> Result<()> {
        for &outlet in outlets {
            let (topic, payload) = match self.settings.layout {
                Layout::Dli => (
                    format!("{}/set", self.state_topic(outlet)),
                    if on { "1" } else { "0" },
                ),
                Layout::NetioFlex => (
                    format!("{}/output/{}/action", self.settings.topic_root, outlet + 1),
                    if on { "1" } else { "0" },
                ),
            };
            self.publish(topic, payload).await?;
        }
        let expected: Vec<(usize, bool)> = outlets.iter().map(|o| (*o, on)).collect();
        self.confirm(shared, &expected).await
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

/// Rustls for the broker: the CA file, or the system's roots, or no checking (`insecure`).
fn tls_config(device: &DeviceConfig) -> Result<rustls::ClientConfig> {
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
        let shared = self.ensure().await?;
        if let Some(n) = single_state(path).filter(|n| *n < MAX_OUTLETS) {
            return self.outlet_state(&shared, n).await.map(Value::Bool);
        }
        let tree = self.read_tree(&shared).await?;
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
        let shared = self.ensure().await?;
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

    /// `cycle` and `toggle`: NETIO's actions 2 and 4; on the DLI layout, off / `cycle_delay`
    /// / on, and the opposite of the state the broker holds.
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
        let shared = self.ensure().await?;
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
                let action = if call == "cycle" { "2" } else { "4" };
                for &o in &outlets {
                    let topic = format!("{}/output/{}/action", self.settings.topic_root, o + 1);
                    self.publish(topic, action).await?;
                }
                // A short off ends on; a toggle ends opposite to where it began.
                let expected: Vec<(usize, bool)> = before
                    .iter()
                    .map(|(o, on)| (*o, if call == "cycle" { true } else { !on }))
                    .collect();
                if call == "toggle" {
                    self.confirm(&shared, &expected).await?;
                } else if !self.settings.no_wait {
                    // Off first, then back on after the output's delay.
                    let off: Vec<(usize, bool)> =
                        expected.iter().map(|(o, _)| (*o, false)).collect();
                    self.confirm(&shared, &off).await?;
                    // The output's own delay (NETIO's factory 5 s, or cycle_delay) first.
                    self.confirm_within(&shared, &expected, self.timeout + self.cycle_delay)
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

    async fn wait_push(&self) -> Result<Pushed> {
        let shared = self.ensure().await?;
        let notified = shared.changed.notified();
        let connections = shared.connections.load(Ordering::SeqCst);
        if connections > self.seen_connections.load(Ordering::SeqCst) {
            self.seen_connections.store(connections, Ordering::SeqCst);
            // Back: the retained messages come again; let them in before reading.
            self.settle(&shared).await;
            return Ok(Pushed::Reconnected);
        }
        let lost = shared
            .failure
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .take();
        if let Some(why) = lost {
            return Ok(Pushed::Lost(format!(
                "lost {} ({why}); reconnecting",
                self.label
            )));
        }
        // Messages that came since the last look count even if no one was waiting then.
        let messages = shared.messages.load(Ordering::SeqCst);
        if self.seen_messages.swap(messages, Ordering::SeqCst) != messages {
            return Ok(Pushed::Changed);
        }
        notified.await;
        Ok(Pushed::Changed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mqtt(layout: Layout) -> Mqtt {
        let device = DeviceConfig {
            name: "garage".into(),
            protocol: super::super::Protocol::Mqtt,
            host: "127.0.0.1".into(),
            port: Some(1883),
            tls: false,
            insecure: false,
            ca_file: None,
            user: None,
            password: None,
            write_user: None,
            write_password: None,
            auth: Default::default(),
            timeout: Duration::from_secs(1),
            trace: false,
            snmp: Default::default(),
            cycle_delay: None,
            driver: None,
            mqtt: MqttSettings {
                layout,
                topic_root: "root".into(),
                no_wait: false,
            },
        };
        Mqtt::new(&device).unwrap()
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
