//! The wire backend of driver files (transport = "wire"): devices spoken to in datagrams or
//! framed TCP messages rather than HTTP or a line conversation: TP-Link Kasa's
//! length-prefixed XOR-autokey JSON over TCP 9999, WiZ's JSON over UDP 38899, Anel's UDP
//! text protocol. (Being written: see issue 25.)

use super::{Driver, DriverFile, Variant};
use crate::error::{Error, Result};
use crate::transport::{DeviceConfig, Transport};
use serde::Deserialize;

/// A driver file's `[wire]`: how the device is reached.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WireSection {}

/// Checks one variant of a wire driver file.
pub(super) fn check_variant(
    v: &Variant,
    k: usize,
    file: &DriverFile,
    source: &str,
    text: &str,
) -> Result<()> {
    let _ = (v, k, file, text);
    Err(Error::usage(format!(
        "{source}: transport = \"wire\" is not served yet"
    )))
}

/// A driver file whose transport is `wire`, ready to serve.
pub fn driver_wire(device: &DeviceConfig, driver: &Driver) -> Result<Box<dyn Transport>> {
    Err(Error::usage(format!(
        "device {}: driver {} speaks transport \"wire\", not served yet",
        device.name, driver.file.driver.id
    )))
}
