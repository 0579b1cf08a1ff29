//! X-text: an HTTP list answer that is text or HTML, read with a regex (Rust `regex`, on
//! bytes, as the session backend's `expect` reads) into the same items a JSON list gives,
//! so `state.read`, `name.read`, `id.read` and meters read them with pointers and maps as
//! usual (protocols/drivers-2.md section 0, "X-text").
//!
//! ```toml
//! # one outlet per match, members from capture groups (as a session's `outlets`):
//! list = { get = "/hidden.htm", text = 'P(\d\d)=([01])', fields = { id = 1, state = 2 } }
//! # or members named by the regex's named groups: text = 'P(?P<id>\d\d)=(?P<state>[01])'
//! # or one capture (group 1 of the first match) holding every outlet's state, split:
//! list = { get = "/relays.cgi", text = 'Status:\s*((?:[01][ \t]*)+)', packed = "spaces" }
//! state.read = { map = { "1" = true, "0" = false } }   # a packed item is the piece itself
//! ```
//!
//! Splitters (`packed`): `digits` one character per outlet (`0110`); `hex` a hexadecimal
//! number, bit 0 (the least significant bit of the last digit) the first outlet, four
//! outlets per digit, each `"1"` or `"0"` (`0D` is outlets 1, 3, 4 on of 8); `csv` pieces
//! between commas (`1,0,1`); `spaces` pieces between runs of white space (`0 1 0`); `amp`
//! pieces between `&` (`&1&0&`). Pieces are trimmed; an empty first or last piece (a list
//! that starts or ends with its separator) is no outlet. `reverse = true`: the value lists
//! the last outlet first (a Synaccess `$A5` answer's rightmost digit is outlet 1).
//!
//! The device is not trusted: an answer over `MAX_TEXT_BYTES` is malformed (exit 5), no
//! regex runs on more; at most `MAX_OUTLETS` items; an answer with no match is malformed.
//! An in-band error can be a regex too: `[http] errors = [{ text = 'User or password
//! error' , auth = true }]` (a match in a success answer is a refusal, exit 1, or with
//! `auth` a refused password, exit 3).

use super::session::compile;
use super::ListRequest;
use crate::error::{Error, Result};
use crate::transport::MAX_OUTLETS;
use regex::bytes::Regex;
use serde_json::{Map, Value};

/// Most bytes of an answer a text list or text error reads; no regex runs on more.
pub const MAX_TEXT_BYTES: usize = 1024 * 1024;

/// How one capture holds every outlet's value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Packing {
    Digits,
    Hex,
    Csv,
    Spaces,
    Amp,
}

impl Packing {
    /// The splitters' names, as a file writes them.
    pub const NAMES: &'static str = "digits, hex, csv, spaces, amp";

    pub fn named(name: &str) -> Option<Packing> {
        Some(match name {
            "digits" => Packing::Digits,
            "hex" => Packing::Hex,
            "csv" => Packing::Csv,
            "spaces" => Packing::Spaces,
            "amp" => Packing::Amp,
            _ => return None,
        })
    }
}

/// Splits a packed value into one piece per outlet, first outlet first (or, with
/// `reverse`, the value's last piece first). More than `MAX_OUTLETS` pieces, or a `hex`
/// value with a character that is not a hex digit, is an error saying why.
pub fn split(
    packing: Packing,
    value: &str,
    reverse: bool,
) -> std::result::Result<Vec<String>, String> {
    let value = value.trim();
    // Counted before anything is kept, so a long answer allocates nothing per piece.
    let too_many = |count: usize| {
        format!("{count} outlets packed in one value, more than any device has ({MAX_OUTLETS})")
    };
    let separated = |sep: char| -> std::result::Result<Vec<String>, String> {
        let mut pieces: Vec<&str> = value.split(sep).map(str::trim).collect();
        if pieces.first() == Some(&"") {
            pieces.remove(0);
        }
        if pieces.last() == Some(&"") {
            pieces.pop();
        }
        Ok(pieces.into_iter().map(str::to_string).collect())
    };
    let count = match packing {
        Packing::Digits => value.chars().count(),
        Packing::Hex => value.chars().count().saturating_mul(4),
        Packing::Csv => value.matches(',').count() + 1,
        Packing::Spaces => value.split_whitespace().count(),
        Packing::Amp => value.matches('&').count() + 1,
    };
    // A list that starts and ends with its separator has two pieces fewer than it counts.
    if count > MAX_OUTLETS + 2 {
        return Err(too_many(count));
    }
    let mut pieces = match packing {
        Packing::Digits => value.chars().map(String::from).collect(),
        Packing::Spaces => value.split_whitespace().map(str::to_string).collect(),
        Packing::Csv => separated(',')?,
        Packing::Amp => separated('&')?,
        Packing::Hex => {
            let digits = value.strip_prefix("0x").unwrap_or(value);
            let mut bits = Vec::new();
            // The last digit holds outlets 1-4, its least significant bit outlet 1.
            for c in digits.chars().rev() {
                let nibble = c
                    .to_digit(16)
                    .ok_or_else(|| format!("\"{c}\" in a hex bitmask"))?;
                for bit in 0..4 {
                    bits.push(if nibble >> bit & 1 == 1 { "1" } else { "0" }.to_string());
                }
            }
            bits
        }
    };
    if pieces.len() > MAX_OUTLETS {
        return Err(too_many(pieces.len()));
    }
    if reverse {
        pieces.reverse();
    }
    Ok(pieces)
}

