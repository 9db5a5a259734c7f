//! `Meta`: a post-mortem's front matter as typed values, read once per document. Every reader
//! of a title, a status or a milestone (`pm check`, `pm list`, the timeline, publish) takes
//! it from here, so a key is read one way everywhere.

use chrono::{DateTime, FixedOffset, NaiveDate};

use crate::doc::front_matter::FrontMatter;

/// The statuses a post-mortem moves through, in order.
pub(crate) const STATUSES: [&str; 3] = ["draft", "review", "published"];

/// A front-matter value that is there: read, or why it cannot be.
pub(crate) type Value<T> = Result<T, String>;

/// The front matter's values. A key that is absent is `None`; one that is present but cannot
/// be read is `Some(Err(why))`, so `pm check` can report it and everyone else can skip it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Meta {
    /// String values as written; may be empty.
    pub(crate) title: Option<String>,
    pub(crate) severity: Option<String>,
    pub(crate) status: Option<String>,
    pub(crate) lead: Option<String>,
    pub(crate) started: Option<Value<DateTime<FixedOffset>>>,
    pub(crate) detected: Option<Value<DateTime<FixedOffset>>>,
    pub(crate) mitigated: Option<Value<DateTime<FixedOffset>>>,
    pub(crate) resolved: Option<Value<DateTime<FixedOffset>>>,
    pub(crate) review_by: Option<Value<NaiveDate>>,
    /// The incident's day as the front matter gives it: `started`'s date (in its own offset),
    /// or a date without a time (`date: 2022-12-13` in YAML front matter).
    pub(crate) date: Option<NaiveDate>,
    /// String items of TOML arrays (`authors = ["alice"]`); other items are left out.
    pub(crate) authors: Vec<String>,
    pub(crate) services: Vec<String>,
    pub(crate) tags: Vec<String>,
}

/// The milestones in the order they must happen.
pub(crate) const MILESTONES: [&str; 4] = ["started", "detected", "mitigated", "resolved"];

impl Meta {
    /// Read the front matter of a document (`text` is the whole document).
    pub(crate) fn read(front: Option<&FrontMatter>, text: &str) -> Meta {
        let Some(front) = front else {
            return Meta::default();
        };
        let list = |key: &str| front.list(key);
        let started = front.time(text, "started");
        let date = match &started {
            Some(Ok(at)) => Some(at.date_naive()),
            _ => front.string(text, "started").and_then(|raw| {
                NaiveDate::parse_from_str(raw.get(..10).unwrap_or(&raw), "%Y-%m-%d").ok()
            }),
        };
        Meta {
            title: front.string(text, "title"),
            severity: front.string(text, "severity"),
            status: front.string(text, "status"),
            lead: front.string(text, "lead"),
            started,
            detected: front.time(text, "detected"),
            mitigated: front.time(text, "mitigated"),
            resolved: front.time(text, "resolved"),
            review_by: front.date(text, "review_by"),
            date,
            authors: list("authors"),
            services: list("services"),
            tags: list("tags"),
        }
    }

    /// A milestone by its key (`started`, `detected`, `mitigated`, `resolved`), as read.
    pub(crate) fn milestone(&self, key: &str) -> Option<&Value<DateTime<FixedOffset>>> {
        match key {
            "started" => self.started.as_ref(),
            "detected" => self.detected.as_ref(),
            "mitigated" => self.mitigated.as_ref(),
            "resolved" => self.resolved.as_ref(),
            _ => None,
        }
    }

    /// A milestone's time when it is there and readable.
    pub(crate) fn time(&self, key: &str) -> Option<DateTime<FixedOffset>> {
        self.milestone(key).and_then(|v| v.as_ref().ok()).copied()
    }

    /// `started`, when there and readable: what dates bare times and orders the timeline.
    pub(crate) fn started(&self) -> Option<DateTime<FixedOffset>> {
        self.time("started")
    }
}

/// Whether `status` is one of [`STATUSES`], in any case.
pub(crate) fn is_status(status: &str) -> bool {
    STATUSES.contains(&status.to_ascii_lowercase().as_str())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::Document;

    #[test]
    fn reads_every_key_once_with_what_cannot_be_read() {
        let doc = Document::parse(
            "+++\ntitle = \"Checkout\"\nstatus = \"review\"\nstarted = 2026-11-20T14:05:00Z\n\
             detected = \"yesterday\"\nreview_by = 2026-11-27\nauthors = [\"alice\", 3, \"bob\"]\n\
             tags = [\"db\"]\n+++\n# Checkout\n"
                .to_string(),
        );
        let meta = &doc.meta;
        assert_eq!(meta.title.as_deref(), Some("Checkout"));
        assert_eq!(meta.status.as_deref(), Some("review"));
        assert_eq!(meta.severity, None);
        assert_eq!(
            meta.started(),
            DateTime::parse_from_rfc3339("2026-11-20T14:05:00Z").ok()
        );
        assert!(matches!(meta.detected, Some(Err(_))));
        assert_eq!(meta.time("detected"), None);
        assert_eq!(meta.resolved, None);
        assert_eq!(
            meta.review_by,
            NaiveDate::from_ymd_opt(2026, 11, 27).map(Ok)
        );
        assert_eq!(meta.authors, ["alice", "bob"]);
        assert_eq!(meta.tags, ["db"]);
        assert!(meta.services.is_empty());
    }

    #[test]
    fn yaml_and_no_front_matter() {
        let doc = Document::parse("---\ntitle: \"Outage\"\nlead: sam\n---\nText\n".to_string());
        assert_eq!(doc.meta.title.as_deref(), Some("Outage"));
        assert_eq!(doc.meta.lead.as_deref(), Some("sam"));
        // Read like TOML: a Hugo page's `date` is the day, an export's `start_time` the start.
        let doc = Document::parse(
            "---\ndate: 2022-12-13\ntitle: \"Global Outage: 504\"\nauthor: Kris\n\
             tags: [db, \"cache\"]\nseverity: SEV2\nstatus: published\nservices:\n- web\n---\n"
                .to_string(),
        );
        let meta = &doc.meta;
        assert_eq!(meta.title.as_deref(), Some("Global Outage: 504"));
        assert_eq!(meta.started, None);
        assert_eq!(meta.date, NaiveDate::from_ymd_opt(2022, 12, 13));
        assert_eq!(meta.authors, ["Kris"]);
        assert_eq!(meta.tags, ["db", "cache"]);
        assert_eq!(meta.services, ["web"]);
        assert_eq!(
            (meta.severity.as_deref(), meta.status.as_deref()),
            (Some("SEV2"), Some("published"))
        );
        let doc = Document::parse(
            "---\nstart_time: 2018-07-31T10:00:00Z\nend_time: 2018-07-31T12:00:00Z\n---\n"
                .to_string(),
        );
        assert_eq!(
            doc.meta.started(),
            DateTime::parse_from_rfc3339("2018-07-31T10:00:00Z").ok()
        );
        assert!(matches!(doc.meta.resolved, Some(Ok(_))));
        let doc = Document::parse("---\nstarted: yesterday\n---\n".to_string());
        assert!(matches!(doc.meta.started, Some(Err(_))));
        assert_eq!(
            Document::parse("# Just text\n".to_string()).meta,
            Meta::default()
        );
    }

    #[test]
    fn statuses() {
        assert!(is_status("Draft") && is_status("published"));
        assert!(!is_status("done") && !is_status(""));
    }
}
