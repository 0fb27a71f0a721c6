//! Topics: which claims belong to a topic (by keywords and entities), topic suggestions from groups of claims,
//! and the records the store returns for topics and timelines.
//!
//! Pure code: the store hands in claim text and entity names and stores what comes back.
//!
//! Matching rules (general, not tuned to any article):
//! - A keyword matches when its words occur in the claim as consecutive words, compared case-insensitively,
//!   without diacritics and after English (Snowball) stemming: "tariff" matches "Tariffs", "climate change"
//!   matches "climate changes" but not "the climate will change".
//! - A topic entity matches when a claim's extracted entity has the same name (case-insensitive, whitespace and
//!   punctuation ignored), or when its words occur unstemmed in the claim text ("Putin" matches "Putin's").

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{DateTime, NaiveDate, Utc};
use rust_stemmers::{Algorithm, Stemmer};
use serde::{Deserialize, Serialize};
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;
use uuid::Uuid;

use crate::model::ClaimStatus;
use crate::records::{ArticleId, ClaimId};

// ---------------------------------------------------------------------------------------------------------------
// Records

/// A stored topic.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct Topic {
    pub id: Uuid,
    pub name: String,
    pub description: String,
    /// Words or phrases; a claim containing one (stemmed, case-insensitive) joins the topic.
    pub keywords: Vec<String>,
    /// Entity names; a claim mentioning one joins the topic.
    pub entities: Vec<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// Claims per verdict (claims not yet rated are not counted here).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct VerdictCounts {
    pub verified: u32,
    pub disputed: u32,
    #[serde(rename = "false")]
    pub false_: u32,
    pub misleading: u32,
    pub unverifiable: u32,
}

impl VerdictCounts {
    /// Counts `n` claims of `status` (statuses that are not verdicts are ignored).
    pub fn add(&mut self, status: ClaimStatus, n: u32) {
        match status {
            ClaimStatus::Verified => self.verified += n,
            ClaimStatus::Disputed => self.disputed += n,
            ClaimStatus::False => self.false_ += n,
            ClaimStatus::Misleading => self.misleading += n,
            ClaimStatus::Unverifiable => self.unverifiable += n,
            ClaimStatus::Unreviewed | ClaimStatus::InReview => {}
        }
    }

    /// Claims with any verdict.
    pub fn total(&self) -> u32 {
        self.verified + self.disputed + self.false_ + self.misleading + self.unverifiable
    }
}

/// A topic as listed: the topic plus how many claims it holds and how they were rated.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct TopicSummary {
    #[serde(flatten)]
    #[ts(flatten)]
    pub topic: Topic,
    /// Claims in the topic (dismissed claims are not counted).
    pub claims: u32,
    pub verdicts: VerdictCounts,
}

/// How a claim joined a topic.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum AssignSource {
    /// By the topic's keywords or entities.
    Auto,
    /// By hand.
    Manual,
}

impl AssignSource {
    pub fn as_str(self) -> &'static str {
        match self {
            AssignSource::Auto => "auto",
            AssignSource::Manual => "manual",
        }
    }
}

/// One claim on a topic's timeline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct TimelineEntry {
    pub claim_id: ClaimId,
    /// The article's publication date, else the day it was imported.
    pub date: NaiveDate,
    /// False when `date` is the import day because the article has no publication date.
    pub dated: bool,
    /// Who made the claim (the resolved speaker, else the claimant as written); `None` when the outlet asserts it.
    pub claimant: Option<String>,
    pub status: ClaimStatus,
    /// The storyline (connected confirmed `repeats` links) the claim belongs to: the id of its earliest claim.
    /// `None` when the claim has no confirmed repeats.
    pub storyline_id: Option<ClaimId>,
    pub text: String,
    pub article_id: ArticleId,
    pub article_title: String,
    pub outlet: Option<String>,
    pub source: AssignSource,
}

