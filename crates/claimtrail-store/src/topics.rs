//! Topics: create/edit/delete (with history), claims joining by keywords and entities (on import, and by a
//! re-scan when a topic's terms change) or by hand, sticky manual removals, suggestions, and timelines.
//!
//! Matching rules live in `claimtrail_core::topic`; this module stores what they decide. A claim the user
//! removed from a topic is remembered in `claim_topic_exclusion` and never re-added automatically (assigning it
//! by hand again lifts that).

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};
use rustc_hash::FxHashMap;
use serde_json::json;
use uuid::Uuid;

use crate::claims::parse_claim_id;
use crate::error::{Result, StoreError};
use crate::history::{self, Actor, Op};
use crate::reviews::parse_status;
use crate::{time, Store};
use claimtrail_core::topic::{
    clean_terms, entity_key, suggest_topics, AssignSource, ClaimFeatures, MatchReason,
    SuggestOptions, Timeline, TimelineEntry, TimelineGroup, Topic, TopicMatcher, TopicRule,
    TopicSuggestion, TopicSummary, VerdictCounts,
};
use claimtrail_core::{ClaimId, ClaimStatus, ExtractedClaim};

/// A topic to create.
#[derive(Debug, Clone, Default)]
pub struct TopicInput {
    pub name: String,
    pub description: String,
    pub keywords: Vec<String>,
    pub entities: Vec<String>,
}

/// Changes to a topic; `None` leaves a field as it is.
#[derive(Debug, Clone, Default)]
pub struct TopicEdit {
    pub name: Option<String>,
    pub description: Option<String>,
    pub keywords: Option<Vec<String>>,
    pub entities: Option<Vec<String>>,
}

/// A topic after a change, and what the re-scan of existing claims did.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct TopicChange {
    pub topic: Topic,
    /// Claims that joined automatically.
    pub added: usize,
    /// Claims that left because they no longer match (only automatic members ever leave this way).
    pub removed: usize,
}

