// Pure helpers for the Backups section of Settings.
import type { BackupFile } from '../../lib/bindings/BackupFile';

/** Choices for the schedule; `null` is off. */
export const SCHEDULES: { hours: number | null; label: string }[] = [
  { hours: null, label: 'Off' },
  { hours: 6, label: 'Every 6 hours' },
  { hours: 24, label: 'Daily' },
  { hours: 24 * 7, label: 'Weekly' },
];

/** The schedule choice for `hours` (a value set from the CLI that is not in the list is shown as is). */
export function scheduleLabel(hours: number | null): string {
  const known = SCHEDULES.find((s) => s.hours === hours);
  if (known) return known.label;
  return `Every ${hours} hours`;
}

const KIND_LABELS: Record<string, string> = {
  scheduled: 'Scheduled',
  pre_migration: 'Before an upgrade',
  pre_restore: 'Before a restore',
  manual: 'Manual',
};

export function kindLabel(kind: string): string {
  return KIND_LABELS[kind] ?? kind;
}

/** 1536 → "1.5 KB"; sizes for people, in powers of 1024. */
export function formatBytes(bytes: number): string {
  const units = ['bytes', 'KB', 'MB', 'GB'];
  let v = bytes;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return i === 0 ? `${v} bytes` : `${v.toFixed(v < 10 ? 1 : 0)} ${units[i]}`;
}

/** "2026-11-25 17:08" in the user's time zone, or "unknown time". */
export function formatTaken(b: Pick<BackupFile, 'taken_at'>): string {
  if (!b.taken_at) return 'unknown time';
  const d = new Date(b.taken_at);
  if (Number.isNaN(d.getTime())) return 'unknown time';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Default file name for "Back up now": claimtrail-backup-2026-11-25.db. */
export function defaultBackupName(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `claimtrail-backup-${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}.db`;
}
