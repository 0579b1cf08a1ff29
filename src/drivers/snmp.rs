//! The SNMP backend of driver files: the file's `list` column is walked (GETBULK) to find
//! the outlets' rows, each column the file reads is walked once more, and an outlet's item is
//! its row of each column, named by the column as the file writes it (which is what the
//! engine's reads look up). Writes SET the file's OID template to an INTEGER or an OCTET
//! STRING. A `packed` list is one object holding every outlet's value (DigiPower's
//! `"1,0,1,..."`): it and each column read are split into one item per outlet.

use super::engine::{Backend, DriverEngine, Wants};
use super::{fill, Driver, DriverFile, Filling, Request, Variant};
use crate::error::{Error, Result};
use crate::retry::Repeat;
use crate::transport::snmp::{oid_text, parse_oid, Snmp};
use crate::transport::{DeviceConfig, MAX_OUTLETS};
use async_trait::async_trait;
use serde_json::{json, Map, Value};

/// A driver file whose transport is SNMP, ready to serve.
pub fn driver_snmp(device: &DeviceConfig, driver: &Driver) -> Result<DriverEngine<SnmpBackend>> {
    let backend = SnmpBackend {
        snmp: Snmp::new(device)?,
        file: driver.file.clone(),
        name: format!("driver {}", driver.file.driver.id),
        rows: std::sync::Mutex::new(Vec::new()),
    };
    Ok(DriverEngine::new(backend, driver.file.clone()))
}

/// The outlets' rows as walked, each with its item (the columns read, by their names in
/// the file).
type Rows = Vec<(Vec<u64>, Map<String, Value>)>;

pub struct SnmpBackend {
    snmp: Snmp,
    file: DriverFile,
    /// `driver apc`, for messages.
    name: String,
    /// The outlets' row indices from the last read, for `{row}` in writes (the engine reads
    /// the outlets before every write).
    rows: std::sync::Mutex<Vec<Vec<u64>>>,
}

impl SnmpBackend {
    /// The objects a read of `variant` needs, as the file writes them (a checked file's are
    /// OIDs, or templates naming `{row}`/`{i}`/`{n}`): the state, and what `wants` names.
    fn sources(variant: &Variant, wants: Wants) -> Vec<&str> {
        let o = &variant.outlets;
        let mut reads = vec![&o.state.read];
        if wants.pending {
            reads.extend(o.state.pending.iter());
        }
        if wants.names {
            if let Some(name) = &o.name {
                reads.push(&name.read);
                reads.extend(name.fallback.iter());
            }
        }
        if wants.meters {
            reads.extend(variant.meter.iter().map(|m| &m.read));
        }
        // Writes name outlets by their id: read it with the state.
        reads.extend(o.id.iter().map(|id| &id.read));
        let mut sources: Vec<&str> = Vec::new();
        // The column an item filter looks at is read with the rest.
        if let Some(oid) = o.list.filter.as_ref().and_then(|f| f.oid.as_deref()) {
            sources.push(oid);
        }
        for read in reads {
            for oid in read.oid.iter().chain(read.digits.iter()) {
                if !sources.contains(&oid.as_str()) {
                    sources.push(oid);
                }
            }
        }
        sources
    }

    fn oid(&self, text: &str) -> Result<Vec<u64>> {
        parse_oid(text)
            .ok_or_else(|| Error::usage(format!("{}: \"{text}\" is not an OID", self.name)))
    }

    /// A `packed` list: one object (the list column's one row) holds every outlet's value,
    /// and each column read is split the same way; outlet k's item has piece k of each.
    fn unpacked(&self, rows: Rows, list: &str, packing: &str, reverse: bool) -> Result<Rows> {
        let packing = super::text::Packing::named(packing).ok_or_else(|| {
            Error::usage(format!(
                "{}: packed is one of {}",
                self.name,
                super::text::Packing::NAMES
            ))
        })?;
        let [(row, item)] = <[_; 1]>::try_from(rows).map_err(|rows: Vec<_>| {
            Error::BadResponse(format!(
                "{} has {} rows under {list}, where the {} file reads one string of every \
                 outlet",
                self.device(),
                rows.len(),
                self.name
            ))
        })?;
        let mut split: Vec<(String, Vec<String>)> = Vec::new();
        for (source, value) in item {
            let Some(text) = value.as_str() else {
                return Err(Error::BadResponse(format!(
                    "{} sent {value} at {source}, not the string of every outlet the {} file \
                     reads",
                    self.device(),
                    self.name
                )));
            };
            let pieces = super::text::split(packing, text, reverse).map_err(|why| {
                Error::BadResponse(format!(
                    "{} sent {why} at {source} ({})",
                    self.device(),
                    self.name
                ))
            })?;
            split.push((source, pieces));
        }
        // As many outlets as the list's string has pieces (where the file reads it as a
        // field; else the longest string).
        let count = split
            .iter()
            .find(|(source, _)| source == list)
            .or_else(|| split.iter().max_by_key(|(_, pieces)| pieces.len()))
            .map_or(0, |(_, pieces)| pieces.len());
        Ok((0..count)
            .map(|k| {
                let item = split
                    .iter()
                    .filter_map(|(source, pieces)| Some((source.clone(), json!(pieces.get(k)?))))
                    .collect();
                (row.clone(), item)
            })
            .collect())
    }

