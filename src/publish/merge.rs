//! Merging one document that both this clone and the remote changed since their common base.
//!
//! First as git would (a three-way line merge). When that conflicts because both sides added
//! timeline entries or action items at the same place (two responders logging from two
//! clones), our added lines are put into the remote's text one by one, each where `pm` would
//! have put it: the union, in time order, every other byte as the remote has it. An entry or
//! item both sides added (same line) appears once. Front matter both sides changed is merged
//! key by key first (see [`front`](super::front)).

use chrono::NaiveDate;
use chrono_tz::Tz;

use crate::doc::actions::item as action_item;
use crate::doc::sections::SectionNames;
use crate::doc::timeline;
use crate::doc::timeline::entry::{LineKind, parse_line};
use crate::doc::{Document, actions, front_matter, splice};
use crate::git;
use crate::publish::front::{self, FrontMerge};
use crate::text;

/// A line merge: git's three-way merge of base, ours and theirs; `Ok(None)` when it conflicts.
type LineMerge = fn(&str, &str, &str) -> Result<Option<String>, git2::Error>;

/// What a merge needs to know of the wiki.
#[derive(Clone, Copy)]
pub(crate) struct Wiki<'a> {
    pub(crate) names: &'a SectionNames,
    pub(crate) zone: Tz,
    pub(crate) today: NaiveDate,
    /// Most severe first.
    pub(crate) severities: &'a [String],
}

/// The merged text, or `None` for a real conflict (both sides rewrote the same prose). A
/// failure of libgit2 itself is an error, never taken for a conflict.
pub(crate) fn merge(
    base: &str,
    ours: &str,
    theirs: &str,
    wiki: Wiki,
) -> Result<Option<String>, git2::Error> {
    merge_with(git::merge::three_way, base, ours, theirs, wiki)
}

/// [`merge`] with the line merge given, so a test can make it fail.
fn merge_with(
    line_merge: LineMerge,
    base: &str,
    ours: &str,
    theirs: &str,
    wiki: Wiki,
) -> Result<Option<String>, git2::Error> {
    match front::merge(base, ours, theirs, wiki.severities) {
        FrontMerge::OneSide => merge_body(line_merge, base, ours, theirs, wiki),
        FrontMerge::Conflict => Ok(None),
        // All three get the merged block, so the line merge sees only the bodies' changes.
        FrontMerge::Merged(block) => merge_body(
            line_merge,
            &with_front(base, &block),
            &with_front(ours, &block),
            &with_front(theirs, &block),
            wiki,
        ),
    }
}

/// `text` with its front matter replaced by `block` (or `block` put first, when it has none).
fn with_front(text: &str, block: &str) -> String {
    let range = front_matter::locate(text).map_or(0..0, |f| f.range);
    splice::apply(text, &[splice::Edit::replace(range, block)])
}

/// The three-way merge of the documents, their front matter settled.
fn merge_body(
    line_merge: LineMerge,
    base: &str,
    ours: &str,
    theirs: &str,
    wiki: Wiki,
) -> Result<Option<String>, git2::Error> {
    let Wiki {
        names, zone, today, ..
    } = wiki;
    if theirs == base || ours == theirs {
        return Ok(Some(ours.to_string()));
    }
    if ours == base {
        return Ok(Some(theirs.to_string()));
    }
    if let Some(merged) = line_merge(base, ours, theirs)? {
        return Ok(Some(merged));
    }
    // Our new entries and items aside, the rest merges as git would (a front-matter time, a
    // sentence elsewhere); then each goes back where pm puts it in the merged text.
    let ours_doc = Document::parse(ours.to_string());
    let logged = logged_lines(base, &ours_doc, names)?;
    if logged.is_empty() {
        return Ok(None);
    }
    let mut without = String::with_capacity(ours.len());
    let mut at = 0;
    for (line, _) in &logged {
        without.push_str(text::slice(ours, at..ours_doc.line_start(*line)));
        at = ours_doc.line_start(line + 1);
    }
    without.push_str(text::after(ours, at));
    let mut text = if without == base {
        theirs.to_string()
    } else {
        match line_merge(base, &without, theirs)? {
            Some(text) => text,
            None => return Ok(None),
        }
    };
    for (line, section) in logged {
        let Some(section) = section else { continue };
        let raw = ours_doc.line(line);
        // Both sides logged it (same time, same text): once is enough.
        if text.lines().any(|l| l.trim_end() == raw.trim_end()) {
            continue;
        }
        let doc = Document::parse(text);
        // A line pm cannot place in the remote's text is left for the user, as a conflict.
        let placed = if section == timeline::NAME {
            timeline_insertion(&doc, names, raw, zone, today)
        } else {
            actions::insertion(&doc, names, section == actions::LATER, raw).ok()
        };
        let Some((offset, insert)) = placed else {
            return Ok(None);
        };
        text = splice::apply(&doc.text, &[splice::Edit::insert(offset, insert)]);
    }
    Ok(Some(text))
}

