//! Logins whose answer carries a token into later requests, and the values a driver file
//! computes for a request (signatures, challenge responses): `[http] challenge`, `token`
//! and `computed` (protocols/drivers-2.md section 0, "X-req" and "X-hash").
//!
//! ```toml
//! [http]
//! auth = { scheme = "token", user = "root" }
//! # optional: a request whose answer holds a challenge, {challenge} in what follows
//! challenge = { get = "/login_sid.lua?version=2", xml = "SessionInfo", pointer = "/Challenge" }
//! computed = { response = { fritz = "{challenge}" } }   # values a template may name
//! login = { get = "/login_sid.lua?version=2&username={user}&response={response}" }
//! # where the login's answer holds the token, {token} in every later request
//! token = { xml = "SessionInfo", pointer = "/SID", refused = ["0000000000000000"], expired = { status = 403 } }
//! ```
//!
//! A value is read from an answer as a list reads it: a JSON `pointer`, or with `xml` (the
//! document element's name) an element path, or with `text` a regex whose group 1 is the
//! value; a token may instead be a response `header` (UniFi OS's `X-CSRF-Token`), which
//! an `[http] headers` entry naming `{token}` sends back (not with the login itself).
//! `token.initial` is the token before any login (OpenWrt's anonymous ubus session
//! `000...0`): pductl logs in only when it is refused. `token.refused` lists tokens that
//! mean the login was refused (a FRITZ!Box answers SID `0000000000000000`): exit 3, as is a
//! login the device answers 401 or an `[http] errors` entry with `auth = true`; a login
//! answer without a token is malformed (exit 5). `token.expired` is the device's answer to
//! a token that no longer holds (an HTTP `status`, a `pointer` with `values`, or a `text`
//! regex): pductl then logs in again, once per run, and sends the request again (the
//! device did not act on it). A login is never sent twice blindly (a challenge's answer
//! is good once, and a refused password is not tried again).
//!
//! `computed` names values filled per request from a template, through one function:
//! `md5`, `sha256` (hex digests of the filled text's UTF-8), `md5_utf16le` (of its
//! UTF-16LE), `fritz` (AVM's answer to a `login_sid.lua` challenge with the profile's
//! password: for `2$<it1>$<salt1>$<it2>$<salt2>`, `<salt2>$` and the hex PBKDF2-SHA256 of
//! the PBKDF2-SHA256 of the password; else `<challenge>-` and the MD5 of UTF-16LE
//! `<challenge>-<password>`). Their templates name `{user}`, `{password}`, `{token}`,
//! `{challenge}`, `{nonce}` (32 random hex digits, new for each request) and
//! `{timestamp}` (Unix seconds), which any HTTP template may name too. Meross signs each
//! request: `computed = { sign = { md5 = "{nonce}{password}{timestamp}" } }`.

use super::InBandError;
use crate::error::{Error, Result};
use md5::{Digest, Md5};
use serde::Deserialize;
use serde_json::Value;
use std::collections::BTreeMap;

/// `[http] challenge`: a request whose answer holds a value the login answers.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChallengeRequest {
    pub get: Option<String>,
    pub post: Option<String>,
    pub body: Option<String>,
    pub content_type: Option<String>,
    #[serde(default)]
    pub pointer: String,
    pub xml: Option<String>,
    pub text: Option<String>,
}

/// `[http] token`: where the login's answer holds the token, and what the device says of
/// one that is refused or expired.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Token {
    /// The response header that holds the token (UniFi OS's `X-CSRF-Token`), instead of
    /// the answer's body.
    pub header: Option<String>,
    #[serde(default)]
    pub pointer: String,
    pub xml: Option<String>,
    pub text: Option<String>,
    /// The token before any login (ubus's anonymous session).
    pub initial: Option<String>,
    /// Tokens that mean the login was refused.
    #[serde(default)]
    pub refused: Vec<String>,
    pub expired: Option<Expired>,
}

/// The device's answer to a token that no longer holds: any of the given tests.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Expired {
    pub status: Option<u16>,
    pub pointer: Option<String>,
    #[serde(default)]
    pub values: Vec<Value>,
    pub text: Option<String>,
}

