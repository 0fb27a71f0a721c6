// Not a test: makes the README screenshots (docs/screenshots/) from the built app with the sample loaded.
// Run with the release build: `APP_BIN=target/release/claimtrail-app E2E_ONLY=screenshots.mjs bash tests/e2e/run.sh`.
//   WD_URL=http://127.0.0.1:PORT node tests/e2e/screenshots.mjs   (with Xvfb and WebKitWebDriver running)
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, makeProfile, sleep, ROOT } from './wd.mjs';

const out = join(ROOT, 'docs/screenshots');
mkdirSync(out, { recursive: true });
const profile = makeProfile('shots');
const app = await App.launch(profile);
// A fictional follow-up to the sample, so the timeline has more than one day.
const FOLLOW_UP = {
  title: 'Syria talks: officials describe next steps',
  date: '2017-12-14',
  source: 'Example Wire',
  text: `GENEVA (Example Wire) — A senior diplomat said on Thursday that talks on Syria would resume in January.

"Russia and the United States agreed to keep military channels open," the diplomat told reporters.

The Syrian delegation said it would attend the next round.`,
};
// Notices ("Settings saved.") are closed before each picture.
const quiet = () => app.exec(`document.querySelectorAll('[aria-label="Close notice"]').forEach((b) => b.click())`);
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
  await quiet();
  await sleep(200);
  copyFileSync(await app.screenshot('docs-review'), join(out, 'review.png'));
  await app.click('[data-testid="nav-library"]');
  await app.waitFor('[data-testid="article-row"]');
  await sleep(600);
  await quiet();
  await sleep(200);
  copyFileSync(await app.screenshot('docs-library'), join(out, 'library.png'));
  const follow = join(profile.dir, 'follow-up.jsonl');
  writeFileSync(follow, JSON.stringify(FOLLOW_UP) + '\n');
  await app.invoke('import_files', { paths: [follow] });
  await app.click('[data-testid="nav-topics"]');
  await app.click('[data-testid="topic-new"]');
  await app.type('[data-testid="topic-name"]', 'US-Russia / Syria');
  await app.type('[data-testid="topic-keywords"]', 'Syria, Syrian, Russia');
  await app.click('[data-testid="topic-save"]');
  await app.waitFor('[data-testid="timeline-canvas"]');
  await app.click('[data-testid="group-claimant"]');
  await sleep(800);
  await quiet();
  await sleep(200);
  copyFileSync(await app.screenshot('docs-timeline'), join(out, 'timeline.png'));
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
