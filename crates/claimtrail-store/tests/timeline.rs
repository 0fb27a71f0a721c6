//! Timelines read each topic membership's copy of its claim's place in time (`claim_topic` day, article
//! imported_at and pk, span start, claim pk: migration 0006). These tests change claims, memberships and article
//! dates on a real SQLite file and check after every change that the copies match the claim and article rows,
//! and that the timeline (order, filters, storylines) is what the same query computes from those rows directly.
//! All text is fictional.

use std::path::Path;

use claimtrail_core::topic::Timeline;
use claimtrail_core::{
    ArticleDraft, ClaimId, ClaimKind, ClaimStatus, ExtractedClaim, SourceFormat,
};
use claimtrail_store::edit::ClaimEdit;
use claimtrail_store::{
    db, ClaimFilter, ImportOutcome, ReviewInput, Store, TimelineFilter, TopicInput,
};

type TestResult = Result<(), Box<dyn std::error::Error>>;

const DB: &str = "timeline.db";

/// Imports an article of `sentences` (each one claim) and returns its id and claim ids in order.
fn article(
    store: &mut Store,
    title: &str,
    date: Option<&str>,
    sentences: &[&str],
) -> Result<(String, Vec<ClaimId>), Box<dyn std::error::Error>> {
    let text = sentences.join(" ");
    let mut claims = Vec::new();
    let mut at = 0;
    for s in sentences {
        let len = s.chars().count();
        claims.push(ExtractedClaim {
            text: s.to_string(),
            start: at,
            end: at + len,
            claimant: None,
            speaker: None,
            kind: ClaimKind::Statement,
            checkworthiness: 0.7,
            entities: vec![],
        });
        at += len + 1;
    }
    let draft = ArticleDraft {
        title: title.into(),
        outlet: Some("The Harbor Ledger".into()),
        url: None,
        authors: vec![],
        published_at: date.map(|d| d.parse()).transpose()?,
        language: Some("en".into()),
        source_format: SourceFormat::Text,
        text: text.clone(),
        original: text.into_bytes(),
    };
    let ImportOutcome::Imported { article_id, .. } = store.import_article(&draft, None, &claims)?
    else {
        return Err("duplicate".into());
    };
    let ids = store
        .list_claims(&ClaimFilter {
            article_id: Some(article_id),
            include_dismissed: true,
            ..ClaimFilter::default()
        })?
        .into_iter()
        .map(|c| c.id)
        .collect();
    Ok((article_id.to_string(), ids))
}

fn order(tl: &Timeline) -> Vec<ClaimId> {
    tl.claims.iter().map(|e| e.claim_id).collect()
}

/// Memberships whose copied place in time differs from their claim and article rows.
fn out_of_step(conn: &rusqlite::Connection) -> rusqlite::Result<Vec<String>> {
    conn.prepare(
        "SELECT ct.claim_id FROM claim_topic ct
         LEFT JOIN claim c ON c.id = ct.claim_id LEFT JOIN article a ON a.id = c.article_id
         WHERE ct.claim_pk IS NOT c.pk OR ct.article_pk IS NOT a.pk
            OR ct.day IS NOT coalesce(a.published_at, substr(a.imported_at, 1, 10))
            OR ct.imported_at IS NOT a.imported_at OR ct.span_start IS NOT c.span_start",
    )?
    .query_map([], |r| r.get(0))?
    .collect()
}

/// The timeline order computed from the claim and article rows themselves (joins on ids, full sort).
fn reference(
    conn: &rusqlite::Connection,
    topic: &str,
    status: Option<&str>,
    from: Option<&str>,
) -> Result<Vec<ClaimId>, Box<dyn std::error::Error>> {
    let ids: Vec<String> = conn
        .prepare(
            "SELECT c.id, coalesce(a.published_at, substr(a.imported_at, 1, 10)) AS day
             FROM claim_topic ct JOIN topic t ON t.id = ct.topic_id
             JOIN claim c ON c.id = ct.claim_id JOIN article a ON a.id = c.article_id
             WHERE t.name = ?1 AND c.dismissed = 0 AND (?2 IS NULL OR c.status = ?2)
               AND (?3 IS NULL OR day >= ?3)
             ORDER BY day, a.imported_at, a.pk, c.span_start, c.pk",
        )?
        .query_map(rusqlite::params![topic, status, from], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(ids.iter().map(|s| s.parse()).collect::<Result<_, _>>()?)
}

/// The copies match the rows, and the timeline (whole, by status, from a day) matches the reference.
fn check(store: &Store, path: &Path, topic: &str) -> Result<Timeline, Box<dyn std::error::Error>> {
    let conn = db::open_connection(path)?;
    assert_eq!(
        out_of_step(&conn)?,
        Vec::<String>::new(),
        "copies out of step"
    );
    let tl = store.timeline(topic, &TimelineFilter::default())?;
    assert_eq!(order(&tl), reference(&conn, topic, None, None)?);
    let misleading = store.timeline(
        topic,
        &TimelineFilter {
            statuses: vec![ClaimStatus::Misleading],
            ..TimelineFilter::default()
        },
    )?;
    assert_eq!(
        order(&misleading),
        reference(&conn, topic, Some("misleading"), None)?
    );
    assert_eq!(misleading.total, tl.total);
    let from = store.timeline(
        topic,
        &TimelineFilter {
            from: "2024-01-20".parse().ok(),
            ..TimelineFilter::default()
        },
    )?;
    assert_eq!(
        order(&from),
        reference(&conn, topic, None, Some("2024-01-20"))?
    );
    Ok(tl)
}

fn set_published(path: &Path, article: &str, date: Option<&str>) -> rusqlite::Result<usize> {
    // No store call changes an article's date yet: the triggers must cover any writer, so write it directly.
    db::open_connection(path)
        .map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))?
        .execute(
            "UPDATE article SET published_at = ?2 WHERE id = ?1",
            rusqlite::params![article, date],
        )
}

