//! `pm publish`: check the documents, commit exactly them and the index page as the user, and
//! push; when the remote moved on, rebase the one new commit on it (merging documents both
//! sides logged into) and push again.

pub(crate) mod index;
pub(crate) mod merge;

use std::path::{Path, PathBuf};
use std::time::Duration;

use git2::{Repository, Tree};

use crate::check::finding::Level;
use crate::check::rules::{self, Settings};
use crate::check::secrets;
use crate::context::Ctx;
use crate::doc::{self, Document, splice::Edit, summary};
use crate::error::Error;
use crate::git::remote::{self, Pushed};
use crate::git::repo::{self, git_error};
use crate::store::fsio;

/// How many times the remote may move on under us before `pm publish` gives up: enough for
/// two clones publishing in a tight loop (the tests do), few enough to stop a runaway.
const PUSH_TRIES: usize = 10;

#[allow(clippy::struct_excessive_bools)] // one per flag of the command
pub(crate) struct Request {
    pub(crate) docs: Vec<PathBuf>,
    pub(crate) no_push: bool,
    pub(crate) dry_run: bool,
    pub(crate) force: bool,
    pub(crate) final_status: bool,
    pub(crate) message: Option<String>,
}

/// Where to push: the configured remote and branch, else the branch's upstream.
struct Target {
    remote: String,
    branch: String,
}