/// One computed value: exactly one function of a template.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Computed {
    pub md5: Option<String>,
    pub md5_utf16le: Option<String>,
    pub sha256: Option<String>,
    pub fritz: Option<String>,
}

impl Computed {
    /// The function's name and its template (a checked file has exactly one).
    pub fn function(&self) -> Option<(&'static str, &str)> {
        let given = [
            ("md5", &self.md5),
            ("md5_utf16le", &self.md5_utf16le),
            ("sha256", &self.sha256),
            ("fritz", &self.fritz),
        ];
        let mut found = given
            .into_iter()
            .filter_map(|(name, t)| Some((name, t.as_deref()?)));
        let first = found.next();
        match found.next() {
            Some(_) => None,
            None => first,
        }
    }

    /// The value, from its template already filled (`filled`) and the profile's password.
    pub fn value(&self, filled: &str, password: &str) -> std::result::Result<String, String> {
        match self.function().map(|(name, _)| name) {
            Some("md5") => Ok(hex(&Md5::digest(filled.as_bytes()))),
            Some("md5_utf16le") => Ok(hex(&Md5::digest(utf16le(filled)))),
            Some("sha256") => Ok(hex(&sha2::Sha256::digest(filled.as_bytes()))),
            Some("fritz") => fritz_response(filled, password),
            _ => Err("a computed value names exactly one function".into()),
        }
    }
}

/// Variables every HTTP template may name, filled per request.
pub const PER_REQUEST: [&str; 2] = ["nonce", "timestamp"];

/// The per-request variables: a nonce of 32 hex digits and the Unix time in seconds.
pub fn per_request() -> [(&'static str, String); 2] {
    let nonce: [u8; 16] = rand::random();
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    [("nonce", hex(&nonce)), ("timestamp", seconds.to_string())]
}

/// Most PBKDF2 iterations a challenge may ask for (FRITZ!OS asks for about 10 000 and
/// 2 000): a device's number must not keep pductl busy for minutes.
const MAX_ITERATIONS: u32 = 1_000_000;

/// AVM's answer to a `login_sid.lua` challenge (see the module doc).
pub fn fritz_response(challenge: &str, password: &str) -> std::result::Result<String, String> {
    let challenge = challenge.trim();
    if let Some(rest) = challenge.strip_prefix("2$") {
        let parts: Vec<&str> = rest.split('$').collect();
        let [it1, salt1, it2, salt2] = parts.as_slice() else {
            return Err(format!(
                "a challenge \"{}\" that is not 2$<iterations>$<salt>$<iterations>$<salt>",
                crate::output::escape_line(challenge)
            ));
        };
        let iterations = |text: &str| {
            text.parse::<u32>()
                .ok()
                .filter(|n| (1..=MAX_ITERATIONS).contains(n))
                .ok_or_else(|| {
                    format!(
                        "a challenge asking for {} PBKDF2 iterations (1 to {MAX_ITERATIONS})",
                        crate::output::escape_line(text)
                    )
                })
        };
        let salt = |text: &str| {
            unhex(text).ok_or_else(|| {
                format!(
                    "a challenge salt \"{}\" that is not hex",
                    crate::output::escape_line(text)
                )
            })
        };
        let mut first = [0u8; 32];
        pbkdf2::pbkdf2_hmac::<sha2::Sha256>(
            password.as_bytes(),
            &salt(salt1)?,
            iterations(it1)?,
            &mut first,
        );
        let mut second = [0u8; 32];
        pbkdf2::pbkdf2_hmac::<sha2::Sha256>(&first, &salt(salt2)?, iterations(it2)?, &mut second);
        return Ok(format!("{salt2}${}", hex(&second)));
    }
    // The legacy answer: characters past Latin-1 become dots, as AVM specifies.
    let latin: String = password
        .chars()
        .map(|c| if u32::from(c) > 255 { '.' } else { c })
        .collect();
    let text = format!("{challenge}-{latin}");
    Ok(format!("{challenge}-{}", hex(&Md5::digest(utf16le(&text)))))
}

fn utf16le(text: &str) -> Vec<u8> {
    text.encode_utf16().flat_map(u16::to_le_bytes).collect()
}

/// Lower-case hex digits of `bytes`.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The bytes of a hex string (at most 1 KiB of them: a salt is a few bytes).
fn unhex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) || text.len() > 2048 {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok())
        .collect()
}

