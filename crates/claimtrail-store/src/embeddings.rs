//! Sentence embeddings of claims and fact-checks, stored 8-bit ([`claimtrail_core::link::dense`]) in
//! `claim_embedding` and `fact_check_embedding`, and the in-memory indexes that linking searches.
//!
//! The store does not compute embeddings (it does not know the encoder). Claims get theirs with their
//! encoder score ([`Store::refine_claims`]); for fact-checks a caller asks what is missing
//! ([`Store::fact_checks_to_embed`]), embeds the texts and hands the vectors back
//! ([`Store::store_fact_check_embeddings`], which also matches them with the claims again). An index is read
//! from its table once and kept per thread until the table changes (by this connection or another program),
//! and dropped by [`Store::release_memory`].
//!
//! From [`GRAPH_FROM`] vectors an index searches through an HNSW graph instead of reading every vector. Building
//! one takes minutes, so it is kept beside the database ([`graph_path`]): read back, checked and topped up with
//! the rows added since, saved again once [`SAVE_AFTER`] rows are new to it.

use std::sync::Arc;

use rusqlite::{params, Connection, OptionalExtension};

use crate::error::Result;
use crate::Store;
use claimtrail_core::link::dense::{dequantize, quantize, DenseIndex, Graph, GRAPH_FROM};

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

/// What an index was read from: the table's count of changes (`embedding_changes`, kept by triggers, migration
/// 12: reading it costs nothing, where counting the rows read the whole table) and its largest key. When the
/// changes since equal the rows above the last key, rows were only added.
type Version = (i64, i64);

/// An index as this thread last read it.
struct Cached {
    path: std::path::PathBuf,
    table: Table,
    version: Version,
    index: Arc<DenseIndex>,
    /// Vectors its graph holds that the saved graph does not.
    unsaved: usize,
}

/// Vectors a graph may hold beyond its saved copy before it is saved again (adding them to the saved copy when
/// it is next read takes about a second).
const SAVE_AFTER: usize = 2_000;

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

    /// How many claim embeddings the next link step will build a nearest-neighbour graph over, when it will:
    /// there are at least [`GRAPH_FROM`] of them, this thread holds no graph of them, and none is saved beside
    /// the database. Building one takes minutes (about 4 per million claims), where reading a saved one takes
    /// seconds, so a caller can say what the wait is for.
    pub fn claim_graph_to_build(&self) -> Result<Option<usize>> {
        graph_to_build(&self.conn, Table::Claims, GRAPH_FROM)
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
            "SELECT (SELECT changes FROM embedding_changes WHERE tbl = ?1),
                    (SELECT coalesce(max({key}), 0) FROM {name})"
        ))?
        .query_row(params![name], |r| Ok((r.get(0)?, r.get(1)?)))?;
    let cached = INDEXES.with(|c| {
        let mut c = c.borrow_mut();
        let i = c.iter().position(|x| x.path == path && x.table == table)?;
        Some(c.swap_remove(i))
    });
    let started = std::time::Instant::now();
    let (mut index, after, expect_added, mut unsaved) = match cached {
        Some(c) if c.version == version => {
            let index = Arc::clone(&c.index);
            INDEXES.with(|x| x.borrow_mut().push(c));
            return Ok(index);
        }
        // Rows added after the largest key read: read only those.
        Some(c) if version.1 > c.version.1 && version.0 > c.version.0 => {
            let index = Arc::try_unwrap(c.index).unwrap_or_else(|shared| (*shared).clone());
            (
                Some(index),
                c.version.1,
                Some(version.0 - c.version.0),
                c.unsaved,
            )
        }
        _ => (None, 0, None, 0),
    };
    let mut added = read_rows(conn, table, after, &mut index)?;
    if expect_added.is_some_and(|n| n != added) {
        // Some rows were also deleted or replaced: read it all again.
        index = None;
        unsaved = 0;
        added = read_rows(conn, table, 0, &mut index)?;
    }
    let mut index = index.unwrap_or_default();
    let graph_file = graph_path(&path, table);
    if index.has_graph() {
        unsaved += usize::try_from(added).unwrap_or(0);
    } else if index.len() >= GRAPH_FROM {
        unsaved = give_graph(&mut index, graph_file.as_deref());
    }
    if unsaved >= SAVE_AFTER {
        if let (Some(graph), Some(file)) = (index.graph(), &graph_file) {
            unsaved = save_graph(graph, file).map_or(unsaved, |()| 0);
        }
    }
    let index = Arc::new(index);
    tracing::debug!(
        table = name,
        vectors = index.len(),
        added,
        graph = index.has_graph(),
        ms = started.elapsed().as_secs_f64() * 1e3,
        "embedding index read"
    );
    INDEXES.with(|c| {
        c.borrow_mut().push(Cached {
            path,
            table,
            version,
            index: Arc::clone(&index),
            unsaved,
        })
    });
    Ok(index)
}

