import { CARE_HELP, MAX_PLAN_VOLUNTEERS, type CareHelp, type CarePlanFields } from './care-plans';
import type { ClubFields } from './club';
import type { FieldsOf } from './collections';
import { dayOf, fromDay, toDay, type CalendarDate } from './dates';
import { pressureFlag, type PressureFlag } from './health-grades';
import type { MeetingFields } from './meetings';
import type { MemberFields } from './members';
import type { ReadingFields, ReadingPlace } from './readings';
import type { ReferralFields } from './referrals';
import type { Dice, Weighted } from './sample-dice';
import type { SampleMark } from './sample-meetings';
import type { StruckCollection } from './strike-outs';
import type { VisitFields } from './visits';

/**
 * The sample club's home-care and health books, years of them as a real club keeps them:
 * the people it cares for at home (a few of them not members), the volunteers named for
 * each and their visits — about three a week, fewer at Tết, in the harvest and when a
 * volunteer is ill — and the monthly readings at the meeting, the pressure taken at home,
 * the re-checks, the referrals after an urgent reading, and the few records struck out.
 *
 * People are named by their place in the register: the club's members, then the people it
 * cares for who are not members. The writer gives them ids (careBookRecords below).
 */
export interface SampleCarePlan {
  person: number;
  /** Places in the register, as the plan names them. */
  volunteers: number[];
  fields: Omit<CarePlanFields, 'personId' | 'volunteerIds'>;
}

export interface SampleVisit {
  person: number;
  volunteer: number;
  fields: Omit<VisitFields, 'personId' | 'volunteerId'>;
}

export interface SampleReading {
  person: number;
  fields: Omit<ReadingFields, 'personId'>;
}

export interface SampleReferral {
  person: number;
  fields: Omit<ReferralFields, 'personId'>;
}

export interface SampleStrikeOut {
  collection: Extract<StruckCollection, 'visits' | 'readings'>;
  /** Index into that collection's sample records. */
  record: number;
  reason: string;
}

export interface SampleCare {
  carePlans: SampleCarePlan[];
  visits: SampleVisit[];
  readings: SampleReading[];
  referrals: SampleReferral[];
  strikeOuts: SampleStrikeOut[];
}

/** A club without the books' history keeps no care book either. */
export function noCare(): SampleCare {
  return { carePlans: [], visits: [], readings: [], referrals: [], strikeOuts: [] };
}

/**
 * The shares the generator aims at, of the club's members: people cared for at home at
 * any one time (Bắc Ninh asks for at least 5 a club), and those it cares for who are not
 * members (a frail neighbour, a member's bedridden mother).
 */
export const CARE_SHARES = { caredFor: [0.07, 0.11], nonMembers: [0.015, 0.045] } as const;

/** The visits a week a volunteer is given across their people: the province's 3, with a little slack. */
const VOLUNTEER_LOAD = 3.6;
/** Not every visit is written down, even in a good club. */
const LOGGED = 0.95;
/** The plan's number is what the board asks; a neighbour drops in a little more often. */
const DROPS_IN = 1.2;
/** Members to a neighbourhood whose volunteers share its people out (a village club is one). */
const NEIGHBOURS = 500;

// The first day of Tết (lunar new year): a week when volunteers are with their own families.
const TET: Record<number, string> = {
  2015: '2015-02-19', 2016: '2016-02-08', 2017: '2017-01-28', 2018: '2018-02-16', 2019: '2019-02-05',
  2020: '2020-01-25', 2021: '2021-02-12', 2022: '2022-02-01', 2023: '2023-01-22', 2024: '2024-02-10',
  2025: '2025-01-29', 2026: '2026-02-17', 2027: '2027-02-06', 2028: '2028-01-26', 2029: '2029-02-13', 2030: '2030-02-03',
};

/** The rice harvests, when the younger volunteers are in the fields: [month, from day, to day]. */
const HARVESTS: Record<ClubFields['areaType'], readonly (readonly [number, number, number])[]> = {
  plains: [[6, 1, 20], [10, 5, 25]],
  mountains: [[9, 20, 30], [10, 1, 20]],
};

