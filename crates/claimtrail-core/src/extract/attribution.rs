//! Finds who a sentence attributes its content to: "X said", "said X", "according to X", "X told reporters",
//! "the statement reads", "X said in a statement", "X said: “...”", "X, speaking to reporters, said ...".
//!
//! Only words outside quotation marks are considered, so "the joint statement indicates" inside a quote does
//! not attribute the quote to the statement.

use super::lexicon::{breaks_subject, is_determiner, is_pre_verb_filler, is_sentence_opener, pronoun, speech_verb};
use super::lexicon::SpeechVerb;
use super::tokens::{lower, Tok};

/// How the claimant was introduced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Form {
    /// "X said ...", "“...,” X said."
    SubjectVerb,
    /// "“...,” said X."
    Inverted,
    /// "According to X, ..."
    AccordingTo,
}

/// The claimant noun phrase of a sentence, as byte offsets into the article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Attribution {
    pub start: usize,
    pub end: usize,
    pub form: Form,
}

/// How far back (in tokens) a subject may sit before its verb when a parenthetical intervenes.
const MAX_PARENTHETICAL: usize = 40;
/// Longest claimant noun phrase, in tokens.
const MAX_NP: usize = 10;

fn is_close_quote(w: &str) -> bool {
    matches!(w, "”" | "\"" | "»" | "’" | "'")
}

fn is_open_punct(w: &str) -> bool {
    matches!(w, "“" | "\"" | "‘" | "„" | "«" | ":" | "(" | "—" | "–")
}

/// Finds the attribution of one sentence's tokens (`ts`), if any.
pub(crate) fn find(text: &str, ts: &[Tok]) -> Option<Attribution> {
    let mut buf = String::new();
    let mut prev_buf = String::new();
    for i in 0..ts.len() {
        let t = ts[i];
        if !t.word || t.quoted {
            continue;
        }
        let w = lower(t.text(text), &mut buf);
        if w == "according" {
            if let Some(a) = according(text, ts, i) {
                return Some(a);
            }
            continue;
        }
        let Some(class) = speech_verb(w) else { continue };
        if i > 0 {
            let p = lower(ts[i - 1].text(text), &mut prev_buf);
            let negated = p.ends_with("n't") || p.ends_with("n’t");
            if negated
                || matches!(p, "to" | "would" | "could" | "should" | "will" | "may" | "might" | "can" | "must" | "not" | "never")
            {
                continue;
            }
        }
        if class == SpeechVerb::Weak && !weak_is_attribution(text, ts, i) {
            continue;
        }
        if let Some(a) = subject_of(text, ts, i) {
            return Some(a);
        }
    }
    None
}

/// A weak verb ("announced", "found") reports speech only before "that", a colon or next to a quotation.
fn weak_is_attribution(text: &str, ts: &[Tok], i: usize) -> bool {
    let next = ts.get(i + 1).map(|t| t.text(text));
    if matches!(next, Some("that" | ":")) {
        return true;
    }
    let lo = i.saturating_sub(4);
    let hi = (i + 3).min(ts.len());
    ts[lo..hi].iter().any(|t| t.quoted)
}

