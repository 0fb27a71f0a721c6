//! Links between claims, and from claims to published fact-checks: candidate generation and ranking (in
//! `candidates`, shared with `claimtrail match`), suggestions after import, confirm/reject, storylines and
//! verdict propagation.
//!
//! Direction: in `claim_link`, `source_claim_id` is the earlier claim and `target_claim_id` the later one that
//! repeats, updates, contradicts or relates to it. A claim's date is its article's publication date, else the
//! day it was stored. A later claim is never the source.
//!
//! Candidate stage: each candidate list (BM25 per table, and the nearest sentence embeddings when the query
//! has one) is fused with reciprocal rank fusion ([`claimtrail_core::link::rrf`]) before scoring.

use std::collections::{HashSet, VecDeque};

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use serde_json::json;
use uuid::Uuid;

use crate::error::{Result, StoreError};
use crate::factchecks::{get_fact_check, FactCheck};
use crate::history::{self, Actor, Op};
use crate::{embeddings, time, Store};
use claimtrail_core::link::{
    classify, rank::can_be_source, rating_is_negative, CandidateScore, LinkWeights,
};
use claimtrail_core::{ArticleId, ClaimId, ClaimStatus, LinkKind, LinkState};

mod candidates;
pub(crate) use candidates::*;

/// Suggestions kept per new claim, among claims and among fact-checks.
pub(crate) const SUGGEST_CLAIMS: usize = 5;
pub(crate) const SUGGEST_FACT_CHECKS: usize = 3;
/// Default suggestion threshold on the link score (0..1).
pub const DEFAULT_THRESHOLD: f64 = 0.5;

/// Settings of link suggestion, kept in the database.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, serde::Deserialize, ts_rs::TS)]
pub struct LinkSettings {
    /// Links scoring below this (0..1) are not suggested.
    pub threshold: f64,
    /// Only match claims at most this many days apart.
    pub window_days: Option<u32>,
}

impl Default for LinkSettings {
    fn default() -> Self {
        Self {
            threshold: DEFAULT_THRESHOLD,
            window_days: None,
        }
    }
}

/// What the other end of a link is.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Linked {
    Claim {
        id: ClaimId,
        text: String,
        claimant: Option<String>,
        date: Option<NaiveDate>,
        status: ClaimStatus,
        article_id: ArticleId,
        article_title: String,
    },
    FactCheck {
        id: Uuid,
        text: String,
        claimant: Option<String>,
        date: Option<NaiveDate>,
        rating: Option<String>,
        url: Option<String>,
        title: Option<String>,
        publisher: Option<String>,
    },
}

/// One link of a claim as the claim panel shows it.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct LinkView {
    pub id: Uuid,
    pub kind: LinkKind,
    pub score: f64,
    pub state: LinkState,
    /// `source` when the other end is the earlier claim (or a fact-check), `target` when it is the later one.
    #[ts(type = "string")]
    pub other_role: &'static str,
    pub other: Linked,
}

/// One appearance of a claim in a storyline.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct Appearance {
    pub claim_id: ClaimId,
    pub text: String,
    pub claimant: Option<String>,
    pub date: Option<NaiveDate>,
    pub status: ClaimStatus,
    pub article_id: ArticleId,
    pub article_title: String,
    pub outlet: Option<String>,
}

/// The claims joined by confirmed `repeats` links, first appearance first.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct Storyline {
    /// The first appearance's claim id (the storyline's id).
    pub id: ClaimId,
    pub appearances: Vec<Appearance>,
}

/// A verdict carried over from a repeat or a matched fact-check.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct PropagatedVerdict {
    /// `claim` or `fact_check`.
    #[ts(type = "string")]
    pub from: &'static str,
    pub id: Uuid,
    /// The claim status ("false") or the fact-check's rating ("Pants on Fire!").
    pub rating: String,
    pub rated_on: Option<NaiveDate>,
    pub text: String,
    pub url: Option<String>,
    pub reviewer: Option<String>,
    /// "rated false on 2017-07-08" (claims) or "rated Pants on Fire! by PolitiFact on 2019-10-22, see URL".
    pub summary: String,
}

