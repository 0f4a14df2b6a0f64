import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { newMemberFields, type MemberFields } from '../../../src/domain/members';
import type { ClubBookDatabase } from '../../../src/local/database';
import { createRecord } from '../../../src/local/write';
import { renderApp } from '../render-app';

async function addMembers(db: ClubBookDatabase, people: Partial<MemberFields>[]) {
  for (const person of people) {
    await createRecord(db, 'members', { ...newMemberFields(), joinedOn: '2024-01-15', birthYear: 1950, ...person });
  }
}

const namesShown = () => within(screen.getByRole('list')).getAllByRole('link').map((row) => row.querySelector('.member-row__name')?.textContent);

describe('the member register', () => {
  it('opens a person’s page with a tap on their row, in the app, and leaves a tap with a key held to the browser', async () => {
    const user = userEvent.setup();
    const { db, location } = await renderApp({ path: '/members' });
    await addMembers(db, [{ fullName: 'Nguyễn Thị Lan' }, { fullName: 'Lê Thị Ánh' }]);
    const row = await screen.findByRole('link', { name: /Nguyễn Thị Lan/ });
    const page = row.getAttribute('href')!;
    expect(page).toMatch(/^\/members\/[0-9a-f-]{36}$/);
    // Ctrl + tap: opening in a new tab is the browser's, not the app's.
    const ctrlTap = new MouseEvent('click', { bubbles: true, cancelable: true, ctrlKey: true });
    row.dispatchEvent(ctrlTap);
    expect(ctrlTap.defaultPrevented).toBe(false);
    expect(location.history!.at(-1)).toBe('/members');
    await user.click(row);
    await waitFor(() => expect(location.history!.at(-1)).toBe(page));
    expect(await screen.findByRole('heading', { name: 'Nguyễn Thị Lan' })).toBeTruthy();
  });

  it('lists members by given name and finds "Nguyễn Thị …" when "nguyen thi" is typed', async () => {
    const user = userEvent.setup();
    const { db } = await renderApp({ path: '/members' });
    await addMembers(db, [
      { fullName: 'Nguyễn Thị Lan' },
      { fullName: 'Trần Văn Đức', gender: 'male' },
      { fullName: 'Lê Thị Ánh' },
      { fullName: 'Nguyễn Thị Bình' },
      { fullName: 'Phạm Văn Nguyên', gender: 'male' },
    ]);

    await waitFor(() => expect(namesShown()).toHaveLength(5));
    expect(namesShown()).toEqual(['Lê Thị Ánh', 'Nguyễn Thị Bình', 'Trần Văn Đức', 'Nguyễn Thị Lan', 'Phạm Văn Nguyên']);

    await user.type(screen.getByRole('searchbox', { name: 'Tìm thành viên theo tên hoặc số điện thoại' }), 'nguyen thi');
    await waitFor(() => expect(namesShown()).toEqual(['Nguyễn Thị Bình', 'Nguyễn Thị Lan']));
    expect(screen.getByText('2 người')).toBeTruthy();

    await user.clear(screen.getByRole('searchbox'));
    await user.type(screen.getByRole('searchbox'), 'DUC');
    await waitFor(() => expect(namesShown()).toEqual(['Trần Văn Đức']));
  });

  it('filters women, older people, and those who have left', async () => {
    const user = userEvent.setup();
    const { db } = await renderApp({ path: '/members' });
    await addMembers(db, [
      { fullName: 'Nguyễn Thị Lan', birthYear: 1950 },
      { fullName: 'Trần Văn Đức', gender: 'male', birthYear: 1990 },
      { fullName: 'Đỗ Thị Hoa', birthYear: 1985 },
      { fullName: 'Bùi Văn Tư', gender: 'male', birthYear: 1940, leftOn: '2025-06-01' },
    ]);
    await waitFor(() => expect(namesShown()).toHaveLength(3));

    await user.click(screen.getByRole('button', { name: 'Nữ' }));
    await waitFor(() => expect(namesShown()).toEqual(['Đỗ Thị Hoa', 'Nguyễn Thị Lan']));
    await user.click(screen.getByRole('button', { name: 'Người cao tuổi' }));
    await waitFor(() => expect(namesShown()).toEqual(['Nguyễn Thị Lan']));
    await user.click(screen.getByRole('button', { name: 'Đã rời CLB' }));
    await waitFor(() => expect(namesShown()).toEqual(['Bùi Văn Tư']));
  });

  it('opened from a home tile, says which filter is on beside the count, and takes it off in one tap', async () => {
    const user = userEvent.setup();
    const { db } = await renderApp({ path: '/' });
    await addMembers(db, [
      { fullName: 'Nguyễn Thị Lan', roles: ['careRecipient'] },
      { fullName: 'Trần Văn Đức', gender: 'male' },
    ]);
    await user.click(await screen.findByRole('link', { name: /Người được chăm sóc/ }));
    await waitFor(() => expect(namesShown()).toEqual(['Nguyễn Thị Lan']));
    // All seven filters are on the page, the one that is on marked as pressed.
    const filters = within(screen.getByRole('group', { name: 'Lọc danh sách' })).getAllByRole('button');
    expect(filters).toHaveLength(7);
    expect(filters.filter((chip) => chip.getAttribute('aria-pressed') === 'true').map((chip) => chip.textContent)).toEqual(['Được chăm sóc']);
    const on = screen.getByRole('button', { name: 'Bỏ lọc “Được chăm sóc”, xem tất cả' });
    expect(on.closest('.list-tools')).not.toBeNull();
    await user.click(on);
    await waitFor(() => expect(namesShown()).toHaveLength(2));
  });

  it('says "nobody has left" for an empty filter, and "type fewer letters" only when something was typed', async () => {
    const user = userEvent.setup();
    const { db } = await renderApp({ path: '/members?filter=left' });
    await addMembers(db, [{ fullName: 'Nguyễn Thị Lan' }]);
    expect(await screen.findByText('Không có ai trong mục “Đã rời CLB”.')).toBeTruthy();
    expect(screen.queryByText(/gõ ít chữ hơn/)).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Tất cả' }));
    await user.type(screen.getByRole('searchbox'), 'xyz');
    expect(await screen.findByText('Không có ai khớp. Hãy thử gõ ít chữ hơn.')).toBeTruthy();
  });
});
