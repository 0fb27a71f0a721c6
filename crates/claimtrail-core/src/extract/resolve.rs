//! Resolves a claimant as written ("the official", "he", "Mr. Doe", "the statement") to the fullest mention of
//! the same source in the article ("A senior State Department official", "Jane Doe", "the joint statement").
//!
//! Rules, in order: pronouns go to the most recent compatible subject (person, group or thing); "the `<title>`"
//! goes to the most recent person who bore that title; a phrase headed by a name goes to that entity's
//! canonical name (titles stripped); a bare "the `<noun>`" goes to the nearest fuller claimant phrase with the
//! same head noun (before it, else after it); anything else stays as written.

use crate::model::EntityKind;

use super::canonical::{Entities, Mention};
use super::gazetteer::org_fits_noun;
use super::lexicon::{class, is_person_noun, lex_lower, pronoun, title_of_head, Pronoun};

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
    /// Known from an honorific or a pronoun: `Some(true)` for male.
    pub male: Option<bool>,
    /// An organisation or a document: what "it" can refer to.
    pub thing: bool,
    /// A named organisation: what "the company", "the agency" can refer to.
    pub org: bool,
}

impl Source {
    fn new(claimant: &str, speaker: &str) -> Self {
        Source {
            claimant: claimant.to_string(),
            speaker: speaker.to_string(),
            person: false,
            plural: false,
            male: None,
            thing: false,
            org: false,
        }
    }
}

/// A claimant phrase seen anywhere in the article (candidates for bare "the `<noun>`" back-references).
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
    org: Option<String>,
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
    matches!(
        first,
        "the" | "The" | "this" | "This" | "these" | "These" | "those" | "Those"
    )
}

impl<'a> Resolver<'a> {
    /// `claimants` are the byte ranges of every claimant phrase found in the article, in order.
    pub fn new(text: &'a str, ents: &'a Entities, claimants: &[(usize, usize)]) -> Self {
        let phrases = claimants
            .iter()
            .filter_map(|&(start, end)| {
                let (head, words) = head_of(text.get(start..end)?);
                Some(Phrase {
                    start,
                    end,
                    head: head.to_lowercase(),
                    words,
                })
            })
            .collect();
        Self {
            text,
            ents,
            phrases,
            persons: Vec::new(),
            group: None,
            thing: None,
            org: None,
        }
    }

    /// Resolves the claimant phrase at `start..end`.
    pub fn resolve(&self, start: usize, end: usize) -> Source {
        let np = self.text.get(start..end).unwrap_or("").trim();
        let (head, words) = head_of(np);
        let head_lower = head.to_lowercase();
        let first = np.split_whitespace().next().unwrap_or("");

        if words == 1 {
            if let Some(p) = pronoun(&head_lower) {
                return self.resolve_pronoun(p, np);
            }
        }

        // "a statement from Sen. Jane Doe’s office", "Doe’s letter": the named author of a document.
        if np.split(' ').any(|w| {
            lex_lower(w.trim_matches(|c: char| !c.is_alphanumeric())) & class::DOCUMENT != 0
        }) {
            if let Some(src) = self.document_author(np, start, end) {
                return src;
            }
        }

        // "the president", "the former Mexican president": the latest person with that title.
        if is_definite(first) && !head_lower.ends_with('s') {
            if let Some(title) = title_of_head(&head_lower) {
                // "the vice president", "the lieutenant governor" name a different office.
                let modifier = np.split_whitespace().rev().nth(1).map(str::to_lowercase);
                let title = match modifier.as_deref() {
                    Some(m @ ("vice" | "deputy" | "assistant" | "lieutenant" | "prime")) => {
                        let mut t = m[..1].to_uppercase();
                        t.push_str(&m[1..]);
                        format!("{t} {title}")
                    }
                    _ => title.to_string(),
                };
                if let Some((name, male)) = self.titled_person_before(start, &title) {
                    return Source {
                        person: true,
                        male,
                        ..Source::new(np, &name)
                    };
                }
            }
        }

        if head.chars().next().is_some_and(char::is_uppercase) {
            return self
                .named(np, start, end)
                .unwrap_or_else(|| Source::new(np, np));
        }

        let person = is_person_noun(&head_lower);
        let plural = person && head_lower.ends_with('s');
        let thing = lex_lower(head) & class::DOCUMENT != 0;
        let described = |speaker: &str| Source {
            person,
            plural,
            thing,
            ..Source::new(np, speaker)
        };
        // A bare "the official(s)" / "the statement": the nearest fuller phrase with the same head noun.
        if is_definite(first) && words <= 2 {
            let fuller = |p: &&Phrase| p.head == head_lower && p.words > words;
            let split = self.phrases.partition_point(|p| p.end <= start);
            let before = self.phrases[..split]
                .iter()
                .rev()
                .take(LOOKBACK)
                .find(fuller);
            let after = || {
                self.phrases[split..]
                    .iter()
                    .filter(|p| p.start >= end)
                    .take(LOOKBACK)
                    .find(fuller)
            };
            if let Some(p) = before.or_else(after) {
                return described(self.text.get(p.start..p.end).unwrap_or(np));
            }
            // "the company", "the agency": the organisation named last.
            let fits = |org: &&str| {
                lex_lower(head) & class::ORG_NOUN != 0 && org_fits_noun(org, &head_lower)
            };
            if let Some(org) = self.org.as_deref().filter(fits) {
                return Source {
                    thing: true,
                    org: true,
                    ..Source::new(np, org)
                };
            }
        }
        described(np)
    }

