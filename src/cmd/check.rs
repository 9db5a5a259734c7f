//! `pm check`: the CI gate. Checks documents in parallel and prints the findings in a stable
//! order, as text for people, JSON for scripts or annotations for GitHub.

use std::collections::{BTreeSet, HashMap};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use clap::{Args, ValueEnum};

use crate::check::baseline::{BASELINE_FILE, Baseline, Sorted};
use crate::check::finding::{Finding, Level, sort_findings};
use crate::check::rules::{self, Settings};
use crate::cli::ColorChoice;
use crate::cmd::Outcome;
use crate::context::Ctx;
use crate::error::Error;
use crate::render::report::{self, HeldBack};
use crate::store::catalog;
use crate::store::fsio;

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Documents or folders to check (default: every post-mortem of the wiki)
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Output format
    #[arg(long, value_enum, default_value_t = CheckFormat::Human)]
    pub format: CheckFormat,
    /// Check only the post-mortems changed between REV and the work tree (for pull requests)
    #[arg(long, value_name = "REV")]
    pub changed_since: Option<String>,
    /// Record today's findings in `.pm/check-baseline.json`, so that later checks report only
    /// new ones (commit the file with the wiki); secrets are never held back
    #[arg(long)]
    pub write_baseline: bool,
    /// Also report the findings the baseline holds back, marked as such
    #[arg(long)]
    pub show_baselined: bool,
    /// Ignore the baseline: report every finding
    #[arg(long, conflicts_with_all = ["write_baseline", "show_baselined"])]
    pub no_baseline: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    Human,
    Json,
    Github,
}

/// One checked document: its findings, and the lines they point at (for the human report).
struct Checked {
    findings: Vec<Finding>,
    lines: Vec<(usize, String)>,
    /// The document could not be checked; its one finding says why.
    failed: bool,
}

/// Run every rule on one document's text.
fn check_one(
    text: String,
    rel: &Path,
    settings: &Settings,
    want_lines: bool,
) -> Result<Checked, Error> {
    // The tests' way to prove that a bug in one document's check is contained (debug only).
    #[cfg(debug_assertions)]
    assert!(!text.contains("<!-- pm:test-panic -->"), "test panic");
    let (document, mut findings) = rules::check_text(text, rel, settings)?;
    // Sorted here, on all cores; the final sort then only merges sorted runs.
    sort_findings(&mut findings);
    // The human report shows each finding's line and the baseline matches it; otherwise no
    // source text is needed.
    let mut wanted: Vec<usize> = if want_lines {
        findings.iter().map(|f| f.line).collect()
    } else {
        Vec::new()
    };
    wanted.dedup();
    let lines = wanted
        .into_iter()
        .map(|n| (n, document.line(n - 1).to_string()))
        .collect();
    Ok(Checked {
        findings,
        lines,
        failed: false,
    })
}

/// The finding for a document that could not be checked. Not a rule of `RULES`: it cannot be
/// switched off or allowed, since nothing else about the document is known.
fn unreadable(rel: &Path, message: String) -> Finding {
    Finding {
        rule: "unreadable",
        level: Level::Error,
        file: rel.to_path_buf(),
        line: 1,
        column: 1,
        end_column: None,
        message,
        suggestion: None,
    }
}

