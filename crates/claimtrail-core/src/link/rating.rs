//! Reading fact-check ratings.

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
}
