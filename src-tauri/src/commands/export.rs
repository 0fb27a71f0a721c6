//! Exports (ClaimReview JSON-LD, CSV, JSON) and the ClaimReview rating scale and publisher. The IPC payload
//! `ExportInput` lives here (exported to TypeScript by `tests/bindings.rs`).

use std::path::PathBuf;

use serde::Deserialize;
use tauri::State;
use ts_rs::TS;

use claimtrail_core::export::{ClaimReviewSettings, ExportFilter, ExportFormat};
use claimtrail_store::ExportReport;

use crate::error::{AppError, AppResult};
use crate::state::AppState;

/// An export the user asked for: the format, which claims, and the file chosen in the Save dialog.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct ExportInput {
    pub format: ExportFormat,
    pub filter: ExportFilter,
    /// The file to write (exactly this path; the export never writes anywhere else).
    pub path: String,
    /// Replace the file if it exists (the UI asks first; without it an existing file fails with
    /// `file_exists`).
    pub overwrite: bool,
}

/// Writes the export and says how many claims went into it.
#[tauri::command]
pub async fn export_claims(
    state: State<'_, AppState>,
    input: ExportInput,
) -> AppResult<ExportReport> {
    let path = PathBuf::from(input.path.trim());
    if path.as_os_str().is_empty() {
        return Err(AppError::invalid("choose a file to export to"));
    }
    state
        .with_store(move |store| {
            Ok(store.export_to(input.format, &input.filter, &path, input.overwrite)?)
        })
        .await
}

/// The ClaimReview rating scale and publisher.
#[tauri::command]
pub async fn claimreview_settings(state: State<'_, AppState>) -> AppResult<ClaimReviewSettings> {
    state
        .with_store(|store| Ok(store.claimreview_settings()?))
        .await
}

/// Saves the rating scale and publisher (a bad scale fails with `invalid_input` and the reason).
#[tauri::command]
pub async fn save_claimreview_settings(
    state: State<'_, AppState>,
    settings: ClaimReviewSettings,
) -> AppResult<ClaimReviewSettings> {
    state
        .with_store(move |store| Ok(store.set_claimreview_settings(settings)?))
        .await
}

/// Goes back to the default scale and no publisher.
#[tauri::command]
pub async fn reset_claimreview_settings(
    state: State<'_, AppState>,
) -> AppResult<ClaimReviewSettings> {
    state
        .with_store(|store| Ok(store.reset_claimreview_settings()?))
        .await
}
