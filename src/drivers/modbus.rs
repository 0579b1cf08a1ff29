//! The Modbus TCP backend of driver files (tokio-modbus as the client): an outlet is a coil
//! or a holding register at an address the file's template gives (`{i}`: the outlet's
//! number on the device, `n + index_base`, or the n-th id of the profile's `outlets`). A
//! Modbus device cannot list its outlets, so how many there are is the profile's `outlets`,
//! else the file's `list.count`.
//!
//! A read asks for every address the file's fields need in as few requests as the addresses
//! allow: consecutive addresses of one table are one request (FC01 for N coils, FC03/FC04
//! for registers), up to the protocol's limits. A write is FC05 of a coil (FC15 with one
//! coil where the file says `write_multiple_coils`) or FC06 of a holding register.
//!
//! Every request carries the file's unit id. `invert = true` turns every coil read and
//! written around (relays wired normally closed). The device is not trusted: an answer
//! whose length does not match the request, or that answers another function code, unit or
//! transaction, is a malformed answer (exit 5), and the connection it came on is not used
//! again; a Modbus exception is the device refusing (exit 1). What an answer can make the
//! client hold is bounded by the protocol (a one-byte count: at most 2040 coils or 127
//! registers, whatever was asked) and checked against what was asked before use. One
//! connection serves the run.
//!
//! What is sent again follows `retry`: reads, and the writes the engine passes as absolute
//! (a state: a coil, or a register unless the file says `repeat = false`), after a lost
//! connection or a timeout; a `Repeat::Once` request (the device's own cycle, a NETIO short
//! off) only when the connection was refused.

use super::engine::{Backend, DriverEngine, Wants};
use super::{fill, Driver, Filling, Read, Request, Variant};
use crate::error::{Error, Result};
use crate::retry::{Repeat, Retrier};
use crate::transport::{DeviceConfig, OutletsSetting};
use async_trait::async_trait;
use serde_json::{Map, Value};
use std::collections::{BTreeMap, BTreeSet};
use std::time::Duration;
use tokio::time::Instant;
use tokio_modbus::client::{Client, Context};
use tokio_modbus::{ExceptionCode, ProtocolError, Response, Slave};

/// The Modbus TCP port (IANA "mbap").
const DEFAULT_PORT: u16 = 502;

/// The unit a request goes to when the file does not say (pdudaemon's and labgrid's
/// default; the ioLogik's: protocols/drivers-2.md section 3).
const DEFAULT_UNIT: u8 = 1;

/// Most coils one FC01 may ask for (Modbus Application Protocol v1.1b3, 6.1).
const MAX_COILS_PER_READ: u16 = 2000;

/// Most registers one FC03 or FC04 may ask for (the same, 6.3 and 6.4).
const MAX_REGISTERS_PER_READ: u16 = 125;

/// A driver file whose transport is Modbus TCP, ready to serve. The outlets' count or ids
/// are checked here, before any traffic: a device without them is a usage error.
pub fn driver_modbus(
    device: &DeviceConfig,
    driver: &Driver,
) -> Result<DriverEngine<ModbusBackend>> {
    let file = &driver.file;
    let name = format!("driver {}", file.driver.id);
    let section = file.modbus.clone().unwrap_or_default();
    let port = device.port.or(section.port).unwrap_or(DEFAULT_PORT);
    let host = if device.host.contains(':') {
        format!("[{}]", device.host)
    } else {
        device.host.clone()
    };
    let outlets = match &device.outlets {
        Some(OutletsSetting::Count(count)) => Outlets::Count(*count),
        Some(OutletsSetting::Ids(ids)) => Outlets::Numbers(
            ids.iter()
                .map(|id| {
                    id.parse::<u16>().map_err(|_| {
                        Error::usage(format!(
                            "device {}: outlets lists \"{id}\", not a Modbus address (0-65535)",
                            device.name
                        ))
                    })
                })
                .collect::<Result<_>>()?,
        ),
        None => {
            if file
                .variants()
                .iter()
                .any(|v| v.outlets.list.count.is_none())
            {
                return Err(Error::usage(format!(
                    "device {}: {name} cannot ask the device how many outlets it has: set \
                     outlets in its profile entry (outlets = 8, or the outlets' addresses: \
                     outlets = [0, 1, 4])",
                    device.name
                )));
            }
            Outlets::FromFile
        }
    };
    let backend = ModbusBackend {
        label: device.label(&format!("{host}:{port}")),
        host: device.host.clone(),
        port,
        unit: section.unit.unwrap_or(DEFAULT_UNIT),
        invert: section.invert,
        write_multiple_coils: section.write_multiple_coils,
        index_base: file.driver.index_base,
        outlets,
        timeout: device.timeout,
        trace: device.trace,
        name,
        retrier: device.retrier(),
        context: tokio::sync::Mutex::new(None),
    };
    Ok(DriverEngine::new(backend, file.clone()))
}

