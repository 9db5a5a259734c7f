//! `pm timeline add` and `pm timeline list`: the incident log.

use std::io::Read;
use std::path::Path;

use chrono::{DateTime, FixedOffset, SecondsFormat};
use clap::{Args, Subcommand, ValueEnum};
use serde::Serialize;

use crate::check::secrets;
use crate::cmd::{DocArg, Outcome, document_path};
use crate::context::Ctx;
use crate::doc::actions::item::normalize_text;
use crate::doc::timeline::{self as doc_timeline, ItemKind, Layout};
use crate::doc::{Document, splice::Edit};
use crate::error::Error;
use crate::render::print_line;
use crate::store::edit;
use crate::store::fsio;
use crate::time::format::format_stamp_in;
use crate::time::when;
use crate::time::zone::Zone;

#[derive(Debug, Args)]
pub struct TimelineArgs {
    #[command(subcommand)]
    pub command: TimelineCommand,
}

#[derive(Debug, Subcommand)]
pub enum TimelineCommand {
    /// Add an entry, in time order, to the current post-mortem
    #[command(
        after_help = "Examples:\n  pm timeline add Rolled back checkout to v2.3.0\n  \
        pm timeline add --at 14:05 --detected \"Checkout error rate above 5%\"\n  \
        tail -1 deploy.log | pm timeline add -"
    )]
    Add(AddArgs),
    /// Print the entries in order, with the gap since the previous one and since the start
    #[command(after_help = "Examples:\n  pm timeline list\n  pm timeline list --format json")]
    List(ListArgs),
}

#[derive(Debug, Args)]
#[allow(clippy::struct_excessive_bools)] // independent command-line switches, not a state
pub struct AddArgs {
    /// What happened (Markdown is kept); `-` reads it from stdin
    #[arg(required = true, value_name = "TEXT")]
    pub text: Vec<String>,
    /// When it happened: now, 14:05, 14:05:30, 2026-11-20 14:05, RFC 3339, -15m, 2h ago; a
    /// zone or offset may follow, else the wiki's zone applies
    #[arg(
        long,
        value_name = "WHEN",
        default_value = "now",
        allow_hyphen_values = true
    )]
    pub at: String,
    /// Who logged it (default: git's user.name)
    #[arg(long, value_name = "NAME")]
    pub author: Option<String>,
    /// Also set `detected` in the front matter to this time
    #[arg(long)]
    pub detected: bool,
    /// Also set `mitigated` in the front matter to this time
    #[arg(long)]
    pub mitigated: bool,
    /// Also set `resolved` in the front matter to this time
    #[arg(long)]
    pub resolved: bool,
    /// Write the text even if it looks like a token or password (a detector's mistake)
    #[arg(long)]
    pub allow_secret: bool,
    #[command(flatten)]
    pub doc: DocArg,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    #[command(flatten)]
    pub doc: DocArg,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
}

pub(crate) fn run(args: &TimelineArgs, ctx: &Ctx) -> Result<Outcome, Error> {
    match &args.command {
        TimelineCommand::Add(add) => run_add(add, ctx),
        TimelineCommand::List(list) => run_list(list, ctx),
    }
}

