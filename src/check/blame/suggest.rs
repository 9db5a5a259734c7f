//! A blameless rewording for each finding, fitted to the sentence where it can be: the step that
//! was skipped, the warning that was missed or the action that went wrong is named again as
//! something the system let happen, not something a person failed at.

use crate::check::words::is_any_of;
use crate::text;

use super::faults::Phrase;

/// Words that start a new clause, where the object of the fault ends.
const CLAUSE_ENDS: &str = "because so and but when while which since although though after \
    before until instead despite as for";

/// The words after `end` up to the end of their clause, eight at most: "run the migration" in
/// "Dave forgot to run the migration, so …".
fn object(text: &str, end: usize) -> String {
    let rest = text::after(text, end);
    let clause = rest
        .split(['.', ',', ';', ':', '!', '?', '—', '(', '"', '“'])
        .next()
        .unwrap_or("");
    let words: Vec<&str> = clause
        .split_whitespace()
        .take_while(|w| !is_any_of(w, CLAUSE_ENDS))
        .take(8)
        .collect();
    words.join(" ")
}

/// The suggestion for a finding of `phrase` at `start..end` in `text`.
pub(super) fn suggestion(phrase: Phrase, text: &str, start: usize, end: usize) -> String {
    let matched = text::slice(text, start..end).to_ascii_lowercase();
    let object = object(text, end);
    match phrase {
        Phrase::Possessive
        | Phrase::ErrorBy
        | Phrase::FaultOf
        | Phrase::AtFault
        | Phrase::ToBlame
        | Phrase::BlamedOn => "name the conditions, not a culprit: say what in the system let \
                               this happen, e.g. \"the pipeline had no canary stage\""
            .into(),
        Phrase::Judgment => "describe the action and what made it seem reasonable at the time \
                             instead of judging the person, e.g. \"the runbook did not say the \
                             step was destructive\""
            .into(),
        Phrase::Neglect => skipped_step(&object),
        Phrase::Hindsight if !object.is_empty() => format!(
            "avoid hindsight: say what was known at the time and what would have surfaced it, \
             e.g. \"nothing showed {object}\""
        ),
        Phrase::Hindsight => "avoid hindsight: say what was known at the time and what would \
                              have surfaced the problem, e.g. \"the dashboard did not show \
                              replication lag\""
            .into(),
        Phrase::HumanError => "\"human error\" is where the analysis starts, not a root cause: \
                               say what made the slip easy and its effect large, e.g. \"the CLI \
                               accepted a production target without confirmation\""
            .into(),
        Phrase::Accident | Phrase::ByMistake => {
            let action = match phrase {
                Phrase::Accident => {
                    let verb = matched.rsplit(' ').next().unwrap_or("");
                    format!("{verb} {object}")
                }
                _ => String::new(),
            };
            let action = action.trim();
            if action.is_empty() {
                "describe what let the wrong action through, e.g. \"the script asked for no \
                 confirmation and did not show its target\""
                    .into()
            } else {
                format!(
                    "describe what let it happen that someone {action}, e.g. \"the tool asked \
                     for no confirmation and did not show its target\""
                )
            }
        }
        Phrase::PersonCause => person_cause(&matched, &object),
    }
}

/// "Forgot to X", "failed to X", "didn't check X": a step the process left to memory.
fn skipped_step(object: &str) -> String {
    let step = object.strip_prefix("to ").unwrap_or(object);
    if step.is_empty() {
        "say which step did not happen and what would have prompted it, e.g. \"no reminder \
         fired before the certificate expired\""
            .into()
    } else {
        format!(
            "say what left \"{step}\" to memory, e.g. \"nothing in the process did or checked \
             it\""
        )
    }
}

fn person_cause(matched: &str, object: &str) -> String {
    let verb = matched.split_whitespace().last().unwrap_or("");
    let skipped = ["forg", "fail", "negl", "did", "never"]
        .iter()
        .any(|v| matched.contains(v))
        && !matched.contains("made");
    if skipped {
        let step = if matched.ends_with(" to") || verb.starts_with("forg") {
            object.to_owned()
        } else {
            format!("{verb} {object}")
        };
        return skipped_step(step.trim());
    }
    if ["ignor", "missed", "overlooked"]
        .iter()
        .any(|v| verb.starts_with(v))
        && !object.is_empty()
    {
        return format!(
            "say why {object} did not get attention, e.g. \"it looked like the usual noise and \
             did not say what to do\""
        );
    }
    if matched.contains("made") {
        return "describe what made the slip easy and its effect large, e.g. \"the tool accepted \
                the value without validation or a preview\""
            .into();
    }
    if object.is_empty() {
        "describe what in the system allowed the mistake, e.g. \"the deploy script did not \
         validate the flag\""
            .into()
    } else {
        format!(
            "describe what let the change reach {object} unchecked, e.g. \"nothing tested it \
             before it went out\""
        )
    }
}
