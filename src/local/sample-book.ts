import { markId } from '../domain/attendance';
import type { ClubProfile } from '../domain/club';
import type { SampleClub } from '../domain/sample-club';
import type { CollectionName, FieldsOf, RecordOf } from '../domain/collections';
import { uuidv7 } from '../domain/ids';
import { createClub } from './club';
import type { ClubBookDatabase } from './database';
import { reportSampleFill, type SampleFill } from './sample-fill';
import { createRecords } from './write';

/**
 * A practice book: a made-up club that trainers and the curious fill the phone with, to
 * try every screen before typing a real club in — its members and five years of its books
 * (meetings and their marks, home care and health, the loan fund).
 * It is written exactly as a real book is (createClub, then the records through the ordinary
 * write path), so it behaves like one; only its mark in `meta` keeps it off the server and out
 * of backups. Leaving it is `leaveSampleBook` in device.ts, beside the mark, small enough for
 * the home screen.
 */

/** Records in one transaction at most: a few thousand in one would hold the phone's memory. */
const RECORDS_PER_COMMIT = 1_000;

/** Writes `items` a commit at a time, telling `wrote` how many after each. */
async function createInBatches<N extends Exclude<CollectionName, 'club'>>(
  db: ClubBookDatabase,
  collection: N,
  items: readonly { fields: FieldsOf<N>; id?: string }[],
  wrote: (count: number) => void,
): Promise<RecordOf<N>[]> {
  const made: RecordOf<N>[] = [];
  for (let i = 0; i < items.length; i += RECORDS_PER_COMMIT) {
    const batch = await createRecords(db, collection, items.slice(i, i + RECORDS_PER_COMMIT));
    made.push(...batch);
    wrote(batch.length);
  }
  return made;
}

/** How far the practice book is, for the home screen and the badge (sample-fill.ts). */
function fillCounter(total: number) {
  const fill: SampleFill = { written: 0, total };
  reportSampleFill({ ...fill });
  return {
    /** More records to come, known once the records they name are written. */
    expect: (count: number) => reportSampleFill({ ...fill, total: (fill.total += count) }),
    wrote: (count: number) => reportSampleFill({ ...fill, written: (fill.written += count) }),
  };
}

/**
 * Makes this phone's book the sample club of `seed`, seen from `today`; the phone must keep
 * no club yet. The club record comes first: from then on the home screen shows, filling up,
 * and `onClubMade` is told (the screen that asked moves on then, not seconds later when the
 * last mark lands, by which time the person may be in another book).
 */
export async function makeSampleBook(
  db: ClubBookDatabase,
  options: { seed: number; today: string },
  onClubMade: () => void = () => {},
): Promise<ClubProfile> {
  // Loaded only when a sample is made: the name lists stay out of every other screen.
  const { sampleClub } = await import('../domain/sample-club');
  const sample = sampleClub(options);
  const profile = await createClub(db, sample.club, { sampleBook: true });
  // The reports, a few dozen made from the rest at the end, are not counted: the fill shows
  // at most 99 % until they are in (useSampleFill).
  const fill = fillCounter(sample.members.length + sample.nonMembers.length + sample.meetings.length + sample.marks.length);
  try {
    onClubMade();
    return await fillSampleBook(db, options, sample, profile, fill);
  } finally {
    reportSampleFill(null);
  }
}

async function fillSampleBook(
  db: ClubBookDatabase,
  options: { seed: number; today: string },
  sample: SampleClub,
  profile: ClubProfile,
  fill: ReturnType<typeof fillCounter>,
): Promise<ClubProfile> {
  const [{ careBookRecords }, { fundBookRecords }, { sampleReports }] = await Promise.all([
    import('../domain/sample-care'),
    import('../domain/sample-fund'),
    import('../domain/sample-reports'),
  ]);
  // The register: the members, then the people the club cares for who are not members (the care book names both by place).
  const register = await createInBatches(db, 'members', [...sample.members, ...sample.nonMembers].map((fields) => ({ fields })), fill.wrote);
  const meetings = await createInBatches(db, 'meetings', sample.meetings.map((fields) => ({ fields })), fill.wrote);
  const care = careBookRecords(sample, register.map((person) => person.id), () => uuidv7());
  const fund = fundBookRecords(sample, register.map((person) => person.id), meetings.map((meeting) => meeting.id), () => uuidv7());
  fill.expect(
    [care.carePlans, care.visits, care.readings, care.referrals, care.strikeOuts, fund.loanApplications, fund.loans, fund.entries, fund.cashCounts, fund.reopenings, fund.reviewChecks].reduce(
      (sum, list) => sum + list.length,
      0,
    ),
  );
  const carePlans = await createInBatches(db, 'carePlans', care.carePlans, fill.wrote);
  const visits = await createInBatches(db, 'visits', care.visits, fill.wrote);
  const readings = await createInBatches(db, 'readings', care.readings, fill.wrote);
  const referrals = await createInBatches(db, 'referrals', care.referrals, fill.wrote);
  const strikeOuts = await createInBatches(db, 'strikeOuts', care.strikeOuts, fill.wrote);
  // The fund book: the cash counts after the entries, as a count closes what was written before it;
  // the reopenings after the counts they name, and the review checks after the entries theirs name.
  // The sample's records have no time of their own: this order, each list in its own, is theirs.
  const loanApplications = await createInBatches(db, 'loanApplications', fund.loanApplications, fill.wrote);
  const loans = await createInBatches(db, 'loans', fund.loans, fill.wrote);
  const entries = await createInBatches(db, 'entries', fund.entries, fill.wrote);
  await createInBatches(db, 'cashCounts', fund.cashCounts, fill.wrote);
  await createInBatches(db, 'reopenings', fund.reopenings, fill.wrote);
  await createInBatches(db, 'reviewChecks', fund.reviewChecks, fill.wrote);
  // The marks, then the reports, last: whoever waits for the practice book to fill knows it is whole when they stop coming.
  const marks = sample.marks.map(({ meeting, member, mark }) => {
    const [meetingId, memberId] = [meetings[meeting]!.id, register[member]!.id];
    return { id: markId(meetingId, memberId), fields: { meetingId, memberId, mark } };
  });
  const attendance = await createInBatches(db, 'attendance', marks, fill.wrote);
  // The reports the chair sent, each from the books it reports on, at the moment it was sent.
  const books = { club: sample.club, members: register, meetings, attendance, carePlans, visits, readings, referrals, strikeOuts, entries, loans, loanApplications };
  const reports = sampleReports(books, options.today, sample.meetings[0]?.heldOn ?? options.today, options.seed);
  await createRecords(db, 'reports', reports.map(({ fields, sentAt }) => ({ fields, madeAt: sentAt })));
  return profile;
}
