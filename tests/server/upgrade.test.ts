import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { asOfSchemaVersion, withAddedFields } from '../../src/domain/collection';
import { findCollection } from '../../src/domain/collections';
import { API_PREFIX, OLDEST_ACCEPTED_SCHEMA_VERSION, type PullResponse, type PushResponse } from '../../src/domain/protocol';
import { uuidv7 } from '../../src/domain/ids';
import { FIXTURES, PHONE_ROLES, type Fixture } from '../fixtures/frozen';
import { FROZEN_SERVER_KINDS, latestMigrations, serveFrozen, type FrozenServerKind } from '../fixtures/server';
import { memberData } from './harness';

/**
 * Upgrades that keep everything, on the server (issue 9, point 11): each frozen server
 * database — made by the server of its version — is opened by today's openStore, which runs
 * today's migrations over it; then today's server answers over HTTP as if nothing happened:
 * the frozen phones' tokens still work, a pull from 0 brings every record the old server held
 * (with its version), and each phone's next push follows its last seq on the server.
 * A frozen app more than one schema version behind is told to update (426) and changes
 * nothing; the same phone, updated, then speaks the oldest version still accepted.
 */

/** The schema version a frozen phone syncs in today: its own, or — updated — the oldest the server takes. */
function spokenBy(frozenVersion: number): number {
  return Math.max(frozenVersion, OLDEST_ACCEPTED_SCHEMA_VERSION);
}

/** A frozen pull's changes as the server sends them in `schemaVersion`: fields added since given their defaults. */
function asSpoken(changes: PullResponse['changes'], schemaVersion: number): PullResponse['changes'] {
  return changes.map((change) => {
    const collection = findCollection(change.collection);
    return collection ? { ...change, record: asOfSchemaVersion(collection, withAddedFields(collection, change.record), schemaVersion) } : change;
  });
}

let latest: string[];
beforeAll(async () => {
  latest = await latestMigrations();
});

type Served = Awaited<ReturnType<typeof serveFrozen>>;

