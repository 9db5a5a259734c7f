//! Find language that blames a person rather than the system: the detector behind the `blame`
//! rule.
//!
//! One static regex finds candidate phrases in a paragraph; each candidate is then judged by its
//! neighbouring words, so "fault tolerance", "lazy loading" and "the cache was to blame" stay
//! quiet while "Bob's fault", "a lazy fix" and "@bob broke prod" are reported. The names of the
//! document's people are checked against those neighbouring words, never compiled into a regex,
//! so one regex serves every document.

use std::sync::LazyLock;

use regex::Regex;

use crate::check::words::{contains_ignore_case, is_any_of};
use crate::error::Error;

use prose::{
    ADVERBS, COPULAS, DETERMINERS, Subject, WIDE_SUBJECTS, ends_clause, follows_determiner,
    in_literal, is_person, is_role, is_word_char, object_is_person, subject_before, word_after,
    word_before,
};

use crate::text;

mod prose;

/// One blaming phrase found in a paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct BlameHit {
    /// Byte offset in the text where the phrase (with its person, if one was needed) starts.
    pub(crate) start: usize,
    /// Byte offset in the text just past the phrase.
    pub(crate) end: usize,
    /// The phrase as written, e.g. `Alice forgot`.
    pub(crate) phrase: String,
    /// A blameless rewording hint.
    pub(crate) suggestion: &'static str,
}

/// Kinds of phrase, each with its own test of the context and its own suggestion.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phrase {
    /// "Bob's fault", "his mistake", "Alice's error".
    Possessive,
    /// "the fault of the operator".
    FaultOf,
    /// "Bob was at fault".
    AtFault,
    /// "who is to blame".
    ToBlame,
    /// "blamed on Alice".
    BlamedOn,
    /// "careless", "sloppy", "lazy": judging the person.
    Judgment,
    /// "dropped the ball", "didn't bother".
    Neglect,
    /// "should have known", said of anyone.
    KnewBetter,
    /// "should have checked", said of a person.
    Hindsight,
    /// "human error", "PEBKAC".
    HumanError,
    /// "@bob broke prod", "Alice forgot to".
    PersonCause,
}

/// Candidate phrases, tried in this order at the same position. Word boundaries are ASCII
/// (`(?-u:\b)`) so the lazy DFA never has to fall back on non-ASCII text.
const PHRASES: [(Phrase, &str); 11] = [
    (
        Phrase::Possessive,
        concat!(
            r"(?:'|’)s\s+(?:fault|mistake|error|blunder|oversight|screw-?up)s?(?-u:\b)|",
            r"(?-u:\b)(?:his|her|their)\s+(?:fault|mistake|blunder)s?(?-u:\b)",
        ),
    ),
    (Phrase::FaultOf, r"(?-u:\b)fault\s+of(?-u:\b)"),
    (Phrase::AtFault, r"(?-u:\b)at\s+fault(?-u:\b)"),
    (Phrase::ToBlame, r"(?-u:\b)to\s+blame(?-u:\b)"),
    (
        Phrase::BlamedOn,
        r"(?-u:\b)blamed?\s+(?:it\s+|this\s+|that\s+)?on(?-u:\b)",
    ),
    (
        Phrase::Judgment,
        concat!(
            r"(?-u:\b)(?:careless(?:ly|ness)?|negligen(?:t|tly|ce)|incompeten(?:t|tly|ce)|",
            r"slopp(?:y|ily|iness)|lazy|laziness|stupid(?:ly|ity)?|idiot(?:s|ic|ically)?)(?-u:\b)",
        ),
    ),
    (
        Phrase::Neglect,
        concat!(
            r"(?-u:\b)(?:dropped\s+the\s+ball|did(?:n(?:'|’)?t|\s+not)\s+(?:even\s+)?bother|",
            r"could(?:n(?:'|’)?t|\s+not)\s+be\s+bothered)(?-u:\b)",
        ),
    ),
    (
        Phrase::KnewBetter,
        r"(?-u:\b)should(?:\s+have|(?:'|’)ve)\s+known(?-u:\b)",
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
        Phrase::PersonCause,
        concat!(
            r"(?-u:\b)(?:broke|forgot|failed\s+to|caused|neglected|messed\s+up|screwed\s+up|",
            r"botched|fat[- ]?fingered|ignored|overlooked|missed|made\s+(?:a|an|",
            r"the)\s+(?:mistake|error|blunder|typo)|did(?:n(?:'|’)?t|\s+not)\s+(?:check|test|",
            r"verify|review|read|notice|follow))(?-u:\b)",
        ),
    ),
];

