//! Links, storylines, verdict propagation, alerts and fact-check import, on real SQLite files.

use std::path::{Path, PathBuf};

use claimtrail_core::{ClaimId, ClaimStatus, LinkKind, LinkState};
use claimtrail_store::{db, Linked, ReviewInput, Store};

type TestResult = Result<(), Box<dyn std::error::Error>>;

/// Fictional news articles. The first and the second carry the same claim in other words.
const DAM_1: &str = "Valmora dam inspection delayed\n\n\
Mayor Ana Ruiz said the Valmora dam was completed in 1998 and has never failed an inspection.\n\n\
The regional water authority will publish its report in June, a spokesperson said.";
const DAM_2: &str = "Floods renew questions over Valmora dam\n\n\
The Valmora dam has never failed an inspection since it was completed in 1998, Mayor Ana Ruiz told reporters on Tuesday.\n\n\
Farmers downstream asked the council for new flood barriers.";

fn article(dir: &Path, name: &str, date: &str, text: &str) -> std::io::Result<PathBuf> {
    let path = dir.join(format!("{name}.jsonl"));
    let (title, body) = text.split_once("\n\n").unwrap_or((name, text));
    let line =
        serde_json::json!({"title": title, "date": date, "source": "Valmora Ledger", "text": body});
    std::fs::write(&path, format!("{line}\n"))?;
    Ok(path)
}

fn import(
    store: &mut Store,
    dir: &Path,
    name: &str,
    date: &str,
    text: &str,
) -> Result<(), Box<dyn std::error::Error>> {
    let path = article(dir, name, date, text)?;
    let report = store.import_paths(&[path], &Default::default(), |_| {});
    assert_eq!(report.imported.len(), 1, "{report:?}");
    // Suggestion is the link queue's job, as `claimtrail import` and the app's worker run it after an import.
    store.process_link_queue(usize::MAX)?;
    Ok(())
}

/// The stored claim whose text contains `needle`.
fn claim_with(
    store: &Store,
    needle: &str,
    date: &str,
) -> Result<ClaimId, Box<dyn std::error::Error>> {
    let claims = store.list_claims(&Default::default())?;
    for c in claims {
        if c.text.contains(needle) {
            let a = store.get_article(c.article_id)?;
            if a.date.map(|d| d.to_string()).as_deref() == Some(date) {
                return Ok(c.id);
            }
        }
    }
    Err(format!("no claim with `{needle}` dated {date}").into())
}

fn two_dam_articles(
    store: &mut Store,
    dir: &Path,
) -> Result<(ClaimId, ClaimId), Box<dyn std::error::Error>> {
    import(store, dir, "dam-1", "2024-03-01", DAM_1)?;
    import(store, dir, "dam-2", "2024-03-10", DAM_2)?;
    Ok((
        claim_with(store, "never failed", "2024-03-01")?,
        claim_with(store, "never failed", "2024-03-10")?,
    ))
}

fn history_of(store: &Store, entity: &str) -> Result<usize, Box<dyn std::error::Error>> {
    Ok(store
        .history(None, 100_000)?
        .iter()
        .filter(|h| h.entity == entity)
        .count())
}

#[test]
fn importing_a_repeat_suggests_a_link_to_the_earlier_claim() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut store = Store::open(dir.path().join("t.db"))?;
    let (first, second) = two_dam_articles(&mut store, dir.path())?;
    let links = store.claim_links(second)?;
    let link = links
        .links
        .iter()
        .find(|l| matches!(&l.other, Linked::Claim { id, .. } if *id == first))
        .ok_or("no link to the earlier claim")?;
    assert_eq!(link.kind, LinkKind::Repeats);
    assert_eq!(link.state, LinkState::Suggested);
    assert_eq!(link.other_role, "source", "the earlier claim is the source");
    assert!(link.score >= store.link_settings()?.threshold);
    // Seen from the first claim, the same link points to the later one.
    let back = store.claim_links(first)?;
    assert!(back
        .links
        .iter()
        .any(|l| l.id == link.id && l.other_role == "target"));
    assert!(history_of(&store, "claim_link")? >= 1);
    // The other claims of the articles are not linked to each other.
    let barriers = claim_with(&store, "flood barriers", "2024-03-10");
    if let Ok(b) = barriers {
        assert!(store
            .claim_links(b)?
            .links
            .iter()
            .all(|l| l.kind != LinkKind::Repeats));
    }
    Ok(())
}

