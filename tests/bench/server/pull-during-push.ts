import { uuidv7 } from '../../../src/domain/ids';
import { MAX_MUTATIONS_PER_PUSH } from '../../../src/domain/protocol';
import { sampleClub } from '../../../src/domain/sample-club';
import { openStore } from '../../../src/server/store';
import { recordData } from '../lib/club-api';
import { BENCH_SETUP_CODE, clubServer } from '../lib/child-server';
import { withDatabase, type DatabaseKind } from './databases';
import { createClubOverHttp, pullPage, push, putMutations } from './http';

/** Batches the busy club pushes back to back (500 mutations each, the protocol's most). */
export const BUSY_BATCHES = 20;
/** Pulls of the quiet club with no push going on, for comparison. */
const IDLE_PULLS = 50;

export interface PullDuringPushRun {
  /** The quiet club's pulls that started while one of the busy club's pushes was in flight. */
  duringPushMs: number[];
  /** The same pulls with nothing else going on. */
  idleMs: number[];
}

/**
 * One club's phone pulls while another club's phone pushes 500-mutation batches, one after
 * the other as its outbox sends them: what a chair opening the app on a busy morning feels
 * while another club types its book in. The quiet club has 65 members and its phone pulls
 * them all from 0 each time (a phone joining, the largest pull a club of that size makes),
 * one pull after another; only pulls that began while a push was in flight are counted.
 */
export async function pullDuringPushRun(kind: DatabaseKind, postgresUrl: string | undefined, run: number): Promise<PullDuringPushRun> {
  const quietClub = sampleClub({ seed: 7300 + run, members: 65 });
  const busyClub = sampleClub({ seed: 7400 + run, members: BUSY_BATCHES * MAX_MUTATIONS_PER_PUSH });
  return withDatabase(kind, postgresUrl, async (db) => {
    // The tables, made as the server would make them (needed first on PostgreSQL: see databases.ts).
    await (await openStore(db.location)).close();
    const server = clubServer(db.serverEnv);
    try {
      await server.start();
      const quiet = await createClubOverHttp(server.url, BENCH_SETUP_CODE, quietClub.club);
      const busy = await createClubOverHttp(server.url, BENCH_SETUP_CODE, busyClub.club);
      const at = new Date().toISOString();
      await push(server.url, quiet, putMutations(quiet, quietClub.members.map((f) => ({ id: uuidv7(), data: recordData(quiet.clubId, f, at) }))));
      const batches: ReturnType<typeof putMutations>[] = [];
      for (let i = 0; i < busyClub.members.length; i += MAX_MUTATIONS_PER_PUSH) {
        const part = busyClub.members.slice(i, i + MAX_MUTATIONS_PER_PUSH);
        batches.push(putMutations(busy, part.map((f) => ({ id: uuidv7(), data: recordData(busy.clubId, f, at) }))));
      }

      const pullFromZero = async () => {
        quiet.cursor = '0';
        const page = await pullPage(server.url, quiet);
        if (page.body.changes.length !== quietClub.members.length + 1 || page.body.hasMore) throw new Error('the quiet club’s pull is not its whole club');
        return page.ms;
      };
      const idleMs: number[] = [];
      for (let i = 0; i < 5; i++) await pullFromZero(); // warm up
      for (let i = 0; i < IDLE_PULLS; i++) idleMs.push(await pullFromZero());

      let pushesInFlight = 0;
      let pushing = true;
      const pusher = (async () => {
        try {
          for (const batch of batches) {
            pushesInFlight++;
            try {
              await push(server.url, busy, batch);
            } finally {
              pushesInFlight--;
            }
          }
        } finally {
          pushing = false;
        }
      })();
      const duringPushMs: number[] = [];
      while (pushing) {
        const started = pushesInFlight > 0;
        const ms = await pullFromZero();
        if (started) duringPushMs.push(ms);
      }
      await pusher;
      if (duringPushMs.length === 0) throw new Error('no pull ran during a push');
      return { duringPushMs, idleMs };
    } catch (error) {
      if (server.errors) console.error(server.errors);
      throw error;
    } finally {
      await server.stop();
    }
  });
}
