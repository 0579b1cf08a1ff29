//! Rendering for stdout: JSON (pretty on a terminal, one line when piped), tables
//! (comfy-table) and plain text; the flat text of `dump`; and a writer that treats a closed
//! pipe (`pductl get ... | head -1`) as the reader being done rather than as an error.

use crate::cli::OutputFormat;
use crate::error::{Error, Result};
use comfy_table::{presets::UTF8_FULL_CONDENSED, ContentArrangement, Table};
use serde_json::Value;
use std::io::{self, Write};

/// Renders a value for stdout, without the final newline.
pub fn render(value: &Value, format: OutputFormat, terminal: bool) -> String {
    match format {
        OutputFormat::Json => json(value, terminal),
        OutputFormat::Text => text(value),
        OutputFormat::Table => table(value).unwrap_or_else(|| text(value)),
    }
}

pub fn json(value: &Value, pretty: bool) -> String {
    let rendered = if pretty {
        serde_json::to_string_pretty(value)
    } else {
        serde_json::to_string(value)
    };
    rendered.unwrap_or_default()
}

/// Scalars as plain words (strings unquoted), arrays one element per line, anything deeper
/// as compact JSON.
fn text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Array(items) => items.iter().map(scalar_text).collect::<Vec<_>>().join("\n"),
        other => scalar_text(other),
    }
}

fn scalar_text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Null => "null".into(),
        other => other.to_string(),
    }
}

/// A table for an array of objects (one row each, with an index column) or for an object
/// (key and value columns). `None` for anything else.
fn table(value: &Value) -> Option<String> {
    let mut t = Table::new();
    t.load_preset(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic);
    match value {
        Value::Array(items) if !items.is_empty() && items.iter().all(Value::is_object) => {
            let mut columns: Vec<String> = Vec::new();
            for item in items {
                for k in item.as_object().into_iter().flat_map(|o| o.keys()) {
                    if !columns.contains(k) {
                        columns.push(k.clone());
                    }
                }
            }
            let mut header = vec!["#".to_string()];
            header.extend(columns.iter().cloned());
            t.set_header(header);
            for (i, item) in items.iter().enumerate() {
                let mut row = vec![i.to_string()];
                row.extend(
                    columns
                        .iter()
                        .map(|c| item.get(c).map(scalar_text).unwrap_or_default()),
                );
                t.add_row(row);
            }
        }
        Value::Object(map) => {
            t.set_header(vec!["key", "value"]);
            for (k, v) in map {
                t.add_row(vec![k.clone(), scalar_text(v)]);
            }
        }
        _ => return None,
    }
    Some(t.to_string())
}

/// What `dump` found at one place in the tree.
#[derive(Debug, Clone, PartialEq)]
pub enum Dumped {
    Value(Value),
    /// A container read member by member because it could not be read whole.
    Members(Vec<(String, Dumped)>),
    Failed(String),
}

/// `dump`'s text: one `path = value` line per leaf, so it greps well; empty containers as
/// `[]`/`{}`, unreadable parts as `<read failed: reason>`.
pub fn dump_text(root: &str, dumped: &Dumped) -> String {
    let mut lines = Vec::new();
    dump_into(root.trim_end_matches('/'), dumped, &mut lines);
    lines.join("\n")
}

fn dump_into(prefix: &str, dumped: &Dumped, lines: &mut Vec<String>) {
    let here = if prefix.is_empty() { "/" } else { prefix };
    match dumped {
        Dumped::Failed(reason) => lines.push(format!("{here} = <read failed: {reason}>")),
        Dumped::Members(members) => {
            for (k, d) in members {
                dump_into(&format!("{prefix}/{k}"), d, lines);
            }
        }
        Dumped::Value(v) => match v {
            Value::Object(map) if !map.is_empty() => {
                for (k, child) in map {
                    dump_into(
                        &format!("{prefix}/{k}"),
                        &Dumped::Value(child.clone()),
                        lines,
                    );
                }
            }
            Value::Array(items) if !items.is_empty() => {
                for (i, child) in items.iter().enumerate() {
                    dump_into(
                        &format!("{prefix}/{i}"),
                        &Dumped::Value(child.clone()),
                        lines,
                    );
                }
            }
            leaf => lines.push(format!("{here} = {leaf}")),
        },
    }
}

/// Stdout for data. A reader that went away ends the output quietly.
pub struct Out {
    closed: bool,
}

impl Out {
    pub fn new() -> Out {
        Out { closed: false }
    }

    pub fn is_closed(&self) -> bool {
        self.closed
    }

    /// Writes one line and flushes it (subscribe's readers want each line as it comes).
    pub fn line(&mut self, text: &str) -> Result<()> {
        if self.closed {
            return Ok(());
        }
        let mut stdout = io::stdout().lock();
        let result = stdout
            .write_all(text.as_bytes())
            .and_then(|_| stdout.write_all(b"\n"))
            .and_then(|_| stdout.flush());
        match result {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
                self.closed = true;
                Ok(())
            }
            Err(e) => Err(Error::usage(format!("cannot write to stdout: {e}"))),
        }
    }
}

impl Default for Out {
    fn default() -> Self {
        Out::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn text_and_table_forms() {
        assert_eq!(render(&json!("a b"), OutputFormat::Text, false), "a b");
        assert_eq!(
            render(&json!([true, "x"]), OutputFormat::Text, false),
            "true\nx"
        );
        let t = render(
            &json!([{"name": "A", "state": true}]),
            OutputFormat::Table,
            false,
        );
        assert!(t.contains("name") && t.contains("true"), "{t}");
        assert_eq!(
            render(&json!({"a": 1}), OutputFormat::Json, false),
            "{\"a\":1}"
        );
    }

    #[test]
    fn dump_lines() {
        let d = Dumped::Members(vec![
            (
                "relay".into(),
                Dumped::Value(json!({"name": "x", "outlets": [{"s": true}], "e": []})),
            ),
            ("auth".into(), Dumped::Failed("permission denied".into())),
        ]);
        assert_eq!(
            dump_text("/", &d),
            "/relay/name = \"x\"\n/relay/outlets/0/s = true\n/relay/e = []\n/auth = <read failed: permission denied>"
        );
    }
}
