import type { ClubBooks } from '../domain/club-report';
import type { CollectionName } from '../domain/collections';
import type { CalendarDate } from '../domain/dates';
import { vietnamDay } from '../domain/periods';
import type { SyncedRecord } from '../domain/record';
import type { Report } from '../domain/reports';
import type { ClubBookDatabase } from './database';
import { isSampleBook } from './device';
import { clubProfile, liveRecords } from './queries';

/**
 * Reads for the club's report (plain promises, for useLiveQuery). The report counts every
 * book, so it reads every book the phone keeps: a collection this phone's role is not sent
 * (the treasurer's phone keeps no visits) is simply an empty store, and the report gets [].
 */

type Book = Exclude<keyof ClubBooks, 'club'>;

/**
 * The books a report reads, each stored under the name it has in ClubBooks. Written as a
 * record of every key, so a book added to ClubBooks cannot be forgotten here (it would count
 * as empty): the type checker asks for it.
 */
const REPORT_BOOKS = Object.keys({
  members: true,
  meetings: true,
  attendance: true,
  carePlans: true,
  visits: true,
  readings: true,
  referrals: true,
  strikeOuts: true,
  entries: true,
  loans: true,
  loanApplications: true,
} satisfies Record<Book, true>) as (Book & CollectionName)[];

/** Everything the report counts, for the phone's own club; null while the phone keeps no club. */
export async function clubBooks(db: ClubBookDatabase): Promise<ClubBooks | null> {
  const books = {} as Record<Book, unknown>;
  const [club] = await Promise.all([
    clubProfile(db),
    ...REPORT_BOOKS.map(async (name) => {
      books[name] = await liveRecords(db, name);
    }),
  ]);
  return club ? { club, ...(books as Omit<ClubBooks, 'club'>) } : null;
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
