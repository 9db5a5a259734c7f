//! Finding the wiki: `--wiki`, `PM_WIKI`, `pm.toml` upward, the git work tree, the user's
//! `wiki`; and outside any wiki, a refusal that names `pm init` and `--wiki`, with nothing
//! created.

use std::process::Stdio;

use crate::support::TestWiki;

const NOT_A_WIKI: &str = "error: no wiki found from `[ROOT]/wiki`: neither it nor a folder above \
    it holds `pm.toml` or is a git work tree, and your config names no `wiki`\n\
    hint: run `pm init` to make this folder a wiki, or name one with `--wiki DIR` or `PM_WIKI`\n";

/// Every command that works on a wiki, with arguments that would succeed inside one.
const NEEDS_A_WIKI: [&[&str]; 10] = [
    &["new", "--no-input", "-s", "SEV1", "x"],
    &["timeline", "add", "rolled back"],
    &["timeline", "list"],
    &["action", "add", "alert on it", "--owner", "@mary"],
    &["action", "done", "alert"],
    &["actions"],
    &["list", "--format", "json"],
    &["check"],
    &["check", "--format", "json"],
    &["publish", "--no-push"],
];

#[test]
fn outside_any_wiki_every_command_that_needs_one_says_so_and_creates_nothing() {
    let folder = TestWiki::folder();
    for args in NEEDS_A_WIKI {
        folder.pm(args).code(1).stdout_eq("").stderr_eq(NOT_A_WIKI);
    }
    // `--doc` names a document, not a wiki.
    folder
        .pm(&["timeline", "add", "--doc", "/tmp/x.md", "text"])
        .code(1)
        .stderr_eq(NOT_A_WIKI);
    assert!(folder.files().is_empty(), "{:?}", folder.files());
}

#[test]
fn init_completions_and_man_need_no_wiki() {
    let folder = TestWiki::folder();
    folder.pm(&["completions", "zsh"]).ok();
    folder.pm(&["man"]).ok();
    assert!(folder.files().is_empty());
    folder
        .pm(&["init", "team/wiki"])
        .ok()
        .stdout_eq("team/wiki/pm.toml\n");
    folder.pm(&["init"]).ok().stdout_eq("./pm.toml\n");
    // Now it is one.
    folder.pm(&["list"]).ok().stdout_eq("");
}

#[test]
fn the_nearest_pm_toml_upward_wins_over_the_git_work_tree() {
    let wiki = TestWiki::git()
        .file("docs/wiki/pm.toml", "folder = \"incidents\"\n")
        .cwd("docs/wiki/incidents");
    wiki.pm(&["new", "--no-input", "-s", "SEV1", "x"])
        .ok()
        .stdout_eq("2026-11-20-x.md\n");
    assert!(wiki.path("docs/wiki/incidents/2026-11-20-x.md").is_file());
    // Elsewhere in the work tree, the work tree's root is the wiki.
    let wiki = wiki.cwd("src/deep");
    wiki.pm(&["list", "--format", "json"])
        .ok()
        .stdout_eq("[]\n");
}

#[test]
fn outside_any_wiki_the_users_default_wiki_is_used() {
    let folder = TestWiki::folder();
    let team = folder.home().join("team-wiki");
    std::fs::create_dir_all(&team).unwrap();
    std::fs::create_dir_all(folder.home().join(".config/pm")).unwrap();
    let config = folder.home().join(".config/pm/config.toml");
    std::fs::write(
        &config,
        format!("wiki = {:?}\n", team.display().to_string()),
    )
    .unwrap();
    folder
        .pm(&["new", "--no-input", "-s", "SEV1", "x"])
        .ok()
        .stdout_eq("[ROOT]/home/team-wiki/postmortems/2026-11-20-x.md\n");
    assert!(folder.files().is_empty());

    std::fs::write(&config, "wiki = \"/nonexistent/wiki\"\n").unwrap();
    folder.pm(&["list"]).code(1).stderr_eq(
        "error: the wiki folder `/nonexistent/wiki` that `[ROOT]/home/.config/pm/config.toml` \
         names does not exist\nhint: fix `wiki` in `[ROOT]/home/.config/pm/config.toml`, or pass \
         `--wiki DIR`\n",
    );
}

#[test]
fn the_wiki_flag_and_pm_wiki_name_a_plain_folder() {
    let folder = TestWiki::folder();
    std::fs::create_dir_all(folder.path("notes")).unwrap();
    folder
        .pm(&["--wiki", "notes", "new", "--no-input", "-s", "SEV1", "x"])
        .ok()
        .stdout_eq("notes/postmortems/2026-11-20-x.md\n");
    folder
        .pm(&["--wiki", "notes", "timeline", "add", "logged"])
        .ok();
    let run = folder.run(
        folder
            .command()
            .env("PM_WIKI", "notes")
            .args(["list", "--format", "json"])
            .stdin(Stdio::null())
            .output()
            .unwrap(),
    );
    run.ok();
    assert!(
        run.stdout().contains("\"title\": \"x\""),
        "{}",
        run.stdout()
    );
    // `pm publish` then says what it needs.
    folder
        .pm(&["--wiki", "notes", "publish", "--no-push"])
        .code(1)
        .stderr_has("`notes` is not in a git repository");
    assert_eq!(
        folder.files(),
        [
            "notes/.pm/state/.gitignore",
            "notes/.pm/state/current",
            "notes/postmortems/2026-11-20-x.md"
        ]
    );
}
