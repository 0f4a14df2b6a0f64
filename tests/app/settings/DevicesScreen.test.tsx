import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readConnection } from '../../../src/sync/connection';
import { connectNewClub, createInvite, joinClub, listDevices } from '../../../src/sync/club-server';
import { ClubBookDatabase } from '../../../src/local/database';
import { SETUP_CODE, startRealServer } from '../../sync/real-server';
import { createRecord } from '../../../src/local/write';
import { memberFields } from '../../domain/fixtures';
import { renderApp } from '../render-app';

/** The chair's list of the club's phones, against the real server: handing the chair over. */
let server: Awaited<ReturnType<typeof startRealServer>>;
beforeEach(async () => {
  server = await startRealServer();
});
afterEach(() => server.close());

describe('the club’s phones', () => {
  it('hands the chair to another phone after a yes, and this phone becomes a board member’s', async () => {
    const user = userEvent.setup();
    const { db } = await renderApp({
      path: '/settings/devices',
      before: (db) => connectNewClub(db, { serverUrl: server.url, setupCode: SETUP_CODE, deviceName: 'Máy của bác Minh' }).then(() => undefined),
    });
    const invite = await createInvite(db, 'treasurer');
    const treasurer = new ClubBookDatabase(`devices-test-${crypto.randomUUID()}`);
    await joinClub(treasurer, { serverUrl: server.url, code: invite.code, deviceName: 'Máy của cô Hoa' });

    const hoa = (await screen.findByText('Máy của cô Hoa')).closest('li')!;
    // Not on a single tap: the chair reads what it means first, and may cancel.
    await user.click(within(hoa).getByRole('button', { name: 'Giao vai chủ nhiệm' }));
    expect(within(hoa).getByText(/Giao vai chủ nhiệm cho “Máy của cô Hoa”\?/)).toBeTruthy();
    await user.click(within(hoa).getByRole('button', { name: 'Thôi' }));
    expect((await readConnection(db))!.role).toBe('chair');

    await user.click(within(hoa).getByRole('button', { name: 'Giao vai chủ nhiệm' }));
    await user.click(within(hoa).getByRole('button', { name: 'Giao vai chủ nhiệm' }));
    expect(await screen.findByText('Đã giao vai chủ nhiệm cho “Máy của cô Hoa”. Máy này giờ là máy của ban chủ nhiệm.')).toBeTruthy();
    expect(within(hoa).getByText(/Chủ nhiệm/)).toBeTruthy();
    await waitFor(async () => expect((await readConnection(db))!.role).toBe('board'));
    // The chair's actions are gone from this phone, and the server agrees who the chair is.
    expect(screen.queryByRole('button', { name: 'Giao vai chủ nhiệm' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Ngắt máy này' })).toBeNull();
    expect((await listDevices(treasurer)).map((d) => [d.name, d.role])).toEqual(
      expect.arrayContaining([
        ['Máy của bác Minh', 'board'],
        ['Máy của cô Hoa', 'chair'],
      ]),
    );
  });

  it("names a volunteer's phone with the volunteer its invite was tied to", async () => {
    await renderApp({
      path: '/settings/devices',
      before: async (db) => {
        const hoa = await createRecord(db, 'members', memberFields({ fullName: 'Nguyễn Thị Hoa', roles: ['volunteer'] }));
        await connectNewClub(db, { serverUrl: server.url, setupCode: SETUP_CODE, deviceName: 'Máy của bác Minh' });
        const volunteer = new ClubBookDatabase(`devices-test-${crypto.randomUUID()}`);
        await joinClub(volunteer, { serverUrl: server.url, code: (await createInvite(db, 'volunteer', { memberId: hoa.id })).code, deviceName: 'Máy chị Hoa' });
      },
    });
    const row = (await screen.findByText('Máy chị Hoa')).closest('li')!;
    expect(within(row).getByText(/Tình nguyện viên \(Nguyễn Thị Hoa\)/)).toBeTruthy();
    // A phone of no one in particular says only its role.
    expect(within((await screen.findByText(/Máy của bác Minh/)).closest('li')!).queryByText(/\(Nguyễn/)).toBeNull();
  });
});
