//! What the wiki-wide views (`pm list`, `pm actions`, the index page) need from a document,
//! read leniently: whatever cannot be read becomes a warning, never a skipped document.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use chrono_tz::Tz;

use crate::doc::Document;
use crate::doc::actions::{self, Action};
use crate::doc::front_matter::Kind;
use crate::doc::sections::{BlockKind, SectionNames};

#[derive(Debug, Clone)]
pub(crate) struct Summary {
    /// The file, relative to the wiki.
    pub(crate) path: PathBuf,
    /// The incident date: `started` in the wiki's zone, else the date the file name starts with.
    pub(crate) date: Option<NaiveDate>,
    pub(crate) title: String,
    pub(crate) severity: Option<String>,
    pub(crate) status: Option<String>,
    pub(crate) lead: Option<String>,
    pub(crate) review_by: Option<NaiveDate>,
    pub(crate) actions: Vec<Action>,
    /// What could not be read, as `line N: …` messages.
    pub(crate) warnings: Vec<String>,
}

impl Summary {
    /// Open and total action items that are tracked (not under "If we have time").
    pub(crate) fn action_counts(&self) -> (usize, usize) {
        let tracked = self.actions.iter().filter(|a| !a.later);
        let (open, total) =
            tracked.fold((0, 0), |(o, t), a| (o + usize::from(!a.item.done), t + 1));
        (open, total)
    }

    /// Whether the review date has passed while the document is still a draft.
    pub(crate) fn review_overdue(&self, today: NaiveDate) -> bool {
        let draft = self
            .status
            .as_deref()
            .is_none_or(|s| s.eq_ignore_ascii_case("draft"));
        draft && self.review_by.is_some_and(|due| due < today)
    }
}

pub(crate) fn summarize(doc: &Document, names: &SectionNames, zone: Tz, path: &Path) -> Summary {
    let mut warnings = Vec::new();
    let front = doc.front.as_ref();
    match front.map(|f| &f.kind) {
        Some(Kind::Toml(Err((message, offset)))) => warnings.push(format!(
            "line {}: the front matter is not valid TOML: {message}",
            doc.line_of(*offset) + 1
        )),
        Some(Kind::Yaml(Err((message, offset)))) => warnings.push(format!(
            "line {}: the front matter is not valid YAML: {message}",
            doc.line_of(*offset) + 1
        )),
        Some(Kind::Unclosed) => {
            warnings.push("line 1: the front matter has no closing `+++`".into());
        }
        _ => {}
    }
    let meta = &doc.meta;
    let said = |value: &Option<String>| value.clone().filter(|s| !s.trim().is_empty());
    let started = match &meta.started {
        Some(Ok(at)) => Some(*at),
        Some(Err(e)) => {
            warnings.push(format!("`started`: {e}"));
            None
        }
        None => None,
    };
    let review_by = match &meta.review_by {
        Some(Ok(day)) => Some(*day),
        Some(Err(e)) => {
            warnings.push(format!("`review_by`: {e}"));
            None
        }
        None => None,
    };
    let file_name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let date = started
        .map(|at| at.with_timezone(&zone).date_naive())
        .or_else(|| {
            file_name
                .get(..10)
                .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        });
    let title = said(&meta.title)
        .or_else(|| first_heading(doc))
        .unwrap_or_else(|| file_name.trim_end_matches(".md").to_string());
    Summary {
        path: path.to_path_buf(),
        date,
        title,
        severity: said(&meta.severity),
        status: said(&meta.status),
        lead: said(&meta.lead),
        review_by,
        actions: actions::read(doc, names),
        warnings,
    }
}

fn first_heading(doc: &Document) -> Option<String> {
    doc.blocks.iter().find_map(|b| match &b.kind {
        BlockKind::Heading { level: 1, text } if !text.is_empty() => Some(text.clone()),
        _ => None,
    })
}
