//! The block structure of a document, from comrak's source positions: headings, lists and their
//! items, tables, code; and the sections they make, in every form real documents use (see
//! [`Form`]), matched by name.

mod content;
mod label;

use std::collections::BTreeMap;
use std::ops::Range;

use comrak::nodes::{AstNode, NodeValue};
use comrak::{Arena, Options};

/// One top-level block, by 0-based line numbers of the whole document (end exclusive).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Block {
    pub(crate) kind: BlockKind,
    pub(crate) lines: Range<usize>,
    /// For a list: the blocks inside those of its items that start with a bold label
    /// (`- **Timeline:**` and the entries nested under it), which are sections of their own.
    pub(crate) inner: Vec<Block>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum BlockKind {
    Heading {
        level: u8,
        text: String,
    },
    Paragraph,
    /// A list, with the line range of each of its items.
    List {
        items: Vec<Range<usize>>,
    },
    Table,
    Code,
    Html,
    Other,
}

/// Parse `body` (the document after its front matter, starting at line `first_line`) into its
/// top-level blocks.
pub(crate) fn blocks(body: &str, first_line: usize) -> Vec<Block> {
    let arena = Arena::new();
    let mut options = Options::default();
    options.extension.table = true;
    options.extension.tasklist = true;
    let root = comrak::parse_document(&arena, body, &options);
    root.children()
        .map(|node| block(node, first_line, true))
        .collect()
}

/// The block `node` is; with the blocks inside its labelled items when it is a list and
/// `deep`.
fn block<'a>(node: &'a AstNode<'a>, first_line: usize, deep: bool) -> Block {
    let lines = |pos: comrak::nodes::Sourcepos| {
        first_line + pos.start.line.saturating_sub(1)..first_line + pos.end.line.max(pos.start.line)
    };
    let data = node.data.borrow();
    let mut inner = Vec::new();
    let kind = match &data.value {
        NodeValue::Heading(h) => {
            let mut text = String::new();
            collect_text(node, &mut text);
            BlockKind::Heading {
                level: h.level,
                text: text.trim().to_string(),
            }
        }
        NodeValue::Paragraph => BlockKind::Paragraph,
        NodeValue::List(_) => {
            if deep {
                for item in node.children().filter(|item| starts_bold(item)) {
                    inner.extend(item.children().map(|b| block(b, first_line, false)));
                }
            }
            BlockKind::List {
                items: node
                    .children()
                    .map(|item| lines(item.data.borrow().sourcepos))
                    .collect(),
            }
        }
        NodeValue::Table(_) => BlockKind::Table,
        NodeValue::CodeBlock(_) => BlockKind::Code,
        NodeValue::HtmlBlock(_) => BlockKind::Html,
        _ => BlockKind::Other,
    };
    Block {
        kind,
        lines: lines(data.sourcepos),
        inner,
    }
}

/// Whether a list item's first paragraph starts with bold text: the only items that can be
/// labelled sections, so the only ones whose insides are kept.
fn starts_bold<'a>(item: &'a AstNode<'a>) -> bool {
    item.first_child()
        .filter(|p| matches!(p.data.borrow().value, NodeValue::Paragraph))
        .and_then(comrak::arena_tree::Node::first_child)
        .is_some_and(|first| matches!(first.data.borrow().value, NodeValue::Strong))
}

fn collect_text<'a>(node: &'a AstNode<'a>, out: &mut String) {
    for child in node.children() {
        match &child.data.borrow().value {
            NodeValue::Text(t) => out.push_str(t),
            NodeValue::Code(c) => out.push_str(&c.literal),
            NodeValue::SoftBreak | NodeValue::LineBreak => out.push(' '),
            _ => collect_text(child, out),
        }
    }
}

/// A part of the document under one heading or label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Section {
    /// The heading as written (without `#` and emphasis), or the label without its colon.
    pub(crate) title: String,
    /// The canonical section this heading stands for, when it is one of the known ones; a
    /// section whose items are mostly timestamped is the timeline whatever its name, when
    /// the document has no section named so.
    pub(crate) canonical: Option<String>,
    /// The rank that decides where the body ends: 1–6 for headings; 7 for a label starting a
    /// paragraph; 8 for a label starting a list item, whose body is the item.
    pub(crate) level: u8,
    /// The heading's lines (the label's first line).
    pub(crate) heading: Range<usize>,
    /// The lines after the heading: up to the next heading of the same or a higher level; for
    /// a paragraph label, up to the next heading or paragraph label; for a list item's label,
    /// the rest of that item (its continuation lines and nested items).
    pub(crate) body: Range<usize>,
    pub(crate) form: Form,
    /// What the heading line says after the section's name: the text after a label
    /// (`**Impact:** 20 minutes`), or after a colon in a heading (`## Level: Internal`).
    pub(crate) inline: String,
}

