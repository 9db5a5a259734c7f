//! The rules of `pm check`, run on one document. Every rule reads the one document model
//! (`crate::doc`); none parses Markdown itself.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::{DateTime, Duration, FixedOffset, NaiveDate};

use crate::check::allow::Allowances;
use crate::check::blame::find_blame;
use crate::check::finding::{Finding, Level};
use crate::check::rule::RULES;
use crate::check::secrets::{SecretHit, document_secrets, without_secrets};
use crate::config::{Config, RuleLevel};
use crate::doc::front_matter::Kind;
use crate::doc::meta::{self, MILESTONES};
use crate::doc::sections::{BlockKind, SectionNames};
use crate::doc::summary::{self, Summary};
use crate::doc::timeline::{self, ItemKind};
use crate::doc::{Document, actions};
use crate::error::Error;
use crate::text;
use crate::time::when;

/// How much of a rule's level depends on the document's status.
#[derive(Clone, Copy)]
enum Class {
    /// Incompleteness: a warning in a draft, an error once in review or published.
    Incomplete,
    Warning,
    Error,
}

/// What the rules need besides the document.
pub(crate) struct Settings<'a> {
    pub(crate) config: &'a Config,
    pub(crate) names: &'a SectionNames,
    pub(crate) today: NaiveDate,
}

/// How far before `started` and after `resolved` a timeline entry may be before it is taken
/// for a typo (a wrong day, month or year) rather than context.
const WINDOW_BEFORE: i64 = 7;
const WINDOW_AFTER: i64 = 7;
/// Without `resolved`, entries up to this long after `started` are expected.
const WINDOW_OPEN: i64 = 30;

const FIELDS: [&str; 4] = ["title", "severity", "status", "started"];

/// Read a document's text and check it: the document as every other rule saw it (with its
/// secrets blotted out), and the findings, allowances and `[rules]` applied, unsorted. An
/// error only when a rule cannot run at all (a detector that did not compile).
///
/// Only the `secret` rule sees the secrets themselves; every other rule reads the blotted
/// document, so no message or suggestion can quote a credential.
pub(crate) fn check_text(
    text: String,
    path: &Path,
    settings: &Settings,
) -> Result<(Document, Vec<Finding>), Error> {
    let doc = Document::parse(text);
    let secrets = document_secrets(&doc)?;
    let doc = without_secrets(doc, &secrets);
    let summary = summary::summarize(&doc, settings.names, settings.config.timezone, path);
    let findings = check(&doc, &summary, &secrets, path, settings)?;
    Ok((doc, findings))
}

/// The findings for one document whose secrets, found in `secrets`, are blotted out.
fn check(
    doc: &Document,
    summary: &Summary,
    secrets: &[(usize, SecretHit)],
    path: &Path,
    settings: &Settings,
) -> Result<Vec<Finding>, Error> {
    let status = summary
        .status
        .as_deref()
        .unwrap_or("draft")
        .to_ascii_lowercase();
    let mut run = Run {
        doc,
        path,
        strict: status != "draft",
        rules: &settings.config.rules,
        findings: Vec::new(),
    };
    front_matter(&mut run, settings);
    sections(&mut run, settings);
    timeline_rules(&mut run, settings);
    action_rules(&mut run, summary, settings);
    if summary.review_overdue(settings.today)
        && let Some(due) = summary.review_by
    {
        {
            let line = front_line(doc, "review_by");
            run.add(
                "review-overdue",
                Class::Warning,
                line,
                1,
                format!("the review was due on {due} and the document is still a draft"),
                Some("hold the review, then set `status = \"review\"` or `\"published\"`".into()),
            );
        }
    }
    secret_rule(&mut run, secrets);
    prose_rules(&mut run, summary, settings.names)?;

    let lines = doc.lines();
    let allowances = Allowances::from_lines(&lines);
    let known: Vec<&str> = RULES.iter().map(|(name, _)| *name).collect();
    for (line, name) in allowances.unknown(&known) {
        run.add(
            "allow-unknown",
            Class::Warning,
            line - 1,
            1,
            format!("`pm:allow` names `{name}`, which is not a rule"),
            Some(format!("the rules are: {}", known.join(", "))),
        );
    }
    let mut findings = run.findings;
    findings.retain(|f| f.rule == "secret" || !allowances.allows(f.rule, f.line));
    Ok(findings)
}

