//! The sample article shipped with claimtrail (CNN, 11 November 2017), offered on first run.

use chrono::NaiveDate;

use crate::model::{ArticleDraft, SourceFormat};
use crate::text::normalize;

/// The sample's text exactly as shipped.
pub const SAMPLE_TEXT: &str = include_str!("../samples/trump-putin-apec-2017.txt");

/// The sample article with its metadata.
pub fn sample_article() -> ArticleDraft {
    ArticleDraft {
        title: "Trump and Putin agree on a Syria statement at the APEC summit".to_string(),
        outlet: Some("CNN".to_string()),
        url: None,
        authors: Vec::new(),
        published_at: NaiveDate::from_ymd_opt(2017, 11, 11),
        language: Some("eng".to_string()),
        source_format: SourceFormat::Text,
        text: normalize(SAMPLE_TEXT),
        original: SAMPLE_TEXT.as_bytes().to_vec(),
    }
}
