//! The simulated DLI controller's SNMP face, for net-snmp's `snmpd` to serve through its
//! `pass_persist` protocol (snmpd.conf(5)): `pductl sim dli --snmp-pass-persist --state-file F`
//! answers snmpd's `get`, `getnext` and `set` on stdin/stdout from the same state file the
//! REST simulator uses, so a change made over SNMP is seen over REST and the other way round.
//!
//! What it serves is DLI's ENERGY-OBJECT-MIB (RFC 7460, protocols/dli.md section 9):
//! `eoPowerTable` (1.3.6.1.2.1.229.1.2.1) with outlets at indices 1.. and the bus at 257;
//! `eoPower` (column 1, watts) and `eoPowerUnitMultiplier` (3) for the bus,
//! `eoPowerAdminState` (8, writable: 259 on, 257 off) and `eoPowerOperState` (9) for every
//! row; and ENTITY-MIB `entPhysicalName` (1.3.6.1.2.1.47.1.1.1.1.7) for the outlets' names.
//!
//! With per-outlet meters (`sim dli --energy-rate`, kept in the state file as
//! `outlet_meters`, so this process serves them without being told the rate) it also serves
//! each outlet's and the bus's energy as RFC 7460 cumulative counters: in
//! `eoEnergyParametersTable` (1.3.6.1.2.1.229.1.4.1, index entity.collection, the
//! collection numbered as its entity) `eoEnergyParametersIntervalNumber` (4) 1,
//! `eoEnergyParametersIntervalMode` (5) `total(3)` and `eoEnergyParametersStatus` (9)
//! `active(1)`; in `eoEnergyTable` (1.3.6.1.2.1.229.1.5.1, index collection.start, the
//! start 0: counting since before the agent started) `eoEnergyConsumed` (2, whole Wh as the
//! REST face shows them; the bus's is the outlets' sum) and `eoEnergyUnitMultiplier` (5) 0.
//! pass_persist's objects here are INTEGER or STRING only, so the Unsigned32 columns are
//! served as INTEGER.

use super::dli::{Caller, DliState};
use super::pass_persist::{self, Mib, Object};
use super::{now_ms, Store};
use crate::path::Path;
use serde_json::{json, Value};
use std::io::{BufRead, Write};

/// `eoPowerEntry`.
const EO_POWER_ENTRY: [u32; 10] = [1, 3, 6, 1, 2, 1, 229, 1, 2, 1];
/// `eoEnergyParametersEntry` and `eoEnergyEntry`.
const EO_ENERGY_PARAMETERS_ENTRY: [u32; 10] = [1, 3, 6, 1, 2, 1, 229, 1, 4, 1];
const EO_ENERGY_ENTRY: [u32; 10] = [1, 3, 6, 1, 2, 1, 229, 1, 5, 1];
/// `eoEnergyParametersIntervalMode` `total(3)` and RowStatus `active(1)`.
const INTERVAL_MODE_TOTAL: i64 = 3;
const ROW_ACTIVE: i64 = 1;
/// `entPhysicalName`.
const ENT_PHYSICAL_NAME: [u32; 11] = [1, 3, 6, 1, 2, 1, 47, 1, 1, 1, 1];
const NAME_COLUMN: u32 = 7;

/// IANAPowerStateSet values DLI uses.
pub const ON: i64 = 259;
pub const OFF: i64 = 257;
/// `unknown`: what buses report, not being switchable.
const UNKNOWN: i64 = 255;

/// The bus's row (indices from 257 are buses, dli.md 9).
const BUS: u32 = 257;

