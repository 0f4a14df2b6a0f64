import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { newMemberFields, type Member, type MemberFields } from '../../../src/domain/members';
import { liveRecords, recordById } from '../../../src/local/queries';
import { readDraft } from '../../../src/local/drafts';
import { createRecord } from '../../../src/local/write';
import type { ClubBookDatabase } from '../../../src/local/database';
import { DRAFT_DELAY_MS } from '../../../src/app/ui/use-draft';
import { renderApp } from '../render-app';

const queuedMemberChanges = (db: ClubBookDatabase) => db.outbox.filter((m) => m.collection === 'members').count();
const input = (label: string) => screen.getByLabelText(label) as HTMLInputElement;

/** Waits until the draft written after typing is on the phone. */
async function draftWritten(db: ClubBookDatabase, key: string) {
  await act(() => new Promise((resolve) => setTimeout(resolve, DRAFT_DELAY_MS + 50)));
  await waitFor(async () => expect(await readDraft(db, key)).toBeDefined());
}

describe('adding a member', () => {
  it('marks what is required, shows each problem by its field, moves to the first one, and saves once it is right', async () => {
    const user = userEvent.setup();
    const { db, location } = await renderApp({ path: '/members/new' });

    const name = await screen.findByLabelText('Họ và tên');
    expect(name.getAttribute('aria-required')).toBe('true');
    expect(name.closest('.field')!.textContent).toContain('bắt buộc');
    expect(input('Số điện thoại').getAttribute('aria-required')).toBeNull();
    // "Date joined" is asked for, never assumed to be today.
    expect(input('Ngày vào CLB').value).toBe('');

    await user.click(screen.getByRole('button', { name: 'Lưu' }));
    expect(await screen.findByText('Hãy nhập họ và tên.')).toBeTruthy();
    expect(screen.getByText('Hãy nhập năm sinh, 4 chữ số, ví dụ 1952.')).toBeTruthy();
    expect(screen.getByText('Hãy nhập ngày vào câu lạc bộ, hoặc chọn “Vào từ trước, không rõ ngày”.')).toBeTruthy();
    // The focus is on the first problem; nothing else covers the form above the button.
    await waitFor(() => expect(document.activeElement).toBe(name));
    const actions = screen.getByRole('button', { name: 'Lưu' }).closest('.form__actions')!;
    expect(within(actions as HTMLElement).queryByRole('alert')).toBeNull();
    expect(name.getAttribute('aria-invalid')).toBe('true');
    expect(await queuedMemberChanges(db)).toBe(0);

    await user.type(name, '  Nguyễn Thị Lan ');
    await user.type(input('Năm sinh'), '2030');
    await user.click(screen.getByRole('button', { name: 'Lưu' }));
    // A birth year after this year is told so, on the birth year.
    expect(await screen.findByText('Năm sinh không thể sau năm nay. Hãy xem lại.')).toBeTruthy();
    await waitFor(() => expect(document.activeElement).toBe(input('Năm sinh')));

    await user.clear(input('Năm sinh'));
    await user.type(input('Năm sinh'), '1890');
    await user.click(screen.getByRole('button', { name: 'Lưu' }));
    expect(await screen.findByText('Năm sinh phải từ 1900 đến năm nay.')).toBeTruthy();

    await user.clear(input('Năm sinh'));
    await user.type(input('Năm sinh'), '1952');
    // Typed with slashes, as people write it: 1/3/2019.
    await user.type(input('Ngày vào CLB'), '1/3/2019');
    await user.type(input('Số điện thoại'), '091 234 567');
    await user.click(screen.getByRole('button', { name: 'Lưu' }));
    expect(await screen.findByText('Số điện thoại phải có 10 chữ số, bắt đầu bằng số 0.')).toBeTruthy();
    expect(await queuedMemberChanges(db)).toBe(0);
    // What was typed is still there.
    expect(input('Họ và tên').value).toBe('  Nguyễn Thị Lan ');

    await user.type(input('Số điện thoại'), '8');
    await user.click(screen.getByRole('radio', { name: 'Hộ nghèo' }));
    // The certificate year is explained, and may be "not known".
    expect(screen.getByText('Năm ghi trên giấy chứng nhận hộ nghèo / cận nghèo, ví dụ 2025.')).toBeTruthy();
    await user.click(screen.getByRole('checkbox', { name: 'Không rõ năm' }));
    expect(input('Năm được công nhận').disabled).toBe(true);
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
      povertyYear: null,
      roles: ['volunteer'],
      village: 'Thôn Đông',
      joinedOn: '2019-03-01',
      leftOn: null,
    });
    expect(await queuedMemberChanges(db)).toBe(1);
    const badge = await screen.findByTestId('save-badge-text');
    await waitFor(() => expect(badge.textContent).toBe('Đã lưu trên máy · sổ chỉ có trên máy này (chưa nối máy chủ)'));
    const list = await screen.findByRole('list');
    expect(within(list).getByText('Nguyễn Thị Lan')).toBeTruthy();
  });

  it('takes dates as dd/MM/yyyy on the number keypad and refuses one that does not exist', async () => {
    const user = userEvent.setup();
    const { db } = await renderApp({ path: '/members/new' });
    await user.type(await screen.findByLabelText('Họ và tên'), 'Trần Văn Đức');
    await user.type(input('Năm sinh'), '1948');
    const joined = input('Ngày vào CLB');
    expect(joined.inputMode).toBe('numeric');
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

  it('records a member who was in the club before its book began, with no date', async () => {
    const user = userEvent.setup();
    const { db } = await renderApp({ path: '/members/new' });
    await user.type(await screen.findByLabelText('Họ và tên'), 'Lê Thị Hoa');
    await user.type(input('Năm sinh'), '1950');
    await user.click(screen.getByRole('checkbox', { name: 'Vào từ trước, không rõ ngày' }));
    expect(input('Ngày vào CLB').disabled).toBe(true);
    await user.click(screen.getByRole('button', { name: 'Lưu' }));
    await waitFor(async () => expect(await liveRecords(db, 'members')).toHaveLength(1));
    expect((await liveRecords(db, 'members'))[0]).toMatchObject({ fullName: 'Lê Thị Hoa', joinedOn: null });
  });

  it('saves and opens a fresh form for the next person, keeping village, cluster and joining', async () => {
    const user = userEvent.setup();
    const { db, location } = await renderApp({ path: '/members/new' });
    await user.type(await screen.findByLabelText('Họ và tên'), 'Lê Thị Hoa');
    await user.type(input('Năm sinh'), '1950');
    await user.type(input('Tổ / nhóm'), 'Tổ 2');
    await user.click(screen.getByRole('checkbox', { name: 'Vào từ trước, không rõ ngày' }));
    await user.click(screen.getByRole('button', { name: 'Lưu và thêm người nữa' }));

    await waitFor(async () => expect(await liveRecords(db, 'members')).toHaveLength(1));
    await waitFor(() => expect(input('Họ và tên').value).toBe(''));
    expect(location.history.at(-1)).toBe('/members/new');
    expect(input('Năm sinh').value).toBe('');
    expect(input('Tổ / nhóm').value).toBe('Tổ 2');
    expect(input('Thôn / khu phố').value).toBe('Thôn Đông');
    expect((screen.getByRole('checkbox', { name: 'Vào từ trước, không rõ ngày' }) as HTMLInputElement).checked).toBe(true);
    await waitFor(() => expect(document.activeElement).toBe(input('Họ và tên')));

    await user.type(input('Họ và tên'), 'Phạm Văn Tư');
    await user.type(input('Năm sinh'), '1946');
    await user.click(screen.getByRole('button', { name: 'Lưu' }));
    await waitFor(async () => expect(await liveRecords(db, 'members')).toHaveLength(2));
    const tu = (await liveRecords(db, 'members')).find((m) => m.fullName === 'Phạm Văn Tư');
    expect(tu).toMatchObject({ group: 'Tổ 2', joinedOn: null, birthYear: 1946 });
    // Nothing of either person is left as a draft.
    expect(await readDraft(db, 'member:new')).toBeUndefined();
  });
});