    /// A phrase headed by a name: the person(s) it names ("Obama campaign manager Jim Messina" → the head;
    /// "Trump and Putin" → both), or the organisation or place it consists of ("the White House").
    fn named(&self, np: &str, start: usize, end: usize) -> Option<Source> {
        let mentions = self.ents.within(start, end);
        let entity = |m: &Mention| self.ents.entities.get(m.entity);
        let coordinated = np.contains(" and ") || np.contains(" & ");
        let mut persons: Vec<(&str, Option<bool>)> = Vec::new();
        for m in mentions {
            let Some(e) = entity(m).filter(|e| e.kind == EntityKind::Person) else {
                continue;
            };
            if !coordinated {
                persons.clear();
            }
            if !persons.iter().any(|(n, _)| *n == e.name) {
                persons.push((&e.name, e.male));
            }
        }
        if !persons.is_empty() {
            let plural = persons.len() > 1;
            let male = if plural { None } else { persons[0].1 };
            let speaker = persons
                .iter()
                .map(|(n, _)| *n)
                .collect::<Vec<_>>()
                .join(" and ");
            return Some(Source {
                person: true,
                plural,
                male,
                ..Source::new(np, &speaker)
            });
        }
        // An organisation or place that ends the phrase, preceded only by lower-case words.
        let last = mentions.last().filter(|m| {
            let tail = self.text.get(m.end..end).unwrap_or("x");
            let lead = self.text.get(start..m.start).unwrap_or("X");
            tail.trim_start_matches(['’', '\'', 's']).is_empty()
                && !lead.split_whitespace().any(|w| {
                    w.chars().next().is_some_and(char::is_uppercase)
                        && !matches!(w, "The" | "A" | "An")
                })
        })?;
        let e = entity(last)?;
        let org = e.kind == EntityKind::Organization;
        Some(Source {
            thing: org,
            org,
            ..Source::new(np, &e.name)
        })
    }

    /// The person or organisation that wrote the document a claimant phrase names: a possessive or a name
    /// right before the document noun ("Doe’s letter", "the Justice Department memo"), or a name after "from"
    /// or "by" right after it ("a statement from Sen. Doe’s office", "the report issued by the Audit Office").
    /// A person is preferred over an organisation in the same place ("from Senate Leader Jane Doe’s office").
    fn document_author(&self, np: &str, start: usize, end: usize) -> Option<Source> {
        // The first document noun of the phrase, as absolute byte offsets.
        let mut pos = start;
        let mut doc = None;
        for w in self.text.get(start..end)?.split(' ') {
            let core = w.trim_matches(|c: char| !c.is_alphanumeric());
            if !core.is_empty() && lex_lower(core) & class::DOCUMENT != 0 {
                doc = Some((pos, pos + w.len()));
                break;
            }
            pos += w.len() + 1;
        }
        let (ds, de) = doc?;
        let author = |m: &Mention| -> Option<Source> {
            let e = self.ents.entities.get(m.entity)?;
            match e.kind {
                EntityKind::Person => Some(Source {
                    person: true,
                    male: e.male,
                    ..Source::new(np, &e.name)
                }),
                EntityKind::Organization => Some(Source {
                    thing: true,
                    org: true,
                    ..Source::new(np, &e.name)
                }),
                _ => None,
            }
        };
        // Before the noun: "Doe’s letter", "the Justice Department memo".
        let before = self.ents.within(start, ds).iter().rev().find(|m| {
            let gap = self.text.get(m.end..ds).unwrap_or("x");
            let possessive = ["’s ", "'s ", "’ ", "' "]
                .iter()
                .any(|p| gap.starts_with(p));
            possessive || gap.trim().is_empty()
        });
        if let Some(src) = before.and_then(author) {
            return Some(src);
        }
        // After it: "from X", "by X", "issued by X".
        let rest = self.text.get(de..)?;
        let mut skip = 0;
        let mut words = rest.split(' ').filter(|w| !w.is_empty());
        let mut first = words.next()?;
        if matches!(
            first,
            "issued" | "released" | "sent" | "written" | "signed" | "published"
        ) {
            skip += rest.find(first)? + first.len();
            first = words.next()?;
        }
        if !matches!(first, "from" | "by") {
            return None;
        }
        let from = de + skip + rest.get(skip..)?.find(first)? + first.len();
        let window = self.ents.within(from, (from + 120).min(self.text.len()));
        let reachable = |m: &&Mention| {
            let gap = self.text.get(from..m.start).unwrap_or(",");
            gap.split_whitespace().count() <= 6 && !gap.contains([',', '.', ';', ':', '“', '"'])
        };
        let person = window.iter().filter(reachable).find(|m| {
            self.ents
                .entities
                .get(m.entity)
                .is_some_and(|e| e.kind == EntityKind::Person)
        });
        person
            .or_else(|| window.iter().find(reachable))
            .and_then(author)
    }

