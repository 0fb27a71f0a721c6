//! The one place that opens SQLite connections and applies migrations.

use std::path::Path;
use std::sync::LazyLock;
use std::time::Duration;

use include_dir::{include_dir, Dir};
use rusqlite::{Connection, TransactionBehavior};
use rusqlite_migration::{Migrations, SchemaVersion};

use crate::error::{Result, StoreError};

static MIGRATIONS_DIR: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/../../migrations");

static MIGRATIONS: LazyLock<std::result::Result<Migrations<'static>, String>> =
    LazyLock::new(|| Migrations::from_directory(&MIGRATIONS_DIR).map_err(|e| e.to_string()));

/// The embedded migrations (from `migrations/NNNN-name/up.sql`).
pub fn migrations() -> Result<&'static Migrations<'static>> {
    MIGRATIONS
        .as_ref()
        .map_err(|e| StoreError::Corrupt(format!("embedded migrations are invalid: {e}")))
}

/// Number of schema versions this build knows.
pub fn latest_version() -> usize {
    MIGRATIONS_DIR.dirs().count()
}

/// Opens (creating if needed) the database at `path`, sets the connection pragmas and migrates it to the
/// latest schema. A database from a newer claimtrail is refused before anything is written.
pub fn open_connection(path: &Path) -> Result<Connection> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(|e| StoreError::Open {
            path: path.display().to_string(),
            source: rusqlite::Error::ToSqlConversionFailure(Box::new(e)),
        })?;
    }
    let mut conn = Connection::open(path).map_err(|source| StoreError::Open {
        path: path.display().to_string(),
        source,
    })?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    // Write transactions take the write lock when they begin, so waiting for another writer goes through the
    // busy timeout. A deferred transaction that reads first and then writes gets SQLITE_BUSY at once when
    // another process committed in between (WAL snapshots cannot be upgraded), and the write is lost.
    conn.set_transaction_behavior(TransactionBehavior::Immediate);
    refuse_newer(&conn)?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    // An import lets the WAL grow to 64 MiB (`import::IMPORT_WAL_PAGES`); the file is cut back to this size
    // when a checkpoint empties it, instead of staying at its largest beside the database.
    conn.pragma_update(None, "journal_size_limit", 8 * 1024 * 1024)?;
    // 64 MiB page cache and in-memory temp tables: imports touch many index pages per article.
    conn.pragma_update(None, "cache_size", -65536)?;
    conn.pragma_update(None, "temp_store", "MEMORY")?;
    // Room for the multi-row INSERTs of an import (a few power-of-two sizes each, see
    // `history::statement_rows`) besides the everyday statements, so none is parsed again per group.
    conn.set_prepared_statement_cache_capacity(64);
    migrate(&mut conn)?;
    Ok(conn)
}

/// How long a connection waits for another writer (the app, a CLI run, an import) before failing.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(30);

/// Opens a database file as it is, without pragmas or migrations: only for copying whole databases
/// (backups, restore sources), never for reading or writing claimtrail data.
pub(crate) fn open_unmigrated(path: &Path, read_only: bool) -> Result<Connection> {
    let conn =
        Connection::open_with_flags(path, crate::backup::flags(read_only)).map_err(|source| {
            StoreError::Open {
                path: path.display().to_string(),
                source,
            }
        })?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    Ok(conn)
}

/// Fails with [`StoreError::NewerSchema`] when the database was written by a newer claimtrail.
fn refuse_newer(conn: &Connection) -> Result<()> {
    if let SchemaVersion::Outside(v) = migrations()?.current_version(conn)? {
        return Err(StoreError::NewerSchema {
            found: v.get(),
            supported: latest_version(),
        });
    }
    Ok(())
}

/// Migrates to the latest schema, refusing databases newer than this build. An existing database that is
/// about to change is first copied to `backups/` next to it (the newest few are kept).
pub fn migrate(conn: &mut Connection) -> Result<()> {
    refuse_newer(conn)?;
    let from = schema_version(conn)?;
    if from > 0 && from < latest_version() {
        if let Some(path) = conn
            .path()
            .filter(|p| !p.is_empty())
            .map(std::path::PathBuf::from)
        {
            let saved =
                crate::backup::automatic(conn, &path, crate::backup::Kind::PreMigration { from })?;
            tracing::info!(from, to = latest_version(), backup = %saved.path.display(), "migrating database");
        }
    }
    migrations()?.to_latest(conn)?;
    Ok(())
}

/// The schema version stored in the database (`PRAGMA user_version`).
pub fn schema_version(conn: &Connection) -> Result<usize> {
    let v: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    Ok(usize::try_from(v).unwrap_or(0))
}
