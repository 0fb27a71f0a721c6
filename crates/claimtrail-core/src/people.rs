//! Which person records are probably one person, from their names alone (the store hands in the records and
//! stores what the reviewer decides).
//!
//! Names are compared by their [`NameKey`]: lower-cased, without diacritics, apostrophes or dots, with leading
//! titles and honorifics left out ("President", "Sen.", "Mrs.", "Prime Minister", "the": the extractor's own
//! list of titles), and initials kept apart ("J." and "J.R." are initials; a generational suffix such as "Jr."
//! stays part of the name but is never its surname). The rules are general, never about particular names:
//!
//! 1. **Same name**: the same words ("President Ana Ruiz", "ana ruiz", "Ana Ruíz").
//! 2. **Initial**: the same words but for initials ("Ana M. Ruiz", "Ana Ruiz"), when the names with initials all
//!    have the same ones (with "Ana M. Ruiz" and "Ana P. Ruiz" it is unclear which "Ana Ruiz" is).
//! 3. **Surname**: a surname alone ("Ruiz", "Mayor Ruiz", "A. Ruiz") when the multi-word names with that surname
//!    are one person: names that rules 1 and 2 join count as one, and the initials of the short name must be
//!    those of the given names. "Clinton" next to two different full names with that surname gives nothing.
//!
//! Of each pair, the record kept is the one with the fuller name: more words, then more initials, then without a
//! title, then with more claims. The work is grouping by key, never comparing every name with every other.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use serde::{Deserialize, Serialize};
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

use crate::extract::is_title_word;

/// Generational suffixes: part of a name, never its surname.
const SUFFIXES: &[&str] = &["jr", "sr", "ii", "iii", "iv"];

/// Why two records are probably one person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum MergeRule {
    /// The same words, in other case, diacritics or with a title.
    SameName,
    /// The same words but for an initial the other name has.
    Initial,
    /// A surname alone, and only one person with a fuller name has it.
    Surname,
}

/// A name as compared: its words, folded, titles left out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameKey {
    /// Folded words in order; an initial is a one-letter word.
    words: Vec<String>,
    /// Whether a title or honorific was left out.
    titled: bool,
}

impl NameKey {
    /// The key of a person's name; `None` when nothing is left but titles and initials ("the president").
    pub fn parse(name: &str) -> Option<Self> {
        let mut words = Vec::new();
        let mut titled = false;
        let mut leading = true;
        for token in tokens(name) {
            if leading && (is_title_word(token) || token.eq_ignore_ascii_case("the")) {
                titled = true;
                continue;
            }
            leading = false;
            push_folded(token, &mut words);
        }
        let key = Self { words, titled };
        let named = key.core_len() > 0;
        named.then_some(key)
    }

    /// The words, initials included, separated by spaces.
    pub fn full(&self) -> String {
        self.words.join(" ")
    }

    /// The words that are not initials.
    pub fn core(&self) -> impl Iterator<Item = &str> {
        self.words
            .iter()
            .map(String::as_str)
            .filter(|w| !is_initial(w))
    }

    fn core_key(&self) -> String {
        self.core().collect::<Vec<_>>().join(" ")
    }

    fn core_len(&self) -> usize {
        self.core().count()
    }

    fn has_initials(&self) -> bool {
        self.words.iter().any(|w| is_initial(w))
    }

    /// Index of the surname: the last word that is neither an initial nor a suffix (else the last word that is
    /// not an initial).
    fn surname_at(&self) -> usize {
        let core = |i: &usize| !is_initial(&self.words[*i]);
        (0..self.words.len())
            .rev()
            .filter(core)
            .find(|&i| !SUFFIXES.contains(&self.words[i].as_str()))
            .or_else(|| (0..self.words.len()).rev().find(core))
            .unwrap_or(0)
    }

    /// The surname (see [`NameKey::surname_at`]).
    pub fn surname(&self) -> &str {
        self.words.get(self.surname_at()).map_or("", String::as_str)
    }

    /// First letters of the words before the surname, initials included ("Ana M. Ruiz": a, m).
    fn given_letters(&self) -> Vec<char> {
        self.words[..self.surname_at()]
            .iter()
            .filter(|w| !SUFFIXES.contains(&w.as_str()))
            .filter_map(|w| w.chars().next())
            .collect()
    }

