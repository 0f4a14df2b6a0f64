import { describe, expect, it } from 'vitest';
import { markId, type AttendanceMark } from '../../src/domain/attendance';
import { uuidv7 } from '../../src/domain/ids';
import {
  absentFromLast,
  areasCovered,
  averageAttendance,
  monthlyMeetings,
  onRoll,
  themeSessions,
  twelveMonthsTo,
} from '../../src/domain/meeting-figures';
import { MEETING_KINDS, meetings as meetingBook, type Meeting } from '../../src/domain/meetings';
import type { Member } from '../../src/domain/members';
import { SAMPLE_TODAY, sampleClub, type SampleClub } from '../../src/domain/sample-club';
import { validate } from '../../src/domain/validation';
import { CLUB_ID } from './fixtures';

/**
 * The sample club's meeting book (issue 10): five years as a real club keeps them, so the
 * practice book, the tests and the bench see a real history, the same for the same seed.
 */
const SEEDS = Array.from({ length: 20 }, (_, i) => i + 1);
const clubs = SEEDS.map((seed) => sampleClub({ seed }));
const stamp = { clubId: CLUB_ID, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z', deleted: false };

/** The sample as records, with ids, as the figures take them. */
function asRecords(sample: SampleClub) {
  const members = sample.members.map((fields) => ({ id: uuidv7(), ...stamp, ...fields }) as Member);
  const meetings = sample.meetings.map((fields) => ({ id: uuidv7(), ...stamp, ...fields }) as Meeting);
  const marks = sample.marks.map(({ meeting, member, mark }): AttendanceMark => {
    const [meetingId, memberId] = [meetings[meeting]!.id, members[member]!.id];
    return { id: markId(meetingId, memberId), ...stamp, meetingId, memberId, mark };
  });
  return { members, meetings, marks };
}

const FIVE_YEARS = { from: '2021-11-23', to: SAMPLE_TODAY };

describe('the sample club’s five years of meetings', () => {
  it('is the same for the same seed, and the members are the same with or without it', () => {
    expect(sampleClub({ seed: 7 })).toEqual(sampleClub({ seed: 7 }));
    const without = sampleClub({ seed: 7, historyYears: 0 });
    expect(without.meetings).toEqual([]);
    expect(without.members).toEqual(sampleClub({ seed: 7 }).members);
  });

  it('holds only valid meetings, oldest first, within the five years and never after today', () => {
    for (const club of clubs) {
      expect(club.meetings.length).toBeGreaterThan(55);
      for (const meeting of club.meetings) expect(validate(meetingBook.fieldsSchema, meeting)).toMatchObject({ ok: true });
      const dates = club.meetings.map((m) => m.heldOn);
      expect(dates).toEqual([...dates].sort());
      expect(dates[0]! >= FIVE_YEARS.from && dates.at(-1)! <= SAMPLE_TODAY).toBe(true);
      // The club has a usual day, and the history is five whole years (the club is older).
      expect(club.club.meetingDay).toEqual(expect.any(Number));
      expect(club.club.foundedOn! <= FIVE_YEARS.from).toBe(true);
    }
  });

  it('meets nearly every month, misses a few (Tết most), and holds extra gatherings of every kind', () => {
    const missed: string[] = [];
    for (const club of clubs) {
      const { meetings } = asRecords(club);
      const months = monthlyMeetings(meetings, { from: '2021-12-01', to: '2026-10-31' });
      const held = months.filter((m) => m.held).length;
      expect(held / months.length).toBeGreaterThan(0.8);
      expect(held).toBeLessThan(months.length + 1);
      missed.push(...months.filter((m) => !m.held).map((m) => m.month.slice(5)));
    }
    expect(missed.length).toBeGreaterThan(SEEDS.length); // more than one a club
    const february = missed.filter((m) => m === '02').length;
    expect(february / missed.length).toBeGreaterThan(2 / 12);
    const kinds = new Set(clubs.flatMap((c) => c.meetings.map((m) => m.kind)));
    expect([...kinds].sort()).toEqual([...MEETING_KINDS].sort());
  });

  it('covers the 8 areas as a real club does: some clubs all of them in a year, others not, and more as they mature', () => {
    let full = 0;
    let early = 0;
    let late = 0;
    for (const club of clubs) {
      const { meetings } = asRecords(club);
      if (areasCovered(meetings, twelveMonthsTo(SAMPLE_TODAY)).missing.length === 0) full++;
      const areasPerMeeting = (from: string, to: string) => {
        const monthly = meetings.filter((m) => m.kind === 'monthly' && m.heldOn >= from && m.heldOn <= to);
        return monthly.reduce((sum, m) => sum + m.areas.length, 0) / monthly.length;
      };
      early += areasPerMeeting('2021-11-24', '2022-11-23');
      late += areasPerMeeting('2025-11-24', '2026-11-23');
    }
    expect(full).toBeGreaterThan(0);
    expect(full).toBeLessThan(SEEDS.length);
    expect(late).toBeGreaterThan(early);
  });

  it('takes up the province’s themes only from the year they began', () => {
    for (const club of clubs) {
      for (const m of club.meetings) {
        if (m.heldOn < '2025-03-01') expect(m.themes).toEqual([]);
        if (m.heldOn < '2026-01-01') expect(m.themes).not.toContain('green');
      }
    }
    const sessions = clubs.map((c) => themeSessions(asRecords(c).meetings, { from: '2026-01-01', to: SAMPLE_TODAY }));
    expect(sessions.some((s) => s.digital > 0 && s.green > 0 && s.startup > 0)).toBe(true);
  });

  it('marks only those on each meeting’s roll, once each, about four in five present', () => {
    const averages: number[] = [];
    for (const club of clubs) {
      const seen = new Set<string>();
      for (const { meeting, member } of club.marks) {
        expect(onRoll(club.members[member]!, club.meetings[meeting]!.heldOn)).toBe(true);
        const key = `${meeting}:${member}`;
        expect(seen.has(key)).toBe(false);
        seen.add(key);
      }
      // Every monthly meeting has its roll called, in full.
      club.meetings.forEach((m, index) => {
        if (m.kind !== 'monthly') return;
        const marked = club.marks.filter((mark) => mark.meeting === index).length;
        expect(marked).toBe(club.members.filter((member) => onRoll(member, m.heldOn)).length);
      });
      const { members, meetings, marks } = asRecords(club);
      averages.push(averageAttendance(meetings.filter((m) => m.kind === 'monthly'), members, marks, FIVE_YEARS)!);
    }
    for (const average of averages) {
      expect(average).toBeGreaterThan(70);
      expect(average).toBeLessThan(92);
    }
  });

  it('has a few members who faded away: the follow-up list of most clubs has names today', () => {
    let withNames = 0;
    for (const club of clubs) {
      const { members, meetings, marks } = asRecords(club);
      const absent = absentFromLast(3, meetings, members, marks, SAMPLE_TODAY);
      expect(absent.length).toBeLessThanOrEqual(6);
      if (absent.length > 0) withNames++;
    }
    expect(withNames / SEEDS.length).toBeGreaterThan(0.7);
  });
});
