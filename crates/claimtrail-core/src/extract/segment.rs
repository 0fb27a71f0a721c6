//! Quotation spans and sentence segmentation.
//!
//! Sentences are split at `.`, `!`, `?` and `…` (plus closing quotes and brackets) followed by white space and
//! a character that is not a lower-case letter, except inside a quotation (so a multi-sentence quote stays in
//! one sentence) and after abbreviations ("Mr.", "U.S.", "Jan. 5", "Donald J. Trump").

use super::blocks::is_closer;
use super::lexicon::{abbreviation, is_sentence_opener, speech_verb, Abbrev, SpeechVerb};

/// Quotations longer than this (in bytes) do not hold sentences together: they are more likely an unbalanced
/// quotation mark than a real quote.
const MAX_QUOTE_LEN: usize = 1_500;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Role {
    Open,
    Close,
}

/// Whether a straight double quote opens or closes a quotation, judged by its neighbours.
fn straight_role(prev: Option<char>, next: Option<char>) -> Option<Role> {
    let prev_opens = prev.is_none_or(|p| {
        p.is_whitespace() || matches!(p, '(' | '[' | '{' | '—' | '–' | '-' | '/' | ':')
    });
    let next_space = next.is_none_or(char::is_whitespace);
    if prev_opens && !next_space {
        Some(Role::Open)
    } else if !prev.is_none_or(char::is_whitespace)
        && (next_space || next.is_some_and(|n| !n.is_alphanumeric()))
    {
        Some(Role::Close)
    } else {
        None
    }
}

/// Quotation spans of a block, from the opening mark to just past the closing mark, as byte offsets
/// (`base` is added). An opening mark without a closing one counts only when it opens the block: news style
/// leaves a quote that continues into the next paragraph unclosed.
pub(crate) fn quote_spans(block: &str, base: usize, out: &mut Vec<(usize, usize)>) {
    let mut open: Option<(usize, char)> = None;
    let bytes = block.as_bytes();
    // Every quotation mark handled here is '"' or starts with byte 0xE2 (“ ” „) or 0xC2 (« »).
    for (i, &b) in bytes.iter().enumerate() {
        if !matches!(b, b'"' | 0xE2 | 0xC2) {
            continue;
        }
        let Some(c) = block.get(i..).and_then(|r| r.chars().next()) else {
            continue;
        };
        let role = match c {
            '“' if open.is_some_and(|(_, o)| o == '„') => Some(Role::Close),
            '“' | '„' | '«' => Some(Role::Open),
            '”' | '»' => Some(Role::Close),
            '"' => {
                let prev = block[..i].chars().next_back();
                let next = block[i + 1..].chars().next();
                straight_role(prev, next)
            }
            _ => None,
        };
        match role {
            Some(Role::Open) => open = Some((i, c)),
            Some(Role::Close) => {
                if let Some((s, _)) = open.take() {
                    out.push((base + s, base + i + c.len_utf8()));
                }
            }
            None => {}
        }
    }
    if let Some((s, _)) = open {
        if block[..s].trim().is_empty() {
            out.push((base + s, base + block.len()));
        }
    }
}

fn is_terminal(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…' | '。' | '！' | '？' | '؟')
}

/// True for full-width terminators that end a sentence without a following space.
fn is_cjk_terminal(c: char) -> bool {
    matches!(c, '。' | '！' | '？')
}

fn is_opening_punct(c: char) -> bool {
    matches!(
        c,
        '"' | '“' | '„' | '«' | '‘' | '\'' | '(' | '[' | '{' | '‹'
    )
}

