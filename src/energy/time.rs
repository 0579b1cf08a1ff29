//! Durations (`60s`, `5m`, `200ms`, `0.2s`, `400d`, `1h30m`) and points in time (RFC 3339,
//! `now`, or a duration ago) as `record` and `energy` take them, and the RFC 3339 form
//! their output uses. Times are milliseconds since 1970 (UTC), as the store keeps them.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Longest duration taken anywhere (`--keep 100y` is not a thing): 100 years of days.
const MAX_DURATION_S: f64 = 100.0 * 366.0 * 86_400.0;

/// Milliseconds since 1970 now.
pub fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as i64)
}

/// Seconds in one of the units a duration takes.
fn unit_seconds(unit: &str) -> Option<f64> {
    Some(match unit {
        "ms" => 0.001,
        "s" => 1.0,
        "m" | "min" => 60.0,
        "h" => 3600.0,
        "d" => 86_400.0,
        "w" => 7.0 * 86_400.0,
        _ => return None,
    })
}

/// A duration: numbers each followed by a unit (`ms`, `s`, `m`, `h`, `d`, `w`), added up:
/// `60s`, `5m`, `200ms`, `0.2s`, `1h30m`. A bare number is refused: `--keep 400` could mean
/// seconds or days, and guessing wrong prunes a year of samples.
pub fn parse_duration(text: &str) -> Result<Duration, String> {
    let t = text.trim();
    let bad = |why: &str| {
        format!("'{text}' is not a duration ({why}): give a number and a unit, as in 60s, 5m, 200ms, 0.2s, 4h, 400d")
    };
    if t.is_empty() {
        return Err(bad("it is empty"));
    }
    let mut total = 0.0;
    let mut rest = t;
    while !rest.is_empty() {
        let number_end = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(rest.len());
        if number_end == 0 {
            return Err(bad("a unit without a number"));
        }
        let number: f64 = rest[..number_end]
            .parse()
            .map_err(|_| bad("the number does not read"))?;
        rest = &rest[number_end..];
        let unit_end = rest
            .find(|c: char| !c.is_ascii_alphabetic())
            .unwrap_or(rest.len());
        if unit_end == 0 {
            return Err(bad("no unit"));
        }
        let seconds = unit_seconds(&rest[..unit_end])
            .ok_or_else(|| bad(&format!("'{}' is not a unit", &rest[..unit_end])))?;
        total += number * seconds;
        rest = &rest[unit_end..];
    }
    if !(total.is_finite() && total > 0.0) {
        return Err(bad("it must be longer than nothing"));
    }
    if total > MAX_DURATION_S {
        return Err(bad("it is longer than a century"));
    }
    if total < 0.001 {
        return Err(bad("it is shorter than a millisecond"));
    }
    Ok(Duration::from_secs_f64(total))
}

/// How a duration reads back: `90m` -> `1h30m`, `0.2s` -> `200ms`, `86400s` -> `24h` (hours
/// stay hours: windows of a day or more are rarer than `24h`).
pub fn format_duration(d: Duration) -> String {
    let ms = d.as_millis();
    if ms == 0 {
        return "0s".into();
    }
    if !ms.is_multiple_of(1000) {
        return match ms >= 1000 {
            true => format!("{}s", d.as_secs_f64()),
            false => format!("{ms}ms"),
        };
    }
    let mut s = ms / 1000;
    let mut out = String::new();
    for (unit, size) in [("h", 3600), ("m", 60), ("s", 1)] {
        if s >= size {
            out.push_str(&format!("{}{unit}", s / size));
            s %= size;
        }
    }
    out
}

/// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm).
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let m = month as i64;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + day as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The civil date of a day count since 1970-01-01.
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(month <= 2), month, day)
}

/// `2026-03-01T12:00:00.250Z`, `2026-03-01 12:00:00+01:00`: RFC 3339 (a space for the `T`
/// is allowed, as RFC 3339 itself allows), to milliseconds since 1970.
pub fn parse_rfc3339(text: &str) -> Option<i64> {
    let t = text.trim().as_bytes();
    let digits = |from: usize, n: usize| -> Option<i64> {
        let part = t.get(from..from + n)?;
        part.iter()
            .all(u8::is_ascii_digit)
            .then(|| std::str::from_utf8(part).ok()?.parse().ok())?
    };
    let year = digits(0, 4)?;
    let month = digits(5, 2)? as u32;
    let day = digits(8, 2)? as u32;
    let (hour, minute, second) = (digits(11, 2)?, digits(14, 2)?, digits(17, 2)?);
    if t.get(4) != Some(&b'-')
        || t.get(7) != Some(&b'-')
        || !matches!(t.get(10), Some(b'T' | b't' | b' '))
        || t.get(13) != Some(&b':')
        || t.get(16) != Some(&b':')
    {
        return None;
    }
    let month_days = [
        31,
        28 + u32::from(is_leap(year)),
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    if !(1..=12).contains(&month)
        || day == 0
        || day > month_days[month as usize - 1]
        || hour > 23
        || minute > 59
        || second > 60
    {
        return None;
    }
    let mut i = 19;
    let mut millis = 0i64;
    if t.get(i) == Some(&b'.') {
        let start = i + 1;
        i = start;
        while t.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        if i == start {
            return None;
        }
        let frac = std::str::from_utf8(&t[start..i.min(start + 3)]).ok()?;
        millis = format!("{frac:0<3}").parse().ok()?;
    }
    let offset_s = match t.get(i) {
        Some(b'Z' | b'z') if t.len() == i + 1 => 0,
        Some(sign @ (b'+' | b'-')) if t.len() == i + 6 && t[i + 3] == b':' => {
            let (h, m) = (digits(i + 1, 2)?, digits(i + 4, 2)?);
            if h > 23 || m > 59 {
                return None;
            }
            let s = h * 3600 + m * 60;
            if *sign == b'-' {
                -s
            } else {
                s
            }
        }
        _ => return None,
    };
    let days = days_from_civil(year, month, day);
    let seconds = days * 86_400 + hour * 3600 + minute * 60 + second.min(59) - offset_s;
    Some(seconds * 1000 + millis)
}

fn is_leap(year: i64) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// `2026-03-01T12:00:00.250Z`: milliseconds since 1970 as RFC 3339 in UTC, with the
/// milliseconds only where there are some.
pub fn format_rfc3339(ms: i64) -> String {
    let secs = ms.div_euclid(1000);
    let millis = ms.rem_euclid(1000);
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    let (year, month, day) = civil_from_days(days);
    let clock = format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}",
        rem / 3600,
        (rem % 3600) / 60,
        rem % 60
    );
    match millis {
        0 => format!("{clock}Z"),
        m => format!("{clock}.{m:03}Z"),
    }
}

