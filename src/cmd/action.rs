//! `pm action add` and `pm action done`: action items, with owner, ticket and due date.

use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};

use crate::check::secrets;
use crate::cmd::Outcome;
use crate::cmd::{DocArg, document_path};
use crate::context::Ctx;
use crate::doc::actions::Action;
use crate::doc::actions::item::{self as action_item, ItemError};
use crate::doc::{Document, actions, splice::Edit};
use crate::error::Error;
use crate::render::print_line;
use crate::store::catalog;
use crate::store::edit;
use crate::store::fsio;

#[derive(Debug, Args)]
pub struct ActionArgs {
    #[command(subcommand)]
    pub command: ActionCommand,
}

#[derive(Debug, Subcommand)]
pub enum ActionCommand {
    /// Add an action item to the current post-mortem
    #[command(
        after_help = "Examples:\n  pm action add Alert on price mismatches --owner @mary \
        --ticket SHOP-123 --due 2026-12-04\n  pm action add --later Rewrite the pricing cache"
    )]
    Add(AddArgs),
    /// Tick an action item done, found by its ticket or by words of its text
    #[command(
        after_help = "Examples:\n  pm action done SHOP-123\n  pm action done price mismatches --doc checkout-outage"
    )]
    Done(DoneArgs),
}

#[derive(Debug, Args)]
pub struct DoneArgs {
    /// The item's ticket (SHOP-123) or words of its text
    #[arg(required = true, value_name = "TEXT-OR-TICKET")]
    pub query: Vec<String>,
    /// The post-mortem (default: the current one, then the whole wiki)
    #[arg(long, env = "PM_DOC", value_name = "DOC")]
    pub doc: Option<String>,
}

#[derive(Debug, Args)]
pub struct AddArgs {
    /// What is to be done
    #[arg(required = true, value_name = "TEXT")]
    pub text: Vec<String>,
    /// Who owns it: a handle like @mary or a name
    #[arg(long, value_name = "OWNER")]
    pub owner: Option<String>,
    /// Its ticket: a Jira key like SHOP-123, #123, owner/repo#123 or a URL
    #[arg(long, value_name = "TICKET")]
    pub ticket: Option<String>,
    /// When it is due, YYYY-MM-DD
    #[arg(long, value_name = "DATE")]
    pub due: Option<String>,
    /// Put it under "If we have time" (not tracked as a ticket)
    #[arg(long)]
    pub later: bool,
    /// Write the text even if it looks like a token or password (a detector's mistake)
    #[arg(long)]
    pub allow_secret: bool,
    #[command(flatten)]
    pub doc: DocArg,
}

pub(crate) fn run(args: &ActionArgs, ctx: &Ctx) -> Result<Outcome, Error> {
    match &args.command {
        ActionCommand::Add(add) => run_add(add, ctx),
        ActionCommand::Done(done) => run_done(done, ctx),
    }
}

fn run_add(args: &AddArgs, ctx: &Ctx) -> Result<Outcome, Error> {
    let text = action_item::normalize_text(&args.text.join(" "));
    if text.is_empty() {
        return Err(Error::InvalidValue {
            what: "action item text",
            value: args.text.join(" "),
            reason: "it is empty; say what is to be done".into(),
        });
    }
    for (what, value) in [
        ("the action item", Some(&text)),
        ("the owner (`--owner`)", args.owner.as_ref()),
        ("the ticket (`--ticket`)", args.ticket.as_ref()),
    ] {
        if let Some(value) = value {
            secrets::refuse_secret(what, value, args.allow_secret)?;
        }
    }
    let invalid = |what: &'static str, value: &str, e: ItemError| Error::InvalidValue {
        what,
        value: value.to_string(),
        reason: e.to_string(),
    };
    if let Some(owner) = &args.owner {
        action_item::validate_owner(owner).map_err(|e| invalid("owner (`--owner`)", owner, e))?;
    }
    if let Some(ticket) = &args.ticket {
        action_item::validate_ticket(ticket)
            .map_err(|e| invalid("ticket (`--ticket`)", ticket, e))?;
    }
    let due = match &args.due {
        Some(due) => {
            Some(action_item::parse_due(due).map_err(|e| invalid("due date (`--due`)", due, e))?)
        }
        None => None,
    };
    let new = actions::NewItem {
        text: &text,
        owner: args.owner.as_deref(),
        ticket: args.ticket.as_deref(),
        due,
    };
    let path = document_path(&args.doc, ctx)?;
    let names = ctx.config.section_names();
    let line = edit::edit(&path, ctx.lock_timeout, |document| {
        let (offset, insert, line) = actions::styled_insertion(document, &names, args.later, new)
            .map_err(|e| Error::ActionNotPlaced {
            path: path.clone(),
            why: e.to_string(),
        })?;
        Ok((vec![Edit::insert(offset, insert)], line))
    })?;
    print_line(line.trim_start())?;
    Ok(Outcome::Success)
}

