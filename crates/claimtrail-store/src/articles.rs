//! Articles: import (article + claims in one transaction), listing and reading.

use rusqlite::types::Value;
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::Serialize;
use serde_json::json;

use crate::error::{Result, StoreError};
use crate::history::{self, Actor};
use crate::{time, Store};
use claimtrail_core::{
    Article, ArticleDraft, ArticleId, ArticleSummary, ClaimId, ClaimStatus, ExtractedClaim,
    SourceFormat,
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
}

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
    let item = ImportItem {
        draft,
        source_path,
        claims,
    };
    import_many(conn, actor, std::slice::from_ref(&item), queue_jobs)?
        .pop()
        .ok_or_else(|| StoreError::Invalid("no article stored".into()))
}

/// Articles per multi-row INSERT (13 parameters each, under SQLite's default limit of 32,766).
const ARTICLES_PER_STATEMENT: usize = 1_000;

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
    let mut fresh: Vec<(ArticleId, String, &ImportItem<'_>)> = Vec::with_capacity(items.len());
    let mut seen: std::collections::HashMap<String, ArticleId> = std::collections::HashMap::new();
    for item in items {
        let hash = item.draft.content_hash();
        let existing: Option<String> = conn
            .prepare_cached("SELECT id FROM article WHERE content_hash = ?1")?
            .query_row(params![hash], |r| r.get(0))
            .optional()?;
        if let Some(id) = existing {
            outcomes.push(ImportOutcome::Duplicate {
                article_id: parse_article_id(&id)?,
            });
        } else if let Some(&article_id) = seen.get(&hash) {
            outcomes.push(ImportOutcome::Duplicate { article_id });
        } else {
            let article_id = ArticleId::new();
            seen.insert(hash.clone(), article_id);
            outcomes.push(ImportOutcome::Imported {
                article_id,
                claims: item.claims.len(),
            });
            fresh.push((article_id, hash, item));
        }
    }
    if let Some(bad) = fresh
        .iter()
        .flat_map(|(_, _, item)| item.claims)
        .find(|c| c.end <= c.start)
    {
        return Err(StoreError::Invalid(format!(
            "claim span {}..{} is empty",
            bad.start, bad.end
        )));
    }
    let mut history_rows = Vec::with_capacity(fresh.len());
    for chunk in fresh.chunks(ARTICLES_PER_STATEMENT) {
        let rows = vec!["(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"; chunk.len()].join(", ");
        let sql = format!(
            "INSERT INTO article (id, title, outlet, url, authors, published_at, imported_at, language,
                                  source_format, source_path, content_hash, text, original) VALUES {rows}"
        );
        let mut values: Vec<Value> = Vec::with_capacity(chunk.len() * 13);
        for (article_id, hash, item) in chunk {
            let draft = item.draft;
            let authors = serde_json::to_string(&draft.authors)
                .map_err(|e| StoreError::Invalid(e.to_string()))?;
            let date = draft.published_at.map(|d| d.to_string());
            // The original bytes go into the log only when they differ from the text (replay restores them
            // from it).
            let original_differs = draft.original != draft.text.as_bytes();
            let original_utf8 = std::str::from_utf8(&draft.original)
                .ok()
                .filter(|_| original_differs);
            history_rows.push((
                article_id.to_string(),
                json!({
                    "title": draft.title, "outlet": draft.outlet, "url": draft.url, "authors": draft.authors,
                    "published_at": date, "imported_at": now, "language": draft.language,
                    "source_format": draft.source_format, "source_path": item.source_path,
                    "content_hash": hash, "text": draft.text,
                    "original_utf8": original_utf8,
                    "original_hex": (original_differs && original_utf8.is_none()).then(|| hex(&draft.original)),
                }),
            ));
            values.extend([
                Value::Text(article_id.to_string()),
                Value::Text(draft.title.clone()),
                draft.outlet.clone().map_or(Value::Null, Value::Text),
                draft.url.clone().map_or(Value::Null, Value::Text),
                Value::Text(authors),
                date.map_or(Value::Null, Value::Text),
                Value::Text(now.clone()),
                draft.language.clone().map_or(Value::Null, Value::Text),
                Value::Text(draft.source_format.as_str().to_string()),
                item.source_path
                    .map_or(Value::Null, |p| Value::Text(p.to_string())),
                Value::Text(hash.clone()),
                Value::Text(draft.text.clone()),
                Value::Blob(draft.original.clone()),
            ]);
        }
        conn.prepare_cached(&sql)?
            .execute(rusqlite::params_from_iter(values))?;
    }
    history::record_inserts(conn, actor, "article", &history_rows)?;
    let claims: Vec<(ArticleId, &ExtractedClaim)> = fresh
        .iter()
        .flat_map(|(article_id, _, item)| item.claims.iter().map(move |c| (*article_id, c)))
        .collect();
    let last_pk = crate::suggest::last_claim_pk(conn)?;
    let ids = insert_claim_rows(conn, actor, &claims, false, &now)?;
    if queue_jobs {
        crate::suggest::enqueue_after(conn, last_pk, &now)?;
        crate::score::enqueue_after(conn, last_pk, &now)?;
    }
    let extracted: Vec<&ExtractedClaim> = claims.iter().map(|(_, c)| *c).collect();
    crate::topics::assign_new_claims(conn, actor, &ids, &extracted)?;
    Ok(outcomes)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
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

