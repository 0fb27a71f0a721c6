//! Published fact-checks: import (one transaction per file, merging duplicates) and reading.

use std::path::PathBuf;

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::Serialize;
use serde_json::json;
use uuid::Uuid;

use crate::error::{Result, StoreError};
use crate::history::{self, Actor, Op};
use crate::{time, Store};
use claimtrail_core::factcheck::{self, FactCheckDraft, FactCheckSource};
use claimtrail_core::ClaimStatus;

/// A stored fact-check.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FactCheck {
    pub id: Uuid,
    pub source: FactCheckSource,
    pub external_id: Option<String>,
    /// External ids of the records merged into this one.
    pub aliases: Vec<String>,
    pub claim: String,
    pub claimant: Option<String>,
    /// When the checked claim was made.
    pub date: Option<NaiveDate>,
    /// When the fact-check was published.
    pub review_date: Option<NaiveDate>,
    pub rating: Option<String>,
    /// The claimtrail verdict the rating stands for, read through the ClaimReview rating scale on import
    /// (see [`claimtrail_core::export::ClaimReviewSettings::verdict_of`]).
    pub verdict: Option<ClaimStatus>,
    pub url: Option<String>,
    pub title: Option<String>,
    pub publisher: Option<String>,
    pub imported_at: DateTime<Utc>,
}

impl FactCheck {
    /// The external id followed by the merged aliases.
    pub fn all_external_ids(&self) -> impl Iterator<Item = &str> {
        self.external_id
            .iter()
            .chain(self.aliases.iter())
            .map(String::as_str)
    }
}

/// What happened to one fact-check file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct FactCheckFileReport {
    pub path: String,
    /// New fact-checks stored.
    pub added: usize,
    /// Records merged into fact-checks already stored (same url, or same claim and date).
    pub merged: usize,
}

/// A fact-check file that was not imported (nothing of it was stored), and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct FactCheckFailure {
    pub path: String,
    pub error: String,
}

/// What a fact-check import did, file by file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct FactCheckImportReport {
    pub files: Vec<FactCheckFileReport>,
    pub failed: Vec<FactCheckFailure>,
    pub added: usize,
    pub merged: usize,
    /// Suggested links from stored claims to the new fact-checks.
    pub links: usize,
}

pub(crate) const FACT_CHECK_COLUMNS: &str =
    "fc.id, fc.source, fc.external_id, fc.aliases, fc.claim, \
    fc.claimant, fc.claim_date, fc.rating, fc.url, fc.title, fc.publisher, fc.imported_at, fc.review_date, \
    fc.verdict";

pub(crate) fn raw_fact_check(r: &Row<'_>) -> rusqlite::Result<RawFactCheck> {
    Ok(RawFactCheck {
        id: r.get(0)?,
        source: r.get(1)?,
        external_id: r.get(2)?,
        aliases: r.get(3)?,
        claim: r.get(4)?,
        claimant: r.get(5)?,
        date: r.get(6)?,
        rating: r.get(7)?,
        url: r.get(8)?,
        title: r.get(9)?,
        publisher: r.get(10)?,
        imported_at: r.get(11)?,
        review_date: r.get(12)?,
        verdict: r.get(13)?,
    })
}

pub(crate) struct RawFactCheck {
    id: String,
    source: String,
    external_id: Option<String>,
    aliases: String,
    claim: String,
    claimant: Option<String>,
    date: Option<String>,
    rating: Option<String>,
    url: Option<String>,
    title: Option<String>,
    publisher: Option<String>,
    imported_at: String,
    review_date: Option<String>,
    verdict: Option<String>,
}

impl RawFactCheck {
    pub(crate) fn into_fact_check(self) -> Result<FactCheck> {
        Ok(FactCheck {
            id: Uuid::parse_str(&self.id)
                .map_err(|e| StoreError::Corrupt(format!("fact-check id `{}`: {e}", self.id)))?,
            source: FactCheckSource::parse(&self.source),
            external_id: self.external_id,
            aliases: serde_json::from_str(&self.aliases)
                .map_err(|e| StoreError::Corrupt(format!("aliases of {}: {e}", self.id)))?,
            claim: self.claim,
            claimant: self.claimant,
            date: time::parse_date(self.date)?,
            review_date: time::parse_date(self.review_date)?,
            rating: self.rating,
            verdict: self
                .verdict
                .map(|v| {
                    v.parse::<ClaimStatus>().map_err(|e| {
                        StoreError::Corrupt(format!("verdict of fact-check {}: {e}", self.id))
                    })
                })
                .transpose()?,
            url: self.url,
            title: self.title,
            publisher: self.publisher,
            imported_at: time::parse(&self.imported_at)?,
        })
    }
}

