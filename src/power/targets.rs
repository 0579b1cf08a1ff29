//! Targets of the everyday verbs: `DEVICE:OUTLETS` with outlets numbered from 1 as printed on
//! the device (`lab:3`, `lab:1-4,7`, `lab:all`, `lab:DUT power`), and the profile's aliases
//! and groups, which may name each other (never themselves) and span devices.

use crate::error::{Error, Result};

/// Highest outlet number a target may name: far beyond any PDU, and a bound on the size of a
/// range typed by mistake (`lab:1-4000000000`).
pub const MAX_OUTLET_NUMBER: usize = crate::transport::MAX_OUTLETS;

/// How deep aliases and groups may refer to one another.
const MAX_NESTING: usize = 16;

/// Outlet names listed when a target names one the device does not have, and how much of
/// each (a device's names are its own: long ones are cut).
const HINT_NAMES: usize = 20;
const HINT_NAME_CHARS: usize = 40;

/// Which outlets of a device a target names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outlets {
    All,
    /// Outlet numbers from 1, in the order given, without repeats.
    Numbers(Vec<usize>),
    /// An outlet name: exact match first, then ignoring case.
    Name(String),
}

/// One `DEVICE:OUTLETS`, after aliases and groups are expanded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    pub device: String,
    pub outlets: Outlets,
}

/// What names a target may use: the profile's devices, aliases and groups.
#[derive(Debug, Clone, Default)]
pub struct Names {
    pub devices: Vec<String>,
    pub aliases: Vec<(String, String)>,
    pub groups: Vec<(String, Vec<String>)>,
    /// `-d DEVICE`: a bare outlet list or name means one of its outlets.
    pub default_device: Option<String>,
}

/// The targets named on the command line, expanded; also whether a group was among them
/// (a group cycles all off, then all on).
pub fn expand(args: &[String], names: &Names) -> Result<(Vec<Target>, bool)> {
    let mut out = Vec::new();
    let mut grouped = false;
    for arg in args {
        expand_one(arg, names, &mut Vec::new(), &mut out, &mut grouped)?;
    }
    Ok((out, grouped))
}

fn expand_one(
    text: &str,
    names: &Names,
    stack: &mut Vec<String>,
    out: &mut Vec<Target>,
    grouped: &mut bool,
) -> Result<()> {
    let text = text.trim();
    if let Some((device, outlets)) = split_target(text, &names.devices) {
        if !names.devices.iter().any(|d| d == device) {
            return Err(Error::usage(format!(
                "unknown device '{device}' in target '{text}'{}",
                suggest(device, &names.devices)
            )));
        }
        out.push(Target {
            device: device.to_string(),
            outlets: parse_outlets(outlets.trim(), text)?,
        });
        return Ok(());
    }
    if stack.iter().any(|s| s == text) {
        stack.push(text.to_string());
        return Err(Error::usage(format!(
            "'{text}' names itself: {}",
            stack.join(" -> ")
        )));
    }
    if stack.len() >= MAX_NESTING {
        return Err(Error::usage(format!(
            "aliases and groups nest deeper than {MAX_NESTING} levels at '{text}'"
        )));
    }
    let alias = names.aliases.iter().find(|(n, _)| n == text);
    let group = names.groups.iter().find(|(n, _)| n == text);
    match (alias, group) {
        (Some(_), Some(_)) => Err(Error::usage(format!(
            "'{text}' is both an alias and a group in the profile; rename one"
        ))),
        (Some((_, target)), None) => {
            stack.push(text.to_string());
            let result = expand_one(target, names, stack, out, grouped);
            stack.pop();
            result
        }
        (None, Some((_, members))) => {
            if members.is_empty() {
                return Err(Error::usage(format!("group '{text}' is empty")));
            }
            *grouped = true;
            stack.push(text.to_string());
            for member in members {
                expand_one(member, names, stack, out, grouped)?;
            }
            stack.pop();
            Ok(())
        }
        (None, None) => match &names.default_device {
            // Not through `DEVICE:OUTLETS` text: an ad-hoc device's name is its host, which
            // may hold colons of its own (`10.0.0.9:8080`, `[fe80::1]:80`).
            Some(device) if stack.is_empty() => {
                out.push(Target {
                    device: device.clone(),
                    outlets: parse_outlets(text, &format!("{device}:{text}"))?,
                });
                Ok(())
            }
            _ => {
                let mut known: Vec<String> = names.aliases.iter().map(|(n, _)| n.clone()).collect();
                known.extend(names.groups.iter().map(|(n, _)| n.clone()));
                Err(Error::usage(format!(
                    "unknown target '{text}': not DEVICE:OUTLETS (like lab:3), nor an alias or \
                     group in the profile{}",
                    suggest(text, &known)
                )))
            }
        },
    }
}

