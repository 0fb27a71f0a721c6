//! Sentence embeddings in linking, on real SQLite files: what the encoder gives is stored with the score, and
//! the nearest embeddings find fact-checks and claims that share no word with the query.
//!
//! The store takes any encoder; these tests pass a small stand-in that gives texts about the same thing the same
//! direction, so that what is tested is the store (the real encoder's embeddings are tested in its crate, and
//! the app's command tests run the real one).

use std::path::Path;

use claimtrail_store::{Linked, MatchQuery, Store};

type TestResult = Result<(), Box<dyn std::error::Error>>;

/// Directions by subject: dams and barriers one way, bus fares another, the rest a third.
fn embed(text: &str) -> Vec<f32> {
    let t = text.to_lowercase();
    if t.contains("dam") || t.contains("barrier") {
        vec![1.0, 0.1, 0.0, 0.0]
    } else if t.contains("bus") || t.contains("fare") {
        vec![0.0, 1.0, 0.1, 0.0]
    } else {
        vec![0.0, 0.0, 0.2, 1.0]
    }
}

/// The stand-in encoder: a score of 0.7 for every text, and the embeddings when asked for.
fn encoder(
    texts: &[&str],
    want_embeddings: bool,
) -> Result<(Vec<f32>, Vec<Vec<f32>>), std::io::Error> {
    Ok((
        vec![0.7; texts.len()],
        if want_embeddings {
            texts.iter().map(|t| embed(t)).collect()
        } else {
            Vec::new()
        },
    ))
}

fn fact_checks(dir: &Path, store: &mut Store) -> TestResult {
    let tsv = dir.join("checks.tsv");
    std::fs::write(
        &tsv,
        "vclaim_id\tdate\tspeaker\tverdict\tvclaim\ttitle\n\
         vc-1\t2024-02-20\tAna Ruiz\tfalse\tThe Valmora dam has never failed an inspection.\tDam\n\
         vc-2\t2024-02-21\tTom Berg\ttrue\tBus fares in Valmora doubled in two years.\tFares\n",
    )?;
    let r = store.import_fact_checks(&[tsv]);
    assert_eq!(r.added, 2, "{r:?}");
    Ok(())
}

#[test]
fn nearest_embeddings_find_a_fact_check_that_shares_no_word_with_the_query() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut store = Store::open(dir.path().join("t.db"))?;
    fact_checks(dir.path(), &mut store)?;
    let waiting = store.fact_checks_to_embed(10)?;
    assert_eq!(waiting.len(), 2);
    let rows: Vec<(i64, Vec<f32>)> = waiting.iter().map(|(pk, t)| (*pk, embed(t))).collect();
    assert_eq!(store.store_fact_check_embeddings(&rows)?.stored, 2);
    assert!(store.fact_checks_to_embed(10)?.is_empty());
    assert_eq!(store.count_fact_check_embeddings()?, 2);

    let text = "That barrier passed every safety review since it opened.";
    let query = |embedding: Option<&'static [f32]>| MatchQuery {
        text,
        claimant: None,
        date: None,
        embedding,
    };
    // By words alone nothing is found.
    assert!(store.match_fact_checks(&query(None), 5)?.is_empty());
    // With the query's embedding, the dam check comes first and its cosine is in the score.
    let e: &'static [f32] = Box::leak(embed(text).into_boxed_slice());
    let found = store.match_fact_checks(&query(Some(e)), 5)?;
    assert_eq!(found.len(), 2, "both are candidates by embedding");
    assert_eq!(found[0].fact_check.external_id.as_deref(), Some("vc-1"));
    assert!(found[0].score.semantic.is_some_and(|c| c > 0.99));
    assert!(found[0].score.similarity > found[1].score.similarity);

    // A fact-check imported later has no embedding until it is given one, and the index sees it then.
    let tsv = dir.path().join("more.tsv");
    std::fs::write(
        &tsv,
        "vclaim_id\tdate\tspeaker\tverdict\tvclaim\ttitle\n\
         vc-3\t2024-03-01\tAna Ruiz\tfalse\tThe reservoir barrier was rebuilt twice.\tDam\n",
    )?;
    store.import_fact_checks(&[tsv]);
    let waiting = store.fact_checks_to_embed(10)?;
    assert_eq!(waiting.len(), 1);
    let rows: Vec<(i64, Vec<f32>)> = waiting.iter().map(|(pk, t)| (*pk, embed(t))).collect();
    store.store_fact_check_embeddings(&rows)?;
    let found = store.match_fact_checks(&query(Some(e)), 5)?;
    assert_eq!(found.len(), 3);
    Ok(())
}

