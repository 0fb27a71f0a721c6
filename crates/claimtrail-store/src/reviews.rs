//! Verdicts (status changes with note and reviewer) and evidence.

use rusqlite::{params, Connection, Transaction};
use serde_json::json;
use uuid::Uuid;

use crate::error::{Result, StoreError};
use crate::history::{self, Actor, Op};
use crate::{time, Store};
use claimtrail_core::{ClaimId, ClaimStatus, Evidence, Review};

/// A verdict to record on a claim.
#[derive(Debug, Clone)]
pub struct ReviewInput {
    pub status: ClaimStatus,
    pub note: Option<String>,
    /// Overrides the store's actor name for this review.
    pub reviewer: Option<String>,
    /// URLs (or free-text evidence) to attach in the same transaction.
    pub evidence: Vec<String>,
}

fn clean(s: Option<String>) -> Option<String> {
    s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
}

impl Store {
    /// Sets a claim's status, recording the review, its evidence and their history in one transaction.
    pub fn review_claim(&mut self, claim_id: ClaimId, input: ReviewInput) -> Result<Review> {
        let mut actor = self.actor.clone();
        if let Some(name) = clean(input.reviewer.clone()) {
            actor.name = Some(name);
        }
        let tx = self.conn.transaction()?;
        let prev = current_status(&tx, claim_id)?;
        let now = time::now();
        let review = Review {
            id: Uuid::now_v7(),
            claim_id,
            status: input.status,
            prev_status: prev,
            note: clean(input.note),
            reviewer: actor.name.clone(),
            created_at: now,
        };
        set_status(&tx, &actor, claim_id, input.status, &time::fmt(now))?;
        tx.prepare_cached(
            "INSERT INTO review (id, claim_id, status, prev_status, note, reviewer, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?
        .execute(params![
            review.id.to_string(),
            claim_id.to_string(),
            review.status.as_str(),
            review.prev_status.as_str(),
            review.note,
            review.reviewer,
            time::fmt(now)
        ])?;
        history::record(
            &tx,
            &actor,
            "review",
            &review.id.to_string(),
            Op::Insert,
            &review,
        )?;
        for item in input.evidence.iter().filter(|e| !e.trim().is_empty()) {
            let (url, note) = split_evidence(item);
            insert_evidence(&tx, &actor, claim_id, url, note)?;
        }
        tx.commit()?;
        Ok(review)
    }

    /// Attaches evidence (a URL, a note, or both) to a claim.
    pub fn add_evidence(
        &mut self,
        claim_id: ClaimId,
        url: Option<String>,
        note: Option<String>,
    ) -> Result<Evidence> {
        let (url, note) = (clean(url), clean(note));
        if url.is_none() && note.is_none() {
            return Err(StoreError::Invalid("evidence needs a URL or a note".into()));
        }
        let tx = self.conn.transaction()?;
        current_status(&tx, claim_id)?;
        let evidence = insert_evidence(&tx, &self.actor, claim_id, url, note)?;
        tx.commit()?;
        Ok(evidence)
    }

    /// Undoes a verdict: the claim goes back to the status it had before `review_id`, recorded as a new review
    /// (the log keeps both). Refused when a later verdict on the same claim exists.
    pub fn undo_review(&mut self, review_id: Uuid) -> Result<Review> {
        let (claim, status, prev): (String, String, String) =
            rusqlite::OptionalExtension::optional(self.conn.query_row(
                "SELECT claim_id, status, prev_status FROM review WHERE id = ?1",
                params![review_id.to_string()],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            ))?
            .ok_or_else(|| StoreError::NotFound {
                what: "review",
                id: review_id.to_string(),
            })?;
        let claim_id: ClaimId = claim
            .parse()
            .map_err(|e| StoreError::Corrupt(format!("claim id `{claim}`: {e}")))?;
        let latest = self.reviews(claim_id)?.pop();
        if latest.map(|r| r.id) != Some(review_id) {
            return Err(StoreError::Invalid(
                "a later verdict on this claim exists; undo that one first".into(),
            ));
        }
        let (status, prev) = (parse_status(&status)?, parse_status(&prev)?);
        let restored = self.review_claim(
            claim_id,
            ReviewInput {
                status: prev,
                note: Some(format!("undo: {status}")),
                reviewer: None,
                evidence: Vec::new(),
            },
        )?;
        Ok(restored)
    }

    /// Removes a piece of evidence (recorded in history).
    pub fn remove_evidence(&mut self, evidence_id: Uuid) -> Result<()> {
        let tx = self.conn.transaction()?;
        let n = tx.execute(
            "DELETE FROM evidence WHERE id = ?1",
            params![evidence_id.to_string()],
        )?;
        if n == 0 {
            return Err(StoreError::NotFound {
                what: "evidence",
                id: evidence_id.to_string(),
            });
        }
        history::record(
            &tx,
            &self.actor,
            "evidence",
            &evidence_id.to_string(),
            Op::Delete,
            &json!({}),
        )?;
        tx.commit()?;
        Ok(())
    }

    /// A claim's reviews, oldest first.
    pub fn reviews(&self, claim_id: ClaimId) -> Result<Vec<Review>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, status, prev_status, note, reviewer, created_at FROM review WHERE claim_id = ?1
             ORDER BY created_at, pk",
        )?;
        let rows = stmt.query_map(params![claim_id.to_string()], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, Option<String>>(3)?,
                r.get::<_, Option<String>>(4)?,
                r.get::<_, String>(5)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (id, status, prev, note, reviewer, at) = row?;
            out.push(Review {
                id: parse_uuid(&id)?,
                claim_id,
                status: parse_status(&status)?,
                prev_status: parse_status(&prev)?,
                note,
                reviewer,
                created_at: time::parse(&at)?,
            });
        }
        Ok(out)
    }

    /// A claim's evidence, oldest first.
    pub fn evidence(&self, claim_id: ClaimId) -> Result<Vec<Evidence>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, url, note, added_by, created_at FROM evidence WHERE claim_id = ?1 ORDER BY created_at, pk",
        )?;
        let rows = stmt.query_map(params![claim_id.to_string()], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, Option<String>>(1)?,
                r.get::<_, Option<String>>(2)?,
                r.get::<_, Option<String>>(3)?,
                r.get::<_, String>(4)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (id, url, note, added_by, at) = row?;
            out.push(Evidence {
                id: parse_uuid(&id)?,
                claim_id,
                url,
                note,
                added_by,
                created_at: time::parse(&at)?,
            });
        }
        Ok(out)
    }
}