    /// A template's object for the outlet `n` at `row`.
    fn row_oid(&self, template: &str, n: usize, row: &[u64]) -> Result<Vec<u64>> {
        let base = self.file.driver.index_base;
        let named = [("row", oid_text(row))];
        self.oid(&fill(template, n, base, None, Filling::Text, &named))
    }
}

#[async_trait]
impl Backend for SnmpBackend {
    fn write_attempts(&self) -> u32 {
        self.snmp.write_attempts()
    }

    fn device(&self) -> &str {
        self.snmp.label()
    }

    async fn items(&self, variant: &Variant, wants: Wants) -> Result<Vec<Value>> {
        let list_text = variant.outlets.list.walk.as_deref().unwrap_or_default();
        let list = self.oid(list_text)?;
        let rows = self.snmp.walk_column(&list).await?;
        if rows.len() > MAX_OUTLETS {
            return Err(Error::BadResponse(format!(
                "{} has {} rows under {}, more than any device has outlets",
                self.device(),
                rows.len(),
                oid_text(&list)
            )));
        }
        let mut items: Rows = rows
            .iter()
            .map(|(row, _)| (row.clone(), Map::new()))
            .collect();
        for source in Self::sources(variant, wants) {
            if source.contains('{') {
                // Each outlet's own object, in as few GETs as the agent allows.
                let oids = items
                    .iter()
                    .enumerate()
                    .map(|(n, (row, _))| self.row_oid(source, n, row))
                    .collect::<Result<Vec<_>>>()?;
                let values = self.snmp.get_json(&oids).await?;
                for ((_, item), value) in items.iter_mut().zip(values) {
                    if let Some(value) = value {
                        item.insert(source.to_string(), value);
                    }
                }
                continue;
            }
            let column = self.oid(source)?;
            let walked = if column == list {
                rows.clone()
            } else {
                self.snmp.walk_column(&column).await?
            };
            // Matched by row index: a column may lack rows the list has (left out of the
            // item, which the engine reports, or skips for an optional meter).
            let values: std::collections::BTreeMap<Vec<u64>, Value> = walked.into_iter().collect();
            for (row, item) in &mut items {
                if let Some(value) = values.get(row) {
                    item.insert(source.to_string(), value.clone());
                }
            }
            // Outlet n is the n-th row the filter keeps (its column is read first), for the
            // other reads' `{n}` and for `{row}` in writes.
            if let Some(filter) = variant.outlets.list.filter.as_ref() {
                if filter.oid.as_deref() == Some(source) {
                    items.retain(|(_, item)| filter.keeps(&Value::Object(item.clone())));
                }
            }
        }
        if let Some(packing) = variant.outlets.list.packed.as_deref() {
            items = self.unpacked(items, list_text, packing, variant.outlets.list.reverse)?;
        }
        if let Ok(mut known) = self.rows.lock() {
            *known = items.iter().map(|(row, _)| row.clone()).collect();
        }
        Ok(items
            .into_iter()
            .map(|(_, item)| Value::Object(item))
            .collect())
    }

