//! The fence-agent interface (protocols/peers.md section 4), for Pacemaker and the
//! fence-agents tooling: `pductl fence ...`, or the binary run as `fence_pductl`. Options come
//! on the command line (`-o off -n 3 -a lab`) or, with no arguments, as `key=value` lines on
//! standard input, as Pacemaker passes them. Exit codes are the fence agents': 0 success;
//! for `status` and `monitor`, 0 on and 2 off; 1 for every failure, with the reason on
//! stderr. Switching goes through the power verbs (lock, verification).

use crate::cli::GlobalOpts;
use crate::demo;
use crate::device::{self, profile_path};
use crate::error::{Error, Result};
use crate::output::escape_line;
use crate::power::{self, lock, targets, Action, Device, Settings};
use crate::profile::{PasswordSource, ProfileFile};
use crate::transport::Secret;
use std::io::BufRead;
use std::time::Duration;

/// The actions, as `-o metadata` lists them.
const ACTIONS: [&str; 9] = [
    "on",
    "off",
    "reboot",
    "status",
    "list",
    "list-status",
    "monitor",
    "metadata",
    "validate-all",
];

/// fence-agents' default `--power-timeout`.
const DEFAULT_POWER_TIMEOUT: f64 = 20.0;

/// How long a fencing request waits for another pductl on the same device.
const LOCK_TIMEOUT: Duration = Duration::from_secs(60);

/// The agent's options, from argv or stdin.
#[derive(Debug, Default)]
struct Options {
    action: Option<String>,
    plug: Option<String>,
    ip: Option<String>,
    ipport: Option<String>,
    username: Option<String>,
    password: Option<String>,
    password_script: Option<String>,
    power_timeout: Option<f64>,
    power_wait: Option<f64>,
    delay: Option<f64>,
    help: bool,
    version: bool,
}

/// Which option a name (`-o`, `--action`, or stdin's `action`) is; `None` for one the agent
/// does not take.
fn option_slot<'a>(o: &'a mut Options, name: &str) -> Option<Slot<'a>> {
    Some(match name {
        "o" | "action" | "option" => Slot::Text(&mut o.action),
        "n" | "plug" | "port" => Slot::Text(&mut o.plug),
        "a" | "ip" | "ipaddr" => Slot::Text(&mut o.ip),
        "u" | "ipport" => Slot::Text(&mut o.ipport),
        "l" | "username" | "login" => Slot::Text(&mut o.username),
        "p" | "password" | "passwd" => Slot::Text(&mut o.password),
        "S" | "password-script" | "password_script" | "passwd_script" => {
            Slot::Text(&mut o.password_script)
        }
        "power-timeout" | "power_timeout" => Slot::Seconds(&mut o.power_timeout),
        "power-wait" | "power_wait" => Slot::Seconds(&mut o.power_wait),
        "delay" => Slot::Seconds(&mut o.delay),
        "h" | "help" => Slot::Flag(&mut o.help),
        "V" | "version" => Slot::Flag(&mut o.version),
        "v" | "verbose" | "q" | "quiet" => Slot::Ignored,
        _ => return None,
    })
}

