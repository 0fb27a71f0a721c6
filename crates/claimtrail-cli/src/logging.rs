//! The CLI's logging: warnings to stderr (more with `-v` or `CLAIMTRAIL_LOG`), and `claimtrail-cli.log` in the
//! shared log folder (see `claimtrail_log`).

pub use claimtrail_log::FILE_ONLY;

/// Installs the stderr and file loggers.
pub fn init(verbose: bool) {
    claimtrail_log::init(claimtrail_log::LogConfig {
        file_name: "claimtrail-cli.log",
        stderr: if verbose { "debug" } else { "warn" },
        file: if verbose {
            "debug"
        } else {
            "warn,claimtrail=info,claimtrail_core=warn"
        },
    });
}
