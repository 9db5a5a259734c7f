//! `Ctx`: everything a command needs to know about where and when it runs, resolved once.

use std::io::IsTerminal;

use chrono::{DateTime, FixedOffset};

use crate::cli::GlobalArgs;
use crate::config::{self, Config};
use crate::error::Error;
use crate::git;
use crate::wiki::Wiki;

pub(crate) struct Ctx {
    pub(crate) wiki: Wiki,
    pub(crate) config: Config,
    /// "Now", from `PM_NOW` when set (tests, replaying an incident), else the system clock.
    pub(crate) now: DateTime<FixedOffset>,
    /// Whether prompts may be shown: not `--no-input`, and stdin and stderr are terminals.
    pub(crate) interactive: bool,
}

impl Ctx {
    pub(crate) fn new(global: &GlobalArgs) -> Result<Ctx, Error> {
        let now = now()?;
        let user = config::load_user()?;
        let wiki = Wiki::find(global.wiki.as_deref(), user.wiki.as_deref())?;
        let config = config::load(&wiki.root, &user)?;
        let interactive =
            !global.no_input && std::io::stdin().is_terminal() && std::io::stderr().is_terminal();
        Ok(Ctx {
            wiki,
            config,
            now,
            interactive,
        })
    }

    /// Today's date in the wiki's zone: what "overdue" is measured against.
    pub(crate) fn today(&self) -> chrono::NaiveDate {
        self.now.with_timezone(&self.config.timezone).date_naive()
    }

    /// How long a write waits for another program's lock on a document: 10 s, or
    /// `PM_LOCK_TIMEOUT_MS` (for scripts that would rather fail fast, and for tests).
    pub(crate) fn lock_timeout() -> std::time::Duration {
        let ms = std::env::var("PM_LOCK_TIMEOUT_MS")
            .ok()
            .and_then(|v| v.trim().parse().ok())
            .unwrap_or(10_000);
        std::time::Duration::from_millis(ms)
    }

    /// The name to record as lead or author: the user's config, else git's `user.name`.
    pub(crate) fn user_name(&self) -> Option<String> {
        if let Some(name) = &self.config.user_name {
            return Some(name.clone());
        }
        git::user_name(&self.wiki.root)
    }
}

/// The current time, or the one `PM_NOW` fixes.
fn now() -> Result<DateTime<FixedOffset>, Error> {
    match std::env::var("PM_NOW") {
        Ok(value) if !value.is_empty() => {
            DateTime::parse_from_rfc3339(&value).map_err(|e| Error::InvalidValue {
                what: "`PM_NOW`",
                value,
                reason: format!("{e}; expected an RFC 3339 time like `2026-11-20T14:05:00Z`"),
            })
        }
        _ => Ok(chrono::Local::now().fixed_offset()),
    }
}
