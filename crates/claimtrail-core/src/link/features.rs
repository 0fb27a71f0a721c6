//! Text features for matching: stemmed content terms, names, numbers, years, negation and direction cues.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::LazyLock;

use rust_stemmers::{Algorithm, Stemmer};

/// Common English function words and reporting verbs, left out of the content terms.
const STOPWORDS: &str = "a about above after again against all also am an and any are aren't as at be because been \
    before being below between both but by can could did do does doing down during each few for from further \
    had has have having he her here hers herself him himself his how i if in into is it its itself just me \
    more most my myself nor of off on once only or other our ours ourselves out over own same she should so \
    some such than that the their theirs them themselves then there these they this those through to too \
    under until up very was we were what when where which while who whom why will with would you your yours \
    yourself yourselves said says say saying told tell tells according claimed claims claim stated states \
    added adds noted notes wrote writes tweeted tweets mr mrs ms dr one's it's that's he's she's i'm we're \
    they're us also just like get got getting go going gone went make made makes many much well even still \
    now new year years per cent percent";

/// Words that negate the statement they sit in.
const NEGATIONS: &str = "not no never none nobody nothing neither nor without cannot can't won't isn't aren't \
    wasn't weren't doesn't don't didn't hasn't haven't hadn't shouldn't wouldn't couldn't denies denied deny \
    false untrue myth hoax fake";

/// Pairs of opposite directions: a stem on the left and one on the right point different ways.
const OPPOSITES: &[(&str, &str)] = &[
    ("rise rose risen rising increase increased increases increasing grew grow grows growing up higher more gain gained gains climb climbed soared surged doubled tripled", "fall fell fallen falling decrease decreased decreases decreasing drop dropped drops shrank shrink shrinks declined decline declines down lower less fewer loss lost losses plunged plummeted halved cut cuts"),
    ("win won wins winning", "lose lost loses losing defeated"),
    ("approve approved approves passed pass", "reject rejected rejects vetoed veto blocked block"),
    ("support supported supports backed backs favor favors favour", "oppose opposed opposes against"),
    ("confirm confirmed confirms admitted admits", "deny denied denies"),
    ("open opened opens reopened", "close closed closes shut"),
    ("accept accepted accepts agreed agree agrees", "refuse refused refuses declined declines"),
    ("legal allowed allow allows permitted lifted", "illegal banned ban bans forbidden prohibited"),
    ("true accurate correct", "false inaccurate incorrect wrong"),
    ("alive survived", "dead died killed"),
];

/// Words that mark a later statement as an update of an earlier one.
const UPDATE_CUES: &str =
    "now latest updated update revised currently rose risen climbed increased reached \
    jumped grew fell dropped toll tally";

/// Spelled-out numbers read as figures.
const NUMBER_WORDS: &[(&str, &str)] = &[
    ("two", "2"),
    ("three", "3"),
    ("four", "4"),
    ("five", "5"),
    ("six", "6"),
    ("seven", "7"),
    ("eight", "8"),
    ("nine", "9"),
    ("ten", "10"),
    ("eleven", "11"),
    ("twelve", "12"),
    ("twenty", "20"),
    ("thirty", "30"),
    ("forty", "40"),
    ("fifty", "50"),
    ("hundred", "100"),
    ("thousand", "1000"),
    ("million", "1000000"),
    ("billion", "1000000000"),
    ("dozen", "12"),
    ("half", "0.5"),
    ("double", "2x"),
    ("triple", "3x"),
];

const MONTHS: &str =
    "january february march april may june july august september october november december";

static STEMMER: LazyLock<Stemmer> = LazyLock::new(|| Stemmer::create(Algorithm::English));
static STOP: LazyLock<BTreeSet<&'static str>> =
    LazyLock::new(|| STOPWORDS.split_whitespace().collect());
static NEG: LazyLock<BTreeSet<&'static str>> =
    LazyLock::new(|| NEGATIONS.split_whitespace().collect());
static UPDATE: LazyLock<BTreeSet<&'static str>> =
    LazyLock::new(|| UPDATE_CUES.split_whitespace().collect());
static MONTH: LazyLock<BTreeSet<&'static str>> =
    LazyLock::new(|| MONTHS.split_whitespace().collect());
