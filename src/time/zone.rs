//! Time zones: IANA names, the abbreviations people write after a time (`CET`, `PDT`),
//! numeric offsets, and the zone a timeline declares for its bare times.
//!
//! A WHEN typed at the command line, a stamp in a timeline and a timeline's heading all ask
//! here what a zone word means, so `CET` or `UTC+2` means the same wherever it is written.
//! How far each reader looks for a zone (the rest of a WHEN, the bytes after a stamp, the
//! words of a heading) stays with that reader.

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, Offset, TimeZone};
use chrono_tz::Tz;

use crate::text;

/// A zone: a fixed offset (from `+01:00`, `UTC` or `CET`) or an IANA zone, whose offset
/// follows daylight saving time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Zone {
    Fixed(FixedOffset),
    Named(Tz),
}

impl Zone {
    /// The date `at` falls on in this zone.
    pub(crate) fn date_of(self, at: DateTime<FixedOffset>) -> NaiveDate {
        match self {
            Zone::Fixed(offset) => at.with_timezone(&offset).date_naive(),
            Zone::Named(tz) => at.with_timezone(&tz).date_naive(),
        }
    }
}

/// A name that is not an IANA zone.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{name}` is not an IANA time zone name; use one like `Europe/Copenhagen` or `UTC`")]
pub(crate) struct NotAZoneName {
    pub(crate) name: String,
}

const HOUR: i32 = 3600;

/// Zone abbreviations people write after a time, by their offset in hours east of UTC. Only
/// abbreviations with one common meaning are here; see [`AMBIGUOUS_ABBREVIATIONS`].
const ABBREVIATIONS: &[(i32, &[&str])] = &[
    (-10, &["HST"]),
    (-9, &["AKST"]),
    (-8, &["AKDT", "PST"]),
    (-7, &["PDT", "MST"]),
    (-6, &["MDT", "CST"]),
    (-5, &["CDT", "EST"]),
    (-4, &["EDT"]),
    (0, &["UTC", "GMT", "Z", "WET"]),
    (1, &["WEST", "BST", "CET", "WAT"]),
    (2, &["CEST", "EET", "CAT", "SAST"]),
    (3, &["EEST", "MSK", "EAT"]),
    (8, &["HKT", "SGT"]),
    (9, &["JST", "KST"]),
    (10, &["AEST"]),
    (11, &["AEDT"]),
    (12, &["NZST"]),
    (13, &["NZDT"]),
];

/// Abbreviations in common use for more than one zone: guessing would silently shift a time by
/// hours, so a WHEN typed with one is refused with what it could mean.
const AMBIGUOUS_ABBREVIATIONS: &[(&str, &str)] = &[("IST", "India, Ireland or Israel")];

/// How a document that was written long ago, and cannot be asked, means those abbreviations:
/// `IST` is India Standard Time in the post-mortems that write it (Ireland writes `IST` only
/// in summer, beside `GMT`; Israel mostly writes `IDT`/`IST` with an offset).
const DOCUMENT_READINGS: &[(&str, i32)] = &[("IST", 5 * HOUR + 30 * 60)];

/// The offset an abbreviation written in a document means: [`zone_abbreviation_offset`], and
/// the usual reading of an ambiguous one ([`DOCUMENT_READINGS`]).
pub(crate) fn document_abbreviation_offset(abbr: &str) -> Option<FixedOffset> {
    zone_abbreviation_offset(abbr).or_else(|| {
        DOCUMENT_READINGS
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case(abbr))
            .and_then(|&(_, seconds)| FixedOffset::east_opt(seconds))
    })
}

/// US zones as people abbreviate them without saying standard or daylight time. Their offset
/// depends on the date, so a stamp cannot carry one, but a timeline can declare one.
const US_GENERIC: &[(&str, &str)] = &[
    ("PT", "America/Los_Angeles"),
    ("MT", "America/Denver"),
    ("CT", "America/Chicago"),
    ("ET", "America/New_York"),
];

