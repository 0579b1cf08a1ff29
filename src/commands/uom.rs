//! The nine uom verbs (`get set insert remove invoke describe keys dump subscribe`): their
//! command-line input checked before any device is touched, then run on one transport and
//! rendered.

use crate::cli::{Command, GlobalOpts};
use crate::error::{Error, Result};
use crate::output::OutputFormat;
use crate::output::{self, Out};
use crate::path::{Path, MAX_PATH_BYTES};
use crate::transport::Transport;
use crate::uom;
use serde_json::Value;
use std::io::IsTerminal;
use std::time::Duration;

/// A uom verb with its command-line input already checked, so that a typo is reported
/// before any device, password command or demo simulator is touched.
pub enum Verb {
    Get(Path),
    Set(Path, Value),
    Insert(Path, Value),
    Remove(Path),
    Invoke(Path, Vec<Value>),
    Describe(Path),
    Keys(Path),
    Dump(Path),
    Subscribe(Path, Duration, Option<u64>),
}

/// Checks a uom verb's command line; `None` for commands that are not uom verbs.
pub fn parse_verb(command: &Command) -> Result<Option<Verb>> {
    Ok(Some(match command {
        Command::Get { path } => Verb::Get(parse_path(path)?),
        Command::Set { path, value } => Verb::Set(parse_path(path)?, uom::parse_value(value)?),
        Command::Insert { path, value } => {
            Verb::Insert(parse_path(path)?, uom::parse_value(value)?)
        }
        Command::Remove { path } => Verb::Remove(parse_path(path)?),
        Command::Invoke { path, args } => Verb::Invoke(
            parse_path(path)?,
            args.iter()
                .map(|a| uom::parse_arg(a))
                .collect::<Result<_>>()?,
        ),
        Command::Describe { path } => Verb::Describe(parse_path(path)?),
        Command::Keys { path } => Verb::Keys(parse_path(path)?),
        Command::Dump { path } => Verb::Dump(parse_path(path)?),
        Command::Subscribe {
            path,
            interval,
            count,
        } => Verb::Subscribe(
            parse_path(path)?,
            crate::output::seconds(*interval, "--interval")?,
            *count,
        ),
        _ => return Ok(None),
    }))
}

/// A uom verb from the command line: checked before anything else, then run on the device
/// the global options name.
pub async fn execute(g: &GlobalOpts, command: &Command, out: &mut Out) -> Result<()> {
    let Some(verb) = parse_verb(command)? else {
        return Err(Error::usage("not a device verb"));
    };
    check_format(&verb, g.output, g.dry_run)?;
    let device = crate::device::resolve(g).await?;
    let t = device.connect()?;
    let done = run(verb, t.as_ref(), g.output, g.dry_run, out).await;
    t.close().await;
    done
}

/// The verb's name on the command line.
fn verb_name(verb: &Verb) -> &'static str {
    match verb {
        Verb::Get(_) => "get",
        Verb::Set(..) => "set",
        Verb::Insert(..) => "insert",
        Verb::Remove(_) => "remove",
        Verb::Invoke(..) => "invoke",
        Verb::Describe(_) => "describe",
        Verb::Keys(_) => "keys",
        Verb::Dump(_) => "dump",
        Verb::Subscribe(..) => "subscribe",
    }
}

/// Refuses a `-o` the verb does not print (exit 2, before any device is touched): a dry
/// run prints the requests as text or JSON; `subscribe` prints JSON lines only. `set`,
/// `insert` and `remove` print nothing otherwise, so any `-o` is fine for them.
fn check_format(verb: &Verb, chosen: Option<OutputFormat>, dry_run: bool) -> Result<()> {
    use OutputFormat::{Json, Table, Text};
    let name = verb_name(verb);
    match verb {
        Verb::Set(..) | Verb::Insert(..) | Verb::Remove(_) | Verb::Invoke(..) if dry_run => {
            output::check_format(&format!("{name} --dry-run"), chosen, &[Text, Json])
        }
        Verb::Subscribe(..) => output::check_format(name, chosen, &[Json]),
        _ => output::check_format(name, chosen, &[Json, Table, Text]),
    }
}

fn parse_path(text: &str) -> Result<Path> {
    if text.len() > MAX_PATH_BYTES {
        return Err(Error::usage(format!(
            "the path is {} bytes long; paths are limited to {MAX_PATH_BYTES}",
            text.len()
        )));
    }
    Path::parse(text).map_err(|e| Error::usage(format!("bad path '{text}': {e}")))
}

/// Runs a checked verb on `t` and prints its result: JSON unless `format` says otherwise,
/// and for `dump` its `path = value` text. With `dry_run`, a verb that changes something
/// prints the request it would send instead (`would send: ...`, or with `-o json` a JSON
/// array of the requests).
pub async fn run(
    verb: Verb,
    t: &dyn Transport,
    format: Option<OutputFormat>,
    dry_run: bool,
    out: &mut Out,
) -> Result<()> {
    let terminal = std::io::stdout().is_terminal();
    if dry_run {
        let request = match &verb {
            Verb::Set(path, value) => Some(t.explain_set(path, value)),
            Verb::Insert(path, value) => Some(format!("{}: insert {path} {value}", t.protocol())),
            Verb::Remove(path) => Some(format!("{}: remove {path}", t.protocol())),
            Verb::Invoke(path, args) => Some(t.explain_invoke(path, args)),
            _ => None,
        };
        if let Some(request) = request {
            return out.line(&output::would_send(&[request], format, terminal));
        }
    }
    let chosen = format;
    let format = chosen.unwrap_or(OutputFormat::Json);
    let print = |out: &mut Out, v: &Value| out.line(&output::render(v, format, terminal));
    match verb {
        Verb::Get(path) => print(out, &t.get(&path).await?),
        Verb::Set(path, value) => t.set(&path, &value).await,
        Verb::Insert(path, value) => t.insert(&path, &value).await,
        Verb::Remove(path) => t.remove(&path).await,
        Verb::Invoke(path, args) => match t.invoke(&path, &args).await? {
            Some(v) => print(out, &v),
            None => Ok(()),
        },
        Verb::Describe(path) => print(out, &t.describe(&path).await?),
        Verb::Keys(path) => print(out, &uom::keys(t, &path).await?),
        Verb::Dump(path) => {
            let dumped = uom::dump(t, &path).await?;
            let root = path.to_string();
            out.line(&match chosen.unwrap_or(OutputFormat::Text) {
                OutputFormat::Text => {
                    output::for_terminal(output::dump_text(&root, &dumped), terminal)
                }
                OutputFormat::Json => output::json(&output::dump_json(&dumped), terminal),
                OutputFormat::Table => output::dump_table(&root, &dumped),
            })
        }
        Verb::Subscribe(path, interval, count) => {
            uom::subscribe(t, &path, interval, count, |line| {
                out.line(&output::json(line, false))?;
                Ok(!out.is_closed())
            })
            .await
        }
    }
}
