//! The time of day in a timeline stamp, with its `am`/`pm`, its zone and the end of a range.
//!
//! This finds where each part is written and where it ends; what a zone word or an `am`/`pm`
//! means is asked of [`crate::time::zone`] and [`crate::time::meridiem`], which WHEN uses too.

// The scanner reads best in the usual names: `b` for the bytes, `i`, `j`, `k` for positions in
// them, `n` for a count of digits.
#![allow(clippy::many_single_char_names)]

use std::ops::Range;

use chrono::{FixedOffset, NaiveTime};

use super::bytes::{Bad, Scan, digits, letters, number, skip_byte, skip_ws, word_is};
use crate::text;
use crate::time::meridiem::Meridiem;
use crate::time::zone::{Abbreviation, is_utc_name, parse_offset, read_abbreviation};

/// A time and the zone written right after it, with where each part is written.
pub(super) struct TimeFound {
    pub(super) time: NaiveTime,
    pub(super) zone: Option<FixedOffset>,
    pub(super) hour: Range<usize>,
    /// The minutes' digits; `None` for `2 PM`.
    pub(super) minute: Option<Range<usize>>,
    /// The seconds' digits and any fraction.
    pub(super) second: Option<Range<usize>>,
    pub(super) meridiem: Option<Range<usize>>,
    /// The zone as written: `UTC`, `+01:00`, `(PST)`, `UTC+2`.
    pub(super) zone_text: Option<Range<usize>>,
}

