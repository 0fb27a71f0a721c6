//! `claimtrail eval attribution`: extraction figures against the hand-annotated gold file.

use std::path::Path;
use std::process::ExitCode;

use claimtrail_core::eval::attribution::{self, Figures, Issue, SplitFilter};

use crate::output::{print_json, table};
use crate::CliError;

pub fn attribution(
    corpus: &Path,
    gold: &Path,
    split: SplitFilter,
    errors: bool,
    json: bool,
) -> Result<ExitCode, CliError> {
    let gold_articles = attribution::read_gold(gold).map_err(|e| CliError::Usage(e.to_string()))?;
    let report = attribution::evaluate(corpus, &gold_articles, split)
        .map_err(|e| CliError::Usage(e.to_string()))?;
    if report.articles.is_empty() {
        return Err(CliError::Usage(format!(
            "no annotated article of {} was found in {}",
            gold.display(),
            corpus.display()
        )));
    }
    if json {
        let mut v = serde_json::json!({
            "gold": gold.display().to_string(),
            "splits": report.splits,
            "overall": report.overall,
            "missing": report.missing,
            "stale_claims": report.stale_claims,
        });
        if errors {
            if let Some(o) = v.as_object_mut() {
                let per_article: Vec<_> = report
                    .articles
                    .iter()
                    .map(|a| serde_json::json!({"id": a.id, "split": a.split, "issues": a.issues}))
                    .collect();
                o.insert("errors".into(), serde_json::json!(per_article));
            }
        }
        print_json(&v)?;
        return Ok(ExitCode::SUCCESS);
    }

    // tune before test, then anything else.
    let mut splits: Vec<_> = report.splits.iter().collect();
    splits.sort_by_key(|(name, _)| (name.as_str() != "tune", name.as_str() != "test"));
    let mut rows: Vec<Vec<String>> = splits.iter().map(|(name, f)| figure_row(name, f)).collect();
    rows.push(figure_row("overall", &report.overall));
    table(
        &[
            "SPLIT", "ART", "GOLD", "PRED", "CLAIM P", "CLAIM R", "CLAIM F1", "CLAIMANT", "ENT P",
            "ENT R", "ENT F1", "ENT KIND",
        ],
        &[8, 4, 5, 5, 7, 7, 8, 18, 6, 6, 6, 8],
        &rows,
    );
    println!();
    let cue_rows: Vec<Vec<String>> = report
        .overall
        .claimant_by_cue
        .iter()
        .map(|(cue, a)| {
            vec![
                cue.clone(),
                format!("{}/{}", a.correct, a.judged),
                format!("{:.3}", a.accuracy),
            ]
        })
        .collect();
    println!("Claimant accuracy by cue (matched claims, all evaluated splits):");
    table(&["CUE", "CORRECT", "ACCURACY"], &[14, 9, 8], &cue_rows);
    if !report.missing.is_empty() {
        println!(
            "\nNot in the corpus ({}): {}",
            report.missing.len(),
            report.missing.join(", ")
        );
    }
    if report.stale_claims > 0 {
        println!(
            "\n{} gold claims no longer slice the text they were annotated on (normaliser changed?); not scored.",
            report.stale_claims
        );
    }
    if errors {
        for a in &report.articles {
            if a.issues.is_empty() {
                continue;
            }
            println!("\n== {} ({})", a.id, a.split);
            for i in &a.issues {
                println!("  {}", describe(i));
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn pct(x: f64) -> String {
    format!("{:.3}", x)
}

fn figure_row(name: &str, f: &Figures) -> Vec<String> {
    vec![
        name.to_string(),
        f.articles.to_string(),
        f.claims.gold.to_string(),
        f.claims.predicted.to_string(),
        pct(f.claims.precision),
        pct(f.claims.recall),
        pct(f.claims.f1),
        format!(
            "{} ({}/{})",
            pct(f.claimant.accuracy),
            f.claimant.correct,
            f.claimant.judged
        ),
        pct(f.entities.precision),
        pct(f.entities.recall),
        pct(f.entities.f1),
        pct(f.entity_kind.accuracy),
    ]
}

fn who(s: &Option<String>) -> &str {
    s.as_deref().unwrap_or("(outlet)")
}

fn describe(i: &Issue) -> String {
    match i {
        Issue::MissedClaim {
            start,
            end,
            speaker,
            excerpt,
        } => format!("missed   {start}..{end} [{}] {excerpt}", who(speaker)),
        Issue::SpuriousClaim {
            start,
            end,
            speaker,
            excerpt,
        } => format!("spurious {start}..{end} [{}] {excerpt}", who(speaker)),
        Issue::WrongClaimant {
            start,
            end,
            cue,
            gold,
            predicted,
            excerpt,
        } => format!(
            "claimant {start}..{end} ({}) gold [{}] got [{}] {excerpt}",
            cue.as_str(),
            who(gold),
            who(predicted)
        ),
        Issue::MissedEntity { start, name, kind } => {
            format!("entity-  @{start} {name} ({kind})")
        }
        Issue::SpuriousEntity { start, name, kind } => {
            format!("entity+  @{start} {name} ({kind})")
        }
        Issue::WrongEntityKind {
            start,
            name,
            gold,
            predicted,
        } => format!("kind     @{start} {name}: gold {gold}, got {predicted}"),
        Issue::StaleClaim {
            start,
            end,
            expected_hash,
            found_hash,
        } => format!("stale    {start}..{end} hash {expected_hash} now {found_hash}"),
    }
}
