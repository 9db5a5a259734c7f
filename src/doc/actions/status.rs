//! Done and open markers written into an item's text: `✅ Rotate keys`, `~~Rotate keys~~`,
//! `Rotate keys (done)`, `**DONE**: Rotate keys`, `TODO Rotate keys`, `Already rotated the
//! keys`. A task box says it too; these are how people say it without one.

use crate::text;

/// What the text says about the item's state, if anything, and the text without the marker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Status<'a> {
    /// `Some(true)` done, `Some(false)` explicitly open (`TODO`, `DOING`), `None` unsaid.
    pub(crate) done: Option<bool>,
    pub(crate) text: &'a str,
}

/// Words that, as a leading or trailing marker, say the item is done.
const DONE: &[&str] = &[
    "done",
    "completed",
    "complete",
    "fixed",
    "finished",
    "resolved",
];
/// Words that, as a leading marker, say it is still open.
const OPEN: &[&str] = &[
    "todo",
    "to do",
    "doing",
    "in progress",
    "wip",
    "open",
    "pending",
];
/// Symbols people tick with.
const TICKS: &[&str] = &["✅", "✔️", "✔", "☑️", "☑", "✓"];

/// Read the markers at the start and end of `text`; the text keeps everything else.
pub(crate) fn read(text: &str) -> Status<'_> {
    let mut rest = text.trim();
    let mut done = None;
    if let Some(inner) = struck(rest) {
        return Status {
            done: Some(true),
            text: inner,
        };
    }
    if let Some((state, after)) = leading(rest) {
        (done, rest) = (Some(state), after);
    }
    if let Some(before) = trailing_done(rest) {
        (done, rest) = (Some(true), before);
    }
    // "Already added the fix": a sentence that says the work happened.
    if done.is_none() && starts_word(rest, "already") {
        done = Some(true);
    }
    Status { done, text: rest }
}

/// The text inside `~~…~~` when the whole text is struck through.
fn struck(text: &str) -> Option<&str> {
    let inner = text.strip_prefix("~~")?.strip_suffix("~~")?.trim();
    (!inner.is_empty() && !inner.contains("~~")).then_some(inner)
}

/// A leading marker: a tick, `DONE`, `**DONE**:`, `[DONE]`, `(done)`, `Done -`, `TODO`…
fn leading(text: &str) -> Option<(bool, &str)> {
    if let Some(tick) = TICKS.iter().find(|t| text.starts_with(**t)) {
        return Some((true, separator(text::after(text, tick.len()))));
    }
    let (open, close) = match text.as_bytes().first() {
        Some(b'*') if text.starts_with("**") => ("**", "**"),
        Some(b'[') => ("[", "]"),
        Some(b'(') => ("(", ")"),
        _ => ("", ""),
    };
    let inner = text::after(text, open.len());
    for (words, state) in [(DONE, true), (OPEN, false)] {
        for word in words {
            let Some(head) = inner.get(..word.len()) else {
                continue;
            };
            if !head.eq_ignore_ascii_case(word) {
                continue;
            }
            let after = text::after(inner, word.len());
            // Without brackets, only a word in capitals (`DONE`, `TODO`) or one followed by a
            // colon or dash is a marker: "Done right, this…" and "Open a ticket" are text.
            let after = if close.is_empty() {
                let caps = head.bytes().all(|b| !b.is_ascii_lowercase());
                let sep = after.trim_start().starts_with([':', '-', '–', '—']);
                let boundary = after.is_empty() || after.starts_with([' ', ':']);
                if !(boundary && (caps || sep)) {
                    continue;
                }
                after
            } else {
                let after = after.strip_prefix(':').unwrap_or(after);
                let Some(after) = after.strip_prefix(close) else {
                    continue;
                };
                after
            };
            let rest = separator(after);
            // A marker alone is not an item with a state; it is a label ("Done:").
            if rest.is_empty() {
                return None;
            }
            return Some((state, rest));
        }
    }
    None
}

/// Skip a separator after a leading marker: spaces and one `:`, `-`, `–` or `—`.
fn separator(s: &str) -> &str {
    let s = s.trim_start();
    let s = s
        .strip_prefix([':', '-', '–', '—'])
        .map_or(s, str::trim_start);
    s.trim_start()
}

