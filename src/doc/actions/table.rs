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

/// Read a table row. With the `header` row, the columns named like an action (`Action`,
/// `Item`, `Task`…) and an owner (`Owner`, `Assignee`, `Who`…) are used as such; every other
/// cell, and every cell without a header, is recognised by its content: a handle is the
/// owner, a ticket the ticket, a date the due date, `Done`/`✅`/`[x]` marks it done, and the
/// first other non-empty cell is the text.
pub(crate) fn parse_table_row(header: Option<&str>, line: &str) -> Option<ActionItem> {
    let line = line.trim_end_matches(['\r', '\n']);
    if !line.trim_start().starts_with('|') || is_table_separator(line) {
        return None;
    }
    let roles: Vec<u8> =
        header.map_or_else(Vec::new, |h| cells(h).iter().map(|c| role(c.1)).collect());
    let mut item = ActionItem::default();
    let mut found = false;
    for (k, (at, cell)) in cells(line).into_iter().enumerate() {
        let plain =
            cell.trim_matches(|c: char| c == '*' || c == '_' || c == '~' || c.is_whitespace());
        if plain.is_empty() {
            continue;
        }
        found = true;
        match roles.get(k) {
            Some(b't') if item.text.is_empty() => item.text = cell.to_string(),
            Some(b'o') if !is_placeholder(plain) => item.owner = Some(plain.to_string()),
            Some(b't' | b'o') => {}
            _ => classify_cell(&mut item, at, cell, plain),
        }
    }
    found.then_some(item)
}

/// Recognise a cell by its content (see [`parse_table_row`]).
fn classify_cell(item: &mut ActionItem, at: usize, cell: &str, plain: &str) {
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
    } else if item.text.is_empty() && !plain.bytes().all(|b| b.is_ascii_digit()) {
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

/// A header cell's role: `t` the action text, `o` the owner, `?` anything else.
fn role(header: &str) -> u8 {
    let h = header.to_lowercase();
    let has = |words: &[&str]| words.iter().any(|w| h.contains(w));
    if has(&["owner", "assignee", "assigned", "who", "responsible", "dri"]) {
        b'o'
    } else if has(&[
        "action",
        "item",
        "task",
        "description",
        "what",
        "follow",
        "remediation",
    ]) {
        b't'
    } else {
        b'?'
    }
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
