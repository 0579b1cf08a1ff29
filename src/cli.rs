//! The command line, as clap definitions only: the single source for `--help`, the shell
//! completions in `completions/` and the man page in `man/`.

use crate::output::OutputFormat;
use crate::transport::mqtt::Layout;
use crate::transport::snmp::{AuthProtocol, PrivProtocol, Version as SnmpVersion};
use crate::transport::{AuthScheme, OutletsSetting, Protocol};
use clap::builder::{PossibleValuesParser, TypedValueParser};
use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

const EXIT_CODES: &str = "\
Exit codes:
  0    ok
  1    the device refused or failed the operation (also: unknown path)
  2    usage or configuration error
  3    authentication or permission denied
  4    unreachable or timed out
  5    malformed or unexpected response
  6    verification failed (outlet not in the requested state in time)
  7    partial failure (some targets failed)
  8    not supported by this device or protocol
  129  hung up (SIGHUP)
  130  interrupted (Ctrl-C)
  143  terminated (SIGTERM)";

/// Read and control networked power outlets (DLI power controllers and more) from the shell.
#[derive(Debug, Parser)]
#[command(
    name = "pductl",
    version,
    about,
    after_help = EXIT_CODES,
    after_long_help = EXIT_CODES,
    propagate_version = true
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalOpts,
    #[command(subcommand)]
    pub command: Command,
}

/// The names the profile file takes for a setting, as `--help` lists them; each parses.
fn named<T: Clone + Send + Sync + 'static>(
    names: &'static [&'static str],
    parse: fn(&str) -> Option<T>,
) -> impl TypedValueParser<Value = T> {
    PossibleValuesParser::new(names).map(move |s| parse(&s).expect("a listed name parses"))
}

fn snmp_versions() -> impl TypedValueParser<Value = SnmpVersion> {
    named(&["1", "2c", "3"], SnmpVersion::parse)
}

fn auth_protocols() -> impl TypedValueParser<Value = AuthProtocol> {
    named(
        &["md5", "sha1", "sha224", "sha256", "sha384", "sha512"],
        AuthProtocol::parse,
    )
}

fn priv_protocols() -> impl TypedValueParser<Value = PrivProtocol> {
    named(&["des", "aes128", "aes192", "aes256"], PrivProtocol::parse)
}

fn outlets_setting(text: &str) -> Result<OutletsSetting, String> {
    OutletsSetting::parse(text).ok_or_else(|| {
        format!(
            "expected a count from 1 to {} or a comma-separated list of different ids",
            crate::transport::MAX_OUTLETS
        )
    })
}

fn layouts() -> impl TypedValueParser<Value = Layout> {
    named(&["dli", "netio-flex"], Layout::parse)
}

/// Headings of the shared options in `--help`, after each command's own.
const DEVICE: &str = "Device";
const CREDENTIALS: &str = "Credentials";
const TLS: &str = "TLS";
const BEHAVIOUR: &str = "Behaviour";
const OUTPUT: &str = "Output";