pub(crate) fn run(args: &CheckArgs, ctx: &Ctx, color: ColorChoice) -> Result<Outcome, Error> {
    let paths = documents(args, ctx)?;
    let names = ctx.config.section_names();
    let settings = Settings {
        config: &ctx.config,
        names: &names,
        today: ctx.today(),
    };
    // Paths typed on the command line are canonical (see `documents`); the root may not be.
    let canonical_root = ctx
        .wiki
        .root
        .canonicalize()
        .unwrap_or_else(|_| ctx.wiki.root.clone());
    let baseline_file = ctx.wiki.root.join(BASELINE_FILE);
    let use_baseline = !args.no_baseline && (args.write_baseline || baseline_file.exists());
    let want_lines = args.format == CheckFormat::Human || use_baseline;
    let results = catalog::parallel_map(&paths, |path| {
        let rel = path
            .strip_prefix(&ctx.wiki.root)
            .or_else(|_| path.strip_prefix(&canonical_root))
            .unwrap_or(path);
        // A document pm cannot read, or one that trips a bug in pm, is reported as a finding
        // and the others are still checked: one bad file must not blind the whole gate.
        let problem = match fsio::read_text(path) {
            Ok(text) => match catalog::isolated(|| check_one(text, rel, &settings, want_lines)) {
                Ok(checked) => return checked,
                Err(panic) => format!(
                    "pm failed on this document ({panic}); please report this bug with the file"
                ),
            },
            Err(fsio::FsError::NotUtf8 { offset, .. }) => format!(
                "the file is not valid UTF-8 (first bad byte at offset {offset}); save it as UTF-8"
            ),
            Err(e) => format!("the document cannot be read: {e}"),
        };
        Ok(Checked {
            findings: vec![unreadable(rel, problem)],
            lines: Vec::new(),
            failed: true,
        })
    });
    let mut findings = Vec::new();
    let mut sources: HashMap<(PathBuf, usize), String> = HashMap::new();
    let mut failed = Vec::new();
    for result in results {
        // A rule that cannot run at all (a broken built-in pattern) gives no verdict anywhere.
        let checked = result?;
        if let Some(first) = checked.findings.first() {
            let file = first.file.clone();
            if checked.failed {
                failed.push(file.clone());
            }
            for (n, text) in checked.lines {
                sources.insert((file.clone(), n), text);
            }
        }
        findings.extend(checked.findings);
    }
    sort_findings(&mut findings);
    let line_of = |f: &Finding| sources.get(&(f.file.clone(), f.line)).map(String::as_str);
    let sorted = if use_baseline {
        let checked = paths
            .iter()
            .map(|p| {
                let rel = p
                    .strip_prefix(&ctx.wiki.root)
                    .or_else(|_| p.strip_prefix(&canonical_root))
                    .unwrap_or(p);
                rel.to_string_lossy().replace('\\', "/")
            })
            .collect();
        let whole_wiki = args.paths.is_empty() && args.changed_since.is_none();
        let baseline = if args.write_baseline {
            write_baseline(&baseline_file, &findings, &line_of, &checked, whole_wiki)?
        } else {
            read_baseline(&baseline_file)?.unwrap_or_default()
        };
        let sorted = baseline.sort(findings, line_of, (!whole_wiki).then_some(&checked));
        if sorted.stale > 0 && !args.write_baseline {
            let (held, them) = if sorted.stale == 1 {
                ("1 finding that is", "it")
            } else {
                (&*format!("{} findings that are", sorted.stale), "them")
            };
            eprintln!(
                "note: `{BASELINE_FILE}` holds {held} no longer found (fixed since); run \
                 `pm check --write-baseline` to drop {them}"
            );
        }
        sorted
    } else {
        Sorted {
            reported: findings,
            ..Sorted::default()
        }
    };
    let findings = sorted.reported;
    let held = HeldBack {
        count: sorted.held_back.len(),
        shown: if args.show_baselined {
            &sorted.held_back
        } else {
            &[]
        },
    };

    // Buffered: stdout is line-buffered, and a report can be tens of thousands of lines.
    let mut stdout = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    let written = match args.format {
        CheckFormat::Human => {
            let source = |file: &Path, line: usize| {
                sources.get(&(file.to_path_buf(), line)).map(String::as_str)
            };
            let color = color.enabled(std::io::stdout().is_terminal());
            report::human(&mut stdout, &findings, paths.len(), held, &source, color)
        }
        CheckFormat::Json => report::json(&mut stdout, &findings, paths.len(), held),
        CheckFormat::Github => report::github(&mut stdout, &findings, held),
    };
    written
        .and_then(|()| stdout.flush())
        .map_err(crate::render::stdout_error)?;
    if !failed.is_empty() {
        // After the report, so CI shows every other finding; exit 2, as no verdict is possible.
        return Err(Error::Unchecked { files: failed });
    }
    if findings.iter().any(|f| f.level == Level::Error) {
        Ok(Outcome::Findings)
    } else {
        Ok(Outcome::Success)
    }
}

/// The baseline in `path`, if there is one; a file that is there but cannot be read is an
/// error, never taken for "no baseline" (that would fail every held-back finding at once).
fn read_baseline(path: &Path) -> Result<Option<Baseline>, Error> {
    let text = match fsio::read_text(path) {
        Ok(text) => text,
        Err(fsio::FsError::NotFound { .. }) => return Ok(None),
        Err(e) => return Err(e.into()),
    };
    Baseline::parse(&text)
        .map(Some)
        .map_err(|source| Error::BrokenBaseline {
            path: path.to_path_buf(),
            line: source.line(),
            column: source.column(),
            source,
        })
}

