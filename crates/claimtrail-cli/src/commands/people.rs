//! Person records: `people`, `people merge INTO FROM`, `people split NAME`, and merge suggestions: `people
//! suggestions`, `people dismiss A B`, `people restore A B`.

use std::process::ExitCode;

use claimtrail_store::{Person, Store};

use crate::args::PeopleCommand;
use crate::output::{plural, print_json, table};
use crate::CliError;

pub fn list(
    store: &Store,
    query: Option<&str>,
    limit: usize,
    json: bool,
) -> Result<ExitCode, CliError> {
    let people = store.people(query, limit)?;
    if json {
        print_json(&people)?;
    } else if people.is_empty() {
        println!(
            "{}",
            match query {
                Some(q) => format!("No person's name contains `{q}`."),
                None => "No people yet: import articles whose claims have speakers.".to_string(),
            }
        );
    } else {
        let rows: Vec<Vec<String>> = people
            .iter()
            .map(|p| {
                let aliases: Vec<&str> = p.aliases.iter().map(|a| a.name.as_str()).collect();
                vec![
                    p.name.clone(),
                    p.said.to_string(),
                    p.mentioned.to_string(),
                    aliases.join(", "),
                    p.id.clone(),
                ]
            })
            .collect();
        table(
            &["PERSON", "SAID", "MENTIONED", "ALSO CALLED", "ID"],
            &[32, 5, 9, 40, 36],
            &rows,
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// `people suggestions`: a table of the pairs, or JSON.
pub fn suggestions(store: &Store, limit: usize, json: bool) -> Result<ExitCode, CliError> {
    let found = store.person_merge_suggestions(limit)?;
    if json {
        print_json(&found)?;
        return Ok(ExitCode::SUCCESS);
    }
    if found.is_empty() {
        println!("No suggestions: no two person records look like one person.");
        return Ok(ExitCode::SUCCESS);
    }
    let rows: Vec<Vec<String>> = found
        .iter()
        .map(|s| {
            vec![
                s.merge.name.clone(),
                s.keep.name.clone(),
                s.reason.clone(),
                format!("{} + {}", s.merge_claims, s.keep_claims),
                s.merge.id.clone(),
                s.keep.id.clone(),
            ]
        })
        .collect();
    table(
        &["MERGE", "INTO", "WHY", "CLAIMS", "MERGE ID", "INTO ID"],
        &[28, 28, 36, 9, 36, 36],
        &rows,
    );
    println!(
        "\nMerge one with `claimtrail people merge INTO MERGE`; if they are two people, `claimtrail people dismiss INTO MERGE`."
    );
    Ok(ExitCode::SUCCESS)
}

/// `people dismiss` and `people restore`.
fn dismissal(store: &mut Store, a: &str, b: &str, dismiss: bool) -> Result<ExitCode, CliError> {
    let (a, b) = (store.resolve_person(a)?, store.resolve_person(b)?);
    let (a, b) = (store.person(&a)?, store.person(&b)?);
    if dismiss {
        let new = store.dismiss_person_merge(&a.id, &b.id)?;
        println!(
            "{} and {} are two people{}: not suggested as one again.",
            a.name,
            b.name,
            if new { "" } else { " (already said)" }
        );
    } else if store.restore_person_merge(&a.id, &b.id)? > 0 {
        println!(
            "{} and {} may be suggested as one person again.",
            a.name, b.name
        );
    } else {
        println!(
            "{} and {} were not dismissed: nothing to take back.",
            a.name, b.name
        );
    }
    Ok(ExitCode::SUCCESS)
}

pub fn change(store: &mut Store, action: PeopleCommand) -> Result<ExitCode, CliError> {
    let (person, json, what) = match action {
        PeopleCommand::Merge { into, from, json } => {
            let into = store.resolve_person(&into)?;
            let from = store.resolve_person(&from)?;
            (store.merge_people(&into, &from)?, json, "Merged")
        }
        PeopleCommand::Split { name, json } => {
            let id = store.resolve_person(&name)?;
            (store.split_person(&id)?, json, "Split off")
        }
        PeopleCommand::Suggestions { limit, json } => return suggestions(store, limit, json),
        PeopleCommand::Dismiss { a, b } => return dismissal(store, &a, &b, true),
        PeopleCommand::Restore { a, b } => return dismissal(store, &a, &b, false),
    };
    if json {
        print_json(&person)?;
    } else {
        println!("{what}: {}", describe(&person));
    }
    Ok(ExitCode::SUCCESS)
}

fn describe(p: &Person) -> String {
    let aliases: Vec<&str> = p.aliases.iter().map(|a| a.name.as_str()).collect();
    let also = if aliases.is_empty() {
        String::new()
    } else {
        format!(" (also called {})", aliases.join(", "))
    };
    let claims = |n: u32| plural(n as usize, "claim", "claims");
    format!(
        "{}{also} made {} and is named in {}.",
        p.name,
        claims(p.said),
        claims(p.mentioned)
    )
}
