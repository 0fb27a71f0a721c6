//! Store tests on a real SQLite file in a temporary directory.

use claimtrail_core::{
    extract_claims, ArticleDraft, ClaimKind, ClaimStatus, EntityKind, EntityMention,
    ExtractedClaim, SourceFormat,
};
use claimtrail_store::{db, ClaimFilter, ImportOutcome, ReviewInput, Store, StoreError};

type TestResult = Result<(), Box<dyn std::error::Error>>;

fn draft(text: &str) -> ArticleDraft {
    ArticleDraft {
        title: "Council approves budget".into(),
        outlet: Some("The Ledger".into()),
        url: Some("https://example.org/budget".into()),
        authors: vec!["Jane Roe".into()],
        published_at: chrono::NaiveDate::from_ymd_opt(2024, 3, 5),
        language: Some("eng".into()),
        source_format: SourceFormat::Text,
        text: text.into(),
        original: text.as_bytes().to_vec(),
    }
}

const TEXT: &str = "The council approved a budget of $4.2 million on Monday.\n\n\
“We cut waste by 12 percent,” Mayor Ana Ruiz said.";

fn claim(text: &str, start: usize) -> ExtractedClaim {
    ExtractedClaim {
        text: text.chars().skip(start).take(10).collect(),
        start,
        end: start + 10,
        claimant: Some("Mayor Ana Ruiz".into()),
        speaker: Some("Ana Ruiz".into()),
        kind: ClaimKind::Statistic,
        checkworthiness: 0.8,
        entities: vec![EntityMention {
            name: "Ana Ruiz".into(),
            kind: EntityKind::Person,
            mention: "Ana Ruiz".into(),
        }],
    }
}

fn open(dir: &tempfile::TempDir) -> Result<Store, StoreError> {
    Store::open(dir.path().join("claimtrail.db"))
}

fn history_count(store: &Store, entity: &str) -> Result<usize, StoreError> {
    Ok(store
        .history(None, 100_000)?
        .iter()
        .filter(|h| h.entity == entity)
        .count())
}

#[test]
fn migrations_validate_and_schema_is_current() -> TestResult {
    db::migrations()?.validate()?;
    let dir = tempfile::tempdir()?;
    let store = open(&dir)?;
    assert_eq!(store.schema_version()?, db::latest_version());
    assert_eq!(store.integrity_check()?, "ok");
    Ok(())
}

#[test]
fn import_stores_article_claims_entities_and_history() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut store = open(&dir)?;
    store.set_actor_name(Some("tester".into()));
    let claims = vec![claim(TEXT, 0), claim(TEXT, 20)];
    let ImportOutcome::Imported {
        article_id,
        claims: n,
    } = store.import_article(&draft(TEXT), Some("a.txt"), &claims)?
    else {
        panic!("expected an import");
    };
    assert_eq!(n, 2);
    let article = store.get_article(article_id)?;
    assert_eq!(article.text, TEXT);
    assert_eq!(article.authors, vec!["Jane Roe"]);
    assert_eq!(store.article_original(article_id)?, TEXT.as_bytes());
    let stored = store.list_claims(&ClaimFilter {
        article_id: Some(article_id),
        ..ClaimFilter::default()
    })?;
    assert_eq!(stored.len(), 2);
    assert_eq!(stored[0].entities[0].name, "Ana Ruiz");
    assert_eq!(stored[0].status, ClaimStatus::Unreviewed);
    assert_eq!(history_count(&store, "article")?, 1);
    assert_eq!(history_count(&store, "claim")?, 2);
    assert_eq!(
        history_count(&store, "entity")?,
        1,
        "the entity is created once and shared"
    );
    let all = store.history(None, 100)?;
    let entity = all
        .iter()
        .find(|h| h.entity == "entity")
        .ok_or("no entity row")?;
    assert_eq!(
        entity.data,
        serde_json::json!({"kind": "person", "name": "Ana Ruiz"})
    );
    // A later article that names the same person links the stored entity: no second entity row.
    let other = TEXT.replace("budget", "plan");
    store.import_article(&draft(&other), None, &[claim(&other, 0)])?;
    assert_eq!(history_count(&store, "entity")?, 1);
    let h = store.history(Some(&article_id.to_string()), 10)?;
    assert_eq!(h[0].actor.as_deref(), Some("tester"));
    assert_eq!(
        h[0].data["text"], TEXT,
        "history holds enough to replay the insert"
    );
    Ok(())
}

#[test]
fn same_content_with_other_whitespace_is_a_duplicate() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut store = open(&dir)?;
    let first = store.import_article(&draft(TEXT), None, &[])?;
    let spaced = TEXT.replace(' ', "  ").replace("\n\n", "\n \n\n");
    let second = store.import_article(&draft(&spaced), None, &[])?;
    let ImportOutcome::Imported { article_id, .. } = first else {
        panic!("first import should land");
    };
    assert_eq!(second, ImportOutcome::Duplicate { article_id });
    assert_eq!(store.count_articles()?, 1);
    Ok(())
}

#[test]
fn a_failing_claim_rolls_back_the_whole_article() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut store = open(&dir)?;
    let mut bad = claim(TEXT, 5);
    bad.end = bad.start; // empty span: refused
    let result = store.import_article(&draft(TEXT), None, &[claim(TEXT, 0), bad]);
    assert!(matches!(result, Err(StoreError::Invalid(_))), "{result:?}");
    assert_eq!(store.count_articles()?, 0);
    assert_eq!(store.count_claims()?, 0);
    assert!(
        store.history(None, 100)?.is_empty(),
        "no history for a change that did not happen"
    );
    // And the same article imports fine afterwards.
    assert!(matches!(
        store.import_article(&draft(TEXT), None, &[])?,
        ImportOutcome::Imported { .. }
    ));
    Ok(())
}

