//! Person records across articles: the list, merge and split, and merge suggestions.

use tauri::State;

use claimtrail_store::{Person, PersonMergeSuggestion};

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

/// Pairs of person records that are probably one person, most claims first (at most `limit`, default 20).
#[tauri::command]
pub async fn person_merge_suggestions(
    state: State<'_, AppState>,
    limit: Option<u32>,
) -> AppResult<Vec<PersonMergeSuggestion>> {
    let limit = limit.map_or(20, |n| n as usize);
    state
        .with_store(move |store| Ok(store.person_merge_suggestions(limit)?))
        .await
}

/// The person records of the names `a` and `b` are not one person: the pair is not suggested again.
#[tauri::command]
pub async fn dismiss_person_merge(
    state: State<'_, AppState>,
    a: String,
    b: String,
) -> AppResult<()> {
    let a = super::parse_uuid(&a)?.to_string();
    let b = super::parse_uuid(&b)?.to_string();
    state
        .with_store(move |store| {
            store.dismiss_person_merge(&a, &b)?;
            Ok(())
        })
        .await
}

/// Takes back [`dismiss_person_merge`]: the pair may be suggested again.
#[tauri::command]
pub async fn restore_person_merge(
    state: State<'_, AppState>,
    a: String,
    b: String,
) -> AppResult<()> {
    let a = super::parse_uuid(&a)?.to_string();
    let b = super::parse_uuid(&b)?.to_string();
    state
        .with_store(move |store| {
            store.restore_person_merge(&a, &b)?;
            Ok(())
        })
        .await
}
