//! Page chrome: lines that belong to the web page rather than to the story (captions, photo credits, video
//! labels, "Story highlights" blocks, bylines, datelines, "Updated ..." stamps, contributor lines), and the
//! split of an article into story blocks.

use std::sync::LazyLock;

use regex::Regex;

/// Photo credits and agency slugs ("/ AFP PHOTO /", "(Photo credit should read ...)", "Getty Images").
static CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?-u:\b)AFP\s+PHOTO(?-u:\b)|(?-u:\b)AP\s+Photo(?-u:\b)|(?-u:\b)photo\s+credit(?-u:\b)|(?-u:\b)getty\s+images(?-u:\b)|\((?:photo|image|picture)s?\s*(?::|by(?-u:\b)|credit(?-u:\b)|courtesy(?-u:\b))|^(?:photo|photograph|image|picture|caption|credit)s?\s*:|(?-u:\b)image\s+(?:copyright|caption)(?-u:\b)|\s/\s*(?:AFP|Reuters|AP|EPA|Getty|Xinhua)(?-u:\b)|(?-u:\b)(?:AFP|Reuters|EPA|Getty)\s*/\s|(?-u:\b)photo\s+illustration(?-u:\b)|(?-u:\b)file\s+photo(?-u:\b)|(?-u:\b)shutterstock(?-u:\b)|(?-u:\b)photos?\s+by\s+\p{Lu}|(?-u:\b)credit:\s",
    )
});

/// Position markers of photo captions: "(L)", "(R)", "(C)", "(from left)", ...
static POSITION: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\((?:L|R|C|L-R|R-L|L to R|(?i:left|right|center|centre|from left|from right|front|rear|back row|front row|second from left|second from right|clockwise from top left))\)",
    )
});

/// Video labels: "02:51 - Source: CNN", "Source: CNN", "Video: ...".
static VIDEO: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(?:\d{1,2}:\d{2}(?::\d{2})?\s*(?:[-–—|]\s*)?(?:source\s*:.*)?|(?:video\s+)?source\s*:.*|(?:video|watch|now playing|play video|related video|media caption|video caption)\s*:.*)$",
    )
});

/// Lines that start like chrome whatever follows.
static PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(?:read more|related|see also|more from|watch|click here|sign up(?-u:\b)|subscribe(?-u:\b)|follow us|follow @|copyright(?-u:\b)|©|all rights reserved|correction\s*:|clarification\s*:|editor['’]s note|an earlier version of this|(?:additional |reuters )?reporting by(?-u:\b)|writing by(?-u:\b)|editing by(?-u:\b)|compiled by(?-u:\b)|this (?:post|story|article|report) (?:has been|was) (?:updated|corrected|revised))",
    )
});

/// Contributor lines: "CNN's Jane Doe contributed to this report."
static CONTRIBUTED: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?-u:\b)contributed (?:reporting |research )?(?:to|for) (?:this|the) (?:report|story|article)|(?-u:\b)contributed reporting(?-u:\b)|(?-u:\b)contributed to this(?-u:\b)",
    )
});

/// "Updated 1:23 PM ET, Sat November 11, 2017", "Published 10:02 GMT".
static UPDATED: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(?:updated|published|posted|last updated|first published|last modified|modified|update)\s*:?\s+(?:on\s+|at\s+)?(?:\d|(?:mon|tue|wed|thu|fri|sat|sun|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*(?-u:\b))[^.!?]{0,90}\d",
    )
});

/// Embedded-post signatures: "— Jane Doe (@janedoe) November 11, 2017".
static EMBED_SIGNATURE: LazyLock<Regex> = LazyLock::new(|| {
    re(r"^[—–-]\s*[^()]{1,60}\(@\w{1,30}\)\s+\p{Lu}\p{Ll}+\.?\s+\d{1,2},\s+\d{4}$")
});

/// A dateline at the start of a line: place, optional date, optional outlet, dash.
static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(?P<place>\p{Lu}[\p{L}\p{M}.'’-]*(?:[ ]+(?:\p{Lu}[\p{L}\p{M}.'’-]*|de|del|la|el|al|do|da|du)){0,3})(?:,[ ]+(?:(?P<date>(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?[ ]+\d{1,2}(?:,[ ]+\d{4})?)|(?P<place2>\p{Lu}[\p{L}\p{M}.'’-]*(?:[ ]+\p{Lu}[\p{L}\p{M}.'’-]*){0,2})))?(?:,?[ ]+(?P<date2>(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?[ ]+\d{1,2}(?:,[ ]+\d{4})?))?[ ]*(?P<outlet>\([^()\n]{1,40}\)|CNN|AP|AFP|Reuters|UPI|Bloomberg|dpa|Xinhua|BBC|NPR)?[ ]*(?P<dash>—|–|--|-)?[ ]*",
    )
});

fn re(pattern: &str) -> Regex {
    // The patterns are constants checked by the unit tests; an invalid one would be a programming error.
    #[allow(clippy::expect_used)]
    Regex::new(pattern).expect("valid chrome regex")
}

