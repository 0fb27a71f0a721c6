//! Domain types shared by every claimtrail crate.
//!
//! Enums serialise as `snake_case` strings; the same strings are stored in SQLite (with CHECK constraints) and
//! shown in the CLI's JSON output, so `as_str`/`FromStr` are the single source of those spellings.

use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// The error for a string that names no variant of a claimtrail enum.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {what} `{value}` (expected one of: {expected})")]
pub struct UnknownVariant {
    pub what: &'static str,
    pub value: String,
    pub expected: String,
}

/// Declares a `snake_case` string enum with `as_str`, `ALL`, `Display` and `FromStr`.
macro_rules! string_enum {
    ($(#[$meta:meta])* $name:ident, $what:literal { $($(#[$vmeta:meta])* $variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, ts_rs::TS)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($(#[$vmeta])* $variant),+ }

        impl $name {
            /// Every variant, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stored and serialised spelling.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl FromStr for $name {
            type Err = UnknownVariant;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                let wanted = s.trim().to_ascii_lowercase().replace(['-', ' '], "_");
                $(if wanted == $text { return Ok($name::$variant); })+
                Err(UnknownVariant {
                    what: $what,
                    value: s.to_string(),
                    expected: [$($text),+].join(", "),
                })
            }
        }
    };
}

string_enum!(
    /// What sort of statement a claim is.
    ClaimKind, "claim kind" {
        /// Words inside quotation marks, attributed to a speaker.
        DirectQuote => "direct_quote",
        /// A speaker's words paraphrased ("Trump said that ...").
        ReportedSpeech => "reported_speech",
        /// A factual assertion made by the outlet itself.
        Statement => "statement",
        /// An assertion carrying a number, percentage or amount.
        Statistic => "statistic",
        /// Something that happened (a meeting, a vote, an attack).
        Event => "event",
    }
);

string_enum!(
    /// Where a claim stands in review.
    ClaimStatus, "status" {
        Unreviewed => "unreviewed",
        InReview => "in_review",
        Verified => "verified",
        Disputed => "disputed",
        False => "false",
        Misleading => "misleading",
        Unverifiable => "unverifiable",
    }
);

impl ClaimStatus {
    /// True for the statuses a reviewer gives as a verdict.
    pub fn is_verdict(self) -> bool {
        !matches!(self, ClaimStatus::Unreviewed | ClaimStatus::InReview)
    }
}

string_enum!(
    /// What a named entity is.
    EntityKind, "entity kind" {
        Person => "person",
        Organization => "organization",
        Location => "location",
        Other => "other",
    }
);

string_enum!(
    /// How a later claim relates to an earlier one.
    LinkKind, "link kind" {
        Repeats => "repeats",
        Updates => "updates",
        Contradicts => "contradicts",
        Related => "related",
    }
);

string_enum!(
    /// Whether a reviewer has accepted a suggested link.
    LinkState, "link state" {
        Suggested => "suggested",
        Confirmed => "confirmed",
        Rejected => "rejected",
    }
);

string_enum!(
    /// The format an article was imported from.
    SourceFormat, "source format" {
        Text => "text",
        Markdown => "markdown",
        Html => "html",
        Json => "json",
        Jsonl => "jsonl",
        Url => "url",
        Manual => "manual",
    }
);

/// An article ready to be stored: metadata plus the normalised text that claim offsets refer to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct ArticleDraft {
    pub title: String,
    pub outlet: Option<String>,
    pub url: Option<String>,
    pub authors: Vec<String>,
    pub published_at: Option<NaiveDate>,
    /// ISO 639-1 code when detected.
    pub language: Option<String>,
    pub source_format: SourceFormat,
    /// Normalised text (see [`crate::text::normalize`]); claim spans are character offsets into it.
    pub text: String,
    /// The bytes exactly as read, kept as evidence.
    #[serde(skip)]
    pub original: Vec<u8>,
}

impl ArticleDraft {
    /// A plain-text article known only by its title and text (its original bytes are the text's).
    pub fn plain(title: impl Into<String>, text: impl Into<String>) -> Self {
        let text = text.into();
        Self {
            title: title.into(),
            outlet: None,
            url: None,
            authors: vec![],
            published_at: None,
            language: None,
            source_format: SourceFormat::Text,
            original: text.clone().into_bytes(),
            text,
        }
    }

    /// Hash that identifies the same article content regardless of whitespace differences.
    pub fn content_hash(&self) -> String {
        content_hash(&self.text)
    }
}

/// SHA-256 (hex) of the text with every run of whitespace collapsed to one space.
pub fn content_hash(text: &str) -> String {
    let mut hasher = Sha256::new();
    let mut first = true;
    for word in text.split_whitespace() {
        if !first {
            hasher.update(b" ");
        }
        hasher.update(word.as_bytes());
        first = false;
    }
    hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A named thing a claim mentions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct EntityMention {
    /// Canonical name (the fullest form seen in the article, e.g. "Donald Trump").
    pub name: String,
    pub kind: EntityKind,
    /// The words as they appear in the claim.
    pub mention: String,
}

/// A checkable statement found in an article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct ExtractedClaim {
    /// Exactly the characters `start..end` of the article text.
    pub text: String,
    /// Unicode scalar (char) offset, inclusive.
    pub start: usize,
    /// Unicode scalar (char) offset, exclusive.
    pub end: usize,
    /// Who made the claim, as written near it ("the official"); `None` when the outlet asserts it.
    pub claimant: Option<String>,
    /// The claimant resolved to its fullest mention in the article ("A senior State Department official").
    pub speaker: Option<String>,
    pub kind: ClaimKind,
    /// 0..1, higher means more worth checking.
    pub checkworthiness: f64,
    pub entities: Vec<EntityMention>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn enums_round_trip_through_their_strings() {
        for s in ClaimStatus::ALL {
            assert_eq!(s.as_str().parse::<ClaimStatus>(), Ok(*s));
        }
        assert_eq!(
            "In-Review".parse::<ClaimStatus>(),
            Ok(ClaimStatus::InReview)
        );
        let err = "bogus".parse::<ClaimKind>().expect_err("not a kind");
        assert!(err.to_string().contains("direct_quote"));
    }

    #[test]
    fn content_hash_ignores_whitespace_layout() {
        assert_eq!(content_hash("a  b\n\nc "), content_hash(" a b c"));
        assert_ne!(content_hash("a b c"), content_hash("a b d"));
    }
}