/// Options that pick and reach a device, and shape the output. Accepted before or after
/// the verb.
#[derive(Debug, Args, Clone, Default)]
pub struct GlobalOpts {
    /// Device name from the profile file ("demo" and "demo-netio" are built-in simulators)
    #[arg(
        help_heading = DEVICE,
        short = 'd',
        long,
        global = true,
        env = "PDUCTL_DEVICE",
        value_name = "NAME"
    )]
    pub device: Option<String>,
    /// Host name or address, or HOST:PORT, [IPv6]:PORT (overrides the profile; alone, names an
    /// ad-hoc device)
    #[arg(help_heading = DEVICE, long, global = true, value_name = "HOST")]
    pub host: Option<String>,
    /// TCP port (default: the protocol's usual port)
    #[arg(help_heading = DEVICE, long, global = true, value_name = "PORT", value_parser = clap::value_parser!(u16).range(1..))]
    pub port: Option<u16>,
    /// Protocol to speak
    #[arg(help_heading = DEVICE, long, global = true, value_enum, value_name = "PROTOCOL")]
    pub protocol: Option<Protocol>,
    /// Reach the device as this driver file describes (see 'pductl drivers list')
    #[arg(help_heading = DEVICE, long, global = true, value_name = "DRIVER")]
    pub driver: Option<String>,
    /// User name
    #[arg(help_heading = CREDENTIALS, long, global = true, value_name = "USER")]
    pub user: Option<String>,
    /// Read the password from this environment variable
    #[arg(help_heading = CREDENTIALS, long, global = true, value_name = "VAR", group = "password_source")]
    pub password_env: Option<String>,
    /// Run this shell command and use its output as the password
    #[arg(help_heading = CREDENTIALS, long, global = true, value_name = "CMD", group = "password_source")]
    pub password_command: Option<String>,
    /// Read the password from this file
    #[arg(help_heading = CREDENTIALS, long, global = true, value_name = "FILE", group = "password_source")]
    pub password_file: Option<PathBuf>,
    /// Seconds a password command may run before it is stopped [default: 60]
    #[arg(help_heading = CREDENTIALS, long, global = true, value_name = "SECONDS")]
    pub password_command_timeout: Option<f64>,
    /// A separate account for writes (NETIO: the JSON API's read-write account)
    #[arg(help_heading = CREDENTIALS, long, global = true, value_name = "USER")]
    pub write_user: Option<String>,
    /// Read the write account's password from this environment variable
    #[arg(help_heading = CREDENTIALS, long, global = true, value_name = "VAR")]
    pub write_password_env: Option<String>,
    /// SNMPv3 authentication protocol (the password is the passphrase)
    #[arg(help_heading = CREDENTIALS, long, global = true, value_name = "PROTOCOL", value_parser = auth_protocols())]
    pub auth_protocol: Option<AuthProtocol>,
    /// SNMPv3 privacy protocol (needs --auth-protocol)
    #[arg(help_heading = CREDENTIALS, long, global = true, value_name = "PROTOCOL", value_parser = priv_protocols())]
    pub priv_protocol: Option<PrivProtocol>,
    /// Read the SNMPv3 privacy passphrase from this environment variable [default: the
    /// password]
    #[arg(help_heading = CREDENTIALS, long, global = true, value_name = "VAR")]
    pub priv_password_env: Option<String>,
    /// dli-ssh: the private key to log in with (ssh -i) [default: the agent's, or ssh's own]
    #[arg(help_heading = CREDENTIALS, long, global = true, value_name = "FILE")]
    pub identity_file: Option<PathBuf>,
    /// HTTP authentication scheme
    #[arg(help_heading = CREDENTIALS, long, global = true, value_enum, value_name = "SCHEME")]
    pub auth: Option<AuthScheme>,
    /// SNMP version (v1 and v2c: the password is the community) [default: 2c]
    #[arg(help_heading = DEVICE, long, global = true, value_name = "VERSION", value_parser = snmp_versions())]
    pub snmp_version: Option<SnmpVersion>,
    /// A device that cannot list its outlets (Modbus relays): how many (8), or the device's
    /// ids of them in outlet order (0,1,4)
    #[arg(help_heading = DEVICE, long, global = true, value_name = "N|IDS", value_parser = outlets_setting)]
    pub outlets: Option<OutletsSetting>,
    /// MQTT topic layout [default: dli]
    #[arg(help_heading = DEVICE, long, global = true, value_name = "LAYOUT", value_parser = layouts())]
    pub layout: Option<Layout>,
    /// MQTT: the device's topic root ("pcr12345", "netio/NETIO-AN40")
    #[arg(help_heading = DEVICE, long, global = true, value_name = "ROOT")]
    pub topic_root: Option<String>,
    /// dli-ssh: the ssh client's configuration file (ssh -F)
    #[arg(help_heading = DEVICE, long, global = true, value_name = "FILE")]
    pub ssh_config: Option<PathBuf>,
    /// Use HTTPS
    #[arg(help_heading = TLS, long, global = true)]
    pub tls: bool,
    /// Do not verify the device's TLS certificate
    #[arg(help_heading = TLS, long, global = true)]
    pub insecure: bool,
    /// Trust the CA certificates in this PEM file
    #[arg(help_heading = TLS, long, global = true, value_name = "FILE")]
    pub ca_file: Option<PathBuf>,
    /// Seconds allowed for each try of a request, connecting included [default: 10]
    #[arg(help_heading = BEHAVIOUR, long, global = true, value_name = "SECONDS")]
    pub timeout: Option<f64>,
    /// Seconds off in a cycle where the protocol has no cycle call of its own (SNMP, MQTT's
    /// DLI layout) [default: 5]
    #[arg(help_heading = BEHAVIOUR, long, global = true, value_name = "SECONDS")]
    pub cycle_delay: Option<f64>,
    /// Tries beyond the first for a request that is safe to repeat [default: 3]
    ///
    /// Reads and writes of a state are tried again until one succeeds or (1 + N) x timeout is
    /// spent; a cycle or toggle call is never repeated once it may have reached the device
    #[arg(help_heading = BEHAVIOUR, long, global = true, value_name = "N", value_parser = clap::value_parser!(u32).range(0..=crate::retry::MAX_RETRIES as i64))]
    pub retries: Option<u32>,
    /// Output format [default: json, except where a command's help says otherwise]
    #[arg(help_heading = OUTPUT, short = 'o', long, global = true, value_enum, value_name = "FORMAT")]
    pub output: Option<OutputFormat>,
    /// Trace each request on stderr (never shows passwords)
    #[arg(help_heading = OUTPUT, short = 'v', long, global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,
    /// Print nothing but data and errors
    #[arg(help_heading = OUTPUT, short = 'q', long, global = true)]
    pub quiet: bool,
    /// Profile file [default: $XDG_CONFIG_HOME/pductl/config.toml]
    #[arg(help_heading = DEVICE, long, global = true, env = "PDUCTL_CONFIG", value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Print the requests that would change something instead of sending them
    #[arg(help_heading = BEHAVIOUR, long, global = true)]
    pub dry_run: bool,
    /// MQTT: publish a command without waiting for the device's state topic to confirm it
    #[arg(help_heading = BEHAVIOUR, long, global = true)]
    pub no_wait: bool,
}