/// A claim's links, storyline and carried-over verdicts.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct ClaimLinks {
    pub claim_id: ClaimId,
    pub links: Vec<LinkView>,
    pub storyline: Storyline,
    pub verdicts: Vec<PropagatedVerdict>,
}

/// What a suggestion run added.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct SuggestReport {
    /// Claims taken off the link queue (each compared with the stored claims and fact-checks).
    pub claims: usize,
    pub claim_links: usize,
    pub fact_check_links: usize,
    pub alerts: usize,
}

/// A fact-check ranked for a query.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FactCheckMatch {
    pub fact_check: FactCheck,
    pub score: CandidateScore,
}

/// The text a query or a stored claim is matched with.
#[derive(Debug, Clone)]
pub struct MatchQuery<'a> {
    pub text: &'a str,
    pub claimant: Option<&'a str>,
    pub date: Option<NaiveDate>,
    /// The text's sentence embedding, when it has one: fact-checks are then also found by theirs.
    pub embedding: Option<&'a [f32]>,
}

/// Reads the link settings from `meta`.
pub(crate) fn settings(conn: &Connection) -> Result<LinkSettings> {
    let get = |key: &str| -> Result<Option<String>> {
        Ok(conn
            .prepare_cached("SELECT value FROM meta WHERE key = ?1")?
            .query_row(params![key], |r| r.get(0))
            .optional()?)
    };
    let mut s = LinkSettings::default();
    if let Some(v) = get("link.threshold")? {
        s.threshold = v
            .parse()
            .map_err(|e| StoreError::Corrupt(format!("link.threshold `{v}`: {e}")))?;
    }
    if let Some(v) = get("link.window_days")? {
        s.window_days = Some(
            v.parse()
                .map_err(|e| StoreError::Corrupt(format!("link.window_days `{v}`: {e}")))?,
        );
    }
    Ok(s)
}

pub(crate) fn is_negative_status(status: &str) -> bool {
    matches!(status, "false" | "misleading" | "disputed")
}

/// Whether a link of this kind carries the earlier claim's rating to the new one (for alerts).
pub(crate) fn carries_rating(kind: LinkKind) -> bool {
    matches!(kind, LinkKind::Repeats | LinkKind::Updates)
}

pub(crate) fn link_exists(tx: &Connection, a: &str, b: &str) -> Result<bool> {
    Ok(tx
        .prepare_cached(
            "SELECT 1 FROM claim_link WHERE (source_claim_id = ?1 AND target_claim_id = ?2)
                OR (source_claim_id = ?2 AND target_claim_id = ?1)",
        )?
        .query_row(params![a, b], |_| Ok(()))
        .optional()?
        .is_some())
}

/// Inserts a suggested claim link (and its history row); returns its id.
pub(crate) fn insert_claim_link(
    tx: &Connection,
    actor: &Actor,
    source: &str,
    target: &str,
    kind: LinkKind,
    score: f64,
    now: &str,
) -> Result<String> {
    let id = Uuid::now_v7().to_string();
    tx.prepare_cached(
        "INSERT INTO claim_link (id, source_claim_id, target_claim_id, kind, score, state, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, 'suggested', ?6, ?6)",
    )?
    .execute(params![id, source, target, kind.as_str(), score, now])?;
    history::record(
        tx,
        actor,
        "claim_link",
        &id,
        Op::Insert,
        &json!({"source_claim_id": source, "target_claim_id": target, "kind": kind, "score": score,
                "state": "suggested", "created_at": now}),
    )?;
    Ok(id)
}

