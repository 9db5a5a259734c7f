//! `pm list`, `pm actions` and `pm action done` over a fixture wiki with every status and the
//! edge cases real wikis have.

use crate::support::{self, TestWiki};

const DRAFT_OVERDUE: &str = "+++
title = \"Checkout outage\"
severity = \"SEV2\"
status = \"draft\"
started = 2026-11-02T14:05:00Z
review_by = 2026-11-09
lead = \"Alice Example\"
+++

# Checkout outage

## Action items

- [ ] Alert on price mismatches — owner: @mary, ticket: SHOP-123, due: 2026-11-15
- [x] Roll back v2.3 — owner: @bob, ticket: SHOP-124, due: 2026-11-03
- [ ] Add a canary, with \"quotes\" — owner: @mary

## If we have time

- [ ] Rewrite the pricing cache
";

const PUBLISHED: &str = "+++
title = \"DNS failure\"
severity = \"SEV1\"
status = \"published\"
started = 2026-10-01T08:00:00+02:00
review_by = 2026-10-08
lead = \"Bob\"
+++

# DNS failure

## Follow-ups

| Action | Owner | Ticket | Due |
|---|---|---|---|
| Lower the TTL | @carol | OPS-7 | 2026-12-01 |
";

const BROKEN_FRONT_MATTER: &str = "+++
title = \"Queue backlog
severity = SEV3
+++

# Queue backlog

## Action items

- [ ] Page on queue depth — owner: @dan
";

const NO_FRONT_MATTER: &str = "# 2025-06-01 Search outage\n\nAll times UTC.\n\n## Action items\n\n* Fix the index job (owner: @erin)\n";

fn fixture() -> TestWiki {
    TestWiki::git()
        .file("postmortems/2026-11-02-checkout-outage.md", DRAFT_OVERDUE)
        .file("postmortems/2026-10-01-dns-failure.md", PUBLISHED)
        .file(
            "postmortems/2026-09-12-queue-backlog.md",
            BROKEN_FRONT_MATTER,
        )
        .file("postmortems/2025-06-01-search.md", NO_FRONT_MATTER)
        .file("postmortems/README.md", "# Index\n")
}

#[test]
fn list_newest_first_with_counts_and_overdue_reviews() {
    let wiki = fixture();
    let run = wiki.pm(&["list"]);
    run.ok();
    insta::assert_snapshot!("list_plain_rows", run.stdout());
    // The broken front matter is reported with its file and line, and the document listed.
    run.stderr_eq(
        "warning: postmortems/2026-09-12-queue-backlog.md: line 2: the front matter is not valid TOML: \
         invalid basic string, expected `\"`\n",
    );
}

#[test]
fn list_as_json_and_filtered() {
    let wiki = fixture();
    let run = wiki.pm(&["list", "--format", "json", "--status", "draft"]);
    run.ok();
    insta::assert_snapshot!("list_json_drafts", run.stdout());
    let run = wiki.pm(&["list", "--since", "2026-10-01", "--severity", "sev1"]);
    run.ok();
    assert_eq!(run.stdout().lines().count(), 1, "{}", run.stdout());
    assert!(run.stdout().contains("DNS failure"));
}

#[test]
fn list_rejects_a_bad_date() {
    let wiki = fixture();
    wiki.pm(&["list", "--since", "last week"])
        .code(2)
        .stderr_has("`last week` is not a date like `2026-11-20`");
}

#[test]
fn actions_across_the_wiki() {
    let wiki = fixture();
    let run = wiki.pm(&["actions", "--format", "json"]);
    run.ok();
    insta::assert_snapshot!("actions_json", run.stdout());
    let open = wiki.pm(&["actions", "--open", "--overdue"]);
    open.ok();
    assert_eq!(
        open.stdout(),
        "overdue\tAlert on price mismatches\t@mary\tSHOP-123\t2026-11-15\t\
         postmortems/2026-11-02-checkout-outage.md:14\n"
    );
    let mary = wiki.pm(&["actions", "--owner", "mary", "--ticket-missing"]);
    mary.ok();
    assert_eq!(mary.stdout().lines().count(), 1, "{}", mary.stdout());
    assert!(mary.stdout().contains("Add a canary"));
}

#[test]
fn actions_csv_reads_back_with_a_csv_parser() {
    let wiki = fixture();
    let run = wiki.pm(&["actions", "--open", "--format", "csv"]);
    run.ok();
    let out = run.stdout();
    let mut reader = csv::Reader::from_reader(out.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_string)
        .collect();
    assert_eq!(
        headers,
        ["Summary", "Assignee", "Due date", "Labels", "Description"]
    );
    let rows: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect();
    let canary = rows
        .iter()
        .find(|r| r[0].starts_with("Add a canary"))
        .expect("the canary item");
    assert_eq!(canary[0], "Add a canary, with \"quotes\"");
    assert_eq!(canary[1], "mary");
    assert_eq!(canary[3], "postmortem");
    assert!(
        canary[4].contains("postmortems/2026-11-02-checkout-outage.md"),
        "{canary:?}"
    );
    assert!(rows.iter().all(|r| r.len() == 5));
    assert!(
        !rows.iter().any(|r| r[0].starts_with("Roll back")),
        "done items are not open"
    );
}

