//! The uom verbs that are built on a transport's primitives rather than mapped one-to-one:
//! `keys`, `dump` and `subscribe`, plus the reading of JSON values from the command line.

use crate::error::{Error, Result};
use crate::output::Dumped;
use crate::path::{keys_of, kind_name, Path};
use crate::transport::{Pushed, Transport};
use serde_json::{json, Value};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

/// A value for `set`/`insert`: strict JSON, as uom takes it. A word that means yes or no
/// (`on`, `off`, `yes`, `no`, `True`, `FALSE`) is pointed at the JSON boolean; any other bare
/// word at the quotes that make it a string.
pub fn parse_value(text: &str) -> Result<Value> {
    serde_json::from_str(text).map_err(|e| {
        let hint = match boolean_word(text) {
            Some(b) => format!(" (a boolean is true or false: did you mean {b}?)"),
            None if looks_like_bare_word(text) => {
                format!(" (a string needs JSON quotes: '\"{text}\"')")
            }
            None => String::new(),
        };
        Error::usage(format!("invalid JSON value '{text}': {e}{hint}"))
    })
}

/// The boolean a yes-or-no word stands for, whatever its case.
fn boolean_word(text: &str) -> Option<bool> {
    match text.to_ascii_lowercase().as_str() {
        "on" | "yes" | "true" => Some(true),
        "off" | "no" | "false" => Some(false),
        _ => None,
    }
}

/// An argument for `invoke`: JSON when it parses, else a bare word taken as a string.
pub fn parse_arg(text: &str) -> Result<Value> {
    match serde_json::from_str(text) {
        Ok(v) => Ok(v),
        Err(_) if looks_like_bare_word(text) => Ok(Value::String(text.to_string())),
        Err(e) => Err(Error::usage(format!("invalid JSON argument '{text}': {e}"))),
    }
}

/// Text with no JSON punctuation: a word the user clearly meant as a string.
fn looks_like_bare_word(text: &str) -> bool {
    !text.is_empty() && !text.contains(['{', '}', '[', ']', '"', ',', ':'])
}

/// `keys`: the keys of an object or the indices of an array.
pub async fn keys(t: &dyn Transport, path: &Path) -> Result<Value> {
    let value = t.get(path).await?;
    match keys_of(&value) {
        Some(keys) if value.is_array() => Ok(json!((0..keys.len()).collect::<Vec<_>>())),
        Some(keys) => Ok(json!(keys)),
        None => Err(Error::Refused(format!(
            "{path} is {}; only objects and arrays have keys",
            kind_name(&value)
        ))),
    }
}

/// Deepest chain of `$ref` stubs `dump` follows: real device trees are a handful of levels
/// deep, and a device whose stubs never end must not make `dump` run forever.
pub const MAX_DUMP_DEPTH: usize = 32;

/// Most reads one `dump` makes: stubs can also fan out, and 2 per level over 32 levels
/// would be billions of requests.
pub const MAX_DUMP_READS: usize = 4096;

/// `dump`: reads `path` whole; where that is refused, reads it one level at a time so that
/// everything readable is shown and each unreadable part is marked. Stubs deeper than
/// `MAX_DUMP_DEPTH`, or past `MAX_DUMP_READS` reads, are marked as not followed.
pub async fn dump(t: &dyn Transport, path: &Path) -> Result<Dumped> {
    let walk = DumpWalk {
        t,
        reads_left: AtomicUsize::new(MAX_DUMP_READS),
    };
    walk.dump(path, 0).await
}

struct DumpWalk<'a> {
    t: &'a dyn Transport,
    reads_left: AtomicUsize,
}

impl DumpWalk<'_> {
    /// Takes one read from the budget; false when it is spent.
    fn take_read(&self) -> bool {
        self.reads_left
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |n| n.checked_sub(1))
            .is_ok()
    }

    async fn dump(&self, path: &Path, depth: usize) -> Result<Dumped> {
        self.take_read();
        match self.t.get(path).await {
            Ok(v) => Ok(Dumped::Value(v)),
            Err(e @ Error::Permission(_)) => self.members(path, depth).await.ok_or(e),
            Err(e) => Err(e),
        }
    }

    /// A child of a partly readable container: what could be read, why not, or why it was
    /// not followed.
    fn child<'a>(
        &'a self,
        path: Path,
        depth: usize,
    ) -> futures_util::future::BoxFuture<'a, Dumped> {
        Box::pin(async move {
            if depth > MAX_DUMP_DEPTH {
                return Dumped::NotFollowed(format!("deeper than {MAX_DUMP_DEPTH} levels"));
            }
            if self.reads_left.load(Ordering::Relaxed) == 0 {
                return Dumped::NotFollowed(format!("dump stops after {MAX_DUMP_READS} reads"));
            }
            match self.dump(&path, depth).await {
                Ok(d) => d,
                Err(e) => Dumped::Failed(reason(&e)),
            }
        })
    }

    /// Reads a container one level deep and its members one by one; `None` when even the
    /// one-level read is refused.
    async fn members(&self, path: &Path, depth: usize) -> Option<Dumped> {
        if !self.take_read() {
            return Some(Dumped::NotFollowed(format!(
                "dump stops after {MAX_DUMP_READS} reads"
            )));
        }
        let shallow = self
            .t
            .get_shallow(path)
            .await
            .ok()
            .filter(|v| v.is_object() || v.is_array())?;
        let mut members = Vec::new();
        for key in keys_of(&shallow).unwrap_or_default() {
            let child = match &shallow {
                Value::Array(items) => key.parse::<usize>().ok().and_then(|i| items.get(i)),
                other => other.get(&key),
            };
            let child = child.cloned().unwrap_or(Value::Null);
            let is_stub = child
                .as_object()
                .is_some_and(|o| o.len() == 1 && o.contains_key("$ref"));
            let dumped = if is_stub {
                self.child(path.child(key.clone()), depth + 1).await
            } else {
                Dumped::Value(child)
            };
            members.push((key, dumped));
        }
        Some(Dumped::Members {
            array: shallow.is_array(),
            members,
        })
    }
}

