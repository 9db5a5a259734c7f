//! The word lists the detectors keep (`"password passwd pass …"`: space-separated, so a list
//! reads like the prose it is matched against) and matching text against them, ignoring ASCII
//! case, as people capitalise words at will.

/// Whether `word` is one of the space-separated words of `list`, ignoring ASCII case.
pub(crate) fn is_any_of(word: &str, list: &str) -> bool {
    list.split_ascii_whitespace()
        .any(|w| w.eq_ignore_ascii_case(word))
}

/// Whether `needle` occurs in `hay`, ignoring ASCII case. Compared byte by byte rather than on
/// a lowercased copy: the detectors run this on every candidate of every document.
pub(crate) fn contains_ignore_case(hay: &str, needle: &str) -> bool {
    needle.is_empty()
        || hay
            .as_bytes()
            .windows(needle.len())
            .any(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_lists() {
        assert!(is_any_of("Was", "is was are"));
        assert!(!is_any_of("wa", "is was are"));
        assert!(!is_any_of("", "is was"));
        assert!(contains_ignore_case("Human ERROR here", "error"));
        assert!(contains_ignore_case("café REDACTED", "redacted"));
        assert!(!contains_ignore_case("err", "error"));
        assert!(contains_ignore_case("x", ""));
    }
}
