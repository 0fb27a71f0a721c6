//! Splits an article into story blocks: paragraphs (or runs of lines) of story text, with chrome lines,
//! highlight bullets, headline-like lines and leading datelines removed.

use super::chrome::{dateline_len, is_chrome_line, is_highlights_header};

/// True when the line ends like a sentence (allowing closing quotes and brackets after the punctuation).
pub(crate) fn is_terminated(line: &str) -> bool {
    let t = line.trim_end().trim_end_matches(|c: char| is_closer(c));
    t.ends_with(['.', '!', '?', '…', ':', '。', '！', '？', '؟'])
}

/// Closing quotation marks and brackets that may follow sentence-final punctuation.
pub(crate) fn is_closer(c: char) -> bool {
    matches!(c, '"' | '”' | '’' | '\'' | '»' | ')' | ']' | '›')
}

/// A run of story text (one or more lines of one paragraph), as byte offsets into the article.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Block {
    pub start: usize,
    pub end: usize,
    /// Paragraph number (paragraphs are separated by blank lines).
    pub para: usize,
}

struct Line {
    start: usize,
    end: usize,
    para: usize,
}

/// Splits a normalised article into story blocks, dropping chrome lines, highlight bullets, unterminated
/// headline-like lines and leading datelines.
pub(crate) fn story_blocks(text: &str) -> Vec<Block> {
    let mut lines = Vec::new();
    let mut para = 0usize;
    let mut pos = 0usize;
    for raw in text.split('\n') {
        let start = pos;
        pos += raw.len() + 1;
        let lead = raw.len() - raw.trim_start().len();
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            para += 1;
            continue;
        }
        lines.push(Line {
            start: start + lead,
            end: start + lead + trimmed.len(),
            para,
        });
    }

    let mut keep = vec![true; lines.len()];
    let mut i = 0;
    while i < lines.len() {
        let line = &text[lines[i].start..lines[i].end];
        if is_highlights_header(line) {
            keep[i] = false;
            skip_highlights(text, &lines, &mut keep, i + 1);
        } else if is_chrome_line(line) {
            keep[i] = false;
        }
        i += 1;
    }

    let mut blocks: Vec<Block> = Vec::new();
    let mut seen_story = false;
    let mut story_lines = 0usize;
    let mut prev: Option<(usize, bool, usize)> = None; // (para, terminated, len) of the last kept line
    for (k, line) in lines.iter().enumerate() {
        if !keep[k] {
            prev = None;
            continue;
        }
        let mut start = line.start;
        if story_lines < 3 {
            if let Some(n) = dateline_len(&text[start..line.end]) {
                start += n;
            }
        }
        let body = &text[start..line.end];
        if body.trim().is_empty() {
            continue;
        }
        story_lines += 1;
        let terminated = is_terminated(body);
        let words = body.split_whitespace().count();
        // Headlines and labels: no final punctuation and short, or anything unterminated above the story.
        if !terminated && (words <= 20 || !seen_story) {
            prev = None;
            continue;
        }
        seen_story |= terminated;
        let join = match (prev, blocks.last_mut()) {
            (Some((p, prev_term, prev_len)), Some(last)) if p == line.para && !prev_term => {
                let lower_next = body.chars().next().is_some_and(char::is_lowercase);
                if lower_next || prev_len >= 60 {
                    last.end = line.end;
                    true
                } else {
                    false
                }
            }
            _ => false,
        };
        if !join {
            blocks.push(Block {
                start,
                end: line.end,
                para: line.para,
            });
        }
        prev = Some((line.para, terminated, body.len()));
    }
    blocks
}

/// Drops the bullets under a highlights header: everything up to a dateline if one follows soon, otherwise
/// the following unterminated or bulleted lines.
fn skip_highlights(text: &str, lines: &[Line], keep: &mut [bool], from: usize) {
    let horizon = lines.len().min(from + 12);
    let dateline_at =
        (from..horizon).find(|&k| dateline_len(&text[lines[k].start..lines[k].end]).is_some());
    if let Some(d) = dateline_at {
        for flag in keep.iter_mut().take(d).skip(from) {
            *flag = false;
        }
        return;
    }
    for k in from..horizon {
        let line = &text[lines[k].start..lines[k].end];
        let bullet = line.starts_with(['•', '*', '-', '–', '·']);
        if bullet || !is_terminated(line) {
            keep[k] = false;
        } else {
            break;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn story_blocks_skip_chrome_highlights_and_headlines() {
        let text = "Leaders meet at summit\n02:51 - Source: CNN\n\nStory highlights\n\nThe two met\n\nA deal was \
                    signed\n\nCAPITAL CITY, Ruritania CNN  — \n\nThe leaders met on Saturday.\n\nJane Doe \
                    contributed to this report.";
        let blocks = story_blocks(text);
        let texts: Vec<&str> = blocks.iter().map(|b| &text[b.start..b.end]).collect();
        assert_eq!(texts, vec!["The leaders met on Saturday."]);
    }

    #[test]
    fn dateline_opening_the_first_paragraph_is_stripped() {
        let text = "WASHINGTON (AP) — The House passed the bill 220-210 on Friday.\n\nIt now goes to the Senate.";
        let blocks = story_blocks(text);
        assert_eq!(
            &text[blocks[0].start..blocks[0].end],
            "The House passed the bill 220-210 on Friday."
        );
        assert_eq!(blocks.len(), 2);
    }
}
