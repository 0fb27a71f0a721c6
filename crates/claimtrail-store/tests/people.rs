//! Person records across articles (migration 0010) on a real SQLite file, with claims from the real extractor:
//! one article spells a person out in full, another only by surname, so they land as two records until a
//! reviewer merges them; the merge counts, filters the review queue and names the claimant facet as one person,
//! writes history, and a split gives back exactly the two records. Merge suggestions (migration 0013) find such
//! records by their names, and a pair the reviewer dismissed stays away until taken back. All text is fictional.

use claimtrail_core::people::MergeRule;
use claimtrail_core::{
    extract_claims, ArticleDraft, ClaimKind, EntityKind, EntityMention, ExtractedClaim,
    SourceFormat,
};
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
    import_claims(store, title, text, &claims)
}

fn import_claims(
    store: &mut Store,
    title: &str,
    text: &str,
    claims: &[ExtractedClaim],
) -> TestResult {
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
    match store.import_article(&draft, None, claims)? {
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

/// An article of one sentence per speaker, as the extractor would give it: each claim said by its speaker, who is
/// also the person entity it names (exactly the names given, so the test decides how a name is written).
fn say(store: &mut Store, title: &str, lines: &[(&str, &str)]) -> TestResult {
    let mut text = String::new();
    let mut claims = Vec::new();
    for (speaker, words) in lines {
        if !text.is_empty() {
            text.push(' ');
        }
        let sentence = format!("{speaker} said {words}.");
        let start = text.chars().count();
        text.push_str(&sentence);
        claims.push(ExtractedClaim {
            text: sentence.clone(),
            start,
            end: start + sentence.chars().count(),
            claimant: Some((*speaker).into()),
            speaker: Some((*speaker).into()),
            kind: ClaimKind::ReportedSpeech,
            checkworthiness: 0.7,
            entities: vec![EntityMention {
                name: (*speaker).into(),
                kind: EntityKind::Person,
                mention: (*speaker).into(),
            }],
        });
    }
    import_claims(store, title, &text, &claims)
}

/// The suggestions as (merged name, kept name, rule, reason).
fn suggested(store: &Store) -> Result<Vec<(String, String, MergeRule, String)>, StoreError> {
    Ok(store
        .person_merge_suggestions(50)?
        .into_iter()
        .map(|s| (s.merge.name, s.keep.name, s.rule, s.reason))
        .collect())
}

fn suggestion(
    name: &str,
    keep: &str,
    rule: MergeRule,
    reason: &str,
) -> (String, String, MergeRule, String) {
    (name.into(), keep.into(), rule, reason.into())
}

#[test]
fn merge_suggestions_follow_the_name_rules() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut store = Store::open(dir.path().join("people.db"))?;
    say(
        &mut store,
        "Harbour",
        &[
            ("Elena Varga", "the harbour will reopen in May"),
            ("Elena Varga", "the ferry fleet doubled"),
            ("Ana M. Ruiz", "rents rose by 9 percent"),
            ("Prime Minister Tom Cole", "exports fell by a third"),
            ("Ann Clinton", "the bridge cost 40 million"),
            ("Bob Clinton", "the tunnel cost 90 million"),
        ],
    )?;
    say(
        &mut store,
        "Council",
        &[
            ("Varga", "the port employs 3,000 people"),
            ("Ana Ruiz", "the city has 12 libraries"),
            ("Tom Côle", "wages grew by 4 percent"),
            ("Clinton", "the budget was balanced"),
        ],
    )?;

    assert_eq!(
        suggested(&store)?,
        [
            // Elena Varga made and is named in the same two claims: each counted once.
            suggestion("Varga", "Elena Varga", MergeRule::Surname, "same surname"),
            suggestion(
                "Ana Ruiz",
                "Ana M. Ruiz",
                MergeRule::Initial,
                "same name without the middle initial"
            ),
            suggestion(
                "Prime Minister Tom Cole",
                "Tom Côle",
                MergeRule::SameName,
                "same name, other spelling"
            ),
        ],
        "nothing for Clinton: two people have the surname"
    );
    let first = store.person_merge_suggestions(1)?;
    assert_eq!(first.len(), 1);
    assert_eq!((first[0].keep_claims, first[0].merge_claims), (2, 1));

    // Accepting a suggestion is a merge; the pair is gone, the rest stay.
    store.merge_people(&first[0].keep.id, &first[0].merge.id)?;
    let after: Vec<String> = suggested(&store)?.into_iter().map(|s| s.0).collect();
    assert_eq!(after, ["Ana Ruiz", "Prime Minister Tom Cole"]);
    Ok(())
}

#[test]
fn a_dismissed_pair_stays_away_until_taken_back() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut store = Store::open(dir.path().join("people.db"))?;
    say(
        &mut store,
        "Harbour",
        &[("Elena Varga", "the harbour will reopen in May")],
    )?;
    say(
        &mut store,
        "Council",
        &[("Varga", "the port employs 3,000 people")],
    )?;
    let found = store.person_merge_suggestions(10)?;
    assert_eq!(found.len(), 1, "{found:?}");
    let (keep, merge) = (found[0].keep.id.clone(), found[0].merge.id.clone());

    let history_before = store.history(None, 1000)?.len();
    assert!(store.dismiss_person_merge(&merge, &keep)?);
    assert!(store.person_merge_suggestions(10)?.is_empty());
    let history = store.history(None, 1000)?;
    assert_eq!(history.len(), history_before + 1);
    let row = history.last().ok_or("no history")?;
    assert_eq!(
        (row.entity.as_str(), row.op.as_str()),
        ("person_merge_dismissed", "insert")
    );
    assert!(row.data.to_string().contains(&keep) && row.data.to_string().contains(&merge));
    // Dismissing again changes nothing.
    assert!(!store.dismiss_person_merge(&keep, &merge)?);
    assert_eq!(store.history(None, 1000)?.len(), history_before + 1);

    // The dismissal holds for the records: a name merged into one of them brings no new suggestion.
    say(
        &mut store,
        "Ferry",
        &[("E. Varga", "the ferry fleet doubled")],
    )?;
    let initial = store.resolve_person("E. Varga")?;
    let now: Vec<String> = store
        .person_merge_suggestions(10)?
        .into_iter()
        .map(|s| format!("{} -> {}", s.merge.name, s.keep.name))
        .collect();
    assert_eq!(now, ["E. Varga -> Elena Varga"]);
    store.merge_people(&initial, &merge)?;
    assert!(
        store.person_merge_suggestions(10)?.is_empty(),
        "Varga is not Elena Varga"
    );

    // Taking it back (given any names of the two records) brings the suggestion back, with a history row.
    assert_eq!(store.restore_person_merge(&keep, &initial)?, 1);
    let back = store.person_merge_suggestions(10)?;
    assert_eq!(back.len(), 1, "{back:?}");
    assert_eq!(
        (back[0].merge.id.as_str(), back[0].keep.name.as_str()),
        (initial.as_str(), "Elena Varga")
    );
    let row = store.history(None, 1)?.pop().ok_or("no history")?;
    assert_eq!(
        (row.entity.as_str(), row.op.as_str()),
        ("person_merge_dismissed", "delete")
    );
    assert_eq!(store.restore_person_merge(&keep, &initial)?, 0);

    // A pair already in one record, or a name that is no person, is refused.
    assert!(matches!(
        store.dismiss_person_merge(&initial, &merge),
        Err(StoreError::Invalid(_))
    ));
    assert!(matches!(
        store.dismiss_person_merge(&keep, "no-such-person"),
        Err(StoreError::NotFound { .. })
    ));
    Ok(())
}

