//! The import pipeline shared by the CLI and the app: read files (core), extract claims (core), store each
//! article with its claims in one transaction. Reading, extraction and everything the rows need (ids, history
//! JSON) run on a worker thread while this thread only writes, so the two cores of a small machine both work. New claims join the link queue in the same
//! transaction; suggesting their links is a separate job ([`Store::process_link_queue`]), so imports stay fast.

use std::path::PathBuf;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use rusqlite::{Connection, TransactionBehavior};

use serde::Serialize;

use crate::articles::{import_many, ImportItem, RowData};
use crate::{time, Actor, ImportOutcome, Store};
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
    result: Result<Pending, String>,
}

/// Articles stored per commit at most. A commit per article rewrites the same index and FTS pages hundreds of
/// times and caps imports at well under 100 articles/s, so articles are committed in groups, written with
/// multi-row statements. Each article still lands whole or not at all: when one fails, the group is rolled back
/// and its articles are stored again one transaction each, so only the failing one is left out.
const GROUP_ARTICLES: usize = 200;
/// Longest time an extracted article waits for its group to be written.
const GROUP_MAX_WAIT: Duration = Duration::from_millis(250);
/// Articles read and extracted ahead of the writer: room for more than a whole group, so that extraction (on its
/// own thread) goes on while a group is committed instead of stopping when the queue is full.
const CHANNEL_ARTICLES: usize = 2 * GROUP_ARTICLES;

/// An article read and extracted, with everything its rows need, waiting in the open group.
struct Pending {
    label: String,
    draft: ArticleDraft,
    claims: Vec<ExtractedClaim>,
    rows: RowData,
}

impl Pending {
    /// Extracts the claims of `draft` and makes its rows (on the reading thread: the writer only writes).
    fn new(label: String, draft: ArticleDraft) -> Result<Self, String> {
        let claims = extract_claims(&draft.text);
        let source_path = (!label.is_empty()).then_some(label.as_str());
        let rows = RowData::new(&draft, source_path, &claims, time::fmt(time::now()))
            .map_err(|e| e.to_string())?;
        Ok(Pending {
            label,
            draft,
            claims,
            rows,
        })
    }

    fn item(&self) -> ImportItem<'_> {
        ImportItem {
            draft: &self.draft,
            source_path: (!self.label.is_empty()).then_some(self.label.as_str()),
            claims: &self.claims,
            rows: &self.rows,
        }
    }
}

/// Articles waiting to be written together in one transaction. Nothing is written (and no write lock is held)
/// until the group is committed.
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

    fn add(&mut self, item: Pending) {
        self.started.get_or_insert_with(Instant::now);
        self.items.push(item);
    }

    /// Writes the group in one transaction and reports its articles; if anything fails, rolls back and stores
    /// the articles one transaction each, so only a failing one is left out.
    fn commit(&mut self, conn: &mut Connection, actor: &Actor, report: &mut ImportReport) {
        self.started = None;
        let items = std::mem::take(&mut self.items);
        if items.is_empty() {
            return;
        }
        let written = conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(Into::into)
            .and_then(|tx| {
                let batch: Vec<ImportItem<'_>> = items.iter().map(Pending::item).collect();
                let outcomes = import_many(&tx, actor, &batch, true)?;
                tx.commit()?;
                Ok(outcomes)
            });
        match written {
            Ok(outcomes) => {
                for (p, outcome) in items.into_iter().zip(outcomes) {
                    record(report, p.label, Ok(outcome));
                }
            }
            Err(e) => {
                let e: crate::StoreError = e;
                tracing::warn!(error = %e, articles = items.len(), "import group failed; storing its articles one by one");
                replay(conn, actor, items, report);
            }
        }
    }
}

