//! The `pductl` binary: parse the command line, run it, and turn a failure into one line on
//! stderr and its documented exit code.

use clap::FromArgMatches;
use std::process::ExitCode;

fn main() -> ExitCode {
    let matches = pductl::cli::command().get_matches();
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