/// How a section is marked in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Form {
    /// `## Timeline`, any level.
    Heading,
    /// `Timeline` underlined with `===` or `---`.
    Setext,
    /// A paragraph starting with a bold label (`**Impact:** …`) or a line that is only a
    /// section name (`Timeline:`). Its body runs to the next heading or paragraph label, so
    /// the paragraphs, lists and tables after the label are its content.
    Label,
    /// A list item starting with a bold label (`- **Impact**: …`); its body is the item's
    /// continuation lines and nested items.
    ListLabel,
}

/// The known section names and their aliases, normalised for matching.
pub(crate) struct SectionNames {
    /// Normalised name or alias → canonical name.
    names: BTreeMap<String, String>,
}

impl SectionNames {
    pub(crate) fn new<'a>(
        canonical: impl IntoIterator<Item = &'a str>,
        aliases: &BTreeMap<String, Vec<String>>,
    ) -> SectionNames {
        let mut names = BTreeMap::new();
        for name in canonical {
            names.insert(normalise(name), name.to_string());
        }
        for (name, list) in aliases {
            names.entry(normalise(name)).or_insert_with(|| name.clone());
            for alias in list {
                names
                    .entry(normalise(alias))
                    .or_insert_with(|| name.clone());
            }
        }
        SectionNames { names }
    }

    /// The canonical name a label stands for: exactly a name or alias; or one followed by a
    /// qualifier in parentheses ("Timeline (all times PST)"); or two joined by "and" of which
    /// the first is one ("Root cause and resolution"); or two joined by a slash of which one is
    /// ("Events/Timeline"). A label is not matched by its first words as a heading is:
    /// "Actions taken" is what was done during the incident, not the action items.
    pub(crate) fn label(&self, name: &str) -> Option<&str> {
        let exact = |n: &str| self.names.get(&normalise(n)).map(String::as_str);
        exact(name)
            .or_else(|| name.split_once('(').and_then(|(before, _)| exact(before)))
            .or_else(|| {
                let normalised = normalise(name);
                let (first, _) = normalised.split_once(" and ")?;
                self.names.get(first).map(String::as_str)
            })
            .or_else(|| self.slashed(name))
    }

    /// "Events/Timeline": the first part that is exactly a name.
    fn slashed(&self, name: &str) -> Option<&str> {
        if !name.contains('/') {
            return None;
        }
        name.split('/')
            .find_map(|part| self.names.get(&normalise(part)))
            .map(String::as_str)
    }

    /// The canonical name `heading` stands for: an exact match of a name or alias, or one that
    /// starts the heading ("Timeline (all times PST)", "Action items from the review").
    pub(crate) fn canonical(&self, heading: &str) -> Option<&str> {
        let original = heading;
        let heading = normalise(heading);
        if let Some(name) = self.names.get(&heading) {
            return Some(name);
        }
        self.names
            .iter()
            .filter(|(name, _)| {
                heading
                    .strip_prefix(name.as_str())
                    .is_some_and(|rest| rest.starts_with(' '))
            })
            .max_by_key(|(name, _)| name.len())
            .map(|(_, canonical)| canonical.as_str())
            .or_else(|| self.slashed(original))
    }
}

/// Lower case, letters and digits only, single spaces; leading numbering (`5.`, `V)`) and a
/// trailing colon are dropped.
pub(crate) fn normalise(heading: &str) -> String {
    let mut out = String::with_capacity(heading.len());
    for word in heading
        .split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(
            word.chars()
                .filter(|c| *c != '\'')
                .flat_map(char::to_lowercase),
        );
    }
    // "1 summary" → "summary": numbering is not part of the name.
    match out.split_once(' ') {
        Some((first, rest)) if first.chars().all(|c| c.is_ascii_digit()) => rest.to_string(),
        _ => out,
    }
}

