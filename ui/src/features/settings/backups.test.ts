import { describe, expect, it } from 'vitest';
import { defaultBackupName, formatBytes, formatTaken, kindLabel, scheduleLabel } from './backups';

describe('backup helpers', () => {
  it('labels schedules, including one set from the command line', () => {
    expect(scheduleLabel(null)).toBe('Off');
    expect(scheduleLabel(24)).toBe('Daily');
    expect(scheduleLabel(12)).toBe('Every 12 hours');
  });

  it('formats sizes and kinds for people', () => {
    expect(formatBytes(900)).toBe('900 bytes');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(250 * 1024 * 1024)).toBe('250 MB');
    expect(kindLabel('pre_migration')).toBe('Before an upgrade');
    expect(kindLabel('something_new')).toBe('something_new');
  });

  it('formats the time taken, and says so when unknown', () => {
    expect(formatTaken({ taken_at: null })).toBe('unknown time');
    expect(formatTaken({ taken_at: 'not a date' })).toBe('unknown time');
    expect(formatTaken({ taken_at: new Date(2026, 10, 25, 9, 5).toISOString() })).toBe('2026-11-25 09:05');
  });

  it('suggests a dated file name', () => {
    expect(defaultBackupName(new Date(2026, 0, 7))).toBe('claimtrail-backup-2026-01-07.db');
  });
});
