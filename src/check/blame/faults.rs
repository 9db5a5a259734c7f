//! The phrases of fault the `blame` rule starts from, in one static regex, and for each kind the
//! test of its context: most blame only with a person as their subject, owner or object, so the
//! same words about a system, about "we", or negated stay quiet.

use regex::Regex;

use crate::check::words::is_any_of;
use crate::text;

use super::Context;
use super::subjects::{
    ADVERBS, COPULAS, DETERMINERS, Subject, WIDE_SUBJECTS, clause_start, clause_subject, is_person,
    is_role, is_word_char, object_is_person, person_earlier, subject_before, word_after,
    word_before,
};

/// Kinds of phrase, each with its own test of the context and its own suggestion.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Phrase {
    /// "Bob's fault", "his mistake", "Ngozi's neglect".
    Possessive,
    /// "an error by @kwame", "the failure of a lead operator to act".
    ErrorBy,
    /// "the fault of the operator", "the blame lies with Kwame".
    FaultOf,
    /// "Bob was at fault".
    AtFault,
    /// "who is to blame".
    ToBlame,
    /// "blamed on Alice", "we blame Carlos".
    BlamedOn,
    /// "careless", "sloppy", "lazy", "incompetent": judging the person.
    Judgment,
    /// "dropped the ball", "didn't bother".
    Neglect,
    /// "should have checked", "should have known", said of a person.
    Hindsight,
    /// "human error", "operator error", "PEBKAC".
    HumanError,
    /// "accidentally", "mistakenly": a person's action done wrong.
    Accident,
    /// "by mistake", "in error", the clause's subject being a person.
    ByMistake,
    /// "@bob broke prod", "Alice forgot to".
    PersonCause,
}

/// Candidate phrases, tried in this order at the same position. Word boundaries are ASCII
/// (`(?-u:\b)`) so the lazy DFA never has to fall back on non-ASCII text.
pub(super) const PHRASES: [(Phrase, &str); 13] = [
    (
        Phrase::Possessive,
        concat!(
            r"(?:'|’)s\s+(?:(?:one|only|own|big|biggest|first|single|simple|silly|stupid|",
            r"serious|fatal|critical)\s+)?(?:fault|mistake|error|blunder|oversight|screw-?up|",
            r"neglect|incompetence|carelessness|negligence|laziness|sloppiness)s?(?-u:\b)|",
            r"(?-u:\b)(?:his|her|their)\s+(?:own\s+)?(?:fault|mistake|blunder)s?(?-u:\b)",
        ),
    ),
    (
        Phrase::ErrorBy,
        concat!(
            r"(?-u:\b)(?:(?:error|mistake|typo|blunder)s?\s+(?:(?:introduced|made|committed)",
            r"\s+)?by|failure\s+of)(?-u:\b)",
        ),
    ),
    (
        Phrase::FaultOf,
        concat!(
            r"(?-u:\b)(?:fault\s+of|(?:fault|blame)\s+(?:lies|lay|rests|rested|falls|fell|",
            r"belongs|belonged)\s+(?:with|on|to))(?-u:\b)",
        ),
    ),
    (Phrase::AtFault, r"(?-u:\b)at\s+fault(?-u:\b)"),
    (Phrase::ToBlame, r"(?-u:\b)to\s+blame(?-u:\b)"),
    (
        Phrase::BlamedOn,
        r"(?-u:\b)(?:blamed?\s+(?:it\s+|this\s+|that\s+)?on|(?:we|i)\s+(?:\w+\s+)?blame)(?-u:\b)",
    ),
    (
        Phrase::Judgment,
        concat!(
            r"(?-u:\b)(?:careless(?:ly|ness)?|negligen(?:t|tly|ce)|incompeten(?:t|tly|ce)|",
            r"slopp(?:y|ily|iness)|lazy|lazily|laziness|stupid(?:ly|ity)?|",
            r"idiot(?:s|ic|ically)?)(?-u:\b)",
        ),
    ),
    (
        Phrase::Neglect,
        concat!(
            r"(?-u:\b)(?:dropped\s+the\s+ball|did(?:n(?:'|’)?t|\s+not)\s+(?:even\s+)?bother|",
            r"(?:never|not)\s+bother(?:s|ed)?|bothered\s+to|",
            r"could(?:n(?:'|’)?t|\s+not)\s+be\s+bothered)(?-u:\b)",
        ),
    ),
    (
        Phrase::Hindsight,
        concat!(
            r"(?-u:\b)should(?:\s+(?:really|probably|definitely|certainly|obviously|clearly))?",
            r"(?:\s+have|(?:'|’)ve|\s+not\s+have|n(?:'|’)?t\s+have)\s+",
            r"(?:checked|caught|noticed|tested|seen|spotted|realized|realised|verified|",
            r"double[- ]?checked|read|reviewed|known|anticipated|asked|waited|looked|followed|",
            r"paid\s+attention|escalated|used|run|ran|deployed|merged|pushed|deleted|approved|",
            r"restarted|rolled\s+back)(?-u:\b)",
        ),
    ),
    (
        Phrase::HumanError,
        r"(?-u:\b)(?:(?:human|operator|user)[\s-]+errors?|pebkac|pebcak|id10t)(?-u:\b)",
    ),
    (
        Phrase::Accident,
        r"(?-u:\b)(?:accidentally|accidentially|mistakenly|inadvertently|unintentionally)(?-u:\b)",
    ),
    (
        Phrase::ByMistake,
        r"(?-u:\b)(?:by\s+(?:mistake|accident)|in\s+error)(?-u:\b)",
    ),
    (
        Phrase::PersonCause,
        concat!(
            r"(?-u:\b)(?:broke|forgot|forgets|forgotten|failed\s+to|fails\s+to|caused|",
            r"neglected|neglects|ignored|ignores|ignoring|messed\s+up|",
            r"messed\s+(?:this|that|it|things|everything)(?:\s+one)?\s+up|screwed\s+up|botched|",
            r"fat[- ]?fingered|overlooked|missed|",
            r"made\s+(?:(?:a|an|the|one|two|several|many|some|multiple|serious|critical|simple|",
            r"small|big|major|silly|few)\s+){0,2}(?:mistake|error|blunder|typo)s?|",
            r"did(?:n(?:'|’)?t|\s+not)\s+(?:check|test|verify|review|read|notice|follow)|",
            r"never\s+(?:checked|tested|verified|reviewed|read|noticed|followed))(?-u:\b)",
        ),
    ),
];

