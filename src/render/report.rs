//! Prints `pm check` findings for a person (`human`), for scripts (`json`) and for GitHub
//! Actions annotations (`github`).
//!
//! Renderers print findings in the order given; the caller sorts them with
//! [`sort_findings`](crate::check::finding::sort_findings) first. They only write: choosing stdout,
//! deciding on colour (`--color`, `NO_COLOR`, a terminal) and the exit code belong to the caller.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::io::{self, Write};
use std::path::Path;

use serde::Serialize;

use unicode_width::UnicodeWidthChar;

use crate::check::finding::{self, Finding, Level};
use crate::render::colour::{ACCENT, BOLD, ERROR, Paint, WARNING};

/// Lines wider than this many terminal cells are cut around the finding; a minified JSON blob or
/// a pasted log line would otherwise bury the caret under screens of text.
const MAX_WIDTH: usize = 200;
/// How many cells of a cut line to keep before the finding's column, so the reader sees what
/// leads up to it.
const LEAD: usize = 40;
/// Tabs are shown as this many spaces: a terminal's tab stops would move the source line and not
/// the caret line, which starts after a differently wide prefix.
const TAB: &str = "    ";

/// The findings the check baseline held back: how many, and those to show (`--show-baselined`).
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct HeldBack<'a> {
    pub(crate) count: usize,
    pub(crate) shown: &'a [Finding],
}

/// Writes findings the way rustc writes diagnostics: a header, the place, the source line with
/// carets under the span, the suggestion as `help`, then a summary line.
///
/// `source(file, line)` returns the text of a 1-based line without its line ending, or `None`
/// when it is not at hand (the snippet is then left out). It is asked only for lines that have a
/// finding, so the caller can keep each checked document's lines in a map.
pub(crate) fn human<'s>(
    out: &mut dyn Write,
    findings: &[Finding],
    documents_checked: usize,
    held: HeldBack<'_>,
    source: &dyn Fn(&Path, usize) -> Option<&'s str>,
    color: bool,
) -> io::Result<()> {
    let paint = Paint { color };
    for finding in findings {
        let text = human_finding(finding, source(&finding.file, finding.line), paint);
        out.write_all(text.as_bytes())?;
    }
    if !held.shown.is_empty() {
        writeln!(out, "held back by the baseline:\n")?;
        for finding in held.shown {
            let text = human_finding(finding, source(&finding.file, finding.line), paint);
            out.write_all(text.as_bytes())?;
        }
    }
    let mut summary = summary_line(findings, documents_checked);
    if held.count > 0 {
        let _ = write!(
            summary,
            "; {} held back by the baseline",
            plural(held.count, "finding", "findings")
        );
    }
    writeln!(out, "{summary}")
}

/// Writes the version 1 JSON report, documented in `docs/check-json.md`.
pub(crate) fn json(
    out: &mut dyn Write,
    findings: &[Finding],
    documents_checked: usize,
    held: HeldBack<'_>,
) -> io::Result<()> {
    let (errors, warnings) = count_levels(findings);
    let mut all: Vec<JsonFinding> = findings.iter().map(JsonFinding::from).collect();
    all.extend(held.shown.iter().map(|f| JsonFinding {
        baselined: true,
        ..JsonFinding::from(f)
    }));
    if !held.shown.is_empty() {
        // One order for both kinds, as documented.
        all.sort_by(|a, b| finding::compare(a.order, b.order));
    }
    let report = JsonReport {
        version: 1,
        documents_checked,
        summary: JsonSummary {
            errors,
            warnings,
            baselined: held.count,
        },
        findings: all,
    };
    serde_json::to_writer_pretty(&mut *out, &report)?;
    writeln!(out)
}

