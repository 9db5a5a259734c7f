//! Front matter: the TOML block between `+++` lines (or a YAML block between `---` lines, which
//! pm reads for a few keys but never edits), located by byte range and never re-serialised.

mod yaml;

use std::ops::Range;

use chrono::{DateTime, FixedOffset, NaiveDate};

use crate::doc::splice::Edit;
use crate::text;

/// The block at the top of a document.
#[derive(Debug, Clone)]
pub(crate) struct FrontMatter {
    /// The whole block, delimiters and final line break included.
    pub(crate) range: Range<usize>,
    /// The text between the delimiter lines.
    pub(crate) content: Range<usize>,
    pub(crate) kind: Kind,
}

#[derive(Debug, Clone)]
pub(crate) enum Kind {
    /// `+++` TOML, parsed; or why it does not parse, with the byte offset in the document.
    Toml(Result<toml::Table, (String, usize)>),
    /// `---` YAML, parsed to its top-level mapping; or why it does not parse, with the byte
    /// offset in the document.
    Yaml(yaml::Parsed),
    /// An opening delimiter without a closing one.
    Unclosed,
}

/// Find the front matter at the start of `text` (after an optional byte-order mark).
pub(crate) fn locate(text: &str) -> Option<FrontMatter> {
    let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let first_end = line_end(text, start);
    let delimiter = text::slice(text, start..first_end).trim_end();
    if delimiter != "+++" && delimiter != "---" {
        return None;
    }
    let content_start = next_line(text, first_end);
    let mut at = content_start;
    while at < text.len() {
        let end = line_end(text, at);
        if text::slice(text, at..end).trim_end() == delimiter {
            let content = content_start..at;
            let range = start..next_line(text, end);
            let kind = if delimiter == "+++" {
                Kind::Toml(
                    toml::from_str::<toml::Table>(text::slice(text, content.clone())).map_err(
                        |e| {
                            let offset = content.start + e.span().map_or(0, |s| s.start);
                            (e.message().to_string(), offset)
                        },
                    ),
                )
            } else {
                // Two thematic breaks around prose are no front matter.
                let parsed = yaml::parse(text::slice(text, content.clone()))?;
                Kind::Yaml(parsed.map_err(|(message, at)| (message, content.start + at)))
            };
            return Some(FrontMatter {
                range,
                content,
                kind,
            });
        }
        at = next_line(text, end);
    }
    // `---` alone is also a thematic break; only `+++` is surely meant as front matter.
    (delimiter == "+++").then(|| FrontMatter {
        range: start..text.len(),
        content: content_start..text.len(),
        kind: Kind::Unclosed,
    })
}

/// End of the line starting at `at`, before its `\n`.
fn line_end(text: &str, at: usize) -> usize {
    text::after(text, at)
        .find('\n')
        .map_or(text.len(), |i| at + i)
}

/// Start of the line after the one ending at `end`.
fn next_line(text: &str, end: usize) -> usize {
    (end + 1).min(text.len())
}

// `table`, `string` and `date` serve `pm list` and `pm check` (next commits).
#[allow(dead_code)]
impl FrontMatter {
    /// The parsed TOML table, when the block is valid TOML.
    pub(crate) fn table(&self) -> Option<&toml::Table> {
        match &self.kind {
            Kind::Toml(Ok(table)) => Some(table),
            _ => None,
        }
    }

    /// A string value: from TOML, or a scalar of a YAML block (under `key` or the name YAML
    /// front matter commonly gives it, see [`yaml_keys`]).
    pub(crate) fn string(&self, _text: &str, key: &str) -> Option<String> {
        match &self.kind {
            Kind::Toml(Ok(table)) => table.get(key)?.as_str().map(str::to_string),
            Kind::Yaml(Ok(map)) => yaml_keys(key)
                .into_iter()
                .find_map(|k| yaml::scalar(map, k)),
            _ => None,
        }
    }

