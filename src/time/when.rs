//! Reading the WHEN people type: `pm timeline add --at WHEN`, `pm new --started WHEN`.

use chrono::{
    DateTime, Duration, FixedOffset, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, Offset,
    TimeZone,
};
use chrono_tz::Tz;

use super::format::format_local;
use super::meridiem::Meridiem;
use super::zone::{
    Zone, ambiguous_abbreviation, parse_offset, parse_zone, utc_plus, zone_abbreviation_offset,
};
use crate::text;

/// Why a WHEN, or a zone name, could not be turned into an instant.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub(crate) enum WhenError {
    #[error(
        "cannot read `{input}` as a time; use `now`, `HH:MM`, `YYYY-MM-DD HH:MM`, an RFC 3339 \
         time like `2026-11-20T14:05:00Z`, or a relative time like `-15m` or `2h ago`; a zone \
         may follow, like `UTC`, `+01:00`, `CET` or `Europe/Copenhagen`"
    )]
    Unrecognized { input: String },
    #[error(
        "unknown time zone `{zone}`; give an offset like `+01:00` or an IANA name like \
         `Europe/Copenhagen`"
    )]
    UnknownZone { zone: String },
    #[error("the zone `{abbr}` is ambiguous ({meanings}); give an offset like `+05:30` instead")]
    AmbiguousAbbreviation {
        abbr: String,
        meanings: &'static str,
    },
    #[error(
        "`{local}` happens twice in `{zone}` because clocks fall back: first at {earlier}, then \
         at {later}; add the offset you mean, like `{local} {earlier}`"
    )]
    Ambiguous {
        local: String,
        zone: String,
        earlier: FixedOffset,
        later: FixedOffset,
    },
    #[error(
        "`{local}` does not exist in `{zone}` because clocks spring forward over it; give a time \
         outside the gap, or an offset"
    )]
    Nonexistent { local: String, zone: String },
    #[error("`{text}` is not a valid {what}")]
    Invalid { text: String, what: &'static str },
    #[error("`{input}` is out of range")]
    OutOfRange { input: String },
}

/// Read WHEN: `now`, an RFC 3339 time, `HH:MM[:SS]` (today), `YYYY-MM-DD HH:MM[:SS]` (also with
/// `T`), either followed by an optional zone, or a relative time in the past (`-15m`, `2h ago`).
///
/// A time without a zone is local to `zone`. A time with a zone but no date is taken on the
/// date it has in that zone at `now`, so `23:00 UTC` typed just after midnight in Copenhagen is
/// still the UTC evening that just passed. The result keeps the offset it was written in (the
/// zone's offset for local times, now's offset for `now` and relative times).
pub(crate) fn parse_when(
    input: &str,
    now: DateTime<FixedOffset>,
    zone: Tz,
) -> Result<DateTime<FixedOffset>, WhenError> {
    let text = input.trim();
    if text.eq_ignore_ascii_case("now") {
        return Ok(now);
    }
    if let Some(ago) = parse_relative(text) {
        let out_of_range = || WhenError::OutOfRange {
            input: text.to_string(),
        };
        return now.checked_sub_signed(ago).ok_or_else(out_of_range);
    }
    if let Ok(at) = DateTime::parse_from_rfc3339(text) {
        return Ok(at);
    }
    let unrecognized = || WhenError::Unrecognized {
        input: text.to_string(),
    };
    let split = split_date_time(text)?.ok_or_else(unrecognized)?;
    let shown = text::before(text, text.len() - split.rest.len());
    let (time, rest) = apply_meridiem(split.time, split.rest, shown)?;
    let zone = parse_zone_suffix(rest, text)?.unwrap_or(Zone::Named(zone));
    let date = match split.date {
        Some(date) => date,
        None => zone.date_of(now),
    };
    let local = date.and_time(time);
    match zone {
        Zone::Fixed(offset) => {
            offset
                .from_local_datetime(&local)
                .single()
                .ok_or_else(|| WhenError::OutOfRange {
                    input: text.to_string(),
                })
        }
        Zone::Named(tz) => localize(tz, &local),
    }
}

/// Place a local time in an IANA zone, refusing the times that daylight saving time makes
/// ambiguous or skips: guessing would put a timeline entry an hour off.
fn localize(tz: Tz, local: &NaiveDateTime) -> Result<DateTime<FixedOffset>, WhenError> {
    let shown = || format_local(local);
    match tz.from_local_datetime(local) {
        LocalResult::Single(at) => Ok(at.fixed_offset()),
        LocalResult::Ambiguous(earlier, later) => Err(WhenError::Ambiguous {
            local: shown(),
            zone: tz.name().to_string(),
            earlier: earlier.offset().fix(),
            later: later.offset().fix(),
        }),
        LocalResult::None => Err(WhenError::Nonexistent {
            local: shown(),
            zone: tz.name().to_string(),
        }),
    }
}

