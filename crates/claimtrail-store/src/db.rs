//! The one place that opens SQLite connections and applies migrations.

use std::path::Path;
use std::sync::LazyLock;
use std::time::Duration;

use include_dir::{include_dir, Dir};
use rusqlite::Connection;
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
    conn.busy_timeout(Duration::from_secs(10))?;
    refuse_newer(&conn)?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    // 64 MiB page cache and in-memory temp tables: imports touch many index pages per article.
    conn.pragma_update(None, "cache_size", -65536)?;
    conn.pragma_update(None, "temp_store", "MEMORY")?;
    migrate(&mut conn)?;
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

/// Migrates to the latest schema, refusing databases newer than this build.
pub fn migrate(conn: &mut Connection) -> Result<()> {
    refuse_newer(conn)?;
    migrations()?.to_latest(conn)?;
    Ok(())
}

/// The schema version stored in the database (`PRAGMA user_version`).
pub fn schema_version(conn: &Connection) -> Result<usize> {
    let v: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    Ok(usize::try_from(v).unwrap_or(0))
}
