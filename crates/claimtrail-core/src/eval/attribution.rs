//! Claim, claimant and entity figures of the extractor against a hand-annotated gold file.
//!
//! The gold file (`eval/attribution/gold.jsonl`, format in `eval/attribution/GUIDE.md`) holds one line per
//! article: its corpus `id`, its `split` (`tune` or `test`) and its claims as char offsets into the normalised
//! text, each with a short hash of the exact slice, the canonical speaker (`null` when the outlet asserts it)
//! and the entities the claim names. The article text itself is read from the corpus at run time.
//!
//! Metrics:
//! - claims: a predicted claim matches a gold claim when their spans overlap by at least half of the shorter
//!   span; matching is one-to-one (best overlap first). Precision, recall and F1 over all claims.
//! - claimant accuracy: over matched claims, the share whose normalised speakers are equal (`null` = `null`).
//! - entities: over matched claims, gold and predicted entity names (normalised, predicted `other` entities
//!   left out because the guide does not annotate them) are compared as sets. Precision, recall, F1, and the
//!   share of matched entities whose kind agrees.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::extract::extract_claims;
use crate::ingest::{self, IngestOptions};
use crate::model::{EntityKind, ExtractedClaim, SourceFormat};

/// Why an evaluation could not run.
#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    #[error("cannot read {path}: {message}")]
    Io { path: String, message: String },
    #[error("{path}:{line}: {message}")]
    Gold {
        path: String,
        line: usize,
        message: String,
    },
    #[error("{0}: no .jsonl files with articles")]
    EmptyCorpus(String),
}

/// Which annotated articles to score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SplitFilter {
    Tune,
    Test,
    #[default]
    All,
}

impl SplitFilter {
    fn admits(self, split: &str) -> bool {
        match self {
            SplitFilter::Tune => split == "tune",
            SplitFilter::Test => split == "test",
            SplitFilter::All => true,
        }
    }
}

impl std::str::FromStr for SplitFilter {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "tune" => Ok(SplitFilter::Tune),
            "test" => Ok(SplitFilter::Test),
            "all" => Ok(SplitFilter::All),
            other => Err(format!(
                "unknown split `{other}` (expected tune, test or all)"
            )),
        }
    }
}

/// How the claim's source is expressed in the text (for claimant accuracy per kind of cue).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Cue {
    /// The outlet asserts it: no speaker.
    Outlet,
    /// A person's name next to the claim ("Doe said", "said Sen. Jane Doe").
    Name,
    /// A pronoun that refers back to a named source ("he said").
    Pronoun,
    /// A description that refers back to a named source ("the president", "the senator").
    Description,
    /// A source the article does not name ("a senior official").
    Anonymous,
    /// An institution, office or document ("the White House said", "the statement").
    Institution,
    /// A quotation with no attribution of its own, continuing someone's words.
    Continuation,
}

impl Cue {
    pub fn as_str(self) -> &'static str {
        match self {
            Cue::Outlet => "outlet",
            Cue::Name => "name",
            Cue::Pronoun => "pronoun",
            Cue::Description => "description",
            Cue::Anonymous => "anonymous",
            Cue::Institution => "institution",
            Cue::Continuation => "continuation",
        }
    }
}

/// One annotated article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GoldArticle {
    /// The corpus record's `id`.
    pub id: String,
    /// `tune` or `test`.
    pub split: String,
    pub claims: Vec<GoldClaim>,
}

/// One annotated claim.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GoldClaim {
    /// Char offset into the normalised text, inclusive.
    pub start: usize,
    /// Char offset, exclusive.
    pub end: usize,
    /// First 8 hex digits of the SHA-256 of the exact slice (see [`span_hash`]).
    pub hash: String,
    /// The canonical speaker; `None` when the outlet itself asserts the claim.
    pub speaker: Option<String>,
    /// The claimant as written near the claim ("he", "the official"), when it differs from the speaker.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub claimant: Option<String>,
    pub cue: Cue,
    #[serde(default)]
    pub entities: Vec<GoldEntity>,
}

