//! Time: zone names and offsets, reading the WHEN people type, the 12-hour clock, and writing
//! timestamps.

pub(crate) mod format;
pub(crate) mod meridiem;
pub(crate) mod when;
pub(crate) mod zone;

/// What the tests of WHEN and of stamps share: instants and zones from text, and one "now".
#[cfg(test)]
pub(crate) mod testing {
    use chrono::{DateTime, FixedOffset};
    use chrono_tz::Tz;

    pub(crate) fn at(text: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(text).unwrap()
    }

    pub(crate) fn tz(name: &str) -> Tz {
        name.parse().unwrap()
    }

    /// 14:30 in Copenhagen on a Friday in November (CET, +01:00).
    pub(crate) const NOW: &str = "2026-11-20T14:30:00+01:00";
}
