//! Person records across articles: person entities a reviewer merged into one record (migration 0010). The
//! names are entities of kind person, and entities of unknown kind that some claim has as its speaker (a lone
//! surname such as "Varga" said something, but the extractor could not tell it was a person). A record is such
//! a name that is not merged itself; its aliases are the names whose `merged_into` points at it. A claim belongs to a record when its resolved speaker is the record's name or an alias (what the
//! person said), or when it mentions the record or an alias (what was said about them).
//!
//! Merging and splitting only move pointers, each with a history row, so a split gives back exactly what the
//! merge took. Which records are probably one person is suggested in `people_suggest.rs`.

use rusqlite::{params, OptionalExtension};
use serde::Serialize;
use serde_json::json;

use crate::error::{Result, StoreError};
use crate::history::{self, Op};
use crate::Store;

/// One name a person record goes by (the record's own name included).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct PersonName {
    /// The entity row of this name.
    pub id: String,
    pub name: String,
    /// Claims this name is the resolved speaker of.
    pub said: u32,
    /// Claims that mention this name.
    pub mentioned: u32,
}

/// A person record: the name it is listed under, the other names merged into it, and its claim counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct Person {
    pub id: String,
    pub name: String,
    /// Names merged into this record (not the record's own), by name.
    pub aliases: Vec<PersonName>,
    /// Claims whose speaker is the person under any of their names.
    pub said: u32,
    /// Claims that mention the person under any of their names.
    pub mentioned: u32,
}

/// Whether the entity row `e` is a person's name (see the module documentation).
pub(crate) const IS_PERSON: &str = "(e.kind = 'person'
    OR (e.kind = 'other' AND EXISTS (SELECT 1 FROM claim s WHERE s.speaker = e.name)))";

/// Per-name counts: people's names, whether merged, with how many claims each said and is mentioned in.
fn name_counts_sql() -> String {
    format!(
        "SELECT e.id, e.name, e.merged_into,
                (SELECT count(*) FROM claim c WHERE c.speaker = e.name AND c.dismissed = 0),
                (SELECT count(*) FROM claim_entity ce JOIN claim c ON c.id = ce.claim_id
                  WHERE ce.entity_id = e.id AND c.dismissed = 0)
         FROM entity e
         WHERE {IS_PERSON}"
    )
}

impl Store {
    /// Person records, most claims said first (then mentioned, then by name). `query` keeps the records with a
    /// name or alias containing it (case-insensitive); `limit` caps the list.
    pub fn people(&self, query: Option<&str>, limit: usize) -> Result<Vec<Person>> {
        let mut stmt = self.conn.prepare_cached(&name_counts_sql())?;
        let mut rows = stmt.query([])?;
        let mut records: Vec<Person> = Vec::new();
        let mut aliases: Vec<(String, PersonName)> = Vec::new();
        while let Some(r) = rows.next()? {
            let (id, name, merged_into, said, mentioned): (
                String,
                String,
                Option<String>,
                u32,
                u32,
            ) = r.try_into()?;
            let entry = PersonName {
                id,
                name,
                said,
                mentioned,
            };
            match merged_into {
                Some(root) => aliases.push((root, entry)),
                None => records.push(Person {
                    id: entry.id,
                    name: entry.name,
                    aliases: Vec::new(),
                    said: entry.said,
                    mentioned: entry.mentioned,
                }),
            }
        }
        let index: std::collections::HashMap<String, usize> = records
            .iter()
            .enumerate()
            .map(|(i, p)| (p.id.clone(), i))
            .collect();
        for (root, alias) in aliases {
            if let Some(&i) = index.get(&root) {
                let p = &mut records[i];
                p.said += alias.said;
                p.mentioned += alias.mentioned;
                p.aliases.push(alias);
            }
        }
        let needle = query
            .map(|q| q.trim().to_lowercase())
            .filter(|q| !q.is_empty());
        records.retain(|p| {
            (p.said > 0 || p.mentioned > 0 || !p.aliases.is_empty())
                && needle.as_ref().is_none_or(|q| {
                    p.name.to_lowercase().contains(q)
                        || p.aliases.iter().any(|a| a.name.to_lowercase().contains(q))
                })
        });
        for p in &mut records {
            p.aliases.sort_by(|a, b| a.name.cmp(&b.name));
        }
        records.sort_by(|a, b| {
            (b.said, b.mentioned)
                .cmp(&(a.said, a.mentioned))
                .then_with(|| a.name.cmp(&b.name))
        });
        records.truncate(limit);
        Ok(records)
    }

