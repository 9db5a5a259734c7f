//! One line of a timeline: whether it is an entry, and the instant its stamp names.
//!
//! `pm check` runs [`parse_line`] on every line of a wiki, so the stamp is read by a byte
//! scanner (`scan`, with `clock` and `date`) that allocates nothing and gives up on the first
//! byte of most prose lines. The tests here cover the forms people write by hand.

use chrono::{DateTime, FixedOffset, NaiveDate, TimeZone};

use super::bytes::Bad;
use super::scan::{self, Stamp};
use crate::time::zone::Zone;

/// What one line of a timeline holds.
// An entry's stamp is read and used at once; boxing it would allocate for every entry `pm
// check` reads.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum LineKind {
    /// A list item, table row or plain line that starts with a time.
    Entry(Stamp),
    /// A blank line, a heading, or prose that does not start with a time.
    NotAnEntry,
    /// Starts like a timestamp (`- 25:99 …`, `- 14:05 XYZT …`, `- **22:XX** …`) that cannot be
    /// read, so `pm check` can report it instead of dropping it.
    Unreadable,
}

/// Classify one raw line (without its newline; a trailing `\r` is ignored).
pub(crate) fn parse_line(line: &str) -> LineKind {
    let line = line.strip_suffix('\r').unwrap_or(line);
    let Some((start, table)) = scan::content_start(line.as_bytes()) else {
        return LineKind::NotAnEntry;
    };
    match scan::scan_stamp(line, start, table) {
        Ok(Some(stamp)) => LineKind::Entry(stamp),
        Ok(None) => LineKind::NotAnEntry,
        Err(Bad) => LineKind::Unreadable,
    }
}

/// Classify a heading line (`### 2018-03-31 15:47`, `#### 00:01:`); a setext heading's text
/// line reads as any other line.
pub(crate) fn parse_heading(line: &str) -> LineKind {
    let line = line.strip_suffix('\r').unwrap_or(line);
    let Some(start) = scan::heading_start(line.as_bytes()) else {
        return parse_line(line);
    };
    match scan::scan_stamp(line, start, false) {
        Ok(Some(stamp)) => LineKind::Entry(stamp),
        Ok(None) => LineKind::NotAnEntry,
        Err(Bad) => LineKind::Unreadable,
    }
}

/// The date a stamp gives, a date without its year placed in the year nearest `near`.
pub(crate) fn date_of(stamp: &Stamp, near: Option<NaiveDate>) -> Option<NaiveDate> {
    match (stamp.date, stamp.month_day) {
        (Some(date), _) => Some(date),
        (None, Some((month, day))) => nearest_year(month, day, near?),
        (None, None) => None,
    }
}

/// Resolve a stamp to an instant, given the date to assume (the incident's, or the previous
/// entry's) and the zone to assume for a stamp without one. `None` when no date is known, the
/// stamp gives no time, or the local time does not exist; of two local times that daylight
/// saving time makes ambiguous, the earlier is taken.
pub(crate) fn resolve(
    stamp: &Stamp,
    default_date: Option<NaiveDate>,
    default_zone: Zone,
) -> Option<DateTime<FixedOffset>> {
    let date = match (stamp.date, stamp.month_day) {
        (None, None) => default_date?,
        _ => date_of(stamp, default_date)?,
    };
    let local = date.and_time(stamp.time?);
    match (stamp.offset, default_zone) {
        (Some(offset), _) | (None, Zone::Fixed(offset)) => {
            offset.from_local_datetime(&local).single()
        }
        (None, Zone::Named(tz)) => tz
            .from_local_datetime(&local)
            .earliest()
            .map(|at| at.fixed_offset()),
    }
}

