//! Logging for the claimtrail binaries: events go to stderr and to a log file the user can find and send with a
//! bug report, `<name>.log` in the platform state folder (`~/.local/state/claimtrail/logs/` on Linux) or
//! `$CLAIMTRAIL_LOG_DIR`. The file is size-bounded: past [`MAX_LOG_BYTES`] it is moved to `<name>.log.1`
//! (replacing the older one) when the next run starts. `CLAIMTRAIL_LOG` (an `EnvFilter` string) overrides both
//! filters. Logging never stops the program: when the folder cannot be written only stderr gets logs.

use std::fs::OpenOptions;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;
use tracing_subscriber::{EnvFilter, Layer};

/// Size at which a log file is rotated.
pub const MAX_LOG_BYTES: u64 = 5 * 1024 * 1024;
/// Target of events meant for the log file only (for example an error the program already showed the user).
pub const FILE_ONLY: &str = "claimtrail::file_only";

/// How one program logs.
#[derive(Debug, Clone, Copy)]
pub struct LogConfig<'a> {
    /// File name inside [`log_dir`], e.g. `claimtrail-cli.log`.
    pub file_name: &'a str,
    /// Filter for stderr unless `CLAIMTRAIL_LOG` is set, e.g. `warn`.
    pub stderr: &'a str,
    /// Filter for the file unless `CLAIMTRAIL_LOG` is set.
    pub file: &'a str,
}

/// The folder log files go to.
pub fn log_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("CLAIMTRAIL_LOG_DIR").filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(dir));
    }
    dirs::state_dir()
        .or_else(dirs::data_local_dir)
        .map(|d| d.join("claimtrail").join("logs"))
}

/// Moves a full log aside and opens the log for appending.
fn open_log(dir: &Path, file_name: &str) -> Option<(PathBuf, std::fs::File)> {
    std::fs::create_dir_all(dir).ok()?;
    let path = dir.join(file_name);
    if std::fs::metadata(&path).is_ok_and(|m| m.len() > MAX_LOG_BYTES) {
        let _ = std::fs::rename(&path, dir.join(format!("{file_name}.1")));
    }
    let file = OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)
        .ok()?;
    Some((path, file))
}

/// Installs the stderr and file loggers (once per process; later calls only report the file). Returns the
/// log file's path when it could be opened.
pub fn init(config: LogConfig<'_>) -> Option<PathBuf> {
    let env = std::env::var("CLAIMTRAIL_LOG")
        .ok()
        .filter(|f| EnvFilter::try_new(f).is_ok());
    let stderr_base = env.as_deref().unwrap_or(config.stderr);
    let stderr_filter = EnvFilter::try_new(format!("{stderr_base},{FILE_ONLY}=off"))
        .unwrap_or_else(|_| EnvFilter::new("warn"));
    let stderr = tracing_subscriber::fmt::layer()
        .with_writer(std::io::stderr)
        .without_time()
        .with_filter(stderr_filter);
    let opened = log_dir().and_then(|d| open_log(&d, config.file_name));
    let path = opened.as_ref().map(|(p, _)| p.clone());
    let file = opened.map(|(_, f)| {
        let filter = EnvFilter::try_new(env.as_deref().unwrap_or(config.file))
            .unwrap_or_else(|_| EnvFilter::new("warn"));
        tracing_subscriber::fmt::layer()
            .with_writer(Mutex::new(f))
            .with_ansi(false)
            .with_filter(filter)
    });
    let _ = tracing_subscriber::registry()
        .with(stderr)
        .with(file)
        .try_init();
    path
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_log_is_moved_aside_and_a_fresh_one_started() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        std::fs::write(
            dir.path().join("x.log"),
            vec![b'x'; MAX_LOG_BYTES as usize + 1],
        )?;
        let (path, _file) = open_log(dir.path(), "x.log").ok_or(std::io::ErrorKind::Other)?;
        assert_eq!(path, dir.path().join("x.log"));
        assert_eq!(std::fs::metadata(&path)?.len(), 0);
        assert_eq!(
            std::fs::metadata(dir.path().join("x.log.1"))?.len(),
            MAX_LOG_BYTES + 1
        );
        Ok(())
    }

    #[test]
    fn a_small_log_is_appended_to() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        std::fs::write(dir.path().join("x.log"), b"earlier\n")?;
        let (path, _file) = open_log(dir.path(), "x.log").ok_or(std::io::ErrorKind::Other)?;
        assert_eq!(std::fs::read(&path)?, b"earlier\n");
        assert!(!dir.path().join("x.log.1").exists());
        Ok(())
    }
}
