//! The Timeline section of a document: its entries (each line read with [`entry`]), and where
//! a new entry goes.

mod bytes;
mod clock;
mod date;
pub(crate) mod entry;
mod scan;

use std::ops::Range;

use chrono::{DateTime, Duration, FixedOffset, NaiveDate};
use chrono_tz::Tz;

use self::entry::LineKind;
use self::scan::Stamp;
use crate::doc::sections::{BlockKind, Section, SectionNames};
use crate::doc::{Document, list_item, place};
use crate::time::format::format_stamp_in;
use crate::time::zone::{self, Zone};

pub(crate) const NAME: &str = "Timeline";

/// The timeline of one document, as found.
#[derive(Debug)]
pub(crate) struct Timeline {
    pub(crate) section: Option<Section>,
    /// The zone bare times are in: the one the section declares, else the wiki's.
    pub(crate) zone: Zone,
    pub(crate) items: Vec<Item>,
}

/// One line of the timeline that starts like a timestamp.
#[derive(Debug)]
pub(crate) struct Item {
    /// 0-based line of the entry's timestamp.
    pub(crate) line: usize,
    /// The entry's lines, continuation lines of a list item included.
    pub(crate) lines: Range<usize>,
    pub(crate) layout: Layout,
    pub(crate) kind: ItemKind,
}

#[derive(Debug)]
pub(crate) enum ItemKind {
    /// A readable stamp; `at` is `None` when no date is known for it (no `started`, no date
    /// in the timeline) or the local time does not exist.
    Entry {
        stamp: Stamp,
        at: Option<DateTime<FixedOffset>>,
    },
    /// Starts like a timestamp but cannot be read.
    Unreadable,
}

/// How an entry is written, so a new one matches its neighbours.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Layout {
    /// A list item; the prefix up to its content (`- `, `  * `, `1. `).
    List { prefix: String },
    /// A table row with this many cells; the index of a "who" column, if any.
    Table { cells: usize, who: Option<usize> },
    /// A line of a paragraph.
    Plain,
}

impl Item {
    pub(crate) fn at(&self) -> Option<DateTime<FixedOffset>> {
        match &self.kind {
            ItemKind::Entry { at, .. } => *at,
            ItemKind::Unreadable => None,
        }
    }
}

/// Read the timeline of `doc`. `wiki_zone` is the zone for bare times when the section
/// declares none; `fallback_date` the date of bare times when neither `started` nor an entry
/// gives one (most hand-written documents), so they can still be ordered.
pub(crate) fn read(
    doc: &Document,
    names: &SectionNames,
    wiki_zone: Tz,
    fallback_date: NaiveDate,
) -> Timeline {
    let Some(section) = doc.section(names, NAME) else {
        return Timeline {
            section: None,
            zone: Zone::Named(wiki_zone),
            items: Vec::new(),
        };
    };
    let declared = declared_zone(doc, section);
    let mut items = Vec::new();
    // Day headings inside the timeline (`### 2026-11-20`) date the bare times under them.
    let mut days: Vec<(usize, NaiveDate)> = Vec::new();
    let body = section.body.clone();
    for block in doc.blocks_in(section) {
        let lines = block.lines.start.max(body.start)..block.lines.end.min(body.end);
        if lines.is_empty() {
            continue;
        }
        match &block.kind {
            BlockKind::List { items: list } => {
                for item in list {
                    let first = item.start;
                    if !lines.contains(&first) {
                        continue;
                    }
                    let end = place::trim_blank_end(doc, first..item.end.min(body.end));
                    let layout = |line: usize| Layout::List {
                        prefix: list_item::prefix(doc.line(line)).to_string(),
                    };
                    let before = items.len();
                    push(&mut items, doc, first, first..end, layout(first));
                    if items.len() == before {
                        // A day's bullet (`- Nov 20`) with the entries nested under it.
                        for line in first + 1..end {
                            push(&mut items, doc, line, line..line + 1, layout(line));
                        }
                    }
                }
            }
            BlockKind::Table => {
                let header = doc.line(block.lines.start);
                let cells = table_cells(header);
                let who = cells.iter().position(|c| {
                    let c = c.trim_matches(['*', '_', '`']).trim().to_ascii_lowercase();
                    ["who", "author", "by", "owner", "person"].contains(&c.as_str())
                });
                let layout = Layout::Table {
                    cells: cells.len(),
                    who,
                };
                // The header and the separator row are not entries.
                for line in lines.start.max(block.lines.start + 2)..lines.end {
                    push(&mut items, doc, line, line..line + 1, layout.clone());
                }
            }
            BlockKind::Heading { text, .. } => {
                if let Some(day) = date_in(text) {
                    days.push((block.lines.start, day));
                }
            }
            BlockKind::Paragraph => {
                for line in lines {
                    let before = items.len();
                    push(&mut items, doc, line, line..line + 1, Layout::Plain);
                    // A line that is not an entry continues the one before it.
                    if items.len() == before
                        && let Some(last) = items.last_mut()
                        && last.layout == Layout::Plain
                        && last.lines.end == line
                    {
                        last.lines.end = line + 1;
                    }
                }
            }
            _ => {}
        }
    }
    // No zone declared: the one every entry writes (`8:05 AM PST`), else the wiki's.
    let zone = declared
        .or_else(|| {
            common_offset(&items)
                .filter(|o| !zone::uses_offset(wiki_zone, *o, fallback_date))
                .map(Zone::Fixed)
        })
        .unwrap_or(Zone::Named(wiki_zone));
    resolve_all(doc, &mut items, &days, zone, fallback_date);
    Timeline {
        section: Some(section.clone()),
        zone,
        items,
    }
}

