//! A database made by the first schema version (migration 0001 only) opens with the current code, upgrades
//! through every later migration, and keeps its data. Written against the 0001 schema, which never changes,
//! so it holds whatever migrations are added later.

use claimtrail_core::{ClaimId, ClaimStatus};
use claimtrail_store::{db, ClaimFilter, Store};

type TestResult = Result<(), Box<dyn std::error::Error>>;

const ARTICLE: &str = "5b0a6f0e-8f3c-4c43-9a4f-2d0c5d6b7a01";
const CLAIM_A: &str = "5b0a6f0e-8f3c-4c43-9a4f-2d0c5d6b7a02";
const CLAIM_B: &str = "5b0a6f0e-8f3c-4c43-9a4f-2d0c5d6b7a03";
const TEXT: &str = "The Orlen council approved a budget of $4.2 million on Monday. \
Mayor Ana Ruiz said waste fell by 12 percent.";

/// Fills a version-1 database through plain SQL against the 0001 schema.
fn fill_v1(conn: &rusqlite::Connection) -> rusqlite::Result<()> {
    let now = "2024-03-05T10:00:00.000Z";
    conn.execute_batch("BEGIN")?;
    conn.execute(
        "INSERT INTO meta (key, value) VALUES ('installation_id', 'inst-v1')",
        [],
    )?;
    conn.execute(
        "INSERT INTO article (id, title, outlet, url, authors, published_at, imported_at, language,
                              source_format, source_path, content_hash, text, original)
         VALUES (?1, 'Council approves budget', 'The Ledger', 'https://example.org/budget', '[\"Jane Roe\"]',
                 '2024-03-05', ?2, 'eng', 'text', 'budget.txt', 'hash-v1', ?3, ?4)",
        rusqlite::params![ARTICLE, now, TEXT, TEXT.as_bytes()],
    )?;
    let a = "The Orlen council approved a budget of $4.2 million on Monday.";
    let b_start = TEXT.chars().count()
        - "Mayor Ana Ruiz said waste fell by 12 percent."
            .chars()
            .count();
    for (id, text, start, end, status) in [
        (CLAIM_A, a, 0, a.chars().count(), "verified"),
        (
            CLAIM_B,
            "Mayor Ana Ruiz said waste fell by 12 percent.",
            b_start,
            TEXT.chars().count(),
            "unreviewed",
        ),
    ] {
        conn.execute(
            "INSERT INTO claim (id, article_id, text, span_start, span_end, claimant, speaker, kind,
                                checkworthiness, status, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, 'Mayor Ana Ruiz', 'Ana Ruiz', 'statistic', 0.8, ?6, ?7, ?7)",
            rusqlite::params![id, ARTICLE, text, start as i64, end as i64, status, now],
        )?;
        conn.execute(
            "INSERT INTO history (entity, entity_id, op, data, actor, installation_id, at)
             VALUES ('claim', ?1, 'insert', '{}', NULL, 'inst-v1', ?2)",
            rusqlite::params![id, now],
        )?;
    }
    conn.execute(
        "INSERT INTO entity (id, name, kind) VALUES ('ent-1', 'Ana Ruiz', 'person')",
        [],
    )?;
    conn.execute(
        "INSERT INTO claim_entity (claim_id, entity_id, mention) VALUES (?1, 'ent-1', 'Ana Ruiz')",
        [CLAIM_B],
    )?;
    conn.execute(
        "INSERT INTO topic (id, name, created_at) VALUES ('topic-1', 'Budget', ?1)",
        [now],
    )?;
    conn.execute(
        "INSERT INTO claim_topic (claim_id, topic_id) VALUES (?1, 'topic-1')",
        [CLAIM_A],
    )?;
    conn.execute(
        "INSERT INTO review (id, claim_id, status, prev_status, note, reviewer, created_at)
         VALUES ('7e1f1d2a-0000-4000-8000-000000000001', ?1, 'verified', 'unreviewed', 'budget papers', 'ana', ?2)",
        rusqlite::params![CLAIM_A, now],
    )?;
    conn.execute(
        "INSERT INTO evidence (id, claim_id, url, note, added_by, created_at)
         VALUES ('7e1f1d2a-0000-4000-8000-000000000002', ?1, 'https://example.org/papers', NULL, 'ana', ?2)",
        rusqlite::params![CLAIM_A, now],
    )?;
    conn.execute(
        "INSERT INTO claim_link (id, source_claim_id, target_claim_id, kind, score, created_at, updated_at)
         VALUES ('link-1', ?1, ?2, 'related', 0.5, ?3, ?3)",
        rusqlite::params![CLAIM_B, CLAIM_A, now],
    )?;
    conn.execute(
        "INSERT INTO history (entity, entity_id, op, data, actor, installation_id, at)
         VALUES ('article', ?1, 'insert', '{}', NULL, 'inst-v1', ?2)",
        rusqlite::params![ARTICLE, now],
    )?;
    conn.execute_batch("COMMIT")
}