/// Which claims of a topic a timeline shows. Empty fields do not filter.
#[derive(Debug, Clone, Default)]
pub struct TimelineFilter {
    /// Only these statuses.
    pub statuses: Vec<ClaimStatus>,
    /// Claimant or speaker contains this (case-insensitive).
    pub claimant: Option<String>,
    /// First and last day shown (inclusive).
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

/// Claims considered by [`Store::suggest_topics`]: the most recent ones not yet in any topic.
pub const SUGGEST_MAX_CLAIMS: usize = 20_000;

const TOPIC_COLUMNS: &str =
    "id, name, description, keywords, entities, created_at, coalesce(updated_at, created_at)";

type RawTopic = (String, String, String, String, String, String, String);

fn raw_topic(r: &rusqlite::Row<'_>) -> rusqlite::Result<RawTopic> {
    r.try_into()
}

fn into_topic(raw: RawTopic) -> Result<Topic> {
    let (id, name, description, keywords, entities, created_at, updated_at) = raw;
    let list = |s: &str| -> Result<Vec<String>> {
        serde_json::from_str(s).map_err(|e| StoreError::Corrupt(format!("topic {name}: {e}")))
    };
    Ok(Topic {
        id: Uuid::parse_str(&id)
            .map_err(|e| StoreError::Corrupt(format!("topic id `{id}`: {e}")))?,
        keywords: list(&keywords)?,
        entities: list(&entities)?,
        name,
        description,
        created_at: time::parse(&created_at)?,
        updated_at: time::parse(&updated_at)?,
    })
}

fn all_topics(conn: &Connection) -> Result<Vec<Topic>> {
    let sql = format!("SELECT {TOPIC_COLUMNS} FROM topic ORDER BY name COLLATE NOCASE, name");
    let raws: Vec<RawTopic> = conn
        .prepare_cached(&sql)?
        .query_map([], raw_topic)?
        .collect::<rusqlite::Result<_>>()?;
    raws.into_iter().map(into_topic).collect()
}

/// Finds a topic by id, else by name (the same spelling first, then case-insensitive).
pub(crate) fn find_topic(conn: &Connection, name_or_id: &str) -> Result<Topic> {
    let wanted = name_or_id.trim();
    // Two plain look-ups: one query with `OR` and `ORDER BY .. LIMIT 1` built a temporary b-tree each time.
    let by_id = format!("SELECT {TOPIC_COLUMNS} FROM topic WHERE id = ?1");
    if let Some(raw) = conn
        .prepare_cached(&by_id)?
        .query_row(params![wanted], raw_topic)
        .optional()?
    {
        return into_topic(raw);
    }
    let by_name = format!("SELECT {TOPIC_COLUMNS} FROM topic WHERE name = ?1 COLLATE NOCASE");
    let raws: Vec<RawTopic> = conn
        .prepare_cached(&by_name)?
        .query_map(params![wanted], raw_topic)?
        .collect::<rusqlite::Result<_>>()?;
    let exact = raws.iter().position(|t| t.1 == wanted).unwrap_or(0);
    raws.into_iter()
        .nth(exact)
        .map(into_topic)
        .transpose()?
        .ok_or_else(|| StoreError::NotFound {
            what: "topic",
            id: wanted.to_string(),
        })
}

fn check_name_free(conn: &Connection, name: &str, except: Option<Uuid>) -> Result<()> {
    let other: Option<String> = conn
        .prepare_cached("SELECT id FROM topic WHERE name = ?1 COLLATE NOCASE AND id IS NOT ?2")?
        .query_row(params![name, except.map(|u| u.to_string())], |r| r.get(0))
        .optional()?;
    match other {
        Some(_) => Err(StoreError::Invalid(format!(
            "a topic named “{name}” already exists"
        ))),
        None => Ok(()),
    }
}

fn clean_name(name: &str) -> Result<String> {
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() {
        return Err(StoreError::Invalid("a topic needs a name".into()));
    }
    Ok(name)
}

fn to_json(list: &[String]) -> Result<String> {
    serde_json::to_string(list).map_err(|e| StoreError::Invalid(e.to_string()))
}

fn topic_history(topic: &Topic) -> serde_json::Value {
    json!({
        "name": topic.name, "description": topic.description, "keywords": topic.keywords,
        "entities": topic.entities, "created_at": time::fmt(topic.created_at),
        "updated_at": time::fmt(topic.updated_at),
    })
}

fn reason_json(reason: &MatchReason) -> serde_json::Value {
    serde_json::to_value(reason).unwrap_or(serde_json::Value::Null)
}

/// Rows per multi-row claim_topic INSERT (3 parameters each).
const ROWS_PER_STATEMENT: usize = 300;

/// Inserts automatic memberships `(claim id, topic id, topic name, reason)` with their history rows.
fn insert_auto(
    conn: &Connection,
    actor: &Actor,
    rows: &[(String, String, String, MatchReason)],
) -> Result<()> {
    for chunk in rows.chunks(ROWS_PER_STATEMENT) {
        let values = chunk
            .iter()
            .flat_map(|(c, t, _, _)| [crate::articles::text(c), crate::articles::text(t)])
            .collect();
        history::insert_rows(
            conn,
            "INSERT OR IGNORE INTO claim_topic (claim_id, topic_id, source)",
            "(?, ?, 'auto')",
            chunk.len(),
            values,
        )?;
    }
    let log: Vec<(String, serde_json::Value)> = rows
        .iter()
        .map(|(c, t, name, reason)| {
            (
                c.clone(),
                json!({"topic_id": t, "topic": name, "source": "auto", "matched": reason_json(reason)}),
            )
        })
        .collect();
    history::record_inserts(conn, actor, "claim_topic", &log)
}

/// Joins freshly imported claims to the topics they match (inside the import's transaction). Costs one small
/// query when no topic exists.
pub(crate) fn assign_new_claims(
    conn: &Connection,
    actor: &Actor,
    ids: &[ClaimId],
    claims: &[impl std::borrow::Borrow<ExtractedClaim>],
) -> Result<()> {
    if claims.is_empty() {
        return Ok(());
    }
    let topics = all_topics(conn)?;
    if topics.is_empty() {
        return Ok(());
    }
    let matcher = TopicMatcher::new(
        topics
            .iter()
            .map(|t| TopicRule {
                keywords: t.keywords.clone(),
                entities: t.entities.clone(),
            })
            .collect(),
    );
    if matcher.is_empty() {
        return Ok(());
    }
    let mut rows = Vec::new();
    for (id, claim) in ids.iter().zip(claims) {
        let claim: &ExtractedClaim = std::borrow::Borrow::borrow(claim);
        let names: Vec<&str> = claim.entities.iter().map(|e| e.name.as_str()).collect();
        for (t, reason) in matcher.match_claim(&claim.text, &names) {
            let topic = &topics[t];
            rows.push((
                id.to_string(),
                topic.id.to_string(),
                topic.name.clone(),
                reason,
            ));
        }
    }
    insert_auto(conn, actor, &rows)
}

/// Re-decides the automatic members of `topic` over every stored claim: adds claims that match (unless the
/// user removed them), removes automatic members that no longer match. Manual members stay.
fn rescan(conn: &Connection, actor: &Actor, topic: &Topic) -> Result<(usize, usize)> {
    let topic_id = topic.id.to_string();
    let matcher = TopicMatcher::new(vec![TopicRule {
        keywords: topic.keywords.clone(),
        entities: topic.entities.clone(),
    }]);
    let mut wanted: HashMap<String, MatchReason> = HashMap::new();
    if !matcher.is_empty() {
        let mut stmt = conn.prepare_cached(
            "SELECT c.id, c.text,
                    (SELECT group_concat(e.name, char(31)) FROM claim_entity ce JOIN entity e ON e.id = ce.entity_id
                     WHERE ce.claim_id = c.id)
             FROM claim c",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let text: String = r.get(1)?;
            let names: Option<String> = r.get(2)?;
            let names: Vec<&str> = names
                .as_deref()
                .map(|n| n.split('\u{1f}').collect())
                .unwrap_or_default();
            if let Some((_, reason)) = matcher.match_claim(&text, &names).into_iter().next() {
                wanted.insert(r.get(0)?, reason);
            }
        }
    }
    let mut current: HashMap<String, String> = HashMap::new();
    {
        let mut stmt =
            conn.prepare_cached("SELECT claim_id, source FROM claim_topic WHERE topic_id = ?1")?;
        let rows = stmt.query_map(params![topic_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
        for row in rows {
            let (c, s) = row?;
            current.insert(c, s);
        }
    }
    let excluded: HashSet<String> = conn
        .prepare_cached("SELECT claim_id FROM claim_topic_exclusion WHERE topic_id = ?1")?
        .query_map(params![topic_id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut remove: Vec<&String> = current
        .iter()
        .filter(|(c, source)| source.as_str() == "auto" && !wanted.contains_key(*c))
        .map(|(c, _)| c)
        .collect();
    remove.sort();
    let mut add: Vec<(String, String, String, MatchReason)> = wanted
        .into_iter()
        .filter(|(c, _)| !current.contains_key(c) && !excluded.contains(c))
        .map(|(c, reason)| (c, topic_id.clone(), topic.name.clone(), reason))
        .collect();
    add.sort_by(|a, b| a.0.cmp(&b.0));
    for c in &remove {
        conn.prepare_cached("DELETE FROM claim_topic WHERE claim_id = ?1 AND topic_id = ?2")?
            .execute(params![c, topic_id])?;
        history::record(
            conn,
            actor,
            "claim_topic",
            c,
            Op::Delete,
            &json!({"topic_id": topic_id, "topic": topic.name, "source": "auto", "reason": "no longer matches"}),
        )?;
    }
    insert_auto(conn, actor, &add)?;
    Ok((add.len(), remove.len()))
}

impl Store {
    /// All topics with their claim and verdict counts, by name.
    pub fn list_topics(&self) -> Result<Vec<TopicSummary>> {
        let topics = all_topics(&self.conn)?;
        let mut counts: HashMap<String, (u32, VerdictCounts)> = HashMap::new();
        let mut stmt = self.conn.prepare_cached(
            "SELECT ct.topic_id, c.status, count(*) FROM claim_topic ct JOIN claim c ON c.pk = ct.claim_pk
             WHERE c.dismissed = 0 GROUP BY ct.topic_id, c.status",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, u32>(2)?,
            ))
        })?;
        for row in rows {
            let (topic, status, n) = row?;
            let entry = counts.entry(topic).or_default();
            entry.0 += n;
            entry.1.add(parse_status(&status)?, n);
        }
        Ok(topics
            .into_iter()
            .map(|topic| {
                let (claims, verdicts) = counts
                    .get(&topic.id.to_string())
                    .copied()
                    .unwrap_or_default();
                TopicSummary {
                    topic,
                    claims,
                    verdicts,
                }
            })
            .collect())
    }

    /// A topic by name (case-insensitive) or id.
    pub fn get_topic(&self, name_or_id: &str) -> Result<Topic> {
        find_topic(&self.conn, name_or_id)
    }

    /// Creates a topic and, in the same transaction, joins every stored claim that matches it.
    pub fn create_topic(&mut self, input: TopicInput) -> Result<TopicChange> {
        let name = clean_name(&input.name)?;
        let tx = self.conn.transaction()?;
        check_name_free(&tx, &name, None)?;
        let now = time::now();
        let topic = Topic {
            id: Uuid::now_v7(),
            name,
            description: input.description.trim().to_string(),
            keywords: clean_terms(&input.keywords),
            entities: clean_terms(&input.entities),
            created_at: now,
            updated_at: now,
        };
        tx.prepare_cached(
            "INSERT INTO topic (id, name, description, keywords, entities, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
        )?
        .execute(params![
            topic.id.to_string(),
            topic.name,
            topic.description,
            to_json(&topic.keywords)?,
            to_json(&topic.entities)?,
            time::fmt(now)
        ])?;
        history::record(
            &tx,
            &self.actor,
            "topic",
            &topic.id.to_string(),
            Op::Insert,
            &topic_history(&topic),
        )?;
        let (added, removed) = rescan(&tx, &self.actor, &topic)?;
        tx.commit()?;
        tracing::debug!(topic = %topic.name, added, "topic created");
        Ok(TopicChange {
            topic,
            added,
            removed,
        })
    }

    /// Renames a topic or changes its description, keywords or entities. When keywords or entities change, the
    /// automatic members are decided again over all stored claims (manual members and removals stay).
    pub fn edit_topic(&mut self, name_or_id: &str, edit: TopicEdit) -> Result<TopicChange> {
        let tx = self.conn.transaction()?;
        let mut topic = find_topic(&tx, name_or_id)?;
        if let Some(name) = &edit.name {
            let name = clean_name(name)?;
            check_name_free(&tx, &name, Some(topic.id))?;
            topic.name = name;
        }
        if let Some(d) = &edit.description {
            topic.description = d.trim().to_string();
        }
        let mut terms_changed = false;
        if let Some(k) = &edit.keywords {
            let k = clean_terms(k);
            terms_changed |= k != topic.keywords;
            topic.keywords = k;
        }
        if let Some(e) = &edit.entities {
            let e = clean_terms(e);
            terms_changed |= e != topic.entities;
            topic.entities = e;
        }
        topic.updated_at = time::now();
        tx.prepare_cached(
            "UPDATE topic SET name = ?2, description = ?3, keywords = ?4, entities = ?5, updated_at = ?6
             WHERE id = ?1",
        )?
        .execute(params![
            topic.id.to_string(),
            topic.name,
            topic.description,
            to_json(&topic.keywords)?,
            to_json(&topic.entities)?,
            time::fmt(topic.updated_at)
        ])?;
        history::record(
            &tx,
            &self.actor,
            "topic",
            &topic.id.to_string(),
            Op::Update,
            &topic_history(&topic),
        )?;
        let (added, removed) = if terms_changed {
            rescan(&tx, &self.actor, &topic)?
        } else {
            (0, 0)
        };
        tx.commit()?;
        Ok(TopicChange {
            topic,
            added,
            removed,
        })
    }

    /// Deletes a topic (its claims stay; only their membership goes).
    pub fn delete_topic(&mut self, name_or_id: &str) -> Result<Topic> {
        let tx = self.conn.transaction()?;
        let topic = find_topic(&tx, name_or_id)?;
        tx.prepare_cached("DELETE FROM topic WHERE id = ?1")?
            .execute(params![topic.id.to_string()])?;
        history::record(
            &tx,
            &self.actor,
            "topic",
            &topic.id.to_string(),
            Op::Delete,
            &json!({"name": topic.name}),
        )?;
        tx.commit()?;
        Ok(topic)
    }

    /// Puts a claim in a topic by hand. It stays there whatever the topic's keywords, and a removal by hand
    /// recorded earlier is lifted.
    pub fn assign_claim(&mut self, name_or_id: &str, claim_id: ClaimId) -> Result<Topic> {
        let tx = self.conn.transaction()?;
        let topic = find_topic(&tx, name_or_id)?;
        crate::reviews::current_status(&tx, claim_id)?;
        let (claim, topic_id) = (claim_id.to_string(), topic.id.to_string());
        tx.prepare_cached(
            "INSERT INTO claim_topic (claim_id, topic_id, source) VALUES (?1, ?2, 'manual')
             ON CONFLICT (claim_id, topic_id) DO UPDATE SET source = 'manual'",
        )?
        .execute(params![claim, topic_id])?;
        tx.prepare_cached(
            "DELETE FROM claim_topic_exclusion WHERE topic_id = ?1 AND claim_id = ?2",
        )?
        .execute(params![topic_id, claim])?;
        history::record(
            &tx,
            &self.actor,
            "claim_topic",
            &claim,
            Op::Insert,
            &json!({"topic_id": topic_id, "topic": topic.name, "source": "manual"}),
        )?;
        tx.commit()?;
        Ok(topic)
    }

    /// Takes a claim out of a topic by hand. Automatic assignment will not put it back. Returns whether it was a
    /// member.
    pub fn unassign_claim(&mut self, name_or_id: &str, claim_id: ClaimId) -> Result<bool> {
        let tx = self.conn.transaction()?;
        let topic = find_topic(&tx, name_or_id)?;
        crate::reviews::current_status(&tx, claim_id)?;
        let (claim, topic_id) = (claim_id.to_string(), topic.id.to_string());
        let was = tx
            .prepare_cached("DELETE FROM claim_topic WHERE claim_id = ?1 AND topic_id = ?2")?
            .execute(params![claim, topic_id])?
            > 0;
        let now = time::fmt(time::now());
        tx.prepare_cached(
            "INSERT OR REPLACE INTO claim_topic_exclusion (topic_id, claim_id, created_at) VALUES (?1, ?2, ?3)",
        )?
        .execute(params![topic_id, claim, now])?;
        history::record(
            &tx,
            &self.actor,
            "claim_topic",
            &claim,
            Op::Delete,
            &json!({"topic_id": topic_id, "topic": topic.name, "source": "manual", "excluded": true, "was_member": was}),
        )?;
        tx.commit()?;
        Ok(was)
    }

    /// Proposes new topics from the most recent claims that are in no topic yet ([`SUGGEST_MAX_CLAIMS`]):
    /// groups sharing entities, widened by links between claims (any link not rejected). Suggestions named
    /// like an existing topic, or built on an entity a topic already lists, are left out.
    pub fn suggest_topics(&self, opts: &SuggestOptions) -> Result<Vec<TopicSuggestion>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT c.id, c.text, c.article_id,
                    (SELECT group_concat(e.name, char(31)) FROM claim_entity ce JOIN entity e ON e.id = ce.entity_id
                     WHERE ce.claim_id = c.id)
             FROM claim c
             WHERE c.dismissed = 0 AND NOT EXISTS (SELECT 1 FROM claim_topic ct WHERE ct.claim_id = c.id)
             ORDER BY c.pk DESC LIMIT ?1",
        )?;
        let rows = stmt.query_map(params![SUGGEST_MAX_CLAIMS as i64], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, Option<String>>(3)?,
            ))
        })?;
        let mut claims = Vec::new();
        let mut index: HashMap<String, usize> = HashMap::new();
        for row in rows {
            let (id, text, article, names) = row?;
            index.insert(id.clone(), claims.len());
            claims.push(ClaimFeatures {
                id: parse_claim_id(&id)?,
                text,
                entities: names
                    .map(|n| n.split('\u{1f}').map(str::to_string).collect())
                    .unwrap_or_default(),
                article,
            });
        }
        // Oldest first, so that ties resolve the same way whatever the limit.
        claims.reverse();
        let n = claims.len();
        let mut links: Vec<(usize, usize)> = Vec::new();
        let mut stmt = self.conn.prepare_cached(
            "SELECT source_claim_id, target_claim_id FROM claim_link WHERE state <> 'rejected'",
        )?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
        for row in rows {
            let (a, b) = row?;
            if let (Some(a), Some(b)) = (index.get(&a), index.get(&b)) {
                links.push((n - 1 - a, n - 1 - b));
            }
        }
        let existing = all_topics(&self.conn)?;
        let names: HashSet<String> = existing.iter().map(|t| entity_key(&t.name)).collect();
        let entities: HashSet<String> = existing
            .iter()
            .flat_map(|t| t.entities.iter().map(|e| entity_key(e)))
            .collect();
        Ok(suggest_topics(&claims, &links, opts)
            .into_iter()
            .filter(|s| {
                !names.contains(&entity_key(&s.name))
                    && !s.entities.iter().any(|e| entities.contains(&entity_key(e)))
            })
            .collect())
    }
}

