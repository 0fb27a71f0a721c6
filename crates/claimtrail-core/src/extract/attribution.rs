//! Finds who a sentence attributes its content to: "X said", "said X", "according to X", "X told reporters",
//! "the statement reads", "X said in a statement", "X said: “...”", "X, speaking to reporters, said ...".
//!
//! Only words outside quotation marks are considered, so "the joint statement indicates" inside a quote does
//! not attribute the quote to the statement.

use super::lexicon::{class, speech_class, SpeechVerb};
use super::subject::{left_subject, sentence_subject, subject_of};
use super::tokens::Tok;

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

/// Finds the attribution of one sentence's tokens (`ts`), if any.
///
/// A speech verb inside a parenthetical between dashes ("Pelosi — asked about Doe, who vowed to win — said")
/// counts only when the main clause has none. "According to X" gives way to a speech verb that follows it
/// ("According to writer X, Doe claims that ..." is Doe's claim, relayed by X).
pub(crate) fn find(text: &str, ts: &[Tok]) -> Option<Attribution> {
    let dashes: Vec<usize> = (0..ts.len())
        .filter(|&k| !ts[k].quoted && matches!(ts[k].text(text), "—" | "–" | "―"))
        .collect();
    let inside_dashes = |i: usize| {
        let before = dashes.iter().filter(|&&d| d < i).count();
        before % 2 == 1 && dashes.iter().any(|&d| d > i)
    };
    let mut according_hit = None;
    for pass in 0..2 {
        for i in 0..ts.len() {
            if (pass == 0) == inside_dashes(i) {
                continue;
            }
            let t = ts[i];
            if !t.word || t.quoted {
                continue;
            }
            if t.text(text).eq_ignore_ascii_case("according") {
                if according_hit.is_none() {
                    according_hit = according(text, ts, i);
                }
                continue;
            }
            if let Some(a) = verb_attribution(text, ts, i) {
                // After "According to X, ", only the main clause's own speaker takes over.
                let main_clause = |h: &Attribution| {
                    a.form == Form::SubjectVerb
                        && text.get(h.end..a.start).is_some_and(|g| g.trim() == ",")
                };
                match according_hit {
                    Some(h) if !main_clause(&h) => return Some(h),
                    _ => return Some(a),
                }
            }
        }
    }
    according_hit.or_else(|| participle(text, ts))
}

/// The attribution made by the word at `i` when it is a speech verb with a subject.
fn verb_attribution(text: &str, ts: &[Tok], i: usize) -> Option<Attribution> {
    let t = ts[i];
    let verb = speech_class(t.low)?;
    if i > 0 {
        let p = ts[i - 1].text(text);
        let negated = p.ends_with("n't") || p.ends_with("n’t");
        if negated
            || matches!(
                p,
                "to" | "would"
                    | "could"
                    | "should"
                    | "will"
                    | "may"
                    | "might"
                    | "can"
                    | "must"
                    | "not"
                    | "never"
            )
        {
            return None;
        }
    }
    if verb == SpeechVerb::Weak && !weak_is_attribution(text, ts, i) {
        return None;
    }
    if t.is(class::NOUN_VERB) && !verb_not_noun(text, ts, i) {
        return None;
    }
    let (a, b, inverted) = subject_of(text, ts, i)?;
    // "what Doe said", "how Doe described it": an embedded clause, not an attribution of the sentence.
    if !inverted
        && a > 0
        && matches!(
            ts[a - 1].text(text).to_ascii_lowercase().as_str(),
            "what" | "whatever" | "how"
        )
    {
        return None;
    }
    let form = if inverted {
        Form::Inverted
    } else {
        Form::SubjectVerb
    };
    Some(span(ts, a, b, form))
}

/// "Jane Doe addressed the report in a statement on Monday:" — the subject of a sentence that introduces a
/// quotation in the next paragraph.
pub(crate) fn intro(text: &str, ts: &[Tok]) -> Option<Attribution> {
    let (a, b) = sentence_subject(text, ts)?;
    Some(span(ts, a, b, Form::SubjectVerb))
}

