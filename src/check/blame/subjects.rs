//! Reading the words around a match in English prose: the word before or after a position,
//! whether it names a person, and who stands as the subject of a verb. Allocation-free, since it
//! runs on every candidate phrase of every document.

use crate::check::words::is_any_of;
use crate::text;

use super::names::is_first_name;

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

/// Whether `pos` is inside quotation marks: a hypothesis or someone else's words ("Our first
/// theory was \"someone forgot to renew the cert\"", a page titled 'user error').
pub(super) fn in_quotes(text: &str, pos: usize) -> bool {
    let head = text::before(text, pos);
    let straight = head.bytes().filter(|&b| b == b'"').count() % 2 == 1;
    let curly = head
        .rfind('“')
        .is_some_and(|open| !text::after(head, open).contains('”'));
    // A single quote only opens a quotation after a space: "Bob's" and "don't" are words.
    let single = head.rfind(['\'', '‘']).is_some_and(|open| {
        let before = text::before(head, open);
        let opens = before.ends_with(|c: char| c.is_whitespace() || c == '(') || before.is_empty();
        let quoted = text::after(head, open);
        let mark = quoted.chars().next().unwrap_or(' ').len_utf8();
        opens && !quoted.get(mark..).unwrap_or("").contains(['\'', '’'])
    });
    straight || curly || single
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

/// `@handles` of software: a bot opening pull requests blames nobody.
const BOTS: &str = "dependabot renovate renovate-bot github-actions mergify k8s-ci-robot";
/// Subjects that are people in hindsight sentences ("they should have checked") but too often
/// software or a group when they break or cause something.
pub(super) const WIDE_SUBJECTS: &str = "they who you";

/// People named by their job; "operator" and "user" are left out because they are as often
/// software (a Kubernetes operator) or customers.
/// "Operator" counts although a Kubernetes operator is software: software rarely "accidentally"
/// does anything, and the fault phrases are what the rule starts from.
const ROLES: &str = "engineer engineers developer developers dev devs admin admins administrator \
    sysadmin intern interns on-call oncall on-caller oncaller sre sres reviewer employee \
    contractor teammate coworker colleague operator operators technician technicians dba dbas \
    manager personnel hire guy author responder committer approver staffer";

/// Words that may stand between a subject and its verb ("Alice accidentally broke").
pub(super) const ADVERBS: &str = "accidentally mistakenly inadvertently unknowingly also then \
    just apparently probably again simply clearly obviously somehow still already really \
    definitely certainly completely totally evidently repeatedly never both each had has have \
    having been being stops keeps kept frankly honestly collectively";

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
    if let Some(handle) = bare {
        let bot = is_any_of(handle, BOTS)
            || handle.to_ascii_lowercase().ends_with("bot")
            || handle.ends_with("[bot]");
        if handle.chars().next().is_some_and(char::is_alphanumeric) && !bot {
            return true;
        }
    }
    let word = bare.unwrap_or(word);
    is_any_of(word, PRONOUNS)
        || is_first_name(word)
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

/// The person standing as subject right before `pos`, skipping adverbs and auxiliaries; `None`
/// when the word there is not a person or is the object of a preposition. Also finds the
/// subject across an apposition ("our DBA, Oksana, neglected"), a relative clause ("the SRE who
/// was paged mistakenly scaled", "Lucía, who approved the change, is to blame") and a second
/// verb ("@hiroshi approved it and should have caught"). Returns where the subject's noun
/// phrase starts ("The on-call engineer") and its head word.
pub(super) fn subject_before<'t>(
    text: &'t str,
    pos: usize,
    people: &[&str],
    subject: Subject,
) -> Option<(usize, &'t str)> {
    let head = text.get(..pos)?.trim_end_matches([' ', '\t', '*']);
    if let Some(comma) = head.strip_suffix(',') {
        return across_comma(text, comma.len(), people, subject);
    }
    let mut found = word_before(text, pos)?;
    while is_any_of(found.1, ADVERBS) {
        found = word_before(text, found.0)?;
    }
    let (mut start, mut word) = found;
    if is_any_of(word, "and but") {
        // The subject may be a dozen words back: underline the fault alone.
        return clause_subject(text, start, people, subject).map(|(_, w)| (pos, w));
    }
    // "The SRE on shift failed", "an operator at OWASA accidentally instructed": a short
    // prepositional phrase after the subject.
    if let Some((p_start, p)) = word_before(text, start)
        && is_any_of(p, "on at in from")
        && let Some(head) = word_before(text, p_start).filter(|(_, w)| is_role(w))
    {
        (start, word) = head;
    }
    if is_person(word, people, subject) || is_role(word) {
        if word_before(text, start).is_some_and(|(_, w)| is_any_of(w, PREPOSITIONS)) {
            return None;
        }
        return Some((phrase_start(text, start), word));
    }
    relative_subject(text, start, people, subject)
}

