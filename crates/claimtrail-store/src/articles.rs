//! Articles: import (article + claims in one transaction), listing and reading.

use rusqlite::types::{ToSqlOutput, Value, ValueRef};
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::Serialize;

use crate::error::{Result, StoreError};
use crate::history::{self, Actor};
use crate::{time, Store};
use claimtrail_core::{
    Article, ArticleDraft, ArticleId, ArticleSummary, ClaimId, ClaimKind, ClaimStatus, EntityKind,
    ExtractedClaim, SourceFormat,
};

/// What happened to one article handed to [`Store::import_article`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum ImportOutcome {
    Imported {
        article_id: ArticleId,
        claims: usize,
    },
    Duplicate {
        article_id: ArticleId,
    },
}

impl Store {
    /// Stores an article and its claims in one transaction: all of it lands, or none of it.
    /// Content already stored (same text, whatever the whitespace) is reported as a duplicate.
    pub fn import_article(
        &mut self,
        draft: &ArticleDraft,
        source_path: Option<&str>,
        claims: &[ExtractedClaim],
    ) -> Result<ImportOutcome> {
        let sp = self.conn.savepoint()?;
        let outcome = import_into(&sp, &self.actor, draft, source_path, claims, true)?;
        sp.commit()?;
        Ok(outcome)
    }

    /// Finds an article by full id or unique id prefix (at least 4 characters).
    pub fn resolve_article_id(&self, id_or_prefix: &str) -> Result<ArticleId> {
        let id = crate::claims::resolve_prefix(&self.conn, "article", id_or_prefix)?;
        id.parse()
            .map_err(|e| StoreError::Corrupt(format!("article id `{id}`: {e}")))
    }

    /// All articles, newest publication date first (undated ones last), with claim counts.
    pub fn list_articles(&self) -> Result<Vec<ArticleSummary>> {
        self.list_articles_first(None)
    }

    /// The first `limit` articles in [`Store::list_articles`]' order (all of them for `None`): the Library
    /// reads the rows of its first screen before the rest.
    pub fn list_articles_first(&self, limit: Option<usize>) -> Result<Vec<ArticleSummary>> {
        let sql = library_sql();
        // A negative LIMIT is no limit.
        let limit = limit.map_or(-1, |n| i64::try_from(n).unwrap_or(i64::MAX));
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map([limit], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Option<String>>(2)?,
                r.get::<_, Option<String>>(3)?,
                r.get::<_, Option<String>>(4)?,
                r.get::<_, String>(5)?,
                r.get::<_, u32>(6)?,
                r.get::<_, u32>(7)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (id, title, outlet, date, url, imported_at, claims, reviewed) = row?;
            out.push(ArticleSummary {
                id: parse_article_id(&id)?,
                title,
                outlet,
                date: time::parse_date(date)?,
                url,
                imported_at: time::parse(&imported_at)?,
                claims,
                reviewed,
            });
        }
        Ok(out)
    }

    /// One article with its text.
    pub fn get_article(&self, id: ArticleId) -> Result<Article> {
        self.conn
            .prepare_cached(
                "SELECT id, title, outlet, url, authors, published_at, imported_at, language, source_format,
                        source_path, content_hash, text
                 FROM article WHERE id = ?1",
            )?
            .query_row(params![id.to_string()], raw_article)
            .optional()?
            .ok_or_else(|| StoreError::NotFound {
                what: "article",
                id: id.to_string(),
            })?
            .into_article()
    }

    /// The original bytes of an article, exactly as imported.
    pub fn article_original(&self, id: ArticleId) -> Result<Vec<u8>> {
        self.conn
            .query_row(
                "SELECT original FROM article WHERE id = ?1",
                params![id.to_string()],
                |r| r.get(0),
            )
            .optional()?
            .ok_or_else(|| StoreError::NotFound {
                what: "article",
                id: id.to_string(),
            })
    }

    /// Number of stored articles.
    pub fn count_articles(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("SELECT count(*) FROM article", [], |r| r.get(0))?)
    }
}

/// One article to store with [`import_many`].
pub(crate) struct ImportItem<'a> {
    pub draft: &'a ArticleDraft,
    pub source_path: Option<&'a str>,
    pub claims: &'a [ExtractedClaim],
    /// What the rows need besides the draft and claims (an import makes it on its reading thread).
    pub rows: &'a RowData,
}

