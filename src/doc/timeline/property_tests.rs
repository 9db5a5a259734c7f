//! The property of `pm timeline add`, in process: in random documents of every layout, and in
//! every labelled corpus document, a new entry is one line (a heading entry: its heading and its
//! text) inside the existing timeline, in time order, read back at its instant, written in the
//! neighbours' style, and no other byte changes.

use chrono::{DateTime, FixedOffset};

use super::{Context, ItemKind, insertion, read};
use crate::config::{UserConfig, load};
use crate::doc::Document;
use crate::doc::splice::{self, Edit};
use crate::rng::Rng;
use crate::time::when::parse_when;

const WORDS: &[&str] = &[
    "checkout",
    "error",
    "rate",
    "deploy",
    "rollback",
    "`kubectl`",
    "**alert**",
    "paged",
    "[graph](https://g.example/d/1)",
    "db",
    "latency",
    "p99",
    "cache",
    "on-call",
    "fixed",
    "12:00",
    "noon",
    "v2.3.0",
    "_retry_",
    "queue",
];

fn prose(rng: &mut Rng, words: usize) -> String {
    (0..words)
        .map(|_| *rng.pick(WORDS))
        .collect::<Vec<_>>()
        .join(" ")
}

/// One generated document and what its timeline holds.
struct Case {
    text: String,
    /// How many entries the timeline holds.
    entries: usize,
    /// Whether the section is missing or holds no entry.
    fresh_section: bool,
    /// The zone its bare times are in: 0 (UTC) or -8 (a `(all times PST)` heading).
    offset_hours: i64,
    /// Entries are paragraphs of their own, so a new one brings its blank line.
    paragraphs: bool,
}

/// Minutes from 2026-11-20 00:00 local time, as `HH:MM` of their own day.
fn hhmm(minute: usize) -> String {
    format!("{:02}:{:02}", minute / 60 % 24, minute % 60)
}

/// The local date of a minute from 2026-11-20 00:00.
fn day(minute: usize) -> String {
    format!("2026-11-{}", 20 + minute / 1440)
}

/// `h:MM AM` / `h:MM PM`.
fn twelve_hour(minute: usize) -> String {
    let (h, m) = (minute / 60 % 24, minute % 60);
    let shown = if h % 12 == 0 { 12 } else { h % 12 };
    format!("{shown}:{m:02} {}", if h < 12 { "AM" } else { "PM" })
}

