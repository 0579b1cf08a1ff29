//! Object-model paths in uom style (`relay/outlets/0/state`), with DLI's matrix selectors
//! (`all;`, `all;k=v`, `=0,4`, `=name,physical_state`), the `-` end marker, and the REST URI
//! encoding rules of protocols/dli.md 2.1 (percent-encoding, `!.` and `!..`).
//!
//! Shared by transports (to build URIs) and simulators (to read them back and walk a JSON tree).

use percent_encoding::{percent_decode_str, utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use serde_json::Value;
use std::fmt;

/// Everything but `A-Z a-z 0-9 - _ . ~` is percent-encoded inside a segment (dli.md 2.1).
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// Longest path accepted on the command line, in bytes: object-model paths are a few dozen
/// characters, and an HTTP request line much longer than this is refused by devices.
pub const MAX_PATH_BYTES: usize = 4096;

/// The prefix of every DLI REST URI.
pub const REST_PREFIX: &str = "/restapi/";

/// The relative URI that asks DLI's REST API for a type description: appended to the
/// resource's slash-terminated URI, with no slash of its own [INF: the seed only says "a
/// trailing '/description' URI fragment"; keep the guess here so a capture can correct it].
pub const DESCRIPTION_FRAGMENT: &str = "description";

/// One step of a path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    /// An object key or an array index, as text.
    Key(String),
    /// `-`: after the last element (insert) or the last element (remove, get).
    Last,
    /// `all;` optionally with `k=v` filters (`all;locked=false`); also the bare `k=v` form.
    Select(Vec<(String, String)>),
    /// `=a,b,c`: several keys or indices at once.
    Pick(Vec<String>),
}

/// A parsed object-model path. The empty path is the root.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Path {
    pub segments: Vec<Segment>,
}

/// Why a path could not be parsed or walked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathError {
    Syntax(String),
    /// The concrete path (JSON pointer form) that does not exist.
    Missing(String),
}

impl fmt::Display for PathError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PathError::Syntax(m) => write!(f, "{m}"),
            PathError::Missing(p) => write!(f, "no such path: {p}"),
        }
    }
}

fn decode(s: &str) -> String {
    percent_decode_str(s).decode_utf8_lossy().into_owned()
}

fn encode(s: &str) -> String {
    utf8_percent_encode(s, SEGMENT).to_string()
}

fn encode_key(k: &str) -> String {
    match k {
        "." => "!.".to_string(),
        ".." => "!..".to_string(),
        // `-` is unreserved, so it would otherwise stand for `Segment::Last`.
        "-" => "%2D".to_string(),
        _ => encode(k),
    }
}

fn parse_filter(part: &str) -> Result<(String, String), PathError> {
    match part.split_once('=') {
        Some((k, v)) if !k.is_empty() => Ok((decode(k), decode(v))),
        _ => Err(PathError::Syntax(format!(
            "bad matrix filter '{part}': expected key=value"
        ))),
    }
}

impl Segment {
    /// Reads one segment as it appears in a URI or on the command line. Literal characters
    /// that a URI would percent-encode are accepted as they are, so users can type them.
    fn parse(raw: &str) -> Result<Segment, PathError> {
        if raw == "-" {
            return Ok(Segment::Last);
        }
        if raw == "!." {
            return Ok(Segment::Key(".".into()));
        }
        if raw == "!.." {
            return Ok(Segment::Key("..".into()));
        }
        if let Some(list) = raw.strip_prefix('=') {
            let items: Vec<String> = list.split(',').map(decode).collect();
            if items.iter().any(|i| i.is_empty()) {
                return Err(PathError::Syntax(format!(
                    "bad selector '{raw}': empty key in the list"
                )));
            }
            return Ok(Segment::Pick(items));
        }
        if raw.contains(';') {
            let mut parts = raw.split(';');
            let first = parts.next().unwrap_or_default();
            let mut filters = Vec::new();
            if first != "all" {
                filters.push(parse_filter(first)?);
            }
            for part in parts.filter(|p| !p.is_empty()) {
                filters.push(parse_filter(part)?);
            }
            return Ok(Segment::Select(filters));
        }
        if raw.contains('=') {
            return Ok(Segment::Select(vec![parse_filter(raw)?]));
        }
        Ok(Segment::Key(decode(raw)))
    }

