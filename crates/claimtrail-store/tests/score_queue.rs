//! The score queue on real SQLite files: filled by the import transaction (and by hand-added and edited
//! claims), drained once, kept consistent when a scorer fails half-way or a claim changes while it is scored,
//! and drained once by two connections at once. The scorer here is a plain function of the text (the encoder
//! itself lives in another crate, which the store does not know).

use std::path::{Path, PathBuf};

use claimtrail_core::ClaimKind;
use claimtrail_store::edit::{ClaimEdit, NewClaim};
use claimtrail_store::{ScoreReport, Store, StoreError};

type TestResult = Result<(), Box<dyn std::error::Error>>;

/// A fictional article with several claims.
const MILL: &str = "Mill reopens in Varrow\n\n\
The Varrow paper mill will hire 320 workers by March, owner Teodor Lind said on Friday.\n\n\
Lind said the plant cut its water use by 45 percent since 2019.\n\n\
The town council approved a 2.5 million euro loan for the new boiler, council records show.\n\n\
Residents said they were glad.";

fn write_article(dir: &Path, name: &str, text: &str) -> std::io::Result<PathBuf> {
    let path = dir.join(format!("{name}.jsonl"));
    let (title, body) = text.split_once("\n\n").unwrap_or((name, text));
    let line = serde_json::json!({"title": title, "date": "2024-02-02", "source": "Varrow Post", "text": body});
    std::fs::write(&path, format!("{line}\n"))?;
    Ok(path)
}

/// Imports one article (a variant of [`MILL`] per `n`) without draining anything; returns its claims.
fn import(store: &mut Store, dir: &Path, n: usize) -> Result<usize, Box<dyn std::error::Error>> {
    let text = MILL.replace("320", &(320 + n).to_string());
    let path = write_article(dir, &format!("mill-{n}"), &text)?;
    let report = store.import_paths(&[path], &Default::default(), |_| {});
    assert_eq!(report.imported.len(), 1, "{report:?}");
    Ok(report.imported[0].claims)
}

/// The test scorer: a number in 0..1 that depends only on the text.
fn fake_score(text: &str) -> f32 {
    (text.len() % 97) as f32 / 100.0 + 0.01
}

fn scorer(texts: &[&str]) -> Result<Vec<f32>, std::convert::Infallible> {
    Ok(texts.iter().map(|t| fake_score(t)).collect())
}

/// (text, stored check-worthiness) of every claim.
fn scores(store: &Store) -> Result<Vec<(String, f64)>, Box<dyn std::error::Error>> {
    Ok(store
        .list_claims(&Default::default())?
        .into_iter()
        .map(|c| (c.text, c.checkworthiness))
        .collect())
}

fn count(db: &Path, sql: &str) -> Result<i64, Box<dyn std::error::Error>> {
    let conn = rusqlite::Connection::open(db)?;
    Ok(conn.query_row(sql, [], |r| r.get(0))?)
}

fn assert_scored(store: &Store, text: &str, score: f64) -> TestResult {
    let found = scores(store)?
        .into_iter()
        .find(|(t, _)| t == text)
        .ok_or_else(|| format!("no claim `{text}`"))?;
    assert!(
        (found.1 - score).abs() < 1e-4,
        "`{text}`: stored {} expected {score}",
        found.1
    );
    Ok(())
}

#[test]
fn an_import_queues_its_claims_and_the_queue_writes_the_scorer_s_scores() -> TestResult {
    let dir = tempfile::tempdir()?;
    let db = dir.path().join("s.db");
    let mut store = Store::open(&db)?;
    let n = import(&mut store, dir.path(), 0)?;
    assert!(n >= 3, "{n} claims");
    assert_eq!(store.pending_scores()?, n);
    let linear = scores(&store)?;
    let history = store.history(None, 10_000)?.len();

    let one = store.process_score_queue(1, scorer)?;
    assert_eq!(
        one,
        ScoreReport {
            claims: 1,
            scored: 1
        }
    );
    assert_eq!(store.pending_scores()?, n - 1);
    let rest = store.process_score_queue(usize::MAX, scorer)?;
    assert_eq!(rest.claims, n - 1);
    assert_eq!(store.pending_scores()?, 0);
    for (text, _) in &linear {
        let expected = (f64::from(fake_score(text)) * 1e4).round() / 1e4;
        assert_scored(&store, text, expected)?;
    }
    assert_ne!(scores(&store)?, linear, "the scores changed");
    // Derived data: no history rows.
    assert_eq!(store.history(None, 10_000)?.len(), history);
    // An empty queue calls nothing.
    let r = store.process_score_queue(10, |_: &[&str]| -> Result<Vec<f32>, String> {
        Err("must not be called".into())
    })?;
    assert_eq!(r, ScoreReport::default());
    Ok(())
}

