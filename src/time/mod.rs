//! Time: reading the WHEN people type, zone names and offsets, and writing timestamps.

pub(crate) mod when;
