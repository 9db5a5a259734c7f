//! The `pm:allow` comments with which an author silences a finding they have judged to be fine.

use std::collections::BTreeMap;

use crate::text;

/// The `<!-- pm:allow rule … -->` comments of one document, and the lines they silence.
///
/// An HTML comment, because it never shows when the wiki renders the page. The forms accepted
/// are `pm:allow a b`, `pm:allow: a`, and `pm:allow a, b`; the keyword and the rule names are
/// case-insensitive, since people type them by hand.
///
/// Where a comment applies:
/// * A comment on a line that shows nothing when rendered (only HTML comments and whitespace)
///   silences the next non-blank line, so it can sit above the line it excuses without changing
///   how that line renders. Comment lines in between are passed over and excused too, so
///   several allow comments stack onto the first line of content below.
/// * A comment after other text on a line silences that line only. Spilling over onto the next
///   line would silence a line that the author never looked at.
/// * In both cases, the comment's own line is silenced too.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Allowances {
    /// Every allow comment, in line order: its 1-based line and its rule names as written, kept
    /// so that a misspelt name can be reported where the author typed it.
    comments: Vec<(usize, Vec<String>)>,
    /// 1-based line → the lowercased rule names silenced on it.
    silenced: BTreeMap<usize, Vec<String>>,
}

impl Allowances {
    /// Reads the allow comments of a document given as its lines (without line endings).
    pub(crate) fn from_lines(lines: &[&str]) -> Allowances {
        let mut allowances = Allowances::default();
        // Names from comment-only lines, waiting for the next line with content.
        let mut pending: Vec<String> = Vec::new();
        for (index, text) in lines.iter().enumerate() {
            let line = index + 1;
            let parsed = parse_line(text);
            if parsed.has_allow {
                allowances.comments.push((line, parsed.names.clone()));
            }
            let own = parsed.names.iter().map(|name| name.to_ascii_lowercase());
            if parsed.invisible {
                // Comment lines pass what is pending on, and still excuse themselves: a key
                // pasted inside a guidance comment is in the wiki's source all the same.
                let own: Vec<String> = own.collect();
                allowances.silence(line, own.iter().chain(&pending).cloned());
                pending.extend(own);
            } else if text.trim().is_empty() {
                // Blank lines neither use up nor cancel a pending allowance.
            } else {
                allowances.silence(line, own.chain(pending.drain(..)));
            }
        }
        allowances
    }

    fn silence(&mut self, line: usize, names: impl Iterator<Item = String>) {
        let entry = self.silenced.entry(line).or_default();
        for name in names {
            if !entry.contains(&name) {
                entry.push(name);
            }
        }
        if entry.is_empty() {
            self.silenced.remove(&line);
        }
    }

    /// Whether a finding of `rule` on 1-based `line` is silenced.
    pub(crate) fn allows(&self, rule: &str, line: usize) -> bool {
        self.silenced
            .get(&line)
            .is_some_and(|names| names.iter().any(|name| name.eq_ignore_ascii_case(rule)))
    }

    /// The rule names in allow comments that are not among `known`, with the 1-based line of
    /// their comment, in document order. A misspelt name silences nothing, so the author must be
    /// told rather than left believing the finding is excused.
    pub(crate) fn unknown(&self, known: &[&str]) -> Vec<(usize, String)> {
        self.comments
            .iter()
            .flat_map(|(line, names)| names.iter().map(move |name| (*line, name)))
            .filter(|(_, name)| !known.iter().any(|k| k.eq_ignore_ascii_case(name)))
            .map(|(line, name)| (line, name.clone()))
            .collect()
    }
}

/// What one line holds in the way of comments.
struct ParsedLine {
    /// At least one `pm:allow` comment is on the line, even if it names no rule.
    has_allow: bool,
    /// The line holds HTML comments and whitespace only, so it does not show on the rendered
    /// page and an allow comment on it must be meant for the text below.
    invisible: bool,
    /// The rule names of every allow comment on the line, as written.
    names: Vec<String>,
}

fn parse_line(text: &str) -> ParsedLine {
    let mut parsed = ParsedLine {
        has_allow: false,
        invisible: false,
        names: Vec::new(),
    };
    // Cheap rejection: almost no line of a ten-thousand-document wiki holds a comment.
    if !text.contains("<!--") {
        return parsed;
    }
    let mut visible = false;
    let mut rest = text;
    while let Some(open) = rest.find("<!--") {
        visible |= !text::before(rest, open).trim().is_empty();
        let body_start = open + "<!--".len();
        let Some(close) = text::after(rest, body_start).find("-->") else {
            // A comment that runs on past this line is not an allow comment, and the text after
            // `<!--` is not seen; treating the line as content is the cautious reading.
            rest = text::after(rest, open);
            break;
        };
        if let Some(names) = allow_names(text::slice(rest, body_start..body_start + close)) {
            parsed.has_allow = true;
            parsed.names.extend(names);
        }
        rest = text::after(rest, body_start + close + "-->".len());
    }
    visible |= !rest.trim().is_empty();
    parsed.invisible = !visible;
    parsed
}

