//! Exports (ClaimReview, CSV, JSON), the ClaimReview rating scale, and the round trip of our own ClaimReview
//! export through fact-check import, on real SQLite files.

use std::path::Path;

use claimtrail_core::export::{
    ClaimReviewSettings, ExportFilter, ExportFormat, Publisher, RatingScale, ScaleRating,
};
use claimtrail_core::sample::sample_article;
use claimtrail_core::{extract_claims, Claim, ClaimStatus};
use claimtrail_store::{ReviewInput, Store, StoreError, TopicInput};

type TestResult = Result<(), Box<dyn std::error::Error>>;

const ARTICLE_URL: &str = "https://edition.cnn.example/2017/11/11/politics/trump-putin-apec";
const REVIEW_BASE: &str = "https://checks.example/claims/";

fn publisher() -> Publisher {
    Publisher {
        name: Some("Example Checks".into()),
        url: Some("https://checks.example".into()),
        review_base_url: Some(REVIEW_BASE.into()),
    }
}

/// A database with the sample article (given a URL) and the ClaimReview publisher set.
fn seeded(path: &Path) -> Result<Store, Box<dyn std::error::Error>> {
    let mut store = Store::open(path)?;
    store.set_actor_name(Some("dana".into()));
    let mut draft = sample_article();
    draft.url = Some(ARTICLE_URL.into());
    store.import_article(&draft, None, &extract_claims(&draft.text))?;
    store.set_claimreview_settings(ClaimReviewSettings {
        publisher: publisher(),
        ..Default::default()
    })?;
    Ok(store)
}

fn review(store: &mut Store, c: &Claim, status: ClaimStatus) -> TestResult {
    store.review_claim(
        c.id,
        ReviewInput {
            status,
            note: Some(format!("rated {status}")),
            reviewer: None,
            evidence: vec!["https://records.example/source".into()],
        },
    )?;
    Ok(())
}

/// Gives sample claims every verdict (claims by a person, by an organisation and by the outlet itself) and one
/// claim a status that is not a verdict. Returns the claims with a verdict.
fn rate_claims(store: &mut Store) -> Result<Vec<(Claim, ClaimStatus)>, Box<dyn std::error::Error>> {
    let claims = store.list_claims(&Default::default())?;
    let by = |speaker: Option<&str>, nth: usize| -> Result<Claim, String> {
        claims
            .iter()
            .filter(|c| c.speaker.as_deref() == speaker)
            .nth(nth)
            .cloned()
            .ok_or_else(|| format!("no claim {nth} by {speaker:?}"))
    };
    let rated = vec![
        (by(Some("Donald Trump"), 0)?, ClaimStatus::False),
        (by(Some("Donald Trump"), 1)?, ClaimStatus::Misleading),
        (by(Some("White House"), 0)?, ClaimStatus::Verified),
        (
            by(Some("A senior State Department official"), 0)?,
            ClaimStatus::Disputed,
        ),
        (by(None, 0)?, ClaimStatus::Unverifiable),
        (by(Some("Rex Tillerson"), 0)?, ClaimStatus::Verified),
    ];
    for (c, status) in &rated {
        // A first verdict then the final one: the export carries the last.
        review(store, c, ClaimStatus::InReview)?;
        review(store, c, *status)?;
    }
    review(store, &by(Some("Donald Trump"), 2)?, ClaimStatus::InReview)?;
    Ok(rated)
}

#[test]
fn our_claimreview_export_restores_the_same_verdicts_in_a_fresh_database() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut store = seeded(&dir.path().join("a.db"))?;
    let rated = rate_claims(&mut store)?;
    let out = dir.path().join("reviews.json");
    let report = store.export_to(
        ExportFormat::Claimreview,
        &ExportFilter::default(),
        &out,
        false,
    )?;
    assert_eq!(report.claims, rated.len());
    assert_eq!(report.bytes, std::fs::metadata(&out)?.len());
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);

    let mut fresh = Store::open(dir.path().join("b.db"))?;
    let import = fresh.import_fact_checks(std::slice::from_ref(&out));
    assert!(import.failed.is_empty(), "{:?}", import.failed);
    assert_eq!((import.added, import.merged), (rated.len(), 0));
    let fact_checks = fresh.list_fact_checks(None)?;
    assert_eq!(fact_checks.len(), rated.len());
    for (c, status) in &rated {
        let url = format!("{REVIEW_BASE}{}", c.id);
        let fc = fact_checks
            .iter()
            .find(|f| f.url.as_deref() == Some(url.as_str()))
            .ok_or_else(|| format!("no fact-check for {}", c.text))?;
        assert_eq!(fc.claim, c.text);
        let claimant = c.speaker.clone().or_else(|| Some("CNN".into()));
        assert_eq!(fc.claimant, claimant, "{}", c.text);
        assert_eq!(fc.date, chrono::NaiveDate::from_ymd_opt(2017, 11, 11));
        assert_eq!(fc.verdict, Some(*status), "{}", c.text);
        assert_eq!(fc.publisher.as_deref(), Some("Example Checks"));
        assert!(fc.review_date.is_some());
    }
    // Importing the same file again merges into the same fact-checks.
    let again = fresh.import_fact_checks(std::slice::from_ref(&out));
    assert_eq!((again.added, again.merged), (0, rated.len()));
    Ok(())
}

