//! Merge suggestions for person records: which records are probably one person, by the name rules of
//! [`claimtrail_core::people`], less the pairs the reviewer said are not one person (migration 0013).
//!
//! Nothing about a suggestion is stored: the rules run on the records' names each time (grouping by key, no
//! pairwise SQL), so a merge, a split or a new import shows at once. Only the reviewer's "not the same person" is
//! kept, as the pair of entity ids they were shown; it holds for the records those names belong to, whatever
//! was merged since.

use std::collections::{HashMap, HashSet};

use claimtrail_core::people::{merge_pairs, MergeRecord, MergeRule};
use rusqlite::params;
use serde::Serialize;
use serde_json::json;

use crate::error::{Result, StoreError};
use crate::history::{self, Op};
use crate::people::person_root;
use crate::{time, Person, Store};

/// Two person records that are probably one person: merge `merge` into `keep`, or dismiss the pair.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct PersonMergeSuggestion {
    /// The record to keep (the fuller name).
    pub keep: Person,
    /// The record to merge into it.
    pub merge: Person,
    pub rule: MergeRule,
    /// Why, in a few words ("same surname").
    pub reason: String,
    /// Claims the kept record made or is named in, each claim once.
    pub keep_claims: u32,
    /// Claims the merged record made or is named in, each claim once.
    pub merge_claims: u32,
}

/// Claims one record made or is named in (under any of its names), each once.
const RECORD_CLAIMS: &str = "SELECT count(*) FROM (
    SELECT c.id FROM entity e JOIN claim c ON c.speaker = e.name
     WHERE (e.id = ?1 OR e.merged_into = ?1) AND c.dismissed = 0
    UNION
    SELECT ce.claim_id FROM entity e
      JOIN claim_entity ce ON ce.entity_id = e.id
      JOIN claim c ON c.id = ce.claim_id
     WHERE (e.id = ?1 OR e.merged_into = ?1) AND c.dismissed = 0)";

impl Store {
    /// Up to `limit` pairs of person records that are probably one person, most claims involved first. Only
    /// records that are not merged and have claims take part; a pair the reviewer dismissed never comes back.
    pub fn person_merge_suggestions(&self, limit: usize) -> Result<Vec<PersonMergeSuggestion>> {
        let people: Vec<Person> = self
            .people(None, usize::MAX)?
            .into_iter()
            .filter(|p| p.said + p.mentioned > 0)
            .collect();
        let records: Vec<MergeRecord<'_>> = people
            .iter()
            .map(|p| MergeRecord {
                name: &p.name,
                aliases: p.aliases.iter().map(|a| a.name.as_str()).collect(),
                claims: p.said + p.mentioned,
            })
            .collect();
        let pairs = merge_pairs(&records);
        let found = pairs.len();
        let dismissed = if pairs.is_empty() {
            HashSet::new()
        } else {
            self.dismissed_record_pairs(&people)?
        };
        let mut pairs: Vec<_> = pairs
            .into_iter()
            .filter(|p| !dismissed.contains(&ordered(&people[p.keep].id, &people[p.merge].id)))
            .collect();
        let involved = |i: usize| people[i].said + people[i].mentioned;
        pairs.sort_by(|a, b| {
            (involved(b.keep) + involved(b.merge))
                .cmp(&(involved(a.keep) + involved(a.merge)))
                .then_with(|| people[a.merge].name.cmp(&people[b.merge].name))
                .then_with(|| people[a.keep].name.cmp(&people[b.keep].name))
        });
        pairs.truncate(limit);
        let mut count = self.conn.prepare_cached(RECORD_CLAIMS)?;
        let mut claims =
            |id: &str| -> Result<u32> { Ok(count.query_row(params![id], |r| r.get(0))?) };
        let mut out = Vec::with_capacity(pairs.len());
        for p in pairs {
            let (keep, merge) = (&people[p.keep], &people[p.merge]);
            out.push(PersonMergeSuggestion {
                keep_claims: claims(&keep.id)?,
                merge_claims: claims(&merge.id)?,
                keep: keep.clone(),
                merge: merge.clone(),
                rule: p.rule,
                reason: p.reason.to_string(),
            });
        }
        // The list was chosen by claim counts that count a claim a person made and is named in twice; show it
        // in the order of the counts it shows (a stable sort keeps the order otherwise).
        out.sort_by_key(|s| std::cmp::Reverse(s.keep_claims + s.merge_claims));
        tracing::debug!(
            records = people.len(),
            found,
            dismissed = dismissed.len(),
            shown = out.len(),
            "person merge suggestions"
        );
        Ok(out)
    }

