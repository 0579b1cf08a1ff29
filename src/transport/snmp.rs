//! SNMP (v1, v2c, v3 USM) with the ENERGY-OBJECT-MIB (RFC 7460) that DLI controllers and
//! other PDUs implement (protocols/dli.md section 9), in pure Rust (the `snmp2` crate): no
//! net-snmp binaries and no MIB files at run time.
//!
//! Object model, outlets 0-based (`eoPowerTable` row N+1 is `/relay/outlets/N`):
//!
//! | path | from |
//! |---|---|
//! | `/relay/name` | `sysName.0` |
//! | `/relay/outlets/N/state`, `transient_state` | `eoPowerAdminState.(N+1)` (259 on, 257 off; writable) |
//! | `/relay/outlets/N/physical_state` | `eoPowerOperState.(N+1)` |
//! | `/relay/outlets/N/name` | ENTITY-MIB `entPhysicalName.(N+1)`, where the agent has it |
//! | `/relay/outlets/N/cycle_delay` | the profile's `cycle_delay` |
//! | `/meter/values/bus.I.power` | `eoPower.I` x 10^`eoPowerUnitMultiplier.I` for the buses (I >= 257) |
//! | `/meter/values/outlets.N.energy`, `bus.I.energy` | `eoEnergyConsumed.P.T` x 10^`eoEnergyUnitMultiplier.P.T`, Wh, where `eoEnergyParametersIntervalMode.E.P` is `total(3)` for entity E (N+1, or a bus I >= 257); of the rows of P, the latest collection start T |
//! | `/snmp/OID` | any object: GET, SET (a JSON number is an INTEGER, a string an OCTET STRING, or `{"type", "value"}`), or a walk of a subtree |
//!
//! Energy (RFC 7460 section 9.2): `eoEnergyTable` is indexed by (`eoEnergyParametersIndex`,
//! `eoEnergyCollectionStartTime`), and `eoEnergyParametersTable`, indexed by
//! (`entPhysicalIndex`, `eoEnergyParametersIndex`), says whose collection P is. Only a
//! collection in `total(3)` mode is "a continuous measurement since the last reset", i.e. a
//! cumulative counter; `period(1)` and `sliding(2)` collections hold per-interval amounts
//! that fall back at every interval, so they are not shown as counters. An agent without
//! these tables shows what it showed before, and no error.
//!
//! A GET, a walk step and a SET of a state are safe to repeat: a datagram the agent did not
//! answer is sent again every `timeout / (1 + retries)` (net-snmp's `-t`/`-r` split: a 2 s
//! timeout gives 4 sends in 2 s) until the request's budget of `(1 + retries) x timeout`
//! is spent (`retry`). A SET that is not safe to repeat (a `snmp/OID` SET, a driver's reboot
//! command) is sent once and given the whole timeout: its fate is settled by reading, never
//! by sending it again. Communities and passphrases are never shown.

use super::{unsupported, DeviceConfig, Secret, Transport};
use crate::error::{Error, Result};
use crate::path::{Path, Segment};
use crate::retry::{Repeat, Retrier, Try};
use async_trait::async_trait;
use serde_json::{json, Map, Value};
use snmp2::{v3, AsyncSession, Oid};
use std::time::Duration;
use tokio::sync::Mutex;

const PROTOCOL: &str = "snmp";

/// `eoPowerEntry` (1.3.6.1.2.1.229.1.2.1) and the columns used.
const EO_POWER_ENTRY: [u64; 10] = [1, 3, 6, 1, 2, 1, 229, 1, 2, 1];
const EO_POWER: u64 = 1;
const EO_POWER_UNIT_MULTIPLIER: u64 = 3;
const EO_POWER_ADMIN_STATE: u64 = 8;
const EO_POWER_OPER_STATE: u64 = 9;
/// `eoEnergyParametersEntry` (1.3.6.1.2.1.229.1.4.1), indexed by (entPhysicalIndex,
/// eoEnergyParametersIndex), and its `eoEnergyParametersIntervalMode` column.
const EO_ENERGY_PARAMETERS_ENTRY: [u64; 10] = [1, 3, 6, 1, 2, 1, 229, 1, 4, 1];
const EO_ENERGY_PARAMETERS_INTERVAL_MODE: u64 = 5;
/// `eoEnergyParametersIntervalMode` `total(3)`: one interval since the last reset.
const INTERVAL_MODE_TOTAL: i64 = 3;
/// `eoEnergyEntry` (1.3.6.1.2.1.229.1.5.1), indexed by (eoEnergyParametersIndex,
/// eoEnergyCollectionStartTime), and the columns used.
const EO_ENERGY_ENTRY: [u64; 10] = [1, 3, 6, 1, 2, 1, 229, 1, 5, 1];
const EO_ENERGY_CONSUMED: u64 = 2;
const EO_ENERGY_UNIT_MULTIPLIER: u64 = 5;
/// ENTITY-MIB `entPhysicalName`.
const ENT_PHYSICAL_NAME: [u64; 12] = [1, 3, 6, 1, 2, 1, 47, 1, 1, 1, 1, 7];
/// SNMPv2-MIB `sysName.0`.
const SYS_NAME: [u64; 9] = [1, 3, 6, 1, 2, 1, 1, 5, 0];

/// IANAPowerStateSet: `ieee1621On` and `ieee1621Off`.
const POWER_ON: i64 = 259;
const POWER_OFF: i64 = 257;
/// Rows from this index are buses, not outlets (dli.md 9).
const FIRST_BUS: u64 = 257;

/// Rows read from one walk at most: far more than any PDU's table.
const MAX_WALK_ROWS: usize = 4096;
/// Rows asked for per GETBULK.
const BULK_REPETITIONS: u32 = 32;
/// Varbinds per GET or SET request.
const VARBINDS_PER_REQUEST: usize = 32;
/// Off time of `invoke .../cycle` when the profile gives no `cycle_delay`.
const DEFAULT_CYCLE_DELAY: Duration = Duration::from_secs(5);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Version {
    V1,
    #[default]
    V2c,
    V3,
}

