//! The score queue: claims waiting for the check-worthiness encoder, and the job that works through it.
//!
//! A claim is stored with the fast linear model's score; the score the app finally shows comes from a slower
//! encoder (crate `claimtrail-encoder`, which this crate does not know: [`Store::process_score_queue`] takes any
//! scoring function). Imports, hand-added claims and edits that change a claim's text write the claim to
//! `score_pending` in the same transaction as the claim, so a crash never loses the work.
//!
//! Each batch runs in three steps so that other writers never wait for the encoder:
//! 1. reading, in a read transaction: the texts of the oldest queued claims;
//! 2. scoring, with no transaction open;
//! 3. writing, in one short `BEGIN IMMEDIATE` transaction: each claim's score and its removal from the queue.
//!    A claim another process took off the queue in between is skipped; a claim whose text changed in between
//!    stays queued (its new text is scored by the next batch), so a stale score is never written.
//!
//! A refined score writes no history row: it is derived data (the claim's text and the shipped model decide it),
//! and a replay of the log queues the claim again; see ARCHITECTURE.md.

use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};
use serde::Serialize;

use crate::error::{Result, StoreError};
use crate::Store;
use claimtrail_core::checkworthy::SCORE_DECIMALS;

/// Claims scored per call of the scorer and written per write transaction. A batch takes the encoder a few
/// hundred milliseconds on two cores; writing it takes about a millisecond.
const CLAIMS_PER_BATCH: usize = 32;

/// What a run of the score queue did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct ScoreReport {
    /// Claims this run took off the queue.
    pub claims: usize,
    /// Of those, claims whose score was written (the others were deleted meanwhile, or scored as not a number).
    pub scored: usize,
}

/// Queues every claim stored after `after_pk` (the claims an import just wrote, in the import's transaction).
pub(crate) fn enqueue_after(conn: &Connection, after_pk: i64, now: &str) -> Result<usize> {
    Ok(conn
        .prepare_cached(
            "INSERT OR IGNORE INTO score_pending (claim_pk, enqueued_at) SELECT pk, ?2 FROM claim WHERE pk > ?1",
        )?
        .execute(params![after_pk, now])?)
}

/// Queues one claim by id (a hand-added claim, or one whose text changed), in the caller's transaction.
pub(crate) fn enqueue_claim(conn: &Connection, claim_id: &str, now: &str) -> Result<()> {
    conn.prepare_cached(
        "INSERT OR IGNORE INTO score_pending (claim_pk, enqueued_at) SELECT pk, ?2 FROM claim WHERE id = ?1",
    )?
    .execute(params![claim_id, now])?;
    // Its embedding is of the old text: linking must not compare it until the encoder has run again.
    conn.prepare_cached(
        "DELETE FROM claim_embedding WHERE claim_pk = (SELECT pk FROM claim WHERE id = ?1)",
    )?
    .execute(params![claim_id])?;
    Ok(())
}

/// A claim taken off the queue; `text` is `None` when the claim is gone (it only leaves the queue).
struct Queued {
    pk: i64,
    text: Option<String>,
    /// The claim has its sentence embedding already: it is queued for a new score only (a change of model).
    /// An edit deletes the embedding of the old text ([`enqueue_claim`]), so one that is there is current.
    embedded: bool,
}

