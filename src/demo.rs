//! The built-in `demo` device: a simulated DLI controller started inside this process on an
//! ephemeral loopback port, reached through the ordinary DLI REST transport. Its state lives
//! in the user's state directory, so `set` in one command shows in `get` in the next.

use crate::error::{Error, Result};
use crate::sim::dli_http::{self, DliSimOptions};
use crate::transport::{AuthScheme, DeviceConfig, Protocol, Secret, DEFAULT_TIMEOUT};
use std::path::PathBuf;
use tokio::net::TcpListener;
use tokio::task::JoinHandle;

pub const NAME: &str = "demo";
const USER: &str = "admin";
const PASSWORD: &str = "1234";

/// `$XDG_STATE_HOME/pductl/demo-dli.json` (or the platform's equivalent).
pub fn state_file() -> PathBuf {
    dirs::state_dir()
        .or_else(dirs::data_local_dir)
        .unwrap_or_else(std::env::temp_dir)
        .join("pductl")
        .join("demo-dli.json")
}

/// Starts the simulator and returns the device that points at it, with the server task.
pub async fn start() -> Result<(DeviceConfig, JoinHandle<()>)> {
    let listener = TcpListener::bind("127.0.0.1:0").await.map_err(|e| {
        Error::Unreachable(format!("cannot start the demo device on loopback: {e}"))
    })?;
    let port = listener
        .local_addr()
        .map_err(|e| Error::Unreachable(format!("cannot start the demo device: {e}")))?
        .port();
    let options = DliSimOptions {
        user: USER.into(),
        password: PASSWORD.into(),
        state_file: Some(state_file()),
        ..DliSimOptions::default()
    };
    let server = tokio::spawn(dli_http::serve(listener, options));
    let device = DeviceConfig {
        name: NAME.into(),
        protocol: Protocol::DliRest,
        host: "127.0.0.1".into(),
        port: Some(port),
        tls: false,
        insecure: false,
        ca_file: None,
        user: Some(USER.into()),
        password: Some(Secret::new(PASSWORD)),
        auth: AuthScheme::Digest,
        timeout: DEFAULT_TIMEOUT,
        trace: false,
    };
    Ok((device, server))
}