const AGENCIES: &[&str] = &[
    "CNN",
    "AP",
    "AFP",
    "Reuters",
    "UPI",
    "Bloomberg",
    "dpa",
    "Xinhua",
    "BBC",
    "NPR",
];

/// Headers whose following bullets summarise the story (lower case, `|`-separated).
const HIGHLIGHT_HEADERS: &str =
    "story highlights|highlights|key points|key takeaways|what we know|\
    what you need to know|in brief|at a glance";

/// Single-line labels that are page furniture (lower case, `|`-separated).
const LABELS: &str = "related|related articles|related stories|related content|related coverage|read more|more|\
    advertisement|share|share this|share this article|share this story|follow|sign up|subscribe|\
    site mobile navigation|skip to content|skip to main content|top stories|most popular|most read|trending|\
    comments|print|email|newsletter|loading|close|menu|search|home|live updates|photo|photos|video|videos|image|\
    gallery|update|updated|ad|sponsored|opinion";

/// Lower-case words allowed in a byline besides names.
const BYLINE_WORDS: &str =
    "and|the|de|van|von|der|da|of|staff|writer|reporter|correspondent|editor|contributor|in|\
    for|bureau|chief|senior|political|at|with|and/or";

fn in_list(list: &str, w: &str) -> bool {
    list.split('|').any(|l| l == w)
}

/// The line lower-cased without a final colon, when it is short enough to be a label.
fn label_key(line: &str) -> Option<String> {
    (line.len() <= 40).then(|| line.trim().trim_end_matches([':', ' ']).to_lowercase())
}

/// Single-line labels that are chrome on their own ("Story highlights", "Advertisement", ...).
fn is_label(line: &str) -> bool {
    label_key(line).is_some_and(|k| in_list(LABELS, &k) || in_list(HIGHLIGHT_HEADERS, &k))
}

/// True for a "Story highlights"-style header whose following bullets are a summary, not the story.
pub(crate) fn is_highlights_header(line: &str) -> bool {
    label_key(line).is_some_and(|k| in_list(HIGHLIGHT_HEADERS, &k))
}

/// Bylines: "By Jane Doe, CNN", "By JANE DOE and JOHN ROE | Reuters".
fn is_byline(line: &str) -> bool {
    let Some(rest) = line
        .strip_prefix("By ")
        .or_else(|| line.strip_prefix("BY "))
    else {
        return false;
    };
    if line.len() > 120 || rest.split_whitespace().count() > 14 {
        return false;
    }
    rest.split_whitespace().all(|w| {
        let w = w.trim_matches(|c: char| matches!(c, ',' | ';' | '|' | '(' | ')' | '.'));
        w.is_empty()
            || w.chars().next().is_some_and(|c| !c.is_lowercase())
            || in_list(BYLINE_WORDS, w)
    })
}

/// Byte length of a dateline that opens `line` ("WASHINGTON (Reuters) - ", "Da Nang, Vietnam CNN  — "),
/// including the whitespace after it. `None` when the line does not open with one.
pub(crate) fn dateline_len(line: &str) -> Option<usize> {
    // A dateline is short: only its first 120 bytes matter, and it needs a dash or an outlet in brackets.
    let mut cut = line.len().min(120);
    while !line.is_char_boundary(cut) {
        cut -= 1;
    }
    let head = &line[..cut];
    if !head.contains(['—', '–', '-', '(']) && !AGENCIES.iter().any(|a| head.contains(a)) {
        return None;
    }
    let caps = DATELINE.captures(head)?;
    let whole = caps.get(0)?;
    let place = caps.name("place")?.as_str();
    if place.len() > 48 {
        return None;
    }
    let outlet = caps.name("outlet").map(|m| m.as_str());
    let has_dash = caps.name("dash").is_some();
    let has_comma = caps.name("place2").is_some();
    let letters = place.chars().filter(|c| c.is_alphabetic()).count();
    let all_caps = letters >= 3 && !place.chars().any(char::is_lowercase);
    let known_agency = outlet.is_some_and(|o| {
        let inner = o.trim_matches(|c| c == '(' || c == ')').trim();
        AGENCIES
            .iter()
            .any(|a| inner == *a || inner.starts_with(&format!("{a} ")))
            || inner.eq_ignore_ascii_case("Associated Press")
    });
    let rest = &line[whole.end()..];
    let ok = if has_dash {
        has_comma || all_caps || outlet.is_some()
    } else {
        // "Washington (CNN)President ..." or "WASHINGTON (AP) President ...".
        known_agency && outlet.is_some_and(|o| o.starts_with('('))
    };
    if !ok {
        return None;
    }
    // The story after a dateline opens with a capital, a digit or a quotation mark.
    match rest.chars().next() {
        None => Some(whole.end()),
        Some(c) if c.is_lowercase() => None,
        Some(_) => Some(whole.end()),
    }
}

