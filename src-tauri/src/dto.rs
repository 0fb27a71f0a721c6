//! Payloads that cross IPC and are not domain records. Each derives `ts_rs::TS`; the TypeScript lives in
//! `ui/src/lib/bindings/` and `tests/bindings.rs` fails when it is stale.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use claimtrail_core::{
    Article, ArticleId, ArticleSummary, Claim, ClaimId, ClaimKind, ClaimStatus, Evidence,
    HistoryEntry, Review,
};
use claimtrail_store::queue::{QueueItem, QueuePage};
use claimtrail_store::{ImportProgress, ImportReport};

use crate::settings::Settings;

/// What the window shows in its header and first-run screen.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct AppInfo {
    pub version: String,
    /// The open database, or `None` when it could not be opened.
    pub db_path: Option<String>,
    /// Why the database could not be opened.
    pub db_error: Option<String>,
    pub articles: u32,
    pub claims: u32,
    pub settings: Settings,
    /// The app's log file (named in error dialogs), when it could be opened.
    pub log_file: Option<String>,
}

/// A library row: the article and its claim counts by status.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct LibraryArticle {
    pub summary: ArticleSummary,
    /// Claims not dismissed, per status (statuses with none are absent).
    pub by_status: BTreeMap<ClaimStatus, u32>,
}

/// The Library's first screen of rows, handed to the page before it runs (`window.__CLAIMTRAIL_FIRST_SCREEN__`,
/// see `lib.rs`), so the first screen needs no call. When `rows` holds fewer than `limit`, it is the whole list.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct FirstScreen {
    pub limit: u32,
    pub rows: Vec<LibraryArticle>,
}

/// An article with all its claims (dismissed ones included, flagged).
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct ArticleView {
    pub article: Article,
    pub claims: Vec<Claim>,
}

/// Where a claim comes from, for the claim panel.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct ArticleRef {
    pub id: ArticleId,
    pub title: String,
    pub outlet: Option<String>,
    pub date: Option<NaiveDate>,
}

/// Everything the claim panel shows.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct ClaimDetail {
    pub claim: Claim,
    pub article: ArticleRef,
    /// Verdicts, oldest first.
    pub reviews: Vec<Review>,
    pub evidence: Vec<Evidence>,
    /// Change-log rows about the claim, oldest first.
    pub history: Vec<HistoryEntry>,
}

/// One stored, duplicate or failed item of an import.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct ImportItem {
    pub label: String,
    /// `imported`, `duplicate` or `failed`.
    pub outcome: String,
    pub article_id: Option<ArticleId>,
    pub claims: u32,
    pub error: Option<String>,
}

/// What an import did, item by item.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct ImportSummary {
    pub imported: u32,
    pub duplicates: u32,
    pub failed: u32,
    pub items: Vec<ImportItem>,
}

impl From<ImportReport> for ImportSummary {
    fn from(r: ImportReport) -> Self {
        let mut items = Vec::with_capacity(r.len());
        for i in &r.imported {
            items.push(ImportItem {
                label: i.path.clone(),
                outcome: "imported".into(),
                article_id: Some(i.article_id),
                claims: u32::try_from(i.claims).unwrap_or(u32::MAX),
                error: None,
            });
        }
        for d in &r.duplicates {
            items.push(ImportItem {
                label: d.path.clone(),
                outcome: "duplicate".into(),
                article_id: Some(d.article_id),
                claims: 0,
                error: None,
            });
        }
        for f in &r.failed {
            items.push(ImportItem {
                label: f.path.clone(),
                outcome: "failed".into(),
                article_id: None,
                claims: 0,
                error: Some(f.error.clone()),
            });
        }
        let n = |v: usize| u32::try_from(v).unwrap_or(u32::MAX);
        Self {
            imported: n(r.imported.len()),
            duplicates: n(r.duplicates.len()),
            failed: n(r.failed.len()),
            items,
        }
    }
}

/// Payload of the `import-progress` event.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct ImportProgressEvent {
    pub done_files: u32,
    pub total_files: u32,
    pub items: u32,
    pub label: String,
}