const VISIT_NOTES = [
  '{P} ăn ít, cần theo dõi',
  'Đã nhắc uống thuốc',
  '{P} vui, nói chuyện nhiều',
  'Nhà dột, cần báo tổ sửa giúp',
  'Con gái gọi điện về hỏi thăm',
  '{P} kêu đau khớp gối',
  'Đã nấu cháo, dặn ăn tối',
  '{P} ngủ kém mấy đêm nay',
];
const ATTENTION_NOTES = [
  '{P} bị ngã trong nhà, cần báo Ban chủ nhiệm',
  '{P} sốt, ăn không được',
  'Nhà hết gạo, cần hỗ trợ',
  '{P} quên uống thuốc nhiều ngày',
  '{P} mệt nhiều, nên đưa đi trạm y tế',
];
const PLAN_NOTES = [
  'Con đi làm xa, ở một mình',
  'Nhắc uống thuốc huyết áp buổi sáng',
  'Đi lại khó, cần dìu khi tắm',
  'Mắt kém, cần đọc giúp đơn thuốc',
  'Ăn kém, nấu cháo loãng',
];
const ENDED_GONE = ['Cụ đã mất', 'Đã chuyển đến ở với con ở thành phố', 'Chuyển về quê ở với con gái'];
const ENDED_STAYING = ['Con đã về ở cùng, gia đình tự chăm', 'Sức khỏe đã khá lên, tự lo được', 'Con đón lên thành phố chữa bệnh'];
const READING_NOTES = ['Quên uống thuốc sáng nay', 'Vừa đi bộ đến, đo lại sau 5 phút', 'Mất ngủ mấy hôm'];
const LOW_NOTES = ['Chóng mặt, mệt', '{P} mệt, ăn ít mấy hôm'];
const REFERRAL_NOTES = ['Con trai đưa đi', 'Trạm y tế cho thuốc hạ áp, hẹn đo lại', 'Tình nguyện viên đưa đi bằng xe máy', 'Bác sĩ trạm đến tận nhà'];
const REFERRED_TO: Weighted<string | null> = [
  [null, 75],
  ['Trung tâm Y tế khu vực', 15],
  ['Bệnh viện đa khoa tỉnh', 10],
];
const DOUBLE_VISIT = ['Ghi trùng, lần thăm này đã ghi rồi', 'Bấm lưu hai lần', 'Trùng lần thăm đã ghi trong ngày'];

const clamp = (value: number, low: number, high: number) => Math.min(high, Math.max(low, value));

function real(dice: Dice): number {
  return dice.int(0, 999_999) / 1_000_000;
}

/** Roughly normal (three uniforms summed): plenty for made-up blood pressures. */
function normal(dice: Dice, sd: number): number {
  return (real(dice) + real(dice) + real(dice) - 1.5) * 2 * sd;
}

function pronoun(person: MemberFields, year: number): string {
  const old = year - person.birthYear >= 60;
  return person.gender === 'female' ? (old ? 'Bà' : 'Chị') : old ? 'Ông' : 'Anh';
}

function withPronoun(text: string, person: MemberFields, year: number): string {
  return text.replace('{P}', pronoun(person, year));
}

/** A tie-break decided by who and what, not by the dice: the volunteer search asks it thousands of times. */
function hashed(a: number, b: number): number {
  return (Math.imul(a + 1, 2654435761) ^ Math.imul(b + 1, 40503)) >>> 0;
}

interface Someone {
  fields: MemberFields;
  age: number;
  joinedDay: number;
  /** The day they leave the register (a member who left, a neighbour who died or moved); null if still in it. */
  leftDay: number | null;
  /** Their last day in the register's books: the day before they left, else today. */
  lastDay: number;
}

interface PlanDraft {
  person: number;
  start: number;
  /** null while in force. */
  end: number | null;
  /** The last day it covers: its end, or today. */
  last: number;
  perWeek: number;
  help: CareHelp[];
  notes: string | null;
  volunteers: number[];
}

interface VisitDraft {
  person: number;
  volunteer: number;
  day: number;
  help: CareHelp[];
  note: string | null;
  needsAttention: boolean;
}

interface ReadingDraft {
  person: number;
  day: number;
  place: ReadingPlace;
  systolic: number;
  diastolic: number;
  pulse: number | null;
  weightKg: number | null;
  heightCm: number | null;
  bloodSugar: number | null;
  note: string | null;
}

interface ReferralDraft {
  person: number;
  day: number;
  referredTo: string | null;
  note: string | null;
}

interface Book {
  dice: Dice;
  register: readonly MemberFields[];
  people: Someone[];
  members: number;
  fromDay: number;
  todayDay: number;
  thisYear: number;
}

/**
 * The care and health books from `from` to `today`, for the register (the members, then
 * the non-members) and the meeting book the generator made. Its own dice: the members,
 * the meetings and the marks are the same with or without it.
 */
