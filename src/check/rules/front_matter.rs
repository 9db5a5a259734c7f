//! The rules on the front matter: `front-matter` (missing, unclosed, unparsable, a field
//! missing or of the wrong kind, a value outside what the wiki knows), `milestones` (the
//! incident's times out of order) and `review-overdue` (a draft past its `review_by`).

use chrono::{DateTime, FixedOffset, NaiveDate};

use crate::check::rules::{Class, Place, Run, Settings};
use crate::doc::Document;
use crate::doc::front_matter::{FrontMatter, Kind};
use crate::doc::meta::{self, MILESTONES};
use crate::doc::summary::Summary;
use crate::time::format::format_stamp;

/// The keys every post-mortem must have.
const FIELDS: [&str; 4] = ["title", "severity", "status", "started"];

/// `front-matter` and `milestones`.
pub(super) fn check(run: &mut Run, settings: &Settings) {
    let Some(front) = readable(run) else {
        return;
    };
    fields(run, front);
    values(run, settings);
    milestones(run, settings);
}

/// The front matter, when there is one to read values from; the `front-matter` finding that
/// says why not otherwise.
fn readable<'a>(run: &mut Run<'a>) -> Option<&'a FrontMatter> {
    let doc = run.doc;
    let Some(front) = &doc.front else {
        run.add(
            "front-matter",
            Class::Incomplete,
            0,
            "the document has no front matter".into(),
            Some(
                "start it with a `+++` block holding title, severity, status and started, as \
                 `pm new` writes"
                    .into(),
            ),
        );
        return None;
    };
    match &front.kind {
        Kind::Unclosed => {
            run.add(
                "front-matter",
                Class::Error,
                0,
                "the front matter has no closing `+++`".into(),
                Some("add a `+++` line after the last key".into()),
            );
            None
        }
        Kind::Toml(Err((message, offset))) => {
            run.add_at(
                "front-matter",
                Class::Error,
                Place::offset(doc, *offset),
                format!("the front matter is not valid TOML: {message}"),
                None,
            );
            None
        }
        Kind::Yaml(Err((message, offset))) => {
            run.add_at(
                "front-matter",
                Class::Error,
                Place::offset(doc, *offset),
                format!("the front matter is not valid YAML: {message}"),
                Some(
                    "fix the YAML between the `---` lines; pm reads it but never changes it".into(),
                ),
            );
            None
        }
        Kind::Yaml(Ok(_)) | Kind::Toml(Ok(_)) => Some(front),
    }
}

/// Every field a post-mortem needs is there, and the string ones are strings.
fn fields(run: &mut Run, front: &FrontMatter) {
    let doc = run.doc;
    for key in FIELDS {
        if front.string(&doc.text, key).is_none() && front.time(&doc.text, key).is_none() {
            run.add(
                "front-matter",
                Class::Incomplete,
                doc.line_of(front.range.start),
                format!("the front matter has no `{key}`"),
                None,
            );
        }
    }
    if let Some(table) = front.table() {
        for key in ["title", "severity", "status", "lead"] {
            if let Some(value) = table.get(key).filter(|v| !v.is_str()) {
                run.add(
                    "front-matter",
                    Class::Error,
                    front_line(doc, key),
                    format!(
                        "`{key}` is {}; it must be a string, like `{key} = \"…\"`",
                        value.type_str()
                    ),
                    None,
                );
            }
        }
    }
}

/// The status, the severity and `review_by` are values pm knows.
fn values(run: &mut Run, settings: &Settings) {
    let doc = run.doc;
    if let Some(status) = &doc.meta.status
        && !meta::is_status(status)
    {
        run.add(
            "front-matter",
            Class::Error,
            front_line(doc, "status"),
            format!("`status` is `{status}`; it must be draft, review or published"),
            None,
        );
    }
    if let Some(severity) = &doc.meta.severity {
        let known = &settings.config.severities;
        if !known.iter().any(|s| s.eq_ignore_ascii_case(severity)) {
            run.add(
                "front-matter",
                Class::Incomplete,
                front_line(doc, "severity"),
                format!(
                    "`severity` is `{severity}`; this wiki's severities are {}",
                    known.join(", ")
                ),
                None,
            );
        }
    }
    if let Some(Err(e)) = &doc.meta.review_by {
        run.add(
            "front-matter",
            Class::Error,
            front_line(doc, "review_by"),
            format!("`review_by`: {e}"),
            None,
        );
    }
}

