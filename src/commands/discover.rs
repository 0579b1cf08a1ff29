//! `pductl discover`: NETIO's UDP discover and, with `--scan`, a subnet scan; the devices
//! found as a table or JSON, and with `--save` added to the profile file.

use crate::cli::{DiscoverArgs, GlobalOpts};
use crate::demo;
use crate::device::profile_path;
use crate::discover::{self, scan, Found};
use crate::error::{Error, Result};
use crate::output::OutputFormat;
use crate::output::{self, Out};
use crate::output::{seconds, warn};
use crate::profile::{DeviceEntry, ProfileFile};
use crate::transport::Protocol;
use comfy_table::{presets::UTF8_FULL_CONDENSED, ContentArrangement, Table};
use serde_json::Value;
use std::io::IsTerminal;
use std::net::SocketAddr;
use std::time::Duration;

/// Longest wait for replies: discovery is interactive.
const MAX_WAIT_SECONDS: f64 = 60.0;

/// Per-host time in a scan, unless `--timeout` says otherwise.
const SCAN_TIMEOUT: Duration = Duration::from_secs(2);

/// Blocks larger than this are not a LAN, `--force` or not.
const MIN_PREFIX: u8 = 8;

pub async fn run(g: &GlobalOpts, args: &DiscoverArgs, out: &mut Out) -> Result<()> {
    let wait = seconds(args.wait, "--wait")?;
    if args.wait > MAX_WAIT_SECONDS {
        return Err(Error::usage(format!(
            "--wait is at most {MAX_WAIT_SECONDS} seconds"
        )));
    }
    // Everything on the command line is checked before anything is sent.
    let mut blocks = Vec::new();
    for text in &args.scan {
        let (addr, prefix) = scan::parse_cidr(text)?;
        if prefix < MIN_PREFIX || (prefix < scan::MAX_PREFIX_WITHOUT_FORCE && !args.force) {
            return Err(Error::usage(format!(
                "--scan {text} is larger than /{}: that is {} hosts; add --force to scan it anyway{}",
                scan::MAX_PREFIX_WITHOUT_FORCE,
                scan::hosts(addr, prefix).size_hint().0,
                if prefix < MIN_PREFIX { " (no larger than /8)" } else { "" }
            )));
        }
        blocks.push((addr, prefix));
    }
    if args.scan_ports.contains(&0) {
        return Err(Error::usage("--scan-ports takes ports from 1 to 65535"));
    }
    let mut targets = Vec::new();
    for text in &args.target {
        targets.extend(resolve_target(text).await?);
    }
    // SSDP goes to the targets given, else to the multicast group.
    let ssdp_targets = match targets.is_empty() {
        true => vec![discover::ssdp::MULTICAST],
        false => targets.clone(),
    };
    if targets.is_empty() && blocks.is_empty() {
        targets = discover::broadcast_targets();
        if targets.is_empty() {
            return Err(Error::usage(
                "no network interface with a broadcast address: give --target HOST:PORT or \
                 --scan CIDR",
            ));
        }
    }

    let mut found: Vec<Found> = Vec::new();
    let udp = async {
        match targets.is_empty() {
            true => Ok(None),
            false => discover::netio_udp(args.listen, &targets, wait)
                .await
                .map(Some),
        }
    };
    let timeout = match g.timeout {
        Some(t) => seconds(t, "--timeout")?,
        None => SCAN_TIMEOUT,
    };
    let hosts: Vec<_> = blocks
        .iter()
        .flat_map(|(addr, prefix)| scan::hosts(*addr, *prefix))
        .collect();
    let bar = progress_bar(g, (hosts.len() * args.scan_ports.len()) as u64);
    let tick = || bar.inc(1);
    let scanning = scan::scan(hosts, &args.scan_ports, timeout, &tick);
    let ssdp = async {
        match args.upnp {
            false => Ok(None),
            true => {
                discover::ssdp::search(SocketAddr::from(([0, 0, 0, 0], 0)), &ssdp_targets, wait)
                    .await
                    .map(Some)
            }
        }
    };
    let (udp, scanned, ssdp) = tokio::join!(udp, scanning, ssdp);
    bar.finish_and_clear();
    let mut sockets = Vec::new();
    if let Some(ssdp) = ssdp? {
        for unsent in &ssdp.unsent {
            warn(g.quiet, &format!("could not send M-SEARCH to {unsent}"));
        }
        if g.verbose > 0 && ssdp.skipped > 0 {
            eprintln!(
                "pductl: skipped {} SSDP answers or setup.xml documents that were not usable",
                ssdp.skipped
            );
            for why in &ssdp.reasons {
                eprintln!("pductl: ssdp: {}", output::escape_line(why));
            }
        }
        for socket in ssdp.sockets {
            discover::merge(&mut found, socket.found.clone());
            sockets.push(socket);
        }
    }
    if let Some(udp) = udp? {
        for unsent in &udp.unsent {
            warn(
                g.quiet,
                &format!("could not send the discover request to {unsent}"),
            );
        }
        if g.verbose > 0 && udp.skipped > 0 {
            eprintln!(
                "pductl: skipped {} datagrams that were not NETIO replies",
                udp.skipped
            );
        }
        for f in udp.found {
            discover::merge(&mut found, f);
        }
    }
    for f in scanned {
        discover::merge(&mut found, f);
    }
    // A device found by UDP discover alone has no port yet: before it is saved, its JSON
    // API is looked for (`scan::confirm_netio`), and one not found is not saved.
    if args.save {
        let unported: Vec<usize> = (0..found.len())
            .filter(|i| found[*i].port.is_none())
            .collect();
        let confirmed = futures_util::future::join_all(
            unported
                .iter()
                .map(|i| scan::confirm_netio(&found[*i], &args.scan_ports, timeout)),
        )
        .await;
        for (i, port) in unported.into_iter().zip(confirmed) {
            let f = &mut found[i];
            match port {
                Some(port) => {
                    f.port = Some(port);
                    f.tls = port == 443;
                }
                None => warn(g.quiet, &unconfirmed(f, &args.scan_ports)),
            }
        }
    }

    let terminal = std::io::stdout().is_terminal();
    match g.output.unwrap_or(OutputFormat::Table) {
        OutputFormat::Table if found.is_empty() => {
            if !g.quiet {
                eprintln!("no devices found");
            }
        }
        OutputFormat::Table => out.line(&table(&found, &sockets, args.upnp))?,
        _ => {
            let all: Vec<Value> = found
                .iter()
                .map(|f| {
                    let mut v = f.to_json();
                    if let Some(s) = socket_of(f, &sockets) {
                        v["udn"] = s.udn.clone().into();
                        v["serial"] = s.serial.clone().into();
                        v["mac"] = s.mac.clone().into();
                    }
                    v
                })
                .collect();
            out.line(&output::json(&Value::Array(all), terminal))?;
        }
    }
    if args.save {
        let path = profile_path(g)?;
        let added = ProfileFile::edit(&path, |file| save(file, &found))?;
        if !g.quiet {
            eprintln!(
                "{}",
                output::escape_line(&format!(
                    "added {} to {}",
                    match added.as_slice() {
                        [] => "no new devices".to_string(),
                        names => names.join(", "),
                    },
                    path.display()
                ))
            );
        }
    }
    Ok(())
}

