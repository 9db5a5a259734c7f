//! Reading action items from table rows.

use super::hand::{date_at, handle_end};
use super::item::ActionItem;
use super::ticket::{denied, is_url, jira_key, link_at, link_ticket, repo_ref};
use super::word::is_placeholder;

use crate::text;

/// A GFM table delimiter row such as `|---|:--:|` or `--- | ---`.
pub(crate) fn is_table_separator(line: &str) -> bool {
    let t = line.trim();
    t.contains('|')
        && t.contains('-')
        && t.trim_matches('|').split('|').all(|cell| {
            let c = cell.trim();
            let c = c.strip_prefix(':').unwrap_or(c);
            let c = c.strip_suffix(':').unwrap_or(c);
            !c.is_empty() && c.bytes().all(|b| b == b'-')
        })
}

/// What a column holds, by its header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    Text,
    Owner,
    Ticket,
    Due,
    Status,
    /// Anything else ("Type", "Kind", "#"): read by its content.
    Other,
}

/// Read a table row. With the `header` row, columns are taken by their header: the action
/// (`Action`, `Item`, `Task`, `Description`, `What`…), the owner (`Owner`, `Assignee`,
/// `Who`…), the ticket (`Ticket`, `Issue`, `Link`), the due date (`Due`, `Date`), the
/// status (`Status`, `Done`); every other cell, and every cell without a header, is
/// recognised by its content: a handle is the owner, a ticket the ticket, a date the due
/// date, `Done`/`✅`/`[x]` marks it done, and the first other non-empty cell is the text.
pub(crate) fn parse_table_row(header: Option<&str>, line: &str) -> Option<ActionItem> {
    let line = line.trim_end_matches(['\r', '\n']);
    if !line.trim_start().starts_with('|') && !header.is_some_and(|h| h.contains('|')) {
        return None;
    }
    if is_table_separator(line) {
        return None;
    }
    let roles: Vec<Role> =
        header.map_or_else(Vec::new, |h| cells(h).iter().map(|c| role(c.1)).collect());
    let has_text_column = roles.contains(&Role::Text);
    let mut item = ActionItem::default();
    let mut found = false;
    for (k, (at, cell)) in cells(line).into_iter().enumerate() {
        let plain =
            cell.trim_matches(|c: char| c == '*' || c == '_' || c == '~' || c.is_whitespace());
        if plain.is_empty() {
            continue;
        }
        found = true;
        match roles.get(k).copied().unwrap_or(Role::Other) {
            Role::Text if item.text.is_empty() => item.text = cell.to_string(),
            Role::Owner if !is_placeholder(plain) => item.owner = Some(plain.to_string()),
            Role::Ticket => {
                if let Some(ticket) = cell_ticket(plain) {
                    item.ticket = Some(ticket);
                }
            }
            Role::Due => {
                if let Some((Some(due), _)) = date_at(plain, 0) {
                    item.due = Some(due);
                }
            }
            Role::Status => status_cell_state(&mut item, at, cell, plain),
            Role::Text | Role::Owner => {}
            // With an action column, other columns ("Type", "Kind") are never the text.
            Role::Other => classify_cell(&mut item, at, cell, plain, !has_text_column),
        }
    }
    found.then_some(item)
}

/// A status cell: `Done`, `✅`, `[x]` are done; a ticket there (a team that links the issue
/// as the status) is the ticket; anything else is open.
fn status_cell_state(item: &mut ActionItem, at: usize, cell: &str, plain: &str) {
    if matches!(cell, "[ ]" | "[x]" | "[X]") {
        (item.done, item.checkbox) = (cell != "[ ]", Some(at + 1));
    } else if let Some(ticket) = cell_ticket(plain) {
        item.ticket.get_or_insert(ticket);
    } else {
        let lower = plain.to_lowercase();
        item.done = DONE_WORDS.contains(&lower.as_str())
            || lower.starts_with("done")
            || lower.starts_with("completed");
    }
}

/// The status cell of a row: its byte range (the cell's content and the spaces after it, up
/// to one before the next pipe) and the width to fill, so a word written there keeps the
/// column aligned.
pub(crate) fn status_cell(header: &str, row: &str) -> Option<(std::ops::Range<usize>, usize)> {
    let k = cells(header)
        .iter()
        .position(|c| role(c.1) == Role::Status)?;
    let bounds = cell_bounds(row);
    let range = bounds.get(k)?.clone();
    // Keep one space before the pipe when the cell had padding.
    let raw = text::slice(row, range.clone());
    let lead = raw.len() - raw.trim_start().len();
    let trail = raw.len() - raw.trim_end().len();
    let start = range.start + lead;
    let end = range.end - trail.min(1);
    Some((start..end, end - start))
}

/// A new row for the table whose header is `header`, laid out like `last` (its outer pipes
/// and padding), with each field in the column its header names; `None` when no column
/// takes the action's text.
pub(crate) fn format_row(header: &str, last: &str, new: &super::write::NewItem) -> Option<String> {
    let roles: Vec<Role> = cells(header).iter().map(|c| role(c.1)).collect();
    if !roles.contains(&Role::Text) {
        return None;
    }
    let mut taken = [false; 4];
    let values: Vec<String> = roles
        .iter()
        .map(|r| {
            let slot = match r {
                Role::Text => 0,
                Role::Owner => 1,
                Role::Ticket => 2,
                Role::Due => 3,
                _ => return String::new(),
            };
            if std::mem::replace(&mut taken[slot], true) {
                return String::new();
            }
            match r {
                Role::Text => super::item::normalize_text(new.text).replace('|', "\\|"),
                Role::Owner => new.owner.unwrap_or_default().to_string(),
                Role::Ticket => new.ticket.unwrap_or_default().to_string(),
                _ => new
                    .due
                    .map(|d| d.format("%Y-%m-%d").to_string())
                    .unwrap_or_default(),
            }
        })
        .collect();
    let t = last.trim();
    let indent = text::before(last, last.len() - last.trim_start().len());
    // Padded like `| a | b |`, or tight like `|a|b|`.
    let padded = t.starts_with("| ") || t.contains(" | ");
    let (open, close) = (t.starts_with('|'), t.ends_with('|'));
    let mut row = String::from(indent);
    for (k, value) in values.iter().enumerate() {
        if k > 0 || open {
            row.push('|');
        }
        if padded {
            row.push(' ');
            row.push_str(value);
            row.push(' ');
        } else {
            row.push_str(value);
        }
    }
    if close {
        row.push('|');
    }
    Some(row)
}

