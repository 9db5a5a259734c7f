//! The items of one part of a document that holds action items, in every form people write
//! them: list items (task boxes or not), table rows, numbered sub-headings, and lines of a
//! paragraph that lists one action per line.
//!
//! A careful reader's rules: a nested sub-bullet belongs to its parent, unless the parent is
//! only a group label (`- **Tasks:**`); a label (`Done:`, `Improvements/Fixes:`) is no item but
//! says what the items under it are; a priority legend defines terms; a list after "All of
//! the errors were due to:" lists observations; a paragraph is an item only when it reads as
//! one (an imperative sentence, or one action per line).

use std::ops::Range;

use super::item::{self, ActionItem};
use super::prose::{
    announces_actions, is_legend, names_then_says, opens_prose, plain_line, reads_as_action,
    starts_like_an_item, states_a_fact,
};
use super::status;
use super::title::{self, Kind};
use super::{Action, Form};
use crate::doc::sections::BlockKind;
use crate::doc::{Document, list_item};

use super::table::{is_table_separator, parse_table_row};

/// Read the items of `lines`, which the heading or label of kind `kind` starts.
pub(super) fn read(doc: &Document, lines: Range<usize>, kind: Kind, out: &mut Vec<Action>) {
    let mut w = Walker {
        doc,
        region: kind,
        group: kind,
        legend: false,
        item_indent: None,
        in_item: false,
        under_heading_item: false,
        observations: false,
        blank_before: false,
        fence: None,
        para: Vec::new(),
        out,
    };
    let code = code_lines(doc);
    let mut i = lines.start;
    while i < lines.end {
        if code.iter().any(|r| r.contains(&i)) {
            w.flush();
            i += 1;
            continue;
        }
        i = w.line(i, lines.end);
    }
    w.flush();
}

/// Lines of top-level indented or fenced code blocks and HTML comments.
fn code_lines(doc: &Document) -> Vec<Range<usize>> {
    doc.blocks
        .iter()
        .filter(|b| match b.kind {
            BlockKind::Code => true,
            BlockKind::Html => doc.line(b.lines.start).trim_start().starts_with("<!--"),
            _ => false,
        })
        .map(|b| b.lines.clone())
        .collect()
}

#[allow(clippy::struct_excessive_bools)] // one flag per reading rule in the module header
struct Walker<'a, 'o> {
    doc: &'a Document,
    region: Kind,
    /// The kind of the current group (the last label), else the region's.
    group: Kind,
    /// Under a label like "Priority legend:": its bullets define terms.
    legend: bool,
    /// Indentation of the last item's list marker: deeper items are its sub-bullets.
    item_indent: Option<usize>,
    /// The previous line belongs to an item (a lazy continuation may follow).
    in_item: bool,
    /// After a numbered sub-heading item: what follows is its description.
    under_heading_item: bool,
    /// The paragraph before ended in a colon that does not announce actions ("All of the
    /// errors were due to:", "We need something that will:"): its list explains.
    observations: bool,
    blank_before: bool,
    /// The fence (```` ``` ```` or `~~~`) of a code block inside an item, while in it.
    fence: Option<&'static str>,
    /// The lines of the paragraph being read.
    para: Vec<usize>,
    out: &'o mut Vec<Action>,
}

impl Walker<'_, '_> {
    /// Read line `i`; the next line to read.
    fn line(&mut self, i: usize, end: usize) -> usize {
        let raw = self.doc.line(i);
        let t = raw.trim();
        if let Some(fence) = self.fence {
            if t.starts_with(fence) {
                self.fence = None;
            }
            return i + 1;
        }
        if let Some(fence) = ["```", "~~~"].into_iter().find(|f| t.starts_with(f)) {
            self.flush();
            self.fence = Some(fence);
            return i + 1;
        }
        if t.is_empty() {
            self.flush();
            self.blank_before = true;
            return i + 1;
        }
        let next = self.dispatch(i, raw, t, end);
        self.blank_before = false;
        next
    }

