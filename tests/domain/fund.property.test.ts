import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cashCounts, expectedCash, lockedThrough, lastClose, overShortLines, reopenings, type CashCount, type Reopening } from '../../src/domain/cash-counts';
import { addDays, type CalendarDate } from '../../src/domain/dates';
import { entries, type Entry, type EntryFields } from '../../src/domain/entries';
import { fundMovements, fundSummary } from '../../src/domain/fund-figures';
import {
  availableToLend,
  balancesOf,
  line,
  linesBalance,
  loanBalances,
  reversedLines,
  splitInterest,
  trialBalance,
  zeroBalances,
  type Fund,
  type Line,
} from '../../src/domain/ledger';
import { allocateRepayment, loanStates, offeredRepayment, repaymentLines } from '../../src/domain/loan-state';
import { loans, type Loan, type LoanFields } from '../../src/domain/loans';
import { reviewChecks, reviewItems, type ReviewCheck } from '../../src/domain/review-items';
import { validate } from '../../src/domain/validation';
import { CLUB_ID } from './fixtures';

/**
 * LEDGER.md, "Test the invariants as properties": three phones of one club record money
 * offline, each seeing its own records and, after a delay or never, some of the others'.
 * Every record is valid on the phone that made it: a loan within what that phone saw
 * available, a repayment allocated on that phone's view of the loan, nothing dated inside a
 * meeting that phone saw closed. Then the union is delivered to each phone and to the
 * server in a different order, some records twice: all four compute the same book, and the
 * book holds together.
 */

const PHONES = ['01930a5e-0000-7000-8000-00000000f001', '01930a5e-0000-7000-8000-00000000f002', '01930a5e-0000-7000-8000-00000000f003'];
const MEMBER = '01930a5e-0000-7000-8000-0000000000c1';
const OFFICERS = ['01930a5e-0000-7000-8000-0000000000c2', '01930a5e-0000-7000-8000-0000000000c3'];
const START: CalendarDate = '2026-01-05';

type Kind = 'seed' | 'dues' | 'donation' | 'expense' | 'transfer' | 'disburse' | 'repay' | 'duplicate' | 'reverse' | 'count' | 'reopen' | 'check';

const KINDS: Kind[] = [
  ...(['seed', 'dues', 'donation', 'expense', 'transfer'] as const),
  ...(['disburse', 'disburse', 'disburse'] as const),
  ...(['repay', 'repay', 'repay', 'repay', 'repay'] as const),
  ...(['duplicate', 'duplicate', 'reverse', 'reverse', 'count', 'reopen', 'check'] as const),
];

interface Op {
  phone: number;
  kind: Kind;
  /** Days since the op before. */
  days: number;
  /** Numbers each op reads as it needs: an amount, a pick among what the phone sees. */
  a: number;
  b: number;
  toBank: boolean;
  fund: Fund;
  /** For each phone, how many ops later this one reaches it (null: not before the end). */
  delays: (number | null)[];
  terms: Pick<LoanFields, 'termMonths' | 'rateBasisPoints' | 'method' | 'pattern' | 'roundTo' | 'toIncomeFundPercent'>;
  /** A repayment's amount: what the book offers, the exact pay-off, any part, or more than owed. */
  pay: 'offered' | 'payOff' | 'part' | 'over';
}

const op: fc.Arbitrary<Op> = fc.record({
  phone: fc.integer({ min: 0, max: 2 }),
  kind: fc.constantFrom(...KINDS),
  days: fc.constantFrom(0, 0, 1, 3, 10, 31),
  a: fc.nat(),
  b: fc.nat(),
  toBank: fc.boolean(),
  fund: fc.constantFrom<Fund>('incomeFund', 'operatingFund'),
  delays: fc.array(fc.option(fc.nat({ max: 6 }), { nil: null, freq: 4 }), { minLength: 3, maxLength: 3 }),
  terms: fc.record({
    termMonths: fc.integer({ min: 1, max: 18 }),
    rateBasisPoints: fc.constantFrom(0, 50, 100, 150, 300),
    method: fc.constantFrom('flat' as const, 'declining' as const),
    pattern: fc.constantFrom('equal' as const, 'interestOnly' as const),
    roundTo: fc.constantFrom(1 as const, 100 as const, 1000 as const),
    toIncomeFundPercent: fc.constantFrom(50, 50, 0, 100, 30, 33),
  }),
  pay: fc.constantFrom('offered' as const, 'payOff' as const, 'part' as const, 'over' as const),
});

