//! Any text (raw and normalised) through the claim extractor: no panic, no hang, spans slice exactly,
//! in order, and scores stay within 0..=1.
#![no_main]

use claimtrail_core::extract_claims;
use claimtrail_core::text::normalize;
use libfuzzer_sys::fuzz_target;

fn check(text: &str) {
    let total = text.chars().count();
    let mut last = 0;
    for c in extract_claims(text) {
        assert!(c.start < c.end && c.end <= total && c.start >= last, "bad span {c:?}");
        let slice: String = text.chars().skip(c.start).take(c.end - c.start).collect();
        assert_eq!(slice, c.text, "span does not slice the text");
        assert!((0.0..=1.0).contains(&c.checkworthiness));
        last = c.end;
    }
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    check(&text);
    check(&normalize(&text));
});
