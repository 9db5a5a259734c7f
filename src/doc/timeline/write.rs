//! Where a new entry goes and how it is written: after the last entry not later than it, in
//! the layout (list item, table row, line, heading) and the stamp style of its neighbour. A
//! line that would not read back as the same instant where it stands is written in pm's own
//! full form instead, so a write never lands on the wrong time.

use chrono::{DateTime, Duration, FixedOffset, Timelike};

use super::date::DayMonth;
use super::entry::{self, LineKind};
use super::{Item, ItemKind, Layout, NAME, Timeline, style};
use crate::doc::sections::SectionNames;
use crate::doc::{Document, place};
use crate::text;
use crate::time::format::format_stamp_in;
use crate::time::zone::Zone;

/// The text of a new entry in pm's own form, without list marker or line break:
/// `2026-11-20 14:05 UTC — text (author)`.
pub(crate) fn entry_text(
    at: DateTime<FixedOffset>,
    zone: Zone,
    text: &str,
    author: Option<&str>,
) -> String {
    let stamp = format_stamp_in(at, zone);
    with_author(&format!("{stamp} — {text}"), author)
}

fn with_author(entry: &str, author: Option<&str>) -> String {
    match author {
        Some(author) => format!("{entry} ({author})"),
        None => entry.to_string(),
    }
}

/// A new entry's place and bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Insertion {
    /// The byte to insert at.
    pub(crate) offset: usize,
    /// What to insert there, line breaks included.
    pub(crate) text: String,
    /// The entry as written, without list marker or table pipes: what `pm timeline add` prints.
    pub(crate) entry: String,
}

/// Where and how a new entry at `at` saying `text` goes, written like its neighbours.
pub(crate) fn insertion(
    doc: &Document,
    names: &SectionNames,
    timeline: &Timeline,
    at: DateTime<FixedOffset>,
    text: &str,
    author: Option<&str>,
) -> Insertion {
    let plain = entry_text(at, timeline.zone, text, author);
    let nl = doc.newline;
    let Some(section) = &timeline.section else {
        let (offset, text) = place::new_section(doc, names, NAME, &format!("- {plain}"));
        return Insertion {
            offset,
            text,
            entry: plain,
        };
    };
    let Some((index, after)) = position(&timeline.items, at) else {
        // After the last line with content (the guidance comment), one blank line apart; or
        // nested under a list item's label.
        let (offset, text) = place::into_empty(doc, section, &format!("- {plain}"));
        return Insertion {
            offset,
            text,
            entry: plain,
        };
    };
    let items = &timeline.items;
    let neighbour = style_neighbour(items, index);
    let written = neighbour
        .and_then(|n| styled(doc, n, items, index, after, at, text, author))
        .unwrap_or_else(|| {
            let n = neighbour.unwrap_or(&items[index]);
            fallback(doc, n, &plain, author)
        });
    let item = &items[index];
    let line = if after {
        item.lines.end
    } else {
        item.lines.start
    };
    let layout = neighbour.map_or(&item.layout, |n| &n.layout);
    let block = match layout {
        Layout::Heading => {
            let (head, body) = written.line.split_once('\n').unwrap_or((&written.line, ""));
            let entry = format!("{head}{nl}{nl}{body}{nl}");
            if after {
                format!("{nl}{entry}")
            } else {
                format!("{entry}{nl}")
            }
        }
        Layout::Plain { alone: true } if after => format!("{nl}{}{nl}", written.line),
        Layout::Plain { alone: true } => format!("{}{nl}{nl}", written.line),
        _ => format!("{}{nl}", written.line),
    };
    let (offset, text) = place::at_line(doc, line, block);
    Insertion {
        offset,
        text,
        entry: written.entry,
    }
}

