//! Which device a command is for, with which settings and secrets: the profile entry, the
//! command line laid over it (`--host`, `--port`, `--user`, a password source...), the
//! password resolved from its source, a driver file found by id, and the built-in demo
//! devices (started in-process) become a `ResolvedDevice`, ready for `connect`. Every
//! command that reaches a device (the uom verbs, the power verbs, `serve`, `fence`,
//! `discover`, `profile`) gets it from here; `connect` resolves and connects every device a
//! list of power-verb targets names.

use crate::cli::GlobalOpts;
use crate::demo;
use crate::drivers::Driver;
use crate::error::{Error, Result};
use crate::power::targets::{self, Names, Outlets, Target};
use crate::power::{lock, Device};
use crate::profile::{self, DeviceEntry, PasswordSource, ProfileFile};
use crate::transport::dli_ssh::SshOptions;
use crate::transport::mqtt::MqttSettings;
use crate::transport::snmp::SnmpOptions;
use crate::transport::{AuthScheme, DeviceConfig, Protocol, Secret, Transport, DEFAULT_TIMEOUT};
use std::path::PathBuf;
use std::time::Duration;
use tokio::task::JoinHandle;

/// A device as a command reaches it.
pub struct ResolvedDevice {
    /// How to reach it, credentials resolved.
    pub config: DeviceConfig,
    /// The driver file that describes it (`driver = "..."`): it decides the protocol.
    pub driver: Option<Driver>,
    /// A demo device's in-process simulator: it serves as long as this lives.
    pub server: Option<JoinHandle<()>>,
}

impl ResolvedDevice {
    /// Its transport (`connect`).
    pub fn connect(&self) -> Result<Box<dyn Transport>> {
        crate::connect::connect(&self.config, self.driver.as_ref())
    }

    /// A built-in demo device, whose lock is its name (its port changes every run).
    pub fn is_demo(&self) -> bool {
        self.server.is_some()
    }
}