/// Where the outlets come from.
#[derive(Debug, Clone)]
enum Outlets {
    /// The profile's count: outlet n is `n + index_base`.
    Count(usize),
    /// The profile's list: outlet n is the n-th address.
    Numbers(Vec<u16>),
    /// The file's `list.count` for the variant read: outlet n is `n + index_base`.
    FromFile,
}

/// The tables a driver reads: coils are bits, registers 16-bit words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Table {
    Coil,
    Holding,
    Input,
}

impl Table {
    fn of(name: &str) -> Option<Table> {
        match name {
            "coil" => Some(Table::Coil),
            "holding" => Some(Table::Holding),
            "input" => Some(Table::Input),
            _ => None,
        }
    }

    /// Most addresses of this table one read may ask for.
    fn per_read(self) -> u16 {
        match self {
            Table::Coil => MAX_COILS_PER_READ,
            Table::Holding | Table::Input => MAX_REGISTERS_PER_READ,
        }
    }

    /// The read of `count` addresses from `start`.
    fn read(self, start: u16, count: u16) -> tokio_modbus::Request<'static> {
        match self {
            Table::Coil => tokio_modbus::Request::ReadCoils(start, count),
            Table::Holding => tokio_modbus::Request::ReadHoldingRegisters(start, count),
            Table::Input => tokio_modbus::Request::ReadInputRegisters(start, count),
        }
    }

    /// `FC01 read of coils 0-7`, for messages and traces.
    fn describe(self, start: u16, count: u16) -> String {
        let (code, what) = match self {
            Table::Coil => ("FC01", "coils"),
            Table::Holding => ("FC03", "holding registers"),
            Table::Input => ("FC04", "input registers"),
        };
        let last = u32::from(start) + u32::from(count).saturating_sub(1);
        if count == 1 {
            format!("{code} read of {} {start}", what.trim_end_matches('s'))
        } else {
            format!("{code} read of {what} {start}-{last}")
        }
    }
}

pub struct ModbusBackend {
    /// `lab (10.0.0.9:502)`, for messages.
    label: String,
    host: String,
    port: u16,
    unit: u8,
    invert: bool,
    write_multiple_coils: bool,
    index_base: u64,
    outlets: Outlets,
    timeout: Duration,
    /// `-v`: one line per request on stderr.
    trace: bool,
    /// `driver waveshare-modbus`, for messages.
    name: String,
    retrier: Retrier,
    /// The run's connection, once made; dropped after any failure, so an answer that came
    /// late or malformed cannot be taken for the next request's.
    context: tokio::sync::Mutex<Option<Context>>,
}

impl ModbusBackend {
    /// Each outlet's number on the device (`{i}`), in pductl's order, for `variant`.
    fn numbers(&self, variant: &Variant) -> Vec<u64> {
        let from = |count: usize| (0..count as u64).map(|n| n + self.index_base).collect();
        match &self.outlets {
            Outlets::Count(count) => from(*count),
            Outlets::Numbers(numbers) => numbers.iter().map(|&a| u64::from(a)).collect(),
            // `driver_modbus` checked that every variant has a count.
            Outlets::FromFile => from(variant.outlets.list.count.unwrap_or(0)),
        }
    }

    /// Outlet `n`'s number on the device (`{i}`), for a write.
    fn number(&self, n: usize) -> Result<u64> {
        match &self.outlets {
            Outlets::Numbers(numbers) => numbers
                .get(n)
                .map(|&a| u64::from(a))
                .ok_or_else(|| Error::NotFound(format!("{} has no outlet {n}", self.label))),
            Outlets::Count(_) | Outlets::FromFile => Ok(n as u64 + self.index_base),
        }
    }

    /// The address a template gives for outlet `n`, whose number is `number`.
    fn address(&self, template: &str, n: usize, number: u64) -> Result<u16> {
        let text = fill(
            template,
            n,
            self.index_base,
            None,
            Filling::Text,
            &[("i", number.to_string())],
        );
        text.parse::<u16>().map_err(|_| {
            Error::usage(format!(
                "{}: outlet {} is at address {text}, past the last Modbus address (65535)",
                self.name,
                n + 1
            ))
        })
    }

