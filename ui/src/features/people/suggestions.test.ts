import { describe, expect, it } from 'vitest';
import type { PersonMergeSuggestion } from '../../lib/bindings/PersonMergeSuggestion';
import { suggestionDetail, suggestionKey, suggestionNames, withoutPair } from './suggestions';

function suggestion(merge: string, keep: string, mergeClaims = 1, keepClaims = 1): PersonMergeSuggestion {
  const person = (name: string) => ({ id: `id-${name}`, name, aliases: [], said: 1, mentioned: 0 });
  return {
    keep: person(keep),
    merge: person(merge),
    rule: 'surname',
    reason: 'same surname',
    keep_claims: keepClaims,
    merge_claims: mergeClaims,
  };
}

describe('merge suggestions', () => {
  it('read as the name merged, the name kept, why and the claims of each', () => {
    const s = suggestion('Varga', 'Elena Varga', 1, 3);
    expect(suggestionNames(s)).toBe('Varga → Elena Varga');
    expect(suggestionDetail(s)).toBe('same surname · 1 + 3 claims');
    expect(suggestionDetail(suggestion('Varga', 'Elena Varga', 0, 1))).toBe('same surname · 0 + 1 claim');
  });

  it('are one pair whichever way round, and leave the list alone when acted on', () => {
    const a = suggestion('Varga', 'Elena Varga');
    const b = suggestion('Ruiz', 'Ana Ruiz');
    expect(suggestionKey(a)).toBe(suggestionKey(suggestion('Elena Varga', 'Varga')));
    expect(withoutPair([a, b], suggestion('Elena Varga', 'Varga'))).toEqual([b]);
    expect(withoutPair([a, b], suggestion('Nobody', 'Else'))).toEqual([a, b]);
  });
});
