//! Stored records as the store returns them and the CLI and app show them.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::model::{ClaimKind, ClaimStatus, EntityKind, LinkKind, LinkState, SourceFormat};

macro_rules! id_type {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, ts_rs::TS)]
        #[serde(transparent)]
        pub struct $name(pub Uuid);

        impl $name {
            /// A fresh id: UUID v7, time-ordered, so new rows append to the end of their indexes.
            pub fn new() -> Self {
                Self(Uuid::now_v7())
            }
        }

        impl Default for $name {
            fn default() -> Self {
                Self::new()
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }

        impl FromStr for $name {
            type Err = uuid::Error;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Uuid::parse_str(s.trim()).map(Self)
            }
        }
    };
}

id_type!(
    /// Identifies an article.
    ArticleId
);
id_type!(
    /// Identifies a claim.
    ClaimId
);

/// An article as listed in the library (no text).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct ArticleSummary {
    pub id: ArticleId,
    pub title: String,
    pub outlet: Option<String>,
    pub date: Option<NaiveDate>,
    pub url: Option<String>,
    pub imported_at: DateTime<Utc>,
    /// Claims not dismissed.
    pub claims: u32,
    /// Claims with a verdict (verified, disputed, false, misleading, unverifiable).
    pub reviewed: u32,
}

/// A stored article with its text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct Article {
    pub id: ArticleId,
    pub title: String,
    pub outlet: Option<String>,
    pub url: Option<String>,
    pub authors: Vec<String>,
    pub date: Option<NaiveDate>,
    pub imported_at: DateTime<Utc>,
    pub language: Option<String>,
    pub source_format: SourceFormat,
    pub source_path: Option<String>,
    pub content_hash: String,
    /// Normalised text; claim offsets are char offsets into it.
    pub text: String,
}

/// An entity a stored claim mentions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct ClaimEntity {
    pub name: String,
    pub kind: EntityKind,
    pub mention: String,
}

/// A stored claim.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct Claim {
    pub id: ClaimId,
    pub article_id: ArticleId,
    pub text: String,
    pub start: usize,
    pub end: usize,
    pub claimant: Option<String>,
    pub speaker: Option<String>,
    pub kind: ClaimKind,
    pub checkworthiness: f64,
    pub status: ClaimStatus,
    pub dismissed: bool,
    pub manual: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub entities: Vec<ClaimEntity>,
}

/// One status change of a claim.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct Review {
    pub id: Uuid,
    pub claim_id: ClaimId,
    pub status: ClaimStatus,
    pub prev_status: ClaimStatus,
    pub note: Option<String>,
    pub reviewer: Option<String>,
    pub created_at: DateTime<Utc>,
}

/// A piece of evidence attached to a claim: a URL, a note, or both.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct Evidence {
    pub id: Uuid,
    pub claim_id: ClaimId,
    pub url: Option<String>,
    pub note: Option<String>,
    pub added_by: Option<String>,
    pub created_at: DateTime<Utc>,
}

/// A link between two claims.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct ClaimLink {
    pub id: Uuid,
    pub source_claim_id: ClaimId,
    pub target_claim_id: ClaimId,
    pub kind: LinkKind,
    pub score: f64,
    pub state: LinkState,
}

/// What a full-text search hit is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum HitKind {
    Article,
    Claim,
}

/// One full-text search result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct SearchHit {
    pub kind: HitKind,
    /// Article id for article hits, claim id for claim hits.
    pub id: Uuid,
    pub article_id: ArticleId,
    pub article_title: String,
    /// Matching text with the matched words wrapped in `[` `]`.
    pub snippet: String,
    /// For claim hits: the claim's span in the article.
    pub start: Option<usize>,
    pub end: Option<usize>,
    pub speaker: Option<String>,
    pub status: Option<ClaimStatus>,
    /// BM25 rank (lower is better).
    pub rank: f64,
}

/// One row of the append-only change log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct HistoryEntry {
    pub seq: i64,
    pub entity: String,
    pub entity_id: String,
    pub op: String,
    pub data: serde_json::Value,
    pub actor: Option<String>,
    pub installation_id: String,
    pub at: DateTime<Utc>,
}