/// `--write-baseline`: the findings of this run, held from now on. When only some documents
/// were checked, the entries of the others are kept as they were.
fn write_baseline<'l>(
    path: &Path,
    findings: &[Finding],
    line_of: &dyn Fn(&Finding) -> Option<&'l str>,
    checked: &BTreeSet<String>,
    whole_wiki: bool,
) -> Result<Baseline, Error> {
    let fresh = Baseline::of(findings, line_of);
    let baseline = if whole_wiki {
        fresh
    } else {
        read_baseline(path)?
            .unwrap_or_default()
            .replacing(checked, fresh)
    };
    if let Some(folder) = path.parent() {
        std::fs::create_dir_all(folder).map_err(|source| Error::Io {
            path: folder.to_path_buf(),
            action: "create",
            source,
        })?;
    }
    fsio::write_atomic(path, baseline.to_json())?;
    eprintln!(
        "wrote {} to `{BASELINE_FILE}`; commit it with the wiki",
        plural(baseline.len(), "finding", "findings")
    );
    Ok(baseline)
}

/// `1 finding`, `2 findings`.
fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// The documents to check: the paths given (folders searched), the ones changed since REV,
/// or the whole wiki.
fn documents(args: &CheckArgs, ctx: &Ctx) -> Result<Vec<PathBuf>, Error> {
    let folder = ctx.wiki.root.join(&ctx.config.folder);
    let skip = catalog::not_a_postmortem(ctx);
    let list = |dir: &Path| catalog::documents(dir, &skip);
    let mut paths = Vec::new();
    if args.paths.is_empty() && args.changed_since.is_none() {
        return list(&folder);
    }
    for path in &args.paths {
        // Canonical, so that a document is reported relative to the wiki root and checked
        // once however it was spelt.
        let canonical = path.canonicalize().ok();
        if let Some(dir) = canonical.as_ref().filter(|p| p.is_dir()) {
            paths.extend(list(dir)?);
        } else if let Some(file) = canonical.filter(|p| p.is_file()) {
            paths.push(file);
        } else {
            return Err(Error::InvalidValue {
                what: "path",
                value: path.display().to_string(),
                reason: "no such file or folder".into(),
            });
        }
    }
    if let Some(rev) = &args.changed_since {
        let changed = changed_since(&ctx.wiki.root, rev, &folder, &skip)?;
        if args.paths.is_empty() {
            paths = changed;
        } else {
            // Both given: the changed documents among the paths.
            let wanted: Vec<PathBuf> = paths.iter().filter_map(|p| p.canonicalize().ok()).collect();
            paths = changed
                .into_iter()
                .filter(|c| c.canonicalize().is_ok_and(|c| wanted.contains(&c)))
                .collect();
        }
    }
    paths.sort();
    paths.dedup();
    Ok(paths)
}

/// Post-mortems under `folder` that differ between `rev` and the work tree, new untracked
/// ones included, deleted ones left out. Asks git itself: `git diff` is fast and knows every
/// form of revision a user may type.
fn changed_since(
    root: &Path,
    rev: &str,
    folder: &Path,
    skip: &dyn Fn(&Path) -> bool,
) -> Result<Vec<PathBuf>, Error> {
    let folder_arg = folder
        .strip_prefix(root)
        .unwrap_or(folder)
        .to_string_lossy()
        .into_owned();
    let folder_arg = if folder_arg.is_empty() {
        ".".to_string()
    } else {
        folder_arg
    };
    let spawn = |args: &[&str]| {
        Command::new("git")
            .args(args)
            .current_dir(root)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|source| Error::Io {
                path: root.to_path_buf(),
                action: "run git in",
                source,
            })
    };
    // Both at once: each reads the whole work tree, and neither needs the other. Both list
    // paths relative to `root` (`--relative` for diff, the default of ls-files).
    let changed = spawn(&[
        "diff",
        "--name-only",
        "--relative",
        "--no-renames",
        "--diff-filter=d",
        rev,
        "--",
        &folder_arg,
    ])?;
    let untracked = spawn(&[
        "ls-files",
        "--others",
        "--exclude-standard",
        "--",
        &folder_arg,
    ])?;
    let mut names = String::new();
    for child in [changed, untracked] {
        let out = child.wait_with_output().map_err(|source| Error::Io {
            path: root.to_path_buf(),
            action: "run git in",
            source,
        })?;
        if !out.status.success() {
            return Err(Error::InvalidValue {
                what: "revision (`--changed-since`)",
                value: rev.to_string(),
                reason: String::from_utf8_lossy(&out.stderr).trim().to_string(),
            });
        }
        names.push_str(&String::from_utf8_lossy(&out.stdout));
    }
    Ok(names
        .lines()
        .map(|n| root.join(n))
        .filter(|p| p.extension().is_some_and(|e| e.eq_ignore_ascii_case("md")))
        .filter(|p| p.is_file() && !skip(p))
        .collect())
}