/// The rule names of a comment body if it is an allow comment (`pm:allow a, b` or
/// `pm:allow: a`), or `None` for any other comment.
fn allow_names(body: &str) -> Option<Vec<String>> {
    const KEYWORD: &str = "pm:allow";
    let body = body.trim();
    let head = body.get(..KEYWORD.len())?;
    if !head.eq_ignore_ascii_case(KEYWORD) {
        return None;
    }
    let rest = text::after(body, KEYWORD.len());
    // `pm:allowance` is some other comment, not `pm:allow` + `ance`.
    let rest = match rest.chars().next() {
        None => rest,
        Some(':') => text::after(rest, 1),
        Some(c) if c.is_whitespace() || c == ',' => rest,
        Some(_) => return None,
    };
    Some(
        rest.split(|c: char| c == ',' || c.is_whitespace())
            .filter(|name| !name.is_empty())
            .map(str::to_owned)
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn allowed(doc: &str, rule: &str) -> Vec<usize> {
        let lines: Vec<&str> = doc.lines().collect();
        let allowances = Allowances::from_lines(&lines);
        (1..=lines.len())
            .filter(|&line| allowances.allows(rule, line))
            .collect()
    }

    #[test]
    fn allow_comment_cases() {
        let cases: &[(&str, &str, &str, &[usize])] = &[
            (
                "line before",
                "<!-- pm:allow secret -->\nkey",
                "secret",
                &[1, 2],
            ),
            ("other rule", "<!-- pm:allow secret -->\nkey", "blame", &[]),
            (
                "same line",
                "key <!-- pm:allow secret -->\nkey",
                "secret",
                &[1],
            ),
            (
                "skips blanks",
                "<!-- pm:allow secret -->\n\n  \nkey\nkey",
                "secret",
                &[1, 4],
            ),
            (
                "colon form",
                "<!-- pm:allow: secret -->\nkey",
                "secret",
                &[1, 2],
            ),
            (
                "colon no space",
                "<!--pm:allow:secret-->\nkey",
                "secret",
                &[1, 2],
            ),
            (
                "comma list",
                "<!-- pm:allow blame,secret -->\nkey",
                "secret",
                &[1, 2],
            ),
            (
                "comma space",
                "<!-- pm:allow blame, secret -->\nkey",
                "blame",
                &[1, 2],
            ),
            ("case", "<!-- PM:Allow SECRET -->\nkey", "secret", &[1, 2]),
            (
                "rule case",
                "<!-- pm:allow secret -->\nkey",
                "Secret",
                &[1, 2],
            ),
            (
                "stacked",
                "<!-- pm:allow secret -->\n<!-- pm:allow blame -->\nkey",
                "secret",
                &[1, 2, 3],
            ),
            (
                "two on a line",
                "x <!-- pm:allow a --> <!-- pm:allow secret -->",
                "secret",
                &[1],
            ),
            (
                "not allow",
                "<!-- pm:allowance secret -->\nkey",
                "secret",
                &[],
            ),
            ("other comment", "<!-- guidance -->\nkey", "secret", &[]),
            ("unclosed", "<!-- pm:allow secret\nkey -->", "secret", &[]),
            (
                "trailing at end",
                "key\n<!-- pm:allow secret -->",
                "secret",
                &[2],
            ),
            (
                "only next",
                "<!-- pm:allow secret -->\nkey\nkey",
                "secret",
                &[1, 2],
            ),
            (
                "beside guidance",
                "<!-- say what broke --> <!-- pm:allow secret -->\nkey",
                "secret",
                &[1, 2],
            ),
            (
                "over guidance",
                "<!-- pm:allow secret -->\n<!-- paste no keys -->\nkey\nkey",
                "secret",
                &[1, 2, 3],
            ),
        ];
        for (name, doc, rule, want) in cases {
            assert_eq!(allowed(doc, rule), *want, "case `{name}`");
        }
    }

    #[test]
    fn no_comments_no_allowances() {
        let allowances = Allowances::from_lines(&["# Title", "", "text"]);
        assert_eq!(allowances, Allowances::default());
        assert!(!allowances.allows("secret", 1));
    }

    #[test]
    fn reports_unknown_rule_names_where_written() {
        let lines = [
            "<!-- pm:allow secret, Blmae -->",
            "text",
            "text <!-- pm:allow: SECRET timelien -->",
            "<!-- pm:allow -->",
        ];
        let allowances = Allowances::from_lines(&lines);
        assert_eq!(
            allowances.unknown(&["secret", "blame", "timeline"]),
            [(1, "Blmae".to_owned()), (3, "timelien".to_owned())]
        );
        assert!(
            allowances
                .unknown(&["secret", "blmae", "timelien"])
                .is_empty()
        );
    }

    #[test]
    fn non_ascii_text_around_comments() {
        let lines = [
            "— café <!-- pm:allow blame -->",
            "<!-- pm:allow blame — x -->",
            "naïve",
        ];
        let allowances = Allowances::from_lines(&lines);
        assert!(allowances.allows("blame", 1));
        assert!(allowances.allows("blame", 3));
        assert_eq!(
            allowances.unknown(&["blame"]),
            [(2, "—".to_owned()), (2, "x".to_owned())]
        );
    }
}
