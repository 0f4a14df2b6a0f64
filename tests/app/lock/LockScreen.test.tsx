import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readAppLock, setAppLock, type AppLock } from '../../../src/local/app-lock';
import type { ClubBookDatabase } from '../../../src/local/database';
import { META, currentClubId } from '../../../src/local/device';
import { readConnection } from '../../../src/sync/connection';
import { FakeServer } from '../../sync/fake-server';
import { renderApp } from '../render-app';

afterEach(() => vi.unstubAllGlobals());

/** A phone of a club on the (fake) server, as joinClub leaves it. */
async function connect(db: ClubBookDatabase, server: FakeServer) {
  server.clubId = (await currentClubId(db))!;
  const token = server.addDevice('board');
  await db.meta.put({
    key: META.connection,
    value: { serverUrl: window.location.origin, token, deviceId: server.devices.get(token)!.id, role: 'board', clubId: server.clubId, connectedAt: new Date().toISOString() },
  });
}

describe('the PIN lock of a phone shared in a family', () => {
  it('is offered in Settings only once the phone is on the server, and does not lock the app as it is set', async () => {
    const user = userEvent.setup();
    const { db } = await renderApp({ path: '/settings' });
    await screen.findByRole('heading', { name: 'Ngôn ngữ' });
    expect(screen.queryByRole('heading', { name: 'Khoá ứng dụng' })).toBeNull();
    await connect(db, new FakeServer());

    await user.click(await screen.findByRole('button', { name: 'Đặt mã PIN' }));
    await user.type(screen.getByLabelText('Mã PIN mới'), '12a34');
    expect((screen.getByLabelText('Mã PIN mới') as HTMLInputElement).value).toBe('1234');
    await user.type(screen.getByLabelText('Gõ lại mã PIN'), '4321');
    await user.click(screen.getByRole('button', { name: 'Bật khoá' }));
    expect(await screen.findByText('Hai lần gõ chưa giống nhau.')).toBeTruthy();
    await user.clear(screen.getByLabelText('Gõ lại mã PIN'));
    await user.type(screen.getByLabelText('Gõ lại mã PIN'), '1234');
    await user.click(screen.getByRole('radio', { name: '2 phút' }));
    await user.click(screen.getByRole('button', { name: 'Bật khoá' }));

    expect(await screen.findByText('Đang bật: sổ tự khoá sau 2 phút không dùng.')).toBeTruthy();
    expect((await readAppLock(db))?.idleMinutes).toBe(2);
    // The PIN is kept only as a salted hash.
    expect(JSON.stringify(await readAppLock(db))).not.toContain('1234');
    expect(screen.queryByText('Sổ CLB đang khoá')).toBeNull();
  });

  it('locks at start, opens with the PIN only, and locks again after the idle minutes', async () => {
    const user = userEvent.setup();
    await renderApp({
      path: '/',
      before: async (db) => {
        await connect(db, new FakeServer());
        await setAppLock(db, '2468', 2);
        // A very short idle time, for the test; long enough (1.8 s) that a busy machine still
        // sees the book between the PIN and the next lock.
        const lock = (await readAppLock(db))!;
        await db.meta.put({ key: META.appLock, value: { ...lock, idleMinutes: 0.03 } satisfies AppLock });
      },
    });

    expect(await screen.findByRole('heading', { name: 'Sổ CLB đang khoá' })).toBeTruthy();
    expect(screen.queryByRole('heading', { name: 'CLB Liên thế hệ thôn Đông' })).toBeNull();
    const pin = (await screen.findByLabelText('Mã PIN')) as HTMLInputElement;
    expect(pin.inputMode).toBe('numeric');
    await user.type(pin, '1357');
    await user.click(screen.getByRole('button', { name: 'Mở khoá' }));
    expect(await screen.findByText('Mã PIN không đúng.')).toBeTruthy();
    await user.clear(pin);
    await user.type(pin, '2468');
    await user.click(screen.getByRole('button', { name: 'Mở khoá' }));
    expect(await screen.findByRole('heading', { name: 'CLB Liên thế hệ thôn Đông' })).toBeTruthy();

    // Nobody touches the phone: it locks again.
    expect(await screen.findByRole('heading', { name: 'Sổ CLB đang khoá' }, { timeout: 6_000 })).toBeTruthy();
  });

  it('a forgotten PIN: joining again with an invite removes the lock and keeps the book', async () => {
    const user = userEvent.setup();
    const server = new FakeServer();
    vi.stubGlobal('fetch', server.fetch);
    let before: string | undefined;
    const { db } = await renderApp({
      path: '/',
      before: async (phone) => {
        await connect(phone, server);
        await setAppLock(phone, '2468', 5);
        before = (await readConnection(phone))?.token;
      },
    });

    await user.click(await screen.findByRole('button', { name: 'Quên mã PIN?' }));
    expect(screen.getByText(/Xin chủ nhiệm một mã mời rồi tham gia lại/)).toBeTruthy();
    await user.type(screen.getByLabelText('Mã mời'), 'K7M2PX9Q');
    await user.type(screen.getByLabelText('Tên máy này'), 'Máy chị Lan');
    await user.click(screen.getByRole('button', { name: 'Tham gia' }));

    expect(await screen.findByRole('heading', { name: 'CLB Liên thế hệ thôn Đông' })).toBeTruthy();
    expect(await readAppLock(db)).toBeNull();
    const joined = await readConnection(db);
    expect(joined?.token).not.toBe(before);
    expect(joined?.clubId).toBe(await currentClubId(db));
  });
});
