//! Byte offsets into text: the one place that slices a `str` by byte.
//!
//! Parsers here find offsets by scanning bytes, and a `&s[a..b]` whose offset lands inside a
//! character or past the end panics, which on one real document stops `pm check` for a whole
//! wiki. The `clippy::string_slice` lint forbids slicing anywhere else, so every offset goes
//! through these helpers: they clamp to the text and move an offset inside a character back to
//! the start of that character, and never panic.
//!
//! In debug builds (the tests and the fuzz run) an offset that is not on a character boundary
//! is a bug in its caller and fails loudly; release builds take the nearest boundary instead.
#![allow(clippy::string_slice)] // the audited helpers: every offset is checked first

use std::ops::Range;

/// `s[range]`, with both ends clamped to `s` and moved back to a character boundary, and the
/// end never before the start.
pub(crate) fn slice(s: &str, range: Range<usize>) -> &str {
    let start = checked(s, range.start);
    let end = checked(s, range.end).max(start);
    &s[start..end]
}

/// `s[..end]`, checked like [`slice()`].
pub(crate) fn before(s: &str, end: usize) -> &str {
    &s[..checked(s, end)]
}

/// `s[start..]`, checked like [`slice()`].
pub(crate) fn after(s: &str, start: usize) -> &str {
    &s[checked(s, start)..]
}

/// The last character boundary at or before `i` (clamped to the text): where to cut text
/// that must fit a byte budget without splitting a character.
pub(crate) fn floor_boundary(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn checked(s: &str, i: usize) -> usize {
    debug_assert!(
        i <= s.len() && s.is_char_boundary(i),
        "byte offset {i} is not a character boundary of {s:?}"
    );
    floor_boundary(s, i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_on_boundaries_slice_as_usual() {
        let s = "a–b";
        assert_eq!(slice(s, 1..4), "–");
        assert_eq!(before(s, 1), "a");
        assert_eq!(after(s, 4), "b");
        let (start, end) = (4, 1);
        assert_eq!(slice(s, start..end), "");
        assert_eq!(after(s, 5), "");
    }

    #[test]
    fn floor_boundary_never_splits_a_character() {
        let s = "a–b";
        assert_eq!(floor_boundary(s, 2), 1);
        assert_eq!(floor_boundary(s, 3), 1);
        assert_eq!(floor_boundary(s, 4), 4);
        assert_eq!(floor_boundary(s, 99), 5);
        assert_eq!(floor_boundary("", 3), 0);
    }

    #[cfg(not(debug_assertions))]
    #[test]
    fn bad_offsets_take_the_nearest_boundary_in_release() {
        assert_eq!(slice("a–b", 2..9), "–b");
        assert_eq!(before("a–b", 3), "a");
    }

    #[cfg(debug_assertions)]
    #[test]
    #[should_panic(expected = "not a character boundary")]
    fn bad_offsets_fail_loudly_in_debug() {
        let _ = before("a–b", 2);
    }
}
