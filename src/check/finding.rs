//! One problem that `pm check` found, and its order among the others.

use std::cmp::Ordering;
use std::path::PathBuf;

use serde::Serialize;

/// How bad a finding is. Only `Error` makes `pm check` exit 1, so a draft can carry warnings
/// through CI while a published document cannot carry errors.
///
/// Ordered `Warning < Error`, so the worst level of a set is its `max()`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Level {
    Warning,
    Error,
}

impl Level {
    /// The word every output format uses for the level, matching the JSON spelling.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Level::Warning => "warning",
            Level::Error => "error",
        }
    }
}

/// One problem in one document, located precisely enough for an editor or a GitHub annotation
/// to point at it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Finding {
    /// The rule's stable name (`secret`, `blame`, …), also the name `pm:allow` takes.
    pub(crate) rule: &'static str,
    pub(crate) level: Level,
    /// The path as the user or the wiki walk gave it, relative to the wiki root. Renderers turn
    /// it into a `/`-separated string; it is kept as a `PathBuf` so that sorting compares
    /// components, not bytes (`a/b.md` before `a-b.md`).
    pub(crate) file: PathBuf,
    /// 1-based line.
    pub(crate) line: usize,
    /// 1-based column counted in characters (not bytes, not display cells), so that it means the
    /// same thing to every consumer whatever the script or the tabs in the line.
    pub(crate) column: usize,
    /// 1-based column just past the last character of the span (exclusive, like a Rust range),
    /// or `None` when the finding points at a single place rather than a stretch of text.
    pub(crate) end_column: Option<usize>,
    /// Lowercase, no trailing period, names in backticks (STYLE.md "Message text").
    pub(crate) message: String,
    /// What to write instead, when the rule knows.
    pub(crate) suggestion: Option<String>,
}

/// Sorts findings into the order every format prints them: by file, line, column, rule and
/// message.
///
/// Rules run in whatever order the registry (and, later, threads) gives, so the output must not
/// depend on it: CI logs and `--format json` diffs stay stable between runs. The remaining fields
/// break any last tie, so the order is total and does not rest on the sort being stable.
pub(crate) fn sort_findings(findings: &mut [Finding]) {
    findings.sort_by(compare);
}

/// The order of `sort_findings`: file, line, column, rule, message.
pub(crate) fn compare(a: &Finding, b: &Finding) -> Ordering {
    // Equal bytes are the common case (findings of one file) and far cheaper to see than
    // comparing paths component by component.
    let file = if a.file.as_os_str() == b.file.as_os_str() {
        Ordering::Equal
    } else {
        a.file.cmp(&b.file)
    };
    file.then(a.line.cmp(&b.line))
        .then(a.column.cmp(&b.column))
        .then(a.rule.cmp(b.rule))
        .then_with(|| a.message.cmp(&b.message))
        .then(a.end_column.cmp(&b.end_column))
        .then(b.level.cmp(&a.level))
        .then_with(|| a.suggestion.cmp(&b.suggestion))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(file: &str, line: usize, column: usize, rule: &'static str, msg: &str) -> Finding {
        Finding {
            rule,
            level: Level::Error,
            file: PathBuf::from(file),
            line,
            column,
            end_column: None,
            message: msg.to_owned(),
            suggestion: None,
        }
    }

    #[test]
    fn level_serializes_lowercase() {
        assert_eq!(
            serde_json::to_string(&Level::Warning).unwrap(),
            r#""warning""#
        );
        assert_eq!(serde_json::to_string(&Level::Error).unwrap(), r#""error""#);
        assert_eq!(Level::Error.as_str(), "error");
        assert!(Level::Warning < Level::Error);
    }

    #[test]
    fn sorts_by_file_line_column_rule_message() {
        let mut findings = vec![
            finding("b.md", 1, 1, "secret", "x"),
            finding("a.md", 2, 1, "blame", "x"),
            finding("a.md", 1, 9, "blame", "x"),
            finding("a.md", 1, 2, "timeline", "x"),
            finding("a.md", 1, 2, "secret", "z"),
            finding("a.md", 1, 2, "secret", "y"),
            finding("a/b.md", 1, 1, "secret", "x"),
        ];
        sort_findings(&mut findings);
        let order: Vec<_> = findings
            .iter()
            .map(|f| {
                format!(
                    "{}:{}:{} {} {}",
                    f.file.display(),
                    f.line,
                    f.column,
                    f.rule,
                    f.message
                )
            })
            .collect();
        assert_eq!(
            order,
            [
                // Component-wise: `a/b.md` is inside `a`, which sorts before `a.md`.
                "a/b.md:1:1 secret x",
                "a.md:1:2 secret y",
                "a.md:1:2 secret z",
                "a.md:1:2 timeline x",
                "a.md:1:9 blame x",
                "a.md:2:1 blame x",
                "b.md:1:1 secret x",
            ]
        );
    }

    #[test]
    fn sort_ignores_input_order_even_for_equal_keys() {
        let mut a = finding("a.md", 1, 1, "secret", "x");
        a.level = Level::Warning;
        let b = finding("a.md", 1, 1, "secret", "x");
        let mut one = vec![a.clone(), b.clone()];
        let mut two = vec![b, a];
        sort_findings(&mut one);
        sort_findings(&mut two);
        assert_eq!(one, two);
        assert_eq!(one[0].level, Level::Error);
    }
}
