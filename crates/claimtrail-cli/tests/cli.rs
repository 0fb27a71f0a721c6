//! The CLI contract, exercised through the real binary on a real database file.

use std::path::{Path, PathBuf};

use serde_json::Value;

type TestResult = Result<(), Box<dyn std::error::Error>>;

fn seed() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../claimtrail-core/samples/trump-putin-apec-2017.txt")
}

#[path = "support/env.rs"]
mod env;
use env::Env;

impl Env {
    fn write(&self, name: &str, bytes: &[u8]) -> Result<PathBuf, std::io::Error> {
        let p = self.dir.path().join("in").join(name);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(&p, bytes)?;
        Ok(p)
    }
}
fn chars(s: &str, start: u64, end: u64) -> String {
    s.chars()
        .skip(start as usize)
        .take((end - start) as usize)
        .collect()
}

#[test]
fn import_then_duplicate_then_read_back() -> TestResult {
    let env = Env::new()?;
    let seed = seed();
    let seed = seed.to_str().ok_or("path")?;
    let r = env.json(
        &[
            "import",
            "--json",
            "--outlet",
            "CNN",
            "--date",
            "2017-11-11",
            seed,
        ],
        0,
    )?;
    assert_eq!(r["imported"].as_array().map(Vec::len), Some(1));
    assert_eq!(r["imported"][0]["path"], seed);
    let article_id = r["imported"][0]["article_id"]
        .as_str()
        .ok_or("id")?
        .to_string();
    let n_claims = r["imported"][0]["claims"].as_u64().ok_or("claims")?;
    assert!(
        n_claims >= 10,
        "the seed yields a real set of claims, got {n_claims}"
    );

    let again = env.json(&["import", "--json", seed], 0)?;
    assert_eq!(again["imported"].as_array().map(Vec::len), Some(0));
    assert_eq!(again["duplicates"][0]["article_id"], article_id.as_str());

    let articles = env.json(&["articles", "--json"], 0)?;
    assert_eq!(articles[0]["id"], article_id.as_str());
    assert_eq!(articles[0]["outlet"], "CNN");
    assert_eq!(articles[0]["date"], "2017-11-11");
    assert_eq!(articles[0]["claims"].as_u64(), Some(n_claims));

    let article = env.json(&["article", &article_id[..8], "--json"], 0)?;
    let text = article["text"].as_str().ok_or("text")?;
    let claims = env.json(&["claims", "--article", &article_id, "--json"], 0)?;
    let claims = claims.as_array().ok_or("claims array")?;
    assert_eq!(claims.len() as u64, n_claims);
    for c in claims {
        for key in [
            "id",
            "article_id",
            "text",
            "start",
            "end",
            "claimant",
            "kind",
            "checkworthiness",
            "status",
            "entities",
        ] {
            assert!(c.get(key).is_some(), "claim lacks `{key}`: {c}");
        }
        let (s, e) = (
            c["start"].as_u64().ok_or("start")?,
            c["end"].as_u64().ok_or("end")?,
        );
        assert_eq!(chars(text, s, e), c["text"].as_str().ok_or("claim text")?);
    }
    let channels = claims
        .iter()
        .find(|c| {
            c["text"]
                .as_str()
                .is_some_and(|t| t.contains("agreed to maintain open military channels"))
        })
        .ok_or("the military-channels claim is extracted")?;
    assert_eq!(channels["speaker"], "the joint statement");
    Ok(())
}

#[test]
fn review_search_and_history() -> TestResult {
    let env = Env::new()?;
    env.json(&["import", "--json", seed().to_str().ok_or("path")?], 0)?;
    let hits = env.json(&["search", "military channels", "--json"], 0)?;
    let hit = hits
        .as_array()
        .and_then(|h| h.iter().find(|h| h["kind"] == "claim"))
        .ok_or("a claim hit")?;
    let claim_id = hit["id"].as_str().ok_or("id")?.to_string();
    let out = env
        .cmd()?
        .args([
            "review",
            &claim_id,
            "--status",
            "verified",
            "--note",
            "Matches the joint statement",
        ])
        .args(["--evidence", "https://www.whitehouse.gov/joint-statement"])
        .output()?;
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let verified = env.json(&["claims", "--status", "verified", "--json"], 0)?;
    assert_eq!(verified.as_array().map(Vec::len), Some(1));
    assert_eq!(verified[0]["id"], claim_id.as_str());
    let history = env.json(&["history", &claim_id, "--json"], 0)?;
    let ops: Vec<&str> = history
        .as_array()
        .ok_or("history")?
        .iter()
        .filter_map(|h| h["op"].as_str())
        .collect();
    assert_eq!(ops, ["insert", "update"]);
    assert_eq!(history[1]["actor"], "tester");
    Ok(())
}

