// Not a test: makes the README screenshots (docs/screenshots/) from the built app with the sample loaded.
// Run through run.sh's environment: `SCREENSHOTS=1 bash tests/e2e/run.sh` is not needed; instead:
//   WD_URL=http://127.0.0.1:PORT node tests/e2e/screenshots.mjs   (with Xvfb and WebKitWebDriver running)
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { App, makeProfile, sleep, ROOT } from './wd.mjs';

const out = join(ROOT, 'docs/screenshots');
mkdirSync(out, { recursive: true });
const app = await App.launch(makeProfile('shots'));
try {
  await app.click('[data-testid="nav-settings"]');
  await app.type('[data-testid="reviewer-input"]', 'Dana Fischer');
  await app.click('[data-testid="reviewer-save"]');
  await app.click('[data-testid="nav-library"]');
  await app.click('[data-testid="load-sample"]');
  await app.waitFor('[data-testid="reader-title"]');
  await app.click('[data-testid="nav-review"]');
  await app.waitFor('[data-testid="queue-current"]');
  await app.keys('v');
  await sleep(300);
  await app.keys('m');
  await sleep(300);
  await app.keys('j');
  await sleep(600);
  copyFileSync(await app.screenshot('docs-review'), join(out, 'review.png'));
  await app.click('[data-testid="nav-library"]');
  await app.waitFor('[data-testid="article-row"]');
  await sleep(600);
  copyFileSync(await app.screenshot('docs-library'), join(out, 'library.png'));
  await app.click('[data-testid="nav-reader"]');
  await sleep(300);
  await app.exec(`document.querySelector('mark.claim')?.click()`);
  await sleep(800);
  await app.screenshot('docs-reader');
  await app.click('[data-testid="nav-search"]');
  await app.type('[data-testid="search-input"]', 'military channels');
  await sleep(800);
  await app.screenshot('docs-search');
  await app.click('[data-testid="nav-settings"]');
  await sleep(500);
  await app.screenshot('docs-settings');
} finally {
  await app.quit();
}