/// A lane of the timeline: the claims of one storyline or of one claimant.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct TimelineGroup {
    /// Storyline id, or claimant name (`None`: claims the outlet asserts).
    pub key: Option<String>,
    /// What to show: the claimant's name, or the text of the storyline's first claim on this timeline.
    pub label: String,
    pub first: NaiveDate,
    pub last: NaiveDate,
    /// Positions of the group's claims in [`Timeline::claims`], in time order.
    pub entries: Vec<u32>,
    pub verdicts: VerdictCounts,
}

/// The claims of a topic in time order, with lanes by storyline and by claimant.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct Timeline {
    pub topic_id: Uuid,
    pub topic: String,
    /// Claims in the topic before filters.
    pub total: u32,
    /// First and last date shown (`None` when no claim matches).
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// Claims matching the filters, oldest first (same-day claims: by import order, then position in the article).
    pub claims: Vec<TimelineEntry>,
    /// Storylines with at least one claim shown, by first appearance.
    pub storylines: Vec<TimelineGroup>,
    /// Claimants, most claims first.
    pub claimants: Vec<TimelineGroup>,
}

/// A proposed topic.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct TopicSuggestion {
    pub name: String,
    pub keywords: Vec<String>,
    pub entities: Vec<String>,
    /// Claims the topic would hold.
    pub claims: u32,
    /// Distinct articles those claims come from.
    pub articles: u32,
    /// Of those claims, how many are linked to another member.
    pub linked: u32,
    /// A few member claims, for a preview.
    pub sample: Vec<ClaimId>,
}

// ---------------------------------------------------------------------------------------------------------------
// Words

/// One word of a text: lower-cased, diacritics and possessive removed (`raw`), and its English stem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    pub raw: String,
    pub stem: String,
}

fn fold(word: &str) -> String {
    let lower = word.to_lowercase();
    let lower = if lower.is_ascii() {
        lower
    } else {
        lower.nfd().filter(|c| !is_combining_mark(*c)).collect()
    };
    let trimmed = lower
        .strip_suffix("'s")
        .or_else(|| lower.strip_suffix('\''))
        .unwrap_or(&lower);
    trimmed.replace('\'', "")
}

/// Splits text into words (letters and digits; apostrophes inside a word are kept until folding).
fn raw_words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if c.is_alphanumeric() || is_combining_mark(c) {
            cur.push(c);
        } else if matches!(c, '\'' | '’' | 'ʼ')
            && !cur.is_empty()
            && chars.get(i + 1).is_some_and(|n| n.is_alphanumeric())
        {
            cur.push('\'');
        } else if !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out.into_iter()
        .map(|w| fold(&w))
        .filter(|w| !w.is_empty())
        .collect()
}

/// Words of `text` with their stems.
pub fn words(stemmer: &Stemmer, text: &str) -> Vec<Word> {
    raw_words(text)
        .into_iter()
        .map(|raw| {
            let stem = stemmer.stem(&raw).into_owned();
            Word { raw, stem }
        })
        .collect()
}

/// The English stemmer used for topics.
pub fn english_stemmer() -> Stemmer {
    Stemmer::create(Algorithm::English)
}

/// The comparable form of an entity name: folded words joined by single spaces ("the" dropped at the start).
pub fn entity_key(name: &str) -> String {
    let words = raw_words(name);
    let skip = usize::from(words.len() > 1 && words[0] == "the");
    words[skip..].join(" ")
}

/// Cleans a list of keywords or entity names: trims, drops empty ones and case-insensitive duplicates.
pub fn clean_terms(terms: &[String]) -> Vec<String> {
    let mut seen = HashSet::new();
    terms
        .iter()
        .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|t| !raw_words(t).is_empty())
        .filter(|t| seen.insert(entity_key(t)))
        .collect()
}

// ---------------------------------------------------------------------------------------------------------------
// Matching

/// Why a claim joined a topic.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "by", content = "term", rename_all = "snake_case")]
pub enum MatchReason {
    Keyword(String),
    Entity(String),
}

/// Index of phrases by their first word.
#[derive(Debug, Default)]
struct PhraseIndex {
    /// first word -> (topic, term, the whole phrase)
    by_first: HashMap<String, Vec<(usize, usize, Vec<String>)>>,
}

