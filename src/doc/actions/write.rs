//! Writing action items into a document in the style it already has: a new item goes after
//! the last one of the first part that holds action items, written as its neighbours are (a
//! task box or a plain bullet and their marker, fields in parentheses or after ` — `, a
//! table row with the table's columns, a numbered sub-heading); and ticking an item done as
//! the document marks done items (`[x]`, `✅`, `~~…~~`, `(done)`, a status cell).
//!
//! Every placement is checked by reading the document again: a line that would not read
//! back as the item it was meant to be is written in pm's canonical form instead.

use chrono::NaiveDate;

use super::item::{self, ActionItem};
use super::table;
use super::title::Kind;
use super::{Action, Form, LATER, Region, TRACKED, read, regions};
use crate::doc::sections::SectionNames;
use crate::doc::splice::{self, Edit};
use crate::doc::{Document, list_item, place};
use crate::text;

/// Why a new item cannot be placed or an item cannot be ticked.
#[derive(Debug, thiserror::Error)]
pub(crate) enum PlaceError {
    #[error("the table at line {line} has no column for the action's text")]
    Table { line: usize },
    #[error("the action items at line {line} are a table, and the line is no table row")]
    NotARow { line: usize },
}

/// A new item's fields.
#[derive(Debug, Clone, Copy)]
pub(crate) struct NewItem<'a> {
    pub(crate) text: &'a str,
    pub(crate) owner: Option<&'a str>,
    pub(crate) ticket: Option<&'a str>,
    pub(crate) due: Option<NaiveDate>,
}

/// Where a line (pm's canonical item line, or one taken from another copy of the document)
/// goes: after the last item of the first part that holds action items of its kind, else
/// after that part's content, else in a new section in its template place.
pub(crate) fn insertion(
    doc: &Document,
    names: &SectionNames,
    later: bool,
    line: &str,
) -> Result<(usize, String), PlaceError> {
    let nl = doc.newline;
    let Some((region, items)) = target(doc, names, later) else {
        let name = if later { LATER } else { TRACKED };
        return Ok(place::new_section(doc, names, name, line));
    };
    if let Some(row) = items.iter().rev().find(|a| a.form == Form::Row) {
        if !line.trim_start().starts_with('|') {
            return Err(PlaceError::NotARow {
                line: region.heading + 1,
            });
        }
        return Ok(place::at_line(doc, row.line + 1, format!("{line}{nl}")));
    }
    let listed = items
        .iter()
        .rev()
        .find(|a| matches!(a.form, Form::Task | Form::Bullet));
    if let Some(last) = listed {
        return Ok(place::at_line(
            doc,
            item_end(doc, last.line),
            format!("{line}{nl}"),
        ));
    }
    // No item yet: under a list item's label (`- **Action items:**`), a nested item;
    // elsewhere after the part's content, a blank line apart.
    let sections = doc.sections(names);
    if let Some(section) = sections.iter().find(|s| s.heading.start == region.heading) {
        return Ok(place::into_empty(doc, section, line));
    }
    let end = content_end(doc, &region);
    Ok(place::at_line(doc, end, format!("{nl}{line}{nl}")))
}

/// The new item written as its neighbours are, with where it goes: `(offset, text to
/// insert, the item's line as written)`.
pub(crate) fn styled_insertion(
    doc: &Document,
    names: &SectionNames,
    later: bool,
    new: NewItem,
) -> Result<(usize, String, String), PlaceError> {
    let canonical = item::format_item(new.text, new.owner, new.ticket, new.due);
    let nl = doc.newline;
    let fallback = |doc: &Document| {
        insertion(doc, names, later, &canonical).map(|(o, t)| (o, t, canonical.clone()))
    };
    let Some((region, items)) = target(doc, names, later) else {
        return fallback(doc);
    };
    let Some(last) = items.last() else {
        return fallback(doc);
    };
    let last_line = doc.line(last.line);
    let (line, at, text) = match last.form {
        Form::Row => {
            let header = table_header(doc, last.line);
            let line = table::format_row(doc.line(header), last_line, &new)
                .ok_or(PlaceError::Table { line: header + 1 })?;
            let end = last.line + 1;
            (line.clone(), end, format!("{line}{nl}"))
        }
        Form::Task | Form::Bullet => {
            let prefix = list_item::prefix(last_line);
            let boxed = if last.form == Form::Task { "[ ] " } else { "" };
            let line = format!("{prefix}{boxed}{}", fields(doc, &items, &new));
            (
                line.clone(),
                item_end(doc, last.line),
                format!("{line}{nl}"),
            )
        }
        Form::Heading => {
            let Some((hashes, number, sep)) = numbered_heading(last_line) else {
                return fallback(doc);
            };
            let line = format!("{hashes} {}{sep} {}", number + 1, fields(doc, &items, &new));
            let end = content_end(doc, &region);
            (line.clone(), end, format!("{nl}{line}{nl}"))
        }
        Form::Line => {
            let line = fields(doc, &items, &new);
            (line.clone(), last.line + 1, format!("{line}{nl}"))
        }
    };
    let (offset, insert) = place::at_line(doc, at, text);
    if reads_back(doc, names, offset, &insert, &new) {
        Ok((offset, insert, line))
    } else {
        fallback(doc)
    }
}

