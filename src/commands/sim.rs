//! `pductl sim dli|netio|snmp-pdu`: serve a simulated device until stopped.

use crate::cli::{GlobalOpts, SimCommand, SimCommon};
use crate::error::{Error, Result};
use crate::output::Out;
use crate::output::{seconds, warn};
use crate::sim::dli::DliState;
use crate::sim::netio::{mac_for_port, parse_mac, NetioState};
use crate::sim::snmp_pdu::{self, SnmpPdu};
use crate::sim::{
    dli_http, dli_snmp, netio_http, set_aside_if_corrupt, Faults, FaultsOf, SelfSignedTls, Store,
};
use crate::transport::OutletsSetting;
use std::time::Duration;

/// The `--fault`s given, each one the simulator `of` models (else exit 2, naming those).
fn faults(common: &SimCommon, of: FaultsOf) -> Result<Faults> {
    let mut faults = Faults::default();
    for spec in &common.fault {
        faults.add(of, spec).map_err(Error::Usage)?;
    }
    Ok(faults)
}

/// Binds the simulator's socket and prepares its TLS; prints the bound address on stdout so
/// scripts and tests can pick up an ephemeral port.
async fn sim_listen(
    g: &GlobalOpts,
    common: &SimCommon,
    out: &mut Out,
) -> Result<(tokio::net::TcpListener, Option<tokio_rustls::TlsAcceptor>)> {
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
    Ok((listener, tls))
}

/// `sim dli --outlets N`: the simulated unit's outlet count (the global `--outlets`).
fn sim_outlets(g: &GlobalOpts) -> Result<usize> {
    match &g.outlets {
        None => Ok(8),
        Some(OutletsSetting::Count(n)) if (1..=64).contains(n) => Ok(*n),
        Some(_) => Err(Error::usage(
            "sim dli --outlets is a count of outlets from 1 to 64",
        )),
    }
}

/// A simulator's energy rate: Wh per second, finite and not negative.
fn energy_rate(rate: f64, flag: &str) -> Result<f64> {
    match rate.is_finite() && rate >= 0.0 {
        true => Ok(rate),
        false => Err(Error::usage(format!(
            "{flag} is Wh per second, a number from 0 up, not {rate}"
        ))),
    }
}

pub async fn run(g: &GlobalOpts, cmd: &SimCommand, out: &mut Out) -> Result<()> {
    match cmd {
        SimCommand::Dli(args) => {
            let outlets = sim_outlets(g)?;
            let faults = faults(&args.common, FaultsOf::Dli)?;
            let lockout = args.lockout.map(|s| seconds(s, "--lockout")).transpose()?;
            if let Some(file) = &args.common.state_file {
                if let Some(message) = set_aside_if_corrupt(file, DliState::is_well_formed) {
                    warn(g.quiet, &message);
                }
            }
            // The simulated unit's factory account unless told otherwise.
            let user = g.user.clone().unwrap_or_else(|| "admin".into());
            let password = args
                .common
                .password
                .clone()
                .unwrap_or_else(|| "1234".into());
            if args.snmp_pass_persist {
                let store = Store::new(
                    DliState::new(outlets, &user, &password, args.realm.as_deref()),
                    args.common.state_file.clone(),
                    DliState::is_well_formed,
                );
                dli_snmp::serve(&store, std::io::stdin().lock(), std::io::stdout().lock());
                return Ok(());
            }
            let (listener, tls) = sim_listen(g, &args.common, out).await?;
            let options = dli_http::DliSimOptions {
                outlets,
                user,
                password,
                realm: args.realm.clone(),
                challenge: args.challenge,
                lockout,
                mqtt: args.mqtt.map(|b| (b, args.topic_root.clone())),
                faults,
                state_file: args.common.state_file.clone(),
                tls,
                model: args.model,
                coap_auth: crate::sim::dli_coap::CoapAuth::parse(&args.coap_auth)
                    .unwrap_or_default(),
                energy_rate: args
                    .energy_rate
                    .map(|r| energy_rate(r, "--energy-rate"))
                    .transpose()?,
            };
            // One state for every face: a switch over WeMo shows over REST.
            let store = dli_http::store(&options);
            if args.upnp {
                let upnp = start_upnp(outlets, args, store.clone(), out).await?;
                tokio::join!(dli_http::serve_store(listener, options, store), upnp);
            } else {
                dli_http::serve_store(listener, options, store).await
            }
        }
        SimCommand::Netio(args) => {
            if g.outlets.is_some() {
                return Err(Error::usage(
                    "sim netio takes no --outlets: its outputs are its --model's",
                ));
            }
            let faults = faults(&args.common, FaultsOf::Netio)?;
            let mac = match &args.mac {
                Some(text) => Some(parse_mac(text).ok_or_else(|| {
                    Error::usage(format!("--mac takes AA:BB:CC:DD:EE:FF, not '{text}'"))
                })?),
                None => None,
            };
            if let Some(file) = &args.common.state_file {
                if let Some(message) = set_aside_if_corrupt(file, NetioState::is_well_formed) {
                    warn(g.quiet, &message);
                }
            }
            let (listener, tls) = sim_listen(g, &args.common, out).await?;
            // Each unit a MAC of its own unless told one: two units started alike are still
            // two devices to discover.
            let mac = match (mac, listener.local_addr()) {
                (None, Ok(addr)) => Some(mac_for_port(addr.port())),
                (mac, _) => mac,
            };
            let discover = match args.discover {
                Some(addr) => {
                    let socket = tokio::net::UdpSocket::bind(addr).await.map_err(|e| {
                        Error::usage(format!(
                            "cannot listen for discover requests on {addr}: {e}"
                        ))
                    })?;
                    let bound = socket.local_addr().map_err(|e| {
                        Error::usage(format!(
                            "cannot listen for discover requests on {addr}: {e}"
                        ))
                    })?;
                    out.line(&bound.to_string())?;
                    Some(socket)
                }
                None => None,
            };
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
                mac,
                mqtt: args.mqtt.map(|b| (b, args.topic_root.clone())),
                xml: args.xml,
                energy_rate: args
                    .energy_rate
                    .map(|r| energy_rate(r, "--energy-rate"))
                    .transpose()?,
                reset_energy_after: args
                    .reset_energy_after
                    .map(|s| seconds(s, "--reset-energy-after"))
                    .transpose()?,
            };
            netio_http::serve(listener, options, discover).await;
        }
        SimCommand::SnmpPdu(args) => {
            let mut pdu = SnmpPdu::new(
                args.model,
                args.switch_delay.map(Duration::from_millis),
                Duration::from_millis(args.reboot_off_time),
            );
            snmp_pdu::serve(&mut pdu, std::io::stdin().lock(), std::io::stdout().lock());
        }
    }
    Ok(())
}

