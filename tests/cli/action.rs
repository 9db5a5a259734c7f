//! `pm action add`: where items land (fresh documents, hand-written task lists, missing
//! sections), that no other byte changes, and every refusal with its exit code and message.

use std::process::Stdio;

use crate::support::{TestWiki, with_line_after};

const DOC: &str = "postmortems/2026-11-20-checkout-outage.md";

fn fresh() -> TestWiki {
    let wiki = TestWiki::git();
    wiki.pm(&["new", "--no-input", "-s", "SEV2", "Checkout outage"])
        .ok();
    wiki
}

#[test]
fn items_land_under_their_sections_in_a_fresh_document() {
    let wiki = fresh();
    let before = wiki.read(DOC);
    let tracked = "<!-- One task per line, each with an owner, a ticket and a due date: `- [ ] Alert \
                   on price mismatches — owner: @mary, ticket: SHOP-123, due: 2026-12-04`. Add \
                   them with `pm action add \"…\"`. -->";
    let later = "<!-- Improvements worth doing that are not tracked as tickets. No owner or ticket \
                 needed. -->";
    wiki.pm(&[
        "action",
        "add",
        "Alert",
        "on",
        "price",
        "mismatches",
        "--owner",
        "@mary",
        "--ticket",
        "SHOP-123",
        "--due",
        "2026-12-04",
    ])
    .ok()
    .stdout_eq(
        "- [ ] Alert on price mismatches — owner: @mary, ticket: SHOP-123, due: 2026-12-04\n",
    );
    wiki.pm(&[
        "action",
        "add",
        "Add a canary stage",
        "--owner",
        "Bob Builder",
        "--ticket",
        "acme/shop#12",
    ])
    .ok()
    .stdout_eq("- [ ] Add a canary stage — owner: Bob Builder, ticket: acme/shop#12\n");
    wiki.pm(&["action", "add", "--later", "Rewrite the pricing cache"])
        .ok()
        .stdout_eq("- [ ] Rewrite the pricing cache\n");
    let expected = with_line_after(
        &with_line_after(
            &before,
            tracked,
            "\n- [ ] Alert on price mismatches — owner: @mary, ticket: SHOP-123, due: 2026-12-04\n\
             - [ ] Add a canary stage — owner: Bob Builder, ticket: acme/shop#12",
        ),
        later,
        "\n- [ ] Rewrite the pricing cache",
    );
    assert_eq!(wiki.read(DOC), expected);
}

#[test]
fn every_ticket_form_and_a_trimmed_due_date() {
    let wiki = fresh();
    for ticket in [
        "SHOP-123",
        "#123",
        "acme/shop#12",
        "https://jira.example/browse/SHOP-1",
    ] {
        wiki.pm(&[
            "action",
            "add",
            "x",
            "--ticket",
            ticket,
            "--due",
            " 2026-12-04 ",
        ])
        .ok()
        .stdout_eq(&format!("- [ ] x — ticket: {ticket}, due: 2026-12-04\n"));
    }
    // Multi-line text becomes one line; Markdown is kept.
    wiki.pm(&["action", "add", "Fix\n  the `cache`\tnow"])
        .ok()
        .stdout_eq("- [ ] Fix the `cache` now\n");
}

#[test]
fn hand_written_crlf_task_list_under_an_alias() {
    let wiki = TestWiki::git();
    let text = "# Outage\r\n\r\n## Corrective and preventative measures\r\n\r\n\
                - [ ] Improve firewall tests — owner: @ops\r\n\
                - [x] Enable logging,\r\n  on every host\r\n\r\n\
                ## Tasks\r\n\r\n* not action items\r\n";
    wiki.write("postmortems/fw.md", text);
    wiki.pm(&[
        "action",
        "add",
        "--doc",
        "fw",
        "Review rules",
        "--owner",
        "@sec",
    ])
    .ok();
    assert_eq!(
        wiki.read("postmortems/fw.md"),
        with_line_after(text, "  on every host", "- [ ] Review rules — owner: @sec")
    );
}

#[test]
fn a_loose_list_gets_the_item_after_its_last_item() {
    let wiki = TestWiki::git();
    let text = "## Action items\n\n- [ ] One\n\n- [ ] Two\n\n\n## Data\n\nx";
    wiki.write("postmortems/loose.md", text);
    wiki.pm(&["action", "add", "--doc", "loose", "Three"]).ok();
    assert_eq!(
        wiki.read("postmortems/loose.md"),
        "## Action items\n\n- [ ] One\n\n- [ ] Two\n- [ ] Three\n\n\n## Data\n\nx"
    );
}

