//! Reading articles from files, folders and batches.
//!
//! Every input yields [`Loaded`] items: one per article, each either an [`ArticleDraft`] ready for extraction
//! and storage or an [`IngestError`] naming what was wrong. A bad item never stops the rest of a batch.

mod decode;
mod formats;
pub mod guess;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::Serialize;

use crate::model::{ArticleDraft, SourceFormat};

pub use decode::decode_text;
pub use formats::{parse_html, parse_markdown};

/// Default largest file accepted (50 MiB).
pub const DEFAULT_MAX_BYTES: u64 = 50 * 1024 * 1024;

/// Why an input could not be read as an article.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize)]
#[serde(tag = "code", content = "detail", rename_all = "snake_case")]
pub enum IngestError {
    #[error("cannot read file: {0}")]
    Io(String),
    #[error("file is empty")]
    Empty,
    #[error("file is {size} bytes, over the {limit}-byte limit")]
    TooLarge { size: u64, limit: u64 },
    #[error("binary file, not text")]
    Binary,
    #[error("not UTF-8 text (invalid byte at offset {offset})")]
    NotUtf8 { offset: usize },
    #[error("HTML has no readable article text: {0}")]
    Html(String),
    #[error("invalid JSON at line {line}, column {column}: {message}")]
    Json {
        line: usize,
        column: usize,
        message: String,
    },
    #[error("JSON record has no `{0}` field with text")]
    MissingField(&'static str),
    #[error("no article text after removing markup")]
    NoText,
}

/// Metadata given by the user; each field set here wins over what is found in the document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MetadataOverrides {
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub url: Option<String>,
    pub date: Option<NaiveDate>,
}

/// Limits and overrides for one import run.
#[derive(Debug, Clone)]
pub struct IngestOptions {
    pub max_bytes: u64,
    pub overrides: MetadataOverrides,
}

impl Default for IngestOptions {
    fn default() -> Self {
        Self {
            max_bytes: DEFAULT_MAX_BYTES,
            overrides: MetadataOverrides::default(),
        }
    }
}

/// One article read from an input, or why it could not be.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// Where it came from: a path, or `path:LINE` / `path#INDEX` for a batch record.
    pub label: String,
    pub result: Result<ArticleDraft, IngestError>,
}

/// Expands folders (recursively, skipping hidden entries) into a sorted list of files.
/// Paths that cannot be listed come back as failures.
pub fn collect_files(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<Loaded>) {
    let mut files = Vec::new();
    let mut failed = Vec::new();
    for path in paths {
        if path.is_dir() {
            let walker = walkdir::WalkDir::new(path)
                .follow_links(false)
                .sort_by_file_name()
                .into_iter()
                .filter_entry(|e| {
                    e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.')
                });
            for entry in walker {
                match entry {
                    Ok(e) if e.file_type().is_file() => files.push(e.into_path()),
                    Ok(_) => {}
                    Err(err) => failed.push(Loaded {
                        label: err
                            .path()
                            .map(|p| p.display().to_string())
                            .unwrap_or_else(|| path.display().to_string()),
                        result: Err(IngestError::Io(err.to_string())),
                    }),
                }
            }
        } else {
            files.push(path.clone());
        }
    }
    (files, failed)
}

/// The format implied by a file name, if any.
pub fn format_from_path(path: &Path) -> Option<SourceFormat> {
    let ext = path.extension()?.to_string_lossy().to_ascii_lowercase();
    Some(match ext.as_str() {
        "txt" | "text" => SourceFormat::Text,
        "md" | "markdown" => SourceFormat::Markdown,
        "html" | "htm" | "xhtml" => SourceFormat::Html,
        "json" => SourceFormat::Json,
        "jsonl" | "ndjson" => SourceFormat::Jsonl,
        _ => return None,
    })
}

/// Reads one file into zero or more articles (batches hold many).
pub fn load_file(path: &Path, opts: &IngestOptions) -> Vec<Loaded> {
    let label = path.display().to_string();
    let fail = |error| {
        vec![Loaded {
            label: label.clone(),
            result: Err(error),
        }]
    };
    match std::fs::metadata(path) {
        Ok(meta) if meta.len() > opts.max_bytes => {
            return fail(IngestError::TooLarge {
                size: meta.len(),
                limit: opts.max_bytes,
            })
        }
        Ok(_) => {}
        Err(e) => return fail(IngestError::Io(e.to_string())),
    }
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => return fail(IngestError::Io(e.to_string())),
    };
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    load_bytes(&label, &stem, bytes, format_from_path(path), opts)
}

/// Reads bytes (from a file, a paste or a download) into zero or more articles.
/// `fallback_title` is used when no title can be found in the content.
pub fn load_bytes(
    label: &str,
    fallback_title: &str,
    bytes: Vec<u8>,
    format: Option<SourceFormat>,
    opts: &IngestOptions,
) -> Vec<Loaded> {
    let single = |result| {
        vec![Loaded {
            label: label.to_string(),
            result,
        }]
    };
    if bytes.len() as u64 > opts.max_bytes {
        return single(Err(IngestError::TooLarge {
            size: bytes.len() as u64,
            limit: opts.max_bytes,
        }));
    }
    let text = match decode_text(&bytes) {
        Ok(t) => t,
        Err(e) => return single(Err(e)),
    };
    let format = format.unwrap_or_else(|| formats::sniff(&text));
    match format {
        SourceFormat::Json | SourceFormat::Jsonl => {
            formats::parse_batch(label, &text, format, opts)
        }
        _ => {
            let result = formats::parse_single(&text, format, fallback_title, &opts.overrides).map(
                |mut d| {
                    d.original = bytes;
                    d
                },
            );
            single(result)
        }
    }
}