/// A named person, organisation or place a claim mentions, under its canonical name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GoldEntity {
    pub name: String,
    pub kind: EntityKind,
}

/// First 8 hex digits of the SHA-256 of `s`: detects a gold span that no longer slices the same text.
pub fn span_hash(s: &str) -> String {
    Sha256::digest(s.as_bytes())
        .iter()
        .take(4)
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Names compared case-, punctuation- and article-insensitively: "The U.S." = "US", "Trump’s" = "trump".
pub fn normalise_name(s: &str) -> String {
    let mut words: Vec<String> = Vec::new();
    for raw in s.split_whitespace() {
        let w = raw
            .trim_end_matches(|c: char| !c.is_alphanumeric())
            .strip_suffix("’s")
            .or_else(|| raw.strip_suffix("'s"))
            .unwrap_or(raw);
        let mut cur = String::new();
        for c in w.chars() {
            if c.is_alphanumeric() {
                cur.extend(c.to_lowercase());
            } else if matches!(c, '.' | '’' | '\'') {
                // "U.S." → "us", "O’Rourke" → "orourke".
            } else if !cur.is_empty() {
                words.push(std::mem::take(&mut cur));
            }
        }
        if !cur.is_empty() {
            words.push(cur);
        }
    }
    if words.len() > 1 && matches!(words[0].as_str(), "the" | "a" | "an") {
        words.remove(0);
    }
    words.join(" ")
}

/// One-to-one matching of gold and predicted spans: pairs overlapping by at least half of the shorter span,
/// best overlap (relative to the union) first. Returns `(gold index, predicted index)` pairs.
pub fn match_spans(gold: &[(usize, usize)], pred: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let mut candidates: Vec<(f64, usize, usize)> = Vec::new();
    for (gi, &(gs, ge)) in gold.iter().enumerate() {
        for (pi, &(ps, pe)) in pred.iter().enumerate() {
            let overlap = ge.min(pe).saturating_sub(gs.max(ps));
            let shorter = (ge.saturating_sub(gs)).min(pe.saturating_sub(ps));
            if shorter == 0 || overlap * 2 < shorter {
                continue;
            }
            let union = ge.max(pe) - gs.min(ps);
            candidates.push((overlap as f64 / union as f64, gi, pi));
        }
    }
    candidates.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let mut gold_used = vec![false; gold.len()];
    let mut pred_used = vec![false; pred.len()];
    let mut pairs = Vec::new();
    for (_, gi, pi) in candidates {
        if !gold_used[gi] && !pred_used[pi] {
            gold_used[gi] = true;
            pred_used[pi] = true;
            pairs.push((gi, pi));
        }
    }
    pairs.sort_unstable();
    pairs
}

/// Raw counts; figures are derived from them so splits add up exactly.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Counts {
    pub articles: usize,
    pub gold_claims: usize,
    pub predicted_claims: usize,
    pub matched_claims: usize,
    pub claimant_correct: usize,
    pub gold_entities: usize,
    pub predicted_entities: usize,
    pub matched_entities: usize,
    pub entity_kind_correct: usize,
    /// Per cue: (matched claims, correct claimants).
    pub by_cue: BTreeMap<Cue, (usize, usize)>,
}

impl Counts {
    fn add(&mut self, o: &Counts) {
        self.articles += o.articles;
        self.gold_claims += o.gold_claims;
        self.predicted_claims += o.predicted_claims;
        self.matched_claims += o.matched_claims;
        self.claimant_correct += o.claimant_correct;
        self.gold_entities += o.gold_entities;
        self.predicted_entities += o.predicted_entities;
        self.matched_entities += o.matched_entities;
        self.entity_kind_correct += o.entity_kind_correct;
        for (cue, (n, ok)) in &o.by_cue {
            let e = self.by_cue.entry(*cue).or_default();
            e.0 += n;
            e.1 += ok;
        }
    }
}

fn ratio(num: usize, den: usize) -> f64 {
    if den == 0 {
        0.0
    } else {
        num as f64 / den as f64
    }
}

