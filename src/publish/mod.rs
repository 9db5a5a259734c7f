//! `pm publish`: check the documents, commit exactly them and the index page as the user, and
//! push; when the remote moved on, rebase the one new commit on it (merging documents both
//! sides logged into) and push again.
//!
//! This module is the list of steps and what each prints; the steps are [`plan`] (what to
//! publish, or why not), [`commit`], and [`sync`] (fetch, rebase, push).

pub(crate) mod commit;
mod front;
pub(crate) mod index;
pub(crate) mod merge;
pub(crate) mod plan;
pub(crate) mod sync;

use std::path::PathBuf;

use crate::context::Ctx;
use crate::error::Error;
use crate::publish::plan::Plan;

#[allow(clippy::struct_excessive_bools)] // one per flag of the command
pub(crate) struct Request {
    pub(crate) docs: Vec<PathBuf>,
    pub(crate) no_push: bool,
    pub(crate) dry_run: bool,
    pub(crate) force: bool,
    pub(crate) final_status: bool,
    pub(crate) message: Option<String>,
}

pub(crate) fn publish(ctx: &Ctx, request: &Request) -> Result<(), Error> {
    let repo = plan::open(ctx)?;
    let mut plan = Plan::new(ctx, &repo, request)?;
    if request.dry_run {
        print_dry_run(&plan, request);
        return Ok(());
    }
    if request.final_status {
        plan.set_published(ctx.lock_timeout)?;
    }
    match commit::commit(ctx, &repo, &plan)? {
        None => eprintln!("nothing new to commit"),
        Some(paths) => eprintln!("committed {} on `{}`", paths.join(", "), plan.branch_name()),
    }
    let Some(target) = &plan.target else {
        return Ok(());
    };
    sync::push(ctx, &repo, &plan.branch, target, &plan.layout)?;
    eprintln!("pushed to `{}` branch `{}`", target.remote, target.branch);
    Ok(())
}

fn print_dry_run(plan: &Plan, request: &Request) {
    eprintln!(
        "would commit on `{}` as {}:",
        plan.branch_name(),
        plan.signature
    );
    for (path, _) in &plan.docs {
        eprintln!("  {path}");
    }
    eprintln!("  {}", plan.layout.index);
    eprintln!(
        "with the message:\n  {}",
        plan.message.replace('\n', "\n  ")
    );
    if request.final_status {
        eprintln!("after setting `status = \"published\"` in each document");
    }
    if let Some(t) = &plan.target {
        eprintln!("and push it to `{}` branch `{}`", t.remote, t.branch);
    }
}
