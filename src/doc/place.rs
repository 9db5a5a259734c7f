//! Where new lines go: at a line boundary, and new sections in their template place.

use std::ops::Range;

use crate::doc::sections::{Form, Section, SectionNames};
use crate::doc::{Document, TEMPLATE_ORDER, list_item};

/// Insert `text` at the start of line `line`, which may be one past the last line: then a
/// missing final line break is added first.
pub(crate) fn at_line(doc: &Document, line: usize, text: String) -> (usize, String) {
    let offset = doc.line_start(line);
    if offset == doc.text.len() && !doc.text.is_empty() && !doc.text.ends_with('\n') {
        return (offset, format!("{}{text}", doc.newline));
    }
    (offset, text)
}

/// The line after a section's last line with content (its guidance comment, say), or after
/// its heading when it has none: where the first line of an empty section goes.
pub(crate) fn after_content(doc: &Document, section: &Section) -> usize {
    section
        .body
        .clone()
        .rev()
        .find(|&i| !doc.line(i).trim().is_empty())
        .map_or(section.heading.end, |i| i + 1)
}

/// Where the first line of an empty section goes, and the text to insert: after its last line
/// of content (its guidance comment), one blank line apart; under a list item's label
/// (`- **Timeline:**`), a nested item right after the label's last line, indented to the
/// label item's content so it stays inside that item.
pub(crate) fn into_empty(doc: &Document, section: &Section, first: &str) -> (usize, String) {
    let nl = doc.newline;
    let last = after_content(doc, section);
    if section.form == Form::ListLabel {
        let indent: String = list_item::prefix(doc.line(section.heading.start))
            .chars()
            .map(|c| if c == '\t' { c } else { ' ' })
            .collect();
        return at_line(doc, last, format!("{indent}{first}{nl}"));
    }
    at_line(doc, last, format!("{nl}{first}{nl}"))
}

/// A new section `name` holding `first_line`, where the template puts it: before the first section
/// that follows it in the template, else after the last one that precedes it, else at the
/// end of the document.
pub(crate) fn new_section(
    doc: &Document,
    names: &SectionNames,
    name: &str,
    first_line: &str,
) -> (usize, String) {
    let nl = doc.newline;
    let sections = doc.sections(names);
    let position = TEMPLATE_ORDER.iter().position(|n| *n == name).unwrap_or(0);
    // A list item's label is no place to put a heading before or after: it would cut the list.
    let known = |name: &str| {
        sections
            .iter()
            .find(|s| s.canonical.as_deref() == Some(name) && s.form != Form::ListLabel)
    };
    let level = |s: &Section| if s.level <= 6 { s.level } else { 2 };
    if let Some(next) = TEMPLATE_ORDER[position + 1..].iter().find_map(|n| known(n)) {
        let hashes = "#".repeat(usize::from(level(next)));
        return at_line(
            doc,
            next.heading.start,
            format!("{hashes} {name}{nl}{nl}{first_line}{nl}{nl}"),
        );
    }
    let previous = TEMPLATE_ORDER[..position]
        .iter()
        .rev()
        .find_map(|n| known(n));
    let (line, hashes) = match previous {
        Some(prev) => (
            trim_blank_end(doc, prev.heading.start..prev.body.end),
            "#".repeat(usize::from(level(prev))),
        ),
        None => (trim_blank_end(doc, 0..doc.line_count()), "##".to_string()),
    };
    let (offset, text) = at_line(
        doc,
        line,
        format!("{nl}{hashes} {name}{nl}{nl}{first_line}{nl}"),
    );
    // At the very end of an empty document there is nothing to keep apart from.
    if offset == 0 {
        return (0, text.trim_start_matches(['\r', '\n']).to_string());
    }
    (offset, text)
}

/// The end of `lines` without trailing blank lines (a loose list item's gap).
pub(crate) fn trim_blank_end(doc: &Document, lines: Range<usize>) -> usize {
    let mut end = lines.end;
    while end > lines.start + 1 && doc.line(end - 1).trim().is_empty() {
        end -= 1;
    }
    end
}
