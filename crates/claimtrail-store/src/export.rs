//! Exports (ClaimReview JSON-LD, CSV, JSON) and the ClaimReview rating scale and publisher.
//!
//! The claims are read in one read transaction (a consistent snapshot while the app or another CLI writes)
//! and written one at a time (memory does not grow with the export) by `claimtrail_core::export` into a
//! temporary file created beside the destination, flushed to
//! disk and renamed onto the destination: a failure at any point leaves no file, or the old one untouched. The
//! destination is exactly the path given; nothing read from the database ever names a file, no folder is
//! created, and the database itself (or its WAL files) is refused as a destination.
//!
//! The rating scale and publisher live in `meta` under `export.claimreview` as JSON (absent: the default scale
//! and no publisher); fact-check import reads ratings back into verdicts through the same scale.

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};
use serde::{Deserialize, Serialize};

use crate::articles::verdict_list;
use crate::backup::{same_file, sync_dir};
use crate::claims::{parse_claim_id, raw_claim, CLAIM_COLUMNS};
use crate::error::{io_err, Result, StoreError};
use crate::history::{self, Op};
use crate::{time, Store};
use claimtrail_core::export::{
    self, ClaimReviewSettings, ExportFilter, ExportFormat, ExportMeta, ExportWriter,
    ExportedArticle, ExportedClaim, ExportedLink, LinkEnd,
};
use claimtrail_core::{LinkKind, LinkState};

const META_KEY: &str = "export.claimreview";

/// What an export wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct ExportReport {
    /// The file written.
    #[ts(type = "string")]
    pub path: PathBuf,
    pub format: ExportFormat,
    /// Claims written (ClaimReviews, CSV rows or JSON claims).
    pub claims: usize,
    pub bytes: u64,
    /// Things to know about the file (claims left out, optional fields missing).
    pub warnings: Vec<String>,
}

/// The stored ClaimReview settings (the defaults when none are stored).
pub(crate) fn claimreview_settings(conn: &Connection) -> Result<ClaimReviewSettings> {
    let stored: Option<String> = conn
        .prepare_cached("SELECT value FROM meta WHERE key = ?1")?
        .query_row(params![META_KEY], |r| r.get(0))
        .optional()?;
    let Some(json) = stored else {
        return Ok(ClaimReviewSettings::default());
    };
    let s: ClaimReviewSettings =
        serde_json::from_str(&json).map_err(|e| StoreError::Corrupt(format!("{META_KEY}: {e}")))?;
    s.validate()
        .map_err(|e| StoreError::Corrupt(format!("{META_KEY}: {e}")))?;
    Ok(s)
}

fn corrupt(e: impl std::fmt::Display) -> StoreError {
    StoreError::Corrupt(e.to_string())
}

/// Checks the destination before anything is read: a file name in an existing folder, not the database, not
/// an existing file unless `overwrite`. Returns the folder the temporary file goes to.
fn check_destination(db: &Path, out: &Path, overwrite: bool) -> Result<PathBuf> {
    if out.as_os_str().is_empty() || out.file_name().is_none() {
        return Err(StoreError::Invalid(format!(
            "`{}` is not a file name; choose the file to export to",
            out.display()
        )));
    }
    if out.is_dir() {
        return Err(StoreError::Invalid(format!(
            "{} is a folder; choose a file name inside it",
            out.display()
        )));
    }
    let parent = out
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    if !parent.is_dir() {
        return Err(StoreError::Io {
            action: "cannot export to",
            path: out.display().to_string(),
            source: std::io::Error::new(std::io::ErrorKind::NotFound, "the folder does not exist"),
        });
    }
    let mut db_files = vec![db.to_path_buf()];
    for suffix in ["-wal", "-shm", "-journal"] {
        let mut p = db.as_os_str().to_owned();
        p.push(suffix);
        db_files.push(PathBuf::from(p));
    }
    if db_files.iter().any(|f| same_file(out, f)) {
        return Err(StoreError::Invalid(format!(
            "{} is the database itself; choose another file for the export",
            out.display()
        )));
    }
    if out.exists() && !overwrite {
        return Err(StoreError::FileExists {
            path: out.display().to_string(),
        });
    }
    Ok(parent)
}

