//! A test device for SNMP driver files, built from a table of facts: which columns the unit
//! has, how each outlet's row is indexed, how a column shows the outlet's state, and what a
//! write to a control column does. It answers net-snmp's `snmpd` through `pass_persist`
//! (the simulator side of `pductl::sim::pass_persist`), so the driver under test talks to a
//! real agent. snmpd runs a relay script for each subtree (`bash` with `/dev/tcp`, `cat`
//! both ways) that connects to this process, where one device holds every outlet's relay:
//! several subtrees (IF-MIB's ifTable and ifXTable) see the same state.
//!
//! A write to a control column schedules the change after the unit's switching delay; in
//! between, a status column shows its pending value where the MIB has one (Geist off→on,
//! Eaton pendingOn), and a reboot shows its cycling value until the outlet is back on.

use pductl::sim::pass_persist::{self, Mib, Object};
use std::collections::VecDeque;
use std::io::BufReader;
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// What writing a control value does.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Act {
    On,
    Off,
    /// Off, the unit's off time, on (whatever the outlet was).
    Reboot,
    /// Accepted, nothing happens (`noAction`).
    Nothing,
}

/// How a column shows an outlet's state.
#[derive(Debug, Clone, Copy)]
pub struct Shows {
    pub on: i64,
    pub off: i64,
    /// While a change to on is under way (the relay still off).
    pub pending_on: Option<i64>,
    /// While a change to off is under way (the relay still on).
    pub pending_off: Option<i64>,
    /// From a reboot's start until the outlet is back on.
    pub cycling: Option<i64>,
}

/// `on` and `off`, nothing in between.
pub const fn shows(on: i64, off: i64) -> Shows {
    Shows {
        on,
        off,
        pending_on: None,
        pending_off: None,
        cycling: None,
    }
}

impl Shows {
    pub const fn pending(self, on: i64, off: i64) -> Shows {
        Shows {
            pending_on: Some(on),
            pending_off: Some(off),
            ..self
        }
    }

    pub const fn cycling(self, value: i64) -> Shows {
        Shows {
            cycling: Some(value),
            ..self
        }
    }
}

/// What a column holds, per outlet.
#[derive(Debug, Clone)]
pub enum Col {
    /// The outlet's state, read-only.
    Status(Shows),
    /// Written to switch (each value's action; others are wrongValue); reads back the
    /// state, or a fixed value (`noAction`).
    Control {
        writes: Vec<(i64, Act)>,
        reads: Reads,
    },
    /// A command column whose value is a delay in seconds before `Act` (HPE, Eaton: 0 is
    /// now, -1 cancels); reads -1.
    Command(Act),
    /// The outlet's name.
    Name { writable: bool, longest: usize },
    /// A text per outlet, read-only (`ifDescr`).
    Text(Vec<String>),
    /// A number per outlet, read-only (`ifType`).
    Integers(Vec<i64>),
    /// The outlet's number from 1 (an index column).
    Number,
    /// Watts drawn (0 while off), in `per` watts a count.
    Watts(f64),
    /// Amps drawn at the unit's voltage, in `per` amps a count.
    Amps(f64),
}

#[derive(Debug, Clone, Copy)]
pub enum Reads {
    State(Shows),
    Fixed(i64),
}

/// One column: its OID, and where its rows differ from the unit's (Pulizzi's control
/// rows are the status rows + 1).
pub struct Column {
    pub oid: Vec<u32>,
    pub what: Col,
    pub rows: Option<Vec<Vec<u32>>>,
}

/// A unit: its outlets' rows, columns, scalars and behaviour.
pub struct Unit {
    /// Each outlet's row index, in outlet order.
    pub rows: Vec<Vec<u32>>,
    pub columns: Vec<Column>,
    pub scalars: Vec<(Vec<u32>, Object)>,
    pub names: Vec<String>,
    /// Watts each outlet draws while on.
    pub watts: Vec<f64>,
    pub volts: f64,
    /// How long a change is pending before the relay moves.
    pub delay: Duration,
    /// How long a reboot keeps the outlet off.
    pub off_time: Duration,
    /// Outlets that start off (the rest start on).
    pub off_at_start: Vec<usize>,
}

pub fn oid(text: &str) -> Vec<u32> {
    pass_persist::parse_oid(text).unwrap_or_else(|| panic!("{text} is an OID"))
}

/// Rows `before.i.after` for `n` outlets, `i` from `first`.
pub fn rows(n: usize, before: &[u32], first: u32, after: &[u32]) -> Vec<Vec<u32>> {
    (0..n as u32)
        .map(|k| {
            let mut row = before.to_vec();
            row.push(first + k);
            row.extend_from_slice(after);
            row
        })
        .collect()
}

