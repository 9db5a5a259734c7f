//! The rules that read a document line by line: `secret` (everywhere) and `blame` (in prose
//! only). Both point at the exact stretch of the line, so an editor can underline it.

use std::ops::Range;

use crate::check::blame::{Context, find_blame};
use crate::check::rules::{Class, Place, Run};
use crate::check::secrets::SecretHit;
use crate::doc::Document;
use crate::doc::sections::{BlockKind, SectionNames};
use crate::doc::summary::Summary;
use crate::error::Error;
use crate::text;

/// `secret`, for the hits found before the document was blotted out. Everywhere: a token in a
/// code block or a comment leaks just the same.
pub(super) fn secrets(run: &mut Run, secrets: &[(usize, SecretHit)]) {
    for (i, hit) in secrets {
        // The line is blotted out now; the hit's offsets still hold, one `*` per byte.
        run.add_at(
            "secret",
            Class::Error,
            Place::span(run.doc, *i, hit.start..hit.end),
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

/// `an` before a vowel sound as the kinds start (`an AWS key`, `a GitHub token`).
fn article(kind: &str) -> &'static str {
    if kind.starts_with(['A', 'E', 'I', 'O', 'a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    }
}

/// `blame`, in prose only: code and HTML blocks quote logs and commands, not people's words,
/// and the front matter holds names by design.
pub(super) fn blame(run: &mut Run, summary: &Summary, names: &SectionNames) -> Result<(), Error> {
    let doc = run.doc;
    // "Human error" alone states a cause in the root cause and contributing factors (one
    // canonical section); elsewhere it must be given as one ("caused by human error").
    let causal: Vec<Range<usize>> = doc
        .sections(names)
        .iter()
        .filter(|s| s.canonical.as_deref() == Some("Root cause"))
        .map(|s| s.body.clone())
        .collect();
    let timeline = doc.section(names, "Timeline").map(|s| s.body.clone());
    let mut people: Vec<&str> = Vec::new();
    if let Some(lead) = &summary.lead {
        people.push(lead);
    }
    people.extend(doc.meta.authors.iter().map(String::as_str));
    // The `(author)` closing a timeline entry names a person too.
    if let Some(lines) = &timeline {
        people.extend(lines.clone().filter_map(|i| entry_author(doc.line(i))));
    }
    for (i, prose) in prose_lines(doc).into_iter().enumerate() {
        if !prose {
            continue;
        }
        let cx = Context {
            people: &people,
            causal: causal.iter().any(|r| r.contains(&i)),
        };
        for hit in find_blame(doc.line(i), &cx)? {
            run.add_at(
                "blame",
                Class::Warning,
                Place::span(doc, i, hit.start..hit.end),
                format!("\"{}\" blames a person", hit.phrase),
                Some(hit.suggestion),
            );
        }
    }
    Ok(())
}

/// The author of a timeline entry written `… (alice)`: one word in brackets ending the line.
fn entry_author(line: &str) -> Option<&str> {
    let inner = line.trim_end().strip_suffix(')')?;
    let author = text::after(inner, inner.rfind('(')? + 1);
    let word = !author.is_empty()
        && author.len() <= 40
        && author
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '@' | '.' | '-' | '_'));
    word.then_some(author)
}

/// For each line of `doc`, whether it is prose: after the front matter and outside code and
/// HTML blocks.
fn prose_lines(doc: &Document) -> Vec<bool> {
    let front_end = doc
        .front
        .as_ref()
        .map_or(0, |f| doc.line_of(f.range.end.max(1) - 1) + 1);
    let mut prose: Vec<bool> = (0..doc.line_count()).map(|i| i >= front_end).collect();
    for block in &doc.blocks {
        if matches!(block.kind, BlockKind::Code | BlockKind::Html) {
            let end = block.lines.end.min(prose.len());
            for flag in &mut prose[block.lines.start.min(end)..end] {
                *flag = false;
            }
        }
    }
    prose
}

#[cfg(test)]
mod tests {
    use crate::check::rules::tests::{aws_key, clean_with, found};

    /// Text in place of the Root cause, which starts on line 40.
    const CAUSE: &str = "The config loader accepted an empty price table without validation.\n";

    #[test]
    fn secrets_everywhere_an_error_even_in_a_draft() {
        let key = aws_key();
        let github = format!("ghp_{}", "aB3dE5fG7hJ9kL2mN4pQ6rS8tU0vW1xY3zA5");
        let cases: Vec<(&str, String, Vec<&str>)> = vec![
            (
                "on a line, in characters",
                format!("Café — the key {key} was in the log.\n"),
                vec!["40:16-36 error secret: an AWS access key is pasted here (AKIA…)"],
            ),
            (
                "two on a line",
                format!("{key} and {github}\n"),
                vec![
                    "40:1-21 error secret: an AWS access key is pasted here (AKIA…)",
                    "40:26-66 error secret: a GitHub token is pasted here (ghp_…)",
                ],
            ),
            (
                "in a code block",
                format!("```\nexport AWS_ACCESS_KEY_ID={key}\n```\n"),
                vec!["41:26-46 error secret: an AWS access key is pasted here (AKIA…)"],
            ),
            (
                "in a guidance comment",
                format!("<!-- e.g. {key} -->\n"),
                vec!["40:11-31 error secret: an AWS access key is pasted here (AKIA…)"],
            ),
            // Near misses.
            (
                "a token bucket",
                "The token bucket ran dry.\n".into(),
                vec![],
            ),
            (
                "a reference",
                "Sent `Bearer <token>` with `${PASSWORD}`.\n".into(),
                vec![],
            ),
        ];
        for (name, cause, want) in cases {
            let text = clean_with(CAUSE, &cause).replace("\"review\"", "\"draft\"");
            assert_eq!(found(&text, &["secret"]), want, "case `{name}`");
        }
    }

    /// No message quotes a credential: every other rule reads the document blotted out.
    #[test]
    fn other_rules_never_see_a_secret() {
        let text = clean_with("## Trigger", &format!("## Trigger {}", aws_key()))
            .replace("A config push at 14:00 UTC.", "TODO");
        assert_eq!(
            found(&text, &["secret", "section-empty"]),
            [
                "23:1 error section-empty: the section \"Trigger ********************\" is empty",
                "23:12-32 error secret: an AWS access key is pasted here (AKIA…)",
            ]
        );
    }

    #[test]
    fn blame_in_prose_only() {
        let cases: &[(&str, &str, &[&str])] = &[
            (
                "a person's fault",
                "It was Bob's fault.\n",
                &["40:8-19 warning blame: \"Bob's fault\" blames a person"],
            ),
            (
                "columns in characters",
                "Café — it was Bob's fault.\n",
                &["40:15-26 warning blame: \"Bob's fault\" blames a person"],
            ),
            (
                "human error, given as the cause",
                "Human error.\n",
                &["40:1-12 warning blame: \"Human error\" blames a person"],
            ),
            (
                "the lead, by name",
                "Alice forgot to run the migration.\n",
                &["40:1-13 warning blame: \"Alice forgot\" blames a person"],
            ),
            // Near misses.
            (
                "in a code block",
                "```\nblame = \"Bob's fault\"\n```\n",
                &[],
            ),
            ("in an HTML block", "<div>\nBob's fault\n</div>\n", &[]),
            ("fault tolerance", "Fault tolerance was too low.\n", &[]),
            ("nobody's fault", "It was nobody's fault.\n", &[]),
        ];
        for (name, cause, want) in cases {
            let text = clean_with(CAUSE, cause);
            assert_eq!(found(&text, &["blame"]), *want, "case `{name}`");
        }
    }

    #[test]
    fn human_error_elsewhere_and_the_front_matter_are_not_blame() {
        let text = clean_with(
            "We rolled the config back.",
            "We ruled out human error and rolled the config back.",
        )
        .replace("title = \"Checkout errors\"", "title = \"Bob's fault\"");
        assert_eq!(found(&text, &["blame"]), Vec::<String>::new());
    }
}
