//! Writing a new entry's stamp the way a neighbouring entry wrote its own: the same parts in
//! the same places (`**12-03-2026 14:05 UTC**`, `Fri, Jan 14, 10:18 AM`, `[14:05]`, `1405Z`),
//! each part spelt as the neighbour spelt it (padding, month and day names, `PM` or `p.m.`,
//! ordinal suffixes, the zone as written), with the new instant's values.
//!
//! The neighbour's stamp is rewritten field by field from the ranges the scanner recorded;
//! everything between the fields (emphasis, brackets, commas, `at`) stays as the neighbour
//! has it. A range's end and an approximation mark are dropped: a new entry is one instant.

use std::ops::Range;

use chrono::{DateTime, Datelike, FixedOffset, Timelike, Weekday};

use super::date::MONTHS;
use super::scan::Stamp;
use crate::text;
use crate::time::format::zone_label;
use crate::time::zone::Zone;

/// The neighbour's stamp (its bytes in `line`) rewritten to say `at`. The time is given in the
/// offset the neighbour writes, else in `zone` (the zone its bare time is read in).
pub(super) fn restyle(line: &str, stamp: &Stamp, at: DateTime<FixedOffset>, zone: Zone) -> String {
    let f = &stamp.fields;
    let field =
        |range: &Option<Range<usize>>| range.clone().map(|r| (r.clone(), text::slice(line, r)));
    let mut edits: Vec<(Range<usize>, String)> = Vec::new();
    let local = match (stamp.offset, zone) {
        // pm's own stamps name the wiki's zone as it is at each instant (`CET`, then `CEST`).
        (Some(offset), Zone::Named(tz)) if is_own_zone(line, stamp, tz, offset, at) => {
            if let Some((r, _)) = field(&f.zone) {
                edits.push((r, zone_label(at, tz)));
            }
            at.with_timezone(&tz).fixed_offset()
        }
        (Some(offset), _) | (None, Zone::Fixed(offset)) => at.with_timezone(&offset),
        (None, Zone::Named(tz)) => at.with_timezone(&tz).fixed_offset(),
    };
    if let Some((r, was)) = field(&f.weekday) {
        edits.push((r, name_like(was, weekday_name(local.weekday()))));
    }
    if let Some((r, was)) = field(&f.year) {
        let year = if was.len() == 2 {
            format!("{:02}", local.year().rem_euclid(100))
        } else {
            local.year().to_string()
        };
        edits.push((r, year));
    }
    let pad = padded(line, f);
    if let Some((r, was)) = field(&f.month) {
        let month = local.month();
        let written = if was.bytes().all(|c| c.is_ascii_digit()) {
            number(month, pad)
        } else {
            month_like(was, month)
        };
        edits.push((r, written));
    }
    if let Some((r, was)) = field(&f.day) {
        let digits = was.bytes().take_while(u8::is_ascii_digit).count();
        let suffix = text::after(was, digits);
        let day = local.day();
        let mut written = number(day, pad);
        if !suffix.is_empty() {
            written.push_str(&same_case(suffix, ordinal(day)));
        }
        edits.push((r, written));
    }
    let twelve = f.meridiem.is_some();
    if let Some((r, was)) = field(&f.hour) {
        let hour = local.hour();
        let shown = if twelve {
            match hour % 12 {
                0 => 12,
                h => h,
            }
        } else {
            hour
        };
        let pad = was.len() == 2 && (!twelve || was.starts_with('0'));
        edits.push((r, number(shown, pad)));
    }
    if let Some((r, _)) = field(&f.minute) {
        edits.push((r, format!("{:02}", local.minute())));
    }
    match (field(&f.second), &f.minute) {
        (Some((r, _)), _) => edits.push((r, format!("{:02}", local.second()))),
        // Seconds the neighbour does not write are still kept: `14:05` beside `14:05:30`.
        (None, Some(minute))
            if local.second() != 0
                && line.as_bytes().get(minute.start.wrapping_sub(1)) == Some(&b':') =>
        {
            edits.push((minute.end..minute.end, format!(":{:02}", local.second())));
        }
        _ => {}
    }
    if let Some((r, was)) = field(&f.meridiem) {
        edits.push((r, meridiem_like(was, local.hour() >= 12)));
    }
    for range in [&f.range_end, &f.approximation].into_iter().flatten() {
        edits.push((range.clone(), String::new()));
    }
    edits.sort_by_key(|(r, _)| r.start);
    let mut out = String::new();
    let mut at = stamp.span.start;
    for (range, written) in edits {
        if range.start < at || range.end > stamp.span.end || range.end < range.start {
            continue;
        }
        out.push_str(text::slice(line, at..range.start));
        out.push_str(&written);
        at = range.end;
    }
    out.push_str(text::slice(line, at..stamp.span.end));
    out
}