/// What an article's rows need besides its draft and claims: its content hash, the new ids, the time of the
/// import and the history data (JSON) of the article and of each claim. An import makes this on its reading
/// thread ([`RowData::new`]), so that the one thread that writes to SQLite only writes.
pub(crate) struct RowData {
    hash: String,
    article_id: ArticleId,
    id: String,
    now: String,
    authors: String,
    date: Option<String>,
    log: String,
    claim_ids: Vec<ClaimId>,
    claim_id_texts: Vec<String>,
    claim_logs: Vec<String>,
}

impl RowData {
    /// The rows of `draft` and its extracted `claims`, imported at `now`.
    pub(crate) fn new(
        draft: &ArticleDraft,
        source_path: Option<&str>,
        claims: &[ExtractedClaim],
        now: String,
    ) -> Result<Self> {
        let hash = draft.content_hash();
        let article_id = ArticleId::new();
        let date = draft.published_at.map(|d| d.to_string());
        let log = history::json(&article_log(
            draft,
            source_path,
            &hash,
            date.as_deref(),
            &now,
        ))?;
        let claim_ids: Vec<ClaimId> = claims.iter().map(|_| ClaimId::new()).collect();
        let claim_logs = claims
            .iter()
            .map(|c| history::json(&claim_log(&article_id, c, &now, EXTRACTED)))
            .collect::<Result<_>>()?;
        Ok(RowData {
            hash,
            article_id,
            id: article_id.to_string(),
            authors: history::json(&draft.authors)?,
            date,
            log,
            claim_id_texts: claim_ids.iter().map(ToString::to_string).collect(),
            claim_ids,
            claim_logs,
            now,
        })
    }
}

/// The `origin` of claims found by extraction, and of claims a person added.
const EXTRACTED: &str = "extracted";
const MANUAL: &str = "manual";

/// Writes an article, its claims and their history rows on `conn` (a transaction or savepoint the caller
/// commits or rolls back as a whole); with `queue_jobs`, its claims join the link and score queues in the same
/// transaction.
pub(crate) fn import_into(
    conn: &Connection,
    actor: &Actor,
    draft: &ArticleDraft,
    source_path: Option<&str>,
    claims: &[ExtractedClaim],
    queue_jobs: bool,
) -> Result<ImportOutcome> {
    let rows = RowData::new(draft, source_path, claims, time::fmt(time::now()))?;
    let item = ImportItem {
        draft,
        source_path,
        claims,
        rows: &rows,
    };
    import_many(conn, actor, std::slice::from_ref(&item), queue_jobs)?
        .pop()
        .ok_or_else(|| StoreError::Invalid("no article stored".into()))
}

/// Articles per multi-row INSERT at most (13 parameters each, under SQLite's default limit of 32,766).
const ARTICLES_PER_STATEMENT: usize = 1_024;

