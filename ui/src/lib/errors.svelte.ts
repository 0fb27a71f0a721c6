// Errors the user did not cause (a damaged database, a full disk, a bug) are shown in a dialog that names the
// log file, so the user can send it with a report. Everything else (a bad URL, an id not found) stays a notice.
import type { AppError } from './bindings/AppError';

/** Same list as `UNEXPECTED_CODES` in src-tauri/src/error.rs. */
export const UNEXPECTED_CODES = ['database', 'open_failed', 'migration', 'corrupt', 'io', 'internal'] as const;

export function isUnexpected(err: Pick<AppError, 'code'> | null | undefined): boolean {
  return !!err && (UNEXPECTED_CODES as readonly string[]).includes(err.code);
}

export const errorDialog = $state({
  /** The error on show, if any. */
  current: null as AppError | null,
  /** The app's log file (from app_info); null until known or when it could not be opened. */
  logFile: null as string | null,
});

export function showErrorDialog(err: AppError) {
  errorDialog.current = err;
}

export function closeErrorDialog() {
  errorDialog.current = null;
}