/// Binds one WeMo socket per outlet (outlet i on `--upnp-base-port` + i, else a free port)
/// and the SSDP responder, printing `UPNP <outlet> <port>` per socket (outlets 0-based, as in
/// the object model) and `SSDP <address>`; the returned future serves them over `store`, the
/// state the REST face serves too.
async fn start_upnp(
    outlets: usize,
    args: &crate::cli::DliSimArgs,
    store: std::sync::Arc<Store<DliState>>,
    out: &mut Out,
) -> Result<impl std::future::Future<Output = ()>> {
    use crate::sim::upnp;
    let ip = args.common.listen.ip();
    let mut sockets = Vec::new();
    for outlet in 0..outlets {
        let port = match args.upnp_base_port {
            Some(base) => u16::try_from(usize::from(base) + outlet).map_err(|_| {
                Error::usage(format!(
                    "--upnp-base-port {base} leaves no port for outlet {outlet}"
                ))
            })?,
            None => 0,
        };
        let addr = std::net::SocketAddr::new(ip, port);
        let listener = tokio::net::TcpListener::bind(addr).await.map_err(|e| {
            Error::usage(format!(
                "cannot listen on {addr} for outlet {outlet}'s WeMo socket: {e}"
            ))
        })?;
        let bound = listener
            .local_addr()
            .map_err(|e| Error::usage(format!("cannot listen on {addr}: {e}")))?;
        out.line(&format!("UPNP {outlet} {}", bound.port()))?;
        sockets.push(upnp::Socket { outlet, listener });
    }
    let ssdp = match args.ssdp {
        Some(addr) => {
            let socket = upnp::bind_ssdp(addr)
                .map_err(|e| Error::usage(format!("cannot answer SSDP M-SEARCH on {addr}: {e}")))?;
            let bound = socket
                .local_addr()
                .map_err(|e| Error::usage(format!("cannot answer SSDP on {addr}: {e}")))?;
            let shown = match addr.ip().is_multicast() {
                true => addr,
                false => bound,
            };
            out.line(&format!("SSDP {shown}"))?;
            Some(socket)
        }
        None => None,
    };
    // The address SSDP answers give: the listening one, or loopback when that is "any".
    let host = if ip.is_unspecified() {
        std::net::IpAddr::from([127, 0, 0, 1])
    } else {
        ip
    };
    Ok(upnp::serve(store, sockets, ssdp, host))
}
