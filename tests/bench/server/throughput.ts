import { uuidv7 } from '../../../src/domain/ids';
import { MAX_MUTATIONS_PER_PUSH } from '../../../src/domain/protocol';
import { sampleClub } from '../../../src/domain/sample-club';
import { openStore } from '../../../src/server/store';
import type { RecordsTable } from '../../../src/server/store/schema';
import { BENCH_SETUP_CODE, clubServer } from '../lib/child-server';
import { withDatabase, type DatabaseKind } from './databases';
import { createClubOverHttp, push, putMutations } from './http';
import { recordData } from '../lib/club-api';

export const THROUGHPUT_MUTATIONS = 10_000;

export interface ThroughputRun {
  /** Mutations acknowledged per second of push requests (the server's side of a phone's big push). */
  oursPerSecond: number;
  /** The same rows inserted with the driver alone, per second. */
  rawPerSecond: number;
}

/**
 * One phone pushes 10,000 new members in batches of 500 (the protocol's maximum), one batch
 * after the other as the phone's outbox does, into a fresh database behind a fresh server.
 * The clock runs only while a request is out (fetch to parsed answer), so the bench's own
 * JSON building is not counted; nothing else is left out: HTTP, validation, the id lookup,
 * the merge rules, the audit log, the club version, lastSeq, the commit.
 *
 * Then, with the server stopped, the very same rows (same ids and JSON, another club id so
 * the keys are free) go into the same database's records table with the plain driver, 500
 * rows a transaction: the floor any server on this database could reach.
 */
export async function throughputRun(kind: DatabaseKind, postgresUrl: string | undefined, run: number): Promise<ThroughputRun> {
  const sample = sampleClub({ seed: 7100 + run, members: THROUGHPUT_MUTATIONS });
  const warmUp = sampleClub({ seed: 7200 + run, members: MAX_MUTATIONS_PER_PUSH });
  return withDatabase(kind, postgresUrl, async (db) => {
    // The tables, made as the server would make them (needed first on PostgreSQL: see databases.ts).
    await (await openStore(db.location)).close();

    const server = clubServer(db.serverEnv);
    let pushMs = 0;
    const stored: RecordsTable[] = [];
    try {
      await server.start();
      const phone = await createClubOverHttp(server.url, BENCH_SETUP_CODE, sample.club);
      // One untimed batch from another club first: a server that has been up a while has
      // compiled its hot paths; a fresh process's first request would count that too.
      const warmPhone = await createClubOverHttp(server.url, BENCH_SETUP_CODE, warmUp.club);
      const at = new Date();
      await push(server.url, warmPhone, putMutations(warmPhone, warmUp.members.map((f) => ({ id: uuidv7(), data: recordData(warmPhone.clubId, f, at.toISOString()) }))));

      const changes = sample.members.map((f) => ({ id: uuidv7(at.getTime()), data: recordData(phone.clubId, f, at.toISOString()) }));
      const mutations = putMutations(phone, changes);
      for (let i = 0; i < mutations.length; i += MAX_MUTATIONS_PER_PUSH) {
        const batch = mutations.slice(i, i + MAX_MUTATIONS_PER_PUSH);
        pushMs += (await push(server.url, phone, batch)).ms;
        const version = 2 + i / MAX_MUTATIONS_PER_PUSH; // what the server stamped this batch with
        for (const m of batch) {
          stored.push({
            club_id: '', // set below: the raw rows go to a club of their own
            collection: 'members',
            id: m.id,
            data: JSON.stringify({ ...m.data, id: m.id }),
            deleted: 0,
            version,
            changed_at: at.toISOString(),
          });
        }
      }
    } finally {
      await server.stop();
    }

    const rawClubId = uuidv7();
    for (const row of stored) row.club_id = rawClubId;
    const rawMs = await db.rawInsert(rawClubId, stored, MAX_MUTATIONS_PER_PUSH);
    return {
      oursPerSecond: THROUGHPUT_MUTATIONS / (pushMs / 1000),
      rawPerSecond: THROUGHPUT_MUTATIONS / (rawMs / 1000),
    };
  });
}
