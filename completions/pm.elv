
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
            cand completions 'Print a shell completion script'
            cand man 'Print the man page'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'pm;help;init'= {
        }
        &'pm;help;new'= {
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
