//! Classifies one capitalised sequence: splits titles from names ("Secretary of State Rex Tillerson" → person
//! "Rex Tillerson"), drops nationality adjectives, splits at "of" where it joins two names, and tells persons,
//! organisations and places apart by cue words and the gazetteer.

use std::borrow::Cow;

use super::entities::{Hint, Piece, Raw};
use super::gazetteer::{alias_key, is_demonym, is_org_cue, is_place, is_place_cue};
use super::lexicon::{canonical_title, class, honorific_gender, is_title, lex, lex_lower};

/// A title that names an office on its own ("President", "Secretary"), not a modifier ("Vice", "Defense").
fn is_core_title(w: &str) -> bool {
    lex(w) & (class::TITLE | class::TITLE_MODIFIER) == class::TITLE
}

/// Rank words that precede an office or a name but never belong to an organisation's name.
fn is_rank(w: &str) -> bool {
    matches!(
        w,
        "Former"
            | "Senior"
            | "Acting"
            | "Interim"
            | "Retired"
            | "Ret."
            | "Outgoing"
            | "Incoming"
            | "Then"
    )
}

/// Names of laws, storms, wars, operations and events ("Fifth Amendment", "Hurricane Sandy", "Election Day"):
/// neither persons, organisations nor places.
fn is_other_name(words: &[&str]) -> bool {
    let last = words.last().copied().unwrap_or("");
    let first = words.first().copied().unwrap_or("");
    words.len() >= 2
        && (matches!(
            last,
            "Amendment"
                | "Amendments"
                | "Act"
                | "Bill"
                | "Treaty"
                | "Accord"
                | "Accords"
                | "Doctrine"
                | "Prize"
                | "Award"
                | "Awards"
                | "Convention"
                | "War"
                | "Games"
                | "Olympics"
                | "Cup"
                | "Day"
                | "Scandal"
        ) || matches!(
            first,
            "Hurricane" | "Typhoon" | "Cyclone" | "Storm" | "Tropical" | "Operation"
        ))
}

/// Generational suffixes ("III") and roman numerals that end a name.
fn is_roman(w: &str) -> bool {
    matches!(w, "II" | "III" | "IV" | "VI" | "VII" | "VIII")
}

/// First words of place names ("San Diego", "Fort Lee", "St. Louis").
fn is_place_prefix(w: &str) -> bool {
    matches!(
        w,
        "Fort"
            | "San"
            | "Santa"
            | "Los"
            | "Las"
            | "El"
            | "Des"
            | "St."
            | "Saint"
            | "Port"
            | "Mount"
            | "Mt."
    )
}

pub(crate) fn is_acronym(w: &str) -> bool {
    if is_roman(w) {
        return false;
    }
    let letters = w.chars().filter(|c| c.is_alphabetic()).count();
    (2..=7).contains(&letters)
        && w.chars().all(|c| c.is_uppercase() || c == '.' || c == '&')
        && w.len() <= 12
}

pub(crate) struct Ctx<'t> {
    pub text: &'t str,
    pub sent: usize,
    pub initial: bool,
    pub quoted: bool,
    pub after_in: bool,
    /// The preposition before is "to" or "from": a person as often as a place ("a letter to Jane Doe").
    pub directional: bool,
}

