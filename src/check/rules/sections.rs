//! The rules on the wiki's required sections: `section-missing`, and `section-empty` for one
//! that holds nothing but guidance comments, whitespace or a placeholder (`TBD`, `N/A`, …).

use crate::check::rules::{Class, Run, Settings};
use crate::doc::sections::Section;
use crate::doc::{actions, timeline};
use crate::text;

/// `section-missing` and `section-empty`, for each of the wiki's required sections.
pub(super) fn check(run: &mut Run, settings: &Settings) {
    let doc = run.doc;
    let required = &settings.config.required_sections;
    // A document with none of them (a prose write-up) has one problem, not nine.
    if required.len() > 1
        && required
            .iter()
            .all(|r| doc.section(settings.names, r).is_none())
    {
        run.add(
            "section-missing",
            Class::Incomplete,
            0,
            format!(
                "none of the required sections is here: {}",
                required.join(", ")
            ),
            Some(
                "write them as `##` sections (or headings or bold labels `pm.toml` lists as \
                 aliases); `pm new` shows the template"
                    .into(),
            ),
        );
        return;
    }
    for required in required {
        let Some(section) = doc.section(settings.names, required) else {
            // Action items under a name of the team's own ("Corrective Actions", "Task
            // List:") are there; `actions-none` judges them.
            if required == actions::TRACKED && actions::has_tracked(doc, settings.names) {
                continue;
            }
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
        // "Root cause and resolution:" right above "Root cause:" and "Resolution:" is a
        // heading over its parts: the section is written if any part standing for it is.
        let all_empty = doc
            .sections(settings.names)
            .iter()
            .filter(|s| s.canonical.as_deref() == Some(required.as_str()))
            .all(|s| is_empty(run, s));
        if all_empty {
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

/// Whether a section says nothing yet: neither its heading line nor any line of its body.
fn is_empty(run: &Run, section: &Section) -> bool {
    let doc = run.doc;
    // "## Issue Summary: Duration: 2 hours" and "**Impact:** 20 minutes" say something on the
    // heading's line itself.
    let in_heading = !is_placeholder(&section.inline);
    let body = doc.line_start(section.body.start)..doc.line_start(section.body.end);
    let text = without_comments(text::slice(&doc.text, body));
    !in_heading && text.lines().all(is_placeholder)
}

/// What counts as "nothing written yet" in a section: a blank line, or a placeholder alone on
/// its line (`- TBD.`, `N/A:`, …).
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

#[cfg(test)]
mod tests {
    use crate::check::rules::tests::{CLEAN, clean_with, config, found, found_with};

    const RULES: [&str; 2] = ["section-missing", "section-empty"];

    const TRIGGER: &str = "## Trigger\n\nA config push at 14:00 UTC.\n";

    #[test]
    fn required_sections() {
        let missing = "1:1 error section-missing: the required section \"Trigger\" is missing";
        let empty = "23:1 error section-empty: the section \"Trigger\" is empty";
        let cases: &[(&str, &str, &[&str])] = &[
            ("missing", "", &[missing]),
            (
                "missing, the name only in prose",
                "The trigger was a push.\n",
                &[missing],
            ),
            ("no body", "## Trigger\n", &[empty]),
            ("TODO", "## Trigger\n\nTODO\n", &[empty]),
            ("TBD with a period", "## Trigger\n\nTBD.\n", &[empty]),
            ("N/A", "## Trigger\n\nN/A\n", &[empty]),
            (
                "a list of placeholders",
                "## Trigger\n\n- TODO\n- tbd\n* ...\n",
                &[empty],
            ),
            (
                "a guidance comment only",
                "## Trigger\n\n<!-- What set it off? -->\n",
                &[empty],
            ),
            (
                "a guidance comment over lines, and a placeholder",
                "## Trigger\n\n<!-- What set it off?\n     A deploy, a config push? -->\nTODO\n",
                &[empty],
            ),
            (
                "a placeholder in the heading",
                "## Trigger: TODO\n",
                &["23:1 error section-empty: the section \"Trigger: TODO\" is empty"],
            ),
            (
                "nothing after the heading's colon",
                "## Trigger:\n",
                &["23:1 error section-empty: the section \"Trigger:\" is empty"],
            ),
            // Near misses.
            (
                "a sentence starting with TODO",
                "## Trigger\n\nTODO list service went down.\n",
                &[],
            ),
            (
                "N/A with a reason",
                "## Trigger\n\nN/A — a slow leak, no single trigger.\n",
                &[],
            ),
            ("said in the heading", "## Trigger: a config push\n", &[]),
            (
                "text beside a comment",
                "## Trigger\n\n<!-- guidance --> A config push.\n",
                &[],
            ),
            ("a deeper heading", "### Trigger\n\nA config push.\n", &[]),
            ("upper case", "## TRIGGER\n\nA config push.\n", &[]),
        ];
        for (name, trigger, want) in cases {
            let text = clean_with(TRIGGER, trigger);
            assert_eq!(found(&text, &RULES), *want, "case `{name}`");
        }
    }

    #[test]
    fn a_label_over_its_parts_is_not_empty() {
        // student-0x19: a parent label with the parts right under it, no blank lines.
        let text = clean_with(
            "## Root cause\n\nThe config loader accepted an empty price table without validation.\n",
            "Root Cause and Resolution:\nRoot Cause:\nA memory leak.\nResolution:\nA rollback.\n",
        );
        assert_eq!(found(&text, &RULES), Vec::<String>::new());
    }

    #[test]
    fn a_document_without_any_section_gets_one_finding() {
        let text = "+++\ntitle = \"x\"\nstatus = \"review\"\n+++\n# Outage\n\nProse only.\n";
        let found = found(text, &RULES);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].starts_with(
                "1:1 error section-missing: none of the required sections is here: Summary, "
            ),
            "{found:?}"
        );
    }

    #[test]
    fn an_alias_stands_for_its_section() {
        let text = clean_with("## Action items", "## Remediation");
        assert_eq!(found(&text, &RULES), Vec::<String>::new());
    }

    #[test]
    fn the_wiki_decides_which_sections_are_required() {
        let mut config = config();
        config.required_sections = vec!["Data and analysis".into(), "Summary".into()];
        let text = clean_with(
            "A bad price cache config made checkout fail for 70 minutes.",
            "<!-- What happened, in two sentences -->",
        );
        assert_eq!(
            found_with(&config, &text, &RULES),
            [
                "1:1 error section-missing: the required section \"Data and analysis\" is missing",
                "15:1 error section-empty: the section \"Summary\" is empty",
            ]
        );
        let text = format!("{CLEAN}\n## Appendix\n\nGraphs.\n");
        assert_eq!(found_with(&config, &text, &RULES), Vec::<String>::new());
    }

    /// The timeline and the action items have rules of their own.
    #[test]
    fn an_empty_timeline_or_action_list_is_not_an_empty_section() {
        let (head, rest) = CLEAN.split_once("## Timeline\n").unwrap();
        let (_, rest) = rest.split_once("## Root cause").unwrap();
        let (middle, _) = rest.split_once("## Action items\n").unwrap();
        let text =
            format!("{head}## Timeline\n\nTODO\n\n## Root cause{middle}## Action items\n\nTBD\n");
        assert_eq!(found(&text, &RULES), Vec::<String>::new());
        assert_eq!(
            found(&text, &["timeline-empty", "actions-none"]),
            [
                "31:1 error timeline-empty: the timeline has no entries",
                "47:1 error actions-none: there are no action items",
            ]
        );
    }
}
