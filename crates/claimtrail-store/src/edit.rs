//! Hand edits of claims: add from a span, edit, split, merge, dismiss/restore.
//!
//! Every change runs in one transaction with its history row. Spans are char offsets into the article's
//! normalised text and are validated against it: a claim's text is always exactly the slice it names.

use rusqlite::{params, OptionalExtension, Transaction};
use serde_json::json;

use crate::articles::insert_claim;
use crate::claims::{raw_claim, CLAIM_COLUMNS};
use crate::error::{Result, StoreError};
use crate::history::{self, Op};
use crate::{time, Store};
use claimtrail_core::text::slice_chars;
use claimtrail_core::{ArticleId, Claim, ClaimId, ClaimKind, ExtractedClaim};

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

pub(crate) fn clean(s: Option<String>) -> Option<String> {
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
    /// Adds a claim by hand from a span of an article (origin `manual`, check-worthiness 0.5 until the score
    /// queue, which it joins, gives the encoder's).
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
        crate::score::enqueue_claim(&tx, &id.to_string(), &now)?;
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
        let old_text = std::mem::replace(&mut claim.text, validate_span(&text, start, end)?);
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
        if claim.text != old_text {
            crate::score::enqueue_claim(&tx, &id.to_string(), &now)?;
        }
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
        crate::score::enqueue_claim(&tx, &id.to_string(), &now)?;
        crate::score::enqueue_claim(&tx, &second_id.to_string(), &now)?;
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
        crate::score::enqueue_claim(&tx, &first.id.to_string(), &now)?;
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
pub(crate) mod tests {
    use super::*;
    use chrono::NaiveDate;
    use claimtrail_core::{ArticleDraft, SourceFormat};

    pub(crate) type TestResult = std::result::Result<(), Box<dyn std::error::Error>>;

    const TEXT: &str = "Prices rose 5 percent in May. Officials blamed fuel.\n\n“We will cut taxes,” the mayor said.";

    pub(crate) fn setup(
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

    pub(crate) fn add(
        store: &mut Store,
        article_id: ArticleId,
        start: usize,
        end: usize,
    ) -> Result<Claim> {
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
    fn paragraphs_are_found_around_offsets() {
        assert_eq!(paragraph_at("a b\n\nc d\n\ne", 6), (5, "c d".to_string()));
        assert_eq!(paragraph_at("one", 1), (0, "one".to_string()));
    }
}
