//! `pm timeline add` and `pm timeline list`: where entries land (in `pm new` documents and in
//! hand-written ones), that no other byte changes, the zone and DST rules, locking under
//! concurrency, crash safety, and every refusal with its exit code and message.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use chrono::{DateTime, FixedOffset};
use serde_json::Value;

use crate::support::{TestWiki, with_line_after};

const DOC: &str = "postmortems/2026-11-20-checkout-outage.md";

/// A git wiki with `pm new "Checkout outage"` done (the current document).
fn fresh() -> TestWiki {
    let wiki = TestWiki::git();
    wiki.pm(&["new", "--no-input", "-s", "SEV2", "Checkout outage"])
        .ok()
        .stdout_eq(&format!("{DOC}\n"));
    wiki
}

/// The lines of the `## Timeline` section (heading excluded) up to the next `## ` heading.
fn timeline_section(text: &str) -> Vec<&str> {
    text.lines()
        .skip_while(|l| !l.starts_with("## Timeline"))
        .skip(1)
        .take_while(|l| !l.starts_with("## "))
        .collect()
}

/// `pm timeline list --format json`, parsed.
fn list_json(wiki: &TestWiki, args: &[&str]) -> Vec<Value> {
    let mut all = vec!["timeline", "list", "--format", "json"];
    all.extend_from_slice(args);
    let run = wiki.pm(&all);
    run.ok();
    serde_json::from_str::<Value>(&run.stdout())
        .unwrap()
        .as_array()
        .unwrap()
        .clone()
}

fn instant(entry: &Value) -> Option<DateTime<FixedOffset>> {
    entry["at"]
        .as_str()
        .map(|t| DateTime::parse_from_rfc3339(t).unwrap())
}

// ---------------------------------------------------------------------------------------------
// 1. A fresh `pm new` document

#[test]
fn every_when_form_lands_in_time_order() {
    let wiki = fresh();
    let adds: &[(&str, &str)] = &[
        (
            "13:50",
            "2026-11-20 13:50 UTC — Checkout error rate above 5% (Alice Example)",
        ),
        (
            "-5m",
            "2026-11-20 14:00 UTC — Paged the on-call (Alice Example)",
        ),
        (
            "2026-11-20 14:30",
            "2026-11-20 14:30 UTC — Rolled back to v2.3.0 (Alice Example)",
        ),
        (
            "2026-11-20T12:45:00+01:00",
            "2026-11-20 11:45 UTC — Deploy of v2.4.0 (Alice Example)",
        ),
        (
            "15m ago",
            "2026-11-20 13:50 UTC — Second alert (Alice Example)",
        ),
        (
            "14:00 PST",
            "2026-11-20 22:00 UTC — Follow-up from the US team (Alice Example)",
        ),
        ("now", "2026-11-20 14:05 UTC — Writing this (Alice Example)"),
        (
            "14:05:30",
            "2026-11-20 14:05:30 UTC — Seconds are kept (Alice Example)",
        ),
    ];
    for (at, line) in adds {
        let text = line
            .split_once(" — ")
            .unwrap()
            .1
            .trim_end_matches(" (Alice Example)");
        wiki.pm(&["timeline", "add", "--at", at, text])
            .ok()
            .stdout_eq(&format!("{line}\n"));
    }
    let text = wiki.read(DOC);
    let entries: Vec<&str> = timeline_section(&text)
        .into_iter()
        .filter(|l| l.starts_with("- "))
        .collect();
    assert_eq!(
        entries,
        [
            "- 2026-11-20 11:45 UTC — Deploy of v2.4.0 (Alice Example)",
            "- 2026-11-20 13:50 UTC — Checkout error rate above 5% (Alice Example)",
            // Equal times keep the order they were logged in.
            "- 2026-11-20 13:50 UTC — Second alert (Alice Example)",
            "- 2026-11-20 14:00 UTC — Paged the on-call (Alice Example)",
            "- 2026-11-20 14:05 UTC — Writing this (Alice Example)",
            "- 2026-11-20 14:05:30 UTC — Seconds are kept (Alice Example)",
            "- 2026-11-20 14:30 UTC — Rolled back to v2.3.0 (Alice Example)",
            "- 2026-11-20 22:00 UTC — Follow-up from the US team (Alice Example)",
        ]
    );
    let listed = list_json(&wiki, &[]);
    assert_eq!(listed.len(), 8);
    assert!(listed.windows(2).all(|w| instant(&w[0]) <= instant(&w[1])));
}

#[test]
fn full_document_after_a_session_of_logging() {
    let wiki = fresh();
    wiki.pm(&[
        "timeline",
        "add",
        "--at",
        "13:52",
        "--detected",
        "Checkout",
        "error",
        "rate",
        "above",
        "5%",
    ])
    .ok();
    wiki.pm_stdin(
        &["timeline", "add", "--at", "13:58", "--author", "Bob", "-"],
        "Paged **payments** on-call;\n  see `deploy.log`\n\nand [the graph](https://grafana.example/d/1)\n",
    )
    .ok()
    .stdout_eq(
        "2026-11-20 13:58 UTC — Paged **payments** on-call; see `deploy.log` and \
         [the graph](https://grafana.example/d/1) (Bob)\n",
    );
    wiki.pm(&[
        "timeline",
        "add",
        "--at",
        "-2m",
        "--mitigated",
        "Rolled back checkout to v2.3.0",
    ])
    .ok();
    wiki.pm(&[
        "timeline",
        "add",
        "--at",
        "13:40",
        "Deploy of v2.4.0 started",
    ])
    .ok();
    wiki.pm(&[
        "timeline",
        "add",
        "--resolved",
        "Error rate back to baseline",
    ])
    .ok();
    insta::assert_snapshot!("timeline_full_document", wiki.read(DOC));
}