/// A value read from an answer: with `text`, group 1 of the regex's first match (or the
/// whole match); with `xml`, the element path `pointer` of the XML document of that
/// element; else the JSON `pointer`. `Ok(None)`: the answer does not hold it; `Err`: the
/// answer is not the document the file says.
pub fn capture(
    body: &[u8],
    pointer: &str,
    xml: Option<&str>,
    text: Option<&str>,
) -> std::result::Result<Option<String>, String> {
    if let Some(pattern) = text {
        let regex = super::session::compile(pattern)?;
        let body = &body[..body.len().min(super::text::MAX_TEXT_BYTES)];
        let Some(found) = regex.captures(body) else {
            return Ok(None);
        };
        let whole = found.get(1).or_else(|| found.get(0));
        return Ok(whole.map(|m| String::from_utf8_lossy(m.as_bytes()).trim().to_string()));
    }
    let doc = match xml {
        Some(root) => super::http::xml_document(body, root)?,
        None => serde_json::from_slice::<Value>(body)
            .map_err(|e| format!("something that is not JSON ({e})"))?,
    };
    Ok(match doc.pointer(pointer) {
        Some(Value::String(s)) if !s.is_empty() => Some(s.clone()),
        Some(Value::Number(n)) => Some(n.to_string()),
        _ => None,
    })
}

/// Whether an answer says its token expired.
pub fn is_expired(expired: &Expired, status: u16, body: &[u8]) -> bool {
    if expired.status == Some(status) {
        return true;
    }
    if let Some(pattern) = &expired.text {
        if super::text::error_match(pattern, body).is_some() {
            return true;
        }
    }
    let Some(pointer) = &expired.pointer else {
        return false;
    };
    let Ok(doc) = serde_json::from_slice::<Value>(body) else {
        return false;
    };
    let text = |v: &Value| v.as_str().map_or_else(|| v.to_string(), str::to_string);
    doc.pointer(pointer).is_some_and(|found| {
        expired.values.is_empty() || expired.values.iter().any(|v| text(v) == text(found))
    })
}

/// Whether an in-band error's value is one it names (`values`; none: any value).
pub fn error_value_matches(e: &InBandError, found: &Value) -> bool {
    let text = |v: &Value| v.as_str().map_or_else(|| v.to_string(), str::to_string);
    e.values.is_empty() || e.values.iter().any(|v| text(v) == text(found))
}

/// The names `[http]` gives templates besides pductl's own: `{nonce}`, `{timestamp}`,
/// `{token}` (with a token), `{challenge}` (with a challenge, in the login and computed
/// values) and each computed value.
pub fn http_variables(http: &super::HttpSection, in_login: bool) -> Vec<String> {
    let mut names: Vec<String> = PER_REQUEST.iter().map(|s| s.to_string()).collect();
    if http.token.is_some() && !in_login {
        names.push("token".into());
    }
    if http.challenge.is_some() && in_login {
        names.push("challenge".into());
    }
    names.extend(http.computed.keys().cloned());
    names
}

