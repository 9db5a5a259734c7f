//! The rules on the front matter: `front-matter` (missing, unclosed, unparsable, a field
//! missing or of the wrong kind, a value outside what the wiki knows), `milestones` (the
//! incident's times out of order) and `review-overdue` (a draft past its `review_by`).

use chrono::{DateTime, FixedOffset, NaiveDate};

use crate::check::rules::{Class, Place, Run, Settings};
use crate::doc::Document;
use crate::doc::front_matter::{FrontMatter, Kind};
use crate::doc::meta::{self, MILESTONES};
use crate::doc::summary::Summary;
use crate::time::when;

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
        Kind::Yaml | Kind::Toml(Ok(_)) => Some(front),
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
                            when::format_stamp(at, zone),
                            when::format_stamp(then, zone)
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
