//! Time: zone names and offsets, reading the WHEN people type, the 12-hour clock, and writing
//! timestamps.

pub(crate) mod format;
pub(crate) mod meridiem;
pub(crate) mod when;
pub(crate) mod zone;

use self::zone::Zone;

/// The order a wiki writes the numbers of a date in (`date_order` in `pm.toml`): what
/// `03/04/2026` means when nothing else says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum DateOrder {
    /// `2026-04-03`, as pm writes: says nothing about `03/04/2026`, which then follows the
    /// document, else the zone's custom.
    Ymd,
    /// `03/04/2026` is 3 April.
    Dmy,
    /// `03/04/2026` is 4 March.
    Mdy,
}

impl DateOrder {
    /// Whether `03/04/2026` is day first, by this setting (when it says), else by what the
    /// document proves (`proven`: `Some(true)` when one of its dates has a day above 12 first),
    /// else by the custom where the document's zone is (its timeline's, else the wiki's):
    /// month first in North America, day first elsewhere.
    pub(crate) fn day_first(setting: Option<DateOrder>, proven: Option<bool>, zone: Zone) -> bool {
        match (setting, proven) {
            (Some(DateOrder::Dmy), _) => true,
            (Some(DateOrder::Mdy), _) => false,
            (_, Some(day_first)) => day_first,
            _ => !north_american(zone),
        }
    }
}

/// Whether a zone is one of North America's: an `America/` zone north of Mexico's south, or
/// an offset the US and Canada use (`EDT` to `HST`).
fn north_american(zone: Zone) -> bool {
    match zone {
        Zone::Named(tz) => {
            const SOUTH: &[&str] = &[
                "America/Sao_Paulo",
                "America/Argentina",
                "America/Buenos_Aires",
                "America/Santiago",
                "America/Bogota",
                "America/Lima",
                "America/Caracas",
                "America/Montevideo",
                "America/Asuncion",
                "America/La_Paz",
                "America/Guayaquil",
                "America/Mexico_City",
            ];
            let name = tz.name();
            name.starts_with("America/") && !SOUTH.iter().any(|s| name.starts_with(s))
        }
        Zone::Fixed(offset) => (-10 * 3600..=-4 * 3600).contains(&offset.local_minus_utc()),
    }
}

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
