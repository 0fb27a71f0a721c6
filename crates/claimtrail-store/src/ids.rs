//! Finding a row from what a person types: a full id, or a unique piece of one.
//!
//! Ids are UUID v7: they start with a timestamp, so ids made in the same minute share their first characters and
//! a short prefix rarely names one row. The end of an id is random: the CLI shows the last 8 characters, and both
//! a prefix (4+ characters) and a suffix (6+ characters) are accepted here.

use rusqlite::{params, Connection};

use crate::error::{Result, StoreError};

/// The id in `table` that `input` names (full id, unique prefix, or unique suffix); `None` when nothing matches.
/// `what` names the kind of row in errors.
pub(crate) fn resolve_id(
    conn: &Connection,
    table: &'static str,
    what: &'static str,
    input: &str,
) -> Result<Option<String>> {
    let wanted = input.trim().to_ascii_lowercase();
    if wanted.len() < 4 || !wanted.chars().all(|c| c.is_ascii_hexdigit() || c == '-') {
        return Err(StoreError::NotFound {
            what,
            id: input.to_string(),
        });
    }
    let by_prefix =
        format!("SELECT id FROM {table} WHERE id >= ?1 AND id < ?1 || 'g' ORDER BY id LIMIT 2");
    let mut ids: Vec<String> = conn
        .prepare_cached(&by_prefix)?
        .query_map(params![wanted], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    if ids.is_empty() && wanted.len() >= 6 {
        // A suffix: a scan of the id index, fine at the sizes people type ids for.
        let by_suffix = format!("SELECT id FROM {table} WHERE id LIKE '%' || ?1 LIMIT 2");
        ids = conn
            .prepare_cached(&by_suffix)?
            .query_map(params![wanted], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
    }
    match ids.as_slice() {
        [one] => Ok(Some(one.clone())),
        [] => Ok(None),
        _ => Err(StoreError::Ambiguous {
            what,
            id: input.to_string(),
        }),
    }
}
