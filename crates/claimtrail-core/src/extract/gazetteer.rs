//! A small, generic gazetteer: countries and their demonyms, US states, and the cue words that mark a
//! capitalised sequence as an organisation or a place. The lists are in [`super::wordlists`].

use super::lexicon::{class, lex};

/// Countries, regions and US states (as written in English news).
pub(crate) fn is_place(name: &str) -> bool {
    lex(name) & class::PLACE != 0
}

/// Nationality and regional adjectives; they modify names and titles but are not names themselves.
pub(crate) fn is_demonym(w: &str) -> bool {
    lex(w) & class::DEMONYM != 0
}

/// Words that make a capitalised sequence an organisation ("State Department", "White House").
pub(crate) fn is_org_cue(w: &str) -> bool {
    lex(w) & class::ORG_CUE != 0
}

/// Words that make a capitalised sequence a place ("Kansas City", "Red Sea").
pub(crate) fn is_place_cue(w: &str) -> bool {
    lex(w) & class::PLACE_CUE != 0
}

/// Variants of the same place or body: returns a key shared by all spellings ("U.S." and "United States").
pub(crate) fn alias_key(name: &str) -> Option<&'static str> {
    Some(match name {
        "U.S." | "US" | "USA" | "U.S.A." | "United States" | "United States of America" => {
            "united states"
        }
        "U.K." | "UK" | "Britain" | "Great Britain" | "United Kingdom" => "united kingdom",
        "U.N." | "UN" | "United Nations" => "united nations",
        "E.U." | "EU" | "European Union" => "european union",
        "UAE" | "U.A.E." | "United Arab Emirates" => "united arab emirates",
        _ => return None,
    })
}

/// "the department" can be "Riverton Department of Health", "the company" can be "Hydrel S.A." or "Acme",
/// but "the agency" cannot be "Congress": the name either contains the noun, or has no cue word of another
/// kind, or is a business name for a business noun.
pub(crate) fn org_fits_noun(org: &str, noun: &str) -> bool {
    let words: Vec<&str> = org.split(' ').collect();
    if words.iter().any(|w| w.eq_ignore_ascii_case(noun)) {
        return true;
    }
    let business = matches!(
        noun,
        "company"
            | "firm"
            | "maker"
            | "manufacturer"
            | "operator"
            | "retailer"
            | "giant"
            | "provider"
            | "carrier"
            | "airline"
            | "corporation"
            | "conglomerate"
            | "startup"
            | "utility"
    );
    let corporate = |w: &str| {
        matches!(
            w,
            "Inc."
                | "Inc"
                | "Corp."
                | "Corp"
                | "Co."
                | "Ltd"
                | "Ltd."
                | "LLC"
                | "S.A."
                | "SA"
                | "AG"
                | "GmbH"
                | "PLC"
                | "plc"
                | "N.V."
                | "NV"
                | "LLP"
                | "Limited"
                | "Group"
                | "Holdings"
                | "Industries"
                | "Motors"
                | "Airlines"
                | "Technologies"
                | "Systems"
                | "Partners"
        )
    };
    if words.iter().any(|w| corporate(w)) {
        return business;
    }
    !words.iter().any(|w| is_org_cue(w)) && words.len() <= 3
}