/// The offset of a zone abbreviation such as `CET` or `PDT` (any case), or `None` when it is
/// unknown or ambiguous.
pub(crate) fn zone_abbreviation_offset(abbr: &str) -> Option<FixedOffset> {
    ABBREVIATIONS
        .iter()
        .find(|(_, names)| names.iter().any(|name| name.eq_ignore_ascii_case(abbr)))
        .and_then(|&(hours, _)| FixedOffset::east_opt(hours * HOUR))
}

/// What an ambiguous abbreviation such as `IST` could mean, or `None` when it is not one.
pub(crate) fn ambiguous_abbreviation(abbr: &str) -> Option<&'static str> {
    AMBIGUOUS_ABBREVIATIONS
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case(abbr))
        .map(|&(_, meanings)| meanings)
}

/// The IANA zone a US generic abbreviation (`PT`, upper case only) stands for.
fn us_generic(word: &str) -> Option<&'static str> {
    US_GENERIC
        .iter()
        .find(|(abbr, _)| *abbr == word)
        .map(|&(_, name)| name)
}

/// What an upper-case word written right after a time says about the time's zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Abbreviation {
    /// A zone abbreviation with one meaning (`CET`, `PDT`).
    Known(FixedOffset),
    /// Meant as a zone, but it does not say which offset: ambiguous (`IST`), unknown but shaped
    /// like a zone (`XYZT`), or a US zone whose offset depends on the date (`PT`).
    Unusable,
    /// Not a zone: a word of the entry's text.
    NotAZone,
}

/// Read an upper-case word after a time in a document as a zone abbreviation.
pub(crate) fn read_abbreviation(word: &str) -> Abbreviation {
    if let Some(offset) = document_abbreviation_offset(word) {
        return Abbreviation::Known(offset);
    }
    if ambiguous_abbreviation(word).is_some() || looks_like_zone(word) {
        return Abbreviation::Unusable;
    }
    Abbreviation::NotAZone
}

/// Whether an unknown upper-case word is most likely a zone abbreviation: they end in `T`
/// (`ACST`, `BRT`, `XYZT`), unlike most capitalised words after a time, and the common words
/// that do are listed so they stay text. The US `PT`, `MT`, `CT` and `ET` are zones too.
fn looks_like_zone(word: &str) -> bool {
    const WORDS: &[&str] = &[
        "ACT", "ALERT", "AUDIT", "BOOT", "BUT", "CERT", "EDIT", "EVENT", "EXIT", "FIRST", "GET",
        "HIT", "HOST", "INPUT", "JUST", "LAST", "LIST", "NAT", "NEXT", "NOT", "OUT", "PORT",
        "POST", "PUT", "RESET", "REST", "ROOT", "SET", "SPLIT", "START", "TEST", "TEXT", "WAIT",
    ];
    if us_generic(word).is_some() {
        return true;
    }
    (3..=5).contains(&word.len()) && word.ends_with('T') && !WORDS.contains(&word)
}

/// An IANA zone name such as `Europe/Copenhagen` or `UTC`, in any case.
pub(crate) fn parse_zone(name: &str) -> Result<Tz, NotAZoneName> {
    let name = name.trim();
    if let Ok(tz) = name.parse::<Tz>() {
        return Ok(tz);
    }
    // chrono-tz only matches case-insensitively behind a feature that pulls in more crates, and
    // this runs once per command, so a linear scan of the ~600 names is enough.
    chrono_tz::TZ_VARIANTS
        .iter()
        .copied()
        .find(|tz| tz.name().eq_ignore_ascii_case(name))
        .ok_or_else(|| NotAZoneName {
            name: name.to_string(),
        })
}