/// The subject of the speech verb at `i`: to its left, behind a parenthetical, or after it (inversion).
fn subject_of(text: &str, ts: &[Tok], i: usize) -> Option<Attribution> {
    let mut buf = String::new();
    let mut j = i;
    while j > 0 && ts[j - 1].word && !ts[j - 1].quoted && is_pre_verb_filler(lower(ts[j - 1].text(text), &mut buf)) {
        j -= 1;
    }
    if j == 0 {
        return None;
    }
    let p = ts[j - 1];
    let pw = p.text(text);
    if p.word && !p.quoted {
        return np_backward(text, ts, j - 1).map(|(a, b)| span(ts, a, b, Form::SubjectVerb));
    }
    if is_close_quote(pw) || (p.quoted && !p.word) {
        return np_forward(text, ts, i + 1).map(|(a, b)| span(ts, a, b, Form::Inverted));
    }
    match pw {
        "," if j >= 2 && (is_close_quote(ts[j - 2].text(text)) || ts[j - 2].quoted) => {
            np_forward(text, ts, i + 1).map(|(a, b)| span(ts, a, b, Form::Inverted))
        }
        "," | "—" | "–" => {
            // "X, speaking to reporters on Saturday, said": the subject precedes the parenthetical.
            let lo = (j - 1).saturating_sub(MAX_PARENTHETICAL);
            let m = (lo..j - 1).rev().find(|&m| !ts[m].quoted && ts[m].text(text) == pw)?;
            if m == 0 || m + 1 >= j - 1 || !ts[m - 1].word {
                return None;
            }
            np_backward(text, ts, m - 1).map(|(a, b)| span(ts, a, b, Form::SubjectVerb))
        }
        ")" => {
            // "Rep. Jane Doe (D-Ohio) said".
            let lo = (j - 1).saturating_sub(12);
            let m = (lo..j - 1).rev().find(|&m| ts[m].text(text) == "(")?;
            if m == 0 || !ts[m - 1].word {
                return None;
            }
            np_backward(text, ts, m - 1).map(|(a, b)| span(ts, a, b, Form::SubjectVerb))
        }
        _ => None,
    }
}

fn span(ts: &[Tok], a: usize, b: usize, form: Form) -> Attribution {
    Attribution { start: ts[a].start, end: ts[b].end, form }
}

/// Scans left from `end` for a noun phrase: capitalised words, modifiers and a determiner, stopping at
/// punctuation, quotations and clause words. Returns token indices `(first, end)`.
fn np_backward(text: &str, ts: &[Tok], end: usize) -> Option<(usize, usize)> {
    let mut buf = String::new();
    let head = lower(ts[end].text(text), &mut buf);
    if pronoun(head).is_some() {
        return Some((end, end));
    }
    if breaks_subject(head) || is_determiner(head) {
        return None;
    }
    let mut start = end;
    let mut k = end;
    loop {
        let t = ts[k];
        if !t.word || t.quoted {
            break;
        }
        let lw = lower(t.text(text), &mut buf);
        let initial = k == 0 || is_open_punct(ts[k - 1].text(text));
        if is_determiner(lw) {
            // "the head of the agency": keep going through "of".
            if k >= 2 && ts[k - 1].text(text) == "of" && ts[k - 2].word && !ts[k - 2].quoted {
                start = k;
                k -= 2;
                continue;
            }
            start = k;
            break;
        }
        if t.cap {
            if initial && is_sentence_opener(lw) {
                break;
            }
        } else if lw == "and" {
            let left_cap = k > 0 && ts[k - 1].cap && ts[k - 1].word;
            if !(left_cap && ts[start].cap) {
                break;
            }
        } else if lw == "of" {
            if !(k > 0 && ts[k - 1].word && ts[start].cap) {
                break;
            }
        } else if breaks_subject(lw) || pronoun(lw).is_some() {
            break;
        }
        start = k;
        if end - start + 1 >= MAX_NP || k == 0 {
            break;
        }
        k -= 1;
    }
    // A phrase that opens with "and"/"of" lost its left half.
    let first = ts[start].text(text);
    if matches!(first, "and" | "of") {
        return None;
    }
    Some((start, end))
}

/// Scans right from `from` for the subject of an inverted attribution ("said the official", "said Sen. Doe").
fn np_forward(text: &str, ts: &[Tok], from: usize) -> Option<(usize, usize)> {
    let mut buf = String::new();
    let first = ts.get(from)?;
    if !first.word || first.quoted {
        return None;
    }
    let fw = lower(first.text(text), &mut buf);
    if pronoun(fw).is_some() {
        return Some((from, from));
    }
    let det = is_determiner(fw);
    if !det && !first.cap {
        return None;
    }
    let mut end = from;
    let mut k = from + 1;
    while k < ts.len() && k - from < MAX_NP {
        let t = ts[k];
        if !t.word || t.quoted {
            break;
        }
        let lw = lower(t.text(text), &mut buf);
        if t.cap || (det && !breaks_subject(lw) && !is_determiner(lw)) {
            end = k;
            k += 1;
        } else {
            break;
        }
    }
    Some((from, end))
}

