import { describe, expect, it } from 'vitest';
import { claimAt, markActive, renderSegments } from './articleText';
import { offsetOf, segment } from '../../lib/spans';
import type { Claim } from '../../lib/bindings/Claim';

function claim(id: string, start: number, end: number, status: Claim['status'] = 'unreviewed', dismissed = false): Claim {
  return {
    id, article_id: 'a', text: '', start, end, claimant: null, speaker: null, kind: 'statement',
    checkworthiness: 0.5, status, dismissed, manual: false, created_at: '', updated_at: '', entities: [],
  };
}

function build(text: string, claims: Claim[]): HTMLElement {
  const el = document.createElement('div');
  el.append(renderSegments(segment(text, claims), (seg) => seg.claims.map((c) => c.id).join('\n')));
  document.body.replaceChildren(el);
  return el;
}

describe('the article text', () => {
  it('keeps every character, as text, with a mark per claimed run coloured by its innermost claim', () => {
    const text = 'Intro. <script>alert(1)</script> said the mayor. <img src=x onerror=alert(2)> Outro.';
    const el = build(text, [claim('outer', 7, 48, 'false'), claim('inner', 7, 32, 'verified'), claim('gone', 49, 77, 'unreviewed', true)]);
    expect(el.textContent).toBe(text);
    expect(el.querySelector('script, img')).toBeNull();
    const marks = [...el.querySelectorAll<HTMLElement>('mark.claim')];
    expect(marks.map((m) => [m.textContent, m.dataset.top, m.dataset.claims, m.className])).toEqual([
      ['<script>alert(1)</script>', 'inner', 'outer inner', 'claim s-verified nested'],
      [' said the mayor.', 'outer', 'outer', 'claim s-false'],
      ['<img src=x onerror=alert(2)>', 'gone', 'gone', 'claim s-unreviewed dismissed'],
    ]);
    expect(marks[0].title).toBe('outer\ninner');
  });

  it('gives every run its code point offset, so a selection maps back to the text', () => {
    const el = build('😀 ok 😀 yes', [claim('a', 5, 10)]);
    const mark = el.querySelector('mark')!;
    expect(mark.dataset.start).toBe('5');
    expect(offsetOf(mark.firstChild, 3)).toBe(7);
  });

  it('outlines the runs of the open claim only, and finds the claim a click lands in', () => {
    const el = build('One two three four.', [claim('outer', 0, 19), claim('inner', 4, 7)]);
    markActive(el, 'inner');
    expect([...el.querySelectorAll('mark.active')].map((m) => m.textContent)).toEqual(['two']);
    markActive(el, 'outer');
    expect(el.querySelectorAll('mark.active').length).toBe(3);
    markActive(el, null);
    expect(el.querySelectorAll('mark.active').length).toBe(0);
    const inner = [...el.querySelectorAll('mark')].find((m) => m.textContent === 'two')!;
    expect(claimAt(inner.firstChild?.parentElement ?? null)).toBe('inner');
    expect(claimAt(el)).toBeNull();
  });
});
