//! The check baseline: the findings a wiki had when the team turned `pm check` on, held back so
//! that the gate starts green and only new findings fail it (as linters' baseline files do).
//!
//! A finding is matched by its rule, its file and the text of its line, never by line number,
//! so an edit elsewhere in the file revives nothing; an entry counts how many identical
//! findings it holds back. Findings on line 1 are matched by their message instead: that is
//! where the rules report what a document lacks (front matter, a section, action items), and
//! the first line's text says nothing about those. A secret is never held back, nor a
//! document pm could not read.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::{Deserialize, Serialize};

use crate::check::finding::Finding;

/// Where the baseline lives, relative to the wiki root; committed with the wiki.
pub(crate) const BASELINE_FILE: &str = ".pm/check-baseline.json";

/// What identifies a finding across edits: rule, file (`/`-separated) and its line's text.
type Key = (String, String, String);

/// The baseline as loaded: how many findings of each key it holds back.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct Baseline {
    entries: BTreeMap<Key, usize>,
}

/// The file's schema. Entries are sorted by file, rule and line, so that a refreshed
/// baseline diffs well in review.
#[derive(Serialize, Deserialize)]
struct BaselineFile {
    version: u32,
    findings: Vec<Entry>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    rule: String,
    file: String,
    /// The text of the finding's line, without leading and trailing whitespace; for a finding
    /// on line 1, its message.
    line_text: String,
    #[serde(default = "one", skip_serializing_if = "is_one")]
    count: usize,
}

fn one() -> usize {
    1
}

#[allow(clippy::trivially_copy_pass_by_ref)] // serde's `skip_serializing_if` passes a reference
fn is_one(n: &usize) -> bool {
    *n == 1
}

/// A check's findings after the baseline had its say.
#[derive(Debug, Default)]
pub(crate) struct Sorted {
    /// Findings the baseline does not hold: reported, and they decide the exit code.
    pub(crate) reported: Vec<Finding>,
    /// Findings the baseline holds back.
    pub(crate) held_back: Vec<Finding>,
    /// Entries for the files checked that matched no finding: fixed since, so the baseline
    /// can be refreshed.
    pub(crate) stale: usize,
}

/// Whether a finding of `rule` may be held back: never a leaked credential, which must be
/// removed whatever its age, nor a document pm could not read.
pub(crate) fn can_hold(rule: &str) -> bool {
    !matches!(rule, "secret" | "unreadable")
}

impl Baseline {
    /// Reads the baseline file's text.
    pub(crate) fn parse(text: &str) -> Result<Baseline, serde_json::Error> {
        let file: BaselineFile = serde_json::from_str(text)?;
        let mut entries = BTreeMap::new();
        for entry in file.findings {
            *entries
                .entry((entry.rule, entry.file, entry.line_text))
                .or_default() += entry.count.max(1);
        }
        Ok(Baseline { entries })
    }

    /// The baseline that holds back every finding given that can be held; `line_of` gives
    /// the text of a finding's line.
    pub(crate) fn of<'f, 'l>(
        findings: impl IntoIterator<Item = &'f Finding>,
        line_of: impl Fn(&Finding) -> Option<&'l str>,
    ) -> Baseline {
        let mut entries = BTreeMap::new();
        for finding in findings.into_iter().filter(|f| can_hold(f.rule)) {
            *entries.entry(key(finding, line_of(finding))).or_default() += 1;
        }
        Baseline { entries }
    }

    /// This baseline with the entries of `files` replaced by those of `fresh`: what
    /// `--write-baseline` does when only some documents were checked.
    pub(crate) fn replacing(mut self, files: &BTreeSet<String>, fresh: Baseline) -> Baseline {
        self.entries.retain(|(_, file, _), _| !files.contains(file));
        self.entries.extend(fresh.entries);
        self
    }

    /// How many findings it holds back.
    pub(crate) fn len(&self) -> usize {
        self.entries.values().sum()
    }

    /// The file's text: pretty JSON ending in a newline.
    pub(crate) fn to_json(&self) -> String {
        let findings = self
            .entries
            .iter()
            .map(|((rule, file, line), &count)| Entry {
                rule: rule.clone(),
                file: file.clone(),
                line_text: line.clone(),
                count,
            })
            .collect();
        let file = BaselineFile {
            version: 1,
            findings,
        };
        // Strings and integers only: serialising cannot fail.
        let mut text = serde_json::to_string_pretty(&file).unwrap_or_default();
        text.push('\n');
        text
    }

    /// Splits `findings` into those reported and those held back, and counts the entries
    /// that nothing matched any more: of the `checked` files (`/`-separated), or of any file
    /// when the whole wiki was checked (`None`; a deleted document's entries are stale too).
    pub(crate) fn sort<'f>(
        &self,
        findings: Vec<Finding>,
        line_of: impl Fn(&Finding) -> Option<&'f str>,
        checked: Option<&BTreeSet<String>>,
    ) -> Sorted {
        let mut left: HashMap<&Key, usize> = self.entries.iter().map(|(k, &n)| (k, n)).collect();
        let mut sorted = Sorted::default();
        for finding in findings {
            let held = can_hold(finding.rule)
                && left
                    .get_mut(&key(&finding, line_of(&finding)))
                    .filter(|n| **n > 0)
                    .map(|n| *n -= 1)
                    .is_some();
            if held {
                sorted.held_back.push(finding);
            } else {
                sorted.reported.push(finding);
            }
        }
        sorted.stale = left
            .iter()
            .filter(|((_, file, _), _)| checked.is_none_or(|c| c.contains(file)))
            .map(|(_, &n)| n)
            .sum();
        sorted
    }
}

