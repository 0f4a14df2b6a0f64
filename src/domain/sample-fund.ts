import { expectedCash, overShortLines } from './cash-counts';
import type { ClubFields } from './club';
import type { FieldsOf } from './collections';
import { addMonths, fromDay, toDay, type CalendarDate } from './dates';
import type { Entry, EntryFields, EntryType } from './entries';
import { availableToLend, fundBalance, line, zeroBalances, type Line } from './ledger';
import type { LoanApplicationFields } from './loan-applications';
import { allocateRepayment, loanState, offeredRepayment, repaymentLines, type Allocation, type LoanState } from './loan-state';
import type { Loan, LoanFields } from './loans';
import { onRoll } from './meeting-figures';
import type { MeetingFields } from './meetings';
import type { MemberFields } from './members';
import type { Dong } from './money';
import type { Dice, Weighted } from './sample-dice';
import type { SampleMark } from './sample-meetings';

/**
 * The sample club's loan fund (LEDGER.md), years of it as a real club keeps it: the
 * project's seed capital of 100 million at the first meeting; the dues most members pay at
 * each monthly meeting; the members' applications voted there (most approved, some put off
 * when the money is out, a few refused) and the loans paid out on the day, within what the
 * income fund has left to lend; the repayments, most on time at the meeting or at the
 * treasurer's house on the due day, some late or in part, and one loan the club votes to
 * write off; a few donations and running costs; and the cash count that closes each
 * monthly meeting, with the rare small difference posted to suspense and settled by the
 * board at the next meeting. Once or twice the treasurer finds, just after a meeting's count,
 * an entry of that day forgotten: the count is reopened, the entry written, the box counted
 * again. And once or twice a member pays two instalments at one meeting, one to the treasurer
 * and one to the chair, each on their own phone: the fund book shows it as a possible
 * duplicate, and the board marks it checked.
 *
 * People and meetings are named by their place: in the register (the members come first)
 * and in the meeting book. Loans, applications and entries name each other by their index
 * in the fund's own lists. The writer gives them ids (fundBookRecords below).
 */

export interface SampleEntry {
  /** Index into the fund's loans, for an entry about a loan. */
  loan: number | null;
  /** Place in the register: the member who paid, borrowed or gave. */
  member: number | null;
  /** Index into the meeting book: the meeting it was collected or counted at. */
  meeting: number | null;
  /** Index into the fund's entries: the entry a reversal reverses. */
  reverses: number | null;
  /** The lines on the loans account name no loan here: the writer names the entry's loan on them. */
  fields: Omit<EntryFields, 'loanId' | 'memberId' | 'meetingId' | 'reversesEntryId'>;
}

export interface SampleLoanApplication {
  member: number;
  /** The meeting that voted; null while it waits for the next one. */
  meeting: number | null;
  fields: Omit<LoanApplicationFields, 'memberId' | 'meetingId'>;
}

export interface SampleLoan {
  member: number;
  /** Index into the fund's applications: the one the club voted. */
  application: number;
  fields: Omit<LoanFields, 'memberId' | 'applicationId'>;
}

export interface SampleCashCount {
  meeting: number;
  /** Places in the register of the two officers who counted. */
  countedBy: [number, number];
  /** Index into the fund's entries: the over/short entry, when the count differed. */
  overShort: number | null;
  fields: Omit<FieldsOf<'cashCounts'>, 'meetingId' | 'countedBy' | 'overShortEntryId'>;
}

/**
 * A meeting's count undone: an entry of its day was forgotten. The sample's records carry no
 * time of their own; their order is their place in the fund's lists, and the writer keeps it
 * (sample-book.ts, pushFundBook): the entries, then the counts, then the reopenings, each list
 * in order. So a reopening comes after the count it names, as the rule wants (only the last
 * standing count may be reopened: no count after `count` existed when it was made), and here
 * in the lists it falls between that count and the next, the recount of the same meeting.
 */
export interface SampleReopening {
  /** Index into the fund's counts: the one reopened, then the last standing. */
  count: number;
  /** Index into the fund's entries: the entry that was forgotten, dated the meeting's day. */
  entry: number;
  fields: Omit<FieldsOf<'reopenings'>, 'cashCountId'>;
}

/**
 * "Checked" for what the fund book shows as a duplicate: two repayments of one loan, one day
 * and one amount, from two phones, that are both right. Its key names the entries' ids, which
 * the writer gives them: fundBookRecords makes it.
 */
export interface SampleReviewCheck {
  /** Indexes into the fund's entries: the two repayments, as written. */
  duplicate: [number, number];
  fields: Omit<FieldsOf<'reviewChecks'>, 'itemKey'>;
}

export interface SampleFund {
  entries: SampleEntry[];
  loanApplications: SampleLoanApplication[];
  loans: SampleLoan[];
  cashCounts: SampleCashCount[];
  reopenings: SampleReopening[];
  reviewChecks: SampleReviewCheck[];
}

/** A club without the books' history keeps no fund book either. */
export function noFund(): SampleFund {
  return { entries: [], loanApplications: [], loans: [], cashCounts: [], reopenings: [], reviewChecks: [] };
}

