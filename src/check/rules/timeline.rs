//! The rules on the timeline: `timeline-empty`, `timeline-unreadable` (a line that starts like
//! a time pm cannot read), `timeline-order` (an entry earlier than the one before it) and
//! `timeline-window` (an entry so far from the incident that its date must be a typo).

use chrono::{DateTime, Duration, FixedOffset};

use crate::check::rules::{Class, Run, Settings};
use crate::doc::meta::Meta;
use crate::doc::timeline::{self, ItemKind};

/// How far before `started` and after `resolved` a timeline entry may be before it is taken
/// for a typo (a wrong day, month or year) rather than context.
const WINDOW_BEFORE: i64 = 7;
const WINDOW_AFTER: i64 = 7;
/// Without `resolved`, entries up to this long after `started` are expected.
const WINDOW_OPEN: i64 = 30;

/// Every `timeline-*` rule, on the document's Timeline section if it has one (a missing one is
/// `section-missing`'s to report).
pub(super) fn check(run: &mut Run, settings: &Settings) {
    let doc = run.doc;
    let found = timeline::read(
        doc,
        settings.names,
        settings.config.timezone,
        settings.today,
    );
    let Some(section) = &found.section else {
        return;
    };
    if found.items.is_empty() {
        run.add(
            "timeline-empty",
            Class::Incomplete,
            section.heading.start,
            "the timeline has no entries".into(),
            Some("add entries with `pm timeline add --at HH:MM \"what happened\"`".into()),
        );
        return;
    }
    let window = Window::of(&doc.meta);
    // The latest entry so far, and its stamp as written: a stamp without a date is quoted as
    // it is, rather than with the date pm assumed for it.
    let mut previous: Option<(DateTime<FixedOffset>, String)> = None;
    for item in &found.items {
        let (at, written) = match &item.kind {
            ItemKind::Unreadable => {
                run.add(
                    "timeline-unreadable",
                    Class::Incomplete,
                    item.line,
                    "this line starts like a time that cannot be read".into(),
                    Some("write the time as `2026-11-20 14:05 UTC` or `14:05`".into()),
                );
                continue;
            }
            ItemKind::Entry {
                at: Some(at),
                stamp,
            } => {
                let line = doc.line(item.line);
                let raw = line.get(stamp.span.clone()).unwrap_or("").trim();
                let raw = raw.trim_matches(['*', '`', '[', ']', '_']);
                (*at, raw.to_string())
            }
            ItemKind::Entry { at: None, .. } => continue,
        };
        if let Some((before, before_written)) = &previous
            && at < *before
        {
            run.add(
                "timeline-order",
                Class::Incomplete,
                item.line,
                format!(
                    "this entry ({written}) is earlier than the one before it ({before_written})"
                ),
                Some("move it to its place, or fix its time".into()),
            );
        }
        if let Some(window) = &window
            && !window.holds(at)
        {
            run.add(
                "timeline-window",
                Class::Incomplete,
                item.line,
                format!(
                    "this entry ({}) is far outside the incident (started {})",
                    timeline::stamp_text(at, found.zone),
                    timeline::stamp_text(window.started, found.zone)
                ),
                Some("check its date".into()),
            );
        }
        if previous.as_ref().is_none_or(|(before, _)| at >= *before) {
            previous = Some((at, written));
        }
    }
}

/// The stretch of time a timeline entry is expected in; only known once `started` is.
struct Window {
    started: DateTime<FixedOffset>,
    end: DateTime<FixedOffset>,
}

impl Window {
    fn of(meta: &Meta) -> Option<Window> {
        let started = meta.started()?;
        let end = meta
            .time("resolved")
            .map_or(started + Duration::days(WINDOW_OPEN), |r| {
                r + Duration::days(WINDOW_AFTER)
            });
        Some(Window { started, end })
    }

    fn holds(&self, at: DateTime<FixedOffset>) -> bool {
        at >= self.started - Duration::days(WINDOW_BEFORE) && at <= self.end
    }
}
