//! The import pipeline shared by the CLI and the app: read files (core), extract claims (core), store each
//! article with its claims in one transaction. Reading and extraction run on a worker thread while this
//! thread writes, so the two cores of a small machine both work.

use std::path::PathBuf;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use rusqlite::Connection;

use serde::Serialize;

use crate::articles::import_into;
use crate::{Actor, ImportOutcome, Store};
use claimtrail_core::ingest::{self, IngestOptions, Loaded};
use claimtrail_core::{extract_claims, ArticleDraft, ArticleId, ExtractedClaim};

/// One article stored by an import.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Imported {
    pub path: String,
    pub article_id: ArticleId,
    pub claims: usize,
}

/// One article that was already stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Duplicate {
    pub path: String,
    pub article_id: ArticleId,
}

/// One input that could not be imported, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Failed {
    pub path: String,
    pub error: String,
}

/// What an import did, item by item.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ImportReport {
    pub imported: Vec<Imported>,
    pub duplicates: Vec<Duplicate>,
    pub failed: Vec<Failed>,
}

impl ImportReport {
    /// Items handled so far.
    pub fn len(&self) -> usize {
        self.imported.len() + self.duplicates.len() + self.failed.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Progress of an import: `done` of `total` files read, and the item just handled.
#[derive(Debug, Clone, Serialize)]
pub struct ImportProgress {
    pub done_files: usize,
    pub total_files: usize,
    pub items: usize,
    pub label: String,
}

/// An article read and extracted, ready to store.
struct Prepared {
    file_index: usize,
    label: String,
    result: Result<(ArticleDraft, Vec<ExtractedClaim>), String>,
}

/// Articles stored per commit at most. A commit per article rewrites the same index and FTS pages hundreds of
/// times and caps imports at well under 100 articles/s, so articles are committed in groups. Each article still
/// lands whole or not at all: when one fails, the group is rolled back and its articles are stored again one
/// transaction each, so only the failing one is left out.
const GROUP_ARTICLES: usize = 200;
/// Longest time an imported article waits for its group to commit.
const GROUP_MAX_WAIT: Duration = Duration::from_millis(250);

/// An article read and extracted, waiting in the open group.
struct Pending {
    label: String,
    draft: ArticleDraft,
    claims: Vec<ExtractedClaim>,
    outcome: Option<ImportOutcome>,
}

/// The articles written inside the open transaction.
#[derive(Default)]
struct Group {
    items: Vec<Pending>,
    started: Option<Instant>,
}

impl Group {
    fn due(&self) -> bool {
        self.items.len() >= GROUP_ARTICLES
            || self.started.is_some_and(|t| t.elapsed() >= GROUP_MAX_WAIT)
    }

    /// Writes one more article inside the group's transaction (opening it if needed). On failure the group is
    /// rolled back and replayed one article per transaction.
    fn add(
        &mut self,
        conn: &mut Connection,
        actor: &Actor,
        item: Pending,
        report: &mut ImportReport,
    ) {
        if self.started.is_none() {
            if let Err(e) = conn.execute_batch("BEGIN IMMEDIATE") {
                tracing::warn!(error = %e, "cannot open an import group; storing one by one");
                replay(conn, actor, vec![item], report);
                return;
            }
            self.started = Some(Instant::now());
        }
        let source = (!item.label.is_empty()).then_some(item.label.as_str());
        match import_into(conn, actor, &item.draft, source, &item.claims) {
            Ok(outcome) => self.items.push(Pending {
                outcome: Some(outcome),
                ..item
            }),
            Err(e) => {
                tracing::warn!(path = %item.label, error = %e, "article failed inside a group; replaying the group");
                let _ = conn.execute_batch("ROLLBACK");
                let mut items = std::mem::take(&mut self.items);
                items.push(item);
                self.started = None;
                replay(conn, actor, items, report);
            }
        }
    }

    /// Commits the open transaction and reports its articles (replaying them one by one if the commit fails).
    fn commit(&mut self, conn: &mut Connection, actor: &Actor, report: &mut ImportReport) {
        if self.started.take().is_none() {
            return;
        }
        let items = std::mem::take(&mut self.items);
        match conn.execute_batch("COMMIT") {
            Ok(()) => {
                let ids = imported_ids(items.iter().filter_map(|p| p.outcome.as_ref()));
                items
                    .into_iter()
                    .for_each(|p| record(report, p.label, p.outcome.ok_or_else(String::new)));
                suggest_after_commit(conn, actor, &ids);
            }
            Err(e) => {
                tracing::error!(error = %e, "commit of an import group failed; replaying it");
                let _ = conn.execute_batch("ROLLBACK");
                replay(conn, actor, items, report);
            }
        }
    }
}

/// Ids of the articles stored (not duplicates) among `outcomes`.
fn imported_ids<'a>(outcomes: impl Iterator<Item = &'a ImportOutcome>) -> Vec<ArticleId> {
    outcomes
        .filter_map(|o| match o {
            ImportOutcome::Imported { article_id, .. } => Some(*article_id),
            ImportOutcome::Duplicate { .. } => None,
        })
        .collect()
}

/// Suggests links for the claims of articles whose import has committed, in a transaction of its own: a
/// failure here is logged and never loses the import.
fn suggest_after_commit(conn: &mut Connection, actor: &Actor, articles: &[ArticleId]) {
    if articles.is_empty() {
        return;
    }
    match crate::links::suggest_for_articles(conn, actor, articles) {
        Ok(r) => tracing::debug!(
            claims = r.claims,
            claim_links = r.claim_links,
            fact_check_links = r.fact_check_links,
            alerts = r.alerts,
            "links suggested"
        ),
        Err(e) => tracing::warn!(error = %e, "link suggestion failed; the articles are stored"),
    }
}

/// Stores each article in a transaction of its own.
fn replay(conn: &mut Connection, actor: &Actor, items: Vec<Pending>, report: &mut ImportReport) {
    let mut stored = Vec::new();
    for p in items {
        let source = (!p.label.is_empty()).then_some(p.label.as_str());
        let result = conn.transaction().map_err(Into::into).and_then(|tx| {
            let outcome = import_into(&tx, actor, &p.draft, source, &p.claims)?;
            tx.commit()?;
            Ok(outcome)
        });
        if let Ok(ImportOutcome::Imported { article_id, .. }) = &result {
            stored.push(*article_id);
        }
        record(
            report,
            p.label,
            result.map_err(|e: crate::StoreError| e.to_string()),
        );
    }
    suggest_after_commit(conn, actor, &stored);
}

/// Adds the outcome of one article to the report.
fn record(report: &mut ImportReport, path: String, result: Result<ImportOutcome, String>) {
    match result {
        Ok(ImportOutcome::Imported { article_id, claims }) => report.imported.push(Imported {
            path,
            article_id,
            claims,
        }),
        Ok(ImportOutcome::Duplicate { article_id }) => {
            report.duplicates.push(Duplicate { path, article_id })
        }
        Err(error) => {
            tracing::warn!(%path, %error, "import failed");
            report.failed.push(Failed { path, error });
        }
    }
}

impl Store {
    /// Imports files and folders (recursively). Bad items are reported in `failed`; the rest land.
    /// Every article lands with all its claims or not at all; a crash loses at most the articles of the
    /// last [`GROUP_MAX_WAIT`] and never leaves half an article.
    pub fn import_paths(
        &mut self,
        paths: &[PathBuf],
        opts: &IngestOptions,
        mut progress: impl FnMut(&ImportProgress),
    ) -> ImportReport {
        let (files, unreadable) = ingest::collect_files(paths);
        let mut report = ImportReport::default();
        for l in unreadable {
            record(
                &mut report,
                l.label,
                Err(l.result.err().map(|e| e.to_string()).unwrap_or_default()),
            );
        }
        let total_files = files.len();
        let (sender, receiver) = mpsc::sync_channel::<Prepared>(64);
        let opts = opts.clone();
        let actor = self.actor.clone();
        let conn = &mut self.conn;
        std::thread::scope(|scope| {
            scope.spawn(move || {
                for (file_index, path) in files.iter().enumerate() {
                    for Loaded { label, result } in ingest::load_file(path, &opts) {
                        let result = result.map_err(|e| e.to_string()).map(|d| {
                            let claims = extract_claims(&d.text);
                            (d, claims)
                        });
                        if sender
                            .send(Prepared {
                                file_index,
                                label,
                                result,
                            })
                            .is_err()
                        {
                            return;
                        }
                    }
                }
            });
            let mut group = Group::default();
            for prepared in receiver {
                let label = prepared.label.clone();
                match prepared.result {
                    Err(error) => record(&mut report, prepared.label, Err(error)),
                    Ok((draft, claims)) => {
                        let item = Pending {
                            label: prepared.label,
                            draft,
                            claims,
                            outcome: None,
                        };
                        group.add(conn, &actor, item, &mut report);
                        if group.due() {
                            group.commit(conn, &actor, &mut report);
                        }
                    }
                }
                progress(&ImportProgress {
                    done_files: prepared.file_index + 1,
                    total_files,
                    items: report.len() + group.items.len(),
                    label,
                });
            }
            group.commit(conn, &actor, &mut report);
        });
        report
    }

