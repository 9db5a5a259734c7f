//! `pm`: write incident post-mortems as Markdown in a git-backed wiki.

mod action_item;
mod check;
pub mod cli;
mod cmd;
mod config;
mod context;
mod doc;
mod error;
mod fsio;
mod git;
mod output;
mod prompt;
mod publish;
mod scan;
mod slug;
mod table;
mod template;
mod text;
mod timeline;
mod when;
mod wiki;

pub use cmd::Outcome;
pub use cmd::completions::{completion_file_name, completion_script};
pub use error::Error;
pub use output::{is_broken_pipe, render_error};

/// Run one parsed command line.
pub fn run(cli: cli::Cli) -> Result<Outcome, Error> {
    cmd::run(cli)
}
