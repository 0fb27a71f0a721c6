//! The library: listing, reading and importing articles (files, drops, pasted text, URLs, the sample). An
//! import stores its articles and returns; the link worker then suggests links for their claims.

use std::collections::BTreeMap;
use std::path::PathBuf;

use tauri::{AppHandle, Emitter, Runtime, State};

use claimtrail_core::ingest::{IngestOptions, MetadataOverrides};
use claimtrail_core::{extract_claims, sample::sample_article};
use claimtrail_store::{ClaimFilter, ImportOutcome};

use crate::dto::{ArticleView, ImportItem, ImportProgressEvent, ImportSummary, LibraryArticle};
use crate::error::{AppError, AppResult};
use crate::fetch;
use crate::state::AppState;

/// Name of the event that reports batch import progress.
pub const IMPORT_PROGRESS: &str = "import-progress";

/// Articles with claim counts by status, newest first: the first `limit` of them, or all. (At start-up the
/// Library asks for its first screen, then for the rest: on a large library the whole list takes a few hundred
/// milliseconds, a screenful a few.)
#[tauri::command]
pub async fn list_articles(
    state: State<'_, AppState>,
    limit: Option<u32>,
) -> AppResult<Vec<LibraryArticle>> {
    state
        .with_store(move |store| library_rows(store, limit.map(|n| n as usize)))
        .await
}

/// The Library's rows: articles with claim counts by status, newest first (the first `limit`, or all).
pub(crate) fn library_rows(
    store: &claimtrail_store::Store,
    limit: Option<usize>,
) -> AppResult<Vec<LibraryArticle>> {
    let articles = store.list_articles_first(limit)?;
    let counts = match limit {
        Some(_) => {
            let ids: Vec<_> = articles.iter().map(|a| a.id).collect();
            store.status_counts_of(&ids)?
        }
        None => store.status_counts()?,
    };
    let mut by_article: BTreeMap<_, BTreeMap<_, u32>> = BTreeMap::new();
    for c in counts {
        by_article
            .entry(c.article_id)
            .or_default()
            .insert(c.status, c.count);
    }
    Ok(articles
        .into_iter()
        .map(|summary| LibraryArticle {
            by_status: by_article.remove(&summary.id).unwrap_or_default(),
            summary,
        })
        .collect())
}

/// One article with every claim (dismissed ones included and flagged).
#[tauri::command]
pub async fn get_article(state: State<'_, AppState>, id: String) -> AppResult<ArticleView> {
    let id = super::parse_article_id(&id)?;
    state
        .with_store(move |store| {
            let article = store.get_article(id)?;
            let claims = store.list_claims(&ClaimFilter {
                article_id: Some(id),
                include_dismissed: true,
                ..Default::default()
            })?;
            Ok(ArticleView { article, claims })
        })
        .await
}

/// Imports files and folders (from the file dialog or a drop), reporting progress as `import-progress` events.
#[tauri::command]
pub async fn import_files<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    paths: Vec<String>,
) -> AppResult<ImportSummary> {
    if paths.is_empty() {
        return Err(AppError::invalid("no files were given"));
    }
    let paths: Vec<PathBuf> = paths.into_iter().map(PathBuf::from).collect();
    state
        .with_store(move |store| {
            let report = store.import_paths(&paths, &IngestOptions::default(), |p| {
                if let Err(e) = app.emit(IMPORT_PROGRESS, ImportProgressEvent::from(p)) {
                    tracing::warn!(error = %e, "cannot send import progress");
                }
            });
            tracing::info!(
                imported = report.imported.len(),
                failed = report.failed.len(),
                "files imported"
            );
            Ok(report.into())
        })
        .await
        .inspect(|_| state.wake_jobs())
}

/// Imports pasted text (plain text, Markdown or HTML are recognised) as an article.
#[tauri::command]
pub async fn import_text(
    state: State<'_, AppState>,
    text: String,
    title: Option<String>,
) -> AppResult<ImportSummary> {
    if text.trim().is_empty() {
        return Err(AppError::invalid("the pasted text is empty"));
    }
    let opts = IngestOptions {
        overrides: MetadataOverrides {
            title: title
                .map(|t| t.trim().to_string())
                .filter(|t| !t.is_empty()),
            ..Default::default()
        },
        ..Default::default()
    };
    state
        .with_store(move |store| {
            Ok(store
                .import_bytes("pasted text", text.into_bytes(), None, &opts)
                .into())
        })
        .await
        .inspect(|_| state.wake_jobs())
}

/// Downloads a web page (http or https only) and imports its article text.
#[tauri::command]
pub async fn import_url(state: State<'_, AppState>, url: String) -> AppResult<ImportSummary> {
    let url = fetch::check_url(&url)?;
    let allow_local = state.settings().allow_local_urls;
    let fetched = {
        let url = url.clone();
        tauri::async_runtime::spawn_blocking(move || {
            if !allow_local {
                fetch::check_not_local(&url)?;
            }
            fetch::fetch(&url)
        })
        .await
        .map_err(|e| AppError::internal(e.to_string()))??
    };
    let opts = IngestOptions {
        overrides: MetadataOverrides {
            url: Some(url.clone()),
            ..Default::default()
        },
        ..Default::default()
    };
    state
        .with_store(move |store| {
            let format = fetched.format;
            Ok(store.import_bytes(&url, fetched.body, format, &opts).into())
        })
        .await
        .inspect(|_| state.wake_jobs())
}

/// Imports the sample article shipped with claimtrail (offered on first run).
#[tauri::command]
pub async fn load_sample(state: State<'_, AppState>) -> AppResult<ImportSummary> {
    state
        .with_store(|store| {
            let draft = sample_article();
            let claims = extract_claims(&draft.text);
            let outcome = store.import_article(&draft, Some("sample"), &claims)?;
            let item = match outcome {
                ImportOutcome::Imported { article_id, claims } => ImportItem {
                    label: draft.title.clone(),
                    outcome: "imported".into(),
                    article_id: Some(article_id),
                    claims: u32::try_from(claims).unwrap_or(u32::MAX),
                    error: None,
                },
                ImportOutcome::Duplicate { article_id } => ImportItem {
                    label: draft.title.clone(),
                    outcome: "duplicate".into(),
                    article_id: Some(article_id),
                    claims: 0,
                    error: None,
                },
            };
            let imported = u32::from(item.outcome == "imported");
            Ok(ImportSummary {
                imported,
                duplicates: 1 - imported,
                failed: 0,
                items: vec![item],
            })
        })
        .await
        .inspect(|_| state.wake_jobs())
}