pub(crate) fn publish(ctx: &Ctx, request: &Request) -> Result<(), Error> {
    let repo = Repository::discover(&ctx.wiki.root).map_err(|_| Error::Refused {
        reason: format!("`{}` is not in a git repository", ctx.wiki.root.display()),
        hint: Some(
            "`pm publish` commits to the wiki's git clone; run `git init` or clone the wiki".into(),
        ),
    })?;
    let workdir = repo
        .workdir()
        .map(Path::to_path_buf)
        .ok_or_else(|| Error::Refused {
            reason: "the wiki is a bare repository".into(),
            hint: None,
        })?;
    refuse_unless_clean(&repo)?;
    let head = match repo.head() {
        Ok(head) => head,
        Err(e) if e.code() == git2::ErrorCode::UnbornBranch => {
            return Err(Error::Refused {
                reason: "the wiki's branch has no commits yet".into(),
                hint: Some("make a first commit (`git commit --allow-empty -m \"Start the wiki\"`), then publish".into()),
            });
        }
        Err(e) => return Err(git_error("read HEAD", None)(e)),
    };
    if !head.is_branch() {
        return Err(Error::Refused {
            reason: "HEAD is detached, so there is no branch to publish on".into(),
            hint: Some("check out the wiki's branch (`git switch main`), then publish".into()),
        });
    }
    let branch = head.name().unwrap_or_default().to_string();
    let target = if request.no_push {
        None
    } else {
        Some(target(ctx, &repo, &branch)?)
    };

    // The documents, as wiki-relative paths with `/`.
    let rel = |path: &Path| -> Result<String, Error> {
        let canonical = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
        let root = workdir.canonicalize().unwrap_or_else(|_| workdir.clone());
        canonical
            .strip_prefix(&root)
            .map(|p| p.to_string_lossy().replace('\\', "/"))
            .map_err(|_| Error::Refused {
                reason: format!("`{}` is not inside the wiki's repository", path.display()),
                hint: None,
            })
    };
    let docs: Vec<(PathBuf, String)> = request
        .docs
        .iter()
        .map(|p| Ok((p.clone(), rel(p)?)))
        .collect::<Result<_, Error>>()?;

    let signature = repo::signature(&repo)?;
    let layout = Layout::new(ctx, &workdir);
    // Checked as they will be committed: with `--final`, as published documents.
    let mut contents = Vec::new();
    for (path, rel) in &docs {
        let text = fsio::read_text(path)?;
        let text = if request.final_status {
            with_status_published(&text, path)?
        } else {
            text
        };
        contents.push((rel.clone(), text));
    }
    check_documents(ctx, &contents, request.force)?;

    let head_commit = head
        .peel_to_commit()
        .map_err(git_error("read HEAD", None))?;
    let head_tree = head_commit
        .tree()
        .map_err(git_error("read HEAD's tree", None))?;
    let message = commit_message(request, &contents, ctx);
    if request.dry_run {
        eprintln!(
            "would commit on `{}` as {signature}:",
            branch.trim_start_matches("refs/heads/")
        );
        for (path, _) in &contents {
            eprintln!("  {path}");
        }
        eprintln!("  {}", layout.index);
        eprintln!("with the message:\n  {}", message.replace('\n', "\n  "));
        if request.final_status {
            eprintln!("after setting `status = \"published\"` in each document");
        }
        if let Some(t) = &target {
            eprintln!("and push it to `{}` branch `{}`", t.remote, t.branch);
        }
        return Ok(());
    }
    if request.final_status {
        // Written under the lock, from the text as it is now: an entry logged meanwhile stays.
        for ((path, _), (_, text)) in docs.iter().zip(contents.iter_mut()) {
            *text = set_published(path, ctx.lock_timeout)?;
        }
    }
    let index_rel = layout.index.clone();
    let index_page = build_index(ctx, &repo, &head_tree, &contents, &layout)?;
    let mut changes: Vec<(String, Vec<u8>)> = contents
        .iter()
        .map(|(p, t)| (p.clone(), t.clone().into_bytes()))
        .collect();
    changes.push((index_rel.clone(), index_page.clone().into_bytes()));

    let tree_id = repo::tree_with(&repo, &head_tree, &changes)?;
    if tree_id == head_tree.id() {
        eprintln!("nothing new to commit");
    } else {
        let tree = repo
            .find_tree(tree_id)
            .map_err(git_error("read the new tree", None))?;
        repo.commit(
            Some(&branch),
            &signature,
            &signature,
            &message,
            &tree,
            &[&head_commit],
        )
        .map_err(git_error(
            "commit",
            Some("someone moved the branch meanwhile; run `pm publish` again".into()),
        ))?;
        // The index page in the work tree gets the same table; edits of its other parts that
        // are not committed stay there, unstaged.
        let index_path = workdir.join(&index_rel);
        let on_disk = std::fs::read_to_string(&index_path).ok();
        let table = index::existing_rows(&index_page, &index_rel).unwrap_or_default();
        fsio::write_atomic(
            &index_path,
            index::render(on_disk.as_deref(), table.into_values()),
        )?;
        repo::stage_committed(&repo, &tree, &changes)?;
        let paths: Vec<&str> = changes.iter().map(|(p, _)| p.as_str()).collect();
        let short = branch.trim_start_matches("refs/heads/");
        eprintln!("committed {} on `{short}`", paths.join(", "));
    }

    let Some(target) = target else { return Ok(()) };
    for attempt in 1..=PUSH_TRIES {
        match remote::push(&repo, &target.remote, &branch, &target.branch)? {
            Pushed::Done => {
                eprintln!("pushed to `{}` branch `{}`", target.remote, target.branch);
                return Ok(());
            }
            Pushed::Behind if attempt < PUSH_TRIES => {
                eprintln!("`{}` has new commits; rebasing on them", target.remote);
                // Two clones retrying in lockstep would collide again: wait a little, longer
                // each time, by an amount that differs between processes.
                let jitter = u64::from(std::process::id() % 40);
                let attempt = u64::try_from(attempt).unwrap_or(1);
                std::thread::sleep(Duration::from_millis(attempt * 25 + jitter));
                let remote_tip = remote::fetch(&repo, &target.remote, &target.branch)?;
                rebase(ctx, &repo, &branch, remote_tip, &layout)?;
            }
            Pushed::Behind => {}
        }
    }
    Err(Error::Refused {
        reason: format!(
            "`{}` kept moving on; gave up after {PUSH_TRIES} tries",
            target.remote
        ),
        hint: Some("your commit is on your branch; run `pm publish` again".into()),
    })
}

fn refuse_unless_clean(repo: &Repository) -> Result<(), Error> {
    let Some(what) = repo::operation_in_progress(repo) else {
        return Ok(());
    };
    Err(Error::Refused {
        reason: format!("{what} is in progress in the wiki's clone"),
        hint: Some("finish or abort it (`git status` says how), then publish".into()),
    })
}

