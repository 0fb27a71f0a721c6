use thiserror::Error;

/// Errors of the store, one variant per failure a caller can act on.
#[derive(Debug, Error)]
pub enum StoreError {
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("cannot open database {path}: {source}")]
    Open {
        path: String,
        #[source]
        source: rusqlite::Error,
    },
    #[error("database migration failed: {0}")]
    Migration(#[from] rusqlite_migration::Error),
    #[error(
        "this database was written by a newer claimtrail (schema version {found}, this version knows up to {supported}); \
         it was left untouched: upgrade claimtrail to open it"
    )]
    NewerSchema { found: usize, supported: usize },
    #[error("no {what} with id `{id}`")]
    NotFound { what: &'static str, id: String },
    #[error("id prefix `{id}` matches more than one {what}; give more characters")]
    Ambiguous { what: &'static str, id: String },
    #[error("invalid input: {0}")]
    Invalid(String),
    #[error("stored data is corrupt: {0}")]
    Corrupt(String),
    #[error("{path} already exists; pass --force to overwrite it")]
    BackupExists { path: String },
    #[error("{path} already exists; pass --force to overwrite it")]
    FileExists { path: String },
    #[error(transparent)]
    Export(#[from] claimtrail_core::export::ExportError),
    #[error("{path} is not a claimtrail database: {reason}")]
    NotClaimtrail { path: String, reason: String },
    /// The scorer given to [`crate::Store::process_score_queue`] failed (the batch stays queued).
    #[error("scoring failed: {0}")]
    Scoring(#[source] Box<dyn std::error::Error + Send + Sync>),
    #[error("{action} {path}: {source}")]
    Io {
        action: &'static str,
        path: String,
        #[source]
        source: std::io::Error,
    },
}

impl StoreError {
    /// A short machine-readable code (used in the app's `{code, message}` errors).
    pub fn code(&self) -> &'static str {
        match self {
            StoreError::Sqlite(_) => "database",
            StoreError::Open { .. } => "open_failed",
            StoreError::Migration(_) => "migration",
            StoreError::NewerSchema { .. } => "newer_schema",
            StoreError::NotFound { .. } => "not_found",
            StoreError::Ambiguous { .. } => "ambiguous_id",
            StoreError::Invalid(_) => "invalid_input",
            StoreError::Corrupt(_) => "corrupt",
            StoreError::BackupExists { .. } => "backup_exists",
            StoreError::FileExists { .. } => "file_exists",
            StoreError::Export(e) if e.is_settings() => "export_settings",
            StoreError::Export(_) => "export_failed",
            StoreError::NotClaimtrail { .. } => "not_claimtrail",
            StoreError::Io { .. } => "io",
            StoreError::Scoring(_) => "scoring",
        }
    }
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// Maps an I/O error on `path` to [`StoreError::Io`], saying what was being done (`"cannot write"`, ...).
pub(crate) fn io_err<'a>(
    action: &'static str,
    path: &'a std::path::Path,
) -> impl FnOnce(std::io::Error) -> StoreError + 'a {
    move |source| StoreError::Io {
        action,
        path: path.display().to_string(),
        source,
    }
}
