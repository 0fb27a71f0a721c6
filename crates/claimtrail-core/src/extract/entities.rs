//! Named-entity recognition by capitalised sequences: titles and honorifics are split off ("Secretary of State
//! Rex Tillerson" → person "Rex Tillerson"), nationality adjectives dropped, and each sequence is classified by
//! cue words and a small gazetteer. [`super::canonical`] then groups the mentions under their fullest names.

use std::collections::HashSet;

use super::gazetteer::{alias_key, is_calendar_or_pronoun, is_demonym, is_org_cue, is_place, is_place_cue};
use super::lexicon::{canonical_title, honorific_gender, is_sentence_opener, is_title};
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
struct Piece {
    start: usize,
    end: usize,
    connector: bool,
}

/// Title words that only modify the title that follows ("Vice", "Former", "Defense" in "Defense Secretary").
fn is_title_modifier(w: &str) -> bool {
    matches!(
        w,
        "Vice" | "Prime" | "Deputy" | "Assistant" | "Former" | "Acting" | "Interim" | "First" | "Crown" | "Senior"
            | "Foreign" | "Defense" | "Defence" | "Finance" | "Interior" | "Health" | "Labor" | "Labour" | "Energy"
            | "Treasury" | "Trade" | "Homeland" | "Security" | "Press" | "Special" | "Chief" | "Majority"
            | "Minority" | "Retired" | "Ret." | "Attorney" | "Solicitor"
    )
}

fn is_core_title(w: &str) -> bool {
    is_title(w) && !is_title_modifier(w)
}

fn is_connector(w: &str) -> bool {
    matches!(w, "of" | "de" | "del" | "da" | "van" | "von" | "der" | "bin" | "la" | "du" | "for" | "the" | "y")
}

fn strip_possessive(w: &str) -> &str {
    w.strip_suffix("’s")
        .or_else(|| w.strip_suffix("'s"))
        .or_else(|| w.strip_suffix('’').filter(|s| s.ends_with('s')))
        .or_else(|| w.strip_suffix('\'').filter(|s| s.ends_with('s')))
        .unwrap_or(w)
}

fn is_acronym(w: &str) -> bool {
    let letters = w.chars().filter(|c| c.is_alphabetic()).count();
    (2..=7).contains(&letters)
        && w.chars().all(|c| c.is_uppercase() || c == '.' || c == '&')
        && w.len() <= 12
}

