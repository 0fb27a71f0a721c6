// Export and the rating scale in the real app: the publisher and scale are edited in Settings (a bad scale is
// refused with its reason), the Export dialog opens from the Library, and a ClaimReview export written by the
// app holds the reviewed claims. (The native Save dialog cannot be driven through WebDriver, so the export itself
// is started with the same command the dialog calls.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, makeProfile, sleep } from './wd.mjs';

test('the rating scale is edited in Settings and a ClaimReview export follows it', { timeout: 120000 }, async () => {
  const profile = makeProfile('export');
  const app = await App.launch(profile);
  try {
    const sample = await app.invoke('load_sample');
    const view = await app.invoke('get_article', { id: sample.items[0].article_id });
    const rated = view.claims.slice(0, 3);
    for (const [c, status] of rated.map((c, i) => [c, ['false', 'misleading', 'verified'][i]])) {
      await app.invoke('review_claim', { input: { claim_id: c.id, status, note: null } });
    }

    await app.click('[data-testid="nav-settings"]');
    await app.waitFor('[data-testid="scale-publisher"]');
    await app.type('[data-testid="scale-publisher"]', 'Example Checks');
    await app.type('[data-testid="scale-review-url"]', 'https://checks.example/claims/');
    // A duplicate value is refused with the reason, and nothing is saved.
    await app.exec(`const i = document.querySelector('[data-testid="scale-value-misleading"]');
      i.value = '1'; i.dispatchEvent(new Event('input', { bubbles: true }));`);
    await app.click('[data-testid="scale-save"]');
    const problem = await app.text('[data-testid="scale-problem"]');
    assert.match(problem, /same rating value 1/);
    assert.equal((await app.invoke('claimreview_settings')).publisher.name, null);

    await app.exec(`const i = document.querySelector('[data-testid="scale-value-misleading"]');
      i.value = '2'; i.dispatchEvent(new Event('input', { bubbles: true }));`);
    await app.click('[data-testid="scale-save"]');
    await app.waitUntil(
      async () => (await app.invoke('claimreview_settings')).publisher.name === 'Example Checks',
      'the publisher saved',
    );
    await app.waitUntil(
      async () => (await app.count('[data-testid="scale-problem"]')) === 0,
      'the problem cleared once saved',
    );
    assert.equal(await app.exec(`return document.querySelector('[data-testid="scale-value-misleading"]').value`), '2');
    await app.exec(`document.querySelector('[data-testid="rating-scale"]').scrollIntoView()`);
    await sleep(200);
    await app.screenshot('export-settings');

    await app.click('[data-testid="nav-library"]');
    await app.click('[data-testid="export-open"]');
    await app.waitFor('[data-testid="export-dialog"]');
    assert.equal(await app.exec(`return document.querySelector('[data-testid="export-reviewed"]').disabled`), true);
    await app.screenshot('export-dialog');
    await app.keys('\uE00C'); // Escape closes it.
    await app.waitUntil(async () => (await app.count('[data-testid="export-dialog"]')) === 0, 'the dialog closed');

    const out = join(profile.dir, 'reviews.json');
    const report = await app.invoke('export_claims', {
      input: {
        format: 'claimreview',
        filter: { topic: null, since: null, until: null, reviewed_only: false },
        path: out,
        overwrite: false,
      },
    });
    assert.equal(report.claims, rated.length);
    const reviews = JSON.parse(readFileSync(out, 'utf8'));
    assert.deepEqual(
      reviews.map((r) => r.reviewRating.alternateName).sort(),
      ['False', 'Misleading', 'True'],
    );
    assert.ok(reviews.every((r) => r.url.startsWith('https://checks.example/claims/') && r.author.name === 'Example Checks'));
  } finally {
    await app.quit();
  }
});
