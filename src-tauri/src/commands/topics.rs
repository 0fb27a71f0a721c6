//! Topics and their timelines: list, create, edit, delete, claims joined or removed by hand, suggestions, and
//! the time-ordered claims of a topic with filters. The IPC payloads that are not domain records live here too
//! (exported to TypeScript by `tests/bindings.rs`).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use tauri::State;
use ts_rs::TS;

use claimtrail_core::topic::{SuggestOptions, Timeline, Topic, TopicSuggestion, TopicSummary};
use claimtrail_core::ClaimStatus;
use claimtrail_store::{TimelineFilter, TopicChange, TopicEdit, TopicInput as StoreTopicInput};

use crate::error::{AppError, AppResult};
use crate::state::AppState;

/// A topic to create.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(default)]
pub struct TopicInput {
    pub name: String,
    pub description: String,
    /// Words or phrases; claims containing one join the topic.
    pub keywords: Vec<String>,
    /// Names of people, places or organisations; claims mentioning one join the topic.
    pub entities: Vec<String>,
}

/// Changes to a topic; absent fields stay as they are.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(default)]
pub struct TopicEditInput {
    pub name: Option<String>,
    pub description: Option<String>,
    pub keywords: Option<Vec<String>>,
    pub entities: Option<Vec<String>>,
}

/// A topic after it was created or changed, and how many stored claims joined or left it.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct TopicSaved {
    pub topic: Topic,
    pub added: u32,
    pub removed: u32,
}

impl From<TopicChange> for TopicSaved {
    fn from(c: TopicChange) -> Self {
        let n = |v: usize| u32::try_from(v).unwrap_or(u32::MAX);
        Self {
            topic: c.topic,
            added: n(c.added),
            removed: n(c.removed),
        }
    }
}

/// Filters of a timeline (empty fields do not filter).
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(default)]
pub struct TimelineQuery {
    /// Only these statuses.
    pub statuses: Vec<ClaimStatus>,
    /// Claimant or speaker containing this (case-insensitive).
    pub claimant: Option<String>,
    /// First and last day shown (inclusive).
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

fn topic_ref(topic: &str) -> AppResult<String> {
    let t = topic.trim();
    if t.is_empty() {
        return Err(AppError::invalid("no topic given"));
    }
    Ok(t.to_string())
}

/// All topics with their claim and verdict counts, by name.
#[tauri::command]
pub async fn list_topics(state: State<'_, AppState>) -> AppResult<Vec<TopicSummary>> {
    state.with_store(|store| Ok(store.list_topics()?)).await
}

/// Creates a topic; stored claims that match its keywords or entities join it at once.
#[tauri::command]
pub async fn create_topic(state: State<'_, AppState>, input: TopicInput) -> AppResult<TopicSaved> {
    state
        .with_store(move |store| {
            Ok(store
                .create_topic(StoreTopicInput {
                    name: input.name,
                    description: input.description,
                    keywords: input.keywords,
                    entities: input.entities,
                })?
                .into())
        })
        .await
}

/// Renames a topic or changes its description, keywords or entities (claims are matched again when the terms
/// change; claims added or removed by hand stay as they are).
#[tauri::command]
pub async fn edit_topic(
    state: State<'_, AppState>,
    topic: String,
    edit: TopicEditInput,
) -> AppResult<TopicSaved> {
    let topic = topic_ref(&topic)?;
    state
        .with_store(move |store| {
            Ok(store
                .edit_topic(
                    &topic,
                    TopicEdit {
                        name: edit.name,
                        description: edit.description,
                        keywords: edit.keywords,
                        entities: edit.entities,
                    },
                )?
                .into())
        })
        .await
}

/// Deletes a topic (its claims stay).
#[tauri::command]
pub async fn delete_topic(state: State<'_, AppState>, topic: String) -> AppResult<Topic> {
    let topic = topic_ref(&topic)?;
    state
        .with_store(move |store| Ok(store.delete_topic(&topic)?))
        .await
}

/// Puts a claim in a topic by hand.
#[tauri::command]
pub async fn assign_topic_claim(
    state: State<'_, AppState>,
    topic: String,
    claim_id: String,
) -> AppResult<Topic> {
    let topic = topic_ref(&topic)?;
    let claim = super::parse_claim_id(&claim_id)?;
    state
        .with_store(move |store| Ok(store.assign_claim(&topic, claim)?))
        .await
}

/// Takes a claim out of a topic by hand (it will not rejoin automatically). Returns whether it was a member.
#[tauri::command]
pub async fn unassign_topic_claim(
    state: State<'_, AppState>,
    topic: String,
    claim_id: String,
) -> AppResult<bool> {
    let topic = topic_ref(&topic)?;
    let claim = super::parse_claim_id(&claim_id)?;
    state
        .with_store(move |store| Ok(store.unassign_claim(&topic, claim)?))
        .await
}

/// Proposed topics from groups of claims sharing entities or links.
#[tauri::command]
pub async fn suggest_topics(state: State<'_, AppState>) -> AppResult<Vec<TopicSuggestion>> {
    state
        .with_store(|store| Ok(store.suggest_topics(&SuggestOptions::default())?))
        .await
}

/// Creates the topic a suggestion proposes.
#[tauri::command]
pub async fn create_suggested_topic(
    state: State<'_, AppState>,
    suggestion: TopicSuggestion,
) -> AppResult<TopicSaved> {
    let description = format!(
        "Suggested from {} claim{} in {} article{}.",
        suggestion.claims,
        if suggestion.claims == 1 { "" } else { "s" },
        suggestion.articles,
        if suggestion.articles == 1 { "" } else { "s" },
    );
    state
        .with_store(move |store| {
            Ok(store
                .create_topic(StoreTopicInput {
                    name: suggestion.name,
                    description,
                    keywords: suggestion.keywords,
                    entities: suggestion.entities,
                })?
                .into())
        })
        .await
}

/// The claims of a topic in time order with lanes by storyline and by claimant.
#[tauri::command]
pub async fn topic_timeline(
    state: State<'_, AppState>,
    topic: String,
    query: Option<TimelineQuery>,
) -> AppResult<Timeline> {
    let topic = topic_ref(&topic)?;
    let q = query.unwrap_or_default();
    if let (Some(from), Some(to)) = (q.from, q.to) {
        if from > to {
            return Err(AppError::invalid("the first day comes after the last day"));
        }
    }
    let filter = TimelineFilter {
        statuses: q.statuses,
        claimant: q.claimant,
        from: q.from,
        to: q.to,
    };
    state
        .with_store(move |store| Ok(store.timeline(&topic, &filter)?))
        .await
}
