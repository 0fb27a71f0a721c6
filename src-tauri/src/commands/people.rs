//! Person records across articles: the list, merge and split.

use tauri::State;

use claimtrail_store::Person;

use crate::error::AppResult;
use crate::state::AppState;

/// People who made or are named in claims, most claims said first; `query` keeps names containing it.
#[tauri::command]
pub async fn list_people(
    state: State<'_, AppState>,
    query: Option<String>,
    limit: Option<u32>,
) -> AppResult<Vec<Person>> {
    let limit = limit.map_or(500, |n| n as usize);
    state
        .with_store(move |store| Ok(store.people(query.as_deref(), limit)?))
        .await
}

/// Merges the person record `from` into `into` (entity ids of any of their names); returns the merged record.
#[tauri::command]
pub async fn merge_people(
    state: State<'_, AppState>,
    into: String,
    from: String,
) -> AppResult<Person> {
    let id = super::parse_uuid(&into)?.to_string();
    let from = super::parse_uuid(&from)?.to_string();
    state
        .with_store(move |store| Ok(store.merge_people(&id, &from)?))
        .await
}

/// Takes the merged name `id` out of its record; returns the record it left.
#[tauri::command]
pub async fn split_person(state: State<'_, AppState>, id: String) -> AppResult<Person> {
    let id = super::parse_uuid(&id)?.to_string();
    state
        .with_store(move |store| Ok(store.split_person(&id)?))
        .await
}