/// Writes many articles, their claims and all their history rows on `conn`, which the caller commits or rolls
/// back as a whole. Outcomes come back in the order of `items`; content already stored, or met earlier in
/// `items`, is a duplicate. With `queue_jobs`, the new claims join the link queue (`link_pending`) and the score
/// queue (`score_pending`) in the same transaction, so a crash never loses the work of stored claims.
///
/// Everything goes in with multi-row statements: FTS5 writes a new index segment at the end of every statement
/// that touches it, so a statement per article (or per claim) makes imports several times slower.
pub(crate) fn import_many(
    conn: &Connection,
    actor: &Actor,
    items: &[ImportItem<'_>],
    queue_jobs: bool,
) -> Result<Vec<ImportOutcome>> {
    let now = time::fmt(time::now());
    let mut outcomes = Vec::with_capacity(items.len());
    let mut fresh: Vec<&ImportItem<'_>> = Vec::with_capacity(items.len());
    let mut seen: std::collections::HashMap<&str, ArticleId> = std::collections::HashMap::new();
    for item in items {
        let hash = item.rows.hash.as_str();
        let existing: Option<String> = conn
            .prepare_cached("SELECT id FROM article WHERE content_hash = ?1")?
            .query_row(params![hash], |r| r.get(0))
            .optional()?;
        if let Some(id) = existing {
            outcomes.push(ImportOutcome::Duplicate {
                article_id: parse_article_id(&id)?,
            });
        } else if let Some(&article_id) = seen.get(hash) {
            outcomes.push(ImportOutcome::Duplicate { article_id });
        } else {
            let article_id = item.rows.article_id;
            seen.insert(hash, article_id);
            outcomes.push(ImportOutcome::Imported {
                article_id,
                claims: item.claims.len(),
            });
            fresh.push(item);
        }
    }
    if let Some(bad) = fresh
        .iter()
        .flat_map(|item| item.claims)
        .find(|c| c.end <= c.start)
    {
        return Err(StoreError::Invalid(format!(
            "claim span {}..{} is empty",
            bad.start, bad.end
        )));
    }
    for range in history::statement_ranges(fresh.len(), ARTICLES_PER_STATEMENT) {
        let chunk = &fresh[range];
        let mut values: Vec<ToSqlOutput<'_>> = Vec::with_capacity(chunk.len() * 13);
        for item in chunk {
            let (draft, row) = (item.draft, item.rows);
            values.extend([
                text(&row.id),
                text(&draft.title),
                opt_text(draft.outlet.as_deref()),
                opt_text(draft.url.as_deref()),
                text(&row.authors),
                opt_text(row.date.as_deref()),
                text(&row.now),
                opt_text(draft.language.as_deref()),
                text(draft.source_format.as_str()),
                opt_text(item.source_path),
                text(&row.hash),
                text(&draft.text),
                ToSqlOutput::Borrowed(ValueRef::Blob(&draft.original)),
            ]);
        }
        history::insert_rows(
            conn,
            "INSERT INTO article (id, title, outlet, url, authors, published_at, imported_at, language,
                                  source_format, source_path, content_hash, text, original)",
            "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            chunk.len(),
            values,
        )?;
    }
    let article_logs: Vec<(&str, &str)> = fresh
        .iter()
        .map(|item| (item.rows.id.as_str(), item.rows.log.as_str()))
        .collect();
    history::record_json(conn, actor, "article", &article_logs)?;
    let mut claims: Vec<ClaimRow<'_>> = Vec::new();
    let mut ids: Vec<ClaimId> = Vec::new();
    for item in &fresh {
        let row = item.rows;
        ids.extend(&row.claim_ids);
        for ((claim, id), log) in item
            .claims
            .iter()
            .zip(&row.claim_id_texts)
            .zip(&row.claim_logs)
        {
            claims.push(ClaimRow {
                id,
                article_id: &row.id,
                claim,
                created_at: &row.now,
                log,
            });
        }
    }
    let last_pk = crate::suggest::last_claim_pk(conn)?;
    insert_claim_rows(conn, actor, &claims, EXTRACTED)?;
    if queue_jobs {
        crate::suggest::enqueue_after(conn, last_pk, &now)?;
        crate::score::enqueue_after(conn, last_pk, &now)?;
    }
    let extracted: Vec<&ExtractedClaim> = claims.iter().map(|c| c.claim).collect();
    crate::topics::assign_new_claims(conn, actor, &ids, &extracted)?;
    Ok(outcomes)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A text parameter borrowed from its owner (SQLite copies it when binding).
pub(crate) fn text(s: &str) -> ToSqlOutput<'_> {
    ToSqlOutput::Borrowed(ValueRef::Text(s.as_bytes()))
}

/// A text parameter, or NULL.
pub(crate) fn opt_text(s: Option<&str>) -> ToSqlOutput<'_> {
    s.map_or(ToSqlOutput::Borrowed(ValueRef::Null), text)
}

/// The history data of an article insert. The fields are in alphabetical order: the order in which
/// `serde_json` (without `preserve_order`) writes the keys of a `json!` object, which is how these rows were
/// first written; the log keeps that exact form.
#[derive(Serialize)]
struct ArticleLog<'a> {
    authors: &'a [String],
    content_hash: &'a str,
    imported_at: &'a str,
    language: Option<&'a str>,
    original_hex: Option<String>,
    original_utf8: Option<&'a str>,
    outlet: Option<&'a str>,
    published_at: Option<&'a str>,
    source_format: SourceFormat,
    source_path: Option<&'a str>,
    text: &'a str,
    title: &'a str,
    url: Option<&'a str>,
}

