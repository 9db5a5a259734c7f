//! The command line: global flags and the list of subcommands.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::cmd::{action, actions, check, completions, init, list, new, publish, status, timeline};

/// Write incident post-mortems as Markdown in a git-backed wiki
#[derive(Debug, Parser)]
#[command(name = "pm", version, propagate_version = true, max_term_width = 100)]
#[command(
    after_help = "Examples:\n  pm new \"Checkout outage\" --severity SEV2\n  pm init --eject-template"
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

/// Flags every subcommand takes.
#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// Use the wiki in DIR instead of finding it from the current folder
    #[arg(long, global = true, env = "PM_WIKI", value_name = "DIR")]
    pub wiki: Option<PathBuf>,
    /// Never prompt; a missing required value is an error naming its flag
    #[arg(long, global = true)]
    pub no_input: bool,
    /// When to colour the output
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

impl ColorChoice {
    /// Colour when asked to, or on a terminal unless `NO_COLOR` is set (no-color.org).
    pub fn enabled(self, is_terminal: bool) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                is_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
            }
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Write a commented `pm.toml` for a wiki
    #[command(after_help = "Examples:\n  pm init\n  pm init wiki --eject-template")]
    Init(init::InitArgs),
    /// Start a post-mortem: ask for what the flags did not give, write it, print its path
    #[command(
        after_help = "Examples:\n  pm new \"Checkout outage\"\n  pm new \"Checkout outage\" --severity SEV2 --started 14:05 --no-input"
    )]
    New(new::NewArgs),
    /// Make a post-mortem this clone's current one, or print which is
    #[command(after_help = "Examples:\n  pm use payments-api-outage\n  pm use payments\n  pm use")]
    Use(status::UseArgs),
    /// Log the incident as it happens: add and list timeline entries
    Timeline(timeline::TimelineArgs),
    /// Add action items, or tick one done
    Action(action::ActionArgs),
    /// Check post-mortems for what is incomplete, blaming or leaking; exit 1 on any error
    #[command(
        after_help = "Examples:\n  pm check\n  pm check postmortems/2026-11-20-checkout-outage.md\n  pm check --changed-since origin/main --format github"
    )]
    Check(check::CheckArgs),
    /// Commit the post-mortem and the index page, and push them to the wiki
    #[command(
        after_help = "Examples:\n  pm publish\n  pm publish --final -m \"Post-mortem: checkout outage\"\n  pm publish --dry-run checkout-outage"
    )]
    Publish(publish::PublishArgs),
    /// Move a post-mortem to draft, review or published
    #[command(after_help = "Examples:\n  pm status review\n  pm status published checkout-outage")]
    Status(status::StatusArgs),
    /// List every post-mortem, newest first
    #[command(
        after_help = "Examples:\n  pm list\n  pm list --status draft --since 2026-01-01\n  pm list --format json"
    )]
    List(list::ListArgs),
    /// List every action item across the wiki
    #[command(
        after_help = "Examples:\n  pm actions --open --overdue\n  pm actions --owner @mary\n  pm actions --open --format csv > jira.csv"
    )]
    Actions(actions::ActionsArgs),
    /// Print a shell completion script
    #[command(
        after_help = "Example:\n  pm completions bash > ~/.local/share/bash-completion/completions/pm"
    )]
    Completions(completions::CompletionsArgs),
    /// Print the man page
    #[command(after_help = "Example:\n  pm man > ~/.local/share/man/man1/pm.1")]
    Man,
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn cli_is_well_formed() {
        super::Cli::command().debug_assert();
    }
}
