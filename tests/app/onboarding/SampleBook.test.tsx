import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { COLLECTION_NAMES } from '../../../src/domain/collections';
import { todayOn } from '../../../src/domain/dates';
import { memberFigures } from '../../../src/domain/indicators';
import type { ClubBookDatabase } from '../../../src/local/database';
import { META, currentClubId, isSampleBook } from '../../../src/local/device';
import { exportBackup } from '../../../src/local/backup';
import { clubProfile, liveRecords } from '../../../src/local/queries';
import { connectNewClub, joinClub } from '../../../src/sync/club-server';
import { syncOnce } from '../../../src/sync/engine';
import { SampleBookError } from '../../../src/sync/errors';
import type { FetchLike } from '../../../src/sync/http';
import { startSyncing, type SyncController } from '../../../src/sync/triggers';
import { renderApp } from '../render-app';

/** First start in Vietnamese, then "try it with a sample club"; resolves once its whole history is in. */
async function chooseSampleClub(options: Parameters<typeof renderApp>[0] = {}) {
  const user = userEvent.setup();
  const app = await renderApp({ withClub: false, language: 'vi', ...options });
  await user.click(await screen.findByRole('button', { name: 'Dùng thử với câu lạc bộ mẫu' }));
  // The book opens on the club at once, and its badge says how far the five years are, until the last is in.
  await waitFor(() => expect(screen.getByTestId('save-badge-text').textContent).toMatch(/đang chép sổ mẫu \d+ %/));
  await waitFor(() => expect(screen.getByTestId('save-badge-text').textContent).not.toMatch(/đang chép sổ mẫu/), { timeout: 30_000 });
  const marks = await app.db.records('attendance').count();
  const count = (await liveRecords(app.db, 'members')).length;
  return { ...app, user, count, marks };
}

/** Every record the practice book wrote but its club's: the register and the books' history, meetings and care. */
async function writtenRecords(db: ClubBookDatabase): Promise<number> {
  // Every book but the club's own record, which the sample writes once before its books.
  const books = COLLECTION_NAMES.filter((collection) => collection !== 'club');
  const counts = await Promise.all(books.map((collection) => db.records(collection).count()));
  return counts.reduce((sum, n) => sum + n, 0);
}

/** A fetch that must never be called: it records the attempt and fails the request. */
function forbiddenFetch() {
  return vi.fn<FetchLike>(async () => {
    throw new Error('a sample book tried to reach the network');
  });
}

let syncing: SyncController | undefined;
afterEach(() => {
  syncing?.stop();
  syncing = undefined;
});