/// The sections of a document, in document order: every heading (ATX or setext, any level),
/// and every label that names a known section, at the start of a paragraph (`**Impact:** …`,
/// or a line that is only a name, `Timeline:`) or of a top-level list item (`- **Impact**: …`).
/// A label whose name is unknown ends the paragraph label before it (it starts another part)
/// but is no section, unless its items make it the timeline.
pub(crate) fn sections(
    blocks: &[Block],
    lines: &[&str],
    names: &SectionNames,
    total_lines: usize,
) -> Vec<Section> {
    let line = |i: usize| lines.get(i).copied().unwrap_or("");
    let mut heads: Vec<Section> = Vec::new();
    for block in blocks {
        match &block.kind {
            BlockKind::Heading { level, text } => {
                let form = if block.lines.len() > 1 {
                    Form::Setext
                } else {
                    Form::Heading
                };
                let inline = text.split_once(':').map_or("", |(_, rest)| rest.trim());
                heads.push(Section {
                    title: text.clone(),
                    canonical: names.canonical(text).map(str::to_string),
                    level: *level,
                    heading: block.lines.clone(),
                    body: block.lines.end..block.lines.end,
                    form,
                    inline: inline.to_string(),
                });
            }
            BlockKind::Paragraph => {
                for (n, at) in block.lines.clone().enumerate() {
                    let bold = label::bold(line(at), false);
                    let found = match bold {
                        Some(label) => {
                            let canonical = names.label(&label.name).map(str::to_string);
                            // Later lines of a paragraph only when they name a section: bold
                            // words there are more often emphasis than a new part.
                            (n == 0 || canonical.is_some()).then_some((label, canonical))
                        }
                        // A line that is only a section name, wherever it stands: documents
                        // written without blank lines run every part into one paragraph.
                        None => label::plain(line(at)).and_then(|label| {
                            let canonical = names.label(&label.name)?.to_string();
                            Some((label, Some(canonical)))
                        }),
                    };
                    if let Some((label, canonical)) = found {
                        heads.push(Section {
                            title: label.name,
                            canonical,
                            level: 7,
                            heading: at..at + 1,
                            body: at + 1..at + 1,
                            form: Form::Label,
                            inline: label.rest,
                        });
                    }
                }
            }
            BlockKind::List { items } => {
                for item in items {
                    let Some(label) = label::bold(line(item.start), true) else {
                        continue;
                    };
                    let mut end = item.end.min(total_lines);
                    while end > item.start + 1 && line(end - 1).trim().is_empty() {
                        end -= 1;
                    }
                    heads.push(Section {
                        canonical: names.label(&label.name).map(str::to_string),
                        title: label.name,
                        level: 8,
                        heading: item.start..item.start + 1,
                        body: item.start + 1..end.max(item.start + 1),
                        form: Form::ListLabel,
                        inline: label.rest,
                    });
                }
            }
            _ => {}
        }
    }
    set_ends(&mut heads, total_lines);
    if content::find_timeline(&mut heads, blocks, lines) {
        set_ends(&mut heads, total_lines);
    }
    heads.retain(|s| matches!(s.form, Form::Heading | Form::Setext) || s.canonical.is_some());
    heads
}

/// Where each body ends, but a list item's label, whose body is its item: at the next section of
/// the same or a higher rank. A label with no known name ends no known section (it is a part
/// inside one: "**Corrective measures:**" under "**Action items:**").
fn set_ends(heads: &mut [Section], total_lines: usize) {
    for i in 0..heads.len() {
        if heads[i].form == Form::ListLabel {
            continue;
        }
        let (level, named) = (heads[i].level, heads[i].canonical.is_some());
        let end = heads[i + 1..]
            .iter()
            .find(|next| {
                next.form != Form::ListLabel
                    && next.level <= level
                    && (next.canonical.is_some() || !named || next.level < 7)
            })
            .map_or(total_lines, |next| next.heading.start);
        heads[i].body.end = end.max(heads[i].body.start);
    }
}