#[derive(Debug, Args)]
pub struct DiscoverArgs {
    /// UDP address to send from and read replies on (NETIO devices reply to port 62386)
    #[arg(long, default_value = "0.0.0.0:62386", value_name = "ADDR:PORT")]
    pub listen: std::net::SocketAddr,
    /// Send NETIO's discover request here [default: the broadcast address of every IPv4
    /// interface, port 62387; none with --scan alone]
    #[arg(long, value_name = "HOST:PORT")]
    pub target: Vec<String>,
    /// Seconds to wait for replies
    #[arg(long, default_value_t = 2.0, value_name = "SECONDS")]
    pub wait: f64,
    /// Also probe every host of this IPv4 block (e.g. 192.168.1.0/24) over HTTP
    #[arg(long, value_name = "CIDR")]
    pub scan: Vec<String>,
    /// Ports to probe in a scan (HTTPS on 443), and, with --save, where to look for the JSON
    /// API of a device found by UDP discover
    #[arg(
        long,
        default_value = "80,443",
        value_name = "LIST",
        value_delimiter = ','
    )]
    pub scan_ports: Vec<u16>,
    /// Scan blocks larger than /16
    #[arg(long)]
    pub force: bool,
    /// Add each device found to the profile file (named after its device name, no
    /// credentials); devices already there are left as they are
    #[arg(long)]
    pub save: bool,
    /// Also look for UPnP (Belkin WeMo) sockets: SSDP M-SEARCH to 239.255.255.250:1900, or
    /// to each --target HOST:PORT
    #[arg(long)]
    pub upnp: bool,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The APIs to serve on the one port (comma-separated or repeated): pdudaemon
    /// (/power/...), metrics (Prometheus, /metrics), dli-rest (-d DEVICE as a DLI controller,
    /// /restapi/...), netio-json (-d DEVICE as a NETIO socket, /netio.json)
    #[arg(
        long,
        value_enum,
        value_delimiter = ',',
        default_value = "pdudaemon",
        value_name = "API"
    )]
    pub api: Vec<ServeApi>,
    /// Address to listen on (pdudaemon's port is 16421); the bound address is printed
    #[arg(long, default_value = "127.0.0.1:16421", value_name = "ADDR:PORT")]
    pub listen: std::net::SocketAddr,
    /// Accept requests only from these addresses (CIDR, repeatable); pdudaemon's API and
    /// /metrics have no authentication, so serving beyond loopback without --allow prints a
    /// warning
    #[arg(long, value_name = "CIDR")]
    pub allow: Vec<String>,
    /// dli-rest, netio-json: the account clients log in with [default: the vendor's default
    /// user, admin or netio]
    #[arg(long, value_name = "USER")]
    pub serve_user: Option<String>,
    /// dli-rest, netio-json: read the clients' password from this environment variable
    #[arg(long, value_name = "VAR", conflicts_with = "serve_password_file")]
    pub serve_password_env: Option<String>,
    /// dli-rest, netio-json: read the clients' password from this file
    #[arg(long, value_name = "FILE")]
    pub serve_password_file: Option<PathBuf>,
    /// With --tls: the server's certificate chain (PEM)
    #[arg(long, value_name = "FILE", requires = "key")]
    pub cert: Option<PathBuf>,
    /// With --tls: the certificate's private key (PEM)
    #[arg(long, value_name = "FILE", requires = "cert")]
    pub key: Option<PathBuf>,
}

