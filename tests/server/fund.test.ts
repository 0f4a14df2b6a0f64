import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { line, type Line } from '../../src/domain/ledger';
import { uuidv7 } from '../../src/domain/ids';
import { findCollection } from '../../src/domain/collections';
import { message } from '../../src/server/messages';
import { hashSecret } from '../../src/server/tokens';
import { createClub, enrollPhone, memberData, newId, numbered, pullAll, push, startServer, STORE_KINDS, type Harness, type Phone } from './harness';

/**
 * The loan fund over the real server (LEDGER.md, "On the phone and on the server"): the
 * treasurer and the chair write money, board phones read it, volunteers see none of it; a
 * write-off is the chair's; an entry is balanced and, once written, never changes.
 */

const FUND_COLLECTIONS = ['entries', 'loans', 'loanApplications', 'cashCounts', 'reopenings', 'reviewChecks'];

const at = '2026-11-20T03:00:00.000Z';
const common = (clubId: string) => ({ clubId, createdAt: at, updatedAt: at, deleted: false });

function entryData(phone: Phone, type: string, lines: Line[], extra: Record<string, unknown> = {}) {
  return {
    ...common(phone.clubId),
    type,
    postedOn: '2026-11-20',
    lines,
    loanId: null,
    memberId: null,
    meetingId: null,
    reversesEntryId: null,
    note: null,
    phoneId: phone.deviceId,
    ...extra,
  };
}

function loanData(clubId: string, memberId: string) {
  return {
    ...common(clubId),
    memberId,
    applicationId: null,
    source: 'disbursed',
    principal: 8_000_000,
    originalPrincipal: null,
    disbursedOn: '2026-11-20',
    firstDueOn: '2026-12-20',
    termMonths: 12,
    rateBasisPoints: 100,
    method: 'flat',
    pattern: 'equal',
    roundTo: 1,
    toIncomeFundPercent: 50,
    purpose: 'Nuôi lợn',
  };
}

const seedLines = [line('cash', 100_000_000), line('incomeFund', -100_000_000)];