/// Recognise a cell by its content (see [`parse_table_row`]).
fn classify_cell(item: &mut ActionItem, at: usize, cell: &str, plain: &str, text_ok: bool) {
    let lower = plain.to_lowercase();
    let whole_date = date_at(plain, 0).filter(|(_, end)| *end == plain.len());
    if matches!(cell, "[ ]" | "[x]" | "[X]") {
        (item.done, item.checkbox) = (cell != "[ ]", Some(at + 1));
    } else if DONE_WORDS.contains(&lower.as_str()) {
        item.done = true;
    } else if OPEN_WORDS.contains(&lower.as_str()) || is_placeholder(plain) {
        // A status or an empty field: nothing to read, and not the text either.
    } else if let Some((due, _)) = whole_date {
        item.due = item.due.or(due);
    } else if is_handles(plain) {
        item.owner.get_or_insert_with(|| plain.into());
    } else if let Some(ticket) = cell_ticket(plain) {
        item.ticket.get_or_insert(ticket);
    } else if text_ok && item.text.is_empty() && !plain.bytes().all(|b| b.is_ascii_digit()) {
        item.text = cell.to_string();
    }
}

const DONE_WORDS: &[&str] = &[
    "done",
    "closed",
    "fixed",
    "complete",
    "completed",
    "resolved",
    "finished",
    "shipped",
    "merged",
    "yes",
    "✅",
    "✔",
    "✔️",
    "☑",
    "☑️",
];
const OPEN_WORDS: &[&str] = &[
    "to do",
    "open",
    "in progress",
    "pending",
    "blocked",
    "failed",
    "not started",
    "wip",
    "planned",
    "no",
    "❌",
];

/// A header cell's role.
fn role(header: &str) -> Role {
    let h = header.trim().trim_matches(['*', '_', ' ']).to_lowercase();
    let has = |words: &[&str]| words.iter().any(|w| h.contains(w));
    if has(&["owner", "assignee", "assigned", "who", "responsible", "dri"]) {
        Role::Owner
    } else if has(&["ticket", "issue", "link", "jira", "tracking"]) {
        Role::Ticket
    } else if has(&["status", "state", "done"]) {
        Role::Status
    } else if has(&["due", "date", "deadline", "when", "eta"]) {
        Role::Due
    } else if has(&[
        "action",
        "item",
        "task",
        "description",
        "what",
        "follow",
        "remediation",
    ]) {
        Role::Text
    } else {
        Role::Other
    }
}

/// The byte range of each cell of a row, between its pipes.
fn cell_bounds(line: &str) -> Vec<std::ops::Range<usize>> {
    let b = line.as_bytes();
    let Some(first) = line.find('|') else {
        return Vec::new();
    };
    let (mut out, mut start, mut code, mut i) = (Vec::new(), first + 1, false, first + 1);
    while i < b.len() {
        match b[i] {
            b'\\' => i += 1,
            b'`' => code = !code,
            b'|' if !code => {
                out.push(start..i);
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    if start < b.len() && !text::after(line, start).trim().is_empty() {
        out.push(start..b.len());
    }
    out
}

/// The cells of a table row: each trimmed, with its byte offset in the line. Pipes inside
/// code spans or escaped as `\|` do not split.
fn cells(line: &str) -> Vec<(usize, &str)> {
    let b = line.as_bytes();
    let Some(first) = line.find('|') else {
        return Vec::new();
    };
    let (mut out, mut start, mut code, mut i) = (Vec::new(), first + 1, false, first + 1);
    while i <= b.len() {
        match b.get(i) {
            Some(b'\\') => i += 1,
            Some(b'`') => code = !code,
            Some(b'|') | None if !code || i == b.len() => {
                let raw = text::slice(line, start..i);
                let lead = raw.len() - raw.trim_start().len();
                if i < b.len() || !raw.trim().is_empty() {
                    out.push((start + lead, raw.trim()));
                }
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    out
}

fn cell_ticket(cell: &str) -> Option<String> {
    if let Some((text, url, end)) = link_at(cell, 0).filter(|l| l.2 == cell.len()) {
        return link_ticket(text, url, end).map(|t| t.0);
    }
    let inner = cell
        .strip_prefix('<')
        .and_then(|c| c.strip_suffix('>'))
        .unwrap_or(cell);
    let b = inner.as_bytes();
    let key = jira_key(b, 0).filter(|_| !denied(inner));
    (key == Some(b.len()) || repo_ref(b, 0) == Some(b.len()) || is_url(inner)).then(|| inner.into())
}

fn is_handles(cell: &str) -> bool {
    let mut words = cell
        .split([',', ' '])
        .filter(|w| !w.is_empty() && *w != "and");
    words.clone().next().is_some() && words.all(|w| handle_end(w.as_bytes(), 0) == Some(w.len()))
}
