// Pure helpers of the links UI (unit-tested in links.test.ts).
import type { ClaimStatus } from '../../lib/bindings/ClaimStatus';
import type { LinkKind } from '../../lib/bindings/LinkKind';
import type { LinkView } from '../../lib/bindings/LinkView';
import type { PropagatedVerdict } from '../../lib/bindings/PropagatedVerdict';
import { STATUSES, STATUS_LABEL } from '../../lib/status';

export const KIND_LABEL: Record<LinkKind, string> = {
  repeats: 'Repeats',
  updates: 'Updates',
  contradicts: 'Contradicts',
  related: 'Related',
};

/** The best link still waiting for a decision (links come confirmed first, then by score). */
export function firstSuggested(links: LinkView[]): LinkView | null {
  return links.find((l) => l.state === 'suggested') ?? null;
}

/** A claim status carried over from a confirmed repeat, if one of them has a verdict. */
export function appliedStatus(verdicts: PropagatedVerdict[]): ClaimStatus | null {
  for (const v of verdicts) {
    if (v.from !== 'claim') continue;
    const s = STATUSES.find((x) => x === v.rating);
    if (s && s !== 'unreviewed' && s !== 'in_review') return s;
  }
  return null;
}

/** One line for a carried-over verdict, e.g. "Rated False on 2017-07-08 by Dana". */
export function verdictLine(v: PropagatedVerdict): string {
  const status = STATUSES.find((x) => x === v.rating);
  const rating = v.from === 'claim' && status ? STATUS_LABEL[status] : `“${v.rating}”`;
  const by = v.reviewer ? ` by ${v.reviewer}` : '';
  const on = v.rated_on ? ` on ${v.rated_on}` : '';
  return `Rated ${rating}${by}${on}`;
}

export function linkWho(l: LinkView): string {
  const o = l.other;
  if (o.type === 'claim') return o.claimant ?? 'The outlet itself';
  return o.claimant ?? o.publisher ?? 'Unknown claimant';
}

export function linkDate(l: LinkView): string {
  return l.other.date ?? 'No date';
}
