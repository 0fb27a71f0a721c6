//! claimtrail-store: everything claimtrail keeps, in one SQLite file.
//!
//! Owns connection set-up ([`db`]), the embedded migrations, the repositories (articles, claims, reviews,
//! evidence), full-text search (FTS5) and the append-only history written in the same transaction as each
//! change. SQL lives here and nowhere else. It knows nothing of Tauri or of how text is displayed.

mod alerts;
mod articles;
pub mod backup;
mod claims;
pub mod db;
pub mod edit;
mod embeddings;
mod error;
mod export;
mod factchecks;
mod history;
mod ids;
mod import;
mod links;
mod people;
mod people_suggest;
pub mod queue;
mod reviews;
mod score;
mod search;
mod suggest;
mod time;
pub mod topics;

use std::path::{Path, PathBuf};

use rusqlite::Connection;

pub use alerts::Alert;
pub use articles::ImportOutcome;
pub use backup::{AutomaticBackup, BackupInfo, RestoreInfo};
pub use claims::ClaimFilter;
pub use embeddings::EmbeddedFactChecks;
pub use error::{Result, StoreError};
pub use export::ExportReport;
pub use factchecks::{FactCheck, FactCheckFailure, FactCheckFileReport, FactCheckImportReport};
pub use history::Actor;
pub use import::{Duplicate, Failed, ImportProgress, ImportReport, Imported};
pub use links::{
    Appearance, ClaimLinks, FactCheckMatch, LinkChange, LinkSettings, LinkView, Linked, MatchQuery,
    PropagatedVerdict, Storyline, SuggestReport,
};
pub use people::{Person, PersonName};
pub use people_suggest::PersonMergeSuggestion;
pub use reviews::ReviewInput;
pub use score::ScoreReport;
pub use topics::{TimelineFilter, TopicChange, TopicEdit, TopicInput};

/// The database used when none is named: `$CLAIMTRAIL_DB`, else `claimtrail.db` in the platform data
/// directory (`~/.local/share/claimtrail/claimtrail.db` on Linux). The CLI and the app share it.
pub fn default_db_path() -> PathBuf {
    if let Some(p) = std::env::var_os("CLAIMTRAIL_DB").filter(|p| !p.is_empty()) {
        return PathBuf::from(p);
    }
    dirs::data_dir()
        .unwrap_or_else(|| PathBuf::from("."))
        .join("claimtrail")
        .join("claimtrail.db")
}

/// An open claimtrail database.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    actor: Actor,
}

impl Store {
    /// Opens (creating and migrating if needed) the database at `path`.
    pub fn open(path: impl AsRef<Path>) -> Result<Self> {
        let path = path.as_ref().to_path_buf();
        let conn = db::open_connection(&path)?;
        let installation_id = history::installation_id(&conn)?;
        tracing::debug!(path = %path.display(), %installation_id, "database opened");
        Ok(Self {
            conn,
            path,
            actor: Actor {
                installation_id,
                name: None,
            },
        })
    }

    /// The file this store writes.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Names the person whose changes follow (recorded in history and reviews).
    pub fn set_actor_name(&mut self, name: Option<String>) {
        self.actor.name = name.filter(|n| !n.trim().is_empty());
    }

    /// Caps this connection's page cache (SQLite's own, on top of the operating system's file cache). `open`
    /// gives 64 MiB, which bulk imports use; a long-running process that mostly reads keeps less.
    pub fn set_cache_size_mib(&self, mib: u32) -> Result<()> {
        self.conn
            .pragma_update(None, "cache_size", -(i64::from(mib) * 1024))?;
        Ok(())
    }

    /// Gives back the memory this connection's cache holds beyond what is in use, and this thread's embedding
    /// indexes and word counts (after a long job).
    pub fn release_memory(&self) -> Result<()> {
        embeddings::release_indexes();
        links::release_row_counts();
        self.conn.release_memory()?;
        Ok(())
    }

    /// This database's installation id and the current actor.
    pub fn actor(&self) -> &Actor {
        &self.actor
    }

    /// Runs `PRAGMA integrity_check` and returns its verdict ("ok" when healthy).
    pub fn integrity_check(&self) -> Result<String> {
        Ok(self
            .conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))?)
    }

    /// Change-log rows about one id (or all of them), oldest first.
    pub fn history(
        &self,
        entity_id: Option<&str>,
        limit: usize,
    ) -> Result<Vec<claimtrail_core::HistoryEntry>> {
        history::entries(&self.conn, entity_id, limit)
    }

    /// Schema version of the open database.
    pub fn schema_version(&self) -> Result<usize> {
        db::schema_version(&self.conn)
    }
}