fn key(finding: &Finding, line: Option<&str>) -> Key {
    let text = if finding.line == 1 {
        finding.message.as_str()
    } else {
        line.unwrap_or_default().trim()
    };
    (
        finding.rule.to_string(),
        slash_path(finding),
        text.to_string(),
    )
}

/// The finding's file as the baseline names it: `/`-separated on every platform, so that a
/// baseline written on one machine holds on another.
pub(crate) fn slash_path(finding: &Finding) -> String {
    finding.file.to_string_lossy().replace('\\', "/")
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;
    use crate::check::finding::Level;

    fn finding(rule: &'static str, file: &str, line: usize) -> Finding {
        Finding {
            rule,
            level: Level::Error,
            file: PathBuf::from(file),
            line,
            column: 1,
            end_column: None,
            message: format!("{rule} on line {line}"),
            suggestion: None,
        }
    }

    /// Lines of two documents: `a.md` and `b.md`.
    fn line_of(f: &Finding) -> Option<&'static str> {
        let lines: &[&str] = if f.file.ends_with("a.md") {
            &["# A", "- [ ] fix it", "- [ ] fix it", "  ghp_x  "]
        } else {
            &["# B", "## Timeline"]
        };
        lines.get(f.line - 1).copied()
    }

    fn files(names: &[&str]) -> BTreeSet<String> {
        names.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn holds_back_by_rule_file_and_line_text_counting_repeats() {
        let today = [
            finding("front-matter", "p/a.md", 1),
            finding("action-incomplete", "p/a.md", 2),
            finding("action-incomplete", "p/a.md", 3),
            finding("secret", "p/a.md", 4),
            finding("timeline-empty", "p/b.md", 2),
        ];
        let baseline = Baseline::of(&today, line_of);
        assert_eq!(baseline.len(), 4, "the secret is not held");
        let round_trip = Baseline::parse(&baseline.to_json()).unwrap();
        assert_eq!(round_trip, baseline);
        assert!(baseline.to_json().contains("\"count\": 2"));

        // A line added on top of a.md: its findings move down a line and stay held back, and
        // so does the one on line 1, whatever the first line says now.
        let added_on_top = |f: &Finding| -> Option<&'static str> {
            if f.file.ends_with("a.md") {
                ["Intro", "# A", "- [ ] fix it", "- [ ] fix it", "  ghp_x  "]
                    .get(f.line - 1)
                    .copied()
            } else {
                line_of(f)
            }
        };
        let moved = vec![
            finding("front-matter", "p/a.md", 1),
            finding("action-incomplete", "p/a.md", 3),
            finding("action-incomplete", "p/a.md", 4),
            finding("secret", "p/a.md", 5),
            finding("timeline-empty", "p/b.md", 2),
            finding("blame", "p/b.md", 1),
        ];
        let sorted = baseline.sort(moved, added_on_top, Some(&files(&["p/a.md", "p/b.md"])));
        let rules: Vec<&str> = sorted.reported.iter().map(|f| f.rule).collect();
        assert_eq!(rules, ["secret", "blame"]);
        assert_eq!(sorted.held_back.len(), 4);
        assert_eq!(sorted.stale, 0);
    }

    #[test]
    fn a_fixed_finding_leaves_a_stale_entry_only_in_files_checked() {
        let baseline = Baseline::of(
            &[
                finding("action-incomplete", "p/a.md", 2),
                finding("action-incomplete", "p/a.md", 3),
                finding("timeline-empty", "p/b.md", 2),
            ],
            line_of,
        );
        // One of the two identical items was fixed; b.md was not checked.
        let sorted = baseline.sort(
            vec![finding("action-incomplete", "p/a.md", 2)],
            line_of,
            Some(&files(&["p/a.md"])),
        );
        assert!(sorted.reported.is_empty());
        assert_eq!(sorted.stale, 1);
        // A third identical finding is new, so it is reported.
        let sorted = baseline.sort(
            vec![
                finding("action-incomplete", "p/a.md", 2),
                finding("action-incomplete", "p/a.md", 2),
                finding("action-incomplete", "p/a.md", 3),
            ],
            line_of,
            Some(&files(&["p/a.md"])),
        );
        assert_eq!(sorted.reported.len(), 1);
    }

    #[test]
    fn replacing_keeps_the_files_not_checked() {
        let old = Baseline::of(
            &[
                finding("action-incomplete", "p/a.md", 2),
                finding("timeline-empty", "p/b.md", 2),
            ],
            line_of,
        );
        let fresh = Baseline::of(&[finding("blame", "p/a.md", 1)], line_of);
        let merged = old.replacing(&files(&["p/a.md"]), fresh);
        let json = merged.to_json();
        assert!(
            json.contains("timeline-empty") && json.contains("blame"),
            "{json}"
        );
        assert!(!json.contains("action-incomplete"), "{json}");
    }

    #[test]
    fn a_hand_edited_file_is_read_and_a_broken_one_is_an_error() {
        let text = r##"{"version": 1, "findings": [
            {"rule": "blame", "file": "p/b.md", "line_text": "# B"},
            {"rule": "blame", "file": "p/b.md", "line_text": "# B", "count": 2}
        ]}"##;
        assert_eq!(Baseline::parse(text).unwrap().len(), 3);
        assert!(Baseline::parse("{\"version\": 1, \"findings\": [{\"rule\": 1}]}").is_err());
        assert!(Baseline::parse("").is_err());
    }
}
