// Pure logic of the timeline view: lanes, time <-> pixel mapping, zoom, marks (claims close together in a lane
// are drawn as one stacked mark) and hit testing. No DOM here, so all of it is unit-tested.
import { scaleUtc } from 'd3-scale';
import { utcDay } from 'd3-time';
import type { ClaimStatus } from '../../lib/bindings/ClaimStatus';
import type { Timeline } from '../../lib/bindings/Timeline';
import type { TimelineGroup } from '../../lib/bindings/TimelineGroup';
import type { VerdictCounts } from '../../lib/bindings/VerdictCounts';
import { STATUSES } from '../../lib/status';

export type Grouping = 'storyline' | 'claimant';

export interface Lane {
  key: string;
  label: string;
  /** Indexes into `Timeline.claims`, in time order. */
  entries: number[];
  /** True for a lane that gathers the groups that did not get a lane of their own. */
  merged: boolean;
}

const DAY_MS = 86_400_000;

/** `YYYY-MM-DD` -> days since 1970-01-01 (UTC). */
export function dayNumber(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return Math.round(Date.UTC(y, (m ?? 1) - 1, d ?? 1) / DAY_MS);
}

/** Days since 1970-01-01 -> `YYYY-MM-DD`. */
export function dayString(day: number): string {
  return new Date(Math.floor(day) * DAY_MS).toISOString().slice(0, 10);
}

export function dayToDate(day: number): Date {
  return new Date(day * DAY_MS);
}

function mergeEntries(groups: { entries: number[] }[]): number[] {
  return groups.flatMap((g) => g.entries).sort((a, b) => a - b);
}

function laneOf(g: TimelineGroup, prefix: string): Lane {
  // The store labels claims without a claimant "(outlet)": the outlet asserts them itself.
  const label = prefix === 'c' && g.key === null ? 'The outlet itself' : g.label;
  return { key: `${prefix}:${g.key ?? ''}`, label, entries: g.entries, merged: g.key === null && prefix === 'c' };
}

/**
 * The lanes of a timeline. By claimant: one lane per claimant, most claims first. By storyline: one lane per
 * storyline (a claim and its confirmed repeats), then one for claims in no storyline. When there are more than
 * `maxLanes`, the smallest groups share an "Other" lane so that every claim stays visible.
 */
export function buildLanes(tl: Timeline, grouping: Grouping, maxLanes: number): Lane[] {
  const max = Math.max(1, Math.floor(maxLanes));
  if (grouping === 'claimant') {
    const groups = tl.claimants;
    if (groups.length <= max) return groups.map((g) => laneOf(g, 'c'));
    const keep = groups.slice(0, max - 1);
    const rest = groups.slice(max - 1);
    return [
      ...keep.map((g) => laneOf(g, 'c')),
      { key: 'c:*other', label: `${rest.length} other claimants`, entries: mergeEntries(rest), merged: true },
    ];
  }
  const inStory = new Set<number>();
  for (const g of tl.storylines) for (const i of g.entries) inStory.add(i);
  const loose: number[] = [];
  for (let i = 0; i < tl.claims.length; i++) if (!inStory.has(i)) loose.push(i);
  const looseLane: Lane[] = loose.length
    ? [{ key: 's:*none', label: 'Not in a storyline', entries: loose, merged: true }]
    : [];
  const room = max - looseLane.length;
  let lanes: Lane[];
  if (tl.storylines.length <= room) {
    lanes = tl.storylines.map((g) => laneOf(g, 's'));
  } else {
    // Keep the biggest storylines (in their order of first appearance), merge the rest.
    const keepN = Math.max(0, room - 1);
    const bySize = tl.storylines
      .map((g, i) => ({ g, i }))
      .sort((a, b) => b.g.entries.length - a.g.entries.length || a.i - b.i);
    const kept = new Set(bySize.slice(0, keepN).map((x) => x.i));
    const rest = tl.storylines.filter((_, i) => !kept.has(i));
    lanes = [
      ...tl.storylines.filter((_, i) => kept.has(i)).map((g) => laneOf(g, 's')),
      { key: 's:*other', label: `${rest.length} other storylines`, entries: mergeEntries(rest), merged: true },
    ];
  }
  return [...lanes, ...looseLane];
}

// ------------------------------------------------------------------------------------------------------------
// View window and zoom

/** The visible time window, in (fractional) days since 1970-01-01. */
export interface View {
  start: number;
  end: number;
}

export const MIN_SPAN = 3;
export const MAX_SPAN = 365 * 80;

export type ZoomLevel = 'years' | 'months' | 'days';

/** Span shown by each zoom button. */
export const LEVEL_SPAN: Record<ZoomLevel, number> = { years: 365 * 8, months: 365, days: 14 };

export function levelOf(view: View): ZoomLevel {
  const span = view.end - view.start;
  if (span > 365 * 2.5) return 'years';
  if (span > 60) return 'months';
  return 'days';
}

function clampSpan(span: number): number {
  return Math.min(MAX_SPAN, Math.max(MIN_SPAN, span));
}