    fn encode(&self) -> String {
        match self {
            Segment::Key(k) => encode_key(k),
            Segment::Last => "-".into(),
            Segment::Pick(items) => {
                let items: Vec<String> = items.iter().map(|i| encode(i)).collect();
                format!("={}", items.join(","))
            }
            Segment::Select(filters) => {
                let mut s = String::from("all;");
                let parts: Vec<String> = filters
                    .iter()
                    .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
                    .collect();
                s.push_str(&parts.join(";"));
                s
            }
        }
    }

    fn is_matrix(&self) -> bool {
        matches!(self, Segment::Select(_) | Segment::Pick(_))
    }
}

impl Path {
    /// Parses a uom path or the part of a REST URI after `/restapi/`: leading and trailing
    /// `/` are optional and empty segments are ignored.
    pub fn parse(s: &str) -> Result<Path, PathError> {
        let segments = s
            .split('/')
            .filter(|p| !p.is_empty())
            .map(Segment::parse)
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Path { segments })
    }

    pub fn root() -> Path {
        Path::default()
    }

    /// A path of plain keys.
    pub fn from_keys<S: AsRef<str>>(keys: &[S]) -> Path {
        Path {
            segments: keys
                .iter()
                .map(|k| Segment::Key(k.as_ref().to_string()))
                .collect(),
        }
    }

    /// The REST URI path for this resource: `/restapi/a/b/` (always slash-terminated).
    pub fn rest_uri(&self) -> String {
        let mut s = String::from(REST_PREFIX);
        for seg in &self.segments {
            s.push_str(&seg.encode());
            s.push('/');
        }
        s
    }

    /// True when the path selects several resources at once (the answer is a flat array).
    pub fn is_matrix(&self) -> bool {
        self.segments.iter().any(Segment::is_matrix)
    }

    /// The path up to and including its last filtering selector (`all;k=v`, `k=v`), which
    /// is what a write through a filter acts on; `None` without one.
    pub fn filtered_prefix(&self) -> Option<Path> {
        let last = self
            .segments
            .iter()
            .rposition(|s| matches!(s, Segment::Select(filters) if !filters.is_empty()))?;
        Some(Path {
            segments: self.segments[..=last].to_vec(),
        })
    }

    pub fn last(&self) -> Option<&Segment> {
        self.segments.last()
    }

    pub fn parent(&self) -> Path {
        let mut p = self.clone();
        p.segments.pop();
        p
    }

    pub fn child(&self, key: impl Into<String>) -> Path {
        let mut p = self.clone();
        p.segments.push(Segment::Key(key.into()));
        p
    }

    /// Walks `root` and returns every concrete key path the selectors pick, in order:
    /// element-major, then field, as DLI's 207 answers are laid out.
    pub fn expand(&self, root: &Value) -> Result<Vec<Vec<String>>, PathError> {
        let mut out = Vec::new();
        expand_into(&self.segments, root, &mut Vec::new(), &mut out)?;
        Ok(out)
    }
}

fn child_of<'a>(value: &'a Value, key: &str) -> Option<&'a Value> {
    match value {
        Value::Object(map) => map.get(key),
        // Only the canonical spelling of an index, as in a JSON pointer: not `00` or `+1`.
        Value::Array(items) => key
            .parse::<usize>()
            .ok()
            .filter(|i| i.to_string() == key)
            .and_then(|i| items.get(i)),
        _ => None,
    }
}

/// The keys of an object or the indices of an array, as text.
pub fn keys_of(value: &Value) -> Option<Vec<String>> {
    match value {
        Value::Object(map) => Some(map.keys().cloned().collect()),
        Value::Array(items) => Some((0..items.len()).map(|i| i.to_string()).collect()),
        _ => None,
    }
}