/// A time at `i`, with its `am`/`pm`, `hrs` and zone: `14:05`, `14:05:30`, `2:05 PM`, `2pm`,
/// `14.05` (only before a separator), `1405Z`/`1405 UTC`/`1405 hrs`.
pub(super) fn time_at(s: &str, i: usize, has_date: bool) -> Scan<(TimeFound, usize)> {
    let b = s.as_bytes();
    let n = digits(b, i);
    if n == 0 {
        return Ok(None);
    }
    let mut second = 0;
    let mut second_at = None;
    let (shape, hour, minute, mut j) = match b.get(i + n) {
        Some(b':') if n <= 2 => {
            let m = i + n + 1;
            let placeholder = |c: &u8| c.is_ascii_digit() || matches!(c, b'X' | b'x' | b'?');
            let shaped = b.get(m..m + 2).is_some_and(|mm| mm.iter().all(placeholder))
                && !b.get(m + 2).is_some_and(placeholder);
            if digits(b, m) != 2 || !shaped {
                // `22:XX` is a time someone did not fill in; `3:1` and `1:100` are ratios.
                return if shaped { Err(Bad) } else { Ok(None) };
            }
            let mut j = m + 2;
            if b.get(j) == Some(&b':') && digits(b, j + 1) == 2 {
                second = number(b, j + 1, 2);
                j += 3;
                if b.get(j) == Some(&b'.') && digits(b, j + 1) > 0 {
                    j += 1 + digits(b, j + 1);
                }
                second_at = Some(m + 3..j);
            }
            (Shape::Colon, number(b, i, n), number(b, m, 2), j)
        }
        Some(b'.') if n <= 2 && digits(b, i + n + 1) == 2 => {
            let j = i + n + 3;
            if b.get(j) == Some(&b'.') && digits(b, j + 1) > 0 {
                return Ok(None);
            }
            (Shape::Dotted, number(b, i, n), number(b, i + n + 1, 2), j)
        }
        _ if n == 4 => (Shape::Military, number(b, i, 2), number(b, i + 2, 2), i + 4),
        _ if n <= 2 => (Shape::HourOnly, number(b, i, n), 0, i + n),
        _ => return Ok(None),
    };
    let mut hour = hour;
    let (hour_at, minute_at) = match shape {
        Shape::Colon | Shape::Dotted => (i..i + n, Some(i + n + 1..i + n + 3)),
        Shape::Military => (i..i + 2, Some(i + 2..i + 4)),
        Shape::HourOnly => (i..i + n, None),
    };
    let mut meridiem_text = None;
    let meridiem = meridiem_at(b, j);
    if let Some((meridiem, end)) = meridiem {
        hour = meridiem.hour_of_day(hour);
        meridiem_text = Some(skip_ws(b, j)..end);
        j = end;
    } else if shape == Shape::HourOnly {
        return Ok(None);
    }
    let mut hours_word = false;
    if let Some(end) = hours_word_at(b, j) {
        hours_word = true;
        j = end;
    }
    let zone = zone_at(s, j, has_date)?;
    let readable = match shape {
        Shape::Colon | Shape::HourOnly => true,
        Shape::Military => zone.is_some() || hours_word,
        Shape::Dotted => meridiem.is_some() || zone.is_some() || separator_follows(b, j),
    };
    if !readable {
        return Ok(None);
    }
    let Some(time) = NaiveTime::from_hms_opt(hour, minute, second) else {
        // Only colon times are surely meant as times; `25.99` or `2561Z` may be anything.
        return if shape == Shape::Colon {
            Err(Bad)
        } else {
            Ok(None)
        };
    };
    let (zone, zone_text, j) = zone.map_or((None, None, j), |(offset, end)| {
        (Some(offset), Some(skip_ws(b, j)..end), end)
    });
    Ok(Some((
        TimeFound {
            time,
            zone,
            hour: hour_at,
            minute: minute_at,
            second: second_at,
            meridiem: meridiem_text,
            zone_text,
        },
        j,
    )))
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Shape {
    Colon,
    Dotted,
    Military,
    HourOnly,
}

/// `am`, `pm`, `a.m.` or `p.m.` in any case, touching the time or after one space; `a` or `p`
/// touching it.
fn meridiem_at(b: &[u8], at: usize) -> Option<(Meridiem, usize)> {
    let i = if b.get(at) == Some(&b' ') { at + 1 } else { at };
    let meridiem = match b.get(i)?.to_ascii_lowercase() {
        b'a' => Meridiem::Am,
        b'p' => Meridiem::Pm,
        _ => return None,
    };
    let end = match (b.get(i + 1), b.get(i + 2)) {
        (Some(m), _) if m.eq_ignore_ascii_case(&b'm') => i + 2,
        (Some(b'.'), Some(m)) if m.eq_ignore_ascii_case(&b'm') => skip_byte(b, i + 3, b'.'),
        // `10:45a`: a lone letter only when it touches the time.
        _ if i == at => i + 1,
        _ => return None,
    };
    (!b.get(end).is_some_and(u8::is_ascii_alphanumeric)).then_some((meridiem, end))
}

/// `hrs` after a time, touching it or after one space, or `h` touching it.
fn hours_word_at(b: &[u8], i: usize) -> Option<usize> {
    let j = if b.get(i) == Some(&b' ') { i + 1 } else { i };
    let len = letters(b, j);
    let word = &b[j..j + len];
    (word.eq_ignore_ascii_case(b"hrs") || (j == i && word.eq_ignore_ascii_case(b"h")))
        .then_some(j + len)
}

/// Whether a separator other than plain spaces follows `i`.
fn separator_follows(b: &[u8], i: usize) -> bool {
    let j = skip_ws(b, i);
    j == b.len()
        || matches!(b[j], b'-' | b':' | b'|' | b',' | b'*' | b']' | b'`')
        || b[j..].starts_with("—".as_bytes())
        || b[j..].starts_with("–".as_bytes())
}

/// The zone after a time: `Z`, `UTC`, `GMT`, `UTC+2`, `+01:00`, `-0800`, `CET`, `(UTC)`, `(PST)`.
/// `Err(Bad)` for an abbreviation that is ambiguous (`IST`) or unknown but shaped like a zone
/// (`XYZT`). A `-` touching a time without a date starts a range (`14:20-15:00`), not an offset.
fn zone_at(s: &str, i: usize, has_date: bool) -> Scan<(FixedOffset, usize)> {
    let b = s.as_bytes();
    let k = skip_ws(b, i);
    let Some(&c) = b.get(k) else { return Ok(None) };
    if c == b'(' {
        let found = zone_word(s, k + 1)?;
        return Ok(found
            .filter(|&(_, end)| b.get(end) == Some(&b')'))
            .map(|(z, end)| (z, end + 1)));
    }
    if c == b'+' || (c == b'-' && (k > i || has_date)) {
        return Ok(offset_at(s, k));
    }
    zone_word(s, k)
}

/// An offset `+01:00`, `+0100`, `+01` or `-08`, with two-digit hours, ending at a word boundary.
fn offset_at(s: &str, i: usize) -> Option<(FixedOffset, usize)> {
    let b = s.as_bytes();
    if !matches!(b.get(i), Some(b'+' | b'-')) || digits(b, i + 1) < 2 {
        return None;
    }
    let n = digits(b, i + 1);
    let end = match n {
        2 if b.get(i + 3) == Some(&b':') && digits(b, i + 4) == 2 => i + 6,
        2 | 4 => i + 1 + n,
        _ => return None,
    };
    if b.get(end)
        .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b':')
    {
        return None;
    }
    parse_offset(text::slice(s, i..end)).map(|offset| (offset, end))
}

