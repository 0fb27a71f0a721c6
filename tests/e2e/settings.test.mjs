// Settings → Backups: a schedule takes a backup at once, the list shows it, and restoring it from the list
// brings the database back to that state. The app writes its own log file, and Settings names it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, makeProfile, sleep } from './wd.mjs';

const LATER = `Port strike ends

Dock workers in Velmar voted 312 to 40 on Friday to accept a 6 percent raise, the union said.
`;

test('backups: schedule, list and restore from Settings; the log file is named', { timeout: 180000 }, async () => {
  const profile = makeProfile('settings');
  const app = await App.launch(profile);
  try {
    const sample = await app.invoke('load_sample', {});
    assert.equal(sample.imported, 1, JSON.stringify(sample));

    await app.click('[data-testid="nav-settings"]');
    await app.waitFor('[data-testid="backups-empty"]');
    await app.exec(
      `const s = document.querySelector('[data-testid="backup-schedule"]');
       s.value = '24'; s.dispatchEvent(new Event('change', { bubbles: true }));`,
    );
    await app.waitFor('[data-testid="backups-recent"]');
    const rows = await app.count('[data-testid="backups-recent"] tbody tr');
    assert.equal(rows, 1, 'turning the schedule on takes the first backup at once');
    assert.match(await app.text('[data-testid="backups-recent"]'), /Scheduled/);

    // Something lands after the backup; restoring the backup takes it away again.
    const later = await app.invoke('import_text', { text: LATER, title: null });
    assert.equal(later.imported, 1, JSON.stringify(later));
    assert.equal((await app.invoke('list_articles', {})).length, 2);
    await app.click('[data-testid="backups-recent"] tbody tr button');
    await app.waitFor('[data-testid="restore-confirm"]');
    await app.screenshot('settings-restore-confirm');
    await app.click('[data-testid="restore-confirm-yes"]');
    await app.waitUntil(
      async () => (await app.count('[data-testid="restore-confirm"]')) === 0,
      'the confirmation closes after the restore',
    );
    assert.equal((await app.invoke('list_articles', {})).length, 1, 'the database is as it was at the backup');
    await app.waitUntil(
      async () => /Before a restore/.test(await app.text('[data-testid="backups-recent"]')),
      'the copy taken before the restore is listed',
    );
    const schedule = await app.exec(`return document.querySelector('[data-testid="backup-schedule"]').value`);
    assert.equal(schedule, '24');
    await sleep(300);
    await app.screenshot('settings-backups');

    // The app's own log file exists, records the start, and Settings shows where it is.
    const log = join(profile.logs, 'claimtrail-app.log');
    assert.ok(existsSync(log), `${log} exists`);
    assert.match(readFileSync(log, 'utf8'), /claimtrail started/);
    assert.ok((await app.text('.settings')).includes(log), 'Settings names the log file');
  } finally {
    await app.quit();
  }
});
