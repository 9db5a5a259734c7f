//! The index page: a table of every post-mortem between `<!-- pm:index:start -->` and
//! `<!-- pm:index:end -->`. Only that block is pm's; what people wrote around it is kept.
//!
//! Publishing one document updates its row and keeps the others as they are (reading ten
//! thousand documents to publish one would make `pm publish` slower than `git commit`); the
//! first publish, or a page without the block, gets the table of every document. Both the
//! commit and the replay on the remote build the page here, from the tree they commit onto
//! ([`page_for`]); where it lives in the repository is [`Layout`].

use std::collections::{BTreeMap, HashSet};
use std::path::{Component, Path};

use git2::{Repository, Tree};

use crate::check::secrets;
use crate::context::Ctx;
use crate::doc::Document;
use crate::doc::summary::{self, Summary};
use crate::error::Error;
use crate::git::repo::{self, git_error};
use crate::text;

pub(crate) const START: &str = "<!-- pm:index:start -->";
pub(crate) const END: &str = "<!-- pm:index:end -->";
const HEADER: &str = "| Date | Severity | Status | Title | Lead | Open actions | Review by |\n\
                      |---|---|---|---|---|---|---|";

/// One row of the table, keyed by the document's path in the wiki (with `/`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Row {
    pub(crate) doc: String,
    pub(crate) date: String,
    pub(crate) line: String,
}

/// Where the wiki's files are in the repository: the wiki may be a folder of a larger one.
pub(crate) struct Layout {
    /// The index page, repository-relative with `/`.
    pub(crate) index: String,
    /// The post-mortems folder, repository-relative with `/` (`.` for the root).
    folder: String,
}

impl Layout {
    pub(crate) fn new(ctx: &Ctx, workdir: &Path) -> Layout {
        let root = ctx
            .wiki
            .root
            .canonicalize()
            .unwrap_or_else(|_| ctx.wiki.root.clone());
        let top = workdir
            .canonicalize()
            .unwrap_or_else(|_| workdir.to_path_buf());
        let prefix = root
            .strip_prefix(&top)
            .map(Path::to_path_buf)
            .unwrap_or_default();
        let folder = slash(&prefix.join(&ctx.config.folder));
        Layout {
            index: slash(&prefix.join(&ctx.config.index)),
            folder: if folder.is_empty() {
                ".".into()
            } else {
                folder
            },
        }
    }
}

/// The index page for a tree that holds `docs` (path, text): the rows of the page in `tree`
/// with these documents' rows replaced and rows of documents no longer there dropped; the
/// table of every document in the tree when the page has no block yet.
pub(crate) fn page_for(
    ctx: &Ctx,
    repo: &Repository,
    tree: &Tree,
    docs: &[(String, String)],
    layout: &Layout,
) -> Result<String, Error> {
    let index_rel = layout.index.clone();
    let names = ctx.config.section_names();
    let today = ctx.today();
    let row_of = |rel: &str, text: &str| {
        let document = Document::parse(text.to_string());
        let mut summary =
            summary::summarize(&document, &names, ctx.config.timezone, Path::new(rel));
        secrets::blot_summary(&mut summary)?;
        Ok::<_, Error>(row(&summary, &index_rel, today))
    };
    let page =
        repo::blob_at(repo, tree, &index_rel)?.map(|b| String::from_utf8_lossy(&b).into_owned());
    let existing = page.as_deref().and_then(|p| existing_rows(p, &index_rel));
    // One walk of the tree: looking each document up by path would read the folder's tree
    // (thousands of entries) once per document.
    let mut in_tree = repo::markdown_files(tree, &layout.folder)?;
    in_tree.retain(|(path, _)| *path != index_rel);
    let mut rows = if let Some(rows) = existing {
        let present: HashSet<&str> = in_tree.iter().map(|(p, _)| p.as_str()).collect();
        rows.into_iter()
            .filter(|(doc, _)| present.contains(doc.as_str()))
            .collect()
    } else {
        let mut all = BTreeMap::new();
        for (rel, id) in &in_tree {
            let blob = repo
                .find_blob(*id)
                .map_err(git_error(format!("read `{rel}`"), None))?;
            all.insert(
                rel.clone(),
                row_of(rel, &String::from_utf8_lossy(blob.content()))?,
            );
        }
        all
    };
    for (rel, text) in docs {
        rows.insert(rel.clone(), row_of(rel, text)?);
    }
    Ok(render(page.as_deref(), rows.into_values()))
}

