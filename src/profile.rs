//! The profile file: named devices in TOML, where to find their passwords, and edits that
//! keep the user's comments and layout (toml_edit). Every edit is one read-modify-write
//! under an exclusive lock on a sidecar file (`config.toml.lock`), so concurrent edits lose
//! nothing; the new text goes to a temporary file beside the real one and is renamed over
//! it, through any symlinks (a dotfile manager's link stays a link). A path that is not a
//! regular file (a FIFO, a device, a directory) is never written, nor read for writing.
//!
//! ```toml
//! [devices.lab]
//! protocol = "dli-rest"
//! host = "192.168.0.100"
//! user = "admin"
//! password_env = "LAB_PDU_PASSWORD"
//! ```

use crate::error::{Error, Result};
use crate::transport::mqtt::Layout;
use crate::transport::snmp::{AuthProtocol, PrivProtocol, Version as SnmpVersion};
use crate::transport::{AuthScheme, OutletsSetting, Protocol, Secret, MAX_OUTLETS};
use serde_json::{json, Map, Value};
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;
use toml_edit::{DocumentMut, ImDocument, Item, Table};

/// How long a password command may run by default: long enough to type a passphrase into a
/// prompt, short enough that a stuck command does not hold a cron job for ever.
pub const PASSWORD_COMMAND_TIMEOUT: Duration = Duration::from_secs(60);

/// Names pductl keeps for itself: the built-in demo devices.
pub const RESERVED_NAMES: [&str; 2] = crate::demo::NAMES;

/// Where a device's password comes from.
#[derive(Debug, Clone, PartialEq)]
pub enum PasswordSource {
    Env(String),
    Command(String),
    File(PathBuf),
    Inline(Secret),
}

impl PasswordSource {
    /// A description that never contains the password itself.
    pub fn describe(&self) -> String {
        match self {
            PasswordSource::Env(v) => format!("environment variable {v}"),
            PasswordSource::Command(c) => format!("command: {c}"),
            PasswordSource::File(f) => format!("file {}", f.display()),
            PasswordSource::Inline(_) => "stored in the profile file (hidden)".into(),
        }
    }

    /// Fetches the password; a command gets at most `limit` to print it. Messages name the
    /// source, never the secret.
    pub async fn resolve(&self, device: &str, limit: Duration) -> Result<Secret> {
        match self {
            PasswordSource::Env(var) => std::env::var(var).map(Secret::new).map_err(|_| {
                Error::usage(format!(
                    "environment variable {var} (the password of device {device}) is not set"
                ))
            }),
            PasswordSource::Command(cmd) => {
                let output = run_password_command(cmd, device, limit).await?;
                if !output.status.success() {
                    return Err(Error::usage(format!(
                        "the password command of device {device} failed ({})",
                        output.status
                    )));
                }
                let text = String::from_utf8(output.stdout).map_err(|_| {
                    Error::usage(format!(
                        "the password command of device {device} printed non-UTF-8"
                    ))
                })?;
                Ok(Secret::new(text.trim_end_matches(['\n', '\r'])))
            }
            PasswordSource::File(path) => {
                let path = expand_home(path);
                let text = fs::read_to_string(&path).map_err(|e| {
                    Error::usage(format!(
                        "cannot read the password file {} of device {device}: {}",
                        path.display(),
                        crate::error::io_reason(&e)
                    ))
                })?;
                Ok(Secret::new(text.trim_end_matches(['\n', '\r'])))
            }
            PasswordSource::Inline(secret) => Ok(secret.clone()),
        }
    }
}

/// Runs a password command in a process group of its own, so that everything it starts can
/// be stopped together: when it overruns `limit`, and when pductl is interrupted (the
/// returned future is then dropped, and the group with it).
async fn run_password_command(
    cmd: &str,
    device: &str,
    limit: Duration,
) -> Result<std::process::Output> {
    let mut command = tokio::process::Command::new("sh");
    command
        .arg("-c")
        .arg(cmd)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .kill_on_drop(true);
    #[cfg(unix)]
    command.process_group(0);
    let child = command.spawn().map_err(|e| {
        Error::usage(format!(
            "cannot run the password command of device {device}: {e}"
        ))
    })?;
    let _group = ProcessGroup(child.id());
    match tokio::time::timeout(limit, child.wait_with_output()).await {
        Ok(output) => output.map_err(|e| {
            Error::usage(format!(
                "cannot read the password command of device {device}: {e}"
            ))
        }),
        Err(_) => Err(Error::usage(format!(
            "the password command of device {device} did not finish within {} and was \
             stopped (password_command_timeout, or --password-command-timeout)",
            crate::output::human_duration(limit)
        ))),
    }
}