/// Writes through `write` into a temporary file in `dir`, then renames it onto `out` (refusing an existing
/// `out` unless `overwrite`). Returns what `write` returned and the file's size.
fn write_atomically<T>(
    dir: &Path,
    out: &Path,
    overwrite: bool,
    write: impl FnOnce(&mut BufWriter<&std::fs::File>) -> Result<T>,
) -> Result<(T, u64)> {
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let prefix = format!(".{name}.");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".partial");
    #[cfg(unix)]
    {
        // Readable like any file the user saves (the umask still applies), not only by its owner.
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o644));
    }
    let tmp = builder
        .tempfile_in(dir)
        .map_err(io_err("cannot create a temporary file in", dir))?;
    let value = {
        let mut w = BufWriter::new(tmp.as_file());
        let value = write(&mut w)?;
        w.flush().map_err(io_err("cannot write", tmp.path()))?;
        value
    };
    tmp.as_file()
        .sync_all()
        .map_err(io_err("cannot flush", tmp.path()))?;
    let persisted = if overwrite {
        tmp.persist(out)
    } else {
        tmp.persist_noclobber(out)
    };
    let file = persisted.map_err(|e| {
        if e.error.kind() == std::io::ErrorKind::AlreadyExists {
            StoreError::FileExists {
                path: out.display().to_string(),
            }
        } else {
            io_err("cannot move the export into place at", out)(e.error)
        }
    })?;
    sync_dir(out);
    let bytes = file.metadata().map_err(io_err("cannot read", out))?.len();
    Ok((value, bytes))
}

fn parse_kind(s: &str) -> Result<LinkKind> {
    s.parse().map_err(corrupt)
}

fn parse_state(s: &str) -> Result<LinkState> {
    s.parse().map_err(corrupt)
}

fn parse_uuid(s: &str) -> Result<uuid::Uuid> {
    uuid::Uuid::parse_str(s).map_err(|e| corrupt(format!("id `{s}`: {e}")))
}

type LinkRow = (String, String, String, f64, String, String, bool);

impl Store {
    /// The ClaimReview rating scale and publisher (the defaults when none were saved).
    pub fn claimreview_settings(&self) -> Result<ClaimReviewSettings> {
        claimreview_settings(&self.conn)
    }

