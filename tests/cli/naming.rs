//! Naming a post-mortem: `pm use`, `pm status`, and one lookup (path, file name, slug, part of
//! a slug or title) everywhere, `PM_DOC` included.

use crate::support::TestWiki;

const DOC: &str = "postmortems/2026-11-20-payments-api-outage.md";

fn wiki() -> TestWiki {
    let wiki = TestWiki::git();
    wiki.pm(&["new", "--no-input", "-s", "SEV2", "Payments API outage"])
        .ok();
    wiki.pm(&["new", "--no-input", "-s", "SEV3", "Checkout slow"])
        .ok();
    wiki
}

#[test]
fn the_second_responder_picks_the_document_once() {
    let wiki = wiki();
    // `pm new` made the checkout document current; Bob joins the payments incident.
    wiki.pm(&["use"])
        .ok()
        .stdout_eq("postmortems/2026-11-20-checkout-slow.md\n");
    wiki.pm(&["use", "payments"])
        .ok()
        .stdout_eq(&format!("{DOC}\n"));
    wiki.pm(&["use"]).ok().stdout_eq(&format!("{DOC}\n"));
    wiki.pm(&["timeline", "add", "--at", "14:07", "Paged"]).ok();
    assert!(wiki.read(DOC).contains("Paged"));
    // By part of the title too.
    wiki.pm(&["use", "Checkout"])
        .ok()
        .stdout_eq("postmortems/2026-11-20-checkout-slow.md\n");
}

#[test]
fn a_name_that_fits_several_or_none_says_so() {
    let wiki = wiki();
    wiki.pm(&["use", "2026-11-20"]).code(1).stderr_eq(
        "error: `2026-11-20` could be any of `postmortems/2026-11-20-checkout-slow.md`, \
         `postmortems/2026-11-20-payments-api-outage.md`\nhint: pass more of its name, or its \
         file name\n",
    );
    wiki.pm(&["use", "paymnets-api-outage"]).code(1).stderr_eq(
        "error: no post-mortem `paymnets-api-outage` in `postmortems`\nhint: did you mean \
         `payments-api-outage`? `pm list` shows them all\n",
    );
    // Nothing was made current by the failures.
    wiki.pm(&["use"])
        .ok()
        .stdout_eq("postmortems/2026-11-20-checkout-slow.md\n");
}

#[test]
fn status_moves_a_document_through_review() {
    let wiki = wiki();
    let before = wiki.read(DOC);
    wiki.pm(&["status", "review", "payments"])
        .ok()
        .stderr_eq(&format!("{DOC}: draft → review\n"));
    let after = wiki.read(DOC);
    assert_eq!(
        after,
        before.replace("status = \"draft\"", "status = \"review\"")
    );
    wiki.pm(&["status", "review", "payments"])
        .ok()
        .stderr_eq(&format!("{DOC} is already review\n"));
    wiki.pm(&["status", "done"]).code(2).stderr_has(
        "error: invalid value 'done' for '<STATUS>'\n  [possible values: draft, review, published]",
    );
    // PM_DOC names the document when no argument does.
    wiki.env("PM_DOC", "payments")
        .pm(&["status", "published"])
        .ok()
        .stderr_eq(&format!("{DOC}: review → published\n"));
}

#[test]
fn status_of_a_document_without_front_matter_is_refused_and_changes_nothing() {
    let wiki = TestWiki::git().file("postmortems/old.md", "# Old outage\n\nText.\n");
    wiki.pm(&["status", "review", "old"])
        .code(1)
        .stderr_has("cannot set `status`");
    assert_eq!(wiki.read("postmortems/old.md"), "# Old outage\n\nText.\n");
}

#[test]
fn publish_honours_pm_doc() {
    let wiki = wiki();
    wiki.git_cmd(&["commit", "--allow-empty", "-qm", "Start the wiki"]);
    let run = wiki
        .env("PM_DOC", "payments")
        .pm(&["publish", "--dry-run", "--no-push", "--force"]);
    run.ok();
    assert!(run.stderr().contains(DOC), "{}", run.stderr());
    assert!(!run.stderr().contains("checkout-slow"), "{}", run.stderr());
}
