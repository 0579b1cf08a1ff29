//! The `Transport` trait every protocol implements, and the resolved description of a
//! device a transport is built from (`connect` picks the transport for a protocol or a
//! driver file).
//!
//! A device is not trusted, whatever the protocol (HTTP, and later SNMP, MQTT, discover
//! replies):
//! - no count, ID or index it sends decides the size of an allocation: collections are what
//!   the answer lists, and a count or ID beyond a sane bound (`MAX_OUTLETS`, far
//!   more outlets than any PDU has) is a malformed answer (exit 5) naming the field and value;
//! - no reference it sends (`$ref` stubs, redirects) is followed without a limit;
//! - bodies are read under a size cap, and its text reaches the terminal only escaped
//!   (`output::escape_controls`).

pub mod dli_coap;
pub mod dli_legacy;
pub mod dli_rest;
pub mod dli_ssh;
pub mod http;
pub mod mqtt;
pub mod netio_json;
pub mod netio_xml;
pub mod snmp;
pub mod ssh_stderr;
pub mod wemo;
pub mod www_authenticate;

use crate::error::{Error, Result};
use crate::path::Path;
use async_trait::async_trait;
use serde_json::Value;
use std::fmt;
use std::path::PathBuf;
use std::time::Duration;

/// The protocols pductl speaks, named as in the profile file and `--protocol`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Protocol {
    /// Digital Loggers REST-style API over HTTP(S).
    DliRest,
    /// Digital Loggers' legacy web interface (units before the REST API; dlipower's).
    DliLegacy,
    /// DLI's `uom` command line over SSH (the system's ssh client).
    DliSsh,
    /// DLI's REST object model over CoAP over WebSockets (RFC 8323).
    DliCoap,
    /// A Belkin WeMo socket over UPnP/SOAP (a plug, an emulator, or one DLI outlet).
    Wemo,
    /// NETIO JSON API (/netio.json) over HTTP(S).
    NetioJson,
    /// NETIO XML API (/netio.xml) over HTTP(S).
    NetioXml,
    /// SNMP v1/v2c/v3 with the ENERGY-OBJECT-MIB (RFC 7460).
    Snmp,
    /// MQTT through a broker: DLI's topics or NETIO's MQTT-flex.
    Mqtt,
}

impl Protocol {
    pub fn name(self) -> &'static str {
        match self {
            Protocol::DliRest => "dli-rest",
            Protocol::DliLegacy => "dli-legacy",
            Protocol::DliSsh => "dli-ssh",
            Protocol::DliCoap => "dli-coap",
            Protocol::Wemo => "wemo",
            Protocol::NetioJson => "netio-json",
            Protocol::NetioXml => "netio-xml",
            Protocol::Snmp => "snmp",
            Protocol::Mqtt => "mqtt",
        }
    }

    /// The vendor's default account name, used when none is given (SNMPv1/v2c have none;
    /// v3 needs one named).
    pub fn default_user(self) -> &'static str {
        match self {
            Protocol::DliRest | Protocol::DliLegacy | Protocol::DliSsh | Protocol::DliCoap => {
                "admin"
            }
            Protocol::Wemo => "",
            Protocol::NetioJson | Protocol::NetioXml => "netio",
            Protocol::Snmp | Protocol::Mqtt => "",
        }
    }

    /// The password used when none is given: NETIO's guide recommends netio/netio for the
    /// JSON API; SNMP's usual read community is "public"; DLI has no password to assume.
    pub fn default_password(self) -> Option<&'static str> {
        match self {
            Protocol::DliRest
            | Protocol::DliLegacy
            | Protocol::DliSsh
            | Protocol::DliCoap
            | Protocol::Wemo => None,
            Protocol::NetioJson | Protocol::NetioXml => Some("netio"),
            Protocol::Snmp => Some("public"),
            Protocol::Mqtt => None,
        }
    }

    pub fn parse(s: &str) -> Option<Protocol> {
        match s {
            "dli-rest" => Some(Protocol::DliRest),
            "dli-legacy" => Some(Protocol::DliLegacy),
            "dli-ssh" => Some(Protocol::DliSsh),
            "dli-coap" => Some(Protocol::DliCoap),
            "wemo" => Some(Protocol::Wemo),
            "netio-json" => Some(Protocol::NetioJson),
            "netio-xml" => Some(Protocol::NetioXml),
            "snmp" => Some(Protocol::Snmp),
            "mqtt" => Some(Protocol::Mqtt),
            _ => None,
        }
    }

    pub fn all_names() -> &'static [&'static str] {
        &[
            "dli-rest",
            "dli-legacy",
            "dli-ssh",
            "dli-coap",
            "wemo",
            "netio-json",
            "netio-xml",
            "snmp",
            "mqtt",
        ]
    }
}

