import 'fake-indexeddb/auto';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClub, freshDatabase, reopen } from '../local/helpers';
import { serverRecords } from './real-server';
import { ClubServer, E2E_SETUP_CODE } from '../lib/club-server';
import { connectNewClub, createInvite, joinClub } from '../../src/sync/club-server';
import { readConnection } from '../../src/sync/connection';
import { syncOnce } from '../../src/sync/engine';
import { discardRejected, listNeedsAttention } from '../../src/sync/attention';
import { createRecord, deleteRecord, updateRecord } from '../../src/local/write';
import { liveRecords } from '../../src/local/queries';
import type { ClubBookDatabase } from '../../src/local/database';
import type { FetchLike } from '../../src/sync/http';
import { memberFields } from '../domain/fixtures';

/**
 * A soak of the sync contract: five phones of one club make thousands of changes while the
 * network loses replies, sends requests twice and times out, the server process is killed
 * with SIGKILL in the middle of pushes and started again on its SQLite file, phones are
 * closed and reopened, and a phone stays offline for hundreds of its own changes. At the
 * end every phone equals a fresh pull, every member made exists once, and every field holds
 * the value of the last write the server applied to it (read from the server's own log).
 * SOAK_CHANGES sets the size (CI: a few hundred; `npm run bench` runs 10,000); SOAK_SEED
 * repeats a run.
 */
const CHANGES = Number(process.env.SOAK_CHANGES ?? 400);
const SEED = Number(process.env.SOAK_SEED ?? 20261201);
const PHONES = 5;

/** mulberry32: the same schedule for the same seed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const server = new ClubServer(4316);

/** Up again, however long a busy machine takes to start it (a start that fails is tried again). */
async function restart(): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await server.start();
      return;
    } catch (error) {
      await server.kill();
      if (attempt >= 5) throw error;
    }
  }
}
beforeAll(() => server.start(), 30_000);
afterAll(() => server.dispose());

