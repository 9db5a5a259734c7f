//! `pm new`: the document it writes, its file name, and every way it refuses.

use crate::support::TestWiki;

fn new_doc(wiki: &TestWiki, args: &[&str]) -> String {
    let mut all = vec!["new", "--no-input", "--severity", "SEV2"];
    all.extend_from_slice(args);
    let run = wiki.pm(&all);
    run.ok();
    run.stdout().trim_end().to_string()
}

#[test]
fn writes_the_document_byte_for_byte() {
    let wiki = TestWiki::git();
    let path = new_doc(
        &wiki,
        &["Checkout outage", "--impact", "30% of checkouts failed"],
    );
    assert_eq!(path, "postmortems/2026-11-20-checkout-outage.md");
    insta::assert_snapshot!("new_default_document", wiki.read(&path));
}

#[test]
fn records_the_current_document_under_git_dir() {
    let wiki = TestWiki::git();
    let path = new_doc(&wiki, &["DNS failure"]);
    assert_eq!(wiki.read(".git/pm/current"), format!("{path}\n"));
    assert_eq!(
        wiki.git_cmd(&["status", "--porcelain"]),
        "?? postmortems/\n"
    );
}

#[test]
fn outside_git_the_current_document_is_kept_out_of_the_way() {
    let wiki = TestWiki::new();
    let path = new_doc(&wiki, &["DNS failure"]);
    assert_eq!(wiki.read(".pm/state/current"), format!("{path}\n"));
    assert_eq!(wiki.read(".pm/state/.gitignore"), "*\n");
}

#[test]
fn title_words_are_joined_and_flags_fill_the_front_matter() {
    let wiki = TestWiki::git();
    let path = new_doc(
        &wiki,
        &[
            "Payments",
            "down",
            "--started",
            "2026-11-19T23:30:00-08:00",
            "--lead",
            "Bob",
            "--set",
            "services=[\"payments\"]",
            "--set",
            "customer_facing=true",
        ],
    );
    assert_eq!(path, "postmortems/2026-11-20-payments-down.md");
    let text = wiki.read(&path);
    let front: toml::Table = toml::from_str(text.split("+++").nth(1).unwrap()).unwrap();
    assert_eq!(front["title"].as_str(), Some("Payments down"));
    assert_eq!(front["started"].to_string(), "2026-11-19T23:30:00-08:00");
    assert_eq!(front["review_by"].to_string(), "2026-11-27");
    assert_eq!(front["lead"].as_str(), Some("Bob"));
    assert_eq!(
        front["services"].as_array().unwrap()[0].as_str(),
        Some("payments")
    );
    assert_eq!(front["customer_facing"].as_bool(), Some(true));
}

#[test]
fn lead_defaults_to_git_user_name() {
    let wiki = TestWiki::git();
    let path = new_doc(&wiki, &["x"]);
    assert!(wiki.read(&path).contains("lead = \"Alice Example\""));
}

#[test]
fn user_config_name_wins_over_git() {
    let wiki = TestWiki::git();
    std::fs::create_dir_all(wiki.home().join(".config/pm")).unwrap();
    std::fs::write(
        wiki.home().join(".config/pm/config.toml"),
        "name = \"Carol\"\n",
    )
    .unwrap();
    let path = new_doc(&wiki, &["x"]);
    assert!(wiki.read(&path).contains("lead = \"Carol\""));
}

#[test]
fn wiki_config_sets_folder_zone_and_review_window() {
    let wiki = TestWiki::git().file(
        "pm.toml",
        "folder = \"docs/incidents\"\ntimezone = \"Asia/Tokyo\"\nreview_days = 5\n\
         review_business_days = true\nseverities = [\"P1\", \"P2\"]\n",
    );
    // 14:05 UTC is 23:05 in Tokyo, still the 20th; 5 business days after Friday is Friday.
    let run = wiki.pm(&["new", "--no-input", "--severity", "p1", "Late night"]);
    run.ok()
        .stdout_eq("docs/incidents/2026-11-20-late-night.md\n");
    let text = wiki.read("docs/incidents/2026-11-20-late-night.md");
    assert!(
        text.contains("severity = \"P1\"") && text.contains("review_by = 2026-11-27"),
        "{text}"
    );
    let next_day = wiki.pm(&[
        "new",
        "--no-input",
        "-s",
        "P2",
        "--started",
        "2026-11-20T16:00:00Z",
        "y",
    ]);
    next_day.ok().stdout_eq("docs/incidents/2026-11-21-y.md\n");
}

