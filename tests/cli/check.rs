//! `pm check`: every rule on the fixture wikis under `tests/fixtures/check/`, the three report
//! formats, exit codes, determinism, `--changed-since` and `PATH…` arguments.
//!
//! Each folder under `tests/fixtures/check/` is one case: its `.md` files are copied into a
//! fresh wiki's `postmortems/`, a `pm.toml` beside them goes to the wiki root, and
//! `expected.json` is the exact output of `pm check --format json` for that wiki. Run with
//! `PM_UPDATE_FIXTURES=1` to rewrite the `expected.json` files, then read every one of them
//! before committing: each finding must be right.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::support::{Run, TestWiki};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/check")
}

/// A GitHub token, an AWS access key id and a private key block, built at run time and spelt
/// as `@@NAME@@` markers in the fixtures, so that no secret scanner flags this repository (the
/// unit tests of `src/check/secrets.rs` build theirs at run time too).
fn secrets() -> [(&'static str, String); 3] {
    [
        (
            "@@GITHUB_TOKEN@@",
            format!("{}_{}", "ghp", "q7Gx2Lm9Vb4Tz8Kw1Rc6Yp3Nd5Hs0Jf2Ae7U"),
        ),
        (
            "@@AWS_ACCESS_KEY@@",
            format!("{}{}", "AKIA", "Q3R7T2WZ5YHXJ4KN"),
        ),
        (
            "@@PRIVATE_KEY_BLOCK@@",
            format!(
                "-----{} RSA PRIVATE KEY-----\n\
                 MIIEpAIBAAKCAQEA1c7+9z5Pad7OejecsQ0bu3aozN3tihPmljnnudb9G3HECdnH\n\
                 -----END RSA PRIVATE KEY-----",
                "BEGIN"
            ),
        ),
    ]
}

/// The password of the URL in the `secret` fixture; short, so not worth hiding from scanners.
const URL_PASSWORD: &str = "hunter2";

fn expand(text: &str) -> String {
    secrets()
        .iter()
        .fold(text.to_string(), |text, (marker, secret)| {
            text.replace(marker, secret)
        })
}

/// Every case folder, sorted.
fn cases() -> Vec<PathBuf> {
    let mut cases: Vec<PathBuf> = std::fs::read_dir(fixtures())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    cases.sort();
    cases
}

/// A wiki holding one case: `.md` files under `postmortems/`, `pm.toml` at the root.
fn case_wiki(case: &Path) -> TestWiki {
    let mut files: Vec<PathBuf> = std::fs::read_dir(case)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let mut wiki = TestWiki::new();
    for file in files {
        let name = file.file_name().unwrap().to_str().unwrap().to_string();
        let text = expand(&std::fs::read_to_string(&file).unwrap());
        if name == "pm.toml" {
            wiki = wiki.file("pm.toml", &text);
        } else if name.ends_with(".md") {
            wiki = wiki.file(&format!("postmortems/{name}"), &text);
        } else {
            assert_eq!(
                name,
                "expected.json",
                "unexpected file in {}",
                case.display()
            );
        }
    }
    wiki
}

/// A unified-style line diff of two short texts (longest common subsequence), for failure
/// messages that show what changed rather than two walls of JSON.
fn diff(expected: &str, actual: &str) -> String {
    let a: Vec<&str> = expected.lines().collect();
    let b: Vec<&str> = actual.lines().collect();
    let mut lcs = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            lcs[i][j] = if a[i] == b[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let (mut i, mut j, mut out) = (0, 0, String::new());
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i] == b[j] {
            let _ = writeln!(out, "  {}", a[i]);
            i += 1;
            j += 1;
        } else if i < a.len() && (j == b.len() || lcs[i + 1][j] >= lcs[i][j + 1]) {
            let _ = writeln!(out, "- {}", a[i]);
            i += 1;
        } else {
            let _ = writeln!(out, "+ {}", b[j]);
            j += 1;
        }
    }
    out
}