/// HTTP authentication scheme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum AuthScheme {
    /// HTTP Digest (MD5, qop=auth): DLI's default.
    #[default]
    Digest,
    /// HTTP Basic: only where the device allows plaintext logins.
    Basic,
}

impl AuthScheme {
    pub fn name(self) -> &'static str {
        match self {
            AuthScheme::Digest => "digest",
            AuthScheme::Basic => "basic",
        }
    }
}

/// A password that never shows up in Debug output or error messages.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(s: impl Into<String>) -> Secret {
        Secret(s.into())
    }
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(<hidden>)")
    }
}

/// Everything a transport needs to talk to one device, with credentials already resolved.
#[derive(Debug, Clone)]
pub struct DeviceConfig {
    /// The profile name, or the host for an ad-hoc device.
    pub name: String,
    pub protocol: Protocol,
    pub host: String,
    pub port: Option<u16>,
    pub tls: bool,
    pub insecure: bool,
    pub ca_file: Option<PathBuf>,
    pub user: Option<String>,
    pub password: Option<Secret>,
    /// A separate account for writes (NETIO's read-write account), when reads use another.
    pub write_user: Option<String>,
    pub write_password: Option<Secret>,
    pub auth: AuthScheme,
    /// One try of a request.
    pub timeout: Duration,
    /// Whether the profile or `--timeout` set `timeout` (else it is the default, and a
    /// driver file's own step timeout applies where it has one).
    pub timeout_given: bool,
    /// Tries beyond the first for a request that is safe to repeat (`retry`).
    pub retries: u32,
    /// Print one line per request on stderr.
    pub trace: bool,
    /// SNMP's version, v3 protocols and privacy passphrase.
    pub snmp: snmp::SnmpOptions,
    /// MQTT's topic layout and root.
    pub mqtt: mqtt::MqttSettings,
    /// The ssh client's configuration file and key (`dli-ssh`).
    pub ssh: dli_ssh::SshOptions,
    /// Off time of `invoke .../cycle` where the protocol has no cycle of its own.
    pub cycle_delay: Option<Duration>,
    /// How messages name the device, where its name alone says it (the built-in demo
    /// devices, whose loopback port changes every run).
    pub label: Option<String>,
    /// The profile's `outlets`, for a driver whose device cannot list its outlets (Modbus
    /// coils): how many, or their ids in outlet order.
    pub outlets: Option<OutletsSetting>,
}

/// The profile key `outlets`: a count (`outlets = 8`: outlet n is the device's
/// `n + index_base`) or the device's ids of the outlets in pductl's order
/// (`outlets = [0, 1, 4]`). Bounded by `MAX_OUTLETS` when the profile is read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OutletsSetting {
    Count(usize),
    Ids(Vec<String>),
}

impl OutletsSetting {
    /// `--outlets`: a count (`8`) or ids in outlet order (`0,1,4`, `bench_psu,lamp`), bounded
    /// as the profile's key is; `None` for anything else (an empty id, a repeated one).
    pub fn parse(text: &str) -> Option<OutletsSetting> {
        if let Ok(count) = text.trim().parse::<usize>() {
            return (1..=MAX_OUTLETS)
                .contains(&count)
                .then_some(OutletsSetting::Count(count));
        }
        let ids: Vec<String> = text.split(',').map(|id| id.trim().to_string()).collect();
        let distinct = ids
            .iter()
            .enumerate()
            .all(|(k, id)| !id.is_empty() && !ids[..k].contains(id));
        (distinct && ids.len() <= MAX_OUTLETS).then_some(OutletsSetting::Ids(ids))
    }
}

impl DeviceConfig {
    /// A device named by its address, reached over `protocol` with its defaults: no
    /// account, no TLS, the default retries. Callers set what differs with struct update
    /// syntax, so a new setting has its default in one place.
    pub fn at(
        protocol: Protocol,
        host: &str,
        port: Option<u16>,
        timeout: Duration,
    ) -> DeviceConfig {
        DeviceConfig {
            name: host.to_string(),
            protocol,
            host: host.to_string(),
            port,
            tls: false,
            insecure: false,
            ca_file: None,
            user: None,
            password: None,
            write_user: None,
            write_password: None,
            auth: AuthScheme::default(),
            timeout,
            timeout_given: false,
            retries: crate::retry::DEFAULT_RETRIES,
            trace: false,
            snmp: Default::default(),
            mqtt: Default::default(),
            ssh: Default::default(),
            cycle_delay: None,
            label: None,
            outlets: None,
        }
    }

    /// How long this device's requests may take, and how often they are tried.
    pub fn budget(&self) -> crate::retry::Budget {
        crate::retry::Budget {
            timeout: self.timeout,
            retries: self.retries,
        }
    }

