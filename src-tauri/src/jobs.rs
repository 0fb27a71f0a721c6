//! The background-jobs worker: one thread that works through the database's queues of derived work after each
//! import, claim edit or fact-check import, once the UI has drawn its first screen, and every [`IDLE_CHECK`] in
//! case another program (the CLI) queued claims. Three queues, in this order:
//! - the link queue (claims waiting for link suggestion): each step first has the encoder score and embed the
//!   claims it takes, so linking compares their embeddings; `links://progress` `{done, total}` after each step
//!   and `links://done` with what was added; the UI then re-reads alerts and links;
//! - the score queue (claims waiting for the check-worthiness encoder, such as those of an upgraded database):
//!   `scores://progress` `{done, total}` and `scores://done`; the UI then re-reads the review queue, whose order
//!   the scores decide (`scores://done` also follows a link run that scored claims);
//! - fact-checks without an embedding: `factchecks://progress` and `factchecks://done`.
//!
//! The last two stop between steps when new claims wait for links, so links of a new import never wait for a
//! long run.
//!
//! The encoder runs in a child process ([`ScorerCommand`]: the app's own binary with [`SCORER_FLAG`]) that lives
//! for one scoring run, so the app gives back the encoder's memory (weights and working heap, some 150 MB)
//! when the run ends; the worker keeps the database work.
//!
//! It has its own connection, so the commands never wait for it (SQLite lets a writer and readers work at
//! once, and each of its write transactions is short), and it takes each queue in small steps.

use std::path::PathBuf;
use std::process::{Command, ExitCode};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::Duration;

use serde::Serialize;
use tauri::{AppHandle, Emitter, Runtime};

use claimtrail_encoder::{EncoderError, EncoderProcess};
use claimtrail_store::{ScoreReport, Store, StoreError, SuggestReport};

use crate::dto::{FactChecksDoneEvent, JobProgressEvent, LinksDoneEvent, ScoresDoneEvent};
use crate::state::{open_store, AppState};

/// Name of the event that reports progress through the link queue.
pub const LINKS_PROGRESS: &str = "links://progress";
/// Name of the event sent when the link queue is empty again (alerts and links may have changed).
pub const LINKS_DONE: &str = "links://done";
/// Name of the event that reports progress through the score queue.
pub const SCORES_PROGRESS: &str = "scores://progress";
/// Name of the event sent when the score queue is empty again (check-worthiness scores changed).
pub const SCORES_DONE: &str = "scores://done";
/// Name of the event that reports progress through the fact-checks waiting for their embedding.
pub const FACT_CHECKS_PROGRESS: &str = "factchecks://progress";
/// Name of the event sent when every fact-check has its embedding.
pub const FACT_CHECKS_DONE: &str = "factchecks://done";
/// How often an idle worker looks for claims queued by another program.
const IDLE_CHECK: Duration = Duration::from_secs(30);
/// How long the worker waits at start-up for the UI's first screen (or an import) before it looks at the
/// queues: work left from last time must not slow the window's first screen.
const FIRST_LOOK: Duration = Duration::from_secs(3);

/// The argument that makes the app's binary serve scores on stdin/stdout instead of opening a window.
pub const SCORER_FLAG: &str = "--serve-scores";

/// How the worker starts the scorer process: a program that, given [`SCORER_FLAG`], calls [`serve_scores`].
#[derive(Debug, Clone)]
pub struct ScorerCommand {
    program: PathBuf,
}

impl ScorerCommand {
    /// The app's binary at `program` (the command tests name the built app).
    pub fn app_binary(program: PathBuf) -> ScorerCommand {
        ScorerCommand { program }
    }

    /// The running program itself (the app).
    pub fn current_exe() -> std::io::Result<ScorerCommand> {
        Ok(ScorerCommand::app_binary(std::env::current_exe()?))
    }

    fn command(&self) -> Command {
        let mut command = Command::new(&self.program);
        command.arg(SCORER_FLAG);
        command
    }
}