#[test]
fn found_from_a_subfolder_and_printed_relative_to_it() {
    let wiki = TestWiki::git().file("pm.toml", "").cwd("postmortems");
    wiki.pm(&["new", "--no-input", "-s", "SEV1", "x"])
        .ok()
        .stdout_eq("2026-11-20-x.md\n");
}

#[test]
fn taken_names_get_a_number_and_nothing_is_overwritten() {
    let wiki = TestWiki::git().file("postmortems/2026-11-20-dns.md", "mine\n");
    assert_eq!(new_doc(&wiki, &["DNS"]), "postmortems/2026-11-20-dns-2.md");
    assert_eq!(new_doc(&wiki, &["dns!"]), "postmortems/2026-11-20-dns-3.md");
    assert_eq!(wiki.read("postmortems/2026-11-20-dns.md"), "mine\n");
}

#[test]
fn simultaneous_runs_with_one_title_make_separate_files() {
    let wiki = TestWiki::git();
    let children: Vec<_> = (0..8)
        .map(|_| {
            wiki.command()
                .args(["new", "--no-input", "-s", "SEV1", "Same title"])
                .stdout(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let mut paths: Vec<String> = children
        .into_iter()
        .map(|c| {
            let out = c.wait_with_output().unwrap();
            assert!(out.status.success());
            String::from_utf8(out.stdout).unwrap()
        })
        .collect();
    paths.sort();
    paths.dedup();
    assert_eq!(paths.len(), 8, "{paths:?}");
    assert_eq!(
        wiki.files()
            .iter()
            .filter(|f| f.starts_with("postmortems/"))
            .count(),
        8
    );
}

#[test]
fn hostile_titles_stay_in_the_folder_and_keep_the_front_matter_valid() {
    let long = "x".repeat(5000);
    let titles = [
        "../../etc/passwd",
        ".git/config",
        "/absolute/path",
        long.as_str(),
        "🔥🔥🔥",
        // A NUL byte cannot be passed in argv; `slug` and `one_line` unit tests cover it.
        "tab\tand\x07bell",
        "quote \" and ''' and \\ and \"\"\" +++",
        "line\nbreak\r\n+++\ntitle = \"x\"",
        "-rf --severity",
    ];
    for title in titles {
        let wiki = TestWiki::git();
        let run = wiki.pm(&["new", "--no-input", "-s", "SEV3", "--", title]);
        run.ok();
        let path = run.stdout().trim_end().to_string();
        let name = path
            .strip_prefix("postmortems/")
            .unwrap_or_else(|| panic!("{title:?}: {path}"));
        assert!(!name.contains('/') && name.starts_with("2026-11-20-") && name.ends_with(".md"));
        assert!(
            name.len() <= "2026-11-20-".len() + 60 + ".md".len(),
            "{name}"
        );
        let files = wiki.files();
        assert_eq!(files, vec![path.clone()], "{title:?}");
        let text = wiki.read(&path);
        let front: toml::Table = toml::from_str(text.split("+++\n").nth(1).unwrap())
            .unwrap_or_else(|e| panic!("{title:?}: {e}\n{text}"));
        let expected: String = title
            .split(|c: char| c.is_whitespace() || c.is_control())
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        assert_eq!(front["title"].as_str(), Some(expected.as_str()));
    }
}

#[test]
fn emoji_title_gets_the_fallback_slug() {
    let wiki = TestWiki::git();
    assert_eq!(
        new_doc(&wiki, &["🔥🔥"]),
        "postmortems/2026-11-20-incident.md"
    );
}

#[test]
fn missing_required_fields_name_their_flag() {
    let wiki = TestWiki::git();
    wiki.pm(&["new", "--no-input", "x"])
        .code(2)
        .stderr_eq("error: the severity is required but was not given\nhint: pass `--severity`, or run on a terminal to be asked\n");
    wiki.pm(&["new", "--no-input", "-s", "SEV1"])
        .code(2)
        .stderr_has("error: a title is required but was not given");
    // Without a terminal, pm never prompts even without --no-input.
    wiki.pm(&["new", "x"]).code(2).stderr_has("`--severity`");
    assert!(wiki.files().is_empty());
}

#[test]
fn lead_is_required_when_git_has_no_name() {
    let wiki = TestWiki::new();
    std::fs::write(wiki.home().join(".gitconfig"), "").unwrap();
    wiki.pm(&["new", "--no-input", "-s", "SEV1", "x"])
        .code(2)
        .stderr_has("the incident lead is required")
        .stderr_has("`--lead`");
    assert_eq!(wiki.files(), ["pm.toml"]);
}

#[test]
fn bad_values_are_usage_errors() {
    let wiki = TestWiki::git();
    wiki.pm(&["new", "--no-input", "-s", "SEV9", "x"])
        .code(2)
        .stderr_eq("error: invalid severity `SEV9`: expected one of SEV1, SEV2, SEV3, SEV4\n");
    wiki.pm(&[
        "new",
        "--no-input",
        "-s",
        "SEV1",
        "--started",
        "yesterday-ish",
        "x",
    ])
    .code(2)
    .stderr_has("error: invalid start time (`--started`) `yesterday-ish`");
    wiki.pm(&["new", "--no-input", "-s", "SEV1", "--set", "title=y", "x"])
        .code(2)
        .stderr_has("`title` is set by TITLE");
    wiki.pm(&["new", "--no-input", "-s", "SEV1", "--", "  "])
        .code(2)
        .stderr_has("the title is empty");
    assert!(wiki.files().is_empty());
}

#[test]
fn relative_start_times() {
    let wiki = TestWiki::git();
    let path = new_doc(&wiki, &["x", "--started", "-15m"]);
    assert!(wiki.read(&path).contains("started = 2026-11-20T13:50:00Z"));
    let path = new_doc(&wiki, &["y", "--started", "09:30"]);
    assert!(wiki.read(&path).contains("started = 2026-11-20T09:30:00Z"));
}

#[test]
fn bad_config_names_file_line_and_key() {
    let wiki = TestWiki::git().file("pm.toml", "folder = \"pm\"\nseverity = [\"P1\"]\n");
    let run = wiki.pm(&["new", "--no-input", "-s", "SEV1", "x"]);
    run.code(1)
        .stderr_has("error: `[ROOT]/wiki/pm.toml` is not a valid config file");
    run.stderr_has("line 2")
        .stderr_has("unknown field `severity`");
    let wiki = TestWiki::git().file("pm.toml", "timezone = \"Mars/Olympus\"\n");
    wiki.pm(&["new", "--no-input", "-s", "SEV1", "x"])
        .code(1)
        .stderr_has("line 1: `timezone`: `Mars/Olympus` is not an IANA time zone name");
    assert!(!wiki.files().iter().any(|f| f.ends_with(".md")));
}

#[test]
fn wiki_template_overrides_and_extra_templates() {
    let wiki = TestWiki::git()
        .file(
            ".pm/templates/postmortem.md.tera",
            "+++\n{{ front_matter }}+++\nours: {{ title }}\n",
        )
        .file(
            ".pm/templates/security.md.tera",
            "+++\n{{ front_matter }}+++\n## Exposure\n",
        );
    let path = new_doc(&wiki, &["a"]);
    assert!(wiki.read(&path).ends_with("+++\nours: a\n"));
    let path = new_doc(&wiki, &["b", "--template", "security"]);
    assert!(wiki.read(&path).ends_with("## Exposure\n"));
    wiki.pm(&["new", "--no-input", "-s", "SEV1", "c", "--template", "nope"])
        .code(1)
        .stderr_eq("error: no template named `nope`; available: postmortem, security\n");
}

#[test]
fn broken_template_writes_nothing_and_points_at_the_line() {
    let wiki = TestWiki::git().file(".pm/templates/postmortem.md.tera", "ok\n{% if %}\n");
    let run = wiki.pm(&["new", "--no-input", "-s", "SEV1", "x"]);
    run.code(1)
        .stderr_has("error: template `.pm/templates/postmortem.md.tera:2:");
    run.stderr_has("hint: fix the template; nothing was written");
    assert_eq!(wiki.files(), vec![".pm/templates/postmortem.md.tera"]);
}

#[test]
fn edit_opens_the_editor_on_the_new_file() {
    let wiki = TestWiki::git().env("VISUAL", "echo >>");
    let path = new_doc(&wiki, &["x", "--edit"]);
    assert!(
        wiki.read(&path).ends_with("-->\n\n"),
        "the fake editor appends a newline"
    );
    let wiki = TestWiki::git().env("EDITOR", "false");
    let run = wiki.pm(&["new", "--no-input", "-s", "SEV1", "x", "--edit"]);
    run.code(1).stderr_has("the editor `false` failed");
    run.stderr_has("hint: the post-mortem is saved at");
}

#[test]
fn wiki_flag_and_env() {
    // `--wiki` names a plain folder: it becomes the wiki, and the current folder (no wiki)
    // is left alone.
    let wiki = TestWiki::folder();
    std::fs::create_dir_all(wiki.path("elsewhere")).unwrap();
    let other = wiki.path("elsewhere");
    let run = wiki.pm(&[
        "--wiki",
        other.to_str().unwrap(),
        "new",
        "--no-input",
        "-s",
        "SEV1",
        "x",
    ]);
    run.ok();
    assert!(other.join("postmortems/2026-11-20-x.md").is_file());
    assert_eq!(
        wiki.files(),
        [
            "elsewhere/.pm/state/.gitignore",
            "elsewhere/.pm/state/current",
            "elsewhere/postmortems/2026-11-20-x.md"
        ]
    );
    wiki.run(
        wiki.command()
            .env("PM_WIKI", &other)
            .args(["new", "--no-input", "-s", "SEV1", "y"])
            .stdin(std::process::Stdio::null())
            .output()
            .unwrap(),
    )
    .ok();
    assert!(other.join("postmortems/2026-11-20-y.md").is_file());
    let wiki = wiki.env("PM_WIKI", "/nonexistent/wiki");
    wiki.pm(&["new", "--no-input", "-s", "SEV1", "x"])
        .code(1)
        .stderr_has("the wiki folder `/nonexistent/wiki` does not exist");
}

#[test]
fn bad_clock_is_reported() {
    let wiki = TestWiki::git().env("PM_NOW", "soon");
    wiki.pm(&["new", "--no-input", "-s", "SEV1", "x"])
        .code(2)
        .stderr_has("invalid `PM_NOW` `soon`");
}

#[test]
fn prompts_on_a_terminal() {
    let wiki = TestWiki::git();
    let mut cmd = wiki.command();
    cmd.arg("new");
    let mut session = rexpect::session::spawn_command(cmd, Some(20_000)).unwrap();
    session.exp_string("Title").unwrap();
    session.send_line("Search is slow").unwrap();
    session.exp_string("Severity").unwrap();
    session.exp_string("SEV4").unwrap();
    // The select starts in the middle (SEV3); one step up picks SEV2. `send` buffers: flush.
    session.send("\x1b[A").unwrap();
    session.flush().unwrap();
    session.send("\r").unwrap();
    session.flush().unwrap();
    session.exp_string("Started").unwrap();
    session.send_line("13:40").unwrap();
    session.exp_string("Lead").unwrap();
    session.send_line("").unwrap();
    session.exp_string("Impact").unwrap();
    session.send_line("p99 latency 4s for EU users").unwrap();
    session
        .exp_string("postmortems/2026-11-20-search-is-slow.md")
        .unwrap();
    session.exp_eof().unwrap();
    let text = wiki.read("postmortems/2026-11-20-search-is-slow.md");
    assert!(text.contains("severity = \"SEV2\""), "{text}");
    assert!(text.contains("started = 2026-11-20T13:40:00Z"), "{text}");
    assert!(text.contains("lead = \"Alice Example\""), "{text}");
    assert!(text.contains("\n\np99 latency 4s for EU users\n"), "{text}");
}

#[test]
fn prompts_reject_bad_answers_and_ask_again() {
    let wiki = TestWiki::git();
    let mut cmd = wiki.command();
    cmd.args([
        "new",
        "-s",
        "SEV1",
        "--lead",
        "Dan",
        "--impact",
        "",
        "Queue backlog",
    ]);
    let mut session = rexpect::session::spawn_command(cmd, Some(20_000)).unwrap();
    session.exp_string("Started").unwrap();
    session.send_line("half past two").unwrap();
    session.exp_string("half past two").unwrap();
    session.send_line("-1h").unwrap();
    session
        .exp_string("postmortems/2026-11-20-queue-backlog.md")
        .unwrap();
    session.exp_eof().unwrap();
    assert!(
        wiki.read("postmortems/2026-11-20-queue-backlog.md")
            .contains("started = 2026-11-20T13:05:00Z")
    );
}
