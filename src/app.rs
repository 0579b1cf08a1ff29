//! Runs one parsed command: picks the device (profile, command line or the built-in demo),
//! builds its transport, runs the verb, and hands the result to `output`. This is the edge
//! where typed library errors become `anyhow` errors for `main` to print.

use crate::cli::{Cli, Command, GlobalOpts};
use crate::commands;
use crate::demo;
use crate::error::{Error, Result};
use crate::output::OutputFormat;
use crate::output::{self, Out};
use crate::power::Action;
use crate::profile::{self, DeviceEntry, PasswordSource, ProfileFile};
use crate::transport::mqtt::MqttSettings;
use crate::transport::snmp::SnmpOptions;
use crate::transport::{self, AuthScheme, DeviceConfig, Protocol, Secret, DEFAULT_TIMEOUT};
use std::path::PathBuf;
use std::time::Duration;

/// Runs the command to completion on a single-threaded runtime. Ctrl-C, SIGTERM or SIGHUP
/// end it with `Error::Interrupted`: the running command's future is dropped, and with it
/// whatever it spawned (a password command's process group is killed on drop).
pub fn run(cli: Cli) -> anyhow::Result<()> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| anyhow::anyhow!("cannot start the async runtime: {e}"))?;
    // A signal is how a simulator is meant to be stopped; `serve` stops on one by itself,
    // after the requests in flight; for anything else it is 128+n.
    let interrupt_is_stop = matches!(cli.command, Command::Sim(_));
    if matches!(cli.command, Command::Serve(_)) {
        runtime.block_on(execute(cli))?;
        return Ok(());
    }
    runtime.block_on(async {
        let interrupted = interrupt_listener()
            .map_err(|e| Error::usage(format!("cannot listen for signals: {e}")))?;
        tokio::select! {
            result = execute(cli) => result,
            signal = interrupted => match interrupt_is_stop {
                true => Ok(()),
                false => Err(Error::Interrupted(signal)),
            },
        }
    })?;
    Ok(())
}

/// A future that resolves with the number of the first of SIGINT, SIGTERM and SIGHUP to
/// arrive, with the handlers in place from the moment this returns (so a simulator that has
/// printed its address can already be stopped).
#[cfg(unix)]
pub(crate) fn interrupt_listener() -> std::io::Result<impl std::future::Future<Output = i32>> {
    use tokio::signal::unix::{signal, SignalKind};
    let mut interrupt = signal(SignalKind::interrupt())?;
    let mut terminate = signal(SignalKind::terminate())?;
    let mut hangup = signal(SignalKind::hangup())?;
    Ok(async move {
        tokio::select! {
            _ = interrupt.recv() => crate::error::SIGINT,
            _ = terminate.recv() => crate::error::SIGTERM,
            _ = hangup.recv() => crate::error::SIGHUP,
        }
    })
}

#[cfg(not(unix))]
pub(crate) fn interrupt_listener() -> std::io::Result<impl std::future::Future<Output = i32>> {
    Ok(async {
        let _ = tokio::signal::ctrl_c().await;
        crate::error::SIGINT
    })
}

async fn execute(cli: Cli) -> Result<()> {
    let g = &cli.global;
    let mut out = Out::new();
    let verb = match &cli.command {
        Command::Profile(cmd) => return commands::profile::run(g, cmd, &mut out),
        Command::Sim(cmd) => return commands::sim::run(g, cmd, &mut out).await,
        Command::On(args) => {
            return commands::power::switch(g, Action::On, args, None, &mut out).await
        }
        Command::Off(args) => {
            return commands::power::switch(g, Action::Off, args, None, &mut out).await
        }
        Command::Toggle(args) => {
            return commands::power::switch(g, Action::Toggle, args, None, &mut out).await
        }
        Command::Cycle { switch, off_time } => {
            return commands::power::switch(g, Action::Cycle, switch, *off_time, &mut out).await
        }
        Command::Status { targets } => return commands::power::status(g, targets, &mut out).await,
        Command::Discover(args) => return commands::discover::run(g, args, &mut out).await,
        Command::Serve(args) => return commands::serve::run(g, args, &mut out).await,
        Command::Drivers(cmd) => return commands::drivers::run(g, cmd, &mut out),
        // Usually main hands `fence` to the agent before parsing; this is `pductl -q fence`.
        Command::Fence { options } => {
            return match commands::fence::agent(options).await {
                0 => Ok(()),
                code => Err(Error::Reported(code)),
            }
        }
        command => commands::uom::parse_verb(command)?,
    };
    let Some(verb) = verb else {
        return Err(Error::usage("not a device verb"));
    };
    let (device, _demo_server) = resolve_device(g).await?;
    let t = transport::connect(&device)?;
    let format = g.output.unwrap_or(OutputFormat::Json);
    commands::uom::run(verb, t.as_ref(), format, g.dry_run, &mut out).await
}

