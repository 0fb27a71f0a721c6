//! Closed word classes used by the rules: speech and event verbs, titles, abbreviations, cue words and a small
//! generic gazetteer (the lists are in [`super::wordlists`]). Every list is loaded once into one table
//! from word to a bit set of classes, so a token is classified with one lookup.
//!
//! Lookups are exact: verbs and function words are stored in lower case (callers pass the lower-cased word),
//! names, titles and cue words in their capitalised form.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

use super::wordlists as wl;

/// Word-class bits.
pub(crate) mod class {
    pub const SPEECH_STRONG: u64 = 1 << 0;
    pub const SPEECH_WEAK: u64 = 1 << 1;
    pub const EVENT: u64 = 1 << 2;
    pub const TITLE: u64 = 1 << 3;
    pub const OPENER: u64 = 1 << 4;
    pub const BREAKS: u64 = 1 << 5;
    pub const FILLER: u64 = 1 << 6;
    pub const DETERMINER: u64 = 1 << 7;
    pub const PERSON_NOUN: u64 = 1 << 8;
    pub const PLACE: u64 = 1 << 9;
    pub const DEMONYM: u64 = 1 << 10;
    pub const ORG_CUE: u64 = 1 << 11;
    pub const PLACE_CUE: u64 = 1 << 12;
    pub const CALENDAR: u64 = 1 << 13;
    pub const MONTH: u64 = 1 << 14;
    pub const WEEKDAY: u64 = 1 << 15;
    pub const NUM_STRONG: u64 = 1 << 16;
    pub const NUM_COUNT: u64 = 1 << 17;
    pub const COMPARATIVE: u64 = 1 << 18;
    pub const NOT_SUPERLATIVE: u64 = 1 << 19;
    pub const SUBJECTIVE: u64 = 1 << 20;
    pub const HEDGE: u64 = 1 << 21;
    pub const PRONOUN: u64 = 1 << 22;
    pub const PREP: u64 = 1 << 23;
    pub const TEMPORAL: u64 = 1 << 24;
    pub const DOCUMENT: u64 = 1 << 25;
    pub const NOUN_VERB: u64 = 1 << 26;
    /// Words that begin a relative clause.
    pub const RELATIVE: u64 = 1 << 27;
    pub const ORG_NOUN: u64 = 1 << 28;
    pub const TITLE_MODIFIER: u64 = 1 << 29;
    pub const PARTICIPLE: u64 = 1 << 30;
}

/// A small, fast, non-cryptographic hasher (the FxHash mix) for the word table and per-article maps.
#[derive(Default, Clone, Copy)]
pub(crate) struct FxHasher(u64);

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in chunks.by_ref() {
            let mut v = [0u8; 8];
            v.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(v));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut v = [0u8; 8];
            v[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(v));
        }
    }

    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