/// The first part holding items of the kind wanted (one that has items, else the first),
/// with its items.
fn target(doc: &Document, names: &SectionNames, later: bool) -> Option<(Region, Vec<Action>)> {
    let want = if later { Kind::Later } else { Kind::Tracked };
    let all = read(doc, names);
    let candidates: Vec<Region> = regions(doc, names)
        .into_iter()
        .filter(|r| r.kind == want)
        .collect();
    let with_items = candidates.iter().find(|r| {
        all.iter()
            .any(|a| r.lines.contains(&a.line) && a.later == later)
    });
    let region = with_items.or(candidates.first())?.clone();
    let items = all
        .into_iter()
        .filter(|a| region.lines.contains(&a.line) && a.later == later)
        .collect();
    Some((region, items))
}

/// The line after an item and its continuation lines and sub-bullets.
fn item_end(doc: &Document, line: usize) -> usize {
    let indent = |l: &str| l.len() - l.trim_start().len();
    let own = indent(doc.line(line));
    let mut end = line + 1;
    while end < doc.line_count() {
        let next = doc.line(end);
        let t = next.trim();
        if t.is_empty() || t.starts_with('#') {
            break;
        }
        let is_item = list_item::commonmark_marker(t.as_bytes()).is_some();
        if is_item && indent(next) <= own {
            break;
        }
        end += 1;
    }
    end
}

/// The line after a part's last line of content.
fn content_end(doc: &Document, region: &Region) -> usize {
    region
        .lines
        .clone()
        .rev()
        .find(|&i| !doc.line(i).trim().is_empty())
        .map_or(region.heading + 1, |i| i + 1)
}

/// The new item's text and fields, in the style of `items`: `Text (@owner, TICKET-1)` when
/// they write fields in parentheses, else pm's ` — owner: …` suffix.
fn fields(doc: &Document, items: &[Action], new: &NewItem) -> String {
    let canonical = item::format_item(new.text, new.owner, new.ticket, new.due);
    let suffix = text::after(&canonical, "- [ ] ".len()).to_string();
    let owned: Vec<&Action> = items.iter().filter(|a| a.item.owner.is_some()).collect();
    let parens = !owned.is_empty()
        && owned
            .iter()
            .all(|a| owner_in_parens(doc.line(a.line), &a.item));
    if !parens || new.due.is_some() || new.owner.is_none() {
        return suffix;
    }
    let mut inner = vec![new.owner.unwrap_or_default().to_string()];
    inner.extend(new.ticket.map(str::to_string));
    format!("{} ({})", item::normalize_text(new.text), inner.join(", "))
}

/// Whether an item's owner was written as a handle in parentheses (`Do X (@bob)`).
fn owner_in_parens(line: &str, item: &ActionItem) -> bool {
    item.owner
        .as_deref()
        .is_some_and(|o| o.starts_with('@') && line.contains(&format!("({o}")))
}

/// `### 3)` → (`###`, 3, `)`).
fn numbered_heading(line: &str) -> Option<(&str, usize, char)> {
    let t = line.trim_start();
    let hashes = t.len() - t.trim_start_matches('#').len();
    let rest = text::after(t, hashes).trim_start();
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    let number = rest.get(..digits)?.parse().ok()?;
    let sep = rest
        .get(digits..)?
        .chars()
        .next()
        .filter(|c| matches!(c, ')' | '.'))?;
    Some((text::before(t, hashes), number, sep))
}

/// The header row of the table whose row is at `line`.
fn table_header(doc: &Document, line: usize) -> usize {
    let mut i = line;
    while i > 0 && !table::is_table_separator(doc.line(i)) {
        i -= 1;
    }
    i.saturating_sub(1)
}

/// Whether the document with `insert` at `offset` reads the new item back with its fields.
fn reads_back(
    doc: &Document,
    names: &SectionNames,
    offset: usize,
    insert: &str,
    new: &NewItem,
) -> bool {
    let text = splice::apply(&doc.text, &[Edit::insert(offset, insert.to_string())]);
    let after = Document::parse(text);
    let line = after.line_of(offset + insert.len() - insert.trim_start_matches(['\r', '\n']).len());
    let want_text = item::normalize_text(new.text);
    read(&after, names).iter().any(|a| {
        a.line == line
            && !a.item.done
            && a.item.text == want_text
            && a.item.owner.as_deref() == new.owner.map(str::trim)
            && a.item.ticket.as_deref() == new.ticket.map(str::trim)
            && a.item.due == new.due
    })
}

