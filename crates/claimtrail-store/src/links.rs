//! Links between claims, and from claims to published fact-checks: candidate generation (FTS5/BM25), ranking
//! (shared with `claimtrail match`), suggestions after import, confirm/reject, storylines and verdict
//! propagation.
//!
//! Direction: in `claim_link`, `source_claim_id` is the earlier claim and `target_claim_id` the later one that
//! repeats, updates, contradicts or relates to it. A claim's date is its article's publication date, else the
//! day it was stored. A later claim is never the source.
//!
//! Candidate stage: each candidate list (BM25 per table, and the nearest sentence embeddings when the query
//! has one) is fused with reciprocal rank fusion ([`claimtrail_core::link::rrf`]) before scoring.

use std::collections::{BTreeSet, HashMap, HashSet, VecDeque};
use std::rc::Rc;

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use serde_json::json;
use uuid::Uuid;

use crate::error::{Result, StoreError};
use crate::factchecks::{get_fact_check, raw_fact_check, FactCheck, FACT_CHECK_COLUMNS};
use crate::history::{self, Actor, Op};
use crate::{embeddings, time, Store};
use claimtrail_core::link::{
    self, classify, features, rank::can_be_source, rating_is_negative, CandidateScore, Features,
    LinkWeights, Side,
};
use claimtrail_core::{ArticleId, ClaimId, ClaimStatus, LinkKind, LinkState};

/// Content words at most in a candidate full-text query.
const MAX_QUERY_TERMS: usize = 24;
/// BM25 candidates read per table (20 rather than 40: import-time suggestion 36% cheaper, PolitiFact train MAP@5
/// .565 -> .555).
const BM25_CANDIDATES: usize = 20;
/// Suggestions kept per new claim, among claims and among fact-checks.
pub(crate) const SUGGEST_CLAIMS: usize = 5;
pub(crate) const SUGGEST_FACT_CHECKS: usize = 3;
/// Default suggestion threshold on the link score (0..1).
pub const DEFAULT_THRESHOLD: f64 = 0.5;

/// Settings of link suggestion, kept in the database.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, serde::Deserialize, ts_rs::TS)]
pub struct LinkSettings {
    /// Links scoring below this (0..1) are not suggested.
    pub threshold: f64,
    /// Only match claims at most this many days apart.
    pub window_days: Option<u32>,
}

impl Default for LinkSettings {
    fn default() -> Self {
        Self {
            threshold: DEFAULT_THRESHOLD,
            window_days: None,
        }
    }
}

/// What the other end of a link is.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Linked {
    Claim {
        id: ClaimId,
        text: String,
        claimant: Option<String>,
        date: Option<NaiveDate>,
        status: ClaimStatus,
        article_id: ArticleId,
        article_title: String,
    },
    FactCheck {
        id: Uuid,
        text: String,
        claimant: Option<String>,
        date: Option<NaiveDate>,
        rating: Option<String>,
        url: Option<String>,
        title: Option<String>,
        publisher: Option<String>,
    },
}

/// One link of a claim as the claim panel shows it.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct LinkView {
    pub id: Uuid,
    pub kind: LinkKind,
    pub score: f64,
    pub state: LinkState,
    /// `source` when the other end is the earlier claim (or a fact-check), `target` when it is the later one.
    #[ts(type = "string")]
    pub other_role: &'static str,
    pub other: Linked,
}

/// One appearance of a claim in a storyline.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct Appearance {
    pub claim_id: ClaimId,
    pub text: String,
    pub claimant: Option<String>,
    pub date: Option<NaiveDate>,
    pub status: ClaimStatus,
    pub article_id: ArticleId,
    pub article_title: String,
    pub outlet: Option<String>,
}

/// The claims joined by confirmed `repeats` links, first appearance first.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct Storyline {
    /// The first appearance's claim id (the storyline's id).
    pub id: ClaimId,
    pub appearances: Vec<Appearance>,
}

/// A verdict carried over from a repeat or a matched fact-check.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct PropagatedVerdict {
    /// `claim` or `fact_check`.
    #[ts(type = "string")]
    pub from: &'static str,
    pub id: Uuid,
    /// The claim status ("false") or the fact-check's rating ("Pants on Fire!").
    pub rating: String,
    pub rated_on: Option<NaiveDate>,
    pub text: String,
    pub url: Option<String>,
    pub reviewer: Option<String>,
    /// "rated false on 2017-07-08" (claims) or "rated Pants on Fire! by PolitiFact on 2019-10-22, see URL".
    pub summary: String,
}

/// A claim's links, storyline and carried-over verdicts.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct ClaimLinks {
    pub claim_id: ClaimId,
    pub links: Vec<LinkView>,
    pub storyline: Storyline,
    pub verdicts: Vec<PropagatedVerdict>,
}

/// What a suggestion run added.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct SuggestReport {
    /// Claims taken off the link queue (each compared with the stored claims and fact-checks).
    pub claims: usize,
    pub claim_links: usize,
    pub fact_check_links: usize,
    pub alerts: usize,
}

/// A fact-check ranked for a query.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FactCheckMatch {
    pub fact_check: FactCheck,
    pub score: CandidateScore,
}

/// The text a query or a stored claim is matched with.
#[derive(Debug, Clone)]
pub struct MatchQuery<'a> {
    pub text: &'a str,
    pub claimant: Option<&'a str>,
    pub date: Option<NaiveDate>,
    /// The text's sentence embedding, when it has one: fact-checks are then also found by theirs.
    pub embedding: Option<&'a [f32]>,
}

/// The content words of a text for a candidate query (letters and digits only), longest first, at most
/// [`MAX_QUERY_TERMS`].
fn query_words(f: &Features) -> Vec<String> {
    let mut words: BTreeSet<String> = BTreeSet::new();
    for w in f.content_words() {
        for piece in w.split(|c: char| !c.is_alphanumeric()) {
            if piece.chars().count() >= 2 {
                words.insert(piece.to_string());
            }
        }
    }
    let mut words: Vec<String> = words.into_iter().collect();
    words.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    words.truncate(MAX_QUERY_TERMS);
    words
}

