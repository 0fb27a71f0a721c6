//! The topics and timeline commands through the real binary on a real database file (fictional articles).

use std::path::PathBuf;

use serde_json::Value;

type TestResult = Result<(), Box<dyn std::error::Error>>;

#[path = "support/env.rs"]
mod env;
use env::Env;

impl Env {
    fn write(&self, name: &str, text: &str) -> Result<PathBuf, std::io::Error> {
        let p = self.dir.path().join(name);
        std::fs::write(&p, text)?;
        Ok(p)
    }

    fn import(&self, name: &str, date: &str, text: &str) -> TestResult {
        let p = self.write(name, text)?;
        let r = self.json(
            &[
                "import",
                "--json",
                "--date",
                date,
                "--outlet",
                "Harbor Ledger",
                p.to_str().ok_or("path")?,
            ],
            0,
        )?;
        assert_eq!(r["imported"].as_array().map(Vec::len), Some(1), "{r}");
        Ok(())
    }
}
const FIRST: &str = "Harbor fees to double, council says\n\n\
The city council said on Monday that harbor fees would double to $40 per vessel from March.\n\n\
“The harbor has lost $2 million a year since 2019,” Mayor Lena Ortiz told reporters.\n\n\
The council also approved 14 new bus routes, officials said.";

const SECOND: &str = "Fishermen protest harbor fees\n\n\
About 300 fishermen protested on Friday against the new harbor fees, police said.\n\n\
“The harbor lost $2 million a year since 2019,” Mayor Lena Ortiz said again on Friday.\n\n\
Union leader Sam Fenn said the fees would cost each boat $1,200 a year.";

fn keys(v: &Value) -> Vec<&str> {
    let mut k: Vec<&str> = v
        .as_object()
        .map(|o| o.keys().map(String::as_str).collect())
        .unwrap_or_default();
    k.sort_unstable();
    k
}

