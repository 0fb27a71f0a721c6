//! The `claimtrail score` contract through the real binary: `id<TAB>score` per input line, in input order,
//! header skipped, scores in 0..1 from the encoder and the same as the claims hold once the score queue ran (on
//! import, or by `claimtrail scores run` after `import --no-score`, when they held the import-time linear
//! model's), together with each claim's and fact-check's sentence embedding; malformed input fails with the line
//! number and prints nothing.

use assert_cmd::Command;

type TestResult = Result<(), Box<dyn std::error::Error>>;

fn claimtrail(dir: &tempfile::TempDir) -> Result<Command, Box<dyn std::error::Error>> {
    let mut c = Command::cargo_bin("claimtrail")?;
    c.arg("--db")
        .arg(dir.path().join("t.db"))
        .env_remove("CLAIMTRAIL_DB");
    Ok(c)
}

/// Fictional sentences written for this test.
const ROWS: &[(&str, &str)] = &[
    (
        "z9",
        "The harbour authority said 1,200 containers were stranded on Tuesday.",
    ),
    (
        "a1",
        "Thank you all for coming, it is lovely to see so many friends.",
    ),
    (
        "m5",
        "Flood defences in Valmora cost 340 million euros, twice the first estimate.",
    ),
    ("b2", "What do we want?"),
];

fn parse(stdout: &[u8]) -> Vec<(String, f64)> {
    String::from_utf8_lossy(stdout)
        .lines()
        .map(|l| {
            let (id, s) = l.split_once('\t').expect("id<TAB>score");
            (id.to_string(), s.parse().expect("a number"))
        })
        .collect()
}

#[test]
fn prints_one_score_per_line_in_input_order_with_a_header() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut tsv = String::from("id\ttext\tlabel\n");
    for (id, text) in ROWS {
        tsv.push_str(&format!("{id}\t{text}\tNo\n"));
    }
    let path = dir.path().join("in.tsv");
    std::fs::write(&path, &tsv)?;
    let out = claimtrail(&dir)?.arg("score").arg(&path).output()?;
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let scores = parse(&out.stdout);
    let ids: Vec<&str> = scores.iter().map(|(id, _)| id.as_str()).collect();
    assert_eq!(ids, ["z9", "a1", "m5", "b2"]);
    assert!(scores.iter().all(|(_, s)| (0.0..=1.0).contains(s)));
    // Figures and events are check-worthy, pleasantries and questions are not, on either side of 0.5.
    let lowest_claim = scores[0].1.min(scores[2].1);
    let highest_chatter = scores[1].1.max(scores[3].1);
    assert!(lowest_claim >= 0.5 && highest_chatter < 0.5, "{scores:?}");

    // Without the header, and from standard input, the same scores.
    let body: String = tsv.lines().skip(1).map(|l| format!("{l}\n")).collect();
    let out = claimtrail(&dir)?
        .arg("score")
        .arg("-")
        .write_stdin(body)
        .output()?;
    assert!(out.status.success());
    assert_eq!(parse(&out.stdout), scores);
    Ok(())
}

#[test]
fn a_malformed_line_is_named_and_nothing_is_printed() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("bad.tsv");
    std::fs::write(
        &path,
        "id\ttext\n1\tA fine sentence about taxes.\n2 has no tab\n",
    )?;
    let out = claimtrail(&dir)?.arg("score").arg(&path).output()?;
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("bad.tsv:3:") && err.contains("no tab"),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "{err}");
    Ok(())
}

#[test]
fn scores_match_the_claims_stored_on_import() -> TestResult {
    let dir = tempfile::tempdir()?;
    let seed = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../claimtrail-core/samples/trump-putin-apec-2017.txt");
    let out = claimtrail(&dir)?.arg("import").arg(&seed).output()?;
    assert!(out.status.success());
    let out = claimtrail(&dir)?.args(["claims", "--json"]).output()?;
    let claims: serde_json::Value = serde_json::from_slice(&out.stdout)?;
    let claims = claims.as_array().ok_or("claims is not an array")?;
    assert!(!claims.is_empty());
    let tsv: String = claims
        .iter()
        .enumerate()
        .map(|(i, c)| {
            format!(
                "{i}\t{}\n",
                c["text"]
                    .as_str()
                    .unwrap_or_default()
                    .replace(['\t', '\n'], " ")
            )
        })
        .collect();
    let out = claimtrail(&dir)?
        .args(["score", "-"])
        .write_stdin(tsv)
        .output()?;
    assert!(out.status.success());
    let scores = parse(&out.stdout);
    assert_eq!(scores.len(), claims.len());
    for ((_, s), c) in scores.iter().zip(claims) {
        let stored = c["checkworthiness"].as_f64().ok_or("no score")?;
        assert!(
            (s - stored).abs() < SAME_SCORE,
            "{}: score {s}, stored {stored}",
            c["text"]
        );
    }
    Ok(())
}

