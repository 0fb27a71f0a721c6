//! Topics: create/edit/delete (with history), claims joining by keywords and entities (on import, and by a
//! re-scan when a topic's terms change) or by hand, sticky manual removals, suggestions, and timelines.
//!
//! Matching rules live in `claimtrail_core::topic`; this module stores what they decide. A claim the user
//! removed from a topic is remembered in `claim_topic_exclusion` and never re-added automatically (assigning it
//! by hand again lifts that).

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use rusqlite::types::Value;
use rusqlite::{params, Connection, OptionalExtension};
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

/// Finds a topic by name (case-insensitive) or id.
pub(crate) fn find_topic(conn: &Connection, name_or_id: &str) -> Result<Topic> {
    let wanted = name_or_id.trim();
    let sql = format!(
        "SELECT {TOPIC_COLUMNS} FROM topic WHERE id = ?1 OR name = ?1 COLLATE NOCASE
         ORDER BY id = ?1 DESC, name = ?1 DESC LIMIT 1"
    );
    conn.prepare_cached(&sql)?
        .query_row(params![wanted], raw_topic)
        .optional()?
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
        let placeholders = vec!["(?, ?, 'auto')"; chunk.len()].join(", ");
        let sql = format!(
            "INSERT OR IGNORE INTO claim_topic (claim_id, topic_id, source) VALUES {placeholders}"
        );
        let values: Vec<Value> = chunk
            .iter()
            .flat_map(|(c, t, _, _)| [Value::Text(c.clone()), Value::Text(t.clone())])
            .collect();
        conn.prepare_cached(&sql)?
            .execute(rusqlite::params_from_iter(values))?;
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
            "SELECT ct.topic_id, c.status, count(*) FROM claim_topic ct JOIN claim c ON c.id = ct.claim_id
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
/// keep import order, then their order in the article.
type TimeKey = (String, String, i64, i64, i64);

/// One timeline row before its strings are parsed.
struct TimelineRow {
    id: String,
    key: TimeKey,
    dated: bool,
    claimant: Option<String>,
    status: String,
    text: String,
    article_id: String,
    title: String,
    outlet: Option<String>,
    source: String,
}

/// The storyline of every claim that has confirmed `repeats` links: claim id -> id of the earliest claim of
/// its connected component. `shown` gives the time keys already known (the timeline's rows); the keys of other
/// members are read from the database.
fn storylines(
    conn: &Connection,
    shown: &HashMap<&str, &TimeKey>,
) -> Result<HashMap<String, String>> {
    let mut ids: Vec<String> = Vec::new();
    let mut slot: HashMap<String, usize> = HashMap::new();
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
                let id: String = r.get(i)?;
                *end = match slot.get(&id) {
                    Some(&s) => s,
                    None => {
                        let s = ids.len();
                        slot.insert(id.clone(), s);
                        ids.push(id);
                        parent.push(s);
                        s
                    }
                };
            }
            let (a, b) = (root(&mut parent, ends[0]), root(&mut parent, ends[1]));
            if a != b {
                parent[a.max(b)] = a.min(b);
            }
        }
    }
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    // Only components with a claim on this timeline matter.
    let roots: Vec<usize> = (0..ids.len()).map(|i| root(&mut parent, i)).collect();
    let wanted: HashSet<usize> = shown
        .keys()
        .filter_map(|id| slot.get(*id).map(|&s| roots[s]))
        .collect();
    let members: Vec<usize> = (0..ids.len())
        .filter(|&i| wanted.contains(&roots[i]))
        .collect();
    let missing: Vec<&str> = members
        .iter()
        .map(|&i| ids[i].as_str())
        .filter(|id| !shown.contains_key(id))
        .collect();
    let mut keys: HashMap<&str, TimeKey> = HashMap::new();
    if !missing.is_empty() {
        let list =
            serde_json::to_string(&missing).map_err(|e| StoreError::Invalid(e.to_string()))?;
        let mut stmt = conn.prepare_cached(
            "SELECT c.id, coalesce(a.published_at, substr(a.imported_at, 1, 10)), a.imported_at, a.pk,
                    c.span_start, c.pk
             FROM claim c JOIN article a ON a.id = c.article_id
             WHERE c.id IN (SELECT value FROM json_each(?1))",
        )?;
        let mut rows = stmt.query(params![list])?;
        while let Some(r) = rows.next()? {
            let id: String = r.get(0)?;
            if let Some(&s) = slot.get(&id) {
                keys.insert(
                    ids[s].as_str(),
                    (r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?),
                );
            }
        }
    }
    let key_of = |id: &str| -> Option<&TimeKey> { shown.get(id).copied().or_else(|| keys.get(id)) };
    let mut first: HashMap<usize, usize> = HashMap::new();
    for &i in &members {
        let r = roots[i];
        let better = match first.get(&r) {
            None => true,
            Some(&cur) => match (key_of(&ids[i]), key_of(&ids[cur])) {
                (Some(a), Some(b)) => a < b,
                (Some(_), None) => true,
                _ => false,
            },
        };
        if better {
            first.insert(r, i);
        }
    }
    Ok(members
        .iter()
        .filter_map(|&i| {
            first
                .get(&roots[i])
                .map(|&f| (ids[i].clone(), ids[f].clone()))
        })
        .collect())
}

