import { afterEach, describe, expect, it } from 'vitest';
import { fireEvent, render } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import ErrorDialog from './ErrorDialog.svelte';
import { closeErrorDialog, errorDialog, isUnexpected, showErrorDialog } from './errors.svelte';
import { notifyError, notices } from './nav.svelte';

afterEach(() => {
  closeErrorDialog();
  errorDialog.logFile = null;
  notices.list = [];
});

describe('error dialog', () => {
  it('tells unexpected failures from the user’s own mistakes', () => {
    expect(isUnexpected({ code: 'database' })).toBe(true);
    expect(isUnexpected({ code: 'io' })).toBe(true);
    expect(isUnexpected({ code: 'invalid_input' })).toBe(false);
    expect(isUnexpected({ code: 'not_found' })).toBe(false);
    expect(isUnexpected(null)).toBe(false);
  });

  it('names the log file and closes', async () => {
    errorDialog.logFile = '/home/ana/.local/state/claimtrail/logs/claimtrail-app.log';
    const { getByTestId, queryByTestId, getByText } = render(ErrorDialog);
    expect(queryByTestId('error-dialog')).toBeNull();
    showErrorDialog({ code: 'database', message: 'disk I/O error' });
    flushSync();
    expect(getByTestId('error-dialog')).toHaveTextContent('disk I/O error');
    expect(getByTestId('error-log-file')).toHaveTextContent('claimtrail-app.log');
    await fireEvent.click(getByText('Close'));
    expect(queryByTestId('error-dialog')).toBeNull();
  });

  it('is what notifyError opens for an unexpected error; a user error stays a notice', () => {
    notifyError({ code: 'invalid_input', message: 'not a URL' });
    expect(errorDialog.current).toBeNull();
    expect(notices.list.map((n) => n.text)).toEqual(['not a URL']);
    notifyError({ code: 'internal', message: 'background task failed' });
    expect(errorDialog.current?.message).toBe('background task failed');
    expect(notices.list).toHaveLength(1);
  });
});