#[test]
fn timeline_keeps_in_step_with_claim_edits_memberships_and_article_dates() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join(DB);
    let mut store = Store::open(&path)?;
    store.create_topic(TopicInput {
        name: "Harbor".into(),
        keywords: vec!["harbor".into()],
        ..TopicInput::default()
    })?;
    let (march, x) = article(
        &mut store,
        "March",
        Some("2024-03-01"),
        &[
            "The harbor fee rose.",
            "The harbor will close in May.",
            "The harbor fee rose again in June.",
        ],
    )?;
    let (_, y) = article(
        &mut store,
        "January",
        Some("2024-01-15"),
        &["The harbor fee fell."],
    )?;
    let (_, z) = article(&mut store, "Undated", None, &["The harbor is busy."])?;
    let (_, w) = article(
        &mut store,
        "February",
        Some("2024-02-01"),
        &["Ferries run late.", "The harbor fee is fair."],
    )?;
    let tl = check(&store, &path, "Harbor")?;
    assert_eq!(order(&tl), [y[0], w[1], x[0], x[1], x[2], z[0]]);
    store.review_claim(
        x[1],
        ReviewInput {
            status: ClaimStatus::Misleading,
            note: None,
            reviewer: None,
            evidence: vec![],
        },
    )?;

    // A claim's span moves into the last sentence of its article ("harbor fee rose again", inside the third
    // claim's span): after the other two.
    store.edit_claim(
        x[0],
        ClaimEdit {
            start: Some(55),
            end: Some(76),
            ..ClaimEdit::default()
        },
    )?;
    let tl = check(&store, &path, "Harbor")?;
    assert_eq!(order(&tl), [y[0], w[1], x[1], x[2], x[0], z[0]]);

    // The article's date moves before every other one, then goes (its import day, today, is used).
    set_published(&path, &march, Some("2023-12-31"))?;
    let tl = check(&store, &path, "Harbor")?;
    assert_eq!(order(&tl), [x[1], x[2], x[0], y[0], w[1], z[0]]);
    assert_eq!(tl.from, "2023-12-31".parse().ok());
    set_published(&path, &march, None)?;
    let tl = check(&store, &path, "Harbor")?;
    assert_eq!(order(&tl), [y[0], w[1], x[1], x[2], x[0], z[0]]);
    assert!(!tl.claims[2].dated);

    // Out of the topic, and a claim that does not match put in by hand at its place.
    store.unassign_claim("Harbor", y[0])?;
    store.assign_claim("Harbor", w[0])?;
    let tl = check(&store, &path, "Harbor")?;
    assert_eq!(order(&tl), [w[0], w[1], x[1], x[2], x[0], z[0]]);

    // A split claim's second part ("in June."), put in by hand, comes after the first.
    let (_, second) = store.split_claim(x[2], 77)?;
    assert_eq!(second.text, "in June.");
    store.assign_claim("Harbor", second.id)?;
    let tl = check(&store, &path, "Harbor")?;
    assert_eq!(order(&tl), [w[0], w[1], x[1], x[2], x[0], second.id, z[0]]);

    // Dismissed claims leave, and the counts agree.
    store.set_claim_dismissed(w[1], true)?;
    let tl = check(&store, &path, "Harbor")?;
    assert_eq!(tl.total, 6);
    let listed = store.list_topics()?;
    assert_eq!(listed[0].claims, 6);
    assert_eq!(listed[0].verdicts.misleading, 1);
    Ok(())
}

