//! The libgit2 side of a repository: trees and blobs read and written, the index, the branch's
//! upstream, and moving a branch and its work tree on without touching anything else.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use git2::{Commit, ErrorCode, Oid, Repository, RepositoryState, Signature, Tree};

use crate::error::{Error, Refusal};
use crate::store::fsio;

/// A git failure, with what pm was doing.
pub(crate) fn git_error(
    action: impl Into<String>,
    hint: Option<String>,
) -> impl FnOnce(git2::Error) -> Error {
    let action = action.into();
    move |source| Error::Git {
        action,
        source,
        hint,
    }
}

/// `tree` with the files in `changes` (repository paths with `/`) set to the contents given.
/// Only the trees on the changed paths are rebuilt; the others are reused as they are.
pub(crate) fn tree_with(
    repo: &Repository,
    tree: &Tree,
    changes: &[(String, Vec<u8>)],
) -> Result<Oid, Error> {
    let changes: Vec<(&str, &[u8])> = changes
        .iter()
        .map(|(p, c)| (p.as_str(), c.as_slice()))
        .collect();
    build_tree(repo, Some(tree), &changes)
}

fn build_tree(
    repo: &Repository,
    tree: Option<&Tree>,
    changes: &[(&str, &[u8])],
) -> Result<Oid, Error> {
    let mut builder = repo
        .treebuilder(tree)
        .map_err(git_error("read a tree", None))?;
    let mut folders: BTreeMap<&str, Vec<(&str, &[u8])>> = BTreeMap::new();
    for (path, content) in changes {
        if let Some((folder, rest)) = path.split_once('/') {
            folders.entry(folder).or_default().push((rest, content));
        } else {
            let id = repo
                .blob(content)
                .map_err(git_error(format!("store `{path}`"), None))?;
            builder
                .insert(path, id, 0o100_644)
                .map_err(git_error(format!("add `{path}`"), None))?;
        }
    }
    for (folder, inner) in folders {
        let subtree = tree
            .and_then(|t| t.get_name(folder))
            .filter(|e| e.kind() == Some(git2::ObjectType::Tree))
            .and_then(|e| repo.find_tree(e.id()).ok());
        let id = build_tree(repo, subtree.as_ref(), &inner)?;
        builder
            .insert(folder, id, 0o040_000)
            .map_err(git_error(format!("add `{folder}`"), None))?;
    }
    builder.write().map_err(git_error("write a tree", None))
}

/// An index entry for a file with no stat data (git rehashes it when it next looks).
pub(crate) fn index_entry(path: &str, id: Oid, size: usize) -> git2::IndexEntry {
    git2::IndexEntry {
        ctime: git2::IndexTime::new(0, 0),
        mtime: git2::IndexTime::new(0, 0),
        dev: 0,
        ino: 0,
        mode: 0o100_644,
        uid: 0,
        gid: 0,
        file_size: u32::try_from(size).unwrap_or(u32::MAX),
        id,
        flags: u16::try_from(path.len().min(0xfff)).unwrap_or(0xfff),
        flags_extended: 0,
        path: path.as_bytes().to_vec(),
    }
}

/// The content of `path` in `tree`: `None` when no file is there. A file git cannot read is
/// an error: taken for an absent one, it would read as a deletion or a conflict.
pub(crate) fn blob_at(
    repo: &Repository,
    tree: &Tree,
    path: &str,
) -> Result<Option<Vec<u8>>, Error> {
    let entry = match tree.get_path(Path::new(path)) {
        Ok(entry) => entry,
        Err(e) if e.code() == ErrorCode::NotFound => return Ok(None),
        Err(e) => return Err(git_error(format!("find `{path}` in a tree"), None)(e)),
    };
    if entry.kind() != Some(git2::ObjectType::Blob) {
        return Ok(None);
    }
    let blob = repo
        .find_blob(entry.id())
        .map_err(git_error(format!("read `{path}`"), None))?;
    Ok(Some(blob.content().to_vec()))
}

/// The user's identity for commits, or a refusal that says how to set it.
pub(crate) fn signature(repo: &Repository) -> Result<Signature<'static>, Error> {
    repo.signature().map_err(|_| Refusal::NoIdentity.into())
}

