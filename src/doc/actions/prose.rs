//! How a line of prose in the action items reads: an action said as a sentence
//! ("Hire a security engineer"), a line of a paragraph that lists one action per line, a
//! closing remark, a priority legend, or the sentence that introduces a list.

use super::status;

/// Verbs that start an action written as a sentence ("Hire a security engineer").
const IMPERATIVES: &[&str] = &[
    "add",
    "adopt",
    "audit",
    "automate",
    "avoid",
    "build",
    "change",
    "check",
    "conduct",
    "configure",
    "consider",
    "create",
    "define",
    "deploy",
    "develop",
    "document",
    "emphasize",
    "enable",
    "enforce",
    "enhance",
    "ensure",
    "establish",
    "evaluate",
    "explore",
    "file",
    "fix",
    "hire",
    "identify",
    "implement",
    "improve",
    "increase",
    "install",
    "introduce",
    "investigate",
    "limit",
    "make",
    "migrate",
    "minimize",
    "monitor",
    "move",
    "optimize",
    "patch",
    "perform",
    "plan",
    "publish",
    "push",
    "reduce",
    "refactor",
    "remove",
    "replace",
    "require",
    "restrict",
    "review",
    "rotate",
    "schedule",
    "set",
    "setup",
    "share",
    "standardize",
    "strengthen",
    "switch",
    "test",
    "track",
    "train",
    "update",
    "upgrade",
    "use",
    "validate",
    "verify",
    "write",
];
/// First words of a closing or linking sentence in a paragraph of one action per line.
const PROSE_OPENERS: &[&str] = &[
    "by",
    "this",
    "these",
    "overall",
    "thanks",
    "thank",
    "together",
    "hopefully",
    "so",
    "it",
    "there",
    "final",
];
/// Terms a priority legend defines (`- **P0**: must do now`).
const LEGEND_TERMS: &[&str] = &[
    "p0", "p1", "p2", "p3", "p4", "sev1", "sev2", "sev3", "sev4", "high", "medium", "low",
    "critical", "urgent", "major", "minor",
];

/// The item text of a paragraph line: without `-` glued to it (`-Implement`) or a number
/// written `1,`.
pub(super) fn plain_line(line: &str) -> &str {
    let t = line.trim();
    let b = t.as_bytes();
    if b.first() == Some(&b'-') && b.get(1).is_some_and(u8::is_ascii_alphabetic) {
        return t.get(1..).unwrap_or(t);
    }
    let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
    if digits > 0 && b.get(digits) == Some(&b',') && b.get(digits + 1) == Some(&b' ') {
        return t.get(digits + 2..).unwrap_or(t).trim_start();
    }
    t
}

/// Whether a line starts the way a line of a one-action-per-line paragraph does: a capital,
/// a digit, bold, a strike or a tick; not a lower-case word that continues a sentence.
pub(super) fn starts_like_an_item(text: &str) -> bool {
    let first = text.chars().next();
    first.is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || "*~✅".contains(c))
}

pub(super) fn first_word(text: &str) -> String {
    text.trim_start_matches(['*', '_', '~'])
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .next()
        .unwrap_or("")
        .to_lowercase()
}

pub(super) fn opens_prose(text: &str) -> bool {
    let lower = text.to_lowercase();
    PROSE_OPENERS.contains(&first_word(text).as_str())
        || [
            "in conclusion",
            "in summary",
            "to conclude",
            "we learned",
            "we've learned",
        ]
        .iter()
        .any(|p| lower.starts_with(p))
}

/// `Regular Audits: Schedule regular audits`: a short name, a colon, and what to do.
pub(super) fn names_then_says(text: &str) -> bool {
    let plain = text.trim_start_matches(['*', '_']);
    plain.split_once(':').is_some_and(|(name, rest)| {
        let words = name.split_whitespace().count();
        (1..=6).contains(&words) && !rest.trim_start_matches(['*', '_']).trim().is_empty()
    })
}

/// Whether a paragraph on its own is an action: an imperative sentence, "We should/need/must…",
/// or one with a status marker (`**TODO**`, `✅`).
pub(super) fn reads_as_action(text: &str) -> bool {
    if status::read(text).done.is_some() {
        return true;
    }
    let word = first_word(text);
    if IMPERATIVES.contains(&word.as_str()) {
        return true;
    }
    let lower = text.to_lowercase();
    // Not "We will…": "We will think about it" promises nothing to track.
    ["we should ", "we need ", "we must "]
        .iter()
        .any(|p| lower.starts_with(p))
}