    /// Prints one request on stderr under `-v`.
    fn trace(&self, what: &str) {
        if self.trace {
            eprintln!(
                "pductl: {}",
                crate::output::escape_line(&format!("{} unit {}: {what}", self.label, self.unit))
            );
        }
    }

    /// A connection to the device, made within `deadline`.
    async fn connect(&self, deadline: Instant) -> Result<Context> {
        let connecting = tokio::net::TcpStream::connect((self.host.as_str(), self.port));
        let stream = match tokio::time::timeout_at(deadline, connecting).await {
            Ok(Ok(stream)) => stream,
            Ok(Err(e)) => {
                return Err(Error::Unreachable(format!(
                    "cannot reach {} over Modbus TCP: {e}",
                    self.label
                )))
            }
            Err(_) => {
                return Err(Error::Unreachable(format!(
                    "{} did not accept a connection within {}",
                    self.label,
                    crate::output::human_duration(self.timeout)
                )))
            }
        };
        // Requests are a dozen bytes: sent at once, not held back for more.
        let _ = stream.set_nodelay(true);
        Ok(tokio_modbus::client::tcp::attach_slave(
            stream,
            Slave(self.unit),
        ))
    }

    /// One try of one request, within `allowed`: the device's answer, checked to be an
    /// answer to it (function code, unit, transaction) and well-formed, or why there is none.
    async fn call(
        &self,
        request: tokio_modbus::Request<'static>,
        what: &str,
        allowed: Duration,
    ) -> Result<Response> {
        let deadline = Instant::now() + allowed;
        let mut guard = self.context.lock().await;
        if guard.is_none() {
            *guard = Some(self.connect(deadline).await?);
        }
        let Some(context) = guard.as_mut() else {
            return Err(Error::Unreachable(format!("{}: not connected", self.label)));
        };
        self.trace(what);
        let failure = match tokio::time::timeout_at(deadline, context.call(request)).await {
            Ok(Ok(Ok(response))) => return Ok(response),
            // The device answered "no": the connection is still in step.
            Ok(Ok(Err(exception))) => return Err(self.exception(exception, what)),
            Ok(Err(e)) => self.failed(e, what),
            Err(_) => Error::Timeout(format!(
                "{} did not answer {what} within {}",
                self.label,
                crate::output::human_duration(self.timeout)
            )),
        };
        *guard = None;
        Err(failure)
    }

    /// Forgets the connection: what came on it did not fit, so what comes next may not either.
    async fn hang_up(&self) {
        *self.context.lock().await = None;
    }

    /// A Modbus exception: the device refused the request.
    fn exception(&self, exception: ExceptionCode, what: &str) -> Error {
        let code = u8::from(exception);
        let hint = match exception {
            ExceptionCode::IllegalDataAddress => {
                "; does the device have that many outlets? the profile's outlets says how many"
            }
            ExceptionCode::IllegalFunction => {
                "; a device that refuses FC05 takes FC15: write_multiple_coils = true in the \
                 driver's [modbus]"
            }
            ExceptionCode::GatewayTargetDevice | ExceptionCode::GatewayPathUnavailable => {
                "; is the unit id in the driver's [modbus] right?"
            }
            _ => "",
        };
        Error::Refused(format!(
            "{} refused {what}: Modbus exception {code} ({exception}){hint} ({})",
            self.label, self.name
        ))
    }

    /// What a failed exchange means: a malformed answer, an answer to something else, or a
    /// connection that ended before the answer.
    fn failed(&self, e: tokio_modbus::Error, what: &str) -> Error {
        match e {
            // The decoder's words for a frame that does not parse (InvalidData) or is past
            // the protocol's size (InvalidInput).
            tokio_modbus::Error::Transport(io)
                if matches!(
                    io.kind(),
                    std::io::ErrorKind::InvalidData | std::io::ErrorKind::InvalidInput
                ) =>
            {
                Error::BadResponse(format!(
                    "{} sent a malformed Modbus answer to {what} ({io}) ({})",
                    self.label, self.name
                ))
            }
            tokio_modbus::Error::Transport(io) => Error::HungUp(format!(
                "{} closed the connection before answering {what} ({io})",
                self.label
            )),
            tokio_modbus::Error::Protocol(ProtocolError::FunctionCodeMismatch {
                request,
                result,
            }) => {
                let answered = match &result {
                    Ok(response) => response.function_code(),
                    Err(exception) => exception.function,
                };
                Error::BadResponse(format!(
                    "{} answered {what} with function code {answered}, not {request} ({})",
                    self.label, self.name
                ))
            }
            tokio_modbus::Error::Protocol(ProtocolError::HeaderMismatch { message, .. }) => {
                Error::BadResponse(format!(
                    "{} sent an answer that is not to {what}: {message} ({})",
                    self.label, self.name
                ))
            }
        }
    }

