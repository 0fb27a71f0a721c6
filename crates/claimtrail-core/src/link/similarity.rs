//! Similarity measures between two texts' [`Features`].

use super::features::Features;

/// Cosine similarity of the stemmed term counts (0..1).
pub fn cosine(a: &Features, b: &Features) -> f64 {
    if a.terms.is_empty() || b.terms.is_empty() {
        return 0.0;
    }
    let (small, large) = if a.terms.len() <= b.terms.len() {
        (a, b)
    } else {
        (b, a)
    };
    let dot: f64 = small
        .terms
        .iter()
        .filter_map(|(t, n)| large.terms.get(t).map(|m| f64::from(*n) * f64::from(*m)))
        .sum();
    let norm = |f: &Features| {
        f.terms
            .values()
            .map(|n| f64::from(*n).powi(2))
            .sum::<f64>()
            .sqrt()
    };
    dot / (norm(a) * norm(b)).max(f64::EPSILON)
}

/// Share of the shorter text's content terms that the other text also has (0..1): high when one claim is a
/// shortened or embellished form of the other.
pub fn containment(a: &Features, b: &Features) -> f64 {
    let (small, large) = if a.terms.len() <= b.terms.len() {
        (a, b)
    } else {
        (b, a)
    };
    if small.terms.is_empty() {
        return 0.0;
    }
    let shared = small
        .terms
        .keys()
        .filter(|t| large.terms.contains_key(*t))
        .count();
    shared as f64 / small.terms.len() as f64
}

/// Wording similarity (0..1): Sørensen–Dice over character bigrams of the lower-cased words, run together
/// (what `strsim::sorensen_dice` computes on the words joined by spaces, from bigrams sorted once per text).
pub fn wording(a: &Features, b: &Features) -> f64 {
    if a.compact.is_empty() || b.compact.is_empty() {
        return 0.0;
    }
    if a.compact == b.compact {
        return 1.0;
    }
    if a.compact.len() < 2 || b.compact.len() < 2 {
        return 0.0;
    }
    // Size of the multiset intersection of two sorted lists.
    let (mut i, mut j, mut shared) = (0, 0, 0usize);
    while let (Some(x), Some(y)) = (a.bigrams.get(i), b.bigrams.get(j)) {
        match x.cmp(y) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    (2 * shared) as f64 / (a.compact.len() + b.compact.len() - 2) as f64
}

/// Jaccard overlap of the capitalised names (0..1); 0 when either side has none.
pub fn names(a: &Features, b: &Features) -> f64 {
    if a.names.is_empty() || b.names.is_empty() {
        return 0.0;
    }
    let shared = a.names.intersection(&b.names).count();
    shared as f64 / (a.names.len() + b.names.len() - shared) as f64
}

/// Words of a person's or body's name that say nothing about who it is.
const NAME_FILLER: &str = "president vice governor gov senator sen representative rep congressman congresswoman \
    mayor minister prime secretary mr mrs ms dr former the of and candidate speaker leader chairman sir lord \
    state senate house jr sr";

/// Whether two claimant names plausibly name the same speaker: they share a name word of 3+ letters that is not
/// a title ("PRESIDENT OBAMA" and "Barack Obama"; "Sen. Elizabeth Warren" and "Warren").
pub fn claimant_match(a: Option<&str>, b: Option<&str>) -> bool {
    let (Some(a), Some(b)) = (a, b) else {
        return false;
    };
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .map(str::to_lowercase)
            .filter(|w| w.chars().count() >= 3)
            .filter(|w| !NAME_FILLER.split_whitespace().any(|f| f == w))
            .collect()
    };
    let wa = words(a);
    let wb = words(b);
    wa.iter().any(|w| wb.contains(w))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::link::features::features;

    #[test]
    fn cosine_is_one_for_the_same_terms_and_zero_for_none() {
        let a = features("Tariffs on steel doubled last spring.");
        let b = features("Last spring, steel tariffs doubled.");
        assert!((cosine(&a, &b) - 1.0).abs() < 1e-9);
        let c = features("The orchestra played Mahler.");
        assert_eq!(cosine(&a, &c), 0.0);
    }

    #[test]
    fn wording_is_sorensen_dice_of_the_joined_words() {
        let texts = [
            "Tariffs on steel doubled last spring.",
            "Last spring, steel tariffs doubled.",
            "The orchestra played Mahler.",
            "Ünïcode wörds – and 3.5% figures, 1,200 jobs",
            "a",
            "",
            "Steel tariffs doubled last spring!",
        ];
        for x in texts {
            for y in texts {
                let (a, b) = (features(x), features(y));
                let expected = {
                    let (ja, jb) = (a.words.join(" "), b.words.join(" "));
                    if ja.is_empty() || jb.is_empty() {
                        0.0
                    } else {
                        strsim::sorensen_dice(&ja, &jb)
                    }
                };
                assert_eq!(wording(&a, &b), expected, "{x:?} / {y:?}");
            }
        }
    }

    #[test]
    fn claimant_match_ignores_titles_and_case() {
        assert!(claimant_match(
            Some("PRESIDENT OBAMA"),
            Some("Barack Obama")
        ));
        assert!(!claimant_match(
            Some("President Smith"),
            Some("President Jones")
        ));
        assert!(!claimant_match(None, Some("Jones")));
    }
}