    /// How messages name the device reached at `address`: `lab (10.0.0.5:80)`, and an ad-hoc
    /// device by its address alone (`10.0.0.5:80`, not `10.0.0.5:80 (10.0.0.5:80)`).
    pub fn label(&self, address: &str) -> String {
        if let Some(label) = &self.label {
            return label.clone();
        }
        if self.name == self.host || self.name == address {
            address.to_string()
        } else {
            format!("{} ({address})", self.name)
        }
    }

    /// The retry policy its transport runs requests under.
    pub fn retrier(&self) -> crate::retry::Retrier {
        crate::retry::Retrier::new(self.budget(), self.trace)
    }
}

/// Most outlets a device may report: far more than any PDU has, few enough that a hostile
/// count cannot exhaust memory.
pub const MAX_OUTLETS: usize = 1024;

/// Default time allowed for one request, connect included.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(10);

/// The uom verbs a protocol maps onto its own requests. `keys`, `dump` and `subscribe` are
/// built from these in `uom.rs`.
#[async_trait]
pub trait Transport: Send + Sync {
    /// The protocol's name, for messages ("not supported by dli-rest").
    fn protocol(&self) -> &'static str;
    /// The JSON value at `path`; a flat array for a matrix path.
    async fn get(&self, path: &Path) -> Result<Value>;
    /// The value at `path` with nested containers replaced by `{"$ref": ...}` stubs.
    async fn get_shallow(&self, path: &Path) -> Result<Value> {
        self.get(path).await
    }
    /// Overwrites the value at `path`.
    async fn set(&self, path: &Path, value: &Value) -> Result<()>;
    /// Creates an element at `path` (`-` appends), shifting later ones.
    async fn insert(&self, path: &Path, value: &Value) -> Result<()>;
    /// Deletes the element at `path` (`-` is the last one).
    async fn remove(&self, path: &Path) -> Result<()>;
    /// Calls the method at `path`; `None` when it returns nothing.
    async fn invoke(&self, path: &Path, args: &[Value]) -> Result<Option<Value>>;
    /// The type description of `path`.
    async fn describe(&self, path: &Path) -> Result<Value>;
    /// `relay/outlets` and what `meter/values` answered (`status`, metrics): two gets,
    /// unless the device gives both in one exchange (a driver file's list, a powerman
    /// script's status), when one read serves both.
    async fn outlets_and_meters(&self) -> Result<(Value, Result<Value>)> {
        let outlets = self.get(&Path::from_keys(&["relay", "outlets"])).await?;
        let meters = self.get(&Path::from_keys(&["meter", "values"])).await;
        Ok((outlets, meters))
    }
    /// Lets go of the device once a command is done with it: logs out where a driver file
    /// says how, so that a device that keeps one session at a time (or a few) is free for
    /// the next client. Best effort: a logout that fails is traced with `-v`, never an
    /// error, since what the command did has been done.
    async fn close(&self) {}
    /// The device's own power cycle, if it has one (`invoke relay/outlets/N/cycle`).
    fn native_cycle(&self) -> NativeCycle {
        NativeCycle::None
    }
    /// Tries of requests that change something, so far (retries included): the power verbs
    /// report how many tries a switch took.
    fn write_attempts(&self) -> u32 {
        0
    }
    /// The request a `set` would send, for `--dry-run`.
    fn explain_set(&self, path: &Path, value: &Value) -> String {
        format!("{}: set {path} {value}", self.protocol())
    }
    /// Whether the device pushes changes (`wait_push`), so `subscribe` need not poll.
    fn pushes(&self) -> bool {
        false
    }
    /// Waits for the device to push something: a change to look at, or news of the
    /// connection. Only for transports whose `pushes` is true.
    async fn wait_push(&self) -> Result<Pushed> {
        Err(unsupported(self.protocol(), "push", "it is polled"))
    }
    /// The request an `invoke` would send, for `--dry-run`.
    fn explain_invoke(&self, path: &Path, args: &[Value]) -> String {
        format!(
            "{}: invoke {path} {}",
            self.protocol(),
            Value::Array(args.to_vec())
        )
    }
}

/// What a pushing transport has to say.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pushed {
    /// Something arrived: read again and compare.
    Changed,
    /// The connection dropped; it is being re-established (the reason, for the user).
    Lost(String),
    /// Connected again: changes may have been missed, so the whole value is given again.
    Reconnected,
}

/// What `invoke relay/outlets/N/cycle` does on a device.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NativeCycle {
    /// No such call: a cycle is off, wait, on.
    None,
    /// Off for the outlet's configured delay, then on; the call takes no duration (DLI).
    ConfiguredDelay,
    /// Off for the seconds given as the call's argument, then on (NETIO's short off).
    GivenSeconds,
}