fn target(ctx: &Ctx, repo: &Repository, branch: &str) -> Result<Target, Error> {
    let remote = ctx.config.remote.clone().or_else(|| repo::upstream_remote(repo, branch)).ok_or_else(|| Error::Refused {
        reason: format!("`{}` has no upstream and `pm.toml` sets no `remote`", branch.trim_start_matches("refs/heads/")),
        hint: Some("run `git push -u origin HEAD` once, or set `remote` in pm.toml, or publish with `--no-push`".into()),
    })?;
    repo.find_remote(&remote).map_err(|_| Error::Refused {
        reason: format!("there is no remote named `{remote}`"),
        hint: Some("check `git remote -v` and `remote` in pm.toml".into()),
    })?;
    let branch = ctx
        .config
        .branch
        .clone()
        .or_else(|| repo::upstream_branch(repo, branch))
        .unwrap_or_else(|| branch.trim_start_matches("refs/heads/").to_string());
    Ok(Target { remote, branch })
}

/// Run `pm check` on the documents: error-level findings stop the publish unless forced.
fn check_documents(ctx: &Ctx, docs: &[(String, String)], force: bool) -> Result<(), Error> {
    let names = ctx.config.section_names();
    let settings = Settings {
        config: &ctx.config,
        names: &names,
        today: ctx.today(),
    };
    let mut errors = Vec::new();
    for (rel, text) in docs {
        let (_, findings) = rules::check_text(text.clone(), Path::new(rel), &settings)?;
        for finding in findings {
            if finding.level == Level::Error {
                errors.push(format!(
                    "{}:{}: {} [{}]",
                    rel, finding.line, finding.message, finding.rule
                ));
            }
        }
    }
    if errors.is_empty() {
        return Ok(());
    }
    if force {
        eprintln!(
            "warning: publishing past {} error(s) of `pm check` (--force):",
            errors.len()
        );
        for e in &errors {
            eprintln!("  {e}");
        }
        return Ok(());
    }
    Err(Error::Refused {
        reason: format!(
            "`pm check` found {} error(s):\n  {}",
            errors.len(),
            errors.join("\n  ")
        ),
        hint: Some(
            "fix them (`pm check` shows each in its place), or publish anyway with `--force`"
                .into(),
        ),
    })
}

/// `text` with `status = "published"` in its front matter.
fn with_status_published(text: &str, path: &Path) -> Result<String, Error> {
    let document = Document::parse(text.to_string());
    let edit: Edit = document
        .front
        .as_ref()
        .and_then(|f| f.set(&document.text, "status", "\"published\"", document.newline))
        .ok_or_else(|| Error::Refused {
            reason: format!(
                "cannot set `status`: `{}` has no valid TOML front matter",
                path.display()
            ),
            hint: Some(
                "add a `+++` block with `status = \"published\"`, or publish without `--final`"
                    .into(),
            ),
        })?;
    Ok(doc::splice::apply(&document.text, &[edit]))
}

/// Set `status = "published"` in the file, under its lock; the text written.
fn set_published(path: &Path, lock_timeout: Duration) -> Result<String, Error> {
    let mut written = String::new();
    fsio::update_locked(path, lock_timeout, |text| {
        written = with_status_published(text, path)?;
        Ok::<_, Error>(Some(written.clone()))
    })?;
    Ok(written)
}

/// Where the wiki's files are in the repository: the wiki may be a folder of a larger one.
pub(crate) struct Layout {
    /// The index page, repository-relative with `/`.
    pub(crate) index: String,
    /// The post-mortems folder, repository-relative with `/` (`.` for the root).
    folder: String,
}

