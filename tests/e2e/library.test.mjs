// A large library stays light: only the rows in view are in the page, and scrolling reaches every article.
// (400 articles: enough for ten screens of rows; importing more near-identical articles in a debug build makes
// the background link suggestion, which this test waits for, the slow part.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, makeProfile, sleep } from './wd.mjs';

const COUNT = 400;

function batch() {
  const lines = [];
  for (let i = 0; i < COUNT; i++) {
    const day = new Date(Date.UTC(2020, 0, 1) + i * 86400000).toISOString().slice(0, 10);
    const n = String(i).padStart(4, '0');
    lines.push(
      JSON.stringify({
        title: `Council report ${n}`,
        date: day,
        source: i % 2 ? 'Harbour Gazette' : 'Valley Times',
        text: `The council said on ${day} that ${100 + i} new homes were approved in district ${i % 17}. ` +
          `Mayor Lena Ortiz told reporters the budget would rise by ${i % 9 + 1} percent next year.`,
      }),
    );
  }
  return lines.join('\n') + '\n';
}

test('a library of 400 articles draws only the rows in view and scrolls to the last', { timeout: 300000 }, async () => {
  const profile = makeProfile('library');
  const app = await App.launch(profile);
  try {
    const file = join(profile.dir, 'council.jsonl');
    writeFileSync(file, batch());
    const summary = await app.invoke('import_files', { paths: [file] });
    assert.equal(summary.imported, COUNT, JSON.stringify({ ...summary, items: undefined }));

    // The import returned once the articles were stored; links are suggested in the background, shown in the
    // status area until done.
    await app.waitFor('[data-testid="link-progress"]');
    assert.match(await app.text('[data-testid="link-progress"]'), /^Finding links… [\d,]+ \/ [\d,]+ claims$/);
    await app.screenshot('library-400-linking');

    // Open the library afresh so it lists the new articles.
    await app.click('[data-testid="nav-settings"]');
    await app.click('[data-testid="nav-library"]');
    await app.waitFor('[data-testid="article-row"]');
    // The first screen of rows comes first; the total shows once the whole list has arrived.
    const head = () => app.exec(`return document.querySelector('.library .head').textContent`);
    await app.waitUntil(async () => /400 articles/.test(await head()), 'the total of the whole list');
    const drawn = await app.count('[data-testid="article-row"]');
    assert.ok(drawn > 5 && drawn < 100, `rows in the page: ${drawn}`);
    const first = await app.exec(`return document.querySelector('[data-testid="article-row"] button.link').textContent`);
    assert.equal(first, `Council report ${String(COUNT - 1).padStart(4, '0')}`, 'newest first');

    await app.exec(`const l = document.querySelector('.library .list'); l.scrollTop = l.scrollHeight;`);
    await app.waitUntil(
      async () =>
        (await app.exec(
          `return [...document.querySelectorAll('[data-testid="article-row"] button.link')].map(b => b.textContent)`,
        )).includes('Council report 0000'),
      'the oldest article drawn after scrolling to the end',
    );
    const after = await app.count('[data-testid="article-row"]');
    assert.ok(after < 100, `rows in the page after scrolling: ${after}`);
    await sleep(300);
    await app.screenshot('library-400');

    // Link suggestion ends without any user action and its progress line goes away.
    await app.waitUntil(
      async () => (await app.count('[data-testid="link-progress"]')) === 0,
      'background link suggestion finished',
      240000,
    );
    assert.equal(await app.invoke('pending_links', {}), 0);

    await app.exec(`[...document.querySelectorAll('[data-testid="article-row"] button.link')].find(b => b.textContent === 'Council report 0000').click()`);
    await app.waitFor('[data-testid="reader-title"]');
    assert.equal(await app.text('[data-testid="reader-title"]'), 'Council report 0000');
  } finally {
    await app.quit();
  }
});
