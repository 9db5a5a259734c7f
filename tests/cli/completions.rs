//! The checked-in completion scripts match the binary, and `pm man` renders.

use clap::ValueEnum;
use clap_complete::Shell;

use crate::support::TestWiki;

#[test]
fn checked_in_completions_are_current() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("completions");
    let update = std::env::var_os("PM_UPDATE_COMPLETIONS").is_some();
    let mut stale = Vec::new();
    for shell in Shell::value_variants() {
        let path = dir.join(pm::completion_file_name(*shell));
        let expected = pm::completion_script(*shell);
        if update {
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(&path, &expected).unwrap();
        } else if std::fs::read(&path).ok().as_deref() != Some(expected.as_slice()) {
            stale.push(path.display().to_string());
        }
    }
    assert!(
        stale.is_empty(),
        "stale completion files {stale:?}; run `PM_UPDATE_COMPLETIONS=1 cargo test completions`"
    );
}

#[test]
fn completions_command_prints_the_same_script() {
    // No wiki is needed.
    let wiki = TestWiki::folder();
    let run = wiki.pm(&["completions", "bash"]);
    run.ok();
    assert_eq!(run.output.stdout, pm::completion_script(Shell::Bash));
    wiki.pm(&["completions", "tcsh"])
        .code(2)
        .stderr_has("invalid value 'tcsh'");
}

#[test]
fn man_page_renders() {
    let run = TestWiki::folder().pm(&["man"]);
    run.ok();
    assert!(
        run.stdout().starts_with(".ie \\n(.g .ds Aq") || run.stdout().contains(".TH pm 1"),
        "{}",
        run.stdout()
    );
    assert!(run.stdout().contains(".TH pm 1"));
}