/// The date with this month and day that is nearest `near` (a timeline that runs over New
/// Year's Eve crosses into the next year).
fn nearest_year(month: u32, day: u32, near: NaiveDate) -> Option<NaiveDate> {
    use chrono::Datelike;
    [near.year() - 1, near.year(), near.year() + 1]
        .into_iter()
        .filter_map(|year| NaiveDate::from_ymd_opt(year, month, day))
        .min_by_key(|date| (*date - near).num_days().abs())
}

#[cfg(test)]
#[allow(clippy::string_slice)] // tests slice at the offsets they check
mod tests {
    use chrono::Timelike;

    use super::*;

    /// What a line should read as.
    enum Want {
        /// An entry: `[date] time [offset] [~]` (dates as `2026-11-20`, or `--11-20` without a
        /// year; `~` for approximate), then the stamp's text and the entry's text.
        E(&'static str, &'static str, &'static str),
        N,
        U,
    }
    use Want::{E, N, U};

    fn check(line: &str, want: &Want) {
        let got = parse_line(line);
        match (want, &got) {
            (E(spec, span, text), LineKind::Entry(stamp)) => {
                let date = match (stamp.date, stamp.month_day) {
                    (Some(date), _) => Some(date.to_string()),
                    (None, Some((month, day))) => Some(format!("--{month:02}-{day:02}")),
                    (None, None) => None,
                };
                let time = stamp.time.map(|time| {
                    if time.second() == 0 {
                        time.format("%H:%M").to_string()
                    } else {
                        time.format("%H:%M:%S").to_string()
                    }
                });
                let offset = stamp.offset.map(|o| o.to_string());
                let approximate = stamp.approximate.then(|| "~".to_string());
                let read: Vec<String> = [date, time, offset, approximate]
                    .into_iter()
                    .flatten()
                    .collect();
                assert_eq!(read.join(" "), *spec, "stamp of {line:?}");
                assert_eq!(&line[stamp.span.clone()], *span, "span of {line:?}");
                let line = line.strip_suffix('\r').unwrap_or(line);
                assert_eq!(&line[stamp.text_start..], *text, "text of {line:?}");
            }
            (N, LineKind::NotAnEntry) | (U, LineKind::Unreadable) => {}
            _ => panic!("{line:?} read as {got:?}"),
        }
    }

    const CONTAINERS: &[(&str, Want)] = &[
        (
            "- 14:05 — Paged the on-call",
            E("14:05", "14:05", "Paged the on-call"),
        ),
        (
            "* 14:05:30 - Deploy started",
            E("14:05:30", "14:05:30", "Deploy started"),
        ),
        (
            "+ 9:05: Rollback begun",
            E("09:05", "9:05", "Rollback begun"),
        ),
        ("1. 14:05 Alerts fired", E("14:05", "14:05", "Alerts fired")),
        (
            "12) 14:05 Alerts fired",
            E("14:05", "14:05", "Alerts fired"),
        ),
        ("- [ ] 14:05 Follow up", E("14:05", "14:05", "Follow up")),
        (
            "- [x] 14:05 Followed up",
            E("14:05", "14:05", "Followed up"),
        ),
        (
            "| 14:05 | Cache flushed |",
            E("14:05", "14:05", "Cache flushed |"),
        ),
        (
            "|14:05|Cache flushed|",
            E("14:05", "14:05", "Cache flushed|"),
        ),
        (
            "> - 14:05 Quoted entry",
            E("14:05", "14:05", "Quoted entry"),
        ),
        (
            "   - 14:05 Nested entry",
            E("14:05", "14:05", "Nested entry"),
        ),
        ("\t14:05\tTabbed", E("14:05", "14:05", "Tabbed")),
        (
            "14:00 UTC: Found the bad row",
            E("14:00 +00:00", "14:00 UTC", "Found the bad row"),
        ),
        ("- 14:05 – En dash", E("14:05", "14:05", "En dash")),
        ("- 14:05 | Pipe", E("14:05", "14:05", "Pipe")),
        ("- 14:05, Comma", E("14:05", "14:05", "Comma")),
        ("- 14:05 -- Two hyphens", E("14:05", "14:05", "Two hyphens")),
        (
            "- 14:05 🚨 Emoji first",
            E("14:05", "14:05", "🚨 Emoji first"),
        ),
        ("- 14:05", E("14:05", "14:05", "")),
        (
            "- 14:05 — Windows line\r",
            E("14:05", "14:05", "Windows line"),
        ),
    ];

