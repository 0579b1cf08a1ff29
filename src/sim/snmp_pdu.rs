//! Simulated vendor PDUs over SNMP, for net-snmp's `snmpd` to serve through `pass_persist`:
//! `pductl sim snmp-pdu --model eaton-epdu-g3` answers snmpd on stdin/stdout as that unit's
//! MIB does. Each model is a table description: which columns the unit has, how each row is
//! indexed (`0.i`, `1.i`, `tower.infeed.outlet`...), how a column encodes an outlet's state,
//! and what a write to a control column does. One outlet model underneath links them, so a
//! write to a control column shows in the status column of the same outlet, after the
//! unit's switching delay and with its transitional values (Eaton pendingOn, Sentry onWait)
//! in between, as the real units report.
//!
//! Facts come from the vendors' MIBs and public captures (protocols/drivers.md section 3;
//! counts, names and meter values of captured units where a capture has them). The state
//! lives in the process: snmpd keeps a pass_persist child for its lifetime.

use super::pass_persist::{self, parse_oid, Mib, Object};
use std::collections::VecDeque;
use std::io::{BufRead, Write};
use std::time::{Duration, Instant};

/// The units `pductl sim snmp-pdu` can be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum PduModel {
    /// APC AP8641 (AOS 6.x rpdu2g): rPDU2, rPDU and sPDU tables over the same 24 outlets
    ApcAp8641,
    /// APC AP7900 (older AOS): rPDU and sPDU tables, 8 outlets
    ApcAp7900,
    /// APC AP9211 MasterSwitch: the sPDU table alone, 8 outlets
    ApcAp9211,
    /// APC AP7853 metered PDU: counts, no switched outlets
    ApcAp7853,
    /// Raritan PX2 (PDU2-MIB), 8 outlets, sensor values with decimal digits
    RaritanPx2,
    /// Eaton ePDU G3 (EATON-EPDU-MIB), 8 outlets, separate on/off/reboot command columns
    EatonEpduG3,
    /// ServerTech Sentry CW-24VDD (Sentry3-MIB), 24 outlets as 1.1.1..1.3.8
    Sentry3,
    /// ServerTech/Vertiv Sentry4 Smart PDU (Sentry4-MIB), 36 outlets as 1.1.1..1.1.36
    Sentry4,
    /// CyberPower PDU81001 ePDU (CPS-MIB), 8 outlets
    Cyberpower,
    /// Tripp Lite PDU with an LX network card (TRIPPLITE-PRODUCTS), 8 outlets
    TrippliteLx,
}

/// What writing a control value does.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Action {
    On,
    Off,
    Reboot,
    /// Accepted and ignored (`none`, `idle`).
    Nothing,
    /// Cancels what is pending.
    Cancel,
}

/// What a column of the outlet table holds.
#[derive(Debug, Clone)]
enum Column {
    /// The outlet's state: `on`/`off`, and while a change is pending, `pending_on` /
    /// `pending_off` where the MIB has such values.
    Status {
        on: i64,
        off: i64,
        pending_on: Option<i64>,
        pending_off: Option<i64>,
    },
    /// Written values and their actions; reads back `reads` (a state encoding, or a fixed
    /// value such as `idle`).
    Control {
        actions: &'static [(i64, Action)],
        reads: Reads,
    },
    /// Eaton's command columns: the value written is a delay in seconds before `action`
    /// (0 at once, -1 cancels); reads back -1 (no countdown).
    Delayed(Action),
    Name {
        writable: bool,
    },
    /// The label printed on the unit: "1", "2"...
    Label,
    /// Sentry's outlet id: tower letter, infeed letter, number ("AA1").
    SentryId,
    /// The outlet's number, from 1.
    Number,
    Integer(i64),
    /// A meter: the value in this many of its units per count (0.1 for APC's tenths of an
    /// amp).
    Meter(Quantity, f64),
}

#[derive(Debug, Clone, Copy)]
enum Reads {
    State { on: i64, off: i64 },
    Fixed(i64),
}

#[derive(Debug, Clone, Copy)]
enum Quantity {
    Watts,
    Amps,
    Volts,
    WattHours,
}

