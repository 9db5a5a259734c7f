//! Dates as people write them before or after a timeline time: ISO, numeric in either order,
//! with month names, with or without a year, after a weekday.

// The scanner reads best in the usual names: `b` for the bytes, `i`, `j`, `k` for positions in
// them, `n` for a count of digits.
#![allow(clippy::many_single_char_names)]

use std::ops::Range;

use chrono::NaiveDate;

use super::bytes::{digits, is_ws, letters, number, skip_byte, skip_ws};

/// A weekday name (`Tue`, `Thurs.`, `Saturday`) followed by a space, `,`, `.` or `|`: where its
/// letters are, and the index after it (and after a `.`).
pub(super) fn weekday(b: &[u8], i: usize) -> Option<(Range<usize>, usize)> {
    const DAYS: &[&str] = &[
        "mon",
        "monday",
        "tue",
        "tues",
        "tuesday",
        "wed",
        "wednesday",
        "thu",
        "thur",
        "thurs",
        "thursday",
        "fri",
        "friday",
        "sat",
        "saturday",
        "sun",
        "sunday",
    ];
    let len = letters(b, i);
    let word = &b[i..i + len];
    let known = DAYS.iter().any(|d| word.eq_ignore_ascii_case(d.as_bytes()));
    let j = skip_byte(b, i + len, b'.');
    (known && matches!(b.get(j), Some(b' ' | b'\t' | b',' | b'|'))).then_some((i..i + len, j))
}

/// A date as found before or after a time.
#[derive(Clone, Copy)]
pub(super) enum DateFound {
    Full(NaiveDate),
    MonthDay(u32, u32),
    /// Shaped like a date, but impossible or ambiguous (`2026-13-45`, `03/04/2026`).
    Invalid,
}

/// What the numbers of a date say about their order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DayMonth {
    /// Written so that only one reading exists: ISO, a month name, dots (always day first), or
    /// both numbers the same.
    Settled,
    /// `20/10/2026`: 20 cannot be a month, so this document writes the day first.
    DayFirst,
    /// `10/20/2026`: 20 cannot be a month, so this document writes the month first.
    MonthFirst,
    /// `03/04/2026`: both readings are real dates; the date read is the month-first one.
    Either,
}

/// A date found at some index, with where its parts are written.
pub(super) struct DateAt {
    pub(super) found: DateFound,
    /// The index after the date.
    pub(super) end: usize,
    pub(super) year: Option<Range<usize>>,
    /// The month's digits or name (without a trailing `.`).
    pub(super) month: Range<usize>,
    /// The day's digits and any ordinal suffix (`20th`).
    pub(super) day: Range<usize>,
    pub(super) order: DayMonth,
}

/// A date at `i`: `2026-11-20`, `2026/11/20`, `11/20/2026`, `20.11.2026`, `Nov 20, 2026`,
/// `20 Nov 2026`, `November 20th`, `12-05` (month-day).
pub(super) fn date_at(b: &[u8], i: usize) -> Option<DateAt> {
    if b.get(i)?.is_ascii_digit() {
        numeric_date(b, i).or_else(|| day_month_date(b, i))
    } else {
        month_day_date(b, i)
    }
}

fn numeric_date(b: &[u8], i: usize) -> Option<DateAt> {
    let n1 = digits(b, i);
    let sep = *b.get(i + n1)?;
    if !matches!(n1, 1 | 2 | 4) || !matches!(sep, b'-' | b'/' | b'.') {
        return None;
    }
    let j = i + n1 + 1;
    let n2 = digits(b, j);
    if !(1..=2).contains(&n2) {
        return None;
    }
    let (a, c) = (number(b, i, n1), number(b, j, n2));
    let k = j + n2;
    let n3 = if b.get(k) == Some(&sep) {
        digits(b, k + 1)
    } else {
        0
    };
    if n1 == 4 {
        // ISO order; `T` may join the time straight on (`2026-11-20T14:05Z`).
        if sep == b'.' || !(1..=2).contains(&n3) {
            return None;
        }
        let end = k + 1 + n3;
        let day = number(b, k + 1, n3);
        let after = if b.get(end) == Some(&b'T') && digits(b, end + 1) > 0 {
            end + 1
        } else {
            end
        };
        return Some(DateAt {
            found: full_date(a, c, day),
            end: after,
            year: Some(i..i + n1),
            month: j..k,
            day: k + 1..end,
            order: DayMonth::Settled,
        });
    }
    if !(1..=2).contains(&n1) {
        return None;
    }
    if n3 == 2 || n3 == 4 {
        let year = number(b, k + 1, n3);
        let year = if n3 == 2 { 2000 + year } else { year };
        let end = k + 1 + n3;
        if b.get(end).is_some_and(u8::is_ascii_digit)
            || (b.get(end) == Some(&b':') && b.get(end + 1).is_some_and(u8::is_ascii_digit))
        {
            return None;
        }
        let order = if sep == b'.' {
            DayMonth::Settled
        } else {
            day_month(a, c)
        };
        let day_first = sep == b'.' || order == DayMonth::DayFirst;
        let (first, second) = (i..i + n1, j..k);
        let (found, month, day) = if day_first {
            (full_date(year, c, a), second, first)
        } else {
            (full_date(year, a, c), first, second)
        };
        return Some(DateAt {
            found,
            end,
            year: Some(k + 1..end),
            month,
            day,
            order,
        });
    }
    if n3 == 3 {
        // `11/03/202`: a year cut short.
        return Some(DateAt {
            found: DateFound::Invalid,
            end: k + 4,
            year: None,
            month: i..i + n1,
            day: j..k,
            order: DayMonth::Settled,
        });
    }
    // A date without its year, only when a time follows: `12-05 16:21`, `11/20 14:05`.
    if n3 != 0 || sep == b'.' || !is_ws(b.get(k).copied()) || digits(b, skip_ws(b, k)) == 0 {
        return None;
    }
    // `12-05` is month first, as in ISO dates without their year.
    let order = if sep == b'-' {
        DayMonth::Settled
    } else {
        day_month(a, c)
    };
    let (first, second) = (i..i + n1, j..k);
    let (found, month, day) = if order == DayMonth::DayFirst {
        (month_day(c, a), second, first)
    } else {
        (month_day(a, c), first, second)
    };
    Some(DateAt {
        found,
        end: k,
        year: None,
        month,
        day,
        order,
    })
}

