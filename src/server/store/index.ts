import { sql, type Kysely } from 'kysely';
import type { CollectionDefinition } from '../../domain/collection';
import type { Mutation, RecoveredRecord } from '../../domain/protocol';
import * as associations from './associations';
import * as clubs from './clubs';
import * as clubFigures from './club-figures';
import { connect, connectReader, serverApplicationName, type StoreLocation } from './connect';
import { migrateToLatest } from './migrations';
import { clubBounds, pullPage, purgeTombstones, type PulledPage } from './pull';
import { countAttempt, forgetWindowsBefore } from './rate-limits';
import { pushMutations, type PushingDevice, type PushResult, type StoreHooks } from './push';
import type { ServerDatabase } from './schema';
import { markRestored, recoverRecords } from './recover';
import { newEpoch, readEpoch, writeEpoch } from './server-meta';
import { inProcessSignals, type ClubSignals } from './signals';

export type { StoreLocation } from './connect';
export { isPostgresUrl, schemaInUrl, serverApplicationName } from './connect';
export type { StoredDevice, NewDevice } from './clubs';
export { BY_ASSOCIATION } from './clubs';
export type { StoredAssociation, NewAssociation } from './associations';
export type { PushResult, StoredRejection, StoreHooks, PushingDevice } from './push';
export type { PulledPage } from './pull';

/**
 * Everything the server keeps, behind functions named for what a club does. The routes
 * call these and never see SQL; this module never sees HTTP. Every write, and every read
 * a write depends on, goes through `db` (inside its transaction); reads that stand alone go
 * through `reader` (connect.ts: on SQLite a read-only connection that a push does not hold up,
 * on PostgreSQL a small pool of its own).
 */
export class Store {
  /** Test seams (fault injection); empty in production. */
  readonly hooks: StoreHooks = {};

  constructor(
    private readonly db: Kysely<ServerDatabase>,
    private readonly signals: ClubSignals = inProcessSignals(),
    private readonly reader: Kysely<ServerDatabase> = db,
  ) {}

  createClub(input: Parameters<typeof clubs.createClub>[1]) {
    return clubs.createClub(this.db, input);
  }
  findDeviceByTokenHash(tokenHash: string) {
    return clubs.findDeviceByTokenHash(this.reader, tokenHash);
  }
  touchDevice(deviceId: string, now: Date) {
    return clubs.touchDevice(this.db, deviceId, now);
  }
  listDevices(clubId: string) {
    return clubs.listDevices(this.reader, clubId);
  }
  revokeDevice(input: Parameters<typeof clubs.revokeDevice>[1]) {
    return clubs.revokeDevice(this.db, input);
  }
  handChairTo(input: Parameters<typeof clubs.handChairTo>[1]) {
    return clubs.handChairTo(this.db, input);
  }
  clubExists(clubId: string) {
    return clubs.clubExists(this.reader, clubId);
  }
  findClubRecord(clubId: string) {
    return clubs.findClubRecord(this.reader, clubId);
  }
  createInvite(input: Parameters<typeof clubs.createInvite>[1]) {
    return clubs.createInvite(this.db, input);
  }
  enroll(input: Parameters<typeof clubs.enroll>[1]) {
    return clubs.enroll(this.db, input);
  }

  createAssociation(input: Parameters<typeof associations.createAssociation>[1]) {
    return associations.createAssociation(this.db, input);
  }
  listAssociations() {
    return associations.listAssociations(this.reader);
  }
  revokeAssociation(input: Parameters<typeof associations.revokeAssociation>[1]) {
    return associations.revokeAssociation(this.db, input);
  }
  signInAssociation(input: Parameters<typeof associations.signInAssociation>[1]) {
    return associations.signInAssociation(this.db, input);
  }
  findAssociationByTokenHash(tokenHash: string) {
    return associations.findAssociationByTokenHash(this.reader, tokenHash);
  }
  touchAssociationToken(tokenHash: string, now: Date) {
    return associations.touchAssociationToken(this.db, tokenHash, now);
  }

  /** Counts one attempt in `bucket` during `window`; the count so far, this one included. */
  countAttempt(bucket: string, window: number) {
    return countAttempt(this.db, bucket, window);
  }
  forgetWindowsBefore(window: number) {
    return forgetWindowsBefore(this.db, window);
  }

  /**
   * Pushes of one club, in this process, one after the other in arrival order. The club's
   * row lock (push.ts) orders them in the database all the same; queued here first, a push
   * waiting for the club's earlier ones holds no connection of PostgreSQL's pool meanwhile,
   * so other clubs' pushes and every pull get one instead of waiting behind a lock.
   */
  private readonly clubTurns = new ClubTurns();

