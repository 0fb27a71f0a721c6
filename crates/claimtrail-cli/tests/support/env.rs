//! The real `claimtrail` binary on a fresh database file, shared by the CLI contract tests. Each test file adds
//! its own input helpers (`impl Env` blocks) and uses part of this, hence the allowance.
#![allow(dead_code)]

use std::path::PathBuf;

use assert_cmd::Command;
use serde_json::Value;

pub struct Env {
    pub dir: tempfile::TempDir,
}

impl Env {
    pub fn new() -> Result<Self, std::io::Error> {
        Ok(Self {
            dir: tempfile::tempdir()?,
        })
    }

    pub fn db(&self) -> PathBuf {
        self.dir.path().join("t.db")
    }

    pub fn cmd(&self) -> Result<Command, Box<dyn std::error::Error>> {
        let mut c = Command::cargo_bin("claimtrail")?;
        c.arg("--db")
            .arg(self.db())
            .env_remove("CLAIMTRAIL_DB")
            .env("CLAIMTRAIL_REVIEWER", "tester");
        Ok(c)
    }

    /// Runs a command that must exit with `code` and returns its stdout as JSON.
    pub fn json(&self, args: &[&str], code: i32) -> Result<Value, Box<dyn std::error::Error>> {
        let out = self.cmd()?.args(args).output()?;
        assert_eq!(
            out.status.code(),
            Some(code),
            "{args:?}: stderr: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        Ok(serde_json::from_slice(&out.stdout)?)
    }
}
