//! Modbus TCP devices for the tests, on loopback.
//!
//! `ModbusDevice` is a relay unit built from protocols/drivers-2.md section 3 and served by
//! tokio-modbus's own server: coils from an address (Waveshare POE ETH Relay: relay k is coil
//! k-1; Moxa ioLogik: DO coils from 0; generic coil relays), or a NETIO PowerPDU (output N is
//! coil and holding register 100+N; FC06 actions 0 off, 1 on, 2 short off, 3 short on, 4
//! toggle, 5 no change; input registers 0, 1, 2, 100, 200 for metering). It answers one unit
//! id (others get exception 0x0B, as a gateway does), can refuse FC05 (as the devices
//! labgrid's `write_multiple_coils` is for), and records every request so that a test can
//! say what went over the wire ("8 coils in one FC01").
//!
//! `RawModbus` answers each request with the bytes a test gives: a wrong length, a wrong
//! function code, another transaction, an exception, or nothing at all.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio_modbus::server::tcp::{accept_tcp_connection, Server};
use tokio_modbus::{ExceptionCode, Request, Response, SlaveRequest};

/// How long a NETIO output stays off after action 2 (short off): the output's own delay.
pub const NETIO_SHORT_OFF: Duration = Duration::from_millis(300);

/// What the device's registers are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Model {
    /// `count` coils from address `first`.
    Coils { first: u16, count: u16 },
    /// A NETIO PowerPDU with `outputs` outputs, with or without metering.
    Netio { outputs: u16, metering: bool },
}

/// The NETIO metering values, as the input registers hold them: 50.00 Hz, 230.1 V, power
/// factor 0.98, 1250 mA, 287 W.
pub const NETIO_INPUTS: [(u16, u16); 5] = [(0, 5000), (1, 2301), (2, 980), (100, 1250), (200, 287)];

/// One request as the device saw it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seen {
    pub unit: u8,
    /// The function code: 1 read coils, 3 read holding, 4 read input, 5 write coil, 6
    /// write register, 15 write coils.
    pub function: u8,
    pub address: u16,
    /// How many were read or written, or for FC05 and FC06 the value written (FF00 or 0000
    /// for a coil).
    pub quantity: u16,
}

/// The device's state: outputs and what it was asked.
#[derive(Debug, Default)]
struct State {
    coils: BTreeMap<u16, bool>,
    seen: Vec<Seen>,
}

#[derive(Clone)]
struct Device {
    model: Model,
    unit: u8,
    refuse_fc05: bool,
    state: Arc<Mutex<State>>,
}

/// The protocol's own limits on one read (Modbus Application Protocol v1.1b3, 6.1-6.4).
const MAX_COILS: u16 = 2000;
const MAX_REGISTERS: u16 = 125;

impl Device {
    /// The coil address of NETIO output `output` (from 1).
    fn netio_address(output: u16) -> u16 {
        100 + output
    }

    fn coil(&self, address: u16) -> Result<bool, ExceptionCode> {
        let state = self.state.lock().unwrap();
        state
            .coils
            .get(&address)
            .copied()
            .ok_or(ExceptionCode::IllegalDataAddress)
    }

    fn set_coil(&self, address: u16, on: bool) -> Result<(), ExceptionCode> {
        let mut state = self.state.lock().unwrap();
        match state.coils.get_mut(&address) {
            Some(coil) => {
                *coil = on;
                Ok(())
            }
            None => Err(ExceptionCode::IllegalDataAddress),
        }
    }

    fn range(start: u16, count: u16, most: u16) -> Result<Vec<u16>, ExceptionCode> {
        if count == 0 || count > most {
            return Err(ExceptionCode::IllegalDataValue);
        }
        let end = u32::from(start) + u32::from(count);
        if end > 65536 {
            return Err(ExceptionCode::IllegalDataAddress);
        }
        Ok((u32::from(start)..end).map(|a| a as u16).collect())
    }

    fn holding(&self, address: u16) -> Result<u16, ExceptionCode> {
        match self.model {
            // A NETIO output's register reads its state, as its coil does.
            Model::Netio { .. } => self.coil(address).map(u16::from),
            Model::Coils { .. } => Err(ExceptionCode::IllegalDataAddress),
        }
    }

    fn input(&self, address: u16) -> Result<u16, ExceptionCode> {
        match self.model {
            Model::Netio { metering: true, .. } => NETIO_INPUTS
                .iter()
                .find(|(a, _)| *a == address)
                .map(|(_, v)| *v)
                .ok_or(ExceptionCode::IllegalDataAddress),
            _ => Err(ExceptionCode::IllegalDataAddress),
        }
    }