#[test]
fn a_missing_section_is_created_in_template_order() {
    let wiki = TestWiki::git();
    // Action items come before "Data and analysis" (here by its alias "Appendix").
    wiki.write(
        "postmortems/a.md",
        "# Outage\n\n## Root cause\n\nA bug.\n\n## Appendix\n\nGraphs.\n",
    );
    wiki.pm(&["action", "add", "--doc", "a", "Fix it", "--owner", "@me"])
        .ok();
    assert_eq!(
        wiki.read("postmortems/a.md"),
        "# Outage\n\n## Root cause\n\nA bug.\n\n## Action items\n\n- [ ] Fix it — owner: @me\n\n\
         ## Appendix\n\nGraphs.\n"
    );
    // Nothing after it: after the nearest section before it, kept apart by one blank line.
    wiki.write(
        "postmortems/b.md",
        "## What went wrong\r\n\r\nEverything.\r\n\r\n\r\n## Random notes\r\n\r\nx",
    );
    wiki.pm(&["action", "add", "--doc", "b", "--later", "Someday"])
        .ok();
    assert_eq!(
        wiki.read("postmortems/b.md"),
        "## What went wrong\r\n\r\nEverything.\r\n\r\n## If we have time\r\n\r\n- [ ] Someday\r\n\
         \r\n\r\n## Random notes\r\n\r\nx"
    );
}

/// `pm action add` writes as the neighbouring items are written; every other byte stays.
#[test]
fn a_new_item_is_written_in_its_neighbours_style() {
    let wiki = TestWiki::git();
    // (document, the item's flags, the line pm must add after the given line)
    let cases: &[(&str, &[&str], &str, &str)] = &[
        (
            // A table (openfoodfacts' follow-up tables): a row, columns by header, padded.
            "# Outage\n\n## Action items\n\n| Action | Owner | Ticket |\n|---|---|---|\n\
             | Fix it | @bob | OPS-1 |\n\n## Data\n",
            &["Do the thing", "--owner", "@mary"],
            "| Fix it | @bob | OPS-1 |",
            "| Do the thing | @mary |  |",
        ),
        (
            // A tight table under an alias, CRLF, the owner column named "Who".
            "## Follow-ups\r\n\r\n|Item|Who|Status|\r\n|-|-|-|\r\n|a|b|Done|\r\n",
            &["x", "--owner", "@c"],
            "|a|b|Done|",
            "|x|@c||",
        ),
        (
            // Plain bullets with the owner in parentheses (a hand-written list).
            "## Corrective actions\n\n* Rotate the keys (@ann)\n* Add alerting (@bob)\n",
            &["Audit the logs", "--owner", "@cy"],
            "* Add alerting (@bob)",
            "* Audit the logs (@cy)",
        ),
        (
            // Numbered sub-headings (hachyderm): the next number, at the end of the section.
            "# Action items\n\n### 1) Verify cron\n\nIt should run.\n\n### 2) Debug alerts\n\nWhy?\n",
            &["Buy a bigger server"],
            "Why?",
            "\n### 3) Buy a bigger server",
        ),
        (
            // One action per line (chia-network): a line like the others.
            "## Corrective and Preventative Measure\n\nDevelop better questioning.\nHire a SecOps person.\n\n## End\n",
            &["Add a GUI warning", "--ticket", "GUI-12"],
            "Hire a SecOps person.",
            "Add a GUI warning — ticket: GUI-12",
        ),
    ];
    for (n, (text, flags, after, line)) in cases.iter().enumerate() {
        let path = format!("postmortems/style-{n}.md");
        wiki.write(&path, *text);
        let mut args = vec!["action", "add", "--doc"];
        let doc = format!("style-{n}");
        args.push(&doc);
        args.extend(flags.iter());
        wiki.pm(&args).ok();
        assert_eq!(
            wiki.read(&path),
            with_line_after(text, after, line),
            "case {n}"
        );
    }
}

/// A table whose columns name no action text cannot take an item; nothing is written.
#[test]
fn a_table_without_an_action_column_is_refused() {
    let wiki = TestWiki::git();
    let text =
        "## Action items\n\n| Owner | Ticket | Notes |\n|---|---|---|\n| @bob | OPS-1 | fix it |\n";
    wiki.write("postmortems/table.md", text);
    wiki.pm(&["action", "add", "--doc", "table", "Do the thing"])
        .code(1)
        .stderr_eq(
            "error: cannot add the item to `[ROOT]/wiki/postmortems/table.md`: the table at \
             line 3 has no column for the action's text\n\
             hint: add it by hand; nothing was written\n",
        );
    assert_eq!(wiki.read("postmortems/table.md"), text);
}