const DAM_1: &str = "Mayor Ana Ruiz said the Valmora dam has never failed an inspection.\n\n\
The regional water authority will publish its report in June, a spokesperson said.";
const DAM_2: &str =
    "Ana Ruiz told reporters that the barrier passed every safety review since it opened.\n\n\
Farmers downstream asked the council for new flood walls.";

fn import(store: &mut Store, dir: &Path, name: &str, date: &str, text: &str) -> TestResult {
    let path = dir.join(format!("{name}.jsonl"));
    let line =
        serde_json::json!({"title": name, "date": date, "source": "Valmora Ledger", "text": text});
    std::fs::write(&path, format!("{line}\n"))?;
    let report = store.import_paths(&[path], &Default::default(), |_| {});
    assert_eq!(report.imported.len(), 1, "{report:?}");
    Ok(())
}

/// Links of the claim whose text contains `needle`, after both articles are imported, encoded (when `encode`)
/// and linked.
fn links_of_the_reworded_claim(encode: bool) -> Result<Vec<Linked>, Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let mut store = Store::open(dir.path().join("t.db"))?;
    import(&mut store, dir.path(), "dam-1", "2024-02-01", DAM_1)?;
    import(&mut store, dir.path(), "dam-2", "2024-03-01", DAM_2)?;
    if encode {
        // As the app's worker does before each link step: only claims waiting for links, all of them here.
        let r = store.refine_claims(100, true, encoder)?;
        assert_eq!(r.scored, store.count_claims()? as usize);
        assert_eq!(store.pending_scores()?, 0);
    }
    store.process_link_queue(usize::MAX)?;
    let claim = store
        .list_claims(&Default::default())?
        .into_iter()
        .find(|c| c.text.contains("safety review"))
        .ok_or("no reworded claim")?;
    Ok(store
        .claim_links(claim.id)?
        .links
        .into_iter()
        .map(|l| l.other)
        .collect())
}

#[test]
fn a_reworded_claim_is_linked_when_the_embeddings_agree() -> TestResult {
    let by_words = links_of_the_reworded_claim(false)?;
    assert!(by_words.is_empty(), "by words alone: {by_words:?}");
    let with_embeddings = links_of_the_reworded_claim(true)?;
    assert_eq!(with_embeddings.len(), 1, "{with_embeddings:?}");
    assert!(matches!(&with_embeddings[0], Linked::Claim { .. }));
    Ok(())
}

#[test]
fn editing_a_claim_drops_its_embedding_until_the_encoder_runs_again() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut store = Store::open(dir.path().join("t.db"))?;
    import(&mut store, dir.path(), "dam-1", "2024-02-01", DAM_1)?;
    store.refine_claims(100, false, encoder)?;
    assert_eq!(store.pending_scores()?, 0);
    let embedded = store.count_claim_embeddings()?;
    assert!(embedded >= 1);
    let claim = store
        .list_claims(&Default::default())?
        .into_iter()
        .next()
        .ok_or("no claim")?;
    store.edit_claim(
        claim.id,
        claimtrail_store::edit::ClaimEdit {
            start: Some(claim.start),
            end: Some(claim.end - 1),
            ..Default::default()
        },
    )?;
    assert_eq!(store.count_claim_embeddings()?, embedded - 1);
    assert_eq!(store.pending_scores()?, 1, "queued again");
    store.refine_claims(100, false, encoder)?;
    assert_eq!(store.count_claim_embeddings()?, embedded);
    Ok(())
}

