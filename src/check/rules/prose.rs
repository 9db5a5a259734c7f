//! The rules that read a document line by line: `secret` (everywhere) and `blame` (in prose
//! only). Both point at the exact stretch of the line, so an editor can underline it.

use crate::check::blame::find_blame;
use crate::check::rules::{Class, Place, Run};
use crate::check::secrets::SecretHit;
use crate::doc::Document;
use crate::doc::sections::{BlockKind, SectionNames};
use crate::doc::summary::Summary;
use crate::error::Error;

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
    // "Human error" blames only when it is given as the cause; "we ruled out human error"
    // elsewhere is fine.
    let root_cause = doc.section(names, "Root cause").map(|s| s.body.clone());
    let mut people: Vec<&str> = Vec::new();
    if let Some(lead) = &summary.lead {
        people.push(lead);
    }
    people.extend(doc.meta.authors.iter().map(String::as_str));
    for (i, prose) in prose_lines(doc).into_iter().enumerate() {
        if !prose {
            continue;
        }
        for hit in find_blame(doc.line(i), &people)? {
            let cause_only = hit.phrase.to_ascii_lowercase().contains("human error");
            if cause_only && !root_cause.as_ref().is_some_and(|r| r.contains(&i)) {
                continue;
            }
            run.add_at(
                "blame",
                Class::Warning,
                Place::span(doc, i, hit.start..hit.end),
                format!("\"{}\" blames a person", hit.phrase),
                Some(hit.suggestion.to_string()),
            );
        }
    }
    Ok(())
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