#[test]
fn stdin_text_becomes_one_line_with_markdown_kept() {
    let wiki = fresh();
    let before = wiki.read(DOC);
    let input = "line one\r\n\tline *two*\n\n  | a | b |  \n# not a heading\n";
    wiki.pm_stdin(&["timeline", "add", "-"], input)
        .ok()
        .stdout_eq("2026-11-20 14:05 UTC — line one line *two* | a | b | # not a heading (Alice Example)\n");
    let anchor = before
        .lines()
        .find(|l| l.starts_with("<!-- One entry per line"))
        .unwrap();
    let expected = with_line_after(
        &before,
        anchor,
        "\n- 2026-11-20 14:05 UTC — line one line *two* | a | b | # not a heading (Alice Example)",
    );
    assert_eq!(wiki.read(DOC), expected);
}

#[test]
fn author_defaults_to_git_and_the_flag_overrides_it() {
    let wiki = fresh();
    wiki.pm(&["timeline", "add", "--at", "14:01", "from git"])
        .ok()
        .stdout_eq("2026-11-20 14:01 UTC — from git (Alice Example)\n");
    wiki.pm(&[
        "timeline",
        "add",
        "--at",
        "14:02",
        "--author",
        "  Bob   Builder ",
        "from flag",
    ])
    .ok()
    .stdout_eq("2026-11-20 14:02 UTC — from flag (Bob Builder)\n");
    // An empty author means none.
    wiki.pm(&["timeline", "add", "--at", "14:03", "--author", "", "nobody"])
        .ok()
        .stdout_eq("2026-11-20 14:03 UTC — nobody\n");
    // The user's pm config wins over git.
    std::fs::create_dir_all(wiki.home().join(".config/pm")).unwrap();
    std::fs::write(
        wiki.home().join(".config/pm/config.toml"),
        "name = \"Carol\"\n",
    )
    .unwrap();
    wiki.pm(&["timeline", "add", "--at", "14:04", "from config"])
        .ok()
        .stdout_eq("2026-11-20 14:04 UTC — from config (Carol)\n");
}