/// The git operation the clone is in the middle of (`"a merge"`, `"a rebase"`, ...); `None`
/// when there is none.
pub(crate) fn operation_in_progress(repo: &Repository) -> Option<&'static str> {
    Some(match repo.state() {
        RepositoryState::Clean => return None,
        RepositoryState::Merge => "a merge",
        RepositoryState::Rebase
        | RepositoryState::RebaseInteractive
        | RepositoryState::RebaseMerge => "a rebase",
        RepositoryState::CherryPick | RepositoryState::CherryPickSequence => "a cherry-pick",
        RepositoryState::Revert | RepositoryState::RevertSequence => "a revert",
        _ => "another git operation",
    })
}

/// The remote that `branch` (a full ref name) tracks, if it has an upstream.
pub(crate) fn upstream_remote(repo: &Repository, branch: &str) -> Option<String> {
    repo.branch_upstream_remote(branch)
        .ok()
        .and_then(|b| b.as_str().ok().map(str::to_string))
}

/// The name of the branch that `branch` (a full ref name) tracks on its remote, without
/// `refs/heads/`.
pub(crate) fn upstream_branch(repo: &Repository, branch: &str) -> Option<String> {
    repo.branch_upstream_merge(branch).ok().and_then(|b| {
        b.as_str()
            .ok()
            .map(|s| s.trim_start_matches("refs/heads/").to_string())
    })
}

/// The `.md` files under `folder` in `tree` (`.` or empty for all of it), with their blobs;
/// hidden files and folders are skipped.
pub(crate) fn markdown_files(tree: &Tree, folder: &str) -> Result<Vec<(String, Oid)>, Error> {
    let mut out = Vec::new();
    tree.walk(git2::TreeWalkMode::PreOrder, |dir, entry| {
        let name = entry.name().unwrap_or("");
        if name.starts_with('.') {
            return git2::TreeWalkResult::Skip;
        }
        let path = format!("{dir}{name}");
        let inside = folder == "." || folder.is_empty() || path.starts_with(&format!("{folder}/"));
        let markdown = Path::new(name)
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("md"));
        if entry.kind() == Some(git2::ObjectType::Blob) && inside && markdown {
            out.push((path, entry.id()));
        }
        git2::TreeWalkResult::Ok
    })
    .map_err(git_error("list the documents in a tree", None))?;
    Ok(out)
}

/// The paths whose files differ between two trees.
pub(crate) fn changed_paths(
    repo: &Repository,
    old: &Tree,
    new: &Tree,
) -> Result<Vec<PathBuf>, Error> {
    let diff = repo
        .diff_tree_to_tree(Some(old), Some(new), None)
        .map_err(git_error("compare the trees", None))?;
    Ok(diff
        .deltas()
        .filter_map(|delta| delta.new_file().path().or_else(|| delta.old_file().path()))
        .map(Path::to_path_buf)
        .collect())
}

/// Stage the files in `changes` (repository paths with `/`, and their contents) as `tree`
/// has them, leaving the index's other entries alone.
pub(crate) fn stage_committed(
    repo: &Repository,
    tree: &Tree,
    changes: &[(String, Vec<u8>)],
) -> Result<(), Error> {
    let mut index = repo.index().map_err(git_error("open the index", None))?;
    for (path, content) in changes {
        let entry = tree
            .get_path(Path::new(path))
            .map_err(git_error(format!("find `{path}`"), None))?;
        // No stat data: git rehashes the file the next time it looks, which is right whether
        // or not the work tree copy still matches what was committed.
        index
            .add(&index_entry(path, entry.id(), content.len()))
            .map_err(git_error(format!("stage `{path}`"), None))?;
    }
    index.write().map_err(git_error("write the index", None))
}

/// Gives the work tree text that keeps a file's local changes, from the path, the local text
/// and the newly committed one; `None` when it cannot.
pub(crate) type Carry<'a> = dyn Fn(&str, &[u8], &[u8]) -> Option<Vec<u8>> + 'a;

/// What goes into the work tree, the committed blob, and its size.
type Update = (Vec<u8>, Oid, usize);