/// "X, who approved the change, is to blame", "The reviewer, Wei, should have caught": the
/// comma at `comma` closes an apposition or a relative clause; the person is inside it or just
/// before it.
fn across_comma<'t>(
    text: &'t str,
    comma: usize,
    people: &[&str],
    subject: Subject,
) -> Option<(usize, &'t str)> {
    let (start, word) = word_before(text, comma)?;
    if is_person(word, people, subject) || is_role(word) {
        return Some((phrase_start(text, start), word));
    }
    let head = text::before(text, comma);
    let open = head.rfind(',')?;
    let inside = text::after(head, open + 1).trim_start();
    // "Lucía, who approved the change,"; "our DBA, Oksana,": a relative clause, or a name in
    // apposition to a person.
    let relative = inside.starts_with("who ") || inside.starts_with("whom ");
    let apposition = inside.split_whitespace().count() <= 3;
    if !(relative || apposition) || inside.len() > 60 {
        return None;
    }
    let (start, word) = word_before(text, open)?;
    (is_person(word, people, subject) || is_role(word)).then(|| (phrase_start(text, start), word))
}

/// "The SRE who was paged mistakenly scaled", "Whoever was on call should have caught": a
/// person and `who` a few words before `pos`, with no punctuation between.
fn relative_subject<'t>(
    text: &'t str,
    mut pos: usize,
    people: &[&str],
    subject: Subject,
) -> Option<(usize, &'t str)> {
    for _ in 0..6 {
        let (start, word) = word_before(text, pos)?;
        if is_any_of(word, "whoever") {
            return Some((start, word));
        }
        if is_any_of(word, "who") {
            let (before, person) = word_before(text, start)?;
            return (is_person(person, people, subject) || is_role(person))
                .then(|| (phrase_start(text, before), person));
        }
        pos = start;
    }
    None
}

/// The subject of the clause that ends at `pos`: its first word, when that (or the head of a
/// short noun phrase starting there) is a person.
pub(super) fn clause_subject<'t>(
    text: &'t str,
    pos: usize,
    people: &[&str],
    subject: Subject,
) -> Option<(usize, &'t str)> {
    let start = clause_start(text, pos);
    let word = word_after(text, start).filter(|_| start < pos)?;
    if is_person(word, people, subject) || is_role(word) {
        return Some((start, word));
    }
    if !is_any_of(word, DETERMINERS) && !is_any_of(word, "our any") {
        return None;
    }
    // "The new hire clearly did not know … and incompetently restarted".
    let mut at = start + word.len();
    for _ in 0..3 {
        let next = word_after(text, at)?;
        let next_start = at + text::after(text, at).find(next)?;
        if is_person(next, people, subject) || is_role(next) {
            return Some((start, next));
        }
        at = next_start + next.len();
    }
    None
}

/// Where the clause holding `pos` starts: the first word reached going back from `pos` without
/// crossing punctuation (twenty words at most), or `pos` itself.
pub(super) fn clause_start(text: &str, mut pos: usize) -> usize {
    for _ in 0..20 {
        let Some((start, _)) = word_before(text, pos) else {
            break;
        };
        pos = start;
    }
    pos
}

/// Where the noun phrase whose head is at `head` starts: back to its article within three
/// words ("The on-call engineer", "a water treatment plant operator"), else the head itself.
pub(super) fn phrase_start(text: &str, head: usize) -> usize {
    let mut pos = head;
    for _ in 0..4 {
        let Some((start, word)) = word_before(text, pos) else {
            return head;
        };
        if is_any_of(word, DETERMINERS) || is_any_of(word, "our any his her") {
            return start;
        }
        if is_any_of(word, PREPOSITIONS) || is_any_of(word, COPULAS) || is_any_of(word, ADVERBS) {
            return head;
        }
        pos = start;
    }
    head
}

/// Whether a person is named in the sentence before `pos`, so that a later "they" can stand for
/// them ("The on-call engineer saw the alert, but they failed to acknowledge it").
pub(super) fn person_earlier(text: &str, pos: usize, people: &[&str]) -> bool {
    let head = text::before(text, pos);
    let sentence = head
        .rfind(['.', '!', '?', ';'])
        .map_or(head, |i| text::after(head, i));
    sentence
        .split(|c: char| !is_word_char(c))
        .map(|w| w.trim_end_matches("'s"))
        .any(|w| {
            !w.is_empty()
                && !is_any_of(w, "they")
                && (is_person(w, people, Subject::Named) || is_role(w))
        })
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
