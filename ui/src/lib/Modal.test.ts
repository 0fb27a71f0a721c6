import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render } from '@testing-library/svelte';
import KeyHelp from './KeyHelp.svelte';

// Modal is the shell of every dialog; KeyHelp is one of them (it asks for focus on the dialog itself).
describe('dialog shell', () => {
  it('takes focus, closes on Escape and on a click outside, not on a click inside', async () => {
    const onclose = vi.fn();
    const { getByTestId, getByRole } = render(KeyHelp, { onclose });
    const dialog = getByTestId('key-help');
    expect(dialog).toHaveAttribute('role', 'dialog');
    expect(dialog).toHaveAttribute('aria-modal', 'true');
    expect(dialog).toHaveAccessibleName('Keyboard keys');
    expect(document.activeElement).toBe(dialog);

    await fireEvent.click(getByRole('heading', { name: 'Keyboard keys' }));
    expect(onclose).not.toHaveBeenCalled();

    await fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(onclose).toHaveBeenCalledTimes(1);

    await fireEvent.click(dialog.parentElement as HTMLElement);
    expect(onclose).toHaveBeenCalledTimes(2);
  });
});
