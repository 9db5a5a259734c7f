//! Merging the front matter of a document both sides changed, key by key, so that two
//! responders setting milestones never conflict: a key only one side changed takes that side's
//! value; both sides changing a key take the earliest `started`, `detected` and `mitigated`,
//! the latest `resolved`, the more severe `severity`, the further `status`, and the union of
//! `authors`, `services` and `tags`. Any other key changed both ways is a real conflict.
//!
//! The merged block is the remote's, with only the keys that must change spliced in (as our
//! side wrote them where they come from our side), so its comments and layout stay.

use chrono::{DateTime, FixedOffset};
use toml::Value;

use crate::doc::front_matter::{self, FrontMatter};
use crate::doc::meta::STATUSES;
use crate::doc::splice::{self, Edit};
use crate::text;

/// What the front matters of a three-way merge come to.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum FrontMerge {
    /// At most one side changed it: the line merge takes care of it.
    OneSide,
    /// Both sides changed it and the keys merge: the merged block, delimiters included.
    Merged(String),
    /// Both sides changed one key in a way no rule settles, or a block pm cannot read.
    Conflict,
}

/// Merges the front matter of `base`, `ours` and `theirs` (whole documents). `severities`
/// lists the wiki's severities, most severe first.
pub(crate) fn merge(base: &str, ours: &str, theirs: &str, severities: &[String]) -> FrontMerge {
    let block = |text: &str| {
        front_matter::locate(text).map(|f| (text::slice(text, f.range.clone()).to_string(), f))
    };
    let (b, o, t) = (block(base), block(ours), block(theirs));
    let raw = |side: &Option<(String, FrontMatter)>| side.as_ref().map(|(raw, _)| raw.clone());
    if raw(&o) == raw(&t) || raw(&o) == raw(&b) || raw(&t) == raw(&b) {
        return FrontMerge::OneSide;
    }
    let (Some((_, o)), Some((t_raw, t))) = (o, t) else {
        return FrontMerge::Conflict;
    };
    let empty = toml::Table::new();
    let b_table = match &b {
        Some((_, b)) => b.table(),
        None => Some(&empty),
    };
    let (Some(b_table), Some(o_table), Some(t_table)) = (b_table, o.table(), t.table()) else {
        return FrontMerge::Conflict;
    };
    let mut keys: Vec<&String> = o_table.keys().chain(t_table.keys()).collect();
    keys.sort();
    keys.dedup();
    // Edits to the remote's block, at offsets within `theirs`.
    let mut edits = Vec::new();
    for key in keys {
        let (bv, ov, tv) = (b_table.get(key), o_table.get(key), t_table.get(key));
        let merged = if ov == tv || ov == bv {
            continue;
        } else if tv == bv {
            match ov {
                Some(_) => Side::Ours,
                // Our side removed a key the remote left alone: pm never removes one, so this
                // is a hand edit to settle by hand.
                None => return FrontMerge::Conflict,
            }
        } else {
            match (ov, tv) {
                (Some(ov), Some(tv)) => match both_changed(key, ov, tv, severities) {
                    Some(side) => side,
                    None => return FrontMerge::Conflict,
                },
                _ => return FrontMerge::Conflict,
            }
        };
        let value = match merged {
            Side::Theirs => continue,
            Side::Ours => match raw_value(ours, &o, key) {
                Some(raw) => raw,
                None => return FrontMerge::Conflict,
            },
            Side::Value(value) => value.to_string(),
        };
        let newline = if theirs.contains("\r\n") {
            "\r\n"
        } else {
            "\n"
        };
        match t.set(theirs, key, &value, newline) {
            Some(edit) => edits.push(edit),
            None => return FrontMerge::Conflict,
        }
    }
    let start = t.range.start;
    let shifted: Vec<Edit> = edits
        .into_iter()
        .map(|e| Edit::replace(e.range.start - start..e.range.end - start, e.with))
        .collect();
    FrontMerge::Merged(splice::apply(&t_raw, &shifted))
}

/// Which value a key takes.
enum Side {
    Ours,
    Theirs,
    /// A value neither side wrote (the union of two lists).
    Value(Value),
}

/// The rule for a key both sides changed; `None` when no rule settles it.
fn both_changed(key: &str, ours: &Value, theirs: &Value, severities: &[String]) -> Option<Side> {
    let pick = |ours_wins: bool| if ours_wins { Side::Ours } else { Side::Theirs };
    match key {
        "started" | "detected" | "mitigated" => Some(pick(time(ours)? < time(theirs)?)),
        "resolved" => Some(pick(time(ours)? > time(theirs)?)),
        "severity" => {
            let rank = |v: &Value| {
                severities
                    .iter()
                    .position(|s| Some(s.as_str()) == v.as_str())
            };
            Some(pick(rank(ours)? < rank(theirs)?))
        }
        "status" => {
            let rank = |v: &Value| STATUSES.iter().position(|s| Some(*s) == v.as_str());
            Some(pick(rank(ours)? > rank(theirs)?))
        }
        "authors" | "services" | "tags" => {
            let (ours, theirs) = (ours.as_array()?, theirs.as_array()?);
            let mut union = theirs.clone();
            union.extend(ours.iter().filter(|v| !theirs.contains(v)).cloned());
            Some(Side::Value(Value::Array(union)))
        }
        _ => None,
    }
}

