import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { markId } from '../../src/domain/attendance';
import { newCarePlanFields } from '../../src/domain/care-plans';
import { clubReport } from '../../src/domain/club-report';
import { simpleEntry } from '../../src/domain/fund-forms';
import { newMeetingFields } from '../../src/domain/meetings';
import { periodOf } from '../../src/domain/periods';
import { newReadingFields } from '../../src/domain/readings';
import { newVisitFields } from '../../src/domain/visits';
import { createClub as createClubBook } from '../../src/local/club';
import { deviceId } from '../../src/local/device';
import { bookBegan, clubBooks, reportsWaiting, sentReports } from '../../src/local/report-queries';
import { createRecord, createRecords, deleteRecord } from '../../src/local/write';
import { clubFields, memberFields } from '../domain/fixtures';
import { clockAt, createClub, freshDatabase, joinClub } from './helpers';

const report = (periodKey: string, from: string, to: string) => ({ periodKey, from, to, figures: { members: 2 }, note: null });

describe('the report’s reads on the phone', () => {
  it('reads every book the report counts, under its name, without deleted records; a book the phone does not keep is empty', async () => {
    const db = freshDatabase();
    expect(await clubBooks(db)).toBeNull();
    await createClub(db);
    const [lan, hung, gone] = await createRecords(db, 'members', [
      { fields: memberFields({ fullName: 'Nguyễn Thị Lan' }) },
      { fields: memberFields({ fullName: 'Phạm Văn Hùng', gender: 'male' }) },
      { fields: memberFields({ fullName: 'Ghi nhầm' }) },
    ]);
    await deleteRecord(db, 'members', gone!.id);
    const meeting = await createRecord(db, 'meetings', newMeetingFields('2026-03-10'));
    await createRecord(db, 'attendance', { meetingId: meeting.id, memberId: lan!.id, mark: 'present' }, { id: markId(meeting.id, lan!.id) });
    await createRecord(db, 'carePlans', { ...newCarePlanFields(lan!.id, '2026-01-01'), volunteerIds: [hung!.id] });
    await createRecord(db, 'visits', newVisitFields(lan!.id, hung!.id, '2026-03-12', ['conversation']));
    await createRecord(db, 'readings', { ...newReadingFields(lan!.id, '2026-03-10', 'meeting'), systolic: 150, diastolic: 95 });
    const seed = simpleEntry({ kind: 'seed', amount: 50_000_000, postedOn: '2026-01-05', account: 'cash', fund: 'incomeFund', memberId: null, loanId: null, note: null });
    await createRecord(db, 'entries', { ...seed, phoneId: await deviceId(db) });

    const books = (await clubBooks(db))!;
    expect(books.club.name).toBe(clubFields().name);
    expect(books.members.map((m) => m.fullName).sort()).toEqual(['Nguyễn Thị Lan', 'Phạm Văn Hùng']);
    expect(books.meetings.map((m) => m.id)).toEqual([meeting.id]);
    expect(books.attendance).toHaveLength(1);
    expect(books.carePlans).toHaveLength(1);
    expect(books.visits).toHaveLength(1);
    expect(books.readings).toHaveLength(1);
    expect(books.entries).toHaveLength(1);
    // Books this phone holds none of (a treasurer's phone is sent no referrals, say): [].
    expect(books.referrals).toEqual([]);
    expect(books.strikeOuts).toEqual([]);
    expect(books.loans).toEqual([]);
    expect(books.loanApplications).toEqual([]);
    // What the domain counts from them.
    const figures = clubReport(books, periodOf('2026-H1')!).figures;
    expect(figures).toMatchObject({ members: 2, meetingsHeld: 1, visits: 1, highReadings: 1, incomeClosing: 50_000_000 });
  });

  it('knows when the book began: its first meeting, entry, visit or reading, or the day the book was made, whichever is first', async () => {
    clockAt('2026-11-20T03:00:00.000Z');
    const db = freshDatabase();
    expect(await bookBegan(db)).toBeNull();
    await createClub(db);
    // Nothing dated yet: the day the book was made, in Vietnam.
    expect(await bookBegan(db)).toBe('2026-11-20');
    await createRecord(db, 'meetings', newMeetingFields('2025-04-10'));
    expect(await bookBegan(db)).toBe('2025-04-10');
    const seed = simpleEntry({ kind: 'seed', amount: 1_000_000, postedOn: '2024-12-30', account: 'cash', fund: 'incomeFund', memberId: null, loanId: null, note: null });
    await createRecord(db, 'entries', { ...seed, phoneId: await deviceId(db) });
    expect(await bookBegan(db)).toBe('2024-12-30');
    const [lan] = await createRecords(db, 'members', [{ fields: memberFields() }]);
    await createRecord(db, 'visits', newVisitFields(lan!.id, lan!.id, '2024-06-01', ['conversation']));
    await createRecord(db, 'readings', { ...newReadingFields(lan!.id, '2024-03-02', 'clinic'), systolic: 120, diastolic: 80 });
    expect(await bookBegan(db)).toBe('2024-03-02');
    // A deleted meeting does not count, even the earliest.
    const early = await createRecord(db, 'meetings', newMeetingFields('2023-01-05'));
    expect(await bookBegan(db)).toBe('2023-01-05');
    await deleteRecord(db, 'meetings', early.id);
    expect(await bookBegan(db)).toBe('2024-03-02');
  });

  it('does not go back before the club was founded', async () => {
    clockAt('2026-11-20T03:00:00.000Z');
    const db = freshDatabase();
    await createClubBook(db, clubFields({ foundedOn: '2025-09-01' }));
    await createRecord(db, 'meetings', newMeetingFields('2025-04-10'));
    expect(await bookBegan(db)).toBe('2025-09-01');
  });

  it('reads the reports sent, and which of them still wait for the server', async () => {
    const db = freshDatabase();
    await createClub(db);
    const [first, second] = await createRecords(db, 'reports', [
      { fields: report('2026-H1', '2026-01-01', '2026-06-30'), madeAt: '2026-07-05T02:00:00.000Z' },
      { fields: report('2026-H1', '2026-01-01', '2026-06-30'), madeAt: '2026-07-09T02:00:00.000Z' },
    ]);
    expect((await sentReports(db)).map((r) => [r.id, r.createdAt]).sort()).toEqual(
      [
        [first!.id, '2026-07-05T02:00:00.000Z'],
        [second!.id, '2026-07-09T02:00:00.000Z'],
      ].sort(),
    );
    expect(await reportsWaiting(db)).toEqual(new Set([first!.id, second!.id]));
    // The server acknowledged the first: it leaves the outbox.
    await db.outbox.filter((m) => m.id === first!.id).delete();
    expect(await reportsWaiting(db)).toEqual(new Set([second!.id]));
    // A refused one is not "waiting": it needs a person (Needs attention).
    await db.outbox.filter((m) => m.id === second!.id).modify({ status: 'rejected' });
    expect(await reportsWaiting(db)).toEqual(new Set());
  });

  it('on a phone that joined a club whose records have not arrived: no books, no beginning', async () => {
    const db = freshDatabase();
    await joinClub(db);
    expect(await clubBooks(db)).toBeNull();
    expect(await bookBegan(db)).toBeNull();
    expect(await sentReports(db)).toEqual([]);
  });
});