/// What `a/b` says about its order: day first when only that reading works, month first when
/// only that one does, either when both readings are real dates (the document, or the wiki's
/// `date_order`, decides; the month-first reading is taken meanwhile).
fn day_month(a: u32, b: u32) -> DayMonth {
    match (a <= 12, b <= 12) {
        (true, true) if a != b => DayMonth::Either,
        (false, true) => DayMonth::DayFirst,
        (true, false) => DayMonth::MonthFirst,
        _ => DayMonth::Settled,
    }
}

/// `20 Nov 2026`, `1st November, 2026`, `20 Nov` (no year).
fn day_month_date(b: &[u8], i: usize) -> Option<DateAt> {
    let n = digits(b, i);
    if !(1..=2).contains(&n) {
        return None;
    }
    let day = number(b, i, n);
    let day_end = skip_ordinal(b, i + n);
    let j = skip_ws(b, skip_byte(b, day_end, b','));
    let (month, name, k) = month_name(b, j)?;
    if j == i + n {
        return None;
    }
    let (year, end) = year_after(b, k);
    Some(DateAt {
        found: date_parts(year.as_ref().map(|y| number(b, y.start, 4)), month, day),
        end,
        year,
        month: name,
        day: i..day_end,
        order: DayMonth::Settled,
    })
}

/// `Nov 20, 2026`, `November 20th 2026`, `Nov. 20`, `Dec 16th` (no year).
fn month_day_date(b: &[u8], i: usize) -> Option<DateAt> {
    let (month, name, j) = month_name(b, i)?;
    let j = skip_ws(b, j);
    let n = digits(b, j);
    if !(1..=2).contains(&n) || j == i {
        return None;
    }
    let day = number(b, j, n);
    let k = skip_ordinal(b, j + n);
    if b.get(k)
        .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b':')
    {
        return None;
    }
    let (year, end) = year_after(b, k);
    Some(DateAt {
        found: date_parts(year.as_ref().map(|y| number(b, y.start, 4)), month, day),
        end,
        year,
        month: name,
        day: j..k,
        order: DayMonth::Settled,
    })
}

/// An optional `, 2026` or ` 2026` after a month and day: where the year is, and the index
/// after it.
fn year_after(b: &[u8], i: usize) -> (Option<Range<usize>>, usize) {
    let j = skip_ws(b, skip_byte(b, i, b','));
    let n = digits(b, j);
    // `2026:` may end a date (`Nov 20, 2026: 7:56am`), but `2026:05` is no year.
    let glued = b.get(j + n).is_some_and(u8::is_ascii_alphanumeric)
        || (b.get(j + n) == Some(&b':') && b.get(j + n + 1).is_some_and(u8::is_ascii_digit));
    if n == 4 && !glued {
        (Some(j..j + 4), j + 4)
    } else {
        (None, i)
    }
}

fn date_parts(year: Option<u32>, month: u32, day: u32) -> DateFound {
    match year {
        Some(year) => full_date(year, month, day),
        None => month_day(month, day),
    }
}

fn full_date(year: u32, month: u32, day: u32) -> DateFound {
    i32::try_from(year)
        .ok()
        .and_then(|year| NaiveDate::from_ymd_opt(year, month, day))
        .map_or(DateFound::Invalid, DateFound::Full)
}

fn month_day(month: u32, day: u32) -> DateFound {
    // 2000 is a leap year, so 29 February is allowed.
    match NaiveDate::from_ymd_opt(2000, month, day) {
        Some(_) => DateFound::MonthDay(month, day),
        None => DateFound::Invalid,
    }
}

/// The months' names, in order.
pub(super) const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// A month name or its abbreviation (`Nov`, `Nov.`, `Sept`, `November`), as 1–12, with where
/// its letters are and the index after it (and after a `.`).
fn month_name(b: &[u8], i: usize) -> Option<(u32, Range<usize>, usize)> {
    let len = letters(b, i);
    let word = &b[i..i + len];
    let index = MONTHS.iter().position(|m| {
        word.eq_ignore_ascii_case(m.as_bytes())
            || (len == 3 && word.eq_ignore_ascii_case(&m.as_bytes()[..3]))
    });
    let index = index.or_else(|| word.eq_ignore_ascii_case(b"sept").then_some(8))?;
    Some((
        u32::try_from(index).ok()? + 1,
        i..i + len,
        skip_byte(b, i + len, b'.'),
    ))
}

/// Skip `st`, `nd`, `rd` or `th` after a day number.
fn skip_ordinal(b: &[u8], i: usize) -> usize {
    let suffix = b.get(i..i + 2).unwrap_or_default();
    let known = [b"st", b"nd", b"rd", b"th"]
        .iter()
        .any(|s| suffix.eq_ignore_ascii_case(*s));
    if known && !b.get(i + 2).is_some_and(u8::is_ascii_alphanumeric) {
        i + 2
    } else {
        i
    }
}
