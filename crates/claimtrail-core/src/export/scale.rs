//! The rating scale and publisher of ClaimReview exports: which `ratingValue` and `alternateName` each
//! claimtrail verdict is published with, the scale's `bestRating`/`worstRating`, and the organisation that signs
//! the reviews. The same scale reads fact-checks back into verdicts ([`ClaimReviewSettings::verdict_of`]).
//!
//! The default scale runs from 1 (false) to 5 (verified): false = 1 "False", misleading = 2 "Misleading",
//! disputed = 3 "Disputed", verified = 5 "True". `unverifiable` has no number by default: it says the evidence
//! does not settle the claim, not how true the claim is, so placing it on a truth scale (3 would read as "half
//! true") would tell aggregators something the reviewer did not say. Its ClaimReview carries the
//! `alternateName` "Unverifiable" (the text search engines show) and no `ratingValue`. A newsroom that wants a
//! number for it gives it one in Settings.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::factcheck::{FactCheckDraft, NumericRating};
use crate::link::rating::status_for_rating_word;
use crate::model::ClaimStatus;

/// Longest publisher name or rating name accepted.
pub const MAX_NAME_CHARS: usize = 200;
/// Longest URL accepted.
pub const MAX_URL_CHARS: usize = 2000;

/// The rating scale and publisher used by ClaimReview export (and by fact-check import to read ratings back).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, ts_rs::TS)]
pub struct ClaimReviewSettings {
    pub publisher: Publisher,
    pub scale: RatingScale,
}

/// The organisation that publishes the reviews (the ClaimReview `author`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, ts_rs::TS)]
pub struct Publisher {
    /// The organisation's name (required for ClaimReview export).
    pub name: Option<String>,
    /// The organisation's home page.
    pub url: Option<String>,
    /// Where the organisation publishes its reviews: a claim's review URL is this followed by the claim id
    /// (`https://checks.example/claims/` gives `https://checks.example/claims/0190…`). Required for ClaimReview
    /// export, whose `url` must be the page hosting the review.
    pub review_base_url: Option<String>,
}

/// A numeric scale (`worstRating`..`bestRating`, integers) and one rating per claimtrail verdict.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct RatingScale {
    pub worst_rating: i32,
    pub best_rating: i32,
    /// One entry per verdict status (verified, disputed, false, misleading, unverifiable).
    pub ratings: Vec<ScaleRating>,
}

/// How one verdict is published.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct ScaleRating {
    pub status: ClaimStatus,
    /// `ratingValue`; `None` publishes the verdict by name only.
    pub value: Option<i32>,
    /// `alternateName`: the words readers see ("False", "Misleading").
    pub name: String,
}

impl Default for RatingScale {
    fn default() -> Self {
        let r = |status, value, name: &str| ScaleRating {
            status,
            value,
            name: name.to_string(),
        };
        Self {
            worst_rating: 1,
            best_rating: 5,
            ratings: vec![
                r(ClaimStatus::False, Some(1), "False"),
                r(ClaimStatus::Misleading, Some(2), "Misleading"),
                r(ClaimStatus::Disputed, Some(3), "Disputed"),
                r(ClaimStatus::Verified, Some(5), "True"),
                r(ClaimStatus::Unverifiable, None, "Unverifiable"),
            ],
        }
    }
}