/// A relative time in the past: `-15m`, `-1h30m`, `15m ago`, `15 min ago`, `2 hours ago`.
/// `None` when `text` does not have that shape. A duration too long to add up is
/// [`Duration::MAX`], which no date can go back by, so the caller reports it as out of range.
fn parse_relative(text: &str) -> Option<Duration> {
    let body = if let Some(rest) = text.strip_prefix('-') {
        rest
    } else {
        let cut = text.len().checked_sub(3)?;
        if !text.is_char_boundary(cut) || !text::after(text, cut).eq_ignore_ascii_case("ago") {
            return None;
        }
        text::before(text, cut)
    };
    let mut rest = body.trim();
    if rest.is_empty() {
        return None;
    }
    let mut total: Option<i64> = Some(0);
    while !rest.is_empty() {
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            return None;
        }
        let number = text::before(rest, digits).parse::<i64>().ok();
        rest = text::after(rest, digits).trim_start();
        let letters = rest.bytes().take_while(u8::is_ascii_alphabetic).count();
        let unit = unit_seconds(text::before(rest, letters))?;
        rest = text::after(rest, letters).trim_start_matches([' ', ',']);
        total = total
            .zip(number)
            .and_then(|(sum, n)| n.checked_mul(unit)?.checked_add(sum));
    }
    Some(
        total
            .and_then(Duration::try_seconds)
            .unwrap_or(Duration::MAX),
    )
}

/// Seconds in one of a relative time's units, named the ways people type them.
fn unit_seconds(unit: &str) -> Option<i64> {
    const UNITS: &[(&[&str], i64)] = &[
        (&["s", "sec", "secs", "second", "seconds"], 1),
        (&["m", "min", "mins", "minute", "minutes"], 60),
        (&["h", "hr", "hrs", "hour", "hours"], 3600),
        (&["d", "day", "days"], 86_400),
    ];
    UNITS
        .iter()
        .find(|(names, _)| names.iter().any(|name| name.eq_ignore_ascii_case(unit)))
        .map(|&(_, seconds)| seconds)
}

/// Split `[YYYY-MM-DD( |T)]H:MM[:SS]` off the front of `text`, returning the rest unparsed.
/// `Ok(None)` when `text` does not start that way.
fn split_date_time(text: &str) -> Result<Option<Split<'_>>, WhenError> {
    let bytes = text.as_bytes();
    let digits = |from: usize| {
        bytes
            .get(from..)
            .unwrap_or_default()
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count()
    };
    let mut date = None;
    let mut i = 0;
    if digits(0) == 4 && bytes.get(4) == Some(&b'-') {
        let Some(date_text) = text.get(..10).filter(|_| digits(5) == 2 && digits(8) == 2) else {
            return Ok(None);
        };
        date = Some(
            NaiveDate::parse_from_str(date_text, "%Y-%m-%d").map_err(|_| WhenError::Invalid {
                text: date_text.to_string(),
                what: "date",
            })?,
        );
        i = 10;
        let spaces = bytes[i..]
            .iter()
            .take_while(|b| b.is_ascii_whitespace())
            .count();
        if matches!(bytes.get(i), Some(b'T' | b't')) {
            i += 1;
        } else if spaces > 0 {
            i += spaces;
        } else {
            return Ok(None);
        }
    }
    let start = i;
    let hour_len = digits(i);
    if !(1..=2).contains(&hour_len) || bytes.get(i + hour_len) != Some(&b':') {
        return Ok(None);
    }
    i += hour_len + 1;
    if digits(i) != 2 {
        return Ok(None);
    }
    i += 2;
    if bytes.get(i) == Some(&b':') {
        if digits(i + 1) != 2 {
            return Ok(None);
        }
        i += 3;
    }
    if digits(i) > 0 {
        return Ok(None);
    }
    Ok(Some(Split {
        date,
        time: text::slice(text, start..i),
        rest: text::after(text, i),
    }))
}

/// A WHEN cut into its date, its `H:MM[:SS]` text (checked once any `am`/`pm` is known), and
/// what follows.
struct Split<'a> {
    date: Option<NaiveDate>,
    time: &'a str,
    rest: &'a str,
}