/// [`Store::claim_graph_to_build`] for any table and size from which a graph is built.
fn graph_to_build(conn: &Connection, table: Table, from: usize) -> Result<Option<usize>> {
    let path = std::path::PathBuf::from(conn.path().unwrap_or_default());
    let held = INDEXES.with(|c| {
        c.borrow()
            .iter()
            .any(|x| x.path == path && x.table == table && x.index.has_graph())
    });
    if held || graph_path(&path, table).is_some_and(|f| f.exists()) {
        return Ok(None);
    }
    // The largest key bounds the count and costs one index step; counting reads the whole table.
    let (name, key) = (table.name(), table.key());
    let largest: i64 = conn.query_row(
        &format!("SELECT coalesce(max({key}), 0) FROM {name}"),
        [],
        |r| r.get(0),
    )?;
    if usize::try_from(largest).unwrap_or(0) < from {
        return Ok(None);
    }
    let n: i64 = conn.query_row(&format!("SELECT count(*) FROM {name}"), [], |r| r.get(0))?;
    let n = usize::try_from(n).unwrap_or(0);
    Ok((n >= from).then_some(n))
}

/// Where the graph of a table's embeddings is kept: beside the database, named after it (`None` for a
/// database in memory). Deleting the file only costs building the graph again.
fn graph_path(db: &std::path::Path, table: Table) -> Option<std::path::PathBuf> {
    if db.as_os_str().is_empty() {
        return None;
    }
    let mut name = db.as_os_str().to_owned();
    name.push(format!("-{}.usearch", table.name()));
    Some(name.into())
}

/// Gives a large index its graph: the saved one, with the vectors it lacks added, else a new one (about
/// 4,200 vectors a second here: 4 minutes for a million), saved at once. Returns how many vectors the graph
/// holds beyond its saved copy. On failure the index keeps searching exactly.
fn give_graph(index: &mut DenseIndex, file: Option<&std::path::Path>) -> usize {
    let started = std::time::Instant::now();
    if let Some(file) = file.filter(|f| f.exists()) {
        let name = file.display().to_string();
        match Graph::load(file, index.dim()).and_then(|g| index.attach_graph(g, &name)) {
            Ok(added) => {
                tracing::info!(
                    file = %name,
                    vectors = index.len(),
                    added,
                    ms = started.elapsed().as_secs_f64() * 1e3,
                    "nearest-neighbour graph read"
                );
                return added;
            }
            Err(e) => tracing::warn!(error = %e, "saved graph not used: building it again"),
        }
    }
    let threads = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    if let Err(e) = index.build_graph(threads) {
        tracing::warn!(error = %e, "no nearest-neighbour graph: searching every vector");
        return 0;
    }
    tracing::info!(
        vectors = index.len(),
        seconds = started.elapsed().as_secs_f64(),
        "nearest-neighbour graph built"
    );
    match (index.graph(), file) {
        (Some(graph), Some(file)) => save_graph(graph, file).map_or(index.len(), |()| 0),
        _ => 0,
    }
}