/// `pm action done` marks an item as the document marks its done items: `[x]` in a plain
/// bullet, the status cell of a table row, `✅` or `~~…~~` where the document uses them.
#[test]
fn a_ticket_matches_however_it_was_written() {
    let wiki = fresh();
    let doc = "postmortems/2026-11-20-checkout-outage.md";
    let url = "https://jira.example.com/browse/PAY-312";
    wiki.pm(&[
        "action",
        "add",
        "Fix retries",
        "--owner",
        "@ana",
        "--ticket",
        url,
    ])
    .ok();
    wiki.pm(&[
        "action",
        "add",
        "Page the team",
        "--owner",
        "@bo",
        "--ticket",
        "PAY-313",
    ])
    .ok();
    wiki.pm(&["action", "done", "pay-312"]).ok();
    let text = wiki.read(doc);
    assert!(
        text.contains(&format!("- [x] Fix retries — owner: @ana, ticket: {url}")),
        "{text}"
    );
    // And the other way round: a URL finds the item written with the key.
    wiki.pm(&["action", "done", "https://jira.example.com/browse/PAY-313"])
        .ok();
    assert!(wiki.read(doc).contains("- [x] Page the team"));
}

#[test]
fn done_marks_items_as_the_document_does() {
    let wiki = TestWiki::git();
    // (document, query, the line before, the line after)
    let cases: &[(&str, &str, &str, &str)] = &[
        (
            "## Action items\n\n- Rotate the keys\n- Add alerting\n",
            "alerting",
            "- Add alerting",
            "- [x] Add alerting",
        ),
        (
            "## Corrective Actions\n\n| Action | Expected Date | Status |\n|---|---|---|\n\
             | Enable nftables | Jul 16, 2023 |  Done |\n| Bind Redis | Jul 17, 2023 |  To Do |\n",
            "Bind Redis",
            "| Bind Redis | Jul 17, 2023 |  To Do |",
            "| Bind Redis | Jul 17, 2023 |  Done  |",
        ),
        (
            "## Action items\n\n- ✅ Rotate the keys\n- Add alerting\n",
            "alerting",
            "- Add alerting",
            "- ✅ Add alerting",
        ),
        (
            "## Action items\n\n- ~~Rotate the keys~~\n- Add alerting (@bob)\n",
            "alerting",
            "- Add alerting (@bob)",
            "- ~~Add alerting~~ (@bob)",
        ),
        (
            "## Prevention\n\nAdd a try/catch to the webhooks.\nTest webhooks in staging.\n",
            "staging",
            "Test webhooks in staging.",
            "✅ Test webhooks in staging.",
        ),
    ];
    for (n, (text, query, before, after)) in cases.iter().enumerate() {
        let path = format!("postmortems/done-{n}.md");
        wiki.write(&path, *text);
        let doc = format!("done-{n}");
        wiki.pm(&["action", "done", "--doc", &doc, query]).ok();
        assert_eq!(wiki.read(&path), text.replace(before, after), "case {n}");
        // Read back as done: a second time is "already done" and changes nothing.
        wiki.pm(&["action", "done", "--doc", &doc, query])
            .ok()
            .stderr_has("already done");
    }
}

#[test]
fn bad_values_are_usage_errors_and_nothing_is_written() {
    let wiki = fresh();
    let before = wiki.read(DOC);
    let ticket_help = "is not a ticket; use a Jira key like `SHOP-123`, a GitHub or GitLab \
                       reference like `#123` or `owner/repo#123`, or an http(s) URL";
    let due_help = "is not a due date; use a real date written `YYYY-MM-DD`, like `2026-12-04`";
    let owner_help = "cannot be an owner; use a handle like `@mary` or a name, without ` — ` or a \
                      `ticket:` or `due:` in it";
    let cases: Vec<(Vec<&str>, String)> = vec![
        (
            vec!["--ticket", "SHOP 123"],
            format!("invalid ticket (`--ticket`) `SHOP 123`: `SHOP 123` {ticket_help}"),
        ),
        (
            vec!["--ticket", "shop-1"],
            format!("invalid ticket (`--ticket`) `shop-1`: `shop-1` {ticket_help}"),
        ),
        (
            vec!["--ticket", "ftp://x"],
            format!("invalid ticket (`--ticket`) `ftp://x`: `ftp://x` {ticket_help}"),
        ),
        (
            vec!["--due", "2026-02-30"],
            format!("invalid due date (`--due`) `2026-02-30`: `2026-02-30` {due_help}"),
        ),
        (
            vec!["--due", "2026-2-3"],
            format!("invalid due date (`--due`) `2026-2-3`: `2026-2-3` {due_help}"),
        ),
        (
            vec!["--due", "tomorrow"],
            format!("invalid due date (`--due`) `tomorrow`: `tomorrow` {due_help}"),
        ),
        (
            vec!["--owner", "mary — ops"],
            format!("invalid owner (`--owner`) `mary — ops`: `mary — ops` {owner_help}"),
        ),
        (
            vec!["--owner", "mary, ticket: X-1"],
            format!(
                "invalid owner (`--owner`) `mary, ticket: X-1`: `mary, ticket: X-1` {owner_help}"
            ),
        ),
        (
            vec!["--owner", " "],
            format!("invalid owner (`--owner`) ` `: ` ` {owner_help}"),
        ),
    ];
    for (flags, message) in cases {
        let mut args = vec!["action", "add", "Fix it"];
        args.extend(&flags);
        wiki.pm(&args)
            .code(2)
            .stderr_eq(&format!("error: {message}\n"));
    }
    wiki.pm(&["action", "add", " ", "\n"])
        .code(2)
        .stderr_eq("error: invalid action item text `  \n`: it is empty; say what is to be done\n");
    wiki.pm(&["action", "add"])
        .code(2)
        .stderr_has("error: the following required arguments were not provided:\n  <TEXT>...");
    assert_eq!(wiki.read(DOC), before);
}

