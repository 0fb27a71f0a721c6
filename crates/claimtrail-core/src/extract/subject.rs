//! Finds the noun phrase that is the subject of a speech verb, scanning the sentence's tokens.
//!
//! - Left of the verb: `np_backward` collects capitalised words, modifiers and a determiner, stopping at
//!   punctuation, quotations and clause words. When it stops at a preposition ("at times said") or a relative
//!   pronoun ("a group that opposes X said") the phrase found is not the subject and the scan resumes to its
//!   left; time phrases ("who a week ago said") are skipped the same way.
//! - Behind a parenthetical ("X, speaking to reporters on Saturday, said"): the leftmost comma-delimited
//!   segment that is a noun phrase on its own.
//! - Right of the verb (inversion: "“...,” said X", "..., said Rep. X, Republican of Y").

use super::entities::intro_end;
use super::lexicon::class;
use super::tokens::Tok;

/// Longest claimant noun phrase, in tokens.
const MAX_NP: usize = 10;
/// How many comma-delimited segments a parenthetical search looks at.
const MAX_SEGMENTS: usize = 4;
/// How far back (in tokens) the subject may sit before its verb.
const MAX_BACK: usize = 40;

fn is_close_quote(w: &str) -> bool {
    matches!(w, "”" | "\"" | "»" | "’" | "'")
}

fn is_open_punct(w: &str) -> bool {
    matches!(w, "“" | "\"" | "‘" | "„" | "«" | ":" | "(" | "—" | "–")
}

/// Adverbs and auxiliaries between a subject and its verb ("has", "later", "flatly").
fn is_filler(text: &str, t: &Tok) -> bool {
    t.word
        && !t.quoted
        && !t.cap
        && (t.is(class::FILLER) || (t.text(text).len() > 4 && t.text(text).ends_with("ly")))
}

/// Party and state tags such as "R-Utah" or "D-N.Y." are appositives, not speakers.
fn is_party_tag(w: &str) -> bool {
    let b = w.as_bytes();
    b.len() >= 3 && matches!(b[0], b'R' | b'D' | b'I') && b[1] == b'-'
}

/// Index of the first token left of `j` (exclusive) that is not a filler.
fn skip_fillers(text: &str, ts: &[Tok], mut j: usize) -> usize {
    while j > 0 && is_filler(text, &ts[j - 1]) {
        j -= 1;
    }
    j
}

/// The subject of the speech verb at `i`, as token indices `(first, last)`, and whether it follows the verb.
pub(crate) fn subject_of(text: &str, ts: &[Tok], i: usize) -> Option<(usize, usize, bool)> {
    let j = skip_fillers(text, ts, i);
    if j == 0 {
        return None;
    }
    let p = ts[j - 1];
    let pw = p.text(text);
    if p.word && !p.quoted && p.is(class::RELATIVE) && !p.cap {
        // "identical statements that said ...": the antecedent of the relative pronoun.
        let mut r = skip_fillers(text, ts, j - 1);
        if r > 0 && ts[r - 1].text(text) == "," {
            r -= 1;
        }
        let r = skip_fillers(text, ts, r).checked_sub(1)?;
        return (ts[r].word && !ts[r].quoted)
            .then(|| left_subject(text, ts, r))
            .flatten()
            .map(|(a, b)| (a, b, false));
    }
    if p.word && !p.quoted {
        return left_subject(text, ts, j - 1).map(|(a, b)| (a, b, false));
    }
    let after = || {
        np_forward(ts, i + 1)
            .map(|(a, b)| appositive_name(text, ts, a, b))
            .map(|(a, b)| (a, b, true))
    };
    if is_close_quote(pw) || (p.quoted && !p.word) {
        return after();
    }
    match pw {
        "," if j >= 2 && (is_close_quote(ts[j - 2].text(text)) || ts[j - 2].quoted) => after(),
        "," | "—" | "–" => {
            // ", said Rep. Jane Doe, Republican of Ohio." — an inversion closing the sentence.
            if let Some((a, b)) = np_forward(ts, i + 1) {
                let next = ts.get(b + 1).map_or(".", |t| t.text(text));
                if matches!(next, "," | "." | "!" | "?" | ";") {
                    return Some((a, b, true));
                }
            }
            parenthetical(text, ts, j - 1, pw).map(|(a, b)| (a, b, false))
        }
        ")" => {
            // "Rep. Jane Doe (D-Ohio) said".
            let lo = (j - 1).saturating_sub(12);
            let m = (lo..j - 1).rev().find(|&m| ts[m].text(text) == "(")?;
            if m == 0 || !ts[m - 1].word {
                return None;
            }
            left_subject(text, ts, m - 1).map(|(a, b)| (a, b, false))
        }
        _ => None,
    }
}

