//! Person records: `people`, `people merge INTO FROM`, `people split NAME`.

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
