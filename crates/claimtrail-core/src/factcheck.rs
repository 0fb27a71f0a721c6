//! Reading published fact-checks: schema.org `ClaimReview` JSON-LD (a single object, an array, or an `@graph`)
//! and the claim-matching TSV format (PolitiFact and Snopes "vclaims": `vclaim_id`, `vclaim`, and optional
//! `date`, `speaker`/`author`, `verdict`, `title`, `url`, ...).
//!
//! A file is read whole or rejected whole: one malformed record fails the file with a message naming it, so the
//! store can write each file in one transaction and never keep half of one.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::link::rating::numeric_rating_word;

/// Who published a fact-check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum FactCheckSource {
    Politifact,
    Snopes,
    Claimreview,
    Other,
}

impl FactCheckSource {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Politifact => "politifact",
            Self::Snopes => "snopes",
            Self::Claimreview => "claimreview",
            Self::Other => "other",
        }
    }

    /// Parses a stored spelling; unknown ones read as `Other`.
    pub fn parse(s: &str) -> Self {
        match s {
            "politifact" => Self::Politifact,
            "snopes" => Self::Snopes,
            "claimreview" => Self::Claimreview,
            _ => Self::Other,
        }
    }
}

/// A fact-check read from a file, ready to store.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FactCheckDraft {
    pub source: FactCheckSource,
    /// The publisher's or dataset's id ("vclaim-pol-00001"), when it has one.
    pub external_id: Option<String>,
    /// The claim that was checked.
    pub claim: String,
    pub claimant: Option<String>,
    /// When the checked claim was made, when known.
    pub date: Option<NaiveDate>,
    /// When the fact-check was published, when known.
    pub review_date: Option<NaiveDate>,
    /// The verdict as the publisher words it ("Pants on Fire!", "false", "Mostly True").
    pub rating: Option<String>,
    /// The numeric rating of a ClaimReview (`ratingValue` with its scale), when it has one.
    pub rating_value: Option<NumericRating>,
    pub url: Option<String>,
    pub title: Option<String>,
    /// The fact-checking organisation.
    pub publisher: Option<String>,
}

/// A numeric schema.org rating as published: `ratingValue` and the scale it is on. schema.org reads an absent
/// `bestRating` as 5 and an absent `worstRating` as 1.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct NumericRating {
    pub value: f64,
    pub best: Option<f64>,
    pub worst: Option<f64>,
}

impl NumericRating {
    /// `bestRating`, or schema.org's default 5.
    pub fn best_or_default(&self) -> f64 {
        self.best.unwrap_or(5.0)
    }

    /// `worstRating`, or schema.org's default 1.
    pub fn worst_or_default(&self) -> f64 {
        self.worst.unwrap_or(1.0)
    }
}

impl FactCheckDraft {
    /// The key that identifies the same fact-check across imports: the claim's lower-cased words and its date.
    pub fn merge_key(&self) -> String {
        merge_key(&self.claim, self.date.or(self.review_date))
    }
}

/// Lower-cased alphanumeric words of `claim`, space-joined, then `|` and the date (or nothing).
pub fn merge_key(claim: &str, date: Option<NaiveDate>) -> String {
    let words: Vec<String> = claim
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    format!(
        "{}|{}",
        words.join(" "),
        date.map(|d| d.to_string()).unwrap_or_default()
    )
}

/// Why a fact-check file could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FactCheckError {
    #[error("cannot read file: {0}")]
    Io(String),
    #[error("not UTF-8 text")]
    NotUtf8,
    #[error("invalid JSON at line {line}, column {column}: {message}")]
    Json {
        line: usize,
        column: usize,
        message: String,
    },
    #[error("no ClaimReview found (expected an object, an array or an @graph with \"@type\": \"ClaimReview\")")]
    NoClaimReview,
    #[error("ClaimReview #{index} has no `claimReviewed` text")]
    MissingClaim { index: usize },
    #[error("TSV header must name `vclaim_id` and `vclaim` columns (found: {0})")]
    TsvHeader(String),
    #[error("TSV line {line} has {found} fields, the header has {expected}")]
    TsvFields {
        line: usize,
        found: usize,
        expected: usize,
    },
    #[error("TSV line {line} has an empty `vclaim`")]
    TsvEmptyClaim { line: usize },
    #[error("unsupported file type (expected .json, .jsonld or .tsv)")]
    Unsupported,
}

