//! `export` and `rating-scale`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use claimtrail_core::export::{ClaimReviewSettings, ExportFilter, ExportFormat};
use claimtrail_store::Store;

use crate::output::{print_json, table};
use crate::CliError;

/// `claimtrail export --format F [--topic T] [--since D] [--until D] [--reviewed] [--force] OUT`.
pub fn export(
    store: &Store,
    format: ExportFormat,
    filter: ExportFilter,
    out: &Path,
    force: bool,
    json: bool,
) -> Result<ExitCode, CliError> {
    let report = store.export_to(format, &filter, out, force)?;
    if json {
        print_json(&report)?;
        return Ok(ExitCode::SUCCESS);
    }
    let what = match format {
        ExportFormat::Claimreview => "ClaimReview",
        ExportFormat::Csv => "CSV",
        ExportFormat::Json => "JSON",
    };
    println!(
        "Exported {} claim{} as {what} to {} ({} bytes).",
        report.claims,
        if report.claims == 1 { "" } else { "s" },
        report.path.display(),
        report.bytes
    );
    for w in &report.warnings {
        println!("  note: {w}");
    }
    Ok(ExitCode::SUCCESS)
}

/// What `rating-scale` changes.
pub struct ScaleChanges {
    pub set: Option<PathBuf>,
    pub publisher: Option<String>,
    pub publisher_url: Option<String>,
    pub review_url: Option<String>,
    pub reset: bool,
}

/// `claimtrail rating-scale [--set FILE] [--publisher NAME] [--publisher-url URL] [--review-url URL] [--reset]`.
pub fn rating_scale(
    store: &mut Store,
    changes: ScaleChanges,
    json: bool,
) -> Result<ExitCode, CliError> {
    let mut s = if changes.reset {
        store.reset_claimreview_settings()?
    } else {
        store.claimreview_settings()?
    };
    let mut changed = false;
    if let Some(file) = &changes.set {
        let text = std::fs::read_to_string(file)
            .map_err(|e| CliError::Usage(format!("{}: {e}", file.display())))?;
        s = serde_json::from_str::<ClaimReviewSettings>(&text).map_err(|e| {
            CliError::Usage(format!(
                "{}: not a rating scale ({e}); `claimtrail rating-scale --json` prints the expected shape",
                file.display()
            ))
        })?;
        changed = true;
    }
    for (value, field) in [
        (changes.publisher, &mut s.publisher.name),
        (changes.publisher_url, &mut s.publisher.url),
        (changes.review_url, &mut s.publisher.review_base_url),
    ] {
        if let Some(v) = value {
            *field = Some(v);
            changed = true;
        }
    }
    if changed {
        s = store.set_claimreview_settings(s)?;
    }
    if json {
        print_json(&s)?;
        return Ok(ExitCode::SUCCESS);
    }
    let p = &s.publisher;
    println!(
        "Publisher: {}{}",
        p.name
            .as_deref()
            .unwrap_or("(not set: needed for ClaimReview export)"),
        p.url
            .as_deref()
            .map(|u| format!(" ({u})"))
            .unwrap_or_default()
    );
    println!(
        "Review URL: {}",
        p.review_base_url
            .as_deref()
            .map(|u| format!("{u}<claim id>"))
            .unwrap_or_else(|| "(not set: needed for ClaimReview export)".into())
    );
    println!(
        "Scale: {} (worst) to {} (best)",
        s.scale.worst_rating, s.scale.best_rating
    );
    let rows: Vec<Vec<String>> = s
        .scale
        .ratings
        .iter()
        .map(|r| {
            vec![
                r.status.to_string(),
                r.value.map(|v| v.to_string()).unwrap_or_else(|| "-".into()),
                r.name.clone(),
            ]
        })
        .collect();
    table(&["VERDICT", "VALUE", "NAME"], &[14, 6, 40], &rows);
    Ok(ExitCode::SUCCESS)
}
