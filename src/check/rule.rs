//! The names of `pm check`'s rules and what each finds: the one list that `pm.toml`'s `[rules]`,
//! the runner and `pm:allow` comments agree on.
//!
//! A leaf that imports nothing of the crate, so that `config` can validate `[rules]` keys
//! without depending on the rules themselves (which read the config).

/// Every rule, with what it finds; `pm.toml`'s `[rules]` and `pm:allow` comments use these names.
pub(crate) const RULES: &[(&str, &str)] = &[
    (
        "front-matter",
        "front matter missing, unparsable, or lacking a field; bad values",
    ),
    (
        "milestones",
        "`detected`, `mitigated`, `resolved` before `started` or out of order",
    ),
    ("section-missing", "a required section is missing"),
    (
        "section-empty",
        "a required section holds only guidance, whitespace, TODO, TBD or N/A",
    ),
    ("timeline-empty", "the timeline has no entries"),
    (
        "timeline-unreadable",
        "a timeline line starts like a time that cannot be read",
    ),
    (
        "timeline-order",
        "a timeline entry is earlier than the one before it",
    ),
    (
        "timeline-window",
        "a timeline entry is far outside the incident",
    ),
    ("actions-none", "no tracked action items"),
    (
        "action-incomplete",
        "an action item without an owner or a ticket",
    ),
    ("action-overdue", "an open action item past its due date"),
    (
        "review-overdue",
        "`review_by` has passed and the document is still a draft",
    ),
    (
        "blame",
        "language that blames a person rather than the system",
    ),
    (
        "secret",
        "a token, key or password pasted into the document",
    ),
    (
        "allow-unknown",
        "a `pm:allow` comment names a rule that does not exist",
    ),
];

#[cfg(test)]
mod tests {
    use super::RULES;

    /// `[rules]` keys and `pm:allow` names are matched against these, so each must be one
    /// unambiguous word people can type.
    #[test]
    fn names_are_unique_lowercase_words() {
        for (i, (name, what)) in RULES.iter().enumerate() {
            assert!(
                name.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'),
                "{name}"
            );
            assert!(!what.is_empty(), "{name}");
            assert!(
                RULES[..i].iter().all(|(other, _)| other != name),
                "{name} twice"
            );
        }
    }
}