#[test]
fn storylines_follow_the_dates_of_members_left_out_by_filters() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join(DB);
    let mut store = Store::open(&path)?;
    store.create_topic(TopicInput {
        name: "Tolls".into(),
        keywords: vec!["toll".into()],
        ..TopicInput::default()
    })?;
    let (first, a) = article(
        &mut store,
        "First",
        Some("2024-01-01"),
        &["The toll doubled."],
    )?;
    let (_, b) = article(
        &mut store,
        "Second",
        Some("2024-02-01"),
        &["The toll doubled, again."],
    )?;
    let (_, c) = article(
        &mut store,
        "Third",
        Some("2024-03-01"),
        &["The toll has doubled."],
    )?;
    {
        let conn = db::open_connection(&path)?;
        for (s, t) in [(b[0], a[0]), (c[0], b[0])] {
            conn.execute(
                "INSERT INTO claim_link (id, source_claim_id, target_claim_id, kind, score, state, created_at,
                                         updated_at)
                 VALUES (?1, ?2, ?3, 'repeats', 0.9, 'confirmed', '2025-01-01T00:00:00.000Z',
                         '2025-01-01T00:00:00.000Z')",
                rusqlite::params![uuid::Uuid::now_v7().to_string(), s.to_string(), t.to_string()],
            )?;
        }
    }
    store.review_claim(
        c[0],
        ReviewInput {
            status: ClaimStatus::Misleading,
            note: None,
            reviewer: None,
            evidence: vec![],
        },
    )?;
    let only_c = TimelineFilter {
        statuses: vec![ClaimStatus::Misleading],
        ..TimelineFilter::default()
    };
    // The earliest member is in the topic but filtered out.
    let tl = store.timeline("Tolls", &only_c)?;
    assert_eq!(order(&tl), [c[0]]);
    assert_eq!(tl.claims[0].storyline_id, Some(a[0]));
    assert_eq!(tl.storylines[0].key, Some(a[0].to_string()));
    // The first article's date moves after the others: the second claim is now the earliest.
    set_published(&path, &first, Some("2024-04-01"))?;
    let tl = store.timeline("Tolls", &only_c)?;
    assert_eq!(tl.claims[0].storyline_id, Some(b[0]));
    let all = store.timeline("Tolls", &TimelineFilter::default())?;
    assert_eq!(order(&all), [b[0], c[0], a[0]]);
    assert!(all.claims.iter().all(|e| e.storyline_id == Some(b[0])));
    // The earliest member leaves the topic: still the storyline's first claim (read outside the topic).
    store.unassign_claim("Tolls", b[0])?;
    let tl = store.timeline("Tolls", &only_c)?;
    assert_eq!(tl.claims[0].storyline_id, Some(b[0]));
    check(&store, &path, "Tolls")?;
    Ok(())
}

/// A database at version 5 (before the copies existed) gets them filled by the upgrade.
#[test]
fn a_version_5_database_upgrades_with_its_timeline_order() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join(DB);
    let topic = "0190c6a0-0000-7000-8000-0000000000a1";
    let claims = [
        (
            "0190c6a0-0000-7000-8000-0000000000c1",
            "0190c6a0-0000-7000-8000-0000000000b1",
            0,
        ),
        (
            "0190c6a0-0000-7000-8000-0000000000c2",
            "0190c6a0-0000-7000-8000-0000000000b2",
            0,
        ),
        (
            "0190c6a0-0000-7000-8000-0000000000c3",
            "0190c6a0-0000-7000-8000-0000000000b1",
            20,
        ),
    ];
    {
        let mut conn = rusqlite::Connection::open(&path)?;
        db::migrations()?.to_version(&mut conn, 5)?;
        for (id, published, hash) in [
            (
                "0190c6a0-0000-7000-8000-0000000000b1",
                Some("2024-05-01"),
                "h1",
            ),
            (
                "0190c6a0-0000-7000-8000-0000000000b2",
                Some("2024-04-01"),
                "h2",
            ),
        ] {
            conn.execute(
                "INSERT INTO article (id, title, published_at, imported_at, source_format, content_hash, text,
                                      original)
                 VALUES (?1, 'Bridge', ?2, '2024-06-01T00:00:00.000Z', 'text', ?3, ?4, x'00')",
                rusqlite::params![id, published, hash, "The bridge toll rose. The bridge toll fell."],
            )?;
        }
        conn.execute(
            "INSERT INTO topic (id, name, created_at, updated_at) VALUES (?1, 'Bridge', '2024-06-01T00:00:00.000Z',
                                                                        '2024-06-01T00:00:00.000Z')",
            [topic],
        )?;
        for (id, article, start) in claims {
            conn.execute(
                "INSERT INTO claim (id, article_id, text, span_start, span_end, kind, checkworthiness,
                                    created_at, updated_at)
                 VALUES (?1, ?2, 'The bridge toll rose.', ?3, ?3 + 5, 'statement', 0.5,
                         '2024-06-01T00:00:00.000Z', '2024-06-01T00:00:00.000Z')",
                rusqlite::params![id, article, start],
            )?;
            conn.execute(
                "INSERT INTO claim_topic (claim_id, topic_id) VALUES (?1, ?2)",
                [id, topic],
            )?;
        }
    }
    let store = Store::open(&path)?;
    assert_eq!(store.schema_version()?, db::latest_version());
    let conn = db::open_connection(&path)?;
    assert_eq!(out_of_step(&conn)?, Vec::<String>::new());
    let tl = store.timeline("Bridge", &TimelineFilter::default())?;
    let ids: Vec<String> = tl.claims.iter().map(|e| e.claim_id.to_string()).collect();
    assert_eq!(ids, [claims[1].0, claims[0].0, claims[2].0]);
    assert_eq!(order(&tl), reference(&conn, "Bridge", None, None)?);
    Ok(())
}
