import { planInForce, type CarePlan } from './care-plans';
import { addDays, type CalendarDate } from './dates';
import { bmi, pressureFlag, pressureGrade, type PressureFlag, type PressureGrade } from './health-grades';
import type { Reading } from './readings';
import type { Referral } from './referrals';

/**
 * The health book's lists and figures, pure. The caller passes only the readings and
 * referrals that count (strike-outs.ts `standing`): a struck-out reading flags no one.
 */

/** A re-check is due within this many days of a high reading. */
export const RECHECK_WITHIN_DAYS = 7;

function latestFirst(a: Reading, b: Reading): number {
  return a.takenOn === b.takenOn ? b.createdAt.localeCompare(a.createdAt) : b.takenOn.localeCompare(a.takenOn);
}

/** Each person's readings, latest first. */
export function readingsByPerson(readings: readonly Reading[]): Map<string, Reading[]> {
  const byPerson = new Map<string, Reading[]>();
  for (const reading of readings) {
    let list = byPerson.get(reading.personId);
    if (!list) byPerson.set(reading.personId, (list = []));
    list.push(reading);
  }
  for (const list of byPerson.values()) list.sort(latestFirst);
  return byPerson;
}

export function hasPressure(reading: Reading): reading is Reading & { systolic: number; diastolic: number } {
  return reading.systolic !== null && reading.diastolic !== null;
}

export function gradeOf(reading: Reading): PressureGrade | null {
  return hasPressure(reading) ? pressureGrade(reading.systolic, reading.diastolic) : null;
}

export function flagOf(reading: Reading): PressureFlag {
  return hasPressure(reading) ? pressureFlag(reading.systolic, reading.diastolic) : 'none';
}

/** The height to use for a reading's BMI: its own, else the person's last one before it (height is measured once a year, weight monthly). */
export function bmiOf(reading: Reading, personReadings: readonly Reading[]): number | null {
  if (reading.weightKg === null) return null;
  if (reading.heightCm !== null) return bmi(reading.weightKg, reading.heightCm);
  const earlier = personReadings.find((r) => r.heightCm !== null && r.takenOn <= reading.takenOn);
  return earlier ? bmi(reading.weightKg, earlier.heightCm) : null;
}

export interface HealthAlert {
  personId: string;
  /** The reading that raised it: the person's last pressure reading. */
  reading: Reading & { systolic: number; diastolic: number };
  /**
   * urgent: at or over 180/110, or low, and not referred since; recheck: at or over 140/90,
   * or urgent and referred (measure again after the station).
   */
  list: 'urgent' | 'recheck';
  referral: Referral | null;
  recheckBy: CalendarDate;
  overdue: boolean;
}

/**
 * Who needs the board now. A person's last pressure reading decides: a normal one clears
 * every alert; a high one puts them on the re-check list; an urgent one on the urgent list
 * until a referral is recorded on or after its day, then on the re-check list.
 */
export function healthAlerts(readings: readonly Reading[], referrals: readonly Referral[], today: CalendarDate): HealthAlert[] {
  const alerts: HealthAlert[] = [];
  const referralsByPerson = new Map<string, Referral[]>();
  for (const referral of referrals) {
    const list = referralsByPerson.get(referral.personId) ?? [];
    list.push(referral);
    referralsByPerson.set(referral.personId, list);
  }
  for (const [personId, list] of readingsByPerson(readings.filter((r) => r.takenOn <= today))) {
    const last = list.find(hasPressure);
    if (!last) continue;
    const flag = pressureFlag(last.systolic, last.diastolic);
    if (flag === 'none') continue;
    const referral = (referralsByPerson.get(personId) ?? []).filter((r) => r.referredOn >= last.takenOn).sort((a, b) => b.referredOn.localeCompare(a.referredOn))[0] ?? null;
    const recheckBy = addDays(last.takenOn, RECHECK_WITHIN_DAYS);
    alerts.push({
      personId,
      reading: last,
      list: flag === 'urgent' && referral === null ? 'urgent' : 'recheck',
      referral: flag === 'urgent' ? referral : null,
      recheckBy,
      overdue: today > recheckBy,
    });
  }
  return alerts.sort((a, b) => (a.list === b.list ? a.reading.takenOn.localeCompare(b.reading.takenOn) : a.list === 'urgent' ? -1 : 1));
}

export interface VolunteerTask {
  personId: string;
  /** refer: take or send them to the commune health station; remeasure: measure the pressure again. */
  task: 'refer' | 'remeasure';
  alert: HealthAlert;
}

/** The tasks a volunteer's phone shows: the alerts of the people their plans in force name. */
export function volunteerTasks(volunteerId: string, plans: readonly CarePlan[], alerts: readonly HealthAlert[], today: CalendarDate): VolunteerTask[] {
  const mine = new Set(plans.filter((p) => planInForce(p, today) && p.volunteerIds.includes(volunteerId)).map((p) => p.personId));
  return alerts.filter((a) => mine.has(a.personId)).map((alert) => ({ personId: alert.personId, task: alert.list === 'urgent' ? 'refer' : 'remeasure', alert }));
}

export interface HealthMonth {
  /** 'YYYY-MM' */
  month: string;
  /** Of the people given, how many had a reading that month. */
  measured: number;
  people: number;
  /** Whole percent measured; null with no one to measure. */
  measuredPercent: number | null;
  /** Of those measured with a pressure that month, how many had their last one at or over 140/90. */
  high: number;
  withPressure: number;
  highPercent: number | null;
}

function percent(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part * 100) / whole);
}

/**
 * Month by month: the share of people measured, and of those the share whose last pressure
 * that month was high. `peopleOn(month)` says who counts in a month (the members then).
 */
export function healthByMonth(readings: readonly Reading[], months: readonly string[], peopleOn: (month: string) => ReadonlySet<string>): HealthMonth[] {
  const byMonth = new Map<string, Reading[]>();
  for (const reading of readings) {
    const month = reading.takenOn.slice(0, 7);
    const list = byMonth.get(month) ?? [];
    list.push(reading);
    byMonth.set(month, list);
  }
  return months.map((month) => {
    const people = peopleOn(month);
    const measured = new Set<string>();
    const lastPressure = new Map<string, Reading>();
    for (const reading of (byMonth.get(month) ?? []).sort(latestFirst)) {
      if (!people.has(reading.personId)) continue;
      measured.add(reading.personId);
      if (hasPressure(reading) && !lastPressure.has(reading.personId)) lastPressure.set(reading.personId, reading);
    }
    const high = [...lastPressure.values()].filter((r) => flagOf(r) !== 'none' && gradeOf(r) !== 'low').length;
    return {
      month,
      measured: measured.size,
      people: people.size,
      measuredPercent: percent(measured.size, people.size),
      high,
      withPressure: lastPressure.size,
      highPercent: percent(high, lastPressure.size),
    };
  });
}

/** Readings in a period (for the report): people checked, readings at or over 140/90, referrals. */
export function healthIn(readings: readonly Reading[], referrals: readonly Referral[], from: CalendarDate, to: CalendarDate) {
  const inPeriod = readings.filter((r) => r.takenOn >= from && r.takenOn <= to);
  return {
    peopleChecked: new Set(inPeriod.map((r) => r.personId)).size,
    readings: inPeriod.length,
    high: inPeriod.filter((r) => hasPressure(r) && (r.systolic >= 140 || r.diastolic >= 90)).length,
    referrals: referrals.filter((r) => r.referredOn >= from && r.referredOn <= to).length,
  };
}
