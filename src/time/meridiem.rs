//! The 12-hour clock: what `am` or `pm` written after a time does to its hour.
//!
//! A WHEN typed at the command line and a stamp in a timeline both take `2:05 PM`; the rule
//! lives here so that the two cannot read one time differently.

/// `am` or `pm`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Meridiem {
    Am,
    Pm,
}

impl Meridiem {
    /// `am` or `pm`, in any case.
    pub(crate) fn from_word(word: &str) -> Option<Meridiem> {
        if word.eq_ignore_ascii_case("am") {
            Some(Meridiem::Am)
        } else if word.eq_ignore_ascii_case("pm") {
            Some(Meridiem::Pm)
        } else {
            None
        }
    }

    /// The hour of the day that `hour` written with this mark means: `12 am` is 0, `1 pm` is
    /// 13, `12 pm` is 12. An hour that is not on the 12-hour clock (0, or 13 and later) already
    /// says what it means, and the mark is a slip: people write `14:15pm` or `13:55 PM` for
    /// 14:15 and 13:55.
    pub(crate) fn hour_of_day(self, hour: u32) -> u32 {
        if !(1..=12).contains(&hour) {
            return hour;
        }
        hour % 12
            + match self {
                Meridiem::Am => 0,
                Meridiem::Pm => 12,
            }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hours() {
        use Meridiem::{Am, Pm};
        let cases = [
            (12, Am, 0),
            (1, Am, 1),
            (11, Am, 11),
            (12, Pm, 12),
            (1, Pm, 13),
            (11, Pm, 23),
            (0, Am, 0),
            (0, Pm, 0),
            (13, Pm, 13),
            (14, Am, 14),
            (25, Pm, 25),
        ];
        for (hour, meridiem, want) in cases {
            assert_eq!(meridiem.hour_of_day(hour), want, "{hour} {meridiem:?}");
        }
    }

    #[test]
    fn words() {
        assert_eq!(Meridiem::from_word("PM"), Some(Meridiem::Pm));
        assert_eq!(Meridiem::from_word("am"), Some(Meridiem::Am));
        assert_eq!(Meridiem::from_word("a.m."), None);
        assert_eq!(Meridiem::from_word("pmx"), None);
    }
}
