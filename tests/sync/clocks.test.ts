import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createClub, freshDatabase } from '../local/helpers';
import { SETUP_CODE, serverRecords, startRealServer } from './real-server';
import { connectNewClub, createInvite, joinClub } from '../../src/sync/club-server';
import { readConnection } from '../../src/sync/connection';
import { syncOnce } from '../../src/sync/engine';
import { exportBackup, importBackup } from '../../src/local/backup';
import { createRecord, deleteRecord, updateRecord } from '../../src/local/write';
import { liveRecords } from '../../src/local/queries';
import type { ClubBookDatabase } from '../../src/local/database';
import type { Member } from '../../src/domain/members';
import { memberFields } from '../domain/fixtures';

/**
 * Village phones' clocks are often months or years off. The server orders changes by their
 * arrival, never by a phone's clock, so a club whose phones are two years behind and two years
 * ahead ends with exactly the book of a club whose clocks are right (SYNC-PROTOCOL.md §3).
 */
const YEAR_MS = 365 * 24 * 60 * 60 * 1000;
// The real time, for the server: Date is the phones' (faked below), performance is not.
const realNow = () => new Date(performance.timeOrigin + performance.now());

afterEach(() => vi.useRealTimers());

/** One scripted month of a club: the same steps, with each phone's clock `offsets[phone]` off. */
async function runClub(offsets: [number, number, number]) {
  vi.useFakeTimers({ toFake: ['Date'] });
  const server = await startRealServer({ now: realNow });
  const on = async <T>(phone: number, step: () => Promise<T>): Promise<T> => {
    vi.setSystemTime(realNow().getTime() + offsets[phone]!);
    return step();
  };
  try {
    const phones: ClubBookDatabase[] = [freshDatabase(), freshDatabase(), freshDatabase()];
    await on(0, () => createClub(phones[0]!));
    await on(0, () => connectNewClub(phones[0]!, { serverUrl: server.url, setupCode: SETUP_CODE, deviceName: 'Máy 0' }));
    for (const phone of [1, 2]) {
      const invite = await on(0, () => createInvite(phones[0]!, 'board'));
      await on(phone, () => joinClub(phones[phone]!, { serverUrl: server.url, code: invite.code, deviceName: `Máy ${phone}` }));
    }
    const byName = async (phone: number, name: string) => (await liveRecords(phones[phone]!, 'members')).find((m) => m.fullName === name)!;

    await on(0, () => createRecord(phones[0]!, 'members', memberFields({ fullName: 'Nguyễn Thị Lan', joinedOn: '2024-01-15' })));
    await on(1, () => createRecord(phones[1]!, 'members', memberFields({ fullName: 'Trần Văn Đức', gender: 'male', joinedOn: '2023-05-01' })));
    for (const phone of [0, 1, 2, 0, 1, 2]) await on(phone, () => syncOnce(phones[phone]!));
    // Phone 2, whose clock may run two years ahead, keeps a backup of this moment.
    const backup = await on(2, () => exportBackup(phones[2]!));

    // Two phones change the same field of Lan, the one with the earlier clock arriving last.
    await on(2, async () => updateRecord(phones[2]!, 'members', (await byName(2, 'Nguyễn Thị Lan')).id, { phone: '0911111111' }));
    await on(2, () => syncOnce(phones[2]!));
    await on(1, () => syncOnce(phones[1]!));
    await on(1, async () => updateRecord(phones[1]!, 'members', (await byName(1, 'Nguyễn Thị Lan')).id, { phone: '0922222222' }));
    await on(0, async () => updateRecord(phones[0]!, 'members', (await byName(0, 'Trần Văn Đức')).id, { group: 'Tổ 4' }));
    await on(1, () => syncOnce(phones[1]!));
    await on(0, () => syncOnce(phones[0]!));
    await on(1, async () => deleteRecord(phones[1]!, 'members', (await byName(1, 'Trần Văn Đức')).id));
    for (const phone of [1, 0, 2, 1, 0, 2]) await on(phone, () => syncOnce(phones[phone]!));
    // The old backup, restored on phone 2, must undo nothing the club wrote since.
    await on(2, () => importBackup(phones[2]!, backup));
    for (const phone of [2, 0, 1, 2]) await on(phone, () => syncOnce(phones[phone]!));

    const book = await serverRecords(server.url, (await readConnection(phones[0]!))!.token);
    for (const phone of phones) {
      const local = new Map<string, unknown>();
      for (const record of await phone.records('club').toArray()) local.set(`club/${record.id}`, record);
      for (const record of await phone.records('members').toArray()) local.set(`members/${record.id}`, record);
      expect(local).toEqual(book);
    }
    // The book, without the phones' own clock stamps and the ids they made: what people see.
    const seen = [...book.values()]
      .filter((record) => 'fullName' in record)
      .map((record) => {
        const { id: _id, clubId: _clubId, createdAt: _c, updatedAt: _u, version: _v, ...fields } = record as unknown as Member;
        return fields;
      })
      .sort((a, b) => a.fullName.localeCompare(b.fullName));
    return seen;
  } finally {
    vi.useRealTimers();
    await server.close();
  }
}

describe('phones whose clocks are two years off', () => {
  it('end with the same book as phones whose clocks are right, an old backup from a clock ahead undoing nothing', async () => {
    const right = await runClub([0, 0, 0]);
    const off = await runClub([-2 * YEAR_MS, 0, 2 * YEAR_MS]);
    const offOtherWay = await runClub([2 * YEAR_MS, -2 * YEAR_MS, 2 * YEAR_MS]);
    expect(off).toEqual(right);
    expect(offOtherWay).toEqual(right);
    // …and that book is the one the steps say: the last phone to send Lan's number wins, Đức is deleted.
    expect(right.find((m) => m.fullName === 'Nguyễn Thị Lan')).toMatchObject({ phone: '0922222222', deleted: false });
    expect(right.find((m) => m.fullName === 'Trần Văn Đức')).toMatchObject({ deleted: true });
  });
});