// The generator reads best as one string built up piece by piece.
#[allow(clippy::format_push_string)]
fn generate(rng: &mut Rng, n: usize) -> Case {
    let nl = if rng.chance(30) { "\r\n" } else { "\n" };
    let front = rng.chance(50);
    let offset_hours = if rng.chance(25) { -8 } else { 0 };
    let mut out = String::new();
    if front {
        out += &format!(
            "+++{nl}title = \"Case {n}\"{nl}started = 2026-11-20T08:00:00Z{nl}tags = [\"x\"]{nl}\
             +++{nl}{nl}"
        );
    }
    if rng.chance(70) {
        out += &format!("# Incident {n}{nl}{nl}");
    }
    let others: &[&str] = &[
        "Summary",
        "Impact",
        "Trigger",
        "Resolution",
        "Root cause",
        "What went well",
        "Lessons learned",
        "Action items",
        "Appendix",
        "Notes",
    ];
    let mut sections: Vec<&str> = others.iter().copied().filter(|_| rng.chance(40)).collect();
    // A PST timeline must say so, so it is never missing.
    let missing = offset_hours == 0 && rng.chance(10);
    if !missing {
        let at = rng.below(sections.len() + 1);
        sections.insert(at, "TIMELINE");
    }
    let mut entries = 0;
    let mut fresh_section = missing;
    let mut paragraphs = false;
    for name in sections {
        if name != "TIMELINE" {
            let words = 1 + rng.below(12);
            out += &format!("## {name}{nl}{nl}{}{nl}", prose(rng, words));
            if rng.chance(30) {
                out += &format!("{nl}```{nl}14:00 fake stamp in a log{nl}- 03:00 fake{nl}```{nl}");
            }
            if rng.chance(20) {
                out += &format!("{nl}- 13:00 looks like an entry, outside the timeline{nl}");
            }
            out += nl;
            continue;
        }
        let hashes = if rng.chance(20) { "###" } else { "##" };
        let heading = if offset_hours == 0 {
            *rng.pick(&[
                "Timeline",
                "Timeline (all times UTC)",
                "timeline",
                "Timeline of events",
                "Chronology",
            ])
        } else {
            *rng.pick(&[
                "Timeline (all times PST)",
                "Timeline (all times PST). All times approximations",
            ])
        };
        out += &format!("{hashes} {heading}{nl}{nl}");
        match rng.below(3) {
            0 => out += &format!("<!-- log entries here -->{nl}{nl}"),
            1 if offset_hours == 0 => out += &format!("All times are UTC.{nl}{nl}"),
            _ => {}
        }
        let count = if rng.chance(10) { 0 } else { 1 + rng.below(12) };
        fresh_section = count == 0;
        entries = count;
        // From 09:00 to 02:00 the next day: a bare time more than six hours before the one
        // above it is after midnight.
        let mut minutes: Vec<usize> = (0..count).map(|_| 9 * 60 + rng.below(17 * 60)).collect();
        minutes.sort_unstable();
        let layout = rng.below(4);
        let loose = rng.chance(30);
        paragraphs = count > 0 && (layout == 3 || (layout == 2 && (loose || count == 1)));
        let marker = *rng.pick(&["- ", "* ", "+ ", "1. "]);
        let style = rng.below(5);
        let who = rng.chance(50);
        if layout == 1 && count > 0 {
            if who {
                out += &format!("| Time | Event | Who |{nl}|------|-------|-----|{nl}");
            } else {
                out += &format!("| Time | Event |{nl}|------|-------|{nl}");
            }
        }
        for (i, &minute) in minutes.iter().enumerate() {
            // Without front matter the first entry carries the date; with it, `started` does,
            // unless the first entry is already past midnight.
            let date = if i == 0 && (!front || minute >= 1440) {
                format!("{} ", day(minute))
            } else {
                String::new()
            };
            let time = if style == 4 {
                twelve_hour(minute)
            } else {
                hhmm(minute)
            };
            let stamp = format!("{date}{time}");
            let words = 1 + rng.below(8);
            let body = prose(rng, words);
            let entry = match style {
                0 | 4 => format!("{stamp} - {body}"),
                1 => format!("**{stamp}** {body}"),
                2 => format!("{stamp}: {body}"),
                _ => format!("`{stamp}` — {body}"),
            };
            match layout {
                0 => {
                    out += &format!("{marker}{entry}{nl}");
                    if rng.chance(15) {
                        out += &format!("  {}{nl}", prose(rng, 3));
                    }
                    if loose {
                        out += nl;
                    }
                }
                1 if who => out += &format!("| {stamp} | {body} | bob |{nl}"),
                1 => out += &format!("| {stamp} | {body} |{nl}"),
                2 => {
                    out += &format!("{entry}{nl}");
                    if loose {
                        out += nl;
                    }
                }
                _ => out += &format!("{entry}{nl}{nl}"),
            }
        }
        if rng.chance(20) {
            out += &format!("{nl}```{nl}13:37 fake stamp inside the timeline's log{nl}```{nl}");
        }
        out += nl;
    }
    if rng.chance(30) {
        // No final line break.
        while out.ends_with('\n') {
            out.pop();
            if out.ends_with('\r') {
                out.pop();
            }
        }
    } else if rng.chance(20) {
        out += nl;
    }
    Case {
        text: out,
        entries,
        fresh_section,
        offset_hours,
        paragraphs,
    }
}

