//! A label that names a section without a heading: a bold phrase starting a paragraph or a
//! list item (`**Impact:** …`, `- **Root Cause**:`, `__Timeline__`), or a line that is only a
//! section name (`Timeline:`), as hand-written post-mortems mark their parts.

use crate::doc::list_item;
use crate::doc::timeline::entry::{self, LineKind};
use crate::text;

/// The longest label read as a section name; longer bold text is a sentence.
const MAX_LEN: usize = 60;

/// A label at the start of a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Label {
    /// The label as written, without emphasis, markup or its colon.
    pub(crate) name: String,
    /// What follows the label on its line (`20 minutes of downtime`), trimmed.
    pub(crate) rest: String,
    /// Written bold (or as a line that is only a name, which is `false`).
    pub(crate) bold: bool,
}

/// The bold label that starts `line` (after its indentation and list marker, when
/// `list_item` says the line starts a list item): a bold phrase that ends with a colon, inside
/// or right after the emphasis, or that stands alone on its line. A bold timestamp
/// (`**10:30 AM:**`) is a timeline entry, never a label.
pub(crate) fn bold(line: &str, list_item: bool) -> Option<Label> {
    let content = content(line, list_item);
    let delimiter = if content.starts_with("**") {
        "**"
    } else if content.starts_with("__") {
        "__"
    } else {
        return None;
    };
    let inner_and_rest = text::after(content, 2);
    let close = inner_and_rest.find(delimiter)?;
    let inner = without_tags(text::before(inner_and_rest, close));
    let inner = inner.trim();
    let after = text::after(inner_and_rest, close + 2);
    let colon_inside = inner.ends_with(':');
    let name = inner.trim_end_matches(':').trim();
    let colon_after = after.trim_start().starts_with(':');
    let rest = after.trim_start().trim_start_matches(':').trim();
    let is_label = colon_inside || colon_after || rest.is_empty();
    let wordy = name.chars().any(char::is_alphabetic) && name.chars().count() <= MAX_LEN;
    if !is_label || !wordy || is_stamp(line) {
        return None;
    }
    Some(Label {
        name: name.to_string(),
        rest: rest.to_string(),
        bold: true,
    })
}

/// A line that is only a name, maybe bold, maybe with a colon (`Timeline:`, `**Root
/// cause**`): the caller decides whether the name is a section's.
pub(crate) fn plain(line: &str) -> Option<Label> {
    let text = line
        .trim()
        .trim_matches(['*', '_'])
        .trim_end_matches(':')
        .trim()
        .trim_matches(['*', '_'])
        .trim();
    (text.chars().count() <= MAX_LEN && text.chars().any(char::is_alphabetic)).then(|| Label {
        name: text.to_string(),
        rest: String::new(),
        bold: false,
    })
}

/// The line after its indentation and, for a list item, its marker and task box.
fn content(line: &str, list_item: bool) -> &str {
    let start = if list_item {
        list_item::prefix(line).len()
    } else {
        line.len() - line.trim_start().len()
    };
    text::after(line, start)
}

/// Whether the line starts like a timeline entry (`- **10:30 AM:** paged`).
fn is_stamp(line: &str) -> bool {
    !matches!(entry::parse_line(line), LineKind::NotAnEntry)
}

/// `<span style="…">Root Cause:</span>` → `Root Cause:`: colour markup some documents wrap
/// their labels in.
fn without_tags(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_tag = false;
    for c in text.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Forms from the corpus (student-0x19, iasql, openfoodfacts-infra), and near misses.
    #[test]
    fn bold_labels() {
        type Case<'a> = (&'a str, bool, Option<(&'a str, &'a str)>);
        let cases: &[Case] = &[
            ("**Issue Summary:**", false, Some(("Issue Summary", ""))),
            (
                "**Root Cause:** The root cause was a surge.",
                false,
                Some(("Root Cause", "The root cause was a surge.")),
            ),
            ("**Trigger**:", false, Some(("Trigger", ""))),
            (
                "**Root Causes**: a, b",
                false,
                Some(("Root Causes", "a, b")),
            ),
            ("__Timeline__", false, Some(("Timeline", ""))),
            ("**Timeline**  ", false, Some(("Timeline", ""))),
            (
                "- **Duration:** April 10, 2024, 10:30 AM - 12:00 PM (UTC-5)",
                true,
                Some(("Duration", "April 10, 2024, 10:30 AM - 12:00 PM (UTC-5)")),
            ),
            ("- **Root Cause**:", true, Some(("Root Cause", ""))),
            ("* **Timeline:**", true, Some(("Timeline", ""))),
            ("  - **Tasks**:", true, Some(("Tasks", ""))),
            (
                "- **Impact:**\u{a0}The web service was unavailable.",
                true,
                Some(("Impact", "The web service was unavailable.")),
            ),
            (
                "**<span style=\"color: #FF6347;\">Root Cause:</span>** A typo.",
                false,
                Some(("Root Cause", "A typo.")),
            ),
            (
                "1. **Resolution:** rolled back",
                true,
                Some(("Resolution", "rolled back")),
            ),
            // Timeline entries, not labels.
            ("- **10:30 AM:** Issue detected.", true, None),
            ("- **2022-09-05**: Release day.", true, None),
            ("**21:48:** paged", false, None),
            // Bold words inside a sentence.
            ("**Nietzsche** once said", false, None),
            ("**Note** that the cache was cold.", false, None),
            ("Root Cause: a typo", false, None),
            ("**unclosed: text", false, None),
            ("**:**", false, None),
        ];
        for (line, item, expected) in cases {
            let got = bold(line, *item);
            let got = got.as_ref().map(|l| (l.name.as_str(), l.rest.as_str()));
            assert_eq!(got, *expected, "{line:?}");
        }
    }

    #[test]
    fn plain_names() {
        let cases = [
            ("Timeline:", Some("Timeline")),
            ("**Root cause**", Some("Root cause")),
            ("  Issue Summary  ", Some("Issue Summary")),
            ("14:00", None),
            ("", None),
        ];
        for (line, expected) in cases {
            assert_eq!(plain(line).map(|l| l.name).as_deref(), expected, "{line:?}");
        }
    }
}
