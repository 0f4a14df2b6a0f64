import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createClub, freshDatabase, reopen } from '../local/helpers';
import { SETUP_CODE, serverRecords, startRealServer } from './real-server';
import { connectNewClub, createInvite, joinClub } from '../../src/sync/club-server';
import { syncOnce } from '../../src/sync/engine';
import { readConnection } from '../../src/sync/connection';
import { discardRejected, listNeedsAttention } from '../../src/sync/attention';
import { createRecord, deleteRecord, updateRecord } from '../../src/local/write';
import { liveRecords } from '../../src/local/queries';
import type { ClubBookDatabase } from '../../src/local/database';
import type { FetchLike } from '../../src/sync/http';
import type { Member } from '../../src/domain/members';
import { memberFields } from '../domain/fixtures';

/**
 * Several phones of one club, offline and online at random, against the real server:
 * creates, edits and deletes; replies lost after the server did the work; requests sent
 * twice; the app closed and reopened; syncs in any order, some at the same time. When
 * every phone has synced until quiet, each holds exactly the server's book, every change
 * is there or superseded by a later one, and nothing is doubled.
 */

/** editDuring: the person edits a member while the sync is between its push and its pull. */
type Network = 'ok' | 'lostReply' | 'duplicated' | 'down' | 'editDuring';
type Step =
  | { kind: 'create'; phone: number }
  | { kind: 'edit'; phone: number; pick: number; field: 'notes' | 'group' }
  | { kind: 'delete'; phone: number; pick: number }
  | { kind: 'sync'; phones: number[]; network: Network }
  | { kind: 'restart'; phone: number };

const PHONES = 3;
const phoneIndex = fc.integer({ min: 0, max: PHONES - 1 });
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('create' as const), phone: phoneIndex }) },
  {
    weight: 4,
    arbitrary: fc.record({ kind: fc.constant('edit' as const), phone: phoneIndex, pick: fc.nat(), field: fc.constantFrom('notes' as const, 'group' as const) }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), phone: phoneIndex, pick: fc.nat() }) },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('sync' as const),
      phones: fc.uniqueArray(phoneIndex, { minLength: 1, maxLength: PHONES }),
      network: fc.constantFrom<Network>('ok', 'ok', 'lostReply', 'duplicated', 'down', 'editDuring'),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('restart' as const), phone: phoneIndex }) },
);

function network(mode: Network, beforePull?: () => Promise<void>): FetchLike {
  let edited = false;
  return async (input, init) => {
    if (mode === 'down') throw new TypeError('Failed to fetch');
    if (mode === 'editDuring' && !edited && input.includes('/sync/pull')) {
      edited = true;
      await beforePull?.();
    }
    if (mode === 'duplicated') {
      await (await fetch(input, init)).text();
      return fetch(input, init);
    }
    const response = await fetch(input, init);
    if (mode === 'lostReply') {
      await response.text(); // the server finished; the reply never reaches the phone
      throw new TypeError('connection reset');
    }
    return response;
  };
}

interface Edit {
  phone: number;
  id: string;
  field: 'notes' | 'group';
  value: string;
}

