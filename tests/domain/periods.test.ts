import { describe, expect, it } from 'vitest';
import { customPeriod, periodContaining, periodOf, previousPeriod, reportedPeriods, reportStatus } from '../../src/domain/periods';

describe('report periods', () => {
  it('names each period by a key and finds it again', () => {
    expect(periodOf('2026-H1')).toEqual({ key: '2026-H1', kind: 'half', from: '2026-01-01', to: '2026-06-30' });
    expect(periodOf('2026-H2')).toMatchObject({ from: '2026-07-01', to: '2026-12-31' });
    expect(periodOf('2024-02')).toMatchObject({ kind: 'month', from: '2024-02-01', to: '2024-02-29' });
    expect(periodOf('2026-Q3')).toMatchObject({ from: '2026-07-01', to: '2026-09-30' });
    expect(periodOf('2026')).toMatchObject({ kind: 'year', from: '2026-01-01', to: '2026-12-31' });
    expect(periodOf('2026-01-05_2026-03-10')).toMatchObject({ kind: 'custom', from: '2026-01-05', to: '2026-03-10' });
    for (const bad of ['2026-13', '2026-H3', '2026-Q0', '2026-03-10_2026-01-05', '2026-02-30_2026-03-01', '26-H1', '']) expect(periodOf(bad)).toBeNull();
  });

  it('finds the period a day is in, and the one before', () => {
    expect(periodContaining('quarter', '2026-11-23').key).toBe('2026-Q4');
    expect(periodContaining('half', '2026-06-30').key).toBe('2026-H1');
    expect(previousPeriod(periodOf('2026-H1')!).key).toBe('2025-H2');
    expect(previousPeriod(periodOf('2026-01')!).key).toBe('2025-12');
    expect(previousPeriod(customPeriod('2026-03-10', '2026-03-01'))).toMatchObject({ from: '2026-02-19', to: '2026-02-28' });
  });

  it('says a report is in by the 15th day after the period, late after it, missing when never sent', () => {
    const h1 = periodOf('2026-H1')!;
    expect(reportStatus(h1, null, '2026-06-30')).toBe('open');
    expect(reportStatus(h1, null, '2026-07-15')).toBe('due');
    expect(reportStatus(h1, null, '2026-07-16')).toBe('missing');
    // 23:30 on the 15th in Vietnam is 16:30 UTC: still in time.
    expect(reportStatus(h1, '2026-07-15T16:30:00.000Z', '2026-11-01')).toBe('in');
    expect(reportStatus(h1, '2026-07-15T17:30:00.000Z', '2026-11-01')).toBe('late');
  });

  it('lists the half-years and years owed since the book began, newest first', () => {
    expect(reportedPeriods('2026-12-02', '2025-03-01').map((p) => p.key)).toEqual(['2026-H1', '2025', '2025-H2', '2025-H1']);
    expect(reportedPeriods('2026-12-02', '2010-01-01').at(-1)!.key).toBe('2023-H1');
  });
});