describe.each(STORE_KINDS)('the loan fund on $name', (kind) => {
  let h: Harness;
  let chair: Phone;
  let treasurer: Phone;
  let board: Phone;
  beforeEach(async () => {
    h = await startServer(kind);
    chair = await createClub(h);
    treasurer = await enrollPhone(h, chair, 'treasurer');
    board = await enrollPhone(h, chair, 'board');
  });
  afterEach(async () => {
    await h.close();
  });

  it('takes the treasurer’s entry and loan, and the board phone pulls them as written', async () => {
    const memberId = newId();
    const seedId = newId();
    const loanId = newId();
    const disbursementId = newId();
    const mutations = numbered(treasurer, [
      { collection: 'entries', id: seedId, data: entryData(treasurer, 'seed', seedLines) },
      { collection: 'loans', id: loanId, data: loanData(treasurer.clubId, memberId) },
      {
        collection: 'entries',
        id: disbursementId,
        data: entryData(treasurer, 'disbursement', [line('loans', 8_000_000, loanId), line('cash', -8_000_000)], { loanId, memberId }),
      },
    ]);
    const reply = await push(h, treasurer, mutations);
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ ackedThrough: 3, rejected: [] });
    const { records } = await pullAll(h, board);
    expect(records.get(`entries/${seedId}`)).toEqual({ id: seedId, ...mutations[0]!.data, version: reply.body.version });
    expect(records.get(`loans/${loanId}`)).toEqual({ id: loanId, ...mutations[1]!.data, version: reply.body.version });
    expect(records.get(`entries/${disbursementId}`)).toMatchObject({ type: 'disbursement', loanId, lines: [line('loans', 8_000_000, loanId), line('cash', -8_000_000)] });
  });

  it('sends a volunteer’s phone none of the fund, and refuses its entry', async () => {
    const volunteerMember = newId();
    const made = await h.request<{ code: string }>('POST', '/api/v1/invites', { token: chair.token, body: { role: 'volunteer', memberId: volunteerMember } });
    expect(made.status).toBe(201);
    const enrolled = await h.request<{ device: { id: string; role: string; memberId: string | null }; token: string }>('POST', '/api/v1/enroll', {
      body: { code: made.body.code, device: { name: 'Máy chị Hoa' } },
    });
    expect(enrolled.body.device).toMatchObject({ role: 'volunteer', memberId: volunteerMember });
    const volunteer: Phone = { token: enrolled.body.token, deviceId: enrolled.body.device.id, clubId: chair.clubId, role: 'volunteer', seq: 1 };

    // One record of every fund collection, and a member the volunteer may see.
    const memberId = newId();
    const loanId = newId();
    const countId = newId();
    const club = treasurer.clubId;
    const fund = numbered(treasurer, [
      { id: memberId, data: memberData(club) },
      { collection: 'entries', id: newId(), data: entryData(treasurer, 'seed', seedLines) },
      { collection: 'loans', id: loanId, data: loanData(club, memberId) },
      {
        collection: 'loanApplications',
        id: newId(),
        data: { ...common(club), memberId, appliedOn: '2026-11-01', amount: 8_000_000, termMonths: 12, purpose: null, decision: 'pending', meetingId: null, votesFor: null, votesAgainst: null },
      },
      {
        collection: 'cashCounts',
        id: countId,
        data: { ...common(club), meetingId: newId(), countedOn: '2026-11-20', counted: 100_000_000, expected: 100_000_000, countedBy: [newId(), newId()], overShortEntryId: null },
      },
      { collection: 'reopenings', id: newId(), data: { ...common(club), cashCountId: countId, reason: 'Sót một khoản' } },
      { collection: 'reviewChecks', id: newId(), data: { ...common(club), itemKey: 'duplicate:a:b', note: null } },
    ]);
    const pushed = await push(h, treasurer, fund);
    expect(pushed.body).toMatchObject({ ackedThrough: fund.length, rejected: [] });

    const seen = await pullAll(h, volunteer);
    const collections = new Set([...seen.records.keys()].map((key) => key.split('/')[0]));
    expect(seen.records.has(`members/${memberId}`)).toBe(true);
    for (const name of FUND_COLLECTIONS) expect(collections.has(name), name).toBe(false);
    // The board phone, by contrast, reads every one of them.
    const boardSees = new Set([...(await pullAll(h, board)).records.keys()].map((key) => key.split('/')[0]));
    for (const name of FUND_COLLECTIONS) expect(boardSees.has(name), name).toBe(true);

    const entryId = newId();
    const refused = await push(h, volunteer, numbered(volunteer, [{ collection: 'entries', id: entryId, data: entryData(volunteer, 'dues', [line('cash', 20_000), line('operatingFund', -20_000)]) }]));
    expect(refused.status).toBe(200);
    expect(refused.body.ackedThrough).toBe(1);
    expect(refused.body.rejected).toEqual([{ seq: 1, code: 'forbidden', message: message('sync.roleCannotWrite', 'vi') }]);
    expect((await pullAll(h, chair)).records.has(`entries/${entryId}`)).toBe(false);
  });

  it('refuses a board phone’s entry but takes its “checked” on a review item', async () => {
    const entryId = newId();
    const checkId = newId();
    const reply = await push(
      h,
      board,
      numbered(board, [
        { collection: 'entries', id: entryId, data: entryData(board, 'seed', seedLines) },
        { collection: 'reviewChecks', id: checkId, data: { ...common(board.clubId), itemKey: `duplicate:${uuidv7()}:${uuidv7()}`, note: 'Đã hỏi' } },
      ]),
    );
    expect(reply.body.rejected).toEqual([expect.objectContaining({ seq: 1, code: 'forbidden' })]);
    const { records } = await pullAll(h, chair);
    expect(records.has(`entries/${entryId}`)).toBe(false);
    expect(records.has(`reviewChecks/${checkId}`)).toBe(true);
  });

  it('refuses the treasurer’s write-off (the chair’s to record) and applies the chair’s', async () => {
    const loanId = newId();
    const memberId = newId();
    const setup = numbered(treasurer, [
      { collection: 'entries', id: newId(), data: entryData(treasurer, 'seed', seedLines) },
      { collection: 'loans', id: loanId, data: loanData(treasurer.clubId, memberId) },
      { collection: 'entries', id: newId(), data: entryData(treasurer, 'disbursement', [line('loans', 8_000_000, loanId), line('cash', -8_000_000)], { loanId, memberId }) },
    ]);
    expect((await push(h, treasurer, setup)).body.rejected).toEqual([]);
    const writeOffLines = [line('incomeFund', 2_000_000), line('loans', -2_000_000, loanId)];
    const byTreasurer = newId();
    const refused = await push(h, treasurer, numbered(treasurer, [{ collection: 'entries', id: byTreasurer, data: entryData(treasurer, 'writeOff', writeOffLines, { loanId, note: 'Họp tháng 11' }) }]), {
      'accept-language': 'en',
    });
    expect(refused.body.rejected).toEqual([{ seq: 4, code: 'forbidden', message: message('sync.writeOffByChair', 'en') }]);
    expect(message('sync.writeOffByChair', 'en')).toBe('Only the chair’s phone records a write-off.');
    // The reply carries only validation keys; the store's answer names the rule's own key.
    const device = await h.store.findDeviceByTokenHash(hashSecret(treasurer.token));
    const again = await h.store.push(device!, numbered(treasurer, [{ collection: 'entries', id: newId(), data: entryData(treasurer, 'writeOff', writeOffLines, { loanId, note: 'x' }) }]), {
      now: h.clock.now,
      findCollection,
    });
    expect(again.rejected).toEqual([expect.objectContaining({ code: 'forbidden', messageKey: 'sync.writeOffByChair' })]);

    const byChair = newId();
    const applied = await push(h, chair, numbered(chair, [{ collection: 'entries', id: byChair, data: entryData(chair, 'writeOff', writeOffLines, { loanId, note: 'Họp tháng 11' }) }]));
    expect(applied.body).toMatchObject({ ackedThrough: 1, rejected: [] });
    const { records } = await pullAll(h, board);
    expect(records.has(`entries/${byTreasurer}`)).toBe(false);
    expect(records.get(`entries/${byChair}`)).toMatchObject({ type: 'writeOff', lines: writeOffLines, phoneId: chair.deviceId });
  });

  it('refuses an entry whose lines do not balance, saying which rule', async () => {
    const id = newId();
    const reply = await push(h, treasurer, numbered(treasurer, [{ collection: 'entries', id, data: entryData(treasurer, 'seed', [line('cash', 100_000_000), line('incomeFund', -99_999_999)]) }]));
    expect(reply.body.ackedThrough).toBe(1);
    expect(reply.body.rejected).toEqual([{ seq: 1, code: 'invalid', message: expect.any(String), messageKey: 'validation.entryUnbalanced', field: 'lines' }]);
    const fractional = await push(h, treasurer, numbered(treasurer, [{ collection: 'entries', id: newId(), data: entryData(treasurer, 'seed', [line('cash', 100.5), line('incomeFund', -100.5)]) }]));
    expect(fractional.body.rejected).toEqual([expect.objectContaining({ code: 'invalid', messageKey: 'validation.lineAmount' })]);
    expect((await pullAll(h, board)).records.has(`entries/${id}`)).toBe(false);
  });

  it('never changes an entry once written: a second put or a delete of the same id is a conflict', async () => {
    const id = newId();
    const data = entryData(treasurer, 'dues', [line('cash', 20_000), line('operatingFund', -20_000)], { memberId: newId() });
    const first = await push(h, treasurer, numbered(treasurer, [{ collection: 'entries', id, data }]));
    expect(first.body.rejected).toEqual([]);
    const changed = { ...data, lines: [line('cash', 200_000), line('operatingFund', -200_000)], updatedAt: '2026-11-21T03:00:00.000Z' };
    const again = await push(h, treasurer, numbered(treasurer, [{ collection: 'entries', id, data: changed }]));
    expect(again.body.rejected).toEqual([{ seq: 2, code: 'conflict', message: message('sync.recordCannotChange', 'vi') }]);
    // Another phone that may write money is refused too, and so is a delete.
    const fromChair = await push(h, chair, numbered(chair, [{ collection: 'entries', id, data: { note: 'sửa' } }]));
    expect(fromChair.body.rejected).toEqual([expect.objectContaining({ code: 'conflict' })]);
    const deleted = await push(h, treasurer, numbered(treasurer, [{ collection: 'entries', id, op: 'delete', data: { updatedAt: '2026-11-22T03:00:00.000Z' } }]));
    expect(deleted.body.rejected).toEqual([expect.objectContaining({ code: 'conflict' })]);
    const { records } = await pullAll(h, board);
    expect(records.get(`entries/${id}`)).toEqual({ id, ...data, version: first.body.version });
  });
});