/// Splits what users paste as a host: `host`, `host:port`, `[v6]:port`, `[v6]` or a bare
/// IPv6 address. `port` is the port given separately (`--port` or the profile's); naming
/// two different ports is an error.
pub fn split_host_port(host: &str, port: Option<u16>) -> Result<(String, Option<u16>)> {
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
pub fn check_tls_options(entry: &DeviceEntry) -> Result<()> {
    let tls = entry.tls.unwrap_or(false);
    if !tls && (entry.insecure == Some(true) || entry.ca_file.is_some()) {
        return Err(Error::usage(
            "--insecure and --ca-file apply only to HTTPS: add --tls (tls = true in a profile)",
        ));
    }
    Ok(())
}

/// How long a password command may run: the profile's or the command line's
/// `password_command_timeout`, else `profile::PASSWORD_COMMAND_TIMEOUT`.
fn password_command_limit(seconds_given: Option<f64>) -> Result<Duration> {
    match seconds_given {
        Some(s) => crate::output::seconds(s, "password_command_timeout"),
        None => Ok(profile::PASSWORD_COMMAND_TIMEOUT),
    }
}

pub fn profile_path(g: &GlobalOpts) -> Result<PathBuf> {
    g.config
        .clone()
        .or_else(crate::paths::profile_file)
        .ok_or_else(|| {
            Error::usage("cannot find a home directory for the profile file; use --config")
        })
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
pub fn cli_entry(g: &GlobalOpts) -> DeviceEntry {
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
        snmp_version: g.snmp_version,
        auth_protocol: g.auth_protocol,
        priv_protocol: g.priv_protocol,
        priv_password: g.priv_password_env.clone().map(PasswordSource::Env),
        cycle_delay: g.cycle_delay,
        layout: g.layout,
        topic_root: g.topic_root.clone(),
        ssh_config: g.ssh_config.clone(),
        identity_file: g.identity_file.clone(),
        outlets: g.outlets.clone(),
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
        ssh_config: top.ssh_config.or(base.ssh_config),
        identity_file: top.identity_file.or(base.identity_file),
        layout: top.layout.or(base.layout),
        topic_root: top.topic_root.or(base.topic_root),
        driver: top.driver.or(base.driver),
        outlets: top.outlets.or(base.outlets),
    }
}

/// Works out which device the command is for. For `demo`, also starts its simulator, which
/// serves as long as the returned device lives.
pub async fn resolve(g: &GlobalOpts) -> Result<ResolvedDevice> {
    if g.device.is_none() && g.host.is_none() {
        // The profile's `default_device`, where it names one (as `uom` scripts rely on).
        if let Some(name) = ProfileFile::load(&profile_path(g)?)?.default_device()? {
            let mut with_default = g.clone();
            with_default.device = Some(name);
            return Box::pin(resolve(&with_default)).await;
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
            crate::output::warn(g.quiet, &message);
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
            device.timeout = crate::output::seconds(t, "--timeout")?;
            device.timeout_given = true;
        }
        device.retries = g.retries.unwrap_or(device.retries);
        device.trace = g.verbose > 0;
        return Ok(ResolvedDevice {
            config: device,
            driver: None,
            server: Some(server),
        });
    }
    let (name, entry) = match &g.device {
        Some(name) => {
            let file = ProfileFile::load(&profile_path(g)?)?;
            return resolve_in(g, &file, name).await;
        }
        None => match &g.host {
            Some(host) => (host.clone(), cli_entry(g)),
            None => return Err(Error::usage(
                "no device given: use -d NAME or PDUCTL_DEVICE=NAME (see 'pductl profile list'), \
                 -d demo, --host HOST, or set default_device in the profile file",
            )),
        },
    };
    from_entry(g, name, entry, Secrets::Resolve).await
}

/// A device of a profile file already loaded, with the command line laid over its entry:
/// what `resolve` gives for `-d NAME`, without loading the file again, so that a command
/// reading every device of a large profile (`serve --api metrics`) loads it once, not once a
/// device.
pub async fn resolve_in(g: &GlobalOpts, file: &ProfileFile, name: &str) -> Result<ResolvedDevice> {
    let entry = file.entry(name)?;
    if matches!(entry.password, Some(PasswordSource::Inline(_)))
        && cli_password(g).is_none()
        && file.readable_by_others()
    {
        crate::output::warn(
            g.quiet,
            &format!(
                "{} holds a password and other users can read it (chmod 600 {})",
                file.path.display(),
                file.path.display()
            ),
        );
    }
    from_entry(
        g,
        name.to_string(),
        overlay(entry, cli_entry(g)),
        Secrets::Resolve,
    )
    .await
}

/// Whether building a device resolves its password sources (running a password command,
/// reading a file) or leaves them: `profile add` checks an entry without its secrets, which
/// may exist only where the device is used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Secrets {
    Resolve,
    Leave,
}

/// Checks that a transport could use `entry` as it is (`profile add` writes nothing else):
/// a host, a driver that exists, what the protocol needs (an MQTT topic root, an SNMPv3
/// user...). Passwords are not resolved.
pub async fn check_entry(g: &GlobalOpts, name: &str, entry: &DeviceEntry) -> Result<()> {
    let device = from_entry(g, name.to_string(), entry.clone(), Secrets::Leave).await?;
    device.connect().map(|_| ())
}

/// The device `entry` describes, under `name`.
async fn from_entry(
    g: &GlobalOpts,
    name: String,
    entry: DeviceEntry,
    secrets: Secrets,
) -> Result<ResolvedDevice> {
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
                crate::output::warn(g.quiet, &note);
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
            match (source, secrets) {
                (_, Secrets::Leave) => Ok(None),
                (Some(source), Secrets::Resolve) => source.resolve(&name, limit).await.map(Some),
                (None, Secrets::Resolve) => Ok(protocol.default_password().map(Secret::new)),
            }
        }
    };
    let timeout = match entry.timeout {
        Some(t) => crate::output::seconds(t, "timeout")?,
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
            (None, Protocol::Snmp, Some(source)) => resolve(Some(source.clone())).await?,
            _ => None,
        },
        write_user: entry.write_user.clone(),
        auth: entry.auth.unwrap_or(AuthScheme::Digest),
        timeout,
        timeout_given: entry.timeout.is_some(),
        retries: entry.retries.unwrap_or(crate::retry::DEFAULT_RETRIES),
        trace: g.verbose > 0,
        snmp: SnmpOptions {
            version: entry.snmp_version.unwrap_or_default(),
            auth_protocol: entry.auth_protocol,
            priv_protocol: entry.priv_protocol,
            priv_password: match &entry.priv_password {
                Some(source) => resolve(Some(source.clone())).await?,
                None => None,
            },
        },
        mqtt: MqttSettings {
            layout: entry.layout.unwrap_or_default(),
            topic_root: entry.topic_root.clone().unwrap_or_default(),
            no_wait: g.no_wait,
        },
        ssh: SshOptions {
            config: entry.ssh_config.clone(),
            identity_file: entry.identity_file.clone(),
        },
        cycle_delay: entry.cycle_delay.map(Duration::from_secs_f64),
        label: None,
        outlets: entry.outlets.clone(),
        name,
    };
    Ok(ResolvedDevice {
        config: device,
        driver,
        server: None,
    })
}