    /// A malformed answer to `what`: the connection is dropped, and the error says why.
    async fn malformed(&self, what: &str, why: String) -> Error {
        self.hang_up().await;
        Error::BadResponse(format!(
            "{} sent a malformed Modbus answer to {what}: {why} ({})",
            self.label, self.name
        ))
    }

    /// `count` addresses of `table` from `start`, as JSON (coils true or false, inverted
    /// where the file says; registers numbers), in one request tried as a read.
    async fn read_run(&self, table: Table, start: u16, count: u16) -> Result<Vec<Value>> {
        let what = table.describe(start, count);
        let request = table.read(start, count);
        let response = self
            .retrier
            .run(Repeat::Read, &what, |t| {
                self.call(request.clone(), &what, t.allowed)
            })
            .await?;
        let wanted = usize::from(count);
        match (table, response) {
            (Table::Coil, Response::ReadCoils(bits)) => {
                // Coils come packed eight to a byte: exactly the bytes `count` needs.
                let sent = bits.len() / 8;
                let needed = wanted.div_ceil(8);
                if sent != needed {
                    let why = format!("{sent} bytes of coils for {count} coils ({needed} bytes)");
                    return Err(self.malformed(&what, why).await);
                }
                Ok(bits
                    .into_iter()
                    .take(wanted)
                    .map(|bit| Value::Bool(bit != self.invert))
                    .collect())
            }
            (Table::Holding, Response::ReadHoldingRegisters(words))
            | (Table::Input, Response::ReadInputRegisters(words)) => {
                if words.len() != wanted {
                    let why = format!("{} registers for {count}", words.len());
                    return Err(self.malformed(&what, why).await);
                }
                Ok(words.into_iter().map(Value::from).collect())
            }
            (_, other) => {
                let why = format!("function code {}", other.function_code());
                Err(self.malformed(&what, why).await)
            }
        }
    }

    /// Sends one write, tried as `repeat` allows, and checks the device's echo of it.
    async fn write(
        &self,
        request: tokio_modbus::Request<'static>,
        expected: Response,
        what: &str,
        repeat: Repeat,
    ) -> Result<()> {
        let response = self
            .retrier
            .run(repeat, what, |t| {
                self.call(request.clone(), what, t.allowed)
            })
            .await?;
        if response != expected {
            let why = format!("it echoed {response:?}");
            return Err(self.malformed(what, why).await);
        }
        Ok(())
    }
}

/// The runs of consecutive addresses in `addresses`, each at most `most` long: one request
/// each, as `(start, count)`.
fn runs(addresses: &BTreeSet<u16>, most: u16) -> Vec<(u16, u16)> {
    let mut out: Vec<(u16, u16)> = Vec::new();
    for &address in addresses {
        match out.last_mut() {
            Some((start, count))
                if u32::from(*start) + u32::from(*count) == u32::from(address) && *count < most =>
            {
                *count += 1
            }
            _ => out.push((address, 1)),
        }
    }
    out
}

/// What one read of the file asks for: where it goes in each outlet's item (the read's
/// locator, without its `/`), its table, and each outlet's address.
struct Field {
    key: String,
    table: Table,
    addresses: Vec<u16>,
}

#[async_trait]
impl Backend for ModbusBackend {
    fn device(&self) -> &str {
        &self.label
    }

    fn write_attempts(&self) -> u32 {
        self.retrier.writes()
    }

