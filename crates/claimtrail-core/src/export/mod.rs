//! Exports of claims, without SQLite: the records the store gathers ([`ExportedClaim`]) and the three formats
//! they are written in.
//!
//! - [`claimreview`]: schema.org ClaimReview JSON-LD, one review per claim with a verdict, meeting Google's Fact
//!   Check markup requirements, with the rating scale and publisher of [`scale`].
//! - [`table`]: CSV, one row per claim, with a guard against spreadsheet formula injection.
//! - JSON ([`write_json`]): the claims with their article, topics, verdict history, evidence and links, in the
//!   documented structure `{format, version, generator, exported_at, filter, claims}`.
//!
//! Writers take any [`Write`] and one claim at a time ([`ExportWriter`]): the store hands them a temporary file beside the destination and renames it into
//! place only when the writer succeeded.

pub mod claimreview;
pub mod scale;
pub mod table;

use std::fmt;
use std::io::Write;
use std::str::FromStr;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::model::{LinkKind, LinkState, UnknownVariant};
use crate::records::{ArticleId, Claim, ClaimId, Evidence, Review};

pub use scale::{ClaimReviewSettings, Publisher, RatingScale, ScaleError, ScaleRating};

/// The `format` value of a JSON export.
pub const JSON_FORMAT: &str = "claimtrail-export";
/// The `version` of the JSON export structure.
pub const JSON_VERSION: u32 = 1;

/// The file format of an export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum ExportFormat {
    /// schema.org ClaimReview JSON-LD (claims with a verdict only).
    Claimreview,
    Csv,
    Json,
}

impl ExportFormat {
    pub const ALL: &'static [ExportFormat] = &[Self::Claimreview, Self::Csv, Self::Json];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Claimreview => "claimreview",
            Self::Csv => "csv",
            Self::Json => "json",
        }
    }
}

impl fmt::Display for ExportFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for ExportFormat {
    type Err = UnknownVariant;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wanted = s.trim().to_ascii_lowercase().replace(['-', '_', ' '], "");
        Self::ALL
            .iter()
            .copied()
            .find(|f| f.as_str() == wanted)
            .ok_or_else(|| UnknownVariant {
                what: "export format",
                value: s.to_string(),
                expected: "claimreview, csv, json".into(),
            })
    }
}

/// Which claims an export holds. Dismissed claims are never exported; empty fields do not filter.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct ExportFilter {
    /// Only claims of this topic (name, case-insensitive, or id).
    pub topic: Option<String>,
    /// First and last day (inclusive) of the claim's date: its article's publication date, else the day the
    /// article was imported (the same date timelines use).
    pub since: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
    /// Only claims with a verdict (verified, disputed, false, misleading, unverifiable). ClaimReview exports
    /// hold only those whatever this says.
    pub reviewed_only: bool,
}

/// The article a claim was found in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExportedArticle {
    pub id: ArticleId,
    pub title: String,
    pub outlet: Option<String>,
    /// Publication date, when known.
    pub date: Option<NaiveDate>,
    pub url: Option<String>,
    pub authors: Vec<String>,
}

/// The other end of a link.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum LinkEnd {
    Claim {
        id: ClaimId,
        text: String,
        /// True when the other claim is the earlier one (this claim repeats, updates, contradicts or relates to
        /// it), false when it is the later one.
        earlier: bool,
    },
    FactCheck {
        id: Uuid,
        /// The fact-checked claim.
        text: String,
        rating: Option<String>,
        url: Option<String>,
        publisher: Option<String>,
    },
}

/// A link of an exported claim, to another claim or to a published fact-check.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExportedLink {
    pub id: Uuid,
    pub kind: LinkKind,
    pub state: LinkState,
    pub score: f64,
    pub other: LinkEnd,
}

/// A claim with everything an export may write about it. In JSON the claim's own fields come first, exactly
/// as `claimtrail claims --json` prints them, followed by `date`, `article`, `topics`, `verdicts`, `evidence`
/// and `links`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExportedClaim {
    #[serde(flatten)]
    pub claim: Claim,
    /// The claim's date: its article's publication date, else the day the article was imported.
    pub date: Option<NaiveDate>,
    pub article: ExportedArticle,
    /// Names of the topics the claim is in.
    pub topics: Vec<String>,
    /// Every status change, oldest first (the last one set the current status).
    pub verdicts: Vec<Review>,
    pub evidence: Vec<Evidence>,
    pub links: Vec<ExportedLink>,
}

