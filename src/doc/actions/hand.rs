//! Reading hand-written action items: fields people type in free form.

use chrono::NaiveDate;

use super::item::{ActionItem, parse_due};
use super::ticket::{find_ticket, ticket_at};
use super::word::{is_placeholder, skip, starts_ci, word_start};

use crate::text;

/// Bytes skipped around fields when they are cut out of the text.
const PUNCT: &[u8] = b"()[]<>,;:.-*_";

/// Keys people write by hand, longest first, with their field (`o`wner, `t`icket, `d`ue)
/// and whether a colon must follow (a due key needs a date after it instead).
#[rustfmt::skip]
const HAND_KEYS: &[(&str, u8, bool)] = &[
    ("assigned to", b'o', false),
    ("assignee", b'o', true),
    ("owners", b'o', true),
    ("owner", b'o', true),
    ("ticket", b't', true),
    ("issue", b't', true),
    ("jira", b't', true),
    ("due date", b'd', false),
    ("due by", b'd', false),
    ("due", b'd', false),
    ("deadline", b'd', false),
    ("by", b'd', false),
];

/// Read a hand-written body: explicit `key: value` fields first, then an `@handle` for a
/// missing owner and a ticket reference for a missing ticket. Fields at the end (or keyed
/// fields at the start) are cut from the text; fields inside a sentence stay in it.
pub(super) fn heuristic(body: &str) -> ActionItem {
    let m = mask(body);
    let mut item = ActionItem::default();
    let (mut spans, mut keyed) = (Vec::new(), [false; 3]);
    for i in (0..m.len()).filter(|&i| m[i].is_ascii_alphabetic() && word_start(&m, i)) {
        let Some(&(key, kind, colon)) = HAND_KEYS.iter().find(|(k, ..)| {
            starts_ci(&m[i..], k) && !m.get(i + k.len()).is_some_and(u8::is_ascii_alphanumeric)
        }) else {
            continue;
        };
        let mut j = i + key.len() + skip(&m[i + key.len()..], b"*_");
        let has_colon = m.get(j) == Some(&b':');
        j += usize::from(has_colon);
        j += skip(&m[j..], b"*_ \t");
        // Without a colon, `assigned to` is prose unless a handle follows (`assigned to the
        // on-call engineer` names nobody).
        if !has_colon && (colon || (kind == b'o' && m.get(j) != Some(&b'@'))) {
            continue;
        }
        let slot = usize::from(kind == b't') + 2 * usize::from(kind == b'd');
        let value = match kind {
            b'o' => owner_at(body, j).map(|(v, e)| (v.map(Field::Owner), e)),
            b't' => ticket_at(body, j).map(|(v, e)| (v.map(Field::Ticket), e)),
            _ => date_at(body, j).map(|(v, e)| (v.map(Field::Due), e)),
        };
        if let Some((value, end)) = value.filter(|_| !keyed[slot]) {
            keyed[slot] = true;
            spans.push((i, end, true));
            match value {
                Some(Field::Owner(o)) => item.owner = Some(o),
                Some(Field::Ticket(t)) => item.ticket = Some(t),
                Some(Field::Due(d)) => item.due = Some(d),
                None => {}
            }
        }
    }
    if !keyed[0] {
        let found = (0..m.len()).find_map(|i| {
            (m[i] == b'@' && word_start(&m, i))
                .then(|| handle_end(&m, i).map(|e| (i, e)))
                .flatten()
        });
        if let Some((s, e)) = found {
            item.owner = Some(text::slice(body, s..e).into());
            spans.push((s, e, false));
        }
    }
    if !keyed[1]
        && let Some((ticket, s, e)) = find_ticket(body, &m)
    {
        item.ticket = Some(ticket);
        spans.push((s, e, false));
    }
    item.text = strip_fields(body, &spans);
    item
}

enum Field {
    Owner(String),
    Ticket(String),
    Due(NaiveDate),
}