/// Every object of the subtrees, in OID order.
fn objects(state: &DliState) -> Vec<(Vec<u32>, Object)> {
    let outlets = state.tree["relay"]["outlets"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let power = state.tree["meter"]["values"]["power"]["value"]
        .as_f64()
        .unwrap_or(0.0);
    let power_state = |v: &Value| if v == &json!(true) { ON } else { OFF };
    let mut out = Vec::new();
    let row = |column: u32, index: u32| {
        let mut oid = EO_POWER_ENTRY.to_vec();
        oid.extend([column, index]);
        oid
    };
    // Column-major, as the table's OIDs sort.
    out.push((row(1, BUS), Object::Integer(power.round() as i64)));
    out.push((row(3, BUS), Object::Integer(0)));
    for (i, o) in outlets.iter().enumerate() {
        out.push((
            row(8, i as u32 + 1),
            Object::Integer(power_state(&o["state"])),
        ));
    }
    out.push((row(8, BUS), Object::Integer(UNKNOWN)));
    for (i, o) in outlets.iter().enumerate() {
        out.push((
            row(9, i as u32 + 1),
            Object::Integer(power_state(&o["physical_state"])),
        ));
    }
    out.push((row(9, BUS), Object::Integer(UNKNOWN)));
    for (i, o) in outlets.iter().enumerate() {
        let mut oid = ENT_PHYSICAL_NAME.to_vec();
        oid.extend([NAME_COLUMN, i as u32 + 1]);
        out.push((
            oid,
            Object::Text(o["name"].as_str().unwrap_or("").to_string()),
        ));
    }
    if let Some(m) = &state.outlet_meters {
        let mut counters: Vec<(u32, f64)> = (0..outlets.len())
            .map(|i| (i as u32 + 1, m.energy_wh.get(i).copied().unwrap_or(0.0)))
            .collect();
        counters.push((BUS, counters.iter().map(|(_, wh)| wh).sum()));
        for (entity, wh) in counters {
            // One collection per entity, numbered as the entity.
            let parameter = |column: u32| {
                let mut oid = EO_ENERGY_PARAMETERS_ENTRY.to_vec();
                oid.extend([column, entity, entity]);
                oid
            };
            out.push((parameter(4), Object::Integer(1)));
            out.push((parameter(5), Object::Integer(INTERVAL_MODE_TOTAL)));
            out.push((parameter(9), Object::Integer(ROW_ACTIVE)));
            let energy = |column: u32| {
                let mut oid = EO_ENERGY_ENTRY.to_vec();
                oid.extend([column, entity, 0]);
                oid
            };
            // Whole Wh, floored as the REST face floors them.
            let whole = wh.floor().clamp(0.0, f64::from(u32::MAX)) as i64;
            out.push((energy(2), Object::Integer(whole)));
            out.push((energy(5), Object::Integer(0)));
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

/// The administrator, as whom SNMP writes are made (the agent checks the community).
fn snmp_caller(state: &DliState) -> Caller {
    Caller {
        name: "snmp".into(),
        is_admin: true,
        outlet_access: vec![
            true;
            state.tree["relay"]["outlets"]
                .as_array()
                .map_or(0, Vec::len)
        ],
        ip_address: String::new(),
    }
}

/// A `set` of `eoPowerAdminState.N`: the outlet's configured state, switched as the REST
/// API would switch it. The answer is pass_persist's word for the outcome.
fn set(state: &mut DliState, oid: &[u32], typed: &str) -> &'static str {
    let Some(rest) = oid.strip_prefix(&EO_POWER_ENTRY[..]) else {
        return "not-writable";
    };
    let [8, index] = rest else {
        return "not-writable";
    };
    let outlets = state.tree["relay"]["outlets"]
        .as_array()
        .map_or(0, Vec::len);
    if *index == 0 || *index as usize > outlets {
        return "not-writable";
    }
    let on = match pass_persist::integer(typed) {
        Ok(ON) => true,
        Ok(OFF) => false,
        Ok(_) => return "wrong-value",
        Err(word) => return word,
    };
    let caller = snmp_caller(state);
    let path = Path::from_keys(&["relay", "outlets", &(index - 1).to_string(), "state"]);
    match state.put(&path, &json!(on), &caller) {
        Ok(_) => "DONE",
        // A locked outlet refuses, as over REST.
        Err(_) => "inconsistent-value",
    }
}

/// The DLI state as a MIB: every request settles the state first, as the REST face does.
struct DliMib<'a>(&'a Store<DliState>);

impl Mib for DliMib<'_> {
    fn objects(&mut self) -> Vec<(Vec<u32>, Object)> {
        self.0
            .with(|state| {
                state.settle(now_ms());
                (objects(state), false)
            })
            .unwrap_or_default()
    }

    fn set(&mut self, oid: &[u32], typed: &str) -> &'static str {
        self.0
            .with(|state| {
                state.settle(now_ms());
                let word = set(state, oid, typed);
                (word, word == "DONE")
            })
            .unwrap_or("commit-failed")
    }
}

