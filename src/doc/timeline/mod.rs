//! The timeline of a document: its entries (each line read with [`entry`]), the instant each
//! names, and where and how a new entry goes ([`write`]).

mod bytes;
mod clock;
mod date;
pub(crate) mod entry;
mod forms;
mod incident;
#[cfg(test)]
mod property_tests;
mod scan;
mod style;
mod wrap;
mod write;

use std::ops::Range;

use chrono::{DateTime, Duration, FixedOffset, NaiveDate};
use chrono_tz::Tz;

use self::entry::LineKind;
pub(crate) use self::scan::Stamp;
pub(crate) use self::write::{insertion, insertion_as_written};
use crate::doc::Document;
use crate::doc::sections::{BlockKind, Section, SectionNames};
use crate::time::DateOrder;
use crate::time::zone::{self, Zone};

pub(crate) const NAME: &str = "Timeline";

/// What reading a timeline needs besides the document.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Context<'a> {
    /// The zone of bare times when the timeline declares none.
    pub(crate) zone: Tz,
    /// The wiki's `date_order`, when it sets one.
    pub(crate) date_order: Option<DateOrder>,
    /// The document's file name, whose date dates the incident when the front matter does not.
    pub(crate) file_name: Option<&'a str>,
    /// The date of bare times when the document gives none anywhere: `None` when reading (they
    /// then have no instant, never the day pm runs); the new entry's date for `pm timeline
    /// add`, so that it still goes in time order among them.
    pub(crate) last_resort: Option<NaiveDate>,
}

impl Context<'_> {
    /// A context with only the wiki's zone, for a document read without its file.
    pub(crate) fn zone(zone: Tz) -> Context<'static> {
        Context {
            zone,
            date_order: None,
            file_name: None,
            last_resort: None,
        }
    }
}

/// The timeline of one document, as found.
#[derive(Debug)]
pub(crate) struct Timeline {
    /// The first section that holds the timeline (a document may have several).
    pub(crate) section: Option<Section>,
    /// The zone bare times are in: the one the first section declares, else the wiki's.
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
    /// The zone its bare time is read in.
    pub(crate) zone: Zone,
    /// The date a bare time here was read on (before any crossing of midnight), if any.
    pub(crate) day: Option<NaiveDate>,
}

// Most items are entries; boxing the stamp would allocate for each of them.
#[allow(clippy::large_enum_variant)]
#[derive(Debug)]
pub(crate) enum ItemKind {
    /// A readable stamp; `at` is `None` when no date is known for it (the document gives
    /// none), it gives only a date, or the local time does not exist.
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
    /// A line of a paragraph; `alone` when it is a paragraph of its own (blank lines around).
    Plain { alone: bool },
    /// A heading (`### 16:11`) whose paragraphs below are the entry's text.
    Heading,
}

impl Item {
    pub(crate) fn at(&self) -> Option<DateTime<FixedOffset>> {
        match &self.kind {
            ItemKind::Entry { at, .. } => *at,
            ItemKind::Unreadable => None,
        }
    }

    pub(crate) fn stamp(&self) -> Option<&Stamp> {
        match &self.kind {
            ItemKind::Entry { stamp, .. } => Some(stamp),
            ItemKind::Unreadable => None,
        }
    }
}

/// Read the timeline of `doc`: every section that stands for it, in order.
pub(crate) fn read(doc: &Document, names: &SectionNames, context: &Context) -> Timeline {
    let sections: Vec<&Section> = doc
        .sections(names)
        .iter()
        .filter(|s| s.canonical.as_deref() == Some(NAME))
        .collect();
    let Some(first) = sections.first() else {
        return Timeline {
            section: None,
            zone: Zone::Named(context.zone),
            items: Vec::new(),
        };
    };
    let mut found = forms::Found::default();
    let mut first_zone = None;
    // The zone the summary states, asked only when a timeline states none.
    let mut summary = None;
    for section in &sections {
        let before = found.items.len();
        forms::read_section(doc, section, &mut found);
        // No zone declared: the one every entry writes (`8:05 AM PST`), else the one the
        // summary states, else the wiki's.
        let near = context.last_resort.unwrap_or_default();
        let zone = declared_zone(doc, section)
            .or_else(|| {
                common_offset(&found.items[before..])
                    .filter(|o| !zone::uses_offset(context.zone, *o, near))
                    .map(Zone::Fixed)
            })
            .or_else(|| {
                *summary.get_or_insert_with(|| incident::summary_zone(doc, first.heading.start))
            })
            .unwrap_or(Zone::Named(context.zone));
        first_zone = first_zone.or(Some(zone));
        for item in &mut found.items[before..] {
            item.zone = found
                .zones
                .iter()
                .rev()
                .find(|(line, _)| *line < item.line && *line >= section.heading.start)
                .map_or(zone, |(_, z)| *z);
        }
    }
    let zone = first_zone.unwrap_or(Zone::Named(context.zone));
    resolve_all(doc, &mut found, context, zone);
    Timeline {
        section: Some((*first).clone()),
        zone,
        items: found.items,
    }
}

