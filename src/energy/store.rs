//! The sample store: one SQLite file (`$XDG_STATE_HOME/pductl/energy.sqlite` unless `--store`
//! names another), written by `record` and read by `energy`.
//!
//! Schema (version 1; the file's `application_id` is `pduc`, its `user_version` the schema
//! version, so a file that is not a store, or one from a newer pductl, is refused untouched):
//!
//! | table | holds |
//! |---|---|
//! | `series (id, device, key, outlet, kind, quantity, unit, name)` | one row per value a device meters: `key` as `/meter/values` names it (`outlets.0.energy_nr`), `outlet` from 0 or NULL for the unit, `kind` its role in energy windows (`power`, `energy`, `energy_nr`, `energy_start`, `other`); unique per device and key, indexed by device and outlet |
//! | `samples (series, t_ms, value)` | one row per value and read: milliseconds since 1970, W / Wh / s; keyed by series and time (no two samples of a value at one millisecond) |
//! | `outlets (device, outlet, name)` | the outlets' names as last read |
//!
//! Every round of `record` is one transaction (`BEGIN IMMEDIATE`, so concurrent writers
//! queue on SQLite's busy timeout instead of failing), in WAL mode: a process killed
//! mid-write loses that round and nothing else, and `energy` reads while `record` writes.

use super::sample::{Kind, Reading};
use super::window::Point;
use crate::error::{Error, Result};
use rusqlite::{params, Connection, ErrorCode, OpenFlags, OptionalExtension, TransactionBehavior};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// `PRAGMA application_id` of a pductl store: "pduc".
pub const APPLICATION_ID: i32 = 0x7064_7563;
/// The schema this pductl writes and reads (`PRAGMA user_version`).
pub const SCHEMA_VERSION: i32 = 1;
/// How long a writer waits for another one (another `record`) before giving up the round.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

const SCHEMA: &str = "
CREATE TABLE series (
    id INTEGER PRIMARY KEY,
    device TEXT NOT NULL,
    key TEXT NOT NULL,
    outlet INTEGER,
    kind TEXT NOT NULL,
    quantity TEXT NOT NULL,
    unit TEXT NOT NULL,
    name TEXT NOT NULL,
    UNIQUE (device, key)
);
CREATE INDEX series_by_outlet ON series (device, outlet);
CREATE TABLE samples (
    series INTEGER NOT NULL REFERENCES series (id),
    t_ms INTEGER NOT NULL,
    value REAL NOT NULL,
    PRIMARY KEY (series, t_ms)
) WITHOUT ROWID;
CREATE TABLE outlets (
    device TEXT NOT NULL,
    outlet INTEGER NOT NULL,
    name TEXT NOT NULL,
    PRIMARY KEY (device, outlet)
) WITHOUT ROWID;
";

impl Kind {
    /// The word the store keeps.
    pub fn word(self) -> &'static str {
        match self {
            Kind::Power => "power",
            Kind::Energy => "energy",
            Kind::EnergyNr => "energy_nr",
            Kind::EnergyStart => "energy_start",
            Kind::Other => "other",
        }
    }

    fn from_word(word: &str) -> Kind {
        match word {
            "power" => Kind::Power,
            "energy" => Kind::Energy,
            "energy_nr" => Kind::EnergyNr,
            "energy_start" => Kind::EnergyStart,
            _ => Kind::Other,
        }
    }
}

/// One device's part of a round: the readings of one read of its meters, at one time.
#[derive(Debug, Clone)]
pub struct Round {
    pub device: String,
    pub t_ms: i64,
    pub readings: Vec<Reading>,
    /// Outlet names (from 0), when they were read this round.
    pub names: Vec<(u32, String)>,
}

/// A reading the store would not take: device, key, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Refused {
    pub device: String,
    pub key: String,
    pub why: String,
}

/// What one round wrote.
#[derive(Debug, Default)]
pub struct Written {
    pub samples: usize,
    pub refused: Vec<Refused>,
}