/// Scores printed by `score` and stored by the queue come from batches of different texts, whose padding
/// changes the float sums by about 1e-6; at 4 decimals that can flip the last digit.
const SAME_SCORE: f64 = 1.5e-4;

fn json_of(out: &std::process::Output) -> Result<serde_json::Value, Box<dyn std::error::Error>> {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    Ok(serde_json::from_slice(&out.stdout)?)
}

#[test]
fn import_no_score_keeps_the_linear_scores_until_scores_run() -> TestResult {
    let dir = tempfile::tempdir()?;
    let seed = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../claimtrail-core/samples/trump-putin-apec-2017.txt");
    let out = claimtrail(&dir)?
        .args(["import", "--no-link", "--no-score"])
        .arg(&seed)
        .output()?;
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("wait for the check-worthiness encoder: run `claimtrail scores run`"),
        "{text}"
    );
    let claims = json_of(&claimtrail(&dir)?.args(["claims", "--json"]).output()?)?;
    let claims = claims.as_array().ok_or("claims is not an array")?.clone();
    let pending = json_of(
        &claimtrail(&dir)?
            .args(["scores", "pending", "--json"])
            .output()?,
    )?;
    assert_eq!(pending["pending"], claims.len());
    // Until the queue runs, claims hold the import-time linear model's scores.
    let linear = claimtrail_core::checkworthy::Scorer::shipped()?;
    for c in &claims {
        let t = c["text"].as_str().ok_or("no text")?;
        let stored = c["checkworthiness"].as_f64().ok_or("no score")?;
        assert!((linear.score(t) - stored).abs() < 1e-9, "{t}: {stored}");
    }

    // Fact-checks imported meanwhile wait for their embeddings too.
    let checks = dir.path().join("checks.tsv");
    std::fs::write(
        &checks,
        "vclaim_id\tdate\tspeaker\tverdict\tvclaim\ttitle\n\
         vc-1\t2017-11-01\tA senator\tfalse\tThe two leaders never met at the summit.\tSummit\n\
         vc-2\t2017-11-02\tA minister\ttrue\tBus fares in Valmora doubled in two years.\tFares\n",
    )?;
    let imported = claimtrail(&dir)?
        .args(["factchecks", "import"])
        .arg(&checks)
        .output()?;
    assert!(imported.status.success(), "{imported:?}");

    let run = json_of(
        &claimtrail(&dir)?
            .args(["scores", "run", "--json"])
            .output()?,
    )?;
    let store = claimtrail_store::Store::open(dir.path().join("t.db"))?;
    assert_eq!(store.count_claim_embeddings()?, claims.len());
    assert_eq!(store.count_fact_check_embeddings()?, 2);
    drop(store);
    assert_eq!(run["claims"], claims.len(), "{run}");
    assert_eq!(run["scored"], claims.len(), "{run}");
    assert_eq!(run["pending"], 0, "{run}");
    let again = claimtrail(&dir)?.args(["scores", "run"]).output()?;
    assert_eq!(
        String::from_utf8_lossy(&again.stdout).trim(),
        "Scores: refined the check-worthiness of 0 claims."
    );
    let pending = claimtrail(&dir)?.args(["scores", "pending"]).output()?;
    assert_eq!(
        String::from_utf8_lossy(&pending.stdout).trim(),
        "No claims wait for the check-worthiness encoder."
    );

    let after = json_of(&claimtrail(&dir)?.args(["claims", "--json"]).output()?)?;
    let after = after.as_array().ok_or("claims is not an array")?;
    let tsv: String = after
        .iter()
        .enumerate()
        .map(|(i, c)| format!("{i}\t{}\n", c["text"].as_str().unwrap_or_default()))
        .collect();
    let out = claimtrail(&dir)?
        .args(["score", "-"])
        .write_stdin(tsv)
        .output()?;
    assert!(out.status.success());
    let mut changed = 0;
    for ((_, s), c) in parse(&out.stdout).iter().zip(after) {
        let t = c["text"].as_str().ok_or("no text")?;
        let stored = c["checkworthiness"].as_f64().ok_or("no score")?;
        assert!(
            (s - stored).abs() < SAME_SCORE,
            "{t}: score {s}, stored {stored}"
        );
        changed += usize::from((linear.score(t) - stored).abs() > 1e-3);
    }
    assert!(changed > 0, "the encoder's scores replaced the linear ones");
    Ok(())
}
