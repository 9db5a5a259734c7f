//! Which headings and labels start action items: the wiki's "Action items" and "If we have
//! time" names and aliases, and the names teams use by hand ("Corrective and Preventative
//! Measure", "Resulting Action", "Prevention", "Next steps", "Task List:"), and the group
//! labels inside them ("Done:", "Improvements/Fixes:").

use std::sync::LazyLock;

use regex::Regex;

use crate::doc::sections::normalise;

use super::{LATER, TRACKED};

/// What a heading or label says about the items under it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Work to track.
    Tracked,
    /// Wishes ("If we have time"): no owner or ticket needed.
    Later,
    /// Work already done ("Done", "Completed items"): a group inside the action items.
    Done,
}

/// Words (whole, normalised) that make a title about action items.
const ACTION_WORDS: &[&str] = &[
    "action",
    "actions",
    "corrective",
    "preventative",
    "preventive",
    "prevention",
    "remediation",
    "remediations",
    "followup",
    "followups",
    "todo",
    "todos",
    "task",
    "tasks",
    "improvements",
];
/// Phrases (normalised) that make a title about action items.
const ACTION_PHRASES: &[&str] = &[
    "follow up",
    "follow ups",
    "next steps",
    "to do",
    "long term",
    "future work",
    "mitigation steps",
];
const LATER_PHRASES: &[&str] = &["if we have time", "nice to have", "aspirations", "wishlist"];
const DONE_WORDS: &[&str] = &[
    "done",
    "completed",
    "complete",
    "finished",
    "closed",
    "resolved",
];
/// A stem of every word and phrase above, in lower case: a title without one names no
/// action items, and a line without one is no label of them.
const STEMS: &[&str] = &[
    "action",
    "correct",
    "prevent",
    "remedia",
    "follow",
    "todo",
    "to do",
    "task",
    "improve",
    "next step",
    "long term",
    "long-term",
    "future work",
    "mitigation step",
    "have time",
    "nice to have",
    "aspiration",
    "wishlist",
];

/// Any stem, in any case. Built once; should it fail to compile, every line is a candidate
/// (slower, never wrong).
static STEM_RE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    let alternation: Vec<String> = STEMS.iter().map(|s| regex::escape(s)).collect();
    Regex::new(&format!("(?-u){}", alternation.join("|"))).ok()
});

/// Whether `text` holds a stem of an action section's name, in any case.
pub(crate) fn has_stem(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    STEM_RE.as_ref().is_none_or(|re| re.is_match(&lower))
}

/// The byte offsets in `text` where a stem starts, in any case; `None` when the search is
/// unavailable. (Lower-casing first lets the search use its fast literal scan.)
pub(crate) fn stem_offsets(text: &str) -> Option<Vec<usize>> {
    let lower = text.to_ascii_lowercase();
    STEM_RE
        .as_ref()
        .map(|re| re.find_iter(&lower).map(|m| m.start()).collect())
}

/// Titles that hold one of the words above but are about something else.
const NOT_ACTIONS: &[&str] = &["actions taken", "action taken", "what was done"];

/// The kind of a section from its heading, as the wiki names it (`canonical`) or as written.
pub(crate) fn section(title: &str, canonical: Option<&str>) -> Option<Kind> {
    // Most headings and labels name nothing of the kind: a quick look before normalising,
    // since `pm check` asks this of every heading in the wiki.
    if !has_stem(title) {
        return match canonical {
            Some(TRACKED) => Some(Kind::Tracked),
            Some(LATER) => Some(Kind::Later),
            _ => None,
        };
    }
    let n = normalise(title);
    // "Actions taken" starts like the alias "Actions" but tells what was done in the incident.
    if NOT_ACTIONS.iter().any(|p| has_phrase(&n, p)) {
        return None;
    }
    match canonical {
        Some(TRACKED) => return Some(Kind::Tracked),
        Some(LATER) => return Some(Kind::Later),
        _ => {}
    }
    if n.is_empty() || n.len() > 80 {
        return None;
    }
    if LATER_PHRASES.iter().any(|p| has_phrase(&n, p)) {
        return Some(Kind::Later);
    }
    let words: Vec<&str> = n.split(' ').collect();
    let action = words.iter().any(|w| ACTION_WORDS.contains(w))
        || ACTION_PHRASES.iter().any(|p| has_phrase(&n, p));
    action.then_some(Kind::Tracked)
}

/// The kind of a group label or sub-heading inside the action items: `Done`, `Completed`,
/// `Completed items`, `Done so far` are done; anything else groups open work.
pub(crate) fn group(title: &str) -> Kind {
    let n = normalise(title);
    let first = n.split(' ').next().unwrap_or("");
    if DONE_WORDS.contains(&first) && n.split(' ').count() <= 3 {
        Kind::Done
    } else if LATER_PHRASES.iter().any(|p| has_phrase(&n, p)) {
        Kind::Later
    } else {
        Kind::Tracked
    }
}