/// Claims per multi-row INSERT (12 parameters each, under SQLite's default limit of 32,766).
const CLAIMS_PER_STATEMENT: usize = 2_000;

/// Inserts claims of one article with their entities and history rows inside `tx`.
pub(crate) fn insert_claims(
    tx: &Connection,
    actor: &Actor,
    article_id: ArticleId,
    claims: &[ExtractedClaim],
    manual: bool,
    now: &str,
) -> Result<Vec<ClaimId>> {
    let rows: Vec<(ArticleId, &ExtractedClaim)> = claims.iter().map(|c| (article_id, c)).collect();
    insert_claim_rows(tx, actor, &rows, manual, now)
}

/// Inserts claims (of one or many articles) with their entities and history rows inside `tx`, with multi-row
/// statements: FTS5 flushes its pending terms to a new index segment at every statement, so one statement per
/// claim would write one segment per claim and make imports ~10x slower.
fn insert_claim_rows(
    tx: &Connection,
    actor: &Actor,
    claims: &[(ArticleId, &ExtractedClaim)],
    manual: bool,
    now: &str,
) -> Result<Vec<ClaimId>> {
    if let Some((_, bad)) = claims.iter().find(|(_, c)| c.end <= c.start) {
        return Err(StoreError::Invalid(format!(
            "claim span {}..{} is empty",
            bad.start, bad.end
        )));
    }
    let origin = if manual { "manual" } else { "extracted" };
    let ids: Vec<ClaimId> = claims.iter().map(|_| ClaimId::new()).collect();
    for (chunk, chunk_ids) in claims
        .chunks(CLAIMS_PER_STATEMENT)
        .zip(ids.chunks(CLAIMS_PER_STATEMENT))
    {
        let rows = vec!["(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"; chunk.len()].join(", ");
        let sql = format!(
            "INSERT INTO claim (id, article_id, text, span_start, span_end, claimant, speaker, kind,
                                checkworthiness, origin, created_at, updated_at) VALUES {rows}"
        );
        let mut values: Vec<Value> = Vec::with_capacity(chunk.len() * 12);
        for ((article_id, claim), id) in chunk.iter().zip(chunk_ids) {
            values.extend([
                Value::Text(id.to_string()),
                Value::Text(article_id.to_string()),
                Value::Text(claim.text.clone()),
                Value::Integer(claim.start as i64),
                Value::Integer(claim.end as i64),
                claim.claimant.clone().map_or(Value::Null, Value::Text),
                claim.speaker.clone().map_or(Value::Null, Value::Text),
                Value::Text(claim.kind.as_str().to_string()),
                Value::Real(claim.checkworthiness.clamp(0.0, 1.0)),
                Value::Text(origin.to_string()),
                Value::Text(now.to_string()),
                Value::Text(now.to_string()),
            ]);
        }
        tx.prepare_cached(&sql)?
            .execute(rusqlite::params_from_iter(values))?;
    }
    let history_rows: Vec<(String, serde_json::Value)> = claims
        .iter()
        .zip(&ids)
        .map(|((article_id, claim), claim_id)| {
            let data = json!({
                "article_id": article_id, "text": claim.text, "start": claim.start, "end": claim.end,
                "claimant": claim.claimant, "speaker": claim.speaker, "kind": claim.kind,
                "checkworthiness": claim.checkworthiness.clamp(0.0, 1.0), "status": "unreviewed",
                "origin": origin, "created_at": now, "entities": claim.entities,
            });
            (claim_id.to_string(), data)
        })
        .collect();
    history::record_inserts(tx, actor, "claim", &history_rows)?;
    let extracted: Vec<&ExtractedClaim> = claims.iter().map(|(_, c)| *c).collect();
    crate::claims::link_entities(tx, actor, &extracted, &ids)?;
    Ok(ids)
}
