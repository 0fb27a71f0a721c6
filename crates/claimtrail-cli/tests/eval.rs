//! `claimtrail eval attribution` through the real binary, on a fictional corpus and gold file written here.

use std::path::Path;

use assert_cmd::Command;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

type TestResult = Result<(), Box<dyn std::error::Error>>;

const ARTICLE: &str = "Valmora Port Reopens After Strike\n\nThe port of Valmora reopened on Tuesday after a \
    nine-day strike that halted 40 percent of the region's exports.\n\n“We reached a fair deal for every \
    worker,” said Lena Ortiz, the head of the dockworkers’ union. “Wages will rise by 6 percent next year.”\n\n\
    Harbor Minister Tomas Brandt told reporters that the strike had cost the economy $120 million.\n\n\
    He said ships would be cleared by Friday.";

fn hash(s: &str) -> String {
    Sha256::digest(s.as_bytes())
        .iter()
        .take(4)
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn chars(s: &str, start: u64, end: u64) -> String {
    s.chars()
        .skip(start as usize)
        .take((end - start) as usize)
        .collect()
}

fn run(args: &[&str], dir: &Path) -> Result<std::process::Output, Box<dyn std::error::Error>> {
    Ok(Command::cargo_bin("claimtrail")?
        .args(args)
        .current_dir(dir)
        .env("CLAIMTRAIL_DB", dir.join("unused.db"))
        .output()?)
}

#[test]
fn figures_follow_the_gold_file() -> TestResult {
    let dir = tempfile::tempdir()?;
    let corpus = dir.path().join("corpus");
    std::fs::create_dir_all(&corpus)?;
    let record = json!({"id": "fic-1", "title": "Valmora Port Reopens", "text": ARTICLE});
    let other = json!({"id": "fic-2", "title": "Unused", "text": "Nothing to see."});
    std::fs::write(corpus.join("news.jsonl"), format!("{record}\n{other}\n"))?;

    // What the extractor finds, with the text exactly as it stores it.
    let out = run(&["extract", "--json", "corpus/news.jsonl"], dir.path())?;
    assert!(out.status.success());
    let extracted: Value = serde_json::from_slice(&out.stdout)?;
    let text = extracted["article"]["text"].as_str().ok_or("no text")?;
    let claims = extracted["claims"].as_array().ok_or("no claims")?;
    assert!(claims.len() >= 3, "{claims:#?}");

    // Gold = the extractor's claims minus the first, with the second one's speaker changed.
    let gold_claims: Vec<Value> = claims
        .iter()
        .enumerate()
        .skip(1)
        .map(|(i, c)| {
            let (s, e) = (
                c["start"].as_u64().unwrap_or(0),
                c["end"].as_u64().unwrap_or(0),
            );
            let speaker = if i == 1 {
                json!("Someone Else")
            } else {
                c["speaker"].clone()
            };
            let entities: Vec<Value> = c["entities"]
                .as_array()
                .map(|v| v.iter().filter(|e| e["kind"] != "other").cloned().collect())
                .unwrap_or_default();
            json!({"start": s, "end": e, "hash": hash(&chars(text, s, e)), "speaker": speaker,
                   "cue": if speaker.is_null() { "outlet" } else { "name" }, "entities": entities})
        })
        .collect();
    let n_pred = claims.len() as f64;
    let n_gold = gold_claims.len() as f64;
    let gold = json!({"id": "fic-1", "split": "tune", "claims": gold_claims});
    std::fs::create_dir_all(dir.path().join("eval/attribution"))?;
    std::fs::write(
        dir.path().join("eval/attribution/gold.jsonl"),
        format!("# fictional\n{gold}\n"),
    )?;

    // The default gold path is relative to the working directory.
    let out = run(
        &[
            "eval",
            "attribution",
            "--corpus",
            "corpus",
            "--json",
            "--errors",
        ],
        dir.path(),
    )?;
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let r: Value = serde_json::from_slice(&out.stdout)?;
    let overall = &r["overall"];
    assert_eq!(overall["articles"], 1);
    assert_eq!(overall["claims"]["matched"].as_f64(), Some(n_gold));
    assert_eq!(overall["claims"]["recall"].as_f64(), Some(1.0));
    assert_eq!(
        overall["claims"]["precision"].as_f64(),
        Some(n_gold / n_pred)
    );
    assert_eq!(
        overall["claimant"]["accuracy"].as_f64(),
        Some((n_gold - 1.0) / n_gold)
    );
    assert_eq!(overall["entities"]["f1"].as_f64(), Some(1.0));
    assert_eq!(r["splits"]["tune"]["claims"], overall["claims"]);
    let issues = r["errors"][0]["issues"].as_array().ok_or("no issues")?;
    assert!(issues.iter().any(|i| i["type"] == "spurious_claim"));
    assert!(issues
        .iter()
        .any(|i| i["type"] == "wrong_claimant" && i["gold"] == "Someone Else"));

    // Human output: a table with the overall row.
    let out = run(&["eval", "attribution", "--corpus", "corpus"], dir.path())?;
    assert!(out.status.success());
    let stdout = String::from_utf8(out.stdout)?;
    assert!(
        stdout.contains("overall") && stdout.contains("CLAIM F1"),
        "{stdout}"
    );

    // Nothing annotated in the test split: one clear line, non-zero.
    let out = run(
        &[
            "eval",
            "attribution",
            "--corpus",
            "corpus",
            "--split",
            "test",
        ],
        dir.path(),
    )?;
    assert!(!out.status.success());
    let stderr = String::from_utf8(out.stderr)?;
    assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
    assert!(stderr.contains("no annotated article"));

    // A span whose text changed is reported as stale, not scored.
    let stale = json!({"id": "fic-1", "split": "tune", "claims": [
        {"start": 0, "end": 10, "hash": "00000000", "speaker": null, "cue": "outlet"}]});
    std::fs::write(dir.path().join("stale.jsonl"), format!("{stale}\n"))?;
    let out = run(
        &[
            "eval",
            "attribution",
            "--corpus",
            "corpus/news.jsonl",
            "--gold",
            "stale.jsonl",
            "--json",
        ],
        dir.path(),
    )?;
    assert!(out.status.success());
    let r: Value = serde_json::from_slice(&out.stdout)?;
    assert_eq!(r["stale_claims"], 1);
    assert_eq!(r["overall"]["claims"]["gold"], 0);
    Ok(())
}

#[test]
fn bad_gold_and_missing_corpus_are_one_line_errors() -> TestResult {
    let dir = tempfile::tempdir()?;
    std::fs::write(
        dir.path().join("bad.jsonl"),
        "{\"id\": \"x\", \"split\": \"dev\", \"claims\": []}\n",
    )?;
    std::fs::write(
        dir.path().join("gold.jsonl"),
        "{\"id\": \"x\", \"split\": \"tune\", \"claims\": []}\n",
    )?;
    std::fs::write(
        dir.path().join("c.jsonl"),
        "{\"id\": \"x\", \"text\": \"Some text here.\"}\n",
    )?;
    for args in [
        vec![
            "eval",
            "attribution",
            "--corpus",
            "c.jsonl",
            "--gold",
            "bad.jsonl",
        ],
        vec![
            "eval",
            "attribution",
            "--corpus",
            "nowhere",
            "--gold",
            "gold.jsonl",
        ],
        vec![
            "eval",
            "attribution",
            "--corpus",
            "c.jsonl",
            "--gold",
            "missing.jsonl",
        ],
    ] {
        let out = run(&args, dir.path())?;
        assert!(!out.status.success(), "{args:?}");
        let stderr = String::from_utf8(out.stderr)?;
        assert_eq!(stderr.trim().lines().count(), 1, "{args:?}: {stderr}");
    }
    Ok(())
}
