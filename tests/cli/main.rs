//! The integration tests: the real `pm` binary in temporary wikis.

// A test helper that cannot set up its fixture has nothing better to do than panic.
#![allow(clippy::unwrap_used, clippy::expect_used)]
#![allow(clippy::case_sensitive_file_extension_comparisons)]
// Tests slice at offsets they just found; a panic there is a failed test, as it should be.
#![allow(clippy::string_slice)]

mod action;
mod baseline;
mod check;
mod completions;
mod corpus;
mod exclude;
mod init;
mod naming;
mod new;
mod publish;
mod secrets;
mod sections;
mod support;
mod timeline;
mod views;
mod wiki;