/// The row for a document.
pub(crate) fn row(summary: &Summary, index_path: &str, today: chrono::NaiveDate) -> Row {
    let doc = slash(&summary.path);
    let date = summary.date.map_or("-".to_string(), |d| d.to_string());
    let (open, total) = summary.action_counts();
    let review = match summary.review_by {
        Some(day) if summary.review_overdue(today) => format!("{day} (overdue)"),
        Some(day) => day.to_string(),
        None => "-".into(),
    };
    let cell = |v: Option<&str>| v.map_or("-".to_string(), escape);
    let link = format!(
        "[{}]({})",
        escape(&summary.title),
        link_to(&doc, index_path)
    );
    let text = format!(
        "| {date} | {} | {} | {link} | {} | {open} of {total} | {review} |",
        cell(summary.severity.as_deref()),
        cell(summary.status.as_deref()),
        cell(summary.lead.as_deref()),
    );
    Row {
        doc,
        date,
        line: text,
    }
}

/// The rows of an existing page's block, by document; `None` when the page has no block.
pub(crate) fn existing_rows(page: &str, index_path: &str) -> Option<BTreeMap<String, Row>> {
    let (start, end) = block(page)?;
    let mut rows = BTreeMap::new();
    for line in text::slice(page, start..end).lines() {
        let Some(target) = link_target(line) else {
            continue;
        };
        let doc = resolve_link(index_path, target);
        let date = line
            .trim_start_matches('|')
            .split('|')
            .next()
            .unwrap_or("")
            .trim()
            .to_string();
        rows.insert(
            doc.clone(),
            Row {
                doc,
                date,
                line: line.trim_end_matches('\r').to_string(),
            },
        );
    }
    Some(rows)
}

/// `page` with its block holding `rows`, newest first; the block is added at the end of a
/// page that has none (a new page gets a heading too).
pub(crate) fn render(page: Option<&str>, rows: impl IntoIterator<Item = Row>) -> String {
    let mut rows: Vec<Row> = rows.into_iter().collect();
    rows.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.doc.cmp(&b.doc)));
    let newline = match page {
        Some(p) if p.contains("\r\n") => "\r\n",
        _ => "\n",
    };
    let mut table = format!("{START}{newline}");
    if rows.is_empty() {
        table.push_str("No post-mortems yet.");
        table.push_str(newline);
    } else {
        table.push_str(&HEADER.replace('\n', newline));
        table.push_str(newline);
        for row in &rows {
            table.push_str(&row.line);
            table.push_str(newline);
        }
    }
    table.push_str(END);
    match page {
        Some(page) => match page.find(START).zip(block(page)) {
            Some((open, (_, end))) => {
                format!(
                    "{}{table}{}",
                    text::before(page, open),
                    text::after(page, end + END.len())
                )
            }
            None if page.is_empty() => format!("{table}{newline}"),
            None => {
                let gap = if page.ends_with('\n') {
                    newline.to_string()
                } else {
                    format!("{newline}{newline}")
                };
                format!("{page}{gap}{table}{newline}")
            }
        },
        None => format!("# Post-mortems{newline}{newline}{table}{newline}"),
    }
}

/// The work tree's page `local` (`None` when there is none) with the table of `committed`,
/// the page just committed: the block is pm's, what people wrote around it stays theirs, even
/// uncommitted. `None` when `committed` has no block.
pub(crate) fn with_committed_table(
    local: Option<&str>,
    committed: &str,
    index_path: &str,
) -> Option<String> {
    let rows = existing_rows(committed, index_path)?;
    Some(render(local, rows.into_values()))
}

/// Bytes between the end of the start marker and the start of the end marker.
fn block(page: &str) -> Option<(usize, usize)> {
    let start = page.find(START)? + START.len();
    let end = start + text::after(page, start).find(END)?;
    Some((start, end))
}

fn link_target(line: &str) -> Option<&str> {
    let open = line.find("](")? + 2;
    let close = open + text::after(line, open).find(')')?;
    Some(text::slice(line, open..close))
}

/// The document path a link in the index points to, as a wiki path with `/`.
fn resolve_link(index_path: &str, target: &str) -> String {
    // The common case, a file beside the index page, without building paths.
    if !target.contains(['/', '%', '\\']) {
        let dir = index_path.rsplit_once('/').map_or("", |(dir, _)| dir);
        let has_md = Path::new(target)
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("md"));
        let md = if has_md { "" } else { ".md" };
        return if dir.is_empty() {
            format!("{target}{md}")
        } else {
            format!("{dir}/{target}{md}")
        };
    }
    let target = target.replace("%20", " ");
    let dir = Path::new(index_path).parent().unwrap_or(Path::new(""));
    let mut parts: Vec<String> = Vec::new();
    for component in dir.join(&target).components() {
        match component {
            Component::Normal(p) => parts.push(p.to_string_lossy().into_owned()),
            Component::ParentDir => {
                parts.pop();
            }
            _ => {}
        }
    }
    let mut doc = parts.join("/");
    if Path::new(&doc)
        .extension()
        .is_none_or(|e| !e.eq_ignore_ascii_case("md"))
    {
        doc.push_str(".md");
    }
    doc
}

