//! Test helpers shared by the unit tests of several modules.

use crate::transport::{AuthScheme, DeviceConfig, Protocol};
use proptest::prelude::*;
use serde_json::{json, Value};

/// Arbitrary JSON as a hostile device might send it: huge, negative and fractional numbers,
/// any strings, nesting, and keys that the mappers look for mixed with junk ones.
pub fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_map(|f| json!(f)),
        ".{0,12}".prop_map(Value::from),
    ];
    leaf.prop_recursive(4, 64, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..8).prop_map(Value::from),
            prop::collection::vec(
                (
                    prop_oneof![
                        Just("ID".to_string()),
                        Just("State".to_string()),
                        Just("Name".to_string()),
                        Just("Delay".to_string()),
                        Just("Load".to_string()),
                        Just("outlets".to_string()),
                        Just("$ref".to_string()),
                        ".{0,6}"
                    ],
                    inner
                ),
                0..8
            )
            .prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    })
}

/// A device on a loopback port nothing listens on (port 9, discard), for unit tests that
/// build a transport without talking to it.
pub fn loopback_device(protocol: Protocol, user: &str, auth: AuthScheme) -> DeviceConfig {
    DeviceConfig {
        name: "unit".into(),
        user: Some(user.into()),
        auth,
        ..DeviceConfig::at(
            protocol,
            "127.0.0.1",
            Some(9),
            std::time::Duration::from_secs(1),
        )
    }
}