// -------------------------------------------------------------------------------------------------------------
// Timelines

/// Where a claim sits in time: (day, article imported_at, article pk, span start, claim pk). Same-day claims
/// keep import order, then their order in the article. Every `claim_topic` row holds a copy of its claim's key
/// (migration 0006, kept in step by triggers) in the `claim_topic_timeline` index, so a topic's claims are read
/// in this order straight from the index.
type TimeKey = (String, String, i64, i64, i64);

/// A [`TimeKey`] borrowed from a row.
type TimeKeyRef<'a> = (&'a str, &'a str, i64, i64, i64);

fn key_ref(k: &TimeKey) -> TimeKeyRef<'_> {
    (&k.0, &k.1, k.2, k.3, k.4)
}

/// Reads a [`TimeKeyRef`] from columns `at..at + 5` of `r`.
fn time_key<'r>(r: &'r rusqlite::Row<'_>, at: usize) -> Result<TimeKeyRef<'r>> {
    Ok((
        text(r, at)?,
        text(r, at + 1)?,
        r.get(at + 2)?,
        r.get(at + 3)?,
        r.get(at + 4)?,
    ))
}

/// A topic's claims in time order. The topic's index entries give the order (no sort) and the integer keys of
/// the claim and article rows (no lookups by text id). A status filter first gathers the claims with those
/// statuses (from `claim_queue`), so only the claims it keeps are read.
const TIMELINE_SQL: &str = "
    SELECT c.id, ct.day, ct.article_pk, coalesce(c.speaker, c.claimant), c.status, c.text, ct.source,
           a.id, a.title, a.outlet, a.published_at IS NOT NULL
    FROM claim_topic ct
    JOIN claim c ON c.pk = ct.claim_pk
    JOIN article a ON a.pk = ct.article_pk
    WHERE ct.topic_id = ?1 AND c.dismissed = 0
      AND (?2 IS NULL OR ct.day >= ?2) AND (?3 IS NULL OR ct.day <= ?3)
      AND (?4 IS NULL OR ct.claim_pk IN (SELECT pk FROM claim WHERE dismissed = 0
                                         AND status IN (SELECT value FROM json_each(?4))))
      AND (?5 IS NULL OR instr(lower(coalesce(c.speaker, '')), ?5) > 0
                      OR instr(lower(coalesce(c.claimant, '')), ?5) > 0)
    ORDER BY ct.day, ct.imported_at, ct.article_pk, ct.span_start, ct.claim_pk";

