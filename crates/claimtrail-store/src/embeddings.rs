//! Sentence embeddings of claims and fact-checks, stored 8-bit ([`claimtrail_core::link::dense`]) in
//! `claim_embedding` and `fact_check_embedding`, and the in-memory indexes that linking searches.
//!
//! The store does not compute embeddings (it does not know the encoder). Claims get theirs with their
//! encoder score ([`Store::refine_claims`]); for fact-checks a caller asks what is missing
//! ([`Store::fact_checks_to_embed`]), embeds the texts and hands the vectors back
//! ([`Store::store_fact_check_embeddings`]). An index is read from its table once and kept per thread until
//! the table changes (by this connection or another program), and dropped by [`Store::release_memory`].

use std::sync::Arc;

use rusqlite::{params, Connection, OptionalExtension};

use crate::error::Result;
use crate::Store;
use claimtrail_core::link::dense::{dequantize, quantize, DenseIndex};

/// What [`Store::store_fact_check_embeddings`] did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct EmbeddedFactChecks {
    /// Embeddings stored.
    pub stored: usize,
    /// Links to claims suggested by matching those fact-checks again with their embeddings.
    pub links: usize,
}

/// A table of embeddings and its key column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Table {
    Claims,
    FactChecks,
}

impl Table {
    fn name(self) -> &'static str {
        match self {
            Table::Claims => "claim_embedding",
            Table::FactChecks => "fact_check_embedding",
        }
    }

    fn key(self) -> &'static str {
        match self {
            Table::Claims => "claim_pk",
            Table::FactChecks => "fact_check_pk",
        }
    }
}

/// What an index was read from: the table's row count and largest key. A vector replaced under the same key
/// between two reads with nothing else changed (a claim edited and encoded again within one worker run) goes
/// unseen until the worker's next run, which reads the index afresh ([`release_indexes`]).
type Version = (i64, i64);

/// An index as this thread last read it.
struct Cached {
    path: std::path::PathBuf,
    table: Table,
    version: Version,
    index: Arc<DenseIndex>,
}