#[track_caller]
fn stdout_has(run: &Run, needle: &str) {
    let stdout = run.stdout();
    assert!(
        stdout.contains(needle),
        "stdout lacks {needle:?}:\n{stdout}\n--- stderr\n{}",
        run.stderr()
    );
}

fn json(run: &Run) -> Value {
    serde_json::from_str(&run.stdout())
        .unwrap_or_else(|e| panic!("not JSON ({e}):\n{}", run.stdout()))
}

/// The `rule` of every finding in a JSON report.
fn rules_of(report: &Value) -> Vec<String> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn every_fixture_case_gives_its_expected_json() {
    let update = std::env::var_os("PM_UPDATE_FIXTURES").is_some_and(|v| v == "1");
    let mut failures = Vec::new();
    for case in cases() {
        let name = case.file_name().unwrap().to_string_lossy().into_owned();
        let run = case_wiki(&case).pm(&["check", "--format", "json"]);
        let actual = run.stdout();
        let report = json(&run);
        // The exit code follows the report: 1 with an error-level finding, else 0.
        let errors = report["summary"]["errors"].as_u64().unwrap();
        let code = i32::from(errors > 0);
        if run.output.status.code() != Some(code) {
            failures.push(format!(
                "{name}: exit code {:?}, expected {code}\n{}",
                run.output.status.code(),
                run.stderr()
            ));
        }
        // A finding names the kind of a secret and its masked start, never the secret.
        for secret in [&secrets()[0].1, &secrets()[1].1, URL_PASSWORD] {
            if actual.contains(secret) {
                failures.push(format!("{name}: the report prints a secret:\n{actual}"));
            }
        }
        if !run.stderr().is_empty() {
            failures.push(format!("{name}: stderr is not empty:\n{}", run.stderr()));
        }
        let expected_path = case.join("expected.json");
        if update {
            std::fs::write(&expected_path, &actual).unwrap();
            continue;
        }
        let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
        if expected != actual {
            failures.push(format!(
                "{name}: `pm check --format json` differs from {} \
                 (- expected, + actual; PM_UPDATE_FIXTURES=1 rewrites it):\n{}",
                expected_path.display(),
                diff(&expected, &actual)
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The rule names `pm` itself lists, from the hint of an `allow-unknown` finding.
fn rule_names() -> Vec<String> {
    let wiki = TestWiki::new().file(
        "postmortems/a.md",
        "<!-- pm:allow no-such-rule -->\nText.\n",
    );
    let report = json(&wiki.pm(&["check", "--format", "json"]));
    let hint = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "allow-unknown")
        .expect("an allow-unknown finding")["suggestion"]
        .as_str()
        .unwrap()
        .to_string();
    hint.strip_prefix("the rules are: ")
        .unwrap_or_else(|| panic!("{hint}"))
        .split(", ")
        .map(str::to_string)
        .collect()
}

#[test]
fn every_rule_fires_in_some_fixture() {
    let rules = rule_names();
    assert!(rules.len() >= 15, "{rules:?}");
    let mut fired = Vec::new();
    for case in cases() {
        let text = std::fs::read_to_string(case.join("expected.json")).unwrap();
        fired.extend(rules_of(&serde_json::from_str(&text).unwrap()));
    }
    let missing: Vec<&String> = rules.iter().filter(|r| !fired.contains(r)).collect();
    assert!(missing.is_empty(), "no fixture shows {missing:?}");
    let unknown: Vec<&String> = fired.iter().filter(|r| !rules.contains(r)).collect();
    assert!(unknown.is_empty(), "rules not listed by pm: {unknown:?}");
}

// ---------------------------------------------------------------------------------------------
// Documents built from the `clean` fixture, for the tests below.

/// The `clean` fixture, which has no finding, with each `(old, new)` replaced exactly once.
fn clean_doc(edits: &[(&str, &str)]) -> String {
    let path = fixtures().join("clean/2026-11-18-checkout-errors.md");
    let mut text = std::fs::read_to_string(path).unwrap();
    for (old, new) in edits {
        assert_eq!(text.matches(old).count(), 1, "{old:?} in the clean fixture");
        text = text.replacen(old, new, 1);
    }
    expand(&text)
}

const AS_DRAFT: (&str, &str) = ("status = \"review\"", "status = \"draft\"");

fn github_token() -> String {
    secrets()[0].1.clone()
}

/// A small wiki for the report formats: a document under review with an empty section (error),
/// blame (warning) and two secrets (errors), and a draft with one warning.
fn formats_wiki() -> TestWiki {
    let review = clean_doc(&[
        ("A config push at 14:00 UTC.", "TODO"),
        (
            "The config loader accepted an empty price table without validation.",
            "It was Bob's fault.",
        ),
        (
            "The rollback took half an hour to find.\n",
            "The rollback took half an hour to find.\n\n## Data and analysis\n\n\
             A runner printed GITHUB_TOKEN=@@GITHUB_TOKEN@@ in its log, and\n\
             fetched https://user:hunter2@registry.internal/v2/ with it.\n",
        ),
    ]);
    let draft = clean_doc(&[
        AS_DRAFT,
        ("title = \"Checkout errors\"", "title = \"Search slow\""),
        ("owner: @mary, ticket: SHOP-123", "owner: @mary"),
    ]);
    TestWiki::new()
        .file("postmortems/2026-11-18-checkout-errors.md", &review)
        .file("postmortems/2026-11-19-search-slow.md", &draft)
}

#[test]
fn human_report() {
    let wiki = formats_wiki();
    let run = wiki.pm(&["check"]);
    run.code(1);
    assert_eq!(run.stderr(), "");
    // The snapshot must not hold a credential either; see `human_report_never_prints_a_secret`
    // for why the token is in the output at all.
    let out = run.stdout().replace(&github_token(), "[GITHUB TOKEN]");
    insta::assert_snapshot!("check_human", out);
}

#[test]
fn human_report_never_prints_a_secret() {
    let wiki = formats_wiki();
    let run = wiki.pm(&["check"]);
    run.code(1);
    let out = run.stdout();
    assert!(
        out.contains("a GitHub token is pasted here (ghp_…)"),
        "{out}"
    );
    assert!(!out.contains(&github_token()), "{out}");
    assert!(!out.contains(URL_PASSWORD), "{out}");
}

#[test]
fn json_and_github_reports_never_print_a_secret() {
    let wiki = formats_wiki();
    for format in ["json", "github"] {
        let run = wiki.pm(&["check", "--format", format]);
        run.code(1);
        let out = run.stdout();
        assert!(out.contains("GitHub token"), "{format}: {out}");
        assert!(out.contains("(ghp_…)"), "{format}: {out}");
        assert!(!out.contains(&github_token()), "{format}: {out}");
        assert!(!out.contains(URL_PASSWORD), "{format}: {out}");
        assert!(!run.stderr().contains(&github_token()));
    }
}

#[test]
fn json_report() {
    let wiki = formats_wiki();
    let run = wiki.pm(&["check", "--format", "json"]);
    run.code(1);
    assert_eq!(run.stderr(), "");
    let report = json(&run);
    assert_eq!(report["version"], 1);
    assert_eq!(report["documents_checked"], 2);
    let findings = report["findings"].as_array().unwrap();
    let count = |level: &str| findings.iter().filter(|f| f["level"] == level).count();
    assert_eq!(report["summary"]["errors"], count("error"));
    assert_eq!(report["summary"]["warnings"], count("warning"));
    let got: Vec<(String, u64, u64, Option<u64>, String, String)> = findings
        .iter()
        .map(|f| {
            (
                f["file"].as_str().unwrap().to_string(),
                f["line"].as_u64().unwrap(),
                f["column"].as_u64().unwrap(),
                f["end_column"].as_u64(),
                f["rule"].as_str().unwrap().to_string(),
                f["level"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let review = "postmortems/2026-11-18-checkout-errors.md";
    let draft = "postmortems/2026-11-19-search-slow.md";
    let want = [
        (review, 23, 1, None, "section-empty", "error"),
        (review, 40, 8, Some(19), "blame", "warning"),
        (review, 52, 31, Some(71), "secret", "error"),
        (review, 53, 22, Some(29), "secret", "error"),
        (draft, 52, 1, None, "action-incomplete", "warning"),
    ]
    .map(|(f, l, c, e, r, lv)| (f.to_string(), l, c, e, r.to_string(), lv.to_string()));
    assert_eq!(got, want);
    // Every key of every finding, in the documented schema.
    for f in findings {
        let mut keys: Vec<&String> = f.as_object().unwrap().keys().collect();
        keys.sort();
        assert_eq!(
            keys,
            [
                "column",
                "end_column",
                "file",
                "level",
                "line",
                "message",
                "rule",
                "suggestion"
            ]
        );
    }
    let secret = &findings[2];
    assert_eq!(
        secret["message"], "a GitHub token is pasted here (ghp_…)",
        "{secret}"
    );
}

#[test]
fn github_report() {
    let wiki = formats_wiki();
    let run = wiki.pm(&["check", "--format", "github"]);
    run.code(1);
    assert_eq!(run.stderr(), "");
    let out = run.stdout();
    assert!(
        out.lines()
            .all(|l| l.starts_with("::error file=") || l.starts_with("::warning file=")),
        "{out}"
    );
    insta::assert_snapshot!("check_github", out);
}

#[test]
fn no_problems() {
    let wiki = TestWiki::new().file("postmortems/2026-11-18-checkout-errors.md", &clean_doc(&[]));
    wiki.pm(&["check"])
        .ok()
        .stdout_eq("pm check: no problems in 1 document\n")
        .stderr_eq("");
    wiki.pm(&["check", "--format", "github"]).ok().stdout_eq("");
}

// ---------------------------------------------------------------------------------------------
// Exit codes.

#[test]
fn exit_0_with_warnings_only_and_1_with_an_error() {
    let incomplete: &[(&str, &str)] = &[
        ("A config push at 14:00 UTC.", "TODO"),
        ("owner: @mary, ticket: SHOP-123", "owner: @mary"),
    ];
    let mut as_draft = incomplete.to_vec();
    as_draft.push(AS_DRAFT);
    let wiki = TestWiki::new().file(
        "postmortems/2026-11-18-checkout-errors.md",
        &clean_doc(&as_draft),
    );
    let run = wiki.pm(&["check"]);
    run.ok();
    stdout_has(
        &run,
        "warning[section-empty]: the section \"Trigger\" is empty",
    );
    stdout_has(
        &run,
        "pm check: 2 warnings in 1 file (1 document checked)\n",
    );

    let wiki = TestWiki::new().file(
        "postmortems/2026-11-18-checkout-errors.md",
        &clean_doc(incomplete),
    );
    let run = wiki.pm(&["check"]);
    run.code(1);
    stdout_has(
        &run,
        "error[section-empty]: the section \"Trigger\" is empty",
    );
    stdout_has(&run, "pm check: 2 errors in 1 file (1 document checked)\n");
}

#[test]
fn exit_2_for_a_missing_path() {
    let wiki = TestWiki::new().file("postmortems/2026-11-18-checkout-errors.md", &clean_doc(&[]));
    let run = wiki.pm(&[
        "check",
        "postmortems/2026-11-19-nope.md",
        "--format",
        "json",
    ]);
    run.code(2)
        .stdout_eq("")
        .stderr_has("`postmortems/2026-11-19-nope.md`")
        .stderr_has("no such file or folder");
}

#[test]
fn exit_2_for_a_bad_format() {
    let wiki = TestWiki::new();
    wiki.pm(&["check", "--format", "xml"])
        .code(2)
        .stderr_has("xml");
}

#[test]
fn a_document_that_is_not_utf8_is_reported_and_the_others_checked() {
    let wiki = TestWiki::new()
        .file("postmortems/2026-11-18-checkout-errors.md", &clean_doc(&[]))
        .file(
            "postmortems/2026-11-20-search-slow.md",
            &clean_doc(&[("A config push at 14:00 UTC.", "TODO")]),
        );
    wiki.write(
        "postmortems/2026-11-19-latin1.md",
        b"+++\ntitle = \"Caf\xe9\"\n+++\n",
    );
    for format in ["human", "json", "github"] {
        let run = wiki.pm(&["check", "--format", format]);
        run.code(2)
            .stderr_has("could not check 1 document: `postmortems/2026-11-19-latin1.md`")
            .stderr_has("every other document was checked");
        stdout_has(&run, "not valid UTF-8");
        // The other documents are still checked and reported.
        stdout_has(&run, "2026-11-20-search-slow.md");
    }
    let run = wiki.pm(&["check", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_str(&run.stdout()).unwrap();
    assert_eq!(report["documents_checked"], 3);
    let rules: Vec<&str> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert!(rules.contains(&"unreadable"), "{rules:?}");
    assert!(rules.contains(&"section-empty"), "{rules:?}");
}

#[test]
fn a_bug_in_one_document_is_a_finding_and_the_others_are_checked() {
    let wiki = TestWiki::new()
        .file(
            "postmortems/2026-11-18-checkout-errors.md",
            &format!("{}<!-- pm:test-panic -->\n", clean_doc(&[])),
        )
        .file(
            "postmortems/2026-11-20-search-slow.md",
            &clean_doc(&[("A config push at 14:00 UTC.", "TODO")]),
        );
    let run = wiki.pm(&["check"]);
    run.code(2)
        .stderr_has("could not check 1 document: `postmortems/2026-11-18-checkout-errors.md`");
    assert!(!run.stderr().contains("panicked at"), "{}", run.stderr());
    stdout_has(
        &run,
        "error[unreadable]: pm failed on this document (panicked at src/cmd/check.rs:",
    );
    stdout_has(&run, "test panic); please report this bug with the file");
    stdout_has(
        &run,
        "error[section-empty]: the section \"Trigger\" is empty",
    );
}

// ---------------------------------------------------------------------------------------------
// Determinism.

#[test]
fn fifty_documents_give_the_same_bytes_every_time() {
    let mut wiki = TestWiki::new();
    let mut count = 0;
    'fill: for round in 0.. {
        for case in cases() {
            let case_name = case.file_name().unwrap().to_string_lossy().into_owned();
            let mut docs: Vec<PathBuf> = std::fs::read_dir(&case)
                .unwrap()
                .map(|e| e.unwrap().path())
                .filter(|p| p.extension().is_some_and(|e| e == "md"))
                .collect();
            docs.sort();
            for doc in docs {
                let name = doc.file_name().unwrap().to_string_lossy().into_owned();
                // Two layouts, so that sorting by path crosses folders.
                let rel = if round == 0 {
                    format!("postmortems/{case_name}/{name}")
                } else {
                    format!("postmortems/{case_name}-{round}-{name}")
                };
                let text = expand(&std::fs::read_to_string(&doc).unwrap());
                wiki = wiki.file(&rel, &text);
                count += 1;
                if count == 50 {
                    break 'fill;
                }
            }
        }
    }
    for format in ["human", "json", "github"] {
        let first = wiki.pm(&["check", "--format", format]);
        first.code(1);
        if format == "json" {
            assert_eq!(json(&first)["documents_checked"], 50);
        }
        for _ in 1..5 {
            let again = wiki.pm(&["check", "--format", format]);
            again.code(1);
            assert!(
                again.output.stdout == first.output.stdout,
                "{format}: output changed between runs:\n{}",
                diff(&first.stdout(), &again.stdout())
            );
        }
    }
}

// ---------------------------------------------------------------------------------------------
// `--changed-since`.

/// A document with no front matter: one `front-matter` warning, so each checked document shows
/// in the report.
fn bare_doc(title: &str) -> String {
    format!("# {title}\n\nAll times UTC.\n")
}

#[test]
fn changed_since_checks_modified_and_new_documents_only() {
    let wiki = TestWiki::git()
        .file("postmortems/2026-11-01-a.md", &bare_doc("A"))
        .file("postmortems/2026-11-02-b.md", &bare_doc("B"))
        .file("postmortems/2026-11-03-c.md", &bare_doc("C"))
        .file("postmortems/README.md", "# Post-mortems\n");
    wiki.git_cmd(&["add", "."]);
    wiki.git_cmd(&["commit", "-q", "-m", "three post-mortems"]);
    wiki.write("postmortems/2026-11-01-a.md", bare_doc("A, edited"));
    wiki.write("postmortems/2026-11-04-d.md", bare_doc("D"));
    std::fs::remove_file(wiki.path("postmortems/2026-11-03-c.md")).unwrap();
    // The index page is not a post-mortem, and a file outside the folder is not either.
    wiki.write("postmortems/README.md", "# Post-mortems\n\n- A\n");
    wiki.write("Home.md", "# Home\n");

    let files = |run: &Run| -> Vec<String> {
        let report = json(run);
        let mut files: Vec<String> = report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["file"].as_str().unwrap().to_string())
            .collect();
        files.dedup();
        files
    };
    let run = wiki.pm(&["check", "--changed-since", "HEAD", "--format", "json"]);
    run.ok();
    assert_eq!(json(&run)["documents_checked"], 2, "{}", run.stdout());
    assert_eq!(
        files(&run),
        ["postmortems/2026-11-01-a.md", "postmortems/2026-11-04-d.md"]
    );

    // A staged new document counts too, and so does running from inside the folder.
    wiki.write("postmortems/2026-11-05-e.md", bare_doc("E"));
    wiki.git_cmd(&["add", "postmortems/2026-11-05-e.md"]);
    let run = wiki.pm(&["check", "--changed-since", "HEAD", "--format", "json"]);
    assert_eq!(json(&run)["documents_checked"], 3, "{}", run.stdout());

    // With paths as well: the changed documents among them.
    let run = wiki.pm(&[
        "check",
        "--changed-since",
        "HEAD",
        "--format",
        "json",
        "postmortems/2026-11-01-a.md",
        "postmortems/2026-11-02-b.md",
    ]);
    run.ok();
    assert_eq!(files(&run), ["postmortems/2026-11-01-a.md"]);
    assert_eq!(json(&run)["documents_checked"], 1);
}

#[test]
fn changed_since_from_a_subfolder() {
    let wiki = TestWiki::git().file("postmortems/2026-11-01-a.md", &bare_doc("A"));
    wiki.git_cmd(&["add", "."]);
    wiki.git_cmd(&["commit", "-q", "-m", "one"]);
    wiki.write("postmortems/2026-11-02-b.md", bare_doc("B"));
    let wiki = wiki.cwd("postmortems");
    let run = wiki.pm(&["check", "--changed-since", "HEAD", "--format", "json"]);
    run.ok();
    let report = json(&run);
    assert_eq!(report["documents_checked"], 1);
    assert_eq!(report["findings"][0]["file"], "postmortems/2026-11-02-b.md");
}

#[test]
fn changed_since_a_bad_revision_exits_2_naming_it() {
    let wiki = TestWiki::git().file("postmortems/2026-11-01-a.md", &bare_doc("A"));
    wiki.git_cmd(&["add", "."]);
    wiki.git_cmd(&["commit", "-q", "-m", "one"]);
    wiki.pm(&[
        "check",
        "--changed-since",
        "no-such-branch",
        "--format",
        "json",
    ])
    .code(2)
    .stdout_eq("")
    .stderr_has("`no-such-branch`");
}

// ---------------------------------------------------------------------------------------------
// `PATH…` arguments.

/// A git wiki, so that `pm` finds its root from a subfolder.
fn paths_wiki() -> TestWiki {
    TestWiki::git()
        .file("postmortems/2025/2025-06-01-search.md", &bare_doc("Search"))
        .file("postmortems/2025/2025-07-01-queue.md", &bare_doc("Queue"))
        .file("postmortems/2026-11-18-checkout-errors.md", &clean_doc(&[]))
        .file("postmortems/README.md", "# Post-mortems\n")
        .file("Home.md", "# Home\n")
}

fn checked_files(run: &Run) -> (u64, Vec<String>) {
    let report = json(run);
    let mut files: Vec<String> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["file"].as_str().unwrap().to_string())
        .collect();
    files.dedup();
    (report["documents_checked"].as_u64().unwrap(), files)
}

#[test]
fn no_path_checks_the_post_mortem_folder_without_its_index() {
    let wiki = paths_wiki();
    let run = wiki.pm(&["check", "--format", "json"]);
    run.ok();
    assert_eq!(
        checked_files(&run),
        (
            3,
            vec![
                "postmortems/2025/2025-06-01-search.md".to_string(),
                "postmortems/2025/2025-07-01-queue.md".to_string(),
            ]
        )
    );
}

#[test]
fn a_single_file() {
    let wiki = paths_wiki();
    let run = wiki.pm(&[
        "check",
        "--format",
        "json",
        "postmortems/2025/2025-07-01-queue.md",
    ]);
    run.ok();
    assert_eq!(
        checked_files(&run),
        (1, vec!["postmortems/2025/2025-07-01-queue.md".to_string()])
    );
}

#[test]
fn a_folder() {
    let wiki = paths_wiki();
    let run = wiki.pm(&["check", "--format", "json", "postmortems/2025"]);
    run.ok();
    assert_eq!(
        checked_files(&run),
        (
            2,
            vec![
                "postmortems/2025/2025-06-01-search.md".to_string(),
                "postmortems/2025/2025-07-01-queue.md".to_string(),
            ]
        )
    );
}

#[test]
fn paths_given_from_a_subfolder_are_reported_from_the_wiki_root() {
    let wiki = paths_wiki().cwd("postmortems/2025");
    let run = wiki.pm(&["check", "--format", "json", "2025-07-01-queue.md"]);
    run.ok();
    assert_eq!(
        checked_files(&run),
        (1, vec!["postmortems/2025/2025-07-01-queue.md".to_string()])
    );
    let run = wiki.pm(&["check", "--format", "github", "."]);
    run.ok();
    stdout_has(
        &run,
        "::warning file=postmortems/2025/2025-06-01-search.md,",
    );
}

#[test]
fn a_document_named_twice_is_checked_once() {
    let wiki = paths_wiki();
    let run = wiki.pm(&[
        "check",
        "--format",
        "json",
        "postmortems/2025",
        "./postmortems/2025/2025-07-01-queue.md",
    ]);
    run.ok();
    assert_eq!(
        checked_files(&run),
        (
            2,
            vec![
                "postmortems/2025/2025-06-01-search.md".to_string(),
                "postmortems/2025/2025-07-01-queue.md".to_string(),
            ]
        )
    );
}

// ---------------------------------------------------------------------------------------------
// Rule behaviour that the fixtures cannot show because it is wrong today.

#[test]
fn front_matter_values_of_the_wrong_type_are_reported() {
    let doc = clean_doc(&[
        ("title = \"Checkout errors\"", "title = 42"),
        ("severity = \"SEV2\"", "severity = 2"),
        ("status = \"review\"", "status = 3"),
    ]);
    let wiki = TestWiki::new().file("postmortems/2026-11-18-checkout-errors.md", &doc);
    let run = wiki.pm(&["check", "--format", "json"]);
    let report = json(&run);
    let lines: Vec<u64> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "front-matter")
        .map(|f| f["line"].as_u64().unwrap())
        .collect();
    assert_eq!(lines, [2, 3, 4], "{}", run.stdout());
    run.code(1);
}

#[test]
fn a_misspelt_rule_in_pm_toml_is_reported() {
    let wiki = TestWiki::new()
        .file("pm.toml", "[rules]\nblmae = \"off\"\n")
        .file("postmortems/2026-11-18-checkout-errors.md", &clean_doc(&[]));
    let run = wiki.pm(&["check"]);
    assert_ne!(run.output.status.code(), Some(0), "{}", run.stdout());
    run.stderr_has("blmae");
}

#[test]
fn aws_key_message_uses_an() {
    let doc = clean_doc(&[(
        "We rolled the config back.",
        "We rolled the config back and found @@AWS_ACCESS_KEY@@ in a log.",
    )]);
    let wiki = TestWiki::new().file("postmortems/2026-11-18-checkout-errors.md", &doc);
    let run = wiki.pm(&["check", "--format", "json"]);
    run.code(1);
    assert_eq!(
        json(&run)["findings"][0]["message"],
        "an AWS access key is pasted here (AKIA…)"
    );
}

#[test]
fn human_error_outside_the_root_cause_is_not_blame() {
    let doc = clean_doc(&[(
        "The alert fired within five minutes.",
        "We ruled out human error within minutes, thanks to the audit log.",
    )]);
    let wiki = TestWiki::new().file("postmortems/2026-11-18-checkout-errors.md", &doc);
    let run = wiki.pm(&["check", "--format", "json"]);
    run.ok();
    assert_eq!(
        rules_of(&json(&run)),
        Vec::<String>::new(),
        "{}",
        run.stdout()
    );
}

/// The action rules read action items in every form and judge them fairly: done items,
/// sub-bullets, a priority legend and "If we have time" items need no owner or ticket, and a
/// document whose action items are a table under another name has action items.
#[test]
fn action_rules_on_real_forms() {
    let item = "- [ ] Validate the price table on load — owner: @mary, ticket: SHOP-123, due: 2026-12-04\n";
    let fair = clean_doc(&[(
        item,
        "- [ ] Validate the price table on load — owner: @mary, ticket: SHOP-123, due: 2026-12-04\n  \
         - check the loader first\n  - then the cache\n- [x] Roll the config back\n- ✅ Page the vendor\n\
         - ~~Drop the cache~~\n\nPriority legend:\n\n- **P0**: must do now\n- **P1**: next sprint\n\n\
         ## If we have time\n\n- Rewrite the loader\n",
    )]);
    let wiki = TestWiki::new().file("postmortems/2026-11-18-checkout-errors.md", &fair);
    wiki.pm(&["check"])
        .ok()
        .stdout_eq("pm check: no problems in 1 document\n");

    let table = clean_doc(&[
        ("## Action items\n", "## Corrective Actions\n"),
        (
            item,
            "| Action | Expected Date | Status |\n|---|---|---|\n| Enable nftables | Jul 16, 2023 | Done |\n\
             | Bind Redis to private IPs | Jul 17, 2023 | To Do |\n",
        ),
    ]);
    let wiki = TestWiki::new().file("postmortems/2026-11-18-checkout-errors.md", &table);
    let report = json(&wiki.pm(&["check", "--format", "json"]));
    let rules = rules_of(&report);
    assert!(!rules.contains(&"actions-none".to_string()), "{report:#}");
    let incomplete: Vec<&Value> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "action-incomplete")
        .collect();
    assert_eq!(incomplete.len(), 1, "{report:#}");
    assert_eq!(
        incomplete[0]["message"],
        "the action item \"Bind Redis to private IPs\" has no owner and no ticket"
    );
}
