import { describe, expect, it } from 'vitest';
import { segment, cpLength, cpSlice, snippetParts } from './spans';
import type { Claim } from './bindings/Claim';

function claim(id: string, start: number, end: number, status: Claim['status'] = 'unreviewed'): Claim {
  return {
    id, article_id: 'a', text: '', start, end, claimant: null, speaker: null, kind: 'statement',
    checkworthiness: 0.5, status, dismissed: false, manual: false, created_at: '', updated_at: '', entities: [],
  };
}

describe('segment', () => {
  it('cuts text at claim boundaries and keeps every character', () => {
    const text = 'Prices rose. “Taxes fell,” she said.';
    const segs = segment(text, [claim('a', 0, 12), claim('b', 13, 26)]);
    expect(segs.map((s) => s.text).join('')).toBe(text);
    expect(segs.filter((s) => s.claims.length).map((s) => s.text)).toEqual(['Prices rose.', '“Taxes fell,”']);
  });

  it('counts offsets in code points, as Rust chars do', () => {
    const text = '😀 ok 😀 yes';
    const segs = segment(text, [claim('a', 5, 10)]);
    expect(segs.find((s) => s.claims.length)?.text).toBe('😀 yes');
    expect(cpLength(text)).toBe(10);
    expect(cpSlice(text, 2, 4)).toBe('ok');
  });

  it('nests overlapping claims with the innermost last and ignores spans out of range', () => {
    const segs = segment('abcdefghij', [claim('outer', 0, 10), claim('inner', 2, 4), claim('bad', 5, 99)]);
    const mid = segs.find((s) => s.start === 2)!;
    expect(mid.claims.map((c) => c.id)).toEqual(['outer', 'inner']);
    expect(segs.every((s) => !s.claims.some((c) => c.id === 'bad'))).toBe(true);
  });
});

describe('snippetParts', () => {
  it('marks bracketed words without interpreting markup', () => {
    expect(snippetParts('a [b] <img src=x> [c]')).toEqual([
      { text: 'a ', mark: false },
      { text: 'b', mark: true },
      { text: ' <img src=x> ', mark: false },
      { text: 'c', mark: true },
    ]);
  });
});
