//! YAML front matter (`---` blocks, as Hugo, Jekyll and many wikis write it), read with
//! yaml-rust2 for the few keys pm knows. pm never writes YAML; `pm adopt` converts it.

use yaml_rust2::{Yaml, YamlLoader};

use crate::text;

/// A parsed YAML block: its top-level mapping, or why it cannot be read, with the byte
/// offset (in the block's content) of the place the parser stopped.
pub(crate) type Parsed = Result<Yaml, (String, usize)>;

/// Parse the content of a `---` block. `None` when it is not front matter at all: a
/// document may start with a thematic break and have another one a few lines down, with
/// prose between that YAML reads as a plain string; and when that prose fails to parse, it is
/// only a broken front matter block if it starts like one (`key:`).
pub(crate) fn parse(content: &str) -> Option<Parsed> {
    match YamlLoader::load_from_str(content) {
        Ok(mut documents) => {
            let first = (!documents.is_empty()).then(|| documents.swap_remove(0))?;
            matches!(first, Yaml::Hash(_)).then_some(Ok(first))
        }
        Err(e) if starts_like_a_key(content) => {
            let marker = e.marker();
            Some(Err((
                e.info().to_string(),
                offset(content, marker.line(), marker.col()),
            )))
        }
        Err(_) => None,
    }
}

/// Whether the first line with content is `key:` or `key: value`.
fn starts_like_a_key(content: &str) -> bool {
    content
        .lines()
        .map(str::trim_end)
        .find(|l| !l.is_empty() && !l.starts_with('#'))
        .and_then(|l| l.split_once(':'))
        .is_some_and(|(key, _)| {
            !key.is_empty()
                && key
                    .chars()
                    .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.'))
        })
}

/// The byte offset of 1-based `line` and 0-based character `col` in `content`, clamped to it.
fn offset(content: &str, line: usize, col: usize) -> usize {
    let mut start = 0;
    for _ in 1..line {
        match text::after(content, start).find('\n') {
            Some(i) => start += i + 1,
            None => break,
        }
    }
    let rest = text::after(content, start);
    start + rest.char_indices().nth(col).map_or(rest.len(), |(i, _)| i)
}

/// A top-level value as text: a string, or a number or boolean as written.
pub(crate) fn scalar(map: &Yaml, key: &str) -> Option<String> {
    match &map[key] {
        Yaml::String(s) | Yaml::Real(s) => Some(s.clone()),
        Yaml::Integer(i) => Some(i.to_string()),
        Yaml::Boolean(b) => Some(b.to_string()),
        _ => None,
    }
}

/// A top-level list of strings (`tags: [db, cache]` or one item a line); a single string
/// counts as a list of one.
pub(crate) fn list(map: &Yaml, key: &str) -> Vec<String> {
    match &map[key] {
        Yaml::Array(items) => items
            .iter()
            .filter_map(|item| item.as_str().map(str::to_string))
            .collect(),
        Yaml::String(s) => vec![s.clone()],
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Blocks as the corpus writes them (hachyderm's Hugo pages, icco-postmortems), and
    /// blocks that are no front matter.
    #[test]
    fn reads_real_blocks() {
        let hugo = "date: 2022-12-13\ntitle: \"Global Outage: 504 Timeouts\"\n\
                    author: Kris Nóva ([@krisnova](https://hachyderm.io/@nova))\nresources:\n\
                    - src: \"**.{png,jpg}\"\n  title: \"Image #:counter\"\n";
        let map = parse(hugo).unwrap().unwrap();
        assert_eq!(
            scalar(&map, "title").as_deref(),
            Some("Global Outage: 504 Timeouts")
        );
        assert_eq!(scalar(&map, "date").as_deref(), Some("2022-12-13"));
        assert_eq!(list(&map, "author").len(), 1);
        let icco = "uuid: 00b7\ncategories:\n- cloud\nkeywords: [simpledb, us east]\n\
                    start_time: 2018-07-31T00:00:00Z\nproduct: \"\"\n";
        let map = parse(icco).unwrap().unwrap();
        assert_eq!(list(&map, "categories"), ["cloud"]);
        assert_eq!(list(&map, "keywords"), ["simpledb", "us east"]);
        assert_eq!(
            scalar(&map, "start_time").as_deref(),
            Some("2018-07-31T00:00:00Z")
        );
        assert_eq!(scalar(&map, "product").as_deref(), Some(""));
        assert_eq!(scalar(&map, "missing"), None);
        // Prose between two thematic breaks, empty blocks: no front matter.
        assert!(parse("Some intro text.\n").is_none());
        assert!(parse("").is_none());
        assert!(parse("- a\n- b\n").is_none());
    }

    #[test]
    fn a_broken_block_says_where() {
        let cases = [
            ("title: \"unclosed\nseverity: SEV2\n", 1),
            ("title: ok\n  bad: indent\n", 2),
            ("title: ok\nlist: [a, b\n", 3),
        ];
        for (content, line) in cases {
            let Some(Err((message, at))) = parse(content) else {
                panic!("{content:?} must be broken");
            };
            assert!(!message.is_empty());
            let found = text::before(content, at).matches('\n').count() + 1;
            assert!(found >= line, "{content:?}: line {found}, {message}");
        }
    }
}