/// The scorer process's `main`: scores what arrives on stdin until it closes (see
/// [`claimtrail_encoder::process`]). Its logs go to stderr, which it shares with the app.
pub fn serve_scores() -> ExitCode {
    let _ = claimtrail_log::init(claimtrail_log::LogConfig {
        file_name: "claimtrail-scorer.log",
        stderr: "warn",
        file: "info",
    });
    let stdin = std::io::stdin().lock();
    let stdout = std::io::stdout().lock();
    match claimtrail_encoder::process::serve(stdin, stdout) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            tracing::warn!(error = %e, "the scorer process stopped");
            ExitCode::FAILURE
        }
    }
}

/// The queues the worker drains.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Job {
    Links,
    Scores,
    FactChecks,
}

impl Job {
    fn progress_event(self) -> &'static str {
        match self {
            Job::Links => LINKS_PROGRESS,
            Job::Scores => SCORES_PROGRESS,
            Job::FactChecks => FACT_CHECKS_PROGRESS,
        }
    }

    /// Claims per step: a progress event after each (a step of either takes some 50-300 ms in a release build).
    fn step(self) -> usize {
        match self {
            Job::Links => 24,
            Job::Scores => 32,
            Job::FactChecks => 64,
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
    /// Vectors the first step will build a nearest-neighbour graph over (minutes of work), when it will.
    fn building_index(_store: &Store) -> Option<usize> {
        None
    }
    fn done_event(&self) -> (&'static str, impl Serialize + Clone);
    fn log(&self, seconds: f64);
}

/// The encoder process of one run, started when first needed; `None` inside when it could not start or
/// stopped working (the run then goes on without it: links from full-text candidates only, scores later).
struct Scorer {
    command: ScorerCommand,
    process: Option<Option<EncoderProcess>>,
}

impl Scorer {
    fn new(command: ScorerCommand) -> Self {
        Scorer {
            command,
            process: None,
        }
    }

    /// The running process, started on first use (the encoder takes some 150 MB and a fraction of a second to
    /// load; the process exits when the run ends and this is dropped).
    fn process(&mut self) -> Option<&mut EncoderProcess> {
        let command = &self.command;
        self.process
            .get_or_insert_with(|| match EncoderProcess::spawn(command.command()) {
                Ok(p) => Some(p),
                Err(e) => {
                    tracing::error!(error = %e, "cannot start the encoder; claims keep their import-time scores for now");
                    None
                }
            })
            .as_mut()
    }

    /// Scores of `texts`, and their embeddings when `embed` is set (for [`Store::refine_claims`]).
    fn encode(
        &mut self,
        texts: &[&str],
        embed: bool,
    ) -> Result<(Vec<f32>, Vec<Vec<f32>>), EncoderError> {
        let process = self
            .process()
            .ok_or_else(|| EncoderError::Process("the encoder did not start".into()))?;
        let encoded = process.encode(texts, true, embed)?;
        Ok((encoded.scores, encoded.embeddings))
    }

    /// Gives up on the process for the rest of the run (it failed).
    fn stop(&mut self) {
        self.process = Some(None);
    }
}

struct LinkQueue<'s> {
    report: SuggestReport,
    scorer: &'s mut Scorer,
    /// Claims the encoder scored before their link step (the score queue's work, done early).
    scored: ScoreReport,
}

impl Queue for LinkQueue<'_> {
    const JOB: Job = Job::Links;

    fn pending(store: &Store) -> Result<usize, StoreError> {
        store.pending_links()
    }

    fn building_index(store: &Store) -> Option<usize> {
        store.claim_graph_to_build().unwrap_or_else(|e| {
            tracing::warn!(error = %e, "cannot tell whether linking will build its index");
            None
        })
    }

    fn step(&mut self, store: &mut Store, n: usize) -> Result<usize, StoreError> {
        // The claims about to be linked get their encoder score and embedding first, so that linking compares
        // embeddings too; if the encoder fails, they are linked by their words alone and scored later.
        if store.pending_scores()? > 0 {
            let scorer = &mut *self.scorer;
            match store.refine_claims(n, true, |texts: &[&str], embed| scorer.encode(texts, embed))
            {
                Ok(r) => {
                    self.scored.claims += r.claims;
                    self.scored.scored += r.scored;
                }
                Err(e) => {
                    tracing::warn!(error = %e, "cannot encode claims before linking them; linking by their words");
                    self.scorer.stop();
                }
            }
        }
        let r = store.process_link_queue(n)?;
        self.report.claims += r.claims;
        self.report.claim_links += r.claim_links;
        self.report.fact_check_links += r.fact_check_links;
        self.report.alerts += r.alerts;
        Ok(r.claims)
    }

    fn done_event(&self) -> (&'static str, impl Serialize + Clone) {
        (
            LINKS_DONE,
            LinksDoneEvent {
                claims: count(self.report.claims),
                claim_links: count(self.report.claim_links),
                fact_check_links: count(self.report.fact_check_links),
                alerts: count(self.report.alerts),
            },
        )
    }

    fn log(&self, seconds: f64) {
        tracing::info!(
            claims = self.report.claims,
            claim_links = self.report.claim_links,
            fact_check_links = self.report.fact_check_links,
            alerts = self.report.alerts,
            seconds,
            "links suggested"
        );
    }
}

