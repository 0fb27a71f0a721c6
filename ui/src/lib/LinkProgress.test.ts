import { describe, expect, it } from 'vitest';
import { render } from '@testing-library/svelte';
import LinkProgress from './LinkProgress.svelte';

describe('LinkProgress', () => {
  it('shows how many queued claims have been linked, with thousands separators', () => {
    const { getByRole, getByTestId } = render(LinkProgress, { props: { progress: { done: 120, total: 4000 } } });
    expect(getByRole('status')).toHaveTextContent('Finding links… 120 / 4,000 claims');
    const bar = getByTestId('link-progress').querySelector('progress');
    expect(bar).toHaveAttribute('max', '4000');
    expect(bar).toHaveAttribute('value', '120');
  });

  it('shows nothing when no link suggestion runs', () => {
    const { queryByTestId } = render(LinkProgress, { props: { progress: null } });
    expect(queryByTestId('link-progress')).toBeNull();
  });
});
