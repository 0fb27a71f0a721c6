//! Reading claim-matching queries and relevance judgements, and ranking metrics (MAP@k, P@1, MRR).

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use serde::Serialize;

/// One query of the claim-matching format (`query_id`, `text`, optional `date`, `speaker`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryRow {
    pub id: String,
    pub text: String,
    pub speaker: Option<String>,
    pub date: Option<NaiveDate>,
}

/// Why a queries or qrels file could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EvalFileError {
    #[error("header must name the columns {0}")]
    Header(&'static str),
    #[error("line {line} has {found} fields, the header has {expected}")]
    Fields {
        line: usize,
        found: usize,
        expected: usize,
    },
}

fn split_rows(text: &str) -> (Vec<&str>, Vec<(usize, Vec<&str>)>) {
    let mut lines = text.lines();
    let header = lines
        .next()
        .unwrap_or_default()
        .trim_start_matches('\u{feff}')
        .split('\t')
        .map(str::trim)
        .collect();
    let rows = lines
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| (i + 2, l.split('\t').collect()))
        .collect();
    (header, rows)
}

/// Parses a queries TSV (`query_id` and `text` columns required; `date`, `speaker` used when present).
pub fn parse_queries(text: &str) -> Result<Vec<QueryRow>, EvalFileError> {
    let (header, rows) = split_rows(text);
    let col = |n: &str| header.iter().position(|h| h.eq_ignore_ascii_case(n));
    let (Some(id), Some(txt)) = (col("query_id"), col("text")) else {
        return Err(EvalFileError::Header("query_id and text"));
    };
    let (date, speaker) = (col("date"), col("speaker"));
    rows.into_iter()
        .map(|(line, f)| {
            if f.len() != header.len() {
                return Err(EvalFileError::Fields {
                    line,
                    found: f.len(),
                    expected: header.len(),
                });
            }
            let get = |c: Option<usize>| {
                c.and_then(|c| f.get(c))
                    .map(|s| s.trim())
                    .filter(|s| !s.is_empty())
            };
            Ok(QueryRow {
                id: get(Some(id)).unwrap_or_default().to_string(),
                text: get(Some(txt)).unwrap_or_default().to_string(),
                speaker: get(speaker).map(str::to_string),
                date: get(date).and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()),
            })
        })
        .collect()
}

/// Parses a qrels TSV (`query_id`, `vclaim_id`): the relevant vclaims of each query.
pub fn parse_qrels(text: &str) -> Result<BTreeMap<String, BTreeSet<String>>, EvalFileError> {
    let (header, rows) = split_rows(text);
    let col = |n: &str| header.iter().position(|h| h.eq_ignore_ascii_case(n));
    let (Some(q), Some(v)) = (col("query_id"), col("vclaim_id")) else {
        return Err(EvalFileError::Header("query_id and vclaim_id"));
    };
    let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (line, f) in rows {
        let (Some(qid), Some(vid)) = (f.get(q), f.get(v)) else {
            return Err(EvalFileError::Fields {
                line,
                found: f.len(),
                expected: header.len(),
            });
        };
        out.entry(qid.trim().to_string())
            .or_default()
            .insert(vid.trim().to_string());
    }
    Ok(out)
}

/// Ranking quality over the judged queries.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Metrics {
    pub queries: usize,
    pub map_at_5: f64,
    pub p_at_1: f64,
    pub mrr: f64,
}

/// MAP@k as in the CheckThat! lab: for each judged query, the sum of precision at each relevant hit within
/// the top k, divided by min(relevant, k); averaged over judged queries (a query with no ranking scores 0).
pub fn evaluate(
    rankings: &BTreeMap<String, Vec<String>>,
    qrels: &BTreeMap<String, BTreeSet<String>>,
    k: usize,
) -> Metrics {
    let mut ap_sum = 0.0;
    let mut p1 = 0.0;
    let mut rr = 0.0;
    for (q, relevant) in qrels {
        let ranked = rankings.get(q).map(Vec::as_slice).unwrap_or_default();
        let mut hits = 0.0;
        let mut ap = 0.0;
        for (i, id) in ranked.iter().take(k).enumerate() {
            if relevant.contains(id) {
                hits += 1.0;
                ap += hits / (i as f64 + 1.0);
            }
        }
        ap_sum += ap / relevant.len().min(k).max(1) as f64;
        if ranked.first().is_some_and(|id| relevant.contains(id)) {
            p1 += 1.0;
        }
        if let Some(pos) = ranked.iter().position(|id| relevant.contains(id)) {
            rr += 1.0 / (pos as f64 + 1.0);
        }
    }
    let n = qrels.len().max(1) as f64;
    Metrics {
        queries: qrels.len(),
        map_at_5: ap_sum / n,
        p_at_1: p1 / n,
        mrr: rr / n,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn map_at_5_on_a_small_example() {
        let rankings = BTreeMap::from([
            ("q1".to_string(), vec!["a".to_string(), "b".to_string()]),
            ("q2".to_string(), vec!["x".to_string(), "y".to_string()]),
        ]);
        let qrels = BTreeMap::from([
            ("q1".to_string(), BTreeSet::from(["a".to_string()])),
            ("q2".to_string(), BTreeSet::from(["y".to_string()])),
            ("q3".to_string(), BTreeSet::from(["z".to_string()])),
        ]);
        let m = evaluate(&rankings, &qrels, 5);
        assert!((m.map_at_5 - (1.0 + 0.5) / 3.0).abs() < 1e-9);
        assert!((m.p_at_1 - 1.0 / 3.0).abs() < 1e-9);
    }

    #[test]
    fn queries_and_qrels_parse_by_header() -> Result<(), EvalFileError> {
        let q = parse_queries("query_id\tdate\tspeaker\ttext\nq1\t2020-01-02\tAna\tThe dam.\n")?;
        assert_eq!(q[0].speaker.as_deref(), Some("Ana"));
        assert_eq!(q[0].date, NaiveDate::from_ymd_opt(2020, 1, 2));
        let r = parse_qrels("query_id\tvclaim_id\nq1\tv1\nq1\tv2\n")?;
        assert_eq!(r["q1"].len(), 2);
        assert!(parse_queries("id\ttext\n").is_err());
        Ok(())
    }
}
