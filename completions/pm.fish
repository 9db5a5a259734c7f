# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_pm_global_optspecs
    string join \n wiki= no-input color= h/help V/version
end

function __fish_pm_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_pm_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_pm_using_subcommand
    set -l cmd (__fish_pm_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c pm -n "__fish_pm_needs_command" -l wiki -d 'Use the wiki in DIR instead of finding it from the current folder' -r -F
complete -c pm -n "__fish_pm_needs_command" -l color -d 'When to colour the output' -r -f -a "auto\t''
always\t''
never\t''"
complete -c pm -n "__fish_pm_needs_command" -l no-input -d 'Never prompt; a missing required value is an error naming its flag'
complete -c pm -n "__fish_pm_needs_command" -s h -l help -d 'Print help'
complete -c pm -n "__fish_pm_needs_command" -s V -l version -d 'Print version'
complete -c pm -n "__fish_pm_needs_command" -f -a "init" -d 'Write a commented `pm.toml` for a wiki'
complete -c pm -n "__fish_pm_needs_command" -f -a "new" -d 'Start a post-mortem: ask for what the flags did not give, write it, print its path'
complete -c pm -n "__fish_pm_needs_command" -f -a "use" -d 'Make a post-mortem this clone\'s current one, or print which is'
complete -c pm -n "__fish_pm_needs_command" -f -a "timeline" -d 'Log the incident as it happens: add and list timeline entries'
complete -c pm -n "__fish_pm_needs_command" -f -a "action" -d 'Add action items, or tick one done'
complete -c pm -n "__fish_pm_needs_command" -f -a "check" -d 'Check post-mortems for what is incomplete, blaming or leaking; exit 1 on any error'
complete -c pm -n "__fish_pm_needs_command" -f -a "publish" -d 'Commit the post-mortem and the index page, and push them to the wiki'
complete -c pm -n "__fish_pm_needs_command" -f -a "status" -d 'Move a post-mortem to draft, review or published'
complete -c pm -n "__fish_pm_needs_command" -f -a "list" -d 'List every post-mortem, newest first'
complete -c pm -n "__fish_pm_needs_command" -f -a "actions" -d 'List every action item across the wiki'
complete -c pm -n "__fish_pm_needs_command" -f -a "completions" -d 'Print a shell completion script'
complete -c pm -n "__fish_pm_needs_command" -f -a "man" -d 'Print the man page'
complete -c pm -n "__fish_pm_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c pm -n "__fish_pm_using_subcommand init" -l wiki -d 'Use the wiki in DIR instead of finding it from the current folder' -r -F
complete -c pm -n "__fish_pm_using_subcommand init" -l color -d 'When to colour the output' -r -f -a "auto\t''
always\t''
never\t''"
complete -c pm -n "__fish_pm_using_subcommand init" -l eject-template -d 'Also copy the built-in template to `.pm/templates/postmortem.md.tera` to edit'
complete -c pm -n "__fish_pm_using_subcommand init" -l force -d 'Overwrite files that already exist'
complete -c pm -n "__fish_pm_using_subcommand init" -l no-input -d 'Never prompt; a missing required value is an error naming its flag'
complete -c pm -n "__fish_pm_using_subcommand init" -s h -l help -d 'Print help'
complete -c pm -n "__fish_pm_using_subcommand init" -s V -l version -d 'Print version'
complete -c pm -n "__fish_pm_using_subcommand new" -s s -l severity -d 'Severity, one of the wiki\'s `severities` (default: SEV1..SEV4)' -r
complete -c pm -n "__fish_pm_using_subcommand new" -l started -d 'When the incident started: now, 14:05, "2026-11-20 14:05", -15m, 2h ago, RFC 3339' -r
complete -c pm -n "__fish_pm_using_subcommand new" -l lead -d 'Who leads the incident (default: git\'s `user.name`)' -r
complete -c pm -n "__fish_pm_using_subcommand new" -l impact -d 'One line on the impact, written under "Impact and scope"' -r
complete -c pm -n "__fish_pm_using_subcommand new" -l set -d 'Extra front matter, KEY=VALUE (VALUE is TOML, else a string); repeatable' -r
complete -c pm -n "__fish_pm_using_subcommand new" -l template -d 'Template to use: `.pm/templates/NAME.md.tera`, else the built-in (default: `postmortem`)' -r
complete -c pm -n "__fish_pm_using_subcommand new" -l wiki -d 'Use the wiki in DIR instead of finding it from the current folder' -r -F
complete -c pm -n "__fish_pm_using_subcommand new" -l color -d 'When to colour the output' -r -f -a "auto\t''
always\t''
never\t''"
complete -c pm -n "__fish_pm_using_subcommand new" -l edit -d 'Open the new file in `$VISUAL` or `$EDITOR` afterwards'
complete -c pm -n "__fish_pm_using_subcommand new" -l allow-secret -d 'Write the text even if it looks like a token or password (a detector\'s mistake)'
complete -c pm -n "__fish_pm_using_subcommand new" -l no-input -d 'Never prompt; a missing required value is an error naming its flag'
complete -c pm -n "__fish_pm_using_subcommand new" -s h -l help -d 'Print help'
complete -c pm -n "__fish_pm_using_subcommand new" -s V -l version -d 'Print version'
complete -c pm -n "__fish_pm_using_subcommand use" -l wiki -d 'Use the wiki in DIR instead of finding it from the current folder' -r -F
complete -c pm -n "__fish_pm_using_subcommand use" -l color -d 'When to colour the output' -r -f -a "auto\t''
always\t''
never\t''"
complete -c pm -n "__fish_pm_using_subcommand use" -l no-input -d 'Never prompt; a missing required value is an error naming its flag'
complete -c pm -n "__fish_pm_using_subcommand use" -s h -l help -d 'Print help'
complete -c pm -n "__fish_pm_using_subcommand use" -s V -l version -d 'Print version'
complete -c pm -n "__fish_pm_using_subcommand timeline; and not __fish_seen_subcommand_from add list help" -l wiki -d 'Use the wiki in DIR instead of finding it from the current folder' -r -F
complete -c pm -n "__fish_pm_using_subcommand timeline; and not __fish_seen_subcommand_from add list help" -l color -d 'When to colour the output' -r -f -a "auto\t''
always\t''
never\t''"
complete -c pm -n "__fish_pm_using_subcommand timeline; and not __fish_seen_subcommand_from add list help" -l no-input -d 'Never prompt; a missing required value is an error naming its flag'
complete -c pm -n "__fish_pm_using_subcommand timeline; and not __fish_seen_subcommand_from add list help" -s h -l help -d 'Print help'
complete -c pm -n "__fish_pm_using_subcommand timeline; and not __fish_seen_subcommand_from add list help" -s V -l version -d 'Print version'
complete -c pm -n "__fish_pm_using_subcommand timeline; and not __fish_seen_subcommand_from add list help" -f -a "add" -d 'Add an entry, in time order, to the current post-mortem'
complete -c pm -n "__fish_pm_using_subcommand timeline; and not __fish_seen_subcommand_from add list help" -f -a "list" -d 'Print the entries in order, with the gap since the previous one and since the start'
complete -c pm -n "__fish_pm_using_subcommand timeline; and not __fish_seen_subcommand_from add list help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c pm -n "__fish_pm_using_subcommand timeline; and __fish_seen_subcommand_from add" -l at -d 'When it happened: now, 14:05, 14:05:30, 2026-11-20 14:05, RFC 3339, -15m, 2h ago; a zone or offset may follow, else the wiki\'s zone applies' -r
complete -c pm -n "__fish_pm_using_subcommand timeline; and __fish_seen_subcommand_from add" -l author -d 'Who logged it (default: git\'s user.name)' -r
complete -c pm -n "__fish_pm_using_subcommand timeline; and __fish_seen_subcommand_from add" -l doc -d 'The post-mortem: a path, a file name, a slug, or part of a slug or title (default: this clone\'s current one, see `pm use`)' -r
complete -c pm -n "__fish_pm_using_subcommand timeline; and __fish_seen_subcommand_from add" -l wiki -d 'Use the wiki in DIR instead of finding it from the current folder' -r -F
complete -c pm -n "__fish_pm_using_subcommand timeline; and __fish_seen_subcommand_from add" -l color -d 'When to colour the output' -r -f -a "auto\t''
always\t''
never\t''"
complete -c pm -n "__fish_pm_using_subcommand timeline; and __fish_seen_subcommand_from add" -l detected -d 'Also set `detected` in the front matter to this time'
complete -c pm -n "__fish_pm_using_subcommand timeline; and __fish_seen_subcommand_from add" -l mitigated -d 'Also set `mitigated` in the front matter to this time'
complete -c pm -n "__fish_pm_using_subcommand timeline; and __fish_seen_subcommand_from add" -l resolved -d 'Also set `resolved` in the front matter to this time'
complete -c pm -n "__fish_pm_using_subcommand timeline; and __fish_seen_subcommand_from add" -l allow-secret -d 'Write the text even if it looks like a token or password (a detector\'s mistake)'
complete -c pm -n "__fish_pm_using_subcommand timeline; and __fish_seen_subcommand_from add" -l no-input -d 'Never prompt; a missing required value is an error naming its flag'
complete -c pm -n "__fish_pm_using_subcommand timeline; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help'
complete -c pm -n "__fish_pm_using_subcommand timeline; and __fish_seen_subcommand_from add" -s V -l version -d 'Print version'
complete -c pm -n "__fish_pm_using_subcommand timeline; and __fish_seen_subcommand_from list" -l format -d 'Output format' -r -f -a "text\t''
json\t''"
complete -c pm -n "__fish_pm_using_subcommand timeline; and __fish_seen_subcommand_from list" -l doc -d 'The post-mortem: a path, a file name, a slug, or part of a slug or title (default: this clone\'s current one, see `pm use`)' -r
complete -c pm -n "__fish_pm_using_subcommand timeline; and __fish_seen_subcommand_from list" -l wiki -d 'Use the wiki in DIR instead of finding it from the current folder' -r -F
complete -c pm -n "__fish_pm_using_subcommand timeline; and __fish_seen_subcommand_from list" -l color -d 'When to colour the output' -r -f -a "auto\t''
always\t''
never\t''"
complete -c pm -n "__fish_pm_using_subcommand timeline; and __fish_seen_subcommand_from list" -l no-input -d 'Never prompt; a missing required value is an error naming its flag'
complete -c pm -n "__fish_pm_using_subcommand timeline; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c pm -n "__fish_pm_using_subcommand timeline; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c pm -n "__fish_pm_using_subcommand timeline; and __fish_seen_subcommand_from help" -f -a "add" -d 'Add an entry, in time order, to the current post-mortem'
complete -c pm -n "__fish_pm_using_subcommand timeline; and __fish_seen_subcommand_from help" -f -a "list" -d 'Print the entries in order, with the gap since the previous one and since the start'
complete -c pm -n "__fish_pm_using_subcommand timeline; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c pm -n "__fish_pm_using_subcommand action; and not __fish_seen_subcommand_from add done help" -l wiki -d 'Use the wiki in DIR instead of finding it from the current folder' -r -F
complete -c pm -n "__fish_pm_using_subcommand action; and not __fish_seen_subcommand_from add done help" -l color -d 'When to colour the output' -r -f -a "auto\t''
always\t''
never\t''"
complete -c pm -n "__fish_pm_using_subcommand action; and not __fish_seen_subcommand_from add done help" -l no-input -d 'Never prompt; a missing required value is an error naming its flag'
complete -c pm -n "__fish_pm_using_subcommand action; and not __fish_seen_subcommand_from add done help" -s h -l help -d 'Print help'
complete -c pm -n "__fish_pm_using_subcommand action; and not __fish_seen_subcommand_from add done help" -s V -l version -d 'Print version'
complete -c pm -n "__fish_pm_using_subcommand action; and not __fish_seen_subcommand_from add done help" -f -a "add" -d 'Add an action item to the current post-mortem'
complete -c pm -n "__fish_pm_using_subcommand action; and not __fish_seen_subcommand_from add done help" -f -a "done" -d 'Tick an action item done, found by its ticket or by words of its text'
complete -c pm -n "__fish_pm_using_subcommand action; and not __fish_seen_subcommand_from add done help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c pm -n "__fish_pm_using_subcommand action; and __fish_seen_subcommand_from add" -l owner -d 'Who owns it: a handle like @mary or a name' -r
complete -c pm -n "__fish_pm_using_subcommand action; and __fish_seen_subcommand_from add" -l ticket -d 'Its ticket: a Jira key like SHOP-123, #123, owner/repo#123 or a URL' -r
complete -c pm -n "__fish_pm_using_subcommand action; and __fish_seen_subcommand_from add" -l due -d 'When it is due, YYYY-MM-DD' -r
complete -c pm -n "__fish_pm_using_subcommand action; and __fish_seen_subcommand_from add" -l doc -d 'The post-mortem: a path, a file name, a slug, or part of a slug or title (default: this clone\'s current one, see `pm use`)' -r
complete -c pm -n "__fish_pm_using_subcommand action; and __fish_seen_subcommand_from add" -l wiki -d 'Use the wiki in DIR instead of finding it from the current folder' -r -F
complete -c pm -n "__fish_pm_using_subcommand action; and __fish_seen_subcommand_from add" -l color -d 'When to colour the output' -r -f -a "auto\t''
always\t''
never\t''"
complete -c pm -n "__fish_pm_using_subcommand action; and __fish_seen_subcommand_from add" -l later -d 'Put it under "If we have time" (not tracked as a ticket)'
complete -c pm -n "__fish_pm_using_subcommand action; and __fish_seen_subcommand_from add" -l allow-secret -d 'Write the text even if it looks like a token or password (a detector\'s mistake)'
complete -c pm -n "__fish_pm_using_subcommand action; and __fish_seen_subcommand_from add" -l no-input -d 'Never prompt; a missing required value is an error naming its flag'
complete -c pm -n "__fish_pm_using_subcommand action; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help'
complete -c pm -n "__fish_pm_using_subcommand action; and __fish_seen_subcommand_from add" -s V -l version -d 'Print version'
complete -c pm -n "__fish_pm_using_subcommand action; and __fish_seen_subcommand_from done" -l doc -d 'The post-mortem (default: the current one, then the whole wiki)' -r
complete -c pm -n "__fish_pm_using_subcommand action; and __fish_seen_subcommand_from done" -l wiki -d 'Use the wiki in DIR instead of finding it from the current folder' -r -F
complete -c pm -n "__fish_pm_using_subcommand action; and __fish_seen_subcommand_from done" -l color -d 'When to colour the output' -r -f -a "auto\t''
always\t''
never\t''"
complete -c pm -n "__fish_pm_using_subcommand action; and __fish_seen_subcommand_from done" -l no-input -d 'Never prompt; a missing required value is an error naming its flag'
complete -c pm -n "__fish_pm_using_subcommand action; and __fish_seen_subcommand_from done" -s h -l help -d 'Print help'
complete -c pm -n "__fish_pm_using_subcommand action; and __fish_seen_subcommand_from done" -s V -l version -d 'Print version'
complete -c pm -n "__fish_pm_using_subcommand action; and __fish_seen_subcommand_from help" -f -a "add" -d 'Add an action item to the current post-mortem'
complete -c pm -n "__fish_pm_using_subcommand action; and __fish_seen_subcommand_from help" -f -a "done" -d 'Tick an action item done, found by its ticket or by words of its text'
complete -c pm -n "__fish_pm_using_subcommand action; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c pm -n "__fish_pm_using_subcommand check" -l format -d 'Output format' -r -f -a "human\t''
json\t''
github\t''"
complete -c pm -n "__fish_pm_using_subcommand check" -l changed-since -d 'Check only the post-mortems changed between REV and the work tree (for pull requests)' -r
complete -c pm -n "__fish_pm_using_subcommand check" -l wiki -d 'Use the wiki in DIR instead of finding it from the current folder' -r -F
complete -c pm -n "__fish_pm_using_subcommand check" -l color -d 'When to colour the output' -r -f -a "auto\t''
always\t''
never\t''"
complete -c pm -n "__fish_pm_using_subcommand check" -l write-baseline -d 'Record today\'s findings in `.pm/check-baseline.json`, so that later checks report only new ones (commit the file with the wiki); secrets are never held back'
complete -c pm -n "__fish_pm_using_subcommand check" -l show-baselined -d 'Also report the findings the baseline holds back, marked as such'
complete -c pm -n "__fish_pm_using_subcommand check" -l no-baseline -d 'Ignore the baseline: report every finding'
complete -c pm -n "__fish_pm_using_subcommand check" -l no-input -d 'Never prompt; a missing required value is an error naming its flag'
complete -c pm -n "__fish_pm_using_subcommand check" -s h -l help -d 'Print help'
complete -c pm -n "__fish_pm_using_subcommand check" -s V -l version -d 'Print version'
complete -c pm -n "__fish_pm_using_subcommand publish" -s m -l message -d 'The commit message (default: "Publish post-mortem: TITLE")' -r
complete -c pm -n "__fish_pm_using_subcommand publish" -l wiki -d 'Use the wiki in DIR instead of finding it from the current folder' -r -F
complete -c pm -n "__fish_pm_using_subcommand publish" -l color -d 'When to colour the output' -r -f -a "auto\t''
always\t''
never\t''"
complete -c pm -n "__fish_pm_using_subcommand publish" -l no-push -d 'Commit, but do not push'
complete -c pm -n "__fish_pm_using_subcommand publish" -l dry-run -d 'Print what would be committed and pushed, and change nothing'
complete -c pm -n "__fish_pm_using_subcommand publish" -l force -d 'Publish even when `pm check` finds errors (said in the commit message)'
complete -c pm -n "__fish_pm_using_subcommand publish" -l final -d 'Also set `status = "published"` in each document'
complete -c pm -n "__fish_pm_using_subcommand publish" -l no-input -d 'Never prompt; a missing required value is an error naming its flag'
complete -c pm -n "__fish_pm_using_subcommand publish" -s h -l help -d 'Print help'
complete -c pm -n "__fish_pm_using_subcommand publish" -s V -l version -d 'Print version'
complete -c pm -n "__fish_pm_using_subcommand status" -l wiki -d 'Use the wiki in DIR instead of finding it from the current folder' -r -F
complete -c pm -n "__fish_pm_using_subcommand status" -l color -d 'When to colour the output' -r -f -a "auto\t''
always\t''
never\t''"
complete -c pm -n "__fish_pm_using_subcommand status" -l no-input -d 'Never prompt; a missing required value is an error naming its flag'
complete -c pm -n "__fish_pm_using_subcommand status" -s h -l help -d 'Print help'
complete -c pm -n "__fish_pm_using_subcommand status" -s V -l version -d 'Print version'
complete -c pm -n "__fish_pm_using_subcommand list" -l status -d 'Only post-mortems with this status (draft, review, published)' -r
complete -c pm -n "__fish_pm_using_subcommand list" -l severity -d 'Only post-mortems of this severity' -r
complete -c pm -n "__fish_pm_using_subcommand list" -l since -d 'Only incidents on or after this date (YYYY-MM-DD)' -r
complete -c pm -n "__fish_pm_using_subcommand list" -l format -d 'Output format' -r -f -a "table\t''
json\t''"
complete -c pm -n "__fish_pm_using_subcommand list" -l wiki -d 'Use the wiki in DIR instead of finding it from the current folder' -r -F
complete -c pm -n "__fish_pm_using_subcommand list" -l color -d 'When to colour the output' -r -f -a "auto\t''
always\t''
never\t''"
complete -c pm -n "__fish_pm_using_subcommand list" -l no-input -d 'Never prompt; a missing required value is an error naming its flag'
complete -c pm -n "__fish_pm_using_subcommand list" -s h -l help -d 'Print help'
complete -c pm -n "__fish_pm_using_subcommand list" -s V -l version -d 'Print version'
complete -c pm -n "__fish_pm_using_subcommand actions" -l owner -d 'Only items of this owner (`@mary` or `mary`)' -r
complete -c pm -n "__fish_pm_using_subcommand actions" -l format -d 'Output format; csv imports into Jira (Summary, Assignee, Due date, Labels, Description)' -r -f -a "table\t''
json\t''
csv\t''"
complete -c pm -n "__fish_pm_using_subcommand actions" -l wiki -d 'Use the wiki in DIR instead of finding it from the current folder' -r -F
complete -c pm -n "__fish_pm_using_subcommand actions" -l color -d 'When to colour the output' -r -f -a "auto\t''
always\t''
never\t''"
complete -c pm -n "__fish_pm_using_subcommand actions" -l open -d 'Only items still open'
complete -c pm -n "__fish_pm_using_subcommand actions" -l done -d 'Only items ticked done'
complete -c pm -n "__fish_pm_using_subcommand actions" -l overdue -d 'Only open items whose due date has passed'
complete -c pm -n "__fish_pm_using_subcommand actions" -l ticket-missing -d 'Only tracked items without a ticket'
complete -c pm -n "__fish_pm_using_subcommand actions" -l no-input -d 'Never prompt; a missing required value is an error naming its flag'
complete -c pm -n "__fish_pm_using_subcommand actions" -s h -l help -d 'Print help'
complete -c pm -n "__fish_pm_using_subcommand actions" -s V -l version -d 'Print version'
complete -c pm -n "__fish_pm_using_subcommand completions" -l wiki -d 'Use the wiki in DIR instead of finding it from the current folder' -r -F
complete -c pm -n "__fish_pm_using_subcommand completions" -l color -d 'When to colour the output' -r -f -a "auto\t''
always\t''
never\t''"
complete -c pm -n "__fish_pm_using_subcommand completions" -l no-input -d 'Never prompt; a missing required value is an error naming its flag'
complete -c pm -n "__fish_pm_using_subcommand completions" -s h -l help -d 'Print help'
complete -c pm -n "__fish_pm_using_subcommand completions" -s V -l version -d 'Print version'
complete -c pm -n "__fish_pm_using_subcommand man" -l wiki -d 'Use the wiki in DIR instead of finding it from the current folder' -r -F
complete -c pm -n "__fish_pm_using_subcommand man" -l color -d 'When to colour the output' -r -f -a "auto\t''
always\t''
never\t''"
complete -c pm -n "__fish_pm_using_subcommand man" -l no-input -d 'Never prompt; a missing required value is an error naming its flag'
complete -c pm -n "__fish_pm_using_subcommand man" -s h -l help -d 'Print help'
complete -c pm -n "__fish_pm_using_subcommand man" -s V -l version -d 'Print version'
complete -c pm -n "__fish_pm_using_subcommand help; and not __fish_seen_subcommand_from init new use timeline action check publish status list actions completions man help" -f -a "init" -d 'Write a commented `pm.toml` for a wiki'
complete -c pm -n "__fish_pm_using_subcommand help; and not __fish_seen_subcommand_from init new use timeline action check publish status list actions completions man help" -f -a "new" -d 'Start a post-mortem: ask for what the flags did not give, write it, print its path'
complete -c pm -n "__fish_pm_using_subcommand help; and not __fish_seen_subcommand_from init new use timeline action check publish status list actions completions man help" -f -a "use" -d 'Make a post-mortem this clone\'s current one, or print which is'
complete -c pm -n "__fish_pm_using_subcommand help; and not __fish_seen_subcommand_from init new use timeline action check publish status list actions completions man help" -f -a "timeline" -d 'Log the incident as it happens: add and list timeline entries'
complete -c pm -n "__fish_pm_using_subcommand help; and not __fish_seen_subcommand_from init new use timeline action check publish status list actions completions man help" -f -a "action" -d 'Add action items, or tick one done'
complete -c pm -n "__fish_pm_using_subcommand help; and not __fish_seen_subcommand_from init new use timeline action check publish status list actions completions man help" -f -a "check" -d 'Check post-mortems for what is incomplete, blaming or leaking; exit 1 on any error'
complete -c pm -n "__fish_pm_using_subcommand help; and not __fish_seen_subcommand_from init new use timeline action check publish status list actions completions man help" -f -a "publish" -d 'Commit the post-mortem and the index page, and push them to the wiki'
complete -c pm -n "__fish_pm_using_subcommand help; and not __fish_seen_subcommand_from init new use timeline action check publish status list actions completions man help" -f -a "status" -d 'Move a post-mortem to draft, review or published'
complete -c pm -n "__fish_pm_using_subcommand help; and not __fish_seen_subcommand_from init new use timeline action check publish status list actions completions man help" -f -a "list" -d 'List every post-mortem, newest first'
complete -c pm -n "__fish_pm_using_subcommand help; and not __fish_seen_subcommand_from init new use timeline action check publish status list actions completions man help" -f -a "actions" -d 'List every action item across the wiki'
complete -c pm -n "__fish_pm_using_subcommand help; and not __fish_seen_subcommand_from init new use timeline action check publish status list actions completions man help" -f -a "completions" -d 'Print a shell completion script'
complete -c pm -n "__fish_pm_using_subcommand help; and not __fish_seen_subcommand_from init new use timeline action check publish status list actions completions man help" -f -a "man" -d 'Print the man page'
complete -c pm -n "__fish_pm_using_subcommand help; and not __fish_seen_subcommand_from init new use timeline action check publish status list actions completions man help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c pm -n "__fish_pm_using_subcommand help; and __fish_seen_subcommand_from timeline" -f -a "add" -d 'Add an entry, in time order, to the current post-mortem'
complete -c pm -n "__fish_pm_using_subcommand help; and __fish_seen_subcommand_from timeline" -f -a "list" -d 'Print the entries in order, with the gap since the previous one and since the start'
complete -c pm -n "__fish_pm_using_subcommand help; and __fish_seen_subcommand_from action" -f -a "add" -d 'Add an action item to the current post-mortem'
complete -c pm -n "__fish_pm_using_subcommand help; and __fish_seen_subcommand_from action" -f -a "done" -d 'Tick an action item done, found by its ticket or by words of its text'