/// Serves snmpd's requests on `input`, answering on `output`, until snmpd closes the pipe.
pub fn serve(store: &Store<DliState>, input: impl BufRead, output: impl Write) {
    pass_persist::serve(&mut DliMib(store), input, output);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(store: &Store<DliState>, input: &str) -> String {
        let mut out = Vec::new();
        serve(store, input.as_bytes(), &mut out);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn get_getnext_and_set_as_snmpd_asks() {
        let store = Store::new(
            DliState::new(2, "admin", "1234", None),
            None,
            DliState::is_well_formed,
        );
        // snmpd's requests, in order (a set changes what a later get reads), and the answers.
        for (request, answer) in [
            ("PING\n", "PONG\n"),
            (
                "get\n.1.3.6.1.2.1.229.1.2.1.9.1\n",
                ".1.3.6.1.2.1.229.1.2.1.9.1\ninteger\n257\n",
            ),
            (
                "getnext\n.1.3.6.1.2.1.229.1.2.1.8\n",
                ".1.3.6.1.2.1.229.1.2.1.8.1\ninteger\n257\n",
            ),
            (
                "getnext\n.1.3.6.1.2.1.47.1.1.1.1.7.1\n",
                ".1.3.6.1.2.1.47.1.1.1.1.7.2\nstring\nOutlet 2\n",
            ),
            ("get\n.1.3.6.1.2.1.229.1.2.1.9.9\n", "NONE\n"),
            ("set\n.1.3.6.1.2.1.229.1.2.1.8.2\ninteger 259\n", "DONE\n"),
            (
                "get\n.1.3.6.1.2.1.229.1.2.1.9.2\n",
                ".1.3.6.1.2.1.229.1.2.1.9.2\ninteger\n259\n",
            ),
            (
                "set\n.1.3.6.1.2.1.229.1.2.1.8.2\ninteger 5\n",
                "wrong-value\n",
            ),
            (
                "set\n.1.3.6.1.2.1.229.1.2.1.8.2\nstring on\n",
                "wrong-type\n",
            ),
            (
                "set\n.1.3.6.1.2.1.229.1.2.1.9.2\ninteger 257\n",
                "not-writable\n",
            ),
        ] {
            assert_eq!(run(&store, request), answer, "{request:?}");
        }
    }

    #[test]
    fn energy_counters_only_with_outlet_meters() {
        let mut state = DliState::new(2, "admin", "1234", None);
        let plain = Store::new(state.clone(), None, DliState::is_well_formed);
        assert_eq!(
            run(&plain, "getnext\n.1.3.6.1.2.1.229.1.4\n"),
            "NONE\n",
            "no energy tables without per-outlet meters"
        );
        state.meter_outlets(Some(1.0));
        let meters = state.outlet_meters.as_mut().unwrap();
        meters.energy_wh = vec![2.5, 7.75];
        // Far in the future: settling adds nothing while every outlet is off.
        meters.measured_ms = u64::MAX / 2;
        let metered = Store::new(state, None, DliState::is_well_formed);
        for (request, answer) in [
            (
                "getnext\n.1.3.6.1.2.1.229.1.4.1.5\n",
                ".1.3.6.1.2.1.229.1.4.1.5.1.1\ninteger\n3\n",
            ),
            (
                "get\n.1.3.6.1.2.1.229.1.4.1.5.257.257\n",
                ".1.3.6.1.2.1.229.1.4.1.5.257.257\ninteger\n3\n",
            ),
            (
                "get\n.1.3.6.1.2.1.229.1.5.1.2.2.0\n",
                ".1.3.6.1.2.1.229.1.5.1.2.2.0\ninteger\n7\n",
            ),
            (
                "get\n.1.3.6.1.2.1.229.1.5.1.2.257.0\n",
                ".1.3.6.1.2.1.229.1.5.1.2.257.0\ninteger\n10\n",
            ),
            (
                "getnext\n.1.3.6.1.2.1.229.1.5.1.2.257.0\n",
                ".1.3.6.1.2.1.229.1.5.1.5.1.0\ninteger\n0\n",
            ),
        ] {
            assert_eq!(run(&metered, request), answer, "{request:?}");
        }
    }
}