fn reason(e: &Error) -> String {
    match e {
        Error::Permission(_) => "permission denied".into(),
        Error::Auth(_) => "authentication failed".into(),
        Error::NotFound(_) => "not found".into(),
        other => other.to_string(),
    }
}

/// `subscribe`: calls `emit` with `{"path", "value"}` for the current value, then once per
/// changed, added (`value`) or removed (`"removed": true`) leaf, polling every `interval`.
/// Returns after `count` changes, when `emit` says stop, or with an error when the object
/// is gone or cannot be read.
///
/// A device that pushes (MQTT) outlives its connection: an outage is one warning on stderr
/// however long it lasts (the transport reconnects, with backoff), and the whole value is
/// given again once it is back. A read that fails because the connection is gone again is
/// part of the outage, not the end of the subscription.
pub async fn subscribe(
    t: &dyn Transport,
    path: &Path,
    interval: Duration,
    count: Option<u64>,
    mut emit: impl FnMut(&Value) -> Result<bool>,
) -> Result<()> {
    let mut last = t.get(path).await?;
    if !emit(&json!({"path": path.to_string(), "value": last}))? {
        return Ok(());
    }
    let base = if path.segments.is_empty() {
        String::new()
    } else {
        path.to_string()
    };
    let mut seen = 0u64;
    // Warned of the outage under way.
    let mut lost = false;
    let warn = |why: &str, lost: &mut bool| {
        if !std::mem::replace(lost, true) {
            eprintln!("{}", crate::output::escape_line(&format!("warning: {why}")));
        }
    };
    let gone = |e: &Error| matches!(e, Error::Unreachable(_) | Error::HungUp(_));
    loop {
        if count.is_some_and(|c| seen >= c) {
            return Ok(());
        }
        // A device that pushes (MQTT) is read again when it says something changed, and
        // after a reconnection the whole value is given again: changes made while the
        // connection was down would otherwise be lost. Others are polled.
        if t.pushes() {
            match t.wait_push().await? {
                Pushed::Changed => {}
                Pushed::Lost(why) => {
                    warn(&why, &mut lost);
                    continue;
                }
                Pushed::Reconnected => {
                    last = match t.get(path).await {
                        Ok(v) => v,
                        Err(e) if gone(&e) => {
                            warn(&format!("{e}; reconnecting"), &mut lost);
                            continue;
                        }
                        Err(e) => return Err(e),
                    };
                    lost = false;
                    if !emit(&json!({"path": path.to_string(), "value": last}))? {
                        return Ok(());
                    }
                    continue;
                }
            }
        } else {
            tokio::time::sleep(interval).await;
        }
        let now = match t.get(path).await {
            Ok(v) => v,
            Err(Error::NotFound(_)) => return Err(Error::NotFound(format!("{path} is gone"))),
            Err(e) if t.pushes() && gone(&e) => {
                warn(&format!("{e}; reconnecting"), &mut lost);
                continue;
            }
            Err(e) => return Err(e),
        };
        let patch = json_patch::diff(&last, &now);
        let ops = serde_json::to_value(&patch).unwrap_or(Value::Null);
        for op in ops.as_array().into_iter().flatten() {
            let pointer = op["path"].as_str().unwrap_or("");
            let full = if base.is_empty() && pointer.is_empty() {
                "/".to_string()
            } else {
                format!("{base}{pointer}")
            };
            let line = match op["op"].as_str() {
                Some("remove") => json!({"path": full, "removed": true}),
                _ => json!({"path": full, "value": op["value"]}),
            };
            if !emit(&line)? {
                return Ok(());
            }
            seen += 1;
            if count.is_some_and(|c| seen >= c) {
                return Ok(());
            }
        }
        last = now;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_and_args() {
        assert_eq!(parse_value("true").unwrap(), json!(true));
        assert_eq!(parse_value("\"x\"").unwrap(), json!("x"));
        let e = parse_value("hello").unwrap_err();
        assert_eq!(e.exit_code(), 2);
        assert!(e.to_string().contains("'\"hello\"'"));
        assert!(parse_value("{\"a\":").is_err());
        for (word, meant) in [
            ("on", "true"),
            ("OFF", "false"),
            ("Yes", "true"),
            ("no", "false"),
            ("True", "true"),
            ("FALSE", "false"),
        ] {
            let e = parse_value(word).unwrap_err();
            assert_eq!(e.exit_code(), 2);
            let message = e.to_string();
            assert!(
                message.contains(&format!("did you mean {meant}?")),
                "{message}"
            );
            assert!(!message.contains("quotes"), "{message}");
        }
        assert_eq!(parse_arg("hello").unwrap(), json!("hello"));
        assert_eq!(parse_arg("[[0,true]]").unwrap(), json!([[0, true]]));
        assert!(parse_arg("[[0,").is_err());
    }
}
