//! Sections in the forms hand-written post-mortems use (setext headings, bold paragraph labels,
//! bold list-item labels): `pm timeline add` and `pm action add` write into the section the
//! document already has, in its form, and create a `##` section only when there is none.

use crate::support::{TestWiki, with_line_after};

/// Add a timeline entry at `at` to `postmortems/{name}` holding `text`; the file afterwards.
fn timeline_add(text: &str, at: &str) -> (String, String) {
    let wiki = TestWiki::git();
    wiki.write("postmortems/doc.md", text);
    wiki.pm(&[
        "timeline",
        "add",
        "--doc",
        "doc",
        "--author",
        "",
        "--at",
        at,
        "New entry",
    ])
    .ok();
    (text.to_string(), wiki.read("postmortems/doc.md"))
}

fn action_add(text: &str) -> (String, String) {
    let wiki = TestWiki::git();
    wiki.write("postmortems/doc.md", text);
    wiki.pm(&["action", "add", "--doc", "doc", "New item"]).ok();
    (text.to_string(), wiki.read("postmortems/doc.md"))
}

#[test]
fn an_entry_goes_among_the_nested_items_of_a_list_item_label() {
    // The shape of student-0x19 documents: every part a bold label in one list.
    let (old, new) = timeline_add(
        "# Outage\n\n\
         - **Impact:** every checkout failed.\n\
         - **Timeline:**\n\
         \x20   - 2026-11-20 14:00 UTC paged\n\
         \x20   - 2026-11-20 14:30 UTC rolled back\n\
         - **Root cause:** a typo.\n",
        "2026-11-20 14:10 UTC",
    );
    assert_eq!(
        new,
        with_line_after(
            &old,
            "    - 2026-11-20 14:00 UTC paged",
            // In the neighbours' style: no dash between stamp and text.
            "    - 2026-11-20 14:10 UTC New entry"
        )
    );
}

#[test]
fn an_empty_list_item_label_gets_a_nested_item() {
    let (old, new) = timeline_add(
        "- **Impact:** every checkout failed.\n- **Timeline**:\n- **Root cause:** a typo.\n",
        "2026-11-20 14:10 UTC",
    );
    assert_eq!(
        new,
        with_line_after(
            &old,
            "- **Timeline**:",
            "  - 2026-11-20 14:10 UTC — New entry"
        )
    );
    let (old, new) = timeline_add(
        "1. **Summary:** down.\n2. **Timeline:**\n",
        "2026-11-20 14:10 UTC",
    );
    assert_eq!(
        new,
        with_line_after(
            &old,
            "2. **Timeline:**",
            "   - 2026-11-20 14:10 UTC — New entry"
        )
    );
}

#[test]
fn a_paragraph_label_gets_its_lines_after_its_content() {
    // Entries written as bold-time lines under a bold label, no blank lines (student-0x19).
    let (old, new) = timeline_add(
        "**Issue Summary:** down for an hour.\n\n\
         **Timeline:**\n\
         - **2026-11-20 14:00 UTC:** paged\n\
         - **2026-11-20 14:30 UTC:** rolled back\n\n\
         **Root Cause:** a typo.\n",
        "2026-11-20 14:40 UTC",
    );
    assert_eq!(
        new,
        with_line_after(
            &old,
            "- **2026-11-20 14:30 UTC:** rolled back",
            "- **2026-11-20 14:40 UTC:** New entry"
        )
    );
    // An empty one: the first entry right under it, a blank line apart.
    let (_, new) = timeline_add(
        "**Timeline:**\n\n**Root Cause:** a typo.\n",
        "2026-11-20 14:40 UTC",
    );
    assert_eq!(
        new,
        "**Timeline:**\n\n- 2026-11-20 14:40 UTC — New entry\n\n**Root Cause:** a typo.\n"
    );
}

#[test]
fn a_setext_timeline_and_one_recognised_by_its_stamps() {
    let (old, new) = timeline_add(
        "Outage\n======\n\nTimeline\n--------\n\n- 2026-11-20 14:00 UTC paged\n\nRoot cause\n----------\n\nA typo.\n",
        "2026-11-20 14:10 UTC",
    );
    assert_eq!(
        new,
        with_line_after(
            &old,
            "- 2026-11-20 14:00 UTC paged",
            "- 2026-11-20 14:10 UTC New entry"
        )
    );
    // "Key events" is no section name, but its items are a timeline.
    let (old, new) = timeline_add(
        "## Summary\n\nDown.\n\n## Key events\n\n\
         - 2026-11-20 14:00 UTC paged\n- 2026-11-20 14:30 UTC rolled back\n\n## Root cause\n\nA typo.\n",
        "2026-11-20 14:40 UTC",
    );
    assert_eq!(
        new,
        with_line_after(
            &old,
            "- 2026-11-20 14:30 UTC rolled back",
            "- 2026-11-20 14:40 UTC New entry"
        )
    );
}

#[test]
fn a_new_section_only_when_there_is_none_in_any_form() {
    // "Actions taken" is what responders did, not a timeline or the action items. The new
    // sections go where the template has them, next to the paragraph label "Root cause".
    let text =
        "**Summary:** down.\n\n- **Actions taken:**\n  - restarted\n\n**Root cause:** a typo.\n";
    let (_, new) = timeline_add(text, "2026-11-20 14:40 UTC");
    assert_eq!(
        new,
        "**Summary:** down.\n\n- **Actions taken:**\n  - restarted\n\n\
         ## Timeline\n\n- 2026-11-20 14:40 UTC — New entry\n\n**Root cause:** a typo.\n"
    );
    let (_, new) = action_add(text);
    assert_eq!(new, format!("{text}\n## Action items\n\n- [ ] New item\n"));
}

#[test]
fn an_action_goes_into_the_labelled_section_it_has() {
    // A list item label: the new item nests with its neighbours' indentation.
    let (old, new) = action_add(
        "**Root Cause:** a typo.\n\n\
         - **Action items:**\n\
         \x20   - Add a canary stage.\n\
         \x20   - Alert on errors.\n\
         - **Lessons:** test first.\n",
    );
    assert_eq!(
        new,
        // Like its neighbours: plain bullets, no task box.
        with_line_after(&old, "    - Alert on errors.", "    - New item")
    );
    // A paragraph label whose list follows it.
    let (old, new) = action_add(
        "**Corrective and Preventative Measures:**\n\n\
         **Corrective measures:**\n\
         - [ ] Add a canary stage\n\n\
         **Conclusion:** we learned.\n",
    );
    assert_eq!(
        new,
        with_line_after(&old, "- [ ] Add a canary stage", "- [ ] New item")
    );
    // An empty list item label.
    let (old, new) = action_add("- **Root cause:** a typo.\n- **Action items:**\n");
    assert_eq!(
        new,
        with_line_after(&old, "- **Action items:**", "  - [ ] New item")
    );
}