impl PhraseIndex {
    fn add(&mut self, topic: usize, term: usize, phrase: Vec<String>) {
        if let Some(first) = phrase.first() {
            self.by_first
                .entry(first.clone())
                .or_default()
                .push((topic, term, phrase));
        }
    }

    /// Calls `hit(topic, term)` for every phrase occurring in `seq`.
    fn scan(&self, seq: &[&str], mut hit: impl FnMut(usize, usize)) {
        for (i, w) in seq.iter().enumerate() {
            if let Some(phrases) = self.by_first.get(*w) {
                for (topic, term, phrase) in phrases {
                    if seq.len() - i >= phrase.len()
                        && phrase.iter().zip(&seq[i..]).all(|(p, s)| p == s)
                    {
                        hit(*topic, *term);
                    }
                }
            }
        }
    }
}

/// The keywords and entities of one topic, as the matcher needs them.
#[derive(Debug, Clone, Default)]
pub struct TopicRule {
    pub keywords: Vec<String>,
    pub entities: Vec<String>,
}

/// Matches claims against many topics at once. Build it once per batch of claims.
pub struct TopicMatcher {
    stemmer: Stemmer,
    rules: Vec<TopicRule>,
    keywords: PhraseIndex,
    entity_words: PhraseIndex,
    /// entity key -> (topic, entity index)
    entity_names: HashMap<String, Vec<(usize, usize)>>,
}

impl TopicMatcher {
    pub fn new(rules: Vec<TopicRule>) -> Self {
        let stemmer = english_stemmer();
        let mut keywords = PhraseIndex::default();
        let mut entity_words = PhraseIndex::default();
        let mut entity_names: HashMap<String, Vec<(usize, usize)>> = HashMap::new();
        for (t, rule) in rules.iter().enumerate() {
            for (k, kw) in rule.keywords.iter().enumerate() {
                keywords.add(
                    t,
                    k,
                    words(&stemmer, kw).into_iter().map(|w| w.stem).collect(),
                );
            }
            for (e, name) in rule.entities.iter().enumerate() {
                let key = entity_key(name);
                if key.is_empty() {
                    continue;
                }
                entity_words.add(t, e, key.split(' ').map(str::to_string).collect());
                entity_names.entry(key).or_default().push((t, e));
            }
        }
        Self {
            stemmer,
            rules,
            keywords,
            entity_words,
            entity_names,
        }
    }

    /// True when no topic has any keyword or entity.
    pub fn is_empty(&self) -> bool {
        self.keywords.by_first.is_empty() && self.entity_names.is_empty()
    }

    /// The topics (indexes into the rules given to [`TopicMatcher::new`]) a claim belongs to, each with the first
    /// reason found, in topic order.
    pub fn match_claim(&self, text: &str, entity_names: &[&str]) -> Vec<(usize, MatchReason)> {
        let mut found: BTreeMap<usize, MatchReason> = BTreeMap::new();
        for name in entity_names {
            if let Some(hits) = self.entity_names.get(&entity_key(name)) {
                for &(t, e) in hits {
                    found
                        .entry(t)
                        .or_insert_with(|| MatchReason::Entity(self.rules[t].entities[e].clone()));
                }
            }
        }
        if found.len() == self.rules.len() {
            return found.into_iter().collect();
        }
        let ws = words(&self.stemmer, text);
        let raws: Vec<&str> = ws.iter().map(|w| w.raw.as_str()).collect();
        self.entity_words.scan(&raws, |t, e| {
            found
                .entry(t)
                .or_insert_with(|| MatchReason::Entity(self.rules[t].entities[e].clone()));
        });
        let stems: Vec<&str> = ws.iter().map(|w| w.stem.as_str()).collect();
        self.keywords.scan(&stems, |t, k| {
            found
                .entry(t)
                .or_insert_with(|| MatchReason::Keyword(self.rules[t].keywords[k].clone()));
        });
        found.into_iter().collect()
    }
}

// ---------------------------------------------------------------------------------------------------------------
// Suggestions

/// What the suggester needs to know of one claim.
#[derive(Debug, Clone)]
pub struct ClaimFeatures {
    pub id: ClaimId,
    pub text: String,
    pub entities: Vec<String>,
    /// Any value identifying the claim's article (claims of one article count once towards `min_articles`).
    pub article: String,
}

