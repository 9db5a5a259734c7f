//! The line structure around a timeline stamp: list markers, quotes, table cells, emphasis,
//! code, brackets and HTML tags, approximation marks, and the separator before the text.
//!
//! Every function takes the line and a byte index, and returns the index after what it read.
//! Indices only ever stop after ASCII bytes or whole UTF-8 sequences, so slicing the line at
//! them is safe.

// The scanner reads best in the usual names: `b` for the bytes, `i`, `j`, `k` for positions in
// them, `n` for a count of digits.
#![allow(clippy::many_single_char_names)]

use std::ops::Range;

use chrono::{Datelike, FixedOffset, NaiveDate, NaiveTime};

use super::bytes::{Bad, Scan, is_ws, skip_byte, skip_ws, word_is};
use super::clock::{range_end_at, time_at};
use super::date::{DateAt, DateFound, DayMonth, date_at, weekday};
use super::wrap::{Wrappers, open};
use crate::doc::list_item;

/// A timestamp found at the start of a line's content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Stamp {
    /// The date, when the line gives one with its year.
    pub(crate) date: Option<NaiveDate>,
    /// Month and day of a date written without a year (`Dec 17th`, `[03-26 23:04]`), which
    /// [`resolve`](super::entry::resolve) places in the year nearest the date it assumes.
    pub(crate) month_day: Option<(u32, u32)>,
    /// What a numeric date's order is, or whether it could be read either way; `date` and
    /// `month_day` then hold the month-first reading.
    pub(crate) day_month: DayMonth,
    /// The time of day; `None` for a line that gives only a date (`- 2023-03-14: released`).
    pub(crate) time: Option<NaiveTime>,
    /// The offset written with the time (`UTC`, `+01:00`, `PST`), if any.
    pub(crate) offset: Option<FixedOffset>,
    /// Marked as known only roughly (`~14:05`, `ca. 14:05`, `around 14:05`).
    pub(crate) approximate: bool,
    /// Byte range of the stamp in the line, including `~`, the zone, and surrounding `**`, `` ` ``
    /// or `[]` when they close right after it.
    pub(crate) span: Range<usize>,
    /// Byte where the entry text begins, after a separator such as ` — `, ` - `, `: ` or ` | `.
    pub(crate) text_start: usize,
    /// Where each part is written, so that a new entry can be written the same way.
    pub(crate) fields: Fields,
}

impl Stamp {
    /// The stamp with its day and month swapped, for a document that writes the day first;
    /// itself when its date reads only one way.
    pub(crate) fn day_first(&self) -> Stamp {
        let mut stamp = self.clone();
        if self.day_month != DayMonth::Either {
            return stamp;
        }
        stamp.date = self
            .date
            .and_then(|d| NaiveDate::from_ymd_opt(d.year(), d.day(), d.month()));
        stamp.month_day = self.month_day.map(|(month, day)| (day, month));
        std::mem::swap(&mut stamp.fields.month, &mut stamp.fields.day);
        stamp.day_month = DayMonth::DayFirst;
        stamp
    }
}

/// Where each part of a stamp is written in its line (byte ranges).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Fields {
    pub(crate) weekday: Option<Range<usize>>,
    pub(crate) year: Option<Range<usize>>,
    /// Digits, or a name's letters.
    pub(crate) month: Option<Range<usize>>,
    /// Digits and any ordinal suffix.
    pub(crate) day: Option<Range<usize>>,
    pub(crate) hour: Option<Range<usize>>,
    pub(crate) minute: Option<Range<usize>>,
    pub(crate) second: Option<Range<usize>>,
    pub(crate) meridiem: Option<Range<usize>>,
    /// The zone as written, the range end's when only it names one.
    pub(crate) zone: Option<Range<usize>>,
    /// The end of a range (`-04:30` in `02:00-04:30`), from after the start's time to after the
    /// end's time.
    pub(crate) range_end: Option<Range<usize>>,
    /// An approximation mark (`~`, `ca. `, `around `) and the spaces after it.
    pub(crate) approximation: Option<Range<usize>>,
}

/// Where a line's content starts, after indentation, `>` quotes, list markers (`-`, `*`, `+`,
/// `1.`, `1)`), a task box and a table row's leading `|`. `None` for blank lines, headings and
/// lines whose first byte cannot start a timestamp. `true` when the line is a table row.
pub(super) fn content_start(b: &[u8]) -> Option<(usize, bool)> {
    let mut i = skip_ws(b, 0);
    let first = i;
    let mut table = false;
    loop {
        match b.get(i)? {
            b'#' => return None,
            b'>' => i = skip_ws(b, i + 1),
            b'|' if i == first => {
                table = true;
                i = skip_ws(b, i + 1);
            }
            _ => {
                // A marker or box with the stamp right after it: a bare `-` or `1.` holds none.
                let rest = b.get(i..).unwrap_or_default();
                let marker = list_item::commonmark_marker(rest).map(|width| i + width);
                let task = list_item::task_box(b, i)
                    .filter(|task| task.mark.is_some())
                    .map(|task| task.end);
                match marker.or(task) {
                    Some(end) if is_ws(b.get(end).copied()) => i = skip_ws(b, end),
                    _ => break,
                }
            }
        }
    }
    may_start_stamp(*b.get(i)?).then_some((i, table))
}

