import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { disbursement, simpleEntry } from '../../src/domain/fund-forms';
import { fundSummary } from '../../src/domain/fund-figures';
import { uuidv7 } from '../../src/domain/ids';
import { newApplicationFields } from '../../src/domain/loan-applications';
import { reviewItems } from '../../src/domain/review-items';
import type { ClubBookDatabase } from '../../src/local/database';
import { deviceId } from '../../src/local/device';
import { fundRecords } from '../../src/local/fund-queries';
import { clubProfile, liveRecords } from '../../src/local/queries';
import { createAcross, createRecord, updateRecord } from '../../src/local/write';
import { connectNewClub, createInvite, joinClub } from '../../src/sync/club-server';
import { readConnection } from '../../src/sync/connection';
import { syncOnce } from '../../src/sync/engine';
import { memberFields } from '../domain/fixtures';
import { createClub, freshDatabase } from '../local/helpers';
import { SETUP_CODE, serverRecords, startRealServer } from './real-server';

/**
 * Two phones, one fund (issue 12, LEDGER.md principle 2), against the real server: the chair
 * and the treasurer both lend the last of the fund while offline. Nothing is refused or
 * merged away: after both sync, in either order, both phones hold both loans, the same
 * balances as each other and as the server, and the same "overdrawn" review item.
 */
let server: Awaited<ReturnType<typeof startRealServer>>;
beforeEach(async () => {
  server = await startRealServer();
});
afterEach(() => server.close());

const TODAY = '2026-12-02';

async function lend(db: ClubBookDatabase, memberId: string, amount: number) {
  const application = await createRecord(db, 'loanApplications', newApplicationFields(memberId, TODAY, amount, 12));
  const meeting = (await liveRecords(db, 'meetings'))[0]!;
  await updateRecord(db, 'loanApplications', application.id, { decision: 'approved', meetingId: meeting.id, votesFor: 10, votesAgainst: 0 });
  const loanId = uuidv7();
  const made = disbursement({ principal: amount, disbursedOn: TODAY, termMonths: 12, rateBasisPoints: 100, account: 'cash' }, application, await clubProfile(db), loanId);
  await createAcross(db, [
    { collection: 'loans', id: loanId, fields: made.loan },
    { collection: 'entries', fields: { ...made.entry, phoneId: await deviceId(db) } },
  ]);
}

async function book(db: ClubBookDatabase) {
  const records = await fundRecords(db);
  return {
    summary: fundSummary(records.entries, records.loans, TODAY),
    review: reviewItems(records.entries, records.counts, records.reopenings, records.checks).map((i) => [i.kind, i.key]),
    entries: records.entries.map((e) => e.id).sort(),
  };
}

describe('two phones that both lend the last money while offline', () => {
  for (const order of ['chair first', 'treasurer first'] as const) {
    it(`end with both loans, the same balances and one review item on both phones and the server (${order})`, async () => {
      const chair = freshDatabase();
      await createClub(chair);
      const lan = await createRecord(chair, 'members', memberFields({ fullName: 'Nguyễn Thị Lan' }));
      const hung = await createRecord(chair, 'members', memberFields({ fullName: 'Phạm Văn Hùng' }));
      await createRecord(chair, 'meetings', { heldOn: TODAY, kind: 'monthly', place: null, areas: [], themes: [], topic: null, minutes: null, decisions: null, guests: 0, nextPlannedOn: null });
      await createRecord(chair, 'entries', { ...simpleEntry({ kind: 'seed', amount: 10_000_000, postedOn: TODAY, account: 'cash', fund: 'incomeFund', memberId: null, loanId: null, note: null }), phoneId: await deviceId(chair) });
      await connectNewClub(chair, { serverUrl: server.url, setupCode: SETUP_CODE, deviceName: 'Máy chủ nhiệm' });
      const treasurer = freshDatabase();
      await joinClub(treasurer, { serverUrl: server.url, code: (await createInvite(chair, 'treasurer')).code, deviceName: 'Máy thủ quỹ' });
      expect((await book(treasurer)).summary.available).toBe(10_000_000);

      // Offline, each lends 8,000,000 of the 10,000,000: each phone alone sees nothing wrong.
      await lend(chair, lan.id, 8_000_000);
      await lend(treasurer, hung.id, 8_000_000);
      expect((await book(chair)).review).toEqual([]);
      expect((await book(treasurer)).review).toEqual([]);

      const [first, second] = order === 'chair first' ? [chair, treasurer] : [treasurer, chair];
      await syncOnce(first);
      await syncOnce(second);
      await syncOnce(first);

      const [a, b] = [await book(chair), await book(treasurer)];
      expect(a.entries).toHaveLength(3);
      expect(b.entries).toEqual(a.entries);
      expect(b.summary.balances).toEqual(a.summary.balances);
      expect(a.summary.balances.loans).toBe(16_000_000);
      expect(a.summary.available).toBe(-6_000_000);
      expect(a.summary.trialBalance).toBe(0);
      expect(a.review).toHaveLength(1);
      expect(a.review[0]![0]).toBe('overdrawn');
      expect(b.review).toEqual(a.review);
      // The server holds the same entries: every phone that pulls from it computes the same.
      const onServer = await serverRecords(server.url, (await readConnection(chair))!.token);
      expect([...onServer.keys()].filter((k) => k.startsWith('entries/')).map((k) => k.slice('entries/'.length)).sort()).toEqual(a.entries);
    });
  }
});