/// Files under `paths` that may hold fact-checks (`.json`, `.jsonld`, `.tsv`), folders walked recursively, in
/// path order.
pub fn collect_files(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut found: Vec<PathBuf> = walkdir::WalkDir::new(p)
                .into_iter()
                .filter_map(std::result::Result::ok)
                .filter(|e| e.file_type().is_file())
                .map(walkdir::DirEntry::into_path)
                .filter(|f| is_supported(f))
                .collect();
            found.sort();
            out.extend(found);
        } else {
            out.push(p.clone());
        }
    }
    out
}

fn is_supported(p: &Path) -> bool {
    matches!(
        p.extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref(),
        Some("json" | "jsonld" | "tsv")
    )
}

/// Reads one file of fact-checks (by extension: `.tsv` is the vclaims format, `.json`/`.jsonld` ClaimReview).
pub fn load_file(path: &Path) -> Result<Vec<FactCheckDraft>, FactCheckError> {
    if !is_supported(path) {
        return Err(FactCheckError::Unsupported);
    }
    let bytes = std::fs::read(path).map_err(|e| FactCheckError::Io(e.to_string()))?;
    let text = String::from_utf8(bytes).map_err(|_| FactCheckError::NotUtf8)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let tsv = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("tsv"));
    if tsv {
        parse_vclaims_tsv(text)
    } else {
        parse_claimreview(text)
    }
}

/// Parses the claim-matching TSV format: a header row, then one fact-check per line, tab-separated, unquoted.
pub fn parse_vclaims_tsv(text: &str) -> Result<Vec<FactCheckDraft>, FactCheckError> {
    let mut lines = text.lines();
    let header: Vec<&str> = lines
        .next()
        .unwrap_or_default()
        .split('\t')
        .map(str::trim)
        .collect();
    let col = |name: &str| header.iter().position(|h| h.eq_ignore_ascii_case(name));
    let (Some(id_col), Some(claim_col)) = (col("vclaim_id"), col("vclaim")) else {
        return Err(FactCheckError::TsvHeader(header.join(", ")));
    };
    let date_col = col("date");
    let speaker_col = col("speaker").or_else(|| col("claimant"));
    let author_col = col("author");
    let verdict_col = col("verdict").or_else(|| col("rating"));
    let title_col = col("title");
    let url_col = col("url");
    let mut out = Vec::new();
    for (i, line) in lines.enumerate() {
        let line_no = i + 2;
        if line.trim().is_empty() {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        if fields.len() != header.len() {
            return Err(FactCheckError::TsvFields {
                line: line_no,
                found: fields.len(),
                expected: header.len(),
            });
        }
        let get = |c: Option<usize>| {
            c.and_then(|c| fields.get(c))
                .map(|s| s.trim())
                .filter(|s| !s.is_empty())
                .map(str::to_string)
        };
        let Some(claim) = get(Some(claim_col)) else {
            return Err(FactCheckError::TsvEmptyClaim { line: line_no });
        };
        let external_id = get(Some(id_col));
        let source = match external_id.as_deref() {
            Some(id) if id.contains("-pol-") => FactCheckSource::Politifact,
            Some(id) if id.contains("-sno-") => FactCheckSource::Snopes,
            _ => FactCheckSource::Other,
        };
        let url = get(url_col).map(|u| {
            if u.starts_with('/') && source == FactCheckSource::Politifact {
                format!("https://www.politifact.com{u}")
            } else {
                u
            }
        });
        let publisher = match source {
            FactCheckSource::Politifact => Some("PolitiFact".to_string()),
            FactCheckSource::Snopes => Some("Snopes".to_string()),
            _ => get(author_col),
        };
        let date = get(date_col).and_then(|d| parse_date(&d));
        // PolitiFact rows date the claim ("stated on ..."); Snopes rows date the fact-check article.
        let (date, review_date) = if source == FactCheckSource::Snopes {
            (None, date)
        } else {
            (date, None)
        };
        out.push(FactCheckDraft {
            source,
            external_id,
            claim,
            // Snopes rows name the article's author, not the claimant.
            claimant: get(speaker_col),
            date,
            review_date,
            rating: get(verdict_col),
            rating_value: None,
            url,
            title: get(title_col),
            publisher,
        });
    }
    Ok(out)
}

/// Parses schema.org ClaimReview JSON-LD: one object, an array of objects, or an object with an `@graph`.
/// Objects of other types are skipped; a ClaimReview without `claimReviewed` fails the whole file.
pub fn parse_claimreview(text: &str) -> Result<Vec<FactCheckDraft>, FactCheckError> {
    let value: Value = serde_json::from_str(text).map_err(|e| FactCheckError::Json {
        line: e.line(),
        column: e.column(),
        message: e.to_string(),
    })?;
    let mut reviews = Vec::new();
    collect_reviews(&value, &mut reviews);
    if reviews.is_empty() {
        return Err(FactCheckError::NoClaimReview);
    }
    reviews
        .iter()
        .enumerate()
        .map(|(i, r)| review(r, i + 1))
        .collect()
}

fn is_claimreview(v: &Value) -> bool {
    match v.get("@type") {
        Some(Value::String(t)) => t == "ClaimReview" || t.ends_with("/ClaimReview"),
        Some(Value::Array(ts)) => ts
            .iter()
            .any(|t| t.as_str().is_some_and(|t| t == "ClaimReview")),
        _ => false,
    }
}

fn collect_reviews<'a>(v: &'a Value, out: &mut Vec<&'a Value>) {
    match v {
        Value::Array(items) => items.iter().for_each(|i| collect_reviews(i, out)),
        Value::Object(map) => {
            if is_claimreview(v) {
                out.push(v);
            } else if let Some(graph) = map.get("@graph") {
                collect_reviews(graph, out);
            }
        }
        _ => {}
    }
}

