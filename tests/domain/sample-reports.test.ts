import { describe, expect, it } from 'vitest';
import { clubReport } from '../../src/domain/club-report';
import { fundSummary } from '../../src/domain/fund-figures';
import { onRoll } from '../../src/domain/meeting-figures';
import { periodOf, reportedPeriods, reportStatus } from '../../src/domain/periods';
import { sampleBooks } from '../../src/domain/sample-books';
import { SAMPLE_TODAY, sampleClub } from '../../src/domain/sample-club';
import { sampleReports } from '../../src/domain/sample-reports';
import { standing } from '../../src/domain/strike-outs';

let next = 0;
const sample = sampleClub({ seed: 2026, members: 70 });
const books = sampleBooks(sample, { clubId: '00000000-0000-7000-8000-00000000c1ab', at: '2026-11-23T08:00:00.000Z', newId: () => `00000000-0000-7000-8000-${(next++).toString(16).padStart(12, '0')}` });
const began = sample.meetings[0]!.heldOn;
const reports = sampleReports(books, SAMPLE_TODAY, began, 2026);

describe('the sample club’s reports', () => {
  it('sends every half-year and year owed but one, one late and one twice, each from the books', () => {
    const owed = reportedPeriods(SAMPLE_TODAY, began).map((p) => p.key);
    const sent = reports.map((r) => r.fields.periodKey);
    const missing = owed.filter((key) => !sent.includes(key));
    expect(missing).toHaveLength(1);
    const statuses = owed.map((key) => {
      const theirs = reports.filter((r) => r.fields.periodKey === key);
      return reportStatus(periodOf(key)!, theirs[0]?.sentAt ?? null, SAMPLE_TODAY);
    });
    expect(statuses.filter((s) => s === 'late')).toHaveLength(1);
    expect(statuses.filter((s) => s === 'missing')).toHaveLength(1);
    const twice = owed.filter((key) => reports.filter((r) => r.fields.periodKey === key).length === 2);
    expect(twice).toHaveLength(1);
    const [first, again] = reports.filter((r) => r.fields.periodKey === twice[0]);
    expect(first!.fields.figures).not.toEqual(again!.fields.figures);
    for (const r of reports.filter((x) => x !== first)) expect(r.fields.figures).toEqual(clubReport(books, periodOf(r.fields.periodKey)!).figures);
  });

  it('is the same for the same seed', () => {
    expect(sampleReports(books, SAMPLE_TODAY, began, 2026).map((r) => r.sentAt)).toEqual(reports.map((r) => r.sentAt));
  });
});

describe('the report on the five-year sample club, counted another way', () => {
  const period = periodOf('2026-H1')!;
  const f = clubReport(books, period).figures;
  const inPeriod = (d: string) => d >= period.from && d <= period.to;

  it('counts the members and the meetings as a plain count of the records does', () => {
    const atEnd = books.members.filter((m) => !m.notMember && onRoll(m, period.to));
    expect(f.members).toBe(atEnd.length);
    expect(f.women).toBe(atEnd.filter((m) => m.gender === 'female').length);
    expect(f.joined).toBe(books.members.filter((m) => !m.notMember && m.joinedOn !== null && inPeriod(m.joinedOn)).length);
    expect(f.meetingsHeld).toBe(books.meetings.filter((m) => inPeriod(m.heldOn)).length);
    expect(f.monthsWithMeeting).toBe(new Set(books.meetings.filter((m) => m.kind === 'monthly' && inPeriod(m.heldOn)).map((m) => m.heldOn.slice(0, 7))).size);
    expect(f.members).toBeGreaterThan(50);
  });

  it('counts visits and readings that stand, and the fund’s closing as the fund book shows it', () => {
    expect(f.visits).toBe(standing(books.visits, books.strikeOuts, 'visits').filter((v) => inPeriod(v.visitedOn)).length);
    expect(f.readings).toBe(standing(books.readings, books.strikeOuts, 'readings').filter((r) => inPeriod(r.takenOn)).length);
    const summary = fundSummary(books.entries, books.loans, period.to);
    expect(f.incomeClosing).toBe(summary.incomeFund);
    expect(f.operatingClosing).toBe(summary.operatingFund);
    expect(f.loansOutstanding).toBe(summary.portfolio.outstanding);
    expect(f.visits).toBeGreaterThan(0);
    expect(f.incomeClosing).toBeGreaterThan(0);
  });
});
