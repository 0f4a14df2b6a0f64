import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { markId, type AttendanceMark } from '../../../src/domain/attendance';
import { uuidv7 } from '../../../src/domain/ids';
import { newMeetingFields } from '../../../src/domain/meetings';
import { currentClubId, META } from '../../../src/local/device';
import type { ClubBookDatabase } from '../../../src/local/database';
import { createRecord, deleteRecord, upsertRecords } from '../../../src/local/write';
import { memberFields } from '../../domain/fixtures';
import { renderApp } from '../render-app';

/**
 * The roll call as a chair holds it (issue 10): those in the club on the meeting's day, by
 * given name in their clusters; "all present" for a cluster, then a tap for each exception;
 * the line at the top counting as it goes; every mark kept on the phone at once.
 */
async function clubWithMeeting(db: ClubBookDatabase) {
  const people = {
    lan: await createRecord(db, 'members', memberFields({ fullName: 'Nguyễn Thị Lan', group: 'Tổ 1', joinedOn: '2020-01-01' })),
    tu: await createRecord(db, 'members', memberFields({ fullName: 'Phạm Văn Tư', group: 'Tổ 1', joinedOn: null })),
    an: await createRecord(db, 'members', memberFields({ fullName: 'Trần Văn An', group: 'Tổ 1', joinedOn: '2019-05-01' })),
    mai: await createRecord(db, 'members', memberFields({ fullName: 'Đỗ Thị Mai', group: 'Tổ 2', joinedOn: '2021-03-01' })),
    // Not on the roll of 15/11/2026: joined after it, and left before it.
    duc: await createRecord(db, 'members', memberFields({ fullName: 'Trần Văn Đức', group: 'Tổ 2', joinedOn: '2026-11-20' })),
    hoa: await createRecord(db, 'members', memberFields({ fullName: 'Lê Thị Hoa', group: 'Tổ 2', joinedOn: '2018-01-01', leftOn: '2026-10-01' })),
  };
  const meeting = await createRecord(db, 'meetings', newMeetingFields('2026-11-15'), { id: MEETING_ID });
  return { people, meeting };
}

async function marksIn(db: ClubBookDatabase, meetingId: string): Promise<Record<string, string>> {
  const marks = await db.records<AttendanceMark>('attendance').where('meetingId').equals(meetingId).toArray();
  return Object.fromEntries(marks.map((m) => [m.id, m.mark]));
}

/** The meeting's id, fixed so the test can open its roll's address. */
const MEETING_ID = uuidv7();
const ROLL = `/meetings/${MEETING_ID}/roll`;

const rowOf = (name: string) => screen.getByText(name).closest('li')!;

