// People: one person arrives under two names in two articles; the reviewer ticks both records, keeps the full
// name and merges them; the record lists the other name, and the review queue opened from it shows the claims
// made under both. All text is fictional.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { App, makeProfile } from './wd.mjs';

const FULL = `Teachers for the city

Mayor Elena Varga said on Monday that the city will hire 300 new teachers by September.
`;
const SURNAME = `Tunnel delayed

Varga said the harbour tunnel would open in 2027, two years late.
`;

test('people: merge two names of one person and find their claims', { timeout: 180000 }, async () => {
  const profile = makeProfile('people');
  const app = await App.launch(profile);
  try {
    for (const text of [FULL, SURNAME]) {
      const r = await app.invoke('import_text', { text, title: null });
      assert.equal(r.imported, 1, JSON.stringify(r));
    }
    await app.keys('6');
    await app.waitFor('[data-testid="person-row"]');
    const names = await app.exec(
      `return [...document.querySelectorAll('[data-testid="person-row"] button.link')].map((b) => b.textContent.trim())`,
    );
    assert.deepEqual([...names].sort(), ['Elena Varga', 'Varga']);

    await app.click('input[aria-label="Select Elena Varga"]');
    await app.click('input[aria-label="Select Varga"]');
    await app.waitFor('[data-testid="merge-bar"]');
    await app.click('[data-testid="merge-run"]');
    await app.waitFor('[data-testid="person-alias"]');
    assert.equal(await app.count('[data-testid="person-row"]'), 1, 'one record after the merge');
    assert.match(await app.text('[data-testid="person-alias"]'), /Varga/);
    await app.screenshot('people-merged');

    // Clicking the person opens every claim they made, under either name, in the review queue.
    await app.click('[data-testid="person-row"] button.link');
    await app.waitFor('[data-testid="queue-current"]');
    await app.waitUntil(async () => /^\s*2 matching/.test(await app.text('[data-testid="queue-count"]')), 'two claims in the queue');
  } finally {
    await app.quit();
  }
});
