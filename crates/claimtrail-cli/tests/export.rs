//! The CLI contract of `export`, `rating-scale` and `factchecks`, through the real binary on real database files:
//! the ClaimReview export of the sample article imported into a fresh database brings back the same verdicts.

use std::path::{Path, PathBuf};

use serde_json::Value;

type TestResult = Result<(), Box<dyn std::error::Error>>;

#[path = "support/env.rs"]
mod env;
use env::Env;

const SAMPLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../claimtrail-core/samples/trump-putin-apec-2017.txt"
);

impl Env {
    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Imports the sample article with its metadata and rates claims; returns (claim id, status) of the rated.
    fn rated_sample(&self) -> Result<Vec<(Value, &'static str)>, Box<dyn std::error::Error>> {
        self.json(
            &[
                "import",
                "--json",
                "--title",
                "Trump and Putin agree on a Syria statement",
                "--outlet",
                "CNN",
                "--date",
                "2017-11-11",
                "--url",
                "https://cnn.example/2017/11/11/apec",
                SAMPLE,
            ],
            0,
        )?;
        let claims = self.json(&["claims", "--json"], 0)?;
        let claims = claims.as_array().ok_or("claims")?;
        let statuses = [
            "false",
            "misleading",
            "disputed",
            "verified",
            "unverifiable",
        ];
        let picked: Vec<(Value, &'static str)> = claims
            .iter()
            .step_by(3)
            .zip(statuses)
            .map(|(c, s)| (c.clone(), s))
            .collect();
        assert_eq!(picked.len(), statuses.len());
        for (c, status) in &picked {
            let id = c["id"].as_str().ok_or("id")?;
            self.json(&["review", id, "--status", status, "--json"], 0)?;
        }
        Ok(picked)
    }

    fn fails(&self, args: &[&str]) -> Result<String, Box<dyn std::error::Error>> {
        let out = self.cmd()?.args(args).output()?;
        assert_eq!(out.status.code(), Some(2), "{args:?} should fail");
        Ok(String::from_utf8_lossy(&out.stderr).into_owned())
    }
}

fn s(p: &Path) -> Result<&str, Box<dyn std::error::Error>> {
    Ok(p.to_str().ok_or("path")?)
}

#[test]
fn claimreview_export_round_trips_through_factchecks_import() -> TestResult {
    let env = Env::new()?;
    let rated = env.rated_sample()?;
    let out = env.path("reviews.json");

    // Without a publisher the export is refused and writes nothing.
    let err = env.fails(&["export", "--format", "claimreview", s(&out)?])?;
    assert!(err.contains("publisher"), "{err}");
    assert!(!out.exists());

    let settings = env.json(
        &[
            "rating-scale",
            "--publisher",
            "Example Checks",
            "--publisher-url",
            "https://checks.example",
            "--review-url",
            "https://checks.example/claims/",
            "--json",
        ],
        0,
    )?;
    assert_eq!(settings["publisher"]["name"], "Example Checks");
    assert_eq!(settings["scale"]["best_rating"], 5);

    let report = env.json(
        &["export", "--format", "claimreview", "--json", s(&out)?],
        0,
    )?;
    assert_eq!(report["claims"], rated.len());
    assert_eq!(report["format"], "claimreview");
    let reviews: Value = serde_json::from_slice(&std::fs::read(&out)?)?;
    assert_eq!(reviews.as_array().map(Vec::len), Some(rated.len()));
    for r in reviews.as_array().ok_or("array")? {
        assert_eq!(r["@type"], "ClaimReview");
        assert_eq!(
            r["itemReviewed"]["appearance"][0]["url"],
            "https://cnn.example/2017/11/11/apec"
        );
    }

    // A second export to the same file needs --force.
    let err = env.fails(&["export", "--format", "claimreview", s(&out)?])?;
    assert!(err.contains("--force"), "{err}");
    env.json(
        &[
            "export",
            "--format",
            "claimreview",
            "--force",
            "--json",
            s(&out)?,
        ],
        0,
    )?;

    // A fresh database.
    let fresh = Env::new()?;
    let import = fresh.json(&["factchecks", "import", "--json", s(&out)?], 0)?;
    assert_eq!(import["added"], rated.len());
    let fcs = fresh.json(&["factchecks", "--json"], 0)?;
    let fcs = fcs.as_array().ok_or("fact-checks")?;
    assert_eq!(fcs.len(), rated.len());
    for (c, status) in &rated {
        let url = format!(
            "https://checks.example/claims/{}",
            c["id"].as_str().ok_or("id")?
        );
        let fc = fcs
            .iter()
            .find(|f| f["url"] == url.as_str())
            .ok_or_else(|| format!("no fact-check at {url}"))?;
        assert_eq!(fc["claim"], c["text"]);
        let claimant = if c["speaker"].is_null() {
            Value::from("CNN")
        } else {
            c["speaker"].clone()
        };
        assert_eq!(fc["claimant"], claimant);
        assert_eq!(fc["date"], "2017-11-11");
        assert_eq!(fc["verdict"], *status, "{}", c["text"]);
    }
    Ok(())
}

#[test]
fn csv_and_json_exports_with_filters() -> TestResult {
    let env = Env::new()?;
    let rated = env.rated_sample()?;
    let all = env.json(&["claims", "--json"], 0)?;
    let total = all.as_array().map(Vec::len).ok_or("claims")?;

    let csv = env.path("claims.csv");
    let report = env.json(
        &[
            "export",
            "--format",
            "csv",
            "--reviewed",
            "--json",
            s(&csv)?,
        ],
        0,
    )?;
    assert_eq!(report["claims"], rated.len());
    let text = std::fs::read_to_string(&csv)?;
    assert!(text.starts_with("claim_id,claim,claimant,kind,status,"));

    let json = env.path("claims.json");
    let report = env.json(
        &[
            "export",
            "--format",
            "json",
            "--since",
            "2017-11-11",
            "--until",
            "2017-11-11",
            "--json",
            s(&json)?,
        ],
        0,
    )?;
    assert_eq!(report["claims"], total);
    let doc: Value = serde_json::from_slice(&std::fs::read(&json)?)?;
    assert_eq!(doc["format"], "claimtrail-export");
    assert_eq!(doc["filter"]["since"], "2017-11-11");
    assert_eq!(doc["claims"].as_array().map(Vec::len), Some(total));

    let none = env.path("none.json");
    let report = env.json(
        &[
            "export",
            "--format",
            "json",
            "--since",
            "2018-01-01",
            "--json",
            s(&none)?,
        ],
        0,
    )?;
    assert_eq!(report["claims"], 0);

    let err = env.fails(&[
        "export",
        "--format",
        "json",
        "--topic",
        "Nope",
        s(&env.path("t.json"))?,
    ])?;
    assert!(err.contains("topic"), "{err}");
    let err = env.fails(&["export", "--format", "xml", s(&env.path("x.xml"))?])?;
    assert!(err.contains("xml"), "{err}");
    Ok(())
}

#[test]
fn rating_scale_set_from_a_file_is_validated() -> TestResult {
    let env = Env::new()?;
    let mut scale = env.json(&["rating-scale", "--json"], 0)?;
    assert_eq!(scale["scale"]["ratings"].as_array().map(Vec::len), Some(5));

    scale["scale"]["ratings"][1]["value"] = Value::from(1);
    let bad = env.path("bad.json");
    std::fs::write(&bad, serde_json::to_string(&scale)?)?;
    let err = env.fails(&["rating-scale", "--set", s(&bad)?])?;
    assert!(err.contains("same rating value 1"), "{err}");

    let broken = env.path("broken.json");
    std::fs::write(&broken, "{\"scale\": 5}")?;
    let err = env.fails(&["rating-scale", "--set", s(&broken)?])?;
    assert!(err.contains("not a rating scale"), "{err}");

    scale["scale"]["ratings"][1]["value"] = Value::from(2);
    scale["scale"]["ratings"][4]["value"] = Value::from(4);
    scale["publisher"]["name"] = Value::from("Example Checks");
    let good = env.path("good.json");
    std::fs::write(&good, serde_json::to_string(&scale)?)?;
    let saved = env.json(&["rating-scale", "--set", s(&good)?, "--json"], 0)?;
    assert_eq!(saved["scale"]["ratings"][4]["value"], 4);
    assert_eq!(env.json(&["rating-scale", "--json"], 0)?, saved);
    let reset = env.json(&["rating-scale", "--reset", "--json"], 0)?;
    assert!(reset["publisher"]["name"].is_null());
    assert!(reset["scale"]["ratings"][4]["value"].is_null());
    Ok(())
}