/// Move the branch from `old` to `new` and bring the work tree and index along for the files
/// that differ between them. Refuses, changing nothing, when one of those files has local
/// changes (in the work tree or staged) that would be lost; `carry(path, local, new)` may
/// instead give the work tree text that keeps them (the index page: its table is pm's, the
/// rest the user's), which is written while the index gets the committed file.
pub(crate) fn fast_forward(
    repo: &Repository,
    branch: &str,
    old: &Commit,
    new: &Commit,
    carry: &Carry<'_>,
) -> Result<(), Error> {
    let workdir = repo.workdir().ok_or(Refusal::BareRepository)?;
    let old_tree = old.tree().map_err(git_error("read the tree", None))?;
    let new_tree = new.tree().map_err(git_error("read the tree", None))?;
    let changed = changed_paths(repo, &old_tree, &new_tree)?;
    let mut index = repo.index().map_err(git_error("open the index", None))?;
    // Path, then what to write and the committed blob; `None` when the file goes away.
    let mut updates: Vec<(String, Option<Update>)> = Vec::new();
    for path in &changed {
        let rel = path.to_string_lossy().replace('\\', "/");
        let before = blob_at(repo, &old_tree, &rel)?;
        let after = blob_at(repo, &new_tree, &rel)?;
        let after_id = new_tree.get_path(path).ok().map(|e| e.id());
        let on_disk = std::fs::read(workdir.join(path)).ok();
        let staged = index.get_path(path, 0).map(|e| e.id);
        let before_id = old_tree.get_path(path).ok().map(|e| e.id());
        let refuse = || -> Error { Refusal::LocalChanges { path: rel.clone() }.into() };
        if staged != before_id {
            return Err(refuse());
        }
        let update = match (after, after_id) {
            (Some(after), Some(id)) => {
                let write = if on_disk == before {
                    after.clone()
                } else {
                    let local = on_disk.as_deref().ok_or_else(refuse)?;
                    carry(&rel, local, &after).ok_or_else(refuse)?
                };
                Some((write, id, after.len()))
            }
            _ if on_disk == before => None,
            _ => return Err(refuse()),
        };
        updates.push((rel, update));
    }
    for (rel, update) in &updates {
        let full = workdir.join(rel);
        if let Some((bytes, id, size)) = update {
            if let Some(dir) = full.parent() {
                std::fs::create_dir_all(dir).map_err(|source| Error::Io {
                    path: dir.into(),
                    action: "create",
                    source,
                })?;
            }
            fsio::write_atomic(&full, bytes)?;
            index
                .add(&index_entry(rel, *id, *size))
                .map_err(git_error(format!("update `{rel}` in the index"), None))?;
        } else {
            std::fs::remove_file(&full)
                .or_else(|e| {
                    if e.kind() == std::io::ErrorKind::NotFound {
                        Ok(())
                    } else {
                        Err(e)
                    }
                })
                .map_err(|source| Error::Io {
                    path: full.clone(),
                    action: "remove",
                    source,
                })?;
            index
                .remove_path(Path::new(rel))
                .map_err(git_error(format!("remove `{rel}` from the index"), None))?;
        }
    }
    index.write().map_err(git_error("write the index", None))?;
    repo.reference_matching(
        branch,
        new.id(),
        true,
        old.id(),
        "pm publish: rebase on the remote",
    )
    .map_err(git_error(
        format!("move `{branch}`"),
        Some("someone else moved the branch meanwhile; run `pm publish` again".into()),
    ))?;
    Ok(())
}

#[cfg(test)]
#[allow(clippy::string_slice)] // tests slice at the offsets they check
mod tests {
    use super::*;

    #[test]
    fn a_file_git_cannot_read_is_an_error_not_an_absent_file() {
        let dir = tempfile::tempdir().unwrap();
        let repo = Repository::init(dir.path()).unwrap();
        let changes = [("postmortems/a.md".to_string(), b"# A\n".to_vec())];
        let empty = repo
            .find_tree(repo.treebuilder(None).unwrap().write().unwrap())
            .unwrap();
        let tree = repo
            .find_tree(tree_with(&repo, &empty, &changes).unwrap())
            .unwrap();
        assert_eq!(
            blob_at(&repo, &tree, "postmortems/a.md").unwrap(),
            Some(b"# A\n".to_vec())
        );
        assert_eq!(blob_at(&repo, &tree, "postmortems/b.md").unwrap(), None);
        assert_eq!(blob_at(&repo, &tree, "postmortems").unwrap(), None);

        // The blob's object goes missing, as in a damaged or partial clone.
        let id = tree.get_path(Path::new("postmortems/a.md")).unwrap().id();
        let hex = id.to_string();
        std::fs::remove_file(
            dir.path()
                .join(".git/objects")
                .join(&hex[..2])
                .join(&hex[2..]),
        )
        .unwrap();
        let err = blob_at(&repo, &tree, "postmortems/a.md").unwrap_err();
        assert!(
            matches!(&err, Error::Git { action, .. } if action == "read `postmortems/a.md`"),
            "{err:?}"
        );
    }
}