/** The project's seed capital (LEDGER.md): 100 million đồng. */
export const SAMPLE_SEED_CAPITAL = 100_000_000;
/** The monthly rate of a sample loan while the club has set none: 1 % a month. */
export const SAMPLE_RATE_BASIS_POINTS = 100;
/** The phones that recorded the sample's money: the treasurer's, and the chair's beside it. */
export const SAMPLE_TREASURER_PHONE_ID = 'f0000000-0000-7000-8000-000000000001';
export const SAMPLE_CHAIR_PHONE_ID = 'f0000000-0000-7000-8000-000000000002';

/** How the members pay: most on time; some, whose year went badly, late or a part at a time. */
const HABITS = {
  steady: [['onTime', 95], ['half', 1], ['late', 4]],
  shaky: [['onTime', 58], ['half', 14], ['late', 28]],
} as const satisfies Record<string, Weighted<'onTime' | 'half' | 'late'>>;
/** Share of borrowers whose habit is steady. */
const STEADY = 0.8;
/** A member is this many days late before the club votes to write the loan off. */
const WRITE_OFF_AFTER_DAYS = 180;
/** The chance at a meeting that a member free to borrow asks, before their age and means weigh in. */
const ASKING = 0.16;
/** Members a meeting's applications are scaled to: a club of 500 does not ask eight times the money. */
const USUAL_ROLL = 60;

const AMOUNTS: Weighted<Dong> = [
  [3_000_000, 4],
  [4_000_000, 6],
  [5_000_000, 25],
  [6_000_000, 18],
  [7_000_000, 12],
  [8_000_000, 35],
];

const PURPOSES = [
  'Mua lợn giống',
  'Nuôi bò sinh sản',
  'Nuôi gà thả vườn',
  'Nuôi vịt đẻ',
  'Mua giống lúa, phân bón',
  'Trồng rau an toàn',
  'Trồng cây ăn quả',
  'Mở quán tạp hóa nhỏ',
  'Mua máy khâu nhận may đo',
  'Sửa chuồng trại',
  'Làm đậu phụ bán ở chợ',
  'Mua máy xay xát nhỏ',
];
const MOUNTAIN_PURPOSES = ['Nuôi dê', 'Trồng chè', 'Trồng quế', 'Nuôi lợn đen bản địa'];

const NOTES = {
  seed: 'Vốn hạt giống ban đầu của dự án cho quỹ quay vòng',
  topUp: 'Dự án bổ sung vốn cho quỹ quay vòng',
  tet: 'Con cháu hội viên làm ăn xa gửi về ủng hộ dịp Tết',
  business: 'Doanh nghiệp trong xã ủng hộ quỹ hoạt động',
  memberGift: 'Ủng hộ quỹ nhân dịp mừng thọ',
  tea: 'Nước chè, hoa quả cho cuộc họp tháng',
  sick: 'Thăm hội viên ốm',
  longevity: 'Mừng thọ các cụ tròn tuổi đầu xuân',
  elderlyDay: 'Quà Ngày Quốc tế Người cao tuổi 1/10',
  stationery: 'Mua sổ sách, văn phòng phẩm',
  duplicate: 'Ghi trùng hội phí, phát hiện khi đối chiếu trước lúc kiểm quỹ',
  short: 'Kiểm quỹ thiếu so với sổ, chờ Ban chủ nhiệm xem xét',
  over: 'Kiểm quỹ thừa so với sổ, chờ Ban chủ nhiệm xem xét',
  clearShort: 'Ban chủ nhiệm quyết định quỹ hoạt động bù khoản thiếu khi kiểm quỹ tháng trước',
  clearOver: 'Ban chủ nhiệm quyết định đưa khoản thừa khi kiểm quỹ tháng trước vào quỹ hoạt động',
  writeOff: 'Hội nghị biểu quyết xóa nợ gốc còn lại: gia đình gặp khó khăn, không còn khả năng trả',
  forgotDues: 'Quên ghi hội phí của một thành viên gửi nộp sau khi kiểm quỹ, kiểm lại quỹ',
  forgotGift: 'Quên ghi khoản ủng hộ nhận trong buổi họp, kiểm lại quỹ',
  lateGift: 'Ủng hộ quỹ hoạt động của câu lạc bộ',
  payAhead: 'Trả trước kỳ tháng sau, nộp cho chủ nhiệm',
  twoInstalments: 'Hội viên trả hai kỳ trong cùng buổi họp: một kỳ thủ quỹ ghi, một kỳ chủ nhiệm ghi trên máy mình. Ban chủ nhiệm đã đối chiếu, đúng.',
};

// The records the generator keeps for the domain's own functions (loan states, the expected
// cash): ids of its own, replaced by the writer's.
const STAMP = '2000-01-01T00:00:00.000Z';
const PLACEHOLDER_CLUB = 'ffffffff-0000-7000-8000-000000000000';
const NO_ENTRIES: ReadonlyMap<string, Entry> = new Map();

interface Person {
  fields: MemberFields;
  joinedDay: number;
  leftDay: number | null;
  /** The loan out, by its run; null when none. */
  loan: LoanRun | null;
  /** The first day they may ask again (a month after the last loan closed). */
  freeFrom: number;
  steady: boolean | null;
  wasLate: boolean;
  deferred: boolean;
  barred: boolean;
}

interface LoanRun {
  index: number;
  member: number;
  loan: Loan;
  entries: Entry[];
  /** The defaulter pays this many times, then stops; null for everyone else. */
  stopsAfter: number | null;
  payments: number;
  lastPaid: number;
  next: { day: number; meeting: number | null; part: 'due' | 'half' | 'all' } | null;
  open: boolean;
}