/// True when a line is page chrome rather than story text (captions, credits, video labels, bylines, ...).
/// Headlines are not chrome: the importer uses the first non-chrome line as a title.
pub fn is_chrome_line(line: &str) -> bool {
    let line = line.trim();
    if line.is_empty() {
        return true;
    }
    if is_label(line)
        || is_byline(line)
        || (line.starts_with(['—', '–', '-']) && EMBED_SIGNATURE.is_match(line))
    {
        return true;
    }
    if line.len() <= 400
        && ((line.contains("ontributed") && CONTRIBUTED.is_match(line)) || PREFIX.is_match(line))
    {
        return true;
    }
    if line.len() <= 120 && (VIDEO.is_match(line) || UPDATED.is_match(line)) {
        return true;
    }
    if CREDIT.is_match(line) {
        return true;
    }
    if line.contains('(') && has_caption_positions(line) {
        return true;
    }
    // A dateline alone on its line.
    line.len() <= 80 && dateline_len(line).is_some_and(|n| n >= line.len())
}

/// Two different position markers ("(L)" and "(R)") make a photo caption; one "(R)" may be a party label.
fn has_caption_positions(line: &str) -> bool {
    let mut first: Option<&str> = None;
    for m in POSITION.find_iter(line) {
        let s = m.as_str();
        let wordy = s.len() > 3;
        if wordy && !matches!(s, "(L-R)" | "(R-L)") {
            return true;
        }
        match first {
            None => first = Some(s),
            Some(f) if f != s => return true,
            Some(_) => {}
        }
        if matches!(s, "(L-R)" | "(R-L)" | "(L to R)") {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn photo_captions_and_credits_are_chrome() {
        assert!(is_chrome_line(
            "US President Jane Roe (L) shakes hands with Ruritania's President John Doe (R) as they pose."
        ));
        assert!(is_chrome_line(
            "Delegates arrive for the summit. / AFP PHOTO / Agency Name / STR"
        ));
        assert!(is_chrome_line(
            "(Photo credit should read STR/AFP/Getty Images)"
        ));
        assert!(is_chrome_line("Photo: Jane Doe/Reuters"));
        assert!(is_chrome_line(
            "Protesters gather outside parliament. (AP Photo/John Roe)"
        ));
        assert!(!is_chrome_line(
            "Sen. Ted Example (R) said the bill would pass, and Rep. Ann Other (R) agreed."
        ));
    }

    #[test]
    fn video_labels_are_chrome() {
        assert!(is_chrome_line("02:51 - Source: CNN"));
        assert!(is_chrome_line("Source: CNN"));
        assert!(is_chrome_line("1:05:12"));
        assert!(is_chrome_line("Video: Inside the summit"));
        assert!(!is_chrome_line(
            "The meeting lasted from 2:51 to 3:40, officials said."
        ));
    }

    #[test]
    fn highlights_headers_bylines_and_contributors_are_chrome() {
        assert!(is_chrome_line("Story highlights"));
        assert!(is_highlights_header("Story highlights"));
        assert!(is_chrome_line("By Jane Doe, CNN"));
        assert!(is_chrome_line("By JANE DOE and JOHN ROE | Reuters"));
        assert!(!is_chrome_line(
            "By the time the vote was held, most senators had left."
        ));
        assert!(is_chrome_line(
            "CNN's Jane Doe and John Roe contributed to this report."
        ));
        assert!(is_chrome_line(
            "Additional reporting by John Roe; Editing by Ann Smith"
        ));
    }

    #[test]
    fn updated_stamps_and_labels_are_chrome() {
        assert!(is_chrome_line("Updated 1:23 PM ET, Sat November 11, 2017"));
        assert!(is_chrome_line("Published 10:02 GMT"));
        assert!(is_chrome_line("Advertisement"));
        assert!(is_chrome_line("Correction: March 3, 2019"));
        assert!(!is_chrome_line(
            "Updated figures released Monday show unemployment fell to 4 percent."
        ));
    }

    #[test]
    fn datelines_alone_are_chrome_and_prefixes_are_measured() {
        assert!(is_chrome_line("Da Nang, Vietnam CNN  — "));
        assert!(is_chrome_line("WASHINGTON (Reuters) -"));
        let line = "WASHINGTON — The Senate voted 52-48 on Tuesday.";
        assert_eq!(
            dateline_len(line).map(|n| &line[n..]),
            Some("The Senate voted 52-48 on Tuesday.")
        );
        let line = "LONDON, June 5 (Reuters) - Prices rose.";
        assert_eq!(dateline_len(line).map(|n| &line[n..]), Some("Prices rose."));
        let line = "Washington (CNN)President Doe said on Monday he would veto it.";
        assert_eq!(
            dateline_len(line).map(|n| &line[n..]),
            Some("President Doe said on Monday he would veto it.")
        );
        assert_eq!(
            dateline_len("Trump — who spoke for an hour — left early."),
            None
        );
        assert_eq!(
            dateline_len("Sen. Ted Example (R-Texas) said the bill would pass."),
            None
        );
    }

    #[test]
    fn headlines_are_not_chrome() {
        assert!(!is_chrome_line("Leaders chat at Asia summit"));
    }
}
