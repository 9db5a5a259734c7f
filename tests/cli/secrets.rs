//! No output of `pm` shows a secret that `pm check` would mask, and no command writes one that
//! was typed or piped in.

use crate::support::TestWiki;

/// One secret of every kind the detector knows, each with the text around it that makes it
/// one. Built from pieces so this file holds no token-shaped literal.
fn secrets() -> Vec<(&'static str, String)> {
    let random = "q7Gx2LmN9pRt4VwZ8bKd3FhJ6sYc1TeA5uPo0iXr";
    let jwt = [
        format!("eyJ{}", "hbGciOiJIUzI1NiJ9"),
        format!("eyJ{}", "zdWIiOiIxMjM0NTY3ODkwIn0"),
        "dBjftJeZ4CVPmB92K27uhbUJU1p1r_wW1gFWFOEjXk".to_string(),
    ]
    .join(".");
    vec![
        ("AWS access key", format!("AKIA{}", "Q3R7T2WZ5YHXJ4KN")),
        (
            "AWS secret access key",
            format!("{}/nF+EMI2{}", "wJ7rXUt", &random[..25]),
        ),
        ("GitHub token", format!("ghp_{}", &random[..36])),
        ("GitLab token", format!("glpat-{}", &random[..20])),
        ("Slack token", format!("xoxb-{}", "2048-1024-9f8G7h6J5k4L")),
        (
            "Slack webhook URL",
            format!("T0{}", "4B7KQ2/B9X3Y7Z/q7Gx2LmN9pRt4VwZ8bKd"),
        ),
        ("JSON Web Token", jwt),
        ("password in URL", "Gz8kLq2wHv".to_string()),
        ("bearer token", random[..32].to_string()),
        ("high-entropy secret value", random[4..28].to_string()),
        (
            "private key block",
            format!("-----BEGIN RSA {} KEY-----", "PRIVATE"),
        ),
    ]
}

/// The secret as it is written in a line, with the key or scheme that makes it one.
fn in_context(kind: &str, secret: &str) -> String {
    match kind {
        "AWS secret access key" => format!("aws_secret_access_key = {secret}"),
        "Slack webhook URL" => format!("https://hooks.slack.com/services/{secret}"),
        "password in URL" => format!("postgres://app:{secret}@db.internal:5432/app"),
        "bearer token" => format!("Authorization: Bearer {secret}"),
        "high-entropy secret value" => format!("api_key={secret}"),
        _ => secret.to_string(),
    }
}

/// A post-mortem with the secret on every kind of line: front matter, heading, timeline entry
/// (a list item and a table row), action item (a task and a table cell).
fn document(kind: &str, secret: &str) -> String {
    let s = in_context(kind, secret);
    let title = s.replace('"', "'");
    format!(
        "+++\ntitle = \"Leak {title}\"\nseverity = \"SEV2\"\nstatus = \"review\"\n\
         started = \"2026-11-18T14:00:00Z\"\nlead = \"{title}\"\n+++\n\n\
         # Leak\n\n## Summary\n\nSee below.\n\n## Notes {s}\n\nNothing.\n\n\
         ## Timeline\n\n- 2026-11-18 14:05 UTC — found {s} in the logs (alice)\n\
         - 2026-11-18 14:09 UTC — rotated it\n\n\
         | time | what |\n|---|---|\n| 14:20 | checked {s} |\n\n\
         ## Action items\n\n- [ ] Rotate {s}\n- [ ] Scan for {s} — owner: {s}\n\n\
         | action | owner | ticket |\n|---|---|---|\n| Purge {s} | @mary | |\n"
    )
}