/// Thresholds of [`suggest_topics`].
#[derive(Debug, Clone)]
pub struct SuggestOptions {
    /// Fewest claims a suggested topic holds.
    pub min_claims: usize,
    /// Fewest distinct articles those claims come from.
    pub min_articles: usize,
    /// An entity mentioned by more than this share of all claims is background, not a topic (applies from 50
    /// claims up).
    pub max_entity_share: f64,
    /// Most suggestions returned.
    pub limit: usize,
}

impl Default for SuggestOptions {
    fn default() -> Self {
        Self {
            min_claims: 4,
            min_articles: 2,
            max_entity_share: 0.25,
            limit: 20,
        }
    }
}

/// Common English words that never make a topic keyword.
const STOP_WORDS: &str = "a about above after again against all almost also although always am among an and another \
any are around as at back be because been before being below between both but by can could did do does doing done \
down during each either else enough even ever every few for from further get gets got had has have having he her \
here hers him his how however i if in including into is it its itself just last least less like made make many may \
me might more most much must my near neither never new next no nor not now of off often on once one only or other \
our out over own per rather really said same say says see several she should since so some still such than that \
the their them then there these they this those though through thus to too toward under until up upon us very was \
we well were what when where whether which while who whom whose why will with within without would year years yet \
you your told according week today yesterday tomorrow time times people percent";

fn union_find_root(parent: &mut [usize], mut x: usize) -> usize {
    while parent[x] != x {
        parent[x] = parent[parent[x]];
        x = parent[x];
    }
    x
}

/// A group of claims being considered as a topic.
struct Group {
    members: Vec<usize>,
    entities: Vec<String>,
    seed_linked: bool,
}