describe(`soak: ${PHONES} phones, ${CHANGES} changes, a hostile network and a server killed mid-push`, () => {
  it('ends with every phone equal to the server, nothing lost or doubled, every field the last write applied', { timeout: 600_000 }, async () => {
    const rand = random(SEED);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
    const stats = { lostReplies: 0, duplicated: 0, timeouts: 0, kills: 0, restarts: 0, offlineStreaks: 0 };

    const phones: ClubBookDatabase[] = [freshDatabase()];
    await createClub(phones[0]!);
    await connectNewClub(phones[0]!, { serverUrl: server.url, setupCode: E2E_SETUP_CODE, deviceName: 'Máy 0' });
    for (let i = 1; i < PHONES; i++) {
      const invite = await createInvite(phones[0]!, i % 2 ? 'board' : 'treasurer');
      phones.push(freshDatabase());
      await joinClub(phones[i]!, { serverUrl: server.url, code: invite.code, deviceName: `Máy ${i}` });
    }
    const deviceOf = new Map<string, number>();
    for (let i = 0; i < PHONES; i++) deviceOf.set((await readConnection(phones[i]!))!.deviceId, i);

    /** Every change made, by phone and seq: what it wrote (a value per field, unique). */
    const written = new Map<string, { id: string; data: Record<string, unknown> }>();
    const remember = async (phone: number) => {
      const last = (await phones[phone]!.outbox.toArray()).at(-1)!;
      written.set(`${phone}/${last.seq}`, { id: last.id, data: last.data });
    };
    const created: string[] = [];
    const offlineFor: number[] = Array.from({ length: PHONES }, () => 0);
    let changes = 0;

    /** The network one sync of one phone sees: every request may be lost, doubled or cut. */
    const hostile = (): FetchLike => async (input, init) => {
      const roll = rand();
      if (roll < 0.06) {
        stats.timeouts++;
        throw new TypeError('timed out before sending');
      }
      if (roll < 0.1) {
        // The server does the work; the answer never arrives.
        stats.lostReplies++;
        await fetch(input, init).catch(() => undefined);
        throw new TypeError('connection reset');
      }
      if (roll < 0.15) {
        // A retry the phone's own stack made: the same request twice.
        stats.duplicated++;
        await fetch(input, init).catch(() => undefined);
      }
      if (roll < 0.18 && input.includes('/sync/push')) {
        // The server is killed while this push is in its hands, then comes back.
        stats.kills++;
        const sent = fetch(input, init).catch(() => undefined);
        await new Promise((resolve) => setTimeout(resolve, Math.floor(rand() * 8)));
        await server.kill();
        await sent;
        await restart();
        throw new TypeError('the server went away');
      }
      return fetch(input, init);
    };

    while (changes < CHANGES) {
      const phone = Math.floor(rand() * PHONES);
      const db = phones[phone]!;
      const roll = rand();
      const alive = roll < 0.75 ? await liveRecords(db, 'members') : [];
      if (roll < 0.18 || (roll < 0.75 && alive.length === 0)) {
        const member = await createRecord(db, 'members', memberFields({ fullName: `Thành viên ${changes}` }));
        created.push(member.id);
        await remember(phone);
        changes++;
      } else if (roll < 0.72) {
        const target = pick(alive);
        const field = pick(['notes', 'group', 'phone'] as const);
        const value = field === 'phone' ? `09${String(changes).padStart(8, '0')}` : `${field} ${phone}.${changes}`;
        await updateRecord(db, 'members', target.id, { [field]: value });
        await remember(phone);
        changes++;
      } else if (roll < 0.75) {
        await deleteRecord(db, 'members', pick(alive).id);
        await remember(phone);
        changes++;
      } else if (roll < 0.93) {
        if (offlineFor[phone]! > 0) {
          offlineFor[phone]!--;
          await syncOnce(db, { fetch: async () => Promise.reject(new TypeError('no network in the village')) }).catch(() => undefined);
        } else {
          await syncOnce(db, { fetch: hostile(), timeoutMs: 10_000 }).catch(() => undefined);
        }
      } else if (roll < 0.97) {
        // The app closed and opened again (the phone's memory reclaimed, a reboot).
        stats.restarts++;
        phones[phone] = reopen(db);
      } else if (!offlineFor.some((n) => n > 0)) {
        // One phone leaves the network for a long while: many syncs fail, changes pile up.
        stats.offlineStreaks++;
        offlineFor[phone] = 40 + Math.floor(rand() * 60);
      }
    }

    // The network comes back for everyone; each phone syncs until quiet.
    for (let round = 0; round < 3; round++) {
      for (const db of phones) expect((await syncOnce(db)).outcome).toBe('done');
    }
    for (const db of phones) {
      expect(await db.outbox.where('status').equals('pending').count()).toBe(0);
      // The only refusals: edits of a member another phone had deleted (deletes win).
      for (const item of await listNeedsAttention(db)) {
        expect(item.rejection.code).toBe('conflict');
        await discardRejected(db, item.seq);
      }
    }
    const token = (await readConnection(phones[0]!))!.token;
    const book = await serverRecords(server.url, token);
    for (const db of phones) {
      const local = new Map<string, unknown>();
      for (const record of await db.records('club').toArray()) local.set(`club/${record.id}`, record);
      for (const record of await db.records('members').toArray()) local.set(`members/${record.id}`, record);
      expect(local).toEqual(book);
    }

    // Nothing lost, nothing doubled.
    const members = [...book.keys()].filter((key) => key.startsWith('members/')).map((key) => key.slice('members/'.length));
    expect(members.sort()).toEqual([...created].sort());

    // Every field is the last write the server applied to it, in the server's own order.
    await server.stop();
    const log = new Database(join(server.dataFolder, 'so-clb.sqlite'), { readonly: true });
    const applied = log
      .prepare(`SELECT device_id, seq FROM mutation_log WHERE outcome = 'applied' AND collection = 'members' ORDER BY version, device_id, seq`)
      .all() as { device_id: string; seq: number }[];
    log.close();
    await restart();
    const expected = new Map<string, unknown>();
    for (const row of applied) {
      const change = written.get(`${deviceOf.get(row.device_id)}/${row.seq}`);
      // Applied but never made by a phone of this run: impossible, and said so.
      expect(change, `${row.device_id}/${row.seq}`).toBeDefined();
      for (const field of ['notes', 'group', 'phone']) {
        if (Object.hasOwn(change!.data, field)) expected.set(`${change!.id}/${field}`, change!.data[field]);
      }
    }
    for (const [key, value] of expected) {
      const [id, field] = key.split('/') as [string, string];
      const record = book.get(`members/${id}`)!;
      if (record.deleted) continue; // a tombstone keeps the fields it had when deleted
      expect(record[field], key).toEqual(value);
    }
    // Every change made was applied, refused as a conflict, or superseded in the same push:
    // the server saw each one once (its log has one row per device and seq).
    expect(applied.length).toBeLessThanOrEqual(written.size);
    console.log(`soak: ${CHANGES} changes, ${created.length} members, ${applied.length} applied;`, stats);
    expect(stats.kills).toBeGreaterThan(0);
    expect(stats.lostReplies).toBeGreaterThan(0);
    expect(stats.duplicated).toBeGreaterThan(0);
  });
});
