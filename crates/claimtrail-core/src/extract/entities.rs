//! Named-entity recognition by capitalised sequences: titles and honorifics are split off ("Secretary of State
//! Rex Tillerson" → person "Rex Tillerson"), nationality adjectives dropped, and each sequence is classified by
//! cue words and a small gazetteer. [`super::canonical`] then groups the mentions under their fullest names.

use super::gazetteer::{is_org_cue, is_place};
use super::lexicon::{class, is_person_noun, is_sentence_opener, is_title};
use super::names::{is_acronym, process, Ctx};
use super::tokens::{lower, Tok};

/// What the recogniser could tell about a sequence on its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Hint {
    /// Preceded by a title or honorific.
    Person,
    /// Two to four title-case words without cue words.
    PersonGuess,
    Org,
    Place,
    /// A single capitalised word with no cue.
    Unknown,
    /// Five or more words, or other proper names.
    Other,
}

/// A capitalised sequence found in the text, before grouping.
#[derive(Debug, Clone)]
pub(crate) struct Raw {
    pub start: usize,
    pub end: usize,
    /// The words, single-spaced, possessive removed.
    pub name: String,
    pub hint: Hint,
    /// Canonical title ("President", "Vice President", "Senator") when one preceded the name.
    pub title: Option<String>,
    pub male: Option<bool>,
    /// Index of the sentence it occurs in.
    pub sent: usize,
    /// Starts its sentence (possibly after a title): the grammatical subject, most of the time.
    pub initial: bool,
    pub quoted: bool,
    /// The preceding word is a locative preposition ("in", "near", ...).
    pub after_in: bool,
    /// For an acronym in brackets after a name ("Asia-Pacific Economic Cooperation (APEC)"), that name.
    pub expansion: Option<String>,
}

#[derive(Clone, Copy)]
pub(crate) struct Piece {
    pub start: usize,
    pub end: usize,
    pub connector: bool,
}

fn is_connector(w: &str) -> bool {
    matches!(
        w,
        "of" | "de"
            | "del"
            | "da"
            | "van"
            | "von"
            | "der"
            | "bin"
            | "la"
            | "du"
            | "for"
            | "the"
            | "y"
    )
}

fn strip_possessive(w: &str) -> &str {
    w.strip_suffix("’s")
        .or_else(|| w.strip_suffix("'s"))
        .or_else(|| w.strip_suffix('’').filter(|s| s.ends_with('s')))
        .or_else(|| w.strip_suffix('\'').filter(|s| s.ends_with('s')))
        .unwrap_or(w)
}

/// Length and first seven bytes of a word, packed for quick comparison.
fn word_key(w: &str) -> u64 {
    let mut key = [0u8; 8];
    let n = w.len().min(7);
    key[..n].copy_from_slice(&w.as_bytes()[..n]);
    key[7] = w.len().min(255) as u8;
    u64::from_le_bytes(key)
}

