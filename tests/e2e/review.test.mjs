// Import (sample + a file through the backend), see claims highlighted, review three claims with the keyboard,
// add evidence, undo once, restart on the same database and find everything still there.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, makeProfile, sleep, SHOTS } from './wd.mjs';

const ARTICLE = `City council approves new transit budget

The city council approved a transit budget of $48 million on Tuesday, officials said.

"We will add 120 buses by next spring," Mayor Ana Ruiz told reporters after the vote.

Council member Tom Berg said the plan would cut commute times by 15 percent.
`;

test('import, review with keys, evidence, undo, restart', { timeout: 180000 }, async () => {
  const profile = makeProfile('review');
  let app = await App.launch(profile);
  const figures = { window_to_interactive_ms: app.launchMs };
  const ids = [];
  try {
    await app.waitFor('[data-testid="first-run"]');
    await app.click('[data-testid="load-sample"]');
    await app.waitFor('[data-testid="reader-title"]');
    await app.waitUntil(async () => (await app.count('mark.claim')) >= 3, 'sample claims are highlighted');
    const marks = await app.count('mark.claim');
    assert.ok(marks >= 3, `expected highlighted claims, found ${marks}`);
    await app.screenshot('review-1-reader');

    // A file imported through the backend (the same command the file dialog and drag-and-drop use).
    const file = join(profile.dir, 'transit.txt');
    writeFileSync(file, ARTICLE);
    const summary = await app.invoke('import_files', { paths: [file] });
    assert.equal(summary.imported, 1, JSON.stringify(summary));

    // Reviewer name, as set in Settings.
    await app.click('[data-testid="nav-settings"]');
    await app.type('[data-testid="reviewer-input"]', 'E2E Reviewer');
    await app.click('[data-testid="reviewer-save"]');
    await sleep(300);

    await app.click('[data-testid="nav-library"]');
    await app.waitUntil(async () => (await app.count('[data-testid="article-row"]')) === 2, 'two articles listed');

    await app.click('[data-testid="nav-review"]');
    await app.waitFor('[data-testid="queue-current"]');
    const current = () => app.exec(`return document.querySelector('[data-testid="queue-current"]').dataset.claimId`);
    for (const key of ['v', 'd', 'f']) {
      const id = await current();
      ids.push(id);
      const t0 = Date.now();
      await app.keys(key);
      await app.waitUntil(async () => (await current()) !== id, `queue moves on after ${key}`);
      figures[`next_claim_after_${key}_ms`] = Date.now() - t0;
    }
    await app.waitUntil(
      async () => (await app.invoke('get_claim', { id: ids[2] })).claim.status === 'false',
      'third verdict stored',
    );

    // Evidence on the claim now shown, through the e key.
    const evidenceClaim = await current();
    await app.keys('e');
    await sleep(100);
    await app.keys(...'https://example.org/source', '\uE007');
    await app.waitUntil(
      async () => (await app.invoke('get_claim', { id: evidenceClaim })).evidence.length === 1,
      'evidence stored',
    );

    // Undo once: the last verdict (false) is taken back.
    await app.exec(`document.activeElement && document.activeElement.blur()`);
    await app.keys('z');
    await app.waitUntil(
      async () => (await app.invoke('get_claim', { id: ids[2] })).claim.status === 'unreviewed',
      'undo restores the previous status',
    );
    await app.screenshot('review-2-queue');
  } finally {
    await app.quit();
  }

  // Restart on the same database.
  app = await App.launch(profile);
  try {
    const [a, b, c] = await Promise.all(ids.map((id) => app.invoke('get_claim', { id })));
    assert.equal(a.claim.status, 'verified');
    assert.equal(b.claim.status, 'disputed');
    assert.equal(c.claim.status, 'unreviewed');
    assert.equal(a.reviews.at(-1).reviewer, 'E2E Reviewer');
    assert.equal(c.reviews.length, 2, 'verdict and its undo are both in the history');
    await app.waitUntil(async () => (await app.count('[data-testid="article-row"]')) === 2, 'library still lists both');
    const queue = await app.invoke('queue', { query: { status: null, any_status: true, outlet: null, claimant: null, date_from: null, date_to: null, limit: 500, offset: 0 } });
    const withEvidence = await Promise.all(queue.items.map((i) => app.invoke('get_claim', { id: i.claim.id })));
    assert.equal(withEvidence.filter((d) => d.evidence.some((e) => e.url === 'https://example.org/source')).length, 1);
    await app.screenshot('review-3-after-restart');
  } finally {
    await app.quit();
  }
  appendFileSync(join(SHOTS, 'figures.jsonl'), JSON.stringify({ test: 'review', ...figures }) + '\n');
  console.log('figures', figures);
});
