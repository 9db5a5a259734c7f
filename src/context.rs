//! `Ctx`: everything a command needs to know about where and when it runs, resolved once.

use std::io::IsTerminal;
use std::time::Duration;

use chrono::{DateTime, FixedOffset};

use crate::cli::GlobalArgs;
use crate::config::{self, Config};
use crate::error::Error;
use crate::git;
use crate::store::wiki::Wiki;

pub(crate) struct Ctx {
    pub(crate) wiki: Wiki,
    pub(crate) config: Config,
    /// "Now", from `PM_NOW` when set (tests, replaying an incident), else the system clock.
    pub(crate) now: DateTime<FixedOffset>,
    /// Whether prompts may be shown: not `--no-input`, and stdin and stderr are terminals.
    pub(crate) interactive: bool,
    /// How long a write waits for another program's lock on a document.
    pub(crate) lock_timeout: Duration,
}

impl Ctx {
    pub(crate) fn new(global: &GlobalArgs) -> Result<Ctx, Error> {
        let now = now()?;
        let lock_timeout = lock_timeout(std::env::var("PM_LOCK_TIMEOUT_MS").ok().as_deref())?;
        let user = config::load_user()?;
        let user_file = config::user_config_path();
        let default = user.wiki.as_deref().zip(user_file.as_deref());
        let wiki = Wiki::find(global.wiki.as_deref(), default)?;
        let config = config::load(&wiki.root, &user)?;
        let interactive =
            !global.no_input && std::io::stdin().is_terminal() && std::io::stderr().is_terminal();
        Ok(Ctx {
            wiki,
            config,
            now,
            interactive,
            lock_timeout,
        })
    }

    /// Today's date in the wiki's zone: what "overdue" is measured against.
    pub(crate) fn today(&self) -> chrono::NaiveDate {
        self.now.with_timezone(&self.config.timezone).date_naive()
    }

    /// The name to record as lead or author: the user's config, else git's `user.name`.
    pub(crate) fn user_name(&self) -> Option<String> {
        if let Some(name) = &self.config.user_name {
            return Some(name.clone());
        }
        git::user_name(&self.wiki.root)
    }
}

/// How long a write waits for another program's lock on a document: 10 s, or the value of
/// `PM_LOCK_TIMEOUT_MS` (for scripts that would rather fail fast, and for tests). A value that
/// is not a whole number of milliseconds is a usage error: ignored, it would leave a script
/// waiting 10 s it meant to cut short.
fn lock_timeout(value: Option<&str>) -> Result<Duration, Error> {
    let Some(value) = value.filter(|v| !v.trim().is_empty()) else {
        return Ok(Duration::from_secs(10));
    };
    let digits = value.trim();
    digits
        .bytes()
        .all(|b| b.is_ascii_digit())
        .then(|| digits.parse::<u64>().ok())
        .flatten()
        .map(Duration::from_millis)
        .ok_or_else(|| Error::InvalidValue {
            what: "`PM_LOCK_TIMEOUT_MS`",
            value: value.to_string(),
            reason: "expected a whole number of milliseconds, like `500`; unset it for the \
                     default of 10 s"
                .into(),
        })
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lock_timeouts() {
        assert_eq!(lock_timeout(None).unwrap(), Duration::from_secs(10));
        assert_eq!(lock_timeout(Some("")).unwrap(), Duration::from_secs(10));
        assert_eq!(
            lock_timeout(Some(" 250 ")).unwrap(),
            Duration::from_millis(250)
        );
        assert_eq!(lock_timeout(Some("0")).unwrap(), Duration::ZERO);
        for bad in [
            "abc",
            "-5",
            "+5",
            "1e3",
            "2.5",
            "10s",
            "99999999999999999999999",
        ] {
            let err = lock_timeout(Some(bad)).unwrap_err();
            assert_eq!(
                err.to_string(),
                format!(
                    "invalid `PM_LOCK_TIMEOUT_MS` `{bad}`: expected a whole number of \
                     milliseconds, like `500`; unset it for the default of 10 s"
                )
            );
            assert_eq!(err.exit_code(), 2);
        }
    }
}