/// The blocks that make up `section`'s body (those that overlap it): the top-level blocks, or
/// for a list item's label the blocks nested in that item.
pub(crate) fn blocks_in<'a>(blocks: &'a [Block], section: &Section) -> Vec<&'a Block> {
    let body = &section.body;
    let overlaps = |b: &&Block| b.lines.start < body.end && b.lines.end > body.start;
    if section.form == Form::ListLabel {
        return blocks
            .iter()
            .filter(|b| b.lines.contains(&section.heading.start))
            .flat_map(|b| b.inner.iter())
            .filter(overlaps)
            .collect();
    }
    blocks.iter().filter(overlaps).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names() -> SectionNames {
        let mut aliases = BTreeMap::new();
        aliases.insert(
            "Action items".to_string(),
            vec![
                "Follow-ups".to_string(),
                "Actions".to_string(),
                "Corrective and preventative measures".to_string(),
            ],
        );
        aliases.insert("Summary".to_string(), vec!["Issue summary".to_string()]);
        aliases.insert("Impact and scope".to_string(), vec!["Impact".to_string()]);
        SectionNames::new(
            ["Summary", "Timeline", "Action items", "Root cause"],
            &aliases,
        )
    }

    /// Each section as `title canonical form level heading body inline`, for comparing.
    fn outline(text: &str) -> Vec<String> {
        let lines: Vec<&str> = text.split('\n').collect();
        let blocks = blocks(text, 0);
        sections(&blocks, &lines, &names(), lines.len())
            .iter()
            .map(|s| {
                format!(
                    "{} {:?} {:?} {} {:?} {:?} {:?}",
                    s.title,
                    s.canonical.as_deref().unwrap_or("-"),
                    s.form,
                    s.level,
                    s.heading,
                    s.body,
                    s.inline
                )
            })
            .collect()
    }

    /// The forms real documents use (student-0x19, openfoodfacts-infra, iasql, 2i2c), and what
    /// is not a section.
    #[test]
    fn sections_in_every_form() {
        let cases: &[(&str, &str, &[&str])] = &[
            (
                "setext headings",
                "Timeline\n--------\n\n- 14:00 a\n\nRoot cause\n==========\n\nA typo.\n",
                &[
                    "Timeline \"Timeline\" Setext 2 0..2 2..5 \"\"",
                    "Root cause \"Root cause\" Setext 1 5..7 7..10 \"\"",
                ],
            ),
            (
                "bold paragraph labels, text on the label's line",
                "**Impact:** 20 minutes\nof errors\n\n**Root Cause**:\nA typo.\n",
                &[
                    "Impact \"Impact and scope\" Label 7 0..1 1..3 \"20 minutes\"",
                    "Root Cause \"Root cause\" Label 7 3..4 4..6 \"\"",
                ],
            ),
            (
                "a label with an unknown name is a part of the one before",
                "**Corrective and Preventative Measures:**\n\n**Corrective Measures:**\n1. **Bug fix:**\n   - done\n\n**Conclusion:**\nWe learned.\n\n## Next\n",
                &[
                    "Corrective and Preventative Measures \"Action items\" Label 7 0..1 1..9 \"\"",
                    "Next \"-\" Heading 2 9..10 10..11 \"\"",
                ],
            ),
            (
                "list item labels under a paragraph label (student-0x19)",
                "**Issue Summary:**\n- **Duration:** 2 hours\n- **Impact:** all users\n- **Root cause**:\n\n**Timeline:**\n- **10:30 AM:** paged\n",
                &[
                    "Issue Summary \"Summary\" Label 7 0..1 1..5 \"\"",
                    "Impact \"Impact and scope\" ListLabel 8 2..3 3..3 \"all users\"",
                    "Root cause \"Root cause\" ListLabel 8 3..4 4..4 \"\"",
                    "Timeline \"Timeline\" Label 7 5..6 6..8 \"\"",
                ],
            ),
            (
                "a list item label's body is its nested items",
                "- **Tasks:**\n- **Action items**:\n    - Add an alert.\n    - Load test.\n\n- **Impact:** x\n",
                &[
                    "Action items \"Action items\" ListLabel 8 1..2 2..4 \"\"",
                    "Impact \"Impact and scope\" ListLabel 8 5..6 6..6 \"x\"",
                ],
            ),
            (
                "a label is matched by its whole name, or the first of two",
                "- **Actions Taken:**\n  - restarted\n\n**Root Cause and Resolution:**\nA typo.\n",
                &["Root Cause and Resolution \"Root cause\" Label 7 3..4 4..6 \"\""],
            ),
            (
                "a label with a qualifier in parentheses",
                "Timeline(all times pacific Time):\n13:00 (UTC): detected\n",
                &["Timeline(all times pacific Time) \"Timeline\" Label 7 0..1 1..3 \"\""],
            ),
            (
                "a line that is only a name, inside a paragraph",
                "Issue Summary\nDown for 10 minutes.\nTimeline\n10:05 AM deployed\n",
                &[
                    "Issue Summary \"Summary\" Label 7 0..1 1..2 \"\"",
                    "Timeline \"Timeline\" Label 7 2..3 3..5 \"\"",
                ],
            ),
            (
                "bold timestamps and bold words are not labels",
                "**21:48:** paged\n\n**Note** that it was cold.\n\n- **2022-09-05**: release\n",
                &[],
            ),
        ];
        for (name, text, expected) in cases {
            assert_eq!(outline(text), *expected, "case `{name}`");
        }
    }

    /// A section whose items mostly start with a timestamp is the timeline, whatever its
    /// name, when no section is named so.
    #[test]
    fn the_timeline_by_content() {
        let cases: &[(&str, &str, Option<&str>)] = &[
            (
                "a heading",
                "# Outage\n\nText.\n\n## Context\n\n- 14:00 paged\n- 14:05 rolled back\n- calm\n",
                Some("Context"),
            ),
            (
                "a bold label in a list",
                "- **Key events:**\n  - 14:00 paged\n  - 14:05 fixed\n- **Impact:** x\n",
                Some("Key events"),
            ),
            (
                "a paragraph label with plain lines",
                "**Sequence:**\n10:05 AM deployed\n10:07 AM logs checked\n",
                Some("Sequence"),
            ),
            (
                "too few stamps",
                "## Context\n\n- 14:00 paged\n- then a fix\n- calm\n",
                None,
            ),
            ("one stamp", "## Context\n\n- 14:00 paged\n", None),
        ];
        for (name, text, expected) in cases {
            let lines: Vec<&str> = text.split('\n').collect();
            let blocks = blocks(text, 0);
            let all = sections(&blocks, &lines, &names(), lines.len());
            let timeline = all
                .iter()
                .find(|s| s.canonical.as_deref() == Some("Timeline"))
                .map(|s| s.title.as_str());
            assert_eq!(timeline, *expected, "case `{name}`");
        }
        // A section named as the timeline wins over one that reads like it.
        let text = "## Timeline\n\nTBD\n\n## Context\n\n- 14:00 a\n- 14:05 b\n";
        let lines: Vec<&str> = text.split('\n').collect();
        let all = sections(&blocks(text, 0), &lines, &names(), lines.len());
        assert_eq!(all[1].canonical, None);
    }

    #[test]
    fn blocks_of_a_list_item_label() {
        let text = "- **Timeline:**\n  - 14:00 a\n  - 14:05 b\n- **Impact:** x\n";
        let lines: Vec<&str> = text.split('\n').collect();
        let blocks = blocks(text, 0);
        let all = sections(&blocks, &lines, &names(), lines.len());
        let inside: Vec<&BlockKind> = blocks_in(&blocks, &all[0])
            .iter()
            .map(|b| &b.kind)
            .collect();
        // The label's own paragraph is the heading, not the body.
        assert_eq!(
            inside,
            [&BlockKind::List {
                items: vec![1..2, 2..3]
            }]
        );
    }

    #[test]
    fn heading_names() {
        let n = names();
        let cases = [
            ("Timeline", Some("Timeline")),
            ("TIMELINE", Some("Timeline")),
            ("Timeline (all times PST)", Some("Timeline")),
            ("5. Timeline:", Some("Timeline")),
            ("Follow-ups", Some("Action items")),
            ("follow ups", Some("Action items")),
            ("Action Items from the review", Some("Action items")),
            ("Timelines", None),
            ("Events/Timeline:", Some("Timeline")),
            ("Improvements/Fixes", None),
            ("Summary of changes", Some("Summary")),
            ("Background", None),
        ];
        for (heading, expected) in cases {
            assert_eq!(n.canonical(heading), expected, "{heading}");
        }
    }

    #[test]
    fn sections_by_heading_and_by_plain_line() {
        let text = "# Title\n\n## Summary\n\ntext\n\n### Detail\n\nmore\n\n**Timeline:**\n14:00 a\n\n## Action items\n- [ ] x\n";
        let lines: Vec<&str> = text.split('\n').collect();
        let blocks = blocks(text, 0);
        let s = sections(&blocks, &lines, &names(), lines.len());
        let got: Vec<(&str, Option<&str>, u8, Range<usize>)> = s
            .iter()
            .map(|s| {
                (
                    s.title.as_str(),
                    s.canonical.as_deref(),
                    s.level,
                    s.body.clone(),
                )
            })
            .collect();
        assert_eq!(
            got,
            vec![
                ("Title", None, 1, 1..lines.len()),
                ("Summary", Some("Summary"), 2, 3..13),
                ("Detail", None, 3, 7..13),
                ("Timeline", Some("Timeline"), 7, 11..13),
                ("Action items", Some("Action items"), 2, 14..lines.len()),
            ]
        );
    }

    #[test]
    fn list_items_and_offsets() {
        let text =
            "## Timeline\n\n- 14:00 a\n  continued\n- 14:05 b\n\n```\n# not a heading\n```\n";
        let blocks = blocks(text, 10);
        assert_eq!(
            blocks[0].kind,
            BlockKind::Heading {
                level: 2,
                text: "Timeline".into()
            }
        );
        // comrak counts the blank line after a list into its last item; callers trim it.
        assert_eq!(
            blocks[1].kind,
            BlockKind::List {
                items: vec![12..14, 14..16]
            }
        );
        assert_eq!(blocks[2].kind, BlockKind::Code);
        assert_eq!(blocks.len(), 3);
    }
}