/// The edits that tick `action` done, marking it as the document marks its done items.
pub(crate) fn done_edit(
    doc: &Document,
    names: &SectionNames,
    action: &Action,
) -> Option<Vec<Edit>> {
    let start = doc.line_start(action.line);
    let line = doc.line(action.line);
    if let Some(mark) = action.item.checkbox {
        return Some(vec![Edit::replace(start + mark..start + mark + 1, "x")]);
    }
    match action.form {
        Form::Task => {
            // The typo `[]`: make it a box that is ticked.
            let at = line.find("[]")?;
            Some(vec![Edit::replace(start + at..start + at + 2, "[x]")])
        }
        Form::Row => {
            let header = doc.line(table_header(doc, action.line));
            let word = done_word(doc, names, action);
            let (range, width) = table::status_cell(header, line)?;
            let cell = format!("{word:<width$}");
            Some(vec![Edit::replace(
                start + range.start..start + range.end,
                cell,
            )])
        }
        Form::Bullet | Form::Line | Form::Heading => {
            let content = content_start(line, action.form);
            match convention(doc, names, action) {
                Mark::Struck => {
                    let at = line.find(action.item.text.as_str())?;
                    let end = at + action.item.text.len();
                    Some(vec![
                        Edit::insert(start + at, "~~".to_string()),
                        Edit::insert(start + end, "~~".to_string()),
                    ])
                }
                Mark::TickBefore => Some(vec![Edit::insert(start + content, "✅ ".to_string())]),
                Mark::TickAfter | Mark::Done => {
                    let word = if convention(doc, names, action) == Mark::Done {
                        " (done)"
                    } else {
                        " ✅"
                    };
                    let end = line.trim_end().len();
                    Some(vec![Edit::insert(start + end, word.to_string())])
                }
                Mark::Box => Some(vec![Edit::insert(start + content, "[x] ".to_string())]),
            }
        }
    }
}

/// How the document marks done items that have no box.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    /// `[x]` after the marker: the default for a bullet.
    Box,
    TickBefore,
    TickAfter,
    Struck,
    /// `(done)` after the text.
    Done,
}

/// The mark the done items near `action` use; without any, `[x]` for a bullet, `✅` before
/// a line's text and after a heading's.
fn convention(doc: &Document, names: &SectionNames, action: &Action) -> Mark {
    let all = read(doc, names);
    let done_lines = all.iter().filter(|a| a.item.done && a.form != Form::Row);
    for done in done_lines {
        let line = doc.line(done.line);
        let content = text::after(line, content_start(line, done.form)).trim_end();
        if content.starts_with("~~") {
            return Mark::Struck;
        }
        if content.starts_with('✅') {
            return Mark::TickBefore;
        }
        if content.ends_with('✅') {
            return Mark::TickAfter;
        }
        if content.to_lowercase().ends_with("(done)") {
            return Mark::Done;
        }
    }
    match action.form {
        Form::Bullet => Mark::Box,
        Form::Line => Mark::TickBefore,
        _ => Mark::TickAfter,
    }
}

/// The word the done rows of the same table use in their status column, else `Done`.
fn done_word(doc: &Document, names: &SectionNames, action: &Action) -> String {
    let header_line = table_header(doc, action.line);
    let header = doc.line(header_line);
    read(doc, names)
        .iter()
        .filter(|a| a.form == Form::Row && a.item.done && table_header(doc, a.line) == header_line)
        .find_map(|a| {
            let row = doc.line(a.line);
            table::status_cell(header, row)
                .map(|(range, _)| text::slice(row, range).trim().to_string())
        })
        .filter(|w| !w.is_empty())
        .unwrap_or_else(|| "Done".to_string())
}

/// Where an item's content starts in its line: after the list marker, or the indentation.
fn content_start(line: &str, form: Form) -> usize {
    let indent = line.len() - line.trim_start().len();
    match form {
        Form::Bullet | Form::Task => list_item::prefix(line).len(),
        Form::Heading => {
            let t = text::after(line, indent);
            let hashes = t.len() - t.trim_start_matches('#').len();
            let rest = text::after(t, hashes);
            let after_hashes = indent + hashes + (rest.len() - rest.trim_start().len());
            let r = text::after(line, after_hashes);
            let digits = r.bytes().take_while(u8::is_ascii_digit).count();
            if digits > 0 && matches!(r.as_bytes().get(digits), Some(b')' | b'.')) {
                after_hashes + digits + 2
            } else {
                after_hashes
            }
        }
        _ => indent,
    }
}
