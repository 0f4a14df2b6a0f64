import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { newCarePlanFields } from '../../../src/domain/care-plans';
import { todayOn } from '../../../src/domain/dates';
import { newReadingFields, type Reading } from '../../../src/domain/readings';
import { newVisitFields, type Visit } from '../../../src/domain/visits';
import { currentClubId, META } from '../../../src/local/device';
import type { ClubBookDatabase } from '../../../src/local/database';
import { createRecord } from '../../../src/local/write';
import { memberFields } from '../../domain/fixtures';
import { renderApp } from '../render-app';

/**
 * The volunteer's phone (issue 11): it opens on "my people"; a visit is the person, the help
 * of their last visit already ticked, Save — at most 5 taps from opening the app; and a high
 * reading taken on any phone gives the volunteer a task.
 */
async function volunteerPhone(db: ClubBookDatabase) {
  const hoa = await createRecord(db, 'members', memberFields({ fullName: 'Nguyễn Thị Hoa', roles: ['volunteer'] }));
  const ba = await createRecord(db, 'members', memberFields({ fullName: 'Trần Thị Bảy', roles: ['careRecipient'], birthYear: 1938 }));
  const ong = await createRecord(db, 'members', memberFields({ fullName: 'Lê Văn Ông', notMember: true, roles: ['careRecipient'], birthYear: 1935 }));
  const other = await createRecord(db, 'members', memberFields({ fullName: 'Phạm Thị Xuân', roles: ['careRecipient'] }));
  await createRecord(db, 'carePlans', { ...newCarePlanFields(ba.id, '2026-01-05'), volunteerIds: [hoa.id], usualHelp: ['conversation'] });
  await createRecord(db, 'carePlans', { ...newCarePlanFields(ong.id, '2026-01-05'), volunteerIds: [hoa.id], usualHelp: ['cooking'] });
  await createRecord(db, 'carePlans', { ...newCarePlanFields(other.id, '2026-01-05'), volunteerIds: [crypto.randomUUID()] });
  // Bảy's last visit: cooking and laundry. The next one starts with those ticked.
  await createRecord(db, 'visits', newVisitFields(ba.id, hoa.id, '2026-01-10', ['cooking', 'laundry']));
  const clubId = await currentClubId(db);
  await db.meta.put({
    key: META.connection,
    value: { serverUrl: 'https://soclb.example.vn', token: 't', deviceId: 'd', role: 'volunteer', clubId, memberId: hoa.id, connectedAt: '2026-11-01T00:00:00.000Z' },
  });
  return { hoa, ba, ong };
}

describe("a volunteer's phone", () => {
  it('opens on the people this volunteer cares for, and logs a visit in 2 taps: the person, then Save', async () => {
    const user = userEvent.setup();
    let people: Awaited<ReturnType<typeof volunteerPhone>> | undefined;
    const { db } = await renderApp({ before: async (db) => void (people = await volunteerPhone(db)) });
    const { hoa, ba } = people!;

    // Home is "my people": Bảy and Ông (not Xuân: another volunteer's), never visited longest first.
    await screen.findByRole('heading', { name: 'Người tôi chăm sóc' });
    const rows = await screen.findAllByRole('link', { name: /Ghi lần thăm/ });
    expect(rows.map((r) => r.querySelector('.member-row__name')!.textContent)).toEqual(['Lê Văn Ông', 'Trần Thị Bảy']);
    expect(screen.queryByText('Phạm Thị Xuân')).toBeNull();

    let taps = 0;
    const tap = async (element: HTMLElement) => {
      taps++;
      await user.click(element);
    };
    await tap(rows[1]!);
    // The help of her last visit, already ticked.
    await screen.findByRole('heading', { name: 'Trần Thị Bảy' });
    expect(await screen.findByRole('checkbox', { name: 'Nấu ăn' })).toHaveProperty('checked', true);
    expect(screen.getByRole('checkbox', { name: 'Giặt giũ' })).toHaveProperty('checked', true);
    expect(screen.getByRole('checkbox', { name: 'Trò chuyện' })).toHaveProperty('checked', false);
    await tap(screen.getByRole('button', { name: 'Lưu lần thăm' }));

    await screen.findByText('Đã ghi lần thăm Trần Thị Bảy');
    expect(taps).toBeLessThanOrEqual(5);
    const visits = (await db.records<Visit>('visits').toArray()).filter((v) => v.visitedOn === todayOn());
    expect(visits).toEqual([expect.objectContaining({ personId: ba.id, volunteerId: hoa.id, help: ['cooking', 'laundry'], needsAttention: false })]);
    // Kept on the phone and waiting to be sent.
    expect(await db.outbox.where('collection').equals('visits').count()).toBeGreaterThanOrEqual(1);
    // Back on "my people", Bảy now visited today.
    await waitFor(() => expect(screen.getByText('Đã thăm hôm nay')).toBeTruthy());
  });

  it("gives the volunteer a task when a person they care for has a reading of 185/115, and takes it away with the referral", async () => {
    let people: Awaited<ReturnType<typeof volunteerPhone>> | undefined;
    const { db } = await renderApp({ before: async (db) => void (people = await volunteerPhone(db)) });
    const { ong } = people!;
    await screen.findByRole('heading', { name: 'Người tôi chăm sóc' });
    expect(screen.queryByRole('heading', { name: 'Việc cần làm ngay' })).toBeNull();

    // Taken on the board's phone at the meeting, arrived by sync.
    await createRecord(db, 'readings', { ...newReadingFields(ong.id, todayOn(), 'meeting'), systolic: 185, diastolic: 115 });
    const tasks = await screen.findByRole('region', { name: 'Việc cần làm ngay' });
    expect(within(tasks).getByRole('link').textContent).toBe('Lê Văn Ông: huyết áp 185/115. Cần đưa lên trạm y tế xã.');

    await createRecord(db, 'referrals', { personId: ong.id, referredOn: todayOn(), referredTo: 'Trạm y tế xã', note: null });
    await waitFor(() => expect(within(screen.getByRole('region', { name: 'Việc cần làm ngay' })).getByRole('link').textContent).toBe('Lê Văn Ông: huyết áp 185/115. Cần đo lại trong tuần.'));
  });

  it('goes on from a visit that measured the pressure to its reading, kept as taken at home, then back to my people', async () => {
    const user = userEvent.setup();
    let people: Awaited<ReturnType<typeof volunteerPhone>> | undefined;
    const { db } = await renderApp({ before: async (db) => void (people = await volunteerPhone(db)) });
    const { ong } = people!;
    await user.click((await screen.findAllByRole('link', { name: /Lê Văn Ông/ }))[0]!);
    await user.click(await screen.findByRole('checkbox', { name: 'Đo huyết áp' }));
    await user.click(screen.getByRole('button', { name: 'Lưu lần thăm' }));
    await user.type(await screen.findByLabelText('Huyết áp số trên (tâm thu)'), '150');
    await user.keyboard('95');
    await user.click(screen.getByRole('button', { name: 'Lưu' }));
    await screen.findByRole('heading', { name: 'Người tôi chăm sóc' });
    expect(await db.records<Reading>('readings').toArray()).toEqual([expect.objectContaining({ personId: ong.id, systolic: 150, diastolic: 95, place: 'homeVisit' })]);
    // Her own high reading is now a task of this volunteer's: measure again.
    expect(await screen.findByRole('link', { name: 'Lê Văn Ông: huyết áp 150/95. Cần đo lại trong tuần.' })).toBeTruthy();
  });
});