/// Where a heading's text starts, after its `#` marks: `None` when the line is no ATX heading
/// or its text cannot start a timestamp.
pub(super) fn heading_start(b: &[u8]) -> Option<usize> {
    let i = skip_ws(b, 0);
    let hashes = b[i..].iter().take_while(|&&c| c == b'#').count();
    if !(1..=6).contains(&hashes) || !is_ws(b.get(i + hashes).copied()) {
        return None;
    }
    let start = skip_ws(b, i + hashes);
    may_start_stamp(*b.get(start)?).then_some(start)
}

/// Whether a stamp can start with this byte: a digit, `~`, emphasis, a bracket, an HTML tag,
/// or a letter that starts a month, a weekday or an approximation word.
fn may_start_stamp(c: u8) -> bool {
    matches!(
        c,
        b'0'..=b'9' | b'~' | b'*' | b'_' | b'`' | b'[' | b'(' | b'<'
    ) || matches!(
        c.to_ascii_lowercase(),
        b'a' | b'c' | b'd' | b'f' | b'j' | b'm' | b'n' | b'o' | b's' | b't' | b'w'
    )
}

/// Read a whole stamp at `start` and the separator after it.
pub(super) fn scan_stamp(s: &str, start: usize, table: bool) -> Scan<Stamp> {
    let b = s.as_bytes();
    let mut wraps = Wrappers::default();
    let mut fields = Fields::default();
    let mut i = open(b, start, &mut wraps, &mut fields.approximation);
    if wraps.len > 0 && placeholder_at(b, i) {
        // `[???]`, `**XX:XX**`: the time slot is there, the time is not.
        return Err(Bad);
    }
    if let Some((name, j)) = weekday(b, i) {
        fields.weekday = Some(name);
        i = skip_between(b, j, table, false);
    }
    let mut date: Option<DateAt> = None;
    let mut after_date = i;
    let mut wraps_at_date = Wrappers::default();
    if let Some(found) = date_at(b, i) {
        after_date = found.end;
        wraps_at_date = wraps.clone();
        i = skip_between(b, found.end, table, true);
        i = open(b, i, &mut wraps, &mut fields.approximation);
        date = Some(found);
    }
    let time = time_at(s, i, date.is_some())?;
    let Some((time, j)) = time else {
        return match date {
            Some(date) => date_only(b, start, after_date, date, wraps_at_date, fields, table),
            None => Ok(None),
        };
    };
    let mut zone = time.zone;
    fields.zone = time.zone_text.clone();
    let mut end = j;
    if let Some(range_end) = range_end_at(s, end, date.is_some()) {
        let start_end = time
            .meridiem
            .clone()
            .or(time.second.clone())
            .or(time.minute.clone())
            .map_or(time.hour.end, |r| r.end);
        if zone.is_none() {
            zone = range_end.zone;
            fields.zone = range_end.zone_text;
            fields.range_end = Some(start_end..range_end.time_end);
        } else {
            fields.range_end = Some(j..range_end.end);
        }
        end = range_end.end;
    }
    if date.is_none() {
        // A full date after the time: `13:15 PST 29 April 2022 - …`.
        let k = skip_ws(b, skip_byte(b, skip_ws(b, end), b','));
        if let Some(found) = date_at(b, k)
            && matches!(found.found, DateFound::Full(_))
        {
            end = found.end;
            date = Some(found);
        }
    }
    if b.get(end).is_some_and(u8::is_ascii_alphanumeric) {
        return Err(Bad);
    }
    fields.hour = Some(time.hour);
    fields.minute = time.minute;
    fields.second = time.second;
    fields.meridiem = time.meridiem;
    let end = wraps.close(b, end);
    let text_start = skip_separator(b, end, table);
    let (date, month_day, day_month) = dated(date, &mut fields)?;
    Ok(Some(Stamp {
        date,
        month_day,
        day_month,
        time: Some(time.time),
        offset: zone,
        approximate: fields.approximation.is_some(),
        span: start..end,
        text_start,
        fields,
    }))
}

/// The date found, as a stamp holds it, its parts recorded in `fields`.
/// A stamp's date, its month and day without a year, and what its numbers say of their order.
type Dated = (Option<NaiveDate>, Option<(u32, u32)>, DayMonth);

fn dated(date: Option<DateAt>, fields: &mut Fields) -> Result<Dated, Bad> {
    let Some(date) = date else {
        return Ok((None, None, DayMonth::Settled));
    };
    fields.year = date.year;
    fields.month = Some(date.month);
    fields.day = Some(date.day);
    match date.found {
        DateFound::Full(found) => Ok((Some(found), None, date.order)),
        DateFound::MonthDay(month, day) => Ok((None, Some((month, day)), date.order)),
        DateFound::Invalid => Err(Bad),
    }
}