/// Proposes topics from groups of claims that share entities and, when given, links between claims (pairs of
/// indexes into `claims`). Each suggestion names the group (its main entities, else its most distinctive
/// words), its keywords (words much more frequent in the group than overall) and entities, and its size.
/// Groups overlapping a stronger suggestion by more than half are dropped.
pub fn suggest_topics(
    claims: &[ClaimFeatures],
    links: &[(usize, usize)],
    opts: &SuggestOptions,
) -> Vec<TopicSuggestion> {
    let n = claims.len();
    if n == 0 {
        return Vec::new();
    }
    let stemmer = english_stemmer();
    let stop: HashSet<&str> = STOP_WORDS.split_whitespace().collect();
    // Per claim: distinct content stems; overall document frequency; the commonest surface form per stem.
    let mut stems_of: Vec<Vec<String>> = Vec::with_capacity(n);
    let mut df: HashMap<String, usize> = HashMap::new();
    let mut surface: HashMap<String, HashMap<String, usize>> = HashMap::new();
    for c in claims {
        let mut seen = HashSet::new();
        for w in words(&stemmer, &c.text) {
            if w.raw.chars().count() < 3
                || stop.contains(w.raw.as_str())
                || w.raw.chars().any(|ch| ch.is_numeric())
            {
                continue;
            }
            *surface
                .entry(w.stem.clone())
                .or_default()
                .entry(w.raw.clone())
                .or_default() += 1;
            if seen.insert(w.stem.clone()) {
                *df.entry(w.stem.clone()).or_default() += 1;
            }
        }
        stems_of.push(seen.into_iter().collect());
    }
    // Entities: key -> claims, and the commonest spelling.
    let mut entity_claims: HashMap<String, Vec<usize>> = HashMap::new();
    let mut entity_name: HashMap<String, HashMap<&str, usize>> = HashMap::new();
    for (i, c) in claims.iter().enumerate() {
        let mut seen = HashSet::new();
        for e in &c.entities {
            let key = entity_key(e);
            if key.is_empty() || !seen.insert(key.clone()) {
                continue;
            }
            *entity_name
                .entry(key.clone())
                .or_default()
                .entry(e.as_str())
                .or_default() += 1;
            entity_claims.entry(key).or_default().push(i);
        }
    }
    let display = |key: &str| -> String {
        entity_name
            .get(key)
            .and_then(|m| {
                m.iter()
                    .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
                    .map(|(s, _)| s.to_string())
            })
            .unwrap_or_else(|| key.to_string())
    };
    // Link components.
    let mut parent: Vec<usize> = (0..n).collect();
    for &(a, b) in links {
        if a < n && b < n {
            let (ra, rb) = (
                union_find_root(&mut parent, a),
                union_find_root(&mut parent, b),
            );
            if ra != rb {
                parent[ra.max(rb)] = ra.min(rb);
            }
        }
    }
    let mut components: HashMap<usize, Vec<usize>> = HashMap::new();
    for i in 0..n {
        let r = union_find_root(&mut parent, i);
        components.entry(r).or_default().push(i);
    }
    let linked: HashSet<usize> = components
        .values()
        .filter(|m| m.len() > 1)
        .flatten()
        .copied()
        .collect();

    let articles_of = |members: &[usize]| -> usize {
        members
            .iter()
            .map(|&i| claims[i].article.as_str())
            .collect::<HashSet<_>>()
            .len()
    };
    let background = |count: usize| n >= 50 && count as f64 > opts.max_entity_share * n as f64;

    let mut groups: Vec<Group> = Vec::new();
    // Groups around an entity, widened by the claims linked to its claims.
    let mut keys: Vec<&String> = entity_claims.keys().collect();
    keys.sort();
    for key in keys {
        let base = &entity_claims[key];
        if base.len() < 2 || background(base.len()) {
            continue;
        }
        let mut members: HashSet<usize> = base.iter().copied().collect();
        for &i in base {
            let r = union_find_root(&mut parent, i);
            if let Some(comp) = components.get(&r) {
                members.extend(comp.iter().copied());
            }
        }
        let mut members: Vec<usize> = members.into_iter().collect();
        members.sort_unstable();
        groups.push(Group {
            members,
            entities: vec![key.clone()],
            seed_linked: false,
        });
    }
    // Groups of linked claims.
    let mut comps: Vec<&Vec<usize>> = components.values().filter(|m| m.len() > 1).collect();
    comps.sort_by_key(|m| m[0]);
    for comp in comps {
        groups.push(Group {
            members: comp.clone(),
            entities: Vec::new(),
            seed_linked: true,
        });
    }

    let mut scored: Vec<(f64, Group, usize)> = Vec::new();
    for mut g in groups {
        let size = g.members.len();
        let articles = articles_of(&g.members);
        if size < opts.min_claims || articles < opts.min_articles {
            continue;
        }
        // Entities shared by at least half of the group (the seed first).
        let mut counts: HashMap<String, usize> = HashMap::new();
        for &i in &g.members {
            let mut seen = HashSet::new();
            for e in &claims[i].entities {
                let k = entity_key(e);
                if !k.is_empty() && seen.insert(k.clone()) {
                    *counts.entry(k).or_default() += 1;
                }
            }
        }
        let mut shared: Vec<(String, usize)> = counts
            .into_iter()
            .filter(|(k, c)| {
                *c * 2 >= size && !g.entities.contains(k) && !background(entity_claims[k].len())
            })
            .collect();
        shared.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        g.entities.extend(
            shared
                .into_iter()
                .take(3 - g.entities.len().min(3))
                .map(|(k, _)| k),
        );
        if g.entities.is_empty() && !g.seed_linked {
            continue;
        }
        scored.push(((size as f64) * (articles as f64).sqrt(), g, articles));
    }
    scored.sort_by(|a, b| {
        b.0.total_cmp(&a.0)
            .then_with(|| a.1.members.cmp(&b.1.members))
    });

    let mut taken: Vec<HashSet<usize>> = Vec::new();
    let mut out = Vec::new();
    for (_, g, articles) in scored {
        if out.len() >= opts.limit {
            break;
        }
        let set: HashSet<usize> = g.members.iter().copied().collect();
        if taken
            .iter()
            .any(|t| set.intersection(t).count() * 2 > set.len())
        {
            continue;
        }
        let keywords = distinctive_words(&g.members, &stems_of, &df, &surface, n, &g.entities);
        let entities: Vec<String> = g.entities.iter().map(|k| display(k)).collect();
        let name = if entities.is_empty() {
            keywords
                .iter()
                .take(2)
                .cloned()
                .collect::<Vec<_>>()
                .join(" / ")
        } else {
            entities
                .iter()
                .take(2)
                .cloned()
                .collect::<Vec<_>>()
                .join(" and ")
        };
        if name.is_empty() {
            continue;
        }
        out.push(TopicSuggestion {
            name,
            keywords,
            entities,
            claims: g.members.len() as u32,
            articles: articles as u32,
            linked: g.members.iter().filter(|i| linked.contains(i)).count() as u32,
            sample: g.members.iter().take(5).map(|&i| claims[i].id).collect(),
        });
        taken.push(set);
    }
    out
}