/// A device whose protocol is mapped into the object-model tree (NETIO JSON, SNMP, MQTT):
/// how messages name it and its outlets, and what a write can reach.
pub(crate) struct Mapped<'a> {
    pub device: &'a str,
    pub protocol: &'static str,
    /// The valid outlets in the device's own terms, for `count` outlets:
    /// "outputs 1-4 (outlets 0-3)".
    pub range: &'a dyn Fn(usize) -> String,
    /// Why a write elsewhere than an outlet cannot be done.
    pub writes: &'a str,
}

impl Mapped<'_> {
    /// What `get` answers for `path` in `tree`: the value, or an array of them for a
    /// matrix (`all;`, `=1,2`) selection.
    pub fn get(&self, tree: &Value, path: &Path) -> Result<Value> {
        let targets = self.targets(tree, path)?;
        let at = |keys: &Vec<String>| {
            tree.pointer(&crate::path::pointer(keys))
                .cloned()
                .unwrap_or(Value::Null)
        };
        if path.is_matrix() {
            return Ok(Value::Array(targets.iter().map(at).collect()));
        }
        Ok(targets.first().map(at).unwrap_or(Value::Null))
    }

    /// `relay/outlets` and what `meter/values` answers in one tree
    /// (`Transport::outlets_and_meters` from one read).
    pub fn outlets_and_meters(&self, tree: &Value) -> Result<(Value, Result<Value>)> {
        let outlets = self.get(tree, &Path::from_keys(&["relay", "outlets"]))?;
        Ok((
            outlets,
            self.get(tree, &Path::from_keys(&["meter", "values"])),
        ))
    }

    /// Every concrete key path `path` selects in `tree`; a missing outlet is named with the
    /// valid ones.
    pub fn targets(&self, tree: &Value, path: &Path) -> Result<Vec<Vec<String>>> {
        path.expand(tree).map_err(|e| match e {
            crate::path::PathError::Missing(p) => {
                let count = tree["relay"]["outlets"].as_array().map_or(0, Vec::len);
                match p
                    .strip_prefix("/relay/outlets/")
                    .and_then(|r| r.split('/').next())
                {
                    Some(n) if n.parse::<usize>().is_ok() => Error::NotFound(format!(
                        "{} has {}; there is no outlet {n}",
                        self.device,
                        (self.range)(count)
                    )),
                    _ => Error::NotFound(format!("{} has no {p}", self.device)),
                }
            }
            crate::path::PathError::Syntax(m) => Error::usage(m),
        })
    }

    /// The outlets (0-based, without repeats) a write or call at `outlets` selects.
    pub fn outlets(&self, tree: &Value, outlets: &Path) -> Result<Vec<usize>> {
        let mut indices = Vec::new();
        for keys in self.targets(tree, outlets)? {
            let index = match keys.as_slice() {
                [r, o, n] if r == "relay" && o == "outlets" => n.parse::<usize>().ok(),
                _ => None,
            };
            let Some(index) = index else {
                return Err(unsupported(
                    self.protocol,
                    &format!("writing {}", Path::from_keys(&keys)),
                    self.writes,
                ));
            };
            if tree["relay"]["outlets"][index].is_null() {
                return Err(Error::NotFound(format!(
                    "{} has no outlet {index} ({})",
                    self.device,
                    (self.range)(tree["relay"]["outlets"].as_array().map_or(0, Vec::len))
                )));
            }
            if !indices.contains(&index) {
                indices.push(index);
            }
        }
        Ok(indices)
    }
}

/// A write whose filter matched nothing (exit 1): nothing was done, and a script must know.
pub(crate) fn selects_nothing(selection: &Path, device: &str) -> Error {
    Error::Refused(format!(
        "{selection} selects nothing on {device}: no element matches the filter, so nothing \
         was written"
    ))
}

/// "X is not supported by <protocol>: <why>" (exit 8).
pub(crate) fn unsupported(protocol: &str, what: &str, why: &str) -> Error {
    Error::Unsupported(format!("{what} is not supported by {protocol}: {why}"))
}

/// The fields a path reads after the outlet selector (`None`: all of them).
pub(crate) fn outlet_fields(path: &Path) -> Option<Vec<String>> {
    use crate::path::Segment;
    match path.segments.as_slice() {
        [Segment::Key(r), Segment::Key(o), _, Segment::Key(f)]
            if r == "relay" && o == "outlets" =>
        {
            Some(vec![f.clone()])
        }
        [Segment::Key(r), Segment::Key(o), _, Segment::Pick(fs)]
            if r == "relay" && o == "outlets" =>
        {
            Some(fs.clone())
        }
        _ => None,
    }
}
