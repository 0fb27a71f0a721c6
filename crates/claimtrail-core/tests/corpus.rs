//! Runs the extractor over the local research corpus (`/work/shared/corpus/news/*.jsonl`, not shipped with the
//! repository) when it is present. Ignored by default:
//!
//! ```text
//! cargo test -p claimtrail-core --release --test corpus -- --ignored --nocapture
//! ```
//!
//! It checks the span invariant on every article, prints a sample of claims for reading, and reports the
//! extraction time (a report, not an assertion).

use std::path::PathBuf;
use std::time::Instant;

use claimtrail_core::extract::extract_claims;
use claimtrail_core::text::normalize;

fn corpus_texts() -> Vec<(String, String)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/news");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .collect();
    files.sort();
    let mut out = Vec::new();
    for file in files {
        let Ok(raw) = std::fs::read_to_string(&file) else {
            continue;
        };
        for line in raw.lines() {
            let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else {
                continue;
            };
            let id = v["id"].as_str().unwrap_or("?").to_string();
            if let Some(text) = v["text"].as_str() {
                out.push((id, normalize(text)));
            }
        }
    }
    out
}

#[test]
#[ignore = "needs the local research corpus; run with --ignored --nocapture"]
fn corpus_spans_sample_and_speed() {
    let texts = corpus_texts();
    if texts.is_empty() {
        eprintln!("corpus not found: skipped");
        return;
    }
    let mut claims_total = 0usize;
    let mut attributed = 0usize;
    for (id, text) in &texts {
        let claims = extract_claims(text);
        for c in &claims {
            let slice: String = text.chars().skip(c.start).take(c.end - c.start).collect();
            assert_eq!(slice, c.text, "span mismatch in {id}");
            assert!((0.0..=1.0).contains(&c.checkworthiness));
        }
        claims_total += claims.len();
        attributed += claims.iter().filter(|c| c.speaker.is_some()).count();
    }
    for (id, text) in texts.iter().step_by(37) {
        println!("===== {id}");
        for c in extract_claims(text).iter().take(6) {
            println!(
                "[{}] {:.2} {:?} -> {:?}\n    {}",
                c.kind, c.checkworthiness, c.claimant, c.speaker, c.text
            );
        }
    }
    let reps = 5;
    let chars: usize = texts.iter().map(|(_, t)| t.chars().count()).sum();
    let start = Instant::now();
    for _ in 0..reps {
        for (_, text) in &texts {
            std::hint::black_box(extract_claims(text));
        }
    }
    let elapsed = start.elapsed().as_secs_f64();
    let per_article = elapsed * 1e6 / (reps * texts.len()) as f64;
    let per_4k = elapsed * 1e6 / (reps as f64 * chars as f64 / 4000.0);
    println!(
        "{} articles, {} claims ({} attributed); {per_article:.0} µs/article, {per_4k:.0} µs per 4k chars{}",
        texts.len(),
        claims_total,
        attributed,
        if cfg!(debug_assertions) { " (debug build)" } else { "" }
    );
}