/// Claims of a topic before filters (not dismissed), from the topic's index entries and the few dismissed
/// claims (`claim_dismissed`).
const TIMELINE_TOTAL_SQL: &str = "
    SELECT count(*) FROM claim_topic ct
    WHERE ct.topic_id = ?1 AND ct.claim_pk NOT IN (SELECT pk FROM claim WHERE dismissed = 1)";

/// Time keys of a topic's claims, straight from its index entries.
const TOPIC_KEYS_SQL: &str = "
    SELECT claim_id, day, imported_at, article_pk, span_start, claim_pk FROM claim_topic
    WHERE topic_id = ?1";

/// Time keys of claims (a JSON array of their ids), from the claim and article rows.
const CLAIM_KEYS_SQL: &str = "
    SELECT c.id, coalesce(a.published_at, substr(a.imported_at, 1, 10)), a.imported_at, a.pk, c.span_start, c.pk
    FROM claim c JOIN article a ON a.id = c.article_id
    WHERE c.id IN (SELECT value FROM json_each(?1))";

/// A claim id as the store writes it (no surrounding spaces to trim: the hot path of timelines).
fn stored_claim_id(s: &str) -> Result<ClaimId> {
    match Uuid::try_parse(s) {
        Ok(id) => Ok(ClaimId(id)),
        Err(_) => parse_claim_id(s),
    }
}

