//! The block structure of a document, from comrak's source positions: headings, lists and their
//! items, tables, code; and the sections they make, matched by name.

use std::collections::BTreeMap;
use std::ops::Range;

use comrak::nodes::NodeValue;
use comrak::{Arena, Options};

/// One top-level block, by 0-based line numbers of the whole document (end exclusive).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Block {
    pub(crate) kind: BlockKind,
    pub(crate) lines: Range<usize>,
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
    let lines = |pos: comrak::nodes::Sourcepos| {
        first_line + pos.start.line.saturating_sub(1)..first_line + pos.end.line.max(pos.start.line)
    };
    let mut out = Vec::new();
    for node in root.children() {
        let data = node.data.borrow();
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
            NodeValue::List(_) => BlockKind::List {
                items: node
                    .children()
                    .map(|item| lines(item.data.borrow().sourcepos))
                    .collect(),
            },
            NodeValue::Table(_) => BlockKind::Table,
            NodeValue::CodeBlock(_) => BlockKind::Code,
            NodeValue::HtmlBlock(_) => BlockKind::Html,
            _ => BlockKind::Other,
        };
        out.push(Block {
            kind,
            lines: lines(data.sourcepos),
        });
    }
    out
}

fn collect_text<'a>(node: &'a comrak::nodes::AstNode<'a>, out: &mut String) {
    for child in node.children() {
        match &child.data.borrow().value {
            NodeValue::Text(t) => out.push_str(t),
            NodeValue::Code(c) => out.push_str(&c.literal),
            NodeValue::SoftBreak | NodeValue::LineBreak => out.push(' '),
            _ => collect_text(child, out),
        }
    }
}

/// A part of the document under one heading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Section {
    /// The heading as written (without `#` and emphasis).
    pub(crate) title: String,
    /// The canonical section this heading stands for, when it is one of the known ones.
    pub(crate) canonical: Option<String>,
    /// 1–6 for Markdown headings; 7 for a line that is only a section name (`Timeline:`), as
    /// hand-written documents use.
    pub(crate) level: u8,
    /// The heading's lines.
    pub(crate) heading: Range<usize>,
    /// The lines after the heading, up to the next heading of the same or a higher level.
    pub(crate) body: Range<usize>,
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

    /// The canonical name `heading` stands for: an exact match of a name or alias, or one that
    /// starts the heading ("Timeline (all times PST)", "Action items from the review").
    pub(crate) fn canonical(&self, heading: &str) -> Option<&str> {
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

/// The sections of a document: every heading, plus paragraphs whose first line is exactly a
/// known section name (optionally bold, with a colon), since hand-written documents often
/// mark sections that way.
pub(crate) fn sections(
    blocks: &[Block],
    lines: &[&str],
    names: &SectionNames,
    total_lines: usize,
) -> Vec<Section> {
    let mut heads: Vec<(String, Option<String>, u8, Range<usize>)> = Vec::new();
    for block in blocks {
        match &block.kind {
            BlockKind::Heading { level, text } => {
                let canonical = names.canonical(text).map(str::to_string);
                heads.push((text.clone(), canonical, *level, block.lines.clone()));
            }
            BlockKind::Paragraph => {
                // Only the paragraph's first line: "Timeline:" directly followed by entries.
                let line = lines.get(block.lines.start).copied().unwrap_or("");
                let text = line
                    .trim()
                    .trim_matches(['*', '_'])
                    .trim_end_matches(':')
                    .trim();
                let text = text.trim_matches(['*', '_']).trim();
                if text.len() <= 60
                    && let Some(canonical) = names.names.get(&normalise(text))
                {
                    let first = block.lines.start..block.lines.start + 1;
                    heads.push((text.to_string(), Some(canonical.clone()), 7, first));
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::with_capacity(heads.len());
    for (i, (title, canonical, level, heading)) in heads.iter().enumerate() {
        let end = heads[i + 1..]
            .iter()
            .find(|(_, _, next_level, _)| *next_level <= *level || *level == 7)
            .map_or(total_lines, |(_, _, _, next)| next.start);
        out.push(Section {
            title: title.clone(),
            canonical: canonical.clone(),
            level: *level,
            heading: heading.clone(),
            body: heading.end..end.max(heading.end),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names() -> SectionNames {
        let mut aliases = BTreeMap::new();
        aliases.insert("Action items".to_string(), vec!["Follow-ups".to_string()]);
        SectionNames::new(
            ["Summary", "Timeline", "Action items", "Root cause"],
            &aliases,
        )
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