enum Slot<'a> {
    Text(&'a mut Option<String>),
    Seconds(&'a mut Option<f64>),
    Flag(&'a mut bool),
    Ignored,
}

impl Slot<'_> {
    fn takes_value(&self) -> bool {
        matches!(self, Slot::Text(_) | Slot::Seconds(_))
    }

    fn set(self, name: &str, value: &str) -> Result<()> {
        match self {
            Slot::Text(t) => *t = Some(value.to_string()),
            Slot::Seconds(s) => {
                let v: f64 = value
                    .trim()
                    .parse()
                    .ok()
                    .filter(|v: &f64| v.is_finite() && (0.0..=86_400.0).contains(v))
                    .ok_or_else(|| {
                        Error::usage(format!("{name} takes seconds (0 to 86400), not '{value}'"))
                    })?;
                *s = Some(v);
            }
            Slot::Flag(f) => {
                *f = !matches!(value.trim(), "0" | "false" | "off" | "no");
            }
            Slot::Ignored => {}
        }
        Ok(())
    }
}

/// `-o off -n 3`, `--action=off`, `--plug 3`, `-ooff`.
fn from_args(args: &[String]) -> Result<Options> {
    let mut o = Options::default();
    let mut i = 0;
    while i < args.len() {
        let arg = &args[i];
        let (name, inline) = if let Some(long) = arg.strip_prefix("--") {
            match long.split_once('=') {
                Some((n, v)) => (n.to_string(), Some(v.to_string())),
                None => (long.to_string(), None),
            }
        } else if let Some(short) = arg.strip_prefix('-').filter(|s| !s.is_empty()) {
            let (n, rest) = short.split_at(1);
            (n.to_string(), (!rest.is_empty()).then(|| rest.to_string()))
        } else {
            return Err(Error::usage(format!(
                "unexpected argument '{arg}' (options look like -o ACTION or --action=ACTION)"
            )));
        };
        let slot = option_slot(&mut o, &name)
            .ok_or_else(|| Error::usage(format!("unknown option '{arg}'")))?;
        let value = if slot.takes_value() {
            match inline {
                Some(v) => v,
                None => {
                    i += 1;
                    args.get(i)
                        .cloned()
                        .ok_or_else(|| Error::usage(format!("{arg} needs a value")))?
                }
            }
        } else {
            inline.unwrap_or_else(|| "1".into())
        };
        slot.set(arg, &value)?;
        i += 1;
    }
    Ok(o)
}

/// `key=value` lines, as Pacemaker writes them; blank lines and `#` comments are skipped,
/// keys the agent does not take are ignored with a note (Pacemaker passes more than
/// each agent uses).
fn from_stdin(input: impl BufRead) -> Result<Options> {
    let mut o = Options::default();
    for line in input.lines() {
        let line = line.map_err(|e| Error::usage(format!("cannot read stdin: {e}")))?;
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let Some((key, value)) = line.split_once('=') else {
            return Err(Error::usage(format!(
                "stdin line '{line}' is not key=value"
            )));
        };
        let key = key.trim();
        match option_slot(&mut o, key) {
            Some(slot) => slot.set(key, value)?,
            None => eprintln!(
                "{}",
                escape_line(&format!("warning: ignoring option '{key}' on stdin"))
            ),
        }
    }
    Ok(o)
}

/// Runs the agent with `args` (standard input when there are none) on a runtime of its
/// own; returns the exit code.
pub fn run(args: &[String]) -> i32 {
    match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime.block_on(agent(args)),
        Err(e) => {
            eprintln!("error: cannot start the async runtime: {e}");
            1
        }
    }
}

/// The agent: reads its options, acts, reports; returns the exit code.
pub async fn agent(args: &[String]) -> i32 {
    let options = if args.is_empty() {
        from_stdin(std::io::stdin().lock())
    } else {
        from_args(args)
    };
    let result = match options {
        Ok(o) => act(o).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("{}", escape_line(&format!("error: {e}")));
            1
        }
    }
}