/** One record a phone made, and from which op on each phone holds it. */
interface Made {
  phone: number;
  seenFrom: number[];
  entry?: Entry;
  /** The loan record a disbursement made travels with it. */
  loan?: Loan;
  count?: CashCount;
  reopening?: Reopening;
  check?: ReviewCheck;
}

interface Held {
  entries: Entry[];
  loans: Loan[];
  counts: CashCount[];
  reopenings: Reopening[];
  checks: ReviewCheck[];
}

function held(records: readonly Made[]): Held {
  const pick = <K extends 'entry' | 'loan' | 'count' | 'reopening' | 'check'>(key: K) => records.flatMap((m) => (m[key] ? [m[key]!] : []));
  return { entries: pick('entry'), loans: pick('loan'), counts: pick('count'), reopenings: pick('reopening'), checks: pick('check') };
}

/** What a phone (or the server) computes from the records it holds. */
function book(h: Held, asOf: CalendarDate) {
  const summary = fundSummary(h.entries, h.loans, asOf);
  return {
    balances: balancesOf(h.entries),
    summary: {
      balances: summary.balances,
      incomeFund: summary.incomeFund,
      operatingFund: summary.operatingFund,
      available: summary.available,
      trialBalance: summary.trialBalance,
      portfolio: summary.portfolio,
    },
    states: [...summary.states].sort((x, y) => x.loan.id.localeCompare(y.loan.id)),
    review: reviewItems(h.entries, h.counts, h.reopenings, h.checks),
    movements: fundMovements(h.entries, addDays(START, 30), asOf),
    subLedger: [...loanBalances(h.entries)].sort(([x], [y]) => x.localeCompare(y)),
    lockedThrough: lockedThrough(h.counts, h.reopenings),
  };
}

/** Records as a phone's store holds them after they arrive in `order`: one per id, a repeat changes nothing. */
function store<T extends { id: string }>(order: readonly T[]): T[] {
  const byId = new Map<string, T>();
  for (const record of order) if (!byId.has(record.id)) byId.set(record.id, record);
  return [...byId.values()];
}

function valid<T>(schema: Parameters<typeof validate<T>>[0], record: unknown, problems: string[], what: string): T | null {
  const result = validate(schema, record);
  if (result.ok) return result.value;
  problems.push(`${what}: ${JSON.stringify(result.problems)}`);
  return null;
}

