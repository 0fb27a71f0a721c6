//! Topics and timelines: `topics`, `topic add|edit|delete|assign|unassign|suggest`, `timeline`.

use std::process::ExitCode;

use serde_json::json;

use claimtrail_core::topic::{SuggestOptions, VerdictCounts};
use claimtrail_store::{Store, TimelineFilter, TopicChange, TopicEdit, TopicInput};

use super::import::short;
use crate::args::TopicCommand;
use crate::output::{print_json, table};
use crate::CliError;

fn verdicts(v: &VerdictCounts) -> String {
    let parts: Vec<String> = [
        ("verified", v.verified),
        ("disputed", v.disputed),
        ("false", v.false_),
        ("misleading", v.misleading),
        ("unverifiable", v.unverifiable),
    ]
    .iter()
    .filter(|(_, n)| *n > 0)
    .map(|(s, n)| format!("{n} {s}"))
    .collect();
    if parts.is_empty() {
        "-".into()
    } else {
        parts.join(", ")
    }
}

pub fn list(store: &Store, json: bool) -> Result<ExitCode, CliError> {
    let topics = store.list_topics()?;
    if json {
        print_json(&topics)?;
    } else if topics.is_empty() {
        println!("No topics yet. Create one with `claimtrail topic add NAME --keyword WORD`, or see `claimtrail topic suggest`.");
    } else {
        let rows: Vec<Vec<String>> = topics
            .iter()
            .map(|t| {
                let terms: Vec<String> = t
                    .topic
                    .keywords
                    .iter()
                    .cloned()
                    .chain(t.topic.entities.iter().map(|e| format!("@{e}")))
                    .collect();
                vec![
                    t.topic.name.clone(),
                    t.claims.to_string(),
                    verdicts(&t.verdicts),
                    terms.join(", "),
                    t.topic.description.clone(),
                ]
            })
            .collect();
        table(
            &[
                "TOPIC",
                "CLAIMS",
                "VERDICTS",
                "KEYWORDS/@ENTITIES",
                "DESCRIPTION",
            ],
            &[30, 6, 40, 50, 50],
            &rows,
        );
    }
    Ok(ExitCode::SUCCESS)
}

fn print_change(change: &TopicChange, verb: &str, json: bool) -> Result<(), CliError> {
    if json {
        print_json(change)?;
    } else {
        println!(
            "{verb} topic “{}” ({}): {} claims joined, {} left.",
            change.topic.name,
            short(&change.topic.id.to_string()),
            change.added,
            change.removed
        );
    }
    Ok(())
}