/// Does a field match the text of a `k=v` filter? The text is read as JSON when it parses
/// (`locked=false`, `=3`), and compared as a plain string otherwise (`name=fred`).
pub fn filter_matches(field: &Value, want: &str) -> bool {
    if let Ok(parsed) = serde_json::from_str::<Value>(want) {
        if &parsed == field {
            return true;
        }
    }
    field.as_str() == Some(want)
}

/// "a boolean", "an array", ...: a JSON value's kind, for messages.
pub fn kind_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Turns a key path into an RFC 6901 JSON pointer.
pub fn pointer(keys: &[String]) -> String {
    keys.iter()
        .map(|k| format!("/{}", k.replace('~', "~0").replace('/', "~1")))
        .collect()
}

fn expand_into(
    segs: &[Segment],
    value: &Value,
    prefix: &mut Vec<String>,
    out: &mut Vec<Vec<String>>,
) -> Result<(), PathError> {
    let Some((seg, rest)) = segs.split_first() else {
        out.push(prefix.clone());
        return Ok(());
    };
    let mut descend = |key: String, prefix: &mut Vec<String>| -> Result<(), PathError> {
        prefix.push(key.clone());
        let result = match child_of(value, &key) {
            Some(child) => expand_into(rest, child, prefix, out),
            None => Err(PathError::Missing(pointer(prefix))),
        };
        prefix.pop();
        result
    };
    match seg {
        Segment::Key(k) => descend(k.clone(), prefix),
        Segment::Last => match value {
            Value::Array(items) if !items.is_empty() => {
                descend((items.len() - 1).to_string(), prefix)
            }
            _ => Err(PathError::Missing(format!("{}/-", pointer(prefix)))),
        },
        Segment::Pick(keys) => {
            for k in keys {
                descend(k.clone(), prefix)?;
            }
            Ok(())
        }
        Segment::Select(filters) => {
            let Some(keys) = keys_of(value) else {
                return Err(PathError::Missing(format!("{}/all;", pointer(prefix))));
            };
            for k in keys {
                let element = child_of(value, &k).unwrap_or(&Value::Null);
                let selected = filters.iter().all(|(fk, fv)| {
                    child_of(element, fk).is_some_and(|field| filter_matches(field, fv))
                });
                if selected {
                    descend(k, prefix)?;
                }
            }
            Ok(())
        }
    }
}

