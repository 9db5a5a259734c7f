//! `pm actions`: every action item across the wiki, with a CSV that Jira's importer takes.

use std::path::Path;

use chrono::NaiveDate;
use clap::{Args, ValueEnum};
use serde::Serialize;

use crate::cmd::Outcome;
use crate::context::Ctx;
use crate::error::Error;
use crate::render::csv::csv;
use crate::render::table::{self, Table};
use crate::render::{print_line, print_text};
use crate::store::catalog;

#[derive(Debug, Args)]
#[allow(clippy::struct_excessive_bools)] // one per filter flag, as clap wants them
pub struct ActionsArgs {
    /// Only items still open
    #[arg(long, conflicts_with = "done")]
    pub open: bool,
    /// Only items ticked done
    #[arg(long)]
    pub done: bool,
    /// Only open items whose due date has passed
    #[arg(long)]
    pub overdue: bool,
    /// Only items of this owner (`@mary` or `mary`)
    #[arg(long, value_name = "OWNER")]
    pub owner: Option<String>,
    /// Only tracked items without a ticket
    #[arg(long)]
    pub ticket_missing: bool,
    /// Output format; csv imports into Jira (Summary, Assignee, Due date, Labels, Description)
    #[arg(long, value_enum, default_value_t = ActionsFormat::Table)]
    pub format: ActionsFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ActionsFormat {
    Table,
    Json,
    Csv,
}

#[derive(Debug, Serialize)]
struct Row<'a> {
    document: &'a Path,
    line: usize,
    incident: &'a str,
    text: &'a str,
    owner: Option<&'a str>,
    ticket: Option<&'a str>,
    due: Option<NaiveDate>,
    done: bool,
    overdue: bool,
    /// Under "If we have time": an aspiration, not tracked work.
    later: bool,
}

pub(crate) fn run(args: &ActionsArgs, ctx: &Ctx) -> Result<Outcome, Error> {
    let today = ctx.today();
    let summaries = catalog::summaries(ctx)?;
    let wanted_owner = args.owner.as_deref().map(bare_handle);
    let rows: Vec<Row> = summaries
        .iter()
        .flat_map(|s| s.actions.iter().map(move |a| (s, a)))
        .map(|(s, a)| Row {
            document: &s.path,
            line: a.line + 1,
            incident: &s.title,
            text: &a.item.text,
            owner: a.item.owner.as_deref(),
            ticket: a.item.ticket.as_deref(),
            due: a.item.due,
            done: a.item.done,
            overdue: !a.item.done && a.item.due.is_some_and(|d| d < today),
            later: a.later,
        })
        .filter(|r| !args.open || !r.done)
        .filter(|r| !args.done || r.done)
        .filter(|r| !args.overdue || r.overdue)
        .filter(|r| !args.ticket_missing || (!r.later && r.ticket.is_none()))
        .filter(|r| {
            wanted_owner.is_none_or(|w| {
                r.owner
                    .is_some_and(|o| bare_handle(o).eq_ignore_ascii_case(w))
            })
        })
        .collect();
    match args.format {
        ActionsFormat::Json => print_line(&crate::render::json(&rows)?)?,
        ActionsFormat::Csv => print_text(jira_csv(&rows)?)?,
        ActionsFormat::Table => {
            let cell = |v: Option<&str>| v.unwrap_or("-").to_string();
            let rows = rows
                .iter()
                .map(|r| {
                    let state = match (r.done, r.overdue, r.later) {
                        (true, _, _) => "done",
                        (false, true, _) => "overdue",
                        (false, false, true) => "later",
                        (false, false, false) => "open",
                    };
                    vec![
                        state.to_string(),
                        r.text.to_string(),
                        cell(r.owner),
                        cell(r.ticket),
                        r.due.map_or("-".into(), |d| d.to_string()),
                        format!("{}:{}", r.document.display(), r.line),
                    ]
                })
                .collect();
            let table = Table {
                headers: vec!["STATE", "ACTION", "OWNER", "TICKET", "DUE", "DOCUMENT"],
                rows,
                flexible: 1,
            };
            print_text(table.render(table::terminal_width()))?;
        }
    }
    Ok(Outcome::Success)
}

/// `@mary` and `mary` are the same owner.
fn bare_handle(owner: &str) -> &str {
    owner.trim().trim_start_matches('@')
}

/// The columns Jira's CSV importer maps without configuration.
fn jira_csv(rows: &[Row]) -> Result<String, Error> {
    let records: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            let mut description = format!(
                "From the post-mortem \"{}\" ({})",
                r.incident,
                r.document.display()
            );
            if let Some(ticket) = r.ticket {
                description.push_str("; ticket ");
                description.push_str(ticket);
            }
            if r.done {
                description.push_str("; done");
            }
            vec![
                r.text.to_string(),
                r.owner.map(bare_handle).unwrap_or_default().to_string(),
                r.due.map(|d| d.to_string()).unwrap_or_default(),
                "postmortem".to_string(),
                description,
            ]
        })
        .collect();
    csv(
        &["Summary", "Assignee", "Due date", "Labels", "Description"],
        &records,
    )
}
