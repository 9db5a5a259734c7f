//! The rules on action items: `actions-none`, `action-incomplete` (no owner or no ticket) and
//! `action-overdue`. Items under "If we have time" are wishes, not commitments: they need no
//! owner or ticket and do not count as action items.

use crate::check::rules::{Class, Run, Settings};
use crate::doc::actions::{self, Action};
use crate::doc::summary::Summary;

/// Every action rule, on the tracked items `summary` read.
pub(super) fn check(run: &mut Run, summary: &Summary, settings: &Settings) {
    let tracked: Vec<&Action> = summary.actions.iter().filter(|a| !a.later).collect();
    if tracked.is_empty() {
        let line = run
            .doc
            .section(settings.names, actions::TRACKED)
            .map_or(0, |s| s.heading.start);
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
        if !missing.is_empty() {
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