#[test]
fn a_failing_scorer_leaves_its_batch_queued_and_a_reopened_store_finishes() -> TestResult {
    let dir = tempfile::tempdir()?;
    let db = dir.path().join("f.db");
    let mut store = Store::open(&db)?;
    let mut total = 0;
    for i in 0..20 {
        total += import(&mut store, dir.path(), i)?;
    }
    assert!(total > 40, "more than one batch of 32: {total}");
    let before = scores(&store)?;
    // The first batch is scored, the second call fails (as an encoder error or a killed process would).
    let mut calls = 0;
    let err = store
        .process_score_queue(usize::MAX, |texts: &[&str]| {
            calls += 1;
            if calls == 2 {
                return Err("out of memory".to_string());
            }
            scorer(texts).map_err(|e| e.to_string())
        })
        .expect_err("the second batch fails");
    assert!(matches!(err, StoreError::Scoring(_)), "{err}");
    assert_eq!(err.code(), "scoring");
    let left = store.pending_scores()?;
    assert_eq!(left, total - 32, "exactly the first batch left the queue");
    // Every claim off the queue has its new score; every queued one still has its old one.
    let queued_unchanged = count(
        &db,
        "SELECT count(*) FROM claim WHERE pk IN (SELECT claim_pk FROM score_pending)",
    )?;
    assert_eq!(queued_unchanged as usize, left);
    drop(store);

    let mut store = Store::open(&db)?;
    let r = store.process_score_queue(usize::MAX, scorer)?;
    assert_eq!(r.claims, left);
    assert_eq!(store.pending_scores()?, 0);
    for (text, _) in &before {
        let expected = (f64::from(fake_score(text)) * 1e4).round() / 1e4;
        assert_scored(&store, text, expected)?;
    }
    Ok(())
}

#[test]
fn a_scorer_giving_the_wrong_number_of_scores_changes_nothing() -> TestResult {
    let dir = tempfile::tempdir()?;
    let db = dir.path().join("w.db");
    let mut store = Store::open(&db)?;
    let n = import(&mut store, dir.path(), 0)?;
    let before = scores(&store)?;
    let err = store
        .process_score_queue(usize::MAX, |t: &[&str]| {
            Ok::<_, String>(vec![0.5; t.len() - 1])
        })
        .expect_err("one score short");
    assert!(err.to_string().contains("the scorer gave"), "{err}");
    assert_eq!(store.pending_scores()?, n);
    assert_eq!(scores(&store)?, before);
    // Not-a-number leaves the old score but takes the claim off the queue (it would fail again).
    let r = store.process_score_queue(usize::MAX, |t: &[&str]| {
        Ok::<_, String>(vec![f32::NAN; t.len()])
    })?;
    assert_eq!(
        r,
        ScoreReport {
            claims: n,
            scored: 0
        }
    );
    assert_eq!(scores(&store)?, before);
    Ok(())
}

#[test]
fn a_claim_edited_while_it_is_scored_stays_queued_for_its_new_text() -> TestResult {
    let dir = tempfile::tempdir()?;
    let db = dir.path().join("e.db");
    let mut store = Store::open(&db)?;
    let n = import(&mut store, dir.path(), 0)?;
    let target = store
        .list_claims(&Default::default())?
        .into_iter()
        .find(|c| c.text.contains("water use"))
        .ok_or("no water claim")?;
    let new_text = "Lind said the plant cut its water use by 45 percent since 2019";
    assert_ne!(new_text, target.text);
    // While the first batch is being scored, another connection (the app) edits the claim.
    let mut other = Store::open(&db)?;
    let mut edited = false;
    store.process_score_queue(usize::MAX, |texts: &[&str]| {
        if !edited {
            edited = true;
            other
                .edit_claim(
                    target.id,
                    ClaimEdit {
                        text: Some(new_text.into()),
                        ..Default::default()
                    },
                )
                .map_err(|e| e.to_string())?;
        }
        scorer(texts).map_err(|e| e.to_string())
    })?;
    // The stale score was not written; the next batch scored the new text.
    assert_eq!(store.pending_scores()?, 0);
    assert_scored(
        &store,
        new_text,
        (f64::from(fake_score(new_text)) * 1e4).round() / 1e4,
    )?;
    assert!(n > 1);
    Ok(())
}