    fn dispatch(&mut self, i: usize, raw: &str, t: &str, end: usize) -> usize {
        let indent = raw.len() - raw.trim_start().len();
        if let Some((level, text)) = heading(self.doc, i, t) {
            self.flush();
            self.heading(i, level, &text);
            return i + 1;
        }
        if self.under_heading_item {
            return i + 1;
        }
        if t.contains('|') && i + 1 < end && is_table_separator(self.doc.line(i + 1)) {
            self.flush();
            return self.table(i, end);
        }
        let marker =
            list_item::commonmark_marker(t.as_bytes()).filter(|_| !list_item::is_thematic_break(t));
        if let Some(marker) = marker {
            self.flush();
            self.list_item(i, indent, text_after(t, marker));
            return i + 1;
        }
        if list_item::is_thematic_break(t) {
            self.flush();
            return i + 1;
        }
        // A continuation of the item above: lazy, or indented under it after a blank line.
        if self.in_item && (!self.blank_before || self.item_indent.is_some_and(|ii| indent > ii)) {
            return i + 1;
        }
        self.in_item = false;
        self.item_indent = None;
        if let Some(name) = title::label(t) {
            self.flush();
            self.label(&name);
            return i + 1;
        }
        self.para.push(i);
        i + 1
    }

    fn heading(&mut self, line: usize, _level: u8, text: &str) {
        self.in_item = false;
        self.item_indent = None;
        self.under_heading_item = false;
        self.observations = false;
        let Some(rest) = numbered(text) else {
            self.label(text);
            return;
        };
        let mut item = item::parse_text(rest);
        let said = self.state(&mut item);
        // "Cron cleanup scheduled": a heading that states a fact reads as done work.
        if said.is_none() && self.group != Kind::Done && states_a_fact(&item.text) {
            item.done = true;
        }
        self.push(line, item, Form::Heading);
        self.under_heading_item = true;
    }

    fn label(&mut self, name: &str) {
        self.group = match title::group(name) {
            Kind::Tracked => self.region,
            other => other,
        };
        let n = name.to_lowercase();
        self.legend = n.contains("legend") || n.starts_with("priorit");
        self.observations = false;
    }

    fn table(&mut self, header_line: usize, end: usize) -> usize {
        let header = self.doc.line(header_line);
        let mut i = header_line + 2;
        while i < end {
            let row = self.doc.line(i);
            if row.trim().is_empty() || !row.contains('|') {
                break;
            }
            if let Some(mut item) =
                parse_table_row(Some(header), row).filter(|item| !item.text.is_empty())
            {
                self.state(&mut item);
                self.push(i, item, Form::Row);
            }
            i += 1;
        }
        self.in_item = false;
        self.item_indent = None;
        i
    }

    fn list_item(&mut self, line: usize, indent: usize, body: &str) {
        let nested = self.item_indent.is_some_and(|ii| indent > ii);
        // A deeper bullet after a blank line, under an item that is not a group, is a sibling
        // written with uneven indentation ("- a\n\n  - b"), as readers take it.
        if nested && !self.blank_before {
            self.in_item = true;
            return;
        }
        self.in_item = true;
        if self.observations {
            self.item_indent = Some(indent);
            return;
        }
        let content = body.trim();
        let boxed = list_item::task_box(content.as_bytes(), 0).is_some();
        if !boxed && let Some(name) = title::label(content) {
            self.label(&name);
            self.item_indent = None;
            return;
        }
        self.item_indent = Some(indent);
        if self.legend || (!boxed && is_legend(content)) {
            return;
        }
        let Some(mut item) = item::parse_line(&self.item_text(line)) else {
            return;
        };
        if item.text.is_empty() {
            return;
        }
        self.state(&mut item);
        let form = if boxed { Form::Task } else { Form::Bullet };
        self.push(line, item, form);
    }

