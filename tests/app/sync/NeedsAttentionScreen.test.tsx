import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { newMemberFields } from '../../../src/domain/members';
import type { ClubBookDatabase } from '../../../src/local/database';
import { META, currentClubId } from '../../../src/local/device';
import { recordById } from '../../../src/local/queries';
import { createRecord } from '../../../src/local/write';
import { renderApp } from '../render-app';

/** What the sync engine does with a change the server refused: it stays, marked, with the reason. */
async function refuseLastChange(db: ClubBookDatabase, messageKey: string, message: string) {
  const last = (await db.outbox.toArray()).at(-1)!;
  await db.outbox.update(last.seq, { status: 'rejected', rejection: { code: 'invalid', message, messageKey, field: 'phone' } });
}

async function connectAs(db: ClubBookDatabase, role: 'volunteer' | 'treasurer') {
  await db.meta.put({
    key: META.connection,
    value: { serverUrl: 'https://soclb.example.vn', token: 't', deviceId: 'd', role, clubId: await currentClubId(db), connectedAt: new Date().toISOString() },
  });
}

describe('changes the server refused', () => {
  it('are shown with the reason in the person’s language, from the badge, and can be dropped', async () => {
    const user = userEvent.setup();
    const { db } = await renderApp({ path: '/' });
    const lan = await createRecord(db, 'members', { ...newMemberFields(), joinedOn: '2024-01-15', fullName: 'Nguyễn Thị Lan', birthYear: 1950 });
    await refuseLastChange(db, 'validation.phone', 'Số điện thoại phải có 10 chữ số, bắt đầu bằng số 0.');

    const badge = await screen.findByRole('link', { name: /1 thay đổi cần xem lại/ });
    await user.click(badge);
    expect(await screen.findByRole('heading', { name: 'Cần xem lại' })).toBeTruthy();
    expect(await screen.findByText('Thành viên Nguyễn Thị Lan')).toBeTruthy();
    expect(screen.getByText('Số điện thoại phải có 10 chữ số, bắt đầu bằng số 0.')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Sửa' }).getAttribute('href')).toBe(`/members/${lan.id}/edit`);

    // A record the server never had, dropped: it goes from the phone, and nothing is left to send.
    await user.click(screen.getByRole('button', { name: 'Bỏ thay đổi này' }));
    expect(await screen.findByText('Không có gì cần xem lại.')).toBeTruthy();
    expect(await recordById(db, 'members', lan.id)).toBeUndefined();
    expect(await db.outbox.count()).toBe(0);
  });

  it('can be sent again once corrected, as a new change waiting to send', async () => {
    const user = userEvent.setup();
    const { db } = await renderApp({ path: '/attention' });
    const lan = await createRecord(db, 'members', { ...newMemberFields(), joinedOn: '2024-01-15', fullName: 'Nguyễn Thị Lan', birthYear: 1950 });
    await refuseLastChange(db, 'validation.phone', 'phone');
    await user.click(await screen.findByRole('button', { name: 'Gửi lại' }));

    await waitFor(async () => expect(await db.outbox.where('status').equals('rejected').count()).toBe(0));
    const [resent] = await db.outbox.toArray();
    expect(resent).toMatchObject({ status: 'pending', op: 'put', id: lan.id, data: expect.objectContaining({ fullName: 'Nguyễn Thị Lan', birthYear: 1950 }) });
  });
});

describe('a change refused because another phone’s edit breaks a rule with it', () => {
  it('says both fields in the form’s own words, with the other phone’s value, and offers to mend or drop it, not to send it again', async () => {
    const { db } = await renderApp({ path: '/attention' });
    const lan = await createRecord(db, 'members', { ...newMemberFields(), joinedOn: '2024-01-15', fullName: 'Nguyễn Thị Lan', birthYear: 1950 });
    const last = (await db.outbox.toArray()).at(-1)!;
    await db.outbox.update(last.seq, {
      status: 'rejected',
      rejection: {
        code: 'conflict',
        message: 'Ngày rời câu lạc bộ phải sau ngày vào. Máy khác đã ghi: 30/06/2024.',
        messageKey: 'validation.leftBeforeJoined',
        field: 'joinedOn',
        conflictsWith: { field: 'leftOn', value: '2024-06-30' },
      },
    });
    expect(
      await screen.findByText(
        '“Ngày vào CLB” bạn ghi không hợp với “Ngày rời CLB” máy khác đã ghi (30/06/2024): Ngày rời câu lạc bộ phải sau ngày vào. Sổ trên máy này đã trở lại như trên máy chủ; hãy sửa lại nếu cần.',
      ),
    ).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Sửa' }).getAttribute('href')).toBe(`/members/${lan.id}/edit`);
    expect(screen.queryByRole('button', { name: 'Gửi lại' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Bỏ thay đổi này' })).toBeTruthy();
  });
});

describe('what a phone may do follows its role', () => {
  it('lets a volunteer’s phone read the members but offers no way to add or change them', async () => {
    const { db } = await renderApp({ path: '/members' });
    await createRecord(db, 'members', { ...newMemberFields(), joinedOn: '2024-01-15', fullName: 'Nguyễn Thị Lan', birthYear: 1950 });
    await connectAs(db, 'volunteer');

    expect(await screen.findByRole('link', { name: /Nguyễn Thị Lan/ })).toBeTruthy();
    await waitFor(() => expect(screen.queryByRole('link', { name: /Thêm thành viên/ })).toBeNull());
    await userEvent.setup().click(screen.getByRole('link', { name: /Nguyễn Thị Lan/ }));
    expect(await screen.findByRole('heading', { name: 'Nguyễn Thị Lan' })).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'Sửa' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Đánh dấu đã rời CLB' })).toBeNull();
  });

  it('lets the treasurer’s phone add members', async () => {
    const { db } = await renderApp({ path: '/members' });
    await connectAs(db, 'treasurer');
    expect(await screen.findByRole('link', { name: /Thêm thành viên/ })).toBeTruthy();
  });
});
