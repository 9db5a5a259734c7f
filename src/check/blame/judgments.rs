//! The faults that are nouns and adjectives rather than verbs: "Bob's fault", "careless",
//! "sloppy work by @bogdan", and "human error" given as a cause. Each counts only when it lands on
//! a person, or, for "human error", when the sentence or section offers it as the cause.

use crate::check::words::{contains_ignore_case, is_any_of};
use crate::text;

use super::Context;
use super::subjects::{
    Subject, clause_start, clause_subject, ends_clause, follows_determiner, is_person, is_role,
    object_is_person, subject_before, word_after, word_before,
};

/// Owners that clear everyone: "nobody's fault", "its fault" misspelt "it's".
const NOBODY: &str = "nobody no-one noone none anybody anyone it";

/// "user error message", "operator error rate", "the script's fault handling": nouns that make
/// "error" or "fault" part of a technical term.
const COMPOUNDS: &str = "message messages code codes rate rates handling handler handlers page \
    pages response responses class classes type types path paths log logs string strings dialog \
    text reporting budget tolerance tolerant injection domain domains detection isolation \
    recovery model tree trees report reports counter counters state states signal signals case \
    cases check checks value values field fields bar banner output correction propagation \
    condition conditions";

/// "Bob's fault", "the SRE's mistake", "his fault"; not "nobody's fault", "not Hiroshi's fault",
/// "the load balancer's fault" or "Olusegun's error-rate dashboard". Returns where the owner
/// starts.
pub(super) fn possessive(text: &str, start: usize, end: usize, people: &[&str]) -> Option<usize> {
    // "fault handling", "error budget", "fault-tolerant": a compound noun, not blame.
    let next = text.get(end..).and_then(|t| t.chars().next());
    if next == Some('-') || word_after(text, end).is_some_and(|w| is_any_of(w, COMPOUNDS)) {
        return None;
    }
    let lead = text::slice(text, start..end);
    if !(lead.starts_with('\'') || lead.starts_with('’')) {
        return Some(start); // his / her / their
    }
    let (owner_start, owner) = word_before(text, start)?;
    // "nobody's fault", "no one's fault", "its fault" (misspelt as "it's").
    let no_one = owner.eq_ignore_ascii_case("one")
        && word_before(text, owner_start).is_some_and(|(_, w)| is_any_of(w, "no"));
    let cleared = word_before(text, owner_start).is_some_and(|(s, w)| {
        is_any_of(w, "not never") || (is_any_of(w, "the") && is_negated(text, s))
    });
    if no_one || is_any_of(owner, NOBODY) || cleared {
        return None;
    }
    if is_person(owner, people, Subject::Named) || is_role(owner) {
        return Some(super::subjects::phrase_start(text, owner_start));
    }
    // Someone we do not know: "Kevin's fault." is blame, "the load balancer's fault" names a
    // thing, and "X's error" is too common in technical prose to guess at.
    let unknown_blamed = !contains_ignore_case(lead, "error")
        && !follows_determiner(text, owner_start)
        && ends_clause(text, end);
    unknown_blamed.then_some(owner_start)
}

/// Whether "not" stands right before `pos`: "not the intern's fault".
fn is_negated(text: &str, pos: usize) -> bool {
    word_before(text, pos).is_some_and(|(_, w)| is_any_of(w, "not never"))
}

/// "sloppy quorum", "sloppy mode", "sloppy counters": the technical senses of "sloppy".
const SLOPPY_TERMS: &str = "quorum quorums mode counter counters consistency matching parsing";

/// What a judgement judges when it judges someone's work rather than a thing: "a careless
/// change", "lazy engineering".
const HUMAN_WORK: &str = "work fix fixes review reviews approach coding testing attitude job \
    shortcut hack typo mistake mistakes engineering programming change changes person people \
    engineer engineers developer developers dev devs admin admins use";

/// Verbs between a subject and the judgement of it: "Chidi was careless", "he got lazy".
const BECOMING: &str = "is was are were been being be too so just really very quite got get \
    became become getting gets";

