// Not a test: the issue-4 figures of the built app on a large database (window to interactive, next claim after
// a verdict key, opening the first article of the Library). Timings are taken inside the page (performance.now
// from the key or click event to the DOM change), so WebDriver's round trips do not count.
//   FIGURES_DB=/tmp/claimtrail-100k.db APP_BIN=target/release/claimtrail-app E2E_ONLY=figures.mjs \
//     bash tests/e2e/run.sh
// The database is copied into a fresh profile first, so the run does not change it.
import { copyFileSync, readFileSync } from 'node:fs';
import { App, makeProfile } from './wd.mjs';

const source = process.env.FIGURES_DB;
if (!source) throw new Error('set FIGURES_DB to the database to measure on');
const profile = makeProfile('figures');
copyFileSync(source, profile.db);

const percentile = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]);
};

// Milliseconds from the next `event` on the document (capture phase) to the first DOM change after which
// `done` (a page-side expression) holds, around `action` (WebDriver runs one command at a time, so the watcher
// is installed first and read afterwards).
async function timed(event, done, action) {
  await app.exec(
    `window.__figure = undefined;
     let t0 = null;
     document.addEventListener('${event}', () => { if (t0 === null) t0 = performance.now(); }, { capture: true, once: true });
     const obs = new MutationObserver(() => {
       if (t0 !== null && (${done})) { obs.disconnect(); window.__figure = performance.now() - t0; }
     });
     obs.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });`,
  );
  await action();
  let ms;
  await app.waitUntil(async () => (ms = await app.exec('return window.__figure')) !== undefined && ms !== null, `${event} done`);
  return ms;
}

const t0 = Date.now();
const app = await App.launch(profile);
await app.waitUntil(async () => (await app.count('[data-testid="article-row"]')) > 0, 'library rows', 20000);
const interactive = Date.now() - t0;
// The app's own figure (logged once): from its start to the Library drawn with its rows, without WebDriver's
// session set-up and polling.
const info = await app.invoke('app_info');
const logged = info.log_file
  ? [...readFileSync(info.log_file, 'utf8').matchAll(/window interactive.*?ms\S*?=\S*?(\d+)/g)].pop()?.[1]
  : undefined;

// Review queue: ten verdicts by key, each timed from keydown to the next claim on screen.
await app.click('[data-testid="nav-review"]');
await app.waitFor('[data-testid="queue-current"]');
const verdicts = [];
for (let i = 0; i < 10; i++) {
  const id = await app.exec(`return document.querySelector('[data-testid="queue-current"]').dataset.claimId`);
  verdicts.push(
    await timed(
      'keydown',
      `document.querySelector('[data-testid="queue-current"]')?.dataset.claimId !== '${id}'`,
      () => app.keys('v'),
    ),
  );
}

// The first article in the Library, opened by a click on its title: click to every highlight drawn.
const articles = await app.invoke('list_articles');
await app.click('[data-testid="nav-library"]');
await app.waitFor('[data-testid="article-row"]');
const first = articles[0].summary;
const openMs = await timed(
  'click',
  `document.querySelector('[data-testid="reader-title"]') && document.querySelectorAll('mark.claim').length >= ${first.claims}`,
  () => app.click('[data-testid="article-row"] button.link'),
);
await app.quit();

console.log(
  JSON.stringify(
    {
      claims: articles.reduce((n, a) => n + a.summary.claims, 0),
      articles: articles.length,
      window_to_interactive_ms: { through_webdriver: interactive, logged_by_the_app: logged ? Number(logged) : null },
      next_claim_after_verdict_ms: { p50: percentile(verdicts, 50), p95: percentile(verdicts, 95), all: verdicts.map(Math.round) },
      open_article_ms: { claims: first.claims, ms: Math.round(openMs) },
    },
    null,
    2,
  ),
);