/// The lines `ours` added to `base` that are timeline entries or action items, with the
/// section each is in; and the blank lines added with them, which go too (the merged text's
/// layout decides). Found in git's own line diff: only hunks that add nothing else count.
fn logged_lines(
    base: &str,
    ours: &Document,
    names: &SectionNames,
) -> Result<Vec<(usize, Option<&'static str>)>, git2::Error> {
    let sections = ours.sections(names);
    let kind_of = |i: usize| {
        let line = ours.line(i);
        let section = sections
            .iter()
            .filter(|s| s.body.contains(&i))
            .filter_map(|s| s.canonical.as_deref())
            .next_back();
        match section {
            Some(timeline::NAME) if matches!(parse_line(line), LineKind::Entry(_)) => {
                Some(timeline::NAME)
            }
            Some(actions::TRACKED) if action_item::parse_line(line).is_some() => {
                Some(actions::TRACKED)
            }
            Some(actions::LATER) if action_item::parse_line(line).is_some() => Some(actions::LATER),
            _ => None,
        }
    };
    // A blank line goes with its hunk as `None`; any other line that is not logged spoils it.
    let logged_or_blank = |i: usize| {
        if ours.line(i).trim().is_empty() {
            Some((i, None))
        } else {
            kind_of(i).map(|kind| (i, Some(kind)))
        }
    };
    let mut logged = Vec::new();
    for added in git::merge::added_lines(base, &ours.text)?
        .into_iter()
        .flatten()
    {
        let found: Option<Vec<_>> = added.into_iter().map(logged_or_blank).collect();
        if let Some(found) = found
            && found.iter().any(|(_, kind)| kind.is_some())
        {
            logged.extend(found);
        }
    }
    logged.sort_unstable();
    Ok(logged)
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
    let context = timeline::Context {
        last_resort: Some(today),
        ..timeline::Context::zone(zone)
    };
    let found = timeline::read(doc, names, &context);
    let at = crate::doc::timeline::entry::resolve(
        &stamp,
        Some(stamp.date.unwrap_or(today)),
        found.zone,
    )?;
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
        merge(base, ours, theirs, wiki(&names())).unwrap()
    }

    fn wiki(names: &SectionNames) -> Wiki<'_> {
        static SEVERITIES: [String; 0] = [];
        Wiki {
            names,
            zone: chrono_tz::UTC,
            today: NaiveDate::from_ymd_opt(2026, 11, 20).unwrap(),
            severities: &SEVERITIES,
        }
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

    /// Run alone, as `cargo test --lib changes_in_different_places` does: in a process where
    /// nothing has opened a repository yet, so nothing else has initialised libgit2.
    #[test]
    fn merging_needs_no_earlier_use_of_libgit2() {
        let name = "publish::merge::tests::changes_in_different_places_merge_as_git_would";
        let out = std::process::Command::new(std::env::current_exe().unwrap())
            .args(["--exact", name, "--test-threads=1", "--nocapture"])
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success() && stdout.contains("1 passed"),
            "{stdout}\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    #[test]
    fn a_failing_line_merge_is_an_error_not_a_conflict() {
        fn broken(_: &str, _: &str, _: &str) -> Result<Option<String>, git2::Error> {
            Err(git2::Error::from_str("failed to merge files"))
        }
        let ours = BASE.replace("# X", "# X (updated)");
        let theirs = BASE.replace("Why.", "Because.");
        let names = names();
        let result = merge_with(broken, BASE, &ours, &theirs, wiki(&names));
        assert_eq!(result.unwrap_err().message(), "failed to merge files");
    }
}
