//! Tauri commands, one module per domain. Each is `async`, short, and hands store work to the blocking pool.

pub mod articles;
pub mod backup;
pub mod claims;
pub mod export;
pub mod links;
pub mod people;
pub mod review;
pub mod search;
pub mod settings;
pub mod topics;

use claimtrail_core::{ArticleId, ClaimId};

use crate::error::{AppError, AppResult};

pub(crate) fn parse_claim_id(s: &str) -> AppResult<ClaimId> {
    s.parse()
        .map_err(|_| AppError::invalid(format!("`{s}` is not a claim id")))
}

pub(crate) fn parse_article_id(s: &str) -> AppResult<ArticleId> {
    s.parse()
        .map_err(|_| AppError::invalid(format!("`{s}` is not an article id")))
}

pub(crate) fn parse_uuid(s: &str) -> AppResult<uuid::Uuid> {
    uuid::Uuid::parse_str(s.trim()).map_err(|_| AppError::invalid(format!("`{s}` is not an id")))
}
