//! `claimtrail bench ingest`: the full import pipeline (read JSONL, parse, normalise, extract, store with
//! history and FTS) on N realistic articles in a fresh temporary database.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use serde_json::json;

use claimtrail_core::ingest::{self, IngestOptions};
use claimtrail_store::Store;

use crate::output::print_json;
use crate::CliError;

/// Articles per generated JSONL file.
const PER_FILE: usize = 1_000;

/// Finds `shared/corpus/news` next to the working directory or one of its parents.
fn default_corpus() -> Option<PathBuf> {
    let cwd = std::env::current_dir().ok()?;
    cwd.ancestors()
        .flat_map(|dir| {
            [
                dir.join("shared/corpus/news"),
                dir.join("../shared/corpus/news"),
            ]
        })
        .find(|p| p.is_dir())
}

/// (title, date, source, text) of every readable article in `corpus`, or of the built-in sample.
fn base_articles(corpus: Option<&Path>) -> Vec<serde_json::Value> {
    let mut out = Vec::new();
    if let Some(dir) = corpus.map(Path::to_path_buf).or_else(default_corpus) {
        let (files, _) = ingest::collect_files(&[dir]);
        for f in files {
            for item in ingest::load_file(&f, &IngestOptions::default()) {
                if let Ok(d) = item.result {
                    out.push(json!({"title": d.title, "date": d.published_at, "source": d.outlet, "url": d.url, "text": d.text}));
                }
            }
        }
    }
    if out.is_empty() {
        let d = claimtrail_core::sample::sample_article();
        out.push(json!({"title": d.title, "date": d.published_at, "source": d.outlet, "url": d.url, "text": d.text}));
    }
    out
}

pub fn ingest(n: usize, corpus: Option<&Path>, json_out: bool) -> Result<ExitCode, CliError> {
    let base = base_articles(corpus);
    let dir = tempfile::tempdir()?;
    let mut chars = 0usize;
    for file_no in 0..n.div_ceil(PER_FILE) {
        let path = dir.path().join(format!("batch-{file_no:04}.jsonl"));
        let mut f = std::io::BufWriter::new(std::fs::File::create(&path)?);
        for i in file_no * PER_FILE..((file_no + 1) * PER_FILE).min(n) {
            let mut article = base[i % base.len()].clone();
            // A distinct copy: its own id line, so the content hash differs and nothing is a duplicate.
            let text = format!(
                "{}\n\nBench copy {i} of article {}.",
                article["text"].as_str().unwrap_or_default(),
                i % base.len()
            );
            chars += text.chars().count();
            article["text"] = json!(text);
            article["title"] = json!(format!(
                "{} #{i}",
                article["title"].as_str().unwrap_or("Article")
            ));
            serde_json::to_writer(&mut f, &article)?;
            f.write_all(b"\n")?;
        }
        f.flush()?;
    }
    let db_dir = tempfile::tempdir()?;
    let db_path = db_dir.path().join("bench.db");
    let mut store = Store::open(&db_path)?;
    let started = Instant::now();
    let report = store.import_paths(
        &[dir.path().to_path_buf()],
        &IngestOptions::default(),
        |_| {},
    );
    let secs = started.elapsed().as_secs_f64();
    let claims: usize = report.imported.iter().map(|i| i.claims).sum();
    let db_bytes = std::fs::metadata(&db_path).map(|m| m.len()).unwrap_or(0)
        + std::fs::metadata(db_dir.path().join("bench.db-wal"))
            .map(|m| m.len())
            .unwrap_or(0);
    let per_sec = report.imported.len() as f64 / secs.max(1e-9);
    let result = json!({
        "articles": report.imported.len(),
        "failed": report.failed.len(),
        "duplicates": report.duplicates.len(),
        "claims": claims,
        "avg_chars": chars / n.max(1),
        "seconds": secs,
        "articles_per_sec": per_sec,
        "claims_per_sec": claims as f64 / secs.max(1e-9),
        "db_bytes": db_bytes,
        "distinct_base_articles": base.len(),
    });
    if json_out {
        print_json(&result)?;
    } else {
        println!(
            "ingest: {} articles ({} distinct bases, avg {} chars), {} claims in {:.2} s\n  {:.0} articles/s, {:.0} claims/s, database {:.1} MB",
            report.imported.len(),
            base.len(),
            chars / n.max(1),
            claims,
            secs,
            per_sec,
            claims as f64 / secs.max(1e-9),
            db_bytes as f64 / 1e6
        );
        if !report.failed.is_empty() {
            println!(
                "  {} failed (first: {}: {})",
                report.failed.len(),
                report.failed[0].path,
                report.failed[0].error
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub fn extract(n: usize, corpus: Option<&Path>, json_out: bool) -> Result<ExitCode, CliError> {
    let texts: Vec<String> = base_articles(corpus)
        .into_iter()
        .filter_map(|a| a["text"].as_str().map(str::to_string))
        .collect();
    let chars: usize = (0..n).map(|i| texts[i % texts.len()].len()).sum();
    let started = Instant::now();
    let mut claims = 0usize;
    for i in 0..n {
        claims += claimtrail_core::extract_claims(&texts[i % texts.len()]).len();
    }
    let secs = started.elapsed().as_secs_f64();
    let result = json!({
        "articles": n,
        "claims": claims,
        "seconds": secs,
        "articles_per_sec": n as f64 / secs.max(1e-9),
        "us_per_article": secs * 1e6 / n.max(1) as f64,
        "mb_per_sec": chars as f64 / 1e6 / secs.max(1e-9),
    });
    if json_out {
        print_json(&result)?;
    } else {
        println!(
            "extract: {n} articles, {claims} claims in {secs:.2} s: {:.0} articles/s ({:.0} µs each, one thread)",
            n as f64 / secs.max(1e-9),
            secs * 1e6 / n.max(1) as f64
        );
    }
    Ok(ExitCode::SUCCESS)
}