/// Splits what users paste as a host: `host`, `host:port`, `[v6]:port`, `[v6]` or a bare
/// IPv6 address. `port` is the port given separately (`--port` or the profile's); naming
/// two different ports is an error.
pub(crate) fn split_host_port(host: &str, port: Option<u16>) -> Result<(String, Option<u16>)> {
    let bad_port = |p: &str| Error::usage(format!("bad port '{p}' in host '{host}' (1-65535)"));
    let parse_port = |p: &str| -> Result<u16> {
        p.parse::<u16>()
            .ok()
            .filter(|p| *p != 0)
            .ok_or_else(|| bad_port(p))
    };
    let (name, pasted) = if let Some(rest) = host.strip_prefix('[') {
        let (v6, after) = rest
            .split_once(']')
            .ok_or_else(|| Error::usage(format!("bad host '{host}': no closing ']'")))?;
        match after {
            "" => (v6.to_string(), None),
            _ => match after.strip_prefix(':') {
                Some(p) => (v6.to_string(), Some(parse_port(p)?)),
                None => return Err(Error::usage(format!("bad host '{host}'"))),
            },
        }
    } else {
        match host.split_once(':') {
            Some((name, p)) if !p.contains(':') => (name.to_string(), Some(parse_port(p)?)),
            _ => (host.to_string(), None), // a plain name, or a bare IPv6 address
        }
    };
    if name.is_empty() {
        return Err(Error::usage(format!("bad host '{host}': no host name")));
    }
    match (pasted, port) {
        (Some(a), Some(b)) if a != b => Err(Error::usage(format!(
            "host '{host}' names port {a} but --port (or the profile's port) says {b}; give one"
        ))),
        (Some(a), _) => Ok((name, Some(a))),
        (None, p) => Ok((name, p)),
    }
}

/// `--insecure` and `--ca-file` only mean something for TLS; silently ignoring them would
/// let a user believe a certificate is being checked against their CA.
pub(crate) fn check_tls_options(entry: &DeviceEntry) -> Result<()> {
    let tls = entry.tls.unwrap_or(false);
    if !tls && (entry.insecure == Some(true) || entry.ca_file.is_some()) {
        return Err(Error::usage(
            "--insecure and --ca-file apply only to HTTPS: add --tls (tls = true in a profile)",
        ));
    }
    Ok(())
}

pub(crate) fn seconds(value: f64, option: &str) -> Result<Duration> {
    if value.is_finite() && value > 0.0 && value < 1e9 {
        Ok(Duration::from_secs_f64(value))
    } else {
        Err(Error::usage(format!(
            "{option} takes a positive number of seconds, not {value}"
        )))
    }
}

/// How long a password command may run: the profile's or the command line's
/// `password_command_timeout`, else `profile::PASSWORD_COMMAND_TIMEOUT`.
fn password_command_limit(seconds_given: Option<f64>) -> Result<Duration> {
    match seconds_given {
        Some(s) => seconds(s, "password_command_timeout"),
        None => Ok(profile::PASSWORD_COMMAND_TIMEOUT),
    }
}

pub(crate) fn profile_path(g: &GlobalOpts) -> Result<PathBuf> {
    g.config
        .clone()
        .or_else(profile::default_path)
        .ok_or_else(|| {
            Error::usage("cannot find a home directory for the profile file; use --config")
        })
}

pub(crate) fn warn(g: &GlobalOpts, message: &str) {
    if !g.quiet {
        eprintln!("warning: {}", output::escape_line(message));
    }
}

