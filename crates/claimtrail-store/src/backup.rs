//! Backups and restore through SQLite's online backup API: safe while the app or another CLI writes the
//! same database (the copy is one consistent snapshot), and never a half-written file at the destination
//! (the copy is written next to it and renamed into place).
//!
//! Automatic backups go to a `backups/` folder next to the database: before each migration that changes an
//! existing database, before a restore, and on the schedule kept in the database's `meta` table
//! ([`Store::set_backup_schedule`], [`Store::backup_if_due`]). The newest [`KEEP`] of each kind are kept.

use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{DateTime, Utc};
use rusqlite::backup::{Backup, StepResult};
use rusqlite::{params, Connection, OpenFlags, OptionalExtension};
use serde::Serialize;

use crate::db;
use crate::error::{io_err, Result, StoreError};
use crate::time;
use crate::Store;

/// Automatic backups kept per kind (pre-migration, pre-restore, scheduled).
pub const KEEP: usize = 5;

/// How long a backup or restore waits for a busy database before giving up.
const BUSY_PATIENCE: Duration = Duration::from_secs(30);
const BUSY_PAUSE: Duration = Duration::from_millis(50);

const META_INTERVAL: &str = "backup.interval_hours";
const META_LAST: &str = "backup.last_at";

/// A backup that was written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BackupInfo {
    pub path: PathBuf,
    pub bytes: u64,
    pub schema_version: usize,
}

/// What a restore did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RestoreInfo {
    /// The file the data came from.
    pub from: PathBuf,
    /// Schema version of that file (the database is migrated to the current one afterwards).
    pub from_schema_version: usize,
    /// Where the database as it was before the restore was saved.
    pub previous_saved_to: PathBuf,
}

/// Why an automatic backup is taken; names the files in `backups/`.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Kind {
    PreMigration { from: usize },
    PreRestore,
    Scheduled,
}

impl Kind {
    fn prefix(self) -> String {
        match self {
            Kind::PreMigration { from } => format!("claimtrail-pre-migration-v{from}-"),
            Kind::PreRestore => "claimtrail-pre-restore-".to_string(),
            Kind::Scheduled => "claimtrail-scheduled-".to_string(),
        }
    }

    /// Prefix shared by every file of this kind (all source versions for migrations).
    fn family(self) -> &'static str {
        match self {
            Kind::PreMigration { .. } => "claimtrail-pre-migration-",
            Kind::PreRestore => "claimtrail-pre-restore-",
            Kind::Scheduled => "claimtrail-scheduled-",
        }
    }
}

/// The folder automatic backups of the database at `db_path` go to.
pub fn backups_dir(db_path: &Path) -> PathBuf {
    db_path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .join("backups")
}

/// Copies the database open on `src` to `dest` as one consistent snapshot, in rollback-journal mode (one
/// self-contained file). The copy is written to `dest.partial` and renamed into place, so `dest` is never a
/// half-written file. Refuses an existing `dest` unless `overwrite`.
pub(crate) fn copy_database(src: &Connection, dest: &Path, overwrite: bool) -> Result<BackupInfo> {
    if !overwrite && dest.exists() {
        return Err(StoreError::BackupExists {
            path: dest.display().to_string(),
        });
    }
    if let Some(parent) = dest.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(io_err("cannot create folder", parent))?;
    }
    let mut partial = dest.as_os_str().to_owned();
    partial.push(".partial");
    let partial = PathBuf::from(partial);
    remove_if_exists(&partial)?;
    let schema_version = match write_snapshot(src, &partial) {
        Ok(v) => v,
        Err(e) => {
            let _ = std::fs::remove_file(&partial);
            return Err(e);
        }
    };
    std::fs::rename(&partial, dest).map_err(io_err("cannot move backup into place at", dest))?;
    sync_dir(dest);
    let bytes = std::fs::metadata(dest)
        .map_err(io_err("cannot read", dest))?
        .len();
    tracing::info!(path = %dest.display(), bytes, "database backed up");
    Ok(BackupInfo {
        path: dest.to_path_buf(),
        bytes,
        schema_version,
    })
}

/// Writes the snapshot to a fresh file and flushes it to disk; returns its schema version.
fn write_snapshot(src: &Connection, path: &Path) -> Result<usize> {
    let mut dst = db::open_unmigrated(path, false)?;
    {
        let backup = Backup::new(src, &mut dst)?;
        run(&backup)?;
    }
    dst.pragma_update(None, "journal_mode", "DELETE")?;
    let version = db::schema_version(&dst)?;
    drop(dst);
    std::fs::File::open(path)
        .and_then(|f| f.sync_all())
        .map_err(io_err("cannot flush", path))?;
    Ok(version)
}

