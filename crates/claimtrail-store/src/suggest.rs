//! The link queue: claims waiting for link suggestion, and the job that works through it.
//!
//! An import writes its new claims to `link_pending` in the same transaction as the claims (so a crash never
//! loses the work) and returns at once; the CLI after an import, `claimtrail links run` and the app's
//! background worker call [`Store::process_link_queue`], which takes claims in queue order (claim key order,
//! that is import order) and compares each with the stored claims and published fact-checks.
//!
//! Each batch runs in two steps so that other writers (the app, another CLI) never wait for the matching:
//! 1. ranking, in a read transaction (no write lock): the claims of the batch and their candidates;
//! 2. writing, in one short `BEGIN IMMEDIATE` transaction: each claim's links, alerts and history rows, and the
//!    removal of the claim from the queue. A claim another process took off the queue in between is skipped,
//!    and a candidate deleted in between is left out, so two drains at once never store a link twice.
//!
//! Direction does not depend on the order claims are processed in: the earlier-dated claim of a pair is always
//! the source (see [`crate::links`]). A claim is compared with the claims stored before it (whether or not they
//! still wait in the queue), so each pair of claims is ranked once, from the later-stored one, exactly as when
//! every import linked its own claims at once.

use claimtrail_core::link::{classify, features, rating_is_negative, LinkWeights};
use claimtrail_core::LinkKind;
use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};

use crate::error::{Result, StoreError};
use crate::history::Actor;
use crate::links::{
    carries_rating, date_of, fact_check_features, insert_alert, insert_claim_link,
    insert_fact_check_link, is_negative_status, link_exists, rank_claims, rank_fact_checks,
    save_common_words, settings, LinkSettings, MatchQuery, SuggestReport, SUGGEST_CLAIMS,
    SUGGEST_FACT_CHECKS,
};
use crate::{time, Store};

/// Claims ranked per read transaction and written per write transaction. Writing a claim's links takes well
/// under a millisecond, so the write lock is held for a few milliseconds per batch.
const CLAIMS_PER_BATCH: usize = 32;

/// The largest claim key stored so far (0 when there is none).
pub(crate) fn last_claim_pk(conn: &Connection) -> Result<i64> {
    Ok(conn
        .prepare_cached("SELECT coalesce(max(pk), 0) FROM claim")?
        .query_row([], |r| r.get(0))?)
}

/// Queues every claim stored after `after_pk` (the claims an import just wrote, in the import's transaction).
pub(crate) fn enqueue_after(conn: &Connection, after_pk: i64, now: &str) -> Result<usize> {
    Ok(conn
        .prepare_cached(
            "INSERT OR IGNORE INTO link_pending (claim_pk, enqueued_at) SELECT pk, ?2 FROM claim WHERE pk > ?1",
        )?
        .execute(params![after_pk, now])?)
}

/// A claim taken off the queue. `None` fields: the claim is gone or dismissed (it only leaves the queue).
struct Queued {
    pk: i64,
    claim: Option<QueuedClaim>,
}

struct QueuedClaim {
    id: String,
    text: String,
    claimant: Option<String>,
    date: Option<chrono::NaiveDate>,
    article_id: String,
}

