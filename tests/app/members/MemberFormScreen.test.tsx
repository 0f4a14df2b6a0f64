import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { newMemberFields, type Member, type MemberFields } from '../../../src/domain/members';
import { liveRecords, recordById } from '../../../src/local/queries';
import { createRecord } from '../../../src/local/write';
import type { ClubBookDatabase } from '../../../src/local/database';
import { renderApp } from '../render-app';

const queuedMemberChanges = (db: ClubBookDatabase) => db.outbox.filter((m) => m.collection === 'members').count();

describe('adding a member', () => {
  it('shows what is wrong next to each field, keeps the typing, then saves once it is right', async () => {
    const user = userEvent.setup();
    const { db, location } = await renderApp({ path: '/members/new' });

    const name = await screen.findByLabelText('Họ và tên');
    await user.click(screen.getByRole('button', { name: 'Lưu' }));

    // Errors in Vietnamese, by the field they belong to; nothing stored, nothing queued.
    expect(await screen.findByText('Hãy nhập họ và tên.')).toBeTruthy();
    expect(screen.getByText('Hãy nhập năm sinh, 4 chữ số, ví dụ 1952.')).toBeTruthy();
    expect(name.getAttribute('aria-invalid')).toBe('true');
    expect(await queuedMemberChanges(db)).toBe(0);

    await user.type(name, '  Nguyễn Thị Lan ');
    await user.type(screen.getByLabelText('Năm sinh'), '1952');
    const phone = screen.getByLabelText('Số điện thoại');
    await user.type(phone, '091 234 567');
    await user.click(screen.getByRole('button', { name: 'Lưu' }));
    expect(await screen.findByText('Số điện thoại phải có 10 chữ số, bắt đầu bằng số 0.')).toBeTruthy();
    expect(await queuedMemberChanges(db)).toBe(0);
    // What was typed is still there.
    expect((screen.getByLabelText('Họ và tên') as HTMLInputElement).value).toBe('  Nguyễn Thị Lan ');

    await user.type(phone, '8');
    await user.click(screen.getByRole('radio', { name: 'Hộ nghèo' }));
    await user.click(screen.getByRole('button', { name: 'Lưu' }));
    expect(await screen.findByText('Hãy nhập năm được công nhận hộ nghèo / cận nghèo.')).toBeTruthy();
    await user.type(screen.getByLabelText('Năm được công nhận'), '2025');
    await user.click(screen.getByRole('checkbox', { name: 'Tình nguyện viên' }));
    await user.click(screen.getByRole('button', { name: 'Lưu' }));

    await waitFor(() => expect(location.history.at(-1)).toBe('/members'));
    const [saved] = await liveRecords(db, 'members');
    expect(saved).toMatchObject({
      fullName: 'Nguyễn Thị Lan',
      gender: 'female',
      birthYear: 1952,
      phone: '0912345678',
      poverty: 'poor',
      povertyYear: 2025,
      roles: ['volunteer'],
      village: 'Thôn Đông',
      leftOn: null,
    });
    // This member is the one change waiting, and the badge says so.
    expect(await queuedMemberChanges(db)).toBe(1);
    const badge = screen.getByTestId('save-badge-text');
    await waitFor(() => expect(badge.textContent).toBe('Đã lưu trên máy · 1 thay đổi chờ gửi'));
    const list = await screen.findByRole('list');
    expect(within(list).getByText('Nguyễn Thị Lan')).toBeTruthy();
  });

  it('takes dates as dd/MM/yyyy on the number keypad and refuses one that does not exist', async () => {
    const user = userEvent.setup();
    const { db } = await renderApp({ path: '/members/new' });
    await user.type(await screen.findByLabelText('Họ và tên'), 'Trần Văn Đức');
    await user.type(screen.getByLabelText('Năm sinh'), '1948');
    const joined = screen.getByLabelText('Ngày vào CLB') as HTMLInputElement;
    expect(joined.inputMode).toBe('numeric');
    await user.clear(joined);
    await user.type(joined, '31022024');
    expect(joined.value).toBe('31/02/2024');
    await user.click(screen.getByRole('radio', { name: 'Nam' }));
    await user.click(screen.getByRole('button', { name: 'Lưu' }));
    expect(await screen.findByText(/Ngày không đúng/)).toBeTruthy();

    await user.clear(joined);
    await user.type(joined, '29022024');
    await user.click(screen.getByRole('button', { name: 'Lưu' }));
    await waitFor(async () => expect(await liveRecords(db, 'members')).toHaveLength(1));
    const [saved] = await liveRecords(db, 'members');
    expect(saved).toMatchObject({ fullName: 'Trần Văn Đức', gender: 'male', joinedOn: '2024-02-29' });
  });
});

/** Lan, born 1950, already in the register, with her edit form open. */
async function editFormOfLan(fields: Partial<MemberFields>) {
  const app = await renderApp({ path: '/members' });
  const lan = await createRecord(app.db, 'members', { ...newMemberFields('2024-01-15'), fullName: 'Nguyễn Thị Lan', birthYear: 1950, ...fields });
  app.location.navigate(`/members/${lan.id}/edit`);
  return { ...app, lan };
}

describe('editing a member', () => {
  it('sends only what the person changed, so another phone’s edit that arrived meanwhile survives', async () => {
    const user = userEvent.setup();
    const { db, location, lan } = await editFormOfLan({ phone: '0912345678' });
    const group = await screen.findByLabelText('Tổ / nhóm');

    // While the form is open, a pull brings the chair's new phone number for Lan.
    await db.records<Member>('members').update(lan.id, { phone: '0987654321' });
    await user.type(group, 'Tổ 5');
    await user.click(screen.getByRole('button', { name: 'Lưu' }));

    await waitFor(() => expect(location.history.at(-1)).toBe(`/members/${lan.id}`));
    expect(await recordById(db, 'members', lan.id)).toMatchObject({ phone: '0987654321', group: 'Tổ 5' });
    const last = (await db.outbox.toArray()).at(-1)!;
    expect(Object.keys(last.data).sort()).toEqual(['group', 'updatedAt']);
  });
});

describe('a problem in the optional details', () => {
  it('opens "more details" so the red line can be seen', async () => {
    const user = userEvent.setup();
    const { db, lan } = await editFormOfLan({ birthDate: '1950-03-05' });
    const year = await screen.findByLabelText('Năm sinh');
    const more = screen.getByText('Thêm thông tin (không bắt buộc)').closest('details')!;
    expect(more.open).toBe(false);

    await user.clear(year);
    await user.type(year, '1951');
    await user.click(screen.getByRole('button', { name: 'Lưu' }));

    expect(await screen.findByText('Ngày sinh không khớp với năm sinh.')).toBeTruthy();
    await waitFor(() => expect(more.open).toBe(true));
    expect((await recordById(db, 'members', lan.id))?.birthYear).toBe(1950);
  });
});