    #[test]
    fn containers_and_separators() {
        for (line, want) in CONTAINERS {
            check(line, want);
        }
    }

    const MARKUP: &[(&str, Want)] = &[
        ("- **14:05** — Bold", E("14:05", "**14:05**", "Bold")),
        ("- __14:05__ Bold", E("14:05", "__14:05__", "Bold")),
        ("- *14:05* Italic", E("14:05", "*14:05*", "Italic")),
        ("- `14:05` Code", E("14:05", "`14:05`", "Code")),
        ("- [14:05] Bracket", E("14:05", "[14:05]", "Bracket")),
        ("- (14:05) Parens", E("14:05", "(14:05)", "Parens")),
        (
            "- **14:05 UTC:** Colon inside",
            E("14:05 +00:00", "**14:05 UTC:**", "Colon inside"),
        ),
        (
            "- **2:05 PM (UTC):** Zone inside",
            E("14:05 +00:00", "**2:05 PM (UTC):**", "Zone inside"),
        ),
        (
            "- **14:05 Bold covers the text**",
            E("14:05", "**14:05", "Bold covers the text**"),
        ),
        (
            "<li><strong>2:05 PM:</strong>Html",
            E("14:05", "<li><strong>2:05 PM:</strong>", "Html"),
        ),
        (
            "- **<span class=\"t\">09:15:</span>** Span",
            E("09:15", "**<span class=\"t\">09:15:</span>**", "Span"),
        ),
        (
            "- Nov 20th **14:05** Date outside",
            E("--11-20 14:05", "Nov 20th **14:05**", "Date outside"),
        ),
        (
            "- [11-20 14:05] Month-day",
            E("--11-20 14:05", "[11-20 14:05]", "Month-day"),
        ),
    ];

    #[test]
    fn emphasis_and_markup() {
        for (line, want) in MARKUP {
            check(line, want);
        }
    }

    const CLOCKS: &[(&str, Want)] = &[
        ("- 2:05 PM — Afternoon", E("14:05", "2:05 PM", "Afternoon")),
        ("- 2:05pm: Attached", E("14:05", "2:05pm", "Attached")),
        (
            "- 2:05 p.m. Dotted meridiem",
            E("14:05", "2:05 p.m.", "Dotted meridiem"),
        ),
        (
            "- 12:10 AM - After midnight",
            E("00:10", "12:10 AM", "After midnight"),
        ),
        ("- 12:10 PM Noon", E("12:10", "12:10 PM", "Noon")),
        ("- 2 PM: Meeting", E("14:00", "2 PM", "Meeting")),
        ("- 11am Standup", E("11:00", "11am", "Standup")),
        (
            "- 14:15pm: 24-hour with pm",
            E("14:15", "14:15pm", "24-hour with pm"),
        ),
        (
            "- 13:55 PM Also 24-hour",
            E("13:55", "13:55 PM", "Also 24-hour"),
        ),
        ("- 1405Z — Military", E("14:05 +00:00", "1405Z", "Military")),
        (
            "- 1405 UTC Military",
            E("14:05 +00:00", "1405 UTC", "Military"),
        ),
        ("- 0930 hrs — Hours", E("09:30", "0930 hrs", "Hours")),
        ("- 14:05h Suffix", E("14:05", "14:05h", "Suffix")),
        ("- 14.05 - Dotted", E("14:05", "14.05", "Dotted")),
        (
            "- 14.05 CET Dotted zone",
            E("14:05 +01:00", "14.05 CET", "Dotted zone"),
        ),
        (
            "- 14:05:30.250Z Fraction",
            E("14:05:30 +00:00", "14:05:30.250Z", "Fraction"),
        ),
        ("- 14:20-15:00 Range", E("14:20", "14:20-15:00", "Range")),
        ("- 02:00-04:30 Range", E("02:00", "02:00-04:30", "Range")),
        (
            "- 14:05–14:20 En dash range",
            E("14:05", "14:05–14:20", "En dash range"),
        ),
        ("- 11:14 PM x", E("23:14", "11:14 PM", "x")),
        ("- 08:52 PM", E("20:52", "08:52 PM", "")),
        ("- 10:45a x", E("10:45", "10:45a", "x")),
        ("- 10:45p: x", E("22:45", "10:45p", "x")),
        ("- 2:05pm x", E("14:05", "2:05pm", "x")),
        (
            "**21:48:** Paragraph",
            E("21:48", "**21:48:**", "Paragraph"),
        ),
        (
            "- 14:20-2:00 Loose range",
            E("14:20", "14:20-2:00", "Loose range"),
        ),
        (
            "- 14:00 to 14:30 Window",
            E("14:00", "14:00 to 14:30", "Window"),
        ),
        (
            "- 10:30 AM - 11:15 AM PST: Range zone",
            E("10:30 -08:00", "10:30 AM - 11:15 AM PST", "Range zone"),
        ),
        (
            "- 14:05 - 10 users left",
            E("14:05", "14:05", "10 users left"),
        ),
    ];

