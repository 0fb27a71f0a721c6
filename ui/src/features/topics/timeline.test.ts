import { describe, expect, it } from 'vitest';
import type { ClaimStatus } from '../../lib/bindings/ClaimStatus';
import type { Timeline } from '../../lib/bindings/Timeline';
import type { TimelineEntry } from '../../lib/bindings/TimelineEntry';
import type { TimelineGroup } from '../../lib/bindings/TimelineGroup';
import {
  axisTicks,
  buildLanes,
  countsByStatus,
  dayNumber,
  dayString,
  fitView,
  keepInRange,
  laneLayout,
  laneMarks,
  lanePositions,
  levelOf,
  markAt,
  markHeight,
  mostInMark,
  MAX_SPAN,
  MIN_SPAN,
  pan,
  parseTerms,
  reveal,
  statusColors,
  statusTally,
  zoomAt,
  zoomTo,
} from './timeline';

const none = { verified: 0, disputed: 0, false: 0, misleading: 0, unverifiable: 0 };

function entry(i: number, date: string, claimant: string | null, status: ClaimStatus = 'unreviewed', storyline: string | null = null): TimelineEntry {
  return {
    claim_id: `c${i}`, date, dated: true, claimant, status, storyline_id: storyline, text: `Claim ${i}`,
    article_id: 'a', article_title: 'Fictional article', outlet: 'Daily Example', source: 'auto',
  };
}

function group(key: string | null, label: string, entries: number[], claims: TimelineEntry[]): TimelineGroup {
  return { key, label, first: claims[entries[0]].date, last: claims[entries[entries.length - 1]].date, entries, verdicts: none };
}

/** A timeline grouped the way the store groups it (storylines by first appearance, claimants by size). */
function timeline(claims: TimelineEntry[]): Timeline {
  const by = (f: (c: TimelineEntry) => string | null, skipNull: boolean) => {
    const m = new Map<string | null, number[]>();
    claims.forEach((c, i) => {
      const k = f(c);
      if (skipNull && k === null) return;
      m.set(k, [...(m.get(k) ?? []), i]);
    });
    return [...m.entries()];
  };
  const storylines = by((c) => c.storyline_id, true).map(([k, e]) => group(k, claims[e[0]].text, e, claims));
  const claimants = by((c) => c.claimant, false)
    .map(([k, e]) => group(k, k ?? '(outlet)', e, claims))
    .sort((a, b) => b.entries.length - a.entries.length || a.entries[0] - b.entries[0]);
  return {
    topic_id: 't', topic: 'Harbour strike', total: claims.length,
    from: claims[0]?.date ?? null, to: claims[claims.length - 1]?.date ?? null, claims, storylines, claimants,
  };
}

const sample = timeline([
  entry(0, '2023-01-05', 'Mayor Ruiz', 'verified', 'c0'),
  entry(1, '2023-01-05', 'Union chief Berg', 'false'),
  entry(2, '2023-02-10', 'Mayor Ruiz', 'misleading', 'c0'),
  entry(3, '2023-03-01', null, 'unreviewed'),
  entry(4, '2023-03-01', 'Mayor Ruiz', 'false', 'c3x'),
]);

describe('dates', () => {
  it('round-trips days and orders them', () => {
    expect(dayString(dayNumber('2023-03-01'))).toBe('2023-03-01');
    expect(dayNumber('2024-03-01') - dayNumber('2024-02-28')).toBe(2); // leap year
    expect(dayNumber('1970-01-01')).toBe(0);
  });
});