/// A made-up word for `n` (digits as letters), so that thousands of names differ.
fn word(prefix: &str, n: usize) -> String {
    let letters: String = n
        .to_string()
        .bytes()
        .map(|d| char::from(b'a' + (d - b'0')))
        .collect();
    format!("{prefix}{letters}")
}

#[test]
fn suggestions_over_thousands_of_people() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut store = Store::open(dir.path().join("people.db"))?;
    let people = 2_000;
    let full: Vec<String> = (0..people)
        .map(|i| format!("{} {}", word("Ann", i % 50), word("Kor", i)))
        .collect();
    let short: Vec<String> = (0..people).map(|i| word("Kor", i)).collect();
    let lines: Vec<(&str, &str)> = full
        .iter()
        .chain(&short)
        .map(|n| (n.as_str(), "the harbour will reopen in May"))
        .collect();
    for (n, chunk) in lines.chunks(500).enumerate() {
        say(&mut store, &format!("Part {n}"), chunk)?;
    }
    let started = std::time::Instant::now();
    let found = store.person_merge_suggestions(usize::MAX)?;
    let took = started.elapsed();
    eprintln!(
        "{} suggestions among {} records in {took:?}",
        found.len(),
        2 * people
    );
    assert_eq!(found.len(), people);
    assert!(found.iter().all(|s| s.rule == MergeRule::Surname));
    assert!(took.as_secs() < 30, "{took:?}");
    Ok(())
}
