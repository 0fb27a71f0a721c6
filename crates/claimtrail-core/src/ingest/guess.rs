//! Metadata guessed from article text when neither the document nor the user gives it.

use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;

use crate::extract::is_chrome_line;

/// What a dateline line says ("WASHINGTON (Reuters) —", "Updated 1:23 PM ET, Sat November 11, 2017").
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Dateline {
    pub place: Option<String>,
    pub outlet: Option<String>,
    pub date: Option<NaiveDate>,
}

static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?P<place>[A-Z][\p{L} .,'’]{1,60}?),?\s+(?:\((?P<o1>[^)\n]{2,30})\)|(?P<o2>[A-Z]{2,}[A-Za-z]*))?\s*[—–]{1,2}(?:\s|$)",
    )
    .unwrap_or_else(|e| panic!("dateline regex: {e}"))
});

static STAMP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:updated|published|posted|last updated)\b[^\n]{0,80}")
        .unwrap_or_else(|e| panic!("stamp regex: {e}"))
});

static MONTH_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:(?P<m1>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?\s+(?P<d1>\d{1,2}),?\s+(?P<y1>\d{4})|(?P<d2>\d{1,2})\s+(?P<m2>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?,?\s+(?P<y2>\d{4}))\b",
    )
    .unwrap_or_else(|e| panic!("date regex: {e}"))
});

static ISO_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(\d{4})-(\d{2})-(\d{2})(?:T|\b)").unwrap_or_else(|e| panic!("iso regex: {e}"))
});

fn month_number(name: &str) -> Option<u32> {
    let m = name.get(..3)?.to_ascii_lowercase();
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    MONTHS.iter().position(|x| *x == m).map(|i| i as u32 + 1)
}

/// Parses the first date in `s`: ISO-8601 (`2017-11-11`, `2017-11-11T08:00:00Z`), "November 11, 2017",
/// "Nov. 11, 2017" or "11 November 2017".
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let iso = ISO_DATE.captures(s).and_then(|c| {
        let n = |i: usize| c.get(i).and_then(|m| m.as_str().parse::<u32>().ok());
        NaiveDate::from_ymd_opt(n(1)? as i32, n(2)?, n(3)?)
    });
    iso.or_else(|| {
        let c = MONTH_DATE.captures(s)?;
        let (m, d, y) = match (c.name("m1"), c.name("d1"), c.name("y1")) {
            (Some(m), Some(d), Some(y)) => (m, d, y),
            _ => (c.name("m2")?, c.name("d2")?, c.name("y2")?),
        };
        NaiveDate::from_ymd_opt(
            y.as_str().parse().ok()?,
            month_number(m.as_str())?,
            d.as_str().parse().ok()?,
        )
    })
}

/// Looks for a dateline and an "Updated ..." stamp in the first lines of the text.
pub fn dateline(text: &str) -> Dateline {
    let mut found = Dateline::default();
    for line in text.lines().filter(|l| !l.trim().is_empty()).take(15) {
        if found.date.is_none() && STAMP.is_match(line) {
            found.date = parse_date(line);
        }
        if found.place.is_none() {
            if let Some(c) = DATELINE.captures(line) {
                found.place = c.name("place").map(|m| m.as_str().trim().to_string());
                found.outlet = c
                    .name("o1")
                    .or(c.name("o2"))
                    .map(|m| m.as_str().trim().to_string());
            }
        }
    }
    found
}

/// A headline-like line near the top: short, several words, no final full stop, not page chrome.
pub fn title(text: &str) -> Option<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .take(8)
        .find(|l| {
            let words = l.split_whitespace().count();
            (3..=20).contains(&words)
                && l.chars().count() <= 140
                && !l.ends_with(['.', ':', ',', ';'])
                && !is_chrome_line(l)
                && !DATELINE.is_match(l)
        })
        .map(str::to_string)
        .or_else(|| {
            let first = text
                .lines()
                .map(str::trim)
                .find(|l| !l.is_empty() && !is_chrome_line(l))?;
            let mut t: String = first.chars().take(100).collect();
            if first.chars().count() > 100 {
                t.push('…');
            }
            Some(t)
        })
}

/// A title made from a file name: `trump-putin_apec` becomes "Trump putin apec".
pub fn title_from_name(name: &str) -> String {
    let spaced: String = name
        .chars()
        .map(|c| if c == '-' || c == '_' { ' ' } else { c })
        .collect();
    let spaced = spaced.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut chars = spaced.chars();
    match chars.next() {
        Some(f) => f.to_uppercase().chain(chars).collect(),
        None => "Untitled article".to_string(),
    }
}

/// Splits a byline ("By Jane Doe and John Roe, CNN") into author names.
pub fn split_authors(byline: &str) -> Vec<String> {
    let b = byline.trim();
    let b = b
        .strip_prefix("By ")
        .or_else(|| b.strip_prefix("by "))
        .unwrap_or(b);
    b.split([',', ';', '&'])
        .flat_map(|p| p.split(" and "))
        .map(str::trim)
        .filter(|p| !p.is_empty() && p.chars().next().is_some_and(char::is_uppercase))
        .filter(|p| p.split_whitespace().count() >= 2)
        .map(str::to_string)
        .collect()
}

/// ISO 639-3 code of the text's language when detection is reliable.
pub fn language(text: &str) -> Option<String> {
    let sample: String = text.chars().take(600).collect();
    let info = whatlang::detect(&sample)?;
    info.is_reliable().then(|| info.lang().code().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_common_forms() {
        let d = NaiveDate::from_ymd_opt(2017, 11, 11);
        assert_eq!(parse_date("2017-11-11T08:00:00Z"), d);
        assert_eq!(parse_date("Updated 1:23 PM ET, Sat November 11, 2017"), d);
        assert_eq!(parse_date("Nov. 11, 2017"), d);
        assert_eq!(parse_date("11 November 2017"), d);
        assert_eq!(parse_date("2017-02-30"), None);
        assert_eq!(parse_date("no date here"), None);
    }

    #[test]
    fn datelines_give_place_and_outlet() {
        let d = dateline("Headline here\n\nWASHINGTON (Reuters) — The Senate voted on Tuesday.");
        assert_eq!(d.place.as_deref(), Some("WASHINGTON"));
        assert_eq!(d.outlet.as_deref(), Some("Reuters"));
        let d =
            dateline("Da Nang, Vietnam CNN  — \n\nUpdated 0512 GMT (1312 HKT) November 11, 2017\n");
        assert_eq!(d.place.as_deref(), Some("Da Nang, Vietnam"));
        assert_eq!(d.outlet.as_deref(), Some("CNN"));
        assert_eq!(d.date, NaiveDate::from_ymd_opt(2017, 11, 11));
    }

    #[test]
    fn titles_and_authors() {
        assert_eq!(
            title("Council backs new budget\n\nThe council voted.").as_deref(),
            Some("Council backs new budget")
        );
        assert_eq!(title_from_name("trump-putin_apec"), "Trump putin apec");
        assert_eq!(
            split_authors("By Jane Doe and John Roe, CNN"),
            vec!["Jane Doe", "John Roe"]
        );
    }
}