    /// Saves the ClaimReview rating scale and publisher after checking them (names and URLs trimmed; a bad
    /// scale is refused with the reason). Recorded in history.
    pub fn set_claimreview_settings(
        &mut self,
        settings: ClaimReviewSettings,
    ) -> Result<ClaimReviewSettings> {
        let s = settings
            .cleaned()
            .map_err(|e| StoreError::Invalid(e.to_string()))?;
        let json = serde_json::to_string(&s).map_err(|e| StoreError::Invalid(e.to_string()))?;
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT INTO meta (key, value) VALUES (?1, ?2)
             ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            params![META_KEY, json],
        )?;
        history::record(&tx, &self.actor, "setting", "claimreview", Op::Update, &s)?;
        tx.commit()?;
        Ok(s)
    }

    /// Goes back to the default scale and no publisher. Recorded in history.
    pub fn reset_claimreview_settings(&mut self) -> Result<ClaimReviewSettings> {
        let tx = self.conn.transaction()?;
        tx.execute("DELETE FROM meta WHERE key = ?1", params![META_KEY])?;
        let s = ClaimReviewSettings::default();
        history::record(&tx, &self.actor, "setting", "claimreview", Op::Update, &s)?;
        tx.commit()?;
        Ok(s)
    }

    /// The claims `filter` selects (never dismissed ones), in time order, with their article, topics, verdict
    /// history, evidence and links, read as one snapshot. Returns the filter with the topic as its stored name.
    /// ([`Store::export_to`] streams the same claims to a file without holding them all.)
    pub fn exported_claims(
        &self,
        filter: &ExportFilter,
    ) -> Result<(Vec<ExportedClaim>, ExportFilter)> {
        let tx = read_snapshot(&self.conn)?;
        let (topic_id, resolved) = resolve_filter(&tx, filter)?;
        let mut out = Vec::new();
        self.each_exported_claim(&tx, topic_id.as_deref(), filter, |c| {
            out.push(c);
            Ok(())
        })?;
        Ok((out, resolved))
    }

    /// Calls `f` with each claim the filter selects, in time order (see [`Store::exported_claims`]).
    fn each_exported_claim(
        &self,
        conn: &Connection,
        topic_id: Option<&str>,
        filter: &ExportFilter,
        mut f: impl FnMut(ExportedClaim) -> Result<()>,
    ) -> Result<()> {
        let sql = format!(
            "SELECT {CLAIM_COLUMNS}, a.title, a.outlet, a.published_at, a.url, a.authors,
                    coalesce(a.published_at, substr(a.imported_at, 1, 10)) AS day
             FROM claim c JOIN article a ON a.id = c.article_id
             WHERE c.dismissed = 0
               AND (?1 IS NULL OR EXISTS (SELECT 1 FROM claim_topic ct
                                          WHERE ct.claim_id = c.id AND ct.topic_id = ?1))
               AND (?2 IS NULL OR day >= ?2) AND (?3 IS NULL OR day <= ?3)
               AND (?4 = 0 OR c.status IN ({}))
             ORDER BY day, a.imported_at, a.pk, c.span_start, c.pk",
            verdict_list()
        );
        let mut stmt = conn.prepare(&sql)?;
        let mut rows = stmt.query(params![
            topic_id,
            filter.since.map(|d| d.to_string()),
            filter.until.map(|d| d.to_string()),
            filter.reviewed_only
        ])?;
        let mut topics = conn.prepare_cached(
            "SELECT t.name FROM claim_topic ct JOIN topic t ON t.id = ct.topic_id
             WHERE ct.claim_id = ?1 ORDER BY t.name COLLATE NOCASE, t.name",
        )?;
        while let Some(r) = rows.next()? {
            let raw = raw_claim(r)?;
            let title: String = r.get(14)?;
            let outlet: Option<String> = r.get(15)?;
            let published: Option<String> = r.get(16)?;
            let url: Option<String> = r.get(17)?;
            let authors: String = r.get(18)?;
            let day: Option<String> = r.get(19)?;
            let claim = raw.into_claim(conn)?;
            let id = claim.id.to_string();
            let topic_names: Vec<String> = topics
                .query_map(params![id], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            f(ExportedClaim {
                verdicts: self.reviews(claim.id)?,
                evidence: self.evidence(claim.id)?,
                date: time::parse_date(day)?,
                article: ExportedArticle {
                    id: claim.article_id,
                    title,
                    outlet,
                    date: time::parse_date(published)?,
                    url,
                    authors: serde_json::from_str(&authors)
                        .map_err(|e| corrupt(format!("authors of {}: {e}", claim.article_id)))?,
                },
                topics: topic_names,
                links: claim_links(conn, &id)?,
                claim,
            })?;
        }
        Ok(())
    }

    /// Exports the claims `filter` selects to `out` in `format` (ClaimReview holds only claims with a
    /// verdict), one claim at a time from one read snapshot. Refuses an existing `out` unless `overwrite`; the
    /// file appears whole or not at all.
    pub fn export_to(
        &self,
        format: ExportFormat,
        filter: &ExportFilter,
        out: &Path,
        overwrite: bool,
    ) -> Result<ExportReport> {
        let dir = check_destination(&self.path, out, overwrite)?;
        let settings = self.claimreview_settings()?;
        let mut filter = filter.clone();
        if format == ExportFormat::Claimreview {
            export::claimreview::check_settings(&settings)?;
            filter.reviewed_only = true;
        }
        let tx = read_snapshot(&self.conn)?;
        let (topic_id, resolved) = resolve_filter(&tx, &filter)?;
        let meta = ExportMeta {
            exported_at: time::now(),
            filter: resolved,
        };
        let (stats, bytes) = write_atomically(&dir, out, overwrite, |w| {
            let mut writer = ExportWriter::new(format, w, &settings, &meta)?;
            self.each_exported_claim(&tx, topic_id.as_deref(), &filter, |c| Ok(writer.write(&c)?))?;
            Ok(writer.finish()?)
        })?;
        drop(tx);
        tracing::info!(
            path = %out.display(),
            %format,
            claims = stats.written,
            bytes,
            "exported"
        );
        Ok(ExportReport {
            path: out.to_path_buf(),
            format,
            claims: stats.written,
            bytes,
            warnings: stats.warnings,
        })
    }
}