describe('first start: try it with a sample club', () => {
  it('fills the register with a made-up club of 60–70 people and says it is a sample', async () => {
    const { db, count, user } = await chooseSampleClub();
    expect(count).toBeGreaterThanOrEqual(60);
    expect(count).toBeLessThanOrEqual(70);
    expect(await isSampleBook(db)).toBe(true);

    // The home screen: the notice, and the club's figures counted from what was written.
    expect(await screen.findByRole('heading', { name: 'Đây là sổ mẫu để tập' })).toBeTruthy();
    const club = await clubProfile(db);
    expect(club?.name).toMatch(/^CLB Liên thế hệ tự giúp nhau /);
    expect(await screen.findByRole('heading', { name: club!.name })).toBeTruthy();
    const figures = memberFigures(await liveRecords(db, 'members'), todayOn(), 60);
    expect(figures.members).toBeGreaterThan(55); // a few made-up members have left the club
    // Five years of meetings, and the meeting book's tile says where the club stands on its 8 areas.
    expect(await db.records('meetings').count()).toBeGreaterThan(55);
    expect(await screen.findByText(/8 mảng/)).toBeTruthy();
    const membersFigure = await screen.findByRole('link', { name: new RegExp(`^${figures.members}\\s*Thành viên$`) });
    expect(within(membersFigure).getByText(String(figures.members))).toBeTruthy();

    // The register lists those still in the club, with their count.
    await user.click(membersFigure);
    await waitFor(() => expect(screen.getByText(`${figures.members} người`)).toBeTruthy());
    expect(within(screen.getByRole('list')).getAllByRole('link')).toHaveLength(figures.members);
    // Written through the ordinary write path: each record is a change in the queue, as in a real book.
    expect(await db.records('visits').count()).toBeGreaterThan(500);
    expect(await db.outbox.count()).toBe(await writtenRecords(db));
    // … and yet nothing is "waiting to send": a sample book is never sent.
    expect(screen.getByTestId('save-badge-text').textContent).toBe('Đã lưu trên máy · sổ mẫu, không gửi đi đâu');
  });

  it('lets the person go on to another screen while the history fills in, and keeps them there', { timeout: 30_000 }, async () => {
    const user = userEvent.setup();
    const { db, location } = await renderApp({ withClub: false, language: 'vi' });
    await user.click(await screen.findByRole('button', { name: 'Dùng thử với câu lạc bộ mẫu' }));
    // The home shows as soon as the club is made, saying the book is still filling in; the person taps on at once.
    expect((await screen.findByTestId('sample-fill')).textContent).toMatch(/^Đang chép sổ mẫu vào máy: \d+ %\. Các sổ đầy dần, có thể xem ngay\./);
    await user.click(await screen.findByRole('link', { name: 'Thành viên' }));
    await waitFor(() => expect(screen.getByTestId('save-badge-text').textContent).not.toMatch(/đang chép sổ mẫu/), { timeout: 30_000 });
    expect(await db.records('attendance').count()).toBeGreaterThan(1000);
    expect(location.history!.at(-1)).toBe('/members');
    expect(screen.getByRole('searchbox')).toBeTruthy();
  });

  it('leaves the sample after asking, and comes back to first start with an empty book', async () => {
    const { db, user } = await chooseSampleClub();
    await user.click(await screen.findByRole('button', { name: 'Bỏ sổ mẫu, lập sổ thật' }));
    expect(screen.getByText('Xóa toàn bộ sổ mẫu trên máy này và quay về màn hình bắt đầu?')).toBeTruthy();

    // "Thôi" keeps everything.
    await user.click(screen.getByRole('button', { name: 'Thôi' }));
    expect(await liveRecords(db, 'members')).not.toHaveLength(0);

    await user.click(screen.getByRole('button', { name: 'Bỏ sổ mẫu, lập sổ thật' }));
    await user.click(screen.getByRole('button', { name: 'Xóa sổ mẫu' }));
    expect(await screen.findByRole('button', { name: 'Lập sổ cho câu lạc bộ' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Dùng thử với câu lạc bộ mẫu' })).toBeTruthy();
    for (const table of db.tables) expect(await table.count()).toBe(0);
    expect(await currentClubId(db)).toBeUndefined();
    expect(await isSampleBook(db)).toBe(false);
  });

  it('shows the sample to an English speaker in English', async () => {
    const user = userEvent.setup();
    await renderApp({ withClub: false, language: 'en' });
    await user.click(await screen.findByRole('button', { name: 'Try it with a sample club' }));
    expect(await screen.findByRole('heading', { name: 'This is a sample book for practice' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Leave the sample, start the real book' })).toBeTruthy();
  });
});

describe('a sample book never leaves the phone', () => {
  async function plantConnection(db: ClubBookDatabase) {
    // As if a connection had slipped in somehow: the engine must still send nothing.
    const clubId = (await currentClubId(db))!;
    await db.meta.put({
      key: META.connection,
      value: { serverUrl: 'https://soclb.example.vn', token: 't', deviceId: 'd', role: 'chair', clubId, connectedAt: '2026-01-01T00:00:00.000Z' },
    });
  }

  it('sends nothing from the background sync, on writes, on "send now", even with a connection planted', async () => {
    const fetch = forbiddenFetch();
    const sync = { syncNow: () => syncing!.syncNow() };
    const app = await chooseSampleClub({ sync });
    const db = app.db;
    // The page's real triggers, quick: start, writes (thousands of them just now), the interval.
    syncing = startSyncing(db, { fetch, writeDebounceMs: 5, intervalMs: 20 });
    await plantConnection(db);
    expect(await syncOnce(db, { fetch })).toMatchObject({ outcome: 'not_connected', acknowledged: 0 });
    await syncing.syncNow();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(fetch).not.toHaveBeenCalled();
    expect(await db.outbox.where('status').equals('pending').count()).toBe(await writtenRecords(db));
  });

  it('refuses to connect or join before any request, and offers neither in Settings', async () => {
    const fetch = forbiddenFetch();
    const { db, user } = await chooseSampleClub();
    await expect(connectNewClub(db, { serverUrl: 'https://soclb.example.vn', setupCode: 'x', deviceName: 'Máy chị Lan' }, { fetch })).rejects.toBeInstanceOf(SampleBookError);
    await expect(joinClub(db, { serverUrl: 'https://soclb.example.vn', code: 'K7M2PX9Q', deviceName: 'Máy chị Lan' }, { fetch })).rejects.toBeInstanceOf(SampleBookError);
    await expect(exportBackup(db)).rejects.toMatchObject({ messageKey: 'backup.sampleBook' });
    expect(fetch).not.toHaveBeenCalled();

    await user.click(screen.getByRole('link', { name: /Cài đặt/ }));
    expect(await screen.findByText(/Đây là sổ mẫu để tập: không nối với máy chủ/)).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'Nối với máy chủ' })).toBeNull();
    expect(screen.queryByRole('link', { name: 'Tham gia CLB bằng mã mời' })).toBeNull();
  });

  it.each(['/settings/connect', '/settings/join'])('shows no server form at %s, only why', async (path) => {
    await chooseSampleClub({ path });
    expect(await screen.findByText(/Đây là sổ mẫu để tập: không nối với máy chủ/)).toBeTruthy();
    expect(screen.queryByLabelText('Địa chỉ máy chủ')).toBeNull();
    expect(screen.queryByRole('button', { name: /Nối|Tham gia/ })).toBeNull();
  });
});