#[test]
fn bad_inputs_are_reported_and_the_rest_lands() -> TestResult {
    let env = Env::new()?;
    let good = "Officials said on Tuesday that the bridge will reopen in May after repairs costing $3 million.\n\n\
                “We expect traffic to return to normal,” the transport minister, Ana Costa, told reporters.";
    env.write("good.txt", good.as_bytes())?;
    env.write("nested/good.md", b"# Port strike ends\n\nDock workers voted 312 to 40 on Friday to accept a 6 percent raise, the union said.")?;
    env.write("binary.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01")?;
    env.write(
        "latin1.txt",
        b"Le caf\xe9 est ferm\xe9 depuis lundi, selon la mairie.",
    )?;
    env.write("empty.txt", b"")?;
    env.write("big.txt", &vec![b'a'; 2 * 1024 * 1024 + 10])?;
    env.write("broken.json", b"{\"title\": \"x\", \"text\": ")?;
    env.write(
        "nobody.html",
        b"<html><head><title>t</title></head><body><nav></nav></body></html>",
    )?;
    env.write(
        "batch.jsonl",
        b"{\"title\":\"One\",\"text\":\"The city council approved 45 new bus lanes on Monday, the mayor said.\",\"date\":\"2020-01-02\",\"source\":\"Metro\"}\n\
          not json at all\n\
          {\"title\":\"Three\",\"text\":\"Unemployment fell to 4.1 percent in March, the statistics office reported.\",\"url\":\"https://example.org/3\"}\n",
    )?;
    let folder = env.dir.path().join("in");
    let r = env.json(
        &[
            "import",
            "--json",
            "--max-mib",
            "2",
            folder.to_str().ok_or("path")?,
        ],
        1,
    )?;
    let imported: Vec<&str> = r["imported"]
        .as_array()
        .ok_or("imported")?
        .iter()
        .filter_map(|i| i["path"].as_str())
        .collect();
    assert_eq!(imported.len(), 4, "{r:#}");
    assert!(imported.iter().any(|p| p.ends_with("batch.jsonl:1")));
    assert!(imported.iter().any(|p| p.ends_with("batch.jsonl:3")));
    assert!(imported.iter().any(|p| p.ends_with("nested/good.md")));
    let failed: Vec<(String, String)> = r["failed"]
        .as_array()
        .ok_or("failed")?
        .iter()
        .map(|f| {
            (
                f["path"].as_str().unwrap_or("").to_string(),
                f["error"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    let reason = |name: &str| {
        failed
            .iter()
            .find(|(p, _)| p.ends_with(name))
            .map(|(_, e)| e.clone())
            .unwrap_or_else(|| format!("{name} was not reported"))
    };
    assert!(reason("binary.txt").contains("binary"), "{failed:?}");
    assert!(reason("latin1.txt").contains("not UTF-8"), "{failed:?}");
    assert!(reason("empty.txt").contains("empty"), "{failed:?}");
    assert!(reason("big.txt").contains("limit"), "{failed:?}");
    assert!(reason("broken.json").contains("invalid JSON"), "{failed:?}");
    assert!(reason("nobody.html").contains("text"), "{failed:?}");
    assert!(
        reason("batch.jsonl:2").contains("invalid JSON at line 2"),
        "{failed:?}"
    );
    assert_eq!(failed.len(), 7, "{failed:?}");

    let articles = env.json(&["articles", "--json"], 0)?;
    assert_eq!(articles.as_array().map(Vec::len), Some(4));
    let metro = articles
        .as_array()
        .and_then(|a| a.iter().find(|a| a["title"] == "One"))
        .ok_or("One")?;
    assert_eq!(metro["outlet"], "Metro");
    assert_eq!(metro["date"], "2020-01-02");
    Ok(())
}

#[test]
fn extract_needs_no_database_and_spans_slice_the_text() -> TestResult {
    let env = Env::new()?;
    let out = env
        .cmd()?
        .args(["extract", "--json"])
        .arg(seed())
        .output()?;
    assert!(out.status.success());
    let v: Value = serde_json::from_slice(&out.stdout)?;
    let text = v["article"]["text"].as_str().ok_or("text")?;
    assert!(v["article"]["title"].is_string());
    let claims = v["claims"].as_array().ok_or("claims")?;
    assert!(!claims.is_empty());
    for c in claims {
        let (s, e) = (
            c["start"].as_u64().ok_or("start")?,
            c["end"].as_u64().ok_or("end")?,
        );
        assert_eq!(chars(text, s, e), c["text"].as_str().ok_or("claim text")?);
        assert!(!c["text"]
            .as_str()
            .unwrap_or("")
            .contains("Story highlights"));
    }
    assert!(!env.db().exists(), "extract must not create a database");
    Ok(())
}

/// `claimtrail ... | head` stops reading early: the CLI ends quietly, without a panic on stderr.
#[test]
fn a_reader_that_stops_early_ends_the_cli_quietly() -> TestResult {
    use std::io::Read;
    use std::process::Stdio;
    let env = Env::new()?;
    // Far more output than a pipe holds, so the CLI is still writing when the reader goes.
    let text = std::fs::read_to_string(seed())?.repeat(40);
    let path = env.write("long.txt", text.as_bytes())?;
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("claimtrail"))
        .args(["extract", "--json"])
        .arg(&path)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()?;
    let mut first = [0u8; 16];
    child
        .stdout
        .take()
        .ok_or("stdout")?
        .read_exact(&mut first)?;
    // The read end is dropped here, as `head` closes it.
    let mut err = String::new();
    child
        .stderr
        .take()
        .ok_or("stderr")?
        .read_to_string(&mut err)?;
    let status = child.wait()?;
    assert!(!err.contains("panicked"), "{err}");
    assert_ne!(status.code(), Some(101), "a panic exits with 101");
    Ok(())
}

#[test]
fn errors_are_one_clear_line_and_non_zero() -> TestResult {
    let env = Env::new()?;
    let out = env.cmd()?.args(["article", "deadbeef"]).output()?;
    assert!(!out.status.success());
    let err = String::from_utf8(out.stderr)?;
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(err.contains("no article with id `deadbeef`"), "{err}");

    let out = env
        .cmd()?
        .args(["review", "deadbeef", "--status", "bogus"])
        .output()?;
    assert!(!out.status.success());
    assert!(
        String::from_utf8(out.stderr)?.contains("verified"),
        "lists the valid statuses"
    );
    Ok(())
}