fn parse_day(s: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|e| StoreError::Corrupt(format!("bad date `{s}`: {e}")))
}

fn group_push(
    groups: &mut Vec<TimelineGroup>,
    at: &mut HashMap<Option<String>, usize>,
    key: Option<String>,
    label: impl FnOnce() -> String,
    index: u32,
    entry: &TimelineEntry,
) {
    let g = *at.entry(key.clone()).or_insert_with(|| {
        groups.push(TimelineGroup {
            key,
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
        let mut stmt = self.conn.prepare_cached(
            "SELECT c.id, coalesce(a.published_at, substr(a.imported_at, 1, 10)) AS day, a.imported_at, a.pk,
                    c.span_start, c.pk, a.published_at IS NOT NULL, coalesce(c.speaker, c.claimant), c.status,
                    c.text, a.id, a.title, a.outlet, ct.source
             FROM claim_topic ct
             JOIN claim c ON c.id = ct.claim_id
             JOIN article a ON a.id = c.article_id
             WHERE ct.topic_id = ?1 AND c.dismissed = 0
               AND (?2 IS NULL OR day >= ?2) AND (?3 IS NULL OR day <= ?3)
               AND (?4 IS NULL OR c.status IN (SELECT value FROM json_each(?4)))
               AND (?5 IS NULL OR instr(lower(coalesce(c.speaker, '')), ?5) > 0
                               OR instr(lower(coalesce(c.claimant, '')), ?5) > 0)
             ORDER BY day, a.imported_at, a.pk, c.span_start, c.pk",
        )?;
        let rows = stmt.query_map(
            params![
                topic_id,
                filter.from.map(|d| d.to_string()),
                filter.to.map(|d| d.to_string()),
                statuses,
                claimant
            ],
            |r| {
                Ok(TimelineRow {
                    id: r.get(0)?,
                    key: (r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?),
                    dated: r.get(6)?,
                    claimant: r.get(7)?,
                    status: r.get(8)?,
                    text: r.get(9)?,
                    article_id: r.get(10)?,
                    title: r.get(11)?,
                    outlet: r.get(12)?,
                    source: r.get(13)?,
                })
            },
        )?;
        let rows: Vec<TimelineRow> = rows.collect::<rusqlite::Result<_>>()?;
        let filtered = !filter.statuses.is_empty()
            || claimant.is_some()
            || filter.from.is_some()
            || filter.to.is_some();
        let total = if filtered {
            self.conn
                .prepare_cached(
                    "SELECT count(*) FROM claim_topic ct JOIN claim c ON c.id = ct.claim_id
                     WHERE ct.topic_id = ?1 AND c.dismissed = 0",
                )?
                .query_row(params![topic_id], |r| r.get(0))?
        } else {
            rows.len() as u32
        };
        let story = {
            let shown: HashMap<&str, &TimeKey> =
                rows.iter().map(|r| (r.id.as_str(), &r.key)).collect();
            storylines(&self.conn, &shown)?
        };
        let mut claims = Vec::with_capacity(rows.len());
        for row in rows {
            claims.push(TimelineEntry {
                claim_id: parse_claim_id(&row.id)?,
                date: parse_day(&row.key.0)?,
                dated: row.dated,
                claimant: row.claimant,
                status: parse_status(&row.status)?,
                storyline_id: story.get(&row.id).map(|s| parse_claim_id(s)).transpose()?,
                text: row.text,
                article_id: crate::articles::parse_article_id(&row.article_id)?,
                article_title: row.title,
                outlet: row.outlet,
                source: if row.source == "manual" {
                    AssignSource::Manual
                } else {
                    AssignSource::Auto
                },
            });
        }
        let mut storylines_out = Vec::new();
        let mut claimants = Vec::new();
        let (mut s_at, mut c_at) = (HashMap::new(), HashMap::new());
        for (i, e) in claims.iter().enumerate() {
            if let Some(s) = e.storyline_id {
                group_push(
                    &mut storylines_out,
                    &mut s_at,
                    Some(s.to_string()),
                    || e.text.clone(),
                    i as u32,
                    e,
                );
            }
            let label = || e.claimant.clone().unwrap_or_else(|| "(outlet)".into());
            group_push(
                &mut claimants,
                &mut c_at,
                e.claimant.clone(),
                label,
                i as u32,
                e,
            );
        }
        claimants.sort_by(|a, b| {
            b.entries
                .len()
                .cmp(&a.entries.len())
                .then(a.entries.first().cmp(&b.entries.first()))
        });
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
