//! The link worker: one background thread that works through the database's link queue (claims waiting for
//! link suggestion) after each import, at start-up when anything waits, and every [`IDLE_CHECK`] in case
//! another program (the CLI) queued claims.
//!
//! It has its own connection, so the commands never wait for it (SQLite lets a writer and readers work at
//! once, and each of its write transactions is short), and it takes the queue in small steps, reporting
//! `links://progress` `{done, total}` after each and `links://done` with what was added at the end; the UI then
//! re-reads alerts and links.

use std::path::PathBuf;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::Duration;

use tauri::{AppHandle, Emitter, Runtime};

use claimtrail_store::{Store, SuggestReport};

use crate::dto::{LinkProgressEvent, LinksDoneEvent};
use crate::state::{open_store, AppState};

/// Name of the event that reports progress through the link queue.
pub const LINKS_PROGRESS: &str = "links://progress";
/// Name of the event sent when the queue is empty again (alerts and links may have changed).
pub const LINKS_DONE: &str = "links://done";
/// Claims per step: a progress event after each (a step takes some 50-100 ms in a release build).
const STEP_CLAIMS: usize = 24;
/// How often an idle worker looks for claims queued by another program.
const IDLE_CHECK: Duration = Duration::from_secs(30);

/// Starts the worker thread for `state` and asks it to look at the queue once.
pub fn start<R: Runtime>(app: AppHandle<R>, state: AppState) {
    let (wake, woken) = mpsc::channel::<()>();
    state.set_link_waker(wake);
    let shared = state.clone();
    let spawned = std::thread::Builder::new()
        .name("claimtrail-links".into())
        .spawn(move || {
            let mut worker = Worker { store: None };
            loop {
                match woken.recv_timeout(IDLE_CHECK) {
                    Ok(()) | Err(RecvTimeoutError::Timeout) => {}
                    Err(RecvTimeoutError::Disconnected) => return,
                }
                // Several wake-ups while busy make one more run.
                while woken.try_recv().is_ok() {}
                worker.run(&app, &shared);
            }
        });
    match spawned {
        Ok(_) => state.wake_links(),
        Err(e) => {
            tracing::error!(error = %e, "cannot start the link worker; links are suggested at the next start")
        }
    }
}

struct Worker {
    /// The worker's own connection, to the database the app has open.
    store: Option<Store>,
}

impl Worker {
    /// The worker's store for the app's current database (reopened when the app switched databases).
    fn store_for(&mut self, state: &AppState) -> Option<&mut Store> {
        let path: PathBuf = state.current_db_path()?;
        if self.store.as_ref().is_none_or(|s| s.path() != path) {
            self.store = match open_store(&path, &state.settings()) {
                Ok(s) => Some(s),
                Err(e) => {
                    tracing::warn!(path = %path.display(), code = %e.code, message = %e.message, "link worker cannot open the database");
                    None
                }
            };
        }
        let store = self.store.as_mut()?;
        store.set_actor_name(state.settings().reviewer);
        Some(store)
    }

    /// Drains the queue, reporting progress; errors are logged and the rest waits for the next run.
    fn run<R: Runtime>(&mut self, app: &AppHandle<R>, state: &AppState) {
        let Some(store) = self.store_for(state) else {
            return;
        };
        let mut total = match store.pending_links() {
            Ok(0) => return,
            Ok(n) => n,
            Err(e) => {
                tracing::warn!(error = %e, "cannot read the link queue");
                return;
            }
        };
        let started = std::time::Instant::now();
        let mut added = SuggestReport::default();
        let report = |done: usize, total: usize| {
            let event = LinkProgressEvent {
                done: u32::try_from(done).unwrap_or(u32::MAX),
                total: u32::try_from(total).unwrap_or(u32::MAX),
            };
            state.set_link_progress(Some(event.clone()));
            if let Err(e) = app.emit(LINKS_PROGRESS, event) {
                tracing::warn!(error = %e, "cannot send link progress");
            }
        };
        report(0, total);
        let outcome = loop {
            match store.process_link_queue(STEP_CLAIMS) {
                Ok(r) if r.claims == 0 => break Ok(()),
                Ok(r) => {
                    added.claims += r.claims;
                    added.claim_links += r.claim_links;
                    added.fact_check_links += r.fact_check_links;
                    added.alerts += r.alerts;
                    // Another import may have queued more meanwhile.
                    let pending = store.pending_links().unwrap_or(0);
                    total = total.max(added.claims + pending);
                    report(added.claims, total);
                    if pending == 0 {
                        break Ok(());
                    }
                }
                Err(e) => break Err(e),
            }
        };
        if let Err(e) = &outcome {
            tracing::warn!(error = %e, "link suggestion stopped; the rest of the queue waits for the next run");
        }
        tracing::info!(
            claims = added.claims,
            claim_links = added.claim_links,
            fact_check_links = added.fact_check_links,
            alerts = added.alerts,
            seconds = started.elapsed().as_secs_f64(),
            "links suggested"
        );
        state.set_link_progress(None);
        // The worker then sleeps, maybe for hours: its cache is of no use until the next import.
        if let Err(e) = store.release_memory() {
            tracing::debug!(error = %e, "cannot release the link worker's cache");
        }
        let done = LinksDoneEvent {
            claims: u32::try_from(added.claims).unwrap_or(u32::MAX),
            claim_links: u32::try_from(added.claim_links).unwrap_or(u32::MAX),
            fact_check_links: u32::try_from(added.fact_check_links).unwrap_or(u32::MAX),
            alerts: u32::try_from(added.alerts).unwrap_or(u32::MAX),
        };
        if let Err(e) = app.emit(LINKS_DONE, done) {
            tracing::warn!(error = %e, "cannot send the end of link suggestion");
        }
    }
}
