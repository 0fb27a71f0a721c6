//! Groups recognised mentions into entities named by their fullest form in the article: "Trump" → "Donald
//! Trump", "APEC" → "Asia-Pacific Economic Cooperation", "U.S." → "United States" (when the article spells it
//! out).

use std::collections::{HashMap, HashSet};

use crate::model::EntityKind;

use super::entities::{Hint, Raw};
use super::gazetteer::{alias_key, is_demonym, is_org_cue, is_place};
use super::lexicon::FxBuild;
use super::names::is_acronym;

/// One mention of an entity in the article.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Mention {
    pub start: usize,
    pub end: usize,
    pub entity: usize,
    pub sent: usize,
    pub initial: bool,
    pub quoted: bool,
}

/// An entity of the article, under its canonical (fullest) name.
#[derive(Debug, Clone)]
pub(crate) struct Entity {
    pub name: String,
    pub kind: EntityKind,
    /// Gender known from an honorific ("Mr.", "Ms."): `Some(true)` for male.
    pub male: Option<bool>,
    /// Titles seen before the name ("President", "Senator").
    pub titles: Vec<String>,
}

/// Every entity and mention of an article; mentions are sorted by position.
#[derive(Debug, Default)]
pub(crate) struct Entities {
    pub mentions: Vec<Mention>,
    pub entities: Vec<Entity>,
}

impl Entities {
    /// Mentions that lie within `start..end` (byte offsets).
    pub fn within(&self, start: usize, end: usize) -> &[Mention] {
        let lo = self.mentions.partition_point(|m| m.start < start);
        let hi = self.mentions.partition_point(|m| m.start < end);
        let slice = self.mentions.get(lo..hi.max(lo)).unwrap_or(&[]);
        let keep = slice.iter().take_while(|m| m.end <= end).count();
        // Mentions are sorted by start; one overlapping the end is dropped along with any after it.
        &slice[..keep]
    }
}

const SUFFIXES: &[&str] = &["Jr.", "Sr.", "II", "III", "IV", "Jr", "Sr"];

fn words(name: &str) -> Vec<&str> {
    name.split(' ').filter(|w| !w.is_empty()).collect()
}

fn core_last<'a>(ws: &[&'a str]) -> Option<&'a str> {
    ws.iter().rev().find(|w| !SUFFIXES.contains(w)).copied()
}

fn has_suffix(ws: &[&str]) -> bool {
    ws.last().is_some_and(|w| SUFFIXES.contains(w))
}

/// `small` is a subsequence of `big` with the same surname.
fn contained(small: &[&str], big: &[&str]) -> bool {
    if core_last(small) != core_last(big) || small.len() > big.len() {
        return false;
    }
    let mut it = big.iter();
    small.iter().all(|w| it.any(|b| b == w))
}

/// Last words of newspaper and magazine names ("the Post", "the Times").
fn is_publication(w: &str) -> bool {
    matches!(
        w,
        "Post"
            | "Times"
            | "Journal"
            | "Star"
            | "Globe"
            | "Tribune"
            | "Herald"
            | "Examiner"
            | "Chronicle"
            | "Guardian"
            | "Telegraph"
            | "Inquirer"
            | "Gazette"
            | "Observer"
            | "Dispatch"
            | "Courier"
            | "Ledger"
            | "Register"
            | "Monitor"
            | "Mirror"
            | "Express"
            | "Magazine"
            | "Review"
            | "Bulletin"
    )
}