export function sampleCare(
  dice: Dice,
  input: {
    club: ClubFields;
    members: readonly MemberFields[];
    nonMembers: readonly MemberFields[];
    meetings: readonly MeetingFields[];
    marks: readonly SampleMark[];
    from: CalendarDate;
    today: CalendarDate;
  },
): SampleCare {
  const register = [...input.members, ...input.nonMembers];
  const fromDayNumber = toDay(input.from);
  const todayDay = toDay(input.today);
  if (register.length === 0 || fromDayNumber >= todayDay) return noCare();
  const thisYear = Number(input.today.slice(0, 4));
  const people = register.map((fields): Someone => {
    const leftDay = fields.leftOn === null ? null : toDay(fields.leftOn);
    return {
      fields,
      age: thisYear - fields.birthYear,
      joinedDay: fields.joinedOn ? toDay(fields.joinedOn) : Number.NEGATIVE_INFINITY,
      leftDay,
      lastDay: leftDay === null ? todayDay : Math.min(todayDay, leftDay - 1),
    };
  });
  const book: Book = { dice, register, people, members: input.members.length, fromDay: fromDayNumber, todayDay, thisYear };

  const plans = assignVolunteers(book, carePlans(book));
  const gaps = gapFactors(book, input.club.areaType);
  const visits = homeVisits(book, plans, gaps);
  const { readings, referrals } = healthBook(book, plans, visits, input.meetings, input.marks);
  const strikes = mistakes(book, visits, readings);

  visits.sort((a, b) => a.day - b.day || a.person - b.person);
  readings.sort((a, b) => a.day - b.day || a.person - b.person);
  referrals.sort((a, b) => a.day - b.day);
  const visitIndex = new Map(visits.map((v, i) => [v, i]));
  const readingIndex = new Map(readings.map((r, i) => [r, i]));

  return {
    carePlans: plans.map((p) => ({
      person: p.person,
      volunteers: p.volunteers,
      fields: { visitsPerWeek: p.perWeek, usualHelp: p.help, startedOn: fromDay(p.start), endedOn: p.end === null ? null : fromDay(p.end), notes: p.notes },
    })),
    visits: visits.map((v) => ({
      person: v.person,
      volunteer: v.volunteer,
      fields: { visitedOn: fromDay(v.day), help: v.help, note: v.note, needsAttention: v.needsAttention },
    })),
    readings: readings.map((r) => ({
      person: r.person,
      fields: {
        takenOn: fromDay(r.day),
        place: r.place,
        systolic: r.systolic,
        diastolic: r.diastolic,
        pulse: r.pulse,
        weightKg: r.weightKg,
        heightCm: r.heightCm,
        bloodSugar: r.bloodSugar,
        temperature: null,
        note: r.note,
      },
    })),
    referrals: referrals.map((r) => ({ person: r.person, fields: { referredOn: fromDay(r.day), referredTo: r.referredTo, note: r.note } })),
    strikeOuts: strikes.map((s) =>
      s.visit
        ? { collection: 'visits' as const, record: visitIndex.get(s.visit)!, reason: s.reason }
        : { collection: 'readings' as const, record: readingIndex.get(s.reading!)!, reason: s.reason },
    ),
  };
}

/** Whom the board thinks of first: the very old, those alone, those with a disability. */
function frailty(p: Someone): number {
  return (p.age >= 85 ? 3 : p.age >= 80 ? 2 : p.age >= 75 ? 1 : 0) + (p.fields.livesAlone ? 1.5 : 0) + (p.fields.disability ? 1.5 : 0) + 0.5;
}

/** A day from `low` to `high`, later ones likelier: a club takes on more people as its care grows. */
function laterDay(dice: Dice, low: number, high: number): number {
  return high <= low ? low : low + Math.floor((high - low) * real(dice) ** 0.5);
}

/**
 * Who is cared for, from when until when: today about 8 % of the members' number (the
 * non-members still in the register, then the frailest of those with the care role); earlier,
 * the plans that ended — a member who has since died or moved away, a neighbour likewise,
 * and some with the care role whose family took over or who got better.
 */
function carePlans(book: Book): PlanDraft[] {
  const { dice, people, members, fromDay: from, todayDay } = book;
  const drafts: PlanDraft[] = [];
  const add = (person: number, start: number, end: number | null, notes: string | null) => {
    const p = people[person]!;
    const frail = (p.age >= 85 ? 2 : p.age >= 80 ? 1 : 0) + (p.fields.livesAlone ? 1 : 0) + (p.fields.disability ? 1 : 0);
    const perWeek = frail >= 3 ? dice.int(4, 7) : frail === 2 && dice.chance(0.35) ? dice.int(4, 5) : dice.chance(0.2) ? 2 : 3;
    drafts.push({ person, start, end, last: end ?? todayDay, perWeek, help: usualHelp(dice, p), notes, volunteers: [] });
  };
  const [low, high] = CARE_SHARES.caredFor;
  const target = Math.round((members * dice.int(Math.round(low * 1000), Math.round(high * 1000))) / 1000);

  const nonMembers = people.map((_, i) => i).filter((i) => i >= members);
  let now = 0;
  for (const i of nonMembers) {
    const p = people[i]!;
    const start = clamp(p.joinedDay, from, todayDay);
    if (p.leftDay === null) {
      now++;
      add(i, start, null, dice.chance(0.4) ? dice.pick(PLAN_NOTES) : null);
    } else if (p.leftDay > start) add(i, start, Math.min(p.leftDay, todayDay), dice.pick(ENDED_GONE));
  }

  const frailest = (i: number) => frailty(people[i]!);
  const roled = people.flatMap((p, i) => (i < members && p.leftDay === null && p.fields.roles.includes('careRecipient') ? [i] : []));
  const chosen = new Set(dice.draw(roled, frailest, Math.max(0, target - now)));
  for (const i of roled) {
    const earliest = Math.max(from, people[i]!.joinedDay);
    if (chosen.has(i)) {
      add(i, Math.min(laterDay(dice, earliest, todayDay - 21), todayDay), null, dice.chance(0.4) ? dice.pick(PLAN_NOTES) : null);
    } else if (dice.chance(0.4) && todayDay - 200 > earliest) {
      const start = dice.int(earliest, todayDay - 200);
      add(i, start, Math.min(start + dice.int(90, 540), todayDay - 30), dice.pick(ENDED_STAYING));
    }
  }

  // Members who left while the club cared for them: the old and frail who died or moved away.
  const gone = people.flatMap((p, i) => {
    if (i >= members || p.leftDay === null || p.fields.roles.includes('volunteer')) return [];
    return book.thisYear - p.fields.birthYear >= 72 && p.leftDay - Math.max(from, p.joinedDay) >= 150 ? [i] : [];
  });
  for (const i of dice.draw(gone, frailest, Math.round((members * dice.int(5, 25)) / 1000))) {
    const { joinedDay, leftDay } = people[i]!;
    add(i, dice.int(Math.max(from, joinedDay), leftDay! - 120), leftDay!, dice.pick(ENDED_GONE));
  }
  return drafts.sort((a, b) => a.start - b.start || a.person - b.person);
}

