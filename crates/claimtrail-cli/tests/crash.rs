//! Crash safety: the real `claimtrail import` is killed with SIGKILL at random moments while it imports
//! 1,000 fictional articles. After every kill the database must pass `PRAGMA integrity_check`, every stored
//! article must have all of its claims and its history rows (no half article), and nothing committed may be
//! lost. A last run without a kill completes the batch.

mod common;

use std::collections::HashMap;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use assert_cmd::cargo::CommandCargoExt;
use claimtrail_core::extract_claims;
use claimtrail_core::ingest::{load_file, IngestOptions};
use claimtrail_store::{ClaimFilter, Store};

type TestResult = Result<(), Box<dyn std::error::Error>>;

const ARTICLES: usize = 1_000;
const KILLS: usize = 20;

/// Claims that `claimtrail extract` finds in each file, by file name (what a complete import stores).
fn expected_claims(files: &[std::path::PathBuf]) -> Result<HashMap<String, usize>, String> {
    let mut out = HashMap::new();
    for f in files {
        let loaded = load_file(f, &IngestOptions::default());
        let [one] = loaded.as_slice() else {
            return Err(format!("{} gave {} articles", f.display(), loaded.len()));
        };
        let draft = one.result.as_ref().map_err(|e| e.to_string())?;
        let name = f
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        out.insert(name, extract_claims(&draft.text).len());
    }
    Ok(out)
}

/// Checks the database after a kill; returns how many articles it holds.
fn check(
    db: &Path,
    expected: &HashMap<String, usize>,
) -> Result<usize, Box<dyn std::error::Error>> {
    let store = Store::open(db)?;
    assert_eq!(store.integrity_check()?, "ok");
    let history = store.history(None, 10_000_000)?;
    let mut logged: HashMap<&str, usize> = HashMap::new();
    for h in &history {
        *logged.entry(h.entity_id.as_str()).or_default() += 1;
    }
    let articles = store.list_articles()?;
    let mut total_claims = 0;
    for summary in &articles {
        let article = store.get_article(summary.id)?;
        let name = article
            .source_path
            .as_deref()
            .and_then(|p| Path::new(p).file_name())
            .map(|n| n.to_string_lossy().into_owned())
            .ok_or("article without a source path")?;
        let want = *expected.get(&name).ok_or("unknown article")?;
        let claims = store.list_claims(&ClaimFilter {
            article_id: Some(summary.id),
            include_dismissed: true,
            ..ClaimFilter::default()
        })?;
        assert_eq!(claims.len(), want, "{name}: half an article");
        assert!(
            logged.contains_key(summary.id.to_string().as_str()),
            "{name}: article without its history row"
        );
        for c in &claims {
            assert!(
                logged.contains_key(c.id.to_string().as_str()),
                "{name}: claim without its history row"
            );
        }
        total_claims += claims.len();
    }
    assert_eq!(
        store.count_claims()? as usize,
        total_claims,
        "claims without an article"
    );
    Ok(articles.len())
}