/// Inserts a suggested fact-check link unless the pair is linked already; returns its id when inserted.
pub(crate) fn insert_fact_check_link(
    tx: &Connection,
    actor: &Actor,
    claim_id: &str,
    fact_check_id: &str,
    kind: LinkKind,
    score: f64,
    now: &str,
) -> Result<Option<String>> {
    let id = Uuid::now_v7().to_string();
    let n = tx
        .prepare_cached(
            "INSERT OR IGNORE INTO fact_check_link (id, claim_id, fact_check_id, kind, score, state, created_at,
                                                    updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, 'suggested', ?6, ?6)",
        )?
        .execute(params![id, claim_id, fact_check_id, kind.as_str(), score, now])?;
    if n == 0 {
        return Ok(None);
    }
    history::record(
        tx,
        actor,
        "fact_check_link",
        &id,
        Op::Insert,
        &json!({"claim_id": claim_id, "fact_check_id": fact_check_id, "kind": kind, "score": score,
                "state": "suggested", "created_at": now}),
    )?;
    Ok(Some(id))
}

/// Records an alert (and its history row).
#[allow(clippy::too_many_arguments)]
pub(crate) fn insert_alert(
    tx: &Connection,
    actor: &Actor,
    claim_id: &str,
    earlier_claim_id: Option<&str>,
    fact_check_id: Option<&str>,
    link_id: &str,
    rating: &str,
    now: &str,
) -> Result<()> {
    let id = Uuid::now_v7().to_string();
    tx.prepare_cached(
        "INSERT OR IGNORE INTO alert (id, claim_id, earlier_claim_id, fact_check_id, link_id, rating, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![id, claim_id, earlier_claim_id, fact_check_id, link_id, rating, now])?;
    history::record(
        tx,
        actor,
        "alert",
        &id,
        Op::Insert,
        &json!({"claim_id": claim_id, "earlier_claim_id": earlier_claim_id, "fact_check_id": fact_check_id,
                "link_id": link_id, "rating": rating, "created_at": now}),
    )?;
    Ok(())
}

/// Resolves a full id, unique prefix or unique suffix among the ids of `table` (see [`crate::ids`]).
pub(crate) fn resolve_in(
    conn: &Connection,
    table: &'static str,
    what: &'static str,
    id_or_prefix: &str,
) -> Result<Option<String>> {
    crate::ids::resolve_id(conn, table, what, id_or_prefix)
}

fn parse_uuid(s: &str) -> Result<Uuid> {
    Uuid::parse_str(s).map_err(|e| StoreError::Corrupt(format!("id `{s}`: {e}")))
}

fn parse_kind(s: &str) -> Result<LinkKind> {
    s.parse()
        .map_err(|e: claimtrail_core::UnknownVariant| StoreError::Corrupt(e.to_string()))
}

fn parse_state(s: &str) -> Result<LinkState> {
    s.parse()
        .map_err(|e: claimtrail_core::UnknownVariant| StoreError::Corrupt(e.to_string()))
}

fn parse_status(s: &str) -> Result<ClaimStatus> {
    s.parse()
        .map_err(|e: claimtrail_core::UnknownVariant| StoreError::Corrupt(e.to_string()))
}

/// A claim as the other end of a link.
pub(crate) fn linked_claim(conn: &Connection, id: &str) -> Result<Linked> {
    conn.prepare_cached(
        "SELECT c.id, c.text, coalesce(c.speaker, c.claimant), coalesce(a.published_at, c.created_at), c.status,
                c.article_id, a.title
         FROM claim c JOIN article a ON a.id = c.article_id WHERE c.id = ?1",
    )?
    .query_row(params![id], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, Option<String>>(2)?,
            r.get::<_, Option<String>>(3)?,
            r.get::<_, String>(4)?,
            r.get::<_, String>(5)?,
            r.get::<_, String>(6)?,
        ))
    })
    .optional()?
    .ok_or_else(|| StoreError::NotFound {
        what: "claim",
        id: id.to_string(),
    })
    .and_then(|(id, text, claimant, date, status, article_id, article_title)| {
        Ok(Linked::Claim {
            id: crate::claims::parse_claim_id(&id)?,
            text,
            claimant,
            date: date_of(date),
            status: parse_status(&status)?,
            article_id: crate::articles::parse_article_id(&article_id)?,
            article_title,
        })
    })
}