/// How an outlet's row index is written after the column.
#[derive(Debug, Clone)]
enum Rows {
    /// `i` (from 1), with fixed arcs before and after: `1.i` (Raritan's pduId), `0.i`
    /// (Eaton's strapping), `1.i.5` (a Raritan sensor type).
    Around(&'static [u32], &'static [u32]),
    /// Sentry3's `tower.infeed.outlet`, `per` outlets to an infeed, tower 1.
    Infeeds { per: usize },
}

struct Table {
    column: Vec<u32>,
    rows: Rows,
    what: Column,
}

/// A scalar: a fixed value, or the number of outlets.
enum Scalar {
    Count,
    Integer(i64),
    Text(&'static str),
}

/// One of a vendor's tables: its columns and the scalars that go with it (a count).
type TableSet = (Vec<Table>, Vec<(Vec<u32>, Scalar)>);

struct Spec {
    tables: Vec<Table>,
    scalars: Vec<(Vec<u32>, Scalar)>,
    /// One per outlet.
    names: Vec<String>,
    /// Watts each outlet draws when on.
    watts: Vec<f64>,
    volts: f64,
    /// How long a change stays pending before the relay moves.
    delay: Duration,
}

/// A control column as APC's (and CyberPower's, which copies its layout): the actions
/// written, reading back 1 while the outlet is on and 2 while it is off.
fn reads_1_on(actions: &'static [(i64, Action)]) -> Column {
    Column::Control {
        actions,
        reads: Reads::State { on: 1, off: 2 },
    }
}

fn oid(text: &str) -> Vec<u32> {
    parse_oid(text).unwrap_or_default()
}

fn table(column: &str, rows: Rows, what: Column) -> Table {
    Table {
        column: oid(column),
        rows,
        what,
    }
}

const PLAIN: Rows = Rows::Around(&[], &[]);

fn named(outlets: usize, name: impl Fn(usize) -> String) -> Vec<String> {
    (0..outlets).map(name).collect()
}

impl PduModel {
    fn spec(self) -> Spec {
        use Action::*;
        use Column::*;
        use Quantity::*;
        let apc_1_on = Status {
            on: 1,
            off: 2,
            pending_on: None,
            pending_off: None,
        };
        // APC AOS 6.x units answer all three tables over the same outlets; older ones lack
        // rPDU2, MasterSwitch units have sPDU alone (drivers.md: lextudio walks, fence, NUT).
        let spdu = || -> TableSet {
            (
                vec![
                    table(
                        "1.3.6.1.4.1.318.1.1.4.4.2.1.3",
                        PLAIN,
                        reads_1_on(&[
                            (1, On),
                            (2, Off),
                            (3, Reboot),
                            (5, Nothing),
                            (6, Nothing),
                            (7, Nothing),
                        ]),
                    ),
                    table(
                        "1.3.6.1.4.1.318.1.1.4.4.2.1.4",
                        PLAIN,
                        Name { writable: false },
                    ),
                    table(
                        "1.3.6.1.4.1.318.1.1.4.5.2.1.3",
                        PLAIN,
                        Name { writable: true },
                    ),
                ],
                vec![(oid("1.3.6.1.4.1.318.1.1.4.4.1.0"), Scalar::Count)],
            )
        };
        let rpdu = || -> TableSet {
            (
                vec![
                    table(
                        "1.3.6.1.4.1.318.1.1.12.3.3.1.1.4",
                        PLAIN,
                        reads_1_on(&[
                            (1, On),
                            (2, Off),
                            (3, Reboot),
                            (4, Nothing),
                            (5, Nothing),
                            (6, Nothing),
                            (7, Cancel),
                        ]),
                    ),
                    // rPDUOutletConfigOutletName: the name, read-write (the status table's
                    // rPDUOutletStatusOutletName reads it).
                    table(
                        "1.3.6.1.4.1.318.1.1.12.3.4.1.1.2",
                        PLAIN,
                        Name { writable: true },
                    ),
                    table(
                        "1.3.6.1.4.1.318.1.1.12.3.5.1.1.2",
                        PLAIN,
                        Name { writable: false },
                    ),
                    table("1.3.6.1.4.1.318.1.1.12.3.5.1.1.4", PLAIN, apc_1_on.clone()),
                ],
                vec![(oid("1.3.6.1.4.1.318.1.1.12.3.1.3.0"), Scalar::Count)],
            )
        };
        let rpdu2 = || -> TableSet {
            (
                vec![
                    // rPDU2OutletSwitchedConfigName: the name, read-write (the status table's
                    // rPDU2OutletSwitchedStatusName reads it).
                    table(
                        "1.3.6.1.4.1.318.1.1.26.9.2.1.1.3",
                        PLAIN,
                        Name { writable: true },
                    ),
                    table("1.3.6.1.4.1.318.1.1.26.9.2.3.1.2", PLAIN, Integer(1)),
                    table(
                        "1.3.6.1.4.1.318.1.1.26.9.2.3.1.3",
                        PLAIN,
                        Name { writable: false },
                    ),
                    table("1.3.6.1.4.1.318.1.1.26.9.2.3.1.4", PLAIN, Number),
                    table(
                        "1.3.6.1.4.1.318.1.1.26.9.2.3.1.5",
                        PLAIN,
                        Status {
                            on: 2,
                            off: 1,
                            pending_on: None,
                            pending_off: None,
                        },
                    ),
                    table(
                        "1.3.6.1.4.1.318.1.1.26.9.2.4.1.5",
                        PLAIN,
                        reads_1_on(&[
                            (1, On),
                            (2, Off),
                            (3, Reboot),
                            (5, Nothing),
                            (6, Nothing),
                            (7, Nothing),
                            (8, Cancel),
                        ]),
                    ),
                    table("1.3.6.1.4.1.318.1.1.26.9.4.3.1.6", PLAIN, Meter(Amps, 0.1)),
                    table("1.3.6.1.4.1.318.1.1.26.9.4.3.1.7", PLAIN, Meter(Watts, 1.0)),
                    table(
                        "1.3.6.1.4.1.318.1.1.26.9.4.3.1.11",
                        PLAIN,
                        Meter(WattHours, 100.0),
                    ),
                ],
                vec![(oid("1.3.6.1.4.1.318.1.1.26.4.2.1.5.1"), Scalar::Count)],
            )
        };
        let apc = |n: usize, parts: Vec<TableSet>, model: &'static str| {
            let mut tables = Vec::new();
            let mut scalars = vec![(oid("1.3.6.1.4.1.318.1.1.4.1.4.0"), Scalar::Text(model))];
            for (t, s) in parts {
                tables.extend(t);
                scalars.extend(s);
            }
            Spec {
                tables,
                scalars,
                names: named(n, |i| format!("Outlet {}", i + 1)),
                watts: (0..n).map(|i| 12.0 + 4.0 * i as f64).collect(),
                volts: 230.0,
                delay: Duration::ZERO,
            }
        };
        match self {
            PduModel::ApcAp8641 => apc(24, vec![rpdu2(), rpdu(), spdu()], "AP8641"),
            PduModel::ApcAp7900 => apc(8, vec![rpdu(), spdu()], "AP7900"),
            PduModel::ApcAp9211 => apc(8, vec![spdu()], "AP9211"),
            // Metered: it says it has no switched outlets (NAV's AP7853 walk).
            PduModel::ApcAp7853 => Spec {
                tables: Vec::new(),
                scalars: vec![
                    (oid("1.3.6.1.4.1.318.1.1.4.1.4.0"), Scalar::Text("AP7853")),
                    (oid("1.3.6.1.4.1.318.1.1.12.3.1.3.0"), Scalar::Integer(0)),
                ],
                names: Vec::new(),
                watts: Vec::new(),
                volts: 230.0,
                delay: Duration::ZERO,
            },
            PduModel::RaritanPx2 => {
                let sensor = |kind: &'static [u32], q: Quantity, per: f64| {
                    table(
                        "1.3.6.1.4.1.13742.6.5.4.3.1.4",
                        Rows::Around(&[1], kind),
                        Meter(q, per),
                    )
                };
                let digits = |kind: &'static [u32], d: i64| {
                    table(
                        "1.3.6.1.4.1.13742.6.3.5.4.1.7",
                        Rows::Around(&[1], kind),
                        Integer(d),
                    )
                };
                let n = 8;
                Spec {
                    tables: vec![
                        table(
                            "1.3.6.1.4.1.13742.6.3.5.3.1.2",
                            Rows::Around(&[1], &[]),
                            Label,
                        ),
                        table(
                            "1.3.6.1.4.1.13742.6.3.5.3.1.3",
                            Rows::Around(&[1], &[]),
                            Name { writable: true },
                        ),
                        table(
                            "1.3.6.1.4.1.13742.6.3.5.3.1.28",
                            Rows::Around(&[1], &[]),
                            Integer(1),
                        ),
                        table(
                            "1.3.6.1.4.1.13742.6.4.1.2.1.2",
                            Rows::Around(&[1], &[]),
                            Control {
                                actions: &[(0, Off), (1, On), (2, Reboot)],
                                reads: Reads::State { on: 1, off: 0 },
                            },
                        ),
                        table(
                            "1.3.6.1.4.1.13742.6.4.1.2.1.3",
                            Rows::Around(&[1], &[]),
                            Status {
                                on: 7,
                                off: 8,
                                pending_on: None,
                                pending_off: None,
                            },
                        ),
                        // Types 1 rmsCurrent, 4 rmsVoltage, 5 activePower, 8 activeEnergy,
                        // with the capture's digits: current 3, the others 0.
                        sensor(&[1], Amps, 0.001),
                        sensor(&[4], Volts, 1.0),
                        sensor(&[5], Watts, 1.0),
                        sensor(&[8], WattHours, 1.0),
                        digits(&[1], 3),
                        digits(&[4], 0),
                        digits(&[5], 0),
                        digits(&[8], 0),
                    ],
                    scalars: vec![(oid("1.3.6.1.4.1.13742.6.3.2.2.1.4.1"), Scalar::Count)],
                    // The LibreNMS PX2 capture: outlet 1 has no name (its label is "1") and
                    // draws 68 W at 0.311 A.
                    names: named(n, |i| {
                        if i == 0 {
                            String::new()
                        } else {
                            format!("Server {}", i + 1)
                        }
                    }),
                    watts: (0..n).map(|i| 68.0 + 10.0 * i as f64).collect(),
                    volts: 218.6,
                    delay: Duration::from_millis(200),
                }
            }
            PduModel::EatonEpduG3 => {
                let at = |c: &str| format!("1.3.6.1.4.1.534.6.6.7.{c}");
                let rows = || Rows::Around(&[0], &[]);
                let n = 8;
                Spec {
                    tables: vec![
                        table(&at("6.1.1.3"), rows(), Name { writable: true }),
                        table(&at("6.4.1.3"), rows(), Meter(Amps, 0.001)),
                        table(&at("6.5.1.3"), rows(), Meter(Watts, 1.0)),
                        table(&at("6.5.1.4"), rows(), Meter(WattHours, 1.0)),
                        table(
                            &at("6.6.1.2"),
                            rows(),
                            Status {
                                on: 1,
                                off: 0,
                                pending_on: Some(3),
                                pending_off: Some(2),
                            },
                        ),
                        table(&at("6.6.1.3"), rows(), Delayed(Off)),
                        table(&at("6.6.1.4"), rows(), Delayed(On)),
                        table(&at("6.6.1.5"), rows(), Delayed(Reboot)),
                        table(&at("6.6.1.9"), rows(), Integer(2)),
                    ],
                    scalars: vec![(oid(&at("1.2.1.22.0")), Scalar::Count)],
                    names: named(n, |i| format!("Outlet A{}", i + 1)),
                    watts: (0..n).map(|i| 25.0 + 5.0 * i as f64).collect(),
                    volts: 230.0,
                    delay: Duration::from_millis(800),
                }
            }
            PduModel::Sentry3 => {
                let at = |c: &str| format!("1.3.6.1.4.1.1718.3.2.3.1.{c}");
                let rows = || Rows::Infeeds { per: 8 };
                let n = 24;
                Spec {
                    tables: vec![
                        table(&at("2"), rows(), SentryId),
                        table(&at("3"), rows(), Name { writable: true }),
                        // offWait 2, onWait 3 while a change is pending.
                        table(
                            &at("5"),
                            rows(),
                            Status {
                                on: 1,
                                off: 0,
                                pending_on: Some(3),
                                pending_off: Some(2),
                            },
                        ),
                        table(&at("7"), rows(), Meter(Amps, 0.01)),
                        // outletControlState: on 5 / off 4 (what labgrid reads on CW-24VDD and
                        // 4805-XLS-16), pendOn 10 / pendOff 11.
                        table(
                            &at("10"),
                            rows(),
                            Status {
                                on: 5,
                                off: 4,
                                pending_on: Some(10),
                                pending_off: Some(11),
                            },
                        ),
                        table(
                            &at("11"),
                            rows(),
                            Control {
                                actions: &[(0, Nothing), (1, On), (2, Off), (3, Reboot)],
                                reads: Reads::Fixed(0),
                            },
                        ),
                        table(&at("14"), rows(), Meter(Watts, 1.0)),
                    ],
                    scalars: (1..=3)
                        .map(|f| {
                            (
                                oid(&format!("1.3.6.1.4.1.1718.3.2.2.1.9.1.{f}")),
                                Scalar::Integer(8),
                            )
                        })
                        .collect(),
                    names: named(n, |i| format!("Rack{}_{}", i / 8 + 1, i % 8 + 1)),
                    watts: (0..n).map(|i| 40.0 + i as f64).collect(),
                    volts: 208.0,
                    delay: Duration::from_millis(800),
                }
            }
            PduModel::Sentry4 => {
                let at = |c: &str| format!("1.3.6.1.4.1.1718.4.1.8.{c}");
                let rows = || Rows::Around(&[1, 1], &[]);
                // The LibreNMS Sentry4 capture's st4InputCordOutletCount: 36.
                let n = 36;
                Spec {
                    tables: vec![
                        table(&at("2.1.3"), rows(), Name { writable: true }),
                        table(
                            &at("3.1.1"),
                            rows(),
                            Status {
                                on: 1,
                                off: 2,
                                pending_on: None,
                                pending_off: None,
                            },
                        ),
                        table(&at("3.1.3"), rows(), Meter(Amps, 0.01)),
                        table(&at("3.1.7"), rows(), Meter(Watts, 1.0)),
                        table(
                            &at("5.1.2"),
                            rows(),
                            Control {
                                actions: &[
                                    (1, On),
                                    (2, Off),
                                    (3, Reboot),
                                    (4, Nothing),
                                    (5, Nothing),
                                    (6, Nothing),
                                ],
                                reads: Reads::Fixed(0),
                            },
                        ),
                    ],
                    scalars: vec![(oid("1.3.6.1.4.1.1718.4.1.3.2.1.24.1.1"), Scalar::Count)],
                    names: named(n, |i| format!("AA{}", i + 1)),
                    watts: (0..n).map(|i| 15.0 + 2.0 * i as f64).collect(),
                    volts: 208.0,
                    delay: Duration::from_millis(300),
                }
            }
            PduModel::Cyberpower => {
                let at = |c: &str| format!("1.3.6.1.4.1.3808.1.1.3.3.{c}");
                let n = 8;
                Spec {
                    tables: vec![
                        table(
                            &at("3.1.1.4"),
                            PLAIN,
                            reads_1_on(&[
                                (1, On),
                                (2, Off),
                                (3, Reboot),
                                (4, Nothing),
                                (5, Nothing),
                                (6, Nothing),
                                (7, Cancel),
                                (8, Nothing),
                            ]),
                        ),
                        table(&at("5.1.1.2"), PLAIN, Name { writable: false }),
                        table(&at("5.1.1.4"), PLAIN, apc_1_on.clone()),
                        table(&at("5.1.1.7"), PLAIN, Meter(Amps, 0.1)),
                        table(&at("5.1.1.8"), PLAIN, Meter(Watts, 1.0)),
                    ],
                    scalars: vec![(oid(&at("1.3.0")), Scalar::Count)],
                    names: named(n, |i| format!("Outlet{}", i + 1)),
                    watts: (0..n).map(|i| 30.0 + 3.0 * i as f64).collect(),
                    volts: 120.0,
                    delay: Duration::ZERO,
                }
            }
            PduModel::TrippliteLx => {
                let at = |c: &str| format!("1.3.6.1.4.1.850.1.1.3.2.3.3.1.1.{c}");
                let rows = || Rows::Around(&[1], &[]);
                let n = 8;
                Spec {
                    tables: vec![
                        table(&at("2"), rows(), Name { writable: true }),
                        table(
                            &at("4"),
                            rows(),
                            Status {
                                on: 2,
                                off: 1,
                                pending_on: None,
                                pending_off: None,
                            },
                        ),
                        table(
                            &at("6"),
                            rows(),
                            Control {
                                actions: &[(0, Nothing), (1, Off), (2, On), (3, Reboot)],
                                reads: Reads::Fixed(0),
                            },
                        ),
                        table(&at("8"), rows(), Meter(Amps, 0.01)),
                        table(&at("9"), rows(), Meter(Watts, 1.0)),
                    ],
                    scalars: vec![(oid("1.3.6.1.4.1.850.1.1.3.2.1.2.1.4.1"), Scalar::Count)],
                    names: named(n, |i| format!("Load {}", i + 1)),
                    watts: (0..n).map(|i| 20.0 + 6.0 * i as f64).collect(),
                    volts: 120.0,
                    delay: Duration::from_millis(200),
                }
            }
        }
    }
}

