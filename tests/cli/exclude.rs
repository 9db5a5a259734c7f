//! `exclude` in `pm.toml`: the pages of the post-mortems folder that are not post-mortems are
//! never checked, listed or counted; a bad glob is a config error naming the key and line.

use serde_json::Value;

use crate::support::TestWiki;

const POSTMORTEM: &str = "+++\ntitle = \"Outage\"\nseverity = \"SEV2\"\nstatus = \"draft\"\n\
                          started = 2026-11-18T14:00:00Z\n+++\n# Outage\n";

/// A wiki whose folder holds one post-mortem and the pages wikis keep beside them.
fn wiki(config: &str) -> TestWiki {
    let mut wiki = TestWiki::new().file("pm.toml", config);
    for page in [
        "README.md",
        "Home.md",
        "_Sidebar.md",
        "_Footer.md",
        "2025/index.md",
        "templates/Incident-TEMPLATE.md",
        "drafts/notes.md",
    ] {
        wiki = wiki.file(&format!("postmortems/{page}"), "# Not a post-mortem\n");
    }
    wiki.file("postmortems/2026-11-18-outage.md", POSTMORTEM)
}

fn checked(wiki: &TestWiki) -> Vec<String> {
    let run = wiki.pm(&["check", "--format", "json"]);
    let report: Value = serde_json::from_str(&run.stdout()).unwrap();
    let mut files: Vec<String> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["file"].as_str().unwrap().to_string())
        .collect();
    files.dedup();
    files.insert(0, report["documents_checked"].to_string());
    files
}

#[test]
fn pages_that_are_not_postmortems_are_left_out() {
    let wiki = wiki("");
    assert_eq!(
        checked(&wiki),
        [
            "2",
            "postmortems/2026-11-18-outage.md",
            "postmortems/drafts/notes.md"
        ]
    );
    let list = wiki.pm(&["list", "--format", "json"]).ok().stdout();
    let listed: Value = serde_json::from_str(&list).unwrap();
    assert_eq!(listed.as_array().unwrap().len(), 2);
    // The team's own list replaces the default one; the index page stays out regardless.
    let wiki = self::wiki("exclude = [\"drafts/*.md\", \"_*.md\"]\n");
    assert_eq!(
        checked(&wiki),
        [
            "4",
            "postmortems/2025/index.md",
            "postmortems/2026-11-18-outage.md",
            "postmortems/Home.md",
            "postmortems/templates/Incident-TEMPLATE.md"
        ]
    );
}

#[test]
fn a_bad_glob_names_the_key_and_its_line() {
    let wiki = wiki("folder = \"postmortems\"\nexclude = [\"README.md\", \"[z-a\"]\n");
    wiki.pm(&["check"])
        .code(1)
        .stderr_has("pm.toml")
        .stderr_has("line 2: `exclude`: `[z-a` is not a glob");
}
