//! `pm list`: every post-mortem of the wiki, newest first.

use std::path::Path;

use chrono::NaiveDate;
use clap::{Args, ValueEnum};
use serde::Serialize;

use crate::cmd::Outcome;
use crate::context::Ctx;
use crate::doc::summary::Summary;
use crate::error::Error;
use crate::render::table::{self, Table};
use crate::render::{print_line, print_text};
use crate::store::catalog;

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only post-mortems with this status (draft, review, published)
    #[arg(long, value_name = "STATUS")]
    pub status: Option<String>,
    /// Only post-mortems of this severity
    #[arg(long, value_name = "SEVERITY")]
    pub severity: Option<String>,
    /// Only incidents on or after this date (YYYY-MM-DD)
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub since: Option<NaiveDate>,
    /// Output format
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Table,
    Json,
}

fn parse_date(value: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(value.trim(), "%Y-%m-%d")
        .map_err(|_| format!("`{value}` is not a date like `2026-11-20`"))
}

#[derive(Serialize)]
struct Listed<'a> {
    path: &'a Path,
    date: Option<NaiveDate>,
    severity: Option<&'a str>,
    status: Option<&'a str>,
    title: &'a str,
    lead: Option<&'a str>,
    actions_open: usize,
    actions_total: usize,
    review_by: Option<NaiveDate>,
    review_overdue: bool,
}

pub(crate) fn run(args: &ListArgs, ctx: &Ctx) -> Result<Outcome, Error> {
    let today = ctx.today();
    let matches = |wanted: &Option<String>, value: &Option<String>| {
        wanted
            .as_ref()
            .is_none_or(|w| value.as_ref().is_some_and(|v| v.eq_ignore_ascii_case(w)))
    };
    let summaries: Vec<Summary> = catalog::summaries(ctx)?
        .into_iter()
        .filter(|s| matches(&args.status, &s.status) && matches(&args.severity, &s.severity))
        .filter(|s| {
            args.since
                .is_none_or(|since| s.date.is_some_and(|d| d >= since))
        })
        .collect();
    let listed: Vec<Listed> = summaries
        .iter()
        .map(|s| {
            let (open, total) = s.action_counts();
            Listed {
                path: &s.path,
                date: s.date,
                severity: s.severity.as_deref(),
                status: s.status.as_deref(),
                title: &s.title,
                lead: s.lead.as_deref(),
                actions_open: open,
                actions_total: total,
                review_by: s.review_by,
                review_overdue: s.review_overdue(today),
            }
        })
        .collect();
    match args.format {
        ListFormat::Json => print_line(&crate::render::json(&listed)?)?,
        ListFormat::Table => {
            let text = |v: Option<&str>| v.unwrap_or("-").to_string();
            let date = |d: Option<NaiveDate>| d.map_or("-".into(), |d| d.to_string());
            let rows = listed
                .iter()
                .map(|l| {
                    let review = match (l.review_by, l.review_overdue) {
                        (Some(d), true) => format!("{d} overdue"),
                        (d, false) => date(d),
                        (None, true) => "-".into(),
                    };
                    vec![
                        date(l.date),
                        text(l.severity),
                        text(l.status),
                        l.title.to_string(),
                        text(l.lead),
                        format!("{}/{}", l.actions_open, l.actions_total),
                        review,
                        l.path.display().to_string(),
                    ]
                })
                .collect();
            let table = Table {
                headers: vec![
                    "DATE",
                    "SEVERITY",
                    "STATUS",
                    "TITLE",
                    "LEAD",
                    "ACTIONS",
                    "REVIEW BY",
                    "FILE",
                ],
                rows,
                flexible: 3,
            };
            print_text(table.render(table::terminal_width()))?;
        }
    }
    Ok(Outcome::Success)
}
