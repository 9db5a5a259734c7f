//! The rules on the timeline: `timeline-empty`, `timeline-unreadable` (a line that starts like
//! a time pm cannot read), `timeline-order` (an entry earlier than the one before it) and
//! `timeline-window` (an entry so far from the incident that its date must be a typo).

use chrono::{DateTime, Duration, FixedOffset};

use crate::check::rules::{Class, Run, Settings};
use crate::doc::meta::Meta;
use crate::doc::timeline::{self, ItemKind};
use crate::time::format::format_stamp_in;

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
    let context = timeline::Context {
        zone: settings.config.timezone,
        date_order: settings.config.date_order,
        file_name: run.path.file_name().and_then(|n| n.to_str()),
        last_resort: None,
    };
    let found = timeline::read(doc, settings.names, &context);
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
                    format_stamp_in(at, found.zone),
                    format_stamp_in(window.started, found.zone)
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

#[cfg(test)]
mod tests {
    use crate::check::rules::tests::{clean_with, found};

    const RULES: [&str; 4] = [
        "timeline-empty",
        "timeline-unreadable",
        "timeline-order",
        "timeline-window",
    ];

    const ENTRIES: &str = "- 2026-11-18 14:00 UTC — Config pushed (alice)
- 2026-11-18 14:05 UTC — Error rate alert fired (alice)
- 2026-11-18 14:40 UTC — Config rolled back (bob)
- 2026-11-18 15:10 UTC — Error rate back to normal (bob)
";

    #[test]
    fn timeline_rules() {
        let cases: &[(&str, &str, &[&str])] = &[
            (
                "empty",
                "",
                &["31:1 error timeline-empty: the timeline has no entries"],
            ),
            (
                "a comment and prose only",
                "<!-- - 14:05 what happened -->\nWe did not keep one.\n",
                &["31:1 error timeline-empty: the timeline has no entries"],
            ),
            (
                "unreadable times",
                "- 14:00 pushed\n- 25:99 alert\n- **22:XX** rolled back\n",
                &[
                    "34:1 error timeline-unreadable: this line starts like a time that cannot be read",
                    "35:1 error timeline-unreadable: this line starts like a time that cannot be read",
                ],
            ),
            (
                "out of order, quoted as written",
                "- 14:05 alert\n- **14:00** pushed\n- 14:40 rolled back\n",
                &[
                    "34:1 error timeline-order: this entry (14:00) is earlier than the one before it (14:05)",
                ],
            ),
            (
                "each compared with the latest so far",
                "- 14:40 rolled back\n- 14:00 pushed\n- 14:05 alert\n",
                &[
                    "34:1 error timeline-order: this entry (14:00) is earlier than the one before it (14:40)",
                    "35:1 error timeline-order: this entry (14:05) is earlier than the one before it (14:40)",
                ],
            ),
            (
                "a year early",
                "- 2025-11-18 14:00 UTC — pushed\n",
                &[
                    "33:1 error timeline-window: this entry (2025-11-18 14:00 UTC) is far outside the incident (started 2026-11-18 14:00 UTC)",
                ],
            ),
            (
                "a month after resolved",
                "- 2026-11-18 14:00 UTC — pushed\n- 2026-12-18 15:10 UTC — closed\n",
                &[
                    "34:1 error timeline-window: this entry (2026-12-18 15:10 UTC) is far outside the incident (started 2026-11-18 14:00 UTC)",
                ],
            ),
            // Near misses.
            (
                "two entries at one minute",
                "- 14:00 pushed\n- 14:00 alert\n",
                &[],
            ),
            (
                "six days before started, six after resolved",
                "- 2026-11-12 14:00 UTC — first report\n- 2026-11-24 15:10 UTC — closed\n",
                &[],
            ),
            (
                "a line that is not a time",
                "- 14:00 pushed\n- Around lunch, the pager went off\n",
                &[],
            ),
        ];
        for (name, entries, want) in cases {
            let text = clean_with(ENTRIES, entries);
            assert_eq!(found(&text, &RULES), *want, "case `{name}`");
        }
    }

    #[test]
    fn window_while_unresolved_and_without_started() {
        let cases: &[(&str, &str, &str, &[&str])] = &[
            (
                "unresolved: 29 days after started",
                "resolved = 2026-11-18T15:10:00Z\n",
                "- 2026-11-18 14:00 UTC — pushed\n- 2026-12-17 14:00 UTC — still open\n",
                &[],
            ),
            (
                "unresolved: 31 days after started",
                "resolved = 2026-11-18T15:10:00Z\n",
                "- 2026-11-18 14:00 UTC — pushed\n- 2026-12-19 14:00 UTC — still open\n",
                &[
                    "33:1 error timeline-window: this entry (2026-12-19 14:00 UTC) is far outside the incident (started 2026-11-18 14:00 UTC)",
                ],
            ),
            (
                "no started: no window",
                "started = 2026-11-18T14:00:00Z\n",
                "- 2020-01-01 14:00 UTC — long ago\n",
                &[],
            ),
        ];
        for (name, front, entries, want) in cases {
            let text = clean_with(front, "").replace(ENTRIES, entries);
            assert_eq!(found(&text, &RULES), *want, "case `{name}`");
        }
    }

    /// Bare times under a heading that states the zone are read in that zone (14:00 UTC is
    /// 06:00 PST, so `2:40 PM` is within the window) and quoted as written; stamps pm
    /// writes in a message are at that zone's offset.
    #[test]
    fn bare_times_in_the_zone_of_the_heading() {
        let text = clean_with("## Timeline", "## Timeline (all times PST)").replace(
            ENTRIES,
            "- 06:05 alert\n- 06:00 pushed\n- 2:40 PM rolled back\n- 2026-12-18 06:00 closed\n",
        );
        assert_eq!(
            found(&text, &RULES),
            [
                "34:1 error timeline-order: this entry (06:00) is earlier than the one before it (06:05)",
                "36:1 error timeline-window: this entry (2026-12-18 06:00 -08:00) is far outside the incident (started 2026-11-18 06:00 -08:00)",
            ]
        );
    }
}