/// A process group that is killed, whatever is left of it, when this is dropped.
struct ProcessGroup(Option<u32>);

impl Drop for ProcessGroup {
    fn drop(&mut self) {
        #[cfg(unix)]
        if let Some(id) = self.0.and_then(|id| libc::pid_t::try_from(id).ok()) {
            // SAFETY: killpg only sends a signal; a group that is gone already is ESRCH.
            unsafe {
                libc::killpg(id, libc::SIGKILL);
            }
        }
    }
}

fn expand_home(p: &Path) -> PathBuf {
    match (p.strip_prefix("~"), dirs::home_dir()) {
        (Ok(rest), Some(home)) => home.join(rest),
        _ => p.to_path_buf(),
    }
}

/// The profile's `outlets`: a count (1 to `MAX_OUTLETS`), or a non-empty list of at most
/// `MAX_OUTLETS` different ids, each a whole number from 0 or a non-empty string (kept as
/// text; a backend says which it takes). `None` for anything else.
fn outlets_setting(v: &Item) -> Option<OutletsSetting> {
    if let Some(count) = v.as_integer() {
        let count = usize::try_from(count).ok()?;
        return (1..=MAX_OUTLETS)
            .contains(&count)
            .then_some(OutletsSetting::Count(count));
    }
    let list = v.as_array()?;
    if list.is_empty() || list.len() > MAX_OUTLETS {
        return None;
    }
    let mut ids: Vec<String> = Vec::with_capacity(list.len());
    for id in list.iter() {
        let id = match (id.as_integer(), id.as_str()) {
            (Some(number), _) if number >= 0 => number.to_string(),
            (_, Some(text)) if !text.is_empty() => text.to_string(),
            _ => return None,
        };
        if ids.contains(&id) {
            return None;
        }
        ids.push(id);
    }
    Some(OutletsSetting::Ids(ids))
}

/// An outlet id as the file writes it: a number where it is one (as it was read).
fn outlet_id_value(id: &str) -> toml_edit::Value {
    match id.parse::<i64>() {
        Ok(number) if number.to_string() == id => number.into(),
        _ => id.into(),
    }
}

/// `snmp_version` as the file writes it.
fn snmp_version_name(v: SnmpVersion) -> &'static str {
    match v {
        SnmpVersion::V1 => "1",
        SnmpVersion::V2c => "2c",
        SnmpVersion::V3 => "3",
    }
}

/// `layout` as the file writes it.
fn layout_name(l: Layout) -> &'static str {
    match l {
        Layout::Dli => "dli",
        Layout::NetioFlex => "netio-flex",
    }
}

/// An SNMPv3 protocol as the file writes it: its name in lower case (`sha256`, `aes128`).
fn lower_name(p: impl std::fmt::Debug) -> String {
    format!("{p:?}").to_lowercase()
}

/// One device's settings as written in the file; everything optional so the command line
/// can fill in or override.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DeviceEntry {
    pub protocol: Option<Protocol>,
    pub host: Option<String>,
    pub port: Option<u16>,
    pub tls: Option<bool>,
    pub insecure: Option<bool>,
    pub ca_file: Option<PathBuf>,
    pub user: Option<String>,
    pub auth: Option<AuthScheme>,
    pub timeout: Option<f64>,
    /// Tries a request that is safe to repeat gets beyond the first (`retry`).
    pub retries: Option<u32>,
    pub password: Option<PasswordSource>,
    /// Seconds a password command may run.
    pub password_command_timeout: Option<f64>,
    /// NETIO: the read-write account, when `user` is the read-only one.
    pub write_user: Option<String>,
    /// NETIO: the read-write account's password; SNMP v1/v2c: the write community.
    pub write_password: Option<PasswordSource>,
    /// SNMP: "1", "2c" or "3".
    pub snmp_version: Option<SnmpVersion>,
    /// SNMPv3 authentication and privacy protocols.
    pub auth_protocol: Option<AuthProtocol>,
    pub priv_protocol: Option<PrivProtocol>,
    /// SNMPv3 privacy passphrase (default: the authentication one).
    pub priv_password: Option<PasswordSource>,
    /// SNMP and MQTT: seconds off in `invoke .../cycle`.
    pub cycle_delay: Option<f64>,
    /// MQTT: "dli" or "netio-flex".
    pub layout: Option<Layout>,
    /// MQTT: the device's topic root.
    pub topic_root: Option<String>,
    /// A driver file's id: the device is reached as that file describes.
    pub driver: Option<String>,
    /// dli-ssh: the ssh client's configuration file (`-F`) and key (`-i`).
    pub ssh_config: Option<PathBuf>,
    pub identity_file: Option<PathBuf>,
    /// A driver whose device cannot list its outlets (Modbus coils): how many, or their ids.
    pub outlets: Option<OutletsSetting>,
}