struct ScoreQueue<'s> {
    scorer: &'s mut Scorer,
    report: ScoreReport,
}

impl ScoreQueue<'_> {
    fn done_event_of(report: &ScoreReport) -> (&'static str, ScoresDoneEvent) {
        (
            SCORES_DONE,
            ScoresDoneEvent {
                claims: count(report.claims),
                scored: count(report.scored),
            },
        )
    }
}

impl Queue for ScoreQueue<'_> {
    const JOB: Job = Job::Scores;

    fn pending(store: &Store) -> Result<usize, StoreError> {
        store.pending_scores()
    }

    fn step(&mut self, store: &mut Store, n: usize) -> Result<usize, StoreError> {
        let scorer = &mut *self.scorer;
        let r = store.refine_claims(n, false, |texts: &[&str], embed| {
            scorer.encode(texts, embed)
        })?;
        self.report.claims += r.claims;
        self.report.scored += r.scored;
        Ok(r.claims)
    }

    fn should_yield(store: &Store) -> bool {
        store.pending_links().unwrap_or(0) > 0
    }

    fn done_event(&self) -> (&'static str, impl Serialize + Clone) {
        Self::done_event_of(&self.report)
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

/// Fact-checks waiting for their embedding (imported since the last run, or before embeddings existed).
struct FactCheckQueue<'s> {
    scorer: &'s mut Scorer,
    embedded: usize,
    links: usize,
}

