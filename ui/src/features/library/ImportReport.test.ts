import { describe, expect, it, vi } from 'vitest';
import { render, fireEvent } from '@testing-library/svelte';
import ImportReport from './ImportReport.svelte';

vi.mock('@tauri-apps/api/core', () => ({ invoke: vi.fn() }));

describe('ImportReport', () => {
  it('lists each item with its outcome and shows errors as text', async () => {
    const onclose = vi.fn();
    const { getByText, container } = render(ImportReport, {
      props: {
        report: {
          imported: 1, duplicates: 1, failed: 1,
          items: [
            { label: 'a.txt', outcome: 'imported', article_id: 'x', claims: 4, error: null },
            { label: 'b.txt', outcome: 'duplicate', article_id: 'y', claims: 0, error: null },
            { label: 'c.bin', outcome: 'failed', article_id: null, claims: 0, error: '<b>binary</b> file' },
          ],
        },
        onclose,
      },
    });
    expect(getByText(/1 imported, 1 already in the library, 1 failed/)).toBeInTheDocument();
    expect(getByText('4 claims')).toBeInTheDocument();
    expect(getByText('<b>binary</b> file')).toBeInTheDocument();
    expect(container.querySelector('b')).toBeNull();
    await fireEvent.click(getByText('Close'));
    expect(onclose).toHaveBeenCalled();
  });
});