/// One outlet's relay: its state now, and the changes scheduled.
#[derive(Debug, Clone)]
struct Relay {
    on: bool,
    /// (when, state): applied in order as time passes.
    scheduled: VecDeque<(Instant, bool)>,
    name: String,
}

/// A simulated unit: its tables over its relays.
pub struct SnmpPdu {
    spec: Spec,
    relays: Vec<Relay>,
    /// How long a reboot keeps the outlet off.
    off_time: Duration,
}

impl SnmpPdu {
    /// A unit with every outlet on; `delay` and `off_time` override the model's timing.
    pub fn new(model: PduModel, delay: Option<Duration>, off_time: Duration) -> SnmpPdu {
        let mut spec = model.spec();
        if let Some(delay) = delay {
            spec.delay = delay;
        }
        let relays = spec
            .names
            .iter()
            .map(|name| Relay {
                on: true,
                scheduled: VecDeque::new(),
                name: name.clone(),
            })
            .collect();
        SnmpPdu {
            spec,
            relays,
            off_time,
        }
    }

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
        }
    }

    /// The row index of outlet `i` (from 0) in a table.
    fn row(rows: &Rows, i: usize) -> Vec<u32> {
        match rows {
            Rows::Around(before, after) => {
                let mut row = before.to_vec();
                row.push(i as u32 + 1);
                row.extend_from_slice(after);
                row
            }
            Rows::Infeeds { per } => vec![1, (i / per) as u32 + 1, (i % per) as u32 + 1],
        }
    }

    /// The outlet a row index names.
    fn outlet(&self, rows: &Rows, index: &[u32]) -> Option<usize> {
        (0..self.relays.len()).find(|&i| Self::row(rows, i) == index)
    }

    fn value(&self, what: &Column, i: usize) -> Object {
        let relay = &self.relays[i];
        let pending = relay.scheduled.front().map(|&(_, on)| on);
        let watts = if relay.on { self.spec.watts[i] } else { 0.0 };
        match *what {
            Column::Status {
                on,
                off,
                pending_on,
                pending_off,
            } => Object::Integer(match (pending, pending_on, pending_off) {
                (Some(true), Some(v), _) => v,
                (Some(false), _, Some(v)) => v,
                _ if relay.on => on,
                _ => off,
            }),
            Column::Control { reads, .. } => Object::Integer(match reads {
                Reads::State { on, off } => {
                    if relay.on {
                        on
                    } else {
                        off
                    }
                }
                Reads::Fixed(v) => v,
            }),
            Column::Delayed(_) => Object::Integer(-1),
            Column::Name { .. } => Object::Text(relay.name.clone()),
            Column::Label => Object::Text((i + 1).to_string()),
            Column::SentryId => Object::Text(format!(
                "A{}{}",
                char::from(b'A' + (i / 8 % 26) as u8),
                i % 8 + 1
            )),
            Column::Number => Object::Integer(i as i64 + 1),
            Column::Integer(v) => Object::Integer(v),
            Column::Meter(quantity, per) => {
                let value = match quantity {
                    Quantity::Watts => watts,
                    Quantity::Amps => watts / self.spec.volts,
                    Quantity::Volts => self.spec.volts,
                    Quantity::WattHours => 1000.0 * (i as f64 + 1.0),
                };
                Object::Integer((value / per).round() as i64)
            }
        }
    }

    /// Schedules `action` on outlet `i` after `wait` plus the unit's switching delay.
    fn act(&mut self, i: usize, action: Action, wait: Duration) {
        let start = Instant::now() + wait + self.spec.delay;
        let off_time = self.off_time;
        let relay = &mut self.relays[i];
        match action {
            Action::Nothing => return,
            Action::Cancel => relay.scheduled.clear(),
            Action::On | Action::Off => {
                relay.scheduled.clear();
                relay.scheduled.push_back((start, action == Action::On));
            }
            Action::Reboot => {
                relay.scheduled.clear();
                relay.scheduled.push_back((start, false));
                relay.scheduled.push_back((start + off_time, true));
            }
        }
        self.settle();
    }
}

