//! The background-jobs worker: one thread that works through the database's queues of derived work after each
//! import or claim edit, at start-up when anything waits, and every [`IDLE_CHECK`] in case another program (the
//! CLI) queued claims. Two queues, in this order:
//! - the link queue (claims waiting for link suggestion): `links://progress` `{done, total}` after each step
//!   and `links://done` with what was added; the UI then re-reads alerts and links;
//! - the score queue (claims waiting for the check-worthiness encoder): `scores://progress` `{done, total}` and
//!   `scores://done`; the UI then re-reads the review queue, whose order the scores decide. Scoring stops
//!   between steps when new claims wait for links, so links of a new import never wait for a long scoring run.
//!
//! It has its own connection, so the commands never wait for it (SQLite lets a writer and readers work at
//! once, and each of its write transactions is short), and it takes each queue in small steps.

use std::path::PathBuf;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::Duration;

use serde::Serialize;
use tauri::{AppHandle, Emitter, Runtime};

use claimtrail_store::{ScoreReport, Store, StoreError, SuggestReport};

use crate::dto::{JobProgressEvent, LinksDoneEvent, ScoresDoneEvent};
use crate::state::{open_store, AppState};

/// Name of the event that reports progress through the link queue.
pub const LINKS_PROGRESS: &str = "links://progress";
/// Name of the event sent when the link queue is empty again (alerts and links may have changed).
pub const LINKS_DONE: &str = "links://done";
/// Name of the event that reports progress through the score queue.
pub const SCORES_PROGRESS: &str = "scores://progress";
/// Name of the event sent when the score queue is empty again (check-worthiness scores changed).
pub const SCORES_DONE: &str = "scores://done";
/// How often an idle worker looks for claims queued by another program.
const IDLE_CHECK: Duration = Duration::from_secs(30);

/// The queues the worker drains.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Job {
    Links,
    Scores,
}

impl Job {
    fn progress_event(self) -> &'static str {
        match self {
            Job::Links => LINKS_PROGRESS,
            Job::Scores => SCORES_PROGRESS,
        }
    }

    /// Claims per step: a progress event after each (a step of either takes some 50-300 ms in a release build).
    fn step(self) -> usize {
        match self {
            Job::Links => 24,
            Job::Scores => 32,
        }
    }
}

/// One queue as the worker sees it: how much waits, how to take a step, and what to say at the end.
trait Queue {
    const JOB: Job;
    fn pending(store: &Store) -> Result<usize, StoreError>;
    /// Takes up to `n` claims off the queue; returns how many it took.
    fn step(&mut self, store: &mut Store, n: usize) -> Result<usize, StoreError>;
    /// Whether to stop between steps and let the run start over (more urgent work arrived).
    fn should_yield(_store: &Store) -> bool {
        false
    }
    fn done_event(&self) -> (&'static str, impl Serialize + Clone);
    fn log(&self, seconds: f64);
}

#[derive(Default)]
struct LinkQueue(SuggestReport);

impl Queue for LinkQueue {
    const JOB: Job = Job::Links;

    fn pending(store: &Store) -> Result<usize, StoreError> {
        store.pending_links()
    }

    fn step(&mut self, store: &mut Store, n: usize) -> Result<usize, StoreError> {
        let r = store.process_link_queue(n)?;
        self.0.claims += r.claims;
        self.0.claim_links += r.claim_links;
        self.0.fact_check_links += r.fact_check_links;
        self.0.alerts += r.alerts;
        Ok(r.claims)
    }

    fn done_event(&self) -> (&'static str, impl Serialize + Clone) {
        (
            LINKS_DONE,
            LinksDoneEvent {
                claims: count(self.0.claims),
                claim_links: count(self.0.claim_links),
                fact_check_links: count(self.0.fact_check_links),
                alerts: count(self.0.alerts),
            },
        )
    }

    fn log(&self, seconds: f64) {
        tracing::info!(
            claims = self.0.claims,
            claim_links = self.0.claim_links,
            fact_check_links = self.0.fact_check_links,
            alerts = self.0.alerts,
            seconds,
            "links suggested"
        );
    }
}

struct ScoreQueue<'e> {
    encoder: &'e claimtrail_encoder::Encoder,
    report: ScoreReport,
}