#[test]
fn milestone_flags_set_the_front_matter_and_nothing_else() {
    let wiki = fresh();
    let before = wiki.read(DOC);
    wiki.pm(&["timeline", "add", "--at", "13:52", "--detected", "alert"])
        .ok();
    wiki.pm(&[
        "timeline",
        "add",
        "--at",
        "2026-11-20T15:10:00+01:00",
        "--mitigated",
        "--resolved",
        "fixed",
    ])
    .ok();
    let after = wiki.read(DOC);
    let front: toml::Table = toml::from_str(after.split("+++").nth(1).unwrap()).unwrap();
    assert_eq!(front["detected"].to_string(), "2026-11-20T13:52:00Z");
    assert_eq!(front["mitigated"].to_string(), "2026-11-20T15:10:00+01:00");
    assert_eq!(front["resolved"].to_string(), "2026-11-20T15:10:00+01:00");
    // Setting one again replaces it in place.
    wiki.pm(&[
        "timeline",
        "add",
        "--at",
        "13:51",
        "--detected",
        "earlier alert",
    ])
    .ok();
    let again = wiki.read(DOC);
    let front: toml::Table = toml::from_str(again.split("+++").nth(1).unwrap()).unwrap();
    assert_eq!(front["detected"].to_string(), "2026-11-20T13:51:00Z");
    assert_eq!(again.matches("detected =").count(), 1);
    // Outside the front matter and the timeline, every line is as it was.
    let outside = |t: &str| {
        let body = t.splitn(3, "+++").nth(2).unwrap().to_string();
        body.lines()
            .filter(|l| !l.starts_with("- 2026-11-20"))
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    let mut expected = outside(&before);
    // The first entry brings a blank line after the guidance comment.
    let comment = expected
        .iter()
        .position(|l| l.starts_with("<!-- One entry"))
        .unwrap();
    expected.insert(comment + 1, String::new());
    assert_eq!(outside(&again), expected);
}

#[test]
fn milestone_flag_on_a_document_without_front_matter_is_refused() {
    let wiki = TestWiki::git();
    let text = "# Outage\n\n## Timeline\n\n- 2026-11-20 13:00 UTC — start\n";
    wiki.write("postmortems/old.md", text);
    wiki.pm(&["timeline", "add", "--doc", "old", "--detected", "alert"])
        .code(1)
        .stderr_eq(
            "error: cannot set `detected`: `[ROOT]/wiki/postmortems/old.md` has no valid TOML \
             front matter (`+++` block)\nhint: add `detected = 2026-11-20T14:05:00Z` to its front \
             matter by hand, or fix the block; nothing was written\n",
        );
    assert_eq!(wiki.read("postmortems/old.md"), text);
}

/// The flags and the environment of one way to name a document.
type Way<'a> = (&'a [&'a str], &'a [(&'a str, &'a str)]);

#[test]
fn doc_by_path_file_name_slug_and_env() {
    let wiki = fresh();
    wiki.pm(&["new", "--no-input", "-s", "SEV3", "DNS failure"])
        .ok();
    let other = "postmortems/2026-11-20-dns-failure.md";
    let ways: &[Way] = &[
        (&["--doc", DOC], &[]),
        (&["--doc", "2026-11-20-checkout-outage.md"], &[]),
        (&["--doc", "2026-11-20-checkout-outage"], &[]),
        (&["--doc", "checkout-outage"], &[]),
        (&[], &[("PM_DOC", "checkout-outage")]),
        (&[], &[("PM_DOC", DOC)]),
    ];
    for (i, (flags, env)) in ways.iter().enumerate() {
        let text = format!("way {i}");
        let mut cmd = wiki.command();
        cmd.args(["timeline", "add", "--at", &format!("13:0{i}")])
            .args(*flags)
            .arg(&text);
        for (k, v) in *env {
            cmd.env(k, v);
        }
        let run = wiki.run(cmd.stdin(Stdio::null()).output().unwrap());
        run.ok();
        assert!(wiki.read(DOC).contains(&text), "{flags:?} {env:?}");
    }
    // An absolute path works from anywhere.
    let absolute = wiki.path(DOC).display().to_string();
    wiki.pm(&["timeline", "add", "--doc", &absolute, "absolute"])
        .ok();
    assert!(wiki.read(DOC).contains("— absolute (Alice Example)"));
    // `--doc` wins over PM_DOC.
    let run = wiki.run(
        wiki.command()
            .env("PM_DOC", "dns-failure")
            .args(["timeline", "add", "--doc", "checkout-outage", "flag wins"])
            .stdin(Stdio::null())
            .output()
            .unwrap(),
    );
    run.ok();
    assert!(wiki.read(DOC).contains("flag wins"));
    // None of that touched the current document, the one made last.
    assert!(
        timeline_section(&wiki.read(other))
            .iter()
            .all(|l| !l.starts_with("- "))
    );
    wiki.pm(&["timeline", "add", "to the current one"]).ok();
    assert!(
        wiki.read(other)
            .contains("— to the current one (Alice Example)")
    );
}

#[test]
fn the_current_document_is_the_one_pm_new_made_last() {
    for wiki in [TestWiki::git(), TestWiki::new()] {
        wiki.pm(&["new", "--no-input", "-s", "SEV2", "First"]).ok();
        wiki.pm(&["new", "--no-input", "-s", "SEV2", "Second"]).ok();
        wiki.pm(&["timeline", "add", "logged"]).ok();
        assert!(
            wiki.read("postmortems/2026-11-20-second.md")
                .contains("— logged (")
        );
        assert!(
            !wiki
                .read("postmortems/2026-11-20-first.md")
                .contains("logged")
        );
        // From a subfolder too: the git work tree or the folder holding `pm.toml`.
        let run = wiki.run(
            wiki.command()
                .current_dir(wiki.path("postmortems"))
                .args(["timeline", "add", "from below"])
                .stdin(Stdio::null())
                .output()
                .unwrap(),
        );
        run.ok();
        assert!(
            wiki.read("postmortems/2026-11-20-second.md")
                .contains("— from below (")
        );
    }
}

// ---------------------------------------------------------------------------------------------
// 2. Zones and daylight saving time

fn copenhagen() -> TestWiki {
    let wiki = TestWiki::git().file("pm.toml", "timezone = \"Europe/Copenhagen\"\n");
    wiki.write(
        "postmortems/dst.md",
        "# DST\n\n## Timeline\n\n- 2026-03-29 01:00 CET — before the gap\n",
    );
    wiki
}

#[test]
fn a_time_skipped_by_dst_is_refused() {
    let wiki = copenhagen();
    let before = wiki.read_bytes("postmortems/dst.md");
    wiki.pm(&[
        "timeline",
        "add",
        "--doc",
        "dst",
        "--at",
        "2026-03-29 02:30",
        "x",
    ])
    .code(2)
    .stderr_eq(
        "error: invalid time (`--at`) `2026-03-29 02:30`: `2026-03-29 02:30` does not exist \
             in `Europe/Copenhagen` because clocks spring forward over it; give a time outside \
             the gap, or an offset\n",
    );
    assert_eq!(wiki.read_bytes("postmortems/dst.md"), before);
}

#[test]
fn a_time_repeated_by_dst_is_refused() {
    let wiki = copenhagen();
    let before = wiki.read_bytes("postmortems/dst.md");
    wiki.pm(&[
        "timeline",
        "add",
        "--doc",
        "dst",
        "--at",
        "2026-10-25 02:30",
        "x",
    ])
    .code(2)
    .stderr_eq(
        "error: invalid time (`--at`) `2026-10-25 02:30`: `2026-10-25 02:30` happens twice \
             in `Europe/Copenhagen` because clocks fall back: first at +02:00, then at +01:00; add \
             the offset you mean, like `2026-10-25 02:30 +02:00`\n",
    );
    assert_eq!(wiki.read_bytes("postmortems/dst.md"), before);
}

#[test]
fn around_dst_the_wiki_zone_is_written_out() {
    let wiki = copenhagen();
    let add = |at: &str, out: &str| {
        wiki.pm(&[
            "timeline", "add", "--doc", "dst", "--author", "", "--at", at, "x",
        ])
        .ok()
        .stdout_eq(&format!("{out}\n"));
    };
    add("2026-10-25 02:30 +01:00", "2026-10-25 02:30 CET — x");
    add("2026-10-25 02:30 +02:00", "2026-10-25 02:30 CEST — x");
    add("2026-03-29 03:00", "2026-03-29 03:00 CEST — x");
    add("2026-03-29 01:59", "2026-03-29 01:59 CET — x");
    // Bare `HH:MM` is today in the wiki's zone (PM_NOW is 14:05 UTC, 15:05 in Copenhagen).
    add("15:00", "2026-11-20 15:00 CET — x");
    let listed: Vec<String> = list_json(&wiki, &["--doc", "dst"])
        .iter()
        .map(|e| e["at"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        listed,
        [
            "2026-03-29T01:00:00+01:00",
            "2026-03-29T01:59:00+01:00",
            "2026-03-29T03:00:00+02:00",
            "2026-10-25T02:30:00+02:00",
            "2026-10-25T02:30:00+01:00",
            "2026-11-20T15:00:00+01:00",
        ]
    );
}

/// The template's guidance comment in the Timeline section says "with the zone written out:
/// `- 2026-11-20 14:05 UTC — …`", and the timeline reader takes that line for a declaration that
/// the section's times are in UTC. So in a wiki whose zone is not UTC, every entry of a fresh
/// document is written in UTC, and a bare `15:00` typed by hand is read as 15:00 UTC.
#[test]
fn a_fresh_document_uses_the_wiki_zone() {
    let wiki = TestWiki::git().file("pm.toml", "timezone = \"Europe/Copenhagen\"\n");
    wiki.pm(&["new", "--no-input", "-s", "SEV2", "Checkout outage"])
        .ok();
    wiki.pm(&["timeline", "add", "--at", "15:00", "x"])
        .ok()
        .stdout_eq("2026-11-20 15:00 CET — x (Alice Example)\n");
    let text = wiki.read(DOC);
    wiki.write(
        DOC,
        text.replace("## Root cause", "- 15:30 typed by hand\n\n## Root cause"),
    );
    let listed = list_json(&wiki, &[]);
    assert_eq!(listed[1]["at"], "2026-11-20T15:30:00+01:00");
}

// ---------------------------------------------------------------------------------------------
// 3. Hand-written documents: the entry matches its neighbours, every other byte stays

/// Add with `--at AT` and text `TEXT` to the hand-written `name`, and check the file is `old`
/// with `line` inserted right after the line `after`.
#[track_caller]
fn add_to_hand_doc(wiki: &TestWiki, name: &str, at: &str, after: &str, line: &str) {
    let rel = format!("postmortems/{name}");
    let old = wiki.read(&rel);
    wiki.pm(&["timeline", "add", "--doc", name, "--at", at, "New entry"])
        .ok();
    assert_eq!(wiki.read(&rel), with_line_after(&old, after, line));
}

#[test]
fn bold_times_in_a_bullet_list_with_a_pst_heading() {
    let wiki = TestWiki::git();
    // The shape of student-0x19/4mcking.md, dated by its first entry.
    wiki.write(
        "postmortems/web.md",
        "# Web server outage\n\n\
         Issue Summary: the web server was down for 30 minutes.\n\n\
         ## Timeline (all times PST)\n\n\
         * **2026-11-20 8:00 AM:** Issue detected - Monitoring alerts notified the team.\n\
         * **8:05 AM:** Investigation started - logs and firewall rules.\n\
         * **8:15 AM:** Incident escalated.\n\
         * **8:30 AM:** Incident resolved.\n\n\
         ## Root Cause and Resolution:\n\nA misconfigured firewall rule.\n",
    );
    add_to_hand_doc(
        &wiki,
        "web.md",
        "2026-11-20 08:10 PST",
        "* **8:05 AM:** Investigation started - logs and firewall rules.",
        "* **8:10 AM:** New entry (Alice Example)",
    );
    // An entry before all of them goes first.
    let old = wiki.read("postmortems/web.md");
    wiki.pm(&[
        "timeline",
        "add",
        "--doc",
        "web.md",
        "--at",
        "2026-11-20T15:59:00Z",
        "First",
    ])
    .ok();
    assert_eq!(
        wiki.read("postmortems/web.md"),
        old.replace(
            "\n* **2026-11-20 8:00 AM:**",
            "\n* **2026-11-20 7:59 AM:** First (Alice Example)\n* **2026-11-20 8:00 AM:**"
        )
    );
}

#[test]
fn bold_times_in_plain_lines() {
    let wiki = TestWiki::git();
    wiki.write(
        "postmortems/plain.md",
        "# Outage\n\n## Timeline\n\nAll times UTC.\n\n\
         **2026-11-20 14:05** alert fired\n**14:10** paged\n**14:30** rolled back\n\n\
         ## Root cause\n\nA bad config.\n",
    );
    add_to_hand_doc(
        &wiki,
        "plain.md",
        "14:20",
        "**14:10** paged",
        "**14:20** New entry (Alice Example)",
    );
}

#[test]
fn dash_separated_times_in_a_loose_list_with_continuation_lines() {
    let wiki = TestWiki::git();
    // The shape of kubernetes-test-infra/2019-01-23.md.
    wiki.write(
        "postmortems/prow.md",
        "## Timeline\n\nAll times in PST\n\n\
         - 2026-11-20 2:54 PM - config PR merged\n\n\
         - 3:28 PM - bad config uploaded,\n           continued on a second line\n\n\
         - 4:49 PM - first report\n\n## Appendix\n\nLinks.\n",
    );
    add_to_hand_doc(
        &wiki,
        "prow.md",
        "2026-11-20 15:30 PST",
        "           continued on a second line",
        "- 3:30 PM - New entry (Alice Example)",
    );
}

#[test]
fn a_table_with_crlf_line_endings() {
    let wiki = TestWiki::git();
    // The shape of hachyderm/2023-07-16-security-redis-cache-exposed.md (with a "Who" column).
    let text = "## Timeline\r\n\r\n\
        | **Date/Time (UTC)** | **Event** | Who |\r\n\
        |---------------------|-----------|---------|\r\n\
        | 2026-11-20 10:45    | identified | HIE1 |\r\n\
        | Between 10:50 and 10:55 | looked around | HIE1 |\r\n\
        | 2026-11-20 11:10    | confirmed | HIE1 |\r\n\r\n\
        ## Analysis\r\n\r\nText.\r\n";
    wiki.write("postmortems/redis.md", text);
    let old = wiki.read("postmortems/redis.md");
    wiki.pm(&[
        "timeline", "add", "--doc", "redis", "--at", "11:00", "a | pipe",
    ])
    .ok()
    .stdout_eq("2026-11-20 11:00 — a | pipe (Alice Example)\n");
    assert_eq!(
        wiki.read("postmortems/redis.md"),
        // Right after the last entry not later than it; the row without a time stays put.
        with_line_after(
            &old,
            "| 2026-11-20 10:45    | identified | HIE1 |",
            "| 2026-11-20 11:00    | a \\| pipe | Alice Example |",
        )
    );
}

/// hachyderm's table writes its header cells in bold: `| **Date/Time (UTC)** | **Event** |
/// **Who** |`. The "who" column is looked up by the raw cell text, so `**Who**` is missed and the
/// author lands in the Event cell, with the Who cell left empty.
#[test]
fn a_bold_who_header_gets_the_author() {
    let wiki = TestWiki::git();
    let text = "## Timeline\n\n| **Time (UTC)** | **Event** | **Who** |\n|---|---|---|\n\
                | 2026-11-20 10:45 | identified | HIE1 |\n";
    wiki.write("postmortems/bold.md", text);
    wiki.pm(&["timeline", "add", "--doc", "bold", "--at", "11:00", "x"])
        .ok();
    assert_eq!(
        wiki.read("postmortems/bold.md"),
        format!("{text}| 2026-11-20 11:00 | x | Alice Example |\n")
    );
}

#[test]
fn a_crlf_list_after_a_zone_heading() {
    let wiki = TestWiki::git();
    let text = "# Outage\r\n\r\n## Timeline (all times UTC+2)\r\n\r\n\
        - 2026-11-20 09:00 - deploy\r\n- 09:30 - errors\r\n\r\n## Root cause\r\n\r\nx\r\n";
    wiki.write("postmortems/crlf.md", text);
    add_to_hand_doc(
        &wiki,
        "crlf.md",
        "2026-11-20T10:00:00+02:00",
        "- 09:30 - errors",
        "- 10:00 - New entry (Alice Example)",
    );
    assert!(
        !wiki
            .read("postmortems/crlf.md")
            .replace("\r\n", "")
            .contains('\n')
    );
}

#[test]
fn code_blocks_and_other_sections_do_not_hold_entries() {
    let wiki = TestWiki::git();
    wiki.write(
        "postmortems/code.md",
        "## Summary\n\n14:00 this is not an entry\n\n## Timeline\n\n\
         - 2026-11-20 13:00 — start\n\n```\n- 13:30 fake entry in a log\n14:50 also fake\n```\n\n\
         - 14:30 — later\n\n## Root cause\n\n- 13:45 not an entry either\n",
    );
    add_to_hand_doc(
        &wiki,
        "code.md",
        "13:45",
        "- 2026-11-20 13:00 — start",
        "- 2026-11-20 13:45 — New entry (Alice Example)",
    );
    let listed = list_json(&wiki, &["--doc", "code"]);
    let texts: Vec<&str> = listed.iter().map(|e| e["text"].as_str().unwrap()).collect();
    assert_eq!(texts, ["start", "New entry (Alice Example)", "later"]);
}

#[test]
fn a_missing_timeline_goes_before_root_cause() {
    let wiki = TestWiki::git();
    let text = "# Outage\n\n## Summary\n\nThings broke.\n\n## Root causes\n\nA bug.\n";
    wiki.write("postmortems/none.md", text);
    wiki.pm(&["timeline", "add", "--doc", "none", "first"]).ok();
    assert_eq!(
        wiki.read("postmortems/none.md"),
        "# Outage\n\n## Summary\n\nThings broke.\n\n## Timeline\n\n\
         - 2026-11-20 14:05 UTC — first (Alice Example)\n\n## Root causes\n\nA bug.\n"
    );
}

#[test]
fn a_missing_timeline_goes_in_template_order() {
    let wiki = TestWiki::git();
    // No section after Timeline in the template: it follows Resolution, the nearest before.
    wiki.write(
        "postmortems/order.md",
        "# Outage\r\n\r\n## Fix\r\n\r\nRolled back.\r\n\r\n\r\n## Notes\r\n\r\nx",
    );
    wiki.pm(&["timeline", "add", "--doc", "order", "first"])
        .ok();
    assert_eq!(
        wiki.read("postmortems/order.md"),
        "# Outage\r\n\r\n## Fix\r\n\r\nRolled back.\r\n\r\n## Timeline\r\n\r\n\
         - 2026-11-20 14:05 UTC — first (Alice Example)\r\n\r\n\r\n## Notes\r\n\r\nx"
    );
    // Nothing known at all, and no final newline: at the end, with the line break added.
    wiki.write("postmortems/bare.md", "Just a note.");
    wiki.pm(&["timeline", "add", "--doc", "bare", "first"]).ok();
    assert_eq!(
        wiki.read("postmortems/bare.md"),
        "Just a note.\n\n## Timeline\n\n- 2026-11-20 14:05 UTC — first (Alice Example)\n"
    );
}

#[test]
fn an_empty_timeline_gets_its_first_entry_after_the_guidance() {
    let wiki = TestWiki::git();
    wiki.write(
        "postmortems/empty.md",
        "## Timeline\n\n<!-- log here -->\n\n\n## Root cause\n",
    );
    wiki.pm(&["timeline", "add", "--doc", "empty", "first"])
        .ok();
    assert_eq!(
        wiki.read("postmortems/empty.md"),
        "## Timeline\n\n<!-- log here -->\n\n- 2026-11-20 14:05 UTC — first (Alice Example)\n\n\n\
         ## Root cause\n"
    );
}

/// Most hand-written post-mortems give bare `HH:MM` times and no date anywhere pm reads (no
/// front matter, the date in a heading or not at all). Those entries get no instant when read;
/// to add one, they are taken on the new entry's day, so it still goes in time order, written
/// like them.
#[test]
fn undated_bare_times_still_order_a_new_entry() {
    let wiki = TestWiki::git();
    wiki.write(
        "postmortems/undated.md",
        "# Timeline:\n\
         * **8:00 AM PST:** Issue detected\n\
         * **8:05 AM PST:** Investigation started\n\
         * **8:30 AM PST:** Incident resolved\n\n# Root Cause and Resolution:\nx\n",
    );
    add_to_hand_doc(
        &wiki,
        "undated.md",
        "2026-11-20 08:10 PST",
        "* **8:05 AM PST:** Investigation started",
        "* **8:10 AM PST:** New entry (Alice Example)",
    );
}

/// The same with the date given as a day heading inside the timeline (openfoodfacts style).
#[test]
fn day_headings_date_their_entries() {
    let wiki = TestWiki::git();
    wiki.write(
        "postmortems/days.md",
        "## Timeline\n\n### 2026-11-20 (all times UTC)\n\n- 13:00 deploy\n- 14:30 rollback\n\n\
         ## Supporting information\n",
    );
    add_to_hand_doc(
        &wiki,
        "days.md",
        "14:00",
        "- 13:00 deploy",
        "- 14:00 New entry (Alice Example)",
    );
}

// ---------------------------------------------------------------------------------------------
// 4. The property test of where an entry goes (random documents, one insertion each) runs in
// process, on the insertion function: see `src/doc/timeline/property_tests.rs`.

/// `SplitMix64`: a tiny, seeded, reproducible generator (for the crash test's timing).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

// ---------------------------------------------------------------------------------------------
// 5. Concurrency

#[test]
fn eight_processes_adding_fifty_entries_each_lose_nothing() {
    const PROCS: usize = 8;
    const EACH: usize = 50;
    let wiki = fresh();
    let barrier = std::sync::Barrier::new(PROCS);
    std::thread::scope(|scope| {
        for p in 0..PROCS {
            let (wiki, barrier) = (&wiki, &barrier);
            scope.spawn(move || {
                barrier.wait();
                for i in 0..EACH {
                    // Interleaved times: process p's i-th entry at 10:00 + (i*8 + p) * 37 s.
                    let second = (i * PROCS + p) * 37;
                    let at = format!(
                        "2026-11-20T{:02}:{:02}:{:02}Z",
                        10 + second / 3600,
                        second % 3600 / 60,
                        second % 60
                    );
                    let output = wiki
                        .command()
                        .args(["timeline", "add", "--doc", DOC, "--at", &at])
                        .arg(format!("proc {p} entry {i}"))
                        .stdin(Stdio::null())
                        .output()
                        .unwrap();
                    wiki.run(output).ok();
                }
            });
        }
    });
    let text = wiki.read(DOC);
    for p in 0..PROCS {
        for i in 0..EACH {
            let needle = format!("— proc {p} entry {i} (");
            assert_eq!(text.matches(&needle).count(), 1, "{needle}");
        }
    }
    let listed = list_json(&wiki, &[]);
    assert_eq!(listed.len(), PROCS * EACH);
    let times: Vec<_> = listed.iter().map(|e| instant(e).unwrap()).collect();
    assert!(times.windows(2).all(|w| w[0] < w[1]));
    assert_no_temp_files(&wiki.path("postmortems"));
}

fn assert_no_temp_files(dir: &Path) {
    let temps: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(temps.is_empty(), "{temps:?}");
}

// ---------------------------------------------------------------------------------------------
// 6. Crash safety

/// SIGKILL `pm timeline add` at random moments: the document is always the old text or the new
/// one, never a mix. `fsio` writes `.<name>.pm-tmp` beside the document and renames it over; a
/// process killed between the two leaves that temporary file behind, which the next write
/// removes, and it is the only leftover allowed.
#[test]
fn a_killed_add_leaves_the_old_or_the_new_file() {
    let wiki = fresh();
    // Some bulk, so that writing takes a moment.
    for i in 0..40 {
        wiki.pm(&[
            "timeline",
            "add",
            "--at",
            "10:00",
            &format!("filler {i} {}", "x".repeat(400)),
        ])
        .ok();
    }
    // Kill anywhere from before `pm` starts to just after it would have finished.
    let started = Instant::now();
    wiki.pm(&["timeline", "add", "--at", "10:00", "timing run"])
        .ok();
    let span = u64::try_from(started.elapsed().as_micros() * 6 / 5).unwrap();
    let mut rng = Rng(42);
    let (mut old_seen, mut new_seen, mut temps_seen) = (0, 0, 0);
    for i in 0..30 {
        let old = wiki.read(DOC);
        let entry = format!("- 2026-11-20 14:05 UTC — crash {i} (Alice Example)\n");
        let mut child = wiki
            .command()
            .args(["timeline", "add", &format!("crash {i}")])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_micros(rng.next() % span));
        let _ = child.kill();
        child.wait().unwrap();
        let new = wiki.read(DOC);
        if new == old {
            old_seen += 1;
        } else {
            new_seen += 1;
            assert_eq!(
                new.matches(&entry).count(),
                1,
                "iteration {i}: torn file\n{new}"
            );
            assert_eq!(new.replacen(&entry, "", 1), old, "iteration {i}: torn file");
        }
        for name in std::fs::read_dir(wiki.path("postmortems")).unwrap() {
            let name = name.unwrap().file_name().to_string_lossy().into_owned();
            let temp = name == ".2026-11-20-checkout-outage.md.pm-tmp";
            assert!(
                name == "2026-11-20-checkout-outage.md" || temp,
                "leftover {name}"
            );
            if temp {
                temps_seen += 1;
            }
        }
    }
    eprintln!(
        "killed adds: {old_seen} left the old file, {new_seen} the new one, {temps_seen} a \
         .pm-tmp file (kills within {span} µs)"
    );
    // The document still works, and the next write cleared any leftover.
    wiki.pm(&["timeline", "add", "after the crashes"]).ok();
    assert_eq!(list_json(&wiki, &[]).len(), 42 + new_seen);
    let left: Vec<String> = std::fs::read_dir(wiki.path("postmortems"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".pm-tmp"))
        .collect();
    assert!(left.is_empty(), "leftovers after a good write: {left:?}");
}

// ---------------------------------------------------------------------------------------------
// 7. Refusals: exit code, message, and the file untouched

#[test]
fn a_non_utf8_document_is_named_with_the_byte_offset() {
    let wiki = TestWiki::git();
    let bytes = b"## Timeline\n\n- 2026-11-20 13:00 UTC \xe9t\xe9\n";
    wiki.write("postmortems/latin1.md", bytes);
    let message = "error: `[ROOT]/wiki/postmortems/latin1.md` is not valid UTF-8 (first bad byte \
                   at offset 36)\n";
    wiki.pm(&["timeline", "add", "--doc", "latin1", "x"])
        .code(1)
        .stderr_eq(message);
    wiki.pm(&["timeline", "list", "--doc", "latin1"])
        .code(1)
        .stderr_eq(message);
    assert_eq!(wiki.read_bytes("postmortems/latin1.md"), bytes);
}

#[test]
fn a_lock_held_too_long_is_reported_with_a_hint() {
    let wiki = fresh();
    let before = wiki.read(DOC);
    // util-linux `flock` holds the lock until we close its shell's stdin.
    let mut holder = Command::new("flock")
        .arg(wiki.path(DOC))
        .args(["sh", "-c", "echo locked; read _ || true"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("util-linux flock");
    let mut line = String::new();
    std::io::BufRead::read_line(
        &mut std::io::BufReader::new(holder.stdout.as_mut().unwrap()),
        &mut line,
    )
    .unwrap();
    assert_eq!(line, "locked\n");
    let started = Instant::now();
    let run = wiki.run(
        wiki.command()
            .env("PM_LOCK_TIMEOUT_MS", "200")
            .args(["timeline", "add", "blocked"])
            .stdin(Stdio::null())
            .output()
            .unwrap(),
    );
    let waited = started.elapsed();
    run.code(1).stderr_eq(&format!(
        "error: another process holds the lock on `[ROOT]/wiki/{DOC}`, gave up after 200ms; is an \
         editor or another pm still writing it?\nhint: close the editor or wait for the other \
         `pm`, then run it again\n"
    ));
    assert!(waited >= Duration::from_millis(200), "{waited:?}");
    assert_eq!(wiki.read(DOC), before);
    drop(holder.stdin.take());
    assert!(holder.wait().unwrap().success());
    // Released: the same command goes through.
    wiki.pm(&["timeline", "add", "unblocked"]).ok();
}

#[test]
fn a_lock_timeout_that_is_not_whole_milliseconds_is_a_usage_error() {
    let wiki = fresh();
    let before = wiki.read(DOC);
    for bad in ["abc", "-5", "1e3"] {
        wiki.run(
            wiki.command()
                .env("PM_LOCK_TIMEOUT_MS", bad)
                .args(["timeline", "add", "not written"])
                .stdin(Stdio::null())
                .output()
                .unwrap(),
        )
        .code(2)
        .stderr_eq(&format!(
            "error: invalid `PM_LOCK_TIMEOUT_MS` `{bad}`: expected a whole number of \
             milliseconds, like `500`; unset it for the default of 10 s\n"
        ));
    }
    assert_eq!(wiki.read(DOC), before);
    // Empty is unset: the default applies.
    wiki.run(
        wiki.command()
            .env("PM_LOCK_TIMEOUT_MS", "")
            .args(["timeline", "add", "written"])
            .stdin(Stdio::null())
            .output()
            .unwrap(),
    )
    .ok();
}

#[test]
fn a_read_only_document_is_refused_even_for_root() {
    use std::os::unix::fs::PermissionsExt;
    let wiki = fresh();
    let before = wiki.read(DOC);
    std::fs::set_permissions(wiki.path(DOC), std::fs::Permissions::from_mode(0o444)).unwrap();
    wiki.pm(&["timeline", "add", "x"])
        .code(1)
        .stderr_eq(&format!(
            "error: `[ROOT]/wiki/{DOC}` is read-only; make it writable to let pm change it\n\
         hint: run `chmod u+w [ROOT]/wiki/{DOC}` if pm should change it\n"
        ));
    assert_eq!(wiki.read(DOC), before);
    // Reading it is fine.
    wiki.pm(&["timeline", "list"]).ok().stdout_eq("");
}

#[test]
fn which_document_errors() {
    let wiki = TestWiki::git();
    wiki.pm(&["timeline", "add", "x"]).code(1).stderr_eq(
        "error: no current post-mortem in this clone\nhint: choose one with `pm use DOC` (or \
         `--doc DOC`, or `PM_DOC`); `pm new` makes the document it creates current\n",
    );
    wiki.pm(&["timeline", "list"])
        .code(1)
        .stderr_has("error: no current post-mortem in this clone\n");
    wiki.pm(&["timeline", "add", "--doc", "nope", "x"])
        .code(1)
        .stderr_eq(
            "error: no post-mortem `nope` in `postmortems`\nhint: name it by path, file name, \
             slug, or part of its slug or title; `pm list` shows them all\n",
        );
    wiki.pm(&["timeline", "add", "--doc", "postmortems/missing.md", "x"])
        .code(1)
        .stderr_has("error: no post-mortem `postmortems/missing.md` in `postmortems`\n");
    wiki.pm(&["timeline", "add", "x", "--doc"])
        .code(2)
        .stderr_has("error: a value is required for '--doc <DOC>' but none was supplied");
    // The current document was deleted.
    wiki.pm(&["new", "--no-input", "-s", "SEV1", "Gone"]).ok();
    std::fs::remove_file(wiki.path("postmortems/2026-11-20-gone.md")).unwrap();
    wiki.pm(&["timeline", "add", "x"]).code(1).stderr_eq(
        "error: the current post-mortem `[ROOT]/wiki/postmortems/2026-11-20-gone.md` no longer \
         exists\nhint: choose another with `pm use DOC` (or `--doc DOC`, or `PM_DOC`)\n",
    );
    // A slug that matches two documents.
    wiki.write("postmortems/2026-11-19-dns.md", "x\n");
    wiki.write("postmortems/2026-11-20-dns.md", "y\n");
    wiki.pm(&["timeline", "add", "--doc", "dns", "x"])
        .code(1)
        .stderr_eq(
            "error: `dns` could be any of `postmortems/2026-11-19-dns.md`, \
             `postmortems/2026-11-20-dns.md`\nhint: pass more of its name, or its file name\n",
        );
    assert_eq!(wiki.read("postmortems/2026-11-19-dns.md"), "x\n");
    assert_eq!(wiki.read("postmortems/2026-11-20-dns.md"), "y\n");
}

#[test]
fn empty_text_is_a_usage_error() {
    let wiki = fresh();
    let before = wiki.read(DOC);
    wiki.pm(&["timeline", "add", "  ", ""])
        .code(2)
        .stderr_eq("error: invalid entry text `   `: it is empty; say what happened\n");
    wiki.pm_stdin(&["timeline", "add", "-"], "\n \t\n")
        .code(2)
        .stderr_has("it is empty; say what happened\n");
    wiki.pm(&["timeline", "add"])
        .code(2)
        .stderr_has("error: the following required arguments were not provided:\n  <TEXT>...");
    assert_eq!(wiki.read(DOC), before);
}

#[test]
fn bad_times_are_usage_errors() {
    let wiki = fresh();
    let before = wiki.read(DOC);
    let shapes = "use `now`, `HH:MM`, `YYYY-MM-DD HH:MM`, an RFC 3339 time like \
                  `2026-11-20T14:05:00Z`, or a relative time like `-15m` or `2h ago`; a zone may \
                  follow, like `UTC`, `+01:00`, `CET` or `Europe/Copenhagen`";
    let cases: Vec<(&str, String)> =
        vec![
        ("25:99", "`25:99` is not a valid time of day".into()),
        ("yesterday", format!("cannot read `yesterday` as a time; {shapes}")),
        ("", format!("cannot read `` as a time; {shapes}")),
        ("2026-02-30 10:00", "`2026-02-30` is not a valid date".into()),
        ("14:05CET", format!("cannot read `14:05CET` as a time; {shapes}")),
        (
            "14:00 IST",
            "the zone `IST` is ambiguous (India, Ireland or Israel); give an offset like `+05:30` \
             instead"
                .into(),
        ),
        (
            "14:00 Mars/Olympus",
            "unknown time zone `Mars/Olympus`; give an offset like `+01:00` or an IANA name like \
             `Europe/Copenhagen`"
                .into(),
        ),
    ];
    for (at, reason) in cases {
        wiki.pm(&["timeline", "add", "--at", at, "x"])
            .code(2)
            .stderr_eq(&format!("error: invalid time (`--at`) `{at}`: {reason}\n"));
    }
    assert_eq!(wiki.read(DOC), before);
}

// ---------------------------------------------------------------------------------------------
// 8. Lines pm cannot read are listed, never dropped

#[test]
fn unreadable_lines_are_listed() {
    let wiki = TestWiki::git();
    wiki.write(
        "postmortems/messy.md",
        "+++\ntitle = \"Messy\"\nstarted = 2026-11-20T13:00:00Z\n+++\n\n## Timeline\n\n\
         - 13:00 deploy started\n- 25:99 foo\n- **22:XX** bar\n- ~13:20 someone noticed\n\
         - 13:40 rolled back\n",
    );
    let text = wiki.pm(&["timeline", "list", "--doc", "messy"]);
    text.ok();
    insta::assert_snapshot!("timeline_list_unreadable_text", text.stdout());
    let json = wiki.pm(&["timeline", "list", "--doc", "messy", "--format", "json"]);
    json.ok();
    insta::assert_snapshot!("timeline_list_unreadable_json", json.stdout());
    // Adding keeps them where they are.
    let old = wiki.read("postmortems/messy.md");
    wiki.pm(&["timeline", "add", "--doc", "messy", "--at", "13:30", "x"])
        .ok();
    assert_eq!(
        wiki.read("postmortems/messy.md"),
        with_line_after(
            &old,
            "- ~13:20 someone noticed",
            "- 13:30 x (Alice Example)"
        )
    );
}

// ---------------------------------------------------------------------------------------------
// 9. The incident's date, and documents that give none

/// Bare times take the date in the file name (never the day pm runs); a document with no date
/// anywhere lists its times as written, without an instant.
#[test]
fn bare_times_take_the_documents_date_or_none() {
    let wiki = TestWiki::git();
    wiki.write(
        "postmortems/2021-05-09-coins.md",
        "# Coins\n\n## Timeline\n\n- 12:48 first report\n- 13:11 fixed\n",
    );
    wiki.write(
        "postmortems/undated.md",
        "# Outage\n\nA busy Monday.\n\n## Timeline\n\n- 10:45 AM: alerts\n- **2023-03-14**: released\n",
    );
    let dated = list_json(&wiki, &["--doc", "coins"]);
    assert_eq!(dated[0]["at"], "2021-05-09T12:48:00Z");
    assert_eq!(dated[1]["at"], "2021-05-09T13:11:00Z");
    let undated = list_json(&wiki, &["--doc", "undated"]);
    assert_eq!(undated[0]["at"], Value::Null);
    assert_eq!(undated[0]["stamp"], "10:45 AM");
    wiki.pm(&["timeline", "list", "--doc", "undated"])
        .ok()
        .stdout_eq(
            " 10:45 AM (no date)                        alerts\n 2023-03-14                                released\n",
        );
}

/// `date_order` in pm.toml decides `03/04/2026`; without it the document decides (a day above
/// 12 in any of its dates), else the custom of the wiki's zone.
#[test]
fn day_first_dates_follow_the_setting_then_the_document() {
    let wiki = TestWiki::git();
    let doc = "## Timeline\n\n- 03/04/2026 14:05 UTC: deploy\n";
    wiki.write("postmortems/either.md", doc);
    wiki.write(
        "postmortems/proven.md",
        format!("{doc}- 20/04/2026 09:00 UTC: fixed\n"),
    );
    let at = |wiki: &TestWiki, name: &str| list_json(wiki, &["--doc", name])[0]["at"].clone();
    assert_eq!(at(&wiki, "either"), "2026-04-03T14:05:00Z");
    assert_eq!(at(&wiki, "proven"), "2026-04-03T14:05:00Z");
    wiki.write("pm.toml", "date_order = \"mdy\"\n");
    assert_eq!(at(&wiki, "either"), "2026-03-04T14:05:00Z");
    assert_eq!(at(&wiki, "proven"), "2026-03-04T14:05:00Z");
    // Bare times in a wiki in Chicago: the custom there is month first.
    wiki.write(
        "postmortems/bare.md",
        "## Timeline\n\n- 03/04/2026 14:05: deploy\n",
    );
    wiki.write("pm.toml", "timezone = \"America/Chicago\"\n");
    assert_eq!(at(&wiki, "bare"), "2026-03-04T14:05:00-06:00");
}
