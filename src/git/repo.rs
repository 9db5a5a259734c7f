//! The git operations of `pm publish`, with libgit2: commit exactly some paths, push, fetch,
//! and move the branch and the work tree on without touching anything else.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use git2::{
    Commit, CredentialType, ErrorCode, FetchOptions, Oid, PushOptions, RemoteCallbacks, Repository,
    Signature, Tree,
};

use crate::error::Error;
use crate::store::fsio;
use crate::text;

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

/// Initialise libgit2, once per process. git2 does it itself in the calls that open a
/// repository or build a patch, but not in `merge_file`, which fails without it; so code that
/// uses libgit2 without a repository calls this first rather than rely on an earlier call.
pub(crate) fn init_libgit2() {
    // `Buf::new` runs git2's one-time initialisation (the only safe, public way to reach it)
    // and allocates nothing.
    drop(git2::Buf::new());
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
    repo.signature().map_err(|_| Error::Refused {
        reason: "git does not know who you are (`user.name` and `user.email` are not set)".into(),
        hint: Some(
            "run `git config --global user.name \"Your Name\"` and \
             `git config --global user.email you@example.com`"
                .into(),
        ),
    })
}

/// What a push came to.
pub(crate) enum Pushed {
    Done,
    /// The remote has commits we do not: fetch, rebase, and try again.
    Behind,
}

/// Callbacks for talking to a remote: credentials as git finds them (ssh-agent, default keys,
/// credential helpers), a few tries at most, and the server's messages passed on to stderr.
fn callbacks<'a>(
    repo: &'a Repository,
    rejected: &'a RefCell<Option<String>>,
) -> RemoteCallbacks<'a> {
    let mut callbacks = RemoteCallbacks::new();
    let mut tries = 0;
    let config = repo.config().ok();
    callbacks.credentials(move |url, username, allowed| {
        tries += 1;
        if tries > 6 {
            return Err(git2::Error::from_str(
                "authentication failed: no credential git knows was accepted",
            ));
        }
        let user = username.unwrap_or("git");
        if allowed.contains(CredentialType::SSH_KEY) {
            if tries == 1 {
                return git2::Cred::ssh_key_from_agent(user);
            }
            let home = std::env::var_os("HOME")
                .map(std::path::PathBuf::from)
                .unwrap_or_default();
            let keys = ["id_ed25519", "id_ecdsa", "id_rsa"];
            if let Some(key) = keys
                .iter()
                .map(|k| home.join(".ssh").join(k))
                .filter(|k| k.is_file())
                .nth(tries - 2)
            {
                return git2::Cred::ssh_key(user, None, &key, None);
            }
        }
        if allowed.contains(CredentialType::USER_PASS_PLAINTEXT)
            && let Some(config) = &config
            && let Ok(cred) = git2::Cred::credential_helper(config, url, username)
        {
            return Ok(cred);
        }
        if allowed.contains(CredentialType::USERNAME) {
            return git2::Cred::username(user);
        }
        if allowed.contains(CredentialType::DEFAULT) {
            return git2::Cred::default();
        }
        Err(git2::Error::from_str(
            "no credentials available for this remote",
        ))
    });
    // Messages arrive in chunks that may split a line: keep the unfinished end for the next.
    let mut pending = String::new();
    callbacks.sideband_progress(move |message| {
        // Hooks speak on this channel too; the transfer's progress counters are noise.
        const PROGRESS: [&str; 6] = [
            "Counting objects",
            "Compressing objects",
            "Enumerating objects",
            "Writing objects",
            "Resolving deltas",
            "Total ",
        ];
        pending.push_str(&String::from_utf8_lossy(message));
        let Some(end) = pending.rfind(['\n', '\r']) else {
            return true;
        };
        for line in text::before(&pending, end)
            .split(['\n', '\r'])
            .map(str::trim)
            .filter(|l| !l.is_empty())
        {
            if !PROGRESS.iter().any(|p| line.starts_with(p)) {
                eprintln!("remote: {line}");
            }
        }
        pending.drain(..=end);
        true
    });
    callbacks.push_update_reference(move |_refname, status| {
        if let Some(status) = status {
            *rejected.borrow_mut() = Some(status.to_string());
        }
        Ok(())
    });
    callbacks
}