/// Read an optional `am`/`pm` after the time and turn the time into a [`NaiveTime`].
fn apply_meridiem<'a>(
    time: &str,
    rest: &'a str,
    shown: &str,
) -> Result<(NaiveTime, &'a str), WhenError> {
    let invalid = || WhenError::Invalid {
        text: shown.trim().to_string(),
        what: "time of day",
    };
    let mut parts = time.split(':').map(str::parse::<u32>);
    let (Some(Ok(mut hour)), Some(Ok(minute))) = (parts.next(), parts.next()) else {
        return Err(invalid());
    };
    let second = parts.next().and_then(Result::ok).unwrap_or(0);
    let trimmed = rest.trim_start();
    let word_len = trimmed.bytes().take_while(u8::is_ascii_alphabetic).count();
    let mut rest = rest;
    if let Some(meridiem) = Meridiem::from_word(text::before(trimmed, word_len)) {
        hour = meridiem.hour_of_day(hour);
        rest = text::after(trimmed, word_len);
    }
    NaiveTime::from_hms_opt(hour, minute, second)
        .map(|t| (t, rest))
        .ok_or_else(invalid)
}

/// Read the zone after a time: nothing, `Z`, an offset (`+01:00`, `+0100`, `-08`), `UTC+2`, an
/// abbreviation (`CET`), or an IANA name. `Ok(None)` when there is none.
fn parse_zone_suffix(rest: &str, input: &str) -> Result<Option<Zone>, WhenError> {
    let zone = rest.trim();
    if zone.is_empty() {
        return Ok(None);
    }
    // Only a sign or `Z` may touch the time (`14:05Z`, `14:05+01:00`); `14:05CET` is a typo.
    if !rest.starts_with(char::is_whitespace) && !zone.starts_with(['+', '-', 'Z', 'z']) {
        return Err(WhenError::Unrecognized {
            input: input.to_string(),
        });
    }
    if let Some(offset) = parse_offset(zone) {
        return Ok(Some(Zone::Fixed(offset)));
    }
    if let Some(offset) = utc_plus(zone).or_else(|| zone_abbreviation_offset(zone)) {
        return Ok(Some(Zone::Fixed(offset)));
    }
    if let Some(meanings) = ambiguous_abbreviation(zone) {
        return Err(WhenError::AmbiguousAbbreviation {
            abbr: zone.to_string(),
            meanings,
        });
    }
    parse_zone(zone)
        .map(|tz| Some(Zone::Named(tz)))
        .map_err(|_| WhenError::UnknownZone {
            zone: zone.to_string(),
        })
}

#[cfg(test)]
#[allow(clippy::string_slice)] // tests slice at the offsets they check
mod tests {
    use super::*;
    use crate::time::testing::{NOW, at, tz};

