//! Snapshot tests of `extract_claims` on the seed article and on fictional wire-style articles.
//!
//! The snapshots are the specification of the extractor's output: review every change to them
//! (`cargo insta review`, or `INSTA_UPDATE=always cargo test -p claimtrail-core` and read the diff).

use claimtrail_core::extract::extract_claims;
use claimtrail_core::text::normalize;

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    let raw = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"));
    normalize(&raw)
}

#[test]
fn seed_trump_putin_apec_2017() {
    let claims = extract_claims(&normalize(claimtrail_core::sample::SAMPLE_TEXT));
    insta::assert_json_snapshot!("seed_trump_putin_apec_2017", claims);
}

#[test]
fn fictional_port_strike() {
    let claims = extract_claims(&fixture("fictional-port-strike.txt"));
    insta::assert_json_snapshot!("fictional_port_strike", claims);
}

#[test]
fn fictional_measles() {
    let claims = extract_claims(&fixture("fictional-measles.txt"));
    insta::assert_json_snapshot!("fictional_measles", claims);
}

#[test]
fn fictional_senate_subpoena() {
    let claims = extract_claims(&fixture("fictional-senate-subpoena.txt"));
    insta::assert_json_snapshot!("fictional_senate_subpoena", claims);
}

#[test]
fn fictional_valmora_flood() {
    let claims = extract_claims(&fixture("fictional-valmora-flood.txt"));
    insta::assert_json_snapshot!("fictional_valmora_flood", claims);
}