    #[test]
    fn headings() {
        let cases: &[(&str, Option<&str>)] = &[
            ("### 08:52 PM", Some("20:52")),
            ("### 2018-03-31 15:47", Some("2018-03-31 15:47")),
            ("#### 00:01:", Some("00:01")),
            ("#### 29-09-2021 (All times CEST)", Some("2021-09-29")),
            ("#### Saturday 14/10/2023", Some("2023-10-14")),
            ("## Timeline", None),
            ("###08:52", None),
            ("####### 08:52", None),
        ];
        for (line, want) in cases {
            let got = match parse_heading(line) {
                LineKind::Entry(stamp) => Some(
                    [
                        stamp.date.map(|d| d.to_string()),
                        stamp.time.map(|t| t.format("%H:%M").to_string()),
                    ]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(" "),
                ),
                _ => None,
            };
            assert_eq!(got.as_deref(), *want, "{line}");
        }
        assert_eq!(parse_heading("### 25:99"), LineKind::Unreadable);
    }

    #[test]
    fn clock_forms() {
        for (line, want) in CLOCKS {
            check(line, want);
        }
    }

    const DATES: &[(&str, Want)] = &[
        (
            "- 2026-11-20 14:05 UTC — Checkout error rate above 5% (alice)",
            E(
                "2026-11-20 14:05 +00:00",
                "2026-11-20 14:05 UTC",
                "Checkout error rate above 5% (alice)",
            ),
        ),
        (
            "- 2026-11-20T14:05:00Z Deploy",
            E("2026-11-20 14:05 +00:00", "2026-11-20T14:05:00Z", "Deploy"),
        ),
        (
            "- 2026-11-20T14:05:00+01:00 Deploy",
            E(
                "2026-11-20 14:05 +01:00",
                "2026-11-20T14:05:00+01:00",
                "Deploy",
            ),
        ),
        (
            "- 2026-11-20T14:05:00-08:00 Deploy",
            E(
                "2026-11-20 14:05 -08:00",
                "2026-11-20T14:05:00-08:00",
                "Deploy",
            ),
        ),
        (
            "- 2026/11/20 14:05 Slashes",
            E("2026-11-20 14:05", "2026/11/20 14:05", "Slashes"),
        ),
        (
            "- 2026-11-20, 02:05pm: Comma",
            E("2026-11-20 14:05", "2026-11-20, 02:05pm", "Comma"),
        ),
        (
            "- Nov 20, 2026 14:05 Month first",
            E("2026-11-20 14:05", "Nov 20, 2026 14:05", "Month first"),
        ),
        (
            "- 20 Nov 2026 14:05 Day first",
            E("2026-11-20 14:05", "20 Nov 2026 14:05", "Day first"),
        ),
        ("- 20th of November", N),
        (
            "- November 20th, 2026, 2:05 PM: Long",
            E("2026-11-20 14:05", "November 20th, 2026, 2:05 PM", "Long"),
        ),
        (
            "- Sept. 3 2026 09:00 Abbreviated",
            E("2026-09-03 09:00", "Sept. 3 2026 09:00", "Abbreviated"),
        ),
        (
            "- Nov 20 14:05 No year",
            E("--11-20 14:05", "Nov 20 14:05", "No year"),
        ),
        (
            "- Fri, 20 Nov 2026 14:05:09 GMT Mail",
            E(
                "2026-11-20 14:05:09 +00:00",
                "Fri, 20 Nov 2026 14:05:09 GMT",
                "Mail",
            ),
        ),
        (
            "- Friday 2026-11-20 at 14:05 Words",
            E("2026-11-20 14:05", "Friday 2026-11-20 at 14:05", "Words"),
        ),
        (
            "- November 20, 2026: 7:56am UTC",
            E(
                "2026-11-20 07:56 +00:00",
                "November 20, 2026: 7:56am UTC",
                "",
            ),
        ),
        (
            "- 10/20/2026 - 15:38 CST - US order",
            E(
                "2026-10-20 15:38 -06:00",
                "10/20/2026 - 15:38 CST",
                "US order",
            ),
        ),
        (
            "- 20/10/2026 15:38 Day first",
            E("2026-10-20 15:38", "20/10/2026 15:38", "Day first"),
        ),
        (
            "- 07-27-2026 2:14 pm - Dashes",
            E("2026-07-27 14:14", "07-27-2026 2:14 pm", "Dashes"),
        ),
        (
            "- 4/21/26 11:12 AM Short year",
            E("2026-04-21 11:12", "4/21/26 11:12 AM", "Short year"),
        ),
        (
            "- 20.11.2026 14:05 Dots",
            E("2026-11-20 14:05", "20.11.2026 14:05", "Dots"),
        ),
        (
            "- 14:05 PST 20 Nov 2026 - After",
            E("2026-11-20 14:05 -08:00", "14:05 PST 20 Nov 2026", "After"),
        ),
        (
            "| Fri | Nov 20 | 14:05 | Cells |",
            E("--11-20 14:05", "Fri | Nov 20 | 14:05", "Cells |"),
        ),
        (
            "| 2026-11-20 14:05 | One cell |",
            E("2026-11-20 14:05", "2026-11-20 14:05", "One cell |"),
        ),
        // A date alone is an entry of that day (the reader decides whether it is a day label).
        (
            "- 2026-11-20: Release day",
            E("2026-11-20", "2026-11-20", "Release day"),
        ),
        (
            "- 2026-11-20 - 3 servers crashed",
            E("2026-11-20", "2026-11-20", "3 servers crashed"),
        ),
        (
            "- 11/20/2026 - Date only",
            E("2026-11-20", "11/20/2026", "Date only"),
        ),
        (
            "- **2023-03-14**: Released",
            E("2023-03-14", "**2023-03-14**", "Released"),
        ),
        (
            "**August 1st 2022:** Majority of CAT2",
            E("2022-08-01", "**August 1st 2022:**", "Majority of CAT2"),
        ),
        ("January 29, 2024", E("2024-01-29", "January 29, 2024", "")),
        ("_4/21/23_", E("2023-04-21", "_4/21/23_", "")),
        (
            "Saturday 14/10/2023",
            E("2023-10-14", "Saturday 14/10/2023", ""),
        ),
        // Both readings are dates: read month first until the document says otherwise.
        (
            "- 03/04/2026 14:05 Either",
            E("2026-03-04 14:05", "03/04/2026 14:05", "Either"),
        ),
        (
            "**12-03-2026 14:05 UTC** Bold",
            E(
                "2026-12-03 14:05 +00:00",
                "**12-03-2026 14:05 UTC**",
                "Bold",
            ),
        ),
        (
            "- Jan 14, 10:18 AM: No year",
            E("--01-14 10:18", "Jan 14, 10:18 AM", "No year"),
        ),
        (
            "- Fri, Jan 14 - Day name",
            E("--01-14", "Fri, Jan 14", "Day name"),
        ),
        (
            "- Friday 14:05 — Day name",
            E("14:05", "Friday 14:05", "Day name"),
        ),
        (
            "June 7th, 2024, 13:00 (UTC): Issue detected",
            E(
                "2024-06-07 13:00 +00:00",
                "June 7th, 2024, 13:00 (UTC)",
                "Issue detected",
            ),
        ),
        (
            "**30 July 2012, 02:33 IST.** The line tripped",
            E(
                "2012-07-30 02:33 +05:30",
                "**30 July 2012, 02:33 IST.**",
                "The line tripped",
            ),
        ),
        ("- May 3rd deploy", N),
        ("- May 3rd, and then", E("--05-03", "May 3rd", "and then")),
        ("- Sunday was quiet", N),
    ];

