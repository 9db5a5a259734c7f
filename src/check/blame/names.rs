//! First names, as evidence that a capitalised word is a person. Services, products and every
//! sentence start are capitalised too, so capitalisation alone proves nothing; a word counts
//! when it is written as a name and the vendored list (see `FIRST-NAMES.md`) knows it.

use std::collections::HashSet;
use std::sync::LazyLock;

/// Built on first use: most documents have no blaming phrase and never need it.
static FIRST_NAMES: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| include_str!("first-names.txt").lines().collect());

/// Whether `word` is written as a first name: as listed ("Dave", "Lucía"), so "dave" or
/// "DAVE" in running text, more often a host or an acronym, does not count.
pub(super) fn is_first_name(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase) && FIRST_NAMES.contains(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_as_written() {
        for name in [
            "Dave", "Bob", "Lucía", "Jürgen", "Kwame", "Thandiwe", "Priya",
        ] {
            assert!(is_first_name(name), "{name}");
        }
        // Words first, services, days, and names not written as names.
        for word in [
            "Grant",
            "Will",
            "Summer",
            "Cassandra",
            "Sunday",
            "The",
            "dave",
            "DAVE",
        ] {
            assert!(!is_first_name(word), "{word}");
        }
    }
}
