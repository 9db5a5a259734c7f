//! Merging one document that both this clone and the remote changed since their common base.
//!
//! First as git would (a three-way line merge). When that conflicts because both sides added
//! timeline entries or action items at the same place (two responders logging from two
//! clones), our added lines are put into the remote's text one by one, each where `pm` would
//! have put it: the union, in time order, every other byte as the remote has it.

use chrono::NaiveDate;
use chrono_tz::Tz;

use crate::doc::sections::SectionNames;
use crate::doc::timeline;
use crate::doc::{Document, actions, splice};
use crate::timeline::{LineKind, parse_line};

/// The merged text, or `None` for a real conflict (both sides rewrote the same prose).
pub(crate) fn merge(
    base: &str,
    ours: &str,
    theirs: &str,
    names: &SectionNames,
    zone: Tz,
    today: NaiveDate,
) -> Option<String> {
    if theirs == base || ours == theirs {
        return Some(ours.to_string());
    }
    if ours == base {
        return Some(theirs.to_string());
    }
    if let Some(merged) = line_merge(base, ours, theirs) {
        return Some(merged);
    }
    let added = added_lines(base, ours)?;
    let ours_doc = Document::parse(ours.to_string());
    let mut text = theirs.to_string();
    for line in added {
        let section = ours_doc
            .sections(names)
            .iter()
            .filter(|s| s.body.contains(&line))
            .filter_map(|s| s.canonical.clone())
            .next_back()?;
        let raw = ours_doc.line(line);
        let doc = Document::parse(text);
        let (offset, insert) = match section.as_str() {
            timeline::NAME => timeline_insertion(&doc, names, raw, zone, today)?,
            actions::TRACKED | actions::LATER => {
                action_item_line(raw)?;
                actions::insertion(&doc, names, section == actions::LATER, raw).ok()?
            }
            _ => return None,
        };
        text = splice::apply(&doc.text, &[splice::Edit::insert(offset, insert)]);
    }
    Some(text)
}

/// git's three-way merge of the two texts, when it has no conflict.
fn line_merge(base: &str, ours: &str, theirs: &str) -> Option<String> {
    let mut ancestor = git2::MergeFileInput::new();
    ancestor.content(base.as_bytes());
    let mut our_input = git2::MergeFileInput::new();
    our_input.content(ours.as_bytes());
    let mut their_input = git2::MergeFileInput::new();
    their_input.content(theirs.as_bytes());
    let result = git2::merge_file(&ancestor, &our_input, &their_input, None).ok()?;
    if !result.is_automergeable() {
        return None;
    }
    String::from_utf8(result.content().to_vec()).ok()
}

/// The 0-based lines of `ours` that are not in `base`, when `ours` is `base` with lines added
/// and nothing else changed; blank lines added beside them are ignored.
fn added_lines(base: &str, ours: &str) -> Option<Vec<usize>> {
    let base: Vec<&str> = base.split('\n').collect();
    let ours: Vec<&str> = ours.split('\n').collect();
    let mut added = Vec::new();
    let mut j = 0;
    for (i, line) in ours.iter().enumerate() {
        if j < base.len() && base[j] == *line {
            j += 1;
        } else if line.trim().is_empty() {
            // A blank line that came with an entry: the remote's layout decides.
        } else {
            added.push(i);
        }
    }
    (j == base.len()).then_some(added)
}

fn action_item_line(raw: &str) -> Option<()> {
    crate::action_item::parse_line(raw).map(|_| ())
}

/// Where our timeline line goes in the remote's document: in time order, exactly as we
/// wrote it.
fn timeline_insertion(
    doc: &Document,
    names: &SectionNames,
    raw: &str,
    zone: Tz,
    today: NaiveDate,
) -> Option<(usize, String)> {
    let LineKind::Entry(stamp) = parse_line(raw) else {
        return None;
    };
    let found = timeline::read(doc, names, zone, today);
    let at = crate::timeline::resolve(&stamp, Some(stamp.date.unwrap_or(today)), found.zone)?;
    Some(timeline::insertion_as_written(doc, names, &found, at, raw))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn names() -> SectionNames {
        SectionNames::new(
            ["Timeline", "Action items", "If we have time", "Root cause"],
            &BTreeMap::new(),
        )
    }

    fn merged(base: &str, ours: &str, theirs: &str) -> Option<String> {
        let today = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
        merge(base, ours, theirs, &names(), chrono_tz::UTC, today)
    }

    const BASE: &str = "# X\n\n## Timeline\n\n- 2026-11-20 14:00 UTC — start (a)\n\n## Action items\n\n- [ ] one — owner: @a, ticket: A-1\n\n## Root cause\n\nWhy.\n";

    #[test]
    fn entries_added_at_the_same_place_on_both_sides_are_united_in_time_order() {
        let ours = BASE.replace("(a)\n", "(a)\n- 2026-11-20 14:10 UTC — ours (b)\n");
        let theirs = BASE.replace(
            "(a)\n",
            "(a)\n- 2026-11-20 14:05 UTC — theirs (c)\n- 2026-11-20 14:20 UTC — late (c)\n",
        );
        let out = merged(BASE, &ours, &theirs).unwrap();
        assert_eq!(
            out,
            BASE.replace(
                "(a)\n",
                "(a)\n- 2026-11-20 14:05 UTC — theirs (c)\n- 2026-11-20 14:10 UTC — ours (b)\n- 2026-11-20 14:20 UTC — late (c)\n"
            )
        );
    }

    #[test]
    fn action_items_on_both_sides_are_kept() {
        let ours = BASE.replace("A-1\n", "A-1\n- [ ] mine — owner: @b, ticket: A-2\n");
        let theirs = BASE.replace("A-1\n", "A-1\n- [ ] theirs — owner: @c, ticket: A-3\n");
        let out = merged(BASE, &ours, &theirs).unwrap();
        assert!(
            out.contains(
                "A-1\n- [ ] theirs — owner: @c, ticket: A-3\n- [ ] mine — owner: @b, ticket: A-2\n"
            ),
            "{out}"
        );
    }

    #[test]
    fn both_sides_rewriting_the_same_prose_is_a_conflict() {
        let ours = BASE.replace("Why.", "Because of the cache.");
        let theirs = BASE.replace("Why.", "Because of the DNS.");
        assert_eq!(merged(BASE, &ours, &theirs), None);
    }

    #[test]
    fn changes_in_different_places_merge_as_git_would() {
        let ours = BASE.replace("# X", "# X (updated)");
        let theirs = BASE.replace("Why.", "Because.");
        assert_eq!(
            merged(BASE, &ours, &theirs).unwrap(),
            BASE.replace("# X", "# X (updated)")
                .replace("Why.", "Because.")
        );
    }
}
