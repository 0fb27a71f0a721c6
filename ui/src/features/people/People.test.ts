import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, fireEvent, waitFor } from '@testing-library/svelte';
import { invoke } from '@tauri-apps/api/core';
import People from './People.svelte';
import { nav } from '../../lib/nav.svelte';
import type { Person } from '../../lib/bindings/Person';
import type { PersonMergeSuggestion } from '../../lib/bindings/PersonMergeSuggestion';

vi.mock('@tauri-apps/api/core', () => ({ invoke: vi.fn() }));

const invokeMock = vi.mocked(invoke);

const full: Person = { id: 'p-full', name: 'Elena Varga', said: 2, mentioned: 2, aliases: [] };
const short: Person = { id: 'p-short', name: 'Varga', said: 3, mentioned: 0, aliases: [] };

describe('People', () => {
  beforeEach(() => {
    invokeMock.mockReset();
    nav.view = 'people';
    nav.reviewClaimant = null;
  });

  it('merges the picked records under the name chosen to keep, and undoes it', async () => {
    let merged = false;
    invokeMock.mockImplementation(async (cmd: string) => {
      if (cmd === 'list_people') {
        return merged
          ? [{ ...full, said: 5, aliases: [{ id: 'p-short', name: 'Varga', said: 3, mentioned: 0 }] }]
          : [short, full];
      }
      if (cmd === 'person_merge_suggestions') return [];
      if (cmd === 'merge_people') {
        merged = true;
        return full;
      }
      if (cmd === 'split_person') {
        merged = false;
        return full;
      }
      throw new Error(`unexpected ${cmd}`);
    });
    const { findAllByTestId, getByLabelText, getByTestId, findByTestId, queryByTestId } = render(People);
    expect(await findAllByTestId('person-row')).toHaveLength(2);
    await fireEvent.click(getByLabelText('Select Varga'));
    expect(queryByTestId('merge-bar')).toBeNull();
    await fireEvent.click(getByLabelText('Select Elena Varga'));
    const keep = getByTestId('merge-keep') as HTMLSelectElement;
    // The first record picked is kept unless another is chosen.
    expect(keep.value).toBe('p-short');
    keep.value = 'p-full';
    await fireEvent.change(keep);
    await fireEvent.click(getByTestId('merge-run'));
    await waitFor(() => expect(invokeMock).toHaveBeenCalledWith('merge_people', { into: 'p-full', from: 'p-short' }));
    await waitFor(async () => expect(await findAllByTestId('person-row')).toHaveLength(1));
    expect((await findAllByTestId('person-alias'))[0].textContent).toContain('Varga');

    await fireEvent.click(await findByTestId('merge-undo'));
    await waitFor(() => expect(invokeMock).toHaveBeenCalledWith('split_person', { id: 'p-short' }));
    await waitFor(async () => expect(await findAllByTestId('person-row')).toHaveLength(2));
  });

  it('opens a person in the review queue, and explains an empty list', async () => {
    invokeMock.mockImplementation(async (cmd: string) => {
      if (cmd === 'list_people') return [full];
      if (cmd === 'person_merge_suggestions') return [];
      throw new Error(`unexpected ${cmd}`);
    });
    const { findByText } = render(People);
    await fireEvent.click(await findByText('Elena Varga'));
    expect(nav.view).toBe('review');
    expect(nav.reviewClaimant).toBe('Elena Varga');

    invokeMock.mockImplementation(async () => []);
    const empty = render(People);
    expect((await empty.findByTestId('people-empty')).textContent).toContain('No people yet');
    // No suggestions: no card, not even an empty one.
    expect(empty.queryByTestId('merge-suggestions')).toBeNull();
  });

  it('merges a suggested pair with one click, and undoes it', async () => {
    const suggestion: PersonMergeSuggestion = {
      keep: full,
      merge: short,
      rule: 'surname',
      reason: 'same surname',
      keep_claims: 2,
      merge_claims: 3,
    };
    let merged = false;
    invokeMock.mockImplementation(async (cmd: string) => {
      if (cmd === 'list_people') {
        return merged ? [{ ...full, said: 5, aliases: [{ id: 'p-short', name: 'Varga', said: 3, mentioned: 0 }] }] : [short, full];
      }
      if (cmd === 'person_merge_suggestions') return merged ? [] : [suggestion];
      if (cmd === 'merge_people') {
        merged = true;
        return full;
      }
      if (cmd === 'split_person') {
        merged = false;
        return full;
      }
      throw new Error(`unexpected ${cmd}`);
    });
    const { findByTestId, findAllByTestId, getByTestId, queryByTestId } = render(People);
    const row = await findByTestId('merge-suggestion');
    expect(row.textContent).toContain('Varga → Elena Varga');
    expect(row.textContent).toContain('same surname · 3 + 2 claims');
    await fireEvent.click(getByTestId('suggestion-merge'));
    await waitFor(() => expect(invokeMock).toHaveBeenCalledWith('merge_people', { into: 'p-full', from: 'p-short' }));
    await waitFor(async () => expect(await findAllByTestId('person-row')).toHaveLength(1));
    expect(queryByTestId('merge-suggestions')).toBeNull();

    // The merge's undo bar undoes it, and the suggestion is back.
    await fireEvent.click(await findByTestId('merge-undo'));
    await waitFor(() => expect(invokeMock).toHaveBeenCalledWith('split_person', { id: 'p-short' }));
    expect(await findByTestId('merge-suggestion')).toBeTruthy();
  });

  it('remembers "not the same person", with an undo', async () => {
    const suggestion: PersonMergeSuggestion = {
      keep: full,
      merge: short,
      rule: 'surname',
      reason: 'same surname',
      keep_claims: 2,
      merge_claims: 3,
    };
    let dismissed = false;
    invokeMock.mockImplementation(async (cmd: string) => {
      if (cmd === 'list_people') return [short, full];
      if (cmd === 'person_merge_suggestions') return dismissed ? [] : [suggestion];
      if (cmd === 'dismiss_person_merge') {
        dismissed = true;
        return null;
      }
      if (cmd === 'restore_person_merge') {
        dismissed = false;
        return null;
      }
      throw new Error(`unexpected ${cmd}`);
    });
    const { findByTestId, getByLabelText, queryByTestId } = render(People);
    await findByTestId('merge-suggestion');
    await fireEvent.click(getByLabelText('Varga and Elena Varga are not the same person'));
    await waitFor(() => expect(invokeMock).toHaveBeenCalledWith('dismiss_person_merge', { a: 'p-short', b: 'p-full' }));
    await waitFor(() => expect(queryByTestId('merge-suggestions')).toBeNull());
    await fireEvent.click(await findByTestId('dismiss-undo'));
    await waitFor(() => expect(invokeMock).toHaveBeenCalledWith('restore_person_merge', { a: 'p-short', b: 'p-full' }));
    expect(await findByTestId('merge-suggestion')).toBeTruthy();
    expect(queryByTestId('dismiss-undo')).toBeNull();
  });
});
