//! The only way `pm` changes a document: replace byte ranges, leaving every other byte alone.

use std::ops::Range;

use crate::text;

/// One change: the bytes in `range` become `with` (an empty range inserts).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Edit {
    pub(crate) range: Range<usize>,
    pub(crate) with: String,
}

impl Edit {
    pub(crate) fn insert(at: usize, with: impl Into<String>) -> Edit {
        Edit {
            range: at..at,
            with: with.into(),
        }
    }

    pub(crate) fn replace(range: Range<usize>, with: impl Into<String>) -> Edit {
        Edit {
            range,
            with: with.into(),
        }
    }
}

/// Apply `edits` to `text`. Edits may come in any order but must not overlap, and each range
/// must lie on character boundaries; both are the caller's invariants, checked in debug builds.
pub(crate) fn apply(text: &str, edits: &[Edit]) -> String {
    let mut edits: Vec<&Edit> = edits.iter().collect();
    edits.sort_by_key(|e| (e.range.start, e.range.end));
    let extra: usize = edits.iter().map(|e| e.with.len()).sum();
    let mut out = String::with_capacity(text.len() + extra);
    let mut at = 0;
    for edit in edits {
        debug_assert!(edit.range.start >= at, "overlapping edits");
        debug_assert!(text.is_char_boundary(edit.range.start));
        debug_assert!(text.is_char_boundary(edit.range.end));
        out.push_str(text::slice(text, at..edit.range.start));
        out.push_str(&edit.with);
        at = edit.range.end;
    }
    out.push_str(text::after(text, at));
    out
}

#[cfg(test)]
#[allow(clippy::string_slice)] // tests slice at the offsets they check
mod tests {
    use super::*;

    #[test]
    fn edits_touch_only_their_ranges() {
        let text = "a\r\nbb\nccc\n\u{feff}é";
        let cases: Vec<(Vec<Edit>, &str)> = vec![
            (vec![], text),
            (vec![Edit::insert(0, "X")], "Xa\r\nbb\nccc\n\u{feff}é"),
            (
                vec![Edit::insert(text.len(), "Z")],
                "a\r\nbb\nccc\n\u{feff}éZ",
            ),
            (vec![Edit::replace(3..5, "BB")], "a\r\nBB\nccc\n\u{feff}é"),
            (
                vec![Edit::insert(6, "new\n"), Edit::replace(0..1, "")],
                "\r\nbb\nnew\nccc\n\u{feff}é",
            ),
        ];
        for (edits, expected) in cases {
            let out = apply(text, &edits);
            assert_eq!(out, expected, "{edits:?}");
        }
    }

    #[test]
    fn every_byte_outside_an_insert_is_unchanged() {
        let text = "one\ntwo\r\nthree";
        for at in (0..=text.len()).filter(|i| text.is_char_boundary(*i)) {
            let out = apply(text, &[Edit::insert(at, "++")]);
            assert_eq!(&out[..at], &text[..at]);
            assert_eq!(&out[at + 2..], &text[at..]);
        }
    }
}
