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

test('topics: create, timeline marks, lanes, open a claim in the reader', { timeout: 180000 }, async () => {
  const profile = makeProfile('topics');
  const app = await App.launch(profile);
  try {
    await app.waitFor('[data-testid="first-run"]');
    await app.click('[data-testid="load-sample"]');
    await app.waitFor('[data-testid="reader-title"]');

    // The Topics screen, empty: it explains what topics are.
    await app.click('[data-testid="nav-topics"]');
    await app.waitFor('[data-testid="topics-empty"]');
    const explained = await app.text('[data-testid="topics-empty"]');
    assert.match(explained, /gathers the claims/);
    await app.screenshot('topics-1-empty');

    // Create a topic with a keyword.
    await app.click('[data-testid="topic-new"]');
    await app.type('[data-testid="topic-name"]', 'Syria');
    await app.type('[data-testid="topic-description"]', 'The war, the talks and the statements about them');
    await app.type('[data-testid="topic-keywords"]', 'Syria, Syrian');
    await app.click('[data-testid="topic-save"]');

    // Its timeline opens with marks.
    await app.waitFor('[data-testid="timeline-canvas"]');
    assert.equal(await app.text('[data-testid="timeline-title"]'), 'Syria');
    await app.waitUntil(async () => Number(await canvasData(app, 'marks')) >= 3, 'marks are drawn');
    const timeline = await app.invoke('list_topics').then(([t]) => app.invoke('topic_timeline', { topic: t.id, query: null }));
    assert.ok(timeline.claims.length >= 3, `claims on the timeline: ${timeline.claims.length}`);
    assert.ok(timeline.claims.every((c) => /syria/i.test(c.text)));
    await sleep(400);
    await app.screenshot('topics-2-timeline-storylines');

    // Switch lanes to claimants: more than one lane.
    assert.equal(await canvasData(app, 'grouping'), 'storyline');
    await app.click('[data-testid="group-claimant"]');
    await app.waitUntil(async () => (await canvasData(app, 'grouping')) === 'claimant', 'grouped by claimant');
    await app.waitUntil(async () => Number(await canvasData(app, 'lanes')) >= 2, 'one lane per claimant');
    await sleep(400);
    await app.screenshot('topics-3-timeline-claimants');

    // Zoom buttons change the window (and back to fit).
    await app.click('[data-testid="zoom-years"]');
    await app.waitUntil(
      async () => (await app.exec(`return document.querySelector('[data-testid="zoom-years"]').getAttribute('aria-pressed')`)) === 'true',
      'years zoom',
    );
    await app.click('[data-testid="zoom-fit"]');
    await app.waitUntil(async () => (await canvasData(app, 'firstMark')) !== '', 'single marks at day zoom');

    // Hover shows the claim, click opens it in the reader.
    const [x, y] = (await canvasData(app, 'firstMark')).split(',').map(Number);
    await app.clickAt('[data-testid="timeline-canvas"]', x, y);
    await app.waitFor('[data-testid="claim-panel"]');
    const opened = await app.text('[data-testid="panel-text"]');
    assert.ok(
      timeline.claims.some((c) => c.text === opened),
      `the reader shows a claim of the topic: ${opened}`,
    );
    const readerTitle = await app.text('[data-testid="reader-title"]');
    assert.match(readerTitle, /Syria/);
    await app.screenshot('topics-4-reader');

    // Back to Topics: the timeline is still open. A later article joins the topic on import.
    const imported = await app.invoke('import_text', { text: LATER, title: null });
    assert.equal(imported.imported, 1);
    await app.click('[data-testid="nav-topics"]');
    await app.waitFor('[data-testid="timeline-canvas"]');
    await app.click('[data-testid="topic-back"]');
    await app.waitFor('[data-testid="topic-row"]');
    await sleep(300);
    await app.screenshot('topics-5-list');
    await app.click('[data-testid="topic-open"]');
    await app.waitFor('[data-testid="timeline-canvas"]');
    await app.click('[data-testid="zoom-fit"]');
    const after = await app.invoke('topic_timeline', { topic: timeline.topic_id, query: null });
    assert.ok(after.claims.length > timeline.claims.length, 'the later article added claims');
    assert.ok(after.claims.at(-1).date > after.claims[0].date, 'in date order, later article last');

    // Fitting years: the sample's claims stack into one mark that lists them.
    await app.waitUntil(async () => (await canvasData(app, 'firstStack')) !== '', 'a stacked mark');
    const [sx, sy] = (await canvasData(app, 'firstStack')).split(',').map(Number);
    await app.clickAt('[data-testid="timeline-canvas"]', sx, sy);
    await app.waitFor('[data-testid="timeline-list"]');
    assert.ok((await app.count('[data-testid="timeline-list-item"]')) >= 2);
    await sleep(300);
    await app.screenshot('topics-6-stack-list');

    // Filter by status: nothing rated yet, so "False" shows none.
    await app.exec(`document.querySelector('[data-testid="timeline-list"] button.link')?.click()`);
    await app.click('[data-testid="filter-false"]');
    await app.waitFor('[data-testid="timeline-empty"]');
    await app.click('[data-testid="filter-false"]');
    await app.waitFor('[data-testid="timeline-canvas"]');

    // Dark theme.
    await app.click('[data-testid="nav-settings"]');
    await app.click('[data-testid="theme-dark"]');
    await sleep(300);
    await app.click('[data-testid="nav-topics"]');
    await app.waitFor('[data-testid="timeline-canvas"]');
    await app.click('[data-testid="group-storyline"]');
    await sleep(600);
    await app.screenshot('topics-7-timeline-dark');
    await app.click('[data-testid="topic-back"]');
    await app.waitFor('[data-testid="topic-row"]');
    await sleep(300);
    await app.screenshot('topics-8-list-dark');
  } finally {
    await app.quit();
  }
});