/// A judgement word ("careless", "sloppy", "lazy", "incompetent") that lands on a person: their
/// subject ("Bogdan was sloppy"), owner ("Yusuf's sloppy migration", "her careless use"), agent
/// ("sloppy work by @bogdan", "carelessness on the part of the release engineer"), or the
/// person acting ("Hiroshi carelessly skipped"). Returns the stretch to report.
pub(super) fn judgment(
    text: &str,
    start: usize,
    end: usize,
    people: &[&str],
) -> Option<(usize, usize)> {
    let word = text::slice(text, start..end).to_ascii_lowercase();
    if technical(text, &word, end) {
        return None;
    }
    let person = |w: &str| is_person(w, people, Subject::Named) || is_role(w);
    let before = word_before(text, start);
    if before.is_some_and(|(_, w)| is_any_of(w, "not never")) {
        return None;
    }
    // Owner: "Yusuf's sloppy", "her careless", "developer laziness"; not "calling the operator
    // incompetent".
    if let Some((owner_start, owner)) = before {
        let head = text::before(text, start).trim_end();
        let possessive = head.ends_with("'s") || head.ends_with("’s");
        let noun = word.ends_with("ness") || word.ends_with("ce");
        if is_any_of(owner, "his her their") || (person(owner) && (possessive || noun)) {
            return Some((super::subjects::phrase_start(text, owner_start), end));
        }
    }
    // Subject: "Chidi was careless", "the on-call is sloppy", "he got lazy".
    let mut pos = start;
    let mut linked = false;
    while let Some((s, w)) = word_before(text, pos) {
        if !is_any_of(w, BECOMING) {
            break;
        }
        linked = true;
        pos = s;
    }
    if linked {
        let found = subject_before(text, pos, people, Subject::Named)
            .or_else(|| clause_subject(text, pos, people, Subject::Named));
        if let Some((s, _)) = found {
            return Some((s, end));
        }
    }
    // The person acting: "Hiroshi carelessly skipped", "@oksana handled it incompetently".
    if word.ends_with("ly") {
        let found = subject_before(text, start, people, Subject::Named)
            .or_else(|| clause_subject(text, start, people, Subject::Named));
        return found.map(|(s, _)| (s, end));
    }
    // Agent: "sloppy work by @bogdan", "carelessness on the part of the release engineer".
    if let Some(agent_end) = agent_after(text, end, people) {
        return Some((start, agent_end));
    }
    // "This was plain negligence", "only an idiot deploys": words that only judge people.
    let clause = clause_start(text, start);
    let we = word_after(text, clause).is_some_and(|w| is_any_of(w, "we our nobody"));
    let always = word.starts_with("negligen") || word.starts_with("idiot");
    let of_work = word_after(text, end).is_some_and(|w| is_any_of(w, HUMAN_WORK));
    ((always || of_work) && !we).then_some((start, end))
}

/// "lazy loading", `lazy_static`, "sloppy quorum", "stupid" said of a script: not about people.
fn technical(text: &str, word: &str, end: usize) -> bool {
    let rest = text::after(text, end);
    if rest.starts_with(['-', '_']) {
        return true;
    }
    if word == "sloppy" {
        // "default (sloppy) mode": look past the bracket too.
        let trimmed = rest.trim_start_matches([')', '"']);
        let after = end + rest.len() - trimmed.len();
        return word_after(text, after).is_some_and(|w| is_any_of(w, SLOPPY_TERMS));
    }
    false
}

/// The end of a person named as the agent within six words after `pos`: "by @bogdan", "made by
/// the on-call engineer", "on the part of the release engineer", "`rm -rf` by Jürgen".
fn agent_after(text: &str, pos: usize, people: &[&str]) -> Option<usize> {
    let rest = text::after(text, pos);
    let clause = rest.split(['.', ',', ';', ':']).next().unwrap_or("");
    let mut words = clause
        .split_whitespace()
        .map(|w| (pos + w.as_ptr() as usize - rest.as_ptr() as usize, w));
    let (_, by) = words
        .by_ref()
        .take(6)
        .find(|(_, w)| is_any_of(w, "by of"))?;
    let by_end = pos + by.as_ptr() as usize - rest.as_ptr() as usize + by.len();
    if !object_is_person(text, by_end, people) {
        return None;
    }
    // Report up to the person: the first of the next three words that names one.
    words
        .take(3)
        .find(|(_, w)| {
            let w = w.trim_end_matches("'s");
            is_person(w, people, Subject::Named) || is_role(w)
        })
        .map(|(at, w)| at + w.len())
}