/// Whether the neighbour names the wiki's own zone as pm writes it: its zone is what pm writes
/// for that zone at the neighbour's own offset (`CET` for Europe/Copenhagen in winter).
fn is_own_zone(
    line: &str,
    stamp: &Stamp,
    tz: chrono_tz::Tz,
    offset: FixedOffset,
    at: DateTime<FixedOffset>,
) -> bool {
    let Some(written) = stamp.fields.zone.clone().map(|r| text::slice(line, r)) else {
        return false;
    };
    // The neighbour's instant is unknown here; any date in its year with that offset will do.
    let near = at.date_naive();
    [0, 91, 182, 273].into_iter().any(|days| {
        let day = near + chrono::Duration::days(days);
        let noon = day.and_hms_opt(12, 0, 0).unwrap_or_default();
        let then = chrono::TimeZone::from_utc_datetime(&tz, &noon).fixed_offset();
        then.offset() == &offset && zone_label(then, tz) == written
    })
}

/// Whether the neighbour pads its date's numbers to two digits: when one of them starts with
/// `0`, or both have two digits; not when one has a single digit.
fn padded(line: &str, f: &super::scan::Fields) -> bool {
    let numbers: Vec<&str> = [&f.month, &f.day]
        .into_iter()
        .flatten()
        .map(|r| text::slice(line, r.clone()))
        .map(|s| {
            let digits = s.bytes().take_while(u8::is_ascii_digit).count();
            text::before(s, digits)
        })
        .filter(|s| !s.is_empty())
        .collect();
    numbers.iter().any(|n| n.starts_with('0')) || numbers.iter().all(|n| n.len() == 2)
}

fn number(n: u32, pad: bool) -> String {
    if pad {
        format!("{n:02}")
    } else {
        n.to_string()
    }
}

fn weekday_name(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "monday",
        Weekday::Tue => "tuesday",
        Weekday::Wed => "wednesday",
        Weekday::Thu => "thursday",
        Weekday::Fri => "friday",
        Weekday::Sat => "saturday",
        Weekday::Sun => "sunday",
    }
}

/// A weekday's name as long as the neighbour's (`Fri`, `Friday`), in its case.
fn name_like(was: &str, full: &str) -> String {
    let name = if was.len() <= 4 {
        text::before(full, 3)
    } else {
        full
    };
    same_case(was, name)
}

/// A month as the neighbour names one: `Jan`, `January`, `Sept`.
fn month_like(was: &str, month: u32) -> String {
    let full = MONTHS[usize::try_from(month - 1).unwrap_or(0)];
    let name = if was.len() <= 4 && !MONTHS.iter().any(|m| m.eq_ignore_ascii_case(was)) {
        if month == 9 && was.len() == 4 {
            "sept"
        } else {
            text::before(full, 3)
        }
    } else {
        full
    };
    same_case(was, name)
}

/// `name` (lower case) in the case `was` is written in: `JAN`, `Jan`, `jan`.
fn same_case(was: &str, name: &str) -> String {
    let letters: Vec<char> = was.chars().filter(char::is_ascii_alphabetic).collect();
    if letters.len() > 1 && letters.iter().all(char::is_ascii_uppercase) {
        name.to_ascii_uppercase()
    } else if letters.first().is_some_and(char::is_ascii_uppercase) {
        let mut chars = name.chars();
        chars
            .next()
            .map(|c| c.to_ascii_uppercase().to_string() + chars.as_str())
            .unwrap_or_default()
    } else {
        name.to_string()
    }
}

fn ordinal(day: u32) -> &'static str {
    match (day % 10, day % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    }
}

