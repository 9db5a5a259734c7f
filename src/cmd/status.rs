//! `pm use` and `pm status`: which document this clone works on, and where it is in review.

use std::path::Path;

use clap::{Args, ValueEnum};

use crate::cmd::{Outcome, named_document};
use crate::context::Ctx;
use crate::doc::meta::STATUSES;
use crate::error::Error;
use crate::store::edit;

#[derive(Debug, Args)]
pub struct UseArgs {
    /// The post-mortem: a path, a file name, a slug, or part of a slug or title (none: print
    /// the current one)
    #[arg(value_name = "DOC")]
    pub doc: Option<String>,
}

#[derive(Debug, Args)]
pub struct StatusArgs {
    /// The status to move the post-mortem to
    pub status: Status,
    /// The post-mortem (default: `PM_DOC`, else the current one)
    #[arg(value_name = "DOC", env = "PM_DOC")]
    pub doc: Option<String>,
}

/// A post-mortem's status, in the order it moves through them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Status {
    Draft,
    Review,
    Published,
}

impl Status {
    fn as_str(self) -> &'static str {
        STATUSES[self as usize]
    }
}

/// `pm use DOC` makes DOC current; `pm use` prints the current document.
pub(crate) fn run_use(args: &UseArgs, ctx: &Ctx) -> Result<Outcome, Error> {
    let path = named_document(args.doc.as_deref(), ctx)?;
    if args.doc.is_some() {
        ctx.wiki.set_current(&path)?;
    }
    println!("{}", relative(&path, ctx).display());
    Ok(Outcome::Success)
}

/// `pm status STATUS [DOC]`: set `status` in the front matter, saying what it was.
pub(crate) fn run_status(args: &StatusArgs, ctx: &Ctx) -> Result<Outcome, Error> {
    let path = named_document(args.doc.as_deref(), ctx)?;
    let new = args.status.as_str();
    let old = edit::edit(&path, ctx.lock_timeout, |doc| {
        let edit = doc
            .front
            .as_ref()
            .and_then(|f| f.set(&doc.text, "status", &format!("\"{new}\""), doc.newline))
            .ok_or_else(|| Error::NoFrontMatter {
                key: "status",
                value: format!("\"{new}\""),
                path: path.clone(),
            })?;
        let old = doc.meta.status.clone();
        let edits = if old.as_deref() == Some(new) {
            Vec::new()
        } else {
            vec![edit]
        };
        Ok((edits, old))
    })?;
    let rel = relative(&path, ctx);
    match old.as_deref() {
        Some(old) if old == new => eprintln!("{} is already {new}", rel.display()),
        Some(old) if !old.is_empty() => eprintln!("{}: {old} → {new}", rel.display()),
        _ => eprintln!("{}: status set to {new}", rel.display()),
    }
    Ok(Outcome::Success)
}

fn relative<'p>(path: &'p Path, ctx: &Ctx) -> &'p Path {
    path.strip_prefix(&ctx.wiki.root).unwrap_or(path)
}
