//! The action items of a document: the "Action items" section (tracked work, with owners and
//! tickets) and "If we have time" (aspirations), read with [`item`].

mod hand;
pub(crate) mod item;
mod table;
mod ticket;
mod word;

use self::item::{self as action_item, ActionItem};
use crate::doc::sections::{BlockKind, Section, SectionNames};
use crate::doc::{Document, list_item, place};
use crate::text;

pub(crate) const TRACKED: &str = "Action items";
pub(crate) const LATER: &str = "If we have time";

/// One action item and where it is.
#[allow(dead_code)] // read by `pm actions` and `pm check` (next commits)
#[derive(Debug, Clone)]
pub(crate) struct Action {
    /// 0-based line of the item (its first line).
    pub(crate) line: usize,
    pub(crate) item: ActionItem,
    /// Under "If we have time": no owner or ticket needed.
    pub(crate) later: bool,
}

/// Every action item of `doc`, in document order.
#[allow(dead_code)] // used by `pm actions` and `pm check` (next commits)
pub(crate) fn read(doc: &Document, names: &SectionNames) -> Vec<Action> {
    let mut out = Vec::new();
    for section in doc.sections(names) {
        let later = match section.canonical.as_deref() {
            Some(TRACKED) => false,
            Some(LATER) => true,
            _ => continue,
        };
        read_section(doc, section, later, &mut out);
    }
    out.sort_by_key(|a| a.line);
    out.dedup_by_key(|a| a.line);
    out
}

fn read_section(doc: &Document, section: &Section, later: bool, out: &mut Vec<Action>) {
    let body = section.body.clone();
    for block in doc.blocks_in(section) {
        match &block.kind {
            BlockKind::List { items } => {
                for item in items.iter().filter(|i| body.contains(&i.start)) {
                    if let Some(parsed) = action_item::parse_line(&item_text(doc, item.clone())) {
                        out.push(Action {
                            line: item.start,
                            item: parsed,
                            later,
                        });
                    }
                }
            }
            BlockKind::Table => {
                let header = doc.line(block.lines.start);
                let rows = (block.lines.start + 2).max(body.start)..block.lines.end.min(body.end);
                for line in rows {
                    if let Some(parsed) = action_item::parse_table_row(Some(header), doc.line(line))
                    {
                        out.push(Action {
                            line,
                            item: parsed,
                            later,
                        });
                    }
                }
            }
            _ => {}
        }
    }
}

/// A list item's first line with its lazy continuation lines joined on, up to a nested list.
fn item_text(doc: &Document, lines: std::ops::Range<usize>) -> String {
    let mut text = doc.line(lines.start).to_string();
    for line in lines.start + 1..lines.end {
        let content = doc.line(line).trim();
        if content.is_empty() || starts_list_item(content) {
            break;
        }
        text.push(' ');
        text.push_str(content);
    }
    text
}

/// Whether a trimmed line starts a list item: a marker and a space, or a lone `-` or `*`.
fn starts_list_item(content: &str) -> bool {
    let b = content.as_bytes();
    let marker = list_item::marker_width(b).is_some_and(|width| b.get(width) == Some(&b' '));
    marker || content == "-" || content == "*"
}

/// Why a new item cannot be placed.
#[derive(Debug, thiserror::Error)]
pub(crate) enum PlaceError {
    #[error("the \"{section}\" section (line {line}) is a table; pm adds items only to task lists")]
    Table { section: String, line: usize },
}

/// Where the new item line (without line break) goes: after the section's last list item,
/// else after its last line of content, else in a new section in its template place.
pub(crate) fn insertion(
    doc: &Document,
    names: &SectionNames,
    later: bool,
    item: &str,
) -> Result<(usize, String), PlaceError> {
    let name = if later { LATER } else { TRACKED };
    let nl = doc.newline;
    let Some(section) = doc.section(names, name) else {
        return Ok(place::new_section(doc, names, name, item));
    };
    let body = section.body.clone();
    let inside = doc
        .blocks_in(section)
        .into_iter()
        .filter(|b| b.lines.start >= body.start && b.lines.start < body.end);
    let mut last_list_end = None;
    for block in inside {
        match &block.kind {
            BlockKind::List { items } => {
                if let Some(last) = items.last() {
                    let line = doc.line(last.start);
                    let indent = text::before(line, line.len() - line.trim_start().len());
                    last_list_end = Some((place::trim_blank_end(doc, last.clone()), indent));
                }
            }
            BlockKind::Table => {
                return Err(PlaceError::Table {
                    section: section.title.clone(),
                    line: section.heading.start + 1,
                });
            }
            _ => {}
        }
    }
    // A nested list (under a `- **Action items:**` label) takes its items' indentation.
    if let Some((end, indent)) = last_list_end {
        return Ok(place::at_line(doc, end, format!("{indent}{item}{nl}")));
    }
    Ok(place::into_empty(doc, section, item))
}
