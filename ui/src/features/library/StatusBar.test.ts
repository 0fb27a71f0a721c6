import { describe, expect, it } from 'vitest';
import { render } from '@testing-library/svelte';
import StatusBar from './StatusBar.svelte';

describe('StatusBar', () => {
  it('shows one segment per status present, sized by count, with a readable label', () => {
    const { container, getByRole } = render(StatusBar, { props: { counts: { verified: 2, unreviewed: 5 } } });
    const segs = container.querySelectorAll('.seg');
    expect(segs).toHaveLength(2);
    expect(getByRole('img')).toHaveAttribute('aria-label', '5 unreviewed, 2 verified');
  });

  it('says when there are no claims', () => {
    const { getByRole } = render(StatusBar, { props: { counts: {} } });
    expect(getByRole('img')).toHaveAttribute('aria-label', 'no claims');
  });
});
