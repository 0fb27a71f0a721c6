import { describe, expect, it } from 'vitest';
import type { ClaimReviewSettings } from '../../lib/bindings/ClaimReviewSettings';
import {
  exportInput,
  formProblem,
  reportSummary,
  reviewUrlExample,
  scaleForm,
  settingsFromForm,
  suggestedFileName,
  type ExportForm,
} from './export';

const form = (over: Partial<ExportForm> = {}): ExportForm => ({
  format: 'csv',
  topic: '',
  since: '',
  until: '',
  reviewedOnly: false,
  ...over,
});

const DEFAULTS: ClaimReviewSettings = {
  publisher: { name: null, url: null, review_base_url: null },
  scale: {
    worst_rating: 1,
    best_rating: 5,
    ratings: [
      { status: 'false', value: 1, name: 'False' },
      { status: 'misleading', value: 2, name: 'Misleading' },
      { status: 'disputed', value: 3, name: 'Disputed' },
      { status: 'verified', value: 5, name: 'True' },
      { status: 'unverifiable', value: null, name: 'Unverifiable' },
    ],
  },
};

describe('export form', () => {
  it('turns empty fields into no filter and forces verdicts for ClaimReview', () => {
    expect(exportInput(form(), '/tmp/x.csv', true)).toEqual({
      format: 'csv',
      filter: { topic: null, since: null, until: null, reviewed_only: false },
      path: '/tmp/x.csv',
      overwrite: true,
    });
    const cr = exportInput(form({ format: 'claimreview', topic: ' t1 ', since: '2024-03-01' }), '/x.json', false);
    expect(cr.filter).toEqual({ topic: 't1', since: '2024-03-01', until: null, reviewed_only: true });
    expect(exportInput(form({ reviewedOnly: true }), 'p', false).filter.reviewed_only).toBe(true);
  });

  it('refuses backwards or malformed date ranges', () => {
    expect(formProblem(form({ since: '2024-03-02', until: '2024-03-01' }))).toMatch(/after/);
    expect(formProblem(form({ since: '03/01/2024' }))).toMatch(/From/);
    expect(formProblem(form({ since: '2024-03-01', until: '2024-03-01' }))).toBeNull();
  });

  it('suggests a file name from the format, topic and day', () => {
    const day = new Date('2024-03-05T12:00:00Z');
    expect(suggestedFileName(form({ format: 'claimreview' }), null, day)).toBe('claimtrail-claimreview-2024-03-05.json');
    expect(suggestedFileName(form(), 'Ceasefire talks / Gaza', day)).toBe('claimtrail-ceasefire-talks-gaza-csv-2024-03-05.csv');
    expect(suggestedFileName(form({ format: 'json' }), '../../etc', day)).toBe('claimtrail-etc-json-2024-03-05.json');
  });

  it('summarises a report', () => {
    expect(reportSummary({ path: '/a/b.csv', format: 'csv', claims: 1, bytes: 10, warnings: [] })).toBe(
      'Exported 1 claim as CSV to /a/b.csv.',
    );
  });
});

describe('rating scale form', () => {
  it('round-trips the settings and reads an empty value as none', () => {
    const f = scaleForm(DEFAULTS);
    expect(f.rows[4]).toEqual({ status: 'unverifiable', value: '', name: 'Unverifiable' });
    expect(settingsFromForm(f)).toEqual({ settings: DEFAULTS });
  });

  it('trims the publisher and rejects values that are not whole numbers', () => {
    const f = scaleForm(DEFAULTS);
    f.publisherName = '  Example Checks ';
    f.reviewBaseUrl = ' https://checks.example/c/ ';
    const ok = settingsFromForm(f);
    expect('settings' in ok && ok.settings.publisher).toEqual({
      name: 'Example Checks',
      url: null,
      review_base_url: 'https://checks.example/c/',
    });
    f.rows[0].value = '1.5';
    expect(settingsFromForm(f)).toEqual({ error: 'false: the value must be a whole number or empty.' });
    f.rows[0].value = '1';
    f.best = 'five';
    expect(settingsFromForm(f)).toEqual({ error: 'Best rating: enter a whole number.' });
  });

  it('shows the review URL a claim gets', () => {
    expect(reviewUrlExample('https://checks.example/c/', 'abc')).toBe('https://checks.example/c/abc');
    expect(reviewUrlExample('  ')).toBeNull();
  });
});
