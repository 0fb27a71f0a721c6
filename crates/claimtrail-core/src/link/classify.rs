//! The kind of a link between an earlier text and a later one.

use chrono::NaiveDate;

use super::features::Features;
use super::similarity;
use crate::model::LinkKind;

/// Below this share of shared content terms two texts are only `related`.
const SAME_SUBJECT: f64 = 0.34;
/// From this similarity on (and with nothing conflicting) the later text repeats the earlier one.
const REPEATS: f64 = 0.5;

/// Classifies how `later` relates to `earlier`, given their dates when known:
/// - `contradicts`: same subject, and one negates what the other asserts, or they point opposite ways
///   ("rose"/"fell", "approved"/"rejected"), or they give different figures or dates for the same thing on the
///   same day;
/// - `updates`: same subject, a changed figure reported later or with an update cue ("now", "latest", "rose
///   to"), or an update cue on a close restatement;
/// - `repeats`: the same claim, reworded or not;
/// - `related`: anything else that was matched.
pub fn classify(
    earlier: &Features,
    later: &Features,
    earlier_date: Option<NaiveDate>,
    later_date: Option<NaiveDate>,
) -> LinkKind {
    let overlap = similarity::containment(earlier, later);
    let cosine = similarity::cosine(earlier, later);
    if overlap < SAME_SUBJECT && cosine < SAME_SUBJECT {
        return LinkKind::Related;
    }
    let negation_flip = (earlier.negations == 0) != (later.negations == 0);
    let opposite = earlier
        .directions
        .iter()
        .zip(&later.directions)
        .any(|(a, b)| *a != 0 && *b != 0 && a != b);
    if negation_flip || opposite {
        return LinkKind::Contradicts;
    }
    let figures_differ = !earlier.numbers.is_empty()
        && !later.numbers.is_empty()
        && earlier.numbers.is_disjoint(&later.numbers);
    let dates_differ = !earlier.dates.is_empty()
        && !later.dates.is_empty()
        && earlier.dates.is_disjoint(&later.dates);
    let later_in_time = matches!((earlier_date, later_date), (Some(e), Some(l)) if l > e);
    if figures_differ {
        return if later.update_cue || later_in_time {
            LinkKind::Updates
        } else {
            LinkKind::Contradicts
        };
    }
    if dates_differ {
        return LinkKind::Contradicts;
    }
    let similar = cosine.max(overlap * 0.9);
    if later.update_cue && !earlier.update_cue && similar >= SAME_SUBJECT && later_in_time {
        return LinkKind::Updates;
    }
    if similar >= REPEATS {
        LinkKind::Repeats
    } else {
        LinkKind::Related
    }
}