impl Queue for ScoreQueue<'_> {
    const JOB: Job = Job::Scores;

    fn pending(store: &Store) -> Result<usize, StoreError> {
        store.pending_scores()
    }

    fn step(&mut self, store: &mut Store, n: usize) -> Result<usize, StoreError> {
        let encoder = self.encoder;
        let r = store.process_score_queue(n, |texts: &[&str]| encoder.score(texts))?;
        self.report.claims += r.claims;
        self.report.scored += r.scored;
        Ok(r.claims)
    }

    fn should_yield(store: &Store) -> bool {
        store.pending_links().unwrap_or(0) > 0
    }

    fn done_event(&self) -> (&'static str, impl Serialize + Clone) {
        (
            SCORES_DONE,
            ScoresDoneEvent {
                claims: count(self.report.claims),
                scored: count(self.report.scored),
            },
        )
    }

    fn log(&self, seconds: f64) {
        tracing::info!(
            claims = self.report.claims,
            scored = self.report.scored,
            seconds,
            "claims scored"
        );
    }
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Starts the worker thread for `state` and asks it to look at the queues once.
pub fn start<R: Runtime>(app: AppHandle<R>, state: AppState) {
    let (wake, woken) = mpsc::channel::<()>();
    state.set_jobs_waker(wake);
    let shared = state.clone();
    let spawned = std::thread::Builder::new()
        .name("claimtrail-jobs".into())
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
        Ok(_) => state.wake_jobs(),
        Err(e) => {
            tracing::error!(error = %e, "cannot start the background worker; links and scores wait for the next start")
        }
    }
}

/// How a drain of one queue ended.
enum Drained {
    /// Nothing waits (or an error stopped it: the rest waits for the next run).
    Done,
    /// It stopped early for more urgent work: run again.
    Yielded,
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
                    tracing::warn!(path = %path.display(), code = %e.code, message = %e.message, "background worker cannot open the database");
                    None
                }
            };
        }
        let store = self.store.as_mut()?;
        store.set_actor_name(state.settings().reviewer);
        Some(store)
    }

    /// Drains the queues, then gives back the memory the run used: the worker then sleeps, maybe for hours, and
    /// its page cache and the encoder are of no use until the next import.
    fn run<R: Runtime>(&mut self, app: &AppHandle<R>, state: &AppState) {
        self.drain_queues(app, state);
        if let Some(store) = self.store.as_ref() {
            if let Err(e) = store.release_memory() {
                tracing::debug!(error = %e, "cannot release the background worker's cache");
            }
        }
    }

    /// Drains the link queue, then the score queue, until neither yields.
    fn drain_queues<R: Runtime>(&mut self, app: &AppHandle<R>, state: &AppState) {
        loop {
            let Some(store) = self.store_for(state) else {
                return;
            };
            drain(LinkQueue::default(), store, app, state);
            let has_scores = matches!(store.pending_scores(), Ok(n) if n > 0);
            if !has_scores {
                return;
            }
            // Loaded for this run and dropped after it (some 100 MB, and a fraction of a second to load).
            let encoder = match claimtrail_encoder::Encoder::load_shipped() {
                Ok(e) => e,
                Err(e) => {
                    tracing::error!(error = %e, "cannot score claims: the encoder did not load");
                    return;
                }
            };
            let queue = ScoreQueue {
                encoder: &encoder,
                report: ScoreReport::default(),
            };
            match drain(queue, store, app, state) {
                Drained::Done => return,
                Drained::Yielded => continue,
            }
        }
    }
}

/// Works through one queue in steps, reporting progress; errors are logged and the rest waits for the next run.
fn drain<Q: Queue, R: Runtime>(
    mut queue: Q,
    store: &mut Store,
    app: &AppHandle<R>,
    state: &AppState,
) -> Drained {
    let job = Q::JOB;
    let mut total = match Q::pending(store) {
        Ok(0) => return Drained::Done,
        Ok(n) => n,
        Err(e) => {
            tracing::warn!(?job, error = %e, "cannot read the queue");
            return Drained::Done;
        }
    };
    let started = std::time::Instant::now();
    let report = |done: usize, total: usize| {
        let event = JobProgressEvent {
            done: count(done),
            total: count(total),
        };
        state.set_job_progress(job, Some(event.clone()));
        if let Err(e) = app.emit(job.progress_event(), event) {
            tracing::warn!(?job, error = %e, "cannot send progress");
        }
    };
    report(0, total);
    let mut done = 0;
    let mut drained = Drained::Done;
    loop {
        match queue.step(store, job.step()) {
            Ok(0) => break,
            Ok(n) => {
                done += n;
                // Another import may have queued more meanwhile.
                let pending = Q::pending(store).unwrap_or(0);
                total = total.max(done + pending);
                report(done, total);
                if pending == 0 {
                    break;
                }
                if Q::should_yield(store) {
                    drained = Drained::Yielded;
                    break;
                }
            }
            Err(e) => {
                tracing::warn!(?job, error = %e, "background job stopped; the rest of the queue waits for the next run");
                break;
            }
        }
    }
    queue.log(started.elapsed().as_secs_f64());
    state.set_job_progress(job, None);
    let (name, event) = queue.done_event();
    if let Err(e) = app.emit(name, event) {
        tracing::warn!(?job, error = %e, "cannot send the end of a background job");
    }
    drained
}