/// Whether a draft was stored as new or merged into an existing fact-check.
pub(crate) enum Stored {
    Added(String),
    Merged,
}

/// Stores one draft inside `tx`, merging it into a stored fact-check with the same url or the same claim and
/// date. A merge fills fields the stored one lacks, takes a newer rating (and its verdict), and keeps the
/// draft's external id as an alias. `verdict` is what the draft's rating stands for.
pub(crate) fn store_draft(
    tx: &Connection,
    actor: &Actor,
    d: &FactCheckDraft,
    verdict: Option<ClaimStatus>,
) -> Result<Stored> {
    let key = d.merge_key();
    let existing: Option<(String, Option<String>, String)> = match &d.url {
        Some(url) => tx
            .prepare_cached("SELECT id, external_id, aliases FROM fact_check WHERE url = ?1")?
            .query_row(params![url], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .optional()?,
        None => None,
    };
    let existing = match existing {
        Some(e) => Some(e),
        None => tx
            .prepare_cached(
                "SELECT id, external_id, aliases FROM fact_check WHERE merge_key = ?1 ORDER BY pk LIMIT 1",
            )?
            .query_row(params![key], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .optional()?,
    };
    let now = time::fmt(time::now());
    let date = d.date.map(|x| x.to_string());
    let review_date = d.review_date.map(|x| x.to_string());
    let verdict = verdict.map(ClaimStatus::as_str);
    if let Some((id, external_id, aliases)) = existing {
        let mut aliases: Vec<String> = serde_json::from_str(&aliases)
            .map_err(|e| StoreError::Corrupt(format!("aliases of {id}: {e}")))?;
        if let Some(ext) = &d.external_id {
            if external_id.as_deref() != Some(ext) && !aliases.contains(ext) {
                aliases.push(ext.clone());
            }
        }
        let aliases_json =
            serde_json::to_string(&aliases).map_err(|e| StoreError::Invalid(e.to_string()))?;
        tx.prepare_cached(
            "UPDATE fact_check SET
                external_id = coalesce(external_id, ?2), aliases = ?3,
                claimant = coalesce(claimant, ?4), claim_date = coalesce(claim_date, ?5),
                rating = coalesce(?6, rating), url = coalesce(url, ?7), title = coalesce(title, ?8),
                publisher = coalesce(publisher, ?9), updated_at = ?10,
                review_date = coalesce(review_date, ?11),
                verdict = CASE WHEN ?6 IS NULL THEN coalesce(verdict, ?12) ELSE ?12 END
             WHERE id = ?1",
        )?
        .execute(params![
            id,
            d.external_id,
            aliases_json,
            d.claimant,
            date,
            d.rating,
            d.url,
            d.title,
            d.publisher,
            now,
            review_date,
            verdict
        ])?;
        history::record(
            tx,
            actor,
            "fact_check",
            &id,
            Op::Update,
            &json!({"merged": d, "aliases": aliases, "verdict": verdict, "updated_at": now}),
        )?;
        return Ok(Stored::Merged);
    }
    let id = Uuid::now_v7().to_string();
    tx.prepare_cached(
        "INSERT INTO fact_check (id, source, external_id, claim, claimant, claim_date, rating, url, title,
                                 publisher, merge_key, imported_at, updated_at, review_date, verdict)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12, ?13, ?14)",
    )?
    .execute(params![
        id,
        d.source.as_str(),
        d.external_id,
        d.claim,
        d.claimant,
        date,
        d.rating,
        d.url,
        d.title,
        d.publisher,
        key,
        now,
        review_date,
        verdict
    ])?;
    history::record(
        tx,
        actor,
        "fact_check",
        &id,
        Op::Insert,
        &json!({
            "source": d.source, "external_id": d.external_id, "claim": d.claim, "claimant": d.claimant,
            "claim_date": date, "review_date": review_date, "rating": d.rating, "verdict": verdict, "url": d.url, "title": d.title, "publisher": d.publisher,
            "merge_key": key, "imported_at": now,
        }),
    )?;
    Ok(Stored::Added(id))
}