    /// Merges the person record `from` (with its aliases) into the record `into`: `from` and its aliases
    /// become aliases of `into`. Either may be given as any of its names' ids. Returns the merged record.
    pub fn merge_people(&mut self, into: &str, from: &str) -> Result<Person> {
        let tx = self.conn.transaction()?;
        let into_root = person_root(&tx, into)?;
        let from_root = person_root(&tx, from)?;
        if into_root == from_root {
            return Err(StoreError::Invalid(
                "these names already belong to one person record".into(),
            ));
        }
        // `from` and the names merged into it now point at `into`: pointers stay one level deep.
        let moved: Vec<String> = tx
            .prepare_cached("SELECT id FROM entity WHERE id = ?1 OR merged_into = ?1")?
            .query_map(params![from_root], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        for id in &moved {
            tx.prepare_cached("UPDATE entity SET merged_into = ?2 WHERE id = ?1")?
                .execute(params![id, into_root])?;
            history::record(
                &tx,
                &self.actor,
                "entity",
                id,
                Op::Update,
                &json!({ "merged_into": into_root }),
            )?;
        }
        tx.commit()?;
        tracing::info!(into = %into_root, from = %from_root, names = moved.len(), "person records merged");
        self.person(&into_root)
    }

    /// Takes the name `alias` out of the person record it was merged into: it is a record of its own again.
    /// Returns the record it left.
    pub fn split_person(&mut self, alias: &str) -> Result<Person> {
        let tx = self.conn.transaction()?;
        let root: Option<String> = tx
            .prepare_cached(&format!(
                "SELECT merged_into FROM entity e WHERE id = ?1 AND {IS_PERSON}"
            ))?
            .query_row(params![alias], |r| r.get(0))
            .optional()?
            .ok_or_else(|| not_found(alias))?;
        let root = root.ok_or_else(|| {
            StoreError::Invalid(
                "this name is a person record of its own, not merged into another".into(),
            )
        })?;
        tx.prepare_cached("UPDATE entity SET merged_into = NULL WHERE id = ?1")?
            .execute(params![alias])?;
        history::record(
            &tx,
            &self.actor,
            "entity",
            alias,
            Op::Update,
            &json!({ "merged_into": null }),
        )?;
        tx.commit()?;
        tracing::info!(alias, record = %root, "name split from a person record");
        self.person(&root)
    }

    /// The id of the person's name given as an entity id or as the name itself (case-insensitive; an error
    /// when no name or several match).
    pub fn resolve_person(&self, id_or_name: &str) -> Result<String> {
        let wanted = id_or_name.trim();
        let ids: Vec<String> = self
            .conn
            .prepare_cached(&format!(
                "SELECT e.id FROM entity e WHERE (e.id = ?1 OR e.name = ?1 COLLATE NOCASE) AND {IS_PERSON}
                 ORDER BY e.id = ?1 DESC, e.kind = 'person' DESC"
            ))?
            .query_map(params![wanted], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        match ids.as_slice() {
            [] => Err(not_found(wanted)),
            [one] => Ok(one.clone()),
            [first, ..] if first == wanted => Ok(first.clone()),
            _ => Err(StoreError::Invalid(format!(
                "{} people are called `{wanted}`: give one of their ids ({})",
                ids.len(),
                ids.join(", ")
            ))),
        }
    }

    /// The person record with the entity id `id` (any of its names).
    pub fn person(&self, id: &str) -> Result<Person> {
        let root = person_root(&self.conn, id)?;
        self.people(None, usize::MAX)?
            .into_iter()
            .find(|p| p.id == root)
            .map_or_else(
                // A record with no claims at all is not listed; give it bare.
                || {
                    let name: String = self.conn.query_row(
                        "SELECT name FROM entity WHERE id = ?1",
                        params![root],
                        |r| r.get(0),
                    )?;
                    Ok(Person {
                        id: root.clone(),
                        name,
                        aliases: Vec::new(),
                        said: 0,
                        mentioned: 0,
                    })
                },
                Ok,
            )
    }

    /// Every name of the person record the speaker `name` belongs to (just `name` when it has no record or
    /// the record has no other names): what "claims by this person" matches.
    pub fn person_names(&self, name: &str) -> Result<Vec<String>> {
        let names: Vec<String> = self
            .conn
            .prepare_cached(&format!(
                "WITH root AS (
                     SELECT coalesce(e.merged_into, e.id) AS id FROM entity e
                     WHERE e.name = ?1 AND {IS_PERSON})
                 SELECT DISTINCT e.name FROM entity e, root
                 WHERE e.id = root.id OR e.merged_into = root.id
                 ORDER BY e.name"
            ))?
            .query_map(params![name], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(if names.is_empty() {
            vec![name.to_string()]
        } else {
            names
        })
    }
}

/// The record a person entity belongs to (itself when not merged); an error when `id` is not a person.
pub(crate) fn person_root(conn: &rusqlite::Connection, id: &str) -> Result<String> {
    let row: Option<Option<String>> = conn
        .prepare_cached(&format!(
            "SELECT merged_into FROM entity e WHERE id = ?1 AND {IS_PERSON}"
        ))?
        .query_row(params![id], |r| r.get(0))
        .optional()?;
    match row {
        Some(merged) => Ok(merged.unwrap_or_else(|| id.to_string())),
        None => Err(not_found(id)),
    }
}

fn not_found(id: &str) -> StoreError {
    StoreError::NotFound {
        what: "person",
        id: id.to_string(),
    }
}