fn push(items: &mut Vec<Item>, doc: &Document, line: usize, lines: Range<usize>, layout: Layout) {
    let kind = match entry::parse_line(doc.line(line)) {
        LineKind::Entry(stamp) => ItemKind::Entry { stamp, at: None },
        LineKind::Unreadable => ItemKind::Unreadable,
        LineKind::NotAnEntry => return,
    };
    items.push(Item {
        line,
        lines,
        layout,
        kind,
    });
}

/// Give each entry its instant. Bare times take the date of the entry before them (the
/// document's `started` for the first); a bare time more than six hours before the previous
/// entry is taken to be after midnight.
fn resolve_all(
    doc: &Document,
    items: &mut [Item],
    days: &[(usize, NaiveDate)],
    zone: Zone,
    fallback_date: NaiveDate,
) {
    let started = doc.meta.started();
    let mut date = Some(started.map_or(fallback_date, |s| zone.date_of(s)));
    let mut previous: Option<DateTime<FixedOffset>> = None;
    let mut next_day = days.iter().peekable();
    for item in items {
        while let Some((_, day)) = next_day.next_if(|(line, _)| *line < item.line) {
            date = Some(*day);
            previous = None;
        }
        let ItemKind::Entry { stamp, at } = &mut item.kind else {
            continue;
        };
        let mut resolved = entry::resolve(stamp, date, zone);
        let dated = stamp.date.is_some() || stamp.month_day.is_some();
        if let (Some(now), Some(before), false) = (resolved, previous, dated)
            && before - now > Duration::hours(6)
        {
            let next_day = date.and_then(|d| d.succ_opt());
            resolved = entry::resolve(stamp, next_day, zone).or(resolved);
        }
        if let Some(found) = resolved {
            date = Some(zone.date_of(found));
            previous = Some(found);
        }
        *at = resolved;
    }
}

/// The offset all entries are written with, when they all give the same one.
fn common_offset(items: &[Item]) -> Option<FixedOffset> {
    let mut offsets = items.iter().filter_map(|i| match &i.kind {
        ItemKind::Entry { stamp, .. } => Some(stamp.offset),
        ItemKind::Unreadable => None,
    });
    let first = offsets.next()??;
    offsets.all(|o| o == Some(first)).then_some(first)
}

/// The first `YYYY-MM-DD` in a heading.
fn date_in(text: &str) -> Option<NaiveDate> {
    let b = text.as_bytes();
    (0..b.len().saturating_sub(9)).find_map(|i| {
        let candidate = text.get(i..i + 10)?;
        let shaped = candidate.bytes().enumerate().all(|(j, c)| match j {
            4 | 7 => c == b'-',
            _ => c.is_ascii_digit(),
        });
        let boundary = i == 0 || !b[i - 1].is_ascii_digit();
        (shaped && boundary)
            .then(|| NaiveDate::parse_from_str(candidate, "%Y-%m-%d").ok())
            .flatten()
    })
}

/// The zone the heading, or a line of the section before its first entry, declares.
fn declared_zone(doc: &Document, section: &Section) -> Option<Zone> {
    let heading = doc.line(section.heading.start);
    // Guidance comments talk about zones too ("with the zone written out: … UTC"); they
    // declare nothing.
    let in_comment = |i: usize| {
        doc.blocks
            .iter()
            .any(|b| b.kind == BlockKind::Html && b.lines.contains(&i))
    };
    zone::zone_hint(heading).or_else(|| {
        section
            .body
            .clone()
            .filter(|&i| !in_comment(i))
            .map(|i| doc.line(i))
            .take_while(|line| !matches!(entry::parse_line(line), LineKind::Entry(_)))
            .filter(|line| !line.trim().is_empty())
            .take(5)
            .find_map(zone::zone_hint)
    })
}

fn table_cells(row: &str) -> Vec<String> {
    let row = row.trim();
    let row = row.strip_prefix('|').unwrap_or(row);
    let row = row.strip_suffix('|').unwrap_or(row);
    row.split('|').map(|c| c.trim().to_string()).collect()
}