impl From<&ImportProgress> for ImportProgressEvent {
    fn from(p: &ImportProgress) -> Self {
        let n = |v: usize| u32::try_from(v).unwrap_or(u32::MAX);
        Self {
            done_files: n(p.done_files),
            total_files: n(p.total_files),
            items: n(p.items),
            label: p.label.clone(),
        }
    }
}

/// Payload of the `links://progress`, `scores://progress` and `factchecks://progress` events: the background
/// worker has taken `done` of `total` claims queued for link suggestion or for the check-worthiness encoder, or
/// of fact-checks waiting for their embedding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct JobProgressEvent {
    pub done: u32,
    pub total: u32,
    /// Set while the link job first builds the nearest-neighbour index of this many claim embeddings (once per
    /// library from 50,000 claims; some minutes), so that the wait is explained.
    pub building_index: Option<u32>,
}

/// Payload of the `links://done` event: the link queue is empty again, and what its run added.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct LinksDoneEvent {
    /// Claims taken off the queue.
    pub claims: u32,
    pub claim_links: u32,
    pub fact_check_links: u32,
    pub alerts: u32,
}

/// Payload of the `scores://done` event: the score queue is empty again (or paused for new links), and what
/// its run did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ScoresDoneEvent {
    /// Claims taken off the queue.
    pub claims: u32,
    /// Claims whose check-worthiness the encoder wrote.
    pub scored: u32,
}

/// Payload of the `factchecks://done` event: every stored fact-check has its sentence embedding again (or the
/// run paused for new links).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FactChecksDoneEvent {
    /// Fact-checks embedded by this run.
    pub embedded: u32,
    /// Links to claims (and alerts on them) suggested by matching those fact-checks by meaning.
    pub links: u32,
}

/// Filters of the review queue (empty fields do not filter).
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(default)]
pub struct QueueQuery {
    /// `None` means unreviewed.
    pub status: Option<ClaimStatus>,
    /// Show every status (ignores `status`).
    pub any_status: bool,
    pub outlet: Option<String>,
    pub claimant: Option<String>,
    pub date_from: Option<NaiveDate>,
    pub date_to: Option<NaiveDate>,
    pub limit: u32,
    pub offset: u32,
}

/// One queue entry: the claim, its article and the paragraph around it.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct QueueEntry {
    pub claim: Claim,
    pub article_title: String,
    pub outlet: Option<String>,
    pub date: Option<NaiveDate>,
    pub paragraph: String,
    /// Char offset of `paragraph` in the article text (claim offsets minus this index into it).
    pub paragraph_start: u32,
}

impl From<QueueItem> for QueueEntry {
    fn from(q: QueueItem) -> Self {
        Self {
            claim: q.claim,
            article_title: q.article_title,
            outlet: q.outlet,
            date: q.date,
            paragraph: q.paragraph,
            paragraph_start: u32::try_from(q.paragraph_start).unwrap_or(u32::MAX),
        }
    }
}

/// A page of the review queue.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct QueueResult {
    pub items: Vec<QueueEntry>,
    pub total: u32,
}

impl From<QueuePage> for QueueResult {
    fn from(p: QueuePage) -> Self {
        Self {
            items: p.items.into_iter().map(Into::into).collect(),
            total: u32::try_from(p.total).unwrap_or(u32::MAX),
        }
    }
}

/// Values the queue's filters offer.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct QueueFacets {
    pub outlets: Vec<String>,
    pub claimants: Vec<String>,
}

/// A claim to add by hand from the reader's selection.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct NewClaimInput {
    pub article_id: ArticleId,
    pub start: u32,
    pub end: u32,
    pub kind: ClaimKind,
    pub claimant: Option<String>,
}

/// Changes to a claim; absent fields stay as they are, an empty claimant/speaker clears it.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(default)]
pub struct ClaimEditInput {
    pub text: Option<String>,
    pub start: Option<u32>,
    pub end: Option<u32>,
    pub claimant: Option<String>,
    pub speaker: Option<String>,
    pub kind: Option<ClaimKind>,
}

/// A verdict from the review queue or the claim panel.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct VerdictInput {
    pub claim_id: ClaimId,
    pub status: ClaimStatus,
    pub note: Option<String>,
}