    /// A list of strings: a TOML array's string items, or a YAML list (or single string).
    pub(crate) fn list(&self, key: &str) -> Vec<String> {
        match &self.kind {
            Kind::Toml(Ok(table)) => table
                .get(key)
                .and_then(toml::Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect(),
            Kind::Yaml(Ok(map)) => yaml_keys(key)
                .into_iter()
                .map(|k| yaml::list(map, k))
                .find(|l| !l.is_empty())
                .unwrap_or_default(),
            _ => Vec::new(),
        }
    }

    /// A time value (`started`, `detected`…): a TOML datetime with offset, or an RFC 3339
    /// string.
    pub(crate) fn time(
        &self,
        text: &str,
        key: &str,
    ) -> Option<Result<DateTime<FixedOffset>, String>> {
        let raw = match &self.kind {
            Kind::Toml(Ok(table)) => match table.get(key)? {
                toml::Value::Datetime(dt) => dt.to_string(),
                toml::Value::String(s) => s.clone(),
                other => return Some(Err(format!("expected a time, found {}", other.type_str()))),
            },
            Kind::Yaml(Ok(_)) => {
                let raw = self.string(text, key)?;
                // `date: 2022-12-13`, the day of a blog post: no time to read, and not wrong;
                // `start_time: ""`, an export's unknown time: not there.
                if raw.trim().is_empty()
                    || NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d").is_ok()
                {
                    return None;
                }
                raw
            }
            _ => return None,
        };
        Some(DateTime::parse_from_rfc3339(raw.trim()).map_err(|_| {
            format!("`{raw}` is not a time with an offset, like `2026-11-20T14:05:00Z`")
        }))
    }

    /// A date value (`review_by`): a TOML local date, or a string `YYYY-MM-DD`.
    pub(crate) fn date(&self, text: &str, key: &str) -> Option<Result<NaiveDate, String>> {
        let raw = match &self.kind {
            Kind::Toml(Ok(table)) => match table.get(key)? {
                toml::Value::Datetime(dt) => dt.to_string(),
                toml::Value::String(s) => s.clone(),
                other => return Some(Err(format!("expected a date, found {}", other.type_str()))),
            },
            Kind::Yaml(Ok(_)) => self.string(text, key)?,
            _ => return None,
        };
        let day = raw.get(..10).unwrap_or(&raw);
        Some(
            NaiveDate::parse_from_str(day, "%Y-%m-%d")
                .map_err(|_| format!("`{raw}` is not a date like `2026-11-27`")),
        )
    }

    /// The edit that sets top-level `key` to the TOML `value` (written as given): the old
    /// value's bytes are replaced, or a new `key = value` line goes after the last top-level
    /// key. `None` when the block is not valid TOML.
    pub(crate) fn set(&self, text: &str, key: &str, value: &str, newline: &str) -> Option<Edit> {
        if !matches!(self.kind, Kind::Toml(Ok(_))) {
            return None;
        }
        let content = text::slice(text, self.content.clone());
        let table = toml::de::DeTable::parse(content).ok()?;
        let mut last_top_level_end = None;
        for (k, v) in table.get_ref() {
            let is_table = matches!(v.get_ref(), toml::de::DeValue::Table(_));
            if k.get_ref().as_ref() == key && !is_table {
                let span = v.span();
                return Some(Edit::replace(
                    self.content.start + span.start..self.content.start + span.end,
                    value,
                ));
            }
            if !is_table {
                last_top_level_end = Some(last_top_level_end.unwrap_or(0).max(v.span().end));
            }
        }
        let line = format!("{key} = {value}{newline}");
        let at = match last_top_level_end {
            Some(end) => self.content.start + next_line(content, line_end(content, end)),
            None => self.content.start,
        };
        // A block whose last line has no line break yet cannot take a line after it.
        if at == self.content.end && !content.is_empty() && !content.ends_with('\n') {
            return Some(Edit::insert(at, format!("{newline}{key} = {value}")));
        }
        Some(Edit::insert(at, line))
    }
}

/// The YAML keys that hold what pm calls `key`, first its own: Hugo and Jekyll pages give
/// their day as `date`, incident exports their times as `start_time`/`end_time`, blogs their
/// writer as `author`.
fn yaml_keys(key: &str) -> Vec<&str> {
    let mut keys = vec![key];
    keys.extend_from_slice(match key {
        "started" => &["start_time", "date"],
        "resolved" => &["end_time"],
        "authors" => &["author"],
        _ => &[],
    });
    keys
}

#[cfg(test)]
#[allow(clippy::string_slice)] // tests slice at the offsets they check
mod tests {
    use super::*;
    use crate::doc::splice::apply;