/// The body with code spans and HTML tags blanked out, byte for byte, so nothing inside
/// backticks or a tag (`<span style="color: #696969">`) is read as a field, and every offset
/// still points into the body. Autolinks (`<https://…>`) stay: they may be the ticket.
fn mask(body: &str) -> Vec<u8> {
    let mut m = body.as_bytes().to_vec();
    let mut i = 0;
    while i < m.len() {
        let end = match m[i] {
            b'`' => code_span_end(&m, i),
            b'<' => html_tag_end(&m, i),
            _ => None,
        };
        if let Some(end) = end {
            m[i..end].fill(b' ');
            i = end;
        } else {
            // An unmatched backtick run is literal, as in CommonMark: skip it whole.
            i += backticks(&m, i).max(1);
        }
    }
    m
}

fn backticks(m: &[u8], i: usize) -> usize {
    m[i..].iter().take_while(|&&c| c == b'`').count()
}

fn code_span_end(m: &[u8], open: usize) -> Option<usize> {
    let width = backticks(m, open);
    let mut at = open + width;
    while at < m.len() {
        match backticks(m, at) {
            run if run == width => return Some(at + width),
            run => at += run.max(1),
        }
    }
    None
}

/// End of an HTML tag or comment at `i`; `<https://…>` is an autolink, not a tag.
fn html_tag_end(m: &[u8], i: usize) -> Option<usize> {
    let start = i + 1 + skip(&m[i + 1..], b"/!");
    let name = m[start..]
        .iter()
        .take_while(|c| c.is_ascii_alphanumeric() || **c == b'-')
        .count();
    let after = m.get(start + name);
    if name == 0 || !after.is_some_and(|c| c.is_ascii_whitespace() || b">/".contains(c)) {
        return None;
    }
    m[i..].iter().position(|&c| c == b'>').map(|p| i + p + 1)
}

/// An owner value at `j`: handles (`@a, @b`), or a name of up to three words where every
/// word after the first is capitalised (`Mary Smith`, but `Bob` in `Bob to rotate keys`).
fn owner_at(body: &str, j: usize) -> Option<(Option<String>, usize)> {
    let b = body.as_bytes();
    if let Some(mut end) = handle_end(b, j) {
        while let Some(next) = [&b", @"[..], b" and @", b" & @"].iter().find_map(|sep| {
            b[end..]
                .starts_with(sep)
                .then(|| handle_end(b, end + sep.len() - 1))
                .flatten()
        }) {
            end = next;
        }
        return Some((Some(text::slice(body, j..end).into()), end));
    }
    let (mut end, mut words) = (j, 0);
    while words < 3 {
        let s = if words == 0 {
            j
        } else if b.get(end) == Some(&b' ') {
            end + 1
        } else {
            break;
        };
        let e = s + b[s..]
            .iter()
            .take_while(|c| !c.is_ascii_whitespace() && !b",;()[]|".contains(c))
            .count();
        let word = text::slice(body, s..e);
        let first = word.chars().next();
        if first.is_none_or(|c| !c.is_alphanumeric() || (words > 0 && !c.is_uppercase())) {
            break;
        }
        (end, words) = (e, words + 1);
    }
    let value = text::slice(body, j..end).trim_end_matches(['.', '*', '_']);
    let token = b[j..]
        .iter()
        .take_while(|c| !c.is_ascii_whitespace() && !b",;)".contains(c))
        .count();
    match words {
        0 => is_placeholder(text::slice(body, j..j + token)).then_some((None, j + token)),
        _ if is_placeholder(value) => Some((None, end)),
        _ => Some((Some(value.into()), j + value.len())),
    }
}

/// End of an `@handle` (GitHub, GitLab, or `@org/team`) starting at `i`.
pub(super) fn handle_end(b: &[u8], i: usize) -> Option<usize> {
    if b.get(i) != Some(&b'@') || !b.get(i + 1)?.is_ascii_alphanumeric() {
        return None;
    }
    let n = b[i + 1..]
        .iter()
        .take_while(|c| c.is_ascii_alphanumeric() || b"_-./".contains(c))
        .count();
    let name = &b[i + 1..i + 1 + n];
    Some(i + 1 + name.len() - skip(&name.iter().rev().copied().collect::<Vec<_>>(), b".-/"))
}

