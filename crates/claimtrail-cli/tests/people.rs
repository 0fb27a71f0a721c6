//! `claimtrail people`, `people merge`, `people split` through the real binary on a real database: names given as
//! people write them, JSON as documented, and a clear error for a name no one has. All text is fictional.

#[path = "support/env.rs"]
mod env;
use env::Env;

type TestResult = Result<(), Box<dyn std::error::Error>>;

/// A database with one person under two names: "Elena Varga" in one article, "Varga" in another.
fn varga_in_two_articles() -> Result<Env, Box<dyn std::error::Error>> {
    let env = Env::new()?;
    let a = env.dir.path().join("teachers.txt");
    std::fs::write(
        &a,
        "Mayor Elena Varga said on Monday that the city will hire 300 new teachers by September.\n",
    )?;
    let b = env.dir.path().join("tunnel.txt");
    std::fs::write(
        &b,
        "Varga said the harbour tunnel would open in 2027, two years late.\n",
    )?;
    env.cmd()?
        .args(["import", "--no-link", "--no-score"])
        .arg(&a)
        .arg(&b)
        .assert()
        .success();
    Ok(env)
}

#[test]
fn people_merge_and_split_by_name() -> TestResult {
    let env = varga_in_two_articles()?;

    let people = env.json(&["people", "--json"], 0)?;
    let names: Vec<&str> = people
        .as_array()
        .ok_or("not an array")?
        .iter()
        .filter_map(|p| p["name"].as_str())
        .collect();
    assert!(
        names.contains(&"Elena Varga") && names.contains(&"Varga"),
        "{people}"
    );

    let merged = env.json(&["people", "merge", "elena varga", "Varga", "--json"], 0)?;
    assert_eq!(merged["name"], "Elena Varga");
    assert_eq!(merged["aliases"][0]["name"], "Varga");
    assert_eq!(merged["said"], 2, "{merged}");
    let found = env.json(&["people", "--query", "varg", "--json"], 0)?;
    assert_eq!(found.as_array().map(Vec::len), Some(1), "{found}");

    let out = env.cmd()?.args(["people", "split", "Varga"]).output()?;
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        "Split off: Elena Varga made 1 claim and is named in 1 claim."
    );

    let out = env
        .cmd()?
        .args(["people", "merge", "Elena Varga", "Nobody Here"])
        .output()?;
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("Nobody Here"), "{err}");
    Ok(())
}

#[test]
fn people_suggestions_and_dismiss() -> TestResult {
    let env = varga_in_two_articles()?;

    let found = env.json(&["people", "suggestions", "--json"], 0)?;
    let list = found.as_array().ok_or("not an array")?;
    assert_eq!(list.len(), 1, "{found}");
    assert_eq!(list[0]["merge"]["name"], "Varga");
    assert_eq!(list[0]["keep"]["name"], "Elena Varga");
    assert_eq!(list[0]["rule"], "surname");
    assert_eq!(list[0]["reason"], "same surname");
    assert_eq!(
        (
            list[0]["merge_claims"].as_u64(),
            list[0]["keep_claims"].as_u64()
        ),
        (Some(1), Some(1))
    );

    let out = env.cmd()?.args(["people", "suggestions"]).output()?;
    assert!(out.status.success());
    let table = String::from_utf8_lossy(&out.stdout);
    let row = table
        .lines()
        .find(|l| l.starts_with("Varga"))
        .ok_or(format!("no row: {table}"))?;
    assert!(
        row.contains("Elena Varga") && row.contains("same surname") && row.contains("1 + 1"),
        "{table}"
    );

    let out = env
        .cmd()?
        .args(["people", "dismiss", "Varga", "elena varga"])
        .output()?;
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        "Varga and Elena Varga are two people: not suggested as one again."
    );
    assert_eq!(
        env.json(&["people", "suggestions", "--json"], 0)?,
        serde_json::json!([])
    );
    let out = env.cmd()?.args(["people", "suggestions"]).output()?;
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("No suggestions"));

    let out = env
        .cmd()?
        .args(["people", "restore", "Elena Varga", "Varga"])
        .output()?;
    assert!(out.status.success());
    let back = env.json(&["people", "suggestions", "--json"], 0)?;
    assert_eq!(back.as_array().map(Vec::len), Some(1), "{back}");

    // Two names of one record are not two people.
    env.cmd()?
        .args(["people", "merge", "Elena Varga", "Varga"])
        .assert()
        .success();
    let out = env
        .cmd()?
        .args(["people", "dismiss", "Varga", "Elena Varga"])
        .output()?;
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("one person record"));
    Ok(())
}