/// A WHEN for the local minute `minute` (from 2026-11-20 00:00 in a zone `offset_hours` from
/// UTC), in one of the forms `--at` reads, and the instant it means.
fn random_when(rng: &mut Rng, minute: usize, offset_hours: i64) -> (String, DateTime<FixedOffset>) {
    let local = format!("{}T{}:00", day(minute), hhmm(minute));
    let offset = FixedOffset::east_opt(i32::try_from(offset_hours * 3600).unwrap()).unwrap();
    let at = chrono::NaiveDateTime::parse_from_str(&local, "%Y-%m-%dT%H:%M:%S")
        .unwrap()
        .and_local_timezone(offset)
        .unwrap();
    let utc = at.with_timezone(&chrono::Utc);
    let plus_one = at.with_timezone(&FixedOffset::east_opt(3600).unwrap());
    let today = minute < 1440;
    let when = match (rng.below(6), offset_hours) {
        // Bare and zone-only forms mean today: only for times before midnight.
        (0, 0) if today => hhmm(minute),
        (1, 0) if today => format!("{} UTC", hhmm(minute)),
        (0 | 1, _) if today => format!("{} PST", hhmm(minute)),
        (2, 0) => format!("{} {}", day(minute), hhmm(minute)),
        (2, _) => format!("{} {} PST", day(minute), hhmm(minute)),
        (3, _) => utc.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
        (4, _) => plus_one.to_rfc3339(),
        _ => at.to_rfc3339(),
    };
    (when, at)
}

/// `new` must be `old` plus the one line holding `marker`, and for a fresh section the
/// `## Timeline` heading and at most two blank lines; plus, when `old` lacked one, its final line
/// break. Every other byte is the same.
/// `new` must be `old` plus the inserted lines, which hold `marker` once: one line, or a
/// heading and its text; plus blank lines only where the layout needs them (a fresh section's
/// heading, a paragraph or heading of its own); plus, when `old` lacked one, its final line
/// break. Every other byte is the same.
#[track_caller]
fn check_insertion(old: &str, new: &str, marker: &str, extra: Extra, context: &str) {
    let lines: Vec<&str> = new.split_inclusive('\n').collect();
    let hits: Vec<usize> = (0..lines.len())
        .filter(|&i| lines[i].contains(marker))
        .collect();
    assert_eq!(hits.len(), 1, "the entry must be one line\n{context}");
    let nl = if old.contains("\r\n") { "\r\n" } else { "\n" };
    let mut old = old.to_string();
    if !old.ends_with('\n') && new.starts_with(&format!("{old}{nl}")) {
        old.push_str(nl);
    }
    let before: Vec<&str> = old.split_inclusive('\n').collect();
    let prefix = before
        .iter()
        .zip(&lines)
        .take_while(|(a, b)| a == b)
        .count();
    let max_suffix = before.len().min(lines.len()) - prefix;
    let suffix = before
        .iter()
        .rev()
        .zip(lines.iter().rev())
        .take(max_suffix)
        .take_while(|(a, b)| a == b)
        .count();
    assert_eq!(
        prefix + suffix,
        before.len(),
        "lines of the original changed or went missing\n{context}"
    );
    let added = &lines[prefix..lines.len() - suffix];
    let blanks = added.iter().filter(|l| l.trim().is_empty()).count();
    let texts = added.len() - blanks;
    let headings = added
        .iter()
        .filter(|l| l.trim_end() == "## Timeline")
        .count();
    let (max_texts, max_blanks) = match extra {
        Extra::None => (1, 0),
        Extra::FreshSection | Extra::Heading => (2, 2),
        Extra::Paragraph => (1, 1),
    };
    assert!(
        texts <= max_texts
            && blanks <= max_blanks
            && headings <= usize::from(extra == Extra::FreshSection),
        "unexpected extra lines {added:?}\n{context}"
    );
}

/// What else an insertion may add besides its line.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Extra {
    None,
    FreshSection,
    Paragraph,
    Heading,
}

/// Insert an entry saying `text` at `at` into `old` as `pm timeline add` does; the new text.
fn add(old: &str, at: DateTime<FixedOffset>, text: &str, file_name: Option<&str>) -> String {
    let config = load(
        std::path::Path::new("/no-wiki-here"),
        &UserConfig::default(),
    )
    .unwrap();
    let names = config.section_names();
    let doc = Document::parse(old.to_string());
    let context = Context {
        file_name,
        last_resort: Some(at.date_naive()),
        ..Context::zone(chrono_tz::UTC)
    };
    let timeline = read(&doc, &names, &context);
    let insertion = insertion(&doc, &names, &timeline, at, text, Some("Alice Example"));
    splice::apply(&doc.text, &[Edit::insert(insertion.offset, insertion.text)])
}