impl Unit {
    /// A unit of `rows.len()` outlets named by `name`, each drawing 20 W more than the last
    /// from 40 W, switching at once, rebooting with a 300 ms off time.
    pub fn new(rows: Vec<Vec<u32>>, name: impl Fn(usize) -> String) -> Unit {
        let n = rows.len();
        Unit {
            names: (0..n).map(name).collect(),
            watts: (0..n).map(|k| 40.0 + 20.0 * k as f64).collect(),
            rows,
            columns: Vec::new(),
            scalars: Vec::new(),
            volts: 230.0,
            delay: Duration::ZERO,
            off_time: Duration::from_millis(300),
            off_at_start: Vec::new(),
        }
    }

    pub fn column(mut self, oid_text: &str, what: Col) -> Unit {
        self.columns.push(Column {
            oid: oid(oid_text),
            what,
            rows: None,
        });
        self
    }

    /// A column whose rows are not the unit's.
    pub fn column_at(mut self, oid_text: &str, rows: Vec<Vec<u32>>, what: Col) -> Unit {
        self.columns.push(Column {
            oid: oid(oid_text),
            what,
            rows: Some(rows),
        });
        self
    }

    pub fn scalar(mut self, oid_text: &str, value: Object) -> Unit {
        self.scalars.push((oid(oid_text), value));
        self
    }

    pub fn delay(mut self, ms: u64) -> Unit {
        self.delay = Duration::from_millis(ms);
        self
    }

    pub fn volts(mut self, volts: f64) -> Unit {
        self.volts = volts;
        self
    }

    pub fn off_at_start(mut self, outlets: &[usize]) -> Unit {
        self.off_at_start = outlets.to_vec();
        self
    }
}

/// A control column's writes, with the values written.
pub fn writes(pairs: &[(i64, Act)]) -> Vec<(i64, Act)> {
    pairs.to_vec()
}

/// One outlet's relay: its state, what is scheduled, and whether a reboot is under way.
struct Relay {
    on: bool,
    scheduled: VecDeque<(Instant, bool)>,
    rebooting: bool,
    name: String,
}

/// The device snmpd's relays talk to.
struct Device {
    unit: Unit,
    relays: Vec<Relay>,
}

impl Device {
    fn settle(&mut self) {
        let now = Instant::now();
        for relay in &mut self.relays {
            while let Some(&(due, on)) = relay.scheduled.front() {
                if due > now {
                    break;
                }
                relay.on = on;
                relay.scheduled.pop_front();
            }
            if relay.scheduled.is_empty() {
                relay.rebooting = false;
            }
        }
    }

    fn rows<'a>(&'a self, c: &'a Column) -> &'a [Vec<u32>] {
        c.rows.as_deref().unwrap_or(&self.unit.rows)
    }

    fn shown(relay: &Relay, s: &Shows) -> i64 {
        let next = relay.scheduled.front().map(|&(_, on)| on);
        match (relay.rebooting, s.cycling, next) {
            (true, Some(v), _) => v,
            (_, _, Some(true)) if !relay.on && s.pending_on.is_some() => s.pending_on.unwrap(),
            (_, _, Some(false)) if relay.on && s.pending_off.is_some() => s.pending_off.unwrap(),
            _ if relay.on => s.on,
            _ => s.off,
        }
    }

    fn value(&self, what: &Col, k: usize) -> Object {
        let relay = &self.relays[k];
        let watts = if relay.on { self.unit.watts[k] } else { 0.0 };
        match what {
            Col::Status(s)
            | Col::Control {
                reads: Reads::State(s),
                ..
            } => Object::Integer(Self::shown(relay, s)),
            Col::Control {
                reads: Reads::Fixed(v),
                ..
            } => Object::Integer(*v),
            Col::Command(_) => Object::Integer(-1),
            Col::Name { .. } => Object::Text(relay.name.clone()),
            Col::Text(texts) => Object::Text(texts[k].clone()),
            Col::Integers(values) => Object::Integer(values[k]),
            Col::Number => Object::Integer(k as i64 + 1),
            Col::Watts(per) => Object::Integer((watts / per).round() as i64),
            Col::Amps(per) => Object::Integer((watts / self.unit.volts / per).round() as i64),
        }
    }

    fn act(&mut self, k: usize, act: Act, wait: Duration) {
        let start = Instant::now() + wait + self.unit.delay;
        let off_time = self.unit.off_time;
        let relay = &mut self.relays[k];
        match act {
            Act::Nothing => {}
            Act::On | Act::Off => {
                relay.scheduled.clear();
                relay.rebooting = false;
                relay.scheduled.push_back((start, act == Act::On));
            }
            Act::Reboot => {
                relay.scheduled.clear();
                relay.rebooting = true;
                relay.scheduled.push_back((start, false));
                relay.scheduled.push_back((start + off_time, true));
            }
        }
        self.settle();
    }
}

