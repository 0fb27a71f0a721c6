//! Resolves a claimant as written ("the official", "he", "Mr. Doe", "the statement") to the fullest mention of
//! the same source in the article ("A senior State Department official", "Jane Doe", "the joint statement").
//!
//! Rules, in order: pronouns go to the most recent compatible subject (person, group or thing); a phrase
//! holding a named entity goes to that entity's canonical name (titles stripped); "the <title>" goes to the
//! most recent person who bore that title; a bare "the <noun>" goes to the nearest fuller claimant phrase with
//! the same head noun (before it, else after it); anything else stays as written.

use crate::model::EntityKind;

use super::canonical::Entities;
use super::lexicon::{is_person_noun, pronoun, title_of_head, Pronoun};

/// How many earlier phrases or mentions a back-reference looks at (keeps huge inputs linear).
const LOOKBACK: usize = 64;

/// A resolved claimant.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Source {
    /// As written near the claim.
    pub claimant: String,
    /// The fullest mention it refers to.
    pub speaker: String,
    pub person: bool,
    pub plural: bool,
    /// Known from an honorific: `Some(true)` for male.
    pub male: Option<bool>,
}

/// A claimant phrase seen anywhere in the article (candidates for bare "the <noun>" back-references).
struct Phrase {
    start: usize,
    end: usize,
    head: String,
    words: usize,
}

/// Walks the article in order, keeping the recent subjects that pronouns can refer to.
pub(crate) struct Resolver<'a> {
    text: &'a str,
    ents: &'a Entities,
    phrases: Vec<Phrase>,
    /// Recent singular persons (most recent last): name and gender.
    persons: Vec<(String, Option<bool>)>,
    group: Option<String>,
    thing: Option<String>,
}

fn head_of(np: &str) -> (&str, usize) {
    let mut words = 0;
    let mut last = "";
    for w in np.split_whitespace() {
        words += 1;
        last = w;
    }
    (last.trim_matches(|c: char| !c.is_alphanumeric()), words)
}

fn is_definite(first: &str) -> bool {
    matches!(first, "the" | "The" | "this" | "This" | "that" | "That" | "these" | "These" | "those" | "Those")
}

impl<'a> Resolver<'a> {
    /// `claimants` are the byte ranges of every claimant phrase found in the article, in order.
    pub fn new(text: &'a str, ents: &'a Entities, claimants: &[(usize, usize)]) -> Self {
        let phrases = claimants
            .iter()
            .filter_map(|&(start, end)| {
                let np = text.get(start..end)?;
                let (head, words) = head_of(np);
                Some(Phrase { start, end, head: head.to_lowercase(), words })
            })
            .collect();
        Self { text, ents, phrases, persons: Vec::new(), group: None, thing: None }
    }

    /// Resolves the claimant phrase at `start..end`.
    pub fn resolve(&self, start: usize, end: usize) -> Source {
        let np = self.text.get(start..end).unwrap_or("").trim();
        let claimant = np.to_string();
        let (head, words) = head_of(np);
        let head_lower = head.to_lowercase();
        let first = np.split_whitespace().next().unwrap_or("");
        let keep = |person: bool, plural: bool| Source {
            claimant: claimant.clone(),
            speaker: claimant.clone(),
            person,
            plural,
            male: None,
        };

        if words == 1 {
            if let Some(p) = pronoun(&head_lower) {
                return self.resolve_pronoun(p, claimant);
            }
        }

        // "the president", "the former Mexican president": the latest person with that title.
        if is_definite(first) {
            if let Some(title) = title_of_head(&head_lower).filter(|_| !head_lower.ends_with('s')) {
                if let Some((name, male)) = self.titled_person_before(start, title) {
                    return Source { claimant, speaker: name, person: true, plural: false, male };
                }
            }
        }

        // A named source: the canonical names of the entities it mentions.
        let head_cap = head.chars().next().is_some_and(char::is_uppercase);
        if head_cap {
            let mentions = self.ents.within(start, end);
            let mut persons: Vec<(&str, Option<bool>)> = Vec::new();
            let mut other: Option<&str> = None;
            for m in mentions {
                let Some(e) = self.ents.entities.get(m.entity) else { continue };
                if e.kind == EntityKind::Person {
                    if !persons.iter().any(|(n, _)| *n == e.name) {
                        persons.push((&e.name, e.male));
                    }
                } else {
                    other = Some(&e.name);
                }
            }
            if !persons.is_empty() {
                let plural = persons.len() > 1;
                let male = if plural { None } else { persons[0].1 };
                let speaker = persons.iter().map(|(n, _)| *n).collect::<Vec<_>>().join(" and ");
                return Source { claimant, speaker, person: true, plural, male };
            }
            if let Some(name) = other {
                return Source { claimant, speaker: name.to_string(), person: false, plural: false, male: None };
            }
            return keep(false, false);
        }

        let person = is_person_noun(&head_lower);
        let plural = head_lower.ends_with('s') && person;
        // A bare "the official(s)" / "the statement": the nearest fuller phrase with the same head noun.
        if is_definite(first) && words <= 2 {
            let fuller = |p: &&Phrase| p.head == head_lower && p.words > words;
            let split = self.phrases.partition_point(|p| p.end <= start);
            let before = self.phrases[..split].iter().rev().take(LOOKBACK).find(fuller);
            let after = || self.phrases[split..].iter().filter(|p| p.start >= end).take(LOOKBACK).find(fuller);
            if let Some(p) = before.or_else(after) {
                let speaker = self.text.get(p.start..p.end).unwrap_or(np).to_string();
                return Source { claimant, speaker, person, plural, male: None };
            }
        }
        keep(person, plural)
    }

