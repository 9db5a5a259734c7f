//! The one way `pm` changes a document: lock it, read it, work out the edits on the parsed
//! document, splice them into the text, and replace the file atomically. Every byte outside
//! the edits stays as the author wrote it.

use std::path::Path;
use std::time::Duration;

use crate::doc::Document;
use crate::doc::splice::{self, Edit};
use crate::error::Error;
use crate::store::fsio;

/// Change the document at `path`: `plan` sees it as it is under the lock and returns the edits
/// to make (none leaves the file untouched) and a value for the caller. Waits up to `timeout`
/// for another writer's lock.
pub(crate) fn edit<T>(
    path: &Path,
    timeout: Duration,
    plan: impl FnOnce(&Document) -> Result<(Vec<Edit>, T), Error>,
) -> Result<T, Error> {
    let mut value = None;
    fsio::update_locked(path, timeout, |current| {
        let document = Document::parse(current.to_string());
        let (edits, planned) = plan(&document)?;
        value = Some(planned);
        Ok::<_, Error>((!edits.is_empty()).then(|| splice::apply(&document.text, &edits)))
    })?;
    // `update_locked` returns `Ok` only after running the plan once, so the value is there.
    value.ok_or_else(|| Error::Io {
        path: path.to_path_buf(),
        action: "edit",
        source: std::io::Error::other("the edit was never planned"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_are_spliced_in_and_none_leaves_the_file_alone() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("doc.md");
        std::fs::write(&path, "# T\r\n\r\n## Timeline\r\n").unwrap();
        let said = edit(&path, Duration::from_secs(1), |doc| {
            Ok((
                vec![Edit::insert(doc.text.len(), "- 14:05 paged\r\n")],
                doc.line_count(),
            ))
        })
        .unwrap();
        assert_eq!(said, 4);
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "# T\r\n\r\n## Timeline\r\n- 14:05 paged\r\n"
        );
        let before = std::fs::metadata(&path).unwrap().modified().unwrap();
        edit(&path, Duration::from_secs(1), |_| Ok((Vec::new(), ()))).unwrap();
        assert_eq!(
            std::fs::metadata(&path).unwrap().modified().unwrap(),
            before
        );
    }

    #[test]
    fn a_refused_plan_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("doc.md");
        std::fs::write(&path, "text\n").unwrap();
        let refused = edit(
            &path,
            Duration::from_secs(1),
            |_| -> Result<(Vec<Edit>, ()), _> {
                Err(Error::NoCheckbox {
                    place: "x:1".into(),
                })
            },
        );
        assert!(matches!(refused, Err(Error::NoCheckbox { .. })));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "text\n");
    }
}