describe('buildLanes', () => {
  it('by claimant: one lane per claimant, most claims first, outlet included', () => {
    const lanes = buildLanes(sample, 'claimant', 10);
    expect(lanes.map((l) => l.label)).toEqual(['Mayor Ruiz', 'Union chief Berg', 'The outlet itself']);
    expect(lanes[0].entries).toEqual([0, 2, 4]);
  });

  it('by storyline: storylines first, then the claims in none', () => {
    const lanes = buildLanes(sample, 'storyline', 10);
    expect(lanes.map((l) => l.entries)).toEqual([[0, 2], [4], [1, 3]]);
    expect(lanes[2].label).toBe('Not in a storyline');
    expect(lanes[2].merged).toBe(true);
  });

  it('keeps every claim visible when lanes run out, merging the smallest groups', () => {
    const claims = Array.from({ length: 30 }, (_, i) => entry(i, `2023-01-${String((i % 28) + 1).padStart(2, '0')}`, `Person ${i % 7}`));
    claims.sort((a, b) => a.date.localeCompare(b.date));
    const tl = timeline(claims);
    const lanes = buildLanes(tl, 'claimant', 4);
    expect(lanes).toHaveLength(4);
    expect(lanes[3].label).toBe('4 other claimants');
    const seen = lanes.flatMap((l) => l.entries).sort((a, b) => a - b);
    expect(seen).toEqual(claims.map((_, i) => i));
    // Merged entries stay in time order.
    expect([...lanes[3].entries]).toEqual([...lanes[3].entries].sort((a, b) => a - b));
  });

  it('merges small storylines but keeps the biggest in order of appearance', () => {
    const claims = [
      entry(0, '2023-01-01', 'A', 'unreviewed', 's1'),
      entry(1, '2023-01-02', 'A', 'unreviewed', 's2'),
      entry(2, '2023-01-03', 'A', 'unreviewed', 's2'),
      entry(3, '2023-01-04', 'A', 'unreviewed', 's3'),
      entry(4, '2023-01-05', 'A', 'unreviewed', 's3'),
      entry(5, '2023-01-06', 'A', 'unreviewed', 's3'),
      entry(6, '2023-01-07', 'A', 'unreviewed', 's4'),
      entry(7, '2023-01-08', 'A'),
    ];
    const lanes = buildLanes(timeline(claims), 'storyline', 4);
    expect(lanes.map((l) => l.label)).toEqual(['Claim 1', 'Claim 3', '2 other storylines', 'Not in a storyline']);
    expect(lanes[2].entries).toEqual([0, 6]);
    expect(lanes.flatMap((l) => l.entries).sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });
});

describe('zoom and pan', () => {
  const v = { start: 1000, end: 1100 };

  it('zooms around the anchor, keeping that moment in place', () => {
    const z = zoomAt(v, 0.5, 0.25);
    expect(z.end - z.start).toBeCloseTo(50);
    expect(z.start + (z.end - z.start) * 0.25).toBeCloseTo(1025);
  });

  it('stops at days and at decades', () => {
    expect(zoomAt(v, 1e-6).end - zoomAt(v, 1e-6).start).toBe(MIN_SPAN);
    expect(zoomAt(v, 1e6).end - zoomAt(v, 1e6).start).toBe(MAX_SPAN);
    expect(zoomTo(v, 1).end - zoomTo(v, 1).start).toBe(MIN_SPAN);
  });

  it('names the zoom level from years to days', () => {
    expect(levelOf({ start: 0, end: 365 * 8 })).toBe('years');
    expect(levelOf({ start: 0, end: 365 })).toBe('months');
    expect(levelOf({ start: 0, end: 14 })).toBe('days');
  });

  it('pans by a share of the window', () => {
    expect(pan(v, 0.5)).toEqual({ start: 1050, end: 1150 });
  });

  it('fits a topic with a margin, and a single day as a few days', () => {
    const f = fitView('2023-01-01', '2023-12-31');
    expect(f.start).toBeLessThan(dayNumber('2023-01-01'));
    expect(f.end).toBeGreaterThan(dayNumber('2023-12-31') + 1);
    const one = fitView('2017-11-11', '2017-11-11');
    expect(one.end - one.start).toBeGreaterThanOrEqual(MIN_SPAN);
    expect(one.start).toBeLessThan(dayNumber('2017-11-11'));
    expect(one.end).toBeGreaterThan(dayNumber('2017-11-12'));
  });

  it('reveals a day outside the window by moving as little as needed', () => {
    const r = reveal(v, 1200);
    expect(r.end - r.start).toBe(100);
    expect(r.end).toBeGreaterThan(1200);
    expect(reveal(v, 1050)).toBe(v);
  });
});

describe('axis', () => {
  it('labels years, months and days, never hours, with the year readable', () => {
    const years = axisTicks({ start: dayNumber('2010-06-01'), end: dayNumber('2024-06-01') }, 800);
    expect(years.map((t) => t.label)).toContain('2016');
    const months = axisTicks({ start: dayNumber('2017-01-10'), end: dayNumber('2017-12-20') }, 800);
    expect(months[0].label).toMatch(/^[A-Z][a-z]{2} 2017$/);
    expect(months.map((t) => t.label)).toContain('Jun');
    const days = axisTicks({ start: dayNumber('2017-11-10'), end: dayNumber('2017-11-13') }, 800);
    expect(days.map((t) => t.label)).toEqual(['Fri 10 Nov 2017', 'Sat 11 Nov', 'Sun 12 Nov', 'Mon 13 Nov']);
    expect(days[1].x).toBeCloseTo(800 / 3);
  });
});

describe('marks', () => {
  it('spreads same-day claims across their day, in order', () => {
    const lane = buildLanes(sample, 'claimant', 10)[0];
    const p = lanePositions(sample, lane);
    const d0 = dayNumber('2023-01-05');
    expect(p[0]).toBeCloseTo(d0 + 0.5);
    expect([...p]).toEqual([...p].sort((a, b) => a - b));
    const same = timeline([entry(0, '2023-01-05', 'A'), entry(1, '2023-01-05', 'A'), entry(2, '2023-01-05', 'A')]);
    const q = lanePositions(same, buildLanes(same, 'claimant', 5)[0]);
    [1 / 6, 3 / 6, 5 / 6].forEach((f, i) => expect(q[i] - d0).toBeCloseTo(f, 6));
  });

  it('shows each claim alone when zoomed in, stacked when zoomed out, with counts by status', () => {
    const lane = buildLanes(sample, 'claimant', 10)[0]; // Mayor Ruiz: verified, misleading, false
    const p = lanePositions(sample, lane);
    const near = laneMarks(sample, lane, p, fitView(sample.from, sample.to), 800);
    expect(near).toHaveLength(3);
    expect(near.every((m) => m.entries.length === 1)).toBe(true);
    const far = laneMarks(sample, lane, p, { start: dayNumber('2000-01-01'), end: dayNumber('2040-01-01') }, 800);
    expect(far).toHaveLength(1);
    expect(far[0].entries).toEqual([0, 2, 4]);
    expect(far[0].counts).toEqual([
      { status: 'verified', n: 1 },
      { status: 'false', n: 1 },
      { status: 'misleading', n: 1 },
    ]);
  });

  it('only visits the claims in view', () => {
    const lane = buildLanes(sample, 'claimant', 10)[0];
    const p = lanePositions(sample, lane);
    const marks = laneMarks(sample, lane, p, { start: dayNumber('2023-02-01'), end: dayNumber('2023-02-20') }, 600);
    expect(marks.map((m) => m.entries)).toEqual([[2]]);
    expect(marks[0].x).toBeGreaterThan(0);
    expect(marks[0].x).toBeLessThan(600);
  });

  it('stays fast and bounded with 10,000 claims', () => {
    const claims = Array.from({ length: 10_000 }, (_, i) =>
      entry(i, dayString(dayNumber('2015-01-01') + Math.floor(i / 3)), `P${i % 5}`, i % 2 ? 'false' : 'verified'),
    );
    const tl = timeline(claims);
    const lanes = buildLanes(tl, 'claimant', 12);
    const view = fitView(tl.from, tl.to);
    let drawn = 0;
    for (const lane of lanes) {
      const marks = laneMarks(tl, lane, lanePositions(tl, lane), view, 900);
      drawn += marks.length;
      expect(marks.reduce((n, m) => n + m.entries.length, 0)).toBe(lane.entries.length);
    }
    // At most one mark per 14 px per lane, whatever the number of claims.
    expect(drawn).toBeLessThanOrEqual(lanes.length * (900 / 14 + 2));
  });

  it('finds the mark under the pointer', () => {
    const marks = [
      { x: 10, entries: [0], counts: [] },
      { x: 40, entries: [1], counts: [] },
    ];
    expect(markAt(marks, 12, 8)?.entries).toEqual([0]);
    expect(markAt(marks, 36, 8)?.entries).toEqual([1]);
    expect(markAt(marks, 25, 8)).toBeNull();
  });

  it('sizes stacked marks on a log scale up to the lane height', () => {
    expect(markHeight(1, 40, 50)).toBe(12);
    expect(markHeight(4, 40, 50)).toBeGreaterThan(markHeight(2, 40, 50));
    expect(markHeight(50, 40, 50)).toBe(30);
    expect(markHeight(100_000, 40)).toBe(30);
    expect(mostInMark([[{ x: 0, entries: [1, 2, 3], counts: [] }], [{ x: 0, entries: [4], counts: [] }]])).toBe(3);
  });

  it('never pans away from the topic', () => {
    const v = { start: dayNumber('2030-01-01'), end: dayNumber('2031-01-01') };
    const k = keepInRange(v, '2017-01-01', '2020-12-31');
    expect(k.end - k.start).toBe(v.end - v.start);
    expect(k.start).toBeLessThan(dayNumber('2021-01-01'));
    const inside = { start: dayNumber('2018-01-01'), end: dayNumber('2019-01-01') };
    expect(keepInRange(inside, '2017-01-01', '2020-12-31')).toBe(inside);
  });

  it('fits lanes to the height', () => {
    expect(laneLayout(400, 3)).toEqual({ laneHeight: 80, maxLanes: 11 });
    expect(laneLayout(400, 11).laneHeight).toBe(36);
  });
});

describe('colours and counts', () => {
  it('reads each status colour from the theme variables', () => {
    const c = statusColors((v) => (v === '--s-false' ? ' #f0a4a0 ' : v === '--s-verified' ? '#9fd8b0' : ''));
    expect(c.false).toBe('#f0a4a0');
    expect(c.verified).toBe('#9fd8b0');
    expect(c.unreviewed).toBe('#999999');
  });

  it('counts claims without a verdict as unreviewed', () => {
    expect(countsByStatus(10, { ...none, false: 2, verified: 3 })).toMatchObject({ unreviewed: 5, false: 2, verified: 3 });
    expect(statusTally(sample)).toMatchObject({ false: 2, verified: 1, misleading: 1, unreviewed: 1, disputed: 0 });
  });

  it('splits typed keyword lists', () => {
    expect(parseTerms('Syria, peace  talks,\nsyria; ,')).toEqual(['Syria', 'peace talks']);
  });
});
