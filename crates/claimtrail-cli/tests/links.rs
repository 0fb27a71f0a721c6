//! The CLI contract of links, fact-checks, alerts and match, through the real binary on a real database file.

use std::path::PathBuf;

type TestResult = Result<(), Box<dyn std::error::Error>>;

#[path = "support/env.rs"]
mod env;
use env::Env;

impl Env {
    fn write(&self, name: &str, text: &str) -> Result<String, Box<dyn std::error::Error>> {
        let p: PathBuf = self.dir.path().join(name);
        std::fs::write(&p, text)?;
        Ok(p.to_str().ok_or("path")?.to_string())
    }
}
fn article(title: &str, date: &str, text: &str) -> String {
    format!(
        "{}\n",
        serde_json::json!({"title": title, "date": date, "source": "Valmora Ledger", "text": text})
    )
}

const CLAIM_1: &str =
    "Mayor Ana Ruiz said the Valmora dam was completed in 1998 and has never failed an inspection.";
const CLAIM_2: &str = "The Valmora dam has never failed an inspection since it was completed in 1998, Mayor Ana Ruiz told reporters on Tuesday.";

/// Imports the two articles and returns (earlier claim id, later claim id).
fn two_articles(env: &Env) -> Result<(String, String), Box<dyn std::error::Error>> {
    let a = env.write(
        "a.jsonl",
        &article("Dam inspection delayed", "2024-03-01", CLAIM_1),
    )?;
    let b = env.write(
        "b.jsonl",
        &article("Floods and the dam", "2024-03-10", CLAIM_2),
    )?;
    env.json(&["import", "--json", &a], 0)?;
    env.json(&["import", "--json", &b], 0)?;
    let claims = env.json(&["claims", "--json"], 0)?;
    let find = |needle: &str| -> Option<String> {
        claims.as_array()?.iter().find_map(|c| {
            let text = c["text"].as_str()?;
            (text.contains(needle)).then(|| c["id"].as_str().map(str::to_string))?
        })
    };
    Ok((
        find("was completed in 1998 and").ok_or("claim 1")?,
        find("since it was completed").ok_or("claim 2")?,
    ))
}

#[test]
fn links_confirm_storyline_and_verdict_json() -> TestResult {
    let env = Env::new()?;
    let (first, second) = two_articles(&env)?;
    let links = env.json(&["links", &second, "--json"], 0)?;
    assert_eq!(links["claim_id"], second.as_str());
    let link = &links["links"][0];
    for key in ["id", "kind", "score", "state", "other_role", "other"] {
        assert!(link.get(key).is_some(), "missing {key}: {link}");
    }
    assert_eq!(link["kind"], "repeats");
    assert_eq!(link["state"], "suggested");
    assert_eq!(link["other_role"], "source");
    assert_eq!(link["other"]["type"], "claim");
    assert_eq!(link["other"]["id"], first.as_str());
    assert_eq!(link["other"]["date"], "2024-03-01");
    assert!(link["other"]["text"]
        .as_str()
        .is_some_and(|t| t.contains("1998")));
    assert_eq!(
        links["storyline"]["appearances"].as_array().map(Vec::len),
        Some(1)
    );
    assert_eq!(links["verdicts"], serde_json::json!([]));

    let link_id = link["id"].as_str().ok_or("id")?;
    let change = env.json(&["link", "confirm", &link_id[..8], "--json"], 0)?;
    assert_eq!(change["state"], "confirmed");
    assert_eq!(change["prev_state"], "suggested");
    env.json(&["review", &first, "--status", "false", "--json"], 0)?;
    let links = env.json(&["links", &second, "--json"], 0)?;
    assert_eq!(links["storyline"]["id"], first.as_str());
    let appearances = links["storyline"]["appearances"]
        .as_array()
        .ok_or("appearances")?;
    assert_eq!(appearances.len(), 2);
    assert_eq!(appearances[0]["claim_id"], first.as_str());
    assert_eq!(appearances[0]["date"], "2024-03-01");
    assert_eq!(links["verdicts"][0]["rating"], "false");
    assert_eq!(links["verdicts"][0]["from"], "claim");
    assert!(links["verdicts"][0]["summary"]
        .as_str()
        .is_some_and(|s| s.starts_with("rated false on ")));

    let human = env.cmd()?.args(["links", &second]).output()?;
    let human = String::from_utf8(human.stdout)?;
    assert!(
        human.contains("LINK") && human.contains("Verdict carried over: rated false"),
        "{human}"
    );

    let out = env.cmd()?.args(["link", "reject", "zzzz"]).output()?;
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8(out.stderr)?.starts_with("claimtrail: error: no link"));
    Ok(())
}

