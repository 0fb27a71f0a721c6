import { describe, expect, it } from 'vitest';
import { render } from '@testing-library/svelte';
import JobProgress from './JobProgress.svelte';

describe('JobProgress', () => {
  it('shows how many queued claims have been linked, with thousands separators', () => {
    const { getByRole, getByTestId } = render(JobProgress, {
      props: { progress: { done: 120, total: 4000 }, label: 'Finding links', testid: 'link-progress' },
    });
    expect(getByRole('status')).toHaveTextContent('Finding links… 120 / 4,000 claims');
    const bar = getByTestId('link-progress').querySelector('progress');
    expect(bar).toHaveAttribute('max', '4000');
    expect(bar).toHaveAttribute('value', '120');
  });

  it('names the job it follows', () => {
    const { getByTestId } = render(JobProgress, {
      props: { progress: { done: 64, total: 900 }, label: 'Scoring claims', testid: 'score-progress' },
    });
    expect(getByTestId('score-progress')).toHaveTextContent('Scoring claims… 64 / 900 claims');
  });

  it('counts in the unit it is given', () => {
    const { getByTestId } = render(JobProgress, {
      props: {
        progress: { done: 256, total: 19000 },
        label: 'Indexing fact-checks',
        testid: 'factcheck-progress',
        unit: 'fact-checks',
      },
    });
    expect(getByTestId('factcheck-progress')).toHaveTextContent('Indexing fact-checks… 256 / 19,000 fact-checks');
  });

  it('shows nothing when the job does not run', () => {
    const { queryByTestId } = render(JobProgress, {
      props: { progress: null, label: 'Finding links', testid: 'link-progress' },
    });
    expect(queryByTestId('link-progress')).toBeNull();
  });
});
