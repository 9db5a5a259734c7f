//! The timeline recognised by what it holds: in a document with no section named as the
//! timeline, the unnamed section or label whose items mostly start with a timestamp
//! ("Context", "Sequence of events", "Key events") is the timeline.

use std::ops::Range;

use super::{Block, BlockKind, Section, blocks_in};
use crate::doc::timeline::NAME;
use crate::doc::timeline::entry::{self, LineKind};

/// The fewest readable entries that make a section a timeline: one timestamped line is a
/// sentence that happens to start with a time.
const MIN_ENTRIES: usize = 2;

/// Name the timeline by content, when no section is named so: of the sections with no known
/// name whose items are mostly timestamped, the one with the most entries (the narrowest of
/// those, so a title heading holding everything loses to the part that is the timeline).
/// Whether one was found.
pub(super) fn find_timeline(sections: &mut [Section], blocks: &[Block], lines: &[&str]) -> bool {
    if sections
        .iter()
        .any(|s| s.canonical.as_deref() == Some(NAME))
    {
        return false;
    }
    let best = sections
        .iter()
        .enumerate()
        .filter(|(_, s)| s.canonical.is_none())
        .filter_map(|(i, s)| {
            // Only what the section holds itself: a title heading's subsections are theirs.
            let own_end = sections
                .iter()
                .map(|other| other.heading.start)
                .filter(|&h| h > s.heading.start && s.body.contains(&h))
                .min()
                .unwrap_or(s.body.end);
            let count = count(s, s.body.start..own_end, blocks, lines);
            let mostly = count.entries >= MIN_ENTRIES && count.stamped * 2 > count.items;
            mostly.then_some((i, count.entries, s.body.len()))
        })
        .max_by(|a, b| a.1.cmp(&b.1).then(b.2.cmp(&a.2)));
    if let Some((i, _, _)) = best {
        sections[i].canonical = Some(NAME.to_string());
        return true;
    }
    false
}

#[derive(Debug, Default, PartialEq, Eq)]
struct Count {
    /// List items, table rows and paragraph lines of the body.
    items: usize,
    /// Those that start like a timestamp, readable or not.
    stamped: usize,
    /// Those whose timestamp can be read.
    entries: usize,
}

fn count(section: &Section, body: Range<usize>, blocks: &[Block], lines: &[&str]) -> Count {
    let body = &body;
    let mut count = Count::default();
    let mut add = |line: usize| {
        let Some(text) = lines.get(line) else {
            return;
        };
        if text.trim().is_empty() {
            return;
        }
        count.items += 1;
        match entry::parse_line(text) {
            LineKind::Entry(_) => {
                count.stamped += 1;
                count.entries += 1;
            }
            LineKind::Unreadable => count.stamped += 1,
            LineKind::NotAnEntry => {}
        }
    };
    for block in blocks_in(blocks, section) {
        match &block.kind {
            BlockKind::List { items } => items
                .iter()
                .filter(|item| body.contains(&item.start))
                .for_each(|item| add(item.start)),
            BlockKind::Table => (block.lines.start + 2..block.lines.end)
                .filter(|line| body.contains(line))
                .for_each(&mut add),
            BlockKind::Paragraph => (block.lines.clone())
                .filter(|line| body.contains(line))
                .for_each(&mut add),
            _ => {}
        }
    }
    count
}