/// A point in time as `--since` and `--until` take it: `now`, RFC 3339, or a duration ago
/// (`2h`: two hours before `now_ms`).
pub fn parse_time(text: &str, now_ms: i64) -> Result<i64, String> {
    let t = text.trim();
    if t.eq_ignore_ascii_case("now") {
        return Ok(now_ms);
    }
    if let Some(ms) = parse_rfc3339(t) {
        return Ok(ms);
    }
    if let Ok(ago) = parse_duration(t) {
        return Ok(now_ms - ago.as_millis() as i64);
    }
    Err(format!(
        "'{text}' is not a time: give RFC 3339 (2026-03-01T12:00:00Z, \
         2026-03-01T13:00:00+01:00), a duration ago (2h, 90m) or now"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_as_the_issue_writes_them() {
        let ms = |t: &str| parse_duration(t).unwrap().as_millis();
        assert_eq!(ms("60s"), 60_000);
        assert_eq!(ms("5m"), 300_000);
        assert_eq!(ms("200ms"), 200);
        assert_eq!(ms("0.2s"), 200);
        assert_eq!(ms("400d"), 400 * 86_400_000);
        assert_eq!(ms("12w"), 12 * 7 * 86_400_000);
        assert_eq!(ms("90m"), 5_400_000);
        assert_eq!(ms("1h30m"), 5_400_000);
        assert_eq!(ms(" 4s "), 4000);
        for bad in [
            "", "400", "5 m", "m", "5x", "-5m", "0s", "1.2.3s", "0.1ms", "200y",
        ] {
            assert!(parse_duration(bad).is_err(), "{bad:?} is refused");
        }
        assert!(parse_duration("400").unwrap_err().contains("unit"));
    }

    #[test]
    fn durations_read_back() {
        let f = |t: &str| format_duration(parse_duration(t).unwrap());
        assert_eq!(f("1h"), "1h");
        assert_eq!(f("24h"), "24h");
        assert_eq!(f("90m"), "1h30m");
        assert_eq!(f("4s"), "4s");
        assert_eq!(f("200ms"), "200ms");
        assert_eq!(f("1.5s"), "1.5s");
        assert_eq!(f("7d"), "168h");
    }

    #[test]
    fn rfc3339_both_ways() {
        assert_eq!(parse_rfc3339("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(
            parse_rfc3339("2018-08-15T18:44:28+00:00"),
            Some(1_534_358_668_000)
        );
        assert_eq!(
            parse_rfc3339("2018-08-15T20:44:28.5+02:00"),
            Some(1_534_358_668_500)
        );
        assert_eq!(
            parse_rfc3339("2018-08-15 18:44:28.123456z"),
            Some(1_534_358_668_123)
        );
        assert_eq!(parse_rfc3339("2000-02-29T00:00:00Z"), Some(951_782_400_000));
        assert_eq!(parse_rfc3339("1969-12-31T23:59:59-00:00"), Some(-1000));
        for bad in [
            "2018-08-15T18:44:28",
            "2018-08-15",
            "2018-02-30T00:00:00Z",
            "2019-02-29T00:00:00Z",
            "2018-08-15T24:00:00Z",
            "2018-08-15T18:44:28+0200",
            "2018-08-15T18:44:28.Z",
            "2018-08-15T18:44:28Zjunk",
        ] {
            assert_eq!(parse_rfc3339(bad), None, "{bad}");
        }
        for ms in [
            0,
            1_534_358_668_000,
            1_534_358_668_250,
            951_782_400_000,
            4_102_444_800_001,
        ] {
            assert_eq!(parse_rfc3339(&format_rfc3339(ms)), Some(ms));
        }
        assert_eq!(
            format_rfc3339(1_534_358_668_250),
            "2018-08-15T18:44:28.250Z"
        );
    }

    #[test]
    fn times_now_ago_and_absolute() {
        let now = 1_800_000_000_000;
        assert_eq!(parse_time("now", now), Ok(now));
        assert_eq!(parse_time("2h", now), Ok(now - 7_200_000));
        assert_eq!(parse_time("1970-01-01T00:00:01Z", now), Ok(1000));
        assert!(parse_time("yesterday", now).is_err());
        assert!(parse_time("2026-13-01T00:00:00Z", now).is_err());
    }
}