/// Recognises capitalised sequences in every sentence. `sents` are token index ranges into `toks`.
pub(crate) fn recognise(text: &str, toks: &[Tok], sents: &[(usize, usize)], out: &mut Vec<Raw>) {
    // Sentence-initial capitals are common words when the article also writes them in lower case. The
    // lower-case words are packed into sorted 64-bit keys (first seven bytes and length) on first use, so a
    // query is a binary search.
    let mut lower_keys: Option<Vec<(u64, usize)>> = None;
    let mut written_lower = |w: &str| -> bool {
        let keys = lower_keys.get_or_insert_with(|| {
            let mut keys: Vec<(u64, usize)> = toks
                .iter()
                .enumerate()
                .filter(|(_, t)| t.word && !t.cap)
                .filter(|(_, t)| t.text(text).starts_with(|c: char| c.is_lowercase()))
                .map(|(k, t)| (word_key(t.text(text)), k))
                .collect();
            keys.sort_unstable();
            keys
        });
        let key = word_key(w);
        let from = keys.partition_point(|&(k, _)| k < key);
        keys[from..]
            .iter()
            .take_while(|&&(k, _)| k == key)
            .take(64)
            .any(|&(_, i)| toks[i].text(text) == w)
    };
    let mut buf = String::new();
    let mut pieces: Vec<Piece> = Vec::new();
    for (si, &(lo, hi)) in sents.iter().enumerate() {
        // Where the main clause starts: after an introductory phrase ("In a hearing last month, Mr. Doe ...").
        let clause = intro_end(text, &toks[lo..hi]).map_or(lo, |k| lo + k);
        let initial = |k: usize| {
            k == lo || {
                let p = toks[k - 1].text(text);
                !toks[k - 1].word
                    && matches!(
                        p,
                        "“" | "\""
                            | "‘"
                            | ":"
                            | "("
                            | "—"
                            | "–"
                            | "-"
                            | "„"
                            | "«"
                            | "."
                            | "!"
                            | "?"
                            | "…"
                    )
            }
        };
        let mut name_like = |k: usize| -> bool {
            let t = toks[k];
            if !t.word || !t.cap {
                return false;
            }
            let w = t.text(text);
            // "Theresa May": a month name right after a name (and not before a number) is a surname.
            let surname_month = w == "May"
                && k > lo
                && toks[k - 1].word
                && toks[k - 1].cap
                && toks[k - 1].exact & class::CALENDAR == 0
                && !toks[k - 1].is(class::OPENER | class::PREP)
                && toks
                    .get(k + 1)
                    .is_none_or(|n| !n.text(text).starts_with(|c: char| c.is_ascii_digit()));
            if (t.exact & class::CALENDAR != 0 && !surname_month) || w == "The" {
                return false;
            }
            if initial(k) {
                let base = strip_possessive(w);
                if is_place(base) || is_acronym(base) {
                    return true;
                }
                let l = lower(base, &mut buf);
                // "-ly" adverbs and "-ing" participles opening a clause ("Speaking to reporters, ...").
                let next_lower = toks
                    .get(k + 1)
                    .is_some_and(|n| n.text(text).chars().next().is_some_and(char::is_lowercase));
                let common = is_sentence_opener(l)
                    || written_lower(l)
                    || (l.len() > 5 && (l.ends_with("ly") || (l.ends_with("ing") && next_lower)));
                return !common || is_title(w);
            }
            true
        };
        let mut k = lo;
        while k < hi {
            if !name_like(k) {
                k += 1;
                continue;
            }
            let seq_start = k;
            pieces.clear();
            loop {
                let t = toks[k];
                let w = t.text(text);
                let (piece_end, stop) = trim_piece(w, t.start);
                pieces.push(Piece {
                    start: t.start,
                    end: piece_end,
                    connector: false,
                });
                if stop || k + 1 >= hi {
                    break;
                }
                let next = toks[k + 1];
                if next.quoted != t.quoted {
                    break;
                }
                if name_like(k + 1) {
                    k += 1;
                    continue;
                }
                let nw = next.text(text);
                // "Department of Housing and Urban Development", "House Oversight and Government Reform
                // Committee": "and" inside an organisation's name (a cue word then "of" on the left, or a
                // cue word ending the right part); "the Senate and House" stays two names.
                if next.word && nw == "and" && k + 2 < hi && !is_org_cue(w) {
                    let mut j = k + 2;
                    while j < hi && toks[j].word && toks[j].cap && toks[j].quoted == t.quoted {
                        j += 1;
                    }
                    let right_cue = j > k + 2 && is_org_cue(toks[j - 1].text(text));
                    let cue_then_of = pieces
                        .iter()
                        .position(|p| is_org_cue(text.get(p.start..p.end).unwrap_or("")))
                        .is_some_and(|c| {
                            pieces[c..]
                                .iter()
                                .any(|p| p.connector && text.get(p.start..p.end) == Some("of"))
                        });
                    let left_cue = pieces
                        .iter()
                        .any(|p| is_org_cue(text.get(p.start..p.end).unwrap_or("")));
                    if j > k + 2 && name_like(k + 2) && left_cue && (right_cue || cue_then_of) {
                        pieces.push(Piece {
                            start: next.start,
                            end: next.end,
                            connector: true,
                        });
                        k += 2;
                        continue;
                    }
                }
                if next.word && is_connector(nw) && nw != "the" {
                    let mut j = k + 2;
                    if j < hi && nw == "of" && toks[j].text(text) == "the" {
                        j += 1;
                    }
                    if j < hi && toks[j].cap && name_like(j) {
                        pieces.extend(toks[k + 1..j].iter().map(|c| Piece {
                            start: c.start,
                            end: c.end,
                            connector: true,
                        }));
                        k = j;
                        continue;
                    }
                }
                break;
            }
            let prev_word = (seq_start > lo).then(|| toks[seq_start - 1].text(text));
            let ctx = Ctx {
                text,
                sent: si,
                initial: [lo, clause].iter().any(|&c| {
                    seq_start == c
                        || (seq_start == c + 1
                            && matches!(
                                toks[c].text(text),
                                "The" | "A" | "An" | "the" | "a" | "an"
                            ))
                }) || initial(seq_start),
                quoted: toks[seq_start].quoted,
                after_in: prev_word
                    .is_some_and(|p| matches!(p, "in" | "near" | "at" | "from" | "to" | "across")),
                directional: prev_word.is_some_and(|p| matches!(p, "from" | "to")),
            };
            process(&ctx, &pieces, out);
            // "Full Name (ACR)": record the acronym as a mention with the same name.
            if k + 3 < hi && toks[k + 1].text(text) == "(" && toks[k + 3].text(text) == ")" {
                let acr = toks[k + 2].text(text);
                if is_acronym(acr) {
                    if let Some(last) = out.last() {
                        let mut alias = last.clone();
                        alias.start = toks[k + 2].start;
                        alias.end = toks[k + 2].end;
                        alias.initial = false;
                        alias.expansion = Some(std::mem::replace(&mut alias.name, acr.to_string()));
                        alias.hint = if last.hint == Hint::Place {
                            Hint::Place
                        } else {
                            Hint::Org
                        };
                        out.push(alias);
                    }
                    k += 3;
                }
            }
            k += 1;
        }
    }
}

