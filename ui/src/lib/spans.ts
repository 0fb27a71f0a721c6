// Claim offsets are Unicode scalar (code point) offsets into the article text, as Rust counts `char`s.
// JavaScript strings index UTF-16 units, so everything here works on code point arrays.
import type { Claim } from './bindings/Claim';

/** One run of article text and the claims covering it (innermost last). */
export interface Segment {
  start: number;
  end: number;
  text: string;
  claims: Claim[];
}

/** Splits `text` into runs at every claim boundary. */
export function segment(text: string, claims: Claim[]): Segment[] {
  const chars = Array.from(text);
  const n = chars.length;
  const bounds = new Set<number>([0, n]);
  const live = claims.filter((c) => c.start < c.end && c.start >= 0 && c.end <= n);
  for (const c of live) {
    bounds.add(c.start);
    bounds.add(c.end);
  }
  const cuts = [...bounds].sort((a, b) => a - b);
  const out: Segment[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const [s, e] = [cuts[i], cuts[i + 1]];
    if (s === e) continue;
    const covering = live
      .filter((c) => c.start <= s && c.end >= e)
      .sort((a, b) => b.end - b.start - (a.end - a.start));
    out.push({ start: s, end: e, text: chars.slice(s, e).join(''), claims: covering });
  }
  return out;
}

/** Number of code points in `s`. */
export function cpLength(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/** Code point slice of `s`. */
export function cpSlice(s: string, start: number, end?: number): string {
  return Array.from(s).slice(start, end).join('');
}

/** Splits a search snippet with `[matched]` markers into plain and marked parts (rendered as text). */
export function snippetParts(snippet: string): { text: string; mark: boolean }[] {
  const parts: { text: string; mark: boolean }[] = [];
  const re = /\[([^\]]*)\]/g;
  let last = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(snippet))) {
    if (m.index > last) parts.push({ text: snippet.slice(last, m.index), mark: false });
    parts.push({ text: m[1], mark: true });
    last = m.index + m[0].length;
  }
  if (last < snippet.length) parts.push({ text: snippet.slice(last), mark: false });
  return parts;
}

/**
 * The code point offset of a DOM position inside a reader whose text runs are elements carrying
 * `data-start` (their first code point's offset) and holding one text node each.
 */
export function offsetOf(node: Node | null, offset: number): number | null {
  if (!node) return null;
  let el: Element | null = node.nodeType === Node.TEXT_NODE ? node.parentElement : (node as Element);
  if (node.nodeType !== Node.TEXT_NODE && el) {
    // A position between children: use the child at `offset` (or the end of the previous one).
    const child = el.childNodes[offset] as Element | undefined;
    if (child && child.nodeType === Node.ELEMENT_NODE && (child as HTMLElement).dataset?.start) {
      return Number((child as HTMLElement).dataset.start);
    }
  }
  while (el && !(el as HTMLElement).dataset?.start) el = el.parentElement;
  if (!el) return null;
  const base = Number((el as HTMLElement).dataset.start);
  if (node.nodeType !== Node.TEXT_NODE) return base;
  return base + cpLength((node.textContent ?? '').slice(0, offset));
}