/// Writes a graph beside the database: to a temporary file first, then renamed over the old one, so that
/// another program reading it never sees half a graph.
fn save_graph(graph: &Graph, file: &std::path::Path) -> std::result::Result<(), ()> {
    let mut tmp = file.as_os_str().to_owned();
    tmp.push(format!(".{}.tmp", std::process::id()));
    let tmp = std::path::PathBuf::from(tmp);
    let saved = graph
        .save(&tmp)
        .map_err(|e| e.to_string())
        .and_then(|()| std::fs::rename(&tmp, file).map_err(|e| e.to_string()));
    saved.map_err(|error| {
        let _ = std::fs::remove_file(&tmp);
        tracing::warn!(file = %file.display(), %error, "nearest-neighbour graph not saved");
    })
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

#[cfg(test)]
mod tests {
    use super::*;

    fn vectors(n: usize) -> DenseIndex {
        let mut index = DenseIndex::new(8);
        for i in 0..n {
            let v: Vec<f32> = (0..8)
                .map(|j| ((i * 31 + j * 17) % 23) as f32 - 11.0)
                .collect();
            index.push(i as i64 + 1, &quantize(&v));
        }
        index
    }

    #[test]
    fn an_index_sees_a_vector_another_connection_replaced(
    ) -> std::result::Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let db = dir.path().join("r.db");
        let tsv = dir.path().join("c.tsv");
        std::fs::write(
            &tsv,
            "vclaim_id\tdate\tspeaker\tverdict\tvclaim\ttitle\n\
             a\t2024-01-01\tX\tfalse\tThe bridge was closed twice.\tT\n\
             b\t2024-01-02\tY\ttrue\tBus fares rose.\tT\n",
        )?;
        let mut store = Store::open(&db)?;
        store.import_fact_checks(&[tsv]);
        let rows: Vec<(i64, Vec<f32>)> = store
            .fact_checks_to_embed(10)?
            .into_iter()
            .map(|(pk, _)| (pk, vec![1.0, 0.0, 0.0]))
            .collect();
        store.store_fact_check_embeddings(&rows)?;
        let first = rows[0].0;
        assert_eq!(index(&store.conn, Table::FactChecks)?.len(), 2);
        // Another program gives the first fact-check another vector: same count, same largest key.
        let mut other = Store::open(&db)?;
        other.store_fact_check_embeddings(&[(first, vec![0.0, 1.0, 0.0])])?;
        let seen = index(&store.conn, Table::FactChecks)?;
        assert_eq!(seen.len(), 2);
        assert_eq!(seen.vector(first), Some(vec![0.0, 127.0, 0.0]));
        Ok(())
    }

    #[test]
    fn a_graph_to_build_is_named_until_one_is_held_or_saved(
    ) -> std::result::Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let db = dir.path().join("g.db");
        let tsv = dir.path().join("c.tsv");
        let mut lines = String::from("vclaim_id\tdate\tspeaker\tverdict\tvclaim\ttitle\n");
        for i in 0..12 {
            lines.push_str(&format!(
                "v{i}\t2024-01-01\tX\tfalse\tThe bridge was closed {i} times.\tT\n"
            ));
        }
        std::fs::write(&tsv, lines)?;
        let mut store = Store::open(&db)?;
        store.import_fact_checks(&[tsv]);
        assert_eq!(graph_to_build(&store.conn, Table::FactChecks, 10)?, None);
        let rows: Vec<(i64, Vec<f32>)> = store
            .fact_checks_to_embed(100)?
            .into_iter()
            .enumerate()
            .map(|(i, (pk, _))| (pk, vec![1.0, i as f32, 0.5]))
            .collect();
        store.store_fact_check_embeddings(&rows)?;
        // 12 vectors, a graph from 10 and none anywhere: the next step builds one.
        assert_eq!(
            graph_to_build(&store.conn, Table::FactChecks, 10)?,
            Some(12)
        );
        assert_eq!(graph_to_build(&store.conn, Table::FactChecks, 13)?, None);
        // The claims' table has no vectors: nothing to build there.
        assert_eq!(store.claim_graph_to_build()?, None);
        // Once saved beside the database, reading it back is quick: nothing to announce.
        let file = graph_path(&db, Table::FactChecks).ok_or("no path")?;
        let mut built = vectors(12);
        give_graph(&mut built, Some(&file));
        assert!(file.exists());
        assert_eq!(graph_to_build(&store.conn, Table::FactChecks, 10)?, None);
        Ok(())
    }

    #[test]
    fn a_graph_is_saved_beside_the_database_and_read_back(
    ) -> std::result::Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let db = dir.path().join("c.db");
        let file = graph_path(&db, Table::Claims).ok_or("no path")?;
        assert_eq!(file, dir.path().join("c.db-claim_embedding.usearch"));
        assert_eq!(graph_path(std::path::Path::new(""), Table::Claims), None);

        let mut first = vectors(300);
        assert_eq!(give_graph(&mut first, Some(&file)), 0, "built and saved");
        assert!(first.has_graph() && file.exists());
        // Read back by another reader of the same vectors and 5 more: only those are added.
        let mut second = vectors(305);
        assert_eq!(give_graph(&mut second, Some(&file)), 5);
        assert!(second.has_graph());
        // A damaged file is built again (and replaced).
        std::fs::write(&file, b"not a graph")?;
        let mut third = vectors(300);
        assert_eq!(give_graph(&mut third, Some(&file)), 0);
        assert!(third.has_graph());
        assert!(Graph::load(&file, 8).is_ok());
        Ok(())
    }
}