/// The item to insert next to, and whether after it: after the last entry not later than
/// `at`; before the first dated one when all are later; after the last item when none has a
/// known time. `None` when there are no items.
fn position(items: &[Item], at: DateTime<FixedOffset>) -> Option<(usize, bool)> {
    let last = items.len().checked_sub(1)?;
    let after = items.iter().rposition(|i| i.at().is_some_and(|t| t <= at));
    Some(match after {
        Some(i) => (i, true),
        None => match items.iter().position(|i| i.at().is_some()) {
            Some(first) => (first, false),
            None => (last, true),
        },
    })
}

/// The entry whose style a new one copies: the one it goes next to when that has a time, else
/// the nearest that has.
fn style_neighbour(items: &[Item], index: usize) -> Option<&Item> {
    let timed = |i: &&Item| i.stamp().is_some_and(|s| s.time.is_some());
    if timed(&&items[index]) {
        return Some(&items[index]);
    }
    let before = items[..index].iter().rev().find(timed);
    before.or_else(|| items[index + 1..].iter().find(timed))
}

/// A line written in one way or another, and the entry it shows.
struct Written {
    /// The line (for a heading: the heading, `\n`, the text).
    line: String,
    entry: String,
}

/// The entry in the neighbour's style, when it reads back as `at` where it goes.
#[allow(clippy::too_many_arguments)]
fn styled(
    doc: &Document,
    neighbour: &Item,
    items: &[Item],
    index: usize,
    after: bool,
    at: DateTime<FixedOffset>,
    text: &str,
    author: Option<&str>,
) -> Option<Written> {
    let ItemKind::Entry { stamp, .. } = &neighbour.kind else {
        return None;
    };
    let line = doc.line(neighbour.line);
    let line = line.strip_suffix('\r').unwrap_or(line);
    let at = at.with_nanosecond(0)?;
    let new_stamp = style::restyle(line, stamp, at, neighbour.zone);
    let prefix = text::before(line, stamp.span.start);
    let separator = match text::slice(line, stamp.span.end..stamp.text_start.max(stamp.span.end)) {
        "" => " ",
        sep => sep,
    };
    let (written, shown) = match &neighbour.layout {
        Layout::Table { cells, who } => {
            let row = table_rest(line, stamp.text_start, *cells, *who, text, author);
            (
                format!("{prefix}{new_stamp}{separator}{row}"),
                with_author(&format!("{} — {text}", new_stamp.trim()), author),
            )
        }
        Layout::Heading => {
            let body = with_author(text, author);
            (
                format!("{prefix}{new_stamp}{}\n{body}", separator.trim_end()),
                format!("{new_stamp} {body}"),
            )
        }
        _ => {
            let entry = with_author(&format!("{new_stamp}{separator}{text}"), author);
            (format!("{prefix}{entry}"), entry)
        }
    };
    let first = written.split('\n').next().unwrap_or_default();
    reads_back(first, neighbour, items, index, after, at).then(|| Written {
        line: written.clone(),
        entry: shown.trim().to_string(),
    })
}

/// Whether `line`, put next to item `index`, is read as an entry at `at`.
fn reads_back(
    line: &str,
    neighbour: &Item,
    items: &[Item],
    index: usize,
    after: bool,
    at: DateTime<FixedOffset>,
) -> bool {
    let kind = if neighbour.layout == Layout::Heading {
        entry::parse_heading(line)
    } else {
        entry::parse_line(line)
    };
    let LineKind::Entry(stamp) = kind else {
        return false;
    };
    let day_first = neighbour
        .stamp()
        .is_some_and(|s| s.day_month == DayMonth::DayFirst);
    let stamp = if day_first { stamp.day_first() } else { stamp };
    let item = &items[index];
    // The date a bare time there is read on: the entry's before it, else what dated it.
    let (day, previous) = match (after, item.at()) {
        (true, Some(before)) => (Some(item.zone.date_of(before)), Some(before)),
        _ => (item.day, None),
    };
    let mut read = entry::resolve(&stamp, day, neighbour.zone);
    let dated = stamp.date.is_some() || stamp.month_day.is_some();
    if let (Some(now), Some(before), false) = (read, previous, dated)
        && before - now > Duration::hours(6)
    {
        read = entry::resolve(&stamp, day.and_then(|d| d.succ_opt()), neighbour.zone);
    }
    read == Some(at)
}

