// Not a test: the issue-4 figures of the built app on a large database (window to interactive, next claim after
// a verdict key, opening an article with 200+ claims). Timings are taken inside the page (performance.now
// from the key or click event to the DOM change), so WebDriver's round trips do not count.
//   FIGURES_DB=/tmp/claimtrail-100k.db APP_BIN=target/release/claimtrail-app E2E_ONLY=figures.mjs \
//     bash tests/e2e/run.sh
// The database is copied into a fresh profile first, so the run does not change it. The long article is made of
// corpus articles read from ../shared (never copied into the repo) and imported into that copy.
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
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

// An article with at least 200 claims (corpus articles joined into one, dated after everything else so it heads
// the Library), opened by a click on its title three times: click to every highlight drawn.
const corpus = join(import.meta.dirname, '../../../shared/corpus/news/basil_2016_2019.jsonl');
const texts = readFileSync(corpus, 'utf8').trim().split('\n').map((l) => JSON.parse(l).text);
const long = join(profile.dir, 'long-article.json');
writeFileSync(long, JSON.stringify([{ title: 'Two hundred claims', date: '2030-01-01', source: 'Figures', text: texts.slice(0, 12).join('\n\n') }]));
const imported = await app.invoke('import_files', { paths: [long] });
const articles = await app.invoke('list_articles');
const first = articles[0].summary;
if (imported.imported !== 1 || first.title !== 'Two hundred claims' || first.claims < 200) {
  throw new Error(`the long article did not land first with 200+ claims: ${JSON.stringify(first)}`);
}
const opens = [];
for (let i = 0; i < 3; i++) {
  await app.click('[data-testid="nav-library"]');
  await app.waitUntil(
    async () => (await app.exec(`return document.querySelector('[data-testid="article-row"] button.link')?.textContent`)) === first.title,
    'the long article first in the Library',
  );
  // The whole list has arrived (the header counts it), so its answer does not land inside the timed open.
  await app.waitUntil(async () => /\d+ articles · \d+ claims/.test(await app.exec(`return document.querySelector('.library .head p')?.textContent ?? ''`)), 'the whole Library list');
  opens.push(
    await timed(
      'click',
      `document.querySelector('[data-testid="reader-title"]') && document.querySelectorAll('mark.claim').length >= ${first.claims}`,
      () => app.click('[data-testid="article-row"] button.link'),
    ),
  );
}
await app.quit();

console.log(
  JSON.stringify(
    {
      claims: articles.reduce((n, a) => n + a.summary.claims, 0),
      articles: articles.length,
      window_to_interactive_ms: { through_webdriver: interactive, logged_by_the_app: logged ? Number(logged) : null },
      next_claim_after_verdict_ms: { p50: percentile(verdicts, 50), p95: percentile(verdicts, 95), all: verdicts.map(Math.round) },
      open_article_ms: { claims: first.claims, all: opens.map(Math.round) },
    },
    null,
    2,
  ),
);
