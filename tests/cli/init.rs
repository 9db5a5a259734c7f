//! `pm init`: the commented config, ejecting the template, and refusing to overwrite.

use crate::support::TestWiki;

#[test]
fn writes_commented_config_and_refuses_to_overwrite() {
    let wiki = TestWiki::folder();
    wiki.pm(&["init"]).ok().stdout_eq("./pm.toml\n");
    let text = wiki.read("pm.toml");
    assert!(text.starts_with("# pm.toml: "));
    assert!(text.contains("folder = \"postmortems\""));
    wiki.pm(&["init"])
        .code(1)
        .stderr_eq("error: `./pm.toml` already exists\nhint: pass `--force` to overwrite it\n");
    std::fs::write(wiki.path("pm.toml"), "folder = \"x\"\n").unwrap();
    wiki.pm(&["init", "--force"]).ok();
    assert_eq!(wiki.read("pm.toml"), text);
}

#[test]
fn into_a_new_folder_with_the_template() {
    let wiki = TestWiki::folder();
    wiki.pm(&["init", "team-wiki", "--eject-template"])
        .ok()
        .stdout_eq("team-wiki/pm.toml\nteam-wiki/.pm/templates/postmortem.md.tera\n");
    let ejected = wiki.read("team-wiki/.pm/templates/postmortem.md.tera");
    assert!(ejected.contains("## Action items"));
    // Ejecting again refuses without touching anything, and says which file is in the way.
    std::fs::write(
        wiki.path("team-wiki/.pm/templates/postmortem.md.tera"),
        "mine",
    )
    .unwrap();
    std::fs::remove_file(wiki.path("team-wiki/pm.toml")).unwrap();
    wiki.pm(&["init", "team-wiki", "--eject-template"])
        .code(1)
        .stderr_has("`team-wiki/.pm/templates/postmortem.md.tera` already exists");
    assert!(!wiki.path("team-wiki/pm.toml").exists());
}

#[test]
fn the_initialised_wiki_works() {
    let wiki = TestWiki::git();
    wiki.pm(&["init", "--eject-template"]).ok();
    wiki.pm(&["new", "--no-input", "-s", "SEV4", "first"])
        .ok()
        .stdout_eq("postmortems/2026-11-20-first.md\n");
}
