//! Claims and the entities they mention.

use rusqlite::{params, Connection, OptionalExtension, Row, ToSql};
use serde_json::json;

use crate::articles::{parse_article_id, text};
use crate::error::{Result, StoreError};
use crate::history::{self, Actor};
use crate::{time, Store};
use claimtrail_core::{ArticleId, Claim, ClaimEntity, ClaimId, ClaimKind, ClaimStatus, EntityKind};

/// Which claims to list. Empty fields do not filter.
#[derive(Debug, Clone, Default)]
pub struct ClaimFilter {
    pub article_id: Option<ArticleId>,
    pub status: Option<ClaimStatus>,
    pub speaker: Option<String>,
    /// Include dismissed claims.
    pub include_dismissed: bool,
    /// Order by check-worthiness (highest first) instead of article and position.
    pub by_checkworthiness: bool,
    pub limit: Option<usize>,
    pub offset: usize,
}

pub(crate) const CLAIM_COLUMNS: &str =
    "c.id, c.article_id, c.text, c.span_start, c.span_end, c.claimant, c.speaker,
     c.kind, c.checkworthiness, c.status, c.dismissed, c.origin, c.created_at, c.updated_at";

/// A claim row before its strings are parsed into domain types.
pub(crate) struct RawClaim {
    id: String,
    article_id: String,
    text: String,
    start: i64,
    end: i64,
    claimant: Option<String>,
    speaker: Option<String>,
    kind: String,
    checkworthiness: f64,
    status: String,
    dismissed: bool,
    origin: String,
    created_at: String,
    updated_at: String,
}

pub(crate) fn raw_claim(r: &Row<'_>) -> rusqlite::Result<RawClaim> {
    Ok(RawClaim {
        id: r.get(0)?,
        article_id: r.get(1)?,
        text: r.get(2)?,
        start: r.get(3)?,
        end: r.get(4)?,
        claimant: r.get(5)?,
        speaker: r.get(6)?,
        kind: r.get(7)?,
        checkworthiness: r.get(8)?,
        status: r.get(9)?,
        dismissed: r.get(10)?,
        origin: r.get(11)?,
        created_at: r.get(12)?,
        updated_at: r.get(13)?,
    })
}

fn corrupt(e: impl std::fmt::Display) -> StoreError {
    StoreError::Corrupt(e.to_string())
}

impl RawClaim {
    pub(crate) fn into_claim(self, conn: &Connection) -> Result<Claim> {
        let entities = claim_entities(conn, &self.id)?;
        Ok(Claim {
            id: parse_claim_id(&self.id)?,
            article_id: parse_article_id(&self.article_id)?,
            text: self.text,
            start: usize::try_from(self.start).map_err(corrupt)?,
            end: usize::try_from(self.end).map_err(corrupt)?,
            claimant: self.claimant,
            speaker: self.speaker,
            kind: self.kind.parse::<ClaimKind>().map_err(corrupt)?,
            checkworthiness: self.checkworthiness,
            status: self.status.parse::<ClaimStatus>().map_err(corrupt)?,
            dismissed: self.dismissed,
            manual: self.origin == "manual",
            created_at: time::parse(&self.created_at)?,
            updated_at: time::parse(&self.updated_at)?,
            entities,
        })
    }
}

pub(crate) fn parse_claim_id(s: &str) -> Result<ClaimId> {
    s.parse()
        .map_err(|e| StoreError::Corrupt(format!("claim id `{s}`: {e}")))
}

fn claim_entities(conn: &Connection, claim_id: &str) -> Result<Vec<ClaimEntity>> {
    let mut stmt = conn.prepare_cached(
        "SELECT e.name, e.kind, ce.mention FROM claim_entity ce JOIN entity e ON e.id = ce.entity_id
         WHERE ce.claim_id = ?1 ORDER BY e.name",
    )?;
    let rows = stmt.query_map(params![claim_id], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (name, kind, mention) = row?;
        out.push(ClaimEntity {
            name,
            kind: kind.parse::<EntityKind>().map_err(corrupt)?,
            mention,
        });
    }
    Ok(out)
}

/// The id of the entity `name` of `kind`, if it is stored.
fn entity_id(tx: &Connection, name: &str, kind: EntityKind) -> Result<Option<String>> {
    Ok(tx
        .prepare_cached("SELECT id FROM entity WHERE name = ?1 AND kind = ?2")?
        .query_row(params![name, kind.as_str()], |r| r.get(0))
        .optional()?)
}

/// Stores new entities `(id, name, kind)` with their history rows, with multi-row statements (an import meets
/// a few new names in every article).
fn insert_entities(tx: &Connection, actor: &Actor, new: &[(&str, &str, EntityKind)]) -> Result<()> {
    for range in crate::history::statement_ranges(new.len(), LINKS_PER_STATEMENT) {
        let chunk = &new[range];
        let mut values: Vec<rusqlite::types::ToSqlOutput<'_>> = Vec::with_capacity(3 * chunk.len());
        for &(id, name, kind) in chunk {
            values.extend([text(id), text(name), text(kind.as_str())]);
        }
        history::insert_rows(
            tx,
            "INSERT INTO entity (id, name, kind)",
            "(?, ?, ?)",
            chunk.len(),
            values,
        )?;
    }
    let log: Vec<(&str, serde_json::Value)> = new
        .iter()
        .map(|&(id, name, kind)| (id, json!({ "name": name, "kind": kind })))
        .collect();
    history::record_inserts(tx, actor, "entity", &log)
}

