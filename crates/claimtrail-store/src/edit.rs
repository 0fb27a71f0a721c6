//! Hand edits of claims (add from a span, edit, split, merge, dismiss/restore) and the review queue.
//!
//! Every change runs in one transaction with its history row. Spans are char offsets into the article's
//! normalised text and are validated against it: a claim's text is always exactly the slice it names.

use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension, ToSql, Transaction};
use serde::Serialize;
use serde_json::json;

use crate::articles::{insert_claim, parse_article_id};
use crate::claims::{raw_claim, RawClaim, CLAIM_COLUMNS};
use crate::error::{Result, StoreError};
use crate::history::{self, Op};
use crate::{time, Store};
use claimtrail_core::text::slice_chars;
use claimtrail_core::{ArticleId, Claim, ClaimId, ClaimKind, ClaimStatus, ExtractedClaim};

/// Check-worthiness given to claims added by hand.
pub const MANUAL_CHECKWORTHINESS: f64 = 0.5;

/// A claim to add by hand from a span of an article.
#[derive(Debug, Clone)]
pub struct NewClaim {
    pub article_id: ArticleId,
    pub start: usize,
    pub end: usize,
    pub kind: ClaimKind,
    pub claimant: Option<String>,
}

/// New values for a claim. `None` leaves a field as it is; for `claimant`/`speaker`, `Some(None)` (or an
/// empty string) clears it.
#[derive(Debug, Clone, Default)]
pub struct ClaimEdit {
    pub start: Option<usize>,
    pub end: Option<usize>,
    /// New claim text. It must occur in the article: the span moves to the occurrence nearest the old one
    /// (unless `start`/`end` are given too, in which case it must equal that slice).
    pub text: Option<String>,
    pub claimant: Option<Option<String>>,
    pub speaker: Option<Option<String>>,
    pub kind: Option<ClaimKind>,
}

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

fn clean(s: Option<String>) -> Option<String> {
    s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
}

fn not_found(what: &'static str, id: impl ToString) -> StoreError {
    StoreError::NotFound {
        what,
        id: id.to_string(),
    }
}

fn article_text(tx: &rusqlite::Connection, article_id: &str) -> Result<String> {
    tx.prepare_cached("SELECT text FROM article WHERE id = ?1")?
        .query_row(params![article_id], |r| r.get(0))
        .optional()?
        .ok_or_else(|| not_found("article", article_id))
}

fn load_claim(conn: &rusqlite::Connection, id: ClaimId) -> Result<Claim> {
    let sql = format!("SELECT {CLAIM_COLUMNS} FROM claim c WHERE c.id = ?1");
    conn.prepare_cached(&sql)?
        .query_row(params![id.to_string()], raw_claim)
        .optional()?
        .ok_or_else(|| not_found("claim", id))?
        .into_claim(conn)
}

/// Checks that `start..end` is a non-empty, in-range span of `text` that does not start or end in whitespace,
/// and returns the slice.
pub fn validate_span(text: &str, start: usize, end: usize) -> Result<String> {
    let len = text.chars().count();
    if start >= end || end > len {
        return Err(StoreError::Invalid(format!(
            "span {start}..{end} is not inside the article (0..{len})"
        )));
    }
    let slice = slice_chars(text, start, end);
    if slice.trim().is_empty() {
        return Err(StoreError::Invalid("the span holds only whitespace".into()));
    }
    if slice.trim() != slice {
        return Err(StoreError::Invalid(
            "the span starts or ends with whitespace; trim it first".into(),
        ));
    }
    Ok(slice.to_string())
}

/// Narrows `start..end` so it neither starts nor ends with whitespace.
pub fn trim_span(text: &str, start: usize, end: usize) -> (usize, usize) {
    let slice: Vec<char> = slice_chars(text, start, end).chars().collect();
    let lead = slice.iter().take_while(|c| c.is_whitespace()).count();
    let trail = slice.iter().rev().take_while(|c| c.is_whitespace()).count();
    if lead == slice.len() {
        return (start, start);
    }
    (start + lead, end - trail)
}

