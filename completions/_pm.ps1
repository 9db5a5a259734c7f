
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'pm' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'pm'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'pm' {
            [CompletionResult]::new('--wiki', '--wiki', [CompletionResultType]::ParameterName, 'Use the wiki in DIR instead of finding it from the current folder')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the output')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing required value is an error naming its flag')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Write a commented `pm.toml` for a wiki')
            [CompletionResult]::new('new', 'new', [CompletionResultType]::ParameterValue, 'Start a post-mortem: ask for what the flags did not give, write it, print its path')
            [CompletionResult]::new('use', 'use', [CompletionResultType]::ParameterValue, 'Make a post-mortem this clone''s current one, or print which is')
            [CompletionResult]::new('timeline', 'timeline', [CompletionResultType]::ParameterValue, 'Log the incident as it happens: add and list timeline entries')
            [CompletionResult]::new('action', 'action', [CompletionResultType]::ParameterValue, 'Add action items, or tick one done')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Check post-mortems for what is incomplete, blaming or leaking; exit 1 on any error')
            [CompletionResult]::new('publish', 'publish', [CompletionResultType]::ParameterValue, 'Commit the post-mortem and the index page, and push them to the wiki')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Move a post-mortem to draft, review or published')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List every post-mortem, newest first')
            [CompletionResult]::new('actions', 'actions', [CompletionResultType]::ParameterValue, 'List every action item across the wiki')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print the man page')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'pm;init' {
            [CompletionResult]::new('--wiki', '--wiki', [CompletionResultType]::ParameterName, 'Use the wiki in DIR instead of finding it from the current folder')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the output')
            [CompletionResult]::new('--eject-template', '--eject-template', [CompletionResultType]::ParameterName, 'Also copy the built-in template to `.pm/templates/postmortem.md.tera` to edit')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Overwrite files that already exist')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing required value is an error naming its flag')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pm;new' {
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'Severity, one of the wiki''s `severities` (default: SEV1..SEV4)')
            [CompletionResult]::new('--severity', '--severity', [CompletionResultType]::ParameterName, 'Severity, one of the wiki''s `severities` (default: SEV1..SEV4)')
            [CompletionResult]::new('--started', '--started', [CompletionResultType]::ParameterName, 'When the incident started: now, 14:05, "2026-11-20 14:05", -15m, 2h ago, RFC 3339')
            [CompletionResult]::new('--lead', '--lead', [CompletionResultType]::ParameterName, 'Who leads the incident (default: git''s `user.name`)')
            [CompletionResult]::new('--impact', '--impact', [CompletionResultType]::ParameterName, 'One line on the impact, written under "Impact and scope"')
            [CompletionResult]::new('--set', '--set', [CompletionResultType]::ParameterName, 'Extra front matter, KEY=VALUE (VALUE is TOML, else a string); repeatable')
            [CompletionResult]::new('--template', '--template', [CompletionResultType]::ParameterName, 'Template to use: `.pm/templates/NAME.md.tera`, else the built-in (default: `postmortem`)')
            [CompletionResult]::new('--wiki', '--wiki', [CompletionResultType]::ParameterName, 'Use the wiki in DIR instead of finding it from the current folder')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the output')
            [CompletionResult]::new('--edit', '--edit', [CompletionResultType]::ParameterName, 'Open the new file in `$VISUAL` or `$EDITOR` afterwards')
            [CompletionResult]::new('--allow-secret', '--allow-secret', [CompletionResultType]::ParameterName, 'Write the text even if it looks like a token or password (a detector''s mistake)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing required value is an error naming its flag')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pm;use' {
            [CompletionResult]::new('--wiki', '--wiki', [CompletionResultType]::ParameterName, 'Use the wiki in DIR instead of finding it from the current folder')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the output')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing required value is an error naming its flag')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pm;timeline' {
            [CompletionResult]::new('--wiki', '--wiki', [CompletionResultType]::ParameterName, 'Use the wiki in DIR instead of finding it from the current folder')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the output')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing required value is an error naming its flag')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add an entry, in time order, to the current post-mortem')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Print the entries in order, with the gap since the previous one and since the start')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'pm;timeline;add' {
            [CompletionResult]::new('--at', '--at', [CompletionResultType]::ParameterName, 'When it happened: now, 14:05, 14:05:30, 2026-11-20 14:05, RFC 3339, -15m, 2h ago; a zone or offset may follow, else the wiki''s zone applies')
            [CompletionResult]::new('--author', '--author', [CompletionResultType]::ParameterName, 'Who logged it (default: git''s user.name)')
            [CompletionResult]::new('--doc', '--doc', [CompletionResultType]::ParameterName, 'The post-mortem: a path, a file name, a slug, or part of a slug or title (default: this clone''s current one, see `pm use`)')
            [CompletionResult]::new('--wiki', '--wiki', [CompletionResultType]::ParameterName, 'Use the wiki in DIR instead of finding it from the current folder')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the output')
            [CompletionResult]::new('--detected', '--detected', [CompletionResultType]::ParameterName, 'Also set `detected` in the front matter to this time')
            [CompletionResult]::new('--mitigated', '--mitigated', [CompletionResultType]::ParameterName, 'Also set `mitigated` in the front matter to this time')
            [CompletionResult]::new('--resolved', '--resolved', [CompletionResultType]::ParameterName, 'Also set `resolved` in the front matter to this time')
            [CompletionResult]::new('--allow-secret', '--allow-secret', [CompletionResultType]::ParameterName, 'Write the text even if it looks like a token or password (a detector''s mistake)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing required value is an error naming its flag')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pm;timeline;list' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--doc', '--doc', [CompletionResultType]::ParameterName, 'The post-mortem: a path, a file name, a slug, or part of a slug or title (default: this clone''s current one, see `pm use`)')
            [CompletionResult]::new('--wiki', '--wiki', [CompletionResultType]::ParameterName, 'Use the wiki in DIR instead of finding it from the current folder')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the output')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing required value is an error naming its flag')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pm;timeline;help' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add an entry, in time order, to the current post-mortem')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Print the entries in order, with the gap since the previous one and since the start')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'pm;timeline;help;add' {
            break
        }
        'pm;timeline;help;list' {
            break
        }
        'pm;timeline;help;help' {
            break
        }
        'pm;action' {
            [CompletionResult]::new('--wiki', '--wiki', [CompletionResultType]::ParameterName, 'Use the wiki in DIR instead of finding it from the current folder')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the output')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing required value is an error naming its flag')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add an action item to the current post-mortem')
            [CompletionResult]::new('done', 'done', [CompletionResultType]::ParameterValue, 'Tick an action item done, found by its ticket or by words of its text')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'pm;action;add' {
            [CompletionResult]::new('--owner', '--owner', [CompletionResultType]::ParameterName, 'Who owns it: a handle like @mary or a name')
            [CompletionResult]::new('--ticket', '--ticket', [CompletionResultType]::ParameterName, 'Its ticket: a Jira key like SHOP-123, #123, owner/repo#123 or a URL')
            [CompletionResult]::new('--due', '--due', [CompletionResultType]::ParameterName, 'When it is due, YYYY-MM-DD')
            [CompletionResult]::new('--doc', '--doc', [CompletionResultType]::ParameterName, 'The post-mortem: a path, a file name, a slug, or part of a slug or title (default: this clone''s current one, see `pm use`)')
            [CompletionResult]::new('--wiki', '--wiki', [CompletionResultType]::ParameterName, 'Use the wiki in DIR instead of finding it from the current folder')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the output')
            [CompletionResult]::new('--later', '--later', [CompletionResultType]::ParameterName, 'Put it under "If we have time" (not tracked as a ticket)')
            [CompletionResult]::new('--allow-secret', '--allow-secret', [CompletionResultType]::ParameterName, 'Write the text even if it looks like a token or password (a detector''s mistake)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing required value is an error naming its flag')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pm;action;done' {
            [CompletionResult]::new('--doc', '--doc', [CompletionResultType]::ParameterName, 'The post-mortem (default: the current one, then the whole wiki)')
            [CompletionResult]::new('--wiki', '--wiki', [CompletionResultType]::ParameterName, 'Use the wiki in DIR instead of finding it from the current folder')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the output')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing required value is an error naming its flag')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pm;action;help' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add an action item to the current post-mortem')
            [CompletionResult]::new('done', 'done', [CompletionResultType]::ParameterValue, 'Tick an action item done, found by its ticket or by words of its text')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'pm;action;help;add' {
            break
        }
        'pm;action;help;done' {
            break
        }
        'pm;action;help;help' {
            break
        }
        'pm;check' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--changed-since', '--changed-since', [CompletionResultType]::ParameterName, 'Check only the post-mortems changed between REV and the work tree (for pull requests)')
            [CompletionResult]::new('--wiki', '--wiki', [CompletionResultType]::ParameterName, 'Use the wiki in DIR instead of finding it from the current folder')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the output')
            [CompletionResult]::new('--write-baseline', '--write-baseline', [CompletionResultType]::ParameterName, 'Record today''s findings in `.pm/check-baseline.json`, so that later checks report only new ones (commit the file with the wiki); secrets are never held back')
            [CompletionResult]::new('--show-baselined', '--show-baselined', [CompletionResultType]::ParameterName, 'Also report the findings the baseline holds back, marked as such')
            [CompletionResult]::new('--no-baseline', '--no-baseline', [CompletionResultType]::ParameterName, 'Ignore the baseline: report every finding')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing required value is an error naming its flag')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pm;publish' {
            [CompletionResult]::new('-m', '-m', [CompletionResultType]::ParameterName, 'The commit message (default: "Publish post-mortem: TITLE")')
            [CompletionResult]::new('--message', '--message', [CompletionResultType]::ParameterName, 'The commit message (default: "Publish post-mortem: TITLE")')
            [CompletionResult]::new('--wiki', '--wiki', [CompletionResultType]::ParameterName, 'Use the wiki in DIR instead of finding it from the current folder')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the output')
            [CompletionResult]::new('--no-push', '--no-push', [CompletionResultType]::ParameterName, 'Commit, but do not push')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print what would be committed and pushed, and change nothing')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Publish even when `pm check` finds errors (said in the commit message)')
            [CompletionResult]::new('--final', '--final', [CompletionResultType]::ParameterName, 'Also set `status = "published"` in each document')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing required value is an error naming its flag')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pm;status' {
            [CompletionResult]::new('--wiki', '--wiki', [CompletionResultType]::ParameterName, 'Use the wiki in DIR instead of finding it from the current folder')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the output')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing required value is an error naming its flag')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pm;list' {
            [CompletionResult]::new('--status', '--status', [CompletionResultType]::ParameterName, 'Only post-mortems with this status (draft, review, published)')
            [CompletionResult]::new('--severity', '--severity', [CompletionResultType]::ParameterName, 'Only post-mortems of this severity')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Only incidents on or after this date (YYYY-MM-DD)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--wiki', '--wiki', [CompletionResultType]::ParameterName, 'Use the wiki in DIR instead of finding it from the current folder')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the output')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing required value is an error naming its flag')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pm;actions' {
            [CompletionResult]::new('--owner', '--owner', [CompletionResultType]::ParameterName, 'Only items of this owner (`@mary` or `mary`)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format; csv imports into Jira (Summary, Assignee, Due date, Labels, Description)')
            [CompletionResult]::new('--wiki', '--wiki', [CompletionResultType]::ParameterName, 'Use the wiki in DIR instead of finding it from the current folder')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the output')
            [CompletionResult]::new('--open', '--open', [CompletionResultType]::ParameterName, 'Only items still open')
            [CompletionResult]::new('--done', '--done', [CompletionResultType]::ParameterName, 'Only items ticked done')
            [CompletionResult]::new('--overdue', '--overdue', [CompletionResultType]::ParameterName, 'Only open items whose due date has passed')
            [CompletionResult]::new('--ticket-missing', '--ticket-missing', [CompletionResultType]::ParameterName, 'Only tracked items without a ticket')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing required value is an error naming its flag')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pm;completions' {
            [CompletionResult]::new('--wiki', '--wiki', [CompletionResultType]::ParameterName, 'Use the wiki in DIR instead of finding it from the current folder')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the output')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing required value is an error naming its flag')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pm;man' {
            [CompletionResult]::new('--wiki', '--wiki', [CompletionResultType]::ParameterName, 'Use the wiki in DIR instead of finding it from the current folder')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the output')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing required value is an error naming its flag')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pm;help' {
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Write a commented `pm.toml` for a wiki')
            [CompletionResult]::new('new', 'new', [CompletionResultType]::ParameterValue, 'Start a post-mortem: ask for what the flags did not give, write it, print its path')
            [CompletionResult]::new('use', 'use', [CompletionResultType]::ParameterValue, 'Make a post-mortem this clone''s current one, or print which is')
            [CompletionResult]::new('timeline', 'timeline', [CompletionResultType]::ParameterValue, 'Log the incident as it happens: add and list timeline entries')
            [CompletionResult]::new('action', 'action', [CompletionResultType]::ParameterValue, 'Add action items, or tick one done')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Check post-mortems for what is incomplete, blaming or leaking; exit 1 on any error')
            [CompletionResult]::new('publish', 'publish', [CompletionResultType]::ParameterValue, 'Commit the post-mortem and the index page, and push them to the wiki')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Move a post-mortem to draft, review or published')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List every post-mortem, newest first')
            [CompletionResult]::new('actions', 'actions', [CompletionResultType]::ParameterValue, 'List every action item across the wiki')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print the man page')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'pm;help;init' {
            break
        }
        'pm;help;new' {
            break
        }
        'pm;help;use' {
            break
        }
        'pm;help;timeline' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add an entry, in time order, to the current post-mortem')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Print the entries in order, with the gap since the previous one and since the start')
            break
        }
        'pm;help;timeline;add' {
            break
        }
        'pm;help;timeline;list' {
            break
        }
        'pm;help;action' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add an action item to the current post-mortem')
            [CompletionResult]::new('done', 'done', [CompletionResultType]::ParameterValue, 'Tick an action item done, found by its ticket or by words of its text')
            break
        }
        'pm;help;action;add' {
            break
        }
        'pm;help;action;done' {
            break
        }
        'pm;help;check' {
            break
        }
        'pm;help;publish' {
            break
        }
        'pm;help;status' {
            break
        }
        'pm;help;list' {
            break
        }
        'pm;help;actions' {
            break
        }
        'pm;help;completions' {
            break
        }
        'pm;help;man' {
            break
        }
        'pm;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