impl Ctx<'_> {
    fn word(&self, p: &Piece) -> &str {
        self.text.get(p.start..p.end).unwrap_or("")
    }

    /// The words of `ps` single-spaced: a slice of the text when they already are, else a new string.
    fn join(&self, ps: &[Piece]) -> Cow<'_, str> {
        if let (Some(first), Some(last)) = (ps.first(), ps.last()) {
            let joined = ps.windows(2).all(|w| {
                w[1].start == w[0].end + 1 && self.text.as_bytes().get(w[0].end) == Some(&b' ')
            });
            if joined {
                return Cow::Borrowed(self.text.get(first.start..last.end).unwrap_or(""));
            }
        }
        let mut s = String::new();
        for p in ps {
            if !s.is_empty() {
                s.push(' ');
            }
            s.push_str(self.word(p));
        }
        Cow::Owned(s)
    }

    fn emit(
        &self,
        ps: &[Piece],
        hint: Hint,
        title: Option<String>,
        male: Option<bool>,
        out: &mut Vec<Raw>,
    ) {
        let (Some(first), Some(last)) = (ps.first(), ps.last()) else {
            return;
        };
        out.push(Raw {
            start: first.start,
            end: last.end,
            name: self.join(ps).into_owned(),
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
pub(crate) fn process(ctx: &Ctx, ps: &[Piece], out: &mut Vec<Raw>) {
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
        t + 1 < ps.len()
            && !ps[t].connector
            && is_core_title(ctx.word(&ps[t]))
            && ps[t + 1..].iter().all(|p| {
                let w = ctx.word(p);
                !is_org_cue(w)
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
    let modifier = (t > 0).then(|| ctx.word(&ps[t - 1])).filter(|m| {
        matches!(
            *m,
            "Vice" | "Prime" | "Deputy" | "Assistant" | "Lieutenant" | "Lt."
        )
    });
    let title = match modifier {
        Some(m) => format!(
            "{} {}",
            if m == "Lt." { "Lieutenant" } else { m },
            canonical_title(core)
        ),
        None => canonical_title(core).to_string(),
    };
    let male = ps[run..=t]
        .iter()
        .find_map(|p| honorific_gender(ctx.word(p)));
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
    let mut name = trim_connectors(name);
    // "Gov. Jane Doe of Ohio": the place after "of" is not part of the name.
    if let Some(c) = name.iter().position(|p| p.connector && ctx.word(p) == "of") {
        classify(ctx, trim_connectors(&name[c + 1..]), out);
        name = trim_connectors(&name[..c]);
    }
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
    while ps.first().is_some_and(|p| {
        let w = ctx.word(p);
        is_core_title(w) || is_rank(w) || (!has_org && (is_demonym(w) || is_title(w)))
    }) {
        ps = trim_connectors(&ps[1..]);
    }
    // "Crooked Hillary Clinton", "Embattled Gov. Doe": a participle adjective in front of a name.
    while ps.len() >= 2 && {
        let w = ctx.word(&ps[0]);
        w.len() >= 6
            && w.ends_with("ed")
            && !w.ends_with("med")
            && !w.ends_with("eed")
            && !ps[0].connector
    } {
        ps = trim_connectors(&ps[1..]);
    }
    if ps.is_empty() {
        return;
    }
    let whole = ctx.join(ps);
    let words: Vec<&str> = ps
        .iter()
        .filter(|p| !p.connector)
        .map(|p| ctx.word(p))
        .collect();
    // "the Committee", "America’s Toughest Sheriff": a generic noun or a sequence ending in a title is not a name.
    let generic = (words.len() == 1 && lex_lower(words[0]) & class::ORG_NOUN != 0)
        || (words.len() >= 2 && words.last().is_some_and(|w| is_core_title(w)));
    let hint = if is_place(&whole) {
        Hint::Place
    } else if is_other_name(&words) || generic {
        // "the Committee", "the Department": a back-reference, not a name of its own.
        Hint::Other
    } else if words.iter().any(|w| is_org_cue(w)) {
        Hint::Org
    } else if words.last().is_some_and(|w| is_place_cue(w)) {
        Hint::Place
    } else if words.len() == 1 {
        let w = words[0];
        if is_acronym(w) {
            if matches!(
                alias_key(w),
                Some("united states" | "united kingdom" | "united arab emirates")
            ) {
                Hint::Place
            } else {
                Hint::Org
            }
        } else {
            Hint::Unknown
        }
    } else if words.len() <= 4
        && words
            .iter()
            .all(|w| !w.chars().any(|c| c.is_ascii_digit()) && !is_acronym(w) && !is_demonym(w))
        && !ps
            .iter()
            .any(|p| p.connector && matches!(ctx.word(p), "of" | "for" | "the"))
    {
        if is_place_prefix(words[0]) || (ctx.after_in && !ctx.directional) {
            Hint::Place
        } else {
            Hint::PersonGuess
        }
    } else {
        Hint::Other
    };
    ctx.emit(ps, hint, None, None, out);
}