/**
 * The fund book from the seed capital, in the days before the first monthly meeting from
 * `from`, to `today`, for the members and the meeting book the generator made. Its own dice: the members, the meetings, the marks
 * and the care book are the same with or without it.
 */
export function sampleFund(
  dice: Dice,
  input: {
    club: ClubFields;
    members: readonly MemberFields[];
    meetings: readonly MeetingFields[];
    marks: readonly SampleMark[];
    from: CalendarDate;
    today: CalendarDate;
  },
): SampleFund {
  const { club, members, meetings } = input;
  const todayDay = toDay(input.today);
  const fromDayNumber = toDay(input.from);
  // Monthly meetings only: the dues, the votes and the count are theirs.
  const monthly = meetings.flatMap((m, i) => (m.kind === 'monthly' && m.heldOn >= input.from && m.heldOn <= input.today ? [i] : []));
  if (members.length < 2 || monthly.length === 0) return noFund();
  const monthlyDays = monthly.map((i) => toDay(meetings[i]!.heldOn));
  /** The monthly meeting of a day, by its place in `monthly`. */
  const meetingOn = new Map(monthlyDays.map((day, k) => [day, k]));
  const marksOf = new Map<number, SampleMark[]>();
  for (const mark of input.marks) {
    const list = marksOf.get(mark.meeting);
    if (list) list.push(mark);
    else marksOf.set(mark.meeting, [mark]);
  }

  const people: Person[] = members.map((fields) => ({
    fields,
    joinedDay: fields.joinedOn === null ? Number.NEGATIVE_INFINITY : toDay(fields.joinedOn),
    leftDay: fields.leftOn === null ? null : toDay(fields.leftOn),
    loan: null,
    freeFrom: Number.NEGATIVE_INFINITY,
    steady: null,
    wasLate: false,
    deferred: false,
    barred: false,
  }));
  const holder = (role: MemberFields['roles'][number]) => members.findIndex((m) => m.roles.includes(role));
  const treasurer = holder('treasurer');
  const officers = [treasurer, holder('chair'), holder('viceChair')].filter((i) => i >= 0);
  const leaders = members.flatMap((m, i) => (m.roles.includes('groupLeader') ? [i] : []));
  const rate = club.interestRateBasisPoints ?? SAMPLE_RATE_BASIS_POINTS;
  const purposes = club.areaType === 'mountains' ? [...PURPOSES, ...MOUNTAIN_PURPOSES] : PURPOSES;

  const out = noFund();
  const book: Entry[] = [];
  const balances = zeroBalances();
  const payments = new Map<number, LoanRun[]>();
  const later = new Map<number, (() => void)[]>();
  let placeholders = 0;
  const placeholder = () => `ffffffff-0000-7000-8000-${(placeholders++).toString(16).padStart(12, '0')}`;

  // What each day starts with: what is lent and spent that day must fit in it, in whatever
  // order the phones list the day's entries (all else that day only adds to both).
  let startAvailable = 0;
  let startCash = 0;
  let startOperating = 0;
  let lentToday = 0;
  let spentToday = 0;
  let operatingSpentToday = 0;
  const canLend = () => Math.min(startAvailable - lentToday, startCash - spentToday);
  const canSpend = () => Math.min(startCash - spentToday, startOperating - operatingSpentToday);

  function post(
    type: EntryType,
    day: number,
    lines: Line[],
    refs: { run?: LoanRun; member?: number | null; meeting?: number | null; reverses?: number | null },
    note: string | null,
    phoneId: string,
  ): number {
    const run = refs.run ?? null;
    const fields = { type, postedOn: fromDay(day), lines, loanId: run?.loan.id ?? null, memberId: null, meetingId: null, reversesEntryId: null, note, phoneId };
    const entry: Entry = { id: placeholder(), clubId: PLACEHOLDER_CLUB, createdAt: STAMP, updatedAt: STAMP, deleted: false, ...fields };
    book.push(entry);
    run?.entries.push(entry);
    for (const l of lines) {
      balances[l.account] += l.amount;
      if (l.account === 'cash' && l.amount < 0) spentToday -= l.amount;
      if (l.account === 'operatingFund' && l.amount > 0) operatingSpentToday += l.amount;
      if (l.account === 'loans' && l.amount > 0) lentToday += l.amount;
    }
    out.entries.push({
      loan: run?.index ?? null,
      member: refs.member ?? null,
      meeting: refs.meeting ?? null,
      reverses: refs.reverses ?? null,
      fields: { type, postedOn: fields.postedOn, lines: lines.map((l) => ({ ...l, loanId: null })), note, phoneId },
    });
    return out.entries.length - 1;
  }

  // The treasurer records the meeting's money; when they are away, the chair does.
  const phoneAt = (meeting: number | null) => {
    if (meeting === null || treasurer < 0) return SAMPLE_TREASURER_PHONE_ID;
    const mark = marksOf.get(meeting)?.find((m) => m.member === treasurer);
    return mark === undefined || mark.mark === 'present' ? SAMPLE_TREASURER_PHONE_ID : SAMPLE_CHAIR_PHONE_ID;
  };

  /** The monthly meeting, by its place in `monthly`, of the last held in [low, high], or the first. */
  function meetingIn(low: number, high: number, which: 'first' | 'last'): number | null {
    let found: number | null = null;
    for (let k = 0; k < monthlyDays.length; k++) {
      const day = monthlyDays[k]!;
      if (day < low) continue;
      if (day > high) break;
      found = k;
      if (which === 'first') break;
    }
    return found;
  }

  function expense(day: number, amount: Dong, note: string, meeting: number | null) {
    if (amount <= 0 || amount > canSpend()) return;
    post('expense', day, [line('operatingFund', amount), line('cash', -amount)], { meeting }, note, phoneAt(meeting));
  }

  function donation(day: number, amount: Dong, fund: 'incomeFund' | 'operatingFund', note: string, member: number | null, meeting: number | null, phoneId: string) {
    post('donation', day, [line('cash', amount), line(fund, -amount)], { member, meeting }, note, phoneId);
  }

  // ── Repayments ────────────────────────────────────────────────────────────────────────
  function stateOf(run: LoanRun, day: number): LoanState {
    return loanState(run.loan, run.entries, NO_ENTRIES, fromDay(day));
  }

  /** When the member pays next, for the instalment falling due on `dueOn` (null: the loan is paid off). */
  function schedule(run: LoanRun, dueOn: CalendarDate | null, now: number) {
    run.next = null;
    if (dueOn === null) {
      run.open = false;
      const person = people[run.member]!;
      person.loan = null;
      person.freeFrom = run.lastPaid + 30;
      return;
    }
    if (run.stopsAfter !== null && run.payments >= run.stopsAfter) return;
    // The next instalment not fully paid; one paid in part is caught up at least three weeks on.
    const target = Math.max(toDay(dueOn), run.lastPaid + 21, now + 1);
    const steady = people[run.member]!.steady !== false;
    const habit = dice.weighted<'onTime' | 'half' | 'late'>(steady ? HABITS.steady : HABITS.shaky);
    let day: number;
    let meeting: number | null = null;
    if (habit === 'late') {
      day = target + dice.int(4, 45);
      const k = meetingIn(day, day + 10, 'first');
      if (k !== null) [day, meeting] = [monthlyDays[k]!, monthly[k]!];
    } else {
      // At the meeting in the week before it falls due, else at the treasurer's house on the day or just before.
      const k = meetingIn(Math.max(target - 6, now + 1), target, 'last');
      if (k !== null) [day, meeting] = [monthlyDays[k]!, monthly[k]!];
      else day = Math.max(now + 1, target - dice.int(0, 2));
    }
    const part = habit === 'half' ? 'half' : steady && run.stopsAfter === null && dice.chance(0.015) ? 'all' : 'due';
    run.next = { day, meeting, part };
    if (day > todayDay) return;
    const list = payments.get(day);
    if (list) list.push(run);
    else payments.set(day, [run]);
  }

  function pay(run: LoanRun, day: number) {
    const next = run.next;
    if (!next || !run.open) return;
    const state = stateOf(run, day);
    const offered = offeredRepayment(state);
    const half = Math.floor(offered / 2000) * 1000;
    const amount = next.part === 'all' ? state.remaining : next.part === 'half' && half > 0 ? half : offered;
    const allocation = allocateRepayment(state, amount);
    if (allocation) {
      if (state.daysLate > 0) people[run.member]!.wasLate = true;
      const first = post('repayment', day, repaymentLines(run.loan, allocation), { run, member: run.member, meeting: next.meeting }, null, phoneAt(next.meeting));
      run.payments += 1;
      run.lastPaid = day;
      if (payAhead(run, day, next, state, allocation, first)) return;
    }
    schedule(run, unpaidAfter(state, allocation), day);
  }

  /**
   * Once or twice (from the days in `paysAhead`), a member on time at a meeting pays next
   * month's instalment too, the same amount, to the chair, who records it on their own phone:
   * two repayments of one loan, day and amount from two phones, which the fund book shows as
   * a possible duplicate; the board looks, finds both right, and marks it checked. Only when
   * the next instalment asks exactly what this one did, split the same way, and the loan is
   * not paid off by it: the second payment is what a repayment that day would divide as, and
   * never more than is owed.
   */
  function payAhead(run: LoanRun, day: number, next: NonNullable<LoanRun['next']>, state: LoanState, paid: Allocation, first: number): boolean {
    const from = paysAhead[0];
    if (from === undefined || day < from || next.meeting === null || next.part !== 'due' || state.daysLate > 0 || run.stopsAfter !== null) return false;
    if (phoneAt(next.meeting) !== SAMPLE_TREASURER_PHONE_ID) return false;
    const amount = paid.principal + paid.interest;
    const after = stateOf(run, day);
    const again = allocateRepayment(after, amount);
    if (!again || offeredRepayment(after) !== amount || amount >= after.remaining || again.principal !== paid.principal || again.interest !== paid.interest) return false;
    const second = post('repayment', day, repaymentLines(run.loan, again), { run, member: run.member, meeting: next.meeting }, NOTES.payAhead, SAMPLE_CHAIR_PHONE_ID);
    run.payments += 1;
    out.reviewChecks.push({ duplicate: [first, second], fields: { note: NOTES.twoInstalments } });
    paysAhead.shift();
    schedule(run, unpaidAfter(after, again), day);
    return true;
  }

  // ── The loan that is written off ──────────────────────────────────────────────────────
  // The first loan paid out a fifth of the way into the history, to a member holding no post.
  const defaulterFrom = fromDayNumber + Math.floor((todayDay - fromDayNumber) / 5);
  let defaulter: LoanRun | null = null;

  function lend(k: number, day: number, member: number, application: number, amount: Dong, termMonths: number, purpose: string) {
    const meeting = monthly[k]!;
    const disbursedOn = fromDay(day);
    const fields: Omit<LoanFields, 'memberId' | 'applicationId'> = {
      source: 'disbursed',
      principal: amount,
      originalPrincipal: null,
      disbursedOn,
      firstDueOn: addMonths(disbursedOn, 1),
      termMonths,
      rateBasisPoints: rate,
      method: club.loanMethod,
      pattern: club.loanPattern,
      roundTo: club.loanRoundTo,
      toIncomeFundPercent: club.interestToFundPercent,
      purpose,
    };
    const loan: Loan = { id: placeholder(), clubId: PLACEHOLDER_CLUB, createdAt: STAMP, updatedAt: STAMP, deleted: false, memberId: placeholder(), applicationId: null, ...fields };
    const person = people[member]!;
    person.steady ??= dice.chance(STEADY);
    const noPost = members[member]!.roles.every((r) => r === 'volunteer' || r === 'careRecipient');
    const defaults = defaulter === null && day >= defaulterFrom && noPost;
    const run: LoanRun = { index: out.loans.length, member, loan, entries: [], stopsAfter: defaults ? dice.int(2, 5) : null, payments: 0, lastPaid: day, next: null, open: true };
    if (defaults) defaulter = run;
    out.loans.push({ member, application, fields });
    person.loan = run;
    post('disbursement', day, [line('loans', amount, loan.id), line('cash', -amount)], { run, member, meeting }, null, phoneAt(meeting));
    schedule(run, loan.firstDueOn, day);
  }

  function writeOffIfDue(k: number, day: number) {
    const run = defaulter;
    if (!run || !run.open) return;
    const state = stateOf(run, day);
    if (state.daysLate < WRITE_OFF_AFTER_DAYS || state.outstanding <= 0) return;
    const meeting = monthly[k]!;
    post('writeOff', day, [line('incomeFund', state.outstanding), line('loans', -state.outstanding, run.loan.id)], { run, member: run.member, meeting }, NOTES.writeOff, SAMPLE_CHAIR_PHONE_ID);
    run.open = false;
    run.next = null;
    const person = people[run.member]!;
    person.loan = null;
    person.barred = true;
  }

  // ── Applications and the vote ─────────────────────────────────────────────────────────
  const mayAsk = (i: number, day: number) => {
    const p = people[i]!;
    if (p.loan !== null || p.barred || day < p.freeFrom || day - p.joinedDay < 90) return false;
    // No one asks for a loan they would still be repaying when they leave the club.
    return p.leftDay === null || p.leftDay > day + 500;
  };
  const askWeight = (i: number, day: number) => {
    const p = people[i]!;
    const age = Number(fromDay(day).slice(0, 4)) - p.fields.birthYear;
    const byAge = age < 60 ? 1.4 : age < 70 ? 1 : age < 80 ? 0.55 : 0.12;
    const cared = p.fields.roles.includes('careRecipient') ? 0.3 : 1;
    const poor = p.fields.poverty === 'none' ? 1 : 1.5;
    return byAge * cared * poor * (p.deferred ? 2 : 1);
  };

  function applicationFields(i: number, day: number, low: number) {
    const amount = Math.min(dice.weighted(AMOUNTS), club.maxLoan);
    const termMonths = dice.weighted<number>([[club.loanTermMonths, 75], [6, 15], [9, 10]]);
    const appliedDay = Math.max(low, people[i]!.joinedDay, day - dice.int(2, 20));
    return { appliedOn: fromDay(Math.min(appliedDay, day)), amount, termMonths, purpose: dice.pick(purposes) };
  }

  function votes(present: number, decision: 'approved' | 'deferred' | 'refused'): [number, number] {
    const voters = Math.min(present, 999);
    const abstain = dice.int(0, Math.min(2, voters));
    const voting = voters - abstain;
    if (decision === 'refused') {
      const against = voting - dice.int(0, Math.floor(voting / 3));
      return [voting - against, against];
    }
    const against = dice.int(0, Math.min(decision === 'approved' ? 2 : 6, voting));
    return [voting - against, against];
  }

  function vote(k: number, day: number, marks: readonly SampleMark[]) {
    if (club.maxLoan < 1) return;
    const meeting = monthly[k]!;
    const present = marks.filter((m) => m.mark === 'present').length;
    // A big club asks no more money than a village one; money lying idle is offered round.
    const scale = Math.min(1, USUAL_ROLL / Math.max(1, marks.length)) * (1 + Math.min(1, Math.max(0, startAvailable) / SAMPLE_SEED_CAPITAL));
    const asking = marks.filter((m) => m.mark !== 'absent' && mayAsk(m.member, day) && dice.chance(Math.min(0.9, ASKING * scale * askWeight(m.member, day))));
    // Those put off last time are heard first.
    const order = [...asking.filter((m) => people[m.member]!.deferred), ...dice.shuffle(asking.filter((m) => !people[m.member]!.deferred))];
    const low = k > 0 ? monthlyDays[k - 1]! + 1 : fromDayNumber;
    for (const { member } of order) {
      const person = people[member]!;
      const asked = applicationFields(member, day, low);
      let decision: 'approved' | 'deferred' | 'refused';
      if (dice.chance(person.wasLate ? 0.15 : 0.02)) decision = 'refused';
      else if (asked.amount <= canLend() && !dice.chance(0.02)) decision = 'approved';
      else decision = 'deferred';
      const [votesFor, votesAgainst] = votes(present, decision);
      out.loanApplications.push({ member, meeting, fields: { ...asked, decision, votesFor, votesAgainst } });
      person.deferred = decision === 'deferred';
      // Put off, they wait a month or two for the money to come back in.
      if (decision === 'deferred') person.freeFrom = day + dice.int(20, 75);
      if (decision === 'refused') person.wasLate = false;
      if (decision === 'approved') lend(k, day, member, out.loanApplications.length - 1, asked.amount, asked.termMonths, asked.purpose);
    }
  }

  // Once, two to four years in, the project tops the lending capital up (three clubs in four).
  const span = todayDay - fromDayNumber;
  const topUpDay = span >= 730 && dice.chance(0.75) ? fromDayNumber + dice.int(Math.floor(span * 0.4), Math.floor(span * 0.8)) : Number.POSITIVE_INFINITY;
  let toppedUp = false;
  // Once or twice in the history, a count reopened for an entry forgotten (from the meeting in
  // `slips`, the first whose count had no difference); and a member paying a month ahead.
  const n = monthly.length;
  const slips = n >= 12 ? [dice.int(Math.floor(n * 0.2), Math.floor(n * 0.5)), ...(dice.chance(0.5) ? [dice.int(Math.floor(n * 0.6), n - 2)] : [])] : [];
  const paysAhead =
    span >= 365 ? [fromDayNumber + dice.int(Math.floor(span * 0.1), Math.floor(span * 0.45)), ...(dice.chance(0.5) ? [fromDayNumber + dice.int(Math.floor(span * 0.5), Math.floor(span * 0.85))] : [])] : [];

  // ── The meeting ───────────────────────────────────────────────────────────────────────
  let suspense = 0;
  let cashAtLastCount = 0;
  let entriesAtLastCount = 0;
  const givenName = (i: number) => members[i]!.fullName.split(' ').at(-1)!;
  const pronoun = (i: number, day: number) => {
    const m = members[i]!;
    const old = Number(fromDay(day).slice(0, 4)) - m.birthYear >= 60;
    return m.gender === 'female' ? (old ? 'bà' : 'chị') : old ? 'ông' : 'anh';
  };

  function counters(meeting: number, day: CalendarDate): [number, number] | null {
    const here = (i: number) => onRoll(members[i]!, day);
    const board = officers.filter(here);
    const leading = dice.shuffle(leaders.filter(here));
    const first = board[0] ?? leading.shift();
    const second = board.length >= 2 ? dice.pick(board.slice(1)) : leading.find((i) => i !== first);
    if (first !== undefined && second !== undefined) return [first, second];
    const present = (marksOf.get(meeting) ?? []).filter((m) => m.mark === 'present').map((m) => m.member);
    const two = [...new Set([first, ...present].filter((i): i is number => i !== undefined))].slice(0, 2);
    return two.length === 2 ? [two[0]!, two[1]!] : null;
  }

  function meetingDay(k: number, day: number) {
    const meeting = monthly[k]!;
    const heldOn = fromDay(day);
    const month = Number(heldOn.slice(5, 7));
    const phone = phoneAt(meeting);
    const marks = marksOf.get(meeting) ?? [];
    const nextDay = monthlyDays[k + 1] ?? todayDay + 1;

    // Last month's difference, settled by the board from the operating fund.
    if (suspense > 0 && suspense <= startOperating - operatingSpentToday) {
      post('suspenseCleared', day, [line('operatingFund', suspense), line('suspense', -suspense)], { meeting }, NOTES.clearShort, phone);
      suspense = 0;
    } else if (suspense < 0) {
      post('suspenseCleared', day, [line('suspense', -suspense), line('operatingFund', suspense)], { meeting }, NOTES.clearOver, phone);
      suspense = 0;
    }

    // The dues: nearly everyone there, half of those excused send theirs with a neighbour.
    const dues: number[] = [];
    if (club.monthlyDues > 0) {
      for (const { member, mark } of marks) {
        if (!dice.chance(mark === 'present' ? 0.96 : mark === 'excused' ? 0.5 : 0.12)) continue;
        dues.push(post('dues', day, [line('cash', club.monthlyDues), line(club.duesTo, -club.monthlyDues)], { member, meeting }, null, phone));
      }
    }
    // Now and then a member's dues are tapped in twice; the treasurer finds it before the count.
    if (dues.length > 0 && dice.chance(0.08) && club.monthlyDues <= startCash - spentToday) {
      const twice = out.entries[dice.pick(dues)]!;
      const copy = post('dues', day, twice.fields.lines, { member: twice.member, meeting }, null, phone);
      post('reversal', day, twice.fields.lines.map((l) => ({ ...l, amount: -l.amount })), { member: twice.member, meeting, reverses: copy }, NOTES.duplicate, phone);
    }

    writeOffIfDue(k, day);
    vote(k, day, marks);

    // What the meeting costs and what it is given.
    const year = Number(heldOn.slice(0, 4));
    const firstOfYear = k === 0 || Number(fromDay(monthlyDays[k - 1]!).slice(0, 4)) < year;
    if (dice.chance(0.45)) expense(day, dice.int(10, 25) * 10_000, NOTES.tea, meeting);
    if (firstOfYear) {
      const roundBirthdays = marks.filter(({ member }) => {
        const age = year - members[member]!.birthYear;
        return age >= 70 && age % 5 === 0;
      }).length;
      if (roundBirthdays > 0) expense(day, roundBirthdays * dice.int(10, 20) * 10_000, NOTES.longevity, meeting);
      if (dice.chance(0.6)) donation(day, dice.int(2, 10) * 500_000, 'operatingFund', NOTES.tet, dice.pick(marks)?.member ?? null, meeting, phone);
    }
    if (month === 10 && dice.chance(0.5)) expense(day, dice.int(5, 15) * 100_000, NOTES.elderlyDay, meeting);
    if (dice.chance(0.05)) donation(day, dice.int(2, 6) * 500_000, 'operatingFund', NOTES.business, null, meeting, SAMPLE_CHAIR_PHONE_ID);
    if (dice.chance(0.04) && marks.length > 0) {
      const giver = dice.pick(marks).member;
      donation(day, dice.int(1, 4) * 500_000, 'operatingFund', NOTES.memberGift, giver, meeting, phone);
    }
    if (day >= topUpDay && !toppedUp) {
      toppedUp = true;
      donation(day, dice.int(4, 10) * 5_000_000, 'incomeFund', NOTES.topUp, null, meeting, SAMPLE_CHAIR_PHONE_ID);
    }
    // Between this meeting and the next: visits to the sick, and the year's stationery.
    for (let n = dice.chance(0.55) ? (dice.chance(0.25) ? 2 : 1) : 0; n > 0 && nextDay - day > 2; n--) {
      const on = dice.int(day + 1, nextDay - 1);
      const sick = dice.pick(marks)?.member;
      if (sick === undefined) continue;
      const note = `${NOTES.sick}: ${pronoun(sick, on)} ${givenName(sick)}`;
      const amount = dice.int(2, 5) * 100_000;
      plan(on, () => expense(on, amount, note, null));
    }
    if (month === 3 && nextDay - day > 2) {
      const on = dice.int(day + 1, nextDay - 1);
      const amount = dice.int(1, 3) * 100_000;
      plan(on, () => expense(on, amount, NOTES.stationery, null));
    }

    // The count closes the meeting: two officers count the box beside the book's figure.
    const countedBy = counters(meeting, heldOn);
    if (countedBy === null) return;
    // The book is written in date order: the cash through the last count, and what came in and went out since.
    const expected = cashAtLastCount + expectedCash(book.slice(entriesAtLastCount), heldOn);
    let counted = expected;
    if (dice.chance(0.05)) {
      const difference = dice.int(1, 10) * 5_000 * (dice.chance(0.7) ? -1 : 1);
      if (difference > 0 || -difference <= Math.min(expected, startCash - spentToday)) counted = expected + difference;
    }
    const lines = overShortLines(counted, expected);
    let overShort: number | null = null;
    if (lines) {
      overShort = post('overShort', day, lines, { meeting }, counted < expected ? NOTES.short : NOTES.over, phone);
      suspense += expected - counted;
    }
    out.cashCounts.push({ meeting, countedBy, overShort, fields: { countedOn: heldOn, counted, expected } });
    cashAtLastCount = counted;
    entriesAtLastCount = book.length;

    // Just after the count, an entry of the day turns up unwritten: dues handed over late, or a
    // gift. The count (the last standing: nothing is counted after it yet) is reopened with the
    // reason, the entry written on the meeting's day, and the box counted again, the entry in.
    const slip = slips[0];
    if (slip === undefined || k < slip || lines !== null) return;
    slips.shift();
    const paid = new Set(out.entries.slice(dues[0] ?? out.entries.length).flatMap((e) => (e.fields.type === 'dues' && e.meeting === meeting ? [e.member] : [])));
    const late = club.monthlyDues > 0 ? marks.filter((m) => m.mark !== 'absent' && !paid.has(m.member)) : [];
    let forgotten: number;
    let reason: string;
    if (late.length > 0) {
      const { member } = dice.pick(late);
      forgotten = post('dues', day, [line('cash', club.monthlyDues), line(club.duesTo, -club.monthlyDues)], { member, meeting }, null, phone);
      reason = NOTES.forgotDues;
    } else {
      const giver = marks.find((m) => m.mark === 'present')?.member ?? null;
      forgotten = post('donation', day, [line('cash', 500_000), line('operatingFund', -500_000)], { member: giver, meeting }, NOTES.lateGift, phone);
      reason = NOTES.forgotGift;
    }
    out.reopenings.push({ count: out.cashCounts.length - 1, entry: forgotten, fields: { reason } });
    const recounted = cashAtLastCount + expectedCash(book.slice(entriesAtLastCount), heldOn);
    out.cashCounts.push({ meeting, countedBy: [...countedBy], overShort: null, fields: { countedOn: heldOn, counted: recounted, expected: recounted } });
    cashAtLastCount = recounted;
    entriesAtLastCount = book.length;
  }

  function plan(day: number, job: () => void) {
    const list = later.get(day);
    if (list) list.push(job);
    else later.set(day, [job]);
  }

  // The project hands the seed capital over in the days before the first meeting, which lends it.
  const seedDay = Math.max(fromDayNumber, monthlyDays[0]! - dice.int(3, 10));
  for (let day = seedDay; day <= todayDay; day++) {
    startAvailable = availableToLend(balances);
    startCash = balances.cash;
    startOperating = fundBalance(balances, 'operatingFund');
    lentToday = 0;
    spentToday = 0;
    operatingSpentToday = 0;
    const due = payments.get(day);
    if (due) {
      payments.delete(day);
      for (const run of due) pay(run, day);
    }
    if (day === seedDay) post('seed', day, [line('cash', SAMPLE_SEED_CAPITAL), line('incomeFund', -SAMPLE_SEED_CAPITAL)], {}, NOTES.seed, SAMPLE_TREASURER_PHONE_ID);
    const jobs = later.get(day);
    if (jobs) {
      later.delete(day);
      for (const job of jobs) job();
    }
    const k = meetingOn.get(day);
    if (k !== undefined) meetingDay(k, day);
  }

  // A few ask after the last meeting: their applications wait for the next one.
  const lastDay = monthlyDays[monthlyDays.length - 1]!;
  if (todayDay - lastDay >= 3) {
    const waiting = dice.shuffle(members.flatMap((m, i) => (onRoll(m, input.today) && mayAsk(i, todayDay) ? [i] : []))).slice(0, dice.int(0, 3));
    for (const member of waiting) {
      const asked = applicationFields(member, todayDay, lastDay + 1);
      out.loanApplications.push({ member, meeting: null, fields: { ...asked, decision: 'pending', votesFor: null, votesAgainst: null } });
    }
  }
  return out;
}