impl FxHasher {
    fn add(&mut self, v: u64) {
        self.0 = (self.0.rotate_left(5) ^ v).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

/// `BuildHasher` for [`FxHasher`].
pub(crate) type FxBuild = BuildHasherDefault<FxHasher>;

/// Longest entry of the table, in bytes; longer words are in no class.
const MAX_WORD: usize = 24;

/// An open-addressing table from words (up to [`MAX_WORD`] bytes, packed into three integers) to class bits.
/// Lookups compare integers, never call `memcmp`, and touch one small index array plus one entry.
struct WordTable {
    /// Power-of-two sized; 0 is empty, otherwise an index into `entries` plus one.
    slots: Vec<u32>,
    entries: Vec<([u64; 3], u64)>,
}

/// Packs a word (with its length in the top byte) into three integers; `None` when it is too long.
fn pack(w: &[u8]) -> Option<[u64; 3]> {
    if w.len() > MAX_WORD {
        return None;
    }
    let mut buf = [0u8; MAX_WORD];
    buf[..w.len()].copy_from_slice(w);
    let word = |i: usize| {
        let mut b = [0u8; 8];
        b.copy_from_slice(&buf[i * 8..i * 8 + 8]);
        u64::from_le_bytes(b)
    };
    Some([word(0), word(1), word(2) ^ ((w.len() as u64) << 56)])
}

fn mix(k: &[u64; 3]) -> u64 {
    let mut h = FxHasher::default();
    for v in k {
        h.add(*v);
    }
    h.0 ^ (h.0 >> 29)
}

impl WordTable {
    fn build(words: HashMap<String, u64, FxBuild>) -> Self {
        let size = (words.len() * 2).next_power_of_two().max(16);
        let mut table = WordTable {
            slots: vec![0; size],
            entries: Vec::with_capacity(words.len()),
        };
        for (w, bits) in words {
            let Some(key) = pack(w.as_bytes()) else {
                continue;
            };
            let mut i = mix(&key) as usize & (size - 1);
            while table.slots[i] != 0 {
                i = (i + 1) & (size - 1);
            }
            table.entries.push((key, bits));
            table.slots[i] = table.entries.len() as u32;
        }
        table
    }

    fn get(&self, w: &[u8]) -> u64 {
        let Some(key) = pack(w) else { return 0 };
        let mask = self.slots.len() - 1;
        let mut i = mix(&key) as usize & mask;
        loop {
            match self.slots[i] {
                0 => return 0,
                s => {
                    if let Some((k, bits)) = self.entries.get(s as usize - 1) {
                        if *k == key {
                            return *bits;
                        }
                    }
                }
            }
            i = (i + 1) & mask;
        }
    }
}

static TABLE: LazyLock<WordTable> = LazyLock::new(|| {
    let lists: [(&str, u64); 29] = [
        (wl::SPEECH_STRONG, class::SPEECH_STRONG),
        (wl::SPEECH_WEAK, class::SPEECH_WEAK),
        (wl::EVENT, class::EVENT),
        (wl::TITLE, class::TITLE),
        (wl::OPENER, class::OPENER),
        (wl::BREAKS, class::BREAKS),
        (wl::FILLER, class::FILLER),
        (wl::DETERMINER, class::DETERMINER),
        (wl::PERSON_NOUN, class::PERSON_NOUN),
        (wl::PLACE, class::PLACE),
        (wl::DEMONYM, class::DEMONYM),
        (wl::ORG_CUE, class::ORG_CUE),
        (wl::PLACE_CUE, class::PLACE_CUE),
        (wl::CALENDAR, class::CALENDAR),
        (wl::MONTH, class::MONTH),
        (wl::WEEKDAY, class::WEEKDAY),
        (wl::NUM_STRONG, class::NUM_STRONG),
        (wl::NUM_COUNT, class::NUM_COUNT),
        (wl::COMPARATIVE, class::COMPARATIVE),
        (wl::NOT_SUPERLATIVE, class::NOT_SUPERLATIVE),
        (wl::SUBJECTIVE, class::SUBJECTIVE),
        (wl::HEDGE, class::HEDGE),
        (wl::PREP, class::PREP | class::BREAKS),
        (wl::TEMPORAL, class::TEMPORAL),
        (wl::DOCUMENT, class::DOCUMENT),
        (wl::NOUN_VERB, class::NOUN_VERB),
        (wl::ORG_NOUN, class::ORG_NOUN),
        (wl::TITLE_MODIFIER, class::TITLE_MODIFIER),
        (wl::PARTICIPLE, class::PARTICIPLE),
    ];
    let mut table: HashMap<String, u64, FxBuild> = HashMap::default();
    for (list, bit) in lists {
        for w in list.split_whitespace() {
            *table.entry(w.replace('_', " ")).or_insert(0) |= bit;
        }
    }
    for w in ["he", "she", "they", "it", "i", "we", "you"] {
        *table.entry(w.to_string()).or_insert(0) |= class::PRONOUN;
    }
    for w in ["who", "whom", "whose", "which", "that"] {
        *table.entry(w.to_string()).or_insert(0) |= class::RELATIVE | class::BREAKS;
    }
    WordTable::build(table)
});

/// The word classes of `w` (exact spelling).
pub(crate) fn lex(w: &str) -> u64 {
    TABLE.get(w.as_bytes())
}

/// The word classes of `w` lower-cased (without allocating for ASCII words).
pub(crate) fn lex_lower(w: &str) -> u64 {
    if w.len() > MAX_WORD {
        return 0;
    }
    if w.is_ascii() {
        let mut buf = [0u8; MAX_WORD];
        let b = &mut buf[..w.len()];
        b.copy_from_slice(w.as_bytes());
        b.make_ascii_lowercase();
        TABLE.get(b)
    } else {
        lex(&w.to_lowercase())
    }
}

fn has(w: &str, bits: u64) -> bool {
    lex(w) & bits != 0
}

/// How strongly a verb marks its subject as the source of what follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SpeechVerb {
    /// Always a report of speech or writing ("said", "told", "insisted").
    Strong,
    /// Only a report when followed by "that", a colon or a quotation ("announced", "found", "continued").
    Weak,
}

/// Classifies a lower-case word as a verb of saying.
pub(crate) fn speech_verb(w: &str) -> Option<SpeechVerb> {
    speech_class(lex(w))
}

/// Classifies word-class bits as a verb of saying.
pub(crate) fn speech_class(bits: u64) -> Option<SpeechVerb> {
    if bits & class::SPEECH_STRONG != 0 {
        Some(SpeechVerb::Strong)
    } else if bits & class::SPEECH_WEAK != 0 {
        Some(SpeechVerb::Weak)
    } else {
        None
    }
}

/// Capitalised words that, directly before a name, are a title or honorific rather than part of the name.
pub(crate) fn is_title(w: &str) -> bool {
    has(w, class::TITLE)
}

/// Title words that name an office on their own ("the president", "the senator").
pub(crate) fn title_of_head(lower: &str) -> Option<&'static str> {
    Some(match lower {
        "president" | "presidents" => "President",
        "senator" | "senators" => "Senator",
        "secretary" => "Secretary",
        "governor" => "Governor",
        "mayor" => "Mayor",
        "minister" => "Minister",
        "chancellor" => "Chancellor",
        "premier" => "Premier",
        "congressman" | "congresswoman" | "lawmaker" | "representative" => "Representative",
        "judge" => "Judge",
        "justice" => "Justice",
        "general" => "General",
        "ambassador" => "Ambassador",
        "director" => "Director",
        "chairman" | "chairwoman" | "chair" => "Chairman",
        "speaker" => "Speaker",
        "king" => "King",
        "queen" => "Queen",
        "pope" => "Pope",
        "leader" => "Leader",
        "sheriff" => "Sheriff",
        "commissioner" => "Commissioner",
        "spokesman" | "spokeswoman" | "spokesperson" => "Spokesman",
        _ => return None,
    })
}

