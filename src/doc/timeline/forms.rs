//! The forms a timeline entry takes inside a section: list items (and their nested items),
//! table rows, lines of a paragraph, and headings whose paragraphs are the entry's text; and the
//! lines that date what follows them (day headings, lone date lines).

use std::ops::Range;

use super::entry::{self, LineKind};
use super::scan::Stamp;
use super::{Item, ItemKind, Layout, incident};
use crate::doc::sections::{BlockKind, Section};
use crate::doc::{Document, list_item, place};
use crate::time::zone::{self, Zone};

/// What the sections hold, before the instants are worked out.
#[derive(Default)]
pub(super) struct Found {
    pub(super) items: Vec<Item>,
    /// Lines that date what follows them, and the date they give.
    pub(super) days: Vec<(usize, Stamp)>,
    /// Day headings that state a zone (`### 03-10-2021 (All times CEST)`).
    pub(super) zones: Vec<(usize, Zone)>,
}

pub(super) fn read_section(doc: &Document, section: &Section, found: &mut Found) {
    if let Some(day) = incident::date_stamp(doc.line(section.heading.start)) {
        found.days.push((section.heading.start, day));
    }
    let body = section.body.clone();
    // The section's blocks (a list item label's nested content too), code left out.
    let blocks: Vec<_> = doc
        .blocks_in(section)
        .into_iter()
        .filter(|b| b.kind != BlockKind::Code)
        .collect();
    for (n, block) in blocks.iter().enumerate() {
        let lines = block.lines.start.max(body.start)..block.lines.end.min(body.end);
        match &block.kind {
            BlockKind::List { items: list } => {
                for item in list {
                    if lines.contains(&item.start) {
                        list_item(doc, item.start..item.end.min(body.end), found);
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
                    push(found, doc, line, line..line + 1, layout.clone());
                }
            }
            BlockKind::Heading { .. } => {
                // A heading entry's text is the paragraphs below it, up to the next heading.
                let next = blocks[n + 1..]
                    .iter()
                    .find(|b| matches!(b.kind, BlockKind::Heading { .. }))
                    .map_or(body.end, |b| b.lines.start);
                let end = place::trim_blank_end(doc, lines.start..next.min(body.end));
                heading(doc, lines.start, end, found);
            }
            BlockKind::Paragraph => paragraph(doc, lines, found),
            _ => {}
        }
    }
}

/// A heading inside the timeline: an entry when it starts with a time (its text below it), a
/// day (and an entry, as a journal writes them) when it starts with a date, else a day heading
/// when a date is in it.
fn heading(doc: &Document, line: usize, end: usize, found: &mut Found) {
    let text = doc.line(line);
    let hint = zone::zone_hint(text).or_else(|| {
        // `### 03-10-2021 (CEST)`: a zone alone in brackets.
        let inside = text.rsplit_once('(')?.1.split_once(')')?.0.trim();
        zone::zone_hint(&format!("times {inside}"))
    });
    if let Some(zone) = hint {
        found.zones.push((line, zone));
    }
    match entry::parse_heading(text) {
        LineKind::Entry(stamp) => {
            if stamp.time.is_none() {
                found.days.push((line, stamp.clone()));
            }
            let lines = if stamp.time.is_some() {
                line..end
            } else {
                line..line + 1
            };
            found
                .items
                .push(entry_item(line, lines, Layout::Heading, stamp));
        }
        LineKind::Unreadable => found
            .items
            .push(unreadable(line, line..end, Layout::Heading)),
        LineKind::NotAnEntry => {
            if let Some(day) = incident::date_stamp(text) {
                found.days.push((line, day));
            }
        }
    }
}

/// A list item: its first line, and any nested item of it that starts with its own time;
/// other lines (wrapped text, sub-bullets without a time) continue the entry above them.
fn list_item(doc: &Document, item: Range<usize>, found: &mut Found) {
    let end = place::trim_blank_end(doc, item.clone());
    let mut current: Option<usize> = None;
    for line in item.start..end {
        let text = doc.line(line);
        let prefix = list_item::prefix(text);
        let nested = line == item.start || prefix.len() > text.len() - text.trim_start().len();
        let layout = Layout::List {
            prefix: prefix.to_string(),
        };
        let kind = if nested {
            entry::parse_line(text)
        } else {
            LineKind::NotAnEntry
        };
        match kind {
            LineKind::Entry(stamp) if stamp.time.is_none() && is_bare(doc, line, &stamp) => {
                // A day's bullet (`- Nov 20`) with the entries nested under it.
                found.days.push((line, stamp));
                current = None;
            }
            LineKind::Entry(stamp) => {
                found
                    .items
                    .push(entry_item(line, line..line + 1, layout, stamp));
                current = Some(found.items.len() - 1);
            }
            LineKind::Unreadable => {
                found.items.push(unreadable(line, line..line + 1, layout));
                current = Some(found.items.len() - 1);
            }
            LineKind::NotAnEntry => {
                if let Some(i) = current {
                    found.items[i].lines.end = line + 1;
                }
            }
        }
    }
}

/// The lines of a paragraph: each that starts with a time is an entry, the lines after it are
/// its text. A date alone on the paragraph's last line dates what follows.
fn paragraph(doc: &Document, lines: Range<usize>, found: &mut Found) {
    let alone = lines.len() == 1;
    let mut current: Option<usize> = None;
    for line in lines.clone() {
        match entry::parse_line(doc.line(line)) {
            LineKind::Entry(stamp)
                if stamp.time.is_none() && line + 1 == lines.end && is_bare(doc, line, &stamp) =>
            {
                found.days.push((line, stamp));
                current = None;
            }
            LineKind::Entry(stamp) => {
                if stamp.time.is_none() {
                    found.days.push((line, stamp.clone()));
                }
                found.items.push(entry_item(
                    line,
                    line..line + 1,
                    Layout::Plain { alone },
                    stamp,
                ));
                current = Some(found.items.len() - 1);
            }
            LineKind::Unreadable => {
                found
                    .items
                    .push(unreadable(line, line..line + 1, Layout::Plain { alone }));
                current = Some(found.items.len() - 1);
            }
            LineKind::NotAnEntry => {
                if let Some(day) = day_label(doc.line(line)) {
                    // `-4/25/23_`: a day label with a slip of the keyboard.
                    found.days.push((line, day));
                    current = None;
                } else if let Some(i) = current {
                    found.items[i].lines.end = line + 1;
                }
            }
        }
    }
}

/// A short line that is only a date among marks (`-4/25/23_`).
fn day_label(line: &str) -> Option<Stamp> {
    let marks = |c: char| c.is_ascii_punctuation() || c.is_whitespace();
    let inner = line.trim_matches(marks);
    if line.len() > 30 || inner.is_empty() || !inner.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let stamp = incident::date_stamp(inner)?;
    (stamp.span == (0..inner.len())).then_some(stamp)
}

/// Whether a stamp is all its line holds (`_4/21/23_`, `- Nov 20`).
fn is_bare(doc: &Document, line: usize, stamp: &Stamp) -> bool {
    doc.line(line)
        .get(stamp.text_start..)
        .is_none_or(|rest| rest.trim().is_empty())
}

fn entry_item(line: usize, lines: Range<usize>, layout: Layout, stamp: Stamp) -> Item {
    Item {
        line,
        lines,
        layout,
        kind: ItemKind::Entry { stamp, at: None },
        zone: Zone::Named(chrono_tz::UTC),
        day: None,
    }
}

fn unreadable(line: usize, lines: Range<usize>, layout: Layout) -> Item {
    Item {
        line,
        lines,
        layout,
        kind: ItemKind::Unreadable,
        zone: Zone::Named(chrono_tz::UTC),
        day: None,
    }
}

fn push(found: &mut Found, doc: &Document, line: usize, lines: Range<usize>, layout: Layout) {
    match entry::parse_line(doc.line(line)) {
        LineKind::Entry(stamp) => found.items.push(entry_item(line, lines, layout, stamp)),
        LineKind::Unreadable => found.items.push(unreadable(line, lines, layout)),
        LineKind::NotAnEntry => {}
    }
}

fn table_cells(row: &str) -> Vec<String> {
    let row = row.trim();
    let row = row.strip_prefix('|').unwrap_or(row);
    let row = row.strip_suffix('|').unwrap_or(row);
    row.split('|').map(|c| c.trim().to_string()).collect()
}