/// For each word of [`OPPOSITES`], the pairs it belongs to and its side (+1 left, -1 right; left wins when a pair
/// lists a word on both sides).
static DIRECTION_WORDS: LazyLock<HashMap<&'static str, Vec<(usize, i32)>>> = LazyLock::new(|| {
    let mut map: HashMap<&'static str, Vec<(usize, i32)>> = HashMap::new();
    for (k, (left, right)) in OPPOSITES.iter().enumerate() {
        for w in left.split_whitespace() {
            let sides = map.entry(w).or_default();
            if !sides.iter().any(|(p, _)| *p == k) {
                sides.push((k, 1));
            }
        }
        for w in right.split_whitespace() {
            let sides = map.entry(w).or_default();
            if !sides.iter().any(|(p, _)| *p == k) {
                sides.push((k, -1));
            }
        }
    }
    map
});

/// What a text is made of, for matching.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Features {
    /// Stemmed content terms with their counts (stopwords left out).
    pub terms: BTreeMap<String, u32>,
    /// Lower-cased words, in order, with punctuation removed (for wording similarity).
    pub words: Vec<String>,
    /// Lower-cased capitalised words that are not the first word of the text (names, places, bodies).
    pub names: BTreeSet<String>,
    /// Figures other than years, normalised ("3.5", "40%", "2000000").
    pub numbers: BTreeSet<String>,
    /// Four-digit years 1800..=2199 and "month day" dates ("july 8").
    pub dates: BTreeSet<String>,
    /// Number of negation cues.
    pub negations: u32,
    /// For each pair of [`OPPOSITES`]: -1, 0 or +1 (which side the text's words fall on).
    pub directions: Vec<i8>,
    /// The text has a word that marks an update ("now", "latest", "rose").
    pub update_cue: bool,
    /// The words run together (no spaces) and its character bigrams, sorted: computed once per text for the
    /// wording similarity, which compares a text with many others.
    pub compact: String,
    pub bigrams: Vec<(char, char)>,
}

impl Features {
    /// Stemmed content terms, most distinctive first (longer terms first, then alphabetical), at most `max`.
    pub fn salient_terms(&self, max: usize) -> Vec<&str> {
        let mut terms: Vec<&str> = self.terms.keys().map(String::as_str).collect();
        terms.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
        terms.truncate(max);
        terms
    }

    /// Plain lower-cased content words (not stemmed), for building full-text queries.
    pub fn content_words(&self) -> impl Iterator<Item = &str> {
        self.words
            .iter()
            .map(String::as_str)
            .filter(|w| is_content(w))
    }
}

fn is_content(w: &str) -> bool {
    w.chars().count() > 1 && !STOP.contains(w) && !NEG.contains(w)
}

/// Splits text into words: letters, digits and inner apostrophes, dots or commas between digits, `%` after
/// digits. Curly apostrophes count as straight ones.
fn tokens(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (i, &(pos, c)) in chars.iter().enumerate() {
        let prev = i.checked_sub(1).map(|j| chars[j].1);
        let next = chars.get(i + 1).map(|x| x.1);
        let inner = match c {
            '\'' | '’' => {
                prev.is_some_and(char::is_alphabetic) && next.is_some_and(char::is_alphabetic)
            }
            '.' | ',' => {
                prev.is_some_and(|p| p.is_ascii_digit()) && next.is_some_and(|n| n.is_ascii_digit())
            }
            '%' => prev.is_some_and(|p| p.is_ascii_digit()),
            _ => false,
        };
        if c.is_alphanumeric() || (inner && start.is_some()) {
            if start.is_none() {
                start = Some(pos);
            }
        } else if let Some(s) = start.take() {
            out.push(&text[s..pos]);
        }
    }
    if let Some(s) = start {
        out.push(&text[s..]);
    }
    out
}

/// Normalises a figure: drops thousands separators, keeps a trailing `%`.
fn figure(word: &str) -> Option<String> {
    let w = word.trim_end_matches('%');
    if !w.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let digits: String = w.chars().filter(|c| *c != ',').collect();
    if !digits.chars().all(|c| c.is_ascii_digit() || c == '.') {
        return None;
    }
    let pct = if word.ends_with('%') { "%" } else { "" };
    Some(format!("{digits}{pct}"))
}

