import type { Mark } from './attendance';
import type { ClubFields } from './club';
import { dayOf, fromDay, toDay, type CalendarDate } from './dates';
import { onRoll } from './meeting-figures';
import { ACTIVITY_AREAS, newMeetingFields, type ActivityArea, type MeetingFields, type MeetingKind, type MeetingTheme } from './meetings';
import type { MemberFields } from './members';
import type { Dice } from './sample-dice';

/**
 * The sample club's meeting book: years of monthly meetings as a real club keeps them — one a
 * month, a few missed (Tết above all), extra ones for health days, festivals and training; the
 * 8 areas drifting as a club's habits do, more of them as it matures; the province's themes
 * from the year they began — and the roll at each: about four in five present, the frail and
 * the very old less often, and a few members who fade away, so the follow-up list has names.
 */
export interface SampleMark {
  /** Index into the meetings. */
  meeting: number;
  /** Index into the club's members. */
  member: number;
  mark: Mark;
}

export interface SampleMeetings {
  meetings: MeetingFields[];
  marks: SampleMark[];
}

/** How likely a monthly meeting is to cover each area when a sample club starts its book. */
const AREA_HABITS: Record<ActivityArea, number> = {
  health: 0.75,
  income: 0.4,
  spiritual: 0.55,
  selfHelp: 0.6,
  learning: 0.35,
  homeCare: 0.5,
  resources: 0.25,
  rights: 0.2,
};

const TOPICS: Record<ActivityArea, readonly string[]> = {
  health: ['Phòng chống sốt xuất huyết', 'Giữ ấm cho người cao tuổi mùa rét', 'Đo huyết áp, tư vấn ăn uống', 'Tập dưỡng sinh buổi sáng'],
  income: ['Trồng rau an toàn', 'Nuôi gà thả vườn', 'Bình xét cho vay vốn quay vòng', 'Làm tương, làm mắm bán ở chợ'],
  spiritual: ['Văn nghệ mừng ngày 8/3', 'Mừng thọ các cụ', 'Đọc báo, kể chuyện truyền thống'],
  selfHelp: ['Thăm hỏi hội viên ốm', 'Giúp nhau ngày công mùa gặt', 'Góp gạo giúp gia đình khó khăn'],
  learning: ['Dùng điện thoại thông minh', 'Phổ biến pháp luật về người cao tuổi', 'Phòng tránh lừa đảo qua điện thoại'],
  homeCare: ['Phân công tình nguyện viên chăm sóc tại nhà', 'Cách giúp người già tắm, thay đồ'],
  resources: ['Vận động quỹ hội, kết nối nhà hảo tâm', 'Làm việc với Ủy ban xã về kinh phí'],
  rights: ['Chế độ trợ cấp xã hội cho người cao tuổi', 'Thẻ bảo hiểm y tế, quyền được khám'],
};

const DECISIONS = [
  'Cho hai hội viên vay vốn quay vòng, mỗi người 5.000.000 đ.',
  'Thăm ba hội viên ốm trong tháng.',
  'Mỗi hội viên góp quỹ tương trợ 20.000 đ.',
  'Tổ chức mừng thọ vào tháng sau.',
  'Nhờ trạm y tế xã đến đo huyết áp.',
];

/** The kind of extra gathering a month may bring, with its chance and the area it serves. */
const EXTRAS: readonly { kind: MeetingKind; months: readonly number[]; chance: number; areas: readonly ActivityArea[] }[] = [
  { kind: 'healthDay', months: [4, 10], chance: 0.6, areas: ['health'] },
  { kind: 'cultureSports', months: [1, 2], chance: 0.35, areas: ['spiritual'] },
  { kind: 'cultureSports', months: [9], chance: 0.4, areas: ['spiritual'] },
  { kind: 'training', months: [3, 6, 11], chance: 0.12, areas: ['learning', 'income'] },
  { kind: 'extra', months: [5, 7, 8, 12], chance: 0.07, areas: ['selfHelp'] },
];

/** The themes and the first month each is asked for ("Bình dân học vụ số" from March 2025). */
const THEMES: readonly { theme: MeetingTheme; from: string; chance: number }[] = [
  { theme: 'digital', from: '2025-03', chance: 0.3 },
  { theme: 'green', from: '2026-01', chance: 0.15 },
  { theme: 'startup', from: '2026-01', chance: 0.12 },
];

/** Members who fade away: this many stop coming over the history's last year and a half. */
const FADERS = 3;

const clamp = (value: number, low: number, high: number) => Math.min(high, Math.max(low, value));

function daysIn(year: number, month: number): number {
  return month === 12 ? 31 : dayOf(year, month + 1, 1) - dayOf(year, month, 1);
}

/**
 * The meetings from `from` to `today` and their marks. `members` are the club's, as the
 * generator made them; each mark names a member on that meeting's roll.
 */
