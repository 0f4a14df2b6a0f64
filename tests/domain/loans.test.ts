import { describe, expect, it } from 'vitest';
import { scheduleOf, scheduleTotals, type LoanTerms } from '../../src/domain/loans';

const worked: LoanTerms = { principal: 8_000_000, termMonths: 12, rateBasisPoints: 100, method: 'flat', pattern: 'equal', roundTo: 1, firstDueOn: '2026-02-15' };

describe('a loan’s schedule', () => {
  it('is LEDGER.md’s worked example to the đồng: 8,000,000 over 12 months at 1 % flat', () => {
    const schedule = scheduleOf(worked);
    expect(schedule).toHaveLength(12);
    expect(schedule.every((i) => i.interest === 80_000)).toBe(true);
    expect(schedule.slice(0, 11).every((i) => i.principal === 666_667)).toBe(true);
    expect(schedule[11]!.principal).toBe(666_663);
    expect(scheduleTotals(schedule)).toEqual({ principal: 8_000_000, interest: 960_000 });
    expect(schedule.map((i) => i.dueOn).slice(0, 3)).toEqual(['2026-02-15', '2026-03-15', '2026-04-15']);
  });

  it('falls due on the month’s last day when the month is shorter', () => {
    const schedule = scheduleOf({ ...worked, firstDueOn: '2027-01-31', termMonths: 3 });
    expect(schedule.map((i) => i.dueOn)).toEqual(['2027-01-31', '2027-02-28', '2027-03-31']);
  });

  it('takes the principal at the end when the interest is paid monthly', () => {
    const schedule = scheduleOf({ ...worked, pattern: 'interestOnly', termMonths: 6 });
    expect(schedule.map((i) => [i.principal, i.interest])).toEqual([[0, 80_000], [0, 80_000], [0, 80_000], [0, 80_000], [0, 80_000], [8_000_000, 80_000]]);
  });

  it('on the declining balance in equal instalments, charges each month on what is still out', () => {
    const schedule = scheduleOf({ ...worked, method: 'declining' });
    // The annuity of 8,000,000 over 12 months at 1 %: 710,790.36… → 710,790.
    expect(schedule.slice(0, 11).every((i) => i.principal + i.interest === 710_790)).toBe(true);
    expect(schedule[0]!.interest).toBe(80_000);
    expect(schedule[1]!.interest).toBe(Math.round((8_000_000 - schedule[0]!.principal) / 100));
    expect(scheduleTotals(schedule).principal).toBe(8_000_000);
    const interests = schedule.map((i) => i.interest);
    expect(interests).toEqual([...interests].sort((a, b) => b - a));
  });

  it('rounds to 1,000 đồng when the club says so, and never lends more than the principal back', () => {
    const schedule = scheduleOf({ ...worked, roundTo: 1000, principal: 5_000_000, termMonths: 7, rateBasisPoints: 150 });
    expect(schedule.slice(0, 6).every((i) => i.principal === 714_000 && i.interest === 75_000)).toBe(true);
    expect(schedule[6]!.principal).toBe(5_000_000 - 6 * 714_000);
    const tiny = scheduleOf({ ...worked, roundTo: 1000, principal: 2_000, termMonths: 4 });
    expect(tiny.every((i) => i.principal >= 0)).toBe(true);
    expect(scheduleTotals(tiny).principal).toBe(2_000);
  });
});