impl DeviceEntry {
    /// The settings as JSON for `profile show` and `profile list`; never the password.
    pub fn to_json(&self, name: &str) -> Value {
        let mut m = Map::new();
        m.insert("name".into(), json!(name));
        let mut put = |k: &str, v: Value| {
            if !v.is_null() {
                m.insert(k.into(), v);
            }
        };
        put("protocol", json!(self.protocol.map(Protocol::name)));
        put("host", json!(self.host));
        put("port", json!(self.port));
        put("tls", json!(self.tls));
        put("insecure", json!(self.insecure));
        put("ca_file", json!(self.ca_file));
        put("user", json!(self.user));
        put("auth", json!(self.auth.map(AuthScheme::name)));
        put("timeout", json!(self.timeout));
        put("retries", json!(self.retries));
        put(
            "password",
            json!(self.password.as_ref().map(PasswordSource::describe)),
        );
        put(
            "password_command_timeout",
            json!(self.password_command_timeout),
        );
        put("write_user", json!(self.write_user));
        put(
            "write_password",
            json!(self.write_password.as_ref().map(PasswordSource::describe)),
        );
        put(
            "snmp_version",
            json!(self.snmp_version.map(snmp_version_name)),
        );
        put("auth_protocol", json!(self.auth_protocol.map(lower_name)));
        put("priv_protocol", json!(self.priv_protocol.map(lower_name)));
        put(
            "priv_password",
            json!(self.priv_password.as_ref().map(PasswordSource::describe)),
        );
        put("cycle_delay", json!(self.cycle_delay));
        put("layout", json!(self.layout.map(layout_name)));
        put("topic_root", json!(self.topic_root));
        put("driver", json!(self.driver));
        put("ssh_config", json!(self.ssh_config));
        put("identity_file", json!(self.identity_file));
        put(
            "outlets",
            match &self.outlets {
                Some(OutletsSetting::Count(k)) => json!(k),
                Some(OutletsSetting::Ids(ids)) => json!(ids),
                None => Value::Null,
            },
        );
        Value::Object(m)
    }
}

/// The profile file, loaded (or empty when it does not exist yet).
pub struct ProfileFile {
    pub path: PathBuf,
    text: String,
    doc: DocumentMut,
}

/// 1-based line of a byte offset, for messages.
fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count() + 1
}

