// People: one person arrives under two names in two articles; the app suggests they are one person and the
// reviewer merges them with the suggestion's button; the record lists the other name, and the review queue
// opened from it shows the claims made under both. "Not the same" takes a suggestion away, and Undo brings it
// back. All text is fictional.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { App, makeProfile } from './wd.mjs';

const FULL = `Teachers for the city

Mayor Elena Varga said on Monday that the city will hire 300 new teachers by September.
`;
const SURNAME = `Tunnel delayed

Varga said the harbour tunnel would open in 2027, two years late.
`;

test('people: merge a suggested pair of names of one person and find their claims', { timeout: 180000 }, async () => {
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

    // The two records are suggested as one person, the surname into the full name.
    await app.waitFor('[data-testid="merge-suggestion"]');
    assert.equal(await app.count('[data-testid="merge-suggestion"]'), 1, 'one suggestion');
    const line = await app.text('[data-testid="merge-suggestion"]');
    assert.match(line, /Varga → Elena Varga/);
    assert.match(line, /same surname · 1 \+ 1 claims/);
    await app.screenshot('people-suggestion');

    await app.click('[data-testid="suggestion-merge"]');
    await app.waitFor('[data-testid="person-alias"]');
    assert.equal(await app.count('[data-testid="person-row"]'), 1, 'one record after the merge');
    assert.match(await app.text('[data-testid="person-alias"]'), /Varga/);
    await app.waitUntil(async () => (await app.count('[data-testid="merge-suggestions"]')) === 0, 'no card once nothing is left to suggest');
    await app.waitFor('[data-testid="merge-undo"]');
    await app.screenshot('people-merged');

    // Clicking the person opens every claim they made, under either name, in the review queue.
    await app.click('[data-testid="person-row"] button.link');
    await app.waitFor('[data-testid="queue-current"]');
    await app.waitUntil(async () => /^\s*2 matching/.test(await app.text('[data-testid="queue-count"]')), 'two claims in the queue');
  } finally {
    await app.quit();
  }
});

test('people: "Not the same" takes a suggestion away, and Undo brings it back', { timeout: 180000 }, async () => {
  const profile = makeProfile('people-dismiss');
  const app = await App.launch(profile);
  try {
    for (const text of [FULL, SURNAME]) {
      const r = await app.invoke('import_text', { text, title: null });
      assert.equal(r.imported, 1, JSON.stringify(r));
    }
    await app.keys('6');
    await app.waitFor('[data-testid="merge-suggestion"]');
    await app.click('[data-testid="suggestion-dismiss"]');
    await app.waitUntil(async () => (await app.count('[data-testid="merge-suggestion"]')) === 0, 'the suggestion is gone');
    assert.equal(await app.count('[data-testid="person-row"]'), 2, 'both records stay');
    // Remembered, not just hidden.
    assert.deepEqual(await app.invoke('person_merge_suggestions', { limit: null }), []);
    await app.screenshot('people-dismissed');

    await app.click('[data-testid="dismiss-undo"]');
    await app.waitFor('[data-testid="merge-suggestion"]');
    assert.match(await app.text('[data-testid="merge-suggestion"]'), /Varga → Elena Varga/);
  } finally {
    await app.quit();
  }
});
