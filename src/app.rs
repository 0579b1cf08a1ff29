//! Runs one parsed command: starts the runtime, stops on a signal, and hands the command to
//! its module in `commands/`. This is the edge where typed library errors become `anyhow`
//! errors for `main` to print.

use crate::cli::{Cli, Command};
use crate::commands;
use crate::error::{Error, Result};
use crate::output::Out;
use crate::power::Action;
use crate::signals::interrupt_listener;

/// Runs the command to completion on a single-threaded runtime. Ctrl-C, SIGTERM or SIGHUP
/// end it with `Error::Interrupted`: the running command's future is dropped, and with it
/// whatever it spawned (a password command's process group is killed on drop).
pub fn run(cli: Cli) -> anyhow::Result<()> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| anyhow::anyhow!("cannot start the async runtime: {e}"))?;
    // A signal is how a simulator is meant to be stopped (exit 0); `serve` stops on one by
    // itself, after the requests in flight, and exits 128+n as anything else does.
    let interrupt_is_stop = matches!(cli.command, Command::Sim(_));
    if matches!(cli.command, Command::Serve(_)) {
        runtime.block_on(dispatch(cli))?;
        return Ok(());
    }
    runtime.block_on(async {
        let interrupted = interrupt_listener()
            .map_err(|e| Error::usage(format!("cannot listen for signals: {e}")))?;
        tokio::select! {
            result = dispatch(cli) => result,
            signal = interrupted => match interrupt_is_stop {
                true => Ok(()),
                false => Err(Error::Interrupted(signal)),
            },
        }
    })?;
    Ok(())
}

/// The command's module, by command.
async fn dispatch(cli: Cli) -> Result<()> {
    let g = &cli.global;
    let mut out = Out::new();
    match &cli.command {
        Command::Profile(cmd) => commands::profile::run(g, cmd, &mut out).await,
        Command::Sim(cmd) => commands::sim::run(g, cmd, &mut out).await,
        Command::On(args) => commands::power::switch(g, Action::On, args, None, &mut out).await,
        Command::Off(args) => commands::power::switch(g, Action::Off, args, None, &mut out).await,
        Command::Toggle(args) => {
            commands::power::switch(g, Action::Toggle, args, None, &mut out).await
        }
        Command::Cycle { switch, off_time } => {
            commands::power::switch(g, Action::Cycle, switch, *off_time, &mut out).await
        }
        Command::Status { targets } => commands::power::status(g, targets, &mut out).await,
        Command::Discover(args) => commands::discover::run(g, args, &mut out).await,
        Command::Serve(args) => commands::serve::run(g, args, &mut out).await,
        Command::Record(args) => commands::record::run(g, args, &mut out).await,
        Command::Energy(args) => commands::energy::run(g, args, &mut out).await,
        Command::Drivers(cmd) => commands::drivers::run(g, cmd, &mut out),
        // Usually main hands `fence` to the agent before parsing; this is `pductl -q fence`.
        Command::Fence { options } => match commands::fence::agent(options).await {
            0 => Ok(()),
            code => Err(Error::Reported(code)),
        },
        verb => commands::uom::execute(g, verb, &mut out).await,
    }
}