/// Groups `raws` (in text order) into entities and mentions.
pub(crate) fn canonicalise(mut raws: Vec<Raw>) -> Entities {
    let surnames: HashSet<String, FxBuild> = raws
        .iter()
        .filter(|r| matches!(r.hint, Hint::Person | Hint::PersonGuess))
        .filter_map(|r| core_last(&words(&r.name)).map(str::to_string))
        .collect();
    raws = split_hyphenated(raws, &surnames);

    // "Hydrel" after "Hydrel S.A.", "Acme" after "Acme Corp.": a name plus organisation cue words.
    let mut short_orgs: HashMap<String, String, FxBuild> = HashMap::default();
    for r in raws
        .iter()
        .filter(|r| r.hint == Hint::Org && r.expansion.is_none())
    {
        let mut ws = r.name.split(' ');
        if let (Some(first), rest) = (ws.next(), ws.collect::<Vec<_>>()) {
            if !rest.is_empty() && rest.iter().all(|w| is_org_cue(w)) {
                short_orgs
                    .entry(first.to_string())
                    .or_insert_with(|| r.name.clone());
            }
        }
    }

    // "the Post" after "The Washington Post": a publication named by its last word, when only one fits.
    let mut tail_orgs: HashMap<String, Option<String>, FxBuild> = HashMap::default();
    for r in raws
        .iter()
        .filter(|r| r.hint == Hint::Org && r.expansion.is_none())
    {
        let ws = words(&r.name);
        if let (Some(last), true) = (ws.last(), ws.len() >= 2) {
            if is_publication(last) {
                let slot = tail_orgs
                    .entry((*last).to_string())
                    .or_insert_with(|| Some(r.name.clone()));
                if slot.as_deref() != Some(r.name.as_str()) {
                    *slot = None;
                }
            }
        }
    }
    for r in raws
        .iter_mut()
        .filter(|r| r.expansion.is_none() && !r.name.contains(' '))
    {
        if let Some(Some(full)) = tail_orgs.get(&r.name) {
            r.hint = Hint::Org;
            r.expansion = Some(full.clone());
        }
    }

    // "IRS" for "Internal Revenue Service", "DOJ" for "Department of Justice": an acronym made of the initials
    // of exactly one multi-word organisation named in the article (all words, or the capitalised ones).
    let mut by_initials: HashMap<String, Option<String>, FxBuild> = HashMap::default();
    for r in raws
        .iter()
        .filter(|r| r.hint == Hint::Org && r.expansion.is_none())
    {
        let ws = words(&r.name);
        if ws.len() < 2 {
            continue;
        }
        let all: String = ws.iter().filter_map(|w| w.chars().next()).collect();
        let caps: String = ws
            .iter()
            .filter_map(|w| w.chars().next())
            .filter(|c| c.is_uppercase())
            .collect();
        for key in [all.to_uppercase(), caps] {
            if key.chars().count() < 2 {
                continue;
            }
            let slot = by_initials
                .entry(key)
                .or_insert_with(|| Some(r.name.clone()));
            if slot.as_deref() != Some(r.name.as_str()) {
                *slot = None;
            }
        }
    }
    for r in raws
        .iter_mut()
        .filter(|r| r.hint == Hint::Org && r.expansion.is_none() && is_acronym(&r.name))
    {
        let letters: String = r.name.chars().filter(|c| c.is_alphabetic()).collect();
        if let Some(Some(full)) = by_initials.get(&letters) {
            r.expansion = Some(full.clone());
        }
    }

    // "to Jane Doe’s lawyer": a two- or three-word name guessed to be a place only because of the preposition
    // before it is a person when its last word is someone's surname in the article.
    for r in raws.iter_mut().filter(|r| {
        r.hint == Hint::Place && r.after_in && r.expansion.is_none() && !is_place(&r.name)
    }) {
        let ws = words(&r.name);
        if (2..=3).contains(&ws.len()) && core_last(&ws).is_some_and(|l| surnames.contains(l)) {
            r.hint = Hint::PersonGuess;
        }
    }

    // First names that belong to exactly one multi-word person name ("Doug" for "Doug Jones").
    let mut first_names: HashMap<String, Option<String>, FxBuild> = HashMap::default();
    for r in raws
        .iter()
        .filter(|r| matches!(r.hint, Hint::Person | Hint::PersonGuess))
    {
        let ws = words(&r.name);
        if let (Some(first), true) = (ws.first(), ws.len() >= 2) {
            let slot = first_names
                .entry((*first).to_string())
                .or_insert_with(|| Some(r.name.clone()));
            if slot
                .as_deref()
                .is_some_and(|n| !contained(&words(n), &ws) && !contained(&ws, &words(n)))
            {
                *slot = None;
            }
        }
    }

    // Decide the kind of single unknown words.
    for r in &mut raws {
        if r.hint == Hint::Unknown {
            if let Some(Some(full)) = first_names
                .get(&r.name)
                .filter(|_| !surnames.contains(&r.name))
            {
                r.hint = Hint::Person;
                r.expansion = Some(full.clone());
            } else if surnames.contains(&r.name) {
                r.hint = Hint::Person;
            } else if let Some(full) = short_orgs.get(&r.name) {
                r.hint = Hint::Org;
                r.expansion = Some(full.clone());
            } else {
                r.hint = if r.after_in { Hint::Place } else { Hint::Other };
            }
        }
    }

    // A single word is the same kind throughout the article: "Helsinki" opening a sentence is the place that
    // "in Helsinki" named.
    let places: HashSet<String, FxBuild> = raws
        .iter()
        .filter(|r| r.hint == Hint::Place && !r.name.contains(' '))
        .map(|r| r.name.clone())
        .collect();
    for r in raws
        .iter_mut()
        .filter(|r| r.hint == Hint::Other && r.expansion.is_none())
    {
        if places.contains(&r.name) {
            r.hint = Hint::Place;
        }
    }

    // "Secret Service" after "U.S. Secret Service", "Oversight Committee" after "House Oversight Committee":
    // an organisation named by all but the first word of exactly one longer organisation name.
    let org_names: Vec<String> = {
        let mut v: Vec<String> = raws
            .iter()
            .filter(|r| r.hint == Hint::Org && r.expansion.is_none())
            .map(|r| r.name.clone())
            .collect();
        v.sort();
        v.dedup();
        v
    };
    for r in raws
        .iter_mut()
        .filter(|r| r.hint == Hint::Org && r.expansion.is_none() && r.name.contains(' '))
    {
        let mut longer = org_names.iter().filter(|o| {
            o.len() > r.name.len()
                && o.ends_with(r.name.as_str())
                && o[..o.len() - r.name.len()].ends_with(' ')
                && !o[..o.len() - r.name.len()].trim().contains(' ')
        });
        if let (Some(full), None) = (longer.next(), longer.next()) {
            r.expansion = Some(full.clone());
        }
    }

    // Persons: the fullest compatible name, anchored on the most recent compatible one. Names are compared
    // only within a surname bucket, and very large buckets (garbage input) are not compared at all.
    let mut names: Vec<(Vec<&str>, Vec<usize>)> = Vec::new();
    let mut name_of: HashMap<&str, usize, FxBuild> = HashMap::default();
    let mut buckets: HashMap<&str, Vec<usize>, FxBuild> = HashMap::default();
    for (i, r) in raws.iter().enumerate() {
        if !matches!(r.hint, Hint::Person | Hint::PersonGuess) {
            continue;
        }
        let name = r.expansion.as_deref().unwrap_or(&r.name);
        let n = *name_of.entry(name).or_insert_with(|| {
            names.push((words(name), Vec::new()));
            names.len() - 1
        });
        if names[n].1.is_empty() {
            if let Some(last) = core_last(&names[n].0) {
                buckets.entry(last).or_default().push(n);
            }
        }
        names[n].1.push(i);
    }
    let mut canon: Vec<Option<String>> = vec![None; raws.len()];
    for (ws, occ) in &names {
        let bucket = core_last(ws)
            .and_then(|l| buckets.get(l))
            .map_or(&[][..], Vec::as_slice);
        for &i in occ {
            if bucket.len() > 24 {
                canon[i] = Some(ws.join(" "));
                continue;
            }
            // "Trump" is Donald Trump rather than Donald Trump Jr., but "Taylor" is William Taylor III when no
            // Taylor without a suffix is named.
            let plain = bucket.iter().any(|&b| {
                let o = &names[b].0;
                o.len() > ws.len() && !has_suffix(o) && contained(ws, o)
            });
            let compatible =
                |o: &[&str]| contained(ws, o) && (has_suffix(ws) || !has_suffix(o) || !plain);
            let before = bucket
                .iter()
                .filter(|&&b| compatible(&names[b].0))
                .filter_map(|&b| {
                    let k = names[b].1.partition_point(|&x| x < i);
                    k.checked_sub(1).map(|k| (names[b].1[k], b))
                })
                .max();
            let after = || {
                bucket
                    .iter()
                    .filter(|&&b| compatible(&names[b].0))
                    .filter_map(|&b| names[b].1.iter().find(|&&x| x > i).map(|&x| (x, b)))
                    .min()
            };
            let anchor = before
                .or_else(after)
                .map_or(ws.as_slice(), |(_, b)| names[b].0.as_slice());
            let fullest = bucket
                .iter()
                .map(|&b| &names[b])
                .filter(|(o, _)| {
                    contained(anchor, o) && (has_suffix(anchor) || !has_suffix(o) || !plain)
                })
                .max_by_key(|(o, occ)| {
                    (
                        o.len(),
                        std::cmp::Reverse(occ.first().copied().unwrap_or(0)),
                    )
                })
                .map_or_else(|| ws.join(" "), |(o, _)| o.join(" "));
            canon[i] = Some(fullest);
        }
    }

    // Organisations and places: group by alias key or acronym expansion, name by the longest spelling.
    let mut group_of: HashMap<String, String, FxBuild> = HashMap::default();
    let key = |r: &Raw| -> String {
        let base = r.expansion.as_deref().unwrap_or(&r.name);
        alias_key(base)
            .map(str::to_string)
            .unwrap_or_else(|| base.to_string())
    };
    for r in raws
        .iter()
        .filter(|r| !matches!(r.hint, Hint::Person | Hint::PersonGuess))
    {
        let k = key(r);
        let candidate = r.expansion.as_deref().unwrap_or(&r.name);
        let entry = group_of.entry(k).or_insert_with(|| candidate.to_string());
        if candidate.chars().count() > entry.chars().count() {
            *entry = candidate.to_string();
        }
    }

    let mut out = Entities::default();
    let mut index: HashMap<(EntityKind, String), usize, FxBuild> = HashMap::default();
    for (i, r) in raws.iter().enumerate() {
        let kind = match r.hint {
            Hint::Person | Hint::PersonGuess => EntityKind::Person,
            Hint::Org => EntityKind::Organization,
            Hint::Place => EntityKind::Location,
            Hint::Unknown | Hint::Other => EntityKind::Other,
        };
        let name = match &canon[i] {
            Some(n) => n.clone(),
            None => group_of
                .get(&key(r))
                .cloned()
                .unwrap_or_else(|| r.name.clone()),
        };
        let next = out.entities.len();
        let e = *index.entry((kind, name.clone())).or_insert(next);
        if e == next {
            out.entities.push(Entity {
                name,
                kind,
                male: None,
                titles: Vec::new(),
            });
        }
        let ent = &mut out.entities[e];
        if ent.male.is_none() {
            ent.male = r.male;
        }
        if let Some(t) = &r.title {
            if !ent.titles.contains(t) {
                ent.titles.push(t.clone());
            }
        }
        out.mentions.push(Mention {
            start: r.start,
            end: r.end,
            entity: e,
            sent: r.sent,
            initial: r.initial,
            quoted: r.quoted,
        });
    }
    out.mentions.sort_by_key(|m| (m.start, m.end));
    out
}

