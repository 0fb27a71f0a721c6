//! Link kinds on hand-made pairs. The earlier sentences come from the shipped sample article
//! (samples/trump-putin-apec-2017.txt) or are fictional news-style text; the later ones are rewordings,
//! updates and contradictions written for these tests.

use chrono::NaiveDate;

use super::*;
use crate::model::LinkKind;

fn d(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

fn kind(earlier: &str, later: &str, earlier_date: &str, later_date: &str) -> LinkKind {
    classify(
        &features(earlier),
        &features(later),
        d(earlier_date),
        d(later_date),
    )
}

/// (earlier, later, earlier date, later date, expected kind)
const PAIRS: &[(&str, &str, &str, &str, LinkKind)] = &[
    // Repeats: reworded, shortened, same words by another outlet.
    (
        "The White House said Trump and Putin spoke for about five minutes in between events at the Asia-Pacific Economic Cooperation summit.",
        "Trump and Putin spoke for about five minutes between events at the APEC summit, the White House said.",
        "2017-11-11", "2017-11-12", LinkKind::Repeats,
    ),
    (
        "President Donald Trump and Russian President Vladimir Putin informally met on the sidelines of a regional economic summit in Vietnam Saturday.",
        "Donald Trump and Vladimir Putin met informally on the sidelines of the economic summit in Vietnam.",
        "2017-11-11", "2017-11-20", LinkKind::Repeats,
    ),
    (
        "The Valmora river flood displaced residents of the old town, the regional governor said.",
        "Residents of Valmora's old town were displaced by the river flood, according to the regional governor.",
        "2024-03-02", "2024-03-02", LinkKind::Repeats,
    ),
    // Updates: the figure changed later, or an update cue.
    (
        "At least 12 people died in the Valmora flood, the regional governor said.",
        "The death toll of the Valmora flood has risen to 31 people, the regional governor said.",
        "2024-03-02", "2024-03-05", LinkKind::Updates,
    ),
    (
        "The port strike has idled 40 container ships at Harlow docks.",
        "The port strike has now idled 65 container ships at Harlow docks.",
        "2024-05-01", "2024-05-01", LinkKind::Updates,
    ),
    // Contradicts: negation, opposite verb, conflicting figure or date on the same day.
    (
        "Trump felt he had a good meeting with President Putin.",
        "Trump did not have a good meeting with President Putin.",
        "2017-11-11", "2017-11-12", LinkKind::Contradicts,
    ),
    (
        "Measles cases in the county rose sharply last year, health officials said.",
        "Measles cases in the county fell sharply last year, health officials said.",
        "2023-02-01", "2023-02-03", LinkKind::Contradicts,
    ),
    (
        "The senate committee approved the subpoena for the mining company's records.",
        "The senate committee rejected the subpoena for the mining company's records.",
        "2022-09-14", "2022-09-15", LinkKind::Contradicts,
    ),
    (
        "Trump and Putin spoke casually at least three times at the ocean-side summit in Da Nang.",
        "Trump and Putin spoke casually at least seven times at the ocean-side summit in Da Nang.",
        "2017-11-11", "2017-11-11", LinkKind::Contradicts,
    ),
    (
        "The dam at Valmora was completed in 1998, the water authority said.",
        "The dam at Valmora was completed in 2004, the water authority said.",
        "2024-03-02", "2024-03-09", LinkKind::Contradicts,
    ),
    // Related: the same story, another claim.
    (
        "The statement reaffirms the leaders' commitment to defeat ISIS in Syria.",
        "Asked if Russia has enough influence to bring Syrian leader Bashar al-Assad to the table, the official said they would be testing that.",
        "2017-11-11", "2017-11-11", LinkKind::Related,
    ),
    (
        "The port strike has idled 40 container ships at Harlow docks.",
        "Harlow's mayor asked the union and the port authority to return to talks.",
        "2024-05-01", "2024-05-02", LinkKind::Related,
    ),
];

#[test]
fn link_kinds_on_hand_made_pairs() {
    let mut wrong = Vec::new();
    for (earlier, later, ed, ld, expected) in PAIRS {
        let got = kind(earlier, later, ed, ld);
        if got != *expected {
            wrong.push(format!(
                "expected {expected}, got {got}: {earlier} -> {later}"
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn repeats_score_above_related_and_unrelated() {
    let w = LinkWeights::default();
    fn side(f: &Features) -> Side<'_> {
        Side {
            features: f,
            claimant: None,
            date: None,
            embedding: None,
        }
    }
    let query = features(PAIRS[0].1);
    let repeat = features(PAIRS[0].0);
    let related = features(PAIRS[1].0);
    let unrelated = features("The orchestra will tour five cities in the autumn.");
    let s_repeat = score_candidate(&side(&query), &side(&repeat), 0.0, &w).similarity;
    let s_related = score_candidate(&side(&query), &side(&related), 0.0, &w).similarity;
    let s_unrelated = score_candidate(&side(&query), &side(&unrelated), 0.0, &w).similarity;
    assert!(s_repeat > 0.5, "{s_repeat}");
    assert!(
        s_repeat > s_related && s_related >= s_unrelated,
        "{s_repeat} {s_related} {s_unrelated}"
    );
    assert!(s_unrelated < 0.2, "{s_unrelated}");
}

#[test]
fn the_same_speaker_raises_the_score() {
    let w = LinkWeights::default();
    let a = features("Unemployment in the region is the lowest it has been in forty years.");
    let b = features("Regional unemployment is at a forty-year low.");
    let without = score_candidate(
        &Side {
            features: &a,
            claimant: Some("Governor Ana Ruiz"),
            date: None,
            embedding: None,
        },
        &Side {
            features: &b,
            claimant: Some("Tom Berg"),
            date: None,
            embedding: None,
        },
        0.0,
        &w,
    );
    let with = score_candidate(
        &Side {
            features: &a,
            claimant: Some("Governor Ana Ruiz"),
            date: None,
            embedding: None,
        },
        &Side {
            features: &b,
            claimant: Some("Ruiz"),
            date: None,
            embedding: None,
        },
        0.0,
        &w,
    );
    assert!(with.claimant_match && !without.claimant_match);
    assert!(with.similarity > without.similarity);
}

#[test]
fn embeddings_count_only_when_both_sides_have_one() {
    let w = LinkWeights {
        semantic: 1.0,
        ..LinkWeights::default()
    };
    let a = features("The jobless rate dropped to six percent.");
    let b = features("Unemployment fell to 6%.");
    let side = |f, e| Side {
        features: f,
        claimant: None,
        date: None,
        embedding: e,
    };
    let near = [0.6f32, 0.8, 0.0];
    let same = [0.6f32, 0.8, 0.0];
    let far = [0.0f32, 0.0, 1.0];
    let lexical = score_candidate(&side(&a, None), &side(&b, Some(&near)), 0.0, &w);
    assert_eq!(lexical.semantic, None, "one side without an embedding");
    let close = score_candidate(&side(&a, Some(&same)), &side(&b, Some(&near)), 0.0, &w);
    let apart = score_candidate(&side(&a, Some(&far)), &side(&b, Some(&near)), 0.0, &w);
    assert!(close.semantic.is_some_and(|c| (c - 1.0).abs() < 1e-6));
    assert!(close.similarity > lexical.similarity && lexical.similarity > apart.similarity);
}
