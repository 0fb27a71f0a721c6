//! Sentence features, claim kind and a transparent check-worthiness score.
//!
//! The score starts at 0.30 and moves by fixed steps: numbers (+0.12, or +0.22 for percentages and money),
//! comparatives and superlatives (+0.10), named entities (+0.06 each, up to three), event verbs (+0.10), dates
//! (+0.04) and a named source (+0.06) raise it; opinion and mood words (-0.10 each, at most -0.30), future or
//! hedged wording (-0.12), questions (-0.40) and short sentences (-0.15 under 8 words, -0.05 under 12) lower
//! it. The result is clamped to 0..1.

use crate::model::ClaimKind;

use super::lexicon::is_event_verb;
use super::tokens::{lower, Tok};

/// How strongly a sentence carries a figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub(crate) enum Stat {
    #[default]
    None,
    /// A count or other number ("three times", "52 votes").
    Count,
    /// A percentage, an amount of money or a large round figure.
    Strong,
}

/// What the scorer and the kind classifier know about one sentence.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Features {
    pub words: usize,
    pub quoted_words: usize,
    pub stat: Stat,
    pub comparative: bool,
    pub event: bool,
    pub date: bool,
    /// Opinion and mood words.
    pub subjective: usize,
    pub hedge: bool,
}

impl Features {
    pub fn quote_share(&self) -> f64 {
        if self.words == 0 {
            0.0
        } else {
            self.quoted_words as f64 / self.words as f64
        }
    }
}

fn is_month(w: &str) -> bool {
    matches!(
        w,
        "January" | "February" | "March" | "April" | "May" | "June" | "July" | "August" | "September" | "October"
            | "November" | "December" | "Jan." | "Feb." | "Mar." | "Apr." | "Jun." | "Jul." | "Aug." | "Sep."
            | "Sept." | "Oct." | "Nov." | "Dec."
    )
}

fn is_weekday(w: &str) -> bool {
    matches!(w, "Monday" | "Tuesday" | "Wednesday" | "Thursday" | "Friday" | "Saturday" | "Sunday")
}

fn number_word(w: &str) -> Option<Stat> {
    match w {
        "million" | "millions" | "billion" | "billions" | "trillion" | "trillions" | "percent" | "percentage" => {
            Some(Stat::Strong)
        }
        "two" | "three" | "four" | "five" | "six" | "seven" | "eight" | "nine" | "ten" | "eleven" | "twelve"
        | "fifteen" | "twenty" | "thirty" | "forty" | "fifty" | "sixty" | "seventy" | "eighty" | "ninety"
        | "hundred" | "hundreds" | "thousand" | "thousands" | "dozen" | "dozens" | "twice" | "half" | "doubled"
        | "tripled" | "quadrupled" | "halved" => Some(Stat::Count),
        _ => None,
    }
}

fn is_comparative(w: &str) -> bool {
    matches!(
        w,
        "more" | "less" | "fewer" | "most" | "least" | "than" | "largest" | "biggest" | "highest" | "lowest"
            | "smallest" | "greatest" | "worst" | "best" | "only" | "record" | "increase" | "increased"
            | "decrease" | "decreased" | "rose" | "fell" | "dropped" | "surged" | "plunged" | "grew" | "declined"
            | "higher" | "lower" | "larger" | "bigger" | "smaller" | "greater" | "worse" | "better" | "first"
            | "never" | "ever" | "all-time" | "unprecedented" | "majority" | "minority" | "average" | "firmest"
    ) || (w.len() >= 7
        && w.ends_with("est")
        && !matches!(w, "interest" | "protest" | "request" | "suggest" | "arrest" | "contest" | "harvest" | "manifest" | "conquest" | "inquest" | "honest" | "modest" | "latest" | "longest"))
}

fn is_subjective(w: &str) -> bool {
    matches!(
        w,
        "think" | "thinks" | "believe" | "believes" | "feel" | "feels" | "felt" | "feeling" | "seem" | "seems"
            | "seemed" | "wish" | "love" | "loved" | "hate" | "hated" | "good" | "great" | "bad" | "terrible"
            | "horrible" | "wonderful" | "amazing" | "fantastic" | "beautiful" | "crazy" | "stupid" | "nice"
            | "incredible" | "awful" | "sad" | "disgusting" | "ridiculous" | "outrageous" | "disgraceful"
            | "shameful" | "unfair" | "wrong" | "should" | "ought" | "looked" | "look" | "looks" | "smiled"
            | "smiling" | "smile" | "laughed" | "laughing" | "laughter" | "grinned" | "cheerful" | "comfortable"
            | "relaxed" | "tense" | "friendly" | "warm" | "awkward" | "happy" | "unhappy" | "angry" | "upset"
            | "nervous" | "excited" | "calm" | "mood" | "atmosphere" | "hugged" | "embraced" | "chatted"
            | "optimistic" | "pessimistic" | "hopeful" | "proud" | "glad" | "pleased" | "disappointed"
            | "egocentric" | "terrific"
    )
}