/// The APIs `pductl serve` can present.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ServeApi {
    /// pdudaemon's HTTP API over the profile's devices
    Pdudaemon,
    /// A Prometheus/OpenMetrics endpoint at /metrics over the profile's devices
    Metrics,
    /// The device -d names, as a DLI controller's REST-style API
    DliRest,
    /// The device -d names, as a NETIO socket's JSON API
    NetioJson,
}

/// `pductl record`.
#[derive(Debug, Args)]
pub struct RecordArgs {
    /// Devices, aliases or groups to read (lab, lab:1-4, a group) [default: -d DEVICE, else
    /// every profile device that meters]
    #[arg(value_name = "TARGET")]
    pub targets: Vec<String>,
    /// The sample store [default: $XDG_STATE_HOME/pductl/energy.sqlite]
    #[arg(long, value_name = "FILE")]
    pub store: Option<PathBuf>,
    /// Keep recording, a round every DURATION (60s, 5m, 200ms, 0.2s), until interrupted
    #[arg(long, value_name = "DURATION", value_parser = crate::energy::time::parse_duration)]
    pub every: Option<std::time::Duration>,
    /// Prune samples older than this (400d, 12w, 90m, ...)
    #[arg(long, default_value = "400d", value_name = "DURATION", value_parser = crate::energy::time::parse_duration)]
    pub keep: std::time::Duration,
}

/// `pductl energy`.
#[derive(Debug, Args)]
pub struct EnergyArgs {
    /// Devices, aliases or groups (lab, lab:1-4, a group) [default: -d DEVICE, else every
    /// device in the store]
    #[arg(value_name = "TARGET")]
    pub targets: Vec<String>,
    /// The sample store [default: $XDG_STATE_HOME/pductl/energy.sqlite]
    #[arg(long, value_name = "FILE")]
    pub store: Option<PathBuf>,
    /// Windows ending now (or at --until), comma-separated durations (4s, 90m, 1h, 7d)
    #[arg(long, default_value = "1h,4h,24h", value_delimiter = ',', value_name = "LIST", value_parser = crate::energy::time::parse_duration)]
    pub window: Vec<std::time::Duration>,
    /// One window from TIME instead of --window: RFC 3339 (2026-03-01T08:00:00Z), a
    /// duration ago (2h) or now
    #[arg(long, value_name = "TIME", conflicts_with = "window")]
    pub since: Option<String>,
    /// The windows end at TIME instead of now: RFC 3339, a duration ago (2h) or now
    #[arg(long, value_name = "TIME")]
    pub until: Option<String>,
}