/// "X, speaking to reporters on Saturday, said": the leftmost comma-delimited segment before the verb that is
/// a noun phrase on its own. `comma` is the index of the delimiter right before the verb.
fn parenthetical(text: &str, ts: &[Tok], comma: usize, delim: &str) -> Option<(usize, usize)> {
    let lo = comma.saturating_sub(MAX_BACK);
    let mut best = None;
    let mut seg_end = comma; // exclusive end of the segment being examined
    for _ in 0..MAX_SEGMENTS {
        // "Rep. Jane Doe (R-Ohio), the committee chairman, said": look through the bracketed tag.
        if seg_end > lo + 1 && ts[seg_end - 1].text(text) == ")" {
            if let Some(m) = (lo..seg_end - 1)
                .rev()
                .take(12)
                .find(|&m| ts[m].text(text) == "(")
            {
                seg_end = m;
            }
        }
        let seg_start = (lo..seg_end)
            .rev()
            .find(|&m| {
                let w = ts[m].text(text);
                ts[m].quoted || w == delim || is_open_punct(w) || matches!(w, "”" | "\"" | "»")
            })
            .map_or(lo, |m| m + 1);
        // "..., but Sen. Jane Doe, D-Ohio, said": a conjunction may open the segment.
        let seg_first = if seg_start + 1 < seg_end
            && matches!(ts[seg_start].text(text), "but" | "and" | "yet" | "while")
        {
            seg_start + 1
        } else {
            seg_start
        };
        if seg_start < seg_end && ts[seg_end - 1].word {
            if let Some((a, b)) = left_subject(text, ts, seg_end - 1) {
                if a == seg_first && !(a == b && is_party_tag(ts[a].text(text))) {
                    // "His lawyer, Daniel Roe, said": prefer the name in apposition to a description.
                    let keep_name = best.is_some_and(|(na, nb): (usize, usize)| {
                        nb > na && ts[na..=nb].iter().all(|t| t.cap) && na == seg_end + 1
                    }) && !ts[b].cap;
                    if !keep_name {
                        best = Some((a, b));
                    }
                }
            }
        }
        if seg_start == lo || seg_start == 0 || ts[seg_start - 1].text(text) != delim {
            break;
        }
        seg_end = seg_start - 1;
    }
    best
}

/// Why a backward noun-phrase scan stopped.
#[derive(PartialEq, Eq)]
enum Stop {
    /// At a preposition: the phrase is its object.
    Prep,
    /// At a relative pronoun: the phrase is inside a relative clause.
    Relative,
    Other,
}