/// The outlets' items in a text answer, as the list says: one per match (an object whose
/// members are the capture groups `fields` names, or the regex's named groups, as text),
/// or, with `packed`, one per piece of the first match's group 1 (a JSON string). The
/// list's filter keeps items as it does a JSON list's. `origin` says who answered what.
pub fn text_items(list: &ListRequest, body: &[u8], origin: &str, name: &str) -> Result<Vec<Value>> {
    let malformed = |why: String| Error::BadResponse(format!("{origin} {why} ({name})"));
    let Some(pattern) = list.text.as_deref() else {
        return Ok(Vec::new());
    };
    if body.len() > MAX_TEXT_BYTES {
        return Err(malformed(format!(
            "with {} bytes, more than the {} MiB a text answer is read from",
            body.len(),
            MAX_TEXT_BYTES / (1024 * 1024)
        )));
    }
    // The file was checked, so the regex compiles; a failure here is still only an error.
    let rows = compile(pattern).map_err(|why| Error::usage(format!("{name}: {why}")))?;
    let mut items = match list.packed.as_deref() {
        Some(packing) => {
            let packing = Packing::named(packing).ok_or_else(|| {
                Error::usage(format!("{name}: packed is one of {}", Packing::NAMES))
            })?;
            let value = rows
                .captures(body)
                .and_then(|c| c.get(1))
                .ok_or_else(|| malformed(format!("without a match of '{pattern}'")))?;
            let value = String::from_utf8_lossy(value.as_bytes());
            let pieces = split(packing, &value, list.reverse)
                .map_err(|why| malformed(format!("with {why}")))?;
            // No device has no outlet: an empty status is a page pductl cannot read.
            if pieces.is_empty() {
                return Err(malformed(format!("with no outlet in \"{value}\"")));
            }
            pieces.into_iter().map(Value::String).collect()
        }
        None => {
            let fields = members(&rows, list);
            let mut items = Vec::new();
            for row in rows.captures_iter(body) {
                if items.len() >= MAX_OUTLETS {
                    return Err(malformed(format!(
                        "with more than {MAX_OUTLETS} outlets, more than any device has"
                    )));
                }
                let mut item = Map::new();
                for (member, group) in &fields {
                    let text = row.get(*group).map_or_else(String::new, |m| {
                        String::from_utf8_lossy(m.as_bytes()).into_owned()
                    });
                    item.insert(member.clone(), Value::String(text));
                }
                items.push(Value::Object(item));
            }
            if items.is_empty() {
                return Err(malformed(format!("without a match of '{pattern}'")));
            }
            items
        }
    };
    if let Some(filter) = &list.filter {
        items.retain(|item| filter.keeps(item));
    }
    Ok(items)
}

/// Each item member and its capture group: `fields`, or else the regex's named groups.
fn members(rows: &Regex, list: &ListRequest) -> Vec<(String, usize)> {
    if !list.fields.is_empty() {
        return list.fields.iter().map(|(m, g)| (m.clone(), *g)).collect();
    }
    rows.capture_names()
        .enumerate()
        .filter_map(|(group, name)| Some((name?.to_string(), group)))
        .collect()
}

