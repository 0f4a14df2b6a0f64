import { caredWithoutVisit, reportDays, type ClubBooks } from '../domain/club-report';
import type { CollectionName, RecordOf } from '../domain/collections';
import type { CalendarDate } from '../domain/dates';
import { vietnamDay } from '../domain/periods';
import type { SyncedRecord } from '../domain/record';
import type { Report } from '../domain/reports';
import type { ClubBookDatabase } from './database';
import { isSampleBook } from './device';
import { clubProfile, liveRecords, liveRecordsWhere } from './queries';
import type { Period } from '../domain/meeting-figures';

/** Reads for the club's report (plain promises, for useLiveQuery). */

type Book = Exclude<keyof ClubBooks, 'club'>;
type Days = ReturnType<typeof reportDays>;

const between = <N extends CollectionName>(db: ClubBookDatabase, collection: N, index: string, days: Period) =>
  db.records<RecordOf<N>>(collection).where(index).between(days.from, days.to, true, true).toArray().then((all) => all.filter((r) => !r.deleted));

/**
 * How the report reads each book: the dated ones for the days it counts (reportDays), the rest
 * whole. Written as a record of every key, so a book added to ClubBooks cannot be forgotten
 * here (it would count as empty): the type checker asks for it.
 */
const READERS: { [B in Book]: (db: ClubBookDatabase, days: Days) => Promise<ClubBooks[B]> } = {
  members: (db) => liveRecords(db, 'members'),
  meetings: (db) => liveRecords(db, 'meetings'),
  attendance: async (db, days) => {
    const held = await between(db, 'meetings', 'heldOn', days.meetings);
    return liveRecordsWhere(db, 'attendance', 'meetingId', held.map((m) => m.id));
  },
  carePlans: (db) => liveRecords(db, 'carePlans'),
  visits: (db, days) => between(db, 'visits', 'visitedOn', days.visits),
  readings: (db, days) => between(db, 'readings', 'takenOn', days.readings),
  referrals: (db) => liveRecords(db, 'referrals'),
  strikeOuts: (db) => liveRecords(db, 'strikeOuts'),
  entries: (db) => liveRecords(db, 'entries'),
  loans: (db) => liveRecords(db, 'loans'),
  loanApplications: (db) => liveRecords(db, 'loanApplications'),
};

/**
 * What the report of `period` counts, for the phone's own club; null while the phone keeps no
 * club. A collection this phone's role is not sent (the treasurer's phone keeps no visits) is
 * simply an empty store, and the report gets []. The same report as from the whole books
 * (tests/local/report-queries.test.ts, on five years of the sample club), from half the reading.
 */
export async function clubBooks(db: ClubBookDatabase, period: Period): Promise<ClubBooks | null> {
  const days = reportDays(period);
  const books = {} as Record<Book, unknown>;
  const [club] = await Promise.all([
    clubProfile(db),
    ...(Object.keys(READERS) as Book[]).map(async (name) => {
      books[name] = await READERS[name](db, days as never);
    }),
  ]);
  if (!club) return null;
  const read = books as Omit<ClubBooks, 'club'>;
  const unvisited = caredWithoutVisit(read.carePlans, read.visits, read.strikeOuts, period);
  if (unvisited.length > 0) {
    const theirs = await liveRecordsWhere(db, 'visits', 'personId', unvisited);
    const known = new Set(read.visits.map((v) => v.id));
    read.visits = [...read.visits, ...theirs.filter((v) => !known.has(v.id))];
  }
  return { club, ...read };
}

/** The reports the chair's phones sent (or are waiting to send), every one of them: sending is append-only. */
export async function sentReports(db: ClubBookDatabase): Promise<Report[]> {
  return liveRecords(db, 'reports');
}

/** The dated books and the day each record is about: indexed, so the first is one look-up, not a read of the book. */
const DATED_BOOKS = [
  ['meetings', 'heldOn'],
  ['entries', 'postedOn'],
  ['visits', 'visitedOn'],
  ['readings', 'takenOn'],
] as const satisfies readonly (readonly [CollectionName, string])[];

async function firstDay(db: ClubBookDatabase, collection: CollectionName, index: string): Promise<CalendarDate | null> {
  const first = await db
    .records<SyncedRecord & Record<string, unknown>>(collection)
    .orderBy(index)
    .filter((record) => !record.deleted)
    .first();
  return (first?.[index] as CalendarDate | undefined) ?? null;
}

/**
 * The day the club's book began, for the reports it owes: its first meeting, money entry,
 * visit or reading — a club typing in its past begins with that past — or the day the book
 * was made on a phone, whichever is first; never before the club was founded (a club owes
 * nothing from before it existed). Null while the phone keeps no club.
 */
export async function bookBegan(db: ClubBookDatabase): Promise<CalendarDate | null> {
  const [club, ...firsts] = await Promise.all([clubProfile(db), ...DATED_BOOKS.map(([name, index]) => firstDay(db, name, index))]);
  if (!club) return null;
  const began = [vietnamDay(club.createdAt), ...firsts.filter((day): day is CalendarDate => day !== null)].sort()[0]!;
  return club.foundedOn !== null && club.foundedOn > began ? club.foundedOn : began;
}

/**
 * The reports saved on this phone and not yet acknowledged by the server (offline, or not
 * connected yet): the screen says "waiting to be sent" for them, not "sent". A practice book
 * never sends anything, and its outbox holds its whole history: nothing of it is waiting.
 */
export async function reportsWaiting(db: ClubBookDatabase): Promise<Set<string>> {
  if (await isSampleBook(db)) return new Set();
  const pending = await db.outbox.where('status').equals('pending').filter((m) => m.collection === 'reports').toArray();
  return new Set(pending.map((m) => m.id));
}
