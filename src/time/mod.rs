//! Time: zone names and offsets, reading the WHEN people type, the 12-hour clock, and writing
//! timestamps.

pub(crate) mod format;
pub(crate) mod meridiem;
pub(crate) mod when;
pub(crate) mod zone;