/// A link from the index page to the document that works in a plain repository (relative
/// path with `.md`) and in GitHub and GitLab wikis, whose home page is `Home.md` and whose
/// links name pages without `.md`.
fn link_to(doc: &str, index_path: &str) -> String {
    let index = Path::new(index_path);
    let dir: Vec<&str> = index
        .parent()
        .map(|p| {
            p.to_str()
                .unwrap_or("")
                .split('/')
                .filter(|s| !s.is_empty())
                .collect()
        })
        .unwrap_or_default();
    let parts: Vec<&str> = doc.split('/').collect();
    let common = dir.iter().zip(&parts).take_while(|(a, b)| a == b).count();
    let mut link: Vec<&str> = vec![".."; dir.len() - common];
    link.extend(&parts[common..]);
    let mut link = link.join("/").replace(' ', "%20");
    let wiki_home = index
        .file_name()
        .is_some_and(|n| n.to_string_lossy().eq_ignore_ascii_case("home.md"));
    if wiki_home {
        link = link.trim_end_matches(".md").to_string();
    }
    link
}

fn escape(text: &str) -> String {
    text.replace('|', "\\|").replace(['\n', '\r'], " ")
}

/// A path with `/` between its parts, as git and links want it; `.` parts dropped.
pub(crate) fn slash(path: &Path) -> String {
    path.components()
        .filter_map(|c| match c {
            Component::Normal(p) => Some(p.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(doc: &str, date: &str) -> Row {
        Row {
            doc: doc.into(),
            date: date.into(),
            line: format!(
                "| {date} | [x]({}) |",
                doc.trim_start_matches("postmortems/")
            ),
        }
    }

    #[test]
    fn links_work_from_the_index_folder_and_in_wikis() {
        assert_eq!(
            link_to("postmortems/a b.md", "postmortems/README.md"),
            "a%20b.md"
        );
        assert_eq!(link_to("postmortems/a.md", "Home.md"), "postmortems/a");
        assert_eq!(link_to("a.md", "docs/index.md"), "../a.md");
        assert_eq!(
            resolve_link("postmortems/README.md", "a%20b.md"),
            "postmortems/a b.md"
        );
        assert_eq!(resolve_link("Home.md", "postmortems/a"), "postmortems/a.md");
        assert_eq!(resolve_link("docs/index.md", "../a.md"), "a.md");
    }

    #[test]
    fn only_the_block_is_replaced() {
        let page = "# Incidents\n\nIntro.\n\n<!-- pm:index:start -->\nold\n<!-- pm:index:end -->\n\nFooter.\n";
        let out = render(
            Some(page),
            [
                r("postmortems/a.md", "2026-01-02"),
                r("postmortems/b.md", "2026-03-04"),
            ],
        );
        assert_eq!(
            out,
            "# Incidents\n\nIntro.\n\n<!-- pm:index:start -->\n| Date | Severity | Status | Title | Lead | Open actions | Review by |\n|---|---|---|---|---|---|---|\n| 2026-03-04 | [x](b.md) |\n| 2026-01-02 | [x](a.md) |\n<!-- pm:index:end -->\n\nFooter.\n"
        );
        let rows = existing_rows(&out, "postmortems/README.md").unwrap();
        assert_eq!(
            rows.keys().collect::<Vec<_>>(),
            ["postmortems/a.md", "postmortems/b.md"]
        );
        assert_eq!(rows["postmortems/b.md"].date, "2026-03-04");
    }

    #[test]
    fn a_page_without_the_block_gets_it_at_the_end() {
        assert_eq!(
            render(Some("# Home\n\nWelcome."), []),
            "# Home\n\nWelcome.\n\n<!-- pm:index:start -->\nNo post-mortems yet.\n<!-- pm:index:end -->\n"
        );
        assert_eq!(
            render(None, []),
            "# Post-mortems\n\n<!-- pm:index:start -->\nNo post-mortems yet.\n<!-- pm:index:end -->\n"
        );
        assert!(existing_rows("# Home\n", "Home.md").is_none());
    }
}
