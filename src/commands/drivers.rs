//! `pductl drivers list|show|check`: the driver files pductl knows, and a check of one.

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
            let mut notes = Vec::new();
            let all = drivers::all(&mut notes)?;
            for note in notes {
                warn(g.quiet, &note);
            }
            let rows: Vec<Value> = all
                .iter()
                .map(|d| {
                    json!({
                        "name": d.file.driver.id,
                        "vendor": d.file.driver.vendor,
                        "transport": d.file.driver.transport,
                        "from": d.source,
                    })
                })
                .collect();
            let format = g.output.unwrap_or(OutputFormat::Table);
            match (format, rows.is_empty()) {
                (OutputFormat::Table, true) => Ok(()),
                _ => out.line(&output::render(&Value::Array(rows), format, terminal)),
            }
        }
        DriversCommand::Show { id } => {
            let mut notes = Vec::new();
            let driver = drivers::find(id, &mut notes)?;
            out.line(&output::for_terminal(
                driver.text.trim_end().to_string(),
                terminal,
            ))
        }
        DriversCommand::Check { file } => {
            let driver = drivers::load_file(file)?;
            if !g.quiet {
                eprintln!(
                    "{}",
                    output::escape_line(&format!(
                        "{}: driver {} is well-formed",
                        file.display(),
                        driver.file.driver.id
                    ))
                );
            }
            Ok(())
        }
    }
}