pub(crate) fn linked_fact_check(fc: FactCheck) -> Linked {
    Linked::FactCheck {
        id: fc.id,
        text: fc.claim,
        claimant: fc.claimant,
        date: fc.date,
        rating: fc.rating,
        url: fc.url,
        title: fc.title,
        publisher: fc.publisher,
    }
}

/// The claims joined to `claim` by confirmed `repeats` links (itself included).
fn storyline_members(conn: &Connection, claim: &str) -> Result<Vec<String>> {
    let mut seen: HashSet<String> = HashSet::from([claim.to_string()]);
    let mut queue = VecDeque::from([claim.to_string()]);
    let mut stmt = conn.prepare_cached(
        "SELECT target_claim_id FROM claim_link WHERE source_claim_id = ?1 AND state = 'confirmed' AND kind = 'repeats'
         UNION
         SELECT source_claim_id FROM claim_link WHERE target_claim_id = ?1 AND state = 'confirmed' AND kind = 'repeats'",
    )?;
    while let Some(id) = queue.pop_front() {
        let next: Vec<String> = stmt
            .query_map(params![id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        for n in next {
            if seen.insert(n.clone()) {
                queue.push_back(n);
            }
        }
    }
    Ok(seen.into_iter().collect())
}

fn storyline(conn: &Connection, claim: &str) -> Result<Storyline> {
    let mut appearances = Vec::new();
    let mut stmt = conn.prepare_cached(
        "SELECT c.id, c.text, coalesce(c.speaker, c.claimant), coalesce(a.published_at, c.created_at), c.status,
                c.article_id, a.title, a.outlet, c.created_at
         FROM claim c JOIN article a ON a.id = c.article_id WHERE c.id = ?1",
    )?;
    let mut keyed = Vec::new();
    for id in storyline_members(conn, claim)? {
        let row = stmt
            .query_row(params![id], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, Option<String>>(2)?,
                    r.get::<_, Option<String>>(3)?,
                    r.get::<_, String>(4)?,
                    r.get::<_, String>(5)?,
                    r.get::<_, String>(6)?,
                    r.get::<_, Option<String>>(7)?,
                    r.get::<_, String>(8)?,
                ))
            })
            .optional()?;
        if let Some((id, text, claimant, date, status, article_id, title, outlet, created)) = row {
            let date = date_of(date);
            keyed.push((
                (date, created),
                Appearance {
                    claim_id: crate::claims::parse_claim_id(&id)?,
                    text,
                    claimant,
                    date,
                    status: parse_status(&status)?,
                    article_id: crate::articles::parse_article_id(&article_id)?,
                    article_title: title,
                    outlet,
                },
            ));
        }
    }
    // Dated appearances in date order, undated ones after them, ties by storing order.
    keyed.sort_by(|a, b| {
        (a.0 .0.is_none(), a.0 .0, &a.0 .1).cmp(&(b.0 .0.is_none(), b.0 .0, &b.0 .1))
    });
    appearances.extend(keyed.into_iter().map(|(_, a)| a));
    let id = appearances
        .first()
        .map(|a| a.claim_id)
        .map_or_else(|| crate::claims::parse_claim_id(claim), Ok)?;
    Ok(Storyline { id, appearances })
}

