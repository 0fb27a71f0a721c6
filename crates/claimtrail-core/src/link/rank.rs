//! Fusing candidate lists and scoring candidates.
//!
//! Candidates come from one or more ranked lists (FTS5/BM25, and the nearest sentence embeddings when both
//! sides have one). The lists are fused with reciprocal rank fusion, then each candidate gets a similarity in
//! 0..1 (the link's stored score, compared with the suggestion threshold) and an ordering score (the
//! similarity plus a share of the fused rank, so a strong hit in several lists breaks ties). The embeddings'
//! cosine joins the similarity when both sides have an embedding; without, the weights of the other parts
//! decide alone, so scores stay comparable.

use std::collections::HashMap;
use std::hash::Hash;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::features::Features;
use super::similarity;

/// The usual RRF constant.
pub const RRF_K: f64 = 60.0;

/// Reciprocal rank fusion: every list adds `1 / (k + rank)` (rank from 1) to each of its items. Returns the
/// items best first, with their fused score divided by the best possible (`lists / (k + 1)`), so 0..1.
pub fn rrf<K: Hash + Eq + Clone>(lists: &[Vec<K>], k: f64) -> Vec<(K, f64)> {
    let mut scores: HashMap<K, f64> = HashMap::new();
    let mut order: Vec<K> = Vec::new();
    for list in lists {
        for (i, item) in list.iter().enumerate() {
            let entry = scores.entry(item.clone()).or_insert_with(|| {
                order.push(item.clone());
                0.0
            });
            *entry += 1.0 / (k + i as f64 + 1.0);
        }
    }
    let best = lists.len().max(1) as f64 / (k + 1.0);
    let mut out: Vec<(K, f64)> = order
        .into_iter()
        .map(|item| {
            let s = scores.get(&item).copied().unwrap_or(0.0) / best;
            (item, s)
        })
        .collect();
    // Stable: equal scores keep first-seen order.
    out.sort_by(|a, b| b.1.total_cmp(&a.1));
    out
}

/// The weights of the candidate score. Tuned on the training splits of the claim-matching data (see the
/// README's "Measured quality"), never on dev.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct LinkWeights {
    pub cosine: f64,
    pub containment: f64,
    pub wording: f64,
    pub names: f64,
    pub claimant: f64,
    /// Weight of the fused rank in the ordering score (not in the similarity).
    pub fused_rank: f64,
    /// Weight of the sentence embeddings' cosine (counted only when both sides have one).
    #[serde(default)]
    pub semantic: f64,
    /// A fact-check is also compared through its claim and title together; that similarity counts times this
    /// factor when it beats the claim's own (0 turns it off).
    #[serde(default)]
    pub title: f64,
}

impl Default for LinkWeights {
    fn default() -> Self {
        Self {
            cosine: 0.45,
            containment: 0.25,
            wording: 0.15,
            names: 0.05,
            claimant: 0.25,
            // With embeddings, a smaller share of the fused rank served both training splits (MAP@5 .628 and
            // .870, against .623 and .869 at 0.30; 0 was no better and hurt ranking without embeddings).
            fused_rank: 0.15,
            semantic: 1.0,
            title: 1.0,
        }
    }
}

/// One side of a comparison: a claim or a fact-check.
#[derive(Debug, Clone, Copy)]
pub struct Side<'a> {
    pub features: &'a Features,
    pub claimant: Option<&'a str>,
    pub date: Option<NaiveDate>,
    /// Its sentence embedding, in any scale (see [`super::dense`]).
    pub embedding: Option<&'a [f32]>,
}

/// A scored candidate.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct CandidateScore {
    /// 0..1, what the link stores and the threshold compares.
    pub similarity: f64,
    /// Orders candidates: the similarity plus the weighted fused rank.
    pub order: f64,
    pub cosine: f64,
    pub wording: f64,
    pub claimant_match: bool,
    /// The embeddings' cosine, when both sides have one.
    pub semantic: Option<f64>,
}

/// Scores candidate `cand` for `query`; `fused` is the candidate's normalised RRF score (0..1).
pub fn score_candidate(
    query: &Side<'_>,
    cand: &Side<'_>,
    fused: f64,
    w: &LinkWeights,
) -> CandidateScore {
    let cosine = similarity::cosine(query.features, cand.features);
    let containment = similarity::containment(query.features, cand.features);
    let wording = similarity::wording(query.features, cand.features);
    let names = similarity::names(query.features, cand.features);
    let claimant_match = similarity::claimant_match(query.claimant, cand.claimant);
    let semantic = match (query.embedding, cand.embedding) {
        (Some(q), Some(c)) => Some(super::dense::cosine(q, c).clamp(0.0, 1.0)),
        _ => None,
    };
    let semantic_weight = if semantic.is_some() { w.semantic } else { 0.0 };
    let total = w.cosine + w.containment + w.wording + w.names + w.claimant + semantic_weight;
    let raw = w.cosine * cosine
        + w.containment * containment
        + w.wording * wording
        + w.names * names
        + if claimant_match { w.claimant } else { 0.0 }
        + semantic_weight * semantic.unwrap_or(0.0);
    let similarity = (raw / total.max(f64::EPSILON)).clamp(0.0, 1.0);
    CandidateScore {
        similarity,
        order: similarity + w.fused_rank * fused.clamp(0.0, 1.0),
        cosine,
        wording,
        claimant_match,
        semantic,
    }
}

/// Whether a text dated `earlier` can be the source of one dated `later`: it is not dated after it and, with a
/// window, not more than `window_days` before it. Undated texts pass.
pub fn can_be_source(
    earlier: Option<NaiveDate>,
    later: Option<NaiveDate>,
    window_days: Option<u32>,
) -> bool {
    match (earlier, later) {
        (Some(e), Some(l)) => {
            e <= l && window_days.is_none_or(|w| (l - e).num_days() <= i64::from(w))
        }
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rrf_rewards_items_high_in_several_lists() {
        let fused = rrf(&[vec!["a", "b", "c"], vec!["b", "c", "a"]], RRF_K);
        assert_eq!(fused[0].0, "b");
        assert!(fused[0].1 <= 1.0 && fused[0].1 > 0.9);
        let single = rrf(&[vec!["x"]], RRF_K);
        assert!((single[0].1 - 1.0).abs() < 1e-9);
    }

    #[test]
    fn a_later_text_is_never_the_source() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
        assert!(can_be_source(d("2017-07-08"), d("2017-07-09"), None));
        assert!(!can_be_source(d("2017-07-10"), d("2017-07-09"), None));
        assert!(!can_be_source(d("2016-07-08"), d("2017-07-09"), Some(30)));
        assert!(can_be_source(None, d("2017-07-09"), Some(30)));
    }
}