    #[test]
    fn locates_blocks() {
        let cases: &[(&str, Option<(&str, &str)>)] = &[
            (
                "+++\ntitle = \"x\"\n+++\nbody",
                Some(("+++\ntitle = \"x\"\n+++\n", "title = \"x\"\n")),
            ),
            (
                "+++\r\na = 1\r\n+++\r\nbody",
                Some(("+++\r\na = 1\r\n+++\r\n", "a = 1\r\n")),
            ),
            (
                "\u{feff}+++\na = 1\n+++",
                Some(("+++\na = 1\n+++", "a = 1\n")),
            ),
            (
                "---\ntitle: x\n---\n# h",
                Some(("---\ntitle: x\n---\n", "title: x\n")),
            ),
            ("# no front matter\n+++\n", None),
            ("---\nnot closed, a thematic break\n", None),
            ("", None),
        ];
        for (text, expected) in cases {
            let found = locate(text);
            let got = found.map(|f| (&text[f.range], &text[f.content]));
            assert_eq!(got, *expected, "{text:?}");
        }
        assert!(matches!(
            locate("+++\na = 1\n").unwrap().kind,
            Kind::Unclosed
        ));
    }

    #[test]
    fn reads_values() {
        let text = "+++\ntitle = \"DNS\"\nstarted = 2026-11-20T14:05:00Z\nreview_by = 2026-11-27\n\
                    detected = \"2026-11-20T15:00:00+01:00\"\nbad = \"yesterday\"\n+++\n";
        let fm = locate(text).unwrap();
        assert_eq!(fm.string(text, "title").as_deref(), Some("DNS"));
        assert_eq!(
            fm.time(text, "started").unwrap().unwrap().to_rfc3339(),
            "2026-11-20T14:05:00+00:00"
        );
        assert_eq!(
            fm.time(text, "detected").unwrap().unwrap().to_rfc3339(),
            "2026-11-20T15:00:00+01:00"
        );
        assert!(fm.time(text, "bad").unwrap().is_err());
        assert!(fm.time(text, "mitigated").is_none());
        assert_eq!(
            fm.date(text, "review_by").unwrap().unwrap().to_string(),
            "2026-11-27"
        );
        let yaml = "---\ntitle: \"Outage\"\nstart_time: 2021-01-01T00:00:00Z\n---\n";
        let fm = locate(yaml).unwrap();
        assert_eq!(fm.string(yaml, "title").as_deref(), Some("Outage"));
        assert!(fm.time(yaml, "start_time").unwrap().is_ok());
    }

    #[test]
    fn parse_errors_point_into_the_document() {
        let text = "+++\ntitle = \"x\"\nbroken = \n+++\n";
        let Kind::Toml(Err((message, offset))) = locate(text).unwrap().kind else {
            panic!()
        };
        assert!(!message.is_empty());
        assert_eq!(text[..offset].matches('\n').count() + 1, 3);
    }

    #[test]
    fn set_replaces_only_the_value_or_adds_one_line() {
        let cases = [
            (
                "+++\ntitle = \"x\" # keep\nstarted = 2026-11-20T14:05:00Z\n\n[extra]\nk = 1\n+++\nbody\n",
                "detected",
                "+++\ntitle = \"x\" # keep\nstarted = 2026-11-20T14:05:00Z\ndetected = V\n\n[extra]\nk = 1\n+++\nbody\n",
            ),
            (
                "+++\ndetected   =   2026-01-01T00:00:00Z  # old\n+++\n",
                "detected",
                "+++\ndetected   =   V  # old\n+++\n",
            ),
            ("+++\n+++\n", "detected", "+++\ndetected = V\n+++\n"),
            (
                "+++\r\na = 1\r\n+++\r\n",
                "b",
                "+++\r\na = 1\r\nb = V\r\n+++\r\n",
            ),
        ];
        for (text, key, expected) in cases {
            let fm = locate(text).unwrap();
            let newline = if text.contains("\r\n") { "\r\n" } else { "\n" };
            let edit = fm.set(text, key, "V", newline).unwrap();
            assert_eq!(apply(text, &[edit]), expected, "{text:?}");
        }
    }
}