/** The help a person usually needs, in the visit screen's order. */
function usualHelp(dice: Dice, p: Someone): CareHelp[] {
  const alone = p.fields.livesAlone;
  const disabled = p.fields.disability;
  const chances: Partial<Record<CareHelp, number>> = {
    conversation: 0.9,
    cooking: alone ? 0.6 : 0.15,
    cleaning: alone ? 0.7 : 0.3,
    laundry: alone ? 0.5 : 0.1,
    hygiene: disabled ? 0.7 : p.age >= 80 ? 0.4 : 0.05,
    massage: disabled ? 0.5 : 0.2,
    farmWork: disabled || p.age >= 85 ? 0 : 0.12,
    dietAdvice: 0.25,
    medication: p.age >= 80 ? 0.6 : 0.35,
    bloodPressure: 0.75,
    pulse: 0.35,
    temperature: 0.08,
    injection: disabled ? 0.05 : 0.01,
  };
  const help = CARE_HELP.filter((h) => dice.chance(chances[h] ?? 0));
  return help.length > 0 ? help : ['conversation'];
}

/**
 * Names each plan's volunteers (1–3, three for the frailest), filling each volunteer up to
 * about three visits a week before calling on another, from the person's own household
 * cluster when one has room: as a board shares the work out.
 */
function assignVolunteers(book: Book, drafts: PlanDraft[]): PlanDraft[] {
  const { dice, people, members } = book;
  // A stress club is a commune's worth of clubs: each person's volunteers come from their own
  // few hundred neighbours (and the search stays quick), a club of one village from all of it.
  const blocks = Math.max(1, Math.ceil(members / NEIGHBOURS));
  const block = (i: number) => (i < members ? Math.floor(i / NEIGHBOURS) : (i - members) % blocks);
  const pools: number[][] = Array.from({ length: blocks }, () => []);
  people.forEach((p, i) => {
    if (i < members && p.fields.roles.includes('volunteer')) pools[block(i)]!.push(i);
  });
  const mine = new Map<number, PlanDraft[]>(pools.flat().map((v) => [v, []]));
  const kept: PlanDraft[] = [];
  drafts.forEach((plan, planNumber) => {
    const want = Math.min(MAX_PLAN_VOLUNTEERS, plan.perWeek >= 6 ? 3 : plan.perWeek >= 4 ? 2 : dice.weighted<number>([[1, 6], [2, 3], [3, 1]]));
    const onRollFor = (v: number, until: number) => v !== plan.person && people[v]!.joinedDay <= plan.start && (people[v]!.leftDay === null || people[v]!.leftDay! > until);
    const pool = pools[block(plan.person)]!;
    let candidates = pool.filter((v) => onRollFor(v, plan.last));
    if (candidates.length < want) candidates = pool.filter((v) => onRollFor(v, plan.start));
    const share = plan.perWeek / want;
    const group = people[plan.person]!.fields.group;
    for (let k = 0; k < want; k++) {
      let best = -1;
      let bestScore = Number.POSITIVE_INFINITY;
      for (const v of candidates) {
        if (plan.volunteers.includes(v)) continue;
        let load = 0;
        for (const other of mine.get(v)!) if (other.start <= plan.start && other.last >= plan.start) load += other.perWeek / other.volunteers.length;
        const after = load + share;
        const score =
          Math.abs(after - VOLUNTEER_LOAD) +
          (after > VOLUNTEER_LOAD + 1 ? 3 : 0) +
          (group !== null && people[v]!.fields.group === group ? 0 : 0.5) +
          (hashed(v, planNumber) / 4294967296) * 0.3;
        if (score < bestScore) [best, bestScore] = [v, score];
      }
      if (best < 0) break;
      plan.volunteers.push(best);
    }
    if (plan.volunteers.length === 0) return;
    for (const v of plan.volunteers) mine.get(v)!.push(plan);
    kept.push(plan);
  });
  return kept;
}