    /// Every outlet's state (and, where wanted, the meters) from as few reads as the
    /// addresses allow.
    async fn items(&self, variant: &Variant, wants: Wants) -> Result<Vec<Value>> {
        let numbers = self.numbers(variant);
        // Each read, and whether the device may refuse it (a meter some models lack).
        let mut reads: Vec<(&Read, bool)> = vec![(&variant.outlets.state.read, false)];
        if wants.meters {
            reads.extend(variant.meter.iter().map(|m| (&m.read, m.optional)));
        }
        let mut fields: Vec<Field> = Vec::new();
        let mut wanted: BTreeMap<Table, BTreeSet<u16>> = BTreeMap::new();
        // The addresses a field that must be read needs: a refusal of those is an error.
        let mut required: BTreeSet<(Table, u16)> = BTreeSet::new();
        for (read, optional) in reads {
            let Some((table, template)) = read.modbus() else {
                continue;
            };
            let table = Table::of(table).ok_or_else(|| {
                Error::usage(format!("{}: \"{table}\" is not a Modbus table", self.name))
            })?;
            let addresses = numbers
                .iter()
                .enumerate()
                .map(|(n, &number)| self.address(template, n, number))
                .collect::<Result<Vec<u16>>>()?;
            wanted
                .entry(table)
                .or_default()
                .extend(addresses.iter().copied());
            if !optional {
                required.extend(addresses.iter().map(|&a| (table, a)));
            }
            fields.push(Field {
                key: read.locator().trim_start_matches('/').to_string(),
                table,
                addresses,
            });
        }
        let mut values: BTreeMap<(Table, u16), Value> = BTreeMap::new();
        for (&table, addresses) in &wanted {
            for (start, count) in runs(addresses, table.per_read()) {
                let needed = (start..=start.saturating_add(count - 1))
                    .any(|a| required.contains(&(table, a)));
                let read = match self.read_run(table, start, count).await {
                    // A model without the meter refuses its registers: it is left out.
                    Err(Error::Refused(_)) if !needed => continue,
                    read => read?,
                };
                for (address, value) in (start..).zip(read) {
                    values.insert((table, address), value);
                }
            }
        }
        Ok((0..numbers.len())
            .map(|n| {
                let mut item = Map::new();
                for field in &fields {
                    if let Some(value) = values.get(&(field.table, field.addresses[n])) {
                        item.insert(field.key.clone(), value.clone());
                    }
                }
                Value::Object(item)
            })
            .collect())
    }

