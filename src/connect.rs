//! The transport factory: a device's settings, and the driver file that describes it if
//! any, become the `Transport` that speaks to it. It sits above both `transport/` (the
//! protocols) and `drivers/` (the engine that serves driver files), so that neither imports
//! the other's builder.

use crate::drivers::{self, Driver};
use crate::error::Result;
use crate::transport::{
    dli_coap, dli_legacy, dli_rest, dli_ssh, mqtt, netio_json, netio_xml, snmp, wemo, DeviceConfig,
    Protocol, Transport,
};

/// The transport for a device: the driver file's engine over its wire, else the protocol's.
pub fn connect(device: &DeviceConfig, driver: Option<&Driver>) -> Result<Box<dyn Transport>> {
    if let Some(driver) = driver {
        // A powerman script's plugs may be named by the profile's outlets.
        if driver.powerman.is_some() {
            return drivers::powerman::driver_powerman(device, driver);
        }
        // Only a device that cannot list its outlets takes them from the profile.
        // (Modbus, and HTTP files that read one outlet per request: `list.each`.)
        let per_outlet = driver.file.variants().iter().any(|v| {
            // A session's packed value: the profile says how many of its bits are outlets.
            let packed = v
                .outlets
                .list
                .steps
                .iter()
                .flatten()
                .any(|s| s.packed.is_some());
            // MQTT: one retained topic per outlet.
            let topics = driver.file.driver.transport == "mqtt"
                && drivers::mqtt::per_outlet(&v.outlets.list);
            v.outlets.list.each.is_some() || packed || topics
        });
        if device.outlets.is_some() && driver.file.driver.transport != "modbus" && !per_outlet {
            return Err(crate::error::Error::usage(format!(
                "device {}: outlets is for drivers whose device cannot list its outlets \
                 (Modbus, per-outlet HTTP reads); driver {} lists them",
                device.name, driver.file.driver.id
            )));
        }
        return Ok(match driver.file.driver.transport.as_str() {
            "snmp" => Box::new(drivers::snmp::driver_snmp(device, driver)?),
            "mqtt" => Box::new(drivers::mqtt::driver_mqtt(device, driver)?),
            "modbus" => Box::new(drivers::modbus::driver_modbus(device, driver)?),
            "session" => Box::new(drivers::session::driver_session(device, driver)?),
            "wire" => drivers::wire::driver_wire(device, driver)?,
            _ => Box::new(drivers::http::driver_http(device, driver)?),
        });
    }
    if device.outlets.is_some() {
        return Err(crate::error::Error::usage(format!(
            "device {}: outlets is for drivers whose device cannot list its outlets (Modbus); \
             {} lists them",
            device.name,
            device.protocol.name()
        )));
    }
    Ok(match device.protocol {
        Protocol::DliRest => Box::new(dli_rest::DliRest::new(device)?),
        Protocol::DliLegacy => Box::new(dli_legacy::DliLegacy::new(device)?),
        Protocol::DliSsh => Box::new(dli_ssh::DliSsh::new(device)?),
        Protocol::DliCoap => Box::new(dli_coap::DliCoap::new(device)?),
        Protocol::Wemo => Box::new(wemo::Wemo::new(device)?),
        Protocol::NetioJson => Box::new(netio_json::NetioJson::new(device)?),
        Protocol::NetioXml => Box::new(netio_xml::NetioXml::new(device)?),
        Protocol::Snmp => Box::new(snmp::Snmp::new(device)?),
        Protocol::Mqtt => Box::new(mqtt::Mqtt::new(device)?),
    })
}