function simulate(ops: readonly Op[]) {
  let counter = 0;
  const nextId = () => `01930a5e-0000-7000-8000-${(++counter).toString(16).padStart(12, '0')}`;
  const made: Made[] = [];
  const splits: { interest: number; percent: number; lines: Line[] }[] = [];
  const problems: string[] = [];
  let day = START;
  const stamp = (index: number, part = 0) => {
    const n = index + 1;
    return `${day}T08:${String(Math.floor(n / 60) % 60).padStart(2, '0')}:${String(n % 60).padStart(2, '0')}.${String(part).padStart(3, '0')}Z`;
  };
  const common = (index: number, part = 0) => ({ id: nextId(), clubId: CLUB_ID, createdAt: stamp(index, part), updatedAt: stamp(index, part), deleted: false });
  const seenFrom = (index: number, o: Op) => PHONES.map((_, p) => (p === o.phone || index < 0 ? index : o.delays[p] === null ? Infinity : index + 1 + o.delays[p]!));

  const post = (index: number, o: Op, view: Held, fields: Omit<EntryFields, 'phoneId' | 'memberId' | 'meetingId' | 'loanId' | 'reversesEntryId' | 'note'> & Partial<EntryFields>, loan?: Loan) => {
    // The phone refuses a day its last count closed (LEDGER.md principle 5).
    const locked = lockedThrough(view.counts, view.reopenings);
    if (locked !== null && fields.postedOn <= locked) return null;
    const record = { ...common(index), memberId: null, meetingId: null, loanId: null, reversesEntryId: null, note: null, phoneId: PHONES[o.phone]!, ...fields };
    const entry = valid(entries.recordSchema, record, problems, `op ${index} (${o.kind}) made an invalid entry`);
    if (!entry) return null;
    made.push({ phone: o.phone, seenFrom: seenFrom(index, o), entry, ...(loan ? { loan } : {}) });
    return entry;
  };

  // The club's seed capital, on the chair's phone, that every phone has before anything else.
  const first: Op = { phone: 0, kind: 'seed', days: 0, a: 0, b: 0, toBank: false, fund: 'incomeFund', delays: [0, 0, 0], terms: { termMonths: 12, rateBasisPoints: 100, method: 'flat', pattern: 'equal', roundTo: 1, toIncomeFundPercent: 50 }, pay: 'offered' };
  post(-1, first, held([]), { postedOn: START, type: 'seed', lines: [line('cash', 30_000_000), line('incomeFund', -30_000_000)] });

  ops.forEach((o, index) => {
    day = addDays(day, o.days);
    const visible = made.filter((m) => m.seenFrom[o.phone]! <= index);
    const view = held(visible);
    const balances = balancesOf(view.entries);
    const place = o.toBank ? 'bank' : 'cash';
    const amount = (max: number) => 1 + (o.a % max);
    switch (o.kind) {
      case 'seed': {
        const n = amount(20_000_000);
        post(index, o, view, { postedOn: day, type: 'seed', lines: [line(place, n), line('incomeFund', -n)] });
        return;
      }
      case 'dues':
      case 'donation': {
        const n = amount(o.kind === 'dues' ? 100_000 : 5_000_000);
        post(index, o, view, { postedOn: day, type: o.kind, lines: [line(place, n), line(o.fund, -n)], note: o.kind === 'donation' ? 'Nhà hảo tâm' : null });
        return;
      }
      case 'expense': {
        const n = amount(1_000_000);
        post(index, o, view, { postedOn: day, type: 'expense', lines: [line('operatingFund', n), line(place, -n)], note: 'Chi phí họp' });
        return;
      }
      case 'transfer': {
        const n = amount(10_000_000);
        post(index, o, view, { postedOn: day, type: 'transfer', lines: [line(place, n), line(o.toBank ? 'cash' : 'bank', -n)] });
        return;
      }
      case 'disburse': {
        const available = availableToLend(balances);
        if (available < 1) return;
        const principal = amount(Math.min(available, 10_000_000));
        const loanId = nextId();
        const loan = valid(
          loans.recordSchema,
          {
            ...common(index),
            id: loanId,
            memberId: MEMBER,
            applicationId: null,
            source: 'disbursed',
            principal,
            originalPrincipal: null,
            disbursedOn: day,
            firstDueOn: addDays(day, 30),
            ...o.terms,
            purpose: null,
          },
          problems,
          `op ${index} made an invalid loan`,
        );
        if (!loan) return;
        const posted = post(index, o, view, { postedOn: day, type: 'disbursement', loanId, lines: [line('loans', principal, loanId), line(place, -principal)] }, loan);
        if (posted && availableToLend(balancesOf([...view.entries, posted])) < 0) problems.push(`op ${index}: a loan above what the phone saw available`);
        return;
      }
      case 'repay':
      case 'duplicate': {
        let loan: Loan | undefined;
        let paidOn = day;
        let wanted: number | null = null;
        if (o.kind === 'duplicate') {
          // The same repayment recorded again, on this phone: another phone's, same loan, amount and day.
          const others = visible.filter((m) => m.entry?.type === 'repayment' && m.phone !== o.phone);
          if (others.length === 0) return;
          const original = others[o.b % others.length]!.entry!;
          loan = view.loans.find((l) => l.id === original.loanId);
          paidOn = original.postedOn;
          wanted = original.lines.reduce((sum, l) => sum + (l.amount > 0 ? l.amount : 0), 0);
        } else if (view.loans.length > 0) loan = view.loans[o.b % view.loans.length]!;
        if (!loan) return;
        const state = loanStates([loan], view.entries, paidOn)[0]!;
        if (wanted === null) {
          if (state.remaining === 0) return;
          wanted = o.pay === 'offered' ? offeredRepayment(state) : o.pay === 'payOff' ? state.remaining : o.pay === 'part' ? amount(state.remaining) : state.remaining + 1 + (o.a % 1000);
        }
        const allocation = allocateRepayment(state, wanted);
        if (o.kind === 'repay' && o.pay === 'over' && allocation !== null) problems.push(`op ${index}: an overpayment of ${wanted} over ${state.remaining} was allocated`);
        if (!allocation) return;
        if (allocation.principal + allocation.interest !== wanted) problems.push(`op ${index}: ${wanted} allocated as ${JSON.stringify(allocation)}`);
        const lines = repaymentLines(loan, allocation, place);
        const posted = post(index, o, view, { postedOn: paidOn, type: 'repayment', loanId: loan.id, lines });
        if (!posted) return;
        splits.push({ interest: allocation.interest, percent: loan.toIncomeFundPercent, lines });
        // What remains goes down by what was paid, unless the view holds a repayment reversed
        // twice (less than nothing repaid: a second reversal, which the review lists for the board).
        const after = loanStates([loan], [...view.entries, posted], paidOn)[0]!;
        const overReversed = state.principalRepaid < 0 || state.interestRepaid < 0;
        if (!overReversed && after.remaining !== state.remaining - wanted) problems.push(`op ${index}: paying ${wanted} of ${state.remaining} left ${after.remaining}`);
        return;
      }
      case 'reverse': {
        if (view.entries.length === 0) return;
        const original = view.entries[o.b % view.entries.length]!;
        // Some phones' reversals name the loan, some name none: both are valid, both give the money back.
        const loanId = o.a % 3 === 0 ? null : original.loanId;
        post(index, o, view, { postedOn: day, type: 'reversal', lines: reversedLines(original.lines), reversesEntryId: original.id, loanId, note: 'Ghi nhầm' });
        return;
      }
      case 'count': {
        // The meeting's count: what the box held, sometimes a little off; the difference to suspense.
        const locked = lockedThrough(view.counts, view.reopenings);
        if (locked !== null && day <= locked) return;
        const expected = expectedCash(view.entries, day);
        const counted = Math.max(0, expected + [0, 0, -5_000, 2_000][o.a % 4]!);
        const lines = overShortLines(counted, expected);
        const overShort = lines ? post(index, o, view, { postedOn: day, type: 'overShort', lines }) : null;
        const count = valid(
          cashCounts.recordSchema,
          { ...common(index, 500), meetingId: nextId(), countedOn: day, counted, expected, countedBy: OFFICERS, overShortEntryId: overShort?.id ?? null },
          problems,
          `op ${index} made an invalid count`,
        );
        if (count) made.push({ phone: o.phone, seenFrom: seenFrom(index, o), count });
        return;
      }
      case 'reopen': {
        const last = lastClose(view.counts, view.reopenings);
        if (!last) return;
        const reopening = valid(reopenings.recordSchema, { ...common(index), cashCountId: last.id, reason: 'Sót một khoản' }, problems, `op ${index} made an invalid reopening`);
        if (reopening) made.push({ phone: o.phone, seenFrom: seenFrom(index, o), reopening });
        return;
      }
      case 'check': {
        const open = reviewItems(view.entries, view.counts, view.reopenings, view.checks);
        if (open.length === 0) return;
        const check = valid(reviewChecks.recordSchema, { ...common(index), itemKey: open[o.b % open.length]!.key, note: 'Đã xem' }, problems, `op ${index} made an invalid check`);
        if (check) made.push({ phone: o.phone, seenFrom: seenFrom(index, o), check });
        return;
      }
    }
  });
  return { made, splits, problems, lastDay: day };
}

