//! The incident's date, which dates the bare times no day heading or dated entry above them
//! does: the front matter's `started` (or a YAML `date` or `start_time`), else the date in the
//! file name, else the first full date in the title or the text before the timeline. Never
//! the day `pm` runs: a document that gives no date has entries without one.

use chrono::NaiveDate;

use super::Context;
use super::scan::{self, Stamp};
use crate::doc::Document;
use crate::doc::sections::BlockKind;
use crate::time::zone::{self, Zone};

/// The incident's date as the document gives it, bare times read in `zone`; `day_first` says
/// how to read a date like `03/04/2026`.
pub(super) fn date(
    doc: &Document,
    context: &Context,
    zone: Zone,
    day_first: bool,
) -> Option<NaiveDate> {
    if let Some(started) = doc.meta.started() {
        return Some(zone.date_of(started));
    }
    let front = doc.front.as_ref();
    let keyed = ["date", "start_time", "start", "started"]
        .iter()
        .find_map(|key| front?.date(&doc.text, key)?.ok());
    keyed
        .or_else(|| context.file_name.and_then(iso_date_in))
        .or_else(|| title_or_summary(doc, day_first))
}

/// The first full date in the document's title or in its text before the timeline (`On May 26,
/// 2021, …`), outside code.
fn title_or_summary(doc: &Document, day_first: bool) -> Option<NaiveDate> {
    let body_start = doc.front.as_ref().map_or(0, |f| doc.line_of(f.range.end));
    if let Some(title) = doc
        .front
        .as_ref()
        .and_then(|f| f.string(&doc.text, "title"))
        && let Some(date) = full_date(&title, day_first)
    {
        return Some(date);
    }
    for block in &doc.blocks {
        match &block.kind {
            BlockKind::Code | BlockKind::Html => {}
            BlockKind::Heading { text, .. } if is_timeline(text) => return None,
            _ => {
                for line in block.lines.start.max(body_start)..block.lines.end {
                    let text = doc.line(line);
                    if is_timeline(text) {
                        return None;
                    }
                    if let Some(date) = full_date(text, day_first) {
                        return Some(date);
                    }
                }
            }
        }
    }
    None
}

/// The zone the text before the timeline states for the incident, for a timeline that states
/// none: a line saying so (`All times PDT.`), or a zone written after a time (`Start Time:
/// 2024-06-15 14:00 EAT`, `10:30 AM - 12:00 PM (UTC-5)`).
pub(super) fn summary_zone(doc: &Document, until: usize) -> Option<Zone> {
    let body_start = doc.front.as_ref().map_or(0, |f| doc.line_of(f.range.end));
    doc.blocks
        .iter()
        .filter(|b| !matches!(b.kind, BlockKind::Code | BlockKind::Html))
        .flat_map(|b| b.lines.start.max(body_start)..b.lines.end.min(until))
        .map(|line| doc.line(line))
        .find_map(|text| {
            zone::zone_hint(text).or_else(|| scan::zone_after_time_in(text).map(Zone::Fixed))
        })
}

/// Whether a line names the timeline: the summary ends there.
fn is_timeline(text: &str) -> bool {
    let text = text.trim_start_matches(['#', ' ', '*', '_', '-']);
    text.get(..8)
        .is_some_and(|start| start.eq_ignore_ascii_case("timeline"))
}

/// The first date with its year in `text`.
fn full_date(text: &str, day_first: bool) -> Option<NaiveDate> {
    let stamp = scan::dates_in(text).find(|s| s.date.is_some())?;
    let stamp = if day_first { stamp.day_first() } else { stamp };
    stamp.date
}

/// The first date in a heading or a line (`### Monday, May 10th`, `Timeline (PST)
/// 4/21/23-4/25/23`), as a stamp without a time; its year may be missing.
pub(super) fn date_stamp(text: &str) -> Option<Stamp> {
    scan::dates_in(text).next()
}