    #[test]
    fn reads_when() {
        let cases = [
            ("now", "2026-11-20T14:30:00+01:00"),
            ("  NOW ", "2026-11-20T14:30:00+01:00"),
            ("2026-11-20T14:05:00Z", "2026-11-20T14:05:00+00:00"),
            ("2026-11-20T14:05:00+01:00", "2026-11-20T14:05:00+01:00"),
            (
                "2026-11-20T14:05:00.250-08:00",
                "2026-11-20T14:05:00.250-08:00",
            ),
            ("14:05", "2026-11-20T14:05:00+01:00"),
            ("9:05", "2026-11-20T09:05:00+01:00"),
            ("14:05:30", "2026-11-20T14:05:30+01:00"),
            ("2:05 PM", "2026-11-20T14:05:00+01:00"),
            ("12:10am", "2026-11-20T00:10:00+01:00"),
            ("13:00 pm", "2026-11-20T13:00:00+01:00"),
            ("14:15pm", "2026-11-20T14:15:00+01:00"),
            ("0:30 am", "2026-11-20T00:30:00+01:00"),
            ("14:05 UTC", "2026-11-20T14:05:00+00:00"),
            ("14:05 utc", "2026-11-20T14:05:00+00:00"),
            ("14:05 Z", "2026-11-20T14:05:00+00:00"),
            ("14:05Z", "2026-11-20T14:05:00+00:00"),
            ("14:05 +01:00", "2026-11-20T14:05:00+01:00"),
            ("14:05 +0530", "2026-11-20T14:05:00+05:30"),
            ("14:05 -08", "2026-11-20T14:05:00-08:00"),
            ("14:05-08:00", "2026-11-20T14:05:00-08:00"),
            ("14:05 PST", "2026-11-20T14:05:00-08:00"),
            ("14:05 cest", "2026-11-20T14:05:00+02:00"),
            ("14:05 JST", "2026-11-20T14:05:00+09:00"),
            ("14:05 UTC+2", "2026-11-20T14:05:00+02:00"),
            ("14:05 GMT-5", "2026-11-20T14:05:00-05:00"),
            ("14:05 America/Los_Angeles", "2026-11-20T14:05:00-08:00"),
            ("14:05 asia/kolkata", "2026-11-20T14:05:00+05:30"),
            ("2026-11-20 14:05", "2026-11-20T14:05:00+01:00"),
            ("2026-11-20T14:05", "2026-11-20T14:05:00+01:00"),
            ("2026-11-20  14:05:09", "2026-11-20T14:05:09+01:00"),
            ("2026-07-01 14:05", "2026-07-01T14:05:00+02:00"),
            ("2026-11-20 14:05 UTC", "2026-11-20T14:05:00+00:00"),
            ("2026-11-20T14:05Z", "2026-11-20T14:05:00+00:00"),
            ("2026-10-25 02:30 +01:00", "2026-10-25T02:30:00+01:00"),
            ("2026-10-25 02:30 CEST", "2026-10-25T02:30:00+02:00"),
            ("-15m", "2026-11-20T14:15:00+01:00"),
            ("15m ago", "2026-11-20T14:15:00+01:00"),
            ("15 min ago", "2026-11-20T14:15:00+01:00"),
            ("15 MINUTES AGO", "2026-11-20T14:15:00+01:00"),
            ("2h ago", "2026-11-20T12:30:00+01:00"),
            ("2 hours ago", "2026-11-20T12:30:00+01:00"),
            ("-1h30m", "2026-11-20T13:00:00+01:00"),
            ("-1h 30m", "2026-11-20T13:00:00+01:00"),
            ("1 hour, 30 minutes ago", "2026-11-20T13:00:00+01:00"),
            ("90s ago", "2026-11-20T14:28:30+01:00"),
            ("1d ago", "2026-11-19T14:30:00+01:00"),
            ("2 days ago", "2026-11-18T14:30:00+01:00"),
        ];
        for (input, want) in cases {
            let got = parse_when(input, at(NOW), tz("Europe/Copenhagen"));
            assert_eq!(got, Ok(at(want)), "{input}");
            assert_eq!(
                got.unwrap().offset(),
                at(want).offset(),
                "{input} keeps its offset"
            );
        }
    }

    #[test]
    fn time_with_zone_is_today_in_that_zone() {
        // 00:30 in Copenhagen is still the evening before in UTC.
        let now = at("2026-11-21T00:30:00+01:00");
        let cases = [
            ("23:00 UTC", "2026-11-20T23:00:00+00:00"),
            ("23:00", "2026-11-21T23:00:00+01:00"),
            ("15:00 PST", "2026-11-20T15:00:00-08:00"),
        ];
        for (input, want) in cases {
            assert_eq!(
                parse_when(input, now, tz("Europe/Copenhagen")),
                Ok(at(want)),
                "{input}"
            );
        }
    }

    #[test]
    fn refuses_bad_when() {
        use WhenError as E;
        let unrecognized = |input: &str| E::Unrecognized {
            input: input.to_string(),
        };
        let invalid = |text: &str, what| E::Invalid {
            text: text.to_string(),
            what,
        };
        let cases = [
            ("", unrecognized("")),
            ("yesterday", unrecognized("yesterday")),
            ("15m", unrecognized("15m")),
            ("-15x", unrecognized("-15x")),
            ("ago", unrecognized("ago")),
            ("-", unrecognized("-")),
            ("14", unrecognized("14")),
            ("14:5", unrecognized("14:5")),
            ("1405", unrecognized("1405")),
            ("2026-11-20", unrecognized("2026-11-20")),
            ("2026-11-2014:05", unrecognized("2026-11-2014:05")),
            ("14:05CET", unrecognized("14:05CET")),
            ("25:00", invalid("25:00", "time of day")),
            ("14:60", invalid("14:60", "time of day")),
            ("25:00 pm", invalid("25:00", "time of day")),
            ("2026-02-30 14:05", invalid("2026-02-30", "date")),
            (
                "14:05 XYZT",
                E::UnknownZone {
                    zone: "XYZT".to_string(),
                },
            ),
            (
                "14:05 Mars/Olympus",
                E::UnknownZone {
                    zone: "Mars/Olympus".to_string(),
                },
            ),
            (
                "14:05 +15:00",
                E::UnknownZone {
                    zone: "+15:00".to_string(),
                },
            ),
            (
                "14:05 IST",
                E::AmbiguousAbbreviation {
                    abbr: "IST".to_string(),
                    meanings: "India, Ireland or Israel",
                },
            ),
            (
                "99999999999999999999m ago",
                E::OutOfRange {
                    input: "99999999999999999999m ago".into(),
                },
            ),
            (
                "-999999999999h",
                E::OutOfRange {
                    input: "-999999999999h".to_string(),
                },
            ),
        ];
        for (input, want) in cases {
            assert_eq!(
                parse_when(input, at(NOW), tz("Europe/Copenhagen")),
                Err(want),
                "{input}"
            );
        }
    }

