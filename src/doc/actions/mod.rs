//! The action items of a document: the parts that hold them ("Action items" and its aliases,
//! the names teams use by hand, labels like "Task List:", and "If we have time" for
//! aspirations), read with [`region`]; task boxes and `**TODO**`/`**DONE**` markers count
//! wherever they are.

mod hand;
pub(crate) mod item;
mod prose;
mod region;
mod status;
mod table;
mod ticket;
pub(crate) mod title;
mod word;
mod write;

use std::ops::Range;

use self::item::ActionItem;
use self::title::Kind;
use crate::doc::sections::{BlockKind, SectionNames};
use crate::doc::{Document, list_item};

pub(crate) use ticket::same_ticket;
pub(crate) use write::{NewItem, done_edit, insertion, styled_insertion};

pub(crate) const TRACKED: &str = "Action items";
pub(crate) const LATER: &str = "If we have time";

/// One action item and where it is.
#[derive(Debug, Clone)]
pub(crate) struct Action {
    /// 0-based line of the item (its first line).
    pub(crate) line: usize,
    pub(crate) item: ActionItem,
    /// Under "If we have time": no owner or ticket needed.
    pub(crate) later: bool,
    /// How it is written, which says how to tick it.
    pub(crate) form: Form,
}

/// How an item is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Form {
    /// A list item with a task box.
    Task,
    /// A list item without one.
    Bullet,
    /// A table row.
    Row,
    /// A numbered sub-heading (`### 1) Verify cron`).
    Heading,
    /// A line of a paragraph.
    Line,
}

/// A part of the document that holds action items.
#[derive(Debug, Clone)]
pub(crate) struct Region {
    /// The line of its heading or label.
    pub(crate) heading: usize,
    /// The lines after it that it holds.
    pub(crate) lines: Range<usize>,
    pub(crate) kind: Kind,
}

/// Every action item of `doc`, in document order.
pub(crate) fn read(doc: &Document, names: &SectionNames) -> Vec<Action> {
    let mut out = Vec::new();
    let regions = regions(doc, names);
    for region in &regions {
        region::read(doc, region.lines.clone(), region.kind, &mut out);
    }
    marked_elsewhere(doc, names, &regions, &mut out);
    // A region inside another (a label under a heading) reads the same lines twice; the
    // first reading, the outer one's, stands.
    out.sort_by_key(|a| a.line);
    out.dedup_by_key(|a| a.line);
    out
}

/// The parts of `doc` that hold action items, in document order: sections (as
/// `doc.sections` finds them) named like action items, and label lines the sections do not
/// know (`Task List:`, `Some possible actions in the future:`).
pub(crate) fn regions(doc: &Document, names: &SectionNames) -> Vec<Region> {
    let sections = doc.sections(names);
    let mut out: Vec<Region> = Vec::new();
    for s in sections {
        // A sub-heading inside action items ("#### 2) TODO Configuration Management") is
        // read by the part around it.
        if out.iter().any(|r| r.lines.contains(&s.heading.start)) {
            continue;
        }
        if let Some(kind) = title::section(&s.title, s.canonical.as_deref()) {
            out.push(Region {
                heading: s.heading.start,
                lines: s.body.clone(),
                kind,
            });
        }
    }
    let code = code_blocks(doc);
    for i in stem_lines(doc) {
        let (indent, content) = content(doc.line(i));
        let Some(kind) = label_kind(names, content) else {
            continue;
        };
        if sections.iter().any(|s| s.heading.contains(&i))
            || code.iter().any(|r| r.contains(&i))
            || out.iter().any(|r| r.lines.contains(&i))
        {
            continue;
        }
        let listed = content.len() < doc.line(i).trim().len();
        let end = label_end(doc, names, i, listed.then_some(indent));
        out.push(Region {
            heading: i,
            lines: i + 1..end,
            kind,
        });
    }
    out.sort_by_key(|r| r.heading);
    out
}

/// The lines after the front matter that hold a stem of an action section's name, in order:
/// the only ones that can be its label. One pass per stem over the whole text is far
/// cheaper than looking at every line.
fn stem_lines(doc: &Document) -> Vec<usize> {
    let first = body_start(doc);
    let start = doc.line_start(first);
    let Some(offsets) = title::stem_offsets(crate::text::after(&doc.text, start)) else {
        return (first..doc.line_count()).collect();
    };
    let mut lines: Vec<usize> = offsets
        .into_iter()
        .map(|at| doc.line_of(start + at))
        .collect();
    lines.dedup();
    lines
}