/// Canonical title for a capitalised title word, so that "Sen." and "Senator" compare equal.
pub(crate) fn canonical_title(w: &str) -> &str {
    match w {
        "Sen." | "Sens." => "Senator",
        "Rep." | "Reps." | "Congressman" | "Congresswoman" => "Representative",
        "Gov." => "Governor",
        "Gen." | "Gens." => "General",
        "Presidents" => "President",
        "Chairwoman" | "Chair" => "Chairman",
        "Spokeswoman" | "Spokesperson" => "Spokesman",
        other => other,
    }
}

/// Honorifics that tell a person's gender: `Some(true)` for male, `Some(false)` for female.
pub(crate) fn honorific_gender(w: &str) -> Option<bool> {
    match w {
        "Mr." | "Sir" | "King" | "Prince" | "Lord" | "Congressman" | "Spokesman" | "Chairman" => {
            Some(true)
        }
        "Mrs." | "Ms." | "Miss" | "Queen" | "Princess" | "Dame" | "Lady" | "Congresswoman"
        | "Spokeswoman" | "Chairwoman" => Some(false),
        _ => None,
    }
}

/// Words written with a final period that do not end a sentence before a name or number (without the period).
pub(crate) fn abbreviation(w: &str) -> Option<Abbrev> {
    use Abbrev::*;
    Some(match w {
        "Mr" | "Mrs" | "Ms" | "Mx" | "Dr" | "Sen" | "Sens" | "Rep" | "Reps" | "Gov" | "Gen"
        | "Gens" | "Lt" | "Col" | "Sgt" | "Capt" | "Cmdr" | "Adm" | "Maj" | "Cpl" | "Pvt"
        | "Prof" | "Rev" | "Hon" | "Pres" | "Supt" | "Det" | "Insp" | "Atty" | "Amb" | "Sec"
        | "Messrs" | "Fr" | "Mt" | "Ft" | "Pt" | "St" | "Ste" | "No" | "Nos" | "Vol" | "Fig"
        | "Art" | "vs" | "v" | "Ret" | "ca" | "cf" | "approx" => Title,
        "Jan" | "Feb" | "Mar" | "Apr" | "Jun" | "Jul" | "Aug" | "Sep" | "Sept" | "Oct" | "Nov"
        | "Dec" => Month,
        "Inc" | "Corp" | "Co" | "Ltd" | "Jr" | "Sr" | "Bros" | "Dept" | "Univ" | "Assn" | "Ave"
        | "Blvd" | "Rd" | "etc" | "al" | "Calif" | "Tex" | "Fla" | "Ill" | "Mass" | "Penn"
        | "Conn" | "Ariz" | "Colo" | "Mich" | "Minn" | "Wis" | "Ore" | "Wash" | "Va" | "Md"
        | "Ky" | "Tenn" | "Ala" | "Ga" | "La" | "Miss" | "Mo" | "Neb" | "Nev" | "Okla" | "Kan"
        | "Ark" | "Del" | "Vt" | "Wyo" => Trailing,
        _ => return None,
    })
}

