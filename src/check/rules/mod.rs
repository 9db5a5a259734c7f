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

#[cfg(test)]
mod tests {
    use std::path::Path;

    use chrono::NaiveDate;

    use super::{Settings, check_text};
    use crate::check::finding::{Finding, sort_findings};
    use crate::config::{Config, RuleLevel, UserConfig, load};

    /// A complete post-mortem in review with nothing to report (the CLI's `clean` fixture): each
    /// case changes one thing in it. Line 4 is its status, 23 the Trigger heading, 31 the
    /// Timeline heading, 33 to 36 its entries, 50 the Action items heading and 52 its item.
    pub(super) const CLEAN: &str = "+++
title = \"Checkout errors\"
severity = \"SEV2\"
status = \"review\"
started = 2026-11-18T14:00:00Z
detected = 2026-11-18T14:05:00Z
mitigated = 2026-11-18T14:40:00Z
resolved = 2026-11-18T15:10:00Z
review_by = 2026-11-25
lead = \"Alice Example\"
+++

# Checkout errors

## Summary

A bad price cache config made checkout fail for 70 minutes.

## Impact and scope

About 4% of checkouts failed between 14:00 and 15:10 UTC.

## Trigger

A config push at 14:00 UTC.

## Resolution

We rolled the config back.

## Timeline

- 2026-11-18 14:00 UTC — Config pushed (alice)
- 2026-11-18 14:05 UTC — Error rate alert fired (alice)
- 2026-11-18 14:40 UTC — Config rolled back (bob)
- 2026-11-18 15:10 UTC — Error rate back to normal (bob)

## Root cause

The config loader accepted an empty price table without validation.

## What went well

The alert fired within five minutes.

## What didn't go well

The rollback took half an hour to find.

## Action items

- [ ] Validate the price table on load — owner: @mary, ticket: SHOP-123, due: 2026-12-04
";

    /// The end of the clean document's timeline: what is put after it starts on line 38.
    const TIMELINE_END: &str = "(bob)\n\n";

    /// `CLEAN` with the first `from` replaced by `to`; `from` must be there, or the case would
    /// test the clean document unawares.
    pub(super) fn clean_with(from: &str, to: &str) -> String {
        assert!(
            CLEAN.contains(from),
            "`{from}` is not in the clean document"
        );
        CLEAN.replacen(from, to, 1)
    }

    /// The built-in configuration, as in a folder without `pm.toml`.
    pub(super) fn config() -> Config {
        load(Path::new("/no-wiki-here"), &UserConfig::default()).unwrap()
    }

    /// Every finding in `text`, checked on 2026-11-20 (the CLI fixtures' day), sorted.
    pub(super) fn findings(config: &Config, text: &str) -> Vec<Finding> {
        let names = config.section_names();
        let settings = Settings {
            config,
            names: &names,
            today: NaiveDate::from_ymd_opt(2026, 11, 20).unwrap(),
        };
        let (_, mut findings) =
            check_text(text.to_owned(), Path::new("doc.md"), &settings).unwrap();
        sort_findings(&mut findings);
        findings
    }

    /// The findings of `rules` in `text`, each as `line:column[-end] level rule: message`.
    pub(super) fn found_with(config: &Config, text: &str, rules: &[&str]) -> Vec<String> {
        findings(config, text)
            .iter()
            .filter(|f| rules.contains(&f.rule))
            .map(|f| {
                let end = f.end_column.map_or(String::new(), |end| format!("-{end}"));
                let level = f.level.as_str();
                format!(
                    "{}:{}{end} {level} {}: {}",
                    f.line, f.column, f.rule, f.message
                )
            })
            .collect()
    }

    /// [`found_with`] the built-in configuration.
    pub(super) fn found(text: &str, rules: &[&str]) -> Vec<String> {
        found_with(&config(), text, rules)
    }

    /// An AWS access key id, put together here so that no scanner flags the source.
    pub(super) fn aws_key() -> String {
        format!("AKIA{}", "Q3R7T2WZ5YHXJ4KN")
    }