fn f1(p: f64, r: f64) -> f64 {
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

/// Precision, recall and F1 of a matching.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Prf {
    pub gold: usize,
    pub predicted: usize,
    pub matched: usize,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

impl Prf {
    fn new(gold: usize, predicted: usize, matched: usize) -> Self {
        let precision = ratio(matched, predicted);
        let recall = ratio(matched, gold);
        Prf {
            gold,
            predicted,
            matched,
            precision,
            recall,
            f1: f1(precision, recall),
        }
    }
}

/// Correct out of judged.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Accuracy {
    pub judged: usize,
    pub correct: usize,
    pub accuracy: f64,
}

impl Accuracy {
    fn new(judged: usize, correct: usize) -> Self {
        Accuracy {
            judged,
            correct,
            accuracy: ratio(correct, judged),
        }
    }
}

/// The figures of a set of articles.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Figures {
    pub articles: usize,
    pub claims: Prf,
    /// Over matched claims.
    pub claimant: Accuracy,
    /// Claimant accuracy per cue (`outlet`, `name`, `pronoun`, ...).
    pub claimant_by_cue: BTreeMap<String, Accuracy>,
    /// Over matched claims.
    pub entities: Prf,
    /// Over matched entities.
    pub entity_kind: Accuracy,
}

impl From<&Counts> for Figures {
    fn from(c: &Counts) -> Self {
        Figures {
            articles: c.articles,
            claims: Prf::new(c.gold_claims, c.predicted_claims, c.matched_claims),
            claimant: Accuracy::new(c.matched_claims, c.claimant_correct),
            claimant_by_cue: c
                .by_cue
                .iter()
                .map(|(cue, (n, ok))| (cue.as_str().to_string(), Accuracy::new(*n, *ok)))
                .collect(),
            entities: Prf::new(c.gold_entities, c.predicted_entities, c.matched_entities),
            entity_kind: Accuracy::new(c.matched_entities, c.entity_kind_correct),
        }
    }
}

/// One disagreement between the extractor and the gold file. Offsets are chars into the normalised text;
/// `excerpt` is the start of the span, for reading the error list.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Issue {
    /// A gold claim no predicted claim overlaps enough.
    MissedClaim {
        start: usize,
        end: usize,
        speaker: Option<String>,
        excerpt: String,
    },
    /// A predicted claim no gold claim overlaps enough.
    SpuriousClaim {
        start: usize,
        end: usize,
        speaker: Option<String>,
        excerpt: String,
    },
    /// A matched claim whose speaker differs.
    WrongClaimant {
        start: usize,
        end: usize,
        cue: Cue,
        gold: Option<String>,
        predicted: Option<String>,
        excerpt: String,
    },
    MissedEntity {
        start: usize,
        name: String,
        kind: EntityKind,
    },
    SpuriousEntity {
        start: usize,
        name: String,
        kind: EntityKind,
    },
    WrongEntityKind {
        start: usize,
        name: String,
        gold: EntityKind,
        predicted: EntityKind,
    },
    /// The gold span no longer slices the text it was annotated on (the normaliser changed); not scored.
    StaleClaim {
        start: usize,
        end: usize,
        expected_hash: String,
        found_hash: String,
    },
}

/// The result of one article.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ArticleResult {
    pub id: String,
    pub split: String,
    pub counts: Counts,
    pub issues: Vec<Issue>,
}

fn excerpt(text: &str, start: usize, end: usize) -> String {
    text.chars()
        .skip(start)
        .take(end.saturating_sub(start).min(90))
        .collect()
}

fn slice(text: &str, start: usize, end: usize) -> Option<&str> {
    let mut idx = text.char_indices().map(|(b, _)| b).chain([text.len()]);
    let b0 = idx.nth(start)?;
    let b1 = if end == start {
        b0
    } else {
        idx.nth(end - start - 1)?
    };
    text.get(b0..b1)
}

