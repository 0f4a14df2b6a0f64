import type { AttendanceMark, Mark } from './attendance';
import type { CalendarDate } from './dates';
import { ACTIVITY_AREAS, MEETING_THEMES, type ActivityArea, type Meeting, type MeetingTheme } from './meetings';
import type { Member } from './members';

/**
 * The meeting book's figures (REPORTS.md): attendance, the 8 areas, "full activities", the
 * year's themes. Pure, over records, so the phone (its own club) and the server (every club)
 * count them the same way. A period is a pair of calendar dates, both days included.
 */
export interface Period {
  from: CalendarDate;
  to: CalendarDate;
}

const inPeriod = (date: CalendarDate, period: Period) => date >= period.from && date <= period.to;

/** "The last 12 months": this month and the eleven before it, to today. */
export function twelveMonthsTo(today: CalendarDate): Period {
  const [year, month] = [Number(today.slice(0, 4)), Number(today.slice(5, 7))];
  const [fromYear, fromMonth] = month === 12 ? [year, 1] : [year - 1, month + 1];
  return { from: `${fromYear}-${String(fromMonth).padStart(2, '0')}-01`, to: today };
}

/** Meetings held in a period, not deleted, oldest first. */
export function meetingsIn(meetings: readonly Meeting[], period: Period): Meeting[] {
  return meetings.filter((m) => !m.deleted && inPeriod(m.heldOn, period)).sort((a, b) => a.heldOn.localeCompare(b.heldOn));
}

/**
 * Who is on a meeting's roll: members in the club that day — joined on or before it (or
 * before the book began), not yet left. A member who joined after the meeting, or left
 * before it, is not counted for it; nor is someone the club only cares for (not a member).
 */
export function onRoll(member: Pick<Member, 'joinedOn' | 'leftOn'> & { deleted?: boolean; notMember?: boolean }, date: CalendarDate): boolean {
  if (member.deleted || member.notMember) return false;
  if (member.joinedOn !== null && member.joinedOn > date) return false;
  return member.leftOn === null || member.leftOn > date;
}

export function rollOf(members: readonly Member[], date: CalendarDate): Member[] {
  return members.filter((member) => onRoll(member, date));
}

export interface MeetingAttendance {
  onRoll: number;
  present: number;
  excused: number;
  absent: number;
  /** On the roll and not marked yet. */
  unmarked: number;
  /** Whole percent present of those on the roll; null for an empty roll. */
  percent: number | null;
}

function percent(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part * 100) / whole);
}

/** Marks by member for one meeting (a mark of someone not on the roll is ignored). */
export function marksOf(meetingId: string, marks: readonly AttendanceMark[]): Map<string, Mark> {
  const byMember = new Map<string, Mark>();
  for (const mark of marks) if (mark.meetingId === meetingId && !mark.deleted) byMember.set(mark.memberId, mark.mark);
  return byMember;
}

export function attendanceOf(meeting: Meeting, members: readonly Member[], marks: readonly AttendanceMark[]): MeetingAttendance {
  const byMember = marksOf(meeting.id, marks);
  const counts = { present: 0, excused: 0, absent: 0, unmarked: 0 };
  const roll = rollOf(members, meeting.heldOn);
  for (const member of roll) {
    const mark = byMember.get(member.id);
    if (mark) counts[mark]++;
    else counts.unmarked++;
  }
  return { onRoll: roll.length, ...counts, percent: percent(counts.present, roll.length) };
}

/**
 * The period's attendance: the mean of its monthly meetings' percentages (each meeting
 * counts once, however many were on its roll); null when none was held or called.
 */
export function averageAttendance(
  meetings: readonly Meeting[],
  members: readonly Member[],
  marks: readonly AttendanceMark[],
  period: Period,
): number | null {
  const rates = meetingsIn(meetings, period)
    .filter((m) => m.kind === 'monthly')
    .map((m) => attendanceOf(m, members, marks))
    .filter((a) => a.percent !== null && a.unmarked < a.onRoll)
    .map((a) => a.percent!);
  return rates.length === 0 ? null : Math.round(rates.reduce((sum, rate) => sum + rate, 0) / rates.length);
}

/** The 8 areas the period's meetings covered, and those they did not, in the areas' order. */
export function areasCovered(meetings: readonly Meeting[], period: Period): { covered: ActivityArea[]; missing: ActivityArea[] } {
  const seen = new Set<ActivityArea>();
  for (const meeting of meetingsIn(meetings, period)) for (const area of meeting.areas) seen.add(area);
  return { covered: ACTIVITY_AREAS.filter((a) => seen.has(a)), missing: ACTIVITY_AREAS.filter((a) => !seen.has(a)) };
}

