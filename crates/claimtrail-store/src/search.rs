//! Full-text search over articles and claims (FTS5, BM25 ranking).

use rusqlite::params;
use uuid::Uuid;

use crate::articles::parse_article_id;
use crate::error::{Result, StoreError};
use crate::Store;
use claimtrail_core::{ClaimStatus, HitKind, SearchHit};

/// Turns what a person typed into an FTS5 query: each word becomes a quoted term (so punctuation and FTS5
/// operators are taken literally), the last one a prefix, all of them required.
pub fn fts_query(input: &str) -> Option<String> {
    let words: Vec<String> = input
        .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
        .filter(|w| !w.is_empty())
        .map(|w| format!("\"{}\"", w.replace('"', "")))
        .collect();
    if words.is_empty() {
        return None;
    }
    let mut q = words.join(" ");
    q.push('*');
    Some(q)
}

impl Store {
    /// Claims and articles matching `query`, best first (claims and articles merged by BM25 rank).
    pub fn search(&self, query: &str, limit: usize) -> Result<Vec<SearchHit>> {
        let Some(q) = fts_query(query) else {
            return Ok(Vec::new());
        };
        let limit = limit.clamp(1, 1000) as i64;
        let mut hits = Vec::new();
        let mut stmt = self.conn.prepare_cached(
            "SELECT c.id, c.article_id, a.title, snippet(claim_fts, 0, '[', ']', '…', 24), c.span_start, c.span_end,
                    c.speaker, c.status, bm25(claim_fts) AS rank
             FROM claim_fts JOIN claim c ON c.pk = claim_fts.rowid JOIN article a ON a.id = c.article_id
             WHERE claim_fts MATCH ?1 AND c.dismissed = 0 ORDER BY rank LIMIT ?2",
        )?;
        let rows = stmt.query_map(params![q, limit], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, i64>(4)?,
                r.get::<_, i64>(5)?,
                r.get::<_, Option<String>>(6)?,
                r.get::<_, String>(7)?,
                r.get::<_, f64>(8)?,
            ))
        })?;
        for row in rows {
            let (id, article_id, title, snippet, start, end, speaker, status, rank) = row?;
            hits.push(SearchHit {
                kind: HitKind::Claim,
                id: parse_uuid(&id)?,
                article_id: parse_article_id(&article_id)?,
                article_title: title,
                snippet,
                start: usize::try_from(start).ok(),
                end: usize::try_from(end).ok(),
                speaker,
                status: status.parse::<ClaimStatus>().ok(),
                rank,
            });
        }
        let mut stmt = self.conn.prepare_cached(
            "SELECT a.id, a.title, snippet(article_fts, 1, '[', ']', '…', 24), bm25(article_fts) AS rank
             FROM article_fts JOIN article a ON a.pk = article_fts.rowid
             WHERE article_fts MATCH ?1 ORDER BY rank LIMIT ?2",
        )?;
        let rows = stmt.query_map(params![q, limit], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, f64>(3)?,
            ))
        })?;
        for row in rows {
            let (id, title, snippet, rank) = row?;
            let article_id = parse_article_id(&id)?;
            hits.push(SearchHit {
                kind: HitKind::Article,
                id: article_id.0,
                article_id,
                article_title: title,
                snippet,
                start: None,
                end: None,
                speaker: None,
                status: None,
                rank,
            });
        }
        hits.sort_by(|a, b| a.rank.total_cmp(&b.rank));
        hits.truncate(limit as usize);
        Ok(hits)
    }
}

fn parse_uuid(s: &str) -> Result<Uuid> {
    Uuid::parse_str(s).map_err(|e| StoreError::Corrupt(format!("id `{s}`: {e}")))
}

#[cfg(test)]
mod tests {
    use super::fts_query;

    #[test]
    fn user_text_becomes_a_safe_fts_query() {
        assert_eq!(
            fts_query("military channels").as_deref(),
            Some("\"military\" \"channels\"*")
        );
        assert_eq!(
            fts_query("NEAR(\"a\" OR b)").as_deref(),
            Some("\"NEAR\" \"a\" \"OR\" \"b\"*")
        );
        assert_eq!(fts_query("  -- "), None);
    }
}