/// What the switching verbs take.
#[derive(Debug, Args)]
pub struct SwitchArgs {
    /// DEVICE:OUTLETS with outlets numbered from 1 (lab:3, lab:1-4,7, lab:all, "lab:DUT power"),
    /// or an alias or group from the profile; with -d DEVICE, just the outlets
    #[arg(required = true, value_name = "TARGET")]
    pub targets: Vec<String>,
    /// Do not wait for the outlets to report the new state
    #[arg(long)]
    pub no_verify: bool,
    /// Switch outlets that are already in the wanted state
    #[arg(long)]
    pub force: bool,
    /// Seconds to wait for another pductl working on the same device
    #[arg(long, default_value_t = 30.0, value_name = "SECONDS")]
    pub lock_timeout: f64,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print the JSON value at PATH
    Get {
        /// Object path, e.g. relay/outlets/0/state or relay/outlets/all;/name
        path: String,
    },
    /// Overwrite PATH with a JSON value
    Set {
        path: String,
        /// A JSON value: true, 3, '"My controller"', '{"name":"x"}'
        value: String,
    },
    /// Create an element at PATH ('-' appends), shifting later ones
    Insert {
        path: String,
        /// The new element as JSON
        value: String,
    },
    /// Delete the element at PATH ('-' is the last one)
    Remove { path: String },
    /// Call the method at PATH with each ARG as one JSON value (bare words are strings)
    Invoke {
        path: String,
        #[arg(allow_hyphen_values = true)]
        args: Vec<String>,
    },
    /// Print the type description of PATH
    Describe { path: String },
    /// Print the keys of the object or array at PATH as a JSON array
    Keys { path: String },
    /// Print a deep text representation of PATH, marking what could not be read
    ///
    /// Output: one 'path = value' line per leaf; -o json the value read, with what could not
    /// be read as {"error": "..."}; -o table a path and a value column.
    Dump { path: String },
    /// Print PATH, then one JSON line per change, until interrupted or PATH is gone
    Subscribe {
        path: String,
        /// Seconds between polls (protocols without push)
        #[arg(long, default_value_t = 1.0, value_name = "SECONDS")]
        interval: f64,
        /// Stop after this many change lines (one per changed leaf: switching an outlet
        /// changes state, transient_state and physical_state, three lines)
        #[arg(long, value_name = "N")]
        count: Option<u64>,
    },
    /// Switch outlets on (and verify they are)
    ///
    /// Output: one line per outlet (none on success with -q); -o json an array of results,
    /// -o table a table of them.
    On(SwitchArgs),
    /// Switch outlets off (and verify they are)
    ///
    /// Output: one line per outlet (none on success with -q); -o json an array of results,
    /// -o table a table of them.
    Off(SwitchArgs),
    /// Switch each outlet to the other state
    ///
    /// Output: one line per outlet (none on success with -q); -o json an array of results,
    /// -o table a table of them.
    Toggle(SwitchArgs),
    /// Power-cycle outlets: the device's own cycle where it has one, else off, wait, on; a
    /// group or several devices go all off, wait, all on
    ///
    /// Output: one line per outlet (none on success with -q); -o json an array of results,
    /// -o table a table of them.
    Cycle {
        #[command(flatten)]
        switch: SwitchArgs,
        /// Seconds off [default: the device's own cycle delay, or 5]
        #[arg(long, value_name = "SECONDS")]
        off_time: Option<f64>,
    },
    /// Show outlets: state, and power where metered (no target: every outlet of -d DEVICE
    /// or --host)
    ///
    /// Output: a table on a terminal, JSON when piped; -o text one line per outlet.
    Status {
        /// Targets, as for on/off
        #[arg(value_name = "TARGET")]
        targets: Vec<String>,
    },
    /// Find NETIO and DLI devices on the LAN (NETIO UDP discover, subnet scan)
    ///
    /// Output: a table on a terminal, JSON when piped; -o text one line per device.
    Discover(DiscoverArgs),
    /// Act as a fence agent for Pacemaker (also: run as fence_pductl); options as fence
    /// agents take them (-o ACTION -a DEVICE -n PLUG ...) or key=value lines on stdin
    #[command(disable_help_flag = true)]
    Fence {
        /// Fence-agent options: -o/--action on|off|reboot|status|list|list-status|monitor|
        /// metadata|validate-all, -a/--ip (a profile device, or HOST[:PORT]), -u/--ipport,
        /// -n/--plug, -l/--username, -p/--password, -S/--password-script, --power-timeout,
        /// --power-wait, --delay
        #[arg(
            allow_hyphen_values = true,
            trailing_var_arg = true,
            value_name = "OPTION"
        )]
        options: Vec<String>,
    },
    /// Serve pdudaemon's HTTP API (/power/control/{on,off,reboot}, /power/status) over the
    /// profile's devices, for LAVA, labgrid and pduclient; or Prometheus metrics; or present
    /// one device as a DLI controller or a NETIO socket (--api)
    Serve(ServeArgs),
    /// Read the metered values of devices and add them to the sample store (for `energy`)
    ///
    /// One round per run (for cron: */5 * * * * pductl -q record), or one every --every.
    Record(RecordArgs),
    /// Energy used per outlet over recent windows, from the sample store `record` fills
    ///
    /// From each outlet's own energy counter where the device has one, else its power
    /// integrated over time; a window the samples cover only in part says how much
    /// (coverage). Output: a table on a terminal, JSON when piped.
    Energy(EnergyArgs),
    /// Manage the devices in the profile file
    #[command(subcommand)]
    Profile(ProfileCommand),
    /// Driver files: devices described in TOML instead of Rust
    #[command(subcommand)]
    Drivers(DriversCommand),
    /// Serve a simulated device on loopback (for tests and trying pductl out)
    #[command(subcommand)]
    Sim(SimCommand),
}

