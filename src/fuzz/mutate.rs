//! Mutated documents, made deterministically from a seed: real post-mortems cut, spliced and
//! salted with what breaks byte-offset arithmetic (multi-byte characters, CRLF, deep nesting,
//! huge lines, timestamp-like garbage).

use std::fmt::Write as _;

pub(crate) use crate::rng::Rng;

/// A stream per (run seed, document index), so any document can be made again on its own.
pub(crate) fn rng_for(seed: u64, index: u64) -> Rng {
    let mut mix = Rng::new(seed ^ index.wrapping_mul(0xd1b5_4a32_d192_ed03));
    Rng::new(mix.next())
}

/// FNV-1a, to derive a document's own variant from its text alone (so a saved input replays).
pub(crate) fn hash(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Characters whose UTF-8 length, case mapping or width break byte arithmetic: dashes people
/// type after times, accents, emoji, CJK, a combining mark, joiners, BOM, a line separator, and
/// letters whose lowercase has another length (`İ`, the Kelvin sign).
const WIDE: &[&str] = &[
    "–",
    "—",
    "é",
    "🚨",
    "中文",
    "\u{301}",
    "\u{200d}",
    "\u{feff}",
    "\u{2028}",
    "\u{a0}",
    "İ",
    "\u{212a}",
    "ﬁ",
    "١٤",
    "１４:０５",
    "\u{85}",
    "👩\u{200d}💻",
];

const MARKER_LINES: &[&str] = &[
    "-", "|", "**", "+++", "---", "```", "#", "##", ">", "* * *", "|---|", "- [ ]", "1.", "~~~",
    "<!--", "-->", "| |", "===", "- ", "***", "- **", "`", "[", "]:",
];

/// Times and dates as people get them wrong.
const STAMPS: &[&str] = &[
    "25:99",
    "14:05pm PST+99",
    "2026-13-45",
    "Friday 14:05 –",
    "14:05 –",
    "~14:05",
    "ca. 14:05",
    "02:00-04:30",
    "**21:48:**",
    "**12-03-2026 14:05 UTC**",
    "2026-11-20 14:05 UTC+14:99",
    "14:05 GMT-99",
    "23:59:60",
    "24:00",
    "13:00 PM",
    "12:00 AM",
    "2026-02-30 14:05",
    "Dec 32nd 14:05",
    "[03-26 23:04]",
    "14:05 Europe/Nowhere",
    "14:05 UTC+",
    "14:",
    "2:05 PM EST",
    "2026-11-20T14:05:00+25:00",
    "12/31/2026 14:05",
    "31/12/2026 14:05",
    "0000-01-01 00:00 UTC-14:00",
    "9999-12-31 23:59 UTC+14:00",
    "14:05 UTC-23:59",
    "Mon 14:05 —",
    "14:05\u{2013}",
    "99999999999999999999:05",
    "14:05:99.999999999999",
    "Nov 20 14:05",
    "2026-11-20",
];

/// How a stamp may start a line: list item, plain line, table row, heading, bold, nested.
const STAMP_LINES: &[&str] = &[
    "- {} paged",
    "{} paged",
    "| {} | paged |",
    "### {}",
    "**{}** paged",
    "  – {} paged",
    "1. {}",
    "* {}: x",
    "- [ ] {}",
    "> - {}",
];

/// Section headings and labels, so mutations reach the timeline and action-item code.
const HEADINGS: &[&str] = &[
    "## Timeline",
    "# Timeline",
    "Timeline:",
    "**Timeline**",
    "**Timeline:** 14:05 started",
    "- **Timeline**:",
    "Timeline\n---",
    "Timeline\n===",
    "## Timeline (all times PST)",
    "## Timeline (UTC+5:30)",
    "Timeline (all times in Europe/Copenhagen)",
    "## Sequence of events",
    "## Action items",
    "Action items:",
    "**Action items**",
    "- **Action items**:",
    "## If we have time",
    "## Root cause",
    "### 2026-11-20",
    "### 14:00",
    "| Time | Who | What |\n|---|---|---|",
    "| Action | Owner | Ticket | Due |\n|---|---|---|---|",
];

/// What the rules look for: secrets, blame, action items in their forms, `pm:allow`.
const PHRASES: &[&str] = &[
    "AKIAIOSFODNN7EXAMPLE",
    "Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl",
    "-----BEGIN RSA PRIVATE KEY-----",
    "https://deploy:s3cr3t@example.com/repo.git",
    "ghp_0123456789abcdefghijklmnopqrstuvwxyzAB",
    "password=hunter2",
    "xoxb-123456789012-abcdefghijkl",
    "It was Bob's fault",
    "careless",
    "should have known",
    "Root cause: human error",
    "Alice forgot to",
    "- [ ] Fix it — owner: @mary, ticket: SHOP-123, due: 2026-12-04",
    "- [x] ~~done~~ ✅ (done)",
    "- [ ] owner: ticket: due:",
    "- [ ] x — due: 2026-02-30",
    "- [ ] x — ticket: https://jira.example.com/browse/SHOP-123",
    "| Fix | @a | A-1 | 2026-13-45 |",
    "<!-- pm:allow blame -->",
    "<!-- pm:allow nonsense -->",
    "<!-- pm:allow",
];

const TIMES: &[&str] = &[
    "2026-11-20T14:05:00Z",
    "2026-11-20T14:05:00-23:59",
    "0001-01-01T00:00:00Z",
    "9999-12-31T23:59:59+14:00",
    "2026-11-19T23:00:00+01:00",
    "\"yesterday\"",
    "2026-11-20",
    "14:05:00",
    "1",
];

/// Seed documents as given, then mutated documents; `index` below `seeds.len()` in the first
/// pass is the seed itself, so the corpus is always checked as it is.
pub(crate) fn document(seeds: &[String], seed: u64, index: u64) -> String {
    if let Some(plain) = usize::try_from(index).ok().and_then(|i| seeds.get(i)) {
        return plain.clone();
    }
    let mut rng = rng_for(seed, index);
    let base = rng.pick(seeds).as_bytes();
    // Mostly a few lines: small documents find other bugs, and keep a debug run fast.
    let mut bytes = if rng.one_in(8) {
        base.to_vec()
    } else {
        let lines = rng.within(1..=30);
        window(base, &mut rng, lines)
    };
    for _ in 0..rng.within(1..=4) {
        mutate(&mut bytes, &mut rng, seeds);
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

/// Another responder's edit of the same document: one mutation that needs no other document,
/// seeded by the text so a saved input replays exactly.
pub(crate) fn variant(text: &str) -> String {
    let mut rng = Rng::new(hash(text));
    let mut bytes = text.as_bytes().to_vec();
    mutate(&mut bytes, &mut rng, &[]);
    String::from_utf8_lossy(&bytes).into_owned()
}

/// A run of up to `count` lines of `text`.
fn window(text: &[u8], rng: &mut Rng, count: usize) -> Vec<u8> {
    let lines = split_lines(text);
    let start = rng.below(lines.len());
    lines[start..(start + count).min(lines.len())].concat()
}

/// Lines with their line breaks; a text without a final break has a last line without one.
fn split_lines(text: &[u8]) -> Vec<Vec<u8>> {
    let mut lines: Vec<Vec<u8>> = text
        .split_inclusive(|&b| b == b'\n')
        .map(<[u8]>::to_vec)
        .collect();
    if lines.is_empty() {
        lines.push(Vec::new());
    }
    lines
}

/// Apply one mutation. Byte offsets are random, so UTF-8 may break: the caller repairs it.
fn mutate(bytes: &mut Vec<u8>, rng: &mut Rng, seeds: &[String]) {
    let len = bytes.len();
    match rng.below(19) {
        0 => bytes.truncate(rng.below(len + 1)),
        1 => {
            let at = rng.below(len + 1);
            insert(bytes, at, rng.pick(WIDE).as_bytes());
        }
        2 => {
            let at = after_marker(bytes, rng);
            insert(bytes, at, rng.pick(WIDE).as_bytes());
        }
        3 => on_lines(bytes, |lines| {
            let (a, b) = (rng.below(lines.len()), rng.below(lines.len()));
            lines.swap(a, b);
        }),
        4 => on_lines(bytes, |lines| {
            let at = rng.below(lines.len());
            // Many copies of a short line only: fifty copies of a 1 MB line test nothing new.
            let short = lines[at].len() < 4096;
            let copies = if short && rng.one_in(4) {
                rng.within(2..=50)
            } else {
                1
            };
            let line = ended(lines[at].clone());
            for _ in 0..copies {
                lines.insert(at, line.clone());
            }
        }),
        5 => on_lines(bytes, |lines| {
            let at = rng.below(lines.len());
            let end = (at + rng.within(1..=5)).min(lines.len());
            lines.drain(at..end);
        }),
        6 => {
            let all = rng.one_in(2);
            on_lines(bytes, |lines| {
                for line in lines.iter_mut().filter(|l| l.ends_with(b"\n")) {
                    if (all || rng.one_in(3)) && !line.ends_with(b"\r\n") {
                        line.insert(line.len() - 1, b'\r');
                    }
                }
            });
        }
        7 => insert(bytes, 0, "\u{feff}".as_bytes()),
        8 => {
            let prefix = *rng.pick(&["> ", "- ", "1. ", "  ", "* ", ">", "    - ", "| "]);
            let depth = rng.within(100..=400);
            let count = rng.within(1..=4);
            on_lines(bytes, |lines| {
                let at = rng.below(lines.len());
                for line in lines.iter_mut().skip(at).take(count) {
                    let mut nested = prefix.repeat(depth).into_bytes();
                    nested.extend_from_slice(line);
                    *line = nested;
                }
            });
        }
        // A 1 MB line costs up to seconds (comrak makes a node per `[`): about one document
        // in 25,000 has one.
        9 if rng.one_in(4096) => {
            let unit = *rng.pick(&["a", "-", "|", "é", "1", " ", "**", "14:05 ", "[", "<"]);
            let line = format!("{}\n", unit.repeat((1 << 20) / unit.len()));
            insert_line(bytes, rng, line.as_bytes());
        }
        10 => {
            let line = format!("{}\n", rng.pick(MARKER_LINES));
            insert_line(bytes, rng, line.as_bytes());
        }
        11 | 12 => {
            let stamp = *rng.pick(STAMPS);
            let line = rng.pick(STAMP_LINES).replace("{}", stamp);
            insert_line(bytes, rng, format!("{line}\n").as_bytes());
        }
        13 if !seeds.is_empty() => {
            let other = rng.pick(seeds).as_bytes();
            let count = rng.within(1..=20);
            let run = window(other, rng, count);
            insert_line(bytes, rng, &ended(run));
        }
        14 => {
            let line = format!("{}\n", rng.pick(HEADINGS));
            insert_line(bytes, rng, line.as_bytes());
        }
        15 => {
            let front = front_matter(rng);
            insert(bytes, 0, front.as_bytes());
        }
        16 => {
            let line = format!("{}\n", rng.pick(PHRASES));
            insert_line(bytes, rng, line.as_bytes());
        }
        17 => {
            let at = rng.below(len + 1);
            insert(bytes, at, rng.pick(PHRASES).as_bytes());
        }
        _ => {
            let token = *rng.pick(&["<!--", "-->", "```", "\t", "\r", "\0", "[x]", "~~", "\\"]);
            let at = rng.below(len + 1);
            insert(bytes, at, token.as_bytes());
        }
    }
}

/// A front matter block: valid, odd, unclosed, unparsable or YAML.
fn front_matter(rng: &mut Rng) -> String {
    match rng.below(6) {
        0 => "+++\ntitle = \"x\"\n".to_string(),
        1 => "+++\ntitle = \n+++\n".to_string(),
        2 => "---\ntitle: x\ndate: 2026-11-20\nseverity: P1\n---\n".to_string(),
        3 => "+++\n+++\n".to_string(),
        _ => {
            let status = rng.pick(&["draft", "review", "published", "Done", ""]);
            let mut front =
                format!("+++\ntitle = \"x\"\nseverity = \"SEV2\"\nstatus = \"{status}\"\n");
            for key in ["started", "detected", "mitigated", "resolved", "review_by"] {
                if rng.one_in(2) {
                    let _ = writeln!(front, "{key} = {}", rng.pick(TIMES));
                }
            }
            front.push_str("lead = \"Alice\"\nauthors = [\"Bob\"]\n+++\n");
            front
        }
    }
}

/// A random place right after a list marker, `#`, `|`, `**`, a digit or `:`; else anywhere.
fn after_marker(bytes: &[u8], rng: &mut Rng) -> usize {
    let marker = |i: usize| {
        let (before, last) = (i.checked_sub(2).map(|j| bytes[j]), bytes[i - 1]);
        last.is_ascii_digit()
            || matches!(last, b'#' | b'|' | b':')
            || (last == b'*' && before == Some(b'*'))
            || (last == b' '
                && before.is_some_and(|b| b"-*+#|:.]>".contains(&b) || b.is_ascii_digit()))
    };
    let places: Vec<usize> = (1..=bytes.len()).filter(|&i| marker(i)).collect();
    if places.is_empty() {
        rng.below(bytes.len() + 1)
    } else {
        *rng.pick(&places)
    }
}

fn insert(bytes: &mut Vec<u8>, at: usize, what: &[u8]) {
    bytes.splice(at..at, what.iter().copied());
}

/// Insert whole lines before a random line.
fn insert_line(bytes: &mut Vec<u8>, rng: &mut Rng, line: &[u8]) {
    on_lines(bytes, |lines| {
        let at = rng.below(lines.len() + 1);
        if at == lines.len()
            && let Some(last) = lines.last_mut()
        {
            *last = ended(std::mem::take(last));
        }
        lines.insert(at, line.to_vec());
    });
}

fn on_lines(bytes: &mut Vec<u8>, change: impl FnOnce(&mut Vec<Vec<u8>>)) {
    let mut lines = split_lines(bytes);
    change(&mut lines);
    *bytes = lines.concat();
}

/// `line` with a final `\n` (an empty line stays empty).
fn ended(mut line: Vec<u8>) -> Vec<u8> {
    if !line.is_empty() && !line.ends_with(b"\n") {
        line.push(b'\n');
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_are_the_same_for_the_same_seed_and_index() {
        let seeds = vec!["# A\n\n- 14:05 x\n".to_string(), "b\r\nc".to_string()];
        for index in 0..200 {
            assert_eq!(
                document(&seeds, 7, index),
                document(&seeds, 7, index),
                "{index}"
            );
        }
        assert_eq!(document(&seeds, 7, 1), seeds[1]);
        assert_ne!(document(&seeds, 7, 50), document(&seeds, 8, 50));
    }

    #[test]
    fn below_stays_in_range() {
        let mut rng = Rng::new(1);
        assert!((0..1000).all(|_| rng.below(3) < 3));
        assert_eq!(rng.below(0), 0);
        assert!((0..1000).all(|_| (5..=9).contains(&rng.within(5..=9))));
    }
}
