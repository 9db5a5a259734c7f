
use builtin;
use str;

set edit:completion:arg-completer[pm] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'pm'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'pm'= {
            cand --wiki 'Use the wiki in DIR instead of finding it from the current folder'
            cand --color 'When to colour the output'
            cand --no-input 'Never prompt; a missing required value is an error naming its flag'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand init 'Write a commented `pm.toml` for a wiki'
            cand new 'Start a post-mortem: ask for what the flags did not give, write it, print its path'
            cand use 'Make a post-mortem this clone''s current one, or print which is'
            cand timeline 'Log the incident as it happens: add and list timeline entries'
            cand action 'Add action items, or tick one done'
            cand check 'Check post-mortems for what is incomplete, blaming or leaking; exit 1 on any error'
            cand publish 'Commit the post-mortem and the index page, and push them to the wiki'
            cand status 'Move a post-mortem to draft, review or published'
            cand list 'List every post-mortem, newest first'
            cand actions 'List every action item across the wiki'
            cand completions 'Print a shell completion script'
            cand man 'Print the man page'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'pm;init'= {
            cand --wiki 'Use the wiki in DIR instead of finding it from the current folder'
            cand --color 'When to colour the output'
            cand --eject-template 'Also copy the built-in template to `.pm/templates/postmortem.md.tera` to edit'
            cand --force 'Overwrite files that already exist'
            cand --no-input 'Never prompt; a missing required value is an error naming its flag'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pm;new'= {
            cand -s 'Severity, one of the wiki''s `severities` (default: SEV1..SEV4)'
            cand --severity 'Severity, one of the wiki''s `severities` (default: SEV1..SEV4)'
            cand --started 'When the incident started: now, 14:05, "2026-11-20 14:05", -15m, 2h ago, RFC 3339'
            cand --lead 'Who leads the incident (default: git''s `user.name`)'
            cand --impact 'One line on the impact, written under "Impact and scope"'
            cand --set 'Extra front matter, KEY=VALUE (VALUE is TOML, else a string); repeatable'
            cand --template 'Template to use: `.pm/templates/NAME.md.tera`, else the built-in (default: `postmortem`)'
            cand --wiki 'Use the wiki in DIR instead of finding it from the current folder'
            cand --color 'When to colour the output'
            cand --edit 'Open the new file in `$VISUAL` or `$EDITOR` afterwards'
            cand --allow-secret 'Write the text even if it looks like a token or password (a detector''s mistake)'
            cand --no-input 'Never prompt; a missing required value is an error naming its flag'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pm;use'= {
            cand --wiki 'Use the wiki in DIR instead of finding it from the current folder'
            cand --color 'When to colour the output'
            cand --no-input 'Never prompt; a missing required value is an error naming its flag'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pm;timeline'= {
            cand --wiki 'Use the wiki in DIR instead of finding it from the current folder'
            cand --color 'When to colour the output'
            cand --no-input 'Never prompt; a missing required value is an error naming its flag'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand add 'Add an entry, in time order, to the current post-mortem'
            cand list 'Print the entries in order, with the gap since the previous one and since the start'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'pm;timeline;add'= {
            cand --at 'When it happened: now, 14:05, 14:05:30, 2026-11-20 14:05, RFC 3339, -15m, 2h ago; a zone or offset may follow, else the wiki''s zone applies'
            cand --author 'Who logged it (default: git''s user.name)'
            cand --doc 'The post-mortem: a path, a file name, a slug, or part of a slug or title (default: this clone''s current one, see `pm use`)'
            cand --wiki 'Use the wiki in DIR instead of finding it from the current folder'
            cand --color 'When to colour the output'
            cand --detected 'Also set `detected` in the front matter to this time'
            cand --mitigated 'Also set `mitigated` in the front matter to this time'
            cand --resolved 'Also set `resolved` in the front matter to this time'
            cand --allow-secret 'Write the text even if it looks like a token or password (a detector''s mistake)'
            cand --no-input 'Never prompt; a missing required value is an error naming its flag'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pm;timeline;list'= {
            cand --format 'Output format'
            cand --doc 'The post-mortem: a path, a file name, a slug, or part of a slug or title (default: this clone''s current one, see `pm use`)'
            cand --wiki 'Use the wiki in DIR instead of finding it from the current folder'
            cand --color 'When to colour the output'
            cand --no-input 'Never prompt; a missing required value is an error naming its flag'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pm;timeline;help'= {
            cand add 'Add an entry, in time order, to the current post-mortem'
            cand list 'Print the entries in order, with the gap since the previous one and since the start'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'pm;timeline;help;add'= {
        }
        &'pm;timeline;help;list'= {
        }
        &'pm;timeline;help;help'= {
        }
        &'pm;action'= {
            cand --wiki 'Use the wiki in DIR instead of finding it from the current folder'
            cand --color 'When to colour the output'
            cand --no-input 'Never prompt; a missing required value is an error naming its flag'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand add 'Add an action item to the current post-mortem'
            cand done 'Tick an action item done, found by its ticket or by words of its text'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'pm;action;add'= {
            cand --owner 'Who owns it: a handle like @mary or a name'
            cand --ticket 'Its ticket: a Jira key like SHOP-123, #123, owner/repo#123 or a URL'
            cand --due 'When it is due, YYYY-MM-DD'
            cand --doc 'The post-mortem: a path, a file name, a slug, or part of a slug or title (default: this clone''s current one, see `pm use`)'
            cand --wiki 'Use the wiki in DIR instead of finding it from the current folder'
            cand --color 'When to colour the output'
            cand --later 'Put it under "If we have time" (not tracked as a ticket)'
            cand --allow-secret 'Write the text even if it looks like a token or password (a detector''s mistake)'
            cand --no-input 'Never prompt; a missing required value is an error naming its flag'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pm;action;done'= {
            cand --doc 'The post-mortem (default: the current one, then the whole wiki)'
            cand --wiki 'Use the wiki in DIR instead of finding it from the current folder'
            cand --color 'When to colour the output'
            cand --no-input 'Never prompt; a missing required value is an error naming its flag'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pm;action;help'= {
            cand add 'Add an action item to the current post-mortem'
            cand done 'Tick an action item done, found by its ticket or by words of its text'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'pm;action;help;add'= {
        }
        &'pm;action;help;done'= {
        }
        &'pm;action;help;help'= {
        }
        &'pm;check'= {
            cand --format 'Output format'
            cand --changed-since 'Check only the post-mortems changed between REV and the work tree (for pull requests)'
            cand --wiki 'Use the wiki in DIR instead of finding it from the current folder'
            cand --color 'When to colour the output'
            cand --write-baseline 'Record today''s findings in `.pm/check-baseline.json`, so that later checks report only new ones (commit the file with the wiki); secrets are never held back'
            cand --show-baselined 'Also report the findings the baseline holds back, marked as such'
            cand --no-baseline 'Ignore the baseline: report every finding'
            cand --no-input 'Never prompt; a missing required value is an error naming its flag'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pm;publish'= {
            cand -m 'The commit message (default: "Publish post-mortem: TITLE")'
            cand --message 'The commit message (default: "Publish post-mortem: TITLE")'
            cand --wiki 'Use the wiki in DIR instead of finding it from the current folder'
            cand --color 'When to colour the output'
            cand --no-push 'Commit, but do not push'
            cand --dry-run 'Print what would be committed and pushed, and change nothing'
            cand --force 'Publish even when `pm check` finds errors (said in the commit message)'
            cand --final 'Also set `status = "published"` in each document'
            cand --no-input 'Never prompt; a missing required value is an error naming its flag'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pm;status'= {
            cand --wiki 'Use the wiki in DIR instead of finding it from the current folder'
            cand --color 'When to colour the output'
            cand --no-input 'Never prompt; a missing required value is an error naming its flag'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pm;list'= {
            cand --status 'Only post-mortems with this status (draft, review, published)'
            cand --severity 'Only post-mortems of this severity'
            cand --since 'Only incidents on or after this date (YYYY-MM-DD)'
            cand --format 'Output format'
            cand --wiki 'Use the wiki in DIR instead of finding it from the current folder'
            cand --color 'When to colour the output'
            cand --no-input 'Never prompt; a missing required value is an error naming its flag'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pm;actions'= {
            cand --owner 'Only items of this owner (`@mary` or `mary`)'
            cand --format 'Output format; csv imports into Jira (Summary, Assignee, Due date, Labels, Description)'
            cand --wiki 'Use the wiki in DIR instead of finding it from the current folder'
            cand --color 'When to colour the output'
            cand --open 'Only items still open'
            cand --done 'Only items ticked done'
            cand --overdue 'Only open items whose due date has passed'
            cand --ticket-missing 'Only tracked items without a ticket'
            cand --no-input 'Never prompt; a missing required value is an error naming its flag'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pm;completions'= {
            cand --wiki 'Use the wiki in DIR instead of finding it from the current folder'
            cand --color 'When to colour the output'
            cand --no-input 'Never prompt; a missing required value is an error naming its flag'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pm;man'= {
            cand --wiki 'Use the wiki in DIR instead of finding it from the current folder'
            cand --color 'When to colour the output'
            cand --no-input 'Never prompt; a missing required value is an error naming its flag'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pm;help'= {
            cand init 'Write a commented `pm.toml` for a wiki'
            cand new 'Start a post-mortem: ask for what the flags did not give, write it, print its path'
            cand use 'Make a post-mortem this clone''s current one, or print which is'
            cand timeline 'Log the incident as it happens: add and list timeline entries'
            cand action 'Add action items, or tick one done'
            cand check 'Check post-mortems for what is incomplete, blaming or leaking; exit 1 on any error'
            cand publish 'Commit the post-mortem and the index page, and push them to the wiki'
            cand status 'Move a post-mortem to draft, review or published'
            cand list 'List every post-mortem, newest first'
            cand actions 'List every action item across the wiki'
            cand completions 'Print a shell completion script'
            cand man 'Print the man page'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'pm;help;init'= {
        }
        &'pm;help;new'= {
        }
        &'pm;help;use'= {
        }
        &'pm;help;timeline'= {
            cand add 'Add an entry, in time order, to the current post-mortem'
            cand list 'Print the entries in order, with the gap since the previous one and since the start'
        }
        &'pm;help;timeline;add'= {
        }
        &'pm;help;timeline;list'= {
        }
        &'pm;help;action'= {
            cand add 'Add an action item to the current post-mortem'
            cand done 'Tick an action item done, found by its ticket or by words of its text'
        }
        &'pm;help;action;add'= {
        }
        &'pm;help;action;done'= {
        }
        &'pm;help;check'= {
        }
        &'pm;help;publish'= {
        }
        &'pm;help;status'= {
        }
        &'pm;help;list'= {
        }
        &'pm;help;actions'= {
        }
        &'pm;help;completions'= {
        }
        &'pm;help;man'= {
        }
        &'pm;help;help'= {
        }
    ]
    $completions[$command]
}
