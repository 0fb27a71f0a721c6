//! Backups and restore on real database files: the data survives, bad or newer files are refused before
//! anything changes, automatic backups are taken and pruned.

use std::path::{Path, PathBuf};

use claimtrail_core::{extract_claims, ArticleDraft, ClaimStatus, SourceFormat};
use claimtrail_store::{backup, db, ClaimFilter, ReviewInput, Store, StoreError};

type TestResult = Result<(), Box<dyn std::error::Error>>;

fn draft(title: &str, text: &str) -> ArticleDraft {
    ArticleDraft {
        title: title.into(),
        outlet: Some("The Ledger".into()),
        url: None,
        authors: vec![],
        published_at: None,
        language: None,
        source_format: SourceFormat::Text,
        text: text.into(),
        original: text.as_bytes().to_vec(),
    }
}

const BRIDGE: &str = "Officials said on Tuesday that the Harlow bridge will reopen in May after repairs \
costing $3 million.\n\n“We expect traffic to return to normal,” the transport minister, Ana Costa, told reporters.";
const PORT: &str =
    "Dock workers in Velmar voted 312 to 40 on Friday to accept a 6 percent raise, the union \
said.\n\nThe port authority said 14 ships had waited offshore during the strike.";

/// A store with one article whose first claim has a verdict.
fn seeded(path: &Path) -> Result<(Store, claimtrail_core::ClaimId), Box<dyn std::error::Error>> {
    let mut store = Store::open(path)?;
    store.import_article(&draft("Bridge", BRIDGE), None, &extract_claims(BRIDGE))?;
    let claims = store.list_claims(&ClaimFilter::default())?;
    let first = claims.first().ok_or("no claims extracted")?.id;
    store.review_claim(
        first,
        ReviewInput {
            status: ClaimStatus::Verified,
            note: Some("budget papers".into()),
            reviewer: Some("ana".into()),
            evidence: vec!["https://example.org/budget".into()],
        },
    )?;
    Ok((store, first))
}

fn files_in(dir: &Path, prefix: &str) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok())
                .map(|e| e.path())
                .filter(|p| {
                    p.file_name()
                        .is_some_and(|n| n.to_string_lossy().starts_with(prefix))
                })
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

#[test]
fn backup_then_restore_brings_back_articles_claims_and_verdicts() -> TestResult {
    let dir = tempfile::tempdir()?;
    let db_path = dir.path().join("claimtrail.db");
    let (mut store, first) = seeded(&db_path)?;
    let out = dir.path().join("elsewhere").join("copy.db");
    let info = store.backup_to(&out, false)?;
    assert_eq!(info.path, out);
    assert!(info.bytes > 0);
    assert_eq!(info.schema_version, db::latest_version());
    // The backup is one self-contained file: no -wal beside it.
    assert!(!dir.path().join("elsewhere/copy.db-wal").exists());

    // Changes after the backup...
    store.import_article(&draft("Port", PORT), None, &extract_claims(PORT))?;
    store.review_claim(
        first,
        ReviewInput {
            status: ClaimStatus::False,
            note: None,
            reviewer: None,
            evidence: vec![],
        },
    )?;
    assert_eq!(store.count_articles()?, 2);

    // ...are undone by the restore, and the state at backup time is back.
    let restored = store.restore_from(&out)?;
    assert_eq!(restored.from_schema_version, db::latest_version());
    assert_eq!(store.count_articles()?, 1);
    assert_eq!(store.get_claim(first)?.status, ClaimStatus::Verified);
    assert_eq!(store.reviews(first)?.len(), 1);
    assert_eq!(store.evidence(first)?.len(), 1);
    assert_eq!(store.integrity_check()?, "ok");
    // The store keeps writing after a restore.
    store.import_article(&draft("Port", PORT), None, &extract_claims(PORT))?;
    assert_eq!(store.count_articles()?, 2);
    drop(store);

    // Other connections (a fresh open, as the app would) see the restored data.
    let again = Store::open(&db_path)?;
    assert_eq!(again.count_articles()?, 2);
    assert_eq!(again.get_claim(first)?.status, ClaimStatus::Verified);

    // The database as it was before the restore was saved, with both articles and the later verdict.
    let saved = Store::open(&restored.previous_saved_to)?;
    assert_eq!(saved.count_articles()?, 2);
    assert_eq!(saved.get_claim(first)?.status, ClaimStatus::False);
    Ok(())
}

#[test]
fn backup_refuses_to_overwrite_unless_forced() -> TestResult {
    let dir = tempfile::tempdir()?;
    let (store, _) = seeded(&dir.path().join("claimtrail.db"))?;
    let out = dir.path().join("b.db");
    std::fs::write(&out, b"precious")?;
    let err = store.backup_to(&out, false).err();
    assert!(
        matches!(err, Some(StoreError::BackupExists { .. })),
        "{err:?}"
    );
    assert_eq!(std::fs::read(&out)?, b"precious");
    store.backup_to(&out, true)?;
    assert_eq!(Store::open(&out)?.count_articles()?, 1);
    // Never onto the database itself, not even with force.
    let err = store.backup_to(store.path(), true).err();
    assert!(matches!(err, Some(StoreError::Invalid(_))), "{err:?}");
    assert_eq!(store.count_articles()?, 1);
    Ok(())
}