/// Kinds of abbreviation, by how likely they are to end a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Abbrev {
    /// Precedes a name or number; never ends a sentence ("Mr.", "Dr.", "No.").
    Title,
    /// Ends a sentence only when no day number follows ("Jan. 5" vs "in Jan. The ...").
    Month,
    /// May end a sentence ("Inc.", "Jr.", "Calif."): split only before a typical sentence opener.
    Trailing,
}

/// Lower-cased words that typically open a sentence (used to decide splits after "U.S." and to ignore
/// sentence-initial capitals when recognising names).
pub(crate) fn is_sentence_opener(lower: &str) -> bool {
    has(lower, class::OPENER)
}

/// Pronouns that can be the subject of a speech verb. Returns the pronoun class.
pub(crate) fn pronoun(lower: &str) -> Option<Pronoun> {
    Some(match lower {
        "he" => Pronoun::He,
        "she" => Pronoun::She,
        "they" => Pronoun::They,
        "it" => Pronoun::It,
        "i" | "we" | "you" => Pronoun::Deictic,
        _ => return None,
    })
}

/// Pronoun classes for back-reference resolution.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Pronoun {
    He,
    She,
    They,
    It,
    /// First and second person: cannot be resolved from the text around them.
    Deictic,
}

/// Lower-case head nouns that denote a person or group of people (used for pronoun resolution).
pub(crate) fn is_person_noun(lower: &str) -> bool {
    let singular = lower.strip_suffix('s').unwrap_or(lower);
    title_of_head(lower).is_some()
        || has(lower, class::PERSON_NOUN)
        || has(singular, class::PERSON_NOUN)
}