    /// Remembers that the person records of the names `a` and `b` (entity ids) are not one person: the pair is
    /// not suggested again. Returns whether this is new (dismissing twice changes nothing).
    pub fn dismiss_person_merge(&mut self, a: &str, b: &str) -> Result<bool> {
        let (a, b) = ordered(a, b);
        let tx = self.conn.transaction()?;
        if person_root(&tx, &a)? == person_root(&tx, &b)? {
            return Err(StoreError::Invalid(
                "these names already belong to one person record".into(),
            ));
        }
        let added = tx
            .prepare_cached(
                "INSERT OR IGNORE INTO person_merge_dismissed (a_id, b_id, created_at) VALUES (?1, ?2, ?3)",
            )?
            .execute(params![a, b, time::fmt(time::now())])?
            > 0;
        if added {
            history::record(
                &tx,
                &self.actor,
                "person_merge_dismissed",
                &a,
                Op::Insert,
                &json!({ "a_id": a, "b_id": b }),
            )?;
        }
        tx.commit()?;
        tracing::info!(%a, %b, added, "person merge dismissed");
        Ok(added)
    }

    /// Takes back "not one person" for the records of the names `a` and `b`: every dismissal between these two
    /// records goes, so the pair can be suggested again. Returns how many dismissals were removed.
    pub fn restore_person_merge(&mut self, a: &str, b: &str) -> Result<usize> {
        let tx = self.conn.transaction()?;
        let (ra, rb) = (person_root(&tx, a)?, person_root(&tx, b)?);
        let rows: Vec<(String, String)> = tx
            .prepare_cached(
                "SELECT d.a_id, d.b_id FROM person_merge_dismissed d
                   JOIN entity ea ON ea.id = d.a_id
                   JOIN entity eb ON eb.id = d.b_id
                 WHERE (coalesce(ea.merged_into, ea.id) = ?1 AND coalesce(eb.merged_into, eb.id) = ?2)
                    OR (coalesce(ea.merged_into, ea.id) = ?2 AND coalesce(eb.merged_into, eb.id) = ?1)",
            )?
            .query_map(params![ra, rb], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        for (a_id, b_id) in &rows {
            tx.prepare_cached("DELETE FROM person_merge_dismissed WHERE a_id = ?1 AND b_id = ?2")?
                .execute(params![a_id, b_id])?;
            history::record(
                &tx,
                &self.actor,
                "person_merge_dismissed",
                a_id,
                Op::Delete,
                &json!({ "a_id": a_id, "b_id": b_id }),
            )?;
        }
        tx.commit()?;
        tracing::info!(a = %ra, b = %rb, removed = rows.len(), "person merge dismissal taken back");
        Ok(rows.len())
    }

    /// The dismissed pairs as pairs of the listed records their names belong to now.
    fn dismissed_record_pairs(&self, people: &[Person]) -> Result<HashSet<(String, String)>> {
        let record_of: HashMap<&str, &str> = people
            .iter()
            .flat_map(|p| {
                std::iter::once((p.id.as_str(), p.id.as_str()))
                    .chain(p.aliases.iter().map(|a| (a.id.as_str(), p.id.as_str())))
            })
            .collect();
        let mut stmt = self
            .conn
            .prepare_cached("SELECT a_id, b_id FROM person_merge_dismissed")?;
        let mut rows = stmt.query([])?;
        let mut out = HashSet::new();
        while let Some(r) = rows.next()? {
            let (a, b): (String, String) = (r.get(0)?, r.get(1)?);
            if let (Some(ra), Some(rb)) = (record_of.get(a.as_str()), record_of.get(b.as_str())) {
                if ra != rb {
                    out.insert(ordered(ra, rb));
                }
            }
        }
        Ok(out)
    }
}

/// The two ids in order (the key of a dismissed pair).
fn ordered(a: &str, b: &str) -> (String, String) {
    if a <= b {
        (a.to_string(), b.to_string())
    } else {
        (b.to_string(), a.to_string())
    }
}
