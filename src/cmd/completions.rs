//! `pm completions SHELL` and `pm man`: generated from the clap definition.

use clap::{Args, CommandFactory};
use clap_complete::Shell;

use crate::cli::Cli;
use crate::cmd::Outcome;
use crate::error::Error;
use crate::render::print_text;

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for
    #[arg(value_enum)]
    pub shell: Shell,
}

/// The completion script for `shell`, as checked in under `completions/`.
pub fn completion_script(shell: Shell) -> Vec<u8> {
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "pm", &mut out);
    out
}

/// The file under `completions/` that holds `shell`'s script.
pub fn completion_file_name(shell: Shell) -> String {
    clap_complete::Generator::file_name(&shell, "pm")
}

pub(crate) fn run_completions(args: &CompletionsArgs) -> Result<Outcome, Error> {
    print_text(completion_script(args.shell))?;
    Ok(Outcome::Success)
}

pub(crate) fn run_man() -> Result<Outcome, Error> {
    let mut out = Vec::new();
    clap_mangen::Man::new(Cli::command())
        .render(&mut out)
        .map_err(|source| Error::Io {
            path: "standard output".into(),
            action: "render the man page to",
            source,
        })?;
    print_text(out)?;
    Ok(Outcome::Success)
}
