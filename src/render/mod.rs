//! Writing to the user: data on stdout, and errors rendered the house way on stderr.

pub(crate) mod colour;
pub(crate) mod csv;
pub(crate) mod report;
pub(crate) mod table;

use std::error::Error as _;
use std::fmt::Write as _;
use std::io::Write;

use crate::error::Error;
use colour::Paint;

/// Print one line of data on stdout.
pub(crate) fn print_line(line: &str) -> Result<(), Error> {
    let mut stdout = std::io::stdout().lock();
    writeln!(stdout, "{line}")
        .and_then(|()| stdout.flush())
        .map_err(stdout_error)
}

/// Print text that already ends in its line breaks (a table, a CSV file) on stdout.
pub(crate) fn print_text(text: impl AsRef<[u8]>) -> Result<(), Error> {
    let mut stdout = std::io::stdout().lock();
    stdout
        .write_all(text.as_ref())
        .and_then(|()| stdout.flush())
        .map_err(stdout_error)
}

/// A failed write to stdout, as every command reports it (a closed pipe is told apart).
pub(crate) fn stdout_error(source: std::io::Error) -> Error {
    Error::Io {
        path: "standard output".into(),
        action: "write to",
        source,
    }
}

/// Pretty JSON for `--format json`, whose shape is promised to scripts.
pub(crate) fn json<T: serde::Serialize>(value: &T) -> Result<String, Error> {
    serde_json::to_string_pretty(value).map_err(|source| Error::Json { source })
}

/// `true` when the error is only that the reader of our stdout went away (`pm list | head`).
pub fn is_broken_pipe(err: &Error) -> bool {
    matches!(err, Error::Io { source, .. } if source.kind() == std::io::ErrorKind::BrokenPipe)
}

/// `error: …`, then one `caused by: …` per source, then `hint: …` when there is something to do.
pub fn render_error(err: &Error, color: bool) -> String {
    let paint = Paint { color };
    let (red, yellow, bold, reset) = (
        paint.on(colour::ERROR),
        paint.on(colour::WARNING),
        paint.on(colour::BOLD),
        paint.off(),
    );
    let mut out = format!("{red}error{reset}{bold}:{reset} {err}");
    let mut source = err.source();
    while let Some(cause) = source {
        let text = cause.to_string();
        let mut lines = text.trim_end().lines();
        if let Some(first) = lines.next() {
            let _ = write!(out, "\n  caused by: {first}");
        }
        for line in lines {
            let _ = write!(out, "\n    {line}");
        }
        source = cause.source();
    }
    if let Some(hint) = err.hint() {
        let _ = write!(out, "\n{yellow}hint{reset}: {hint}");
    }
    out
}