/// A zone word at `i`: `Z`, `UTC`/`GMT` (any case, maybe with `+2`), or an upper-case
/// abbreviation.
fn zone_word(s: &str, i: usize) -> Scan<(FixedOffset, usize)> {
    let b = s.as_bytes();
    let len = letters(b, i);
    if len == 0 || len > 5 || b.get(i + len).is_some_and(u8::is_ascii_digit) {
        return Ok(None);
    }
    let word = text::slice(s, i..i + len);
    let end = i + len;
    if is_utc_name(word) {
        // `UTC+2`, `GMT -5`, `UTC+05:30`: one or two hour digits are usual here.
        let k = if b.get(end) == Some(&b' ') && matches!(b.get(end + 1), Some(b'+' | b'-')) {
            end + 1
        } else {
            end
        };
        if matches!(b.get(k), Some(b'+' | b'-')) && (1..=2).contains(&digits(b, k + 1)) {
            let n = digits(b, k + 1);
            let stop = if b.get(k + 1 + n) == Some(&b':') && digits(b, k + 2 + n) == 2 {
                k + 4 + n
            } else {
                k + 1 + n
            };
            if !b.get(stop).is_some_and(u8::is_ascii_alphanumeric)
                && let Some(offset) = parse_offset(text::slice(s, k..stop))
            {
                return Ok(Some((offset, stop)));
            }
        }
        return Ok(FixedOffset::east_opt(0).map(|utc| (utc, end)));
    }
    // Zones are written in capitals, and a capital word with an apostrophe (`CAN'T`) is text.
    if !word.bytes().all(|c| c.is_ascii_uppercase()) || b.get(end).is_some_and(|c| *c == b'\'') {
        return Ok(None);
    }
    match read_abbreviation(word) {
        Abbreviation::Known(offset) => Ok(Some((offset, end))),
        Abbreviation::Unusable => Err(Bad),
        Abbreviation::NotAZone => Ok(None),
    }
}

/// The end of a time range after a stamp (`14:20-15:00`, `10:30 AM - 12:45 PM UTC`,
/// `14:00 to 14:30`), which the entry keeps as text no more than its start.
pub(super) fn range_end_at(s: &str, i: usize, has_date: bool) -> Option<RangeEnd> {
    let b = s.as_bytes();
    let k = skip_ws(b, i);
    let j = if b.get(k) == Some(&b'-') {
        k + 1
    } else if b[k..].starts_with("–".as_bytes()) {
        k + 3
    } else if word_is(b, k, "to") {
        k + 2
    } else {
        return None;
    };
    let (time, end) = time_at(s, skip_ws(b, j), has_date).ok()??;
    Some(RangeEnd {
        zone: time.zone,
        end,
        zone_text: time.zone_text.clone(),
        time_end: time
            .meridiem
            .or(time.second)
            .or(time.minute)
            .map_or(time.hour.end, |r| r.end),
    })
}

pub(super) struct RangeEnd {
    pub(super) zone: Option<FixedOffset>,
    pub(super) end: usize,
    /// Where the end's own zone is written (`10:30 AM - 11:15 AM PST`).
    pub(super) zone_text: Option<Range<usize>>,
    /// The index after the end's time, before its zone.
    pub(super) time_end: usize,
}
