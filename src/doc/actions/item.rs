//! Action items: read one line of an action-items section, and write the canonical line.
//!
//! pm writes `- [ ] Alert on price mismatches — owner: @mary, ticket: SHOP-123, due: 2026-12-04`.
//! People write many other shapes by hand (plain bullets, `(owner: @bob)`, a ticket link at
//! the end, a table row); [`parse_line`] reads those too, best effort, and never fails.
//!
//! # The round-trip rule
//!
//! The canonical fields are recognised only as a trailing suffix: after the **last** ` — `
//! (space, em dash, space) comes a list of `owner: …`, `ticket: …`, `due: YYYY-MM-DD` joined
//! by `, ` (each at most once, in any order, key case ignored). A value runs to the next
//! `, owner:` / `, ticket:` / `, due:` or to the end, so `owner: @a, @b` is one owner. When a
//! line has such a suffix, its text is everything before it, verbatim, and nothing in the text
//! is read as a field. A body ending in a bare ` —` is an explicitly empty suffix: the text is
//! verbatim too. Only lines with neither are read with the hand-written heuristics.
//! [`format_item`] always writes the suffix when a field is set, and the bare ` —` when the
//! text alone would be misread (an `@handle`, a ticket key or a trailing ` — owner: x` in
//! it), so `parse_line(&format_item(..))` gives back the same fields for any text.
//!
//! Free-form bullets are read in `hand`, ticket references in `ticket`, table rows in
//! `table`; this file holds the item, the canonical line and the validators.

use chrono::NaiveDate;

use crate::doc::list_item;
use crate::text;

#[cfg(test)]
use super::table::is_table_separator;
pub(crate) use super::table::parse_table_row;

use super::hand::heuristic;
use super::ticket::is_ticket;
use super::word::{is_placeholder, starts_ci};

/// What pm writes between the text and its fields.
const SEP: &str = " — ";
const FIELD_KEYS: [&str; 3] = ["owner", "ticket", "due"];

/// One action item as read from a line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct ActionItem {
    pub(crate) done: bool,
    pub(crate) text: String,
    /// As written, with the `@` of a handle (`@mary`) or a plain name (`Mary Smith`).
    pub(crate) owner: Option<String>,
    pub(crate) ticket: Option<String>,
    pub(crate) due: Option<NaiveDate>,
    /// Byte offset, in the line given to [`parse_line`], of the character between `[` and
    /// `]` (a space or `x`), so `pm action done` ticks the item by replacing that one byte.
    /// `None` for plain bullets, the malformed `[]`, and table rows without a `[ ]` cell.
    pub(crate) checkbox: Option<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub(crate) enum ItemError {
    #[error(
        "`{value}` is not a ticket; use a Jira key like `SHOP-123`, a GitHub or GitLab \
         reference like `#123` or `owner/repo#123`, or an http(s) URL"
    )]
    Ticket { value: String },
    #[error("`{value}` is not a due date; use a real date written `YYYY-MM-DD`, like `2026-12-04`")]
    Due { value: String },
    #[error(
        "`{value}` cannot be an owner; use a handle like `@mary` or a name, without ` — ` \
         or a `ticket:` or `due:` in it"
    )]
    Owner { value: String },
}

/// Read one line of an action-items section. `None` when it is not a list item or a table
/// row (blank, heading, prose, a thematic break, a table separator).
///
/// A table's header row cannot be told from a body row without the next line: the caller
/// skips a row whose next line passes
/// [`is_table_separator`](super::table::is_table_separator), and may pass that header to
/// [`parse_table_row`] so plain-name owner columns are understood.
pub(crate) fn parse_line(line: &str) -> Option<ActionItem> {
    let line = line.trim_end_matches(['\r', '\n']);
    let start = line.len() - line.trim_start_matches([' ', '\t']).len();
    let rest = text::after(line, start);
    if rest.starts_with('|') {
        return parse_table_row(None, line);
    }
    let marker = list_item::commonmark_marker(rest.as_bytes())?;
    if list_item::is_thematic_break(rest) {
        return None;
    }
    let pos = start + marker + blank_len(text::after(line, start + marker));
    let task = list_item::task_box(line.as_bytes(), pos);
    let body = text::after(line, task.map_or(pos, |t| t.end)).trim();
    if body.is_empty() && task.is_none() {
        return None;
    }
    let mut item = canonical(body).unwrap_or_else(|| heuristic(body));
    if let Some(task) = task {
        (item.done, item.checkbox) = (task.done, task.mark);
    }
    Some(item)
}

