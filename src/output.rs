//! Rendering for stdout: JSON (pretty on a terminal, one line when piped), tables
//! (comfy-table; rows numbered from 1, nested objects flattened into `a/b/c` keys) and plain
//! text; `dump` as text, JSON or a table; what a dry run would send; which `-o` a command
//! takes; a writer that treats a closed pipe (`pductl get ... | head -1`) as the reader
//! being done rather than as an error; and the escaping that keeps a device's text from
//! driving the user's terminal.

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

/// Text made safe inside an XML element.
pub fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
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

impl OutputFormat {
    /// The name `-o` takes.
    pub fn name(self) -> &'static str {
        match self {
            OutputFormat::Json => "json",
            OutputFormat::Table => "table",
            OutputFormat::Text => "text",
        }
    }

    /// For a listing (`drivers list`, `status`, `discover`): the format chosen, else a table
    /// for a person at a terminal and JSON for a pipe.
    pub fn listing(chosen: Option<OutputFormat>, terminal: bool) -> OutputFormat {
        chosen.unwrap_or(if terminal {
            OutputFormat::Table
        } else {
            OutputFormat::Json
        })
    }
}

/// Refuses a `-o` a command does not print (exit 2), naming the ones it does: `what` is the
/// command as the user wrote it (`subscribe`, `set --dry-run`).
pub fn check_format(
    what: &str,
    chosen: Option<OutputFormat>,
    takes: &[OutputFormat],
) -> Result<()> {
    match chosen {
        Some(format) if !takes.contains(&format) => {
            let names: Vec<String> = takes.iter().map(|f| format!("-o {}", f.name())).collect();
            let list = match names.as_slice() {
                [] => "no -o".to_string(),
                [one] => one.clone(),
                [init @ .., last] => format!("{} or {last}", init.join(", ")),
            };
            Err(Error::usage(format!(
                "{what} takes {list}, not -o {}",
                format.name()
            )))
        }
        _ => Ok(()),
    }
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

/// What a dry run would send: a `would send: REQUEST` line each, or with `-o json` a JSON
/// array of the requests (strings).
pub fn would_send(requests: &[String], format: Option<OutputFormat>, terminal: bool) -> String {
    match format {
        Some(OutputFormat::Json) => json(&serde_json::json!(requests), terminal),
        _ => for_terminal(
            requests
                .iter()
                .map(|r| format!("would send: {r}"))
                .collect::<Vec<_>>()
                .join("\n"),
            terminal,
        ),
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

/// How far down `-o table` flattens an object: keys of up to this many segments
/// (`outlets/0/name` is 3); what lies deeper is shown as compact JSON.
pub const TABLE_DEPTH: usize = 4;

/// Most characters of compact JSON in one table cell; longer ones end in `…` (`-o json`
/// prints all of it).
pub const CELL_CHARS: usize = 60;

/// A table for an array of objects (one row each, numbered from 1, a column per key) or for
/// an object (key and value columns, nested objects and arrays flattened into one row per
/// value inside them: `outlets/0/name`, down to `TABLE_DEPTH` segments). A value that is
/// still an object or array (a cell in a row, or deeper than `TABLE_DEPTH`) is compact JSON
/// of at most `CELL_CHARS` characters. `None` for anything else.
fn table(value: &Value) -> Option<String> {
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
            let rows = items.iter().enumerate().map(|(i, item)| {
                let mut row = vec![(i + 1).to_string()];
                row.extend(
                    columns
                        .iter()
                        .map(|c| item.get(c).map(cell_text).unwrap_or_default()),
                );
                row
            });
            Some(grid(&header, rows))
        }
        Value::Object(map) => {
            let mut rows = Vec::new();
            for (k, v) in map {
                flatten(k.clone(), v, 1, &mut rows);
            }
            Some(grid(&["key", "value"], rows))
        }
        _ => None,
    }
}

/// One row per value under `value`, its key the path from the table's object.
fn flatten(key: String, value: &Value, depth: usize, rows: &mut Vec<Vec<String>>) {
    let children: Vec<(String, &Value)> = match value {
        Value::Object(map) if !map.is_empty() && depth < TABLE_DEPTH => {
            map.iter().map(|(k, v)| (k.clone(), v)).collect()
        }
        Value::Array(items) if !items.is_empty() && depth < TABLE_DEPTH => items
            .iter()
            .enumerate()
            .map(|(i, v)| (i.to_string(), v))
            .collect(),
        _ => {
            rows.push(vec![key, cell_text(value)]);
            return;
        }
    };
    for (k, v) in children {
        flatten(format!("{key}/{k}"), v, depth + 1, rows);
    }
}

/// A value in a cell: scalars as words, objects and arrays as compact JSON cut to
/// `CELL_CHARS`.
fn cell_text(value: &Value) -> String {
    let text = scalar_text(value);
    if !(value.is_object() || value.is_array()) || text.chars().count() <= CELL_CHARS {
        return text;
    }
    let mut cut: String = text.chars().take(CELL_CHARS - 1).collect();
    cut.push('…');
    cut
}

/// Narrowest terminal tables are fitted to.
const MIN_FIT_WIDTH: u16 = 20;

/// A table of rows under a header, every cell escaped (see `cell`). For any command's
/// listing: `drivers list`, `dump -o table`.
pub fn grid<H: AsRef<str>>(header: &[H], rows: impl IntoIterator<Item = Vec<String>>) -> String {
    let mut t = Table::new();
    // Fitted to the terminal, unless it claims to be narrower than any table: serial
    // consoles and some pseudo-terminals say 0 columns, which would squeeze every cell to
    // one character a line.
    let fit = t.width().is_none_or(|w| w >= MIN_FIT_WIDTH);
    t.load_preset(UTF8_FULL_CONDENSED)
        .set_content_arrangement(if fit {
            ContentArrangement::Dynamic
        } else {
            ContentArrangement::Disabled
        });
    t.set_header(header.iter().map(|h| cell(h.as_ref())));
    for row in rows {
        t.add_row(row.iter().map(|c| cell(c)).collect::<Vec<_>>());
    }
    t.to_string()
}

/// A table cell: tables are for people, so device text is always escaped there.
fn cell(text: &str) -> String {
    escape_controls(text).into_owned()
}

/// What `dump` found at one place in the tree.
#[derive(Debug, Clone, PartialEq)]
pub enum Dumped {
    Value(Value),
    /// A container read member by member because it could not be read whole: an array's
    /// members (keyed `0`, `1`, ...) or an object's.
    Members {
        array: bool,
        members: Vec<(String, Dumped)>,
    },
    Failed(String),
    /// A `$ref` stub left alone, and why (a depth or read limit).
    NotFollowed(String),
}

/// `dump`'s text: one `path = value` line per leaf, so it greps well; empty containers as
/// `[]`/`{}`, unreadable parts as `<read failed: reason>`.
pub fn dump_text(root: &str, dumped: &Dumped) -> String {
    dump_leaves(root, dumped)
        .into_iter()
        .map(|(path, leaf)| match leaf {
            Ok(v) => format!("{path} = {v}"),
            Err(mark) => format!("{path} = {mark}"),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// `dump -o table`: a path and a value column, one row per leaf as in `dump_text`
/// (strings unquoted, as in every table).
pub fn dump_table(root: &str, dumped: &Dumped) -> String {
    let rows = dump_leaves(root, dumped).into_iter().map(|(path, leaf)| {
        let value = match leaf {
            Ok(v) => scalar_text(&v),
            Err(mark) => mark,
        };
        vec![path, value]
    });
    grid(&["path", "value"], rows)
}

/// `dump -o json`: the value read, with each part that could not be read (or was not
/// followed) as `{"error": "..."}` in its place.
pub fn dump_json(dumped: &Dumped) -> Value {
    match dumped {
        Dumped::Value(v) => v.clone(),
        Dumped::Failed(reason) => serde_json::json!({ "error": reason }),
        Dumped::NotFollowed(reason) => {
            serde_json::json!({ "error": format!("not followed: {reason}") })
        }
        Dumped::Members {
            array: true,
            members,
        } => Value::Array(members.iter().map(|(_, d)| dump_json(d)).collect()),
        Dumped::Members { members, .. } => Value::Object(
            members
                .iter()
                .map(|(k, d)| (k.clone(), dump_json(d)))
                .collect(),
        ),
    }
}

/// A leaf of a dump: its path, and its value or the mark of why there is none.
type Leaf = (String, std::result::Result<Value, String>);

/// Every leaf under `root`.
fn dump_leaves(root: &str, dumped: &Dumped) -> Vec<Leaf> {
    let mut leaves = Vec::new();
    dump_into(root.trim_end_matches('/'), dumped, &mut leaves);
    leaves
}

fn dump_into(prefix: &str, dumped: &Dumped, leaves: &mut Vec<Leaf>) {
    let here = if prefix.is_empty() { "/" } else { prefix }.to_string();
    match dumped {
        Dumped::Failed(reason) => leaves.push((here, Err(format!("<read failed: {reason}>")))),
        Dumped::NotFollowed(reason) => {
            leaves.push((here, Err(format!("<not followed: {reason}>"))))
        }
        Dumped::Members { members, .. } => {
            for (k, d) in members {
                dump_into(&format!("{prefix}/{k}"), d, leaves);
            }
        }
        Dumped::Value(v) => value_leaves(prefix, v, leaves),
    }
}

fn value_leaves(prefix: &str, value: &Value, leaves: &mut Vec<Leaf>) {
    match value {
        Value::Object(map) if !map.is_empty() => {
            for (k, child) in map {
                value_leaves(&format!("{prefix}/{k}"), child, leaves);
            }
        }
        Value::Array(items) if !items.is_empty() => {
            for (i, child) in items.iter().enumerate() {
                value_leaves(&format!("{prefix}/{i}"), child, leaves);
            }
        }
        leaf => {
            let here = if prefix.is_empty() { "/" } else { prefix };
            leaves.push((here.to_string(), Ok(leaf.clone())));
        }
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
        let d = Dumped::Members {
            array: false,
            members: vec![
                (
                    "relay".into(),
                    Dumped::Value(json!({"name": "x", "outlets": [{"s": true}], "e": []})),
                ),
                ("auth".into(), Dumped::Failed("permission denied".into())),
                (
                    "list".into(),
                    Dumped::Members {
                        array: true,
                        members: vec![
                            ("0".into(), Dumped::Value(json!(1))),
                            ("1".into(), Dumped::NotFollowed("too deep".into())),
                        ],
                    },
                ),
            ],
        };
        assert_eq!(
            dump_text("/", &d),
            "/relay/name = \"x\"\n/relay/outlets/0/s = true\n/relay/e = []\n\
             /auth = <read failed: permission denied>\n/list/0 = 1\n\
             /list/1 = <not followed: too deep>"
        );
        assert_eq!(
            dump_json(&d),
            json!({
                "relay": {"name": "x", "outlets": [{"s": true}], "e": []},
                "auth": {"error": "permission denied"},
                "list": [1, {"error": "not followed: too deep"}],
            })
        );
        let t = dump_table("/", &d);
        assert!(
            t.contains("/relay/name") && t.contains("<read failed: permission denied>"),
            "{t}"
        );
        assert!(!t.contains("\"x\""), "strings unquoted in tables: {t}");
    }

    #[test]
    fn tables_number_rows_from_one() {
        let t = render(&json!([{"n": "a"}, {"n": "b"}]), OutputFormat::Table, false);
        let first: Vec<&str> = t
            .lines()
            .filter(|l| l.contains(" a ") || l.contains(" b "))
            .map(|l| {
                l.split('┆')
                    .next()
                    .unwrap()
                    .trim_matches(|c: char| c == '│' || c == ' ')
            })
            .collect();
        assert_eq!(first, ["1", "2"], "{t}");
    }

    #[test]
    fn object_tables_flatten_nested_values() {
        let deep = json!({"a": {"b": {"c": {"d": {"e": "x".repeat(100)}}}}});
        let v = json!({
            "name": "PDU\x1b[2J",
            "outlets": [{"name": "A", "state": true}],
            "empty": {},
            "deep": deep,
        });
        let t = render(&v, OutputFormat::Table, false);
        assert!(
            t.contains("outlets/0/name") && t.contains("outlets/0/state"),
            "{t}"
        );
        assert!(!t.contains("{\"name\""), "no whole objects in cells: {t}");
        assert!(t.contains("PDU\\e[2J") && !t.contains('\x1b'), "{t}");
        assert!(t.contains("empty") && t.contains("{}"), "{t}");
        // Four levels of keys; what is deeper is compact JSON, cut with an ellipsis.
        assert!(t.contains("deep/a/b/c "), "{t}");
        let cut = t.lines().find(|l| l.contains("deep/a/b/c ")).unwrap();
        assert!(cut.contains("{\"e\":\"xxx") && cut.contains('…'), "{cut}");
        assert!(cut.matches('x').count() < 100, "{cut}");
        // Objects in a row's cells: compact JSON, cut too.
        let t = render(
            &json!([{"m": {"k": "y".repeat(100)}}]),
            OutputFormat::Table,
            false,
        );
        assert!(t.contains("{\"k\":\"yyy") && t.contains('…'), "{t}");
    }

    #[test]
    fn formats_a_command_does_not_take_are_refused() {
        use OutputFormat::*;
        assert!(check_format("dump", Some(Table), &[Text, Json, Table]).is_ok());
        assert!(check_format("subscribe", None, &[Json]).is_ok());
        let e = check_format("set --dry-run", Some(Table), &[Text, Json]).unwrap_err();
        assert_eq!(e.exit_code(), 2);
        assert_eq!(
            e.to_string(),
            "set --dry-run takes -o text or -o json, not -o table"
        );
        assert_eq!(OutputFormat::listing(None, true), Table);
        assert_eq!(OutputFormat::listing(None, false), Json);
        assert_eq!(OutputFormat::listing(Some(Text), true), Text);
    }

    #[test]
    fn dry_runs_print_lines_or_a_json_array() {
        let r = ["dev: PUT /x/ true".to_string()];
        assert_eq!(would_send(&r, None, false), "would send: dev: PUT /x/ true");
        assert_eq!(
            would_send(&r, Some(OutputFormat::Json), false),
            "[\"dev: PUT /x/ true\"]"
        );
    }
}