/// Char offset of the occurrence of `needle` in `text` nearest `near`.
fn find_nearest(text: &str, needle: &str, near: usize) -> Option<usize> {
    if needle.is_empty() {
        return None;
    }
    text.match_indices(needle)
        .map(|(byte, _)| claimtrail_core::text::byte_to_char(text, byte))
        .min_by_key(|c| c.abs_diff(near))
}

/// The blank-line separated paragraph of `text` around char offset `at`: (start char offset, text).
pub fn paragraph_at(text: &str, at: usize) -> (usize, String) {
    let chars: Vec<char> = text.chars().collect();
    let at = at.min(chars.len());
    let is_break = |i: usize| i + 1 < chars.len() && chars[i] == '\n' && chars[i + 1] == '\n';
    let mut start = at;
    while start > 0 && !(start >= 2 && is_break(start - 2)) {
        start -= 1;
    }
    let mut end = at;
    while end < chars.len() && !is_break(end) {
        end += 1;
    }
    (start, chars[start..end].iter().collect())
}

fn set_claim_row(tx: &Transaction<'_>, claim: &Claim, now: &str) -> Result<()> {
    tx.prepare_cached(
        "UPDATE claim SET text = ?2, span_start = ?3, span_end = ?4, claimant = ?5, speaker = ?6, kind = ?7,
                          updated_at = ?8
         WHERE id = ?1",
    )?
    .execute(params![
        claim.id.to_string(),
        claim.text,
        claim.start as i64,
        claim.end as i64,
        claim.claimant,
        claim.speaker,
        claim.kind.as_str(),
        now
    ])?;
    Ok(())
}

impl Store {
    /// Adds a claim by hand from a span of an article (origin `manual`, check-worthiness 0.5).
    pub fn add_manual_claim(&mut self, new: NewClaim) -> Result<Claim> {
        let tx = self.conn.transaction()?;
        let text = article_text(&tx, &new.article_id.to_string())?;
        let (start, end) = trim_span(&text, new.start, new.end);
        let slice = validate_span(&text, start, end)?;
        let claimant = clean(new.claimant);
        let extracted = ExtractedClaim {
            text: slice,
            start,
            end,
            claimant: claimant.clone(),
            speaker: claimant,
            kind: new.kind,
            checkworthiness: MANUAL_CHECKWORTHINESS,
            entities: Vec::new(),
        };
        let now = time::fmt(time::now());
        let id = insert_claim(&tx, &self.actor, new.article_id, &extracted, true, &now)?;
        let claim = load_claim(&tx, id)?;
        tx.commit()?;
        Ok(claim)
    }

