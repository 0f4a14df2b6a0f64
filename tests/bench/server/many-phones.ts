import { uuidv7 } from '../../../src/domain/ids';
import type { Mutation } from '../../../src/domain/protocol';
import type { DeviceRole } from '../../../src/domain/record';
import { sampleClub } from '../../../src/domain/sample-club';
import { mulberry32 } from '../../../src/domain/sample-dice';
import { percentile } from '../lib/figures';
import { openStore, type Store } from '../../../src/server/store';
import { hashSecret, newInviteCode, newToken } from '../../../src/server/tokens';
import { clubServer } from '../lib/child-server';
import { withDatabase, type DatabaseKind } from './databases';
import { pullAll, push, putMutations, type BenchPhone } from './http';
import { recordData } from '../lib/club-api';

/**
 * An association's server on a busy morning. 20 clubs × 10 phones: a provincial association
 * serves a few dozen clubs, and 10 phones is a big club's board (chair, vice-chairs, the
 * treasurer, household-cluster leaders). Packing the phones ten to a club rather than spreading
 * them one or two per club is the harder case for the server: pushes of one club queue on the
 * club's row lock (SYNC-PROTOCOL.md, principle 4). Every phone holds a role that may write
 * members (members.write is chair, board, treasurer; a volunteer's phone has nothing it may
 * write yet), so all 200 push.
 */
export const CLUBS = 20;
export const PHONES_PER_CLUB = 10;
const ROLES_AFTER_CHAIR: readonly Exclude<DeviceRole, 'chair' | 'volunteer'>[] = ['treasurer', ...Array<'board'>(PHONES_PER_CLUB - 2).fill('board')];
const DAY_MS = 24 * 60 * 60 * 1000;

interface Club {
  clubId: string;
  memberIds: string[];
  phones: BenchPhone[];
}

export interface ManyPhonesRun {
  pushMs: number[];
  pullMs: number[];
  /** Each phone's first pull from 0 of its whole club, one phone at a time before the rush. */
  firstPullMs: number[];
  /** From the first request of the rush until the last phone has its pull. */
  rushMs: number;
  idleRssMB: number;
  peakRssMB: number;
  mutations: number;
}

/** Small and seeded: the same run number makes the same batches. */
const random = mulberry32;

/**
 * Clubs and phones straight through the store, as an admin script on the server would:
 * POST /clubs and /enroll allow 10 a minute per address, and 200 phones over HTTP would take
 * 20 minutes. The rows are the ones those routes write (createClub, createInvite + enroll).
 */
async function setUpClubs(store: Store, run: number): Promise<{ clubs: Club[]; samples: ReturnType<typeof sampleClub>[] }> {
  const now = new Date();
  const at = now.toISOString();
  const clubs: Club[] = [];
  const samples: ReturnType<typeof sampleClub>[] = [];
  for (let c = 0; c < CLUBS; c++) {
    const sample = sampleClub({ seed: 8000 + run * CLUBS + c, members: 60 + (c % 11) }); // 60–70 members
    samples.push(sample);
    const clubId = uuidv7();
    const chairToken = newToken();
    const chair = { id: uuidv7(), name: 'Máy chủ nhiệm', tokenHash: hashSecret(chairToken) };
    const created = await store.createClub({
      clubId,
      clubRecord: { id: clubId, clubId, createdAt: at, updatedAt: at, deleted: false, ...sample.club },
      chair,
      creatorSecretHash: null,
      now,
    });
    if (created.outcome !== 'created') throw new Error(`setting up club ${c}: ${created.outcome}`);
    const phones: BenchPhone[] = [{ token: chairToken, clubId, deviceId: chair.id, nextSeq: 1, cursor: '0' }];
    for (const role of ROLES_AFTER_CHAIR) {
      const code = newInviteCode();
      await store.createInvite({ codeHash: hashSecret(code), clubId, role, createdBy: chair.id, now, expiresAt: new Date(now.getTime() + 7 * DAY_MS) });
      const token = newToken();
      const device = { id: uuidv7(), name: `Máy ${role} ${phones.length}`, tokenHash: hashSecret(token) };
      if (!(await store.enroll({ codeHash: hashSecret(code), device, now }))) throw new Error('enrolling a bench phone failed');
      phones.push({ token, clubId, deviceId: device.id, nextSeq: 1, cursor: '0' });
    }
    clubs.push({ clubId, memberIds: [], phones });
  }
  return { clubs, samples };
}

/**
 * What one phone has queued since its last sync: 10–20 mutations, mostly edits of a few
 * fields of members it already has (a phone number, a note after a visit, a household
 * cluster, living alone) and 1–3 new members.
 */
