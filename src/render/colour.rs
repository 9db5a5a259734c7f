//! The colours of `pm`'s output, as `anstyle` styles, and a painter that writes them only when
//! colour is on (a terminal, `--color`, `NO_COLOR`), so one code path serves both.

use anstyle::{AnsiColor, Color, Style};

pub(crate) const BOLD: Style = Style::new().bold();
pub(crate) const ERROR: Style = BOLD.fg_color(Some(Color::Ansi(AnsiColor::Red)));
pub(crate) const WARNING: Style = BOLD.fg_color(Some(Color::Ansi(AnsiColor::Yellow)));
/// Gutters and arrows of the check report.
pub(crate) const ACCENT: Style = BOLD.fg_color(Some(Color::Ansi(AnsiColor::Blue)));

#[derive(Clone, Copy)]
pub(crate) struct Paint {
    pub(crate) color: bool,
}

impl Paint {
    /// The escape that starts `style`, or nothing without colour.
    pub(crate) fn on(self, style: Style) -> String {
        if self.color {
            style.render().to_string()
        } else {
            String::new()
        }
    }

    /// The escape that ends any style, or nothing without colour.
    pub(crate) fn off(self) -> String {
        if self.color {
            anstyle::Reset.render().to_string()
        } else {
            String::new()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_escapes_without_colour() {
        let plain = Paint { color: false };
        assert_eq!(plain.on(ERROR) + &plain.off(), "");
        let coloured = Paint { color: true };
        assert_eq!(coloured.on(ERROR), "\x1b[1m\x1b[31m");
        assert_eq!(coloured.off(), "\x1b[0m");
    }
}