fn is_hedge(w: &str) -> bool {
    matches!(
        w,
        "will" | "would" | "could" | "may" | "might" | "gonna" | "plans" | "plan" | "planned" | "expect"
            | "expects" | "expected" | "hope" | "hopes" | "hoped" | "likely" | "unlikely" | "possibly" | "perhaps"
            | "probably" | "maybe" | "potentially" | "if" | "whether" | "aim" | "aims" | "intend" | "intends"
            | "want" | "wants" | "testing" | "going" | "'ll" | "’ll" | "soon" | "future"
    )
}

/// Computes the features of one sentence.
pub(crate) fn features(text: &str, ts: &[Tok]) -> Features {
    let mut f = Features::default();
    let mut buf = String::new();
    let mut prev = "";
    for (k, t) in ts.iter().enumerate() {
        if !t.word {
            continue;
        }
        let raw = t.text(text);
        f.words += 1;
        if t.quoted {
            f.quoted_words += 1;
        }
        let next = ts.get(k + 1).filter(|n| n.word).map(|n| n.text(text)).unwrap_or("");
        if is_month(raw) || is_weekday(raw) {
            f.date = true;
        }
        let mut chars = raw.chars();
        let c0 = chars.next().unwrap_or(' ');
        let c1 = chars.next().unwrap_or(' ');
        let currency = matches!(c0, '$' | '£' | '€' | '¥') && c1.is_ascii_digit();
        if c0.is_ascii_digit() || currency {
            f.stat = f.stat.max(classify_number(raw, prev, next, currency, &mut f.date));
        } else if !t.cap || sentence_initial(text, ts, k) {
            let w = lower(raw, &mut buf);
            if let Some(s) = number_word(w) {
                let determined = matches!(
                    prev,
                    "the" | "The" | "these" | "those" | "their" | "its" | "his" | "her" | "our" | "my" | "your" | "both" | "all" | "each"
                );
                if !determined {
                    f.stat = f.stat.max(s);
                }
            }
            f.comparative |= is_comparative(w);
            f.event |= !t.quoted && is_event_verb(w);
            if is_subjective(w) {
                f.subjective += 1;
            }
            f.hedge |= is_hedge(w) || w.ends_with("'ll") || w.ends_with("’ll");
        }
        prev = raw;
    }
    f
}

fn sentence_initial(text: &str, ts: &[Tok], k: usize) -> bool {
    k == 0 || matches!(ts[k - 1].text(text), "“" | "\"" | "‘" | "(" | ":" | "—")
}

fn classify_number(raw: &str, prev: &str, next: &str, currency: bool, date: &mut bool) -> Stat {
    let digits = raw.trim_start_matches(['$', '£', '€', '¥']);
    let money_next = matches!(next, "million" | "billion" | "trillion" | "dollars" | "euros" | "pounds" | "yuan");
    if currency || raw.ends_with('%') || matches!(next, "percent" | "percentage" | "per") || money_next {
        return Stat::Strong;
    }
    let is_year = digits.len() == 4
        && digits.chars().all(|c| c.is_ascii_digit())
        && matches!(digits.parse::<u32>(), Ok(1800..=2099));
    let ordinal = digits.ends_with("th") || digits.ends_with("st") || digits.ends_with("nd") || digits.ends_with("rd");
    if is_year || digits.contains(':') || ordinal || is_month(prev) || is_month(next) {
        *date = true;
        return Stat::None;
    }
    Stat::Count
}

/// The kind of a claim from its form: quotation, attribution, figures, events.
pub(crate) fn kind(f: &Features, attributed: bool) -> ClaimKind {
    if f.quote_share() >= 0.5 {
        ClaimKind::DirectQuote
    } else if attributed {
        ClaimKind::ReportedSpeech
    } else if f.stat != Stat::None {
        ClaimKind::Statistic
    } else if f.event {
        ClaimKind::Event
    } else {
        ClaimKind::Statement
    }
}

/// Check-worthiness in 0..1 (see the module documentation for the weights).
pub(crate) fn checkworthiness(f: &Features, entities: usize, named_source: bool, question: bool) -> f64 {
    let mut s = 0.30;
    s += match f.stat {
        Stat::Strong => 0.22,
        Stat::Count => 0.12,
        Stat::None => 0.0,
    };
    if f.comparative {
        s += 0.10;
    }
    s += 0.06 * entities.min(3) as f64;
    if f.event {
        s += 0.10;
    }
    if f.date {
        s += 0.04;
    }
    if named_source {
        s += 0.06;
    }
    s -= (0.10 * f.subjective as f64).min(0.30);
    if f.hedge {
        s -= 0.12;
    }
    if question {
        s -= 0.40;
    }
    if f.words < 8 {
        s -= 0.15;
    } else if f.words < 12 {
        s -= 0.05;
    }
    (s.clamp(0.0, 1.0) * 1000.0).round() / 1000.0
}