describe('the roll call', () => {
  it('lists those in the club that day by given name in their clusters, and marks a cluster present then each exception in one tap', async () => {
    const user = userEvent.setup();
    let made: Awaited<ReturnType<typeof clubWithMeeting>> | undefined;
    const { db } = await renderApp({ before: async (db) => void (made = await clubWithMeeting(db)), path: ROLL });
    const { people, meeting } = made!;

    expect(await screen.findByTestId('roll-line')).toHaveProperty('textContent', '0 / 4 có mặt · 0 %');
    const clusters = screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent);
    expect(clusters).toEqual(['Tổ 1', 'Tổ 2']);
    // By given name within Tổ 1: An, Lan, Tư. Đức and Hoa are not on this meeting's roll.
    const tổ1 = screen.getByRole('region', { name: 'Tổ 1' });
    expect(within(tổ1).getAllByRole('listitem').map((li) => li.querySelector('.roll-row__name')!.textContent)).toEqual(['Trần Văn An', 'Nguyễn Thị Lan', 'Phạm Văn Tư']);
    expect(screen.queryByText('Trần Văn Đức')).toBeNull();
    expect(screen.queryByText('Lê Thị Hoa')).toBeNull();

    // A cluster at once, then its one exception: two taps for Tổ 1.
    await user.click(screen.getByRole('button', { name: 'Cả Tổ 1 có mặt' }));
    await waitFor(() => expect(screen.getByTestId('roll-line').textContent).toBe('3 / 4 có mặt · 75 %'));
    await user.click(within(rowOf('Phạm Văn Tư')).getByRole('radio', { name: 'Có phép' }));
    await waitFor(() => expect(screen.getByTestId('roll-line').textContent).toBe('2 / 4 có mặt · 50 %'));
    expect(within(rowOf('Phạm Văn Tư')).getByRole('radio', { name: 'Có phép' }).getAttribute('aria-checked')).toBe('true');
    expect(screen.queryByRole('button', { name: 'Cả Tổ 1 có mặt' })).toBeNull();

    // Searching finds a person across the clusters, tone marks or not; "all present" waits meanwhile.
    await user.type(screen.getByRole('searchbox', { name: 'Tìm người trong danh sách điểm danh' }), 'mai');
    await waitFor(() => expect(screen.queryByText('Nguyễn Thị Lan')).toBeNull());
    expect(screen.queryByRole('button', { name: 'Tất cả có mặt' })).toBeNull();
    await user.click(within(rowOf('Đỗ Thị Mai')).getByRole('radio', { name: 'Vắng' }));
    await waitFor(() => expect(screen.getByText('2 / 4 có mặt · 50 %')).toBeTruthy());

    // Every mark is on the phone, one per person, under the id made from the meeting and the member.
    await waitFor(async () =>
      expect(await marksIn(db, meeting.id)).toEqual({
        [markId(meeting.id, people.an.id)]: 'present',
        [markId(meeting.id, people.lan.id)]: 'present',
        [markId(meeting.id, people.tu.id)]: 'excused',
        [markId(meeting.id, people.mai.id)]: 'absent',
      }),
    );
    expect(await db.outbox.where('collection').equals('attendance').count()).toBe(5); // 3 + Tư's change + Mai
  });

  it('marks everyone not yet marked present in one tap, keeping the marks already made', async () => {
    const user = userEvent.setup();
    let made: Awaited<ReturnType<typeof clubWithMeeting>> | undefined;
    const { db } = await renderApp({ before: async (db) => void (made = await clubWithMeeting(db)), path: ROLL });
    const { people, meeting } = made!;
    await user.click(within(await screen.findByText('Đỗ Thị Mai').then((n) => n.closest('li')!)).getByRole('radio', { name: 'Vắng' }));
    expect(await screen.findByText('3 người chưa điểm danh')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Tất cả có mặt' }));
    await waitFor(() => expect(screen.getByTestId('roll-line').textContent).toBe('3 / 4 có mặt · 75 %'));
    expect((await marksIn(db, meeting.id))[markId(meeting.id, people.mai.id)]).toBe('absent');
    expect(screen.queryByRole('button', { name: 'Tất cả có mặt' })).toBeNull();
  });

  it('lights a mark with the tap, before the phone has stored it, and stores it', async () => {
    let made: Awaited<ReturnType<typeof clubWithMeeting>> | undefined;
    const { db } = await renderApp({ before: async (db) => void (made = await clubWithMeeting(db)), path: ROLL });
    const { people, meeting } = made!;
    const excused = within(await screen.findByText('Phạm Văn Tư').then((n) => n.closest('li')!)).getByRole('radio', { name: 'Có phép' });
    // Drawn as the tap is handled: no write or read of the phone's storage has answered yet.
    act(() => void fireEvent.click(excused));
    expect(excused.getAttribute('aria-checked')).toBe('true');
    expect(screen.getByText('3 người chưa điểm danh')).toBeTruthy();
    await waitFor(async () => expect((await marksIn(db, meeting.id))[markId(meeting.id, people.tu.id)]).toBe('excused'));
    expect(excused.getAttribute('aria-checked')).toBe('true');
  });

  it('puts a mark the phone could not store back as it was, and says why', async () => {
    const user = userEvent.setup();
    let made: Awaited<ReturnType<typeof clubWithMeeting>> | undefined;
    const { db } = await renderApp({
      before: async (db) => {
        made = await clubWithMeeting(db);
        // Tư's mark was made and then deleted: deletes win, so it can never be stored again.
        const id = markId(made.meeting.id, made.people.tu.id);
        await upsertRecords(db, 'attendance', [{ id, fields: { meetingId: made.meeting.id, memberId: made.people.tu.id, mark: 'present' } }]);
        await deleteRecord(db, 'attendance', id);
      },
      path: ROLL,
    });
    const row = await screen.findByText('Phạm Văn Tư').then((n) => n.closest('li')!);
    await user.click(within(row).getByRole('radio', { name: 'Vắng' }));
    expect((await screen.findByRole('alert')).textContent).not.toBe('');
    await waitFor(() => expect(within(row).getByRole('radio', { name: 'Vắng' }).getAttribute('aria-checked')).toBe('false'));
    expect(await marksIn(db, made!.meeting.id)).toEqual({ [markId(made!.meeting.id, made!.people.tu.id)]: 'present' });
  });

  it('is read-only on a volunteer’s phone', async () => {
    await renderApp({
      before: async (db) => {
        await clubWithMeeting(db);
        const clubId = await currentClubId(db);
        await db.meta.put({
          key: META.connection,
          value: { serverUrl: 'https://soclb.example.vn', token: 't', deviceId: 'd', role: 'volunteer', clubId, connectedAt: '2026-11-01T00:00:00.000Z' },
        });
      },
      path: ROLL,
    });
    expect(await screen.findByText('Máy này chỉ được xem sổ sinh hoạt.')).toBeTruthy();
    expect(screen.queryByRole('radio', { name: 'Có mặt' })).toBeNull();
  });
});
