//! net-snmp's `pass_persist` protocol (snmpd.conf(5), "pass_persist"), the simulator side:
//! snmpd writes `PING`, `get` + OID, `getnext` + OID or `set` + OID + "TYPE VALUE" lines on
//! our stdin and reads one answer per request on our stdout. A simulated agent says what it
//! serves (every object, in OID order) and what a set does; this file does the talking.

use std::io::{BufRead, Write};

/// One object an agent serves.
#[derive(Debug, Clone, PartialEq)]
pub enum Object {
    Integer(i64),
    Text(String),
}

/// A simulated MIB: its objects as they stand now, and what a `set` does to them.
pub trait Mib {
    /// Every object, sorted by OID.
    fn objects(&mut self) -> Vec<(Vec<u32>, Object)>;
    /// A `set` of `oid` to `typed` ("integer 3", "string Lab"); the answer is pass_persist's
    /// word for the outcome (`DONE`, `not-writable`, `wrong-type`, `wrong-value`, ...).
    fn set(&mut self, oid: &[u32], typed: &str) -> &'static str;
}

pub fn parse_oid(text: &str) -> Option<Vec<u32>> {
    text.trim()
        .trim_start_matches('.')
        .split('.')
        .map(|p| p.parse().ok())
        .collect()
}

fn dotted(oid: &[u32]) -> String {
    oid.iter().map(|n| format!(".{n}")).collect()
}

fn answer(oid: &[u32], object: &Object) -> String {
    match object {
        Object::Integer(n) => format!("{}\ninteger\n{n}\n", dotted(oid)),
        // pass_persist values are one line: a newline in a name would end the answer early.
        Object::Text(s) => format!("{}\nstring\n{}\n", dotted(oid), s.replace('\n', " ")),
    }
}

/// Serves snmpd's requests on `input`, answering on `output`, until snmpd closes the pipe.
pub fn serve(mib: &mut impl Mib, input: impl BufRead, mut output: impl Write) {
    let mut lines = input.lines().map_while(Result::ok);
    while let Some(command) = lines.next() {
        let reply = match command.trim() {
            "PING" => "PONG\n".to_string(),
            verb @ ("get" | "getnext") => {
                let Some(oid) = lines.next().as_deref().and_then(parse_oid) else {
                    break;
                };
                let all = mib.objects();
                let hit = if verb == "getnext" {
                    all.iter().find(|(o, _)| *o > oid)
                } else {
                    all.iter().find(|(o, _)| *o == oid)
                };
                match hit {
                    Some((oid, object)) => answer(oid, object),
                    None => "NONE\n".to_string(),
                }
            }
            "set" => {
                let (Some(oid), Some(typed)) = (lines.next(), lines.next()) else {
                    break;
                };
                let outcome = match parse_oid(&oid) {
                    Some(oid) => mib.set(&oid, &typed),
                    None => "not-writable",
                };
                format!("{outcome}\n")
            }
            "" => continue,
            _ => "NONE\n".to_string(),
        };
        if output
            .write_all(reply.as_bytes())
            .and_then(|_| output.flush())
            .is_err()
        {
            break;
        }
    }
}

/// The INTEGER of a `set`'s "integer 3", or the pass_persist word for why not.
pub fn integer(typed: &str) -> Result<i64, &'static str> {
    let mut parts = typed.split_whitespace();
    if parts.next() != Some("integer") {
        return Err("wrong-type");
    }
    parts
        .next()
        .and_then(|v| v.parse().ok())
        .ok_or("wrong-value")
}

/// The text of a `set`'s "string Lab bench" (snmpd may quote it), or why not.
pub fn string(typed: &str) -> Result<String, &'static str> {
    let Some(rest) = typed.trim_start().strip_prefix("string") else {
        return Err("wrong-type");
    };
    let rest = rest.trim();
    let unquoted = rest
        .strip_prefix('"')
        .and_then(|r| r.strip_suffix('"'))
        .unwrap_or(rest);
    Ok(unquoted.to_string())
}
