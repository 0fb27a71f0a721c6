//! The CLI writes a log file the user can find, keeps it size-bounded, and still prints errors as one line.

use assert_cmd::Command;

type TestResult = Result<(), Box<dyn std::error::Error>>;

#[test]
fn failures_are_logged_to_the_file_and_stderr_stays_one_line() -> TestResult {
    let dir = tempfile::tempdir()?;
    let logs = dir.path().join("logs");
    let out = Command::cargo_bin("claimtrail")?
        .arg("--db")
        .arg(dir.path().join("t.db"))
        .args(["article", "deadbeef"])
        .env_remove("CLAIMTRAIL_DB")
        .env_remove("CLAIMTRAIL_LOG")
        .env("CLAIMTRAIL_LOG_DIR", &logs)
        .output()?;
    assert!(!out.status.success());
    let err = String::from_utf8(out.stderr)?;
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    let log = std::fs::read_to_string(logs.join("claimtrail-cli.log"))?;
    assert!(log.contains("claimtrail started"), "{log}");
    assert!(log.contains("no article with id `deadbeef`"), "{log}");
    assert!(!log.contains('\u{1b}'), "no terminal colours in the file");
    Ok(())
}

#[test]
fn a_full_log_is_moved_aside() -> TestResult {
    let dir = tempfile::tempdir()?;
    let logs = dir.path().join("logs");
    std::fs::create_dir_all(&logs)?;
    std::fs::write(logs.join("claimtrail-cli.log"), vec![b'x'; 6 * 1024 * 1024])?;
    Command::cargo_bin("claimtrail")?
        .arg("--db")
        .arg(dir.path().join("t.db"))
        .args(["articles", "--json"])
        .env_remove("CLAIMTRAIL_DB")
        .env_remove("CLAIMTRAIL_LOG")
        .env("CLAIMTRAIL_LOG_DIR", &logs)
        .assert()
        .success();
    assert_eq!(
        std::fs::metadata(logs.join("claimtrail-cli.log.1"))?.len(),
        6 * 1024 * 1024
    );
    assert!(std::fs::metadata(logs.join("claimtrail-cli.log"))?.len() < 4096);
    Ok(())
}