/// Joins [`PHRASES`] into one case-insensitive regex with one group per phrase, in order.
pub(super) fn compile() -> Result<Regex, regex::Error> {
    let alternation: Vec<String> = PHRASES.iter().map(|(_, p)| format!("({p})")).collect();
    Regex::new(&format!("(?i-u){}", alternation.join("|")))
}

/// Decides whether the candidate at `start..end` blames someone; returns the stretch to report
/// (moved back to the person it names, or on to them), or `None` to stay quiet.
pub(super) fn judge(
    phrase: Phrase,
    text: &str,
    start: usize,
    end: usize,
    cx: &Context,
) -> Option<(usize, usize)> {
    let people = cx.people;
    let at = |s: usize| Some((s, end));
    match phrase {
        Phrase::Possessive => super::judgments::possessive(text, start, end, people).and_then(at),
        Phrase::ErrorBy | Phrase::FaultOf => {
            if word_before(text, start).is_some_and(|(_, w)| is_any_of(w, "no not")) {
                return None; // "through no fault of their own"
            }
            object_is_person(text, end, people).then_some((start, end))
        }
        Phrase::BlamedOn => {
            let tool = word_before(text, start).is_some_and(|(_, w)| is_any_of(w, "git svn"));
            (!tool && object_is_person(text, end, people)).then_some((start, end))
        }
        Phrase::AtFault | Phrase::ToBlame => copula_subject(text, start, people).and_then(at),
        Phrase::Judgment => super::judgments::judgment(text, start, end, people),
        Phrase::Neglect => neglect(text, start, end, people).and_then(at),
        Phrase::Hindsight => {
            let (subject_start, subject) = subject_before(text, start, people, Subject::Anyone)?;
            // "they should have restarted" may be about pods; "they should have checked" is not.
            let verb = text::slice(text, start..end)
                .rsplit(char::is_whitespace)
                .next()
                .unwrap_or("");
            let noticing = is_any_of(verb, NOTICING) || verb.ends_with("checked");
            (noticing || !is_any_of(subject, WIDE_SUBJECTS)).then_some((subject_start, end))
        }
        Phrase::HumanError => {
            super::judgments::human_error(text, start, end, cx).then_some((start, end))
        }
        Phrase::Accident => {
            let (subject_start, _) = person_subject(text, start, people, false)?;
            // Report the verb too: "Aiko accidentally ran".
            let verb_end = word_after(text, end)
                .and_then(|w| text::after(text, end).find(w).map(|i| end + i + w.len()))
                .unwrap_or(end);
            Some((subject_start, verb_end))
        }
        Phrase::ByMistake => by_mistake(text, start, end, people),
        Phrase::PersonCause => person_cause(text, start, end, people).and_then(at),
    }
}

/// Hindsight verbs about noticing, which only a person (or "they", "the operator") can do.
const NOTICING: &str = "checked caught noticed tested seen spotted realized realised verified \
    read reviewed known anticipated looked";

/// `failed to …` verbs that report an attempt that did not work rather than a lapse.
const NEUTRAL_FAILURES: &str = "reproduce connect reach find locate access log login ssh get load \
    open authenticate start replicate recover restore resolve identify determine obtain acquire \
    join boot download upload install build compile mount attach push pull fetch deploy roll \
    revert restart scale drain fail promote delete remove upgrade pass";

/// Verbs only a person does, so "they" before them stands for people: "They neglected the
/// capacity review", unlike "They ignored SIGTERM".
const PERSON_ONLY: &str = "neglected neglects forgot made bother bothered bothers";