#[derive(Debug, Subcommand)]
pub enum ProfileCommand {
    /// Add a device, taking its settings from the global options (--host, --user, ...)
    Add {
        name: String,
        /// Read a password from stdin and store it in the file (prefer --password-env,
        /// --password-command or --password-file)
        #[arg(long)]
        password_stdin: bool,
        /// Replace an existing device of that name
        #[arg(long)]
        force: bool,
    },
    /// List the devices
    ///
    /// Output: a table on a terminal, JSON when piped; -o text one line per device.
    List,
    /// Show one device's settings (never its password)
    Show { name: String },
    /// Remove a device
    Remove { name: String },
}

#[derive(Debug, Subcommand)]
pub enum DriversCommand {
    /// List the drivers: built in, and the user's ($XDG_CONFIG_HOME/pductl/drivers/*.toml)
    ///
    /// Output: a table on a terminal, JSON when piped; -o text one line per driver.
    List,
    /// Print a driver's file, by id or by path
    Show {
        /// A driver's id (see 'pductl drivers list'), or the path of a driver file
        #[arg(value_name = "ID|FILE")]
        id: String,
    },
    /// Check a driver file, by path or by id: exit 0, or exit 2 naming file:line:col and
    /// what is wrong
    Check {
        /// The path of a driver file, or a driver's id
        #[arg(value_name = "FILE|ID")]
        file: PathBuf,
    },
}

#[derive(Debug, Subcommand)]
pub enum SimCommand {
    /// A simulated Digital Loggers controller speaking the REST-style API
    Dli(DliSimArgs),
    /// A simulated NETIO socket speaking the JSON API (/netio.json)
    Netio(NetioSimArgs),
    /// A simulated vendor PDU's MIB (APC, Raritan, Eaton, ServerTech, CyberPower, Tripp Lite)
    /// on stdin/stdout for net-snmp's snmpd (pass_persist)
    SnmpPdu(SnmpPduSimArgs),
}

#[derive(Debug, Args)]
pub struct SnmpPduSimArgs {
    /// Which unit to be
    #[arg(long, value_enum)]
    pub model: crate::sim::snmp_pdu::PduModel,
    /// Milliseconds a change stays pending before the relay moves [default: the model's]
    #[arg(long, value_name = "MS")]
    pub switch_delay: Option<u64>,
    /// Milliseconds a reboot keeps the outlet off (real units: 5-10 s)
    #[arg(long, default_value_t = 1000, value_name = "MS")]
    pub reboot_off_time: u64,
}