/// Words joined as a safe FTS5 query (each quoted, joined with OR); `None` when there is none.
fn or_query(words: &[String]) -> Option<String> {
    (!words.is_empty()).then(|| {
        words
            .iter()
            .map(|w| format!("\"{w}\""))
            .collect::<Vec<_>>()
            .join(" OR ")
    })
}

/// Rows a candidate query may match at most, summed over its words.
///
/// BM25 ranks every row that matches any word of an OR query (about 2 µs per row here), so a query with a
/// word as common as "said" costs in proportion to the table: 18 ms at 100,000 claims, 180 ms at a million.
/// Such words carry almost no weight in BM25 (their IDF is near zero), so the query keeps the rarest words
/// while their matches fit in this budget and drops the rest. MAP@5 on the training splits with it: PolitiFact
/// .628 (unchanged), and by words alone .555 -> .543 (PolitiFact) and .769 -> .775 (Snopes).
pub(crate) const POSTING_BUDGET: usize = 1_500;

/// The FTS5 query for candidates from `fts_table`: the text's content words, rarest there first, while their
/// matching rows fit in `budget` ([`POSTING_BUDGET`]). Words that match nothing are left out. `None` when no
/// word is left (the text has none, or even its rarest word is too common to rank by).
pub(crate) fn budgeted_query(
    conn: &Connection,
    fts_table: FtsTable,
    f: &Features,
    budget: usize,
) -> Result<Option<String>> {
    let mut counted = Vec::new();
    for w in query_words(f) {
        let rows = matching_rows(conn, fts_table, &w, budget)?;
        if rows > 0 {
            counted.push((rows, w));
        }
    }
    counted.sort();
    let mut total = 0;
    let mut kept = Vec::new();
    for (rows, w) in counted {
        if total + rows > budget {
            break;
        }
        total += rows;
        kept.push(w);
    }
    Ok(or_query(&kept))
}

/// A full-text table candidates come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum FtsTable {
    Claims,
    FactChecks,
}

impl FtsTable {
    fn name(self) -> &'static str {
        match self {
            FtsTable::Claims => "claim_fts",
            FtsTable::FactChecks => "fact_check_fts",
        }
    }
}

/// Words whose row counts are kept per thread at most (then the cache starts again).
const ROW_COUNT_CACHE_SIZE: usize = 200_000;

type RowCountKey = (std::path::PathBuf, FtsTable, String, usize);

thread_local! {
    static ROW_COUNTS: std::cell::RefCell<HashMap<RowCountKey, usize>> = std::cell::RefCell::new(HashMap::new());
}

/// Forgets the row counts this thread holds (see [`matching_rows`]).
pub(crate) fn release_row_counts() {
    ROW_COUNTS.with(|c| c.borrow_mut().clear());
}

/// How many rows of `fts_table` match `word`, counted up to `cap + 1` (reading row ids only, about 20 times
/// cheaper per row than ranking them). A count is remembered per thread and database until
/// [`release_row_counts`] (the app's worker after each run): counts only grow as claims arrive, so a
/// remembered one can only make a word look rarer than it is. Zero counts are remembered too: many query words
/// are stems the full-text tokenizer stems differently, which match nothing, and counting them again cost 3 to
/// 4 ms per claim at a million claims. The price: a word that matched no claim when first counted (a
/// fact-check's) stays out of queries until the release, even if a claim with it arrives meanwhile.
fn matching_rows(conn: &Connection, fts_table: FtsTable, word: &str, cap: usize) -> Result<usize> {
    let key = (
        std::path::PathBuf::from(conn.path().unwrap_or_default()),
        fts_table,
        word.to_string(),
        cap,
    );
    if let Some(n) = ROW_COUNTS.with(|c| c.borrow().get(&key).copied()) {
        return Ok(n);
    }
    let table = fts_table.name();
    let n: i64 = conn
        .prepare_cached(&format!(
            "SELECT count(*) FROM (SELECT 1 FROM {table} WHERE {table} MATCH ?1 LIMIT ?2)"
        ))?
        .query_row(params![format!("\"{word}\""), (cap + 1) as i64], |r| {
            r.get(0)
        })?;
    let n = usize::try_from(n).unwrap_or(0);
    ROW_COUNTS.with(|c| {
        let mut c = c.borrow_mut();
        if c.len() >= ROW_COUNT_CACHE_SIZE {
            c.clear();
        }
        c.insert(key, n);
    });
    Ok(n)
}

/// A stored claim considered as a candidate.
#[derive(Debug, Clone)]
pub(crate) struct ClaimCandidate {
    pub pk: i64,
    pub id: String,
    pub text: String,
    pub claimant: Option<String>,
    pub date: Option<NaiveDate>,
}

pub(crate) fn date_of(s: Option<String>) -> Option<NaiveDate> {
    s.and_then(|s| NaiveDate::parse_from_str(s.get(..10)?, "%Y-%m-%d").ok())
}

/// BM25 candidates among stored claims (not dismissed, not of `exclude_article`), best first.
///
/// With `stored_before` (the key of a claim taken off the link queue), only claims stored before it are
/// candidates: a claim stored later meets this one when its own turn comes, so every pair of claims is ranked
/// once, from the later-stored claim, as when each import linked its claims at once. (FTS5 bounds its scan by
/// the rowid, which is the claim key.)
///
/// `ORDER BY bm25() LIMIT` rather than FTS5's `ORDER BY rank`: FTS5 answers `rank` by sorting every match in a
/// nested statement prepared for each query, while SQLite keeps only the best `LIMIT` rows of its own sort.
fn claim_candidates(
    conn: &Connection,
    query: &str,
    exclude_article: Option<&str>,
    stored_before: Option<i64>,
) -> Result<Vec<ClaimCandidate>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {CLAIM_CANDIDATE_COLUMNS}
         FROM (SELECT rowid, bm25(claim_fts) AS score FROM claim_fts
               WHERE claim_fts MATCH ?1 AND rowid < coalesce(?4, 9223372036854775807)
               ORDER BY score LIMIT ?2) m
         JOIN claim c ON c.pk = m.rowid JOIN article a ON a.id = c.article_id
         WHERE c.dismissed = 0 AND (?3 IS NULL OR c.article_id <> ?3)
         ORDER BY m.score"
    ))?;
    let rows = stmt.query_map(
        params![
            query,
            (BM25_CANDIDATES + 10) as i64,
            exclude_article,
            stored_before
        ],
        claim_candidate,
    )?;
    let mut out: Vec<ClaimCandidate> = rows.collect::<rusqlite::Result<_>>()?;
    out.truncate(BM25_CANDIDATES);
    Ok(out)
}