async fn act(o: Options) -> Result<i32> {
    if o.help {
        println!(
            "fence_pductl: fence agent for power outlets reached by pductl\n\
             usage: fence_pductl -o ACTION -a DEVICE|HOST[:PORT] [-u PORT] -n PLUG [-l USER]\n\
             \x20      [-p PASSWORD | -S SCRIPT]\n\
             \x20      [--power-timeout SECONDS] [--power-wait SECONDS] [--delay SECONDS]\n\
             \x20  or: key=value lines on stdin (action, ip, ipport, plug, username, password, ...)\n\
             actions: {}",
            ACTIONS.join(", ")
        );
        return Ok(0);
    }
    if o.version {
        println!("fence_pductl (pductl {})", env!("CARGO_PKG_VERSION"));
        return Ok(0);
    }
    let action = o.action.clone().unwrap_or_else(|| "reboot".into());
    if !ACTIONS.contains(&action.as_str()) {
        return Err(Error::usage(format!(
            "unknown action '{action}' (one of: {})",
            ACTIONS.join(", ")
        )));
    }
    if action == "metadata" {
        print!("{}", metadata());
        return Ok(0);
    }
    let ip =
        o.ip.clone()
            .ok_or_else(|| Error::usage("no device: give -a/--ip (a profile device or a host)"))?;
    let ipport = o.ipport.as_deref().map(parse_port).transpose()?;
    let needs_plug = ["on", "off", "reboot", "status"].contains(&action.as_str());
    if needs_plug && o.plug.is_none() {
        return Err(Error::usage(format!(
            "action {action} needs a plug: -n/--plug (an outlet number or name)"
        )));
    }
    if action == "validate-all" {
        return Ok(0);
    }
    if let Some(d) = o.delay {
        tokio::time::sleep(Duration::from_secs_f64(d)).await;
    }
    let device = connect(&o, &ip, ipport).await?;
    let done = on_device(&o, &action, &device).await;
    device.transport.close().await;
    done
}

/// The action on the connected device: the agent's exit status.
async fn on_device(o: &Options, action: &str, device: &Device) -> Result<i32> {
    let t = device.transport.as_ref();
    match action {
        "monitor" => {
            power::read_outlets(t).await?;
            Ok(0)
        }
        "list" | "list-status" => {
            for (i, outlet) in power::read_outlets(t).await?.iter().enumerate() {
                let name = escape_line(&outlet.name).replace(',', " ");
                match action {
                    "list" => println!("{},{name}", i + 1),
                    _ => println!(
                        "{},{name},{}",
                        i + 1,
                        match outlet.physical {
                            Some(true) => "ON",
                            Some(false) => "OFF",
                            None => "UNKNOWN",
                        }
                    ),
                }
            }
            Ok(0)
        }
        "status" => {
            let rows = power::status(device).await?;
            if rows.iter().any(|r| r.state.is_none()) {
                return Err(Error::BadResponse(
                    "the device reports no state for the plug".into(),
                ));
            }
            let on = rows.iter().any(|r| r.state == Some(true));
            println!("Status: {}", if on { "ON" } else { "OFF" });
            Ok(if on { 0 } else { 2 })
        }
        _ => {
            let action = match action {
                "on" => Action::On,
                "off" => Action::Off,
                _ => Action::Cycle,
            };
            let settings = Settings::verified(
                Some(Duration::from_secs_f64(o.power_wait.unwrap_or(0.0))),
                LOCK_TIMEOUT,
            );
            // A reboot is off, verify, on, verify: `grouped` keeps it from the device's own
            // cycle, which a fence agent cannot verify half-way.
            let report = power::run(
                action,
                std::slice::from_ref(device),
                &settings,
                true,
                &|_| {},
            )
            .await;
            if let Some((r, e)) = report
                .results
                .iter()
                .find_map(|r| r.error.as_ref().map(|e| (r, e)))
            {
                return Err(Error::Refused(format!("{}: {e}", r.label())));
            }
            let already = report.results.iter().all(|r| !r.switched);
            println!(
                "Success: {}",
                match (action, already) {
                    (Action::On, true) => "Already ON",
                    (Action::Off, true) => "Already OFF",
                    (Action::On, false) => "Powered ON",
                    (Action::Off, false) => "Powered OFF",
                    _ => "Rebooted",
                }
            );
            Ok(0)
        }
    }
}

/// `-u`/`--ipport`/`ipport=`: a TCP port, 1-65535.
fn parse_port(text: &str) -> Result<u16> {
    text.trim()
        .parse::<u16>()
        .ok()
        .filter(|p| *p != 0)
        .ok_or_else(|| Error::usage(format!("ipport takes a TCP port (1-65535), not '{text}'")))
}

