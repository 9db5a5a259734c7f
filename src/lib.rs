//! `pm`: write incident post-mortems as Markdown in a git-backed wiki.

mod check;
pub mod cli;
mod cmd;
mod config;
mod context;
mod doc;
mod error;
// The fuzz harness: in `cargo test`, and for `examples/fuzz.rs` with `--features fuzz`;
// never in the release binary.
#[cfg(any(test, feature = "fuzz"))]
#[doc(hidden)]
pub mod fuzz;
mod git;
mod prompt;
mod publish;
mod render;
#[cfg(any(test, feature = "fuzz"))]
mod rng;
mod slug;
mod store;
mod template;
mod text;
mod time;

pub use cmd::Outcome;
pub use cmd::completions::{completion_file_name, completion_script};
pub use error::Error;
pub use render::{is_broken_pipe, render_error};

/// Run one parsed command line.
pub fn run(cli: cli::Cli) -> Result<Outcome, Error> {
    cmd::run(cli)
}
