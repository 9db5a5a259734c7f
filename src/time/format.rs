//! Writing an instant as the stamp pm puts in documents and messages: `2026-11-20 14:05 CET`.
//!
//! Every stamp names its zone in a form [`super::zone`] reads back to the same offset, so a
//! stamp pm writes is always the instant it was given.

use chrono::{DateTime, FixedOffset, NaiveDateTime, Offset, Timelike};
use chrono_tz::{OffsetName, Tz};

use super::zone::{Zone, zone_abbreviation_offset};

/// Write `at` in `zone` as `YYYY-MM-DD HH:MM ZONE` (`HH:MM:SS` when the seconds are not zero).
/// ZONE is the zone's abbreviation when it is one [`zone_abbreviation_offset`] reads back to the
/// same offset (`CET`, `PDT`), `UTC` at offset zero, else the numeric offset (`+05:30`), so the
/// stamp always reads back to the same instant. Fractions of a second are dropped.
pub(crate) fn format_stamp(at: DateTime<FixedOffset>, zone: Tz) -> String {
    let local = at.with_timezone(&zone);
    format!(
        "{} {}",
        format_local(&local.naive_local()),
        zone_label(at, zone)
    )
}

/// How a stamp names `zone` at `at`: its abbreviation when [`zone_abbreviation_offset`] reads
/// it back to the same offset (`CET`, `PDT`), `UTC` at offset zero, else the numeric offset.
pub(crate) fn zone_label(at: DateTime<FixedOffset>, zone: Tz) -> String {
    let local = at.with_timezone(&zone);
    let offset = local.offset().fix();
    let abbreviation = local.offset().abbreviation().filter(|abbr| {
        abbr.bytes().all(|b| b.is_ascii_alphabetic())
            && zone_abbreviation_offset(abbr) == Some(offset)
    });
    match abbreviation {
        Some(abbr) => abbr.to_string(),
        None if offset.local_minus_utc() == 0 => "UTC".to_string(),
        None => offset.to_string(),
    }
}

/// Write `at` at a fixed `offset`, named `UTC` at zero, else numerically (`+05:30`).
pub(crate) fn format_stamp_at_offset(at: DateTime<FixedOffset>, offset: FixedOffset) -> String {
    let local = at.with_timezone(&offset);
    let label = if offset.local_minus_utc() == 0 {
        "UTC".to_string()
    } else {
        offset.to_string()
    };
    format!("{} {label}", format_local(&local.naive_local()))
}

/// Write `at` in `zone`, whichever kind of zone it is, the zone always named.
pub(crate) fn format_stamp_in(at: DateTime<FixedOffset>, zone: Zone) -> String {
    match zone {
        Zone::Named(tz) => format_stamp(at, tz),
        Zone::Fixed(offset) => format_stamp_at_offset(at, offset),
    }
}

/// The date and time of a stamp without its zone, with seconds only when there are some.
pub(crate) fn format_local(local: &NaiveDateTime) -> String {
    let pattern = if local.second() == 0 {
        "%Y-%m-%d %H:%M"
    } else {
        "%Y-%m-%d %H:%M:%S"
    };
    local.format(pattern).to_string()
}

#[cfg(test)]
#[allow(clippy::string_slice)] // tests slice at the offsets they check
mod tests {
    use super::*;
    use crate::time::testing::{NOW, at, tz};
    use crate::time::when::parse_when;

