//! Candidates for a link and their ranking: stored claims and fact-checks that share the text's rarest words
//! (within a word budget: the claims' word lists weighted as BM25 weighs words, the fact-checks by FTS5's
//! `bm25()`), the nearest sentence embeddings, reciprocal rank fusion, then the link score. Shared by
//! import-time suggestion and `claimtrail match`.

use std::collections::{BTreeSet, HashMap};
use std::rc::Rc;

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};

use super::{FactCheckMatch, LinkSettings, MatchQuery};
use crate::embeddings;
use crate::error::{Result, StoreError};
use crate::factchecks::{raw_fact_check, FactCheck, FACT_CHECK_COLUMNS};
use claimtrail_core::link::{
    self, features, rank::can_be_source, CandidateScore, Features, LinkWeights, Side,
};

/// Content words at most in a candidate full-text query.
const MAX_QUERY_TERMS: usize = 24;
/// BM25 candidates read per table (20 rather than 40: import-time suggestion 36% cheaper, PolitiFact train MAP@5
/// .565 -> .555).
const BM25_CANDIDATES: usize = 20;

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

/// A word of a candidate query, with how many rows of the table it matches and, when counting them read
/// them all, their keys.
struct CountedWord {
    rows: usize,
    word: String,
    keys: Option<Vec<i64>>,
}

/// The content words of a text that a candidate query from `fts_table` keeps: rarest there first, while their
/// matching rows fit in `budget` ([`POSTING_BUDGET`]). Words that match nothing are left out, and none is
/// left when even the rarest word is too common to rank by.
fn budgeted_words(
    conn: &Connection,
    fts_table: FtsTable,
    f: &Features,
    budget: usize,
) -> Result<Vec<CountedWord>> {
    let mut counted = Vec::new();
    for word in query_words(f) {
        let (rows, keys) = matching_rows(conn, fts_table, &word, budget)?;
        if rows > 0 {
            counted.push(CountedWord { rows, word, keys });
        }
    }
    counted.sort_by(|a, b| a.rows.cmp(&b.rows).then_with(|| a.word.cmp(&b.word)));
    let mut total = 0;
    counted.retain(|w| {
        total += w.rows;
        total <= budget
    });
    Ok(counted)
}

/// The FTS5 query for candidates from `fts_table`: the [`budgeted_words`] of the text, joined with OR.
/// `None` when no word is left.
pub(crate) fn budgeted_query(
    conn: &Connection,
    fts_table: FtsTable,
    f: &Features,
    budget: usize,
) -> Result<Option<String>> {
    let kept: Vec<String> = budgeted_words(conn, fts_table, f, budget)?
        .into_iter()
        .map(|w| w.word)
        .collect();
    Ok(or_query(&kept))
}

/// BM25's weight of a word that `rows` of `total` rows contain (as FTS5 computes it, never below a
/// millionth).
fn idf(total: usize, rows: usize) -> f64 {
    let (n, r) = (total.max(rows) as f64, rows as f64);
    ((n - r + 0.5) / (r + 0.5)).ln().max(1e-6)
}

/// Keys of the stored claims that share the most distinctive words with a text, best first, at most
/// `limit`: each claim matching one of the [`budgeted_words`] scores the BM25 weight of every such word it
/// has. With `stored_before`, only claims stored before that key (see [`claim_candidates`]).
///
/// This is BM25 with each word counted once and no length normalisation, and that is deliberate: FTS5's
/// `bm25()` reads the length of every matching row (a lookup in its size table, about 4 µs per row at a
/// million claims, 6 ms per new claim), while these keys come from the word lists read to count the words
/// anyway. Claims are single sentences, where a word rarely occurs twice and lengths differ little, and the
/// candidates are ranked again by the link score.
fn claim_keys_by_words(
    conn: &Connection,
    words: Vec<CountedWord>,
    stored_before: Option<i64>,
    limit: usize,
) -> Result<Vec<i64>> {
    if words.is_empty() {
        return Ok(Vec::new());
    }
    let total: i64 = conn
        .prepare_cached("SELECT coalesce(max(pk), 0) FROM claim")?
        .query_row([], |r| r.get(0))?;
    let total = usize::try_from(total).unwrap_or(0);
    let before = stored_before.unwrap_or(i64::MAX);
    let mut scores: HashMap<i64, f64> = HashMap::new();
    for w in words {
        let weight = idf(total, w.rows);
        let keys = match w.keys {
            Some(keys) => keys,
            None => word_keys(conn, FtsTable::Claims, &w.word, None)?,
        };
        for key in keys.into_iter().filter(|&k| k < before) {
            *scores.entry(key).or_insert(0.0) += weight;
        }
    }
    let mut ranked: Vec<(i64, f64)> = scores.into_iter().collect();
    // Best first; among equals, the claim stored first (as the first appearance of a claim is what a link
    // should lead to).
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    ranked.truncate(limit);
    Ok(ranked.into_iter().map(|(k, _)| k).collect())
}