#[test]
fn action_done_ticks_one_byte() {
    let wiki = fixture();
    let before = wiki.read("postmortems/2026-11-02-checkout-outage.md");
    wiki.pm(&["action", "done", "shop-123"]).ok().stdout_eq(
        "done: Alert on price mismatches (postmortems/2026-11-02-checkout-outage.md:14)\n",
    );
    let after = wiki.read("postmortems/2026-11-02-checkout-outage.md");
    assert_eq!(before.len(), after.len());
    let changed: Vec<usize> = (0..before.len())
        .filter(|&i| before.as_bytes()[i] != after.as_bytes()[i])
        .collect();
    assert_eq!(changed.len(), 1);
    assert_eq!(after.as_bytes()[changed[0]], b'x');
    // Again: nothing to do, said on stderr, file untouched.
    wiki.pm(&["action", "done", "SHOP-123"])
        .ok()
        .stderr_has("already done: Alert on price mismatches");
    assert_eq!(
        wiki.read("postmortems/2026-11-02-checkout-outage.md"),
        after
    );
}

#[test]
fn action_done_refuses_what_it_cannot_tick() {
    let wiki = fixture();
    wiki.pm(&["action", "done", "nothing like this"])
        .code(1)
        .stderr_has("no action item matches `nothing like this`");
    wiki.pm(&["action", "done", "mary"])
        .code(1)
        .stderr_has("no action item matches `mary`");
    wiki.pm(&["action", "done", "a"])
        .code(1)
        .stderr_has("matches 5 action items:");
    let before = wiki.read("postmortems/2026-10-01-dns-failure.md");
    wiki.pm(&["action", "done", "OPS-7"])
        .code(1)
        .stderr_has("postmortems/2026-10-01-dns-failure.md:16 has no checkbox (`- [ ]`) to tick");
    assert_eq!(wiki.read("postmortems/2026-10-01-dns-failure.md"), before);
}

#[test]
fn the_real_corpus_lists_without_errors() {
    let corpus = support::corpus();
    if !support::require(
        &format!("the post-mortem corpus at `{}`", corpus.display()),
        "set `PM_CORPUS` to a folder of post-mortems, or put the shared corpus at \
         `../shared/corpus` beside the repository",
        corpus.is_dir(),
    ) {
        return;
    }
    let wiki = TestWiki::git();
    // Every file, the templates too: none may stop the listing.
    wiki.write("pm.toml", "exclude = []\n");
    let files = walk(&corpus);
    for entry in &files {
        let rel = entry
            .strip_prefix(&corpus)
            .unwrap()
            .to_string_lossy()
            .replace('/', "__");
        wiki.write(&format!("postmortems/{rel}"), std::fs::read(entry).unwrap());
    }
    let count = files.len();
    let list = wiki.pm(&["list"]);
    list.ok();
    assert_eq!(list.stdout().lines().count(), count);
    wiki.pm(&["actions", "--format", "json"]).ok();
    wiki.pm(&["actions", "--format", "csv"]).ok();
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else if path.extension().is_some_and(|e| e == "md")
            && path.file_name().is_some_and(|n| n != "SOURCES.md")
        {
            out.push(path);
        }
    }
    out.sort();
    out
}

/// Right after `pm init` there is no `postmortems/` folder yet: still a wiki, with nothing in it.
#[test]
fn a_fresh_wiki_lists_and_checks_nothing() {
    let wiki = TestWiki::git();
    wiki.pm(&["init"]).ok();
    wiki.git_cmd(&["add", "pm.toml"]);
    wiki.git_cmd(&["commit", "-q", "-m", "Start the wiki"]);
    assert!(!wiki.path("postmortems").exists());
    for args in [
        &["list"][..],
        &["actions"],
        &["actions", "--open", "--overdue"],
        &["check", "--format", "github"],
    ] {
        wiki.pm(args).ok().stdout_eq("").stderr_eq("");
    }
    for args in [
        &["list", "--format", "json"][..],
        &["actions", "--format", "json"],
    ] {
        wiki.pm(args).ok().stdout_eq("[]\n").stderr_eq("");
    }
    wiki.pm(&["actions", "--format", "csv"])
        .ok()
        .stdout_eq("Summary,Assignee,Due date,Labels,Description\r\n");
    for args in [&["check"][..], &["check", "--changed-since", "HEAD"]] {
        wiki.pm(args)
            .ok()
            .stdout_eq("pm check: no problems in 0 documents\n")
            .stderr_eq("");
    }
    let empty = "{\n  \"version\": 1,\n  \"documents_checked\": 0,\n  \"summary\": {\n    \
                 \"errors\": 0,\n    \"warnings\": 0\n  },\n  \"findings\": []\n}\n";
    wiki.pm(&["check", "--format", "json"])
        .ok()
        .stdout_eq(empty);
    wiki.pm(&["check", "--format", "json", "--changed-since", "HEAD"])
        .ok()
        .stdout_eq(empty);
    // Nothing was created by looking.
    assert!(!wiki.path("postmortems").exists());
}