impl Phrase {
    fn suggestion(self) -> &'static str {
        match self {
            Phrase::Possessive
            | Phrase::FaultOf
            | Phrase::AtFault
            | Phrase::ToBlame
            | Phrase::BlamedOn => {
                "name the conditions, not a culprit: say what in the system let this happen, e.g. \
                 \"the pipeline had no canary stage\""
            }
            Phrase::Judgment => {
                "describe the action and what made it seem reasonable at the time instead of \
                 judging the person, e.g. \"the runbook did not say the step was destructive\""
            }
            Phrase::Neglect => {
                "say which step did not happen and what would have prompted it, e.g. \"no \
                 reminder fired before the certificate expired\""
            }
            Phrase::KnewBetter | Phrase::Hindsight => {
                "avoid hindsight: say what was known at the time and what would have surfaced \
                 the problem, e.g. \"the dashboard did not show replication lag\""
            }
            Phrase::HumanError => {
                "\"human error\" is where the analysis starts, not a root cause: say what made \
                 the slip easy and its effect large, e.g. \"the CLI accepted a production target \
                 without confirmation\""
            }
            Phrase::PersonCause => {
                "describe what in the system allowed the mistake, e.g. \"the deploy script did \
                 not validate the flag\""
            }
        }
    }
}

/// Joins [`PHRASES`] into one case-insensitive regex with one group per phrase, in order.
fn compile() -> Result<Regex, regex::Error> {
    let alternation: Vec<String> = PHRASES.iter().map(|(_, p)| format!("({p})")).collect();
    Regex::new(&format!("(?i-u){}", alternation.join("|")))
}

/// Built once. `compile` is unit-tested; should it still fail, every search reports it, since
/// finding nothing would pass blaming prose as clean.
static PHRASE_RE: LazyLock<Result<Regex, regex::Error>> = LazyLock::new(compile);

/// Every blaming phrase in `text`, one paragraph or line of prose (the caller skips code).
/// `people` are the names and `@handles` the document mentions (lead, authors); any `@handle`
/// counts as a person even when it is not listed.
pub(crate) fn find_blame(text: &str, people: &[&str]) -> Result<Vec<BlameHit>, Error> {
    find_blame_with(&PHRASE_RE, text, people)
}

/// [`find_blame`] with the phrase regex given, so a test can hand it one that did not compile.
fn find_blame_with(
    re: &Result<Regex, regex::Error>,
    text: &str,
    people: &[&str],
) -> Result<Vec<BlameHit>, Error> {
    let re = re.as_ref().map_err(|source| Error::BrokenPattern {
        rule: "blame",
        source: source.clone(),
    })?;
    if !re.is_match(text) {
        return Ok(Vec::new());
    }
    let mut hits = Vec::new();
    for caps in re.captures_iter(text) {
        let Some((phrase, m)) = PHRASES
            .iter()
            .enumerate()
            .find_map(|(i, (p, _))| Some((*p, caps.get(i + 1)?)))
        else {
            continue;
        };
        if in_literal(text, m.start()) {
            continue;
        }
        let Some(start) = judge(phrase, text, m.start(), m.end(), people) else {
            continue;
        };
        // Moving back to the person must not reach into the previous hit.
        if hits.last().is_none_or(|h: &BlameHit| h.end <= start) {
            hits.push(BlameHit {
                start,
                end: m.end(),
                phrase: text::slice(text, start..m.end()).to_owned(),
                suggestion: phrase.suggestion(),
            });
        }
    }
    Ok(hits)
}