/// The password source the command line names, if any.
fn cli_password(g: &GlobalOpts) -> Option<PasswordSource> {
    g.password_env
        .clone()
        .map(PasswordSource::Env)
        .or_else(|| g.password_command.clone().map(PasswordSource::Command))
        .or_else(|| g.password_file.clone().map(PasswordSource::File))
}

/// Settings from the command line, to lay over a profile entry.
pub(crate) fn cli_entry(g: &GlobalOpts) -> DeviceEntry {
    DeviceEntry {
        protocol: g.protocol,
        host: g.host.clone(),
        port: g.port,
        tls: g.tls.then_some(true),
        insecure: g.insecure.then_some(true),
        ca_file: g.ca_file.clone(),
        user: g.user.clone(),
        auth: g.auth,
        timeout: g.timeout,
        retries: g.retries,
        driver: g.driver.clone(),
        password: cli_password(g),
        password_command_timeout: g.password_command_timeout,
        write_user: g.write_user.clone(),
        write_password: g.write_password_env.clone().map(PasswordSource::Env),
        ..DeviceEntry::default()
    }
}

fn overlay(base: DeviceEntry, top: DeviceEntry) -> DeviceEntry {
    DeviceEntry {
        protocol: top.protocol.or(base.protocol),
        host: top.host.or(base.host),
        port: top.port.or(base.port),
        tls: top.tls.or(base.tls),
        insecure: top.insecure.or(base.insecure),
        ca_file: top.ca_file.or(base.ca_file),
        user: top.user.or(base.user),
        auth: top.auth.or(base.auth),
        timeout: top.timeout.or(base.timeout),
        retries: top.retries.or(base.retries),
        password: top.password.or(base.password),
        password_command_timeout: top
            .password_command_timeout
            .or(base.password_command_timeout),
        write_user: top.write_user.or(base.write_user),
        write_password: top.write_password.or(base.write_password),
        snmp_version: top.snmp_version.or(base.snmp_version),
        auth_protocol: top.auth_protocol.or(base.auth_protocol),
        priv_protocol: top.priv_protocol.or(base.priv_protocol),
        priv_password: top.priv_password.or(base.priv_password),
        cycle_delay: top.cycle_delay.or(base.cycle_delay),
        layout: top.layout.or(base.layout),
        topic_root: top.topic_root.or(base.topic_root),
        driver: top.driver.or(base.driver),
    }
}