    /// Imports in-memory content (a paste or a download) as one or more articles.
    pub fn import_bytes(
        &mut self,
        label: &str,
        bytes: Vec<u8>,
        format: Option<claimtrail_core::SourceFormat>,
        opts: &IngestOptions,
    ) -> ImportReport {
        let mut report = ImportReport::default();
        for Loaded { label, result } in
            ingest::load_bytes(label, "Pasted article", bytes, format, opts)
        {
            let stored = result.map_err(|e| e.to_string()).and_then(|d| {
                let claims = extract_claims(&d.text);
                self.import_article(&d, Some(&label), &claims)
                    .map_err(|e| e.to_string())
            });
            if let Ok(o) = &stored {
                let ids = imported_ids(std::iter::once(o));
                suggest_after_commit(&mut self.conn, &self.actor, &ids);
            }
            record(&mut report, label, stored);
        }
        report
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use claimtrail_core::{ClaimKind, SourceFormat};

    fn pending(label: &str, text: &str, bad_claim: bool) -> Pending {
        let end = if bad_claim { 0 } else { 4 };
        Pending {
            label: label.to_string(),
            draft: ArticleDraft {
                title: label.to_string(),
                outlet: None,
                url: None,
                authors: vec![],
                published_at: None,
                language: None,
                source_format: SourceFormat::Text,
                text: text.to_string(),
                original: text.as_bytes().to_vec(),
            },
            claims: vec![ExtractedClaim {
                text: text.chars().take(4).collect(),
                start: 0,
                end,
                claimant: None,
                speaker: None,
                kind: ClaimKind::Statement,
                checkworthiness: 0.5,
                entities: vec![],
            }],
            outcome: None,
        }
    }

    #[test]
    fn a_failing_article_in_a_group_leaves_only_itself_out(
    ) -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let mut store = Store::open(dir.path().join("g.db"))?;
        let actor = store.actor.clone();
        let mut report = ImportReport::default();
        let mut group = Group::default();
        group.add(
            &mut store.conn,
            &actor,
            pending("a", "Alpha one two.", false),
            &mut report,
        );
        group.add(
            &mut store.conn,
            &actor,
            pending("b", "Bravo one two.", true),
            &mut report,
        );
        group.add(
            &mut store.conn,
            &actor,
            pending("c", "Charlie one two.", false),
            &mut report,
        );
        group.commit(&mut store.conn, &actor, &mut report);
        let imported: Vec<&str> = report.imported.iter().map(|i| i.path.as_str()).collect();
        assert_eq!(imported, ["a", "c"]);
        assert_eq!(report.failed.len(), 1);
        assert_eq!(report.failed[0].path, "b");
        assert!(
            report.failed[0].error.contains("empty"),
            "{:?}",
            report.failed
        );
        assert_eq!(store.count_articles()?, 2);
        assert_eq!(store.count_claims()?, 2);
        let history = store.history(None, 100)?;
        assert_eq!(history.iter().filter(|h| h.entity == "article").count(), 2);
        assert_eq!(store.integrity_check()?, "ok");
        Ok(())
    }
}
