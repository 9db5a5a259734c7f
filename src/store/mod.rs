//! Where documents live and how they are read and written: the wiki and its folder, every
//! post-mortem in it, and locked atomic writes.

pub(crate) mod catalog;
pub(crate) mod edit;
pub(crate) mod fsio;
pub(crate) mod lookup;
pub(crate) mod wiki;
