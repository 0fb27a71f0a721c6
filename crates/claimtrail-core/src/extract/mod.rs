//! Rule-based claim extraction (v1). See `ARCHITECTURE.md` for where it sits in the product.
//!
//! Pipeline (every stage works on byte offsets; char offsets are computed once at the end, in one pass):
//!
//! 1. `chrome` classifies lines (captions, credits, video labels, bylines, datelines, "Updated" stamps,
//!    contributor lines, labels) and `blocks` splits the text into story blocks, also dropping highlight
//!    bullets and unterminated headline-like lines.
//! 2. `segment` finds quotation spans and splits blocks into sentences, keeping quotations whole and
//!    respecting abbreviations.
//! 3. `tokens` tokenizes each sentence; each word carries its word-class bits from `lexicon` (the lists
//!    are in `wordlists` and `gazetteer`).
//! 4. `entities` finds capitalised sequences, `names` splits titles from names and classifies them, and
//!    `canonical` names each entity by its fullest form in the article.
//! 5. `attribution` (with `subject` for the noun phrases) finds each sentence's claimant, and `resolve`
//!    maps it to its fullest mention (pronouns, "the official", "the president", "the statement"). A quotation
//!    without an attribution inherits the source of the sentence before it (or after it).
//! 6. `score` classifies the claim kind and computes a transparent heuristic score; this module drops what is
//!    not a claim (questions, fragments, introductions ending with a colon, sentences with nothing checkable or
//!    a heuristic score too low). The check-worthiness stored on a claim comes from the trained model
//!    (`crate::checkworthy`), applied to the claim sentence.
//!
//! The rules are general (speech-verb lists, titles, pronouns, cue words), not tuned to any article. Nothing
//! here panics on input data, and the work is linear in the input (look-backs are bounded).

mod attribution;
mod blocks;
mod canonical;
mod chrome;
mod entities;
mod gazetteer;
mod lexicon;
mod names;
mod resolve;
mod score;
mod segment;
mod subject;
#[cfg(test)]
mod tests;
mod tokens;
mod wordlists;

use crate::model::{EntityKind, EntityMention, ExtractedClaim};

pub use chrome::is_chrome_line;

/// Whether a word of a name as people write it ("Sen.", "president", "PRIME", "Mr") is a title or honorific in
/// the extractor's list of titles (the list it splits off names with).
pub(crate) fn is_title_word(w: &str) -> bool {
    let mut chars = w.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    let capitalised: String = first
        .to_uppercase()
        .chain(chars.flat_map(char::to_lowercase))
        .collect();
    lexicon::is_title(&capitalised)
        || (!capitalised.ends_with('.') && lexicon::is_title(&format!("{capitalised}.")))
}

use attribution::Attribution;
use canonical::Entities;
use resolve::{Resolver, Source};
use score::{Features, Stat};

/// Sentences longer than this (bytes) are not claims (and are not analysed, which bounds the work on
/// pathological input).
const MAX_SENTENCE_BYTES: usize = 2_000;
/// Fewer words than this is a fragment.
const MIN_WORDS: usize = 5;
/// Fewer words than this needs a name or a figure.
const SHORT_WORDS: usize = 7;
/// Claims scoring below this are dropped.
const MIN_SCORE: f64 = 0.15;
/// Who said what is itself checkable: a claim with a named source is kept down to this score.
const MIN_SCORE_ATTRIBUTED: f64 = 0.08;

/// A sentence of the story, as byte offsets.
struct Sent {
    start: usize,
    end: usize,
    para: usize,
    tok_lo: usize,
    tok_hi: usize,
}