/// "Trump-Putin" → "Trump", "Putin" when each part is a known surname or place; "US-Russian" → "US".
fn split_hyphenated(raws: Vec<Raw>, surnames: &HashSet<String, FxBuild>) -> Vec<Raw> {
    let mut out = Vec::with_capacity(raws.len());
    for r in raws {
        if r.hint != Hint::Unknown || !r.name.contains('-') {
            out.push(r);
            continue;
        }
        let parts: Vec<&str> = r.name.split('-').collect();
        let known = |p: &str| {
            is_place(p) || alias_key(p).is_some() || surnames.contains(p) || is_demonym(p)
        };
        let all_cap = parts
            .iter()
            .all(|p| p.chars().next().is_some_and(char::is_uppercase));
        if !all_cap || !parts.iter().all(|p| known(p)) {
            let mut r = r;
            r.hint = Hint::Other;
            out.push(r);
            continue;
        }
        let mut offset = r.start;
        for p in &parts {
            let start = offset;
            offset += p.len() + 1;
            if is_demonym(p) {
                continue;
            }
            let hint = if surnames.contains(*p) {
                Hint::Person
            } else if matches!(alias_key(p), Some("united nations" | "european union")) {
                Hint::Org
            } else {
                Hint::Place
            };
            out.push(Raw {
                start,
                end: start + p.len(),
                name: (*p).to_string(),
                hint,
                title: None,
                male: None,
                sent: r.sent,
                initial: false,
                quoted: r.quoted,
                after_in: false,
                expansion: None,
            });
        }
    }
    out
}