impl ProfileFile {
    pub fn load(path: &Path) -> Result<ProfileFile> {
        let text = match fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
            Err(e) => {
                return Err(Error::usage(format!(
                    "cannot read profile file {}: {}",
                    path.display(),
                    crate::error::io_reason(&e)
                )))
            }
        };
        let doc = text.parse::<DocumentMut>().map_err(|e| {
            let at = e
                .span()
                .map(|s| format!(":{}", line_of(&text, s.start)))
                .unwrap_or_default();
            let message = e.message().lines().next().unwrap_or("").trim().to_string();
            Error::usage(format!("{}{at}: invalid TOML: {message}", path.display()))
        })?;
        let file = ProfileFile {
            path: path.to_path_buf(),
            text,
            doc,
        };
        // Check every device now, so that a typo anywhere is reported with its line.
        for name in file.names() {
            file.entry(&name)?;
        }
        file.aliases()?;
        file.groups()?;
        file.default_device()?;
        Ok(file)
    }

    pub fn exists(&self) -> bool {
        self.path.exists()
    }

    pub fn names(&self) -> Vec<String> {
        self.doc
            .get("devices")
            .and_then(Item::as_table_like)
            .map(|t| t.iter().map(|(k, _)| k.to_string()).collect())
            .unwrap_or_default()
    }

    /// `default_device = "lab"`: the device used when none is named (`-d`, `--host`,
    /// `PDUCTL_DEVICE`).
    pub fn default_device(&self) -> Result<Option<String>> {
        let Some(item) = self.doc.get("default_device") else {
            return Ok(None);
        };
        let name = item.as_str().ok_or_else(|| {
            Error::usage(format!(
                "{}: default_device must be a device name in quotes",
                self.path.display()
            ))
        })?;
        if !self.names().iter().any(|n| n == name) && !RESERVED_NAMES.contains(&name) {
            return Err(Error::usage(format!(
                "{}: default_device names '{name}', which is not a device in the file",
                self.path.display()
            )));
        }
        Ok(Some(name.to_string()))
    }

    /// `[aliases]`: a name for one target (`dut = "lab:3"`).
    pub fn aliases(&self) -> Result<Vec<(String, String)>> {
        let mut out = Vec::new();
        for (name, item) in self.top_table("aliases")? {
            let target = item.as_str().ok_or_else(|| {
                Error::usage(format!(
                    "{}: aliases.{name} must be a target in quotes, like \"lab:3\"",
                    self.place_in("aliases", &name)
                ))
            })?;
            out.push((name, target.to_string()));
        }
        Ok(out)
    }

    /// `[groups]`: a name for several targets, possibly on several devices
    /// (`board = ["pdu-a:1", "pdu-b:1"]`).
    pub fn groups(&self) -> Result<Vec<(String, Vec<String>)>> {
        let mut out = Vec::new();
        for (name, item) in self.top_table("groups")? {
            let members: Option<Vec<String>> = item
                .as_array()
                .and_then(|a| a.iter().map(|v| v.as_str().map(str::to_string)).collect());
            let members = members.ok_or_else(|| {
                Error::usage(format!(
                    "{}: groups.{name} must be a list of targets, like [\"pdu-a:1\", \"pdu-b:1\"]",
                    self.place_in("groups", &name)
                ))
            })?;
            out.push((name, members));
        }
        Ok(out)
    }

    /// The keys and values of a top-level table (empty when it is absent).
    fn top_table(&self, table: &str) -> Result<Vec<(String, Item)>> {
        match self.doc.get(table) {
            None => Ok(Vec::new()),
            Some(item) => match item.as_table_like() {
                Some(t) => Ok(t.iter().map(|(k, v)| (k.to_string(), v.clone())).collect()),
                None => Err(Error::usage(format!(
                    "{}: {table} must be a table ([{table}])",
                    self.path.display()
                ))),
            },
        }
    }

    /// `file:line` of `table.key`, read from the original text.
    fn place_in(&self, table: &str, key: &str) -> String {
        let span = ImDocument::parse(self.text.as_str())
            .ok()
            .and_then(|doc| doc.get(table)?.get(key)?.span());
        match span {
            Some(s) => format!("{}:{}", self.path.display(), line_of(&self.text, s.start)),
            None => self.path.display().to_string(),
        }
    }

    /// `file:line: ` for a key of a device, read from the original text.
    fn place(&self, name: &str, key: Option<&str>) -> String {
        let span = ImDocument::parse(self.text.as_str()).ok().and_then(|doc| {
            let device = doc.get("devices")?.get(name)?;
            match key {
                Some(k) => device.get(k)?.span(),
                None => device.span(),
            }
        });
        match span {
            Some(s) => format!("{}:{}", self.path.display(), line_of(&self.text, s.start)),
            None => self.path.display().to_string(),
        }
    }

    /// Reads and checks one device.
    pub fn entry(&self, name: &str) -> Result<DeviceEntry> {
        let table = self
            .doc
            .get("devices")
            .and_then(|d| d.get(name))
            .ok_or_else(|| self.unknown_device(name))?;
        let Some(table) = table.as_table_like() else {
            return Err(Error::usage(format!(
                "{}: devices.{name} must be a table",
                self.place(name, None)
            )));
        };
        let bad = |key: &str, want: &str| {
            Error::usage(format!(
                "{}: devices.{name}.{key} must be {want}",
                self.place(name, Some(key))
            ))
        };
        let string = |key: &str| -> Result<Option<String>> {
            match table.get(key) {
                None => Ok(None),
                Some(v) => v
                    .as_str()
                    .map(|s| Some(s.to_string()))
                    .ok_or_else(|| bad(key, "a string")),
            }
        };
        let boolean = |key: &str| -> Result<Option<bool>> {
            match table.get(key) {
                None => Ok(None),
                Some(v) => v
                    .as_bool()
                    .map(Some)
                    .ok_or_else(|| bad(key, "true or false")),
            }
        };
        let mut entry = DeviceEntry::default();
        for (key, _) in table.iter() {
            const KNOWN: [&str; 34] = [
                "protocol",
                "host",
                "port",
                "tls",
                "insecure",
                "ca_file",
                "user",
                "auth",
                "timeout",
                "retries",
                "password",
                "password_env",
                "password_command",
                "password_file",
                "password_command_timeout",
                "write_user",
                "write_password",
                "write_password_env",
                "write_password_command",
                "write_password_file",
                "snmp_version",
                "auth_protocol",
                "priv_protocol",
                "priv_password",
                "priv_password_env",
                "priv_password_command",
                "priv_password_file",
                "cycle_delay",
                "layout",
                "topic_root",
                "driver",
                "ssh_config",
                "identity_file",
                "outlets",
            ];
            if !KNOWN.contains(&key) {
                return Err(Error::usage(format!(
                    "{}: devices.{name}.{key} is not a setting pductl knows",
                    self.place(name, Some(key))
                )));
            }
        }
        if let Some(p) = string("protocol")? {
            let names = Protocol::all_names().join(", ");
            entry.protocol = Some(
                Protocol::parse(&p).ok_or_else(|| bad("protocol", &format!("one of: {names}")))?,
            );
        }
        entry.host = string("host")?;
        if let Some(v) = table.get("port") {
            let port = v.as_integer().filter(|p| (1..=65535).contains(p));
            entry.port = Some(port.ok_or_else(|| bad("port", "a port number (1-65535)"))? as u16);
        }
        entry.tls = boolean("tls")?;
        entry.insecure = boolean("insecure")?;
        entry.ca_file = string("ca_file")?.map(|s| expand_home(Path::new(&s)));
        entry.ssh_config = string("ssh_config")?.map(|s| expand_home(Path::new(&s)));
        entry.identity_file = string("identity_file")?.map(|s| expand_home(Path::new(&s)));
        entry.user = string("user")?;
        if let Some(a) = string("auth")? {
            entry.auth = Some(match a.as_str() {
                "digest" => AuthScheme::Digest,
                "basic" => AuthScheme::Basic,
                _ => return Err(bad("auth", "\"digest\" or \"basic\"")),
            });
        }
        let seconds = |key: &str| -> Result<Option<f64>> {
            let Some(v) = table.get(key) else {
                return Ok(None);
            };
            let t = v
                .as_float()
                .or_else(|| v.as_integer().map(|i| i as f64))
                .filter(|t| *t > 0.0 && *t < 1e9);
            t.map(Some)
                .ok_or_else(|| bad(key, "a positive number of seconds"))
        };
        entry.timeout = seconds("timeout")?;
        if let Some(v) = table.get("retries") {
            let most = crate::retry::MAX_RETRIES;
            entry.retries = Some(
                v.as_integer()
                    .and_then(|n| u32::try_from(n).ok())
                    .filter(|n| *n <= most)
                    .ok_or_else(|| bad("retries", &format!("a whole number from 0 to {most}")))?,
            );
        }
        entry.password_command_timeout = seconds("password_command_timeout")?;
        // `password*` for the account, `write_password*` for the separate write account.
        let source = |prefix: &str| -> Result<Option<PasswordSource>> {
            let key = |k: &str| format!("{prefix}{k}");
            let sources: Vec<PasswordSource> = [
                string(&key("password_env"))?.map(PasswordSource::Env),
                string(&key("password_command"))?.map(PasswordSource::Command),
                string(&key("password_file"))?.map(|f| PasswordSource::File(PathBuf::from(f))),
                string(&key("password"))?.map(|p| PasswordSource::Inline(Secret::new(p))),
            ]
            .into_iter()
            .flatten()
            .collect();
            if sources.len() > 1 {
                return Err(Error::usage(format!(
                    "{}: devices.{name} has more than one of {prefix}password, \
                     {prefix}password_env, {prefix}password_command, {prefix}password_file; keep one",
                    self.place(name, None)
                )));
            }
            Ok(sources.into_iter().next())
        };
        entry.password = source("")?;
        entry.write_user = string("write_user")?;
        entry.write_password = source("write_")?;
        entry.priv_password = source("priv_")?;
        if let Some(v) = string("snmp_version")? {
            entry.snmp_version = Some(
                SnmpVersion::parse(&v)
                    .ok_or_else(|| bad("snmp_version", "\"1\", \"2c\" or \"3\""))?,
            );
        }
        if let Some(p) = string("auth_protocol")? {
            entry.auth_protocol = Some(AuthProtocol::parse(&p).ok_or_else(|| {
                bad(
                    "auth_protocol",
                    "one of md5, sha1, sha224, sha256, sha384, sha512",
                )
            })?);
        }
        if let Some(p) = string("priv_protocol")? {
            entry.priv_protocol = Some(
                PrivProtocol::parse(&p)
                    .ok_or_else(|| bad("priv_protocol", "one of des, aes128, aes192, aes256"))?,
            );
        }
        entry.cycle_delay = seconds("cycle_delay")?;
        if let Some(l) = string("layout")? {
            entry.layout =
                Some(Layout::parse(&l).ok_or_else(|| bad("layout", "\"dli\" or \"netio-flex\""))?);
        }
        entry.topic_root = string("topic_root")?;
        entry.driver = string("driver")?;
        if let Some(v) = table.get("outlets") {
            entry.outlets = Some(outlets_setting(v).ok_or_else(|| {
                bad(
                    "outlets",
                    &format!(
                        "a count from 1 to {MAX_OUTLETS}, or a list of at most {MAX_OUTLETS} \
                         different ids (numbers, or strings)"
                    ),
                )
            })?);
        }
        Ok(entry)
    }

    fn unknown_device(&self, name: &str) -> Error {
        let mut known = self.names();
        known.extend(RESERVED_NAMES.iter().map(|s| s.to_string()));
        let file = if self.exists() {
            format!("not in {}", self.path.display())
        } else {
            format!("{} does not exist", self.path.display())
        };
        Error::usage(format!(
            "unknown device '{name}' ({file}; known: {})",
            known.join(", ")
        ))
    }

    /// Is an inline password readable by other users? (Unix permission bits.)
    pub fn readable_by_others(&self) -> bool {
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            fs::metadata(&self.path).is_ok_and(|m| m.permissions().mode() & 0o077 != 0)
        }
        #[cfg(not(unix))]
        {
            false
        }
    }

    /// Writes `entry` as device `name`, updating values in place so comments stay.
    pub fn put(&mut self, name: &str, entry: &DeviceEntry) {
        // In a file of nothing but comments, toml_edit holds them as the document's trailing
        // text, which would end up below the first table: keep them above it instead.
        let leading = match self.doc.iter().next() {
            None => self.doc.trailing().as_str().map(str::to_string),
            Some(_) => None,
        };
        if leading.is_some() {
            self.doc.set_trailing("");
        }
        let devices = self.doc.entry("devices").or_insert_with(|| {
            let mut t = Table::new();
            t.set_implicit(true);
            Item::Table(t)
        });
        let Some(devices) = devices.as_table_like_mut() else {
            return;
        };
        let device = devices.entry(name).or_insert_with(|| {
            let mut t = Table::new();
            if let Some(text) = &leading {
                t.decor_mut().set_prefix(text.as_str());
            }
            Item::Table(t)
        });
        let Some(table) = device.as_table_like_mut() else {
            return;
        };
        let mut set = |key: &str, value: Option<toml_edit::Value>| match value {
            Some(v) => {
                let slot = table.entry(key).or_insert(Item::None);
                // Keep the comment and spacing around an existing value.
                let decor = slot.as_value().map(|old| old.decor().clone());
                let mut v = v;
                if let Some(d) = decor {
                    *v.decor_mut() = d;
                }
                *slot = Item::Value(v);
            }
            None => {
                table.remove(key);
            }
        };
        set("protocol", entry.protocol.map(|p| p.name().into()));
        set("host", entry.host.clone().map(Into::into));
        set("port", entry.port.map(|p| i64::from(p).into()));
        set("tls", entry.tls.map(Into::into));
        set("insecure", entry.insecure.map(Into::into));
        set(
            "ca_file",
            entry
                .ca_file
                .as_ref()
                .map(|p| p.display().to_string().into()),
        );
        set("user", entry.user.clone().map(Into::into));
        set("auth", entry.auth.map(|a| a.name().into()));
        set("driver", entry.driver.clone().map(Into::into));
        set("timeout", entry.timeout.map(Into::into));
        set("retries", entry.retries.map(|n| i64::from(n).into()));
        set(
            "password_command_timeout",
            entry.password_command_timeout.map(Into::into),
        );
        set(
            "snmp_version",
            entry.snmp_version.map(|v| snmp_version_name(v).into()),
        );
        set(
            "auth_protocol",
            entry.auth_protocol.map(|p| lower_name(p).into()),
        );
        set(
            "priv_protocol",
            entry.priv_protocol.map(|p| lower_name(p).into()),
        );
        set("cycle_delay", entry.cycle_delay.map(Into::into));
        set("layout", entry.layout.map(|l| layout_name(l).into()));
        set("topic_root", entry.topic_root.clone().map(Into::into));
        set(
            "outlets",
            match &entry.outlets {
                Some(OutletsSetting::Count(k)) => Some((*k as i64).into()),
                Some(OutletsSetting::Ids(ids)) => Some(toml_edit::Value::Array(
                    ids.iter().map(|id| outlet_id_value(id)).collect(),
                )),
                None => None,
            },
        );
        for (key, path) in [
            ("ssh_config", &entry.ssh_config),
            ("identity_file", &entry.identity_file),
        ] {
            set(key, path.as_ref().map(|p| p.display().to_string().into()));
        }
        for (prefix, password) in [
            ("", &entry.password),
            ("write_", &entry.write_password),
            ("priv_", &entry.priv_password),
        ] {
            let (env, cmd, file, inline) = match password {
                Some(PasswordSource::Env(v)) => (Some(v.clone()), None, None, None),
                Some(PasswordSource::Command(c)) => (None, Some(c.clone()), None, None),
                Some(PasswordSource::File(f)) => (None, None, Some(f.display().to_string()), None),
                Some(PasswordSource::Inline(s)) => (None, None, None, Some(s.expose().to_string())),
                None => (None, None, None, None),
            };
            set(&format!("{prefix}password_env"), env.map(Into::into));
            set(&format!("{prefix}password_command"), cmd.map(Into::into));
            set(&format!("{prefix}password_file"), file.map(Into::into));
            set(&format!("{prefix}password"), inline.map(Into::into));
        }
        set("write_user", entry.write_user.clone().map(Into::into));
    }

    /// Removes device `name`; false when there was none.
    pub fn remove(&mut self, name: &str) -> bool {
        self.doc
            .get_mut("devices")
            .and_then(Item::as_table_like_mut)
            .and_then(|t| t.remove(name))
            .is_some()
    }

    /// One edit of the profile file at `path`: under the lock, loads the file where its
    /// symlinks lead, lets `change` edit it, and saves it. Commands that only read use
    /// `load`, which also reads pipes (`--config <(...)`).
    pub fn edit<T>(path: &Path, change: impl FnOnce(&mut ProfileFile) -> Result<T>) -> Result<T> {
        let target = resolve_symlinks(path)?;
        refuse_unless_regular(&target)?;
        let failed = |what: &str, e: std::io::Error| {
            Error::usage(format!(
                "cannot {what} for profile file {}: {}",
                target.display(),
                crate::error::io_reason(&e)
            ))
        };
        fs::create_dir_all(parent_dir(&target)).map_err(|e| failed("make the directory", e))?;
        let mut lock_name = target.file_name().unwrap_or_default().to_os_string();
        lock_name.push(".lock");
        let lock = fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(target.with_file_name(lock_name))
            .map_err(|e| failed("open the lock file", e))?;
        lock.lock().map_err(|e| failed("lock the lock file", e))?;
        let mut file = ProfileFile::load(&target)?;
        let result = change(&mut file)?;
        file.save()?;
        Ok(result)
    }

    /// Writes the file atomically: a temporary file beside it, then a rename, so a reader or
    /// a crash never sees half a file. New files are private (0600): they may hold passwords.
    fn save(&mut self) -> Result<()> {
        let failed = |e: std::io::Error| {
            Error::usage(format!(
                "cannot write profile file {}: {}",
                self.path.display(),
                crate::error::io_reason(&e)
            ))
        };
        let dir = parent_dir(&self.path);
        fs::create_dir_all(dir).map_err(failed)?;
        let mut tmp = tempfile::Builder::new()
            .prefix(".config.toml.")
            .tempfile_in(dir)
            .map_err(failed)?;
        let text = self.doc.to_string();
        tmp.write_all(text.as_bytes()).map_err(failed)?;
        tmp.as_file().sync_all().map_err(failed)?;
        if let Ok(meta) = fs::metadata(&self.path) {
            fs::set_permissions(tmp.path(), meta.permissions()).map_err(failed)?;
        }
        // tempfile creates the file 0600, which is what a new profile file should be.
        tmp.persist(&self.path).map_err(|e| failed(e.error))?;
        self.text = text;
        Ok(())
    }
}

