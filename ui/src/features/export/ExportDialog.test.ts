import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, fireEvent, waitFor } from '@testing-library/svelte';
import { invoke } from '@tauri-apps/api/core';
import { save } from '@tauri-apps/plugin-dialog';
import ExportDialog from './ExportDialog.svelte';

vi.mock('@tauri-apps/api/core', () => ({ invoke: vi.fn() }));
vi.mock('@tauri-apps/plugin-dialog', () => ({ save: vi.fn() }));

const invokeMock = vi.mocked(invoke);
const saveMock = vi.mocked(save);

describe('ExportDialog', () => {
  beforeEach(() => {
    invokeMock.mockReset();
    saveMock.mockReset();
  });

  it('exports to the chosen file and shows the count and path', async () => {
    saveMock.mockResolvedValue('/home/dana/reviews.json');
    invokeMock.mockImplementation(async (cmd: string, args?: unknown) => {
      if (cmd === 'list_topics') return [];
      if (cmd === 'export_claims') {
        const input = (args as { input: { path: string } }).input;
        return { path: input.path, format: 'claimreview', claims: 6, bytes: 4096, warnings: ['1 review names an article without a URL'] };
      }
      throw new Error(`unexpected ${cmd}`);
    });
    const { getByTestId, findByTestId } = render(ExportDialog, { props: { onclose: vi.fn() } });
    await fireEvent.click(getByTestId('export-run'));
    const report = await findByTestId('export-report');
    expect(report.textContent).toContain('6');
    expect(report.textContent).toContain('/home/dana/reviews.json');
    expect(report.textContent).toContain('without a URL');
    const call = invokeMock.mock.calls.find((c) => c[0] === 'export_claims');
    expect(call?.[1]).toEqual({
      input: {
        format: 'claimreview',
        filter: { topic: null, since: null, until: null, reviewed_only: true },
        path: '/home/dana/reviews.json',
        overwrite: true,
      },
    });
  });

  it('shows a settings error with a way to Settings, and writes nothing when the dialog is cancelled', async () => {
    invokeMock.mockImplementation(async (cmd: string) => {
      if (cmd === 'list_topics') return [];
      if (cmd === 'export_claims') throw { code: 'export_settings', message: 'ClaimReview export needs the publisher name' };
      throw new Error(`unexpected ${cmd}`);
    });
    saveMock.mockResolvedValueOnce(null);
    const { getByTestId, findByTestId, getByText } = render(ExportDialog, { props: { onclose: vi.fn() } });
    await fireEvent.click(getByTestId('export-run'));
    await waitFor(() => expect(saveMock).toHaveBeenCalledTimes(1));
    expect(invokeMock.mock.calls.some((c) => c[0] === 'export_claims')).toBe(false);

    saveMock.mockResolvedValueOnce('/tmp/x.json');
    await fireEvent.click(getByTestId('export-run'));
    const err = await findByTestId('export-error');
    expect(err.textContent).toContain('publisher name');
    expect(getByText(/Rating scale/)).toBeInTheDocument();
  });
});
