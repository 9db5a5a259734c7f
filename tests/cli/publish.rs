//! `pm publish` against real repositories: what the commit holds and who wrote it, that nothing
//! else in the clone changes, the index page, a remote that moved on (rebase and the union of
//! timeline entries and action items), real conflicts, two clones publishing at once, every
//! refusal, the flags, and a server whose hook rejects the push.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Child;
use std::time::{Duration, Instant};

use crate::support::{self, Remote, TestWiki};

const DOC: &str = "postmortems/2026-11-20-checkout-outage.md";
const INDEX: &str = "postmortems/README.md";

// ---------------------------------------------------------------------------------------------
// Helpers

/// `pm new --no-input -s SEV2 TITLE [ARGS…]`; the new document's path.
fn new_doc(wiki: &TestWiki, title: &str, args: &[&str]) -> String {
    let mut all = vec!["new", "--no-input", "-s", "SEV2", title];
    all.extend_from_slice(args);
    let run = wiki.pm(&all);
    run.ok();
    run.stdout().trim_end().to_string()
}

/// Fill every section of `doc` (a `pm new` document) so that it passes `pm check` as published.
fn complete(wiki: &TestWiki, doc: &str) {
    let text: String = wiki
        .read(doc)
        .split_inclusive('\n')
        .map(|l| {
            if l.starts_with("<!-- ") && l.trim_end().ends_with(" -->") {
                "Written.\n"
            } else {
                l
            }
        })
        .collect();
    wiki.write(doc, text);
    wiki.pm(&["timeline", "add", "--doc", doc, "--at", "14:06", "Paged"])
        .ok();
    wiki.pm(&[
        "action",
        "add",
        "--doc",
        doc,
        "--owner",
        "@sre",
        "--ticket",
        "INC-1",
        "--due",
        "2026-12-04",
        "Alert on errors",
    ])
    .ok();
}

fn identity(wiki: &TestWiki, name: &str, email: &str) {
    wiki.git_cmd(&["config", "user.name", name]);
    wiki.git_cmd(&["config", "user.email", email]);
}

fn head(wiki: &TestWiki) -> String {
    wiki.git_cmd(&["rev-parse", "HEAD"]).trim().to_string()
}

/// The paths the commit at HEAD changed.
fn committed_paths(wiki: &TestWiki) -> Vec<String> {
    wiki.git_cmd(&["show", "--name-only", "--format=", "HEAD"])
        .lines()
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

/// Everything `pm publish` could disturb in a clone: HEAD, the branch HEAD is on, the index
/// (with stages), the status, and every file's bytes.
#[derive(Debug, PartialEq, Eq)]
struct State {
    head: String,
    branch: String,
    index: String,
    status: String,
    files: BTreeMap<String, Bytes>,
}

/// File contents, compared byte for byte, printed as text.
#[derive(PartialEq, Eq)]
struct Bytes(Vec<u8>);

impl std::fmt::Debug for Bytes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:?}", String::from_utf8_lossy(&self.0))
    }
}

fn state(wiki: &TestWiki) -> State {
    let text = |args: &[&str]| String::from_utf8_lossy(&wiki.git_output(args).stdout).into_owned();
    State {
        head: text(&["rev-parse", "-q", "--verify", "HEAD"]),
        branch: text(&["symbolic-ref", "-q", "HEAD"]),
        index: text(&["ls-files", "-s"]),
        status: text(&["status", "--porcelain=v1"]),
        files: wiki
            .files()
            .into_iter()
            .map(|f| {
                let bytes = Bytes(wiki.read_bytes(&f));
                (f, bytes)
            })
            .collect(),
    }
}

/// The user's own work in progress, in every shape git knows, none of it `pm`'s.
const DIRT: [&str; 4] = [
    "notes/staged-new.md",
    "docs/staged-edit.md",
    "docs/unstaged-edit.md",
    "scratch.txt",
];

/// Commit the two tracked files the dirt needs (and push them when there is a remote).
fn commit_tracked(wiki: &TestWiki, push: bool) {
    wiki.write("docs/staged-edit.md", "# Runbook\n\nOriginal.\n");
    wiki.write("docs/unstaged-edit.md", "# On-call\n\nOriginal.\n");
    wiki.git_cmd(&["add", "docs"]);
    wiki.git_cmd(&["commit", "-q", "-m", "Add the runbooks"]);
    if push {
        wiki.git_cmd(&["push", "-q"]);
    }
}

/// Make the dirt (the tracked files must exist, see [`commit_tracked`]).
fn make_dirt(wiki: &TestWiki) {
    wiki.write("notes/staged-new.md", "staged, new\r\nno final newline");
    wiki.git_cmd(&["add", "notes/staged-new.md"]);
    wiki.write("docs/staged-edit.md", "# Runbook\n\nStaged change.\n");
    wiki.git_cmd(&["add", "docs/staged-edit.md"]);
    wiki.write(
        "docs/unstaged-edit.md",
        b"# On-call\n\nUnstaged \xff change.\n",
    );
    wiki.write("scratch.txt", "untracked\n");
}