impl Queue for FactCheckQueue<'_> {
    const JOB: Job = Job::FactChecks;

    fn pending(store: &Store) -> Result<usize, StoreError> {
        let waiting = store.count_fact_checks()? - store.count_fact_check_embeddings()? as i64;
        Ok(usize::try_from(waiting).unwrap_or(0))
    }

    fn step(&mut self, store: &mut Store, n: usize) -> Result<usize, StoreError> {
        let batch = store.fact_checks_to_embed(n)?;
        if batch.is_empty() {
            return Ok(0);
        }
        let texts: Vec<&str> = batch.iter().map(|(_, t)| t.as_str()).collect();
        let process = self
            .scorer
            .process()
            .ok_or_else(|| StoreError::Scoring("the encoder did not start".into()))?;
        let vectors = process
            .encode(&texts, false, true)
            .map_err(|e| StoreError::Scoring(e.into()))?
            .embeddings;
        let rows: Vec<(i64, Vec<f32>)> = batch.iter().map(|(pk, _)| *pk).zip(vectors).collect();
        // Fact-checks deleted meanwhile are skipped; none stored means no progress: stop.
        let r = store.store_fact_check_embeddings(&rows)?;
        self.embedded += r.stored;
        self.links += r.links;
        Ok(r.stored)
    }

    fn should_yield(store: &Store) -> bool {
        store.pending_links().unwrap_or(0) > 0
    }

    fn done_event(&self) -> (&'static str, impl Serialize + Clone) {
        (
            FACT_CHECKS_DONE,
            FactChecksDoneEvent {
                embedded: count(self.embedded),
                links: count(self.links),
            },
        )
    }

    fn log(&self, seconds: f64) {
        tracing::info!(
            embedded = self.embedded,
            links = self.links,
            seconds,
            "fact-checks embedded"
        );
    }
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Starts the worker thread for `state`. It first looks at the queues when woken (the UI's first screen, an
/// import) or after [`FIRST_LOOK`].
pub fn start<R: Runtime>(app: AppHandle<R>, state: AppState, scorer: ScorerCommand) {
    let (wake, woken) = mpsc::channel::<()>();
    state.set_jobs_waker(wake);
    let shared = state.clone();
    let spawned = std::thread::Builder::new()
        .name("claimtrail-jobs".into())
        .spawn(move || {
            let mut worker = Worker {
                store: None,
                scorer,
            };
            let mut wait = FIRST_LOOK;
            loop {
                match woken.recv_timeout(wait) {
                    Ok(()) | Err(RecvTimeoutError::Timeout) => {}
                    Err(RecvTimeoutError::Disconnected) => return,
                }
                wait = IDLE_CHECK;
                // Several wake-ups while busy make one more run.
                while woken.try_recv().is_ok() {}
                worker.run(&app, &shared);
            }
        });
    if let Err(e) = spawned {
        tracing::error!(error = %e, "cannot start the background worker; links and scores wait for the next start");
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
    scorer: ScorerCommand,
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

    /// Drains the link queue, then the score queue, then the fact-checks waiting for embeddings, until none
    /// yields. One encoder process serves the whole run.
    fn drain_queues<R: Runtime>(&mut self, app: &AppHandle<R>, state: &AppState) {
        let mut scorer = Scorer::new(self.scorer.clone());
        loop {
            let Some(store) = self.store_for(state) else {
                return;
            };
            let mut links = LinkQueue {
                report: SuggestReport::default(),
                scorer: &mut scorer,
                scored: ScoreReport::default(),
            };
            drain(&mut links, store, app, state);
            let scored_early = links.scored;
            let mut scores = ScoreQueue {
                scorer: &mut scorer,
                report: ScoreReport::default(),
            };
            let drained = drain(&mut scores, store, app, state);
            // The scores written before linking change the review queue's order too: say so when the score
            // queue itself had nothing left to do (its own run says it otherwise).
            if scores.report.claims == 0 && scored_early.scored > 0 {
                let (name, event) = ScoreQueue::done_event_of(&scored_early);
                if let Err(e) = app.emit(name, event) {
                    tracing::warn!(error = %e, "cannot send the end of a background job");
                }
            }
            if let Drained::Yielded = drained {
                continue;
            }
            let mut fact_checks = FactCheckQueue {
                scorer: &mut scorer,
                embedded: 0,
                links: 0,
            };
            match drain(&mut fact_checks, store, app, state) {
                Drained::Done => return,
                Drained::Yielded => continue,
            }
        }
    }
}

/// Works through one queue in steps, reporting progress; errors are logged and the rest waits for the next run.
fn drain<Q: Queue, R: Runtime>(
    queue: &mut Q,
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
    let report = |done: usize, total: usize, building_index: Option<usize>| {
        let event = JobProgressEvent {
            done: count(done),
            total: count(total),
            building_index: building_index.map(count),
        };
        state.set_job_progress(job, Some(event.clone()));
        if let Err(e) = app.emit(job.progress_event(), event) {
            tracing::warn!(?job, error = %e, "cannot send progress");
        }
    };
    report(0, total, Q::building_index(store));
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
                report(done, total, None);
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
