//! One function per subcommand.

mod import;
mod read;
mod score;

use std::process::ExitCode;

use claimtrail_store::Store;

use crate::args::{BenchCommand, Cli, Command};
use crate::CliError;

pub fn run(cli: Cli) -> Result<ExitCode, CliError> {
    let db = cli
        .db
        .clone()
        .unwrap_or_else(claimtrail_store::default_db_path);
    match cli.command {
        Command::Extract { json, path } => read::extract(&path, json),
        Command::Bench {
            what:
                BenchCommand::Ingest {
                    articles,
                    corpus,
                    json,
                },
        } => crate::bench::ingest(articles, corpus.as_deref(), json),
        Command::Bench {
            what:
                BenchCommand::Review {
                    claims,
                    corpus,
                    json,
                },
        } => crate::bench::review(claims, corpus.as_deref(), json),
        Command::Bench {
            what:
                BenchCommand::Extract {
                    articles,
                    corpus,
                    json,
                },
        } => crate::bench::extract(articles, corpus.as_deref(), json),
        Command::Score { file } => score::score_file(&file),
        Command::Bench {
            what:
                BenchCommand::Score {
                    sentences,
                    file,
                    corpus,
                    json,
                },
        } => crate::bench::score(sentences, file.as_deref(), corpus.as_deref(), json),
        Command::Import {
            title,
            outlet,
            date,
            url,
            max_mib,
            json,
            paths,
        } => {
            let overrides = claimtrail_core::ingest::MetadataOverrides {
                title,
                outlet,
                url,
                date,
            };
            import::import(&mut open(&db)?, &paths, overrides, max_mib, json)
        }
        Command::Articles { json } => read::articles(&open(&db)?, json),
        Command::Article { id, json } => read::article(&open(&db)?, &id, json),
        Command::Claims {
            article,
            status,
            by_score,
            json,
        } => read::claims(&open(&db)?, article.as_deref(), status, by_score, json),
        Command::Review {
            claim_id,
            status,
            note,
            evidence,
            reviewer,
            json,
        } => import::review(
            &mut open(&db)?,
            &claim_id,
            status,
            note,
            evidence,
            reviewer,
            json,
        ),
        Command::Search { query, limit, json } => read::search(&open(&db)?, &query, limit, json),
        Command::History { id, limit, json } => {
            read::history(&open(&db)?, id.as_deref(), limit, json)
        }
    }
}

fn open(path: &std::path::Path) -> Result<Store, CliError> {
    let mut store = Store::open(path)?;
    store.set_actor_name(reviewer_from_env());
    Ok(store)
}

/// `$CLAIMTRAIL_REVIEWER`, else the login name.
pub fn reviewer_from_env() -> Option<String> {
    ["CLAIMTRAIL_REVIEWER", "USER", "USERNAME"]
        .iter()
        .find_map(|k| std::env::var(k).ok().filter(|v| !v.trim().is_empty()))
}
