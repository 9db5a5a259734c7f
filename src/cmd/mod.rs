//! Dispatch: one match from a subcommand to the function that runs it.

pub(crate) mod action;
pub(crate) mod actions;
pub(crate) mod check;
pub(crate) mod completions;
pub(crate) mod init;
pub(crate) mod list;
pub(crate) mod new;
pub(crate) mod publish;
pub(crate) mod status;
pub(crate) mod timeline;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use crate::cli::{Cli, Command};
use crate::context::Ctx;
use crate::error::Error;

/// How a command ended when it did not fail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Success,
    /// The command worked and found problems (exit 1, like `grep` finding nothing).
    Findings,
}

impl Outcome {
    pub fn exit_code(self) -> ExitCode {
        match self {
            Outcome::Success => ExitCode::SUCCESS,
            Outcome::Findings => ExitCode::from(1),
        }
    }
}

/// The document to work on.
#[derive(Debug, Args)]
pub struct DocArg {
    /// The post-mortem: a path, a file name, a slug, or part of a slug or title (default: this
    /// clone's current one, see `pm use`)
    #[arg(long, env = "PM_DOC", value_name = "DOC")]
    pub doc: Option<String>,
}

/// The document `--doc`/`PM_DOC` names, or the current one.
pub(crate) fn document_path(doc: &DocArg, ctx: &Ctx) -> Result<PathBuf, Error> {
    named_document(doc.doc.as_deref(), ctx)
}

/// The document `name` names (see [`lookup`](crate::store::lookup)), or the current one.
pub(crate) fn named_document(name: Option<&str>, ctx: &Ctx) -> Result<PathBuf, Error> {
    let folder = ctx.wiki.root.join(&ctx.config.folder);
    let skip = crate::store::catalog::not_a_postmortem(ctx);
    ctx.wiki.resolve_doc(&folder, &skip, name)
}

pub(crate) fn run(cli: Cli) -> Result<Outcome, Error> {
    match cli.command {
        Command::Init(args) => init::run(&args),
        Command::Completions(args) => completions::run_completions(&args),
        Command::Man => completions::run_man(),
        Command::New(args) => new::run(&args, &Ctx::new(&cli.global)?),
        Command::Timeline(args) => timeline::run(&args, &Ctx::new(&cli.global)?),
        Command::Action(args) => action::run(&args, &Ctx::new(&cli.global)?),
        Command::Check(args) => check::run(&args, &Ctx::new(&cli.global)?, cli.global.color),
        Command::Publish(args) => publish::run(&args, &Ctx::new(&cli.global)?),
        Command::Use(args) => status::run_use(&args, &Ctx::new(&cli.global)?),
        Command::Status(args) => status::run_status(&args, &Ctx::new(&cli.global)?),
        Command::List(args) => list::run(&args, &Ctx::new(&cli.global)?),
        Command::Actions(args) => actions::run(&args, &Ctx::new(&cli.global)?),
    }
}
