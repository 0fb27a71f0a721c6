//! Timestamps are stored as ISO-8601 UTC text with millisecond precision, which sorts in time order.

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};

use crate::error::{Result, StoreError};

pub(crate) fn now() -> DateTime<Utc> {
    Utc::now()
}

pub(crate) fn fmt(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Millis, true)
}

pub(crate) fn parse(s: &str) -> Result<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| StoreError::Corrupt(format!("bad timestamp `{s}`: {e}")))
}

pub(crate) fn parse_date(s: Option<String>) -> Result<Option<NaiveDate>> {
    s.map(|s| {
        NaiveDate::parse_from_str(&s, "%Y-%m-%d")
            .map_err(|e| StoreError::Corrupt(format!("bad date `{s}`: {e}")))
    })
    .transpose()
}