/// An item that matches the query, with the document it is in.
struct Match {
    path: PathBuf,
    action: Action,
}

fn run_done(args: &DoneArgs, ctx: &Ctx) -> Result<Outcome, Error> {
    let query = action_item::normalize_text(&args.query.join(" "));
    let names = ctx.config.section_names();
    let search = |path: &Path| -> Result<Vec<Match>, Error> {
        let document = Document::parse(fsio::read_text(path)?);
        Ok(matching(&actions::read(&document, &names), &query)
            .into_iter()
            .map(|action| Match {
                path: path.to_path_buf(),
                action,
            })
            .collect())
    };
    let mut found = Vec::new();
    if args.doc.is_some() {
        found = search(&super::named_document(args.doc.as_deref(), ctx)?)?;
    } else if let Some(current) = ctx.wiki.current().filter(|p| p.is_file()) {
        found = search(&current)?;
    }
    if found.is_empty() && args.doc.is_none() {
        let paths = catalog::wiki_documents(ctx)?;
        // Files that cannot be read (or that trip a bug in pm) cannot hold the item; `pm list`
        // reports them.
        found = catalog::parallel_map(&paths, |p| {
            catalog::isolated(|| search(p).unwrap_or_default()).unwrap_or_default()
        })
        .into_iter()
        .flatten()
        .collect();
    }
    let one = match found.len() {
        1 => found.remove(0),
        0 => {
            return Err(Error::NoActionMatches { query });
        }
        _ => {
            let matches = found
                .iter()
                .map(|m| {
                    format!(
                        "  {}:{}: {}",
                        m.path.display(),
                        m.action.line + 1,
                        m.action.item.text
                    )
                })
                .collect();
            return Err(Error::ActionsMatch { query, matches });
        }
    };
    let shown = one.path.strip_prefix(&ctx.wiki.root).unwrap_or(&one.path);
    let place = format!("{}:{}", shown.display(), one.action.line + 1);
    if one.action.item.done {
        eprintln!("already done: {} ({place})", one.action.item.text);
        return Ok(Outcome::Success);
    }
    edit::edit(&one.path, ctx.lock_timeout, |document| {
        // Found again under the lock: the file may have changed since it was searched.
        let action = matching(&actions::read(document, &names), &query)
            .into_iter()
            .find(|a| a.item.text == one.action.item.text && !a.item.done)
            .ok_or_else(|| Error::ActionChanged {
                place: place.clone(),
            })?;
        let edits =
            actions::done_edit(document, &names, &action).ok_or_else(|| Error::NoCheckbox {
                place: place.clone(),
            })?;
        Ok((edits, ()))
    })?;
    print_line(&format!("done: {} ({place})", one.action.item.text))?;
    Ok(Outcome::Success)
}

/// The items the query names: those whose ticket it is (however either is written), else
/// those whose text contains it.
fn matching(all: &[Action], query: &str) -> Vec<Action> {
    let by_ticket: Vec<Action> = all
        .iter()
        .filter(|a| {
            a.item
                .ticket
                .as_deref()
                .is_some_and(|t| actions::same_ticket(t, query))
        })
        .cloned()
        .collect();
    if !by_ticket.is_empty() {
        return by_ticket;
    }
    let query = query.to_lowercase();
    all.iter()
        .filter(|a| !query.is_empty() && a.item.text.to_lowercase().contains(&query))
        .cloned()
        .collect()
}
