//! schema.org ClaimReview JSON-LD for claims with a verdict, as Google's Fact Check markup asks for it.
//!
//! One ClaimReview per claim, written as a JSON array:
//!
//! - `claimReviewed`: the claim's text;
//! - `reviewRating`: `{"@type": "Rating", ratingValue, bestRating, worstRating, alternateName}` from the rating
//!   scale (a verdict published by name only has no `ratingValue`, `bestRating` or `worstRating`);
//! - `itemReviewed`: `{"@type": "Claim", author, datePublished, appearance}`: the author is the claim's speaker
//!   (else its claimant as written) as a `Person`, or an `Organization` when the claim's entities name it as one;
//!   a claim the outlet asserts itself is authored by the outlet (`Organization`). `datePublished` is the
//!   article's publication date (absent when unknown), `appearance` the article as a `CreativeWork` (`url` when
//!   known, `headline` its title);
//! - `author`: the publisher (`Organization`, `name` and `url`);
//! - `datePublished`: when the verdict was given (the review's time, UTC);
//! - `url`: the review base URL followed by the claim id. It must be the page hosting the review, so a source
//!   among the evidence does not stand in for it (a source is not the review, and two claims sharing a source
//!   would also collapse into one fact-check when the file is imported, since fact-checks merge by URL).
//!
//! [`crate::factcheck::parse_claimreview`] reads these files back; [`super::scale::ClaimReviewSettings::verdict_of`]
//! turns their ratings into verdicts again.

use std::io::Write;

use serde::Serialize;

use super::scale::ClaimReviewSettings;
use super::{ExportError, ExportStats, ExportedClaim};
use crate::model::EntityKind;

/// The `@context` of every review.
pub const CONTEXT: &str = "https://schema.org";

/// One ClaimReview.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ClaimReview {
    #[serde(rename = "@context")]
    pub context: &'static str,
    #[serde(rename = "@type")]
    pub kind: &'static str,
    pub url: String,
    pub claim_reviewed: String,
    pub review_rating: Rating,
    pub item_reviewed: ClaimItem,
    pub author: Party,
    pub date_published: String,
}

/// `reviewRating`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Rating {
    #[serde(rename = "@type")]
    pub kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rating_value: Option<i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub best_rating: Option<i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub worst_rating: Option<i32>,
    pub alternate_name: String,
}

/// `itemReviewed`: the claim as made.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ClaimItem {
    #[serde(rename = "@type")]
    pub kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub author: Option<Party>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date_published: Option<String>,
    pub appearance: Vec<Appearance>,
}

/// A `Person` or `Organization`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Party {
    #[serde(rename = "@type")]
    pub kind: &'static str,
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// Where the claim appeared (`CreativeWork`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Appearance {
    #[serde(rename = "@type")]
    pub kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    pub headline: String,
}

/// Checks that the settings can sign reviews: a valid scale, a publisher name and a review base URL.
/// Returns (publisher name, review base URL).
fn signing(settings: &ClaimReviewSettings) -> Result<(&str, &str), ExportError> {
    settings.validate()?;
    let name = settings
        .publisher
        .name
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .ok_or(ExportError::NoPublisher)?;
    let base = settings
        .publisher
        .review_base_url
        .as_deref()
        .map(str::trim)
        .filter(|u| !u.is_empty())
        .ok_or(ExportError::NoReviewUrl)?;
    Ok((name, base))
}

/// Checks that `settings` can sign ClaimReviews (a valid scale, a publisher name, a review base URL), so an
/// export can fail before it reads or writes anything.
pub fn check_settings(settings: &ClaimReviewSettings) -> Result<(), ExportError> {
    signing(settings).map(|_| ())
}

/// Whether the claim's entities name `who` as an organisation.
fn is_organisation(c: &ExportedClaim, who: &str) -> bool {
    let who = who.to_lowercase();
    c.claim.entities.iter().any(|e| {
        e.kind == EntityKind::Organization
            && (e.name.to_lowercase() == who || e.mention.to_lowercase() == who)
    })
}

/// The ClaimReview of one claim, or `None` when the claim has no verdict or the settings cannot sign reviews
/// (see [`write_claimreview`]).
pub fn claim_review(c: &ExportedClaim, settings: &ClaimReviewSettings) -> Option<ClaimReview> {
    let (publisher, base) = signing(settings).ok()?;
    review_of(c, settings, publisher, base)
}