/// Words that make "human error" a risk to reduce, a hypothesis or a label rather than the
/// cause: "to prevent human error", "suspected operator error", "calling this human error".
const NOT_A_CAUSE: &str = "prevent prevents preventing minimize minimise minimizing minimising \
    reduce reduces reducing risk risks chance avoid avoiding eliminate eliminating could might \
    would calling call suspected suspect assumed assume ruled rule blaming not initially \
    wrongly no";

/// Words right after "human error" that take it back or make it hypothetical: "human error was
/// not a factor", "where human error could creep in".
const TAKEN_BACK: &str = "not never could would might is";

/// Words before "human error" in its sentence that give it as the cause.
const CAUSE_BEFORE: [&str; 12] = [
    "caused by",
    "due to",
    "because of",
    "triggered by",
    "attributed to",
    "attribute",
    "result of",
    "resulted from",
    "root cause",
    "primary cause",
    "cause was",
    "cause:",
];

/// Verbs after "human error" that make it the cause: "Human error (a mistyped hostname) caused
/// the cutover …", "Human error during the upgrade led to …".
const CAUSE_AFTER: &str = "caused causing led leading resulted resulting triggered introduced \
    broke";

/// "Human error" (or operator or user error) stated as a cause: in the document's root cause or
/// contributing factors, or with "caused by", "due to", "root cause was", "this was" in its
/// sentence; never negated, hypothetical, quoted, or a thing to prevent.
pub(super) fn human_error(text: &str, start: usize, end: usize, cx: &Context) -> bool {
    let before = word_before(text, start);
    let negated = before.is_some_and(|(s, w)| {
        is_any_of(w, "no not")
            || (is_any_of(w, "a an")
                && word_before(text, s).is_some_and(|(_, w)| w.eq_ignore_ascii_case("not")))
    });
    let compound = word_after(text, end).is_some_and(|w| is_any_of(w, COMPOUNDS));
    // "user errors became apparent", "returns a user error": errors users saw.
    let matched = text::slice(text, start..end);
    let user = matched
        .get(..4)
        .is_some_and(|w| w.eq_ignore_ascii_case("user"));
    let users_saw = user
        && (matched.ends_with(['s', 'S']) || before.is_some_and(|(_, w)| is_any_of(w, "a an")));
    if negated || compound || users_saw {
        return false;
    }
    let head = text::before(text, start);
    let sentence = head
        .rfind(['.', '!', '?', ';'])
        .map_or(head, |i| text::after(head, i + 1));
    let hedged = sentence
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| is_any_of(w, NOT_A_CAUSE));
    // Up to a comma only: "caused by user error, not by our service" still states it.
    let taken_back = text::after(text, end)
        .split([',', ';', '.'])
        .next()
        .unwrap_or("")
        .split_whitespace()
        .take(3)
        .any(|w| is_any_of(w.trim_matches(|c: char| !c.is_alphanumeric()), TAKEN_BACK));
    if hedged || taken_back {
        return false;
    }
    if cx.causal {
        return true;
    }
    let stated = CAUSE_BEFORE
        .iter()
        .any(|cue| contains_ignore_case(sentence, cue));
    // "This was simply human error", "It was operator error".
    let this_was = {
        let mut pos = start;
        let mut copula = false;
        while let Some((s, w)) = word_before(text, pos) {
            if is_any_of(w, "was is simply just plain clearly a an") {
                copula |= is_any_of(w, "was is");
                pos = s;
            } else {
                break;
            }
        }
        copula && word_before(text, pos).is_some_and(|(_, w)| is_any_of(w, "this it that"))
    };
    let causes = text::after(text, end)
        .split(['.', ';', '!', '?'])
        .next()
        .unwrap_or("")
        .split(|c: char| !c.is_alphanumeric())
        .take(12)
        .any(|w| is_any_of(w, CAUSE_AFTER));
    stated || this_was || causes
}
