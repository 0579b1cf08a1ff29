//! Reading `WWW-Authenticate` challenges as devices really send them. RFC 7235 makes the
//! scheme and parameter names case-insensitive, and devices use that freedom: a DLI LPC9
//! answers `DIGEST realm="DLI LPC92601002528", nonce="NZAeQHhoCNifFjFa"` (upper-case scheme,
//! no qop, so the answer is RFC 2069's), other DLI firmware offers `qop="auth,auth-int"`.
//! The digest arithmetic is the `digest_auth` crate's; this file only turns whatever the
//! device sent into the challenge that crate answers.

use digest_auth::{Algorithm, AlgorithmType, Charset, Qop, WwwAuthenticateHeader};

/// One challenge: the scheme in lower case and its parameters, names in lower case.
#[derive(Debug, Clone, PartialEq)]
pub struct Challenge {
    pub scheme: String,
    pub params: Vec<(String, String)>,
}

impl Challenge {
    fn param(&self, name: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// Splits one header value into its challenges. Several may share a value, separated by
/// commas (`Basic realm="a", Digest realm="b", nonce="c"`); a token followed by `=` is a
/// parameter of the current challenge, any other token starts a new one.
pub fn parse(value: &str) -> Vec<Challenge> {
    let chars: Vec<char> = value.chars().collect();
    let mut challenges: Vec<Challenge> = Vec::new();
    let mut i = 0;
    let skip = |i: &mut usize, what: &dyn Fn(char) -> bool| {
        while *i < chars.len() && what(chars[*i]) {
            *i += 1;
        }
    };
    while i < chars.len() {
        skip(&mut i, &|c| c == ',' || c.is_whitespace());
        let start = i;
        skip(&mut i, &|c| !(c == ',' || c == '=' || c.is_whitespace()));
        if i == start {
            // A stray '=' (token68 padding): nothing to learn from it.
            i += 1;
            continue;
        }
        let token: String = chars[start..i].iter().collect();
        let mut after = i;
        skip(&mut after, &|c| c == ' ' || c == '\t');
        let is_param = after < chars.len() && chars[after] == '=' && !challenges.is_empty();
        if !is_param {
            challenges.push(Challenge {
                scheme: token.to_ascii_lowercase(),
                params: Vec::new(),
            });
            continue;
        }
        i = after + 1;
        skip(&mut i, &|c| c == ' ' || c == '\t');
        let mut value = String::new();
        if i < chars.len() && chars[i] == '"' {
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                if chars[i] == '\\' && i + 1 < chars.len() {
                    i += 1;
                }
                value.push(chars[i]);
                i += 1;
            }
            i += 1; // the closing quote
        } else {
            let start = i;
            skip(&mut i, &|c| !(c == ',' || c.is_whitespace()));
            value = chars[start..i].iter().collect();
        }
        if let Some(current) = challenges.last_mut() {
            current.params.push((token.to_ascii_lowercase(), value));
        }
    }
    challenges
}

/// The first Digest challenge among `values` that pductl can answer: MD5 or SHA-256, with
/// no qop (RFC 2069), or with `auth` (preferred) or `auth-int` among the offered ones.
pub fn digest<'a>(values: impl IntoIterator<Item = &'a str>) -> Option<WwwAuthenticateHeader> {
    values
        .into_iter()
        .flat_map(parse)
        .filter(|c| c.scheme == "digest")
        .find_map(|c| answerable(&c))
}

