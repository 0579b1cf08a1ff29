//! `pductl profile add|list|show|remove`: the profile file's devices from the command line.

use crate::cli::{GlobalOpts, ProfileCommand};
use crate::demo;
use crate::device::{check_tls_options, cli_entry, profile_path, split_host_port};
use crate::error::{Error, Result};
use crate::output::OutputFormat;
use crate::output::{self, Out};
use crate::output::{seconds, warn};
use crate::profile::{self, PasswordSource, ProfileFile};
use crate::transport::{Protocol, Secret};
use serde_json::{json, Value};
use std::io::{BufRead, IsTerminal};

pub fn run(g: &GlobalOpts, cmd: &ProfileCommand, out: &mut Out) -> Result<()> {
    let path = profile_path(g)?;
    let format = g.output.unwrap_or(OutputFormat::Json);
    let terminal = std::io::stdout().is_terminal();
    match cmd {
        ProfileCommand::List => {
            let file = ProfileFile::load(&path)?;
            let mut rows: Vec<Value> = demo::NAMES
                .iter()
                .map(|d| json!({"name": d, "protocol": demo::protocol(d).name(), "host": "(built-in simulator)"}))
                .collect();
            for name in file.names() {
                let e = file.entry(&name)?;
                rows.push(json!({
                    "name": name,
                    "protocol": e.protocol.unwrap_or(Protocol::DliRest).name(),
                    "host": e.host,
                }));
            }
            out.line(&output::render(&Value::Array(rows), format, terminal))
        }
        ProfileCommand::Show { name } => {
            let file = ProfileFile::load(&path)?;
            let entry = file.entry(name)?;
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
            entry.protocol = Some(entry.protocol.unwrap_or(Protocol::DliRest));
            if let Some(t) = entry.timeout {
                seconds(t, "--timeout")?;
            }
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