/** How likely a visit is to happen, day by day from the history's start: less at Tết and in the harvest. */
function gapFactors(book: Book, areaType: ClubFields['areaType']): Float32Array {
  const { fromDay: from, todayDay } = book;
  const factors = new Float32Array(todayDay - from + 1).fill(1);
  const mark = (first: number, last: number, factor: number) => {
    for (let d = Math.max(first, from); d <= Math.min(last, todayDay); d++) factors[d - from] = Math.min(factors[d - from]!, factor);
  };
  for (let year = Number(fromDay(from).slice(0, 4)); year <= book.thisYear; year++) {
    const known = TET[year];
    const tet = known === undefined ? dayOf(year, 2, 5) : toDay(known);
    mark(tet - 2, tet + 5, 0.25);
    for (const [month, first, last] of HARVESTS[areaType]) mark(dayOf(year, month, first), dayOf(year, month, last), 0.6);
  }
  return factors;
}

/** Spells of a few weeks, in some years: a volunteer ill, a person in hospital. */
function spells(dice: Dice, from: number, to: number, chancePerYear: number, shortest: number, longest: number): [number, number][] {
  const found: [number, number][] = [];
  for (let year = from; year <= to; year += 365) {
    if (!dice.chance(chancePerYear)) continue;
    const start = dice.int(year, Math.min(year + 364, to));
    found.push([start, start + dice.int(shortest, longest)]);
  }
  return found;
}

const within = (spans: readonly [number, number][] | undefined, day: number) => spans !== undefined && spans.some(([a, b]) => day >= a && day <= b);

/**
 * The visits of each plan: its rhythm (3 a week: every two or three days), far fewer at Tết
 * and fewer in the harvest, none while the person is in hospital, and none by a volunteer
 * who is ill — another on the plan goes instead, if it names one.
 */
function homeVisits(book: Book, plans: readonly PlanDraft[], gaps: Float32Array): VisitDraft[] {
  const { dice, people, register, fromDay: from, todayDay, thisYear } = book;
  const ill = new Map<number, [number, number][]>();
  for (const plan of plans) for (const v of plan.volunteers) if (!ill.has(v)) ill.set(v, []);
  for (const v of [...ill.keys()].sort((a, b) => a - b)) ill.set(v, spells(dice, from, todayDay, 0.2, 21, 35));

  const visits: VisitDraft[] = [];
  for (const plan of plans) {
    const person = register[plan.person]!;
    const hospital = spells(dice, plan.start, plan.last, 0.12, 5, 14);
    const every = 7 / (plan.perWeek * DROPS_IN);
    const frail = people[plan.person]!.fields.disability || people[plan.person]!.age >= 85;
    for (let day = plan.start + dice.int(0, Math.ceil(every) - 1); day <= plan.last; day += Math.max(1, Math.round(every + real(dice) * 2 - 1))) {
      if (within(hospital, day) || !dice.chance(gaps[day - from]! * LOGGED)) continue;
      const free = plan.volunteers.filter((v) => people[v]!.joinedDay <= day && people[v]!.lastDay >= day && !within(ill.get(v), day));
      if (free.length === 0) continue;
      let help = plan.help.filter(() => dice.chance(0.88));
      for (const extra of CARE_HELP) if (!plan.help.includes(extra) && dice.chance(extra === 'injection' ? (frail ? 0.004 : 0) : 0.03)) help.push(extra);
      help = CARE_HELP.filter((h) => help.includes(h));
      if (help.length === 0) help = ['conversation'];
      const needsAttention = dice.chance(0.02);
      const note = needsAttention
        ? withPronoun(dice.pick(ATTENTION_NOTES), person, thisYear)
        : dice.chance(0.06)
          ? withPronoun(dice.pick(VISIT_NOTES), person, thisYear)
          : null;
      visits.push({ person: plan.person, volunteer: dice.pick(free), day, help, note, needsAttention });
    }
  }
  return visits;
}

interface Occasion {
  day: number;
  place: ReadingPlace;
}

interface Episode {
  start: number;
  peak: number;
  rise: number;
  /** The day of its first urgent reading: from then it comes down, soon if the person was taken to the station. */
  caughtOn: number | null;
  referred: boolean;
}

/** A person's pressure over the years: a baseline by age, a slow drift, and perhaps one bad spell. */
interface Pressure {
  systolic: number;
  diastolic: number;
  drift: number;
  pulse: number;
  episode: Episode | null;
}

function pressureOn(dice: Dice, model: Pressure, day: number, from: number): { systolic: number; diastolic: number; pulse: number } {
  const years = (day - from) / 365.25;
  let rise = 0;
  let treated = 0;
  const e = model.episode;
  if (e && day >= e.start) {
    if (e.caughtOn !== null && day > e.caughtOn) {
      // Medicine from the station halves it within days; without it, it eases more slowly.
      rise = e.rise * (e.referred ? 0.5 : 0.8) * Math.max(0, 1 - (day - e.caughtOn) / (e.referred ? 21 : 45));
      treated = e.referred ? 6 : 0;
    } else if (day <= e.peak) rise = (e.rise * (day - e.start)) / Math.max(1, e.peak - e.start);
    else rise = e.rise * Math.max(0, 1 - (day - e.peak) / 60);
  }
  // Very low pressure is an event of its own (healthBook), never the day's noise.
  const systolic = Math.round(clamp(model.systolic + model.drift * years + rise - treated + normal(dice, 6), 96, 215));
  const diastolic = Math.round(clamp(model.diastolic + 0.3 * model.drift * years + 0.45 * rise - treated / 2 + normal(dice, 4), 61, Math.min(125, systolic - 22)));
  const pulse = Math.round(clamp(model.pulse + (rise > 20 ? 5 : 0) + normal(dice, 4), 50, 118));
  return { systolic, diastolic, pulse };
}