/// Read the body of an item written without a list marker (a table cell, a line of a
/// paragraph, a heading): the canonical suffix, else the hand-written heuristics.
pub(crate) fn parse_text(body: &str) -> ActionItem {
    canonical(body).unwrap_or_else(|| heuristic(body))
}

/// The canonical line pm writes, without a newline. Text and field values are made one line
/// with [`normalize_text`]; empty values count as absent. The round trip holds for an owner
/// that passes [`validate_owner`] and a ticket that passes [`validate_ticket`] (placeholders
/// such as `TBD` read back as absent).
pub(crate) fn format_item(
    text: &str,
    owner: Option<&str>,
    ticket: Option<&str>,
    due: Option<NaiveDate>,
) -> String {
    let text = normalize_text(text);
    let mut fields = Vec::new();
    for (key, value) in [("owner", owner), ("ticket", ticket)] {
        if let Some(value) = value.map(normalize_text).filter(|v| !v.is_empty()) {
            fields.push(format!("{key}: {value}"));
        }
    }
    if let Some(due) = due {
        fields.push(format!("due: {}", due.format("%Y-%m-%d")));
    }
    let mut line = String::from("- [ ]");
    if !text.is_empty() {
        line.push(' ');
        line.push_str(&text);
    }
    if !fields.is_empty() {
        line.push_str(SEP);
        line.push_str(&fields.join(", "));
    } else if parse_line(&line).is_none_or(|item| {
        item != ActionItem {
            text,
            ..plain_task()
        }
    }) {
        // Read without a suffix, the text would lose words to the heuristics: the bare
        // dash says "no fields here" (see the round-trip rule).
        line.push_str(" —");
    }
    line
}

fn plain_task() -> ActionItem {
    ActionItem {
        checkbox: Some(3),
        ..ActionItem::default()
    }
}

/// Accept a Jira key (`ABC-123`), a GitHub or GitLab reference (`#123`, `owner/repo#123`)
/// or an http(s) URL.
pub(crate) fn validate_ticket(s: &str) -> Result<(), ItemError> {
    if is_ticket(s) {
        Ok(())
    } else {
        Err(ItemError::Ticket {
            value: s.to_string(),
        })
    }
}

/// An owner must survive the canonical line: one line, not a placeholder like `TBD`, and
/// nothing in it that would end the `owner:` field early.
pub(crate) fn validate_owner(s: &str) -> Result<(), ItemError> {
    let value = normalize_text(s);
    let item = parse_line(&format_item("x", Some(&value), None, None));
    // It would read back, but a person reading `owner: @bob ticket: X-1` sees two fields.
    let lower = value.to_lowercase();
    let names_a_field = FIELD_KEYS.iter().any(|k| lower.contains(&format!("{k}:")));
    if value.is_empty()
        || names_a_field
        || item.and_then(|i| i.owner).as_deref() != Some(value.as_str())
    {
        return Err(ItemError::Owner {
            value: s.to_string(),
        });
    }
    Ok(())
}

/// A due date written `YYYY-MM-DD` that exists on the calendar.
pub(crate) fn parse_due(s: &str) -> Result<NaiveDate, ItemError> {
    let t = s.trim();
    let b = t.as_bytes();
    // chrono alone would take `2026-1-4` or `+2026-01-04`; pm writes and wants one form.
    let shaped = b.len() == 10
        && b.iter().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                *c == b'-'
            } else {
                c.is_ascii_digit()
            }
        });
    shaped
        .then(|| NaiveDate::parse_from_str(t, "%Y-%m-%d").ok())
        .flatten()
        .ok_or_else(|| ItemError::Due {
            value: s.to_string(),
        })
}