describe('a half-typed member is never lost', () => {
  it('comes back after leaving by a tab, offered to carry on or start again', async () => {
    const user = userEvent.setup();
    const { db } = await renderApp({ path: '/members/new' });
    await user.type(await screen.findByLabelText('Họ và tên'), 'Đỗ Thị Mai');
    await user.type(input('Năm sinh'), '1957');
    await draftWritten(db, 'member:new');

    // The bottom bar's Home tab: the form is gone from the screen.
    await user.click(screen.getByRole('link', { name: /Trang chính/ }));
    await waitFor(() => expect(screen.queryByLabelText('Họ và tên')).toBeNull());
    await user.click(await screen.findByRole('link', { name: '+ Thêm thành viên' }));

    expect(await screen.findByText(/Đây là phần bạn đang ghi dở/)).toBeTruthy();
    expect(input('Họ và tên').value).toBe('Đỗ Thị Mai');
    expect(input('Năm sinh').value).toBe('1957');

    await user.click(screen.getByRole('button', { name: 'Bỏ, ghi lại từ đầu' }));
    expect(input('Họ và tên').value).toBe('');
    await waitFor(async () => expect(await readDraft(db, 'member:new')).toBeUndefined());
  });

  it('keeps an edit as an edit: after coming back, saving sends only the field the person changed', async () => {
    const user = userEvent.setup();
    const { db, location, lan } = await editFormOfLan({ phone: '0912345678' });
    await user.type(await screen.findByLabelText('Tổ / nhóm'), 'Tổ 5');
    await draftWritten(db, `member:${lan.id}`);
    // The ‹ back arrow.
    await user.click(screen.getByRole('link', { name: 'Quay lại' }));
    // Her page, with the form gone.
    expect(await screen.findByRole('link', { name: 'Sửa' })).toBeTruthy();
    expect(screen.queryByLabelText('Tổ / nhóm')).toBeNull();

    // Meanwhile another phone's new number for Lan arrives.
    await db.records<Member>('members').update(lan.id, { phone: '0987654321' });
    act(() => location.navigate(`/members/${lan.id}/edit`));
    expect(await screen.findByText(/Đây là phần bạn đang ghi dở/)).toBeTruthy();
    expect(input('Tổ / nhóm').value).toBe('Tổ 5');
    await user.click(screen.getByRole('button', { name: 'Ghi tiếp' }));
    expect(screen.queryByText(/Đây là phần bạn đang ghi dở/)).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Lưu' }));

    await waitFor(() => expect(location.history.at(-1)).toBe(`/members/${lan.id}`));
    expect(await recordById(db, 'members', lan.id)).toMatchObject({ phone: '0987654321', group: 'Tổ 5' });
    const last = (await db.outbox.toArray()).at(-1)!;
    expect(Object.keys(last.data).sort()).toEqual(['group', 'updatedAt']);
    expect(await readDraft(db, `member:${lan.id}`)).toBeUndefined();
  });
});

