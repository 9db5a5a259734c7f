//! Finding the post-mortem a user names, the same way everywhere a document is named
//! (`--doc`, `PM_DOC`, `pm use`, `pm publish DOC…`, `pm status`): a path, a file name, a
//! slug, or a unique part of a slug or title. Several matches list the candidates; none
//! suggests the closest name.

use std::path::{Path, PathBuf};

use crate::doc::front_matter;
use crate::error::Error;
use crate::store::{catalog, fsio};
use crate::text;

/// The document `query` names among the post-mortems of `folder` (`skip` says which pages are
/// none, see [`catalog::not_a_postmortem`]). `root` is the wiki's root: paths may be given
/// relative to it or to the current folder.
pub(crate) fn find(
    root: &Path,
    folder: &Path,
    skip: &dyn Fn(&Path) -> bool,
    query: &str,
) -> Result<PathBuf, Error> {
    for candidate in [PathBuf::from(query), root.join(query), folder.join(query)] {
        if candidate.is_file() {
            return Ok(candidate);
        }
    }
    let docs = catalog::documents(folder, skip)?;
    let wanted = query.strip_suffix(".md").unwrap_or(query).to_lowercase();
    let names: Vec<(String, &PathBuf)> = docs.iter().map(|p| (slug_of(p), p)).collect();
    // Best first: the whole slug (or file name), then part of the file name, then part of a
    // title.
    let stem = |p: &Path| {
        p.file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("")
            .to_lowercase()
    };
    let matches = |tier: usize, slug: &str, p: &Path| match tier {
        0 => slug == wanted || stem(p) == wanted,
        1 => stem(p).contains(&wanted),
        _ => title_of(p).is_some_and(|t| t.to_lowercase().contains(&wanted)),
    };
    for tier in 0..3 {
        let mut found: Vec<PathBuf> = names
            .iter()
            .filter(|(slug, p)| matches(tier, slug, p))
            .map(|(_, p)| (*p).clone())
            .collect();
        found.sort();
        match found.len() {
            0 => {}
            1 => return Ok(found.remove(0)),
            _ => {
                return Err(Error::AmbiguousDoc {
                    doc: query.to_string(),
                    candidates: found
                        .into_iter()
                        .map(|p| p.strip_prefix(root).map(Path::to_path_buf).unwrap_or(p))
                        .collect(),
                });
            }
        }
    }
    Err(Error::DocNotFound {
        doc: query.to_string(),
        folder: folder.strip_prefix(root).unwrap_or(folder).to_path_buf(),
        closest: closest(&wanted, names.iter().map(|(slug, _)| slug.as_str())),
    })
}

/// `checkout-outage` for `2026-11-20-checkout-outage.md`: the file name without `.md` and
/// without the date `pm new` puts first.
fn slug_of(path: &Path) -> String {
    let stem = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("")
        .to_lowercase();
    let dated = stem.len() > 11
        && stem.as_bytes().get(10) == Some(&b'-')
        && stem
            .as_bytes()
            .iter()
            .take(10)
            .all(|b| b.is_ascii_digit() || *b == b'-');
    if dated {
        text::after(&stem, 11).to_string()
    } else {
        stem
    }
}

/// The document's title: `title` in its front matter, else its first `# ` heading.
fn title_of(path: &Path) -> Option<String> {
    let text = fsio::read_text(path).ok()?;
    if let Some(title) = front_matter::locate(&text).and_then(|f| f.string(&text, "title")) {
        return Some(title);
    }
    text.lines()
        .find_map(|l| l.strip_prefix("# "))
        .map(|t| t.trim().to_string())
}

/// The slug most like `wanted`, when one is like it at all.
fn closest<'a>(wanted: &str, slugs: impl Iterator<Item = &'a str>) -> Option<String> {
    slugs
        .map(|slug| (strsim::jaro_winkler(wanted, slug), slug))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, slug)| slug.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wiki() -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("postmortems");
        std::fs::create_dir_all(folder.join("2025")).unwrap();
        let write = |rel: &str, text: &str| std::fs::write(folder.join(rel), text).unwrap();
        write(
            "2026-11-20-payments-api-outage.md",
            "+++\ntitle = \"Payments API outage\"\n+++\n",
        );
        write("2026-11-21-checkout-outage.md", "# Checkout went down\n");
        write(
            "2025/2025-01-02-dns-failure.md",
            "# DNS failure in eu-west\n",
        );
        write("index.md", "# Index\n");
        (dir, folder)
    }

    fn found(query: &str) -> Result<String, Error> {
        let (dir, folder) = wiki();
        let skip = |p: &Path| p.ends_with("index.md");
        find(dir.path(), &folder, &skip, query)
            .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
    }

    #[test]
    fn a_document_by_path_file_name_slug_or_part_of_one() {
        for query in [
            "postmortems/2026-11-21-checkout-outage.md",
            "2026-11-21-checkout-outage.md",
            "2026-11-21-checkout-outage",
            "checkout-outage",
            "CHECKOUT",
            "went down",
        ] {
            assert_eq!(
                found(query).unwrap(),
                "2026-11-21-checkout-outage.md",
                "{query}"
            );
        }
        // In a subfolder, and by part of the title.
        assert_eq!(found("dns").unwrap(), "2025-01-02-dns-failure.md");
        assert_eq!(found("eu-west").unwrap(), "2025-01-02-dns-failure.md");
        assert_eq!(
            found("payments").unwrap(),
            "2026-11-20-payments-api-outage.md"
        );
    }

    #[test]
    fn several_matches_list_the_candidates_and_none_suggests_the_closest() {
        match found("outage") {
            Err(Error::AmbiguousDoc { candidates, .. }) => assert_eq!(candidates.len(), 2),
            other => panic!("{other:?}"),
        }
        match found("paymnets-api-outage") {
            Err(Error::DocNotFound { closest, .. }) => {
                assert_eq!(closest.as_deref(), Some("payments-api-outage"));
            }
            other => panic!("{other:?}"),
        }
        match found("index") {
            Err(Error::DocNotFound { closest, .. }) => assert_eq!(closest, None),
            other => panic!("the index page is no post-mortem: {other:?}"),
        }
    }
}
