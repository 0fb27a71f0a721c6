//! The one error type commands return: `{ code, message }`, so the UI can branch on `code`.

use serde::Serialize;
use ts_rs::TS;

use claimtrail_store::StoreError;

/// An error as the UI receives it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, thiserror::Error)]
#[error("{code}: {message}")]
pub struct AppError {
    /// Machine-readable: the store's codes (`not_found`, `invalid_input`, ...) plus `offline`, `bad_url`,
    /// `fetch_failed`, `io`, `internal`.
    pub code: String,
    pub message: String,
}

/// Codes of errors that are not the user's doing: they are logged when made, and the UI shows them in a
/// dialog that names the log file (the UI keeps the same list in `ui/src/lib/errors.ts`).
pub const UNEXPECTED_CODES: [&str; 6] = [
    "database",
    "open_failed",
    "migration",
    "corrupt",
    "io",
    "internal",
];

impl AppError {
    pub fn new(code: &str, message: impl Into<String>) -> Self {
        let e = Self {
            code: code.to_string(),
            message: message.into(),
        };
        if e.is_unexpected() {
            tracing::error!(code = %e.code, message = %e.message, "command failed");
        }
        e
    }

    /// True for failures the user did not cause (see [`UNEXPECTED_CODES`]).
    pub fn is_unexpected(&self) -> bool {
        UNEXPECTED_CODES.contains(&self.code.as_str())
    }

    pub fn internal(message: impl Into<String>) -> Self {
        Self::new("internal", message)
    }

    pub fn invalid(message: impl Into<String>) -> Self {
        Self::new("invalid_input", message)
    }
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        Self::new(e.code(), e.to_string())
    }
}

impl From<tauri::Error> for AppError {
    fn from(e: tauri::Error) -> Self {
        Self::internal(e.to_string())
    }
}

pub type AppResult<T> = Result<T, AppError>;