    #[test]
    fn dates() {
        for (line, want) in DATES {
            check(line, want);
        }
    }

    const ZONES: &[(&str, Want)] = &[
        (
            "- 14:05 (UTC) Parens",
            E("14:05 +00:00", "14:05 (UTC)", "Parens"),
        ),
        (
            "- 14:05 +01:00 Offset",
            E("14:05 +01:00", "14:05 +01:00", "Offset"),
        ),
        (
            "- 14:05 -0800 Offset",
            E("14:05 -08:00", "14:05 -0800", "Offset"),
        ),
        (
            "- 14:05 +05:30 Offset",
            E("14:05 +05:30", "14:05 +05:30", "Offset"),
        ),
        (
            "- 14:05 CEST Abbreviation",
            E("14:05 +02:00", "14:05 CEST", "Abbreviation"),
        ),
        (
            "- 3:00 PM CAT- Glued",
            E("15:00 +02:00", "3:00 PM CAT", "Glued"),
        ),
        (
            "- 14:05 GMT-5 Minus",
            E("14:05 -05:00", "14:05 GMT-5", "Minus"),
        ),
        (
            "- 14:05 UTC+2 Plus",
            E("14:05 +02:00", "14:05 UTC+2", "Plus"),
        ),
        (
            "- 14:05 GMT +1 Spaced",
            E("14:05 +01:00", "14:05 GMT +1", "Spaced"),
        ),
        (
            "- 14:05 UTC-05:30 Minutes",
            E("14:05 -05:30", "14:05 UTC-05:30", "Minutes"),
        ),
        ("- 14:05 utc Lower", E("14:05 +00:00", "14:05 utc", "Lower")),
        (
            "- 12:48 (6:48 PDT): Aside",
            E("12:48", "12:48", "(6:48 PDT): Aside"),
        ),
        (
            "- 14:05 POST /checkout returned 500",
            E("14:05", "14:05", "POST /checkout returned 500"),
        ),
        ("- 14:05 ALERT fired", E("14:05", "14:05", "ALERT fired")),
        ("- 14:05 DNS failover", E("14:05", "14:05", "DNS failover")),
        ("- 14:05 IT paged", E("14:05", "14:05", "IT paged")),
        ("- 14:05 Zoom call", E("14:05", "14:05", "Zoom call")),
        ("- ~14:05 Roughly", E("14:05 ~", "~14:05", "Roughly")),
        ("- ~ 14:05 Roughly", E("14:05 ~", "~ 14:05", "Roughly")),
        ("- ca. 14:05 Roughly", E("14:05 ~", "ca. 14:05", "Roughly")),
        (
            "- approx. 14:05 Roughly",
            E("14:05 ~", "approx. 14:05", "Roughly"),
        ),
        (
            "- Around 14:05 Roughly",
            E("14:05 ~", "Around 14:05", "Roughly"),
        ),
        (
            "- circa 2 PM Roughly",
            E("14:00 ~", "circa 2 PM", "Roughly"),
        ),
        (
            "- **~14:05** Roughly",
            E("14:05 ~", "**~14:05**", "Roughly"),
        ),
        (
            "- ~**14:05** Roughly",
            E("14:05 ~", "~**14:05**", "Roughly"),
        ),
        (
            "- 2026-11-20 ~14:05 Roughly",
            E("2026-11-20 14:05 ~", "2026-11-20 ~14:05", "Roughly"),
        ),
    ];