impl ExportedClaim {
    /// The review that gave the claim its current verdict (the latest with that status).
    pub fn verdict(&self) -> Option<&Review> {
        self.verdicts
            .iter()
            .rev()
            .find(|r| r.status == self.claim.status)
    }

    /// When the current verdict was given: that review's time, else when the claim last changed.
    pub fn verdict_at(&self) -> DateTime<Utc> {
        self.verdict()
            .map_or(self.claim.updated_at, |r| r.created_at)
    }

    /// Who made the claim as an export names it: the resolved speaker, else the claimant as written.
    pub fn claimant(&self) -> Option<&str> {
        self.claim
            .speaker
            .as_deref()
            .or(self.claim.claimant.as_deref())
            .map(str::trim)
            .filter(|s| !s.is_empty())
    }
}

/// What an export is about, written into JSON exports.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExportMeta {
    pub exported_at: DateTime<Utc>,
    /// The filter, with the topic as its stored name.
    pub filter: ExportFilter,
}

/// What a writer wrote.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExportStats {
    /// Claims (CSV rows, JSON claims, ClaimReviews) written.
    pub written: usize,
    /// Things a reader of the file should know (claims left out, optional fields missing).
    pub warnings: Vec<String>,
}

/// Why an export could not be written.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error(
        "ClaimReview export needs the publisher's name (Settings › Rating scale & publisher, or \
         `claimtrail rating-scale --publisher NAME`)"
    )]
    NoPublisher,
    #[error(
        "ClaimReview export needs the review base URL, the address where the reviews are published \
         (Settings › Rating scale & publisher, or `claimtrail rating-scale --review-url URL`)"
    )]
    NoReviewUrl,
    #[error("invalid rating scale: {0}")]
    Scale(#[from] ScaleError),
    #[error("writing the export failed: {0}")]
    Io(#[from] std::io::Error),
    #[error("writing CSV failed: {0}")]
    Csv(#[from] csv::Error),
    #[error("writing JSON failed: {0}")]
    Json(#[from] serde_json::Error),
}

impl ExportError {
    /// True for errors the user fixes in the ClaimReview settings.
    pub fn is_settings(&self) -> bool {
        matches!(self, Self::NoPublisher | Self::NoReviewUrl | Self::Scale(_))
    }
}

/// Writes an export one claim at a time in any of the formats: [`ExportWriter::new`] writes what comes before
/// the claims (and refuses ClaimReview settings that cannot sign reviews), [`ExportWriter::write`] one claim,
/// [`ExportWriter::finish`] the end. Memory does not grow with the number of claims.
pub enum ExportWriter<'s, W: Write> {
    Claimreview(claimreview::ClaimReviewWriter<'s, W>),
    /// Boxed: the CSV writer carries its buffers inline.
    Csv(Box<table::CsvWriter<W>>),
    Json(JsonWriter<W>),
}

impl<'s, W: Write> ExportWriter<'s, W> {
    /// `settings` are only read by ClaimReview, `meta` only by JSON.
    pub fn new(
        format: ExportFormat,
        w: W,
        settings: &'s ClaimReviewSettings,
        meta: &ExportMeta,
    ) -> Result<Self, ExportError> {
        Ok(match format {
            ExportFormat::Claimreview => {
                Self::Claimreview(claimreview::ClaimReviewWriter::new(w, settings)?)
            }
            ExportFormat::Csv => Self::Csv(Box::new(table::CsvWriter::new(w)?)),
            ExportFormat::Json => Self::Json(JsonWriter::new(w, meta)?),
        })
    }

    pub fn write(&mut self, c: &ExportedClaim) -> Result<(), ExportError> {
        match self {
            Self::Claimreview(x) => x.write(c),
            Self::Csv(x) => x.write(c),
            Self::Json(x) => x.write(c),
        }
    }

    pub fn finish(self) -> Result<ExportStats, ExportError> {
        match self {
            Self::Claimreview(x) => x.finish(),
            Self::Csv(x) => x.finish(),
            Self::Json(x) => x.finish(),
        }
    }
}

/// Writes `claims` to `w` in `format` (see [`ExportWriter`]).
pub fn write_export<W: Write>(
    format: ExportFormat,
    w: W,
    claims: &[ExportedClaim],
    settings: &ClaimReviewSettings,
    meta: &ExportMeta,
) -> Result<ExportStats, ExportError> {
    let mut out = ExportWriter::new(format, w, settings, meta)?;
    for c in claims {
        out.write(c)?;
    }
    out.finish()
}

/// The JSON export: `{"format": "claimtrail-export", "version": 1, "generator", "exported_at", "filter",
/// "claims": [...]}`, one claim per line.
pub struct JsonWriter<W: Write> {
    w: W,
    written: usize,
}

impl<W: Write> JsonWriter<W> {
    pub fn new(mut w: W, meta: &ExportMeta) -> Result<Self, ExportError> {
        let generator = format!("claimtrail {}", env!("CARGO_PKG_VERSION"));
        write!(
            w,
            "{{\n  \"format\": {},\n  \"version\": {},\n  \"generator\": {},\n  \"exported_at\": {},\n  \"filter\": {},\n  \"claims\": [",
            serde_json::to_string(JSON_FORMAT)?,
            JSON_VERSION,
            serde_json::to_string(&generator)?,
            serde_json::to_string(&meta.exported_at)?,
            serde_json::to_string(&meta.filter)?,
        )?;
        Ok(Self { w, written: 0 })
    }

    pub fn write(&mut self, c: &ExportedClaim) -> Result<(), ExportError> {
        self.w.write_all(if self.written == 0 {
            b"\n    "
        } else {
            b",\n    "
        })?;
        serde_json::to_writer(&mut self.w, c)?;
        self.written += 1;
        Ok(())
    }

    pub fn finish(mut self) -> Result<ExportStats, ExportError> {
        self.w.write_all(if self.written == 0 {
            b"]\n}\n"
        } else {
            b"\n  ]\n}\n"
        })?;
        self.w.flush()?;
        Ok(ExportStats {
            written: self.written,
            warnings: Vec::new(),
        })
    }
}

/// The JSON export of `claims` (see [`JsonWriter`]).
pub fn write_json<W: Write>(
    w: W,
    claims: &[ExportedClaim],
    meta: &ExportMeta,
) -> Result<ExportStats, ExportError> {
    let mut out = JsonWriter::new(w, meta)?;
    for c in claims {
        out.write(c)?;
    }
    out.finish()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::model::{ClaimKind, ClaimStatus, EntityKind};
    use crate::records::ClaimEntity;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s)
            .map(|t| t.with_timezone(&Utc))
            .unwrap_or_default()
    }

    /// A claim rated `status` on 2024-03-06, in an article of 2024-03-05.
    pub(crate) fn claim(text: &str, speaker: Option<&str>, status: ClaimStatus) -> ExportedClaim {
        let id = ClaimId(Uuid::from_u128(0x0190_0000_0000_7000_8000_0000_0000_0001));
        let article = ArticleId(Uuid::from_u128(0x0190_0000_0000_7000_8000_0000_0000_00a1));
        let created = at("2024-03-05T09:00:00Z");
        ExportedClaim {
            claim: Claim {
                id,
                article_id: article,
                text: text.to_string(),
                start: 0,
                end: text.chars().count(),
                claimant: speaker.map(str::to_string),
                speaker: speaker.map(str::to_string),
                kind: ClaimKind::Statement,
                checkworthiness: 0.8,
                status,
                dismissed: false,
                manual: false,
                created_at: created,
                updated_at: at("2024-03-06T10:00:00Z"),
                entities: vec![ClaimEntity {
                    name: "Valmora Water Board".into(),
                    kind: EntityKind::Organization,
                    mention: "the Valmora Water Board".into(),
                }],
            },
            date: NaiveDate::from_ymd_opt(2024, 3, 5),
            article: ExportedArticle {
                id: article,
                title: "Dam inspection delayed".into(),
                outlet: Some("Valmora Ledger".into()),
                date: NaiveDate::from_ymd_opt(2024, 3, 5),
                url: Some("https://ledger.example/dam".into()),
                authors: vec!["Jo Writer".into()],
            },
            topics: vec!["Dams".into()],
            verdicts: if status.is_verdict() {
                vec![Review {
                    id: Uuid::from_u128(7),
                    claim_id: id,
                    status,
                    prev_status: ClaimStatus::Unreviewed,
                    note: Some("inspection records".into()),
                    reviewer: Some("dana".into()),
                    created_at: at("2024-03-06T10:00:00Z"),
                }]
            } else {
                Vec::new()
            },
            evidence: vec![Evidence {
                id: Uuid::from_u128(8),
                claim_id: id,
                url: Some("https://records.example/inspections".into()),
                note: None,
                added_by: Some("dana".into()),
                created_at: at("2024-03-06T10:00:00Z"),
            }],
            links: vec![ExportedLink {
                id: Uuid::from_u128(9),
                kind: LinkKind::Repeats,
                state: LinkState::Confirmed,
                score: 0.91,
                other: LinkEnd::FactCheck {
                    id: Uuid::from_u128(10),
                    text: "The dam never failed.".into(),
                    rating: Some("False".into()),
                    url: Some("https://checks.example/1".into()),
                    publisher: Some("Example Checks".into()),
                },
            }],
        }
    }

    #[test]
    fn empty_exports_are_valid_files() -> Result<(), Box<dyn std::error::Error>> {
        let mut settings = ClaimReviewSettings::default();
        settings.publisher.name = Some("Example Checks".into());
        settings.publisher.review_base_url = Some("https://checks.example/c/".into());
        let meta = ExportMeta {
            exported_at: at("2024-04-01T00:00:00Z"),
            filter: ExportFilter::default(),
        };
        for format in ExportFormat::ALL {
            let mut out = Vec::new();
            let stats = write_export(*format, &mut out, &[], &settings, &meta)?;
            assert_eq!(stats.written, 0);
            let text = String::from_utf8(out)?;
            match format {
                ExportFormat::Csv => assert_eq!(text.lines().count(), 1, "{text}"),
                ExportFormat::Claimreview => {
                    assert_eq!(
                        serde_json::from_str::<serde_json::Value>(&text)?,
                        serde_json::json!([])
                    )
                }
                ExportFormat::Json => {
                    let v: serde_json::Value = serde_json::from_str(&text)?;
                    assert_eq!(v["claims"], serde_json::json!([]));
                }
            }
        }
        Ok(())
    }

    #[test]
    fn formats_parse_from_their_names() {
        for f in ExportFormat::ALL {
            assert_eq!(f.as_str().parse::<ExportFormat>(), Ok(*f));
        }
        assert_eq!("Claim-Review".parse(), Ok(ExportFormat::Claimreview));
        assert!("xml".parse::<ExportFormat>().is_err());
    }

    #[test]
    fn json_export_has_the_documented_structure() -> Result<(), ExportError> {
        let c = claim(
            "The dam was finished in 1998.",
            Some("Ana Ruiz"),
            ClaimStatus::False,
        );
        let meta = ExportMeta {
            exported_at: at("2024-04-01T00:00:00Z"),
            filter: ExportFilter {
                topic: Some("Dams".into()),
                ..Default::default()
            },
        };
        let mut out = Vec::new();
        let stats = write_json(&mut out, std::slice::from_ref(&c), &meta)?;
        assert_eq!(stats.written, 1);
        let v: serde_json::Value = serde_json::from_slice(&out)?;
        assert_eq!(v["format"], JSON_FORMAT);
        assert_eq!(v["version"], JSON_VERSION);
        assert_eq!(v["filter"]["topic"], "Dams");
        let first = &v["claims"][0];
        for key in [
            "id",
            "article_id",
            "text",
            "claimant",
            "speaker",
            "kind",
            "status",
            "date",
            "article",
            "topics",
            "verdicts",
            "evidence",
            "links",
            "entities",
        ] {
            assert!(first.get(key).is_some(), "missing {key}");
        }
        assert_eq!(first["article"]["url"], "https://ledger.example/dam");
        assert_eq!(first["verdicts"][0]["status"], "false");
        assert_eq!(first["links"][0]["other"]["type"], "fact_check");
        let back: Vec<ExportedClaim> = serde_json::from_value(v["claims"].clone())?;
        assert_eq!(back, vec![c]);
        Ok(())
    }
}