    /// A NETIO action written to an output's holding register.
    fn netio_action(&self, address: u16, action: u16) -> Result<(), ExceptionCode> {
        let on = self.coil(address)?;
        let back = |device: Device, to: bool| {
            tokio::spawn(async move {
                tokio::time::sleep(NETIO_SHORT_OFF).await;
                let _ = device.set_coil(address, to);
            });
        };
        match action {
            0 => self.set_coil(address, false),
            1 => self.set_coil(address, true),
            2 => {
                self.set_coil(address, false)?;
                back(self.clone(), true);
                Ok(())
            }
            3 => {
                self.set_coil(address, true)?;
                back(self.clone(), false);
                Ok(())
            }
            4 => self.set_coil(address, !on),
            5 => Ok(()),
            _ => Err(ExceptionCode::IllegalDataValue),
        }
    }

    fn answer(&self, request: Request<'static>) -> Result<Response, ExceptionCode> {
        match request {
            Request::ReadCoils(start, count) => {
                let coils = Self::range(start, count, MAX_COILS)?
                    .into_iter()
                    .map(|a| self.coil(a))
                    .collect::<Result<Vec<_>, _>>()?;
                Ok(Response::ReadCoils(coils))
            }
            Request::ReadHoldingRegisters(start, count) => {
                let words = Self::range(start, count, MAX_REGISTERS)?
                    .into_iter()
                    .map(|a| self.holding(a))
                    .collect::<Result<Vec<_>, _>>()?;
                Ok(Response::ReadHoldingRegisters(words))
            }
            Request::ReadInputRegisters(start, count) => {
                let words = Self::range(start, count, MAX_REGISTERS)?
                    .into_iter()
                    .map(|a| self.input(a))
                    .collect::<Result<Vec<_>, _>>()?;
                Ok(Response::ReadInputRegisters(words))
            }
            Request::WriteSingleCoil(address, on) => {
                if self.refuse_fc05 {
                    return Err(ExceptionCode::IllegalFunction);
                }
                self.set_coil(address, on)?;
                Ok(Response::WriteSingleCoil(address, on))
            }
            Request::WriteMultipleCoils(start, coils) => {
                let count =
                    u16::try_from(coils.len()).map_err(|_| ExceptionCode::IllegalDataValue)?;
                let addresses = Self::range(start, count, 1968)?;
                for a in &addresses {
                    self.coil(*a)?;
                }
                for (a, on) in addresses.into_iter().zip(coils.iter()) {
                    self.set_coil(a, *on)?;
                }
                Ok(Response::WriteMultipleCoils(start, count))
            }
            Request::WriteSingleRegister(address, value) => match self.model {
                Model::Netio { .. } => {
                    self.netio_action(address, value)?;
                    Ok(Response::WriteSingleRegister(address, value))
                }
                Model::Coils { .. } => Err(ExceptionCode::IllegalDataAddress),
            },
            _ => Err(ExceptionCode::IllegalFunction),
        }
    }
}

/// What a request is, for the record.
fn seen(unit: u8, request: &Request<'_>) -> Seen {
    let (function, address, quantity) = match request {
        Request::ReadCoils(a, n) => (1, *a, *n),
        Request::ReadDiscreteInputs(a, n) => (2, *a, *n),
        Request::ReadHoldingRegisters(a, n) => (3, *a, *n),
        Request::ReadInputRegisters(a, n) => (4, *a, *n),
        Request::WriteSingleCoil(a, on) => (5, *a, if *on { 0xFF00 } else { 0 }),
        Request::WriteSingleRegister(a, v) => (6, *a, *v),
        Request::WriteMultipleCoils(a, coils) => (15, *a, coils.len() as u16),
        Request::WriteMultipleRegisters(a, words) => (16, *a, words.len() as u16),
        _ => (0, 0, 0),
    };
    Seen {
        unit,
        function,
        address,
        quantity,
    }
}

impl tokio_modbus::server::Service for Device {
    type Request = SlaveRequest<'static>;
    type Response = Response;
    type Exception = ExceptionCode;
    type Future = std::future::Ready<Result<Response, ExceptionCode>>;

    fn call(&self, request: Self::Request) -> Self::Future {
        let SlaveRequest { slave, request } = request;
        self.state.lock().unwrap().seen.push(seen(slave, &request));
        // Another unit is not here: what a gateway answers for a device that is not there.
        if slave != self.unit {
            return std::future::ready(Err(ExceptionCode::GatewayTargetDevice));
        }
        std::future::ready(self.answer(request))
    }
}