/// The keys of the rows of `fts_table` that match `word`, in key order, at most `cap` of them.
fn word_keys(
    conn: &Connection,
    fts_table: FtsTable,
    word: &str,
    cap: Option<usize>,
) -> Result<Vec<i64>> {
    let table = fts_table.name();
    let cap = cap.map_or(-1, |c| i64::try_from(c).unwrap_or(i64::MAX));
    let keys = conn
        .prepare_cached(&format!(
            "SELECT rowid FROM {table} WHERE {table} MATCH ?1 LIMIT ?2"
        ))?
        .query_map(params![format!("\"{word}\""), cap], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(keys)
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

/// How many rows of `fts_table` match `word`, counted up to `cap + 1` (reading row keys only, about 5 times
/// cheaper per row than ranking them with `bm25()`), and the keys when they were read here.
///
/// A count is remembered per thread and database until [`release_row_counts`] (the app's worker after each
/// run): counts only grow as claims arrive, so a remembered one can only make a word look rarer than it is.
/// Zero counts are remembered too; the price: a word that matched no claim when first counted (a
/// fact-check's) stays out of queries until the release, even if a claim with it arrives meanwhile.
///
/// A word over the cap is also remembered in the database (`fts_common_word`, written by the link queue's
/// write transaction, see [`save_common_words`]), so no process counts it again: most of a claim's words are
/// such common words, and reading their rows was the larger part of finding candidates. A word whose rows
/// drop under the cap again (claims deleted) stays out; that only leaves out a word that was too common.
fn matching_rows(
    conn: &Connection,
    fts_table: FtsTable,
    word: &str,
    cap: usize,
) -> Result<(usize, Option<Vec<i64>>)> {
    let path = std::path::PathBuf::from(conn.path().unwrap_or_default());
    let key = (path, fts_table, word.to_string(), cap);
    if let Some(n) = ROW_COUNTS.with(|c| c.borrow().get(&key).copied()) {
        return Ok((n, None));
    }
    let known: Option<i64> = conn
        .prepare_cached("SELECT rows FROM fts_common_word WHERE tbl = ?1 AND word = ?2")?
        .query_row(params![fts_table.name(), word], |r| r.get(0))
        .optional()?;
    let (n, keys) = match known
        .and_then(|n| usize::try_from(n).ok())
        .filter(|&n| n > cap)
    {
        Some(n) => (n, None),
        None => {
            let keys = word_keys(conn, fts_table, word, Some(cap + 1))?;
            let n = keys.len();
            if n > cap {
                NEW_COMMON_WORDS.with(|w| {
                    let mut w = w.borrow_mut();
                    if w.len() < NEW_COMMON_WORDS_MAX {
                        w.push((key.0.clone(), fts_table, word.to_string(), n));
                    }
                });
            }
            (n, Some(keys))
        }
    };
    ROW_COUNTS.with(|c| {
        let mut c = c.borrow_mut();
        if c.len() >= ROW_COUNT_CACHE_SIZE {
            c.clear();
        }
        c.insert(key, n);
    });
    Ok((n, keys))
}

/// Common words found by this thread and not written yet, at most (ranking without writing, as `claimtrail
/// match` does, finds them too; past this many they are found again next time).
const NEW_COMMON_WORDS_MAX: usize = 10_000;

thread_local! {
    static NEW_COMMON_WORDS: std::cell::RefCell<Vec<(std::path::PathBuf, FtsTable, String, usize)>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

/// Writes the words this thread found too common to rank by (see [`matching_rows`]) for the database of
/// `tx`, in the caller's transaction; returns how many.
pub(crate) fn save_common_words(tx: &Connection) -> Result<usize> {
    let path = std::path::PathBuf::from(tx.path().unwrap_or_default());
    let words: Vec<(FtsTable, String, usize)> = NEW_COMMON_WORDS.with(|w| {
        let mut w = w.borrow_mut();
        let (ours, others): (Vec<_>, Vec<_>) = w.drain(..).partition(|x| x.0 == path);
        *w = others;
        ours.into_iter()
            .map(|(_, t, word, n)| (t, word, n))
            .collect()
    });
    let mut stmt = tx.prepare_cached(
        "INSERT INTO fts_common_word (tbl, word, rows) VALUES (?1, ?2, ?3)
         ON CONFLICT (tbl, word) DO UPDATE SET rows = max(rows, excluded.rows)",
    )?;
    for (table, word, n) in &words {
        stmt.execute(params![
            table.name(),
            word,
            i64::try_from(*n).unwrap_or(i64::MAX)
        ])?;
    }
    Ok(words.len())
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

/// The stored claims with the keys `keys` (best first), as candidates in that order: dismissed ones and those
/// of `exclude_article` left out. One statement for all of them.
///
/// Claims are candidates only when stored before the claim taken off the link queue (`stored_before` in
/// [`claim_keys_by_words`] and the nearest-embedding filter): a claim stored later meets this one when its
/// own turn comes, so every pair of claims is ranked once, from the later-stored claim, as when each import
/// linked its claims at once.
fn claim_candidates(
    conn: &Connection,
    keys: &[i64],
    exclude_article: Option<&str>,
) -> Result<Vec<ClaimCandidate>> {
    if keys.is_empty() {
        return Ok(Vec::new());
    }
    let list = serde_json::to_string(keys).map_err(|e| StoreError::Invalid(e.to_string()))?;
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {CLAIM_CANDIDATE_COLUMNS}
         FROM json_each(?1) k JOIN claim c ON c.pk = k.value JOIN article a ON a.id = c.article_id
         WHERE c.dismissed = 0 AND (?2 IS NULL OR c.article_id <> ?2)
         ORDER BY k.key"
    ))?;
    let rows = stmt.query_map(params![list, exclude_article], claim_candidate)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
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
    let words = budgeted_words(conn, FtsTable::Claims, qf, POSTING_BUDGET)?;
    // A few more than needed: some are of the same article or dismissed.
    let keys = claim_keys_by_words(conn, words, stored_before, BM25_CANDIDATES + 10)?;
    let mut found = claim_candidates(conn, &keys, exclude_article)?;
    found.truncate(BM25_CANDIDATES);
    let mut lists: Vec<Vec<i64>> = vec![found.iter().map(|c| c.pk).collect()];
    let index = match q.embedding {
        Some(_) => Some(embeddings::index(conn, embeddings::Table::Claims)?),
        None => None,
    };
    if let (Some(e), Some(index)) = (q.embedding, &index) {
        let before = stored_before.unwrap_or(i64::MAX);
        // A few more than needed: some are of the same article or dismissed.
        let hits = index.nearest(e, BM25_CANDIDATES + 10, |pk| pk < before);
        // The hits not found by words, read in one statement.
        let missing: Vec<i64> = hits
            .iter()
            .map(|h| h.key)
            .filter(|k| !found.iter().any(|c| c.pk == *k))
            .collect();
        let mut read: HashMap<i64, ClaimCandidate> =
            claim_candidates(conn, &missing, exclude_article)?
                .into_iter()
                .map(|c| (c.pk, c))
                .collect();
        lists.push(nearest_list(
            hits,
            &mut found,
            |c| c.pk,
            |pk| Ok(read.remove(&pk)),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Store;
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

    #[test]
    fn a_word_over_the_budget_is_remembered_in_the_database(
    ) -> std::result::Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let mut store = Store::open(dir.path().join("common.db"))?;
        let batch: Vec<_> = (0..30)
            .map(|i| article(i, &[format!("The senate met about Zanzibar on day {i}.")]))
            .collect();
        store.import_prepared(&batch)?;
        release_row_counts();
        let f = features("Senate talks about Zanzibar and quux");
        assert_eq!(
            budgeted_query(&store.conn, FtsTable::Claims, &f, 60)?.as_deref(),
            Some("\"senate\" OR \"zanzibar\"")
        );
        assert_eq!(
            budgeted_query(&store.conn, FtsTable::Claims, &f, 10)?,
            None,
            "both words match 30 rows"
        );
        let tx = store.conn.unchecked_transaction()?;
        assert_eq!(save_common_words(&tx)?, 2, "written by the next write");
        tx.commit()?;
        let saved: Vec<(String, String, i64)> = store
            .conn
            .prepare("SELECT tbl, word, rows FROM fts_common_word ORDER BY word")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<_>>()?;
        assert_eq!(
            saved,
            [
                ("claim_fts".to_string(), "senate".to_string(), 11),
                ("claim_fts".to_string(), "zanzibar".to_string(), 11)
            ]
        );
        // Another run (its counts released) takes a remembered word as it was remembered, without counting it:
        // "senate" still matches 30 rows, but the table says 100, which is over a budget of 40.
        store.conn.execute(
            "UPDATE fts_common_word SET rows = 100 WHERE word = 'senate'",
            [],
        )?;
        release_row_counts();
        assert_eq!(
            budgeted_query(&store.conn, FtsTable::Claims, &f, 40)?.as_deref(),
            Some("\"zanzibar\""),
            "a word remembered over this budget is not counted"
        );
        release_row_counts();
        assert_eq!(
            budgeted_query(&store.conn, FtsTable::Claims, &f, 200)?.as_deref(),
            Some("\"senate\" OR \"zanzibar\""),
            "a larger budget than the remembered count counts the word again"
        );
        Ok(())
    }

    #[test]
    fn claims_sharing_the_rarest_words_come_first_and_only_earlier_ones(
    ) -> std::result::Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let mut store = Store::open(dir.path().join("keys.db"))?;
        // Twenty claims about the senate; one of them also names the treaty and Oslo, one only Oslo.
        let batch: Vec<_> = (0..20)
            .map(|i| {
                let s = match i {
                    3 => "The senate rejected the Oslo treaty.".to_string(),
                    7 => "The senate met in Oslo.".to_string(),
                    _ => format!("The senate adjourned on day {i}."),
                };
                article(i, &[s])
            })
            .collect();
        store.import_prepared(&batch)?;
        release_row_counts();
        let pk_of = |text: &str| -> rusqlite::Result<i64> {
            store
                .conn
                .query_row("SELECT pk FROM claim WHERE text = ?1", [text], |r| r.get(0))
        };
        let (treaty, oslo) = (
            pk_of("The senate rejected the Oslo treaty.")?,
            pk_of("The senate met in Oslo.")?,
        );
        let f = features("Senate votes on the Oslo treaty");
        let words = budgeted_words(&store.conn, FtsTable::Claims, &f, 100)?;
        let keys = claim_keys_by_words(&store.conn, words, None, 5)?;
        assert_eq!(keys.len(), 5);
        assert_eq!(&keys[..2], [treaty, oslo], "two rare words, then one");
        // Only claims stored before a key are candidates.
        let words = budgeted_words(&store.conn, FtsTable::Claims, &f, 100)?;
        let keys = claim_keys_by_words(&store.conn, words, Some(treaty), 20)?;
        assert!(keys.iter().all(|&k| k < treaty), "{keys:?}");
        assert_eq!(keys.len(), 3);
        Ok(())
    }
}