    #[test]
    fn zones_and_approximation() {
        for (line, want) in ZONES {
            check(line, want);
        }
    }

    #[test]
    fn prose_is_not_an_entry() {
        let lines = [
            "",
            "   ",
            "## Timeline",
            "## 14:05 in a heading",
            "- # 14:05 in a heading",
            "- 3 replicas were down",
            "- 10% of requests failed",
            "- v2.3 rolled out",
            "- 2.3 rolled out",
            "- 1.13 release",
            "- 2.10.3 release",
            "- 2 servers crashed",
            "- 5 apples",
            "- 2 PMs were merged",
            "- 3:1 ratio of reads",
            "- 16:9 screens",
            "- 1:100 sampling",
            "- 100 users",
            "- 2019 was a year",
            "- 1405 requests",
            "- 3/4 of servers",
            "- 10-15 minutes later",
            "The outage began when a config change landed.",
            "At 14:05 we saw errors.",
            "Start time: 14:05",
            "- [Company](https://example.com) outage",
            "- [?] Unknown",
            "| --- | --- |",
            "| Time | Event |",
            "| **Date/Time (UTC)** | **Event** |",
            "---",
            "* * *",
            "<!-- guidance -->",
            "- TODO",
            "- Sun Microsystems shipped it",
            "- around 3 replicas",
            "- ~3 replicas",
            "- 0. First step",
            "Around midnight",
        ];
        for line in lines {
            check(line, &N);
        }
    }

