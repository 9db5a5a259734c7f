//! The runner of `pm check` on one document: it reads the document once, hands it to each
//! family of rules (one file each), gives every finding its level from the document's status
//! and the wiki's `[rules]`, and drops what `pm:allow` comments silence. Every rule reads the
//! one document model (`crate::doc`); none parses Markdown itself.

mod actions;
mod front_matter;
mod prose;
mod sections;
mod timeline;

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::Path;

use chrono::NaiveDate;

use crate::check::allow::Allowances;
use crate::check::finding::{Finding, Level};
use crate::check::rule::RULES;
use crate::check::secrets::{SecretHit, document_secrets, without_secrets};
use crate::config::{Config, RuleLevel};
use crate::doc::Document;
use crate::doc::sections::SectionNames;
use crate::doc::summary::{self, Summary};
use crate::error::Error;
use crate::text;

/// What the rules need besides the document.
pub(crate) struct Settings<'a> {
    pub(crate) config: &'a Config,
    pub(crate) names: &'a SectionNames,
    pub(crate) today: NaiveDate,
}

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
    // `pm check` sorts the findings, but `pm publish` lists its errors in this order.
    front_matter::check(&mut run, settings);
    sections::check(&mut run, settings);
    timeline::check(&mut run, settings);
    actions::check(&mut run, summary, settings);
    front_matter::review_overdue(&mut run, summary, settings.today);
    prose::secrets(&mut run, secrets);
    prose::blame(&mut run, summary, settings.names)?;

    let allowances = Allowances::from_lines(&doc.lines());
    allow_unknown(&mut run, &allowances);
    let mut findings = run.findings;
    // A secret cannot be silenced (README): a comment does not take a credential back out of
    // the wiki's history.
    findings.retain(|f| f.rule == "secret" || !allowances.allows(f.rule, f.line));
    Ok(findings)
}

/// `allow-unknown`: a misspelt name in a `pm:allow` comment silences nothing, so say so.
fn allow_unknown(run: &mut Run, allowances: &Allowances) {
    let known: Vec<&str> = RULES.iter().map(|(name, _)| *name).collect();
    for (line, name) in allowances.unknown(&known) {
        run.add(
            "allow-unknown",
            Class::Warning,
            line - 1,
            format!("`pm:allow` names `{name}`, which is not a rule"),
            Some(format!("the rules are: {}", known.join(", "))),
        );
    }
}

/// How much of a rule's level depends on the document's status.
#[derive(Clone, Copy)]
enum Class {
    /// Incompleteness: a warning in a draft, an error once in review or published.
    Incomplete,
    Warning,
    Error,
}

/// Where a finding points: a 0-based line, and 1-based columns counted in characters (see
/// [`Finding::column`]).
#[derive(Clone, Copy)]
struct Place {
    line: usize,
    column: usize,
    end_column: Option<usize>,
}

impl Place {
    /// The character at byte `offset` of the document.
    fn offset(doc: &Document, offset: usize) -> Place {
        let line = doc.line_of(offset);
        let column = text::slice(&doc.text, doc.line_start(line)..offset)
            .chars()
            .count()
            + 1;
        Place {
            line,
            column,
            end_column: None,
        }
    }

    /// The bytes `bytes` of 0-based `line`, as a stretch from its first character to its last.
    fn span(doc: &Document, line: usize, bytes: Range<usize>) -> Place {
        let text = doc.line(line);
        let column = text::before(text, bytes.start).chars().count() + 1;
        let end = column + text::slice(text, bytes).chars().count();
        Place {
            line,
            column,
            end_column: Some(end),
        }
    }
}

/// One document being checked, and what its rules have found so far.
struct Run<'a> {
    doc: &'a Document,
    path: &'a Path,
    /// In review or published: incompleteness is an error.
    strict: bool,
    rules: &'a BTreeMap<String, RuleLevel>,
    findings: Vec<Finding>,
}

impl Run<'_> {
    /// Record a finding about the whole of 0-based `line` (a heading, an item, a key).
    fn add(
        &mut self,
        rule: &'static str,
        class: Class,
        line: usize,
        message: String,
        suggestion: Option<String>,
    ) {
        let at = Place {
            line,
            column: 1,
            end_column: None,
        };
        self.add_at(rule, class, at, message, suggestion);
    }

    /// Record a finding at a precise place, unless `[rules]` switches its rule off.
    fn add_at(
        &mut self,
        rule: &'static str,
        class: Class,
        at: Place,
        message: String,
        suggestion: Option<String>,
    ) {
        let Some(level) = self.level(rule, class) else {
            return;
        };
        self.findings.push(Finding {
            rule,
            level,
            file: self.path.to_path_buf(),
            line: at.line + 1,
            column: at.column,
            end_column: at.end_column,
            message,
            suggestion,
        });
    }

    /// A rule's level: the wiki's `[rules]` first, then its class and the document's status;
    /// `None` when the rule is off.
    fn level(&self, rule: &str, class: Class) -> Option<Level> {
        Some(match (self.rules.get(rule), class) {
            (Some(RuleLevel::Off), _) => return None,
            (Some(RuleLevel::Error), _) | (None, Class::Error) => Level::Error,
            (None, Class::Incomplete) if self.strict => Level::Error,
            (Some(RuleLevel::Warning), _) | (None, Class::Warning | Class::Incomplete) => {
                Level::Warning
            }
        })
    }
}