/// Checks `[http]`'s challenge, token and computed values: their reads, their templates'
/// variables, and that a token goes with auth scheme "token".
pub fn check(
    http: &super::HttpSection,
    scheme: &str,
    bad: &dyn Fn(&str, String) -> Error,
) -> Result<()> {
    let token_scheme = scheme == "token";
    match (&http.token, token_scheme) {
        (None, true) => {
            return Err(bad(
                "token",
                "auth scheme \"token\" needs [http] token = { pointer = ... } (where the \
                 login's answer holds it)"
                    .into(),
            ))
        }
        (Some(_), false) => {
            return Err(bad(
                "token =",
                "a token goes with auth scheme \"token\"".into(),
            ))
        }
        _ => {}
    }
    if http.challenge.is_some() && !token_scheme {
        return Err(bad(
            "challenge",
            "a challenge goes with auth scheme \"token\"".into(),
        ));
    }
    let reads = http
        .challenge
        .iter()
        .map(|c| {
            (
                "challenge",
                c.pointer.as_str(),
                c.xml.as_deref(),
                c.text.as_deref(),
            )
        })
        .chain(http.token.iter().filter(|t| t.header.is_none()).map(|t| {
            (
                "token",
                t.pointer.as_str(),
                t.xml.as_deref(),
                t.text.as_deref(),
            )
        }));
    for (what, pointer, xml, text) in reads {
        check_read(what, pointer, xml, text, bad)?;
    }
    if let Some(t) = http.token.as_ref() {
        if let Some(name) = &t.header {
            if reqwest::header::HeaderName::from_bytes(name.as_bytes()).is_err() {
                return Err(bad(name, format!("\"{name}\" is not an HTTP header name")));
            }
            if !t.pointer.is_empty() || t.xml.is_some() || t.text.is_some() {
                return Err(bad(
                    name,
                    "a token is read from a header or from the answer's body, not both".into(),
                ));
            }
        }
    }
    if let Some(expired) = http.token.as_ref().and_then(|t| t.expired.as_ref()) {
        let given = expired.status.is_some() || expired.pointer.is_some() || expired.text.is_some();
        if !given || (expired.pointer.is_none() && !expired.values.is_empty()) {
            return Err(bad(
                "expired",
                "token.expired is the device's answer to an expired token: status = 403, \
                 pointer = \"/error/code\" (with values = [...]), or text = 'regex'"
                    .into(),
            ));
        }
        if let Some(p) = &expired.pointer {
            super::check_pointer(p).map_err(|why| bad(p, why))?;
        }
        if let Some(t) = &expired.text {
            super::session::compile(t).map_err(|why| bad(t, format!("token.expired: {why}")))?;
        }
    }
    if let Some(c) = &http.challenge {
        let ((Some(path), None) | (None, Some(path))) = (&c.get, &c.post) else {
            return Err(bad("challenge", "the challenge is a get or a post".into()));
        };
        if c.body.is_some() && c.post.is_none() {
            return Err(bad("challenge", "a challenge with a body is a post".into()));
        }
        let allowed = ["user", "nonce", "timestamp"];
        for t in std::iter::once(path.as_str()).chain(c.body.as_deref()) {
            check_template(t, "the challenge", &allowed, bad)?;
        }
    }
    let mut computed_allowed = vec!["user", "password", "nonce", "timestamp"];
    if http.token.is_some() {
        computed_allowed.push("token");
    }
    if http.challenge.is_some() {
        computed_allowed.push("challenge");
    }
    for (name, c) in &http.computed {
        let Some((_, template)) = c.function() else {
            return Err(bad(
                name,
                format!(
                    "computed value {name} names exactly one function: md5, md5_utf16le, \
                     sha256 or fritz"
                ),
            ));
        };
        let builtin = [
            "n",
            "i",
            "id",
            "value",
            "user",
            "password",
            "token",
            "challenge",
        ];
        if builtin.contains(&name.as_str())
            || PER_REQUEST.contains(&name.as_str())
            || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        {
            return Err(bad(
                name,
                format!("computed value \"{name}\" needs a name of its own (letters, digits, _)"),
            ));
        }
        check_template(
            template,
            &format!("computed value {name}"),
            &computed_allowed,
            bad,
        )?;
    }
    Ok(())
}

/// A read of a value from an answer: a pointer (JSON, or with xml an element path), or a
/// text regex with no pointer.
fn check_read(
    what: &str,
    pointer: &str,
    xml: Option<&str>,
    text: Option<&str>,
    bad: &dyn Fn(&str, String) -> Error,
) -> Result<()> {
    match (text, xml) {
        (Some(pattern), None) if pointer.is_empty() => super::session::compile(pattern)
            .map(|_| ())
            .map_err(|why| bad(pattern, format!("{what}: {why}"))),
        (Some(pattern), _) => Err(bad(
            pattern,
            format!("{what} reads a text regex or a pointer, not both"),
        )),
        (None, xml) => {
            if let Some(root) = xml {
                super::check_xml_root(root).map_err(|why| bad(root, why))?;
            }
            if pointer.is_empty() {
                return Err(bad(
                    what,
                    format!(
                        "{what} says where its answer holds it: pointer = \"/...\" or text = '...'"
                    ),
                ));
            }
            super::check_pointer(pointer).map_err(|why| bad(pointer, why))
        }
    }
}