/// Writes one GitHub Actions workflow command per finding, which the runner turns into an
/// annotation on the pull request's diff.
///
/// GitHub resolves `file` against the repository root, so this is right when the wiki is the
/// repository; the caller must prefix the wiki's place in the repository otherwise.
pub(crate) fn github(
    out: &mut dyn Write,
    findings: &[Finding],
    held: HeldBack<'_>,
) -> io::Result<()> {
    let held = held.shown.iter().map(|f| (f, true));
    for (finding, baselined) in findings.iter().map(|f| (f, false)).chain(held) {
        let mut properties = format!(
            "file={},line={},col={}",
            escape_property(&slash_path(&finding.file)),
            finding.line,
            finding.column,
        );
        if let Some(end) = finding.end_column {
            let _ = write!(properties, ",endColumn={end}");
        }
        let title = if baselined {
            format!("pm check ({}) held back by the baseline", finding.rule)
        } else {
            format!("pm check ({})", finding.rule)
        };
        let _ = write!(properties, ",title={}", escape_property(&title));
        // Annotations have no field for a suggestion, so it rides in the message.
        let message = match &finding.suggestion {
            Some(hint) => format!("{} — hint: {hint}", finding.message),
            None => finding.message.clone(),
        };
        writeln!(
            out,
            "::{} {properties}::{}",
            if baselined {
                "notice"
            } else {
                finding.level.as_str()
            },
            escape_data(&message)
        )?;
    }
    Ok(())
}

/// The schema of `--format json`. Separate from `Finding` so that renaming a field in the code
/// can never rename it for the scripts that read it.
#[derive(Serialize)]
struct JsonReport<'a> {
    version: u32,
    documents_checked: usize,
    summary: JsonSummary,
    findings: Vec<JsonFinding<'a>>,
}

#[derive(Serialize)]
struct JsonSummary {
    errors: usize,
    warnings: usize,
    /// Only when the check baseline held findings back.
    #[serde(skip_serializing_if = "is_zero")]
    baselined: usize,
}

#[allow(clippy::trivially_copy_pass_by_ref)] // serde's `skip_serializing_if` passes a reference
fn is_zero(n: &usize) -> bool {
    *n == 0
}

#[derive(Serialize)]
struct JsonFinding<'a> {
    rule: &'a str,
    level: Level,
    file: String,
    line: usize,
    column: usize,
    end_column: Option<usize>,
    message: &'a str,
    suggestion: Option<&'a str>,
    /// Only on a finding the baseline holds back, shown with `--show-baselined`.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    baselined: bool,
    /// Where it sorts: the finding itself, in `sort_findings`' order.
    #[serde(skip)]
    order: &'a Finding,
}

impl<'a> From<&'a Finding> for JsonFinding<'a> {
    fn from(finding: &'a Finding) -> Self {
        JsonFinding {
            rule: finding.rule,
            level: finding.level,
            file: slash_path(&finding.file),
            line: finding.line,
            column: finding.column,
            end_column: finding.end_column,
            message: &finding.message,
            suggestion: finding.suggestion.as_deref(),
            baselined: false,
            order: finding,
        }
    }
}

/// `/`-separated on every platform, so that JSON and annotations read the same from a Windows
/// runner as from Linux. Only Windows needs converting: elsewhere `\` is a legal file name
/// character, not a separator.
fn slash_path(path: &Path) -> String {
    let text = path.to_string_lossy();
    if cfg!(windows) {
        text.replace('\\', "/")
    } else {
        text.into_owned()
    }
}

/// GitHub's escaping for the message of a workflow command (`escapeData` in `@actions/core`);
/// `%` goes first so the escapes themselves are not escaped again.
fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// GitHub's escaping for a property value (`escapeProperty` in `@actions/core`): `:` and `,`
/// would otherwise end the value.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

fn count_levels(findings: &[Finding]) -> (usize, usize) {
    let errors = findings.iter().filter(|f| f.level == Level::Error).count();
    (errors, findings.len() - errors)
}

/// `pm check: 1 error, 2 warnings in 1 file (120 documents checked)`. Zero counts are left out
/// rather than printed as `0 warnings`.
fn summary_line(findings: &[Finding], documents_checked: usize) -> String {
    let documents = plural(documents_checked, "document", "documents");
    if findings.is_empty() {
        return format!("pm check: no problems in {documents}");
    }
    let (errors, warnings) = count_levels(findings);
    let files = findings
        .iter()
        .map(|f| &f.file)
        .collect::<BTreeSet<_>>()
        .len();
    let mut counts = Vec::new();
    if errors > 0 {
        counts.push(plural(errors, "error", "errors"));
    }
    if warnings > 0 {
        counts.push(plural(warnings, "warning", "warnings"));
    }
    format!(
        "pm check: {} in {} ({documents} checked)",
        counts.join(", "),
        plural(files, "file", "files"),
    )
}

fn plural(count: usize, one: &str, many: &str) -> String {
    format!("{count} {}", if count == 1 { one } else { many })
}