/// A date at `j`, `YYYY-MM-DD` or written out (`Jul 16, 2023`, `16 July 2023`), with where
/// it ends; `(None, end)` for a placeholder like `TBD`.
pub(super) fn date_at(body: &str, j: usize) -> Option<(Option<NaiveDate>, usize)> {
    let rest = text::after(body, j);
    let boundary = |n: usize| {
        !rest
            .as_bytes()
            .get(n)
            .is_some_and(u8::is_ascii_alphanumeric)
    };
    if let Some(d) = rest
        .get(..10)
        .and_then(|s| parse_due(s).ok())
        .filter(|_| boundary(10))
    {
        return Some((Some(d), j + 10));
    }
    let first = rest.split([' ', ',', ';', ')']).next().unwrap_or("");
    if !first.is_empty() && is_placeholder(first) {
        return Some((None, j + first.len()));
    }
    let mut ends = rest.match_indices(' ').map(|(i, _)| i).chain([rest.len()]);
    let end = ends.nth(2)?;
    let words = text::before(rest, end).trim_end_matches(['.', ';', ')', ',']);
    // `%b` takes only the short month name, `%B` only the long one.
    [
        "%b %d, %Y",
        "%B %d, %Y",
        "%b %d %Y",
        "%B %d %Y",
        "%d %b %Y",
        "%d %B %Y",
        "%d %b, %Y",
        "%d %B, %Y",
    ]
    .iter()
    .find_map(|f| NaiveDate::parse_from_str(words, f).ok())
    .map(|d| (Some(d), j + words.len()))
}

/// A keyed field, a link, or a reference set off by punctuation (`(@bob)`, `: #12`) is a
/// field after the text; a bare one (`fix #12`) is part of the sentence.
fn set_off(body: &str, &(s, _, keyed): &(usize, usize, bool)) -> bool {
    let before = text::before(body, s).trim_end();
    keyed
        || text::after(body, s).starts_with('[')
        || before.is_empty()
        || before.ends_with(['—', '–'])
        || before
            .as_bytes()
            .last()
            .is_some_and(|c| PUNCT.contains(c) && !b")]>".contains(c))
}

/// The text without the fields at its end (and keyed fields at its start): `Do X (owner:
/// @bob)` reads as `Do X`, but `Ask @bob about X` keeps its words.
fn strip_fields(body: &str, spans: &[(usize, usize, bool)]) -> String {
    let b = body.as_bytes();
    let dash = |s: &str| s.ends_with('—') || s.ends_with('–');
    let (mut end, mut cut_end) = (b.len(), false);
    loop {
        if let Some(&(s, ..)) = spans
            .iter()
            .find(|sp| sp.1 == end && sp.0 < end && set_off(body, sp))
        {
            (end, cut_end) = (s, true);
        } else if end > 0 && (b[end - 1].is_ascii_whitespace() || PUNCT.contains(&b[end - 1])) {
            end -= 1;
        } else if dash(text::before(body, end)) {
            end -= '—'.len_utf8();
        } else {
            break;
        }
    }
    if !cut_end {
        end = b.len();
    }
    // Closing marks right after the kept text belong to it: `Do X (see doc) @bob`.
    end += skip(&b[end..], b")]>.!?\"'`*_");
    let (mut start, mut span_end) = (0, None);
    while start < end {
        if let Some(&(_, e, _)) = spans.iter().find(|sp| sp.2 && sp.0 == start) {
            (start, span_end) = (e, Some(e));
        } else if b[start].is_ascii_whitespace() || PUNCT.contains(&b[start]) {
            start += 1;
        } else if text::after(body, start).starts_with(['—', '–']) {
            start += '—'.len_utf8();
        } else {
            break;
        }
    }
    match span_end {
        // Opening marks right before the kept text belong to it: `owner: @a (urgent) fix`.
        Some(e) => {
            while start > e && b"([<\"'*_`".contains(&b[start - 1]) {
                start -= 1;
            }
        }
        None => start = 0,
    }
    let text = body.get(start..end).unwrap_or(body).trim();
    if text.is_empty() { body.trim() } else { text }.to_string()
}