/// The neighbour's `PM`, `p.m.`, `pm` or `a` with its letter for the new time.
fn meridiem_like(was: &str, pm: bool) -> String {
    let mut done = false;
    was.chars()
        .map(|c| {
            if done || !matches!(c.to_ascii_lowercase(), 'a' | 'p') {
                return c;
            }
            done = true;
            let letter = if pm { 'p' } else { 'a' };
            if c.is_ascii_uppercase() {
                letter.to_ascii_uppercase()
            } else {
                letter
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::timeline::entry::{LineKind, parse_line};
    use crate::time::testing::at;

    #[test]
    fn a_new_stamp_is_written_like_its_neighbour() {
        let utc = Zone::Fixed(FixedOffset::east_opt(0).unwrap());
        let pst = Zone::Fixed(FixedOffset::west_opt(8 * 3600).unwrap());
        let cases = [
            ("- 14:05 — x", utc, "2026-11-20T09:07:00Z", "09:07"),
            ("- 9:05 — x", utc, "2026-11-20T09:07:00Z", "9:07"),
            (
                "- **12-03-2026 14:05 UTC** — x",
                utc,
                "2026-03-05T15:30:00Z",
                "**03-05-2026 15:30 UTC**",
            ),
            (
                "- 2026-11-20 14:05 UTC — x",
                utc,
                "2026-11-21T01:02:03Z",
                "2026-11-21 01:02:03 UTC",
            ),
            (
                "- 2026-11-20 14:05:09 UTC — x",
                utc,
                "2026-11-21T01:02:03Z",
                "2026-11-21 01:02:03 UTC",
            ),
            ("### 08:52 PM", utc, "2026-11-20T09:07:00Z", "09:07 AM"),
            ("- 11:14 PM: x", utc, "2026-11-20T09:07:00Z", "9:07 AM"),
            ("- 10:45a x", utc, "2026-11-20T13:07:00Z", "1:07p"),
            ("- 2:05 p.m. x", utc, "2026-11-20T00:30:00Z", "12:30 a.m."),
            (
                "- Fri, Jan 14, 10:18 AM: x",
                utc,
                "2022-01-17T16:00:00Z",
                "Mon, Jan 17, 4:00 PM",
            ),
            (
                "- Friday 14:05 — x",
                utc,
                "2026-11-22T14:00:00Z",
                "Sunday 14:00",
            ),
            (
                "- November 1st, 2026, 2:05 PM: x",
                utc,
                "2026-09-22T14:00:00Z",
                "September 22nd, 2026, 2:00 PM",
            ),
            (
                "- Sept. 3 2026 09:00 x",
                utc,
                "2026-10-13T09:00:00Z",
                "Oct. 13 2026 09:00",
            ),
            ("- 14:05 PST — x", utc, "2026-11-20T22:10:00Z", "14:10 PST"),
            ("- 14:05 — x", pst, "2026-11-20T22:10:00Z", "14:10"),
            ("- 02:00-04:30 x", utc, "2026-11-20T05:00:00Z", "05:00"),
            (
                "- 10:30 AM - 11:15 AM PST: x",
                utc,
                "2026-11-20T22:10:00Z",
                "2:10 PM PST",
            ),
            ("- ~14:05 x", utc, "2026-11-20T15:00:00Z", "15:00"),
            ("- [14:05] x", utc, "2026-11-20T15:00:00Z", "[15:00]"),
            ("- 1405Z — x", utc, "2026-11-20T09:00:00Z", "0900Z"),
            (
                "| Fri | Nov 20 | 14:05 | x |",
                utc,
                "2026-11-21T09:00:00Z",
                "Sat | Nov 21 | 09:00",
            ),
            (
                "- 10/20/2026 - 15:38 CST - x",
                utc,
                "2026-11-03T00:00:00Z",
                "11/02/2026 - 18:00 CST",
            ),
            (
                "- Dec 17th 22:05 x",
                utc,
                "2026-12-21T23:00:00Z",
                "Dec 21st 23:00",
            ),
        ];
        for (line, zone, instant, want) in cases {
            let kind = if line.starts_with('#') {
                crate::doc::timeline::entry::parse_heading(line)
            } else {
                parse_line(line)
            };
            let LineKind::Entry(stamp) = kind else {
                panic!("{line}");
            };
            assert_eq!(restyle(line, &stamp, at(instant), zone), want, "{line}");
        }
        // In a document that writes the day first.
        let line = "- **12-03-2026 14:05 UTC** — x";
        let LineKind::Entry(stamp) = parse_line(line) else {
            panic!()
        };
        assert_eq!(
            restyle(line, &stamp.day_first(), at("2026-03-05T15:30:00Z"), utc),
            "**05-03-2026 15:30 UTC**"
        );
    }
}
