//! Find language that blames a person rather than the system: the detector behind the `blame`
//! rule.
//!
//! One static regex finds candidate phrases of fault in a paragraph (`faults`); each is then
//! judged by its neighbouring words: most count only with a person as their subject, owner or
//! object (`subjects`, with the first names of `names` as evidence), so "the deploy failed to
//! roll out", "we forgot to renew the certificate" and "fault tolerance" stay quiet while "Dave
//! forgot to run the migration" and "Bob's fault" are reported, each with a rewording that fits
//! the sentence (`suggest`). The document's people are checked against the words around a
//! candidate, never compiled into a regex, so one regex serves every document.

use std::sync::LazyLock;

use regex::Regex;

use crate::error::Error;
use crate::text;

use faults::{PHRASES, compile, judge};
use subjects::{in_literal, in_quotes};

mod faults;
mod judgments;
mod names;
mod subjects;
mod suggest;

#[cfg(test)]
mod labelled;

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
    pub(crate) suggestion: String,
}

/// What the detector knows of the document beyond the line it reads.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Context<'a> {
    /// The names and `@handles` the document gives its people (lead, authors, timeline
    /// authors); any `@handle` counts as a person even when it is not listed.
    pub(crate) people: &'a [&'a str],
    /// Whether the line is in the root cause or contributing factors, where "human error"
    /// alone states a cause.
    pub(crate) causal: bool,
}

/// Built once. `compile` is unit-tested; should it still fail, every search reports it, since
/// finding nothing would pass blaming prose as clean.
static PHRASE_RE: LazyLock<Result<Regex, regex::Error>> = LazyLock::new(compile);

/// Every blaming phrase in `text`, one paragraph or line of prose (the caller skips code).
pub(crate) fn find_blame(text: &str, cx: &Context) -> Result<Vec<BlameHit>, Error> {
    find_blame_with(&PHRASE_RE, text, cx)
}

/// [`find_blame`] with the phrase regex given, so a test can hand it one that did not compile.
fn find_blame_with(
    re: &Result<Regex, regex::Error>,
    text: &str,
    cx: &Context,
) -> Result<Vec<BlameHit>, Error> {
    let re = re.as_ref().map_err(|source| Error::BrokenPattern {
        rule: "blame",
        source: source.clone(),
    })?;
    if !re.is_match(text) {
        return Ok(Vec::new());
    }
    let mut hits: Vec<BlameHit> = Vec::new();
    for caps in re.captures_iter(text) {
        let Some((phrase, m)) = PHRASES
            .iter()
            .enumerate()
            .find_map(|(i, (p, _))| Some((*p, caps.get(i + 1)?)))
        else {
            continue;
        };
        if in_literal(text, m.start()) || in_quotes(text, m.start()) {
            continue;
        }
        let Some((start, end)) = judge(phrase, text, m.start(), m.end(), cx) else {
            continue;
        };
        // Moving back to the person must not reach into the previous hit.
        if hits.last().is_none_or(|h| h.end <= start) {
            hits.push(BlameHit {
                start,
                end,
                phrase: text::slice(text, start..end).to_owned(),
                suggestion: suggest::suggestion(phrase, text, m.start(), m.end()),
            });
        }
    }
    Ok(hits)
}

#[cfg(test)]
#[allow(clippy::string_slice)] // tests slice at the offsets they check
mod tests {
    use super::*;

    const PEOPLE: &[&str] = &["Alice Smith", "@bob", "carol.jones@example.com", "Will"];

    /// A line outside the root cause, in a document with these people.
    fn cx<'a>(people: &'a [&'a str]) -> Context<'a> {
        Context {
            people,
            causal: false,
        }
    }

    #[test]
    fn phrases_compile() {
        let re = compile().expect("the phrase regex compiles");
        assert_eq!(re.captures_len(), PHRASES.len() + 1);
    }

    #[test]
    fn a_phrase_regex_that_did_not_compile_is_an_error_not_clean_prose() {
        #[allow(clippy::invalid_regex)] // on purpose: the error a broken pattern gives
        let broken = Regex::new("(").map(|_| unreachable!("`(` is not a regex"));
        let err = find_blame_with(&broken, "It was Alice's fault.", &cx(PEOPLE)).unwrap_err();
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
        let cases: [(&str, &str); 41] = [
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
                "The on-call engineer neglected",
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
                "the engineer's error",
            ),
            ("It was the fault of the on-call engineer.", "fault of"),
            ("The outage was blamed on @carol.", "blamed on"),
            ("Who is to blame here?", "Who is to blame"),
            ("Bob was partly to blame", "Bob was partly to blame"),
            ("@bob was at fault.", "@bob was at fault"),
            ("a careless change to the load balancer", "careless"),
            ("This was plain negligence.", "negligence"),
            ("an incompetent review", "incompetent"),
            ("Sloppy work on the config.", "Sloppy"),
            ("a lazy fix that skipped the tests", "lazy"),
            ("Honestly he was lazy about reviews.", "he was lazy"),
            ("It came down to developer laziness.", "developer laziness"),
            ("a stupid typo", "stupid"),
            ("only an idiot deploys on Friday", "idiot"),
            (
                "The team dropped the ball on the renewal.",
                "dropped the ball",
            ),
            ("Dave didn't bother to look", "Dave didn't bother"),
            ("He should have known better.", "He should have known"),
            (
                "Kim should've known this would happen.",
                "Kim should've known",
            ),
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
                "the developer should have caught",
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
            ("This was PEBKAC.", "PEBKAC"),
            ("Will forgot to scale the pool.", "Will forgot"),
        ];
        let mut wrong = Vec::new();
        for (text, phrase) in cases {
            let hits = find_blame(text, &cx(PEOPLE)).unwrap();
            let found: Vec<&str> = hits.iter().map(|h| &text[h.start..h.end]).collect();
            if found != [phrase] || hits.iter().any(|h| h.suggestion.is_empty()) {
                wrong.push(format!("{text}: {found:?}"));
            }
        }
        assert!(wrong.is_empty(), "{wrong:#?}");
    }

    #[test]
    fn negatives() {
        let cases: [&str; 71] = [
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
            // A person must be the subject, owner or agent: no one is here.
            "The rollout was done carelessly.",
            "We should've known this would happen.",
            "Classic PEBKAC.",
        ];
        let wrong: Vec<&str> = cases
            .into_iter()
            .filter(|text| !find_blame(text, &cx(PEOPLE)).unwrap().is_empty())
            .collect();
        assert!(wrong.is_empty(), "{wrong:#?}");
    }

    #[test]
    fn every_phrase_kind_has_its_own_suggestion() {
        let texts = [
            "Bob's fault.",
            "Bob was careless.",
            "dropped the ball",
            "He should have known",
            "The root cause was human error",
            "@bob broke it",
        ];
        let mut suggestions: Vec<String> = texts
            .iter()
            .map(|t| find_blame(t, &cx(&[])).unwrap()[0].suggestion.clone())
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
            ("Alicex forgot", &["Alice"][..], false),
            ("will forgot", &["Will"][..], false),
            ("A forgot", &["A"][..], false),
        ];
        for (text, people, hit) in cases {
            assert_eq!(
                !find_blame(text, &cx(people)).unwrap().is_empty(),
                hit,
                "{text} {people:?}"
            );
        }
    }
}