/**
 * The first instalment still unpaid once `paid` is taken off the loan, filling each part of
 * the schedule in order as loanState does; null when it pays the loan off.
 */
function unpaidAfter(state: LoanState, paid: Allocation | null): CalendarDate | null {
  if (paid && paid.principal >= state.outstanding) return null;
  let interest = paid?.interest ?? 0;
  let principal = paid?.principal ?? 0;
  for (const i of state.instalments) {
    const interestPaid = Math.min(i.interest - i.interestPaid, interest);
    const principalPaid = Math.min(i.principal - i.principalPaid, principal);
    interest -= interestPaid;
    principal -= principalPaid;
    if (i.interestPaid + interestPaid < i.interest || i.principalPaid + principalPaid < i.principal) return i.dueOn;
  }
  return null;
}

/**
 * The fund book's records with their ids: `registerIds` are the register's (members, then
 * non-members) and `meetingIds` the meeting book's, as written. Written in this order (the
 * entries, then the counts, the reopenings and the checks, each list in order), the book
 * is as the club kept it: a count after what it closes, a reopening after the count it names,
 * a check after the entries it names.
 */
export function fundBookRecords(fund: SampleFund, registerIds: readonly string[], meetingIds: readonly string[], newId: () => string) {
  const person = (index: number) => registerIds[index]!;
  const meetingOf = (index: number | null) => (index === null ? null : meetingIds[index]!);
  const loanApplications = fund.loanApplications.map((a) => ({
    id: newId(),
    fields: { ...a.fields, memberId: person(a.member), meetingId: meetingOf(a.meeting) } satisfies LoanApplicationFields,
  }));
  const loans = fund.loans.map((l) => ({
    id: newId(),
    fields: { ...l.fields, memberId: person(l.member), applicationId: loanApplications[l.application]!.id } satisfies LoanFields,
  }));
  const entryIds = fund.entries.map(() => newId());
  // A duplicate's key names its entries in the book's order: by day, then as recorded, then
  // by id. The first of the two payments takes the smaller id, so the order is the written one
  // whether the two share a moment (one batch) or not (the first is written first).
  for (const { duplicate: [a, b] } of fund.reviewChecks) {
    if (entryIds[a]! > entryIds[b]!) [entryIds[a], entryIds[b]] = [entryIds[b]!, entryIds[a]!];
  }
  const entries = fund.entries.map((e, i) => {
    const loanId = e.loan === null ? null : loans[e.loan]!.id;
    const fields: EntryFields = {
      ...e.fields,
      lines: e.fields.lines.map((l) => (l.account === 'loans' ? { ...l, loanId } : l)),
      loanId,
      memberId: e.member === null ? null : person(e.member),
      meetingId: meetingOf(e.meeting),
      reversesEntryId: e.reverses === null ? null : entryIds[e.reverses]!,
    };
    return { id: entryIds[i]!, fields };
  });
  const cashCounts = fund.cashCounts.map((c) => ({
    id: newId(),
    fields: {
      ...c.fields,
      meetingId: meetingIds[c.meeting]!,
      countedBy: c.countedBy.map(person),
      overShortEntryId: c.overShort === null ? null : entryIds[c.overShort]!,
    } satisfies FieldsOf<'cashCounts'>,
  }));
  const reopenings = fund.reopenings.map((r) => ({
    id: newId(),
    fields: { ...r.fields, cashCountId: cashCounts[r.count]!.id } satisfies FieldsOf<'reopenings'>,
  }));
  // The key reviewItems gives the item (review-items.ts): its kind, then its entries' ids.
  const reviewChecks = fund.reviewChecks.map((c) => ({
    id: newId(),
    fields: { ...c.fields, itemKey: `duplicate:${c.duplicate.map((i) => entryIds[i]!).join(':')}` } satisfies FieldsOf<'reviewChecks'>,
  }));
  return { loanApplications, loans, entries, cashCounts, reopenings, reviewChecks };
}