describe('the fund book across three offline phones and the server', () => {
  it('comes out the same on every phone and the server, in any arrival order, and holds together', () => {
    fc.assert(
      fc.property(fc.array(op, { minLength: 5, maxLength: 60, size: 'max' }), fc.gen(), (ops, g) => {
        const { made, splits, problems, lastDay } = simulate(ops);
        expect(problems).toEqual([]);
        const union = held(made);
        const all = union.entries;

        // Every entry balanced, every split of interest exact to the đồng.
        for (const e of all) expect(linesBalance(e.lines)).toBe(0);
        for (const s of splits) {
          const toIncome = 0 - s.lines.filter((l) => l.account === 'incomeFund').reduce((sum, l) => sum + l.amount, 0);
          const toOperating = 0 - s.lines.filter((l) => l.account === 'operatingFund').reduce((sum, l) => sum + l.amount, 0);
          expect(toIncome + toOperating).toBe(s.interest);
          expect({ incomeFund: toIncome, operatingFund: toOperating }).toEqual(splitInterest(s.interest, s.percent));
        }

        // The union reaches each phone and the server in its own order, some records twice.
        const arrive = <T extends { id: string }>(records: T[]) => store([...g(fc.shuffledSubarray, records, { minLength: records.length }), ...g(fc.subarray, records)]);
        const asOf = addDays(lastDay, 45);
        const holders = [0, 1, 2, 3].map(() =>
          book(
            { entries: arrive(union.entries), loans: arrive(union.loans), counts: arrive(union.counts), reopenings: arrive(union.reopenings), checks: arrive(union.checks) },
            asOf,
          ),
        );
        const server = holders[3]!;
        for (const phone of holders.slice(0, 3)) {
          expect(phone.balances).toEqual(server.balances);
          expect(phone.summary).toEqual(server.summary);
          expect(phone.states).toEqual(server.states);
          expect(phone.review.map((i) => i.key)).toEqual(server.review.map((i) => i.key));
          expect(phone.review).toEqual(server.review);
          expect(phone.movements).toEqual(server.movements);
          expect(phone.subLedger).toEqual(server.subLedger);
          expect(phone.lockedThrough).toBe(server.lockedThrough);
        }

        // The book holds together: trial balance 0, the loans account is its sub-ledger, each loan's state its line.
        expect(trialBalance(server.balances)).toBe(0);
        expect(server.summary.trialBalance).toBe(0);
        expect(server.subLedger.reduce((sum, [, out]) => sum + out, 0)).toBe(server.balances.loans);
        const out = new Map(server.subLedger);
        for (const s of server.states) expect(s.outstanding).toBe(out.get(s.loan.id) ?? 0);

        // Each loan's repaid, forgiven and outstanding principal add up to what was lent, and
        // its interest is what its repayments brought the funds, reversals of reversals included.
        const byId = new Map(all.map((e) => [e.id, e]));
        const eventOf = (e: Entry): Entry => (e.type === 'reversal' && e.reversesEntryId ? eventOf(byId.get(e.reversesEntryId)!) : e);
        for (const s of server.states) {
          let lent = 0;
          let interest = 0;
          for (const e of all) {
            const event = eventOf(e);
            if (event.loanId !== s.loan.id) continue;
            if (event.type === 'disbursement') lent += e.lines.reduce((sum, l) => sum + (l.account === 'loans' ? l.amount : 0), 0);
            if (event.type === 'repayment') interest -= e.lines.reduce((sum, l) => sum + (l.account === 'incomeFund' || l.account === 'operatingFund' ? l.amount : 0), 0);
          }
          expect(s.principalRepaid + s.writtenOff + s.outstanding).toBe(lent);
          expect(s.interestRepaid).toBe(interest);
        }

        // Reversing every entry brings every balance, and every loan, back to 0.
        // (Here the reversals name no loan: each is about its original's.)
        const reversals = all.map((e) => ({ ...e, id: `${e.id}-r`, type: 'reversal' as const, lines: reversedLines(e.lines), reversesEntryId: e.id, loanId: null }));
        const undone = [...all, ...reversals];
        expect(balancesOf(undone)).toEqual(zeroBalances());
        for (const [, left] of loanBalances(undone)) expect(left).toBe(0);
        const undoneSummary = fundSummary(undone, union.loans, asOf);
        expect(undoneSummary.portfolio).toMatchObject({ activeLoans: 0, outstanding: 0, atRisk30: 0 });
        for (const s of undoneSummary.states) expect([s.outstanding, s.principalRepaid, s.interestRepaid, s.writtenOff]).toEqual([0, 0, 0, 0]);
        const undoneMoves = fundMovements(undone, START, asOf);
        for (const fund of [undoneMoves.incomeFund, undoneMoves.operatingFund]) {
          expect(fund.closing).toBe(0);
          expect(fund.interest).toBe(0);
          for (const moved of Object.values(fund.byType)) expect(moved).toBe(0);
        }

        // And reversing any one entry restores the balances as they were without it.
        const pick = g(fc.nat, { max: all.length - 1 });
        expect(balancesOf([...all, reversals[pick]!])).toEqual(balancesOf(all.filter((_, i) => i !== pick)));
      }),
      { numRuns: 120 },
    );
  });
});