/// The device `ip` names: a profile device (or a built-in demo), else a host (`HOST`,
/// `HOST:PORT`, `[IPv6]:PORT`) reached with the given login, as an ad-hoc device named by
/// `ip` itself; `ipport` is its port (for a profile device, instead of the profile's). Its
/// target is the plug.
async fn connect(o: &Options, ip: &str, ipport: Option<u16>) -> Result<Device> {
    let mut g = GlobalOpts {
        config: std::env::var_os("PDUCTL_CONFIG").map(Into::into),
        ..GlobalOpts::default()
    };
    let file = ProfileFile::load(&profile_path(&g)?)?;
    let known = file.names().iter().any(|n| n == ip) || demo::NAMES.contains(&ip);
    if known {
        g.device = Some(ip.to_string());
    } else {
        g.host = Some(ip.to_string());
    }
    if let (false, Some(port)) = (known, ipport) {
        if let Ok((_, Some(pasted))) = device::split_host_port(ip, None) {
            if pasted != port {
                return Err(Error::usage(format!(
                    "{ip} names port {pasted} but ipport (-u) says {port}; give one"
                )));
            }
        }
    }
    g.port = ipport;
    g.user = o.username.clone();
    if o.password.is_none() {
        g.password_command = o.password_script.clone();
    }
    // A demo device's simulator is a task of this runtime; dropping its handle leaves it
    // running until the agent ends.
    let mut resolved = device::resolve(&g).await?;
    if let Some(p) = &o.password {
        resolved.config.password = Some(Secret::new(p.clone()));
    } else if let Some(script) = &o.password_script {
        let limit = crate::profile::PASSWORD_COMMAND_TIMEOUT;
        resolved.config.password = Some(
            PasswordSource::Command(script.clone())
                .resolve(ip, limit)
                .await?,
        );
    }
    let names = targets::Names {
        devices: vec![ip.to_string()],
        ..targets::Names::default()
    };
    let plug = o.plug.clone().unwrap_or_else(|| "all".into());
    let (expanded, _) = targets::expand(&[format!("{ip}:{plug}")], &names)?;
    Ok(Device {
        lock_key: lock::key(&resolved.config, resolved.is_demo()),
        // Requests keep the device's own timeout; --power-timeout is how long a switched
        // outlet has to show its new state.
        timeout: Duration::from_secs_f64(o.power_timeout.unwrap_or(DEFAULT_POWER_TIMEOUT)),
        transport: resolved.connect()?.into(),
        name: ip.to_string(),
        targets: expanded.into_iter().map(|t| t.outlets).collect(),
    })
}

/// One parameter in `-o metadata`.
struct Parameter {
    name: &'static str,
    getopt: &'static str,
    required: bool,
    kind: &'static str,
    default: Option<&'static str>,
    description: &'static str,
}