/// The history data of an article insert (see [`ArticleLog`]).
fn article_log<'a>(
    draft: &'a ArticleDraft,
    source_path: Option<&'a str>,
    hash: &'a str,
    date: Option<&'a str>,
    now: &'a str,
) -> ArticleLog<'a> {
    // The original bytes go into the log only when they differ from the text (replay restores them from it).
    let original_differs = draft.original != draft.text.as_bytes();
    let original_utf8 = std::str::from_utf8(&draft.original)
        .ok()
        .filter(|_| original_differs);
    ArticleLog {
        authors: &draft.authors,
        content_hash: hash,
        imported_at: now,
        language: draft.language.as_deref(),
        original_hex: (original_differs && original_utf8.is_none()).then(|| hex(&draft.original)),
        original_utf8,
        outlet: draft.outlet.as_deref(),
        published_at: date,
        source_format: draft.source_format,
        source_path,
        text: &draft.text,
        title: &draft.title,
        url: draft.url.as_deref(),
    }
}

/// The history data of a claim insert, keys in alphabetical order (see [`ArticleLog`]).
#[derive(Serialize)]
struct ClaimLog<'a> {
    article_id: &'a ArticleId,
    checkworthiness: f64,
    claimant: &'a Option<String>,
    created_at: &'a str,
    end: usize,
    entities: Vec<EntityLog<'a>>,
    kind: ClaimKind,
    origin: &'a str,
    speaker: &'a Option<String>,
    start: usize,
    status: &'a str,
    text: &'a str,
}

/// The history data of a new claim (`origin`: "extracted" or "manual").
fn claim_log<'a>(
    article_id: &'a ArticleId,
    claim: &'a ExtractedClaim,
    now: &'a str,
    origin: &'a str,
) -> ClaimLog<'a> {
    ClaimLog {
        article_id,
        checkworthiness: claim.checkworthiness.clamp(0.0, 1.0),
        claimant: &claim.claimant,
        created_at: now,
        end: claim.end,
        entities: claim
            .entities
            .iter()
            .map(|e| EntityLog {
                kind: e.kind,
                mention: &e.mention,
                name: &e.name,
            })
            .collect(),
        kind: claim.kind,
        origin,
        speaker: &claim.speaker,
        start: claim.start,
        status: "unreviewed",
        text: &claim.text,
    }
}

/// An entity mention in a claim's history data, keys in alphabetical order.
#[derive(Serialize)]
struct EntityLog<'a> {
    kind: EntityKind,
    mention: &'a str,
    name: &'a str,
}

/// The Library's rows (`LIMIT ?1`), read from the covering index `article_library` and, for the counts, from
/// `claim_article_status`.
pub(crate) fn library_sql() -> String {
    let verdicts = verdict_list();
    format!(
        "SELECT a.id, a.title, a.outlet, a.published_at, a.url, a.imported_at,
                (SELECT count(*) FROM claim c WHERE c.article_id = a.id AND c.dismissed = 0),
                (SELECT count(*) FROM claim c WHERE c.article_id = a.id AND c.dismissed = 0
                    AND c.status IN ({verdicts}))
         FROM article a
         ORDER BY a.published_at IS NULL, a.published_at DESC, a.imported_at DESC
         LIMIT ?1"
    )
}

pub(crate) fn verdict_list() -> String {
    ClaimStatus::ALL
        .iter()
        .filter(|s| s.is_verdict())
        .map(|s| format!("'{}'", s.as_str()))
        .collect::<Vec<_>>()
        .join(",")
}

pub(crate) fn parse_article_id(s: &str) -> Result<ArticleId> {
    s.parse()
        .map_err(|e| StoreError::Corrupt(format!("article id `{s}`: {e}")))
}

struct RawArticle {
    id: String,
    title: String,
    outlet: Option<String>,
    url: Option<String>,
    authors: String,
    date: Option<String>,
    imported_at: String,
    language: Option<String>,
    source_format: String,
    source_path: Option<String>,
    content_hash: String,
    text: String,
}

fn raw_article(r: &Row<'_>) -> rusqlite::Result<RawArticle> {
    Ok(RawArticle {
        id: r.get(0)?,
        title: r.get(1)?,
        outlet: r.get(2)?,
        url: r.get(3)?,
        authors: r.get(4)?,
        date: r.get(5)?,
        imported_at: r.get(6)?,
        language: r.get(7)?,
        source_format: r.get(8)?,
        source_path: r.get(9)?,
        content_hash: r.get(10)?,
        text: r.get(11)?,
    })
}

