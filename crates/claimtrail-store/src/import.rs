//! The import pipeline shared by the CLI and the app: read files (core), extract claims (core), store each
//! article with its claims in one transaction. Reading and extraction run on a worker thread while this
//! thread writes, so the two cores of a small machine both work.

use std::path::PathBuf;
use std::sync::mpsc;

use serde::Serialize;

use crate::{ImportOutcome, Store};
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

impl Store {
    /// Imports files and folders (recursively). Bad items are reported in `failed`; the rest land.
    pub fn import_paths(
        &mut self,
        paths: &[PathBuf],
        opts: &IngestOptions,
        mut progress: impl FnMut(&ImportProgress),
    ) -> ImportReport {
        let (files, unreadable) = ingest::collect_files(paths);
        let mut report = ImportReport::default();
        for item in unreadable {
            self.store_loaded(
                &mut report,
                item.label,
                item.result.map_err(|e| e.to_string()).map(|d| (d, vec![])),
            );
        }
        let total_files = files.len();
        let (tx, rx) = mpsc::sync_channel::<Prepared>(64);
        let opts = opts.clone();
        std::thread::scope(|scope| {
            scope.spawn(move || {
                for (file_index, path) in files.iter().enumerate() {
                    for Loaded { label, result } in ingest::load_file(path, &opts) {
                        let result = result.map_err(|e| e.to_string()).map(|d| {
                            let claims = extract_claims(&d.text);
                            (d, claims)
                        });
                        if tx
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
            for prepared in rx {
                let label = prepared.label.clone();
                self.store_loaded(&mut report, prepared.label, prepared.result);
                progress(&ImportProgress {
                    done_files: prepared.file_index + 1,
                    total_files,
                    items: report.len(),
                    label,
                });
            }
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
            let result = result.map_err(|e| e.to_string()).map(|d| {
                let claims = extract_claims(&d.text);
                (d, claims)
            });
            self.store_loaded(&mut report, label, result);
        }
        report
    }

    fn store_loaded(
        &mut self,
        report: &mut ImportReport,
        label: String,
        result: Result<(ArticleDraft, Vec<ExtractedClaim>), String>,
    ) {
        let (draft, claims) = match result {
            Ok(ok) => ok,
            Err(error) => {
                tracing::warn!(path = %label, %error, "import failed");
                report.failed.push(Failed { path: label, error });
                return;
            }
        };
        let source = (!label.is_empty()).then_some(label.as_str());
        match self.import_article(&draft, source, &claims) {
            Ok(ImportOutcome::Imported { article_id, claims }) => report.imported.push(Imported {
                path: label,
                article_id,
                claims,
            }),
            Ok(ImportOutcome::Duplicate { article_id }) => report.duplicates.push(Duplicate {
                path: label,
                article_id,
            }),
            Err(e) => {
                tracing::error!(path = %label, error = %e, "storing article failed");
                report.failed.push(Failed {
                    path: label,
                    error: e.to_string(),
                })
            }
        }
    }
}