/// Copies every page in one step (one read snapshot: a writer elsewhere never restarts the copy), waiting
/// while the destination is busy or locked.
fn run(backup: &Backup<'_, '_>) -> Result<()> {
    let started = std::time::Instant::now();
    loop {
        match backup.step(-1)? {
            StepResult::Done => return Ok(()),
            StepResult::More => {}
            StepResult::Busy | StepResult::Locked => {
                if started.elapsed() > BUSY_PATIENCE {
                    return Err(StoreError::Sqlite(rusqlite::Error::SqliteFailure(
                        rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_BUSY),
                        Some("the database stayed busy during the backup".into()),
                    )));
                }
                std::thread::sleep(BUSY_PAUSE);
            }
            _ => std::thread::sleep(BUSY_PAUSE),
        }
    }
}

/// Whether two paths name the same existing file.
pub(crate) fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

fn remove_if_exists(path: &Path) -> Result<()> {
    match std::fs::remove_file(path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(io_err("cannot remove", path)(e)),
    }
}

/// Flushes a rename to disk (best effort: not every filesystem lets a folder be opened).
pub(crate) fn sync_dir(file: &Path) {
    if let Some(dir) = file.parent().filter(|p| !p.as_os_str().is_empty()) {
        if let Ok(d) = std::fs::File::open(dir) {
            let _ = d.sync_all();
        }
    }
}

/// Takes an automatic backup into `backups/` next to the database and prunes old ones of the same kind.
pub(crate) fn automatic(conn: &Connection, db_path: &Path, kind: Kind) -> Result<BackupInfo> {
    let dir = backups_dir(db_path);
    let stamp = time::now().format("%Y%m%dT%H%M%S%.3fZ");
    let mut dest = dir.join(format!("{}{stamp}.db", kind.prefix()));
    for n in 1..100 {
        if !dest.exists() {
            break;
        }
        dest = dir.join(format!("{}{stamp}{n:02}.db", kind.prefix()));
    }
    let info = copy_database(conn, &dest, false)?;
    prune(&dir, kind.family(), KEEP);
    Ok(info)
}

/// Automatic backup files in `dir` whose name starts with `prefix`, newest first (the timestamp follows the
/// prefix, and the version, which only grows).
fn automatic_files(dir: &Path, prefix: &str) -> Vec<(String, PathBuf)> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut names: Vec<(String, PathBuf)> = entries
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            (name.starts_with(prefix) && name.ends_with(".db")).then(|| (name, e.path()))
        })
        .collect();
    names.sort_by(|a, b| stamp_of(&b.0).cmp(stamp_of(&a.0)));
    names
}

/// Keeps the newest `keep` files whose name starts with `prefix`.
fn prune(dir: &Path, prefix: &str, keep: usize) {
    for (_, path) in automatic_files(dir, prefix).into_iter().skip(keep) {
        if let Err(e) = std::fs::remove_file(&path) {
            tracing::warn!(path = %path.display(), error = %e, "cannot remove an old backup");
        }
    }
}

/// The timestamp part of an automatic backup's file name (`...-20261125T170823.123Z.db`).
fn stamp_of(name: &str) -> &str {
    name.rsplit('-').next().unwrap_or(name)
}

/// When an automatic backup was taken, from its file name.
fn taken_at(name: &str) -> Option<DateTime<Utc>> {
    let stamp = stamp_of(name).get(..19)?;
    chrono::NaiveDateTime::parse_from_str(stamp, "%Y%m%dT%H%M%S%.3f")
        .ok()
        .map(|t| t.and_utc())
}

/// An automatic backup in the `backups/` folder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AutomaticBackup {
    pub path: PathBuf,
    /// `scheduled`, `pre_migration` or `pre_restore`.
    pub kind: &'static str,
    pub taken_at: Option<DateTime<Utc>>,
    pub bytes: u64,
}

/// Checks that `path` is an intact claimtrail database this build can open, and returns its schema version.
fn validate(path: &Path) -> Result<usize> {
    let not_ours = |reason: String| StoreError::NotClaimtrail {
        path: path.display().to_string(),
        reason,
    };
    if !path.is_file() {
        return Err(not_ours("no such file".into()));
    }
    let conn = db::open_unmigrated(path, true)?;
    let check: String = conn
        .query_row("PRAGMA quick_check", [], |r| r.get(0))
        .map_err(|e| not_ours(e.to_string()))?;
    if check != "ok" {
        return Err(not_ours(format!("integrity check failed: {check}")));
    }
    let version = db::schema_version(&conn)?;
    if version == 0 {
        return Err(not_ours("it has no claimtrail schema".into()));
    }
    if version > db::latest_version() {
        return Err(StoreError::NewerSchema {
            found: version,
            supported: db::latest_version(),
        });
    }
    let tables: i64 = conn.query_row(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table'
         AND name IN ('meta', 'article', 'claim', 'review', 'history')",
        [],
        |r| r.get(0),
    )?;
    if tables != 5 {
        return Err(not_ours("its tables are not claimtrail's".into()));
    }
    Ok(version)
}

impl Store {
    /// Writes a consistent copy of the database to `out` (safe while other processes write). Refuses an
    /// existing file unless `overwrite`.
    pub fn backup_to(&self, out: &Path, overwrite: bool) -> Result<BackupInfo> {
        if same_file(out, &self.path) {
            return Err(StoreError::Invalid(format!(
                "{} is the database itself; choose another file for the backup",
                out.display()
            )));
        }
        copy_database(&self.conn, out, overwrite)
    }