/// The entries of `text` as `pm timeline list` reads them: (line, instant, readable).
fn listed(
    text: &str,
    file_name: Option<&str>,
) -> Vec<(usize, Option<DateTime<FixedOffset>>, bool)> {
    let config = load(
        std::path::Path::new("/no-wiki-here"),
        &UserConfig::default(),
    )
    .unwrap();
    let names = config.section_names();
    let doc = Document::parse(text.to_string());
    let context = Context {
        file_name,
        ..Context::zone(chrono_tz::UTC)
    };
    read(&doc, &names, &context)
        .items
        .iter()
        .map(|i| (i.line, i.at(), !matches!(i.kind, ItemKind::Unreadable)))
        .collect()
}

#[test]
fn property_one_line_in_its_place_and_nothing_else_changes() {
    // A fixed seed keeps CI reproducible; set PM_TEST_SEED / PM_TEST_CASES to explore further.
    let env = |key: &str| std::env::var(key).ok().and_then(|v| v.parse::<u64>().ok());
    let seed = env("PM_TEST_SEED").unwrap_or(0x5EED_2026_1120);
    let cases = env("PM_TEST_CASES").map_or(2000, |n| usize::try_from(n).unwrap());
    let now = DateTime::parse_from_rfc3339("2026-11-20T23:59:00Z").unwrap();
    let mut rng = Rng::new(seed);
    for n in 0..cases {
        let case = generate(&mut rng, n);
        let minute = 8 * 60 + rng.below(19 * 60);
        let (when, expected) = random_when(&mut rng, minute, case.offset_hours);
        let at = parse_when(&when, now, chrono_tz::UTC).unwrap();
        assert_eq!(at, expected, "{when}");
        let marker = format!("PROPNEW{n}");
        let words = 1 + rng.below(5);
        let text = format!("{} {marker}", prose(&mut rng, words));
        let new = add(&case.text, at, &text, None);
        let context = format!(
            "seed {seed}, case {n}, --at {when:?}\n--- before\n{}\n--- after\n{new}",
            case.text
        );
        let extra = if case.fresh_section {
            Extra::FreshSection
        } else if case.paragraphs {
            Extra::Paragraph
        } else {
            Extra::None
        };
        check_insertion(&case.text, &new, &marker, extra, &context);

        let entries = listed(&new, None);
        assert_eq!(entries.len(), case.entries + 1, "{context}");
        assert!(entries.iter().all(|e| e.2), "{context}");
        let times: Vec<DateTime<FixedOffset>> = entries
            .iter()
            .map(|e| e.1.unwrap_or_else(|| panic!("undated entry\n{context}")))
            .collect();
        assert!(
            times.windows(2).all(|w| w[0] <= w[1]),
            "out of order: {times:?}\n{context}"
        );
        let line = new.split('\n').position(|l| l.contains(&marker)).unwrap();
        let mine: Vec<_> = entries.iter().filter(|e| e.0 == line).collect();
        assert_eq!(mine.len(), 1, "{context}");
        assert_eq!(mine[0].1, Some(expected), "{context}");
    }
}

/// A labelled document: its path in the corpus, its text, and its labelled instants.
type Labelled = (String, String, Vec<DateTime<FixedOffset>>);

/// The labelled corpus documents (`tests/fixtures/corpus/timeline`), with the corpus they
/// come from; `None` when the corpus is absent outside CI.
fn labelled() -> Option<Vec<Labelled>> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let corpus = std::env::var_os("PM_CORPUS")
        .filter(|v| !v.is_empty())
        .map_or_else(|| root.join("../shared/corpus"), std::path::PathBuf::from);
    if !corpus.is_dir() {
        assert!(
            std::env::var_os("CI").is_none_or(|v| v.is_empty()),
            "the corpus is missing, and CI must run this test: set `PM_CORPUS`"
        );
        eprintln!("skipped: no corpus at {}", corpus.display());
        return None;
    }
    let labels = root.join("tests/fixtures/corpus/timeline");
    let mut out = Vec::new();
    for entry in std::fs::read_dir(labels).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "toml") {
            continue;
        }
        let label: toml::Table = toml::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let doc = label["doc"].as_str().unwrap().to_string();
        let ats = label
            .get("entry")
            .and_then(toml::Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(|e| e.get("at")?.as_str())
            .filter_map(|at| DateTime::parse_from_rfc3339(at).ok())
            .collect();
        let text = String::from_utf8_lossy(&std::fs::read(corpus.join(&doc)).unwrap()).into_owned();
        out.push((doc, text, ats));
    }
    out.sort();
    Some(out)
}