    /// Whether an initial stands between two words ("Ana M. Ruiz"), not first ("A. Ana Ruiz").
    fn middle_initial(&self) -> bool {
        self.words.iter().skip(1).any(|w| is_initial(w)) && !is_initial(&self.words[0])
    }
}

fn is_initial(w: &str) -> bool {
    let mut chars = w.chars();
    matches!((chars.next(), chars.next()), (Some(c), None) if c.is_alphabetic())
}

/// Splits a name into tokens as written: letters, digits, dots, apostrophes and inner hyphens stay together.
fn tokens(name: &str) -> impl Iterator<Item = &str> {
    name.split(|c: char| {
        !(c.is_alphanumeric()
            || is_combining_mark(c)
            || matches!(c, '.' | '-' | '‐' | '‑' | '\'' | '’' | 'ʼ'))
    })
    .filter(|t| t.chars().any(char::is_alphanumeric))
}

/// Appends the folded words of one token: "J." and "J.R." give initials, "St." gives "st", "O’Neill" gives
/// "oneill", "Łódź" gives "lodz".
fn push_folded(token: &str, words: &mut Vec<String>) {
    let mut folded = String::with_capacity(token.len());
    for c in token.to_lowercase().nfd() {
        match c {
            '\'' | '’' | 'ʼ' => {}
            '‐' | '‑' => folded.push('-'),
            c if is_combining_mark(c) => {}
            c => match fold_letter(c) {
                Some(s) => folded.push_str(s),
                None => folded.push(c),
            },
        }
    }
    let folded = folded.trim_matches(|c| c == '-' || c == '.');
    if folded.contains('.') {
        let parts: Vec<&str> = folded.split('.').filter(|p| !p.is_empty()).collect();
        if parts.iter().all(|p| is_initial(p)) {
            words.extend(parts.iter().map(|p| (*p).to_string()));
            return;
        }
    }
    let word: String = folded.chars().filter(|&c| c != '.').collect();
    if !word.is_empty() {
        words.push(word);
    }
}

/// Latin letters that do not decompose into a base letter and a mark.
fn fold_letter(c: char) -> Option<&'static str> {
    Some(match c {
        'ł' => "l",
        'ø' => "o",
        'đ' | 'ð' => "d",
        'ß' => "ss",
        'æ' => "ae",
        'œ' => "oe",
        'ı' => "i",
        'þ' => "th",
        _ => return None,
    })
}

/// A person record as the rules see it.
#[derive(Debug, Clone)]
pub struct MergeRecord<'a> {
    /// The name the record is listed under.
    pub name: &'a str,
    /// The other names merged into it.
    pub aliases: Vec<&'a str>,
    /// Its claims (any count that orders records by how much they matter).
    pub claims: u32,
}

/// Two records (indexes into the slice given to [`merge_pairs`]) that are probably one person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MergePair {
    /// The record to keep (the fuller name).
    pub keep: usize,
    /// The record to merge into it.
    pub merge: usize,
    pub rule: MergeRule,
    /// A short reason a reviewer reads ("same surname").
    pub reason: &'static str,
}