export function sampleMeetings(
  dice: Dice,
  input: { club: ClubFields; members: readonly MemberFields[]; from: CalendarDate; today: CalendarDate },
): SampleMeetings {
  const { club, members, today } = input;
  const meetingDay = club.meetingDay ?? 15;
  const place = `Nhà văn hóa ${club.village.charAt(0).toLowerCase()}${club.village.slice(1)}`;
  const habits = { ...AREA_HABITS };
  const meetings: MeetingFields[] = [];

  const start = [Number(input.from.slice(0, 4)), Number(input.from.slice(5, 7))] as const;
  const end = [Number(today.slice(0, 4)), Number(today.slice(5, 7))] as const;
  for (let [year, month] = start; year < end[0] || (year === end[0] && month <= end[1]); month === 12 ? ((year += 1), (month = 1)) : (month += 1)) {
    // The club's habits drift month by month, and widen as it matures.
    for (const area of ACTIVITY_AREAS) habits[area] = clamp(habits[area] + (dice.int(-50, 56) / 1000), 0.1, 0.95);
    const monthText = `${year}-${String(month).padStart(2, '0')}`;
    const on = (day: number): CalendarDate => `${monthText}-${String(clamp(day, 1, daysIn(year, month))).padStart(2, '0')}`;

    const missed = dice.chance(month === 2 ? 0.3 : 0.05);
    const heldOn = on(meetingDay + dice.int(-2, 3));
    if (!missed && heldOn >= input.from && heldOn <= today) {
      let areas = ACTIVITY_AREAS.filter((area) => dice.chance(habits[area]));
      if (areas.length < 2) areas = [...new Set<ActivityArea>([...areas, 'health', 'selfHelp'])];
      areas = ACTIVITY_AREAS.filter((area) => areas.includes(area));
      const topic = dice.pick(TOPICS[dice.pick(areas)]);
      const nextDay = month === 12 ? [year + 1, 1] : [year, month + 1];
      const next = `${nextDay[0]}-${String(nextDay[1]).padStart(2, '0')}-${String(clamp(meetingDay, 1, daysIn(nextDay[0]!, nextDay[1]!))).padStart(2, '0')}`;
      meetings.push({
        ...newMeetingFields(heldOn),
        place: dice.chance(0.85) ? place : null,
        areas,
        themes: themesOn(dice, monthText),
        topic,
        minutes: dice.chance(0.7) ? `Chủ nhiệm báo cáo hoạt động tháng ${month}. ${topic}. Thủ quỹ báo cáo thu chi của quỹ.` : null,
        decisions: dice.chance(0.4) ? dice.pick(DECISIONS) : null,
        guests: dice.chance(0.25) ? dice.int(1, 4) : 0,
        nextPlannedOn: dice.chance(0.6) && next > heldOn ? next : null,
      });
    }
    for (const extra of EXTRAS) {
      if (!extra.months.includes(month) || !dice.chance(extra.chance)) continue;
      const day = on(dice.int(1, 28));
      if (day < input.from || day > today || day === heldOn) continue;
      const kind = extra.kind;
      meetings.push({
        ...newMeetingFields(day),
        kind,
        place,
        areas: [dice.pick(extra.areas)],
        themes: kind === 'training' ? themesOn(dice, monthText) : [],
        topic: dice.pick(TOPICS[extra.areas[0]!]),
        guests: dice.int(0, 6),
      });
    }
  }
  meetings.sort((a, b) => a.heldOn.localeCompare(b.heldOn));
  return { meetings, marks: rollCalls(dice, members, meetings, today) };
}

function themesOn(dice: Dice, month: string): MeetingTheme[] {
  return THEMES.filter((t) => month >= t.from && dice.chance(t.chance)).map((t) => t.theme);
}

/** Each member's habit of coming, and a few who stop; the marks at every meeting with a roll. */
function rollCalls(dice: Dice, members: readonly MemberFields[], meetings: readonly MeetingFields[], today: CalendarDate): SampleMark[] {
  const todayDay = toDay(today);
  const comes = members.map((m) => {
    const age = Number(today.slice(0, 4)) - m.birthYear;
    const frail = m.roles.includes('careRecipient') ? 0.45 : age >= 85 ? 0.6 : age >= 80 ? 0.78 : 1;
    return clamp((0.89 + dice.int(-8, 9) / 100) * frail, 0.05, 0.98);
  });
  // The faders: members still in the club, holding no post, whose coming ends in the last months.
  const fadeFrom = new Map<number, number>();
  const candidates = members.flatMap((m, i) => (m.leftOn === null && m.roles.length === 0 && m.joinedOn !== null && toDay(m.joinedOn) < todayDay - 730 ? [i] : []));
  for (const i of dice.shuffle(candidates).slice(0, FADERS)) fadeFrom.set(i, todayDay - dice.int(240, 540));

  const marks: SampleMark[] = [];
  meetings.forEach((meeting, index) => {
    // Extra gatherings do not always have their roll called.
    if (meeting.kind !== 'monthly' && meeting.kind !== 'healthDay' && dice.chance(0.5)) return;
    const day = toDay(meeting.heldOn);
    members.forEach((member, i) => {
      if (!onRoll(member, meeting.heldOn)) return;
      const fade = fadeFrom.get(i);
      // Over half a year a fader's coming falls to almost nothing, and they send no word.
      const fading = fade !== undefined && day > fade ? clamp((day - fade) / 180, 0, 1) : 0;
      const chance = comes[i]! * (meeting.kind === 'monthly' ? 1 : 0.75) * (1 - 0.97 * fading);
      const mark: Mark = dice.chance(chance) ? 'present' : dice.chance(fading > 0.5 ? 0.05 : 0.55) ? 'excused' : 'absent';
      marks.push({ meeting: index, member: i, mark });
    });
  });
  return marks;
}

/** The first day of the history: `years` before today, but never before the club began. */
export function historyFrom(today: CalendarDate, years: number, foundedOn: CalendarDate | null): CalendarDate {
  const back = fromDay(dayOf(Number(today.slice(0, 4)) - years, Number(today.slice(5, 7)), Number(today.slice(8, 10))));
  return foundedOn !== null && foundedOn > back ? foundedOn : back;
}