    #[test]
    fn broken_stamps_are_unreadable() {
        let lines = [
            "- 25:99 Too late",
            "- 24:30 Past midnight",
            "- 9:75 Bad minutes",
            "- **22:XX** Minutes unknown",
            "- Nov 17th **23:xx** Minutes unknown",
            "- 14:05 XYZT Unknown zone",
            "- 14:05 (ACST) Unknown zone",
            "- 9:00 AM ET Zone without a fixed offset",
            "- 14:05abc Glued",
            "- 2026-13-45 14:05 Impossible date",
            "11/03/202 - Network",
            "- 2026-11-20 25:00 Impossible time",
            "* [???] IOPS reached a critical point",
            "- **XX:XX** Minutes and hours unknown",
            "- Feb 30 14:05 Impossible day",
            "14:61 UTC: Plain line",
        ];
        for line in lines {
            check(line, &U);
        }
    }

    #[test]
    fn never_panics_and_stays_on_char_boundaries() {
        let pieces = [
            "- ",
            "* ",
            "| ",
            "> ",
            "1. ",
            "[ ] ",
            "**",
            "`",
            "[",
            "]",
            "<b>",
            "</b>",
            "~",
            "ca. ",
            "14",
            ":",
            "05",
            ".",
            "2026",
            "-",
            "/",
            "11",
            "20",
            " ",
            "T",
            "Z",
            "UTC",
            "+",
            "PM",
            "am",
            "Nov",
            "Fri",
            "é",
            "—",
            "–",
            "🚨",
            "(",
            ")",
            ",",
            "X",
            "\r",
            "hrs",
            "IST",
            "12345678901",
            "99999",
            "<span a=\">\">",
            "</span>",
            "ET",
        ];
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        for _ in 0..20_000 {
            let mut line = String::new();
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let len = (seed % 12) as usize;
            let mut pick = seed;
            for _ in 0..len {
                pick = pick.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                line.push_str(pieces[(pick >> 33) as usize % pieces.len()]);
            }
            if let LineKind::Entry(stamp) = parse_line(&line) {
                assert!(stamp.span.start <= stamp.span.end && stamp.span.end <= stamp.text_start);
                assert!(line.get(stamp.span.clone()).is_some(), "{line:?}");
                assert!(line.get(stamp.text_start..).is_some(), "{line:?}");
            }
        }
    }