fn human_finding(finding: &Finding, line_text: Option<&str>, paint: Paint) -> String {
    let level_style = paint.on(match finding.level {
        Level::Error => ERROR,
        Level::Warning => WARNING,
    });
    let (blue, bold, reset) = (paint.on(ACCENT), paint.on(BOLD), paint.off());
    let number = finding.line.to_string();
    let pad = " ".repeat(number.len());
    let mut text = String::new();
    let _ = writeln!(
        text,
        "{level_style}{}[{}]{reset}{bold}: {}{reset}",
        finding.level.as_str(),
        finding.rule,
        finding.message,
    );
    let _ = writeln!(
        text,
        "{pad}{blue}-->{reset} {}:{}:{}",
        slash_path(&finding.file),
        finding.line,
        finding.column,
    );
    if let Some(line_text) = line_text {
        let snippet = Snippet::new(line_text, finding.column, finding.end_column);
        let _ = writeln!(text, "{pad} {blue}|{reset}");
        if snippet.text.is_empty() {
            let _ = writeln!(text, "{blue}{number} |{reset}");
        } else {
            let _ = writeln!(text, "{blue}{number} |{reset} {}", snippet.text);
        }
        let _ = writeln!(
            text,
            "{pad} {blue}|{reset} {}{level_style}{}{reset}",
            " ".repeat(snippet.caret_start),
            "^".repeat(snippet.caret_len),
        );
    }
    if let Some(hint) = &finding.suggestion {
        let _ = writeln!(text, "{pad} {blue}={reset} {bold}help{reset}: {hint}");
    }
    text.push('\n');
    text
}

/// A source line made safe and narrow enough for a terminal, with where its carets go (in
/// cells, from the start of `text`).
#[derive(Debug, PartialEq, Eq)]
struct Snippet {
    text: String,
    caret_start: usize,
    caret_len: usize,
}

impl Snippet {
    /// `column` and `end_column` are 1-based character positions (end exclusive); positions past
    /// the end of the line point just after its last character.
    fn new(line: &str, column: usize, end_column: Option<usize>) -> Snippet {
        let line = line.strip_suffix('\r').unwrap_or(line);
        // What is shown for each character, with its width in cells, and for each character
        // the index of its first glyph, plus one past the end.
        let mut glyphs: Vec<(char, usize)> = Vec::with_capacity(line.len());
        let mut starts: Vec<usize> = Vec::with_capacity(line.len() + 1);
        for c in line.chars() {
            starts.push(glyphs.len());
            if c == '\t' {
                glyphs.extend(TAB.chars().map(|space| (space, 1)));
            } else {
                glyphs.push(shown(c));
            }
        }
        starts.push(glyphs.len());
        let at = |column: usize| starts[column.saturating_sub(1).min(starts.len() - 1)];
        let first = at(column);
        let last = end_column.map_or(first, at).max(first);

        let cells =
            |range: std::ops::Range<usize>| -> usize { glyphs[range].iter().map(|g| g.1).sum() };
        let (lo, hi) = if cells(0..glyphs.len()) <= MAX_WIDTH {
            (0, glyphs.len())
        } else {
            window(&glyphs, first)
        };
        let mut text = String::new();
        if lo > 0 {
            text.push('…');
        }
        text.extend(glyphs[lo..hi].iter().map(|g| g.0));
        if hi < glyphs.len() {
            text.push('…');
        }
        Snippet {
            text,
            caret_start: usize::from(lo > 0) + cells(lo..first),
            caret_len: cells(first..last.min(hi)).max(1),
        }
    }
}

/// The glyphs `lo..hi` to show of a line wider than `MAX_WIDTH`: `LEAD` cells before `first`
/// and as many after as fit, leaving two cells for the `…` at either end.
fn window(glyphs: &[(char, usize)], first: usize) -> (usize, usize) {
    let budget = MAX_WIDTH - 2;
    let mut used = 0;
    let mut lo = first;
    while lo > 0 && used + glyphs[lo - 1].1 <= LEAD {
        lo -= 1;
        used += glyphs[lo].1;
    }
    let mut hi = lo;
    used = 0;
    while hi < glyphs.len() && used + glyphs[hi].1 <= budget {
        used += glyphs[hi].1;
        hi += 1;
    }
    // Near the end of the line, spend what is left of the budget on more context before.
    while hi == glyphs.len() && lo > 0 && used + glyphs[lo - 1].1 <= budget {
        lo -= 1;
        used += glyphs[lo].1;
    }
    (lo, hi)
}