fn run_add(args: &AddArgs, ctx: &Ctx) -> Result<Outcome, Error> {
    let path = document_path(&args.doc, ctx)?;
    let at = when::parse_when(&args.at, ctx.now, ctx.config.timezone).map_err(|e| {
        Error::InvalidValue {
            what: "time (`--at`)",
            value: args.at.clone(),
            reason: e.to_string(),
        }
    })?;
    let text = entry_text(&args.text)?;
    secrets::refuse_secret("the entry", &text, args.allow_secret)?;
    let author = match &args.author {
        Some(author) => Some(normalize_text(author)).filter(|a| !a.is_empty()),
        None => ctx.user_name(),
    };
    if let Some(author) = &author {
        secrets::refuse_secret("the author", author, args.allow_secret)?;
    }
    let milestones: Vec<&str> = [
        (args.detected, "detected"),
        (args.mitigated, "mitigated"),
        (args.resolved, "resolved"),
    ]
    .into_iter()
    .filter_map(|(set, key)| set.then_some(key))
    .collect();

    let names = ctx.config.section_names();
    let file_name = path.file_name().and_then(|n| n.to_str());
    let written = edit::edit(&path, ctx.lock_timeout, |document| {
        // Bare times of a document that gives no date are taken on the new entry's day, so
        // it still goes in time order among them.
        let context = doc_timeline::Context {
            zone: ctx.config.timezone,
            date_order: ctx.config.date_order,
            file_name,
            last_resort: Some(at.with_timezone(&ctx.config.timezone).date_naive()),
        };
        let timeline = doc_timeline::read(document, &names, &context);
        let insertion =
            doc_timeline::insertion(document, &names, &timeline, at, &text, author.as_deref());
        let mut edits = vec![Edit::insert(insertion.offset, insertion.text)];
        for key in &milestones {
            edits.push(set_time(document, &path, key, at)?);
        }
        Ok((edits, insertion.entry))
    })?;
    print_line(&written)?;
    Ok(Outcome::Success)
}

/// The entry's text from the arguments, or stdin for `-`, made one line.
fn entry_text(words: &[String]) -> Result<String, Error> {
    let raw = if words.len() == 1 && words[0] == "-" {
        let mut input = String::new();
        std::io::stdin()
            .read_to_string(&mut input)
            .map_err(|source| Error::Io {
                path: "<stdin>".into(),
                action: "read the entry from",
                source,
            })?;
        input
    } else {
        words.join(" ")
    };
    let text = normalize_text(&raw);
    if text.is_empty() {
        return Err(Error::InvalidValue {
            what: "entry text",
            value: raw,
            reason: "it is empty; say what happened".into(),
        });
    }
    Ok(text)
}

/// The edit that sets a front-matter time, or a refusal when there is no TOML block to hold it.
fn set_time(
    doc: &Document,
    path: &Path,
    key: &'static str,
    at: DateTime<FixedOffset>,
) -> Result<Edit, Error> {
    let value = at.to_rfc3339_opts(SecondsFormat::Secs, true);
    let edit = doc
        .front
        .as_ref()
        .and_then(|front| front.set(&doc.text, key, &value, doc.newline));
    edit.ok_or_else(|| Error::NoFrontMatter {
        key,
        value,
        path: path.to_path_buf(),
    })
}

/// One entry as `pm timeline list` reports it.
#[derive(Debug, Serialize)]
struct Listed {
    /// 1-based line in the file.
    line: usize,
    /// The instant, when the stamp could be read and placed on a date.
    at: Option<String>,
    /// The stamp as written (without emphasis or brackets); empty for an unreadable line.
    stamp: String,
    /// Whether the stamp gives a time of day (a line may give only a date).
    timed: bool,
    approximate: bool,
    /// Seconds since the previous placed entry.
    gap_seconds: Option<i64>,
    /// Seconds since `started` (or the first placed entry without one).
    since_start_seconds: Option<i64>,
    /// The text after the stamp; the whole line for one that cannot be read.
    text: String,
    readable: bool,
}