    fn resolve_pronoun(&self, p: Pronoun, claimant: String) -> Source {
        let unresolved = |person: bool, plural: bool| Source {
            speaker: claimant.clone(),
            claimant: claimant.clone(),
            person,
            plural,
            male: None,
        };
        match p {
            Pronoun::He | Pronoun::She => {
                let want_male = p == Pronoun::He;
                let found = self.persons.iter().rev().find(|(_, male)| male.is_none_or(|m| m == want_male));
                match found {
                    Some((name, male)) => {
                        Source { claimant: claimant.clone(), speaker: name.clone(), person: true, plural: false, male: *male }
                    }
                    None => unresolved(true, false),
                }
            }
            Pronoun::They => match &self.group {
                Some(g) => Source { claimant: claimant.clone(), speaker: g.clone(), person: true, plural: true, male: None },
                None => unresolved(true, true),
            },
            Pronoun::It => match &self.thing {
                Some(t) => Source { claimant: claimant.clone(), speaker: t.clone(), person: false, plural: false, male: None },
                None => unresolved(false, false),
            },
            Pronoun::Deictic => unresolved(true, false),
        }
    }

    /// The most recent person mentioned before `pos` who bore `title`.
    fn titled_person_before(&self, pos: usize, title: &str) -> Option<(String, Option<bool>)> {
        let upto = self.ents.mentions.partition_point(|m| m.start < pos);
        self.ents.mentions[..upto].iter().rev().take(LOOKBACK * 4).find_map(|m| {
            let e = self.ents.entities.get(m.entity)?;
            (e.kind == EntityKind::Person && e.titles.iter().any(|t| t == title)).then(|| (e.name.clone(), e.male))
        })
    }

    /// Records what a sentence makes salient: its grammatical subject (a named person or organisation at its
    /// start) and then its source.
    pub fn observe(&mut self, sent: usize, sent_start: usize, sent_end: usize, source: Option<&Source>) {
        let subject = self
            .ents
            .within(sent_start, sent_end)
            .iter()
            .find(|m| m.sent == sent && m.initial && !m.quoted)
            .and_then(|m| self.ents.entities.get(m.entity));
        if let Some(e) = subject {
            match e.kind {
                EntityKind::Person => self.push_person(e.name.clone(), e.male),
                EntityKind::Organization => self.thing = Some(e.name.clone()),
                _ => {}
            }
        }
        if let Some(s) = source {
            if s.speaker == s.claimant && pronoun(&s.claimant.to_lowercase()).is_some() {
                return;
            }
            match (s.person, s.plural) {
                (true, false) => self.push_person(s.speaker.clone(), s.male),
                (true, true) => self.group = Some(s.speaker.clone()),
                (false, _) => self.thing = Some(s.speaker.clone()),
            }
        }
    }

    fn push_person(&mut self, name: String, male: Option<bool>) {
        if let Some(pos) = self.persons.iter().position(|(n, _)| *n == name) {
            self.persons.remove(pos);
        }
        self.persons.push((name, male));
        if self.persons.len() > 8 {
            self.persons.remove(0);
        }
    }
}
