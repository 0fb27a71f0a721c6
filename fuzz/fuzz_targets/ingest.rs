//! Any bytes, read as each input format the importer knows, then extracted: no panic, no hang, and every
//! claim span slices the article text exactly.
#![no_main]

use claimtrail_core::ingest::{load_bytes, IngestOptions};
use claimtrail_core::{extract_claims, SourceFormat};
use libfuzzer_sys::fuzz_target;

const FORMATS: [Option<SourceFormat>; 6] = [
    None,
    Some(SourceFormat::Text),
    Some(SourceFormat::Markdown),
    Some(SourceFormat::Html),
    Some(SourceFormat::Json),
    Some(SourceFormat::Jsonl),
];

fuzz_target!(|data: &[u8]| {
    let Some((&selector, bytes)) = data.split_first() else {
        return;
    };
    let format = FORMATS[usize::from(selector) % FORMATS.len()];
    for loaded in load_bytes("fuzz", "Fuzz", bytes.to_vec(), format, &IngestOptions::default()) {
        if let Ok(draft) = loaded.result {
            for c in extract_claims(&draft.text) {
                let slice: String = draft.text.chars().skip(c.start).take(c.end - c.start).collect();
                assert_eq!(slice, c.text, "span does not slice the text");
            }
        }
    }
});