/// The milestones, in the order they must happen; one that cannot be read is a
/// `front-matter` error.
fn milestones(run: &mut Run, settings: &Settings) {
    let doc = run.doc;
    let zone = settings.config.timezone;
    let mut previous: Option<(&str, DateTime<FixedOffset>)> = None;
    for key in MILESTONES {
        match doc.meta.milestone(key) {
            Some(&Ok(at)) => {
                if let Some((before, then)) = previous
                    && at < then
                {
                    run.add(
                        "milestones",
                        Class::Incomplete,
                        front_line(doc, key),
                        format!(
                            "`{key}` ({}) is before `{before}` ({})",
                            format_stamp(at, zone),
                            format_stamp(then, zone)
                        ),
                        Some(
                            "an incident is started, then detected, mitigated and resolved; fix \
                             the times"
                                .into(),
                        ),
                    );
                }
                // `detected` may precede nothing but `started`; compare each with the latest so far.
                if previous.is_none_or(|(_, then)| at >= then) {
                    previous = Some((key, at));
                }
            }
            Some(Err(e)) => run.add(
                "front-matter",
                Class::Error,
                front_line(doc, key),
                format!("`{key}`: {e}"),
                None,
            ),
            None => {}
        }
    }
}

/// `review-overdue`: the review date has passed and the document is still a draft.
pub(super) fn review_overdue(run: &mut Run, summary: &Summary, today: NaiveDate) {
    if summary.review_overdue(today)
        && let Some(due) = summary.review_by
    {
        run.add(
            "review-overdue",
            Class::Warning,
            front_line(run.doc, "review_by"),
            format!("the review was due on {due} and the document is still a draft"),
            Some("hold the review, then set `status = \"review\"` or `\"published\"`".into()),
        );
    }
}

