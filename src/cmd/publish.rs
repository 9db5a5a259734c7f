//! `pm publish`: the command line of [`crate::publish`].

use std::path::PathBuf;

use clap::Args;

use crate::cmd::{Outcome, named_document};
use crate::context::Ctx;
use crate::error::Error;
use crate::publish::{self, Request};

#[derive(Debug, Args)]
#[allow(clippy::struct_excessive_bools)] // one per flag, as clap wants them
pub struct PublishArgs {
    /// The post-mortems to publish: paths, file names, slugs or parts of one (default: `PM_DOC`,
    /// else the current one)
    #[arg(value_name = "DOC")]
    pub docs: Vec<String>,
    /// Commit, but do not push
    #[arg(long)]
    pub no_push: bool,
    /// Print what would be committed and pushed, and change nothing
    #[arg(long)]
    pub dry_run: bool,
    /// Publish even when `pm check` finds errors (said in the commit message)
    #[arg(long)]
    pub force: bool,
    /// Also set `status = "published"` in each document
    #[arg(long = "final")]
    pub final_status: bool,
    /// The commit message (default: "Publish post-mortem: TITLE")
    #[arg(short, long, value_name = "MSG")]
    pub message: Option<String>,
}

pub(crate) fn run(args: &PublishArgs, ctx: &Ctx) -> Result<Outcome, Error> {
    let docs: Vec<PathBuf> = if args.docs.is_empty() {
        // `PM_DOC`, as every command honours it, else the current document.
        let env = std::env::var("PM_DOC").ok();
        vec![named_document(env.as_deref(), ctx)?]
    } else {
        args.docs
            .iter()
            .map(|d| named_document(Some(d), ctx))
            .collect::<Result<_, _>>()?
    };
    let request = Request {
        docs,
        no_push: args.no_push,
        dry_run: args.dry_run,
        force: args.force,
        final_status: args.final_status,
        message: args.message.clone(),
    };
    publish::publish(ctx, &request)?;
    Ok(Outcome::Success)
}
