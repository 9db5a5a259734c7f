//! The rules on the wiki's required sections: `section-missing`, and `section-empty` for one
//! that holds nothing but guidance comments, whitespace or a placeholder (`TODO`, `TBD`, `N/A`).

use crate::check::rules::{Class, Run, Settings};
use crate::doc::sections::Section;
use crate::doc::{actions, timeline};
use crate::text;

/// `section-missing` and `section-empty`, for each of the wiki's required sections.
pub(super) fn check(run: &mut Run, settings: &Settings) {
    let doc = run.doc;
    let sections = doc.sections(settings.names);
    for required in &settings.config.required_sections {
        let Some(section) = sections
            .iter()
            .find(|s| s.canonical.as_deref() == Some(required.as_str()))
        else {
            run.add(
                "section-missing",
                Class::Incomplete,
                0,
                format!("the required section \"{required}\" is missing"),
                Some(format!(
                    "add a `## {required}` section (or a heading `pm.toml` lists as its alias)"
                )),
            );
            continue;
        };
        // The timeline and action items have their own, more precise rules.
        if required == timeline::NAME || required == actions::TRACKED {
            continue;
        }
        if is_empty(run, section) {
            run.add(
                "section-empty",
                Class::Incomplete,
                section.heading.start,
                format!("the section \"{}\" is empty", section.title),
                Some("write it, or say why it does not apply".into()),
            );
        }
    }
}

/// Whether a section says nothing yet: neither its heading nor any line of its body.
fn is_empty(run: &Run, section: &Section) -> bool {
    let doc = run.doc;
    // "Issue Summary: Duration: 2 hours" says something in the heading itself.
    let in_heading = section
        .title
        .split_once(':')
        .is_some_and(|(_, rest)| !is_placeholder(rest));
    let body = doc.line_start(section.body.start)..doc.line_start(section.body.end);
    let text = without_comments(text::slice(&doc.text, body));
    !in_heading && text.lines().all(is_placeholder)
}

/// What counts as "nothing written yet" in a section: a blank line, or a placeholder alone on
/// its line (`TODO`, `- TBD.`, `N/A:`).
fn is_placeholder(text: &str) -> bool {
    let t = text
        .trim()
        .trim_matches(|c: char| c == '-' || c == '*' || c == '.' || c == ':' || c.is_whitespace());
    t.is_empty()
        || [
            "todo", "tbd", "tbc", "n/a", "na", "none yet", "fill in", "to do", "...",
        ]
        .iter()
        .any(|p| t.eq_ignore_ascii_case(p))
}

/// The section's text with HTML comments removed: guidance comments are not content.
fn without_comments(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("<!--") {
        out.push_str(text::before(rest, start));
        rest = match text::after(rest, start).find("-->") {
            Some(end) => text::after(rest, start + end + 3),
            None => "",
        };
    }
    out.push_str(rest);
    out
}
