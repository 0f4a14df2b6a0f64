import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { ClubBookDatabase } from '../../../src/local/database';
import { META, currentClubId } from '../../../src/local/device';
import { BOOK_PULL_KEY, type BookPull } from '../../../src/sync/pull';
import { renderApp } from '../render-app';

/**
 * A new phone waiting for its club's book (the first pull): the home screen says how many
 * records came and that it is still working, that it may be left or closed, that it goes on
 * from where it stopped, and at the end that the whole book is in; the badge says it on
 * every screen. What it reads is what the pull keeps in `meta` with each page.
 */

async function connected(db: ClubBookDatabase) {
  await db.meta.put({
    key: META.connection,
    value: { serverUrl: 'https://soclb.example.vn', token: 't', deviceId: 'd', role: 'board', clubId: await currentClubId(db), connectedAt: new Date().toISOString() },
  });
}

function arriving(received: number, more: Partial<BookPull> = {}): BookPull {
  const now = new Date().toISOString();
  return { received, runs: 1, startedAt: now, lastPageAt: now, done: false, ...more };
}

const line = () => within(screen.getByTestId('book-pull')).getByRole('status');
const badge = () => screen.getByTestId('save-badge-text');

describe('the club’s book arriving on a new phone', () => {
  it('shows the records received so far, still working, and follows each page', async () => {
    const { db } = await renderApp({
      before: async (db) => {
        await connected(db);
        await db.meta.put({ key: BOOK_PULL_KEY, value: arriving(12_400) });
      },
    });
    await waitFor(() => expect(line().textContent).toBe('Đang nhận sổ của câu lạc bộ về máy… Đã nhận 12.400 bản ghi.'));
    expect(line().getAttribute('aria-live') ?? 'polite').toBe('polite');
    expect(screen.getByText('Có thể dùng máy hoặc đóng ứng dụng trong lúc chờ. Lần sau mở, máy nhận tiếp từ chỗ đã dừng.')).toBeTruthy();
    expect(badge().textContent).toContain('đang nhận sổ về máy');
    // Not "add your first member" while the members are on their way.
    expect(screen.queryByRole('heading', { name: /thành viên đầu tiên/i })).toBeNull();
    expect(screen.queryByRole('link', { name: '+ Thêm thành viên' })).toBeNull();

    await db.meta.put({ key: BOOK_PULL_KEY, value: arriving(12_900) });
    await waitFor(() => expect(line().textContent).toBe('Đang nhận sổ của câu lạc bộ về máy… Đã nhận 12.900 bản ghi.'));
  });

  it('before the first page: says it is asking the server', async () => {
    await renderApp({ before: connected });
    await waitFor(() => expect(line().textContent).toBe('Đang nhận sổ của câu lạc bộ về máy… Đang hỏi máy chủ…'));
  });

  it('says it is going on from where it stopped, when the app opens again on a book half in', async () => {
    await renderApp({
      before: async (db) => {
        await connected(db);
        await db.meta.put({ key: BOOK_PULL_KEY, value: arriving(6_000, { startedAt: '2026-11-20T01:00:00.000Z', lastPageAt: '2026-11-20T01:05:00.000Z' }) });
      },
    });
    await waitFor(() => expect(line().textContent).toBe('Đang nhận tiếp sổ của câu lạc bộ… Đã nhận 6.000 bản ghi.'));
    expect(screen.getByText('Máy nhận tiếp từ chỗ đã dừng, không phải nhận lại từ đầu.')).toBeTruthy();
  });

  it('says it paused for want of a network, keeping what came', async () => {
    await renderApp({
      before: async (db) => {
        await connected(db);
        await db.meta.put({ key: BOOK_PULL_KEY, value: arriving(3_500, { lastPageAt: '2026-11-20T01:05:00.000Z' }) });
        await db.meta.put({ key: META.lastSyncError, value: { code: 'offline', message: 'Failed to fetch', at: '2026-11-20T01:06:00.000Z' } });
      },
    });
    await waitFor(() => expect(line().textContent).toBe('Chưa có mạng nên đang tạm dừng nhận sổ. Đã nhận 3.500 bản ghi.'));
    expect(screen.getByText('Những gì đã nhận vẫn ở trên máy. Khi có mạng, máy tự nhận tiếp từ chỗ đã dừng.')).toBeTruthy();
    expect(badge().textContent).toContain('chưa nhận hết sổ, sẽ tự nhận tiếp');
  });

  it('says when the whole book is in, until the person has seen it', async () => {
    const user = userEvent.setup();
    const { db } = await renderApp({
      before: async (db) => {
        await connected(db);
        await db.meta.put({ key: META.lastPullAt, value: new Date().toISOString() });
        await db.meta.put({ key: BOOK_PULL_KEY, value: arriving(14_744, { done: true, runs: 2 }) });
      },
    });
    await waitFor(() => expect(line().textContent).toBe('Đã nhận xong sổ của câu lạc bộ: 14.744 bản ghi.'));
    expect(badge().textContent).not.toContain('nhận sổ');
    await user.click(screen.getByRole('button', { name: 'Đã hiểu' }));
    await waitFor(() => expect(screen.queryByTestId('book-pull')).toBeNull());
    expect(await db.meta.get(BOOK_PULL_KEY)).toBeUndefined();
  });

  it('says it in English too, the count written as in Vietnamese', async () => {
    await renderApp({
      language: 'en',
      before: async (db) => {
        await connected(db);
        await db.meta.put({ key: BOOK_PULL_KEY, value: arriving(12_400) });
      },
    });
    await waitFor(() => expect(line().textContent).toBe('Receiving the club’s book… 12.400 records received.'));
    expect(badge().textContent).toContain('receiving the book');
  });

  it('shows nothing on a phone whose book is in, or that is not connected', async () => {
    await renderApp({
      before: async (db) => {
        await connected(db);
        await db.meta.put({ key: META.lastPullAt, value: new Date().toISOString() });
      },
    });
    expect(await screen.findByRole('heading', { name: 'CLB Liên thế hệ thôn Đông' })).toBeTruthy();
    expect(screen.queryByTestId('book-pull')).toBeNull();
  });
});