/// A value a device meters, as the store knows it.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    pub id: i64,
    pub key: String,
    pub outlet: Option<u32>,
    pub kind: Kind,
    pub name: String,
}

/// What an existing file is.
#[derive(Debug, PartialEq)]
enum Shape {
    /// A pductl store of this schema version.
    Ours(i32),
    /// An empty database (or an empty file): a store to be.
    Empty,
    /// Some other SQLite database.
    Foreign,
}

pub struct Store {
    conn: Connection,
    path: PathBuf,
    /// Series ids by device and key (series are never deleted).
    ids: HashMap<(String, String), i64>,
}

/// How to say what is wrong with the store at `path`; every failure names the file and
/// leaves it as it was.
fn failure(path: &Path, e: &rusqlite::Error) -> Error {
    let file = path.display();
    let untouched = "nothing was written to it; name another file with --store";
    match e.sqlite_error_code() {
        Some(ErrorCode::NotADatabase) => Error::usage(format!(
            "{file} is not a pductl store (not an SQLite database): {untouched}"
        )),
        Some(ErrorCode::DatabaseCorrupt) => Error::usage(format!(
            "{file} is corrupt ({e}): {untouched}, or move it aside (sqlite3 {file} .recover \
             may save its samples)"
        )),
        Some(ErrorCode::ReadOnly) => Error::usage(format!(
            "{file} is read-only ({e}): record into a file pductl may write, with --store"
        )),
        Some(ErrorCode::CannotOpen | ErrorCode::PermissionDenied) => {
            Error::usage(format!("cannot open the store {file}: {e}"))
        }
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => Error::Refused(format!(
            "the store {file} stayed busy for {} s (another pductl writing to it?): {e}",
            BUSY_TIMEOUT.as_secs()
        )),
        Some(ErrorCode::DiskFull) => Error::Refused(format!("the store {file} is full: {e}")),
        _ => Error::Refused(format!("the store {file}: {e}")),
    }
}

fn shape(conn: &Connection) -> rusqlite::Result<Shape> {
    let app: i32 = conn.pragma_query_value(None, "application_id", |r| r.get(0))?;
    let version: i32 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    let objects: i64 = conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))?;
    Ok(match (app, objects) {
        (APPLICATION_ID, _) => Shape::Ours(version),
        (0, 0) if version == 0 => Shape::Empty,
        _ => Shape::Foreign,
    })
}

