//! Explicit checks of the extractor on the seed article (the acceptance criteria of the issue) and on the
//! fictional fixtures: chrome is dropped, quotes keep their speakers, back-references resolve.

use claimtrail_core::extract::{extract_claims, is_chrome_line};
use claimtrail_core::model::{ClaimKind, EntityKind, ExtractedClaim};
use claimtrail_core::text::normalize;

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    let raw = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"));
    normalize(&raw)
}

/// The one claim whose text contains `needle`.
fn claim<'a>(claims: &'a [ExtractedClaim], needle: &str) -> &'a ExtractedClaim {
    let found: Vec<&ExtractedClaim> = claims.iter().filter(|c| c.text.contains(needle)).collect();
    assert_eq!(
        found.len(),
        1,
        "expected one claim containing {needle:?}, found {}",
        found.len()
    );
    found[0]
}

fn speaker(c: &ExtractedClaim) -> Option<&str> {
    c.speaker.as_deref()
}

fn claimant(c: &ExtractedClaim) -> Option<&str> {
    c.claimant.as_deref()
}

fn assert_spans(text: &str, claims: &[ExtractedClaim]) {
    let mut last_end = 0;
    for c in claims {
        assert!(c.start < c.end, "empty span for {:?}", c.text);
        assert!(c.start >= last_end, "spans out of order at {:?}", c.text);
        let slice: String = text.chars().skip(c.start).take(c.end - c.start).collect();
        assert_eq!(slice, c.text);
        assert_eq!(c.text.trim(), c.text, "span not trimmed");
        assert!((0.0..=1.0).contains(&c.checkworthiness));
        last_end = c.end;
    }
}

fn assert_absent(claims: &[ExtractedClaim], needles: &[&str]) {
    for needle in needles {
        assert!(
            !claims.iter().any(|c| c.text.contains(needle)),
            "no claim should contain {needle:?}"
        );
    }
}

#[test]
fn seed_joint_statement_claim_is_attributed_to_the_joint_statement() {
    let claims = extract_claims(&normalize(claimtrail_core::sample::SAMPLE_TEXT));
    let c = claim(
        &claims,
        "agreed to maintain open military channels of communication",
    );
    assert_eq!(claimant(c), Some("the joint statement"));
    assert_eq!(speaker(c), Some("the joint statement"));
    assert_eq!(c.kind, ClaimKind::ReportedSpeech);
    // The other claims of the statement ("the statement reads/said") resolve to the same source.
    let c = claim(
        &claims,
        "confirmed their determination to defeat ISIS in Syria",
    );
    assert_eq!(claimant(c), Some("the statement"));
    assert_eq!(speaker(c), Some("the joint statement"));
    let c = claim(
        &claims,
        "there is no military solution to the conflict in Syria",
    );
    assert_eq!(speaker(c), Some("the joint statement"));
}

#[test]
fn seed_has_no_chrome() {
    let text = normalize(claimtrail_core::sample::SAMPLE_TEXT);
    let claims = extract_claims(&text);
    assert_absent(
        &claims,
        &[
            "Story highlights",
            "Photo credit",
            "AFP PHOTO",
            "Source: CNN",
            "contributed to this report",
            "(L) shakes hands",
            "Trump, Putin chat at Asia summit",
            "Da Nang, Vietnam CNN",
            "The two informally met on the sidelines",
            "The statement reaffirms the leaders' commitment",
        ],
    );
    // The story starts after the dateline.
    assert!(claims[0]
        .text
        .starts_with("President Donald Trump and Russian President Vladimir Putin"));
    assert_spans(&text, &claims);
}

#[test]
fn seed_first_non_chrome_line_is_the_headline() {
    let text = normalize(claimtrail_core::sample::SAMPLE_TEXT);
    let title = text.lines().find(|l| !is_chrome_line(l));
    assert_eq!(title, Some("Trump, Putin chat at Asia summit"));
    for chrome in [
        "02:51 - Source: CNN",
        "Story highlights",
        "Da Nang, Vietnam CNN  — ",
        "CNN’s Elise Labott and Ryan Browne contributed to this report.",
    ] {
        assert!(is_chrome_line(chrome), "{chrome}");
    }
}