async function runScenario(steps: Step[]): Promise<void> {
  const server = await startRealServer();
  try {
    const phones: ClubBookDatabase[] = [freshDatabase()];
    await createClub(phones[0]!);
    await connectNewClub(phones[0]!, { serverUrl: server.url, setupCode: SETUP_CODE, deviceName: 'Máy 0' });
    for (let i = 1; i < PHONES; i++) {
      const invite = await createInvite(phones[0]!, i % 2 ? 'board' : 'treasurer');
      phones.push(freshDatabase());
      await joinClub(phones[i]!, { serverUrl: server.url, code: invite.code, deviceName: `Máy ${i}` });
    }

    const created: string[] = [];
    const deleted = new Set<string>();
    const edits: Edit[] = [];
    let counter = 0;

    const edit = async (phone: number, pick: number, field: 'notes' | 'group') => {
      const alive = await liveRecords(phones[phone]!, 'members');
      if (alive.length === 0) return;
      const target = alive[pick % alive.length]!;
      const value = `${field === 'notes' ? 'ghi chú' : 'Tổ'} ${++counter}`;
      await updateRecord(phones[phone]!, 'members', target.id, { [field]: value });
      edits.push({ phone, id: target.id, field, value });
    };

    /**
     * A local edit never disappears under a pull: while a phone still holds a change of a
     * field (pending, or refused for a reason a person can mend), the record on its screen
     * shows its own last value. A change refused as a conflict, and an edit of a member
     * another phone deleted, are the exceptions: the record then shows what the server has.
     */
    const expectOwnEditsShown = async (phone: number) => {
      const db = phones[phone]!;
      const own = new Map<string, string>();
      for (const e of edits) if (e.phone === phone) own.set(`${e.id}/${e.field}`, e.value);
      for (const mutation of await db.outbox.toArray()) {
        if (mutation.rejection?.code === 'conflict') continue;
        for (const field of ['notes', 'group'] as const) {
          if (!Object.hasOwn(mutation.data, field) || !own.has(`${mutation.id}/${field}`)) continue;
          const shown = await db.records<Member>('members').get(mutation.id);
          // A member another phone deleted stays deleted, edits or not (deletes win): no
          // screen shows it, and the edit waits to be refused as a conflict.
          if (shown?.deleted) continue;
          expect(shown?.[field]).toBe(own.get(`${mutation.id}/${field}`));
        }
      }
    };

    for (const s of steps) {
      if (s.kind === 'create') {
        const member = await createRecord(phones[s.phone]!, 'members', memberFields({ fullName: `Thành viên ${++counter}` }));
        created.push(member.id);
      } else if (s.kind === 'edit') {
        await edit(s.phone, s.pick, s.field);
      } else if (s.kind === 'delete') {
        const alive = await liveRecords(phones[s.phone]!, 'members');
        if (alive.length === 0) continue;
        const target = alive[s.pick % alive.length]!;
        await deleteRecord(phones[s.phone]!, 'members', target.id);
        deleted.add(target.id);
      } else if (s.kind === 'restart') {
        phones[s.phone] = reopen(phones[s.phone]!);
      } else {
        // Phones syncing at the same moment, each over the same kind of network.
        await Promise.allSettled(
          s.phones.map((p) => syncOnce(phones[p]!, { fetch: network(s.network, () => edit(p, counter, 'notes')) })),
        );
        for (const p of s.phones) await expectOwnEditsShown(p);
      }
    }

    // Every phone syncs until quiet: one round pushes everything, the next pulls it all.
    for (let round = 0; round < 2; round++) {
      for (const phone of phones) expect((await syncOnce(phone)).outcome).toBe('done');
    }
    const book = await serverRecords(server.url, (await readConnection(phones[0]!))!.token);

    for (const phone of phones) {
      expect(await phone.outbox.where('status').equals('pending').count()).toBe(0);
      // The only refusals: edits of a member another phone had deleted (deletes win).
      for (const item of await listNeedsAttention(phone)) {
        expect(item.rejection.code).toBe('conflict');
        expect(book.get(`members/${item.id}`)?.deleted).toBe(true);
        await discardRejected(phone, item.seq);
      }
      const local = new Map<string, unknown>();
      for (const record of await phone.records('club').toArray()) local.set(`club/${record.id}`, record);
      for (const record of await phone.records('members').toArray()) local.set(`members/${record.id}`, record);
      expect(local).toEqual(book);
    }

    // Nothing lost, nothing doubled: every member created exists once on the server…
    const members = [...book.entries()].filter(([key]) => key.startsWith('members/'));
    expect(members.map(([key]) => key.slice('members/'.length)).sort()).toEqual([...created].sort());
    for (const id of deleted) expect(book.get(`members/${id}`)?.deleted).toBe(true);
    // …and every edited field holds the last value some phone gave it (a phone's own edits
    // arrive in its order, so an earlier one of a phone can never be the final value).
    const lastByPhone = new Map<string, Set<string>>();
    const latest = new Map<string, string>();
    for (const edit of edits) latest.set(`${edit.phone}/${edit.id}/${edit.field}`, edit.value);
    for (const [key, value] of latest) {
      const [, id, field] = key.split('/');
      const finals = lastByPhone.get(`${id}/${field}`) ?? new Set<string>();
      finals.add(value);
      lastByPhone.set(`${id}/${field}`, finals);
    }
    for (const [key, finals] of lastByPhone) {
      const [id, field] = key.split('/') as [string, string];
      const record = book.get(`members/${id}`)!;
      if (record.deleted) continue; // superseded by the delete
      expect(finals).toContain(record[field]);
    }
  } finally {
    await server.close();
  }
}

describe('convergence (property)', () => {
  it('every phone ends with the server\'s book, nothing lost or doubled', { timeout: 90_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 5, maxLength: 50 }), runScenario),
      { numRuns: 80, interruptAfterTimeLimit: 50_000, markInterruptAsFailure: false },
    );
  });
});
