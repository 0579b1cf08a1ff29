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

/// A 200 answer of `content_type` with `body`.
pub fn typed_answer(content_type: &str, body: &str) -> String {
    http_answer("200 OK", &[&format!("Content-Type: {content_type}")], body)
}

/// A request's body as text.
pub fn body_text(r: &super::RawRequest) -> String {
    String::from_utf8_lossy(&r.body).into_owned()
}

/// A request's body as JSON (`null` when it is not JSON).
pub fn body_json(r: &super::RawRequest) -> serde_json::Value {
    serde_json::from_slice(&r.body).unwrap_or(serde_json::Value::Null)
}

/// A device's MD5 Digest challenge (RFC 2617, qop auth).
pub fn digest_md5_challenge(realm: &str, nonce: &str) -> String {
    http_answer(
        "401 Unauthorized",
        &[&format!(
            "WWW-Authenticate: Digest realm=\"{realm}\", qop=\"auth\", nonce=\"{nonce}\", algorithm=MD5"
        )],
        "",
    )
}

/// Whether a request carries a right RFC 2617 MD5 Digest answer (qop auth) for `user`.
pub fn digest_md5_ok(
    r: &super::RawRequest,
    realm: &str,
    nonce: &str,
    user: &str,
    password: &str,
) -> bool {
    use md5::Digest;
    digest_ok(r, realm, nonce, user, password, |text| {
        md5::Md5::digest(text)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    })
}

/// Whether a request carries a right RFC 7616 SHA-256 Digest answer (qop auth).
pub fn digest_sha256_ok(
    r: &super::RawRequest,
    realm: &str,
    nonce: &str,
    user: &str,
    password: &str,
) -> bool {
    use sha2::Digest;
    digest_ok(r, realm, nonce, user, password, |text| {
        sha2::Sha256::digest(text)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    })
}

/// Whether a request carries a right Digest answer (qop auth) with `hash`, the algorithm's
/// hex digest of a text.
fn digest_ok(
    r: &super::RawRequest,
    realm: &str,
    nonce: &str,
    user: &str,
    password: &str,
    hash: impl Fn(&str) -> String,
) -> bool {
    let hex = |parts: &[&str]| hash(&parts.join(":"));
    let Some(header) = r
        .header("authorization")
        .and_then(|h| h.strip_prefix("Digest "))
    else {
        return false;
    };
    let param = |name: &str| {
        header.split(',').find_map(|kv| {
            let (k, v) = kv.trim().split_once('=')?;
            (k == name).then(|| v.trim_matches('"').to_string())
        })
    };
    let (Some(given_user), Some(nc), Some(cnonce), Some(uri), Some(response)) = (
        param("username"),
        param("nc"),
        param("cnonce"),
        param("uri"),
        param("response"),
    ) else {
        return false;
    };
    let ha1 = hex(&[user, realm, password]);
    let ha2 = hex(&[&r.method, &uri]);
    given_user == user
        && uri == r.uri
        && response == hex(&[&ha1, nonce, &nc, &cnonce, "auth", &ha2])
}

/// Whether a request carries HTTP Basic for `user` and `password`.
pub fn basic_ok(r: &super::RawRequest, user: &str, password: &str) -> bool {
    use base64::Engine;
    let expected = base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"));
    r.header("authorization") == Some(&format!("Basic {expected}"))
}