/// Give each entry its instant. A bare time takes the date of the nearest day or dated entry
/// above it, else the incident's date ([`incident::date`]); one more than six hours before the
/// previous entry is taken to be after midnight. A date written without its year takes the
/// year nearest that date.
fn resolve_all(doc: &Document, found: &mut forms::Found, context: &Context, zone: Zone) {
    let day_first = DateOrder::day_first(context.date_order, proven_order(found), zone);
    let order = |stamp: &Stamp| {
        if day_first {
            stamp.day_first()
        } else {
            stamp.clone()
        }
    };
    let mut incident: Option<Option<NaiveDate>> = None;
    let mut incident_date = |zone: Zone| {
        *incident.get_or_insert_with(|| {
            incident::date(doc, context, zone, day_first).or(context.last_resort)
        })
    };
    let mut date: Option<NaiveDate> = None;
    let mut previous: Option<DateTime<FixedOffset>> = None;
    let mut days = found.days.iter().peekable();
    for item in &mut found.items {
        while let Some((_, day)) = days.next_if(|(line, _)| *line < item.line) {
            let day = order(day);
            let near = date.or_else(|| incident_date(item.zone));
            if let Some(day) = entry::date_of(&day, near) {
                date = Some(day);
                previous = None;
            }
        }
        let zone = item.zone;
        let ItemKind::Entry { stamp, at } = &mut item.kind else {
            continue;
        };
        *stamp = order(stamp);
        let near = date.or_else(|| incident_date(zone));
        item.day = near;
        if stamp.time.is_none() {
            if let Some(day) = entry::date_of(stamp, near) {
                date = Some(day);
                previous = None;
            }
            continue;
        }
        let mut resolved = entry::resolve(stamp, near, zone);
        let dated = stamp.date.is_some() || stamp.month_day.is_some();
        if let (Some(now), Some(before), false) = (resolved, previous, dated)
            && before - now > Duration::hours(6)
        {
            let next_day = near.and_then(|d| d.succ_opt());
            resolved = entry::resolve(stamp, next_day, zone).or(resolved);
        }
        if let Some(found) = resolved {
            date = Some(zone.date_of(found));
            previous = Some(found);
        }
        *at = resolved;
    }
}

/// What the timeline's numeric dates prove about their order: `Some(true)` when one has a day
/// above 12 first, `Some(false)` when one has it second (and none first).
fn proven_order(found: &forms::Found) -> Option<bool> {
    use self::date::DayMonth;
    let orders = found
        .items
        .iter()
        .filter_map(Item::stamp)
        .chain(found.days.iter().map(|(_, s)| s))
        .map(|s| s.day_month);
    let mut proven = None;
    for order in orders {
        match order {
            DayMonth::DayFirst => return Some(true),
            DayMonth::MonthFirst => proven = Some(false),
            DayMonth::Settled | DayMonth::Either => {}
        }
    }
    proven
}

/// The offset all entries are written with, when they all give the same one.
fn common_offset(items: &[Item]) -> Option<FixedOffset> {
    let mut offsets = items.iter().filter_map(|i| match &i.kind {
        ItemKind::Entry { stamp, .. } if stamp.time.is_some() => Some(stamp.offset),
        _ => None,
    });
    let first = offsets.next()??;
    offsets.all(|o| o == Some(first)).then_some(first)
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