fn answerable(c: &Challenge) -> Option<WwwAuthenticateHeader> {
    let algorithm = match c.param("algorithm").map(str::to_ascii_uppercase).as_deref() {
        None | Some("MD5") => Algorithm::new(AlgorithmType::MD5, false),
        Some("MD5-SESS") => Algorithm::new(AlgorithmType::MD5, true),
        Some("SHA-256") => Algorithm::new(AlgorithmType::SHA2_256, false),
        Some("SHA-256-SESS") => Algorithm::new(AlgorithmType::SHA2_256, true),
        Some("SHA-512-256") => Algorithm::new(AlgorithmType::SHA2_512_256, false),
        Some("SHA-512-256-SESS") => Algorithm::new(AlgorithmType::SHA2_512_256, true),
        Some(_) => return None,
    };
    let qop = match c.param("qop") {
        None => None,
        Some(list) => {
            let offered: Vec<String> = list
                .split(',')
                .map(|q| q.trim().to_ascii_lowercase())
                .filter(|q| !q.is_empty())
                .collect();
            if offered.is_empty() {
                None
            } else if offered.iter().any(|q| q == "auth") {
                Some(vec![Qop::AUTH])
            } else if offered.iter().any(|q| q == "auth-int") {
                Some(vec![Qop::AUTH_INT])
            } else {
                return None;
            }
        }
    };
    let flag = |name| {
        c.param(name)
            .is_some_and(|v| v.eq_ignore_ascii_case("true"))
    };
    Some(WwwAuthenticateHeader {
        domain: c
            .param("domain")
            .map(|d| d.split_whitespace().map(str::to_string).collect()),
        realm: c.param("realm")?.to_string(),
        nonce: c.param("nonce")?.to_string(),
        opaque: c.param("opaque").map(str::to_string),
        stale: flag("stale"),
        algorithm,
        qop,
        userhash: flag("userhash"),
        charset: match c.param("charset") {
            Some(v) if v.eq_ignore_ascii_case("utf-8") => Charset::UTF8,
            _ => Charset::ASCII,
        },
        nc: 0,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn reads_the_lpc9_challenge() {
        // Captured from a live DLI LPC9 (icholy/digest issue 16).
        let c = digest([r#"DIGEST realm="DLI LPC92601002528", nonce="NZAeQHhoCNifFjFa""#]).unwrap();
        assert_eq!(c.realm, "DLI LPC92601002528");
        assert_eq!(c.nonce, "NZAeQHhoCNifFjFa");
        assert_eq!(c.qop, None);
        assert_eq!(c.opaque, None);
        assert_eq!(c.algorithm, Algorithm::new(AlgorithmType::MD5, false));
    }

    #[test]
    fn prefers_auth_when_auth_int_is_offered_too() {
        let c = digest([
            r#"Digest realm="DLI Controller", qop="auth,auth-int", algorithm=MD5, nonce="abc", opaque="0f""#,
        ])
        .unwrap();
        assert_eq!(c.qop, Some(vec![Qop::AUTH]));
        assert_eq!(c.opaque.as_deref(), Some("0f"));
    }

    #[test]
    fn names_and_values_in_any_case_and_several_challenges_in_one_value() {
        let c = digest([
            r#"Basic realm="x", dIgEsT Realm="r", NONCE=n1, QOP="Auth", Algorithm=md5, Stale=TRUE"#,
        ])
        .unwrap();
        assert_eq!((c.realm.as_str(), c.nonce.as_str()), ("r", "n1"));
        assert_eq!(c.qop, Some(vec![Qop::AUTH]));
        assert!(c.stale);
    }

    #[test]
    fn what_cannot_be_answered_is_skipped() {
        assert!(digest([r#"Basic realm="x""#]).is_none());
        assert!(digest([r#"Digest nonce="n""#]).is_none(), "no realm");
        assert!(digest([r#"Digest realm="r", nonce="n", algorithm=SHA-1""#]).is_none());
        assert!(digest([r#"Digest realm="r", nonce="n", qop="bogus""#]).is_none());
        // ...but a later answerable one is found.
        let c = digest([
            r#"Digest realm="r", nonce="n", algorithm=FOO"#,
            r#"Digest realm="r2", nonce="n2""#,
        ])
        .unwrap();
        assert_eq!(c.realm, "r2");
    }

    #[test]
    fn quoted_strings_keep_commas_and_escapes() {
        let c = &parse(r#"Digest realm="a, \"b\"", nonce="x""#)[0];
        assert_eq!(c.param("realm"), Some(r#"a, "b""#));
        assert_eq!(c.param("nonce"), Some("x"));
    }

    proptest! {
        #[test]
        fn never_panics_on_junk(s in ".{0,200}") {
            let _ = parse(&s);
            let _ = digest([s.as_str()]);
        }
    }
}
