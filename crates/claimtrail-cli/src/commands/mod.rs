//! One function per subcommand.

mod backup;
mod eval;
mod export;
mod import;
mod links;
mod people;
mod read;
mod score;
mod scores;
mod topics;

use std::process::ExitCode;

use claimtrail_store::Store;

use crate::args::{
    AlertsCommand, BenchCommand, Cli, Command, EvalCommand, FactchecksCommand, LinkCommand,
    LinksQueueCommand, ScoresQueueCommand,
};
use crate::CliError;

pub fn run(cli: Cli) -> Result<ExitCode, CliError> {
    let db = cli
        .db
        .clone()
        .unwrap_or_else(claimtrail_store::default_db_path);
    match cli.command {
        Command::Extract { json, path } => read::extract(&path, json),
        Command::Eval {
            what:
                EvalCommand::Attribution {
                    corpus,
                    gold,
                    split,
                    errors,
                    json,
                },
        } => eval::attribution(&corpus, &gold, split, errors, json),
        Command::Bench {
            what:
                BenchCommand::Ingest {
                    articles,
                    no_link,
                    keep,
                    corpus,
                    json,
                },
        } => crate::bench::ingest(articles, corpus.as_deref(), !no_link, keep.as_deref(), json),
        Command::Bench {
            what:
                BenchCommand::Review {
                    claims,
                    corpus,
                    keep,
                    json,
                },
        } => crate::bench::review(claims, corpus.as_deref(), keep.as_deref(), json),
        Command::Bench {
            what:
                BenchCommand::Link {
                    claims,
                    samples,
                    corpus,
                    datasets,
                    keep,
                    lexical,
                    json,
                },
        } => crate::bench::link(
            crate::bench::LinkBench {
                n_claims: claims,
                samples,
                corpus: corpus.as_deref(),
                datasets: datasets.as_deref(),
                keep: keep.as_deref(),
                lexical,
            },
            json,
        ),
        Command::Scores {
            queue: ScoresQueueCommand::Run { json },
        } => scores::run_queue(&mut open(&db)?, json),
        Command::Scores {
            queue: ScoresQueueCommand::Pending { json },
        } => scores::pending(&open(&db)?, json),
        Command::Links {
            queue: Some(LinksQueueCommand::Run { json }),
            ..
        } => links::run_queue(&mut open(&db)?, json),
        Command::Links {
            queue: Some(LinksQueueCommand::Pending { json }),
            ..
        } => links::pending(&open(&db)?, json),
        Command::Links {
            claim_id: Some(claim_id),
            json,
            queue: None,
        } => links::links(&open(&db)?, &claim_id, json),
        Command::Links {
            claim_id: None,
            queue: None,
            ..
        } => Err(CliError::Usage(
            "give a claim id, or `run` or `pending`".into(),
        )),
        Command::Link {
            action:
                LinkCommand::Confirm {
                    link_id,
                    kind,
                    json,
                },
        } => links::set_state(
            &mut open(&db)?,
            &link_id,
            claimtrail_core::LinkState::Confirmed,
            kind,
            json,
        ),
        Command::Link {
            action: LinkCommand::Reject { link_id, json },
        } => links::set_state(
            &mut open(&db)?,
            &link_id,
            claimtrail_core::LinkState::Rejected,
            None,
            json,
        ),
        Command::Link {
            action:
                LinkCommand::Settings {
                    threshold,
                    window_days,
                    no_window,
                    json,
                },
        } => links::settings(&mut open(&db)?, threshold, window_days, no_window, json),
        Command::Factchecks {
            action: Some(FactchecksCommand::Import { paths, json }),
            ..
        } => links::import_fact_checks(&mut open(&db)?, &paths, json),
        Command::Factchecks {
            action: None,
            limit,
            json,
        } => links::fact_checks(&open(&db)?, limit, json),
        Command::Export {
            format,
            topic,
            since,
            until,
            reviewed,
            force,
            json,
            out,
        } => export::export(
            &open(&db)?,
            format,
            claimtrail_core::export::ExportFilter {
                topic,
                since,
                until,
                reviewed_only: reviewed,
            },
            &out,
            force,
            json,
        ),
        Command::RatingScale {
            set,
            publisher,
            publisher_url,
            review_url,
            reset,
            json,
        } => export::rating_scale(
            &mut open(&db)?,
            export::ScaleChanges {
                set,
                publisher,
                publisher_url,
                review_url,
                reset,
            },
            json,
        ),
        Command::Alerts {
            action: Some(AlertsCommand::Dismiss { id, json }),
            ..
        } => links::dismiss_alert(&mut open(&db)?, &id, json),
        Command::Alerts {
            action: None,
            all,
            json,
        } => links::alerts(&open(&db)?, all, json),
        Command::Match {
            vclaims,
            queries,
            top,
            qrels,
            weights,
            lexical,
            json,
        } => links::match_queries(
            &vclaims,
            &queries,
            top,
            qrels.as_deref(),
            weights.as_deref(),
            !lexical,
            json,
        ),
        Command::Bench {
            what:
                BenchCommand::Extract {
                    articles,
                    corpus,
                    json,
                },
        } => crate::bench::extract(articles, corpus.as_deref(), json),
        Command::Bench {
            what:
                BenchCommand::Timeline {
                    claims,
                    corpus,
                    json,
                },
        } => crate::bench::timeline(claims, corpus.as_deref(), json),
        Command::People {
            action: None,
            query,
            limit,
            json,
        } => people::list(&open(&db)?, query.as_deref(), limit, json),
        Command::People {
            action: Some(action),
            ..
        } => people::change(&mut open(&db)?, action),
        Command::Topics { json } => topics::list(&open(&db)?, json),
        Command::Topic { what } => topics::topic(&mut open(&db)?, what),
        Command::Timeline {
            topic,
            from,
            to,
            status,
            claimant,
            json,
        } => topics::timeline(
            &open(&db)?,
            &topic,
            claimtrail_store::TimelineFilter {
                statuses: status,
                claimant,
                from,
                to,
            },
            json,
        ),
        Command::Score { file } => score::score_file(&file),
        Command::Bench {
            what:
                BenchCommand::Dense {
                    vectors,
                    queries,
                    corpus,
                    json,
                },
        } => crate::bench::dense(vectors, queries, corpus.as_deref(), json),
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
            no_link,
            no_score,
            paths,
        } => {
            let overrides = claimtrail_core::ingest::MetadataOverrides {
                title,
                outlet,
                url,
                date,
            };
            import::import(
                &mut open(&db)?,
                &paths,
                overrides,
                max_mib,
                json,
                import::Jobs {
                    link: !no_link,
                    score: !no_score,
                },
            )
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
        Command::Backup {
            out,
            force,
            every,
            json,
        } => backup::backup(&open(&db)?, out.as_deref(), force, every.as_deref(), json),
        Command::Restore { input, json } => backup::restore(&mut open(&db)?, &input, json),
    }
}

fn open(path: &std::path::Path) -> Result<Store, CliError> {
    let mut store = Store::open(path)?;
    store.set_actor_name(reviewer_from_env());
    // A scheduled backup that is due is taken now; a failure is logged and never stops the command.
    match store.backup_if_due() {
        Ok(Some(b)) => tracing::info!(path = %b.path.display(), "scheduled backup taken"),
        Ok(None) => {}
        Err(e) => tracing::warn!(error = %e, "scheduled backup failed"),
    }
    Ok(store)
}

/// `$CLAIMTRAIL_REVIEWER`, else the login name.
pub fn reviewer_from_env() -> Option<String> {
    ["CLAIMTRAIL_REVIEWER", "USER", "USERNAME"]
        .iter()
        .find_map(|k| std::env::var(k).ok().filter(|v| !v.trim().is_empty()))
}