fn review_of(
    c: &ExportedClaim,
    settings: &ClaimReviewSettings,
    publisher: &str,
    base: &str,
) -> Option<ClaimReview> {
    let rating = settings.scale.rating_for(c.claim.status)?;
    let author = match c.claimant() {
        Some(who) => Some(Party {
            kind: if is_organisation(c, who) {
                "Organization"
            } else {
                "Person"
            },
            name: who.to_string(),
            url: None,
        }),
        None => c
            .article
            .outlet
            .as_deref()
            .map(str::trim)
            .filter(|o| !o.is_empty())
            .map(|outlet| Party {
                kind: "Organization",
                name: outlet.to_string(),
                url: None,
            }),
    };
    Some(ClaimReview {
        context: CONTEXT,
        kind: "ClaimReview",
        url: format!("{base}{}", c.claim.id),
        claim_reviewed: c.claim.text.clone(),
        review_rating: Rating {
            kind: "Rating",
            rating_value: rating.value,
            best_rating: rating.value.map(|_| settings.scale.best_rating),
            worst_rating: rating.value.map(|_| settings.scale.worst_rating),
            alternate_name: rating.name.trim().to_string(),
        },
        item_reviewed: ClaimItem {
            kind: "Claim",
            author,
            date_published: c.article.date.map(|d| d.to_string()),
            appearance: vec![Appearance {
                kind: "CreativeWork",
                url: c.article.url.clone(),
                headline: c.article.title.clone(),
            }],
        },
        author: Party {
            kind: "Organization",
            name: publisher.to_string(),
            url: settings.publisher.url.clone(),
        },
        date_published: c
            .verdict_at()
            .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
    })
}

/// Writes ClaimReviews one claim at a time as a JSON array (claims without a verdict are skipped), so an export
/// of any size needs memory for one claim only. Created only when the settings can sign reviews.
pub struct ClaimReviewWriter<'s, W: Write> {
    w: W,
    settings: &'s ClaimReviewSettings,
    publisher: String,
    base: String,
    written: usize,
    skipped: usize,
    no_url: usize,
    no_date: usize,
}

impl<'s, W: Write> ClaimReviewWriter<'s, W> {
    /// Fails before writing anything when the settings cannot sign reviews (no publisher name, no review base
    /// URL, an invalid scale).
    pub fn new(mut w: W, settings: &'s ClaimReviewSettings) -> Result<Self, ExportError> {
        let (publisher, base) = signing(settings)?;
        let (publisher, base) = (publisher.to_string(), base.to_string());
        w.write_all(b"[")?;
        Ok(Self {
            w,
            settings,
            publisher,
            base,
            written: 0,
            skipped: 0,
            no_url: 0,
            no_date: 0,
        })
    }

    pub fn write(&mut self, c: &ExportedClaim) -> Result<(), ExportError> {
        let Some(r) = review_of(c, self.settings, &self.publisher, &self.base) else {
            self.skipped += 1;
            return Ok(());
        };
        if r.item_reviewed.appearance.iter().all(|a| a.url.is_none()) {
            self.no_url += 1;
        }
        if r.item_reviewed.date_published.is_none() {
            self.no_date += 1;
        }
        self.w
            .write_all(if self.written == 0 { b"\n" } else { b",\n" })?;
        serde_json::to_writer_pretty(&mut self.w, &r)?;
        self.written += 1;
        Ok(())
    }

    pub fn finish(mut self) -> Result<ExportStats, ExportError> {
        self.w
            .write_all(if self.written == 0 { b"]\n" } else { b"\n]\n" })?;
        self.w.flush()?;
        let plural = |n: usize| if n == 1 { "" } else { "s" };
        let mut warnings = Vec::new();
        if self.skipped > 0 {
            warnings.push(format!(
                "{} claim{} without a verdict left out",
                self.skipped,
                plural(self.skipped)
            ));
        }
        if self.no_url > 0 {
            warnings.push(format!(
                "{} review{} name{} an article without a URL (appearance has its headline only)",
                self.no_url,
                plural(self.no_url),
                if self.no_url == 1 { "s" } else { "" }
            ));
        }
        if self.no_date > 0 {
            warnings.push(format!(
                "{} review{} without the date the claim was made (its article is undated)",
                self.no_date,
                plural(self.no_date)
            ));
        }
        Ok(ExportStats {
            written: self.written,
            warnings,
        })
    }
}