/// Scores one article's predicted claims against its gold claims. `text` is the normalised article text.
pub fn score_article(
    gold: &GoldArticle,
    text: &str,
    predicted: &[ExtractedClaim],
) -> ArticleResult {
    let mut issues = Vec::new();
    let mut claims: Vec<&GoldClaim> = Vec::with_capacity(gold.claims.len());
    for g in &gold.claims {
        let found = slice(text, g.start, g.end)
            .map(span_hash)
            .unwrap_or_default();
        if found == g.hash {
            claims.push(g);
        } else {
            issues.push(Issue::StaleClaim {
                start: g.start,
                end: g.end,
                expected_hash: g.hash.clone(),
                found_hash: found,
            });
        }
    }
    let gold_spans: Vec<(usize, usize)> = claims.iter().map(|g| (g.start, g.end)).collect();
    let pred_spans: Vec<(usize, usize)> = predicted.iter().map(|p| (p.start, p.end)).collect();
    let pairs = match_spans(&gold_spans, &pred_spans);

    let mut c = Counts {
        articles: 1,
        gold_claims: claims.len(),
        predicted_claims: predicted.len(),
        matched_claims: pairs.len(),
        ..Counts::default()
    };
    let gold_matched: HashSet<usize> = pairs.iter().map(|p| p.0).collect();
    let pred_matched: HashSet<usize> = pairs.iter().map(|p| p.1).collect();
    for (gi, g) in claims.iter().enumerate() {
        if !gold_matched.contains(&gi) {
            issues.push(Issue::MissedClaim {
                start: g.start,
                end: g.end,
                speaker: g.speaker.clone(),
                excerpt: excerpt(text, g.start, g.end),
            });
        }
    }
    for (pi, p) in predicted.iter().enumerate() {
        if !pred_matched.contains(&pi) {
            issues.push(Issue::SpuriousClaim {
                start: p.start,
                end: p.end,
                speaker: p.speaker.clone(),
                excerpt: excerpt(text, p.start, p.end),
            });
        }
    }
    for &(gi, pi) in &pairs {
        let (g, p) = (claims[gi], &predicted[pi]);
        let same = match (&g.speaker, &p.speaker) {
            (None, None) => true,
            (Some(a), Some(b)) => normalise_name(a) == normalise_name(b),
            _ => false,
        };
        let cue = c.by_cue.entry(g.cue).or_default();
        cue.0 += 1;
        if same {
            cue.1 += 1;
            c.claimant_correct += 1;
        } else {
            issues.push(Issue::WrongClaimant {
                start: g.start,
                end: g.end,
                cue: g.cue,
                gold: g.speaker.clone(),
                predicted: p.speaker.clone(),
                excerpt: excerpt(text, g.start, g.end),
            });
        }

        let mut gold_names: HashMap<String, (EntityKind, &str)> = HashMap::new();
        for e in &g.entities {
            gold_names
                .entry(normalise_name(&e.name))
                .or_insert((e.kind, &e.name));
        }
        let mut pred_names: HashMap<String, (EntityKind, &str)> = HashMap::new();
        for e in p.entities.iter().filter(|e| e.kind != EntityKind::Other) {
            pred_names
                .entry(normalise_name(&e.name))
                .or_insert((e.kind, &e.name));
        }
        c.gold_entities += gold_names.len();
        c.predicted_entities += pred_names.len();
        let mut gold_sorted: Vec<_> = gold_names.iter().collect();
        gold_sorted.sort_by(|a, b| a.0.cmp(b.0));
        for (key, &(kind, name)) in gold_sorted {
            match pred_names.get(key) {
                Some(&(pk, pname)) => {
                    c.matched_entities += 1;
                    if pk == kind {
                        c.entity_kind_correct += 1;
                    } else {
                        issues.push(Issue::WrongEntityKind {
                            start: g.start,
                            name: pname.to_string(),
                            gold: kind,
                            predicted: pk,
                        });
                    }
                }
                None => issues.push(Issue::MissedEntity {
                    start: g.start,
                    name: name.to_string(),
                    kind,
                }),
            }
        }
        let mut spurious: Vec<_> = pred_names
            .iter()
            .filter(|(n, _)| !gold_names.contains_key(*n))
            .collect();
        spurious.sort_by(|a, b| a.0.cmp(b.0));
        for (_, &(kind, name)) in spurious {
            issues.push(Issue::SpuriousEntity {
                start: g.start,
                name: name.to_string(),
                kind,
            });
        }
    }
    ArticleResult {
        id: gold.id.clone(),
        split: gold.split.clone(),
        counts: c,
        issues,
    }
}