/// `DEVICE:OUTLETS` split in two: after the longest known device name followed by `:` (an
/// ad-hoc device is named by its host, `127.0.0.1:8080`, colons and all), else at the first
/// `:`. `None` when the text has no `:`.
fn split_target<'t>(text: &'t str, devices: &[String]) -> Option<(&'t str, &'t str)> {
    let known = devices
        .iter()
        .filter(|d| {
            text.len() > d.len() && text.starts_with(d.as_str()) && text[d.len()..].starts_with(':')
        })
        .max_by_key(|d| d.len());
    match known {
        Some(d) => Some((&text[..d.len()], &text[d.len() + 1..])),
        None => text.split_once(':').map(|(d, o)| (d.trim(), o)),
    }
}

/// `all`, a list of numbers and ranges (`1-4,7`), or an outlet name.
fn parse_outlets(text: &str, target: &str) -> Result<Outlets> {
    if text.is_empty() {
        return Err(Error::usage(format!(
            "target '{target}' names no outlet (lab:3, lab:1-4,7, lab:all or lab:NAME)"
        )));
    }
    if text.eq_ignore_ascii_case("all") {
        return Ok(Outlets::All);
    }
    let numeric = text
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, ',' | '-' | ' '));
    if !numeric {
        return Ok(Outlets::Name(text.to_string()));
    }
    let bad = |why: String| Error::usage(format!("bad outlets in target '{target}': {why}"));
    let number = |s: &str| -> Result<usize> {
        let n: usize = s
            .trim()
            .parse()
            .map_err(|_| bad(format!("'{}' is not an outlet number", s.trim())))?;
        if n == 0 || n > MAX_OUTLET_NUMBER {
            return Err(bad(format!(
                "outlets are numbered from 1 (as on the device), not {n}"
            )));
        }
        Ok(n)
    };
    let mut numbers = Vec::new();
    for part in text.split(',') {
        let (first, last) = match part.split_once('-') {
            Some((a, b)) => (number(a)?, number(b)?),
            None => {
                let n = number(part)?;
                (n, n)
            }
        };
        if first > last {
            return Err(bad(format!("range {first}-{last} runs backwards")));
        }
        for n in first..=last {
            if !numbers.contains(&n) {
                numbers.push(n);
            }
        }
    }
    Ok(Outlets::Numbers(numbers))
}

/// Picks the outlets (0-based indices) a target names on a device whose outlets are called
/// `names`, in order.
pub fn select(outlets: &Outlets, names: &[String], device: &str) -> Result<Vec<usize>> {
    let count = names.len();
    match outlets {
        Outlets::All => Ok((0..count).collect()),
        Outlets::Numbers(numbers) => {
            let mut out = Vec::new();
            for &n in numbers {
                if n > count {
                    return Err(Error::usage(match count {
                        0 => format!("{device} has no outlets; there is no outlet {n}"),
                        _ => format!("{device} has outlets 1-{count}; there is no outlet {n}"),
                    }));
                }
                out.push(n - 1);
            }
            Ok(out)
        }
        Outlets::Name(name) => {
            let exact: Vec<usize> = (0..count).filter(|&i| names[i] == *name).collect();
            if !exact.is_empty() {
                return Ok(exact);
            }
            let folded: Vec<usize> = (0..count)
                .filter(|&i| names[i].to_lowercase() == name.to_lowercase())
                .collect();
            if !folded.is_empty() {
                return Ok(folded);
            }
            Err(Error::usage(format!(
                "{device} has no outlet named '{name}'{}; {}",
                suggest(name, names),
                known_names(names)
            )))
        }
    }
}

