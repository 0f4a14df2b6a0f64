import type { CarePlan } from '../domain/care-plans';
import type { Reading } from '../domain/readings';
import type { SyncedRecord } from '../domain/record';
import type { Referral } from '../domain/referrals';
import { standing, type StrikeOut, type StruckCollection } from '../domain/strike-outs';
import type { Visit } from '../domain/visits';
import type { ClubBookDatabase } from './database';
import { liveRecords, liveRecordsWhere } from './queries';

/**
 * Reads for the home-care and health books (plain promises, for useLiveQuery). Figures
 * get only what counts (not struck out); a person's page gets everything of theirs, the
 * struck-out records marked, to show them struck through.
 */

export interface CareRecords {
  plans: CarePlan[];
  /** Visits that count: struck-out ones left out. */
  visits: Visit[];
}

export interface HealthRecords {
  /** Readings that count: struck-out ones left out. */
  readings: Reading[];
  referrals: Referral[];
}

async function strikeOuts(db: ClubBookDatabase): Promise<StrikeOut[]> {
  return liveRecords(db, 'strikeOuts');
}

export async function careRecords(db: ClubBookDatabase): Promise<CareRecords> {
  const [plans, visits, strikes] = await Promise.all([liveRecords(db, 'carePlans'), liveRecords(db, 'visits'), strikeOuts(db)]);
  return { plans, visits: standing(visits, strikes, 'visits') };
}

export async function healthRecords(db: ClubBookDatabase): Promise<HealthRecords> {
  const [readings, referrals, strikes] = await Promise.all([liveRecords(db, 'readings'), liveRecords(db, 'referrals'), strikeOuts(db)]);
  return { readings: standing(readings, strikes, 'readings'), referrals: standing(referrals, strikes, 'referrals') };
}

/** A record on a person's page: the struck-out ones carry their strike-out. */
export type Marked<R> = R & { struckOut: StrikeOut | null };

async function ofPerson<R extends SyncedRecord>(
  db: ClubBookDatabase,
  collection: StruckCollection,
  personId: string,
): Promise<Marked<R>[]> {
  const records = (await db.records<R & { personId: string }>(collection).where('personId').equals(personId).toArray()).filter((r) => !r.deleted);
  const strikes = await liveRecordsWhere(db, 'strikeOuts', 'recordId', records.map((r) => r.id));
  const byRecord = new Map(strikes.filter((s) => s.collection === collection).map((s) => [s.recordId, s]));
  return records.map((r) => ({ ...r, struckOut: byRecord.get(r.id) ?? null }));
}

/** One person's visits, latest first, struck-out ones marked. */
export async function visitsOfPerson(db: ClubBookDatabase, personId: string): Promise<Marked<Visit>[]> {
  const visits = await ofPerson<Visit>(db, 'visits', personId);
  return visits.sort((a, b) => b.visitedOn.localeCompare(a.visitedOn) || b.createdAt.localeCompare(a.createdAt));
}

/** One person's readings, latest first, struck-out ones marked. */
export async function readingsOfPerson(db: ClubBookDatabase, personId: string): Promise<Marked<Reading>[]> {
  const readings = await ofPerson<Reading>(db, 'readings', personId);
  return readings.sort((a, b) => b.takenOn.localeCompare(a.takenOn) || b.createdAt.localeCompare(a.createdAt));
}

export async function referralsOfPerson(db: ClubBookDatabase, personId: string): Promise<Marked<Referral>[]> {
  const referrals = await ofPerson<Referral>(db, 'referrals', personId);
  return referrals.sort((a, b) => b.referredOn.localeCompare(a.referredOn));
}

export async function plansOfPerson(db: ClubBookDatabase, personId: string): Promise<CarePlan[]> {
  const plans = await db.records<CarePlan>('carePlans').where('personId').equals(personId).toArray();
  return plans.filter((p) => !p.deleted).sort((a, b) => b.startedOn.localeCompare(a.startedOn));
}
