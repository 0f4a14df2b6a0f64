import { describe, expect, it } from 'vitest';
import { attendance, markId } from '../../src/domain/attendance';
import { nameUuid, uuidv7 } from '../../src/domain/ids';
import { meetings, newMeetingFields } from '../../src/domain/meetings';
import { recordShape } from '../../src/domain/record';
import { validate } from '../../src/domain/validation';
import { CLUB_ID } from './fixtures';

const stamp = { clubId: CLUB_ID, createdAt: '2026-11-20T03:00:00.000Z', updatedAt: '2026-11-20T03:00:00.000Z', deleted: false };

describe('meetings schema', () => {
  it('takes a monthly meeting with its areas, themes and minutes', () => {
    const meeting = { ...newMeetingFields('2026-11-15'), areas: ['health', 'homeCare'], themes: ['digital'], place: 'Nhà văn hoá thôn', guests: 3 };
    expect(validate(meetings.fieldsSchema, meeting)).toMatchObject({ ok: true, value: meeting });
  });

  it('refuses an area or a theme twice, one that does not exist, and a next meeting planned before this one', () => {
    const bad = (fields: Record<string, unknown>) => validate(meetings.fieldsSchema, { ...newMeetingFields('2026-11-15'), ...fields });
    expect(bad({ areas: ['health', 'health'] }).ok).toBe(false);
    expect(bad({ areas: ['gardening'] }).ok).toBe(false);
    expect(bad({ themes: ['digital', 'digital'] }).ok).toBe(false);
    expect(bad({ nextPlannedOn: '2026-11-15' })).toEqual({
      ok: false,
      problems: [{ field: 'nextPlannedOn', messageKey: 'validation.nextAfterHeld', fields: ['nextPlannedOn', 'heldOn'] }],
    });
    expect(bad({ guests: -1 })).toMatchObject({ ok: false, problems: [{ field: 'guests', messageKey: 'validation.guests' }] });
    expect(bad({ kind: 'party' })).toMatchObject({ ok: false, problems: [{ field: 'kind', messageKey: 'validation.meetingKind' }] });
  });
});

describe('an attendance mark', () => {
  it('has one id per meeting and member, the same on every phone, a UUID the records accept', () => {
    const [meeting, lan, duc] = [uuidv7(), uuidv7(), uuidv7()];
    expect(markId(meeting, lan)).toBe(markId(meeting, lan));
    expect(markId(meeting, lan)).not.toBe(markId(meeting, duc));
    expect(markId(meeting, lan)).not.toBe(markId(lan, meeting));
    expect(recordShape.id.safeParse(markId(meeting, lan)).success).toBe(true);
    expect(markId(meeting, lan)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('gives distinct ids to the marks of a five-year club (60 meetings × 70 members)', () => {
    const meetingIds = Array.from({ length: 60 }, () => uuidv7());
    const memberIds = Array.from({ length: 70 }, () => uuidv7());
    const ids = new Set(meetingIds.flatMap((m) => memberIds.map((p) => markId(m, p))));
    expect(ids.size).toBe(60 * 70);
    expect(nameUuid('a')).not.toBe(nameUuid('b'));
  });

  it('is refused under any other id, so no phone can make a second row for the same person', () => {
    const [meetingId, memberId] = [uuidv7(), uuidv7()];
    const mark = { ...stamp, meetingId, memberId, mark: 'present' };
    expect(validate(attendance.recordSchema, { ...mark, id: markId(meetingId, memberId) }).ok).toBe(true);
    expect(validate(attendance.recordSchema, { ...mark, id: uuidv7() })).toMatchObject({ ok: false, problems: [{ field: 'id', messageKey: 'validation.markId' }] });
    expect(validate(attendance.recordSchema, { ...mark, id: markId(meetingId, memberId), mark: 'late' }).ok).toBe(false);
  });
});
