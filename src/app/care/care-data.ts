import { caredFor, careTotals, myPeople, volunteerWeeks } from '../../domain/care-figures';
import { healthAlerts, volunteerTasks } from '../../domain/health-figures';
import type { ClubProfile } from '../../domain/club';
import { addDays } from '../../domain/dates';
import { DEFAULT_CARED_FOR_TARGET, DEFAULT_CARE_VOLUNTEERS_TARGET, DEFAULT_VISITS_PER_WEEK_TARGET } from '../../domain/club';
import type { Member } from '../../domain/members';
import { careRecords, healthRecords } from '../../local/care-queries';
import type { ClubBookDatabase } from '../../local/database';
import { clubProfile, liveRecords } from '../../local/queries';

/** The club's home-care targets, from its settings. */
export function careTargets(club: ClubProfile | null) {
  return {
    volunteers: club?.careVolunteersTarget ?? DEFAULT_CARE_VOLUNTEERS_TARGET,
    caredFor: club?.caredForTarget ?? DEFAULT_CARED_FOR_TARGET,
    visitsPerWeek: club?.visitsPerWeekTarget ?? DEFAULT_VISITS_PER_WEEK_TARGET,
  };
}

/** Everything the board's view of home care shows, read at once. */
export async function careBook(db: ClubBookDatabase, today: string) {
  const [club, members, care] = await Promise.all([clubProfile(db), liveRecords(db, 'members'), careRecords(db)]);
  const targets = careTargets(club);
  const byId = new Map(members.map((m) => [m.id, m]));
  const fortnightAgo = addDays(today, -14);
  return {
    byId,
    targets,
    totals: careTotals(care.plans, care.visits, today, targets),
    weeks: volunteerWeeks(care.plans, care.visits, today, targets.visitsPerWeek),
    people: caredFor(care.plans, care.visits, today),
    attention: care.visits.filter((v) => v.needsAttention && v.visitedOn >= fortnightAgo).sort((a, b) => b.visitedOn.localeCompare(a.visitedOn)),
  };
}

/** A volunteer's phone: their people, each with days since the last visit, and their tasks. */
export async function volunteerDay(db: ClubBookDatabase, volunteerId: string, today: string) {
  const [members, care, health] = await Promise.all([liveRecords(db, 'members'), careRecords(db), healthRecords(db)]);
  const byId = new Map<string, Member>(members.map((m) => [m.id, m]));
  const alerts = healthAlerts(health.readings, health.referrals, today);
  return {
    byId,
    people: myPeople(volunteerId, care.plans, care.visits, today),
    tasks: volunteerTasks(volunteerId, care.plans, alerts, today),
  };
}