/// The pairs of records that are probably one person, each pair once, in a fixed order (rules 1 and 2, then 3,
/// each by key). Each record is merged into the fullest record of its person, and only when one of its names
/// relates to one of that record's by a rule: a record related only through a third one comes up once that
/// one is merged. Records with no usable name take part in nothing.
pub fn merge_pairs(records: &[MergeRecord<'_>]) -> Vec<MergePair> {
    let keys: Vec<Vec<(&str, NameKey)>> = records
        .iter()
        .map(|r| {
            let mut ks: Vec<(&str, NameKey)> = Vec::new();
            for n in std::iter::once(r.name).chain(r.aliases.iter().copied()) {
                if let Some(k) = NameKey::parse(n) {
                    if !ks.iter().any(|(_, seen)| seen.words == k.words) {
                        ks.push((n, k));
                    }
                }
            }
            ks
        })
        .collect();
    let ranks: Vec<(usize, usize, bool, u32)> = records
        .iter()
        .map(|r| match NameKey::parse(r.name) {
            Some(k) => (k.core_len(), k.words.len(), !k.titled, r.claims),
            None => (0, 0, false, r.claims),
        })
        .collect();
    // The fuller record; equal ranks go to the name first in order, then to the first record.
    let best = |ids: &mut dyn Iterator<Item = usize>| -> Option<usize> {
        ids.max_by(|&a, &b| {
            ranks[a]
                .cmp(&ranks[b])
                .then_with(|| records[b].name.cmp(records[a].name))
                .then_with(|| b.cmp(&a))
        })
    };
    let multi = |i: usize| keys[i].iter().filter(|(_, k)| k.core_len() >= 2);
    let single = |i: usize| keys[i].iter().filter(|(_, k)| k.core_len() == 1);
    let mut pairs = Pairs::default();

    // Rules 1 and 2: records sharing a name of two or more words, or such a name but for initials (when the
    // names with initials agree on them), are one person.
    let mut person: Vec<usize> = (0..records.len()).collect();
    let mut by_full: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    let mut by_core: BTreeMap<String, Vec<(usize, &NameKey)>> = BTreeMap::new();
    for i in 0..records.len() {
        for (_, k) in multi(i) {
            by_full.entry(k.full()).or_default().push(i);
            by_core.entry(k.core_key()).or_default().push((i, k));
        }
    }
    for ids in by_full.values() {
        for &other in &ids[1..] {
            union(&mut person, ids[0], other);
        }
    }
    for names in by_core.values() {
        let variants: BTreeSet<String> = names
            .iter()
            .filter(|(_, k)| k.has_initials())
            .map(|(_, k)| k.full())
            .collect();
        if variants.len() <= 1 {
            for (other, _) in &names[1..] {
                union(&mut person, names[0].0, *other);
            }
        }
    }
    let mut clusters: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for i in 0..records.len() {
        if multi(i).next().is_some() {
            clusters.entry(find(&mut person, i)).or_default().push(i);
        }
    }
    for members in clusters.values().filter(|m| m.len() > 1) {
        let Some(keep) = best(&mut members.iter().copied()) else {
            continue;
        };
        for &m in members {
            if let Some((rule, reason)) = relation(&keys[keep], &keys[m]) {
                pairs.add(keep, m, rule, reason);
            }
        }
    }

    // Rule 3: a surname alone, and one person among the fuller names with that surname.
    let mut by_surname: HashMap<&str, Vec<(usize, &NameKey)>> = HashMap::new();
    for i in 0..records.len() {
        for (_, k) in multi(i) {
            by_surname.entry(k.surname()).or_default().push((i, k));
        }
    }
    let mut decided: HashMap<(&str, Vec<char>), Option<usize>> = HashMap::new();
    // Surnames alone that no fuller name claims, by key: the same surname in other spellings.
    let mut unclaimed: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for i in 0..records.len() {
        for (_, k) in single(i) {
            let surname = k.surname();
            let fuller = by_surname.get(surname).map_or(&[][..], Vec::as_slice);
            if fuller.iter().any(|(r, _)| *r == i) {
                continue; // this record has the full name already
            }
            let letters = k.given_letters();
            let keep = *decided
                .entry((surname, letters.clone()))
                .or_insert_with(|| {
                    let fits: Vec<usize> = fuller
                        .iter()
                        .filter(|(_, f)| f.given_letters().starts_with(&letters))
                        .map(|(r, _)| *r)
                        .collect();
                    let people: HashSet<usize> =
                        fits.iter().map(|&r| find(&mut person, r)).collect();
                    if people.len() == 1 {
                        best(&mut fits.into_iter())
                    } else {
                        None
                    }
                });
            match keep {
                Some(keep) => {
                    let reason = if letters.is_empty() {
                        "same surname"
                    } else {
                        "same initial and surname"
                    };
                    pairs.add(keep, i, MergeRule::Surname, reason);
                }
                None if fuller.is_empty() => unclaimed.entry(k.full()).or_default().push(i),
                None => {}
            }
        }
    }
    for ids in unclaimed.values_mut() {
        ids.dedup();
        if let Some(keep) = best(&mut ids.iter().copied()) {
            for &m in ids.iter() {
                if let Some((rule, reason)) = relation(&keys[keep], &keys[m]) {
                    pairs.add(keep, m, rule, reason);
                }
            }
        }
    }
    pairs.out
}

/// How a record's names relate to the kept record's: the same words (rule 1) or the same words but for
/// initials (rule 2).
fn relation(
    keep: &[(&str, NameKey)],
    other: &[(&str, NameKey)],
) -> Option<(MergeRule, &'static str)> {
    let mut initial = None;
    for (kn, k) in keep {
        for (on, o) in other {
            if k.words == o.words {
                let reason = if kn.trim() == on.trim() {
                    "same name"
                } else {
                    "same name, other spelling"
                };
                return Some((MergeRule::SameName, reason));
            }
            let with = if k.has_initials() { k } else { o };
            if initial.is_none()
                && k.core_len() >= 2
                && k.has_initials() != o.has_initials()
                && k.core_key() == o.core_key()
            {
                initial = Some(if with.middle_initial() {
                    "same name without the middle initial"
                } else {
                    "same name without the initial"
                });
            }
        }
    }
    initial.map(|reason| (MergeRule::Initial, reason))
}

/// Pairs found so far, each unordered pair once.
#[derive(Default)]
struct Pairs {
    seen: HashSet<(usize, usize)>,
    out: Vec<MergePair>,
}

impl Pairs {
    fn add(&mut self, keep: usize, merge: usize, rule: MergeRule, reason: &'static str) {
        if keep != merge && self.seen.insert((keep.min(merge), keep.max(merge))) {
            self.out.push(MergePair {
                keep,
                merge,
                rule,
                reason,
            });
        }
    }
}

fn find(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

fn union(parent: &mut [usize], a: usize, b: usize) {
    let (a, b) = (find(parent, a), find(parent, b));
    if a != b {
        parent[b.max(a)] = a.min(b);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(name: &str) -> String {
        NameKey::parse(name).map(|k| k.full()).unwrap_or_default()
    }

    fn rec(name: &str, claims: u32) -> MergeRecord<'_> {
        MergeRecord {
            name,
            aliases: vec![],
            claims,
        }
    }

    /// The pairs as (merged name, kept name, rule).
    fn named<'a>(records: &[MergeRecord<'a>]) -> Vec<(&'a str, &'a str, MergeRule)> {
        merge_pairs(records)
            .into_iter()
            .map(|p| (records[p.merge].name, records[p.keep].name, p.rule))
            .collect()
    }

    #[test]
    fn names_fold_case_diacritics_titles_and_initials() {
        assert_eq!(key("President Ana Ruiz"), "ana ruiz");
        assert_eq!(key("ANA RUÍZ"), "ana ruiz");
        assert_eq!(key("the Prime Minister Łucja Nowak"), "lucja nowak");
        assert_eq!(key("Sen. Tom O’Neill"), "tom oneill");
        assert_eq!(key("Mr Tom O'Neill"), "tom oneill");
        assert_eq!(key("Dr. Ana M. Ruiz"), "ana m ruiz");
        assert_eq!(key("A.M. Ruiz-Soto"), "a m ruiz-soto");
        assert_eq!(key("Gov. Ruiz"), "ruiz");
        assert_eq!(NameKey::parse("the president"), None);
        assert_eq!(NameKey::parse("J. K."), None);
        assert_eq!(NameKey::parse(""), None);
        let k = NameKey::parse("Tom Example Jr.").map(|k| k.surname().to_string());
        assert_eq!(k.as_deref(), Some("example"));
    }

    #[test]
    fn same_words_in_other_spellings_are_one_person() {
        let records = [
            rec("President Ana Ruiz", 5),
            rec("Ana Ruíz", 1),
            rec("Tom Cole", 3),
        ];
        // Without the title is fuller, whatever the claims.
        assert_eq!(
            named(&records),
            [("President Ana Ruiz", "Ana Ruíz", MergeRule::SameName)]
        );
    }

    #[test]
    fn a_name_without_the_middle_initial_joins_the_one_with_it() {
        let records = [rec("Ana Ruiz", 9), rec("Ana M. Ruiz", 1)];
        let pairs = merge_pairs(&records);
        assert_eq!(pairs.len(), 1);
        assert_eq!((pairs[0].keep, pairs[0].merge), (1, 0));
        assert_eq!(pairs[0].reason, "same name without the middle initial");
        // Two different initials: which one is unclear.
        let records = [
            rec("Ana Ruiz", 9),
            rec("Ana M. Ruiz", 1),
            rec("Ana P. Ruiz", 1),
        ];
        assert_eq!(named(&records), []);
    }

    #[test]
    fn a_lone_surname_joins_the_one_fuller_name() {
        let records = [rec("Varga", 1), rec("Elena Varga", 1), rec("Ruiz", 4)];
        assert_eq!(
            named(&records),
            [("Varga", "Elena Varga", MergeRule::Surname)]
        );
        // Names that are one person by the other rules count once; the fullest is kept.
        let records = [
            rec("Varga", 1),
            rec("Elena Varga", 8),
            rec("Elena K. Varga", 1),
            rec("Mayor Elena Varga", 1),
        ];
        assert_eq!(
            named(&records),
            [
                ("Elena Varga", "Elena K. Varga", MergeRule::Initial),
                ("Mayor Elena Varga", "Elena K. Varga", MergeRule::Initial),
                ("Varga", "Elena K. Varga", MergeRule::Surname),
            ]
        );
    }

    #[test]
    fn a_surname_two_people_share_gives_nothing() {
        let records = [
            rec("Clinton", 3),
            rec("Ann Clinton", 2),
            rec("Bob Clinton", 2),
        ];
        assert_eq!(named(&records), []);
        // A surname is never matched to a suffix, and a father and son are two people.
        let records = [rec("Cole", 3), rec("Tom Cole", 2), rec("Tom Cole Jr.", 2)];
        assert_eq!(named(&records), []);
    }

    #[test]
    fn an_initial_picks_the_given_name_it_stands_for() {
        let records = [
            rec("A. Clinton", 1),
            rec("Ann Clinton", 2),
            rec("Bob Clinton", 2),
        ];
        let pairs = merge_pairs(&records);
        assert_eq!(
            named(&records),
            [("A. Clinton", "Ann Clinton", MergeRule::Surname)]
        );
        assert_eq!(pairs[0].reason, "same initial and surname");
        let records = [rec("C. Varga", 1), rec("Elena Varga", 2)];
        assert_eq!(named(&records), []);
    }

    #[test]
    fn a_surname_no_fuller_name_has_joins_its_other_spellings() {
        let records = [rec("Varga", 1), rec("VARGA", 3), rec("Ms. Várga", 1)];
        assert_eq!(
            named(&records),
            [
                ("Varga", "VARGA", MergeRule::SameName),
                ("Ms. Várga", "VARGA", MergeRule::SameName),
            ]
        );
    }

    #[test]
    fn aliases_count_as_the_records_names() {
        // The record "Varga" already holds the full name: "E. Varga" joins it.
        let records = [
            MergeRecord {
                name: "Varga",
                aliases: vec!["Elena Varga"],
                claims: 3,
            },
            rec("E. Varga", 1),
        ];
        assert_eq!(named(&records), [("E. Varga", "Varga", MergeRule::Surname)]);
        // A record holding both names is never paired with itself.
        let records = [MergeRecord {
            name: "Elena Varga",
            aliases: vec!["Varga", "Mayor Elena Varga"],
            claims: 3,
        }];
        assert_eq!(named(&records), []);
    }

    #[test]
    fn thousands_of_names_are_grouped_not_compared_pairwise() {
        let names: Vec<String> = (0..20_000)
            .map(|i| format!("Given{} Family{}", i % 97, i))
            .chain((0..20_000).map(|i| format!("Family{i}")))
            .collect();
        let records: Vec<MergeRecord<'_>> = names.iter().map(|n| rec(n, 1)).collect();
        let started = std::time::Instant::now();
        let pairs = merge_pairs(&records);
        assert_eq!(pairs.len(), 20_000);
        assert!(started.elapsed().as_secs() < 10, "{:?}", started.elapsed());
    }
}
