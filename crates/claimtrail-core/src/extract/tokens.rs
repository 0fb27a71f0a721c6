//! A small word tokenizer over one sentence. Tokens keep absolute byte offsets into the article.

use super::lexicon::abbreviation;

/// One token: a word (letters, digits, marks, with internal `'’.-&/,:` joiners) or one punctuation mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Tok {
    pub start: usize,
    pub end: usize,
    pub word: bool,
    /// Inside a quotation (the quotation marks themselves are not).
    pub quoted: bool,
    /// Starts with an upper-case letter (or is a particle name such as "al-Assad").
    pub cap: bool,
}

impl Tok {
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        text.get(self.start..self.end).unwrap_or("")
    }
}

/// Punctuation that is a token on its own (never part of a word).
pub(crate) fn is_punct(c: char) -> bool {
    matches!(
        c,
        ',' | ';'
            | ':'
            | '.'
            | '!'
            | '?'
            | '"'
            | '“'
            | '”'
            | '„'
            | '‘'
            | '’'
            | '\''
            | '«'
            | '»'
            | '‹'
            | '›'
            | '('
            | ')'
            | '['
            | ']'
            | '{'
            | '}'
            | '—'
            | '–'
            | '-'
            | '…'
            | '/'
            | '\\'
            | '|'
            | '¿'
            | '¡'
            | '。'
            | '，'
            | '：'
            | '；'
            | '！'
            | '？'
            | '、'
            | '·'
            | '•'
            | '*'
            | '<'
            | '>'
            | '~'
            | '_'
            | '='
            | '+'
            | '^'
            | '`'
            | '¶'
            | '§'
            | '؟'
            | '،'
    )
}

/// Characters that join two word characters into one word ("don't", "U.S", "al-Assad", "1,000", "2:51").
fn is_joiner(c: char) -> bool {
    matches!(c, '\'' | '’' | '.' | '-' | '&' | '/' | ',' | ':')
}

fn is_word_char(c: char) -> bool {
    !c.is_whitespace() && !is_punct(c)
}

/// True when `w` starts with a capital, or is a particle name such as "al-Assad" / "bin-Laden".
fn is_cap(w: &str) -> bool {
    let mut chars = w.chars();
    match chars.next() {
        Some(c) if c.is_uppercase() => true,
        Some(c) if c.is_lowercase() => {
            let (head, tail) = w.split_once('-').unwrap_or(("", ""));
            matches!(head, "al" | "el" | "ad" | "as" | "ash" | "at" | "bin" | "ibn" | "abu")
                && tail.chars().next().is_some_and(char::is_uppercase)
        }
        _ => false,
    }
}

/// Tokenizes `text[start..end]`, appending to `out`. `quotes` are the article's quotation spans, sorted.
pub(crate) fn tokenize(text: &str, start: usize, end: usize, quotes: &[(usize, usize)], out: &mut Vec<Tok>) {
    let Some(s) = text.get(start..end) else { return };
    let mut q = quotes.partition_point(|&(_, e)| e <= start);
    let mut iter = s.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        if c.is_whitespace() {
            continue;
        }
        let tok_start = start + i;
        let mut tok_end = tok_start + c.len_utf8();
        let word = is_word_char(c);
        if word {
            while let Some(&(k, n)) = iter.peek() {
                if is_word_char(n) {
                    tok_end = start + k + n.len_utf8();
                    iter.next();
                } else if is_joiner(n) {
                    // A joiner continues the word only when a word character follows it.
                    let after = s[k + n.len_utf8()..].chars().next();
                    let digits_only = matches!(n, ',' | ':');
                    let prev_digit = text[..start + k].chars().next_back().is_some_and(|p| p.is_ascii_digit());
                    let ok = match after {
                        Some(a) if digits_only => prev_digit && a.is_ascii_digit(),
                        Some(a) => is_word_char(a),
                        None => false,
                    };
                    if !ok {
                        break;
                    }
                    iter.next();
                } else {
                    break;
                }
            }
            // A final period belongs to abbreviations, dotted acronyms and initials.
            if let Some(&(k, '.')) = iter.peek() {
                let w = &text[tok_start..tok_end];
                let single_cap = w.chars().count() == 1 && w.chars().all(char::is_uppercase);
                let dotted = w.contains('.') && w.chars().any(char::is_alphabetic);
                if abbreviation(w).is_some() || single_cap || dotted {
                    tok_end = start + k + 1;
                    iter.next();
                }
            }
        }
        while q < quotes.len() && quotes[q].1 <= tok_start {
            q += 1;
        }
        let quoted = quotes.get(q).is_some_and(|&(qs, qe)| qs < tok_start && tok_end < qe);
        let cap = word && is_cap(&text[tok_start..tok_end]);
        out.push(Tok { start: tok_start, end: tok_end, word, quoted, cap });
    }
}

/// Writes the lower-case form of `w` into `buf` when it has upper-case letters, and returns it.
pub(crate) fn lower<'a>(w: &'a str, buf: &'a mut String) -> &'a str {
    if w.chars().any(char::is_uppercase) {
        buf.clear();
        buf.extend(w.chars().flat_map(char::to_lowercase));
        buf.as_str()
    } else {
        w
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        let mut out = Vec::new();
        tokenize(text, 0, text.len(), &[], &mut out);
        out.iter().map(|t| t.text(text)).collect()
    }

    #[test]
    fn tokenizes_names_numbers_and_abbreviations() {
        assert_eq!(
            words("Mr. Trump’s U.S. aides paid $1,000 (44%) at 2:51 p.m., al-Assad said."),
            vec![
                "Mr.", "Trump’s", "U.S.", "aides", "paid", "$1,000", "(", "44%", ")", "at", "2:51", "p.m.", ",",
                "al-Assad", "said", "."
            ]
        );
        assert_eq!(words("one, two: three"), vec!["one", ",", "two", ":", "three"]);
    }

    #[test]
    fn marks_quoted_tokens_and_capitals() {
        let text = "“We won,” Doe said.";
        let mut quotes = Vec::new();
        super::super::segment::quote_spans(text, 0, &mut quotes);
        let mut out = Vec::new();
        tokenize(text, 0, text.len(), &quotes, &mut out);
        let quoted: Vec<bool> = out.iter().map(|t| t.quoted).collect();
        assert_eq!(quoted, vec![false, true, true, true, false, false, false, false]);
        assert!(out[5].cap && !out[6].cap);
    }
}
