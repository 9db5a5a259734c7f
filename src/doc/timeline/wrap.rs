//! The marks around a stamp: emphasis, code spans, brackets and HTML tags opened before it and
//! closed after it, and the approximation marks (`~`, `ca.`, `around`) before it.

// The scanner reads best in the usual names: `b` for the bytes, `i`, `j` for positions.
#![allow(clippy::many_single_char_names)]

use std::ops::Range;

use super::bytes::{letters, skip_byte, skip_ws};

/// The closing marks expected for the emphasis, code spans, brackets and HTML tags opened
/// before a stamp, innermost last. Fixed-size, since the scanner must not allocate.
#[derive(Default, Clone)]
pub(super) struct Wrappers {
    closers: [Closer; 6],
    pub(super) len: usize,
}

#[derive(Clone, Copy, Default)]
enum Closer {
    #[default]
    None,
    Mark(&'static [u8]),
    /// An HTML tag, by the byte range of its name.
    Tag(usize, usize),
}

impl Wrappers {
    fn push(&mut self, closer: Closer) -> bool {
        let Some(slot) = self.closers.get_mut(self.len) else {
            return false;
        };
        *slot = closer;
        self.len += 1;
        true
    }

    /// Consume the closing marks that follow `i`, innermost first, allowing `:` or `,` and
    /// spaces before each (`**14:05:**`, `<strong>10:30 AM:</strong>`).
    pub(super) fn close(&mut self, b: &[u8], mut i: usize) -> usize {
        while self.len > 0 {
            let mut j = skip_ws(b, i);
            j = skip_ws(
                b,
                skip_byte(b, skip_byte(b, skip_byte(b, j, b':'), b','), b'.'),
            );
            let closed = match self.closers[self.len - 1] {
                Closer::Mark(mark) => b[j..].starts_with(mark).then_some(j + mark.len()),
                Closer::Tag(from, to) => {
                    let name = &b[from..to];
                    let end = j + 2 + name.len();
                    (b[j..].starts_with(b"</")
                        && b.get(j + 2..end)
                            .is_some_and(|n| n.eq_ignore_ascii_case(name))
                        && b.get(end) == Some(&b'>'))
                    .then_some(end + 1)
                }
                Closer::None => None,
            };
            let Some(after) = closed else { break };
            i = after;
            self.len -= 1;
        }
        i
    }
}

/// Skip opening emphasis, code, brackets and HTML tags, and approximation marks (`~`, `ca.`,
/// `approx.`, `around`, `circa`), in any order.
pub(super) fn open(
    b: &[u8],
    mut i: usize,
    wraps: &mut Wrappers,
    approximation: &mut Option<Range<usize>>,
) -> usize {
    for _ in 0..8 {
        let rest = &b[i..];
        let (len, closer): (usize, Closer) = match rest.first() {
            Some(b'*') if rest.starts_with(b"**") => (2, Closer::Mark(b"**")),
            Some(b'_') if rest.starts_with(b"__") => (2, Closer::Mark(b"__")),
            Some(b'*') => (1, Closer::Mark(b"*")),
            Some(b'_') => (1, Closer::Mark(b"_")),
            Some(b'`') => (1, Closer::Mark(b"`")),
            Some(b'[') => (1, Closer::Mark(b"]")),
            Some(b'(') => (1, Closer::Mark(b")")),
            Some(b'<') if rest.get(1).is_some_and(u8::is_ascii_alphabetic) => {
                let name_len = 1 + rest[1..]
                    .iter()
                    .take_while(|c| c.is_ascii_alphanumeric())
                    .count();
                let Some(close) = rest.iter().take(200).position(|&c| c == b'>') else {
                    break;
                };
                (close + 1, Closer::Tag(i + 1, i + name_len))
            }
            Some(b'~') => {
                let j = skip_ws(b, i + 1);
                *approximation = Some(i..j);
                i = j;
                continue;
            }
            _ => {
                let Some(j) = approximation_word(b, i) else {
                    break;
                };
                *approximation = Some(i..j);
                i = j;
                continue;
            }
        };
        if !wraps.push(closer) {
            break;
        }
        i += len;
    }
    i
}

/// `ca.`, `approx.`, `approx`, `approximately`, `around` or `circa`, with the spaces after it.
fn approximation_word(b: &[u8], i: usize) -> Option<usize> {
    const WORDS: &[&str] = &["ca", "approx", "approximately", "around", "circa"];
    let len = letters(b, i);
    if !WORDS
        .iter()
        .any(|w| b[i..i + len].eq_ignore_ascii_case(w.as_bytes()))
    {
        return None;
    }
    let j = skip_byte(b, i + len, b'.');
    let k = skip_ws(b, j);
    (k > j || j > i + len).then_some(k)
}
