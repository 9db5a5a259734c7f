//! `pm new`: gather the fields from flags and prompts, render the template, write the file.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Datelike, Days, FixedOffset, NaiveDate, SecondsFormat, Weekday};
use clap::Args;

use crate::check::secrets;
use crate::cmd::Outcome;
use crate::context::Ctx;
use crate::doc::meta::STATUSES;
use crate::error::Error;
use crate::prompt::{Field, NoInput, Prompter, Terminal};
use crate::render::print_line;
use crate::slug;
use crate::store::fsio::{self, FsError};
use crate::template::Templates;
use crate::time::when;

#[derive(Debug, Args)]
pub struct NewArgs {
    /// The incident's title, e.g. "Checkout outage"
    #[arg(value_name = "TITLE")]
    pub title: Vec<String>,
    /// Severity, one of the wiki's `severities` (default: SEV1..SEV4)
    #[arg(long, short)]
    pub severity: Option<String>,
    /// When the incident started: now, 14:05, "2026-11-20 14:05", -15m, 2h ago, RFC 3339
    #[arg(long, value_name = "WHEN", allow_hyphen_values = true)]
    pub started: Option<String>,
    /// Who leads the incident (default: git's `user.name`)
    #[arg(long)]
    pub lead: Option<String>,
    /// One line on the impact, written under "Impact and scope"
    #[arg(long)]
    pub impact: Option<String>,
    /// Extra front matter, KEY=VALUE (VALUE is TOML, else a string); repeatable
    #[arg(long = "set", value_name = "KEY=VALUE")]
    pub set: Vec<String>,
    /// Template to use: `.pm/templates/NAME.md.tera`, else the built-in (default: `postmortem`)
    #[arg(long, value_name = "NAME")]
    pub template: Option<String>,
    /// Open the new file in `$VISUAL` or `$EDITOR` afterwards
    #[arg(long)]
    pub edit: bool,
    /// Write the text even if it looks like a token or password (a detector's mistake)
    #[arg(long)]
    pub allow_secret: bool,
}

/// Front-matter keys that have a flag of their own.
const KEYS_WITH_FLAGS: [(&str, &str); 5] = [
    ("title", "TITLE"),
    ("severity", "--severity"),
    ("started", "--started"),
    ("lead", "--lead"),
    ("review_by", "the wiki's `review_days`"),
];

pub(crate) fn run(args: &NewArgs, ctx: &Ctx) -> Result<Outcome, Error> {
    let prompter: &dyn Prompter = if ctx.interactive { &Terminal } else { &NoInput };
    // Check flags that need no answers first, so a typo fails before any question is asked.
    let extra = parse_sets(&args.set)?;
    let template = args.template.as_deref().unwrap_or(&ctx.config.template);
    let templates = Templates::load(&ctx.wiki.root)?;

    let fields = ask(args, ctx, prompter)?;
    let front_matter = front_matter(&fields, &extra)?;
    for (what, value) in [
        ("the title", fields.title.as_str()),
        ("the lead (`--lead`)", &fields.lead),
        ("the impact (`--impact`)", &fields.impact),
        ("the front matter (`--set`)", &front_matter),
    ] {
        secrets::refuse_secret(what, value, args.allow_secret)?;
    }
    let mut context = tera::Context::new();
    context.insert("title", &fields.title);
    context.insert("severity", &fields.severity);
    context.insert("status", "draft");
    context.insert(
        "started",
        &fields.started.to_rfc3339_opts(SecondsFormat::Secs, true),
    );
    context.insert("review_by", &fields.review_by.to_string());
    context.insert("lead", &fields.lead);
    context.insert("impact", &fields.impact);
    context.insert("front_matter", &front_matter);
    let text = templates.render(template, &context)?;

    let date = fields
        .started
        .with_timezone(&ctx.config.timezone)
        .date_naive();
    let path = create(
        &ctx.wiki.root.join(&ctx.config.folder),
        &date.to_string(),
        &fields.title,
        &text,
    )?;
    ctx.wiki.set_current(&path)?;
    print_line(&display_path(&path).display().to_string())?;
    if args.edit {
        edit(&path)?;
    }
    Ok(Outcome::Success)
}