/// How a character is shown and how many cells it takes. Control characters become their
/// visible Unicode pictures, so text pasted from a log cannot move the cursor or recolour the
/// terminal, and the carets stay aligned.
fn shown(c: char) -> (char, usize) {
    match c {
        '\0'..='\x1f' => (
            char::from_u32(0x2400 + u32::from(c)).unwrap_or('\u{fffd}'),
            1,
        ),
        '\x7f' => ('\u{2421}', 1),
        '\u{80}'..='\u{9f}' => ('\u{fffd}', 1),
        _ => (c, cell_width(c)),
    }
}

/// Terminal cells taken by a character: 2 for East Asian wide characters and emoji, 0 for
/// combining marks and zero-width characters, else 1 (control characters never get here).
fn cell_width(c: char) -> usize {
    c.width().unwrap_or(0)
}

#[cfg(test)]
#[allow(clippy::string_slice)] // tests slice at the offsets they check
mod tests {
    use std::collections::HashMap;
    use std::path::PathBuf;

    use super::*;

    fn finding(file: &str, line: usize, column: usize, level: Level) -> Finding {
        Finding {
            rule: "secret",
            level,
            file: PathBuf::from(file),
            line,
            column,
            end_column: None,
            message: "an AWS access key is pasted here (AKIA…XXXX masked)".to_owned(),
            suggestion: None,
        }
    }

    fn render_human(findings: &[Finding], docs: &[(&str, &str)], color: bool) -> String {
        let lines: HashMap<PathBuf, Vec<&str>> = docs
            .iter()
            .map(|(path, text)| (PathBuf::from(path), text.lines().collect()))
            .collect();
        let source = |path: &Path, line: usize| {
            lines
                .get(path)
                .and_then(|l| l.get(line.checked_sub(1)?))
                .copied()
        };
        let mut out = Vec::new();
        human(&mut out, findings, 120, HeldBack::default(), &source, color).unwrap();
        String::from_utf8(out).unwrap()
    }

    const DOC: &str = "x\nx\nx\nx\nx\nx\nx\nx\nx\nx\nx\n- 14:05 UTC — key AKIAXXXX (alice)\n";

    fn aws_key() -> Finding {
        Finding {
            end_column: Some(27),
            suggestion: Some("rotate the key, then replace it with `AKIA…`".to_owned()),
            ..finding("postmortems/2026-11-20-x.md", 12, 19, Level::Error)
        }
    }

    #[test]
    fn human_without_colour() {
        let out = render_human(&[aws_key()], &[("postmortems/2026-11-20-x.md", DOC)], false);
        assert_eq!(
            out,
            "\
error[secret]: an AWS access key is pasted here (AKIA…XXXX masked)
  --> postmortems/2026-11-20-x.md:12:19
   |
12 | - 14:05 UTC — key AKIAXXXX (alice)
   |                   ^^^^^^^^
   = help: rotate the key, then replace it with `AKIA…`

pm check: 1 error in 1 file (120 documents checked)
"
        );
    }