/// The devices of a command, connected; the demo simulators' tasks live as long as this.
pub struct Connected {
    pub devices: Vec<Device>,
    _servers: Vec<JoinHandle<()>>,
}

impl Connected {
    /// Lets go of every device (`Transport::close`: a logout where one is due).
    pub async fn close(&self) {
        futures_util::future::join_all(self.devices.iter().map(|d| d.transport.close())).await;
    }
}

/// The ad-hoc device `--host` names when no `-d` is given: its name is the host as given
/// (`127.0.0.1:8080`). With `-d`, `--host` only overrides that device's host.
fn ad_hoc(g: &GlobalOpts) -> Option<&str> {
    match (&g.device, &g.host) {
        (None, Some(host)) => Some(host.as_str()),
        _ => None,
    }
}

/// The device whose outlets a bare outlet list or name means: `-d`, else `--host`'s ad-hoc
/// device, else the profile's `default_device`.
pub fn default_device(g: &GlobalOpts, file: &ProfileFile) -> Result<Option<String>> {
    match (&g.device, ad_hoc(g)) {
        (Some(d), _) => Ok(Some(d.clone())),
        (None, Some(host)) => Ok(Some(host.to_string())),
        (None, None) => file.default_device(),
    }
}

/// Expands the targets and connects every device they name, before anything is switched:
/// a typo or a missing password stops the command while nothing has happened yet.
pub async fn connect(g: &GlobalOpts, args: &[String]) -> Result<(Connected, bool)> {
    let file = ProfileFile::load(&profile_path(g)?)?;
    let mut devices: Vec<String> = file.names();
    devices.extend(demo::NAMES.iter().map(|d| d.to_string()));
    let ad_hoc = ad_hoc(g);
    devices.extend(ad_hoc.map(str::to_string));
    let names = Names {
        devices,
        aliases: file.aliases()?,
        groups: file.groups()?,
        default_device: default_device(g, &file)?,
    };
    let (targets, grouped) = targets::expand(args, &names)?;
    // `--host` alone is one device of its own; it does not redirect the profile's devices
    // (that is `-d NAME --host HOST`).
    if let (Some(host), Some(other)) = (
        ad_hoc,
        targets.iter().find(|t| ad_hoc != Some(t.device.as_str())),
    ) {
        return Err(Error::usage(format!(
            "--host {host} names a device of its own, and the targets also name {}: use -d {} \
             --host {host} to reach {} at {host}, or leave --host out",
            other.device, other.device, other.device
        )));
    }
    let mut per_device: Vec<(String, Vec<Outlets>)> = Vec::new();
    for Target { device, outlets } in targets {
        match per_device.iter_mut().find(|(d, _)| *d == device) {
            Some((_, list)) => list.push(outlets),
            None => per_device.push((device, vec![outlets])),
        }
    }
    let mut connected = Connected {
        devices: Vec::new(),
        _servers: Vec::new(),
    };
    for (name, outlets) in per_device {
        let mut one = g.clone();
        if ad_hoc != Some(name.as_str()) {
            one.device = Some(name.clone());
        }
        let resolved = resolve(&one).await?;
        connected.devices.push(Device {
            lock_key: lock::key(&resolved.config, resolved.is_demo()),
            timeout: resolved.config.timeout,
            transport: resolved.connect()?.into(),
            name,
            targets: outlets,
        });
        connected._servers.extend(resolved.server);
    }
    let several = connected.devices.len() > 1;
    Ok((connected, grouped || several))
}