#[test]
fn hand_added_and_edited_claims_join_the_queue() -> TestResult {
    let dir = tempfile::tempdir()?;
    let db = dir.path().join("m.db");
    let mut store = Store::open(&db)?;
    import(&mut store, dir.path(), 0)?;
    store.process_score_queue(usize::MAX, scorer)?;
    let claim = store
        .list_claims(&Default::default())?
        .into_iter()
        .next()
        .ok_or("no claim")?;
    let article = store.get_article(claim.article_id)?;
    let text = "Residents said they were glad.";
    let start = article.text.find(text).ok_or("no sentence")?;
    let start = article.text[..start].chars().count();
    let added = store.add_manual_claim(NewClaim {
        article_id: article.id,
        start,
        end: start + text.chars().count(),
        kind: ClaimKind::Statement,
        claimant: None,
    })?;
    assert_eq!(added.checkworthiness, 0.5);
    assert_eq!(store.pending_scores()?, 1);
    // A change that keeps the text (the claimant) queues nothing; a new text does.
    store.process_score_queue(usize::MAX, scorer)?;
    store.edit_claim(
        added.id,
        ClaimEdit {
            claimant: Some(Some("Residents".into())),
            ..Default::default()
        },
    )?;
    assert_eq!(store.pending_scores()?, 0);
    store.edit_claim(
        added.id,
        ClaimEdit {
            text: Some("Residents said they were glad".into()),
            ..Default::default()
        },
    )?;
    assert_eq!(store.pending_scores()?, 1);
    store.process_score_queue(usize::MAX, scorer)?;
    assert_scored(
        &store,
        "Residents said they were glad",
        (f64::from(fake_score("Residents said they were glad")) * 1e4).round() / 1e4,
    )?;
    Ok(())
}

#[test]
fn deleted_claims_leave_the_queue() -> TestResult {
    let dir = tempfile::tempdir()?;
    let db = dir.path().join("d.db");
    let mut store = Store::open(&db)?;
    let n = import(&mut store, dir.path(), 0)?;
    let m = import(&mut store, dir.path(), 1)?;
    {
        let conn = rusqlite::Connection::open(&db)?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.execute("DELETE FROM article WHERE text LIKE '%321 workers%'", [])?;
    }
    assert_eq!(
        store.pending_scores()?,
        n,
        "the deleted article's {m} claims left"
    );
    let r = store.process_score_queue(usize::MAX, scorer)?;
    assert_eq!(r.claims, n);
    Ok(())
}

#[test]
fn two_connections_draining_at_once_write_each_claim_once() -> TestResult {
    let dir = tempfile::tempdir()?;
    let db = dir.path().join("c.db");
    let mut store = Store::open(&db)?;
    let mut queued = 0;
    for i in 0..16 {
        queued += import(&mut store, dir.path(), i)?;
    }
    let drain = |db: PathBuf| {
        std::thread::spawn(move || -> Result<ScoreReport, String> {
            let mut s = Store::open(&db).map_err(|e| e.to_string())?;
            let mut total = ScoreReport::default();
            loop {
                let r = s
                    .process_score_queue(5, scorer)
                    .map_err(|e| e.to_string())?;
                if r.claims == 0 && s.pending_scores().map_err(|e| e.to_string())? == 0 {
                    return Ok(total);
                }
                total.claims += r.claims;
                total.scored += r.scored;
            }
        })
    };
    let (x, y) = (drain(db.clone()), drain(db.clone()));
    let x = x.join().map_err(|_| "drain panicked")??;
    let y = y.join().map_err(|_| "drain panicked")??;
    assert_eq!(x.claims + y.claims, queued, "{x:?} {y:?}");
    assert_eq!(x.scored + y.scored, queued);
    assert_eq!(store.pending_scores()?, 0);
    assert_eq!(store.integrity_check()?, "ok");
    Ok(())
}