#[test]
fn a_custom_scale_round_trips_when_both_databases_use_it() -> TestResult {
    let scale = RatingScale {
        worst_rating: 0,
        best_rating: 10,
        ratings: vec![
            ScaleRating {
                status: ClaimStatus::Verified,
                value: Some(0),
                name: "Checks out".into(),
            },
            ScaleRating {
                status: ClaimStatus::Disputed,
                value: Some(5),
                name: "Contested".into(),
            },
            ScaleRating {
                status: ClaimStatus::Misleading,
                value: Some(7),
                name: "Missing context".into(),
            },
            ScaleRating {
                status: ClaimStatus::False,
                value: Some(10),
                name: "Wrong".into(),
            },
            ScaleRating {
                status: ClaimStatus::Unverifiable,
                value: Some(3),
                name: "Cannot say".into(),
            },
        ],
    };
    let settings = ClaimReviewSettings {
        publisher: publisher(),
        scale,
    };
    let dir = tempfile::tempdir()?;
    let mut store = seeded(&dir.path().join("a.db"))?;
    store.set_claimreview_settings(settings.clone())?;
    let rated = rate_claims(&mut store)?;
    let out = dir.path().join("reviews.jsonld");
    store.export_to(
        ExportFormat::Claimreview,
        &ExportFilter::default(),
        &out,
        false,
    )?;
    let text = std::fs::read_to_string(&out)?;
    assert!(text.contains("\"bestRating\": 10") && text.contains("\"alternateName\": \"Wrong\""));

    let mut fresh = Store::open(dir.path().join("b.db"))?;
    fresh.set_claimreview_settings(settings)?;
    fresh.import_fact_checks(std::slice::from_ref(&out));
    for (c, status) in &rated {
        let url = format!("{REVIEW_BASE}{}", c.id);
        let fc = fresh
            .list_fact_checks(None)?
            .into_iter()
            .find(|f| f.url.as_deref() == Some(url.as_str()))
            .ok_or("fact-check")?;
        assert_eq!(fc.verdict, Some(*status));
    }
    Ok(())
}

#[test]
fn filters_pick_claims_by_topic_dates_and_verdict() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut store = seeded(&dir.path().join("a.db"))?;
    let rated = rate_claims(&mut store)?;
    let all = store.list_claims(&Default::default())?;
    let dismissed = all
        .iter()
        .rev()
        .find(|c| c.status == ClaimStatus::Unreviewed)
        .ok_or("an unreviewed claim")?
        .id;
    store.set_claim_dismissed(dismissed, true)?;

    let (claims, _) = store.exported_claims(&ExportFilter::default())?;
    assert_eq!(claims.len(), all.len() - 1, "dismissed claims stay out");
    assert!(claims.iter().all(|c| c.claim.id != dismissed));
    let first = &claims[0];
    assert_eq!(first.article.url.as_deref(), Some(ARTICLE_URL));
    assert_eq!(first.date, chrono::NaiveDate::from_ymd_opt(2017, 11, 11));

    let reviewed = ExportFilter {
        reviewed_only: true,
        ..Default::default()
    };
    let (claims, _) = store.exported_claims(&reviewed)?;
    assert_eq!(claims.len(), rated.len());
    let rated_one = claims
        .iter()
        .find(|c| c.claim.id == rated[0].0.id)
        .ok_or("rated")?;
    assert_eq!(rated_one.verdicts.len(), 2);
    assert_eq!(
        rated_one.verdict().map(|r| r.status),
        Some(ClaimStatus::False)
    );
    assert_eq!(rated_one.evidence.len(), 2);

    let day = chrono::NaiveDate::from_ymd_opt(2017, 11, 11);
    let on_the_day = ExportFilter {
        since: day,
        until: day,
        ..Default::default()
    };
    assert_eq!(store.exported_claims(&on_the_day)?.0.len(), all.len() - 1);
    let later = ExportFilter {
        since: chrono::NaiveDate::from_ymd_opt(2017, 11, 12),
        ..Default::default()
    };
    assert!(store.exported_claims(&later)?.0.is_empty());
    let backwards = ExportFilter {
        since: chrono::NaiveDate::from_ymd_opt(2017, 11, 12),
        until: day,
        ..Default::default()
    };
    assert!(matches!(
        store.exported_claims(&backwards),
        Err(StoreError::Invalid(_))
    ));

    store.create_topic(TopicInput {
        name: "Syria".into(),
        keywords: vec!["Syria".into()],
        ..Default::default()
    })?;
    let (claims, resolved) = store.exported_claims(&ExportFilter {
        topic: Some("syria".into()),
        ..Default::default()
    })?;
    assert_eq!(resolved.topic.as_deref(), Some("Syria"));
    assert!(!claims.is_empty() && claims.len() < all.len() - 1);
    assert!(claims.iter().all(|c| c.topics == ["Syria"]));
    assert!(matches!(
        store.exported_claims(&ExportFilter {
            topic: Some("Nope".into()),
            ..Default::default()
        }),
        Err(StoreError::NotFound { .. })
    ));
    Ok(())
}

