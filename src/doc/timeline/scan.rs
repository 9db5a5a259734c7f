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

use chrono::{FixedOffset, NaiveDate, NaiveTime};

use super::bytes::{Bad, Scan, is_ws, letters, skip_byte, skip_ws, word_is};
use super::clock::{range_end_at, time_at};
use super::date::{DateFound, date_at, weekday};
use crate::doc::list_item;

/// A timestamp found at the start of a line's content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Stamp {
    /// The date, when the line gives one with its year.
    pub(crate) date: Option<NaiveDate>,
    /// Month and day of a date written without a year (`Dec 17th`, `[03-26 23:04]`), which
    /// [`resolve`](super::entry::resolve) places in the year nearest the date it assumes.
    pub(crate) month_day: Option<(u32, u32)>,
    pub(crate) time: NaiveTime,
    /// The offset written with the time (`UTC`, `+01:00`, `PST`), if any.
    pub(crate) offset: Option<FixedOffset>,
    /// Marked as known only roughly (`~14:05`, `ca. 14:05`, `around 14:05`).
    pub(crate) approximate: bool,
    /// Byte range of the stamp in the line, including `~`, the zone, and surrounding `**`, `` ` ``
    /// or `[]` when they close right after it.
    pub(crate) span: Range<usize>,
    /// Byte where the entry text begins, after a separator such as ` — `, ` - `, `: ` or ` | `.
    pub(crate) text_start: usize,
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
    let mut approximate = false;
    let mut i = open(b, start, &mut wraps, &mut approximate);
    if let Some(j) = weekday(b, i) {
        i = skip_between(b, j, table, false);
    }
    let mut date = None;
    if let Some((found, j)) = date_at(b, i) {
        date = Some(found);
        i = skip_between(b, j, table, true);
        i = open(b, i, &mut wraps, &mut approximate);
    }
    let Some((time, j)) = time_at(s, i, date.is_some())? else {
        return Ok(None);
    };
    let mut zone = time.zone;
    let mut end = j;
    if let Some(range_end) = range_end_at(s, end, date.is_some()) {
        zone = zone.or(range_end.zone);
        end = range_end.end;
    }
    if date.is_none() {
        // A full date after the time: `13:15 PST 29 April 2022 - …`.
        let k = skip_ws(b, skip_byte(b, skip_ws(b, end), b','));
        if let Some((DateFound::Full(found), j)) = date_at(b, k) {
            date = Some(DateFound::Full(found));
            end = j;
        }
    }
    if b.get(end).is_some_and(u8::is_ascii_alphanumeric) {
        return Err(Bad);
    }
    let end = wraps.close(b, end);
    let text_start = skip_separator(b, end, table);
    let (date, month_day) = match date {
        None => (None, None),
        Some(DateFound::Full(date)) => (Some(date), None),
        Some(DateFound::MonthDay(month, day)) => (None, Some((month, day))),
        Some(DateFound::Invalid) => return Err(Bad),
    };
    Ok(Some(Stamp {
        date,
        month_day,
        time: time.time,
        offset: zone,
        approximate,
        span: start..end,
        text_start,
    }))
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

/// The closing marks expected for the emphasis, code spans, brackets and HTML tags opened
/// before a stamp, innermost last. Fixed-size, since the scanner must not allocate.
#[derive(Default)]
struct Wrappers {
    closers: [Closer; 6],
    len: usize,
}

#[derive(Clone, Copy, Default)]
enum Closer {
    #[default]
    None,
    Mark(&'static [u8]),
    /// An HTML tag, by the byte range of its name.
    Tag(usize, usize),
}

impl Wrappers {
    fn push(&mut self, closer: Closer) -> bool {
        let Some(slot) = self.closers.get_mut(self.len) else {
            return false;
        };
        *slot = closer;
        self.len += 1;
        true
    }

    /// Consume the closing marks that follow `i`, innermost first, allowing `:` or `,` and
    /// spaces before each (`**14:05:**`, `<strong>10:30 AM:</strong>`).
    fn close(&mut self, b: &[u8], mut i: usize) -> usize {
        while self.len > 0 {
            let mut j = skip_ws(b, i);
            j = skip_ws(b, skip_byte(b, skip_byte(b, j, b':'), b','));
            let closed = match self.closers[self.len - 1] {
                Closer::Mark(mark) => b[j..].starts_with(mark).then_some(j + mark.len()),
                Closer::Tag(from, to) => {
                    let name = &b[from..to];
                    let end = j + 2 + name.len();
                    (b[j..].starts_with(b"</")
                        && b.get(j + 2..end)
                            .is_some_and(|n| n.eq_ignore_ascii_case(name))
                        && b.get(end) == Some(&b'>'))
                    .then_some(end + 1)
                }
                Closer::None => None,
            };
            let Some(after) = closed else { break };
            i = after;
            self.len -= 1;
        }
        i
    }
}

/// Skip opening emphasis, code, brackets and HTML tags, and approximation marks (`~`, `ca.`,
/// `approx.`, `around`, `circa`), in any order.
fn open(b: &[u8], mut i: usize, wraps: &mut Wrappers, approximate: &mut bool) -> usize {
    for _ in 0..8 {
        let rest = &b[i..];
        let (len, closer): (usize, Closer) = match rest.first() {
            Some(b'*') if rest.starts_with(b"**") => (2, Closer::Mark(b"**")),
            Some(b'_') if rest.starts_with(b"__") => (2, Closer::Mark(b"__")),
            Some(b'*') => (1, Closer::Mark(b"*")),
            Some(b'_') => (1, Closer::Mark(b"_")),
            Some(b'`') => (1, Closer::Mark(b"`")),
            Some(b'[') => (1, Closer::Mark(b"]")),
            Some(b'(') => (1, Closer::Mark(b")")),
            Some(b'<') if rest.get(1).is_some_and(u8::is_ascii_alphabetic) => {
                let name_len = 1 + rest[1..]
                    .iter()
                    .take_while(|c| c.is_ascii_alphanumeric())
                    .count();
                let Some(close) = rest.iter().take(200).position(|&c| c == b'>') else {
                    break;
                };
                (close + 1, Closer::Tag(i + 1, i + name_len))
            }
            Some(b'~') => {
                *approximate = true;
                i = skip_ws(b, i + 1);
                continue;
            }
            _ => {
                let Some(j) = approximation_word(b, i) else {
                    break;
                };
                *approximate = true;
                i = j;
                continue;
            }
        };
        if !wraps.push(closer) {
            break;
        }
        i += len;
    }
    i
}

/// `ca.`, `approx.`, `approx`, `approximately`, `around` or `circa`, with the spaces after it.
fn approximation_word(b: &[u8], i: usize) -> Option<usize> {
    const WORDS: &[&str] = &["ca", "approx", "approximately", "around", "circa"];
    let len = letters(b, i);
    if !WORDS
        .iter()
        .any(|w| b[i..i + len].eq_ignore_ascii_case(w.as_bytes()))
    {
        return None;
    }
    let j = skip_byte(b, i + len, b'.');
    let k = skip_ws(b, j);
    (k > j || j > i + len).then_some(k)
}
