//! Being built (issue 23): NETIO's XML M2M API (/netio.xml).

use super::{unsupported, DeviceConfig, Transport};
use crate::error::Result;

pub struct NetioXml;

impl NetioXml {
    pub fn new(_device: &DeviceConfig) -> Result<Box<dyn Transport>> {
        Err(unsupported("netio-xml", "anything", "not built yet"))
    }
}