function queuedBatch(phone: BenchPhone, club: Club, rand: () => number, seed: number): Mutation[] {
  const count = 10 + Math.floor(rand() * 11);
  const fresh = 1 + Math.floor(rand() * 3);
  const at = new Date();
  const updatedAt = at.toISOString();
  const changes: { id: string; data: Record<string, unknown> }[] = [];
  for (const fields of sampleClub({ seed, members: fresh }).members) {
    changes.push({ id: uuidv7(), data: recordData(club.clubId, fields, at.toISOString()) });
  }
  for (let i = fresh; i < count; i++) {
    const id = club.memberIds[Math.floor(rand() * club.memberIds.length)]!;
    const pick = Math.floor(rand() * 4);
    const data: Record<string, unknown> =
      pick === 0
        ? { updatedAt, phone: `09${String(Math.floor(rand() * 1e8)).padStart(8, '0')}` }
        : pick === 1
          ? { updatedAt, notes: `Đã thăm hỏi tại nhà ngày ${updatedAt.slice(0, 10)}; sức khoẻ ổn định, cần đo huyết áp lần sau.` }
          : pick === 2
            ? { updatedAt, group: `Tổ ${1 + Math.floor(rand() * 5)}` }
            : { updatedAt, livesAlone: rand() < 0.5 };
    changes.push({ id, data });
  }
  return putMutations(phone, changes);
}

/**
 * One run: a fresh database with 20 clubs of 60–70 members and their 200 phones, each
 * having pulled once; then all 200 sync at the same moment (push what is queued, then pull
 * from the cursor until done), every request timed. All 200 are in flight together:
 * Node's fetch goes through undici's global Agent, whose per-origin Pool has no connection
 * limit (`connections: null`), so each request gets a socket of its own rather than waiting
 * for one. The bench process shares the machine's cores with the server, so the latencies
 * include some of the bench's own work, as a real rush would include the network's.
 */
export async function manyPhonesRun(kind: DatabaseKind, postgresUrl: string | undefined, run: number): Promise<ManyPhonesRun> {
  return withDatabase(kind, postgresUrl, async (db) => {
    const store = await openStore(db.location);
    let clubs: Club[];
    let samples: ReturnType<typeof sampleClub>[];
    try {
      ({ clubs, samples } = await setUpClubs(store, run));
    } finally {
      await store.close();
    }

    const server = clubServer(db.serverEnv);
    try {
      await server.start();
      await new Promise((resolveWait) => setTimeout(resolveWait, 1000));
      const idleRssMB = server.rssMB();

      // The members, pushed by each chair (a club typing its book in): this also warms the server.
      const at = new Date();
      for (const [c, club] of clubs.entries()) {
        const chair = club.phones[0]!;
        const changes = samples[c]!.members.map((fields) => ({ id: uuidv7(), data: recordData(club.clubId, fields, at.toISOString()) }));
        club.memberIds = changes.map((change) => change.id);
        await push(server.url, chair, putMutations(chair, changes));
      }
      // Every phone's first pull, one at a time: each then has a cursor, as a phone in use does.
      const firstPullMs: number[] = [];
      for (const club of clubs) {
        for (const phone of club.phones) {
          const pulled = await pullAll(server.url, phone);
          firstPullMs.push(pulled.pageMs.reduce((a, b) => a + b, 0));
        }
      }

      const rand = random(9000 + run);
      const batches = clubs.flatMap((club) =>
        club.phones.map((phone, p) => ({ phone, mutations: queuedBatch(phone, club, rand, 50_000 + run * 1000 + clubs.indexOf(club) * PHONES_PER_CLUB + p) })),
      );
      const pushMs: number[] = [];
      const pullMs: number[] = [];
      const started = performance.now();
      await Promise.all(
        batches.map(async ({ phone, mutations }) => {
          pushMs.push((await push(server.url, phone, mutations)).ms);
          pullMs.push(...(await pullAll(server.url, phone)).pageMs);
        }),
      );
      const rushMs = performance.now() - started;
      const peakRssMB = server.peakRssMB();
      return {
        pushMs,
        pullMs,
        firstPullMs,
        rushMs,
        idleRssMB,
        peakRssMB,
        mutations: batches.reduce((sum, b) => sum + b.mutations.length, 0),
      };
    } catch (error) {
      if (server.errors) console.error(server.errors);
      throw error;
    } finally {
      await server.stop();
    }
  });
}

export const p50 = (samples: readonly number[]) => percentile(samples, 50);
export const p99 = (samples: readonly number[]) => percentile(samples, 99);