/// Whether the sentence that introduces a list announces actions ("we can minimize the
/// impact by following a few extra rules:", "the following tasks should be completed:")
/// rather than what happened ("All of the errors were due to missing tests:") or an
/// explanation ("This way is clear in what is going on:").
pub(super) fn announces_actions(text: &str) -> bool {
    let last = text.rsplit(". ").next().unwrap_or(text);
    let lower = format!(" {} ", last.to_lowercase());
    let past = [
        " was ",
        " were ",
        " had ",
        " did ",
        " occurred",
        " happened",
    ]
    .iter()
    .any(|w| lower.contains(w));
    let ahead = [" will ", " should ", " can ", " must ", " going forward"]
        .iter()
        .any(|w| lower.contains(w));
    let actions = [
        "follow", "task", "action", "step", "rule", " by:", "should", "will ", "prevent",
        "improve", "to do", "todo", "plan",
    ]
    .iter()
    .any(|w| lower.contains(w));
    (!past || ahead) && actions
}

/// A legend bullet: a priority term defined in lower case (`**P0**: must do now`).
pub(super) fn is_legend(content: &str) -> bool {
    let Some((term, definition)) = content.split_once([':', '=']) else {
        return false;
    };
    let term = term
        .trim()
        .trim_matches(['*', '_', '`', ' '])
        .to_lowercase();
    let definition = definition.trim_start_matches(['*', '_', ' ']);
    LEGEND_TERMS.contains(&term.as_str())
        && definition.chars().next().is_some_and(char::is_lowercase)
}

/// A short heading that states a fact in the past participle ("Alerts configured").
pub(super) fn states_a_fact(text: &str) -> bool {
    let words: Vec<&str> = text
        .split_whitespace()
        .filter(|w| !w.starts_with(['@', '[', '`', '(']))
        .collect();
    let last = words.last().map(|w| w.to_lowercase());
    words.len() <= 4
        && !IMPERATIVES.contains(&first_word(text).as_str())
        && last.is_some_and(|w| w.len() > 4 && w.ends_with("ed"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences() {
        // (text, reads as an action on its own, announces a list of actions); real forms.
        let cases: &[(&str, bool, bool)] = &[
            (
                "Emphasize the importance of our security policies.",
                true,
                false,
            ),
            ("Hire a professional SecOps person.", true, false),
            (
                "We should have alerting on config load failures.",
                true,
                false,
            ),
            (
                "**TODO**: Alex thinks we need systemd monitoring",
                true,
                false,
            ),
            ("The installation wiki page will be changed.", false, false),
            ("We will think about it.", false, false),
            (
                "but we can minimize the impact by following a few extra rules with feature development:",
                false,
                true,
            ),
            (
                "To prevent future outages, the following tasks should be completed:",
                false,
                true,
            ),
            (
                "After a discussion it has been decided we can prevent this in the future by:",
                false,
                true,
            ),
            (
                "All of the errors were due to missing test cases to prevent regression:",
                false,
                false,
            ),
            (
                "This way is actually clear in what is going on:",
                false,
                false,
            ),
            ("We need something that will:", true, false),
        ];
        for (text, action, announces) in cases {
            assert_eq!(reads_as_action(text), *action, "{text}");
            // Only a sentence ending in a colon introduces a list.
            if text.ends_with(':') {
                assert_eq!(announces_actions(text), *announces, "{text}");
            }
        }
    }

    #[test]
    fn lines_legends_and_facts() {
        assert!(names_then_says("Regular Audits: Schedule regular audits."));
        assert!(names_then_says("**Load Testing**: Conduct load testing."));
        assert!(!names_then_says("Going forward the team will rebuild it."));
        assert!(opens_prose(
            "In conclusion, the outage was caused by a pool."
        ));
        assert!(opens_prose(
            "By addressing these areas, we can reduce risk."
        ));
        assert!(!opens_prose("Bug bounty for more visibility."));
        assert!(is_legend("**P0**: must do now"));
        assert!(!is_legend("**P0**: Fix the parser"));
        assert!(!is_legend("**Optimize SQL**: review queries"));
        assert!(states_a_fact("Cron cleanup scheduled @malte_j"));
        assert!(states_a_fact("Alerts configured"));
        assert!(!states_a_fact("Plan for Postgres migration"));
        assert!(!states_a_fact("Debug why we didn't receive alerts"));
        assert_eq!(
            plain_line("-Implement code reviews."),
            "Implement code reviews."
        );
        assert_eq!(
            plain_line("2, Rollback Mechanism: Develop"),
            "Rollback Mechanism: Develop"
        );
        assert_eq!(plain_line("- [ ] not glued"), "- [ ] not glued");
    }
}
