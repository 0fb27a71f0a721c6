import type { ClaimStatus } from './bindings/ClaimStatus';
import type { ClaimKind } from './bindings/ClaimKind';

export const STATUS_LABEL: Record<ClaimStatus, string> = {
  unreviewed: 'Unreviewed',
  in_review: 'In review',
  verified: 'Verified',
  disputed: 'Disputed',
  false: 'False',
  misleading: 'Misleading',
  unverifiable: 'Unverifiable',
};

export const STATUSES: ClaimStatus[] = [
  'unreviewed',
  'in_review',
  'verified',
  'disputed',
  'false',
  'misleading',
  'unverifiable',
];

/** Verdict keys of the review queue and the claim panel. */
export const VERDICT_KEYS: { key: string; status: ClaimStatus }[] = [
  { key: 'v', status: 'verified' },
  { key: 'd', status: 'disputed' },
  { key: 'f', status: 'false' },
  { key: 'm', status: 'misleading' },
  { key: 'u', status: 'unverifiable' },
];

export function verdictForKey(key: string): ClaimStatus | null {
  return VERDICT_KEYS.find((v) => v.key === key)?.status ?? null;
}

export const KIND_LABEL: Record<ClaimKind, string> = {
  direct_quote: 'Direct quote',
  reported_speech: 'Reported speech',
  statement: 'Statement',
  statistic: 'Statistic',
  event: 'Event',
};

export const KINDS: ClaimKind[] = ['statement', 'direct_quote', 'reported_speech', 'statistic', 'event'];

export function formatScore(x: number): string {
  return x.toFixed(2);
}

export function formatDate(d: string | null | undefined): string {
  return d ?? 'No date';
}

export function formatTime(t: string): string {
  const d = new Date(t);
  return Number.isNaN(d.getTime()) ? t : d.toLocaleString();
}
