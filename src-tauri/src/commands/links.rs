//! Links between claims and to published fact-checks, storylines, alerts and link settings; where the background
//! worker is in the link and score queues.

use std::path::PathBuf;

use tauri::State;

use claimtrail_core::{LinkKind, LinkState};
use claimtrail_store::{Alert, ClaimLinks, FactCheckImportReport, LinkChange, LinkSettings};

use crate::dto::JobProgressEvent;
use crate::error::{AppError, AppResult};
use crate::jobs::Job;
use crate::state::AppState;

/// A claim's suggested and confirmed links, its storyline and the verdicts carried over to it.
#[tauri::command]
pub async fn claim_links(state: State<'_, AppState>, id: String) -> AppResult<ClaimLinks> {
    let id = super::parse_claim_id(&id)?;
    state
        .with_store(move |store| Ok(store.claim_links(id)?))
        .await
}

/// Confirms or rejects a suggested link (or takes a decision back to `suggested`), optionally correcting its kind.
#[tauri::command]
pub async fn set_link_state(
    state: State<'_, AppState>,
    id: String,
    link_state: LinkState,
    kind: Option<LinkKind>,
) -> AppResult<LinkChange> {
    let id = super::parse_uuid(&id)?.to_string();
    state
        .with_store(move |store| Ok(store.set_link_state(&id, link_state, kind)?))
        .await
}

/// Where the background link suggestion is (`None` when nothing is being linked).
#[tauri::command]
pub async fn link_progress(state: State<'_, AppState>) -> AppResult<Option<JobProgressEvent>> {
    Ok(state.job_progress(Job::Links))
}

/// Where the background scoring is (`None` when no claim is being scored).
#[tauri::command]
pub async fn score_progress(state: State<'_, AppState>) -> AppResult<Option<JobProgressEvent>> {
    Ok(state.job_progress(Job::Scores))
}

/// Where the background embedding of fact-checks is (`None` when none is being embedded).
#[tauri::command]
pub async fn fact_check_progress(
    state: State<'_, AppState>,
) -> AppResult<Option<JobProgressEvent>> {
    Ok(state.job_progress(Job::FactChecks))
}

/// Claims waiting for the check-worthiness encoder.
#[tauri::command]
pub async fn pending_scores(state: State<'_, AppState>) -> AppResult<u32> {
    state
        .with_store(|store| Ok(u32::try_from(store.pending_scores()?).unwrap_or(u32::MAX)))
        .await
}

/// Claims waiting for link suggestion.
#[tauri::command]
pub async fn pending_links(state: State<'_, AppState>) -> AppResult<u32> {
    state
        .with_store(|store| Ok(u32::try_from(store.pending_links()?).unwrap_or(u32::MAX)))
        .await
}

/// Alerts not dismissed, newest first.
#[tauri::command]
pub async fn alerts(state: State<'_, AppState>) -> AppResult<Vec<Alert>> {
    state.with_store(|store| Ok(store.alerts(false)?)).await
}

/// Dismisses an alert.
#[tauri::command]
pub async fn dismiss_alert(state: State<'_, AppState>, id: String) -> AppResult<()> {
    let id = super::parse_uuid(&id)?.to_string();
    state
        .with_store(move |store| {
            store.dismiss_alert(&id)?;
            Ok(())
        })
        .await
}

/// The suggestion threshold and optional date window.
#[tauri::command]
pub async fn link_settings(state: State<'_, AppState>) -> AppResult<LinkSettings> {
    state.with_store(|store| Ok(store.link_settings()?)).await
}

/// Saves the suggestion threshold (0..1) and date window (days, or none).
#[tauri::command]
pub async fn save_link_settings(
    state: State<'_, AppState>,
    settings: LinkSettings,
) -> AppResult<LinkSettings> {
    if settings.window_days == Some(0) {
        return Err(AppError::invalid(
            "the date window must be at least one day (or empty for no limit)",
        ));
    }
    state
        .with_store(move |store| Ok(store.set_link_settings(settings)?))
        .await
}

/// Imports published fact-checks (schema.org ClaimReview JSON-LD, or the claim-matching TSV format) from files or
/// folders, and links stored claims to them.
#[tauri::command]
pub async fn import_fact_checks(
    state: State<'_, AppState>,
    paths: Vec<String>,
) -> AppResult<FactCheckImportReport> {
    if paths.is_empty() {
        return Err(AppError::invalid("no files were given"));
    }
    let paths: Vec<PathBuf> = paths.into_iter().map(PathBuf::from).collect();
    state
        .with_store(move |store| {
            let report = store.import_fact_checks(&paths);
            tracing::info!(
                added = report.added,
                merged = report.merged,
                failed = report.failed.len(),
                "fact-checks imported"
            );
            Ok(report)
        })
        .await
        // New fact-checks wait for their embeddings in the background.
        .inspect(|r| {
            if r.added > 0 {
                state.wake_jobs();
            }
        })
}

/// Number of stored fact-checks.
#[tauri::command]
pub async fn count_fact_checks(state: State<'_, AppState>) -> AppResult<u32> {
    state
        .with_store(|store| Ok(u32::try_from(store.count_fact_checks()?).unwrap_or(u32::MAX)))
        .await
}