/// The outlet names a device has, for a hint: quoted, escaped for the terminal, each
/// shortened to `HINT_NAME_CHARS` and at most `HINT_NAMES` of them.
fn known_names(names: &[String]) -> String {
    let count = names.len();
    let named: Vec<&String> = names.iter().filter(|n| !n.trim().is_empty()).collect();
    if named.is_empty() {
        return match count {
            0 => "it has no outlets".into(),
            _ => format!("its outlets have no names: use numbers (1-{count})"),
        };
    }
    let mut shown: Vec<String> = named
        .iter()
        .take(HINT_NAMES)
        .map(|n| {
            let short: String = n.chars().take(HINT_NAME_CHARS).collect();
            let more = if short.len() < n.len() { "..." } else { "" };
            format!("\"{}{more}\"", crate::output::escape_line(&short))
        })
        .collect();
    if named.len() > HINT_NAMES {
        shown.push("...".into());
    }
    format!("its outlets: {} (or numbers 1-{count})", shown.join(", "))
}

/// "; did you mean: a, b" with up to three close candidates, or "" when none is close.
fn suggest(word: &str, candidates: &[String]) -> String {
    let lower = word.to_lowercase();
    let mut close: Vec<&String> = candidates
        .iter()
        .filter(|c| {
            let c = c.trim().to_lowercase();
            if c.is_empty() {
                return false; // an unnamed outlet is close to nothing
            }
            c.contains(&lower) || lower.contains(&c) || edit_distance(&c, &lower) <= 2
        })
        .collect();
    close.dedup();
    close.truncate(3);
    if close.is_empty() {
        return String::new();
    }
    let list: Vec<&str> = close.iter().map(|s| s.as_str()).collect();
    format!("; did you mean: {}", list.join(", "))
}