    #[test]
    fn daylight_saving_gaps_and_overlaps() {
        let offset = |text: &str| text.parse::<FixedOffset>().unwrap();
        let cases = [
            (
                "Europe/Copenhagen",
                "2026-03-29 02:30",
                WhenError::Nonexistent {
                    local: "2026-03-29 02:30".to_string(),
                    zone: "Europe/Copenhagen".to_string(),
                },
            ),
            (
                "Europe/Copenhagen",
                "2026-10-25 02:30",
                WhenError::Ambiguous {
                    local: "2026-10-25 02:30".to_string(),
                    zone: "Europe/Copenhagen".to_string(),
                    earlier: offset("+02:00"),
                    later: offset("+01:00"),
                },
            ),
            (
                "America/Los_Angeles",
                "2026-03-08 02:30",
                WhenError::Nonexistent {
                    local: "2026-03-08 02:30".to_string(),
                    zone: "America/Los_Angeles".to_string(),
                },
            ),
            (
                "America/Los_Angeles",
                "2026-11-01 01:30:15",
                WhenError::Ambiguous {
                    local: "2026-11-01 01:30:15".to_string(),
                    zone: "America/Los_Angeles".to_string(),
                    earlier: offset("-07:00"),
                    later: offset("-08:00"),
                },
            ),
        ];
        for (zone, input, want) in cases {
            assert_eq!(
                parse_when(input, at(NOW), tz(zone)),
                Err(want),
                "{zone} {input}"
            );
        }
        // Named explicitly, the zone decides too; an offset settles it.
        let got = parse_when("2026-10-25 02:30 Europe/Copenhagen", at(NOW), Tz::UTC);
        assert!(matches!(got, Err(WhenError::Ambiguous { .. })), "{got:?}");
        let got = parse_when("2026-10-25 02:30 +02:00", at(NOW), tz("Europe/Copenhagen"));
        assert_eq!(got, Ok(at("2026-10-25T02:30:00+02:00")));
        // Just outside the gap and the overlap.
        let got = parse_when("2026-03-29 03:00", at(NOW), tz("Europe/Copenhagen"));
        assert_eq!(got, Ok(at("2026-03-29T03:00:00+02:00")));
        let got = parse_when("2026-10-25 03:00", at(NOW), tz("Europe/Copenhagen"));
        assert_eq!(got, Ok(at("2026-10-25T03:00:00+01:00")));
    }

    #[test]
    fn messages_say_what_to_do() {
        let message = |input: &str, zone: &str| {
            parse_when(input, at(NOW), tz(zone))
                .unwrap_err()
                .to_string()
        };
        let ambiguous = message("2026-10-25 02:30", "Europe/Copenhagen");
        assert_eq!(
            ambiguous,
            "`2026-10-25 02:30` happens twice in `Europe/Copenhagen` because clocks fall back: \
             first at +02:00, then at +01:00; add the offset you mean, like \
             `2026-10-25 02:30 +02:00`"
        );
        let gap = message("2026-03-29 02:30", "Europe/Copenhagen");
        assert!(
            gap.contains("does not exist in `Europe/Copenhagen`"),
            "{gap}"
        );
        let unknown = message("soon", "UTC");
        for form in [
            "`now`",
            "`HH:MM`",
            "`YYYY-MM-DD HH:MM`",
            "`-15m`",
            "`2h ago`",
            "RFC 3339",
        ] {
            assert!(unknown.contains(form), "{unknown} lacks {form}");
        }
        assert!(message("14:05 IST", "UTC").contains("ambiguous"));
        for text in [ambiguous, gap, unknown] {
            assert!(!text.ends_with('.'), "{text}");
            assert!(text.starts_with(|c: char| !c.is_uppercase()), "{text}");
        }
    }
}
