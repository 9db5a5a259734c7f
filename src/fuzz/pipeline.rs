//! What one document goes through: everything `pm check`, `pm timeline add`, `pm action add`
//! and `pm publish`'s merge do to it, in the commands' order, with the invariants every
//! insertion must keep.

use std::io;
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset, NaiveDate, TimeZone};

use super::catch::stage;
use super::mutate;
use crate::check::finding::sort_findings;
use crate::check::rules::{self, Settings};
use crate::config::{self, Config, UserConfig, WikiConfig};
use crate::doc::actions::{self, item::format_item};
use crate::doc::sections::SectionNames;
use crate::doc::splice::{self, Edit};
use crate::doc::timeline::{self as doc_timeline, Item};
use crate::doc::{Document, summary};
use crate::publish::merge;
use crate::render::report;
use crate::text;

/// A broken invariant: which insertion, and what is wrong with it.
pub(super) type Violation = (&'static str, String);

/// What every document is checked with: a default wiki, a fixed day.
pub(super) struct Setup {
    /// The default wiki in UTC, and in a zone with daylight saving time and a half-hour
    /// offset, where local times can be skipped or repeated; documents alternate.
    configs: [Config; 2],
    names: SectionNames,
    today: NaiveDate,
    path: PathBuf,
}

impl Setup {
    pub(super) fn new() -> io::Result<Setup> {
        let config = |timezone: &str| {
            let wiki = WikiConfig {
                timezone: timezone.to_string(),
                ..WikiConfig::default()
            };
            config::resolve(wiki, &UserConfig::default(), Path::new("pm.toml"), "")
                .map_err(|e| io::Error::other(e.to_string()))
        };
        let configs = [config("UTC")?, config("America/St_Johns")?];
        Ok(Setup {
            names: configs[0].section_names(),
            configs,
            today: NaiveDate::from_ymd_opt(2026, 11, 20).unwrap_or_default(),
            path: PathBuf::from("postmortems/2026-11-20-fuzz.md"),
        })
    }
}

/// Everything the commands do to one document, in their order.
pub(super) fn pipeline(setup: &Setup, text: &str, violations: &mut Vec<Violation>) {
    let config = &setup.configs[text.len() % 2];
    let zone = config.timezone;
    let names = &setup.names;
    stage("check::rules::check_text");
    let settings = Settings {
        config,
        names,
        today: setup.today,
    };
    // The built-in detectors always compile; a broken one is the only error.
    let Ok((checked, mut findings)) = rules::check_text(text.to_string(), &setup.path, &settings)
    else {
        violations.push(("check", "a built-in detector did not compile".into()));
        return;
    };
    sort_findings(&mut findings);
    stage("check::report");
    let mut wanted: Vec<usize> = findings.iter().map(|f| f.line).collect();
    wanted.dedup();
    let lines: Vec<(usize, String)> = wanted
        .into_iter()
        .map(|n| (n, checked.line(n - 1).to_string()))
        .collect();
    let source = |_: &Path, line: usize| {
        lines
            .iter()
            .find(|(n, _)| *n == line)
            .map(|(_, text)| text.as_str())
    };
    let mut out = Vec::new();
    // Writing to a Vec cannot fail. Colour for half the documents, not the same half as
    // the zone.
    let color = (text.len() / 2).is_multiple_of(2);
    // Half of the findings as if a baseline held them back, and shown.
    let (reported, held) = findings.split_at(findings.len() / 2);
    let held = report::HeldBack {
        count: held.len(),
        shown: held,
    };
    let _ = report::human(&mut out, reported, 1, held, &source, color);
    let _ = report::json(&mut out, reported, 1, held);
    let _ = report::github(&mut out, reported, held);

    stage("Document::parse");
    let doc = Document::parse(text.to_string());
    stage("summary::summarize");
    summary::summarize(&doc, names, zone, &setup.path);
    stage("doc::timeline::read");
    let context = doc_timeline::Context {
        file_name: setup.path.file_name().and_then(|n| n.to_str()),
        ..doc_timeline::Context::zone(zone)
    };
    let found = doc_timeline::read(&doc, names, &context);
    let known: Vec<DateTime<FixedOffset>> = found.items.iter().filter_map(Item::at).collect();
    let noon = setup.today.and_hms_opt(12, 0, 0).unwrap_or_default();
    let started = doc
        .front
        .as_ref()
        .and_then(|f| f.time(&doc.text, "started"))
        .and_then(Result::ok)
        .or_else(|| known.first().copied())
        .unwrap_or_else(|| chrono::Utc.from_utc_datetime(&noon).fixed_offset());
    let first = known
        .iter()
        .copied()
        .chain([started])
        .min()
        .unwrap_or(started);
    let last = known
        .iter()
        .copied()
        .chain([started])
        .max()
        .unwrap_or(started);
    let hour = chrono::Duration::hours(1);
    let instants = [
        first.checked_sub_signed(hour),
        first.checked_add_signed((last - first) / 2),
        last.checked_add_signed(hour),
    ];
    let mut logged = Vec::new();
    for at in instants.into_iter().flatten() {
        stage("timeline add");
        let context = doc_timeline::Context {
            last_resort: Some(at.with_timezone(&zone).date_naive()),
            ..context
        };
        let timeline = doc_timeline::read(&doc, names, &context);
        let insertion =
            doc_timeline::insertion(&doc, names, &timeline, at, "fuzz entry", Some("fuzz"));
        let (offset, insert) = (insertion.offset, insertion.text);
        logged.extend(spliced(
            &doc,
            offset,
            &insert,
            "timeline insertion",
            violations,
        ));
    }

    stage("action add");
    let item = format_item("Fuzz it", Some("@fuzz"), Some("FUZZ-1"), Some(setup.today));
    let later = text.len().is_multiple_of(3);
    let with_item = match actions::insertion(&doc, names, later, &item) {
        Ok((offset, insert)) => spliced(&doc, offset, &insert, "action insertion", violations),
        Err(_) => None,
    };

    let base = doc.text.as_str();
    let ours = logged
        .get(1)
        .or(logged.first())
        .map_or(base, String::as_str);
    let merged = |stage_name: &'static str, theirs: &str| {
        stage(stage_name);
        // A merge that cannot be made is an answer, not a crash; only panics count here.
        let wiki = merge::Wiki {
            names,
            zone,
            today: setup.today,
            severities: &config.severities,
        };
        let _ = merge::merge(base, ours, theirs, wiki);
    };
    merged(
        "merge: theirs added an action item",
        with_item.as_deref().unwrap_or(base),
    );
    if let Some(other) = logged.last() {
        merged("merge: both sides logged an entry", other);
    }
    stage("merge: theirs is another mutation");
    let variant = mutate::variant(base);
    merged("merge: theirs is another mutation", &variant);
}

/// `insert` spliced into the document at `offset`, as the commands do, with what must hold of
/// every insertion: it starts at a line boundary, ends with a line break, and every byte
/// outside it is unchanged.
fn spliced(
    doc: &Document,
    offset: usize,
    insert: &str,
    what: &'static str,
    violations: &mut Vec<Violation>,
) -> Option<String> {
    let text = &doc.text;
    if !text.is_char_boundary(offset) {
        violations.push((what, format!("offset {offset} is not a character boundary")));
        return None;
    }
    let at_line_start = offset == 0
        || text::before(text, offset).ends_with('\n')
        || (offset == text.len() && insert.starts_with(['\r', '\n']));
    if !at_line_start || !insert.ends_with('\n') {
        violations.push((what, format!("{insert:?} at {offset} is not a whole line")));
    }
    let out = splice::apply(text, &[Edit::insert(offset, insert)]);
    let end = offset + insert.len();
    if out.get(..offset) != Some(text::before(text, offset))
        || out.get(offset..end) != Some(insert)
        || out.get(end..) != Some(text::after(text, offset))
    {
        violations.push((
            what,
            format!("the splice at {offset} changed bytes outside it"),
        ));
    }
    Some(out)
}