/// The columns [`claim_candidate`] reads, from `claim c JOIN article a`.
const CLAIM_CANDIDATE_COLUMNS: &str =
    "c.id, c.text, coalesce(c.speaker, c.claimant), coalesce(a.published_at, c.created_at), c.pk";

fn claim_candidate(r: &rusqlite::Row<'_>) -> rusqlite::Result<ClaimCandidate> {
    Ok(ClaimCandidate {
        id: r.get(0)?,
        text: r.get(1)?,
        claimant: r.get(2)?,
        date: date_of(r.get(3)?),
        pk: r.get(4)?,
    })
}

/// The claim with key `pk` as a candidate, unless it is dismissed or of `exclude_article`.
fn claim_candidate_by_pk(
    conn: &Connection,
    pk: i64,
    exclude_article: Option<&str>,
) -> Result<Option<ClaimCandidate>> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {CLAIM_CANDIDATE_COLUMNS} FROM claim c JOIN article a ON a.id = c.article_id
             WHERE c.pk = ?1 AND c.dismissed = 0 AND (?2 IS NULL OR c.article_id <> ?2)"
        ))?
        .query_row(params![pk, exclude_article], claim_candidate)
        .optional()?)
}

/// BM25 candidates among stored fact-checks (claim, title and claimant), best first, with their keys.
fn fact_check_candidates(conn: &Connection, query: &str) -> Result<Vec<(i64, FactCheck)>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {FACT_CHECK_COLUMNS}, fc.pk
         FROM (SELECT rowid, bm25(fact_check_fts) AS score FROM fact_check_fts WHERE fact_check_fts MATCH ?1
               ORDER BY score LIMIT ?2) m
         JOIN fact_check fc ON fc.pk = m.rowid ORDER BY m.score"
    ))?;
    let rows = stmt.query_map(params![query, BM25_CANDIDATES as i64], |r| {
        Ok((r.get::<_, i64>(14)?, raw_fact_check(r)?))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (pk, raw) = row?;
        out.push((pk, raw.into_fact_check()?));
    }
    Ok(out)
}

/// The fact-check with key `pk`, if it is still stored.
fn fact_check_by_pk(conn: &Connection, pk: i64) -> Result<Option<FactCheck>> {
    conn.prepare_cached(&format!(
        "SELECT {FACT_CHECK_COLUMNS} FROM fact_check fc WHERE fc.pk = ?1"
    ))?
    .query_row(params![pk], raw_fact_check)
    .optional()?
    .map(|raw| raw.into_fact_check())
    .transpose()
}

/// The candidate list of the nearest embeddings `hits` (best first, at most [`BM25_CANDIDATES`] keys): a hit
/// not `found` yet is fetched and added to it, and one `fetch` finds no candidate for (gone, dismissed, of the
/// excluded article) is left out.
fn nearest_list<T>(
    hits: Vec<link::dense::Hit>,
    found: &mut Vec<T>,
    key_of: impl Fn(&T) -> i64,
    mut fetch: impl FnMut(i64) -> Result<Option<T>>,
) -> Result<Vec<i64>> {
    let mut list = Vec::new();
    for hit in hits {
        if !found.iter().any(|c| key_of(c) == hit.key) {
            match fetch(hit.key)? {
                Some(c) => found.push(c),
                None => continue,
            }
        }
        list.push(hit.key);
        if list.len() == BM25_CANDIDATES {
            break;
        }
    }
    Ok(list)
}

/// A candidate for a query: the item, its key in the candidate lists, its features (and optionally a second
/// wording with its factor), claimant, date and embedding.
struct Candidate<T> {
    key: i64,
    item: T,
    features: Rc<Features>,
    alt: Option<(Rc<Features>, f64)>,
    claimant: Option<String>,
    date: Option<NaiveDate>,
    embedding: Option<Vec<f32>>,
}

/// Fuses the candidate lists (of candidate keys, best first) and scores every candidate for `query`; best
/// first.
fn rank_candidates<T>(
    query: &Side<'_>,
    cands: Vec<Candidate<T>>,
    lists: &[Vec<i64>],
    weights: &LinkWeights,
) -> Vec<(T, CandidateScore)> {
    let fused: HashMap<i64, f64> = link::rrf(lists, link::rank::RRF_K).into_iter().collect();
    let mut scored: Vec<(T, CandidateScore)> = cands
        .into_iter()
        .map(|c| {
            let fused = fused.get(&c.key).copied().unwrap_or(0.0);
            let side = Side {
                features: &c.features,
                claimant: c.claimant.as_deref(),
                date: c.date,
                embedding: c.embedding.as_deref(),
            };
            let mut score = link::score_candidate(query, &side, fused, weights);
            if let Some((af, factor)) = &c.alt {
                let side = Side {
                    features: af,
                    ..side
                };
                let mut other = link::score_candidate(query, &side, fused, weights);
                other.similarity *= factor;
                other.order = other.similarity + (score.order - score.similarity);
                if other.similarity > score.similarity {
                    score = other;
                }
            }
            (c.item, score)
        })
        .collect();
    scored.sort_by(|a, b| b.1.order.total_cmp(&a.1.order));
    scored
}

/// Features of a fact-check: its claim, with its title's words added when it has one.
pub(crate) fn fact_check_features(fc: &FactCheck) -> Rc<Features> {
    cached_features(&fc.claim)
}

