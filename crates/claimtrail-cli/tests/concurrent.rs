//! The app and the CLI write the same database at once. This test process writes verdicts through the store
//! (as the app does) while child processes run `claimtrail review` in two loops and a `claimtrail import` of
//! 200 articles. Every write must succeed, and every one must be found afterwards.

mod common;

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use assert_cmd::cargo::CommandCargoExt;
use claimtrail_core::{extract_claims, ClaimId, ClaimStatus};
use claimtrail_store::{ClaimFilter, ReviewInput, Store};

type TestResult = Result<(), Box<dyn std::error::Error>>;

const STORE_WRITES: usize = 2_500;
const CLI_LOOPS: usize = 2;
const CLI_WRITES_EACH: usize = 250;
const IMPORTED: usize = 200;
const STATUSES: [&str; 4] = ["in_review", "verified", "disputed", "false"];

fn cli(db: &Path) -> Result<Command, Box<dyn std::error::Error>> {
    let mut c = Command::cargo_bin("claimtrail")?;
    c.arg("--db")
        .arg(db)
        .env_remove("CLAIMTRAIL_DB")
        .env("CLAIMTRAIL_LOG_DIR", db.with_extension("logs"))
        .env("CLAIMTRAIL_REVIEWER", "cli");
    Ok(c)
}

/// One CLI loop: `claimtrail review` again and again; returns the notes it wrote.
fn cli_loop(db: PathBuf, claims: Vec<ClaimId>, lane: usize) -> Result<Vec<String>, String> {
    let mut notes = Vec::new();
    for i in 0..CLI_WRITES_EACH {
        let claim = claims[(i * 7 + lane) % claims.len()].to_string();
        let note = format!("cli-{lane}-{i}");
        let out = cli(&db)
            .map_err(|e| e.to_string())?
            .args([
                "review",
                &claim,
                "--status",
                STATUSES[i % 4],
                "--note",
                &note,
                "--json",
            ])
            .output()
            .map_err(|e| e.to_string())?;
        if !out.status.success() {
            return Err(format!(
                "{note}: exit {:?}: {}",
                out.status.code(),
                String::from_utf8_lossy(&out.stderr)
            ));
        }
        notes.push(note);
    }
    Ok(notes)
}

#[test]
fn app_and_cli_write_at_the_same_time_and_no_write_is_lost() -> TestResult {
    let dir = tempfile::tempdir()?;
    let db = dir.path().join("shared.db");
    let mut store = Store::open(&db)?;
    let mut rng = common::Rng::new(7);
    for n in 0..20 {
        let text = common::article(&mut rng, 10_000 + n);
        store.import_article(
            &claimtrail_core::ArticleDraft::plain(format!("Seed {n}"), text.clone()),
            None,
            &extract_claims(&text),
        )?;
    }
    let claims: Vec<ClaimId> = store
        .list_claims(&ClaimFilter::default())?
        .into_iter()
        .map(|c| c.id)
        .collect();
    assert!(claims.len() >= 40, "{} claims", claims.len());
    let to_import = dir.path().join("incoming");
    common::write_articles(&to_import, IMPORTED, 99)?;

    // Children: two review loops and one import, all running while this process writes.
    let loops: Vec<_> = (0..CLI_LOOPS)
        .map(|lane| {
            let (db, claims) = (db.clone(), claims.clone());
            std::thread::spawn(move || cli_loop(db, claims, lane))
        })
        .collect();
    let import = {
        let (db, to_import) = (db.clone(), to_import.clone());
        std::thread::spawn(move || -> Result<serde_json::Value, String> {
            let out = cli(&db)
                .map_err(|e| e.to_string())?
                // Importing and linking are the writes under test; the encoder's writes are the same short
                // transactions (tested in the store's score-queue tests) and would only add minutes of a debug
                // build's CPU.
                .args(["import", "--json", "--no-score"])
                .arg(&to_import)
                .output()
                .map_err(|e| e.to_string())?;
            if !out.status.success() {
                return Err(String::from_utf8_lossy(&out.stderr).into_owned());
            }
            serde_json::from_slice(&out.stdout).map_err(|e| e.to_string())
        })
    };

    let mut app_notes = Vec::new();
    let mut app_errors = Vec::new();
    for i in 0..STORE_WRITES {
        let note = format!("app-{i}");
        let claim = claims[(i * 13) % claims.len()];
        let status = [
            ClaimStatus::Verified,
            ClaimStatus::Misleading,
            ClaimStatus::InReview,
        ][i % 3];
        match store.review_claim(
            claim,
            ReviewInput {
                status,
                note: Some(note.clone()),
                reviewer: Some("app".into()),
                evidence: if i % 10 == 0 {
                    vec![format!("https://example.org/evidence/{i}")]
                } else {
                    vec![]
                },
            },
        ) {
            Ok(_) => app_notes.push(note),
            Err(e) => app_errors.push(format!("{note}: {e}")),
        }
    }

    let mut cli_notes = Vec::new();
    for l in loops {
        cli_notes.extend(l.join().map_err(|_| "CLI loop panicked")??);
    }
    let report = import.join().map_err(|_| "import thread panicked")??;
    assert!(
        app_errors.is_empty(),
        "{} app writes failed: {:?}",
        app_errors.len(),
        &app_errors[..app_errors.len().min(5)]
    );
    assert_eq!(app_notes.len(), STORE_WRITES);
    assert_eq!(cli_notes.len(), CLI_LOOPS * CLI_WRITES_EACH);
    assert_eq!(
        report["imported"].as_array().map_or(0, Vec::len),
        IMPORTED,
        "{report:#}"
    );
    assert_eq!(
        report["failed"].as_array().map_or(0, Vec::len),
        0,
        "{report:#}"
    );

    // Count what landed, from a fresh connection.
    drop(store);
    let store = Store::open(&db)?;
    assert_eq!(store.integrity_check()?, "ok");
    let mut found = HashSet::new();
    let mut evidence = 0;
    for &c in &claims {
        for r in store.reviews(c)? {
            if let Some(note) = r.note {
                assert!(found.insert(note), "a review stored twice");
            }
        }
        evidence += store.evidence(c)?.len();
    }
    let expected: HashSet<String> = app_notes.into_iter().chain(cli_notes).collect();
    let missing: Vec<_> = expected.difference(&found).take(5).collect();
    assert!(missing.is_empty(), "lost writes, e.g. {missing:?}");
    assert_eq!(found.len(), STORE_WRITES + CLI_LOOPS * CLI_WRITES_EACH);
    assert_eq!(evidence, STORE_WRITES / 10);
    assert_eq!(store.count_articles()? as usize, 20 + IMPORTED);
    let review_history = store
        .history(None, 10_000_000)?
        .iter()
        .filter(|h| h.entity == "review")
        .count();
    assert_eq!(
        review_history,
        found.len(),
        "every verdict has its history row"
    );
    eprintln!(
        "concurrent writes: {STORE_WRITES} store verdicts, {} CLI verdicts in {CLI_LOOPS} processes loops, \
         {IMPORTED} articles imported by a CLI process; all landed",
        CLI_LOOPS * CLI_WRITES_EACH
    );
    Ok(())
}