/// The first match of an in-band error's regex in (at most `MAX_TEXT_BYTES` of) an
/// answer, as text to quote.
pub fn error_match(pattern: &str, body: &[u8]) -> Option<String> {
    let regex = compile(pattern).ok()?;
    let body = &body[..body.len().min(MAX_TEXT_BYTES)];
    let found = regex.find(body)?;
    let text = String::from_utf8_lossy(found.as_bytes());
    // A quote, not a page.
    Some(text.chars().take(80).collect())
}

/// `packed` names a splitter, and `reverse` goes with it.
fn check_packing(list: &ListRequest, bad: &dyn Fn(&str, String) -> Error) -> Result<()> {
    match &list.packed {
        Some(packing) if Packing::named(packing).is_none() => Err(bad(
            "packed",
            format!("packed = \"{packing}\" is one of {}", Packing::NAMES),
        )),
        None if list.reverse => Err(bad("reverse", "reverse goes with packed".into())),
        _ => Ok(()),
    }
}

/// Checks a list's text keys: `text` is for HTTP lists, with neither `items` nor `keys`;
/// it names its members (`fields` within its groups, or named groups) or is `packed` with a
/// group 1; `packed` names a splitter; `reverse` goes with `packed`.
pub(super) fn check_list(
    list: &ListRequest,
    http: bool,
    what: &str,
    bad: &dyn Fn(&str, String) -> Error,
) -> Result<()> {
    let Some(pattern) = &list.text else {
        // SNMP: one string object holds every outlet's value (DigiPower's "1,0,1,...").
        if list.walk.is_some() && list.fields.is_empty() {
            return check_packing(list, bad);
        }
        if list.packed.is_some() || !list.fields.is_empty() || list.reverse {
            return Err(bad(
                what,
                format!("{what}: packed, fields and reverse go with text (a regex)"),
            ));
        }
        return Ok(());
    };
    if !http || list.get.is_none() {
        return Err(bad(
            pattern,
            format!("{what}: text reads an HTTP get's answer (list = {{ get = \"/path\", text = '...' }})"),
        ));
    }
    if list.xml.is_some() || list.each.is_some() {
        return Err(bad(
            pattern,
            format!("{what}: text reads one answer as text; not with xml or each"),
        ));
    }
    if list.items.is_some() || list.keys.is_some() {
        return Err(bad(
            pattern,
            format!("{what}: a text list has no items or keys (those read JSON)"),
        ));
    }
    let rows = compile(pattern).map_err(|why| bad(pattern, format!("{what}: {why}")))?;
    let groups = rows.captures_len();
    check_packing(list, bad)?;
    match &list.packed {
        Some(_) => {
            if !list.fields.is_empty() {
                return Err(bad(
                    "fields",
                    "a packed list's outlets are the pieces of group 1; fields names members of \
                     one match per outlet"
                        .into(),
                ));
            }
            if groups < 2 {
                return Err(bad(
                    pattern,
                    format!("{what}: a packed list reads group 1, and '{pattern}' has no group"),
                ));
            }
        }
        None => {
            if let Some((member, group)) = list.fields.iter().find(|(_, &g)| g >= groups) {
                return Err(bad(
                    "fields",
                    format!(
                        "fields reads {member} from group {group}; '{pattern}' has groups 0-{}",
                        groups - 1
                    ),
                ));
            }
            if list.fields.is_empty() && rows.capture_names().flatten().next().is_none() {
                return Err(bad(
                    pattern,
                    format!(
                        "{what}: a text list names its outlets' members: fields = {{ state = 2 }}, \
                         named groups (?P<state>...), or packed = \"digits\" ({})",
                        Packing::NAMES
                    ),
                ));
            }
        }
    }
    Ok(())
}

