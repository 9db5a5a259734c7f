//! `Document`: a post-mortem's original text plus an index of where things are in it, by byte
//! and line. Reading never changes the text; edits go through `splice`.

pub(crate) mod actions;
pub(crate) mod front_matter;
pub(crate) mod list_item;
pub(crate) mod meta;
pub(crate) mod place;
pub(crate) mod sections;
pub(crate) mod splice;
pub(crate) mod summary;
pub(crate) mod timeline;

use std::ops::Range;

use front_matter::FrontMatter;
use meta::Meta;
use sections::{Block, Section, SectionNames};

use crate::text;

pub(crate) struct Document {
    pub(crate) text: String,
    /// The line break the document uses (`\r\n` when its first line break is), for new lines.
    pub(crate) newline: &'static str,
    /// Byte offset of the start of each line; a final line without a break counts too.
    line_starts: Vec<usize>,
    pub(crate) front: Option<FrontMatter>,
    /// The front matter's values, read once.
    pub(crate) meta: Meta,
    pub(crate) blocks: Vec<Block>,
    /// The sections, found once: `pm check` asks for them from several rules. A wiki has one
    /// set of section names, so the first caller's names hold for the document's life.
    sections: std::cell::OnceCell<Vec<Section>>,
}

impl Document {
    pub(crate) fn parse(text: String) -> Document {
        let newline = match text.find('\n') {
            Some(i) if i > 0 && text.as_bytes()[i - 1] == b'\r' => "\r\n",
            _ => "\n",
        };
        let mut line_starts = Vec::with_capacity(text.len() / 40 + 1);
        line_starts.push(0);
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        let front = front_matter::locate(&text);
        let meta = Meta::read(front.as_ref(), &text);
        let body_start = front.as_ref().map_or(0, |f| f.range.end);
        let first_line = line_starts.partition_point(|&s| s <= body_start) - 1;
        let blocks = sections::blocks(text::after(&text, line_starts[first_line]), first_line);
        Document {
            text,
            newline,
            line_starts,
            front,
            meta,
            blocks,
            sections: std::cell::OnceCell::new(),
        }
    }

    /// How many lines there are (a text ending in a line break has an empty last line).
    pub(crate) fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// Line `i` (0-based) without its line break.
    pub(crate) fn line(&self, i: usize) -> &str {
        text::slice(&self.text, self.line_range(i))
    }

    /// The bytes of line `i`, without its line break.
    pub(crate) fn line_range(&self, i: usize) -> Range<usize> {
        let start = self.line_start(i);
        let mut end = self
            .line_starts
            .get(i + 1)
            .map_or(self.text.len(), |next| next - 1);
        if end > start && self.text.as_bytes()[end - 1] == b'\r' {
            end -= 1;
        }
        start..end.max(start)
    }

    /// The byte where line `i` starts; the end of the text for lines past the last.
    pub(crate) fn line_start(&self, i: usize) -> usize {
        self.line_starts.get(i).copied().unwrap_or(self.text.len())
    }

    /// The 0-based line holding byte `offset`.
    #[allow(dead_code)] // used by `pm check` (next commit)
    pub(crate) fn line_of(&self, offset: usize) -> usize {
        self.line_starts
            .partition_point(|&s| s <= offset)
            .saturating_sub(1)
    }

    /// All lines, without their breaks.
    pub(crate) fn lines(&self) -> Vec<&str> {
        (0..self.line_count()).map(|i| self.line(i)).collect()
    }

    /// The sections, matched against the wiki's section names and aliases.
    pub(crate) fn sections(&self, names: &SectionNames) -> &[Section] {
        self.sections.get_or_init(|| {
            sections::sections(&self.blocks, &self.lines(), names, self.line_count())
        })
    }

    /// The section that stands for `canonical` (e.g. `Timeline`): the first heading that does,
    /// else the first label. A heading is the author's chosen part; a label of the same name
    /// elsewhere ("- **Actions taken:**" in the resolution) is a detail inside another part.
    pub(crate) fn section(&self, names: &SectionNames, canonical: &str) -> Option<&Section> {
        let mut matching = self
            .sections(names)
            .iter()
            .filter(|s| s.canonical.as_deref() == Some(canonical));
        let first = matching.clone().next();
        matching
            .find(|s| matches!(s.form, sections::Form::Heading | sections::Form::Setext))
            .or(first)
    }

    /// The blocks of `section`'s body: the top-level blocks that overlap it, or the blocks
    /// nested in the list item a label starts.
    pub(crate) fn blocks_in(&self, section: &Section) -> Vec<&Block> {
        sections::blocks_in(&self.blocks, section)
    }
}

/// The sections of the built-in template, in order; a missing section is created where it
/// would stand in this order.
pub(crate) const TEMPLATE_ORDER: [&str; 11] = [
    "Summary",
    "Impact and scope",
    "Trigger",
    "Resolution",
    "Timeline",
    "Root cause",
    "What went well",
    "What didn't go well",
    "Action items",
    "If we have time",
    "Data and analysis",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_offsets() {
        let doc = Document::parse("+++\na = 1\n+++\r\n# T\r\n\r\nlast".to_string());
        assert_eq!(doc.newline, "\n");
        assert_eq!(doc.line_count(), 6);
        assert_eq!(doc.line(3), "# T");
        assert_eq!(doc.line(5), "last");
        assert_eq!(doc.line_of(doc.line_start(3) + 1), 3);
        assert_eq!(doc.blocks[0].lines, 3..4);
        let crlf = Document::parse("a\r\nb\r\n".to_string());
        assert_eq!(crlf.newline, "\r\n");
        assert_eq!(crlf.lines(), vec!["a", "b", ""]);
    }
}