/// The dirt as git sees it: status, staged and unstaged diffs, and the bytes of each file.
fn dirt(wiki: &TestWiki) -> (String, String, String, Vec<Vec<u8>>) {
    let mut paths = vec!["--"];
    paths.extend(DIRT);
    let with = |args: &[&str]| {
        let mut all = args.to_vec();
        all.extend(&paths);
        let out = wiki.git_output(&all);
        assert!(out.status.success(), "git {all:?}");
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    (
        with(&["status", "--porcelain=v1"]),
        with(&["diff", "--cached"]),
        with(&["diff"]),
        DIRT.iter().map(|p| wiki.read_bytes(p)).collect(),
    )
}

const DIRT_STATUS: &str =
    "M  docs/staged-edit.md\n M docs/unstaged-edit.md\nA  notes/staged-new.md\n?? scratch.txt\n";

/// The rows of the index page's table (header excluded).
fn index_rows(page: &str) -> Vec<String> {
    let start = page.find("<!-- pm:index:start -->").expect("start marker");
    let end = page.find("<!-- pm:index:end -->").expect("end marker");
    page[start..end]
        .lines()
        .filter(|l| l.starts_with("| ") && l.contains("]("))
        .map(str::to_string)
        .collect()
}

/// The link target of a row.
fn link(row: &str) -> &str {
    let open = row.find("](").unwrap() + 2;
    let close = open + row[open..].find(')').unwrap();
    &row[open..close]
}

/// The wiki path a link on the page at `index` names (`.` and `..` resolved, `%20` decoded).
fn resolve(index: &str, target: &str) -> String {
    let mut parts: Vec<&str> = index.split('/').collect();
    parts.pop();
    let target = target.replace("%20", " ");
    for part in target.split('/') {
        match part {
            ".." => {
                parts.pop();
            }
            "." | "" => {}
            p => parts.push(p),
        }
    }
    parts.join("/")
}

/// The entries (lines starting `- `) of the `## Timeline` section.
fn timeline(text: &str) -> Vec<String> {
    text.lines()
        .skip_while(|l| !l.starts_with("## Timeline"))
        .skip(1)
        .take_while(|l| !l.starts_with("## "))
        .filter(|l| l.starts_with("- "))
        .map(str::to_string)
        .collect()
}

/// A wiki with a remote, its first clone (Alice, the hermetic identity) and a second (Bob).
fn two_clones() -> (Remote, TestWiki, TestWiki) {
    let remote = Remote::new();
    let alice = remote.clone();
    let bob = remote.clone();
    identity(&bob, "Bob Builder", "bob@example.com");
    (remote, alice, bob)
}

// ---------------------------------------------------------------------------------------------
// 1. The happy path

#[test]
fn commits_exactly_the_document_and_the_index_as_the_user_and_pushes() {
    let remote = Remote::new();
    let wiki = remote.clone();
    let before = head(&wiki);
    assert_eq!(new_doc(&wiki, "Checkout outage", &[]), DOC);

    let run = wiki.pm(&["publish"]);
    run.ok()
        .stderr_has(&format!("committed {DOC}, {INDEX} on `main`"))
        .stderr_has("pushed to `origin` branch `main`");

    let mut paths = committed_paths(&wiki);
    paths.sort();
    assert_eq!(paths, [DOC, INDEX]);
    assert_eq!(
        wiki.git_cmd(&["show", "-s", "--format=%an <%ae>|%cn <%ce>|%B", "HEAD"]),
        "Alice Example <alice@example.com>|Alice Example <alice@example.com>|\
         Publish post-mortem: Checkout outage\n"
    );
    assert_eq!(wiki.git_cmd(&["rev-parse", "HEAD~1"]).trim(), before);
    assert_eq!(remote.tip(), head(&wiki));
    assert_eq!(remote.show(DOC).unwrap(), wiki.read(DOC));
    assert_eq!(remote.show(INDEX).unwrap(), wiki.read(INDEX));
    // Everything committed is staged as committed: the clone is clean.
    assert_eq!(wiki.git_cmd(&["status", "--porcelain=v1"]), "");
    // And `git` agrees with the upstream.
    assert_eq!(
        wiki.git_cmd(&["rev-parse", "@{upstream}"]).trim(),
        head(&wiki)
    );
}

#[test]
fn publishing_again_without_changes_commits_nothing() {
    let remote = Remote::new();
    let wiki = remote.clone();
    new_doc(&wiki, "Checkout outage", &[]);
    wiki.pm(&["publish"]).ok();
    let tip = head(&wiki);
    wiki.pm(&["publish"])
        .ok()
        .stderr_has("nothing new to commit");
    assert_eq!(head(&wiki), tip);
    assert_eq!(remote.tip(), tip);
}

// ---------------------------------------------------------------------------------------------
// 2. The user's other work survives byte for byte

#[test]
fn unrelated_work_survives_a_normal_publish() {
    let remote = Remote::new();
    let wiki = remote.clone();
    commit_tracked(&wiki, true);
    make_dirt(&wiki);
    new_doc(&wiki, "Checkout outage", &[]);
    let before = dirt(&wiki);
    assert_eq!(before.0, DIRT_STATUS);

    wiki.pm(&["publish"]).ok();

    assert_eq!(dirt(&wiki), before);
    let mut paths = committed_paths(&wiki);
    paths.sort();
    assert_eq!(paths, [DOC, INDEX]);
    assert_eq!(wiki.git_cmd(&["status", "--porcelain=v1"]), DIRT_STATUS);
    assert_eq!(remote.show("notes/staged-new.md"), None);
    assert_eq!(
        remote.show("docs/staged-edit.md").unwrap(),
        "# Runbook\n\nOriginal.\n"
    );
}

#[test]
fn unrelated_work_survives_a_rebase_on_the_remote() {
    let (remote, alice, bob) = two_clones();
    commit_tracked(&alice, true);
    bob.git_cmd(&["pull", "-q"]);
    new_doc(&bob, "DNS failure", &[]);
    bob.pm(&["publish"]).ok();

    make_dirt(&alice);
    new_doc(&alice, "Checkout outage", &[]);
    let before = dirt(&alice);
    alice
        .pm(&["publish"])
        .ok()
        .stderr_has("`origin` has new commits; rebasing on them")
        .stderr_has("pushed to");

    assert_eq!(dirt(&alice), before);
    let mut paths = committed_paths(&alice);
    paths.sort();
    assert_eq!(paths, [DOC, INDEX]);
    assert_eq!(alice.git_cmd(&["status", "--porcelain=v1"]), DIRT_STATUS);
    // Bob's document came along into the work tree, as `git pull` would have brought it.
    assert_eq!(
        alice.read("postmortems/2026-11-20-dns-failure.md"),
        bob.read("postmortems/2026-11-20-dns-failure.md")
    );
    assert_eq!(remote.tip(), head(&alice));
}

#[test]
fn unrelated_work_survives_a_refusal_by_the_check() {
    let remote = Remote::new();
    let wiki = remote.clone();
    commit_tracked(&wiki, true);
    make_dirt(&wiki);
    new_doc(&wiki, "Checkout outage", &[]);
    let text = wiki
        .read(DOC)
        .replace("status = \"draft\"", "status = \"review\"");
    wiki.write(DOC, &text);
    let before = state(&wiki);

    wiki.pm(&["publish"]).code(1).stderr_has("--force");

    assert_eq!(state(&wiki), before);
}

#[test]
fn unrelated_work_survives_a_refusal_by_a_real_conflict() {
    let (remote, alice, bob) = two_clones();
    commit_tracked(&alice, true);
    new_doc(&alice, "Checkout outage", &[]);
    alice.pm(&["publish"]).ok();
    bob.git_cmd(&["pull", "-q"]);
    let base = bob.read(DOC);
    let summary = "<!-- What happened, in two or three sentences: what broke, for whom, for how long, and how it was fixed. -->";
    alice.write(DOC, base.replace(summary, "The cache expired."));
    alice.pm(&["publish"]).ok();
    let alice_tip = remote.tip();

    make_dirt(&bob);
    bob.write(DOC, base.replace(summary, "DNS failed."));
    let before = dirt(&bob);
    let files_before = state(&bob).files;
    bob.pm(&["publish", DOC]).code(1);

    assert_eq!(dirt(&bob), before);
    assert_eq!(state(&bob).files, files_before);
    assert_eq!(bob.git_cmd(&["status", "--porcelain=v1"]), DIRT_STATUS);
    assert_eq!(remote.tip(), alice_tip);
}

#[test]
fn unrelated_work_survives_a_refusal_by_local_changes_to_a_file_the_remote_changed() {
    let (remote, alice, bob) = two_clones();
    commit_tracked(&alice, true);
    new_doc(&alice, "Checkout outage", &[]);
    alice.pm(&["publish"]).ok();
    bob.git_cmd(&["pull", "-q"]);
    bob.pm(&[
        "timeline",
        "add",
        "--doc",
        DOC,
        "--at",
        "14:09",
        "Rolled back",
    ])
    .ok();
    bob.pm(&["publish", DOC]).ok();
    let bob_tip = remote.tip();

    // Alice has her own unpublished edit of that document, and other work.
    make_dirt(&alice);
    alice.write(
        DOC,
        alice
            .read(DOC)
            .replace("# Checkout outage\n", "# Checkout outage!\n"),
    );
    let before = dirt(&alice);
    let files = state(&alice).files;
    let old_head = head(&alice);
    let second = new_doc(&alice, "DNS failure", &[]);
    let run = alice.pm(&["publish", &second]);
    run.code(1)
        .stderr_has(&format!(
            "the remote changed `{DOC}`, which has local changes here"
        ))
        .stderr_has("commit or stash them");

    assert_eq!(dirt(&alice), before);
    let mut files_after = state(&alice).files;
    files_after.remove(&second);
    let mut files_before = files;
    files_before.insert(INDEX.into(), Bytes(alice.read_bytes(INDEX)));
    assert_eq!(files_after, files_before);
    assert!(alice.read(DOC).contains("# Checkout outage!\n"));
    assert!(!alice.read(DOC).contains("Rolled back"));
    // The commit is kept, unpushed, on the branch where it was made.
    assert_eq!(alice.git_cmd(&["rev-parse", "HEAD~1"]).trim(), old_head);
    let mut paths = committed_paths(&alice);
    paths.sort();
    assert_eq!(paths, [second.as_str(), INDEX]);
    assert_eq!(remote.tip(), bob_tip);
}

/// The user's uncommitted edit of the index page's own text stays in the work tree, and does
/// not stop a rebase: the page is regenerated, not merged.
#[test]
fn an_uncommitted_edit_of_the_index_page_text_does_not_stop_a_rebase() {
    let (remote, alice, bob) = two_clones();
    new_doc(&alice, "Checkout outage", &[]);
    alice.pm(&["publish"]).ok();
    bob.git_cmd(&["pull", "-q"]);
    new_doc(&bob, "DNS failure", &["--started", "2026-11-19 10:00"]);
    bob.pm(&["publish"]).ok();

    let edited = alice
        .read(INDEX)
        .replace("# Post-mortems\n", "# Post-mortems\n\nAsk #sre first.\n");
    alice.write(INDEX, &edited);
    let doc = new_doc(&alice, "Queue backlog", &[]);
    alice.pm(&["publish", &doc]).ok().stderr_has("pushed to");

    let page = remote.show(INDEX).unwrap();
    assert_eq!(index_rows(&page).len(), 3, "{page}");
    assert!(!page.contains("Ask #sre first."));
    assert_eq!(
        alice.read(INDEX),
        page.replace("# Post-mortems\n", "# Post-mortems\n\nAsk #sre first.\n")
    );
}

#[test]
fn a_staged_edit_of_the_index_page_text_is_not_swept_in() {
    let remote = Remote::new();
    let wiki = remote.clone();
    new_doc(&wiki, "Checkout outage", &[]);
    wiki.pm(&["publish"]).ok();
    let committed = wiki.read(INDEX);
    let edited = committed.replace("# Post-mortems\n", "# Post-mortems\n\nAsk #sre first.\n");
    assert_ne!(edited, committed);
    wiki.write(INDEX, &edited);
    wiki.git_cmd(&["add", INDEX]);

    let second = new_doc(&wiki, "DNS failure", &[]);
    wiki.pm(&["publish", &second]).ok();

    let in_commit = wiki.git_cmd(&["show", &format!("HEAD:{INDEX}")]);
    assert!(!in_commit.contains("Ask #sre first."), "{in_commit}");
    assert!(in_commit.contains("[DNS failure]"), "{in_commit}");
    assert_eq!(remote.show(INDEX).unwrap(), in_commit);
    // The user's text is still in the work tree, with the new table.
    let on_disk = wiki.read(INDEX);
    assert_eq!(
        on_disk,
        in_commit.replace("# Post-mortems\n", "# Post-mortems\n\nAsk #sre first.\n")
    );
    // …and is the only difference from the commit (no longer staged, but not lost).
    let diff = wiki.git_cmd(&["diff", "HEAD", "--", INDEX]);
    assert!(diff.contains("+Ask #sre first."), "{diff}");
    assert_eq!(
        diff.lines().filter(|l| l.starts_with('+')).count(),
        3,
        "{diff}"
    );
}

// ---------------------------------------------------------------------------------------------
// 3. The index page

#[test]
fn the_index_keeps_the_text_around_its_block_and_lists_newest_first() {
    let remote = Remote::new();
    let wiki = remote.clone();
    wiki.write(
        INDEX,
        "# Incidents\n\nHow we write post-mortems: see the handbook.\n\n\
         <!-- pm:index:start -->\nwhatever was here\n<!-- pm:index:end -->\n\n\
         Questions? Ask in #sre.\n",
    );
    wiki.git_cmd(&["add", INDEX]);
    wiki.git_cmd(&["commit", "-q", "-m", "Index page"]);
    wiki.git_cmd(&["push", "-q"]);

    let docs = [
        new_doc(&wiki, "Queue backlog", &["--started", "2026-11-15 09:00"]),
        new_doc(&wiki, "Checkout outage", &[]),
        new_doc(&wiki, "DNS failure", &["--started", "2026-11-18 22:30"]),
    ];
    let mut args = vec!["publish"];
    args.extend(docs.iter().map(String::as_str));
    wiki.pm(&args).ok();
    assert_eq!(
        wiki.git_cmd(&["log", "-1", "--format=%B"]),
        "Publish 3 post-mortems\n\n- Queue backlog\n- Checkout outage\n- DNS failure\n"
    );

    let page = remote.show(INDEX).unwrap();
    assert_eq!(wiki.read(INDEX), page);
    assert!(page.starts_with(
        "# Incidents\n\nHow we write post-mortems: see the handbook.\n\n<!-- pm:index:start -->\n"
    ));
    assert!(page.ends_with("<!-- pm:index:end -->\n\nQuestions? Ask in #sre.\n"));
    assert!(!page.contains("whatever was here"));
    let rows = index_rows(&page);
    let titles: Vec<&str> = rows
        .iter()
        .map(|r| r.split('[').nth(1).unwrap().split(']').next().unwrap())
        .collect();
    assert_eq!(titles, ["Checkout outage", "DNS failure", "Queue backlog"]);
    for row in &rows {
        let target = resolve(INDEX, link(row));
        assert!(
            docs.contains(&target) && remote.show(&target).is_some(),
            "{row} links to {target}"
        );
    }
    insta::assert_snapshot!("publish_index_page", page);
}

#[test]
fn a_wiki_home_page_index_links_without_md() {
    let remote = Remote::new();
    let wiki = remote.clone();
    wiki.write("pm.toml", "index = \"Home.md\"\n");
    wiki.write("Home.md", "# Team wiki\n\nWelcome.\n");
    wiki.git_cmd(&["add", "pm.toml", "Home.md"]);
    wiki.git_cmd(&["commit", "-q", "-m", "Wiki home"]);
    wiki.git_cmd(&["push", "-q"]);

    let a = new_doc(&wiki, "Checkout outage", &[]);
    wiki.pm(&["publish"]).ok();
    let b = new_doc(&wiki, "DNS failure", &["--started", "2026-11-19 08:00"]);
    wiki.pm(&["publish"]).ok();

    let mut paths = committed_paths(&wiki);
    paths.sort();
    assert_eq!(paths, ["Home.md", b.as_str()]);
    let page = remote.show("Home.md").unwrap();
    assert!(page.starts_with("# Team wiki\n\nWelcome.\n\n<!-- pm:index:start -->\n"));
    let rows = index_rows(&page);
    assert_eq!(rows.len(), 2, "{page}");
    let links: Vec<&str> = rows.iter().map(|r| link(r)).collect();
    assert_eq!(
        links,
        [
            "postmortems/2026-11-20-checkout-outage",
            "postmortems/2026-11-19-dns-failure"
        ]
    );
    for (l, doc) in links.iter().zip([&a, &b]) {
        assert_eq!(&format!("{}.md", resolve("Home.md", l)), doc);
        assert!(remote.show(doc).is_some());
    }
    assert!(!wiki.path(INDEX).exists());
}

/// With `pm.toml` in a subfolder of the repository, the index page and the documents are
/// placed by their path in the repository.
#[test]
fn a_wiki_in_a_subfolder_of_the_repository_gets_its_own_index_page() {
    let remote = Remote::new();
    let wiki = remote.clone();
    wiki.write("docs/wiki/pm.toml", "folder = \"postmortems\"\n");
    wiki.write("src/main.c", "int main(void) { return 0; }\n");
    wiki.git_cmd(&["add", "."]);
    wiki.git_cmd(&["commit", "-q", "-m", "Code and its wiki"]);
    wiki.git_cmd(&["push", "-q"]);
    let wiki = wiki.cwd("docs/wiki");
    assert_eq!(new_doc(&wiki, "Checkout outage", &[]), DOC);

    wiki.pm(&["publish"]).ok().stderr_has("pushed to");

    let (doc, index) = (format!("docs/wiki/{DOC}"), format!("docs/wiki/{INDEX}"));
    let mut paths = committed_paths(&wiki);
    paths.sort();
    assert_eq!(paths, [doc.as_str(), index.as_str()]);
    let page = remote.show(&index).unwrap();
    let rows = index_rows(&page);
    assert_eq!(rows.len(), 1, "{page}");
    assert_eq!(resolve(&index, link(&rows[0])), doc);
    assert_eq!(wiki.git_cmd(&["status", "--porcelain=v1"]), "");
}

// ---------------------------------------------------------------------------------------------
// 4. The remote moved on

#[test]
fn when_the_remote_moved_on_the_commit_is_rebased_and_history_stays_linear() {
    let (remote, alice, bob) = two_clones();
    let bob_doc = new_doc(&bob, "DNS failure", &[]);
    bob.pm(&["publish"]).ok();
    let bob_commit = remote.tip();

    let alice_doc = new_doc(&alice, "Checkout outage", &[]);
    alice
        .pm(&["publish"])
        .ok()
        .stderr_has("rebasing")
        .stderr_has("pushed to `origin` branch `main`");

    assert_eq!(remote.tip(), head(&alice));
    assert_eq!(remote.git(&["rev-list", "--merges", "main"]), "");
    assert_eq!(
        remote.git(&["rev-parse", "main~1"]).trim(),
        bob_commit,
        "Alice's commit sits on Bob's"
    );
    assert_eq!(
        remote.git(&["log", "-2", "--format=%an|%s", "main"]),
        "Alice Example|Publish post-mortem: Checkout outage\n\
         Bob Builder|Publish post-mortem: DNS failure\n"
    );
    assert_eq!(remote.show(&bob_doc).unwrap(), bob.read(&bob_doc));
    assert_eq!(remote.show(&alice_doc).unwrap(), alice.read(&alice_doc));
    let page = remote.show(INDEX).unwrap();
    let rows = index_rows(&page);
    assert_eq!(rows.len(), 2, "{page}");
    assert!(page.contains("[Checkout outage]") && page.contains("[DNS failure]"));
    // Alice's clone is where `git pull` would have left it.
    assert_eq!(alice.read(INDEX), page);
    assert_eq!(alice.git_cmd(&["status", "--porcelain=v1"]), "");
}

// ---------------------------------------------------------------------------------------------
// 5. Two responders logging into the same document

#[test]
fn timeline_entries_from_two_clones_are_united_in_time_order() {
    let (remote, alice, bob) = two_clones();
    new_doc(&alice, "Checkout outage", &[]);
    alice
        .pm(&[
            "timeline",
            "add",
            "--at",
            "14:06",
            "Paged on checkout errors",
        ])
        .ok();
    alice.pm(&["publish"]).ok();
    bob.git_cmd(&["pull", "-q"]);

    for (at, what) in [("14:08", "Rolled back v2.3"), ("14:14", "Errors back to 0")] {
        alice
            .pm(&["timeline", "add", "--doc", DOC, "--at", at, what])
            .ok();
    }
    for (at, what) in [
        ("14:10", "Opened the incident channel"),
        ("14:12", "Paged payments"),
    ] {
        bob.pm(&["timeline", "add", "--doc", DOC, "--at", at, what])
            .ok();
    }
    alice.pm(&["publish", DOC]).ok();
    bob.pm(&["publish", DOC])
        .ok()
        .stderr_has("rebasing")
        .stderr_has("pushed to");

    let text = remote.show(DOC).unwrap();
    assert!(
        !text.contains("<<<<<<<") && !text.contains(">>>>>>>"),
        "{text}"
    );
    let entries = timeline(&text);
    let whats: Vec<&str> = entries
        .iter()
        .map(|e| e.split(" — ").nth(1).unwrap())
        .collect();
    assert_eq!(
        whats,
        [
            "Paged on checkout errors (Alice Example)",
            "Rolled back v2.3 (Alice Example)",
            "Opened the incident channel (Bob Builder)",
            "Paged payments (Bob Builder)",
            "Errors back to 0 (Alice Example)",
        ],
        "{text}"
    );
    let mut sorted = entries.clone();
    sorted.sort();
    assert_eq!(entries, sorted);
    assert_eq!(remote.git(&["rev-list", "--merges", "main"]), "");
    // Bob's clone holds what the remote holds.
    assert_eq!(bob.read(DOC), text);
    assert_eq!(bob.git_cmd(&["status", "--porcelain=v1"]), "");
}

#[test]
fn action_items_from_two_clones_are_all_kept() {
    let (remote, alice, bob) = two_clones();
    new_doc(&alice, "Checkout outage", &[]);
    alice.pm(&["publish"]).ok();
    bob.git_cmd(&["pull", "-q"]);

    let add = |wiki: &TestWiki, what: &str, ticket: &str| {
        wiki.pm(&[
            "action", "add", "--doc", DOC, "--owner", "@sre", "--ticket", ticket, what,
        ])
        .ok();
    };
    add(&alice, "Alert on price mismatches", "INC-71");
    add(&bob, "Cache prices for 5 minutes", "INC-72");
    add(&alice, "Runbook for rollbacks", "INC-73");
    alice.pm(&["publish", DOC]).ok();
    bob.pm(&["publish", DOC]).ok();

    let text = remote.show(DOC).unwrap();
    assert!(!text.contains("<<<<<<<"), "{text}");
    for ticket in ["INC-71", "INC-72", "INC-73"] {
        assert_eq!(text.matches(ticket).count(), 1, "{ticket} in\n{text}");
    }
    assert!(remote.show(INDEX).unwrap().contains("| 3 of 3 |"));
}

#[test]
fn first_entries_from_two_clones_into_an_empty_timeline_are_united() {
    let (remote, alice, bob) = two_clones();
    new_doc(&alice, "Checkout outage", &[]);
    alice.pm(&["publish"]).ok();
    bob.git_cmd(&["pull", "-q"]);
    for (at, what) in [("14:07", "A one"), ("14:12", "A two")] {
        alice
            .pm(&["timeline", "add", "--doc", DOC, "--at", at, what])
            .ok();
    }
    for (at, what) in [("14:10", "B one"), ("14:06", "B zero")] {
        bob.pm(&["timeline", "add", "--doc", DOC, "--at", at, what])
            .ok();
    }
    alice.pm(&["publish", DOC]).ok();
    bob.pm(&["publish", DOC]).ok().stderr_has("rebasing");

    let text = remote.show(DOC).unwrap();
    assert_eq!(
        timeline(&text),
        [
            "- 2026-11-20 14:06 UTC — B zero (Bob Builder)",
            "- 2026-11-20 14:07 UTC — A one (Alice Example)",
            "- 2026-11-20 14:10 UTC — B one (Bob Builder)",
            "- 2026-11-20 14:12 UTC — A two (Alice Example)",
        ],
        "{text}"
    );
    assert!(!text.contains("<<<<<<<"));
}

/// Alice logs 14:07 and publishes; Bob, from the same published document, logs 14:08 with
/// `bob_extra` done to his copy too, and publishes: the remote must hold both entries.
fn both_log_and_bob_also(bob_extra: impl Fn(&TestWiki)) -> (Remote, String) {
    let (remote, alice, bob) = two_clones();
    new_doc(&alice, "Checkout outage", &[]);
    alice.pm(&["publish"]).ok();
    bob.git_cmd(&["pull", "-q"]);
    alice
        .pm(&["timeline", "add", "--doc", DOC, "--at", "14:07", "Paged"])
        .ok();
    alice.pm(&["publish", DOC]).ok();
    bob_extra(&bob);
    bob.pm(&["publish", DOC]).ok().stderr_has("pushed to");
    let text = remote.show(DOC).unwrap();
    assert!(!text.contains("<<<<<<<"), "{text}");
    assert_eq!(timeline(&text).len(), 2, "{text}");
    (remote, text)
}

/// Bob's `--detected` adds `detected = …` to the front matter: no conflict with Alice's entry.
#[test]
fn an_entry_logged_with_a_milestone_flag_merges_with_the_other_clones_entry() {
    let (_remote, text) = both_log_and_bob_also(|bob| {
        bob.pm(&[
            "timeline",
            "add",
            "--doc",
            DOC,
            "--at",
            "14:08",
            "--detected",
            "Checkout errors above 5%",
        ])
        .ok();
    });
    assert!(text.contains("detected = 2026-11-20T14:08:00Z"), "{text}");
}

/// Bob's Summary, which Alice never touched, merges as git would; the entries are united.
#[test]
fn an_entry_and_a_prose_edit_elsewhere_merge_with_the_other_clones_entry() {
    let (_remote, text) = both_log_and_bob_also(|bob| {
        bob.pm(&[
            "timeline",
            "add",
            "--doc",
            DOC,
            "--at",
            "14:08",
            "Rolled back",
        ])
        .ok();
        let summary = "<!-- What happened, in two or three sentences: what broke, for whom, for how long, and how it was fixed. -->";
        bob.write(
            DOC,
            bob.read(DOC)
                .replace(summary, "Checkout failed for 20 minutes."),
        );
    });
    assert!(text.contains("Checkout failed for 20 minutes."), "{text}");
}

/// Alice resolves and Bob mitigates, each with an entry, in two clones: no conflict, both
/// milestones and both entries on the remote; and when both set `detected`, the earlier wins.
#[test]
fn milestones_set_in_two_clones_are_all_kept() {
    let (remote, alice, bob) = two_clones();
    new_doc(&alice, "Checkout outage", &[]);
    alice.pm(&["publish"]).ok();
    bob.git_cmd(&["pull", "-q"]);
    let add = |who: &TestWiki, args: &[&str]| {
        let mut all = vec!["timeline", "add", "--doc", DOC];
        all.extend(args);
        who.pm(&all).ok();
    };
    add(&alice, &["--at", "14:10", "--detected", "Alert fired"]);
    add(
        &alice,
        &["--at", "14:40", "--resolved", "Error rate normal"],
    );
    alice.pm(&["publish", DOC]).ok();
    add(&bob, &["--at", "14:08", "--detected", "Customer report"]);
    add(&bob, &["--at", "14:20", "--mitigated", "Rolled back v2.3"]);
    bob.pm(&["publish", DOC]).ok().stderr_has("pushed to");
    let text = remote.show(DOC).unwrap();
    assert!(!text.contains("<<<<<<<"), "{text}");
    for line in [
        "detected = 2026-11-20T14:08:00Z\n",
        "mitigated = 2026-11-20T14:20:00Z\n",
        "resolved = 2026-11-20T14:40:00Z\n",
    ] {
        assert_eq!(text.matches(line).count(), 1, "{line}{text}");
    }
    assert_eq!(timeline(&text).len(), 4, "{text}");
    alice.git_cmd(&["pull", "-q"]);
    let check = alice.pm(&["check", DOC]).stdout();
    assert!(!check.contains("milestones"), "{check}");
}

/// The same entry logged in both clones (same time, same text) appears once.
#[test]
fn the_same_entry_logged_in_two_clones_appears_once() {
    let (remote, alice, bob) = two_clones();
    new_doc(&alice, "Checkout outage", &[]);
    alice.pm(&["publish"]).ok();
    bob.git_cmd(&["pull", "-q"]);
    for who in [&alice, &bob] {
        who.pm(&[
            "timeline", "add", "--doc", DOC, "--at", "09:10", "--author", "a", "Paged",
        ])
        .ok();
    }
    bob.pm(&[
        "timeline",
        "add",
        "--doc",
        DOC,
        "--at",
        "09:12",
        "Rolled back",
    ])
    .ok();
    alice.pm(&["publish", DOC]).ok();
    bob.pm(&["publish", DOC]).ok().stderr_has("pushed to");
    let text = remote.show(DOC).unwrap();
    let entries = timeline(&text);
    assert_eq!(entries.len(), 2, "{text}");
    assert_eq!(
        entries.iter().filter(|e| e.contains("Paged (a)")).count(),
        1,
        "{text}"
    );
}

// ---------------------------------------------------------------------------------------------
// 6. A real conflict

#[test]
fn a_real_conflict_stops_with_the_local_commit_kept_and_says_what_to_run() {
    let (remote, alice, bob) = two_clones();
    new_doc(&alice, "Checkout outage", &[]);
    alice.pm(&["publish"]).ok();
    bob.git_cmd(&["pull", "-q"]);
    let base = bob.read(DOC);
    let summary = "<!-- What happened, in two or three sentences: what broke, for whom, for how long, and how it was fixed. -->";
    alice.write(DOC, base.replace(summary, "The price cache expired."));
    alice.pm(&["publish"]).ok();
    let alice_tip = remote.tip();

    bob.write(DOC, base.replace(summary, "DNS stopped resolving."));
    let files = state(&bob).files;
    let old_head = head(&bob);
    let run = bob.pm(&["publish", DOC]);
    run.code(1)
        .stderr_has(&format!("`{DOC}`"))
        .stderr_has("git pull --rebase")
        .stderr_has("by taking either side: `pm publish` rebuilds it");
    assert!(!run.stderr().contains("pushed to"), "{}", run.stderr());

    // Bob's commit is there, on his branch, with his text; nothing else moved.
    let new_head = head(&bob);
    assert_ne!(new_head, old_head);
    assert_eq!(bob.git_cmd(&["rev-parse", "HEAD~1"]).trim(), old_head);
    assert_eq!(
        bob.git_cmd(&["log", "-1", "--format=%an|%s"]),
        "Bob Builder|Publish post-mortem: Checkout outage\n"
    );
    assert!(
        bob.git_cmd(&["show", &format!("HEAD:{DOC}")])
            .contains("DNS stopped resolving.")
    );
    assert_eq!(state(&bob).files, files);
    assert_eq!(bob.git_cmd(&["status", "--porcelain=v1"]), "");
    assert_eq!(remote.tip(), alice_tip);
    assert!(
        remote
            .show(DOC)
            .unwrap()
            .contains("The price cache expired.")
    );
    // What the message says to run works.
    let pull = bob.git_output(&["pull", "--rebase"]);
    assert!(!pull.status.success());
    assert!(bob.read(DOC).contains("<<<<<<<"));
}

// ---------------------------------------------------------------------------------------------
// 7. Two clones publishing at the same time

/// `pm new` and `pm publish` `count` times in a row; the failures.
fn publish_many(wiki: &TestWiki, who: &str, count: usize) -> Vec<String> {
    let mut failures = Vec::new();
    for i in 0..count {
        let doc = new_doc(wiki, &format!("{who} incident {i}"), &[]);
        let run = wiki.pm(&["publish", &doc]);
        if run.output.status.code() != Some(0) {
            failures.push(format!("{who} {i}: {}", run.stderr()));
        }
    }
    failures
}

/// Two clones of `url` (the bare repository of `remote`) each run `pm new` and `pm publish` 20
/// times at once: every document and every row reaches the remote, in a linear history.
fn two_clones_publish_at_once(remote: &Remote, url: &str) {
    const EACH: usize = 20;
    let alice = TestWiki::clone_of(url);
    let bob = TestWiki::clone_of(url);
    identity(&bob, "Bob Builder", "bob@example.com");
    let failures = std::thread::scope(|scope| {
        let a = scope.spawn(|| publish_many(&alice, "Alpha", EACH));
        let b = scope.spawn(|| publish_many(&bob, "Bravo", EACH));
        let mut all = a.join().unwrap();
        all.extend(b.join().unwrap());
        all
    });
    let listed = remote.git(&["ls-tree", "--name-only", "main", "postmortems/"]);
    let docs = listed.lines().filter(|l| !l.ends_with("README.md")).count();
    let page = remote.show(INDEX).unwrap_or_default();
    assert!(
        failures.is_empty(),
        "{} of {} publishes failed; {docs} documents on the remote:\n{}",
        failures.len(),
        2 * EACH,
        failures.join("\n")
    );
    assert_eq!(docs, 2 * EACH, "{listed}");
    assert_eq!(index_rows(&page).len(), 2 * EACH, "{page}");
    for row in index_rows(&page) {
        assert!(remote.show(&resolve(INDEX, link(&row))).is_some(), "{row}");
    }
    assert_eq!(remote.git(&["rev-list", "--merges", "main"]), "");
    assert_eq!(
        remote.git(&["rev-list", "--count", "main"]).trim(),
        (2 * EACH + 1).to_string()
    );
}

// libgit2's local transport writes the remote's ref with `force` after its own fast-forward
// check, so two pushes racing could both "succeed" and one commit be lost; pm moves a local
// remote's branch itself, with a compare-and-swap, and rebases when it loses.
#[test]
fn two_clones_publishing_twenty_documents_each_to_a_local_remote_lose_nothing() {
    let remote = Remote::new();
    two_clones_publish_at_once(&remote, &remote.url());
}

// When both pushes pass the server's fast-forward check at once, git receive-pack refuses the
// loser with "cannot lock ref 'refs/heads/main': is at X but expected Y" ("failed to update
// ref"): that is the remote moving on too, to fetch, rebase and push again.
#[cfg(unix)]
#[test]
fn two_clones_publishing_twenty_documents_each_over_git_protocol_lose_nothing() {
    let remote = Remote::new();
    let Some(program) = required_git_daemon(&remote) else {
        return;
    };
    let (_daemon, port) = serve(&remote, &program);
    two_clones_publish_at_once(&remote, &format!("git://127.0.0.1:{port}/remote.git"));
}

// ---------------------------------------------------------------------------------------------
// 8. Refusals that change nothing

/// Run `pm publish ARGS…`, expect exit 1 with `needle` on stderr, and no change in the clone.
#[track_caller]
fn refused(wiki: &TestWiki, args: &[&str], needle: &str) -> String {
    let before = state(wiki);
    let mut all = vec!["publish"];
    all.extend_from_slice(args);
    let run = wiki.pm(&all);
    run.code(1).stderr_has(needle);
    assert_eq!(state(wiki), before, "{}", run.stderr());
    run.stderr()
}

#[test]
fn refuses_on_a_detached_head() {
    let remote = Remote::new();
    let wiki = remote.clone();
    wiki.git_cmd(&["checkout", "-q", "--detach"]);
    new_doc(&wiki, "Checkout outage", &[]);
    refused(&wiki, &[], "HEAD is detached");
    refused(&wiki, &[], "git switch main");
    assert_eq!(remote.show(DOC), None);
}

#[test]
fn refuses_on_an_unborn_branch() {
    let wiki = TestWiki::git();
    new_doc(&wiki, "Checkout outage", &[]);
    let err = refused(&wiki, &[], "has no commits yet");
    assert!(err.contains("git commit --allow-empty"), "{err}");
    refused(&wiki, &["--no-push"], "has no commits yet");
}

/// A clone stopped in the middle of a conflicting `git merge` (or `git rebase`).
fn conflicted(rebase: bool) -> (Remote, TestWiki) {
    let remote = Remote::new();
    let wiki = remote.clone();
    wiki.write("notes.md", "base\n");
    wiki.git_cmd(&["add", "notes.md"]);
    wiki.git_cmd(&["commit", "-q", "-m", "base"]);
    wiki.git_cmd(&["switch", "-q", "-c", "other"]);
    wiki.write("notes.md", "theirs\n");
    wiki.git_cmd(&["commit", "-q", "-am", "theirs"]);
    wiki.git_cmd(&["switch", "-q", "main"]);
    wiki.write("notes.md", "ours\n");
    wiki.git_cmd(&["commit", "-q", "-am", "ours"]);
    let out = if rebase {
        wiki.git_output(&["rebase", "other"])
    } else {
        wiki.git_output(&["merge", "other"])
    };
    assert!(!out.status.success(), "the {rebase} conflict");
    (remote, wiki)
}

#[test]
fn refuses_during_a_merge() {
    let (remote, wiki) = conflicted(false);
    assert!(wiki.path(".git/MERGE_HEAD").exists());
    new_doc(&wiki, "Checkout outage", &[]);
    let err = refused(&wiki, &[], "a merge is in progress");
    assert!(err.contains("git status"), "{err}");
    refused(&wiki, &["--no-push"], "a merge is in progress");
    refused(&wiki, &["--dry-run"], "a merge is in progress");
    assert_eq!(remote.show(DOC), None);
}

#[test]
fn refuses_during_a_rebase() {
    let (_remote, wiki) = conflicted(true);
    assert!(wiki.path(".git/rebase-merge").exists());
    let doc = new_doc(&wiki, "Checkout outage", &[]);
    refused(&wiki, &[&doc], "a rebase is in progress");
}

#[test]
fn without_a_remote_it_refuses_to_push_and_publishes_with_no_push() {
    let wiki = TestWiki::git();
    wiki.git_cmd(&["commit", "-q", "--allow-empty", "-m", "Start"]);
    new_doc(&wiki, "Checkout outage", &[]);
    let err = refused(
        &wiki,
        &[],
        "`main` has no upstream and `pm.toml` sets no `remote`",
    );
    assert!(err.contains("--no-push"), "{err}");

    wiki.pm(&["publish", "--no-push"])
        .ok()
        .stderr_has("committed");
    let mut paths = committed_paths(&wiki);
    paths.sort();
    assert_eq!(paths, [DOC, INDEX]);
    assert_eq!(wiki.git_cmd(&["status", "--porcelain=v1"]), "");
}

#[test]
fn a_configured_remote_that_does_not_exist_is_refused() {
    let remote = Remote::new();
    let wiki = remote.clone();
    wiki.write("pm.toml", "remote = \"upstream\"\n");
    wiki.git_cmd(&["add", "pm.toml"]);
    wiki.git_cmd(&["commit", "-q", "-m", "config"]);
    new_doc(&wiki, "Checkout outage", &[]);
    refused(&wiki, &[], "there is no remote named `upstream`");
}

#[test]
fn refuses_without_a_git_identity() {
    let remote = Remote::new();
    let wiki = remote.clone();
    std::fs::write(
        wiki.home().join(".gitconfig"),
        "[init]\n\tdefaultBranch = main\n",
    )
    .unwrap();
    new_doc(&wiki, "Checkout outage", &["--lead", "Alice"]);
    let err = refused(&wiki, &[], "git does not know who you are");
    assert!(
        err.contains("git config --global user.name")
            && err.contains("git config --global user.email"),
        "{err}"
    );
    refused(&wiki, &["--no-push"], "git does not know who you are");
    assert_eq!(remote.show(DOC), None);
}

#[test]
fn check_errors_refuse_unless_forced_and_force_is_recorded() {
    let remote = Remote::new();
    let wiki = remote.clone();
    new_doc(&wiki, "Checkout outage", &[]);
    let text = wiki
        .read(DOC)
        .replace("status = \"draft\"", "status = \"review\"");
    wiki.write(DOC, &text);

    let err = refused(&wiki, &[], "`pm check` found");
    assert!(err.contains(&format!("{DOC}:")), "{err}");
    assert!(err.contains("[section-empty]"), "{err}");
    assert!(err.contains("--force"), "{err}");
    assert_eq!(remote.show(DOC), None);

    wiki.pm(&["publish", "--force"])
        .ok()
        .stderr_has("--force")
        .stderr_has("pushed to");
    let message = wiki.git_cmd(&["log", "-1", "--format=%B"]);
    assert!(
        message.starts_with("Publish post-mortem: Checkout outage\n\n"),
        "{message}"
    );
    assert!(message.contains("--force"), "{message}");
    assert_eq!(remote.show(DOC).unwrap(), text);
}

// ---------------------------------------------------------------------------------------------
// 9. The flags

#[test]
fn dry_run_prints_the_paths_and_changes_nothing() {
    let remote = Remote::new();
    let wiki = remote.clone();
    new_doc(&wiki, "Checkout outage", &[]);
    complete(&wiki, DOC);
    let tip = remote.tip();
    let before = state(&wiki);
    let run = wiki.pm(&["publish", "--dry-run", "--final"]);
    run.ok()
        .stderr_has(&format!("  {DOC}\n"))
        .stderr_has(&format!("  {INDEX}\n"))
        .stderr_has("Publish post-mortem: Checkout outage")
        .stderr_has("push it to `origin` branch `main`");
    assert_eq!(state(&wiki), before);
    assert_eq!(remote.tip(), tip);
    insta::assert_snapshot!("publish_dry_run", run.stderr());
}

#[test]
fn no_push_commits_and_leaves_the_remote_alone() {
    let remote = Remote::new();
    let wiki = remote.clone();
    new_doc(&wiki, "Checkout outage", &[]);
    let tip = remote.tip();
    let run = wiki.pm(&["publish", "--no-push"]);
    run.ok().stderr_has("committed");
    assert!(!run.stderr().contains("pushed"), "{}", run.stderr());
    assert_eq!(remote.tip(), tip);
    assert_eq!(wiki.git_cmd(&["rev-parse", "HEAD~1"]).trim(), tip);
    assert_eq!(
        wiki.git_cmd(&["status", "--porcelain=v1", "--branch"]),
        "## main...origin/main [ahead 1]\n"
    );
    // A later publish pushes it.
    wiki.pm(&["publish"]).ok().stderr_has("pushed to");
    assert_eq!(remote.tip(), head(&wiki));
}

#[test]
fn final_sets_the_status_to_published_and_the_message_is_the_users() {
    let remote = Remote::new();
    let wiki = remote.clone();
    new_doc(&wiki, "Checkout outage", &[]);
    complete(&wiki, DOC);
    let before = wiki.read(DOC);
    wiki.pm(&["publish", "--final", "-m", "Checkout outage: final"])
        .ok();
    let after = wiki.read(DOC);
    assert_eq!(
        after,
        before.replace("status = \"draft\"", "status = \"published\"")
    );
    assert_eq!(remote.show(DOC).unwrap(), after);
    assert!(remote.show(INDEX).unwrap().contains("| published |"));
    assert_eq!(
        wiki.git_cmd(&["log", "-1", "--format=%B"]),
        "Checkout outage: final\n"
    );
}

/// `--final` checks the document as it will be committed: as published.
#[test]
fn final_checks_the_document_as_published() {
    let remote = Remote::new();
    let wiki = remote.clone();
    new_doc(&wiki, "Checkout outage", &[]);
    wiki.pm(&["check", DOC]).ok();
    let before = state(&wiki);
    let run = wiki.pm(&["publish", "--final"]);
    run.code(1).stderr_has("`pm check` found");
    assert_eq!(state(&wiki), before);
}

#[test]
fn final_changes_nothing_when_the_identity_is_missing() {
    let remote = Remote::new();
    let wiki = remote.clone();
    std::fs::write(
        wiki.home().join(".gitconfig"),
        "[init]\n\tdefaultBranch = main\n",
    )
    .unwrap();
    new_doc(&wiki, "Checkout outage", &["--lead", "Alice"]);
    complete(&wiki, DOC);
    refused(&wiki, &["--final"], "git does not know who you are");
}

// ---------------------------------------------------------------------------------------------
// 10. A server whose hook rejects the push

/// `git daemon` serving a folder, killed when dropped.
struct Daemon(Child);

impl Drop for Daemon {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// The `git-daemon` program itself: run through `git daemon`, the daemon would be a child of
/// the `git` wrapper and outlive the kill.
fn git_daemon(wiki: &TestWiki) -> Option<std::path::PathBuf> {
    let out = wiki.git_output(&["--exec-path"]);
    let exec_path = String::from_utf8(out.stdout).ok()?;
    let program = Path::new(exec_path.trim()).join("git-daemon");
    let help = wiki.git_output(&["daemon", "-h"]);
    let usage = String::from_utf8_lossy(&help.stderr).contains("usage: git daemon")
        || String::from_utf8_lossy(&help.stdout).contains("usage: git daemon");
    (usage && program.is_file()).then_some(program)
}

/// `git-daemon`, or `None` where it is missing outside CI (the test then skips; in CI it fails).
fn required_git_daemon(remote: &Remote) -> Option<std::path::PathBuf> {
    let program = git_daemon(remote.seed());
    support::require(
        "`git daemon`",
        "install git with its daemon (on Debian `apt-get install git` ships \
         /usr/lib/git-core/git-daemon; `.ci/run` installs it)",
        program.is_some(),
    );
    program
}

/// Serve the remote's folder over `git://` on a free port of 127.0.0.1, receive-pack enabled.
fn serve(remote: &Remote, program: &Path) -> (Daemon, u16) {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let base = remote.path().parent().unwrap().display().to_string();
    let child = remote
        .seed()
        .program(program)
        .args([
            "--export-all",
            "--enable=receive-pack",
            &format!("--base-path={base}"),
            "--listen=127.0.0.1",
            &format!("--port={port}"),
            "--reuseaddr",
            &base,
        ])
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let daemon = Daemon(child);
    let deadline = Instant::now() + Duration::from_secs(10);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "git daemon did not start");
        std::thread::sleep(Duration::from_millis(20));
    }
    (daemon, port)
}