#[test]
fn restore_refuses_newer_foreign_and_broken_files_untouched() -> TestResult {
    let dir = tempfile::tempdir()?;
    let db_path = dir.path().join("claimtrail.db");
    let (mut store, _) = seeded(&db_path)?;

    let newer = dir.path().join("newer.db");
    store.backup_to(&newer, false)?;
    {
        let conn = rusqlite::Connection::open(&newer)?;
        conn.pragma_update(None, "user_version", 99)?;
    }
    let err = store.restore_from(&newer).err();
    assert!(
        matches!(err, Some(StoreError::NewerSchema { found: 99, .. })),
        "{err:?}"
    );
    assert!(err
        .map(|e| e.to_string())
        .unwrap_or_default()
        .contains("newer claimtrail"));

    let text = dir.path().join("notes.db");
    std::fs::write(
        &text,
        "not a database at all, just some notes\n".repeat(200),
    )?;
    let err = store.restore_from(&text).err();
    assert!(
        matches!(err, Some(StoreError::NotClaimtrail { .. })),
        "{err:?}"
    );

    let foreign = dir.path().join("foreign.db");
    {
        let conn = rusqlite::Connection::open(&foreign)?;
        conn.execute_batch("CREATE TABLE t (x); PRAGMA user_version = 1;")?;
    }
    let err = store.restore_from(&foreign).err();
    assert!(
        matches!(err, Some(StoreError::NotClaimtrail { .. })),
        "{err:?}"
    );
    let err = store.restore_from(&dir.path().join("missing.db")).err();
    assert!(
        matches!(err, Some(StoreError::NotClaimtrail { .. })),
        "{err:?}"
    );

    // Nothing changed, and no pre-restore backup was taken for a refused file.
    assert_eq!(store.count_articles()?, 1);
    assert!(files_in(&store.backups_dir(), "claimtrail-pre-restore-").is_empty());
    Ok(())
}

#[test]
fn a_backup_taken_while_another_connection_writes_is_consistent() -> TestResult {
    let dir = tempfile::tempdir()?;
    let db_path = dir.path().join("claimtrail.db");
    let (store, _) = seeded(&db_path)?;
    let writer_path = db_path.clone();
    let writer = std::thread::spawn(move || -> Result<usize, StoreError> {
        let mut w = Store::open(&writer_path)?;
        for i in 0..150 {
            let text = format!(
                "The Velmar council said on day {i} that it would hire {n} new inspectors, a spokesman said.",
                n = i + 3
            );
            w.import_article(
                &draft(&format!("Day {i}"), &text),
                None,
                &extract_claims(&text),
            )?;
        }
        Ok(150)
    });
    let mut copies = Vec::new();
    for i in 0..5 {
        let out = dir.path().join(format!("during-{i}.db"));
        store.backup_to(&out, false)?;
        copies.push(out);
    }
    assert_eq!(writer.join().map_err(|_| "writer panicked")??, 150);
    for out in copies {
        let copy = Store::open(&out)?;
        assert_eq!(copy.integrity_check()?, "ok");
        // Every article in a copy has all of its claims and its history row: a snapshot, not a mix.
        let articles = copy.list_articles()?;
        assert!(!articles.is_empty());
        let history = copy.history(None, 1_000_000)?;
        for a in articles {
            assert!(history.iter().any(|h| h.entity_id == a.id.to_string()));
            let n = copy
                .list_claims(&ClaimFilter {
                    article_id: Some(a.id),
                    include_dismissed: true,
                    ..ClaimFilter::default()
                })?
                .len();
            assert_eq!(n, a.claims as usize);
        }
    }
    Ok(())
}

#[test]
fn scheduled_backups_follow_the_interval_and_are_pruned() -> TestResult {
    let dir = tempfile::tempdir()?;
    let (store, _) = seeded(&dir.path().join("claimtrail.db"))?;
    assert_eq!(store.backup_schedule()?, None);
    assert!(store.backup_if_due()?.is_none(), "no schedule, no backup");

    store.set_backup_schedule(Some(24))?;
    assert_eq!(store.backup_schedule()?, Some(24));
    let t0 = chrono::Utc::now();
    let first = store
        .backup_if_due_at(t0)?
        .ok_or("first backup is due at once")?;
    assert!(first.path.starts_with(store.backups_dir()));
    assert_eq!(Store::open(&first.path)?.count_articles()?, 1);
    assert!(store
        .backup_if_due_at(t0 + chrono::Duration::hours(23))?
        .is_none());
    let mut t = t0;
    for _ in 0..(backup::KEEP + 3) {
        t += chrono::Duration::hours(25);
        assert!(store.backup_if_due_at(t)?.is_some());
    }
    let kept = files_in(&store.backups_dir(), "claimtrail-scheduled-");
    assert_eq!(kept.len(), backup::KEEP, "{kept:?}");
    // The list the app shows: the same files, newest first, each with its time and size.
    let listed = store.automatic_backups();
    assert_eq!(listed.len(), backup::KEEP);
    assert!(listed.iter().all(|b| b.kind == "scheduled" && b.bytes > 0));
    assert!(listed.iter().all(|b| kept.contains(&b.path)));
    let times: Vec<_> = listed.iter().map(|b| b.taken_at).collect();
    assert!(times.iter().all(Option::is_some), "{times:?}");
    assert!(times.windows(2).all(|w| w[0] >= w[1]), "{times:?}");

    store.set_backup_schedule(None)?;
    assert!(store
        .backup_if_due_at(t + chrono::Duration::hours(1000))?
        .is_none());
    Ok(())
}