/**
 * The health book: a reading for most of those present at each monthly meeting and health
 * day (pressure, pulse, mostly weight; height once a year; blood sugar at health days), the
 * pressure at home visits, a re-check within the week after a high one, a referral after
 * most urgent ones. Today's lists come out as a real club's would: one or two urgent, a few
 * to measure again.
 */
function healthBook(
  book: Book,
  plans: readonly PlanDraft[],
  visits: readonly VisitDraft[],
  meetings: readonly MeetingFields[],
  marks: readonly SampleMark[],
): { readings: ReadingDraft[]; referrals: ReferralDraft[] } {
  const { dice, people, register, members, fromDay: from, todayDay, thisYear } = book;
  const occasions: Occasion[][] = people.map(() => []);
  const meetingDays = meetings.map((m) => toDay(m.heldOn));
  for (const { meeting, member, mark } of marks) {
    const kind = meetings[meeting]!.kind;
    if (mark !== 'present' || (kind !== 'monthly' && kind !== 'healthDay')) continue;
    if (dice.chance(kind === 'monthly' ? 0.87 : 0.97)) occasions[member]!.push({ day: meetingDays[meeting]!, place: kind === 'monthly' ? 'meeting' : 'healthDay' });
  }
  for (const visit of visits) {
    if (visit.help.includes('bloodPressure') && dice.chance(0.92)) occasions[visit.person]!.push({ day: visit.day, place: 'homeVisit' });
  }
  const plansOf = new Map<number, PlanDraft[]>();
  for (const plan of plans) {
    const list = plansOf.get(plan.person);
    if (list) list.push(plan);
    else plansOf.set(plan.person, [plan]);
  }
  const caredOn = (person: number, day: number) => (plansOf.get(person) ?? []).some((p) => p.start <= day && p.last >= day);

  // One reading a person a day (a meeting's, before a visit's that day): two would leave
  // "the last reading" to the order they were written in.
  for (const list of occasions) {
    list.sort((a, b) => a.day - b.day);
    for (let i = list.length - 1; i > 0; i--) if (list[i]!.day === list[i - 1]!.day) list.splice(i, 1);
  }

  // Today's lists, chosen: one or two still urgent (a high reading days ago, no referral yet)
  // and a few to measure again; and over the years one or two pressures found very low.
  const scale = (low: number, high: number) => Math.round((members * dice.int(low, high)) / 1000);
  const recent = (days: number) => people.flatMap((p, i) => (p.leftDay === null && (occasions[i]!.at(-1)?.day ?? -1) >= todayDay - days ? [i] : []));
  const older = (i: number) => (people[i]!.age >= 55 ? 1 : 0.1) * (caredOn(i, todayDay) ? 2 : 1);
  // Those measured since the last meeting: a re-check may be overdue, an urgent one is days old.
  const lastMeeting = Math.max(...meetingDays.filter((d, i) => d <= todayDay && (meetings[i]!.kind === 'monthly' || meetings[i]!.kind === 'healthDay')), todayDay - 35);
  const sinceMeeting = recent(Math.max(12, todayDay - lastMeeting));
  const lately = [recent(12), sinceMeeting, recent(60)].find((list) => list.length > 0) ?? [];
  const urgentAtEnd = new Set(dice.draw(lately, older, Math.max(members > 0 ? 1 : 0, scale(15, 30))));
  const recheckAtEnd = new Set(dice.draw(sinceMeeting.filter((i) => !urgentAtEnd.has(i)), older, scale(25, 55)));
  const lowAt = new Map<number, number>();
  const frailHomes = people.flatMap((p, i) => (p.age >= 75 && occasions[i]!.some((o) => o.place === 'homeVisit' && o.day < todayDay - 30) ? [i] : []));
  for (const i of dice.draw(frailHomes, (i) => frailty(people[i]!), scale(10, 30))) {
    const homes = occasions[i]!.filter((o) => o.place === 'homeVisit' && o.day < todayDay - 30);
    lowAt.set(i, dice.pick(homes).day);
  }

  const readings: ReadingDraft[] = [];
  const referrals: ReferralDraft[] = [];
  people.forEach((p, person) => {
    const list = occasions[person]!;
    if (list.length === 0) return;
    const fields = register[person]!;
    const ageThen = Number(fromDay(from).slice(0, 4)) - fields.birthYear;
    const model: Pressure = {
      systolic: clamp(104 + 0.33 * (ageThen - 20) + normal(dice, 6), 98, 146),
      diastolic: clamp(70 + 0.08 * (ageThen - 20) - (ageThen >= 75 ? 3 : 0) + normal(dice, 4), 64, 84),
      drift: 0.5 + real(dice),
      pulse: dice.int(62, 84),
      episode: null,
    };
    const woman = fields.gender === 'female';
    const heightThen = clamp((woman ? (ageThen >= 55 ? 150 : 155) : ageThen >= 55 ? 161 : 166) + normal(dice, 4), 138, 182);
    const bmiThen = clamp(21.5 + normal(dice, 2.3), 17.5, 27);
    const weightDrift = normal(dice, 0.5);
    const diabetic = dice.chance(0.1);
    const last = list.at(-1)!;

    if (urgentAtEnd.has(person)) {
      model.episode = { start: last.day - dice.int(90, 200), peak: last.day, rise: dice.int(58, 72), caughtOn: null, referred: false };
    } else {
      const spell = person >= members || caredOn(person, todayDay) ? 0.25 : ageThen >= 55 ? 0.14 : 0.04;
      const peaks = list.filter((o) => o.day >= list[0]!.day + 90 && o.day <= todayDay - 75);
      if (list.length >= 8 && peaks.length > 0 && dice.chance(spell)) {
        const peak = dice.pick(peaks).day;
        model.episode = { start: peak - dice.int(90, 240), peak, rise: dice.int(40, 64), caughtOn: null, referred: false };
      }
    }

    let heightYear = -1;
    // Most urgent readings are taken to the station within a few days, before the person's
    // next reading — not again a month after the last time, when they are already treated.
    let referredOn = Number.NEGATIVE_INFINITY;
    const urgent = (day: number, next: number) => {
      const e = model.episode;
      const caught = e !== null && e.caughtOn === null && day >= e.start;
      if (caught) e.caughtOn = day;
      if (day - referredOn <= 30 || !dice.chance(0.85)) return;
      referredOn = Math.max(day, Math.min(todayDay, next - 1, day + dice.int(0, 3)));
      referrals.push({ person, day: referredOn, referredTo: dice.weighted(REFERRED_TO), note: dice.chance(0.5) ? dice.pick(REFERRAL_NOTES) : null });
      if (caught) e.referred = true;
    };
    const taken = new Set(list.map((o) => o.day));
    list.forEach((occasion, index) => {
      const { day, place } = occasion;
      const atEnd = occasion === last;
      let { systolic, diastolic, pulse } = pressureOn(dice, model, day, from);
      let note: string | null = null;
      if (atEnd && urgentAtEnd.has(person)) [systolic, diastolic] = [Math.max(systolic, 180 + dice.int(1, 12)), Math.max(diastolic, 92 + dice.int(0, 10))];
      if (atEnd && recheckAtEnd.has(person)) [systolic, diastolic] = [141 + dice.int(0, 16), 82 + dice.int(0, 12)];
      if (lowAt.get(person) === day) {
        [systolic, diastolic, pulse] = [dice.int(80, 88), dice.int(48, 56), dice.int(96, 108)];
        note = withPronoun(dice.pick(LOW_NOTES), fields, thisYear);
      }
      diastolic = Math.min(diastolic, systolic - 22);
      const full = place === 'meeting' || place === 'healthDay';
      const year = Number(fromDay(day).slice(0, 4));
      const yearsOn = (day - from) / 365.25;
      const height = Math.round(heightThen - (ageThen >= 70 ? 0.25 * yearsOn : 0));
      const measureHeight = full && year !== heightYear;
      if (measureHeight) heightYear = year;
      const weight = Math.round(clamp(bmiThen * (heightThen / 100) ** 2 + weightDrift * yearsOn + normal(dice, 0.5), 32, 110) * 10) / 10;
      if (note === null && dice.chance(0.02)) note = dice.pick(READING_NOTES);
      readings.push({
        person,
        day,
        place,
        systolic,
        diastolic,
        pulse,
        weightKg: full && (place === 'healthDay' || dice.chance(0.85)) ? weight : null,
        heightCm: measureHeight ? height : null,
        bloodSugar: place === 'healthDay' && dice.chance(0.6) ? Math.round(clamp(diabetic ? 8.5 + normal(dice, 1.5) : 5.3 + normal(dice, 0.6), 3.6, 14.5) * 10) / 10 : null,
        note,
      });
      if (atEnd && (urgentAtEnd.has(person) || recheckAtEnd.has(person))) return;

      const next = list[index + 1]?.day ?? Number.POSITIVE_INFINITY;
      const flag: PressureFlag = pressureFlag(systolic, diastolic);
      if (flag === 'urgent') urgent(day, next);
      if (flag !== 'recheck' || !dice.chance(0.7)) return;
      // Measured again within the week, before the next reading: at home if the person is cared for, else at the station.
      const again = day + dice.int(2, 7);
      if (again > todayDay || again >= next || again > p.lastDay || taken.has(again)) return;
      taken.add(again);
      const second = pressureOn(dice, model, again, from);
      second.diastolic = Math.min(second.diastolic, second.systolic - 22);
      readings.push({
        person,
        day: again,
        place: caredOn(person, again) ? 'homeVisit' : 'clinic',
        ...second,
        weightKg: null,
        heightCm: null,
        bloodSugar: null,
        note: dice.chance(0.3) ? 'Đo lại sau lần trước cao' : null,
      });
      if (pressureFlag(second.systolic, second.diastolic) === 'urgent') urgent(again, next);
    });
  });
  settleTheEnd(book, readings, referrals, urgentAtEnd);
  return { readings, referrals };
}