/// The 0-based line of a front-matter key, for pointing at it; the first line otherwise.
fn front_line(doc: &Document, key: &str) -> usize {
    let Some(front) = &doc.front else { return 0 };
    let first = doc.line_of(front.content.start);
    let last = doc.line_of(front.content.end.max(1) - 1);
    (first..=last)
        .find(|&i| {
            let line = doc.line(i).trim_start();
            line.strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with(['=', ':']))
        })
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use crate::check::rules::tests::{CLEAN, clean_with, found};

    const RULES: [&str; 3] = ["front-matter", "milestones", "review-overdue"];

    #[test]
    fn front_matter_problems() {
        let body = CLEAN.split_once("+++\n\n").unwrap().1;
        let cases: &[(&str, String, &[&str])] = &[
            (
                "none (no status: a draft)",
                body.to_owned(),
                &["1:1 warning front-matter: the document has no front matter"],
            ),
            (
                "unclosed",
                format!("+++\ntitle = \"x\"\n\n{body}"),
                &["1:1 error front-matter: the front matter has no closing `+++`"],
            ),
            (
                "invalid TOML, at its line and column",
                clean_with("\"SEV2\"", "SEV2"),
                &[
                    "3:12 error front-matter: the front matter is not valid TOML: string values must be quoted, expected literal string",
                ],
            ),
            (
                "a field missing",
                clean_with("title = \"Checkout errors\"\n", ""),
                &["1:1 error front-matter: the front matter has no `title`"],
            ),
            (
                "two fields missing, in a draft",
                clean_with(
                    "title = \"Checkout errors\"\nseverity = \"SEV2\"\nstatus = \"review\"\n",
                    "",
                ),
                &[
                    "1:1 warning front-matter: the front matter has no `severity`",
                    "1:1 warning front-matter: the front matter has no `status`",
                    "1:1 warning front-matter: the front matter has no `title`",
                ],
            ),
            (
                "not a string",
                clean_with("lead = \"Alice Example\"", "lead = 3"),
                &[
                    "10:1 error front-matter: `lead` is integer; it must be a string, like `lead = \"…\"`",
                ],
            ),
            (
                "a required field that is not a string",
                clean_with("title = \"Checkout errors\"", "title = [\"Checkout\"]"),
                &[
                    "2:1 error front-matter: `title` is array; it must be a string, like `title = \"…\"`",
                ],
            ),
            (
                "an unknown status",
                clean_with("\"review\"", "\"final\""),
                &[
                    "4:1 error front-matter: `status` is `final`; it must be draft, review or published",
                ],
            ),
            (
                "an unknown severity",
                clean_with("\"SEV2\"", "\"P1\""),
                &[
                    "3:1 error front-matter: `severity` is `P1`; this wiki's severities are SEV1, SEV2, SEV3, SEV4",
                ],
            ),
            (
                "a local time",
                clean_with(
                    "started = 2026-11-18T14:00:00Z",
                    "started = 2026-11-18T14:00:00",
                ),
                &[
                    "5:1 error front-matter: `started`: `2026-11-18T14:00:00` is not a time with an offset, like `2026-11-20T14:05:00Z`",
                ],
            ),
            (
                "a sentence for a time",
                clean_with(
                    "resolved = 2026-11-18T15:10:00Z",
                    "resolved = \"after lunch\"",
                ),
                &[
                    "8:1 error front-matter: `resolved`: `after lunch` is not a time with an offset, like `2026-11-20T14:05:00Z`",
                ],
            ),
            (
                "a bad review date",
                clean_with("review_by = 2026-11-25", "review_by = \"next week\""),
                &[
                    "9:1 error front-matter: `review_by`: `next week` is not a date like `2026-11-27`",
                ],
            ),
        ];
        for (name, text, want) in cases {
            assert_eq!(found(text, &RULES), *want, "case `{name}`");
        }
    }

    #[test]
    fn front_matter_near_misses() {
        let cases = [
            (
                "a status in capitals",
                clean_with("\"review\"", "\"Published\""),
            ),
            (
                "a severity in lower case",
                clean_with("\"SEV2\"", "\"sev3\""),
            ),
            (
                "times as RFC 3339 strings and offsets",
                clean_with(
                    "started = 2026-11-18T14:00:00Z",
                    "started = \"2026-11-18T15:00:00+01:00\"",
                ),
            ),
            (
                "YAML",
                CLEAN
                    .replacen("+++", "---", 2)
                    .replace(" = ", ": ")
                    .replace("2026-11-18T14:00:00Z", "\"2026-11-18T14:00:00Z\""),
            ),
        ];
        for (name, text) in cases {
            assert_eq!(found(&text, &RULES), Vec::<String>::new(), "case `{name}`");
        }
    }

    #[test]
    fn milestones_in_order() {
        let cases: &[(&str, &str, &str, &[&str])] = &[
            (
                "detected before started",
                "detected = 2026-11-18T14:05:00Z",
                "detected = 2026-11-18T13:55:00Z",
                &[
                    "6:1 error milestones: `detected` (2026-11-18 13:55 UTC) is before `started` (2026-11-18 14:00 UTC)",
                ],
            ),
            (
                "resolved before mitigated, and each compared with the latest so far",
                "resolved = 2026-11-18T15:10:00Z",
                "resolved = 2026-11-18T14:30:00Z",
                &[
                    "8:1 error milestones: `resolved` (2026-11-18 14:30 UTC) is before `mitigated` (2026-11-18 14:40 UTC)",
                ],
            ),
            (
                "the same minute",
                "detected = 2026-11-18T14:05:00Z",
                "detected = 2026-11-18T14:00:00Z",
                &[],
            ),
            (
                "the same instant at another offset",
                "resolved = 2026-11-18T15:10:00Z",
                "resolved = 2026-11-18T09:40:00-05:00",
                &[],
            ),
            (
                "a milestone missing",
                "mitigated = 2026-11-18T14:40:00Z\n",
                "",
                &[],
            ),
        ];
        for (name, from, to, want) in cases {
            assert_eq!(found(&clean_with(from, to), &RULES), *want, "case `{name}`");
        }
    }

    #[test]
    fn review_overdue_only_in_a_draft() {
        let draft = clean_with("\"review\"", "\"draft\"");
        let cases: &[(&str, &str, &[&str])] = &[
            (
                "draft, due yesterday",
                "review_by = 2026-11-19",
                &[
                    "9:1 warning review-overdue: the review was due on 2026-11-19 and the document is still a draft",
                ],
            ),
            ("draft, due today", "review_by = 2026-11-20", &[]),
            ("draft, due later", "review_by = 2026-11-25", &[]),
        ];
        for (name, review_by, want) in cases {
            let text = draft.replace("review_by = 2026-11-25", review_by);
            assert_eq!(found(&text, &RULES), *want, "case `{name}`");
        }
        let in_review = clean_with("review_by = 2026-11-25", "review_by = 2026-11-01");
        assert_eq!(found(&in_review, &RULES), Vec::<String>::new());
    }
}