/// Push `local` (a full ref name) to `remote_branch` on `remote`.
pub(crate) fn push(
    repo: &Repository,
    remote: &str,
    local: &str,
    remote_branch: &str,
) -> Result<Pushed, Error> {
    if let Some(path) = local_path(repo, remote) {
        return push_local(repo, remote, &path, local, remote_branch);
    }
    push_refspec(repo, remote, &format!("{local}:refs/heads/{remote_branch}"))
}

/// A push to a remote on this machine. libgit2 moves a local remote's branch without the
/// compare-and-swap a git server does, so two racing pushes could both "succeed" and one
/// commit be lost. pm sends the objects under a ref of its own, then moves the branch itself,
/// only if it still points where it did.
fn push_local(
    repo: &Repository,
    remote: &str,
    path: &Path,
    local: &str,
    remote_branch: &str,
) -> Result<Pushed, Error> {
    let ours = repo
        .refname_to_id(local)
        .map_err(git_error("read the branch", None))?;
    let staging = format!("refs/pm/publish/{}-{ours}", std::process::id());
    match push_refspec(repo, remote, &format!("+{local}:{staging}")) {
        Ok(Pushed::Done) => {}
        Ok(Pushed::Behind) => return Ok(Pushed::Behind),
        // libgit2 lists the remote's refs while pushing; another clone's staging ref deleted
        // in that moment makes it fail. Nothing was sent: try again like a push that lost.
        Err(Error::Git { source, .. })
            if source.class() == git2::ErrorClass::Reference
                && source.message().contains("not found") =>
        {
            return Ok(Pushed::Behind);
        }
        Err(e) => return Err(e),
    }
    let theirs = Repository::open(path).map_err(git_error(
        format!("open the remote `{remote}` at `{}`", path.display()),
        None,
    ))?;
    let branch = format!("refs/heads/{remote_branch}");
    let moved = match theirs.refname_to_id(&branch) {
        Ok(tip) if tip == ours => Ok(()),
        Ok(tip) if theirs.graph_descendant_of(ours, tip).unwrap_or(false) => theirs
            .reference_matching(&branch, ours, true, tip, "pm publish")
            .map(|_| ()),
        Ok(_) => Err(git2::Error::from_str("non-fast-forward")),
        // A new branch: created only if nobody else created it meanwhile.
        Err(_) => theirs
            .reference(&branch, ours, false, "pm publish")
            .map(|_| ()),
    };
    if let Ok(mut staged) = theirs.find_reference(&staging) {
        let _ = staged.delete();
    }
    match moved {
        Ok(()) => {
            // What a push updates too: this clone's idea of where the remote's branch is.
            let tracking = format!("refs/remotes/{remote}/{remote_branch}");
            repo.reference(&tracking, ours, true, "pm publish: pushed")
                .map_err(git_error(format!("update `{tracking}`"), None))?;
            Ok(Pushed::Done)
        }
        // Another push moved the branch (or held its lock) meanwhile: behind.
        Err(e)
            if matches!(
                e.code(),
                ErrorCode::Modified | ErrorCode::Locked | ErrorCode::Exists
            ) || e.message().contains("non-fast-forward") =>
        {
            Ok(Pushed::Behind)
        }
        Err(e) => Err(git_error(format!("update `{branch}` on `{remote}`"), None)(
            e,
        )),
    }
}

/// The folder of a remote on this machine (a path or a `file://` URL).
fn local_path(repo: &Repository, remote: &str) -> Option<PathBuf> {
    let handle = repo.find_remote(remote).ok()?;
    let url = handle.url().ok()?;
    let path = match url.strip_prefix("file://") {
        Some(path) => path,
        None if !url.contains("://") && !url.contains(':') => url,
        None => return None,
    };
    let path = Path::new(path);
    // A relative URL is relative to the repository (its work tree for a clone).
    let base = repo.workdir().unwrap_or_else(|| repo.path());
    Some(if path.is_absolute() {
        path.to_path_buf()
    } else {
        base.join(path)
    })
}