/** Lan, born 1950, already in the register, with her edit form open. */
async function editFormOfLan(fields: Partial<MemberFields>) {
  const app = await renderApp({ path: '/members' });
  const lan = await createRecord(app.db, 'members', { ...newMemberFields(), joinedOn: '2024-01-15', fullName: 'Nguyễn Thị Lan', birthYear: 1950, ...fields });
  act(() => app.location.navigate(`/members/${lan.id}/edit`));
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

  it('shows the date a member joined in the form, and takes a birth year after it as the mistake', async () => {
    const user = userEvent.setup();
    const { lan } = await editFormOfLan({});
    expect((await screen.findByLabelText('Ngày vào CLB') as HTMLInputElement).value).toBe('15/01/2024');
    await user.clear(input('Năm sinh'));
    await user.type(input('Năm sinh'), '2025');
    await user.click(screen.getByRole('button', { name: 'Lưu' }));
    const error = await screen.findByText('Năm sinh phải trước ngày vào câu lạc bộ. Hãy xem lại năm sinh.');
    expect(error.closest('.field')!.contains(input('Năm sinh'))).toBe(true);
    expect(lan.birthYear).toBe(1950);
  });
});

describe('a problem in the optional details', () => {
  it('opens "more details" and moves to the field, so the red line can be seen', async () => {
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
    await waitFor(() => expect(document.activeElement).toBe(input('Ngày sinh (nếu biết)')));
    expect((await recordById(db, 'members', lan.id))?.birthYear).toBe(1950);
  });
});