/// pm's own form of the entry in the neighbour's layout.
fn fallback(doc: &Document, neighbour: &Item, plain: &str, author: Option<&str>) -> Written {
    let line = doc.line(neighbour.line);
    let line = line.strip_suffix('\r').unwrap_or(line);
    let written = match &neighbour.layout {
        Layout::List { prefix } => format!("{prefix}{plain}"),
        Layout::Plain { .. } => plain.to_string(),
        Layout::Heading => {
            let hashes = line.trim_start().bytes().take_while(|&c| c == b'#').count();
            let (stamp, rest) = plain.split_once(" — ").unwrap_or((plain, ""));
            format!("{} {stamp}\n{rest}", "#".repeat(hashes.max(1)))
        }
        Layout::Table { cells, who } => {
            let (stamp, rest) = plain.split_once(" — ").unwrap_or((plain, ""));
            let rest = match author {
                Some(a) if who.is_some_and(|w| w > 0 && w < *cells) => {
                    rest.strip_suffix(&format!(" ({a})")).unwrap_or(rest)
                }
                _ => rest,
            };
            let mut row = vec![String::new(); (*cells).max(2)];
            row[0] = stamp.to_string();
            row[1] = rest.replace('|', "\\|");
            if let (Some(w), Some(a)) = (who, author)
                && *w > 0
                && *w < row.len()
            {
                row[*w] = a.replace('|', "\\|");
            }
            format!("| {} |", row.join(" | "))
        }
    };
    Written {
        line: written,
        entry: plain.to_string(),
    }
}

/// A table row's cells after its stamp: the text, the author in a "who" column if there is
/// one after it (else after the text), and the neighbour's other cells empty.
fn table_rest(
    line: &str,
    text_start: usize,
    cells: usize,
    who: Option<usize>,
    text: &str,
    author: Option<&str>,
) -> String {
    let pipes = |s: &str| {
        s.as_bytes()
            .windows(1)
            .enumerate()
            .filter(|(i, w)| w[0] == b'|' && (*i == 0 || s.as_bytes()[i - 1] != b'\\'))
            .count()
    };
    let before = text::before(line, text_start);
    let leading = usize::from(line.trim_start().starts_with('|'));
    let column = pipes(before).saturating_sub(leading);
    let trailing = line.trim_end().ends_with('|');
    let escaped = |s: &str| s.replace('|', "\\|");
    let mut out = String::new();
    let who = who.filter(|&w| w > column && w < cells);
    match (who, author) {
        (Some(_), _) | (None, None) => out.push_str(&escaped(text)),
        (None, Some(a)) => out.push_str(&escaped(&format!("{text} ({a})"))),
    }
    for cell in column + 1..cells {
        out.push_str(" | ");
        if who == Some(cell)
            && let Some(a) = author
        {
            out.push_str(&escaped(a));
        }
    }
    if trailing {
        out.push_str(" |");
    }
    out
}

/// Where a line written elsewhere (another clone's entry) goes, inserted exactly as it is.
pub(crate) fn insertion_as_written(
    doc: &Document,
    names: &SectionNames,
    timeline: &Timeline,
    at: DateTime<FixedOffset>,
    line: &str,
) -> (usize, String) {
    let nl = doc.newline;
    let Some(section) = &timeline.section else {
        return place::new_section(doc, names, NAME, line);
    };
    let Some((index, after)) = position(&timeline.items, at) else {
        return place::into_empty(doc, section, line);
    };
    let item = &timeline.items[index];
    let at_line = if after {
        item.lines.end
    } else {
        item.lines.start
    };
    place::at_line(doc, at_line, format!("{line}{nl}"))
}
