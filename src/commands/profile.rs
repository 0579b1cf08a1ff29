//! `pductl profile add|list|show|remove`: the profile file's devices from the command line.

use crate::cli::{GlobalOpts, ProfileCommand};
use crate::demo;
use crate::device::{check_entry, check_tls_options, cli_entry, profile_path, split_host_port};
use crate::error::{Error, Result};
use crate::output::OutputFormat;
use crate::output::{self, Out};
use crate::output::{seconds, warn};
use crate::profile::{self, PasswordSource, ProfileFile};
use crate::transport::{Protocol, Secret};
use serde_json::{json, Value};
use std::io::{BufRead, IsTerminal};

pub async fn run(g: &GlobalOpts, cmd: &ProfileCommand, out: &mut Out) -> Result<()> {
    let path = profile_path(g)?;
    let terminal = std::io::stdout().is_terminal();
    match cmd {
        ProfileCommand::List => {
            let file = ProfileFile::load(&path)?;
            let mut rows: Vec<Value> = demo::NAMES
                .iter()
                .map(|d| json!({"name": d, "protocol": demo::protocol(d).name(), "host": "(built-in simulator)", "port": null}))
                .collect();
            for name in file.names() {
                let e = file.entry(&name)?;
                let mut row = json!({
                    "name": name,
                    "protocol": e.protocol.unwrap_or(Protocol::DliRest).name(),
                    "host": e.host,
                    "port": e.port,
                });
                if let Some(driver) = &e.driver {
                    row["driver"] = json!(driver);
                }
                rows.push(row);
            }
            // A table for a person at a terminal, JSON for a script.
            let default = if terminal {
                OutputFormat::Table
            } else {
                OutputFormat::Json
            };
            match g.output.unwrap_or(default) {
                OutputFormat::Text => {
                    for row in &rows {
                        let place = match (row["host"].as_str(), row["port"].as_u64()) {
                            (Some(host), Some(port)) => format!("{host}:{port}"),
                            (Some(host), None) => host.to_string(),
                            (None, _) => "(no host)".to_string(),
                        };
                        let how = match row["driver"].as_str() {
                            Some(driver) => format!("driver {driver}"),
                            None => row["protocol"].as_str().unwrap_or("").to_string(),
                        };
                        let line = format!("{}: {how} {place}", row["name"].as_str().unwrap_or(""));
                        out.line(&output::for_terminal(line, terminal))?;
                    }
                    Ok(())
                }
                format => out.line(&output::render(&Value::Array(rows), format, terminal)),
            }
        }
        ProfileCommand::Show { name } => {
            let file = ProfileFile::load(&path)?;
            let entry = file.entry(name)?;
            let format = g.output.unwrap_or(OutputFormat::Json);
            out.line(&output::render(&entry.to_json(name), format, terminal))
        }
        ProfileCommand::Remove { name } => ProfileFile::edit(&path, |file| {
            if file.remove(name) {
                Ok(())
            } else {
                Err(Error::usage(format!(
                    "no device '{name}' in {}",
                    path.display()
                )))
            }
        }),
        ProfileCommand::Add {
            name,
            password_stdin,
            force,
        } => {
            if profile::RESERVED_NAMES.contains(&name.as_str()) {
                return Err(Error::usage(format!(
                    "'{name}' is the built-in demo device; pick another name"
                )));
            }
            if name.is_empty() || name.contains(['.', ' ', '"', '\'']) {
                return Err(Error::usage(format!(
                    "'{name}' is not a usable device name (no dots, spaces or quotes)"
                )));
            }
            let mut entry = cli_entry(g);
            let Some(host) = &entry.host else {
                return Err(Error::usage("profile add needs --host"));
            };
            let (host, port) = split_host_port(host, entry.port)?;
            (entry.host, entry.port) = (Some(host), port);
            check_tls_options(&entry)?;
            if g.device.is_some() {
                return Err(Error::usage(
                    "profile add takes the device name as its argument, not -d",
                ));
            }
            if entry.driver.is_none() {
                entry.protocol = Some(entry.protocol.unwrap_or(Protocol::DliRest));
            }
            if let Some(t) = entry.timeout {
                seconds(t, "--timeout")?;
            }
            if let Some(t) = entry.cycle_delay {
                seconds(t, "--cycle-delay")?;
            }
            // Nothing the transport could not use is written (a missing MQTT topic root, an
            // SNMPv3 entry without a user, a driver that does not exist...).
            check_entry(g, name, &entry).await?;
            if *password_stdin {
                if entry.password.is_some() {
                    return Err(Error::usage(
                        "--password-stdin and another password option exclude each other",
                    ));
                }
                let mut line = String::new();
                std::io::stdin().lock().read_line(&mut line).map_err(|e| {
                    Error::usage(format!("cannot read the password from stdin: {e}"))
                })?;
                let password = line.trim_end_matches(['\n', '\r']);
                if password.is_empty() {
                    return Err(Error::usage("no password on stdin"));
                }
                entry.password = Some(PasswordSource::Inline(Secret::new(password)));
            }
            let inline = matches!(entry.password, Some(PasswordSource::Inline(_)));
            let readable_by_others = ProfileFile::edit(&path, |file| {
                if file.names().contains(name) && !force {
                    return Err(Error::usage(format!(
                        "device '{name}' already exists in {}; use --force to replace it",
                        path.display()
                    )));
                }
                file.put(name, &entry);
                Ok(file.readable_by_others())
            })?;
            let place = match entry.port {
                Some(port) => format!("{}:{port}", entry.host.as_deref().unwrap_or("")),
                None => entry.host.clone().unwrap_or_default(),
            };
            let how = match (&entry.driver, entry.protocol) {
                (Some(driver), _) => format!("driver {driver}"),
                (None, protocol) => protocol.unwrap_or(Protocol::DliRest).name().to_string(),
            };
            if !g.quiet {
                eprintln!(
                    "{}",
                    output::escape_line(&format!(
                        "pductl: wrote device {name} ({how}, {place}) to {}",
                        path.display()
                    ))
                );
            }
            if inline && readable_by_others {
                warn(
                    g.quiet,
                    &format!(
                        "{} holds a password and other users can read it",
                        path.display()
                    ),
                );
            }
            Ok(())
        }
    }
}
