//! Talking to a remote with libgit2: fetch a branch, and push one that may have to be rebased
//! first. Credentials are found as git finds them, and the server's messages reach stderr.

use std::cell::RefCell;
use std::path::{Path, PathBuf};

use git2::{
    CredentialType, ErrorCode, FetchOptions, Oid, PushOptions, RemoteCallbacks, Repository,
};

use crate::error::{Error, Refusal};
use crate::git::repo::git_error;
use crate::text;

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
        Some(status) => Err(Refusal::PushRejected {
            remote: remote.to_string(),
            status,
        }
        .into()),
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