/// "according to X": X runs to the next punctuation mark or clause word.
fn according(text: &str, ts: &[Tok], i: usize) -> Option<Attribution> {
    if ts.get(i + 1).map(|t| t.text(text)) != Some("to") {
        return None;
    }
    let from = i + 2;
    let mut buf = String::new();
    let mut end = None;
    let mut k = from;
    while k < ts.len() && k - from < 12 {
        let t = ts[k];
        if !t.word || t.quoted {
            break;
        }
        let lw = lower(t.text(text), &mut buf);
        if matches!(lw, "who" | "which" | "that" | "because" | "when" | "while" | "after" | "before" | "as" | "since" | "if")
        {
            break;
        }
        end = Some(k);
        k += 1;
    }
    // Do not end on a dangling preposition or article.
    let mut end = end?;
    loop {
        let w = lower(ts[end].text(text), &mut buf);
        if !(breaks_subject(w) || is_determiner(w)) {
            break;
        }
        if end == from {
            return None;
        }
        end -= 1;
    }
    Some(Attribution { start: ts[from].start, end: ts[end].end, form: Form::AccordingTo })
}

#[cfg(test)]
mod tests {
    use super::super::{segment, tokens};
    use super::*;

    fn claimant(text: &str) -> Option<(String, Form)> {
        let mut quotes = Vec::new();
        segment::quote_spans(text, 0, &mut quotes);
        let mut ts = Vec::new();
        tokens::tokenize(text, 0, text.len(), &quotes, &mut ts);
        find(text, &ts).map(|a| (text[a.start..a.end].to_string(), a.form))
    }

    fn who(text: &str) -> Option<String> {
        claimant(text).map(|(c, _)| c)
    }

    #[test]
    fn subject_before_speech_verb() {
        assert_eq!(who("“We will vote,” the official said."), Some("the official".into()));
        assert_eq!(who("Jane Doe said the plan had failed."), Some("Jane Doe".into()));
        assert_eq!(who("A senior Foreign Ministry official told reporters they were hopeful."), Some("A senior Foreign Ministry official".into()));
        assert_eq!(who("“It is done,” the statement reads, adding that talks continue."), Some("the statement".into()));
        assert_eq!(who("The mayor said in a statement that 40 homes burned."), Some("The mayor".into()));
        assert_eq!(who("Asked about the deal, the official said: “We will see.”"), Some("the official".into()));
        assert_eq!(who("Senior officials later told reporters that the talks were hard."), Some("Senior officials".into()));
    }

    #[test]
    fn pronoun_and_titled_subjects() {
        assert_eq!(who("“It failed,” he said."), Some("he".into()));
        assert_eq!(who("It’s a “bad policy,” Mr. Doe said."), Some("Mr. Doe".into()));
        assert_eq!(who("Rep. Ann Roe (D-Ohio) said the bill was dead."), Some("Rep. Ann Roe".into()));
    }

    #[test]
    fn subject_behind_a_parenthetical() {
        assert_eq!(
            who("Doe, speaking with reporters aboard the plane on Saturday, said the deal would save lives."),
            Some("Doe".into())
        );
        assert_eq!(who("Describing the talks, Doe said that they went well."), Some("Doe".into()));
    }

    #[test]
    fn inverted_attribution() {
        assert_eq!(claimant("“We are ready,” said Gov. Ann Roe."), Some(("Gov. Ann Roe".into(), Form::Inverted)));
        assert_eq!(who("“We are ready,” said the spokesman, who declined to elaborate."), Some("the spokesman".into()));
    }

    #[test]
    fn according_to() {
        assert_eq!(
            claimant("According to the joint statement, the two sides “agreed to talk.”"),
            Some(("the joint statement".into(), Form::AccordingTo))
        );
        assert_eq!(who("Turnout rose 12 percent, according to election officials."), Some("election officials".into()));
    }

    #[test]
    fn quoted_speech_verbs_and_non_attributions_are_ignored() {
        assert_eq!(who("“What the report says is clear,” the minister added."), Some("the minister".into()));
        assert_eq!(who("“The report says it all.”"), None);
        assert_eq!(who("She declined to say whether the plan worked."), None);
        assert_eq!(who("The company announced a new plant in Ohio."), None);
        assert_eq!(who("The company announced that it would close the plant."), Some("The company".into()));
    }
}
