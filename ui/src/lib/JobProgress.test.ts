import { describe, expect, it } from 'vitest';
import { render } from '@testing-library/svelte';
import JobProgress from './JobProgress.svelte';

describe('JobProgress', () => {
  it('shows how many queued claims have been linked, with thousands separators', () => {
    const { getByRole, getByTestId } = render(JobProgress, {
      props: { progress: { done: 120, total: 4000, building_index: null }, label: 'Finding links', testid: 'link-progress' },
    });
    expect(getByRole('status')).toHaveTextContent('Finding links… 120 / 4,000 claims');
    const bar = getByTestId('link-progress').querySelector('progress');
    expect(bar).toHaveAttribute('max', '4000');
    expect(bar).toHaveAttribute('value', '120');
  });

  it('names the job it follows', () => {
    const { getByTestId } = render(JobProgress, {
      props: { progress: { done: 64, total: 900, building_index: null }, label: 'Scoring claims', testid: 'score-progress' },
    });
    expect(getByTestId('score-progress')).toHaveTextContent('Scoring claims… 64 / 900 claims');
  });

  it('counts in the unit it is given', () => {
    const { getByTestId } = render(JobProgress, {
      props: {
        progress: { done: 256, total: 19000, building_index: null },
        label: 'Indexing fact-checks',
        testid: 'factcheck-progress',
        unit: 'fact-checks',
      },
    });
    expect(getByTestId('factcheck-progress')).toHaveTextContent('Indexing fact-checks… 256 / 19,000 fact-checks');
  });

  it('names the wait while the link job builds its similarity index', () => {
    const { getByTestId } = render(JobProgress, {
      props: {
        progress: { done: 0, total: 24, building_index: 1250000 },
        label: 'Finding links',
        testid: 'link-progress',
      },
    });
    const status = getByTestId('link-progress');
    expect(status).toHaveTextContent(
      'Finding links: building the similarity index of 1,250,000 claims (once; a few minutes)…',
    );
    expect(status).not.toHaveTextContent('0 / 24');
    // A bar without a value: it moves without claiming how far along it is.
    expect(status.querySelector('progress')).not.toHaveAttribute('value');
  });

  it('shows nothing when the job does not run', () => {
    const { queryByTestId } = render(JobProgress, {
      props: { progress: null, label: 'Finding links', testid: 'link-progress' },
    });
    expect(queryByTestId('link-progress')).toBeNull();
  });
});
