//! Settings (reviewer, theme, database location) and the app's status.

use std::path::PathBuf;

use tauri::State;

use crate::dto::AppInfo;
use crate::error::{AppError, AppResult};
use crate::settings::{self as store_settings, Settings};
use crate::state::{open_store, AppState};

/// Version, open database and counts (the first-run screen shows when there are no articles).
#[tauri::command]
pub async fn app_info(state: State<'_, AppState>) -> AppResult<AppInfo> {
    info(&state).await
}

pub(crate) async fn info(state: &AppState) -> AppResult<AppInfo> {
    let settings = state.settings();
    let counts = state
        .with_store(|store| Ok((store.count_articles()?, store.count_claims()?)))
        .await;
    let (db_error, (articles, claims)) = match counts {
        Ok(c) => (None, c),
        Err(e) if e.code == "no_database" => (Some(e.message), (0, 0)),
        Err(e) => return Err(e),
    };
    Ok(AppInfo {
        version: env!("CARGO_PKG_VERSION").to_string(),
        db_path: state.db_path().map(|p| p.display().to_string()),
        db_error,
        articles: u32::try_from(articles).unwrap_or(u32::MAX),
        claims: u32::try_from(claims).unwrap_or(u32::MAX),
        settings,
        log_file: crate::log_file().map(|p| p.display().to_string()),
    })
}

/// The UI has drawn its first screen with data (logged once, with the milliseconds since the start): the
/// background worker may start now without slowing the first screen.
#[tauri::command]
pub fn ui_ready(state: State<'_, AppState>, page_ms: Option<f64>) {
    crate::ui_ready(page_ms);
    state.wake_jobs();
}

/// The saved settings.
#[tauri::command]
pub async fn get_settings(state: State<'_, AppState>) -> AppResult<Settings> {
    Ok(state.settings())
}

/// Saves reviewer name and theme (the database is changed with `open_database`).
#[tauri::command]
pub async fn save_settings(state: State<'_, AppState>, settings: Settings) -> AppResult<Settings> {
    let mut next = state.settings();
    next.reviewer = settings
        .reviewer
        .map(|r| r.trim().to_string())
        .filter(|r| !r.is_empty());
    next.theme = settings.theme;
    store_settings::save(state.config_dir(), &next)?;
    state.set_settings(next.clone());
    let reviewer = next.reviewer.clone();
    state
        .with_store(move |store| {
            store.set_actor_name(reviewer);
            Ok(())
        })
        .await
        .or_else(|e| {
            if e.code == "no_database" {
                Ok(())
            } else {
                Err(e)
            }
        })?;
    Ok(next)
}

/// Opens another database file (`create` allows a new one) and remembers it in Settings.
#[tauri::command]
pub async fn open_database(
    state: State<'_, AppState>,
    path: String,
    create: bool,
) -> AppResult<AppInfo> {
    let path = PathBuf::from(path.trim());
    if path.as_os_str().is_empty() {
        return Err(AppError::invalid("choose a database file"));
    }
    if !create && !path.is_file() {
        return Err(AppError::new(
            "not_found",
            format!("{} does not exist", path.display()),
        ));
    }
    if create && path.exists() {
        return Err(AppError::invalid(format!(
            "{} already exists; use Open to open it",
            path.display()
        )));
    }
    let mut next = state.settings();
    next.database = Some(path.display().to_string());
    let store = {
        let next = next.clone();
        let path = path.clone();
        tauri::async_runtime::spawn_blocking(move || open_store(&path, &next))
            .await
            .map_err(|e| AppError::internal(e.to_string()))??
    };
    store_settings::save(state.config_dir(), &next)?;
    state.set_settings(next);
    state.replace_store(store);
    tracing::info!(path = %path.display(), "database opened");
    info(&state).await
}
