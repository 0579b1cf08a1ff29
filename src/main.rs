//! The `pductl` binary: parse the command line, run it, and turn a failure into one line on
//! stderr and its documented exit code.

use clap::FromArgMatches;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let invoked_as = args
        .first()
        .map(std::path::Path::new)
        .and_then(|p| p.file_name())
        .and_then(|n| n.to_str())
        .unwrap_or("pductl");
    // Named `fence_pductl` (or `pductl fence`), the binary is a fence agent with that
    // interface's own options and exit codes; named `uom`, it takes uom's command line.
    let fence_args = match invoked_as {
        "fence_pductl" => Some(&args[1..]),
        _ if args.get(1).is_some_and(|a| a == "fence") => Some(&args[2..]),
        _ => None,
    };
    if let Some(fence_args) = fence_args {
        let fence_args: Vec<String> = fence_args
            .iter()
            .map(|a| a.to_string_lossy().into_owned())
            .collect();
        return ExitCode::from(pductl::commands::fence::run(&fence_args) as u8);
    }
    let matches = pductl::cli::command()
        .bin_name(if invoked_as == "uom" { "uom" } else { "pductl" })
        .get_matches_from(args);
    let cli = match pductl::cli::Cli::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(e) => e.exit(),
    };
    match pductl::app::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            let typed = e.downcast_ref::<pductl::Error>();
            let code = typed.map_or(1, |e| e.exit_code());
            if let Some(pductl::Error::Reported(_)) = typed {
                return ExitCode::from(code as u8);
            }
            // `{:#}` keeps any context chain on the one line; a device's words in it are
            // escaped so they cannot drive the terminal.
            eprintln!("error: {}", pductl::output::escape_line(&format!("{e:#}")));
            ExitCode::from(code as u8)
        }
    }
}