/// Splits a block into sentences. Returns trimmed byte ranges (with `base` added), in order.
pub(crate) fn split_sentences(
    block: &str,
    base: usize,
    quotes: &[(usize, usize)],
    out: &mut Vec<(usize, usize)>,
) {
    let mut sent_start = 0usize;
    let mut q = 0usize; // first quote span that may still contain a later position
    let mut i = 0usize;
    let bytes = block.as_bytes();
    while i < block.len() {
        // Terminators are '.', '!', '?' or start with byte 0xE2 (…), 0xE3 (。), 0xEF (！？) or 0xD8 (؟).
        if !matches!(bytes[i], b'.' | b'!' | b'?' | 0xE2 | 0xE3 | 0xEF | 0xD8) {
            i += 1;
            continue;
        }
        let Some(c) = block.get(i..).and_then(|r| r.chars().next()) else {
            i += 1;
            continue;
        };
        let clen = c.len_utf8();
        if !is_terminal(c) {
            i += clen;
            continue;
        }
        // Consume the run of terminators and closing marks.
        let mut j = i + clen;
        let mut closers = false;
        while let Some(n) = block[j..].chars().next() {
            if is_terminal(n) || is_closer(n) {
                closers |= is_closer(n);
                j += n.len_utf8();
            } else {
                break;
            }
        }
        let at_end = j >= block.len();
        let next_is_space = block[j..].chars().next().is_some_and(char::is_whitespace);
        if at_end || !(next_is_space || is_cjk_terminal(c)) {
            i = j;
            continue;
        }
        let rest = &block[j..];
        let next_start = j + (rest.len() - rest.trim_start().len());
        let next_char = block[next_start..].chars().next();
        let mut split = !next_char.is_some_and(char::is_lowercase);
        if split && c == '.' && !closers && j == i + 1 {
            split = period_ends_sentence(block, i, next_start);
        }
        if split && closers && matches!(c, '!' | '?') && attribution_follows(&block[next_start..]) {
            split = false;
        }
        if split {
            let abs = base + j;
            while q < quotes.len() && quotes[q].1 <= abs {
                q += 1;
            }
            let inside = quotes[q..]
                .iter()
                .take_while(|&&(s, _)| s < abs)
                .any(|&(s, e)| s < abs && abs < e && e - s <= MAX_QUOTE_LEN);
            if !inside {
                push_trimmed(block, base, sent_start, j, out);
                sent_start = j;
            }
        }
        i = j.max(i + 1);
    }
    push_trimmed(block, base, sent_start, block.len(), out);
}

/// "“We won!” Doe said.": a capitalised speaker and a speech verb right after an exclamation or question
/// that closes a quotation continue the sentence.
fn attribution_follows(rest: &str) -> bool {
    for (k, w) in rest.split_whitespace().take(5).enumerate() {
        let w = w.trim_end_matches(|c: char| !c.is_alphanumeric());
        if k > 0 && speech_verb(w) == Some(SpeechVerb::Strong) {
            return true;
        }
        if !w.chars().next().is_some_and(char::is_uppercase) {
            return false;
        }
    }
    false
}

fn push_trimmed(block: &str, base: usize, start: usize, end: usize, out: &mut Vec<(usize, usize)>) {
    let s = &block[start..end];
    let lead = s.len() - s.trim_start().len();
    let t = s.trim();
    if !t.is_empty() {
        out.push((base + start + lead, base + start + lead + t.len()));
    }
}