/// The text of a new entry, without list marker or line break: `2026-11-20 14:05 UTC — text
/// (author)`.
pub(crate) fn entry_text(
    at: DateTime<FixedOffset>,
    zone: Zone,
    text: &str,
    author: Option<&str>,
) -> String {
    let stamp = format_stamp_in(at, zone);
    match author {
        Some(author) => format!("{stamp} — {text} ({author})"),
        None => format!("{stamp} — {text}"),
    }
}

/// Where and how a new entry at `at` goes: the byte to insert at and the text to insert,
/// written in the layout of its neighbours.
pub(crate) fn insertion(
    doc: &Document,
    names: &SectionNames,
    timeline: &Timeline,
    at: DateTime<FixedOffset>,
    entry: &str,
    author: Option<&str>,
) -> (usize, String) {
    let row = |neighbour: &Item| match &neighbour.layout {
        Layout::List { prefix } => format!("{prefix}{entry}"),
        Layout::Plain => entry.to_string(),
        Layout::Table { cells, who } => table_row(entry, author, *cells, *who),
    };
    place_entry(doc, names, timeline, at, &format!("- {entry}"), &row)
}

/// Where a line written elsewhere (another clone's entry) goes, inserted exactly as it is.
pub(crate) fn insertion_as_written(
    doc: &Document,
    names: &SectionNames,
    timeline: &Timeline,
    at: DateTime<FixedOffset>,
    line: &str,
) -> (usize, String) {
    place_entry(doc, names, timeline, at, line, &|_| line.to_string())
}

/// After the last entry not later than `at`; before the first entry when all are later;
/// after the last one when none has a known time; in an empty section after its guidance,
/// and in a new section where the template has it. `row` writes the line for a neighbour.
fn place_entry(
    doc: &Document,
    names: &SectionNames,
    timeline: &Timeline,
    at: DateTime<FixedOffset>,
    first: &str,
    row: &dyn Fn(&Item) -> String,
) -> (usize, String) {
    let nl = doc.newline;
    let Some(section) = &timeline.section else {
        return place::new_section(doc, names, NAME, first);
    };
    let items = &timeline.items;
    let Some(last_item) = items.last() else {
        return place::into_empty(doc, section, first);
    };
    let after = items.iter().rposition(|i| i.at().is_some_and(|t| t <= at));
    let (neighbour, line) = match after {
        Some(i) => (&items[i], items[i].lines.end),
        None if items.iter().any(|i| i.at().is_some()) => (&items[0], items[0].lines.start),
        None => (last_item, last_item.lines.end),
    };
    place::at_line(doc, line, format!("{}{nl}", row(neighbour)))
}

/// A table row for the entry: the stamp, the text, the author in a "who" column if there is
/// one, and empty cells for the rest.
fn table_row(entry: &str, author: Option<&str>, cells: usize, who: Option<usize>) -> String {
    let (stamp, rest) = entry.split_once(" — ").unwrap_or((entry, ""));
    let mut row = vec![String::new(); cells.max(2)];
    row[0] = stamp.to_string();
    let escaped = |s: &str| s.replace('|', "\\|");
    match (who, author) {
        (Some(w), Some(a)) if w > 0 && w < row.len() => {
            let suffix = format!(" ({a})");
            row[1] = escaped(rest.strip_suffix(&suffix).unwrap_or(rest));
            row[w] = escaped(a);
        }
        _ => row[1] = escaped(rest),
    }
    format!("| {} |", row.join(" | "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{UserConfig, load};
    use crate::doc::splice;

    /// Real documents that panicked by slicing inside a character or past a line's end; each
    /// is read and gets an entry inserted.
    #[test]
    fn odd_list_lines_neither_panic_nor_lose_bytes() {
        let documents = [
            "## Timeline\n\n### 14:00\n\nwhile investigating:\n\n- The method is not returning:\n\n        server failed to start in 300 seconds\n",
            "## Timeline\n\n- Friday\n  – 14:05 paged\n",
            "## Timeline\n\n- Friday\n\n",
        ];
        let config = load(
            std::path::Path::new("/no-wiki-here"),
            &UserConfig::default(),
        )
        .unwrap();
        let names = config.section_names();
        let day = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap_or_default();
        for text in documents {
            let doc = Document::parse(text.to_string());
            let timeline = read(&doc, &names, chrono_tz::UTC, day);
            let at = DateTime::parse_from_rfc3339("2026-11-20T14:10:00Z").unwrap();
            let entry = entry_text(at, timeline.zone, "rolled back", None);
            let (offset, insert) = insertion(&doc, &names, &timeline, at, &entry, None);
            let out = splice::apply(&doc.text, &[splice::Edit::insert(offset, insert.clone())]);
            assert_eq!(out.replacen(&insert, "", 1), text, "{text:?}");
        }
    }
}
