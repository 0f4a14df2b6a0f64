import { markId } from '../domain/attendance';
import type { ClubProfile } from '../domain/club';
import { createClub } from './club';
import type { ClubBookDatabase } from './database';
import { createRecords } from './write';

/**
 * A practice book: a made-up club that trainers and the curious fill the phone with, to
 * try every screen before typing a real club in — its members and five years of its books.
 * It is written exactly as a real book is (createClub, then the records through the ordinary
 * write path), so it behaves like one; only its mark in `meta` keeps it off the server and out
 * of backups. Leaving it is `leaveSampleBook` in device.ts, beside the mark, small enough for
 * the home screen.
 */

/** Marks in one transaction at most: a few thousand in one would hold the phone's memory. */
const MARKS_PER_COMMIT = 1_000;

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
  onClubMade();
  const members = await createRecords(db, 'members', sample.members.map((fields) => ({ fields })));
  const meetings = await createRecords(db, 'meetings', sample.meetings.map((fields) => ({ fields })));
  const marks = sample.marks.map(({ meeting, member, mark }) => {
    const [meetingId, memberId] = [meetings[meeting]!.id, members[member]!.id];
    return { id: markId(meetingId, memberId), fields: { meetingId, memberId, mark } };
  });
  for (let i = 0; i < marks.length; i += MARKS_PER_COMMIT) await createRecords(db, 'attendance', marks.slice(i, i + MARKS_PER_COMMIT));
  return profile;
}