/// Checks an in-band error read by regex: the regex compiles, and it has no pointer or
/// message (those read JSON).
pub(super) fn check_error(
    e: &super::InBandError,
    pattern: &str,
    bad: &dyn Fn(&str, String) -> Error,
) -> Result<()> {
    if !e.pointer.is_empty() || e.message.is_some() {
        return Err(bad(
            pattern,
            "an error is a pointer (JSON) or a text regex, not both".into(),
        ));
    }
    compile(pattern).map_err(|why| bad(pattern, format!("errors: {why}")))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces(packing: &str, value: &str, reverse: bool) -> Vec<String> {
        split(Packing::named(packing).unwrap(), value, reverse).unwrap()
    }

    #[test]
    fn splitters_give_one_piece_per_outlet_first_outlet_first() {
        assert_eq!(pieces("digits", "0110", false), ["0", "1", "1", "0"]);
        assert_eq!(pieces("digits", " 0110\r\n", true), ["0", "1", "1", "0"]);
        assert_eq!(pieces("digits", "0011", true), ["1", "1", "0", "0"]);
        assert_eq!(pieces("spaces", "0 1\t 0 ", false), ["0", "1", "0"]);
        assert_eq!(pieces("csv", "1, 0,1", false), ["1", "0", "1"]);
        assert_eq!(pieces("csv", "1,,1", false), ["1", "", "1"]);
        assert_eq!(pieces("amp", "&1&0&1&", false), ["1", "0", "1"]);
        assert_eq!(pieces("amp", "1&0", false), ["1", "0"]);
        assert!(pieces("amp", "", false).is_empty());
        assert!(pieces("spaces", "  ", false).is_empty());
    }

    #[test]
    fn a_hex_bitmask_reads_bit_zero_as_the_first_outlet() {
        // 0x0D = 1101: outlets 1, 3, 4 on.
        assert_eq!(
            pieces("hex", "0D", false),
            ["1", "0", "1", "1", "0", "0", "0", "0"]
        );
        assert_eq!(pieces("hex", "0x8", false), ["0", "0", "0", "1"]);
        assert_eq!(pieces("hex", "a0", false)[5], "1");
        assert_eq!(pieces("hex", "1", true), ["0", "0", "0", "1"]);
        let e = split(Packing::Hex, "0G", false).unwrap_err();
        assert!(e.contains("\"G\""), "{e}");
    }

    #[test]
    fn a_packed_value_past_any_device_is_refused_before_it_is_split() {
        let long = "1".repeat(MAX_OUTLETS + 1);
        assert!(split(Packing::Digits, &long, false).is_err());
        assert!(split(Packing::Hex, &long, false).is_err());
        let commas = vec!["1"; MAX_OUTLETS + 1].join(",");
        assert!(split(Packing::Csv, &commas, false).is_err());
        let exactly = vec!["1"; MAX_OUTLETS].join("&");
        assert_eq!(
            split(Packing::Amp, &format!("&{exactly}&"), false)
                .unwrap()
                .len(),
            MAX_OUTLETS
        );
        assert!(Packing::named("bits").is_none());
    }

    fn list(text: &str, packed: Option<&str>, fields: &[(&str, usize)]) -> ListRequest {
        let mut l: ListRequest = toml_edit::de::from_str("get = \"/\"").unwrap();
        l.text = Some(text.into());
        l.packed = packed.map(str::to_string);
        l.fields = fields.iter().map(|(m, g)| (m.to_string(), *g)).collect();
        l
    }

    #[test]
    fn rows_become_items_of_their_groups_and_packed_values_items_of_their_pieces() {
        let rows = list(r"P(\d\d)=([01])", None, &[("id", 1), ("state", 2)]);
        let items = text_items(&rows, b"P01=1<br>P02=0<br>", "dev", "driver x").unwrap();
        assert_eq!(
            items,
            [
                serde_json::json!({"id": "01", "state": "1"}),
                serde_json::json!({"id": "02", "state": "0"})
            ]
        );
        let named = list(r"p6(?P<id>\d)=(?P<state>\d)", None, &[]);
        let items = text_items(&named, b"p61=0, p62=1", "dev", "driver x").unwrap();
        assert_eq!(items[1], serde_json::json!({"id": "2", "state": "1"}));
        let packed = list(r"Status: (.*)", Some("spaces"), &[]);
        let items = text_items(&packed, b"Status: 0 1 0\n", "dev", "driver x").unwrap();
        assert_eq!(
            items,
            [Value::from("0"), Value::from("1"), Value::from("0")]
        );
        // No match, and too much answer, are malformed answers.
        let e = text_items(&packed, b"<html>busy</html>", "dev", "driver x").unwrap_err();
        assert_eq!(e.exit_code(), 5, "{e}");
        let e = text_items(&rows, b"nothing", "dev", "driver x").unwrap_err();
        assert_eq!(e.exit_code(), 5, "{e}");
        let e = text_items(&packed, b"Status: \n", "dev", "driver x").unwrap_err();
        assert_eq!(e.exit_code(), 5, "{e}");
        let big = vec![b' '; MAX_TEXT_BYTES + 1];
        let e = text_items(&packed, &big, "dev", "driver x").unwrap_err();
        assert!(e.to_string().contains("1 MiB"), "{e}");
    }
}
