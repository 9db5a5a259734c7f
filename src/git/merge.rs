//! git's line-level merge and diff of texts, with no repository: the three-way merge, and the
//! lines one text adds to another. What the lines mean (timeline entries, action items) is
//! `publish::merge`'s business, not this module's.

/// Initialise libgit2, once per process. git2 does it itself in the calls that open a
/// repository or build a patch, but not in `merge_file`, which fails without it; so code that
/// uses libgit2 without a repository calls this first rather than rely on an earlier call.
fn init_libgit2() {
    // `Buf::new` runs git2's one-time initialisation (the only safe, public way to reach it)
    // and allocates nothing.
    drop(git2::Buf::new());
}

/// git's three-way merge of the two texts; `None` when it conflicts.
pub(crate) fn three_way(
    base: &str,
    ours: &str,
    theirs: &str,
) -> Result<Option<String>, git2::Error> {
    init_libgit2();
    let mut ancestor = git2::MergeFileInput::new();
    ancestor.content(base.as_bytes());
    let mut our_input = git2::MergeFileInput::new();
    our_input.content(ours.as_bytes());
    let mut their_input = git2::MergeFileInput::new();
    their_input.content(theirs.as_bytes());
    let result = git2::merge_file(&ancestor, &our_input, &their_input, None)?;
    if !result.is_automergeable() {
        return Ok(None);
    }
    // A line merge of UTF-8 texts cuts only at line breaks, so its result is UTF-8 too.
    Ok(String::from_utf8(result.content().to_vec()).ok())
}

/// The hunks of git's line diff from `old` to `new` (no context lines), each as the lines of
/// `new` it adds (0-based), or `None` when the hunk also removes lines.
pub(crate) fn added_lines(old: &str, new: &str) -> Result<Vec<Option<Vec<usize>>>, git2::Error> {
    let mut options = git2::DiffOptions::new();
    options.context_lines(0);
    let patch = git2::Patch::from_buffers(
        old.as_bytes(),
        None,
        new.as_bytes(),
        None,
        Some(&mut options),
    )?;
    let mut hunks = Vec::with_capacity(patch.num_hunks());
    for hunk in 0..patch.num_hunks() {
        let mut added = Vec::new();
        let mut only_adds = true;
        for n in 0..patch.num_lines_in_hunk(hunk)? {
            let line = patch.line_in_hunk(hunk, n)?;
            let Some(number) = line.new_lineno().filter(|_| line.origin() == '+') else {
                only_adds = false;
                break;
            };
            added.push(
                usize::try_from(number)
                    .unwrap_or(usize::MAX)
                    .saturating_sub(1),
            );
        }
        hunks.push(only_adds.then_some(added));
    }
    Ok(hunks)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn added_lines_are_found_per_hunk_and_removals_spoil_a_hunk() {
        let old = "a\nb\nc\nd\n";
        let new = "a\nx\ny\nb\nd\nz\n";
        assert_eq!(
            added_lines(old, new).unwrap(),
            [Some(vec![1, 2]), None, Some(vec![5])]
        );
    }

    #[test]
    fn the_three_way_merge_takes_both_sides_or_says_it_conflicts() {
        let base = "a\nb\nc\n";
        assert_eq!(
            three_way(base, "A\nb\nc\n", "a\nb\nC\n")
                .unwrap()
                .as_deref(),
            Some("A\nb\nC\n")
        );
        assert_eq!(three_way(base, "x\nb\nc\n", "y\nb\nc\n").unwrap(), None);
    }
}