fn is_link(w: &str) -> bool {
    let w = w.to_ascii_lowercase();
    w.contains("://")
        || w.starts_with("www.")
        || w.starts_with("pic.twitter.com")
        || w.starts_with("t.co/")
}

/// Stems one lower-cased word.
pub fn stem(word: &str) -> String {
    STEMMER.stem(word).into_owned()
}

/// Computes the matching features of `text`.
pub fn features(text: &str) -> Features {
    let mut f = Features {
        directions: vec![0; OPPOSITES.len()],
        ..Features::default()
    };
    // Links and embedded media ("https://...", "pic.twitter.com/...") say nothing about the claim.
    let cleaned: String = text
        .split_inclusive(char::is_whitespace)
        .filter(|w| !is_link(w.trim()))
        .collect();
    let raw = tokens(&cleaned);
    let mut prev_lower: Option<String> = None;
    let mut dir_votes = vec![0i32; OPPOSITES.len()];
    for (i, tok) in raw.iter().enumerate() {
        let lower = tok.to_lowercase().replace('’', "'");
        if let Some(fig) = figure(&lower) {
            let is_year = !fig.contains(['.', '%'])
                && fig.len() == 4
                && fig.parse::<u32>().is_ok_and(|y| (1800..=2199).contains(&y));
            if is_year {
                f.dates.insert(fig);
            } else if let Some(m) = prev_lower.as_deref().filter(|p| MONTH.contains(p)) {
                f.dates.insert(format!("{m} {fig}"));
            } else {
                f.numbers.insert(fig);
            }
        } else if let Some((_, n)) = NUMBER_WORDS.iter().find(|(w, _)| *w == lower) {
            f.numbers.insert((*n).to_string());
        }
        if NEG.contains(lower.as_str()) || lower.ends_with("n't") {
            f.negations += 1;
        }
        if UPDATE.contains(lower.as_str()) {
            f.update_cue = true;
        }
        for (k, side) in DIRECTION_WORDS.get(lower.as_str()).into_iter().flatten() {
            dir_votes[*k] += side;
        }
        let capitalised = tok.chars().next().is_some_and(char::is_uppercase);
        if capitalised && i > 0 && lower.chars().count() > 1 && !STOP.contains(lower.as_str()) {
            f.names.insert(lower.clone());
        }
        if is_content(&lower) {
            *f.terms.entry(stem(&lower)).or_insert(0) += 1;
        }
        f.words.push(lower.clone());
        prev_lower = Some(lower);
    }
    f.directions = dir_votes.iter().map(|v| v.signum() as i8).collect();
    f.compact = f.words.concat();
    let chars: Vec<char> = f.compact.chars().collect();
    f.bigrams = chars.windows(2).map(|w| (w[0], w[1])).collect();
    f.bigrams.sort_unstable();
    f
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_keep_figures_and_contractions() {
        assert_eq!(
            tokens("Unemployment fell to 3.5% in 2019, he didn’t say; 1,200 jobs."),
            [
                "Unemployment",
                "fell",
                "to",
                "3.5%",
                "in",
                "2019",
                "he",
                "didn’t",
                "say",
                "1,200",
                "jobs"
            ]
        );
    }

    #[test]
    fn links_are_left_out() {
        let f = features(
            "Wombats shelter animals https://t.example/x pic.twitter.com/AbC12 in burrows",
        );
        assert!(
            f.words
                .iter()
                .all(|w| !w.contains("twitter") && !w.contains("https")),
            "{:?}",
            f.words
        );
        assert!(f.terms.contains_key("burrow"));
    }

    #[test]
    fn features_find_numbers_dates_negation_and_names() {
        let f =
            features("The mayor said on July 8 that 1,200 jobs were not lost in Valmora in 2019.");
        assert!(f.numbers.contains("1200"), "{:?}", f.numbers);
        assert!(
            f.dates.contains("2019") && f.dates.contains("july 8"),
            "{:?}",
            f.dates
        );
        assert_eq!(f.negations, 1);
        assert!(f.names.contains("valmora") && f.names.contains("july"));
        assert!(f.terms.contains_key("job") && f.terms.contains_key("mayor"));
        assert!(!f.terms.contains_key("the"));
    }
}