/// Verdicts of the other claims of the storyline and of fact-checks confirmed for any of its claims.
fn verdicts(
    conn: &Connection,
    claim: &str,
    members: &[Appearance],
) -> Result<Vec<PropagatedVerdict>> {
    let mut out = Vec::new();
    let mut review = conn.prepare_cached(
        "SELECT created_at, reviewer FROM review WHERE claim_id = ?1 AND status = ?2
         ORDER BY created_at DESC LIMIT 1",
    )?;
    for a in members {
        if a.claim_id.to_string() == claim || !a.status.is_verdict() {
            continue;
        }
        let (rated_at, reviewer): (Option<String>, Option<String>) = review
            .query_row(params![a.claim_id.to_string(), a.status.as_str()], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()?
            .map_or((None, None), |(at, who)| (Some(at), who));
        let rated_on = date_of(rated_at);
        let when = rated_on.map(|d| format!(" on {d}")).unwrap_or_default();
        out.push(PropagatedVerdict {
            from: "claim",
            id: a.claim_id.0,
            rating: a.status.as_str().to_string(),
            rated_on,
            text: a.text.clone(),
            url: None,
            reviewer,
            summary: format!(
                "rated {}{when}, see claim {} in \"{}\"",
                a.status, a.claim_id, a.article_title
            ),
        });
    }
    let mut fcs = conn.prepare_cached(
        "SELECT DISTINCT fact_check_id FROM fact_check_link WHERE claim_id = ?1 AND state = 'confirmed'",
    )?;
    let mut seen = HashSet::new();
    for a in members {
        let ids: Vec<String> = fcs
            .query_map(params![a.claim_id.to_string()], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        for id in ids {
            if !seen.insert(id.clone()) {
                continue;
            }
            let fc = get_fact_check(conn, &id)?;
            let Some(rating) = fc.rating.clone() else {
                continue;
            };
            let by = fc
                .publisher
                .as_deref()
                .map(|p| format!(" by {p}"))
                .unwrap_or_default();
            let when = fc
                .review_date
                .or(fc.date)
                .map(|d| format!(" on {d}"))
                .unwrap_or_default();
            let see = fc
                .url
                .as_deref()
                .map(|u| format!(", see {u}"))
                .unwrap_or_default();
            out.push(PropagatedVerdict {
                from: "fact_check",
                id: fc.id,
                summary: format!("rated {rating}{by}{when}{see}"),
                rating,
                rated_on: fc.review_date.or(fc.date),
                text: fc.claim,
                url: fc.url,
                reviewer: fc.publisher,
            });
        }
    }
    Ok(out)
}

/// A link row of either table, for confirm/reject.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct LinkChange {
    pub id: Uuid,
    /// `claim_link` or `fact_check_link`.
    #[ts(type = "string")]
    pub table: &'static str,
    pub kind: LinkKind,
    pub state: LinkState,
    pub prev_state: LinkState,
}

impl Store {
    /// The link settings (suggestion threshold, optional date window).
    pub fn link_settings(&self) -> Result<LinkSettings> {
        settings(&self.conn)
    }

    /// Changes the link settings (recorded in history).
    pub fn set_link_settings(&mut self, s: LinkSettings) -> Result<LinkSettings> {
        if !(0.0..=1.0).contains(&s.threshold) {
            return Err(StoreError::Invalid(format!(
                "threshold {} is outside 0..1",
                s.threshold
            )));
        }
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT INTO meta (key, value) VALUES ('link.threshold', ?1)
             ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            params![s.threshold.to_string()],
        )?;
        match s.window_days {
            Some(days) => tx.execute(
                "INSERT INTO meta (key, value) VALUES ('link.window_days', ?1)
                 ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                params![days.to_string()],
            )?,
            None => tx.execute("DELETE FROM meta WHERE key = 'link.window_days'", [])?,
        };
        history::record(&tx, &self.actor, "setting", "link", Op::Update, &s)?;
        tx.commit()?;
        Ok(s)
    }

    /// Ranks stored fact-checks for a text with the same code as import-time linking.
    pub fn match_fact_checks(&self, q: &MatchQuery<'_>, top: usize) -> Result<Vec<FactCheckMatch>> {
        self.match_fact_checks_with(q, top, &LinkWeights::default())
    }

    /// [`Store::match_fact_checks`] with explicit weights (for tuning on training data).
    pub fn match_fact_checks_with(
        &self,
        q: &MatchQuery<'_>,
        top: usize,
        weights: &LinkWeights,
    ) -> Result<Vec<FactCheckMatch>> {
        let mut ranked = rank_fact_checks(&self.conn, q, &settings(&self.conn)?, weights)?;
        ranked.truncate(top);
        Ok(ranked)
    }

    /// A claim's suggested and confirmed links (rejected ones left out), its storyline and the verdicts
    /// carried over to it.
    pub fn claim_links(&self, claim: ClaimId) -> Result<ClaimLinks> {
        let id = claim.to_string();
        // Fails with NotFound for an unknown claim.
        linked_claim(&self.conn, &id)?;
        let mut links = Vec::new();
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, source_claim_id, target_claim_id, kind, score, state FROM claim_link
             WHERE (source_claim_id = ?1 OR target_claim_id = ?1) AND state <> 'rejected'
             ORDER BY state = 'confirmed' DESC, score DESC",
        )?;
        let rows: Vec<(String, String, String, String, f64, String)> = stmt
            .query_map(params![id], |r| r.try_into())?
            .collect::<rusqlite::Result<_>>()?;
        for (link_id, source, target, kind, score, state) in rows {
            let (other, role) = if source == id {
                (target, "target")
            } else {
                (source, "source")
            };
            links.push(LinkView {
                id: parse_uuid(&link_id)?,
                kind: parse_kind(&kind)?,
                score,
                state: parse_state(&state)?,
                other_role: role,
                other: linked_claim(&self.conn, &other)?,
            });
        }
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, fact_check_id, kind, score, state FROM fact_check_link
             WHERE claim_id = ?1 AND state <> 'rejected' ORDER BY state = 'confirmed' DESC, score DESC",
        )?;
        let rows: Vec<(String, String, String, f64, String)> = stmt
            .query_map(params![id], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        for (link_id, fc, kind, score, state) in rows {
            links.push(LinkView {
                id: parse_uuid(&link_id)?,
                kind: parse_kind(&kind)?,
                score,
                state: parse_state(&state)?,
                other_role: "source",
                other: linked_fact_check(get_fact_check(&self.conn, &fc)?),
            });
        }
        let storyline = storyline(&self.conn, &id)?;
        let verdicts = verdicts(&self.conn, &id, &storyline.appearances)?;
        Ok(ClaimLinks {
            claim_id: claim,
            links,
            storyline,
            verdicts,
        })
    }

    /// The storyline id of a claim: the first appearance among the claims joined to it by confirmed repeats.
    pub fn storyline_id(&self, claim: ClaimId) -> Result<ClaimId> {
        Ok(storyline(&self.conn, &claim.to_string())?.id)
    }

    /// Confirms or rejects a link (claim-to-claim or claim-to-fact-check), by full id or unique prefix;
    /// `kind` optionally corrects its kind. Recorded in history.
    pub fn set_link_state(
        &mut self,
        id_or_prefix: &str,
        state: LinkState,
        kind: Option<LinkKind>,
    ) -> Result<LinkChange> {
        let tx = self.conn.transaction()?;
        let (table, id) = match resolve_in(&tx, "claim_link", "link", id_or_prefix)? {
            Some(id) => ("claim_link", id),
            None => match resolve_in(&tx, "fact_check_link", "link", id_or_prefix)? {
                Some(id) => ("fact_check_link", id),
                None => {
                    return Err(StoreError::NotFound {
                        what: "link",
                        id: id_or_prefix.to_string(),
                    })
                }
            },
        };
        let (prev_kind, prev_state): (String, String) = tx.query_row(
            &format!("SELECT kind, state FROM {table} WHERE id = ?1"),
            params![id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let kind = match kind {
            Some(k) => k,
            None => parse_kind(&prev_kind)?,
        };
        let now = time::fmt(time::now());
        tx.execute(
            &format!("UPDATE {table} SET state = ?2, kind = ?3, updated_at = ?4 WHERE id = ?1"),
            params![id, state.as_str(), kind.as_str(), now],
        )?;
        history::record(
            &tx,
            &self.actor,
            table,
            &id,
            Op::Update,
            &json!({"state": state, "kind": kind, "prev_state": prev_state, "prev_kind": prev_kind,
                    "updated_at": now}),
        )?;
        tx.commit()?;
        Ok(LinkChange {
            id: parse_uuid(&id)?,
            table,
            kind,
            state,
            prev_state: parse_state(&prev_state)?,
        })
    }
}

impl Store {
    /// Matches newly imported or newly embedded fact-checks against the stored claims (one transaction), by
    /// words and, once a fact-check has its embedding, by meaning: a claim made on or after a fact-checked claim
    /// gets a suggested link (unless it has one), and an alert when the rating is negative.
    pub(crate) fn link_new_fact_checks(&mut self, ids: &[String]) -> Result<usize> {
        // Whether any claim is stored, without counting them (this runs for every batch the encoder embeds).
        let no_claims = !self
            .conn
            .query_row("SELECT EXISTS (SELECT 1 FROM claim)", [], |r| {
                r.get::<_, bool>(0)
            })?;
        if ids.is_empty() || no_claims {
            return Ok(0);
        }
        let settings = settings(&self.conn)?;
        let weights = LinkWeights::default();
        let tx = self.conn.transaction()?;
        let now = time::fmt(time::now());
        let mut links = 0usize;
        for id in ids {
            let fc = get_fact_check(&tx, id)?;
            let fcf = fact_check_features(&fc);
            let embedding = embeddings::fact_check_embedding(&tx, id)?;
            let q = MatchQuery {
                text: &fc.claim,
                claimant: fc.claimant.as_deref(),
                date: fc.date,
                embedding: embedding.as_deref(),
            };
            let ranked = rank_claims(&tx, &q, &fcf, None, None, &settings, &weights)?;
            for (c, cf, score) in ranked
                .into_iter()
                .filter(|(c, _, s)| {
                    s.similarity >= settings.threshold
                        && can_be_source(fc.date, c.date, settings.window_days)
                })
                .take(SUGGEST_CLAIMS)
            {
                let kind = classify(&fcf, &cf, fc.date, c.date);
                let Some(link_id) = insert_fact_check_link(
                    &tx,
                    &self.actor,
                    &c.id,
                    id,
                    kind,
                    score.similarity,
                    &now,
                )?
                else {
                    continue;
                };
                links += 1;
                if let Some(rating) = fc.rating.as_deref().filter(|r| rating_is_negative(r)) {
                    if carries_rating(kind) {
                        insert_alert(
                            &tx,
                            &self.actor,
                            &c.id,
                            None,
                            Some(id),
                            &link_id,
                            rating,
                            &now,
                        )?;
                    }
                }
            }
        }
        tx.commit()?;
        Ok(links)
    }
}

impl Store {
    /// Stores already-extracted articles in one transaction, without link suggestion (bulk loads and
    /// benchmarks). Returns the ids of the articles stored.
    pub fn import_prepared(
        &mut self,
        items: &[(
            claimtrail_core::ArticleDraft,
            Vec<claimtrail_core::ExtractedClaim>,
        )],
    ) -> Result<Vec<ArticleId>> {
        let tx = self.conn.transaction()?;
        let mut ids = Vec::new();
        for (draft, claims) in items {
            if let crate::ImportOutcome::Imported { article_id, .. } =
                crate::articles::import_into(&tx, &self.actor, draft, None, claims, false)?
            {
                ids.push(article_id);
            }
        }
        tx.commit()?;
        Ok(ids)
    }
}