/**
 * Today's urgent list holds only the people chosen for it: anyone else whose last reading
 * was urgent was referred after it, and no one who has left the register is still flagged
 * (their last pressure is written as it usually was).
 */
function settleTheEnd(book: Book, readings: ReadingDraft[], referrals: ReferralDraft[], urgentAtEnd: ReadonlySet<number>): void {
  const { dice, people, todayDay } = book;
  const lastOf = new Map<number, ReadingDraft>();
  for (const r of readings) if ((lastOf.get(r.person)?.day ?? -Infinity) < r.day) lastOf.set(r.person, r);
  const referredSince = new Map<number, number>();
  for (const r of referrals) referredSince.set(r.person, Math.max(referredSince.get(r.person) ?? -Infinity, r.day));
  for (const [person, reading] of [...lastOf].sort((a, b) => a[0] - b[0])) {
    const flag = pressureFlag(reading.systolic, reading.diastolic);
    if (flag === 'none') continue;
    if (people[person]!.leftDay !== null) {
      reading.systolic = 118 + dice.int(0, 16);
      reading.diastolic = 70 + dice.int(0, 12);
      reading.pulse = reading.pulse === null ? null : clamp(reading.pulse, 60, 95);
      reading.note = null;
    } else if (flag === 'urgent' && !urgentAtEnd.has(person) && (referredSince.get(person) ?? -Infinity) < reading.day) {
      referrals.push({ person, day: Math.min(todayDay, reading.day + dice.int(0, 2)), referredTo: dice.weighted(REFERRED_TO), note: null });
    }
  }
}

