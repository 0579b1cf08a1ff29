//! `pductl drivers list|show|check`: the driver files pductl knows, and a check of one.
//! `show` and `check` take a driver's id or the path of a driver file: an argument with a
//! `/` or ending in `.toml` is a file (`drivers::names_a_file`), anything else an id.

use crate::cli::{DriversCommand, GlobalOpts};
use crate::drivers;
use crate::error::Result;
use crate::output::warn;
use crate::output::OutputFormat;
use crate::output::{self, Out};
use serde_json::{json, Value};
use std::io::IsTerminal;

pub fn run(g: &GlobalOpts, cmd: &DriversCommand, out: &mut Out) -> Result<()> {
    let terminal = std::io::stdout().is_terminal();
    match cmd {
        DriversCommand::List => {
            let format = OutputFormat::listing(g.output, terminal);
            let mut notes = Vec::new();
            let all = drivers::all(&mut notes)?;
            for note in notes {
                warn(g.quiet, &note);
            }
            let rows: Vec<Value> = all
                .iter()
                .map(|d| {
                    json!({
                        "name": d.header.id,
                        "vendor": d.header.vendor,
                        "transport": d.header.transport,
                        "from": d.source,
                        "tested": d.header.tested,
                    })
                })
                .collect();
            out.line(&match format {
                OutputFormat::Json => output::json(&Value::Array(rows), terminal),
                // One line per driver, tab-separated for `cut -f` (vendors have spaces).
                OutputFormat::Text => output::for_terminal(
                    all.iter()
                        .map(|d| {
                            let h = &d.header;
                            format!("{}\t{}\t{}\t{}", h.id, h.vendor, h.transport, d.source)
                        })
                        .collect::<Vec<_>>()
                        .join("\n"),
                    terminal,
                ),
                OutputFormat::Table => output::grid(
                    &["name", "vendor", "transport", "from", "tested against"],
                    all.iter().map(|d| {
                        let h = &d.header;
                        vec![
                            h.id.clone(),
                            h.vendor.clone(),
                            h.transport.clone(),
                            d.source.clone(),
                            h.tested.clone(),
                        ]
                    }),
                ),
            })
        }
        DriversCommand::Show { id } => {
            output::check_format("drivers show", g.output, &[OutputFormat::Text])?;
            let mut notes = Vec::new();
            let driver = drivers::lookup(id, &mut notes)?;
            for note in notes {
                warn(g.quiet, &note);
            }
            out.line(&output::for_terminal(
                driver.text.trim_end().to_string(),
                terminal,
            ))
        }
        DriversCommand::Check { file } => {
            let mut notes = Vec::new();
            let driver = match file.to_str() {
                Some(arg) => drivers::lookup(arg, &mut notes)?,
                None => drivers::load_file(file)?,
            };
            for note in notes {
                warn(g.quiet, &note);
            }
            if !g.quiet {
                eprintln!(
                    "{}",
                    output::escape_line(&format!(
                        "{}: driver {} is well-formed",
                        driver.source, driver.file.driver.id
                    ))
                );
            }
            Ok(())
        }
    }
}