/// Push one refspec; a rejection because the remote moved on is [`Pushed::Behind`].
fn push_refspec(repo: &Repository, remote: &str, refspec: &str) -> Result<Pushed, Error> {
    let mut remote_handle = repo
        .find_remote(remote)
        .map_err(git_error(format!("find the remote `{remote}`"), None))?;
    let rejected = RefCell::new(None);
    let mut options = PushOptions::new();
    options.remote_callbacks(callbacks(repo, &rejected));
    let result = remote_handle.push(&[refspec], Some(&mut options));
    drop(options);
    let behind = |text: &str| {
        let text = text.to_ascii_lowercase();
        // The remote moved on, or another push held the ref at that moment: both mean
        // fetch, rebase, and try again.
        [
            "non-fast-forward",
            "non-fastforward",
            "fetch first",
            "stale info",
            "failed to update ref",
            "failed to lock",
            "cannot lock ref",
            "locked file",
        ]
        .iter()
        .any(|s| text.contains(s))
    };
    match result {
        Err(e) if e.code() == ErrorCode::NotFastForward || behind(e.message()) => {
            return Ok(Pushed::Behind);
        }
        Err(e) => {
            return Err(Error::Git {
                action: format!("push to `{remote}`"),
                source: e,
                hint: Some("nothing was lost: the commit is on your branch; run `pm publish` again when the remote is reachable".into()),
            });
        }
        Ok(()) => {}
    }
    let status = rejected.borrow_mut().take();
    match status {
        None => Ok(Pushed::Done),
        Some(status) if behind(&status) => Ok(Pushed::Behind),
        Some(status) => Err(Error::Refused {
            reason: format!("`{remote}` rejected the push: {status}"),
            hint: Some("the commit is kept on your branch; see the server's message above".into()),
        }),
    }
}

/// Fetch `remote_branch` from `remote`; the commit it points at.
pub(crate) fn fetch(repo: &Repository, remote: &str, remote_branch: &str) -> Result<Oid, Error> {
    let mut remote_handle = repo
        .find_remote(remote)
        .map_err(git_error(format!("find the remote `{remote}`"), None))?;
    let rejected = RefCell::new(None);
    let mut options = FetchOptions::new();
    options.remote_callbacks(callbacks(repo, &rejected));
    let tracking = format!("refs/remotes/{remote}/{remote_branch}");
    let refspec = format!("+refs/heads/{remote_branch}:{tracking}");
    remote_handle
        .fetch(&[refspec.as_str()], Some(&mut options), None)
        .map_err(git_error(format!("fetch from `{remote}`"), None))?;
    repo.refname_to_id(&tracking)
        .map_err(git_error(format!("read `{tracking}`"), None))
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
    let workdir = repo.workdir().ok_or_else(|| Error::Refused {
        reason: "the wiki is a bare repository".into(),
        hint: None,
    })?;
    let old_tree = old.tree().map_err(git_error("read the tree", None))?;
    let new_tree = new.tree().map_err(git_error("read the tree", None))?;
    let diff = repo
        .diff_tree_to_tree(Some(&old_tree), Some(&new_tree), None)
        .map_err(git_error("compare the trees", None))?;
    let mut index = repo.index().map_err(git_error("open the index", None))?;
    // Path, then what to write and the committed blob; `None` when the file goes away.
    let mut updates: Vec<(String, Option<Update>)> = Vec::new();
    for delta in diff.deltas() {
        let Some(path) = delta.new_file().path().or_else(|| delta.old_file().path()) else {
            continue;
        };
        let rel = path.to_string_lossy().replace('\\', "/");
        let before = blob_at(repo, &old_tree, &rel)?;
        let after = blob_at(repo, &new_tree, &rel)?;
        let after_id = new_tree.get_path(path).ok().map(|e| e.id());
        let on_disk = std::fs::read(workdir.join(path)).ok();
        let staged = index.get_path(path, 0).map(|e| e.id);
        let before_id = old_tree.get_path(path).ok().map(|e| e.id());
        let refuse = || Error::Refused {
            reason: format!("the remote changed `{rel}`, which has local changes here"),
            hint: Some(
                "commit or stash them, then run `pm publish` again; your commit is kept".into(),
            ),
        };
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