    async fn send(
        &self,
        request: &Request,
        n: usize,
        _id: Option<&str>,
        value: Option<&Value>,
        repeat: Repeat,
    ) -> Result<()> {
        let number = self.number(n)?;
        match (&request.coil, &request.holding) {
            (Some(template), _) => {
                let address = self.address(template, n, number)?;
                let Some(&Value::Bool(on)) = value else {
                    return Err(Error::usage(format!(
                        "{}: a coil is written with the outlet's state, true or false",
                        self.name
                    )));
                };
                let coil = on != self.invert;
                let word = if coil { "FF00" } else { "0000" };
                if self.write_multiple_coils {
                    let what = format!("FC15 write of coil {address} = {}", u8::from(coil));
                    let request =
                        tokio_modbus::Request::WriteMultipleCoils(address, vec![coil].into());
                    let expected = Response::WriteMultipleCoils(address, 1);
                    self.write(request, expected, &what, repeat).await
                } else {
                    let what = format!("FC05 write of coil {address} = {word}");
                    let request = tokio_modbus::Request::WriteSingleCoil(address, coil);
                    let expected = Response::WriteSingleCoil(address, coil);
                    self.write(request, expected, &what, repeat).await
                }
            }
            (None, Some(template)) => {
                let address = self.address(template, n, number)?;
                let named = [("i", number.to_string())];
                let text = fill(
                    request.value.as_deref().unwrap_or_default(),
                    n,
                    self.index_base,
                    value,
                    Filling::Text,
                    &named,
                );
                let word: u16 = text.trim().parse().map_err(|_| {
                    Error::usage(format!(
                        "{}: the register value to write, \"{text}\", is not 0-65535",
                        self.name
                    ))
                })?;
                let what = format!("FC06 write of holding register {address} = {word}");
                let request = tokio_modbus::Request::WriteSingleRegister(address, word);
                let expected = Response::WriteSingleRegister(address, word);
                self.write(request, expected, &what, repeat).await
            }
            (None, None) => Err(Error::usage(format!(
                "{}: a Modbus write names coil or holding",
                self.name
            ))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::loopback_device;
    use crate::transport::{AuthScheme, Protocol};
    use serde_json::json;

    fn built_in(id: &str) -> Driver {
        let name = format!("{id}.toml");
        let (_, text) = super::super::BUILT_IN
            .iter()
            .find(|(file, _)| *file == name)
            .unwrap();
        super::super::parse(&name, text).unwrap()
    }

    fn engine(id: &str, outlets: Option<OutletsSetting>) -> Result<DriverEngine<ModbusBackend>> {
        let device = DeviceConfig {
            outlets,
            ..loopback_device(Protocol::DliRest, "", AuthScheme::Basic)
        };
        driver_modbus(&device, &built_in(id))
    }

    #[test]
    fn outlets_come_from_the_profile_else_the_file() {
        let netio = engine("netio-modbus", None).unwrap();
        let variant = &netio.variants[0];
        assert_eq!(netio.backend.numbers(variant), [101, 102, 103, 104]);
        let one = engine("netio-modbus", Some(OutletsSetting::Count(1))).unwrap();
        assert_eq!(one.backend.numbers(variant), [101]);
        let listed = engine(
            "modbus-coils",
            Some(OutletsSetting::Ids(vec![
                "4".into(),
                "5".into(),
                "9".into(),
            ])),
        )
        .unwrap();
        assert_eq!(listed.backend.numbers(&listed.variants[0]), [4, 5, 9]);
        assert_eq!(listed.backend.number(2).unwrap(), 9);
        assert_eq!(listed.backend.address("{i}", 2, 9).unwrap(), 9);
        assert_eq!(listed.backend.address("{n}", 2, 9).unwrap(), 2);
        assert!(listed.backend.number(3).is_err());
        for (id, outlets, why) in [
            ("moxa-iologik", None, "set outlets"),
            ("modbus-coils", None, "set outlets"),
            (
                "modbus-coils",
                Some(OutletsSetting::Ids(vec!["0".into(), "x".into()])),
                "\"x\", not a Modbus address",
            ),
        ] {
            let Err(e) = engine(id, outlets) else {
                panic!("{id} without outlets");
            };
            assert!(matches!(e, Error::Usage(_)), "{e}");
            assert!(e.to_string().contains(why), "{e}");
        }
        // Past the last address is a usage error, not a wrap to 0.
        let high = engine("modbus-coils", Some(OutletsSetting::Count(2))).unwrap();
        assert!(high.backend.address("{i}", 0, 65536).is_err());
    }

    #[test]
    fn the_devices_own_meters_are_read_once_with_their_names() {
        let netio = engine("netio-modbus", None).unwrap();
        let variant = &netio.variants[0];
        let item = json!({"coil:{i}": true, "input:0": 5000, "input:1": 2301, "input:2": 980,
            "input:100": 1250, "input:200": 287});
        let items = vec![item.clone(), json!({"coil:{i}": false}), item];
        let tree = netio.tree(variant, &items, Wants::ALL).unwrap();
        let states: Vec<&Value> = tree["relay"]["outlets"]
            .as_array()
            .unwrap()
            .iter()
            .map(|o| &o["physical_state"])
            .collect();
        assert_eq!(states, [&json!(true), &json!(false), &json!(true)]);
        let values = tree["meter"]["values"].as_object().unwrap();
        assert_eq!(values.len(), 5, "{values:?}");
        assert_eq!(
            values["voltage"],
            json!({"name": "Voltage", "value": 230.1, "quantity": "voltage", "unit": "V"})
        );
        assert_eq!(values["power_factor"]["value"], json!(0.98));
        assert_eq!(values["current"]["value"], json!(1.25));
        // A model without metering: the optional meters are left out.
        let bare = vec![json!({"coil:{i}": false})];
        let tree = netio.tree(variant, &bare, Wants::ALL).unwrap();
        assert_eq!(tree["meter"]["values"], json!({}));
    }

    fn set(addresses: &[u16]) -> BTreeSet<u16> {
        addresses.iter().copied().collect()
    }

    #[test]
    fn consecutive_addresses_are_one_request_up_to_the_limit() {
        assert_eq!(runs(&set(&[0, 1, 2, 3, 4, 5, 6, 7]), 2000), [(0, 8)]);
        assert_eq!(runs(&set(&[101, 102, 103, 104]), 2000), [(101, 4)]);
        assert_eq!(runs(&set(&[0, 1, 4, 5, 9]), 2000), [(0, 2), (4, 2), (9, 1)]);
        assert_eq!(runs(&set(&[0, 1, 2, 3, 4]), 2), [(0, 2), (2, 2), (4, 1)]);
        assert_eq!(runs(&set(&[65534, 65535]), 125), [(65534, 2)]);
        assert!(runs(&set(&[]), 125).is_empty());
    }

    #[test]
    fn requests_are_described_as_a_modbus_user_reads_them() {
        assert_eq!(Table::Coil.describe(0, 8), "FC01 read of coils 0-7");
        assert_eq!(Table::Input.describe(1, 1), "FC04 read of input register 1");
        assert_eq!(
            Table::Holding.describe(65535, 1),
            "FC03 read of holding register 65535"
        );
    }
}