impl Store {
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Opens the store for `record`, creating it (and its directory) if there is none.
    /// A file that is not a store, is corrupt, read-only or of a newer schema is refused
    /// (exit 2) and left as it was.
    pub fn open_for_recording(path: &Path) -> Result<Store> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| {
                Error::usage(format!(
                    "cannot create {} for the store: {}",
                    dir.display(),
                    crate::error::io_reason(&e)
                ))
            })?;
        }
        if path.is_dir() {
            return Err(Error::usage(format!(
                "{} is a directory, not a store file",
                path.display()
            )));
        }
        let fail = |e: rusqlite::Error| failure(path, &e);
        let mut conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(fail)?;
        conn.busy_timeout(BUSY_TIMEOUT).map_err(fail)?;
        if conn.is_readonly("main").map_err(fail)? {
            return Err(Error::usage(format!(
                "{} is read-only: record into a file pductl may write, with --store",
                path.display()
            )));
        }
        match check(path, shape(&conn).map_err(fail)?)? {
            Shape::Empty => {
                // Another `record` may be creating it too: decide inside the write lock.
                let tx = conn
                    .transaction_with_behavior(TransactionBehavior::Immediate)
                    .map_err(fail)?;
                if check(path, shape(&tx).map_err(fail)?)? == Shape::Empty {
                    tx.execute_batch(SCHEMA).map_err(fail)?;
                    tx.pragma_update(None, "application_id", APPLICATION_ID)
                        .map_err(fail)?;
                    tx.pragma_update(None, "user_version", SCHEMA_VERSION)
                        .map_err(fail)?;
                }
                tx.commit().map_err(fail)?;
            }
            Shape::Ours(_) | Shape::Foreign => {}
        }
        let mode: String = conn
            .pragma_query_value(None, "journal_mode", |r| r.get(0))
            .map_err(fail)?;
        if !mode.eq_ignore_ascii_case("wal") {
            conn.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get::<_, String>(0))
                .map_err(fail)?;
        }
        // Durable against a killed process (what a kill mid-round needs); a power cut may
        // lose the last rounds, never the file.
        conn.pragma_update(None, "synchronous", "NORMAL")
            .map_err(fail)?;
        Ok(Store {
            conn,
            path: path.to_path_buf(),
            ids: HashMap::new(),
        })
    }

    /// Opens the store for `energy`, read-only; `None` when there is no file (or an empty
    /// one). A store in a
    /// place this user may not write (a WAL file's readers need to) is read as it stands
    /// on disk (SQLite's `immutable`): nobody can be writing to it there.
    pub fn open_for_reading(path: &Path) -> Result<Option<Store>> {
        if !path.exists() {
            return Ok(None);
        }
        let open = |immutable: bool| -> rusqlite::Result<(Connection, Shape)> {
            let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
            let conn = match immutable {
                false => Connection::open_with_flags(path, flags)?,
                true => Connection::open_with_flags(
                    immutable_uri(path).ok_or(rusqlite::Error::InvalidPath(path.into()))?,
                    flags | OpenFlags::SQLITE_OPEN_URI,
                )?,
            };
            conn.busy_timeout(BUSY_TIMEOUT)?;
            let shape = shape(&conn)?;
            Ok((conn, shape))
        };
        let (conn, found) = match open(false) {
            Err(e)
                if matches!(
                    e.sqlite_error_code(),
                    Some(ErrorCode::ReadOnly | ErrorCode::CannotOpen)
                ) =>
            {
                open(true).map_err(|_| failure(path, &e))?
            }
            other => other.map_err(|e| failure(path, &e))?,
        };
        // An empty file: a store to be, with nothing in it yet.
        if check(path, found)? == Shape::Empty {
            return Ok(None);
        }
        Ok(Some(Store {
            conn,
            path: path.to_path_buf(),
            ids: HashMap::new(),
        }))
    }

    fn fail(&self, e: rusqlite::Error) -> Error {
        failure(&self.path, &e)
    }

    /// Appends one round, all devices in one transaction. A counter reading that rose more
    /// than its outlet could have used since the sample before it is refused, not stored.
    pub fn append(&mut self, rounds: &[Round]) -> Result<Written> {
        let path = self.path.clone();
        let fail = |e: rusqlite::Error| failure(&path, &e);
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(fail)?;
        let mut written = Written::default();
        let mut new_ids = Vec::new();
        {
            let mut find = tx
                .prepare_cached("SELECT id FROM series WHERE device = ?1 AND key = ?2")
                .map_err(fail)?;
            let mut create = tx
                .prepare_cached(
                    "INSERT INTO series (device, key, outlet, kind, quantity, unit, name) \
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                )
                .map_err(fail)?;
            let mut before = tx
                .prepare_cached(
                    "SELECT t_ms, value FROM samples WHERE series = ?1 AND t_ms < ?2 \
                     ORDER BY t_ms DESC LIMIT 1",
                )
                .map_err(fail)?;
            let mut insert = tx
                .prepare_cached(
                    "INSERT OR IGNORE INTO samples (series, t_ms, value) VALUES (?1, ?2, ?3)",
                )
                .map_err(fail)?;
            let mut name = tx
                .prepare_cached(
                    "INSERT INTO outlets (device, outlet, name) VALUES (?1, ?2, ?3) \
                     ON CONFLICT (device, outlet) DO UPDATE SET name = excluded.name \
                     WHERE name IS NOT excluded.name",
                )
                .map_err(fail)?;
            for round in rounds {
                for r in &round.readings {
                    let cached = self
                        .ids
                        .get(&(round.device.clone(), r.key.clone()))
                        .copied();
                    let id = match cached {
                        Some(id) => id,
                        None => {
                            let found: Option<i64> = find
                                .query_row(params![round.device, r.key], |row| row.get(0))
                                .optional()
                                .map_err(fail)?;
                            let id = match found {
                                Some(id) => id,
                                None => {
                                    create
                                        .execute(params![
                                            round.device,
                                            r.key,
                                            r.outlet,
                                            r.kind.word(),
                                            r.quantity,
                                            r.unit,
                                            r.name
                                        ])
                                        .map_err(fail)?;
                                    tx.last_insert_rowid()
                                }
                            };
                            new_ids.push(((round.device.clone(), r.key.clone()), id));
                            id
                        }
                    };
                    if r.kind.is_counter() {
                        let previous: Option<(i64, f64)> = before
                            .query_row(params![id, round.t_ms], |row| {
                                Ok((row.get(0)?, row.get(1)?))
                            })
                            .optional()
                            .map_err(fail)?;
                        if let Some((t, v)) = previous {
                            if let Err(why) = r.check_rise(v, round.t_ms - t) {
                                written.refused.push(Refused {
                                    device: round.device.clone(),
                                    key: r.key.clone(),
                                    why,
                                });
                                continue;
                            }
                        }
                    }
                    written.samples += insert
                        .execute(params![id, round.t_ms, r.value])
                        .map_err(fail)?;
                }
                for (outlet, text) in &round.names {
                    name.execute(params![round.device, outlet, text])
                        .map_err(fail)?;
                }
            }
        }
        tx.commit().map_err(fail)?;
        // Known only once committed: a rolled-back series has no id.
        self.ids.extend(new_ids);
        Ok(written)
    }

    /// Deletes the samples older than `before_ms`; how many went.
    pub fn prune(&mut self, before_ms: i64) -> Result<usize> {
        let path = self.path.clone();
        let fail = |e: rusqlite::Error| failure(&path, &e);
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(fail)?;
        let mut gone = 0;
        {
            let ids: Vec<i64> = tx
                .prepare("SELECT id FROM series")
                .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
                .map_err(fail)?;
            // Series by series, along the (series, t_ms) key: no scan of the whole table.
            let mut delete = tx
                .prepare_cached("DELETE FROM samples WHERE series = ?1 AND t_ms < ?2")
                .map_err(fail)?;
            for id in ids {
                gone += delete.execute(params![id, before_ms]).map_err(fail)?;
            }
        }
        tx.commit().map_err(fail)?;
        Ok(gone)
    }

    /// The devices with samples, by name.
    pub fn devices(&self) -> Result<Vec<String>> {
        self.conn
            .prepare(
                "SELECT device FROM series AS s GROUP BY device HAVING \
                 max(EXISTS (SELECT 1 FROM samples WHERE series = s.id)) ORDER BY device",
            )
            .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
            .map_err(|e| self.fail(e))
    }

    /// Every value `device` meters.
    pub fn series(&self, device: &str) -> Result<Vec<Series>> {
        self.conn
            .prepare_cached(
                "SELECT id, key, outlet, kind, name FROM series WHERE device = ?1 \
                 ORDER BY outlet, key",
            )
            .and_then(|mut s| {
                s.query_map([device], |r| {
                    Ok(Series {
                        id: r.get(0)?,
                        key: r.get(1)?,
                        outlet: r.get(2)?,
                        kind: Kind::from_word(&r.get::<_, String>(3)?),
                        name: r.get(4)?,
                    })
                })?
                .collect()
            })
            .map_err(|e| self.fail(e))
    }

    /// The samples of a series from `from` to `to`, and the one on each side beyond them
    /// (a window's edges are interpolated from them), in time order.
    pub fn points(&self, series: i64, from: i64, to: i64) -> Result<Vec<Point>> {
        let mut points: Vec<Point> = self
            .conn
            .prepare_cached(
                "SELECT * FROM (SELECT t_ms, value FROM samples WHERE series = ?1 AND t_ms < ?2 \
                 ORDER BY t_ms DESC LIMIT 1) \
                 UNION ALL SELECT t_ms, value FROM samples \
                 WHERE series = ?1 AND t_ms >= ?2 AND t_ms <= ?3 \
                 UNION ALL SELECT * FROM (SELECT t_ms, value FROM samples WHERE series = ?1 \
                 AND t_ms > ?3 ORDER BY t_ms LIMIT 1)",
            )
            .and_then(|mut s| {
                s.query_map(params![series, from, to], |r| {
                    Ok(Point {
                        t: r.get(0)?,
                        v: r.get(1)?,
                    })
                })?
                .collect()
            })
            .map_err(|e| self.fail(e))?;
        points.sort_by_key(|p| p.t);
        Ok(points)
    }

    /// The outlets' names of `device` as last read, by outlet (from 0).
    pub fn outlet_names(&self, device: &str) -> Result<HashMap<u32, String>> {
        self.conn
            .prepare_cached("SELECT outlet, name FROM outlets WHERE device = ?1")
            .and_then(|mut s| {
                s.query_map([device], |r| Ok((r.get(0)?, r.get(1)?)))?
                    .collect()
            })
            .map_err(|e| self.fail(e))
    }
}

