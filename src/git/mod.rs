//! The two git facts every command may need, without libgit2: the git directory and
//! `user.name`. The libgit2 side lives in the submodules: [`repo`] (trees, blobs, the index,
//! the branch), [`remote`] (fetch and push) and [`merge`] (line merge and diff of texts).
//!
//! Opening a repository with libgit2 initialises OpenSSL and loads the system certificates,
//! about 20 ms on every run. `pm new` and `pm timeline add` must feel instant, so they find
//! `.git` and read `user.name` themselves; only `pm publish` pays for libgit2.

pub(crate) mod merge;
pub(crate) mod remote;
pub(crate) mod repo;

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::text;

/// The git directory of the work tree at or above `start`: `.git` itself, or the folder a
/// `.git` file points to (worktrees and submodules).
pub(crate) fn git_dir(start: &Path) -> Option<PathBuf> {
    for dir in start.ancestors() {
        let dot_git = dir.join(".git");
        if dot_git.is_dir() {
            return Some(dot_git);
        }
        if dot_git.is_file() {
            let text = std::fs::read_to_string(&dot_git).ok()?;
            let target = text.strip_prefix("gitdir:")?.trim();
            return Some(dir.join(target));
        }
    }
    None
}

/// git's `user.name` for a repository at `work_tree` (or the global one outside a repository).
///
/// Reads the system, global and repository config files in git's order, the last value
/// winning. Files with `include`/`includeIf` sections (whose conditions depend on paths and
/// branches) are left to git itself.
pub(crate) fn user_name(work_tree: &Path) -> Option<String> {
    let mut files = Vec::new();
    if std::env::var_os("GIT_CONFIG_NOSYSTEM").is_none() {
        files.push(PathBuf::from("/etc/gitconfig"));
    }
    if let Some(global) = std::env::var_os("GIT_CONFIG_GLOBAL") {
        files.push(PathBuf::from(global));
    } else {
        let home = std::env::var_os("HOME").map(PathBuf::from);
        let xdg = std::env::var_os("XDG_CONFIG_HOME")
            .map(PathBuf::from)
            .or_else(|| home.as_ref().map(|h| h.join(".config")));
        files.extend(xdg.map(|x| x.join("git").join("config")));
        files.extend(home.map(|h| h.join(".gitconfig")));
    }
    files.extend(git_dir(work_tree).map(|d| d.join("config")));

    let mut name = None;
    for file in files {
        let Ok(text) = std::fs::read_to_string(&file) else {
            continue;
        };
        match config_value(&text, "user", "name") {
            Lookup::Found(value) => name = Some(value),
            Lookup::Absent => {}
            Lookup::AskGit => return ask_git(work_tree),
        }
    }
    name.filter(|n| !n.trim().is_empty())
}

#[derive(Debug, PartialEq)]
enum Lookup {
    Found(String),
    Absent,
    AskGit,
}

/// The last value of `section.key` in one config file.
fn config_value(text: &str, section: &str, key: &str) -> Lookup {
    let mut in_section = false;
    let mut found = Lookup::Absent;
    for raw in text.lines() {
        let mut line = raw.trim();
        if let Some(rest) = line.strip_prefix('[') {
            let Some(end) = rest.find(']') else {
                return Lookup::AskGit;
            };
            let header = text::before(rest, end).trim();
            let name = header.split_whitespace().next().unwrap_or("");
            if name.eq_ignore_ascii_case("include") || name.eq_ignore_ascii_case("includeIf") {
                return Lookup::AskGit;
            }
            // `[user "x"]` is a subsection, not `[user]`.
            in_section = header.eq_ignore_ascii_case(section);
            line = text::after(rest, end + 1).trim();
        }
        if !in_section || line.is_empty() || line.starts_with(['#', ';']) {
            continue;
        }
        let (k, value) = line.split_once('=').unwrap_or((line, ""));
        if k.trim().eq_ignore_ascii_case(key) {
            match unquote(value) {
                Some(value) => found = Lookup::Found(value),
                None => return Lookup::AskGit,
            }
        }
    }
    found
}

/// A config value without its comment and quotes, escapes resolved; `None` for what only git
/// reads right (a value continued on the next line).
fn unquote(value: &str) -> Option<String> {
    let mut out = String::new();
    let mut quoted = false;
    let mut chars = value.trim().chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => quoted = !quoted,
            '#' | ';' if !quoted => break,
            '\\' => match chars.next()? {
                'n' => out.push('\n'),
                't' => out.push('\t'),
                'b' => {
                    out.pop();
                }
                other => out.push(other),
            },
            c => out.push(c),
        }
    }
    Some(out.trim().to_string())
}

fn ask_git(work_tree: &Path) -> Option<String> {
    let out = Command::new("git")
        .args(["config", "--get", "user.name"])
        .current_dir(work_tree)
        .output()
        .ok()?;
    let name = String::from_utf8(out.stdout).ok()?;
    let name = name.trim();
    (out.status.success() && !name.is_empty()).then(|| name.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(text: &str) -> Lookup {
        config_value(text, "user", "name")
    }

    #[test]
    fn reads_the_last_name_in_the_user_section() {
        assert_eq!(
            value(
                "[core]\n\tname = no\n[user]\n\tname = Alice\n\temail = a@x\n[User]\nName = Bob\n"
            ),
            Lookup::Found("Bob".into())
        );
    }

    #[test]
    fn handles_quotes_comments_and_escapes() {
        assert_eq!(
            value("[user]\n  name = \"Ann \\\"Nan\\\" Lee\" # nickname\n"),
            Lookup::Found("Ann \"Nan\" Lee".into())
        );
        assert_eq!(
            value("[user]\nname = Zoë ; comment\n"),
            Lookup::Found("Zoë".into())
        );
    }

    #[test]
    fn ignores_subsections_and_other_keys() {
        assert_eq!(value("[user \"work\"]\nname = W\n"), Lookup::Absent);
        assert_eq!(value("[user]\nnames = W\n"), Lookup::Absent);
        assert_eq!(value("# name = x\n"), Lookup::Absent);
    }

    #[test]
    fn leaves_includes_and_continuations_to_git() {
        assert_eq!(
            value("[includeIf \"gitdir:~/work/\"]\npath = w\n"),
            Lookup::AskGit
        );
        assert_eq!(value("[include]\npath = w\n"), Lookup::AskGit);
        assert_eq!(value("[user]\nname = A \\\n"), Lookup::AskGit);
    }

    #[test]
    fn finds_the_git_dir_of_a_worktree_file() {
        let dir = tempfile::tempdir().unwrap();
        let sub = dir.path().join("wt/a/b");
        std::fs::create_dir_all(&sub).unwrap();
        std::fs::write(
            dir.path().join("wt/.git"),
            "gitdir: /repo/.git/worktrees/wt\n",
        )
        .unwrap();
        assert_eq!(
            git_dir(&sub),
            Some(PathBuf::from("/repo/.git/worktrees/wt"))
        );
        std::fs::create_dir(dir.path().join("wt/a/.git")).unwrap();
        assert_eq!(git_dir(&sub), Some(dir.path().join("wt/a/.git")));
    }
}