/// Why a rating scale or publisher was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ScaleError {
    #[error("bestRating ({best}) must be greater than worstRating ({worst})")]
    BestNotAboveWorst { worst: i32, best: i32 },
    #[error("`{status}` is not a verdict; the scale rates verified, disputed, false, misleading and unverifiable")]
    NotAVerdict { status: ClaimStatus },
    #[error("`{status}` appears more than once in the scale")]
    DuplicateStatus { status: ClaimStatus },
    #[error("the scale has no rating for `{status}`")]
    MissingStatus { status: ClaimStatus },
    #[error("the rating value {value} of `{status}` is outside the scale ({worst} to {best})")]
    OutOfRange {
        status: ClaimStatus,
        value: i32,
        worst: i32,
        best: i32,
    },
    #[error(
        "`{first}` and `{second}` have the same rating value {value}; each verdict needs its own"
    )]
    DuplicateValue {
        value: i32,
        first: ClaimStatus,
        second: ClaimStatus,
    },
    #[error("the rating of `{status}` needs a name (the alternateName readers see)")]
    EmptyName { status: ClaimStatus },
    #[error("`{first}` and `{second}` have the same name \"{name}\"; each verdict needs its own")]
    DuplicateName {
        name: String,
        first: ClaimStatus,
        second: ClaimStatus,
    },
    #[error("{field} must be an http:// or https:// address (found `{url}`)")]
    BadUrl { field: &'static str, url: String },
    #[error("{field} is longer than {max} characters")]
    TooLong { field: &'static str, max: usize },
}

fn clean(s: Option<String>) -> Option<String> {
    s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
}

fn check_url(field: &'static str, url: Option<&str>) -> Result<(), ScaleError> {
    let Some(url) = url else { return Ok(()) };
    if url.chars().count() > MAX_URL_CHARS {
        return Err(ScaleError::TooLong {
            field,
            max: MAX_URL_CHARS,
        });
    }
    let lower = url.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"));
    match rest {
        Some(host) if !host.is_empty() && !url.chars().any(char::is_whitespace) => Ok(()),
        _ => Err(ScaleError::BadUrl {
            field,
            url: url.to_string(),
        }),
    }
}

impl ClaimReviewSettings {
    /// The settings with names and URLs trimmed (empty ones become `None`), checked with
    /// [`ClaimReviewSettings::validate`].
    pub fn cleaned(self) -> Result<Self, ScaleError> {
        let s = Self {
            publisher: Publisher {
                name: clean(self.publisher.name),
                url: clean(self.publisher.url),
                review_base_url: clean(self.publisher.review_base_url),
            },
            scale: RatingScale {
                ratings: self
                    .scale
                    .ratings
                    .into_iter()
                    .map(|r| ScaleRating {
                        name: r.name.trim().to_string(),
                        ..r
                    })
                    .collect(),
                ..self.scale
            },
        };
        s.validate()?;
        Ok(s)
    }

    /// Checks the publisher's URLs and the scale: bestRating above worstRating, exactly one rating per verdict,
    /// values inside the scale and all different, names present and all different (ignoring case).
    pub fn validate(&self) -> Result<(), ScaleError> {
        if let Some(name) = &self.publisher.name {
            if name.chars().count() > MAX_NAME_CHARS {
                return Err(ScaleError::TooLong {
                    field: "the publisher name",
                    max: MAX_NAME_CHARS,
                });
            }
        }
        check_url("the publisher URL", self.publisher.url.as_deref())?;
        check_url(
            "the review base URL",
            self.publisher.review_base_url.as_deref(),
        )?;
        self.scale.validate()
    }

    /// The verdict a fact-check stands for, read through this scale: its `ratingValue` when it is published on
    /// this scale (same `bestRating` and `worstRating`, schema.org's 5 and 1 when absent), else its rating
    /// text as one of this scale's names, else the text as a rating word ("Pants on Fire!", "Mostly False",
    /// see [`status_for_rating_word`]).
    pub fn verdict_of(&self, draft: &FactCheckDraft) -> Option<ClaimStatus> {
        draft
            .rating_value
            .and_then(|n| self.scale.status_for_value(&n))
            .or_else(|| {
                let rating = draft.rating.as_deref()?;
                self.scale
                    .status_for_name(rating)
                    .or_else(|| status_for_rating_word(rating))
            })
    }
}

impl RatingScale {
    /// See [`ClaimReviewSettings::validate`].
    pub fn validate(&self) -> Result<(), ScaleError> {
        let (worst, best) = (self.worst_rating, self.best_rating);
        if best <= worst {
            return Err(ScaleError::BestNotAboveWorst { worst, best });
        }
        let mut statuses: Vec<ClaimStatus> = Vec::new();
        let mut values: HashMap<i32, ClaimStatus> = HashMap::new();
        let mut names: HashMap<String, ClaimStatus> = HashMap::new();
        for r in &self.ratings {
            if !r.status.is_verdict() {
                return Err(ScaleError::NotAVerdict { status: r.status });
            }
            if statuses.contains(&r.status) {
                return Err(ScaleError::DuplicateStatus { status: r.status });
            }
            statuses.push(r.status);
            if let Some(value) = r.value {
                if !(worst..=best).contains(&value) {
                    return Err(ScaleError::OutOfRange {
                        status: r.status,
                        value,
                        worst,
                        best,
                    });
                }
                if let Some(first) = values.insert(value, r.status) {
                    return Err(ScaleError::DuplicateValue {
                        value,
                        first,
                        second: r.status,
                    });
                }
            }
            let name = r.name.trim();
            if name.is_empty() {
                return Err(ScaleError::EmptyName { status: r.status });
            }
            if name.chars().count() > MAX_NAME_CHARS {
                return Err(ScaleError::TooLong {
                    field: "a rating name",
                    max: MAX_NAME_CHARS,
                });
            }
            if let Some(first) = names.insert(name.to_lowercase(), r.status) {
                return Err(ScaleError::DuplicateName {
                    name: name.to_string(),
                    first,
                    second: r.status,
                });
            }
        }
        if let Some(missing) = ClaimStatus::ALL
            .iter()
            .find(|s| s.is_verdict() && !statuses.contains(s))
        {
            return Err(ScaleError::MissingStatus { status: *missing });
        }
        Ok(())
    }

    /// How `status` is published (`None` for statuses that are not verdicts).
    pub fn rating_for(&self, status: ClaimStatus) -> Option<&ScaleRating> {
        self.ratings.iter().find(|r| r.status == status)
    }

    /// The verdict whose value is `n`, when `n` is on this scale (same best and worst).
    pub fn status_for_value(&self, n: &NumericRating) -> Option<ClaimStatus> {
        let same = |a: f64, b: i32| a.fract() == 0.0 && a == f64::from(b);
        if !same(n.best_or_default(), self.best_rating)
            || !same(n.worst_or_default(), self.worst_rating)
        {
            return None;
        }
        self.ratings
            .iter()
            .find(|r| r.value.is_some_and(|v| same(n.value, v)))
            .map(|r| r.status)
    }

    /// The verdict named `name` on this scale (ignoring case and surrounding spaces).
    pub fn status_for_name(&self, name: &str) -> Option<ClaimStatus> {
        let wanted = name.trim().to_lowercase();
        self.ratings
            .iter()
            .find(|r| r.name.trim().to_lowercase() == wanted)
            .map(|r| r.status)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft(
        rating: Option<&str>,
        value: Option<(f64, Option<f64>, Option<f64>)>,
    ) -> FactCheckDraft {
        FactCheckDraft {
            source: crate::factcheck::FactCheckSource::Claimreview,
            external_id: None,
            claim: "x".into(),
            claimant: None,
            date: None,
            review_date: None,
            rating: rating.map(str::to_string),
            rating_value: value.map(|(value, best, worst)| NumericRating { value, best, worst }),
            url: None,
            title: None,
            publisher: None,
        }
    }

    #[test]
    fn the_default_scale_is_valid_and_rates_every_verdict() {
        let s = ClaimReviewSettings::default();
        assert_eq!(s.validate(), Ok(()));
        for status in ClaimStatus::ALL.iter().filter(|s| s.is_verdict()) {
            assert!(s.scale.rating_for(*status).is_some(), "{status}");
        }
        assert_eq!(
            s.scale
                .rating_for(ClaimStatus::Unverifiable)
                .and_then(|r| r.value),
            None
        );
    }

    #[test]
    fn bad_scales_are_refused_with_a_reason() {
        let base = RatingScale::default();
        let with = |f: &dyn Fn(&mut RatingScale)| {
            let mut s = base.clone();
            f(&mut s);
            s.validate()
        };
        assert_eq!(
            with(&|s| s.best_rating = 1),
            Err(ScaleError::BestNotAboveWorst { worst: 1, best: 1 })
        );
        assert_eq!(
            with(&|s| s.ratings[1].value = Some(1)),
            Err(ScaleError::DuplicateValue {
                value: 1,
                first: ClaimStatus::False,
                second: ClaimStatus::Misleading
            })
        );
        assert_eq!(
            with(&|s| s.ratings[3].value = Some(6)),
            Err(ScaleError::OutOfRange {
                status: ClaimStatus::Verified,
                value: 6,
                worst: 1,
                best: 5
            })
        );
        assert_eq!(
            with(&|s| s.ratings[2].name = "false ".into()),
            Err(ScaleError::DuplicateName {
                name: "false".into(),
                first: ClaimStatus::False,
                second: ClaimStatus::Disputed
            })
        );
        assert_eq!(
            with(&|s| s.ratings[0].name = "  ".into()),
            Err(ScaleError::EmptyName {
                status: ClaimStatus::False
            })
        );
        assert_eq!(
            with(&|s| {
                s.ratings.pop();
            }),
            Err(ScaleError::MissingStatus {
                status: ClaimStatus::Unverifiable
            })
        );
        assert_eq!(
            with(&|s| s.ratings[4].status = ClaimStatus::False),
            Err(ScaleError::DuplicateStatus {
                status: ClaimStatus::False
            })
        );
        assert_eq!(
            with(&|s| s.ratings[4].status = ClaimStatus::InReview),
            Err(ScaleError::NotAVerdict {
                status: ClaimStatus::InReview
            })
        );
        let mut s = ClaimReviewSettings::default();
        s.publisher.url = Some("javascript:alert(1)".into());
        assert!(matches!(s.validate(), Err(ScaleError::BadUrl { .. })));
        let mut s = ClaimReviewSettings::default();
        s.publisher.review_base_url = Some("  https://checks.example/c/ ".into());
        s.publisher.name = Some("  ".into());
        let s = s.cleaned().expect("valid once trimmed");
        assert_eq!(
            s.publisher.review_base_url.as_deref(),
            Some("https://checks.example/c/")
        );
        assert_eq!(s.publisher.name, None);
    }

    #[test]
    fn verdicts_read_back_value_first_then_name_then_words() {
        let s = ClaimReviewSettings::default();
        // ratingValue on this scale wins over a contradicting name.
        assert_eq!(
            s.verdict_of(&draft(Some("True"), Some((2.0, Some(5.0), Some(1.0))))),
            Some(ClaimStatus::Misleading)
        );
        // Absent best/worst mean 5 and 1.
        assert_eq!(
            s.verdict_of(&draft(None, Some((3.0, None, None)))),
            Some(ClaimStatus::Disputed)
        );
        // Another scale: the value is not read, the name is.
        assert_eq!(
            s.verdict_of(&draft(
                Some("unverifiable"),
                Some((2.0, Some(10.0), Some(0.0)))
            )),
            Some(ClaimStatus::Unverifiable)
        );
        // A value the scale does not use falls back to the name.
        assert_eq!(
            s.verdict_of(&draft(Some("Misleading"), Some((4.0, None, None)))),
            Some(ClaimStatus::Misleading)
        );
        // Rating words of other publishers.
        assert_eq!(
            s.verdict_of(&draft(Some("Pants on Fire!"), None)),
            Some(ClaimStatus::False)
        );
        assert_eq!(s.verdict_of(&draft(Some("Satire"), None)), None);
        assert_eq!(s.verdict_of(&draft(None, None)), None);
    }

    #[test]
    fn a_custom_scale_reads_its_own_values_and_names() {
        let scale = RatingScale {
            worst_rating: 0,
            best_rating: 10,
            ratings: vec![
                ScaleRating {
                    status: ClaimStatus::Verified,
                    value: Some(10),
                    name: "Accurate".into(),
                },
                ScaleRating {
                    status: ClaimStatus::Disputed,
                    value: Some(5),
                    name: "Contested".into(),
                },
                ScaleRating {
                    status: ClaimStatus::Misleading,
                    value: Some(3),
                    name: "Missing context".into(),
                },
                ScaleRating {
                    status: ClaimStatus::False,
                    value: Some(0),
                    name: "Wrong".into(),
                },
                ScaleRating {
                    status: ClaimStatus::Unverifiable,
                    value: Some(7),
                    name: "Cannot say".into(),
                },
            ],
        };
        let s = ClaimReviewSettings {
            scale,
            ..Default::default()
        };
        assert_eq!(s.validate(), Ok(()));
        assert_eq!(
            s.verdict_of(&draft(None, Some((7.0, Some(10.0), Some(0.0))))),
            Some(ClaimStatus::Unverifiable)
        );
        assert_eq!(
            s.verdict_of(&draft(Some("missing CONTEXT"), None)),
            Some(ClaimStatus::Misleading)
        );
    }
}
