// Merge suggestions for person records: how one reads, and what the list looks like once one is acted on.
import type { PersonMergeSuggestion } from '../../lib/bindings/PersonMergeSuggestion';

/** "Varga → Elena Varga": the record merged, then the one kept. */
export function suggestionNames(s: PersonMergeSuggestion): string {
  return `${s.merge.name} → ${s.keep.name}`;
}

/** "same surname · 1 + 1 claims": why, and the claims of each record (the merged one first). */
export function suggestionDetail(s: PersonMergeSuggestion): string {
  const total = s.merge_claims + s.keep_claims;
  return `${s.reason} · ${s.merge_claims} + ${s.keep_claims} ${total === 1 ? 'claim' : 'claims'}`;
}

/** A key for the pair, whichever way round. */
export function suggestionKey(s: PersonMergeSuggestion): string {
  return [s.merge.id, s.keep.id].sort().join('|');
}

/** The list without the pair of `s` (shown at once, while the list is fetched again after acting on it). */
export function withoutPair(list: PersonMergeSuggestion[], s: PersonMergeSuggestion): PersonMergeSuggestion[] {
  const key = suggestionKey(s);
  return list.filter((o) => suggestionKey(o) !== key);
}
