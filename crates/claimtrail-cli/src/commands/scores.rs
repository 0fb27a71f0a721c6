//! The score queue: `claimtrail scores run|pending`, and the drain `import` runs after storing.

use std::process::ExitCode;

use claimtrail_store::{ScoreReport, Store};

use crate::output::{plural, print_json, queue_bar};
use crate::CliError;

/// Claims per call of the queue while draining (the progress bar moves after each).
const DRAIN_STEP: usize = 64;

/// Works through the score queue with the shipped encoder until it is empty (each claim gets its score and its
/// sentence embedding), then embeds the fact-checks that have no embedding yet, with progress bars on stderr
/// when `progress` is asked for and stderr is a terminal.
pub fn drain(store: &mut Store, progress: bool) -> Result<ScoreReport, CliError> {
    let waiting = store.pending_scores()?;
    let done = if waiting > 0 {
        score_claims(store, progress, waiting)?
    } else {
        ScoreReport::default()
    };
    // Fact-checks imported since the last run get their embeddings too, as the app's worker gives them.
    embed_fact_checks(store, progress)?;
    Ok(done)
}

/// The claims part of [`drain`], when `total` claims wait.
fn score_claims(
    store: &mut Store,
    progress: bool,
    mut total: usize,
) -> Result<ScoreReport, CliError> {
    // Loaded before the bar shows (a fraction of a second), and a broken model fails before any batch.
    let encoder = claimtrail_encoder::Encoder::shipped()?;
    let bar = queue_bar(progress, total, "Scoring claims");
    let mut done = ScoreReport::default();
    loop {
        let r = store.refine_claims(DRAIN_STEP, false, |texts: &[&str], embed| {
            encoder.score_and_maybe_embed(texts, embed)
        })?;
        done.claims += r.claims;
        done.scored += r.scored;
        if r.claims == 0 {
            break;
        }
        // Another import may have queued more meanwhile.
        total = total.max(done.claims + store.pending_scores()?);
        bar.set_length(total as u64);
        bar.set_position(done.claims as u64);
    }
    bar.finish_and_clear();
    Ok(done)
}

/// Fact-checks embedded per step (the progress bar moves after each).
const EMBED_STEP: usize = 256;

/// Embeds every stored fact-check that has no embedding yet with the shipped encoder, with a progress bar on
/// stderr when `progress` is asked for and stderr is a terminal. Returns how many it embedded.
pub fn embed_fact_checks(store: &mut Store, progress: bool) -> Result<usize, CliError> {
    let mut batch = store.fact_checks_to_embed(EMBED_STEP)?;
    if batch.is_empty() {
        return Ok(0);
    }
    let encoder = claimtrail_encoder::Encoder::shipped()?;
    let total = store
        .count_fact_checks()?
        .saturating_sub(store.count_fact_check_embeddings()? as i64);
    let bar = queue_bar(progress, total as usize, "Embedding fact-checks");
    let mut done = 0;
    while !batch.is_empty() {
        let texts: Vec<&str> = batch.iter().map(|(_, t)| t.as_str()).collect();
        let vectors = encoder.embed(&texts)?;
        let rows: Vec<(i64, Vec<f32>)> = batch.iter().map(|(pk, _)| *pk).zip(vectors).collect();
        let stored = store.store_fact_check_embeddings(&rows)?.stored;
        done += rows.len();
        bar.set_position(done as u64);
        if stored == 0 {
            // Deleted meanwhile by another program: never spin.
            break;
        }
        batch = store.fact_checks_to_embed(EMBED_STEP)?;
    }
    bar.finish_and_clear();
    Ok(done)
}

/// One line saying what a score run did.
pub fn summary(r: &ScoreReport) -> String {
    format!(
        "Scores: refined the check-worthiness of {}.",
        plural(r.scored, "claim", "claims")
    )
}

/// The line shown when claims still wait.
pub fn still_waiting(pending: usize) -> String {
    format!(
        "{} for the check-worthiness encoder: run `claimtrail scores run`.",
        plural(pending, "claim waits", "claims wait")
    )
}

/// `claimtrail scores run`: drains the score queue.
pub fn run_queue(store: &mut Store, json: bool) -> Result<ExitCode, CliError> {
    let r = drain(store, !json)?;
    let pending = store.pending_scores()?;
    if json {
        print_json(&serde_json::json!({
            "claims": r.claims,
            "scored": r.scored,
            "pending": pending,
        }))?;
    } else {
        println!("{}", summary(&r));
        if pending > 0 {
            println!(
                "{} still wait{}: another program is importing or scoring.",
                plural(pending, "claim", "claims"),
                if pending == 1 { "s" } else { "" },
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `claimtrail scores pending`: how many claims wait for the encoder.
pub fn pending(store: &Store, json: bool) -> Result<ExitCode, CliError> {
    let pending = store.pending_scores()?;
    if json {
        print_json(&serde_json::json!({ "pending": pending }))?;
    } else if pending == 0 {
        println!("No claims wait for the check-worthiness encoder.");
    } else {
        println!("{}", still_waiting(pending));
    }
    Ok(ExitCode::SUCCESS)
}
