import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { todayOn } from '../../../src/domain/dates';
import { newMemberFields } from '../../../src/domain/members';
import { recordById } from '../../../src/local/queries';
import { createRecord } from '../../../src/local/write';
import { renderApp } from '../render-app';

describe('a member’s page', () => {
  it('marks a member as having left without erasing them, and takes them back', async () => {
    const user = userEvent.setup();
    const { db, location } = await renderApp({ path: '/members' });
    const lan = await createRecord(db, 'members', { ...newMemberFields(), joinedOn: '2020-03-01', fullName: 'Nguyễn Thị Lan', birthYear: 1950 });
    location.navigate(`/members/${lan.id}`);

    expect(await screen.findByRole('heading', { name: 'Nguyễn Thị Lan' })).toBeTruthy();
    expect(screen.getByText('01/03/2020')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Đánh dấu đã rời CLB' }));
    await user.click(screen.getByRole('button', { name: 'Đã rời CLB từ hôm nay' }));

    await waitFor(async () => expect((await recordById(db, 'members', lan.id))?.leftOn).toBe(todayOn()));
    expect(await screen.findByText(/Đã rời câu lạc bộ từ/)).toBeTruthy();
    const mutations = await db.outbox.toArray();
    expect(mutations.at(-1)).toMatchObject({ op: 'put', id: lan.id, data: { leftOn: todayOn() } });

    await user.click(screen.getByRole('button', { name: 'Cho vào lại câu lạc bộ' }));
    await waitFor(async () => expect((await recordById(db, 'members', lan.id))?.leftOn).toBeNull());
  });

  it('deletes a record entered by mistake only after asking, leaving a tombstone to sync', async () => {
    const user = userEvent.setup();
    const { db, location } = await renderApp({ path: '/members' });
    const dup = await createRecord(db, 'members', { ...newMemberFields(), joinedOn: '2020-03-01', fullName: 'Trần Văn Đức', birthYear: 1948 });
    location.navigate(`/members/${dup.id}`);
    await user.click(await screen.findByRole('button', { name: 'Xóa hồ sơ ghi nhầm' }));
    expect(await db.records('members').get(dup.id)).toMatchObject({ deleted: false });
    await user.click(screen.getByRole('button', { name: 'Xóa hồ sơ' }));

    await waitFor(() => expect(location.history.at(-1)).toBe('/members'));
    expect(await db.records('members').get(dup.id)).toMatchObject({ deleted: true });
    expect((await db.outbox.toArray()).at(-1)).toMatchObject({ op: 'delete', id: dup.id });
  });
});