    /// Changes a claim's span, text, claimant, speaker or kind. The span must slice the article text exactly.
    pub fn edit_claim(&mut self, id: ClaimId, edit: ClaimEdit) -> Result<Claim> {
        let tx = self.conn.transaction()?;
        let mut claim = load_claim(&tx, id)?;
        let text = article_text(&tx, &claim.article_id.to_string())?;
        let (mut start, mut end) = (
            edit.start.unwrap_or(claim.start),
            edit.end.unwrap_or(claim.end),
        );
        if let Some(wanted) = edit
            .text
            .as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty())
        {
            if edit.start.is_none() && edit.end.is_none() && wanted != claim.text {
                let at = find_nearest(&text, wanted, claim.start).ok_or_else(|| {
                    StoreError::Invalid(
                        "that text does not occur in the article; a claim must quote it exactly"
                            .into(),
                    )
                })?;
                start = at;
                end = at + wanted.chars().count();
            } else if slice_chars(&text, start, end) != wanted {
                return Err(StoreError::Invalid(
                    "the text does not match the span it names in the article".into(),
                ));
            }
        }
        claim.text = validate_span(&text, start, end)?;
        claim.start = start;
        claim.end = end;
        if let Some(c) = edit.claimant {
            claim.claimant = clean(c);
        }
        if let Some(s) = edit.speaker {
            claim.speaker = clean(s);
        }
        if let Some(k) = edit.kind {
            claim.kind = k;
        }
        let now = time::fmt(time::now());
        set_claim_row(&tx, &claim, &now)?;
        history::record(
            &tx,
            &self.actor,
            "claim",
            &id.to_string(),
            Op::Update,
            &json!({
                "text": claim.text, "start": start, "end": end, "claimant": claim.claimant,
                "speaker": claim.speaker, "kind": claim.kind, "updated_at": now,
            }),
        )?;
        let claim = load_claim(&tx, id)?;
        tx.commit()?;
        Ok(claim)
    }

    /// Splits a claim at char offset `at` (an offset into the article, strictly inside the claim) into two.
    /// The first part keeps the claim's id, status and reviews; the second is a new manual claim.
    pub fn split_claim(&mut self, id: ClaimId, at: usize) -> Result<(Claim, Claim)> {
        let tx = self.conn.transaction()?;
        let mut first = load_claim(&tx, id)?;
        if at <= first.start || at >= first.end {
            return Err(StoreError::Invalid(format!(
                "split point {at} is not inside the claim ({}..{})",
                first.start, first.end
            )));
        }
        let text = article_text(&tx, &first.article_id.to_string())?;
        let (a_start, a_end) = trim_span(&text, first.start, at);
        let (b_start, b_end) = trim_span(&text, at, first.end);
        let a_text = validate_span(&text, a_start, a_end).map_err(|_| {
            StoreError::Invalid("the first part of the split would be empty".into())
        })?;
        let b_text = validate_span(&text, b_start, b_end).map_err(|_| {
            StoreError::Invalid("the second part of the split would be empty".into())
        })?;
        let now = time::fmt(time::now());
        first.text = a_text;
        first.start = a_start;
        first.end = a_end;
        set_claim_row(&tx, &first, &now)?;
        history::record(
            &tx,
            &self.actor,
            "claim",
            &id.to_string(),
            Op::Update,
            &json!({ "text": first.text, "start": a_start, "end": a_end, "split_at": at, "updated_at": now }),
        )?;
        let second = ExtractedClaim {
            text: b_text,
            start: b_start,
            end: b_end,
            claimant: first.claimant.clone(),
            speaker: first.speaker.clone(),
            kind: first.kind,
            checkworthiness: first.checkworthiness,
            entities: Vec::new(),
        };
        let second_id = insert_claim(&tx, &self.actor, first.article_id, &second, true, &now)?;
        let (first, second) = (load_claim(&tx, id)?, load_claim(&tx, second_id)?);
        tx.commit()?;
        Ok((first, second))
    }

    /// Merges two adjacent claims of one article (no other shown claim between them). The earlier claim
    /// grows to cover both; the later one is dismissed (its reviews stay in the log).
    pub fn merge_claims(&mut self, a: ClaimId, b: ClaimId) -> Result<Claim> {
        if a == b {
            return Err(StoreError::Invalid(
                "cannot merge a claim with itself".into(),
            ));
        }
        let tx = self.conn.transaction()?;
        let (x, y) = (load_claim(&tx, a)?, load_claim(&tx, b)?);
        if x.article_id != y.article_id {
            return Err(StoreError::Invalid(
                "only claims of the same article can be merged".into(),
            ));
        }
        if x.dismissed || y.dismissed {
            return Err(StoreError::Invalid(
                "restore a dismissed claim before merging it".into(),
            ));
        }
        let (mut first, second) = if (x.start, x.end) <= (y.start, y.end) {
            (x, y)
        } else {
            (y, x)
        };
        let between: i64 = tx
            .prepare_cached(
                "SELECT count(*) FROM claim WHERE article_id = ?1 AND dismissed = 0 AND id NOT IN (?2, ?3)
                 AND span_start >= ?4 AND span_end <= ?5",
            )?
            .query_row(
                params![
                    first.article_id.to_string(),
                    first.id.to_string(),
                    second.id.to_string(),
                    first.end.min(second.start) as i64,
                    first.end.max(second.start) as i64
                ],
                |r| r.get(0),
            )?;
        if between > 0 {
            return Err(StoreError::Invalid(
                "the claims are not adjacent: another claim lies between them".into(),
            ));
        }
        let text = article_text(&tx, &first.article_id.to_string())?;
        let end = first.end.max(second.end);
        first.text = validate_span(&text, first.start, end)?;
        first.end = end;
        if first.claimant.is_none() {
            first.claimant = second.claimant.clone();
        }
        if first.speaker.is_none() {
            first.speaker = second.speaker.clone();
        }
        let now = time::fmt(time::now());
        set_claim_row(&tx, &first, &now)?;
        history::record(
            &tx,
            &self.actor,
            "claim",
            &first.id.to_string(),
            Op::Update,
            &json!({ "text": first.text, "start": first.start, "end": end, "claimant": first.claimant,
                     "speaker": first.speaker, "merged_from": second.id, "updated_at": now }),
        )?;
        set_dismissed(&tx, &self.actor, second.id, true, &now, Some(first.id))?;
        let merged = load_claim(&tx, first.id)?;
        tx.commit()?;
        Ok(merged)
    }

    /// Dismisses (hides from the queue and counts) or restores a claim.
    pub fn set_claim_dismissed(&mut self, id: ClaimId, dismissed: bool) -> Result<Claim> {
        let tx = self.conn.transaction()?;
        load_claim(&tx, id)?;
        let now = time::fmt(time::now());
        set_dismissed(&tx, &self.actor, id, dismissed, &now, None)?;
        let claim = load_claim(&tx, id)?;
        tx.commit()?;
        Ok(claim)
    }

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
            cond.push_str(&format!(
                " AND (c.claimant LIKE ?{n} OR c.speaker LIKE ?{n})"
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
        let count_sql =
            format!("SELECT count(*) FROM claim c JOIN article a ON a.id = c.article_id{cond}");
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
             FROM claim c JOIN article a ON a.id = c.article_id{cond}
             ORDER BY c.checkworthiness DESC, a.published_at DESC, c.pk LIMIT ?{lim} OFFSET ?{off}"
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
                "SELECT DISTINCT coalesce(speaker, claimant) AS who FROM claim
                 WHERE dismissed = 0 AND who IS NOT NULL ORDER BY who LIMIT 500",
            )?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<String>>>()?;
        Ok(QueueFacets { outlets, claimants })
    }

    /// Claim counts by status for every article (dismissed claims left out).
    pub fn status_counts(&self) -> Result<Vec<StatusCount>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT article_id, status, count(*) FROM claim WHERE dismissed = 0 GROUP BY article_id, status",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, u32>(2)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (article, status, count) = row?;
            out.push(StatusCount {
                article_id: parse_article_id(&article)?,
                status: status
                    .parse()
                    .map_err(|e: claimtrail_core::UnknownVariant| {
                        StoreError::Corrupt(e.to_string())
                    })?,
                count,
            });
        }
        Ok(out)
    }
}

