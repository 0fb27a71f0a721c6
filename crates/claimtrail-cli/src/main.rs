//! `claimtrail`: the command-line face of claimtrail. It shares the core and store crates with the app and
//! writes the same database.

mod args;
mod bench;
mod commands;
mod output;

use std::process::ExitCode;

use clap::Parser;

use args::Cli;

/// Errors the CLI reports on one line before exiting non-zero.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    #[error(transparent)]
    Store(#[from] claimtrail_store::StoreError),
    #[error("{0}")]
    Usage(String),
    #[error("{0}")]
    Io(#[from] std::io::Error),
    #[error("JSON output failed: {0}")]
    Json(#[from] serde_json::Error),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("CLAIMTRAIL_LOG").unwrap_or_else(|_| {
                tracing_subscriber::EnvFilter::new(if cli.verbose { "debug" } else { "warn" })
            }),
        )
        .without_time()
        .init();
    match commands::run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("claimtrail: error: {e}");
            ExitCode::from(2)
        }
    }
}