/// Works out which device the command is for. For `demo`, also starts its simulator; the
/// returned task must live as long as the transport is used.
pub(crate) async fn resolve_device(
    g: &GlobalOpts,
) -> Result<(DeviceConfig, Option<tokio::task::JoinHandle<()>>)> {
    if g.device.is_none() && g.host.is_none() {
        // The profile's `default_device`, where it names one (as `uom` scripts rely on).
        if let Some(name) = ProfileFile::load(&profile_path(g)?)?.default_device()? {
            let mut with_default = g.clone();
            with_default.device = Some(name);
            return Box::pin(resolve_device(&with_default)).await;
        }
    }
    if let Some(name) = g.device.as_deref().filter(|d| demo::NAMES.contains(d)) {
        if g.host.is_some() || g.port.is_some() || g.protocol.is_some() || g.tls {
            return Err(Error::usage(
                "the demo device runs in-process: --host, --port, --protocol and --tls do not apply",
            ));
        }
        let demo::Demo {
            mut device,
            server,
            warning,
        } = demo::start(name).await?;
        if let Some(message) = warning {
            warn(g, &message);
        }
        // Credentials can still be overridden, to see how a wrong password is reported.
        if let Some(user) = &g.user {
            device.user = Some(user.clone());
        }
        if let Some(source) = cli_password(g) {
            let limit = password_command_limit(g.password_command_timeout)?;
            device.password = Some(source.resolve(name, limit).await?);
        }
        device.auth = g.auth.unwrap_or(device.auth);
        if let Some(t) = g.timeout {
            device.timeout = seconds(t, "--timeout")?;
        }
        device.retries = g.retries.unwrap_or(device.retries);
        device.trace = g.verbose > 0;
        return Ok((device, Some(server)));
    }
    let (name, entry) = match &g.device {
        Some(name) => {
            let file = ProfileFile::load(&profile_path(g)?)?;
            let entry = file.entry(name)?;
            if matches!(entry.password, Some(PasswordSource::Inline(_)))
                && cli_password(g).is_none()
                && file.readable_by_others()
            {
                warn(
                    g,
                    &format!(
                        "{} holds a password and other users can read it (chmod 600 {})",
                        file.path.display(),
                        file.path.display()
                    ),
                );
            }
            (name.clone(), overlay(entry, cli_entry(g)))
        }
        None => match &g.host {
            Some(host) => (host.clone(), cli_entry(g)),
            None => return Err(Error::usage(
                "no device given: use -d NAME (see 'pductl profile list'), -d demo, --host HOST, \
                 or set default_device in the profile file",
            )),
        },
    };
    let host = entry.host.clone().ok_or_else(|| {
        Error::usage(format!(
            "device {name} has no host: add host = \"...\" to its profile or give --host"
        ))
    })?;
    let (host, port) = split_host_port(&host, entry.port)?;
    check_tls_options(&entry)?;
    let driver = match &entry.driver {
        Some(id) => {
            let mut notes = Vec::new();
            let driver = crate::drivers::find(id, &mut notes)?;
            for note in notes {
                warn(g, &note);
            }
            Some(driver)
        }
        None => None,
    };
    // An SNMP driver file speaks SNMP: communities (public by default) and v3 as for SNMP;
    // an MQTT one reaches a broker, anonymously unless the profile names a user.
    let driver_protocol = match driver.as_ref().map(|d| d.file.driver.transport.as_str()) {
        Some("snmp") => Protocol::Snmp,
        Some("mqtt") => Protocol::Mqtt,
        _ => Protocol::DliRest,
    };
    let protocol = entry.protocol.unwrap_or(driver_protocol);
    let limit = password_command_limit(entry.password_command_timeout)?;
    let resolve = |source: Option<PasswordSource>| {
        let name = name.clone();
        async move {
            match source {
                Some(source) => source.resolve(&name, limit).await.map(Some),
                None => Ok(protocol.default_password().map(Secret::new)),
            }
        }
    };
    let timeout = match entry.timeout {
        Some(t) => seconds(t, "timeout")?,
        None => DEFAULT_TIMEOUT,
    };
    let device = DeviceConfig {
        protocol,
        host,
        port,
        tls: entry.tls.unwrap_or(false),
        insecure: entry.insecure.unwrap_or(false),
        ca_file: entry.ca_file.clone(),
        user: Some(entry.user.clone().unwrap_or_else(|| {
            driver
                .as_ref()
                .and_then(|d| d.file.http.as_ref())
                .and_then(|h| h.auth.user.clone())
                .unwrap_or_else(|| protocol.default_user().into())
        })),
        password: resolve(entry.password.clone()).await?,
        // NETIO's write account, or SNMP's write community (default: the read one).
        write_password: match (&entry.write_user, protocol, &entry.write_password) {
            (Some(_), _, _) => resolve(entry.write_password.clone()).await?,
            (None, Protocol::Snmp, Some(source)) => Some(source.resolve(&name, limit).await?),
            _ => None,
        },
        write_user: entry.write_user.clone(),
        auth: entry.auth.unwrap_or(AuthScheme::Digest),
        timeout,
        retries: entry.retries.unwrap_or(crate::retry::DEFAULT_RETRIES),
        trace: g.verbose > 0,
        snmp: SnmpOptions {
            version: entry.snmp_version.unwrap_or_default(),
            auth_protocol: entry.auth_protocol,
            priv_protocol: entry.priv_protocol,
            priv_password: match &entry.priv_password {
                Some(source) => Some(source.resolve(&name, limit).await?),
                None => None,
            },
        },
        mqtt: MqttSettings {
            layout: entry.layout.unwrap_or_default(),
            topic_root: entry.topic_root.clone().unwrap_or_default(),
            no_wait: g.no_wait,
        },
        cycle_delay: entry.cycle_delay.map(Duration::from_secs_f64),
        driver,
        name,
    };
    Ok((device, None))
}
