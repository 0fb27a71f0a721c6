//! Property tests at scale for hostile input: random bytes and random markup through the importer's entry
//! point (`load_bytes`, for each format) and then the extractor. Nothing may panic, and every claim span must
//! slice the text exactly. `PROPTEST_CASES=20000 cargo test --release -p claimtrail-core --test fuzz_ingest`
//! runs them longer; the coverage-guided targets are in `fuzz/`.

use claimtrail_core::ingest::{load_bytes, IngestOptions};
use claimtrail_core::{extract_claims, SourceFormat};
use proptest::prelude::*;

const FORMATS: [Option<SourceFormat>; 6] = [
    None,
    Some(SourceFormat::Text),
    Some(SourceFormat::Markdown),
    Some(SourceFormat::Html),
    Some(SourceFormat::Json),
    Some(SourceFormat::Jsonl),
];

fn ingest_and_extract(bytes: &[u8]) -> Result<(), TestCaseError> {
    for format in FORMATS {
        for loaded in load_bytes("p", "P", bytes.to_vec(), format, &IngestOptions::default()) {
            if let Ok(draft) = loaded.result {
                let total = draft.text.chars().count();
                for c in extract_claims(&draft.text) {
                    prop_assert!(c.start < c.end && c.end <= total, "{:?}", c);
                    let slice: String = draft
                        .text
                        .chars()
                        .skip(c.start)
                        .take(c.end - c.start)
                        .collect();
                    prop_assert_eq!(slice, c.text);
                }
            }
        }
    }
    Ok(())
}

/// Pieces of HTML, Markdown and JSON that parsers trip over, mixed with prose.
fn markup_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("<html>".to_string()),
        Just("<body>".to_string()),
        Just("<div>".to_string()),
        Just("</div>".to_string()),
        Just("<p>".to_string()),
        Just("</p>".to_string()),
        Just("<article>".to_string()),
        Just("<script>alert(1)</script>".to_string()),
        Just("<script>".to_string()),
        Just("<style>p{}</style>".to_string()),
        Just("<iframe src=\"x\">".to_string()),
        Just("<a href=\"javascript:alert(1)\" onclick=\"x()\">".to_string()),
        Just("</a>".to_string()),
        Just("<!--".to_string()),
        Just("-->".to_string()),
        Just("<![CDATA[".to_string()),
        Just("&amp;&lt;&#x1F600;&#0;&bogus;".to_string()),
        Just("<meta property=\"article:published_time\" content=\"2024-13-45\">".to_string()),
        Just("<link rel=\"canonical\" href=\"\">".to_string()),
        Just("<title>".to_string()),
        Just("<table><tr><td>".to_string()),
        Just("# ".to_string()),
        Just("```".to_string()),
        Just("> ".to_string()),
        Just("[x](javascript:y)".to_string()),
        Just("{\"title\":".to_string()),
        Just("\"text\":\"".to_string()),
        Just("}".to_string()),
        Just("[".to_string()),
        Just("]".to_string()),
        Just("\\u0000\\ud800".to_string()),
        Just("\n".to_string()),
        Just("\u{feff}".to_string()),
        Just("“Taxes rose 40 percent,” the mayor, Ana Costa, said. ".to_string()),
        Just("Officials said 12 ships waited offshore on Monday. ".to_string()),
        Just("مرحبا. ".to_string()),
        Just("👩‍👩‍👧 e\u{301} ".to_string()),
        "[a-zA-Z0-9 .,<>/\"'=&;#]{0,20}",
        "\\PC{0,8}",
    ]
}

proptest! {
    #[test]
    fn random_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        ingest_and_extract(&bytes)?;
    }

    #[test]
    fn random_text_never_panics(text in "\\PC{0,1500}") {
        ingest_and_extract(text.as_bytes())?;
    }

    #[test]
    fn random_markup_never_panics(pieces in prop::collection::vec(markup_piece(), 0..120)) {
        ingest_and_extract(pieces.concat().as_bytes())?;
    }

    #[test]
    fn random_utf16_never_panics(units in prop::collection::vec(any::<u16>(), 0..600), big_endian in any::<bool>()) {
        let mut bytes = if big_endian { vec![0xFE, 0xFF] } else { vec![0xFF, 0xFE] };
        for u in units {
            bytes.extend(if big_endian { u.to_be_bytes() } else { u.to_le_bytes() });
        }
        ingest_and_extract(&bytes)?;
    }
}