impl fmt::Display for Path {
    /// The uom form: `/relay/outlets/0/state`, encoded as in a URI.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.segments.is_empty() {
            return write!(f, "/");
        }
        for seg in &self.segments {
            write!(f, "/{}", seg.encode())?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde_json::json;

    fn p(s: &str) -> Path {
        Path::parse(s).unwrap()
    }

    #[test]
    fn slashes_are_optional() {
        assert_eq!(p("/relay/outlets/0/state/"), p("relay/outlets/0/state"));
        assert_eq!(p("relay//outlets").segments.len(), 2);
        assert_eq!(p("/"), Path::root());
    }

    #[test]
    fn rest_uri_is_slash_terminated_and_encoded() {
        assert_eq!(
            p("relay/outlets/2/state").rest_uri(),
            "/restapi/relay/outlets/2/state/"
        );
        assert_eq!(Path::root().rest_uri(), "/restapi/");
        assert_eq!(
            Path::from_keys(&["a b", ".", "..", "x!y", "-"]).rest_uri(),
            "/restapi/a%20b/!./!../x%21y/%2D/"
        );
    }

    #[test]
    fn matrix_selectors_parse() {
        assert_eq!(p("outlets/all;").segments[1], Segment::Select(vec![]));
        assert_eq!(
            p("outlets/all;locked=false;critical=true").segments[1],
            Segment::Select(vec![
                ("locked".into(), "false".into()),
                ("critical".into(), "true".into())
            ])
        );
        assert_eq!(
            p("users/name=fred/name").segments[1],
            Segment::Select(vec![("name".into(), "fred".into())])
        );
        assert_eq!(
            p("outlets/=0,4/state").segments[1],
            Segment::Pick(vec!["0".into(), "4".into()])
        );
        assert_eq!(p("links/-").segments[1], Segment::Last);
        assert!(p("outlets/=0,4").is_matrix());
        assert!(!p("outlets/0").is_matrix());
        assert_eq!(
            p("relay/outlets/all;/=name,physical_state").rest_uri(),
            "/restapi/relay/outlets/all;/=name,physical_state/"
        );
    }

    #[test]
    fn bad_selectors_are_errors() {
        assert!(Path::parse("outlets/all;novalue").is_err());
        assert!(Path::parse("outlets/=0,,4").is_err());
        assert!(Path::parse("outlets/=").is_err());
    }

    #[test]
    fn expand_is_element_major() {
        let tree = json!({"outlets": [
            {"name": "a", "state": true, "locked": false},
            {"name": "b", "state": false, "locked": true},
            {"name": "c", "state": true, "locked": false}
        ]});
        let got = p("outlets/all;/=name,state").expand(&tree).unwrap();
        assert_eq!(got.len(), 6);
        assert_eq!(got[0], vec!["outlets", "0", "name"]);
        assert_eq!(got[1], vec!["outlets", "0", "state"]);
        assert_eq!(got[5], vec!["outlets", "2", "state"]);
        let unlocked = p("outlets/all;locked=false/name").expand(&tree).unwrap();
        assert_eq!(
            unlocked,
            vec![vec!["outlets", "0", "name"], vec!["outlets", "2", "name"]]
        );
        let by_name = p("outlets/name=b/state").expand(&tree).unwrap();
        assert_eq!(by_name, vec![vec!["outlets", "1", "state"]]);
        assert_eq!(
            p("outlets/-").expand(&tree).unwrap(),
            vec![vec!["outlets", "2"]]
        );
        assert_eq!(
            p("outlets/7/state").expand(&tree),
            Err(PathError::Missing("/outlets/7".into()))
        );
    }

    fn key_strategy() -> impl Strategy<Value = String> {
        prop_oneof![
            "[a-z_]{1,8}",
            "[0-9]{1,3}",
            Just(".".to_string()),
            Just("..".to_string()),
            Just("-".to_string()),
            Just("all".to_string()),
            "[ -~]{1,10}",
            "\\PC{1,6}",
        ]
    }

    fn segment_strategy() -> impl Strategy<Value = Segment> {
        prop_oneof![
            4 => key_strategy().prop_map(Segment::Key),
            1 => Just(Segment::Last),
            1 => prop::collection::vec((key_strategy(), "\\PC{0,6}"), 0..3)
                .prop_map(Segment::Select),
            1 => prop::collection::vec(key_strategy(), 1..4).prop_map(Segment::Pick),
        ]
    }

    proptest! {
        #[test]
        fn walking_any_document_never_panics(
            segments in prop::collection::vec(segment_strategy(), 0..5),
            tree in crate::testing::any_json(),
        ) {
            let path = Path { segments };
            if let Ok(found) = path.expand(&tree) {
                // Every result names something the document holds.
                for keys in found {
                    prop_assert!(tree.pointer(&pointer(&keys)).is_some());
                }
            }
            let _ = keys_of(&tree);
        }

        #[test]
        fn encoding_then_decoding_gives_the_path_back(
            segments in prop::collection::vec(segment_strategy(), 0..6)
        ) {
            let path = Path { segments };
            let uri = path.rest_uri();
            let back = Path::parse(uri.strip_prefix(REST_PREFIX).unwrap()).unwrap();
            prop_assert_eq!(&back, &path);
            // The display form reads back the same way.
            prop_assert_eq!(Path::parse(&path.to_string()).unwrap(), path);
        }
    }
}
