//! The link queue on real SQLite files: filled by the import transaction, drained exactly once (also by two
//! connections at once), kept across a reopen, alerts raised through it, and left by deleted claims.

use std::path::{Path, PathBuf};

use claimtrail_core::{ClaimId, ClaimStatus, LinkKind};
use claimtrail_store::{Linked, ReviewInput, Store};

type TestResult = Result<(), Box<dyn std::error::Error>>;

/// Fictional articles: the second repeats the first one's claim about the ferry in other words.
const FERRY_1: &str = "Ferry service to Castrel cut\n\n\
Harbour master Ines Varga said the Castrel ferry carried 40,000 passengers last year and has never missed a winter crossing.\n\n\
The port authority will vote on the timetable next month, a spokesman said.";
const FERRY_2: &str = "Castrel ferry timetable vote delayed\n\n\
The Castrel ferry has never missed a winter crossing and carried 40,000 passengers last year, harbour master Ines Varga told the council.\n\n\
Fishermen asked for a second landing stage at the old quay.";

fn write_article(dir: &Path, name: &str, date: &str, text: &str) -> std::io::Result<PathBuf> {
    let path = dir.join(format!("{name}.jsonl"));
    let (title, body) = text.split_once("\n\n").unwrap_or((name, text));
    let line = serde_json::json!({"title": title, "date": date, "source": "Castrel Courier", "text": body});
    std::fs::write(&path, format!("{line}\n"))?;
    Ok(path)
}

/// Imports one article without draining the queue; returns its number of claims.
fn import(
    store: &mut Store,
    dir: &Path,
    name: &str,
    date: &str,
    text: &str,
) -> Result<usize, Box<dyn std::error::Error>> {
    let path = write_article(dir, name, date, text)?;
    let report = store.import_paths(&[path], &Default::default(), |_| {});
    assert_eq!(report.imported.len(), 1, "{report:?}");
    Ok(report.imported[0].claims)
}

fn claim_with(
    store: &Store,
    needle: &str,
    date: &str,
) -> Result<ClaimId, Box<dyn std::error::Error>> {
    for c in store.list_claims(&Default::default())? {
        if c.text.contains(needle)
            && store
                .get_article(c.article_id)?
                .date
                .map(|d| d.to_string())
                .as_deref()
                == Some(date)
        {
            return Ok(c.id);
        }
    }
    Err(format!("no claim with `{needle}` dated {date}").into())
}

/// Rows of a table, read through a plain connection.
fn count(db: &Path, table: &str) -> Result<i64, Box<dyn std::error::Error>> {
    let conn = rusqlite::Connection::open(db)?;
    Ok(conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))?)
}

#[test]
fn an_import_queues_its_claims_and_links_nothing_until_the_queue_runs() -> TestResult {
    let dir = tempfile::tempdir()?;
    let db = dir.path().join("q.db");
    let mut store = Store::open(&db)?;
    let first = import(&mut store, dir.path(), "ferry-1", "2024-05-01", FERRY_1)?;
    let second = import(&mut store, dir.path(), "ferry-2", "2024-05-20", FERRY_2)?;
    assert!(first > 0 && second > 0);
    assert_eq!(store.pending_links()?, first + second);
    assert_eq!(count(&db, "claim_link")?, 0, "import itself links nothing");

    // One claim, then the rest: every claim is taken exactly once.
    let one = store.process_link_queue(1)?;
    assert_eq!(one.claims, 1);
    assert_eq!(store.pending_links()?, first + second - 1);
    let rest = store.process_link_queue(usize::MAX)?;
    assert_eq!(rest.claims, first + second - 1);
    assert_eq!(store.pending_links()?, 0);
    assert_eq!(store.process_link_queue(usize::MAX)?.claims, 0);
    let links = one.claim_links + rest.claim_links;
    assert!(links >= 1, "{one:?} {rest:?}");
    assert_eq!(count(&db, "claim_link")? as usize, links);
    assert_eq!(
        store
            .history(None, 100_000)?
            .iter()
            .filter(|h| h.entity == "claim_link")
            .count(),
        links,
        "every link has its history row"
    );

    // The repeat is linked to the earlier claim, which is its source.
    let earlier = claim_with(&store, "never missed", "2024-05-01")?;
    let later = claim_with(&store, "never missed", "2024-05-20")?;
    let link = store
        .claim_links(later)?
        .links
        .into_iter()
        .find(|l| matches!(&l.other, Linked::Claim { id, .. } if *id == earlier))
        .ok_or("no link to the earlier claim")?;
    assert_eq!(link.kind, LinkKind::Repeats);
    assert_eq!(link.other_role, "source");
    Ok(())
}

#[test]
fn a_later_article_imported_first_is_still_the_target() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut store = Store::open(dir.path().join("o.db"))?;
    // Both wait in the queue, the later-dated article queued first.
    import(&mut store, dir.path(), "ferry-2", "2024-05-20", FERRY_2)?;
    import(&mut store, dir.path(), "ferry-1", "2024-05-01", FERRY_1)?;
    store.process_link_queue(usize::MAX)?;
    let earlier = claim_with(&store, "never missed", "2024-05-01")?;
    let later = claim_with(&store, "never missed", "2024-05-20")?;
    let links = store.claim_links(later)?.links;
    let link = links
        .iter()
        .find(|l| matches!(&l.other, Linked::Claim { id, .. } if *id == earlier))
        .ok_or("no link")?;
    assert_eq!(link.other_role, "source", "the earlier claim is the source");
    Ok(())
}