impl Mib for Device {
    fn objects(&mut self) -> Vec<(Vec<u32>, Object)> {
        self.settle();
        let mut out = self.unit.scalars.clone();
        for c in &self.unit.columns {
            for (k, row) in self.rows(c).iter().enumerate().take(self.relays.len()) {
                let mut oid = c.oid.clone();
                oid.extend_from_slice(row);
                out.push((oid, self.value(&c.what, k)));
            }
        }
        out.sort_by(|a, b| a.0.cmp(&b.0));
        out
    }

    fn set(&mut self, oid: &[u32], typed: &str) -> &'static str {
        self.settle();
        let hit = self.unit.columns.iter().find_map(|c| {
            let index = oid.strip_prefix(&c.oid[..])?;
            let k = self.rows(c).iter().position(|r| r == index)?;
            Some((c.what.clone(), k))
        });
        let Some((what, k)) = hit else {
            return "not-writable";
        };
        match what {
            Col::Control { writes, .. } => match pass_persist::integer(typed) {
                Ok(v) => match writes.iter().find(|(value, _)| *value == v) {
                    Some(&(_, act)) => {
                        self.act(k, act, Duration::ZERO);
                        "DONE"
                    }
                    None => "wrong-value",
                },
                Err(word) => word,
            },
            Col::Command(act) => match pass_persist::integer(typed) {
                Ok(-1) => {
                    self.relays[k].scheduled.clear();
                    "DONE"
                }
                Ok(seconds @ 0..=99_999) => {
                    self.act(k, act, Duration::from_secs(seconds as u64));
                    "DONE"
                }
                Ok(_) => "wrong-value",
                Err(word) => word,
            },
            Col::Name {
                writable: true,
                longest,
            } => match pass_persist::string(typed) {
                Ok(name) if name.len() <= longest => {
                    self.relays[k].name = name;
                    "DONE"
                }
                Ok(_) => "wrong-length",
                Err(word) => word,
            },
            _ => "not-writable",
        }
    }
}

/// The device as snmpd's relays reach it: every request locks it briefly, so a relay
/// snmpd left behind cannot stall the next.
#[derive(Clone)]
struct Shared(Arc<Mutex<Device>>);

impl Mib for Shared {
    fn objects(&mut self) -> Vec<(Vec<u32>, Object)> {
        self.0.lock().unwrap().objects()
    }

    fn set(&mut self, oid: &[u32], typed: &str) -> &'static str {
        self.0.lock().unwrap().set(oid, typed)
    }
}

/// A running test device: a loopback listener serving `unit` to any relay that connects,
/// for as long as the test process lives.
pub struct TableDevice {
    port: u16,
}

impl TableDevice {
    pub fn start(unit: Unit) -> TableDevice {
        let relays = unit
            .names
            .iter()
            .enumerate()
            .map(|(k, name)| Relay {
                on: !unit.off_at_start.contains(&k),
                scheduled: VecDeque::new(),
                rebooting: false,
                name: name.clone(),
            })
            .collect();
        let shared = Shared(Arc::new(Mutex::new(Device { unit, relays })));
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        std::thread::spawn(move || {
            for stream in listener.incoming().map_while(Result::ok) {
                let mut mib = shared.clone();
                std::thread::spawn(move || serve(&mut mib, stream));
            }
        });
        TableDevice { port }
    }

    /// snmpd.conf lines that hand `subtrees` to this device (ahead of snmpd's own modules,
    /// which serve IF-MIB), with the relay script written into `dir`.
    pub fn pass_persist(&self, dir: &Path, subtrees: &[&str]) -> String {
        let script = dir.join("relay.sh");
        std::fs::write(
            &script,
            format!(
                "#!/bin/bash\n# pass_persist relay to the test device: snmpd's requests in,\n\
                 # the device's answers out; when snmpd closes the pipe, the socket closes.\n\
                 exec 3<>/dev/tcp/127.0.0.1/{}\ncat <&3 &\ncat >&3\nkill $! 2>/dev/null\n",
                self.port
            ),
        )
        .unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
        }
        subtrees
            .iter()
            .map(|s| format!("pass_persist -p 1 .{s} {}\n", script.display()))
            .collect()
    }
}

fn serve(mib: &mut Shared, stream: TcpStream) {
    let Ok(reader) = stream.try_clone() else {
        return;
    };
    pass_persist::serve(mib, BufReader::new(reader), stream);
}
