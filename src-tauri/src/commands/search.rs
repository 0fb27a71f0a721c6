//! Full-text search over articles and claims.

use tauri::State;

use claimtrail_core::SearchHit;

use crate::error::AppResult;
use crate::state::AppState;

/// Articles and claims matching `query`, best first.
#[tauri::command]
pub async fn search(
    state: State<'_, AppState>,
    query: String,
    limit: Option<u32>,
) -> AppResult<Vec<SearchHit>> {
    let limit = limit.unwrap_or(50).clamp(1, 500) as usize;
    state
        .with_store(move |store| Ok(store.search(&query, limit)?))
        .await
}
