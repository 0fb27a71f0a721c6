//! Topics and timelines on a real SQLite file: assignment by keyword and entity (on import and by re-scan),
//! manual assignment and sticky removal, timeline order, storylines from confirmed repeats, filters, history,
//! suggestions. All text is fictional.

use claimtrail_core::topic::{AssignSource, SuggestOptions};
use claimtrail_core::{
    ArticleDraft, ClaimId, ClaimKind, ClaimStatus, EntityKind, EntityMention, ExtractedClaim,
    SourceFormat,
};
use claimtrail_store::{
    db, ClaimFilter, ImportOutcome, ReviewInput, Store, StoreError, TimelineFilter, TopicEdit,
    TopicInput,
};

type TestResult = Result<(), Box<dyn std::error::Error>>;

/// One sentence of a test article: text, speaker, entity names (all persons).
type Sentence<'a> = (&'a str, Option<&'a str>, &'a [&'a str]);

fn open(dir: &tempfile::TempDir) -> Result<Store, StoreError> {
    Store::open(dir.path().join("topics.db"))
}

/// Imports an article made of `sentences` (each one claim) and returns the claim ids in order.
fn article(
    store: &mut Store,
    title: &str,
    date: Option<&str>,
    sentences: &[Sentence<'_>],
) -> Result<Vec<ClaimId>, Box<dyn std::error::Error>> {
    let text = sentences.iter().map(|s| s.0).collect::<Vec<_>>().join(" ");
    let mut claims = Vec::new();
    let mut at = 0;
    for (s, speaker, entities) in sentences {
        let len = s.chars().count();
        claims.push(ExtractedClaim {
            text: s.to_string(),
            start: at,
            end: at + len,
            claimant: speaker.map(str::to_string),
            speaker: speaker.map(str::to_string),
            kind: ClaimKind::Statement,
            checkworthiness: 0.7,
            entities: entities
                .iter()
                .map(|e| EntityMention {
                    name: e.to_string(),
                    kind: EntityKind::Person,
                    mention: e.to_string(),
                })
                .collect(),
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
    Ok(store
        .list_claims(&ClaimFilter {
            article_id: Some(article_id),
            include_dismissed: true,
            ..ClaimFilter::default()
        })?
        .into_iter()
        .map(|c| c.id)
        .collect())
}

fn topic(name: &str, keywords: &[&str], entities: &[&str]) -> TopicInput {
    TopicInput {
        name: name.into(),
        description: format!("About {name}"),
        keywords: keywords.iter().map(|s| s.to_string()).collect(),
        entities: entities.iter().map(|s| s.to_string()).collect(),
    }
}

fn members(store: &Store, topic: &str) -> Result<Vec<ClaimId>, StoreError> {
    let mut ids: Vec<ClaimId> = store
        .timeline(topic, &TimelineFilter::default())?
        .claims
        .into_iter()
        .map(|e| e.claim_id)
        .collect();
    ids.sort();
    Ok(ids)
}

fn sorted(mut ids: Vec<ClaimId>) -> Vec<ClaimId> {
    ids.sort();
    ids
}

#[test]
fn migrations_still_validate() -> TestResult {
    db::migrations()?.validate()?;
    let dir = tempfile::tempdir()?;
    let store = open(&dir)?;
    assert_eq!(store.schema_version()?, db::latest_version());
    Ok(())
}

#[test]
fn claims_join_topics_by_keyword_and_entity_on_import_and_on_create() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut store = open(&dir)?;
    // A topic made before the claims exist: the import assigns them.
    let created = store.create_topic(topic("Port strike", &["port strike", "dockworker"], &[]))?;
    assert_eq!(created.added, 0);
    let a = article(
        &mut store,
        "Dockers walk out",
        Some("2025-02-03"),
        &[
            (
                "Dockworkers at Brenna said the port strikes would last a week.",
                None,
                &[],
            ),
            (
                "Union leader Ines Okafor said wages had fallen 9 percent.",
                Some("Ines Okafor"),
                &["Ines Okafor"],
            ),
            (
                "The strike at the port of Calder ended on Friday.",
                None,
                &[],
            ),
            (
                "Ferry prices rose by 4 percent, the operator said.",
                None,
                &[],
            ),
        ],
    )?;
    assert_eq!(members(&store, "port strike")?, sorted(vec![a[0]]));
    // "dockworker" matches "Dockworkers" (stemmed); "strike at the port" is not the phrase "port strike".
    // A topic made after the claims exist: the re-scan assigns them, by entity name or by the name in the text.
    let b = article(
        &mut store,
        "Union answers",
        Some("2025-02-05"),
        &[(
            "Okafor's union rejected the offer, the ministry said.",
            None,
            &[],
        )],
    )?;
    let union = store.create_topic(topic("Okafor", &[], &["Ines Okafor", "Okafor"]))?;
    assert_eq!(union.added, 2);
    assert_eq!(members(&store, "OKAFOR")?, sorted(vec![a[1], b[0]]));
    // A later import joins both topics where it matches both.
    let c = article(
        &mut store,
        "Talks",
        Some("2025-02-07"),
        &[(
            "Okafor said the port strike was over.",
            Some("Ines Okafor"),
            &["Ines Okafor"],
        )],
    )?;
    assert!(members(&store, "Port strike")?.contains(&c[0]));
    assert!(members(&store, "Okafor")?.contains(&c[0]));
    // Listing: counts and verdicts.
    store.review_claim(
        c[0],
        ReviewInput {
            status: ClaimStatus::False,
            note: None,
            reviewer: None,
            evidence: vec![],
        },
    )?;
    let list = store.list_topics()?;
    assert_eq!(
        list.iter()
            .map(|t| t.topic.name.as_str())
            .collect::<Vec<_>>(),
        ["Okafor", "Port strike"]
    );
    assert_eq!(list[0].claims, 3);
    assert_eq!(list[0].verdicts.false_, 1);
    assert_eq!(list[0].verdicts.total(), 1);
    assert_eq!(list[1].claims, 2);
    // Names are unique whatever the case.
    let dup = store.create_topic(topic("port STRIKE", &["x"], &[]));
    assert!(matches!(dup, Err(StoreError::Invalid(_))), "{dup:?}");
    Ok(())
}

#[test]
fn manual_assign_and_unassign_stick_across_rescans_and_imports() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut store = open(&dir)?;
    let a = article(
        &mut store,
        "Harbor tolls",
        Some("2024-06-01"),
        &[
            (
                "The harbor toll doubled in May, the council said.",
                None,
                &[],
            ),
            (
                "Harbor tolls fund the lighthouse, the mayor said.",
                Some("Mayor Ruiz"),
                &[],
            ),
            ("The lighthouse was built in 1902.", None, &[]),
        ],
    )?;
    store.create_topic(topic("Tolls", &["toll"], &[]))?;
    assert_eq!(members(&store, "Tolls")?, sorted(vec![a[0], a[1]]));
    // Out by hand: gone, and a keyword change (re-scan) does not bring it back.
    assert!(store.unassign_claim("Tolls", a[0])?);
    assert_eq!(members(&store, "Tolls")?, vec![a[1]]);
    let change = store.edit_topic(
        "Tolls",
        TopicEdit {
            keywords: Some(vec!["toll".into(), "harbor".into()]),
            ..TopicEdit::default()
        },
    )?;
    assert_eq!((change.added, change.removed), (0, 0));
    assert_eq!(members(&store, "Tolls")?, vec![a[1]]);
    // In by hand: a claim the keywords do not match, and it stays when the keywords change.
    store.assign_claim("Tolls", a[2])?;
    let change = store.edit_topic(
        "Tolls",
        TopicEdit {
            keywords: Some(vec!["ferry".into()]),
            ..TopicEdit::default()
        },
    )?;
    assert_eq!(change.removed, 1, "the automatic member left");
    assert_eq!(members(&store, "Tolls")?, vec![a[2]]);
    let tl = store.timeline("Tolls", &TimelineFilter::default())?;
    assert_eq!(tl.claims[0].source, AssignSource::Manual);
    // Back to the old keywords: the removed claim stays out, the others come back.
    store.edit_topic(
        "Tolls",
        TopicEdit {
            keywords: Some(vec!["toll".into()]),
            ..TopicEdit::default()
        },
    )?;
    assert_eq!(members(&store, "Tolls")?, sorted(vec![a[1], a[2]]));
    // Assigning the removed claim by hand lifts the removal.
    store.assign_claim("Tolls", a[0])?;
    assert_eq!(members(&store, "Tolls")?, sorted(a.clone()));
    // Unassigning a claim that is not a member still keeps it out.
    store.create_topic(topic("Lighthouse", &[], &[]))?;
    assert!(!store.unassign_claim("Lighthouse", a[2])?);
    store.edit_topic(
        "Lighthouse",
        TopicEdit {
            keywords: Some(vec!["lighthouse".into()]),
            ..TopicEdit::default()
        },
    )?;
    assert_eq!(members(&store, "Lighthouse")?, vec![a[1]]);
    // Unknown topic and unknown claim are clear errors.
    assert!(matches!(
        store.assign_claim("Nope", a[0]),
        Err(StoreError::NotFound { what: "topic", .. })
    ));
    assert!(matches!(
        store.assign_claim("Tolls", ClaimId::new()),
        Err(StoreError::NotFound { what: "claim", .. })
    ));
    Ok(())
}

#[test]
fn timeline_is_in_time_order_with_stable_ties_and_filters() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut store = open(&dir)?;
    store.create_topic(topic("Bridge", &["bridge"], &[]))?;
    let late = article(
        &mut store,
        "Late",
        Some("2025-03-01"),
        &[(
            "The bridge reopened in March, the mayor said.",
            Some("Mayor Ruiz"),
            &[],
        )],
    )?;
    let undated = article(
        &mut store,
        "Undated",
        None,
        &[(
            "The bridge will cost more, a critic said.",
            Some("Tom Hale"),
            &[],
        )],
    )?;
    let early = article(
        &mut store,
        "Early",
        Some("2023-05-10"),
        &[
            ("The bridge closed for repairs.", None, &[]),
            (
                "The bridge repairs cost $2 million, Ruiz said.",
                Some("Mayor Ruiz"),
                &[],
            ),
        ],
    )?;
    // Same day as `early`, imported later: after it.
    let same_day = article(
        &mut store,
        "Same day",
        Some("2023-05-10"),
        &[(
            "Engineers said the bridge was safe.",
            Some("Engineers"),
            &[],
        )],
    )?;
    let tl = store.timeline("Bridge", &TimelineFilter::default())?;
    let order: Vec<ClaimId> = tl.claims.iter().map(|e| e.claim_id).collect();
    assert_eq!(
        order,
        [early[0], early[1], same_day[0], late[0], undated[0]],
        "undated articles use their import day (today), after 2025"
    );
    assert_eq!(tl.total, 5);
    assert_eq!(tl.from, "2023-05-10".parse().ok());
    assert!(tl.claims[..4].iter().all(|e| e.dated));
    assert!(!tl.claims[4].dated);
    assert_eq!(tl.claims[0].claimant, None);
    assert_eq!(tl.claims[1].claimant.as_deref(), Some("Mayor Ruiz"));
    assert_eq!(tl.claims[0].article_title, "Early");
    // Lanes by claimant: most claims first, entries in time order.
    assert_eq!(tl.claimants[0].label, "Mayor Ruiz");
    assert_eq!(tl.claimants[0].entries, [1, 3]);
    assert!(tl
        .claimants
        .iter()
        .any(|g| g.key.is_none() && g.label == "(outlet)"));
    // Filters.
    store.review_claim(
        early[1],
        ReviewInput {
            status: ClaimStatus::Misleading,
            note: None,
            reviewer: None,
            evidence: vec![],
        },
    )?;
    let f = store.timeline(
        "Bridge",
        &TimelineFilter {
            statuses: vec![ClaimStatus::Misleading],
            ..TimelineFilter::default()
        },
    )?;
    assert_eq!(f.claims.len(), 1);
    assert_eq!(f.claims[0].claim_id, early[1]);
    assert_eq!(f.claims[0].status, ClaimStatus::Misleading);
    assert_eq!(f.total, 5);
    let f = store.timeline(
        "Bridge",
        &TimelineFilter {
            claimant: Some("ruiz".into()),
            ..TimelineFilter::default()
        },
    )?;
    assert_eq!(
        f.claims.iter().map(|e| e.claim_id).collect::<Vec<_>>(),
        [early[1], late[0]]
    );
    let f = store.timeline(
        "Bridge",
        &TimelineFilter {
            from: "2023-05-10".parse().ok(),
            to: "2025-03-01".parse().ok(),
            ..TimelineFilter::default()
        },
    )?;
    assert_eq!(f.claims.len(), 4);
    let f = store.timeline(
        "Bridge",
        &TimelineFilter {
            from: "2024-01-01".parse().ok(),
            to: "2024-12-31".parse().ok(),
            ..TimelineFilter::default()
        },
    )?;
    assert!(f.claims.is_empty());
    assert_eq!((f.from, f.to, f.total), (None, None, 5));
    // Dismissed claims leave the timeline.
    store.set_claim_dismissed(early[0], true)?;
    assert_eq!(
        store
            .timeline("Bridge", &TimelineFilter::default())?
            .claims
            .len(),
        4
    );
    Ok(())
}

#[test]
fn storylines_come_from_confirmed_repeats_only() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut store = open(&dir)?;
    // The first appearance is outside the topic (it does not mention the keyword).
    let origin = article(
        &mut store,
        "Origin",
        Some("2022-01-10"),
        &[(
            "Crime fell by half, the minister said.",
            Some("Minister Vale"),
            &[],
        )],
    )?;
    store.create_topic(topic("Crime", &["crime rate"], &[]))?;
    let a = article(
        &mut store,
        "A",
        Some("2022-02-01"),
        &[
            (
                "The crime rate fell by half, the minister said.",
                Some("Minister Vale"),
                &[],
            ),
            (
                "The crime rate in Calder rose, police said.",
                Some("Police"),
                &[],
            ),
        ],
    )?;
    let b = article(
        &mut store,
        "B",
        Some("2022-03-01"),
        &[
            (
                "The crime rate halved, Vale repeated.",
                Some("Minister Vale"),
                &[],
            ),
            (
                "Police said the crime rate in Calder rose again.",
                Some("Police"),
                &[],
            ),
            ("The crime rate is a matter of record.", None, &[]),
        ],
    )?;
    // Links inserted directly (the links feature writes these rows).
    let conn = db::open_connection(&dir.path().join("topics.db"))?;
    let link = |s: ClaimId, t: ClaimId, kind: &str, state: &str| -> rusqlite::Result<usize> {
        conn.execute(
            "INSERT INTO claim_link (id, source_claim_id, target_claim_id, kind, score, state, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, 0.9, ?5, '2025-01-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z')",
            rusqlite::params![uuid::Uuid::now_v7().to_string(), s.to_string(), t.to_string(), kind, state],
        )
    };
    link(a[0], origin[0], "repeats", "confirmed")?;
    link(b[0], a[0], "repeats", "confirmed")?;
    link(b[1], a[1], "repeats", "suggested")?;
    link(b[2], a[1], "updates", "confirmed")?;
    link(b[2], b[1], "repeats", "rejected")?;
    drop(conn);
    let tl = store.timeline("Crime", &TimelineFilter::default())?;
    let story = |id: ClaimId| {
        tl.claims
            .iter()
            .find(|e| e.claim_id == id)
            .and_then(|e| e.storyline_id)
    };
    assert_eq!(
        story(a[0]),
        Some(origin[0]),
        "the earliest claim names the storyline"
    );
    assert_eq!(story(b[0]), Some(origin[0]));
    assert_eq!(story(a[1]), None);
    assert_eq!(story(b[1]), None);
    assert_eq!(story(b[2]), None);
    assert_eq!(tl.storylines.len(), 1);
    assert_eq!(tl.storylines[0].key, Some(origin[0].to_string()));
    assert_eq!(tl.storylines[0].entries, [0, 2]);
    assert_eq!(
        tl.storylines[0].label,
        "The crime rate fell by half, the minister said."
    );
    // A filter that hides the first appearance keeps the storyline id.
    let f = store.timeline(
        "Crime",
        &TimelineFilter {
            from: "2022-03-01".parse().ok(),
            ..TimelineFilter::default()
        },
    )?;
    assert_eq!(f.claims[0].storyline_id, Some(origin[0]));
    Ok(())
}

#[test]
fn every_topic_change_writes_history_in_its_transaction() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut store = open(&dir)?;
    store.set_actor_name(Some("editor".into()));
    let a = article(
        &mut store,
        "Ferry",
        Some("2024-01-01"),
        &[
            ("The ferry fare rose 5 percent.", None, &[]),
            ("The ferry is late.", None, &[]),
        ],
    )?;
    let created = store.create_topic(topic("Ferry", &["ferry fare"], &[]))?;
    let id = created.topic.id.to_string();
    store.edit_topic(
        "Ferry",
        TopicEdit {
            description: Some("Fares and timetables".into()),
            ..TopicEdit::default()
        },
    )?;
    store.assign_claim("Ferry", a[1])?;
    store.unassign_claim("Ferry", a[0])?;
    let topic_log = store.history(Some(&id), 100)?;
    assert_eq!(
        topic_log.iter().map(|h| h.op.as_str()).collect::<Vec<_>>(),
        ["insert", "update"]
    );
    assert_eq!(topic_log[1].data["description"], "Fares and timetables");
    assert_eq!(topic_log[1].actor.as_deref(), Some("editor"));
    let log0: Vec<_> = store
        .history(Some(&a[0].to_string()), 100)?
        .into_iter()
        .filter(|h| h.entity == "claim_topic")
        .collect();
    assert_eq!(
        log0.iter()
            .map(|h| (h.op.as_str(), h.data["source"].as_str()))
            .collect::<Vec<_>>(),
        [("insert", Some("auto")), ("delete", Some("manual"))]
    );
    assert_eq!(log0[0].data["matched"]["term"], "ferry fare");
    assert_eq!(log0[1].data["excluded"], true);
    let log1: Vec<_> = store
        .history(Some(&a[1].to_string()), 100)?
        .into_iter()
        .filter(|h| h.entity == "claim_topic")
        .collect();
    assert_eq!(log1.len(), 1);
    assert_eq!(log1[0].data["source"], "manual");
    store.delete_topic("Ferry")?;
    let topic_log = store.history(Some(&id), 100)?;
    assert_eq!(topic_log.last().map(|h| h.op.as_str()), Some("delete"));
    assert!(store.list_topics()?.is_empty());
    assert!(matches!(
        store.get_topic("Ferry"),
        Err(StoreError::NotFound { .. })
    ));
    assert_eq!(store.count_claims()?, 2, "claims outlive their topic");
    Ok(())
}