/// Text of a field that may be a string, an object with `name`, or an array of those (first wins).
fn text_of(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) => Some(s.trim().to_string()).filter(|s| !s.is_empty()),
        Value::Object(m) => text_of(m.get("name")).or_else(|| text_of(m.get("alternateName"))),
        Value::Array(a) => a.iter().find_map(|x| text_of(Some(x))),
        _ => None,
    }
}

fn number_of(v: Option<&Value>) -> Option<f64> {
    match v? {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    let head: String = s.chars().take(10).collect();
    NaiveDate::parse_from_str(&head, "%Y-%m-%d").ok()
}

fn review(r: &Value, index: usize) -> Result<FactCheckDraft, FactCheckError> {
    let claim = text_of(r.get("claimReviewed")).ok_or(FactCheckError::MissingClaim { index })?;
    let item = r.get("itemReviewed");
    let claimant = item.and_then(|i| text_of(i.get("author")));
    let date = item
        .and_then(|i| {
            i.get("datePublished")
                .or_else(|| i.get("dateCreated"))
                .and_then(Value::as_str)
        })
        .and_then(parse_date);
    let review_date = r
        .get("datePublished")
        .and_then(Value::as_str)
        .and_then(parse_date);
    let rating_value = r.get("reviewRating").and_then(|rr| {
        Some(NumericRating {
            value: number_of(rr.get("ratingValue"))?,
            best: number_of(rr.get("bestRating")),
            worst: number_of(rr.get("worstRating")),
        })
    });
    let rating = r.get("reviewRating").and_then(|rr| {
        text_of(rr.get("alternateName")).or_else(|| {
            let n = rating_value?;
            numeric_rating_word(n.value, n.worst_or_default(), n.best_or_default())
                .map(str::to_string)
        })
    });
    Ok(FactCheckDraft {
        source: FactCheckSource::Claimreview,
        external_id: r.get("@id").and_then(Value::as_str).map(str::to_string),
        claim,
        claimant,
        date,
        review_date,
        rating,
        rating_value,
        url: r.get("url").and_then(Value::as_str).map(str::to_string),
        title: text_of(r.get("name")).or_else(|| text_of(r.get("headline"))),
        publisher: text_of(r.get("author")).or_else(|| text_of(r.get("publisher"))),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const REVIEW: &str = r#"{
      "@context": "https://schema.org", "@type": "ClaimReview",
      "url": "https://checks.example/valmora-dam",
      "claimReviewed": "The Valmora dam was finished in 1998.",
      "itemReviewed": {"@type": "Claim", "author": {"@type": "Person", "name": "Ana Ruiz"},
                       "datePublished": "2024-03-02"},
      "author": {"@type": "Organization", "name": "Example Checks"},
      "reviewRating": {"@type": "Rating", "ratingValue": 1, "bestRating": 5, "worstRating": 1,
                       "alternateName": "False"},
      "name": "No, the dam was finished in 2004"
    }"#;

    #[test]
    fn claimreview_object_array_and_graph() -> Result<(), FactCheckError> {
        let one = parse_claimreview(REVIEW)?;
        assert_eq!(one.len(), 1);
        assert_eq!(one[0].claimant.as_deref(), Some("Ana Ruiz"));
        assert_eq!(one[0].rating.as_deref(), Some("False"));
        assert_eq!(one[0].date, NaiveDate::from_ymd_opt(2024, 3, 2));
        assert_eq!(one[0].publisher.as_deref(), Some("Example Checks"));
        assert_eq!(
            one[0].rating_value,
            Some(NumericRating {
                value: 1.0,
                best: Some(5.0),
                worst: Some(1.0)
            })
        );
        let array = parse_claimreview(&format!("[{REVIEW}, {REVIEW}]"))?;
        assert_eq!(array.len(), 2);
        let graph = parse_claimreview(&format!(
            r#"{{"@context": "https://schema.org", "@graph": [{{"@type": "WebPage"}}, {REVIEW}]}}"#
        ))?;
        assert_eq!(graph.len(), 1);
        Ok(())
    }

    #[test]
    fn malformed_claimreview_fails_whole() {
        assert!(matches!(
            parse_claimreview("{\"@type\": "),
            Err(FactCheckError::Json { .. })
        ));
        assert_eq!(
            parse_claimreview("{\"@type\": \"WebPage\"}"),
            Err(FactCheckError::NoClaimReview)
        );
        let missing = format!("[{REVIEW}, {{\"@type\": \"ClaimReview\", \"url\": \"x\"}}]");
        assert_eq!(
            parse_claimreview(&missing),
            Err(FactCheckError::MissingClaim { index: 2 })
        );
    }

    #[test]
    fn vclaims_tsv_both_layouts() -> Result<(), FactCheckError> {
        let pol = "vclaim_id\tdate\tspeaker\tverdict\tvclaim\ttitle\tstated_in\turl\n\
                   vclaim-pol-1\t2020-01-02\tAna Ruiz\tfalse\tThe dam was finished in 1998.\tDam claim\ta speech\t/factchecks/x/\n";
        let rows = parse_vclaims_tsv(pol)?;
        assert_eq!(rows[0].source, FactCheckSource::Politifact);
        assert_eq!(
            rows[0].url.as_deref(),
            Some("https://www.politifact.com/factchecks/x/")
        );
        assert_eq!(rows[0].claimant.as_deref(), Some("Ana Ruiz"));
        let sno = "vclaim_id\tdate\tauthor\tvclaim\ttitle\tsubtitle\nvclaim-sno-1-dam\t\tJo Writer\tA dam claim.\tDam\tsub\n";
        let rows = parse_vclaims_tsv(sno)?;
        assert_eq!(rows[0].source, FactCheckSource::Snopes);
        assert_eq!(rows[0].claimant, None);
        assert_eq!((rows[0].date, rows[0].review_date), (None, None));
        assert!(matches!(
            parse_vclaims_tsv("vclaim_id\tvclaim\nx\ty\tz\n"),
            Err(FactCheckError::TsvFields { line: 2, .. })
        ));
        assert!(matches!(
            parse_vclaims_tsv("id\ttext\n"),
            Err(FactCheckError::TsvHeader(_))
        ));
        Ok(())
    }

    #[test]
    fn merge_key_ignores_case_and_punctuation() {
        let d = NaiveDate::from_ymd_opt(2020, 1, 2);
        assert_eq!(
            merge_key("The dam, finished in 1998!", d),
            merge_key("the DAM finished in 1998", d)
        );
        assert_ne!(merge_key("The dam", d), merge_key("The dam", None));
    }
}