/// A template that names only pductl's `{n}`-style variables' absence: the given names.
fn check_template(
    template: &str,
    what: &str,
    allowed: &[&str],
    bad: &dyn Fn(&str, String) -> Error,
) -> Result<()> {
    let unknown = super::unknown_variables(template)
        .into_iter()
        .find(|v| !allowed.iter().any(|a| v == &format!("{{{a}}}")));
    match unknown {
        Some(unknown) => {
            let names: Vec<String> = allowed.iter().map(|a| format!("{{{a}}}")).collect();
            Err(bad(
                template,
                format!(
                    "{what} \"{template}\" names {unknown}, not one of {}",
                    names.join(", ")
                ),
            ))
        }
        None => Ok(()),
    }
}

/// The computed values for one request, from the variables already known (raw text).
pub fn computed_values(
    computed: &BTreeMap<String, Computed>,
    known: &[(&str, String)],
    password: &str,
) -> Result<Vec<(String, String)>> {
    let mut out = Vec::new();
    for (name, c) in computed {
        let Some((_, template)) = c.function() else {
            continue;
        };
        let filled = super::fill(template, 0, 0, None, super::Filling::Text, known);
        let value = c
            .value(&filled, password)
            .map_err(|why| Error::BadResponse(format!("the device sent {why}")))?;
        out.push((name.clone(), value));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// AVM's published examples: the PBKDF2 answer to `2$10000$5A1711$2000$5A1722` with
    /// the password `1example!`, and the MD5 answer to `1234567z` with `äbc`.
    #[test]
    fn fritz_answers_both_challenge_kinds() {
        assert_eq!(
            fritz_response("2$10000$5A1711$2000$5A1722", "1example!").unwrap(),
            "5A1722$1798a1672bca7c6463d6b245f82b53703b0f50813401b03e4045a5861e689adb"
        );
        assert_eq!(
            fritz_response("1234567z", "äbc").unwrap(),
            "1234567z-9e224a41eeefa284df7bb0f26c2913e2"
        );
        for bad in [
            "2$x$5A$2000$5A",
            "2$10000$5G$2000$5A",
            "2$0$5A$1$5A",
            "2$1$2",
        ] {
            assert!(fritz_response(bad, "p").is_err(), "{bad}");
        }
        assert!(fritz_response("2$4294967295$00$1$00", "p")
            .unwrap_err()
            .contains("iterations"));
    }

    #[test]
    fn computed_values_fill_then_hash() {
        let c = Computed {
            md5: Some("{nonce}{password}{timestamp}".into()),
            md5_utf16le: None,
            sha256: None,
            fritz: None,
        };
        let known = [
            ("nonce", "abc".to_string()),
            ("password", "key".to_string()),
            ("timestamp", "1".to_string()),
        ];
        let map = BTreeMap::from([("sign".to_string(), c)]);
        let values = computed_values(&map, &known, "key").unwrap();
        assert_eq!(values[0].1, hex(&Md5::digest(b"abckey1")));
        let [(_, nonce), (_, seconds)] = per_request();
        assert_eq!(nonce.len(), 32);
        assert!(seconds.parse::<u64>().unwrap() > 1_600_000_000);
    }

    /// `pductl drivers check` names each mistake in the new keys with file:line:col.
    #[test]
    fn mistakes_in_logins_and_request_shapes_are_named() {
        let fritz = include_str!("../../drivers/fritzdect.toml");
        let ubus = include_str!("../../drivers/ubus-poe.toml");
        let hue = include_str!("../../drivers/hue.toml");
        let sonoff = include_str!("../../drivers/sonoff-diy.toml");
        let unifi_os = include_str!("../../drivers/unifi-os-smartpower.toml");
        let eg = include_str!("../../drivers/eg-pms2-http.toml");
        let cases: &[(&str, &str, &str, &str)] = &[
            (eg, "logout = { get = \"/login.html\" }", "logout = { get = \"/login.html?pw={password}\" }", "names {password}"),
            (eg, "logout = { get = \"/login.html\" }", "logout = { body = \"x\" }", "one of get, put, post, patch"),
            (hue, "auth = { scheme = \"query\" }", "auth = { scheme = \"query\" }\nlogout = { get = \"/x\" }", "goes with a login"),
            (unifi_os, "header = \"X-CSRF-Token\"", "header = \"X-CSRF-Token\", pointer = \"/x\"", "a header or from the answer's body"),
            (unifi_os, "header = \"X-CSRF-Token\"", "header = \"CSRF Token\"", "not an HTTP header name"),
            (unifi_os, "cookie = \"TOKEN\"", "cookie = \"TOKEN\"\nsession_cookie = \"x\"", "not both"),
            (unifi_os, "cookie = \"TOKEN\"", "cookie = \"TO KEN\"", "not a cookie name"),
            (hue, "auth = { scheme = \"query\" }", "auth = { scheme = \"query\" }\ntoken = { pointer = \"/x\" }", "goes with auth scheme \"token\""),
            (fritz, "token = { xml", "tokens = { xml", "tokens"),
            (fritz, "{ fritz = \"{challenge}\" }", "{ fritz = \"{challenge}\", md5 = \"x\" }", "exactly one function"),
            (fritz, "{ fritz = \"{challenge}\" }", "{ fritz = \"{nothing}\" }", "names {nothing}"),
            (fritz, "computed = { response =", "computed = { token =", "a name of its own"),
            (fritz, "pointer = \"/SID\"", "pointer = \"SID\"", "not a JSON pointer"),
            (fritz, "pointer = \"/Challenge\"", "text = '('", "not both"),
            (fritz, "expired = { status = 403 }", "expired = { values = [1] }", "token.expired"),
            (fritz, "response={response}", "response={token}", "names {token}"),
            (
                hue,
                "name.read = {",
                "name.list = { each = { get = \"/x\" } }\nname.read = {",
                "name.list",
            ),
            (fritz, "each = { get = \"/webservices/homeautoswitch.lua?switchcmd=getswitchstate", "get = \"/x\", each = { get = \"/webservices/homeautoswitch.lua?switchcmd=getswitchstate", "ids goes with each"),
            (ubus, "initial = ", "initial = \"x\", refused = [], bogus = ", "bogus"),
            (ubus, "list = { post = \"/ubus\"", "list = { get = \"/x\", post = \"/ubus\"", "a get or a post, not both"),
            (ubus, "members = \"/result/1/ports\"", "members = \"/result/1/ports\", items = \"/x\"", "exactly one of items, keys, members"),
            (ubus, "\"{token}\", \"poe\", \"info\"", "\"{sid}\", \"poe\", \"info\"", "names {sid}"),
            (hue, "{ pointer = \"/0/error/type\", values = [1]", "{ text = 'x', values = [1]", "values go with its pointer"),
            (hue, "auth = { scheme = \"query\" }", "auth = { scheme = \"cookie\" }", "basic-or-digest"),
            (sonoff, "keys = \"data\"", "keys = \"data\", plain = true", "plain reads each"),
            (sonoff, "list = { post = \"/zeroconf/info\"", "list = { headers = { \"Bad Name\" = \"x\" }, post = \"/zeroconf/info\"", "not a header"),
            (sonoff, "list = { post = \"/zeroconf/info\"", "list = { get = \"/zeroconf/info\"", "go with post"),
        ];
        for (text, from, to, why) in cases {
            let e = super::super::check_error_of("d.toml", text, from, to);
            assert!(e.contains(why), "{to}: {e}");
        }
    }

    #[test]
    fn values_are_read_from_json_xml_or_text() {
        let json = br#"{"result":[0,{"ubus_rpc_session":"c0ffee"}]}"#;
        assert_eq!(
            capture(json, "/result/1/ubus_rpc_session", None, None).unwrap(),
            Some("c0ffee".into())
        );
        assert_eq!(
            capture(br#"{"result":[6]}"#, "/result/1/x", None, None).unwrap(),
            None
        );
        assert!(capture(b"<html>", "/x", None, None).is_err());
        let xml = b"<SessionInfo><SID>ab12</SID><Challenge>c</Challenge></SessionInfo>";
        assert_eq!(
            capture(xml, "/SID", Some("SessionInfo"), None).unwrap(),
            Some("ab12".into())
        );
        assert_eq!(
            capture(b"sid=77;", "", None, Some("sid=(\\d+)")).unwrap(),
            Some("77".into())
        );
    }
}