/// A new model's migration queues every claim again (0015): claims that have their embedding are only scored, so
/// the vectors linking compares stay as they are.
#[test]
fn a_claim_queued_again_with_its_embedding_is_only_scored() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("t.db");
    let mut store = Store::open(&path)?;
    import(&mut store, dir.path(), "dam-1", "2024-02-01", DAM_1)?;
    store.refine_claims(100, false, encoder)?;
    let claims = store.count_claims()? as usize;
    let embedded = store.count_claim_embeddings()?;
    assert_eq!((store.pending_scores()?, embedded), (0, claims));
    drop(store);
    // The database as the version before the new model (14) left it; opening it applies 0015 again.
    let conn = rusqlite::Connection::open(&path)?;
    conn.pragma_update(None, "user_version", 14)?;
    drop(conn);
    let mut store = Store::open(&path)?;
    assert_eq!(store.pending_scores()?, claims, "every claim queued again");

    let mut asked = Vec::new();
    let r = store.refine_claims(100, false, |texts: &[&str], want_embeddings| {
        asked.push((texts.len(), want_embeddings));
        Ok::<_, std::io::Error>((vec![0.25; texts.len()], Vec::new()))
    })?;
    assert_eq!(
        asked,
        [(claims, false)],
        "scores only, no embeddings asked for"
    );
    assert_eq!((r.claims, r.scored), (claims, claims));
    assert_eq!(store.pending_scores()?, 0);
    assert_eq!(store.count_claim_embeddings()?, embedded);
    let scores: Vec<f64> = store
        .list_claims(&Default::default())?
        .iter()
        .map(|c| c.checkworthiness)
        .collect();
    assert!(scores.iter().all(|&s| s == 0.25), "{scores:?}");
    Ok(())
}

#[test]
fn a_fact_check_is_matched_again_by_meaning_once_it_has_its_embedding() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut store = Store::open(dir.path().join("t.db"))?;
    import(&mut store, dir.path(), "dam-1", "2024-02-01", DAM_1)?;
    store.refine_claims(100, false, encoder)?;
    store.process_link_queue(usize::MAX)?;
    // Rated false, said before the article, in words the article does not use.
    let tsv = dir.path().join("check.tsv");
    std::fs::write(
        &tsv,
        "vclaim_id\tdate\tspeaker\tverdict\tvclaim\ttitle\n\
         vc-9\t2024-01-15\tAna Ruiz\tfalse\tThat barrier passed every safety review since it opened.\tBarrier\n",
    )?;
    let r = store.import_fact_checks(&[tsv]);
    assert_eq!((r.added, r.links), (1, 0), "no shared word: {r:?}");
    let claim = store
        .list_claims(&Default::default())?
        .into_iter()
        .find(|c| c.text.contains("never failed"))
        .ok_or("no dam claim")?;
    assert!(store.claim_links(claim.id)?.links.is_empty());

    let waiting = store.fact_checks_to_embed(10)?;
    let rows: Vec<(i64, Vec<f32>)> = waiting.iter().map(|(pk, t)| (*pk, embed(t))).collect();
    let done = store.store_fact_check_embeddings(&rows)?;
    assert_eq!((done.stored, done.links), (1, 1));
    let links = store.claim_links(claim.id)?.links;
    assert_eq!(links.len(), 1, "{links:?}");
    assert!(matches!(&links[0].other, Linked::FactCheck { .. }));
    // Embedding it again suggests nothing twice.
    assert_eq!(store.store_fact_check_embeddings(&rows)?.links, 0);
    assert_eq!(store.claim_links(claim.id)?.links.len(), 1);
    Ok(())
}

#[test]
fn claims_stored_without_the_queues_can_be_queued_for_their_embeddings() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut store = Store::open(dir.path().join("t.db"))?;
    import(&mut store, dir.path(), "dam-1", "2024-02-01", DAM_1)?;
    store.refine_claims(100, false, encoder)?;
    let embedded = store.count_claim_embeddings()?;
    // A bulk load queues nothing.
    let draft = claimtrail_core::ArticleDraft::plain("Bulk", DAM_2);
    let claims = claimtrail_core::extract_claims(DAM_2);
    store.import_prepared(&[(draft, claims.clone())])?;
    assert_eq!(store.pending_scores()?, 0);
    assert_eq!(store.queue_claims_without_embedding()?, claims.len());
    store.refine_claims(100, false, encoder)?;
    assert_eq!(store.count_claim_embeddings()?, embedded + claims.len());
    assert_eq!(store.queue_claims_without_embedding()?, 0);
    Ok(())
}