    #[test]
    fn stamps() {
        let cases = [
            ("2026-11-20T13:05:00Z", "UTC", "2026-11-20 13:05 UTC"),
            ("2026-11-20T13:05:07Z", "UTC", "2026-11-20 13:05:07 UTC"),
            ("2026-11-20T13:05:00Z", "Etc/UTC", "2026-11-20 13:05 UTC"),
            (
                "2026-11-20T13:05:00Z",
                "Europe/Copenhagen",
                "2026-11-20 14:05 CET",
            ),
            (
                "2026-07-01T13:05:00Z",
                "Europe/Copenhagen",
                "2026-07-01 15:05 CEST",
            ),
            (
                "2026-11-20T13:05:00Z",
                "America/Los_Angeles",
                "2026-11-20 05:05 PST",
            ),
            (
                "2026-07-01T13:05:00Z",
                "America/Los_Angeles",
                "2026-07-01 06:05 PDT",
            ),
            (
                "2026-11-20T23:05:00Z",
                "America/Los_Angeles",
                "2026-11-20 15:05 PST",
            ),
            (
                "2026-11-20T13:05:00Z",
                "Europe/London",
                "2026-11-20 13:05 GMT",
            ),
            (
                "2026-07-01T13:05:00Z",
                "Europe/London",
                "2026-07-01 14:05 BST",
            ),
            (
                "2026-11-20T13:05:00Z",
                "Asia/Kolkata",
                "2026-11-20 18:35 +05:30",
            ),
            (
                "2026-11-20T13:05:00Z",
                "Asia/Shanghai",
                "2026-11-20 21:05 +08:00",
            ),
            (
                "2026-11-20T13:05:00Z",
                "America/Sao_Paulo",
                "2026-11-20 10:05 -03:00",
            ),
            (
                "2026-11-20T13:05:00Z",
                "Australia/Sydney",
                "2026-11-21 00:05 AEDT",
            ),
            (
                "2026-11-20T13:05:00Z",
                "Africa/Lagos",
                "2026-11-20 14:05 WAT",
            ),
            (
                "2026-10-25T00:30:00Z",
                "Europe/Copenhagen",
                "2026-10-25 02:30 CEST",
            ),
            (
                "2026-10-25T01:30:00Z",
                "Europe/Copenhagen",
                "2026-10-25 02:30 CET",
            ),
            ("2026-11-20T14:05:00.9+01:00", "UTC", "2026-11-20 13:05 UTC"),
        ];
        for (instant, zone, want) in cases {
            assert_eq!(
                format_stamp(at(instant), tz(zone)),
                want,
                "{instant} in {zone}"
            );
        }
    }

    #[test]
    fn stamps_read_back() {
        use crate::doc::timeline::entry::{LineKind, parse_line, resolve};
        let zones = [
            "UTC",
            "Europe/Copenhagen",
            "America/Los_Angeles",
            "Asia/Kolkata",
            "Australia/Sydney",
            "America/St_Johns",
            "Pacific/Chatham",
        ];
        let instants = [
            "2026-11-20T13:05:00Z",
            "2026-07-01T13:05:42Z",
            "2026-03-29T00:30:00Z",
            "2026-03-29T01:30:00Z",
            "2026-10-25T00:30:00Z",
            "2026-10-25T01:30:00Z",
            "2026-03-08T10:30:00Z",
            "2026-11-01T08:30:00Z",
            "2026-11-01T09:30:00Z",
            "2026-12-31T23:59:59Z",
        ];
        let elsewhere = Zone::Named(tz("Asia/Tokyo"));
        for zone in zones {
            for instant in instants {
                let stamp = format_stamp(at(instant), tz(zone));
                let line = format!("- {stamp} — Checkout error rate above 5% (alice)");
                let LineKind::Entry(entry) = parse_line(&line) else {
                    panic!("{line} is not an entry");
                };
                assert_eq!(&line[entry.span.clone()], stamp, "{line}");
                assert_eq!(
                    &line[entry.text_start..],
                    "Checkout error rate above 5% (alice)"
                );
                assert_eq!(
                    resolve(&entry, None, elsewhere),
                    Some(at(instant)),
                    "{line}"
                );
                let again = parse_when(&stamp, at(NOW), tz("Asia/Tokyo"));
                assert_eq!(again, Ok(at(instant)), "{stamp}");
            }
        }
    }
}
