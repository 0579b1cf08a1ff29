//! Runs one parsed command: picks the device (profile, command line or the built-in demo),
//! builds its transport, runs the verb, and hands the result to `output`. This is the edge
//! where typed library errors become `anyhow` errors for `main` to print.

use crate::cli::{Cli, Command, GlobalOpts, OutputFormat, ProfileCommand, SimCommand, SimCommon};
use crate::demo;
use crate::error::{Error, Result};
use crate::output::{self, Out};
use crate::path::{Path, MAX_PATH_BYTES};
use crate::profile::{self, DeviceEntry, PasswordSource, ProfileFile};
use crate::sim::dli::DliState;
use crate::sim::netio::NetioState;
use crate::sim::{dli_http, netio_http, set_aside_if_corrupt, Faults, SelfSignedTls};
use crate::transport::{self, AuthScheme, DeviceConfig, Protocol, Secret, DEFAULT_TIMEOUT};
use crate::uom;
use serde_json::{json, Value};
use std::io::{BufRead, IsTerminal};
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
    // A signal is how a simulator is meant to be stopped; for anything else it is 128+n.
    let interrupt_is_stop = matches!(cli.command, Command::Sim(_));
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
fn interrupt_listener() -> std::io::Result<impl std::future::Future<Output = i32>> {
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
fn interrupt_listener() -> std::io::Result<impl std::future::Future<Output = i32>> {
    Ok(async {
        let _ = tokio::signal::ctrl_c().await;
        crate::error::SIGINT
    })
}

/// A uom verb with its command-line input already checked, so that a typo is reported
/// before any device, password command or demo simulator is touched.
enum Verb {
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

fn parse_verb(command: &Command) -> Result<Verb> {
    Ok(match command {
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
        } => Verb::Subscribe(parse_path(path)?, seconds(*interval, "--interval")?, *count),
        Command::Profile(_) | Command::Sim(_) => {
            return Err(Error::usage("not a device verb"));
        }
    })
}

async fn execute(cli: Cli) -> Result<()> {
    let g = &cli.global;
    let mut out = Out::new();
    let verb = match &cli.command {
        Command::Profile(cmd) => return profile_command(g, cmd, &mut out),
        Command::Sim(cmd) => return sim_command(g, cmd, &mut out).await,
        command => parse_verb(command)?,
    };
    let (device, _demo_server) = resolve_device(g).await?;
    let t = transport::connect(&device)?;
    let t = t.as_ref();
    let format = g.output.unwrap_or(OutputFormat::Json);
    let terminal = std::io::stdout().is_terminal();
    let print = |out: &mut Out, v: &Value| out.line(&output::render(v, format, terminal));
    match verb {
        Verb::Get(path) => print(&mut out, &t.get(&path).await?),
        Verb::Set(path, value) => t.set(&path, &value).await,
        Verb::Insert(path, value) => t.insert(&path, &value).await,
        Verb::Remove(path) => t.remove(&path).await,
        Verb::Invoke(path, args) => match t.invoke(&path, &args).await? {
            Some(v) => print(&mut out, &v),
            None => Ok(()),
        },
        Verb::Describe(path) => print(&mut out, &t.describe(&path).await?),
        Verb::Keys(path) => print(&mut out, &uom::keys(t, &path).await?),
        Verb::Dump(path) => {
            let dumped = uom::dump(t, &path).await?;
            let text = output::dump_text(&path.to_string(), &dumped);
            out.line(&output::for_terminal(text, terminal))
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

fn parse_path(text: &str) -> Result<Path> {
    if text.len() > MAX_PATH_BYTES {
        return Err(Error::usage(format!(
            "the path is {} bytes long; paths are limited to {MAX_PATH_BYTES}",
            text.len()
        )));
    }
    Path::parse(text).map_err(|e| Error::usage(format!("bad path '{text}': {e}")))
}

/// Splits what users paste as a host: `host`, `host:port`, `[v6]:port`, `[v6]` or a bare
/// IPv6 address. `port` is the port given separately (`--port` or the profile's); naming
/// two different ports is an error.
fn split_host_port(host: &str, port: Option<u16>) -> Result<(String, Option<u16>)> {
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
fn check_tls_options(entry: &DeviceEntry) -> Result<()> {
    let tls = entry.tls.unwrap_or(false);
    if !tls && (entry.insecure == Some(true) || entry.ca_file.is_some()) {
        return Err(Error::usage(
            "--insecure and --ca-file apply only to HTTPS: add --tls (tls = true in a profile)",
        ));
    }
    Ok(())
}

fn seconds(value: f64, option: &str) -> Result<Duration> {
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

fn profile_path(g: &GlobalOpts) -> Result<PathBuf> {
    g.config
        .clone()
        .or_else(profile::default_path)
        .ok_or_else(|| {
            Error::usage("cannot find a home directory for the profile file; use --config")
        })
}

fn warn(g: &GlobalOpts, message: &str) {
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
fn cli_entry(g: &GlobalOpts) -> DeviceEntry {
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
        password: cli_password(g),
        password_command_timeout: g.password_command_timeout,
        write_user: g.write_user.clone(),
        write_password: g.write_password_env.clone().map(PasswordSource::Env),
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
        password: top.password.or(base.password),
        password_command_timeout: top
            .password_command_timeout
            .or(base.password_command_timeout),
        write_user: top.write_user.or(base.write_user),
        write_password: top.write_password.or(base.write_password),
    }
}

/// Works out which device the command is for. For `demo`, also starts its simulator; the
/// returned task must live as long as the transport is used.
async fn resolve_device(
    g: &GlobalOpts,
) -> Result<(DeviceConfig, Option<tokio::task::JoinHandle<()>>)> {
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
                "no device given: use -d NAME (see 'pductl profile list'), -d demo, or --host HOST",
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
    let protocol = entry.protocol.unwrap_or(Protocol::DliRest);
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
        user: Some(
            entry
                .user
                .clone()
                .unwrap_or_else(|| protocol.default_user().into()),
        ),
        password: resolve(entry.password.clone()).await?,
        write_password: match &entry.write_user {
            Some(_) => resolve(entry.write_password.clone()).await?,
            None => None,
        },
        write_user: entry.write_user.clone(),
        auth: entry.auth.unwrap_or(AuthScheme::Digest),
        timeout,
        trace: g.verbose > 0,
        name,
    };
    Ok((device, None))
}

fn profile_command(g: &GlobalOpts, cmd: &ProfileCommand, out: &mut Out) -> Result<()> {
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
                    g,
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

/// Binds the simulator's socket and prepares its TLS; prints the bound address on stdout so
/// scripts and tests can pick up an ephemeral port.
async fn sim_listen(
    g: &GlobalOpts,
    common: &SimCommon,
    out: &mut Out,
) -> Result<(
    tokio::net::TcpListener,
    Faults,
    Option<tokio_rustls::TlsAcceptor>,
)> {
    let mut faults = Faults::default();
    for spec in &common.fault {
        faults.add(spec).map_err(Error::Usage)?;
    }
    if common.cert_out.is_some() && !g.tls {
        return Err(Error::usage("--cert-out goes with --tls"));
    }
    let tls = match g.tls {
        false => None,
        true => {
            let tls = SelfSignedTls::generate()
                .map_err(|e| Error::usage(format!("cannot make a certificate: {e}")))?;
            if let Some(path) = &common.cert_out {
                std::fs::write(path, &tls.cert_pem)
                    .map_err(|e| Error::usage(format!("cannot write {}: {e}", path.display())))?;
            }
            Some(tls.acceptor)
        }
    };
    let listen = common.listen;
    let listener = tokio::net::TcpListener::bind(listen)
        .await
        .map_err(|e| Error::usage(format!("cannot listen on {listen}: {e}")))?;
    let addr = listener
        .local_addr()
        .map_err(|e| Error::usage(format!("cannot listen on {listen}: {e}")))?;
    out.line(&addr.to_string())?;
    Ok((listener, faults, tls))
}

async fn sim_command(g: &GlobalOpts, cmd: &SimCommand, out: &mut Out) -> Result<()> {
    match cmd {
        SimCommand::Dli(args) => {
            let lockout = args.lockout.map(|s| seconds(s, "--lockout")).transpose()?;
            if let Some(file) = &args.common.state_file {
                if let Some(message) = set_aside_if_corrupt(file, DliState::is_well_formed) {
                    warn(g, &message);
                }
            }
            let (listener, faults, tls) = sim_listen(g, &args.common, out).await?;
            let options = dli_http::DliSimOptions {
                outlets: args.outlets as usize,
                user: g.user.clone().unwrap_or_else(|| "admin".into()),
                password: args
                    .common
                    .password
                    .clone()
                    .unwrap_or_else(|| "1234".into()),
                realm: args.realm.clone(),
                challenge: args.challenge,
                lockout,
                faults,
                state_file: args.common.state_file.clone(),
                tls,
            };
            dli_http::serve(listener, options).await;
        }
        SimCommand::Netio(args) => {
            if let Some(file) = &args.common.state_file {
                if let Some(message) = set_aside_if_corrupt(file, NetioState::is_well_formed) {
                    warn(g, &message);
                }
            }
            let (listener, faults, tls) = sim_listen(g, &args.common, out).await?;
            let options = netio_http::NetioSimOptions {
                model: args.model,
                nr_spelling: args.nr_spelling,
                user: g.user.clone().unwrap_or_else(|| "netio".into()),
                password: args
                    .common
                    .password
                    .clone()
                    .unwrap_or_else(|| "netio".into()),
                read_user: args.read_user.clone(),
                read_password: args.read_password.clone(),
                faults,
                state_file: args.common.state_file.clone(),
                tls,
            };
            netio_http::serve(listener, options).await;
        }
    }
    Ok(())
}