    #[test]
    fn resolves_to_instants() {
        let at = |text: &str| DateTime::parse_from_rfc3339(text).unwrap();
        let date = |text: &str| text.parse::<NaiveDate>().unwrap();
        let named = |name: &str| Zone::Named(name.parse().unwrap());
        let fixed = |text: &str| Zone::Fixed(text.parse().unwrap());
        let cases = [
            (
                "- 2026-11-20 14:05 UTC x",
                None,
                fixed("-08:00"),
                Some("2026-11-20T14:05:00+00:00"),
            ),
            (
                "- 14:05 x",
                Some("2026-11-20"),
                fixed("-08:00"),
                Some("2026-11-20T14:05:00-08:00"),
            ),
            (
                "- 14:05 CET x",
                Some("2026-11-20"),
                fixed("-08:00"),
                Some("2026-11-20T14:05:00+01:00"),
            ),
            (
                "- 14:05 x",
                Some("2026-11-20"),
                named("Europe/Copenhagen"),
                Some("2026-11-20T14:05:00+01:00"),
            ),
            (
                "- 14:05 x",
                Some("2026-07-01"),
                named("Europe/Copenhagen"),
                Some("2026-07-01T14:05:00+02:00"),
            ),
            (
                "- 02:30 x",
                Some("2026-03-29"),
                named("Europe/Copenhagen"),
                None,
            ),
            (
                "- 02:30 x",
                Some("2026-10-25"),
                named("Europe/Copenhagen"),
                Some("2026-10-25T02:30:00+02:00"),
            ),
            (
                "- 02:30 x",
                Some("2026-03-08"),
                named("America/Los_Angeles"),
                None,
            ),
            (
                "- 01:30 x",
                Some("2026-11-01"),
                named("America/Los_Angeles"),
                Some("2026-11-01T01:30:00-07:00"),
            ),
            (
                "- 02:30 +01:00 x",
                Some("2026-03-29"),
                named("Europe/Copenhagen"),
                Some("2026-03-29T02:30:00+01:00"),
            ),
            ("- 14:05 x", None, fixed("+00:00"), None),
            (
                "- Dec 31 23:50 x",
                Some("2027-01-01"),
                fixed("+00:00"),
                Some("2026-12-31T23:50:00+00:00"),
            ),
            (
                "- Jan 1 00:10 x",
                Some("2026-12-31"),
                fixed("+00:00"),
                Some("2027-01-01T00:10:00+00:00"),
            ),
            (
                "- Feb 29 12:00 x",
                Some("2027-03-01"),
                fixed("+00:00"),
                Some("2028-02-29T12:00:00+00:00"),
            ),
            ("- Nov 20 14:05 x", None, fixed("+00:00"), None),
        ];
        for (line, default_date, zone, want) in cases {
            let LineKind::Entry(stamp) = parse_line(line) else {
                panic!("{line}")
            };
            let got = resolve(&stamp, default_date.map(date), zone);
            assert_eq!(got, want.map(at), "{line} on {default_date:?}");
        }
    }
}
