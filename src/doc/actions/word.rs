//! Words in a hand-written action line: where a field may start, how a key is matched, and
//! the values that mean "nobody yet".
//!
//! A leaf shared by the readers of items, hand-written fields, tables and tickets.

/// Bytes that may precede a handle, ticket key or reference (so `a@b.com`, `/browse/AB-1`
/// and `x-AB-1` are not taken for one).
const OPENERS: &[u8] = b"([{<,;:*_\"'|";

/// Values that mean "nobody yet" rather than naming an owner, ticket or date.
#[rustfmt::skip]
const PLACEHOLDERS: &[&str] =
    &["tbd", "tbc", "todo", "n/a", "na", "none", "-", "?", "??", "unassigned", "nobody"];

/// Whether a handle, ticket key or reference may start at `i` of the (masked) body `m`.
pub(super) fn word_start(m: &[u8], i: usize) -> bool {
    i == 0 || m[i - 1].is_ascii_whitespace() || OPENERS.contains(&m[i - 1]) || m[i - 1] == b'['
}

/// Whether `b` starts with `word`, in any case.
pub(super) fn starts_ci(b: &[u8], word: &str) -> bool {
    b.get(..word.len())
        .is_some_and(|p| p.eq_ignore_ascii_case(word.as_bytes()))
}

/// Whether a field value is a placeholder such as `TBD` or `n/a` (emphasis marks ignored).
pub(super) fn is_placeholder(s: &str) -> bool {
    PLACEHOLDERS
        .iter()
        .any(|p| p.eq_ignore_ascii_case(s.trim_matches(['*', '_', ' '])))
}

/// How many bytes at the start of `b` are in `set`.
pub(super) fn skip(b: &[u8], set: &[u8]) -> usize {
    b.iter().take_while(|c| set.contains(c)).count()
}