#[test]
fn suggestions_skip_topics_that_exist() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut store = open(&dir)?;
    for (i, day) in ["2024-01-01", "2024-01-08", "2024-01-15"]
        .iter()
        .enumerate()
    {
        article(
            &mut store,
            &format!("Reservoir {i}"),
            Some(day),
            &[
                (
                    &*format!(
                        "The Tarn reservoir is {} percent full, Ada Brisk said.",
                        40 + i
                    ),
                    Some("Ada Brisk"),
                    &["Ada Brisk"],
                ),
                (
                    &*format!("Brisk said reservoir levels fell for week {i}."),
                    Some("Ada Brisk"),
                    &["Ada Brisk"],
                ),
                ("The library opens at nine.", None, &[]),
            ],
        )?;
    }
    let s = store.suggest_topics(&SuggestOptions::default())?;
    assert_eq!(s.len(), 1, "{s:?}");
    assert_eq!(s[0].name, "Ada Brisk");
    assert_eq!(s[0].claims, 6);
    assert_eq!(s[0].articles, 3);
    assert!(s[0].keywords.iter().any(|k| k == "reservoir"), "{s:?}");
    store.create_topic(topic("Water", &[], &["Ada Brisk"]))?;
    assert!(store.suggest_topics(&SuggestOptions::default())?.is_empty());
    Ok(())
}

#[test]
fn a_database_from_before_topics_v3_upgrades_with_its_topics() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("topics.db");
    {
        // A database as the previous schema left it (the test fixture is made with the migrations themselves).
        let mut conn = rusqlite::Connection::open(&path)?;
        db::migrations()?.to_version(&mut conn, 2)?;
        conn.execute(
            "INSERT INTO topic (id, name, description, keywords, created_at)
             VALUES ('0190c6a0-0000-7000-8000-000000000001', 'Old topic', 'kept', '[\"ferry\"]',
                     '2024-01-01T00:00:00.000Z')",
            [],
        )?;
    }
    let mut store = Store::open(&path)?;
    assert_eq!(store.schema_version()?, db::latest_version());
    let t = store.get_topic("old topic")?;
    assert_eq!(t.keywords, ["ferry"]);
    assert!(t.entities.is_empty());
    assert_eq!(t.updated_at, t.created_at);
    let a = article(
        &mut store,
        "Ferry",
        Some("2024-02-01"),
        &[("The ferry fare rose.", None, &[])],
    )?;
    assert_eq!(members(&store, "Old topic")?, a);
    Ok(())
}
