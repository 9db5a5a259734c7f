//! `pm check`: what a finding is, how authors silence one, and how findings are printed.

pub(crate) mod blame;
pub(crate) mod finding;
pub(crate) mod rules;
pub(crate) mod secrets;
