//! Managed state: the open store behind a `std::sync::Mutex` (a rusqlite connection is `Send` but not `Sync`)
//! and the settings. Store work runs on the blocking pool; no lock is ever held across an `.await`.
//! It also holds what the background worker ([`crate::jobs`]) shares with the commands: how to wake it and
//! where it is.

use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;
use std::sync::{Arc, Mutex, MutexGuard};

use claimtrail_store::Store;

use crate::dto::JobProgressEvent;
use crate::error::{AppError, AppResult};
use crate::jobs::Job;
use crate::settings::{self, Settings};

struct Inner {
    store: Mutex<Option<Store>>,
    /// The open database's path, readable without waiting for the store (an import holds it for long).
    db_path: Mutex<Option<PathBuf>>,
    settings: Mutex<Settings>,
    config_dir: PathBuf,
    /// Wakes the background worker (absent until it is started, e.g. in command tests).
    jobs_waker: Mutex<Option<Sender<()>>>,
    /// The background worker's progress through the link queue while it runs.
    link_progress: Mutex<Option<JobProgressEvent>>,
    /// ... and through the score queue.
    score_progress: Mutex<Option<JobProgressEvent>>,
    /// ... and through the fact-checks waiting for embeddings.
    fact_check_progress: Mutex<Option<JobProgressEvent>>,
}

impl Inner {
    fn new(store: Option<Store>, settings: Settings, config_dir: &Path) -> Self {
        Self {
            db_path: Mutex::new(store.as_ref().map(|s| s.path().to_path_buf())),
            store: Mutex::new(store),
            settings: Mutex::new(settings),
            config_dir: config_dir.to_path_buf(),
            jobs_waker: Mutex::new(None),
            link_progress: Mutex::new(None),
            score_progress: Mutex::new(None),
            fact_check_progress: Mutex::new(None),
        }
    }
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
        let state = Self(Arc::new(Inner::new(store, settings, config_dir)));
        (state, error)
    }

    /// State with the database at `db_path` opened directly (for tests and scripted use).
    pub fn with_database(config_dir: &Path, db_path: &Path) -> AppResult<Self> {
        let settings = settings::load(config_dir);
        let store = open_store(db_path, &settings)?;
        Ok(Self(Arc::new(Inner::new(
            Some(store),
            settings,
            config_dir,
        ))))
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

    /// Swaps in another database (already opened); the background worker looks at its queues.
    pub fn replace_store(&self, store: Store) {
        let path = store.path().to_path_buf();
        *lock(&self.0.store) = Some(store);
        *lock(&self.0.db_path) = Some(path);
        self.wake_jobs();
    }

    /// Path of the open database, if any.
    pub fn db_path(&self) -> Option<PathBuf> {
        lock(&self.0.store).as_ref().map(|s| s.path().to_path_buf())
    }

    /// Path of the open database without waiting for the store (which a running import holds).
    pub fn current_db_path(&self) -> Option<PathBuf> {
        lock(&self.0.db_path).clone()
    }

    /// Asks the background worker to work through the link and score queues (nothing happens when it is not
    /// running).
    pub fn wake_jobs(&self) {
        if let Some(wake) = lock(&self.0.jobs_waker).as_ref() {
            // A send fails only when the worker has stopped; the queues then wait for the next start.
            let _ = wake.send(());
        }
    }

    pub(crate) fn set_jobs_waker(&self, wake: Sender<()>) {
        *lock(&self.0.jobs_waker) = Some(wake);
    }

    fn progress_slot(&self, job: Job) -> &Mutex<Option<JobProgressEvent>> {
        match job {
            Job::Links => &self.0.link_progress,
            Job::Scores => &self.0.score_progress,
            Job::FactChecks => &self.0.fact_check_progress,
        }
    }

    /// Where the background worker is in `job`'s queue (`None` when it is not working on it).
    pub fn job_progress(&self, job: Job) -> Option<JobProgressEvent> {
        lock(self.progress_slot(job)).clone()
    }

    pub(crate) fn set_job_progress(&self, job: Job, progress: Option<JobProgressEvent>) {
        *lock(self.progress_slot(job)) = progress;
    }
}

/// SQLite page cache per app connection. The app stays open all day and mostly reads; the operating system
/// keeps the file's pages cached as well, so the CLI's 64 MiB per connection would only raise idle memory.
const APP_CACHE_MIB: u32 = 8;

/// Opens a store and names the reviewer for its writes.
pub fn open_store(path: &Path, settings: &Settings) -> AppResult<Store> {
    let mut store = Store::open(path)?;
    store.set_cache_size_mib(APP_CACHE_MIB)?;
    store.set_actor_name(settings.reviewer.clone());
    Ok(store)
}

/// Locks a mutex, recovering the data if a previous holder panicked.
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}
