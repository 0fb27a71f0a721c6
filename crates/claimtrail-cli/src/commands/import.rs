//! Commands that write: import and review.

use std::path::PathBuf;
use std::process::ExitCode;

use indicatif::{ProgressBar, ProgressStyle};

use claimtrail_core::ingest::{IngestOptions, MetadataOverrides};
use claimtrail_core::ClaimStatus;
use claimtrail_store::{ReviewInput, Store};

use crate::output::print_json;
use crate::CliError;

/// Imports with more files than this show a progress bar.
const PROGRESS_MIN_FILES: usize = 3;

/// The background jobs an import runs itself once its articles are stored.
#[derive(Debug, Clone, Copy)]
pub struct Jobs {
    /// Suggest links for the new claims (the link queue).
    pub link: bool,
    /// Score the new claims with the encoder (the score queue).
    pub score: bool,
}

/// Stores the articles, then works through the link queue and the score queue (as `jobs` asks), which hold
/// their claims.
pub fn import(
    store: &mut Store,
    paths: &[PathBuf],
    overrides: MetadataOverrides,
    max_mib: u64,
    json: bool,
    jobs: Jobs,
) -> Result<ExitCode, CliError> {
    let opts = IngestOptions {
        max_bytes: max_mib.saturating_mul(1024 * 1024),
        overrides,
    };
    let bar = ProgressBar::hidden();
    let mut started = false;
    let report = store.import_paths(paths, &opts, |p| {
        if !started && !json && p.total_files > PROGRESS_MIN_FILES {
            bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
            bar.set_length(p.total_files as u64);
            bar.set_style(
                ProgressStyle::with_template(
                    "{spinner} [{bar:30}] {pos}/{len} files  {per_sec}  {wide_msg}",
                )
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .progress_chars("=> "),
            );
            started = true;
        }
        bar.set_position(p.done_files as u64);
        bar.set_message(p.label.clone());
    });
    bar.finish_and_clear();
    // The articles are stored whatever happens now: a failed run leaves its claims queued. The encoder runs
    // first, so that linking compares the new claims' embeddings too.
    let scores = if jobs.score {
        match super::scores::drain(store, !json) {
            Ok(r) => Some(r),
            Err(e) => {
                tracing::warn!(error = %e, "scoring stopped; the articles are stored and their claims stay queued");
                None
            }
        }
    } else {
        None
    };
    let links = if jobs.link {
        match super::links::drain(store, !json) {
            Ok(r) => Some(r),
            Err(e) => {
                tracing::warn!(error = %e, "link suggestion stopped; the articles are stored and their claims stay queued");
                None
            }
        }
    } else {
        None
    };
    let pending = store.pending_links().unwrap_or(0);
    let pending_scores = store.pending_scores().unwrap_or(0);
    if let Some(r) = &scores {
        tracing::info!(
            claims = r.claims,
            scored = r.scored,
            pending = pending_scores,
            "claims scored after import"
        );
    }
    if let Some(r) = &links {
        tracing::info!(
            claims = r.claims,
            claim_links = r.claim_links,
            fact_check_links = r.fact_check_links,
            alerts = r.alerts,
            pending,
            "links suggested after import"
        );
    }
    if json {
        print_json(&report)?;
    } else {
        let claims: usize = report.imported.iter().map(|i| i.claims).sum();
        println!(
            "Imported {} article{} ({} claims), {} duplicate{}, {} failed.",
            report.imported.len(),
            if report.imported.len() == 1 { "" } else { "s" },
            claims,
            report.duplicates.len(),
            if report.duplicates.len() == 1 {
                ""
            } else {
                "s"
            },
            report.failed.len()
        );
        for i in &report.imported {
            println!(
                "  imported   {}  {} ({} claims)",
                short(&i.article_id.to_string()),
                i.path,
                i.claims
            );
        }
        for d in &report.duplicates {
            println!(
                "  duplicate  {}  {}",
                short(&d.article_id.to_string()),
                d.path
            );
        }
        for f in &report.failed {
            eprintln!("  failed     {}: {}", f.path, f.error);
        }
        if let Some(r) = &links {
            println!("{}", super::links::summary(r));
        }
        if pending > 0 {
            println!(
                "{pending} claim{} wait{} for link suggestion: run `claimtrail links run`.",
                if pending == 1 { "" } else { "s" },
                if pending == 1 { "s" } else { "" },
            );
        }
        if let Some(r) = &scores {
            println!("{}", super::scores::summary(r));
        }
        if pending_scores > 0 {
            println!("{}", super::scores::still_waiting(pending_scores));
        }
    }
    Ok(if report.failed.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

pub fn review(
    store: &mut Store,
    claim_id: &str,
    status: ClaimStatus,
    note: Option<String>,
    evidence: Vec<String>,
    reviewer: Option<String>,
    json: bool,
) -> Result<ExitCode, CliError> {
    let id = store.resolve_claim_id(claim_id)?;
    let review = store.review_claim(
        id,
        ReviewInput {
            status,
            note,
            reviewer,
            evidence,
        },
    )?;
    if json {
        print_json(&review)?;
    } else {
        println!(
            "Claim {} is now {} (was {}){}.",
            short(&id.to_string()),
            review.status,
            review.prev_status,
            review
                .reviewer
                .map(|r| format!(", by {r}"))
                .unwrap_or_default()
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// The last 8 characters of an id, enough to name it in later commands. (Ids start with a timestamp, so their
/// first characters are shared by everything made in the same minute; the end is random.)
pub fn short(id: &str) -> &str {
    id.get(id.len().saturating_sub(8)..).unwrap_or(id)
}
