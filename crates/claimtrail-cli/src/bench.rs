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

/// Writes `n` distinct copies of the base articles as JSONL batches into `dir`; returns their total chars.
fn write_batches(base: &[serde_json::Value], n: usize, dir: &Path) -> Result<usize, CliError> {
    let mut chars = 0usize;
    for file_no in 0..n.div_ceil(PER_FILE) {
        let path = dir.join(format!("batch-{file_no:04}.jsonl"));
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
    Ok(chars)
}

/// p50 and p95 of durations in milliseconds.
fn percentiles(mut ms: Vec<f64>) -> (f64, f64) {
    ms.sort_by(f64::total_cmp);
    let at = |q: f64| {
        ms.get(((ms.len() as f64 - 1.0) * q).round() as usize)
            .copied()
            .unwrap_or(0.0)
    };
    (at(0.5), at(0.95))
}

pub fn review(
    n_claims: usize,
    corpus: Option<&Path>,
    json_out: bool,
) -> Result<ExitCode, CliError> {
    use claimtrail_core::ClaimStatus;
    use claimtrail_store::queue::QueueFilter;
    use claimtrail_store::{ClaimFilter, ReviewInput};

    let base = base_articles(corpus);
    let dir = tempfile::tempdir()?;
    let db_dir = tempfile::tempdir()?;
    let mut store = Store::open(db_dir.path().join("bench.db"))?;
    let mut articles = 0usize;
    while (store.count_claims()? as usize) < n_claims {
        let batch = ((n_claims - store.count_claims()? as usize) / 20).clamp(100, 2000);
        let sub = dir.path().join(format!("round-{articles}"));
        std::fs::create_dir_all(&sub)?;
        // Offset the copy numbers so every round's articles are new.
        let shifted: Vec<serde_json::Value> = base
            .iter()
            .map(|a| {
                let mut a = a.clone();
                a["text"] = json!(format!(
                    "{} (round {articles})",
                    a["text"].as_str().unwrap_or_default()
                ));
                a
            })
            .collect();
        write_batches(&shifted, batch, &sub)?;
        store.import_paths(&[sub], &IngestOptions::default(), |_| {});
        articles += batch;
    }
    let total_claims = store.count_claims()?;
    let filter = QueueFilter {
        limit: 50,
        ..QueueFilter::default()
    };
    let mut first_page = Vec::new();
    for _ in 0..20 {
        let t = Instant::now();
        store.queue(&filter)?;
        first_page.push(t.elapsed().as_secs_f64() * 1e3);
    }
    let mut verdict_next = Vec::new();
    let statuses = [
        ClaimStatus::Verified,
        ClaimStatus::False,
        ClaimStatus::Misleading,
        ClaimStatus::Disputed,
    ];
    for i in 0..200 {
        let t = Instant::now();
        let page = store.queue(&filter)?;
        let Some(item) = page.items.first() else {
            break;
        };
        store.review_claim(
            item.claim.id,
            ReviewInput {
                status: statuses[i % statuses.len()],
                note: None,
                reviewer: Some("bench".into()),
                evidence: vec![],
            },
        )?;
        store.queue(&filter)?;
        verdict_next.push(t.elapsed().as_secs_f64() * 1e3);
    }
    // A long article of 200+ claims (several articles joined), opened as the reader does.
    let mut long_text = String::new();
    for (i, a) in base.iter().cycle().take(base.len() * 50).enumerate() {
        long_text.push_str(a["text"].as_str().unwrap_or_default());
        long_text.push_str(&format!("\n\nPart {i}.\n\n"));
        if claimtrail_core::extract_claims(&long_text).len() >= 200 {
            break;
        }
    }
    let mut long = claimtrail_core::sample::sample_article();
    long.title = "Long bench article".into();
    long.text = claimtrail_core::text::normalize(&long_text);
    long.original = long.text.clone().into_bytes();
    let long_claims = claimtrail_core::extract_claims(&long.text);
    store.import_article(&long, None, &long_claims)?;
    // The article with the most claims, opened as the reader does: article text plus its claims.
    let listing = store.list_articles()?;
    let biggest = listing
        .iter()
        .max_by_key(|a| a.claims)
        .map(|a| (a.id, a.claims));
    let mut open_article = Vec::new();
    if let Some((id, _)) = biggest {
        for _ in 0..20 {
            let t = Instant::now();
            store.get_article(id)?;
            store.list_claims(&ClaimFilter {
                article_id: Some(id),
                include_dismissed: true,
                ..ClaimFilter::default()
            })?;
            open_article.push(t.elapsed().as_secs_f64() * 1e3);
        }
    }
    let (q50, q95) = percentiles(first_page);
    let (v50, v95) = percentiles(verdict_next);
    let (o50, o95) = percentiles(open_article);
    let result = json!({
        "claims": total_claims,
        "articles": listing.len(),
        "queue_first_page_ms": {"p50": q50, "p95": q95},
        "verdict_then_next_page_ms": {"p50": v50, "p95": v95},
        "open_article_ms": {"p50": o50, "p95": o95, "claims": biggest.map(|b| b.1)},
    });
    if json_out {
        print_json(&result)?;
    } else {
        println!(
            "review loop on {total_claims} claims ({} articles):\n  queue first page (50): p50 {q50:.2} ms, p95 {q95:.2} ms\n  verdict + next page:   p50 {v50:.2} ms, p95 {v95:.2} ms\n  open article ({} claims): p50 {o50:.2} ms, p95 {o95:.2} ms",
            listing.len(),
            biggest.map(|b| b.1).unwrap_or(0)
        );
    }
    Ok(ExitCode::SUCCESS)
}

pub fn ingest(n: usize, corpus: Option<&Path>, json_out: bool) -> Result<ExitCode, CliError> {
    let base = base_articles(corpus);
    let dir = tempfile::tempdir()?;
    let chars = write_batches(&base, n, dir.path())?;
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

/// Sentences for `bench score`: the second column of `file`, else the claim sentences of the corpus articles.
fn bench_sentences(file: Option<&Path>, corpus: Option<&Path>) -> Result<Vec<String>, CliError> {
    if let Some(file) = file {
        let text = std::fs::read_to_string(file)
            .map_err(|e| CliError::Usage(format!("{}: {e}", file.display())))?;
        return Ok(text
            .lines()
            .skip(1)
            .filter_map(|l| l.split('\t').nth(1).map(str::to_string))
            .collect());
    }
    Ok(base_articles(corpus)
        .iter()
        .filter_map(|a| a["text"].as_str())
        .flat_map(claimtrail_core::extract_claims)
        .map(|c| c.text)
        .collect())
}

pub fn score(
    n: usize,
    file: Option<&Path>,
    corpus: Option<&Path>,
    json_out: bool,
) -> Result<ExitCode, CliError> {
    let sentences = bench_sentences(file, corpus)?;
    if sentences.is_empty() {
        return Err(CliError::Usage("no sentences to score".into()));
    }
    let model = claimtrail_core::checkworthy::Scorer::shipped()
        .map_err(|e| CliError::Usage(format!("check-worthiness model: {e}")))?;
    let chars: usize = (0..n).map(|i| sentences[i % sentences.len()].len()).sum();
    let started = Instant::now();
    let mut sum = 0.0f64;
    for i in 0..n {
        sum += model.score(&sentences[i % sentences.len()]);
    }
    let secs = started.elapsed().as_secs_f64();
    let result = json!({
        "sentences": n,
        "distinct_sentences": sentences.len(),
        "seconds": secs,
        "sentences_per_sec": n as f64 / secs.max(1e-9),
        "us_per_sentence": secs * 1e6 / n.max(1) as f64,
        "mean_bytes": chars as f64 / n.max(1) as f64,
        "mean_score": sum / n.max(1) as f64,
    });
    if json_out {
        print_json(&result)?;
    } else {
        println!(
            "score: {n} sentences ({} distinct, {:.0} bytes on average) in {secs:.2} s: {:.0} sentences/s ({:.1} µs each, one thread)",
            sentences.len(),
            chars as f64 / n.max(1) as f64,
            n as f64 / secs.max(1e-9),
            secs * 1e6 / n.max(1) as f64
        );
    }
    Ok(ExitCode::SUCCESS)
}
