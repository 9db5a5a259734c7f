//! The rules on action items: `actions-none`, `action-incomplete` (no owner or no ticket) and
//! `action-overdue`. Items under "If we have time" are wishes, not commitments: they need no
//! owner or ticket and do not count as action items.

use crate::check::rules::{Class, Run, Settings};
use crate::doc::actions::title::Kind;
use crate::doc::actions::{self, Action};
use crate::doc::summary::Summary;

/// Every action rule, on the tracked items `summary` read.
pub(super) fn check(run: &mut Run, summary: &Summary, settings: &Settings) {
    let tracked: Vec<&Action> = summary.actions.iter().filter(|a| !a.later).collect();
    if tracked.is_empty() {
        let line = actions::regions(run.doc, settings.names)
            .iter()
            .find(|r| r.kind == Kind::Tracked)
            .map_or(0, |r| r.heading);
        run.add(
            "actions-none",
            Class::Incomplete,
            line,
            "there are no action items".into(),
            Some("add them with `pm action add \"…\" --owner @who --ticket KEY-1`".into()),
        );
    }
    for action in tracked {
        let item = &action.item;
        let missing = match (item.owner.is_none(), item.ticket.is_none()) {
            (true, true) => "no owner and no ticket",
            (true, false) => "no owner",
            (false, true) => "no ticket",
            (false, false) => "",
        };
        // Done work needs no owner or ticket any more.
        if !item.done && !missing.is_empty() {
            run.add(
                "action-incomplete",
                Class::Incomplete,
                action.line,
                format!("the action item \"{}\" has {missing}", item.text),
                Some("end it with ` — owner: @who, ticket: KEY-123, due: YYYY-MM-DD`".into()),
            );
        }
        if let (false, Some(due)) = (item.done, item.due)
            && due < settings.today
        {
            run.add(
                "action-overdue",
                Class::Warning,
                action.line,
                format!(
                    "the action item \"{}\" was due on {due} and is still open",
                    item.text
                ),
                Some("tick it with `pm action done`, or move its due date".into()),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::check::rules::tests::{CLEAN, clean_with, found};

    const RULES: [&str; 3] = ["actions-none", "action-incomplete", "action-overdue"];

    const ITEM: &str = "- [ ] Validate the price table on load — owner: @mary, ticket: SHOP-123, due: 2026-12-04\n";

    #[test]
    fn action_rules() {
        let none = "50:1 error actions-none: there are no action items";
        let cases: &[(&str, &str, &[&str])] = &[
            ("none", "", &[none]),
            ("prose only", "We will think about it.\n", &[none]),
            (
                "no owner",
                "- [ ] Alert on empty tables — ticket: SHOP-7\n",
                &[
                    "52:1 error action-incomplete: the action item \"Alert on empty tables\" has no owner",
                ],
            ),
            (
                "no ticket",
                "- [ ] Alert on empty tables — owner: @bob\n",
                &[
                    "52:1 error action-incomplete: the action item \"Alert on empty tables\" has no ticket",
                ],
            ),
            (
                "neither",
                "- [ ] Alert on empty tables\n",
                &[
                    "52:1 error action-incomplete: the action item \"Alert on empty tables\" has no owner and no ticket",
                ],
            ),
            (
                "open, due yesterday: a warning even in review",
                "- [ ] Alert on empty tables — owner: @bob, ticket: SHOP-7, due: 2026-11-19\n",
                &[
                    "52:1 warning action-overdue: the action item \"Alert on empty tables\" was due on 2026-11-19 and is still open",
                ],
            ),
            (
                "incomplete and overdue",
                "- [ ] Alert on empty tables — due: 2026-11-01\n",
                &[
                    "52:1 error action-incomplete: the action item \"Alert on empty tables\" has no owner and no ticket",
                    "52:1 warning action-overdue: the action item \"Alert on empty tables\" was due on 2026-11-01 and is still open",
                ],
            ),
            // Near misses.
            (
                "done and past due",
                "- [x] Alert on empty tables — owner: @bob, ticket: SHOP-7, due: 2026-11-19\n",
                &[],
            ),
            (
                "due today",
                "- [ ] Alert on empty tables — owner: @bob, ticket: SHOP-7, due: 2026-11-20\n",
                &[],
            ),
        ];
        for (name, items, want) in cases {
            let text = clean_with(ITEM, items);
            assert_eq!(found(&text, &RULES), *want, "case `{name}`");
        }
    }

    /// Items under "If we have time" need no owner or ticket, and do not count as action items.
    #[test]
    fn items_under_if_we_have_time_are_not_tracked() {
        let later = "\n## If we have time\n\n- [ ] Rewrite the loader\n";
        assert_eq!(
            found(&format!("{CLEAN}{later}"), &RULES),
            Vec::<String>::new()
        );
        assert_eq!(
            found(&clean_with(ITEM, later), &RULES),
            ["50:1 error actions-none: there are no action items"]
        );
        let aspirations = clean_with(ITEM, "\n## Aspirations\n\n- [ ] Rewrite the loader\n");
        assert_eq!(
            found(&aspirations, &RULES),
            ["50:1 error actions-none: there are no action items"]
        );
    }

    /// A done item is still an action item; without the section there is nowhere to point but
    /// the first line.
    #[test]
    fn actions_none_where_there_is_no_list() {
        let done = clean_with("- [ ]", "- [x]");
        assert_eq!(found(&done, &RULES), Vec::<String>::new());
        let no_section = clean_with(&format!("## Action items\n\n{ITEM}"), "");
        assert_eq!(
            found(&no_section, &RULES),
            ["1:1 error actions-none: there are no action items"]
        );
    }
}
