//! A small word tokenizer over one sentence. Tokens keep absolute byte offsets into the article.

use super::lexicon::{abbreviation, lex, lex_lower};

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
    /// Word classes of the word as written (see [`super::lexicon::class`]).
    pub exact: u64,
    /// Word classes of the lower-cased word.
    pub low: u64,
}

impl Tok {
    /// True when the lower-cased word is in any of the classes `bits`.
    pub fn is(&self, bits: u64) -> bool {
        self.low & bits != 0
    }
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
    if c.is_ascii() {
        // ASCII: letters, digits and the symbols that start amounts or handles ("$5", "44%", "@user", "#tag").
        c.is_ascii_alphanumeric() || matches!(c, '$' | '%' | '@' | '#' | '&')
    } else {
        !c.is_whitespace() && !is_punct(c)
    }
}

/// True when `w` starts with a capital, or is a particle name such as "al-Assad" / "bin-Laden".
fn is_cap(w: &str) -> bool {
    let mut chars = w.chars();
    match chars.next() {
        Some(c) if c.is_uppercase() => true,
        Some(c) if c.is_lowercase() => {
            let (head, tail) = w.split_once('-').unwrap_or(("", ""));
            matches!(
                head,
                "al" | "el" | "ad" | "as" | "ash" | "at" | "bin" | "ibn" | "abu"
            ) && tail.chars().next().is_some_and(char::is_uppercase)
        }
        _ => false,
    }
}

/// Decodes the char at byte `i` of `s` (which must be a char boundary), with an ASCII fast path.
fn char_at(s: &str, bytes: &[u8], i: usize) -> Option<(char, usize)> {
    let b = *bytes.get(i)?;
    if b < 0x80 {
        Some((b as char, 1))
    } else {
        s.get(i..)?.chars().next().map(|c| (c, c.len_utf8()))
    }
}

/// Tokenizes `text[start..end]`, appending to `out`. `quotes` are the article's quotation spans, sorted.
pub(crate) fn tokenize(
    text: &str,
    start: usize,
    end: usize,
    quotes: &[(usize, usize)],
    out: &mut Vec<Tok>,
) {
    let Some(s) = text.get(start..end) else {
        return;
    };
    let bytes = s.as_bytes();
    let mut q = quotes.partition_point(|&(_, e)| e <= start);
    let mut i = 0usize;
    while let Some((c, clen)) = char_at(s, bytes, i) {
        if c.is_whitespace() {
            i += clen;
            continue;
        }
        let mut j = i + clen;
        let word = is_word_char(c);
        if word {
            while let Some((n, nlen)) = char_at(s, bytes, j) {
                if is_word_char(n) {
                    j += nlen;
                    continue;
                }
                if !is_joiner(n) {
                    break;
                }
                // A joiner continues the word only when a word character follows it.
                let after = char_at(s, bytes, j + nlen).map(|(a, _)| a);
                let ok = match after {
                    Some(a) if matches!(n, ',' | ':') => {
                        bytes[j - 1].is_ascii_digit() && a.is_ascii_digit()
                    }
                    Some(a) => is_word_char(a),
                    None => false,
                };
                if !ok {
                    break;
                }
                j += nlen;
            }
            // A final period belongs to abbreviations, dotted acronyms and initials.
            if bytes.get(j) == Some(&b'.') {
                let w = &s[i..j];
                let single_cap = w.len() == 1 && bytes[i].is_ascii_uppercase();
                let dotted = w.contains('.') && w.chars().any(char::is_alphabetic);
                if single_cap || dotted || abbreviation(w).is_some() {
                    j += 1;
                }
            }
        }
        let (tok_start, tok_end) = (start + i, start + j);
        while q < quotes.len() && quotes[q].1 <= tok_start {
            q += 1;
        }
        let quoted = quotes
            .get(q)
            .is_some_and(|&(qs, qe)| qs < tok_start && tok_end < qe);
        let w = &s[i..j];
        let cap = word && is_cap(w);
        let (exact, low) = if word {
            let exact = lex(w);
            let low = if c.is_uppercase() {
                lex_lower(w)
            } else {
                exact
            };
            (exact, low)
        } else {
            (0, 0)
        };
        out.push(Tok {
            start: tok_start,
            end: tok_end,
            word,
            quoted,
            cap,
            exact,
            low,
        });
        i = j;
    }
}

/// Writes the lower-case form of `w` into `buf` when it starts with an upper-case letter, and returns it.
/// (Words with a lower-case first letter are returned as they are: the word lists are lower case.)
pub(crate) fn lower<'a>(w: &'a str, buf: &'a mut String) -> &'a str {
    if w.chars().next().is_some_and(char::is_uppercase) {
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
                "Mr.",
                "Trump’s",
                "U.S.",
                "aides",
                "paid",
                "$1,000",
                "(",
                "44%",
                ")",
                "at",
                "2:51",
                "p.m.",
                ",",
                "al-Assad",
                "said",
                "."
            ]
        );
        assert_eq!(
            words("one, two: three"),
            vec!["one", ",", "two", ":", "three"]
        );
    }

    #[test]
    fn marks_quoted_tokens_and_capitals() {
        let text = "“We won,” Doe said.";
        let mut quotes = Vec::new();
        super::super::segment::quote_spans(text, 0, &mut quotes);
        let mut out = Vec::new();
        tokenize(text, 0, text.len(), &quotes, &mut out);
        let quoted: Vec<bool> = out.iter().map(|t| t.quoted).collect();
        assert_eq!(
            quoted,
            vec![false, true, true, true, false, false, false, false]
        );
        assert!(out[5].cap && !out[6].cap);
    }
}
