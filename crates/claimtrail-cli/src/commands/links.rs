//! Links, fact-checks, alerts and `match`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use claimtrail_core::factcheck;
use claimtrail_core::link::eval;
use claimtrail_core::link::LinkWeights;
use claimtrail_core::{LinkKind, LinkState};
use claimtrail_store::{LinkSettings, Linked, MatchQuery, Store, SuggestReport};

use super::import::short;
use crate::output::{plural, print_json, queue_bar, table};
use crate::CliError;

fn date_str(d: Option<chrono::NaiveDate>) -> String {
    d.map(|d| d.to_string()).unwrap_or_else(|| "-".into())
}

/// (what, id, text, who, date, rating) of a link's other end.
fn describe(other: &Linked) -> (String, String, String, String, String, String) {
    match other {
        Linked::Claim {
            id,
            text,
            claimant,
            date,
            status,
            ..
        } => (
            "claim".into(),
            short(&id.to_string()).to_string(),
            text.clone(),
            claimant.clone().unwrap_or_else(|| "(outlet)".into()),
            date_str(*date),
            status.to_string(),
        ),
        Linked::FactCheck {
            id,
            text,
            claimant,
            date,
            rating,
            ..
        } => (
            "fact-check".into(),
            short(&id.to_string()).to_string(),
            text.clone(),
            claimant.clone().unwrap_or_else(|| "-".into()),
            date_str(*date),
            rating.clone().unwrap_or_else(|| "-".into()),
        ),
    }
}

pub fn links(store: &Store, claim_id: &str, json: bool) -> Result<ExitCode, CliError> {
    let id = store.resolve_claim_id(claim_id)?;
    let links = store.claim_links(id)?;
    if json {
        print_json(&links)?;
        return Ok(ExitCode::SUCCESS);
    }
    if links.links.is_empty() {
        println!("No links for claim {}.", short(&id.to_string()));
    } else {
        let rows: Vec<Vec<String>> = links
            .links
            .iter()
            .map(|l| {
                let (what, other_id, text, who, date, rating) = describe(&l.other);
                vec![
                    short(&l.id.to_string()).to_string(),
                    l.kind.to_string(),
                    format!("{:.2}", l.score),
                    l.state.to_string(),
                    format!("{what} {other_id}"),
                    date,
                    who,
                    rating,
                    text,
                ]
            })
            .collect();
        table(
            &[
                "LINK", "KIND", "SCORE", "STATE", "OTHER", "DATE", "WHO", "RATING", "TEXT",
            ],
            &[8, 11, 5, 9, 19, 10, 24, 14, 60],
            &rows,
        );
    }
    if links.storyline.appearances.len() > 1 {
        println!(
            "\nStoryline ({} appearances, first {}):",
            links.storyline.appearances.len(),
            short(&links.storyline.id.to_string())
        );
        for a in &links.storyline.appearances {
            println!(
                "  {}  {}  {}: {}",
                date_str(a.date),
                short(&a.claim_id.to_string()),
                a.claimant.as_deref().unwrap_or("(outlet)"),
                crate::output::clip(&a.text, 80)
            );
        }
    }
    for v in &links.verdicts {
        println!("Verdict carried over: {}", v.summary);
    }
    Ok(ExitCode::SUCCESS)
}

/// Claims per call of the queue while draining (the progress bar moves after each).
const DRAIN_STEP: usize = 64;

/// Works through the link queue until it is empty, with a progress bar on stderr when `progress` is asked for
/// and stderr is a terminal.
pub fn drain(store: &mut Store, progress: bool) -> Result<SuggestReport, CliError> {
    let mut total = store.pending_links()?;
    let bar = queue_bar(progress, total, "Finding links");
    let mut done = SuggestReport::default();
    loop {
        let r = store.process_link_queue(DRAIN_STEP)?;
        done.claims += r.claims;
        done.claim_links += r.claim_links;
        done.fact_check_links += r.fact_check_links;
        done.alerts += r.alerts;
        if r.claims == 0 {
            break;
        }
        // Another import may have queued more meanwhile.
        total = total.max(done.claims + store.pending_links()?);
        bar.set_length(total as u64);
        bar.set_position(done.claims as u64);
    }
    bar.finish_and_clear();
    Ok(done)
}

/// One line saying what a link run added.
pub fn summary(r: &SuggestReport) -> String {
    format!(
        "Links: checked {}; suggested {} and {}; {}.",
        plural(r.claims, "claim", "claims"),
        plural(r.claim_links, "link between claims", "links between claims"),
        plural(
            r.fact_check_links,
            "link to a fact-check",
            "links to fact-checks"
        ),
        plural(r.alerts, "new alert", "new alerts"),
    )
}