#[cfg(unix)]
fn install_hook(remote: &Remote, name: &str, script: &str) {
    use std::os::unix::fs::PermissionsExt;
    let path = remote.path().join("hooks").join(name);
    std::fs::write(&path, script).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
}

#[cfg(unix)]
#[test]
fn a_push_rejected_by_the_server_fails_with_its_message_and_keeps_the_commit() {
    let remote = Remote::new();
    let Some(program) = required_git_daemon(&remote) else {
        return;
    };
    install_hook(
        &remote,
        "pre-receive",
        "#!/bin/sh\necho \"protected branch: use a pull request\" >&2\nexit 1\n",
    );
    let (_daemon, port) = serve(&remote, &program);
    let wiki = TestWiki::clone_of(&format!("git://127.0.0.1:{port}/remote.git"));
    let tip = remote.tip();
    let old_head = head(&wiki);
    new_doc(&wiki, "Checkout outage", &[]);

    let run = wiki.pm(&["publish"]);
    assert_ne!(run.output.status.code(), Some(0), "{}", run.stderr());
    run.stderr_has("protected branch: use a pull request");
    assert!(!run.stderr().contains("pushed"), "{}", run.stderr());

    assert_eq!(remote.tip(), tip);
    assert_eq!(wiki.git_cmd(&["rev-parse", "HEAD~1"]).trim(), old_head);
    assert_eq!(
        wiki.git_cmd(&["log", "-1", "--format=%s"]),
        "Publish post-mortem: Checkout outage\n"
    );
    assert_eq!(wiki.git_cmd(&["status", "--porcelain=v1"]), "");
}

/// The same over the git protocol when the server accepts: the daemon path itself works.
#[cfg(unix)]
#[test]
fn publishing_over_the_git_protocol_pushes() {
    let remote = Remote::new();
    let Some(program) = required_git_daemon(&remote) else {
        return;
    };
    let (_daemon, port) = serve(&remote, &program);
    let url = format!("git://127.0.0.1:{port}/remote.git");
    let alice = TestWiki::clone_of(&url);
    let bob = TestWiki::clone_of(&url);
    identity(&bob, "Bob Builder", "bob@example.com");
    new_doc(&bob, "DNS failure", &[]);
    bob.pm(&["publish"]).ok().stderr_has("pushed to");
    new_doc(&alice, "Checkout outage", &[]);
    alice
        .pm(&["publish"])
        .ok()
        .stderr_has("rebasing")
        .stderr_has("pushed to");
    assert_eq!(remote.tip(), head(&alice));
    assert_eq!(index_rows(&remote.show(INDEX).unwrap()).len(), 2);
}
