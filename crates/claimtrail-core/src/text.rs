//! Text normalisation and character-offset helpers.
//!
//! Claim spans are Unicode scalar (char) offsets into the *normalised* text, which is what the store keeps as
//! `article.text`. The original bytes are kept separately as evidence.

use std::borrow::Cow;

use unicode_normalization::{IsNormalized, UnicodeNormalization};

/// Normalises article text: strips a BOM, turns CRLF/CR into LF, applies Unicode NFC, drops trailing spaces on
/// each line, collapses three or more blank lines into one blank line and trims the ends.
pub fn normalize(raw: &str) -> String {
    let raw = raw.strip_prefix('\u{feff}').unwrap_or(raw);
    // Most text has no CR and is NFC already (a quick check proves it for nearly all of it): it is then
    // read as it is, not copied twice on the way.
    let unified: Cow<'_, str> = if raw.contains('\r') {
        Cow::Owned(raw.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        Cow::Borrowed(raw)
    };
    let nfc: Cow<'_, str> = match unicode_normalization::is_nfc_quick(unified.chars()) {
        IsNormalized::Yes => unified,
        IsNormalized::No | IsNormalized::Maybe => Cow::Owned(unified.nfc().collect()),
    };
    let mut out = String::with_capacity(nfc.len());
    let mut blank_run = 0usize;
    for line in nfc.split('\n') {
        let line = line.trim_end();
        if line.is_empty() {
            blank_run += 1;
            continue;
        }
        if !out.is_empty() {
            out.push('\n');
            if blank_run > 0 {
                out.push('\n');
            }
        }
        blank_run = 0;
        out.push_str(line);
    }
    out
}

/// Converts a byte offset into `text` to a char offset. Offsets inside a character round down.
pub fn byte_to_char(text: &str, byte: usize) -> usize {
    let byte = byte.min(text.len());
    text.char_indices().take_while(|(i, _)| *i < byte).count()
}

/// Slices `text` by char offsets (end exclusive). Out-of-range offsets are clamped.
pub fn slice_chars(text: &str, start: usize, end: usize) -> &str {
    let mut indices = text
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(text.len()));
    let from = indices.by_ref().nth(start).unwrap_or(text.len());
    let to = if end > start {
        indices.nth(end - start - 1).unwrap_or(text.len())
    } else {
        from
    };
    &text[from..to.max(from)]
}

/// Maps byte offsets to char offsets in one pass for many positions (positions must be sorted ascending).
pub struct CharIndex {
    /// `starts[k]` is the byte offset of char `k`; the last element is `text.len()`.
    starts: Vec<usize>,
}

impl CharIndex {
    pub fn new(text: &str) -> Self {
        let mut starts: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        starts.push(text.len());
        Self { starts }
    }

    /// Char offset of the char starting at (or containing) `byte`.
    pub fn char_at(&self, byte: usize) -> usize {
        match self.starts.binary_search(&byte) {
            Ok(k) => k,
            Err(k) => k.saturating_sub(1),
        }
    }

    /// Number of chars in the text.
    pub fn len_chars(&self) -> usize {
        self.starts.len() - 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_unifies_line_endings_and_blank_runs() {
        let raw = "\u{feff}Title  \r\n\r\n\r\n\r\nFirst para.\rSecond line\n\n";
        assert_eq!(normalize(raw), "Title\n\nFirst para.\nSecond line");
    }

    #[test]
    fn normalize_composes_combining_characters() {
        assert_eq!(normalize("Cafe\u{301}"), "Caf\u{e9}");
        // A decomposed letter after composed text, and a CR, still go through the full path.
        assert_eq!(
            normalize("Zürich\r\nA\u{30a} and \u{212b}"),
            "Zürich\n\u{c5} and \u{c5}"
        );
        let composed = "Zürich “quoted” — Σύνταγμα, naïve 👍";
        assert_eq!(normalize(composed), composed);
    }

    #[test]
    fn char_offsets_slice_multibyte_text() {
        let text = "Näive “quote” 👍 end";
        let b = text.find('“').unwrap_or(0);
        let c = byte_to_char(text, b);
        assert_eq!(c, 6);
        assert_eq!(slice_chars(text, 6, 13), "“quote”");
        assert_eq!(slice_chars(text, 14, 15), "👍");
        let idx = CharIndex::new(text);
        assert_eq!(idx.char_at(b), 6);
        assert_eq!(idx.len_chars(), text.chars().count());
    }
}