/// Extracts the checkable claims of a normalised article text.
pub fn extract_claims(text: &str) -> Vec<ExtractedClaim> {
    let (mut sents, quotes) = sentences(text);
    if sents.is_empty() {
        return Vec::new();
    }
    let toks = tokenize_all(text, &mut sents, &quotes);
    let tok_ranges: Vec<(usize, usize)> = sents.iter().map(|s| (s.tok_lo, s.tok_hi)).collect();

    let mut raws = Vec::new();
    entities::recognise(text, &toks, &tok_ranges, &mut raws);
    let ents = canonical::canonicalise(raws);

    let attrs: Vec<Option<Attribution>> = sents
        .iter()
        .map(|s| {
            let ts = &toks[s.tok_lo..s.tok_hi];
            attribution::find(text, ts).or_else(|| {
                let sentence = text.get(s.start..s.end)?;
                let introduces = sentence.trim_end_matches(blocks::is_closer).ends_with(':')
                    || sentence.contains(": “")
                    || sentence.contains(": \"");
                introduces.then(|| attribution::intro(text, ts)).flatten()
            })
        })
        .collect();
    let feats: Vec<Features> = tok_ranges
        .iter()
        .map(|&(lo, hi)| score::features(text, &toks[lo..hi]))
        .collect();
    let sources = sources(text, &sents, &attrs, &feats, &ents);

    let mut chars = CharCounter::default();
    let mut claims = Vec::with_capacity(sents.len());
    for (i, s) in sents.iter().enumerate() {
        if let Some(mut c) = claim(text, s, &feats[i], sources[i].as_ref(), &ents) {
            c.start = chars.at(text, s.start);
            c.end = chars.at(text, s.end);
            claims.push(c);
        }
    }
    claims
}

/// The trained model's check-worthiness of a claim sentence. Only if the embedded model cannot be read (a
/// broken build, caught by the checkworthy tests) does the heuristic score stand in, with an error logged.
fn model_score(sentence: &str, heuristic: f64) -> f64 {
    match crate::checkworthy::Scorer::shipped() {
        Ok(model) => model.score(sentence),
        Err(e) => {
            tracing::error!("check-worthiness model unavailable, using the heuristic score: {e}");
            heuristic
        }
    }
}

/// Converts increasing byte offsets to char offsets in one pass over the text.
#[derive(Default)]
struct CharCounter {
    byte: usize,
    chars: usize,
}

impl CharCounter {
    /// Char offset of `byte` (a char boundary not before the previous call's).
    fn at(&mut self, text: &str, byte: usize) -> usize {
        if byte >= self.byte {
            self.chars += text.get(self.byte..byte).map_or(0, |s| s.chars().count());
            self.byte = byte;
            self.chars
        } else {
            text.get(..byte).map_or(0, |s| s.chars().count())
        }
    }
}

/// Story sentences of the article, in order, and the quotation spans of the story (sorted).
fn sentences(text: &str) -> (Vec<Sent>, Vec<(usize, usize)>) {
    let mut quotes = Vec::new();
    let mut ranges = Vec::new();
    let mut sents = Vec::with_capacity(text.len() / 100);
    for b in blocks::story_blocks(text) {
        let Some(block) = text.get(b.start..b.end) else {
            continue;
        };
        let q0 = quotes.len();
        segment::quote_spans(block, b.start, &mut quotes);
        ranges.clear();
        segment::split_sentences(block, b.start, &quotes[q0..], &mut ranges);
        for &(start, end) in &ranges {
            if end - start <= MAX_SENTENCE_BYTES {
                sents.push(Sent {
                    start,
                    end,
                    para: b.para,
                    tok_lo: 0,
                    tok_hi: 0,
                });
            }
        }
    }
    (sents, quotes)
}

/// Tokenizes every sentence into one shared token vector.
fn tokenize_all(text: &str, sents: &mut [Sent], quotes: &[(usize, usize)]) -> Vec<tokens::Tok> {
    let mut toks = Vec::with_capacity(text.len() / 5);
    for s in sents {
        s.tok_lo = toks.len();
        tokens::tokenize(text, s.start, s.end, quotes, &mut toks);
        s.tok_hi = toks.len();
    }
    toks
}