/** Zooms by `factor` (< 1 zooms in) keeping the moment at `anchor` (0..1 across the view) in place. */
export function zoomAt(view: View, factor: number, anchor = 0.5): View {
  const span = view.end - view.start;
  const next = clampSpan(span * factor);
  const at = view.start + span * Math.min(1, Math.max(0, anchor));
  const start = at - (at - view.start) * (next / span);
  return { start, end: start + next };
}

/** A window of `span` days centred on the middle of `view`. */
export function zoomTo(view: View, span: number): View {
  const mid = (view.start + view.end) / 2;
  const s = clampSpan(span);
  return { start: mid - s / 2, end: mid + s / 2 };
}

/** Moves the window by `fraction` of its width (negative: back in time). */
export function pan(view: View, fraction: number): View {
  const d = (view.end - view.start) * fraction;
  return { start: view.start + d, end: view.end + d };
}

/** A window that shows every claim from `from` to `to` with a margin (at least MIN_SPAN days). */
export function fitView(from: string | null, to: string | null, today = new Date().toISOString().slice(0, 10)): View {
  const a = dayNumber(from ?? today);
  const b = dayNumber(to ?? from ?? today) + 1;
  const span = Math.max(b - a, 1);
  const margin = Math.max(span * 0.06, 1);
  const v = { start: a - margin, end: b + margin };
  return v.end - v.start < MIN_SPAN ? zoomTo(v, MIN_SPAN) : v;
}

/** Moves the window back so that it still shows part of `from`..`to` (panning never loses the topic). */
export function keepInRange(view: View, from: string | null, to: string | null): View {
  if (!from || !to) return view;
  const span = view.end - view.start;
  const a = dayNumber(from);
  const b = dayNumber(to) + 1;
  const edge = Math.min(span * 0.15, (b - a) / 2 + span * 0.05);
  if (view.end < a + edge) return { start: a + edge - span, end: a + edge };
  if (view.start > b - edge) return { start: b - edge, end: b - edge + span };
  return view;
}

/** Keeps `day` inside the window, moving it as little as needed. */
export function reveal(view: View, day: number, margin = 0.08): View {
  const span = view.end - view.start;
  const lo = view.start + span * margin;
  const hi = view.end - span * margin;
  if (day < lo) return { start: day - span * margin, end: day - span * margin + span };
  if (day > hi) return { start: day + span * margin - span, end: day + span * margin };
  return view;
}

// ------------------------------------------------------------------------------------------------------------
// Axis

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

export interface Tick {
  /** Pixels from the left of the plot. */
  x: number;
  label: string;
}

/**
 * Calendar ticks for the window (years, months, weeks or days, never finer than a day: claims are dated by
 * day), about one per `spacing` pixels, labelled so that the year is always readable somewhere.
 */
export function axisTicks(view: View, width: number, spacing = 110): Tick[] {
  if (width <= 0 || view.end <= view.start) return [];
  const scale = scaleUtc().domain([dayToDate(view.start), dayToDate(view.end)]).range([0, width]);
  let dates = scale.ticks(Math.max(2, Math.floor(width / spacing)));
  if (dates.length > 1 && dates[1].getTime() - dates[0].getTime() < DAY_MS) dates = scale.ticks(utcDay.every(1)!);
  const step = dates.length > 1 ? (dates[1].getTime() - dates[0].getTime()) / DAY_MS : 365;
  return dates.map((d, i) => {
    const y = d.getUTCFullYear();
    const m = MONTHS[d.getUTCMonth()];
    const day = d.getUTCDate();
    let label: string;
    if (step >= 360) label = String(y);
    else if (step >= 28) label = i === 0 || d.getUTCMonth() === 0 ? `${m} ${y}` : m;
    else {
      const base = step < 2 ? `${WEEKDAYS[d.getUTCDay()]} ${day} ${m}` : `${day} ${m}`;
      label = i === 0 || (d.getUTCMonth() === 0 && day <= step) ? `${base} ${y}` : base;
    }
    return { x: scale(d), label };
  });
}

// ------------------------------------------------------------------------------------------------------------
// Positions and marks

/**
 * Where each claim sits in time, in days: claims of the same day in the same lane share that day evenly, so
 * that at day zoom they stand side by side in their order. Returned per lane, ascending.
 */
export function lanePositions(tl: Timeline, lane: Lane): Float64Array {
  const out = new Float64Array(lane.entries.length);
  let i = 0;
  while (i < lane.entries.length) {
    const date = tl.claims[lane.entries[i]].date;
    let j = i;
    while (j < lane.entries.length && tl.claims[lane.entries[j]].date === date) j++;
    const day = dayNumber(date);
    const n = j - i;
    for (let k = i; k < j; k++) out[k] = day + (k - i + 0.5) / n;
    i = j;
  }
  return out;
}

