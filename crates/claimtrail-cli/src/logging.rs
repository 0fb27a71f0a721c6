//! Logging: warnings to stderr (more with `-v` or `CLAIMTRAIL_LOG`), and a log file the user can find and
//! send with a bug report: `claimtrail-cli.log` in the platform state folder (`~/.local/state/claimtrail/logs/`
//! on Linux) or `$CLAIMTRAIL_LOG_DIR`. The file is size-bounded: past [`MAX_LOG_BYTES`] it is moved to
//! `claimtrail-cli.log.1` (replacing the older one) when the next run starts.

use std::fs::OpenOptions;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;
use tracing_subscriber::{EnvFilter, Layer};

/// Size at which the log file is rotated.
pub const MAX_LOG_BYTES: u64 = 5 * 1024 * 1024;
const FILE_NAME: &str = "claimtrail-cli.log";
/// What goes to the file unless `CLAIMTRAIL_LOG` says otherwise.
const FILE_FILTER: &str = "warn,claimtrail=info,claimtrail_core=warn";
/// Target of events meant for the log file only (the error a command ends with is already printed).
pub const FILE_ONLY: &str = "claimtrail_cli::file_only";

/// The folder the log file goes to.
pub fn log_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("CLAIMTRAIL_LOG_DIR").filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(dir));
    }
    dirs::state_dir()
        .or_else(dirs::data_local_dir)
        .map(|d| d.join("claimtrail").join("logs"))
}

/// Moves a full log aside and opens the log for appending. `None` when the folder cannot be written (then
/// only stderr gets logs: logging must never stop a command).
fn open_log(dir: &Path) -> Option<std::fs::File> {
    std::fs::create_dir_all(dir).ok()?;
    let path = dir.join(FILE_NAME);
    if std::fs::metadata(&path).is_ok_and(|m| m.len() > MAX_LOG_BYTES) {
        let _ = std::fs::rename(&path, dir.join(format!("{FILE_NAME}.1")));
    }
    OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)
        .ok()
}

/// Installs the stderr and file loggers.
pub fn init(verbose: bool) {
    let env = std::env::var("CLAIMTRAIL_LOG").ok();
    let stderr_base = env
        .as_deref()
        .filter(|f| EnvFilter::try_new(f).is_ok())
        .unwrap_or(if verbose { "debug" } else { "warn" });
    let stderr_filter = EnvFilter::try_new(format!("{stderr_base},{FILE_ONLY}=off"))
        .unwrap_or_else(|_| EnvFilter::new("warn"));
    let stderr = tracing_subscriber::fmt::layer()
        .with_writer(std::io::stderr)
        .without_time()
        .with_filter(stderr_filter);
    let file = log_dir().and_then(|d| open_log(&d)).map(|f| {
        let filter = env
            .as_deref()
            .and_then(|f| EnvFilter::try_new(f).ok())
            .unwrap_or_else(|| EnvFilter::new(if verbose { "debug" } else { FILE_FILTER }));
        tracing_subscriber::fmt::layer()
            .with_writer(Mutex::new(f))
            .with_ansi(false)
            .with_filter(filter)
    });
    let _ = tracing_subscriber::registry()
        .with(stderr)
        .with(file)
        .try_init();
}