#[test]
fn sigkill_during_a_1000_article_import_never_leaves_half_an_article() -> TestResult {
    let dir = tempfile::tempdir()?;
    let input = dir.path().join("articles");
    let files = common::write_articles(&input, ARTICLES, 0x5eed_c1a1)?;
    let expected = expected_claims(&files)?;
    assert!(
        expected.values().all(|&n| n > 0),
        "every article has claims"
    );
    let db = dir.path().join("crash.db");

    let mut rng = common::Rng::new(0xdead_beef);
    let mut stored = 0;
    let mut log = Vec::new();
    for round in 0..KILLS {
        let mut child = Command::cargo_bin("claimtrail")?
            .arg("--db")
            .arg(&db)
            .args(["import", "--json"])
            .arg(&input)
            .env_remove("CLAIMTRAIL_DB")
            .env("CLAIMTRAIL_LOG", "off")
            .env("CLAIMTRAIL_LOG_DIR", dir.path().join("logs"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()?;
        let delay = rng.range(30, 2_500);
        std::thread::sleep(Duration::from_millis(delay));
        let finished = child.try_wait()?.is_some();
        child.kill()?; // SIGKILL on Unix
        child.wait()?;
        let now = check(&db, &expected)?;
        assert!(
            now >= stored,
            "round {round}: committed articles were lost ({stored} -> {now})"
        );
        log.push(format!(
            "kill {round} after {delay} ms: {now} articles{}",
            if finished { " (had finished)" } else { "" }
        ));
        stored = now;
    }
    eprintln!("{}", log.join("\n"));

    // The last run stores and links; scoring thousands of claims in a debug build would take minutes, and the
    // score queue's state after the kills is checked below.
    let out = Command::cargo_bin("claimtrail")?
        .arg("--db")
        .arg(&db)
        .args(["import", "--json", "--no-score"])
        .arg(&input)
        .env_remove("CLAIMTRAIL_DB")
        .env("CLAIMTRAIL_LOG_DIR", dir.path().join("logs"))
        .output()?;
    assert!(
        out.status.success(),
        "re-run after the kills: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout)?;
    let imported = report["imported"].as_array().map_or(0, Vec::len);
    let duplicates = report["duplicates"].as_array().map_or(0, Vec::len);
    assert_eq!(imported + duplicates, ARTICLES);
    assert_eq!(
        duplicates, stored,
        "what was committed before is recognised"
    );
    assert_eq!(check(&db, &expected)?, ARTICLES);
    // Claims queued for link suggestion by the killed runs were not lost: the last run linked every one of them.
    let pending = Command::cargo_bin("claimtrail")?
        .arg("--db")
        .arg(&db)
        .args(["links", "pending", "--json"])
        .env_remove("CLAIMTRAIL_DB")
        .env("CLAIMTRAIL_LOG_DIR", dir.path().join("logs"))
        .output()?;
    let pending: serde_json::Value = serde_json::from_slice(&pending.stdout)?;
    assert_eq!(pending["pending"], 0, "{pending}");
    let (queued, scored) = check_score_queue(&db)?;
    eprintln!("score queue after the kills: {queued} claims still queued, {scored} scored by the killed runs");
    Ok(())
}

#[test]
fn sigkill_during_scores_run_leaves_every_claim_queued_or_scored() -> TestResult {
    let dir = tempfile::tempdir()?;
    let input = dir.path().join("articles");
    common::write_articles(&input, 40, 0x5c0_7e5)?;
    let db = dir.path().join("scores.db");
    let claimtrail = |args: &[&str]| -> Result<Command, Box<dyn std::error::Error>> {
        let mut c = Command::cargo_bin("claimtrail")?;
        c.arg("--db")
            .arg(&db)
            .args(args)
            .env_remove("CLAIMTRAIL_DB")
            .env("CLAIMTRAIL_LOG", "off")
            .env("CLAIMTRAIL_LOG_DIR", dir.path().join("logs"));
        Ok(c)
    };
    let out = claimtrail(&["import", "--json", "--no-link", "--no-score"])?
        .arg(&input)
        .output()?;
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let (total, _) = check_score_queue(&db)?;
    assert!(total > 64, "more than two batches: {total}");

    let mut rng = common::Rng::new(0x5c07e);
    let mut log = Vec::new();
    let mut last_queued = total;
    for round in 0..6 {
        let mut child = claimtrail(&["scores", "run", "--json"])?
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()?;
        let delay = rng.range(200, 4_000);
        std::thread::sleep(Duration::from_millis(delay));
        child.kill()?;
        child.wait()?;
        let (queued, scored) = check_score_queue(&db)?;
        assert_eq!(queued + scored, total);
        assert!(
            queued <= last_queued,
            "round {round}: claims went back into the queue"
        );
        last_queued = queued;
        log.push(format!(
            "kill {round} after {delay} ms: {scored} of {total} scored"
        ));
    }
    eprintln!("{}", log.join("\n"));
    let out = claimtrail(&["scores", "run", "--json"])?.output()?;
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout)?;
    assert_eq!(report["claims"], last_queued, "{report}");
    assert_eq!(report["pending"], 0, "{report}");
    assert_eq!(check_score_queue(&db)?, (0, total));
    Ok(())
}

/// After a kill, each claim is either still in the score queue with its import-time (linear) score, or off the
/// queue with the encoder's: a batch's scores and its dequeue were committed together or not at all. Returns
/// (claims queued, claims scored).
fn check_score_queue(db: &Path) -> Result<(usize, usize), Box<dyn std::error::Error>> {
    let conn = rusqlite::Connection::open(db)?;
    let mut stmt = conn.prepare(
        "SELECT c.text, c.checkworthiness, p.claim_pk IS NOT NULL FROM claim c
         LEFT JOIN score_pending p ON p.claim_pk = c.pk WHERE c.origin = 'extracted' ORDER BY c.pk",
    )?;
    let rows: Vec<(String, f64, bool)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<Result<_, _>>()?;
    let linear = claimtrail_core::checkworthy::Scorer::shipped()?;
    let (queued, scored): (Vec<_>, Vec<_>) = rows.iter().partition(|r| r.2);
    for (text, stored, _) in &queued {
        assert!(
            (linear.score(text) - stored).abs() < 1e-9,
            "queued `{text}` lost its score"
        );
    }
    // The encoder is slow in a debug build: a sample of the scored claims, spread over the table.
    let step = (scored.len() / 16).max(1);
    let sample: Vec<&(String, f64, bool)> = scored.iter().step_by(step).copied().collect();
    let texts: Vec<&str> = sample.iter().map(|r| r.0.as_str()).collect();
    let expected = claimtrail_encoder::score(&texts)?;
    for ((text, stored, _), e) in sample.iter().zip(&expected) {
        assert!(
            (f64::from(*e) - stored).abs() < 1.5e-4,
            "scored `{text}`: stored {stored}, encoder {e}"
        );
    }
    Ok((queued.len(), scored.len()))
}
