//! Reading the words around a match in English prose: the word before or after a position,
//! whether it names a person, and who stands as the subject of a verb. Allocation-free, since it
//! runs on every candidate phrase of every document.

use crate::check::words::is_any_of;
use crate::text;

/// Whether `pos` is inside an inline code span or a URL (`human-error-caused-…` in a link).
pub(super) fn in_literal(text: &str, pos: usize) -> bool {
    let head = text::before(text, pos);
    let in_code = head.bytes().filter(|&b| b == b'`').count() % 2 == 1;
    // After the separator, whatever its width: Unicode whitespace can take two or three bytes.
    let token_start = head
        .char_indices()
        .rev()
        .find(|&(_, c)| c.is_whitespace() || matches!(c, '(' | '<' | '[' | '"'))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let token = text::after(head, token_start);
    in_code || token.contains('/') || token.starts_with("www.")
}

/// Who may stand as the subject of a phrase.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Subject {
    /// Named people, `@handles`, he/she/someone and role nouns: the subjects of a causal verb.
    Named,
    /// Also `they`, `who`, `you` and "the operator", for hindsight and "to blame".
    Anyone,
}

/// Pronouns that stand for a person.
const PRONOUNS: &str = "he she someone somebody whoever";
/// Subjects that are people in hindsight sentences ("they should have checked") but too often
/// software or a group when they break or cause something.
pub(super) const WIDE_SUBJECTS: &str = "they who you operator";

/// People named by their job; "operator" and "user" are left out because they are as often
/// software (a Kubernetes operator) or customers.
const ROLES: &str = "engineer engineers developer developers dev devs admin admins administrator \
    sysadmin intern on-call oncall on-caller oncaller sre reviewer employee contractor teammate \
    coworker colleague";

/// Words that may stand between a subject and its verb ("Alice accidentally broke").
pub(super) const ADVERBS: &str = "accidentally mistakenly inadvertently unknowingly also then \
    just apparently probably again simply clearly obviously somehow still already really \
    definitely certainly completely totally evidently";

/// A name right after one of these is an object ("a change by @bob broke …"), not a subject.
const PREPOSITIONS: &str = "by from of for with to at via about per like than asked told pinged \
    paged thanked";

pub(super) const COPULAS: &str = "is was are were be been partly partially also solely entirely \
    largely mostly fully";

pub(super) const DETERMINERS: &str = "the a an this that its our their whose";

/// Names that are also common words: they must be capitalised to count as a person.
const COMMON_NAMES: &str = "will may june april august mark bill pat sue rob art max ray hope \
    grant chase faith joy dawn summer page case";

/// Words that may follow "Bob's fault" in a sentence; anything else makes it a compound noun.
const CLAUSE_WORDS: &str = "that for and but or nor as if since because not really entirely alone \
    either too though here this again then at in on when so anyway after before by with is was \
    which who all only partly mostly here there";

pub(super) fn is_role(word: &str) -> bool {
    is_any_of(word, ROLES)
}

pub(super) fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '_' | '-' | '@' | '\'')
}

/// The word that ends right before `pos`, across spaces and Markdown emphasis only: a comma,
/// a bracket or a full stop between them means they are not subject and verb.
pub(super) fn word_before(text: &str, pos: usize) -> Option<(usize, &str)> {
    let head = text
        .get(..pos)?
        .trim_end_matches([' ', '\t', '\n', '\r', '*']);
    let start = head
        .char_indices()
        .rev()
        .take_while(|&(_, c)| is_word_char(c))
        .last()
        .map(|(i, _)| i)?;
    let word = text::after(head, start)
        .trim_end_matches("'s")
        .trim_matches(['\'', '-']);
    (!word.is_empty()).then_some((start, word))
}

/// The word that starts right after `pos`, across spaces and emphasis only.
pub(super) fn word_after(text: &str, pos: usize) -> Option<&str> {
    let tail = text
        .get(pos..)?
        .trim_start_matches([' ', '\t', '\n', '\r', '*']);
    let end = tail.find(|c: char| !is_word_char(c)).unwrap_or(tail.len());
    let word = text::before(tail, end).trim_matches(['\'', '-']);
    (!word.is_empty()).then_some(word)
}

/// Whether the phrase ending at `end` closes its clause: punctuation, the end of the text, or a
/// word that starts a new clause. Anything else ("fault handling") is a compound noun.
pub(super) fn ends_clause(text: &str, end: usize) -> bool {
    match text.get(end..).and_then(|t| t.chars().next()) {
        Some('-') => false,
        Some(c) if c.is_whitespace() || c == '*' => {
            word_after(text, end).is_none_or(|w| is_any_of(w, CLAUSE_WORDS))
        }
        _ => true,
    }
}

/// Whether the noun phrase ending at `pos` starts with an article within three words: "the
/// deploy script's fault" is about a thing.
pub(super) fn follows_determiner(text: &str, mut pos: usize) -> bool {
    for _ in 0..3 {
        let Some((start, word)) = word_before(text, pos) else {
            return false;
        };
        if is_any_of(word, DETERMINERS) {
            return true;
        }
        // A verb or preposition ends the noun phrase: "this was Kevin's fault".
        if is_any_of(word, COPULAS) || is_any_of(word, PREPOSITIONS) {
            return false;
        }
        pos = start;
    }
    false
}