    fn resolve_pronoun(&self, p: Pronoun, np: &str) -> Source {
        let unresolved = Source::new(np, np);
        match p {
            Pronoun::He | Pronoun::She => {
                let want_male = p == Pronoun::He;
                match self
                    .persons
                    .iter()
                    .rev()
                    .find(|(_, male)| male.is_none_or(|m| m == want_male))
                {
                    Some((name, male)) => Source {
                        person: true,
                        male: *male,
                        ..Source::new(np, name)
                    },
                    None => Source {
                        person: true,
                        ..unresolved
                    },
                }
            }
            Pronoun::They => match &self.group {
                Some(g) => Source {
                    person: true,
                    plural: true,
                    ..Source::new(np, g)
                },
                None => Source {
                    person: true,
                    plural: true,
                    ..unresolved
                },
            },
            Pronoun::It => match &self.thing {
                Some(t) => Source {
                    thing: true,
                    ..Source::new(np, t)
                },
                None => unresolved,
            },
            Pronoun::Deictic => Source {
                person: true,
                ..unresolved
            },
        }
    }

    /// The most recent person mentioned before `pos` who bore `title`.
    fn titled_person_before(&self, pos: usize, title: &str) -> Option<(String, Option<bool>)> {
        let upto = self.ents.mentions.partition_point(|m| m.start < pos);
        self.ents.mentions[..upto]
            .iter()
            .rev()
            .take(LOOKBACK * 4)
            .find_map(|m| {
                let e = self.ents.entities.get(m.entity)?;
                (e.kind == EntityKind::Person && e.titles.iter().any(|t| t == title))
                    .then(|| (e.name.clone(), e.male))
            })
    }

    /// Records the grammatical subject of a sentence (a named person or organisation at its start, before
    /// `before`): "Gorsuch, who ..., testified; he said ..." makes "he" Gorsuch.
    pub fn observe_subject(&mut self, sent: usize, sent_start: usize, before: usize) {
        let subject = self
            .ents
            .within(sent_start, before)
            .iter()
            .filter(|m| m.sent == sent && m.initial && !m.quoted)
            .filter_map(|m| self.ents.entities.get(m.entity))
            .find(|e| matches!(e.kind, EntityKind::Person | EntityKind::Organization));
        if let Some(e) = subject {
            match e.kind {
                EntityKind::Person => self.push_person(e.name.clone(), e.male),
                EntityKind::Organization => {
                    self.thing = Some(e.name.clone());
                    self.org = Some(e.name.clone());
                }
                _ => {}
            }
        }
    }

    /// Records the source of a sentence as the most recent subject.
    pub fn observe_source(&mut self, source: Option<&Source>) {
        let Some(s) = source else { return };
        let p = pronoun(&s.claimant.to_lowercase());
        if p.is_some() && s.speaker == s.claimant {
            return;
        }
        // A resolved "he"/"she" tells the person's gender for later pronouns.
        let male = match p {
            Some(Pronoun::He) => Some(true),
            Some(Pronoun::She) => Some(false),
            _ => s.male,
        };
        match (s.person, s.plural) {
            (true, false) => self.push_person(s.speaker.clone(), male),
            (true, true) => self.group = Some(s.speaker.clone()),
            (false, _) if s.thing => {
                self.thing = Some(s.speaker.clone());
                if s.org {
                    self.org = Some(s.speaker.clone());
                }
            }
            (false, _) => {}
        }
    }

    fn push_person(&mut self, name: String, male: Option<bool>) {
        let mut male = male;
        if let Some(pos) = self.persons.iter().position(|(n, _)| *n == name) {
            let (_, known) = self.persons.remove(pos);
            male = male.or(known);
        }
        self.persons.push((name, male));
        if self.persons.len() > 8 {
            self.persons.remove(0);
        }
    }
}