/// Trims a word to the part that belongs to a name: drops a possessive ("Russia’s") and lower-case hyphen
/// tails ("UN-led", "Mexican-born"). Returns the end offset and whether the sequence must stop here.
fn trim_piece(w: &str, start: usize) -> (usize, bool) {
    let base = strip_possessive(w);
    if base.len() < w.len() {
        return (start + base.len(), true);
    }
    if let Some(pos) = w.find('-') {
        let tail_lower = w[pos + 1..].chars().next().is_some_and(char::is_lowercase);
        let head_cap = w.chars().next().is_some_and(char::is_uppercase);
        if head_cap && tail_lower {
            return (start + pos, true);
        }
    }
    (start + w.len(), false)
}

/// The index just after the comma that ends an introductory phrase opening the sentence (a prepositional
/// phrase, an adverb or a participle clause), if there is one.
pub(crate) fn intro_end(text: &str, ts: &[Tok]) -> Option<usize> {
    let first = ts.first()?;
    let w = first.text(text);
    let subject_like =
        first.is(class::DETERMINER | class::PRONOUN) || is_person_noun(&w.to_lowercase());
    let intro = !subject_like
        && (first.is(class::PREP | class::OPENER)
            || (w.len() > 4 && (w.ends_with("ing") || w.ends_with("ly"))));
    if !intro {
        return None;
    }
    ts.iter()
        .take(24)
        .position(|t| !t.quoted && t.text(text) == ",")
        .map(|k| k + 1)
}