fn run_list(args: &ListArgs, ctx: &Ctx) -> Result<Outcome, Error> {
    let path = document_path(&args.doc, ctx)?;
    let document = Document::parse(fsio::read_text(&path)?);
    let names = ctx.config.section_names();
    let context = doc_timeline::Context {
        zone: ctx.config.timezone,
        date_order: ctx.config.date_order,
        file_name: path.file_name().and_then(|n| n.to_str()),
        last_resort: None,
    };
    let timeline = doc_timeline::read(&document, &names, &context);
    let started = document
        .meta
        .started()
        .or_else(|| timeline.items.iter().find_map(doc_timeline::Item::at));
    let mut previous: Option<DateTime<FixedOffset>> = None;
    let mut listed = Vec::new();
    for item in &timeline.items {
        let line = document.line(item.line);
        let (text, written, timed, approximate) = match &item.kind {
            ItemKind::Entry { stamp, .. } => {
                let rest = line.get(stamp.text_start..).unwrap_or("");
                let rest = match item.layout {
                    Layout::Table { .. } => rest.trim().trim_end_matches('|').trim_end(),
                    // A heading entry's text is the first line of its paragraphs.
                    Layout::Heading => (item.line + 1..item.lines.end)
                        .map(|i| document.line(i).trim())
                        .find(|l| !l.is_empty())
                        .unwrap_or(""),
                    _ => rest.trim(),
                };
                let written = line.get(stamp.span.clone()).unwrap_or("");
                let written = written.trim_matches(['*', '_', '`', '[', ']', ':', ' ']);
                (
                    rest.replace(" | ", " · "),
                    written.to_string(),
                    stamp.time.is_some(),
                    stamp.approximate,
                )
            }
            ItemKind::Unreadable => (line.trim().to_string(), String::new(), false, false),
        };
        let at = item.at();
        let text = secrets::blot(&text)?.into_owned();
        listed.push(Listed {
            line: item.line + 1,
            at: at.map(|t| t.to_rfc3339_opts(SecondsFormat::Secs, true)),
            stamp: secrets::blot(&written)?.into_owned(),
            timed,
            approximate,
            gap_seconds: at.zip(previous).map(|(t, p)| (t - p).num_seconds()),
            since_start_seconds: at.zip(started).map(|(t, s)| (t - s).num_seconds()),
            text,
            readable: !matches!(item.kind, ItemKind::Unreadable),
        });
        if at.is_some() {
            previous = at;
        }
    }
    match args.format {
        Format::Json => {
            print_line(&crate::render::json(&listed)?)?;
        }
        Format::Text => {
            for entry in &listed {
                print_line(&text_row(entry, timeline.zone))?;
            }
        }
    }
    Ok(Outcome::Success)
}

/// `14:05 UTC   +1h05m   (+5m)   text`, or the line number and the raw line when unreadable.
fn text_row(entry: &Listed, zone: Zone) -> String {
    if !entry.readable {
        return format!("line {:<5} unreadable time: {}", entry.line, entry.text);
    }
    // Without an instant, the stamp as written: a time the document gives no date for says
    // so; a day (`2023-03-14`) is shown as it is.
    let when = entry
        .at
        .as_deref()
        .and_then(|t| DateTime::parse_from_rfc3339(t).ok())
        .map_or_else(
            || {
                if entry.timed {
                    format!("{} (no date)", entry.stamp)
                } else {
                    entry.stamp.clone()
                }
            },
            |t| format_stamp_in(t, zone),
        );
    let tilde = if entry.approximate { "~" } else { " " };
    format!(
        "{tilde}{when:<22} {:>8} {:>8}  {}",
        entry.since_start_seconds.map_or(String::new(), signed_span),
        entry
            .gap_seconds
            .map_or(String::new(), |s| format!("({})", signed_span(s))),
        entry.text
    )
}

/// `+1h05m`, `-3m`, `+0m`, `+2d3h`.
fn signed_span(seconds: i64) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let s = seconds.unsigned_abs();
    let (d, h, m) = (s / 86_400, s % 86_400 / 3600, s % 3600 / 60);
    match (d, h) {
        (0, 0) => format!("{sign}{m}m"),
        (0, _) => format!("{sign}{h}h{m:02}m"),
        _ => format!("{sign}{d}d{h}h"),
    }
}

#[cfg(test)]
mod tests {
    use super::signed_span;

    #[test]
    fn spans() {
        assert_eq!(signed_span(0), "+0m");
        assert_eq!(signed_span(65 * 60), "+1h05m");
        assert_eq!(signed_span(-180), "-3m");
        assert_eq!(signed_span(2 * 86_400 + 3 * 3600), "+2d3h");
    }
}