/// The text before a trailing done marker: `(done)`, `[DONE]`, `- done`, ` ✅`, ` DONE`.
fn trailing_done(text: &str) -> Option<&str> {
    let t = text.trim_end_matches(['.', ' ']);
    if let Some(tick) = TICKS.iter().find(|tick| t.ends_with(**tick)) {
        let before = text::before(t, t.len() - tick.len()).trim_end();
        return (!before.is_empty()).then_some(before);
    }
    for word in DONE {
        for (open, close) in [("(", ")"), ("[", "]"), ("**", "**"), ("", "")] {
            let Some(before) = t.strip_suffix(close) else {
                continue;
            };
            let Some(cut) = before.len().checked_sub(word.len()) else {
                continue;
            };
            let (Some(head), Some(tail)) = (before.get(..cut), before.get(cut..)) else {
                continue;
            };
            if !tail.eq_ignore_ascii_case(word) {
                continue;
            }
            let Some(head) = head.strip_suffix(open) else {
                continue;
            };
            let caps = tail.bytes().all(|b| !b.is_ascii_lowercase());
            let trimmed = head.trim_end();
            let dashed = trimmed.ends_with(['-', '–', '—', ':']);
            // A bare trailing word must stand apart: `… (done)`, `… - done`, `… DONE`; not
            // "Make sure the migration is done".
            if open.is_empty() && !(dashed || (caps && head.ends_with(' '))) {
                continue;
            }
            let text = trimmed
                .trim_end_matches(['-', '–', '—', ':', ','])
                .trim_end();
            if !text.is_empty() {
                return Some(text);
            }
        }
    }
    None
}

fn starts_word(text: &str, word: &str) -> bool {
    text.get(..word.len())
        .is_some_and(|h| h.eq_ignore_ascii_case(word))
        && text::after(text, word.len()).starts_with(' ')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers() {
        // (text, done, text without the marker); forms from real post-mortems.
        let cases: &[(&str, Option<bool>, &str)] = &[
            ("Rotate keys", None, "Rotate keys"),
            ("✅ Rotate keys", Some(true), "Rotate keys"),
            ("Rotate keys ✅", Some(true), "Rotate keys"),
            ("~~Rotate keys~~", Some(true), "Rotate keys"),
            ("Rotate keys (done)", Some(true), "Rotate keys"),
            ("Rotate keys [DONE]", Some(true), "Rotate keys"),
            ("Rotate keys - done", Some(true), "Rotate keys"),
            ("Rotate keys DONE", Some(true), "Rotate keys"),
            ("Rotate keys (Completed).", Some(true), "Rotate keys"),
            (
                "**DONE**: Alex added blog to prometheus",
                Some(true),
                "Alex added blog to prometheus",
            ),
            (
                "**TODO**: Alex thinks we need systemd monitoring",
                Some(false),
                "Alex thinks we need systemd monitoring",
            ),
            (
                "**TODO** a prometheus exporter on ZFS",
                Some(false),
                "a prometheus exporter on ZFS",
            ),
            (
                "**DOING** the mongodb import",
                Some(false),
                "the mongodb import",
            ),
            (
                "TODO Configuration Management",
                Some(false),
                "Configuration Management",
            ),
            ("DONE: Rotate keys", Some(true), "Rotate keys"),
            ("Done - rotate keys", Some(true), "rotate keys"),
            ("[DONE] Rotate keys", Some(true), "Rotate keys"),
            (
                "Already added the fix to avoid this",
                Some(true),
                "Already added the fix to avoid this",
            ),
            // Near misses: words in a sentence.
            (
                "Done right, this avoids it",
                None,
                "Done right, this avoids it",
            ),
            (
                "Open a ticket with the vendor",
                None,
                "Open a ticket with the vendor",
            ),
            (
                "Make sure the migration is done",
                None,
                "Make sure the migration is done",
            ),
            (
                "Fixed-size buffers everywhere",
                None,
                "Fixed-size buffers everywhere",
            ),
            ("Done:", None, "Done:"),
            ("~~a~~ and ~~b~~", None, "~~a~~ and ~~b~~"),
        ];
        for (text, done, rest) in cases {
            let got = read(text);
            assert_eq!((got.done, got.text), (*done, *rest), "{text:?}");
        }
    }
}
