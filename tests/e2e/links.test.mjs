// Two articles weeks apart repeat a claim: the later import suggests a link and raises an alert because the earlier
// claim was rated false; the reviewer confirms the link, sees the verdict carried over and applies it from the
// review queue with one key.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, makeProfile, sleep } from './wd.mjs';

const FIRST = {
  title: 'Harbour bridge to reopen in May, mayor says',
  date: '2021-03-01',
  source: 'Coast Wire',
  text: `PORT ELLIS — Mayor Lena Ortiz said on Monday that the harbour bridge will reopen in May after repairs costing $3 million.

The bridge has been closed since a storm damaged its supports in January, and ferry traffic has doubled since then.

"We are on schedule and on budget," Ortiz told reporters at city hall.`,
};

const SECOND = {
  title: 'Council questions bridge timetable',
  date: '2021-04-10',
  source: 'Harbour Gazette',
  text: `PORT ELLIS — The harbour bridge will reopen in May once $3 million of repairs are finished, Mayor Lena Ortiz told the council on Tuesday.

Council member Ravi Mehta said the ferry company had not been consulted about the closure.`,
};

async function importOne(app, dir, name, article) {
  const file = join(dir, `${name}.jsonl`);
  writeFileSync(file, JSON.stringify(article) + '\n');
  const summary = await app.invoke('import_files', { paths: [file] });
  assert.equal(summary.imported, 1, JSON.stringify(summary));
  return summary.items[0].article_id;
}

async function claimWith(app, articleId, words) {
  const view = await app.invoke('get_article', { id: articleId });
  const claim = view.claims.find((c) => c.text.includes(words));
  assert.ok(claim, `a claim with "${words}" in ${JSON.stringify(view.claims.map((c) => c.text))}`);
  return claim;
}

test('a repeated claim is suggested, confirmed, and carries its verdict over', { timeout: 240000 }, async () => {
  const profile = makeProfile('links');
  const app = await App.launch(profile);
  try {
    const first = await importOne(app, profile.dir, 'first', FIRST);
    const earlier = await claimWith(app, first, 'harbour bridge will reopen');
    await app.invoke('review_claim', { input: { claim_id: earlier.id, status: 'false', note: 'Repairs run to August.' } });

    const second = await importOne(app, profile.dir, 'second', SECOND);
    const later = await claimWith(app, second, 'harbour bridge will reopen');

    // The alert: a repeat of a claim rated false.
    await app.click('[data-testid="nav-alerts"]');
    await app.waitFor('[data-testid="alert-item"]');
    assert.equal(await app.count('[data-testid="alert-item"]'), 1);
    assert.equal(await app.text('[data-testid="alerts-badge"]'), '1');
    const alertText = await app.text('[data-testid="alert-item"]');
    assert.match(alertText, /Rated False/);
    assert.match(alertText, /Tuesday/);
    await app.screenshot('links-1-alerts');

    // The suggestion in the claim panel of the later claim; confirm it.
    await app.exec(
      `[...document.querySelectorAll('[data-testid="alert-item"] button.link')].find(b => b.textContent === 'Open').click()`,
    );
    await app.waitFor('[data-testid="claim-panel"]');
    await app.waitFor('[data-testid="link-item"][data-state="suggested"]');
    assert.match(await app.text('[data-testid="link-item"]'), /repeats/i);
    await app.click('[data-testid="link-confirm"]');
    await app.waitFor('[data-testid="link-item"][data-state="confirmed"]');
    await app.waitFor('[data-testid="carried-verdicts"]');
    assert.match(await app.text('[data-testid="carried-verdicts"]'), /Rated False on \d{4}-\d{2}-\d{2}/);
    await sleep(300);
    await app.screenshot('links-2-confirmed');

    // The review queue offers the carried-over verdict: key a applies it.
    await app.click('[data-testid="nav-review"]');
    await app.waitFor('[data-testid="queue-current"]');
    for (let i = 0; i < 10; i++) {
      const current = await app.exec(`return document.querySelector('[data-testid="queue-current"]').dataset.claimId`);
      if (current === later.id) break;
      await app.keys('j');
      await sleep(150);
    }
    const current = await app.exec(`return document.querySelector('[data-testid="queue-current"]').dataset.claimId`);
    assert.equal(current, later.id, 'the repeat is in the queue');
    await app.waitFor('[data-testid="carried-verdicts"]');
    await app.keys('a');
    await app.waitUntil(
      async () => (await app.invoke('get_claim', { id: later.id })).claim.status === 'false',
      'the carried-over verdict applied',
    );
    const detail = await app.invoke('get_claim', { id: later.id });
    assert.equal(detail.reviews.at(-1).status, 'false');
  } finally {
    await app.quit();
  }
});
