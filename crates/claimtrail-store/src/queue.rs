//! The review queue: claims to review, most check-worthy first, with filters, facets and status counts.

use chrono::NaiveDate;
use rusqlite::ToSql;
use serde::Serialize;

use crate::articles::parse_article_id;
use crate::claims::{raw_claim, RawClaim, CLAIM_COLUMNS};
use crate::edit::{clean, paragraph_at};
use crate::error::Result;
use crate::reviews::parse_status;
use crate::{time, Store};
use claimtrail_core::{ArticleId, Claim, ClaimStatus};

/// Which claims the review queue shows. Empty fields do not filter.
#[derive(Debug, Clone, Default)]
pub struct QueueFilter {
    /// Defaults to `unreviewed` when `None` and `any_status` is false.
    pub status: Option<ClaimStatus>,
    pub any_status: bool,
    pub outlet: Option<String>,
    /// Matches the claimant or the resolved speaker (case-insensitive substring).
    pub claimant: Option<String>,
    pub date_from: Option<NaiveDate>,
    pub date_to: Option<NaiveDate>,
    pub limit: usize,
    pub offset: usize,
}

/// One claim of the review queue with the article it comes from and the paragraph around it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QueueItem {
    pub claim: Claim,
    pub article_title: String,
    pub outlet: Option<String>,
    pub date: Option<NaiveDate>,
    /// The paragraph (blank-line separated) holding the claim.
    pub paragraph: String,
    /// Char offset of `paragraph` in the article text.
    pub paragraph_start: usize,
}

/// One page of the queue and how many claims match in all.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QueuePage {
    pub items: Vec<QueueItem>,
    pub total: usize,
}

/// Values to offer in the queue's filters.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct QueueFacets {
    pub outlets: Vec<String>,
    pub claimants: Vec<String>,
}

/// Number of (not dismissed) claims of one article in one status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StatusCount {
    pub article_id: ArticleId,
    pub status: ClaimStatus,
    pub count: u32,
}

