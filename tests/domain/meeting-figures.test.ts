import { describe, expect, it } from 'vitest';
import { markId, type AttendanceMark, type Mark } from '../../src/domain/attendance';
import { uuidv7 } from '../../src/domain/ids';
import {
  absentFromLast,
  areasCovered,
  attendanceOf,
  averageAttendance,
  fullActivities,
  memberAttendance,
  monthlyMeetings,
  monthsOf,
  rollOf,
  themeSessions,
  thisMonth,
  twelveMonthsTo,
} from '../../src/domain/meeting-figures';
import { ACTIVITY_AREAS, newMeetingFields, type Meeting } from '../../src/domain/meetings';
import { CLUB_ID, memberRecord } from './fixtures';

const stamp = { clubId: CLUB_ID, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z', deleted: false };

function meeting(heldOn: string, fields: Partial<Meeting> = {}): Meeting {
  return { id: uuidv7(), ...stamp, ...newMeetingFields(heldOn), ...fields } as Meeting;
}

function mark(m: Meeting, memberId: string, value: Mark): AttendanceMark {
  return { id: markId(m.id, memberId), ...stamp, meetingId: m.id, memberId, mark: value };
}

// Lan since 2024; Đức joined 10/03/2026; Hoa left on 20/02/2026; Tư was typed in "joined before the book".
const lan = memberRecord({ fullName: 'Nguyễn Thị Lan', joinedOn: '2024-01-15' });
const duc = memberRecord({ fullName: 'Trần Văn Đức', joinedOn: '2026-03-10' });
const hoa = memberRecord({ fullName: 'Lê Thị Hoa', joinedOn: '2023-05-01', leftOn: '2026-02-20' });
const tu = memberRecord({ fullName: 'Phạm Văn Tư', joinedOn: null });
const gone = memberRecord({ fullName: 'Bùi Thị Mận', joinedOn: '2020-01-01', deleted: true });
const members = [lan, duc, hoa, tu, gone];

describe('the roll of a meeting', () => {
  it('holds those in the club that day: not one who joined after, nor one who left before, nor a deleted record', () => {
    expect(rollOf(members, '2026-02-15').map((m) => m.fullName)).toEqual(['Nguyễn Thị Lan', 'Lê Thị Hoa', 'Phạm Văn Tư']);
    expect(rollOf(members, '2026-03-15').map((m) => m.fullName)).toEqual(['Nguyễn Thị Lan', 'Trần Văn Đức', 'Phạm Văn Tư']);
    // On the very day: one who joins that day is on it; one who leaves that day is not.
    expect(rollOf(members, '2026-03-10').map((m) => m.fullName)).toContain('Trần Văn Đức');
    expect(rollOf(members, '2026-02-20').map((m) => m.fullName)).not.toContain('Lê Thị Hoa');
  });
});

describe('attendance', () => {
  it('counts present, excused, absent and unmarked of the roll, ignoring marks of people not on it', () => {
    const march = meeting('2026-03-15');
    const marks = [mark(march, lan.id, 'present'), mark(march, duc.id, 'excused'), mark(march, hoa.id, 'present'), mark(march, gone.id, 'present')];
    expect(attendanceOf(march, members, marks)).toEqual({ onRoll: 3, present: 1, excused: 1, absent: 0, unmarked: 1, percent: 33 });
  });

  it('averages the monthly meetings of a period, each counting once; meetings outside it and uncalled ones do not count', () => {
    const feb = meeting('2026-02-15');
    const mar = meeting('2026-03-15');
    const extra = meeting('2026-03-20', { kind: 'extra' });
    const apr = meeting('2026-04-01'); // outside the period
    const uncalled = meeting('2026-03-31'); // held, but its roll was never called
    const marks = [
      ...[lan, hoa, tu].map((m) => mark(feb, m.id, 'present')), // 100 %
      mark(mar, lan.id, 'present'), mark(mar, duc.id, 'absent'), mark(mar, tu.id, 'absent'), // 33 %
      mark(extra, lan.id, 'absent'),
      mark(apr, lan.id, 'absent'),
    ];
    expect(averageAttendance([feb, mar, extra, apr, uncalled], members, marks, { from: '2026-02-01', to: '2026-03-31' })).toBe(67);
    expect(averageAttendance([apr], members, [], { from: '2026-02-01', to: '2026-03-31' })).toBeNull();
  });
});

describe('the 8 areas and full activities', () => {
  const year = { from: '2026-01-01', to: '2026-12-31' };
  const monthly = (month: number, areas: Meeting['areas']) => meeting(`2026-${String(month).padStart(2, '0')}-15`, { areas });

  it('names the areas covered and missing, in the areas’ order, counting a meeting on the first and the last day', () => {
    const first = meeting('2026-01-01', { areas: ['rights'] });
    const last = meeting('2026-12-31', { areas: ['health'], kind: 'healthDay' });
    const before = meeting('2025-12-31', { areas: ['income'] });
    expect(areasCovered([first, last, before], year)).toEqual({
      covered: ['health', 'rights'],
      missing: ['income', 'spiritual', 'selfHelp', 'learning', 'homeCare', 'resources'],
    });
  });

  it('is "full activities" only with a monthly meeting in every month and all 8 areas', () => {
    const all = Array.from({ length: 12 }, (_, i) => monthly(i + 1, [ACTIVITY_AREAS[i % 8]!]));
    expect(fullActivities(all, year)).toBe(true);
    expect(fullActivities(all.filter((m) => !m.heldOn.startsWith('2026-07')), year)).toBe(false);
    expect(monthlyMeetings(all.filter((m) => !m.heldOn.startsWith('2026-07')), year).find((m) => m.month === '2026-07')).toEqual({ month: '2026-07', held: false });
    const sevenAreas = all.map((m) => ({ ...m, areas: m.areas.filter((a) => a !== 'rights') }));
    expect(fullActivities(sevenAreas, year)).toBe(false);
    // An extra meeting does not stand in for a month's monthly meeting.
    const extraInJuly = [...all.filter((m) => !m.heldOn.startsWith('2026-07')), meeting('2026-07-20', { kind: 'extra' })];
    expect(fullActivities(extraInJuly, year)).toBe(false);
  });

  it('counts the sessions of each of the year’s themes', () => {
    expect(themeSessions([meeting('2026-03-15', { themes: ['digital', 'green'] }), meeting('2026-05-15', { themes: ['digital'] })], year)).toEqual({
      digital: 2,
      green: 1,
      startup: 0,
    });
  });

  it('takes "the last 12 months" as this month and the eleven before it', () => {
    expect(twelveMonthsTo('2026-11-15')).toEqual({ from: '2025-12-01', to: '2026-11-15' });
    expect(twelveMonthsTo('2026-12-01')).toEqual({ from: '2026-01-01', to: '2026-12-01' });
    expect(monthsOf(twelveMonthsTo('2026-01-31'))).toHaveLength(12);
  });

  it('lists the months of a period across a year’s end', () => {
    expect(monthsOf({ from: '2025-11-20', to: '2026-02-01' })).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
  });
});

describe('this month’s meeting', () => {
  it('is due once the usual day has passed without one, held once there is one, and not yet before', () => {
    const held = meeting('2026-11-12');
    expect(thisMonth([held], '2026-11-20', 10)).toBe('held');
    expect(thisMonth([], '2026-11-20', 10)).toBe('due');
    expect(thisMonth([], '2026-11-10', 10)).toBe('notYet');
    expect(thisMonth([], '2026-11-20', null)).toBe('notYet');
    // A usual day of 31 in a month of 30: the last day.
    expect(thisMonth([], '2026-11-30', 31)).toBe('notYet');
    expect(thisMonth([meeting('2026-11-05', { kind: 'extra' })], '2026-11-20', 10)).toBe('due');
  });
});

describe('who to visit, and a member’s last meetings', () => {
  const past = ['2026-07-15', '2026-08-15', '2026-09-15', '2026-10-15'].map((d) => meeting(d));
  const [jul, aug, sep, oct] = past as [Meeting, Meeting, Meeting, Meeting];

  it('lists members away without leave from each of the last 3 monthly meetings they were on the roll of', () => {
    const marks = [
      ...[aug, sep, oct].map((m) => mark(m, lan.id, 'absent')), // away 3 times: to visit
      mark(jul, tu.id, 'present'), mark(aug, tu.id, 'absent'), mark(sep, tu.id, 'excused'), mark(oct, tu.id, 'absent'), // excused once
    ];
    expect(absentFromLast(3, past, [lan, tu, duc], marks, '2026-11-01').map((m) => m.fullName)).toEqual(['Nguyễn Thị Lan']);
    // A member on the roll of fewer meetings is not counted as away from three.
    const newcomer = memberRecord({ fullName: 'Đỗ Văn Hùng', joinedOn: '2026-09-01' });
    expect(absentFromLast(3, past, [newcomer], [mark(sep, newcomer.id, 'absent'), mark(oct, newcomer.id, 'absent')], '2026-11-01')).toEqual([]);
  });

  it('gives a member’s marks at their last meetings, newest first, unmarked ones as null', () => {
    const marks = [mark(oct, lan.id, 'present'), mark(aug, lan.id, 'excused')];
    expect(memberAttendance(lan, past, marks, 3).map(({ meeting: m, mark: k }) => [m.heldOn, k])).toEqual([
      ['2026-10-15', 'present'],
      ['2026-09-15', null],
      ['2026-08-15', 'excused'],
    ]);
  });
});