/// Treats `http(s)://...` as a URL and anything else as a note.
fn split_evidence(item: &str) -> (Option<String>, Option<String>) {
    let item = item.trim();
    if item.starts_with("http://") || item.starts_with("https://") {
        (Some(item.to_string()), None)
    } else {
        (None, Some(item.to_string()))
    }
}

fn parse_uuid(s: &str) -> Result<Uuid> {
    Uuid::parse_str(s).map_err(|e| StoreError::Corrupt(format!("id `{s}`: {e}")))
}

pub(crate) fn parse_status(s: &str) -> Result<ClaimStatus> {
    // Stored spellings are exact: match them without the allocations of the lenient `FromStr`.
    if let Some(&status) = ClaimStatus::ALL.iter().find(|v| v.as_str() == s) {
        return Ok(status);
    }
    s.parse()
        .map_err(|e: claimtrail_core::UnknownVariant| StoreError::Corrupt(e.to_string()))
}

pub(crate) fn current_status(conn: &Connection, claim_id: ClaimId) -> Result<ClaimStatus> {
    let status: Option<String> = rusqlite::OptionalExtension::optional(
        conn.prepare_cached("SELECT status FROM claim WHERE id = ?1")?
            .query_row(params![claim_id.to_string()], |r| r.get(0)),
    )?;
    match status {
        Some(s) => parse_status(&s),
        None => Err(StoreError::NotFound {
            what: "claim",
            id: claim_id.to_string(),
        }),
    }
}

pub(crate) fn set_status(
    tx: &Transaction<'_>,
    actor: &Actor,
    claim_id: ClaimId,
    status: ClaimStatus,
    now: &str,
) -> Result<()> {
    tx.prepare_cached("UPDATE claim SET status = ?2, updated_at = ?3 WHERE id = ?1")?
        .execute(params![claim_id.to_string(), status.as_str(), now])?;
    history::record(
        tx,
        actor,
        "claim",
        &claim_id.to_string(),
        Op::Update,
        &json!({ "status": status, "updated_at": now }),
    )
}

fn insert_evidence(
    tx: &Transaction<'_>,
    actor: &Actor,
    claim_id: ClaimId,
    url: Option<String>,
    note: Option<String>,
) -> Result<Evidence> {
    let evidence = Evidence {
        id: Uuid::now_v7(),
        claim_id,
        url,
        note,
        added_by: actor.name.clone(),
        created_at: time::now(),
    };
    tx.prepare_cached(
        "INSERT INTO evidence (id, claim_id, url, note, added_by, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        evidence.id.to_string(),
        claim_id.to_string(),
        evidence.url,
        evidence.note,
        evidence.added_by,
        time::fmt(evidence.created_at)
    ])?;
    history::record(
        tx,
        actor,
        "evidence",
        &evidence.id.to_string(),
        Op::Insert,
        &evidence,
    )?;
    Ok(evidence)
}