/// The oldest `limit` queued claims (with `link_pending_only`, only those that also wait for link suggestion).
fn next_queued(conn: &Connection, limit: usize, link_pending_only: bool) -> Result<Vec<Queued>> {
    let mut stmt = conn.prepare_cached(
        "SELECT p.claim_pk, c.text, EXISTS (SELECT 1 FROM claim_embedding e WHERE e.claim_pk = p.claim_pk)
         FROM score_pending p LEFT JOIN claim c ON c.pk = p.claim_pk
         WHERE NOT ?2 OR p.claim_pk IN (SELECT claim_pk FROM link_pending)
         ORDER BY p.claim_pk LIMIT ?1",
    )?;
    let rows = stmt.query_map(params![limit as i64, link_pending_only], |r| {
        Ok(Queued {
            pk: r.get(0)?,
            text: r.get(1)?,
            embedded: r.get(2)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A score as stored: clamped to 0..1 and rounded to [`SCORE_DECIMALS`]; `None` for NaN.
fn stored_score(s: f32) -> Option<f64> {
    if s.is_nan() {
        return None;
    }
    let scale = 10f64.powi(SCORE_DECIMALS);
    Some((f64::from(s).clamp(0.0, 1.0) * scale).round() / scale)
}

/// What the encoder gave one claim: its score and, when asked for, its embedding.
type Refinement<'a> = (Option<f32>, Option<&'a [f32]>);

/// Writes the scores (and embeddings) of `batch` and takes its claims off the queue, inside `tx`.
fn apply(
    tx: &Connection,
    batch: &[Queued],
    refined: &[Refinement<'_>],
    report: &mut ScoreReport,
) -> Result<()> {
    for (q, (score, embedding)) in batch.iter().zip(refined) {
        let Some(text) = &q.text else {
            report.claims += tx
                .prepare_cached("DELETE FROM score_pending WHERE claim_pk = ?1")?
                .execute(params![q.pk])?;
            continue;
        };
        // Only when the text is still the one scored: an edit in between keeps the claim queued.
        let current: Option<String> = tx
            .prepare_cached("SELECT c.text FROM score_pending p JOIN claim c ON c.pk = p.claim_pk WHERE p.claim_pk = ?1")?
            .query_row(params![q.pk], |r| r.get(0))
            .optional()?;
        match current {
            None => continue, // another process took it, or the claim is gone
            Some(now_text) if &now_text != text => continue,
            Some(_) => {}
        }
        tx.prepare_cached("DELETE FROM score_pending WHERE claim_pk = ?1")?
            .execute(params![q.pk])?;
        report.claims += 1;
        if let Some(v) = embedding {
            crate::embeddings::store_claim_embedding(tx, q.pk, v)?;
        }
        let Some(score) = score.and_then(stored_score) else {
            tracing::warn!(
                claim_pk = q.pk,
                "the scorer gave no number for a claim; its score is left as it was"
            );
            continue;
        };
        tx.prepare_cached("UPDATE claim SET checkworthiness = ?2 WHERE pk = ?1")?
            .execute(params![q.pk, score])?;
        report.scored += 1;
    }
    Ok(())
}

/// Runs `encoder` on the texts of the queued claims in `batch` that have (`embedded`) or lack their embedding,
/// asking for embeddings for the latter only, and checks what it gave: a score per text, and an embedding per
/// text or none (always none for `embedded`).
fn encode_part<E>(
    batch: &[Queued],
    embedded: bool,
    encoder: &mut impl FnMut(&[&str], bool) -> std::result::Result<(Vec<f32>, Vec<Vec<f32>>), E>,
) -> Result<(Vec<f32>, Vec<Vec<f32>>)>
where
    E: Into<Box<dyn std::error::Error + Send + Sync>>,
{
    let texts: Vec<&str> = batch
        .iter()
        .filter(|q| q.embedded == embedded)
        .filter_map(|q| q.text.as_deref())
        .collect();
    if texts.is_empty() {
        return Ok((Vec::new(), Vec::new()));
    }
    let (scores, mut vectors) =
        encoder(&texts, !embedded).map_err(|e| StoreError::Scoring(e.into()))?;
    if embedded {
        vectors.clear();
    }
    if scores.len() != texts.len() || !(vectors.is_empty() || vectors.len() == texts.len()) {
        return Err(StoreError::Scoring(
            format!(
                "the scorer gave {} scores and {} embeddings for {} texts",
                scores.len(),
                vectors.len(),
                texts.len()
            )
            .into(),
        ));
    }
    Ok((scores, vectors))
}

impl Store {
    /// Queues every claim that has no sentence embedding for the encoder (claims stored by
    /// [`Store::import_prepared`], which queues nothing). Returns how many joined the queue.
    pub fn queue_claims_without_embedding(&mut self) -> Result<usize> {
        let now = crate::time::fmt(crate::time::now());
        Ok(self
            .conn
            .prepare_cached(
                "INSERT OR IGNORE INTO score_pending (claim_pk, enqueued_at)
                 SELECT pk, ?1 FROM claim c
                 WHERE NOT EXISTS (SELECT 1 FROM claim_embedding e WHERE e.claim_pk = c.pk)",
            )?
            .execute(params![now])?)
    }

    /// Claims waiting in the score queue.
    pub fn pending_scores(&self) -> Result<usize> {
        let n: i64 = self
            .conn
            .query_row("SELECT count(*) FROM score_pending", [], |r| r.get(0))?;
        Ok(usize::try_from(n).unwrap_or(0))
    }

    /// Takes up to `max_claims` claims off the score queue, oldest first, and stores the check-worthiness that
    /// `scorer` gives their texts (one score in 0..1 per text, in order; it is called with at most 32 texts).
    /// Scoring runs with no transaction open; each batch is written in one short transaction together with its
    /// removal from the queue, so an interrupted run loses nothing. When `scorer` fails, its batch stays queued
    /// and the error is returned as [`StoreError::Scoring`]. Returns what was done; `claims` counts the claims
    /// this call took off the queue.
    pub fn process_score_queue<E>(
        &mut self,
        max_claims: usize,
        mut scorer: impl FnMut(&[&str]) -> std::result::Result<Vec<f32>, E>,
    ) -> Result<ScoreReport>
    where
        E: Into<Box<dyn std::error::Error + Send + Sync>>,
    {
        self.refine_claims(max_claims, false, |texts: &[&str], _embed: bool| {
            scorer(texts).map(|scores| (scores, Vec::new()))
        })
    }

    /// [`Store::process_score_queue`] with the claims' sentence embeddings too: `encoder(texts, embed)` gives a
    /// score per text and, when `embed` is set, an embedding per text (or no embeddings at all); both are stored
    /// in the same transaction. `embed` is unset for claims that have their embedding already (queued again
    /// for a new model's score), so they are only scored. With `link_pending_only`, only claims that also wait
    /// for link suggestion are taken (so that linking can compare their embeddings; the app's worker runs this
    /// before each link step).
    pub fn refine_claims<E>(
        &mut self,
        max_claims: usize,
        link_pending_only: bool,
        mut encoder: impl FnMut(&[&str], bool) -> std::result::Result<(Vec<f32>, Vec<Vec<f32>>), E>,
    ) -> Result<ScoreReport>
    where
        E: Into<Box<dyn std::error::Error + Send + Sync>>,
    {
        let mut report = ScoreReport::default();
        let mut attempts = 0usize;
        while report.claims < max_claims {
            let want = (max_claims - report.claims).min(CLAIMS_PER_BATCH);
            let batch = {
                let read = self
                    .conn
                    .transaction_with_behavior(TransactionBehavior::Deferred)?;
                let batch = next_queued(&read, want, link_pending_only)?;
                read.commit()?;
                batch
            };
            if batch.is_empty() {
                break;
            }
            let started = std::time::Instant::now();
            let (new_scores, new_vectors) = encode_part(&batch, false, &mut encoder)?;
            let (scores_only, _) = encode_part(&batch, true, &mut encoder)?;
            let score_ms = started.elapsed().as_secs_f64() * 1e3;
            let (mut new_scores, mut new_vectors) = (new_scores.into_iter(), new_vectors.iter());
            let mut scores_only = scores_only.into_iter();
            let refined: Vec<Refinement<'_>> = batch
                .iter()
                .map(|q| match (&q.text, q.embedded) {
                    (None, _) => (None, None),
                    (Some(_), true) => (scores_only.next(), None),
                    (Some(_), false) => (new_scores.next(), new_vectors.next().map(Vec::as_slice)),
                })
                .collect();
            let before = report.claims;
            let started = std::time::Instant::now();
            let tx = self.conn.transaction()?;
            apply(&tx, &batch, &refined, &mut report)?;
            tx.commit()?;
            tracing::debug!(
                claims = batch.len(),
                score_ms,
                write_ms = started.elapsed().as_secs_f64() * 1e3,
                "score batch written"
            );
            // Another drain took this batch in between (or its texts all changed): never spin.
            if report.claims == before {
                attempts += 1;
                if attempts > 3 {
                    break;
                }
            }
        }
        tracing::debug!(
            claims = report.claims,
            scored = report.scored,
            "score queue processed"
        );
        Ok(report)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_scores_are_clamped_and_rounded() {
        assert_eq!(stored_score(0.123_456), Some(0.1235));
        assert_eq!(stored_score(1.5), Some(1.0));
        assert_eq!(stored_score(-0.1), Some(0.0));
        assert_eq!(stored_score(f32::INFINITY), Some(1.0));
        assert_eq!(stored_score(f32::NAN), None);
    }
}
