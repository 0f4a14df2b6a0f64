import type { ClubProfile } from '../domain/club';
import { createClub } from './club';
import type { ClubBookDatabase } from './database';
import { createRecord } from './write';

/**
 * A practice book: a made-up club that trainers and the curious fill the phone with, to
 * try every screen before typing a real club in. It is written exactly as a real book is
 * (createClub, then each member through the ordinary write path), so it behaves like one;
 * only its mark in `meta` keeps it off the server and out of backups. Leaving it is
 * `leaveSampleBook` in device.ts, beside the mark, small enough for the home screen.
 */

/**
 * Makes this phone's book the sample club of `seed`, seen from `today`; the phone must keep
 * no club yet. The club record comes first: from then on the home screen shows, filling up.
 */
export async function makeSampleBook(db: ClubBookDatabase, options: { seed: number; today: string }): Promise<ClubProfile> {
  // Loaded only when a sample is made: the name lists stay out of every other screen.
  const { sampleClub } = await import('../domain/sample-club');
  const sample = sampleClub(options);
  const profile = await createClub(db, sample.club, { sampleBook: true });
  for (const member of sample.members) await createRecord(db, 'members', member);
  return profile;
}