#[test]
fn seed_official_quotes_resolve_to_the_senior_official() {
    let claims = extract_claims(&normalize(claimtrail_core::sample::SAMPLE_TEXT));
    let official: Vec<&ExtractedClaim> = claims
        .iter()
        .filter(|c| claimant(c) == Some("the official"))
        .collect();
    assert!(
        official.len() >= 3,
        "expected the official's quotes, got {}",
        official.len()
    );
    for c in official {
        assert_eq!(
            speaker(c),
            Some("A senior State Department official"),
            "{}",
            c.text
        );
    }
    // A quote that continues after "the official said." keeps the speaker.
    let c = claim(
        &claims,
        "Certainly, for us, the priority was defeating ISIS",
    );
    assert_eq!(speaker(c), Some("A senior State Department official"));
    assert_eq!(c.kind, ClaimKind::DirectQuote);
    // "the official said: “...”"
    let c = claim(&claims, "We’re going to be testing that");
    assert_eq!(claimant(c), Some("the official"));
    // Multi-sentence quote plus attribution is one claim.
    let c = claim(
        &claims,
        "Russia got themselves involved back when it was a civil war.",
    );
    assert!(c.text.ends_with("the official said."));
    // Plural back-reference.
    let c = claim(&claims, "firmest commitment yet to a new constitution");
    assert_eq!(claimant(c), Some("The officials"));
    assert_eq!(speaker(c), Some("Senior State Department officials"));
}

#[test]
fn seed_tillerson_and_trump_resolve_to_full_names() {
    let claims = extract_claims(&normalize(claimtrail_core::sample::SAMPLE_TEXT));
    let c = claim(&claims, "This is our first indication of the US and Russia");
    assert_eq!(claimant(c), Some("Tillerson"));
    assert_eq!(speaker(c), Some("Rex Tillerson"));
    assert_eq!(c.kind, ClaimKind::DirectQuote);

    for needle in [
        "going to save tremendous numbers of lives",
        "We seem to have a very good feeling for each other",
    ] {
        let c = claim(&claims, needle);
        assert_eq!(claimant(c), Some("Trump"), "{needle}");
        assert_eq!(speaker(c), Some("Donald Trump"), "{needle}");
    }
    for c in claims.iter().filter(|c| claimant(c) == Some("Trump")) {
        assert_eq!(speaker(c), Some("Donald Trump"));
    }
    // Entities carry canonical names with titles stripped.
    let c = claim(&claims, "led by Secretary of State Rex Tillerson");
    let tillerson = c
        .entities
        .iter()
        .find(|e| e.mention == "Rex Tillerson")
        .expect("Tillerson entity");
    assert_eq!(
        (tillerson.name.as_str(), tillerson.kind),
        ("Rex Tillerson", EntityKind::Person)
    );
    let c = claim(&claims, "The White House said Trump and Putin spoke");
    let trump = c
        .entities
        .iter()
        .find(|e| e.mention == "Trump")
        .expect("Trump entity");
    assert_eq!(trump.name, "Donald Trump");
    assert_eq!(speaker(c), Some("White House"));
    assert!(matches!(c.kind, ClaimKind::ReportedSpeech));
}

#[test]
fn seed_mood_and_outlet_statements() {
    let claims = extract_claims(&normalize(claimtrail_core::sample::SAMPLE_TEXT));
    assert!(claims
        .iter()
        .filter(|c| c.text.contains("looked comfortable together and smiled"))
        .all(|c| c.checkworthiness < 0.2));
    let c = claim(
        &claims,
        "informally met on the sidelines of a regional economic summit",
    );
    assert_eq!((claimant(c), speaker(c)), (None, None));
    assert_eq!(c.kind, ClaimKind::Event);
    let c = claim(&claims, "spoke casually at least three times");
    assert_eq!(c.kind, ClaimKind::Statistic);
}

#[test]
fn port_strike_wire_story() {
    let text = fixture("fictional-port-strike.txt");
    let claims = extract_claims(&text);
    assert_spans(&text, &claims);
    assert_absent(
        &claims,
        &[
            "By Maria Keller",
            "Updated 4:12",
            "Northwire/Jan Novak",
            "contributed to this report",
            "PORT HALDEN",
            "The mood outside",
            "Will the strike",
        ],
    );
    assert!(claims[0].text.starts_with("About 4,000 dockworkers"));
    assert_eq!(claims[0].kind, ClaimKind::Statistic);
    let c = claim(&claims, "The official said the bill could reach parliament");
    assert_eq!(speaker(c), Some("A senior Transport Ministry official"));
    let c = claim(&claims, "But the economy cannot absorb a long closure.");
    assert_eq!(speaker(c), Some("A senior Transport Ministry official"));
    let c = claim(&claims, "She said the union would not return");
    assert_eq!(
        (claimant(c), speaker(c)),
        (Some("She"), Some("Ada Brennan"))
    );
    let c = claim(&claims, "He said on Monday that he hoped");
    assert_eq!(speaker(c), Some("Lukas Ferrand"));
    let c = claim(&claims, "1.2 million containers");
    assert_eq!(claimant(c), Some("the port authority"));
    let c = claim(&claims, "We are not asking for a favour.");
    assert_eq!(c.kind, ClaimKind::DirectQuote);
    assert_eq!(speaker(c), Some("Ada Brennan"));
}

