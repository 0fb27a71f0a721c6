// Pure logic of the Export dialog and of the rating scale settings (unit-tested in export.test.ts).
import type { ClaimReviewSettings } from '../../lib/bindings/ClaimReviewSettings';
import type { ClaimStatus } from '../../lib/bindings/ClaimStatus';
import type { ExportFormat } from '../../lib/bindings/ExportFormat';
import type { ExportInput } from '../../lib/bindings/ExportInput';
import type { ExportReport } from '../../lib/bindings/ExportReport';

export interface FormatInfo {
  value: ExportFormat;
  label: string;
  extension: string;
  help: string;
}

export const FORMATS: FormatInfo[] = [
  {
    value: 'claimreview',
    label: 'ClaimReview (JSON-LD)',
    extension: 'json',
    help: 'schema.org fact-check markup for search engines and fact-check tools: claims with a verdict only, signed with the publisher and rating scale from Settings.',
  },
  {
    value: 'csv',
    label: 'CSV',
    extension: 'csv',
    help: 'One row per claim for spreadsheets: verdict, reviewer, article, topics, evidence and links.',
  },
  {
    value: 'json',
    label: 'JSON',
    extension: 'json',
    help: 'Everything about each claim: its article, full verdict history, evidence, topics and links.',
  },
];

export function formatInfo(format: ExportFormat): FormatInfo {
  return FORMATS.find((f) => f.value === format) ?? FORMATS[0];
}

/** What the dialog's fields hold (dates as the `YYYY-MM-DD` text of date inputs, empty for none). */
export interface ExportForm {
  format: ExportFormat;
  topic: string;
  since: string;
  until: string;
  reviewedOnly: boolean;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Why the form cannot be exported yet, or null. */
export function formProblem(form: ExportForm): string | null {
  for (const [label, value] of [
    ['From', form.since],
    ['To', form.until],
  ] as const) {
    if (value && !DAY.test(value)) return `${label}: use a date like 2024-03-05.`;
  }
  if (form.since && form.until && form.since > form.until) return 'The first day is after the last day.';
  return null;
}

/** The command payload for the file the user chose. ClaimReview always holds only claims with a verdict. */
export function exportInput(form: ExportForm, path: string, overwrite: boolean): ExportInput {
  return {
    format: form.format,
    filter: {
      topic: form.topic.trim() || null,
      since: form.since || null,
      until: form.until || null,
      reviewed_only: form.format === 'claimreview' || form.reviewedOnly,
    },
    path,
    overwrite,
  };
}

/** A file name to suggest in the Save dialog: `claimtrail-<topic>-<format>-<day>.<ext>`. */
export function suggestedFileName(form: ExportForm, topicName: string | null, today: Date): string {
  const day = today.toISOString().slice(0, 10);
  const slug = (topicName ?? '')
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  const info = formatInfo(form.format);
  return ['claimtrail', slug, form.format, day].filter(Boolean).join('-') + '.' + info.extension;
}

/** The sentence shown after an export. */
export function reportSummary(report: ExportReport): string {
  const n = report.claims;
  const what = n === 1 ? '1 claim' : `${n} claims`;
  return `Exported ${what} as ${formatInfo(report.format).label} to ${report.path}.`;
}

// --- Rating scale & publisher ---

/** One editable row of the scale: the value as typed (empty: published by name only). */
export interface ScaleRow {
  status: ClaimStatus;
  value: string;
  name: string;
}

export interface ScaleForm {
  publisherName: string;
  publisherUrl: string;
  reviewBaseUrl: string;
  worst: string;
  best: string;
  rows: ScaleRow[];
}

export function scaleForm(s: ClaimReviewSettings): ScaleForm {
  return {
    publisherName: s.publisher.name ?? '',
    publisherUrl: s.publisher.url ?? '',
    reviewBaseUrl: s.publisher.review_base_url ?? '',
    worst: String(s.scale.worst_rating),
    best: String(s.scale.best_rating),
    rows: s.scale.ratings.map((r) => ({
      status: r.status,
      value: r.value == null ? '' : String(r.value),
      name: r.name,
    })),
  };
}

function integer(text: string): number | null {
  const t = text.trim();
  return /^-?\d+$/.test(t) ? Number(t) : null;
}

/**
 * The settings the form describes, or the first field that is not a whole number. Everything else (values in
 * range, no duplicates, names) is checked by the app, which explains what is wrong.
 */
export function settingsFromForm(f: ScaleForm): { settings: ClaimReviewSettings } | { error: string } {
  const worst = integer(f.worst);
  const best = integer(f.best);
  if (worst === null) return { error: 'Worst rating: enter a whole number.' };
  if (best === null) return { error: 'Best rating: enter a whole number.' };
  const ratings = [];
  for (const r of f.rows) {
    const value = r.value.trim() === '' ? null : integer(r.value);
    if (r.value.trim() !== '' && value === null) return { error: `${r.status}: the value must be a whole number or empty.` };
    ratings.push({ status: r.status, value, name: r.name });
  }
  const text = (s: string) => (s.trim() === '' ? null : s.trim());
  return {
    settings: {
      publisher: {
        name: text(f.publisherName),
        url: text(f.publisherUrl),
        review_base_url: text(f.reviewBaseUrl),
      },
      scale: { worst_rating: worst, best_rating: best, ratings },
    },
  };
}

/** An example review URL for a claim id, as the export builds it. */
export function reviewUrlExample(base: string, claimId = '0190…'): string | null {
  const b = base.trim();
  return b ? `${b}${claimId}` : null;
}