/// The subject noun phrase ending at `end`, skipping objects of prepositions, relative clauses and times.
pub(crate) fn left_subject(text: &str, ts: &[Tok], end: usize) -> Option<(usize, usize)> {
    let floor = end.saturating_sub(MAX_BACK);
    let mut end = end;
    for _ in 0..4 {
        let (a, b, stop) = np_backward(text, ts, end)?;
        // "the Los Angeles Times" ends in a time word but is a name.
        let temporal = (ts[b].is(class::TEMPORAL) && !(ts[b].cap && b > a))
            || ts[b].exact & (class::WEEKDAY | class::MONTH) != 0;
        let resume = if temporal {
            // "Doe on Monday said", "Doe at the time said": skip the preposition too.
            Some(if a > 0 && ts[a - 1].is(class::PREP) && !ts[a - 1].cap {
                a - 1
            } else {
                a
            })
        } else {
            match stop {
                Stop::Prep => a.checked_sub(1),
                Stop::Relative => {
                    // "X, who ... said": continue before the relative pronoun and its comma.
                    let r = a.checked_sub(1)?;
                    Some(if r > 0 && ts[r - 1].text(text) == "," {
                        r - 1
                    } else {
                        r
                    })
                }
                Stop::Other => return valid(text, ts, a, b).then_some((a, b)),
            }
        };
        let r = resume?;
        if r <= floor {
            return None;
        }
        end = skip_fillers(text, ts, r).checked_sub(1)?;
        if !ts[end].word || ts[end].quoted {
            return None;
        }
    }
    None
}

/// A bare lower-case word ("media", "false") is a subject only when it is a pronoun, a plural or a person noun.
fn valid(text: &str, ts: &[Tok], a: usize, b: usize) -> bool {
    let lone = ts[a].text(text);
    if a == b && lone.len() > 5 && lone.ends_with("ing") && ts[a].cap && !ts[a].is(class::PRONOUN) {
        // "Posting on Facebook on Friday, Doe wrote": the participle opening the sentence.
        return false;
    }
    if a == b && is_subordinator(text, &ts[a]) {
        // "When asked ..., X replied", "In a statement, X said": an introductory word, never a speaker.
        return false;
    }
    if a != b || ts[a].cap || ts[a].is(class::PRONOUN) {
        return true;
    }
    let w = ts[a].text(text);
    ts[a].is(class::PERSON_NOUN) || (w.len() > 3 && w.ends_with('s') && !w.ends_with("ss"))
}

/// A preposition or a subordinating conjunction ("In", "When", "after"): it opens a clause or a phrase.
fn is_subordinator(text: &str, t: &Tok) -> bool {
    t.is(class::PREP)
        || matches!(
            t.text(text).to_ascii_lowercase().as_str(),
            "when"
                | "while"
                | "if"
                | "as"
                | "although"
                | "though"
                | "because"
                | "unless"
                | "whether"
                | "once"
                | "where"
                | "whereas"
        )
}

/// Scans left from `end` for a noun phrase. Returns token indices `(first, end)` and why it stopped.
fn np_backward(text: &str, ts: &[Tok], end: usize) -> Option<(usize, usize, Stop)> {
    let head = ts[end];
    if head.is(class::PRONOUN) {
        return Some((end, end, Stop::Other));
    }
    if head.is(class::BREAKS | class::DETERMINER) && !head.cap {
        return None;
    }
    let mut start = end;
    let mut k = end;
    loop {
        let t = ts[k];
        let w = t.text(text);
        if !t.word || t.quoted {
            // A plural possessive mark ("Jones’ campaign") stays inside the phrase.
            let possessive = matches!(w, "’" | "'")
                && k > 0
                && ts[k - 1].word
                && ts[k - 1].text(text).ends_with('s');
            if !(possessive && k < end) {
                break;
            }
        } else if t.is(class::DETERMINER) && k < end {
            // "the head of the agency": keep going through "of".
            if k >= 2 && ts[k - 1].text(text) == "of" && ts[k - 2].word && !ts[k - 2].quoted {
                start = k;
                k -= 2;
                continue;
            }
            start = k;
            break;
        } else if t.cap {
            let initial = k == 0 || is_open_punct(ts[k - 1].text(text));
            if initial && t.is(class::OPENER) && !t.is(class::DETERMINER) {
                break;
            }
        } else if w == "and" {
            // "Trump and Putin", "Mitt Romney and other Republicans".
            let right =
                ts[start].cap || matches!(ts[start].text(text), "other" | "several" | "many");
            if !(k > 0 && ts[k - 1].cap && ts[k - 1].word && right) {
                break;
            }
        } else if w == "of" {
            if !(k > 0 && ts[k - 1].word && ts[start].cap) {
                break;
            }
        } else if t.is(class::BREAKS | class::PRONOUN) {
            break;
        }
        start = k;
        if end - start + 1 >= MAX_NP || k == 0 {
            break;
        }
        k -= 1;
    }
    // A phrase that opens with "and"/"of" or a possessive mark lost its left half.
    let first = ts[start].text(text);
    if matches!(first, "and" | "of" | "’" | "'") {
        return None;
    }
    // What precedes the phrase tells whether it is an object or inside a relative clause.
    let stop = match start.checked_sub(1).map(|p| ts[p]) {
        Some(p) if p.word && !p.quoted && !p.cap && p.is(class::RELATIVE) => Stop::Relative,
        Some(p) if p.word && !p.quoted && !p.cap && p.is(class::PREP) => Stop::Prep,
        _ => Stop::Other,
    };
    Some((start, end, stop))
}