/// `claimtrail links run`: drains the link queue.
pub fn run_queue(store: &mut Store, json: bool) -> Result<ExitCode, CliError> {
    let r = drain(store, !json)?;
    let pending = store.pending_links()?;
    if json {
        print_json(&serde_json::json!({
            "claims": r.claims,
            "claim_links": r.claim_links,
            "fact_check_links": r.fact_check_links,
            "alerts": r.alerts,
            "pending": pending,
        }))?;
    } else {
        println!("{}", summary(&r));
        if pending > 0 {
            println!(
                "{pending} claim{} still wait{}: another program is importing or linking.",
                if pending == 1 { "" } else { "s" },
                if pending == 1 { "s" } else { "" },
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `claimtrail links pending`: how many claims wait for link suggestion.
pub fn pending(store: &Store, json: bool) -> Result<ExitCode, CliError> {
    let pending = store.pending_links()?;
    if json {
        print_json(&serde_json::json!({ "pending": pending }))?;
    } else if pending == 0 {
        println!("No claims wait for link suggestion.");
    } else {
        println!(
            "{pending} claim{} wait{} for link suggestion: run `claimtrail links run`.",
            if pending == 1 { "" } else { "s" },
            if pending == 1 { "s" } else { "" },
        );
    }
    Ok(ExitCode::SUCCESS)
}

pub fn set_state(
    store: &mut Store,
    link_id: &str,
    state: LinkState,
    kind: Option<LinkKind>,
    json: bool,
) -> Result<ExitCode, CliError> {
    let change = store.set_link_state(link_id, state, kind)?;
    if json {
        print_json(&change)?;
    } else {
        println!(
            "Link {} ({}) is now {} (was {}).",
            short(&change.id.to_string()),
            change.kind,
            change.state,
            change.prev_state
        );
    }
    Ok(ExitCode::SUCCESS)
}

pub fn settings(
    store: &mut Store,
    threshold: Option<f64>,
    window_days: Option<u32>,
    no_window: bool,
    json: bool,
) -> Result<ExitCode, CliError> {
    let mut s: LinkSettings = store.link_settings()?;
    if threshold.is_some() || window_days.is_some() || no_window {
        if let Some(t) = threshold {
            s.threshold = t;
        }
        if window_days.is_some() {
            s.window_days = window_days;
        }
        if no_window {
            s.window_days = None;
        }
        s = store.set_link_settings(s)?;
    }
    if json {
        print_json(&s)?;
    } else {
        println!(
            "Suggestion threshold {:.2}; {}.",
            s.threshold,
            s.window_days
                .map(|d| format!("only claims at most {d} days apart"))
                .unwrap_or_else(|| "no date window".into())
        );
    }
    Ok(ExitCode::SUCCESS)
}

pub fn import_fact_checks(
    store: &mut Store,
    paths: &[PathBuf],
    json: bool,
) -> Result<ExitCode, CliError> {
    let report = store.import_fact_checks(paths);
    if json {
        print_json(&report)?;
    } else {
        println!(
            "Imported {} fact-check{}, merged {} into stored ones, {} file{} failed; {} link{} suggested.",
            report.added,
            if report.added == 1 { "" } else { "s" },
            report.merged,
            report.failed.len(),
            if report.failed.len() == 1 { "" } else { "s" },
            report.links,
            if report.links == 1 { "" } else { "s" },
        );
        for f in &report.files {
            println!("  {}: {} added, {} merged", f.path, f.added, f.merged);
        }
        for f in &report.failed {
            eprintln!("  failed     {}: {}", f.path, f.error);
        }
    }
    Ok(if report.failed.is_empty() && !report.files.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// `claimtrail factchecks [--limit N] [--json]`.
pub fn fact_checks(store: &Store, limit: Option<usize>, json: bool) -> Result<ExitCode, CliError> {
    let fact_checks = store.list_fact_checks(limit)?;
    if json {
        print_json(&fact_checks)?;
        return Ok(ExitCode::SUCCESS);
    }
    if fact_checks.is_empty() {
        println!("No fact-checks. Import some with `claimtrail factchecks import FILE`.");
        return Ok(ExitCode::SUCCESS);
    }
    let rows: Vec<Vec<String>> = fact_checks
        .iter()
        .map(|f| {
            vec![
                short(&f.id.to_string()).to_string(),
                f.publisher.clone().unwrap_or_else(|| "-".into()),
                f.rating.clone().unwrap_or_else(|| "-".into()),
                f.verdict
                    .map(|v| v.to_string())
                    .unwrap_or_else(|| "-".into()),
                date_str(f.date),
                f.claimant.clone().unwrap_or_else(|| "-".into()),
                f.claim.clone(),
            ]
        })
        .collect();
    table(
        &[
            "ID",
            "PUBLISHER",
            "RATING",
            "VERDICT",
            "DATE",
            "CLAIMANT",
            "CLAIM",
        ],
        &[8, 18, 16, 12, 10, 24, 60],
        &rows,
    );
    Ok(ExitCode::SUCCESS)
}

pub fn alerts(store: &Store, all: bool, json: bool) -> Result<ExitCode, CliError> {
    let alerts = store.alerts(all)?;
    if json {
        print_json(&alerts)?;
        return Ok(ExitCode::SUCCESS);
    }
    if alerts.is_empty() {
        println!("No alerts.");
        return Ok(ExitCode::SUCCESS);
    }
    let rows: Vec<Vec<String>> = alerts
        .iter()
        .map(|a| {
            let (_, _, claim, who, date, _) = describe(&a.claim);
            let (what, other_id, earlier, _, _, _) = describe(&a.earlier);
            vec![
                short(&a.id.to_string()).to_string(),
                a.created_at.format("%Y-%m-%d %H:%M").to_string(),
                a.rating.clone(),
                format!("{date} {who}: {claim}"),
                format!("{what} {other_id}: {earlier}"),
            ]
        })
        .collect();
    table(
        &["ALERT", "CREATED", "RATED", "NEW CLAIM", "REPEATS"],
        &[8, 16, 14, 60, 60],
        &rows,
    );
    Ok(ExitCode::SUCCESS)
}

pub fn dismiss_alert(store: &mut Store, id: &str, json: bool) -> Result<ExitCode, CliError> {
    let id = store.dismiss_alert(id)?;
    if json {
        print_json(&serde_json::json!({"id": id, "dismissed": true}))?;
    } else {
        println!("Alert {} dismissed.", short(&id.to_string()));
    }
    Ok(ExitCode::SUCCESS)
}

fn read(path: &Path) -> Result<String, CliError> {
    std::fs::read_to_string(path).map_err(|e| CliError::Usage(format!("{}: {e}", path.display())))
}

/// Loads the vclaims into a temporary database through the store and ranks them for each query with the
/// import-time ranking code; with `dense`, the fact-checks and queries are embedded first (as the app's worker
/// embeds them), so the nearest embeddings join the candidates and their cosine the score. With `qrels`,
/// prints MAP@5, P@1 and MRR instead of the rankings.
pub fn match_queries(
    vclaims: &Path,
    queries: &Path,
    top: usize,
    qrels: Option<&Path>,
    weights: Option<&str>,
    dense: bool,
    json: bool,
) -> Result<ExitCode, CliError> {
    // One weight set, or (for tuning with --qrels) an array of them evaluated in turn.
    let weight_sets: Vec<LinkWeights> = match weights {
        Some(w) if w.trim_start().starts_with('[') => {
            serde_json::from_str(w).map_err(|e| CliError::Usage(format!("--weights: {e}")))?
        }
        Some(w) => {
            vec![serde_json::from_str(w).map_err(|e| CliError::Usage(format!("--weights: {e}")))?]
        }
        None => vec![LinkWeights::default()],
    };
    let drafts = factcheck::load_file(vclaims)
        .map_err(|e| CliError::Usage(format!("{}: {e}", vclaims.display())))?;
    let queries = eval::parse_queries(&read(queries)?)
        .map_err(|e| CliError::Usage(format!("{}: {e}", queries.display())))?;
    let judged = qrels
        .map(|p| {
            eval::parse_qrels(&read(p)?)
                .map_err(|e| CliError::Usage(format!("{}: {e}", p.display())))
        })
        .transpose()?;
    let dir = tempfile::tempdir()?;
    let mut store = Store::open(dir.path().join("match.db"))?;
    store.store_fact_checks(&drafts)?;
    let query_vectors = if dense {
        super::scores::embed_fact_checks(&mut store, !json)?;
        let texts: Vec<&str> = queries.iter().map(|q| q.text.as_str()).collect();
        claimtrail_encoder::Encoder::shipped()?.embed(&texts)?
    } else {
        Vec::new()
    };
    for weights in &weight_sets {
        let rankings = rank_all(&store, &queries, &query_vectors, top, weights)?;
        if let Some(judged) = &judged {
            let m = eval::evaluate(&rankings, judged, 5);
            if json {
                if weight_sets.len() > 1 {
                    print_json(&serde_json::json!({"weights": weights, "metrics": m}))?;
                } else {
                    print_json(&m)?;
                }
            } else {
                println!(
                    "{} judged queries: MAP@5 {:.4}, P@1 {:.4}, MRR {:.4}{}",
                    m.queries,
                    m.map_at_5,
                    m.p_at_1,
                    m.mrr,
                    if weight_sets.len() > 1 {
                        format!("  {}", serde_json::to_string(weights)?)
                    } else {
                        String::new()
                    }
                );
            }
        } else if json {
            print_json(&rankings)?;
        } else {
            for (q, ids) in &rankings {
                println!("{q}\t{}", ids.join(" "));
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The top `top` external ids per query (a merged fact-check contributes its aliases after its own id).
fn rank_all(
    store: &Store,
    queries: &[eval::QueryRow],
    vectors: &[Vec<f32>],
    top: usize,
    weights: &LinkWeights,
) -> Result<BTreeMap<String, Vec<String>>, CliError> {
    let mut rankings: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (i, q) in queries.iter().enumerate() {
        let matches = store.match_fact_checks_with(
            &MatchQuery {
                text: &q.text,
                claimant: q.speaker.as_deref(),
                date: q.date,
                embedding: vectors.get(i).map(Vec::as_slice),
            },
            top,
            weights,
        )?;
        let mut ids: Vec<String> = Vec::new();
        for m in &matches {
            for id in m.fact_check.all_external_ids() {
                if !ids.iter().any(|x| x == id) {
                    ids.push(id.to_string());
                }
            }
        }
        ids.truncate(top);
        rankings.insert(q.id.clone(), ids);
    }
    Ok(rankings)
}
