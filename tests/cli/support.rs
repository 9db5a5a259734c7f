//! `TestWiki`: a temporary wiki with hermetic git config, home, clock and zone, and a runner
//! for the real `pm` binary.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use tempfile::TempDir;

/// The frozen clock every test runs at, unless it sets `PM_NOW` itself.
pub(crate) const NOW: &str = "2026-11-20T14:05:00Z";

pub(crate) struct TestWiki {
    dir: TempDir,
    env: Vec<(String, String)>,
    cwd: Option<PathBuf>,
}

impl TestWiki {
    /// A wiki that is not a git repository: a folder holding only an empty `pm.toml` (all
    /// defaults), beside a private home folder.
    pub(crate) fn new() -> TestWiki {
        let wiki = TestWiki::folder();
        std::fs::write(wiki.path("pm.toml"), "").unwrap();
        wiki
    }

    /// A plain folder that is no wiki (no `pm.toml`, no git), beside a private home folder.
    pub(crate) fn folder() -> TestWiki {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("wiki")).unwrap();
        std::fs::create_dir_all(dir.path().join("home/.config")).unwrap();
        std::fs::write(
            dir.path().join("home/.gitconfig"),
            "[user]\n\tname = Alice Example\n\temail = alice@example.com\n\
             [init]\n\tdefaultBranch = main\n[commit]\n\tgpgSign = false\n",
        )
        .unwrap();
        TestWiki {
            dir,
            env: Vec::new(),
            cwd: None,
        }
    }

    /// A wiki that is a git repository on branch `main` (and has no `pm.toml`).
    pub(crate) fn git() -> TestWiki {
        let wiki = TestWiki::folder();
        wiki.git_cmd(&["init", "-q", "-b", "main"]);
        wiki
    }

    pub(crate) fn root(&self) -> PathBuf {
        self.dir.path().join("wiki")
    }

    pub(crate) fn home(&self) -> PathBuf {
        self.dir.path().join("home")
    }

    pub(crate) fn path(&self, rel: &str) -> PathBuf {
        self.root().join(rel)
    }

    pub(crate) fn file(self, rel: &str, text: &str) -> TestWiki {
        let path = self.path(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
        self
    }

    pub(crate) fn env(mut self, key: &str, value: &str) -> TestWiki {
        self.env.push((key.into(), value.into()));
        self
    }

    /// Run from this folder inside the wiki instead of the wiki root.
    pub(crate) fn cwd(mut self, rel: &str) -> TestWiki {
        let dir = self.path(rel);
        std::fs::create_dir_all(&dir).unwrap();
        self.cwd = Some(dir);
        self
    }

    /// Write (or overwrite) a file inside the wiki, as raw bytes: CRLF, no final newline and
    /// invalid UTF-8 all survive.
    pub(crate) fn write(&self, rel: &str, bytes: impl AsRef<[u8]>) {
        let path = self.path(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }

    pub(crate) fn read_bytes(&self, rel: &str) -> Vec<u8> {
        std::fs::read(self.path(rel)).unwrap_or_else(|e| panic!("reading {rel}: {e}"))
    }

    pub(crate) fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path(rel)).unwrap_or_else(|e| panic!("reading {rel}: {e}"))
    }

    /// Every file under the wiki (not `.git`), as sorted wiki-relative paths.
    pub(crate) fn files(&self) -> Vec<String> {
        fn walk(dir: &Path, root: &Path, out: &mut Vec<String>) {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.file_name().unwrap() == ".git" {
                    continue;
                }
                if path.is_dir() {
                    walk(&path, root, out);
                } else {
                    out.push(path.strip_prefix(root).unwrap().display().to_string());
                }
            }
        }
        let mut out = Vec::new();
        walk(&self.root(), &self.root(), &mut out);
        out.sort();
        out
    }

    /// A `Command` for the real binary with a hermetic environment.
    pub(crate) fn command(&self) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_pm"));
        self.hermetic(&mut cmd);
        cmd
    }

    fn hermetic(&self, cmd: &mut Command) {
        cmd.env_clear()
            .current_dir(self.cwd.clone().unwrap_or_else(|| self.root()))
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", self.home())
            .env("XDG_CONFIG_HOME", self.home().join(".config"))
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_CONFIG_GLOBAL", self.home().join(".gitconfig"))
            .env("NO_COLOR", "1")
            .env("TZ", "UTC")
            .env("LANG", "C.UTF-8")
            .env("PM_NOW", NOW);
        for (k, v) in &self.env {
            cmd.env(k, v);
        }
    }

    /// Run `pm ARGS…` with no standard input.
    pub(crate) fn pm(&self, args: &[&str]) -> Run {
        let output = self
            .command()
            .args(args)
            .stdin(std::process::Stdio::null())
            .output()
            .unwrap();
        self.run(output)
    }

    /// Run `pm ARGS…` with `input` on its standard input.
    pub(crate) fn pm_stdin(&self, args: &[&str], input: &str) -> Run {
        use std::io::Write;
        let mut child = self
            .command()
            .args(args)
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(input.as_bytes())
            .unwrap();
        self.run(child.wait_with_output().unwrap())
    }

    /// Wrap the output of a `pm` started with [`TestWiki::command`].
    pub(crate) fn run(&self, output: Output) -> Run {
        let root = self.dir.path().to_path_buf();
        Run {
            output,
            canonical: root.canonicalize().unwrap(),
            root,
        }
    }

    /// Run `git ARGS…` in the wiki with the same hermetic environment.
    pub(crate) fn git_cmd(&self, args: &[&str]) -> String {
        let mut cmd = Command::new("git");
        self.hermetic(&mut cmd);
        let output = cmd.current_dir(self.root()).args(args).output().unwrap();
        assert!(
            output.status.success(),
            "git {args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout).unwrap()
    }
}

