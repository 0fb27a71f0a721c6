// Topics: load the sample, create a topic from the Topics screen, open its timeline, see marks, switch lanes,
// click a mark and land in the reader on that claim; then a later article joins the topic, a stacked mark
// lists its claims, and the dark theme is checked. Screenshots: test-output/e2e/topics-*.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { App, makeProfile, sleep } from './wd.mjs';

// Fictional, written for this test.
const LATER = `Ceasefire monitors report calm in Syria

Monitors said on Monday that the ceasefire in Syria had held for a third week.

"We will reopen the northern crossing next week," foreign minister Lena Holm told reporters in Geneva.

Aid groups said convoys to Syria would double by the end of the month.
`;

const canvasData = (app, key) =>
  app.exec(`return document.querySelector('[data-testid="timeline-canvas"]')?.dataset[arguments[0]] ?? ''`, key);

test('topics: create, timeline marks, lanes, filters, open a claim in the reader', { timeout: 240000 }, async () => {
  const profile = makeProfile('topics');
  const app = await App.launch(profile);
  try {
    await app.waitFor('[data-testid="first-run"]');
    await app.click('[data-testid="load-sample"]');
    await app.waitFor('[data-testid="reader-title"]');
    // A later article (dated by its import day) that shares names with the sample.
    const imported = await app.invoke('import_text', { text: LATER, title: null });
    assert.equal(imported.imported, 1);

    // The Topics screen, empty: it explains what topics are and offers suggestions.
    await app.click('[data-testid="nav-topics"]');
    await app.waitFor('[data-testid="topics-empty"]');
    assert.match(await app.text('[data-testid="topics-empty"]'), /gathers the claims/);
    const suggested = await app.invoke('suggest_topics');
    if (suggested.length) await app.waitFor('[data-testid="suggestion-create"]');
    await sleep(500);
    await app.screenshot('topics-1-empty');

    // Create a topic with keywords through the form.
    await app.click('[data-testid="topic-new"]');
    await app.type('[data-testid="topic-name"]', 'Syria');
    await app.type('[data-testid="topic-description"]', 'The war, the talks and the statements about them');
    await app.type('[data-testid="topic-keywords"]', 'Syria, Syrian');
    await sleep(200);
    await app.screenshot('topics-2-form');
    await app.click('[data-testid="topic-save"]');

    // Its timeline opens with marks, from 2017 to today: the sample's claims stack into one mark.
    await app.waitFor('[data-testid="timeline-canvas"]');
    assert.equal(await app.text('[data-testid="timeline-title"]'), 'Syria');
    await app.waitUntil(async () => Number(await canvasData(app, 'marks')) >= 2, 'marks are drawn');
    const [topic] = await app.invoke('list_topics');
    const timeline = await app.invoke('topic_timeline', { topic: topic.id, query: null });
    assert.ok(timeline.claims.length >= 4, `claims on the timeline: ${timeline.claims.length}`);
    assert.ok(timeline.claims.every((c) => /syria/i.test(c.text)));
    assert.ok(timeline.claims.at(-1).date > timeline.claims[0].date, 'in date order, later article last');
    await sleep(400);
    await app.screenshot('topics-3-timeline-years');

    // A stacked mark lists its claims.
    await app.waitUntil(async () => (await canvasData(app, 'firstStack')) !== '', 'a stacked mark');
    const [sx, sy] = (await canvasData(app, 'firstStack')).split(',').map(Number);
    await app.clickAt('[data-testid="timeline-canvas"]', sx, sy);
    await app.waitFor('[data-testid="timeline-list"]');
    assert.ok((await app.count('[data-testid="timeline-list-item"]')) >= 2);
    await sleep(400);
    await app.screenshot('topics-4-stack-list');
    await app.keys('\uE00C'); // Escape closes the list

    // Lanes by claimant.
    assert.equal(await canvasData(app, 'grouping'), 'storyline');
    await app.click('[data-testid="group-claimant"]');
    await app.waitUntil(async () => (await canvasData(app, 'grouping')) === 'claimant', 'grouped by claimant');
    await app.waitUntil(async () => Number(await canvasData(app, 'lanes')) >= 3, 'one lane per claimant');

    // Zoom buttons.
    await app.click('[data-testid="zoom-days"]');
    await app.waitUntil(
      async () => (await app.exec(`return document.querySelector('[data-testid="zoom-days"]').getAttribute('aria-pressed')`)) === 'true',
      'days zoom',
    );

    // Date filter: only the sample's day, fitted at day zoom, where each claim has its own mark.
    await app.type('[data-testid="filter-from"]', '2017-11-11\uE007');
    await app.type('[data-testid="filter-to"]', '2017-11-11\uE007');
    await app.waitUntil(
      async () => /Showing \d+ of \d+/.test(await app.text('[data-testid="timeline-count"]')) &&
        (await app.text('[data-testid="timeline-count"]')).includes('2017-11-11') &&
        !(await app.text('[data-testid="timeline-count"]')).includes('–'),
      'only 2017-11-11 shown',
    );
    await app.waitUntil(async () => (await canvasData(app, 'firstMark')) !== '', 'single marks at day zoom');
    await sleep(400);
    await app.screenshot('topics-5-timeline-claimants-day');

    // Keys: j selects the first claim and the selection stays (nothing reloads behind the user's back).
    await app.exec(`document.querySelector('[data-testid="timeline-canvas"]').focus()`);
    await app.keys('j');
    await app.waitFor('[data-testid="timeline-selected"]');
    await sleep(1200);
    assert.equal(await app.count('[data-testid="timeline-selected"]'), 1, 'selection kept');
    await app.keys('\uE00C');

    // A click on a mark opens the claim in the reader at its span.
    const [x, y] = (await canvasData(app, 'firstMark')).split(',').map(Number);
    await app.clickAt('[data-testid="timeline-canvas"]', x, y);
    await app.waitFor('[data-testid="claim-panel"]');
    const opened = await app.text('[data-testid="panel-text"]');
    assert.ok(timeline.claims.some((c) => c.text === opened), `the reader shows a claim of the topic: ${opened}`);
    assert.match(await app.text('[data-testid="reader-title"]'), /Syria/);
    await sleep(600);
    await app.screenshot('topics-6-reader');

    // Verdicts on three claims colour their marks.
    const rated = ['verified', 'false', 'misleading'];
    for (const [i, status] of rated.entries()) {
      await app.invoke('review_claim', { input: { claim_id: timeline.claims[i].claim_id, status, note: null } });
    }

    // Back to Topics: the timeline is still there with its filters and lanes, with the new colours.
    await app.click('[data-testid="nav-topics"]');
    await app.waitFor('[data-testid="timeline-canvas"]');
    assert.equal(await canvasData(app, 'grouping'), 'claimant');
    await app.waitUntil(async () => (await app.text('[data-testid="filter-false"]')).includes('1'), 'verdicts counted');
    await sleep(500);
    await app.screenshot('topics-7-back-with-verdicts');
    // Status filters: only the false claim, then a status no claim has.
    await app.click('[data-testid="filter-clear"]');
    await app.click('[data-testid="filter-false"]');
    await app.waitUntil(
      async () => (await app.text('[data-testid="timeline-count"]')).startsWith(`Showing 1 of ${timeline.claims.length}`),
      'one false claim shown',
    );
    await app.click('[data-testid="filter-false"]');
    await app.click('[data-testid="filter-disputed"]');
    await app.waitFor('[data-testid="timeline-empty"]');
    await app.click('[data-testid="filter-disputed"]');
    await app.waitFor('[data-testid="timeline-canvas"]');

    // A claim that does not mention Syria joins by hand, through "Add a claim…".
    const sample = await app.invoke('get_article', { id: timeline.claims[0].article_id });
    const other = sample.claims.find((c) => !c.dismissed && !/syria/i.test(c.text));
    assert.ok(other, 'the sample has a claim about something else');
    await app.click('[data-testid="topic-add-claim"]');
    await app.waitFor('[data-testid="topic-add-claim-id"]');
    await app.exec(`const el = document.querySelector('[data-testid="topic-add-claim-id"]');
      el.value = ''; el.dispatchEvent(new Event('input', { bubbles: true }));`);
    await app.type('[data-testid="topic-add-claim-id"]', other.id);
    await app.click('[data-testid="topic-add-claim-submit"]');
    await app.waitUntil(
      async () => (await app.text('[data-testid="timeline-count"]')).startsWith(`Showing ${timeline.claims.length + 1} of ${timeline.claims.length + 1}`),
      'the claim added by hand is on the timeline',
    );

    // The list, with claim counts; a suggestion becomes a topic in one click when there is one.
    await app.click('[data-testid="topic-back"]');
    await app.waitFor('[data-testid="topic-row"]');
    const left = await app.invoke('suggest_topics');
    if (left.length) {
      await app.click('[data-testid="suggestion-create"]');
      await app.waitFor('[data-testid="timeline-canvas"]');
      await app.click('[data-testid="topic-back"]');
      await app.waitUntil(async () => (await app.count('[data-testid="topic-row"]')) === 2, 'suggested topic listed');
    }
    await sleep(400);
    await app.screenshot('topics-8-list');

    // Dark theme.
    await app.click('[data-testid="nav-settings"]');
    await app.click('[data-testid="theme-dark"]');
    await sleep(300);
    await app.click('[data-testid="nav-topics"]');
    await app.waitFor('[data-testid="topic-row"]');
    await sleep(400);
    await app.screenshot('topics-9-list-dark');
    await app.click('[data-testid="topic-open"]');
    await app.waitFor('[data-testid="timeline-canvas"]');
    await app.click('[data-testid="group-storyline"]');
    await sleep(600);
    await app.screenshot('topics-10-timeline-dark');
  } finally {
    await app.quit();
  }
});