#[test]
fn a_later_claim_is_never_the_source() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut store = Store::open(dir.path().join("t.db"))?;
    // The later article is imported first.
    import(&mut store, dir.path(), "dam-2", "2024-03-10", DAM_2)?;
    import(&mut store, dir.path(), "dam-1", "2024-03-01", DAM_1)?;
    let first = claim_with(&store, "never failed", "2024-03-01")?;
    let second = claim_with(&store, "never failed", "2024-03-10")?;
    let links = store.claim_links(second)?;
    let link = links
        .links
        .iter()
        .find(|l| matches!(&l.other, Linked::Claim { id, .. } if *id == first))
        .ok_or("no link")?;
    assert_eq!(link.other_role, "source");
    // With a 3-day window the two claims (9 days apart) are not matched at all.
    let dir2 = tempfile::tempdir()?;
    let mut windowed = Store::open(dir2.path().join("w.db"))?;
    let mut s = windowed.link_settings()?;
    s.window_days = Some(3);
    windowed.set_link_settings(s)?;
    assert_eq!(history_of(&windowed, "setting")?, 1);
    let (_, second) = two_dam_articles(&mut windowed, dir2.path())?;
    assert!(windowed.claim_links(second)?.links.is_empty());
    Ok(())
}

#[test]
fn confirming_builds_a_storyline_and_carries_the_verdict() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut store = Store::open(dir.path().join("t.db"))?;
    let (first, second) = two_dam_articles(&mut store, dir.path())?;
    let link_id = store
        .claim_links(second)?
        .links
        .iter()
        .find(|l| matches!(&l.other, Linked::Claim { id, .. } if *id == first))
        .ok_or("no link")?
        .id;
    // Before confirmation: no storyline, no verdict carried.
    store.review_claim(
        first,
        ReviewInput {
            status: ClaimStatus::False,
            note: None,
            reviewer: Some("rev".into()),
            evidence: vec![],
        },
    )?;
    assert!(store.claim_links(second)?.verdicts.is_empty());
    let change = store.set_link_state(&link_id.to_string()[..13], LinkState::Confirmed, None)?;
    assert_eq!(change.prev_state, LinkState::Suggested);
    let links = store.claim_links(second)?;
    assert_eq!(
        links.links[0].state,
        LinkState::Confirmed,
        "confirmed links come first"
    );
    assert_eq!(links.links[0].id, link_id);
    let ids: Vec<ClaimId> = links
        .storyline
        .appearances
        .iter()
        .map(|a| a.claim_id)
        .collect();
    assert_eq!(ids, [first, second], "first appearance first");
    assert_eq!(links.storyline.id, first);
    assert_eq!(store.storyline_id(second)?, first);
    assert_eq!(links.verdicts.len(), 1);
    let v = &links.verdicts[0];
    assert_eq!(v.rating, "false");
    let today = chrono::Utc::now().date_naive().to_string();
    assert!(
        v.summary.starts_with(&format!("rated false on {today}")),
        "{}",
        v.summary
    );
    // The rated claim itself gets no verdict from itself.
    assert!(store.claim_links(first)?.verdicts.is_empty());
    assert!(history_of(&store, "claim_link")? >= 2);
    Ok(())
}