pub fn topic(store: &mut Store, what: TopicCommand) -> Result<ExitCode, CliError> {
    match what {
        TopicCommand::Add {
            name,
            description,
            keyword,
            entity,
            json,
        } => {
            let change = store.create_topic(TopicInput {
                name,
                description,
                keywords: keyword,
                entities: entity,
            })?;
            print_change(&change, "Created", json)?;
        }
        TopicCommand::Edit {
            topic,
            name,
            description,
            keyword,
            entity,
            json,
        } => {
            let change = store.edit_topic(
                &topic,
                TopicEdit {
                    name,
                    description,
                    keywords: keyword,
                    entities: entity,
                },
            )?;
            print_change(&change, "Updated", json)?;
        }
        TopicCommand::Delete { topic, json } => {
            let deleted = store.delete_topic(&topic)?;
            if json {
                print_json(&json!({"deleted": deleted}))?;
            } else {
                println!("Deleted topic “{}”.", deleted.name);
            }
        }
        TopicCommand::Assign {
            topic,
            claim_id,
            json,
        } => {
            let claim = store.resolve_claim_id(&claim_id)?;
            let topic = store.assign_claim(&topic, claim)?;
            if json {
                print_json(
                    &json!({"topic_id": topic.id, "topic": topic.name, "claim_id": claim, "source": "manual"}),
                )?;
            } else {
                println!(
                    "Claim {} is in “{}” (by hand).",
                    short(&claim.to_string()),
                    topic.name
                );
            }
        }
        TopicCommand::Unassign {
            topic,
            claim_id,
            json,
        } => {
            let claim = store.resolve_claim_id(&claim_id)?;
            let was_member = store.unassign_claim(&topic, claim)?;
            let topic = store.get_topic(&topic)?;
            if json {
                print_json(&json!({
                    "topic_id": topic.id, "topic": topic.name, "claim_id": claim, "was_member": was_member,
                    "excluded": true,
                }))?;
            } else if was_member {
                println!(
                    "Claim {} removed from “{}”; it will not be added back automatically.",
                    short(&claim.to_string()),
                    topic.name
                );
            } else {
                println!(
                    "Claim {} was not in “{}”; it will not be added automatically.",
                    short(&claim.to_string()),
                    topic.name
                );
            }
        }
        TopicCommand::Suggest { json } => {
            let suggestions = store.suggest_topics(&SuggestOptions::default())?;
            if json {
                print_json(&suggestions)?;
            } else if suggestions.is_empty() {
                println!(
                    "No topic to suggest: no group of claims shares entities across articles."
                );
            } else {
                let rows: Vec<Vec<String>> = suggestions
                    .iter()
                    .map(|s| {
                        vec![
                            s.name.clone(),
                            s.claims.to_string(),
                            s.articles.to_string(),
                            s.linked.to_string(),
                            s.entities.join(", "),
                            s.keywords.join(", "),
                        ]
                    })
                    .collect();
                table(
                    &[
                        "NAME", "CLAIMS", "ARTICLES", "LINKED", "ENTITIES", "KEYWORDS",
                    ],
                    &[40, 6, 8, 6, 50, 50],
                    &rows,
                );
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub fn timeline(
    store: &Store,
    topic: &str,
    filter: TimelineFilter,
    json: bool,
) -> Result<ExitCode, CliError> {
    let timeline = store.timeline(topic, &filter)?;
    if json {
        print_json(&timeline)?;
        return Ok(ExitCode::SUCCESS);
    }
    if timeline.claims.is_empty() {
        println!(
            "“{}”: no claims to show ({} in the topic).",
            timeline.topic, timeline.total
        );
        return Ok(ExitCode::SUCCESS);
    }
    println!(
        "“{}”: {} of {} claims, {} to {}, {} storylines, {} claimants",
        timeline.topic,
        timeline.claims.len(),
        timeline.total,
        timeline.from.map(|d| d.to_string()).unwrap_or_default(),
        timeline.to.map(|d| d.to_string()).unwrap_or_default(),
        timeline.storylines.len(),
        timeline.claimants.len()
    );
    // Storylines are shown as S1, S2, ... (by first appearance) with their ids listed below the table.
    let lane: std::collections::HashMap<String, usize> = timeline
        .storylines
        .iter()
        .enumerate()
        .filter_map(|(i, g)| g.key.clone().map(|k| (k, i + 1)))
        .collect();
    let rows: Vec<Vec<String>> = timeline
        .claims
        .iter()
        .map(|e| {
            vec![
                if e.dated {
                    e.date.to_string()
                } else {
                    format!("{}*", e.date)
                },
                e.claim_id.to_string(),
                e.claimant.clone().unwrap_or_else(|| "(outlet)".into()),
                e.status.to_string(),
                e.storyline_id
                    .and_then(|s| lane.get(&s.to_string()))
                    .map(|n| format!("S{n}"))
                    .unwrap_or_else(|| "-".into()),
                e.outlet.clone().unwrap_or_default(),
                e.text.clone(),
            ]
        })
        .collect();
    table(
        &[
            "DATE",
            "ID",
            "CLAIMANT",
            "STATUS",
            "STORYLINE",
            "OUTLET",
            "CLAIM",
        ],
        &[11, 36, 24, 12, 9, 16, 70],
        &rows,
    );
    for (i, g) in timeline.storylines.iter().enumerate() {
        println!(
            "S{}: storyline {} ({} claims here, {} to {})",
            i + 1,
            g.key.as_deref().unwrap_or_default(),
            g.entries.len(),
            g.first,
            g.last
        );
    }
    if timeline.claims.iter().any(|e| !e.dated) {
        println!("* import day (the article has no publication date)");
    }
    Ok(ExitCode::SUCCESS)
}