/// ", saying ...", ", adding that ...", ", calling him “...”": the subject of the main clause is the source.
fn participle(text: &str, ts: &[Tok]) -> Option<Attribution> {
    // "“...,” Doe is shown saying.", "Doe can be heard saying": the subject of the passive verb.
    let shown = ts.iter().enumerate().position(|(k, t)| {
        k >= 3
            && t.word
            && !t.quoted
            && t.is(class::PARTICIPLE)
            && matches!(ts[k - 1].text(text), "shown" | "seen" | "heard")
            && matches!(ts[k - 2].text(text), "is" | "was" | "are" | "were" | "be")
    });
    if let Some(k) = shown {
        let mut j = k - 2;
        if j > 0 && matches!(ts[j - 1].text(text), "can" | "could") {
            j -= 1;
        }
        if let Some((a, b)) = j.checked_sub(1).and_then(|e| left_subject(text, ts, e)) {
            return Some(span(ts, a, b, Form::SubjectVerb));
        }
    }
    let at = ts.iter().enumerate().position(|(k, t)| {
        let next = ts.get(k + 1);
        let introduces =
            next.is_some_and(|n| matches!(n.text(text), ":" | "that" | "“" | "\"") || n.quoted);
        t.word
            && !t.quoted
            && t.is(class::PARTICIPLE)
            && k > 0
            && (ts[k - 1].text(text) == "," || introduces)
            && next.is_some_and(|n| !n.is(class::PREP))
    })?;
    let (a, b) = sentence_subject(text, &ts[..at])?;
    Some(span(ts, a, b, Form::SubjectVerb))
}

/// "reports", "claims", "notes" are verbs only before a clause, a quotation or the end of a clause, not
/// before a preposition or a lower-case word ("media reports about", "the claims made").
fn verb_not_noun(text: &str, ts: &[Tok], i: usize) -> bool {
    let Some(n) = ts.get(i + 1) else { return true };
    let w = n.text(text);
    if !n.word {
        return matches!(w, ":" | "," | "." | ";" | "“" | "\"");
    }
    n.quoted || n.cap || w == "that" || n.is(class::PRONOUN | class::DETERMINER)
}

/// A weak verb ("announced", "found") reports speech only before "that", a colon or next to a quotation.
fn weak_is_attribution(text: &str, ts: &[Tok], i: usize) -> bool {
    let next = ts.get(i + 1).map(|t| t.text(text));
    // "that ...", "...: “...”", and the parenthetical "X, Doe continued, Y".
    if matches!(next, Some("that" | ":" | ",")) {
        return true;
    }
    // "announced Thursday on the Senate floor that ...".
    if ts[i + 1..]
        .iter()
        .take(8)
        .take_while(|t| t.word && !t.quoted)
        .any(|t| t.text(text) == "that")
    {
        return true;
    }
    // "criticized the plan as reckless", "described him as a liar": a characterisation reported as speech.
    if matches!(
        ts[i].text(text),
        "criticized"
            | "criticised"
            | "described"
            | "characterized"
            | "characterised"
            | "dismissed"
            | "denounced"
            | "blasted"
            | "slammed"
            | "praised"
    ) && ts[i + 1..]
        .iter()
        .take(7)
        .take_while(|t| t.word && !t.quoted)
        .any(|t| t.text(text) == "as")
    {
        return true;
    }
    // "urged the council to act", "pressured Doe to resign": a request reported as speech.
    if matches!(ts[i].text(text), "urged" | "pressured" | "implored")
        && ts[i + 1..]
            .iter()
            .take(6)
            .take_while(|t| t.word && !t.quoted)
            .any(|t| t.text(text) == "to")
    {
        return true;
    }
    // "a charity called “Smiles for Life”" names something; "called the plan “a disaster”" characterises it.
    let naming = matches!(ts[i].text(text), "called" | "named" | "titled" | "dubbed")
        && ts.get(i + 1).is_some_and(|n| !n.word);
    let lo = i.saturating_sub(4);
    let hi = (i + 5).min(ts.len());
    !naming && ts[lo..hi].iter().any(|t| t.quoted)
}

fn span(ts: &[Tok], a: usize, b: usize, form: Form) -> Attribution {
    Attribution {
        start: ts[a].start,
        end: ts[b].end,
        form,
    }
}