#[test]
fn topics_assignment_and_timeline_json_contract() -> TestResult {
    let env = Env::new()?;
    env.import("second.txt", "2024-02-09", SECOND)?;
    env.import("first.txt", "2024-02-05", FIRST)?;

    let created = env.json(
        &[
            "topic",
            "add",
            "Harbor fees",
            "--description",
            "Port charges",
            "--keyword",
            "harbor",
            "--entity",
            "Lena Ortiz",
            "--json",
        ],
        0,
    )?;
    assert_eq!(keys(&created), ["added", "removed", "topic"]);
    assert_eq!(
        keys(&created["topic"]),
        [
            "created_at",
            "description",
            "entities",
            "id",
            "keywords",
            "name",
            "updated_at"
        ]
    );
    assert_eq!(created["topic"]["keywords"], serde_json::json!(["harbor"]));
    assert_eq!(
        created["topic"]["entities"],
        serde_json::json!(["Lena Ortiz"])
    );
    let added = created["added"].as_u64().ok_or("added")?;
    assert!(added >= 4, "claims about the harbor joined: {created}");

    let topics = env.json(&["topics", "--json"], 0)?;
    let t = &topics[0];
    assert_eq!(
        keys(t),
        [
            "claims",
            "created_at",
            "description",
            "entities",
            "id",
            "keywords",
            "name",
            "updated_at",
            "verdicts"
        ]
    );
    assert_eq!(t["name"], "Harbor fees");
    assert_eq!(t["claims"].as_u64(), Some(added));
    assert_eq!(
        keys(&t["verdicts"]),
        [
            "disputed",
            "false",
            "misleading",
            "unverifiable",
            "verified"
        ]
    );

    let tl = env.json(&["timeline", "--topic", "harbor FEES", "--json"], 0)?;
    assert_eq!(
        keys(&tl),
        [
            "claimants",
            "claims",
            "from",
            "storylines",
            "to",
            "topic",
            "topic_id",
            "total"
        ]
    );
    let claims = tl["claims"].as_array().ok_or("claims")?;
    assert_eq!(claims.len() as u64, added);
    for c in claims {
        assert_eq!(
            keys(c),
            [
                "article_id",
                "article_title",
                "claim_id",
                "claimant",
                "date",
                "dated",
                "outlet",
                "source",
                "status",
                "storyline_id",
                "text"
            ]
        );
        assert!(c["storyline_id"].is_null());
    }
    let dates: Vec<&str> = claims.iter().filter_map(|c| c["date"].as_str()).collect();
    assert_eq!(dates.len(), claims.len());
    assert!(
        dates.windows(2).all(|w| w[0] <= w[1]),
        "time order: {dates:?}"
    );
    assert_eq!(dates[0], "2024-02-05");
    assert_eq!(tl["from"], "2024-02-05");
    assert_eq!(tl["to"], "2024-02-09");
    let ortiz = tl["claimants"]
        .as_array()
        .and_then(|g| {
            g.iter()
                .find(|g| g["label"] == "Mayor Lena Ortiz" || g["label"] == "Lena Ortiz")
        })
        .ok_or("a claimant lane for the mayor")?;
    assert_eq!(
        keys(ortiz),
        ["entries", "first", "key", "label", "last", "verdicts"]
    );

    // Out by hand, then back by hand.
    let first = claims[0]["claim_id"].as_str().ok_or("id")?.to_string();
    let out = env.json(&["topic", "unassign", "Harbor fees", &first, "--json"], 0)?;
    assert_eq!(out["was_member"], true);
    assert_eq!(out["excluded"], true);
    let tl = env.json(&["timeline", "--topic", "Harbor fees", "--json"], 0)?;
    assert_eq!(
        tl["claims"].as_array().map(Vec::len) as Option<usize>,
        Some(claims.len() - 1)
    );
    let back = env.json(&["topic", "assign", "Harbor fees", &first, "--json"], 0)?;
    assert_eq!(back["source"], "manual");
    assert_eq!(back["claim_id"], first.as_str());

    // Verdicts show in the listing and filter the timeline.
    let out = env
        .cmd()?
        .args(["review", &first, "--status", "false"])
        .output()?;
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let only_false = env.json(
        &[
            "timeline",
            "--topic",
            "Harbor fees",
            "--status",
            "false",
            "--json",
        ],
        0,
    )?;
    assert_eq!(only_false["claims"].as_array().map(Vec::len), Some(1));
    assert_eq!(only_false["claims"][0]["status"], "false");
    assert_eq!(only_false["claims"][0]["source"], "manual");
    assert_eq!(only_false["total"].as_u64(), Some(added));
    let dated = env.json(
        &[
            "timeline",
            "--topic",
            "Harbor fees",
            "--from",
            "2024-02-06",
            "--json",
        ],
        0,
    )?;
    assert!(dated["claims"]
        .as_array()
        .ok_or("claims")?
        .iter()
        .all(|c| c["date"] == "2024-02-09"));
    let topics = env.json(&["topics", "--json"], 0)?;
    assert_eq!(topics[0]["verdicts"]["false"].as_u64(), Some(1));

    // Suggestions: an array (its items have a fixed shape).
    let s = env.json(&["topic", "suggest", "--json"], 0)?;
    for item in s.as_array().ok_or("suggestions array")? {
        assert_eq!(
            keys(item),
            ["articles", "claims", "entities", "keywords", "linked", "name", "sample"]
        );
    }
    Ok(())
}

#[test]
fn human_output_and_errors() -> TestResult {
    let env = Env::new()?;
    env.import("first.txt", "2024-02-05", FIRST)?;
    let out = env
        .cmd()?
        .args(["topic", "add", "Harbor", "--keyword", "harbor"])
        .output()?;
    assert!(out.status.success());
    assert!(String::from_utf8(out.stdout)?.contains("Created topic “Harbor”"));
    let out = env
        .cmd()?
        .args(["timeline", "--topic", "Harbor"])
        .output()?;
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout)?;
    let header = text.lines().nth(1).ok_or("a header line")?;
    for col in ["DATE", "CLAIMANT", "STATUS", "STORYLINE", "CLAIM"] {
        assert!(header.contains(col), "{header}");
    }
    assert!(text.contains("2024-02-05"));
    let out = env.cmd()?.args(["topics"]).output()?;
    assert!(String::from_utf8(out.stdout)?.contains("Harbor"));

    for args in [
        vec!["timeline", "--topic", "Nope"],
        vec!["topic", "add", "harbor", "--keyword", "x"],
        vec!["topic", "assign", "Harbor", "ffffffff"],
        vec!["timeline", "--topic", "Harbor", "--from", "05/02/2024"],
    ] {
        let out = env.cmd()?.args(&args).output()?;
        assert!(!out.status.success(), "{args:?} should fail");
        let err = String::from_utf8(out.stderr)?;
        assert!(out.stdout.is_empty(), "{args:?}");
        assert!(!err.trim().is_empty(), "{args:?}");
    }
    let out = env.cmd()?.args(["timeline", "--topic", "Nope"]).output()?;
    let err = String::from_utf8(out.stderr)?;
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(err.contains("no topic"), "{err}");
    Ok(())
}