/// The stamp's shape: what it is written with, whatever its values.
fn shape(line: &str) -> Option<(String, String, [bool; 7])> {
    use super::entry::{LineKind, parse_heading, parse_line};
    let kind = if line.trim_start().starts_with('#') {
        parse_heading(line)
    } else {
        parse_line(line)
    };
    let LineKind::Entry(stamp) = kind else {
        return None;
    };
    let f = &stamp.fields;
    let prefix = line.get(..stamp.span.start)?.to_string();
    let separator = line
        .get(stamp.span.end..stamp.text_start)?
        .trim()
        .to_string();
    let parts = [
        f.weekday.is_some(),
        f.year.is_some(),
        f.month.is_some(),
        f.day.is_some(),
        f.second.is_some(),
        f.meridiem.is_some(),
        f.zone.is_some(),
    ];
    Some((prefix, separator, parts))
}

#[test]
fn an_entry_added_to_every_labelled_document_goes_in_its_place_in_their_style() {
    let Some(documents) = labelled() else {
        return;
    };
    for (doc, text, ats) in documents {
        let file_name = doc.rsplit('/').next();
        let before = listed(&text, file_name);
        let mut dated: Vec<DateTime<FixedOffset>> = before.iter().filter_map(|e| e.1).collect();
        dated.sort();
        // A minute after an entry that pm and the labels both date and before the next, else
        // after the last: on a day the timeline already writes, so its style can say it.
        let at = dated
            .windows(2)
            .find(|w| w[1] - w[0] >= chrono::Duration::minutes(2) && ats.contains(&w[0]))
            .map(|w| w[0] + chrono::Duration::minutes(1))
            .or_else(|| dated.last().map(|t| *t + chrono::Duration::minutes(1)))
            .map(|t| t - chrono::Duration::seconds(t.timestamp().rem_euclid(60)));
        let Some(at) = at else {
            continue;
        };
        let marker = "PROPNEW entry";
        let new = add(&text, at, marker, file_name);
        let context = format!("{doc} at {at}");
        // A heading entry brings its heading, its text and the blank lines around them.
        let lines: Vec<&str> = new.lines().collect();
        let at_line = lines.iter().position(|l| l.contains(marker)).unwrap();
        let heading = lines[..at_line]
            .iter()
            .rev()
            .find(|l| !l.trim().is_empty())
            .is_some_and(|l| l.trim_start().starts_with('#'));
        let extra = if heading {
            Extra::Heading
        } else {
            Extra::Paragraph
        };
        check_insertion(&text, &new, marker, extra, &context);
        let after = listed(&new, file_name);
        assert_eq!(after.len(), before.len() + 1, "{context}");
        // The new entry is read at its instant, between the entries around it.
        let mine = after
            .iter()
            .position(|e| e.1 == Some(at) && !before.iter().any(|b| b.0 == e.0 && b.1 == e.1))
            .unwrap_or_else(|| panic!("not read back at {at}\n{context}"));
        let earlier = after[..mine].iter().filter_map(|e| e.1).next_back();
        let later = after[mine + 1..].iter().find_map(|e| e.1);
        assert!(
            earlier.is_none_or(|t| t <= at) && later.is_none_or(|t| t >= at),
            "out of order\n{context}"
        );
        // Written like the entry it follows (or precedes).
        let written = lines[after[mine].0];
        let neighbour = after[..mine]
            .iter()
            .rev()
            .chain(after[mine + 1..].iter())
            .find_map(|e| shape(lines[e.0]).filter(|s| s.2[5] || e.1.is_some()));
        if let (Some(mine), Some(neighbour)) = (shape(written), neighbour) {
            assert_eq!(mine.0, neighbour.0, "prefix of {written:?}\n{context}");
            assert_eq!(mine.1, neighbour.1, "separator of {written:?}\n{context}");
        }
    }
}