/// Writes the ClaimReviews of the claims with a verdict as a JSON array (see [`ClaimReviewWriter`]).
pub fn write_claimreview<W: Write>(
    w: W,
    claims: &[ExportedClaim],
    settings: &ClaimReviewSettings,
) -> Result<ExportStats, ExportError> {
    let mut out = ClaimReviewWriter::new(w, settings)?;
    for c in claims {
        out.write(c)?;
    }
    out.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::scale::Publisher;
    use crate::export::tests::claim;
    use crate::factcheck::parse_claimreview;
    use crate::model::ClaimStatus;

    fn settings() -> ClaimReviewSettings {
        ClaimReviewSettings {
            publisher: Publisher {
                name: Some("Example Checks".into()),
                url: Some("https://checks.example".into()),
                review_base_url: Some("https://checks.example/claims/".into()),
            },
            ..Default::default()
        }
    }

    #[test]
    fn a_review_has_every_field_google_asks_for() -> Result<(), Box<dyn std::error::Error>> {
        let c = claim(
            "The dam was finished in 1998.",
            Some("Ana Ruiz"),
            ClaimStatus::False,
        );
        let mut out = Vec::new();
        let stats = write_claimreview(&mut out, std::slice::from_ref(&c), &settings())?;
        assert_eq!(stats.written, 1);
        assert!(stats.warnings.is_empty(), "{:?}", stats.warnings);
        let v: serde_json::Value = serde_json::from_slice(&out)?;
        let r = &v[0];
        assert_eq!(r["@context"], "https://schema.org");
        assert_eq!(r["@type"], "ClaimReview");
        assert_eq!(r["claimReviewed"], "The dam was finished in 1998.");
        assert_eq!(
            r["url"],
            format!("https://checks.example/claims/{}", c.claim.id)
        );
        assert_eq!(r["datePublished"], "2024-03-06T10:00:00Z");
        assert_eq!(
            r["reviewRating"],
            serde_json::json!({"@type": "Rating", "ratingValue": 1, "bestRating": 5, "worstRating": 1,
                               "alternateName": "False"})
        );
        assert_eq!(
            r["author"],
            serde_json::json!({"@type": "Organization", "name": "Example Checks", "url": "https://checks.example"})
        );
        let item = &r["itemReviewed"];
        assert_eq!(item["@type"], "Claim");
        assert_eq!(
            item["author"],
            serde_json::json!({"@type": "Person", "name": "Ana Ruiz"})
        );
        assert_eq!(item["datePublished"], "2024-03-05");
        assert_eq!(
            item["appearance"],
            serde_json::json!([{"@type": "CreativeWork", "url": "https://ledger.example/dam",
                                "headline": "Dam inspection delayed"}])
        );
        Ok(())
    }

    #[test]
    fn authors_are_organisations_or_the_outlet_and_unrated_verdicts_have_no_number(
    ) -> Result<(), Box<dyn std::error::Error>> {
        let s = settings();
        let org = claim(
            "Levels are safe.",
            Some("Valmora Water Board"),
            ClaimStatus::Verified,
        );
        let r = claim_review(&org, &s).ok_or("a review")?;
        let author = r.item_reviewed.author.ok_or("author")?;
        assert_eq!(
            (author.kind, author.name.as_str()),
            ("Organization", "Valmora Water Board")
        );
        assert_eq!(r.review_rating.rating_value, Some(5));

        let outlet = claim("Levels are safe.", None, ClaimStatus::Unverifiable);
        let r = claim_review(&outlet, &s).ok_or("a review")?;
        let author = r.item_reviewed.author.ok_or("author")?;
        assert_eq!(
            (author.kind, author.name.as_str()),
            ("Organization", "Valmora Ledger")
        );
        let v = serde_json::to_value(&r.review_rating)?;
        assert_eq!(
            v,
            serde_json::json!({"@type": "Rating", "alternateName": "Unverifiable"})
        );

        let unreviewed = claim("Levels are safe.", None, ClaimStatus::InReview);
        assert_eq!(claim_review(&unreviewed, &s), None);
        Ok(())
    }

    #[test]
    fn unsigned_settings_are_refused_before_writing() {
        let mut out = Vec::new();
        let c = claim("x", None, ClaimStatus::False);
        let mut s = settings();
        s.publisher.name = None;
        assert!(matches!(
            write_claimreview(&mut out, std::slice::from_ref(&c), &s),
            Err(ExportError::NoPublisher)
        ));
        let mut s = settings();
        s.publisher.review_base_url = None;
        assert!(matches!(
            write_claimreview(&mut out, std::slice::from_ref(&c), &s),
            Err(ExportError::NoReviewUrl)
        ));
        let mut s = settings();
        s.scale.best_rating = 0;
        assert!(matches!(
            write_claimreview(&mut out, std::slice::from_ref(&c), &s),
            Err(ExportError::Scale(_))
        ));
        assert!(out.is_empty());
    }

    #[test]
    fn the_reader_gets_back_what_was_written() -> Result<(), Box<dyn std::error::Error>> {
        let s = settings();
        let claims: Vec<ExportedClaim> = [
            ClaimStatus::Verified,
            ClaimStatus::Disputed,
            ClaimStatus::False,
            ClaimStatus::Misleading,
            ClaimStatus::Unverifiable,
        ]
        .iter()
        .enumerate()
        .map(|(i, st)| {
            let mut c = claim(
                &format!("Claim number {i} about the dam."),
                Some("Ana Ruiz"),
                *st,
            );
            c.claim.id = crate::ClaimId(uuid::Uuid::from_u128(100 + i as u128));
            c
        })
        .collect();
        let mut out = Vec::new();
        write_claimreview(&mut out, &claims, &s)?;
        let drafts = parse_claimreview(std::str::from_utf8(&out)?)?;
        assert_eq!(drafts.len(), claims.len());
        for (c, d) in claims.iter().zip(&drafts) {
            assert_eq!(d.claim, c.claim.text);
            assert_eq!(d.claimant.as_deref(), Some("Ana Ruiz"));
            assert_eq!(d.date, c.article.date);
            assert_eq!(d.publisher.as_deref(), Some("Example Checks"));
            assert_eq!(
                d.url,
                Some(format!("https://checks.example/claims/{}", c.claim.id))
            );
            assert_eq!(s.verdict_of(d), Some(c.claim.status), "{}", c.claim.status);
        }
        Ok(())
    }
}