/// Texts whose features are kept per thread at most (then the cache starts again).
const FEATURE_CACHE_SIZE: usize = 50_000;

thread_local! {
    static FEATURE_CACHE: std::cell::RefCell<HashMap<String, Rc<Features>>> = std::cell::RefCell::new(HashMap::new());
}

/// [`features`] of a stored text, remembered: the same earlier claims and fact-checks come back as candidates
/// for claim after claim of an import, and computing their features was most of the cost of suggesting links.
fn cached_features(text: &str) -> Rc<Features> {
    FEATURE_CACHE.with(|cache| {
        let mut cache = cache.borrow_mut();
        if let Some(f) = cache.get(text) {
            return Rc::clone(f);
        }
        if cache.len() >= FEATURE_CACHE_SIZE {
            cache.clear();
        }
        let f = Rc::new(features(text));
        cache.insert(text.to_string(), Rc::clone(&f));
        f
    })
}

/// Ranks stored fact-checks for a query: BM25 candidates and, when the query has an embedding, the fact-checks
/// whose embeddings are nearest, fused; the no-later-date filter (a fact-checked claim made after the query
/// cannot be its source) and the optional date window; then the link score. Best first.
pub(crate) fn rank_fact_checks(
    conn: &Connection,
    q: &MatchQuery<'_>,
    settings: &LinkSettings,
    weights: &LinkWeights,
) -> Result<Vec<FactCheckMatch>> {
    let qf = features(q.text);
    let mut found: Vec<(i64, FactCheck)> =
        match budgeted_query(conn, FtsTable::FactChecks, &qf, POSTING_BUDGET)? {
            Some(fts) => fact_check_candidates(conn, &fts)?,
            None => Vec::new(),
        };
    let mut lists: Vec<Vec<i64>> = vec![found.iter().map(|(pk, _)| *pk).collect()];
    let index = match q.embedding {
        Some(_) => Some(embeddings::index(conn, embeddings::Table::FactChecks)?),
        None => None,
    };
    if let (Some(e), Some(index)) = (q.embedding, &index) {
        let hits = index.nearest(e, BM25_CANDIDATES, |_| true);
        lists.push(nearest_list(
            hits,
            &mut found,
            |(pk, _)| *pk,
            |pk| Ok(fact_check_by_pk(conn, pk)?.map(|fc| (pk, fc))),
        )?);
    }
    let cands: Vec<Candidate<FactCheck>> = found
        .into_iter()
        .filter(|(_, fc)| can_be_source(fc.date, q.date, settings.window_days))
        .map(|(pk, fc)| {
            let f = fact_check_features(&fc);
            let alt = fc
                .title
                .as_deref()
                .filter(|_| weights.title > 0.0)
                .map(|t| (cached_features(&format!("{} {t}", fc.claim)), weights.title));
            let claimant = fc.claimant.clone();
            let date = fc.date;
            let embedding = index.as_ref().and_then(|i| i.vector(pk));
            Candidate {
                key: pk,
                item: fc,
                features: f,
                alt,
                claimant,
                date,
                embedding,
            }
        })
        .collect();
    let query = Side {
        features: &qf,
        claimant: q.claimant,
        date: q.date,
        embedding: q.embedding,
    };
    Ok(rank_candidates(&query, cands, &lists, weights)
        .into_iter()
        .map(|(fact_check, score)| FactCheckMatch { fact_check, score })
        .collect())
}

/// Ranks stored claims for a query (claims of `exclude_article` left out, and with `stored_before` only claims
/// stored before that one, see [`claim_candidates`]). Candidates dated after the query are kept (the link is
/// then oriented the other way) unless outside the date window.
pub(crate) fn rank_claims(
    conn: &Connection,
    q: &MatchQuery<'_>,
    qf: &Features,
    exclude_article: Option<&str>,
    stored_before: Option<i64>,
    settings: &LinkSettings,
    weights: &LinkWeights,
) -> Result<Vec<(ClaimCandidate, Rc<Features>, CandidateScore)>> {
    let mut found: Vec<ClaimCandidate> =
        match budgeted_query(conn, FtsTable::Claims, qf, POSTING_BUDGET)? {
            Some(fts) => claim_candidates(conn, &fts, exclude_article, stored_before)?,
            None => Vec::new(),
        };
    let mut lists: Vec<Vec<i64>> = vec![found.iter().map(|c| c.pk).collect()];
    let index = match q.embedding {
        Some(_) => Some(embeddings::index(conn, embeddings::Table::Claims)?),
        None => None,
    };
    if let (Some(e), Some(index)) = (q.embedding, &index) {
        let before = stored_before.unwrap_or(i64::MAX);
        // A few more than needed: some are of the same article or dismissed.
        let hits = index.nearest(e, BM25_CANDIDATES + 10, |pk| pk < before);
        lists.push(nearest_list(
            hits,
            &mut found,
            |c| c.pk,
            |pk| claim_candidate_by_pk(conn, pk, exclude_article),
        )?);
    }
    let cands: Vec<Candidate<(ClaimCandidate, Rc<Features>)>> = found
        .into_iter()
        .filter(|c| {
            can_be_source(c.date, q.date, settings.window_days)
                || can_be_source(q.date, c.date, settings.window_days)
        })
        .map(|c| {
            let f = cached_features(&c.text);
            Candidate {
                key: c.pk,
                claimant: c.claimant.clone(),
                date: c.date,
                features: Rc::clone(&f),
                embedding: index.as_ref().and_then(|i| i.vector(c.pk)),
                item: (c, f),
                alt: None,
            }
        })
        .collect();
    let query = Side {
        features: qf,
        claimant: q.claimant,
        date: q.date,
        embedding: q.embedding,
    };
    Ok(rank_candidates(&query, cands, &lists, weights)
        .into_iter()
        .map(|((c, f), s)| (c, f, s))
        .collect())
}