#[test]
fn a_rejected_link_is_hidden_and_logged() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut store = Store::open(dir.path().join("t.db"))?;
    let (_, second) = two_dam_articles(&mut store, dir.path())?;
    let before = store.claim_links(second)?.links.len();
    let link_id = store.claim_links(second)?.links[0].id;
    store.set_link_state(&link_id.to_string(), LinkState::Rejected, None)?;
    assert_eq!(store.claim_links(second)?.links.len(), before - 1);
    let entries = store.history(Some(&link_id.to_string()), 10)?;
    assert_eq!(
        entries.last().map(|e| e.data["state"].clone()),
        Some(serde_json::json!("rejected"))
    );
    assert!(store
        .set_link_state("ffffffff", LinkState::Confirmed, None)
        .is_err());
    Ok(())
}

#[test]
fn a_repeat_of_a_false_claim_raises_an_alert_until_dismissed() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut store = Store::open(dir.path().join("t.db"))?;
    import(&mut store, dir.path(), "dam-1", "2024-03-01", DAM_1)?;
    let first = claim_with(&store, "never failed", "2024-03-01")?;
    store.review_claim(
        first,
        ReviewInput {
            status: ClaimStatus::Misleading,
            note: None,
            reviewer: None,
            evidence: vec![],
        },
    )?;
    assert!(store.alerts(false)?.is_empty());
    import(&mut store, dir.path(), "dam-2", "2024-03-10", DAM_2)?;
    let second = claim_with(&store, "never failed", "2024-03-10")?;
    let alerts = store.alerts(false)?;
    assert_eq!(alerts.len(), 1, "{alerts:?}");
    assert_eq!(alerts[0].rating, "misleading");
    assert!(matches!(&alerts[0].claim, Linked::Claim { id, .. } if *id == second));
    assert!(matches!(&alerts[0].earlier, Linked::Claim { id, .. } if *id == first));
    store.dismiss_alert(&alerts[0].id.to_string()[..8])?;
    assert!(store.alerts(false)?.is_empty());
    assert_eq!(store.alerts(true)?.len(), 1);
    assert_eq!(history_of(&store, "alert")?, 2, "created and dismissed");
    Ok(())
}

const REVIEW: &str = r#"{
  "@context": "https://schema.org", "@type": "ClaimReview",
  "url": "https://checks.example/valmora-dam",
  "claimReviewed": "The Valmora dam has never failed an inspection since it was completed in 1998.",
  "itemReviewed": {"@type": "Claim", "author": {"@type": "Person", "name": "Ana Ruiz"}, "datePublished": "2024-02-20"},
  "author": {"@type": "Organization", "name": "Example Checks"},
  "reviewRating": {"@type": "Rating", "alternateName": "False"},
  "name": "The Valmora dam failed inspections in 2009 and 2015"
}"#;

#[test]
fn fact_checks_import_merge_and_match_new_claims() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut store = Store::open(dir.path().join("t.db"))?;
    let file = dir.path().join("review.json");
    std::fs::write(&file, REVIEW)?;
    let r = store.import_fact_checks(std::slice::from_ref(&file));
    assert_eq!((r.added, r.merged, r.failed.len()), (1, 0, 0), "{r:?}");
    // The same review again, and the same claim and date from a TSV with another id: merged, not duplicated.
    let r = store.import_fact_checks(std::slice::from_ref(&file));
    assert_eq!((r.added, r.merged), (0, 1));
    let tsv = dir.path().join("more.tsv");
    std::fs::write(
        &tsv,
        "vclaim_id\tdate\tspeaker\tverdict\tvclaim\ttitle\n\
         vclaim-x-7\t2024-02-20\tAna Ruiz\tfalse\tThe Valmora dam has never failed an inspection since it was completed in 1998!\tDam\n",
    )?;
    let r = store.import_fact_checks(&[tsv]);
    assert_eq!((r.added, r.merged), (0, 1), "{r:?}");
    assert_eq!(store.count_fact_checks()?, 1);
    assert!(history_of(&store, "fact_check")? >= 3);
    // A new article repeating the rated claim gets a fact-check link and an alert.
    import(&mut store, dir.path(), "dam-2", "2024-03-10", DAM_2)?;
    let second = claim_with(&store, "never failed", "2024-03-10")?;
    let links = store.claim_links(second)?;
    let fc_link = links
        .links
        .iter()
        .find(|l| matches!(l.other, Linked::FactCheck { .. }))
        .ok_or("no fact-check link")?;
    let alerts = store.alerts(false)?;
    assert_eq!(alerts.len(), 1);
    // The TSV record merged last brought the rating "false".
    assert_eq!(alerts[0].rating, "false");
    // Confirmed, its rating is carried over.
    store.set_link_state(&fc_link.id.to_string(), LinkState::Confirmed, None)?;
    let v = store.claim_links(second)?.verdicts;
    assert_eq!(v.len(), 1);
    assert_eq!(
        v[0].summary,
        "rated false by Example Checks on 2024-02-20, see https://checks.example/valmora-dam"
    );
    Ok(())
}