/// Options every simulator takes. The account's user name is the global --user; --tls
/// serves HTTPS with a freshly generated self-signed certificate.
#[derive(Debug, Args)]
pub struct SimCommon {
    /// Address to listen on; port 0 picks a free one. The bound address is printed on stdout.
    #[arg(long, default_value = "127.0.0.1:0", value_name = "ADDR")]
    pub listen: std::net::SocketAddr,
    /// The account's password [default: the vendor's default]
    #[arg(long, value_name = "PASSWORD")]
    pub password: Option<String>,
    /// Inject a fault: slow=MS, garbage-body, truncated-body, oversized-body,
    /// drop-connection; sim dli also stuck-relay, sim netio also silent-reject
    #[arg(long, value_name = "FAULT")]
    pub fault: Vec<String>,
    /// Keep the device's state in this file (shared with other processes)
    #[arg(long, value_name = "FILE")]
    pub state_file: Option<PathBuf>,
    /// With --tls: write the simulator's self-signed certificate (PEM) here, for clients'
    /// --ca-file
    #[arg(long, value_name = "FILE")]
    pub cert_out: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct DliSimArgs {
    #[command(flatten)]
    pub common: SimCommon,
    /// Digest realm [default: "DLI <serial>", as a real unit]
    #[arg(long)]
    pub realm: Option<String>,
    /// The Digest challenge: lpc9 (upper-case DIGEST, no qop, as a captured LPC9) or qop
    /// (qop="auth,auth-int", as other firmware)
    #[arg(long, value_enum, default_value = "lpc9")]
    pub challenge: crate::sim::dli_http::DigestChallenge,
    /// Seconds a user is locked out after 3 failed logins [default: the unit's
    /// config/lockout_delay_minutes, 5 minutes]
    #[arg(long, value_name = "SECONDS")]
    pub lockout: Option<f64>,
    /// Serve the ENERGY-OBJECT-MIB on stdin/stdout for net-snmp's snmpd (pass_persist), from
    /// --state-file, instead of HTTP
    #[arg(long)]
    pub snmp_pass_persist: bool,
    /// Also be a client of this MQTT broker: outlet states retained on ROOT/outlets/N,
    /// commands on ROOT/outlets/N/set
    #[arg(long, value_name = "HOST:PORT")]
    pub mqtt: Option<std::net::SocketAddr>,
    /// The MQTT topic root
    #[arg(long, default_value = "dli-sim", value_name = "ROOT")]
    pub topic_root: String,
    /// Which unit to be: rest (the REST API and the legacy web interface on one port) or
    /// lpc7 (a Web Power Switch 7: the legacy web interface only)
    #[arg(long, value_enum, default_value = "rest")]
    pub model: crate::sim::dli_legacy::DliModel,
    /// Who may use the CoAP-over-WebSocket face (/.well-known/coap): the REST login on the
    /// upgrade (login), or anyone (none: for clients that cannot send a login)
    #[arg(long, value_name = "AUTH", default_value = "login", value_parser = ["login", "none"])]
    pub coap_auth: String,
    /// Also expose each outlet as a Belkin WeMo socket on a port of its own (printed as
    /// "UPNP <outlet> <port>" lines after the address)
    #[arg(long)]
    pub upnp: bool,
    /// With --upnp: outlet i's socket on port P+i instead of a free port
    #[arg(long, value_name = "P", requires = "upnp")]
    pub upnp_base_port: Option<u16>,
    /// With --upnp: answer SSDP M-SEARCH requests on this UDP address (239.255.255.250:1900
    /// for the real multicast group)
    #[arg(long, value_name = "ADDR:PORT", requires = "upnp")]
    pub ssdp: Option<std::net::SocketAddr>,
    /// Meter each outlet (meter/values: power, energy) with energy counters growing this many
    /// Wh per second at the outlet's load (fast enough for tests)
    #[arg(long, value_name = "WH_PER_S")]
    pub energy_rate: Option<f64>,
}

#[derive(Debug, Args)]
pub struct NetioSimArgs {
    #[command(flatten)]
    pub common: SimCommon,
    /// Which NETIO model to be
    #[arg(long, value_enum, default_value = "netio-4all")]
    pub model: crate::sim::netio::NetioModel,
    /// Enable the read-only account with this user name ("" = reads need no login)
    #[arg(long, value_name = "USER")]
    pub read_user: Option<String>,
    /// The read-only account's password
    #[arg(long, default_value = "", value_name = "PASSWORD")]
    pub read_password: String,
    /// Spelling of the non-resettable energy counters: EnergyNR or Energy_NR
    #[arg(long, value_enum, default_value = "plain")]
    pub nr_spelling: crate::sim::netio::NrSpelling,
    /// Answer NETIO UDP discover requests arriving at this address (port 0 picks a free one;
    /// the bound address is printed on a second line)
    #[arg(long, value_name = "ADDR:PORT")]
    pub discover: Option<std::net::SocketAddr>,
    /// The unit's MAC address [default: 02:4E:45:54, then the HTTP port's two bytes]
    #[arg(long, value_name = "MAC")]
    pub mac: Option<String>,
    /// Also be a client of this MQTT broker in the MQTT-flex layout: ROOT/output/ID/action,
    /// .../state, .../load
    #[arg(long, value_name = "HOST:PORT")]
    pub mqtt: Option<std::net::SocketAddr>,
    /// The MQTT topic root
    #[arg(long, default_value = "netio/sim", value_name = "ROOT")]
    pub topic_root: String,
    /// Also serve NETIO's XML API (/netio.xml) over the same state
    #[arg(long)]
    pub xml: bool,
    /// Energy counters grow this many Wh per second at each output's load, instead of the
    /// real load x time (fast enough for tests)
    #[arg(long, value_name = "WH_PER_S")]
    pub energy_rate: Option<f64>,
    /// Reset the resettable energy counters (Energy, EnergyStart) every SECONDS, as a user
    /// does in the web interface
    #[arg(long, value_name = "SECONDS")]
    pub reset_energy_after: Option<f64>,
}

/// Global options that reach a device as a client; a simulator has no use for them, so
/// `pductl sim --help` does not list them (it keeps --user, --tls and --quiet, which it uses).
const CLIENT_ONLY_OPTIONS: [&str; 31] = [
    "device",
    "host",
    "port",
    "protocol",
    "password_env",
    "password_command",
    "password_file",
    "password_command_timeout",
    "write_user",
    "write_password_env",
    "auth",
    "insecure",
    "ca_file",
    "timeout",
    "retries",
    "auth_protocol",
    "priv_protocol",
    "priv_password_env",
    "snmp_version",
    "layout",
    "topic_root",
    "outlets",
    "cycle_delay",
    "ssh_config",
    "identity_file",
    "output",
    "verbose",
    "config",
    "dry_run",
    "no_wait",
    "driver",
];

/// The clap command: what `main` parses with, and what completions and man pages are
/// generated from.
pub fn command() -> clap::Command {
    let cmd = <Cli as clap::CommandFactory>::command();
    // Hidden copies of the client-only options on `sim`: clap then propagates those (not
    // the visible originals) to the simulators, which still accept them but do not list them.
    let hidden = |ids: &[&str]| -> Vec<clap::Arg> {
        cmd.get_arguments()
            .filter(|a| ids.contains(&a.get_id().as_str()))
            .map(|a| a.clone().hide(true))
            .collect()
    };
    let client_only = hidden(&CLIENT_ONLY_OPTIONS);
    // A pass_persist script has no account and no TLS of its own.
    let not_for_snmp_pdu = hidden(&["user", "tls"]);
    // `sim dli --outlets N` is the global `--outlets` (a device's outlet count), listed there
    // with what it means to a simulator.
    let dli_outlets: Vec<clap::Arg> = cmd
        .get_arguments()
        .filter(|a| a.get_id() == "outlets")
        .map(|a| {
            a.clone()
                .help("Number of outlets, 1 to 64 [default: 8]")
                .help_heading(None::<&str>)
                .value_name("N")
        })
        .collect();
    cmd.clone().mut_subcommand("sim", |sim| {
        sim.args(client_only)
            .mut_subcommand("snmp-pdu", |pdu| pdu.args(not_for_snmp_pdu))
            .mut_subcommand("dli", |dli| dli.args(dli_outlets))
    })
}