/// The owner message says "without … a `ticket:` or `due:` in it", and `mary, ticket: X-1` is
/// refused; but without the comma, `@bob ticket: X-1` is taken and written as
/// `- [ ] Fix it — owner: @bob ticket: X-1`, which reads as an owner and a ticket.
#[test]
fn an_owner_with_a_field_name_in_it_is_refused() {
    let wiki = fresh();
    let before = wiki.read(DOC);
    for owner in ["@bob ticket: X-1", "@bob due: 2026-01-01"] {
        wiki.pm(&["action", "add", "Fix it", "--owner", owner])
            .code(2)
            .stderr_has("cannot be an owner");
    }
    assert_eq!(wiki.read(DOC), before);
}

#[test]
fn which_document_and_file_errors() {
    let wiki = TestWiki::git();
    wiki.pm(&["action", "add", "x"]).code(1).stderr_eq(
        "error: no current post-mortem in this clone\nhint: choose one with `pm use DOC` (or \
         `--doc DOC`, or `PM_DOC`); `pm new` makes the document it creates current\n",
    );
    wiki.pm(&["action", "add", "--doc", "nope", "x"])
        .code(1)
        .stderr_eq(
            "error: no post-mortem `nope` in `postmortems`\nhint: name it by path, file name, \
             slug, or part of its slug or title; `pm list` shows them all\n",
        );
    // Values are checked before the document is looked for.
    wiki.pm(&["action", "add", "--doc", "nope", "x", "--due", "2026-13-01"])
        .code(2)
        .stderr_has("invalid due date (`--due`) `2026-13-01`");
    let bytes = b"## Action items\n\n- [ ] caf\xe9\n";
    wiki.write("postmortems/latin1.md", bytes);
    wiki.pm(&["action", "add", "--doc", "latin1", "x"])
        .code(1)
        .stderr_eq(
            "error: `[ROOT]/wiki/postmortems/latin1.md` is not valid UTF-8 (first bad byte at \
             offset 26)\n",
        );
    assert_eq!(wiki.read_bytes("postmortems/latin1.md"), bytes);
    let run = wiki.run(
        wiki.command()
            .env("PM_DOC", "postmortems/latin1.md")
            .args(["action", "add", "x"])
            .stdin(Stdio::null())
            .output()
            .unwrap(),
    );
    run.code(1).stderr_has("is not valid UTF-8");
}

#[test]
fn a_read_only_document_is_refused() {
    use std::os::unix::fs::PermissionsExt;
    let wiki = fresh();
    let before = wiki.read(DOC);
    std::fs::set_permissions(wiki.path(DOC), std::fs::Permissions::from_mode(0o444)).unwrap();
    wiki.pm(&["action", "add", "x"]).code(1).stderr_eq(&format!(
        "error: `[ROOT]/wiki/{DOC}` is read-only; make it writable to let pm change it\n\
         hint: run `chmod u+w [ROOT]/wiki/{DOC}` if pm should change it\n"
    ));
    assert_eq!(wiki.read(DOC), before);
}

#[test]
fn concurrent_adds_lose_no_item() {
    let wiki = fresh();
    std::thread::scope(|scope| {
        for p in 0..4 {
            let wiki = &wiki;
            scope.spawn(move || {
                for i in 0..10 {
                    let output = wiki
                        .command()
                        .args(["action", "add", &format!("item {p}-{i}")])
                        .stdin(Stdio::null())
                        .output()
                        .unwrap();
                    wiki.run(output).ok();
                }
            });
        }
    });
    let text = wiki.read(DOC);
    for p in 0..4 {
        let mine: Vec<&str> = text
            .lines()
            .filter(|l| l.starts_with(&format!("- [ ] item {p}-")))
            .collect();
        let expected: Vec<String> = (0..10).map(|i| format!("- [ ] item {p}-{i}")).collect();
        assert_eq!(mine, expected, "each process's items, once, in its order");
    }
}