impl RawArticle {
    fn into_article(self) -> Result<Article> {
        Ok(Article {
            id: parse_article_id(&self.id)?,
            title: self.title,
            outlet: self.outlet,
            url: self.url,
            authors: serde_json::from_str(&self.authors)
                .map_err(|e| StoreError::Corrupt(format!("authors of {}: {e}", self.id)))?,
            date: time::parse_date(self.date)?,
            imported_at: time::parse(&self.imported_at)?,
            language: self.language,
            source_format: self
                .source_format
                .parse::<SourceFormat>()
                .map_err(|e| StoreError::Corrupt(e.to_string()))?,
            source_path: self.source_path,
            content_hash: self.content_hash,
            text: self.text,
        })
    }
}

/// Inserts one claim with its entities (and their history rows) inside `tx`.
pub(crate) fn insert_claim(
    tx: &Connection,
    actor: &Actor,
    article_id: ArticleId,
    claim: &ExtractedClaim,
    manual: bool,
    now: &str,
) -> Result<ClaimId> {
    let ids = insert_claims(
        tx,
        actor,
        article_id,
        std::slice::from_ref(claim),
        manual,
        now,
    )?;
    ids.into_iter()
        .next()
        .ok_or_else(|| StoreError::Invalid("no claim inserted".into()))
}

/// Claims per multi-row INSERT at most (12 parameters each, under SQLite's default limit of 32,766).
const CLAIMS_PER_STATEMENT: usize = 2_048;

/// Inserts claims of one article with their entities and history rows inside `tx`.
pub(crate) fn insert_claims(
    tx: &Connection,
    actor: &Actor,
    article_id: ArticleId,
    claims: &[ExtractedClaim],
    manual: bool,
    now: &str,
) -> Result<Vec<ClaimId>> {
    let origin = if manual { MANUAL } else { EXTRACTED };
    let article = article_id.to_string();
    let ids: Vec<ClaimId> = claims.iter().map(|_| ClaimId::new()).collect();
    let id_texts: Vec<String> = ids.iter().map(ToString::to_string).collect();
    let logs: Vec<String> = claims
        .iter()
        .map(|c| history::json(&claim_log(&article_id, c, now, origin)))
        .collect::<Result<_>>()?;
    let rows: Vec<ClaimRow<'_>> = claims
        .iter()
        .zip(&id_texts)
        .zip(&logs)
        .map(|((claim, id), log)| ClaimRow {
            id,
            article_id: &article,
            claim,
            created_at: now,
            log,
        })
        .collect();
    insert_claim_rows(tx, actor, &rows, origin)?;
    Ok(ids)
}

/// A claim to insert: its id, its article's id, when it was made and its history data (JSON), all as text.
struct ClaimRow<'a> {
    id: &'a str,
    article_id: &'a str,
    claim: &'a ExtractedClaim,
    created_at: &'a str,
    log: &'a str,
}

/// Inserts claims (of one or many articles) with their entities and history rows inside `tx`, with multi-row
/// statements: FTS5 flushes its pending terms to a new index segment at every statement, so one statement per
/// claim would write one segment per claim and make imports ~10x slower.
fn insert_claim_rows(
    tx: &Connection,
    actor: &Actor,
    claims: &[ClaimRow<'_>],
    origin: &str,
) -> Result<()> {
    if let Some(bad) = claims.iter().find(|c| c.claim.end <= c.claim.start) {
        return Err(StoreError::Invalid(format!(
            "claim span {}..{} is empty",
            bad.claim.start, bad.claim.end
        )));
    }
    for range in history::statement_ranges(claims.len(), CLAIMS_PER_STATEMENT) {
        let chunk = &claims[range];
        let mut values: Vec<ToSqlOutput<'_>> = Vec::with_capacity(chunk.len() * 12);
        for row in chunk {
            let claim = row.claim;
            values.extend([
                text(row.id),
                text(row.article_id),
                text(&claim.text),
                ToSqlOutput::Owned(Value::Integer(claim.start as i64)),
                ToSqlOutput::Owned(Value::Integer(claim.end as i64)),
                opt_text(claim.claimant.as_deref()),
                opt_text(claim.speaker.as_deref()),
                text(claim.kind.as_str()),
                ToSqlOutput::Owned(Value::Real(claim.checkworthiness.clamp(0.0, 1.0))),
                text(origin),
                text(row.created_at),
                text(row.created_at),
            ]);
        }
        history::insert_rows(
            tx,
            "INSERT INTO claim (id, article_id, text, span_start, span_end, claimant, speaker, kind,
                                checkworthiness, origin, created_at, updated_at)",
            "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            chunk.len(),
            values,
        )?;
    }
    let logs: Vec<(&str, &str)> = claims.iter().map(|c| (c.id, c.log)).collect();
    history::record_json(tx, actor, "claim", &logs)?;
    let extracted: Vec<&ExtractedClaim> = claims.iter().map(|c| c.claim).collect();
    let ids: Vec<&str> = claims.iter().map(|c| c.id).collect();
    crate::claims::link_entities(tx, actor, &extracted, &ids)
}