#[test]
fn reviews_record_verdict_evidence_and_undo() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut store = open(&dir)?;
    store.import_article(&draft(TEXT), None, &[claim(TEXT, 0)])?;
    let id = store.list_claims(&ClaimFilter::default())?[0].id;
    let review = store.review_claim(
        id,
        ReviewInput {
            status: ClaimStatus::False,
            note: Some("Budget was $3.9 million".into()),
            reviewer: Some("ana".into()),
            evidence: vec![
                "https://example.org/minutes".into(),
                "Minutes, page 4".into(),
            ],
        },
    )?;
    assert_eq!(review.prev_status, ClaimStatus::Unreviewed);
    assert_eq!(store.get_claim(id)?.status, ClaimStatus::False);
    let evidence = store.evidence(id)?;
    assert_eq!(evidence.len(), 2);
    assert_eq!(
        evidence[0].url.as_deref(),
        Some("https://example.org/minutes")
    );
    assert_eq!(evidence[1].note.as_deref(), Some("Minutes, page 4"));
    assert_eq!(evidence[0].added_by.as_deref(), Some("ana"));

    store.undo_review(review.id)?;
    assert_eq!(store.get_claim(id)?.status, ClaimStatus::Unreviewed);
    assert_eq!(store.reviews(id)?.len(), 2, "undo is recorded, not erased");
    assert_eq!(history_count(&store, "review")?, 2);

    store.remove_evidence(evidence[1].id)?;
    assert_eq!(store.evidence(id)?.len(), 1);
    assert!(store
        .history(None, 1000)?
        .iter()
        .any(|h| h.entity == "evidence" && h.op == "delete"));
    Ok(())
}

#[test]
fn unknown_claim_is_not_found() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut store = open(&dir)?;
    let err = store
        .review_claim(
            claimtrail_core::ClaimId::new(),
            ReviewInput {
                status: ClaimStatus::Verified,
                note: None,
                reviewer: None,
                evidence: vec![],
            },
        )
        .err();
    assert!(
        matches!(err, Some(StoreError::NotFound { what: "claim", .. })),
        "{err:?}"
    );
    assert!(matches!(
        store.resolve_claim_id("zzzz"),
        Err(StoreError::NotFound { .. })
    ));
    Ok(())
}

#[test]
fn history_is_append_only() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut store = open(&dir)?;
    store.import_article(&draft(TEXT), None, &[])?;
    drop(store);
    let conn = rusqlite::Connection::open(dir.path().join("claimtrail.db"))?;
    assert!(conn.execute("UPDATE history SET actor = 'x'", []).is_err());
    assert!(conn.execute("DELETE FROM history", []).is_err());
    Ok(())
}

#[test]
fn full_text_search_finds_claims_and_articles() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut store = open(&dir)?;
    let sample = claimtrail_core::sample::sample_article();
    let claims = extract_claims(&sample.text);
    store.import_article(&sample, None, &claims)?;
    let hits = store.search("military channels", 20)?;
    assert!(!hits.is_empty());
    for hit in hits.iter().filter(|h| h.start.is_some()) {
        let article = store.get_article(hit.article_id)?;
        let (s, e) = (hit.start.unwrap_or(0), hit.end.unwrap_or(0));
        let span: String = article.text.chars().skip(s).take(e - s).collect();
        assert!(span.to_lowercase().contains("military"), "{span}");
    }
    assert!(
        store.search("\"unbalanced AND (", 5).is_ok(),
        "FTS syntax in user input is not an error"
    );
    assert!(store.search("zyxwvut", 5)?.is_empty());
    Ok(())
}

#[test]
fn a_database_from_a_newer_version_is_refused_untouched() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("claimtrail.db");
    drop(Store::open(&path)?);
    {
        // A rollback-journal file, as a newer version might leave it: opening must not even switch it to WAL.
        let conn = rusqlite::Connection::open(&path)?;
        conn.pragma_update(None, "journal_mode", "DELETE")?;
        conn.pragma_update(None, "user_version", 99)?;
    }
    let before = std::fs::read(&path)?;
    let err = Store::open(&path).err();
    assert!(
        matches!(err, Some(StoreError::NewerSchema { found: 99, .. })),
        "{err:?}"
    );
    assert!(err
        .map(|e| e.to_string())
        .unwrap_or_default()
        .contains("newer claimtrail"));
    assert_eq!(std::fs::read(&path)?, before, "the file is not modified");
    Ok(())
}

#[test]
fn installation_id_is_stable_across_opens() -> TestResult {
    let dir = tempfile::tempdir()?;
    let first = open(&dir)?.actor().installation_id.clone();
    let second = open(&dir)?.actor().installation_id.clone();
    assert_eq!(first, second);
    Ok(())
}

#[test]
fn claims_are_found_by_the_end_of_their_id_as_shown_by_the_cli() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut store = open(&dir)?;
    let sample = claimtrail_core::sample::sample_article();
    let claims = claimtrail_core::extract_claims(&sample.text);
    store.import_article(&sample, None, &claims)?;
    let all = store.list_claims(&ClaimFilter::default())?;
    assert!(all.len() > 2);
    for c in &all {
        let id = c.id.to_string();
        // Every claim of one import shares its first characters (the ids start with a timestamp)...
        assert_eq!(&id[..8], &all[0].id.to_string()[..8]);
        // ...but its last 8 name it alone.
        assert_eq!(store.resolve_claim_id(&id[id.len() - 8..])?, c.id);
    }
    assert!(matches!(
        store.resolve_claim_id(&all[0].id.to_string()[..8]),
        Err(StoreError::Ambiguous { .. })
    ));
    Ok(())
}
