//! Alerts: a claim that repeats an earlier claim rated false, misleading or disputed, or a fact-check with such
//! a rating. Created by link suggestion; listed newest first until dismissed.

use chrono::{DateTime, Utc};
use rusqlite::params;
use serde::Serialize;
use serde_json::json;
use uuid::Uuid;

use crate::error::{Result, StoreError};
use crate::factchecks::get_fact_check;
use crate::history::{self, Op};
use crate::links::{linked_claim, linked_fact_check, resolve_in, Linked};
use crate::{time, Store};

/// One alert.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct Alert {
    pub id: Uuid,
    pub created_at: DateTime<Utc>,
    pub dismissed_at: Option<DateTime<Utc>>,
    /// The rating of the earlier claim or fact-check ("false", "Pants on Fire!").
    pub rating: String,
    pub link_id: Uuid,
    /// The new claim that repeats it.
    pub claim: Linked,
    /// The earlier claim or the fact-check.
    pub earlier: Linked,
}

impl Store {
    /// Alerts not dismissed (or all, with `include_dismissed`), newest first.
    pub fn alerts(&self, include_dismissed: bool) -> Result<Vec<Alert>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, created_at, dismissed_at, rating, link_id, claim_id, earlier_claim_id, fact_check_id
             FROM alert WHERE (?1 OR dismissed_at IS NULL) ORDER BY created_at DESC, pk DESC",
        )?;
        type Row = (
            String,
            String,
            Option<String>,
            String,
            String,
            String,
            Option<String>,
            Option<String>,
        );
        let rows: Vec<Row> = stmt
            .query_map(params![include_dismissed], |r| r.try_into())?
            .collect::<rusqlite::Result<_>>()?;
        let uuid = |s: &str| {
            Uuid::parse_str(s).map_err(|e| StoreError::Corrupt(format!("alert id `{s}`: {e}")))
        };
        let mut out = Vec::new();
        for (id, created, dismissed, rating, link_id, claim, earlier_claim, fact_check) in rows {
            let earlier = match (earlier_claim, fact_check) {
                (Some(c), _) => linked_claim(&self.conn, &c)?,
                (None, Some(f)) => linked_fact_check(get_fact_check(&self.conn, &f)?),
                (None, None) => {
                    return Err(StoreError::Corrupt(format!("alert {id} has no source")))
                }
            };
            out.push(Alert {
                id: uuid(&id)?,
                created_at: time::parse(&created)?,
                dismissed_at: dismissed.as_deref().map(time::parse).transpose()?,
                rating,
                link_id: uuid(&link_id)?,
                claim: linked_claim(&self.conn, &claim)?,
                earlier,
            });
        }
        Ok(out)
    }

    /// Dismisses an alert (full id or unique prefix). Dismissing twice keeps the first time.
    pub fn dismiss_alert(&mut self, id_or_prefix: &str) -> Result<Uuid> {
        let tx = self.conn.transaction()?;
        let id = resolve_in(&tx, "alert", "alert", id_or_prefix)?.ok_or_else(|| {
            StoreError::NotFound {
                what: "alert",
                id: id_or_prefix.to_string(),
            }
        })?;
        let now = time::fmt(time::now());
        let n = tx.execute(
            "UPDATE alert SET dismissed_at = ?2 WHERE id = ?1 AND dismissed_at IS NULL",
            params![id, now],
        )?;
        if n > 0 {
            history::record(
                &tx,
                &self.actor,
                "alert",
                &id,
                Op::Update,
                &json!({"dismissed_at": now}),
            )?;
        }
        tx.commit()?;
        Uuid::parse_str(&id).map_err(|e| StoreError::Corrupt(format!("alert id `{id}`: {e}")))
    }
}