#[test]
fn measles_story_with_highlights_and_statistics() {
    let text = fixture("fictional-measles.txt");
    let claims = extract_claims(&text);
    assert_spans(&text, &claims);
    assert_absent(
        &claims,
        &[
            "City reports 40 new measles cases",
            "Officials urge parents",
            "RIVERTON",
            "Everyone seemed",
        ],
    );
    assert!(claims[0]
        .text
        .starts_with("Health officials in Riverton confirmed 40 new cases"));
    let c = claim(&claims, "We have the doses.");
    assert_eq!(speaker(c), Some("Helen Osei"));
    let c = claim(&claims, "31 of the new patients");
    assert_eq!(speaker(c), Some("Riverton Department of Health"));
    let c = claim(&claims, "free clinics would open");
    assert_eq!(
        (claimant(c), speaker(c)),
        (
            Some("The department"),
            Some("Riverton Department of Health")
        )
    );
    let c = claim(&claims, "She added that the state had sent 20,000");
    assert_eq!(speaker(c), Some("Nina Patel"));
    let c = claim(&claims, "$14 million");
    assert_eq!(c.kind, ClaimKind::Statistic);
    assert_eq!(claimant(c), None);
}

#[test]
fn senate_story_with_titles_pronouns_and_colon_quotes() {
    let text = fixture("fictional-senate-subpoena.txt");
    let claims = extract_claims(&text);
    assert_spans(&text, &claims);
    assert_absent(
        &claims,
        &[
            "Photo credit",
            "Senate panel votes to subpoena former aide",
            "above the law",
        ],
    );
    let c = claim(&claims, "The president told reporters");
    assert_eq!(speaker(c), Some("Ellen Ward"));
    let c = claim(&claims, "it said the contract had been reviewed");
    assert_eq!(speaker(c), Some("White House"));
    let c = claim(
        &claims,
        "She said Mr. Hollis had ignored three written requests",
    );
    assert_eq!(speaker(c), Some("Carla Diaz"));
    let c = claim(&claims, "We will follow the facts wherever they lead.");
    assert_eq!(speaker(c), Some("Carla Diaz"));
    assert_eq!(c.kind, ClaimKind::DirectQuote);
    let c = claim(&claims, "cooperate fully with any lawful request");
    assert_eq!(speaker(c), Some("Daniel Roe"));
    let c = claim(&claims, "This committee has better things to do");
    assert_eq!(
        (claimant(c), speaker(c)),
        (Some("Sen. James O'Neill"), Some("James O'Neill"))
    );
}

#[test]
fn flood_story_with_multi_paragraph_quote_and_anonymous_officials() {
    let text = fixture("fictional-valmora-flood.txt");
    let claims = extract_claims(&text);
    assert_spans(&text, &claims);
    assert_absent(
        &claims,
        &["By Zoë Adler", "A rescue boat passes", "VALMORA —"],
    );
    let c = claim(&claims, "We moved 400 patients in six hours");
    assert_eq!((claimant(c), speaker(c)), (Some("he"), Some("José Núñez")));
    let c = claim(&claims, "I want to thank every nurse");
    assert_eq!(speaker(c), Some("José Núñez"));
    let c = claim(&claims, "the release was larger than the dam operator");
    assert_eq!(
        (claimant(c), speaker(c)),
        (Some("They"), Some("Two emergency officials"))
    );
    let c = claim(&claims, "All releases followed the approved protocol");
    assert_eq!(
        (claimant(c), speaker(c)),
        (Some("the company"), Some("Hydrel S.A."))
    );
    let c = claim(&claims, "180 percent of the March average");
    assert_eq!(speaker(c), Some("the national weather service"));
}

#[test]
fn degenerate_inputs_do_not_panic() {
    assert!(extract_claims("").is_empty());
    assert!(extract_claims("   \n\n  ").is_empty());
    let giant = "word ".repeat(200_000);
    let _ = extract_claims(&giant);
    let giant_sentence = format!(
        "{}.",
        "The minister said the plan would cost $5 million and ".repeat(20_000)
    );
    let _ = extract_claims(&giant_sentence);
    let _ = extract_claims(
        "“Unbalanced quote. It never closes. Jane Doe said the plan failed in 2019.",
    );
    let _ = extract_claims(
        "Emoji 👍🏽 test. Combining cafe\u{301} e\u{301}. مرحبا بالعالم. שלום עולם. 你好。",
    );
    let _ = extract_claims("\"\"\"“”„«»‘’''' . . . ! ? … Mr. U.S. a.m.");
}
