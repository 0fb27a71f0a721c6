//! `claimtrail backup` and `claimtrail restore` through the real binary.

use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

type TestResult = Result<(), Box<dyn std::error::Error>>;

fn cmd(db: &Path) -> Result<Command, Box<dyn std::error::Error>> {
    let mut c = Command::cargo_bin("claimtrail")?;
    c.arg("--db")
        .arg(db)
        .env_remove("CLAIMTRAIL_DB")
        .env("CLAIMTRAIL_LOG_DIR", db.with_extension("logs"))
        .env("CLAIMTRAIL_REVIEWER", "tester");
    Ok(c)
}

fn articles(db: &Path) -> Result<usize, Box<dyn std::error::Error>> {
    let out = cmd(db)?.args(["articles", "--json"]).output()?;
    let v: Value = serde_json::from_slice(&out.stdout)?;
    Ok(v.as_array().map_or(0, Vec::len))
}

#[test]
fn backup_then_restore_through_the_cli() -> TestResult {
    let dir = tempfile::tempdir()?;
    let db = dir.path().join("main.db");
    let one = dir.path().join("one.txt");
    std::fs::write(&one, "The Castrel council said on Monday that 14 new buses would run by May, a spokeswoman said.")?;
    let two = dir.path().join("two.txt");
    std::fs::write(&two, "Ferry fares between Castrel and Nordvik will rise by 8 percent in June, the operator said.")?;
    cmd(&db)?.arg("import").arg(&one).assert().success();

    let out = dir.path().join("copy.db");
    let b = cmd(&db)?.args(["backup", "--json"]).arg(&out).output()?;
    assert!(b.status.success(), "{}", String::from_utf8_lossy(&b.stderr));
    let info: Value = serde_json::from_slice(&b.stdout)?;
    assert!(info["bytes"].as_u64().unwrap_or(0) > 0);

    // A second backup to the same file is refused in one line, unless --force.
    let again = cmd(&db)?.arg("backup").arg(&out).output()?;
    assert_eq!(again.status.code(), Some(2));
    let err = String::from_utf8(again.stderr)?;
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(err.contains("--force"), "{err}");
    cmd(&db)?
        .args(["backup", "--force"])
        .arg(&out)
        .assert()
        .success();

    cmd(&db)?.arg("import").arg(&two).assert().success();
    assert_eq!(articles(&db)?, 2);
    let r = cmd(&db)?.args(["restore", "--json"]).arg(&out).output()?;
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    let info: Value = serde_json::from_slice(&r.stdout)?;
    assert_eq!(articles(&db)?, 1);
    let saved = info["previous_saved_to"]
        .as_str()
        .ok_or("previous_saved_to")?;
    assert!(Path::new(saved).starts_with(dir.path().join("backups")));

    // Not a database: refused, nothing changes.
    let junk = dir.path().join("junk.db");
    std::fs::write(&junk, "just text\n".repeat(100))?;
    let bad = cmd(&db)?.arg("restore").arg(&junk).output()?;
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8(bad.stderr)?.contains("not a claimtrail database"));
    assert_eq!(articles(&db)?, 1);

    // The schedule is kept in the database.
    cmd(&db)?
        .args(["backup", "--every", "12"])
        .assert()
        .success();
    let s = cmd(&db)?
        .args(["backup", "--every", "12", "--json"])
        .output()?;
    let v: Value = serde_json::from_slice(&s.stdout)?;
    assert_eq!(v["every_hours"], 12);
    let scheduled = std::fs::read_dir(dir.path().join("backups"))?
        .filter_map(|e| e.ok())
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with("claimtrail-scheduled-")
        })
        .count();
    assert_eq!(
        scheduled, 1,
        "the first run after setting a schedule takes a backup, later runs wait"
    );
    Ok(())
}