#[test]
fn malformed_fact_check_files_leave_nothing() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut store = Store::open(dir.path().join("t.db"))?;
    let folder = dir.path().join("in");
    std::fs::create_dir(&folder)?;
    // One good review followed by one without a claim: the whole file is refused.
    std::fs::write(
        folder.join("a-half.json"),
        format!(
            "[{REVIEW}, {{\"@type\": \"ClaimReview\", \"url\": \"https://checks.example/2\"}}]"
        ),
    )?;
    std::fs::write(
        folder.join("b-broken.json"),
        "{\"@type\": \"ClaimReview\", ",
    )?;
    std::fs::write(
        folder.join("c-short.tsv"),
        "vclaim_id\tvclaim\tdate\nv1\tA claim\n",
    )?;
    let r = store.import_fact_checks(std::slice::from_ref(&folder));
    assert_eq!(r.failed.len(), 3, "{r:?}");
    assert!(
        r.failed[0]
            .error
            .contains("ClaimReview #2 has no `claimReviewed`"),
        "{}",
        r.failed[0].error
    );
    assert!(
        r.failed[1].error.contains("invalid JSON"),
        "{}",
        r.failed[1].error
    );
    assert!(
        r.failed[2].error.contains("line 2"),
        "{}",
        r.failed[2].error
    );
    assert_eq!(store.count_fact_checks()?, 0);
    assert_eq!(history_of(&store, "fact_check")?, 0);
    // A good file next to them still lands.
    std::fs::write(folder.join("d-good.jsonld"), REVIEW)?;
    let r = store.import_fact_checks(&[folder]);
    assert_eq!((r.added, r.failed.len()), (1, 3));
    Ok(())
}

#[test]
fn history_survives_the_links_migration() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("old.db");
    {
        let mut conn = rusqlite::Connection::open(&path)?;
        db::migrations()?.to_version(&mut conn, 1)?;
        conn.execute(
            "INSERT INTO history (entity, entity_id, op, data, installation_id, at)
             VALUES ('article', 'a1', 'insert', '{}', 'inst', '2024-01-01T00:00:00.000Z')",
            [],
        )?;
    }
    let store = Store::open(&path)?;
    let h = store.history(None, 10)?;
    assert_eq!(h.len(), 1);
    assert_eq!((h[0].seq, h[0].entity.as_str()), (1, "article"));
    drop(store);
    let conn = db::open_connection(&path)?;
    assert!(
        conn.execute("DELETE FROM history", []).is_err(),
        "still append-only"
    );
    assert!(conn
        .execute(
            "INSERT INTO history (entity, entity_id, op, data, installation_id, at)
             VALUES ('Bad Name', 'x', 'insert', '{}', 'i', 't')",
            []
        )
        .is_err());
    let next: i64 = conn.query_row(
        "INSERT INTO history (entity, entity_id, op, data, installation_id, at)
         VALUES ('fact_check', 'x', 'insert', '{}', 'i', 't') RETURNING seq",
        [],
        |r| r.get(0),
    )?;
    assert_eq!(next, 2, "sequence numbers continue");
    Ok(())
}
