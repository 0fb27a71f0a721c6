//! Managed state: the open store behind a `std::sync::Mutex` (a rusqlite connection is `Send` but not `Sync`)
//! and the settings. Store work runs on the blocking pool; no lock is ever held across an `.await`.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};

use claimtrail_store::Store;

use crate::error::{AppError, AppResult};
use crate::settings::{self, Settings};

struct Inner {
    store: Mutex<Option<Store>>,
    settings: Mutex<Settings>,
    config_dir: PathBuf,
}

/// Shared app state (cheap to clone).
#[derive(Clone)]
pub struct AppState(Arc<Inner>);

impl AppState {
    /// Loads settings from `config_dir` and opens (creating if needed) the database they name.
    /// A database that cannot be opened leaves the store closed; the UI then offers to pick another.
    pub fn load(config_dir: &Path) -> (Self, Option<AppError>) {
        let settings = settings::load(config_dir);
        let path = settings::database_path(&settings);
        let (store, error) = match open_store(&path, &settings) {
            Ok(s) => (Some(s), None),
            Err(e) => {
                tracing::error!(path = %path.display(), error = %e, "cannot open database");
                (None, Some(e))
            }
        };
        let state = Self(Arc::new(Inner {
            store: Mutex::new(store),
            settings: Mutex::new(settings),
            config_dir: config_dir.to_path_buf(),
        }));
        (state, error)
    }

    /// State with the database at `db_path` opened directly (for tests and scripted use).
    pub fn with_database(config_dir: &Path, db_path: &Path) -> AppResult<Self> {
        let settings = settings::load(config_dir);
        let store = open_store(db_path, &settings)?;
        Ok(Self(Arc::new(Inner {
            store: Mutex::new(Some(store)),
            settings: Mutex::new(settings),
            config_dir: config_dir.to_path_buf(),
        })))
    }

    pub fn config_dir(&self) -> &Path {
        &self.0.config_dir
    }

    pub fn settings(&self) -> Settings {
        lock(&self.0.settings).clone()
    }

    pub fn set_settings(&self, settings: Settings) {
        *lock(&self.0.settings) = settings;
    }

    /// Runs `f` with the open store on the blocking thread pool.
    pub async fn with_store<T, F>(&self, f: F) -> AppResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut Store) -> AppResult<T> + Send + 'static,
    {
        let state = self.clone();
        tauri::async_runtime::spawn_blocking(move || state.with_store_blocking(f))
            .await
            .map_err(|e| AppError::internal(format!("background task failed: {e}")))?
    }

    /// Runs `f` with the open store on this thread (for background threads, never the async runtime).
    pub fn with_store_blocking<T>(
        &self,
        f: impl FnOnce(&mut Store) -> AppResult<T>,
    ) -> AppResult<T> {
        let mut guard = lock(&self.0.store);
        let store = guard.as_mut().ok_or_else(|| {
            AppError::new("no_database", "no database is open; choose one in Settings")
        })?;
        f(store)
    }

    /// Swaps in another database (already opened).
    pub fn replace_store(&self, store: Store) {
        *lock(&self.0.store) = Some(store);
    }

    /// Path of the open database, if any.
    pub fn db_path(&self) -> Option<PathBuf> {
        lock(&self.0.store).as_ref().map(|s| s.path().to_path_buf())
    }
}

/// Opens a store and names the reviewer for its writes.
pub fn open_store(path: &Path, settings: &Settings) -> AppResult<Store> {
    let mut store = Store::open(path)?;
    store.set_actor_name(settings.reviewer.clone());
    Ok(store)
}

/// Locks a mutex, recovering the data if a previous holder panicked.
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}