    /// A list item's first line with its lazy continuation lines, up to a nested list.
    fn item_text(&self, line: usize) -> String {
        let mut text = self.doc.line(line).to_string();
        for next in line + 1..self.doc.line_count() {
            let content = self.doc.line(next).trim();
            if content.is_empty()
                || list_item::commonmark_marker(content.as_bytes()).is_some()
                || content.starts_with('#')
            {
                break;
            }
            text.push(' ');
            text.push_str(content);
        }
        text
    }

    /// Read the paragraph collected so far: one item per line when each line is one, else
    /// one item when it reads as an action.
    fn flush(&mut self) {
        let lines = std::mem::take(&mut self.para);
        let Some(&last) = lines.last() else {
            return;
        };
        let texts: Vec<&str> = lines
            .iter()
            .map(|&l| plain_line(self.doc.line(l)))
            .collect();
        let last_text = self.doc.line(last).trim();
        // Lines that each start like an item, of which one at least reads as an action: not
        // prose that happens to break its lines after each sentence.
        let one_per_line = texts.len() >= 2
            && texts.iter().all(|t| starts_like_an_item(t))
            && texts
                .iter()
                .any(|t| reads_as_action(t) || names_then_says(t));
        if one_per_line {
            for (&line, text) in lines.iter().zip(&texts) {
                if !text.ends_with(':') && !opens_prose(text) {
                    self.push_text(line, text);
                }
            }
        } else if !last_text.ends_with(':') && reads_as_action(texts[0]) {
            let joined = texts.join(" ");
            self.push_text(lines[0], &joined);
        }
        self.observations = last_text.ends_with(':') && !announces_actions(last_text);
    }

    fn push_text(&mut self, line: usize, text: &str) {
        let mut item = item::parse_text(text);
        if item.text.is_empty() {
            return;
        }
        self.state(&mut item);
        self.push(line, item, Form::Line);
    }

    /// Apply the markers in the item's text and the group it is in; what the text said.
    fn state(&self, item: &mut ActionItem) -> Option<bool> {
        let read = status::read(&item.text);
        let (said, text) = (read.done, read.text.to_string());
        item.text = text;
        item.done = match said {
            Some(done) => done || item.done,
            None => item.done || self.group == Kind::Done,
        };
        said
    }

    fn push(&mut self, line: usize, item: ActionItem, form: Form) {
        self.out.push(Action {
            line,
            item,
            later: self.group == Kind::Later,
            form,
        });
    }
}

/// A heading at line `i`: its level and text (ATX from the document's blocks, or an HTML
/// `<h3>` line).
fn heading(doc: &Document, i: usize, t: &str) -> Option<(u8, String)> {
    if t.starts_with('#') {
        let block = doc.blocks.iter().find(|b| b.lines.start == i)?;
        if let BlockKind::Heading { level, text } = &block.kind {
            return Some((*level, text.clone()));
        }
        return None;
    }
    let b = t.as_bytes();
    if t.len() > 4 && b[0] == b'<' && (b[1] | 0x20) == b'h' && b[2].is_ascii_digit() {
        let level = b[2] - b'0';
        let text = title::label(t).unwrap_or_else(|| t.to_string());
        return Some((level, text));
    }
    None
}

/// The text of a numbered heading (`1) Cron cleanup`, `2. Verify cron`), without its number.
fn numbered(text: &str) -> Option<&str> {
    let b = text.as_bytes();
    let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
    if digits == 0 || digits > 2 || !matches!(b.get(digits), Some(b')' | b'.')) {
        return None;
    }
    let rest = text.get(digits + 1..)?;
    rest.starts_with(' ').then(|| rest.trim())
}

fn text_after(t: &str, marker: usize) -> &str {
    t.get(marker..).unwrap_or("")
}

#[cfg(test)]
mod tests {
    use crate::config::WikiConfig;
    use crate::doc::actions::{Form, read};
    use crate::doc::sections::SectionNames;
    use crate::doc::{Document, TEMPLATE_ORDER};

