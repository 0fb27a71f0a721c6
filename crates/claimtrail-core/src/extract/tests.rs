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

#[test]
fn aliases_of_one_person_resolve_to_one_speaker() {
    let c = claims(
        "President Donald Trump met the Finnish prime minister in Oslo on Monday.\n\nTrump said the two leaders \
         agreed to cut tariffs by 10 percent.\n\n“We had a very good meeting,” the president said after the \
         talks.\n\nMr. Trump told reporters the deal was worth $4 billion.",
    );
    assert_eq!(source(&c, "10 percent"), pair("Trump", "Donald Trump"));
    assert_eq!(
        source(&c, "very good meeting"),
        pair("the president", "Donald Trump")
    );
    assert_eq!(source(&c, "$4 billion"), pair("Mr. Trump", "Donald Trump"));
}

#[test]
fn introductory_phrases_and_time_phrases_are_not_speakers() {
    let c = claims(
        "In a statement on Thursday, Mark Delane, the company’s chairman, said the company paid $2 million in \
         fines.\n\nWhen asked whether the mine would reopen, Delane replied that it would close for 6 months.\n\n\
         Governor Ada Brisk on Monday said 300 workers would lose their jobs.",
    );
    assert_eq!(source(&c, "$2 million"), pair("Mark Delane", "Mark Delane"));
    assert_eq!(source(&c, "6 months"), pair("Delane", "Mark Delane"));
    assert_eq!(
        source(&c, "300 workers"),
        pair("Governor Ada Brisk", "Ada Brisk")
    );
}

#[test]
fn documents_belong_to_their_named_authors() {
    let c = claims(
        "Attorney Tomas Quill sent a letter to the Harbor Commission on Friday. “My client has not broken any \
         law,” reads the letter from Quill.\n\nQuill’s letter says the fines total $80,000.\n\nAccording to the \
         report issued by the Valmora Audit Office, spending rose 12 percent in 2022.",
    );
    assert_eq!(
        source(&c, "broken any law").1,
        Some("Tomas Quill".to_string())
    );
    assert_eq!(source(&c, "$80,000").1, Some("Tomas Quill".to_string()));
    assert_eq!(
        source(&c, "12 percent").1,
        Some("Valmora Audit Office".to_string())
    );
}

#[test]
fn main_clause_speaker_wins_over_a_parenthetical_or_a_relay() {
    let c = claims(
        "Asked about the strike ― the union leader had vowed to “shut every port” ― Minister Ana Ruiz said the \
         talks would resume on Monday.\n\nAccording to columnist Lev Haber, Ruiz claims that the strike cost $40 \
         million.",
    );
    assert_eq!(
        source(&c, "talks would resume").1,
        Some("Ana Ruiz".to_string())
    );
    assert_eq!(source(&c, "$40").1, Some("Ana Ruiz".to_string()));
}

#[test]
fn organisation_names_with_and_and_their_acronyms() {
    let c = claims(
        "The Department of Housing and Urban Development said on Monday that 4,000 families were evicted.\n\n\
         The Internal Revenue Service fined the charity $300,000. The IRS said the charity had filed late for \
         3 years.\n\nInspectors visited the Port Authority of Kelby and Marrow on Friday and counted 12 ships.",
    );
    let names = |needle: &str| -> Vec<String> {
        c.iter()
            .find(|x| x.text.contains(needle))
            .map(|x| x.entities.iter().map(|e| e.name.clone()).collect())
            .unwrap_or_default()
    };
    assert!(names("4,000").contains(&"Department of Housing and Urban Development".to_string()));
    assert_eq!(
        source(&c, "filed late").1,
        Some("Internal Revenue Service".to_string())
    );
    assert!(names("12 ships").contains(&"Port Authority of Kelby and Marrow".to_string()));
}
