//! The integration tests: the real `pm` binary in temporary wikis.

// A test helper that cannot set up its fixture has nothing better to do than panic.
#![allow(clippy::unwrap_used, clippy::expect_used)]
#![allow(clippy::case_sensitive_file_extension_comparisons)]

mod action;
mod check;
mod completions;
mod init;
mod new;
mod publish;
mod support;
mod timeline;
mod views;