#[test]
fn alerts_list_and_dismiss_json() -> TestResult {
    let env = Env::new()?;
    let a = env.write(
        "a.jsonl",
        &article("Dam inspection delayed", "2024-03-01", CLAIM_1),
    )?;
    env.json(&["import", "--json", &a], 0)?;
    let claims = env.json(&["claims", "--json"], 0)?;
    let first = claims[0]["id"].as_str().ok_or("id")?.to_string();
    env.json(&["review", &first, "--status", "disputed", "--json"], 0)?;
    assert_eq!(env.json(&["alerts", "--json"], 0)?, serde_json::json!([]));
    let b = env.write(
        "b.jsonl",
        &article("Floods and the dam", "2024-03-10", CLAIM_2),
    )?;
    env.json(&["import", "--json", &b], 0)?;
    let alerts = env.json(&["alerts", "--json"], 0)?;
    assert_eq!(alerts.as_array().map(Vec::len), Some(1), "{alerts}");
    let alert = &alerts[0];
    for key in [
        "id",
        "created_at",
        "dismissed_at",
        "rating",
        "link_id",
        "claim",
        "earlier",
    ] {
        assert!(alert.get(key).is_some(), "missing {key}: {alert}");
    }
    assert_eq!(alert["rating"], "disputed");
    assert_eq!(alert["earlier"]["id"], first.as_str());
    let id = alert["id"].as_str().ok_or("id")?;
    let r = env.json(&["alerts", "dismiss", id, "--json"], 0)?;
    assert_eq!(r["dismissed"], true);
    assert_eq!(env.json(&["alerts", "--json"], 0)?, serde_json::json!([]));
    assert_eq!(
        env.json(&["alerts", "--all", "--json"], 0)?
            .as_array()
            .map(Vec::len),
        Some(1)
    );
    Ok(())
}

#[test]
fn import_no_link_leaves_the_queue_for_links_run() -> TestResult {
    let env = Env::new()?;
    let a = env.write(
        "a.jsonl",
        &article("Dam inspection delayed", "2024-03-01", CLAIM_1),
    )?;
    let b = env.write(
        "b.jsonl",
        &article("Floods and the dam", "2024-03-10", CLAIM_2),
    )?;
    // The JSON report keeps its shape with --no-link.
    let report = env.json(&["import", "--no-link", "--json", &a, &b], 0)?;
    let keys: Vec<&str> = report
        .as_object()
        .ok_or("object")?
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(keys, ["duplicates", "failed", "imported"]);
    let claims: u64 = report["imported"]
        .as_array()
        .ok_or("imported")?
        .iter()
        .filter_map(|i| i["claims"].as_u64())
        .sum();
    assert!(claims >= 2, "{report}");
    assert_eq!(
        env.json(&["links", "pending", "--json"], 0)?,
        serde_json::json!({ "pending": claims })
    );
    let second = env.json(&["claims", "--json"], 0)?;
    let second = second
        .as_array()
        .ok_or("claims")?
        .iter()
        .find(|c| {
            c["text"]
                .as_str()
                .is_some_and(|t| t.contains("since it was completed"))
        })
        .and_then(|c| c["id"].as_str())
        .ok_or("second claim")?
        .to_string();
    assert_eq!(
        env.json(&["links", &second, "--json"], 0)?["links"],
        serde_json::json!([])
    );

    let run = env.json(&["links", "run", "--json"], 0)?;
    assert_eq!(run["claims"].as_u64(), Some(claims), "{run}");
    assert!(run["claim_links"].as_u64() >= Some(1), "{run}");
    assert_eq!(run["pending"].as_u64(), Some(0));
    let links = env.json(&["links", &second, "--json"], 0)?;
    assert_eq!(links["links"][0]["kind"], "repeats", "{links}");
    assert_eq!(links["links"][0]["other_role"], "source");
    // Nothing left: a second run does nothing.
    let again = env.json(&["links", "run", "--json"], 0)?;
    assert_eq!(again["claims"].as_u64(), Some(0));
    let human = env.cmd()?.args(["links", "pending"]).output()?;
    assert!(String::from_utf8(human.stdout)?.contains("No claims wait"));
    Ok(())
}

