//! Sentence features, claim kind and a transparent check-worthiness score.
//!
//! The score starts at 0.30 and moves by fixed steps: numbers (+0.12, or +0.22 for percentages and money),
//! comparatives and superlatives (+0.10), named entities (+0.06 each, up to three), event verbs (+0.10), dates
//! (+0.04) and a named source (+0.06) raise it; opinion and mood words (-0.10 each, at most -0.30), future or
//! hedged wording (-0.12), questions (-0.40) and short sentences (-0.15 under 8 words, -0.05 under 12) lower
//! it. The result is clamped to 0..1.

use crate::model::ClaimKind;

use super::lexicon::class;
use super::tokens::Tok;

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
    /// The sentence opens with a quotation ("“...,” she said.").
    pub lead_quote: bool,
    /// The sentence ends with a quotation introduced by a colon or comma ("She said: “...”").
    pub tail_quote: bool,
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

/// Computes the features of one sentence.
pub(crate) fn features(text: &str, ts: &[Tok]) -> Features {
    let mut f = Features::default();
    let mut prev: Option<&Tok> = None;
    f.lead_quote = ts.first().is_some_and(|t| is_open_quote(t.text(text)))
        && ts.get(1).is_some_and(|t| t.quoted);
    let mut introduced = false;
    for (k, t) in ts.iter().enumerate() {
        if !t.word {
            if is_open_quote(t.text(text)) && k > 0 && matches!(ts[k - 1].text(text), ":" | ",") {
                introduced = true;
            }
            continue;
        }
        f.tail_quote = introduced && t.quoted;
        let raw = t.text(text);
        f.words += 1;
        if t.quoted {
            f.quoted_words += 1;
        }
        if t.exact & (class::MONTH | class::WEEKDAY) != 0 {
            f.date = true;
        }
        let bytes = raw.as_bytes();
        let currency = raw.starts_with(['$', '£', '€', '¥'])
            && raw
                .trim_start_matches(['$', '£', '€', '¥'])
                .starts_with(|c: char| c.is_ascii_digit());
        if bytes.first().is_some_and(u8::is_ascii_digit) || currency {
            let next = ts.get(k + 1).filter(|n| n.word);
            let month_near = prev.is_some_and(|p| p.exact & class::MONTH != 0)
                || next.is_some_and(|n| n.exact & class::MONTH != 0);
            let next_text = next.map_or("", |n| n.text(text));
            f.stat = f.stat.max(classify_number(
                raw,
                next_text,
                currency,
                month_near,
                &mut f.date,
            ));
        } else if !t.cap || sentence_initial(text, ts, k) {
            let determined =
                prev.is_some_and(|p| p.is(class::DETERMINER) && !p.is(class::NUM_COUNT));
            if t.is(class::NUM_STRONG) {
                f.stat = Stat::Strong;
            } else if t.is(class::NUM_COUNT) && !determined {
                f.stat = f.stat.max(Stat::Count);
            }
            f.comparative |= t.is(class::COMPARATIVE)
                || (raw.len() >= 7 && raw.ends_with("est") && !t.is(class::NOT_SUPERLATIVE));
            f.event |= !t.quoted && t.is(class::EVENT);
            if t.is(class::SUBJECTIVE) {
                f.subjective += 1;
            }
            f.hedge |= t.is(class::HEDGE) || raw.ends_with("'ll") || raw.ends_with("’ll");
        }
        prev = Some(t);
    }
    f
}

fn sentence_initial(text: &str, ts: &[Tok], k: usize) -> bool {
    k == 0 || matches!(ts[k - 1].text(text), "“" | "\"" | "‘" | "(" | ":" | "—")
}

fn classify_number(
    raw: &str,
    next: &str,
    currency: bool,
    month_near: bool,
    date: &mut bool,
) -> Stat {
    let digits = raw.trim_start_matches(['$', '£', '€', '¥']);
    let money_next = matches!(
        next,
        "million" | "billion" | "trillion" | "dollars" | "euros" | "pounds" | "yuan"
    );
    if currency
        || raw.ends_with('%')
        || matches!(next, "percent" | "percentage" | "per")
        || money_next
    {
        return Stat::Strong;
    }
    let is_year = digits.len() == 4
        && digits.chars().all(|c| c.is_ascii_digit())
        && matches!(digits.parse::<u32>(), Ok(1800..=2099));
    let ordinal = ["th", "st", "nd", "rd"].iter().any(|s| digits.ends_with(s));
    if is_year || digits.contains(':') || ordinal || month_near {
        *date = true;
        return Stat::None;
    }
    Stat::Count
}

fn is_open_quote(w: &str) -> bool {
    matches!(w, "“" | "\"" | "„" | "«")
}

/// The kind of a claim from its form: quotation, attribution, figures, events.
pub(crate) fn kind(f: &Features, attributed: bool) -> ClaimKind {
    let framed_quote = attributed && f.quote_share() >= 0.2 && (f.lead_quote || f.tail_quote);
    if f.quote_share() >= 0.5 || framed_quote {
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
pub(crate) fn checkworthiness(
    f: &Features,
    entities: usize,
    named_source: bool,
    question: bool,
) -> f64 {
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