impl Mib for SnmpPdu {
    fn objects(&mut self) -> Vec<(Vec<u32>, Object)> {
        self.settle();
        let mut out = Vec::new();
        for (oid, scalar) in &self.spec.scalars {
            let value = match scalar {
                Scalar::Count => Object::Integer(self.relays.len() as i64),
                Scalar::Integer(v) => Object::Integer(*v),
                Scalar::Text(t) => Object::Text(t.to_string()),
            };
            out.push((oid.clone(), value));
        }
        for t in &self.spec.tables {
            for i in 0..self.relays.len() {
                let mut oid = t.column.clone();
                oid.extend(Self::row(&t.rows, i));
                out.push((oid, self.value(&t.what, i)));
            }
        }
        out.sort_by(|a, b| a.0.cmp(&b.0));
        out
    }

    fn set(&mut self, oid: &[u32], typed: &str) -> &'static str {
        self.settle();
        let Some((what, i)) = self.spec.tables.iter().find_map(|t| {
            let index = oid.strip_prefix(&t.column[..])?;
            Some((t.what.clone(), self.outlet(&t.rows, index)?))
        }) else {
            return "not-writable";
        };
        match what {
            Column::Control { actions, .. } => match pass_persist::integer(typed) {
                Ok(v) => match actions.iter().find(|(code, _)| *code == v) {
                    Some(&(_, action)) => {
                        self.act(i, action, Duration::ZERO);
                        "DONE"
                    }
                    None => "wrong-value",
                },
                Err(word) => word,
            },
            Column::Delayed(action) => match pass_persist::integer(typed) {
                Ok(-1) => {
                    self.act(i, Action::Cancel, Duration::ZERO);
                    "DONE"
                }
                Ok(seconds @ 0..=99_999) => {
                    self.act(i, action, Duration::from_secs(seconds as u64));
                    "DONE"
                }
                Ok(_) => "wrong-value",
                Err(word) => word,
            },
            Column::Name { writable: true } => match pass_persist::string(typed) {
                Ok(name) if name.len() <= 64 => {
                    self.relays[i].name = name;
                    "DONE"
                }
                Ok(_) => "wrong-length",
                Err(word) => word,
            },
            _ => "not-writable",
        }
    }
}

/// Serves snmpd's requests on `input`, answering on `output`, until snmpd closes the pipe.
pub fn serve(pdu: &mut SnmpPdu, input: impl BufRead, output: impl Write) {
    pass_persist::serve(pdu, input, output);
}