    /// An item as (1-based line, done, text, form).
    type Want = (usize, bool, &'static str, Form);

    /// Each document's items; forms from the corpus.
    #[allow(clippy::too_many_lines)] // one table of cases
    #[test]
    fn items_in_every_form() {
        use Form::{Bullet, Heading, Line, Row, Task};
        let cases: &[(&str, &str, &[Want])] = &[
            (
                "plain bullets and a task box",
                "## Action Items\n\n- Make sure user pods are in a separate pool\n- [x] Set limits\n",
                &[
                    (
                        3,
                        false,
                        "Make sure user pods are in a separate pool",
                        Bullet,
                    ),
                    (4, true, "Set limits", Task),
                ],
            ),
            (
                "one action per line, under a hand-made name (chia-network)",
                "## Lessons Learned and Future Improvements\nAdd more thorough testing.\n\
                 Minimize the number of data structures used.\nBug bounty for more visibility.\n\n\
                 ## Netspace\n",
                &[
                    (2, false, "Add more thorough testing.", Line),
                    (
                        3,
                        false,
                        "Minimize the number of data structures used.",
                        Line,
                    ),
                    (4, false, "Bug bounty for more visibility.", Line),
                ],
            ),
            (
                "one imperative paragraph is an item; a statement is not",
                "## Corrective and Preventative Measure\n\nEmphasize the importance of policies.\n\n\
                 ## Corrective and Preventative Measure\n\nThe wiki page will be changed.\n",
                &[(3, false, "Emphasize the importance of policies.", Line)],
            ),
            (
                "prose that breaks after each sentence is no list",
                "## Corrective and Preventative Measures\n\nGoing forward the team will rebuild it.\n\
                 The ideal pattern would be quick failover.\n",
                &[],
            ),
            (
                "group labels with nested items, a closing remark (student-0x19)",
                "**Corrective and Preventative Measures:**\n- **Improvements/Fixes:**\n  - Implement checks.\n  \
                 - Enhance monitoring.\n\n- **Tasks to Address the Issue:**\n  1. **Optimize SQL**: Review queries.\n\n\
                 This postmortem provides a comprehensive overview.\n",
                &[
                    (3, false, "Implement checks.", Bullet),
                    (4, false, "Enhance monitoring.", Bullet),
                    (7, false, "**Optimize SQL**: Review queries.", Bullet),
                ],
            ),
            (
                "sub-bullets belong to their parent",
                "## Long term solution\n - Do not pull the image.\n - There are two options to pull the new image without overwriting the old one:\n    \
                 - Go to the tags page\n    - Retag the old image\n",
                &[
                    (2, false, "Do not pull the image.", Bullet),
                    (
                        3,
                        false,
                        "There are two options to pull the new image without overwriting the old one:",
                        Bullet,
                    ),
                ],
            ),
            (
                "plain-line labels, glued dashes, `1,` numbers",
                "Corrective and Preventative Measures:\nImprovements/Fixes:\n\n-Implement code reviews.\n\
                 -Enhance monitoring.\n\nTask List:\n1, Automated Testing: Implement tests.\n2, Rollback: Develop a script.\n",
                &[
                    (4, false, "Implement code reviews.", Line),
                    (5, false, "Enhance monitoring.", Line),
                    (8, false, "Automated Testing: Implement tests.", Line),
                    (9, false, "Rollback: Develop a script.", Line),
                ],
            ),
            (
                "a table mapped by its header, status and expected date (hachyderm)",
                "## Corrective Actions\n\nThe team will take the following actions:\n\n\
                 | Action | Expected Date | Status |\n|---|---|---|\n| Enable nftables | Jul 16, 2023 | Done |\n\
                 | Bind Redis | Jul 17, 2023 | To Do |\n",
                &[
                    (7, true, "Enable nftables", Row),
                    (8, false, "Bind Redis", Row),
                ],
            ),
            (
                "the text comes from the action column, not the type column",
                "## Action Items\n\n|**Type**|**Action Item**|**Owner**|**Status**|\n| :- | :- | :- | :- |\n\
                 |mitigate|Revert the driver|olivier|**DONE**|\n",
                &[(5, true, "Revert the driver", Row)],
            ),
            (
                "numbered sub-headings; their paragraphs describe them (hachyderm)",
                "# Resulting Action\n\n#### 1) Cron cleanup scheduled `@malte_j`\n\nCron removes archives.\n\n\
                 #### 2) TODO Configuration Management\n\nWe need to identify a pattern.\n",
                &[
                    (3, true, "Cron cleanup scheduled @malte_j", Heading),
                    (7, false, "Configuration Management", Heading),
                ],
            ),
            (
                "done markers and a done group",
                "## Action items\n\n- ✅ Rotate keys\n- ~~Drop the table~~\n- Page the vendor (done)\n\
                 - Already added the fix.\n- Add alerts\n\nDone:\n\n- Restore backups\n",
                &[
                    (3, true, "Rotate keys", Bullet),
                    (4, true, "Drop the table", Bullet),
                    (5, true, "Page the vendor", Bullet),
                    (6, true, "Already added the fix.", Bullet),
                    (7, false, "Add alerts", Bullet),
                    (11, true, "Restore backups", Bullet),
                ],
            ),
            (
                "a priority legend defines terms",
                "## Action items\n\nPriority legend:\n\n- **P0**: must do now\n- **P1**: next sprint\n\n\
                 Items:\n\n- Fix the parser\n- **P0**: fix within a day\n",
                &[(10, false, "Fix the parser", Bullet)],
            ),
            (
                "a list after an observation lists what happened (iasql)",
                "## Prevention\n\nAll of the errors were due to missing test cases:\n\n- `a` had no test.\n\n\
                 We can minimize the impact by following a few rules:\n\n1. All features have a test.\n",
                &[(9, false, "All features have a test.", Bullet)],
            ),
            (
                "status markers and task boxes outside the action items (openfoodfacts, learningequality)",
                "## Lessons learned\n\nIt is a good idea.\n\n**DONE**: Alex added the blog.\n\n\
                 **TODO** a ZFS exporter.\n\n# Notes to the owner\n\n- [x] Push this document\n- [] File issues\n",
                &[
                    (5, true, "Alex added the blog.", Line),
                    (7, false, "a ZFS exporter.", Line),
                    (11, true, "Push this document", Task),
                    (12, false, "File issues", Task),
                ],
            ),
            (
                "a label inside another section (openfoodfacts)",
                "## Conclusion\n\nSome possible actions in the future:\n* We could use this more:\n  \
                 * to set up a failover.\n* We should investigate IPv6\n",
                &[
                    (5, false, "to set up a failover.", Bullet),
                    (6, false, "We should investigate IPv6", Bullet),
                ],
            ),
            (
                "no action items: a timeline's task boxes, actions taken, code",
                "## Timeline\n\n- [x] 10:00 paged\n\n**Actions Taken:**\n- Investigated the CDN\n\n\
                 ## Action items\n\n```\n- not an item\n```\n",
                &[],
            ),
        ];
        let wiki = WikiConfig::default();
        let names = SectionNames::new(
            TEMPLATE_ORDER
                .iter()
                .copied()
                .chain(wiki.required_sections.iter().map(String::as_str)),
            &wiki.section_aliases,
        );
        for (name, text, want) in cases {
            let doc = Document::parse((*text).to_string());
            let read = read(&doc, &names);
            let got: Vec<(usize, bool, &str, Form)> = read
                .iter()
                .map(|a| (a.line + 1, a.item.done, a.item.text.as_str(), a.form))
                .collect();
            assert_eq!(got, *want, "case `{name}`");
        }
    }
}