/// "according to X": X runs to the next punctuation mark or clause word.
fn according(text: &str, ts: &[Tok], i: usize) -> Option<Attribution> {
    if ts.get(i + 1).map(|t| t.text(text)) != Some("to") {
        return None;
    }
    let from = i + 2;
    let mut end = None;
    let mut k = from;
    while k < ts.len() && k - from < 12 {
        let t = ts[k];
        if !t.word || t.quoted {
            break;
        }
        let lw = t.text(text);
        if matches!(
            lw,
            "who"
                | "which"
                | "that"
                | "because"
                | "when"
                | "while"
                | "after"
                | "before"
                | "as"
                | "since"
                | "if"
        ) {
            break;
        }
        end = Some(k);
        k += 1;
    }
    // Do not end on a dangling preposition or article.
    let mut end = end?;
    loop {
        let t = ts[end];
        let temporal = t.is(class::TEMPORAL) || t.exact & (class::WEEKDAY | class::MONTH) != 0;
        let participle = end > from + 1 && !t.cap && t.text(text).ends_with("ed");
        if !(t.is(class::BREAKS | class::DETERMINER) || temporal || participle) {
            break;
        }
        if end == from {
            return None;
        }
        end -= 1;
    }
    Some(Attribution {
        start: ts[from].start,
        end: ts[end].end,
        form: Form::AccordingTo,
    })
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
        assert_eq!(
            who("“We will vote,” the official said."),
            Some("the official".into())
        );
        assert_eq!(
            who("Jane Doe said the plan had failed."),
            Some("Jane Doe".into())
        );
        assert_eq!(
            who("A senior Foreign Ministry official told reporters they were hopeful."),
            Some("A senior Foreign Ministry official".into())
        );
        assert_eq!(
            who("“It is done,” the statement reads, adding that talks continue."),
            Some("the statement".into())
        );
        assert_eq!(
            who("The mayor said in a statement that 40 homes burned."),
            Some("The mayor".into())
        );
        assert_eq!(
            who("Asked about the deal, the official said: “We will see.”"),
            Some("the official".into())
        );
        assert_eq!(
            who("Senior officials later told reporters that the talks were hard."),
            Some("Senior officials".into())
        );
    }

    #[test]
    fn pronoun_and_titled_subjects() {
        assert_eq!(who("“It failed,” he said."), Some("he".into()));
        assert_eq!(
            who("It’s a “bad policy,” Mr. Doe said."),
            Some("Mr. Doe".into())
        );
        assert_eq!(
            who("Rep. Ann Roe (D-Ohio) said the bill was dead."),
            Some("Rep. Ann Roe".into())
        );
    }

    #[test]
    fn subject_behind_a_parenthetical() {
        assert_eq!(
            who("Doe, speaking with reporters aboard the plane on Saturday, said the deal would save lives."),
            Some("Doe".into())
        );
        assert_eq!(
            who("Describing the talks, Doe said that they went well."),
            Some("Doe".into())
        );
    }

    #[test]
    fn inverted_attribution() {
        assert_eq!(
            claimant("“We are ready,” said Gov. Ann Roe."),
            Some(("Gov. Ann Roe".into(), Form::Inverted))
        );
        assert_eq!(
            who("“We are ready,” said the spokesman, who declined to elaborate."),
            Some("the spokesman".into())
        );
    }

    #[test]
    fn party_tags_and_places_after_the_verb_are_not_speakers() {
        assert_eq!(
            who("“We will win,” Doe, D-Va., told reporters on Capitol Hill on Friday."),
            Some("Doe".into())
        );
        assert_eq!(
            who("Rep. Jane Roe (R-Ohio), the committee chairman, said the bill was dead."),
            Some("Rep. Jane Roe".into())
        );
        assert_eq!(
            who("The minister would not repeat what Mrs. Roe said about the budget."),
            None
        );
        assert_eq!(
            who("“Prices will fall,” Mr. Doe is shown saying."),
            Some("Mr. Doe".into())
        );
        assert_eq!(
            who("Senator Jane Doe has criticized the plan as reckless."),
            Some("Senator Jane Doe".into())
        );
        assert_eq!(
            who("Two council members praised the budget, but Sen. Jane Roe, D-Ohio, said it was too costly."),
            Some("Sen. Jane Roe".into())
        );
        assert_eq!(
            who("Union leaders pressured the mayor to sign the contract."),
            Some("Union leaders".into())
        );
    }

    #[test]
    fn according_to() {
        assert_eq!(
            claimant("According to the joint statement, the two sides “agreed to talk.”"),
            Some(("the joint statement".into(), Form::AccordingTo))
        );
        assert_eq!(
            who("Turnout rose 12 percent, according to election officials."),
            Some("election officials".into())
        );
    }

    #[test]
    fn quoted_speech_verbs_and_non_attributions_are_ignored() {
        assert_eq!(
            who("“What the report says is clear,” the minister added."),
            Some("the minister".into())
        );
        assert_eq!(who("“The report says it all.”"), None);
        assert_eq!(who("She declined to say whether the plan worked."), None);
        assert_eq!(who("The company announced a new plant in Ohio."), None);
        assert_eq!(
            who("The company announced that it would close the plant."),
            Some("The company".into())
        );
    }
}