impl Layout {
    fn new(ctx: &Ctx, workdir: &Path) -> Layout {
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
        let folder = index::slash(&prefix.join(&ctx.config.folder));
        Layout {
            index: index::slash(&prefix.join(&ctx.config.index)),
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
fn build_index(
    ctx: &Ctx,
    repo: &Repository,
    tree: &Tree,
    docs: &[(String, String)],
    layout: &Layout,
) -> Result<String, Error> {
    let index_rel = layout.index.clone();
    let names = ctx.config.section_names();
    let today = ctx.today();
    let row = |rel: &str, text: &str| {
        let document = Document::parse(text.to_string());
        let mut summary =
            summary::summarize(&document, &names, ctx.config.timezone, Path::new(rel));
        secrets::blot_summary(&mut summary)?;
        Ok::<_, Error>(index::row(&summary, &index_rel, today))
    };
    let page =
        repo::blob_at(repo, tree, &index_rel)?.map(|b| String::from_utf8_lossy(&b).into_owned());
    let existing = page
        .as_deref()
        .and_then(|p| index::existing_rows(p, &index_rel));
    // One walk of the tree: looking each document up by path would read the folder's tree
    // (thousands of entries) once per document.
    let mut in_tree = repo::markdown_files(tree, &layout.folder)?;
    in_tree.retain(|(path, _)| *path != index_rel);
    let mut rows = if let Some(rows) = existing {
        let present: std::collections::HashSet<&str> =
            in_tree.iter().map(|(p, _)| p.as_str()).collect();
        rows.into_iter()
            .filter(|(doc, _)| present.contains(doc.as_str()))
            .collect()
    } else {
        let mut all = std::collections::BTreeMap::new();
        for (rel, id) in &in_tree {
            let blob = repo
                .find_blob(*id)
                .map_err(git_error(format!("read `{rel}`"), None))?;
            all.insert(
                rel.clone(),
                row(rel, &String::from_utf8_lossy(blob.content()))?,
            );
        }
        all
    };
    for (rel, text) in docs {
        rows.insert(rel.clone(), row(rel, text)?);
    }
    Ok(index::render(page.as_deref(), rows.into_values()))
}

fn commit_message(request: &Request, contents: &[(String, String)], ctx: &Ctx) -> String {
    let names = ctx.config.section_names();
    let titles: Vec<String> = contents
        .iter()
        .map(|(rel, text)| {
            let document = Document::parse(text.clone());
            summary::summarize(&document, &names, ctx.config.timezone, Path::new(rel)).title
        })
        .collect();
    let mut message = match (&request.message, titles.as_slice()) {
        (Some(m), _) => m.clone(),
        (None, [one]) => format!("Publish post-mortem: {one}"),
        (None, many) => format!(
            "Publish {} post-mortems\n\n- {}",
            many.len(),
            many.join("\n- ")
        ),
    };
    if request.force {
        message.push_str("\n\nPublished with --force past errors of `pm check`.");
    }
    message
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
            return Err(Error::Refused {
                reason: "the remote moved on, and your branch has merges or many commits it does not have".into(),
                hint: Some("bring them together first (`git pull --rebase`), then run `pm publish` again; your commits are kept".into()),
            });
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
        let page = std::str::from_utf8(committed).ok()?;
        let rows = index::existing_rows(page, &index_rel)?;
        Some(index::render(Some(local), rows.into_values()).into_bytes())
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
    let conflict = |rel: &str| Error::Refused {
        reason: format!("both you and the remote changed the same part of `{rel}`"),
        hint: Some(format!(
            "your commit is kept on your branch: run `git pull --rebase`, resolve `{rel}`, \
             then `pm publish` again"
        )),
    };
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
            return Err(conflict(&rel));
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
                return Err(conflict(&rel));
            };
            let result = merge::merge(&b, &o, &t, &names, ctx.config.timezone, ctx.today())
                .map_err(git_error(
                    format!("merge your and the remote's changes to `{rel}`"),
                    Some(
                        "your commit is kept on your branch; run `pm publish` again, or \
                         `git pull --rebase` to merge by hand"
                            .into(),
                    ),
                ))?
                .ok_or_else(|| conflict(&rel))?;
            docs.push((rel.clone(), result.clone()));
            result.into_bytes()
        };
        merged.push((rel, result));
    }
    let index_page = build_index(ctx, repo, &their_tree, &docs, layout)?;
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