#[test]
fn the_queue_survives_closing_the_database() -> TestResult {
    let dir = tempfile::tempdir()?;
    let db = dir.path().join("r.db");
    let queued = {
        let mut store = Store::open(&db)?;
        import(&mut store, dir.path(), "ferry-1", "2024-05-01", FERRY_1)?
            + import(&mut store, dir.path(), "ferry-2", "2024-05-20", FERRY_2)?
    };
    let mut store = Store::open(&db)?;
    assert_eq!(store.pending_links()?, queued);
    let r = store.process_link_queue(usize::MAX)?;
    assert_eq!(r.claims, queued);
    assert!(r.claim_links >= 1);
    drop(store);
    assert_eq!(Store::open(&db)?.pending_links()?, 0);
    Ok(())
}

#[test]
fn a_repeat_of_a_false_claim_raises_its_alert_when_the_queue_runs() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut store = Store::open(dir.path().join("a.db"))?;
    import(&mut store, dir.path(), "ferry-1", "2024-05-01", FERRY_1)?;
    store.process_link_queue(usize::MAX)?;
    let earlier = claim_with(&store, "never missed", "2024-05-01")?;
    store.review_claim(
        earlier,
        ReviewInput {
            status: ClaimStatus::False,
            note: Some("It missed two crossings in 2019.".into()),
            reviewer: Some("tester".into()),
            evidence: vec![],
        },
    )?;
    import(&mut store, dir.path(), "ferry-2", "2024-05-20", FERRY_2)?;
    assert!(
        store.alerts(false)?.is_empty(),
        "no alert before the queue runs"
    );
    let r = store.process_link_queue(usize::MAX)?;
    assert_eq!(r.alerts, 1, "{r:?}");
    let alerts = store.alerts(false)?;
    assert_eq!(alerts.len(), 1);
    assert_eq!(alerts[0].rating, "false");
    assert!(matches!(&alerts[0].earlier, Linked::Claim { id, .. } if *id == earlier));
    let later = claim_with(&store, "never missed", "2024-05-20")?;
    assert!(matches!(&alerts[0].claim, Linked::Claim { id, .. } if *id == later));
    Ok(())
}

#[test]
fn deleted_and_dismissed_claims_leave_the_queue_without_links() -> TestResult {
    let dir = tempfile::tempdir()?;
    let db = dir.path().join("d.db");
    let mut store = Store::open(&db)?;
    let first = import(&mut store, dir.path(), "ferry-1", "2024-05-01", FERRY_1)?;
    store.process_link_queue(usize::MAX)?;
    let second = import(&mut store, dir.path(), "ferry-2", "2024-05-20", FERRY_2)?;
    assert_eq!(store.pending_links()?, second);
    // The repeat is dismissed before its turn: it leaves the queue unlinked.
    let later = claim_with(&store, "never missed", "2024-05-20")?;
    store.set_claim_dismissed(later, true)?;
    // Another article's claims are deleted outright (as a future "delete article" would).
    import(
        &mut store,
        dir.path(),
        "ferry-3",
        "2024-06-02",
        &FERRY_1.replace("Ines Varga", "Oren Rask"),
    )?;
    let pending = store.pending_links()?;
    {
        let conn = rusqlite::Connection::open(&db)?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.execute(
            "DELETE FROM article WHERE title LIKE 'Ferry service%' AND published_at = '2024-06-02'",
            [],
        )?;
    }
    let after_delete = store.pending_links()?;
    assert!(after_delete < pending, "{after_delete} < {pending}");
    assert_eq!(
        after_delete, second,
        "only the second article's claims remain"
    );
    let r = store.process_link_queue(usize::MAX)?;
    assert_eq!(r.claims, second);
    assert!(store.claim_links(later)?.links.is_empty());
    assert_eq!(store.pending_links()?, 0);
    assert!(first > 0);
    Ok(())
}

#[test]
fn two_connections_draining_at_once_take_each_claim_once() -> TestResult {
    let dir = tempfile::tempdir()?;
    let db = dir.path().join("c.db");
    let mut store = Store::open(&db)?;
    let mut queued = 0;
    for i in 0..12 {
        let (a, b) = (
            FERRY_1.replace("40,000", &format!("{},000", 40 + i)),
            FERRY_2.replace("40,000", &format!("{},000", 40 + i)),
        );
        queued += import(&mut store, dir.path(), &format!("a{i}"), "2024-05-01", &a)?;
        queued += import(&mut store, dir.path(), &format!("b{i}"), "2024-05-20", &b)?;
    }
    assert_eq!(store.pending_links()?, queued);
    let drain = |db: PathBuf| {
        std::thread::spawn(move || -> Result<claimtrail_store::SuggestReport, String> {
            let mut s = Store::open(&db).map_err(|e| e.to_string())?;
            let mut total = claimtrail_store::SuggestReport::default();
            loop {
                let r = s.process_link_queue(3).map_err(|e| e.to_string())?;
                if r.claims == 0 && s.pending_links().map_err(|e| e.to_string())? == 0 {
                    return Ok(total);
                }
                total.claims += r.claims;
                total.claim_links += r.claim_links;
            }
        })
    };
    let (x, y) = (drain(db.clone()), drain(db.clone()));
    let x = x.join().map_err(|_| "drain panicked")??;
    let y = y.join().map_err(|_| "drain panicked")??;
    assert_eq!(x.claims + y.claims, queued, "{x:?} {y:?}");
    assert_eq!(
        count(&db, "claim_link")? as usize,
        x.claim_links + y.claim_links
    );
    assert_eq!(store.pending_links()?, 0);
    assert_eq!(store.integrity_check()?, "ok");
    Ok(())
}