/// What the user told us, by flag or at a prompt.
struct Fields {
    title: String,
    severity: String,
    started: DateTime<FixedOffset>,
    review_by: NaiveDate,
    lead: String,
    impact: String,
}

fn ask(args: &NewArgs, ctx: &Ctx, prompter: &dyn Prompter) -> Result<Fields, Error> {
    let title = if args.title.is_empty() {
        let field = Field {
            prompt: "Title",
            what: "a title",
            flag: "TITLE",
        };
        prompter.input(&field, None, false, &|v| check_title(v).map(|_| ()))?
    } else {
        args.title.join(" ")
    };
    let title = check_title(&title).map_err(|reason| Error::InvalidValue {
        what: "title",
        value: title.clone(),
        reason,
    })?;

    let severities = &ctx.config.severities;
    let severity = if let Some(given) = &args.severity {
        severities
            .iter()
            .find(|s| s.eq_ignore_ascii_case(given.trim()))
            .cloned()
            .ok_or_else(|| Error::InvalidValue {
                what: "severity",
                value: given.clone(),
                reason: format!("expected one of {}", severities.join(", ")),
            })?
    } else {
        let field = Field {
            prompt: "Severity",
            what: "the severity",
            flag: "--severity",
        };
        severities[prompter.select(&field, severities, severities.len() / 2)?].clone()
    };

    let zone = ctx.config.timezone;
    let parse_started = |v: &str| when::parse_when(v, ctx.now, zone);
    let started = if let Some(given) = &args.started {
        given.clone()
    } else {
        let field = Field {
            prompt: "Started",
            what: "the start time",
            flag: "--started",
        };
        prompter.input(&field, Some("now"), false, &|v| {
            parse_started(v).map(|_| ()).map_err(|e| e.to_string())
        })?
    };
    let started = parse_started(&started).map_err(|e| Error::InvalidValue {
        what: "start time (`--started`)",
        value: started.clone(),
        reason: e.to_string(),
    })?;

    let lead = if let Some(lead) = &args.lead {
        lead.clone()
    } else {
        let field = Field {
            prompt: "Lead",
            what: "the incident lead",
            flag: "--lead",
        };
        let default = ctx.user_name();
        prompter.input(&field, default.as_deref(), false, &|v| {
            if v.trim().is_empty() {
                Err("the lead cannot be empty".into())
            } else {
                Ok(())
            }
        })?
    };
    let lead = one_line(&lead);
    if lead.is_empty() {
        return Err(Error::InvalidValue {
            what: "lead (`--lead`)",
            value: lead,
            reason: "it is empty".into(),
        });
    }

    let impact = if let Some(impact) = &args.impact {
        impact.clone()
    } else {
        let field = Field {
            prompt: "Impact (one line)",
            what: "the impact",
            flag: "--impact",
        };
        prompter.input(&field, Some(""), true, &|_| Ok(()))?
    };

    let review_by = review_by(
        started.with_timezone(&zone).date_naive(),
        ctx.config.review_days,
        ctx.config.review_business_days,
    );
    Ok(Fields {
        title,
        severity,
        started,
        review_by,
        lead,
        impact: one_line(&impact),
    })
}

/// A title on one line, without control characters; an empty one is refused.
fn check_title(title: &str) -> Result<String, String> {
    let title = one_line(title);
    if title.is_empty() {
        Err("the title is empty".into())
    } else {
        Ok(title)
    }
}