async function call<T>(served: Served, method: string, path: string, token: string, body?: unknown) {
  const response = await fetch(`${served.url}${API_PREFIX}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as T };
}

/** Pulls as the frozen app did: in its own schema version, which it sent with every pull. */
async function pullFrom(served: Served, token: string, schemaVersion: number, since = '0') {
  const changes: PullResponse['changes'] = [];
  let cursor = since;
  for (;;) {
    const page = await call<PullResponse>(served, 'GET', `/sync/pull?since=${cursor}&limit=3&schemaVersion=${schemaVersion}`, token);
    expect(page.status).toBe(200);
    expect(page.body.reset).toBe(false);
    changes.push(...page.body.changes);
    cursor = page.body.cursor;
    if (!page.body.hasMore) return { changes, cursor };
  }
}

describe.each(FROZEN_SERVER_KINDS)('a server database frozen, opened by today\'s server on $name', (kind: FrozenServerKind) => {
  let served: Served | undefined;
  afterEach(async () => {
    await served?.close();
    served = undefined;
  });

  describe.each(FIXTURES)('at $version', (fixture: Fixture) => {
    const { manifest } = fixture;

    it('migrates to today\'s schema and keeps every row', async () => {
      served = await serveFrozen(kind, fixture);
      const applied = await served.database.migrations();
      expect(applied).toEqual(latest);
      for (const name of manifest.serverMigrations) expect(applied).toContain(name);
      for (const [table, rows] of Object.entries(manifest.serverRows)) {
        expect(await served.database.countRows(table), table).toBe(rows);
      }
    });

    it('knows the frozen phones by their tokens, and a pull from 0 brings every record it held', async () => {
      served = await serveFrozen(kind, fixture);
      for (const role of PHONE_ROLES) {
        const phone = manifest.phones[role];
        const me = await call<{ club: { id: string }; device: { id: string; role: string } }>(served, 'GET', '/me', phone.token);
        expect(me.status).toBe(200);
        expect(me.body).toMatchObject({ club: { id: manifest.clubId }, device: { id: phone.deviceId, role: phone.role } });

        const spoken = spokenBy(manifest.protocolSchemaVersion);
        if (spoken > manifest.protocolSchemaVersion) {
          const tooOld = await call(served, 'GET', `/sync/pull?since=0&schemaVersion=${manifest.protocolSchemaVersion}`, phone.token);
          expect(tooOld).toMatchObject({ status: 426, body: { error: { code: 'upgrade_required' } } });
        }
        const pulled = await pullFrom(served, phone.token, spoken);
        expect(pulled.changes.length).toBe(manifest.serverPull.changes);
        // Same records, same versions, same order (version order).
        expect(pulled.changes).toEqual(asSpoken(fixture.serverPull.changes, spoken));
        expect(pulled.cursor).toBe(fixture.serverPull.cursor);
        // A phone's stored cursor is still good: nothing new since it.
        expect((await pullFrom(served, phone.token, spoken, fixture.serverPull.cursor)).changes).toEqual([]);
      }
      const stranger = await call(served, 'GET', '/me', 'not-a-token-of-this-server-at-all');
      expect(stranger.status).toBe(401);
    });

    it('takes each phone\'s next push right after its last seq, in the old app\'s schemaVersion (or, two behind, once updated)', async () => {
      served = await serveFrozen(kind, fixture);
      const s = served;
      const added: string[] = [];
      for (const role of PHONE_ROLES) {
        const phone = manifest.phones[role];
        const spoken = spokenBy(manifest.protocolSchemaVersion);
        const push = (mutations: unknown[], schemaVersion = spoken) =>
          call<PushResponse>(s, 'POST', '/sync/push', phone.token, { schemaVersion, mutations });
        const member = (fullName: string) => ({ collection: 'members', op: 'put', id: uuidv7(), data: memberData(manifest.clubId, { fullName }) });

        if (spoken > manifest.protocolSchemaVersion) {
          // The frozen app itself, two versions behind: told to update, nothing taken.
          const tooOld = await push([{ seq: phone.serverLastSeq + 1, ...member('Không được ghi') }], manifest.protocolSchemaVersion);
          expect(tooOld).toMatchObject({ status: 426, body: { error: { code: 'upgrade_required' } } });
        }

        // At or below the last seq: already done, skipped, acknowledged again with the answer
        // it had then (the chair's last change was the refused one: the audit log kept it).
        const skipped = await push([{ seq: phone.serverLastSeq, ...member('Không được ghi') }]);
        expect(skipped.status).toBe(200);
        expect(skipped.body).toEqual({
          ackedThrough: phone.serverLastSeq,
          rejected: phone.rejected.filter((r) => r.seq === phone.serverLastSeq).map((r) => expect.objectContaining(r)),
          serverTime: expect.any(String),
          epoch: expect.any(String),
        });
        // Past a gap: nothing applied.
        const gap = await push([{ seq: phone.serverLastSeq + 2, ...member('Không được ghi') }]);
        expect(gap.body).toMatchObject({ ackedThrough: phone.serverLastSeq, rejected: [] });
        // The next one: applied.
        const next = member(`Thành viên mới của máy ${role}`);
        const applied = await push([{ seq: phone.serverLastSeq + 1, ...next }]);
        expect(applied.body).toMatchObject({ ackedThrough: phone.serverLastSeq + 1, rejected: [] });
        added.push(next.id);
      }
      const since = await pullFrom(s, manifest.phones.chair.token, spokenBy(manifest.protocolSchemaVersion), fixture.serverPull.cursor);
      expect(since.changes.map((c) => c.id).sort()).toEqual([...added].sort());
      expect(since.changes.map((c) => c.record.version)).toEqual([manifest.clubVersion + 1, manifest.clubVersion + 2]);
    });
  });
});