#[test]
fn import_without_no_link_leaves_nothing_queued() -> TestResult {
    let env = Env::new()?;
    let (_, second) = two_articles(&env)?;
    assert_eq!(
        env.json(&["links", "pending", "--json"], 0)?,
        serde_json::json!({ "pending": 0 })
    );
    assert!(!env.json(&["links", &second, "--json"], 0)?["links"]
        .as_array()
        .ok_or("links")?
        .is_empty());
    let human = env
        .cmd()?
        .args([
            "import",
            &env.write(
                "c.jsonl",
                &article(
                    "Dam again",
                    "2024-04-01",
                    CLAIM_2.replace("Tuesday", "Friday").as_str(),
                ),
            )?,
        ])
        .output()?;
    let out = String::from_utf8(human.stdout)?;
    assert!(
        out.contains("Imported 1 article") && out.contains("Links: checked "),
        "{out}"
    );
    Ok(())
}

#[test]
fn factchecks_import_json_and_malformed_file() -> TestResult {
    let env = Env::new()?;
    let good = env.write(
        "good.json",
        r#"{"@type": "ClaimReview", "url": "https://checks.example/1",
            "claimReviewed": "The Valmora dam has never failed an inspection.",
            "reviewRating": {"alternateName": "Mostly False"}}"#,
    )?;
    let r = env.json(&["factchecks", "import", &good, "--json"], 0)?;
    assert_eq!(
        (r["added"].as_u64(), r["merged"].as_u64()),
        (Some(1), Some(0))
    );
    assert_eq!(r["files"][0]["path"], good.as_str());
    let r = env.json(&["factchecks", "import", &good, "--json"], 0)?;
    assert_eq!(
        (r["added"].as_u64(), r["merged"].as_u64()),
        (Some(0), Some(1))
    );
    let bad = env.write("bad.json", r#"[{"@type": "ClaimReview"}]"#)?;
    let r = env.json(&["factchecks", "import", &bad, "--json"], 1)?;
    assert_eq!(r["failed"][0]["path"], bad.as_str());
    assert!(r["failed"][0]["error"]
        .as_str()
        .is_some_and(|e| e.contains("claimReviewed")));
    Ok(())
}

#[test]
fn match_prints_rankings_per_query_and_map() -> TestResult {
    let env = Env::new()?;
    let vclaims = env.write(
        "v.tsv",
        "vclaim_id\tdate\tspeaker\tverdict\tvclaim\ttitle\n\
         v-1\t2020-01-01\tAna Ruiz\tfalse\tThe Valmora dam was completed in 1998.\tDam age\n\
         v-2\t2020-01-01\tTom Berg\ttrue\tHarlow port handled a record 3 million containers last year.\tPort record\n\
         v-3\t2023-05-01\tTom Berg\ttrue\tHarlow port strike idled 40 ships.\tStrike\n",
    )?;
    let queries = env.write(
        "q.tsv",
        "query_id\tdate\tspeaker\ttext\n\
         q1\t2021-02-02\tAna Ruiz\tRuiz says the dam in Valmora was completed in 1998\n\
         q2\t2021-02-02\tTom Berg\tA record 3 million containers went through Harlow port\n",
    )?;
    let r = env.json(
        &[
            "match",
            "--vclaims",
            &vclaims,
            "--queries",
            &queries,
            "--top",
            "2",
            "--json",
        ],
        0,
    )?;
    let obj = r.as_object().ok_or("object")?;
    assert_eq!(obj.len(), 2);
    assert_eq!(r["q1"][0], "v-1");
    assert_eq!(r["q2"][0], "v-2");
    // v-3 is dated after the queries: never ranked for them.
    assert!(obj.values().all(|ids| ids
        .as_array()
        .is_some_and(|a| a.len() <= 2 && !a.contains(&"v-3".into()))));
    let qrels = env.write("qrels.tsv", "query_id\tvclaim_id\nq1\tv-1\nq2\tv-3\n")?;
    let m = env.json(
        &[
            "match",
            "--vclaims",
            &vclaims,
            "--queries",
            &queries,
            "--qrels",
            &qrels,
            "--json",
        ],
        0,
    )?;
    assert_eq!(m["queries"], 2);
    assert!((m["map_at_5"].as_f64().ok_or("map")? - 0.5).abs() < 1e-9);
    Ok(())
}