/// The result of one run, with assertions that print everything on failure.
pub(crate) struct Run {
    pub(crate) output: Output,
    root: PathBuf,
    canonical: PathBuf,
}

impl Run {
    pub(crate) fn stdout(&self) -> String {
        self.redact(&String::from_utf8_lossy(&self.output.stdout))
    }

    pub(crate) fn stderr(&self) -> String {
        self.redact(&String::from_utf8_lossy(&self.output.stderr))
    }

    /// Replace the temporary folder with `[ROOT]`, so snapshots are stable.
    fn redact(&self, text: &str) -> String {
        let root = self.root.display().to_string();
        let canonical = self.canonical.display().to_string();
        text.replace(&canonical, "[ROOT]").replace(&root, "[ROOT]")
    }

    #[track_caller]
    pub(crate) fn code(&self, code: i32) -> &Run {
        assert_eq!(
            self.output.status.code(),
            Some(code),
            "exit code\n--- stdout\n{}\n--- stderr\n{}",
            self.stdout(),
            self.stderr()
        );
        self
    }

    #[track_caller]
    pub(crate) fn ok(&self) -> &Run {
        self.code(0)
    }

    #[track_caller]
    pub(crate) fn stdout_eq(&self, expected: &str) -> &Run {
        assert_eq!(self.stdout(), expected, "stderr: {}", self.stderr());
        self
    }

    #[track_caller]
    pub(crate) fn stderr_eq(&self, expected: &str) -> &Run {
        assert_eq!(self.stderr(), expected);
        self
    }

    #[track_caller]
    pub(crate) fn stderr_has(&self, needle: &str) -> &Run {
        let stderr = self.stderr();
        assert!(
            stderr.contains(needle),
            "stderr lacks {needle:?}:\n{stderr}"
        );
        self
    }
}

/// Whether a test's prerequisite (`what`, a program or data outside the repository) is there.
/// Outside CI a missing one skips the test: this says so on stderr, with `how` to get it, and
/// returns `false`. In CI (`CI` set and not empty) it fails the test instead, so a machine
/// that lacks it cannot pass by skipping.
#[track_caller]
pub(crate) fn require(what: &str, how: &str, available: bool) -> bool {
    let ci = std::env::var_os("CI").is_some_and(|v| !v.is_empty());
    require_in(ci, what, how, available)
}

#[track_caller]
fn require_in(ci: bool, what: &str, how: &str, available: bool) -> bool {
    if available {
        return true;
    }
    assert!(!ci, "{what} is missing, and CI must run this test: {how}");
    eprintln!("skipped: {what} is missing: {how}");
    false
}

/// The corpus of real post-mortems: `PM_CORPUS`, else `../shared/corpus` beside the repository.
pub(crate) fn corpus() -> PathBuf {
    std::env::var_os("PM_CORPUS")
        .filter(|v| !v.is_empty())
        .map_or_else(
            || Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus"),
            PathBuf::from,
        )
}

