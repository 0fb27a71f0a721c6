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
/// The benchmark's database: `--keep PATH` (which must not exist yet) or `bench.db` in a temporary folder.
fn bench_db_path(keep: Option<&Path>, temp_dir: &Path) -> Result<PathBuf, CliError> {
    match keep {
        Some(path) if path.exists() => Err(CliError::Usage(format!(
            "{} already exists: give a new path to --keep",
            path.display()
        ))),
        Some(path) => Ok(path.to_path_buf()),
        None => Ok(temp_dir.join("bench.db")),
    }
}

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
    keep: Option<&Path>,
    json_out: bool,
) -> Result<ExitCode, CliError> {
    use claimtrail_core::ClaimStatus;
    use claimtrail_store::queue::QueueFilter;
    use claimtrail_store::{ClaimFilter, ReviewInput};

    let base = base_articles(corpus);
    let dir = tempfile::tempdir()?;
    let db_dir = tempfile::tempdir()?;
    let db_path = bench_db_path(keep, db_dir.path())?;
    let mut store = Store::open(&db_path)?;
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

pub fn ingest(
    n: usize,
    corpus: Option<&Path>,
    link: bool,
    keep: Option<&Path>,
    json_out: bool,
) -> Result<ExitCode, CliError> {
    let base = base_articles(corpus);
    let dir = tempfile::tempdir()?;
    let chars = write_batches(&base, n, dir.path())?;
    let db_dir = tempfile::tempdir()?;
    let db_path = bench_db_path(keep, db_dir.path())?;
    let mut store = Store::open(&db_path)?;
    let cpu_before = process_cpu_seconds();
    let writer_before = thread_cpu_seconds();
    let started = Instant::now();
    let report = store.import_paths(
        &[dir.path().to_path_buf()],
        &IngestOptions::default(),
        |_| {},
    );
    let secs = started.elapsed().as_secs_f64();
    let cpu = process_cpu_seconds()
        .zip(cpu_before)
        .map(|(after, before)| after - before);
    // The import writes on the calling thread and reads and extracts on another: whichever is busier bounds
    // the rate.
    let writer_cpu = thread_cpu_seconds()
        .zip(writer_before)
        .map(|(after, before)| after - before);
    let claims: usize = report.imported.iter().map(|i| i.claims).sum();
    // Then the link queue the import filled, as `claimtrail import` does after storing.
    let queued = store.pending_links()?;
    let linking = if link {
        let cpu_before = process_cpu_seconds();
        let started = Instant::now();
        let r = store.process_link_queue(usize::MAX)?;
        let secs = started.elapsed().as_secs_f64();
        let cpu = process_cpu_seconds()
            .zip(cpu_before)
            .map(|(after, before)| after - before);
        Some((r, secs, cpu))
    } else {
        None
    };
    let db_bytes = std::fs::metadata(&db_path).map(|m| m.len()).unwrap_or(0)
        + std::fs::metadata(db_path.with_extension("db-wal"))
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
        "cpu_seconds": cpu,
        "writer_cpu_seconds": writer_cpu,
        "queued_claims": queued,
        "link": linking.map(|(r, secs, cpu)| json!({
            "claims": r.claims,
            "claim_links": r.claim_links,
            "fact_check_links": r.fact_check_links,
            "alerts": r.alerts,
            "seconds": secs,
            "cpu_seconds": cpu,
            "cpu_ms_per_claim": cpu.map(|c| c * 1e3 / r.claims.max(1) as f64),
            "cpu_ms_per_article": cpu.map(|c| c * 1e3 / report.imported.len().max(1) as f64),
        })),
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
        let per_article = |s: f64| s * 1e3 / report.imported.len().max(1) as f64;
        if let Some(cpu) = cpu {
            println!(
                "  CPU {cpu:.2} s on all threads ({:.2} ms per article): on a busy machine this is the steadier figure",
                per_article(cpu)
            );
            if let Some(writer) = writer_cpu {
                println!(
                    "  of which writing (one thread) {:.2} ms and reading + extracting {:.2} ms per article",
                    per_article(writer),
                    per_article(cpu - writer)
                );
            }
        }
        match &linking {
            Some((r, secs, cpu)) => {
                println!(
                    "link queue: {} claims in {secs:.2} s, {} links between claims, {} to fact-checks",
                    r.claims, r.claim_links, r.fact_check_links
                );
                if let Some(cpu) = cpu {
                    println!(
                        "  CPU {cpu:.2} s ({:.2} ms per claim, {:.1} ms per article)",
                        cpu * 1e3 / r.claims.max(1) as f64,
                        cpu * 1e3 / report.imported.len().max(1) as f64
                    );
                }
            }
            None => println!("link queue: {queued} claims left queued (--no-link)"),
        }
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

/// CPU time this process has used (user + system, all threads), from `/proc/self/stat` on Linux.
fn process_cpu_seconds() -> Option<f64> {
    cpu_seconds("/proc/self/stat")
}

/// CPU time the calling thread has used, from `/proc/thread-self/stat` on Linux.
fn thread_cpu_seconds() -> Option<f64> {
    cpu_seconds("/proc/thread-self/stat")
}

/// User + system CPU seconds from a `/proc` stat file.
fn cpu_seconds(path: &str) -> Option<f64> {
    let stat = std::fs::read_to_string(path).ok()?;
    // Fields after the command name (which is in parentheses and may hold spaces): utime is the 12th, stime the 13th.
    let rest = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let utime: f64 = fields.get(11)?.parse().ok()?;
    let stime: f64 = fields.get(12)?.parse().ok()?;
    // Linux reports these in USER_HZ ticks, 100 per second on every mainstream configuration.
    Some((utime + stime) / 100.0)
}

// ---------------------------------------------------------------------------------------------------------------
// bench timeline

/// A small deterministic generator (no dependency): splitmix64, so bench runs are comparable.
struct Mix(u64);

impl Mix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[(self.next() % items.len() as u64) as usize]
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// `claimtrail bench timeline`: a topic of about `n_claims` claims among other claims, built from sentences of
/// the corpus recombined into new dated articles and imported through the normal pipeline (so claims join the
/// topic by the import hook). Claims with the same text get confirmed `repeats` links (storylines), some get
/// verdicts. Reports the timeline query time (p50/p95), filtered variants, topic listing and the re-scan after
/// a keyword change.
pub fn timeline(
    n_claims: usize,
    corpus: Option<&Path>,
    json_out: bool,
) -> Result<ExitCode, CliError> {
    use claimtrail_core::topic::{TopicMatcher, TopicRule};
    use claimtrail_core::ClaimStatus;
    use claimtrail_store::{ReviewInput, TimelineFilter, TopicEdit, TopicInput};

    // Sentences: the claims the extractor finds in the corpus, with the entity mentions they carry.
    let base = base_articles(corpus);
    let mut pool: Vec<(String, Vec<String>)> = Vec::new();
    for a in &base {
        for c in claimtrail_core::extract_claims(a["text"].as_str().unwrap_or_default()) {
            pool.push((c.text, c.entities.into_iter().map(|e| e.mention).collect()));
        }
    }
    // The topic: the entity mention found in most sentences.
    let mut counts: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for (_, mentions) in &pool {
        let distinct: std::collections::HashSet<&String> = mentions.iter().collect();
        for m in distinct {
            *counts.entry(m.clone()).or_default() += 1;
        }
    }
    let Some(term) = counts
        .into_iter()
        .filter(|(m, _)| m.chars().count() >= 3)
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
        .map(|(m, _)| m)
    else {
        return Err(CliError::Usage(
            "no entity found in the corpus sentences".into(),
        ));
    };
    let matcher = TopicMatcher::new(vec![TopicRule {
        keywords: vec![],
        entities: vec![term.clone()],
    }]);
    let (on_topic, off_topic): (Vec<&String>, Vec<&String>) = {
        let (a, b): (Vec<_>, Vec<_>) = pool
            .iter()
            .partition(|(t, _)| !matcher.match_claim(t, &[]).is_empty());
        (
            a.into_iter().map(|p| &p.0).collect(),
            b.into_iter().map(|p| &p.0).collect(),
        )
    };
    if on_topic.is_empty() || off_topic.is_empty() {
        return Err(CliError::Usage(
            "the corpus is too small to build a topic".into(),
        ));
    }

    let dir = tempfile::tempdir()?;
    let db_dir = tempfile::tempdir()?;
    let db_path = db_dir.path().join("bench.db");
    let mut store = Store::open(&db_path)?;
    let topic_name = "Bench topic";
    store.create_topic(TopicInput {
        name: topic_name.into(),
        description: format!("Claims mentioning {term}"),
        keywords: vec![],
        entities: vec![term.clone()],
    })?;
    let topic_claims = |store: &Store| -> Result<usize, CliError> {
        Ok(store
            .list_topics()?
            .iter()
            .find(|t| t.topic.name == topic_name)
            .map_or(0, |t| t.claims as usize))
    };
    let outlets = [
        "Harbor Ledger",
        "The Valley Courier",
        "Metro Wire",
        "Evening Sentinel",
        "Coastline Post",
    ];
    let mut rng = Mix(0x5EED);
    let mut articles = 0usize;
    let import_started = Instant::now();
    while topic_claims(&store)? < n_claims {
        // Each article brings about three to four of the topic's claims: smaller rounds near the end keep the
        // topic within a few claims of the size asked for.
        let missing = n_claims - topic_claims(&store)?;
        let batch = (missing / 5).clamp(1, 2000);
        let path = dir.path().join(format!("round-{articles}.jsonl"));
        let mut f = std::io::BufWriter::new(std::fs::File::create(&path)?);
        for i in articles..articles + batch {
            let mut paragraphs: Vec<&str> = Vec::new();
            for k in 0..10 {
                let from = if k % 3 == 0 { &on_topic } else { &off_topic };
                let sentence: &&String = rng.pick::<&String>(from);
                paragraphs.push(sentence.as_str());
            }
            let day = chrono::NaiveDate::from_ymd_opt(2015, 1, 1).unwrap_or_default()
                + chrono::Duration::days((rng.next() % 3650) as i64);
            let article = json!({
                "title": format!("Bench article {i}"),
                "date": day.to_string(),
                "source": *rng.pick(&outlets[..]),
                "text": format!("{}\n\nBench article {i}.", paragraphs.join("\n\n")),
            });
            serde_json::to_writer(&mut f, &article)?;
            f.write_all(b"\n")?;
        }
        f.flush()?;
        drop(f);
        store.import_paths(&[path], &IngestOptions::default(), |_| {});
        articles += batch;
    }
    let import_secs = import_started.elapsed().as_secs_f64();
    let in_topic = topic_claims(&store)?;
    let total_claims = store.count_claims()?;
    let links = store.bench_confirm_identical_repeats(topic_name, in_topic / 2)?;
    // Verdicts on every tenth claim of the topic.
    let statuses = [
        ClaimStatus::Verified,
        ClaimStatus::False,
        ClaimStatus::Misleading,
        ClaimStatus::Disputed,
    ];
    let all = store.timeline(topic_name, &TimelineFilter::default())?;
    for (i, e) in all.claims.iter().enumerate().filter(|(i, _)| i % 10 == 0) {
        store.review_claim(
            e.claim_id,
            ReviewInput {
                status: statuses[i / 10 % statuses.len()],
                note: None,
                reviewer: Some("bench".into()),
                evidence: vec![],
            },
        )?;
    }
    // Wall-time percentiles, and the mean CPU time per query (load-independent).
    type Measured = (f64, f64, usize, usize, Option<f64>);
    let measure = |filter: &TimelineFilter, runs: usize| -> Result<Measured, CliError> {
        let mut ms = Vec::new();
        let mut shown = (0, 0);
        let cpu0 = process_cpu_seconds();
        for _ in 0..runs {
            let t = Instant::now();
            let tl = store.timeline(topic_name, filter)?;
            ms.push(t.elapsed().as_secs_f64() * 1e3);
            shown = (tl.claims.len(), tl.storylines.len());
        }
        let cpu = cpu0
            .zip(process_cpu_seconds())
            .map(|(a, b)| (b - a) * 1e3 / runs as f64);
        let (p50, p95) = percentiles(ms);
        Ok((p50, p95, shown.0, shown.1, cpu))
    };
    let (t50, t95, shown, storylines, t_cpu) = measure(&TimelineFilter::default(), 30)?;
    let (s50, s95, s_shown, _, s_cpu) = measure(
        &TimelineFilter {
            statuses: vec![ClaimStatus::False],
            ..TimelineFilter::default()
        },
        30,
    )?;
    let (d50, d95, d_shown, _, d_cpu) = measure(
        &TimelineFilter {
            from: chrono::NaiveDate::from_ymd_opt(2019, 1, 1),
            to: chrono::NaiveDate::from_ymd_opt(2019, 12, 31),
            ..TimelineFilter::default()
        },
        30,
    )?;
    let mut list_ms = Vec::new();
    for _ in 0..10 {
        let t = Instant::now();
        store.list_topics()?;
        list_ms.push(t.elapsed().as_secs_f64() * 1e3);
    }
    let (l50, l95) = percentiles(list_ms);
    // A keyword change re-scans every stored claim.
    let t = Instant::now();
    let change = store.edit_topic(
        topic_name,
        TopicEdit {
            keywords: Some(vec!["ceasefire".into()]),
            ..TopicEdit::default()
        },
    )?;
    let rescan_ms = t.elapsed().as_secs_f64() * 1e3;
    let result = json!({
        "topic_term": term,
        "topic_claims": in_topic,
        "total_claims": total_claims,
        "articles": articles,
        "confirmed_repeats": links,
        "storylines": storylines,
        "import_seconds": import_secs,
        "timeline_ms": {"p50": t50, "p95": t95, "cpu_mean": t_cpu, "claims": shown},
        "timeline_status_false_ms": {"p50": s50, "p95": s95, "cpu_mean": s_cpu, "claims": s_shown},
        "timeline_one_year_ms": {"p50": d50, "p95": d95, "cpu_mean": d_cpu, "claims": d_shown},
        "load_average": std::fs::read_to_string("/proc/loadavg").ok().and_then(|l| l.split_whitespace().next().map(str::to_string)),
        "list_topics_ms": {"p50": l50, "p95": l95},
        "rescan_after_keyword_change_ms": rescan_ms,
        "rescan_added": change.added,
    });
    let cpu = |c: Option<f64>| c.map_or_else(|| "?".to_string(), |c| format!("{c:.1} ms"));
    if json_out {
        print_json(&result)?;
    } else {
        println!(
            "timeline: topic “{term}” with {in_topic} claims among {total_claims} ({articles} articles, {links} confirmed repeats, {storylines} storylines)\n  \
             whole topic:      p50 {t50:.2} ms, p95 {t95:.2} ms, CPU {} per query ({shown} claims)\n  \
             status false:     p50 {s50:.2} ms, p95 {s95:.2} ms, CPU {} per query ({s_shown} claims)\n  \
             one year:         p50 {d50:.2} ms, p95 {d95:.2} ms, CPU {} per query ({d_shown} claims)\n  \
             topics list:      p50 {l50:.2} ms, p95 {l95:.2} ms\n  \
             re-scan of all {total_claims} claims after a keyword change: {rescan_ms:.0} ms (+{} claims)\n  \
             (building: import {import_secs:.1} s; load average {})",
            cpu(t_cpu),
            cpu(s_cpu),
            cpu(d_cpu),
            change.added,
            result["load_average"].as_str().unwrap_or("?")
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// Finds `shared/datasets/claim-matching` next to the working directory or one of its parents.
fn default_datasets() -> Option<PathBuf> {
    let cwd = std::env::current_dir().ok()?;
    cwd.ancestors()
        .flat_map(|dir| {
            [
                dir.join("shared/datasets/claim-matching"),
                dir.join("../shared/datasets/claim-matching"),
            ]
        })
        .find(|p| p.is_dir())
}

/// Sentences and speaker names read at run time: claims extracted from the news corpus, and the claim and
/// query texts of the claim-matching TSV files.
fn link_sources(corpus: Option<&Path>, datasets: Option<&Path>) -> (Vec<String>, Vec<String>) {
    let mut sentences = Vec::new();
    let mut speakers = Vec::new();
    for a in base_articles(corpus) {
        if let Some(text) = a["text"].as_str() {
            for c in claimtrail_core::extract_claims(text) {
                if let Some(s) = c.speaker {
                    speakers.push(s);
                }
                sentences.push(c.text);
            }
        }
    }
    if let Some(dir) = datasets.map(Path::to_path_buf).or_else(default_datasets) {
        let files = std::fs::read_dir(&dir)
            .map(|d| {
                d.filter_map(std::result::Result::ok)
                    .map(|e| e.path())
                    .filter(|p| p.extension().is_some_and(|e| e == "tsv"))
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default();
        for f in files {
            let Ok(text) = std::fs::read_to_string(&f) else {
                continue;
            };
            let mut lines = text.lines();
            let header: Vec<&str> = lines.next().unwrap_or_default().split('\t').collect();
            let col = |n: &str| header.iter().position(|h| *h == n);
            let text_col = col("vclaim").or_else(|| col("text"));
            let speaker_col = col("speaker");
            for line in lines {
                let fields: Vec<&str> = line.split('\t').collect();
                if let Some(t) = text_col.and_then(|c| fields.get(c)) {
                    if t.len() > 20 {
                        sentences.push((*t).to_string());
                    }
                }
                if let Some(s) = speaker_col.and_then(|c| fields.get(c)) {
                    if !s.is_empty() {
                        speakers.push((*s).to_string());
                    }
                }
            }
        }
    }
    if sentences.is_empty() {
        let d = claimtrail_core::sample::sample_article();
        sentences = claimtrail_core::extract_claims(&d.text)
            .into_iter()
            .map(|c| c.text)
            .collect();
    }
    speakers.sort();
    speakers.dedup();
    if speakers.is_empty() {
        speakers.push("A spokesperson".into());
    }
    (sentences, speakers)
}

/// A claim made from the sources: a sentence as it is (a repeat), two sentences spliced at word boundaries, or
/// a sentence with a changed figure.
fn recombined(rng: &mut Mix, sentences: &[String]) -> String {
    let a = &sentences[rng.below(sentences.len())];
    match rng.below(4) {
        0 => a.clone(),
        1 => {
            let b = &sentences[rng.below(sentences.len())];
            let wa: Vec<&str> = a.split_whitespace().collect();
            let wb: Vec<&str> = b.split_whitespace().collect();
            let cut_a = (wa.len() / 2).max(1).min(wa.len());
            let cut_b = (wb.len() / 2).min(wb.len());
            let mut out = wa[..cut_a].join(" ");
            if cut_b < wb.len() {
                out.push(' ');
                out.push_str(&wb[cut_b..].join(" "));
            }
            out
        }
        _ => {
            let n = rng.below(990) + 2;
            let mut replaced = false;
            let words: Vec<String> = a
                .split_whitespace()
                .map(|w| {
                    if !replaced && w.chars().all(|c| c.is_ascii_digit()) {
                        replaced = true;
                        n.to_string()
                    } else {
                        w.to_string()
                    }
                })
                .collect();
            words.join(" ")
        }
    }
}

/// An article of `claims` made-up claims with one speaker and one date.
fn bench_article(
    rng: &mut Mix,
    sentences: &[String],
    speakers: &[String],
    serial: usize,
    claims: usize,
) -> (
    claimtrail_core::ArticleDraft,
    Vec<claimtrail_core::ExtractedClaim>,
) {
    let mut text = String::new();
    let mut out = Vec::new();
    let date = chrono::NaiveDate::from_ymd_opt(2010, 1, 1)
        .map(|d| d + chrono::Days::new(rng.below(15 * 365) as u64));
    for _ in 0..claims {
        let claim = recombined(rng, sentences);
        let claim = claim.trim().to_string();
        if claim.is_empty() {
            continue;
        }
        let speaker = speakers[rng.below(speakers.len())].clone();
        if !text.is_empty() {
            text.push(' ');
        }
        let start = text.chars().count();
        text.push_str(&claim);
        let end = text.chars().count();
        out.push(claimtrail_core::ExtractedClaim {
            text: claim,
            start,
            end,
            claimant: Some(speaker.clone()),
            speaker: Some(speaker),
            kind: claimtrail_core::ClaimKind::Statement,
            checkworthiness: 0.5,
            entities: vec![],
        });
    }
    text.push_str(&format!(" Bench article {serial}."));
    let draft = claimtrail_core::ArticleDraft {
        title: format!("Bench article {serial}"),
        outlet: Some(format!("Outlet {}", serial % 37)),
        url: None,
        authors: vec![],
        published_at: date,
        language: Some("en".into()),
        source_format: claimtrail_core::SourceFormat::Text,
        original: Vec::new(),
        text,
    };
    (draft, out)
}

/// What `bench link` measures on.
pub struct LinkBench<'a> {
    pub n_claims: usize,
    pub samples: usize,
    pub corpus: Option<&'a Path>,
    pub datasets: Option<&'a Path>,
    pub keep: Option<&'a Path>,
    /// No embeddings: candidates by words only.
    pub lexical: bool,
}

/// Sentence embeddings for benchmarks at sizes the encoder cannot reach in a run (a million claims would take
/// it about 4 hours here): the encoder embeds a pool of real sentences once, and each text gets a blend of two
/// pool vectors chosen by its first and its last words, plus a little noise. Texts that share an opening or an
/// ending (the bench's repeats and splices) come out close, and the vectors cluster as real embeddings do, which
/// is what an approximate index's speed and recall depend on.
struct EmbeddingPool {
    vectors: Vec<Vec<f32>>,
}

impl EmbeddingPool {
    const SIZE: usize = 1_000;

    fn new(sentences: &[String]) -> Result<Self, CliError> {
        let encoder = claimtrail_encoder::Encoder::shipped()?;
        let step = (sentences.len() / Self::SIZE).max(1);
        let texts: Vec<&str> = sentences
            .iter()
            .step_by(step)
            .take(Self::SIZE)
            .map(String::as_str)
            .collect();
        let vectors = encoder.embed(&texts)?;
        if vectors.is_empty() {
            return Err(CliError::Usage("no sentences to embed".into()));
        }
        Ok(Self { vectors })
    }

    fn hash(words: &[&str]) -> u64 {
        let mut h = 0xcbf2_9ce4_8422_2325u64;
        for w in words {
            for b in w.bytes() {
                h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
            }
            h = (h ^ 0x20).wrapping_mul(0x0100_0000_01b3);
        }
        h
    }

    fn vector_for(&self, text: &str) -> Vec<f32> {
        let words: Vec<&str> = text.split_whitespace().collect();
        let n = words.len().min(5);
        let (head, tail) = (&words[..n], &words[words.len() - n..]);
        let a = &self.vectors[(Self::hash(head) % self.vectors.len() as u64) as usize];
        let b = &self.vectors[(Self::hash(tail) % self.vectors.len() as u64) as usize];
        let mut noise = Mix(Self::hash(&words));
        let mut v: Vec<f32> = a
            .iter()
            .zip(b)
            .map(|(x, y)| {
                x + 0.5 * y + 0.03 * ((noise.next() >> 40) as f32 / (1u64 << 24) as f32 - 0.5)
            })
            .collect();
        let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt().max(1e-6);
        v.iter_mut().for_each(|x| *x /= norm);
        v
    }

    /// The encoder stand-in `Store::refine_claims` takes: a middling score and the pool blend of each text.
    fn encode(
        &self,
        texts: &[&str],
    ) -> Result<(Vec<f32>, Vec<Vec<f32>>), std::convert::Infallible> {
        Ok((
            vec![0.5; texts.len()],
            texts.iter().map(|t| self.vector_for(t)).collect(),
        ))
    }
}

pub fn link(b: LinkBench<'_>, json_out: bool) -> Result<ExitCode, CliError> {
    const PER_ARTICLE: usize = 20;
    const ARTICLES_PER_TX: usize = 500;
    let (sentences, speakers) = link_sources(b.corpus, b.datasets);
    let pool = if b.lexical {
        None
    } else {
        Some(EmbeddingPool::new(&sentences)?)
    };
    let db_dir = tempfile::tempdir()?;
    let db_path = b
        .keep
        .map(Path::to_path_buf)
        .unwrap_or_else(|| db_dir.path().join("bench.db"));
    let mut store = Store::open(&db_path)?;
    let mut rng = Mix(0x9e37_79b9_7f4a_7c15);
    let started = Instant::now();
    let mut serial = 0usize;
    let mut stored = store.count_claims()? as usize;
    while stored < b.n_claims {
        let mut batch = Vec::with_capacity(ARTICLES_PER_TX);
        for _ in 0..ARTICLES_PER_TX {
            if stored >= b.n_claims {
                break;
            }
            let per = PER_ARTICLE.min(b.n_claims - stored);
            let mut a = bench_article(&mut rng, &sentences, &speakers, serial, per);
            a.0.original = a.0.text.clone().into_bytes();
            stored += a.1.len();
            serial += 1;
            batch.push(a);
        }
        store.import_prepared(&batch)?;
        if !json_out && serial % 10_000 < ARTICLES_PER_TX {
            eprintln!(
                "  {stored} claims stored ({:.0} s)",
                started.elapsed().as_secs_f64()
            );
        }
    }
    let build_secs = started.elapsed().as_secs_f64();
    // Embeddings of the stored claims (the encoder's job in the app, in the background).
    let started = Instant::now();
    if let Some(pool) = &pool {
        store.queue_claims_without_embedding()?;
        loop {
            let r = store.refine_claims(50_000, false, |t: &[&str], _| pool.encode(t))?;
            if r.scored == 0 {
                break;
            }
            if !json_out {
                eprintln!(
                    "  {} claims embedded ({:.0} s)",
                    store.count_claim_embeddings()?,
                    started.elapsed().as_secs_f64()
                );
            }
        }
    }
    let embed_secs = started.elapsed().as_secs_f64();
    let total_claims = store.count_claims()?;
    // Seeded by the size of the database, so that another run on a kept one brings new articles rather than
    // duplicates of its last samples.
    let mut rng = Mix(0x2545_f491_4f6c_dd1d ^ total_claims as u64);
    // New claims, one per article as an import of a short article would bring: each is stored (joining the link
    // queue), given its embedding, and then timed through the queue, as the app's worker and `claimtrail
    // import` take it. The first one, untimed, reads the embedding index (and builds or reads its graph).
    let mut per_claim = Vec::with_capacity(b.samples);
    let mut suggested = 0usize;
    let mut index_secs = 0.0;
    for i in 0..=b.samples {
        let (mut draft, claims) = bench_article(&mut rng, &sentences, &speakers, 10_000_000 + i, 1);
        draft.original = draft.text.clone().into_bytes();
        store.import_article(&draft, None, &claims)?;
        if let Some(pool) = &pool {
            store.refine_claims(usize::MAX, true, |t: &[&str], _| pool.encode(t))?;
        }
        let t = Instant::now();
        let r = store.process_link_queue(usize::MAX)?;
        if i == 0 {
            index_secs = t.elapsed().as_secs_f64();
            continue;
        }
        per_claim.push(t.elapsed().as_secs_f64() * 1e3 / r.claims.max(1) as f64);
        suggested += r.claim_links + r.fact_check_links;
    }
    let (p50, p95) = percentiles(per_claim);
    let file_size = |p: PathBuf| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0);
    let db_bytes = file_size(db_path.clone()) + file_size(db_path.with_extension("db-wal"));
    let mut graph_file = db_path.clone().into_os_string();
    graph_file.push("-claim_embedding.usearch");
    let graph_bytes = file_size(graph_file.into());
    let result = json!({
        "claims": total_claims,
        "embeddings": !b.lexical,
        "distinct_source_sentences": sentences.len(),
        "build_seconds": build_secs,
        "embed_seconds": embed_secs,
        "first_link_seconds": index_secs,
        "samples": b.samples,
        "suggest_ms_per_claim": {"p50": p50, "p95": p95},
        "links_suggested": suggested,
        "db_bytes": db_bytes,
        "bytes_per_claim": db_bytes as f64 / (total_claims.max(1) as f64),
        "graph_bytes": graph_bytes,
    });
    if json_out {
        print_json(&result)?;
    } else {
        let how = if b.lexical {
            "words only"
        } else {
            "words and embeddings"
        };
        println!(
            "link suggestion on {total_claims} claims, {how} ({} source sentences; stored in {build_secs:.0} s, embedded in {embed_secs:.0} s):",
            sentences.len()
        );
        println!(
            "  first link step (reads the embedding index{}): {index_secs:.1} s",
            if graph_bytes > 0 {
                " and its graph"
            } else {
                ""
            }
        );
        println!(
            "  per new claim: p50 {p50:.2} ms, p95 {p95:.2} ms ({} samples, {suggested} links suggested)",
            b.samples
        );
        println!(
            "  database {:.1} MB, {:.0} bytes per claim{}",
            db_bytes as f64 / 1e6,
            db_bytes as f64 / (total_claims.max(1) as f64),
            if graph_bytes > 0 {
                format!("; graph {:.1} MB beside it", graph_bytes as f64 / 1e6)
            } else {
                String::new()
            }
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

/// Both check-worthiness models on the same `n` sentences (taken in turn from the distinct ones): the
/// import-time linear model on one thread (repeated until it has run for a while, so its rate is steady), and
/// the encoder whose scores claimtrail shows, in its own batches on every core.
pub fn score(
    n: usize,
    file: Option<&Path>,
    corpus: Option<&Path>,
    json_out: bool,
) -> Result<ExitCode, CliError> {
    let distinct = bench_sentences(file, corpus)?;
    if distinct.is_empty() || n == 0 {
        return Err(CliError::Usage("no sentences to score".into()));
    }
    let sentences: Vec<&str> = (0..n)
        .map(|i| distinct[i % distinct.len()].as_str())
        .collect();
    let bytes: usize = sentences.iter().map(|s| s.len()).sum();

    let linear = claimtrail_core::checkworthy::Scorer::shipped()
        .map_err(|e| CliError::Usage(format!("check-worthiness model: {e}")))?;
    let started = Instant::now();
    let (mut rounds, mut linear_sum) = (0usize, 0.0f64);
    while rounds == 0 || started.elapsed() < std::time::Duration::from_secs(1) {
        linear_sum = sentences.iter().map(|s| linear.score(s)).sum();
        rounds += 1;
    }
    let linear_secs = started.elapsed().as_secs_f64();
    let linear_rate = (rounds * n) as f64 / linear_secs.max(1e-9);

    let started = Instant::now();
    let encoder = claimtrail_encoder::Encoder::shipped()?;
    let load_secs = started.elapsed().as_secs_f64();
    let started = Instant::now();
    let scores = encoder.score(&sentences)?;
    let encoder_secs = started.elapsed().as_secs_f64();
    let encoder_rate = n as f64 / encoder_secs.max(1e-9);
    let encoder_mean = scores.iter().map(|&s| f64::from(s)).sum::<f64>() / n as f64;
    // What the app's worker runs on each new claim: the score and the sentence embedding from one pass.
    let started = Instant::now();
    encoder.score_and_embed(&sentences)?;
    let both_rate = n as f64 / started.elapsed().as_secs_f64().max(1e-9);
    let linear_mean = linear_sum / n as f64;
    let agree = sentences
        .iter()
        .zip(&scores)
        .filter(|(s, &e)| (linear.score(s) >= 0.5) == (e >= 0.5))
        .count();
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    let result = json!({
        "sentences": n,
        "distinct_sentences": distinct.len(),
        "mean_bytes": bytes as f64 / n as f64,
        "linear": {
            "threads": 1,
            "seconds": linear_secs,
            "rounds": rounds,
            "sentences_per_sec": linear_rate,
            "us_per_sentence": 1e6 / linear_rate.max(1e-9),
            "mean_score": linear_mean,
        },
        "encoder": {
            "threads": threads,
            "batch": claimtrail_encoder::BATCH,
            "load_seconds": load_secs,
            "seconds": encoder_secs,
            "sentences_per_sec": encoder_rate,
            "ms_per_sentence": 1e3 / encoder_rate.max(1e-9),
            "mean_score": encoder_mean,
            "with_embedding_sentences_per_sec": both_rate,
        },
        "same_side_of_0_5": agree as f64 / n as f64,
    });
    if json_out {
        print_json(&result)?;
    } else {
        println!(
            "score: {n} sentences ({} distinct, {:.0} bytes on average)",
            distinct.len(),
            bytes as f64 / n as f64
        );
        println!(
            "  linear (import time, 1 thread):   {linear_rate:>10.0} sentences/s ({:.1} µs each), mean score {linear_mean:.3}",
            1e6 / linear_rate.max(1e-9)
        );
        println!(
            "  encoder (shown, {threads} threads):     {encoder_rate:>10.1} sentences/s ({:.1} ms each; model loaded in {load_secs:.2} s), mean score {encoder_mean:.3}",
            1e3 / encoder_rate.max(1e-9)
        );
        println!(
            "  encoder, score and embedding:         {both_rate:>10.1} sentences/s ({:.1} ms each)",
            1e3 / both_rate.max(1e-9)
        );
        println!(
            "  the two agree on {:.1}% of the sentences (same side of 0.5)",
            100.0 * agree as f64 / n as f64
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// `bench dense`: the nearest-embedding search of linking on `vectors` stored vectors ([`EmbeddingPool`]
/// blends): the exact scan, then the graph (built here), with the graph's recall of the exact scan's hits.
pub fn dense(
    vectors: usize,
    queries: usize,
    corpus: Option<&Path>,
    json_out: bool,
) -> Result<ExitCode, CliError> {
    use claimtrail_core::link::dense::{quantize, DenseIndex};
    const DIM: usize = 384;
    const K: usize = 30;
    let (sentences, _) = link_sources(corpus, None);
    let pool = EmbeddingPool::new(&sentences)?;
    let mut rng = Mix(0x9e37_79b9_7f4a_7c15);
    let mut text = || {
        let n = rng.below(12) + 8;
        (0..n)
            .map(|_| {
                rng.pick(&sentences)
                    .split_whitespace()
                    .next()
                    .unwrap_or("a")
            })
            .collect::<Vec<_>>()
            .join(" ")
    };
    let started = Instant::now();
    let mut index = DenseIndex::new(DIM);
    for key in 0..vectors {
        index.push(key as i64, &quantize(&pool.vector_for(&text())));
    }
    let fill_secs = started.elapsed().as_secs_f64();
    let qs: Vec<Vec<f32>> = (0..queries).map(|_| pool.vector_for(&text())).collect();
    let timed = |index: &DenseIndex| {
        let mut ms = Vec::with_capacity(queries);
        let mut hits = Vec::with_capacity(queries);
        for q in &qs {
            let started = Instant::now();
            let h = index.nearest(q, K, |_| true);
            ms.push(started.elapsed().as_secs_f64() * 1e3);
            hits.push(h.into_iter().map(|h| h.key).collect::<Vec<_>>());
        }
        (percentiles(ms), hits)
    };
    let ((exact_p50, exact_p95), exact) = timed(&index);
    let started = Instant::now();
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    index
        .build_graph(threads)
        .map_err(|e| CliError::Usage(e.to_string()))?;
    let graph_secs = started.elapsed().as_secs_f64();
    let ((graph_p50, graph_p95), approx) = timed(&index);
    let found: usize = approx
        .iter()
        .zip(&exact)
        .map(|(a, e)| a.iter().filter(|k| e.contains(k)).count())
        .sum();
    let recall = found as f64 / exact.iter().map(Vec::len).sum::<usize>().max(1) as f64;
    // One byte per value, a norm and a key, and the key's map entry.
    let mib = (vectors * (DIM + 4 + 8 + 24)) as f64 / (1024.0 * 1024.0);
    let graph_mib = {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("g.usearch");
        match index.graph().map(|g| g.save(&path)) {
            Some(Ok(())) => std::fs::metadata(&path).map_or(0.0, |m| m.len() as f64 / 1048576.0),
            _ => 0.0,
        }
    };
    if json_out {
        print_json(&json!({
            "vectors": vectors, "dim": DIM, "queries": queries, "k": K, "threads": threads,
            "fill_seconds": fill_secs,
            "exact": {"p50_ms": exact_p50, "p95_ms": exact_p95, "approx_mib": mib},
            "graph": {"build_seconds": graph_secs, "p50_ms": graph_p50, "p95_ms": graph_p95,
                      "recall": recall, "file_mib": graph_mib},
        }))?;
    } else {
        println!("dense: {vectors} vectors of {DIM} values (about {mib:.0} MiB), {queries} queries, top {K}");
        println!("  exact scan: p50 {exact_p50:.2} ms, p95 {exact_p95:.2} ms per query");
        println!(
            "  graph: p50 {graph_p50:.2} ms, p95 {graph_p95:.2} ms per query; finds {:.1}% of the exact top {K}; built in {graph_secs:.1} s on {threads} threads ({:.0} vectors/s), {graph_mib:.0} MiB saved",
            100.0 * recall,
            vectors as f64 / graph_secs.max(1e-9)
        );
    }
    Ok(ExitCode::SUCCESS)
}