/// Decides whether the candidate at `start..end` blames someone; returns where the reported
/// phrase starts (moved back to include the person it names), or `None` to stay quiet.
fn judge(phrase: Phrase, text: &str, start: usize, end: usize, people: &[&str]) -> Option<usize> {
    match phrase {
        Phrase::Possessive => {
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
            if no_one || is_any_of(owner, NOBODY) {
                return None;
            }
            if is_person(owner, people, Subject::Named) || is_role(owner) {
                return Some(owner_start);
            }
            // Someone we do not know: "Kevin's fault." is blame, "the load balancer's fault"
            // names a thing, and "X's error" is too common in technical prose to guess at.
            let unknown_blamed = !contains_ignore_case(lead, "error")
                && !follows_determiner(text, owner_start)
                && ends_clause(text, end);
            unknown_blamed.then_some(owner_start)
        }
        Phrase::FaultOf => {
            if word_before(text, start).is_some_and(|(_, w)| w.eq_ignore_ascii_case("no")) {
                return None; // "through no fault of their own"
            }
            object_is_person(text, end, people).then_some(start)
        }
        Phrase::BlamedOn => {
            let tool = word_before(text, start).is_some_and(|(_, w)| is_any_of(w, "git svn"));
            (!tool && object_is_person(text, end, people)).then_some(start)
        }
        Phrase::AtFault | Phrase::ToBlame => {
            // "X is to blame", "X was at fault": the subject stands before the copula.
            // "we do not want to blame anyone" has no copula; "X is not to blame" clears X.
            let mut pos = start;
            let mut copula = false;
            loop {
                let (word_start, word) = word_before(text, pos)?;
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
            let (subject_start, _) = subject_before(text, pos, people, Subject::Anyone)?;
            Some(subject_start)
        }
        Phrase::Judgment => judges_person(text, start, end, people).then_some(start),
        Phrase::Neglect | Phrase::KnewBetter => Some(start),
        Phrase::Hindsight => {
            let (subject_start, subject) = subject_before(text, start, people, Subject::Anyone)?;
            // "they should have restarted" may be about pods; "they should have checked" is not.
            let verb = text::slice(text, start..end)
                .rsplit(char::is_whitespace)
                .next()
                .unwrap_or("");
            let noticing = is_any_of(verb, NOTICING) || verb.ends_with("checked");
            (noticing || !is_any_of(subject, WIDE_SUBJECTS)).then_some(subject_start)
        }
        Phrase::HumanError => {
            let negated = word_before(text, start).is_some_and(|(s, w)| {
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
                && (matched.ends_with(['s', 'S'])
                    || word_before(text, start).is_some_and(|(_, w)| is_any_of(w, "a an")));
            (!negated && !compound && !users_saw).then_some(start)
        }
        Phrase::PersonCause => {
            let failed = text
                .get(start..start + 6)
                .is_some_and(|w| w.eq_ignore_ascii_case("failed"));
            if failed && word_after(text, end).is_some_and(|w| is_any_of(w, NEUTRAL_FAILURES)) {
                return None; // "@bob failed to reproduce it" is an attempt, not a fault
            }
            let verb = text::slice(text, start..end)
                .split_whitespace()
                .next()
                .unwrap_or("");
            if verb.eq_ignore_ascii_case("broke") && breaks_on_purpose(text, end) {
                return None;
            }
            let (subject_start, subject) = subject_before(text, start, people, Subject::Named)?;
            // "engineers broke the dependency to restore alerting": with only a job title to go
            // on, report just the verbs that cannot describe a deliberate action.
            let ambiguous = is_any_of(verb, "broke caused missed ignored failed");
            (!(ambiguous && is_role(subject))).then_some(subject_start)
        }
    }
}

/// "broke down", "broke even", "broke the dependency": breaking that is not a fault.
fn breaks_on_purpose(text: &str, end: usize) -> bool {
    const PARTICLES: &str = "down up out through off away free even";
    const COUPLINGS: &str =
        "dependency dependencies loop cycle deadlock tie link lock chain silence news stalemate";
    let mut words = text::after(text, end)
        .split(|c: char| !is_word_char(c))
        .filter(|w| !w.is_empty());
    match words.next() {
        Some(w) if is_any_of(w, PARTICLES) => true,
        Some(w) if is_any_of(w, DETERMINERS) => words.take(2).any(|w| is_any_of(w, COUPLINGS)),
        _ => false,
    }
}

/// Owners that clear everyone: "nobody's fault", "its fault" misspelt "it's".
const NOBODY: &str = "nobody no-one noone none anybody anyone it";

/// Hindsight verbs about noticing, which only a person (or "they", "the operator") can do.
const NOTICING: &str = "checked caught noticed tested seen spotted realized realised verified \
    read reviewed known anticipated looked";

/// "user error message", "operator error rate", "the script's fault handling": nouns that make
/// "error" or "fault" part of a technical term.
const COMPOUNDS: &str = "message messages code codes rate rates handling handler handlers page \
    pages response responses class classes type types path paths log logs string strings dialog \
    text reporting budget tolerance tolerant injection domain domains detection isolation \
    recovery model tree trees report reports counter counters state states signal signals case \
    cases check checks value values field fields bar banner output correction propagation \
    condition conditions";

/// `failed to …` verbs that report an attempt that did not work rather than a lapse.
const NEUTRAL_FAILURES: &str = "reproduce connect reach find locate access log login ssh get load \
    open authenticate start replicate recover restore resolve identify determine obtain acquire \
    join boot download upload install build compile mount attach push pull fetch deploy roll \
    revert restart scale drain fail promote delete remove upgrade";

/// "sloppy quorum", "sloppy mode", "sloppy counters": the technical senses of "sloppy".
const SLOPPY_TERMS: &str = "quorum quorums mode counter counters consistency matching parsing";

/// What "lazy" judges when it judges a person: "a lazy fix", "lazy engineers".
const LAZY_HUMAN: &str = "fix fixes work review reviews approach coding testing attitude job \
    shortcut hack workaround excuse person people engineer engineers developer developers dev \
    devs admin admins engineering programming";

/// Whether a judgement word judges someone. "Lazy" is mostly technical ("lazy loading", "the
/// iterator is lazy", `lazy_static`), so it counts only next to a person or a person's work;
/// "sloppy" counts unless it names a technique.
fn judges_person(text: &str, start: usize, end: usize, people: &[&str]) -> bool {
    let word = text::slice(text, start..end);
    if word.eq_ignore_ascii_case("sloppy") {
        // "default (sloppy) mode": look past the bracket too.
        let after = end + text::after(text, end).len()
            - text::after(text, end).trim_start_matches([')', '"']).len();
        let term = word_after(text, after).is_some_and(|w| is_any_of(w, SLOPPY_TERMS));
        return !term && !text::after(text, end).starts_with('-');
    }
    if !word
        .get(..4)
        .is_some_and(|w| w.eq_ignore_ascii_case("lazy"))
    {
        return true;
    }
    if text::after(text, end).starts_with(['-', '_']) {
        return false;
    }
    if word_after(text, end).is_some_and(|w| is_any_of(w, LAZY_HUMAN)) {
        return true;
    }
    // "he was lazy", "developer laziness", "their laziness".
    let Some((before_start, before)) = word_before(text, start) else {
        return false;
    };
    if is_any_of(before, "his her their")
        || is_role(before)
        || is_person(before, people, Subject::Named)
    {
        return true;
    }
    // "they are lazy paragraph continuations" is not about people: the clause must end.
    is_any_of(before, "is was are were been being")
        && (ends_clause(text, end) || word_after(text, end).is_some_and(|w| is_any_of(w, "about")))
        && subject_before(text, before_start, people, Subject::Anyone).is_some()
}

#[cfg(test)]
#[allow(clippy::string_slice)] // tests slice at the offsets they check
mod tests {
    use super::*;

    const PEOPLE: &[&str] = &["Alice Smith", "@bob", "carol.jones@example.com", "Will"];

    #[test]
    fn phrases_compile() {
        let re = compile().expect("the phrase regex compiles");
        assert_eq!(re.captures_len(), PHRASES.len() + 1);
    }

    #[test]
    fn a_phrase_regex_that_did_not_compile_is_an_error_not_clean_prose() {
        #[allow(clippy::invalid_regex)] // on purpose: the error a broken pattern gives
        let broken = Regex::new("(").map(|_| unreachable!("`(` is not a regex"));
        let err = find_blame_with(&broken, "It was Alice's fault.", PEOPLE).unwrap_err();
        assert!(
            matches!(err, Error::BrokenPattern { rule: "blame", .. }),
            "{err:?}"
        );
        assert_eq!(
            err.to_string(),
            "the built-in patterns of the `blame` rule do not compile"
        );
    }

    #[test]
    fn positives() {
        let cases: [(&str, &str); 42] = [
            ("@bob broke prod at 14:05.", "@bob broke"),
            ("Alice forgot to renew the certificate.", "Alice forgot"),
            ("bob failed to update the runbook.", "bob failed to"),
            (
                "Then Alice caused the outage by restarting the primary.",
                "Alice caused",
            ),
            (
                "@dave accidentally missed the page.",
                "@dave accidentally missed",
            ),
            (
                "Carol ignored the warning in the deploy output.",
                "Carol ignored",
            ),
            (
                "Alice made a mistake in the migration.",
                "Alice made a mistake",
            ),
            ("Smith didn't check the flag.", "Smith didn't check"),
            (
                "The on-call engineer neglected the alert.",
                "engineer neglected",
            ),
            ("It was Bob's fault.", "Bob's fault"),
            (
                "This was Kevin's fault, not the pipeline's.",
                "Kevin's fault",
            ),
            ("Honestly it is his fault.", "his fault"),
            (
                "It was Alice’s mistake and nobody else's",
                "Alice’s mistake",
            ),
            (
                "the engineer's error took the site down",
                "engineer's error",
            ),
            ("It was the fault of the on-call engineer.", "fault of"),
            ("The outage was blamed on @carol.", "blamed on"),
            ("Who is to blame here?", "Who is to blame"),
            ("Bob was partly to blame", "Bob was partly to blame"),
            ("@bob was at fault.", "@bob was at fault"),
            ("a careless change to the load balancer", "careless"),
            ("The rollout was done carelessly.", "carelessly"),
            ("This was plain negligence.", "negligence"),
            ("an incompetent review", "incompetent"),
            ("Sloppy work on the config.", "Sloppy"),
            ("a lazy fix that skipped the tests", "lazy"),
            ("Honestly he was lazy about reviews.", "lazy"),
            ("It came down to developer laziness.", "laziness"),
            ("a stupid typo", "stupid"),
            ("only an idiot deploys on Friday", "idiot"),
            (
                "The team dropped the ball on the renewal.",
                "dropped the ball",
            ),
            ("Nobody even didn't bother to look", "didn't bother"),
            ("He should have known better.", "should have known"),
            ("We should've known this would happen.", "should've known"),
            (
                "she should have checked the dashboard",
                "she should have checked",
            ),
            (
                "Alice really should have tested it",
                "Alice really should have tested",
            ),
            (
                "the developer should have caught this",
                "developer should have caught",
            ),
            (
                "They should have noticed the spike.",
                "They should have noticed",
            ),
            (
                "@bob shouldn't have deployed on Friday",
                "@bob shouldn't have deployed",
            ),
            ("Root cause: human error.", "human error"),
            ("It was operator error during the upgrade", "operator error"),
            ("Classic PEBKAC.", "PEBKAC"),
            ("Will forgot to scale the pool.", "Will forgot"),
        ];
        for (text, phrase) in cases {
            let hits = find_blame(text, PEOPLE).unwrap();
            assert_eq!(hits.len(), 1, "{text}: {hits:?}");
            let hit = &hits[0];
            assert_eq!(hit.phrase, phrase, "{text}");
            assert_eq!(&text[hit.start..hit.end], phrase, "{text}");
            assert!(!hit.suggestion.is_empty());
        }
    }

    #[test]
    fn negatives() {
        let cases: [&str; 68] = [
            "A bug in the deploy script's fault handling dropped retries.",
            "We rely on fault tolerance in the storage layer.",
            "The service is fault-tolerant across zones.",
            "We ran fault injection against the queue.",
            "The kernel logged a page fault and a segmentation fault.",
            "The vendor returned the card: no fault found.",
            "The error was in the config.",
            "We should have alerts for this.",
            "This should have been caught by CI.",
            "The tests should have caught the regression.",
            "We should have caught this in review.",
            "Switch the images to lazy loading.",
            "Lazy evaluation hid the exception until render time.",
            "the lazy-loaded module was stale",
            "Open the blame view for the file.",
            "git blame on the config pointed at the refactor",
            "The outage was blamed on a bad config push.",
            "The cache was to blame.",
            "Our VM was not at fault.",
            "No one is to blame for this.",
            "We do not want to blame anyone.",
            "It was nobody's fault.",
            "It was no one's fault.",
            "It was the load balancer's fault.",
            "through no fault of their own",
            "a fault of the power supply",
            "The change caused the outage.",
            "@bob's change caused the outage.",
            "A PR by @bob broke the build.",
            "@alice failed to reproduce the crash locally.",
            "The job failed to start.",
            "The probe missed three heartbeats.",
            "users saw a user error message",
            "the operator error rate rose",
            "It was not a human error but a race.",
            "Dynamo uses a sloppy quorum.",
            "The job will fail to start without the secret.",
            "Kubernetes's error handling retried the request.",
            "Their error budget is exhausted.",
            "If the disk fills, the check should have fired.",
            "The on-call engineer restarted the primary.",
            "Bob mitigated the incident at 14:20.",
            "Google engineers broke the dependency on the queue to restore alerting.",
            "@bob broke down the problem into three parts.",
            "Errors rose when user errors became apparent.",
            "The API returns a user error for bad input.",
            "see https://example.com/news/human-error-caused-outage",
            "Run `human error` through the classifier.",
            "Every engineer must learn from his/her mistakes.",
            "The pods were evicted; they should have restarted on their own.",
            "Alice should have received a page but the route was wrong.",
            "The vote passed by lazy consensus.",
            "Iterators are lazy, so nothing ran until collect.",
            "stream: lazy allocate the back pressure buffer",
            "Fixed a panic in the lazy DFA.",
            "Scripts run in sloppy mode by default.",
            "the lazy_static initialiser deadlocked",
            "Lines are continued unless they are lazy paragraph continuations.",
            "Scripts run in default (sloppy) mode.",
            "@heidi failed to roll back because the old image was gone.",
            "@dave broke the lock to unblock the deploy.",
            "CI should have caught this.",
            "Alice's tests should have caught the regression.",
            "Nobody could have known the disk was that full.",
            "We missed the alert because it went to an unwatched channel.",
            "The alert was missed because it was routed to email.",
            "Alice failed to get paged because of the escalation policy.",
            "the moderator who made the mistake",
        ];
        for text in cases {
            assert_eq!(find_blame(text, PEOPLE).unwrap(), vec![], "{text}");
        }
    }

    #[test]
    fn every_phrase_kind_has_its_own_suggestion() {
        let texts = [
            "Bob's fault.",
            "careless",
            "dropped the ball",
            "should have known",
            "human error",
            "@bob broke it",
        ];
        let mut suggestions: Vec<&str> = texts
            .iter()
            .map(|t| find_blame(t, &[]).unwrap()[0].suggestion)
            .collect();
        suggestions.dedup();
        assert_eq!(suggestions.len(), texts.len());
    }

    #[test]
    fn person_names_match_whole_words_only() {
        let cases = [
            ("Alice forgot", &["Alice"][..], true),
            ("alice forgot", &["@alice"][..], true),
            ("Smith forgot", &["Alice Smith"][..], true),
            ("carol forgot", &["carol@example.com"][..], true),
            ("Alicia forgot", &["Alice"][..], false),
            ("will forgot", &["Will"][..], false),
            ("A forgot", &["A"][..], false),
        ];
        for (text, people, hit) in cases {
            assert_eq!(
                !find_blame(text, people).unwrap().is_empty(),
                hit,
                "{text} {people:?}"
            );
        }
    }
}