/// Reads the link settings from `meta`.
pub(crate) fn settings(conn: &Connection) -> Result<LinkSettings> {
    let get = |key: &str| -> Result<Option<String>> {
        Ok(conn
            .prepare_cached("SELECT value FROM meta WHERE key = ?1")?
            .query_row(params![key], |r| r.get(0))
            .optional()?)
    };
    let mut s = LinkSettings::default();
    if let Some(v) = get("link.threshold")? {
        s.threshold = v
            .parse()
            .map_err(|e| StoreError::Corrupt(format!("link.threshold `{v}`: {e}")))?;
    }
    if let Some(v) = get("link.window_days")? {
        s.window_days = Some(
            v.parse()
                .map_err(|e| StoreError::Corrupt(format!("link.window_days `{v}`: {e}")))?,
        );
    }
    Ok(s)
}

pub(crate) fn is_negative_status(status: &str) -> bool {
    matches!(status, "false" | "misleading" | "disputed")
}

/// Whether a link of this kind carries the earlier claim's rating to the new one (for alerts).
pub(crate) fn carries_rating(kind: LinkKind) -> bool {
    matches!(kind, LinkKind::Repeats | LinkKind::Updates)
}

pub(crate) fn link_exists(tx: &Connection, a: &str, b: &str) -> Result<bool> {
    Ok(tx
        .prepare_cached(
            "SELECT 1 FROM claim_link WHERE (source_claim_id = ?1 AND target_claim_id = ?2)
                OR (source_claim_id = ?2 AND target_claim_id = ?1)",
        )?
        .query_row(params![a, b], |_| Ok(()))
        .optional()?
        .is_some())
}

/// Inserts a suggested claim link (and its history row); returns its id.
pub(crate) fn insert_claim_link(
    tx: &Connection,
    actor: &Actor,
    source: &str,
    target: &str,
    kind: LinkKind,
    score: f64,
    now: &str,
) -> Result<String> {
    let id = Uuid::now_v7().to_string();
    tx.prepare_cached(
        "INSERT INTO claim_link (id, source_claim_id, target_claim_id, kind, score, state, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, 'suggested', ?6, ?6)",
    )?
    .execute(params![id, source, target, kind.as_str(), score, now])?;
    history::record(
        tx,
        actor,
        "claim_link",
        &id,
        Op::Insert,
        &json!({"source_claim_id": source, "target_claim_id": target, "kind": kind, "score": score,
                "state": "suggested", "created_at": now}),
    )?;
    Ok(id)
}

/// Inserts a suggested fact-check link unless the pair is linked already; returns its id when inserted.
pub(crate) fn insert_fact_check_link(
    tx: &Connection,
    actor: &Actor,
    claim_id: &str,
    fact_check_id: &str,
    kind: LinkKind,
    score: f64,
    now: &str,
) -> Result<Option<String>> {
    let id = Uuid::now_v7().to_string();
    let n = tx
        .prepare_cached(
            "INSERT OR IGNORE INTO fact_check_link (id, claim_id, fact_check_id, kind, score, state, created_at,
                                                    updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, 'suggested', ?6, ?6)",
        )?
        .execute(params![id, claim_id, fact_check_id, kind.as_str(), score, now])?;
    if n == 0 {
        return Ok(None);
    }
    history::record(
        tx,
        actor,
        "fact_check_link",
        &id,
        Op::Insert,
        &json!({"claim_id": claim_id, "fact_check_id": fact_check_id, "kind": kind, "score": score,
                "state": "suggested", "created_at": now}),
    )?;
    Ok(Some(id))
}

/// Records an alert (and its history row).
#[allow(clippy::too_many_arguments)]
pub(crate) fn insert_alert(
    tx: &Connection,
    actor: &Actor,
    claim_id: &str,
    earlier_claim_id: Option<&str>,
    fact_check_id: Option<&str>,
    link_id: &str,
    rating: &str,
    now: &str,
) -> Result<()> {
    let id = Uuid::now_v7().to_string();
    tx.prepare_cached(
        "INSERT OR IGNORE INTO alert (id, claim_id, earlier_claim_id, fact_check_id, link_id, rating, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![id, claim_id, earlier_claim_id, fact_check_id, link_id, rating, now])?;
    history::record(
        tx,
        actor,
        "alert",
        &id,
        Op::Insert,
        &json!({"claim_id": claim_id, "earlier_claim_id": earlier_claim_id, "fact_check_id": fact_check_id,
                "link_id": link_id, "rating": rating, "created_at": now}),
    )?;
    Ok(())
}

/// Resolves a full id, unique prefix or unique suffix among the ids of `table` (see [`crate::ids`]).
pub(crate) fn resolve_in(
    conn: &Connection,
    table: &'static str,
    what: &'static str,
    id_or_prefix: &str,
) -> Result<Option<String>> {
    crate::ids::resolve_id(conn, table, what, id_or_prefix)
}

fn parse_uuid(s: &str) -> Result<Uuid> {
    Uuid::parse_str(s).map_err(|e| StoreError::Corrupt(format!("id `{s}`: {e}")))
}

fn parse_kind(s: &str) -> Result<LinkKind> {
    s.parse()
        .map_err(|e: claimtrail_core::UnknownVariant| StoreError::Corrupt(e.to_string()))
}

fn parse_state(s: &str) -> Result<LinkState> {
    s.parse()
        .map_err(|e: claimtrail_core::UnknownVariant| StoreError::Corrupt(e.to_string()))
}

fn parse_status(s: &str) -> Result<ClaimStatus> {
    s.parse()
        .map_err(|e: claimtrail_core::UnknownVariant| StoreError::Corrupt(e.to_string()))
}

/// A claim as the other end of a link.
pub(crate) fn linked_claim(conn: &Connection, id: &str) -> Result<Linked> {
    conn.prepare_cached(
        "SELECT c.id, c.text, coalesce(c.speaker, c.claimant), coalesce(a.published_at, c.created_at), c.status,
                c.article_id, a.title
         FROM claim c JOIN article a ON a.id = c.article_id WHERE c.id = ?1",
    )?
    .query_row(params![id], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, Option<String>>(2)?,
            r.get::<_, Option<String>>(3)?,
            r.get::<_, String>(4)?,
            r.get::<_, String>(5)?,
            r.get::<_, String>(6)?,
        ))
    })
    .optional()?
    .ok_or_else(|| StoreError::NotFound {
        what: "claim",
        id: id.to_string(),
    })
    .and_then(|(id, text, claimant, date, status, article_id, article_title)| {
        Ok(Linked::Claim {
            id: crate::claims::parse_claim_id(&id)?,
            text,
            claimant,
            date: date_of(date),
            status: parse_status(&status)?,
            article_id: crate::articles::parse_article_id(&article_id)?,
            article_title,
        })
    })
}

