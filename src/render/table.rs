//! Tables for the terminal: aligned columns that fit its width, or plain tab-separated rows
//! when the output goes to a pipe or a file.

use std::io::IsTerminal;

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

pub(crate) struct Table {
    pub(crate) headers: Vec<&'static str>,
    pub(crate) rows: Vec<Vec<String>>,
    /// The column that gives up width when the table is too wide (the title, the text).
    pub(crate) flexible: usize,
}

impl Table {
    /// Aligned for a terminal of `width` columns, else tab-separated without a header. No rows
    /// print nothing, not a lone header, so an empty wiki looks empty.
    pub(crate) fn render(&self, width: Option<usize>) -> String {
        if self.rows.is_empty() {
            return String::new();
        }
        match width {
            Some(width) => self.aligned(width),
            None => self.rows.iter().map(|row| row.join("\t") + "\n").collect(),
        }
    }

    fn aligned(&self, width: usize) -> String {
        let count = |s: &str| s.width();
        let mut widths: Vec<usize> = self.headers.iter().map(|h| count(h)).collect();
        for row in &self.rows {
            for (w, cell) in widths.iter_mut().zip(row) {
                *w = (*w).max(count(cell));
            }
        }
        let gaps = 2 * widths.len().saturating_sub(1);
        let total: usize = widths.iter().sum::<usize>() + gaps;
        if total > width {
            let others = total - widths[self.flexible];
            widths[self.flexible] = width.saturating_sub(others).max(10);
        }
        let mut out = String::new();
        let header: Vec<String> = self.headers.iter().map(ToString::to_string).collect();
        for row in std::iter::once(&header).chain(&self.rows) {
            let cells: Vec<String> = row
                .iter()
                .zip(&widths)
                .map(|(cell, &w)| {
                    let cell = truncate(cell, w);
                    format!("{cell}{}", " ".repeat(w.saturating_sub(count(&cell))))
                })
                .collect();
            out.push_str(cells.join("  ").trim_end());
            out.push('\n');
        }
        out
    }
}

/// The terminal's width when stdout is one.
pub(crate) fn terminal_width() -> Option<usize> {
    if !std::io::stdout().is_terminal() {
        return None;
    }
    let from_env = std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok());
    from_env
        .or_else(|| terminal_size::terminal_size().map(|(w, _)| usize::from(w.0)))
        .or(Some(100))
}

/// The cell cut to `width` terminal cells, with `…` for what is cut.
fn truncate(cell: &str, width: usize) -> String {
    if cell.width() <= width {
        return cell.to_string();
    }
    let mut kept = String::new();
    let mut used = 0;
    for c in cell.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > width.saturating_sub(1) {
            break;
        }
        used += w;
        kept.push(c);
    }
    format!("{}…", kept.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> Table {
        Table {
            headers: vec!["DATE", "TITLE", "LEAD"],
            rows: vec![
                vec![
                    "2026-11-20".into(),
                    "Checkout outage in the EU region".into(),
                    "Alice".into(),
                ],
                vec!["2026-11-02".into(), "DNS".into(), "Bob".into()],
            ],
            flexible: 1,
        }
    }

    #[test]
    fn no_rows_print_nothing() {
        let empty = Table {
            rows: Vec::new(),
            ..table()
        };
        assert_eq!(empty.render(Some(80)), "");
        assert_eq!(empty.render(None), "");
    }

    #[test]
    fn fits_the_width() {
        let out = table().render(Some(36));
        assert_eq!(
            out,
            "DATE        TITLE              LEAD\n\
             2026-11-20  Checkout outage…   Alice\n\
             2026-11-02  DNS                Bob\n"
        );
    }

    #[test]
    fn plain_rows_when_piped() {
        assert_eq!(
            table().render(None),
            "2026-11-20\tCheckout outage in the EU region\tAlice\n2026-11-02\tDNS\tBob\n"
        );
    }

    #[test]
    fn wide_characters_take_two_cells() {
        let table = Table {
            headers: vec!["TITLE", "LEAD"],
            rows: vec![
                vec!["決済の障害".into(), "Aiko".into()],
                vec!["DNS".into(), "Bob".into()],
            ],
            flexible: 0,
        };
        assert_eq!(
            table.render(Some(80)),
            "TITLE       LEAD\n決済の障害  Aiko\nDNS         Bob\n"
        );
        // Cut to 7 cells: three wide characters would take 6, plus the `…`.
        assert_eq!(truncate("決済の障害", 7), "決済の…");
    }
}