/// Records the entities each claim mentions: looks up each distinct entity once, stores the new ones (with
/// history rows), then writes all claim–entity rows. Every write is a multi-row statement.
pub(crate) fn link_entities(
    tx: &Connection,
    actor: &Actor,
    claims: &[&claimtrail_core::ExtractedClaim],
    claim_ids: &[impl AsRef<str>],
) -> Result<()> {
    let mut entity_ids: std::collections::HashMap<(&str, EntityKind), String> =
        std::collections::HashMap::new();
    // Entities not stored yet, in the order they are first met.
    let mut new: Vec<(&str, EntityKind)> = Vec::new();
    // (claim, entity, mention) per row; the entity ids are looked up (or made) first so the rows can
    // borrow them.
    let mut rows: Vec<(&str, (&str, EntityKind), &str)> = Vec::new();
    for (claim, claim_id) in claims.iter().zip(claim_ids) {
        let claim_id = claim_id.as_ref();
        for entity in &claim.entities {
            let key = (entity.name.as_str(), entity.kind);
            if let std::collections::hash_map::Entry::Vacant(slot) = entity_ids.entry(key) {
                match entity_id(tx, key.0, key.1)? {
                    Some(id) => slot.insert(id),
                    None => {
                        new.push(key);
                        slot.insert(uuid::Uuid::now_v7().to_string())
                    }
                };
            }
            rows.push((claim_id, key, &entity.mention));
        }
    }
    let new: Vec<(&str, &str, EntityKind)> = new
        .iter()
        .filter_map(|key| entity_ids.get(key).map(|id| (id.as_str(), key.0, key.1)))
        .collect();
    insert_entities(tx, actor, &new)?;
    for range in crate::history::statement_ranges(rows.len(), LINKS_PER_STATEMENT) {
        let chunk = &rows[range];
        let mut values: Vec<rusqlite::types::ToSqlOutput<'_>> = Vec::with_capacity(3 * chunk.len());
        for (claim_id, key, mention) in chunk {
            let entity_id = entity_ids
                .get(key)
                .ok_or_else(|| StoreError::Invalid(format!("entity `{}` not stored", key.0)))?;
            values.extend([text(claim_id), text(entity_id), text(mention)]);
        }
        history::insert_rows(
            tx,
            "INSERT OR IGNORE INTO claim_entity (claim_id, entity_id, mention)",
            "(?, ?, ?)",
            chunk.len(),
            values,
        )?;
    }
    Ok(())
}

/// Entity and claim–entity rows per multi-row INSERT at most (3 parameters each, under SQLite's default limit
/// of 32,766).
const LINKS_PER_STATEMENT: usize = 1_024;

/// Resolves a full id, a unique prefix (4+ characters) or a unique suffix (6+) in `table` (`article` or
/// `claim`).
pub(crate) fn resolve_prefix(
    conn: &Connection,
    table: &'static str,
    id_or_prefix: &str,
) -> Result<String> {
    crate::ids::resolve_id(conn, table, table, id_or_prefix)?.ok_or_else(|| StoreError::NotFound {
        what: table,
        id: id_or_prefix.to_string(),
    })
}

impl Store {
    /// Finds a claim by full id or unique id prefix (at least 4 characters).
    pub fn resolve_claim_id(&self, id_or_prefix: &str) -> Result<ClaimId> {
        parse_claim_id(&resolve_prefix(&self.conn, "claim", id_or_prefix)?)
    }

    /// One claim with its entities.
    pub fn get_claim(&self, id: ClaimId) -> Result<Claim> {
        let sql = format!("SELECT {CLAIM_COLUMNS} FROM claim c WHERE c.id = ?1");
        self.conn
            .prepare_cached(&sql)?
            .query_row(params![id.to_string()], raw_claim)
            .optional()?
            .ok_or_else(|| StoreError::NotFound {
                what: "claim",
                id: id.to_string(),
            })?
            .into_claim(&self.conn)
    }

    /// Claims matching `filter`, by article and position unless `by_checkworthiness` is set.
    pub fn list_claims(&self, filter: &ClaimFilter) -> Result<Vec<Claim>> {
        let mut sql = format!(
            "SELECT {CLAIM_COLUMNS} FROM claim c JOIN article a ON a.id = c.article_id WHERE 1=1"
        );
        let mut args: Vec<Box<dyn ToSql>> = Vec::new();
        if let Some(article) = filter.article_id {
            args.push(Box::new(article.to_string()));
            sql.push_str(&format!(" AND c.article_id = ?{}", args.len()));
        }
        if let Some(status) = filter.status {
            args.push(Box::new(status.as_str()));
            sql.push_str(&format!(" AND c.status = ?{}", args.len()));
        }
        if let Some(speaker) = &filter.speaker {
            args.push(Box::new(speaker.clone()));
            sql.push_str(&format!(" AND c.speaker = ?{}", args.len()));
        }
        if !filter.include_dismissed {
            sql.push_str(" AND c.dismissed = 0");
        }
        if filter.by_checkworthiness {
            sql.push_str(" ORDER BY c.checkworthiness DESC, c.pk");
        } else {
            sql.push_str(" ORDER BY a.published_at IS NULL, a.published_at, a.pk, c.span_start");
        }
        args.push(Box::new(filter.limit.map_or(-1, |l| l as i64)));
        sql.push_str(&format!(" LIMIT ?{}", args.len()));
        args.push(Box::new(filter.offset as i64));
        sql.push_str(&format!(" OFFSET ?{}", args.len()));
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let raws: Vec<RawClaim> = stmt
            .query_map(rusqlite::params_from_iter(args.iter()), raw_claim)?
            .collect::<rusqlite::Result<_>>()?;
        raws.into_iter().map(|r| r.into_claim(&self.conn)).collect()
    }

    /// Number of stored claims (dismissed included).
    pub fn count_claims(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("SELECT count(*) FROM claim", [], |r| r.get(0))?)
    }
}