/// The person that is the subject of a verb at `pos`. "They" counts before a verb only people
/// do (`person_only`), or when the sentence names a person before it.
fn person_subject<'t>(
    text: &'t str,
    pos: usize,
    people: &[&str],
    person_only: bool,
) -> Option<(usize, &'t str)> {
    let (start, subject) = subject_before(text, pos, people, Subject::Anyone)?;
    if is_any_of(subject, WIDE_SUBJECTS) {
        let they =
            is_any_of(subject, "they") && (person_only || person_earlier(text, start, people));
        return they.then_some((start, subject));
    }
    Some((start, subject))
}

/// "X is to blame", "X was at fault": the subject stands before the copula. "we do not want to
/// blame anyone" has no copula; "X is not to blame" clears X.
fn copula_subject(text: &str, start: usize, people: &[&str]) -> Option<usize> {
    let mut pos = start;
    let mut copula = false;
    // A comma before the copula is left to `subject_before`: "Lucía, who approved it, is".
    while let Some((word_start, word)) = word_before(text, pos) {
        if is_any_of(word, "not never") {
            return None;
        }
        if !(is_any_of(word, COPULAS) || is_any_of(word, ADVERBS)) {
            break;
        }
        copula |= is_any_of(word, "is was are were be been");
        pos = word_start;
    }
    if !copula {
        return None;
    }
    subject_before(text, pos, people, Subject::Anyone).map(|(s, _)| s)
}

/// "dropped the ball" by anyone but us; "didn't bother" by a person; "Nobody … bothered to"
/// says the same of a whole team.
fn neglect(text: &str, start: usize, end: usize, people: &[&str]) -> Option<usize> {
    let matched = text::slice(text, start..end);
    if matched.to_ascii_lowercase().starts_with("dropped") {
        let we = word_before(text, start).is_some_and(|(_, w)| is_any_of(w, "we i"));
        return (!we).then_some(start);
    }
    if let Some((s, _)) = person_subject(text, start, people, true) {
        return Some(s);
    }
    let clause = clause_start(text, start);
    let first = word_after(text, clause);
    (first.is_some_and(|w| is_any_of(w, "nobody")) && matched.contains("bothered"))
        .then_some(clause)
}

/// "María deleted the bucket by mistake", "By mistake, @yusuf applied …": the clause's subject is
/// a person acting, not a thing ("the cleanup job deleted …") or a passive ("was deleted …").
fn by_mistake(text: &str, start: usize, end: usize, people: &[&str]) -> Option<(usize, usize)> {
    if word_before(text, start).is_none() {
        let after = text::after(text, end).trim_start_matches([',', ' ']);
        let at = text.len() - after.len();
        let word = word_after(text, at)?;
        return (is_person(word, people, Subject::Named) || is_role(word))
            .then(|| (start, at + word.len()));
    }
    let (subject_start, head) = clause_subject(text, start, people, Subject::Named)?;
    let head_end = subject_start + text::after(text, subject_start).find(head)? + head.len();
    let passive = word_after(text, head_end).is_some_and(|w| is_any_of(w, COPULAS));
    (!passive).then_some((subject_start, end))
}

/// "@bob broke prod", "Alice forgot to", "Mateo made an error": a causal verb of fault with a
/// person as its subject.
fn person_cause(text: &str, start: usize, end: usize, people: &[&str]) -> Option<usize> {
    let matched = text::slice(text, start..end);
    let verb = matched.split_whitespace().next().unwrap_or("");
    let failed = is_any_of(verb, "failed fails");
    if failed && word_after(text, end).is_some_and(|w| is_any_of(w, NEUTRAL_FAILURES)) {
        return None; // "@bob failed to reproduce it" is an attempt, not a fault
    }
    if verb.eq_ignore_ascii_case("broke") && breaks_on_purpose(text, end) {
        return None;
    }
    let (subject_start, subject) =
        person_subject(text, start, people, is_any_of(verb, PERSON_ONLY))?;
    // "engineers broke the dependency to restore alerting": with only a job title to go on,
    // report just the verbs that cannot describe a deliberate action.
    let ambiguous = is_any_of(verb, "broke caused missed ignored");
    (!(ambiguous && is_role(subject) && subject.ends_with('s'))).then_some(subject_start)
}

/// "broke down", "broke even", "broke the dependency", "broke the incident into three parts":
/// breaking that is not a fault.
fn breaks_on_purpose(text: &str, end: usize) -> bool {
    const PARTICLES: &str = "down up out through off away free even";
    const COUPLINGS: &str =
        "dependency dependencies loop cycle deadlock tie link lock chain silence news stalemate";
    let mut words = text::after(text, end)
        .split(|c: char| !is_word_char(c))
        .filter(|w| !w.is_empty());
    match words.next() {
        Some(w) if is_any_of(w, PARTICLES) => true,
        Some(w) if is_any_of(w, DETERMINERS) => {
            let next: Vec<&str> = words.take(4).collect();
            next.iter().take(2).any(|w| is_any_of(w, COUPLINGS))
                || next.iter().any(|w| is_any_of(w, "into"))
        }
        _ => false,
    }
}