/// Reads a gold file: one JSON object per line (blank lines and lines starting with `#` are skipped).
pub fn read_gold(path: &Path) -> Result<Vec<GoldArticle>, EvalError> {
    let text = std::fs::read_to_string(path).map_err(|e| EvalError::Io {
        path: path.display().to_string(),
        message: e.to_string(),
    })?;
    parse_gold(&text, &path.display().to_string())
}

/// Parses gold lines; `label` names the source in errors.
pub fn parse_gold(text: &str, label: &str) -> Result<Vec<GoldArticle>, EvalError> {
    let mut out: Vec<GoldArticle> = Vec::new();
    let mut seen = HashSet::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let err = |message: String| EvalError::Gold {
            path: label.to_string(),
            line: i + 1,
            message,
        };
        let a: GoldArticle = serde_json::from_str(line).map_err(|e| err(e.to_string()))?;
        if !matches!(a.split.as_str(), "tune" | "test") {
            return Err(err(format!(
                "split `{}` is neither `tune` nor `test`",
                a.split
            )));
        }
        if let Some(bad) = a.claims.iter().find(|c| c.end <= c.start) {
            return Err(err(format!("empty claim span {}..{}", bad.start, bad.end)));
        }
        if !seen.insert(a.id.clone()) {
            return Err(err(format!("article `{}` annotated twice", a.id)));
        }
        out.push(a);
    }
    Ok(out)
}

/// Texts of the corpus records whose `id` is in `wanted`, normalised exactly as an import stores them.
/// `corpus` is a JSONL file or a folder of them.
pub fn load_corpus(
    corpus: &Path,
    wanted: &HashSet<&str>,
) -> Result<HashMap<String, String>, EvalError> {
    let files: Vec<PathBuf> = if corpus.is_dir() {
        let (files, _) = ingest::collect_files(&[corpus.to_path_buf()]);
        files
            .into_iter()
            .filter(|f| ingest::format_from_path(f) == Some(SourceFormat::Jsonl))
            .collect()
    } else {
        vec![corpus.to_path_buf()]
    };
    if files.is_empty() {
        return Err(EvalError::EmptyCorpus(corpus.display().to_string()));
    }
    let mut out = HashMap::new();
    for file in files {
        let content = std::fs::read_to_string(&file).map_err(|e| EvalError::Io {
            path: file.display().to_string(),
            message: e.to_string(),
        })?;
        for (n, line) in content.lines().enumerate() {
            let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else {
                continue;
            };
            let Some(id) = v.get("id").and_then(|x| x.as_str()) else {
                continue;
            };
            if !wanted.contains(id) {
                continue;
            }
            let label = format!("{}:{}", file.display(), n + 1);
            let loaded = ingest::load_bytes(
                &label,
                "",
                line.as_bytes().to_vec(),
                Some(SourceFormat::Jsonl),
                &IngestOptions::default(),
            );
            if let Some(draft) = loaded.into_iter().find_map(|l| l.result.ok()) {
                out.insert(id.to_string(), draft.text);
            }
        }
    }
    Ok(out)
}

/// Everything an evaluation run measured.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// Figures per split (`tune`, `test`) among those evaluated.
    pub splits: BTreeMap<String, Figures>,
    pub overall: Figures,
    /// Annotated articles the corpus does not hold.
    pub missing: Vec<String>,
    /// Gold claims not scored because their text changed.
    pub stale_claims: usize,
    pub articles: Vec<ArticleResult>,
}

