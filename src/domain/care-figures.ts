import { planInForce, type CarePlan, type CareHelp } from './care-plans';
import { addDays, daysBetween, weekStart, type CalendarDate } from './dates';
import type { Visit } from './visits';

/**
 * Home care's figures, pure: the caller passes only the visits that count (strike-outs.ts
 * `standing`), so a struck-out visit is in no figure.
 */

/** Monday to Sunday of the week `today` is in. */
export function weekOf(today: CalendarDate): { from: CalendarDate; to: CalendarDate } {
  const from = weekStart(today);
  return { from, to: addDays(from, 6) };
}

function latestFirst(a: Visit, b: Visit): number {
  return a.visitedOn === b.visitedOn ? b.createdAt.localeCompare(a.createdAt) : b.visitedOn.localeCompare(a.visitedOn);
}

/** Each person's visits, latest first. */
export function visitsByPerson(visits: readonly Visit[]): Map<string, Visit[]> {
  const byPerson = new Map<string, Visit[]>();
  for (const visit of visits) {
    let list = byPerson.get(visit.personId);
    if (!list) byPerson.set(visit.personId, (list = []));
    list.push(visit);
  }
  for (const list of byPerson.values()) list.sort(latestFirst);
  return byPerson;
}

/** Not visited for this many days: the board's two alarms. */
export const NOT_VISITED_DAYS = [7, 14] as const;

export interface CaredFor {
  personId: string;
  plan: CarePlan;
  lastVisitOn: CalendarDate | null;
  /** Days since the last visit (0: today); null when never visited since the plan began. */
  daysSince: number | null;
  visitsThisWeek: number;
  /** 14 or 7 when not visited for that long (or never, with the plan that old); else null. */
  notVisitedFor: 14 | 7 | null;
  /** The help of the last visit, else the plan's usual help: what the next visit pre-ticks. */
  usualHelp: CareHelp[];
}

/** The people cared for on a day (plans in force), each with their last visit. */
export function caredFor(plans: readonly CarePlan[], visits: readonly Visit[], today: CalendarDate): CaredFor[] {
  const byPerson = visitsByPerson(visits.filter((v) => v.visitedOn <= today));
  const week = weekOf(today);
  // One line per person even if two plans overlap (a new plan started before the old one ended).
  const plansByPerson = new Map<string, CarePlan>();
  for (const plan of plans) {
    if (!planInForce(plan, today)) continue;
    const kept = plansByPerson.get(plan.personId);
    if (!kept || kept.startedOn < plan.startedOn) plansByPerson.set(plan.personId, plan);
  }
  return [...plansByPerson.values()].map((plan) => {
    const personVisits = byPerson.get(plan.personId) ?? [];
    const last = personVisits[0];
    const lastVisitOn = last?.visitedOn ?? null;
    const daysSince = lastVisitOn === null ? null : daysBetween(lastVisitOn, today);
    const quiet = daysSince ?? daysBetween(plan.startedOn, today);
    return {
      personId: plan.personId,
      plan,
      lastVisitOn,
      daysSince,
      visitsThisWeek: personVisits.filter((v) => v.visitedOn >= week.from && v.visitedOn <= week.to).length,
      notVisitedFor: quiet >= 14 ? 14 : quiet >= 7 ? 7 : null,
      usualHelp: last ? [...last.help] : [...plan.usualHelp],
    };
  });
}

/**
 * A volunteer's people: those whose plans in force name them, the longest unvisited first,
 * each marked due when its plan's rhythm says a visit is owed (3 a week: every 2 days).
 */
export function myPeople(volunteerId: string, plans: readonly CarePlan[], visits: readonly Visit[], today: CalendarDate): (CaredFor & { due: boolean })[] {
  const mine = plans.filter((p) => p.volunteerIds.includes(volunteerId));
  return caredFor(mine, visits, today)
    .map((person) => {
      const every = Math.max(1, Math.floor(7 / person.plan.visitsPerWeek));
      return { ...person, due: person.daysSince === null || person.daysSince >= every };
    })
    .sort((a, b) => (b.daysSince ?? Number.POSITIVE_INFINITY) - (a.daysSince ?? Number.POSITIVE_INFINITY));
}

export interface VolunteerWeek {
  volunteerId: string;
  visits: number;
  target: number;
  met: boolean;
}

/**
 * This week per volunteer: the visits each made (to anyone) against the target. The
 * volunteers are those on a plan in force, and anyone else who visited this week.
 */
export function volunteerWeeks(plans: readonly CarePlan[], visits: readonly Visit[], today: CalendarDate, target: number): VolunteerWeek[] {
  const week = weekOf(today);
  const counts = new Map<string, number>();
  for (const plan of plans) if (planInForce(plan, today)) for (const id of plan.volunteerIds) counts.set(id, 0);
  for (const visit of visits) {
    if (visit.visitedOn < week.from || visit.visitedOn > week.to) continue;
    counts.set(visit.volunteerId, (counts.get(visit.volunteerId) ?? 0) + 1);
  }
  return [...counts].map(([volunteerId, n]) => ({ volunteerId, visits: n, target, met: n >= target }));
}

export interface CareTotals {
  volunteers: number;
  caredFor: number;
  visitsThisWeek: number;
  /** Volunteers who made their target this week. */
  volunteersMeetingTarget: number;
  notVisitedFor7: number;
  notVisitedFor14: number;
  targets: { volunteers: number; caredFor: number; visitsPerWeek: number };
  met: { volunteers: boolean; caredFor: boolean; visitsPerWeek: boolean };
}

/** The club against its home-care settings (10 volunteers, 5 cared for, 3 visits a week each by default). */
export function careTotals(
  plans: readonly CarePlan[],
  visits: readonly Visit[],
  today: CalendarDate,
  targets: { volunteers: number; caredFor: number; visitsPerWeek: number },
): CareTotals {
  const weeks = volunteerWeeks(plans, visits, today, targets.visitsPerWeek);
  const people = caredFor(plans, visits, today);
  const onPlans = weeks.length;
  const meeting = weeks.filter((w) => w.met).length;
  return {
    volunteers: onPlans,
    caredFor: people.length,
    visitsThisWeek: weeks.reduce((sum, w) => sum + w.visits, 0),
    volunteersMeetingTarget: meeting,
    notVisitedFor7: people.filter((p) => p.notVisitedFor !== null).length,
    notVisitedFor14: people.filter((p) => p.notVisitedFor === 14).length,
    targets,
    met: {
      volunteers: onPlans >= targets.volunteers,
      caredFor: people.length >= targets.caredFor,
      visitsPerWeek: onPlans > 0 && meeting === onPlans,
    },
  };
}

/** Visits in a period (for the report): count and the volunteers and people they involved. */
export function visitsIn(visits: readonly Visit[], from: CalendarDate, to: CalendarDate): { visits: number; volunteers: number; people: number } {
  const inPeriod = visits.filter((v) => v.visitedOn >= from && v.visitedOn <= to);
  return {
    visits: inPeriod.length,
    volunteers: new Set(inPeriod.map((v) => v.volunteerId)).size,
    people: new Set(inPeriod.map((v) => v.personId)).size,
  };
}