#[test]
fn csv_and_json_exports_hold_the_selected_claims() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut store = seeded(&dir.path().join("a.db"))?;
    let rated = rate_claims(&mut store)?;
    let total = store.list_claims(&Default::default())?.len();

    let json = dir.path().join("claims.json");
    let report = store.export_to(ExportFormat::Json, &ExportFilter::default(), &json, false)?;
    assert_eq!(report.claims, total);
    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(&json)?)?;
    assert_eq!(v["format"], "claimtrail-export");
    assert_eq!(v["claims"].as_array().map(Vec::len), Some(total));
    let c = v["claims"]
        .as_array()
        .and_then(|a| a.iter().find(|c| c["id"] == rated[0].0.id.to_string()))
        .ok_or("rated claim")?;
    assert_eq!(c["status"], "false");
    assert_eq!(c["article"]["title"], sample_article().title);
    assert_eq!(c["verdicts"].as_array().map(Vec::len), Some(2));
    assert_eq!(c["evidence"][0]["url"], "https://records.example/source");

    let csv = dir.path().join("claims.csv");
    let report = store.export_to(
        ExportFormat::Csv,
        &ExportFilter {
            reviewed_only: true,
            ..Default::default()
        },
        &csv,
        false,
    )?;
    assert_eq!(report.claims, rated.len());
    let text = std::fs::read_to_string(&csv)?;
    assert!(text.starts_with("claim_id,claim,claimant,kind,status,"));
    for (c, status) in &rated {
        let row = text
            .lines()
            .find(|l| l.starts_with(&c.id.to_string()))
            .ok_or("a row per rated claim")?;
        assert!(row.contains(&format!(",{status},")), "{row}");
    }
    Ok(())
}

fn leftovers(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.ends_with(".partial"))
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn exports_never_overwrite_by_surprise_and_leave_nothing_half_written() -> TestResult {
    let dir = tempfile::tempdir()?;
    let db = dir.path().join("a.db");
    let mut store = seeded(&db)?;
    rate_claims(&mut store)?;
    let out = dir.path().join("out.json");
    std::fs::write(&out, "keep me")?;

    let err = store
        .export_to(ExportFormat::Json, &ExportFilter::default(), &out, false)
        .err()
        .ok_or("an existing file must be refused")?;
    assert_eq!(err.code(), "file_exists");
    assert_eq!(std::fs::read_to_string(&out)?, "keep me");

    store.export_to(ExportFormat::Json, &ExportFilter::default(), &out, true)?;
    assert!(std::fs::read_to_string(&out)?.contains("claimtrail-export"));

    // The database (and its WAL) is never a destination, even with overwrite.
    for target in [db.clone(), dir.path().join("a.db-wal")] {
        let err = store
            .export_to(ExportFormat::Csv, &ExportFilter::default(), &target, true)
            .err()
            .ok_or("the database must be refused")?;
        assert_eq!(err.code(), "invalid_input", "{err}");
    }
    assert_eq!(store.integrity_check()?, "ok");

    // A folder, or a file in a folder that does not exist.
    assert!(store
        .export_to(
            ExportFormat::Csv,
            &ExportFilter::default(),
            dir.path(),
            true
        )
        .is_err());
    let missing = dir.path().join("no-such-folder").join("x.csv");
    assert!(store
        .export_to(ExportFormat::Csv, &ExportFilter::default(), &missing, false)
        .is_err());
    assert!(!dir.path().join("no-such-folder").exists());

    // ClaimReview without a publisher fails before writing: no file, no temporary file.
    store.reset_claimreview_settings()?;
    let cr = dir.path().join("reviews.json");
    let err = store
        .export_to(
            ExportFormat::Claimreview,
            &ExportFilter::default(),
            &cr,
            false,
        )
        .err()
        .ok_or("no publisher")?;
    assert_eq!(err.code(), "export_settings");
    assert!(err.to_string().contains("publisher"), "{err}");
    assert!(!cr.exists());
    assert_eq!(leftovers(dir.path()), Vec::<String>::new());
    Ok(())
}