/** The months ('YYYY-MM') a period touches, in order. */
export function monthsOf(period: Period): string[] {
  const months: string[] = [];
  let [year, month] = [Number(period.from.slice(0, 4)), Number(period.from.slice(5, 7))];
  const last = period.to.slice(0, 7);
  for (;;) {
    const key = `${year}-${String(month).padStart(2, '0')}`;
    if (key > last) return months;
    months.push(key);
    month++;
    if (month > 12) [year, month] = [year + 1, 1];
  }
}

/** For each month of the period: whether a monthly meeting was held in it. */
export function monthlyMeetings(meetings: readonly Meeting[], period: Period): { month: string; held: boolean }[] {
  const held = new Set(meetingsIn(meetings, period).filter((m) => m.kind === 'monthly').map((m) => m.heldOn.slice(0, 7)));
  return monthsOf(period).map((month) => ({ month, held: held.has(month) }));
}

/** "Full activities" (REPORTS.md): a monthly meeting every month of the period, and all 8 areas. */
export function fullActivities(meetings: readonly Meeting[], period: Period): boolean {
  return monthlyMeetings(meetings, period).every((m) => m.held) && areasCovered(meetings, period).missing.length === 0;
}

/** How many meetings of the period took up each of the year's themes. */
export function themeSessions(meetings: readonly Meeting[], period: Period): Record<MeetingTheme, number> {
  const counts = Object.fromEntries(MEETING_THEMES.map((t) => [t, 0])) as Record<MeetingTheme, number>;
  for (const meeting of meetingsIn(meetings, period)) for (const theme of meeting.themes) counts[theme]++;
  return counts;
}

/** The last day of a month ('YYYY-MM'). */
function lastDay(month: string): number {
  return new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).getUTCDate();
}

/**
 * This month's monthly meeting: held; due (the usual day has passed and there is none);
 * or not yet (before the usual day, or the club has no usual day).
 */
export function thisMonth(meetings: readonly Meeting[], today: CalendarDate, meetingDay: number | null): 'held' | 'due' | 'notYet' {
  const month = today.slice(0, 7);
  if (meetings.some((m) => !m.deleted && m.kind === 'monthly' && m.heldOn.startsWith(month) && m.heldOn <= today)) return 'held';
  if (meetingDay === null) return 'notYet';
  const usual = `${month}-${String(Math.min(meetingDay, lastDay(month))).padStart(2, '0')}`;
  return today > usual ? 'due' : 'notYet';
}

/**
 * Members to visit: away (without leave) from each of the last `count` monthly meetings
 * they were on the roll of — and on the roll of at least that many. The board visits them.
 */
export function absentFromLast(
  count: number,
  meetings: readonly Meeting[],
  members: readonly Member[],
  marks: readonly AttendanceMark[],
  today: CalendarDate,
): Member[] {
  const past = meetings
    .filter((m) => !m.deleted && m.kind === 'monthly' && m.heldOn <= today)
    .sort((a, b) => b.heldOn.localeCompare(a.heldOn));
  const marksByMeeting = new Map(past.map((m) => [m.id, marksOf(m.id, marks)]));
  return members.filter((member) => {
    if (!onRoll(member, today)) return false;
    const theirs = past.filter((m) => onRoll(member, m.heldOn)).slice(0, count);
    return theirs.length === count && theirs.every((m) => marksByMeeting.get(m.id)!.get(member.id) === 'absent');
  });
}

/** A member's marks at the last `count` meetings they were on the roll of, newest first. */
export function memberAttendance(
  member: Member,
  meetings: readonly Meeting[],
  marks: readonly AttendanceMark[],
  count = 12,
): { meeting: Meeting; mark: Mark | null }[] {
  const theirs = new Map<string, Mark>();
  for (const mark of marks) if (mark.memberId === member.id && !mark.deleted) theirs.set(mark.meetingId, mark.mark);
  return meetings
    .filter((m) => !m.deleted && onRoll(member, m.heldOn))
    .sort((a, b) => b.heldOn.localeCompare(a.heldOn))
    .slice(0, count)
    .map((meeting) => ({ meeting, mark: theirs.get(meeting.id) ?? null }));
}