fn set_dismissed(
    tx: &Transaction<'_>,
    actor: &history::Actor,
    id: ClaimId,
    dismissed: bool,
    now: &str,
    merged_into: Option<ClaimId>,
) -> Result<()> {
    tx.prepare_cached("UPDATE claim SET dismissed = ?2, updated_at = ?3 WHERE id = ?1")?
        .execute(params![id.to_string(), dismissed, now])?;
    history::record(
        tx,
        actor,
        "claim",
        &id.to_string(),
        Op::Update,
        &json!({ "dismissed": dismissed, "merged_into": merged_into, "updated_at": now }),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use claimtrail_core::{ArticleDraft, SourceFormat};

    type TestResult = std::result::Result<(), Box<dyn std::error::Error>>;

    const TEXT: &str = "Prices rose 5 percent in May. Officials blamed fuel.\n\n“We will cut taxes,” the mayor said.";

    fn setup(
    ) -> std::result::Result<(tempfile::TempDir, Store, ArticleId), Box<dyn std::error::Error>>
    {
        let dir = tempfile::tempdir()?;
        let mut store = Store::open(dir.path().join("t.db"))?;
        let draft = ArticleDraft {
            title: "Prices".into(),
            outlet: Some("Gazette".into()),
            url: None,
            authors: vec![],
            published_at: NaiveDate::from_ymd_opt(2024, 6, 1),
            language: None,
            source_format: SourceFormat::Text,
            text: TEXT.into(),
            original: TEXT.as_bytes().to_vec(),
        };
        let id = match store.import_article(&draft, None, &[])? {
            crate::ImportOutcome::Imported { article_id, .. } => article_id,
            crate::ImportOutcome::Duplicate { article_id } => article_id,
        };
        Ok((dir, store, id))
    }

    fn add(store: &mut Store, article_id: ArticleId, start: usize, end: usize) -> Result<Claim> {
        store.add_manual_claim(NewClaim {
            article_id,
            start,
            end,
            kind: ClaimKind::Statement,
            claimant: Some(" the mayor ".into()),
        })
    }

    #[test]
    fn manual_claims_slice_the_text_and_are_logged() -> TestResult {
        let (_d, mut store, art) = setup()?;
        let c = add(&mut store, art, 0, 30)?;
        assert_eq!(c.text, "Prices rose 5 percent in May.");
        assert_eq!((c.start, c.end), (0, 29));
        assert!(c.manual);
        assert_eq!(c.checkworthiness, MANUAL_CHECKWORTHINESS);
        assert_eq!(c.claimant.as_deref(), Some("the mayor"));
        assert!(store
            .history(Some(&c.id.to_string()), 10)?
            .iter()
            .any(|h| h.op == "insert"));
        assert!(matches!(
            add(&mut store, art, 5, 500),
            Err(StoreError::Invalid(_))
        ));
        assert!(matches!(
            add(&mut store, art, 29, 30),
            Err(StoreError::Invalid(_))
        ));
        Ok(())
    }

    #[test]
    fn edit_validates_spans_and_moves_to_text() -> TestResult {
        let (_d, mut store, art) = setup()?;
        let c = add(&mut store, art, 0, 29)?;
        let e = store.edit_claim(
            c.id,
            ClaimEdit {
                text: Some("Officials blamed fuel.".into()),
                claimant: Some(None),
                ..Default::default()
            },
        )?;
        assert_eq!(slice_chars(TEXT, e.start, e.end), "Officials blamed fuel.");
        assert_eq!(e.claimant, None);
        let bad = store.edit_claim(
            c.id,
            ClaimEdit {
                text: Some("not in the article".into()),
                ..Default::default()
            },
        );
        assert!(matches!(bad, Err(StoreError::Invalid(_))));
        let bad = store.edit_claim(
            c.id,
            ClaimEdit {
                start: Some(0),
                end: Some(7),
                ..Default::default()
            },
        );
        assert!(
            matches!(bad, Err(StoreError::Invalid(_))),
            "trailing space is refused"
        );
        Ok(())
    }

    #[test]
    fn split_then_merge_round_trips() -> TestResult {
        let (_d, mut store, art) = setup()?;
        let c = add(&mut store, art, 0, 52)?;
        let (a, b) = store.split_claim(c.id, 30)?;
        assert_eq!(a.text, "Prices rose 5 percent in May.");
        assert_eq!(b.text, "Officials blamed fuel.");
        assert!(store.split_claim(a.id, 0).is_err());
        let m = store.merge_claims(b.id, a.id)?;
        assert_eq!(m.id, a.id);
        assert_eq!(
            m.text,
            "Prices rose 5 percent in May. Officials blamed fuel."
        );
        assert!(store.get_claim(b.id)?.dismissed);
        Ok(())
    }

    #[test]
    fn merge_refuses_non_adjacent_claims() -> TestResult {
        let (_d, mut store, art) = setup()?;
        let a = add(&mut store, art, 0, 6)?;
        let _mid = add(&mut store, art, 7, 11)?;
        let c = add(&mut store, art, 30, 39)?;
        assert!(matches!(
            store.merge_claims(a.id, c.id),
            Err(StoreError::Invalid(_))
        ));
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

    #[test]
    fn paragraphs_are_found_around_offsets() {
        assert_eq!(paragraph_at("a b\n\nc d\n\ne", 6), (5, "c d".to_string()));
        assert_eq!(paragraph_at("one", 1), (0, "one".to_string()));
    }
}