/// Levenshtein distance, for suggestions (short words only: names on a PDU).
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().take(64).collect();
    let b: Vec<char> = b.chars().take(64).collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut current = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != cb);
            current.push(substitution.min(previous[j + 1] + 1).min(current[j] + 1));
        }
        previous = current;
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names() -> Names {
        Names {
            devices: vec!["lab".into(), "pdu-a".into(), "pdu-b".into()],
            aliases: vec![
                ("dut".into(), "lab:3".into()),
                ("loop".into(), "loop".into()),
            ],
            groups: vec![
                ("board".into(), vec!["pdu-a:1".into(), "pdu-b:1".into()]),
                ("rack".into(), vec!["board".into(), "dut".into()]),
                ("empty".into(), vec![]),
                ("ouroboros".into(), vec!["lab:1".into(), "ouroboros".into()]),
            ],
            default_device: None,
        }
    }

    fn target(device: &str, outlets: Outlets) -> Target {
        Target {
            device: device.into(),
            outlets,
        }
    }

    #[test]
    fn numbers_ranges_all_and_names() {
        let (t, grouped) = expand(
            &[
                "lab:1-3,7,2".into(),
                "lab:all".into(),
                "lab:DUT power".into(),
            ],
            &names(),
        )
        .unwrap();
        assert!(!grouped);
        assert_eq!(
            t,
            [
                target("lab", Outlets::Numbers(vec![1, 2, 3, 7])),
                target("lab", Outlets::All),
                target("lab", Outlets::Name("DUT power".into())),
            ]
        );
    }

    #[test]
    fn aliases_and_groups_expand_across_devices() {
        let (t, grouped) = expand(&["rack".into()], &names()).unwrap();
        assert!(grouped);
        assert_eq!(
            t,
            [
                target("pdu-a", Outlets::Numbers(vec![1])),
                target("pdu-b", Outlets::Numbers(vec![1])),
                target("lab", Outlets::Numbers(vec![3])),
            ]
        );
    }

    #[test]
    fn bad_targets_are_usage_errors_that_help() {
        let n = names();
        let e = |arg: &str| expand(&[arg.to_string()], &n).unwrap_err().to_string();
        assert!(e("labb:1").contains("did you mean: lab"), "{}", e("labb:1"));
        assert!(e("dutt").contains("did you mean: dut"), "{}", e("dutt"));
        assert!(e("empty").contains("group 'empty' is empty"));
        assert!(
            e("ouroboros").contains("ouroboros -> ouroboros"),
            "{}",
            e("ouroboros")
        );
        assert!(e("loop").contains("names itself"));
        assert!(e("lab:0").contains("numbered from 1"));
        assert!(e("lab:5-2").contains("backwards"));
        assert!(e("lab:1-99999999999").contains("numbered from 1"));
        assert!(e("lab:").contains("names no outlet"));
    }

    #[test]
    fn selection_names_the_valid_range_and_close_names() {
        let outlets: Vec<String> = ["Outlet 1", "DUT power", "Switch"]
            .map(String::from)
            .to_vec();
        assert_eq!(select(&Outlets::All, &outlets, "lab").unwrap(), [0, 1, 2]);
        assert_eq!(
            select(&Outlets::Name("dut POWER".into()), &outlets, "lab").unwrap(),
            [1]
        );
        let e = select(&Outlets::Numbers(vec![9]), &outlets, "lab").unwrap_err();
        assert_eq!(e.to_string(), "lab has outlets 1-3; there is no outlet 9");
        let e = select(&Outlets::Name("DUT pwr".into()), &outlets, "lab").unwrap_err();
        assert!(e.to_string().contains("did you mean: DUT power"), "{e}");
    }

    #[test]
    fn an_ad_hoc_device_is_named_by_its_host_colons_and_all() {
        let n = Names {
            devices: vec!["lab".into(), "127.0.0.1:8080".into(), "[::1]:80".into()],
            default_device: Some("127.0.0.1:8080".into()),
            ..Names::default()
        };
        let (t, _) = expand(
            &[
                "3".into(),
                "1-2".into(),
                "DUT power".into(),
                "127.0.0.1:8080:all".into(),
                "[::1]:80:4".into(),
                "lab:1".into(),
            ],
            &n,
        )
        .unwrap();
        assert_eq!(
            t,
            [
                target("127.0.0.1:8080", Outlets::Numbers(vec![3])),
                target("127.0.0.1:8080", Outlets::Numbers(vec![1, 2])),
                target("127.0.0.1:8080", Outlets::Name("DUT power".into())),
                target("127.0.0.1:8080", Outlets::All),
                target("[::1]:80", Outlets::Numbers(vec![4])),
                target("lab", Outlets::Numbers(vec![1])),
            ]
        );
        let e = expand(&["0".into()], &n).unwrap_err().to_string();
        assert!(e.contains("in target '127.0.0.1:8080:0'"), "{e}");
    }

    #[test]
    fn an_unknown_outlet_name_lists_the_names_there_are_bounded_and_escaped() {
        let outlets: Vec<String> = ["Outlet 1", "DUT\x1b[2J power", ""]
            .map(String::from)
            .to_vec();
        let e = select(&Outlets::Name("nosuch".into()), &outlets, "lab")
            .unwrap_err()
            .to_string();
        assert_eq!(
            e,
            "lab has no outlet named 'nosuch'; its outlets: \"Outlet 1\", \"DUT\\e[2J power\" \
             (or numbers 1-3)"
        );
        let many: Vec<String> = (1..=32).map(|i| format!("port {i}")).collect();
        let e = select(&Outlets::Name("nosuch".into()), &many, "lab")
            .unwrap_err()
            .to_string();
        assert!(e.ends_with("\"port 20\", ... (or numbers 1-32)"), "{e}");
        assert!(!e.contains("port 21"), "{e}");
        let unnamed = vec![String::new(); 4];
        let e = select(&Outlets::Name("x".into()), &unnamed, "lab")
            .unwrap_err()
            .to_string();
        assert!(
            e.ends_with("its outlets have no names: use numbers (1-4)"),
            "{e}"
        );
    }

    #[test]
    fn a_bare_outlet_means_the_default_device() {
        let n = Names {
            default_device: Some("lab".into()),
            ..names()
        };
        let (t, _) = expand(&["3".into(), "dut".into()], &n).unwrap();
        assert_eq!(
            t,
            [
                target("lab", Outlets::Numbers(vec![3])),
                target("lab", Outlets::Numbers(vec![3]))
            ]
        );
    }
}
