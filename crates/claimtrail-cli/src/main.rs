//! `claimtrail`: the command-line face of claimtrail. It shares the core and store crates with the app and
//! writes the same database.

mod args;
mod bench;
mod commands;
mod logging;
mod output;

use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches};

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
    #[error(transparent)]
    Encoder(#[from] claimtrail_encoder::EncoderError),
    #[error("JSON output failed: {0}")]
    Json(#[from] serde_json::Error),
}

fn main() -> ExitCode {
    // A reader that stops early (`claimtrail articles | head`) ends the CLI quietly instead of a panic.
    sigpipe::reset();
    let matches = Cli::command().get_matches();
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(e) => e.exit(),
    };
    logging::init(cli.verbose);
    let subcommand = matches.subcommand_name().unwrap_or("");
    tracing::info!(
        version = env!("CARGO_PKG_VERSION"),
        subcommand,
        "claimtrail started"
    );
    match commands::run(cli) {
        Ok(code) => code,
        Err(e) => {
            tracing::error!(target: logging::FILE_ONLY, subcommand, error = %e, "command failed");
            eprintln!("claimtrail: error: {e}");
            ExitCode::from(2)
        }
    }
}
