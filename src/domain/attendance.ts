import * as z from 'zod/mini';
import { defineCollection } from './collection';
import { nameUuid } from './ids';
import { DEVICE_ROLES } from './record';

/** A person at a meeting: there, away with leave (có phép), or away. */
export const MARKS = ['present', 'excused', 'absent'] as const;
export type Mark = (typeof MARKS)[number];

/** The one id of a member's mark at a meeting, the same on every phone. */
export function markId(meetingId: string, memberId: string): string {
  return nameUuid(`attendance:${meetingId}:${memberId}`);
}

/**
 * The roll: one mark per meeting and member. Its id is made from the two (markId), so two
 * phones calling the roll together — each taking half the list, offline — write to the same
 * rows and converge, the later arrival winning a person both marked.
 */
export const attendance = defineCollection({
  name: 'attendance',
  kind: 'fieldMerge',
  shape: () => ({
    meetingId: z.uuid({ error: 'validation.invalidValue' }),
    memberId: z.uuid({ error: 'validation.invalidValue' }),
    mark: z.enum(MARKS, { error: 'validation.mark' }),
  }),
  check(value, ctx) {
    // A stored mark (the record schema has its id): any other id would be a second row.
    const id = (value as { id?: unknown }).id;
    if (typeof id === 'string' && typeof value.meetingId === 'string' && typeof value.memberId === 'string' && id !== markId(value.meetingId, value.memberId)) {
      ctx.addIssue({ code: 'custom', path: ['id'], message: 'validation.markId' });
    }
  },
  read: DEVICE_ROLES,
  write: ['chair', 'board'],
  localIndexes: ['meetingId', 'memberId'],
});

export type AttendanceMark = z.output<typeof attendance.recordSchema>;