/// Stores each article in a transaction of its own.
fn replay(conn: &mut Connection, actor: &Actor, items: Vec<Pending>, report: &mut ImportReport) {
    for p in items {
        let result = conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(Into::into)
            .and_then(|tx| {
                let outcome = import_many(&tx, actor, &[p.item()], true)?
                    .pop()
                    .ok_or_else(|| crate::StoreError::Invalid("no article stored".into()))?;
                tx.commit()?;
                Ok(outcome)
            });
        record(
            report,
            p.label,
            result.map_err(|e: crate::StoreError| e.to_string()),
        );
    }
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

/// WAL pages (4 KiB each) before a commit checkpoints, during an import. SQLite's default of 1,000 makes every
/// group's commit copy its pages into the database file; letting the WAL grow to 64 MiB copies a page rewritten
/// by many groups (index and full-text pages) once per checkpoint instead of once per group. Crash safety is the
/// same: the WAL is the committed data until it is copied.
const IMPORT_WAL_PAGES: i64 = 16_384;

/// Sets `wal_autocheckpoint` to `pages` and returns the value it had.
fn set_wal_autocheckpoint(conn: &Connection, pages: i64) -> Option<i64> {
    let previous = conn
        .pragma_query_value(None, "wal_autocheckpoint", |r| r.get(0))
        .ok();
    if let Err(e) = conn.pragma_update(None, "wal_autocheckpoint", pages) {
        tracing::warn!(error = %e, pages, "could not set wal_autocheckpoint");
    }
    previous
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
        let wal_pages = set_wal_autocheckpoint(&self.conn, IMPORT_WAL_PAGES);
        let (sender, receiver) = mpsc::sync_channel::<Prepared>(CHANNEL_ARTICLES);
        let opts = opts.clone();
        let actor = self.actor.clone();
        let conn = &mut self.conn;
        std::thread::scope(|scope| {
            scope.spawn(move || {
                for (file_index, path) in files.iter().enumerate() {
                    for Loaded { label, result } in ingest::load_file(path, &opts) {
                        let result = result
                            .map_err(|e| e.to_string())
                            .and_then(|d| Pending::new(label.clone(), d));
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
                    Ok(pending) => {
                        group.add(pending);
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
        if let Some(pages) = wal_pages {
            set_wal_autocheckpoint(&self.conn, pages);
        }
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
            record(&mut report, label, stored);
        }
        report
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use claimtrail_core::ClaimKind;

    fn pending(label: &str, text: &str, bad_claim: bool) -> Pending {
        let end = if bad_claim { 0 } else { 4 };
        let draft = ArticleDraft::plain(label, text);
        let claims = vec![ExtractedClaim {
            text: text.chars().take(4).collect(),
            start: 0,
            end,
            claimant: None,
            speaker: None,
            kind: ClaimKind::Statement,
            checkworthiness: 0.5,
            entities: vec![],
        }];
        let rows = RowData::new(&draft, Some(label), &claims, time::fmt(time::now()))
            .expect("history data of a test article");
        Pending {
            label: label.to_string(),
            draft,
            claims,
            rows,
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
        group.add(pending("a", "Alpha one two.", false));
        group.add(pending("b", "Bravo one two.", true));
        group.add(pending("c", "Charlie one two.", false));
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
        // The queue holds the stored claims only: it is written in the same transactions as they are.
        assert_eq!(store.pending_links()?, 2);
        let history = store.history(None, 100)?;
        assert_eq!(history.iter().filter(|h| h.entity == "article").count(), 2);
        assert_eq!(store.integrity_check()?, "ok");
        Ok(())
    }

    #[test]
    fn an_import_gives_back_the_usual_checkpoint_interval() -> Result<(), Box<dyn std::error::Error>>
    {
        let dir = tempfile::tempdir()?;
        let file = dir.path().join("a.txt");
        std::fs::write(
            &file,
            "The minister said the bridge would reopen in March.\n",
        )?;
        let mut store = Store::open(dir.path().join("w.db"))?;
        let pages = |s: &Store| -> rusqlite::Result<i64> {
            s.conn
                .pragma_query_value(None, "wal_autocheckpoint", |r| r.get(0))
        };
        let before = pages(&store)?;
        let report = store.import_paths(&[file], &IngestOptions::default(), |_| {});
        assert_eq!(report.imported.len(), 1, "{report:?}");
        assert_eq!(pages(&store)?, before);
        assert_ne!(before, IMPORT_WAL_PAGES);
        Ok(())
    }

    #[test]
    fn the_same_article_twice_in_one_group_is_stored_once() -> Result<(), Box<dyn std::error::Error>>
    {
        let dir = tempfile::tempdir()?;
        let mut store = Store::open(dir.path().join("d.db"))?;
        let actor = store.actor.clone();
        let mut report = ImportReport::default();
        let mut group = Group::default();
        group.add(pending("first", "Delta one two.", false));
        group.add(pending("second", "Delta  one\ntwo.", false));
        group.commit(&mut store.conn, &actor, &mut report);
        assert_eq!(report.imported.len(), 1);
        assert_eq!(report.duplicates.len(), 1);
        assert_eq!(report.duplicates[0].path, "second");
        assert_eq!(
            report.duplicates[0].article_id,
            report.imported[0].article_id
        );
        assert_eq!(store.count_articles()?, 1);
        assert_eq!(store.count_claims()?, 1);
        Ok(())
    }
}