/// Collapse newlines, control characters and runs of spaces into single spaces.
fn one_line(text: &str) -> String {
    text.split(|c: char| c.is_whitespace() || c.is_control())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The date the review is due: `days` calendar days after the start, or business days.
fn review_by(start: NaiveDate, days: u32, business_days: bool) -> NaiveDate {
    if !business_days {
        return start
            .checked_add_days(Days::new(days.into()))
            .unwrap_or(start);
    }
    let mut date = start;
    let mut left = days;
    while left > 0 {
        date = date.succ_opt().unwrap_or(date);
        if !matches!(date.weekday(), Weekday::Sat | Weekday::Sun) {
            left -= 1;
        }
    }
    date
}

/// `--set KEY=VALUE` pairs: VALUE is read as TOML when it is a TOML value, else as a string.
fn parse_sets(sets: &[String]) -> Result<Vec<(String, toml::Value)>, Error> {
    let mut pairs = Vec::with_capacity(sets.len());
    for set in sets {
        let invalid = |reason: String| Error::InvalidValue {
            what: "`--set`",
            value: set.clone(),
            reason,
        };
        let (key, raw) = set
            .split_once('=')
            .ok_or_else(|| invalid("expected KEY=VALUE".into()))?;
        let key = key.trim();
        let bare = !key.is_empty()
            && key
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
        if !bare {
            return Err(invalid("KEY must be letters, digits, `_` or `-`".into()));
        }
        if let Some((_, flag)) = KEYS_WITH_FLAGS.iter().find(|(k, _)| *k == key) {
            return Err(invalid(format!("`{key}` is set by {flag}")));
        }
        let value = toml_value(raw.trim()).unwrap_or_else(|| toml::Value::String(raw.to_string()));
        if key == "status" && !value.as_str().is_some_and(|s| STATUSES.contains(&s)) {
            return Err(invalid(format!(
                "`status` must be one of {}",
                STATUSES.join(", ")
            )));
        }
        pairs.push((key.to_string(), value));
    }
    Ok(pairs)
}

/// Read `raw` as one TOML value (`true`, `3`, `["api", "db"]`, `2026-11-20`), if it is one.
fn toml_value(raw: &str) -> Option<toml::Value> {
    let mut table: toml::Table = toml::from_str(&format!("v = {raw}")).ok()?;
    if table.len() == 1 {
        table.remove("v")
    } else {
        None
    }
}

/// The TOML front matter, built with the serializer so no title can break it.
fn front_matter(fields: &Fields, extra: &[(String, toml::Value)]) -> Result<String, Error> {
    let datetime = |at: &DateTime<FixedOffset>| -> Result<toml::Value, Error> {
        let text = at.to_rfc3339_opts(SecondsFormat::Secs, true);
        text.parse::<toml::value::Datetime>()
            .map(toml::Value::Datetime)
            .map_err(|e| Error::InvalidValue {
                what: "time",
                value: text.clone(),
                reason: e.to_string(),
            })
    };
    let date = fields
        .review_by
        .to_string()
        .parse::<toml::value::Datetime>()
        .map(toml::Value::Datetime)
        .map_err(|e| Error::InvalidValue {
            what: "date",
            value: fields.review_by.to_string(),
            reason: e.to_string(),
        })?;
    let mut table = toml::Table::new();
    table.insert("title".into(), fields.title.clone().into());
    table.insert("severity".into(), fields.severity.clone().into());
    table.insert("status".into(), "draft".into());
    table.insert("started".into(), datetime(&fields.started)?);
    table.insert("review_by".into(), date);
    table.insert("lead".into(), fields.lead.clone().into());
    table.insert(
        "authors".into(),
        toml::Value::Array(vec![fields.lead.clone().into()]),
    );
    table.insert("services".into(), toml::Value::Array(Vec::new()));
    table.insert("tags".into(), toml::Value::Array(Vec::new()));
    for (key, value) in extra {
        table.insert(key.clone(), value.clone());
    }
    toml::to_string(&table).map_err(|e| Error::InvalidValue {
        what: "front matter",
        value: fields.title.clone(),
        reason: e.to_string(),
    })
}

/// Write `text` under the first free `<date>-<slug>[-N].md` in `folder`; never overwrites,
/// even when another `pm new` picks the same name at the same moment.
fn create(folder: &Path, date: &str, title: &str, text: &str) -> Result<PathBuf, Error> {
    std::fs::create_dir_all(folder).map_err(|source| Error::Io {
        path: folder.into(),
        action: "create",
        source,
    })?;
    let slug = slug::slugify(title);
    for n in 1..=1000 {
        let path = folder.join(slug::file_name(date, &slug, n));
        // A cheap look first: writing a temporary file only to find the name taken is slow.
        if path.symlink_metadata().is_ok() {
            continue;
        }
        match fsio::create_new(&path, text) {
            Ok(()) => return Ok(path),
            Err(FsError::Exists { .. }) => {}
            Err(e) => return Err(e.into()),
        }
    }
    Err(Error::NamesTaken {
        name: format!("{date}-{slug}"),
    })
}

/// The path as the user will want to type it: relative to the current folder when inside it.
fn display_path(path: &Path) -> PathBuf {
    let cwd = std::env::current_dir().ok();
    cwd.and_then(|cwd| path.strip_prefix(cwd).ok().map(Path::to_path_buf))
        .unwrap_or_else(|| path.to_path_buf())
}

/// Open `path` in the user's editor, as git does: `$VISUAL`, else `$EDITOR`, else `vi`,
/// run through the shell so `EDITOR="code --wait"` works.
fn edit(path: &Path) -> Result<(), Error> {
    let editor = ["VISUAL", "EDITOR"]
        .iter()
        .find_map(|v| std::env::var(v).ok().filter(|e| !e.trim().is_empty()))
        .unwrap_or_else(|| "vi".to_string());
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("{editor} \"$1\""))
        .arg("sh")
        .arg(path)
        .status()
        .map_err(|source| Error::Io {
            path: path.into(),
            action: "open an editor on",
            source,
        })?;
    if status.success() {
        Ok(())
    } else {
        Err(Error::EditorFailed {
            editor: editor.clone(),
            status: status.to_string(),
            path: path.to_path_buf(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn review_dates() {
        let fri = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
        assert_eq!(
            review_by(fri, 7, false),
            NaiveDate::from_ymd_opt(2026, 11, 27).unwrap()
        );
        assert_eq!(
            review_by(fri, 5, true),
            NaiveDate::from_ymd_opt(2026, 11, 27).unwrap()
        );
        assert_eq!(
            review_by(fri, 1, true),
            NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
        );
        assert_eq!(review_by(fri, 0, true), fri);
    }

    #[test]
    fn set_values() {
        let sets = [
            "services=[\"api\", \"db\"]",
            "customer=true",
            "note=hello world",
            "x=1\ny=2",
        ]
        .map(String::from);
        let pairs = parse_sets(&sets).unwrap();
        assert_eq!(
            pairs[0].1,
            toml::Value::Array(vec!["api".into(), "db".into()])
        );
        assert_eq!(pairs[1].1, toml::Value::Boolean(true));
        assert_eq!(pairs[2].1, toml::Value::String("hello world".into()));
        assert_eq!(pairs[3].1, toml::Value::String("1\ny=2".into()));
    }

    #[test]
    fn bad_sets() {
        for (set, expected) in [
            ("novalue", "KEY=VALUE"),
            ("=x", "KEY must"),
            ("a b=1", "KEY must"),
            ("severity=SEV1", "--severity"),
            ("status=done", "status"),
        ] {
            let err = parse_sets(&[set.to_string()]).unwrap_err().to_string();
            assert!(err.contains(expected), "{set}: {err}");
        }
    }

    #[test]
    fn titles_become_one_line() {
        assert_eq!(check_title(" a\nb\0c\t d ").unwrap(), "a b c d");
        assert!(check_title(" \n\0 ").is_err());
    }
}