/// The kind of action items a line announces when it is only a label (`Task List:`), or
/// only a known name of an action section (`Corrective and Preventative Measures`).
fn label_kind(names: &SectionNames, content: &str) -> Option<Kind> {
    // Cheap tests first: this runs on every line of every document `pm check` reads.
    let bare = content.trim_matches(['*', '_', ' ']);
    if bare.len() > 90 || !(bare.starts_with(char::is_alphabetic) || bare.starts_with('<')) {
        return None;
    }
    if bare.ends_with(':') || content.ends_with("**") || bare.ends_with('>') {
        let name = title::label(content)?;
        return title::section(&name, None)
            .or_else(|| title::section(&name, names.canonical(&name)));
    }
    // Without a colon only a known name of an action section is a label ("Corrective and
    // Preventative Measures"); the wiki's own aliases count in headings and labels with one.
    let short = bare.split_whitespace().count() <= 6 && !bare.ends_with(['.', '!', '?', ',']);
    if !short || bare.starts_with('<') {
        return None;
    }
    let kind = title::section(bare, None)?;
    names.canonical(bare).map(|_| kind)
}

/// Whether `doc` has a part for tracked action items, in any form.
pub(crate) fn has_tracked(doc: &Document, names: &SectionNames) -> bool {
    regions(doc, names).iter().any(|r| r.kind == Kind::Tracked)
}

/// The first line after the label at `line` that is not its content: a heading, another
/// section's label, or (for a label that is a list item indented `indent`) a list item no
/// deeper than it.
fn label_end(doc: &Document, names: &SectionNames, line: usize, indent: Option<usize>) -> usize {
    for i in line + 1..doc.line_count() {
        let raw = doc.line(i);
        let t = raw.trim();
        if t.is_empty() {
            continue;
        }
        let (depth, content) = content(raw);
        let is_item = content.len() < t.len();
        if t.starts_with('#')
            || t.starts_with("<h")
            || indent.is_some_and(|l| is_item && depth <= l)
            || starts_other_section(names, content)
        {
            return i;
        }
    }
    doc.line_count()
}

/// Whether a line starts a known section that holds no action items (`**Impact**: …`,
/// `Timeline:`).
fn starts_other_section(names: &SectionNames, content: &str) -> bool {
    let Some((name, _)) = content.split_once(':') else {
        return false;
    };
    let name = name.trim().trim_matches(['*', '_']).trim();
    name.len() <= 60
        && names
            .canonical(name)
            .is_some_and(|c| title::section(name, Some(c)).is_none())
}

/// A line's indentation and its content after any list marker.
fn content(raw: &str) -> (usize, &str) {
    let t = raw.trim_start();
    let indent = raw.len() - t.len();
    let t = t.trim_end();
    let marker =
        list_item::commonmark_marker(t.as_bytes()).filter(|_| !list_item::is_thematic_break(t));
    (
        indent,
        marker.map_or(t, |m| t.get(m..).unwrap_or("").trim_start()),
    )
}

/// The first line after the front matter (all of an unclosed one is front matter).
fn body_start(doc: &Document) -> usize {
    doc.blocks
        .first()
        .map_or(doc.line_count(), |b| b.lines.start)
}

fn code_blocks(doc: &Document) -> Vec<Range<usize>> {
    doc.blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Code)
        .map(|b| b.lines.clone())
        .collect()
}

/// Items outside the action parts that say they are ones: a task box (`- [ ] Push this
/// document`) or a status marker (`**TODO**: …`, `**DONE**: …`); not in a timeline.
fn marked_elsewhere(
    doc: &Document,
    names: &SectionNames,
    regions: &[Region],
    out: &mut Vec<Action>,
) {
    let timelines: Vec<Range<usize>> = doc
        .sections(names)
        .iter()
        .filter(|s| s.canonical.as_deref() == Some(crate::doc::timeline::NAME))
        .map(|s| s.body.clone())
        .collect();
    let code = code_blocks(doc);
    for i in body_start(doc)..doc.line_count() {
        let line = doc.line(i);
        let t = line.trim_start();
        // Only a list item or a bold marker can be one: most lines end here.
        if !(t.starts_with("**") || list_item::commonmark_marker(t.as_bytes()).is_some()) {
            continue;
        }
        if timelines.iter().any(|r| r.contains(&i))
            || regions.iter().any(|r| r.lines.contains(&i))
            || code.iter().any(|r| r.contains(&i))
        {
            continue;
        }
        let (_, content) = content(line);
        let boxed = content.len() < line.trim().len()
            && list_item::task_box(content.as_bytes(), 0).is_some();
        let marked = ["**TODO**", "**DONE**", "**DOING**"]
            .iter()
            .any(|m| content.starts_with(m));
        if boxed || marked {
            region::read(doc, i..i + 1, Kind::Tracked, out);
        }
    }
}