impl Version {
    pub fn parse(s: &str) -> Option<Version> {
        match s {
            "1" => Some(Version::V1),
            "2c" | "2" => Some(Version::V2c),
            "3" => Some(Version::V3),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuthProtocol {
    Md5,
    Sha1,
    Sha224,
    Sha256,
    Sha384,
    Sha512,
}

impl AuthProtocol {
    pub fn parse(s: &str) -> Option<AuthProtocol> {
        Some(match s.to_ascii_lowercase().as_str() {
            "md5" => AuthProtocol::Md5,
            "sha" | "sha1" => AuthProtocol::Sha1,
            "sha224" => AuthProtocol::Sha224,
            "sha256" => AuthProtocol::Sha256,
            "sha384" => AuthProtocol::Sha384,
            "sha512" => AuthProtocol::Sha512,
            _ => return None,
        })
    }

    fn to_snmp2(self) -> v3::AuthProtocol {
        match self {
            AuthProtocol::Md5 => v3::AuthProtocol::Md5,
            AuthProtocol::Sha1 => v3::AuthProtocol::Sha1,
            AuthProtocol::Sha224 => v3::AuthProtocol::Sha224,
            AuthProtocol::Sha256 => v3::AuthProtocol::Sha256,
            AuthProtocol::Sha384 => v3::AuthProtocol::Sha384,
            AuthProtocol::Sha512 => v3::AuthProtocol::Sha512,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PrivProtocol {
    Des,
    Aes128,
    Aes192,
    Aes256,
}

impl PrivProtocol {
    pub fn parse(s: &str) -> Option<PrivProtocol> {
        Some(match s.to_ascii_lowercase().as_str() {
            "des" => PrivProtocol::Des,
            "aes" | "aes128" => PrivProtocol::Aes128,
            "aes192" => PrivProtocol::Aes192,
            "aes256" => PrivProtocol::Aes256,
            _ => return None,
        })
    }

    fn to_snmp2(self) -> v3::Cipher {
        match self {
            PrivProtocol::Des => v3::Cipher::Des,
            PrivProtocol::Aes128 => v3::Cipher::Aes128,
            PrivProtocol::Aes192 => v3::Cipher::Aes192,
            PrivProtocol::Aes256 => v3::Cipher::Aes256,
        }
    }
}

/// The SNMP part of a device's settings.
#[derive(Debug, Clone, Default)]
pub struct SnmpOptions {
    pub version: Version,
    pub auth_protocol: Option<AuthProtocol>,
    pub priv_protocol: Option<PrivProtocol>,
    /// v3 privacy passphrase (default: the authentication passphrase).
    pub priv_password: Option<Secret>,
}

/// The valid outlets in the MIB's terms: "outlets 0-7 (eoPowerTable rows 1-8)".
fn row_range(count: usize) -> String {
    format!(
        "outlets 0-{} (eoPowerTable rows 1-{count})",
        count.saturating_sub(1)
    )
}

/// A value as the agent sent it, owned.
#[derive(Debug, Clone, PartialEq)]
enum Answer {
    Integer(i64),
    Octets(Vec<u8>),
    Oid(String),
    Ip([u8; 4]),
    Unsigned(u64),
    Null,
    NoSuchObject,
    NoSuchInstance,
    EndOfMibView,
    Other(String),
}

impl Answer {
    fn from_snmp2(v: &snmp2::Value) -> Answer {
        use snmp2::Value as V;
        match v {
            V::Integer(n) => Answer::Integer(*n),
            V::OctetString(s) => Answer::Octets(s.to_vec()),
            V::ObjectIdentifier(o) => Answer::Oid(o.to_id_string()),
            V::IpAddress(ip) => Answer::Ip(*ip),
            V::Counter32(n) | V::Unsigned32(n) | V::Timeticks(n) => Answer::Unsigned(u64::from(*n)),
            V::Counter64(n) => Answer::Unsigned(*n),
            V::Null => Answer::Null,
            V::NoSuchObject => Answer::NoSuchObject,
            V::NoSuchInstance => Answer::NoSuchInstance,
            V::EndOfMibView => Answer::EndOfMibView,
            other => Answer::Other(format!("{other:?}")),
        }
    }

    fn missing(&self) -> bool {
        matches!(
            self,
            Answer::NoSuchObject | Answer::NoSuchInstance | Answer::EndOfMibView
        )
    }

    fn to_json(&self) -> Value {
        match self {
            Answer::Integer(n) => json!(n),
            Answer::Unsigned(n) => json!(n),
            Answer::Octets(bytes) => match std::str::from_utf8(bytes) {
                Ok(text) => json!(text),
                Err(_) => {
                    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
                    json!({"type": "octet-string", "hex": hex})
                }
            },
            Answer::Oid(o) => json!(o),
            Answer::Ip(ip) => json!(format!("{}.{}.{}.{}", ip[0], ip[1], ip[2], ip[3])),
            Answer::Null => Value::Null,
            Answer::NoSuchObject | Answer::NoSuchInstance | Answer::EndOfMibView => Value::Null,
            Answer::Other(text) => json!(text),
        }
    }
}

type Row = (Vec<u64>, Answer);

/// What an operation asks of the agent.
enum Op<'a> {
    Get(&'a [Vec<u64>]),
    Bulk(&'a [u64]),
    Next(&'a [u64]),
    Set(&'a [(Vec<u64>, SetValue)]),
}

impl Op<'_> {
    /// `GET 1.3.6...`, for `-v` traces.
    fn name(&self) -> String {
        match self {
            Op::Get(oids) => format!(
                "GET {}",
                oids.first().map_or(String::new(), |o| oid_text(o))
            ),
            Op::Bulk(oid) => format!("GETBULK {}", oid_text(oid)),
            Op::Next(oid) => format!("GETNEXT {}", oid_text(oid)),
            Op::Set(values) => format!(
                "SET {}",
                values.first().map_or(String::new(), |(o, _)| oid_text(o))
            ),
        }
    }
}

/// A value to SET.
#[derive(Debug, Clone, PartialEq)]
enum SetValue {
    Integer(i64),
    Octets(Vec<u8>),
    Oid(Vec<u64>),
    Ip([u8; 4]),
    Unsigned32(u32),
    Timeticks(u32),
}

pub struct Snmp {
    label: String,
    address: String,
    options: SnmpOptions,
    user: String,
    read_secret: Secret,
    write_secret: Secret,
    trace: bool,
    retrier: Retrier,
    cycle_delay: Option<Duration>,
    read: Mutex<Option<AsyncSession>>,
    write: Mutex<Option<AsyncSession>>,
}

pub(crate) fn oid_text(oid: &[u64]) -> String {
    oid.iter()
        .map(|n| n.to_string())
        .collect::<Vec<_>>()
        .join(".")
}

pub(crate) fn parse_oid(text: &str) -> Option<Vec<u64>> {
    let oid: Option<Vec<u64>> = text
        .trim()
        .trim_start_matches('.')
        .split('.')
        .map(|p| p.parse().ok())
        .collect();
    oid.filter(|o| o.len() >= 2 && o.len() <= 128)
}

fn column(col: u64) -> Vec<u64> {
    let mut oid = EO_POWER_ENTRY.to_vec();
    oid.push(col);
    oid
}

fn row_oid(col: u64, index: u64) -> Vec<u64> {
    let mut oid = column(col);
    oid.push(index);
    oid
}

impl Snmp {
    pub fn new(device: &DeviceConfig) -> Result<Snmp> {
        let port = device.port.unwrap_or(161);
        let host = if device.host.contains(':') {
            format!("[{}]", device.host)
        } else {
            device.host.clone()
        };
        let address = format!("{host}:{port}");
        let label = device.label(&address);
        let options = device.snmp.clone();
        let user = device.user.clone().unwrap_or_default();
        let read_secret = device
            .password
            .clone()
            .unwrap_or_else(|| Secret::new("public"));
        let write_secret = device
            .write_password
            .clone()
            .unwrap_or_else(|| read_secret.clone());
        if options.version == Version::V3 {
            if user.is_empty() {
                return Err(Error::usage(format!(
                    "device {}: SNMPv3 needs a user (user = \"...\")",
                    device.name
                )));
            }
            if options.priv_protocol.is_some() && options.auth_protocol.is_none() {
                return Err(Error::usage(format!(
                    "device {}: privacy (priv_protocol) needs authentication (auth_protocol): \
                     SNMPv3 has no noAuthPriv level",
                    device.name
                )));
            }
        }
        Ok(Snmp {
            label,
            address,
            options,
            user,
            read_secret,
            write_secret,
            trace: device.trace,
            retrier: device.retrier(),
            cycle_delay: device.cycle_delay,
            read: Mutex::new(None),
            write: Mutex::new(None),
        })
    }

    async fn open(&self, writing: bool, allowed: Duration) -> Result<AsyncSession> {
        let secret = if writing {
            &self.write_secret
        } else {
            &self.read_secret
        };
        let unreachable = |e: std::io::Error| {
            Error::Unreachable(format!("cannot reach {} over SNMP: {e}", self.label))
        };
        let mut session = match self.options.version {
            Version::V1 => AsyncSession::new_v1(&self.address, secret.expose().as_bytes(), 1)
                .await
                .map_err(unreachable)?,
            Version::V2c => AsyncSession::new_v2c(&self.address, secret.expose().as_bytes(), 1)
                .await
                .map_err(unreachable)?,
            Version::V3 => {
                let auth = match (self.options.auth_protocol, self.options.priv_protocol) {
                    (None, _) => v3::Auth::NoAuthNoPriv,
                    (Some(_), None) => v3::Auth::AuthNoPriv,
                    (Some(_), Some(cipher)) => v3::Auth::AuthPriv {
                        cipher: cipher.to_snmp2(),
                        privacy_password: self
                            .options
                            .priv_password
                            .as_ref()
                            .unwrap_or(&self.read_secret)
                            .expose()
                            .as_bytes()
                            .to_vec(),
                    },
                };
                let security =
                    v3::Security::new(self.user.as_bytes(), self.read_secret.expose().as_bytes())
                        .with_auth(auth)
                        .with_auth_protocol(
                            self.options
                                .auth_protocol
                                .unwrap_or(AuthProtocol::Md5)
                                .to_snmp2(),
                        )
                        // net-snmp's way of making keys long enough for AES-192/256.
                        .with_key_extension_method(v3::KeyExtension::Blumenthal);
                let mut session = AsyncSession::new_v3(&self.address, 1, security)
                    .await
                    .map_err(unreachable)?;
                // Engine discovery (RFC 3414 4): one round trip, under the same timeout.
                match tokio::time::timeout(allowed, session.init()).await {
                    Err(_) => return Err(self.silent()),
                    Ok(Err(e)) => return Err(self.classify(e, "SNMPv3 engine discovery")),
                    Ok(Ok(())) => {}
                }
                session
            }
        };
        let _ = &mut session;
        Ok(session)
    }

    /// The error for an agent that did not answer: agents stay silent to a wrong community.
    /// The error for an agent that did not answer one send (the retry policy adds how many
    /// sends it had, and over how long).
    fn silent(&self) -> Error {
        let hint = match self.options.version {
            Version::V3 => "is the address right, and the agent running?",
            _ => "agents do not answer a wrong community: check it, and the address and port",
        };
        Error::Timeout(format!("{} did not answer SNMP; {hint}", self.label))
    }

    fn classify(&self, e: snmp2::Error, doing: &str) -> Error {
        use snmp2::Error as E;
        match e {
            E::AuthFailure(kind) => {
                // The agent's report names the cause (usmStatsUnknownUserNames,
                // usmStatsWrongDigests, ...), but the SNMP library reads it only as "not
                // authenticated".
                let why = match kind {
                    v3::AuthErrorKind::UnsupportedUSM => "unsupported security level".to_string(),
                    v3::AuthErrorKind::SignatureMismatch
                    | v3::AuthErrorKind::NotAuthenticated
                    | v3::AuthErrorKind::UsernameMismatch => {
                        "unknown user, or wrong passphrase or auth_protocol".to_string()
                    }
                    other => other.to_string(),
                };
                Error::Auth(format!(
                    "{} refused {doing} for SNMPv3 user '{}': {why}",
                    self.label, self.user
                ))
            }
            E::Send | E::Receive => {
                Error::Unreachable(format!("cannot reach {} over SNMP ({e})", self.label))
            }
            E::CommunityMismatch | E::RequestIdMismatch => Error::BadResponse(format!(
                "{} sent an SNMP answer to another request ({e})",
                self.label
            )),
            other => Error::BadResponse(format!(
                "{} sent a malformed SNMP answer to {doing} ({other})",
                self.label
            )),
        }
    }

    /// Runs `op` under the retry policy: `repeat` says whether a datagram the agent did not
    /// answer may be sent again. Each send uses a fresh socket after a silent one, so that a
    /// late answer cannot be taken for the next request's.
    async fn exchange(&self, op: &Op<'_>, repeat: Repeat) -> Result<Vec<Row>> {
        let budget = self.retrier.budget;
        let interval = budget.timeout / (budget.retries + 1);
        let what = format!("snmp {}", op.name());
        self.retrier
            .run_spaced(repeat, &what, interval, |attempt| self.send(op, attempt))
            .await
    }

    /// One send of `op`, waiting `attempt.allowed` for the answer.
    async fn send(&self, op: &Op<'_>, attempt: Try) -> Result<Vec<Row>> {
        let writing = matches!(op, Op::Set(_));
        let slot = if writing { &self.write } else { &self.read };
        let mut session = slot.lock().await;
        if session.is_none() {
            *session = Some(self.open(writing, attempt.allowed).await?);
        }
        let Some(s) = session.as_mut() else {
            return Err(self.silent());
        };
        match tokio::time::timeout(attempt.allowed, Self::once(s, op)).await {
            Ok(Ok(rows)) => Ok(rows),
            // The agent's clock moved on (v3) and it refused the request unread: the
            // session has updated itself, and sending again is safe whatever it was.
            Ok(Err(SnmpFailure::Protocol(snmp2::Error::AuthUpdated))) => {
                Err(Error::Unreachable(format!(
                    "{} asked to resynchronise SNMPv3 time (notInTimeWindow)",
                    self.label
                )))
            }
            Ok(Err(SnmpFailure::Protocol(e))) => {
                *session = None;
                Err(self.classify(e, "the request"))
            }
            Ok(Err(SnmpFailure::Status(status, index))) => {
                Err(self.status_error(status, index, op))
            }
            // No answer: a late one could confuse the next request, so a new socket.
            Err(_) => {
                *session = None;
                Err(self.silent())
            }
        }
    }

    async fn once(s: &mut AsyncSession, op: &Op<'_>) -> Result<Vec<Row>, SnmpFailure> {
        let to_oid =
            |o: &[u64]| Oid::from(o).map_err(|_| SnmpFailure::Protocol(snmp2::Error::AsnParse));
        let pdu = match op {
            Op::Get(oids) => {
                let owned: Vec<Oid> = oids.iter().map(|o| to_oid(o)).collect::<Result<_, _>>()?;
                let refs: Vec<&Oid> = owned.iter().collect();
                s.get_many(&refs).await
            }
            Op::Bulk(oid) => {
                let oid = to_oid(oid)?;
                s.getbulk(&[&oid], 0, BULK_REPETITIONS).await
            }
            Op::Next(oid) => {
                let oid = to_oid(oid)?;
                s.getnext(&oid).await
            }
            Op::Set(values) => {
                let owned: Vec<(Oid, &SetValue)> = values
                    .iter()
                    .map(|(o, v)| Ok((to_oid(o)?, v)))
                    .collect::<Result<_, SnmpFailure>>()?;
                let oids: Vec<Oid> = values
                    .iter()
                    .filter_map(|(_, v)| match v {
                        SetValue::Oid(o) => Oid::from(o).ok(),
                        _ => None,
                    })
                    .collect();
                let mut oid_values = oids.iter();
                let varbinds: Vec<(&Oid, snmp2::Value)> = owned
                    .iter()
                    .map(|(oid, v)| {
                        let value = match v {
                            SetValue::Integer(n) => snmp2::Value::Integer(*n),
                            SetValue::Octets(b) => snmp2::Value::OctetString(b),
                            SetValue::Oid(_) => match oid_values.next() {
                                Some(o) => snmp2::Value::ObjectIdentifier(o.clone()),
                                None => snmp2::Value::Null,
                            },
                            SetValue::Ip(ip) => snmp2::Value::IpAddress(*ip),
                            SetValue::Unsigned32(n) => snmp2::Value::Unsigned32(*n),
                            SetValue::Timeticks(n) => snmp2::Value::Timeticks(*n),
                        };
                        (oid, value)
                    })
                    .collect();
                s.set(&varbinds).await
            }
        }
        .map_err(SnmpFailure::Protocol)?;
        if pdu.error_status != 0 {
            return Err(SnmpFailure::Status(pdu.error_status, pdu.error_index));
        }
        let mut rows = Vec::new();
        for (oid, value) in pdu.varbinds {
            let parts: Vec<u64> = oid.iter().map(|i| i.collect()).unwrap_or_default();
            rows.push((parts, Answer::from_snmp2(&value)));
        }
        Ok(rows)
    }

    /// An SNMP error-status, with the OID it concerns.
    fn status_error(&self, status: u32, index: u32, op: &Op<'_>) -> Error {
        let oid = match op {
            Op::Get(oids) => oids
                .get(index.saturating_sub(1) as usize)
                .map(|o| oid_text(o)),
            Op::Set(values) => values
                .get(index.saturating_sub(1) as usize)
                .map(|(o, _)| oid_text(o)),
            Op::Bulk(o) | Op::Next(o) => Some(oid_text(o)),
        }
        .unwrap_or_default();
        let name = match status {
            1 => "tooBig",
            2 => "noSuchName",
            3 => "badValue",
            4 => "readOnly",
            5 => "genErr",
            6 => "noAccess",
            7 => "wrongType",
            8 => "wrongLength",
            9 => "wrongEncoding",
            10 => "wrongValue",
            11 => "noCreation",
            12 => "inconsistentValue",
            13 => "resourceUnavailable",
            14 => "commitFailed",
            15 => "undoFailed",
            16 => "authorizationError",
            17 => "notWritable",
            18 => "inconsistentName",
            _ => "error",
        };
        let message = format!("{} answered {name} ({status}) for {oid}", self.label);
        let hint = match self.options.version {
            Version::V3 => {
                "is the user allowed this, at this security level (auth_protocol, priv_protocol)?"
            }
            _ => "is this the write community (write_password_*)?",
        };
        match status {
            2 => Error::NotFound(message),
            4 | 6 | 16 => Error::Permission(format!("{message}: {hint}")),
            _ => Error::Refused(message),
        }
    }

    fn trace(&self, what: &str, rows: &[Row]) {
        if self.trace {
            eprintln!("pductl: snmp {what} -> {} varbinds", rows.len());
        }
    }

    /// GETs the objects, in requests of at most `VARBINDS_PER_REQUEST`.
    async fn get_many(&self, oids: &[Vec<u64>]) -> Result<Vec<Row>> {
        let mut out = Vec::new();
        for chunk in oids.chunks(VARBINDS_PER_REQUEST) {
            let rows = self.exchange(&Op::Get(chunk), Repeat::Read).await?;
            self.trace(&format!("GET {}", oid_text(&chunk[0])), &rows);
            if rows.len() != chunk.len() {
                return Err(Error::BadResponse(format!(
                    "{} answered {} values to a GET of {}",
                    self.label,
                    rows.len(),
                    chunk.len()
                )));
            }
            out.extend(rows);
        }
        Ok(out)
    }

    /// Every object under `prefix`, in order (GETBULK; GETNEXT for v1). Bounded, and an
    /// agent whose OIDs do not increase is a malformed answer rather than an endless loop.
    async fn walk(&self, prefix: &[u64]) -> Result<Vec<Row>> {
        let mut out: Vec<Row> = Vec::new();
        let mut cursor = prefix.to_vec();
        loop {
            let rows = match self.options.version {
                Version::V1 => match self.exchange(&Op::Next(&cursor), Repeat::Read).await {
                    Err(Error::NotFound(_)) => Vec::new(), // v1's end of the MIB
                    other => other?,
                },
                _ => self.exchange(&Op::Bulk(&cursor), Repeat::Read).await?,
            };
            self.trace(&format!("walk {}", oid_text(&cursor)), &rows);
            let mut went_on = false;
            for (oid, value) in rows {
                if !oid.starts_with(prefix) || value == Answer::EndOfMibView {
                    return Ok(out);
                }
                if oid <= cursor {
                    return Err(Error::BadResponse(format!(
                        "{} walked backwards at {} (an agent's OIDs must increase)",
                        self.label,
                        oid_text(&oid)
                    )));
                }
                cursor = oid.clone();
                out.push((oid, value));
                went_on = true;
                if out.len() > MAX_WALK_ROWS {
                    return Err(Error::BadResponse(format!(
                        "{} has more than {MAX_WALK_ROWS} objects under {}",
                        self.label,
                        oid_text(prefix)
                    )));
                }
            }
            if !went_on {
                return Ok(out);
            }
        }
    }

    /// `name (host:port)`, for messages.
    pub(crate) fn label(&self) -> &str {
        &self.label
    }

    /// Tries of SETs so far.
    pub(crate) fn write_attempts(&self) -> u32 {
        self.retrier.writes()
    }

    /// Every object under `column` as (row index, value as JSON), in bulk walks; objects
    /// the agent says do not exist are left out.
    pub(crate) async fn walk_column(&self, column: &[u64]) -> Result<Vec<(Vec<u64>, Value)>> {
        Ok(self
            .walk(column)
            .await?
            .into_iter()
            .filter(|(_, v)| !v.missing())
            .map(|(oid, v)| (oid[column.len()..].to_vec(), v.to_json()))
            .collect())
    }

    /// GETs objects (as many per request as the agent takes), each as JSON; `None` where the
    /// agent says the object does not exist.
    pub(crate) async fn get_json(&self, oids: &[Vec<u64>]) -> Result<Vec<Option<Value>>> {
        Ok(self
            .get_many(oids)
            .await?
            .into_iter()
            .map(|(_, v)| (!v.missing()).then(|| v.to_json()))
            .collect())
    }

    /// SETs one object: a JSON number is an INTEGER, a string an OCTET STRING; `repeat` says
    /// whether a SET the agent did not answer may be sent again.
    pub(crate) async fn set_json(
        &self,
        oid: Vec<u64>,
        value: &Value,
        repeat: Repeat,
    ) -> Result<()> {
        let set = [(oid, set_value(value)?)];
        let rows = self.exchange(&Op::Set(&set), repeat).await?;
        self.trace(&format!("SET {}", oid_text(&set[0].0)), &rows);
        Ok(())
    }

    /// A column's rows by index, each checked to be an INTEGER.
    async fn integer_column(&self, col: u64) -> Result<Vec<(u64, i64)>> {
        let prefix = column(col);
        let mut out = Vec::new();
        for (oid, value) in self.walk(&prefix).await? {
            let [index] = oid[prefix.len()..] else {
                continue;
            };
            match value {
                Answer::Integer(n) => out.push((index, n)),
                other => {
                    return Err(Error::BadResponse(format!(
                        "{} answered {} with {other:?}, not an INTEGER",
                        self.label,
                        oid_text(&oid)
                    )))
                }
            }
        }
        Ok(out)
    }

    /// The object-model tree, reading only the columns `fields` needs (`None`: all).
    async fn tree(&self, fields: Option<&[String]>) -> Result<Value> {
        let wants = |f: &str| fields.is_none_or(|fs| fs.iter().any(|x| x == f));
        let admin = if wants("state") || wants("transient_state") {
            Some(self.integer_column(EO_POWER_ADMIN_STATE).await?)
        } else {
            None
        };
        let oper = if wants("physical_state") || admin.is_none() {
            Some(self.integer_column(EO_POWER_OPER_STATE).await?)
        } else {
            None
        };
        let names: Vec<(u64, String)> = if wants("name") {
            match self.walk(&ENT_PHYSICAL_NAME).await {
                Ok(rows) => rows
                    .into_iter()
                    .filter_map(|(oid, v)| match (&oid[ENT_PHYSICAL_NAME.len()..], v) {
                        ([i], Answer::Octets(b)) => {
                            Some((*i, String::from_utf8_lossy(&b).into_owned()))
                        }
                        _ => None,
                    })
                    .collect(),
                Err(Error::NotFound(_)) => Vec::new(),
                Err(e) => return Err(e),
            }
        } else {
            Vec::new()
        };
        let indices: Vec<u64> = admin
            .iter()
            .chain(oper.iter())
            .flatten()
            .map(|(i, _)| *i)
            .filter(|i| (1..FIRST_BUS).contains(i))
            .collect();
        let count = indices.iter().copied().max().unwrap_or(0) as usize;
        let state_of = |table: &Option<Vec<(u64, i64)>>, index: u64| {
            table.as_ref().and_then(|t| {
                t.iter().find(|(i, _)| *i == index).map(|(_, v)| match *v {
                    POWER_ON => json!(true),
                    POWER_OFF => json!(false),
                    _ => Value::Null,
                })
            })
        };
        let mut outlets = vec![Value::Null; count];
        for index in indices {
            let mut o = Map::new();
            if wants("name") {
                let name = names
                    .iter()
                    .find(|(i, _)| *i == index)
                    .map_or_else(|| format!("Outlet {index}"), |(_, n)| n.clone());
                o.insert("name".into(), json!(name));
            }
            if let Some(s) = state_of(&admin, index) {
                o.insert("state".into(), s.clone());
                o.insert("transient_state".into(), s);
            }
            if let Some(s) = state_of(&oper, index) {
                o.insert("physical_state".into(), s);
            }
            if wants("cycle_delay") {
                let delay = self.cycle_delay.map(|d| d.as_secs_f64());
                o.insert("cycle_delay".into(), json!(delay));
            }
            outlets[index as usize - 1] = Value::Object(o);
        }
        let mut tree = json!({"relay": {"outlets": outlets}});
        if fields.is_none() {
            let name = self
                .get_many(&[SYS_NAME.to_vec()])
                .await
                .ok()
                .and_then(|rows| {
                    rows.first()
                        .filter(|(_, v)| !v.missing())
                        .map(|(_, v)| v.to_json())
                });
            tree["relay"]["name"] = name.unwrap_or(Value::Null);
            tree["meter"] = json!({"values": self.meter_values().await?});
        }
        Ok(tree)
    }

    /// Every object of one column of `entry`, as (index after the column, value); an agent
    /// without the column has none (v1 says so with noSuchName).
    async fn entry_column(&self, entry: &[u64], col: u64) -> Result<Vec<(Vec<u64>, Answer)>> {
        let mut prefix = entry.to_vec();
        prefix.push(col);
        match self.walk(&prefix).await {
            Ok(rows) => Ok(rows
                .into_iter()
                .filter(|(_, v)| !v.missing())
                .map(|(oid, v)| (oid[prefix.len()..].to_vec(), v))
                .collect()),
            Err(Error::NotFound(_)) => Ok(Vec::new()),
            Err(e) => Err(e),
        }
    }

    /// The agent's cumulative energy counters as (entPhysicalIndex, Wh): `eoEnergyConsumed`
    /// of each entity's `total(3)` collection, scaled by `eoEnergyUnitMultiplier`. Walks
    /// the energy table only when some entity has such a collection, so an agent without
    /// one costs a single walk; every walk is bounded by `MAX_WALK_ROWS`.
    async fn energy_counters(&self) -> Result<Vec<(u64, f64)>> {
        let not_integer = |index: &[u64], col: u64, v: &Answer| {
            let mut oid = EO_ENERGY_ENTRY.to_vec();
            oid.push(col);
            oid.extend(index);
            Error::BadResponse(format!(
                "{} answered {} with {v:?}, not an INTEGER",
                self.label,
                oid_text(&oid)
            ))
        };
        let mut totals: Vec<(u64, u64)> = Vec::new();
        for (index, v) in self
            .entry_column(
                &EO_ENERGY_PARAMETERS_ENTRY,
                EO_ENERGY_PARAMETERS_INTERVAL_MODE,
            )
            .await?
        {
            // Index: entPhysicalIndex, eoEnergyParametersIndex.
            let [entity, collection] = index[..] else {
                continue;
            };
            // An entity with several total collections counts once: its first.
            if v == Answer::Integer(INTERVAL_MODE_TOTAL)
                && !totals.iter().any(|(e, _)| *e == entity)
            {
                totals.push((entity, collection));
            }
        }
        if totals.is_empty() {
            return Ok(Vec::new());
        }
        let mut consumed: Vec<(u64, u64, u64)> = Vec::new();
        for (index, v) in self
            .entry_column(&EO_ENERGY_ENTRY, EO_ENERGY_CONSUMED)
            .await?
        {
            // Index: eoEnergyParametersIndex, eoEnergyCollectionStartTime.
            let [collection, start] = index[..] else {
                continue;
            };
            // Unsigned32 by the MIB; an agent that types it INTEGER is taken at its word
            // while the number is one a counter can hold.
            let wh = match v {
                Answer::Unsigned(n) => n,
                Answer::Integer(n) if n >= 0 => n as u64,
                other => {
                    return Err(not_integer(&index, EO_ENERGY_CONSUMED, &other));
                }
            };
            consumed.push((collection, start, wh));
        }
        let mut multipliers: Vec<(u64, u64, i64)> = Vec::new();
        for (index, v) in self
            .entry_column(&EO_ENERGY_ENTRY, EO_ENERGY_UNIT_MULTIPLIER)
            .await?
        {
            let [collection, start] = index[..] else {
                continue;
            };
            match v {
                Answer::Integer(m) => multipliers.push((collection, start, m)),
                other => return Err(not_integer(&index, EO_ENERGY_UNIT_MULTIPLIER, &other)),
            }
        }
        Ok(counters(&totals, &consumed, &multipliers))
    }

    /// Bus power (`eoPower` scaled by `eoPowerUnitMultiplier`) and the energy counters.
    async fn meter_values(&self) -> Result<Value> {
        let power = match self.integer_column(EO_POWER).await {
            Ok(rows) => rows,
            Err(Error::NotFound(_)) => Vec::new(),
            Err(e) => return Err(e),
        };
        let multipliers = match self.integer_column(EO_POWER_UNIT_MULTIPLIER).await {
            Ok(rows) => rows,
            Err(Error::NotFound(_)) => Vec::new(),
            Err(e) => return Err(e),
        };
        let mut values = Map::new();
        for (index, watts) in power.into_iter().filter(|(i, _)| *i >= FIRST_BUS) {
            let exponent = multipliers
                .iter()
                .find(|(i, _)| *i == index)
                .map_or(0, |(_, m)| (*m).clamp(-24, 24));
            values.insert(
                format!("bus.{index}.power"),
                json!({
                    "name": format!("Bus {index} power"),
                    "value": watts as f64 * 10f64.powi(exponent as i32),
                    "quantity": "power",
                    "unit": "W",
                }),
            );
        }
        for (entity, wh) in self.energy_counters().await? {
            let (key, name) = if entity >= FIRST_BUS {
                (
                    format!("bus.{entity}.energy"),
                    format!("Bus {entity} energy"),
                )
            } else {
                (
                    format!("outlets.{}.energy", entity - 1),
                    format!("Outlet {entity} energy"),
                )
            };
            // Named as netio_json.rs and the drivers name a counter: energy/sample.rs keys
            // on the last part `energy`, quantity `energy` and unit `Wh`.
            values.insert(
                key,
                json!({"name": name, "value": wh, "quantity": "energy", "unit": "Wh"}),
            );
        }
        Ok(Value::Object(values))
    }

    /// How messages name the agent's outlets, and what a write can reach.
    fn mapped<'a>(&'a self, range: &'a dyn Fn(usize) -> String) -> super::Mapped<'a> {
        super::Mapped {
            device: &self.label,
            protocol: PROTOCOL,
            range,
            writes: "SNMP switches outlets (eoPowerAdminState); use snmp/OID for anything else",
        }
    }

    /// The outlet indices (0-based) a path to outlets selects.
    async fn selected_outlets(&self, outlets: &Path) -> Result<Vec<usize>> {
        let tree = self.tree(Some(&["state".to_string()])).await?;
        self.mapped(&row_range).outlets(&tree, outlets)
    }

    async fn switch(&self, outlets: &[usize], on: bool) -> Result<()> {
        let value = if on { POWER_ON } else { POWER_OFF };
        let sets: Vec<(Vec<u64>, SetValue)> = outlets
            .iter()
            .map(|i| {
                (
                    row_oid(EO_POWER_ADMIN_STATE, *i as u64 + 1),
                    SetValue::Integer(value),
                )
            })
            .collect();
        for chunk in sets.chunks(VARBINDS_PER_REQUEST) {
            // An absolute state: a lost answer is asked again.
            let rows = self.exchange(&Op::Set(chunk), Repeat::Write).await?;
            self.trace(&format!("SET {}", oid_text(&chunk[0].0)), &rows);
        }
        Ok(())
    }

    /// `snmp/OID`: the value, or for a subtree every object under it by OID suffix.
    async fn raw_get(&self, oid: &[u64]) -> Result<Value> {
        let rows = self.get_many(&[oid.to_vec()]).await?;
        if let Some((_, value)) = rows.first().filter(|(_, v)| !v.missing()) {
            return Ok(value.to_json());
        }
        let walked = self.walk(oid).await?;
        if walked.is_empty() {
            return Err(Error::NotFound(format!(
                "{} has no object {} (noSuchObject)",
                self.label,
                oid_text(oid)
            )));
        }
        let mut object = Map::new();
        for (o, v) in walked {
            object.insert(oid_text(&o[oid.len()..]), v.to_json());
        }
        Ok(Value::Object(object))
    }
}

enum SnmpFailure {
    Protocol(snmp2::Error),
    /// error-status and error-index of a Response.
    Status(u32, u32),
}

/// `snmp/OID` (one segment, dots inside): the OID.
/// Each entity's counter in Wh from its `total(3)` collection (`totals`: entity,
/// collection) and the energy table's rows (collection, start time, value): the row with
/// the latest start time, as a collection restarted after a reset is the one counting now.
/// Entity 0 is no entity; an entity without a row has no counter.
fn counters(
    totals: &[(u64, u64)],
    consumed: &[(u64, u64, u64)],
    multipliers: &[(u64, u64, i64)],
) -> Vec<(u64, f64)> {
    let mut out = Vec::new();
    for &(entity, collection) in totals.iter().filter(|(e, _)| *e > 0) {
        let Some(&(_, start, raw)) = consumed
            .iter()
            .filter(|(c, _, _)| *c == collection)
            .max_by_key(|(_, start, _)| *start)
        else {
            continue;
        };
        let exponent = multipliers
            .iter()
            .find(|(c, s, _)| *c == collection && *s == start)
            .map_or(0, |(_, _, m)| (*m).clamp(-24, 24)) as i32;
        // Dividing for a negative exponent keeps 1234 x 10^-3 at 1.234, not 1.2340000000000002.
        let wh = if exponent < 0 {
            raw as f64 / 10f64.powi(-exponent)
        } else {
            raw as f64 * 10f64.powi(exponent)
        };
        out.push((entity, wh));
    }
    out.sort_by_key(|(entity, _)| *entity);
    out
}

fn raw_oid(path: &Path) -> Option<Result<Vec<u64>>> {
    match path.segments.as_slice() {
        [Segment::Key(s)] if s == "snmp" => Some(Err(Error::usage(
            "snmp/ needs an OID: snmp/1.3.6.1.2.1.1.5.0",
        ))),
        [Segment::Key(s), Segment::Key(oid)] if s == "snmp" => {
            Some(parse_oid(oid).ok_or_else(|| {
                Error::usage(format!("'{oid}' is not an OID like 1.3.6.1.2.1.1.5.0"))
            }))
        }
        [Segment::Key(s), ..] if s == "snmp" => Some(Err(Error::usage(
            "snmp/OID takes one OID, dots between its numbers: snmp/1.3.6.1.2.1.1.5.0",
        ))),
        _ => None,
    }
}

/// A JSON value for SET: a number is an INTEGER, a string an OCTET STRING, or
/// `{"type": "integer|string|oid|ipaddress|unsigned|gauge|timeticks", "value": ...}`.
fn set_value(v: &Value) -> Result<SetValue> {
    let bad = || {
        Error::usage(format!(
            "an SNMP value is a number (INTEGER), a string (OCTET STRING) or \
             {{\"type\": \"integer|string|oid|ipaddress|unsigned|timeticks\", \"value\": ...}}, not {v}"
        ))
    };
    match v {
        Value::Number(n) => n.as_i64().map(SetValue::Integer).ok_or_else(bad),
        Value::String(s) => Ok(SetValue::Octets(s.as_bytes().to_vec())),
        Value::Object(o) => {
            let kind = o.get("type").and_then(Value::as_str).ok_or_else(bad)?;
            let value = o.get("value").ok_or_else(bad)?;
            let unsigned = || {
                value
                    .as_u64()
                    .and_then(|n| u32::try_from(n).ok())
                    .ok_or_else(bad)
            };
            match kind.to_ascii_lowercase().as_str() {
                "integer" | "i" => value.as_i64().map(SetValue::Integer).ok_or_else(bad),
                "string" | "octet-string" | "s" => value
                    .as_str()
                    .map(|s| SetValue::Octets(s.as_bytes().to_vec()))
                    .ok_or_else(bad),
                "oid" | "o" => value
                    .as_str()
                    .and_then(parse_oid)
                    .map(SetValue::Oid)
                    .ok_or_else(bad),
                "ipaddress" | "a" => value
                    .as_str()
                    .and_then(|s| s.parse::<std::net::Ipv4Addr>().ok())
                    .map(|ip| SetValue::Ip(ip.octets()))
                    .ok_or_else(bad),
                "unsigned" | "gauge" | "u" => unsigned().map(SetValue::Unsigned32),
                "timeticks" | "t" => unsigned().map(SetValue::Timeticks),
                _ => Err(bad()),
            }
        }
        _ => Err(bad()),
    }
}

#[async_trait]
impl Transport for Snmp {
    fn protocol(&self) -> &'static str {
        PROTOCOL
    }

    async fn get(&self, path: &Path) -> Result<Value> {
        if let Some(oid) = raw_oid(path) {
            return self.raw_get(&oid?).await;
        }
        let fields = super::outlet_fields(path);
        // relay/outlets/N/physical_state etc.: one GET of that object.
        if let (Some(fs), [_, _, Segment::Key(n), _]) = (&fields, path.segments.as_slice()) {
            let col = match fs[0].as_str() {
                "state" | "transient_state" => Some(EO_POWER_ADMIN_STATE),
                "physical_state" => Some(EO_POWER_OPER_STATE),
                _ => None,
            };
            if let (Some(col), Ok(i)) = (col, n.parse::<u64>()) {
                if i < FIRST_BUS - 1 {
                    let rows = self.get_many(&[row_oid(col, i + 1)]).await?;
                    match rows.first().map(|(_, v)| v) {
                        Some(Answer::Integer(POWER_ON)) => return Ok(json!(true)),
                        Some(Answer::Integer(POWER_OFF)) => return Ok(json!(false)),
                        Some(Answer::Integer(_)) => return Ok(Value::Null),
                        Some(a) if a.missing() => {} // out of range: the walk names the range
                        Some(other) => {
                            return Err(Error::BadResponse(format!(
                                "{} answered {} with {other:?}, not an INTEGER",
                                self.label,
                                oid_text(&row_oid(col, i + 1))
                            )))
                        }
                        None => {}
                    }
                }
            }
        }
        let tree = self.tree(fields.as_deref()).await?;
        self.mapped(&row_range).get(&tree, path)
    }

    async fn set(&self, path: &Path, value: &Value) -> Result<()> {
        if let Some(oid) = raw_oid(path) {
            let oid = oid?;
            // Any object: pductl cannot know whether setting it twice is setting it once
            // (a reboot command is not), so a SET without an answer is not sent again.
            let rows = self
                .exchange(&Op::Set(&[(oid.clone(), set_value(value)?)]), Repeat::Once)
                .await?;
            self.trace(&format!("SET {}", oid_text(&oid)), &rows);
            return Ok(());
        }
        let field = match path.last() {
            Some(Segment::Key(f)) if f == "state" || f == "transient_state" => f.clone(),
            Some(Segment::Key(f)) if f == "name" => {
                return Err(unsupported(
                    PROTOCOL,
                    &format!("renaming {}", path.parent()),
                    "ENERGY-OBJECT-MIB has no writable outlet names",
                ))
            }
            _ => {
                return Err(unsupported(
                    PROTOCOL,
                    &format!("writing {path}"),
                    "SNMP switches outlets (set relay/outlets/N/state true|false); \
                     use snmp/OID for other objects",
                ))
            }
        };
        let on = value
            .as_bool()
            .ok_or_else(|| Error::usage(format!("{field} takes true or false, not {value}")))?;
        let outlets = self.selected_outlets(&path.parent()).await?;
        if outlets.is_empty() {
            return Err(super::selects_nothing(&path.parent(), &self.label));
        }
        self.switch(&outlets, on).await
    }

    async fn insert(&self, path: &Path, _value: &Value) -> Result<()> {
        Err(unsupported(
            PROTOCOL,
            &format!("insert at {path}"),
            "SNMP tables here have fixed rows",
        ))
    }

    async fn remove(&self, path: &Path) -> Result<()> {
        Err(unsupported(
            PROTOCOL,
            &format!("remove of {path}"),
            "SNMP tables here have fixed rows",
        ))
    }

    /// `relay/outlets/N/cycle`: off, wait `cycle_delay`, on (the MIB has no cycle).
    async fn invoke(&self, path: &Path, args: &[Value]) -> Result<Option<Value>> {
        match path.last() {
            Some(Segment::Key(c)) if c == "cycle" => {}
            _ => {
                return Err(unsupported(
                    PROTOCOL,
                    &format!("calling {path}"),
                    "SNMP outlets have one call: cycle",
                ))
            }
        }
        if !args.is_empty() {
            return Err(Error::usage(
                "cycle over SNMP takes no arguments (the profile's cycle_delay is the off time)",
            ));
        }
        let outlets = self.selected_outlets(&path.parent()).await?;
        if outlets.is_empty() {
            return Err(super::selects_nothing(&path.parent(), &self.label));
        }
        self.switch(&outlets, false).await?;
        tokio::time::sleep(self.cycle_delay.unwrap_or(DEFAULT_CYCLE_DELAY)).await;
        self.switch(&outlets, true).await?;
        Ok(None)
    }

    async fn describe(&self, path: &Path) -> Result<Value> {
        Err(unsupported(
            PROTOCOL,
            &format!("describe of {path}"),
            "there are no type descriptions over SNMP",
        ))
    }

    fn write_attempts(&self) -> u32 {
        self.retrier.writes()
    }

    fn explain_set(&self, path: &Path, value: &Value) -> String {
        format!(
            "{}: SNMP SET eoPowerAdminState for {} = {}",
            self.label,
            path.parent(),
            if value == &json!(true) {
                POWER_ON
            } else {
                POWER_OFF
            }
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn energy_counters_from_total_collections() {
        // Entity 2's collection 7 restarted at t=500 after a reset: the newer row counts.
        // Entity 257 (a bus) counts in kWh; entity 0 is no entity; entity 3's collection
        // has no row.
        let totals = [(2, 7), (257, 9), (0, 11), (3, 12)];
        let consumed = [
            (7, 100, 40),
            (7, 500, 3),
            (9, 0, 1234),
            (11, 0, 5),
            (8, 0, 99),
        ];
        let multipliers = [(7, 500, 0), (9, 0, 3), (8, 0, -3)];
        assert_eq!(
            counters(&totals, &consumed, &multipliers),
            vec![(2, 3.0), (257, 1_234_000.0)]
        );
        // mWh stays a clean decimal; no multiplier row means 10^0.
        assert_eq!(
            counters(&[(1, 1)], &[(1, 0, 1234)], &[(1, 0, -3)]),
            vec![(1, 1.234)]
        );
        assert_eq!(counters(&[(1, 1)], &[(1, 0, 17)], &[]), vec![(1, 17.0)]);
    }

    #[test]
    fn values_to_set() {
        assert_eq!(set_value(&json!(259)).unwrap(), SetValue::Integer(259));
        assert_eq!(
            set_value(&json!("x")).unwrap(),
            SetValue::Octets(b"x".to_vec())
        );
        assert_eq!(
            set_value(&json!({"type": "ipaddress", "value": "10.0.0.1"})).unwrap(),
            SetValue::Ip([10, 0, 0, 1])
        );
        assert_eq!(
            set_value(&json!({"type": "oid", "value": ".1.3.6.1"})).unwrap(),
            SetValue::Oid(vec![1, 3, 6, 1])
        );
        assert!(set_value(&json!(true)).is_err());
        assert!(set_value(&json!(1.5)).is_err());
        assert!(set_value(&json!({"type": "unsigned", "value": -1})).is_err());
    }

    #[test]
    fn oids_and_raw_paths() {
        assert_eq!(
            parse_oid(".1.3.6.1.2.1.1.5.0"),
            Some(vec![1, 3, 6, 1, 2, 1, 1, 5, 0])
        );
        assert_eq!(parse_oid("1.3.x"), None);
        assert_eq!(parse_oid("1"), None);
        let p = Path::parse("snmp/1.3.6.1.2.1.1.5.0").unwrap();
        assert_eq!(
            raw_oid(&p).unwrap().unwrap(),
            vec![1, 3, 6, 1, 2, 1, 1, 5, 0]
        );
        assert!(raw_oid(&Path::parse("relay/name").unwrap()).is_none());
        assert!(raw_oid(&Path::parse("snmp/sysName").unwrap())
            .unwrap()
            .is_err());
    }
}