/// The first `YYYY-MM-DD` in a file name (`2021-05--2021-05-09-outage.md`).
pub(super) fn iso_date_in(text: &str) -> Option<NaiveDate> {
    let b = text.as_bytes();
    (0..b.len().saturating_sub(9)).find_map(|i| {
        let candidate = text.get(i..i + 10)?;
        let shaped = candidate.bytes().enumerate().all(|(j, c)| match j {
            4 | 7 => c == b'-',
            _ => c.is_ascii_digit(),
        });
        let boundary = i == 0 || !b[i - 1].is_ascii_digit();
        let end = !b.get(i + 10).is_some_and(u8::is_ascii_digit);
        (shaped && boundary && end)
            .then(|| NaiveDate::parse_from_str(candidate, "%Y-%m-%d").ok())
            .flatten()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::timeline::entry;

    #[test]
    fn dates_in_file_names() {
        let cases = [
            (
                "2021-05--2021-05-09-negative-coin-values.md",
                Some("2021-05-09"),
            ),
            ("2022-12-13-root-filesystem-full.md", Some("2022-12-13")),
            ("2023-04--04-25-User_Account_Compromise.md", None),
            ("0b9c79f2-c9f6-4b88-a5b7-400973716d9a.md", None),
            ("12023-01-01.md", None),
            ("2026-02-30-impossible.md", None),
        ];
        for (name, want) in cases {
            let want = want.map(|d| d.parse::<NaiveDate>().unwrap());
            assert_eq!(iso_date_in(name), want, "{name}");
        }
    }

    fn incident(text: &str, file: Option<&str>) -> Option<String> {
        let doc = Document::parse(text.to_string());
        let context = Context {
            file_name: file,
            ..Context::zone(chrono_tz::UTC)
        };
        date(&doc, &context, Zone::Named(chrono_tz::UTC), false).map(|d| d.to_string())
    }

    #[test]
    fn the_incident_date_from_what_the_document_says() {
        let cases: &[(&str, Option<&str>, Option<&str>)] = &[
            (
                "+++\nstarted = 2026-11-20T23:30:00-08:00\n+++\n# 2020-01-01 x\n",
                Some("2019-01-01-x.md"),
                Some("2026-11-21"),
            ),
            (
                "---\ndate: 2022-12-13\ntitle: x\n---\n\nOn 2020-01-01\n",
                None,
                Some("2022-12-13"),
            ),
            (
                "---\nstart_time: 2012-07-30T02:33:00Z\n---\n",
                None,
                Some("2012-07-30"),
            ),
            (
                "# Outage\n\nOn 2020-08-28, WER broke.\n",
                Some("2020-10-28-x.md"),
                Some("2020-10-28"),
            ),
            (
                "# Outage\n\nOn 2020-08-28, WER broke.\n",
                None,
                Some("2020-08-28"),
            ),
            (
                "Issue Summary\nOn June 9th, 2024 from 10:05 AM WAT, it broke.\nTimeline\n10:05 AM x\n",
                None,
                Some("2024-06-09"),
            ),
            (
                "# 2018 retro\n\nA busy Monday morning.\n\n## Timeline\n\n- 10:45 AM x\n\nOn Jan 3, 2019.\n",
                None,
                None,
            ),
            ("# x\n\n```\n2019-01-01 in a log\n```\n", None, None),
            (
                "# x\n\nDue 18th December 2023, it broke.\n",
                None,
                Some("2023-12-18"),
            ),
            ("# x\n\nSee 03/04/2026.\n", None, Some("2026-03-04")),
        ];
        for (text, file, want) in cases {
            assert_eq!(incident(text, *file).as_deref(), *want, "{text:?}");
        }
    }

    #[test]
    fn day_headings() {
        let cases = [
            (
                "## Timeline (PST) 4/21/23-4/25/23. All times",
                Some("2023-04-21"),
            ),
            (
                "Timeline of events (20th December 2023)",
                Some("2023-12-20"),
            ),
            ("### Monday, May 10th", Some("--05-10")),
            ("## Timeline", None),
            ("## v2.3.1 rollout", None),
        ];
        for (text, want) in cases {
            let got = date_stamp(text).map(|s| match (s.date, s.month_day) {
                (Some(d), _) => d.to_string(),
                (None, Some((m, d))) => format!("--{m:02}-{d:02}"),
                _ => String::new(),
            });
            assert_eq!(got.as_deref(), want, "{text}");
        }
        let stamp = date_stamp("on 2026-11-20").unwrap();
        assert_eq!(entry::date_of(&stamp, None), "2026-11-20".parse().ok());
    }
}
