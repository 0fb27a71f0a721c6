//! `claimtrail people`, `people merge`, `people split` through the real binary on a real database: names given as
//! people write them, JSON as documented, and a clear error for a name no one has. All text is fictional.

#[path = "support/env.rs"]
mod env;
use env::Env;

type TestResult = Result<(), Box<dyn std::error::Error>>;

#[test]
fn people_merge_and_split_by_name() -> TestResult {
    let env = Env::new()?;
    let dir = &env.dir;
    let a = dir.path().join("teachers.txt");
    std::fs::write(
        &a,
        "Mayor Elena Varga said on Monday that the city will hire 300 new teachers by September.\n",
    )?;
    let b = dir.path().join("tunnel.txt");
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