/// What `fill_v1` stored, read back through the current code.
/// `from` is the schema version the rows were written at.
fn assert_v1_data(store: &Store, from: usize) -> TestResult {
    assert_eq!(store.schema_version()?, db::latest_version());
    assert_eq!(store.integrity_check()?, "ok");
    assert_eq!(store.actor().installation_id, "inst-v1");

    let article = store.get_article(store.resolve_article_id(ARTICLE)?)?;
    assert_eq!(article.title, "Council approves budget");
    assert_eq!(article.outlet.as_deref(), Some("The Ledger"));
    assert_eq!(article.authors, ["Jane Roe"]);
    assert_eq!(article.text, TEXT);
    assert_eq!(store.article_original(article.id)?, TEXT.as_bytes());

    let claims = store.list_claims(&ClaimFilter {
        article_id: Some(article.id),
        ..ClaimFilter::default()
    })?;
    assert_eq!(claims.len(), 2);
    // Claims stored before the link queue existed were linked when imported: none is queued by the upgrade.
    assert_eq!(store.pending_links()?, 0);
    // Their scores came from an older model: the upgrades to version 9 (the score queue), 11 (sentence
    // embeddings) and 15 (a new encoder) each queue every claim for the encoder. (Rows written through plain SQL
    // at version 15 or later bypass the queue.)
    assert_eq!(store.pending_scores()?, if from < 15 { 2 } else { 0 });
    for c in &claims {
        let sliced: String = article
            .text
            .chars()
            .skip(c.start)
            .take(c.end - c.start)
            .collect();
        assert_eq!(sliced, c.text);
    }
    let a: ClaimId = store.resolve_claim_id(CLAIM_A)?;
    let b: ClaimId = store.resolve_claim_id(CLAIM_B)?;
    assert_eq!(store.get_claim(a)?.status, ClaimStatus::Verified);
    assert_eq!(store.get_claim(b)?.entities.len(), 1);
    let reviews = store.reviews(a)?;
    assert_eq!(reviews.len(), 1);
    assert_eq!(reviews[0].note.as_deref(), Some("budget papers"));
    assert_eq!(store.evidence(a)?.len(), 1);
    assert_eq!(store.history(None, 100)?.len(), 3);
    // Full-text search still finds what version 1 indexed.
    assert!(!store.search("budget", 10)?.is_empty());

    Ok(())
}

