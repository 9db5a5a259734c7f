//! What `pm publish` will do, decided before anything changes: the branch to commit on and
//! where to push it, the documents as they will be committed (with `--final`, as published),
//! checked by `pm check`, and the commit message. Everything that makes a clone or a document
//! not publishable is refused here, so a refusal leaves the wiki as it was.

use std::path::{Path, PathBuf};
use std::time::Duration;

use git2::{Commit, Reference, Repository, Signature, Tree};

use crate::check::finding::Level;
use crate::check::rules::{self, Settings};
use crate::context::Ctx;
use crate::doc::{self, Document, splice::Edit, summary};
use crate::error::{Error, Refusal};
use crate::git::repo::{self, git_error};
use crate::publish::Request;
use crate::publish::index::Layout;
use crate::store::{edit, fsio};

/// Where to push: the configured remote and branch, else the branch's upstream.
pub(crate) struct Target {
    pub(crate) remote: String,
    pub(crate) branch: String,
}

/// A publish that may go ahead.
pub(crate) struct Plan<'r> {
    /// The branch to commit on, a full ref name.
    pub(crate) branch: String,
    /// Where to push; `None` with `--no-push`.
    pub(crate) target: Option<Target>,
    /// The user, as author and committer.
    pub(crate) signature: Signature<'static>,
    /// The commit to build on, and its tree.
    pub(crate) head: Commit<'r>,
    pub(crate) head_tree: Tree<'r>,
    /// The top of the work tree.
    pub(crate) workdir: PathBuf,
    pub(crate) layout: Layout,
    /// The documents' files, in the order of `docs`.
    pub(crate) files: Vec<PathBuf>,
    /// The documents as they will be committed: repository path with `/`, and text.
    pub(crate) docs: Vec<(String, String)>,
    pub(crate) message: String,
}

/// The wiki's git clone.
pub(crate) fn open(ctx: &Ctx) -> Result<Repository, Error> {
    Repository::discover(&ctx.wiki.root).map_err(|_| {
        Refusal::NotARepository {
            root: ctx.wiki.root.clone(),
        }
        .into()
    })
}

impl<'r> Plan<'r> {
    /// The plan for `request` in `repo`, or the refusal that says why there is none. Nothing
    /// is written.
    pub(crate) fn new(ctx: &Ctx, repo: &'r Repository, request: &Request) -> Result<Self, Error> {
        let workdir = repo
            .workdir()
            .map(Path::to_path_buf)
            .ok_or(Refusal::BareRepository)?;
        if let Some(what) = repo::operation_in_progress(repo) {
            return Err(Refusal::GitBusy { what }.into());
        }
        let head = checked_out_branch(repo)?;
        let branch = head.name().unwrap_or_default().to_string();
        let target = if request.no_push {
            None
        } else {
            Some(target(ctx, repo, &branch)?)
        };
        let docs = request
            .docs
            .iter()
            .map(|path| in_repository(path, &workdir))
            .collect::<Result<Vec<_>, Error>>()?;
        let signature = repo::signature(repo)?;
        let layout = Layout::new(ctx, &workdir);
        // Checked as they will be committed: with `--final`, as published documents.
        let mut contents = Vec::new();
        for (path, rel) in request.docs.iter().zip(docs) {
            let text = fsio::read_text(path)?;
            let text = if request.final_status {
                with_status_published(&text, path)?
            } else {
                text
            };
            contents.push((rel, text));
        }
        check_documents(ctx, &contents, request.force)?;
        let head = head
            .peel_to_commit()
            .map_err(git_error("read HEAD", None))?;
        let head_tree = head.tree().map_err(git_error("read HEAD's tree", None))?;
        let message = commit_message(request, &contents, ctx);
        Ok(Plan {
            branch,
            target,
            signature,
            head,
            head_tree,
            workdir,
            layout,
            files: request.docs.clone(),
            docs: contents,
            message,
        })
    }

    /// The branch's short name, as the user knows it.
    pub(crate) fn branch_name(&self) -> &str {
        self.branch.trim_start_matches("refs/heads/")
    }

    /// `--final`: set `status = "published"` in each document's file, and commit the text
    /// written. Each is written under its lock from the text as it is now: an entry logged
    /// since the plan was made stays.
    pub(crate) fn set_published(&mut self, lock_timeout: Duration) -> Result<(), Error> {
        for (path, (_, text)) in self.files.iter().zip(self.docs.iter_mut()) {
            *text = edit::edit(path, lock_timeout, |document| {
                let edit = status_published(document, path)?;
                let written = doc::splice::apply(&document.text, std::slice::from_ref(&edit));
                Ok((vec![edit], written))
            })?;
        }
        Ok(())
    }
}

/// HEAD, when it is a branch with a commit: the branch to publish on.
fn checked_out_branch(repo: &Repository) -> Result<Reference<'_>, Error> {
    let head = match repo.head() {
        Ok(head) => head,
        Err(e) if e.code() == git2::ErrorCode::UnbornBranch => {
            return Err(Refusal::UnbornBranch.into());
        }
        Err(e) => return Err(git_error("read HEAD", None)(e)),
    };
    if !head.is_branch() {
        return Err(Refusal::DetachedHead.into());
    }
    Ok(head)
}

/// A document's path in the repository, with `/`.
fn in_repository(path: &Path, workdir: &Path) -> Result<String, Error> {
    let canonical = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
    let root = workdir
        .canonicalize()
        .unwrap_or_else(|_| workdir.to_path_buf());
    canonical
        .strip_prefix(&root)
        .map(|p| p.to_string_lossy().replace('\\', "/"))
        .map_err(|_| {
            Refusal::OutsideRepository {
                path: path.to_path_buf(),
            }
            .into()
        })
}

fn target(ctx: &Ctx, repo: &Repository, branch: &str) -> Result<Target, Error> {
    let remote = ctx
        .config
        .remote
        .clone()
        .or_else(|| repo::upstream_remote(repo, branch))
        .ok_or_else(|| Refusal::NoUpstream {
            branch: branch.trim_start_matches("refs/heads/").to_string(),
        })?;
    repo.find_remote(&remote)
        .map_err(|_| Refusal::NoSuchRemote {
            remote: remote.clone(),
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
    Err(Refusal::CheckFailed { errors }.into())
}

/// `text` with `status = "published"` in its front matter.
fn with_status_published(text: &str, path: &Path) -> Result<String, Error> {
    let document = Document::parse(text.to_string());
    let edit = status_published(&document, path)?;
    Ok(doc::splice::apply(&document.text, &[edit]))
}

/// The edit that sets `status = "published"` in the document's front matter.
fn status_published(document: &Document, path: &Path) -> Result<Edit, Error> {
    let edit = document
        .front
        .as_ref()
        .and_then(|f| f.set(&document.text, "status", "\"published\"", document.newline))
        .ok_or_else(|| Refusal::CannotMarkPublished {
            path: path.to_path_buf(),
        })?;
    Ok(edit)
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