/// A milestone as an instant: a TOML datetime with offset, or an RFC 3339 string.
fn time(value: &Value) -> Option<DateTime<FixedOffset>> {
    let raw = match value {
        Value::Datetime(dt) => dt.to_string(),
        Value::String(s) => s.clone(),
        _ => return None,
    };
    DateTime::parse_from_rfc3339(raw.trim()).ok()
}

/// The text of `key`'s value in the block `front` of `text`, as its side wrote it.
fn raw_value(text: &str, front: &FrontMatter, key: &str) -> Option<String> {
    let content = text::slice(text, front.content.clone());
    let table = toml::de::DeTable::parse(content).ok()?;
    let (_, value) = table
        .get_ref()
        .iter()
        .find(|(k, _)| k.get_ref().as_ref() == key)?;
    Some(text::slice(content, value.span()).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: &str = "+++\ntitle = \"Checkout\" # as paged\nseverity = \"SEV3\"\nstatus = \"draft\"\nstarted = 2026-11-20T14:05:00Z\nauthors = [\"alice\"]\n+++\n\n# Checkout\n";

    fn severities() -> Vec<String> {
        ["SEV1", "SEV2", "SEV3", "SEV4"].map(String::from).to_vec()
    }

    /// The front-matter block of `text`.
    fn front(text: &str) -> &str {
        let end = text
            .match_indices("+++\n")
            .nth(1)
            .map(|(i, _)| i + 4)
            .unwrap();
        text::before(text, end)
    }

    fn merged(ours: &str, theirs: &str) -> FrontMerge {
        merge(BASE, ours, theirs, &severities())
    }

    #[test]
    fn one_side_changing_is_left_to_the_line_merge() {
        let ours = BASE.replace("status = \"draft\"", "status = \"review\"");
        assert_eq!(merged(&ours, BASE), FrontMerge::OneSide);
        assert_eq!(merged(BASE, &ours), FrontMerge::OneSide);
        assert_eq!(merged(&ours, &ours), FrontMerge::OneSide);
    }

    #[test]
    fn milestones_set_on_both_sides_are_both_kept() {
        // Alice resolved, Bob mitigated: different keys, one block.
        let ours = BASE.replace("authors", "resolved = 2026-11-20T16:00:00Z\nauthors");
        let theirs = BASE.replace("authors", "mitigated = 2026-11-20T15:00:00Z\nauthors");
        let FrontMerge::Merged(block) = merged(&ours, &theirs) else {
            panic!("no merge");
        };
        // The remote's block, with our key after its last one.
        let expected = front(&theirs).replace(
            "authors = [\"alice\"]\n",
            "authors = [\"alice\"]\nresolved = 2026-11-20T16:00:00Z\n",
        );
        assert_eq!(block, expected);
    }

    #[test]
    fn keys_both_sides_changed_follow_the_rules() {
        let both = |key: &str, old: &str, ours: &str, theirs: &str| {
            let o = BASE.replace(&format!("{key} = {old}"), &format!("{key} = {ours}"));
            let t = BASE.replace(&format!("{key} = {old}"), &format!("{key} = {theirs}"));
            match merged(&o, &t) {
                FrontMerge::Merged(block) => block,
                other => panic!("{key}: {other:?}"),
            }
        };
        let started = both(
            "started",
            "2026-11-20T14:05:00Z",
            "2026-11-20T13:58:00Z",
            "2026-11-20T14:01:00Z",
        );
        assert!(
            started.contains("started = 2026-11-20T13:58:00Z\n"),
            "{started}"
        );
        let severity = both("severity", "\"SEV3\"", "\"SEV2\"", "\"SEV1\"");
        assert!(severity.contains("severity = \"SEV1\"\n"), "{severity}");
        let status = both("status", "\"draft\"", "\"published\"", "\"review\"");
        assert!(status.contains("status = \"published\"\n"), "{status}");
        let authors = both(
            "authors",
            "[\"alice\"]",
            "[\"alice\", \"bob\"]",
            "[\"alice\", \"carol\"]",
        );
        assert!(
            authors.contains("authors = [\"alice\", \"carol\", \"bob\"]\n"),
            "{authors}"
        );
        // The comment on a key neither side touched stays.
        assert!(authors.contains("title = \"Checkout\" # as paged\n"));
    }

    #[test]
    fn other_keys_changed_both_ways_are_a_conflict() {
        let o = BASE.replace("\"Checkout\"", "\"Checkout down\"");
        let t = BASE.replace("\"Checkout\"", "\"Checkout slow\"");
        assert_eq!(merged(&o, &t), FrontMerge::Conflict);
        let o = BASE.replace("severity = \"SEV3\"", "severity = \"SEV2\"");
        let t = BASE.replace("severity = \"SEV3\"", "severity = \"HIGH\"");
        assert_eq!(merged(&o, &t), FrontMerge::Conflict, "an unknown severity");
    }
}