interface Mistake {
  visit?: VisitDraft;
  reading?: ReadingDraft;
  reason: string;
}

/**
 * A few slips, kept and struck out as the app does it: a visit saved twice, a meeting's
 * reading written against the wrong person (its right copy stands beside it). Never in the
 * last month, so today's lists are the same with or without them.
 */
function mistakes(book: Book, visits: VisitDraft[], readings: ReadingDraft[]): Mistake[] {
  const { dice, register, todayDay, thisYear } = book;
  const found: Mistake[] = [];
  const oldVisits = visits.filter((v) => v.day < todayDay - 30);
  for (const visit of dice.draw(oldVisits, () => 1, Math.round(visits.length * 0.0015) || (visits.length > 100 ? 1 : 0))) {
    const twice = { ...visit, help: [...visit.help] };
    visits.push(twice);
    found.push({ visit: twice, reason: dice.pick(DOUBLE_VISIT) });
  }
  const atMeetings = readings.filter((r) => r.place === 'meeting' && r.day < todayDay - 30 && pressureFlag(r.systolic, r.diastolic) === 'none');
  const byDay = new Map<number, number[]>();
  for (const r of atMeetings) {
    const list = byDay.get(r.day);
    if (list) list.push(r.person);
    else byDay.set(r.day, [r.person]);
  }
  for (const reading of dice.draw(atMeetings, () => 1, Math.round(readings.length * 0.0005) || (readings.length > 200 ? 1 : 0))) {
    const others = (byDay.get(reading.day) ?? []).filter((p) => p !== reading.person);
    if (others.length === 0) continue;
    const wrong = { ...reading, person: dice.pick(others), note: null };
    readings.push(wrong);
    const right = register[reading.person]!;
    const given = right.fullName.split(' ').at(-1)!;
    found.push({ reading: wrong, reason: `Ghi nhầm người, số đo này của ${pronoun(right, thisYear).toLowerCase()} ${given}` });
  }
  return found;
}

/** The care book's records with their ids: `registerIds` are the register's (members, then non-members), as written. */
export function careBookRecords(care: SampleCare, registerIds: readonly string[], newId: () => string) {
  const person = (index: number) => registerIds[index]!;
  const carePlans = care.carePlans.map((p) => ({ id: newId(), fields: { ...p.fields, personId: person(p.person), volunteerIds: p.volunteers.map(person) } satisfies CarePlanFields }));
  const visits = care.visits.map((v) => ({ id: newId(), fields: { ...v.fields, personId: person(v.person), volunteerId: person(v.volunteer) } satisfies VisitFields }));
  const readings = care.readings.map((r) => ({ id: newId(), fields: { ...r.fields, personId: person(r.person) } satisfies ReadingFields }));
  const referrals = care.referrals.map((r) => ({ id: newId(), fields: { ...r.fields, personId: person(r.person) } satisfies ReferralFields }));
  const strikeOuts = care.strikeOuts.map((s) => ({
    id: newId(),
    fields: { collection: s.collection, recordId: (s.collection === 'visits' ? visits : readings)[s.record]!.id, reason: s.reason } satisfies FieldsOf<'strikeOuts'>,
  }));
  return { carePlans, visits, readings, referrals, strikeOuts };
}
