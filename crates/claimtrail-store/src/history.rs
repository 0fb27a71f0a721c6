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
    let json = json(data)?;
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

/// Rows per multi-row history INSERT at most (6 parameters each, under SQLite's default limit of 32,766).
const ROWS_PER_STATEMENT: usize = 1_024;

/// How many of `left` rows the next multi-row statement takes: the largest power of two not above `left` or
/// `max` (a power of two). Statements then come in a few sizes only, so their SQL (thousands of placeholders,
/// slow to parse) is prepared once and found again in the connection's statement cache.
pub(crate) fn statement_rows(left: usize, max: usize) -> usize {
    if left >= max {
        max
    } else {
        1 << left.max(1).ilog2()
    }
}

/// The row ranges of `len` rows cut into multi-row statements of [`statement_rows`] sizes.
pub(crate) fn statement_ranges(
    len: usize,
    max: usize,
) -> impl Iterator<Item = std::ops::Range<usize>> {
    let mut start = 0;
    std::iter::from_fn(move || {
        (start < len).then(|| {
            let n = statement_rows(len - start, max);
            start += n;
            start - n..start
        })
    })
}

/// Runs one multi-row `INSERT`: `head` is the statement up to `VALUES`, `row` the placeholders of one row, and
/// `values` the parameters of `rows` rows in order. Callers cut their rows with [`statement_ranges`], so the
/// SQL comes in a few sizes, each prepared once and found again in the connection's statement cache.
pub(crate) fn insert_rows(
    conn: &Connection,
    head: &str,
    row: &str,
    rows: usize,
    values: Vec<rusqlite::types::ToSqlOutput<'_>>,
) -> Result<()> {
    let sql = format!("{head} VALUES {}", vec![row; rows].join(", "));
    conn.prepare_cached(&sql)?
        .execute(rusqlite::params_from_iter(values))?;
    Ok(())
}

/// A change's data as the log stores it: compact JSON.
pub(crate) fn json<T: Serialize + ?Sized>(data: &T) -> Result<String> {
    serde_json::to_string(data).map_err(|e| StoreError::Invalid(format!("history data: {e}")))
}

/// Appends many inserts of one entity type with multi-row statements (far cheaper than one statement each
/// inside an import). `rows` are `(entity_id, new values)`; the values are written as compact JSON.
pub(crate) fn record_inserts<I: AsRef<str>, T: Serialize>(
    conn: &Connection,
    actor: &Actor,
    entity: &str,
    rows: &[(I, T)],
) -> Result<()> {
    let data: Vec<String> = rows.iter().map(|(_, d)| json(d)).collect::<Result<_>>()?;
    let rows: Vec<(&str, &str)> = rows
        .iter()
        .zip(&data)
        .map(|((id, _), d)| (id.as_ref(), d.as_str()))
        .collect();
    record_json(conn, actor, entity, &rows)
}

/// [`record_inserts`] of data already written as JSON (an import makes it on its reading thread): rows are
/// `(entity_id, JSON)`.
pub(crate) fn record_json(
    conn: &Connection,
    actor: &Actor,
    entity: &str,
    rows: &[(&str, &str)],
) -> Result<()> {
    use crate::articles::{opt_text, text};
    let at = time::fmt(time::now());
    for range in statement_ranges(rows.len(), ROWS_PER_STATEMENT) {
        let chunk = &rows[range];
        let mut values: Vec<rusqlite::types::ToSqlOutput<'_>> = Vec::with_capacity(chunk.len() * 6);
        for &(id, data) in chunk {
            values.extend([
                text(entity),
                text(id),
                text(data),
                opt_text(actor.name.as_deref()),
                text(&actor.installation_id),
                text(&at),
            ]);
        }
        insert_rows(
            conn,
            "INSERT INTO history (entity, entity_id, op, data, actor, installation_id, at)",
            "(?, ?, 'insert', ?, ?, ?, ?)",
            chunk.len(),
            values,
        )?;
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

#[cfg(test)]
mod statement_rows_tests {
    use super::{statement_ranges, statement_rows, ROWS_PER_STATEMENT};

    #[test]
    fn rows_are_taken_in_powers_of_two() {
        let ranges: Vec<_> = statement_ranges(4_700, 4_096).collect();
        let sizes: Vec<usize> = ranges.iter().map(|r| r.len()).collect();
        assert_eq!(sizes, [4_096, 512, 64, 16, 8, 4]);
        assert_eq!(ranges.first().map(|r| r.start), Some(0));
        assert_eq!(ranges.last().map(|r| r.end), Some(4_700));
        assert!(ranges.windows(2).all(|w| w[0].end == w[1].start));
        assert_eq!(statement_rows(1, 4_096), 1);
        assert_eq!(statement_rows(9_000, 4_096), 4_096);
        assert_eq!(statement_rows(1_500, ROWS_PER_STATEMENT), 1_024);
    }
}