/// A line that gives a date and no time (`- **2023-03-14**: released`, `10/31/2022 - …`, a
/// day heading): a stamp only when a separator or the end of the line follows the date, so
/// that `- May 3rd deploy` stays text.
fn date_only(
    b: &[u8],
    start: usize,
    after_date: usize,
    date: DateAt,
    mut wraps: Wrappers,
    mut fields: Fields,
    table: bool,
) -> Scan<Stamp> {
    let end = wraps.close(b, after_date);
    let j = skip_ws(b, end);
    let closed = end > after_date;
    let separated = j == b.len()
        || matches!(b[j], b':' | b'|' | b',' | b'(')
        || (b[j] == b'-' && is_ws(b.get(j + 1).copied()))
        || b[j..].starts_with("—".as_bytes())
        || b[j..].starts_with("–".as_bytes());
    if !(closed || separated) || wraps.len > 0 {
        return Ok(None);
    }
    let text_start = skip_separator(b, end, table);
    let (date, month_day, day_month) = dated(Some(date), &mut fields)?;
    Ok(Some(Stamp {
        date,
        month_day,
        day_month,
        time: None,
        offset: None,
        approximate: fields.approximation.is_some(),
        span: start..end,
        text_start,
        fields,
    }))
}

/// Whether the time slot at `i`, inside brackets or emphasis, holds only placeholders: `???`,
/// `XX:XX`, `??:??`.
fn placeholder_at(b: &[u8], i: usize) -> bool {
    let run = b
        .get(i..)
        .unwrap_or_default()
        .iter()
        .take_while(|c| matches!(c, b'?' | b'X' | b'x' | b':'))
        .count();
    let slot = &b[i..i + run];
    let closes = matches!(b.get(i + run), Some(b']' | b'*' | b'`' | b')' | b'_'));
    let marks = slot.iter().filter(|c| **c != b':').count();
    closes && marks >= 2 && (slot.contains(&b'?') || slot.contains(&b':'))
}

/// Skip the separator between a stamp and its text (` — `, ` – `, ` - `, `: `, ` | `, `, `),
/// or just whitespace.
fn skip_separator(b: &[u8], i: usize, table: bool) -> usize {
    let i = skip_ws(b, i);
    let j = if b[i..].starts_with("—".as_bytes()) || b[i..].starts_with("–".as_bytes()) {
        i + 3
    } else {
        match b.get(i) {
            Some(b'-') => i + b[i..].iter().take_while(|&&c| c == b'-').count(),
            Some(b':' | b',') => i + 1,
            Some(b'|') if table || is_ws(b.get(i + 1).copied()) => i + 1,
            _ => i,
        }
    };
    skip_ws(b, j)
}

/// Skip what may stand between a weekday, a date and a time: spaces, one `,`, a table's `|`,
/// and after a date also ` - `, `: ` or `at`.
fn skip_between(b: &[u8], i: usize, table: bool, after_date: bool) -> usize {
    let j = skip_ws(b, i);
    let k = match b.get(j) {
        Some(b',') => j + 1,
        Some(b'|') if table => j + 1,
        Some(b'-' | b':') if after_date && is_ws(b.get(j + 1).copied()) => j + 1,
        Some(b'a' | b'A') if after_date && word_is(b, j, "at") => j + 2,
        _ if after_date && b[j..].starts_with("–".as_bytes()) => j + 3,
        _ => j,
    };
    skip_ws(b, k)
}

/// The dates written anywhere in `text` (a heading, a summary line), each as a stamp without a
/// time, in order.
pub(super) fn dates_in(text: &str) -> impl Iterator<Item = Stamp> + '_ {
    let b = text.as_bytes();
    (0..b.len()).filter_map(move |i| {
        let starts = b[i].is_ascii_alphanumeric()
            && (i == 0 || !(b[i - 1].is_ascii_alphanumeric() || b"./-:".contains(&b[i - 1])));
        if !starts {
            return None;
        }
        let found = date_at(b, i)?;
        let end = found.end;
        let mut fields = Fields::default();
        let (date, month_day, day_month) = dated(Some(found), &mut fields).ok()?;
        Some(Stamp {
            date,
            month_day,
            day_month,
            time: None,
            offset: None,
            approximate: false,
            span: i..end,
            text_start: end,
            fields,
        })
    })
}

/// The zone written after the first time in `text` that has one (`… 12:00 PM (UTC-5)`).
pub(super) fn zone_after_time_in(text: &str) -> Option<FixedOffset> {
    let b = text.as_bytes();
    (0..b.len()).find_map(|i| {
        let starts = b[i].is_ascii_digit() && (i == 0 || !b[i - 1].is_ascii_alphanumeric());
        if !starts {
            return None;
        }
        time_at(text, i, false).ok()??.0.zone
    })
}
