//! Why `pm publish` will not go on: the state of the clone, the remote or the documents that
//! stops it, each with its own message and the hint that says what to do. Nothing has been
//! committed or pushed when one of these is returned, or what was committed is kept.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum Refusal {
    #[error("`{}` is not in a git repository", root.display())]
    NotARepository { root: PathBuf },
    #[error("the wiki is a bare repository")]
    BareRepository,
    /// A merge, rebase, cherry-pick, ... the user started and has not finished.
    #[error("{what} is in progress in the wiki's clone")]
    GitBusy { what: &'static str },
    #[error("the wiki's branch has no commits yet")]
    UnbornBranch,
    #[error("HEAD is detached, so there is no branch to publish on")]
    DetachedHead,
    #[error("`{}` is not inside the wiki's repository", path.display())]
    OutsideRepository { path: PathBuf },
    #[error("`{branch}` has no upstream and `pm.toml` sets no `remote`")]
    NoUpstream { branch: String },
    #[error("there is no remote named `{remote}`")]
    NoSuchRemote { remote: String },
    #[error("git does not know who you are (`user.name` and `user.email` are not set)")]
    NoIdentity,
    /// `--final` on a document with no TOML block to hold `status`.
    #[error("cannot set `status`: `{}` has no valid TOML front matter", path.display())]
    CannotMarkPublished { path: PathBuf },
    /// The documents to publish have `pm check` errors, one line each.
    #[error("`pm check` found {} error(s):\n  {}", errors.len(), errors.join("\n  "))]
    CheckFailed { errors: Vec<String> },
    #[error("`{remote}` kept moving on; gave up after {tries} tries")]
    RemoteKeptMoving { remote: String, tries: usize },
    /// The remote moved on, and the commits to carry over are not a short straight line.
    #[error("the remote moved on, and your branch has merges or many commits it does not have")]
    TangledHistory,
    /// Documents whose changes on both sides do not merge; the index page, which pm rebuilds,
    /// will conflict too when the user merges by hand.
    #[error("both you and the remote changed the same part of {}", quoted(paths))]
    BothChanged { paths: Vec<String>, index: String },
    #[error("the remote changed `{path}`, which has local changes here")]
    LocalChanges { path: String },
    #[error("`{remote}` rejected the push: {status}")]
    PushRejected { remote: String, status: String },
}

impl Refusal {
    /// What the user can do about it.
    pub(crate) fn hint(&self) -> String {
        let hint = match self {
            Refusal::NotARepository { .. } => {
                "`pm publish` commits to the wiki's git clone; run `git init` or clone the wiki"
            }
            Refusal::BareRepository => "run pm in a clone that has a work tree",
            Refusal::GitBusy { .. } => "finish or abort it (`git status` says how), then publish",
            Refusal::UnbornBranch => {
                "make a first commit (`git commit --allow-empty -m \"Start the wiki\"`), then publish"
            }
            Refusal::DetachedHead => {
                "check out the wiki's branch (`git switch main`), then publish"
            }
            Refusal::OutsideRepository { .. } => {
                "publish documents of this wiki only; `pm list` shows them"
            }
            Refusal::NoUpstream { .. } => {
                "run `git push -u origin HEAD` once, or set `remote` in pm.toml, or publish with \
                 `--no-push`"
            }
            Refusal::NoSuchRemote { .. } => "check `git remote -v` and `remote` in pm.toml",
            Refusal::NoIdentity => {
                "run `git config --global user.name \"Your Name\"` and \
                 `git config --global user.email you@example.com`"
            }
            Refusal::CannotMarkPublished { .. } => {
                "add a `+++` block with `status = \"published\"`, or publish without `--final`"
            }
            Refusal::CheckFailed { .. } => {
                "fix them (`pm check` shows each in its place), or publish anyway with `--force`"
            }
            Refusal::RemoteKeptMoving { .. } => {
                "your commit is on your branch; run `pm publish` again"
            }
            Refusal::TangledHistory => {
                "bring them together first (`git pull --rebase`), then run `pm publish` again; \
                 your commits are kept"
            }
            Refusal::BothChanged { paths, index } => {
                return format!(
                    "your commit is kept on your branch: run `git pull --rebase`, resolve {} \
                     (and `{index}`, by taking either side: `pm publish` rebuilds it), then \
                     `pm publish` again",
                    quoted(paths)
                );
            }
            Refusal::LocalChanges { .. } => {
                "commit or stash them, then run `pm publish` again; your commit is kept"
            }
            Refusal::PushRejected { .. } => {
                "the commit is kept on your branch; see the server's message above"
            }
        };
        hint.to_string()
    }
}

/// `` `a.md` ``, `` `a.md` and `b.md` ``, `` `a.md`, `b.md` and `c.md` ``.
fn quoted(paths: &[String]) -> String {
    let quoted: Vec<String> = paths.iter().map(|p| format!("`{p}`")).collect();
    match quoted.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => quoted.concat(),
    }
}
