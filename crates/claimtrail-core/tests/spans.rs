//! Property tests: on any input, every claim's span slices the article text exactly, spans are ordered and
//! non-empty, scores stay in 0..=1, and nothing panics.

use claimtrail_core::extract::{extract_claims, is_chrome_line};
use claimtrail_core::model::ExtractedClaim;
use claimtrail_core::text::normalize;
use proptest::prelude::*;

fn check(text: &str, claims: &[ExtractedClaim]) -> Result<(), TestCaseError> {
    let total = text.chars().count();
    let mut last_end = 0;
    for c in claims {
        prop_assert!(c.start < c.end, "empty span {:?}", c);
        prop_assert!(c.end <= total, "span past the end {:?}", c);
        prop_assert!(c.start >= last_end, "spans out of order at {:?}", c);
        let slice: String = text.chars().skip(c.start).take(c.end - c.start).collect();
        prop_assert_eq!(&slice, &c.text);
        prop_assert_eq!(c.text.trim(), c.text.as_str());
        prop_assert!(
            (0.0..=1.0).contains(&c.checkworthiness),
            "score {}",
            c.checkworthiness
        );
        last_end = c.end;
    }
    Ok(())
}

fn seed() -> String {
    normalize(claimtrail_core::sample::SAMPLE_TEXT)
}

/// Pieces that stress the rules: quotes of every kind, abbreviations, datelines, chrome, scripts.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("“".to_string()),
        Just("”".to_string()),
        Just("\"".to_string()),
        Just("’".to_string()),
        Just("'".to_string()),
        Just("„".to_string()),
        Just("«".to_string()),
        Just("»".to_string()),
        Just(". ".to_string()),
        Just("? ".to_string()),
        Just("! ".to_string()),
        Just("… ".to_string()),
        Just("\n".to_string()),
        Just("\n\n".to_string()),
        Just(", ".to_string()),
        Just(": ".to_string()),
        Just(" — ".to_string()),
        Just("Mr. ".to_string()),
        Just("U.S. ".to_string()),
        Just("Jan. 5 ".to_string()),
        Just("9 a.m. ".to_string()),
        Just("Donald J. Trump ".to_string()),
        Just(" said ".to_string()),
        Just("the official said".to_string()),
        Just("according to ".to_string()),
        Just("he told reporters ".to_string()),
        Just("WASHINGTON (Reuters) — ".to_string()),
        Just("Story highlights\n".to_string()),
        Just("02:51 - Source: CNN\n".to_string()),
        Just("By Jane Doe, CNN\n".to_string()),
        Just("(L) (R) ".to_string()),
        Just("$5 million ".to_string()),
        Just("44% ".to_string()),
        Just("President Jane Roe ".to_string()),
        Just("Secretary of State ".to_string()),
        Just("al-Assad ".to_string()),
        Just("Trump-Putin ".to_string()),
        Just("👍🏽 ".to_string()),
        Just("e\u{301} ".to_string()),
        Just("مرحبا بالعالم. ".to_string()),
        Just("שלום עולם ".to_string()),
        Just("你好。".to_string()),
        "[A-Za-z ]{1,12}",
        "\\PC{1,6}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn spans_slice_arbitrary_text(text in "\\PC{0,400}") {
        let claims = extract_claims(&text);
        check(&text, &claims)?;
    }

    #[test]
    fn spans_slice_tricky_text(pieces in prop::collection::vec(piece(), 0..80)) {
        let text: String = pieces.concat();
        let claims = extract_claims(&text);
        check(&text, &claims)?;
        let normalized = normalize(&text);
        let claims = extract_claims(&normalized);
        check(&normalized, &claims)?;
        for line in text.lines() {
            let _ = is_chrome_line(line);
        }
    }

    #[test]
    fn spans_slice_the_seed_with_random_edits(
        edits in prop::collection::vec((0usize..10_000, 0usize..40, piece()), 1..12)
    ) {
        let mut chars: Vec<char> = seed().chars().collect();
        for (at, cut, insert) in edits {
            let at = at % (chars.len() + 1);
            let cut = cut.min(chars.len() - at);
            chars.splice(at..at + cut, insert.chars());
        }
        let text: String = chars.into_iter().collect();
        let claims = extract_claims(&text);
        check(&text, &claims)?;
    }
}

#[test]
fn spans_slice_the_seed() {
    let text = seed();
    let claims = extract_claims(&text);
    assert!(!claims.is_empty());
    let result = check(&text, &claims);
    assert!(result.is_ok(), "{result:?}");
}