/// `HOST:PORT` (a name or an address) to the addresses it stands for.
async fn resolve_target(text: &str) -> Result<Vec<SocketAddr>> {
    let bad = |why: String| Error::usage(format!("bad --target '{text}': {why}"));
    if !text.contains(':') {
        return Err(bad(
            "expected HOST:PORT (NETIO devices listen on 62387)".into()
        ));
    }
    let addrs: Vec<SocketAddr> = tokio::net::lookup_host(text)
        .await
        .map_err(|e| bad(e.to_string()))?
        .filter(SocketAddr::is_ipv4)
        .collect();
    if addrs.is_empty() {
        return Err(bad("no IPv4 address".into()));
    }
    Ok(addrs)
}

fn progress_bar(g: &GlobalOpts, probes: u64) -> indicatif::ProgressBar {
    if g.quiet || probes < 16 || !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(probes);
    if let Ok(style) = indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} probes") {
        bar.set_style(style);
    }
    bar
}

/// What SSDP's setup.xml said of a WeMo socket found.
fn socket_of<'a>(
    f: &Found,
    sockets: &'a [discover::ssdp::Socket],
) -> Option<&'a discover::ssdp::Socket> {
    (f.protocol == Protocol::Wemo)
        .then(|| {
            sockets
                .iter()
                .find(|s| s.found.address == f.address && s.found.port == f.port)
        })
        .flatten()
}