/// `-o metadata`: the agent described as fence-agents' `metadata.rng` wants it.
pub fn metadata() -> String {
    let parameters: [Parameter; 11] = [
        Parameter {
            name: "action",
            getopt: "-o, --action=[action]",
            required: true,
            kind: "string",
            default: Some("reboot"),
            description: "Fencing action",
        },
        Parameter {
            name: "ip",
            getopt: "-a, --ip=[device]",
            required: true,
            kind: "string",
            default: None,
            description: "A device named in pductl's profile file, or a host address",
        },
        Parameter {
            name: "ipport",
            getopt: "-u, --ipport=[port]",
            required: false,
            kind: "integer",
            default: None,
            description: "TCP port of the device (default: the protocol's usual port)",
        },
        Parameter {
            name: "plug",
            getopt: "-n, --plug=[outlet]",
            required: false,
            kind: "string",
            default: None,
            description: "Outlet number (from 1) or name; several separated by commas",
        },
        Parameter {
            name: "username",
            getopt: "-l, --username=[name]",
            required: false,
            kind: "string",
            default: None,
            description: "Login name (default: the profile's, or the vendor's)",
        },
        Parameter {
            name: "password",
            getopt: "-p, --password=[password]",
            required: false,
            kind: "string",
            default: None,
            description: "Login password (prefer the profile's password sources)",
        },
        Parameter {
            name: "password_script",
            getopt: "-S, --password-script=[script]",
            required: false,
            kind: "string",
            default: None,
            description: "Script that prints the password",
        },
        Parameter {
            name: "power_timeout",
            getopt: "--power-timeout=[seconds]",
            required: false,
            kind: "second",
            default: Some("20"),
            description: "Test X seconds for status change after ON/OFF",
        },
        Parameter {
            name: "power_wait",
            getopt: "--power-wait=[seconds]",
            required: false,
            kind: "second",
            default: Some("0"),
            description: "Wait X seconds between OFF and ON of a reboot",
        },
        Parameter {
            name: "delay",
            getopt: "--delay=[seconds]",
            required: false,
            kind: "second",
            default: Some("0"),
            description: "Wait X seconds before fencing is started",
        },
        Parameter {
            name: "version",
            getopt: "-V, --version",
            required: false,
            kind: "boolean",
            default: None,
            description: "Display version information and exit",
        },
    ];
    let mut xml = String::from(
        "<?xml version=\"1.0\" ?>\n\
         <resource-agent name=\"fence_pductl\" shortdesc=\"Fence agent for power outlets reached by pductl (DLI, NETIO, ...)\" >\n\
         <longdesc>fence_pductl switches power outlets through pductl: any device in pductl's profile file (Digital Loggers controllers, NETIO sockets, and every protocol pductl speaks), with the state read back after each change.</longdesc>\n\
         <vendor-url>https://www.digital-loggers.com/</vendor-url>\n\
         <parameters>\n",
    );
    for Parameter {
        name,
        getopt,
        required,
        kind,
        default,
        description,
    } in parameters
    {
        let required = u8::from(required);
        let default = default.map_or(String::new(), |d| format!(" default=\"{d}\""));
        xml.push_str(&format!(
            "\t<parameter name=\"{name}\" unique=\"0\" required=\"{required}\">\n\
             \t\t<getopt mixed=\"{getopt}\" />\n\
             \t\t<content type=\"{kind}\"{default} />\n\
             \t\t<shortdesc lang=\"en\">{description}</shortdesc>\n\
             \t</parameter>\n"
        ));
    }
    xml.push_str("</parameters>\n<actions>\n");
    for action in ACTIONS {
        xml.push_str(&format!("\t<action name=\"{action}\" />\n"));
    }
    xml.push_str("</actions>\n</resource-agent>\n");
    xml
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_from_the_command_line_and_stdin() {
        let o = from_args(&["-o".into(), "off".into(), "--plug=3".into(), "-alab".into()]).unwrap();
        assert_eq!(
            (o.action.as_deref(), o.plug.as_deref(), o.ip.as_deref()),
            (Some("off"), Some("3"), Some("lab"))
        );
        assert!(from_args(&["--bogus".into()]).is_err());
        assert!(from_args(&["-o".into()]).is_err());
        let stdin = "# from pacemaker\naction=reboot\nport=DUT power\nipaddr=lab\nnodename=node1\npower_wait=2\n";
        let o = from_stdin(stdin.as_bytes()).unwrap();
        assert_eq!(o.plug.as_deref(), Some("DUT power"));
        assert_eq!(o.power_wait, Some(2.0));
        let e = from_stdin("action=off\nthis is not an option\n".as_bytes()).unwrap_err();
        assert!(e.to_string().contains("'this is not an option'"), "{e}");
        assert!(from_stdin("power_timeout=soon\n".as_bytes()).is_err());
        let o = from_args(&["-a".into(), "10.0.0.9".into(), "-u".into(), "8080".into()]).unwrap();
        assert_eq!(o.ipport.as_deref(), Some("8080"));
        let o = from_args(&["--ipport=8080".into()]).unwrap();
        assert_eq!(o.ipport.as_deref(), Some("8080"));
        let o = from_stdin("ipaddr=10.0.0.9\nipport=8080\n".as_bytes()).unwrap();
        assert_eq!(o.ipport.as_deref(), Some("8080"));
        assert_eq!(parse_port(" 8080").unwrap(), 8080);
        assert!(parse_port("0").is_err() && parse_port("http").is_err());
    }
}