/// A deferred transaction that only reads: writers elsewhere go on, and everything read through it is one
/// snapshot. Dropping it ends it.
fn read_snapshot(conn: &Connection) -> Result<rusqlite::Transaction<'_>> {
    Ok(rusqlite::Transaction::new_unchecked(
        conn,
        TransactionBehavior::Deferred,
    )?)
}

/// Checks the date range and finds the topic: (topic id, the filter with the topic's stored name).
fn resolve_filter(
    conn: &Connection,
    filter: &ExportFilter,
) -> Result<(Option<String>, ExportFilter)> {
    if let (Some(since), Some(until)) = (filter.since, filter.until) {
        if since > until {
            return Err(StoreError::Invalid(format!(
                "the first day ({since}) is after the last day ({until})"
            )));
        }
    }
    let topic = filter
        .topic
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(|t| crate::topics::find_topic(conn, t))
        .transpose()?;
    let resolved = ExportFilter {
        topic: topic.as_ref().map(|t| t.name.clone()),
        ..filter.clone()
    };
    Ok((topic.map(|t| t.id.to_string()), resolved))
}

/// A claim's links to other claims and to fact-checks.
fn claim_links(conn: &Connection, id: &str) -> Result<Vec<ExportedLink>> {
    let rows: Vec<LinkRow> = conn
        .prepare_cached(
            "SELECT l.id, l.kind, l.state, l.score, o.id, o.text, 1
             FROM claim_link l JOIN claim o ON o.id = l.source_claim_id WHERE l.target_claim_id = ?1
             UNION ALL
             SELECT l.id, l.kind, l.state, l.score, o.id, o.text, 0
             FROM claim_link l JOIN claim o ON o.id = l.target_claim_id WHERE l.source_claim_id = ?1
             ORDER BY 1",
        )?
        .query_map(params![id], |r| r.try_into())?
        .collect::<rusqlite::Result<_>>()?;
    let mut out = Vec::with_capacity(rows.len());
    for (link, kind, state, score, other, text, earlier) in rows {
        out.push(ExportedLink {
            id: parse_uuid(&link)?,
            kind: parse_kind(&kind)?,
            state: parse_state(&state)?,
            score,
            other: LinkEnd::Claim {
                id: parse_claim_id(&other)?,
                text,
                earlier,
            },
        });
    }
    type FcRow = (
        String,
        String,
        String,
        f64,
        String,
        String,
        Option<String>,
        Option<String>,
        Option<String>,
    );
    let rows: Vec<FcRow> = conn
        .prepare_cached(
            "SELECT l.id, l.kind, l.state, l.score, f.id, f.claim, f.rating, f.url, f.publisher
             FROM fact_check_link l JOIN fact_check f ON f.id = l.fact_check_id
             WHERE l.claim_id = ?1 ORDER BY l.pk",
        )?
        .query_map(params![id], |r| r.try_into())?
        .collect::<rusqlite::Result<_>>()?;
    for (link, kind, state, score, fc, text, rating, url, publisher) in rows {
        out.push(ExportedLink {
            id: parse_uuid(&link)?,
            kind: parse_kind(&kind)?,
            state: parse_state(&state)?,
            score,
            other: LinkEnd::FactCheck {
                id: parse_uuid(&fc)?,
                text,
                rating,
                url,
                publisher,
            },
        });
    }
    Ok(out)
}
