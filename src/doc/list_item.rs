//! The start of a list item's line: its marker, a bullet (`-`, `*`, `+`) or a number with `.`
//! or `)`, and the task box (`[ ]`, `[x]`) that may follow.
//!
//! comrak finds the list items of a document; this reads their lines byte by byte, for the
//! readers that need the marker itself (its width, the prefix a new item copies, the box
//! `pm action done` ticks) or that see single lines (`pm check` reads every line for a
//! timeline stamp). Readers differ in what must follow a marker: [`marker_width`] reads only its
//! shape, and [`commonmark_marker`] adds the Markdown spec's rule, which most of them use.

use crate::text;

/// The width of the list marker at the start of `b`: a bullet, or digits followed by `.` or
/// `)`. Only the shape: neither the number of digits nor what follows is checked.
pub(crate) fn marker_width(b: &[u8]) -> Option<usize> {
    let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
    match b.get(digits)? {
        b'.' | b')' if digits > 0 => Some(digits + 1),
        b'-' | b'*' | b'+' if digits == 0 => Some(1),
        _ => None,
    }
}

/// The width of the list marker at the start of `b` as the Markdown spec reads one: a bullet,
/// or one to nine digits followed by `.` or `)`, then a space, a tab or the end of the line.
pub(crate) fn commonmark_marker(b: &[u8]) -> Option<usize> {
    marker_width(b)
        .filter(|&width| width <= 10 && matches!(b.get(width), None | Some(b' ' | b'\t')))
}

/// Whether a line (after its indentation) is a thematic break (`---`, `* * *`, `___`), which
/// starts like a bullet but is none.
pub(crate) fn is_thematic_break(rest: &str) -> bool {
    let mut marks = rest.bytes().filter(|b| !b.is_ascii_whitespace());
    let first = marks.next();
    matches!(first, Some(b'-' | b'*' | b'_'))
        && marks.clone().count() >= 2
        && marks.all(|b| Some(b) == first)
}

/// A task box after a list marker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct TaskBox {
    pub(crate) done: bool,
    /// Offset of the byte between `[` and `]` (a space or `x`), which ticking replaces; `None`
    /// for the typo `[]`, which has no such byte.
    pub(crate) mark: Option<usize>,
    /// Offset just after the `]`.
    pub(crate) end: usize,
}

/// The task box at `pos` (`[ ]`, `[x]`, `[X]`, or `[]`, a common typo for `[ ]`), followed by a
/// space, a tab or the end of the line.
pub(crate) fn task_box(b: &[u8], pos: usize) -> Option<TaskBox> {
    let ends = |n: usize| matches!(b.get(pos + n), None | Some(b' ' | b'\t'));
    match b.get(pos..)? {
        [b'[', mark @ (b' ' | b'x' | b'X'), b']', ..] if ends(3) => Some(TaskBox {
            done: *mark != b' ',
            mark: Some(pos + 1),
            end: pos + 3,
        }),
        [b'[', b']', ..] if ends(2) => Some(TaskBox {
            done: false,
            mark: None,
            end: pos + 2,
        }),
        _ => None,
    }
}

/// `- `, `  * `, `12. ` — the part of a list item's first line before its content, which a new
/// item copies; only the indentation for a line of the item that is not itself an item
/// (`  – 14:05 paged`).
pub(crate) fn prefix(line: &str) -> &str {
    let indent = line.len() - line.trim_start().len();
    let rest = text::after(line, indent);
    // Only a marker followed by a space, a tab or nothing starts an item: `-x`, `-\u{a0}x` and
    // `12 monkeys` are text.
    let Some(marker) = commonmark_marker(rest.as_bytes()) else {
        return text::before(line, indent);
    };
    let after = text::after(rest, marker);
    let spaces = after.len() - after.trim_start_matches(' ').len();
    text::before(line, indent + marker + spaces.max(1).min(after.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers() {
        let cases: &[(&str, Option<usize>, Option<usize>)] = &[
            ("- x", Some(1), Some(1)),
            ("-", Some(1), Some(1)),
            ("*\tx", Some(1), Some(1)),
            ("+ x", Some(1), Some(1)),
            ("-x", Some(1), None),
            ("1. x", Some(2), Some(2)),
            ("12) x", Some(3), Some(3)),
            ("123456789. x", Some(10), Some(10)),
            ("1234567890. x", Some(11), None),
            ("1.x", Some(2), None),
            ("12 monkeys", None, None),
            ("1-", None, None),
            ("", None, None),
            ("x", None, None),
        ];
        for &(line, shape, commonmark) in cases {
            assert_eq!(marker_width(line.as_bytes()), shape, "{line:?}");
            assert_eq!(commonmark_marker(line.as_bytes()), commonmark, "{line:?}");
        }
    }

    #[test]
    fn task_boxes() {
        let done = |mark, end| {
            Some(TaskBox {
                done: true,
                mark: Some(mark),
                end,
            })
        };
        let open = |mark, end| {
            Some(TaskBox {
                done: false,
                mark,
                end,
            })
        };
        assert_eq!(task_box(b"- [x] a", 2), done(3, 5));
        assert_eq!(task_box(b"- [X]", 2), done(3, 5));
        assert_eq!(task_box(b"- [ ]\tb", 2), open(Some(3), 5));
        assert_eq!(task_box(b"- [] b", 2), open(None, 4));
        assert_eq!(task_box(b"- [x]b", 2), None);
        assert_eq!(task_box(b"- [link](x)", 2), None);
        assert_eq!(task_box(b"-", 2), None);
    }

    #[test]
    fn thematic_breaks() {
        for line in ["---", "* * *", "___", "- - -"] {
            assert!(is_thematic_break(line), "{line:?}");
        }
        for line in ["- x", "--", "-*-", "* item"] {
            assert!(!is_thematic_break(line), "{line:?}");
        }
    }

    #[test]
    fn list_prefix_takes_only_real_markers() {
        assert_eq!(prefix("- 14:05 paged"), "- ");
        assert_eq!(prefix("  12. 14:05"), "  12. ");
        assert_eq!(prefix("* "), "* ");
        assert_eq!(prefix("-"), "-");
        // Lines of an item that are not items themselves: no marker to copy.
        assert_eq!(prefix("  – 14:05 paged"), "  ");
        assert_eq!(prefix(""), "");
        assert_eq!(prefix("        server failed"), "        ");
        assert_eq!(prefix("12 monkeys"), "");
        assert_eq!(prefix("-x"), "");
        // Found by the fuzzer: a marker before a multi-byte character.
        assert_eq!(prefix("-\u{a0}security"), "");
        assert_eq!(prefix("-١٤ database"), "");
    }
}
