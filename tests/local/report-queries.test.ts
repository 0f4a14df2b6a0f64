import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { markId } from '../../src/domain/attendance';
import { newCarePlanFields } from '../../src/domain/care-plans';
import { clubReport, type ClubBooks } from '../../src/domain/club-report';
import type { CollectionName } from '../../src/domain/collections';
import { uuidv7 } from '../../src/domain/ids';
import { sampleBooks } from '../../src/domain/sample-books';
import { SAMPLE_TODAY, sampleClub } from '../../src/domain/sample-club';
import type { ClubBookDatabase } from '../../src/local/database';
import { simpleEntry } from '../../src/domain/fund-forms';
import { newMeetingFields } from '../../src/domain/meetings';
import { periodOf } from '../../src/domain/periods';
import { newReadingFields } from '../../src/domain/readings';
import { newVisitFields } from '../../src/domain/visits';
import { createClub as createClubBook } from '../../src/local/club';
import { deviceId, META } from '../../src/local/device';
import { bookBegan, clubBooks, reportsWaiting, sentReports } from '../../src/local/report-queries';
import { createRecord, createRecords, deleteRecord } from '../../src/local/write';
import { clubFields, memberFields } from '../domain/fixtures';
import { clockAt, createClub, freshDatabase, joinClub } from './helpers';

const report = (periodKey: string, from: string, to: string) => ({ periodKey, from, to, figures: { members: 2 }, note: null });

describe('the report’s reads on the phone', () => {
  it('reads every book the report counts, under its name, without deleted records; a book the phone does not keep is empty', async () => {
    const db = freshDatabase();
    expect(await clubBooks(db, periodOf('2026')!)).toBeNull();
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

    const books = (await clubBooks(db, periodOf('2026-H1')!))!;
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
    expect(await clubBooks(db, periodOf('2026')!)).toBeNull();
    expect(await bookBegan(db)).toBeNull();
    expect(await sentReports(db)).toEqual([]);
  });
});

describe('the report reads the days it counts, and counts the same as from the whole books', () => {
  /** Every record of the books into the phone's stores, as a phone holding them would keep them. */
  async function keep(db: ClubBookDatabase, books: ClubBooks) {
    const { club: fields, ...records } = books;
    const { clubId, createdAt: at } = books.members[0]!;
    await db.records('club').put({ ...fields, id: clubId, clubId, createdAt: at, updatedAt: at, deleted: false });
    await db.meta.put({ key: META.clubId, value: clubId });
    for (const [name, list] of Object.entries(records)) await db.records(name as CollectionName).bulkPut(list as never);
  }

  it('every month, quarter, half and year of the sample club’s five years', async () => {
    const sample = sampleClub({ seed: 70, members: 70, today: SAMPLE_TODAY });
    const whole = sampleBooks(sample, { clubId: uuidv7(), at: '2026-11-20T03:00:00.000Z', newId: uuidv7 });
    const db = freshDatabase();
    await keep(db, whole);
    const periods = [];
    for (let year = Number(SAMPLE_TODAY.slice(0, 4)) - 4; year <= Number(SAMPLE_TODAY.slice(0, 4)); year++) {
      periods.push(`${year}`, `${year}-H1`, `${year}-H2`, ...[1, 2, 3, 4].map((q) => `${year}-Q${q}`), ...Array.from({ length: 12 }, (_, m) => `${year}-${String(m + 1).padStart(2, '0')}`));
    }
    let fewer = 0;
    for (const key of periods) {
      const period = periodOf(key)!;
      const read = (await clubBooks(db, period))!;
      expect(clubReport(read, period), key).toEqual(clubReport(whole, period));
      if (read.visits.length + read.readings.length + read.attendance.length < (whole.visits.length + whole.readings.length + whole.attendance.length) / 2) fewer++;
    }
    // And it is a smaller read: most periods read less than half of the dated books.
    expect(fewer).toBeGreaterThan(periods.length / 2);
  });

  it('someone cared for whose last visit came before a new plan still counts as not visited for 14 days', async () => {
    const db = freshDatabase();
    await createClub(db);
    const [lan, hung] = await createRecords(db, 'members', [{ fields: memberFields({ fullName: 'Nguyễn Thị Lan' }) }, { fields: memberFields({ fullName: 'Phạm Văn Hùng', gender: 'male' }) }]);
    await createRecord(db, 'carePlans', { ...newCarePlanFields(lan!.id, '2026-01-01'), endedOn: '2026-05-31', volunteerIds: [hung!.id] });
    await createRecord(db, 'visits', newVisitFields(lan!.id, hung!.id, '2026-05-20', ['conversation']));
    // A new plan from 25 June: her last visit, 20 May, is long before the days the report of June reads.
    await createRecord(db, 'carePlans', { ...newCarePlanFields(lan!.id, '2026-06-25'), volunteerIds: [hung!.id] });
    const june = periodOf('2026-06')!;
    const read = (await clubBooks(db, june))!;
    expect(clubReport(read, june).figures.notVisited14Days).toBe(1);
  });
});