pub(crate) fn linked_fact_check(fc: FactCheck) -> Linked {
    Linked::FactCheck {
        id: fc.id,
        text: fc.claim,
        claimant: fc.claimant,
        date: fc.date,
        rating: fc.rating,
        url: fc.url,
        title: fc.title,
        publisher: fc.publisher,
    }
}

/// The claims joined to `claim` by confirmed `repeats` links (itself included).
fn storyline_members(conn: &Connection, claim: &str) -> Result<Vec<String>> {
    let mut seen: HashSet<String> = HashSet::from([claim.to_string()]);
    let mut queue = VecDeque::from([claim.to_string()]);
    let mut stmt = conn.prepare_cached(
        "SELECT target_claim_id FROM claim_link WHERE source_claim_id = ?1 AND state = 'confirmed' AND kind = 'repeats'
         UNION
         SELECT source_claim_id FROM claim_link WHERE target_claim_id = ?1 AND state = 'confirmed' AND kind = 'repeats'",
    )?;
    while let Some(id) = queue.pop_front() {
        let next: Vec<String> = stmt
            .query_map(params![id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        for n in next {
            if seen.insert(n.clone()) {
                queue.push_back(n);
            }
        }
    }
    Ok(seen.into_iter().collect())
}

fn storyline(conn: &Connection, claim: &str) -> Result<Storyline> {
    let mut appearances = Vec::new();
    let mut stmt = conn.prepare_cached(
        "SELECT c.id, c.text, coalesce(c.speaker, c.claimant), coalesce(a.published_at, c.created_at), c.status,
                c.article_id, a.title, a.outlet, c.created_at
         FROM claim c JOIN article a ON a.id = c.article_id WHERE c.id = ?1",
    )?;
    let mut keyed = Vec::new();
    for id in storyline_members(conn, claim)? {
        let row = stmt
            .query_row(params![id], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, Option<String>>(2)?,
                    r.get::<_, Option<String>>(3)?,
                    r.get::<_, String>(4)?,
                    r.get::<_, String>(5)?,
                    r.get::<_, String>(6)?,
                    r.get::<_, Option<String>>(7)?,
                    r.get::<_, String>(8)?,
                ))
            })
            .optional()?;
        if let Some((id, text, claimant, date, status, article_id, title, outlet, created)) = row {
            let date = date_of(date);
            keyed.push((
                (date, created),
                Appearance {
                    claim_id: crate::claims::parse_claim_id(&id)?,
                    text,
                    claimant,
                    date,
                    status: parse_status(&status)?,
                    article_id: crate::articles::parse_article_id(&article_id)?,
                    article_title: title,
                    outlet,
                },
            ));
        }
    }
    // Dated appearances in date order, undated ones after them, ties by storing order.
    keyed.sort_by(|a, b| {
        (a.0 .0.is_none(), a.0 .0, &a.0 .1).cmp(&(b.0 .0.is_none(), b.0 .0, &b.0 .1))
    });
    appearances.extend(keyed.into_iter().map(|(_, a)| a));
    let id = appearances
        .first()
        .map(|a| a.claim_id)
        .map_or_else(|| crate::claims::parse_claim_id(claim), Ok)?;
    Ok(Storyline { id, appearances })
}