/** First index with `arr[i] >= x` (arr ascending). */
export function lowerBound(arr: ArrayLike<number>, x: number): number {
  let lo = 0;
  let hi = arr.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (arr[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** One drawn mark: a single claim, or several claims too close to tell apart at this zoom. */
export interface Mark {
  /** Centre, in pixels from the left of the plot. */
  x: number;
  /** Indexes into `Timeline.claims`. */
  entries: number[];
  /** Claims per status, in STATUSES order (statuses with none left out). */
  counts: { status: ClaimStatus; n: number }[];
}

/**
 * The marks of one lane visible in `view` on a plot `width` pixels wide. Claims closer than `bucketPx` are
 * merged; buckets are fixed in time (not on screen) so marks do not jump while panning. Only visible claims
 * are visited (binary search), so a long topic costs what is on screen.
 */
export function laneMarks(
  tl: Timeline,
  lane: Lane,
  positions: Float64Array,
  view: View,
  width: number,
  bucketPx = 14,
): Mark[] {
  const span = view.end - view.start;
  if (width <= 0 || span <= 0) return [];
  const daysPerPx = span / width;
  const bucketDays = bucketPx * daysPerPx;
  const pad = bucketDays;
  const lo = lowerBound(positions, view.start - pad);
  const hi = lowerBound(positions, view.end + pad);
  const marks: Mark[] = [];
  let current = -Infinity;
  let sum = 0;
  let members: number[] = [];
  const flush = () => {
    if (!members.length) return;
    const counts = new Map<ClaimStatus, number>();
    for (const e of members) {
      const s = tl.claims[e].status;
      counts.set(s, (counts.get(s) ?? 0) + 1);
    }
    marks.push({
      x: (sum / members.length - view.start) / daysPerPx,
      entries: members,
      counts: STATUSES.filter((s) => counts.has(s)).map((s) => ({ status: s, n: counts.get(s) ?? 0 })),
    });
    members = [];
    sum = 0;
  };
  for (let i = lo; i < hi; i++) {
    const b = Math.floor(positions[i] / bucketDays);
    if (b !== current) {
      flush();
      current = b;
    }
    members.push(lane.entries[i]);
    sum += positions[i];
  }
  flush();
  return marks;
}

/** The mark under the pointer, if any (`x` in plot pixels). */
export function markAt(marks: Mark[], x: number, radius: number): Mark | null {
  let best: Mark | null = null;
  let bestD = Infinity;
  for (const m of marks) {
    const d = Math.abs(m.x - x);
    if (d <= radius && d < bestD) {
      best = m;
      bestD = d;
    }
  }
  return best;
}

/**
 * Height in pixels of a mark holding `n` claims when the fullest mark in view holds `most`: a log scale from a
 * single claim's 12 px up to the lane's height, so dense periods stand out and no mark leaves its lane.
 */
export function markHeight(n: number, laneHeight: number, most = n): number {
  const top = Math.max(12, laneHeight - 10);
  if (n <= 1) return 12;
  const share = Math.log2(n) / Math.log2(Math.max(2, most));
  return Math.min(top, 14 + (top - 14) * Math.min(1, share));
}

/** Most claims held by one mark. */
export function mostInMark(lanes: Mark[][]): number {
  let most = 1;
  for (const marks of lanes) for (const m of marks) most = Math.max(most, m.entries.length);
  return most;
}

/** Lane height and how many lanes fit in `height` pixels. */
export function laneLayout(height: number, lanes: number, min = 36, max = 80): { laneHeight: number; maxLanes: number } {
  const maxLanes = Math.max(1, Math.floor(height / min));
  const n = Math.max(1, Math.min(lanes, maxLanes));
  return { laneHeight: Math.max(min, Math.min(max, Math.floor(height / n))), maxLanes };
}

// ------------------------------------------------------------------------------------------------------------
// Colours and counts

/** Status colours from the theme's CSS variables (`--s-verified`, ...), as the reader and library use them. */
export function statusColors(read: (cssVar: string) => string): Record<ClaimStatus, string> {
  const out = {} as Record<ClaimStatus, string>;
  for (const s of STATUSES) out[s] = read(`--s-${s}`).trim() || '#999999';
  return out;
}

/** A topic's counts as the status bar takes them: verdicts, and the claims without one as unreviewed. */
export function countsByStatus(claims: number, v: VerdictCounts): { [key in ClaimStatus]?: number } {
  const rated = v.verified + v.disputed + v.false + v.misleading + v.unverifiable;
  return {
    unreviewed: Math.max(0, claims - rated),
    verified: v.verified,
    disputed: v.disputed,
    false: v.false,
    misleading: v.misleading,
    unverifiable: v.unverifiable,
  };
}

/** Claims per status on a timeline. */
export function statusTally(tl: Timeline): Record<ClaimStatus, number> {
  const out = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<ClaimStatus, number>;
  for (const c of tl.claims) out[c.status]++;
  return out;
}

/** Splits a comma- or newline-separated list typed by the user ("Syria, ceasefire talks"). */
export function parseTerms(text: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of text.split(/[,\n;]/)) {
    const t = raw.trim().replace(/\s+/g, ' ');
    if (t && !seen.has(t.toLowerCase())) {
      seen.add(t.toLowerCase());
      out.push(t);
    }
  }
  return out;
}