/// Make a (possibly multi-line) text one line: every run of whitespace, newlines included,
/// becomes one space, and the ends are trimmed. Markdown is kept as it is.
pub(crate) fn normalize_text(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn blank_len(s: &str) -> usize {
    s.len() - s.trim_start_matches([' ', '\t']).len()
}

/// The fields of a line that has the canonical suffix (or the bare ` —`).
fn canonical(body: &str) -> Option<ActionItem> {
    if body == "—" {
        return Some(ActionItem::default());
    }
    if let Some(text) = body.strip_suffix(" —") {
        return Some(ActionItem {
            text: text.trim_end().into(),
            ..ActionItem::default()
        });
    }
    let (text, mut rest) = match body.rfind(SEP) {
        Some(i) => (text::before(body, i), text::after(body, i + SEP.len())),
        None => ("", body.strip_prefix("— ")?),
    };
    let mut item = ActionItem {
        text: text.trim_end().into(),
        ..ActionItem::default()
    };
    let mut seen = [false; 3];
    loop {
        let k = field_key(rest.as_bytes())?;
        let after = text::after(rest, FIELD_KEYS[k].len() + 1);
        let b = after.as_bytes();
        let end = (0..b.len())
            .find(|&i| b[i..].starts_with(b", ") && field_key(&b[i + 2..]).is_some())
            .unwrap_or(b.len());
        let value = text::before(after, end).trim();
        if value.is_empty() || std::mem::replace(&mut seen[k], true) {
            return None;
        }
        let value = (!is_placeholder(value)).then_some(value);
        match k {
            0 => item.owner = value.map(Into::into),
            1 => item.ticket = value.map(Into::into),
            _ => item.due = value.map(parse_due).transpose().ok()?,
        }
        if end == b.len() {
            return Some(item);
        }
        rest = text::after(after, end + 2);
    }
}

fn field_key(b: &[u8]) -> Option<usize> {
    FIELD_KEYS
        .iter()
        .position(|k| starts_ci(b, k) && b.get(k.len()) == Some(&b':'))
}

#[cfg(test)]
#[allow(clippy::string_slice)] // tests slice at the offsets they check
mod tests {
    use super::*;

    /// Expected fields: (done, text, owner, ticket, due, checkbox).
    type Want = (
        bool,
        &'static str,
        Option<&'static str>,
        Option<&'static str>,
        Option<&'static str>,
        Option<usize>,
    );

    fn want((done, text, owner, ticket, due, checkbox): Want) -> ActionItem {
        ActionItem {
            done,
            text: text.into(),
            owner: owner.map(Into::into),
            ticket: ticket.map(Into::into),
            due: due.map(|d| parse_due(d).unwrap()),
            checkbox,
        }
    }

    /// (text, owner, ticket, due, expected line)
    type FormatCase = (
        &'static str,
        Option<&'static str>,
        Option<&'static str>,
        Option<NaiveDate>,
        &'static str,
    );

    fn date(s: &str) -> NaiveDate {
        parse_due(s).unwrap()
    }

    const NOT_ITEMS: &[&str] = &[
        "",
        "   ",
        "\r",
        "## Action items",
        "Some prose about the outage.",
        "---",
        "* * *",
        "- - -",
        "|---|:--:|",
        "| :- | :- |",
        "-",
        "-no space after the dash",
        "1.5 million users saw errors",
        "2026-12-04 was the day",
        "<!-- one task per line -->",
        "> quoted - [ ] item",
        "    ",
        "|  |  |",
    ];

    #[test]
    fn lines_that_are_not_items() {
        for line in NOT_ITEMS {
            assert_eq!(parse_line(line), None, "{line:?}");
        }
    }

    const CANONICAL: &[(&str, Want)] = &[
        (
            "- [ ] Alert on price mismatches — owner: @mary, ticket: SHOP-123, due: 2026-12-04",
            (
                false,
                "Alert on price mismatches",
                Some("@mary"),
                Some("SHOP-123"),
                Some("2026-12-04"),
                Some(3),
            ),
        ),
        (
            "- [x] Rotate keys — owner: @bob",
            (true, "Rotate keys", Some("@bob"), None, None, Some(3)),
        ),
        (
            "- [X] Rotate keys — ticket: #42\r",
            (true, "Rotate keys", None, Some("#42"), None, Some(3)),
        ),
        (
            "  - [ ] Nested — due: 2026-01-31",
            (false, "Nested", None, None, Some("2026-01-31"), Some(5)),
        ),
        (
            "- [ ] Fix — the — parser — owner: @a",
            (false, "Fix — the — parser", Some("@a"), None, None, Some(3)),
        ),
        // With a suffix, nothing in the text is a field.
        (
            "- [ ] Ask the owner: @x about UTF-8 and OPS-9 — ticket: OPS-10",
            (
                false,
                "Ask the owner: @x about UTF-8 and OPS-9",
                None,
                Some("OPS-10"),
                None,
                Some(3),
            ),
        ),
        (
            "- [ ] Do X — owner: TBD, ticket: TODO",
            (false, "Do X", None, None, None, Some(3)),
        ),
        (
            "- [ ] Page @oncall on UTF-8 errors —",
            (
                false,
                "Page @oncall on UTF-8 errors",
                None,
                None,
                None,
                Some(3),
            ),
        ),
        (
            "- [ ] — owner: @a",
            (false, "", Some("@a"), None, None, Some(3)),
        ),
        (
            "- [ ] Any order — ticket: SHOP-1, Owner: @a",
            (
                false,
                "Any order",
                Some("@a"),
                Some("SHOP-1"),
                None,
                Some(3),
            ),
        ),
        (
            "- [ ] Two owners — owner: @a, @b, due: 2026-03-01",
            (
                false,
                "Two owners",
                Some("@a, @b"),
                None,
                Some("2026-03-01"),
                Some(3),
            ),
        ),
        (
            "- [ ] Named — owner: Mary Smith",
            (false, "Named", Some("Mary Smith"), None, None, Some(3)),
        ),
        (
            "* [x] Star bullet",
            (true, "Star bullet", None, None, None, Some(3)),
        ),
        (
            "1. [ ] Numbered",
            (false, "Numbered", None, None, None, Some(4)),
        ),
        (
            "12) [x] Paren numbered",
            (true, "Paren numbered", None, None, None, Some(5)),
        ),
        ("- [] Typo box", (false, "Typo box", None, None, None, None)),
        ("- [ ]", (false, "", None, None, None, Some(3))),
        (
            "- [ ]\tTabbed",
            (false, "Tabbed", None, None, None, Some(3)),
        ),
        (
            "\t- [x] Tab indent",
            (true, "Tab indent", None, None, None, Some(4)),
        ),
        (
            "- [ ] [x] box in text",
            (false, "[x] box in text", None, None, None, Some(3)),
        ),
    ];

    const HAND_WRITTEN: &[(&str, Want)] = &[
        (
            "- Do X (owner: @bob)",
            (false, "Do X", Some("@bob"), None, None, None),
        ),
        (
            "- Rotate credentials. Owner: Mary Smith, due 2026-12-04",
            (
                false,
                "Rotate credentials.",
                Some("Mary Smith"),
                None,
                Some("2026-12-04"),
                None,
            ),
        ),
        (
            "- owner: Bob to rotate keys",
            (false, "to rotate keys", Some("Bob"), None, None, None),
        ),
        (
            "- Ask @carol to review the runbook",
            (
                false,
                "Ask @carol to review the runbook",
                Some("@carol"),
                None,
                None,
                None,
            ),
        ),
        (
            "- Email ops@example.com about it",
            (
                false,
                "Email ops@example.com about it",
                None,
                None,
                None,
                None,
            ),
        ),
        (
            "- Do X, @team/sre.",
            (false, "Do X", Some("@team/sre"), None, None, None),
        ),
        (
            "- Add alerting ([SHOP-123](https://shop.atlassian.net/browse/SHOP-123))",
            (false, "Add alerting", None, Some("SHOP-123"), None, None),
        ),
        (
            "- Retry payments https://jira.example.com/browse/PAY-312",
            (
                false,
                "Retry payments https://jira.example.com/browse/PAY-312",
                None,
                Some("PAY-312"),
                None,
                None,
            ),
        ),
        (
            "- Retry payments ([ticket](https://jira.example.com/browse/PAY-312)) (owner: Bob)",
            (
                false,
                "Retry payments",
                Some("Bob"),
                Some("PAY-312"),
                None,
                None,
            ),
        ),
        (
            "- Limit pods <https://github.com/acme/infra/issues/89>",
            (
                false,
                "Limit pods",
                None,
                Some("https://github.com/acme/infra/issues/89"),
                None,
                None,
            ),
        ),
        (
            "* Improve alerting ([#11953](https://github.com/acme/infra/issues/11953))",
            (
                false,
                "Improve alerting",
                None,
                Some("https://github.com/acme/infra/issues/11953"),
                None,
                None,
            ),
        ),
        (
            "- Move runners (https://gitlab.example.com/ops/ci/-/issues/7).",
            (
                false,
                "Move runners",
                None,
                Some("https://gitlab.example.com/ops/ci/-/issues/7"),
                None,
                None,
            ),
        ),
        (
            "- Automate deploys: [#11134]",
            (false, "Automate deploys", None, Some("#11134"), None, None),
        ),
        (
            "- Track in acme/infra#77 before launch",
            (
                false,
                "Track in acme/infra#77 before launch",
                None,
                Some("acme/infra#77"),
                None,
                None,
            ),
        ),
        (
            "- Ask @lead and fix #12",
            (
                false,
                "Ask @lead and fix #12",
                Some("@lead"),
                Some("#12"),
                None,
                None,
            ),
        ),
        (
            "- Follow up in OPS-42 with the vendor",
            (
                false,
                "Follow up in OPS-42 with the vendor",
                None,
                Some("OPS-42"),
                None,
                None,
            ),
        ),
        (
            "- Fix the UTF-8 decoder",
            (false, "Fix the UTF-8 decoder", None, None, None, None),
        ),
        (
            "- Switch to SHA-256 everywhere",
            (
                false,
                "Switch to SHA-256 everywhere",
                None,
                None,
                None,
                None,
            ),
        ),
        (
            "- Patch CVE-2021-44228 on all hosts",
            (
                false,
                "Patch CVE-2021-44228 on all hosts",
                None,
                None,
                None,
                None,
            ),
        ),
        (
            "- Re-test after COVID-19 closures",
            (
                false,
                "Re-test after COVID-19 closures",
                None,
                None,
                None,
                None,
            ),
        ),
        (
            "- Use ISO-8601 timestamps",
            (false, "Use ISO-8601 timestamps", None, None, None, None),
        ),
        (
            "- Support HTTP-1.1 and TLS-13 clients",
            (
                false,
                "Support HTTP-1.1 and TLS-13 clients",
                None,
                None,
                None,
                None,
            ),
        ),
        (
            "- Cut SEV-2 pages by half",
            (false, "Cut SEV-2 pages by half", None, None, None, None),
        ),
        (
            "- Read ISO-8859-1 and AB-1-2 files",
            (
                false,
                "Read ISO-8859-1 and AB-1-2 files",
                None,
                None,
                None,
                None,
            ),
        ),
        (
            "- Fix `ABC-12` and `@Override` parsing",
            (
                false,
                "Fix `ABC-12` and `@Override` parsing",
                None,
                None,
                None,
                None,
            ),
        ),
        (
            "- Read https://wiki.example.com/OPS-12 first",
            (
                false,
                "Read https://wiki.example.com/OPS-12 first",
                None,
                None,
                None,
                None,
            ),
        ),
        (
            "- Assignee: @dana — decommission the old cluster",
            (
                false,
                "decommission the old cluster",
                Some("@dana"),
                None,
                None,
                None,
            ),
        ),
        (
            "- Ship the fix by 2026-12-04",
            (false, "Ship the fix", None, None, Some("2026-12-04"), None),
        ),
        (
            "- Owned by the platform team",
            (false, "Owned by the platform team", None, None, None, None),
        ),
        (
            "- **Owner:** @erin. Add a dashboard",
            (false, "Add a dashboard", Some("@erin"), None, None, None),
        ),
        (
            "- Owner: TBD — add retries",
            (false, "add retries", None, None, None, None),
        ),
        (
            "- issue: the DNS was slow",
            (false, "issue: the DNS was slow", None, None, None, None),
        ),
        (
            "+ Plus bullet, ticket: https://tracker.example.com/T/5",
            (
                false,
                "Plus bullet",
                None,
                Some("https://tracker.example.com/T/5"),
                None,
                None,
            ),
        ),
        (
            "- Migrate nodes (due: Jul 16, 2026)",
            (false, "Migrate nodes", None, None, Some("2026-07-16"), None),
        ),
        (
            "- Migrate nodes, deadline 16 July 2026",
            (false, "Migrate nodes", None, None, Some("2026-07-16"), None),
        ),
        (
            "- [ ] Rotate keys (owner: @bob, due: 2026-12-04)\r",
            (
                false,
                "Rotate keys",
                Some("@bob"),
                None,
                Some("2026-12-04"),
                Some(3),
            ),
        ),
        (
            "- [x] Rotate keys - assigned to @bob and @ann, JIRA: OPS-7",
            (
                true,
                "Rotate keys",
                Some("@bob and @ann"),
                Some("OPS-7"),
                None,
                Some(3),
            ),
        ),
        (
            "- Fix — due: 2026-02-30",
            (false, "Fix — due: 2026-02-30", None, None, None, None),
        ),
        (
            "1. **Patch queries** to avoid scans.",
            (
                false,
                "**Patch queries** to avoid scans.",
                None,
                None,
                None,
                None,
            ),
        ),
        (
            "- Do X (see doc) @bob",
            (false, "Do X (see doc) @bob", Some("@bob"), None, None, None),
        ),
        (
            "- Do X (see the doc), @bob",
            (false, "Do X (see the doc)", Some("@bob"), None, None, None),
        ),
        (
            "- owner: @bob",
            (false, "owner: @bob", Some("@bob"), None, None, None),
        ),
    ];

    const TABLE_ROWS: &[(&str, Want)] = &[
        (
            "| Enable nftables on all hosts | Jul 16, 2026 | Done |",
            (
                true,
                "Enable nftables on all hosts",
                None,
                None,
                Some("2026-07-16"),
                None,
            ),
        ),
        (
            "| Bind Redis to private IPs | @frank | OPS-77 | 2026-08-01 |",
            (
                false,
                "Bind Redis to private IPs",
                Some("@frank"),
                Some("OPS-77"),
                Some("2026-08-01"),
                None,
            ),
        ),
        (
            "| [x] | Restore backups | @gina, @hal |",
            (
                true,
                "Restore backups",
                Some("@gina, @hal"),
                None,
                None,
                Some(3),
            ),
        ),
        (
            "| 1 | Restore backups | <https://github.com/acme/infra/issues/62> | **TODO** |",
            (
                false,
                "Restore backups",
                None,
                Some("https://github.com/acme/infra/issues/62"),
                None,
                None,
            ),
        ),
        (
            "|Fix the `a|b` split|✅|",
            (true, "Fix the `a|b` split", None, None, None, None),
        ),
        (
            "| Escaped \\| pipe | TBD |\r",
            (false, "Escaped \\| pipe", None, None, None, None),
        ),
        // A header row reads as an item: the caller skips it (see `parse_line`).
        (
            "| Action | Owner | Ticket |",
            (false, "Action", None, None, None, None),
        ),
    ];

    #[test]
    fn parse_line_cases() {
        let all = CANONICAL.iter().chain(HAND_WRITTEN).chain(TABLE_ROWS);
        let mut failures = Vec::new();
        for (line, expected) in all {
            let got = parse_line(line);
            if got.as_ref() != Some(&want(*expected)) {
                failures.push(format!(
                    "{line:?}\n  got  {got:?}\n  want {:?}",
                    want(*expected)
                ));
            }
        }
        assert!(
            failures.is_empty(),
            "{} failures:\n{}",
            failures.len(),
            failures.join("\n")
        );
        assert!(NOT_ITEMS.len() + CANONICAL.len() + HAND_WRITTEN.len() + TABLE_ROWS.len() >= 40);
    }

    #[test]
    fn checkbox_offset_is_the_byte_to_tick() {
        for line in [
            "- [ ] a",
            "   * [ ] b — owner: @x",
            "10. [ ] c\r",
            "| [ ] | row |",
            "\t\t- [ ] é",
        ] {
            let at = parse_line(line).unwrap().checkbox.unwrap();
            let mut ticked = line.to_string();
            ticked.replace_range(at..=at, "x");
            let item = parse_line(&ticked).unwrap();
            assert!(item.done, "{ticked:?}");
            assert_eq!(item.text, parse_line(line).unwrap().text);
        }
    }

    #[test]
    fn table_rows_use_the_header_for_text_and_owner_columns() {
        let header = "| Action Item | Type | Owner | Status |";
        let cases: &[(&str, Want)] = &[
            (
                "|Revert storage driver|mitigate|olivier|**DONE**|",
                (
                    true,
                    "Revert storage driver",
                    Some("olivier"),
                    None,
                    None,
                    None,
                ),
            ),
            (
                "|Open a forum ticket|process|charles,olivier|**TODO**|",
                (
                    false,
                    "Open a forum ticket",
                    Some("charles,olivier"),
                    None,
                    None,
                    None,
                ),
            ),
            (
                "|Run on a VM|prevent|TBD|<https://github.com/acme/infra/issues/62>|",
                (
                    false,
                    "Run on a VM",
                    None,
                    Some("https://github.com/acme/infra/issues/62"),
                    None,
                    None,
                ),
            ),
            ("| | | | |", (false, "", None, None, None, None)),
        ];
        for (row, expected) in cases {
            let got = parse_table_row(Some(header), row);
            if row.contains("| | |") {
                assert_eq!(got, None);
            } else {
                assert_eq!(got, Some(want(*expected)), "{row}");
            }
        }
        assert_eq!(parse_table_row(Some(header), "|---|---|---|---|"), None);
        assert_eq!(parse_table_row(Some(header), "- [ ] not a row"), None);
    }

    #[test]
    fn table_separators() {
        let cases = [
            ("|---|", true),
            ("| :- | :-: | -: |", true),
            ("--- | ---", true),
            ("|---|---|\r", true),
            ("| a | b |", false),
            ("|   |", false),
            ("---", false),
            ("- [ ] x", false),
            ("", false),
        ];
        for (line, expected) in cases {
            assert_eq!(is_table_separator(line), expected, "{line:?}");
        }
    }

    #[test]
    fn format_item_writes_the_canonical_line() {
        let d = Some(date("2026-12-04"));
        let cases: &[FormatCase] = &[
            (
                "Alert on price mismatches",
                Some("@mary"),
                Some("SHOP-123"),
                d,
                "- [ ] Alert on price mismatches — owner: @mary, ticket: SHOP-123, due: 2026-12-04",
            ),
            ("Do X", None, None, None, "- [ ] Do X"),
            ("Do X", None, None, d, "- [ ] Do X — due: 2026-12-04"),
            ("Page @oncall", None, None, None, "- [ ] Page @oncall —"),
            (
                "Fix UTF-8 in OPS-1 export",
                None,
                None,
                None,
                "- [ ] Fix UTF-8 in OPS-1 export —",
            ),
            ("Wait —", None, None, None, "- [ ] Wait — —"),
            (
                "multi\nline  text\r\n",
                None,
                Some("#4"),
                None,
                "- [ ] multi line text — ticket: #4",
            ),
            ("", Some("@a"), None, None, "- [ ] — owner: @a"),
            ("x", Some(" "), Some(""), None, "- [ ] x"),
            ("", None, None, None, "- [ ]"),
        ];
        for (text, owner, ticket, due, line) in cases {
            assert_eq!(format_item(text, *owner, *ticket, *due), *line);
        }
    }

    #[test]
    fn format_then_parse_gives_back_the_same_fields() {
        let texts = [
            "Plain",
            "Has — dash inside",
            "Ends with dash —",
            "—",
            "— starts with a dash",
            "Commas, and more, commas",
            "Ask the owner: @bob",
            "owner: @x",
            "Fix — owner: @x",
            "Fix — owner: @x, due: 2026-01-01",
            "Fix — ticket: AB-1 —",
            "[SHOP-1](https://a.atlassian.net/browse/SHOP-1) link",
            "Read <https://github.com/o/r/issues/3>",
            "`code — owner: x` span",
            "UTF-8, SHA-256 and OPS-12",
            "#12 first",
            "Due by 2026-12-04",
            "ticket: ABC-1",
            "[ ] nested box",
            "[x] nested done box",
            "Mary Smith owns it (owner: Mary)",
            "",
            "trailing (parens)",
            "1. looks numbered",
            "  padded  \n next line ",
            "Done ✅ émoji — ünïcode",
            "Ends with —— double",
            "| looks | like a table |",
            "*emphasis* and **bold** and ~~strike~~",
            "a—b–c - d",
        ];
        let d = Some(date("2026-12-04"));
        let fields: &[(Option<&str>, Option<&str>, Option<NaiveDate>)] = &[
            (None, None, None),
            (Some("@mary"), None, None),
            (None, Some("SHOP-123"), None),
            (None, None, d),
            (Some("@a, @b"), Some("https://github.com/o/r/issues/1"), d),
            (Some("Mary Smith"), Some("#9"), None),
            (Some("the SRE team"), Some("acme/infra#12"), d),
        ];
        for text in texts {
            for &(owner, ticket, due) in fields {
                let line = format_item(text, owner, ticket, due);
                let expected = ActionItem {
                    done: false,
                    text: normalize_text(text),
                    owner: owner.map(Into::into),
                    ticket: ticket.map(Into::into),
                    due,
                    checkbox: Some(3),
                };
                assert_eq!(parse_line(&line), Some(expected), "{line:?}");
                assert!(!line.contains('\n'), "{line:?}");
            }
        }
    }

    #[test]
    fn tickets() {
        let ok = [
            "SHOP-123",
            "AB-1",
            "A_B2-10",
            "A1-5",
            "UTF-8",
            "#1",
            "#123",
            "acme/infra#9",
            "group/sub/proj#12",
            "my.org/re-po#3",
            "https://x.atlassian.net/browse/ABC-1",
            "http://tracker/5",
            "https://github.com/o/r/issues/12",
        ];
        for t in ok {
            assert_eq!(validate_ticket(t), Ok(()), "{t}");
        }
        let bad = [
            "",
            "shop-123",
            "S-1",
            "SHOP-0",
            "SHOP-01",
            "ABCDEFGHIJK-1",
            "1AB-2",
            "SHOP 123",
            "SHOP-",
            "#0",
            "#",
            "#12a",
            "acme#1",
            "/r#1",
            "a//b#1",
            "ftp://x",
            "https://",
            "https:// x",
            "https://a b",
            "SHOP-123 ",
            "#12345678901",
        ];
        for t in bad {
            assert_eq!(
                validate_ticket(t),
                Err(ItemError::Ticket { value: t.into() }),
                "{t}"
            );
        }
        assert_eq!(
            validate_ticket("soon").unwrap_err().to_string(),
            "`soon` is not a ticket; use a Jira key like `SHOP-123`, a GitHub or GitLab \
             reference like `#123` or `owner/repo#123`, or an http(s) URL"
        );
    }

    #[test]
    fn due_dates() {
        let ok = [
            ("2026-12-04", (2026, 12, 4)),
            ("2024-02-29", (2024, 2, 29)),
            (" 2026-01-01 ", (2026, 1, 1)),
        ];
        for (s, (y, m, d)) in ok {
            assert_eq!(
                parse_due(s),
                Ok(NaiveDate::from_ymd_opt(y, m, d).unwrap()),
                "{s}"
            );
        }
        let bad = [
            "",
            "2026-02-30",
            "2025-02-29",
            "2026-13-01",
            "2026-1-04",
            "26-12-04",
            "2026/12/04",
            "2026-12-04T00:00",
            "+2026-12-04",
            "tomorrow",
            "２０２６-12-04",
        ];
        for s in bad {
            assert_eq!(parse_due(s), Err(ItemError::Due { value: s.into() }), "{s}");
        }
        assert_eq!(
            parse_due("2026-02-30").unwrap_err().to_string(),
            "`2026-02-30` is not a due date; use a real date written `YYYY-MM-DD`, like `2026-12-04`"
        );
    }

    #[test]
    fn owners() {
        for ok in ["@mary", "Mary Smith", "@a, @b", "the SRE team", "@org/team"] {
            assert_eq!(validate_owner(ok), Ok(()), "{ok}");
        }
        for bad in [
            "",
            "  ",
            "TBD",
            "a — b",
            "@a, ticket: AB-1",
            "x, due: 2026-01-01",
        ] {
            assert_eq!(
                validate_owner(bad),
                Err(ItemError::Owner { value: bad.into() }),
                "{bad}"
            );
        }
    }

    #[test]
    fn normalize() {
        let cases = [
            ("a\n  b\r\n\tc ", "a b c"),
            ("", ""),
            ("  \n ", ""),
            ("**bold**  `code  span`", "**bold** `code span`"),
            ("one", "one"),
        ];
        for (input, output) in cases {
            assert_eq!(normalize_text(input), output);
        }
    }

    /// Odd and truncated input never panics (every cut at a char boundary of each case).
    #[test]
    fn never_panics() {
        let nasty = [
            "- [ ] ü — owner: ß, ticket: ∞, due: 2026-12-04",
            "| é | ü | `x|` | \\",
            "- [ ] `unterminated `` code ``` spans`",
            "- [x",
            "- [",
            "|",
            "- owner:",
            "- due",
            "- by ",
            "- [](",
            "- [a](b",
            "- @",
            "- #",
            "- http",
            "- https://",
            "- <https://x",
            "- owner: @",
            "- **Owner:**",
            "- ——— — —",
            "- — — owner: — ticket: —",
            "1)",
            "999999999. x",
            "9999999999. x",
            "- [ ] — due:",
            "- Owner: — due: Jul",
            "- ticket: [x](y",
            "| [ ] |",
            "- AB-",
            "- x/y#",
            "- @a, @",
        ];
        for s in nasty {
            for (i, _) in s.char_indices().chain([(s.len(), ' ')]) {
                let _ = parse_line(&s[..i]);
                let _ = parse_table_row(Some(s), &s[..i]);
                let _ = parse_line(&format_item(&s[..i], Some(&s[i..]), Some(&s[..i]), None));
            }
        }
    }
}
