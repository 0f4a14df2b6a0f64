import type { AttendanceMark } from '../domain/attendance';
import type { Meeting } from '../domain/meetings';
import type { ClubBookDatabase } from './database';
import { liveRecords, liveRecordsWhere } from './queries';

/**
 * Reads for the meeting book's screens (plain promises, for useLiveQuery). Marks are read
 * by meeting or by member through their indexes: a five-year club holds thousands, and a
 * screen needs the few of the meetings it shows.
 */

/** Every meeting, newest first. */
export async function meetingsNewestFirst(db: ClubBookDatabase): Promise<Meeting[]> {
  return (await liveRecords(db, 'meetings')).sort((a, b) => b.heldOn.localeCompare(a.heldOn));
}

export async function marksOfMeetings(db: ClubBookDatabase, meetingIds: readonly string[]): Promise<AttendanceMark[]> {
  return liveRecordsWhere(db, 'attendance', 'meetingId', meetingIds);
}

export async function marksOfMember(db: ClubBookDatabase, memberId: string): Promise<AttendanceMark[]> {
  const marks = await db.records<AttendanceMark>('attendance').where('memberId').equals(memberId).toArray();
  return marks.filter((mark) => !mark.deleted);
}
