//! `pm check --write-baseline`: a wiki's old findings held back, new ones still reported.

use serde_json::Value;

use crate::support::TestWiki;

const BASELINE: &str = ".pm/check-baseline.json";

/// A hand-written post-mortem of the kind a team already has: no front matter, a missing
/// section, an action item without owner or ticket.
const OLD: &str = "# Checkout outage\n\n## Summary\n\nCheckout failed.\n\n## Timeline\n\n\
    - 2026-11-18 14:05 UTC paged\n\n## Action items\n\n- [ ] Add an alert\n";

fn wiki() -> TestWiki {
    TestWiki::git()
        .file("pm.toml", "")
        .file("postmortems/2026-11-18-checkout.md", OLD)
        .file(
            "postmortems/2026-11-19-search.md",
            &OLD.replace("Checkout", "Search"),
        )
}

fn json(run: &crate::support::Run) -> Value {
    serde_json::from_str(&run.stdout()).unwrap()
}

#[test]
fn old_findings_are_held_back_and_new_ones_reported() {
    let wiki = wiki();
    let before = wiki.pm(&["check", "--format", "json"]);
    before.code(0);
    let total = json(&before)["findings"].as_array().unwrap().len();
    assert!(total > 4, "{}", before.stdout());

    let run = wiki.pm(&["check", "--write-baseline"]);
    run.code(0)
        .stderr_has(&format!("wrote {total} findings to `{BASELINE}`"));
    assert!(run.stdout().ends_with(&format!(
        "pm check: no problems in 2 documents; {total} findings held back by the baseline\n"
    )));
    let file: Value = serde_json::from_str(&wiki.read(BASELINE)).unwrap();
    assert_eq!(file["version"], 1);
    assert!(
        wiki.read(BASELINE)
            .contains("\"line_text\": \"- [ ] Add an alert\"")
    );

    // A line added on top and a word changed elsewhere revive nothing.
    let doc = "postmortems/2026-11-18-checkout.md";
    wiki.write(
        doc,
        format!(
            "Imported from Confluence.\n\n{}",
            OLD.replace("failed", "broke")
        ),
    );
    wiki.pm(&["check"]).code(0).stdout_eq(&format!(
        "pm check: no problems in 2 documents; {total} findings held back by the baseline\n"
    ));

    // A new action item without an owner is reported, once; the old one stays held.
    wiki.write(
        doc,
        format!("{}- [ ] Page the right team\n", wiki.read(doc)),
    );
    let run = wiki.pm(&["check", "--format", "json"]);
    let report = json(&run);
    let findings = report["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 1, "{report:#}");
    assert_eq!(findings[0]["rule"], "action-incomplete");
    assert_eq!(findings[0]["line"], 16);
    assert_eq!(report["summary"]["baselined"], total);
    assert!(findings[0].get("baselined").is_none());

    // Asked for, the held-back findings are listed and marked.
    let shown = json(&wiki.pm(&["check", "--format", "json", "--show-baselined"]));
    let all = shown["findings"].as_array().unwrap();
    assert_eq!(all.len(), total + 1);
    assert_eq!(all.iter().filter(|f| f["baselined"] == true).count(), total);
    let github = wiki
        .pm(&["check", "--format", "github", "--show-baselined"])
        .stdout();
    assert_eq!(github.matches("::notice ").count(), total, "{github}");
    assert!(github.contains("title=pm check (action-incomplete) held back by the baseline"));
    let human = wiki.pm(&["check", "--show-baselined"]).stdout();
    assert!(human.contains("held back by the baseline:\n"), "{human}");

    // `--no-baseline` reports everything.
    let all = json(&wiki.pm(&["check", "--format", "json", "--no-baseline"]));
    assert_eq!(all["findings"].as_array().unwrap().len(), total + 1);
    assert!(all["summary"].get("baselined").is_none());
}

#[test]
fn a_secret_is_never_held_back() {
    let token = format!("ghp_{}", "q7Gx2LmN9pRt4VwZ8bKd3FhJ6sYc1TeA5uPo");
    let wiki = wiki().file(
        "postmortems/2026-11-20-leak.md",
        &format!("{OLD}\nThe deploy used {token} to pull.\n"),
    );
    let run = wiki.pm(&["check", "--write-baseline"]);
    run.code(1);
    assert!(run.stdout().contains("error[secret]"), "{}", run.stdout());
    let baseline = wiki.read(BASELINE);
    assert!(
        !baseline.contains("secret") && !baseline.contains("ghp_"),
        "{baseline}"
    );
    wiki.pm(&["check"]).code(1);
}

#[test]
fn a_fixed_finding_is_reported_as_a_stale_entry() {
    let wiki = wiki();
    wiki.pm(&["check", "--write-baseline"]).code(0);
    let doc = "postmortems/2026-11-19-search.md";
    wiki.write(
        doc,
        wiki.read(doc).replace(
            "- [ ] Add an alert",
            "- [ ] Add an alert — owner: @ana, ticket: OPS-1",
        ),
    );
    wiki.pm(&["check"]).code(0).stderr_has(
        "note: `.pm/check-baseline.json` holds 1 finding that is no longer found (fixed \
         since); run `pm check --write-baseline` to drop it",
    );
    // Refreshed, the note goes away.
    wiki.pm(&["check", "--write-baseline"]).code(0);
    assert!(!wiki.pm(&["check"]).code(0).stderr().contains("note:"));
}

#[test]
fn writing_the_baseline_for_some_documents_keeps_the_others() {
    let wiki = wiki();
    wiki.pm(&["check", "--write-baseline"]).code(0);
    let before = wiki.read(BASELINE);
    let doc = "postmortems/2026-11-19-search.md";
    wiki.write(doc, format!("{}- [ ] Another one\n", wiki.read(doc)));
    wiki.pm(&["check"]).code(0).stdout().contains("1 warning");
    wiki.pm(&[
        "check",
        "--write-baseline",
        &wiki.path(doc).to_string_lossy(),
    ])
    .code(0);
    let after = wiki.read(BASELINE);
    assert!(after.contains("Another one"), "{after}");
    // The other document's entries are as they were.
    let checkout = |text: &str| text.matches("2026-11-18-checkout.md").count();
    assert_eq!(checkout(&after), checkout(&before));
    wiki.pm(&["check"]).code(0).stdout_eq(&format!(
        "pm check: no problems in 2 documents; {} findings held back by the baseline\n",
        json(&wiki.pm(&["check", "--format", "json"]))["summary"]["baselined"]
    ));
}

#[test]
fn a_broken_baseline_stops_the_check() {
    let wiki = wiki();
    wiki.pm(&["check", "--write-baseline"]).code(0);
    wiki.write(BASELINE, "<<<<<<< HEAD\n{}\n");
    let run = wiki.pm(&["check"]);
    run.code(2)
        .stderr_has("error: cannot read the check baseline")
        .stderr_has("(line 1, column 1)")
        .stderr_has("hint: fix the file (a merge conflict?), or write it again with `pm check --write-baseline`");
    assert_eq!(run.stdout(), "");
    wiki.pm(&["check", "--no-baseline", "--write-baseline"])
        .code(2)
        .stderr_has("cannot be used with");
}
