//! Unit tests of the whole pipeline on short texts: each attribution pattern and each kind of
//! back-reference, checked through [`super::extract_claims`].

use super::extract_claims;
use crate::model::{ClaimKind, ExtractedClaim};

fn claims(text: &str) -> Vec<ExtractedClaim> {
    extract_claims(text)
}

/// (claimant, speaker) of the claim containing `needle`.
fn source(claims: &[ExtractedClaim], needle: &str) -> (Option<String>, Option<String>) {
    let c = claims
        .iter()
        .find(|c| c.text.contains(needle))
        .unwrap_or_else(|| panic!("no claim contains {needle:?}: {claims:#?}"));
    (c.claimant.clone(), c.speaker.clone())
}

fn pair(claimant: &str, speaker: &str) -> (Option<String>, Option<String>) {
    (Some(claimant.to_string()), Some(speaker.to_string()))
}

#[test]
fn subject_said() {
    let c = claims("Finance Minister Ana Ruiz said the deficit fell to 3 percent in 2023.");
    assert_eq!(
        source(&c, "deficit"),
        pair("Finance Minister Ana Ruiz", "Ana Ruiz")
    );
    assert_eq!(c[0].kind, ClaimKind::ReportedSpeech);
}

#[test]
fn inverted_said() {
    let c = claims("“The deficit fell to 3 percent last year,” said Finance Minister Ana Ruiz.");
    assert_eq!(
        source(&c, "deficit"),
        pair("Finance Minister Ana Ruiz", "Ana Ruiz")
    );
    assert_eq!(c[0].kind, ClaimKind::DirectQuote);
}

#[test]
fn according_to() {
    let c =
        claims("The deficit fell to 3 percent in 2023, according to the national audit office.");
    assert_eq!(
        source(&c, "deficit"),
        pair("the national audit office", "the national audit office")
    );
}

#[test]
fn told_reporters_and_said_in_a_statement() {
    let c = claims(
        "Senator Ben Okoro told reporters the bill would cost $2 billion.\n\nThe Treasury Department said in a \
         statement that the estimate was too low.",
    );
    assert_eq!(
        source(&c, "$2 billion"),
        pair("Senator Ben Okoro", "Ben Okoro")
    );
    assert_eq!(
        source(&c, "too low"),
        pair("The Treasury Department", "Treasury Department")
    );
}

#[test]
fn statement_reads_and_said_colon() {
    let c = claims(
        "The city council issued a joint statement on Monday. “The budget is balanced for the first time since \
         2009,” the statement reads.\n\nAsked about the vote, Mayor Lena Park said: “We cut spending by 4 \
         percent.”",
    );
    assert_eq!(
        source(&c, "budget is balanced"),
        pair("the statement", "the statement")
    );
    assert_eq!(
        source(&c, "We cut spending"),
        pair("Mayor Lena Park", "Lena Park")
    );
}

#[test]
fn quote_speaker_named_in_previous_or_next_sentence() {
    let c = claims(
        "“The river rose two metres overnight,” Governor Ivo Tamm said. “We evacuated 300 homes before dawn.”\n\n\
         “Nobody was hurt in the evacuation of Lindor.” Police Chief Mara Veld said so at a news conference.",
    );
    assert_eq!(
        source(&c, "300 homes"),
        pair("Governor Ivo Tamm", "Ivo Tamm")
    );
    assert_eq!(
        source(&c, "Nobody was hurt"),
        pair("Police Chief Mara Veld", "Mara Veld")
    );
}

#[test]
fn back_references_to_officials_and_statements() {
    let c = claims(
        "A senior Interior Ministry official told reporters that 14 people were arrested. “They were armed with \
         rifles and grenades,” the official said.\n\nTwo army officers said the raid began at 4 a.m. The officers said 200 troops took \
         part.\n\nAccording to the joint statement, the talks will resume in May. The statement said both sides \
         had agreed to release 40 prisoners.",
    );
    assert_eq!(
        source(&c, "They were armed"),
        pair("the official", "A senior Interior Ministry official")
    );
    assert_eq!(
        source(&c, "200 troops"),
        pair("The officers", "Two army officers")
    );
    assert_eq!(
        source(&c, "40 prisoners"),
        pair("The statement", "the joint statement")
    );
}

#[test]
fn pronouns_and_titles_resolve_to_the_latest_person() {
    let c = claims(
        "President Hana Sato met Prime Minister Olu Adeyemi in Lagos on Friday. She said the two countries \
         signed 12 trade agreements.\n\nMr. Adeyemi, speaking after the meeting, said trade grew 8 percent last \
         year. He added that the agreements would create 5,000 jobs.\n\nThe president told reporters the deal \
         was worth $3 billion.",
    );
    assert_eq!(source(&c, "12 trade agreements"), pair("She", "Hana Sato"));
    assert_eq!(source(&c, "8 percent"), pair("Mr. Adeyemi", "Olu Adeyemi"));
    assert_eq!(source(&c, "5,000 jobs"), pair("He", "Olu Adeyemi"));
    assert_eq!(source(&c, "$3 billion"), pair("The president", "Hana Sato"));
}

#[test]
fn outlet_assertions_have_no_source_and_non_claims_are_dropped() {
    let c = claims(
        "The bridge collapsed on Tuesday, killing 9 people.\n\nWhy did it fall?\n\nThe mood was grim.\n\nIt was \
         sad.",
    );
    assert_eq!(c.len(), 1, "{c:#?}");
    assert_eq!(source(&c, "bridge"), (None, None));
    assert_eq!(c[0].kind, ClaimKind::Statistic);
}

#[test]
fn kinds_follow_the_form_of_the_sentence() {
    let c = claims(
        "The parliament of Eldor voted to dissolve itself on Monday.\n\nEldor's economy is the largest in the \
         region.\n\nUnemployment stands at 7.2 percent.",
    );
    let kind = |needle: &str| c.iter().find(|x| x.text.contains(needle)).map(|x| x.kind);
    assert_eq!(kind("voted"), Some(ClaimKind::Event));
    assert_eq!(kind("largest"), Some(ClaimKind::Statement));
    assert_eq!(kind("7.2 percent"), Some(ClaimKind::Statistic));
}
