//! Person records across articles (migration 0010) on a real SQLite file, with claims from the real extractor:
//! one article spells a person out in full, another only by surname, so they land as two records until a
//! reviewer merges them; the merge counts, filters the review queue and names the claimant facet as one person,
//! writes history, and a split gives back exactly the two records. All text is fictional.

use claimtrail_core::{extract_claims, ArticleDraft, SourceFormat};
use claimtrail_store::queue::QueueFilter;
use claimtrail_store::{ImportOutcome, Store, StoreError};

type TestResult = Result<(), Box<dyn std::error::Error>>;

const FULL: &str = "Mayor Elena Varga said on Monday that the city will hire 300 new teachers by September. \
    \"We have cut the waiting list for nursery places by half since 2022,\" Varga told reporters at city hall.";
const SURNAME: &str = "Varga said the harbour tunnel would open in 2027, two years late. \
    The council's budget rose by 12 percent last year, Varga added.";

fn import(store: &mut Store, title: &str, text: &str) -> TestResult {
    let claims = extract_claims(text);
    assert!(!claims.is_empty(), "the extractor found claims in {title}");
    let draft = ArticleDraft {
        title: title.into(),
        outlet: Some("The Harbor Ledger".into()),
        url: None,
        authors: vec![],
        published_at: Some("2024-05-01".parse()?),
        language: Some("en".into()),
        source_format: SourceFormat::Text,
        text: text.into(),
        original: text.as_bytes().to_vec(),
    };
    match store.import_article(&draft, None, &claims)? {
        ImportOutcome::Imported { .. } => Ok(()),
        other => Err(format!("not imported: {other:?}").into()),
    }
}

fn queue_len(store: &Store, who: &str) -> Result<u32, StoreError> {
    let page = store.queue(&QueueFilter {
        claimant: Some(who.into()),
        limit: 100,
        ..Default::default()
    })?;
    Ok(u32::try_from(page.total).unwrap_or(u32::MAX))
}

#[test]
fn merging_and_splitting_person_records() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut store = Store::open(dir.path().join("people.db"))?;
    import(&mut store, "Teachers", FULL)?;
    import(&mut store, "Tunnel", SURNAME)?;

    let people = store.people(None, 50)?;
    let full = people
        .iter()
        .find(|p| p.name == "Elena Varga")
        .ok_or(format!("no Elena Varga in {people:?}"))?
        .clone();
    let short = people
        .iter()
        .find(|p| p.name == "Varga")
        .ok_or(format!("no Varga in {people:?}"))?
        .clone();
    assert!(full.said >= 2 && short.said >= 2, "{people:?}");
    // Before the merge, the full name's filter misses what the surname said.
    let full_only = queue_len(&store, "Elena Varga")?;
    assert_eq!(full_only, full.said);

    let history_before = store.history(None, 1000)?.len();
    let merged = store.merge_people(&full.id, &short.id)?;
    assert_eq!(merged.id, full.id);
    assert_eq!(merged.said, full.said + short.said);
    assert_eq!(merged.aliases.len(), 1);
    assert_eq!(merged.aliases[0].name, "Varga");
    assert!(
        store.history(None, 1000)?.len() > history_before,
        "the merge is in the history"
    );
    let people = store.people(None, 50)?;
    assert!(!people.iter().any(|p| p.name == "Varga"), "{people:?}");
    assert_eq!(store.people(Some("varg"), 50)?.len(), 1);
    assert_eq!(
        store.person_names("Varga")?,
        ["Elena Varga".to_string(), "Varga".to_string()]
    );

    // The review queue's claimant filter and its list of claimants see one person.
    assert_eq!(queue_len(&store, "Elena Varga")?, merged.said);
    let facets = store.queue_facets()?;
    assert!(facets.claimants.contains(&"Elena Varga".to_string()));
    assert!(
        !facets.claimants.contains(&"Varga".to_string()),
        "{facets:?}"
    );

    // Merging again, or into itself, is refused; unknown ids are not found.
    assert!(matches!(
        store.merge_people(&short.id, &full.id),
        Err(StoreError::Invalid(_))
    ));
    assert!(matches!(
        store.merge_people(&full.id, "no-such-person"),
        Err(StoreError::NotFound { .. })
    ));

    // A later import that says "Varga" lands in the record.
    import(
        &mut store,
        "Bridge",
        "Varga said the old bridge carries 40,000 cars a day.",
    )?;
    let after = store.person(&full.id)?;
    assert!(after.said > merged.said, "{after:?}");

    // The split gives back the two records as they were (with the new claim on the surname).
    let left = store.split_person(&short.id)?;
    assert_eq!(left.id, full.id);
    assert!(left.aliases.is_empty());
    assert_eq!(left.said, full.said);
    assert_eq!(queue_len(&store, "Elena Varga")?, full_only);
    assert!(matches!(
        store.split_person(&short.id),
        Err(StoreError::Invalid(_))
    ));
    assert!(store.people(None, 50)?.iter().any(|p| p.name == "Varga"));
    Ok(())
}

#[test]
fn merging_a_record_brings_its_aliases() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut store = Store::open(dir.path().join("people.db"))?;
    import(&mut store, "Teachers", FULL)?;
    import(&mut store, "Tunnel", SURNAME)?;
    import(
        &mut store,
        "Port",
        "E. Varga said the port handled 2 million containers in 2023.",
    )?;
    let id = |store: &Store, name: &str| -> Result<String, Box<dyn std::error::Error>> {
        Ok(store
            .people(None, 50)?
            .into_iter()
            .find(|p| p.name == name)
            .ok_or(format!("no {name}"))?
            .id)
    };
    let (full, short, initial) = (
        id(&store, "Elena Varga")?,
        id(&store, "Varga")?,
        id(&store, "E. Varga")?,
    );
    store.merge_people(&initial, &short)?;
    // Merging the two-name record into the full name keeps pointers one level deep.
    let merged = store.merge_people(&full, &initial)?;
    let mut names: Vec<&str> = merged.aliases.iter().map(|a| a.name.as_str()).collect();
    names.sort_unstable();
    assert_eq!(names, ["E. Varga", "Varga"]);
    // Any name's id reaches the record.
    assert_eq!(store.person(&short)?.id, full);
    Ok(())
}
