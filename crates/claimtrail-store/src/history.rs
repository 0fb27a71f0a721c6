//! The append-only change log. Every write in the store records its row here inside the same transaction.

use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

use crate::error::{Result, StoreError};
use crate::time;
use claimtrail_core::HistoryEntry;

/// Who is writing: the installation (one per database file) and the person, when known.
#[derive(Debug, Clone)]
pub struct Actor {
    pub installation_id: String,
    pub name: Option<String>,
}

/// What happened to a row.
#[derive(Debug, Clone, Copy)]
pub enum Op {
    Insert,
    Update,
    Delete,
}

impl Op {
    fn as_str(self) -> &'static str {
        match self {
            Op::Insert => "insert",
            Op::Update => "update",
            Op::Delete => "delete",
        }
    }
}

/// Appends one change to the log. Call it with the transaction that makes the change.
pub(crate) fn record<T: Serialize>(
    conn: &Connection,
    actor: &Actor,
    entity: &str,
    entity_id: &str,
    op: Op,
    data: &T,
) -> Result<()> {
    let json = serde_json::to_string(data)
        .map_err(|e| StoreError::Invalid(format!("history data: {e}")))?;
    conn.prepare_cached(
        "INSERT INTO history (entity, entity_id, op, data, actor, installation_id, at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        entity,
        entity_id,
        op.as_str(),
        json,
        actor.name,
        actor.installation_id,
        time::fmt(time::now())
    ])?;
    Ok(())
}

/// Rows per multi-row history INSERT (6 parameters each, under SQLite's default limit of 32,766).
const ROWS_PER_STATEMENT: usize = 4_000;

/// Appends many inserts of one entity type with multi-row statements (far cheaper than one statement each
/// inside an import). `rows` are `(entity_id, new values)`; the values are written as compact JSON.
pub(crate) fn record_inserts<T: Serialize>(
    conn: &Connection,
    actor: &Actor,
    entity: &str,
    rows: &[(String, T)],
) -> Result<()> {
    use crate::articles::{opt_text, text};
    let at = time::fmt(time::now());
    let data: Vec<String> = rows
        .iter()
        .map(|(_, d)| serde_json::to_string(d))
        .collect::<std::result::Result<_, _>>()
        .map_err(|e| StoreError::Invalid(format!("history data: {e}")))?;
    for (chunk, chunk_data) in rows
        .chunks(ROWS_PER_STATEMENT)
        .zip(data.chunks(ROWS_PER_STATEMENT))
    {
        let placeholders = vec!["(?, ?, 'insert', ?, ?, ?, ?)"; chunk.len()].join(", ");
        let sql = format!(
            "INSERT INTO history (entity, entity_id, op, data, actor, installation_id, at) VALUES {placeholders}"
        );
        let mut values: Vec<rusqlite::types::ToSqlOutput<'_>> = Vec::with_capacity(chunk.len() * 6);
        for ((id, _), data) in chunk.iter().zip(chunk_data) {
            values.extend([
                text(entity),
                text(id),
                text(data),
                opt_text(actor.name.as_deref()),
                text(&actor.installation_id),
                text(&at),
            ]);
        }
        conn.prepare(&sql)?
            .execute(rusqlite::params_from_iter(values))?;
    }
    Ok(())
}

/// Reads (or on first use creates) this database's installation id.
pub(crate) fn installation_id(conn: &Connection) -> Result<String> {
    let existing: Option<String> = conn
        .query_row(
            "SELECT value FROM meta WHERE key = 'installation_id'",
            [],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(id) = existing {
        return Ok(id);
    }
    let id = uuid::Uuid::new_v4().to_string();
    conn.execute(
        "INSERT OR IGNORE INTO meta (key, value) VALUES ('installation_id', ?1)",
        params![id],
    )?;
    conn.query_row(
        "SELECT value FROM meta WHERE key = 'installation_id'",
        [],
        |r| r.get(0),
    )
    .map_err(Into::into)
}

/// The latest `limit` log rows about one entity id (or of all rows when `entity_id` is `None`), oldest first.
pub(crate) fn entries(
    conn: &Connection,
    entity_id: Option<&str>,
    limit: usize,
) -> Result<Vec<HistoryEntry>> {
    let mut stmt = conn.prepare_cached(
        "SELECT seq, entity, entity_id, op, data, actor, installation_id, at FROM history
         WHERE (?1 IS NULL OR entity_id = ?1) ORDER BY seq DESC LIMIT ?2",
    )?;
    let rows = stmt.query_map(params![entity_id, limit as i64], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, String>(4)?,
            r.get::<_, Option<String>>(5)?,
            r.get::<_, String>(6)?,
            r.get::<_, String>(7)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (seq, entity, entity_id, op, data, actor, installation_id, at) = row?;
        out.push(HistoryEntry {
            seq,
            entity,
            entity_id,
            op,
            data: serde_json::from_str(&data)
                .map_err(|e| StoreError::Corrupt(format!("history {seq}: {e}")))?,
            actor,
            installation_id,
            at: time::parse(&at)?,
        });
    }
    out.reverse();
    Ok(out)
}