fn table(found: &[Found], sockets: &[discover::ssdp::Socket], upnp: bool) -> String {
    let mut t = Table::new();
    t.load_preset(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic);
    let mut header = vec![
        "protocol", "name", "model", "address", "port", "mac", "firmware", "found by",
    ];
    if upnp {
        header.extend(["serial", "udn"]);
    }
    t.set_header(header);
    let cell =
        |s: &Option<String>| output::escape_controls(s.as_deref().unwrap_or("")).into_owned();
    for f in found {
        let socket = socket_of(f, sockets);
        let mut row = vec![
            f.protocol.name().to_string(),
            cell(&f.name),
            cell(&f.model),
            f.address.to_string(),
            f.port.map_or_else(String::new, |p| p.to_string()),
            cell(socket.map_or(&f.mac, |s| &s.mac)),
            cell(&f.firmware),
            f.found_by.join(", "),
        ];
        if upnp {
            row.push(cell(&socket.and_then(|s| s.serial.clone())));
            row.push(cell(&socket.and_then(|s| s.udn.clone())));
        }
        t.add_row(row);
    }
    t.to_string()
}

/// Adds the devices not yet in the file; returns the names given to them.
fn save(file: &mut ProfileFile, found: &[Found]) -> Result<Vec<String>> {
    let mut names = file.names();
    let mut known: Vec<(String, u16)> = Vec::new();
    for name in &names {
        let entry = file.entry(name)?;
        if let Some(host) = entry.host {
            known.push((
                host,
                entry.port.unwrap_or(default_port(entry.tls == Some(true))),
            ));
        }
    }
    let mut added = Vec::new();
    for f in found {
        // Only where the device was seen answering: a guessed port makes a broken entry.
        let Some(port) = f.port else {
            continue;
        };
        let host = f.address.to_string();
        if known.contains(&(host.clone(), port)) {
            continue;
        }
        let base = profile_name(f);
        let mut name = base.clone();
        let mut n = 1;
        while names.contains(&name) || demo::NAMES.contains(&name.as_str()) {
            n += 1;
            name = format!("{base}-{n}");
        }
        let entry = DeviceEntry {
            protocol: Some(f.protocol),
            host: Some(host.clone()),
            port: Some(port),
            tls: f.tls.then_some(true),
            insecure: None,
            ..DeviceEntry::default()
        };
        file.put(&name, &entry);
        known.push((host, port));
        names.push(name.clone());
        added.push(name);
    }
    Ok(added)
}

fn default_port(tls: bool) -> u16 {
    if tls {
        443
    } else {
        80
    }
}

/// Why a device found by UDP discover is not saved, and what to do.
fn unconfirmed(f: &Found, ports: &[u16]) -> String {
    let ports: Vec<String> = ports.iter().map(u16::to_string).collect();
    let ports = match ports.as_slice() {
        [one] => format!("port {one}"),
        [rest @ .., last] => format!("ports {} or {last}", rest.join(", ")),
        [] => "no port".to_string(),
    };
    format!(
        "not saving {} at {}: it answered NETIO's UDP discover, whose reply names no web \
         port, and /netio.json did not answer on {ports}; turn its JSON API on (M2M API \
         Protocols), or give the port its web interface uses with --scan-ports",
        f.name
            .as_deref()
            .or(f.model.as_deref())
            .unwrap_or("a NETIO device"),
        f.address
    )
}

/// A profile name from what the device calls itself: lower case, anything but `a-z0-9-`
/// made `-`, runs of `-` made one, none at either end (`device` when nothing is left).
fn profile_name(f: &Found) -> String {
    let raw = f
        .name
        .as_deref()
        .or(f.hostname.as_deref())
        .or(f.model.as_deref())
        .unwrap_or(match f.protocol {
            Protocol::DliRest => "dli",
            Protocol::NetioJson => "netio",
            Protocol::Wemo => "wemo",
            _ => "device",
        });
    let mapped: String = raw
        .to_lowercase()
        .chars()
        .map(|c| {
            if c.is_ascii_lowercase() || c.is_ascii_digit() {
                c
            } else {
                '-'
            }
        })
        .collect();
    let name = mapped
        .split('-')
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    match name.is_empty() {
        true => "device".to_string(),
        false => name,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn profile_names_from_device_names() {
        let f = |name: &str| Found {
            protocol: Protocol::NetioJson,
            name: Some(name.into()),
            model: None,
            mac: None,
            address: std::net::IpAddr::from([10, 0, 0, 1]),
            port: None,
            tls: false,
            firmware: None,
            hostname: None,
            found_by: vec!["netio-udp"],
        };
        assert_eq!(
            profile_name(&f("NETIO 4All (simulated)")),
            "netio-4all-simulated"
        );
        assert_eq!(profile_name(&f("Rack_7 PDU")), "rack-7-pdu");
        assert_eq!(profile_name(&f("--Lab -- A--")), "lab-a");
        assert_eq!(profile_name(&f("ÜÜ")), "device");
        assert_eq!(profile_name(&f(" - ")), "device");
    }
}
