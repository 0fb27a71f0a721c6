//! The command layer through Tauri's IPC (tauri::test): no window, display or D-Bus needed.

use serde::de::DeserializeOwned;
use serde_json::{json, Value};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{
    get_ipc_response, mock_builder, mock_context, noop_assets, MockRuntime, INVOKE_KEY,
};
use tauri::webview::InvokeRequest;
use tauri::{Listener, Manager, WebviewWindow};

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use claimtrail_app_lib::commands::backup::{BackupFile, BackupStatus, RestoreResult};
use claimtrail_app_lib::dto::{
    ArticleView, ClaimDetail, FirstScreen, ImportSummary, LibraryArticle, QueueResult,
};
use claimtrail_app_lib::jobs;
use claimtrail_app_lib::settings::Settings;
use claimtrail_app_lib::{AppError, AppState};
use claimtrail_core::{Claim, Review};

type TestResult = Result<(), Box<dyn std::error::Error>>;

struct Harness {
    dir: tempfile::TempDir,
    _app: tauri::App<MockRuntime>,
    webview: WebviewWindow<MockRuntime>,
    /// `links://done` events seen (only with the background worker running).
    links_done: Arc<AtomicUsize>,
    /// `scores://done` events seen.
    scores_done: Arc<AtomicUsize>,
    /// The last `links://progress` event seen.
    last_progress: Arc<Mutex<Option<Value>>>,
}

fn harness() -> Result<Harness, Box<dyn std::error::Error>> {
    build_harness(false)
}

/// A harness whose app runs the background worker (links, then scores), as the real app does.
fn harness_with_link_worker() -> Result<Harness, Box<dyn std::error::Error>> {
    build_harness(true)
}

fn build_harness(link_worker: bool) -> Result<Harness, Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let state = AppState::with_database(&dir.path().join("config"), &dir.path().join("t.db"))?;
    let app = claimtrail_app_lib::with_commands(mock_builder())
        .manage(state.clone())
        .build(mock_context(noop_assets()))?;
    let links_done = Arc::new(AtomicUsize::new(0));
    let last_progress = Arc::new(Mutex::new(None));
    let scores_done = Arc::new(AtomicUsize::new(0));
    for (done_event, progress_event, done, last) in [
        (
            jobs::LINKS_DONE,
            jobs::LINKS_PROGRESS,
            &links_done,
            &last_progress,
        ),
        (
            jobs::SCORES_DONE,
            jobs::SCORES_PROGRESS,
            &scores_done,
            &Arc::new(Mutex::new(None)),
        ),
    ] {
        let done = Arc::clone(done);
        app.listen_any(done_event, move |_| {
            done.fetch_add(1, Ordering::SeqCst);
        });
        let last = Arc::clone(last);
        app.listen_any(progress_event, move |e| {
            if let Ok(mut last) = last.lock() {
                *last = serde_json::from_str(e.payload()).ok();
            }
        });
    }
    if link_worker {
        // The real app's binary scores, in its own process, as in the app.
        let scorer = jobs::ScorerCommand::app_binary(env!("CARGO_BIN_EXE_claimtrail-app").into());
        jobs::start(app.handle().clone(), state, scorer);
    }
    let webview = tauri::WebviewWindowBuilder::new(&app, "main", Default::default()).build()?;
    Ok(Harness {
        dir,
        _app: app,
        webview,
        links_done,
        last_progress,
        scores_done,
    })
}

impl Harness {
    fn call<T: DeserializeOwned>(&self, cmd: &str, args: Value) -> Result<T, AppErrorOrOther> {
        let res = get_ipc_response(
            &self.webview,
            InvokeRequest {
                cmd: cmd.into(),
                callback: CallbackFn(0),
                error: CallbackFn(1),
                url: "tauri://localhost"
                    .parse()
                    .map_err(|_| AppErrorOrOther::Other("url".into()))?,
                body: InvokeBody::Json(args),
                headers: Default::default(),
                invoke_key: INVOKE_KEY.to_string(),
            },
        );
        match res {
            Ok(body) => body
                .deserialize()
                .map_err(|e| AppErrorOrOther::Other(e.to_string())),
            Err(v) => Err(match serde_json::from_value::<Value>(v.clone()) {
                Ok(Value::Object(m)) if m.contains_key("code") => {
                    AppErrorOrOther::App(AppError::new(
                        m["code"].as_str().unwrap_or_default(),
                        m["message"].as_str().unwrap_or_default(),
                    ))
                }
                _ => AppErrorOrOther::Other(v.to_string()),
            }),
        }
    }
}