  async push(
    device: PushingDevice,
    mutations: readonly Mutation[],
    options: { now: Date; findCollection: (name: string) => CollectionDefinition | undefined },
  ): Promise<PushResult> {
    const result = await this.clubTurns.run(device.clubId, () => pushMutations(this.db, device, mutations, { ...options, hooks: this.hooks }));
    // After the commit: a phone woken by it must find the new rows when it pulls.
    if (result.version !== null) await this.signals.announce(device.clubId).catch(() => {});
    return result;
  }
  /** The club's version now: every change of the club is stamped at or below it. */
  async clubVersion(clubId: string): Promise<number> {
    const row = await this.reader.selectFrom('clubs').select('version').where('id', '=', clubId).executeTakeFirst();
    return row ? Number(row.version) : 0;
  }
  /** Told whenever a club's version may have moved, in this process or another (signals.ts). */
  onClubChange(listener: (clubId: string | null) => void): () => void {
    return this.signals.subscribe(listener);
  }
  pullPage(query: { clubId: string; collections: readonly string[]; since: number; limit: number }): Promise<PulledPage> {
    return pullPage(this.reader, query);
  }
  /** The club's version and the highest version whose tombstones were purged. */
  clubBounds(clubId: string) {
    return clubBounds(this.reader, clubId);
  }
  purgeTombstones(olderThan: Date) {
    return purgeTombstones(this.db, olderThan);
  }

  private epochRead: Promise<string> | undefined;
  /**
   * The database's epoch (server-meta.ts). Read once: only a restore changes it, and a
   * restore runs with every server stopped.
   */
  epoch(): Promise<string> {
    this.epochRead ??= readEpoch(this.reader).catch((error: unknown) => {
      this.epochRead = undefined;
      throw error;
    });
    return this.epochRead;
  }
  /**
   * A restore from a backup: a new epoch (the phones learn that this is not the database
   * they knew) and every club's restore point, in one transaction (recover.ts).
   */
  async markRestored(): Promise<string> {
    const epoch = newEpoch();
    await this.db.transaction().execute(async (trx) => {
      await writeEpoch(trx, epoch);
      await markRestored(trx);
    });
    this.epochRead = Promise.resolve(epoch);
    return epoch;
  }
  /** A phone sends back what the server lost in a restore (recover.ts). */
  async recover(
    device: PushingDevice,
    records: readonly RecoveredRecord[],
    options: { now: Date; findCollection: (name: string) => CollectionDefinition | undefined },
  ) {
    const answer = await this.clubTurns.run(device.clubId, () => recoverRecords(this.db, device, records, options));
    // The other phones waiting on the club hear of what came back, as of a push.
    if (answer.taken > 0) await this.signals.announce(device.clubId).catch(() => {});
    return answer;
  }

  // The associations' figures (club-figures.ts): written by the keeper, read by the pages.
  readClubForFigures(clubId: string) {
    return clubFigures.readClubForFigures(this.reader, clubId);
  }
  writeClubFigures(clubId: string, version: number, day: string, rows: readonly clubFigures.ClubFiguresRow[], now: Date) {
    return clubFigures.writeClubFigures(this.db, clubId, version, day, rows, now);
  }
  clubsWithStaleFigures(day: string, limit: number) {
    return clubFigures.clubsWithStaleFigures(this.reader, day, limit);
  }
  sumFigures(query: Parameters<typeof clubFigures.sumFigures>[1]) {
    return clubFigures.sumFigures(this.reader, query);
  }
  communeTallies(scope: clubFigures.Scope, periodKey: string) {
    return clubFigures.communeTalliesIn(this.reader, scope, periodKey);
  }
  clubPlace(clubId: string) {
    return clubFigures.clubPlace(this.reader, clubId);
  }
  placeNames(scope: clubFigures.Scope) {
    return clubFigures.placeNames(this.reader, scope);
  }
  figuresAsOf(scope: clubFigures.Scope) {
    return clubFigures.figuresAsOf(this.reader, scope);
  }
  clubReports(clubId: string) {
    return clubFigures.clubReports(this.reader, clubId);
  }

  async close(): Promise<void> {
    await this.signals.close();
    if (this.reader !== this.db) await this.reader.destroy();
    await this.db.destroy();
  }
}

/** Runs tasks of one key one at a time, in the order they were asked for; other keys meanwhile. */
export class ClubTurns {
  private readonly last = new Map<string, Promise<void>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const before = this.last.get(key) ?? Promise.resolve();
    let done!: () => void;
    const mine = before.then(() => new Promise<void>((resolve) => (done = resolve)));
    this.last.set(key, mine);
    return before.then(task).finally(() => {
      done();
      if (this.last.get(key) === mine) this.last.delete(key);
    });
  }

  /** Keys with a task running or waiting (tests: nothing is left behind). */
  get size(): number {
    return this.last.size;
  }
}

/** Opens the database, brings its tables up to date, and hands back the store. */
export async function openStore(location: StoreLocation): Promise<Store> {
  const db = await connect(location);
  try {
    await migrateToLatest(db as Kysely<unknown>, 'schema' in location ? location.schema : undefined);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  const reader = await connectReader(location, db);
  const signals =
    'postgresUrl' in location
      ? (await import('./signals-postgres')).postgresSignals({ connectionString: location.postgresUrl, application_name: serverApplicationName(location.schema) }, async (channel, payload) => {
          await sql`SELECT pg_notify(${channel}, ${payload})`.execute(db);
        })
      : inProcessSignals();
  return new Store(db, signals, reader);
}