/// Decides whether the period at `dot` ends a sentence, given the start of the next word.
fn period_ends_sentence(block: &str, dot: usize, next_start: usize) -> bool {
    let before = &block[..dot];
    let tok_start = before
        .char_indices()
        .rev()
        .find(|&(_, c)| c.is_whitespace() || is_opening_punct(c))
        .map_or(0, |(k, c)| k + c.len_utf8());
    let tok = &before[tok_start..];
    if tok.is_empty() {
        return true;
    }
    let next_word: &str = block[next_start..]
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | ':'))
        .next()
        .unwrap_or("");
    let next_is_digit = next_word.chars().next().is_some_and(|c| c.is_ascii_digit());
    let opener = || {
        let w = next_word.trim_start_matches(is_opening_punct);
        w.chars().next().is_some_and(|c| !c.is_alphabetic())
            || (w.len() <= 12 && is_sentence_opener(&w.to_lowercase()))
    };
    match abbreviation(tok) {
        Some(Abbrev::Title) => false,
        Some(Abbrev::Month) => !next_is_digit && opener(),
        Some(Abbrev::Trailing) => opener(),
        None => {
            let single_initial = tok.chars().count() == 1 && tok.chars().all(char::is_uppercase);
            let dotted =
                tok.contains('.') && tok.chars().any(char::is_alphabetic) && tok.len() <= 12;
            if single_initial || dotted {
                opener()
            } else {
                true
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str) -> Vec<&str> {
        let mut quotes = Vec::new();
        quote_spans(text, 0, &mut quotes);
        let mut out = Vec::new();
        split_sentences(text, 0, &quotes, &mut out);
        out.iter().map(|&(s, e)| &text[s..e]).collect()
    }

    #[test]
    fn splits_plain_sentences() {
        assert_eq!(
            sentences("The vote failed. It was close! Why? Nobody knows."),
            vec!["The vote failed.", "It was close!", "Why?", "Nobody knows."]
        );
    }

    #[test]
    fn keeps_abbreviations_and_initials_inside_sentences() {
        let text =
            "Mr. Doe met Dr. Roe and Sen. Poe in the U.S. capital on Jan. 5 at 9 a.m. Monday. \
                    Donald J. Trump spoke at St. Mary's. Gov. Ann Lee agreed.";
        assert_eq!(
            sentences(text),
            vec![
                "Mr. Doe met Dr. Roe and Sen. Poe in the U.S. capital on Jan. 5 at 9 a.m. Monday.",
                "Donald J. Trump spoke at St. Mary's.",
                "Gov. Ann Lee agreed."
            ]
        );
    }

    #[test]
    fn splits_after_abbreviation_before_sentence_opener() {
        assert_eq!(
            sentences("The talks were held in the U.S. The next round is in the U.N. building."),
            vec![
                "The talks were held in the U.S.",
                "The next round is in the U.N. building."
            ]
        );
    }

    #[test]
    fn keeps_multi_sentence_quotes_whole() {
        let text = "“A. B is true. C,” the official said. “D.” E followed.";
        assert_eq!(
            sentences(text),
            vec![
                "“A. B is true. C,” the official said.",
                "“D.”",
                "E followed."
            ]
        );
        let text = "\"We won. They lost,\" she said. Then she left.";
        assert_eq!(
            sentences(text),
            vec!["\"We won. They lost,\" she said.", "Then she left."]
        );
        let text = "\"I am not paying. Never!” Fox told Ramos. “He should pay.”";
        assert_eq!(
            sentences(text),
            vec![
                "\"I am not paying. Never!” Fox told Ramos.",
                "“He should pay.”"
            ]
        );
    }

    #[test]
    fn question_inside_quote_followed_by_attribution_is_one_sentence() {
        assert_eq!(
            sentences("“Who will pay?” he asks. Nobody answers."),
            vec!["“Who will pay?” he asks.", "Nobody answers."]
        );
    }

    #[test]
    fn unbalanced_quotes_do_not_swallow_the_paragraph() {
        let text = "He said “this is odd. It goes on. And on.";
        assert_eq!(
            sentences(text),
            vec!["He said “this is odd.", "It goes on.", "And on."]
        );
        // A quote opening the paragraph and continuing into the next one holds together.
        let text = "“This is the first part. It continues.";
        assert_eq!(
            sentences(text),
            vec!["“This is the first part. It continues."]
        );
    }

    #[test]
    fn handles_non_latin_and_emoji_text() {
        assert_eq!(
            sentences("这是第一句。这是第二句。"),
            vec!["这是第一句。", "这是第二句。"]
        );
        assert_eq!(sentences("هذا نص. وهذا آخر."), vec!["هذا نص.", "وهذا آخر."]);
        assert_eq!(
            sentences("Great 👍. Next 🎉!"),
            vec!["Great 👍.", "Next 🎉!"]
        );
    }
}