fn parent_dir(path: &Path) -> &Path {
    path.parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// Where a chain of symlinks ends (the target need not exist yet).
fn resolve_symlinks(path: &Path) -> Result<PathBuf> {
    let mut current = path.to_path_buf();
    for _ in 0..40 {
        match fs::symlink_metadata(&current) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let link = fs::read_link(&current).map_err(|e| {
                    Error::usage(format!(
                        "cannot follow the symlink {}: {}",
                        current.display(),
                        crate::error::io_reason(&e)
                    ))
                })?;
                current = parent_dir(&current).join(link);
            }
            _ => return Ok(current),
        }
    }
    Err(Error::usage(format!(
        "profile file {}: too many levels of symlinks",
        path.display()
    )))
}

/// Refuses a path that exists and is not a regular file, before anything reads from it (a
/// FIFO would hang the read; a device or directory would be replaced by the rename).
fn refuse_unless_regular(path: &Path) -> Result<()> {
    let Ok(meta) = fs::metadata(path) else {
        return Ok(());
    };
    let kind = meta.file_type();
    if kind.is_file() {
        return Ok(());
    }
    #[cfg(unix)]
    let what = {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            "a FIFO"
        } else if kind.is_char_device() || kind.is_block_device() {
            "a device"
        } else if kind.is_socket() {
            "a socket"
        } else if kind.is_dir() {
            "a directory"
        } else {
            "not a regular file"
        }
    };
    #[cfg(not(unix))]
    let what = if kind.is_dir() {
        "a directory"
    } else {
        "not a regular file"
    };
    Err(Error::usage(format!(
        "profile file {} is {what}; pductl edits only a regular file (give --config a file path)",
        path.display()
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_keep_comments() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        fs::write(
            &path,
            "# my PDUs\n[devices.lab]\n# the rack one\nhost = \"10.0.0.5\" # fixed IP\nuser = \"admin\"\n",
        )
        .unwrap();
        let mut file = ProfileFile::load(&path).unwrap();
        let mut entry = file.entry("lab").unwrap();
        entry.port = Some(8080);
        file.put("lab", &entry);
        file.put(
            "spare",
            &DeviceEntry {
                host: Some("10.0.0.6".into()),
                ..Default::default()
            },
        );
        file.save().unwrap();
        let text = fs::read_to_string(&path).unwrap();
        assert!(text.contains("# my PDUs"), "{text}");
        assert!(text.contains("# the rack one"), "{text}");
        assert!(text.contains("host = \"10.0.0.5\" # fixed IP"), "{text}");
        assert!(text.contains("port = 8080"), "{text}");
        assert!(text.contains("[devices.spare]"), "{text}");
        let again = ProfileFile::load(&path).unwrap();
        assert_eq!(again.entry("lab").unwrap().port, Some(8080));
    }

    #[test]
    fn bad_values_name_the_line() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        fs::write(&path, "[devices.lab]\nhost = \"h\"\nport = \"eighty\"\n").unwrap();
        let e = ProfileFile::load(&path).err().unwrap().to_string();
        assert!(e.contains("config.toml:3"), "{e}");
        assert!(e.contains("port"), "{e}");
    }
}
