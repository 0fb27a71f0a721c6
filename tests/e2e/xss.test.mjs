// Imported content is shown as text: markup in an article never runs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, makeProfile, sleep } from './wd.mjs';

const EVIL = `Hostile markup test

Officials said the bridge will reopen in May. <script>window.__pwned = 'script'</script>

The minister said repairs cost $3 million. <img src=x onerror="window.__pwned = 'img'">
`;

test('an article with <script> and <img onerror> shows as text and runs nothing', { timeout: 120000 }, async () => {
  const profile = makeProfile('xss');
  const app = await App.launch(profile);
  try {
    const file = join(profile.dir, 'hostile.txt');
    writeFileSync(file, EVIL);
    const summary = await app.invoke('import_files', { paths: [file] });
    assert.equal(summary.imported, 1, JSON.stringify(summary));

    // The same content pasted into the Library's paste form.
    await app.click('[data-testid="nav-library"]');
    await app.click('[data-testid="paste-open"]');
    await app.exec(
      `const t = document.querySelector('[data-testid="paste-text"]');
       t.value = arguments[0]; t.dispatchEvent(new Event('input', { bubbles: true }));`,
      EVIL.replace('bridge', 'tunnel'),
    );
    await app.click('[data-testid="paste-submit"]');
    await app.waitFor('[data-testid="import-report"]');

    await app.waitUntil(async () => (await app.count('[data-testid="article-row"]')) === 2, 'both imports listed');
    await app.click('[data-testid="nav-library"]');
    const rows = await app.exec(
      `return [...document.querySelectorAll('[data-testid="article-row"] button.link')].map(b => b.textContent)`,
    );
    const idx = rows.findIndex((t) => t.includes('Hostile'));
    await app.exec(`document.querySelectorAll('[data-testid="article-row"] button.link')[arguments[0]].click()`, Math.max(idx, 0));
    await app.waitFor('[data-testid="article-text"]');
    await sleep(500);
    const text = await app.text('[data-testid="article-text"]');
    assert.ok(text.includes('<script>'), 'the script tag is shown as text');
    assert.ok(text.includes('onerror'), 'the img tag is shown as text');
    const injected = await app.exec(
      `const t = document.querySelector('[data-testid="article-text"]');
       return { imgs: document.querySelectorAll('img').length, scripts: t.querySelectorAll('script').length,
                pwned: window.__pwned ?? null };`,
    );
    assert.deepEqual(injected, { imgs: 0, scripts: 0, pwned: null });
    await app.screenshot('xss-reader');
  } finally {
    await app.quit();
  }
});
