//! Rendering for stdout: JSON (pretty on a terminal, one line when piped), tables
//! (comfy-table) and plain text; the flat text of `dump`; a writer that treats a closed
//! pipe (`pductl get ... | head -1`) as the reader being done rather than as an error; and
//! the escaping that keeps a device's text from driving the user's terminal.

use crate::error::{Error, Result};
use comfy_table::{presets::UTF8_FULL_CONDENSED, ContentArrangement, Table};
use serde_json::Value;
use std::borrow::Cow;
use std::io::{self, Write};

/// `2s`, `1.5s`: to a tenth of a second, and whole seconds without a fraction.
pub fn human_duration(d: std::time::Duration) -> String {
    let tenths = (d.as_secs_f64() * 10.0).round();
    if tenths % 10.0 == 0.0 {
        format!("{}s", tenths as u64 / 10)
    } else {
        format!("{:.1}s", tenths / 10.0)
    }
}

/// A number of seconds the user gave (`--timeout 1.5`), checked.
pub fn seconds(value: f64, option: &str) -> Result<std::time::Duration> {
    if value.is_finite() && value > 0.0 && value < 1e9 {
        Ok(std::time::Duration::from_secs_f64(value))
    } else {
        Err(Error::usage(format!(
            "{option} takes a positive number of seconds, not {value}"
        )))
    }
}

/// A warning on stderr, one line, escaped; none with `-q`.
pub fn warn(quiet: bool, message: &str) {
    if !quiet {
        eprintln!("warning: {}", escape_line(message));
    }
}

/// How data is printed on stdout (`-o`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    /// JSON: pretty on a terminal, one line when piped
    Json,
    /// A table (arrays of objects, objects)
    Table,
    /// Plain text: strings unquoted, one array element per line
    Text,
}

/// Renders a value for stdout, without the final newline. Text for a terminal, and every
/// table, shows control characters escaped; JSON escapes them itself, and `-o text` into a
/// pipe keeps the device's exact bytes for scripts.
pub fn render(value: &Value, format: OutputFormat, terminal: bool) -> String {
    match format {
        OutputFormat::Json => json(value, terminal),
        OutputFormat::Text => for_terminal(text(value), terminal),
        OutputFormat::Table => {
            table(value).unwrap_or_else(|| escape_controls(&text(value)).into_owned())
        }
    }
}

/// `text` as is, or escaped when it goes to a terminal.
pub fn for_terminal(text: String, terminal: bool) -> String {
    if terminal {
        escape_controls(&text).into_owned()
    } else {
        text
    }
}

/// Text from a device made safe to show on a terminal: control characters (C0 except tab
/// and newline, DEL, and C1) are written as escapes (`\e`, `\x07`, `\u{9b}`), so an
/// `ESC ] 0 ; ... BEL` in an outlet name cannot retitle a window or clear a screen.
pub fn escape_controls(text: &str) -> Cow<'_, str> {
    escape(text, |c| c == '\t' || c == '\n')
}

/// `escape_controls` for a one-line message (errors, warnings): newlines escaped too.
pub fn escape_line(text: &str) -> Cow<'_, str> {
    escape(text, |c| c == '\t')
}

fn escape(text: &str, keep: impl Fn(char) -> bool) -> Cow<'_, str> {
    let unsafe_char = |c: char| c.is_control() && !keep(c);
    if !text.chars().any(unsafe_char) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            c if !unsafe_char(c) => out.push(c),
            '\x1b' => out.push_str("\\e"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if (c as u32) < 0x80 => out.push_str(&format!("\\x{:02x}", c as u32)),
            c => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
        }
    }
    Cow::Owned(out)
}

/// JSON: pretty for a terminal, one line for a pipe. JSON escapes C0 controls itself; for a
/// terminal, DEL and C1 controls (which some terminals obey) are written as `\u00XX` too,
/// which is the same JSON string.
pub fn json(value: &Value, pretty: bool) -> String {
    if !pretty {
        return serde_json::to_string(value).unwrap_or_default();
    }
    let rendered = serde_json::to_string_pretty(value).unwrap_or_default();
    if !rendered.chars().any(char::is_control) {
        return rendered;
    }
    rendered
        .chars()
        .map(|c| match c as u32 {
            0x7f..=0x9f => format!("\\u{:04x}", c as u32),
            _ => c.to_string(),
        })
        .collect()
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
            t.set_header(header.iter().map(|h| cell(h)));
            for (i, item) in items.iter().enumerate() {
                let mut row = vec![i.to_string()];
                row.extend(columns.iter().map(|c| {
                    item.get(c)
                        .map(|v| cell(&scalar_text(v)))
                        .unwrap_or_default()
                }));
                t.add_row(row);
            }
        }
        Value::Object(map) => {
            t.set_header(vec!["key", "value"]);
            for (k, v) in map {
                t.add_row(vec![cell(k), cell(&scalar_text(v))]);
            }
        }
        _ => return None,
    }
    Some(t.to_string())
}

/// A table cell: tables are for people, so device text is always escaped there.
fn cell(text: &str) -> String {
    escape_controls(text).into_owned()
}

/// What `dump` found at one place in the tree.
#[derive(Debug, Clone, PartialEq)]
pub enum Dumped {
    Value(Value),
    /// A container read member by member because it could not be read whole.
    Members(Vec<(String, Dumped)>),
    Failed(String),
    /// A `$ref` stub left alone, and why (a depth or read limit).
    NotFollowed(String),
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
        Dumped::NotFollowed(reason) => lines.push(format!("{here} = <not followed: {reason}>")),
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
    fn control_characters_are_escaped_for_terminals_and_tables_only() {
        let name = "evil\x1b]0;pwned\x07\x1b[2J\u{9b}tab\there\nline\x7f";
        assert_eq!(
            escape_controls(name),
            "evil\\e]0;pwned\\x07\\e[2J\\u{9b}tab\there\nline\\x7f"
        );
        assert_eq!(escape_line("a\nb\r"), "a\\nb\\r");
        assert!(matches!(escape_controls("plain ü"), Cow::Borrowed(_)));
        let v = json!(name);
        assert_eq!(
            render(&v, OutputFormat::Text, false),
            name,
            "pipes get the bytes"
        );
        assert!(!render(&v, OutputFormat::Text, true).contains('\x1b'));
        let table = render(&json!([{"name": name}]), OutputFormat::Table, false);
        assert!(
            !table.contains('\x1b') && !table.contains('\x07'),
            "{table}"
        );
        let pretty = render(&v, OutputFormat::Json, true);
        assert!(!pretty.chars().any(char::is_control), "{pretty:?}");
        assert_eq!(serde_json::from_str::<Value>(&pretty).unwrap(), v);
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