/// A numeric offset, `+01:00`, `+0100`, `+01` or `+1`, with either sign.
pub(crate) fn parse_offset(text: &str) -> Option<FixedOffset> {
    let sign = match text.as_bytes().first()? {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let body = text::after(text, 1);
    let (hours, minutes) = match body.split_once(':') {
        Some(split) => split,
        None if body.len() == 4 => body.split_at_checked(2)?,
        None => (body, "00"),
    };
    let number = |digits: &str| {
        digits
            .bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| digits.parse::<i32>().ok())
            .flatten()
    };
    if !(1..=2).contains(&hours.len()) || minutes.len() != 2 {
        return None;
    }
    let (hours, minutes) = (number(hours)?, number(minutes)?);
    if hours > 14 || minutes > 59 {
        return None;
    }
    FixedOffset::east_opt(sign * (hours * HOUR + minutes * 60))
}

/// Whether `word` is `UTC` or `GMT`, in any case: the names an offset may follow (`UTC+2`).
pub(crate) fn is_utc_name(word: &str) -> bool {
    word.eq_ignore_ascii_case("UTC") || word.eq_ignore_ascii_case("GMT")
}

/// An offset written after `UTC` or `GMT` (`UTC+2`, `GMT -05:00`).
pub(crate) fn utc_plus(text: &str) -> Option<FixedOffset> {
    text.get(..3)
        .filter(|base| is_utc_name(base))
        .and_then(|_| parse_offset(text::after(text, 3).trim_start()))
}

/// Whether `zone` is at `offset` in winter or summer of the year around `near`: then times
/// written at that offset are the zone's own (as pm writes them).
pub(crate) fn uses_offset(zone: Tz, offset: FixedOffset, near: NaiveDate) -> bool {
    [0, 91, 182, 273].into_iter().any(|days| {
        let day = near + Duration::days(days);
        let noon = day.and_hms_opt(12, 0, 0).unwrap_or_default();
        zone.from_utc_datetime(&noon).offset().fix() == offset
    })
}

/// The zone a timeline declares for its bare times, from its heading or a line near it:
/// `## Timeline (all times PST)`, `Timeline (UTC)`, `All times are in Pacific Time`,
/// `times in CET`, `(all times UTC+2)`, `times in Europe/Copenhagen`.
pub(crate) fn zone_hint(text: &str) -> Option<Zone> {
    const KEYWORDS: &[&str] = &["time", "times", "timeline", "timezone", "zone"];
    // Only text that talks about time declares a zone; this keeps `CAT` or `Central` in other
    // prose from being taken for one.
    let talks_about_time = text
        .split(|c: char| !c.is_ascii_alphabetic())
        .any(|w| KEYWORDS.iter().any(|k| k.eq_ignore_ascii_case(w)));
    if !talks_about_time {
        return None;
    }
    let is_word = |c: char| c.is_ascii_alphanumeric() || matches!(c, '/' | '_' | '+' | '-' | ':');
    let words: Vec<&str> = text
        .split(|c: char| !is_word(c))
        .map(|w| w.trim_start_matches(':').trim_end_matches([':', '-']))
        .filter(|w| !w.is_empty())
        .collect();
    (0..words.len()).find_map(|i| hint_at(&words[i..]))
}