impl Store {
    /// The review queue: claims matching `filter`, most check-worthy first, one page at a time.
    pub fn queue(&self, filter: &QueueFilter) -> Result<QueuePage> {
        let mut cond = String::from(" WHERE c.dismissed = 0");
        let mut args: Vec<Box<dyn ToSql>> = Vec::new();
        let status = if filter.any_status {
            filter.status
        } else {
            Some(filter.status.unwrap_or(ClaimStatus::Unreviewed))
        };
        if let Some(status) = status {
            args.push(Box::new(status.as_str()));
            cond.push_str(&format!(" AND c.status = ?{}", args.len()));
        }
        if let Some(outlet) = clean(filter.outlet.clone()) {
            args.push(Box::new(outlet));
            cond.push_str(&format!(" AND a.outlet = ?{}", args.len()));
        }
        if let Some(who) = clean(filter.claimant.clone()) {
            args.push(Box::new(format!("%{}%", who.replace(['%', '_'], ""))));
            let n = args.len();
            // A person record's other names count too: "Donald Trump" finds what "Trump" said once merged.
            // (Only merged names and their records are involved: `merged_into` is set on people's names only.)
            cond.push_str(&format!(
                " AND (c.claimant LIKE ?{n} OR c.speaker LIKE ?{n} OR c.speaker IN (
                     SELECT e.name FROM entity e JOIN entity r ON r.id = e.merged_into
                     WHERE r.name LIKE ?{n} OR EXISTS (SELECT 1 FROM entity o
                            WHERE o.merged_into = r.id AND o.name LIKE ?{n})
                     UNION
                     SELECT r.name FROM entity e JOIN entity r ON r.id = e.merged_into
                     WHERE e.name LIKE ?{n}))"
            ));
        }
        if let Some(from) = filter.date_from {
            args.push(Box::new(from.to_string()));
            cond.push_str(&format!(" AND a.published_at >= ?{}", args.len()));
        }
        if let Some(to) = filter.date_to {
            args.push(Box::new(to.to_string()));
            cond.push_str(&format!(" AND a.published_at <= ?{}", args.len()));
        }
        // Join articles only when a filter needs them: the queue must stay fast at 100,000+ claims.
        let needs_article = clean(filter.outlet.clone()).is_some()
            || filter.date_from.is_some()
            || filter.date_to.is_some();
        let from = if needs_article {
            "claim c JOIN article a ON a.id = c.article_id"
        } else {
            "claim c"
        };
        let count_sql = format!("SELECT count(*) FROM {from}{cond}");
        let total: i64 = self
            .conn
            .prepare_cached(&count_sql)?
            .query_row(rusqlite::params_from_iter(args.iter()), |r| r.get(0))?;
        let limit = filter.limit.clamp(1, 500);
        args.push(Box::new(limit as i64));
        let lim = args.len();
        args.push(Box::new(filter.offset as i64));
        let off = args.len();
        let sql = format!(
            "SELECT {CLAIM_COLUMNS}, a.title, a.outlet, a.published_at, a.text
             FROM (SELECT c.pk FROM {from}{cond}
                   ORDER BY c.checkworthiness DESC, c.pk LIMIT ?{lim} OFFSET ?{off}) page
             JOIN claim c ON c.pk = page.pk JOIN article a ON a.id = c.article_id
             ORDER BY c.checkworthiness DESC, c.pk"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        type Row = (RawClaim, String, Option<String>, Option<String>, String);
        let rows: Vec<Row> = stmt
            .query_map(rusqlite::params_from_iter(args.iter()), |r| {
                Ok((
                    raw_claim(r)?,
                    r.get(14)?,
                    r.get(15)?,
                    r.get(16)?,
                    r.get(17)?,
                ))
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut items = Vec::with_capacity(rows.len());
        for (raw, title, outlet, date, text) in rows {
            let claim = raw.into_claim(&self.conn)?;
            let (paragraph_start, paragraph) = paragraph_at(&text, claim.start);
            items.push(QueueItem {
                claim,
                article_title: title,
                outlet,
                date: time::parse_date(date)?,
                paragraph,
                paragraph_start,
            });
        }
        Ok(QueuePage {
            items,
            total: usize::try_from(total).unwrap_or(0),
        })
    }

    /// Outlets and claimants present in the database, for the queue's filters.
    pub fn queue_facets(&self) -> Result<QueueFacets> {
        let outlets = self
            .conn
            .prepare_cached(
                "SELECT DISTINCT outlet FROM article WHERE outlet IS NOT NULL ORDER BY outlet",
            )?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<String>>>()?;
        let claimants = self
            .conn
            .prepare_cached(
                // A speaker merged into a person record is listed under the record's name.
                "SELECT DISTINCT coalesce(r.name, c.speaker, c.claimant) AS who FROM claim c
                 LEFT JOIN entity e ON e.name = c.speaker AND e.merged_into IS NOT NULL
                 LEFT JOIN entity r ON r.id = e.merged_into
                 WHERE c.dismissed = 0 AND who IS NOT NULL ORDER BY who LIMIT 500",
            )?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<String>>>()?;
        Ok(QueueFacets { outlets, claimants })
    }

    /// Claim counts by status for every article (dismissed claims left out).
    pub fn status_counts(&self) -> Result<Vec<StatusCount>> {
        let mut stmt = self.conn.prepare_cached(STATUS_COUNTS_SQL)?;
        let mut out = Vec::new();
        collect_status_counts(stmt.query([])?, &mut out)?;
        Ok(out)
    }

    /// [`Store::status_counts`] of the given articles only (a page of the Library), from the same index.
    pub fn status_counts_of(&self, articles: &[ArticleId]) -> Result<Vec<StatusCount>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT article_id, dismissed, status, count(*) FROM claim
             WHERE article_id = ?1 GROUP BY article_id, dismissed, status",
        )?;
        let mut out = Vec::new();
        for id in articles {
            collect_status_counts(stmt.query([id.to_string()])?, &mut out)?;
        }
        Ok(out)
    }
}

/// Rows of (article id, dismissed, status, count) into `out`, dismissed claims left out.
fn collect_status_counts(mut rows: rusqlite::Rows<'_>, out: &mut Vec<StatusCount>) -> Result<()> {
    while let Some(r) = rows.next()? {
        let (article, dismissed, status, count): (String, bool, String, u32) = r.try_into()?;
        if dismissed {
            continue;
        }
        out.push(StatusCount {
            article_id: parse_article_id(&article)?,
            status: parse_status(&status)?,
            count,
        });
    }
    Ok(())
}

