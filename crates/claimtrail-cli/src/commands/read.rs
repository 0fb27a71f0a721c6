//! Commands that read: extract (no database), articles, article, claims, search, history.

use std::path::Path;
use std::process::ExitCode;

use serde_json::json;

use claimtrail_core::ingest::{self, IngestOptions};
use claimtrail_core::{extract_claims, ClaimStatus};
use claimtrail_store::{ClaimFilter, Store};

use super::import::short;
use crate::output::{print_json, table};
use crate::CliError;

pub fn extract(path: &Path, json: bool) -> Result<ExitCode, CliError> {
    let loaded = ingest::load_file(path, &IngestOptions::default());
    let Some(first) = loaded.into_iter().next() else {
        return Err(CliError::Usage(format!(
            "{}: nothing to extract",
            path.display()
        )));
    };
    let draft = first
        .result
        .map_err(|e| CliError::Usage(format!("{}: {e}", first.label)))?;
    let claims = extract_claims(&draft.text);
    if json {
        let claims: Vec<_> = claims
            .iter()
            .map(|c| {
                let mut v = serde_json::to_value(c).unwrap_or_default();
                if let Some(o) = v.as_object_mut() {
                    o.insert("status".into(), json!(ClaimStatus::Unreviewed));
                }
                v
            })
            .collect();
        print_json(&json!({
            "article": {
                "title": draft.title, "outlet": draft.outlet, "url": draft.url, "authors": draft.authors,
                "date": draft.published_at, "language": draft.language, "source_format": draft.source_format,
                "text": draft.text,
            },
            "claims": claims,
        }))?;
    } else {
        println!("{} — {} claims", draft.title, claims.len());
        let rows: Vec<Vec<String>> = claims
            .iter()
            .map(|c| {
                vec![
                    format!("{}..{}", c.start, c.end),
                    c.speaker.clone().unwrap_or_else(|| "(outlet)".into()),
                    c.kind.to_string(),
                    format!("{:.2}", c.checkworthiness),
                    c.text.clone(),
                ]
            })
            .collect();
        table(
            &["SPAN", "CLAIMANT", "KIND", "SCORE", "CLAIM"],
            &[12, 28, 15, 5, 90],
            &rows,
        );
    }
    Ok(ExitCode::SUCCESS)
}

pub fn articles(store: &Store, json: bool) -> Result<ExitCode, CliError> {
    let articles = store.list_articles()?;
    if json {
        print_json(&articles)?;
    } else if articles.is_empty() {
        println!("No articles yet. Import some with `claimtrail import FILE...`.");
    } else {
        let rows: Vec<Vec<String>> = articles
            .iter()
            .map(|a| {
                vec![
                    short(&a.id.to_string()).to_string(),
                    a.date.map(|d| d.to_string()).unwrap_or_default(),
                    a.outlet.clone().unwrap_or_default(),
                    format!("{}/{}", a.reviewed, a.claims),
                    a.title.clone(),
                ]
            })
            .collect();
        table(
            &["ID", "DATE", "OUTLET", "REVIEWED", "TITLE"],
            &[8, 10, 20, 9, 70],
            &rows,
        );
    }
    Ok(ExitCode::SUCCESS)
}

pub fn article(store: &Store, id: &str, json: bool) -> Result<ExitCode, CliError> {
    let article = store.get_article(store.resolve_article_id(id)?)?;
    if json {
        print_json(&article)?;
    } else {
        println!("{}", article.title);
        let meta: Vec<String> = [
            article.outlet.clone(),
            article.date.map(|d| d.to_string()),
            article.url.clone(),
            (!article.authors.is_empty()).then(|| article.authors.join(", ")),
        ]
        .into_iter()
        .flatten()
        .collect();
        if !meta.is_empty() {
            println!("{}", meta.join(" · "));
        }
        println!("id {}\n\n{}", article.id, article.text);
    }
    Ok(ExitCode::SUCCESS)
}

pub fn claims(
    store: &Store,
    article: Option<&str>,
    status: Option<ClaimStatus>,
    by_score: bool,
    json: bool,
) -> Result<ExitCode, CliError> {
    let article_id = article.map(|a| store.resolve_article_id(a)).transpose()?;
    let claims = store.list_claims(&ClaimFilter {
        article_id,
        status,
        by_checkworthiness: by_score,
        ..ClaimFilter::default()
    })?;
    if json {
        print_json(&claims)?;
    } else if claims.is_empty() {
        println!("No claims match.");
    } else {
        let rows: Vec<Vec<String>> = claims
            .iter()
            .map(|c| {
                vec![
                    short(&c.id.to_string()).to_string(),
                    c.status.to_string(),
                    format!("{:.2}", c.checkworthiness),
                    c.speaker.clone().unwrap_or_else(|| "(outlet)".into()),
                    c.text.clone(),
                ]
            })
            .collect();
        table(
            &["ID", "STATUS", "SCORE", "CLAIMANT", "CLAIM"],
            &[8, 12, 5, 28, 90],
            &rows,
        );
    }
    Ok(ExitCode::SUCCESS)
}

pub fn search(store: &Store, query: &str, limit: usize, json: bool) -> Result<ExitCode, CliError> {
    let hits = store.search(query, limit)?;
    if json {
        print_json(&hits)?;
    } else if hits.is_empty() {
        println!("Nothing matches “{query}”.");
    } else {
        let rows: Vec<Vec<String>> = hits
            .iter()
            .map(|h| {
                vec![
                    short(&h.id.to_string()).to_string(),
                    format!("{:?}", h.kind).to_lowercase(),
                    h.article_title.clone(),
                    h.snippet.clone(),
                ]
            })
            .collect();
        table(&["ID", "KIND", "ARTICLE", "MATCH"], &[8, 7, 40, 90], &rows);
    }
    Ok(ExitCode::SUCCESS)
}

pub fn history(
    store: &Store,
    id: Option<&str>,
    limit: usize,
    json: bool,
) -> Result<ExitCode, CliError> {
    let resolved = id.map(|id| {
        store
            .resolve_claim_id(id)
            .map(|c| c.to_string())
            .or_else(|_| store.resolve_article_id(id).map(|a| a.to_string()))
            .unwrap_or_else(|_| id.to_string())
    });
    let entries = store.history(resolved.as_deref(), limit)?;
    if json {
        print_json(&entries)?;
    } else {
        let rows: Vec<Vec<String>> = entries
            .iter()
            .map(|e| {
                vec![
                    e.seq.to_string(),
                    e.at.format("%Y-%m-%d %H:%M:%S").to_string(),
                    e.actor.clone().unwrap_or_default(),
                    format!("{} {}", e.op, e.entity),
                    short(&e.entity_id).to_string(),
                    e.data.to_string(),
                ]
            })
            .collect();
        table(
            &["SEQ", "AT", "WHO", "CHANGE", "ID", "DATA"],
            &[8, 19, 16, 20, 8, 60],
            &rows,
        );
    }
    Ok(ExitCode::SUCCESS)
}