/// Verdicts of the other claims of the storyline and of fact-checks confirmed for any of its claims.
fn verdicts(
    conn: &Connection,
    claim: &str,
    members: &[Appearance],
) -> Result<Vec<PropagatedVerdict>> {
    let mut out = Vec::new();
    let mut review = conn.prepare_cached(
        "SELECT created_at, reviewer FROM review WHERE claim_id = ?1 AND status = ?2
         ORDER BY created_at DESC LIMIT 1",
    )?;
    for a in members {
        if a.claim_id.to_string() == claim || !a.status.is_verdict() {
            continue;
        }
        let (rated_at, reviewer): (Option<String>, Option<String>) = review
            .query_row(params![a.claim_id.to_string(), a.status.as_str()], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()?
            .map_or((None, None), |(at, who)| (Some(at), who));
        let rated_on = date_of(rated_at);
        let when = rated_on.map(|d| format!(" on {d}")).unwrap_or_default();
        out.push(PropagatedVerdict {
            from: "claim",
            id: a.claim_id.0,
            rating: a.status.as_str().to_string(),
            rated_on,
            text: a.text.clone(),
            url: None,
            reviewer,
            summary: format!(
                "rated {}{when}, see claim {} in \"{}\"",
                a.status, a.claim_id, a.article_title
            ),
        });
    }
    let mut fcs = conn.prepare_cached(
        "SELECT DISTINCT fact_check_id FROM fact_check_link WHERE claim_id = ?1 AND state = 'confirmed'",
    )?;
    let mut seen = HashSet::new();
    for a in members {
        let ids: Vec<String> = fcs
            .query_map(params![a.claim_id.to_string()], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        for id in ids {
            if !seen.insert(id.clone()) {
                continue;
            }
            let fc = get_fact_check(conn, &id)?;
            let Some(rating) = fc.rating.clone() else {
                continue;
            };
            let by = fc
                .publisher
                .as_deref()
                .map(|p| format!(" by {p}"))
                .unwrap_or_default();
            let when = fc
                .review_date
                .or(fc.date)
                .map(|d| format!(" on {d}"))
                .unwrap_or_default();
            let see = fc
                .url
                .as_deref()
                .map(|u| format!(", see {u}"))
                .unwrap_or_default();
            out.push(PropagatedVerdict {
                from: "fact_check",
                id: fc.id,
                summary: format!("rated {rating}{by}{when}{see}"),
                rating,
                rated_on: fc.review_date.or(fc.date),
                text: fc.claim,
                url: fc.url,
                reviewer: fc.publisher,
            });
        }
    }
    Ok(out)
}

/// A link row of either table, for confirm/reject.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct LinkChange {
    pub id: Uuid,
    /// `claim_link` or `fact_check_link`.
    #[ts(type = "string")]
    pub table: &'static str,
    pub kind: LinkKind,
    pub state: LinkState,
    pub prev_state: LinkState,
}

impl Store {
    /// The link settings (suggestion threshold, optional date window).
    pub fn link_settings(&self) -> Result<LinkSettings> {
        settings(&self.conn)
    }

    /// Changes the link settings (recorded in history).
    pub fn set_link_settings(&mut self, s: LinkSettings) -> Result<LinkSettings> {
        if !(0.0..=1.0).contains(&s.threshold) {
            return Err(StoreError::Invalid(format!(
                "threshold {} is outside 0..1",
                s.threshold
            )));
        }
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT INTO meta (key, value) VALUES ('link.threshold', ?1)
             ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            params![s.threshold.to_string()],
        )?;
        match s.window_days {
            Some(days) => tx.execute(
                "INSERT INTO meta (key, value) VALUES ('link.window_days', ?1)
                 ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                params![days.to_string()],
            )?,
            None => tx.execute("DELETE FROM meta WHERE key = 'link.window_days'", [])?,
        };
        history::record(&tx, &self.actor, "setting", "link", Op::Update, &s)?;
        tx.commit()?;
        Ok(s)
    }

    /// Ranks stored fact-checks for a text with the same code as import-time linking.
    pub fn match_fact_checks(&self, q: &MatchQuery<'_>, top: usize) -> Result<Vec<FactCheckMatch>> {
        self.match_fact_checks_with(q, top, &LinkWeights::default())
    }

    /// [`Store::match_fact_checks`] with explicit weights (for tuning on training data).
    pub fn match_fact_checks_with(
        &self,
        q: &MatchQuery<'_>,
        top: usize,
        weights: &LinkWeights,
    ) -> Result<Vec<FactCheckMatch>> {
        let mut ranked = rank_fact_checks(&self.conn, q, &settings(&self.conn)?, weights)?;
        ranked.truncate(top);
        Ok(ranked)
    }

    /// A claim's suggested and confirmed links (rejected ones left out), its storyline and the verdicts
    /// carried over to it.
    pub fn claim_links(&self, claim: ClaimId) -> Result<ClaimLinks> {
        let id = claim.to_string();
        // Fails with NotFound for an unknown claim.
        linked_claim(&self.conn, &id)?;
        let mut links = Vec::new();
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, source_claim_id, target_claim_id, kind, score, state FROM claim_link
             WHERE (source_claim_id = ?1 OR target_claim_id = ?1) AND state <> 'rejected'
             ORDER BY state = 'confirmed' DESC, score DESC",
        )?;
        let rows: Vec<(String, String, String, String, f64, String)> = stmt
            .query_map(params![id], |r| r.try_into())?
            .collect::<rusqlite::Result<_>>()?;
        for (link_id, source, target, kind, score, state) in rows {
            let (other, role) = if source == id {
                (target, "target")
            } else {
                (source, "source")
            };
            links.push(LinkView {
                id: parse_uuid(&link_id)?,
                kind: parse_kind(&kind)?,
                score,
                state: parse_state(&state)?,
                other_role: role,
                other: linked_claim(&self.conn, &other)?,
            });
        }
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, fact_check_id, kind, score, state FROM fact_check_link
             WHERE claim_id = ?1 AND state <> 'rejected' ORDER BY state = 'confirmed' DESC, score DESC",
        )?;
        let rows: Vec<(String, String, String, f64, String)> = stmt
            .query_map(params![id], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        for (link_id, fc, kind, score, state) in rows {
            links.push(LinkView {
                id: parse_uuid(&link_id)?,
                kind: parse_kind(&kind)?,
                score,
                state: parse_state(&state)?,
                other_role: "source",
                other: linked_fact_check(get_fact_check(&self.conn, &fc)?),
            });
        }
        let storyline = storyline(&self.conn, &id)?;
        let verdicts = verdicts(&self.conn, &id, &storyline.appearances)?;
        Ok(ClaimLinks {
            claim_id: claim,
            links,
            storyline,
            verdicts,
        })
    }

    /// The storyline id of a claim: the first appearance among the claims joined to it by confirmed repeats.
    pub fn storyline_id(&self, claim: ClaimId) -> Result<ClaimId> {
        Ok(storyline(&self.conn, &claim.to_string())?.id)
    }

    /// Confirms or rejects a link (claim-to-claim or claim-to-fact-check), by full id or unique prefix;
    /// `kind` optionally corrects its kind. Recorded in history.
    pub fn set_link_state(
        &mut self,
        id_or_prefix: &str,
        state: LinkState,
        kind: Option<LinkKind>,
    ) -> Result<LinkChange> {
        let tx = self.conn.transaction()?;
        let (table, id) = match resolve_in(&tx, "claim_link", "link", id_or_prefix)? {
            Some(id) => ("claim_link", id),
            None => match resolve_in(&tx, "fact_check_link", "link", id_or_prefix)? {
                Some(id) => ("fact_check_link", id),
                None => {
                    return Err(StoreError::NotFound {
                        what: "link",
                        id: id_or_prefix.to_string(),
                    })
                }
            },
        };
        let (prev_kind, prev_state): (String, String) = tx.query_row(
            &format!("SELECT kind, state FROM {table} WHERE id = ?1"),
            params![id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let kind = match kind {
            Some(k) => k,
            None => parse_kind(&prev_kind)?,
        };
        let now = time::fmt(time::now());
        tx.execute(
            &format!("UPDATE {table} SET state = ?2, kind = ?3, updated_at = ?4 WHERE id = ?1"),
            params![id, state.as_str(), kind.as_str(), now],
        )?;
        history::record(
            &tx,
            &self.actor,
            table,
            &id,
            Op::Update,
            &json!({"state": state, "kind": kind, "prev_state": prev_state, "prev_kind": prev_kind,
                    "updated_at": now}),
        )?;
        tx.commit()?;
        Ok(LinkChange {
            id: parse_uuid(&id)?,
            table,
            kind,
            state,
            prev_state: parse_state(&prev_state)?,
        })
    }
}

impl Store {
    /// Matches newly imported or newly embedded fact-checks against the stored claims (one transaction), by
    /// words and, once a fact-check has its embedding, by meaning: a claim made on or after a fact-checked claim
    /// gets a suggested link (unless it has one), and an alert when the rating is negative.
    pub(crate) fn link_new_fact_checks(&mut self, ids: &[String]) -> Result<usize> {
        // Whether any claim is stored, without counting them (this runs for every batch the encoder embeds).
        let no_claims = !self
            .conn
            .query_row("SELECT EXISTS (SELECT 1 FROM claim)", [], |r| {
                r.get::<_, bool>(0)
            })?;
        if ids.is_empty() || no_claims {
            return Ok(0);
        }
        let settings = settings(&self.conn)?;
        let weights = LinkWeights::default();
        let tx = self.conn.transaction()?;
        let now = time::fmt(time::now());
        let mut links = 0usize;
        for id in ids {
            let fc = get_fact_check(&tx, id)?;
            let fcf = fact_check_features(&fc);
            let embedding = embeddings::fact_check_embedding(&tx, id)?;
            let q = MatchQuery {
                text: &fc.claim,
                claimant: fc.claimant.as_deref(),
                date: fc.date,
                embedding: embedding.as_deref(),
            };
            let ranked = rank_claims(&tx, &q, &fcf, None, None, &settings, &weights)?;
            for (c, cf, score) in ranked
                .into_iter()
                .filter(|(c, _, s)| {
                    s.similarity >= settings.threshold
                        && can_be_source(fc.date, c.date, settings.window_days)
                })
                .take(SUGGEST_CLAIMS)
            {
                let kind = classify(&fcf, &cf, fc.date, c.date);
                let Some(link_id) = insert_fact_check_link(
                    &tx,
                    &self.actor,
                    &c.id,
                    id,
                    kind,
                    score.similarity,
                    &now,
                )?
                else {
                    continue;
                };
                links += 1;
                if let Some(rating) = fc.rating.as_deref().filter(|r| rating_is_negative(r)) {
                    if carries_rating(kind) {
                        insert_alert(
                            &tx,
                            &self.actor,
                            &c.id,
                            None,
                            Some(id),
                            &link_id,
                            rating,
                            &now,
                        )?;
                    }
                }
            }
        }
        tx.commit()?;
        Ok(links)
    }
}

impl Store {
    /// Stores already-extracted articles in one transaction, without link suggestion (bulk loads and
    /// benchmarks). Returns the ids of the articles stored.
    pub fn import_prepared(
        &mut self,
        items: &[(
            claimtrail_core::ArticleDraft,
            Vec<claimtrail_core::ExtractedClaim>,
        )],
    ) -> Result<Vec<ArticleId>> {
        let tx = self.conn.transaction()?;
        let mut ids = Vec::new();
        for (draft, claims) in items {
            if let crate::ImportOutcome::Imported { article_id, .. } =
                crate::articles::import_into(&tx, &self.actor, draft, None, claims, false)?
            {
                ids.push(article_id);
            }
        }
        tx.commit()?;
        Ok(ids)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use claimtrail_core::{ArticleDraft, ClaimKind, ExtractedClaim};

    fn article(n: usize, sentences: &[String]) -> (ArticleDraft, Vec<ExtractedClaim>) {
        let text = sentences.join(" ");
        let mut claims = Vec::new();
        let mut start = 0;
        for s in sentences {
            let end = start + s.chars().count();
            claims.push(ExtractedClaim {
                text: s.clone(),
                start,
                end,
                claimant: None,
                speaker: None,
                kind: ClaimKind::Statement,
                checkworthiness: 0.5,
                entities: vec![],
            });
            start = end + 1;
        }
        (ArticleDraft::plain(format!("Article {n}"), text), claims)
    }

    #[test]
    fn a_candidate_query_keeps_the_rarest_words_within_the_budget(
    ) -> std::result::Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let mut store = Store::open(dir.path().join("q.db"))?;
        // "senate" in 30 claims, "budget" in 5 of them, "zanzibar" in one.
        let batch: Vec<_> = (0..30)
            .map(|i| {
                let mut s = format!("The senate met on day {i}.");
                if i < 5 {
                    s = format!("The senate debated the budget on day {i}.");
                }
                if i == 0 {
                    s = "The senate budget mentions Zanzibar.".to_string();
                }
                article(i, &[s])
            })
            .collect();
        store.import_prepared(&batch)?;
        let f = features("Senate budget talks about Zanzibar and quux");
        let q = |budget| budgeted_query(&store.conn, FtsTable::Claims, &f, budget);
        assert_eq!(
            q(10)?.as_deref(),
            Some("\"zanzibar\" OR \"budget\""),
            "the common word is dropped, the word that matches nothing too"
        );
        assert_eq!(
            q(100)?.as_deref(),
            Some("\"zanzibar\" OR \"budget\" OR \"senate\"")
        );
        assert_eq!(q(0)?, None, "even the rarest word is over the budget");
        release_row_counts();
        assert_eq!(q(3)?.as_deref(), Some("\"zanzibar\""));
        // A word that matched nothing is counted again after a release, once a claim has it.
        store.import_prepared(&[article(99, &["A quux was seen.".to_string()])])?;
        release_row_counts();
        let q = |budget| budgeted_query(&store.conn, FtsTable::Claims, &f, budget);
        assert_eq!(
            q(10)?.as_deref(),
            Some("\"quux\" OR \"zanzibar\" OR \"budget\"")
        );
        Ok(())
    }
}
