//! Backups from the app: the schedule (shared with `claimtrail backup --every`), a backup to a chosen file,
//! the list of automatic backups, and restore. The scheduler thread in `lib.rs` takes due backups.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};
use tauri::State;
use ts_rs::TS;

use claimtrail_store::{AutomaticBackup, Store};

use crate::error::{AppError, AppResult};
use crate::state::AppState;

/// One backup file.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct BackupFile {
    pub path: String,
    pub bytes: u64,
    /// `manual`, `scheduled`, `pre_migration` or `pre_restore`.
    pub kind: String,
    /// ISO-8601 UTC, when known.
    pub taken_at: Option<String>,
}

impl From<AutomaticBackup> for BackupFile {
    fn from(b: AutomaticBackup) -> Self {
        Self {
            path: b.path.display().to_string(),
            bytes: b.bytes,
            kind: b.kind.to_string(),
            taken_at: b.taken_at.map(|t| t.to_rfc3339()),
        }
    }
}

/// The backup section of Settings.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct BackupStatus {
    /// Hours between scheduled backups; `None` when off.
    pub every_hours: Option<u32>,
    /// Where automatic backups go (`backups/` beside the database).
    pub folder: String,
    /// The newest automatic backups first (the last 5 of each kind are kept).
    pub recent: Vec<BackupFile>,
}

/// What a restore did.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct RestoreResult {
    pub from: String,
    /// Where the database as it was before the restore was saved.
    pub previous_saved_to: String,
}

fn status(store: &Store) -> AppResult<BackupStatus> {
    Ok(BackupStatus {
        every_hours: store.backup_schedule()?,
        folder: store.backups_dir().display().to_string(),
        recent: store
            .automatic_backups()
            .into_iter()
            .map(BackupFile::from)
            .collect(),
    })
}

fn chosen_path(path: &str) -> AppResult<PathBuf> {
    let path = PathBuf::from(path.trim());
    if path.as_os_str().is_empty() {
        return Err(AppError::invalid("choose a file"));
    }
    Ok(path)
}

/// Schedule, folder and recent automatic backups.
#[tauri::command]
pub async fn backup_status(state: State<'_, AppState>) -> AppResult<BackupStatus> {
    state.with_store(|store| status(store)).await
}

/// Sets the hours between scheduled backups (`None` or 0 turns them off) and takes one now if it is due.
#[tauri::command]
pub async fn set_backup_schedule(
    state: State<'_, AppState>,
    every_hours: Option<u32>,
) -> AppResult<BackupStatus> {
    if every_hours.is_some_and(|h| h > 24 * 365) {
        return Err(AppError::invalid("choose at most one backup a year"));
    }
    state
        .with_store(move |store| {
            store.set_backup_schedule(every_hours)?;
            store.backup_if_due()?;
            status(store)
        })
        .await
}

/// Writes a consistent copy of the database to `path` (the file chosen in the save dialog, which has
/// already asked about replacing an existing file).
#[tauri::command]
pub async fn backup_now(state: State<'_, AppState>, path: String) -> AppResult<BackupFile> {
    let out = chosen_path(&path)?;
    state
        .with_store(move |store| {
            let info = store.backup_to(&out, true)?;
            Ok(BackupFile {
                path: info.path.display().to_string(),
                bytes: info.bytes,
                kind: "manual".into(),
                taken_at: Some(chrono::Utc::now().to_rfc3339()),
            })
        })
        .await
}

/// Replaces the open database's content with the backup at `path`; the current content is saved to the
/// backups folder first.
#[tauri::command]
pub async fn restore_backup(state: State<'_, AppState>, path: String) -> AppResult<RestoreResult> {
    let input = chosen_path(&path)?;
    state
        .with_store(move |store| {
            let info = store.restore_from(&input)?;
            Ok(RestoreResult {
                from: info.from.display().to_string(),
                previous_saved_to: info.previous_saved_to.display().to_string(),
            })
        })
        .await
}

/// Takes a scheduled backup if one is due (called by the scheduler thread). Errors are logged.
pub fn backup_if_due(state: &AppState) {
    match state.with_store_blocking(|store| Ok(store.backup_if_due()?)) {
        Ok(Some(b)) => tracing::info!(path = %b.path.display(), "scheduled backup taken"),
        Ok(None) => {}
        Err(e) if e.code == "no_database" => {}
        Err(e) => tracing::warn!(code = %e.code, message = %e.message, "scheduled backup failed"),
    }
}