/// Claims per article, dismissed flag and status for the Library, in the order of the covering index
/// `claim_article_status`, so SQLite counts as it reads. (`WHERE dismissed = 0` would make it sort all the
/// rows first, three times slower at 100k claims: dismissed groups are skipped in Rust.)
const STATUS_COUNTS_SQL: &str =
    "SELECT article_id, dismissed, status, count(*) FROM claim GROUP BY article_id, dismissed, status";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::tests::{add, setup, TestResult};

    #[test]
    fn library_counts_read_only_the_index() -> TestResult {
        let (_d, store, _art) = setup()?;
        let steps: Vec<String> = store
            .conn
            .prepare(&format!("EXPLAIN QUERY PLAN {STATUS_COUNTS_SQL}"))?
            .query_map([], |r| r.get(3))?
            .collect::<rusqlite::Result<_>>()?;
        assert!(
            steps[0].contains("COVERING INDEX claim_article_status"),
            "{steps:?}"
        );
        assert!(
            !steps.iter().any(|s| s.contains("TEMP B-TREE")),
            "{steps:?}"
        );

        // The rows in Library order from the covering index, never a sort of the article table.
        let steps: Vec<String> = store
            .conn
            .prepare(&format!(
                "EXPLAIN QUERY PLAN {}",
                crate::articles::library_sql()
            ))?
            .query_map([60], |r| r.get(3))?
            .collect::<rusqlite::Result<_>>()?;
        assert!(
            steps[0].contains("COVERING INDEX article_library"),
            "{steps:?}"
        );
        assert!(
            !steps.iter().any(|s| s.contains("TEMP B-TREE")),
            "{steps:?}"
        );
        Ok(())
    }

    #[test]
    fn a_page_of_the_library_counts_like_the_whole() -> TestResult {
        let (_d, mut store, art) = setup()?;
        add(&mut store, art, 0, 29)?;
        let b = add(&mut store, art, 54, 72)?;
        let c = add(&mut store, art, 30, 53)?;
        store.set_claim_dismissed(b.id, true)?;
        store.review_claim(
            c.id,
            crate::ReviewInput {
                status: ClaimStatus::False,
                note: None,
                reviewer: None,
                evidence: vec![],
            },
        )?;
        let all = store.status_counts()?;
        assert_eq!(store.status_counts_of(&[art])?, all);
        assert_eq!(all.iter().map(|c| c.count).sum::<u32>(), 2, "{all:?}");
        assert!(store.list_articles_first(Some(0))?.is_empty());
        let first = store.list_articles_first(Some(1))?;
        assert_eq!(first, store.list_articles()?);
        assert_eq!((first[0].claims, first[0].reviewed), (2, 1));
        Ok(())
    }

    #[test]
    fn queue_filters_orders_and_pages() -> TestResult {
        let (_d, mut store, art) = setup()?;
        let a = add(&mut store, art, 0, 29)?;
        let b = add(&mut store, art, 54, 72)?;
        store.set_claim_dismissed(b.id, true)?;
        let page = store.queue(&QueueFilter {
            limit: 10,
            ..Default::default()
        })?;
        assert_eq!(page.total, 1);
        assert_eq!(page.items[0].claim.id, a.id);
        assert_eq!(
            page.items[0].paragraph,
            "Prices rose 5 percent in May. Officials blamed fuel."
        );
        let none = store.queue(&QueueFilter {
            outlet: Some("Other".into()),
            limit: 10,
            ..Default::default()
        })?;
        assert_eq!(none.total, 0);
        let later = store.queue(&QueueFilter {
            date_from: NaiveDate::from_ymd_opt(2025, 1, 1),
            limit: 10,
            ..Default::default()
        })?;
        assert_eq!(later.total, 0);
        let by_who = store.queue(&QueueFilter {
            claimant: Some("MAYOR".into()),
            limit: 10,
            ..Default::default()
        })?;
        assert_eq!(by_who.total, 1);
        store.set_claim_dismissed(b.id, false)?;
        assert_eq!(
            store.status_counts()?.iter().map(|s| s.count).sum::<u32>(),
            2
        );
        assert_eq!(store.queue_facets()?.outlets, vec!["Gazette".to_string()]);
        Ok(())
    }
}
