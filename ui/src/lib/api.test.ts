import { beforeEach, describe, expect, it, vi } from 'vitest';
import { invoke } from '@tauri-apps/api/core';
import { libraryFirstScreen, prefetchLibrary } from './api';
import type { LibraryArticle } from './bindings/LibraryArticle';

vi.mock('@tauri-apps/api/core', () => ({ invoke: vi.fn() }));

const invokeMock = vi.mocked(invoke);

const row = (id: string): LibraryArticle => ({
  summary: {
    id,
    title: `Article ${id}`,
    outlet: null,
    date: null,
    url: null,
    imported_at: '2026-11-26T12:00:00Z',
    claims: 3,
    reviewed: 0,
  },
  by_status: { unreviewed: 3 },
});

describe("the Library's first screen", () => {
  beforeEach(() => {
    invokeMock.mockReset();
    delete window.__CLAIMTRAIL_FIRST_SCREEN__;
  });

  it('takes the rows the app handed over, once, and asks after that', async () => {
    window.__CLAIMTRAIL_FIRST_SCREEN__ = { limit: 60, rows: [row('handed')] };
    invokeMock.mockResolvedValue([row('asked')]);
    prefetchLibrary();
    expect(window.__CLAIMTRAIL_FIRST_SCREEN__).toBeUndefined();
    expect(await libraryFirstScreen()).toEqual({ limit: 60, rows: [row('handed')] });
    expect(invokeMock).not.toHaveBeenCalled();

    expect((await libraryFirstScreen()).rows).toEqual([row('asked')]);
    expect(invokeMock).toHaveBeenCalledWith('list_articles', { limit: 60 });
  });

  it('asks at once when the app handed nothing over', async () => {
    invokeMock.mockResolvedValue([row('asked')]);
    prefetchLibrary();
    expect(invokeMock).toHaveBeenCalledTimes(1);
    expect(await libraryFirstScreen()).toEqual({ limit: 60, rows: [row('asked')] });
    expect(invokeMock).toHaveBeenCalledTimes(1);
  });
});