/// The source of every sentence: its own attribution, or for a quotation without one, the source of the
/// sentence before it (same paragraph, or a previous paragraph that introduced or continued a quote), else the
/// one after it in the same paragraph.
fn sources(
    text: &str,
    sents: &[Sent],
    attrs: &[Option<Attribution>],
    feats: &[Features],
    ents: &Entities,
) -> Vec<Option<Source>> {
    let claimants: Vec<(usize, usize)> = attrs.iter().flatten().map(|a| (a.start, a.end)).collect();
    let mut resolver = Resolver::new(text, ents, &claimants);
    let mut out: Vec<Option<Source>> = Vec::with_capacity(sents.len());
    for (i, s) in sents.iter().enumerate() {
        resolver.observe_subject(i, s.start, attrs[i].map_or(s.end, |a| a.start));
        let own = attrs[i].map(|a| resolver.resolve(a.start, a.end));
        resolver.observe_source(own.as_ref());
        out.push(own);
    }
    for i in 0..sents.len() {
        // Only a sentence that opens with a quotation continues someone's words; a narrative sentence with a
        // long embedded quote names its own speaker or has none.
        if out[i].is_some() || feats[i].quote_share() < 0.5 || !feats[i].lead_quote {
            continue;
        }
        let same_para = |j: usize| sents[j].para == sents[i].para;
        let next_names = || {
            (i + 1 < sents.len() && same_para(i + 1) && attrs[i + 1].is_some())
                .then(|| out[i + 1].clone())
                .flatten()
        };
        out[i] = if i > 0 && same_para(i - 1) {
            out[i - 1].clone().or_else(next_names)
        } else if let Some(src) = next_names() {
            Some(src)
        } else if i > 0 {
            // A quotation opening a paragraph continues the previous paragraph's quotation or introduction.
            let prev = &sents[i - 1];
            let prev_text = text.get(prev.start..prev.end).unwrap_or("");
            let intro = prev_text.trim_end_matches(blocks::is_closer).ends_with(':');
            let continues =
                feats[i - 1].quote_share() >= 0.5 || !prev_text.ends_with(blocks::is_closer);
            out[i - 1].clone().filter(|_| intro || continues)
        } else {
            None
        };
    }
    out
}

/// True for questions, including a quoted question followed by a short attribution ("“Why?” he asked.").
fn is_question(sentence: &str) -> bool {
    let t = sentence.trim_end_matches(|c: char| blocks::is_closer(c) || c.is_whitespace());
    if t.ends_with(['?', '？', '؟']) {
        return true;
    }
    sentence.rfind(['”', '"']).is_some_and(|pos| {
        sentence[..pos].trim_end().ends_with('?') && sentence[pos..].split_whitespace().count() <= 5
    })
}

/// Builds the claim for one sentence, or `None` when the sentence is not a claim.
fn claim(
    text: &str,
    s: &Sent,
    f: &Features,
    source: Option<&Source>,
    ents: &Entities,
) -> Option<ExtractedClaim> {
    let sentence = text.get(s.start..s.end)?;
    if f.words < MIN_WORDS
        || sentence.trim_end_matches(blocks::is_closer).ends_with(':')
        || is_question(sentence)
    {
        return None;
    }
    let mut entities: Vec<EntityMention> = Vec::new();
    let mut seen: Vec<usize> = Vec::new();
    let mut named = 0usize;
    for m in ents.within(s.start, s.end) {
        if seen.contains(&m.entity) {
            continue;
        }
        seen.push(m.entity);
        let Some(e) = ents.entities.get(m.entity) else {
            continue;
        };
        if e.kind != EntityKind::Other {
            named += 1;
        }
        entities.push(EntityMention {
            name: e.name.clone(),
            kind: e.kind,
            mention: text.get(m.start..m.end)?.to_string(),
        });
    }
    let checkable =
        named > 0 || f.stat != Stat::None || f.event || source.is_some() || f.comparative || f.date;
    // A short sentence needs a name or a figure to be checkable ("Now he will have to.").
    let short = f.words < SHORT_WORDS && named == 0 && f.stat == Stat::None;
    if !checkable || short {
        return None;
    }
    let named_source =
        source.is_some_and(|src| lexicon::pronoun(&src.speaker.to_lowercase()).is_none());
    // The transparent heuristic decides what is a claim at all; the trained model scores it.
    let heuristic = score::checkworthiness(f, named, named_source, false);
    if heuristic
        < if named_source {
            MIN_SCORE_ATTRIBUTED
        } else {
            MIN_SCORE
        }
    {
        return None;
    }
    Some(ExtractedClaim {
        text: sentence.to_string(),
        start: 0,
        end: 0,
        claimant: source.map(|src| src.claimant.clone()),
        speaker: source.map(|src| src.speaker.clone()),
        kind: score::kind(f, source.is_some()),
        checkworthiness: model_score(sentence, heuristic),
        entities,
    })
}