#[test]
fn the_rating_scale_is_validated_stored_and_reset() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut store = Store::open(dir.path().join("a.db"))?;
    assert_eq!(
        store.claimreview_settings()?,
        ClaimReviewSettings::default()
    );

    let mut bad = ClaimReviewSettings::default();
    bad.scale.ratings[1].value = Some(1);
    let err = store
        .set_claimreview_settings(bad)
        .err()
        .ok_or("duplicate values must be refused")?;
    assert_eq!(err.code(), "invalid_input");
    assert!(err.to_string().contains("same rating value 1"), "{err}");
    let mut bad = ClaimReviewSettings::default();
    bad.scale.ratings[3].value = Some(9);
    assert!(store
        .set_claimreview_settings(bad)
        .err()
        .is_some_and(|e| e.to_string().contains("outside the scale")));
    assert_eq!(
        store.claimreview_settings()?,
        ClaimReviewSettings::default()
    );

    let mut good = ClaimReviewSettings {
        publisher: publisher(),
        ..Default::default()
    };
    good.publisher.name = Some("  Example Checks ".into());
    let saved = store.set_claimreview_settings(good)?;
    assert_eq!(saved.publisher.name.as_deref(), Some("Example Checks"));
    drop(store);
    let mut store = Store::open(dir.path().join("a.db"))?;
    assert_eq!(store.claimreview_settings()?, saved);
    assert!(store
        .history(Some("claimreview"), 10)?
        .iter()
        .any(|h| h.entity == "setting"));
    assert_eq!(
        store.reset_claimreview_settings()?,
        ClaimReviewSettings::default()
    );
    assert_eq!(
        store.claimreview_settings()?,
        ClaimReviewSettings::default()
    );
    Ok(())
}

#[test]
fn fact_checks_stored_before_verdicts_existed_upgrade_and_fill_on_reimport() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("old.db");
    {
        // The schema just before the verdict column.
        let mut conn = rusqlite::Connection::open(&path)?;
        claimtrail_store::db::migrations()?
            .to_version(&mut conn, claimtrail_store::db::latest_version() - 1)?;
        conn.execute(
            "INSERT INTO fact_check (id, source, claim, rating, url, merge_key, imported_at, updated_at)
             VALUES ('0190a000-0000-7000-8000-000000000001', 'claimreview', 'The dam was finished in 1998.',
                     'Pants on Fire!', 'https://checks.example/dam', 'the dam was finished in 1998|',
                     '2024-03-05T10:00:00.000Z', '2024-03-05T10:00:00.000Z')",
            [],
        )?;
    }
    let mut store = Store::open(&path)?;
    let old = store.list_fact_checks(None)?;
    assert_eq!(old.len(), 1);
    assert_eq!(old[0].rating.as_deref(), Some("Pants on Fire!"));
    assert_eq!(old[0].verdict, None);

    let file = dir.path().join("again.json");
    std::fs::write(
        &file,
        r#"{"@context": "https://schema.org", "@type": "ClaimReview", "url": "https://checks.example/dam",
            "claimReviewed": "The dam was finished in 1998.",
            "reviewRating": {"@type": "Rating", "alternateName": "Pants on Fire!"}}"#,
    )?;
    let report = store.import_fact_checks(&[file]);
    assert_eq!((report.added, report.merged), (0, 1));
    assert_eq!(
        store.list_fact_checks(None)?[0].verdict,
        Some(ClaimStatus::False)
    );
    Ok(())
}