#[test]
fn a_missing_prerequisite_skips_outside_ci() {
    assert!(!require_in(false, "`tool`", "install it", false));
    assert!(require_in(false, "`tool`", "install it", true));
    assert!(require_in(true, "`tool`", "install it", true));
}

#[test]
#[should_panic(expected = "`tool` is missing, and CI must run this test: install it")]
fn a_missing_prerequisite_fails_in_ci() {
    require_in(true, "`tool`", "install it", false);
}

/// `old` with `line` (and `old`'s line break) inserted right after the one line that is exactly
/// `after`.
#[track_caller]
pub(crate) fn with_line_after(old: &str, after: &str, line: &str) -> String {
    let nl = if old.contains("\r\n") { "\r\n" } else { "\n" };
    let mut out = String::new();
    let mut found = 0;
    for raw in old.split_inclusive('\n') {
        out.push_str(raw);
        if raw.trim_end_matches(['\n', '\r']) == after {
            found += 1;
            out.push_str(line);
            out.push_str(nl);
        }
    }
    assert_eq!(found, 1, "{after:?} must be exactly one line of\n{old}");
    out
}

// ---------------------------------------------------------------------------------------------
// Remotes and clones, for `pm publish`.

impl TestWiki {
    /// A `git` command with this wiki's hermetic environment, run in the wiki root.
    pub(crate) fn git_command(&self) -> Command {
        let mut cmd = Command::new("git");
        self.hermetic(&mut cmd);
        cmd.current_dir(self.root());
        cmd
    }

    /// Run `git ARGS…` in the wiki and return its output, whether or not it succeeded.
    pub(crate) fn git_output(&self, args: &[&str]) -> Output {
        self.git_command().args(args).output().unwrap()
    }

    /// A clone of `url` as the wiki (with its own home, so its own global git config).
    pub(crate) fn clone_of(url: &str) -> TestWiki {
        let wiki = TestWiki::folder();
        wiki.git_cmd(&["clone", "-q", url, "."]);
        wiki
    }
}

/// A bare repository on branch `main` holding one empty commit, as a team's wiki remote.
pub(crate) struct Remote {
    seed: TestWiki,
}

impl Remote {
    pub(crate) fn new() -> Remote {
        let seed = TestWiki::folder();
        let bare = seed.dir.path().join("remote.git");
        let bare = bare.to_str().unwrap();
        seed.git_cmd(&["init", "-q", "--bare", "-b", "main", bare]);
        seed.git_cmd(&["clone", "-q", bare, "."]);
        seed.git_cmd(&["commit", "-q", "--allow-empty", "-m", "Start the wiki"]);
        seed.git_cmd(&["push", "-q", "-u", "origin", "main"]);
        Remote { seed }
    }

    /// The bare repository's folder.
    pub(crate) fn path(&self) -> PathBuf {
        self.seed.dir.path().join("remote.git")
    }

    /// Its folder, as a URL for `git clone`.
    pub(crate) fn url(&self) -> String {
        self.path().display().to_string()
    }

    /// A fresh clone, with `main` tracking `origin/main`.
    pub(crate) fn clone(&self) -> TestWiki {
        TestWiki::clone_of(&self.url())
    }

    /// Run `git ARGS…` on the bare repository.
    pub(crate) fn git(&self, args: &[&str]) -> String {
        let dir = format!("--git-dir={}", self.path().display());
        let mut all = vec![dir.as_str()];
        all.extend_from_slice(args);
        self.seed.git_cmd(&all)
    }

    /// The commit `main` points at on the remote.
    pub(crate) fn tip(&self) -> String {
        self.git(&["rev-parse", "main"]).trim().to_string()
    }

    /// A file as committed on the remote's `main`, or `None`.
    pub(crate) fn show(&self, rel: &str) -> Option<String> {
        let dir = format!("--git-dir={}", self.path().display());
        let out = self
            .seed
            .git_output(&[dir.as_str(), "show", &format!("main:{rel}")]);
        out.status
            .success()
            .then(|| String::from_utf8(out.stdout).unwrap())
    }

    /// The seeding clone, whose hermetic environment runs helper processes such as a daemon.
    pub(crate) fn seed(&self) -> &TestWiki {
        &self.seed
    }
}

impl TestWiki {
    /// Any program, with this wiki's hermetic environment, run in the wiki root.
    pub(crate) fn program(&self, program: impl AsRef<std::ffi::OsStr>) -> Command {
        let mut cmd = Command::new(program);
        self.hermetic(&mut cmd);
        cmd.current_dir(self.root());
        cmd
    }
}
