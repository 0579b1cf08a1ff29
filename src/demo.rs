//! The built-in demo devices: a simulated controller started inside this process on an
//! ephemeral loopback port and reached through the ordinary transport for its protocol.
//! Their state lives in the user's state directory, so `set` in one command shows in `get`
//! in the next. `demo` is a DLI controller, `demo-netio` a NETIO 4All.

use crate::error::{Error, Result};
use crate::sim::dli::DliState;
use crate::sim::dli_http::{self, DliSimOptions};
use crate::sim::netio::NetioState;
use crate::sim::netio_http::{self, NetioSimOptions};
use crate::sim::set_aside_if_corrupt;
use crate::transport::{DeviceConfig, Protocol, Secret, DEFAULT_TIMEOUT};
use tokio::net::TcpListener;
use tokio::task::JoinHandle;

/// The names of the built-in devices.
pub const NAMES: [&str; 2] = ["demo", "demo-netio"];

/// The protocol a demo device speaks, for listings.
pub fn protocol(name: &str) -> Protocol {
    match name {
        "demo-netio" => Protocol::NetioJson,
        _ => Protocol::DliRest,
    }
}

/// A running demo device.
pub struct Demo {
    /// The device, pointing at the simulator.
    pub device: DeviceConfig,
    /// The simulator's task, which must live as long as the device is used.
    pub server: JoinHandle<()>,
    /// Set when the state file was corrupt and has been moved aside: say so to the user.
    pub warning: Option<String>,
}

/// Starts the named demo device's simulator.
pub async fn start(name: &str) -> Result<Demo> {
    let listener = TcpListener::bind("127.0.0.1:0").await.map_err(|e| {
        Error::Unreachable(format!("cannot start the {name} device on loopback: {e}"))
    })?;
    let port = listener
        .local_addr()
        .map_err(|e| Error::Unreachable(format!("cannot start the {name} device: {e}")))?
        .port();
    let protocol = protocol(name);
    let warning;
    let (user, password, server) = match protocol {
        Protocol::NetioJson => {
            let file = crate::paths::state_file("demo-netio.json");
            warning = set_aside_if_corrupt(&file, NetioState::is_well_formed);
            let options = NetioSimOptions {
                state_file: Some(file),
                ..NetioSimOptions::default()
            };
            let (user, password) = (options.user.clone(), options.password.clone());
            (
                user,
                password,
                tokio::spawn(netio_http::serve(listener, options, None)),
            )
        }
        _ => {
            let file = crate::paths::state_file("demo-dli.json");
            warning = set_aside_if_corrupt(&file, DliState::is_well_formed);
            let options = DliSimOptions {
                state_file: Some(file),
                ..DliSimOptions::default()
            };
            let (user, password) = (options.user.clone(), options.password.clone());
            (
                user,
                password,
                tokio::spawn(dli_http::serve(listener, options)),
            )
        }
    };
    let device = DeviceConfig {
        name: name.into(),
        user: Some(user),
        password: Some(Secret::new(password)),
        // Its port is new every run: messages name the demo alone.
        label: Some(name.into()),
        ..DeviceConfig::at(protocol, "127.0.0.1", Some(port), DEFAULT_TIMEOUT)
    };
    Ok(Demo {
        device,
        server,
        warning,
    })
}