    #[test]
    fn human_with_colour() {
        let mut warning = aws_key();
        warning.level = Level::Warning;
        let out = render_human(
            &[aws_key(), warning],
            &[("postmortems/2026-11-20-x.md", DOC)],
            true,
        );
        let block = |level: &str, style: &str| {
            format!(
                "{style}{level}[secret]\x1b[0m\x1b[1m: an AWS access key is pasted here (AKIA…XXXX masked)\x1b[0m
  \x1b[1m\x1b[34m-->\x1b[0m postmortems/2026-11-20-x.md:12:19
   \x1b[1m\x1b[34m|\x1b[0m
\x1b[1m\x1b[34m12 |\x1b[0m - 14:05 UTC — key AKIAXXXX (alice)
   \x1b[1m\x1b[34m|\x1b[0m                   {style}^^^^^^^^\x1b[0m
   \x1b[1m\x1b[34m=\x1b[0m \x1b[1mhelp\x1b[0m: rotate the key, then replace it with `AKIA…`

"
            )
        };
        assert_eq!(
            out,
            format!(
                "{}{}pm check: 1 error, 1 warning in 1 file (120 documents checked)\n",
                block("error", "\x1b[1m\x1b[31m"),
                block("warning", "\x1b[1m\x1b[33m"),
            )
        );
    }

    #[test]
    fn human_without_source_or_suggestion() {
        let out = render_human(&[finding("a.md", 3, 1, Level::Warning)], &[], false);
        assert_eq!(
            out,
            "\
warning[secret]: an AWS access key is pasted here (AKIA…XXXX masked)
 --> a.md:3:1

pm check: 1 warning in 1 file (120 documents checked)
"
        );
    }

    #[test]
    fn human_tabs_widen_source_and_carets() {
        let mut f = finding("a.md", 1, 3, Level::Error);
        f.end_column = Some(5);
        let out = render_human(&[f], &[("a.md", "\tx\ty")], false);
        // Characters 3..5 are the second tab and `y`: four carets for the tab, one for `y`.
        assert!(out.contains("\n1 |     x    y\n  |      ^^^^^\n"), "{out}");
    }

    #[test]
    fn human_empty_line_has_no_trailing_space() {
        let out = render_human(
            &[finding("a.md", 2, 1, Level::Error)],
            &[("a.md", "x\n\n")],
            false,
        );
        assert!(out.contains("\n  |\n2 |\n  | ^\n"), "{out}");
    }

    #[test]
    fn human_summaries() {
        // (file and level of each finding, documents checked, summary line)
        type Case<'a> = (&'a [(&'a str, Level)], usize, &'a str);
        let cases: &[Case] = &[
            (&[], 120, "pm check: no problems in 120 documents"),
            (&[], 1, "pm check: no problems in 1 document"),
            (
                &[("a.md", Level::Error)],
                1,
                "pm check: 1 error in 1 file (1 document checked)",
            ),
            (
                &[("a.md", Level::Warning), ("b.md", Level::Warning)],
                3,
                "pm check: 2 warnings in 2 files (3 documents checked)",
            ),
            (
                &[
                    ("a.md", Level::Error),
                    ("a.md", Level::Error),
                    ("b.md", Level::Error),
                    ("c.md", Level::Warning),
                    ("d.md", Level::Warning),
                ],
                120,
                "pm check: 3 errors, 2 warnings in 4 files (120 documents checked)",
            ),
        ];
        for (spec, documents, want) in cases {
            let findings: Vec<_> = spec.iter().map(|(f, l)| finding(f, 1, 1, *l)).collect();
            let mut out = Vec::new();
            human(
                &mut out,
                &findings,
                *documents,
                HeldBack::default(),
                &|_, _| None,
                false,
            )
            .unwrap();
            let out = String::from_utf8(out).unwrap();
            assert_eq!(out.lines().last(), Some(*want));
        }
    }

    #[test]
    fn snippet_cases() {
        // (name, line, column, end column, text shown, caret start, caret length)
        type Case<'a> = (
            &'a str,
            &'a str,
            usize,
            Option<usize>,
            &'a str,
            usize,
            usize,
        );
        let cases: &[Case] = &[
            ("point", "abc", 2, None, "abc", 1, 1),
            ("span", "abcdef", 2, Some(5), "abcdef", 1, 3),
            ("empty span", "abc", 2, Some(2), "abc", 1, 1),
            ("backwards span", "abc", 3, Some(1), "abc", 2, 1),
            ("past end", "abc", 9, Some(12), "abc", 3, 1),
            ("column 0", "abc", 0, None, "abc", 0, 1),
            ("tab before", "\tab", 2, Some(3), "    ab", 4, 1),
            ("tab inside", "a\tb", 1, Some(4), "a    b", 0, 6),
            ("crlf", "ab\r", 3, None, "ab", 2, 1),
            ("control", "a\x1b[31mb", 2, Some(3), "a␛[31mb", 1, 1),
            ("wide", "名前 key", 4, Some(7), "名前 key", 5, 3),
            ("combining", "e\u{301}x", 3, None, "e\u{301}x", 1, 1),
            ("em dash", "a — b", 5, None, "a — b", 4, 1),
        ];
        for (name, line, column, end, text, start, len) in cases {
            let got = Snippet::new(line, *column, *end);
            let want = Snippet {
                text: (*text).to_owned(),
                caret_start: *start,
                caret_len: *len,
            };
            assert_eq!(got, want, "case `{name}`");
        }
    }

    #[test]
    fn snippet_cuts_wide_lines_around_the_column() {
        let line = format!("{}SECRET{}", "x".repeat(250), "y".repeat(250));
        let got = Snippet::new(&line, 251, Some(257));
        assert_eq!(
            got,
            Snippet {
                text: format!("…{}SECRET{}…", "x".repeat(40), "y".repeat(152)),
                caret_start: 41,
                caret_len: 6,
            }
        );

        // Near the end, the window slides left rather than showing less.
        let got = Snippet::new(&line, 505, None);
        assert_eq!(
            got,
            Snippet {
                text: format!("…{}", &line[506 - 198..]),
                caret_start: 1 + 196,
                caret_len: 1,
            }
        );

        // Near the start, nothing is cut on the left.
        let got = Snippet::new(&line, 3, None);
        assert_eq!(
            got,
            Snippet {
                text: format!("{}…", &line[..198]),
                caret_start: 2,
                caret_len: 1,
            }
        );

        // Exactly MAX_WIDTH cells is not cut.
        let line = "z".repeat(MAX_WIDTH);
        assert_eq!(Snippet::new(&line, 150, None).text, line);
    }

    #[test]
    fn human_cut_line() {
        let line = format!("{}SECRET", "x".repeat(300));
        let mut f = finding("a.md", 1, 301, Level::Error);
        f.end_column = Some(307);
        let out = render_human(&[f], &[("a.md", &line)], false);
        let shown = format!("…{}SECRET", "x".repeat(192));
        let carets = format!("{}^^^^^^", " ".repeat(193));
        assert!(
            out.contains(&format!("\n1 | {shown}\n  | {carets}\n")),
            "{out}"
        );
    }

    #[test]
    fn json_report() {
        let mut warning = finding("postmortems/b.md", 3, 1, Level::Warning);
        warning.rule = "blame";
        warning.message = "\"careless\" blames a person".to_owned();
        let findings = [aws_key(), warning];
        let mut out = Vec::new();
        json(&mut out, &findings, 120, HeldBack::default()).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            r#"{
  "version": 1,
  "documents_checked": 120,
  "summary": {
    "errors": 1,
    "warnings": 1
  },
  "findings": [
    {
      "rule": "secret",
      "level": "error",
      "file": "postmortems/2026-11-20-x.md",
      "line": 12,
      "column": 19,
      "end_column": 27,
      "message": "an AWS access key is pasted here (AKIA…XXXX masked)",
      "suggestion": "rotate the key, then replace it with `AKIA…`"
    },
    {
      "rule": "blame",
      "level": "warning",
      "file": "postmortems/b.md",
      "line": 3,
      "column": 1,
      "end_column": null,
      "message": "\"careless\" blames a person",
      "suggestion": null
    }
  ]
}
"#
        );
    }

    #[test]
    fn json_report_without_findings() {
        let mut out = Vec::new();
        json(&mut out, &[], 0, HeldBack::default()).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            r#"{
  "version": 1,
  "documents_checked": 0,
  "summary": {
    "errors": 0,
    "warnings": 0
  },
  "findings": []
}
"#
        );
    }

    #[test]
    fn github_commands() {
        let mut warning = finding("postmortems/a,b:c.md", 3, 1, Level::Warning);
        warning.rule = "blame";
        warning.message = "100% \"careless\"\r\nsays who".to_owned();
        warning.suggestion = Some("say what the system allowed: a, b".to_owned());
        let mut out = Vec::new();
        github(&mut out, &[aws_key(), warning], HeldBack::default()).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "\
::error file=postmortems/2026-11-20-x.md,line=12,col=19,endColumn=27,title=pm check (secret)::\
an AWS access key is pasted here (AKIA…XXXX masked) — hint: rotate the key, then replace it with `AKIA…`
::warning file=postmortems/a%2Cb%3Ac.md,line=3,col=1,title=pm check (blame)::\
100%25 \"careless\"%0D%0Asays who — hint: say what the system allowed: a, b
"
        );
    }

    #[test]
    fn github_without_findings_prints_nothing() {
        let mut out = Vec::new();
        github(&mut out, &[], HeldBack::default()).unwrap();
        assert!(out.is_empty());
    }

    #[test]
    fn escaping() {
        assert_eq!(escape_data("a%0A\nb\rc:d,e"), "a%250A%0Ab%0Dc:d,e");
        assert_eq!(escape_property("a%\nb:c,d"), "a%25%0Ab%3Ac%2Cd");
    }
}