#[cfg(test)]
mod tests {
    use super::*;
    use claimtrail_core::EntityMention;
    use serde_json::json;

    /// The history data is written exactly as the `json!` objects it replaced wrote it (same keys, same order,
    /// same number forms), so logs written before and after compare equal byte for byte.
    #[test]
    fn history_data_keeps_its_json_form() -> std::result::Result<(), Box<dyn std::error::Error>> {
        let now = "2026-01-02T03:04:05.678Z";
        let mut drafts = vec![ArticleDraft::plain(
            "Title “q”",
            "Text with \"quotes\"\nand\tlines.",
        )];
        let mut d = ArticleDraft::plain("Other", "Zürich ünïcode");
        d.outlet = Some("Outlet".into());
        d.url = Some("https://example.org/a".into());
        d.authors = vec!["Jane Doe".into(), "John Roe".into()];
        d.published_at = chrono::NaiveDate::from_ymd_opt(2017, 11, 11);
        d.language = Some("eng".into());
        d.source_format = SourceFormat::Html;
        d.original = b"<p>Z\xc3\xbcrich</p>".to_vec();
        drafts.push(d);
        let mut d = ArticleDraft::plain("Bytes", "Latin-1");
        d.original = vec![0xff, 0xfe, 0x41];
        drafts.push(d);
        for (i, draft) in drafts.iter().enumerate() {
            let source_path = (i == 1).then_some("/tmp/a.html");
            let rows = RowData::new(draft, source_path, &[], now.to_string())?;
            let hash = &rows.hash;
            let date = draft.published_at.map(|d| d.to_string());
            let original_differs = draft.original != draft.text.as_bytes();
            let original_utf8 = std::str::from_utf8(&draft.original)
                .ok()
                .filter(|_| original_differs);
            let old = json!({
                "title": draft.title, "outlet": draft.outlet, "url": draft.url, "authors": draft.authors,
                "published_at": date, "imported_at": now, "language": draft.language,
                "source_format": draft.source_format, "source_path": source_path,
                "content_hash": hash, "text": draft.text,
                "original_utf8": original_utf8,
                "original_hex": (original_differs && original_utf8.is_none()).then(|| hex(&draft.original)),
            });
            assert_eq!(rows.log, old.to_string());
            assert_eq!(rows.authors, json!(draft.authors).to_string());
        }
        let article_id = ArticleId::new();
        for (claimant, checkworthiness, entities) in [
            (None, 0.5, vec![]),
            (
                Some("Jane Doe".to_string()),
                0.1234,
                vec![
                    EntityMention {
                        name: "Jane Doe".into(),
                        kind: EntityKind::Person,
                        mention: "Doe".into(),
                    },
                    EntityMention {
                        name: "Zürich".into(),
                        kind: EntityKind::Location,
                        mention: "Zürich".into(),
                    },
                ],
            ),
            (None, 1.0, vec![]),
            (None, 0.0, vec![]),
        ] {
            let claim = ExtractedClaim {
                text: "A claim, “quoted”.".into(),
                start: 3,
                end: 21,
                claimant: claimant.clone(),
                speaker: claimant,
                kind: ClaimKind::Statement,
                checkworthiness,
                entities,
            };
            let new = claim_log(&article_id, &claim, now, "extracted");
            let old = json!({
                "article_id": article_id, "text": claim.text, "start": claim.start, "end": claim.end,
                "claimant": claim.claimant, "speaker": claim.speaker, "kind": claim.kind,
                "checkworthiness": claim.checkworthiness.clamp(0.0, 1.0), "status": "unreviewed",
                "origin": "extracted", "created_at": now, "entities": claim.entities,
            });
            assert_eq!(serde_json::to_string(&new)?, old.to_string());
        }
        Ok(())
    }
}
