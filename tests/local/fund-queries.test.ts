import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { duesEntry, reversalEntry } from '../../src/domain/fund-forms';
import { standingEntries } from '../../src/domain/entries';
import type { ClubBookDatabase } from '../../src/local/database';
import { deviceId } from '../../src/local/device';
import { entriesPostedFrom, fundRecords } from '../../src/local/fund-queries';
import { duesPaidAt } from '../../src/app/fund/fund-data';
import { createAcross, createRecord } from '../../src/local/write';
import { createClub, freshDatabase } from './helpers';

let db: ClubBookDatabase;
beforeEach(async () => {
  db = freshDatabase();
  await createClub(db);
});
afterEach(async () => {
  await db.delete();
});

describe('the fund book on the phone', () => {
  it('stores a member’s dues with its outbox change, and a reversal takes it back out of what stands', async () => {
    const member = '01900000-0000-7000-8000-000000000001';
    const meeting = '01900000-0000-7000-8000-000000000002';
    const phoneId = await deviceId(db);
    const dues = await createRecord(db, 'entries', { ...duesEntry(member, meeting, '2026-12-02', 10_000, 'operatingFund'), phoneId });
    let records = await fundRecords(db);
    expect(standingEntries(records.entries).map((e) => e.id)).toEqual([dues.id]);
    expect(await db.outbox.count()).toBe(1);
    await createRecord(db, 'entries', { ...reversalEntry(dues, '2026-12-02', 'Bấm nhầm'), phoneId });
    records = await fundRecords(db);
    expect(records.entries).toHaveLength(2);
    expect(standingEntries(records.entries)).toEqual([]);
  });

  it('reads a meeting’s dues from its day on: a reversal made a week later still takes them back, and older months are not read', async () => {
    const [lan, duc] = ['01900000-0000-7000-8000-000000000001', '01900000-0000-7000-8000-000000000003'];
    const [november, december] = ['01900000-0000-7000-8000-000000000002', '01900000-0000-7000-8000-000000000004'];
    const phoneId = await deviceId(db);
    const old = await createRecord(db, 'entries', { ...duesEntry(lan, november, '2026-11-15', 10_000, 'operatingFund'), phoneId });
    const lanDues = await createRecord(db, 'entries', { ...duesEntry(lan, december, '2026-12-15', 10_000, 'operatingFund'), phoneId });
    const ducDues = await createRecord(db, 'entries', { ...duesEntry(duc, december, '2026-12-15', 10_000, 'operatingFund'), phoneId });
    await createRecord(db, 'entries', { ...reversalEntry(ducDues, '2026-12-22', 'Bấm nhầm'), phoneId });

    const since = await entriesPostedFrom(db, '2026-12-15');
    expect(since.map((e) => e.id)).not.toContain(old.id);
    expect(since).toHaveLength(3);
    expect([...duesPaidAt(since, december).entries()]).toEqual([[lan, lanDues]]);
  });

  it('stores a loan and its disbursement together, or neither (an invalid entry leaves no loan behind)', async () => {
    const loanId = '01900000-0000-7000-8000-0000000000aa';
    const loan = {
      memberId: '01900000-0000-7000-8000-000000000001',
      applicationId: null,
      source: 'disbursed' as const,
      principal: 8_000_000,
      originalPrincipal: null,
      disbursedOn: '2026-12-02',
      firstDueOn: '2027-01-02',
      termMonths: 12,
      rateBasisPoints: 100,
      method: 'flat' as const,
      pattern: 'equal' as const,
      roundTo: 1 as const,
      toIncomeFundPercent: 50,
      purpose: null,
    };
    const phoneId = await deviceId(db);
    const unbalanced = { type: 'disbursement', postedOn: '2026-12-02', lines: [{ account: 'loans', amount: 8_000_000, loanId }, { account: 'cash', amount: -7_000_000, loanId: null }], loanId, memberId: loan.memberId, meetingId: null, reversesEntryId: null, note: null, phoneId };
    await expect(createAcross(db, [{ collection: 'loans', id: loanId, fields: loan }, { collection: 'entries', fields: unbalanced }])).rejects.toThrow();
    expect(await db.records('loans').count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
    const balanced = { ...unbalanced, lines: [{ account: 'loans', amount: 8_000_000, loanId }, { account: 'cash', amount: -8_000_000, loanId: null }] };
    await createAcross(db, [{ collection: 'loans', id: loanId, fields: loan }, { collection: 'entries', fields: balanced }]);
    const records = await fundRecords(db);
    expect(records.loans.map((l) => l.id)).toEqual([loanId]);
    expect(records.entries).toHaveLength(1);
    expect((await db.outbox.toArray()).map((m) => [m.seq, m.collection])).toEqual([[1, 'loans'], [2, 'entries']]);
  });
});