impl Store {
    /// Imports fact-check files and folders (ClaimReview JSON-LD, claim-matching TSV). Each file lands whole in
    /// one transaction or not at all; a malformed file is reported in `failed` and the others still land.
    /// New fact-checks are then matched against stored claims (a separate transaction; a failure there is
    /// logged and loses nothing).
    pub fn import_fact_checks(&mut self, paths: &[PathBuf]) -> FactCheckImportReport {
        let mut report = FactCheckImportReport::default();
        let mut new_ids = Vec::new();
        for path in factcheck::collect_files(paths) {
            let label = path.display().to_string();
            let result = factcheck::load_file(&path)
                .map_err(|e| e.to_string())
                .and_then(|drafts| self.store_fact_checks(&drafts).map_err(|e| e.to_string()));
            match result {
                Ok((added, merged)) => {
                    report.added += added.len();
                    report.merged += merged;
                    report.files.push(FactCheckFileReport {
                        path: label,
                        added: added.len(),
                        merged,
                    });
                    new_ids.extend(added);
                }
                Err(error) => {
                    tracing::warn!(path = %label, %error, "fact-check file not imported");
                    report.failed.push(FactCheckFailure { path: label, error });
                }
            }
        }
        match self.link_new_fact_checks(&new_ids) {
            Ok(n) => report.links = n,
            Err(e) => tracing::warn!(error = %e, "matching new fact-checks to claims failed"),
        }
        report
    }

    /// Stores drafts in one transaction; returns the ids of the new fact-checks and the number merged. Each
    /// rating is read into a verdict through the stored ClaimReview rating scale.
    pub fn store_fact_checks(&mut self, drafts: &[FactCheckDraft]) -> Result<(Vec<String>, usize)> {
        let tx = self.conn.transaction()?;
        let scale = crate::export::claimreview_settings(&tx)?;
        let mut added = Vec::new();
        let mut merged = 0usize;
        for d in drafts {
            match store_draft(&tx, &self.actor, d, scale.verdict_of(d))? {
                Stored::Added(id) => added.push(id),
                Stored::Merged => merged += 1,
            }
        }
        tx.commit()?;
        Ok((added, merged))
    }

    /// Number of stored fact-checks.
    pub fn count_fact_checks(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("SELECT count(*) FROM fact_check", [], |r| r.get(0))?)
    }

    /// One fact-check by id.
    pub fn get_fact_check(&self, id: Uuid) -> Result<FactCheck> {
        get_fact_check(&self.conn, &id.to_string())
    }

    /// Stored fact-checks in the order they were first imported (at most `limit` when given).
    pub fn list_fact_checks(&self, limit: Option<usize>) -> Result<Vec<FactCheck>> {
        let limit = limit.map_or(-1, |n| i64::try_from(n).unwrap_or(i64::MAX));
        let raws: Vec<RawFactCheck> = self
            .conn
            .prepare_cached(&format!(
                "SELECT {FACT_CHECK_COLUMNS} FROM fact_check fc ORDER BY fc.pk LIMIT ?1"
            ))?
            .query_map(params![limit], raw_fact_check)?
            .collect::<rusqlite::Result<_>>()?;
        raws.into_iter()
            .map(RawFactCheck::into_fact_check)
            .collect()
    }
}

pub(crate) fn get_fact_check(conn: &Connection, id: &str) -> Result<FactCheck> {
    conn.prepare_cached(&format!(
        "SELECT {FACT_CHECK_COLUMNS} FROM fact_check fc WHERE fc.id = ?1"
    ))?
    .query_row(params![id], raw_fact_check)
    .optional()?
    .ok_or_else(|| StoreError::NotFound {
        what: "fact-check",
        id: id.to_string(),
    })?
    .into_fact_check()
}
