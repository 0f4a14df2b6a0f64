import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SCHEMA_VERSION, type RecoverResponse } from '../../src/domain/protocol';
import { backupCommand } from '../lib/backup-command';
import {
  createClub,
  enrollPhone,
  memberData,
  newId,
  numbered,
  pullAll,
  push,
  startServerOn,
  STORE_KINDS,
  type Harness,
  type Phone,
  type TestDatabase,
} from './harness';

/**
 * POST /sync/recover, the server's half of a restore from a backup (server/store/recover.ts):
 * the phones send back the copies they hold of what the server gave out after the backup,
 * and the server keeps, for each record, the latest of them — whichever phone sends it first
 * — and never one older than what it holds. The backup and restore are the real commands.
 */
type Recovered = { collection: string; id: string; version: number; record: Record<string, unknown> };

describe.each(STORE_KINDS)('sending back what a restore lost, on $name', (kind) => {
  let database: TestDatabase;
  let work: string;
  let env: Record<string, string>;
  let h: Harness;
  beforeEach(async () => {
    database = await kind.database();
    work = mkdtempSync(join(tmpdir(), 'so-clb-recover-'));
    env = { DATA_DIR: database.dataDir ?? work, ...database.env };
    h = await startServerOn(database);
  });
  afterEach(async () => {
    await h.close();
    if ('postgresUrl' in database.location) {
      const admin = new pg.Client({ connectionString: database.location.postgresUrl });
      await admin.connect();
      const kept = await admin.query<{ nspname: string }>('SELECT nspname FROM pg_namespace WHERE nspname LIKE $1', [`${database.location.schema}_before_restore_%`]);
      for (const { nspname } of kept.rows) await admin.query(`DROP SCHEMA ${pg.escapeIdentifier(nspname)} CASCADE`);
      await admin.end();
    }
    await database.dispose();
    rmSync(work, { recursive: true, force: true });
  });

  const recover = (phone: Phone, records: Recovered[]) =>
    h.request<RecoverResponse>('POST', '/api/v1/sync/recover', { token: phone.token, body: { schemaVersion: SCHEMA_VERSION, records } });

  /** What the phone holds of the server's answers: each record it knows, at its version. */
  async function copiesOf(phone: Phone): Promise<Map<string, Recovered>> {
    const out = new Map<string, Recovered>();
    for (const page of (await pullAll(h, phone)).pages) {
      for (const change of page.changes) {
        const { version, ...record } = change.record as Record<string, unknown> & { version: number };
        out.set(`${change.collection}/${change.id}`, { collection: change.collection, id: change.id, version, record });
      }
    }
    return out;
  }

  async function backupThenRestoreLater(workSince: () => Promise<void>): Promise<void> {
    const file = join(work, 'night.backup');
    const backedUp = await backupCommand(['backup', '--out', file], env);
    expect(backedUp.code, backedUp.out).toBe(0);
    await workSince();
    await h.close();
    const restored = await backupCommand(['restore', '--from', file], env);
    expect(restored.code, restored.out).toBe(0);
    h = await startServerOn(database);
  }

  it('keeps the latest copy any phone sends back, in either order, and what a phone sent since the restore over all of them', { timeout: 60_000 }, async () => {
    const chair = await createClub(h);
    const board = await enrollPhone(h, chair, 'board');
    const [lan, duc, hoa] = [newId(), newId(), newId()];
    for (const [id, fullName] of [[lan, 'Nguyễn Thị Lan'], [duc, 'Trần Văn Đức']] as const) {
      await push(h, chair, numbered(chair, [{ id, data: memberData(chair.clubId, { fullName }) }]));
    }
    let chairCopies = new Map<string, Recovered>();
    let boardCopies = new Map<string, Recovered>();
    await backupThenRestoreLater(async () => {
      // After the backup: the chair changes Lan, then the board changes her again (having pulled).
      await push(h, chair, numbered(chair, [{ id: lan, data: memberData(chair.clubId, { fullName: 'Nguyễn Thị Lan', phone: '0911111111' }) }]));
      chairCopies = await copiesOf(chair);
      await push(h, board, numbered(board, [{ id: lan, data: memberData(chair.clubId, { fullName: 'Nguyễn Thị Lan', phone: '0922222222' }) }]));
      await push(h, board, numbered(board, [{ id: hoa, data: memberData(chair.clubId, { fullName: 'Lê Thị Hoa' }) }]));
      await push(h, board, numbered(board, [{ id: duc, data: memberData(chair.clubId, { fullName: 'Trần Văn Đức', group: 'Tổ 2' }) }]));
      boardCopies = await copiesOf(board);
    });

    // The restored server has the backup's moment only, and says where it stands.
    const before = await pullAll(h, chair);
    expect([...before.records.keys()].filter((key) => key.startsWith('members/')).sort()).toEqual([`members/${lan}`, `members/${duc}`].sort());
    expect(before.records.get(`members/${lan}`)).not.toHaveProperty('phone', '0922222222');
    const asked = await recover(board, []);
    expect(asked.status).toBe(200);
    expect(asked.body).toMatchObject({ lastSeq: 0, taken: 0, restoredThrough: expect.any(Number), epoch: expect.any(String) });
    expect((await recover(chair, [])).body.lastSeq).toBe(2);

    // The chair comes back first with its older copy of Lan, and is taken for now…
    const lost = (copies: Map<string, Recovered>) => [...copies.values()].filter((copy) => copy.version > asked.body.restoredThrough!);
    expect((await recover(chair, lost(chairCopies))).body.taken).toBe(1);
    expect((await pullAll(h, chair)).records.get(`members/${lan}`)).toMatchObject({ phone: '0911111111' });
    // …then the board with the later one (and Hoa, and Đức's group): the later copy wins.
    expect((await recover(board, lost(boardCopies))).body.taken).toBe(3);
    // The chair sending its copy once more changes nothing: the board's is later.
    expect((await recover(chair, lost(chairCopies))).body.taken).toBe(0);
    const after = (await pullAll(h, chair)).records;
    expect(after.get(`members/${lan}`)).toMatchObject({ phone: '0922222222' });
    expect(after.get(`members/${hoa}`)).toMatchObject({ fullName: 'Lê Thị Hoa' });
    expect(after.get(`members/${duc}`)).toMatchObject({ group: 'Tổ 2' });

    // A change pushed after the restore is the newest of all: no copy sent back replaces it.
    board.seq = 1;
    const pushed = await push(h, board, numbered(board, [{ id: hoa, data: memberData(chair.clubId, { fullName: 'Lê Thị Hoa', group: 'Tổ 5' }) }]));
    expect(pushed.body).toMatchObject({ ackedThrough: 1, rejected: [] });
    expect((await recover(board, lost(boardCopies))).body.taken).toBe(0);
    expect((await pullAll(h, chair)).records.get(`members/${hoa}`)).toMatchObject({ group: 'Tổ 5' });
    // And a phone pulling from its old cursor gets every record that came back.
    const since = await pullAll(h, chair, String(asked.body.restoredThrough));
    expect(new Set(since.pages.flatMap((page) => page.changes.map((c) => c.id)))).toEqual(new Set([lan, hoa, duc]));
  });

  it('takes only what the phone may write, of its own club, at a version the lost history could have had', { timeout: 60_000 }, async () => {
    const chair = await createClub(h);
    const volunteer = await enrollPhone(h, chair, 'volunteer');
    const other = await createClub(h, { name: 'CLB Liên thế hệ Yên Phụ' });
    const lan = newId();
    await push(h, chair, numbered(chair, [{ id: lan, data: memberData(chair.clubId, { fullName: 'Nguyễn Thị Lan' }) }]));
    let copies = new Map<string, Recovered>();
    await backupThenRestoreLater(async () => {
      await push(h, chair, numbered(chair, [{ id: lan, data: memberData(chair.clubId, { fullName: 'Nguyễn Thị Lan', phone: '0911111111' }) }]));
      copies = await copiesOf(chair);
    });
    const { restoredThrough } = (await recover(chair, [])).body;
    const copy = copies.get(`members/${lan}`)!;
    expect(copy.version).toBeGreaterThan(restoredThrough!);

    // A volunteer does not write the member register: its copy is not taken.
    expect((await recover(volunteer, [copy])).body.taken).toBe(0);
    // Another club's phone cannot put its record into this club, nor this club's into its own.
    expect((await recover(other, [copy])).body.taken).toBe(0);
    expect((await pullAll(h, other)).records.has(`members/${lan}`)).toBe(false);
    // A version the server still has, or one past any the lost history could have had: no.
    expect((await recover(chair, [{ ...copy, version: restoredThrough! }])).body.taken).toBe(0);
    expect((await recover(chair, [{ ...copy, version: Number.MAX_SAFE_INTEGER }])).body.taken).toBe(0);
    // A copy that is not a valid member is not taken either.
    expect((await recover(chair, [{ ...copy, record: { ...copy.record, birthYear: 'soon' } }])).body.taken).toBe(0);
    expect((await pullAll(h, chair)).records.get(`members/${lan}`)).not.toHaveProperty('phone', '0911111111');
    // The chair's own, as it was: taken.
    expect((await recover(chair, [copy])).body.taken).toBe(1);
    expect((await pullAll(h, chair)).records.get(`members/${lan}`)).toMatchObject({ phone: '0911111111' });
  });

  it('takes nothing from a club that was never restored, and refuses what is malformed', async () => {
    const chair = await createClub(h);
    const lan = newId();
    await push(h, chair, numbered(chair, [{ id: lan, data: memberData(chair.clubId) }]));
    const { records } = await pullAll(h, chair);
    const { version, ...record } = records.get(`members/${lan}`)! as Record<string, unknown> & { version: number };
    const answer = await recover(chair, [{ collection: 'members', id: lan, version: version + 5, record: { ...record, fullName: 'Người khác' } }]);
    expect(answer.body).toMatchObject({ restoredThrough: null, taken: 0, lastSeq: 1 });
    expect((await pullAll(h, chair)).records.get(`members/${lan}`)).toMatchObject({ fullName: 'Trần Văn Minh' });

    for (const body of [{ records: [] }, { schemaVersion: SCHEMA_VERSION }, { schemaVersion: SCHEMA_VERSION, records: [{ collection: 'members', id: lan }] }]) {
      const reply = await h.request('POST', '/api/v1/sync/recover', { token: chair.token, body });
      expect(reply.status).toBe(400);
      expect(reply.body).toEqual({ error: { code: expect.any(String), message: expect.any(String) } });
    }
    const tooMany = Array.from({ length: 501 }, () => ({ collection: 'members', id: newId(), version: 1, record: {} }));
    expect((await recover(chair, tooMany)).status).toBe(400);
    expect((await h.request('POST', '/api/v1/sync/recover', { body: { schemaVersion: SCHEMA_VERSION, records: [] } })).status).toBe(401);
  });
});