/// The oldest `limit` queued claims.
fn next_queued(conn: &Connection, limit: usize) -> Result<Vec<Queued>> {
    let mut stmt = conn.prepare_cached(
        "SELECT p.claim_pk, c.id, c.text, coalesce(c.speaker, c.claimant), coalesce(a.published_at, c.created_at),
                c.article_id, c.dismissed
         FROM link_pending p
         LEFT JOIN claim c ON c.pk = p.claim_pk LEFT JOIN article a ON a.id = c.article_id
         ORDER BY p.claim_pk LIMIT ?1",
    )?;
    let rows = stmt.query_map(params![limit as i64], |r| {
        let pk: i64 = r.get(0)?;
        let id: Option<String> = r.get(1)?;
        let dismissed: Option<i64> = r.get(6)?;
        let claim = match (id, dismissed) {
            (Some(id), Some(0)) => Some(QueuedClaim {
                id,
                text: r.get(2)?,
                claimant: r.get(3)?,
                date: date_of(r.get(4)?),
                article_id: r.get(5)?,
            }),
            _ => None,
        };
        Ok(Queued { pk, claim })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A claim-to-claim link to write.
struct PlannedClaimLink {
    other: String,
    source: String,
    target: String,
    kind: LinkKind,
    score: f64,
}

/// A claim-to-fact-check link to write.
struct PlannedFactCheckLink {
    fact_check_id: String,
    kind: LinkKind,
    score: f64,
    negative_rating: Option<String>,
}

/// What the ranking step found for one queued claim.
struct Plan {
    pk: i64,
    claim_id: Option<String>,
    claim_links: Vec<PlannedClaimLink>,
    fact_check_links: Vec<PlannedFactCheckLink>,
}

impl Plan {
    fn empty(pk: i64) -> Self {
        Self {
            pk,
            claim_id: None,
            claim_links: Vec::new(),
            fact_check_links: Vec::new(),
        }
    }
}

/// Ranks the stored claims and fact-checks for one queued claim (reads only).
fn plan(
    conn: &Connection,
    q: &Queued,
    settings: &LinkSettings,
    weights: &LinkWeights,
    has_fact_checks: bool,
) -> Result<Plan> {
    let Some(c) = &q.claim else {
        return Ok(Plan::empty(q.pk));
    };
    let qf = features(&c.text);
    let embedding = crate::embeddings::claim_embedding(conn, q.pk)?;
    let query = MatchQuery {
        text: &c.text,
        claimant: c.claimant.as_deref(),
        date: c.date,
        embedding: embedding.as_deref(),
    };
    let mut out = Plan {
        claim_id: Some(c.id.clone()),
        ..Plan::empty(q.pk)
    };
    let ranked = rank_claims(
        conn,
        &query,
        &qf,
        Some(&c.article_id),
        Some(q.pk),
        settings,
        weights,
    )?;
    for (other, of, score) in ranked
        .into_iter()
        .filter(|(_, _, s)| s.similarity >= settings.threshold)
        .take(SUGGEST_CLAIMS)
    {
        // The earlier one is the source; on equal or unknown dates, the claim stored first.
        let new_is_earlier = matches!((c.date, other.date), (Some(n), Some(o)) if n < o);
        let (source, target, sf, tf, sd, td) = if new_is_earlier {
            (&c.id, &other.id, &qf, &*of, c.date, other.date)
        } else {
            (&other.id, &c.id, &*of, &qf, other.date, c.date)
        };
        out.claim_links.push(PlannedClaimLink {
            kind: classify(sf, tf, sd, td),
            source: source.clone(),
            target: target.clone(),
            other: other.id,
            score: score.similarity,
        });
    }
    if has_fact_checks {
        for m in rank_fact_checks(conn, &query, settings, weights)?
            .into_iter()
            .filter(|m| m.score.similarity >= settings.threshold)
            .take(SUGGEST_FACT_CHECKS)
        {
            let fc = &m.fact_check;
            out.fact_check_links.push(PlannedFactCheckLink {
                fact_check_id: fc.id.to_string(),
                kind: classify(&fact_check_features(fc), &qf, fc.date, c.date),
                score: m.score.similarity,
                negative_rating: fc.rating.clone().filter(|r| rating_is_negative(r)),
            });
        }
    }
    Ok(out)
}

/// A claim's status now, `None` when it is gone.
fn status_of(tx: &Connection, claim_id: &str) -> Result<Option<String>> {
    Ok(tx
        .prepare_cached("SELECT status FROM claim WHERE id = ?1")?
        .query_row(params![claim_id], |r| r.get(0))
        .optional()?)
}

/// Writes the links and alerts of `plans` and takes their claims off the queue, inside `tx`.
fn apply(tx: &Connection, actor: &Actor, plans: &[Plan], report: &mut SuggestReport) -> Result<()> {
    let now = time::fmt(time::now());
    for p in plans {
        let dequeued = tx
            .prepare_cached("DELETE FROM link_pending WHERE claim_pk = ?1")?
            .execute(params![p.pk])?;
        if dequeued == 0 {
            // Another process handled it (or the claim was deleted) since it was ranked.
            continue;
        }
        report.claims += 1;
        let Some(claim_id) = &p.claim_id else {
            continue;
        };
        let Some(status) = status_of(tx, claim_id)? else {
            continue;
        };
        for l in &p.claim_links {
            let Some(other_status) = status_of(tx, &l.other)? else {
                continue;
            };
            if link_exists(tx, claim_id, &l.other)? {
                continue;
            }
            let link_id =
                insert_claim_link(tx, actor, &l.source, &l.target, l.kind, l.score, &now)?;
            report.claim_links += 1;
            if !carries_rating(l.kind) {
                continue;
            }
            // The alert goes to the repeat of the rated claim, whichever of the two is new.
            let rated = if is_negative_status(&other_status) {
                Some((claim_id.as_str(), l.other.as_str(), other_status.as_str()))
            } else if is_negative_status(&status) {
                Some((l.other.as_str(), claim_id.as_str(), status.as_str()))
            } else {
                None
            };
            if let Some((repeat, earlier, rating)) = rated {
                insert_alert(
                    tx,
                    actor,
                    repeat,
                    Some(earlier),
                    None,
                    &link_id,
                    rating,
                    &now,
                )?;
                report.alerts += 1;
            }
        }
        for l in &p.fact_check_links {
            let exists = tx
                .prepare_cached("SELECT 1 FROM fact_check WHERE id = ?1")?
                .query_row(params![l.fact_check_id], |_| Ok(()))
                .optional()?
                .is_some();
            if !exists {
                continue;
            }
            let Some(link_id) = insert_fact_check_link(
                tx,
                actor,
                claim_id,
                &l.fact_check_id,
                l.kind,
                l.score,
                &now,
            )?
            else {
                continue;
            };
            report.fact_check_links += 1;
            if let Some(rating) = l
                .negative_rating
                .as_deref()
                .filter(|_| carries_rating(l.kind))
            {
                insert_alert(
                    tx,
                    actor,
                    claim_id,
                    None,
                    Some(&l.fact_check_id),
                    &link_id,
                    rating,
                    &now,
                )?;
                report.alerts += 1;
            }
        }
    }
    Ok(())
}

/// Whether an error is about one claim's data (it then leaves the queue without links, so one bad row never
/// blocks the queue) rather than about the database (the batch stays queued and the error is returned).
fn is_data_error(e: &StoreError) -> bool {
    matches!(
        e,
        StoreError::Corrupt(_) | StoreError::Invalid(_) | StoreError::NotFound { .. }
    )
}

impl Store {
    /// Claims waiting in the link queue.
    pub fn pending_links(&self) -> Result<usize> {
        let n: i64 = self
            .conn
            .query_row("SELECT count(*) FROM link_pending", [], |r| r.get(0))?;
        Ok(usize::try_from(n).unwrap_or(0))
    }

    /// Takes up to `max_claims` claims off the link queue, oldest first, and stores their suggested links and
    /// alerts. Ranking runs without the write lock; each batch of claims is written in one short transaction
    /// together with its removal from the queue, so an interrupted run loses nothing and never links a claim
    /// twice. Returns what was added; `claims` counts the claims this call took off the queue.
    pub fn process_link_queue(&mut self, max_claims: usize) -> Result<SuggestReport> {
        let mut report = SuggestReport::default();
        if max_claims == 0 {
            return Ok(report);
        }
        let settings = settings(&self.conn)?;
        let weights = LinkWeights::default();
        let has_fact_checks = self
            .conn
            .query_row("SELECT 1 FROM fact_check LIMIT 1", [], |_| Ok(()))
            .optional()?
            .is_some();
        let mut attempts = 0usize;
        while report.claims < max_claims {
            let want = (max_claims - report.claims).min(CLAIMS_PER_BATCH);
            let plans = {
                let read = self
                    .conn
                    .transaction_with_behavior(TransactionBehavior::Deferred)?;
                let queued = next_queued(&read, want)?;
                if queued.is_empty() {
                    break;
                }
                let mut plans = Vec::with_capacity(queued.len());
                for q in &queued {
                    match plan(&read, q, &settings, &weights, has_fact_checks) {
                        Ok(p) => plans.push(p),
                        Err(e) if is_data_error(&e) => {
                            tracing::warn!(claim_pk = q.pk, error = %e, "cannot suggest links for a claim; taking it off the queue");
                            plans.push(Plan::empty(q.pk));
                        }
                        Err(e) => return Err(e),
                    }
                }
                read.commit()?;
                plans
            };
            let before = report.claims;
            let started = std::time::Instant::now();
            let tx = self.conn.transaction()?;
            apply(&tx, &self.actor, &plans, &mut report)?;
            save_common_words(&tx)?;
            tx.commit()?;
            tracing::debug!(
                claims = plans.len(),
                write_ms = started.elapsed().as_secs_f64() * 1e3,
                "link batch written"
            );
            // Another drain took this batch in between: try the next one, but never spin.
            if report.claims == before {
                attempts += 1;
                if attempts > 3 {
                    break;
                }
            }
        }
        tracing::debug!(
            claims = report.claims,
            claim_links = report.claim_links,
            fact_check_links = report.fact_check_links,
            alerts = report.alerts,
            "link queue processed"
        );
        Ok(report)
    }
}