/// Column `i` of `r` as text, without copying it.
fn text<'r>(r: &'r rusqlite::Row<'_>, i: usize) -> Result<&'r str> {
    Ok(r.get_ref(i)?.as_str().map_err(rusqlite::Error::from)?)
}

/// A storyline with a claim on the timeline, while its earliest claim is looked for.
struct Storyline {
    /// Its first claim on the timeline (a node), and that claim's key once read.
    shown: usize,
    shown_key: Option<TimeKey>,
    /// Its earliest claim among those not on the timeline, with its key.
    other: Option<(usize, TimeKey)>,
}

impl Storyline {
    /// Takes node `s` with `key` into account.
    fn offer(&mut self, s: usize, key: TimeKeyRef<'_>) {
        let owned = || (key.0.to_string(), key.1.to_string(), key.2, key.3, key.4);
        if s == self.shown {
            self.shown_key = Some(owned());
        } else if self.other.as_ref().is_none_or(|(_, k)| key < key_ref(k)) {
            self.other = Some((s, owned()));
        }
    }

    /// The earliest claim (a node).
    fn earliest(&self) -> usize {
        match (&self.other, &self.shown_key) {
            (Some((s, k)), Some(shown)) if k < shown => *s,
            _ => self.shown,
        }
    }
}

/// The storyline of each timeline row: the id of the earliest claim (by [`TimeKey`]) of the row's connected
/// component of confirmed `repeats` links, or `None` when the row's claim has no confirmed repeats. `ids` are
/// the rows' claims, in time order, so a component's first row is its earliest claim on the timeline. Members
/// that are not on the timeline may be earlier: their keys (and those first rows' keys) are read from the
/// topic's index entries, then, for members outside the topic, from the claim and article rows.
fn storylines(conn: &Connection, topic_id: &str, ids: &[ClaimId]) -> Result<Vec<Option<ClaimId>>> {
    let mut nodes: Vec<ClaimId> = Vec::new();
    let mut slot: FxHashMap<ClaimId, usize> = FxHashMap::default();
    let mut parent: Vec<usize> = Vec::new();
    fn root(parent: &mut [usize], mut x: usize) -> usize {
        while parent[x] != x {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        x
    }
    {
        let mut stmt = conn.prepare_cached(
            "SELECT source_claim_id, target_claim_id FROM claim_link
             WHERE kind = 'repeats' AND state = 'confirmed'",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let mut ends = [0usize; 2];
            for (i, end) in ends.iter_mut().enumerate() {
                let id = stored_claim_id(text(r, i)?)?;
                *end = *slot.entry(id).or_insert_with(|| {
                    nodes.push(id);
                    parent.push(parent.len());
                    parent.len() - 1
                });
            }
            let (a, b) = (root(&mut parent, ends[0]), root(&mut parent, ends[1]));
            if a != b {
                parent[a.max(b)] = a.min(b);
            }
        }
    }
    if nodes.is_empty() {
        return Ok(vec![None; ids.len()]);
    }
    let mut shown = vec![false; nodes.len()];
    let mut row_root: Vec<Option<usize>> = Vec::with_capacity(ids.len());
    let mut lines: FxHashMap<usize, Storyline> = FxHashMap::default();
    for id in ids {
        let r = slot.get(id).map(|&s| {
            shown[s] = true;
            let r = root(&mut parent, s);
            lines.entry(r).or_insert(Storyline {
                shown: s,
                shown_key: None,
                other: None,
            });
            r
        });
        row_root.push(r);
    }
    let mut missing: Vec<usize> = (0..nodes.len())
        .filter(|&s| !shown[s] && lines.contains_key(&root(&mut parent, s)))
        .collect();
    if !missing.is_empty() {
        let mut stmt = conn.prepare_cached(TOPIC_KEYS_SQL)?;
        let mut rows = stmt.query(params![topic_id])?;
        while let Some(r) = rows.next()? {
            let Some(&s) = slot.get(&stored_claim_id(text(r, 0)?)?) else {
                continue;
            };
            let Some(line) = lines.get_mut(&root(&mut parent, s)) else {
                continue;
            };
            if !shown[s] || s == line.shown {
                // Found here: not looked up again below.
                shown[s] = true;
                line.offer(s, time_key(r, 1)?);
            }
        }
        missing.retain(|&s| !shown[s]);
    }
    if !missing.is_empty() {
        let missing: Vec<String> = missing.iter().map(|&s| nodes[s].to_string()).collect();
        let list =
            serde_json::to_string(&missing).map_err(|e| StoreError::Invalid(e.to_string()))?;
        let mut stmt = conn.prepare_cached(CLAIM_KEYS_SQL)?;
        let mut rows = stmt.query(params![list])?;
        while let Some(r) = rows.next()? {
            let Some(&s) = slot.get(&stored_claim_id(text(r, 0)?)?) else {
                continue;
            };
            if let Some(line) = lines.get_mut(&root(&mut parent, s)) {
                line.offer(s, time_key(r, 1)?);
            }
        }
    }
    Ok(row_root
        .into_iter()
        .map(|r| r.and_then(|r| lines.get(&r)).map(|l| nodes[l.earliest()]))
        .collect())
}

/// A `YYYY-MM-DD` day.
fn parse_day(s: &str) -> Result<NaiveDate> {
    // The usual spelling without the format parser (anything else goes through it).
    let b = s.as_bytes();
    if b.len() == 10 && b[4] == b'-' && b[7] == b'-' {
        let num = |r: std::ops::Range<usize>| s.get(r).and_then(|d| d.parse::<u32>().ok());
        if let (Some(y), Some(m), Some(d)) = (num(0..4), num(5..7), num(8..10)) {
            if let Some(date) = i32::try_from(y)
                .ok()
                .and_then(|y| NaiveDate::from_ymd_opt(y, m, d))
            {
                return Ok(date);
            }
        }
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|e| StoreError::Corrupt(format!("bad date `{s}`: {e}")))
}

/// Adds timeline entry `index` to the group `k` of `groups`, making the group (named by `key` and `label`) the
/// first time `k` is seen.
fn group_push<K: std::hash::Hash + Eq>(
    groups: &mut Vec<TimelineGroup>,
    at: &mut FxHashMap<K, usize>,
    k: K,
    key: impl FnOnce() -> Option<String>,
    label: impl FnOnce() -> String,
    index: u32,
    entry: &TimelineEntry,
) {
    let g = *at.entry(k).or_insert_with(|| {
        groups.push(TimelineGroup {
            key: key(),
            label: label(),
            first: entry.date,
            last: entry.date,
            entries: Vec::new(),
            verdicts: VerdictCounts::default(),
        });
        groups.len() - 1
    });
    let group = &mut groups[g];
    group.last = entry.date;
    group.entries.push(index);
    group.verdicts.add(entry.status, 1);
}

impl Store {
    /// The claims of a topic in time order (article publication date, else import day), each with its
    /// claimant, status and storyline, plus lanes by storyline and by claimant. Dismissed claims are left out.
    pub fn timeline(&self, name_or_id: &str, filter: &TimelineFilter) -> Result<Timeline> {
        let started = std::time::Instant::now();
        let topic = find_topic(&self.conn, name_or_id)?;
        let topic_id = topic.id.to_string();
        let statuses = (!filter.statuses.is_empty())
            .then(|| {
                serde_json::to_string(
                    &filter
                        .statuses
                        .iter()
                        .map(|s| s.as_str())
                        .collect::<Vec<_>>(),
                )
            })
            .transpose()
            .map_err(|e| StoreError::Invalid(e.to_string()))?;
        let claimant = filter
            .claimant
            .as_deref()
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .map(str::to_lowercase);
        let mut claims: Vec<TimelineEntry> = Vec::new();
        {
            let mut stmt = self.conn.prepare_cached(TIMELINE_SQL)?;
            let mut rows = stmt.query(params![
                topic_id,
                filter.from.map(|d| d.to_string()),
                filter.to.map(|d| d.to_string()),
                statuses,
                claimant
            ])?;
            // Rows come by day, and the claims of an article one after the other: what they share is read (and
            // parsed) once.
            let mut prev_day = String::new();
            let mut prev_article: Option<i64> = None;
            while let Some(r) = rows.next()? {
                let day = text(r, 1)?;
                let date = match claims.last() {
                    Some(e) if prev_day == day => e.date,
                    _ => {
                        prev_day.clear();
                        prev_day.push_str(day);
                        parse_day(day)?
                    }
                };
                let article_pk: i64 = r.get(2)?;
                let (article_id, article_title, outlet, dated) = match claims.last() {
                    Some(e) if prev_article == Some(article_pk) => (
                        e.article_id,
                        e.article_title.clone(),
                        e.outlet.clone(),
                        e.dated,
                    ),
                    _ => (
                        crate::articles::parse_article_id(text(r, 7)?)?,
                        r.get(8)?,
                        r.get(9)?,
                        r.get(10)?,
                    ),
                };
                prev_article = Some(article_pk);
                claims.push(TimelineEntry {
                    claim_id: stored_claim_id(text(r, 0)?)?,
                    date,
                    dated,
                    claimant: r.get(3)?,
                    status: parse_status(text(r, 4)?)?,
                    storyline_id: None,
                    text: r.get(5)?,
                    article_id,
                    article_title,
                    outlet,
                    source: if text(r, 6)? == "manual" {
                        AssignSource::Manual
                    } else {
                        AssignSource::Auto
                    },
                });
            }
        }
        let read = started.elapsed();
        let filtered = !filter.statuses.is_empty()
            || claimant.is_some()
            || filter.from.is_some()
            || filter.to.is_some();
        let total = if filtered {
            self.conn
                .prepare_cached(TIMELINE_TOTAL_SQL)?
                .query_row(params![topic_id], |r| r.get(0))?
        } else {
            claims.len() as u32
        };
        let ids: Vec<ClaimId> = claims.iter().map(|e| e.claim_id).collect();
        for (e, s) in claims
            .iter_mut()
            .zip(storylines(&self.conn, &topic_id, &ids)?)
        {
            e.storyline_id = s;
        }
        let mut storylines_out = Vec::new();
        let mut claimants = Vec::new();
        {
            let mut s_at: FxHashMap<ClaimId, usize> = FxHashMap::default();
            let mut c_at: FxHashMap<Option<&str>, usize> = FxHashMap::default();
            for (i, e) in claims.iter().enumerate() {
                if let Some(s) = e.storyline_id {
                    group_push(
                        &mut storylines_out,
                        &mut s_at,
                        s,
                        || Some(s.to_string()),
                        || e.text.clone(),
                        i as u32,
                        e,
                    );
                }
                group_push(
                    &mut claimants,
                    &mut c_at,
                    e.claimant.as_deref(),
                    || e.claimant.clone(),
                    || e.claimant.clone().unwrap_or_else(|| "(outlet)".into()),
                    i as u32,
                    e,
                );
            }
        }
        claimants.sort_by(|a, b| {
            b.entries
                .len()
                .cmp(&a.entries.len())
                .then(a.entries.first().cmp(&b.entries.first()))
        });
        tracing::debug!(
            topic = %topic.name,
            claims = claims.len(),
            read_ms = read.as_secs_f64() * 1e3,
            total_ms = started.elapsed().as_secs_f64() * 1e3,
            "timeline"
        );
        Ok(Timeline {
            topic_id: topic.id,
            topic: topic.name,
            total,
            from: claims.first().map(|e| e.date),
            to: claims.last().map(|e| e.date),
            claims,
            storylines: storylines_out,
            claimants,
        })
    }
}

impl Store {
    /// Benchmark set-up only (`claimtrail bench timeline`): links the claims of a topic that have exactly the
    /// same text with confirmed `repeats` links (each to the previous one), at most `max` links. Returns how many
    /// were written. Not for users: real links come from link suggestions.
    #[doc(hidden)]
    pub fn bench_confirm_identical_repeats(
        &mut self,
        name_or_id: &str,
        max: usize,
    ) -> Result<usize> {
        let tx = self.conn.transaction()?;
        let topic = find_topic(&tx, name_or_id)?;
        let pairs: Vec<(String, String)> = {
            let mut stmt = tx.prepare_cached(
                "SELECT c.id, c.text FROM claim_topic ct JOIN claim c ON c.id = ct.claim_id
                 WHERE ct.topic_id = ?1 ORDER BY c.text, c.pk",
            )?;
            let rows: Vec<(String, String)> = stmt
                .query_map(params![topic.id.to_string()], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })?
                .collect::<rusqlite::Result<_>>()?;
            rows.windows(2)
                .filter(|w| w[0].1 == w[1].1)
                .map(|w| (w[1].0.clone(), w[0].0.clone()))
                .take(max)
                .collect()
        };
        let now = time::fmt(time::now());
        let mut log = Vec::with_capacity(pairs.len());
        for (source, target) in &pairs {
            let id = Uuid::now_v7().to_string();
            tx.prepare_cached(
                "INSERT OR IGNORE INTO claim_link (id, source_claim_id, target_claim_id, kind, score, state,
                                                   created_at, updated_at)
                 VALUES (?1, ?2, ?3, 'repeats', 1.0, 'confirmed', ?4, ?4)",
            )?
            .execute(params![id, source, target, now])?;
            log.push((
                id,
                json!({"source_claim_id": source, "target_claim_id": target, "kind": "repeats",
                       "score": 1.0, "state": "confirmed", "created_at": now}),
            ));
        }
        history::record_inserts(&tx, &self.actor, "claim_link", &log)?;
        tx.commit()?;
        Ok(pairs.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    type TestResult = std::result::Result<(), Box<dyn std::error::Error>>;

    /// The `detail` lines of `EXPLAIN QUERY PLAN sql` with `n` NULL parameters.
    fn plan(conn: &Connection, sql: &str, n: usize) -> rusqlite::Result<Vec<String>> {
        conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}"))?
            .query_map(
                rusqlite::params_from_iter(vec![rusqlite::types::Value::Null; n]),
                |r| r.get(3),
            )?
            .collect()
    }

    #[test]
    fn timelines_read_the_topic_index_in_order_and_rows_by_integer_key() -> TestResult {
        let dir = tempfile::tempdir()?;
        let store = Store::open(dir.path().join("plan.db"))?;
        let steps = plan(&store.conn, TIMELINE_SQL, 5)?;
        assert!(
            steps[0].contains("INDEX claim_topic_timeline (topic_id=?)"),
            "{steps:?}"
        );
        assert!(
            !steps.iter().any(|s| s.contains("TEMP B-TREE")),
            "{steps:?}"
        );
        for table in ["c", "a"] {
            assert!(
                steps
                    .iter()
                    .any(|s| s == &format!("SEARCH {table} USING INTEGER PRIMARY KEY (rowid=?)")),
                "{steps:?}"
            );
        }
        for sql in [TIMELINE_TOTAL_SQL, TOPIC_KEYS_SQL] {
            let steps = plan(&store.conn, sql, 1)?;
            assert!(
                steps[0].contains("COVERING INDEX claim_topic_timeline (topic_id=?)"),
                "{steps:?}"
            );
            assert!(!steps.iter().any(|s| s.starts_with("SCAN")), "{steps:?}");
        }
        Ok(())
    }
}