    /// Replaces the database's content with the claimtrail database at `input`, after checking it and
    /// saving the current content to `backups/`. The replacement is one transaction: other connections see
    /// the old data or the new, never a mix. An older `input` is migrated to the current schema; a newer one
    /// is refused before anything changes.
    pub fn restore_from(&mut self, input: &Path) -> Result<RestoreInfo> {
        if same_file(input, &self.path) {
            return Err(StoreError::Invalid(format!(
                "{} is the database itself, not a backup of it",
                input.display()
            )));
        }
        let from_schema_version = validate(input)?;
        let saved = automatic(&self.conn, &self.path, Kind::PreRestore)?;
        let src = db::open_unmigrated(input, true)?;
        {
            let backup = Backup::new(&src, &mut self.conn)?;
            run(&backup)?;
        }
        drop(src);
        db::migrate(&mut self.conn)?;
        self.conn.pragma_update(None, "journal_mode", "WAL")?;
        self.actor.installation_id = crate::history::installation_id(&self.conn)?;
        tracing::info!(from = %input.display(), saved = %saved.path.display(), "database restored");
        Ok(RestoreInfo {
            from: input.to_path_buf(),
            from_schema_version,
            previous_saved_to: saved.path,
        })
    }

    /// The folder automatic backups of this database go to.
    pub fn backups_dir(&self) -> PathBuf {
        backups_dir(&self.path)
    }

    /// The automatic backups kept in [`Store::backups_dir`], newest first.
    pub fn automatic_backups(&self) -> Vec<AutomaticBackup> {
        let dir = self.backups_dir();
        let kinds = [
            (Kind::Scheduled, "scheduled"),
            (Kind::PreMigration { from: 0 }, "pre_migration"),
            (Kind::PreRestore, "pre_restore"),
        ];
        let mut all: Vec<AutomaticBackup> = kinds
            .iter()
            .flat_map(|&(kind, label)| {
                automatic_files(&dir, kind.family())
                    .into_iter()
                    .map(move |(name, path)| AutomaticBackup {
                        bytes: std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0),
                        taken_at: taken_at(&name),
                        kind: label,
                        path,
                    })
            })
            .collect();
        all.sort_by_key(|b| std::cmp::Reverse(b.taken_at));
        all
    }

    /// Hours between scheduled backups, if the user set a schedule.
    pub fn backup_schedule(&self) -> Result<Option<u32>> {
        Ok(meta(&self.conn, META_INTERVAL)?.and_then(|v| v.parse().ok().filter(|&h| h > 0)))
    }

    /// Sets (or with `None` or 0, turns off) the hours between scheduled backups.
    pub fn set_backup_schedule(&self, hours: Option<u32>) -> Result<()> {
        match hours.filter(|&h| h > 0) {
            Some(h) => self.conn.execute(
                "INSERT INTO meta (key, value) VALUES (?1, ?2)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                params![META_INTERVAL, h.to_string()],
            )?,
            None => self
                .conn
                .execute("DELETE FROM meta WHERE key = ?1", params![META_INTERVAL])?,
        };
        Ok(())
    }

    /// When the last scheduled backup was taken.
    pub fn last_scheduled_backup(&self) -> Result<Option<DateTime<Utc>>> {
        meta(&self.conn, META_LAST)?
            .map(|s| time::parse(&s))
            .transpose()
    }

    /// Takes a scheduled backup into `backups/` when a schedule is set and its interval has passed since
    /// the last one. Call it when the app starts and then periodically (say hourly); cheap when not due.
    pub fn backup_if_due(&self) -> Result<Option<BackupInfo>> {
        self.backup_if_due_at(time::now())
    }

    /// [`Store::backup_if_due`] as if the time were `now`.
    pub fn backup_if_due_at(&self, now: DateTime<Utc>) -> Result<Option<BackupInfo>> {
        let Some(hours) = self.backup_schedule()? else {
            return Ok(None);
        };
        if let Some(last) = self.last_scheduled_backup()? {
            if now.signed_duration_since(last) < chrono::Duration::hours(i64::from(hours)) {
                return Ok(None);
            }
        }
        let info = automatic(&self.conn, &self.path, Kind::Scheduled)?;
        self.conn.execute(
            "INSERT INTO meta (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            params![META_LAST, time::fmt(now)],
        )?;
        Ok(Some(info))
    }
}

fn meta(conn: &Connection, key: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row("SELECT value FROM meta WHERE key = ?1", params![key], |r| {
            r.get(0)
        })
        .optional()?)
}

/// Opening flags for [`db::open_unmigrated`].
pub(crate) fn flags(read_only: bool) -> OpenFlags {
    let base = OpenFlags::SQLITE_OPEN_NO_MUTEX;
    if read_only {
        base | OpenFlags::SQLITE_OPEN_READ_ONLY
    } else {
        base | OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE
    }
}