/// Up to five words much more frequent in the group than in all claims, as most often written.
fn distinctive_words(
    members: &[usize],
    stems_of: &[Vec<String>],
    df: &HashMap<String, usize>,
    surface: &HashMap<String, HashMap<String, usize>>,
    n: usize,
    entity_keys: &[String],
) -> Vec<String> {
    let size = members.len();
    let entity_words: HashSet<&str> = entity_keys.iter().flat_map(|k| k.split(' ')).collect();
    let mut gdf: HashMap<&str, usize> = HashMap::new();
    for &i in members {
        for s in &stems_of[i] {
            *gdf.entry(s.as_str()).or_default() += 1;
        }
    }
    let mut cands: Vec<(f64, String)> = gdf
        .into_iter()
        .filter(|(_, c)| *c >= 2 && (*c as f64) >= 0.3 * size as f64)
        .filter_map(|(stem, c)| {
            let lift =
                (c as f64 / size as f64) / (df.get(stem).copied().unwrap_or(1) as f64 / n as f64);
            let form = surface.get(stem).and_then(|m| {
                m.iter()
                    .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
                    .map(|(s, _)| s.clone())
            })?;
            (lift >= 2.0 || n < 50)
                .then_some(())
                .filter(|_| !entity_words.contains(form.as_str()))
                .map(|_| (c as f64 * lift.ln_1p(), form))
        })
        .collect();
    cands.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    cands.into_iter().take(5).map(|(_, w)| w).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(keywords: &[&str], entities: &[&str]) -> TopicRule {
        TopicRule {
            keywords: keywords.iter().map(|s| s.to_string()).collect(),
            entities: entities.iter().map(|s| s.to_string()).collect(),
        }
    }

    fn topics(m: &TopicMatcher, text: &str, entities: &[&str]) -> Vec<usize> {
        m.match_claim(text, entities)
            .into_iter()
            .map(|(t, _)| t)
            .collect()
    }

    #[test]
    fn keywords_match_stemmed_case_insensitive_and_as_phrases() {
        let m = TopicMatcher::new(vec![
            rule(&["tariff"], &[]),
            rule(&["Climate Change"], &[]),
            rule(&["port strike"], &[]),
        ]);
        assert_eq!(topics(&m, "New TARIFFS on steel start Monday.", &[]), [0]);
        assert_eq!(topics(&m, "The tariff's effect was small.", &[]), [0]);
        assert_eq!(
            topics(&m, "Climate changes faster than expected.", &[]),
            [1]
        );
        assert_eq!(
            topics(&m, "The climate will change, he said.", &[]),
            Vec::<usize>::new()
        );
        assert_eq!(
            topics(&m, "Dockers said the port strikes would end.", &[]),
            [2]
        );
        assert_eq!(
            topics(&m, "The strike at the port ended.", &[]),
            Vec::<usize>::new()
        );
        // Words are matched whole, not as substrings.
        let port = TopicMatcher::new(vec![rule(&["port"], &[])]);
        assert_eq!(
            topics(&port, "Airport staff and passports.", &[]),
            Vec::<usize>::new()
        );
        assert_eq!(topics(&port, "Two ports closed.", &[]), [0]);
    }

    #[test]
    fn entities_match_by_name_or_in_the_text() {
        let m = TopicMatcher::new(vec![
            rule(&[], &["Valmora River Authority"]),
            rule(&[], &["Okafor"]),
            rule(&[], &["São Tomé"]),
        ]);
        // The extracted entity's canonical name, whatever its case.
        assert_eq!(
            topics(
                &m,
                "The agency said levels fell.",
                &["valmora river authority"]
            ),
            [0]
        );
        // The name in the text, possessive included.
        assert_eq!(topics(&m, "Okafor's office denied the report.", &[]), [1]);
        // A surname of the entity is not enough for a multi-word entity.
        assert_eq!(
            topics(&m, "The Valmora rose again.", &[]),
            Vec::<usize>::new()
        );
        // Diacritics are ignored.
        assert_eq!(topics(&m, "Flights to Sao Tome resumed.", &[]), [2]);
        let reasons = m.match_claim("Okafor said so.", &[]);
        assert_eq!(reasons, [(1, MatchReason::Entity("Okafor".into()))]);
    }

    #[test]
    fn empty_terms_are_ignored() {
        assert_eq!(
            clean_terms(&[
                "  Tariffs ".into(),
                "tariffs".into(),
                "--".into(),
                "trade  war".into()
            ]),
            ["Tariffs", "trade war"]
        );
        let m = TopicMatcher::new(vec![rule(&["--"], &["  "])]);
        assert!(m.is_empty());
        assert!(m.match_claim("anything -- at all", &[]).is_empty());
    }

    fn feat(i: u128, article: &str, text: &str, entities: &[&str]) -> ClaimFeatures {
        ClaimFeatures {
            id: ClaimId(Uuid::from_u128(i)),
            text: text.into(),
            entities: entities.iter().map(|s| s.to_string()).collect(),
            article: article.into(),
        }
    }

    #[test]
    fn suggestions_group_claims_by_shared_entities_and_links() {
        let mut claims = vec![
            feat(
                1,
                "a1",
                "The Valmora dam holds 40 million cubic metres, the authority said.",
                &["Valmora Dam"],
            ),
            feat(
                2,
                "a1",
                "Engineers found cracks in the Valmora dam spillway.",
                &["Valmora Dam"],
            ),
            feat(
                3,
                "a2",
                "The dam spillway was repaired in 2019, officials said.",
                &["Valmora Dam"],
            ),
            feat(
                4,
                "a3",
                "Inspectors said the spillway cracks were not new.",
                &["Valmora Dam", "Ines Okafor"],
            ),
            feat(
                5,
                "a2",
                "Ticket prices for the ferry rose by 12 percent.",
                &["Harbor Line"],
            ),
            feat(
                6,
                "a4",
                "Council members voted to close the library on Sundays.",
                &[],
            ),
        ];
        // A claim with no entity, linked to a dam claim.
        claims.push(feat(
            7,
            "a5",
            "Cracks in the spillway were found last spring.",
            &[],
        ));
        let links = [(1, 6)];
        let s = suggest_topics(&claims, &links, &SuggestOptions::default());
        assert_eq!(s.len(), 1, "{s:?}");
        assert_eq!(s[0].name, "Valmora Dam");
        assert_eq!(s[0].entities, ["Valmora Dam"]);
        assert_eq!(s[0].claims, 5);
        assert_eq!(s[0].articles, 4);
        assert_eq!(s[0].linked, 2);
        assert!(s[0].keywords.contains(&"spillway".to_string()), "{s:?}");
        assert!(!s[0].keywords.iter().any(|k| k == "valmora" || k == "said"));
    }

    #[test]
    fn small_or_single_article_groups_are_not_suggested() {
        let claims = vec![
            feat(1, "a1", "Okafor said the budget grew.", &["Ines Okafor"]),
            feat(2, "a1", "Okafor said the deficit shrank.", &["Ines Okafor"]),
            feat(3, "a1", "Okafor said taxes fell.", &["Ines Okafor"]),
            feat(4, "a1", "Okafor said debt was stable.", &["Ines Okafor"]),
        ];
        assert!(suggest_topics(&claims, &[], &SuggestOptions::default()).is_empty());
    }
}