    async fn send(
        &self,
        request: &Request,
        n: usize,
        id: Option<&str>,
        value: Option<&Value>,
        repeat: Repeat,
    ) -> Result<()> {
        let base = self.file.driver.index_base;
        let template = request.oid.as_deref().unwrap_or_default();
        let mut named: Vec<(&str, String)> =
            id.map(|id| ("id", id.to_string())).into_iter().collect();
        // The row as the last read walked it (the engine reads before every write).
        if template.contains("{row}") {
            let row = self
                .rows
                .lock()
                .ok()
                .and_then(|rows| rows.get(n).map(|r| oid_text(r)))
                .ok_or_else(|| {
                    Error::NotFound(format!("{} has no row for outlet {n}", self.device()))
                })?;
            named.push(("row", row));
        }
        let fill = |template: &str| fill(template, n, base, value, Filling::Text, &named);
        let oid = self.oid(&fill(template))?;
        let set = match (&request.integer, &request.string) {
            (Some(template), _) => {
                let text = fill(template);
                let number: i64 = text.trim().parse().map_err(|_| {
                    Error::usage(format!(
                        "{}: the INTEGER to set, \"{text}\", is not a whole number",
                        self.name
                    ))
                })?;
                json!(number)
            }
            (None, Some(template)) => json!(fill(template)),
            (None, None) => {
                return Err(Error::usage(format!(
                    "{}: an SNMP request names integer or string",
                    self.name
                )))
            }
        };
        self.snmp.set_json(oid, &set, repeat).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{any_json, loopback_device};
    use crate::transport::{AuthScheme, Protocol};
    use proptest::prelude::*;

    /// Every built-in SNMP driver, on an agent nobody asks (the tests feed the engine rows).
    /// Built once per test binary, not for each of proptest's cases.
    fn engines() -> &'static [DriverEngine<SnmpBackend>] {
        static ENGINES: std::sync::OnceLock<Vec<DriverEngine<SnmpBackend>>> =
            std::sync::OnceLock::new();
        ENGINES.get_or_init(|| {
            let device = loopback_device(Protocol::Snmp, "", AuthScheme::Basic);
            super::super::BUILT_IN
                .iter()
                .map(|(name, text)| super::super::parse(name, text).unwrap())
                .filter(|d| d.file.driver.transport == "snmp")
                .map(|d| driver_snmp(&device, &d).unwrap())
                .collect()
        })
    }

    /// `drivers check` on a packed SNMP list: a splitter it knows, and reverse with packed.
    #[test]
    fn a_packed_lists_mistakes_are_named() {
        let text = include_str!("../../drivers/digipower-snmp.toml");
        for (from, to, why) in [
            ("packed = \"csv\"", "packed = \"tabs\"", "one of digits"),
            (
                "packed = \"csv\"",
                "reverse = true",
                "reverse goes with packed",
            ),
            (
                "packed = \"csv\"",
                "packed = \"csv\", fields = { state = 1 }",
                "text",
            ),
        ] {
            let e = super::super::check_error_of("d.toml", text, from, to);
            assert!(e.contains(why), "{to}: {e}");
        }
    }

    proptest! {
        /// A packed list's object as an agent might answer it: any rows, any value in each
        /// column, and any text as the string of every outlet.
        #[test]
        fn a_packed_list_never_panics_on_what_an_agent_sends(
            rows in prop::collection::vec(prop::collection::vec((0usize..3, any_json()), 0..3), 0..3),
            text in ".{0,64}",
        ) {
            let engine = engines()
                .iter()
                .find(|e| e.variants[0].outlets.list.packed.is_some())
                .unwrap();
            let variant = &engine.variants[0];
            let columns = SnmpBackend::sources(variant, Wants::ALL);
            let list = variant.outlets.list.walk.as_deref().unwrap();
            let mut given: Rows = rows
                .iter()
                .enumerate()
                .map(|(k, row)| {
                    let item = row
                        .iter()
                        .map(|(c, v)| (columns[c % columns.len()].to_string(), v.clone()))
                        .collect();
                    (vec![k as u64], item)
                })
                .collect();
            if let Some((_, item)) = given.first_mut() {
                item.insert(list.to_string(), json!(text));
            }
            if let Ok(items) = engine.backend.unpacked(given, list, "csv", false) {
                prop_assert_eq!(rows.len(), 1);
                prop_assert!(items.len() <= MAX_OUTLETS);
                let items: Vec<Value> = items.into_iter().map(|(_, i)| Value::Object(i)).collect();
                let _ = engine.tree(variant, &items, Wants::ALL);
            }
        }

        /// Rows as an agent might answer them: any value (numbers, strings, hex blobs, nulls)
        /// in any of the file's columns, or none.
        #[test]
        fn the_engine_never_panics_on_what_an_agent_sends(
            rows in prop::collection::vec(prop::collection::vec((0usize..12, any_json()), 0..12), 0..12)
        ) {
            for engine in engines() {
                for variant in &engine.variants {
                    let columns = SnmpBackend::sources(variant, Wants::ALL);
                    let items: Vec<Value> = rows
                        .iter()
                        .map(|row| {
                            Value::Object(
                                row.iter()
                                    .map(|(c, v)| (columns[c % columns.len()].to_string(), v.clone()))
                                    .collect(),
                            )
                        })
                        .collect();
                    if let Ok(tree) = engine.tree(variant, &items, Wants::ALL) {
                        let outlets = tree["relay"]["outlets"].as_array().unwrap();
                        prop_assert_eq!(outlets.len(), items.len());
                        for o in outlets {
                            // Null where a map's `_ = "unknown"` says the agent does not know.
                            prop_assert!(o["state"].is_boolean() || o["state"].is_null());
                        }
                    }
                }
            }
        }
    }
}