/// Whether `phrase` occurs in the normalised `title` as whole words.
fn has_phrase(title: &str, phrase: &str) -> bool {
    title.match_indices(phrase).any(|(i, _)| {
        let before = title.as_bytes().get(i.wrapping_sub(1));
        let after = title.as_bytes().get(i + phrase.len());
        (i == 0 || before == Some(&b' ')) && after.is_none_or(|c| *c == b' ')
    })
}

/// The label a line is, if it is only a label: `Tasks:`, `**Improvements/Fixes:**`,
/// `**Tasks**:`, `<h3>Tasks:</h3>`, `List of Tasks:` — a short name ending in a colon (or
/// all bold), with nothing after it. `line` is the line's content after any list marker.
pub(crate) fn label(line: &str) -> Option<String> {
    let t = strip_tags(line.trim());
    let bold = t.len() > 4 && t.starts_with("**") && t.ends_with("**");
    let inner = t.trim_matches(['*', '_', ' ']);
    let (name, colon) = match inner.strip_suffix(':') {
        Some(name) => (name.trim_end_matches(['*', '_', ' ']), true),
        None => (inner, false),
    };
    let name = name.trim();
    // Bold without a colon is a label only when it is the whole line and short (a sub-heading).
    let shaped = colon || (bold && !inner.contains("**") && name.len() <= 40);
    let words = name.split_whitespace().count();
    (shaped
        && !name.is_empty()
        && words <= 8
        && name.len() <= 60
        && !name.contains("](")
        && name.chars().next().is_some_and(char::is_alphabetic))
    .then(|| name.to_string())
}

/// The line without HTML tags around it (`<h3>Tasks:</h3>`,
/// `**<span style="color: #FF6347;">Tasks:</span>**`).
fn strip_tags(line: &str) -> std::borrow::Cow<'_, str> {
    if !line.contains('<') {
        return line.into();
    }
    let mut out = String::with_capacity(line.len());
    let mut in_tag = false;
    for c in line.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn section_titles() {
        let cases: &[(&str, Option<&str>, Option<Kind>)] = &[
            ("Action items", Some(TRACKED), Some(Kind::Tracked)),
            ("Aspirations", Some(LATER), Some(Kind::Later)),
            (
                "Corrective and Preventative Measure",
                None,
                Some(Kind::Tracked),
            ),
            ("Corrective actions", None, Some(Kind::Tracked)),
            ("Resulting Action", None, Some(Kind::Tracked)),
            ("Prevention", None, Some(Kind::Tracked)),
            (
                "Lessons Learned and Future Improvements",
                None,
                Some(Kind::Tracked),
            ),
            (
                "Resolution and preventive methods",
                None,
                Some(Kind::Tracked),
            ),
            ("Long term solution", None, Some(Kind::Tracked)),
            ("Mitigation steps taken", None, Some(Kind::Tracked)),
            ("Task List", None, Some(Kind::Tracked)),
            ("List of Tasks", None, Some(Kind::Tracked)),
            ("Next steps", None, Some(Kind::Tracked)),
            (
                "Some possible actions in the future",
                None,
                Some(Kind::Tracked),
            ),
            ("Nice to have", None, Some(Kind::Later)),
            // Near misses.
            ("Actions Taken", None, None),
            ("Actions Taken", Some(TRACKED), None),
            ("What was done", None, None),
            ("Lessons learned", None, None),
            ("Root cause and resolution", None, None),
            ("Transactions", None, None),
            ("Short term fix", None, None),
            ("Timeline", Some("Timeline"), None),
        ];
        for (title, canonical, want) in cases {
            assert_eq!(section(title, *canonical), *want, "{title}");
        }
    }

    #[test]
    fn groups() {
        for (title, want) in [
            ("Done", Kind::Done),
            ("Completed items", Kind::Done),
            ("Completed:", Kind::Done),
            ("Improvements/Fixes", Kind::Tracked),
            ("Short term", Kind::Tracked),
            ("Nice to have", Kind::Later),
            ("Done when the migration ends next quarter", Kind::Tracked),
        ] {
            assert_eq!(group(title), want, "{title}");
        }
    }

    #[test]
    fn labels() {
        let cases: &[(&str, Option<&str>)] = &[
            ("Tasks:", Some("Tasks")),
            ("**Improvements/Fixes:**", Some("Improvements/Fixes")),
            ("**Tasks**:", Some("Tasks")),
            ("Improvements and Fixes:", Some("Improvements and Fixes")),
            ("<h3>Tasks:</h3>", Some("Tasks")),
            (
                "**<span style=\"color: #FF6347;\">Tasks:</span>**",
                Some("Tasks"),
            ),
            (
                "what are the things that can be improved/fixed :",
                Some("what are the things that can be improved/fixed"),
            ),
            ("**Done**", Some("Done")),
            // Near misses: a label with its text, a sentence, a time.
            ("Improvements/Fixes: I have implemented audits", None),
            ("**Optimize SQL Queries**: Conduct a review", None),
            ("Rotate the keys.", None),
            ("10:45 AM:", None),
            ("**Root cause** was the config", None),
            (
                "To prevent future outages like this one, the following tasks should be completed:",
                None,
            ),
        ];
        for (line, want) in cases {
            assert_eq!(label(line).as_deref(), *want, "{line}");
        }
    }
}