#[test]
fn a_version_1_database_upgrades_with_its_data_intact() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("claimtrail.db");
    {
        // Made the way version 1 made it: only migration 0001 applied.
        let mut conn = rusqlite::Connection::open(&path)?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        db::migrations()?.to_version(&mut conn, 1)?;
        assert_eq!(db::schema_version(&conn)?, 1);
        fill_v1(&conn)?;
    }

    let store = Store::open(&path)?;
    assert_v1_data(&store, 1)?;

    // A migration that changed the file left a backup of the version-1 database beside it.
    let backups: Vec<_> = std::fs::read_dir(store.backups_dir())
        .map(|rd| rd.filter_map(|e| e.ok()).map(|e| e.path()).collect())
        .unwrap_or_default();
    if db::latest_version() > 1 {
        assert_eq!(backups.len(), 1, "{backups:?}");
        let name = backups[0]
            .file_name()
            .map(|n| n.to_string_lossy().into_owned());
        assert!(name
            .unwrap_or_default()
            .starts_with("claimtrail-pre-migration-v1-"));
        let conn = rusqlite::Connection::open(&backups[0])?;
        assert_eq!(db::schema_version(&conn)?, 1);
        let n: i64 = conn.query_row("SELECT count(*) FROM claim", [], |r| r.get(0))?;
        assert_eq!(n, 2);
    } else {
        assert!(backups.is_empty(), "nothing migrated, nothing backed up");
    }
    Ok(())
}

#[test]
fn an_up_to_date_or_new_database_takes_no_migration_backup() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("claimtrail.db");
    drop(Store::open(&path)?);
    let store = Store::open(&path)?;
    assert!(!store.backups_dir().exists());
    Ok(())
}

/// A database left at each earlier schema version (rows written at that version through the 0001 columns,
/// which every later migration keeps) opens and upgrades to the latest with its data intact.
#[test]
fn a_database_at_every_earlier_version_upgrades() -> TestResult {
    for version in 1..db::latest_version() {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("claimtrail.db");
        {
            let mut conn = rusqlite::Connection::open(&path)?;
            conn.pragma_update(None, "journal_mode", "WAL")?;
            db::migrations()?.to_version(&mut conn, version)?;
            assert_eq!(db::schema_version(&conn)?, version);
            fill_v1(&conn)?;
        }
        let store = Store::open(&path)?;
        assert_v1_data(&store, version).map_err(|e| format!("from version {version}: {e}"))?;
    }
    Ok(())
}

/// Version 16 removed the history table's `json_valid` CHECK (SQLite parsed each row's JSON again on insert).
/// The connection that migrates, and one that had the database open at version 15 and read its schema, both
/// write by the new definition at once; the rows already in the log are untouched.
#[test]
fn the_change_log_stops_checking_json_on_every_open_connection() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("claimtrail.db");
    let mut migrating = rusqlite::Connection::open(&path)?;
    migrating.pragma_update(None, "journal_mode", "WAL")?;
    db::migrations()?.to_version(&mut migrating, 15)?;
    fill_v1(&migrating)?;
    let other = rusqlite::Connection::open(&path)?;
    let rows_before: i64 = other.query_row("SELECT count(*) FROM history", [], |r| r.get(0))?;
    let insert = "INSERT INTO history (entity, entity_id, op, data, installation_id, at)
                  VALUES ('claim', 'x', 'insert', 'not json', 'i', '2026-01-01T00:00:00.000Z')";
    assert!(
        other.execute(insert, []).is_err(),
        "version 15 checks the JSON"
    );
    db::migrate(&mut migrating)?;
    assert_eq!(db::schema_version(&migrating)?, db::latest_version());
    let definition: String = migrating.query_row(
        "SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = 'history'",
        [],
        |r| r.get(0),
    )?;
    assert!(!definition.contains("json_valid"), "{definition}");
    assert!(definition.contains("CHECK (op IN"), "{definition}");
    migrating.execute(insert, [])?;
    other.execute(insert, [])?;
    // The other guards are still there.
    assert!(migrating
        .execute("UPDATE history SET actor = 'x' WHERE seq = 1", [])
        .is_err());
    assert!(migrating.execute("DELETE FROM history", []).is_err());
    let rows_after: i64 = other.query_row("SELECT count(*) FROM history", [], |r| r.get(0))?;
    assert_eq!(rows_after, rows_before + 2);
    let check: String = migrating.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
    assert_eq!(check, "ok");
    Ok(())
}