    /// Every rule of `RULES`.
    fn all() -> Vec<&'static str> {
        crate::check::rule::RULES
            .iter()
            .map(|(name, _)| *name)
            .collect()
    }

    #[test]
    fn the_clean_document_has_nothing_to_report() {
        assert_eq!(found(CLEAN, &all()), Vec::<String>::new());
    }

    #[test]
    fn incompleteness_is_an_error_once_out_of_draft() {
        let incomplete =
            clean_with("A config push at 14:00 UTC.", "TODO").replace(", ticket: SHOP-123", "");
        let cases = [
            ("status = \"review\"\n", "error"),
            ("status = \"published\"\n", "error"),
            // A status pm does not know is not a draft.
            ("status = \"final\"\n", "error"),
            ("status = \"draft\"\n", "warning"),
            ("status = \"Draft\"\n", "warning"),
            // No status: a draft.
            ("", "warning"),
        ];
        for (status, level) in cases {
            let text = incomplete.replacen("status = \"review\"\n", status, 1);
            let line = if status.is_empty() { 22 } else { 23 };
            assert_eq!(
                found(&text, &["section-empty", "action-incomplete"]),
                [
                    format!("{line}:1 {level} section-empty: the section \"Trigger\" is empty"),
                    format!(
                        "{}:1 {level} action-incomplete: the action item \"Validate the price \
                         table on load\" has no ticket",
                        line + 29
                    ),
                ],
                "{status:?}"
            );
        }
    }

    /// `[rules]` entries of a case.
    type Levels<'a> = &'a [(&'a str, RuleLevel)];

    #[test]
    fn rules_in_pm_toml_fix_a_level_or_switch_a_rule_off() {
        let text = clean_with("A config push at 14:00 UTC.", "TODO")
            .replace("status = \"review\"", "status = \"draft\"")
            .replace(
                TIMELINE_END,
                &format!("{TIMELINE_END}It was Bob's fault.\n\n"),
            );
        let cases: &[(Levels, &[&str])] = &[
            (
                &[],
                &[
                    "23:1 warning section-empty: the section \"Trigger\" is empty",
                    "38:8-19 warning blame: \"Bob's fault\" blames a person",
                ],
            ),
            (
                &[("section-empty", RuleLevel::Error)],
                &[
                    "23:1 error section-empty: the section \"Trigger\" is empty",
                    "38:8-19 warning blame: \"Bob's fault\" blames a person",
                ],
            ),
            (
                &[("blame", RuleLevel::Off)],
                &["23:1 warning section-empty: the section \"Trigger\" is empty"],
            ),
            (
                &[
                    ("section-empty", RuleLevel::Off),
                    ("blame", RuleLevel::Error),
                ],
                &["38:8-19 error blame: \"Bob's fault\" blames a person"],
            ),
        ];
        for (rules, want) in cases {
            let mut config = config();
            config.rules = rules.iter().map(|(r, l)| ((*r).to_owned(), *l)).collect();
            assert_eq!(found_with(&config, &text, &all()), *want, "{rules:?}");
        }
        // A fixed warning stays one in review.
        let mut config = config();
        config.rules = [("section-empty".to_owned(), RuleLevel::Warning)].into();
        let text = clean_with("A config push at 14:00 UTC.", "TODO");
        assert_eq!(
            found_with(&config, &text, &all()),
            ["23:1 warning section-empty: the section \"Trigger\" is empty"]
        );
    }

    #[test]
    fn allow_comments_silence_the_rule_they_name_where_they_stand() {
        let cases: &[(&str, &str, &[&str])] = &[
            ("above", "<!-- pm:allow blame -->\nIt was Bob's fault.", &[]),
            (
                "same line",
                "It was Bob's fault. <!-- pm:allow: blame -->",
                &[],
            ),
            (
                "another rule",
                "<!-- pm:allow section-empty -->\nIt was Bob's fault.",
                &["39:8-19 warning blame: \"Bob's fault\" blames a person"],
            ),
            (
                "two lines above",
                "<!-- pm:allow blame -->\nThe flag was set.\nIt was Bob's fault.",
                &["40:8-19 warning blame: \"Bob's fault\" blames a person"],
            ),
            (
                "misspelt",
                "<!-- pm:allow blmae -->\nIt was Bob's fault.",
                &[
                    "38:1 warning allow-unknown: `pm:allow` names `blmae`, which is not a rule",
                    "39:8-19 warning blame: \"Bob's fault\" blames a person",
                ],
            ),
            (
                "misspelt, allowed",
                "<!-- pm:allow blmae allow-unknown -->",
                &[],
            ),
        ];
        for (name, insert, want) in cases {
            let text = clean_with(TIMELINE_END, &format!("{TIMELINE_END}{insert}\n\n"));
            assert_eq!(found(&text, &all()), *want, "case `{name}`");
        }
    }

    #[test]
    fn allow_unknown_lists_the_rules() {
        let text = clean_with("# Checkout errors", "# Checkout errors <!-- pm:allow x -->");
        let findings = findings(&config(), &text);
        let [finding] = findings.as_slice() else {
            panic!("{findings:?}")
        };
        assert_eq!(
            finding.suggestion.as_deref(),
            Some(format!("the rules are: {}", all().join(", ")).as_str())
        );
    }

    #[test]
    fn a_secret_cannot_be_allowed() {
        let key = aws_key();
        let allowed = format!("<!-- pm:allow secret -->\nKey {key} <!-- pm:allow secret -->");
        let text = clean_with(TIMELINE_END, &format!("{TIMELINE_END}{allowed}\n\n"));
        assert_eq!(
            found(&text, &all()),
            ["39:5-25 error secret: an AWS access key is pasted here (AKIA…)"]
        );
    }
}
