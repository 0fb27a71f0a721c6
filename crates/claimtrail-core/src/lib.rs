//! claimtrail-core: the domain of claimtrail.
//!
//! Owns the domain types ([`model`], [`records`]), reading articles from files and batches ([`ingest`]), text
//! normalisation ([`text`]), rule-based claim extraction ([`extract`]) and the trained check-worthiness model
//! ([`checkworthy`]), and exports ([`export`]: ClaimReview JSON-LD with its rating scale, CSV, JSON). It knows
//! nothing of SQLite or Tauri:
//! the store and the app call into it.

pub mod checkworthy;
pub mod eval;
pub mod export;
pub mod extract;
pub mod factcheck;
pub mod ingest;
pub mod link;
pub mod model;
pub mod people;
pub mod records;
pub mod sample;
pub mod text;
pub mod topic;

pub use extract::extract_claims;
pub use model::*;
pub use records::*;