/// Recognises capitalised sequences in every sentence. `sents` are token index ranges into `toks`.
pub(crate) fn recognise(text: &str, toks: &[Tok], sents: &[(usize, usize)], out: &mut Vec<Raw>) {
    let lowercase_words: HashSet<&str> = toks
        .iter()
        .filter(|t| t.word && !t.cap)
        .map(|t| t.text(text))
        .filter(|w| w.chars().next().is_some_and(char::is_lowercase))
        .collect();
    let mut buf = String::new();
    let mut pieces: Vec<Piece> = Vec::new();
    for (si, &(lo, hi)) in sents.iter().enumerate() {
        let initial = |k: usize| {
            k == lo || {
                let p = toks[k - 1].text(text);
                !toks[k - 1].word
                    && matches!(p, "“" | "\"" | "‘" | ":" | "(" | "—" | "–" | "-" | "„" | "«" | "." | "!" | "?" | "…")
            }
        };
        let mut name_like = |k: usize| -> bool {
            let t = toks[k];
            if !t.word || !t.cap {
                return false;
            }
            let w = t.text(text);
            if is_calendar_or_pronoun(w) {
                return false;
            }
            if initial(k) {
                let base = strip_possessive(w);
                if is_place(base) || is_acronym(base) {
                    return true;
                }
                let l = lower(base, &mut buf);
                let common = is_sentence_opener(l)
                    || lowercase_words.contains(l)
                    || (l.len() > 5 && (l.ends_with("ly") || l.ends_with("ing") || l.ends_with("ed")));
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
                pieces.push(Piece { start: t.start, end: piece_end, connector: false });
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
                if next.word && is_connector(nw) && nw != "the" {
                    let mut j = k + 2;
                    if j < hi && nw == "of" && toks[j].text(text) == "the" {
                        j += 1;
                    }
                    if j < hi && toks[j].cap && name_like(j) {
                        for c in k + 1..j {
                            pieces.push(Piece { start: toks[c].start, end: toks[c].end, connector: true });
                        }
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
                initial: initial(seq_start),
                quoted: toks[seq_start].quoted,
                after_in: prev_word.is_some_and(|p| matches!(p, "in" | "near" | "at" | "from" | "to" | "across")),
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
                        alias.hint = if last.hint == Hint::Place { Hint::Place } else { Hint::Org };
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

struct Ctx<'t> {
    text: &'t str,
    sent: usize,
    initial: bool,
    quoted: bool,
    after_in: bool,
}

impl Ctx<'_> {
    fn word(&self, p: &Piece) -> &str {
        self.text.get(p.start..p.end).unwrap_or("")
    }

    fn join(&self, ps: &[Piece]) -> String {
        let mut s = String::new();
        for p in ps {
            if !s.is_empty() {
                s.push(' ');
            }
            s.push_str(self.word(p));
        }
        s
    }

    fn emit(&self, ps: &[Piece], hint: Hint, title: Option<String>, male: Option<bool>, out: &mut Vec<Raw>) {
        let (Some(first), Some(last)) = (ps.first(), ps.last()) else { return };
        out.push(Raw {
            start: first.start,
            end: last.end,
            name: self.join(ps),
            hint,
            title,
            male,
            sent: self.sent,
            initial: self.initial,
            quoted: self.quoted,
            after_in: self.after_in,
            expansion: None,
        });
    }
}

/// Splits a sequence into title + name and classifies what remains.
fn process(ctx: &Ctx, ps: &[Piece], out: &mut Vec<Raw>) {
    // Drop connectors at either end.
    let ps = trim_connectors(ps);
    if ps.is_empty() {
        return;
    }
    let whole = ctx.join(ps);
    if is_place(&whole) {
        ctx.emit(ps, Hint::Place, None, None, out);
        return;
    }
    // The last core title that is followed by a name without cue words.
    let title_at = (0..ps.len()).rev().find(|&t| {
        !ps[t].connector
            && is_core_title(ctx.word(&ps[t]))
            && ps[t + 1..].iter().all(|p| {
                let w = ctx.word(p);
                !is_org_cue(w) && !is_place_cue(w)
            })
    });
    let Some(t) = title_at else {
        classify(ctx, ps, out);
        return;
    };
    let mut run = t;
    while run > 0 {
        let w = ctx.word(&ps[run - 1]);
        if !ps[run - 1].connector && (is_title(w) || is_demonym(w)) {
            run -= 1;
        } else {
            break;
        }
    }
    if run > 0 {
        process(ctx, &ps[..run], out);
    }
    let core = ctx.word(&ps[t]);
    let modifier = (t > 0).then(|| ctx.word(&ps[t - 1])).filter(|m| matches!(*m, "Vice" | "Prime" | "Deputy" | "Assistant"));
    let title = match modifier {
        Some(m) => format!("{m} {}", canonical_title(core)),
        None => canonical_title(core).to_string(),
    };
    let male = ps[run..=t].iter().find_map(|p| honorific_gender(ctx.word(p)));
    let mut name = &ps[t + 1..];
    if name.first().is_some_and(|p| p.connector) {
        // "Secretary of State Rex Tillerson": the office runs to the last two (or three) words.
        let rest: Vec<Piece> = name.iter().copied().filter(|p| !p.connector).collect();
        if rest.len() >= 3 {
            let initial = rest.len() >= 4 && ctx.word(&rest[rest.len() - 2]).ends_with('.');
            let keep = if initial { 3 } else { 2 };
            let from = rest[rest.len() - keep].start;
            let pos = name.iter().position(|p| p.start == from).unwrap_or(0);
            name = &name[pos..];
        } else {
            // "President of Mexico": keep the place, not the office.
            let tail = trim_connectors(name);
            let w = ctx.join(tail);
            if is_place(&w) || alias_key(&w).is_some() {
                ctx.emit(tail, Hint::Place, None, None, out);
            }
            return;
        }
    }
    let name = trim_connectors(name);
    if !name.is_empty() {
        ctx.emit(name, Hint::Person, Some(title), male, out);
    }
}

fn trim_connectors(mut ps: &[Piece]) -> &[Piece] {
    while ps.first().is_some_and(|p| p.connector) {
        ps = &ps[1..];
    }
    while ps.last().is_some_and(|p| p.connector) {
        ps = &ps[..ps.len() - 1];
    }
    ps
}

/// Classifies a sequence without a title.
fn classify(ctx: &Ctx, ps: &[Piece], out: &mut Vec<Raw>) {
    // Split at "of" unless the left part names an institution or a place ("Bank of America").
    if let Some(c) = ps.iter().position(|p| p.connector && ctx.word(p) == "of") {
        let left_last = ps[..c].last().map(|p| ctx.word(p)).unwrap_or("");
        if !(is_org_cue(left_last) || is_place_cue(left_last) || is_place(&ctx.join(ps))) {
            classify(ctx, trim_connectors(&ps[..c]), out);
            classify(ctx, trim_connectors(&ps[c + 1..]), out);
            return;
        }
    }
    // Titles without a name after them ("Senior State Department officials") and demonyms leading a sequence
    // that is not an organisation are not part of a name.
    let mut ps = ps;
    let has_org = ps.iter().any(|p| is_org_cue(ctx.word(p)));
    while ps.first().is_some_and(|p| is_title(ctx.word(p)) || (!has_org && is_demonym(ctx.word(p)))) {
        ps = trim_connectors(&ps[1..]);
    }
    if ps.is_empty() {
        return;
    }
    let whole = ctx.join(ps);
    let words: Vec<&str> = ps.iter().filter(|p| !p.connector).map(|p| ctx.word(p)).collect();
    let hint = if is_place(&whole) {
        Hint::Place
    } else if words.iter().any(|w| is_org_cue(w)) {
        Hint::Org
    } else if words.last().is_some_and(|w| is_place_cue(w)) {
        Hint::Place
    } else if words.len() == 1 {
        let w = words[0];
        if is_acronym(w) {
            if matches!(alias_key(w), Some("united states" | "united kingdom" | "united arab emirates")) {
                Hint::Place
            } else {
                Hint::Org
            }
        } else {
            Hint::Unknown
        }
    } else if words.len() <= 4
        && words.iter().all(|w| !w.chars().any(|c| c.is_ascii_digit()) && !is_acronym(w) && !is_demonym(w))
    {
        if ctx.after_in {
            Hint::Place
        } else {
            Hint::PersonGuess
        }
    } else {
        Hint::Other
    };
    ctx.emit(ps, hint, None, None, out);
}
