//! What every stamp scanner of the timeline shares: reading a line's bytes at an index, and the
//! [`Scan`] result they return.
//!
//! A leaf: the scanners (`scan`, `clock`, `date`) use it, it uses none of them.

/// A line that starts like a timestamp but cannot be read.
pub(super) struct Bad;

/// `Ok(None)`: not here; `Err(Bad)`: here, but broken.
pub(super) type Scan<T> = Result<Option<T>, Bad>;

/// Whether `c` is a space or a tab (the only blanks inside a line).
pub(super) fn is_ws(c: Option<u8>) -> bool {
    matches!(c, Some(b' ' | b'\t'))
}

/// The index after the spaces and tabs at `i`.
pub(super) fn skip_ws(b: &[u8], i: usize) -> usize {
    i + b
        .get(i..)
        .unwrap_or_default()
        .iter()
        .take_while(|&&c| c == b' ' || c == b'\t')
        .count()
}

/// The index after `byte` when it is at `i`, else `i`.
pub(super) fn skip_byte(b: &[u8], i: usize, byte: u8) -> usize {
    if b.get(i) == Some(&byte) { i + 1 } else { i }
}

/// How many ASCII digits start at `i`.
pub(super) fn digits(b: &[u8], i: usize) -> usize {
    b.get(i..)
        .unwrap_or_default()
        .iter()
        .take_while(|c| c.is_ascii_digit())
        .count()
}

/// How many ASCII letters start at `i`.
pub(super) fn letters(b: &[u8], i: usize) -> usize {
    b.get(i..)
        .unwrap_or_default()
        .iter()
        .take_while(|c| c.is_ascii_alphabetic())
        .count()
}

/// The value of `n` ASCII digits at `i`; callers pass at most four, so it cannot overflow.
pub(super) fn number(b: &[u8], i: usize, n: usize) -> u32 {
    b[i..i + n]
        .iter()
        .fold(0, |acc, c| acc * 10 + u32::from(c - b'0'))
}

/// Whether the whole word at `i` is `word`, in any case.
pub(super) fn word_is(b: &[u8], i: usize, word: &str) -> bool {
    let len = letters(b, i);
    b[i..i + len].eq_ignore_ascii_case(word.as_bytes())
        && !b.get(i + len).is_some_and(u8::is_ascii_digit)
}
