//! Matching claims to earlier claims and to published fact-checks, without SQLite.
//!
//! - [`features`]: what a text is made of for matching (stemmed content terms, capitalised names, numbers and
//!   years, negation, direction verbs, update cues).
//! - [`similarity`]: cosine over stemmed terms, wording similarity (Sørensen–Dice on character bigrams), name
//!   overlap, claimant match.
//! - [`dense`]: sentence embeddings as stored (8-bit) and an exact nearest-neighbour index over them.
//! - [`rank`]: reciprocal rank fusion of candidate lists (BM25 and nearest embeddings) and the weighted score
//!   that orders candidates and decides which are suggested.
//! - [`classify`]: the kind of a link (`repeats`, `updates`, `contradicts`, `related`).
//! - [`rating`]: reading fact-check ratings ("Pants on Fire", "Mostly false", 1/5) as negative or not.
//!
//! The store builds the candidate lists with FTS5 and calls [`rank::score_candidate`] for each candidate, so the
//! import-time suggestions and `claimtrail match` share this code.

pub mod classify;
pub mod dense;
pub mod eval;
pub mod features;
pub mod rank;
pub mod rating;
pub mod similarity;

pub use classify::classify;
pub use features::{features, Features};
pub use rank::{rrf, score_candidate, CandidateScore, LinkWeights, Side};
pub use rating::rating_is_negative;

#[cfg(test)]
mod tests;