/// The zone named by the words at the start of `words`, if any.
fn hint_at(words: &[&str]) -> Option<Zone> {
    /// Zones named in words, with the IANA zone they mean. The first word must match, then each
    /// further one; a lone region word must be followed by `time`, `standard` or `daylight`,
    /// or end the text.
    const NAMED: &[(&[&str], &str)] = &[
        (&["central", "european"], "Europe/Berlin"),
        (&["eastern", "european"], "Europe/Athens"),
        (&["western", "european"], "Europe/Lisbon"),
        (&["east", "africa"], "Africa/Nairobi"),
        (&["east", "african"], "Africa/Nairobi"),
        (&["eastern", "african"], "Africa/Nairobi"),
        (&["west", "africa"], "Africa/Lagos"),
        (&["west", "african"], "Africa/Lagos"),
        (&["australian", "eastern"], "Australia/Sydney"),
        (&["coordinated", "universal"], "UTC"),
        (&["pacific"], "America/Los_Angeles"),
        (&["mountain"], "America/Denver"),
        (&["central"], "America/Chicago"),
        (&["eastern"], "America/New_York"),
        (&["british"], "Europe/London"),
        (&["uk"], "Europe/London"),
        (&["india"], "Asia/Kolkata"),
        (&["indian"], "Asia/Kolkata"),
        (&["japan"], "Asia/Tokyo"),
    ];
    /// Abbreviations that are also English words, so they only count in upper case.
    const WORDLIKE: &[&str] = &["wet", "west", "cat", "eat", "est"];
    let word = words[0];
    let abbreviation_case = word.bytes().all(|b| b.is_ascii_uppercase())
        || (word.bytes().all(|b| b.is_ascii_lowercase()) && !WORDLIKE.contains(&word));
    // `utc` is declared in lower case too, but `gmt` in prose is rarely the zone.
    if word
        .get(..3)
        .is_some_and(|b| b.eq_ignore_ascii_case("utc") || b == "GMT")
    {
        if word.len() == 3 {
            let offset = words.get(1).and_then(|next| parse_offset(next));
            return Some(Zone::Fixed(offset.unwrap_or(FixedOffset::east_opt(0)?)));
        }
        return utc_plus(word).map(Zone::Fixed);
    }
    if abbreviation_case {
        if let Some(offset) = document_abbreviation_offset(word) {
            return Some(Zone::Fixed(offset));
        }
        if let Some(name) = us_generic(word) {
            return parse_zone(name).ok().map(Zone::Named);
        }
    }
    if word.contains('/') {
        return parse_zone(word).ok().map(Zone::Named);
    }
    NAMED.iter().find_map(|&(phrase, name)| {
        let matches = phrase.len() <= words.len()
            && phrase
                .iter()
                .zip(words)
                .all(|(p, w)| p.eq_ignore_ascii_case(w));
        let follows = words.get(phrase.len()).map(|w| w.to_ascii_lowercase());
        let closed = phrase.len() > 1
            || matches!(
                follows.as_deref(),
                None | Some("time" | "standard" | "daylight")
            );
        (matches && closed)
            .then(|| parse_zone(name).ok().map(Zone::Named))
            .flatten()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zones_by_name() {
        let cases = [
            ("Europe/Copenhagen", Some("Europe/Copenhagen")),
            ("europe/copenhagen", Some("Europe/Copenhagen")),
            (" America/Los_Angeles ", Some("America/Los_Angeles")),
            ("UTC", Some("UTC")),
            ("utc", Some("UTC")),
            ("Mars/Olympus", None),
            ("", None),
            ("+01:00", None),
        ];
        for (name, want) in cases {
            assert_eq!(parse_zone(name).ok().map(Tz::name), want, "{name}");
        }
        let message = parse_zone("Mars/Olympus").unwrap_err().to_string();
        assert!(message.contains("not an IANA time zone name"), "{message}");
        assert!(message.contains("`Europe/Copenhagen`"), "{message}");
    }

    #[test]
    fn abbreviations() {
        let cases = [
            ("UTC", Some(0)),
            ("Z", Some(0)),
            ("PST", Some(-8)),
            ("pdt", Some(-7)),
            ("CET", Some(1)),
            ("CEST", Some(2)),
            ("BST", Some(1)),
            ("EAT", Some(3)),
            ("AEDT", Some(11)),
            ("NZDT", Some(13)),
            ("IST", None),
            ("XYZT", None),
            ("", None),
        ];
        for (abbr, hours) in cases {
            let want = hours.map(|h| FixedOffset::east_opt(h * HOUR).unwrap());
            assert_eq!(zone_abbreviation_offset(abbr), want, "{abbr}");
        }
        assert!(ambiguous_abbreviation("ist").is_some());
        assert!(ambiguous_abbreviation("CET").is_none());
    }

    #[test]
    fn abbreviations_after_a_time() {
        let cet = FixedOffset::east_opt(HOUR).unwrap();
        let cases = [
            ("CET", Abbreviation::Known(cet)),
            (
                "IST",
                Abbreviation::Known(FixedOffset::east_opt(5 * HOUR + 1800).unwrap()),
            ),
            ("XYZT", Abbreviation::Unusable),
            ("PT", Abbreviation::Unusable),
            ("ET", Abbreviation::Unusable),
            ("START", Abbreviation::NotAZone),
            ("DNS", Abbreviation::NotAZone),
            ("T", Abbreviation::NotAZone),
        ];
        for (word, want) in cases {
            assert_eq!(read_abbreviation(word), want, "{word}");
        }
    }

    #[test]
    fn offsets() {
        let cases = [
            ("+01:00", Some(3600)),
            ("+0100", Some(3600)),
            ("+01", Some(3600)),
            ("+1", Some(3600)),
            ("-08", Some(-8 * 3600)),
            ("+05:30", Some(5 * 3600 + 1800)),
            ("-0930", Some(-(9 * 3600 + 1800))),
            ("+14:00", Some(14 * 3600)),
            ("+15", None),
            ("+01:60", None),
            ("+010", None),
            ("+", None),
            ("01:00", None),
            ("+ab", None),
            ("+0é", None),
        ];
        for (text, want) in cases {
            let want = want.map(|s| FixedOffset::east_opt(s).unwrap());
            assert_eq!(parse_offset(text), want, "{text}");
        }
    }

    #[test]
    fn offsets_after_utc() {
        let hours = |h: i32| Some(FixedOffset::east_opt(h * HOUR).unwrap());
        let cases = [
            ("UTC+2", hours(2)),
            ("GMT-5", hours(-5)),
            ("utc +01:00", hours(1)),
            ("UTC", None),
            ("CET+1", None),
            ("UT", None),
        ];
        for (text, want) in cases {
            assert_eq!(utc_plus(text), want, "{text}");
        }
    }

    #[test]
    fn zone_hints() {
        let named = |name: &str| Some(Zone::Named(name.parse().unwrap()));
        let fixed = |text: &str| Some(Zone::Fixed(text.parse().unwrap()));
        let cases = [
            ("## Timeline (all times PST)", fixed("-08:00")),
            ("Timeline (UTC)", fixed("+00:00")),
            ("## Timeline (times in utc)", fixed("+00:00")),
            (
                "All times are in Pacific Time",
                named("America/Los_Angeles"),
            ),
            (
                "> (all times in pacific time)",
                named("America/Los_Angeles"),
            ),
            ("All times Pacific", named("America/Los_Angeles")),
            ("times in CET", fixed("+01:00")),
            ("times in cest", fixed("+02:00")),
            ("(all times UTC+2)", fixed("+02:00")),
            ("All times UTC -5", fixed("-05:00")),
            ("All times in PDT (UTC-7).", fixed("-07:00")),
            ("## Timeline (all times PT )", named("America/Los_Angeles")),
            ("All times Eastern", named("America/New_York")),
            ("Times are Central European Time", named("Europe/Berlin")),
            ("All times in East Africa Time", named("Africa/Nairobi")),
            ("All times in Europe/Copenhagen", named("Europe/Copenhagen")),
            ("| Date/Time (UTC) | Event |", fixed("+00:00")),
            (
                "All events are in [UTC](https://example.com/utc) time.",
                fixed("+00:00"),
            ),
            ("All times in IST", fixed("+05:30")),
            ("## Timeline", None),
            ("All times are approximate", None),
            ("All times in local time", None),
            ("All times in west coast time", None),
            ("The CAT team was on call", None),
            ("We timely paged the CAT team", None),
            ("Pacific storms took the line down", None),
            ("", None),
        ];
        for (text, want) in cases {
            assert_eq!(zone_hint(text), want, "{text}");
        }
    }
}