pub(super) fn is_person(word: &str, people: &[&str], subject: Subject) -> bool {
    let bare = word.strip_prefix('@');
    if bare.is_some_and(|w| w.chars().next().is_some_and(char::is_alphanumeric)) {
        return true;
    }
    let word = bare.unwrap_or(word);
    is_any_of(word, PRONOUNS)
        || (subject == Subject::Anyone && is_any_of(word, WIDE_SUBJECTS))
        || people
            .iter()
            .any(|entry| names(entry).any(|name| name_matches(name, word)))
}

/// The words of a people entry that can name its person: "Alice Smith (@asmith)" gives
/// `Alice`, `Smith` and `asmith`; `carol.jones@example.com` gives `carol` and `jones`.
pub(super) fn names(entry: &str) -> impl Iterator<Item = &str> {
    entry
        .split(|c: char| !(c.is_alphanumeric() || matches!(c, '-' | '_' | '@' | '.')))
        .filter_map(|w| w.trim_start_matches('@').split('@').next())
        .flat_map(|local| local.split('.'))
        .filter(|w| w.chars().count() >= 2)
}

pub(super) fn name_matches(name: &str, word: &str) -> bool {
    name.eq_ignore_ascii_case(word)
        && (!is_any_of(name, COMMON_NAMES) || word.chars().next().is_some_and(char::is_uppercase))
}

/// The person standing as subject right before `pos`, skipping adverbs; `None` when the word
/// there is not a person or is the object of a preposition.
pub(super) fn subject_before<'t>(
    text: &'t str,
    pos: usize,
    people: &[&str],
    subject: Subject,
) -> Option<(usize, &'t str)> {
    let mut found = word_before(text, pos)?;
    while is_any_of(found.1, ADVERBS) {
        found = word_before(text, found.0)?;
    }
    let (start, word) = found;
    if !(is_person(word, people, subject) || is_role(word)) {
        return None;
    }
    if word_before(text, start).is_some_and(|(_, w)| is_any_of(w, PREPOSITIONS)) {
        return None;
    }
    Some(found)
}

/// Whether a person follows `pos`, past an article: "the fault of the on-call engineer".
pub(super) fn object_is_person(text: &str, pos: usize, people: &[&str]) -> bool {
    let tail = text.get(pos..).unwrap_or("");
    let mut words = tail
        .split(|c: char| !is_word_char(c))
        .filter(|w| !w.is_empty())
        .map(|w| w.trim_end_matches("'s"));
    let Some(first) = words.next() else {
        return false;
    };
    let is_object = |w: &str| {
        is_person(w, people, Subject::Anyone) || is_role(w) || is_any_of(w, "him her them me us")
    };
    if is_any_of(first, DETERMINERS) {
        return words.take(2).any(is_object);
    }
    is_object(first)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_literal_after_wide_whitespace() {
        // Found by the fuzzer: a no-break space (2 bytes) and NEL (2 bytes) before a word.
        assert!(!in_literal("\u{a0}caused", 2));
        assert!(!in_literal("\u{85}broke", 2));
        assert!(in_literal("see\u{3000}a/b", "see\u{3000}a/b".len()));
    }

    #[test]
    fn words_around_a_position() {
        let text = "Then **@bob** broke it, and Alice’s change—";
        let broke = text.find("broke").unwrap();
        assert_eq!(word_before(text, broke).map(|(_, w)| w), Some("@bob"));
        assert_eq!(word_after(text, broke + 5), Some("it"));
        let and = text.find("and").unwrap();
        assert_eq!(word_before(text, and), None, "a comma separates");
        assert_eq!(word_before(text, 0), None);
        assert_eq!(word_after(text, text.len()), None);
    }

    #[test]
    fn people_entries_give_names() {
        let cases: [(&str, &[&str]); 4] = [
            ("Alice Smith (@asmith)", &["Alice", "Smith", "asmith"]),
            ("carol.jones@example.com", &["carol", "jones"]),
            ("@bob", &["bob"]),
            ("J. Doe", &["Doe"]),
        ];
        for (entry, expected) in cases {
            assert_eq!(names(entry).collect::<Vec<_>>(), expected, "{entry}");
        }
    }

    #[test]
    fn subjects() {
        let people = ["Alice"];
        let cases = [
            ("Alice forgot", Subject::Named, Some("Alice")),
            ("Alice accidentally forgot", Subject::Named, Some("Alice")),
            (
                "the on-call engineer forgot",
                Subject::Named,
                Some("engineer"),
            ),
            ("a change by Alice forgot", Subject::Named, None),
            ("they forgot", Subject::Named, None),
            ("they forgot", Subject::Anyone, Some("they")),
            ("the script forgot", Subject::Anyone, None),
            ("@dave forgot", Subject::Named, Some("@dave")),
        ];
        for (text, subject, expected) in cases {
            let pos = text.rfind(' ').unwrap() + 1;
            let found = subject_before(text, pos, &people, subject).map(|(_, w)| w);
            assert_eq!(found, expected, "{text}");
        }
    }

    #[test]
    fn literals() {
        let cases = [
            ("see `human error` here", "human", true),
            ("see https://example.com/human-error", "error", true),
            ("his/her mistakes", "her", true),
            ("and then human error", "human", false),
        ];
        for (text, at, inside) in cases {
            assert_eq!(in_literal(text, text.find(at).unwrap()), inside, "{text}");
        }
    }
}
