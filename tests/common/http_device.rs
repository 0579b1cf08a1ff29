//! What the driver tests' hand-written HTTP devices share: a request's path and query taken
//! apart, the answers devices give, and a home whose profile names the device under test.

use super::{http_answer, Home, PASSWORD_VAR};

/// A request's path, its query's parameters (percent-decoded), and the whole query decoded.
pub fn split_uri(uri: &str) -> (String, Vec<(String, String)>, String) {
    let decode = |s: &str| {
        percent_encoding::percent_decode_str(s)
            .decode_utf8_lossy()
            .into_owned()
    };
    let (path, query) = uri.split_once('?').unwrap_or((uri, ""));
    let params = query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (decode(k), decode(v))
        })
        .collect();
    (decode(path), params, decode(query))
}

/// The value of query parameter `key`.
pub fn param<'a>(params: &'a [(String, String)], key: &str) -> Option<&'a str> {
    params
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
}

/// A JSON answer with `status` ("200 OK").
pub fn json_answer(status: &str, body: &serde_json::Value) -> String {
    http_answer(
        status,
        &["Content-Type: application/json"],
        &body.to_string(),
    )
}

/// A device's Basic challenge.
pub fn basic_challenge() -> String {
    http_answer(
        "401 Unauthorized",
        &["WWW-Authenticate: Basic realm=\"device\""],
        "",
    )
}

/// A home whose profile names one device `dev` driven by `driver` at `port`, with `extra`
/// profile lines.
pub fn driver_home(driver: &str, port: u16, extra: &str) -> Home {
    let home = Home::new();
    home.write_profile(&format!(
        "[devices.dev]\ndriver = \"{driver}\"\nhost = \"127.0.0.1\"\nport = {port}\n\
         timeout = 3\n{extra}"
    ));
    home
}

/// `pductl ARGS` in `home`, with `password` in the profile's password variable.
pub fn pd_with(home: &Home, password: &str, args: &[&str]) -> assert_cmd::Command {
    let mut c = home.cmd();
    c.env(PASSWORD_VAR, password).args(args);
    c
}
