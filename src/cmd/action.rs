//! `pm action add`: an action item, with owner, ticket and due date, in the current post-mortem.

use clap::{Args, Subcommand};

use crate::action_item::{self, ItemError};
use crate::cmd::Outcome;
use crate::cmd::timeline::{DocArg, document_path};
use crate::context::Ctx;
use crate::doc::{self, Document, actions, splice::Edit};
use crate::error::Error;
use crate::fsio;
use crate::output::print_line;

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
    #[command(flatten)]
    pub doc: DocArg,
}

pub(crate) fn run(args: &ActionArgs, ctx: &Ctx) -> Result<Outcome, Error> {
    match &args.command {
        ActionCommand::Add(add) => run_add(add, ctx),
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
    let line = action_item::format_item(&text, args.owner.as_deref(), args.ticket.as_deref(), due);

    let path = document_path(&args.doc, ctx)?;
    let names = doc::section_names(&ctx.config);
    fsio::update_locked(&path, Ctx::lock_timeout(), |current| {
        let document = Document::parse(current.to_string());
        let (offset, insert) =
            actions::insertion(&document, &names, args.later, &line).map_err(|e| {
                Error::Refused {
                    reason: format!("cannot add the item to `{}`: {e}", path.display()),
                    hint: Some("add it by hand; nothing was written".into()),
                }
            })?;
        Ok::<_, Error>(Some(doc::splice::apply(
            &document.text,
            &[Edit::insert(offset, insert)],
        )))
    })?;
    print_line(&line)?;
    Ok(Outcome::Success)
}
