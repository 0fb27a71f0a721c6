//! The review queue: verdicts, undo and evidence.

use tauri::State;

use claimtrail_core::{Evidence, Review};
use claimtrail_store::queue::QueueFilter;
use claimtrail_store::ReviewInput;

use crate::dto::{QueueFacets, QueueQuery, QueueResult, VerdictInput};
use crate::error::{AppError, AppResult};
use crate::state::AppState;

/// One page of the queue, most check-worthy first.
#[tauri::command]
pub async fn queue(state: State<'_, AppState>, query: QueueQuery) -> AppResult<QueueResult> {
    let filter = QueueFilter {
        status: query.status,
        any_status: query.any_status,
        outlet: query.outlet,
        claimant: query.claimant,
        date_from: query.date_from,
        date_to: query.date_to,
        limit: if query.limit == 0 {
            100
        } else {
            query.limit as usize
        },
        offset: query.offset as usize,
    };
    state
        .with_store(move |store| Ok(store.queue(&filter)?.into()))
        .await
}

/// Outlets and claimants to offer in the queue's filters.
#[tauri::command]
pub async fn queue_facets(state: State<'_, AppState>) -> AppResult<QueueFacets> {
    state
        .with_store(|store| {
            let f = store.queue_facets()?;
            Ok(QueueFacets {
                outlets: f.outlets,
                claimants: f.claimants,
            })
        })
        .await
}

/// Records a verdict with the reviewer from Settings, the time and an optional note.
#[tauri::command]
pub async fn review_claim(state: State<'_, AppState>, input: VerdictInput) -> AppResult<Review> {
    if !input.status.is_verdict() && input.status != claimtrail_core::ClaimStatus::Unreviewed {
        return Err(AppError::invalid(format!(
            "`{}` is not a verdict",
            input.status
        )));
    }
    let reviewer = state.settings().reviewer;
    state
        .with_store(move |store| {
            Ok(store.review_claim(
                input.claim_id,
                ReviewInput {
                    status: input.status,
                    note: input.note,
                    reviewer,
                    evidence: Vec::new(),
                },
            )?)
        })
        .await
}

/// Undoes a verdict (recorded as a new review that restores the previous status).
#[tauri::command]
pub async fn undo_review(state: State<'_, AppState>, review_id: String) -> AppResult<Review> {
    let id = super::parse_uuid(&review_id)?;
    state
        .with_store(move |store| Ok(store.undo_review(id)?))
        .await
}

/// Attaches evidence: text starting with http(s):// is stored as a URL, anything else as a note.
#[tauri::command]
pub async fn add_evidence(
    state: State<'_, AppState>,
    claim_id: String,
    text: String,
    note: Option<String>,
) -> AppResult<Evidence> {
    let id = super::parse_claim_id(&claim_id)?;
    let text = text.trim().to_string();
    let (url, note) = if text.starts_with("http://") || text.starts_with("https://") {
        (Some(text), note)
    } else {
        let joined = [Some(text), note]
            .into_iter()
            .flatten()
            .filter(|s| !s.trim().is_empty())
            .collect::<Vec<_>>()
            .join("\n");
        (None, Some(joined))
    };
    state
        .with_store(move |store| Ok(store.add_evidence(id, url, note)?))
        .await
}

/// Removes a piece of evidence.
#[tauri::command]
pub async fn remove_evidence(state: State<'_, AppState>, id: String) -> AppResult<()> {
    let id = super::parse_uuid(&id)?;
    state
        .with_store(move |store| Ok(store.remove_evidence(id)?))
        .await
}
