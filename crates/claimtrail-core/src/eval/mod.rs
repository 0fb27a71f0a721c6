//! Measuring extraction against hand annotations.
//!
//! [`attribution`] scores claim spans, claimants and entities against a gold file that references articles
//! of a corpus by id and claims by char offsets (see `eval/attribution/GUIDE.md`). The corpus text is read at
//! run time and never stored with the annotations.

pub mod attribution;