/// A Modbus TCP relay unit on a loopback port; stopped when dropped.
pub struct ModbusDevice {
    pub port: u16,
    device: Device,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl ModbusDevice {
    /// A device of `model` answering unit `unit`, all outputs off.
    pub fn start(model: Model, unit: u8) -> ModbusDevice {
        ModbusDevice::start_with(model, unit, false)
    }

    /// The same; with `refuse_fc05`, FC05 is answered "illegal function".
    pub fn start_with(model: Model, unit: u8, refuse_fc05: bool) -> ModbusDevice {
        let coils = match model {
            Model::Coils { first, count } => (first..first + count).map(|a| (a, false)).collect(),
            Model::Netio { outputs, .. } => (1..=outputs)
                .map(|k| (Device::netio_address(k), false))
                .collect(),
        };
        let device = Device {
            model,
            unit,
            refuse_fc05,
            state: Arc::new(Mutex::new(State {
                coils,
                seen: Vec::new(),
            })),
        };
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        let port = listener.local_addr().unwrap().port();
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let service = device.clone();
        let thread = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap();
            runtime.block_on(async move {
                let listener = tokio::net::TcpListener::from_std(listener).unwrap();
                let server = Server::new(listener);
                let on_connected = |stream, address| {
                    let service = service.clone();
                    async move {
                        accept_tcp_connection(stream, address, move |_| Ok(Some(service.clone())))
                    }
                };
                let _ = server
                    .serve_until(&on_connected, |_| {}, async {
                        let _ = stopped.await;
                    })
                    .await;
            });
        });
        ModbusDevice {
            port,
            device,
            stop: Some(stop),
            thread: Some(thread),
        }
    }

    /// A coil as the device holds it.
    pub fn coil(&self, address: u16) -> bool {
        self.device.coil(address).expect("the device has that coil")
    }

    /// Sets a coil at the device, as its web page or a button would.
    pub fn set_coil(&self, address: u16, on: bool) {
        self.device
            .set_coil(address, on)
            .expect("the device has that coil")
    }

    /// Every coil, in address order.
    pub fn coils(&self) -> Vec<bool> {
        self.device
            .state
            .lock()
            .unwrap()
            .coils
            .values()
            .copied()
            .collect()
    }

    /// The requests seen so far.
    pub fn seen(&self) -> Vec<Seen> {
        self.device.state.lock().unwrap().seen.clone()
    }

    /// Forgets the requests seen so far.
    pub fn forget(&self) {
        self.device.state.lock().unwrap().seen.clear();
    }
}

impl Drop for ModbusDevice {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// One request as `RawModbus` read it: the MBAP header's transaction and unit, and the PDU
/// (function code first).
#[derive(Debug, Clone)]
pub struct RawRequest {
    pub transaction: u16,
    pub unit: u8,
    pub pdu: Vec<u8>,
}

/// A Modbus TCP frame: the MBAP header (transaction, protocol 0, length of unit + PDU, unit)
/// and the PDU.
pub fn frame(transaction: u16, unit: u8, pdu: &[u8]) -> Vec<u8> {
    frame_with_length(transaction, unit, pdu, pdu.len() as u16 + 1)
}

/// The same with the header's length field as given, right or not.
pub fn frame_with_length(transaction: u16, unit: u8, pdu: &[u8], length: u16) -> Vec<u8> {
    let mut out = Vec::new();
    out.extend_from_slice(&transaction.to_be_bytes());
    out.extend_from_slice(&[0, 0]);
    out.extend_from_slice(&length.to_be_bytes());
    out.push(unit);
    out.extend_from_slice(pdu);
    out
}

/// A TCP server that reads Modbus TCP requests and answers each with what `answer` returns:
/// the bytes to send (`frame` builds them), or `None` to stay silent.
pub struct RawModbus {
    pub port: u16,
    requests: Arc<Mutex<Vec<RawRequest>>>,
}

impl RawModbus {
    pub fn start(
        answer: impl Fn(&RawRequest) -> Option<Vec<u8>> + Send + Sync + 'static,
    ) -> RawModbus {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let requests = Arc::new(Mutex::new(Vec::new()));
        let answer = Arc::new(answer);
        let log = requests.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else { continue };
                let (answer, log) = (answer.clone(), log.clone());
                std::thread::spawn(move || serve_raw(stream, &*answer, &log));
            }
        });
        RawModbus { port, requests }
    }

    pub fn requests(&self) -> Vec<RawRequest> {
        self.requests.lock().unwrap().clone()
    }
}

fn serve_raw(
    mut stream: TcpStream,
    answer: &(dyn Fn(&RawRequest) -> Option<Vec<u8>> + Send + Sync),
    log: &Mutex<Vec<RawRequest>>,
) {
    loop {
        let mut header = [0u8; 7];
        if stream.read_exact(&mut header).is_err() {
            return;
        }
        let length = usize::from(u16::from_be_bytes([header[4], header[5]]));
        let mut pdu = vec![0u8; length.saturating_sub(1)];
        if stream.read_exact(&mut pdu).is_err() {
            return;
        }
        let request = RawRequest {
            transaction: u16::from_be_bytes([header[0], header[1]]),
            unit: header[6],
            pdu,
        };
        log.lock().unwrap().push(request.clone());
        if let Some(bytes) = answer(&request) {
            if stream.write_all(&bytes).is_err() {
                return;
            }
        }
    }
}