/// Runs the extractor on every annotated article of the chosen split and scores it.
pub fn evaluate(
    corpus: &Path,
    gold: &[GoldArticle],
    split: SplitFilter,
) -> Result<Report, EvalError> {
    let chosen: Vec<&GoldArticle> = gold.iter().filter(|a| split.admits(&a.split)).collect();
    let wanted: HashSet<&str> = chosen.iter().map(|a| a.id.as_str()).collect();
    let texts = load_corpus(corpus, &wanted)?;
    let mut per_split: BTreeMap<String, Counts> = BTreeMap::new();
    let mut overall = Counts::default();
    let mut missing = Vec::new();
    let mut articles = Vec::new();
    let mut stale_claims = 0;
    for a in chosen {
        let Some(text) = texts.get(&a.id) else {
            missing.push(a.id.clone());
            continue;
        };
        let predicted = extract_claims(text);
        let r = score_article(a, text, &predicted);
        stale_claims += r
            .issues
            .iter()
            .filter(|i| matches!(i, Issue::StaleClaim { .. }))
            .count();
        per_split.entry(a.split.clone()).or_default().add(&r.counts);
        overall.add(&r.counts);
        articles.push(r);
    }
    Ok(Report {
        splits: per_split
            .iter()
            .map(|(k, c)| (k.clone(), Figures::from(c)))
            .collect(),
        overall: Figures::from(&overall),
        missing,
        stale_claims,
        articles,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ClaimKind, EntityMention};

    fn pred(
        start: usize,
        end: usize,
        speaker: Option<&str>,
        ents: &[(&str, EntityKind)],
    ) -> ExtractedClaim {
        ExtractedClaim {
            text: String::new(),
            start,
            end,
            claimant: speaker.map(str::to_string),
            speaker: speaker.map(str::to_string),
            kind: ClaimKind::Statement,
            checkworthiness: 0.5,
            entities: ents
                .iter()
                .map(|(n, k)| EntityMention {
                    name: (*n).to_string(),
                    kind: *k,
                    mention: (*n).to_string(),
                })
                .collect(),
        }
    }

    fn gold_claim(
        text: &str,
        start: usize,
        end: usize,
        speaker: Option<&str>,
        cue: Cue,
        ents: &[(&str, EntityKind)],
    ) -> GoldClaim {
        GoldClaim {
            start,
            end,
            hash: span_hash(slice(text, start, end).expect("span inside the text")),
            speaker: speaker.map(str::to_string),
            claimant: None,
            cue,
            entities: ents
                .iter()
                .map(|(n, k)| GoldEntity {
                    name: (*n).to_string(),
                    kind: *k,
                })
                .collect(),
        }
    }

    #[test]
    fn spans_match_at_half_the_shorter_one_to_one() {
        // Exactly half of the shorter span overlaps: a match.
        assert_eq!(match_spans(&[(0, 10)], &[(5, 30)]), vec![(0, 0)]);
        // Just under half: no match.
        assert_eq!(match_spans(&[(0, 10)], &[(6, 30)]), vec![]);
        // A predicted span covering two gold claims matches only the one it overlaps best.
        assert_eq!(match_spans(&[(0, 10), (11, 40)], &[(0, 40)]), vec![(1, 0)]);
        // Two predictions inside one gold claim: one of them is spurious.
        assert_eq!(match_spans(&[(0, 40)], &[(0, 20), (21, 40)]).len(), 1);
        assert_eq!(match_spans(&[], &[(0, 1)]), vec![]);
        // Empty spans never match.
        assert_eq!(match_spans(&[(3, 3)], &[(0, 10)]), vec![]);
    }

    #[test]
    fn names_normalise_case_punctuation_possessives_and_articles() {
        assert_eq!(normalise_name("The U.S."), "us");
        assert_eq!(normalise_name("Donald Trump’s"), "donald trump");
        assert_eq!(normalise_name("  donald   TRUMP "), "donald trump");
        assert_eq!(
            normalise_name("A senior State Department official"),
            "senior state department official"
        );
        assert_eq!(normalise_name("Asia-Pacific"), "asia pacific");
        assert_eq!(normalise_name("The"), "the");
    }

    #[test]
    fn hashes_are_eight_hex_digits_of_sha256() {
        // sha256("abc") = ba7816bf...
        assert_eq!(span_hash("abc"), "ba7816bf");
    }

    #[test]
    fn scores_claims_claimants_and_entities() {
        let text = "Ann Roe said taxes rose. Rain fell in Oslo. “No,” he said. Ünïcödé text here.";
        let a = GoldArticle {
            id: "x".into(),
            split: "tune".into(),
            claims: vec![
                gold_claim(
                    text,
                    0,
                    24,
                    Some("Ann Roe"),
                    Cue::Name,
                    &[("Ann Roe", EntityKind::Person)],
                ),
                gold_claim(
                    text,
                    25,
                    43,
                    None,
                    Cue::Outlet,
                    &[("Oslo", EntityKind::Location)],
                ),
                gold_claim(text, 44, 58, Some("Ann Roe"), Cue::Pronoun, &[]),
                gold_claim(text, 59, 77, None, Cue::Outlet, &[]),
            ],
        };
        let predicted = vec![
            // Matches claim 0, right speaker (case differs), entities right plus one spurious.
            pred(
                0,
                24,
                Some("ann roe"),
                &[
                    ("Ann Roe", EntityKind::Person),
                    ("Taxes Inc", EntityKind::Organization),
                    ("Roe", EntityKind::Other),
                ],
            ),
            // Matches claim 1, wrong speaker, entity of the wrong kind.
            pred(25, 43, Some("Ann Roe"), &[("Oslo", EntityKind::Person)]),
            // Claim 2 is missed; this one overlaps nothing.
            pred(78, 80, None, &[]),
            // Matches claim 3 (null = null).
            pred(60, 77, None, &[]),
        ];
        let r = score_article(&a, text, &predicted);
        let c = &r.counts;
        assert_eq!(
            (c.gold_claims, c.predicted_claims, c.matched_claims),
            (4, 4, 3)
        );
        assert_eq!(c.claimant_correct, 2);
        assert_eq!(
            (c.gold_entities, c.predicted_entities, c.matched_entities),
            (2, 3, 2)
        );
        assert_eq!(c.entity_kind_correct, 1);
        assert_eq!(c.by_cue.get(&Cue::Outlet), Some(&(2, 1)));
        assert!(r
            .issues
            .iter()
            .any(|i| matches!(i, Issue::MissedClaim { start: 44, .. })));
        assert!(r
            .issues
            .iter()
            .any(|i| matches!(i, Issue::SpuriousClaim { start: 78, .. })));
        assert!(r
            .issues
            .iter()
            .any(|i| matches!(i, Issue::SpuriousEntity { name, .. } if name == "Taxes Inc")));
        let f = Figures::from(c);
        assert!((f.claims.precision - 0.75).abs() < 1e-9);
        assert!((f.entities.precision - 2.0 / 3.0).abs() < 1e-9);
        assert!((f.claimant.accuracy - 2.0 / 3.0).abs() < 1e-9);
    }

    #[test]
    fn a_changed_text_makes_the_claim_stale_not_missed() {
        let text = "Ann Roe said taxes rose.";
        let mut g = gold_claim(text, 0, 24, Some("Ann Roe"), Cue::Name, &[]);
        g.hash = "00000000".into();
        let a = GoldArticle {
            id: "x".into(),
            split: "test".into(),
            claims: vec![g],
        };
        let r = score_article(&a, text, &[]);
        assert_eq!(r.counts.gold_claims, 0);
        assert!(matches!(r.issues[..], [Issue::StaleClaim { .. }]));
    }

    #[test]
    fn gold_lines_are_validated() {
        let ok = r#"{"id":"a","split":"tune","claims":[{"start":0,"end":3,"hash":"ba7816bf","speaker":null,"cue":"outlet","entities":[{"name":"X","kind":"person"}]}]}"#;
        assert_eq!(parse_gold(ok, "g").expect("valid gold").len(), 1);
        let bad_split = ok.replace("tune", "dev");
        assert!(parse_gold(&bad_split, "g")
            .expect_err("invalid gold")
            .to_string()
            .contains("g:1"));
        let twice = format!("{ok}\n\n{ok}");
        assert!(parse_gold(&twice, "g")
            .expect_err("invalid gold")
            .to_string()
            .contains("g:3"));
        let bad_cue = ok.replace("outlet", "rumour");
        assert!(parse_gold(&bad_cue, "g").is_err());
    }
}