/// `file:PATH?immutable=1`, the path escaped as SQLite's URIs want it.
fn immutable_uri(path: &Path) -> Option<String> {
    use percent_encoding::{utf8_percent_encode, AsciiSet, CONTROLS};
    const URI: &AsciiSet = &CONTROLS.add(b'%').add(b'?').add(b'#').add(b' ');
    let absolute = std::path::absolute(path).ok()?;
    let text = absolute.to_str()?;
    Some(format!(
        "file:{}?immutable=1",
        utf8_percent_encode(text, URI)
    ))
}

/// Refuses a file that is not a store of a schema this pductl reads.
fn check(path: &Path, shape: Shape) -> Result<Shape> {
    match shape {
        Shape::Foreign => Err(Error::usage(format!(
            "{} is not a pductl store (an SQLite database of something else): nothing was \
             written to it; name another file with --store",
            path.display()
        ))),
        Shape::Ours(v) if v > SCHEMA_VERSION => Err(Error::usage(format!(
            "{} was written by a newer pductl (store schema {v}; this one knows {SCHEMA_VERSION}): \
             nothing was written to it; use that pductl, or another file with --store",
            path.display()
        ))),
        Shape::Ours(v) if v < 1 => Err(Error::usage(format!(
            "{} is a pductl store without a schema version: nothing was written to it; move \
             it aside or name another file with --store",
            path.display()
        ))),
        other => Ok(other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::energy::sample::readings;
    use serde_json::json;

    fn round(device: &str, t_ms: i64, values: serde_json::Value) -> Round {
        Round {
            device: device.into(),
            t_ms,
            readings: readings(&values).0,
            names: vec![(0, "DUT".into())],
        }
    }

    fn energy(v: f64) -> serde_json::Value {
        json!({
            "outlets.0.energy": {"name": "Output 1 energy", "value": v, "quantity": "energy", "unit": "Wh"},
            "outlets.0.power": {"name": "Output 1 power", "value": 100.0, "quantity": "power", "unit": "W"},
        })
    }

    #[test]
    fn rounds_go_in_and_come_back_in_time_order() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub").join("energy.sqlite");
        let mut store = Store::open_for_recording(&path).unwrap();
        let w = store
            .append(&[
                round("lab", 2_000, energy(10.0)),
                round("desk", 2_000, energy(3.0)),
            ])
            .unwrap();
        assert_eq!(w.samples, 4);
        store.append(&[round("lab", 62_000, energy(11.0))]).unwrap();
        // The same round again (two recorders at one millisecond) adds nothing.
        assert_eq!(
            store
                .append(&[round("lab", 62_000, energy(11.0))])
                .unwrap()
                .samples,
            0
        );
        drop(store);
        let store = Store::open_for_reading(&path).unwrap().unwrap();
        assert_eq!(store.devices().unwrap(), ["desk", "lab"]);
        let series = store.series("lab").unwrap();
        let e = series.iter().find(|s| s.kind == Kind::Energy).unwrap();
        assert_eq!((e.outlet, e.key.as_str()), (Some(0), "outlets.0.energy"));
        let points = store.points(e.id, 0, 100_000).unwrap();
        assert_eq!(
            points,
            [Point { t: 2_000, v: 10.0 }, Point { t: 62_000, v: 11.0 }]
        );
        // One sample each side of the range, for the edges.
        assert_eq!(store.points(e.id, 3_000, 4_000).unwrap().len(), 2);
        assert_eq!(store.outlet_names("lab").unwrap()[&0], "DUT");
    }

    #[test]
    fn an_absurd_rise_is_refused_and_a_fall_is_kept() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open_for_recording(&dir.path().join("s.sqlite")).unwrap();
        store.append(&[round("lab", 0, energy(10.0))]).unwrap();
        let w = store
            .append(&[round("lab", 1_000, energy(5_000.0))])
            .unwrap();
        assert_eq!(w.samples, 1, "the power is kept");
        assert_eq!(w.refused.len(), 1);
        assert!(w.refused[0].why.contains("rose"), "{:?}", w.refused);
        let w = store.append(&[round("lab", 2_000, energy(0.0))]).unwrap();
        assert_eq!((w.samples, w.refused.len()), (2, 0), "a reset");
    }

    #[test]
    fn old_samples_are_pruned() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open_for_recording(&dir.path().join("s.sqlite")).unwrap();
        for t in [1_000, 2_000, 3_000] {
            store
                .append(&[round("lab", t, energy(t as f64 / 1000.0))])
                .unwrap();
        }
        assert_eq!(store.prune(2_500).unwrap(), 4);
        let id = store.series("lab").unwrap()[0].id;
        assert_eq!(store.points(id, 0, 10_000).unwrap().len(), 1);
    }

    #[test]
    fn what_is_not_a_store_is_refused_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let text = dir.path().join("notes.txt");
        std::fs::write(&text, "x".repeat(4096)).unwrap();
        let e = Store::open_for_recording(&text).err().unwrap();
        assert_eq!(e.exit_code(), 2);
        assert!(e.to_string().contains("not a pductl store"), "{e}");
        assert_eq!(std::fs::read(&text).unwrap(), "x".repeat(4096).as_bytes());

        let other = dir.path().join("other.sqlite");
        Connection::open(&other)
            .unwrap()
            .execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
            .unwrap();
        let before = std::fs::read(&other).unwrap();
        for e in [
            Store::open_for_recording(&other).err().unwrap(),
            Store::open_for_reading(&other).err().unwrap(),
        ] {
            assert_eq!(e.exit_code(), 2);
            assert!(
                e.to_string().contains("other.sqlite is not a pductl store"),
                "{e}"
            );
        }
        assert_eq!(std::fs::read(&other).unwrap(), before);

        let newer = dir.path().join("newer.sqlite");
        drop(Store::open_for_recording(&newer).unwrap());
        Connection::open(&newer)
            .unwrap()
            .pragma_update(None, "user_version", SCHEMA_VERSION + 1)
            .unwrap();
        let e = Store::open_for_recording(&newer).err().unwrap();
        assert!(e.to_string().contains("newer pductl"), "{e}");
        assert!(Store::open_for_reading(&newer).is_err());

        assert!(Store::open_for_reading(&dir.path().join("none.sqlite"))
            .unwrap()
            .is_none());
        // An empty file is a store to be.
        let empty = dir.path().join("empty.sqlite");
        std::fs::write(&empty, "").unwrap();
        assert!(Store::open_for_reading(&empty).unwrap().is_none());
        Store::open_for_recording(&empty).unwrap();
    }
}