thread_local! {
    static INDEXES: std::cell::RefCell<Vec<Cached>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Forgets the indexes this thread holds (a long-lived worker between runs; they are read again when needed).
pub(crate) fn release_indexes() {
    INDEXES.with(|c| c.borrow_mut().clear());
}

impl Store {
    /// Fact-checks that have no embedding yet, oldest first: their key and the text to embed (the claim).
    pub fn fact_checks_to_embed(&self, limit: usize) -> Result<Vec<(i64, String)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT fc.pk, fc.claim FROM fact_check fc
             WHERE NOT EXISTS (SELECT 1 FROM fact_check_embedding e WHERE e.fact_check_pk = fc.pk)
             ORDER BY fc.pk LIMIT ?1",
        )?;
        let rows = stmt.query_map(params![limit as i64], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Stores embeddings of fact-checks (keys from [`Store::fact_checks_to_embed`]), replacing any they had, in
    /// one transaction; keys of fact-checks deleted meanwhile are skipped. Then matches each stored fact-check
    /// with the claims again, now also by meaning: at its import it was matched by words only, so a claim that
    /// says the same in other words is suggested (and alerted on) only now.
    pub fn store_fact_check_embeddings(
        &mut self,
        vectors: &[(i64, Vec<f32>)],
    ) -> Result<EmbeddedFactChecks> {
        let tx = self.conn.transaction()?;
        let mut ids = Vec::new();
        {
            let mut stmt = tx.prepare_cached(
                "INSERT OR REPLACE INTO fact_check_embedding (fact_check_pk, vector)
                 SELECT pk, ?2 FROM fact_check WHERE pk = ?1",
            )?;
            let mut id = tx.prepare_cached("SELECT id FROM fact_check WHERE pk = ?1")?;
            for (pk, v) in vectors {
                if stmt.execute(params![pk, quantize(v)])? > 0 {
                    ids.push(id.query_row(params![pk], |r| r.get::<_, String>(0))?);
                }
            }
        }
        tx.commit()?;
        let links = match self.link_new_fact_checks(&ids) {
            Ok(n) => n,
            Err(e) => {
                tracing::warn!(error = %e, "matching embedded fact-checks to claims failed");
                0
            }
        };
        Ok(EmbeddedFactChecks {
            stored: ids.len(),
            links,
        })
    }

    /// How many claims have an embedding.
    pub fn count_claim_embeddings(&self) -> Result<usize> {
        self.count_embeddings(Table::Claims)
    }

    /// How many fact-checks have an embedding.
    pub fn count_fact_check_embeddings(&self) -> Result<usize> {
        self.count_embeddings(Table::FactChecks)
    }

    fn count_embeddings(&self, table: Table) -> Result<usize> {
        let n: i64 =
            self.conn
                .query_row(&format!("SELECT count(*) FROM {}", table.name()), [], |r| {
                    r.get(0)
                })?;
        Ok(usize::try_from(n).unwrap_or(0))
    }
}

/// The index of a table's embeddings (empty when there are none), kept per thread and database. When rows
/// were only added since this thread last read it (an import, the worker's last step), only those are read;
/// any other change reads the table again.
pub(crate) fn index(conn: &Connection, table: Table) -> Result<Arc<DenseIndex>> {
    let path = std::path::PathBuf::from(conn.path().unwrap_or_default());
    let (name, key) = (table.name(), table.key());
    let version: Version = conn
        .prepare_cached(&format!(
            "SELECT count(*), coalesce(max({key}), 0) FROM {name}"
        ))?
        .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    let cached = INDEXES.with(|c| {
        let mut c = c.borrow_mut();
        let i = c.iter().position(|x| x.path == path && x.table == table)?;
        Some(c.swap_remove(i))
    });
    let started = std::time::Instant::now();
    let (mut index, after, expect_added) = match cached {
        Some(c) if c.version == version => {
            let index = Arc::clone(&c.index);
            INDEXES.with(|x| x.borrow_mut().push(c));
            return Ok(index);
        }
        // Rows added after the largest key read: read only those.
        Some(c) if version.1 > c.version.1 && version.0 > c.version.0 => {
            let index = Arc::try_unwrap(c.index).unwrap_or_else(|shared| (*shared).clone());
            (Some(index), c.version.1, Some(version.0 - c.version.0))
        }
        _ => (None, 0, None),
    };
    let mut added = read_rows(conn, table, after, &mut index)?;
    if expect_added.is_some_and(|n| n != added) {
        // Some rows were also deleted or replaced: read it all again.
        index = None;
        added = read_rows(conn, table, 0, &mut index)?;
    }
    let index = Arc::new(index.unwrap_or_default());
    tracing::debug!(
        table = name,
        vectors = index.len(),
        added,
        ms = started.elapsed().as_secs_f64() * 1e3,
        "embedding index read"
    );
    INDEXES.with(|c| {
        c.borrow_mut().push(Cached {
            path,
            table,
            version,
            index: Arc::clone(&index),
        })
    });
    Ok(index)
}

/// Adds the rows of `table` with a key above `after` to `index` (made on the first row); returns how many.
fn read_rows(
    conn: &Connection,
    table: Table,
    after: i64,
    index: &mut Option<DenseIndex>,
) -> Result<i64> {
    let (name, key) = (table.name(), table.key());
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {key}, vector FROM {name} WHERE {key} > ?1 ORDER BY {key}"
    ))?;
    let mut rows = stmt.query(params![after])?;
    let mut added = 0i64;
    while let Some(row) = rows.next()? {
        let pk: i64 = row.get(0)?;
        let bytes: Vec<u8> = row.get(1)?;
        let index = index.get_or_insert_with(|| DenseIndex::new(bytes.len()));
        if index.push(pk, &bytes) {
            added += 1;
        } else {
            tracing::warn!(
                table = name,
                pk,
                len = bytes.len(),
                "embedding of another length skipped"
            );
        }
    }
    Ok(added)
}

/// A claim's stored embedding (in its stored scale), if it has one.
pub(crate) fn claim_embedding(conn: &Connection, claim_pk: i64) -> Result<Option<Vec<f32>>> {
    let bytes: Option<Vec<u8>> = conn
        .prepare_cached("SELECT vector FROM claim_embedding WHERE claim_pk = ?1")?
        .query_row(params![claim_pk], |r| r.get(0))
        .optional()?;
    Ok(bytes.map(|b| dequantize(&b)))
}

/// A fact-check's stored embedding (in its stored scale), if it has one.
pub(crate) fn fact_check_embedding(conn: &Connection, id: &str) -> Result<Option<Vec<f32>>> {
    let bytes: Option<Vec<u8>> = conn
        .prepare_cached(
            "SELECT e.vector FROM fact_check_embedding e JOIN fact_check fc ON fc.pk = e.fact_check_pk
             WHERE fc.id = ?1",
        )?
        .query_row(params![id], |r| r.get(0))
        .optional()?;
    Ok(bytes.map(|b| dequantize(&b)))
}

/// Writes a claim's embedding, in the caller's transaction.
pub(crate) fn store_claim_embedding(conn: &Connection, claim_pk: i64, v: &[f32]) -> Result<()> {
    conn.prepare_cached(
        "INSERT OR REPLACE INTO claim_embedding (claim_pk, vector) VALUES (?1, ?2)",
    )?
    .execute(params![claim_pk, quantize(v)])?;
    Ok(())
}