#[test]
fn no_output_shows_a_planted_secret() {
    let mut wiki = TestWiki::git().file("pm.toml", "");
    let planted = secrets();
    for (i, (kind, secret)) in planted.iter().enumerate() {
        wiki = wiki.file(
            &format!("postmortems/2026-11-{:02}-leak.md", i + 1),
            &document(kind, secret),
        );
    }
    let doc = "postmortems/2026-11-01-leak.md";
    let runs: Vec<Vec<&str>> = vec![
        vec!["check"],
        vec!["check", "--format", "json"],
        vec!["check", "--format", "github"],
        vec!["list"],
        vec!["list", "--format", "json"],
        vec!["actions"],
        vec!["actions", "--format", "json"],
        vec!["actions", "--format", "csv"],
    ];
    let mut outputs = Vec::new();
    for args in &runs {
        let run = wiki.pm(args);
        outputs.push((args.join(" "), run.stdout() + &run.stderr()));
    }
    for i in 0..planted.len() {
        let doc = format!("postmortems/2026-11-{:02}-leak.md", i + 1);
        for format in ["text", "json"] {
            let run = wiki.pm(&["timeline", "list", "--doc", &doc, "--format", format]);
            outputs.push((format!("timeline list {doc}"), run.stdout() + &run.stderr()));
        }
    }
    // Every kind is found, on every kind of line.
    let check = wiki.pm(&["check", "--format", "json"]);
    check.code(1);
    let report: serde_json::Value = serde_json::from_str(&check.stdout()).unwrap();
    let findings = report["findings"].as_array().unwrap();
    for (i, (kind, _)) in planted.iter().enumerate() {
        let file = format!("postmortems/2026-11-{:02}-leak.md", i + 1);
        let mut lines: Vec<u64> = findings
            .iter()
            .filter(|f| f["rule"] == "secret" && f["file"] == file.as_str())
            .map(|f| f["line"].as_u64().unwrap())
            .collect();
        lines.dedup();
        assert_eq!(lines, [2, 6, 15, 21, 26, 30, 31, 35], "{kind}");
    }
    for (args, output) in &outputs {
        for (kind, secret) in &planted {
            assert!(
                !output.contains(secret.as_str()),
                "`pm {args}` shows the {kind}:\n{output}"
            );
        }
    }
    // The views still show the rest of the text.
    let list = wiki.pm(&["timeline", "list", "--doc", doc]);
    assert!(list.stdout().contains("found"), "{}", list.stdout());
}

#[test]
fn typed_secrets_are_refused_and_nothing_is_written() {
    let wiki = TestWiki::git().file("pm.toml", "");
    let token = format!("ghp_{}", "q7Gx2LmN9pRt4VwZ8bKd3FhJ6sYc1TeA5uPo");
    wiki.pm(&[
        "new",
        "Checkout outage",
        "--severity",
        "SEV2",
        "--lead",
        "Alice",
        "--impact",
        &format!("token {token} leaked"),
        "--no-input",
    ])
    .code(1)
    .stderr_has("the impact (`--impact`) holds what looks like a GitHub token (`ghp_…`)")
    .stderr_has("nothing was written")
    .stderr_has("--allow-secret");
    assert!(!wiki.path("postmortems").exists());

    let new = wiki.pm(&[
        "new",
        "Checkout outage",
        "--severity",
        "SEV2",
        "--lead",
        "Alice",
        "--impact",
        "checkouts failed",
        "--no-input",
    ]);
    new.ok();
    let doc = new.stdout().trim().to_string();
    let before = wiki.read(&doc);
    let cases: Vec<(Vec<String>, &str)> = vec![
        (
            vec!["timeline".into(), "add".into(), format!("pasted {token}")],
            "the entry holds",
        ),
        (
            vec!["action".into(), "add".into(), format!("Rotate {token}")],
            "the action item holds",
        ),
        (
            vec![
                "action".into(),
                "add".into(),
                "Rotate it".into(),
                "--ticket".into(),
                format!("https://x:{token}@jira.example.com/SHOP-1"),
            ],
            "the ticket (`--ticket`) holds",
        ),
    ];
    for (args, message) in &cases {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let run = wiki.pm(&args);
        run.code(1)
            .stderr_has(message)
            .stderr_has("nothing was written");
        assert!(!run.stderr().contains(&token), "{}", run.stderr());
        assert_eq!(wiki.read(&doc), before, "{args:?} wrote");
    }
    let run = wiki.pm_stdin(
        &["timeline", "add", "-"],
        &format!("curl -H 'x: {token}'\n"),
    );
    run.code(1).stderr_has("the entry holds");
    assert_eq!(wiki.read(&doc), before);

    // A detector's mistake can be overridden.
    wiki.pm(&[
        "timeline",
        "add",
        "--allow-secret",
        &format!("pasted {token}"),
    ])
    .ok();
    assert!(wiki.read(&doc).contains(&token));
}