impl Harness {
    /// Waits until the link worker has emptied the queue and said so (`links://done`), without any user action.
    fn wait_for_links(&self, done_before: usize) -> Result<(), Box<dyn std::error::Error>> {
        let deadline = Instant::now() + Duration::from_secs(120);
        loop {
            let pending: u32 = self.call("pending_links", json!({}))?;
            let progress: Option<Value> = self.call("link_progress", json!({}))?;
            if pending == 0
                && progress.is_none()
                && self.links_done.load(Ordering::SeqCst) > done_before
            {
                return Ok(());
            }
            if Instant::now() > deadline {
                return Err(format!("link queue not drained: {pending} pending").into());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Harness {
    /// Waits until the worker has emptied the score queue and said so (`scores://done`).
    fn wait_for_scores(&self, done_before: usize) -> Result<(), Box<dyn std::error::Error>> {
        let deadline = Instant::now() + Duration::from_secs(300);
        loop {
            let pending: u32 = self.call("pending_scores", json!({}))?;
            let progress: Option<Value> = self.call("score_progress", json!({}))?;
            if pending == 0
                && progress.is_none()
                && self.scores_done.load(Ordering::SeqCst) > done_before
            {
                return Ok(());
            }
            if Instant::now() > deadline {
                return Err(format!("score queue not drained: {pending} pending").into());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

#[derive(Debug)]
enum AppErrorOrOther {
    App(AppError),
    Other(String),
}

impl std::fmt::Display for AppErrorOrOther {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            AppErrorOrOther::App(e) => write!(f, "{e}"),
            AppErrorOrOther::Other(s) => f.write_str(s),
        }
    }
}

impl std::error::Error for AppErrorOrOther {}

const TEXT: &str = "Transit budget approved\n\nThe council approved a budget of $48 million on Tuesday, officials said.\n\n\
\"We will add 120 buses by spring,\" Mayor Ana Ruiz said.\n";

#[test]
fn import_review_undo_and_evidence_through_ipc() -> TestResult {
    let h = harness()?;
    let s: Settings = h.call(
        "save_settings",
        json!({ "settings": { "reviewer": "Test Reviewer", "database": null, "theme": "dark" } }),
    )?;
    assert_eq!(s.reviewer.as_deref(), Some("Test Reviewer"));

    let summary: ImportSummary = h.call("import_text", json!({ "text": TEXT, "title": null }))?;
    assert_eq!(summary.imported, 1);
    let article_id = summary.items[0].article_id.ok_or("no article id")?;
    let again: ImportSummary = h.call("import_text", json!({ "text": TEXT, "title": null }))?;
    assert_eq!(again.duplicates, 1);

    let view: ArticleView = h.call("get_article", json!({ "id": article_id.to_string() }))?;
    let start = view
        .article
        .text
        .chars()
        .position(|c| c == 'T')
        .ok_or("no T")?;
    let claim: Claim = h.call(
        "add_claim",
        json!({ "input": { "article_id": article_id, "start": start, "end": start + 23, "kind": "statement", "claimant": null } }),
    )?;
    assert!(claim.manual);
    assert_eq!(claim.text, "Transit budget approved");

    let queue: QueueResult = h.call(
        "queue",
        json!({ "query": { "status": null, "any_status": false, "outlet": null, "claimant": null,
                           "date_from": null, "date_to": null, "limit": 50, "offset": 0 } }),
    )?;
    assert!(queue.items.iter().any(|i| i.claim.id == claim.id));

    let review: Review = h.call(
        "review_claim",
        json!({ "input": { "claim_id": claim.id, "status": "false", "note": "no such vote" } }),
    )?;
    assert_eq!(review.reviewer.as_deref(), Some("Test Reviewer"));
    let _: Value = h.call(
        "add_evidence",
        json!({ "claimId": claim.id.to_string(), "text": "https://example.org/x", "note": null }),
    )?;
    let _: Review = h.call("undo_review", json!({ "reviewId": review.id.to_string() }))?;

    let detail: ClaimDetail = h.call("get_claim", json!({ "id": claim.id.to_string() }))?;
    assert_eq!(
        detail.claim.status,
        claimtrail_core::ClaimStatus::Unreviewed
    );
    assert_eq!(detail.reviews.len(), 2);
    assert_eq!(
        detail.evidence[0].url.as_deref(),
        Some("https://example.org/x")
    );
    assert!(!detail.history.is_empty());

    let library: Vec<LibraryArticle> = h.call("list_articles", json!({}))?;
    assert_eq!(library.len(), 1);
    // The Library's first screen (a page) carries the same rows and counts as the whole list.
    let page: Vec<LibraryArticle> = h.call("list_articles", json!({ "limit": 60 }))?;
    assert_eq!(page, library);
    assert!(page[0].by_status.values().sum::<u32>() > 0);
    let none: Vec<LibraryArticle> = h.call("list_articles", json!({ "limit": 0 }))?;
    assert!(none.is_empty());
    Ok(())
}

#[test]
fn errors_reach_the_ui_as_code_and_message() -> TestResult {
    let h = harness()?;
    match h.call::<Value>("get_claim", json!({ "id": "not-an-id" })) {
        Err(AppErrorOrOther::App(e)) => assert_eq!(e.code, "invalid_input"),
        other => panic!("expected an invalid_input error, got {other:?}"),
    }
    match h.call::<Value>(
        "get_article",
        json!({ "id": "6f1c1f7e-0000-4000-8000-000000000000" }),
    ) {
        Err(AppErrorOrOther::App(e)) => assert_eq!(e.code, "not_found"),
        other => panic!("expected not_found, got {other:?}"),
    }
    match h.call::<Value>("import_url", json!({ "url": "file:///etc/passwd" })) {
        Err(AppErrorOrOther::App(e)) => assert_eq!(e.code, "bad_url"),
        other => panic!("expected bad_url, got {other:?}"),
    }
    match h.call::<Value>("import_url", json!({ "url": "http://127.0.0.1:9/admin" })) {
        Err(AppErrorOrOther::App(e)) => assert_eq!(e.code, "local_address"),
        other => panic!("expected local_address, got {other:?}"),
    }
    Ok(())
}

/// The rows handed to the page before it runs are the rows the Library would ask for.
#[test]
fn the_first_screen_handed_to_the_page_is_the_librarys_first_rows() -> TestResult {
    let h = harness()?;
    let state = h._app.state::<AppState>().inner().clone();
    assert_eq!(
        claimtrail_app_lib::first_screen_script(&state),
        r#"window.__CLAIMTRAIL_FIRST_SCREEN__ = {"limit":60,"rows":[]};"#
    );
    let _: ImportSummary = h.call("load_sample", json!({}))?;
    let _: ImportSummary = h.call(
        "import_text",
        json!({ "text": "The mayor said the bridge would reopen in May.", "title": "A \"quoted\" title</script>" }),
    )?;
    let script = claimtrail_app_lib::first_screen_script(&state);
    let json = script
        .strip_prefix("window.__CLAIMTRAIL_FIRST_SCREEN__ = ")
        .and_then(|s| s.strip_suffix(';'))
        .ok_or("the script assigns one JSON value")?;
    let handed: FirstScreen = serde_json::from_str(json)?;
    let asked: Vec<LibraryArticle> = h.call("list_articles", json!({ "limit": 60 }))?;
    assert_eq!(handed.limit, claimtrail_app_lib::FIRST_SCREEN_ROWS);
    assert_eq!(handed.rows.len(), 2);
    assert_eq!(handed.rows, asked);
    Ok(())
}

#[test]
fn sample_loads_once_and_is_searchable() -> TestResult {
    let h = harness()?;
    let first: ImportSummary = h.call("load_sample", json!({}))?;
    assert_eq!(first.imported, 1);
    let second: ImportSummary = h.call("load_sample", json!({}))?;
    assert_eq!(second.duplicates, 1);
    let hits: Vec<claimtrail_core::SearchHit> =
        h.call("search", json!({ "query": "Putin", "limit": 10 }))?;
    assert!(!hits.is_empty());
    Ok(())
}

#[test]
fn repeated_claims_are_linked_confirmed_and_alerted_through_ipc() -> TestResult {
    let h = harness_with_link_worker()?;
    let dir = tempfile::tempdir()?;
    let first = dir.path().join("first.jsonl");
    std::fs::write(
        &first,
        json!({ "title": "Harbour bridge to reopen in May", "date": "2021-03-01", "source": "Coast Wire",
                "text": "Mayor Lena Ortiz said on Monday that the harbour bridge will reopen in May after repairs costing $3 million." })
        .to_string(),
    )?;
    let second = dir.path().join("second.jsonl");
    std::fs::write(
        &second,
        json!({ "title": "Council questions bridge timetable", "date": "2021-04-10", "source": "Harbour Gazette",
                "text": "The harbour bridge will reopen in May once $3 million of repairs are finished, Mayor Lena Ortiz told the council on Tuesday." })
        .to_string(),
    )?;
    let a: ImportSummary = h.call("import_files", json!({ "paths": [first] }))?;
    let a_id = a.items[0].article_id.ok_or("no article id")?;
    let earlier: ArticleView = h.call("get_article", json!({ "id": a_id.to_string() }))?;
    let earlier = earlier
        .claims
        .first()
        .ok_or("no claim in the first article")?;
    let _: Review = h.call(
        "review_claim",
        json!({ "input": { "claim_id": earlier.id, "status": "false", "note": null } }),
    )?;
    let done_before = h.links_done.load(Ordering::SeqCst);
    let b: ImportSummary = h.call("import_files", json!({ "paths": [second] }))?;
    let b_id = b.items[0].article_id.ok_or("no article id")?;
    // The import returns at once; the background worker links the new claims and says when it is done.
    h.wait_for_links(done_before)?;
    let last = h
        .last_progress
        .lock()
        .map_err(|_| "poisoned")?
        .clone()
        .ok_or("no links://progress event")?;
    assert_eq!(last["done"], last["total"], "{last}");
    let later: ArticleView = h.call("get_article", json!({ "id": b_id.to_string() }))?;
    let later = later
        .claims
        .first()
        .ok_or("no claim in the second article")?;

    let alerts: Value = h.call("alerts", json!({}))?;
    assert_eq!(alerts.as_array().map(Vec::len), Some(1), "{alerts}");
    assert_eq!(alerts[0]["rating"], "false");

    let links: Value = h.call("claim_links", json!({ "id": later.id.to_string() }))?;
    let link = &links["links"][0];
    assert_eq!(link["kind"], "repeats", "{links}");
    assert_eq!(link["state"], "suggested");
    assert_eq!(link["other"]["id"], earlier.id.to_string());

    let link_id = link["id"].as_str().ok_or("no link id")?;
    let change: Value = h.call(
        "set_link_state",
        json!({ "id": link_id, "linkState": "confirmed", "kind": null }),
    )?;
    assert_eq!(change["state"], "confirmed");
    let links: Value = h.call("claim_links", json!({ "id": later.id.to_string() }))?;
    assert_eq!(links["verdicts"][0]["rating"], "false", "{links}");
    assert_eq!(
        links["storyline"]["appearances"].as_array().map(Vec::len),
        Some(2)
    );

    let _: Value = h.call(
        "dismiss_alert",
        json!({ "id": alerts[0]["id"].as_str().ok_or("no alert id")? }),
    )?;
    let alerts: Value = h.call("alerts", json!({}))?;
    assert_eq!(alerts.as_array().map(Vec::len), Some(0));

    let settings: Value = h.call(
        "save_link_settings",
        json!({ "settings": { "threshold": 0.7, "window_days": 30 } }),
    )?;
    assert_eq!(settings["window_days"], 30);
    match h.call::<Value>(
        "save_link_settings",
        json!({ "settings": { "threshold": 1.5, "window_days": null } }),
    ) {
        Err(AppErrorOrOther::App(e)) => assert_eq!(e.code, "invalid_input"),
        other => panic!("expected invalid_input, got {other:?}"),
    }
    Ok(())
}

const SYRIA_TEXT: &str = "Ceasefire talks resume\n\n\
Foreign minister Lena Holm said on Monday that the ceasefire in Syria would hold until March.\n\n\
\"We will reopen the northern crossing next week,\" Holm told reporters in Geneva.\n";

#[test]
fn topics_gather_sample_claims_on_a_dated_timeline() -> TestResult {
    use claimtrail_app_lib::commands::topics::TopicSaved;
    use claimtrail_core::topic::{Timeline, TopicSuggestion, TopicSummary};

    let h = harness()?;
    let _: ImportSummary = h.call("load_sample", json!({}))?;
    // Suggestions work on a fresh library (whatever they propose).
    let _: Vec<TopicSuggestion> = h.call("suggest_topics", json!({}))?;

    let saved: TopicSaved = h.call(
        "create_topic",
        json!({ "input": { "name": "Syria", "description": "The war and the talks", "keywords": ["Syria"], "entities": [] } }),
    )?;
    assert!(
        saved.added >= 3,
        "sample claims about Syria join: {}",
        saved.added
    );
    let topic_id = saved.topic.id.to_string();
    match h.call::<Value>(
        "create_topic",
        json!({ "input": { "name": "syria", "description": "", "keywords": [], "entities": [] } }),
    ) {
        Err(AppErrorOrOther::App(e)) => assert_ne!(e.code, "internal"),
        other => panic!("a second topic of the same name must fail, got {other:?}"),
    }

    // A later article (no publication date: dated by its import day) joins on import.
    let later: ImportSummary =
        h.call("import_text", json!({ "text": SYRIA_TEXT, "title": null }))?;
    let later_article = later.items[0].article_id.ok_or("no article id")?;

    let topics: Vec<TopicSummary> = h.call("list_topics", json!({}))?;
    assert_eq!(topics.len(), 1);
    assert_eq!(topics[0].topic.name, "Syria");

    let tl: Timeline = h.call(
        "topic_timeline",
        json!({ "topic": topic_id, "query": null }),
    )?;
    assert_eq!(tl.total as usize, tl.claims.len());
    assert_eq!(topics[0].claims as usize, tl.claims.len());
    assert!(
        tl.claims.windows(2).all(|w| w[0].date <= w[1].date),
        "timeline in date order"
    );
    let first = tl.claims.first().ok_or("empty timeline")?;
    assert_eq!(first.date.to_string(), "2017-11-11");
    assert!(first.dated);
    assert!(tl
        .claims
        .iter()
        .all(|c| c.text.to_lowercase().contains("syria")));
    let lane_sizes: usize = tl.claimants.iter().map(|g| g.entries.len()).sum();
    assert_eq!(
        lane_sizes,
        tl.claims.len(),
        "claimant lanes hold every claim once"
    );
    let last = tl.claims.last().ok_or("empty timeline")?;
    if last.article_id == later_article {
        assert!(!last.dated);
        assert!(last.date > first.date);
    }

    // A claim joins by hand, and leaves by hand.
    let view: ArticleView = h.call("get_article", json!({ "id": later_article.to_string() }))?;
    let other = view
        .claims
        .iter()
        .find(|c| !c.text.to_lowercase().contains("syria"))
        .ok_or("the later article has a claim not about Syria")?;
    let _: Value = h.call(
        "assign_topic_claim",
        json!({ "topic": topic_id, "claimId": other.id.to_string() }),
    )?;
    let tl: Timeline = h.call(
        "topic_timeline",
        json!({ "topic": topic_id, "query": null }),
    )?;
    let entry = tl
        .claims
        .iter()
        .find(|c| c.claim_id == other.id)
        .ok_or("claim added by hand is on the timeline")?;
    assert_eq!(entry.source, claimtrail_core::topic::AssignSource::Manual);
    let was: bool = h.call(
        "unassign_topic_claim",
        json!({ "topic": topic_id, "claimId": other.id.to_string() }),
    )?;
    assert!(was);

    // Filters: a verdict, then only that status.
    let rated = tl.claims[0].claim_id;
    let _: Review = h.call(
        "review_claim",
        json!({ "input": { "claim_id": rated, "status": "misleading", "note": null } }),
    )?;
    let only: Timeline = h.call(
        "topic_timeline",
        json!({ "topic": topic_id, "query": { "statuses": ["misleading"] } }),
    )?;
    assert_eq!(only.claims.len(), 1);
    assert_eq!(only.claims[0].claim_id, rated);
    assert!(only.total as usize > only.claims.len());
    let dated: Timeline = h.call(
        "topic_timeline",
        json!({ "topic": topic_id, "query": { "from": "2017-11-11", "to": "2017-11-11" } }),
    )?;
    assert!(dated
        .claims
        .iter()
        .all(|c| c.date.to_string() == "2017-11-11"));
    match h.call::<Value>(
        "topic_timeline",
        json!({ "topic": topic_id, "query": { "from": "2018-01-02", "to": "2018-01-01" } }),
    ) {
        Err(AppErrorOrOther::App(e)) => assert_eq!(e.code, "invalid_input"),
        other => panic!("expected invalid_input for a reversed range, got {other:?}"),
    }
    let topics: Vec<TopicSummary> = h.call("list_topics", json!({}))?;
    assert_eq!(topics[0].verdicts.misleading, 1);

    // Rename keeps the claims; delete removes the topic.
    let renamed: TopicSaved = h.call(
        "edit_topic",
        json!({ "topic": topic_id, "edit": { "name": "Syria war" } }),
    )?;
    assert_eq!(renamed.topic.name, "Syria war");
    let _: Value = h.call("delete_topic", json!({ "topic": topic_id }))?;
    let topics: Vec<TopicSummary> = h.call("list_topics", json!({}))?;
    assert!(topics.is_empty());
    match h.call::<Value>(
        "topic_timeline",
        json!({ "topic": topic_id, "query": null }),
    ) {
        Err(AppErrorOrOther::App(e)) => assert_eq!(e.code, "not_found"),
        other => panic!("expected not_found, got {other:?}"),
    }
    Ok(())
}

#[test]
fn a_suggestion_becomes_a_topic_in_one_call() -> TestResult {
    use claimtrail_app_lib::commands::topics::TopicSaved;
    use claimtrail_core::topic::TopicSummary;

    let h = harness()?;
    let _: ImportSummary = h.call("import_text", json!({ "text": SYRIA_TEXT, "title": null }))?;
    let saved: TopicSaved = h.call(
        "create_suggested_topic",
        json!({ "suggestion": { "name": "Ceasefire", "keywords": ["ceasefire"], "entities": [],
                                 "claims": 1, "articles": 1, "linked": 0, "sample": [] } }),
    )?;
    assert_eq!(saved.topic.name, "Ceasefire");
    assert_eq!(saved.topic.keywords, vec!["ceasefire".to_string()]);
    assert_eq!(
        saved.topic.description,
        "Suggested from 1 claim in 1 article."
    );
    assert!(saved.added >= 1, "the ceasefire claim joins");
    let topics: Vec<TopicSummary> = h.call("list_topics", json!({}))?;
    assert_eq!(topics.len(), 1);
    assert_eq!(topics[0].claims, saved.added);
    Ok(())
}

#[test]
fn backups_are_scheduled_taken_listed_and_restored_through_ipc() -> TestResult {
    let h = harness()?;
    let empty: BackupStatus = h.call("backup_status", json!({}))?;
    assert_eq!(empty.every_hours, None);
    assert!(empty.recent.is_empty());

    let _: ImportSummary = h.call("import_text", json!({ "text": TEXT, "title": null }))?;
    // Turning the schedule on takes the first scheduled backup at once.
    let on: BackupStatus = h.call("set_backup_schedule", json!({ "everyHours": 24 }))?;
    assert_eq!(on.every_hours, Some(24));
    assert_eq!(on.recent.len(), 1);
    assert_eq!(on.recent[0].kind, "scheduled");
    assert!(on.recent[0].taken_at.is_some());
    assert!(std::path::Path::new(&on.recent[0].path).is_file());
    let bad = h.call::<BackupStatus>("set_backup_schedule", json!({ "everyHours": 100000 }));
    assert!(matches!(bad, Err(AppErrorOrOther::App(ref e)) if e.code == "invalid_input"));

    let out = h.dir.path().join("chosen").join("copy.db");
    let copy: BackupFile = h.call("backup_now", json!({ "path": out.display().to_string() }))?;
    assert_eq!(copy.kind, "manual");
    assert!(copy.bytes > 0 && out.is_file());

    // Something changes after the backup; restoring the copy brings back the state it holds.
    let _: ImportSummary = h.call(
        "import_text",
        json!({ "text": "The port reopened on Friday after a 12-day strike, the union said.", "title": null }),
    )?;
    let before: Vec<LibraryArticle> = h.call("list_articles", json!({}))?;
    assert_eq!(before.len(), 2);
    let restored: RestoreResult = h.call(
        "restore_backup",
        json!({ "path": out.display().to_string() }),
    )?;
    assert!(std::path::Path::new(&restored.previous_saved_to).is_file());
    let after: Vec<LibraryArticle> = h.call("list_articles", json!({}))?;
    assert_eq!(after.len(), 1);
    let listed: BackupStatus = h.call("backup_status", json!({}))?;
    assert!(listed.recent.iter().any(|b| b.kind == "pre_restore"));

    let missing = h.call::<RestoreResult>("restore_backup", json!({ "path": "" }));
    assert!(matches!(missing, Err(AppErrorOrOther::App(ref e)) if e.code == "invalid_input"));
    Ok(())
}

#[test]
fn claims_export_and_the_rating_scale_through_ipc() -> TestResult {
    use claimtrail_core::export::ClaimReviewSettings;
    use claimtrail_store::ExportReport;

    let h = harness()?;
    let sample: ImportSummary = h.call("load_sample", json!({}))?;
    let article_id = sample.items[0].article_id.ok_or("no article id")?;
    let view: ArticleView = h.call("get_article", json!({ "id": article_id.to_string() }))?;
    for (c, status) in view.claims.iter().zip(["false", "verified"]) {
        let _: Review = h.call(
            "review_claim",
            json!({ "input": { "claim_id": c.id, "status": status, "note": null } }),
        )?;
    }
    let dir = tempfile::tempdir()?;
    let out = dir.path().join("reviews.json");
    let export = |overwrite: bool| {
        h.call::<ExportReport>(
            "export_claims",
            json!({ "input": { "format": "claimreview", "path": out.to_string_lossy(), "overwrite": overwrite,
                               "filter": { "topic": null, "since": null, "until": null, "reviewed_only": false } } }),
        )
    };
    match export(false) {
        Err(AppErrorOrOther::App(e)) => assert_eq!(e.code, "export_settings", "{e}"),
        other => panic!("expected export_settings, got {other:?}"),
    }
    assert!(!out.exists());

    let mut settings: ClaimReviewSettings = h.call("claimreview_settings", json!({}))?;
    settings.scale.ratings[1].value = settings.scale.ratings[0].value;
    match h
        .call::<ClaimReviewSettings>("save_claimreview_settings", json!({ "settings": settings }))
    {
        Err(AppErrorOrOther::App(e)) => {
            assert_eq!(e.code, "invalid_input");
            assert!(e.message.contains("same rating value"), "{e}");
        }
        other => panic!("expected invalid_input, got {other:?}"),
    }
    let mut settings = ClaimReviewSettings::default();
    settings.publisher.name = Some("Example Checks".into());
    settings.publisher.review_base_url = Some("https://checks.example/claims/".into());
    let saved: ClaimReviewSettings =
        h.call("save_claimreview_settings", json!({ "settings": settings }))?;
    assert_eq!(saved.publisher.name.as_deref(), Some("Example Checks"));

    let report = export(false)?;
    assert_eq!(report.claims, 2);
    assert_eq!(report.path, out);
    assert!(std::fs::read_to_string(&out)?.contains("\"ClaimReview\""));
    match export(false) {
        Err(AppErrorOrOther::App(e)) => assert_eq!(e.code, "file_exists"),
        other => panic!("expected file_exists, got {other:?}"),
    }
    assert_eq!(export(true)?.claims, 2);

    let reset: ClaimReviewSettings = h.call("reset_claimreview_settings", json!({}))?;
    assert_eq!(reset, ClaimReviewSettings::default());
    Ok(())
}

#[test]
fn imported_claims_are_rescored_in_the_background_and_the_queue_follows() -> TestResult {
    let h = harness_with_link_worker()?;
    let dir = tempfile::tempdir()?;
    let file = dir.path().join("dam.jsonl");
    std::fs::write(
        &file,
        json!({ "title": "Dam repairs", "date": "2022-06-01", "source": "Valley Echo",
                "text": "Engineer Pia Holm said the Skarn dam lost 12 percent of its capacity since 2010.\n\n\
                         The repairs will cost 48 million crowns, the water board said on Friday.\n\n\
                         Holm thanked the crews for their hard work this winter.\n\n\
                         Board chair Ole Brekk said the reservoir supplies 90,000 homes." })
        .to_string(),
    )?;
    let scores_before = h.scores_done.load(Ordering::SeqCst);
    let summary: ImportSummary = h.call("import_files", json!({ "paths": [file] }))?;
    let article_id = summary.items[0].article_id.ok_or("no article id")?;
    // The import returns with the linear model's scores; the worker's encoder process scores and embeds the
    // new claims as it links them, and says so with `scores://done`.
    h.wait_for_scores(scores_before)?;
    let last = h
        .last_progress
        .lock()
        .map_err(|_| "poisoned")?
        .clone()
        .ok_or("no links://progress event")?;
    assert_eq!(last["done"], last["total"], "{last}");
    let pending_links: u32 = h.call("pending_links", json!({}))?;
    assert_eq!(pending_links, 0, "links were drained first");

    let article: ArticleView = h.call("get_article", json!({ "id": article_id.to_string() }))?;
    assert!(article.claims.len() >= 2, "{:?}", article.claims);
    let texts: Vec<&str> = article.claims.iter().map(|c| c.text.as_str()).collect();
    let expected = claimtrail_encoder::score(&texts)?;
    for (c, e) in article.claims.iter().zip(&expected) {
        assert!(
            (c.checkworthiness - f64::from(*e)).abs() < 1.5e-4,
            "{}: stored {}, encoder {e}",
            c.text,
            c.checkworthiness
        );
    }
    // The review queue is ordered by the new scores.
    let queue: QueueResult = h.call(
        "queue",
        json!({ "query": { "status": null, "any_status": false, "outlet": null, "claimant": null,
                           "date_from": null, "date_to": null, "limit": 50, "offset": 0 } }),
    )?;
    let order: Vec<f64> = queue
        .items
        .iter()
        .map(|i| i.claim.checkworthiness)
        .collect();
    assert!(order.windows(2).all(|w| w[0] >= w[1]), "{order:?}");
    assert_eq!(order.len(), article.claims.len());
    // Each claim got its sentence embedding with its score, which linking compares.
    let store = claimtrail_store::Store::open(h.dir.path().join("t.db"))?;
    assert_eq!(store.count_claim_embeddings()?, article.claims.len());
    Ok(())
}

#[test]
fn imported_fact_checks_are_embedded_in_the_background() -> TestResult {
    let h = harness_with_link_worker()?;
    let file = h.dir.path().join("checks.tsv");
    std::fs::write(
        &file,
        "vclaim_id\tdate\tspeaker\tverdict\tvclaim\ttitle\n\
         vc-1\t2022-05-02\tOle Brekk\tfalse\tThe Skarn reservoir supplies 200,000 homes.\tReservoir\n\
         vc-2\t2022-05-03\tPia Holm\ttrue\tThe dam repairs will cost 48 million crowns.\tRepairs\n",
    )?;
    let report: Value = h.call("import_fact_checks", json!({ "paths": [file] }))?;
    assert_eq!(report["added"], 2, "{report}");
    let store = claimtrail_store::Store::open(h.dir.path().join("t.db"))?;
    let deadline = Instant::now() + Duration::from_secs(120);
    while store.count_fact_check_embeddings()? < 2 {
        assert!(Instant::now() < deadline, "fact-checks were not embedded");
        std::thread::sleep(Duration::from_millis(100));
    }
    assert!(store.fact_checks_to_embed(10)?.is_empty());
    Ok(())
}

#[test]
fn person_merge_suggestions_are_merged_or_dismissed_through_ipc() -> TestResult {
    let h = harness()?;
    for text in [
        "Mayor Elena Varga said on Monday that the city will hire 300 new teachers by September.\n",
        "Varga said the harbour tunnel would open in 2027, two years late.\n",
    ] {
        let _: ImportSummary = h.call("import_text", json!({ "text": text, "title": null }))?;
    }
    let found: Value = h.call("person_merge_suggestions", json!({ "limit": null }))?;
    assert_eq!(found.as_array().map(Vec::len), Some(1), "{found}");
    let s = &found[0];
    assert_eq!(
        (&s["merge"]["name"], &s["keep"]["name"]),
        (&json!("Varga"), &json!("Elena Varga"))
    );
    assert_eq!(
        (&s["rule"], &s["reason"]),
        (&json!("surname"), &json!("same surname"))
    );
    assert_eq!(
        (&s["merge_claims"], &s["keep_claims"]),
        (&json!(1), &json!(1))
    );
    let (keep, merge) = (s["keep"]["id"].clone(), s["merge"]["id"].clone());

    // "Not the same", then Undo.
    let _: () = h.call("dismiss_person_merge", json!({ "a": merge, "b": keep }))?;
    let none: Value = h.call("person_merge_suggestions", json!({}))?;
    assert_eq!(none, json!([]));
    let _: () = h.call("restore_person_merge", json!({ "a": merge, "b": keep }))?;
    let back: Value = h.call("person_merge_suggestions", json!({}))?;
    assert_eq!(back, found);

    // Accepting it is a merge: the suggestion is gone.
    let _: Value = h.call("merge_people", json!({ "into": keep, "from": merge }))?;
    let after: Value = h.call("person_merge_suggestions", json!({}))?;
    assert_eq!(after, json!([]));
    match h.call::<()>(
        "dismiss_person_merge",
        json!({ "a": "not-an-id", "b": keep }),
    ) {
        Err(AppErrorOrOther::App(e)) => assert_eq!(e.code, "invalid_input"),
        other => panic!("expected invalid_input, got {other:?}"),
    }
    Ok(())
}
