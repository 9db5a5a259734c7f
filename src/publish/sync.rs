//! Bringing the published commit to the remote: push, and when the remote moved on, fetch,
//! replay our commits on its tip (documents both sides changed merged by [`merge::merge`], the
//! index page rebuilt from the remote's), move the branch and work tree on, and push again.

use std::time::Duration;

use git2::{Repository, Tree};

use crate::context::Ctx;
use crate::error::{Error, Refusal};
use crate::git::remote::{self, Pushed};
use crate::git::repo::{self, git_error};
use crate::publish::index::{self, Layout};
use crate::publish::merge;
use crate::publish::plan::Target;

/// How many times the remote may move on under us before `pm publish` gives up: enough for
/// two clones publishing in a tight loop (the tests do), few enough to stop a runaway.
const PUSH_TRIES: usize = 10;

/// Push `branch` (a full ref name) to `target`, rebasing on the remote as often as it moved on
/// meanwhile, up to [`PUSH_TRIES`] times.
pub(crate) fn push(
    ctx: &Ctx,
    repo: &Repository,
    branch: &str,
    target: &Target,
    layout: &Layout,
) -> Result<(), Error> {
    for attempt in 1..=PUSH_TRIES {
        match remote::push(repo, &target.remote, branch, &target.branch)? {
            Pushed::Done => return Ok(()),
            Pushed::Behind if attempt < PUSH_TRIES => {
                eprintln!("`{}` has new commits; rebasing on them", target.remote);
                // Two clones retrying in lockstep would collide again: wait a little, longer
                // each time, by an amount that differs between processes.
                let jitter = u64::from(std::process::id() % 40);
                let attempt = u64::try_from(attempt).unwrap_or(1);
                std::thread::sleep(Duration::from_millis(attempt * 25 + jitter));
                let remote_tip = remote::fetch(repo, &target.remote, &target.branch)?;
                rebase(ctx, repo, branch, remote_tip, layout)?;
            }
            Pushed::Behind => {}
        }
    }
    Err(Refusal::RemoteKeptMoving {
        remote: target.remote.clone(),
        tries: PUSH_TRIES,
    }
    .into())
}

/// Put our one new commit on top of `remote_tip`: documents both sides changed are merged,
/// the index page is rebuilt from the remote's, and the branch, index and work tree move on.
fn rebase(
    ctx: &Ctx,
    repo: &Repository,
    branch: &str,
    remote_tip: git2::Oid,
    layout: &Layout,
) -> Result<(), Error> {
    let ours = repo
        .find_reference(branch)
        .and_then(|r| r.peel_to_commit())
        .map_err(git_error("read the branch", None))?;
    let theirs = repo
        .find_commit(remote_tip)
        .map_err(git_error("read the remote's commit", None))?;
    let base_id = repo
        .merge_base(ours.id(), theirs.id())
        .map_err(git_error("find the common base", None))?;
    if base_id == theirs.id() {
        return Ok(());
    }
    // Our commits since the common base, oldest first: pm's own publishes that have not
    // reached the remote yet (a clone whose earlier push gave up), or the user's.
    let mut local = Vec::new();
    let mut walk = ours.clone();
    while walk.id() != base_id {
        if walk.parent_count() != 1 || local.len() >= 100 {
            return Err(Refusal::TangledHistory.into());
        }
        let parent = walk
            .parent(0)
            .map_err(git_error("read a commit's parent", None))?;
        local.push(walk);
        walk = parent;
    }
    let mut onto = theirs;
    for commit in local.iter().rev() {
        onto = replay(ctx, repo, commit, &onto, layout)?;
    }
    let new = onto;
    let index_rel = layout.index.clone();
    let carry = |rel: &str, local: &[u8], committed: &[u8]| {
        if rel != index_rel {
            return None;
        }
        let local = std::str::from_utf8(local).ok()?;
        let committed = std::str::from_utf8(committed).ok()?;
        index::with_committed_table(Some(local), committed, &index_rel).map(String::into_bytes)
    };
    repo::fast_forward(repo, branch, &ours, &new, &carry)
}

/// `commit` made again on top of `onto`: each file it changed merged with `onto`'s (see
/// [`merge::merge`]), the index page rebuilt from `onto`'s.
fn replay<'r>(
    ctx: &Ctx,
    repo: &'r Repository,
    commit: &git2::Commit,
    onto: &git2::Commit<'r>,
    layout: &Layout,
) -> Result<git2::Commit<'r>, Error> {
    let parent = commit
        .parent(0)
        .map_err(git_error("read a commit's parent", None))?;
    let read = || git_error("read a tree", None);
    let base_tree = parent.tree().map_err(read())?;
    let our_tree = commit.tree().map_err(read())?;
    let their_tree = onto.tree().map_err(read())?;
    let changed = repo::changed_paths(repo, &base_tree, &our_tree)?;
    let index_rel = layout.index.clone();
    let names = ctx.config.section_names();
    let wiki = merge::Wiki {
        names: &names,
        zone: ctx.config.timezone,
        today: ctx.today(),
        severities: &ctx.config.severities,
    };
    // Every document that does not merge, so the message names them all at once.
    let mut conflicts = Vec::new();
    let mut merged: Vec<(String, Vec<u8>)> = Vec::new();
    let mut docs = Vec::new();
    for path in &changed {
        let rel = path.to_string_lossy().replace('\\', "/");
        if rel == index_rel {
            continue;
        }
        let blob = |tree: &Tree| repo::blob_at(repo, tree, &rel);
        let (b, o, t) = (blob(&base_tree)?, blob(&our_tree)?, blob(&their_tree)?);
        let Some(o) = o else {
            // pm never deletes; a commit of the user's that did is theirs to rebase.
            conflicts.push(rel);
            continue;
        };
        let result = if t == b {
            if let Ok(text) = std::str::from_utf8(&o) {
                docs.push((rel.clone(), text.to_string()));
            }
            o
        } else {
            let text = |bytes: Option<Vec<u8>>| String::from_utf8(bytes.unwrap_or_default()).ok();
            let (b, o, t) = (text(b), text(Some(o)), text(t));
            let (Some(b), Some(o), Some(t)) = (b, o, t) else {
                conflicts.push(rel);
                continue;
            };
            let result = merge::merge(&b, &o, &t, wiki).map_err(git_error(
                format!("merge your and the remote's changes to `{rel}`"),
                Some(
                    "your commit is kept on your branch; run `pm publish` again, or \
                         `git pull --rebase` to merge by hand"
                        .into(),
                ),
            ))?;
            let Some(result) = result else {
                conflicts.push(rel);
                continue;
            };
            docs.push((rel.clone(), result.clone()));
            result.into_bytes()
        };
        merged.push((rel, result));
    }
    if !conflicts.is_empty() {
        return Err(Refusal::BothChanged {
            paths: conflicts,
            index: index_rel,
        }
        .into());
    }
    let index_page = index::page_for(ctx, repo, &their_tree, &docs, layout)?;
    merged.push((index_rel, index_page.into_bytes()));
    let tree_id = repo::tree_with(repo, &their_tree, &merged)?;
    let new_tree = repo
        .find_tree(tree_id)
        .map_err(git_error("read the new tree", None))?;
    let committer = repo::signature(repo)?;
    let message = commit.message().unwrap_or("Publish post-mortems");
    let id = repo
        .commit(
            None,
            &commit.author(),
            &committer,
            message,
            &new_tree,
            &[onto],
        )
        .map_err(git_error("commit the rebased change", None))?;
    repo.find_commit(id)
        .map_err(git_error("read the new commit", None))
}
