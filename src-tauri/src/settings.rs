//! User settings, kept as a small JSON file in the app's config directory.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{AppError, AppResult};

/// Colour scheme of the window.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Theme {
    #[default]
    Light,
    Dark,
}

/// What the user set in Settings.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct Settings {
    /// Recorded with every verdict, evidence item and edit.
    pub reviewer: Option<String>,
    /// Database chosen in Settings; `None` uses the default (`$CLAIMTRAIL_DB` or the shared CLI database).
    pub database: Option<String>,
    pub theme: Theme,
    /// Let "import from URL" reach addresses on this computer or the local network (off by default).
    pub allow_local_urls: bool,
}

pub const FILE_NAME: &str = "settings.json";

/// Reads the settings; a missing file gives the defaults, a damaged one is logged and replaced by them.
pub fn load(config_dir: &Path) -> Settings {
    let path = config_dir.join(FILE_NAME);
    match std::fs::read_to_string(&path) {
        Ok(text) => serde_json::from_str(&text).unwrap_or_else(|e| {
            tracing::warn!(path = %path.display(), error = %e, "settings file is damaged; using defaults");
            Settings::default()
        }),
        Err(_) => Settings::default(),
    }
}

/// Writes the settings atomically (temp file + rename).
pub fn save(config_dir: &Path, settings: &Settings) -> AppResult<()> {
    std::fs::create_dir_all(config_dir)
        .map_err(|e| AppError::new("io", format!("cannot create {}: {e}", config_dir.display())))?;
    let json =
        serde_json::to_string_pretty(settings).map_err(|e| AppError::internal(e.to_string()))?;
    let tmp = config_dir.join(format!("{FILE_NAME}.tmp"));
    std::fs::write(&tmp, json)
        .map_err(|e| AppError::new("io", format!("cannot write settings: {e}")))?;
    std::fs::rename(&tmp, config_dir.join(FILE_NAME))
        .map_err(|e| AppError::new("io", format!("cannot save settings: {e}")))
}

/// The database to open: `$CLAIMTRAIL_DB` when set (tests and scripts), else the one chosen in Settings, else
/// the default shared with the CLI.
pub fn database_path(settings: &Settings) -> PathBuf {
    let from_env = std::env::var_os("CLAIMTRAIL_DB").filter(|p| !p.is_empty());
    match (from_env, &settings.database) {
        (None, Some(chosen)) if !chosen.trim().is_empty() => PathBuf::from(chosen),
        _ => claimtrail_store::default_db_path(),
    }
}
