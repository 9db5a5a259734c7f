//! `pm check`: the list of rules, the rules run on one document, what a finding is, and the
//! detectors for blame and secrets (with the word matching they share) that the rules, and the
//! commands that refuse a secret, use.

mod allow;
pub(crate) mod baseline;
pub(crate) mod blame;
pub(crate) mod finding;
pub(crate) mod rule;
pub(crate) mod rules;
pub(crate) mod secrets;
mod words;
