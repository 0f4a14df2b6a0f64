import { describe, expect, it } from 'vitest';
import { reports, submissionsByPeriod, type Report } from '../../src/domain/reports';
import { validate } from '../../src/domain/validation';
import { stored } from './fixtures';

const report = (periodKey: string, from: string, to: string, createdAt: string, members = 60): Report =>
  stored({ periodKey, from, to, figures: { members, womenPercent: null }, note: null }, createdAt);

describe('a sent report', () => {
  it('is refused when its dates are not its period’s, when a figure is not a number, or when it holds too many figures', () => {
    expect(validate(reports.recordSchema, report('2026-H1', '2026-01-01', '2026-06-30', '2026-07-05T02:00:00.000Z')).ok).toBe(true);
    expect(validate(reports.recordSchema, report('2026-H1', '2026-01-01', '2026-06-29', '2026-07-05T02:00:00.000Z')).ok).toBe(false);
    const named = { ...report('2026-H1', '2026-01-01', '2026-06-30', '2026-07-05T02:00:00.000Z'), figures: { fullName: 'Nguyễn Thị Lan' } };
    expect(validate(reports.recordSchema, named).ok).toBe(false);
    const many = { ...report('2026', '2026-01-01', '2026-12-31', '2027-01-05T02:00:00.000Z'), figures: Object.fromEntries(Array.from({ length: 201 }, (_, i) => [`f${i}`, i])) };
    expect(validate(reports.recordSchema, many).ok).toBe(false);
    expect(validate(reports.recordSchema, { ...report('2026', '2026-01-01', '2026-12-31', '2027-01-05T02:00:00.000Z'), figures: { 'a b': 1 } }).ok).toBe(false);
  });

  it('is replaced by the next one sent for its period; the first one sent decides whether it was on time', () => {
    const first = report('2026-H1', '2026-01-01', '2026-06-30', '2026-07-05T02:00:00.000Z', 60);
    const correction = report('2026-H1', '2026-01-01', '2026-06-30', '2026-07-20T02:00:00.000Z', 61);
    const year = report('2025', '2025-01-01', '2025-12-31', '2026-01-10T02:00:00.000Z');
    const byPeriod = submissionsByPeriod([correction, year, first, { ...report('2026-H1', '2026-01-01', '2026-06-30', '2026-08-01T00:00:00.000Z'), deleted: true }]);
    expect(byPeriod.get('2026-H1')).toMatchObject({ latest: { id: correction.id }, firstSentAt: first.createdAt });
    expect(byPeriod.get('2026-H1')!.history.map((r) => r.figures.members)).toEqual([61, 60]);
    expect(byPeriod.get('2025')!.history).toHaveLength(1);
  });
});