/// Scans right from `from` for the subject of an inverted attribution ("said the official", "said Sen. Doe").
pub(crate) fn np_forward(ts: &[Tok], from: usize) -> Option<(usize, usize)> {
    let first = ts.get(from)?;
    if !first.word || first.quoted {
        return None;
    }
    if first.is(class::PRONOUN) {
        return Some((from, from));
    }
    let det = first.is(class::DETERMINER);
    let mut k = from + 1;
    if !det && !first.cap {
        // "said senior adviser Jane Doe": up to three lower-case modifiers before a name.
        let name = (from + 1..ts.len().min(from + 4))
            .find(|&j| ts[j].cap || !ts[j].word || ts[j].quoted)?;
        if !ts[name].cap || !ts[name].word || ts[name].quoted {
            return None;
        }
        // "told reporters on Capitol Hill": an object and a place, not modifiers of a name.
        if ts[from..name]
            .iter()
            .any(|t| t.is(class::PREP | class::BREAKS))
        {
            return None;
        }
        k = name;
    }
    let mut end = k - 1;
    while k < ts.len() && k - from < MAX_NP {
        let t = ts[k];
        if !t.word || t.quoted {
            break;
        }
        if t.cap || (det && !t.is(class::BREAKS | class::DETERMINER)) {
            end = k;
            k += 1;
        } else {
            break;
        }
    }
    Some((from, end))
}

/// "said a White House spokesman, Eric Schultz.": the name in apposition after a description.
fn appositive_name(text: &str, ts: &[Tok], a: usize, b: usize) -> (usize, usize) {
    if ts[b].cap || ts.get(b + 1).map(|t| t.text(text)) != Some(",") {
        return (a, b);
    }
    let from = b + 2;
    let end = (from..ts.len().min(from + 5))
        .take_while(|&k| ts[k].word && ts[k].cap && !ts[k].quoted)
        .last();
    match end {
        Some(e)
            if e > from
                && ts
                    .get(e + 1)
                    .is_none_or(|t| matches!(t.text(text), "." | "," | ";")) =>
        {
            (from, e)
        }
        _ => (a, b),
    }
}

/// The subject at the start of a sentence's main clause: after an introductory phrase that opens with a
/// preposition or a participle and ends with a comma ("During his news conference Friday, LePage said").
pub(crate) fn sentence_subject(text: &str, ts: &[Tok]) -> Option<(usize, usize)> {
    let k = intro_end(text, ts).unwrap_or(0);
    let (a, b) = np_forward(ts, k)?;
    // The phrase must be followed by its verb (a lower-case word), not be the whole sentence.
    let next = ts.get(b + 1)?;
    (next.word || next.text(text) == ",").then_some((a, b))
}
