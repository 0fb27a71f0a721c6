//! Reading fact-check ratings.

use crate::model::ClaimStatus;

/// Rating words that mean the claim was judged false, misleading or disputed.
const NEGATIVE: &[&str] = &[
    "false",
    "pants",
    "fake",
    "misleading",
    "mislead",
    "disputed",
    "incorrect",
    "inaccurate",
    "wrong",
    "miscaptioned",
    "misattributed",
    "scam",
    "hoax",
    "fabricated",
    "barely true",
    "barely-true",
    "not true",
    "untrue",
    "distorts",
    "exaggerat",
    "unsupported",
    "four pinocchios",
    "three pinocchios",
    "debunked",
    "no evidence",
    "flip",
    "mixture",
    "out of context",
];

/// Words that mean the opposite even next to a negative word ("not false").
const POSITIVE: &[&str] = &["mostly true", "mostly-true", "correct attribution"];

/// Whether a fact-check rating text says the claim is false, misleading or disputed ("Pants on Fire!",
/// "Mostly False", "Miscaptioned", "half-flip"). "True", "Mostly True" and "Correct" are not.
pub fn rating_is_negative(rating: &str) -> bool {
    let r = rating.trim().to_lowercase();
    if r.is_empty() || POSITIVE.iter().any(|p| r.contains(p)) {
        return false;
    }
    if r == "no-flip" || r == "no flip" {
        return false;
    }
    NEGATIVE.iter().any(|n| r.contains(n))
}

/// Reads a numeric schema.org rating (`ratingValue` between `worstRating` and `bestRating`) as a word when it
/// falls in the lower or upper third.
pub fn numeric_rating_word(value: f64, worst: f64, best: f64) -> Option<&'static str> {
    if best <= worst || !(worst..=best).contains(&value) {
        return None;
    }
    let share = (value - worst) / (best - worst);
    if share <= 1.0 / 3.0 {
        Some("false")
    } else if share >= 2.0 / 3.0 {
        Some("true")
    } else {
        Some("mixture")
    }
}

/// Rating words read as a claimtrail verdict, checked in this order (the first group with a word contained in the
/// rating wins), so "not true" and "mostly false" are read before "true" and "false".
const STATUS_WORDS: &[(ClaimStatus, &[&str])] = &[
    (
        ClaimStatus::Unverifiable,
        &[
            "unverifiable",
            "unverified",
            "unproven",
            "unsupported",
            "no evidence",
            "not enough evidence",
            "lack of evidence",
            "cannot be verified",
            "research in progress",
        ],
    ),
    (
        ClaimStatus::Misleading,
        &[
            "misleading",
            "mislead",
            "mostly false",
            "mostly-false",
            "partly false",
            "partially false",
            "barely true",
            "barely-true",
            "out of context",
            "miscaptioned",
            "misattributed",
            "distorts",
            "exaggerat",
            "cherry",
            "three pinocchios",
            "two pinocchios",
        ],
    ),
    (
        ClaimStatus::False,
        &[
            "not true",
            "untrue",
            "false",
            "pants",
            "fake",
            "incorrect",
            "inaccurate",
            "wrong",
            "scam",
            "hoax",
            "fabricated",
            "debunked",
            "four pinocchios",
        ],
    ),
    (
        ClaimStatus::Disputed,
        &[
            "disputed",
            "half true",
            "half-true",
            "mixture",
            "mixed",
            "half flip",
            "half-flip",
            "contested",
            "partly",
            "partially",
        ],
    ),
    (
        ClaimStatus::Verified,
        &[
            "verified",
            "mostly true",
            "mostly-true",
            "true",
            "correct",
            "accurate",
            "no flip",
            "no-flip",
            "geppetto",
        ],
    ),
];

/// The claimtrail verdict a free-text fact-check rating stands for ("Pants on Fire!" is `false`, "Mostly
/// False" `misleading`, "Half True" `disputed`, "Mostly True" `verified`, "Unproven" `unverifiable`), or `None`
/// when the words say nothing claimtrail can place. A claimtrail status spelled out ("misleading") reads as
/// itself.
pub fn status_for_rating_word(rating: &str) -> Option<ClaimStatus> {
    let r = rating
        .trim()
        .trim_end_matches(['!', '.', '?'])
        .trim()
        .to_lowercase()
        .replace('_', " ");
    if r.is_empty() {
        return None;
    }
    if let Ok(status) = r.parse::<ClaimStatus>() {
        return status.is_verdict().then_some(status);
    }
    STATUS_WORDS
        .iter()
        .find(|(_, words)| words.iter().any(|w| r.contains(w)))
        .map(|(status, _)| *status)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratings_read_as_negative_or_not() {
        for r in [
            "False",
            "Pants on Fire!",
            "pants-fire",
            "Mostly False",
            "Misleading",
            "Miscaptioned",
            "half-flip",
        ] {
            assert!(rating_is_negative(r), "{r}");
        }
        for r in [
            "True",
            "Mostly True",
            "mostly-true",
            "Correct",
            "",
            "no-flip",
        ] {
            assert!(!rating_is_negative(r), "{r}");
        }
        assert_eq!(numeric_rating_word(1.0, 1.0, 5.0), Some("false"));
        assert_eq!(numeric_rating_word(5.0, 1.0, 5.0), Some("true"));
        assert_eq!(numeric_rating_word(7.0, 1.0, 5.0), None);
    }

    #[test]
    fn rating_words_read_as_statuses() {
        use ClaimStatus::*;
        for (rating, want) in [
            ("False", Some(False)),
            ("Pants on Fire!", Some(False)),
            ("pants-fire", Some(False)),
            ("Not true", Some(False)),
            ("Four Pinocchios", Some(False)),
            ("Mostly False", Some(Misleading)),
            ("barely-true", Some(Misleading)),
            ("Miscaptioned", Some(Misleading)),
            ("Out of context", Some(Misleading)),
            ("Partly false", Some(Misleading)),
            ("Half True", Some(Disputed)),
            ("Mixture", Some(Disputed)),
            ("half-flip", Some(Disputed)),
            ("Mostly True", Some(Verified)),
            ("True", Some(Verified)),
            ("Correct Attribution", Some(Verified)),
            ("Unproven", Some(Unverifiable)),
            ("No evidence", Some(Unverifiable)),
            ("unverifiable", Some(Unverifiable)),
            ("in_review", None),
            ("Satire", None),
            ("", None),
        ] {
            assert_eq!(status_for_rating_word(rating), want, "{rating}");
        }
    }
}