struct Run<'a> {
    doc: &'a Document,
    path: &'a Path,
    strict: bool,
    rules: &'a BTreeMap<String, RuleLevel>,
    findings: Vec<Finding>,
}

impl Run<'_> {
    /// Record a finding at 0-based `line` and 1-based character `column`.
    fn add(
        &mut self,
        rule: &'static str,
        class: Class,
        line: usize,
        column: usize,
        message: String,
        suggestion: Option<String>,
    ) {
        self.add_span(rule, class, line, column, None, message, suggestion);
    }

    #[allow(clippy::too_many_arguments)]
    fn add_span(
        &mut self,
        rule: &'static str,
        class: Class,
        line: usize,
        column: usize,
        end_column: Option<usize>,
        message: String,
        suggestion: Option<String>,
    ) {
        let level = match (self.rules.get(rule), class) {
            (Some(RuleLevel::Off), _) => return,
            (Some(RuleLevel::Error), _) | (None, Class::Error) => Level::Error,
            (None, Class::Incomplete) if self.strict => Level::Error,
            (Some(RuleLevel::Warning), _) | (None, Class::Warning | Class::Incomplete) => {
                Level::Warning
            }
        };
        self.findings.push(Finding {
            rule,
            level,
            file: self.path.to_path_buf(),
            line: line + 1,
            column,
            end_column,
            message,
            suggestion,
        });
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

fn front_matter(run: &mut Run, settings: &Settings) {
    let doc = run.doc;
    let Some(front) = &doc.front else {
        run.add("front-matter", Class::Incomplete, 0, 1,
            "the document has no front matter".into(),
            Some("start it with a `+++` block holding title, severity, status and started, as `pm new` writes".into()));
        return;
    };
    match &front.kind {
        Kind::Unclosed => {
            run.add(
                "front-matter",
                Class::Error,
                0,
                1,
                "the front matter has no closing `+++`".into(),
                Some("add a `+++` line after the last key".into()),
            );
            return;
        }
        Kind::Toml(Err((message, offset))) => {
            let line = doc.line_of(*offset);
            let column = text::slice(&doc.text, doc.line_start(line)..*offset)
                .chars()
                .count()
                + 1;
            run.add(
                "front-matter",
                Class::Error,
                line,
                column,
                format!("the front matter is not valid TOML: {message}"),
                None,
            );
            return;
        }
        Kind::Yaml | Kind::Toml(Ok(_)) => {}
    }
    for key in FIELDS {
        if front.string(&doc.text, key).is_none() && front.time(&doc.text, key).is_none() {
            run.add(
                "front-matter",
                Class::Incomplete,
                doc.line_of(front.range.start),
                1,
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
                    1,
                    format!(
                        "`{key}` is {}; it must be a string, like `{key} = \"…\"`",
                        value.type_str()
                    ),
                    None,
                );
            }
        }
    }
    if let Some(status) = &doc.meta.status
        && !meta::is_status(status)
    {
        {
            run.add(
                "front-matter",
                Class::Error,
                front_line(doc, "status"),
                1,
                format!("`status` is `{status}`; it must be draft, review or published"),
                None,
            );
        }
    }
    if let Some(severity) = &doc.meta.severity {
        let known = &settings.config.severities;
        if !known.iter().any(|s| s.eq_ignore_ascii_case(severity)) {
            run.add(
                "front-matter",
                Class::Incomplete,
                front_line(doc, "severity"),
                1,
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
            1,
            format!("`review_by`: {e}"),
            None,
        );
    }
    // The milestones, in the order they must happen.
    let mut previous: Option<(&str, DateTime<FixedOffset>)> = None;
    for key in MILESTONES {
        match doc.meta.milestone(key) {
            Some(&Ok(at)) => {
                if let Some((before, then)) = previous
                    && at < then
                {
                    {
                        let zone = settings.config.timezone;
                        run.add("milestones", Class::Incomplete, front_line(doc, key), 1,
                            format!(
                                "`{key}` ({}) is before `{before}` ({})",
                                when::format_stamp(at, zone),
                                when::format_stamp(then, zone)
                            ),
                            Some("an incident is started, then detected, mitigated and resolved; fix the times".into()));
                    }
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
                1,
                format!("`{key}`: {e}"),
                None,
            ),
            None => {}
        }
    }
}

/// What counts as "nothing written yet" in a section.
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

/// The section's text with HTML comments removed.
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

fn sections(run: &mut Run, settings: &Settings) {
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
                1,
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
        let body = doc.line_start(section.body.start)..doc.line_start(section.body.end);
        let text = without_comments(text::slice(&doc.text, body));
        let lines: Vec<&str> = text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        // "Issue Summary: Duration: 2 hours" says something in the heading itself.
        let in_heading = section
            .title
            .split_once(':')
            .is_some_and(|(_, rest)| !is_placeholder(rest));
        if !in_heading && lines.iter().all(|l| is_placeholder(l)) {
            run.add(
                "section-empty",
                Class::Incomplete,
                section.heading.start,
                1,
                format!("the section \"{}\" is empty", section.title),
                Some("write it, or say why it does not apply".into()),
            );
        }
    }
}

fn timeline_rules(run: &mut Run, settings: &Settings) {
    let doc = run.doc;
    let found = timeline::read(
        doc,
        settings.names,
        settings.config.timezone,
        settings.today,
    );
    let Some(section) = &found.section else {
        return;
    };
    if found.items.is_empty() {
        run.add(
            "timeline-empty",
            Class::Incomplete,
            section.heading.start,
            1,
            "the timeline has no entries".into(),
            Some("add entries with `pm timeline add --at HH:MM \"what happened\"`".into()),
        );
        return;
    }
    let started = doc.meta.started();
    let resolved = doc.meta.time("resolved");
    // The latest entry so far, and its stamp as written: a stamp without a date is quoted as
    // it is, rather than with the date pm assumed for it.
    let mut previous: Option<(DateTime<FixedOffset>, String)> = None;
    for item in &found.items {
        let (at, written) = match &item.kind {
            ItemKind::Unreadable => {
                run.add(
                    "timeline-unreadable",
                    Class::Incomplete,
                    item.line,
                    1,
                    "this line starts like a time that cannot be read".into(),
                    Some("write the time as `2026-11-20 14:05 UTC` or `14:05`".into()),
                );
                continue;
            }
            ItemKind::Entry {
                at: Some(at),
                stamp,
            } => {
                let line = doc.line(item.line);
                let raw = line.get(stamp.span.clone()).unwrap_or("").trim();
                let raw = raw.trim_matches(['*', '`', '[', ']', '_']);
                (*at, raw.to_string())
            }
            ItemKind::Entry { at: None, .. } => continue,
        };
        if let Some((before, before_written)) = &previous
            && at < *before
        {
            run.add(
                "timeline-order",
                Class::Incomplete,
                item.line,
                1,
                format!(
                    "this entry ({written}) is earlier than the one before it ({before_written})"
                ),
                Some("move it to its place, or fix its time".into()),
            );
        }
        if let Some(start) = started {
            let end = resolved.map_or(start + Duration::days(WINDOW_OPEN), |r| {
                r + Duration::days(WINDOW_AFTER)
            });
            if at < start - Duration::days(WINDOW_BEFORE) || at > end {
                run.add(
                    "timeline-window",
                    Class::Incomplete,
                    item.line,
                    1,
                    format!(
                        "this entry ({}) is far outside the incident (started {})",
                        timeline::stamp_text(at, found.zone),
                        timeline::stamp_text(start, found.zone)
                    ),
                    Some("check its date".into()),
                );
            }
        }
        if previous.as_ref().is_none_or(|(before, _)| at >= *before) {
            previous = Some((at, written));
        }
    }
}

fn action_rules(run: &mut Run, summary: &Summary, settings: &Settings) {
    let doc = run.doc;
    let tracked: Vec<&actions::Action> = summary.actions.iter().filter(|a| !a.later).collect();
    if tracked.is_empty() {
        let line = doc
            .section(settings.names, actions::TRACKED)
            .map_or(0, |s| s.heading.start);
        run.add(
            "actions-none",
            Class::Incomplete,
            line,
            1,
            "there are no action items".into(),
            Some("add them with `pm action add \"…\" --owner @who --ticket KEY-1`".into()),
        );
    }
    for action in tracked {
        let item = &action.item;
        let missing = match (item.owner.is_none(), item.ticket.is_none()) {
            (true, true) => "no owner and no ticket",
            (true, false) => "no owner",
            (false, true) => "no ticket",
            (false, false) => "",
        };
        if !missing.is_empty() {
            run.add(
                "action-incomplete",
                Class::Incomplete,
                action.line,
                1,
                format!("the action item \"{}\" has {missing}", item.text),
                Some("end it with ` — owner: @who, ticket: KEY-123, due: YYYY-MM-DD`".into()),
            );
        }
        if let (false, Some(due)) = (item.done, item.due)
            && due < settings.today
        {
            {
                run.add(
                    "action-overdue",
                    Class::Warning,
                    action.line,
                    1,
                    format!(
                        "the action item \"{}\" was due on {due} and is still open",
                        item.text
                    ),
                    Some("tick it with `pm action done`, or move its due date".into()),
                );
            }
        }
    }
}

/// `an` before a vowel sound as the kinds start (`an AWS key`, `a GitHub token`).
fn article(kind: &str) -> &'static str {
    if kind.starts_with(['A', 'E', 'I', 'O', 'a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    }
}

/// Secrets everywhere: a token in a code block or a comment leaks just the same.
fn secret_rule(run: &mut Run, secrets: &[(usize, SecretHit)]) {
    for (i, hit) in secrets {
        // The line is blotted out now; the hit's offsets still hold, one `*` per byte.
        let line = run.doc.line(*i);
        let column = text::before(line, hit.start).chars().count() + 1;
        let end = column + text::slice(line, hit.start..hit.end).chars().count();
        run.add_span(
            "secret",
            Class::Error,
            *i,
            column,
            Some(end),
            format!(
                "{} {} is pasted here ({})",
                article(hit.kind),
                hit.kind,
                hit.masked
            ),
            Some(
                "remove it, rotate the credential, and purge it from the wiki's git history".into(),
            ),
        );
    }
}

/// Blame, line by line, in prose only.
fn prose_rules(run: &mut Run, summary: &Summary, names: &SectionNames) -> Result<(), Error> {
    let doc = run.doc;
    // "Human error" blames only when it is given as the cause; "we ruled out human error"
    // elsewhere is fine.
    let root_cause = doc.section(names, "Root cause").map(|s| s.body.clone());
    let mut in_code = vec![false; doc.line_count()];
    for block in &doc.blocks {
        if matches!(block.kind, BlockKind::Code | BlockKind::Html) {
            let end = block.lines.end.min(in_code.len());
            for flag in &mut in_code[block.lines.start.min(end)..end] {
                *flag = true;
            }
        }
    }
    let front_end = doc
        .front
        .as_ref()
        .map_or(0, |f| doc.line_of(f.range.end.max(1) - 1) + 1);
    let mut people: Vec<&str> = Vec::new();
    if let Some(lead) = &summary.lead {
        people.push(lead);
    }
    people.extend(doc.meta.authors.iter().map(String::as_str));
    for (i, &code) in in_code.iter().enumerate() {
        let line = doc.line(i);
        if i >= front_end && !code {
            for hit in find_blame(line, &people)? {
                let cause_only = hit.phrase.to_ascii_lowercase().contains("human error");
                if cause_only && !root_cause.as_ref().is_some_and(|r| r.contains(&i)) {
                    continue;
                }
                let column = text::before(line, hit.start).chars().count() + 1;
                let end = column + text::slice(line, hit.start..hit.end).chars().count();
                run.add_span(
                    "blame",
                    Class::Warning,
                    i,
                    column,
                    Some(end),
                    format!("\"{}\" blames a person", hit.phrase),
                    Some(hit.suggestion.to_string()),
                );
            }
        }
    }
    Ok(())
}
